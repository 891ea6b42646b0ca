#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "err.h"
#include "period.h"

static void
tz(const char *zone)
{
	setenv("TZ", zone, 1);
	tzset();
}

/* A timestamp the test relies on; failing to parse it is a test bug. */
static time_t
ts(const char *s)
{
	struct svc_err e;
	time_t t = 0;

	svc_err_clear(&e);
	ck_assert_msg(svc_time_parse(s, &t, &e) == 0, "%s: %s", s, e.msg);
	return t;
}

static void
parse_ok(const char *s, time_t now, struct svc_period *p)
{
	struct svc_err e;

	svc_err_clear(&e);
	ck_assert_msg(svc_period_parse(s, now, p, &e) == 0, "%s: %s", s,
	    e.msg);
}

static void
expect(const char *s, time_t now, enum svc_period_kind kind,
    const char *name, const char *start, const char *end)
{
	struct svc_period p;

	parse_ok(s, now, &p);
	ck_assert_int_eq(p.kind, kind);
	ck_assert_str_eq(p.name, name);
	ck_assert_int_eq(p.start, ts(start));
	ck_assert_int_eq(p.end, ts(end));
}

static void
is_period(const struct svc_period *p, enum svc_period_kind kind,
    const char *name, const char *start, const char *end)
{
	ck_assert_int_eq(p->kind, kind);
	ck_assert_str_eq(p->name, name);
	ck_assert_int_eq(p->start, ts(start));
	ck_assert_int_eq(p->end, ts(end));
}

/* Refused with exactly msg, or with a message containing part. */
static void
refuse(const char *s, const char *msg, const char *part)
{
	struct svc_period p;
	struct svc_err e;

	svc_err_clear(&e);
	ck_assert_msg(svc_period_parse(s, 0, &p, &e) == -1, "%s accepted", s);
	if (msg != NULL)
		ck_assert_str_eq(e.msg, msg);
	if (part != NULL)
		ck_assert_msg(strstr(e.msg, part) != NULL, "%s: %s", s, e.msg);
	ck_assert_str_eq(e.file, "");
	ck_assert_int_eq(e.line, 0);
	ck_assert_str_eq(e.field, "");
}

static void
refuse_time(const char *s, const char *msg)
{
	struct svc_err e;
	time_t t;

	svc_err_clear(&e);
	ck_assert_msg(svc_time_parse(s, &t, &e) == -1, "%s accepted", s);
	ck_assert_str_eq(e.msg, msg);
}

/* "2026-10" is the calendar month, local midnight to local midnight. */
START_TEST(month_form)
{
	tz("Asia/Shanghai");
	expect("2026-10", 0, SVC_PERIOD_MONTH, "2026-10",
	    "2026-10-01T00:00:00+08:00", "2026-11-01T00:00:00+08:00");
	expect("2026-12", 0, SVC_PERIOD_MONTH, "2026-12",
	    "2026-12-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00");
}
END_TEST

/* "2026-Q3" (or "2026-q3") is three months, named with a capital Q. */
START_TEST(quarter_form)
{
	tz("Asia/Shanghai");
	expect("2026-Q3", 0, SVC_PERIOD_QUARTER, "2026-Q3",
	    "2026-07-01T00:00:00+08:00", "2026-10-01T00:00:00+08:00");
	expect("2026-q3", 0, SVC_PERIOD_QUARTER, "2026-Q3",
	    "2026-07-01T00:00:00+08:00", "2026-10-01T00:00:00+08:00");
}
END_TEST

/* Q1 starts on 1 January and Q4 ends on 1 January of the next year. */
START_TEST(quarter_edges)
{
	tz("Asia/Shanghai");
	expect("2026-Q1", 0, SVC_PERIOD_QUARTER, "2026-Q1",
	    "2026-01-01T00:00:00+08:00", "2026-04-01T00:00:00+08:00");
	expect("2026-Q4", 0, SVC_PERIOD_QUARTER, "2026-Q4",
	    "2026-10-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00");
}
END_TEST

/* "2026-W42" is the ISO week, Monday 00:00 to the next Monday. */
START_TEST(week_form)
{
	tz("Asia/Shanghai");
	expect("2026-W42", 0, SVC_PERIOD_WEEK, "2026-W42",
	    "2026-10-12T00:00:00+08:00", "2026-10-19T00:00:00+08:00");
	expect("2026-w42", 0, SVC_PERIOD_WEEK, "2026-W42",
	    "2026-10-12T00:00:00+08:00", "2026-10-19T00:00:00+08:00");
}
END_TEST

/* Week 1 is the week holding 4 January, so 2026-W01 starts in 2025. */
START_TEST(week_one_starts_previous_year)
{
	tz("Asia/Shanghai");
	expect("2026-W01", 0, SVC_PERIOD_WEEK, "2026-W01",
	    "2025-12-29T00:00:00+08:00", "2026-01-05T00:00:00+08:00");
	/* 2027-01-04 is a Monday: week 1 starts on it. */
	expect("2027-W01", 0, SVC_PERIOD_WEEK, "2027-W01",
	    "2027-01-04T00:00:00+08:00", "2027-01-11T00:00:00+08:00");
}
END_TEST

/*
 * Years starting on a Thursday, and leap years starting on a Wednesday,
 * have 53 weeks: 2020 (Wed, leap) and 2026 (Thu) do.
 */
START_TEST(week_53_exists)
{
	tz("Asia/Shanghai");
	expect("2020-W53", 0, SVC_PERIOD_WEEK, "2020-W53",
	    "2020-12-28T00:00:00+08:00", "2021-01-04T00:00:00+08:00");
	expect("2026-W53", 0, SVC_PERIOD_WEEK, "2026-W53",
	    "2026-12-28T00:00:00+08:00", "2027-01-04T00:00:00+08:00");
}
END_TEST

/* Week 53 of a 52-week year, week 54 and week 00 are refused. */
START_TEST(week_53_refused)
{
	refuse("2025-W53", "bad period '2025-W53': 2025 has only 52 ISO weeks",
	    NULL);
	refuse("2027-W53", "bad period '2027-W53': 2027 has only 52 ISO weeks",
	    NULL);
	refuse("2026-W54", "bad period '2026-W54': week must be 01 to 53",
	    NULL);
	refuse("2026-W00", "bad period '2026-W00': week must be 01 to 53",
	    NULL);
	refuse("2026-W4", "bad period '2026-W4': week must be 01 to 53", NULL);
	refuse("2026-W420", NULL, "week must be 01 to 53");
}
END_TEST

/* "2026" is the calendar year. */
START_TEST(year_form)
{
	tz("Asia/Shanghai");
	expect("2026", 0, SVC_PERIOD_YEAR, "2026",
	    "2026-01-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00");
}
END_TEST

/* "2026-10-15" is one day. */
START_TEST(day_form)
{
	tz("Asia/Shanghai");
	expect("2026-10-15", 0, SVC_PERIOD_DAY, "2026-10-15",
	    "2026-10-15T00:00:00+08:00", "2026-10-16T00:00:00+08:00");
}
END_TEST

/* A range includes its last day: it ends at the midnight after it. */
START_TEST(range_form)
{
	tz("Asia/Shanghai");
	expect("2026-10-01..2026-10-15", 0, SVC_PERIOD_RANGE,
	    "2026-10-01..2026-10-15",
	    "2026-10-01T00:00:00+08:00", "2026-10-16T00:00:00+08:00");
	expect("2026-10-15..2026-10-15", 0, SVC_PERIOD_RANGE,
	    "2026-10-15..2026-10-15",
	    "2026-10-15T00:00:00+08:00", "2026-10-16T00:00:00+08:00");
	expect("2026-12-20..2027-01-10", 0, SVC_PERIOD_RANGE,
	    "2026-12-20..2027-01-10",
	    "2026-12-20T00:00:00+08:00", "2027-01-11T00:00:00+08:00");
}
END_TEST

