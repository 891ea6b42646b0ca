#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "table.h"
#include "xlsx.h"

/* one row of: an id shown as a number, an account number, a score, a
 * change, a date, a date-time, an instant with an offset, text */
static struct svc_table *
sample(struct svc_doc *d)
{
	static const char *const t[] = { "id", "customer", "score", "change",
	    "day", "time", "ts", "note", "" };
	static const enum svc_cell_type ty[] = { SVC_CELL_NUM, SVC_CELL_TEXT,
	    SVC_CELL_NUM, SVC_CELL_NUM, SVC_CELL_DATE, SVC_CELL_DATE,
	    SVC_CELL_DATE, SVC_CELL_TEXT, SVC_CELL_BAR };
	struct svc_table *tb;
	size_t r;

	svc_doc_init(d, "T");
	tb = svc_doc_table(d, "", 9, t, ty);
	tb->cols[0].data = SVC_DATA_TEXT;
	r = svc_table_row(tb, SVC_ROW_DATA);
	svc_table_num(tb, r, 0, 7, 0);
	svc_table_set(tb, r, 1, "0301021");
	svc_table_num(tb, r, 2, 94.5, 2);
	svc_table_setf(tb, r, 3, "%+.1f", 5.0)->type = SVC_CELL_NUM;
	svc_table_set(tb, r, 4, "2026-07-12");
	svc_table_set(tb, r, 5, "2026-08-26 13:25");
	svc_table_set(tb, r, 6, "2026-08-03T03:46:00Z");
	svc_table_set(tb, r, 7, "=1+2");
	svc_table_bar(tb, r, 8, 0.5);
	r = svc_table_row(tb, SVC_ROW_DATA);
	svc_table_set(tb, r, 2, "n/a")->type = SVC_CELL_NUM;
	svc_table_set(tb, r, 4, "never");
	svc_table_set(tb, r, 7, "93")->data = SVC_DATA_NUM;
	return tb;
}

START_TEST(cell_kinds)
{
	struct svc_doc d;
	struct svc_table *t;
	struct svc_xlsx_value v;

	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	t = sample(&d);
	/* an id stays text though shown as a number */
	svc_xlsx_value(t, 0, 0, &v);
	ck_assert_int_eq(v.kind, SVC_XLSX_TEXT);
	svc_xlsx_value(t, 0, 1, &v);
	ck_assert_int_eq(v.kind, SVC_XLSX_TEXT);
	svc_xlsx_value(t, 0, 2, &v);
	ck_assert_int_eq(v.kind, SVC_XLSX_NUM);
	ck_assert(v.num == 94.5 && v.decimals == 2 && !v.sign);
	svc_xlsx_value(t, 0, 3, &v);
	ck_assert_int_eq(v.kind, SVC_XLSX_NUM);
	ck_assert(v.num == 5 && v.decimals == 1 && v.sign);
	svc_xlsx_value(t, 0, 4, &v);
	ck_assert_int_eq(v.kind, SVC_XLSX_DATE);
	ck_assert(v.tm.tm_year == 126 && v.tm.tm_mon == 6 &&
	    v.tm.tm_mday == 12 && v.tm.tm_hour == 0);
	svc_xlsx_value(t, 0, 5, &v);
	ck_assert_int_eq(v.kind, SVC_XLSX_DATETIME);
	ck_assert(v.tm.tm_hour == 13 && v.tm.tm_min == 25);
	/* an instant in UTC is shown in the local zone */
	svc_xlsx_value(t, 0, 6, &v);
	ck_assert_int_eq(v.kind, SVC_XLSX_DATETIME);
	ck_assert(v.tm.tm_mday == 3 && v.tm.tm_hour == 11 &&
	    v.tm.tm_min == 46);
	svc_xlsx_value(t, 0, 7, &v);
	ck_assert_int_eq(v.kind, SVC_XLSX_TEXT);
	/* what does not parse stays text; empty is blank */
	svc_xlsx_value(t, 1, 2, &v);
	ck_assert_int_eq(v.kind, SVC_XLSX_TEXT);
	svc_xlsx_value(t, 1, 4, &v);
	ck_assert_int_eq(v.kind, SVC_XLSX_TEXT);
	svc_xlsx_value(t, 1, 0, &v);
	ck_assert_int_eq(v.kind, SVC_XLSX_BLANK);
	svc_xlsx_value(t, 1, 3, &v);
	ck_assert_int_eq(v.kind, SVC_XLSX_BLANK);
	/* a number among text items, by the cell's hint */
	svc_xlsx_value(t, 1, 7, &v);
	ck_assert_int_eq(v.kind, SVC_XLSX_NUM);
	ck_assert(v.num == 93);
	svc_doc_release(&d);
	unsetenv("TZ");
	tzset();
}
END_TEST

