/*
 * csvio: reading (header mapping, line numbers, every error class,
 * encodings, big inputs) and writing (quoting, --excel neutralisation).
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>

#include "csvio.h"
#include "err.h"
#include "util.h"

static FILE *fixture;

/* svc_buf_printf grows its buffer by the exact amount: slow in loops */
static void
addf(struct svc_buf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	ck_assert(n >= 0 && (size_t)n < sizeof(tmp));
	svc_buf_add(b, tmp, (size_t)n);
}

/* Opens data[0..n) as a CSV named "t.csv". */
static struct svc_csv_reader *
open_mem(const char *data, size_t n, const char *enc, int ignore_extra,
    struct svc_err *e)
{
	struct svc_csv_opts o = { enc, ignore_extra, NULL };

	fixture = tmpfile();
	ck_assert_ptr_nonnull(fixture);
	ck_assert_uint_eq(fwrite(data, 1, n, fixture), n);
	rewind(fixture);
	svc_err_clear(e);
	return svc_csv_open_fp(fixture, "t.csv", &o, e);
}

#define OPEN(lit, enc, ign, e)	open_mem(lit, sizeof(lit) - 1, enc, ign, e)

static void
done(struct svc_csv_reader *r)
{
	svc_csv_close(r);
	if (fixture != NULL)
		fclose(fixture);
	fixture = NULL;
}

static const struct svc_csv_col cols2[] = {
	{ "id", 1 }, { "name", 1 },
};
static const struct svc_csv_col cols3[] = {
	{ "id", 1 }, { "name", 1 }, { "note", 0 },
};

/*
 * Reads the rest of r into b as "line:f1|f2|...;" per record. Returns
 * what the last svc_csv_next returned.
 */
static int
slurp(struct svc_csv_reader *r, size_t ncols, struct svc_buf *b,
    struct svc_err *e)
{
	size_t i;
	int rc;

	while ((rc = svc_csv_next(r, e)) == 1) {
		addf(b, "%ld:", svc_csv_line(r));
		for (i = 0; i < ncols; i++) {
			svc_buf_adds(b, i ? "|" : "");
			svc_buf_adds(b, svc_csv_get(r, i));
		}
		svc_buf_adds(b, ";");
	}
	return rc;
}

/* Opens lit with cols2, reads it all and expects an error. */
static void
expect_error(const char *data, size_t n, const char *enc, long line,
    const char *field, const char *msg)
{
	struct svc_csv_reader *r;
	struct svc_buf b = { 0 };
	struct svc_err e;
	int rc;

	r = open_mem(data, n, enc, 0, &e);
	ck_assert_ptr_nonnull(r);
	rc = svc_csv_header(r, cols2, 2, &e);
	if (rc == 0)
		rc = slurp(r, 2, &b, &e);
	ck_assert_int_eq(rc, -1);
	ck_assert_int_eq(e.code, SVC_EDATA);
	ck_assert_str_eq(e.file, "t.csv");
	ck_assert_int_eq(e.line, line);
	ck_assert_str_eq(e.field, field);
	ck_assert_str_eq(e.msg, msg);
	/* the error sticks */
	ck_assert_int_eq(svc_csv_next(r, &e), -1);
	svc_buf_release(&b);
	done(r);
}

#define EXPECT_ERROR(lit, enc, line, field, msg) \
	expect_error(lit, sizeof(lit) - 1, enc, line, field, msg)

/* Opens and reads lit with cols, expecting success; returns the dump. */
static char *
read_ok(const char *data, size_t n, const char *enc,
    const struct svc_csv_col *cols, size_t ncols, int ignore_extra)
{
	struct svc_csv_reader *r;
	struct svc_buf b = { 0 };
	struct svc_err e;
	char msg[1024];

	r = open_mem(data, n, enc, ignore_extra, &e);
	ck_assert_ptr_nonnull(r);
	if (svc_csv_header(r, cols, ncols, &e) == -1 ||
	    slurp(r, ncols, &b, &e) == -1)
		ck_abort_msg("unexpected error: %s",
		    svc_err_format(&e, msg, sizeof(msg)));
	done(r);
	svc_buf_add(&b, "", 0);
	return b.s;
}

#define READ_OK(lit, enc, cols, n, ign) \
	read_ok(lit, sizeof(lit) - 1, enc, cols, n, ign)

static void
check_read(const char *data, size_t n, const char *enc,
    const struct svc_csv_col *cols, size_t ncols, int ignore_extra,
    const char *want)
{
	char *got = read_ok(data, n, enc, cols, ncols, ignore_extra);

	ck_assert_str_eq(got, want);
	free(got);
}

#define CHECK_READ(lit, enc, cols, n, ign, want) \
	check_read(lit, sizeof(lit) - 1, enc, cols, n, ign, want)

/* Header columns map by name, in any order. */
START_TEST(t_header_any_order)
{
	CHECK_READ("note,name,id\nhi,Ann,1\n,Bob,2\n", NULL, cols3, 3, 0,
	    "2:1|Ann|hi;3:2|Bob|;");
}
END_TEST

