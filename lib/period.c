#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "err.h"
#include "period.h"

/*
 * Dates are handled as day numbers (days since 1970-01-01 in the proleptic
 * Gregorian calendar) so that day and month arithmetic never goes through
 * seconds, where a DST change would put it off by an hour. Only turning a
 * local date and time into a time_t needs the zone, in local_time().
 */

#define MIN_YEAR	1970
#define MAX_YEAR	9999

/* Subjects are echoed into messages; keep them short enough to read. */
#define QUOTE		"%.80s"

static const char forms[] =
    "expected YYYY, YYYY-MM, YYYY-Qn, YYYY-Wnn, YYYY-MM-DD, today, "
    "yesterday, this-week, last-week, this-month, last-month, "
    "this-quarter, last-quarter, this-year, last-year, or FIRST..LAST "
    "of two of those";

/* Howard Hinnant's days_from_civil: exact for every proleptic year. */
static long long
days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
civil_from_days(long long z, int *y, int *m, int *d)
{
	long long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* ISO weekday of a day number: 1 Monday .. 7 Sunday (day 0 was a Thursday). */
static int
weekday(long long days)
{
	long long r = (days + 3) % 7;

	return (int)(r < 0 ? r + 7 : r) + 1;
}

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
svc_month_days(int y, int m)
{
	static const int n[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && is_leap(y) ? 29 : n[m - 1];
}

/* Day number of the Monday of ISO week 1: the week that holds 4 January. */
static long long
iso_week1(int y)
{
	long long jan4 = days_from_civil(y, 1, 4);

	return jan4 - (weekday(jan4) - 1);
}

static int
iso_weeks(int y)
{
	return (int)((iso_week1(y + 1) - iso_week1(y)) / 7);
}

static void
iso_week_of(long long days, int *wy, int *w)
{
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	if (days >= iso_week1(y + 1))
		y++;
	else if (days < iso_week1(y))
		y--;
	*wy = y;
	*w = (int)((days - iso_week1(y)) / 7) + 1;
}

/*
 * The offsets in force a day either side of a local day, memoised per day
 * (timestamps in a file cluster on few days, and a period needs two). An
 * offset moves the instant of a local time by at most 14 hours, so with at
 * most one zone transition in those three days the true offset is one of
 * the two. The memo is keyed by TZ as well, so setenv+tzset is seen. Each
 * thread has its own (an import checks its rows on a thread of its own).
 */
#define MEMO_SLOTS	16

static _Thread_local struct {
	int valid;
	int unset;		/* TZ unset is not TZ="" (which is UTC) */
	char tz[128];
	struct {
		int valid;
		long long day;
		long before, after;
	} slot[MEMO_SLOTS];
} memo;

static long
offset_at(time_t t)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		return 0;
	return tm.tm_gmtoff;
}

static int
shows(time_t t, int y, int m, int d, int hh, int mm, int ss)
{
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		return 0;
	return tm.tm_year + 1900 == y && tm.tm_mon + 1 == m &&
	    tm.tm_mday == d && tm.tm_hour == hh && tm.tm_min == mm &&
	    tm.tm_sec == ss;
}

/*
 * The instant a valid local date and time names. A time that occurs twice
 * (the hour repeated when clocks go back) is its first occurrence; a time
 * skipped when clocks go forward is read with the offset before the change,
 * so 02:30 on a spring-forward day at 02:00 is 03:30, as glibc's mktime with
 * tm_isdst = -1 gives for ordinary DST. Not mktime itself: its answer for a
 * repeated hour depends on its previous call, it lands before the change in
 * some zones (Morocco), and with TZ unset glibc stats the zone file per call.
 */
/*
 * The offsets in force at the starts of days day - 1 and day + 2 (UTC
 * day numbers), from the memo or from the C library. Any instant of
 * days day - 1 to day + 1 that lies between two equal offsets has that
 * offset too, with at most one transition in those days.
 */
static void
offsets_around(long long day, long *before, long *after)
{
	const char *tz = getenv("TZ");
	size_t len, i;
	int unset = tz == NULL;

	if (unset)
		tz = "";
	len = strlen(tz);
	if (!memo.valid || memo.unset != unset || strcmp(memo.tz, tz) != 0) {
		memset(&memo, 0, sizeof(memo));
		if (len < sizeof(memo.tz)) {
			memcpy(memo.tz, tz, len + 1);
			memo.unset = unset;
			memo.valid = 1;
		}
	}
	i = (size_t)(day % MEMO_SLOTS + MEMO_SLOTS) % MEMO_SLOTS;
	if (memo.valid && memo.slot[i].valid && memo.slot[i].day == day) {
		*before = memo.slot[i].before;
		*after = memo.slot[i].after;
		return;
	}
	*before = offset_at((time_t)((day - 1) * 86400));
	*after = offset_at((time_t)((day + 2) * 86400));
	if (memo.valid) {
		memo.slot[i].valid = 1;
		memo.slot[i].day = day;
		memo.slot[i].before = *before;
		memo.slot[i].after = *after;
	}
}

/*
 * The offset in force at t: 1 and *off when the memo knows it without
 * doubt (no transition near t), else 0. glibc converts a time past a
 * zone's last transition (Asia/Shanghai's is in 1991) by parsing the
 * zone's rule string with sscanf on every call: scoring a million events
 * spent a quarter of its time there.
 */
static int
offset_known(time_t t, long *off)
{
	long long day = (long long)t / 86400 - ((long long)t % 86400 < 0);
	long before, after;

	offsets_around(day, &before, &after);
	*off = before;
	return before == after;
}

static time_t
local_time(int y, int m, int d, int hh, int mm, int ss)
{
	long long day = days_from_civil(y, m, d);
	long long u = day * 86400 + hh * 3600 + mm * 60 + ss;
	long before, after;
	time_t a, b;

	offsets_around(day, &before, &after);
	a = (time_t)(u - before);
	if (before == after)
		return a;
	b = (time_t)(u - after);
	if (shows(a, y, m, d, hh, mm, ss)) {
		if (shows(b, y, m, d, hh, mm, ss) && b < a)
			return b;
		return a;
	}
	if (shows(b, y, m, d, hh, mm, ss))
		return b;
	return a;
}

static time_t
midnight(long long days)
{
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	return local_time(y, m, d, 0, 0, 0);
}

/* Day number of the local date of t. */
static long long
local_days(time_t t)
{
	struct tm tm;
	long long u;
	long off;

	if (offset_known(t, &off)) {
		u = (long long)t + off;
		return u / 86400 - (u % 86400 < 0);
	}
	if (localtime_r(&t, &tm) == NULL)
		return 0;
	return days_from_civil(tm.tm_year + 1900LL, tm.tm_mon + 1,
	    tm.tm_mday);
}

/* Reads exactly n ASCII digits (isdigit would follow the locale). */
static int
digits(const char *s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Reads "YYYY-MM-DD" at s (what follows is the caller's business). Returns
 * 0, 1 if s does not have that shape, or -1 with why set if the shape is
 * right but the date impossible.
 */
static int
scan_date(const char *s, int *y, int *m, int *d, char *why, size_t whysz)
{
	if (digits(s, 4, y) == -1 || s[4] != '-' ||
	    digits(s + 5, 2, m) == -1 || s[7] != '-' ||
	    digits(s + 8, 2, d) == -1 || is_digit(s[10]))
		return 1;
	if (*y < MIN_YEAR || *y > MAX_YEAR) {
		snprintf(why, whysz, "year must be %d to %d", MIN_YEAR,
		    MAX_YEAR);
		return -1;
	}
	if (*m < 1 || *m > 12) {
		snprintf(why, whysz, "month must be 01 to 12");
		return -1;
	}
	if (*d < 1 || *d > svc_month_days(*y, *m)) {
		snprintf(why, whysz,
		    "day out of range for the month (%04d-%02d has %d days)",
		    *y, *m, svc_month_days(*y, *m));
		return -1;
	}
	return 0;
}

static void
set_days(struct svc_period *p, enum svc_period_kind kind, long long first,
    long long after)
{
	p->kind = kind;
	p->start = midnight(first);
	p->end = midnight(after);
}

static void
name_date(char *buf, size_t sz, long long days)
{
	int y, m, d;

	civil_from_days(days, &y, &m, &d);
	/* Clamped so the compiler can see the result fits. */
	if (y < 0 || y > 99999)
		y = 0;
	snprintf(buf, sz, "%04d-%02d-%02d", y, m, d);
}

static void
make_day(struct svc_period *p, long long days)
{
	set_days(p, SVC_PERIOD_DAY, days, days + 1);
	name_date(p->name, sizeof(p->name), days);
}

static void
make_week(struct svc_period *p, int y, int w)
{
	long long first = iso_week1(y) + 7LL * (w - 1);

	set_days(p, SVC_PERIOD_WEEK, first, first + 7);
	snprintf(p->name, sizeof(p->name), "%04d-W%02d", y, w);
}

static void
make_months(struct svc_period *p, enum svc_period_kind kind, int y, int m,
    int n)
{
	int ay = y + (m - 1 + n) / 12, am = (m - 1 + n) % 12 + 1;

	set_days(p, kind, days_from_civil(y, m, 1),
	    days_from_civil(ay, am, 1));
	if (kind == SVC_PERIOD_MONTH)
		snprintf(p->name, sizeof(p->name), "%04d-%02d", y, m);
	else if (kind == SVC_PERIOD_QUARTER)
		snprintf(p->name, sizeof(p->name), "%04d-Q%d", y,
		    (m - 1) / 3 + 1);
	else
		snprintf(p->name, sizeof(p->name), "%04d", y);
}

static void
make_range(struct svc_period *p, long long first, long long last)
{
	char a[16], b[16];

	set_days(p, SVC_PERIOD_RANGE, first, last + 1);
	name_date(a, sizeof(a), first);
	name_date(b, sizeof(b), last);
	snprintf(p->name, sizeof(p->name), "%s..%s", a, b);
}

/* The period of a kind containing local day number days. */
static void
period_of_days(enum svc_period_kind kind, long long days,
    struct svc_period *p)
{
	int y, m, d, w;

	civil_from_days(days, &y, &m, &d);
	switch (kind) {
	case SVC_PERIOD_WEEK:
		iso_week_of(days, &y, &w);
		make_week(p, y, w);
		break;
	case SVC_PERIOD_MONTH:
		make_months(p, kind, y, m, 1);
		break;
	case SVC_PERIOD_QUARTER:
		make_months(p, kind, y, (m - 1) / 3 * 3 + 1, 3);
		break;
	case SVC_PERIOD_YEAR:
		make_months(p, kind, y, 1, 12);
		break;
	default:
		/* DAY, and a day for kinds that have no "period of" either. */
		make_day(p, days);
		break;
	}
}

void
svc_period_of(enum svc_period_kind kind, time_t t, struct svc_period *p)
{
	memset(p, 0, sizeof(*p));
	period_of_days(kind, local_days(t), p);
}

void
svc_period_prev(const struct svc_period *p, struct svc_period *prev)
{
	long long first, n;

	if (p->kind == SVC_PERIOD_NONE) {
		*prev = *p;
		return;
	}
	first = local_days(p->start);
	memset(prev, 0, sizeof(*prev));
	if (p->kind == SVC_PERIOD_RANGE) {
		n = local_days(p->end) - first;
		if (n < 1)
			n = 1;
		make_range(prev, first - n, first - 1);
	} else
		period_of_days(p->kind, first - 1, prev);
}

int
svc_period_contains(const struct svc_period *p, time_t t)
{
	return p->start <= t && t < p->end;
}

int
svc_period_inside(const struct svc_period *part,
    const struct svc_period *whole)
{
	/* noon: an hour of daylight saving either way stays on Thursday */
	time_t thursday = part->start + 3 * 86400 + 12 * 3600;

	if (part->kind == SVC_PERIOD_WEEK &&
	    (whole->kind == SVC_PERIOD_MONTH ||
	    whole->kind == SVC_PERIOD_QUARTER ||
	    whole->kind == SVC_PERIOD_YEAR))
		return svc_period_contains(whole, thursday);
	return whole->start <= part->start && part->end <= whole->end;
}

static const struct {
	const char *name;
	enum svc_period_kind kind;
} kinds[] = {
	{ "day", SVC_PERIOD_DAY },
	{ "week", SVC_PERIOD_WEEK },
	{ "month", SVC_PERIOD_MONTH },
	{ "quarter", SVC_PERIOD_QUARTER },
	{ "year", SVC_PERIOD_YEAR }
};

const char *
svc_period_kind_name(enum svc_period_kind k)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].kind == k)
			return kinds[i].name;
	return NULL;
}

