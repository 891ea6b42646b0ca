/*
 * fuzz-csv: the CSV reader (lib/csvio) on any bytes.
 *
 * Besides surviving every input under the sanitizers, the reader must keep
 * these properties (a broken one is a crash to libFuzzer):
 * - it agrees with libcsv given the whole input in one call, in the same
 *   strict mode: the reader feeds it a line at a time, toggles its space
 *   handling and takes fields in place, none of which may change a field;
 * - what it accepts is valid UTF-8 without NUL bytes, and whatever libcsv
 *   accepts that is valid UTF-8 with records as wide as the header, it
 *   accepts too, but for a first line ended by a lone CR (old Mac line
 *   ends, refused as a whole) and fields over SVC_CSV_FIELD_MAX;
 * - a refusal names the file, says something, and points at a line of
 *   the input;
 * - records come with non-decreasing line numbers;
 * - what it read, written back by the CSV writer, reads back the same;
 *   in --excel form, cells a spreadsheet would run (= + - @ TAB CR,
 *   unless a number) come back with one leading apostrophe.
 * - read from a file on threads (lib/csvpar.c) in chunks of a few bytes,
 *   it gives the same records, lines and error as on one thread.
 * The input is also read with fixed columns (strict, and ignoring extra
 * columns) and as GB18030, for the header's and the converter's paths.
 */
#include <csv.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvio.h"
#include "err.h"
#include "fuzz.h"
#include "util.h"

#define NAME	"fuzz.csv"
#define MAXCOL	64

/* Records as a flat list of fields and a width per record. */
struct table {
	char **f;
	size_t nf, fcap;
	size_t *w;
	size_t nrec, rcap;
	size_t cur;		/* fields of the record in progress */
};

static void
add_field(struct table *t, const char *s, size_t n)
{
	if (t->nf == t->fcap) {
		t->fcap = t->fcap ? 2 * t->fcap : 64;
		t->f = svc_xrealloc(t->f, t->fcap * sizeof(*t->f));
	}
	t->f[t->nf++] = svc_xstrndup(s ? s : "", s ? n : 0);
	t->cur++;
}

static void
end_record(struct table *t)
{
	if (t->nrec == t->rcap) {
		t->rcap = t->rcap ? 2 * t->rcap : 16;
		t->w = svc_xrealloc(t->w, t->rcap * sizeof(*t->w));
	}
	t->w[t->nrec++] = t->cur;
	t->cur = 0;
}

static void
table_free(struct table *t)
{
	for (size_t i = 0; i < t->nf; i++)
		free(t->f[i]);
	free(t->f);
	free(t->w);
	memset(t, 0, sizeof(*t));
}

static void
on_field(void *s, size_t n, void *data)
{
	add_field(data, s, n);
}

static void
on_row(int c, void *data)
{
	(void)c;
	end_record(data);
}

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