/* A column not in cols is refused, naming it. */
START_TEST(t_header_unknown)
{
	EXPECT_ERROR("id,name,age\n1,a,3\n", NULL, 1, "age",
	    "unknown column 'age'");
}
END_TEST

/* ignore_extra accepts unknown columns; records still need all fields. */
START_TEST(t_header_ignore_extra)
{
	struct svc_csv_reader *r;
	struct svc_err e;
	static const char d[] = "age,id,name\n3,1,a\n4,2\n";

	CHECK_READ("age,id,name\n3,1,a\n", NULL, cols3, 3, 1, "2:1|a|;");
	r = OPEN(d, NULL, 1, &e);
	ck_assert_int_eq(svc_csv_header(r, cols3, 3, &e), 0);
	ck_assert(svc_csv_has(r, 0) && svc_csv_has(r, 1));
	ck_assert(!svc_csv_has(r, 2));
	ck_assert_int_eq(svc_csv_next(r, &e), 1);
	ck_assert_str_eq(svc_csv_get(r, 2), "");
	ck_assert_int_eq(svc_csv_next(r, &e), -1);
	ck_assert_int_eq(e.line, 3);
	ck_assert_str_eq(e.msg, "record has 2 fields, header has 3");
	done(r);
}
END_TEST

/* A column named twice is refused, even when it would be ignored. */
START_TEST(t_header_duplicate)
{
	EXPECT_ERROR("id,name,id\n", NULL, 1, "id", "duplicate column 'id'");
	EXPECT_ERROR("x,id,name,x\n", NULL, 1, "x", "duplicate column 'x'");
}
END_TEST

/* A required column missing from the header is refused. */
START_TEST(t_header_missing)
{
	EXPECT_ERROR("id\n1\n", NULL, 1, "name",
	    "missing required column 'name'");
	/* an optional one may be missing */
	CHECK_READ("name,id\na,1\n", NULL, cols3, 3, 0, "2:1|a|;");
}
END_TEST

/* An empty column name is refused. */
START_TEST(t_header_empty_name)
{
	EXPECT_ERROR("id,,name\n", NULL, 1, "",
	    "empty column name in column 2");
}
END_TEST

/* Empty input (or only blank lines) has no header: an error. */
START_TEST(t_empty_file)
{
	EXPECT_ERROR("", NULL, 0, "", "empty file: no header row");
	EXPECT_ERROR("\n\r\n\n", NULL, 0, "", "empty file: no header row");
	EXPECT_ERROR("\xEF\xBB\xBF", NULL, 0, "", "empty file: no header row");
}
END_TEST

/* A header alone is a valid file with no records. */
START_TEST(t_header_only)
{
	CHECK_READ("id,name\n", NULL, cols2, 2, 0, "");
	CHECK_READ("id,name", NULL, cols2, 2, 0, "");
}
END_TEST

/* The line of a record is where it starts; blank lines are skipped. */
START_TEST(t_blank_lines)
{
	CHECK_READ("\nid,name\n\n1,a\n\n\n2,b\n\n", NULL, cols2, 2, 0,
	    "4:1|a;7:2|b;");
	/* the last record needs no line end */
	CHECK_READ("id,name\n1,a\n2,b", NULL, cols2, 2, 0, "2:1|a;3:2|b;");
}
END_TEST

/* A quoted newline: the record on lines 3-4 is line 3, the next line 5. */
START_TEST(t_quoted_newline_lines)
{
	CHECK_READ("id,name,note\n1,a,x\n2,\"b\nc\",y\n3,d,\"z\n\n\"\n4,e,f\n",
	    NULL, cols3, 3, 0, "2:1|a|x;3:2|b\nc|y;5:3|d|z\n\n;8:4|e|f;");
}
END_TEST

/* An unterminated quote at EOF names the line its record started on. */
START_TEST(t_unterminated_quote)
{
	EXPECT_ERROR("id,name\n1,a\n2,\"b\nc\nd\n", NULL, 3, "name",
	    "unterminated quoted field");
	EXPECT_ERROR("id,name\n\"1,a", NULL, 2, "id",
	    "unterminated quoted field");
}
END_TEST

/* Text after a closing quote (a,"ab"c) is refused, not swallowed. */
START_TEST(t_malformed_after_quote)
{
	EXPECT_ERROR("id,name\n1,a\n2,\"ab\"c\n3,d\n", NULL, 3, "name",
	    "malformed quoting: text after the closing quote");
}
END_TEST

/* A quote inside an unquoted field is refused. */
START_TEST(t_malformed_in_unquoted)
{
	EXPECT_ERROR("id,name\n1,a\"b\n", NULL, 2, "name",
	    "malformed quoting: quote inside an unquoted field");
	EXPECT_ERROR("id,name\nx\"y,a\n", NULL, 2, "id",
	    "malformed quoting: quote inside an unquoted field");
}
END_TEST

