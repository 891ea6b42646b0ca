/*
 * csvpar: where chunks are cut, and threaded reading giving exactly what
 * the one-thread reader gives (records, lines, errors) on random CSV,
 * good and bad, cut into chunks as small as one byte.
 */
#include <check.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "csvpar.h"
#include "err.h"
#include "scratch.h"
#include "util.h"

START_TEST(t_cut)
{
	static const struct {
		const char *s;
		size_t want;
	} c[] = {
		{ "", 0 },
		{ "abc", 0 },
		{ "a\n", 2 },
		{ "a\nb\nc", 4 },
		{ "\"a\nb\"", 0 },		/* the line feed is quoted */
		{ "\"a\nb\"\nc", 6 },
		{ "x,\"a\nb\"\"\n\"\nc", 11 },	/* doubled quote, then \n */
		{ "a\n\"open\nstill", 2 },	/* unterminated at the end */
		{ "a\n\"\"\n", 5 },		/* an empty quoted field */
		{ "\n\n\n", 3 },
	};
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		ck_assert_msg(svc_csvpar_cut(c[i].s, strlen(c[i].s)) ==
		    c[i].want, "case %zu: %zu, not %zu", i,
		    svc_csvpar_cut(c[i].s, strlen(c[i].s)), c[i].want);
}
END_TEST

static uint64_t seed;

static unsigned
rnd(unsigned n)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (unsigned)(seed % n);
}

/* A field, usually fine, now and then one of the ways to be wrong. */
static void
field(struct svc_buf *b, int faults)
{
	static const char *const good[] = {
		"", "S001", "complaint.rude", "5", "2026-07-31T23:59:59+08:00",
		"销售管理中心", "客户投诉: 态度差", " padded ", "\"a,b\"",
		"\"say \"\"hi\"\"\"", "\"two\nlines\"", "\"\"", "\"x\r\ny\"",
		"\xEF\xBB\xBFmid-bom", "tab\there",
	};
	static const char *const bad[] = {
		"bad\xFFutf8", "nul\0byte", "stray\"quote", "\"closed\"after",
		"\xE4\xB8", "\"unterminated",
	};
	const char *s;

	if (faults && rnd(400) == 0) {
		s = bad[rnd(sizeof(bad) / sizeof(bad[0]))];
		/* the NUL one is 8 bytes long */
		svc_buf_add(b, s, strcmp(s, "nul") == 0 ? 8 : strlen(s));
		return;
	}
	s = good[rnd(sizeof(good) / sizeof(good[0]))];
	svc_buf_add(b, s, strlen(s));
}

/* A CSV with a header a,b,c and rows of 3 fields (mostly). */
static void
make_csv(struct svc_buf *b, int rows, int faults)
{
	int i, j, n;

	svc_buf_reset(b);
	if (rnd(4) == 0)
		svc_buf_adds(b, "\xEF\xBB\xBF");
	svc_buf_adds(b, "a,b,c\n");
	for (i = 0; i < rows; i++) {
		n = faults && rnd(300) == 0 ? 2 + 2 * (int)rnd(2) : 3;
		if (rnd(30) == 0)
			svc_buf_adds(b, rnd(2) ? "\n" : "\r\n");
		for (j = 0; j < n; j++) {
			if (j > 0)
				svc_buf_adds(b, ",");
			field(b, faults);
		}
		svc_buf_adds(b, rnd(8) == 0 ? "\r\n" : rnd(50) == 0 ? "\r" :
		    "\n");
	}
	if (rnd(3) == 0 && b->len > 0)
		b->len--;	/* no line end at the end */
}

static const struct svc_csv_col cols[] = {
	{ "a", 1 }, { "b", 0 }, { "c", 0 }, { "d", 0 },
};

