#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <expat.h>
#include <zip.h>

#include "csvio.h"
#include "util.h"
#include "xlsxread.h"

/*
 * libzip, opened the first time a workbook is read: linked, it and what
 * it links (libcrypto, libbz2, zlib) made every tool start a millisecond
 * later, 2.0 ms against 3.2 ms for svc-log --help, for what only an
 * import of a workbook uses.
 */
#define LIBZIP_SONAME "libzip.so.4"
static struct {
	int loaded;
	zip_t *(*open)(const char *, int, int *);
	zip_file_t *(*fopen)(zip_t *, const char *, zip_flags_t);
	const char *(*strerror)(zip_t *);
	zip_int64_t (*fread)(zip_file_t *, void *, zip_uint64_t);
	const char *(*file_strerror)(zip_file_t *);
	int (*fclose)(zip_file_t *);
	void (*error_init_with_code)(zip_error_t *, int);
	const char *(*error_strerror)(zip_error_t *);
	void (*error_fini)(zip_error_t *);
	zip_int64_t (*name_locate)(zip_t *, const char *, zip_flags_t);
	void (*discard)(zip_t *);
} zp;

/* Opens libzip once: 0, or -1 with e saying what is missing. */
static int
load_libzip(const char *path, struct svc_err *e)
{
#define SYM(f)	{ "zip_" #f, &zp.f }
	const struct { const char *name; void *slot; } syms[] = {
		SYM(open), SYM(fopen), SYM(strerror), SYM(fread),
		SYM(file_strerror), SYM(fclose), SYM(error_init_with_code),
		SYM(error_strerror), SYM(error_fini), SYM(name_locate),
		SYM(discard)
	};
#undef SYM
	void *h;

	if (zp.loaded)
		return 0;
	if ((h = dlopen(LIBZIP_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return svc_err_set(e, path, 0, NULL, "workbooks need %s "
		    "(Debian: apt-get install libzip4): %s", LIBZIP_SONAME,
		    dlerror());
	for (size_t i = 0; i < sizeof(syms) / sizeof(syms[0]); i++) {
		void *f = dlsym(h, syms[i].name);

		if (f == NULL)
			return svc_err_set(e, path, 0, NULL, "%s has no %s",
			    LIBZIP_SONAME, syms[i].name);
		/* a function pointer through its bytes, as POSIX dlsym has it */
		memcpy(syms[i].slot, &f, sizeof(f));
	}
	zp.loaded = 1;
	return 0;
}

#define CHUNK		65536
#define MAX_COLS	16384		/* XFD */
#define MAX_ROW		1048576L
#define NS_SEP		'\x01'		/* between a namespace and a name */

struct sheetref {
	char *name, *rid;
};

struct svc_xlsxr {
	zip_t *zip;
	char *path;
	char *sheet;		/* its name */
	char *part;		/* its zip entry */
	int date1904;

	/* the shared strings, each NUL-terminated in sst */
	struct svc_buf sst;
	size_t *sst_off;
	size_t nsst, capsst;

	/* per cellXfs index: its number format shows a date */
	unsigned char *xf_date;
	size_t nxf, capxf;
	int *fmt_date;		/* custom number formats that are dates */
	size_t nfmt, capfmt;
	int in_cellxfs;

	/* while reading workbook.xml and its relationships */
	struct sheetref *sheets;
	size_t nsheets, capsheets;
	char *want_rid;
	char *sst_part, *styles_part;

	/* the sheet's stream */
	zip_file_t *zf;
	XML_Parser p;
	int suspended, fed_final, eof;

	/* the cell being read */
	int in_row, in_c, in_v, in_is, in_rph, in_t;
	char ctype[12];
	long cstyle;
	long ccol;
	struct svc_buf text;

	/* the row being read; cells at off[col] in rowtext, SIZE_MAX none */
	long row, last_row;
	long last_col;
	struct svc_buf rowtext;
	size_t *off;
	size_t ncol, capcol;
	const char **cells;
	int ready;		/* a row has ended */

	int failed;
	struct svc_err err;
	const char *reading;	/* the part being parsed, for messages */
};

static const char *
local(const char *name)
{
	const char *s = strrchr(name, NS_SEP);

	return s ? s + 1 : name;
}

static const char *
attr(const char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strcmp(local(atts[i]), name) == 0)
			return atts[i + 1];
	return NULL;
}

char *
svc_xlsxr_col(size_t col, char *buf)
{
	char t[4];
	size_t n = 0;

	col++;
	while (col > 0 && n < 3) {
		t[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (size_t i = 0; i < n; i++)
		buf[i] = t[n - 1 - i];
	buf[n] = '\0';
	return buf;
}

/* Fails the reader: the message names the workbook, the sheet and the
 * cell being read where there is one. */
static void
xfail(struct svc_xlsxr *x, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
xfail(struct svc_xlsxr *x, const char *fmt, ...)
{
	char where[sizeof(x->err.file)], col[4];
	va_list ap;

	if (x->failed)
		return;
	x->failed = 1;
	if (x->in_c && x->ccol >= 0 && x->row > 0)
		snprintf(where, sizeof(where), "%s:%s!%s%ld", x->path,
		    x->sheet, svc_xlsxr_col((size_t)x->ccol, col), x->row);
	else if (x->row > 0)
		snprintf(where, sizeof(where), "%s:%s!%ld:%ld", x->path,
		    x->sheet, x->row, x->row);
	else
		snprintf(where, sizeof(where), "%s", x->path);
	svc_err_set(&x->err, where, 0, NULL, "%s", "");
	va_start(ap, fmt);
	vsnprintf(x->err.msg, sizeof(x->err.msg), fmt, ap);
	va_end(ap);
	if (x->p != NULL)
		XML_StopParser(x->p, XML_FALSE);
}

static void XMLCALL
no_doctype(void *arg, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int internal)
{
	struct svc_xlsxr *x = arg;

	(void)name, (void)sysid, (void)pubid, (void)internal;
	/* a workbook has none; one could only expand entities at us */
	xfail(x, "%s: a document type declaration in a workbook part",
	    x->reading);
}

static XML_Parser
parser_new(struct svc_xlsxr *x, XML_StartElementHandler start,
    XML_EndElementHandler end, XML_CharacterDataHandler chars)
{
	XML_Parser p = XML_ParserCreateNS("UTF-8", NS_SEP);

	if (p == NULL)
		svc_oom(0);
	XML_SetUserData(p, x);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, chars);
	XML_SetStartDoctypeDeclHandler(p, no_doctype);
	return p;
}

static void
xml_fail(struct svc_xlsxr *x, XML_Parser p)
{
	xfail(x, "%s:%lu: bad XML: %s", x->reading,
	    (unsigned long)XML_GetCurrentLineNumber(p),
	    XML_ErrorString(XML_GetErrorCode(p)));
}

static zip_file_t *
open_part(struct svc_xlsxr *x, const char *name)
{
	zip_file_t *zf = zp.fopen(x->zip, name, 0);

	if (zf == NULL)
		xfail(x, "%s: cannot read from the workbook: %s", name,
		    zp.strerror(x->zip));
	return zf;
}

/* Parses a whole part (workbook.xml, styles, shared strings). */
static int
parse_part(struct svc_xlsxr *x, const char *name,
    XML_StartElementHandler start, XML_EndElementHandler end,
    XML_CharacterDataHandler chars)
{
	zip_file_t *zf;
	zip_int64_t n;
	XML_Parser p;
	void *buf;

	x->reading = name;
	if ((zf = open_part(x, name)) == NULL)
		return -1;
	p = parser_new(x, start, end, chars);
	x->p = p;
	do {
		buf = XML_GetBuffer(p, CHUNK);
		if (buf == NULL)
			svc_oom(0);
		if ((n = zp.fread(zf, buf, CHUNK)) < 0) {
			xfail(x, "%s: cannot inflate: %s", name,
			    zp.file_strerror(zf));
			break;
		}
		if (XML_ParseBuffer(p, (int)n, n == 0) != XML_STATUS_OK) {
			if (!x->failed)
				xml_fail(x, p);
			break;
		}
	} while (n > 0);
	x->p = NULL;
	XML_ParserFree(p);
	zp.fclose(zf);
	return x->failed ? -1 : 0;
}

static void XMLCALL
ignore_chars(void *arg, const XML_Char *s, int len)
{
	(void)arg, (void)s, (void)len;
}

static void XMLCALL
ignore_end(void *arg, const XML_Char *name)
{
	(void)arg, (void)name;
}

/* workbook.xml: the 1904 flag and the sheets, in order */
static void XMLCALL
wb_start(void *arg, const XML_Char *name, const XML_Char **atts)
{
	struct svc_xlsxr *x = arg;
	const char *n = local(name), *v;

	if (strcmp(n, "workbookPr") == 0 && (v = attr(atts, "date1904")))
		x->date1904 = strcmp(v, "1") == 0 || strcmp(v, "true") == 0;
	else if (strcmp(n, "sheet") == 0) {
		const char *sn = attr(atts, "name"), *id = attr(atts, "id");

		if (sn == NULL || id == NULL)
			return;
		if (x->nsheets == x->capsheets) {
			x->capsheets = x->capsheets ? 2 * x->capsheets : 8;
			x->sheets = svc_xrealloc(x->sheets, x->capsheets *
			    sizeof(*x->sheets));
		}
		x->sheets[x->nsheets].name = svc_xstrdup(sn);
		x->sheets[x->nsheets++].rid = svc_xstrdup(id);
	}
}

/* a relationship's target as a zip entry name: relative to xl/ */
static char *
target(const char *t)
{
	struct svc_buf b = { 0 };

	if (t[0] == '/')
		svc_buf_adds(&b, t + 1);
	else {
		svc_buf_adds(&b, "xl/");
		svc_buf_adds(&b, t);
	}
	return b.s;
}

static int
ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);

	return n >= m && strcmp(s + n - m, end) == 0;
}

static void XMLCALL
rels_start(void *arg, const XML_Char *name, const XML_Char **atts)
{
	struct svc_xlsxr *x = arg;
	const char *id, *t, *type;

	if (strcmp(local(name), "Relationship") != 0 ||
	    (id = attr(atts, "Id")) == NULL ||
	    (t = attr(atts, "Target")) == NULL)
		return;
	type = attr(atts, "Type");
	if (strcmp(id, x->want_rid) == 0 && x->part == NULL)
		x->part = target(t);
	else if (type && ends_with(type, "/sharedStrings") && !x->sst_part)
		x->sst_part = target(t);
	else if (type && ends_with(type, "/styles") && !x->styles_part)
		x->styles_part = target(t);
}

/* Excel's own date and time formats, and those of its CJK locales */
int
svc_xlsxr_date_format(int id, const char *code)
{
	int q = 0;

	if (code == NULL)
		return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) ||
		    (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
	for (const char *s = code; *s; s++) {
		if (q) {
			q = *s != '"';
			continue;
		}
		switch (*s) {
		case '"':
			q = 1;
			break;
		case '\\':
		case '_':
		case '*':
			if (s[1] != '\0')
				s++;
			break;
		case '[':
			/* [Red], [$-804]; [h] and [mm] are elapsed times */
			if (strchr("hHmMsS", s[1]) != NULL)
				return 1;
			while (*s && *s != ']')
				s++;
			if (*s == '\0')
				return 0;
			break;
		case ';':
			/* the positive numbers' section decides */
			return 0;
		default:
			if (strchr("dDmMyYhHsS", *s) != NULL)
				return 1;
		}
	}
	return 0;
}

static void XMLCALL
styles_start(void *arg, const XML_Char *name, const XML_Char **atts)
{
	struct svc_xlsxr *x = arg;
	const char *n = local(name), *v;
	long id;

	if (strcmp(n, "numFmt") == 0) {
		v = attr(atts, "formatCode");
		if (attr(atts, "numFmtId") == NULL || v == NULL ||
		    svc_parse_long(attr(atts, "numFmtId"), 0, 100000, &id) < 0 ||
		    !svc_xlsxr_date_format(-1, v))
			return;
		if (x->nfmt == x->capfmt) {
			x->capfmt = x->capfmt ? 2 * x->capfmt : 16;
			x->fmt_date = svc_xrealloc(x->fmt_date, x->capfmt *
			    sizeof(*x->fmt_date));
		}
		x->fmt_date[x->nfmt++] = (int)id;
	} else if (strcmp(n, "cellXfs") == 0)
		x->in_cellxfs = 1;
	else if (x->in_cellxfs && strcmp(n, "xf") == 0) {
		int date = 0;

		v = attr(atts, "numFmtId");
		if (v != NULL && svc_parse_long(v, 0, 100000, &id) == 0) {
			date = svc_xlsxr_date_format((int)id, NULL);
			for (size_t i = 0; i < x->nfmt; i++)
				if (x->fmt_date[i] == id)
					date = 1;
		}
		if (x->nxf == x->capxf) {
			x->capxf = x->capxf ? 2 * x->capxf : 32;
			x->xf_date = svc_xrealloc(x->xf_date, x->capxf);
		}
		x->xf_date[x->nxf++] = (unsigned char)date;
	}
}

static void XMLCALL
styles_end(void *arg, const XML_Char *name)
{
	struct svc_xlsxr *x = arg;

	if (strcmp(local(name), "cellXfs") == 0)
		x->in_cellxfs = 0;
}

/* Text of <t> in a string item (si, is), phonetic runs left out. */
static void XMLCALL
text_chars(void *arg, const XML_Char *s, int len)
{
	struct svc_xlsxr *x = arg;

	if (!(x->in_t && !x->in_rph) && !x->in_v)
		return;
	if (x->text.len + (size_t)len > SVC_CSV_FIELD_MAX) {
		xfail(x, "a cell longer than %d bytes", SVC_CSV_FIELD_MAX);
		return;
	}
	svc_buf_add(&x->text, s, (size_t)len);
}

static void XMLCALL
sst_start(void *arg, const XML_Char *name, const XML_Char **atts)
{
	struct svc_xlsxr *x = arg;
	const char *n = local(name);

	(void)atts;
	if (strcmp(n, "si") == 0)
		svc_buf_reset(&x->text);
	else if (strcmp(n, "t") == 0)
		x->in_t = 1;
	else if (strcmp(n, "rPh") == 0)
		x->in_rph = 1;
}

static void XMLCALL
sst_end(void *arg, const XML_Char *name)
{
	struct svc_xlsxr *x = arg;
	const char *n = local(name);

	if (strcmp(n, "t") == 0)
		x->in_t = 0;
	else if (strcmp(n, "rPh") == 0)
		x->in_rph = 0;
	else if (strcmp(n, "si") == 0) {
		if (x->nsst == x->capsst) {
			x->capsst = x->capsst ? 2 * x->capsst : 256;
			x->sst_off = svc_xrealloc(x->sst_off, x->capsst *
			    sizeof(*x->sst_off));
		}
		x->sst_off[x->nsst++] = x->sst.len;
		svc_buf_add(&x->sst, x->text.s ? x->text.s : "", x->text.len);
		svc_buf_add(&x->sst, "", 1);
	}
}

/* days since 1970-01-01 to a civil date (Howard Hinnant's algorithm) */
static void
civil(long long z, int *y, int *m, int *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

int
svc_xlsxr_serial(double v, int date1904, char *buf, struct svc_err *e)
{
	/* 9999-12-31 in the 1900 system; the 1904 one ends 1462 days sooner */
	double max = date1904 ? 2957003.0 : 2958465.0;
	long long days, secs;
	char t[80];
	int y, m, d;

	if (!isfinite(v) || v < 0 || v >= max + 1)
		return svc_err_set(e, NULL, 0, NULL, "serial date %g is out "
		    "of range", v);
	days = (long long)floor(v);
	secs = llround((v - (double)days) * 86400.0);
	if (secs == 86400) {
		days++;
		secs = 0;
	}
	if (days == 0) {
		snprintf(buf, 32, "%02lld:%02lld:%02lld", secs / 3600,
		    secs / 60 % 60, secs % 60);
		return 0;
	}
	if (date1904)
		days += -24107;		/* 1904-01-01 is day -24107 of 1970 */
	else if (days == 60)
		return svc_err_set(e, NULL, 0, NULL, "serial date 60 is "
		    "1900-02-29, a day Excel counts but the calendar has not");
	else
		/* serials 1..59 count from 1899-12-31, the rest skip the
		 * false leap day and count from 1899-12-30 */
		days += days < 60 ? -25568 : -25569;
	civil(days, &y, &m, &d);
	if (days > 2932896 || (days == 2932896 && secs > 0))
		return svc_err_set(e, NULL, 0, NULL, "serial date %g is out "
		    "of range", v);
	if (secs == 0)
		snprintf(t, sizeof(t), "%04d-%02d-%02d", y, m, d);
	else
		snprintf(t, sizeof(t), "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d,
		    (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
	t[31] = '\0';	/* y, m, d are in range: it is shorter */
	memcpy(buf, t, 32);
	return 0;
}

/* A cell reference's column and row ("C7"); -1 when it is not one. */
static int
parse_ref(const char *s, long *col, long *row)
{
	long c = 0, r = 0;
	int nl = 0, nd = 0;

	for (; *s >= 'A' && *s <= 'Z'; s++, nl++)
		if ((c = c * 26 + (*s - 'A' + 1)) > MAX_COLS)
			return -1;
	for (; *s >= '0' && *s <= '9'; s++, nd++)
		if ((r = r * 10 + (*s - '0')) > MAX_ROW)
			return -1;
	if (*s != '\0' || nl == 0 || nd == 0 || r == 0)
		return -1;
	*col = c - 1;
	*row = r;
	return 0;
}

static void
put_cell(struct svc_xlsxr *x, const char *s, size_t len)
{
	size_t col = (size_t)x->ccol;

	while (x->ncol <= col) {
		if (x->ncol == x->capcol) {
			x->capcol = x->capcol ? 2 * x->capcol : 32;
			x->off = svc_xrealloc(x->off, x->capcol *
			    sizeof(*x->off));
		}
		x->off[x->ncol++] = SIZE_MAX;
	}
	x->off[col] = x->rowtext.len;
	svc_buf_add(&x->rowtext, s, len);
	svc_buf_add(&x->rowtext, "", 1);
}

static void XMLCALL
sheet_start(void *arg, const XML_Char *name, const XML_Char **atts)
{
	struct svc_xlsxr *x = arg;
	const char *n = local(name), *v;
	long col, row;

	if (strcmp(n, "row") == 0) {
		x->in_row = 1;
		x->ncol = 0;
		x->last_col = -1;
		svc_buf_reset(&x->rowtext);
		if ((v = attr(atts, "r")) == NULL)
			x->row = x->last_row + 1;
		else if (svc_parse_long(v, x->last_row + 1, MAX_ROW, &row) < 0) {
			xfail(x, "row '%s' after row %ld", v, x->last_row);
			return;
		} else
			x->row = row;
	} else if (x->in_row && strcmp(n, "c") == 0) {
		x->in_c = 1;
		svc_buf_reset(&x->text);
		v = attr(atts, "t");
		snprintf(x->ctype, sizeof(x->ctype), "%s", v ? v : "n");
		v = attr(atts, "s");
		if (v == NULL || svc_parse_long(v, 0, 1000000, &x->cstyle) < 0)
			x->cstyle = 0;
		v = attr(atts, "r");
		if (v == NULL)
			col = x->last_col + 1;
		else if (parse_ref(v, &col, &row) < 0 || row != x->row) {
			x->ccol = -1;
			xfail(x, "bad cell reference '%s'", v);
			return;
		}
		if (col >= MAX_COLS || col <= x->last_col) {
			x->ccol = -1;
			xfail(x, "cell out of order or past column XFD");
			return;
		}
		x->ccol = x->last_col = col;
	} else if (x->in_c && strcmp(n, "v") == 0)
		x->in_v = 1;
	else if (x->in_c && strcmp(n, "is") == 0)
		x->in_is = 1;
	else if (x->in_is && strcmp(n, "t") == 0)
		x->in_t = 1;
	else if (x->in_is && strcmp(n, "rPh") == 0)
		x->in_rph = 1;
}

/* The current cell's text, from its type and style. */
static void
end_cell(struct svc_xlsxr *x)
{
	const char *t = x->ctype, *s = x->text.s ? x->text.s : "";
	char num[40];
	struct svc_err e;
	double v;
	long i;

	if (strcmp(t, "s") == 0) {
		if (svc_parse_long(s, 0, (long)x->nsst - 1, &i) < 0) {
			xfail(x, "shared string '%s' is not in the workbook",
			    s);
			return;
		}
		s = x->sst.s + x->sst_off[i];
		put_cell(x, s, strlen(s));
	} else if (strcmp(t, "b") == 0)
		put_cell(x, strcmp(s, "1") == 0 ? "true" : "false",
		    strcmp(s, "1") == 0 ? 4 : 5);
	else if (strcmp(t, "n") != 0 || *s == '\0')
		put_cell(x, s, strlen(s));
	else if (svc_parse_num(s, &v) < 0)
		xfail(x, "bad number '%s'", s);
	else if (x->cstyle >= 0 && (size_t)x->cstyle < x->nxf &&
	    x->xf_date[x->cstyle]) {
		if (svc_xlsxr_serial(v, x->date1904, num, &e) < 0)
			xfail(x, "%s", e.msg);
		else
			put_cell(x, num, strlen(num));
	} else {
		/* the shortest form that reads back as the same number */
		snprintf(num, sizeof(num), "%.15g", v);
		if (strtod(num, NULL) != v)
			snprintf(num, sizeof(num), "%.17g", v);
		put_cell(x, num, strlen(num));
	}
}

static void XMLCALL
sheet_end(void *arg, const XML_Char *name)
{
	struct svc_xlsxr *x = arg;
	const char *n = local(name);

	if (x->failed)
		return;
	if (strcmp(n, "v") == 0)
		x->in_v = 0;
	else if (strcmp(n, "t") == 0)
		x->in_t = 0;
	else if (strcmp(n, "rPh") == 0)
		x->in_rph = 0;
	else if (strcmp(n, "is") == 0)
		x->in_is = 0;
	else if (strcmp(n, "c") == 0 && x->in_c) {
		end_cell(x);
		x->in_c = 0;
	} else if (strcmp(n, "row") == 0 && x->in_row) {
		x->in_row = 0;
		x->last_row = x->row;
		x->ready = 1;
		XML_StopParser(x->p, XML_TRUE);
	}
}

static void
free_sheets(struct svc_xlsxr *x)
{
	for (size_t i = 0; i < x->nsheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].rid);
	}
	free(x->sheets);
	x->sheets = NULL;
	x->nsheets = 0;
}

/* Finds the sheet asked for, or says which there are. */
static int
pick_sheet(struct svc_xlsxr *x, const char *sheet)
{
	struct svc_buf b = { 0 };
	size_t i;

	for (i = 0; i < x->nsheets; i++)
		if (sheet == NULL || strcmp(x->sheets[i].name, sheet) == 0)
			break;
	if (i < x->nsheets) {
		x->sheet = svc_xstrdup(x->sheets[i].name);
		x->want_rid = svc_xstrdup(x->sheets[i].rid);
		return 0;
	}
	if (sheet == NULL) {
		xfail(x, "the workbook has no sheet");
		return -1;
	}
	for (i = 0; i < x->nsheets && b.len < 200; i++)
		svc_buf_printf(&b, "%s'%s'", i ? ", " : "", x->sheets[i].name);
	if (i < x->nsheets)
		svc_buf_adds(&b, ", ...");
	xfail(x, "no sheet '%s' (the workbook has %s)", sheet, b.s);
	svc_buf_release(&b);
	return -1;
}

struct svc_xlsxr *
svc_xlsxr_open(const char *path, const char *sheet, struct svc_err *e)
{
	struct svc_xlsxr *x = svc_xcalloc(1, sizeof(*x));
	int zerr = 0;

	x->path = svc_xstrdup(path);
	x->ccol = -1;
	if (load_libzip(path, &x->err) < 0) {
		x->failed = 1;
		goto fail;
	}
	if ((x->zip = zp.open(path, ZIP_RDONLY, &zerr)) == NULL) {
		zip_error_t ze;

		zp.error_init_with_code(&ze, zerr);
		if (zerr == ZIP_ER_OPEN)
			svc_err_sys(&x->err, path, errno, "cannot open");
		else
			svc_err_set(&x->err, path, 0, NULL, "not an .xlsx "
			    "workbook (%s)", zp.error_strerror(&ze));
		zp.error_fini(&ze);
		x->failed = 1;
		goto fail;
	}
	if (zp.name_locate(x->zip, "xl/workbook.xml", 0) < 0) {
		xfail(x, "not an .xlsx workbook (no xl/workbook.xml)");
		goto fail;
	}
	if (parse_part(x, "xl/workbook.xml", wb_start, ignore_end,
	    ignore_chars) < 0 || pick_sheet(x, sheet) < 0 ||
	    parse_part(x, "xl/_rels/workbook.xml.rels", rels_start,
	    ignore_end, ignore_chars) < 0)
		goto fail;
	free_sheets(x);
	if (x->part == NULL) {
		xfail(x, "sheet '%s' has no part in the workbook", x->sheet);
		goto fail;
	}
	if (x->styles_part && parse_part(x, x->styles_part, styles_start,
	    styles_end, ignore_chars) < 0)
		goto fail;
	if (x->sst_part && parse_part(x, x->sst_part, sst_start, sst_end,
	    text_chars) < 0)
		goto fail;
	x->reading = x->part;
	if ((x->zf = open_part(x, x->part)) == NULL)
		goto fail;
	x->p = parser_new(x, sheet_start, sheet_end, text_chars);
	return x;
fail:
	if (e != NULL)
		*e = x->err;
	svc_xlsxr_close(x);
	return NULL;
}

/* Parses until a row ends or the sheet does. */
static int
pump(struct svc_xlsxr *x)
{
	enum XML_Status st;
	zip_int64_t n;
	void *buf;

	if (x->suspended) {
		x->suspended = 0;
		st = XML_ResumeParser(x->p);
		if (st == XML_STATUS_SUSPENDED)
			return x->suspended = 1, 0;
		if (st != XML_STATUS_OK)
			goto bad;
		if (x->fed_final)
			x->eof = 1;
	}
	while (!x->ready && !x->eof) {
		if ((buf = XML_GetBuffer(x->p, CHUNK)) == NULL)
			svc_oom(0);
		if ((n = zp.fread(x->zf, buf, CHUNK)) < 0) {
			xfail(x, "%s: cannot inflate: %s", x->part,
			    zp.file_strerror(x->zf));
			return -1;
		}
		x->fed_final = n == 0;
		st = XML_ParseBuffer(x->p, (int)n, n == 0);
		if (st == XML_STATUS_SUSPENDED)
			return x->suspended = 1, 0;
		if (st != XML_STATUS_OK)
			goto bad;
		if (n == 0)
			x->eof = 1;
	}
	return 0;
bad:
	if (!x->failed)
		xml_fail(x, x->p);
	return -1;
}

int
svc_xlsxr_next(struct svc_xlsxr *x, const char *const **cells, size_t *n,
    long *row, struct svc_err *e)
{
	if (!x->failed && pump(x) == 0 && x->ready) {
		x->ready = 0;
		x->cells = svc_xrealloc(x->cells, (x->ncol ? x->ncol : 1) *
		    sizeof(*x->cells));
		for (size_t i = 0; i < x->ncol; i++)
			x->cells[i] = x->off[i] == SIZE_MAX ? "" :
			    x->rowtext.s + x->off[i];
		*cells = x->cells;
		*n = x->ncol;
		*row = x->row;
		return 1;
	}
	if (x->failed) {
		if (e != NULL)
			*e = x->err;
		return -1;
	}
	return 0;
}

const char *
svc_xlsxr_sheet(const struct svc_xlsxr *x)
{
	return x->sheet;
}

void
svc_xlsxr_close(struct svc_xlsxr *x)
{
	if (x == NULL)
		return;
	if (x->p != NULL)
		XML_ParserFree(x->p);
	if (x->zf != NULL)
		zp.fclose(x->zf);
	if (x->zip != NULL)
		zp.discard(x->zip);
	free_sheets(x);
	free(x->path);
	free(x->sheet);
	free(x->part);
	free(x->want_rid);
	free(x->sst_part);
	free(x->styles_part);
	svc_buf_release(&x->sst);
	free(x->sst_off);
	free(x->xf_date);
	free(x->fmt_date);
	svc_buf_release(&x->text);
	svc_buf_release(&x->rowtext);
	free(x->off);
	free(x->cells);
	free(x);
}