/* A record with more fields than the header: error at its line. */
START_TEST(t_too_many_fields)
{
	struct svc_csv_reader *r;
	struct svc_err e;
	static const char d[] = "id,name\n1,a\n2,b,c,d,e\n3,c\n";

	EXPECT_ERROR("id,name\n1,a\n2,b,c,d,e\n", NULL, 3, "",
	    "record has 5 fields, header has 2");
	/* the records before it are handed out first */
	r = OPEN(d, NULL, 0, &e);
	ck_assert_int_eq(svc_csv_header(r, cols2, 2, &e), 0);
	ck_assert_int_eq(svc_csv_next(r, &e), 1);
	ck_assert_str_eq(svc_csv_get(r, 1), "a");
	ck_assert_int_eq(svc_csv_next(r, &e), -1);
	ck_assert_int_eq(e.line, 3);
	done(r);
}
END_TEST

/* A record with fewer fields than the header: error at its line. */
START_TEST(t_too_few_fields)
{
	EXPECT_ERROR("id,name\n1,a\n\n2\n", NULL, 4, "",
	    "record has 1 field, header has 2");
	EXPECT_ERROR("id,name\n1,\"a\nb\"\n3\n", NULL, 4, "",
	    "record has 1 field, header has 2");
}
END_TEST

/* Invalid UTF-8 is refused with its line and column. */
START_TEST(t_invalid_utf8)
{
	EXPECT_ERROR("id,name\n1,a\n2,b\xff\n", NULL, 3, "name",
	    "invalid UTF-8 (byte 0xff)");
	/* overlong '/' */
	EXPECT_ERROR("id,name\n1,\xc0\xaf\n", NULL, 2, "name",
	    "invalid UTF-8 (byte 0xc0)");
	/* a surrogate */
	EXPECT_ERROR("id,name\n\xed\xa0\x80,a\n", NULL, 2, "id",
	    "invalid UTF-8 (byte 0xed)");
	/* a sequence cut by the end of the file */
	EXPECT_ERROR("id,name\n1,a\n2,\xe5\xbc", NULL, 3, "name",
	    "invalid UTF-8 (byte 0xe5)");
	/* inside a quoted field spanning lines: the bad byte's line */
	EXPECT_ERROR("id,name\n1,\"a\nb\xfe\"\n", NULL, 3, "name",
	    "invalid UTF-8 (byte 0xfe)");
	/* in the header: no column name yet */
	EXPECT_ERROR("id,n\xe9me\n", NULL, 1, "",
	    "invalid UTF-8 (byte 0xe9)");
	/* valid multibyte text of every length passes */
	CHECK_READ("id,name\n1,\xc3\xa9\xe5\xbc\xa0\xf0\x9f\x98\x80\n", NULL,
	    cols2, 2, 0, "2:1|\xc3\xa9\xe5\xbc\xa0\xf0\x9f\x98\x80;");
}
END_TEST

/*
 * The UTF-8 check agrees with svc_utf8_invalid wherever a sequence falls
 * against the validator's 16/32/64-byte blocks.
 */
START_TEST(t_utf8_block_edges)
{
	static const char *const seqs[] = {
		"\xc0", "\xe5", "\xe5\xbc", "\xf0\x9f\x98", "\x80",
		"\xed\xa0\x80", "\xf4\x90\x80\x80", "\xff", "\xe0\x80\xaf",
		"\xc3\xa9", "\xe5\xbc\xa0", "\xf0\x9f\x98\x80", "\xed\x9f\xbf",
		"\xf4\x8f\xbf\xbf", "\xe5\xbc\xa0\xe5\xbc",
	};
	struct svc_csv_reader *r;
	struct svc_buf in = { 0 };
	struct svc_err e;
	size_t i, k, len;
	long bad;
	int rc;

	for (i = 0; i < sizeof(seqs) / sizeof(seqs[0]); i++)
		for (k = 0; k < 90; k++) {
			svc_buf_reset(&in);
			svc_buf_adds(&in, "id,name\n1,");
			while (in.len < 10 + k)
				svc_buf_adds(&in, k % 2 ? "a" : "\xc3\xa9");
			len = in.len;
			svc_buf_adds(&in, seqs[i]);
			svc_buf_adds(&in, "bb\n");
			bad = svc_utf8_invalid(in.s, in.len);
			r = open_mem(in.s, in.len, NULL, 0, &e);
			ck_assert_int_eq(svc_csv_header(r, cols2, 2, &e), 0);
			rc = svc_csv_next(r, &e);
			if (bad < 0)
				ck_assert_int_eq(rc, 1);
			else {
				ck_assert_msg(rc == -1 && e.line == 2 &&
				    strcmp(e.field, "name") == 0 &&
				    (size_t)bad >= len, "seq %zu at %zu", i,
				    len);
			}
			done(r);
		}
	svc_buf_release(&in);
}
END_TEST

/* A NUL byte is refused with its line and column. */
START_TEST(t_nul_byte)
{
	EXPECT_ERROR("id,name\n1,a\n2,b\0c\n", NULL, 3, "name", "NUL byte");
}
END_TEST

/* A UTF-8 BOM at the start is skipped (else the first column is lost). */
START_TEST(t_bom)
{
	CHECK_READ("\xEF\xBB\xBFid,name\n1,a\n", NULL, cols2, 2, 0,
	    "2:1|a;");
}
END_TEST

