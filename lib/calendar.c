#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "period.h"
#include "util.h"

/* A range longer than a year is a typo in a year, not a holiday. */
#define RANGE_MAX	366

static int
is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

int
svc_span_parse(const char *s, long max, struct svc_span *sp)
{
	static const struct {
		const char *name;
		enum svc_span_unit unit;
	} units[] = {
		{ "h", SVC_SPAN_HOURS }, { "hours", SVC_SPAN_HOURS },
		{ "d", SVC_SPAN_DAYS }, { "days", SVC_SPAN_DAYS },
		{ "workdays", SVC_SPAN_WORKDAYS },
		{ "work hours", SVC_SPAN_WORKHOURS },
	};
	const char *p = s;
	long n = 0;

	if (!is_digit(*p))
		return -1;
	for (; is_digit(*p); p++)
		n = n > 100000000 ? n : n * 10 + (*p - '0');
	if (*p == ' ')
		p++;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(p, units[i].name) == 0) {
			sp->n = n;
			sp->unit = units[i].unit;
			return n > max ? -2 : 0;
		}
	return -1;
}

/* "YYYY-MM-DD" exactly, a real date of 1970..9999: 0 and *day, or -1. */
static int
parse_date(const char *s, size_t len, long long *day)
{
	int y, m, d;

	if (len != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (size_t i = 0; i < len; i++)
		if (i != 4 && i != 7 && !is_digit(s[i]))
			return -1;
	y = atoi(s);
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > svc_month_days(y, m))
		return -1;
	*day = svc_day_from_ymd(y, m, d);
	return 0;
}

static int
is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

int
svc_cal_parse_days(const char *list, long line, struct svc_cal_day **days,
    size_t *n, struct svc_err *e)
{
	const char *p = list, *end, *dots;
	size_t n0 = *n;
	long long a, b;

	for (;;) {
		while (is_blank(*p))
			p++;
		end = p + strcspn(p, ",");
		while (end > p && is_blank(end[-1]))
			end--;
		if (end == p) {
			*n = n0;
			return svc_err_set(e, NULL, 0, NULL, "empty date in "
			    "'%s' (expected dates 2026-10-01 or ranges "
			    "2026-10-01..2026-10-07, separated by commas)",
			    list);
		}
		dots = strstr(p, "..");
		if (dots != NULL && dots > end)
			dots = NULL;
		if (parse_date(p, (size_t)((dots ? dots : end) - p), &a) < 0 ||
		    (dots != NULL && parse_date(dots + 2,
		    (size_t)(end - dots - 2), &b) < 0)) {
			*n = n0;
			return svc_err_set(e, NULL, 0, NULL, "bad date '%.*s' "
			    "(expected a date 2026-10-01 or a range "
			    "2026-10-01..2026-10-07)", (int)(end - p), p);
		}
		if (dots == NULL)
			b = a;
		if (b < a || b - a >= RANGE_MAX) {
			*n = n0;
			return svc_err_set(e, NULL, 0, NULL, "range '%.*s' %s",
			    (int)(end - p), p, b < a ? "ends before it starts" :
			    "is longer than a year");
		}
		*days = svc_xrealloc(*days, (*n + (size_t)(b - a) + 1) *
		    sizeof(**days));
		for (long long d = a; d <= b; d++)
			(*days)[(*n)++] = (struct svc_cal_day){ d, line };
		p = end;
		while (is_blank(*p))
			p++;
		if (*p == '\0')
			return 0;
		p++;		/* the comma */
	}
}

static int
cmp_day(const void *a, const void *b)
{
	const struct svc_cal_day *x = a, *y = b;

	return x->day < y->day ? -1 : x->day > y->day;
}

static void
years(const struct svc_cal_day *v, size_t n, int *lo, int *hi)
{
	int y, m, d;

	if (n == 0)
		return;
	svc_day_ymd(v[0].day, &y, &m, &d);
	if (*lo == 0 || y < *lo)
		*lo = y;
	svc_day_ymd(v[n - 1].day, &y, &m, &d);
	if (y > *hi)
		*hi = y;
}

