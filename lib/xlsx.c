#include <ctype.h>
#include <dlfcn.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "period.h"
#include "util.h"
#include "xlsx.h"

/*
 * libxlsxwriter is opened when the first workbook is written, not linked:
 * it brings libcrypto, minizip and zlib, whose loading doubled every
 * tool's start-up (svc-log --help 1.9 -> 4.2 ms, and each add with it)
 * for a format few runs ask for. The prototypes are its header's, and the
 * soname is its ABI (Debian 12: libxlsxwriter4).
 */
#define XLSXWRITER_SONAME "libxlsxwriter.so.4"

static struct {
	int loaded;
	lxw_workbook *(*workbook_new_opt)(const char *, lxw_workbook_options *);
	lxw_error (*workbook_close)(lxw_workbook *);
	lxw_worksheet *(*workbook_add_worksheet)(lxw_workbook *, const char *);
	lxw_format *(*workbook_add_format)(lxw_workbook *);
	lxw_error (*workbook_set_properties)(lxw_workbook *,
	    lxw_doc_properties *);
	lxw_error (*worksheet_set_column)(lxw_worksheet *, lxw_col_t,
	    lxw_col_t, double, lxw_format *);
	lxw_error (*worksheet_write_string)(lxw_worksheet *, lxw_row_t,
	    lxw_col_t, const char *, lxw_format *);
	lxw_error (*worksheet_write_number)(lxw_worksheet *, lxw_row_t,
	    lxw_col_t, double, lxw_format *);
	lxw_error (*worksheet_write_datetime)(lxw_worksheet *, lxw_row_t,
	    lxw_col_t, lxw_datetime *, lxw_format *);
	lxw_error (*worksheet_ignore_errors)(lxw_worksheet *, uint8_t,
	    const char *);
	void (*worksheet_freeze_panes)(lxw_worksheet *, lxw_row_t, lxw_col_t);
	lxw_error (*worksheet_autofilter)(lxw_worksheet *, lxw_row_t,
	    lxw_col_t, lxw_row_t, lxw_col_t);
	void (*format_set_num_format)(lxw_format *, const char *);
	void (*format_set_font_color)(lxw_format *, lxw_color_t);
	void (*format_set_bold)(lxw_format *);
	char *(*lxw_strerror)(lxw_error);
	void (*lxw_rowcol_to_cell)(char *, lxw_row_t, lxw_col_t);
} lxw;