/* CRLF line ends: no CR in the last field, CRLF kept inside quotes. */
START_TEST(t_crlf)
{
	CHECK_READ("id,name\r\n1,a\r\n2,\"x\r\ny\"\r\n\r\n3,\"c\"\r\n", NULL,
	    cols2, 2, 0, "2:1|a;3:2|x\r\ny;6:3|c;");
}
END_TEST

/* Fields are verbatim: spaces and tabs around them are kept. */
START_TEST(t_spaces_kept)
{
	CHECK_READ("id,name,note\n 1 ,  a,\tb \n2,\" q \",  \n", NULL,
	    cols3, 3, 0, "2: 1 |  a|\tb ;3:2| q |  ;");
	/* so a blank after a closing quote is text after it */
	EXPECT_ERROR("id,name\n1,\"a\" \n", NULL, 2, "name",
	    "malformed quoting: text after the closing quote");
}
END_TEST

/* Quoted fields: doubled quotes, commas, empty quoted and unquoted. */
START_TEST(t_quoted_fields)
{
	CHECK_READ("id,name,note\n\"1\",\"a,b\",\"say \"\"hi\"\"\"\n"
	    "\"\",,\"\"\"\"\n", NULL, cols3, 3, 0,
	    "2:1|a,b|say \"hi\";3:||\";");
}
END_TEST

/* GB18030 input is converted to UTF-8 (张三, and a 4-byte 😀). */
START_TEST(t_gb18030)
{
	CHECK_READ("id,name\n1,\xd5\xc5\xc8\xfd\n2,\x94\x39\xfc\x36\n",
	    "gb18030", cols2, 2, 0,
	    "2:1|\xe5\xbc\xa0\xe4\xb8\x89;3:2|\xf0\x9f\x98\x80;");
	CHECK_READ("id,name\n1,\xd5\xc5\xc8\xfd\n", "GBK", cols2, 2, 0,
	    "2:1|\xe5\xbc\xa0\xe4\xb8\x89;");
	CHECK_READ("id,name\n1,a\n", "UTF-8", cols2, 2, 0, "2:1|a;");
	CHECK_READ("id,name\n1,a\n", "utf8", cols2, 2, 0, "2:1|a;");
}
END_TEST

/* 0x80 (the euro sign) is CP936, not GB18030. */
START_TEST(t_cp936_euro)
{
	CHECK_READ("id,name\n1,\x80\n", "cp936", cols2, 2, 0,
	    "2:1|\xe2\x82\xac;");
	EXPECT_ERROR("id,name\n1,a\n2,\x80\n", "gb18030", 3, "name",
	    "not valid GB18030");
}
END_TEST

/* Bytes that are not GB18030 are refused with their line. */
START_TEST(t_gb18030_invalid)
{
	EXPECT_ERROR("id,name\n1,a\n\n2,\xd5\xc5\xff\xff\n", "gb18030", 4,
	    "name", "not valid GB18030");
	/* a character cut by the end of the file */
	EXPECT_ERROR("id,name\n1,\xd5", "gb18030", 2, "name",
	    "not valid GB18030");
}
END_TEST

/* An unknown encoding is a usage error at open, on "encoding". */
START_TEST(t_encoding_unknown)
{
	struct svc_csv_reader *r;
	struct svc_err e;

	r = OPEN("id,name\n", "latin1", 0, &e);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(e.code, SVC_EUSAGE);
	ck_assert_str_eq(e.field, "encoding");
	ck_assert_str_eq(e.msg, "unknown encoding 'latin1' (use utf-8, "
	    "gb18030, gbk or cp936)");
	done(r);
}
END_TEST

/* A 1 MB field (quoted, with commas and newlines) comes through whole. */
START_TEST(t_big_field)
{
	struct svc_buf in = { 0 }, want = { 0 };
	struct svc_csv_reader *r;
	struct svc_err e;
	size_t i;

	svc_buf_adds(&in, "id,name\n1,\"");
	for (i = 0; i < 1024 * 1024 / 16; i++)
		svc_buf_adds(&want, i % 1000 ? "\xe5\xbc\xa0\xe4\xb8\x89, ab"
		    "cdefgh" : "\xe5\xbc\xa0\xe4\xb8\x89\nabcdefgh");
	svc_buf_add(&in, want.s, want.len);
	svc_buf_adds(&in, "\"\n2,b\n");
	r = open_mem(in.s, in.len, NULL, 0, &e);
	ck_assert_int_eq(svc_csv_header(r, cols2, 2, &e), 0);
	ck_assert_int_eq(svc_csv_next(r, &e), 1);
	ck_assert_uint_eq(strlen(svc_csv_get(r, 1)), want.len);
	ck_assert(strcmp(svc_csv_get(r, 1), want.s) == 0);
	ck_assert_int_eq(svc_csv_next(r, &e), 1);
	ck_assert_int_eq(svc_csv_line(r), 2 + 66 + 1);
	ck_assert_str_eq(svc_csv_get(r, 1), "b");
	ck_assert_int_eq(svc_csv_next(r, &e), 0);
	done(r);
	svc_buf_release(&in);
	svc_buf_release(&want);
}
END_TEST