/*
 * A range's ends may be any periods but ranges: it runs from the first
 * day of the first to the last day of the second, named by those days.
 */
START_TEST(range_of_periods)
{
	time_t now;

	tz("Asia/Shanghai");
	expect("2026-W01..2026-W05", 0, SVC_PERIOD_RANGE,
	    "2025-12-29..2026-02-01",
	    "2025-12-29T00:00:00+08:00", "2026-02-02T00:00:00+08:00");
	expect("2026-01..2026-03", 0, SVC_PERIOD_RANGE,
	    "2026-01-01..2026-03-31",
	    "2026-01-01T00:00:00+08:00", "2026-04-01T00:00:00+08:00");
	expect("2026-Q1..2026-10-15", 0, SVC_PERIOD_RANGE,
	    "2026-01-01..2026-10-15",
	    "2026-01-01T00:00:00+08:00", "2026-10-16T00:00:00+08:00");
	expect("2026-10-01..2026-10", 0, SVC_PERIOD_RANGE,
	    "2026-10-01..2026-10-31",
	    "2026-10-01T00:00:00+08:00", "2026-11-01T00:00:00+08:00");
	expect("2025..2026", 0, SVC_PERIOD_RANGE, "2025-01-01..2026-12-31",
	    "2025-01-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00");
	now = ts("2026-11-23T15:00:00+08:00");
	expect("last-month..today", now, SVC_PERIOD_RANGE,
	    "2026-10-01..2026-11-23",
	    "2026-10-01T00:00:00+08:00", "2026-11-24T00:00:00+08:00");
}
END_TEST

/* A range ending before it starts, or with a bad half, is refused. */
START_TEST(range_refused)
{
	refuse("2026-10-15..2026-10-01",
	    "bad period '2026-10-15..2026-10-01': range ends before it starts",
	    NULL);
	refuse("2026-W05..2026-W01",
	    "bad period '2026-W05..2026-W01': range ends before it starts",
	    NULL);
	refuse("2026-10-01..2026-02-30", NULL, "day out of range");
	refuse("2026-W01..2026-W54",
	    "bad period '2026-W54': week must be 01 to 53", NULL);
	refuse("2026-10-01..", NULL, "a range is FIRST..LAST");
	refuse("..2026-10-01", NULL, "a range is FIRST..LAST");
	refuse("2026-01..2026-02..2026-03", NULL, "a range is FIRST..LAST");
	refuse("2026-10-01..2026-10-15x", "bad period '2026-10-15x': expected "
	    "YYYY, YYYY-MM, YYYY-Qn, YYYY-Wnn, YYYY-MM-DD, today, yesterday, "
	    "this-week, last-week, this-month, last-month, this-quarter, "
	    "last-quarter, this-year, last-year, or FIRST..LAST of two of "
	    "those", NULL);
	refuse("2026-10-01.2026-10-15", NULL, "expected YYYY");
}
END_TEST

/* Relative names resolve to the canonical absolute period around now. */
START_TEST(relative_names)
{
	time_t now;

	tz("Asia/Shanghai");
	now = ts("2026-11-23T15:00:00+08:00");	/* a Monday */
	expect("last-month", now, SVC_PERIOD_MONTH, "2026-10",
	    "2026-10-01T00:00:00+08:00", "2026-11-01T00:00:00+08:00");
	expect("this-month", now, SVC_PERIOD_MONTH, "2026-11",
	    "2026-11-01T00:00:00+08:00", "2026-12-01T00:00:00+08:00");
	expect("today", now, SVC_PERIOD_DAY, "2026-11-23",
	    "2026-11-23T00:00:00+08:00", "2026-11-24T00:00:00+08:00");
	expect("yesterday", now, SVC_PERIOD_DAY, "2026-11-22",
	    "2026-11-22T00:00:00+08:00", "2026-11-23T00:00:00+08:00");
	expect("this-week", now, SVC_PERIOD_WEEK, "2026-W48",
	    "2026-11-23T00:00:00+08:00", "2026-11-30T00:00:00+08:00");
	expect("last-week", now, SVC_PERIOD_WEEK, "2026-W47",
	    "2026-11-16T00:00:00+08:00", "2026-11-23T00:00:00+08:00");
	expect("this-quarter", now, SVC_PERIOD_QUARTER, "2026-Q4",
	    "2026-10-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00");
	expect("last-quarter", now, SVC_PERIOD_QUARTER, "2026-Q3",
	    "2026-07-01T00:00:00+08:00", "2026-10-01T00:00:00+08:00");
	expect("this-year", now, SVC_PERIOD_YEAR, "2026",
	    "2026-01-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00");
	expect("last-year", now, SVC_PERIOD_YEAR, "2025",
	    "2025-01-01T00:00:00+08:00", "2026-01-01T00:00:00+08:00");
}
END_TEST

/* In January, last-month is December and last-quarter Q4 of last year. */
START_TEST(relative_year_boundary)
{
	time_t now;

	tz("Asia/Shanghai");
	now = ts("2026-01-01T00:30:00+08:00");	/* a Thursday, 2026-W01 */
	expect("last-month", now, SVC_PERIOD_MONTH, "2025-12",
	    "2025-12-01T00:00:00+08:00", "2026-01-01T00:00:00+08:00");
	expect("last-quarter", now, SVC_PERIOD_QUARTER, "2025-Q4",
	    "2025-10-01T00:00:00+08:00", "2026-01-01T00:00:00+08:00");
	expect("this-quarter", now, SVC_PERIOD_QUARTER, "2026-Q1",
	    "2026-01-01T00:00:00+08:00", "2026-04-01T00:00:00+08:00");
	expect("yesterday", now, SVC_PERIOD_DAY, "2025-12-31",
	    "2025-12-31T00:00:00+08:00", "2026-01-01T00:00:00+08:00");
	expect("this-week", now, SVC_PERIOD_WEEK, "2026-W01",
	    "2025-12-29T00:00:00+08:00", "2026-01-05T00:00:00+08:00");
	expect("last-week", now, SVC_PERIOD_WEEK, "2025-W52",
	    "2025-12-22T00:00:00+08:00", "2025-12-29T00:00:00+08:00");
	expect("last-year", now, SVC_PERIOD_YEAR, "2025",
	    "2025-01-01T00:00:00+08:00", "2026-01-01T00:00:00+08:00");
}
END_TEST

/* Relative names follow the local date of now, not the UTC one. */
START_TEST(relative_local_date)
{
	time_t now;

	tz("Asia/Shanghai");
	/* 2026-10-31T20:00Z is already 1 November in Shanghai. */
	now = ts("2026-10-31T20:00:00Z");
	expect("this-month", now, SVC_PERIOD_MONTH, "2026-11",
	    "2026-11-01T00:00:00+08:00", "2026-12-01T00:00:00+08:00");
	tz("UTC");
	expect("this-month", now, SVC_PERIOD_MONTH, "2026-10",
	    "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z");
}
END_TEST

/* Month 00 and 13 are refused with the rule that was broken. */
START_TEST(bad_month)
{
	refuse("2026-13", "bad period '2026-13': month must be 01 to 12",
	    NULL);
	refuse("2026-00", "bad period '2026-00': month must be 01 to 12",
	    NULL);
	refuse("2026-13-01", "bad period '2026-13-01': month must be 01 to 12",
	    NULL);
}
END_TEST

/* Days beyond the month's length, and day 00, are refused. */
START_TEST(bad_day)
{
	refuse("2026-02-30", "bad period '2026-02-30': day out of range for "
	    "the month (2026-02 has 28 days)", NULL);
	refuse("2026-04-31", NULL, "day out of range");
	refuse("2026-10-00", NULL, "day out of range");
	refuse("2026-10-32", NULL, "day out of range");
}
END_TEST

