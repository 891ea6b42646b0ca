/*
 * fuzz-period: the period, timestamp and date parsers (lib/period) on any
 * string, in a zone whose clocks changed at midnight (America/Sao_Paulo,
 * DST 1985-2019), where "local midnight" is hardest.
 *
 * Properties: a refusal says something; a period is non-empty, contains
 * its start and not its end, its canonical name parses back to the same
 * span, and the period before it ends where it starts; a timestamp and a
 * date parse back from their own formatting to the same instant (every
 * timestamp taken lies in the range that does); a date
 * is a local midnight, and adding n days then -n days returns to it.
 */
#include <string.h>
#include <time.h>

#include "err.h"
#include "fuzz.h"
#include "period.h"
#include "util.h"

/* 2026-11-23 12:00 UTC: "now" for the relative names */
#define NOW	((time_t)1795435200)
/* what svc_time_parse takes: 1970-01-02 to 9999-12-30, UTC */
#define T_MIN	((time_t)86400)
#define T_MAX	((time_t)253402214399)

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	setenv("TZ", "America/Sao_Paulo", 1);
	tzset();
	return 0;
}

static void
check_period(const char *s)
{
	struct svc_period p, q, prev;
	struct svc_err e;

	svc_err_clear(&e);
	if (svc_period_parse(s, NOW, &p, &e) == -1) {
		FUZZ_CHECK(e.msg[0] != '\0');
		return;
	}
	FUZZ_CHECK(p.kind != SVC_PERIOD_NONE);
	FUZZ_CHECK(p.start < p.end);
	FUZZ_CHECK(svc_period_contains(&p, p.start));
	FUZZ_CHECK(!svc_period_contains(&p, p.end));
	FUZZ_CHECK(memchr(p.name, '\0', sizeof(p.name)) != NULL);
	FUZZ_CHECK(svc_period_parse(p.name, NOW, &q, &e) == 0);
	FUZZ_CHECK(q.start == p.start && q.end == p.end);
	FUZZ_CHECK(strcmp(q.name, p.name) == 0);
	svc_period_prev(&p, &prev);
	FUZZ_CHECK(prev.end == p.start && prev.start < prev.end);
	if (p.kind != SVC_PERIOD_RANGE) {
		svc_period_of(p.kind, p.start, &q);
		FUZZ_CHECK(q.start == p.start && q.end == p.end);
	}
}

static void
check_time(const char *s)
{
	struct svc_err e;
	time_t t, u;
	char buf[32];

	svc_err_clear(&e);
	if (svc_time_parse(s, &t, &e) == -1) {
		FUZZ_CHECK(e.msg[0] != '\0');
		return;
	}
	FUZZ_CHECK(t >= T_MIN && t <= T_MAX);
	svc_time_format(t, buf);
	FUZZ_CHECK(svc_time_parse(buf, &u, &e) == 0);
	FUZZ_CHECK(u == t);
}

static void
check_date(const char *s)
{
	struct svc_period day;
	struct svc_err e;
	time_t t, u;
	char buf[16];

	svc_err_clear(&e);
	if (svc_date_parse(s, NOW, &t, &e) == -1) {
		FUZZ_CHECK(e.msg[0] != '\0');
		return;
	}
	if (t < T_MIN || t > T_MAX)
		return;
	svc_period_of(SVC_PERIOD_DAY, t, &day);
	FUZZ_CHECK(day.start == t);
	svc_date_format(t, buf);
	FUZZ_CHECK(svc_date_parse(buf, NOW, &u, &e) == 0);
	FUZZ_CHECK(u == t);
	FUZZ_CHECK(svc_date_add_days(svc_date_add_days(t, 40), -40) == t);
	u = svc_date_add_months(t, 1);
	FUZZ_CHECK(u > t && u <= svc_date_add_days(t, 31));
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	char *s = svc_xstrndup((const char *)d, n);

	check_period(s);
	check_time(s);
	check_date(s);
	svc_period_kind_parse(s);
	free(s);
	return 0;
}