/*
 * A field longer than SVC_CSV_FIELD_MAX is refused at its record's line,
 * whole or still open at the end: plain, quoted over lines, or never
 * closed (which would otherwise take the rest of the file in).
 */
START_TEST(t_field_max)
{
	static const struct {
		const char *before, *fill, *after, *field;
	} c[] = {
		{ "2,", "x", "\n3,c\n", "name" },
		{ "2,\"", "a\n\"\"", "\"\n3,c\n", "name" },
		{ "2,\"", "ab\n", "", "name" },
		{ "", "7", ",b\n", "id" },
	};
	struct svc_buf in = { 0 };
	size_t i, k, len;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		svc_buf_reset(&in);
		svc_buf_adds(&in, "id,name\n1,a\n");
		svc_buf_adds(&in, c[i].before);
		/* the field's text, once undoubled, just over the limit */
		for (len = 0; len <= SVC_CSV_FIELD_MAX; len += k) {
			k = strlen(c[i].fill);
			svc_buf_adds(&in, c[i].fill);
			if (strstr(c[i].fill, "\"\"") != NULL)
				k--;
		}
		svc_buf_adds(&in, c[i].after);
		expect_error(in.s, in.len, NULL, 3, c[i].field,
		    "field longer than 1 MiB");
	}
	svc_buf_release(&in);
}
END_TEST

/* A field of exactly SVC_CSV_FIELD_MAX bytes, unquoted, is read whole. */
START_TEST(t_field_max_fits)
{
	struct svc_buf in = { 0 };
	struct svc_csv_reader *r;
	struct svc_err e;
	size_t i;

	svc_buf_adds(&in, "id,name\n1,");
	for (i = 0; i < SVC_CSV_FIELD_MAX; i++)
		svc_buf_add(&in, "y", 1);
	svc_buf_adds(&in, "\n2,b\n");
	r = open_mem(in.s, in.len, NULL, 0, &e);
	ck_assert_int_eq(svc_csv_header(r, cols2, 2, &e), 0);
	ck_assert_int_eq(svc_csv_next(r, &e), 1);
	ck_assert_uint_eq(strlen(svc_csv_get(r, 1)), SVC_CSV_FIELD_MAX);
	ck_assert_int_eq(svc_csv_next(r, &e), 1);
	ck_assert_int_eq(svc_csv_line(r), 3);
	ck_assert_int_eq(svc_csv_next(r, &e), 0);
	done(r);
	svc_buf_release(&in);
}
END_TEST

/*
 * Lone CRs as line ends (old Mac files) would put every record, and every
 * message, on line 1: such a file is refused before its header is read.
 * CRLF, and a lone CR after the first line ends in LF, read as before.
 */
START_TEST(t_cr_only)
{
	struct svc_csv_reader *r;
	struct svc_err e;

	r = OPEN("id,name\r1,a\r2,b\r", NULL, 0, &e);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(svc_csv_header(r, cols2, 2, &e), -1);
	ck_assert_str_eq(e.file, "t.csv");
	ck_assert_int_eq(e.line, 0);
	ck_assert_str_eq(e.field, "");
	ck_assert_str_eq(e.msg, "CR line endings (old Mac format): convert "
	    "them to LF first, e.g. with tr '\\r' '\\n'");
	done(r);
	r = OPEN("\xEF\xBB\xBFid,name\r1,a\r", NULL, 0, &e);
	ck_assert_int_eq(svc_csv_header(r, cols2, 2, &e), -1);
	ck_assert_int_eq(strncmp(e.msg, "CR line endings", 15), 0);
	done(r);
	CHECK_READ("id,name\r\n1,a\r\n", NULL, cols2, 2, 0, "2:1|a;");
	CHECK_READ("id,name\n1,a\r2,b\n", NULL, cols2, 2, 0,
	    "2:1|a;2:2|b;");
}
END_TEST

/*
 * Many records across many read buffers: every value and line number
 * survives, in UTF-8 and in GB18030 (whose characters get cut by the
 * conversion's chunks), and an error far in names the right line.
 */