/* 29 February exists in leap years only (2000 yes, 2100 no). */
START_TEST(leap_years)
{
	tz("UTC");
	expect("2024-02-29", 0, SVC_PERIOD_DAY, "2024-02-29",
	    "2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z");
	expect("2024-02", 0, SVC_PERIOD_MONTH, "2024-02",
	    "2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z");
	expect("2000-02-29", 0, SVC_PERIOD_DAY, "2000-02-29",
	    "2000-02-29T00:00:00Z", "2000-03-01T00:00:00Z");
	refuse("2026-02-29", NULL, "2026-02 has 28 days");
	refuse("2100-02-29", NULL, "2100-02 has 28 days");
}
END_TEST

/* Quarters other than 1 to 4 are refused. */
START_TEST(bad_quarter)
{
	refuse("2026-Q5", "bad period '2026-Q5': quarter must be 1 to 4",
	    NULL);
	refuse("2026-Q0", "bad period '2026-Q0': quarter must be 1 to 4",
	    NULL);
	refuse("2026-Q", NULL, "quarter must be 1 to 4");
	refuse("2026-Q12", NULL, "quarter must be 1 to 4");
}
END_TEST

/* Years outside 1970..9999 are refused. */
START_TEST(bad_year)
{
	refuse("1969", "bad period '1969': year must be 1970 to 9999", NULL);
	refuse("0000-01", NULL, "year must be 1970 to 9999");
}
END_TEST

/* Garbage gets the list of accepted forms; so does a near miss. */
START_TEST(garbage)
{
	refuse("last month", NULL, "expected YYYY, YYYY-MM, YYYY-Qn");
	refuse("foo", NULL, "this-quarter, last-quarter, this-year, "
	    "last-year, or FIRST..LAST of two of those");
	refuse("26-10", NULL, "expected YYYY");
	refuse("2026-1", NULL, "expected YYYY");
	refuse("2026-10x", NULL, "expected YYYY");
	refuse(" 2026-10", NULL, "expected YYYY");
	refuse("2026-10 ", NULL, "expected YYYY");
	refuse("20261", NULL, "expected YYYY");
	refuse("2026-", NULL, "expected YYYY");
	refuse("Today", NULL, "expected YYYY");
	refuse("2026-10-15T10:00", NULL, "expected YYYY");
}
END_TEST

/* The empty string is refused, saying it is empty. */
START_TEST(empty_period)
{
	refuse("", NULL, "empty period");
	refuse("", NULL, "expected YYYY");
}
END_TEST

/* Offsets Z, +HH:MM, +HHMM, +HH and negative ones give the UTC instant. */
START_TEST(time_offsets)
{
	tz("Europe/Berlin");	/* the zone must not matter */
	ck_assert_int_eq(ts("2026-10-15T09:30:00+08:00"), 1792027800);
	ck_assert_int_eq(ts("2026-10-15T01:30:00Z"), 1792027800);
	ck_assert_int_eq(ts("2026-10-15T01:30:00z"), 1792027800);
	ck_assert_int_eq(ts("2026-10-15T09:30:00+0800"), 1792027800);
	ck_assert_int_eq(ts("2026-10-15T09:30:00+08"), 1792027800);
	ck_assert_int_eq(ts("2026-10-14T20:00:00-05:30"), 1792027800);
	ck_assert_int_eq(ts("2026-10-15T01:30:00-00:00"), 1792027800);
	ck_assert_int_eq(ts("2026-10-15T15:30:00+14:00"), 1792027800);
	ck_assert_int_eq(ts("1970-01-02T00:00:00Z"), 86400);
	ck_assert_int_eq(ts("2024-02-29T12:00:00Z"), 1709208000);
	ck_assert_int_eq(ts("2026-10-14T13:30:00-12:00"), 1792027800);
}
END_TEST

/* A space may replace T; seconds are optional; a fraction is ignored. */
START_TEST(time_shapes)
{
	tz("UTC");
	ck_assert_int_eq(ts("2026-10-15 01:30:00+08:00"),
	    ts("2026-10-15T01:30:00+08:00"));
	ck_assert_int_eq(ts("2026-10-15T01:30+08:00"),
	    ts("2026-10-15T01:30:00+08:00"));
	ck_assert_int_eq(ts("2026-10-15T01:30:07.999+08:00"),
	    ts("2026-10-15T01:30:07+08:00"));
	ck_assert_int_eq(ts("2026-10-15T01:30:07.1Z"),
	    ts("2026-10-15T01:30:07Z"));
	ck_assert_int_eq(ts("2026-10-15t01:30"), ts("2026-10-15T01:30:00Z"));
}
END_TEST

/* No offset means local time; a date alone means local midnight. */
START_TEST(time_local)
{
	tz("Asia/Shanghai");
	ck_assert_int_eq(ts("2026-10-15T09:30:00"),
	    ts("2026-10-15T09:30:00+08:00"));
	ck_assert_int_eq(ts("2026-10-15 09:30"),
	    ts("2026-10-15T09:30:00+08:00"));
	ck_assert_int_eq(ts("2026-10-15"), ts("2026-10-15T00:00:00+08:00"));
	tz("UTC");
	ck_assert_int_eq(ts("2026-10-15"), 1792022400);
}
END_TEST

/* A change of TZ (with tzset) is seen by the next local parse. */
START_TEST(time_follows_tz)
{
	tz("Asia/Shanghai");
	ck_assert_int_eq(ts("2026-07-01T12:00:00"),
	    ts("2026-07-01T12:00:00+08:00"));
	tz("Europe/Berlin");
	ck_assert_int_eq(ts("2026-07-01T12:00:00"),
	    ts("2026-07-01T12:00:00+02:00"));
	tz("UTC");
	ck_assert_int_eq(ts("2026-07-01T12:00:00"),
	    ts("2026-07-01T12:00:00Z"));
}
END_TEST

/* Local times around Berlin's DST changes get the offset then in force. */
START_TEST(time_local_dst)
{
	tz("Europe/Berlin");
	ck_assert_int_eq(ts("2026-03-29T01:30:00"),
	    ts("2026-03-29T01:30:00+01:00"));
	ck_assert_int_eq(ts("2026-03-29T03:30:00"),
	    ts("2026-03-29T03:30:00+02:00"));
	/* Skipped 02:30 reads with the old offset: 03:30 CEST. */
	ck_assert_int_eq(ts("2026-03-29T02:30:00"),
	    ts("2026-03-29T03:30:00+02:00"));
	/* Repeated 02:30 is its first occurrence, still CEST. */
	ck_assert_int_eq(ts("2026-10-25T02:30:00"),
	    ts("2026-10-25T02:30:00+02:00"));
	ck_assert_int_eq(ts("2026-10-25T03:30:00"),
	    ts("2026-10-25T03:30:00+01:00"));
	ck_assert_int_eq(ts("2026-10-25T01:30:00"),
	    ts("2026-10-25T01:30:00+02:00"));
	ck_assert_int_eq(ts("2026-01-15T12:00:00"),
	    ts("2026-01-15T12:00:00+01:00"));
}
END_TEST

/* Impossible dates in timestamps are refused with the reason. */
START_TEST(time_bad_date)
{
	refuse_time("2026-02-30T10:00", "bad timestamp '2026-02-30T10:00': "
	    "day out of range for the month (2026-02 has 28 days)");
	refuse_time("2026-02-29", "bad timestamp '2026-02-29': "
	    "day out of range for the month (2026-02 has 28 days)");
	refuse_time("2026-13-01T10:00",
	    "bad timestamp '2026-13-01T10:00': month must be 01 to 12");
	refuse_time("1969-12-31T23:59:59Z",
	    "bad timestamp '1969-12-31T23:59:59Z': year must be 1970 to 9999");
	ck_assert_int_eq(ts("2024-02-29T10:00Z"), 1709200800);
}
END_TEST