enum svc_period_kind
svc_period_kind_parse(const char *s)
{
	size_t i;

	if (s == NULL)
		return SVC_PERIOD_NONE;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].name, s) == 0)
			return kinds[i].kind;
	return SVC_PERIOD_NONE;
}

static const struct {
	const char *name;
	enum svc_period_kind kind;
	int last;
} relative[] = {
	{ "today", SVC_PERIOD_DAY, 0 },
	{ "yesterday", SVC_PERIOD_DAY, 1 },
	{ "this-week", SVC_PERIOD_WEEK, 0 },
	{ "last-week", SVC_PERIOD_WEEK, 1 },
	{ "this-month", SVC_PERIOD_MONTH, 0 },
	{ "last-month", SVC_PERIOD_MONTH, 1 },
	{ "this-quarter", SVC_PERIOD_QUARTER, 0 },
	{ "last-quarter", SVC_PERIOD_QUARTER, 1 },
	{ "this-year", SVC_PERIOD_YEAR, 0 },
	{ "last-year", SVC_PERIOD_YEAR, 1 }
};

static int
bad_period(struct svc_err *e, const char *s, const char *why)
{
	return svc_err_set(e, NULL, 0, NULL, "bad period '" QUOTE "': %s", s,
	    why);
}

static int
year_ok(int y)
{
	return y >= MIN_YEAR && y <= MAX_YEAR;
}