static void
many_records(const char *enc)
{
	struct svc_buf in = { 0 }, want = { 0 };
	struct svc_csv_reader *r;
	struct svc_err e;
	char *got, msg[1024];
	long line = 2, i;
	const char *zs = strcmp(enc, "gb18030") == 0 ? "\xd5\xc5\xc8\xfd" :
	    "\xe5\xbc\xa0\xe4\xb8\x89";
	const char *zu = "\xe5\xbc\xa0\xe4\xb8\x89";

	svc_buf_adds(&in, "id,name,note\n");
	for (i = 0; i < 60000; i++) {
		switch (i % 7) {
		case 0:
			addf(&in, "%ld,\"%s\n\"\"%ld\"\"\",x\n", i,
			    zs, i);
			addf(&want, "%ld:%ld|%s\n\"%ld\"|x;", line,
			    i, zu, i);
			line += 2;
			break;
		case 3:
			addf(&in, "%ld,%s%s,\r\n\n", i, zs, zs);
			addf(&want, "%ld:%ld|%s%s|;", line, i, zu,
			    zu);
			line += 2;
			break;
		default:
			addf(&in, "%ld,%s %ld,\"y,%ld\"\n", i, zs,
			    i, i);
			addf(&want, "%ld:%ld|%s %ld|y,%ld;", line,
			    i, zu, i, i);
			line++;
			break;
		}
	}
	got = read_ok(in.s, in.len, enc, cols3, 3, 0);
	ck_assert_uint_eq(strlen(got), want.len);
	ck_assert(strcmp(got, want.s) == 0);
	free(got);

	svc_buf_adds(&in, "1,\xff,z\n");
	r = open_mem(in.s, in.len, enc, 0, &e);
	ck_assert_int_eq(svc_csv_header(r, cols3, 3, &e), 0);
	while ((i = svc_csv_next(r, &e)) == 1)
		;
	ck_assert_int_eq(i, -1);
	ck_assert_msg(e.line == line && strcmp(e.field, "name") == 0,
	    "got %s", svc_err_format(&e, msg, sizeof(msg)));
	done(r);
	svc_buf_release(&in);
	svc_buf_release(&want);
}

/* Values and lines survive buffer boundaries (UTF-8). */
START_TEST(t_many_records_utf8)
{
	many_records("utf-8");
}
END_TEST

/* Values and lines survive conversion chunk boundaries (GB18030). */
START_TEST(t_many_records_gb18030)
{
	many_records("gb18030");
}
END_TEST

/*
 * The reader cuts simple lines itself and gives the rest to libcsv
 * (csvio.c, cut_line); either way its records must be libcsv's own.
 * Thousands of small files of random fields, good and bad, go through
 * the reader and through libcsv alone (strict, fields verbatim); the
 * reader hands out the same records, and fails exactly where libcsv
 * fails or a record has other than three fields.
 */
static const char *const tokens[] = {
	"", "a", "12", "\xe4\xb8\xad\xe6\x96\x87", " b ", "\t", "x y",
	"\"q\"", "\"a,b\"", "\"say \"\"hi\"\"\"", "\"\"", "\"\"\"\"",
	"\"x\ny\"", "\"x\r\ny\"", "\"\n\"", "\" , \"",
	/* out of place */
	"a\"b", "\"a\"b", "\"a\" ", " \"a\"", "\"open", "a\rb", "\r",
};

struct ref {
	struct svc_buf out;	/* "f1|f2|f3;" per record after the header */
	struct svc_buf cur;	/* the record in progress */
	size_t nfield, nrec;
	int bad;		/* a record without three fields */
};

static int
keep_spaces(unsigned char c)
{
	(void)c;
	return 0;
}

static void
ref_field(void *s, size_t n, void *data)
{
	struct ref *f = data;

	if (f->bad)
		return;
	svc_buf_adds(&f->cur, f->nfield ? "|" : "");
	svc_buf_add(&f->cur, n ? s : "", n);
	f->nfield++;
}

static void
ref_row(int c, void *data)
{
	struct ref *f = data;

	(void)c;
	if (f->bad)
		return;
	if (f->nfield != 3) {
		f->bad = 1;
		return;
	}
	if (f->nrec++ > 0) {
		svc_buf_add(&f->out, f->cur.s, f->cur.len);
		svc_buf_adds(&f->out, ";");
	}
	f->cur.len = 0;
	f->nfield = 0;
}

/* libcsv's reading of in: 0 when clean, -1 when it or a count fails. */
static int
ref_parse(const struct svc_buf *in, struct ref *f)
{
	struct csv_parser p;
	int rc = 0;

	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_space_func(&p, keep_spaces);
	if (csv_parse(&p, in->s, in->len, ref_field, ref_row, f) != in->len ||
	    csv_fini(&p, ref_field, ref_row, f) != 0)
		rc = -1;
	csv_free(&p);
	return f->bad ? -1 : rc;
}

/* A number below n, from a fixed sequence (an LCG, Knuth's MMIX). */
static size_t
rnd(size_t n)
{
	static unsigned long long seed = 12345;

	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (size_t)((seed >> 33) % n);
}

