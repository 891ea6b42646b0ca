#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar.h"
#include "period.h"

/*
 * The State Council's 2026 schedule (国务院办公厅, 2025-11-04): days off
 * and the make-up working days on weekends. Local time is Asia/Shanghai.
 */
static const char *const holidays_2026 = "2026-01-01..2026-01-03, "
    "2026-02-15..2026-02-23, 2026-04-04..2026-04-06, "
    "2026-05-01..2026-05-05, 2026-06-19..2026-06-21, "
    "2026-09-25..2026-09-27, 2026-10-01..2026-10-07";
static const char *const workdays_2026 = "2026-01-04, 2026-02-14, "
    "2026-02-28, 2026-05-09, 2026-09-20, 2026-10-10";

static struct svc_calendar cal;

static void
setup(void)
{
	struct svc_err e = { 0 };

	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	memset(&cal, 0, sizeof(cal));
	cal.on = 1;
	ck_assert_int_eq(svc_cal_parse_days(holidays_2026, 3, &cal.holidays,
	    &cal.nholidays, &e), 0);
	ck_assert_int_eq(svc_cal_parse_days(workdays_2026, 4, &cal.workdays,
	    &cal.nworkdays, &e), 0);
	svc_cal_finish(&cal);
}

static void
teardown(void)
{
	svc_cal_free(&cal);
}

static time_t
at(const char *ts)
{
	struct svc_err e = { 0 };
	time_t t;

	ck_assert_msg(svc_time_parse(ts, &t, &e) == 0, "%s: %s", ts, e.msg);
	return t;
}

static const char *
fmt(time_t t)
{
	static char buf[32];

	return svc_time_format(t, buf);
}

static long long
day(int y, int m, int d)
{
	return svc_day_from_ymd(y, m, d);
}

START_TEST(lists)
{
	ck_assert_uint_eq(cal.nholidays, 3 + 9 + 3 + 5 + 3 + 3 + 7);
	ck_assert_uint_eq(cal.nworkdays, 6);
	ck_assert_int_eq(cal.first_year, 2026);
	ck_assert_int_eq(cal.last_year, 2026);
	ck_assert_int_eq(svc_cal_weekday(day(2026, 10, 1)), 4);
	ck_assert_int_eq(svc_cal_weekday(day(2026, 10, 10)), 6);
	ck_assert_int_eq(svc_cal_weekday(day(1969, 12, 28)), 7);
}
END_TEST

START_TEST(is_workday)
{
	/* National Day: off the 1st to the 7th, the 10th (a Saturday) worked */
	ck_assert(svc_cal_is_workday(&cal, day(2026, 9, 30)));
	ck_assert(!svc_cal_is_workday(&cal, day(2026, 10, 1)));
	ck_assert(!svc_cal_is_workday(&cal, day(2026, 10, 7)));
	ck_assert(svc_cal_is_workday(&cal, day(2026, 10, 8)));
	ck_assert(svc_cal_is_workday(&cal, day(2026, 10, 10)));
	ck_assert(!svc_cal_is_workday(&cal, day(2026, 10, 11)));
	ck_assert(svc_cal_is_workday(&cal, day(2026, 9, 20)));
	/* Spring Festival, with both its Saturdays worked */
	ck_assert(svc_cal_is_workday(&cal, day(2026, 2, 14)));
	ck_assert(!svc_cal_is_workday(&cal, day(2026, 2, 16)));
	ck_assert(svc_cal_is_workday(&cal, day(2026, 2, 28)));
	/* no calendar: weekends only */
	ck_assert(svc_cal_is_workday(NULL, day(2026, 10, 1)));
	ck_assert(!svc_cal_is_workday(NULL, day(2026, 10, 10)));
}
END_TEST