/* Opens the library once: 0, or -1 with e saying what is missing. */
static int
load_xlsxwriter(struct svc_err *e)
{
#define SYM(f)	{ #f, &lxw.f }
	const struct { const char *name; void *slot; } syms[] = {
		SYM(workbook_new_opt), SYM(workbook_close),
		SYM(workbook_add_worksheet), SYM(workbook_add_format),
		SYM(workbook_set_properties), SYM(worksheet_set_column),
		SYM(worksheet_write_string), SYM(worksheet_write_number),
		SYM(worksheet_write_datetime), SYM(worksheet_ignore_errors),
		SYM(worksheet_freeze_panes), SYM(worksheet_autofilter),
		SYM(format_set_num_format), SYM(format_set_font_color),
		SYM(format_set_bold), SYM(lxw_strerror),
		SYM(lxw_rowcol_to_cell)
	};
#undef SYM
	void *h;

	if (lxw.loaded)
		return 0;
	if ((h = dlopen(XLSXWRITER_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return svc_err_set(e, NULL, 0, "--format", "workbooks need "
		    "%s (Debian: apt-get install libxlsxwriter4): %s",
		    XLSXWRITER_SONAME, dlerror());
	for (size_t i = 0; i < sizeof(syms) / sizeof(syms[0]); i++) {
		void *f = dlsym(h, syms[i].name);

		if (f == NULL)
			return svc_err_set(e, NULL, 0, "--format", "%s has no "
			    "%s", XLSXWRITER_SONAME, syms[i].name);
		/* a function pointer through its bytes, as POSIX dlsym has it */
		memcpy(syms[i].slot, &f, sizeof(f));
	}
	lxw.loaded = 1;
	return 0;
}

/* Excel's limits: sheet names, columns shown, characters in a cell. */
#define SHEET_CHARS 31
#define MAX_WIDTH 60
#define CELL_CHARS 32767

static int
parse_number(const char *s, struct svc_xlsx_value *v)
{
	const char *dot;
	char *end;
	double d;

	/* only what reports print: digits, a sign, a point; no "inf", no
	 * hex, no exponent a spreadsheet would show otherwise */
	if (*s == '\0' || strspn(s, "+-0123456789.") != strlen(s))
		return 0;
	errno = 0;
	d = strtod(s, &end);
	if (*end != '\0' || errno != 0 || !isfinite(d))
		return 0;
	v->kind = SVC_XLSX_NUM;
	v->num = d;
	v->sign = *s == '+';
	dot = strchr(s, '.');
	v->decimals = dot ? (int)strlen(dot + 1) : 0;
	return 1;
}

static int
parse_date(const char *s, struct svc_xlsx_value *v)
{
	struct svc_err e = { 0 };
	time_t t;

	if (strlen(s) < 10 || !isdigit((unsigned char)s[0]) || s[4] != '-' ||
	    svc_time_parse(s, &t, &e) < 0)
		return 0;
	/* a date alone is its local midnight, so it reads back as itself;
	 * an instant with an offset becomes the local time it was */
	localtime_r(&t, &v->tm);
	v->kind = s[10] == '\0' ? SVC_XLSX_DATE : SVC_XLSX_DATETIME;
	return 1;
}

void
svc_xlsx_value(const struct svc_table *t, size_t r, size_t c,
    struct svc_xlsx_value *v)
{
	const struct svc_cell *cell = &t->rows[r].cells[c];
	enum svc_cell_data data = cell->data ? cell->data : t->cols[c].data;

	memset(v, 0, sizeof(*v));
	if (cell->text[0] == '\0')
		return;
	v->kind = SVC_XLSX_TEXT;
	if (data == SVC_DATA_TEXT)
		return;
	if (data == SVC_DATA_NUM || cell->type == SVC_CELL_NUM) {
		parse_number(cell->text, v);
		return;
	}
	if (t->cols[c].type == SVC_CELL_DATE || cell->type == SVC_CELL_DATE)
		parse_date(cell->text, v);
}

double
svc_xlsx_width(const struct svc_table *t, size_t c)
{
	int w = svc_text_width(t->cols[c].title);

	for (size_t r = 0; r < t->nrows; r++) {
		struct svc_xlsx_value v;
		int cw;

		svc_xlsx_value(t, r, c, &v);
		cw = v.kind == SVC_XLSX_DATE ? 10 :
		    v.kind == SVC_XLSX_DATETIME ? 16 :
		    svc_text_width(t->rows[r].cells[c].text);
		if (cw > w)
			w = cw;
	}
	/* the header's filter button takes about two characters */
	return w + 3 > MAX_WIDTH ? MAX_WIDTH : w + 3;
}

/* Nonzero if name is one of taken[0..n), ASCII case ignored (as Excel
 * compares sheet names). */
static int
is_taken(const char *name, char *const *taken, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(name, taken[i]) == 0)
			return 1;
	return 0;
}

/* s cut to at most max UTF-8 characters, into b. */
static void
add_chars(struct svc_buf *b, const char *s, int max)
{
	const char *p = s;

	for (int n = 0; *p && n < max; n++)
		do
			p++;
		while ((*p & 0xc0) == 0x80);
	svc_buf_add(b, s, (size_t)(p - s));
}

char *
svc_xlsx_sheet_name(const char *title, const char *fallback,
    char *const *taken, size_t ntaken)
{
	struct svc_buf clean = { 0 }, b = { 0 };
	const char *s;

	for (s = *title ? title : fallback; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch < 0x20 || ch == 0x7f || strchr("[]:*?/\\", ch))
			svc_buf_add(&clean, "_", 1);
		else
			svc_buf_add(&clean, s, 1);
	}
	svc_buf_adds(&clean, "");
	s = clean.s;
	while (*s == '\'')
		s++;
	while (clean.len > (size_t)(s - clean.s) &&
	    clean.s[clean.len - 1] == '\'')
		clean.s[--clean.len] = '\0';
	if (*s == '\0')
		s = "sheet";
	add_chars(&b, s, SHEET_CHARS);
	for (int n = 2; is_taken(b.s, taken, ntaken); n++) {
		char suffix[16];

		snprintf(suffix, sizeof(suffix), " (%d)", n);
		svc_buf_reset(&b);
		add_chars(&b, s, SHEET_CHARS - (int)strlen(suffix));
		svc_buf_adds(&b, suffix);
	}
	svc_buf_release(&clean);
	return b.s;
}

/* The workbook being written: its formats, made once each, and the
 * first error met. */
struct book {
	lxw_workbook *wb;
	struct fmt {
		int bold, red;
		char num[40];
		lxw_format *f;
	} fmts[48];
	size_t nfmts;
	char **names;
	size_t nnames;
	struct svc_err *e;
	int failed;
};

static lxw_format *
format(struct book *bk, int bold, int red, const char *num)
{
	struct fmt *f;

	if (!bold && !red && *num == '\0')
		return NULL;	/* the default, with no lookup per cell */
	for (size_t i = 0; i < bk->nfmts; i++) {
		f = &bk->fmts[i];
		if (f->bold == bold && f->red == red &&
		    strcmp(f->num, num) == 0)
			return f->f;
	}
	/* 2 x 2 x the few decimals and date forms reports use */
	if (bk->nfmts == sizeof(bk->fmts) / sizeof(bk->fmts[0]))
		return NULL;
	f = &bk->fmts[bk->nfmts++];
	f->bold = bold;
	f->red = red;
	snprintf(f->num, sizeof(f->num), "%s", num);
	f->f = lxw.workbook_add_format(bk->wb);
	if (bold)
		lxw.format_set_bold(f->f);
	if (red)
		lxw.format_set_font_color(f->f, LXW_COLOR_RED);
	if (*num)
		lxw.format_set_num_format(f->f, num);
	return f->f;
}

/* "0.00", or "+0.0;-0.0;0.0" for a signed change: as the report shows
 * the number. */
static void
num_format(const struct svc_xlsx_value *v, char *buf, size_t size)
{
	char one[12] = "0";

	/* reports show at most three; a spreadsheet shows no more than 9 */
	if (v->decimals > 0) {
		int d = v->decimals > 9 ? 9 : v->decimals;

		snprintf(one, sizeof(one), "0.%.*s", d, "000000000");
	}
	if (v->sign)
		snprintf(buf, size, "+%s;-%s;%s", one, one, one);
	else if (v->decimals > 0)
		snprintf(buf, size, "%s", one);
	else
		buf[0] = '\0';
}

static void
failed(struct book *bk, const char *sheet, lxw_row_t r, lxw_col_t c,
    lxw_error rc)
{
	char cell[16], long_text[64];

	snprintf(long_text, sizeof(long_text), "text longer than a cell holds "
	    "(%d characters)", CELL_CHARS);
	if (bk->failed++)
		return;
	lxw.lxw_rowcol_to_cell(cell, r, c);
	svc_err_set(bk->e, NULL, 0, NULL, "workbook: %s!%s: %s", sheet, cell,
	    rc == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED ? long_text :
	    lxw.lxw_strerror(rc));
}

static void
put_cell(struct book *bk, lxw_worksheet *ws, const char *sheet,
    lxw_row_t r, lxw_col_t c, const char *text,
    const struct svc_xlsx_value *v, int bold, int red)
{
	lxw_datetime dt;
	lxw_error rc = LXW_NO_ERROR;
	char num[40];

	switch (v->kind) {
	case SVC_XLSX_BLANK:
		return;
	case SVC_XLSX_NUM:
		num_format(v, num, sizeof(num));
		rc = lxw.worksheet_write_number(ws, r, c, v->num,
		    format(bk, bold, red, num));
		break;
	case SVC_XLSX_DATE:
	case SVC_XLSX_DATETIME:
		dt.year = v->tm.tm_year + 1900;
		dt.month = v->tm.tm_mon + 1;
		dt.day = v->tm.tm_mday;
		dt.hour = v->tm.tm_hour;
		dt.min = v->tm.tm_min;
		dt.sec = v->tm.tm_sec;
		rc = lxw.worksheet_write_datetime(ws, r, c, &dt, format(bk, bold,
		    red, v->kind == SVC_XLSX_DATE ? "yyyy-mm-dd" :
		    "yyyy-mm-dd hh:mm"));
		break;
	case SVC_XLSX_TEXT:
		/* a string cell is never a formula, whatever it starts
		 * with */
		rc = lxw.worksheet_write_string(ws, r, c, text, format(bk, bold,
		    red, ""));
		break;
	}
	if (rc != LXW_NO_ERROR)
		failed(bk, sheet, r, c, rc);
}

static lxw_worksheet *
add_sheet(struct book *bk, const char *title, const char *fallback,
    char **name)
{
	lxw_worksheet *ws;

	*name = svc_xlsx_sheet_name(title, fallback, bk->names, bk->nnames);
	bk->names = svc_xrealloc(bk->names, (bk->nnames + 1) *
	    sizeof(*bk->names));
	bk->names[bk->nnames++] = *name;
	if ((ws = lxw.workbook_add_worksheet(bk->wb, *name)) == NULL &&
	    !bk->failed++)
		svc_err_set(bk->e, NULL, 0, NULL, "workbook: cannot add a "
		    "sheet named '%s'", *name);
	return ws;
}

/* The header row (written bold) frozen. */
static void
header(lxw_worksheet *ws)
{
	lxw.worksheet_freeze_panes(ws, 1, 0);
	/* ids and account numbers are text on purpose */
	lxw.worksheet_ignore_errors(ws, LXW_IGNORE_NUMBER_STORED_AS_TEXT,
	    "A1:XFD1048576");
}

static void
table_sheet(struct book *bk, const struct svc_table *t, const char *fallback)
{
	lxw_worksheet *ws;
	lxw_col_t x = 0;
	char *name;

	if ((ws = add_sheet(bk, t->title, fallback, &name)) == NULL)
		return;
	for (size_t c = 0; c < t->ncols; c++) {
		struct svc_xlsx_value hv = { .kind = SVC_XLSX_TEXT };

		if (t->cols[c].type == SVC_CELL_BAR)
			continue;
		lxw.worksheet_set_column(ws, x, x, svc_xlsx_width(t, c), NULL);
		put_cell(bk, ws, name, 0, x++, t->cols[c].title, &hv, 1, 0);
	}
	/* row by row: in constant-memory mode a row is final once the
	 * next one starts */
	for (size_t r = 0; r < t->nrows && !bk->failed; r++) {
		lxw_col_t y = 0;

		for (size_t c = 0; c < t->ncols; c++) {
			const struct svc_cell *cell = &t->rows[r].cells[c];
			struct svc_xlsx_value v;

			if (t->cols[c].type == SVC_CELL_BAR)
				continue;
			svc_xlsx_value(t, r, c, &v);
			put_cell(bk, ws, name, (lxw_row_t)r + 1, y++,
			    cell->text, &v, t->rows[r].kind == SVC_ROW_TOTAL,
			    cell->alert);
		}
	}
	header(ws);
	if (x > 0)
		lxw.worksheet_autofilter(ws, 0, 0, (lxw_row_t)t->nrows, x - 1);
}

/* A document without a table: its title as the header, a paragraph a
 * row. */
static void
para_sheet(struct book *bk, const struct svc_doc *d, const char *fallback)
{
	struct svc_xlsx_value tv = { .kind = SVC_XLSX_TEXT };
	lxw_worksheet *ws;
	lxw_row_t r = 0;
	int w = svc_text_width(d->title);
	char *name;

	if ((ws = add_sheet(bk, "", fallback, &name)) == NULL)
		return;
	put_cell(bk, ws, name, r++, 0, d->title, &tv, 1, 0);
	for (size_t i = 0; i < d->nblocks; i++) {
		int bw = svc_text_width(d->blocks[i].text);

		put_cell(bk, ws, name, r++, 0, d->blocks[i].text, &tv, 0, 0);
		w = bw > w ? bw : w;
	}
	lxw.worksheet_set_column(ws, 0, 0, w + 3 > MAX_WIDTH ? MAX_WIDTH : w + 3,
	    NULL);
	header(ws);
}

/* Copies the file fd to out from its start. */
static int
copy_out(int fd, FILE *out, struct svc_err *e)
{
	char buf[65536];
	ssize_t n;

	if (lseek(fd, 0, SEEK_SET) < 0)
		return svc_err_sys(e, NULL, errno, "workbook");
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (fwrite(buf, 1, (size_t)n, out) != (size_t)n)
			return 0;	/* ferror(out) says it */
	if (n < 0)
		return svc_err_sys(e, NULL, errno, "workbook");
	return 0;
}

int
svc_xlsx_write(const struct svc_doc *d, const struct svc_xlsx_opts *o,
    FILE *out, struct svc_err *e)
{
	const char *tmp = getenv("TMPDIR");
	lxw_workbook_options wo = { 0 };
	lxw_doc_properties props = { 0 };
	struct book bk = { 0 };
	struct svc_buf path = { 0 };
	lxw_error rc;
	int fd, ntables = 0, ret = -1;

	if (load_xlsxwriter(e) < 0)
		return -1;
	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	svc_buf_printf(&path, "%s/svc-xlsx.XXXXXX", tmp);
	if ((fd = mkstemp(path.s)) < 0) {
		svc_err_sys(e, NULL, errno, "workbook: cannot make a "
		    "temporary file in %s", tmp);
		svc_buf_release(&path);
		return -1;
	}
	/* libxlsxwriter's own scratch files go there too; the cells go
	 * there row by row instead of staying in memory with the report */
	wo.tmpdir = (char *)tmp;
	wo.constant_memory = 1;
	bk.e = e;
	if ((bk.wb = lxw.workbook_new_opt(path.s, &wo)) == NULL) {
		svc_err_sys(e, NULL, errno, "workbook: cannot write %s",
		    path.s);
		goto out;
	}
	props.title = d->title;
	props.created = o->created;
	lxw.workbook_set_properties(bk.wb, &props);
	for (size_t i = 0; i < d->nblocks; i++)
		if (d->blocks[i].kind == SVC_BLOCK_TABLE) {
			table_sheet(&bk, d->blocks[i].table, o->sheet);
			ntables++;
		}
	if (ntables == 0)
		para_sheet(&bk, d, o->sheet);
	rc = lxw.workbook_close(bk.wb);
	if (!bk.failed && rc != LXW_NO_ERROR)
		svc_err_set(e, NULL, 0, NULL, "workbook: %s",
		    lxw.lxw_strerror(rc));
	else if (!bk.failed)
		ret = copy_out(fd, out, e);
out:
	unlink(path.s);
	close(fd);
	for (size_t i = 0; i < bk.nnames; i++)
		free(bk.names[i]);
	free(bk.names);
	svc_buf_release(&path);
	return ret;
}