START_TEST(t_agrees_with_libcsv)
{
	struct svc_buf in = { 0 }, got = { 0 };
	const size_t ngood = 16;	/* tokens before the bad ones */
	const size_t ntok = sizeof(tokens) / sizeof(tokens[0]);
	struct svc_csv_reader *r;
	struct svc_err e;
	char msg[1024];
	int files, fails = 0, rc, want;

	for (files = 0; files < 4000; files++) {
		struct ref f = { { 0 }, { 0 }, 0, 0, 0 };

		in.len = got.len = 0;
		svc_buf_adds(&in, "id,name,note\n");
		for (size_t line = rnd(5) + 1; line > 0; line--) {
			size_t nf = rnd(8) ? 3 : rnd(5);

			if (rnd(10) == 0)
				svc_buf_adds(&in, rnd(2) ? "\n" : "\r\n");
			for (size_t i = 0; i < nf; i++) {
				svc_buf_adds(&in, i ? "," : "");
				svc_buf_adds(&in, tokens[rnd(rnd(6) ?
				    ngood : ntok)]);
			}
			if (line > 1 || rnd(4))
				svc_buf_adds(&in, rnd(3) ? "\n" : "\r\n");
		}
		want = ref_parse(&in, &f);
		r = open_mem(in.s, in.len, NULL, 0, &e);
		ck_assert_ptr_nonnull(r);
		rc = svc_csv_header(r, cols3, 3, &e);
		ck_assert_int_eq(rc, 0);
		while ((rc = svc_csv_next(r, &e)) == 1) {
			for (size_t i = 0; i < 3; i++) {
				svc_buf_adds(&got, i ? "|" : "");
				svc_buf_adds(&got, svc_csv_get(r, i));
			}
			svc_buf_adds(&got, ";");
		}
		done(r);
		svc_buf_add(&in, "", 1);
		svc_buf_add(&got, "", 1);
		svc_buf_add(&f.out, "", 1);
		ck_assert_msg(rc == want && strcmp(got.s, f.out.s) == 0,
		    "input \"%s\": reader %d \"%s\" (%s), libcsv %d \"%s\"",
		    in.s, rc, got.s, rc < 0 ? svc_err_format(&e, msg,
		    sizeof(msg)) : "", want, f.out.s);
		fails += want < 0;
		svc_buf_release(&f.out);
		svc_buf_release(&f.cur);
	}
	/* both kinds of file were seen, many times */
	ck_assert_int_gt(fails, 400);
	ck_assert_int_lt(fails, 3600);
	svc_buf_release(&in);
	svc_buf_release(&got);
}
END_TEST

/* svc_csv_open reads a path and closes it; a bad path is an error. */
START_TEST(t_open_path)
{
	char path[] = "/tmp/test-csvio-XXXXXX";
	struct svc_csv_reader *r;
	struct svc_err e;
	FILE *fp;
	int fd;

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	fp = fdopen(fd, "w");
	fputs("id,name\n1,a\n", fp);
	fclose(fp);
	r = svc_csv_open(path, NULL, &e);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(svc_csv_name(r), path);
	ck_assert_int_eq(svc_csv_header(r, cols2, 2, &e), 0);
	ck_assert_int_eq(svc_csv_next(r, &e), 1);
	ck_assert_str_eq(svc_csv_get(r, 0), "1");
	ck_assert_int_eq(svc_csv_next(r, &e), 0);
	svc_csv_close(r);
	unlink(path);

	r = svc_csv_open("/nonexistent/x.csv", NULL, &e);
	ck_assert_ptr_null(r);
	ck_assert_str_eq(e.file, "/nonexistent/x.csv");
	ck_assert_str_eq(e.msg, "cannot open: No such file or directory");
}
END_TEST

/* "-" reads standard input, named "stdin". */
START_TEST(t_open_stdin)
{
	char path[] = "/tmp/test-csvio-XXXXXX";
	struct svc_csv_reader *r;
	struct svc_err e;
	int fd;

	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, "id,name\n1,\"a\n", 13), 13);
	close(fd);
	ck_assert_ptr_nonnull(freopen(path, "r", stdin));
	unlink(path);
	r = svc_csv_open("-", NULL, &e);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(svc_csv_name(r), "stdin");
	ck_assert_int_eq(svc_csv_header(r, cols2, 2, &e), 0);
	ck_assert_int_eq(svc_csv_next(r, &e), -1);
	ck_assert_str_eq(e.file, "stdin");
	svc_csv_close(r);
}
END_TEST

/* Values before the first svc_csv_next, and unknown columns, are "". */
START_TEST(t_get_defaults)
{
	struct svc_csv_reader *r;
	struct svc_err e;

	r = OPEN("id,name\n1,a\n", NULL, 0, &e);
	ck_assert_int_eq(svc_csv_header(r, cols3, 3, &e), 0);
	ck_assert_str_eq(svc_csv_get(r, 0), "");
	ck_assert_int_eq(svc_csv_next(r, &e), 1);
	ck_assert_str_eq(svc_csv_get(r, 2), "");
	ck_assert_str_eq(svc_csv_get(r, 99), "");
	ck_assert_int_eq(svc_csv_line(r), 2);
	done(r);
}
END_TEST

static char *
write_rows(int excel, const char *const *cells, size_t n, size_t width)
{
	struct svc_csv_writer w;
	char *out = NULL;
	size_t len = 0, i;
	FILE *fp;

	fp = open_memstream(&out, &len);
	ck_assert_ptr_nonnull(fp);
	svc_csv_writer_init(&w, fp, excel);
	for (i = 0; i < n; i += width)
		svc_csv_row(&w, cells + i, width);
	ck_assert_int_eq(fclose(fp), 0);
	return out;
}

