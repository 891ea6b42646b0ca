#include <check.h>
#include <stdio.h>

#include "period.h"
#include "reminders.h"

/* The anniversary of MM-DD on or after FROM, as "YYYY-MM-DD". */
static const char *
next(int m, int d, const char *from)
{
	static char buf[16];
	int y, mm, dd;
	long long day;

	ck_assert_int_eq(sscanf(from, "%d-%d-%d", &y, &mm, &dd), 3);
	day = svc_anniversary_next(m, d, svc_day_from_ymd(y, mm, dd));
	svc_day_ymd(day, &y, &mm, &dd);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, mm, dd);
	return buf;
}

START_TEST(anniversary)
{
	ck_assert_str_eq(next(11, 19, "2026-11-16"), "2026-11-19");
	ck_assert_str_eq(next(11, 16, "2026-11-16"), "2026-11-16");
	ck_assert_str_eq(next(11, 15, "2026-11-16"), "2027-11-15");
	ck_assert_str_eq(next(1, 2, "2026-12-30"), "2027-01-02");
	/* 02-29: on 02-28 when the year has none, never a day late */
	ck_assert_str_eq(next(2, 29, "2027-02-01"), "2027-02-28");
	ck_assert_str_eq(next(2, 29, "2028-02-01"), "2028-02-29");
	ck_assert_str_eq(next(2, 29, "2027-03-01"), "2028-02-29");
	ck_assert_str_eq(next(2, 29, "2100-02-01"), "2100-02-28");
	ck_assert_str_eq(next(2, 29, "2000-02-29"), "2000-02-29");
}
END_TEST

static int
parse(const char *s, int *y, int *m, int *d, char *msg)
{
	struct svc_err e = { 0 };
	int rc = svc_date_parse_day(s, y, m, d, &e);

	snprintf(msg, 512, "%s", e.msg);
	return rc;
}

START_TEST(day_dates)
{
	char msg[512];
	int y, m, d;

	ck_assert_int_eq(parse("1972-11-19", &y, &m, &d, msg), 0);
	ck_assert(y == 1972 && m == 11 && d == 19);
	ck_assert_int_eq(parse("02-29", &y, &m, &d, msg), 0);
	ck_assert(y == 0 && m == 2 && d == 29);
	ck_assert_int_eq(parse("1949-10-01", &y, &m, &d, msg), 0);
	ck_assert_int_eq(parse("1970-02-29", &y, &m, &d, msg), -1);
	ck_assert_str_eq(msg, "bad date '1970-02-29': day out of range for "
	    "the month");
	ck_assert_int_eq(parse("2000-02-29", &y, &m, &d, msg), 0);
	ck_assert_int_eq(parse("02-30", &y, &m, &d, msg), -1);
	ck_assert_int_eq(parse("00-10", &y, &m, &d, msg), -1);
	ck_assert_str_eq(msg, "bad date '00-10': month must be 01 to 12");
	ck_assert_int_eq(parse("0999-01-01", &y, &m, &d, msg), -1);
	ck_assert_int_eq(parse("2-3", &y, &m, &d, msg), -1);
	ck_assert_int_eq(parse("1972-11-19 ", &y, &m, &d, msg), -1);
	ck_assert_int_eq(parse("1972-11", &y, &m, &d, msg), -1);
	ck_assert_int_eq(parse("", &y, &m, &d, msg), -1);
}
END_TEST

Suite *
suite_reminders(void)
{
	Suite *s = suite_create("reminders");
	TCase *tc = tcase_create("reminders");

	tcase_add_test(tc, anniversary);
	tcase_add_test(tc, day_dates);
	suite_add_tcase(s, tc);
	return s;
}