START_TEST(add_national_day)
{
	time_t t = at("2026-09-30T10:00");

	/* 10-08 (1), 10-09 (2), the make-up Saturday 10-10 (3) */
	ck_assert_str_eq(fmt(svc_cal_add_workdays(&cal, t, 1)),
	    "2026-10-08T10:00:00+08:00");
	ck_assert_str_eq(fmt(svc_cal_add_workdays(&cal, t, 3)),
	    "2026-10-10T10:00:00+08:00");
	ck_assert_str_eq(fmt(svc_cal_add_workdays(&cal, t, 4)),
	    "2026-10-12T10:00:00+08:00");
	ck_assert_str_eq(fmt(svc_cal_add_workdays(&cal, t, 0)),
	    "2026-09-30T10:00:00+08:00");
	/* opened on a holiday: the first working day after it */
	ck_assert_str_eq(fmt(svc_cal_add_workdays(&cal,
	    at("2026-10-03T15:30"), 1)), "2026-10-08T15:30:00+08:00");
	/* the Sunday before is worked; Mid-Autumn is Friday to Sunday */
	ck_assert_str_eq(fmt(svc_cal_add_workdays(&cal,
	    at("2026-09-18T09:00"), 1)), "2026-09-20T09:00:00+08:00");
	ck_assert_str_eq(fmt(svc_cal_add_workdays(&cal,
	    at("2026-09-24T09:00"), 1)), "2026-09-28T09:00:00+08:00");
	/* without a calendar the holiday is working time */
	ck_assert_str_eq(fmt(svc_cal_add_workdays(NULL, t, 3)),
	    "2026-10-05T10:00:00+08:00");
}
END_TEST

START_TEST(add_spring_festival)
{
	time_t t = at("2026-02-13T09:00");

	/* Saturday 02-14 is worked, 02-15..02-23 are off */
	ck_assert_str_eq(fmt(svc_cal_add_workdays(&cal, t, 1)),
	    "2026-02-14T09:00:00+08:00");
	ck_assert_str_eq(fmt(svc_cal_add_workdays(&cal, t, 2)),
	    "2026-02-24T09:00:00+08:00");
	ck_assert_str_eq(fmt(svc_cal_add_workdays(&cal, t, 3)),
	    "2026-02-25T09:00:00+08:00");
	/* and Saturday 02-28 */
	ck_assert_str_eq(fmt(svc_cal_add_workdays(&cal,
	    at("2026-02-26T17:45"), 2)), "2026-02-28T17:45:00+08:00");
	ck_assert_str_eq(fmt(svc_cal_add_workdays(&cal,
	    at("2026-02-26T17:45"), 3)), "2026-03-02T17:45:00+08:00");
}
END_TEST

START_TEST(between)
{
	/* October 2026: 22 weekdays, 5 of them off, one Saturday worked */
	ck_assert_int_eq(svc_cal_workdays_between(&cal, day(2026, 9, 30),
	    day(2026, 10, 31)), 18);
	ck_assert_int_eq(svc_cal_workdays_between(NULL, day(2026, 9, 30),
	    day(2026, 10, 31)), 22);
	/* February 2026: 20 weekdays, 6 off, two Saturdays worked */
	ck_assert_int_eq(svc_cal_workdays_between(&cal, day(2026, 1, 31),
	    day(2026, 2, 28)), 16);
	/* the year: 261 weekdays, 19 of the days off on weekdays, 6 worked */
	ck_assert_int_eq(svc_cal_workdays_between(&cal, day(2025, 12, 31),
	    day(2026, 12, 31)), 261 - 19 + 6);
	/* a day to itself, backwards, across the holiday */
	ck_assert_int_eq(svc_cal_workdays_between(&cal, day(2026, 10, 8),
	    day(2026, 10, 8)), 0);
	ck_assert_int_eq(svc_cal_workdays_between(&cal, day(2026, 10, 9),
	    day(2026, 10, 8)), 0);
	ck_assert_int_eq(svc_cal_workdays_between(&cal, day(2026, 9, 30),
	    day(2026, 10, 8)), 1);
	/* it agrees with adding, day by day over the year */
	for (long long d = day(2026, 1, 1); d <= day(2026, 12, 31); d++) {
		time_t t = svc_day_midnight(d);
		long long e = svc_day_of(svc_cal_add_workdays(&cal, t, 3));

		ck_assert_int_eq(svc_cal_workdays_between(&cal, d, e), 3);
		ck_assert(svc_cal_is_workday(&cal, e));
	}
}
END_TEST

START_TEST(covers)
{
	ck_assert(svc_cal_covers(&cal, day(2026, 1, 1)));
	ck_assert(svc_cal_covers(&cal, day(2026, 12, 31)));
	ck_assert(!svc_cal_covers(&cal, day(2027, 1, 1)));
	ck_assert(!svc_cal_covers(&cal, day(2025, 12, 31)));
	ck_assert(!svc_cal_covers(NULL, day(2026, 6, 1)));
}
END_TEST