/* Cells are quoted only when needed, quotes doubled, LF line ends. */
START_TEST(t_writer_quoting)
{
	static const char *const cells[] = {
		"plain", "a,b", "say \"hi\"", "two\nlines", "cr\rx",
		" lead", "trail\t", "in side", "", NULL, "=1+2", "-5",
		"",
	};
	char *out;

	out = write_rows(0, cells, 12, 12);
	ck_assert_str_eq(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\","
	    "\"cr\rx\",\" lead\",\"trail\t\",in side,,,=1+2,-5\n");
	free(out);
	/* a row of one empty cell is not a blank line */
	out = write_rows(0, cells + 12, 1, 1);
	ck_assert_str_eq(out, "\"\"\n");
	free(out);
}
END_TEST

/* Excel: BOM, CRLF, formula-like text gets ', numbers stay numbers. */
START_TEST(t_writer_excel)
{
	static const char *const cells[] = {
		"=HYPERLINK(\"http://x\",\"y\")", "-5", "+86 138 0000 0000",
		"@SUM(A1)", "\tx", "\rx", "+5", "-", "1e3", "a=b",
	};
	struct svc_csv_writer w;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	out = write_rows(1, cells, 10, 10);
	ck_assert_str_eq(out, "\xEF\xBB\xBF"
	    "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",-5,"
	    "'+86 138 0000 0000,'@SUM(A1),'\tx,\"'\rx\",+5,'-,1e3,a=b\r\n");
	free(out);

	/* numbers go through svc_fmt_num and are never neutralised */
	fp = open_memstream(&out, &len);
	svc_csv_writer_init(&w, fp, 1);
	svc_csv_num(&w, -5);
	svc_csv_num(&w, 92.5);
	svc_csv_cell(&w, NULL);
	svc_csv_id(&w, 0);
	svc_csv_id(&w, 9007199254740993LL);
	svc_csv_endrow(&w);
	fclose(fp);
	ck_assert_str_eq(out, "\xEF\xBB\xBF-5,92.5,,,9007199254740993\r\n");
	free(out);
}
END_TEST

/* What the writer writes, the reader reads back unchanged. */
START_TEST(t_writer_round_trip)
{
	static const char *const cells[] = {
		"id", "name", "note",
		"", "a,b", "say \"hi\"",
		"two\nlines\n", " x ", "\xe5\xbc\xa0\xe4\xb8\x89",
		"\"", "cr\r\nlf", "",
	};
	char *out, *got;

	out = write_rows(0, cells, 12, 3);
	got = read_ok(out, strlen(out), NULL, cols3, 3, 0);
	ck_assert_str_eq(got, "2:|a,b|say \"hi\";3:two\nlines\n| x |"
	    "\xe5\xbc\xa0\xe4\xb8\x89;6:\"|cr\r\nlf|;");
	free(got);
	free(out);
}
END_TEST

Suite *
suite_csvio(void)
{
	Suite *s = suite_create("csvio");
	TCase *tc = tcase_create("csvio");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, t_header_any_order);
	tcase_add_test(tc, t_header_unknown);
	tcase_add_test(tc, t_header_ignore_extra);
	tcase_add_test(tc, t_header_duplicate);
	tcase_add_test(tc, t_header_missing);
	tcase_add_test(tc, t_header_empty_name);
	tcase_add_test(tc, t_empty_file);
	tcase_add_test(tc, t_header_only);
	tcase_add_test(tc, t_blank_lines);
	tcase_add_test(tc, t_quoted_newline_lines);
	tcase_add_test(tc, t_unterminated_quote);
	tcase_add_test(tc, t_malformed_after_quote);
	tcase_add_test(tc, t_malformed_in_unquoted);
	tcase_add_test(tc, t_too_many_fields);
	tcase_add_test(tc, t_too_few_fields);
	tcase_add_test(tc, t_invalid_utf8);
	tcase_add_test(tc, t_utf8_block_edges);
	tcase_add_test(tc, t_nul_byte);
	tcase_add_test(tc, t_bom);
	tcase_add_test(tc, t_crlf);
	tcase_add_test(tc, t_spaces_kept);
	tcase_add_test(tc, t_agrees_with_libcsv);
	tcase_add_test(tc, t_quoted_fields);
	tcase_add_test(tc, t_gb18030);
	tcase_add_test(tc, t_cp936_euro);
	tcase_add_test(tc, t_gb18030_invalid);
	tcase_add_test(tc, t_encoding_unknown);
	tcase_add_test(tc, t_big_field);
	tcase_add_test(tc, t_field_max);
	tcase_add_test(tc, t_field_max_fits);
	tcase_add_test(tc, t_cr_only);
	tcase_add_test(tc, t_many_records_utf8);
	tcase_add_test(tc, t_many_records_gb18030);
	tcase_add_test(tc, t_open_path);
	tcase_add_test(tc, t_open_stdin);
	tcase_add_test(tc, t_get_defaults);
	tcase_add_test(tc, t_writer_quoting);
	tcase_add_test(tc, t_writer_excel);
	tcase_add_test(tc, t_writer_round_trip);
	suite_add_tcase(s, tc);
	return s;
}