/* "YYYY-Qn" or "YYYY-Wnn"; rest points after "YYYY-". */
static int
parse_qw(const char *s, const char *rest, int y, struct svc_period *p,
    struct svc_err *e)
{
	char why[96];
	int n;

	if (rest[0] == 'Q' || rest[0] == 'q') {
		if (digits(rest + 1, 1, &n) == -1 || rest[2] != '\0' ||
		    n < 1 || n > 4)
			return bad_period(e, s, "quarter must be 1 to 4");
		make_months(p, SVC_PERIOD_QUARTER, y, (n - 1) * 3 + 1, 3);
		return 0;
	}
	if (digits(rest + 1, 2, &n) == -1 || rest[3] != '\0' || n < 1 ||
	    n > 53)
		return bad_period(e, s, "week must be 01 to 53");
	if (n > iso_weeks(y)) {
		snprintf(why, sizeof(why), "%04d has only %d ISO weeks", y,
		    iso_weeks(y));
		return bad_period(e, s, why);
	}
	make_week(p, y, n);
	return 0;
}

/* One period of any form but a range; p is cleared first. */
static int
parse_one(const char *s, time_t now, struct svc_period *p,
    struct svc_err *e)
{
	struct svc_period cur;
	char why[96];
	size_t i;
	int y, m, d, r;

