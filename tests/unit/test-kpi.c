#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kpi.h"
#include "period.h"
#include "policy.h"
#include "score.h"
#include "scratch.h"

/*
 * Time limits as the warehouse document words them (seeds/001, 四.4):
 * unloading a 13-15 m trailer of heavy cargo in 120 minutes, light
 * (bulky) cargo in 100, the 和路雪 trucks in 30; here a breach costs
 * late.operation -5 (the sample charges no one). Shelving has one limit
 * for every operation. Local time is Asia/Shanghai.
 */
#define WAREHOUSE \
	"[policy]\nname = wh\nperiod = week\nbase = 100\nfloor = 0\n" \
	"[kind.late.operation]\ncounts_as = deduction\npoints = -5\n" \
	"[kind.unload]\ncounts_as = operation\nvalue = required\n" \
	"value_min = 0\n" \
	"[limit.和路雪]\nkind = unload\nminutes = 30\nmatch = 和路雪\n" \
	"breach = late.operation\n" \
	"[limit.挂车泡货]\nkind = unload\nminutes = 100\n" \
	"match = 13-15米挂车, 泡货\nbreach = late.operation\n" \
	"[limit.挂车重货]\nkind = unload\nminutes = 120\n" \
	"match = 13-15米挂车，重货\ncharge = staff\nbreach = late.operation\n" \
	"[kind.shelve]\ncounts_as = operation\nvalue = required\n" \
	"[limit.上下架]\nkind = shelve\nminutes = 200\ncharge = none\n"

static struct svc_policy *pol;
static struct svc_period per;

static void
setup(void)
{
	struct svc_err e = { 0 };
	const char *p;

	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	scratch_dir("kpi");
	p = scratch_file("p.ini", WAREHOUSE);
	pol = svc_policy_load(p, &e);
	ck_assert_msg(pol != NULL, "%s", e.msg);
	ck_assert_int_eq(svc_period_parse("2026-07", 0, &per, &e), 0);
}

static void
teardown(void)
{
	svc_policy_free(pol);
	scratch_rm();
}

static struct svc_event
ev(long long id, const char *ts, const char *staff, const char *value,
    const char *note)
{
	struct svc_err e = { 0 };
	struct svc_event x = { 0 };

	x.id = id;
	x.ts = ts;
	ck_assert_int_eq(svc_time_parse(ts, &x.t, &e), 0);
	x.staff = staff;
	x.kind = "unload";
	x.value = value;
	x.note = note;
	return x;
}

/* a limit measures its kind, and only notes with all its match words,
 * in any order and spacing (ASCII or full-width commas between them);
 * exactly at the limit is within */
START_TEST(applies)
{
	const struct svc_limit *l = &pol->limits[1];

	ck_assert_int_eq(pol->limits[2].nwords, 2);
	ck_assert_str_eq(pol->limits[2].words[1], "重货");
	ck_assert(svc_limit_applies(l, "unload", "13-15米挂车 泡货 泰森入库", NULL, NULL));
	ck_assert(svc_limit_applies(l, "unload", "泡货, 13-15米挂车", NULL, NULL));
	ck_assert(svc_limit_applies(l, "unload", "13-15米挂车：泡货", NULL, NULL));
	ck_assert(!svc_limit_applies(l, "unload", "13-15米挂车 重货", NULL, NULL));
	ck_assert(!svc_limit_applies(l, "unload", "13-15m泡货", NULL, NULL));
	ck_assert(!svc_limit_applies(l, "shelve", "13-15米挂车 泡货", NULL, NULL));
	ck_assert(!svc_limit_applies(l, "unload", NULL, NULL, NULL));
	ck_assert(svc_limit_applies(&pol->limits[3], "shelve", NULL, NULL, NULL));
	ck_assert(!svc_limit_applies(&pol->limits[3], "unload", NULL, NULL, NULL));
	ck_assert(!svc_limit_breached(l, 100));
	ck_assert(svc_limit_breached(l, 100.5));
}
END_TEST