void
svc_cal_finish(struct svc_calendar *c)
{
	/* an empty array may be NULL, which qsort may not get */
	if (c->nholidays > 0)
		qsort(c->holidays, c->nholidays, sizeof(*c->holidays), cmp_day);
	if (c->nworkdays > 0)
		qsort(c->workdays, c->nworkdays, sizeof(*c->workdays), cmp_day);
	c->first_year = c->last_year = 0;
	years(c->holidays, c->nholidays, &c->first_year, &c->last_year);
	years(c->workdays, c->nworkdays, &c->first_year, &c->last_year);
}

int
svc_cal_weekday(long long day)
{
	/* day 0, 1970-01-01, was a Thursday */
	long long w = (day + 3) % 7;

	return (int)(w < 0 ? w + 7 : w) + 1;
}

const struct svc_cal_day *
svc_cal_find(const struct svc_cal_day *v, size_t n, long long day)
{
	struct svc_cal_day key = { day, 0 };

	return n == 0 ? NULL : bsearch(&key, v, n, sizeof(*v), cmp_day);
}

int
svc_cal_is_workday(const struct svc_calendar *c, long long day)
{
	if (c != NULL && svc_cal_find(c->workdays, c->nworkdays, day))
		return 1;
	if (c != NULL && svc_cal_find(c->holidays, c->nholidays, day))
		return 0;
	return svc_cal_weekday(day) <= 5;
}

time_t
svc_cal_add_workdays(const struct svc_calendar *c, time_t t, long n)
{
	long long d = svc_day_of(t);
	struct tm at, tm;
	time_t start;

	if (n <= 0)
		return t;
	while (n > 0)
		n -= svc_cal_is_workday(c, ++d);
	/* the same wall-clock time, whatever DST did in between */
	localtime_r(&t, &at);
	start = svc_day_midnight(d);
	localtime_r(&start, &tm);
	tm.tm_hour = at.tm_hour;
	tm.tm_min = at.tm_min;
	tm.tm_sec = at.tm_sec;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* How many entries of sorted v lie in (from, to]. */
static long
count_in(const struct svc_cal_day *v, size_t n, long long from, long long to)
{
	size_t lo = 0, hi = n, a, b;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].day <= from)
			lo = mid + 1;
		else
			hi = mid;
	}
	a = lo;
	hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].day <= to)
			lo = mid + 1;
		else
			hi = mid;
	}
	b = lo;
	return (long)(b - a);
}

long
svc_cal_workdays_between(const struct svc_calendar *c, long long from,
    long long to)
{
	long long weeks, d;
	long n;

	if (to <= from)
		return 0;
	weeks = (to - from) / 7;
	n = (long)(weeks * 5);
	for (d = from + weeks * 7 + 1; d <= to; d++)
		n += svc_cal_weekday(d) <= 5;
	if (c == NULL)
		return n;
	/* workdays are weekend days; holidays off only if on a weekday */
	n += count_in(c->workdays, c->nworkdays, from, to);
	for (size_t i = 0; i < c->nholidays; i++)
		n -= c->holidays[i].day > from && c->holidays[i].day <= to &&
		    svc_cal_weekday(c->holidays[i].day) <= 5;
	return n;
}

