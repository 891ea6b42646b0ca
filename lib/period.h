/*
 * period: the period forms of the spec and ISO 8601 timestamps, all in
 * local time (the TZ environment variable, as localtime(3) sees it). The
 * tools make that the policy's zone (svc_policy_apply_zone) before parsing.
 *
 * Periods are half-open ranges of seconds [start, end). Every function here
 * is pure given TZ and the "now" passed in: nothing reads the clock.
 */
#ifndef SVC_PERIOD_H
#define SVC_PERIOD_H

#include <stddef.h>
#include <time.h>

#include "err.h"

enum svc_period_kind {
	SVC_PERIOD_NONE = 0,
	SVC_PERIOD_DAY,
	SVC_PERIOD_WEEK,	/* ISO 8601 week, Monday first */
	SVC_PERIOD_MONTH,
	SVC_PERIOD_QUARTER,
	SVC_PERIOD_YEAR,
	SVC_PERIOD_RANGE	/* whole days, first..last inclusive */
};

struct svc_period {
	enum svc_period_kind kind;
	time_t start;		/* first second, local midnight */
	time_t end;		/* first second after the period */
	char name[48];		/* canonical: 2026-10, 2026-Q3, 2026-W42,
				   2026, 2026-10-15, 2026-10-01..2026-10-15 */
};

/*
 * Parses a period: "2026-10", "2026-Q3", "2026-W42", "2026", "2026-10-15",
 * "2026-10-01..2026-10-15", or a relative name "today", "yesterday",
 * "this-week", "last-week", "this-month", "last-month", "this-quarter",
 * "last-quarter", "this-year", "last-year", taken relative to now, or
 * two of those joined by ".." ("2026-W01..2026-W05"): a range of whole
 * days from the first day of the first to the last day of the second,
 * named by those days ("2025-12-29..2026-02-01").
 * Refuses impossible dates (2026-02-30, 2026-13, 2026-Q5, 2026-W54, a week
 * 53 in a year that has 52, a range whose end precedes its start).
 * Returns 0, or -1 with e->msg saying what is wrong (file, line and
 * field left empty for the caller to fill).
 */
int svc_period_parse(const char *s, time_t now, struct svc_period *p,
    struct svc_err *e);

/* The period of the given kind (DAY..YEAR) that contains t. */
void svc_period_of(enum svc_period_kind kind, time_t t, struct svc_period *p);

/*
 * The period just before p: same kind, or for a range the same number of
 * days ending the day before p starts.
 */
void svc_period_prev(const struct svc_period *p, struct svc_period *prev);

/* Nonzero if p->start <= t < p->end. */
int svc_period_contains(const struct svc_period *p, time_t t);

/*
 * Nonzero if part counts as a period inside whole, as when shorter
 * periods' scores are combined into a longer one: a week inside a month,
 * quarter or year when that holds its Thursday (ISO 8601: the week of
 * 28 Sep .. 4 Oct 2026 is October's), anything else when it lies wholly
 * within.
 */
int svc_period_inside(const struct svc_period *part,
    const struct svc_period *whole);

/* "week", "month", "quarter", "year", "day" <-> kind; NULL/NONE if none. */
const char *svc_period_kind_name(enum svc_period_kind k);
enum svc_period_kind svc_period_kind_parse(const char *s);

/*
 * Parses a timestamp: "2026-10-15T09:30:00+08:00", with "T" or one space
 * between date and time, seconds optional, fraction of seconds ignored,
 * offset "Z", "+08:00", "+0800" or "+08" optional (none = local time), or
 * a date alone (local midnight). Refuses impossible dates and times,
 * second 60, offsets outside -12:00..+14:00 and instants outside
 * 1970-01-02T00:00:00Z..9999-12-30T23:59:59Z (the range whose local
 * times, in any offset, parse back). Returns 0 and stores *t, or -1 with
 * e->msg set.
 */
int svc_time_parse(const char *s, time_t *t, struct svc_err *e);

/*
 * Parses an event's time as a clerk types it, relative to now, in local
 * time: "" or "now" (now); "14:30" (today); "昨天 14:30", "yesterday
 * 14:30", "今天 14:30", "today 14:30" (the space optional after the
 * Chinese words); "10-05 09:00" (month and day of this year, or of last
 * year when that would be later than now: a clerk in January copying
 * December's book); or any timestamp svc_time_parse takes. Seconds may
 * follow the minute. A time later than now is refused, except that a
 * month and day wraps to last year as said: an event has happened.
 * Returns 0 and *t, or -1 with e->msg saying what is wrong and which
 * forms there are (file, line and field left to the caller).
 */
int svc_time_parse_clerk(const char *s, time_t now, time_t *t,
    struct svc_err *e);

/* Formats t as local "2026-10-15T09:30:00+08:00" into buf[32]. */
char *svc_time_format(time_t t, char *buf);

/*
 * Parses a calendar date "2026-10-15", or "today" / "yesterday" relative to
 * now, to its local midnight. Returns 0, or -1 with e->msg set.
 */
int svc_date_parse(const char *s, time_t now, time_t *t, struct svc_err *e);

/*
 * The moment an --as-of names, the same in every tool: a date
 * ("2026-10-31", "today", "yesterday") is the last second of that local
 * day, so whatever happened that day has happened; a timestamp (as
 * svc_time_parse) is that instant; NULL or "" is now. Returns 0 and *t,
 * or -1 with e->msg set.
 */
int svc_as_of_parse(const char *s, time_t now, time_t *t, struct svc_err *e);

/* The days of month m (1-12) of year y in the proleptic Gregorian
 * calendar: 28 to 31. */
int svc_month_days(int y, int m);

/*
 * Parses a date to remember by its day, a birthday or a founding date:
 * "YYYY-MM-DD" (years 1000 to 9999, so that a firm founded or a person
 * born before 1970 has one), or "MM-DD" when the year is not known,
 * *y then 0 and 02-29 allowed. Returns 0, or -1 with e->msg set.
 */
int svc_date_parse_day(const char *s, int *y, int *m, int *d,
    struct svc_err *e);

/* Formats the local date of t as "2026-10-15" into buf[16]. */
char *svc_date_format(time_t t, char *buf);

/*
 * Local midnight n calendar days (n may be negative) or n calendar months
 * after the local date of t; correct across DST changes. Adding months
 * clamps the day to the month's length (Jan 31 + 1 month = Feb 28).
 */
time_t svc_date_add_days(time_t t, int n);
time_t svc_date_add_months(time_t t, int n);

/*
 * Day numbers (days since 1970-01-01, proleptic Gregorian) for date
 * arithmetic in whole days: of a civil date, back to it, of the local
 * date of t, and the local midnight starting day d.
 */
long long svc_day_from_ymd(int y, int m, int d);
void svc_day_ymd(long long day, int *y, int *m, int *d);
long long svc_day_of(time_t t);
time_t svc_day_midnight(long long day);

#endif
