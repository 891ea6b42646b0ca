#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "err.h"
#include "sheetmap.h"
#include "xlsxread.h"

/* 2026-12-06 12:00 in the test's zone */
static time_t
noon_dec6(void)
{
	struct tm tm = { 0 };

	tm.tm_year = 126;
	tm.tm_mon = 11;
	tm.tm_mday = 6;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* what example's format reads s as: the text, "no" or "error: MSG" */
static const char *
read_as(const char *example, const char *s, int year)
{
	static char out[600];
	struct svc_datefmt f;
	struct svc_err e;
	int rc;

	svc_err_clear(&e);
	ck_assert_msg(svc_datefmt_compile(example, &f, &e) == 0, "%s: %s",
	    example, e.msg);
	rc = svc_datefmt_parse(&f, s, year, noon_dec6(), out, &e);
	svc_datefmt_release(&f);
	if (rc == 1)
		return "no";
	if (rc < 0)
		snprintf(out, sizeof(out), "error: %s", e.msg);
	return out;
}

START_TEST(formats_by_example)
{
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	ck_assert_str_eq(read_as("2026/10/5", "2026/10/5", 0), "2026-10-05");
	ck_assert_str_eq(read_as("2026/10/5", "2025/1/09", 0), "2025-01-09");
	ck_assert_str_eq(read_as("2026/10/5", " 2026/12/31 ", 0),
	    "2026-12-31");
	ck_assert_str_eq(read_as("2026年10月5日", "2026年3月15日", 0),
	    "2026-03-15");
	ck_assert_str_eq(read_as("2026-10-05 14:30", "2026-10-05   8:05", 0),
	    "2026-10-05T08:05:00");
	ck_assert_str_eq(read_as("2026/10/5 14:30:15", "2026/10/5 14:30:15",
	    0), "2026-10-05T14:30:15");
	/* the separators are the format's */
	ck_assert_str_eq(read_as("2026/10/5", "2026-10-5", 0), "no");
	ck_assert_str_eq(read_as("2026/10/5", "2026/10/5 14:30", 0), "no");
	ck_assert_str_eq(read_as("2026/10/5", "26/10/5", 0), "no");
	ck_assert_str_eq(read_as("2026/10/5", "2026/100/5", 0), "no");
	ck_assert_str_eq(read_as("2026年10月5日", "2026年10月5", 0), "no");
	ck_assert_str_eq(read_as("2026/10/5", "", 0), "no");
	/* in the format, but no such day */
	ck_assert_str_eq(read_as("2026/10/5", "2026/2/29", 0),
	    "error: '2026/2/29' read as 2026-02-29, which is no day");
	ck_assert_str_eq(read_as("2026/10/5", "2028/2/29", 0), "2028-02-29");
	ck_assert_str_eq(read_as("2026/10/5", "2026/13/1", 0),
	    "error: '2026/13/1' read as 2026-13-01, which is no day");
	ck_assert_str_eq(read_as("10-05 14:30", "10-05 24:00", 0),
	    "error: no time of day 24:00:00");
}
END_TEST

START_TEST(year_left_out)
{
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	/* today (6 December) and before: this year; after it: last year */
	ck_assert_str_eq(read_as("10-05 14:30", "10-05 14:30", 0),
	    "2026-10-05T14:30:00");
	ck_assert_str_eq(read_as("10-05 14:30", "12-06 23:59", 0),
	    "2026-12-06T23:59:00");
	ck_assert_str_eq(read_as("10-05 14:30", "12-07 00:00", 0),
	    "2025-12-07T00:00:00");
	/* the map's year = wins */
	ck_assert_str_eq(read_as("10-05 14:30", "12-07 00:00", 2026),
	    "2026-12-07T00:00:00");
	ck_assert_str_eq(read_as("10月5日", "2月29日", 2028), "2028-02-29");
}
END_TEST

START_TEST(bad_formats)
{
	struct svc_datefmt f;
	struct svc_err e;

	ck_assert_int_eq(svc_datefmt_compile("2026/10", &f, &e), -1);
	ck_assert_int_eq(svc_datefmt_compile("2026/2026/1/1", &f, &e), -1);
	ck_assert_int_eq(svc_datefmt_compile("202/10/5", &f, &e), -1);
	ck_assert_int_eq(svc_datefmt_compile("1/2/3/4/5/6/7", &f, &e), -1);
	ck_assert_int_eq(svc_datefmt_compile("today", &f, &e), -1);
}
END_TEST

static const char *
serial(double v, int date1904)
{
	static char buf[600];
	struct svc_err e;

	svc_err_clear(&e);
	if (svc_xlsxr_serial(v, date1904, buf, &e) < 0)
		snprintf(buf, sizeof(buf), "error: %s", e.msg);
	return buf;
}

START_TEST(serial_dates)
{
	ck_assert_str_eq(serial(1, 0), "1900-01-01");
	ck_assert_str_eq(serial(59, 0), "1900-02-28");
	/* Lotus's 1900-02-29, which Excel keeps for its sake */
	ck_assert_str_eq(serial(60, 0),
	    "error: serial date 60 is 1900-02-29, a day Excel counts but "
	    "the calendar has not");
	ck_assert_str_eq(serial(61, 0), "1900-03-01");
	ck_assert_str_eq(serial(46300, 0), "2026-10-05");
	ck_assert_str_eq(serial(46300.6041666667, 0), "2026-10-05T14:30:00");
	/* rounded to the second, up to the next day */
	ck_assert_str_eq(serial(46300.999999, 0), "2026-10-06");
	ck_assert_str_eq(serial(0.5, 0), "12:00:00");
	ck_assert_str_eq(serial(2958465, 0), "9999-12-31");
	ck_assert_str_eq(serial(2958466, 0),
	    "error: serial date 2.95847e+06 is out of range");
	ck_assert_str_eq(serial(-1, 0), "error: serial date -1 is out of range");
	/* 1904: day 0 is 1904-01-01, 1462 days after the 1900 system's */
	ck_assert_str_eq(serial(1, 1), "1904-01-02");
	ck_assert_str_eq(serial(46300 - 1462, 1), "2026-10-05");
	ck_assert_str_eq(serial(60, 1), "1904-03-01");
}
END_TEST

START_TEST(date_formats_and_columns)
{
	char b[4];

	ck_assert(svc_xlsxr_date_format(14, NULL));
	ck_assert(svc_xlsxr_date_format(31, NULL));	/* yyyy"年"m"月"d"日" */
	ck_assert(!svc_xlsxr_date_format(0, NULL));
	ck_assert(!svc_xlsxr_date_format(49, NULL));	/* @ */
	ck_assert(svc_xlsxr_date_format(-1, "yyyy/m/d h:mm"));
	ck_assert(svc_xlsxr_date_format(-1, "[$-804]yyyy\"年\"m\"月\""));
	ck_assert(svc_xlsxr_date_format(-1, "[h]:mm"));
	ck_assert(!svc_xlsxr_date_format(-1, "0.00"));
	ck_assert(!svc_xlsxr_date_format(-1, "[Red]#,##0"));
	ck_assert(!svc_xlsxr_date_format(-1, "\"days\" 0"));
	ck_assert(!svc_xlsxr_date_format(-1, "General"));
	ck_assert_str_eq(svc_xlsxr_col(0, b), "A");
	ck_assert_str_eq(svc_xlsxr_col(25, b), "Z");
	ck_assert_str_eq(svc_xlsxr_col(26, b), "AA");
	ck_assert_str_eq(svc_xlsxr_col(16383, b), "XFD");
}
END_TEST

Suite *
suite_sheetmap(void)
{
	Suite *s = suite_create("sheetmap");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, formats_by_example);
	tcase_add_test(tc, year_left_out);
	tcase_add_test(tc, bad_formats);
	tcase_add_test(tc, serial_dates);
	tcase_add_test(tc, date_formats_and_columns);
	suite_add_tcase(s, tc);
	return s;
}