START_TEST(parse_days)
{
	struct svc_cal_day *v = NULL;
	struct svc_err e = { 0 };
	size_t n = 0;

	ck_assert_int_eq(svc_cal_parse_days("2028-02-28..2028-03-01", 9, &v,
	    &n, &e), 0);
	ck_assert_uint_eq(n, 3);	/* 2028 is a leap year */
	ck_assert_int_eq(v[2].line, 9);
	ck_assert_int_eq(svc_cal_parse_days("2026-10-01, 2026-13-01", 10, &v,
	    &n, &e), -1);
	ck_assert_uint_eq(n, 3);	/* nothing of a bad list is kept */
	ck_assert_str_eq(e.msg, "bad date '2026-13-01' (expected a date "
	    "2026-10-01 or a range 2026-10-01..2026-10-07)");
	ck_assert_int_eq(svc_cal_parse_days("1969-12-31", 1, &v, &n, &e), -1);
	ck_assert_int_eq(svc_cal_parse_days("2026-10-01,", 1, &v, &n, &e), -1);
	ck_assert_int_eq(svc_cal_parse_days("2027-02-29", 1, &v, &n, &e), -1);
	free(v);
}
END_TEST

START_TEST(spans)
{
	struct svc_span sp;

	ck_assert_int_eq(svc_span_parse("3d", 100, &sp), 0);
	ck_assert(sp.n == 3 && sp.unit == SVC_SPAN_DAYS);
	ck_assert_int_eq(svc_span_parse("3 days", 100, &sp), 0);
	ck_assert(sp.n == 3 && sp.unit == SVC_SPAN_DAYS);
	ck_assert_int_eq(svc_span_parse("48 hours", 100, &sp), 0);
	ck_assert(sp.n == 48 && sp.unit == SVC_SPAN_HOURS);
	ck_assert_int_eq(svc_span_parse("3workdays", 100, &sp), 0);
	ck_assert(sp.n == 3 && sp.unit == SVC_SPAN_WORKDAYS);
	ck_assert_int_eq(svc_span_parse("101 workdays", 100, &sp), -2);
	ck_assert_int_eq(svc_span_parse("99999999999999999999d", 100, &sp),
	    -2);
	ck_assert_int_eq(svc_span_parse("3 weeks", 100, &sp), -1);
	ck_assert_int_eq(svc_span_parse("workdays", 100, &sp), -1);
	ck_assert_int_eq(svc_span_parse("-3d", 100, &sp), -1);
	ck_assert_int_eq(svc_span_parse("3", 100, &sp), -1);
	ck_assert_int_eq(svc_span_parse("4 work hours", 100, &sp), 0);
	ck_assert(sp.n == 4 && sp.unit == SVC_SPAN_WORKHOURS);
	ck_assert_int_eq(svc_span_parse("4work hours", 100, &sp), 0);
	ck_assert_int_eq(svc_span_parse("4 workhours", 100, &sp), -1);
	ck_assert_int_eq(svc_span_parse("4 work  hours", 100, &sp), -1);
}
END_TEST

/* The calendar with working hours 08:30-12:00, 13:30-17:30: 7.5 h a day. */
static void
with_hours(void)
{
	struct svc_err e = { 0 };

	ck_assert_int_eq(svc_cal_parse_hours("08:30-12:00, 13:30-17:30",
	    &cal.hours, &cal.nhours, &e), 0);
}

static const char *
add_h(const char *ts, double hours)
{
	return fmt(svc_cal_add_work(&cal, at(ts), (long long)(hours * 3600)));
}