START_TEST(numbers_strict)
{
	static const char *const no[] = { "inf", "nan", "0x10", "1e3", "12 ",
	    "1,000", "5%", "-", "." };
	struct svc_doc d;
	struct svc_table *t;
	struct svc_xlsx_value v;

	svc_doc_init(&d, "T");
	t = svc_doc_table(&d, "", 1, (const char *const[]){ "n" },
	    (const enum svc_cell_type[]){ SVC_CELL_NUM });
	svc_table_row(t, SVC_ROW_DATA);
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		svc_table_set(t, 0, 0, no[i])->type = SVC_CELL_NUM;
		svc_xlsx_value(t, 0, 0, &v);
		ck_assert_msg(v.kind == SVC_XLSX_TEXT, "%s", no[i]);
	}
	svc_table_set(t, 0, 0, "-0.25")->type = SVC_CELL_NUM;
	svc_xlsx_value(t, 0, 0, &v);
	ck_assert(v.kind == SVC_XLSX_NUM && v.num == -0.25);
	svc_doc_release(&d);
}
END_TEST

/* widths: CJK counts two, dates their shown width, at most 60 */
START_TEST(widths)
{
	static const char *const t[] = { "name", "day", "note" };
	static const enum svc_cell_type ty[] = { SVC_CELL_TEXT,
	    SVC_CELL_DATE, SVC_CELL_TEXT };
	struct svc_doc d;
	struct svc_table *tb;
	char long_note[200];
	size_t r;

	memset(long_note, 'x', sizeof(long_note) - 1);
	long_note[sizeof(long_note) - 1] = '\0';
	svc_doc_init(&d, "T");
	tb = svc_doc_table(&d, "", 3, t, ty);
	r = svc_table_row(tb, SVC_ROW_DATA);
	svc_table_set(tb, r, 0, "欧阳娜娜");
	svc_table_set(tb, r, 1, "2026-08-03T11:46:00+08:00");
	svc_table_set(tb, r, 2, long_note);
	ck_assert(svc_xlsx_width(tb, 0) == 8 + 3);
	ck_assert(svc_xlsx_width(tb, 1) == 16 + 3);
	ck_assert(svc_xlsx_width(tb, 2) == 60);
	svc_doc_release(&d);
}
END_TEST

START_TEST(sheet_names)
{
	char *taken[2];
	char *s;

	s = svc_xlsx_sheet_name("Closed 2026-07/08: [a]*?\\", "x", NULL, 0);
	ck_assert_str_eq(s, "Closed 2026-07_08_ _a____");
	free(s);
	s = svc_xlsx_sheet_name("", "scores", NULL, 0);
	ck_assert_str_eq(s, "scores");
	free(s);
	s = svc_xlsx_sheet_name("'quoted'", "x", NULL, 0);
	ck_assert_str_eq(s, "quoted");
	free(s);
	/* 31 characters, not bytes: Chinese titles are cut whole */
	s = svc_xlsx_sheet_name("供水窗口每月综合得分不低于九十九分供水窗口每月综合"
	    "得分不低于九十九分", "x", NULL, 0);
	ck_assert_str_eq(s, "供水窗口每月综合得分不低于九十九分供水窗口每月综合得分不低于九");
	free(s);
	taken[0] = "Scores";
	taken[1] = "scores (2)";
	s = svc_xlsx_sheet_name("", "scores", taken, 2);
	ck_assert_str_eq(s, "scores (3)");
	free(s);
	s = svc_xlsx_sheet_name("abcdefghijabcdefghijabcdefghijabcdef", "x",
	    (char *[]){ "abcdefghijabcdefghijabcdefghija" }, 1);
	ck_assert_str_eq(s, "abcdefghijabcdefghijabcdefg (2)");
	free(s);
}
END_TEST

/* A whole workbook to a stream; a cell Excel cannot hold is an error
 * naming it, and nothing is written. */
START_TEST(write_book)
{
	struct svc_xlsx_opts o = { .sheet = "scores", .created = 1 };
	struct svc_err e = { 0 };
	struct svc_doc d;
	struct svc_table *t;
	char *buf = NULL, *huge;
	size_t n = 0;
	FILE *fp;

	t = sample(&d);
	fp = open_memstream(&buf, &n);
	ck_assert_int_eq(svc_xlsx_write(&d, &o, fp, &e), 0);
	fclose(fp);
	ck_assert(n > 1000 && memcmp(buf, "PK\003\004", 4) == 0);
	free(buf);
	huge = malloc(40000);
	memset(huge, 'x', 39999);
	huge[39999] = '\0';
	svc_table_set(t, 1, 7, huge);
	free(huge);
	buf = NULL;
	fp = open_memstream(&buf, &n);
	ck_assert_int_eq(svc_xlsx_write(&d, &o, fp, &e), -1);
	fclose(fp);
	ck_assert_uint_eq(n, 0);
	ck_assert_str_eq(e.msg, "workbook: scores!H3: text longer than a "
	    "cell holds (32767 characters)");
	free(buf);
	svc_doc_release(&d);
}
END_TEST

Suite *
suite_xlsx(void)
{
	Suite *s = suite_create("xlsx");
	TCase *tc = tcase_create("xlsx");

	tcase_add_test(tc, cell_kinds);
	tcase_add_test(tc, numbers_strict);
	tcase_add_test(tc, widths);
	tcase_add_test(tc, sheet_names);
	tcase_add_test(tc, write_book);
	suite_add_tcase(s, tc);
	return s;
}