/* "HH:MM" exactly, 00:00 to 24:00: 0 and *min, or -1. */
static int
parse_hhmm(const char *s, size_t len, int *min)
{
	int h, m;

	if (len != 5 || s[2] != ':' || !is_digit(s[0]) || !is_digit(s[1]) ||
	    !is_digit(s[3]) || !is_digit(s[4]))
		return -1;
	h = (s[0] - '0') * 10 + (s[1] - '0');
	m = (s[3] - '0') * 10 + (s[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	*min = h * 60 + m;
	return 0;
}

int
svc_cal_parse_hours(const char *list, struct svc_cal_hours **v, size_t *n,
    struct svc_err *e)
{
	struct svc_cal_hours *hv = NULL;
	const char *p = list, *end, *dash;
	size_t hn = 0;
	int a, b;

	for (;;) {
		while (is_blank(*p))
			p++;
		end = p + strcspn(p, ",");
		while (end > p && is_blank(end[-1]))
			end--;
		dash = memchr(p, '-', (size_t)(end - p));
		if (end == p || dash == NULL ||
		    parse_hhmm(p, (size_t)(dash - p), &a) < 0 ||
		    parse_hhmm(dash + 1, (size_t)(end - dash - 1), &b) < 0) {
			free(hv);
			return svc_err_set(e, NULL, 0, NULL, "bad interval "
			    "'%.*s' (expected local times like 08:30-12:00, "
			    "separated by commas)", (int)(end - p), p);
		}
		if (b <= a) {
			free(hv);
			return svc_err_set(e, NULL, 0, NULL, "interval '%.*s' "
			    "does not end after it starts", (int)(end - p), p);
		}
		if (hn > 0 && a < hv[hn - 1].to) {
			free(hv);
			return svc_err_set(e, NULL, 0, NULL, "interval '%.*s' "
			    "starts before the one before it ends (intervals "
			    "are in order and do not overlap)", (int)(end - p),
			    p);
		}
		hv = svc_xrealloc(hv, (hn + 1) * sizeof(*hv));
		hv[hn++] = (struct svc_cal_hours){ a, b };
		p = end;
		while (is_blank(*p))
			p++;
		if (*p == '\0')
			break;
		p++;		/* the comma */
	}
	*v = hv;
	*n = hn;
	return 0;
}

/* Local wall-clock minute min of day, as an instant (a time DST skips
 * is moved as mktime moves it). */
static time_t
local_at(long long day, int min)
{
	time_t midnight = svc_day_midnight(day);
	struct tm tm;

	localtime_r(&midnight, &tm);
	tm.tm_hour = min / 60;
	tm.tm_min = min % 60;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

time_t
svc_cal_add_work(const struct svc_calendar *c, time_t t, long long secs)
{
	if (secs <= 0)
		return t;
	/* working days always come: holidays are finite lists */
	for (long long d = svc_day_of(t);; d++) {
		if (!svc_cal_is_workday(c, d))
			continue;
		for (size_t i = 0; i < c->nhours; i++) {
			time_t a = local_at(d, c->hours[i].from);
			time_t b = local_at(d, c->hours[i].to);

			if (a < t)
				a = t;
			if (b <= a)
				continue;
			if (secs <= b - a)
				return a + (time_t)secs;
			secs -= b - a;
		}
	}
}

long long
svc_cal_work_between(const struct svc_calendar *c, time_t a, time_t b)
{
	long long sum = 0, last = svc_day_of(b);

	for (long long d = svc_day_of(a); b > a && d <= last; d++) {
		if (!svc_cal_is_workday(c, d))
			continue;
		for (size_t i = 0; i < c->nhours; i++) {
			time_t x = local_at(d, c->hours[i].from);
			time_t y = local_at(d, c->hours[i].to);

			if (x < a)
				x = a;
			if (y > b)
				y = b;
			if (y > x)
				sum += y - x;
		}
	}
	return sum;
}

int
svc_cal_covers(const struct svc_calendar *c, long long day)
{
	int y, m, d;

	if (c == NULL || c->first_year == 0)
		return 0;
	svc_day_ymd(day, &y, &m, &d);
	return y >= c->first_year && y <= c->last_year;
}

void
svc_cal_free(struct svc_calendar *c)
{
	free(c->holidays);
	free(c->workdays);
	free(c->hours);
	memset(c, 0, sizeof(*c));
}