/* libcsv on the whole input at once; 0, or -1 if it refuses it. */
static int
reference(const uint8_t *d, size_t n, struct table *t)
{
	struct csv_parser p;
	int ok;

	if (n >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0) {
		d += 3;
		n -= 3;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		abort();
	csv_set_space_func(&p, no_space);
	ok = csv_parse(&p, d, n, on_field, on_row, t) == n &&
	    csv_fini(&p, on_field, on_row, t) == 0;
	csv_free(&p);
	return ok ? 0 : -1;
}

static FILE *
open_mem(const uint8_t *d, size_t n)
{
	FILE *fp;

	/* fmemopen refuses a zero size */
	fp = n > 0 ? fmemopen((void *)d, n, "r") : fopen("/dev/null", "r");
	FUZZ_CHECK(fp != NULL);
	return fp;
}

/*
 * Reads all of r into t (header first, each record's line after its
 * fields) and closes it; returns 0 when the whole input was accepted, else
 * -1 with *e set.
 */
static int
read_all(struct svc_csv_reader *r, const struct svc_csv_col *cols,
    size_t ncols, struct table *t, int lines, struct svc_err *e)
{
	char num[32];
	long line = 0;
	int rc;

	if (svc_csv_header(r, cols, ncols, e) == 0) {
		for (size_t j = 0; j < ncols; j++)
			add_field(t, cols[j].name, strlen(cols[j].name));
		end_record(t);
		while ((rc = svc_csv_next(r, e)) == 1) {
			FUZZ_CHECK(svc_csv_line(r) >= line);
			line = svc_csv_line(r);
			for (size_t j = 0; j < ncols; j++) {
				const char *s = svc_csv_get(r, j);

				FUZZ_CHECK(s != NULL);
				add_field(t, s, strlen(s));
			}
			if (lines) {
				snprintf(num, sizeof(num), "%ld", line);
				add_field(t, num, strlen(num));
			}
			end_record(t);
		}
	} else
		rc = -1;
	svc_csv_close(r);
	return rc;
}

/* read_all on d[0..n) from memory, named NAME. */
static int
read_svc(const uint8_t *d, size_t n, const struct svc_csv_opts *o,
    const struct svc_csv_col *cols, size_t ncols, struct table *t,
    struct svc_err *e)
{
	struct svc_csv_reader *r;
	FILE *fp = open_mem(d, n);
	int rc;

	svc_err_clear(e);
	r = svc_csv_open_fp(fp, NAME, o, e);
	FUZZ_CHECK(r != NULL);
	rc = read_all(r, cols, ncols, t, 0, e);
	fclose(fp);
	return rc;
}

/* read_all on the file path, threaded as SVC_CSV_THREADS says. */
static int
read_path(const char *path, const char *threads, const char *chunk,
    const struct svc_csv_opts *o, const struct svc_csv_col *cols,
    size_t ncols, struct table *t, struct svc_err *e)
{
	struct svc_csv_reader *r;

	setenv("SVC_CSV_THREADS", threads, 1);
	setenv("SVC_CSV_CHUNK", chunk, 1);
	svc_err_clear(e);
	r = svc_csv_open(path, o, e);
	FUZZ_CHECK(r != NULL);
	return read_all(r, cols, ncols, t, 1, e);
}

static void
check_refusal(const uint8_t *d, size_t n, const struct svc_err *e)
{
	long lines = 1;

	for (size_t i = 0; i < n; i++)
		lines += d[i] == '\n';
	FUZZ_CHECK(e->msg[0] != '\0');
	FUZZ_CHECK(strcmp(e->file, NAME) == 0);
	FUZZ_CHECK(e->line >= 0 && e->line <= lines);
}

static int
same(const struct table *a, const struct table *b)
{
	if (a->nrec != b->nrec || a->nf != b->nf)
		return 0;
	for (size_t i = 0; i < a->nrec; i++)
		if (a->w[i] != b->w[i])
			return 0;
	for (size_t i = 0; i < a->nf; i++)
		if (strcmp(a->f[i], b->f[i]) != 0)
			return 0;
	return 1;
}

/* What --excel makes of a cell, as the reader gives it back. */
static char *
neutralised(const char *s)
{
	double v;
	char *q;

	if (s[0] == '\0' || strchr("=+-@\t\r", s[0]) == NULL ||
	    svc_parse_num(s, &v) == 0)
		return svc_xstrdup(s);
	q = svc_xmalloc(strlen(s) + 2);
	q[0] = '\'';
	strcpy(q + 1, s);
	return q;
}

/* Writes t with the svc writer and reads it back (header from t). */
static void
round_trip(const struct table *t, int excel)
{
	struct svc_csv_col cols[MAXCOL];
	struct svc_csv_writer w;
	struct table want = { 0 }, got = { 0 };
	struct svc_err e;
	char *buf = NULL;
	size_t len = 0, k = 0;
	FILE *fp = open_memstream(&buf, &len);

	FUZZ_CHECK(fp != NULL);
	svc_csv_writer_init(&w, fp, excel);
	for (size_t i = 0; i < t->nrec; i++) {
		for (size_t j = 0; j < t->w[i]; j++, k++) {
			char *x = excel ? neutralised(t->f[k]) :
			    svc_xstrdup(t->f[k]);

			svc_csv_cell(&w, t->f[k]);
			add_field(&want, x, strlen(x));
			free(x);
		}
		svc_csv_endrow(&w);
		end_record(&want);
	}
	FUZZ_CHECK(fclose(fp) == 0);
	for (size_t j = 0; j < want.w[0]; j++)
		cols[j] = (struct svc_csv_col){ want.f[j], 1 };
	if (read_svc((const uint8_t *)buf, len, NULL, cols, want.w[0], &got,
	    &e) != 0) {
		fprintf(stderr, "round trip (excel %d) refused: %s:%ld: %s: "
		    "%s\n", excel, e.file, e.line, e.field, e.msg);
		abort();
	}
	FUZZ_CHECK(same(&want, &got));
	table_free(&want);
	table_free(&got);
	free(buf);
}

/* The header's names as columns, if they can be (unique, not empty). */
/* Whether the first line of d[0..n) ends in a lone CR, as csvio sees it. */
static int
cr_first(const uint8_t *d, size_t n)
{
	const uint8_t *cr = memchr(d, '\r', n), *lf = memchr(d, '\n', n);

	return cr != NULL && cr + 1 < d + n && (lf == NULL || lf > cr) &&
	    cr[1] != '\n';
}

/* The longest field of t. */
static size_t
longest(const struct table *t)
{
	size_t m = 0, k;

	for (size_t i = 0; i < t->nf; i++)
		if ((k = strlen(t->f[i])) > m)
			m = k;
	return m;
}

static size_t
header_cols(const struct table *t, struct svc_csv_col *cols)
{
	if (t->nrec == 0 || t->w[0] == 0 || t->w[0] > MAXCOL)
		return 0;
	for (size_t j = 0; j < t->w[0]; j++) {
		if (t->f[j][0] == '\0')
			return 0;
		for (size_t i = 0; i < j; i++)
			if (strcmp(t->f[i], t->f[j]) == 0)
				return 0;
		cols[j] = (struct svc_csv_col){ t->f[j], 1 };
	}
	return t->w[0];
}

/*
 * The input read from a file on threads, against one thread: with the
 * columns given, or with none (any header; then records show as lines).
 */
static void
check_threads(const uint8_t *d, size_t n, const struct svc_csv_col *cols,
    size_t ncols)
{
	struct svc_csv_opts any = { NULL, 1, NULL };
	char path[64], chunk[16];
	struct table one = { 0 }, many = { 0 };
	struct svc_err e1, e2;
	FILE *fp;
	int rc1, rc2;

	snprintf(path, sizeof(path), "/tmp/fuzz-csv.%ld", (long)getpid());
	FUZZ_CHECK((fp = fopen(path, "wb")) != NULL);
	FUZZ_CHECK(fwrite(d, 1, n, fp) == n);
	FUZZ_CHECK(fclose(fp) == 0);
	rc1 = read_path(path, "0", "1", ncols ? NULL : &any, cols, ncols,
	    &one, &e1);
	/* chunks of 1 to 8 bytes: every record its own chunk, or cut */
	snprintf(chunk, sizeof(chunk), "%zu", 1 + n % 8);
	rc2 = read_path(path, "2", chunk, ncols ? NULL : &any, cols, ncols,
	    &many, &e2);
	unlink(path);
	FUZZ_CHECK(rc1 == rc2);
	FUZZ_CHECK(same(&one, &many));
	if (rc1 != 0) {
		FUZZ_CHECK(e1.line == e2.line);
		FUZZ_CHECK(strcmp(e1.field, e2.field) == 0);
		FUZZ_CHECK(strcmp(e1.msg, e2.msg) == 0);
	}
	table_free(&one);
	table_free(&many);
}

static const struct svc_csv_col fixed[] = {
	{ "ts", 1 }, { "staff", 1 }, { "kind", 1 }, { "value", 0 },
	{ "customer", 0 }, { "channel", 0 }, { "dept", 0 }, { "note", 0 },
	{ "uid", 0 }, { "id", 0 }, { "name", 0 },
};
#define NFIXED	(sizeof(fixed) / sizeof(fixed[0]))

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct svc_csv_col cols[MAXCOL];
	struct svc_csv_opts extra = { NULL, 1, NULL },
	    gb = { "gb18030", 1, NULL };
	struct table ref = { 0 }, got = { 0 };
	struct svc_err e;
	size_t ncols, i;
	int ref_ok, ok, text, wide;

	ref_ok = reference(d, n, &ref) == 0;
	text = memchr(d, '\0', n) == NULL &&
	    svc_utf8_invalid((const char *)d, n) == -1;
	if (ref_ok && (ncols = header_cols(&ref, cols)) > 0) {
		ok = read_svc(d, n, NULL, cols, ncols, &got, &e) == 0;
		for (wide = 1, i = 0; i < ref.nrec; i++)
			wide = wide && ref.w[i] == ncols;
		check_threads(d, n, cols, ncols);
		if (ok) {
			FUZZ_CHECK(text);
			FUZZ_CHECK(same(&ref, &got));
			round_trip(&got, 0);
			round_trip(&got, 1);
		} else {
			check_refusal(d, n, &e);
			if (text && wide && !cr_first(d, n) &&
			    longest(&ref) <= SVC_CSV_FIELD_MAX) {
				fprintf(stderr, "refused what libcsv takes: "
				    "%s:%ld: %s: %s\n", e.file, e.line,
				    e.field, e.msg);
				abort();
			}
		}
		table_free(&got);
	}
	table_free(&ref);

	if (read_svc(d, n, &extra, fixed, NFIXED, &got, &e) != 0)
		check_refusal(d, n, &e);
	else
		FUZZ_CHECK(text);
	table_free(&got);
	if (read_svc(d, n, NULL, fixed, NFIXED, &got, &e) != 0)
		check_refusal(d, n, &e);
	table_free(&got);
	if (read_svc(d, n, &gb, fixed, NFIXED, &got, &e) != 0)
		check_refusal(d, n, &e);
	table_free(&got);
	check_threads(d, n, NULL, 0);
	return 0;
}
