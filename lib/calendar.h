/*
 * calendar: working days. Monday to Friday are working days, Saturday
 * and Sunday are not, except as a policy's [calendar] says: its holidays
 * are days off whatever the weekday, its workdays are make-up working
 * days (调休) on a Saturday or Sunday. Days are local dates, as day
 * numbers (period.h svc_day_of).
 *
 * A calendar covers the years its dates name (a calendar of 2026's
 * holidays says nothing of 2027's): outside them only weekends are off,
 * and svc-log check warns about periods there (svc_cal_covers).
 *
 * Working hours: a calendar may also name the local times of day that
 * are worked on its working days, "08:30-12:00, 13:30-17:30"; working
 * time is the time inside them (svc_cal_add_work).
 *
 * Spans: a due time or cadence written "3d" / "3 days", "48h" /
 * "48 hours", "3 workdays" or "4 work hours" (svc_span_parse).
 */
#ifndef SVC_CALENDAR_H
#define SVC_CALENDAR_H

#include <stddef.h>
#include <time.h>

#include "err.h"

enum svc_span_unit {
	SVC_SPAN_HOURS, SVC_SPAN_DAYS, SVC_SPAN_WORKDAYS, SVC_SPAN_WORKHOURS
};

struct svc_span {
	long n;
	enum svc_span_unit unit;
};

/*
 * Parses "N" followed by a unit: h or hours, d or days, workdays, work
 * hours (a space between them is optional), N a whole number from 0 to max.
 * Returns 0 and *sp, -1 when s is not of that shape, -2 when N is above
 * max (then sp->n and sp->unit are still set, for the message).
 */
int svc_span_parse(const char *s, long max, struct svc_span *sp);

/* A holiday or make-up working day, and the policy line that named it. */
struct svc_cal_day {
	long long day;
	long line;
};

/* A working interval of the day: local minutes after midnight, from <
 * to <= 24 * 60. */
struct svc_cal_hours {
	int from, to;
};

struct svc_calendar {
	int on;			/* the policy has a [calendar] */
	long line;		/* of its section header */
	struct svc_cal_day *holidays;	/* sorted by day, each once */
	size_t nholidays;
	struct svc_cal_day *workdays;	/* sorted by day, each once, every
					   one a Saturday or Sunday */
	size_t nworkdays;
	int first_year, last_year;	/* the years named; 0 when none */
	struct svc_cal_hours *hours;	/* ascending, not overlapping; none:
					   no working hours are known */
	size_t nhours;
	long hours_line;		/* of the hours key; 0 when none */
};

/*
 * Parses one list of days, "2026-10-01..2026-10-07, 2026-10-10": dates
 * YYYY-MM-DD (years 1970 to 9999) and inclusive ranges FIRST..LAST of at
 * most 366 days, separated by commas. Appends each day to *days (grown
 * with realloc, caller frees) with line. Returns 0, or -1 with e->msg
 * saying which element is wrong (nothing appended then).
 */
int svc_cal_parse_days(const char *list, long line, struct svc_cal_day **days,
    size_t *n, struct svc_err *e);

/* Sorts c's lists and sets its years; call once they are complete. The
 * lists must hold no day twice (the policy checks that as it reads). */
void svc_cal_finish(struct svc_calendar *c);

/* 1 Monday .. 7 Sunday. */
int svc_cal_weekday(long long day);

/* The entry for day in a sorted list, or NULL. */
const struct svc_cal_day *svc_cal_find(const struct svc_cal_day *v, size_t n,
    long long day);

/* Nonzero if day is a working day under c (NULL: weekends only off). */
int svc_cal_is_workday(const struct svc_calendar *c, long long day);

/*
 * The same local time as t on the n-th working day after t's date
 * (n >= 0; 0 is t itself). An order opened on a holiday with one working
 * day is due on the first working day after it.
 */
time_t svc_cal_add_workdays(const struct svc_calendar *c, time_t t, long n);

/*
 * Working days from day `from` to day `to`: how many working days d
 * have from < d <= to; 0 when to <= from.
 */
long svc_cal_workdays_between(const struct svc_calendar *c, long long from,
    long long to);

/*
 * Parses working hours, "08:30-12:00, 13:30-17:30": intervals HH:MM-HH:MM
 * of local time (an end may be 24:00), each ending after it starts and
 * none starting before the one before it ends, separated by commas.
 * Returns 0 with *v (allocated, caller frees) and *n, or -1 with e->msg
 * saying which interval is wrong (*v untouched).
 */
int svc_cal_parse_hours(const char *list, struct svc_cal_hours **v,
    size_t *n, struct svc_err *e);

/*
 * The first moment by which secs seconds of working time have passed
 * since t: working time is the time inside c's hours on c's working days,
 * in local time (a day's intervals are its wall-clock times, whatever
 * DST does). Counting starts at the next interval when t lies outside
 * them, and an amount used up exactly at an interval's end is due at
 * that end, not at the next start. c must have hours (c->nhours > 0);
 * secs <= 0 gives t.
 */
time_t svc_cal_add_work(const struct svc_calendar *c, time_t t,
    long long secs);

/* Seconds of working time between a and b (as above); 0 when b <= a. */
long long svc_cal_work_between(const struct svc_calendar *c, time_t a,
    time_t b);

/* Nonzero if c names the year of day (0 for a NULL or empty calendar). */
int svc_cal_covers(const struct svc_calendar *c, long long day);

void svc_cal_free(struct svc_calendar *c);

#endif