/* Everything a reader hands out for path, as text. */
static void
transcript(const char *path, struct svc_buf *out)
{
	struct svc_csv_reader *r;
	struct svc_err e;
	char msg[1024];
	size_t j;
	int rc;

	svc_buf_reset(out);
	svc_err_clear(&e);
	r = svc_csv_open(path, NULL, &e);
	ck_assert_ptr_nonnull(r);
	if (svc_csv_header(r, cols, 4, &e) == 0)
		while ((rc = svc_csv_next(r, &e)) == 1) {
			svc_buf_printf(out, "%ld", svc_csv_line(r));
			for (j = 0; j < 4; j++) {
				svc_buf_adds(out, "|");
				svc_buf_adds(out, svc_csv_get(r, j));
			}
			svc_buf_adds(out, "\n");
		}
	svc_buf_printf(out, "end %s\n", e.code ? svc_err_format(&e, msg,
	    sizeof(msg)) : "ok");
	svc_csv_close(r);
}

static void
setup(void)
{
	scratch_dir("csvpar");
}

static void
teardown(void)
{
	scratch_rm();
}

static void
differential(int faults, int files, int rows)
{
	static const struct {
		const char *threads, *chunk;
	} cfg[] = {
		{ "1", "1" }, { "2", "3" }, { "3", "17" }, { "2", "200" },
		{ "4", "4096" },
	};
	struct svc_buf csv = { 0 }, want = { 0 }, got = { 0 };
	const char *path = scratch_path("t.csv");
	FILE *fp;
	int f, bad = 0;
	size_t c;

	seed = 0x9E3779B97F4A7C15ULL + (uint64_t)faults;
	for (f = 0; f < files; f++) {
		make_csv(&csv, 1 + (int)rnd((unsigned)rows), faults);
		fp = fopen(path, "wb");
		ck_assert_ptr_nonnull(fp);
		ck_assert_uint_eq(fwrite(csv.s, 1, csv.len, fp), csv.len);
		ck_assert_int_eq(fclose(fp), 0);
		setenv("SVC_CSV_THREADS", "0", 1);
		transcript(path, &want);
		bad += want.len < 7 ||
		    memcmp(want.s + want.len - 7, "end ok\n", 7) != 0;
		for (c = 0; c < sizeof(cfg) / sizeof(cfg[0]); c++) {
			setenv("SVC_CSV_THREADS", cfg[c].threads, 1);
			setenv("SVC_CSV_CHUNK", cfg[c].chunk, 1);
			transcript(path, &got);
			ck_assert_msg(got.len == want.len &&
			    memcmp(got.s, want.s, got.len) == 0,
			    "file %d, %s threads, chunk %s: got\n%.*s\n"
			    "want\n%.*s", f, cfg[c].threads, cfg[c].chunk,
			    (int)(got.len < 2000 ? got.len : 2000), got.s,
			    (int)(want.len < 2000 ? want.len : 2000), want.s);
		}
	}
	/* with faults, some files fail and some pass */
	if (faults)
		ck_assert_msg(bad > files / 5 && bad < files * 4 / 5,
		    "%d of %d files failed", bad, files);
	else
		ck_assert_int_eq(bad, 0);
	svc_buf_release(&csv);
	svc_buf_release(&want);
	svc_buf_release(&got);
}

START_TEST(t_same_records)
{
	differential(0, 40, 400);
}
END_TEST

START_TEST(t_same_errors)
{
	differential(1, 150, 400);
}
END_TEST

/* Closing mid-file stops the workers (no hang, and no leak under LSan). */
START_TEST(t_close_early)
{
	struct svc_buf csv = { 0 };
	struct svc_csv_reader *r;
	struct svc_err e;
	int i;

	svc_buf_adds(&csv, "a,b,c\n");
	for (i = 0; i < 5000; i++)
		svc_buf_printf(&csv, "%d,x,y\n", i);
	svc_buf_add(&csv, "", 1);
	setenv("SVC_CSV_THREADS", "2", 1);
	setenv("SVC_CSV_CHUNK", "100", 1);
	r = svc_csv_open(scratch_file("t.csv", csv.s), NULL, &e);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(svc_csv_header(r, cols, 4, &e), 0);
	ck_assert(svc_csv_threaded(r));
	ck_assert_int_eq(svc_csv_next(r, &e), 1);
	ck_assert_str_eq(svc_csv_get(r, 0), "0");
	ck_assert_int_eq(svc_csv_next(r, &e), 1);
	ck_assert_str_eq(svc_csv_get(r, 0), "1");
	ck_assert_int_eq(svc_csv_line(r), 3);
	svc_csv_close(r);
	svc_buf_release(&csv);
}
END_TEST