/* Hours 24+, minutes 60+, seconds 61+ and offsets past 14h are refused. */
START_TEST(time_bad_time)
{
	refuse_time("2026-10-15T24:00:00Z",
	    "bad timestamp '2026-10-15T24:00:00Z': hour must be 00 to 23");
	refuse_time("2026-10-15T10:60:00Z",
	    "bad timestamp '2026-10-15T10:60:00Z': minute must be 00 to 59");
	refuse_time("2026-10-15T10:00:61Z",
	    "bad timestamp '2026-10-15T10:00:61Z': second must be 00 to 59");
	refuse_time("2026-10-15T10:00:00+15:00",
	    "bad timestamp '2026-10-15T10:00:00+15:00': "
	    "offset must be -12:00 to +14:00");
	refuse_time("2026-10-15T10:00:00+08:60",
	    "bad timestamp '2026-10-15T10:00:00+08:60': "
	    "offset minutes must be 00 to 59");
}
END_TEST

/* Fields must have exactly two digits (four for the year). */
START_TEST(time_bad_shape)
{
	refuse_time("2026-1-5",
	    "bad timestamp '2026-1-5': expected a date and time like "
	    "2026-10-15T09:30:00+08:00");
	refuse_time("26-10-15", "bad timestamp '26-10-15': expected a date "
	    "and time like 2026-10-15T09:30:00+08:00");
	refuse_time("2026-10-15T9:30",
	    "bad timestamp '2026-10-15T9:30': expected HH:MM after the date");
	refuse_time("2026-10-15T09",
	    "bad timestamp '2026-10-15T09': expected HH:MM after the date");
	refuse_time("2026-10-15T09:300",
	    "bad timestamp '2026-10-15T09:300': expected HH:MM after the date");
	refuse_time("2026-10-15T09:30:5",
	    "bad timestamp '2026-10-15T09:30:5': seconds must be two digits");
	refuse_time("2026-10-15T09:30:00.",
	    "bad timestamp '2026-10-15T09:30:00.': expected digits after '.'");
	refuse_time("2026-10-15X09:30",
	    "bad timestamp '2026-10-15X09:30': "
	    "expected 'T' or a space after the date");
	refuse_time("2026-10-15  09:30", "bad timestamp '2026-10-15  09:30': "
	    "expected HH:MM after the date");
}
END_TEST

/* Offsets must be Z, +HH:MM, +HHMM or +HH. */
START_TEST(time_bad_offset)
{
	refuse_time("2026-10-15T09:30+8",
	    "bad timestamp '2026-10-15T09:30+8': "
	    "offset must be Z, +HH:MM, +HHMM or +HH");
	refuse_time("2026-10-15T09:30+08:",
	    "bad timestamp '2026-10-15T09:30+08:': "
	    "offset must be Z, +HH:MM, +HHMM or +HH");
	refuse_time("2026-10-15T09:30+08:0",
	    "bad timestamp '2026-10-15T09:30+08:0': "
	    "offset must be Z, +HH:MM, +HHMM or +HH");
	refuse_time("2026-10-15T09:30+080",
	    "bad timestamp '2026-10-15T09:30+080': "
	    "offset must be Z, +HH:MM, +HHMM or +HH");
}
END_TEST

/* Anything after a complete timestamp is refused. */
START_TEST(time_trailing)
{
	refuse_time("2026-10-15T09:30:00Zx", "bad timestamp "
	    "'2026-10-15T09:30:00Zx': unexpected characters after the time");
	refuse_time("2026-10-15T09:30:00+08:00 ", "bad timestamp "
	    "'2026-10-15T09:30:00+08:00 ': unexpected characters after the "
	    "time");
	refuse_time("2026-10-15T09:30:00+08:000", "bad timestamp "
	    "'2026-10-15T09:30:00+08:000': unexpected characters after the "
	    "time");
	refuse_time("2026-10-15x", "bad timestamp '2026-10-15x': "
	    "expected 'T' or a space after the date");
	refuse_time("2026-10-155", "bad timestamp '2026-10-155': "
	    "expected a date and time like 2026-10-15T09:30:00+08:00");
}
END_TEST

/* The empty string is not a timestamp. */
START_TEST(time_empty)
{
	refuse_time("", "empty timestamp; expected a date and time like "
	    "2026-10-15T09:30:00+08:00");
}
END_TEST

/* Second 60 (a leap second) is read as 59, keeping it in its minute. */
/* A leap second is no instant svc can store: refused, not read as :59. */
START_TEST(time_leap_second)
{
	refuse_time("2016-12-31T23:59:60Z",
	    "bad timestamp '2016-12-31T23:59:60Z': second must be 00 to 59");
	refuse_time("2026-10-15T10:00:60+08:00",
	    "bad timestamp '2026-10-15T10:00:60+08:00': "
	    "second must be 00 to 59");
}
END_TEST

/* Offsets are those zones have, -12:00 to +14:00. */
START_TEST(time_offset_range)
{
	tz("UTC");
	ck_assert_int_eq(ts("2026-10-15T15:30:00+14:00"), 1792027800);
	ck_assert_int_eq(ts("2026-10-14T13:30:00-12:00"), 1792027800);
	refuse_time("2026-10-15T10:00:00+14:01",
	    "bad timestamp '2026-10-15T10:00:00+14:01': "
	    "offset must be -12:00 to +14:00");
	refuse_time("2026-10-15T10:00:00-12:30",
	    "bad timestamp '2026-10-15T10:00:00-12:30': "
	    "offset must be -12:00 to +14:00");
	refuse_time("2026-10-15T10:00:00-14:59",
	    "bad timestamp '2026-10-15T10:00:00-14:59': "
	    "offset must be -12:00 to +14:00");
}
END_TEST

/*
 * Every instant taken reads back from its local form in the extreme
 * offsets; one a day inside either end is refused, whatever its offset.
 */
START_TEST(time_range_round_trips)
{
	static const char *const zones[] = {
		"Etc/GMT+12", "Etc/GMT-14", "UTC", "Asia/Shanghai"
	};
	static const char *const ends[] = {
		"1970-01-02T00:00:00Z", "1970-01-02T14:00:00+14:00",
		"9999-12-30T23:59:59Z", "9999-12-31T13:59:59+14:00",
		"9999-12-30T11:59:59-12:00"
	};
	struct svc_err e;
	char buf[32];
	time_t t, u;

	for (size_t z = 0; z < sizeof(zones) / sizeof(zones[0]); z++)
		for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
			tz("UTC");
			t = ts(ends[i]);
			tz(zones[z]);
			svc_time_format(t, buf);
			svc_err_clear(&e);
			ck_assert_msg(svc_time_parse(buf, &u, &e) == 0,
			    "%s in %s: %s", buf, zones[z], e.msg);
			ck_assert_int_eq(u, t);
		}
	tz("UTC");
	refuse_time("1970-01-01T23:59:59Z",
	    "bad timestamp '1970-01-01T23:59:59Z': "
	    "outside 1970-01-02 to 9999-12-30 UTC");
	refuse_time("1970-01-02T10:00:00+14:00",
	    "bad timestamp '1970-01-02T10:00:00+14:00': "
	    "outside 1970-01-02 to 9999-12-30 UTC");
	refuse_time("9999-12-31T00:00:00Z",
	    "bad timestamp '9999-12-31T00:00:00Z': "
	    "outside 1970-01-02 to 9999-12-30 UTC");
	refuse_time("9999-12-31",
	    "bad timestamp '9999-12-31': "
	    "outside 1970-01-02 to 9999-12-30 UTC");
	tz("Etc/GMT-14");
	refuse_time("1970-01-02T13:59:59",
	    "bad timestamp '1970-01-02T13:59:59': "
	    "outside 1970-01-02 to 9999-12-30 UTC");
	ck_assert_int_eq(ts("1970-01-02T14:00:00"), 86400);
}
END_TEST