	memset(p, 0, sizeof(*p));
	if (s == NULL || *s == '\0')
		return svc_err_set(e, NULL, 0, NULL, "empty period; %s",
		    forms);
	for (i = 0; i < sizeof(relative) / sizeof(relative[0]); i++) {
		if (strcmp(s, relative[i].name) != 0)
			continue;
		period_of_days(relative[i].kind, local_days(now), &cur);
		if (relative[i].last)
			svc_period_prev(&cur, p);
		else
			*p = cur;
		return 0;
	}
	if (digits(s, 4, &y) == -1 || (s[4] != '\0' && s[4] != '-'))
		return bad_period(e, s, forms);
	if (!year_ok(y)) {
		snprintf(why, sizeof(why), "year must be %d to %d", MIN_YEAR,
		    MAX_YEAR);
		return bad_period(e, s, why);
	}
	if (s[4] == '\0') {
		make_months(p, SVC_PERIOD_YEAR, y, 1, 12);
		return 0;
	}
	if (s[5] != '\0' && strchr("QqWw", s[5]) != NULL)
		return parse_qw(s, s + 5, y, p, e);
	if (digits(s + 5, 2, &m) == -1)
		return bad_period(e, s, forms);
	if (s[7] == '\0') {
		if (m < 1 || m > 12)
			return bad_period(e, s, "month must be 01 to 12");
		make_months(p, SVC_PERIOD_MONTH, y, m, 1);
		return 0;
	}
	if ((r = scan_date(s, &y, &m, &d, why, sizeof(why))) == -1)
		return bad_period(e, s, why);
	if (r == 1 || s[10] != '\0')
		return bad_period(e, s, forms);
	make_day(p, days_from_civil(y, m, d));
	return 0;
}