/* Keeps the length of each chunk it is given. */
static void
note_len(void *arg, char *text, size_t len, void **out)
{
	(void)arg;
	(void)text;
	if (*out == NULL)
		*out = svc_xmalloc(sizeof(size_t));
	*(size_t *)*out = len;
}

/*
 * A quote never closed makes no chunk grow without bound: chunks stop
 * where it begins, once 2 MiB go by with no cut, and the rest is left to
 * the caller from there.
 */
START_TEST(t_grow_cap)
{
	struct svc_buf csv = { 0 };
	struct svc_csvpar *p;
	struct svc_err e;
	void *out;
	FILE *fp;
	int i;

	svc_buf_adds(&csv, "a,b\n1,2\n3,\"open\n");
	for (i = 0; i < 1200000; i++)
		svc_buf_adds(&csv, "5,6\n");
	fp = fopen(scratch_file("open.csv", csv.s), "r");
	ck_assert_ptr_nonnull(fp);
	p = svc_csvpar_start(fileno(fp), "open.csv", 4, 4096, 2, note_len,
	    NULL, free, &e);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(svc_csvpar_next(p, &out, &e), 1);
	ck_assert_uint_eq(*(size_t *)out, 4);		/* "1,2\n" */
	ck_assert_int_eq(svc_csvpar_next(p, &out, &e), 0);
	ck_assert_int_eq(svc_csvpar_rest(p), 8);	/* at 3,"open */
	svc_csvpar_free(p);
	fclose(fp);
	svc_buf_release(&csv);
}
END_TEST

/*
 * A record longer than a chunk may grow (four fields of 1 MiB, with
 * doubled quotes and line feeds) sends the rest of the file to the
 * caller's thread: records, lines and errors after it are the same. So
 * are those of a line of 900 kB before it, read on a worker.
 */
START_TEST(t_long_record)
{
	static const char *const chunks[] = { "1", "4096", "100000" };
	struct svc_buf csv = { 0 }, want = { 0 }, got = { 0 };
	struct svc_csv_reader *r;
	struct svc_err e;
	const char *path = scratch_path("long.csv");
	char end[128];
	size_t n;
	FILE *fp;
	int i, j, bad;

	for (bad = 0; bad < 2; bad++) {
		svc_buf_reset(&csv);
		svc_buf_adds(&csv, "a,b,c,d\n");
		for (i = 0; i < 3000; i++) {
			svc_buf_printf(&csv, "%d,\"x\ny\",z,\n", i);
			if (i != 1500)
				continue;
			/* a line longer than libcsv is given at once */
			svc_buf_adds(&csv, "long,");
			for (n = 0; n < 300000; n++)
				svc_buf_adds(&csv, "u");
			svc_buf_adds(&csv, ",\"");
			for (n = 0; n < 300000; n++)
				svc_buf_adds(&csv, "q,");
			svc_buf_adds(&csv, "\",\n");
		}
		for (j = 0; j < 4; j++) {
			svc_buf_adds(&csv, j > 0 ? "\",\"" : "\"");
			for (n = 0; n + 9 <= SVC_CSV_FIELD_MAX; n += 9)
				svc_buf_adds(&csv, "ab\"\"cd\nefg");
		}
		svc_buf_adds(&csv, "\"\n");
		for (i = 0; i < 3000; i++)
			svc_buf_printf(&csv, "%d,\"x\ny\",z,%s\n", i,
			    bad && i == 2000 ? "w,too many" : "");
		fp = fopen(path, "wb");
		ck_assert_ptr_nonnull(fp);
		ck_assert_uint_eq(fwrite(csv.s, 1, csv.len, fp), csv.len);
		ck_assert_int_eq(fclose(fp), 0);
		setenv("SVC_CSV_THREADS", "0", 1);
		transcript(path, &want);
		for (i = 0; i < 3; i++) {
			setenv("SVC_CSV_THREADS", "2", 1);
			setenv("SVC_CSV_CHUNK", chunks[i], 1);
			transcript(path, &got);
			ck_assert_msg(got.len == want.len &&
			    memcmp(got.s, want.s, got.len) == 0,
			    "chunk %s: got\n%.*s\nwant\n%.*s", chunks[i],
			    200, got.s + got.len - 200, 200,
			    want.s + want.len - 200);
		}
		/* a line feed every 9 bytes of the long record's fields */
		snprintf(end, sizeof(end), bad ? "/long.csv:%d: record "
		    "has 5 fields, header has 4\n" : "\n%d|2999|x\ny|z|\nend "
		    "ok\n", 6004 + 4 * (SVC_CSV_FIELD_MAX / 9) +
		    2 * (bad ? 2000 : 2999));
		ck_assert_msg(want.len > strlen(end) && strcmp(want.s +
		    want.len - strlen(end), end) == 0, "ends\n%s\nnot\n%s",
		    want.s + want.len - strlen(end), end);
	}
	/* threaded at first, on this thread from the long record on */
	r = svc_csv_open(path, NULL, &e);
	ck_assert_int_eq(svc_csv_header(r, cols, 4, &e), 0);
	ck_assert(svc_csv_threaded(r));
	for (i = 0; i < 3002; i++)
		ck_assert_int_eq(svc_csv_next(r, &e), 1);
	ck_assert(!svc_csv_threaded(r));
	ck_assert_int_eq(svc_csv_line(r), 6003);
	svc_csv_close(r);
	svc_buf_release(&csv);
	svc_buf_release(&want);
	svc_buf_release(&got);
}
END_TEST