/* 23:59:59 on a month's last day is inside it; 00:00:00 next is not. */
START_TEST(month_boundary_seconds)
{
	struct svc_period p;

	tz("Asia/Shanghai");
	parse_ok("2026-10", 0, &p);
	ck_assert(svc_period_contains(&p, ts("2026-10-31T23:59:59")));
	ck_assert(!svc_period_contains(&p, ts("2026-11-01T00:00:00")));
	ck_assert(svc_period_contains(&p, ts("2026-10-01T00:00:00")));
	ck_assert(!svc_period_contains(&p, ts("2026-09-30T23:59:59")));
	/* The same instant in UTC notation: 15:59:59Z is 23:59:59 local. */
	ck_assert(svc_period_contains(&p, ts("2026-10-31T15:59:59Z")));
	ck_assert(!svc_period_contains(&p, ts("2026-10-31T16:00:00Z")));
}
END_TEST

/* A Berlin day is 23 hours at spring-forward and 25 at fall-back. */
START_TEST(add_days_dst)
{
	time_t d;

	tz("Europe/Berlin");
	d = ts("2026-03-28");
	ck_assert_int_eq(svc_date_add_days(d, 1), ts("2026-03-29T00:00+01:00"));
	ck_assert_int_eq(svc_date_add_days(d, 2), ts("2026-03-30T00:00+02:00"));
	ck_assert_int_eq(svc_date_add_days(d, 2) - svc_date_add_days(d, 1),
	    23 * 3600);
	ck_assert_int_eq(svc_date_add_days(ts("2026-03-30T23:00"), -2),
	    ts("2026-03-28T00:00+01:00"));
	d = ts("2026-10-25");
	ck_assert_int_eq(svc_date_add_days(d, 1) - d, 25 * 3600);
	/* A time of day is dropped: the result is a local midnight. */
	ck_assert_int_eq(svc_date_add_days(ts("2026-03-29T23:30"), 0),
	    ts("2026-03-29T00:00+01:00"));
	ck_assert_int_eq(svc_date_add_days(d, 100), ts("2027-02-02T00:00+01:00"));
}
END_TEST

/* Periods around DST are whole local days: March 2026 is 31 days - 1h. */
START_TEST(period_dst)
{
	struct svc_period p;

	tz("Europe/Berlin");
	parse_ok("2026-03", 0, &p);
	ck_assert_int_eq(p.end - p.start, 31 * 86400 - 3600);
	parse_ok("2026-03-29", 0, &p);
	ck_assert_int_eq(p.end - p.start, 23 * 3600);
	parse_ok("2026-W43", 0, &p);	/* holds Sunday 2026-10-25 */
	ck_assert_int_eq(p.end - p.start, 7 * 86400 + 3600);
}
END_TEST

/* Adding months clamps the day to the month's length. */
START_TEST(add_months_clamps)
{
	tz("Asia/Shanghai");
	ck_assert_int_eq(svc_date_add_months(ts("2026-01-31"), 1),
	    ts("2026-02-28"));
	ck_assert_int_eq(svc_date_add_months(ts("2024-01-31T18:00"), 1),
	    ts("2024-02-29"));
	ck_assert_int_eq(svc_date_add_months(ts("2026-03-31"), -1),
	    ts("2026-02-28"));
	ck_assert_int_eq(svc_date_add_months(ts("2026-12-15"), 1),
	    ts("2027-01-15"));
	ck_assert_int_eq(svc_date_add_months(ts("2026-01-15"), -13),
	    ts("2024-12-15"));
	ck_assert_int_eq(svc_date_add_months(ts("2026-05-31"), 0),
	    ts("2026-05-31"));
	ck_assert_int_eq(svc_date_add_months(ts("2026-08-31"), 1),
	    ts("2026-09-30"));
}
END_TEST

/* Adding months across DST gives the local midnight then. */
START_TEST(add_months_dst)
{
	tz("Europe/Berlin");
	ck_assert_int_eq(svc_date_add_months(ts("2026-02-15"), 2),
	    ts("2026-04-15T00:00+02:00"));
}
END_TEST

/* prev of a month is the month before, across a year boundary too. */
START_TEST(prev_month)
{
	struct svc_period p, q;

	tz("Asia/Shanghai");
	parse_ok("2026-01", 0, &p);
	svc_period_prev(&p, &q);
	is_period(&q, SVC_PERIOD_MONTH, "2025-12",
	    "2025-12-01T00:00:00+08:00", "2026-01-01T00:00:00+08:00");
	parse_ok("2026-03", 0, &p);
	svc_period_prev(&p, &q);
	is_period(&q, SVC_PERIOD_MONTH, "2026-02",
	    "2026-02-01T00:00:00+08:00", "2026-03-01T00:00:00+08:00");
}
END_TEST

/* prev of Q1 is Q4 of the year before. */
START_TEST(prev_quarter)
{
	struct svc_period p, q;

	tz("Asia/Shanghai");
	parse_ok("2026-Q1", 0, &p);
	svc_period_prev(&p, &q);
	is_period(&q, SVC_PERIOD_QUARTER, "2025-Q4",
	    "2025-10-01T00:00:00+08:00", "2026-01-01T00:00:00+08:00");
	parse_ok("2026-Q3", 0, &p);
	svc_period_prev(&p, &q);
	is_period(&q, SVC_PERIOD_QUARTER, "2026-Q2",
	    "2026-04-01T00:00:00+08:00", "2026-07-01T00:00:00+08:00");
}
END_TEST

/* prev of week 1 is the last week (52 or 53) of the ISO year before. */
START_TEST(prev_week)
{
	struct svc_period p, q;

	tz("Asia/Shanghai");
	parse_ok("2021-W01", 0, &p);
	svc_period_prev(&p, &q);
	is_period(&q, SVC_PERIOD_WEEK, "2020-W53",
	    "2020-12-28T00:00:00+08:00", "2021-01-04T00:00:00+08:00");
	parse_ok("2026-W01", 0, &p);
	svc_period_prev(&p, &q);
	is_period(&q, SVC_PERIOD_WEEK, "2025-W52",
	    "2025-12-22T00:00:00+08:00", "2025-12-29T00:00:00+08:00");
	parse_ok("2026-W42", 0, &p);
	svc_period_prev(&p, &q);
	is_period(&q, SVC_PERIOD_WEEK, "2026-W41",
	    "2026-10-05T00:00:00+08:00", "2026-10-12T00:00:00+08:00");
}
END_TEST

/* prev of a year, and of a day, is the one before. */
START_TEST(prev_year_day)
{
	struct svc_period p, q;

	tz("Asia/Shanghai");
	parse_ok("2026", 0, &p);
	svc_period_prev(&p, &q);
	is_period(&q, SVC_PERIOD_YEAR, "2025",
	    "2025-01-01T00:00:00+08:00", "2026-01-01T00:00:00+08:00");
	parse_ok("2026-03-01", 0, &p);
	svc_period_prev(&p, &q);
	is_period(&q, SVC_PERIOD_DAY, "2026-02-28",
	    "2026-02-28T00:00:00+08:00", "2026-03-01T00:00:00+08:00");
}
END_TEST

/* prev of a range is as many days, ending the day before it starts. */
START_TEST(prev_range)
{
	struct svc_period p, q;

	tz("Europe/Berlin");
	parse_ok("2026-10-01..2026-10-15", 0, &p);
	svc_period_prev(&p, &q);
	is_period(&q, SVC_PERIOD_RANGE, "2026-09-16..2026-09-30",
	    "2026-09-16T00:00:00", "2026-10-01T00:00:00");
	/* 10 days spanning fall-back are still 10 days before. */
	parse_ok("2026-10-20..2026-10-29", 0, &p);
	svc_period_prev(&p, &q);
	is_period(&q, SVC_PERIOD_RANGE, "2026-10-10..2026-10-19",
	    "2026-10-10T00:00:00", "2026-10-20T00:00:00");
	parse_ok("2026-03-01..2026-03-01", 0, &p);
	svc_period_prev(&p, &q);
	is_period(&q, SVC_PERIOD_RANGE, "2026-02-28..2026-02-28",
	    "2026-02-28T00:00:00", "2026-03-01T00:00:00");
}
END_TEST