/*
 * A range runs from the first day of its first period to the last day
 * of its second, so 2026-W01..2026-W05 and 2026-01..2026-03 are ranges
 * of whole days like 2026-10-01..2026-10-15, and named that way.
 */
int
svc_period_parse(const char *s, time_t now, struct svc_period *p,
    struct svc_err *e)
{
	static const char shape[] = "a range is FIRST..LAST, each a period "
	    "other than a range (2026-10-01..2026-10-15, 2026-W01..2026-W05)";
	struct svc_period a, b;
	const char *dots;
	char first[32];
	long long da, db;

	if (s == NULL || (dots = strstr(s, "..")) == NULL)
		return parse_one(s, now, p, e);
	memset(p, 0, sizeof(*p));
	if (dots == s || (size_t)(dots - s) >= sizeof(first) ||
	    dots[2] == '\0' || strstr(dots + 2, "..") != NULL)
		return bad_period(e, s, shape);
	memcpy(first, s, (size_t)(dots - s));
	first[dots - s] = '\0';
	if (parse_one(first, now, &a, e) < 0 ||
	    parse_one(dots + 2, now, &b, e) < 0)
		return -1;
	da = local_days(a.start);
	db = local_days(b.end) - 1;
	if (db < da)
		return bad_period(e, s, "range ends before it starts");
	make_range(p, da, db);
	return 0;
}

static int
bad_time(struct svc_err *e, const char *s, const char *why)
{
	return svc_err_set(e, NULL, 0, NULL, "bad timestamp '" QUOTE "': %s",
	    s, why);
}

/* The date part svc_time_parse saw last on this thread, once valid. */
static _Thread_local struct {
	char s[10];
	int y, mo, d;
	long long day;
	int valid;
} last_date;

/*
 * Instants are written out in local time and read back by every tool, so
 * one is taken only if it reads as a year 1970..9999 date in every offset
 * a zone has (-12:00 to +14:00): 1970-01-02 to 9999-12-30 in UTC, a day
 * inside either end, a range simple to state.
 */
#define T_FIRST		((time_t)86400)
#define T_LAST		((time_t)253402214399)

/* Stores t when it is in that range. */
static int
in_range(const char *s, time_t t, time_t *out, struct svc_err *e)
{
	if (t < T_FIRST || t > T_LAST)
		return bad_time(e, s, "outside 1970-01-02 to 9999-12-30 UTC");
	*out = t;
	return 0;
}

/*
 * Second 60 is refused: a leap second is no instant time_t can hold, and
 * reading it as 59 would store a time nobody gave.
 */