/* per limit: counted, within, share, worst cases largest overrun first;
 * voided and out-of-period events do not count */
START_TEST(rows)
{
	struct svc_err e = { 0 };
	struct svc_kpi *k = svc_kpi_new(pol, &per);
	const struct svc_kpi_row *r;
	struct svc_event x;
	size_t n;

	x = ev(1, "2026-07-01T09:00", "W007", "135", "13-15米挂车 重货 泰森");
	ck_assert_int_eq(svc_kpi_event(k, &x, "event 1", &e), 0);
	x = ev(2, "2026-07-02T09:00", "W006", "121", "13-15米挂车 重货 龙凤");
	ck_assert_int_eq(svc_kpi_event(k, &x, "event 2", &e), 0);
	x = ev(3, "2026-07-03T09:00", "W008", "120", "13-15米挂车 重货 鲜活");
	ck_assert_int_eq(svc_kpi_event(k, &x, "event 3", &e), 0);
	x = ev(4, "2026-07-04T09:00", "W009", "150", "13-15米挂车 重货 五芳斋");
	ck_assert_int_eq(svc_kpi_event(k, &x, "event 4", &e), 0);
	x = ev(5, "2026-07-05T09:00", "W009", "121", "13-15米挂车 重货 味宝");
	ck_assert_int_eq(svc_kpi_event(k, &x, "event 5", &e), 0);
	x = ev(6, "2026-07-06T09:00", "W009", "500", "13-15米挂车 重货 voided");
	x.voided_by = 9;
	ck_assert_int_eq(svc_kpi_event(k, &x, "event 6", &e), 0);
	x = ev(7, "2026-08-01T09:00", "W009", "500", "13-15米挂车 重货 August");
	ck_assert_int_eq(svc_kpi_event(k, &x, "event 7", &e), 0);
	x = ev(8, "2026-07-07T09:00", "W006", "", "和路雪");
	ck_assert_int_eq(svc_kpi_event(k, &x, "event 8", &e), -1);
	ck_assert_str_eq(e.field, "value");
	r = svc_kpi_rows(k, &n);
	ck_assert_int_eq(n, 4);
	ck_assert_str_eq(r[2].limit->name, "挂车重货");
	ck_assert_int_eq(r[2].count, 5);
	ck_assert_int_eq(r[2].within, 1);
	ck_assert_int_eq(r[2].breaches, 4);
	ck_assert(r[2].has_share);
	ck_assert_double_eq_tol(r[2].share, 20, 1e-9);
	ck_assert_double_eq_tol(r[2].max_minutes, 150, 1e-9);
	/* worst three of four breaches: 150, 135, then the earlier 121 */
	ck_assert_int_eq(r[2].nworst, 3);
	ck_assert_str_eq(r[2].worst[0].ref, "event 4");
	ck_assert_double_eq_tol(r[2].worst[0].over, 30, 1e-9);
	ck_assert_str_eq(r[2].worst[1].ref, "event 1");
	ck_assert_str_eq(r[2].worst[2].ref, "event 2");
	ck_assert_str_eq(r[2].worst[2].staff, "W006");
	/* no operation: no share */
	ck_assert_int_eq(r[0].count, 0);
	ck_assert(!r[0].has_share);
	/* the shelving limit measures no unload */
	ck_assert_int_eq(r[3].count, 0);
	svc_kpi_free(k);
}
END_TEST

static const struct svc_score *
row_of(const struct svc_score *const *rows, size_t n, const char *staff)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i]->staff, staff) == 0)
			return rows[i];
	return NULL;
}

/* a breach is charged to the operator under the breach kind, in the
 * scorer, so a voided operation takes its charge with it; the charge is
 * no event of its own, and --explain names the limit */