/* period_of gives the period of each kind that holds a local instant. */
START_TEST(period_of_kinds)
{
	struct svc_period p;
	time_t t;

	tz("Asia/Shanghai");
	t = ts("2026-10-15T23:30:00+08:00");
	svc_period_of(SVC_PERIOD_DAY, t, &p);
	is_period(&p, SVC_PERIOD_DAY, "2026-10-15",
	    "2026-10-15T00:00:00+08:00", "2026-10-16T00:00:00+08:00");
	svc_period_of(SVC_PERIOD_WEEK, t, &p);
	is_period(&p, SVC_PERIOD_WEEK, "2026-W42",
	    "2026-10-12T00:00:00+08:00", "2026-10-19T00:00:00+08:00");
	svc_period_of(SVC_PERIOD_MONTH, t, &p);
	is_period(&p, SVC_PERIOD_MONTH, "2026-10",
	    "2026-10-01T00:00:00+08:00", "2026-11-01T00:00:00+08:00");
	svc_period_of(SVC_PERIOD_QUARTER, t, &p);
	is_period(&p, SVC_PERIOD_QUARTER, "2026-Q4",
	    "2026-10-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00");
	svc_period_of(SVC_PERIOD_YEAR, t, &p);
	is_period(&p, SVC_PERIOD_YEAR, "2026",
	    "2026-01-01T00:00:00+08:00", "2027-01-01T00:00:00+08:00");
	ck_assert(svc_period_contains(&p, t));
}
END_TEST

/* period_of a week near New Year uses the ISO week-year. */
START_TEST(period_of_week_year)
{
	struct svc_period p;

	tz("UTC");
	svc_period_of(SVC_PERIOD_WEEK, ts("2027-01-01T12:00Z"), &p);
	ck_assert_str_eq(p.name, "2026-W53");
	svc_period_of(SVC_PERIOD_WEEK, ts("2024-12-30T12:00Z"), &p);
	ck_assert_str_eq(p.name, "2025-W01");
	svc_period_of(SVC_PERIOD_WEEK, ts("2021-01-03T23:59:59Z"), &p);
	ck_assert_str_eq(p.name, "2020-W53");
	svc_period_of(SVC_PERIOD_WEEK, ts("2021-01-04T00:00Z"), &p);
	ck_assert_str_eq(p.name, "2021-W01");
}
END_TEST

/* Boundaries are whole UTC days when TZ is UTC. */
START_TEST(utc_boundaries)
{
	struct svc_period p;

	tz("UTC");
	parse_ok("2026-W42", 0, &p);
	ck_assert_int_eq(p.start % 86400, 0);
	ck_assert_int_eq(p.end - p.start, 7 * 86400);
	ck_assert_int_eq(p.start, 1791763200);
}
END_TEST

/* contains is half-open: start in, end out. */
START_TEST(contains_half_open)
{
	struct svc_period p;

	tz("UTC");
	parse_ok("2026-10-15", 0, &p);
	ck_assert(svc_period_contains(&p, p.start));
	ck_assert(svc_period_contains(&p, p.end - 1));
	ck_assert(!svc_period_contains(&p, p.end));
	ck_assert(!svc_period_contains(&p, p.start - 1));
}
END_TEST

/* Nonzero if the period named part counts inside the one named whole. */
static int
inside(const char *part, const char *whole)
{
	struct svc_period a, b;

	parse_ok(part, 0, &a);
	parse_ok(whole, 0, &b);
	return svc_period_inside(&a, &b);
}

/*
 * A week belongs to the month, quarter and year that hold its Thursday
 * (ISO 8601), so that a month built from weekly scores loses no week and
 * counts none twice; other parts lie wholly inside. In a zone with
 * daylight saving too, whose Mondays may start an hour off.
 */
START_TEST(week_inside_month)
{
	static const char *const zones[] = { "Asia/Shanghai",
	    "America/New_York", "Europe/Berlin" };

	for (size_t z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
		tz(zones[z]);
		/* Mon 28 Sep .. Sun 4 Oct 2026, Thursday 1 October */
		ck_assert(inside("2026-W40", "2026-10"));
		ck_assert(!inside("2026-W40", "2026-09"));
		ck_assert(inside("2026-W40", "2026-Q4"));
		ck_assert(!inside("2026-W40", "2026-Q3"));
		/* Mon 31 Aug .. Sun 6 Sep, Thursday 3 September */
		ck_assert(inside("2026-W36", "2026-09"));
		ck_assert(!inside("2026-W36", "2026-08"));
		/* Mon 26 Oct .. Sun 1 Nov: Thursday 29 October, the week
		 * New York and Berlin leave daylight saving */
		ck_assert(inside("2026-W44", "2026-10"));
		ck_assert(!inside("2026-W44", "2026-11"));
		/* Mon 29 Dec 2025 .. Sun 4 Jan 2026: 2026's first week */
		ck_assert(inside("2026-W01", "2026"));
		ck_assert(inside("2026-W01", "2026-01"));
		ck_assert(!inside("2026-W01", "2025-12"));
		ck_assert(inside("2026-W53", "2026-12"));
		/* not by Thursday: a range, and parts other than weeks */
		ck_assert(!inside("2026-W40", "2026-09-01..2026-10-02"));
		ck_assert(inside("2026-W40", "2026-09-28..2026-10-04"));
		ck_assert(inside("2026-09", "2026-Q3"));
		ck_assert(!inside("2026-09", "2026-10"));
		ck_assert(inside("2026-W40", "2026-W40"));
	}
}
END_TEST