int
svc_time_parse(const char *s, time_t *t, struct svc_err *e)
{
	static const char shape[] =
	    "expected a date and time like 2026-10-15T09:30:00+08:00";
	char why[96];
	const char *q;
	int y, mo, d, hh = 0, mi = 0, ss = 0, oh = 0, om = 0, sign = 0, r;

	if (s == NULL || *s == '\0')
		return svc_err_set(e, NULL, 0, NULL, "empty timestamp; %s",
		    shape);
	/* events come near-sorted: most share the last good date */
	if (last_date.valid && strncmp(s, last_date.s, 10) == 0 &&
	    !is_digit(s[10])) {
		y = last_date.y;
		mo = last_date.mo;
		d = last_date.d;
	} else {
		if ((r = scan_date(s, &y, &mo, &d, why, sizeof(why))) == -1)
			return bad_time(e, s, why);
		if (r == 1)
			return bad_time(e, s, shape);
		memcpy(last_date.s, s, 10);
		last_date.y = y;
		last_date.mo = mo;
		last_date.d = d;
		last_date.day = days_from_civil(y, mo, d);
		last_date.valid = 1;
	}
	q = s + 10;
	if (*q == '\0')
		return in_range(s, local_time(y, mo, d, 0, 0, 0), t, e);
	if (*q != 'T' && *q != 't' && *q != ' ')
		return bad_time(e, s, "expected 'T' or a space after the date");
	q++;
	if (digits(q, 2, &hh) == -1 || q[2] != ':' ||
	    digits(q + 3, 2, &mi) == -1 || is_digit(q[5]))
		return bad_time(e, s, "expected HH:MM after the date");
	q += 5;
	if (*q == ':') {
		if (digits(q + 1, 2, &ss) == -1 || is_digit(q[3]))
			return bad_time(e, s, "seconds must be two digits");
		q += 3;
		if (*q == '.') {
			if (!is_digit(*++q))
				return bad_time(e, s,
				    "expected digits after '.'");
			while (is_digit(*q))
				q++;
		}
	}
	if (hh > 23)
		return bad_time(e, s, "hour must be 00 to 23");
	if (mi > 59)
		return bad_time(e, s, "minute must be 00 to 59");
	if (ss > 59)
		return bad_time(e, s, "second must be 00 to 59");
	if (*q == 'Z' || *q == 'z') {
		sign = 1;
		q++;
	} else if (*q == '+' || *q == '-') {
		sign = *q++ == '-' ? -1 : 1;
		if (digits(q, 2, &oh) == -1)
			return bad_time(e, s,
			    "offset must be Z, +HH:MM, +HHMM or +HH");
		q += 2;
		if (*q == ':')
			q++;
		if (is_digit(*q)) {
			if (digits(q, 2, &om) == -1)
				return bad_time(e, s,
				    "offset must be Z, +HH:MM, +HHMM or +HH");
			q += 2;
		} else if (q[-1] == ':')
			return bad_time(e, s,
			    "offset must be Z, +HH:MM, +HHMM or +HH");
		if (om > 59)
			return bad_time(e, s,
			    "offset minutes must be 00 to 59");
		if (oh * 60 + om > (sign < 0 ? 12 * 60 : 14 * 60))
			return bad_time(e, s,
			    "offset must be -12:00 to +14:00");
	}
	if (*q != '\0')
		return bad_time(e, s, "unexpected characters after the time");
	if (sign == 0)
		return in_range(s, local_time(y, mo, d, hh, mi, ss), t, e);
	return in_range(s, (time_t)(last_date.day * 86400 + hh * 3600 +
	    mi * 60 + ss - sign * (oh * 3600 + om * 60)), t, e);
}

static const char clerk_forms[] =
    "expected 14:30, 昨天 14:30 (yesterday 14:30), 10-05 09:00 or "
    "2026-10-05T09:00";

/* Reads "H:MM" or "HH:MM", then ":SS" optionally, to the end of s. */
static int
scan_clock(const char *s, int *hh, int *mi, int *ss)
{
	int n = is_digit(s[0]) && is_digit(s[1]) ? 2 : 1;

	*ss = 0;
	if (digits(s, n, hh) == -1 || s[n] != ':' ||
	    digits(s + n + 1, 2, mi) == -1)
		return -1;
	s += n + 3;
	if (*s == ':') {
		if (digits(s + 1, 2, ss) == -1)
			return -1;
		s += 3;
	}
	return *s == '\0' && *hh <= 23 && *mi <= 59 && *ss <= 59 ? 0 : -1;
}

/* Reads "M-D" or "MM-DD" (one or two digits each), then blanks; returns
 * what follows, or NULL. */
static const char *
scan_month_day(const char *s, int *m, int *d)
{
	int n = is_digit(s[0]) && is_digit(s[1]) ? 2 : 1;

	if (digits(s, n, m) == -1 || s[n] != '-')
		return NULL;
	s += n + 1;
	n = is_digit(s[0]) && is_digit(s[1]) ? 2 : 1;
	if (digits(s, n, d) == -1 || (s[n] != ' ' && s[n] != '\t'))
		return NULL;
	return s + n + strspn(s + n, " \t");
}

int
svc_time_parse_clerk(const char *s, time_t now, time_t *t,
    struct svc_err *e)
{
	static const struct {
		const char *word;
		int days;	/* before today */
	} words[] = {
		{ "today", 0 }, { "今天", 0 }, { "yesterday", 1 },
		{ "昨天", 1 },
	};
	const char *q = NULL;
	long long day = local_days(now);
	int y, m, d, hh, mi, ss, wrap = 0;
	char now_s[32];

	if (s == NULL || *s == '\0' || strcmp(s, "now") == 0) {
		*t = now;
		return 0;
	}
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t n = strlen(words[i].word);