static int
no_thread(pthread_t *t, const pthread_attr_t *a, void *(*fn)(void *),
    void *arg)
{
	(void)t;
	(void)a;
	(void)fn;
	(void)arg;
	return EAGAIN;
}

static int made;

static int
one_thread(pthread_t *t, const pthread_attr_t *a, void *(*fn)(void *),
    void *arg)
{
	return made++ > 0 ? EAGAIN : pthread_create(t, a, fn, arg);
}

/*
 * Threads that cannot be made: with one of three the reader goes on
 * threaded, with none on its own thread, and reads the same either way.
 */
START_TEST(t_no_threads)
{
	struct svc_buf csv = { 0 }, want = { 0 }, got = { 0 };
	struct svc_csv_reader *r;
	struct svc_err e;
	const char *path;
	int i, k;

	svc_buf_adds(&csv, "a,b,c\n");
	for (i = 0; i < 5000; i++)
		svc_buf_printf(&csv, "%d,\"x\ny\",z\n", i);
	path = scratch_file("t.csv", csv.s);
	setenv("SVC_CSV_THREADS", "0", 1);
	transcript(path, &want);
	setenv("SVC_CSV_THREADS", "3", 1);
	setenv("SVC_CSV_CHUNK", "1000", 1);
	for (k = 0; k < 2; k++) {
		made = 0;
		svc_thread_create = k == 0 ? one_thread : no_thread;
		r = svc_csv_open(path, NULL, &e);
		ck_assert_int_eq(svc_csv_header(r, cols, 4, &e), 0);
		ck_assert_int_eq(svc_csv_threaded(r), k == 0);
		svc_csv_close(r);
		transcript(path, &got);
		svc_thread_create = pthread_create;
		ck_assert(got.len == want.len &&
		    memcmp(got.s, want.s, got.len) == 0);
	}
	svc_buf_release(&csv);
	svc_buf_release(&want);
	svc_buf_release(&got);
}
END_TEST

Suite *
suite_csvpar(void)
{
	Suite *s = suite_create("csvpar");
	TCase *tc = tcase_create("csvpar");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, t_cut);
	tcase_add_test(tc, t_same_records);
	tcase_add_test(tc, t_same_errors);
	tcase_add_test(tc, t_close_early);
	tcase_add_test(tc, t_grow_cap);
	tcase_add_test(tc, t_long_record);
	tcase_add_test(tc, t_no_threads);
	suite_add_tcase(s, tc);
	return s;
}