/* Kind names round-trip; unknown names and kinds give NONE / NULL. */
START_TEST(kind_names)
{
	static const char *names[] = {
		"day", "week", "month", "quarter", "year"
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		ck_assert_str_eq(svc_period_kind_name(
		    svc_period_kind_parse(names[i])), names[i]);
	ck_assert_int_eq(svc_period_kind_parse("month"), SVC_PERIOD_MONTH);
	ck_assert_int_eq(svc_period_kind_parse("Month"), SVC_PERIOD_NONE);
	ck_assert_int_eq(svc_period_kind_parse("range"), SVC_PERIOD_NONE);
	ck_assert_int_eq(svc_period_kind_parse(""), SVC_PERIOD_NONE);
	ck_assert_int_eq(svc_period_kind_parse(NULL), SVC_PERIOD_NONE);
	ck_assert_ptr_null(svc_period_kind_name(SVC_PERIOD_NONE));
	ck_assert_ptr_null(svc_period_kind_name(SVC_PERIOD_RANGE));
}
END_TEST

/* Timestamps format as local time with a numeric offset. */
START_TEST(time_format)
{
	char buf[32];
	time_t t = ts("2026-10-15T01:30:00Z");

	tz("Asia/Shanghai");
	ck_assert_str_eq(svc_time_format(t, buf), "2026-10-15T09:30:00+08:00");
	tz("UTC");
	ck_assert_str_eq(svc_time_format(t, buf), "2026-10-15T01:30:00+00:00");
	tz("America/New_York");
	ck_assert_str_eq(svc_time_format(t, buf), "2026-10-14T21:30:00-04:00");
	tz("Asia/Kolkata");
	ck_assert_str_eq(svc_time_format(t, buf), "2026-10-15T07:00:00+05:30");
	tz("Europe/Berlin");
	ck_assert_str_eq(svc_time_format(ts("2026-01-15T12:00:00Z"), buf),
	    "2026-01-15T13:00:00+01:00");
	/* What it writes parses back to the same instant. */
	ck_assert_int_eq(ts(svc_time_format(t, buf)), t);
	/* Four-digit years keep their zeros; later ones get a fifth digit. */
	tz("UTC");
	ck_assert_str_eq(svc_time_format((time_t)-31536000000LL, buf),
	    "0970-08-31T00:00:00+00:00");
	ck_assert_str_eq(svc_time_format((time_t)253402300800LL, buf),
	    "10000-01-01T00:00:00+00:00");
	/* Offsets with minutes, west of Greenwich. */
	tz("America/St_Johns");
	ck_assert_str_eq(svc_time_format(t, buf), "2026-10-14T23:00:00-02:30");
}
END_TEST

/* Dates parse to local midnight; today/yesterday follow now. */
START_TEST(date_parse)
{
	struct svc_err e;
	time_t t, now;

	tz("Asia/Shanghai");
	svc_err_clear(&e);
	ck_assert_int_eq(svc_date_parse("2026-10-15", 0, &t, &e), 0);
	ck_assert_int_eq(t, ts("2026-10-15T00:00:00+08:00"));
	now = ts("2026-03-01T00:10:00+08:00");
	ck_assert_int_eq(svc_date_parse("today", now, &t, &e), 0);
	ck_assert_int_eq(t, ts("2026-03-01T00:00:00+08:00"));
	ck_assert_int_eq(svc_date_parse("yesterday", now, &t, &e), 0);
	ck_assert_int_eq(t, ts("2026-02-28T00:00:00+08:00"));
}
END_TEST

/* Bad dates are refused with the reason; a time part is not a date. */
START_TEST(date_parse_bad)
{
	struct svc_err e;
	time_t t;

	svc_err_clear(&e);
	ck_assert_int_eq(svc_date_parse("2026-02-30", 0, &t, &e), -1);
	ck_assert_str_eq(e.msg, "bad date '2026-02-30': day out of range for "
	    "the month (2026-02 has 28 days)");
	ck_assert_int_eq(svc_date_parse("2026-10-15T10:00", 0, &t, &e), -1);
	ck_assert_str_eq(e.msg, "bad date '2026-10-15T10:00': expected "
	    "YYYY-MM-DD, today or yesterday");
	ck_assert_int_eq(svc_date_parse("tomorrow", 0, &t, &e), -1);
	ck_assert_str_eq(e.msg, "bad date 'tomorrow': expected YYYY-MM-DD, "
	    "today or yesterday");
	ck_assert_int_eq(svc_date_parse("", 0, &t, &e), -1);
	ck_assert_str_eq(e.msg,
	    "empty date; expected YYYY-MM-DD, today or yesterday");
}
END_TEST

/*
 * --as-of, in every tool: a date is the last second of that local day, a
 * timestamp is itself, nothing is now.
 */
START_TEST(as_of_forms)
{
	struct svc_err e;
	time_t t, now;

	tz("Asia/Shanghai");
	svc_err_clear(&e);
	ck_assert_int_eq(svc_as_of_parse("2026-09-30", 0, &t, &e), 0);
	ck_assert_int_eq(t, ts("2026-09-30T23:59:59+08:00"));
	ck_assert_int_eq(svc_as_of_parse("2026-09-30T10:00", 0, &t, &e), 0);
	ck_assert_int_eq(t, ts("2026-09-30T10:00:00+08:00"));
	ck_assert_int_eq(svc_as_of_parse("2026-09-30T10:00:00Z", 0, &t, &e),
	    0);
	ck_assert_int_eq(t, ts("2026-09-30T18:00:00+08:00"));
	now = ts("2026-03-01T00:10:00+08:00");
	ck_assert_int_eq(svc_as_of_parse("today", now, &t, &e), 0);
	ck_assert_int_eq(t, ts("2026-03-01T23:59:59+08:00"));
	ck_assert_int_eq(svc_as_of_parse("yesterday", now, &t, &e), 0);
	ck_assert_int_eq(t, ts("2026-02-28T23:59:59+08:00"));
	ck_assert_int_eq(svc_as_of_parse(NULL, 1234, &t, &e), 0);
	ck_assert_int_eq(t, 1234);
	ck_assert_int_eq(svc_as_of_parse("", 1234, &t, &e), 0);
	ck_assert_int_eq(t, 1234);
}
END_TEST

/* An event's time as a clerk types it, relative to now. */
static time_t
clerk(const char *s, time_t now)
{
	struct svc_err e;
	time_t t = 0;

	svc_err_clear(&e);
	ck_assert_msg(svc_time_parse_clerk(s, now, &t, &e) == 0, "%s: %s", s,
	    e.msg);
	return t;
}

static void
clerk_bad(const char *s, time_t now, const char *msg)
{
	struct svc_err e;
	time_t t;

	svc_err_clear(&e);
	ck_assert_msg(svc_time_parse_clerk(s, now, &t, &e) == -1, "%s taken",
	    s);
	ck_assert_msg(strstr(e.msg, msg) != NULL, "%s: '%s' lacks '%s'", s,
	    e.msg, msg);
}

START_TEST(clerk_forms)
{
	time_t now;

	tz("Asia/Shanghai");
	now = ts("2026-10-15T16:20:05+08:00");
	ck_assert_int_eq(clerk("", now), now);
	ck_assert_int_eq(clerk("now", now), now);
	ck_assert_int_eq(clerk("14:30", now), ts("2026-10-15T14:30:00+08:00"));
	ck_assert_int_eq(clerk("9:05", now), ts("2026-10-15T09:05:00+08:00"));
	ck_assert_int_eq(clerk("16:20:05", now), now);
	ck_assert_int_eq(clerk("昨天 14:30", now),
	    ts("2026-10-14T14:30:00+08:00"));
	ck_assert_int_eq(clerk("昨天14:30", now),
	    ts("2026-10-14T14:30:00+08:00"));
	ck_assert_int_eq(clerk("yesterday  23:59", now),
	    ts("2026-10-14T23:59:00+08:00"));
	ck_assert_int_eq(clerk("今天 08:00", now),
	    ts("2026-10-15T08:00:00+08:00"));
	ck_assert_int_eq(clerk("today 8:00", now),
	    ts("2026-10-15T08:00:00+08:00"));
	ck_assert_int_eq(clerk("10-05 09:00", now),
	    ts("2026-10-05T09:00:00+08:00"));
	ck_assert_int_eq(clerk("3-1 7:15", now),
	    ts("2026-03-01T07:15:00+08:00"));
	ck_assert_int_eq(clerk("2026-10-05T09:00", now),
	    ts("2026-10-05T09:00:00+08:00"));
	ck_assert_int_eq(clerk("2026-10-05 09:00:00+08:00", now),
	    ts("2026-10-05T09:00:00+08:00"));
	/* the policy's zone: the same words, another instant */
	tz("UTC");
	ck_assert_int_eq(clerk("08:00", now), ts("2026-10-15T08:00:00Z"));
}
END_TEST

/* A month and day later than now is last year's; a clock later than now
 * is refused, as is any timestamp later than now. */
START_TEST(clerk_future)
{
	time_t now;

	tz("Asia/Shanghai");
	now = ts("2026-01-03T10:00:00+08:00");
	ck_assert_int_eq(clerk("12-30 17:45", now),
	    ts("2025-12-30T17:45:00+08:00"));
	ck_assert_int_eq(clerk("01-03 10:00", now), now);
	ck_assert_int_eq(clerk("01-03 10:01", now),
	    ts("2025-01-03T10:01:00+08:00"));
	clerk_bad("10:01", now, "'10:01' is later than now (2026-01-03T10:00)");
	clerk_bad("今天 23:00", now, "later than now");
	clerk_bad("2026-01-04T08:00", now, "later than now");
	/* the first day of a month: yesterday is last month's last */
	ck_assert_int_eq(clerk("昨天 22:00", ts("2026-03-01T00:10:00+08:00")),
	    ts("2026-02-28T22:00:00+08:00"));
	/* 02-29: last leap year's only when this year has none */
	ck_assert_int_eq(clerk("02-29 12:00", ts("2028-03-01T00:00:00+08:00")),
	    ts("2028-02-29T12:00:00+08:00"));
	clerk_bad("02-29 12:00", now, "02-29 is no date in 2025");
}
END_TEST

START_TEST(clerk_bad_forms)
{
	time_t now;

	tz("Asia/Shanghai");
	now = ts("2026-10-15T16:20:00+08:00");
	clerk_bad("24:00", now, "expected 14:30, 昨天 14:30 (yesterday 14:30), "
	    "10-05 09:00 or 2026-10-05T09:00");
	clerk_bad("14:60", now, "expected 14:30");
	clerk_bad("14.30", now, "expected 14:30");
	clerk_bad("明天 14:30", now, "expected 14:30");
	clerk_bad("yesterday", now, "expected HH:MM after the date");
	clerk_bad("昨天 2点", now, "expected HH:MM after the date");
	clerk_bad("13-05 09:00", now, "no such date");
	clerk_bad("10-05", now, "expected 14:30");
	clerk_bad("10-05 9", now, "expected HH:MM after the date");
	/* a timestamp's own message, which says more */
	clerk_bad("2026-02-30T09:00", now, "day out of range");
}
END_TEST

/* A bad --as-of says what is wrong, or which forms there are. */
START_TEST(as_of_bad)
{
	struct svc_err e;
	time_t t;

	svc_err_clear(&e);
	ck_assert_int_eq(svc_as_of_parse("2026-13-01", 0, &t, &e), -1);
	ck_assert_str_eq(e.msg, "bad date '2026-13-01': month must be 01 to "
	    "12");
	ck_assert_int_eq(svc_as_of_parse("2026-09-30T25:00", 0, &t, &e), -1);
	ck_assert_str_eq(e.msg, "bad time '2026-09-30T25:00': expected a date "
	    "(2026-10-31, today, yesterday: the end of that day) or a "
	    "timestamp (2026-10-31T09:00)");
	ck_assert_int_eq(svc_as_of_parse("tomorrow", 0, &t, &e), -1);
	ck_assert_str_eq(e.msg, "bad time 'tomorrow': expected a date "
	    "(2026-10-31, today, yesterday: the end of that day) or a "
	    "timestamp (2026-10-31T09:00)");
}
END_TEST

/* Dates format as the local calendar date. */
START_TEST(date_format)
{
	char buf[16];
	time_t t = ts("2026-10-15T20:00:00Z");

	tz("Asia/Shanghai");
	ck_assert_str_eq(svc_date_format(t, buf), "2026-10-16");
	tz("UTC");
	ck_assert_str_eq(svc_date_format(t, buf), "2026-10-15");
}
END_TEST

/*
 * Times and dates are written from a memo of the zone's offsets, not by
 * asking the C library each time: every 15 minutes of 2026 and around
 * the changes of 1970-2037, in zones with daylight saving (Southern and
 * Northern, a half-hour one) and one without, they agree with what
 * localtime_r says, to the second and the offset.
 */
START_TEST(format_agrees_with_libc)
{
	static const char *const zones[] = { "America/New_York",
	    "America/Sao_Paulo", "Europe/London", "Australia/Lord_Howe",
	    "Asia/Shanghai", "Asia/Kathmandu" };
	char got[32], want[160], date[16];
	struct tm tm;

	for (size_t z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
		tz(zones[z]);
		for (time_t t = 0; t < 2145916800; t += t < 1767225600 ||
		    t >= 1798761600 ? 86400 * 3 + 3599 : 900) {
			ck_assert_ptr_nonnull(localtime_r(&t, &tm));
			snprintf(want, sizeof(want), "%04d-%02d-%02dT%02d:%02d"
			    ":%02d%c%02ld:%02ld", tm.tm_year + 1900,
			    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
			    tm.tm_sec, tm.tm_gmtoff < 0 ? '-' : '+',
			    labs(tm.tm_gmtoff) / 3600,
			    labs(tm.tm_gmtoff) / 60 % 60);
			ck_assert_msg(strcmp(svc_time_format(t, got), want) == 0,
			    "%s at %lld: %s, libc %s", zones[z], (long long)t,
			    got, want);
			ck_assert_msg(strncmp(svc_date_format(t, date), want,
			    10) == 0, "%s at %lld: date %s, libc %s",
			    zones[z], (long long)t, date, want);
		}
	}
}
END_TEST

/* Long garbage is cut in the message, which stays within its buffer. */
START_TEST(long_input)
{
	struct svc_period p;
	struct svc_err e;
	char s[2000];
	time_t t;

	memset(s, 'x', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	refuse(s, NULL, "expected YYYY");
	ck_assert_int_eq(svc_period_parse(s, 0, &p, &e), -1);
	ck_assert_int_lt(strlen(e.msg), sizeof(e.msg) - 1);
	ck_assert_int_eq(svc_time_parse(s, &t, &e), -1);
	ck_assert_int_lt(strlen(e.msg), sizeof(e.msg) - 1);
}
END_TEST

Suite *
suite_period(void)
{
	Suite *s = suite_create("period");
	TCase *tc = tcase_create("period");

	tcase_add_test(tc, month_form);
	tcase_add_test(tc, quarter_form);
	tcase_add_test(tc, quarter_edges);
	tcase_add_test(tc, week_form);
	tcase_add_test(tc, week_one_starts_previous_year);
	tcase_add_test(tc, week_53_exists);
	tcase_add_test(tc, week_53_refused);
	tcase_add_test(tc, year_form);
	tcase_add_test(tc, day_form);
	tcase_add_test(tc, range_form);
	tcase_add_test(tc, range_of_periods);
	tcase_add_test(tc, range_refused);
	tcase_add_test(tc, relative_names);
	tcase_add_test(tc, relative_year_boundary);
	tcase_add_test(tc, relative_local_date);
	tcase_add_test(tc, bad_month);
	tcase_add_test(tc, bad_day);
	tcase_add_test(tc, leap_years);
	tcase_add_test(tc, bad_quarter);
	tcase_add_test(tc, bad_year);
	tcase_add_test(tc, garbage);
	tcase_add_test(tc, empty_period);
	tcase_add_test(tc, time_offsets);
	tcase_add_test(tc, time_shapes);
	tcase_add_test(tc, time_local);
	tcase_add_test(tc, time_follows_tz);
	tcase_add_test(tc, time_local_dst);
	tcase_add_test(tc, time_bad_date);
	tcase_add_test(tc, time_bad_time);
	tcase_add_test(tc, time_bad_shape);
	tcase_add_test(tc, time_bad_offset);
	tcase_add_test(tc, time_trailing);
	tcase_add_test(tc, time_empty);
	tcase_add_test(tc, time_leap_second);
	tcase_add_test(tc, time_offset_range);
	tcase_add_test(tc, time_range_round_trips);
	tcase_add_test(tc, month_boundary_seconds);
	tcase_add_test(tc, add_days_dst);
	tcase_add_test(tc, period_dst);
	tcase_add_test(tc, add_months_clamps);
	tcase_add_test(tc, add_months_dst);
	tcase_add_test(tc, prev_month);
	tcase_add_test(tc, prev_quarter);
	tcase_add_test(tc, prev_week);
	tcase_add_test(tc, prev_year_day);
	tcase_add_test(tc, prev_range);
	tcase_add_test(tc, period_of_kinds);
	tcase_add_test(tc, period_of_week_year);
	tcase_add_test(tc, utc_boundaries);
	tcase_add_test(tc, contains_half_open);
	tcase_add_test(tc, week_inside_month);
	tcase_add_test(tc, kind_names);
	tcase_add_test(tc, time_format);
	tcase_add_test(tc, date_parse);
	tcase_add_test(tc, date_parse_bad);
	tcase_add_test(tc, as_of_forms);
	tcase_add_test(tc, clerk_forms);
	tcase_add_test(tc, clerk_future);
	tcase_add_test(tc, clerk_bad_forms);
	tcase_add_test(tc, as_of_bad);
	tcase_add_test(tc, date_format);
	tcase_add_test(tc, format_agrees_with_libc);
	tcase_add_test(tc, long_input);
	suite_add_tcase(s, tc);
	return s;
}