		if (strncmp(s, words[i].word, n) == 0 &&
		    (s[n] == ' ' || s[n] == '\t' || s[n] == '\0' ||
		    (unsigned char)s[0] >= 0x80)) {
			q = s + n + strspn(s + n, " \t");
			day -= words[i].days;
			break;
		}
	}
	if (q == NULL && (q = scan_month_day(s, &m, &d)) != NULL) {
		int m0, d0;

		civil_from_days(day, &y, &m0, &d0);
		if (m < 1 || m > 12 || d < 1 || d > 31)
			return svc_err_set(e, NULL, 0, NULL, "bad time '"
			    QUOTE "': no such date; %s", s, clerk_forms);
		wrap = 1;
	} else if (q == NULL) {
		q = s;
		civil_from_days(day, &y, &m, &d);
		/* anything not a clock is a timestamp, or a mistake */
		if (scan_clock(q, &hh, &mi, &ss) < 0) {
			if (svc_time_parse(s, t, e) < 0) {
				if (!is_digit(s[0]) || strlen(s) < 10)
					svc_err_set(e, NULL, 0, NULL, "bad time '"
					    QUOTE "': %s", s, clerk_forms);
				return -1;
			}
			goto future;
		}
	} else
		civil_from_days(day, &y, &m, &d);
	if (scan_clock(q, &hh, &mi, &ss) < 0)
		return svc_err_set(e, NULL, 0, NULL, "bad time '" QUOTE "': "
		    "expected HH:MM after the date; %s", s, clerk_forms);
	/* 02-29 in a year without one is last year's, or no date */
	if (wrap && (d > svc_month_days(y, m) ||
	    local_time(y, m, d, hh, mi, ss) > now))
		y--;
	if (d > svc_month_days(y, m))
		return svc_err_set(e, NULL, 0, NULL, "bad time '" QUOTE "': "
		    "%02d-%02d is no date in %d", s, m, d, y);
	if (in_range(s, local_time(y, m, d, hh, mi, ss), t, e) < 0)
		return -1;
future:
	if (*t <= now)
		return 0;
	return svc_err_set(e, NULL, 0, NULL, "'" QUOTE "' is later than now "
	    "(%.16s): an event is logged once it has happened", s,
	    svc_time_format(now, now_s));
}

/* Writes v % 100 as two digits at p; returns the end. */
static char *
two(char *p, int v)
{
	v %= 100;
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
	return p + 2;
}

char *
svc_time_format(time_t t, char *buf)
{
	struct tm tm;
	long off;
	char *p;
	int y;

	if (offset_known(t, &off)) {
		long long u = (long long)t + off;
		long long day = u / 86400 - (u % 86400 < 0);
		long sec = (long)(u - day * 86400);
		int cy, cm, cd;

		civil_from_days(day, &cy, &cm, &cd);
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = cy - 1900;
		tm.tm_mon = cm - 1;
		tm.tm_mday = cd;
		tm.tm_hour = (int)(sec / 3600);
		tm.tm_min = (int)(sec / 60 % 60);
		tm.tm_sec = (int)(sec % 60);
		tm.tm_gmtoff = off;
	} else if (localtime_r(&t, &tm) == NULL)
		memset(&tm, 0, sizeof(tm));
	/* Minutes only: second-level offsets (pre-1900 LMT) are out of range. */
	off = tm.tm_gmtoff / 60;
	y = tm.tm_year + 1900;
	if (y < 0 || y > 99999)
		y = 0;
	/*
	 * As snprintf "%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld" would
	 * write it, digit by digit: an import formats every event's time,
	 * and printf's parsing of the format was most of the cost.
	 */
	p = buf;
	if (y >= 10000)
		*p++ = (char)('0' + y / 10000);
	p = two(two(p, y / 100), y);
	*p++ = '-';
	p = two(p, tm.tm_mon + 1);
	*p++ = '-';
	p = two(p, tm.tm_mday);
	*p++ = 'T';
	p = two(p, tm.tm_hour);
	*p++ = ':';
	p = two(p, tm.tm_min);
	*p++ = ':';
	p = two(p, tm.tm_sec);
	*p++ = off < 0 ? '-' : '+';
	if (off < 0)
		off = -off;
	p = two(p, (int)(off / 60));
	*p++ = ':';
	p = two(p, (int)(off % 60));
	*p = '\0';
	return buf;
}