START_TEST(parse_hours)
{
	struct svc_cal_hours *v = NULL;
	struct svc_err e = { 0 };
	size_t n = 0;

	ck_assert_int_eq(svc_cal_parse_hours(" 08:30-12:00 ,13:30-17:30 ",
	    &v, &n, &e), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert(v[0].from == 510 && v[0].to == 720);
	ck_assert(v[1].from == 810 && v[1].to == 1050);
	free(v);
	v = NULL;
	ck_assert_int_eq(svc_cal_parse_hours("00:00-24:00", &v, &n, &e), 0);
	ck_assert(n == 1 && v[0].from == 0 && v[0].to == 1440);
	free(v);
	v = NULL;
	/* touching intervals do not overlap */
	ck_assert_int_eq(svc_cal_parse_hours("08:00-12:00, 12:00-13:00", &v,
	    &n, &e), 0);
	free(v);
	v = NULL;
	n = 7;
	ck_assert_int_eq(svc_cal_parse_hours("13:30-17:30, 08:30-12:00", &v,
	    &n, &e), -1);
	ck_assert_str_eq(e.msg, "interval '08:30-12:00' starts before the one "
	    "before it ends (intervals are in order and do not overlap)");
	ck_assert(v == NULL && n == 7);	/* nothing of a bad list is kept */
	ck_assert_int_eq(svc_cal_parse_hours("08:30-12:00, 11:00-17:30", &v,
	    &n, &e), -1);
	ck_assert_int_eq(svc_cal_parse_hours("12:00-08:30", &v, &n, &e), -1);
	ck_assert_str_eq(e.msg, "interval '12:00-08:30' does not end after it "
	    "starts");
	ck_assert_int_eq(svc_cal_parse_hours("09:00-09:00", &v, &n, &e), -1);
	ck_assert_int_eq(svc_cal_parse_hours("8:30-12:00", &v, &n, &e), -1);
	ck_assert_str_eq(e.msg, "bad interval '8:30-12:00' (expected local "
	    "times like 08:30-12:00, separated by commas)");
	ck_assert_int_eq(svc_cal_parse_hours("08:30-24:30", &v, &n, &e), -1);
	ck_assert_int_eq(svc_cal_parse_hours("08:60-12:00", &v, &n, &e), -1);
	ck_assert_int_eq(svc_cal_parse_hours("24:00-24:00", &v, &n, &e), -1);
	ck_assert_int_eq(svc_cal_parse_hours("08:30", &v, &n, &e), -1);
	ck_assert_int_eq(svc_cal_parse_hours("08:30-12:00,", &v, &n, &e), -1);
	ck_assert_int_eq(svc_cal_parse_hours("", &v, &n, &e), -1);
	ck_assert(v == NULL);
}
END_TEST

START_TEST(add_work_national_day)
{
	with_hours();
	/*
	 * Opened Wednesday 09-30 at 16:00 with 4 work hours: 1.5 h to 17:30,
	 * 10-01..10-07 are off, then 2.5 h from 08:30 on Thursday 10-08.
	 */
	ck_assert_str_eq(add_h("2026-09-30T16:00", 4),
	    "2026-10-08T11:00:00+08:00");
	/* 16 h: 1.5 on 09-30, 7.5 on 10-08, 7 of 10-09's 7.5: 17:00 */
	ck_assert_str_eq(add_h("2026-09-30T16:00", 16),
	    "2026-10-09T17:00:00+08:00");
	/* 20 h: 16.5 by 10-09's end, then the make-up Saturday 10-10's
	   morning, used up exactly at its end: 12:00, not 13:30 */
	ck_assert_str_eq(add_h("2026-09-30T16:00", 20),
	    "2026-10-10T12:00:00+08:00");
	ck_assert_str_eq(add_h("2026-09-30T16:00", 20.5),
	    "2026-10-10T14:00:00+08:00");
	/* Friday 10-09 at 16:00: the make-up Saturday counts */
	ck_assert_str_eq(add_h("2026-10-09T16:00", 4),
	    "2026-10-10T11:00:00+08:00");
	/* opened on a holiday: from 10-08's first interval */
	ck_assert_str_eq(add_h("2026-10-03T10:00", 1),
	    "2026-10-08T09:30:00+08:00");
}
END_TEST

START_TEST(add_work_edges)
{
	with_hours();
	/* Sunday night 10-11 (not a make-up day): Monday 10-12's 3.5 h end
	   at 12:00 exactly, the fourth hour's half after lunch */
	ck_assert_str_eq(add_h("2026-10-11T22:00", 3.5),
	    "2026-10-12T12:00:00+08:00");
	ck_assert_str_eq(add_h("2026-10-11T22:00", 4),
	    "2026-10-12T14:00:00+08:00");
	/* opened exactly at an interval's end, in the break, at its start */
	ck_assert_str_eq(add_h("2026-10-12T12:00", 1),
	    "2026-10-12T14:30:00+08:00");
	ck_assert_str_eq(add_h("2026-10-12T12:45", 1),
	    "2026-10-12T14:30:00+08:00");
	ck_assert_str_eq(add_h("2026-10-12T13:30", 1),
	    "2026-10-12T14:30:00+08:00");
	/* at the day's end: the next working day (Friday to Monday) */
	ck_assert_str_eq(add_h("2026-10-16T17:30", 1),
	    "2026-10-19T09:30:00+08:00");
	ck_assert_str_eq(add_h("2026-10-16T17:29", 1),
	    "2026-10-19T09:29:00+08:00");
	/* nothing to count: the opening itself */
	ck_assert_str_eq(add_h("2026-10-11T22:00", 0),
	    "2026-10-11T22:00:00+08:00");
	/* seconds of working time between two moments */
	ck_assert_int_eq(svc_cal_work_between(&cal, at("2026-09-30T16:00"),
	    at("2026-10-08T11:00")), 4 * 3600);
	ck_assert_int_eq(svc_cal_work_between(&cal, at("2026-10-12T12:00"),
	    at("2026-10-12T13:30")), 0);
	ck_assert_int_eq(svc_cal_work_between(&cal, at("2026-10-12T11:00"),
	    at("2026-10-12T11:00")), 0);
	ck_assert_int_eq(svc_cal_work_between(&cal, at("2026-10-12T12:00"),
	    at("2026-10-12T11:00")), 0);
	/* October: 18 working days of 7.5 h */
	ck_assert_int_eq(svc_cal_work_between(&cal, at("2026-10-01T00:00"),
	    at("2026-11-01T00:00")), 18 * 7.5 * 3600);
	/* adding and measuring agree, every quarter of an hour of October,
	   and a due time lies inside an interval or at its end */
	for (time_t t = at("2026-10-01T00:00"); t < at("2026-11-01T00:00");
	    t += 900) {
		time_t due = svc_cal_add_work(&cal, t, 4 * 3600);
		struct tm tm;
		int min;

		ck_assert_int_eq(svc_cal_work_between(&cal, t, due), 4 * 3600);
		ck_assert(svc_cal_work_between(&cal, t, due - 1) < 4 * 3600);
		localtime_r(&due, &tm);
		min = tm.tm_hour * 60 + tm.tm_min;
		ck_assert((min > 510 && min <= 720) ||
		    (min > 810 && min <= 1050));
		ck_assert(svc_cal_is_workday(&cal, svc_day_of(due)));
	}
}
END_TEST

/*
 * Local time, not a fixed offset: New York with no policy zone, hours
 * 09:00-17:00, over the weekends DST begins (Sunday 2026-03-08) and ends
 * (Sunday 2026-11-01). Adding calendar seconds would land an hour off.
 */
START_TEST(add_work_dst)
{
	struct svc_err e = { 0 };

	setenv("TZ", "America/New_York", 1);
	tzset();
	ck_assert_int_eq(svc_cal_parse_hours("09:00-17:00", &cal.hours,
	    &cal.nhours, &e), 0);
	/* Friday 16:00 EST, 4 h: 1 h on Friday, 3 h from Monday 09:00 EDT */
	ck_assert_str_eq(add_h("2026-03-06T16:00", 4),
	    "2026-03-09T12:00:00-04:00");
	ck_assert_int_eq(svc_cal_work_between(&cal, at("2026-03-06T16:00"),
	    at("2026-03-09T12:00")), 4 * 3600);
	/* and back: Friday 16:00 EDT to Monday 12:00 EST */
	ck_assert_str_eq(add_h("2026-10-30T16:00", 4),
	    "2026-11-02T12:00:00-05:00");
	/* a whole day: 8 h from Friday 09:00 is Friday 17:00 */
	ck_assert_str_eq(add_h("2026-03-06T09:00", 8),
	    "2026-03-06T17:00:00-05:00");
}
END_TEST

Suite *
suite_calendar(void)
{
	Suite *s = suite_create("calendar");
	TCase *tc = tcase_create("calendar");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, lists);
	tcase_add_test(tc, is_workday);
	tcase_add_test(tc, add_national_day);
	tcase_add_test(tc, add_spring_festival);
	tcase_add_test(tc, between);
	tcase_add_test(tc, covers);
	tcase_add_test(tc, parse_days);
	tcase_add_test(tc, spans);
	tcase_add_test(tc, parse_hours);
	tcase_add_test(tc, add_work_national_day);
	tcase_add_test(tc, add_work_edges);
	tcase_add_test(tc, add_work_dst);
	suite_add_tcase(s, tc);
	return s;
}