START_TEST(scorer_charges)
{
	struct svc_err e = { 0 };
	struct svc_scorer *sc = svc_scorer_new(pol, &per, "W007");
	struct svc_staff w6 = { .id = "W006", .name = "施大勇", .active = 1 };
	struct svc_staff w7 = { .id = "W007", .name = "严小龙", .active = 1 };
	const struct svc_score *const *rows;
	const struct svc_score *r;
	struct svc_event x;
	char *buf = NULL;
	size_t n, len = 0;
	FILE *mem;

	svc_scorer_staff(sc, &w6);
	svc_scorer_staff(sc, &w7);
	x = ev(1, "2026-07-15T13:57", "W007", "135", "13-15米挂车 重货 泰森入库");
	ck_assert_int_eq(svc_scorer_event(sc, &x, NULL, 0, &e), 0);
	x = ev(2, "2026-07-16T13:57", "W007", "100", "13-15米挂车 泡货 at the limit");
	ck_assert_int_eq(svc_scorer_event(sc, &x, NULL, 0, &e), 0);
	x = ev(3, "2026-07-08T11:37", "W006", "38", "和路雪冷柜车卸车");
	x.voided_by = 4;
	ck_assert_int_eq(svc_scorer_event(sc, &x, NULL, 0, &e), 0);
	n = svc_scorer_finish(sc, &rows);
	ck_assert_int_eq(n, 2);
	r = row_of(rows, n, "W007");
	ck_assert_double_eq_tol(r->deductions, -5, 1e-9);
	ck_assert_double_eq_tol(r->score, 95, 1e-9);
	ck_assert_int_eq(r->events, 2);
	r = row_of(rows, n, "W006");
	ck_assert_double_eq_tol(r->score, 100, 1e-9);
	ck_assert_ptr_nonnull(mem = open_memstream(&buf, &len));
	ck_assert_int_eq(svc_scorer_explain(sc, mem, 1, &e), 0);
	fclose(mem);
	ck_assert_msg(strstr(buf, "late.operation") != NULL &&
	    strstr(buf, "[event 1: breach of limit 挂车重货, 135 > 120 min]")
	    != NULL, "%s", buf);
	free(buf);
	svc_scorer_free(sc);
}
END_TEST

/* entry: an operation must match exactly one limit of its kind; kinds
 * without limits pass, and so does any note of a kind whose one limit
 * has no words; the charge defaults to whether breach is set */
START_TEST(exactly_one)
{
	struct svc_err e = { 0 };

	ck_assert_int_eq(svc_limits_check(pol, "unload", "13-15米挂车 重货",
	    "", NULL, &e), 0);
	ck_assert_int_eq(svc_limits_check(pol, "shelve", NULL, "", NULL, &e), 0);
	ck_assert_int_eq(svc_limits_check(pol, "late.operation", NULL, "", NULL, &e),
	    0);
	ck_assert_int_eq(svc_limits_check(pol, "unload", "13-15m重货 泰森",
	    "", NULL, &e), -1);
	ck_assert_str_eq(e.field, "note");
	ck_assert_str_eq(e.msg, "matches no limit of kind 'unload'; known: "
	    "和路雪, 13-15米挂车 泡货, 13-15米挂车 重货");
	ck_assert_int_eq(svc_limits_check(pol, "unload", NULL, "", NULL, &e), -1);
	ck_assert_int_eq(svc_limits_check(pol, "unload",
	    "和路雪 13-15米挂车 重货", "", NULL, &e), -1);
	ck_assert_str_eq(e.msg, "matches 2 limits of kind 'unload' (和路雪, "
	    "13-15米挂车 重货); known: 和路雪, 13-15米挂车 泡货, "
	    "13-15米挂车 重货");
	ck_assert_int_eq(pol->limits[0].charge, SVC_CHARGE_STAFF);
	ck_assert_int_eq(pol->limits[2].charge, SVC_CHARGE_STAFF);
	ck_assert_int_eq(pol->limits[3].charge, SVC_CHARGE_NONE);
}
END_TEST

Suite *
suite_kpi(void)
{
	Suite *s = suite_create("kpi");
	TCase *tc = tcase_create("kpi");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, applies);
	tcase_add_test(tc, rows);
	tcase_add_test(tc, scorer_charges);
	tcase_add_test(tc, exactly_one);
	suite_add_tcase(s, tc);
	return s;
}