int
svc_date_parse(const char *s, time_t now, time_t *t, struct svc_err *e)
{
	char why[96];
	int y, m, d, r;

	if (s == NULL || *s == '\0')
		return svc_err_set(e, NULL, 0, NULL,
		    "empty date; expected YYYY-MM-DD, today or yesterday");
	if (strcmp(s, "today") == 0 || strcmp(s, "yesterday") == 0) {
		*t = midnight(local_days(now) - (s[0] == 'y'));
		return 0;
	}
	r = scan_date(s, &y, &m, &d, why, sizeof(why));
	if (r == 0 && s[10] != '\0')
		r = 1;
	if (r == 1)
		snprintf(why, sizeof(why),
		    "expected YYYY-MM-DD, today or yesterday");
	if (r != 0)
		return svc_err_set(e, NULL, 0, NULL, "bad date '" QUOTE "': %s",
		    s, why);
	*t = local_time(y, m, d, 0, 0, 0);
	return 0;
}

int
svc_as_of_parse(const char *s, time_t now, time_t *t, struct svc_err *e)
{
	struct svc_err ignore;

	if (s == NULL || *s == '\0') {
		*t = now;
		return 0;
	}
	if (svc_date_parse(s, now, t, &ignore) == 0) {
		*t = svc_date_add_days(*t, 1) - 1;
		return 0;
	}
	if (svc_time_parse(s, t, &ignore) == 0)
		return 0;
	/* a date with a bad day says so; anything else gets both shapes */
	if (strlen(s) == 10 && s[4] == '-')
		return svc_date_parse(s, now, t, e);
	return svc_err_set(e, NULL, 0, NULL, "bad time '" QUOTE "': expected "
	    "a date (2026-10-31, today, yesterday: the end of that day) or a "
	    "timestamp (2026-10-31T09:00)", s);
}

int
svc_date_parse_day(const char *s, int *y, int *m, int *d,
    struct svc_err *e)
{
	const char *md = s;

	*y = 0;
	if (digits(s, 4, y) == 0 && s[4] == '-')
		md = s + 5;
	else
		*y = 0;
	if (digits(md, 2, m) == -1 || md[2] != '-' ||
	    digits(md + 3, 2, d) == -1 || md[5] != '\0')
		return svc_err_set(e, NULL, 0, NULL, "bad date '" QUOTE "' "
		    "(YYYY-MM-DD, or MM-DD when the year is not known)", s);
	if (md != s && *y < 1000)
		return svc_err_set(e, NULL, 0, NULL, "bad date '" QUOTE "': "
		    "year must be 1000 to 9999", s);
	if (*m < 1 || *m > 12)
		return svc_err_set(e, NULL, 0, NULL, "bad date '" QUOTE "': "
		    "month must be 01 to 12", s);
	/* a year not known may be a leap one: 02-29 stands */
	if (*d < 1 || *d > svc_month_days(*y ? *y : 2000, *m))
		return svc_err_set(e, NULL, 0, NULL, "bad date '" QUOTE "': "
		    "day out of range for the month", s);
	return 0;
}

char *
svc_date_format(time_t t, char *buf)
{
	name_date(buf, 16, local_days(t));
	return buf;
}

time_t
svc_date_add_days(time_t t, int n)
{
	return midnight(local_days(t) + n);
}

long long
svc_day_from_ymd(int y, int m, int d)
{
	return days_from_civil(y, m, d);
}

void
svc_day_ymd(long long day, int *y, int *m, int *d)
{
	civil_from_days(day, y, m, d);
}

long long
svc_day_of(time_t t)
{
	return local_days(t);
}

time_t
svc_day_midnight(long long day)
{
	return midnight(day);
}

time_t
svc_date_add_months(time_t t, int n)
{
	long long mon;
	int y, m, d;

	civil_from_days(local_days(t), &y, &m, &d);
	mon = (long long)y * 12 + (m - 1) + n;
	y = (int)(mon >= 0 ? mon / 12 : (mon - 11) / 12);
	m = (int)(mon - (long long)y * 12) + 1;
	if (d > svc_month_days(y, m))
		d = svc_month_days(y, m);
	return local_time(y, m, d, 0, 0, 0);
}
