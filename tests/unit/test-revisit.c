#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "kpi.h"
#include "ledger.h"
#include "period.h"
#include "policy.h"
#include "revisit.h"
#include "scratch.h"

/*
 * The warehouse's cadences (seeds/001 四.5): big customers weekly by
 * customer service, every 15 days by the supervisor, monthly by the
 * head; micro customers monthly. CS1 owns the customers; SUP is CS1's
 * supervisor and HEAD CS1's leader. As of 2026-09-30, local time
 * Asia/Shanghai.
 */
#define CADENCE \
	"[policy]\nname = wh\n" \
	"[kind.revisit]\ncounts_as = revisit\nvalue = required\n" \
	"value_min = 1\nvalue_max = 5\n" \
	"[revisit.big]\nevery = 7\nsupervisor_every = 15\nhead_every = 30\n" \
	"[revisit.small]\nevery = 15\nsupervisor_every = 30\n" \
	"[revisit.micro]\nevery = 30\n"

static struct svc_policy *pol;
static struct svc_revisits *rv;

static time_t
at(const char *ts)
{
	struct svc_err e = { 0 };
	time_t t;

	ck_assert_int_eq(svc_time_parse(ts, &t, &e), 0);
	return t;
}

static void
setup(void)
{
	struct svc_err e = { 0 };
	const char *p;

	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	scratch_dir("revisit");
	p = scratch_file("p.ini", CADENCE);
	pol = svc_policy_load(p, &e);
	ck_assert_msg(pol != NULL, "%s", e.msg);
	rv = NULL;
}

static void
teardown(void)
{
	svc_revisits_free(rv);
	svc_policy_free(pol);
	scratch_rm();
}

static void
people(void)
{
	static const char *const staff[][3] = { { "CS1", "SUP", "HEAD" },
	    { "SUP", "", "HEAD" }, { "HEAD", "", "" }, { "OTHER", "", "" } };
	static const char *const cust[][3] = { { "K3", "other", "CS1" },
	    { "K1", "big", "CS1" }, { "K2", "micro", "CS1" },
	    { "K4", "micro", "CS1" } };

	for (size_t i = 0; i < 4; i++) {
		struct svc_staff s = { .id = (char *)staff[i][0],
		    .name = "n", .supervisor = (char *)staff[i][1],
		    .leader = (char *)staff[i][2], .active = 1 };
		struct svc_customer c = { .id = (char *)cust[i][0],
		    .name = "c", .tier = (char *)cust[i][1],
		    .owner = (char *)cust[i][2] };

		svc_revisits_staff(rv, &s);
		svc_revisits_customer(rv, &c);
	}
}

static void
visit(const char *ts, const char *staff, const char *cust, const char *v,
    long long voided_by)
{
	struct svc_err e = { 0 };
	struct svc_event x = { 0 };

	x.ts = ts;
	x.t = at(ts);
	x.staff = staff;
	x.kind = "revisit";
	x.customer = cust;
	x.value = v;
	x.voided_by = voided_by;
	ck_assert_msg(svc_revisits_event(rv, &x, &e) == 0, "%s", e.msg);
}

static void
history(void)
{
	people();
	visit("2026-09-25T10:00", "CS1", "K1", "5", 0);
	visit("2026-08-19T10:00", "SUP", "K1", "4", 0);
	visit("2026-09-01T10:00", "HEAD", "K1", "2", 0);
	visit("2026-09-28T10:00", "OTHER", "K1", "4", 0);
	visit("2026-10-02T10:00", "CS1", "K1", "1", 0);	/* after as-of */
	visit("2026-09-29T10:00", "SUP", "K1", "1", 7);	/* voided */
	/* micro has no supervisor cadence: SUP serves the staff one */
	visit("2026-08-30T10:00", "SUP", "K2", "3", 0);
	visit("2026-09-10T10:00", "CS1", "K3", "5", 0);
	svc_revisits_finish(rv);
}

/* each cadence judged on its own role's last revisit; the customer takes
 * the most urgent; never revisited is due; no cadence, no status */
START_TEST(cadence_per_tier)
{
	const struct svc_revisit_row *r;
	size_t n;

	rv = svc_revisits_new(pol, at("2026-09-30T23:59:59"), 1, 0);
	history();
	r = svc_revisits_rows(rv, &n);
	ck_assert_int_eq(n, 4);
	/* K1 big: staff 2 days (OTHER on 09-28) ok; supervisor 42 > 15
	 * overdue; head 29 of 30, within 1 day: due */
	ck_assert_str_eq(r[0].customer, "K1");
	ck_assert_int_eq(r[0].ndue, 3);
	ck_assert_int_eq(r[0].due[0].role, SVC_ROLE_STAFF);
	ck_assert_int_eq(r[0].due[0].days_since, 2);
	ck_assert_str_eq(r[0].due[0].last_ts, "2026-09-28T10:00:00+08:00");
	ck_assert_int_eq(r[0].due[0].status, SVC_RV_OK);
	ck_assert_int_eq(r[0].due[1].role, SVC_ROLE_SUPERVISOR);
	ck_assert_str_eq(r[0].due[1].by, "supervisor");
	ck_assert_int_eq(r[0].due[1].days_since, 42);
	ck_assert_int_eq(r[0].due[1].next, at("2026-09-03"));
	ck_assert_int_eq(r[0].due[1].status, SVC_RV_OVERDUE);
	ck_assert_int_eq(r[0].due[2].days_since, 29);
	ck_assert_int_eq(r[0].due[2].status, SVC_RV_DUE);
	ck_assert_int_eq(r[0].status, SVC_RV_OVERDUE);
	ck_assert_str_eq(svc_revisit_status_name(r[0].status), "overdue");
	/* satisfaction: 5, 4, 2, 4 (not the voided one, not after as-of) */
	ck_assert_int_eq(r[0].revisits, 4);
	ck_assert_int_eq(r[0].dissatisfied, 1);
	ck_assert_double_eq_tol(r[0].avg, 3.75, 1e-9);
	/* K2 micro: 31 days > 30 */
	ck_assert_int_eq(r[1].ndue, 1);
	ck_assert_int_eq(r[1].due[0].days_since, 31);
	ck_assert_int_eq(r[1].status, SVC_RV_OVERDUE);
	/* K3: tier without a cadence */
	ck_assert_ptr_null(r[2].cadence);
	ck_assert_int_eq(r[2].ndue, 0);
	ck_assert_int_eq(r[2].status, SVC_RV_NONE);
	ck_assert_double_eq_tol(r[2].avg, 5, 1e-9);
	/* K4 micro, never revisited: due, no days, no average */
	ck_assert_int_eq(r[3].due[0].has_last, 0);
	ck_assert_int_eq(r[3].due[0].days_since, -1);
	ck_assert_str_eq(r[3].due[0].last_ts, "");
	ck_assert_int_eq(r[3].status, SVC_RV_DUE);
	ck_assert(!r[3].has_avg);
}
END_TEST

/* with no warning days, 29 of 30 is ok; exactly 30 is due, 31 overdue */
START_TEST(boundaries)
{
	const struct svc_revisit_row *r;
	size_t n;

	rv = svc_revisits_new(pol, at("2026-09-30T08:00"), 0, 0);
	history();
	r = svc_revisits_rows(rv, &n);
	ck_assert_int_eq(r[0].due[2].status, SVC_RV_OK);
	svc_revisits_free(rv);
	rv = svc_revisits_new(pol, at("2026-10-01T08:00"), 0, 0);
	history();
	r = svc_revisits_rows(rv, &n);
	ck_assert_int_eq(r[0].due[2].days_since, 30);
	ck_assert_int_eq(r[0].due[2].status, SVC_RV_DUE);
	svc_revisits_free(rv);
	rv = svc_revisits_new(pol, at("2026-10-02T08:00"), 0, 0);
	history();
	r = svc_revisits_rows(rv, &n);
	ck_assert_int_eq(r[0].due[2].status, SVC_RV_OVERDUE);
}
END_TEST

/* tiers in policy order (small has no customers), then other tiers;
 * satisfaction counts from the since date */
START_TEST(tiers)
{
	const struct svc_revisit_tier *t;
	const struct svc_revisit_row *r;
	size_t n;

	rv = svc_revisits_new(pol, at("2026-09-30T23:59:59"), 1,
	    at("2026-09-01"));
	history();
	t = svc_revisits_tiers(rv, &n);
	ck_assert_int_eq(n, 4);
	ck_assert_str_eq(t[0].tier, "big");
	ck_assert_int_eq(t[0].customers, 1);
	ck_assert_int_eq(t[0].overdue, 1);
	/* since 09-01: 5, 2, 4 */
	ck_assert_int_eq(t[0].revisits, 3);
	ck_assert_int_eq(t[0].dissatisfied, 1);
	ck_assert_double_eq_tol(t[0].avg, 11.0 / 3, 1e-9);
	ck_assert_double_eq_tol(t[0].satisfied, 200.0 / 3, 1e-9);
	ck_assert_str_eq(t[1].tier, "small");
	ck_assert_int_eq(t[1].customers, 0);
	ck_assert(!t[1].has_avg);
	ck_assert_str_eq(t[2].tier, "micro");
	ck_assert_int_eq(t[2].customers, 2);
	ck_assert_int_eq(t[2].overdue, 1);
	ck_assert_int_eq(t[2].due, 1);
	ck_assert_int_eq(t[2].revisits, 0);
	ck_assert_str_eq(t[3].tier, "other");
	/* the last revisit still counts before since, for the cadence */
	r = svc_revisits_rows(rv, &n);
	ck_assert_int_eq(r[0].due[1].days_since, 42);
}
END_TEST

/*
 * Cadences owed by positions (the document's: big customers weekly by
 * 客服专员, every 15 days by 运营主管, monthly by 运营部长; micro monthly
 * by 客服专员): a revisit by any holder of the position serves it, not
 * only the owner's own supervisor; one by a position that owes nothing
 * serves no cadence, yet its satisfaction counts.
 */
START_TEST(cadence_by_position)
{
	static const char *const staff[][3] = { { "CS1", "客服专员", "SUP" },
	    { "SUP", "运营主管", "" }, { "SUP2", "运营主管", "" },
	    { "HEAD", "运营部长", "" }, { "QC", "品控主管", "" } };
	struct svc_err e = { 0 };
	struct svc_customer k1 = { .id = "K1", .name = "c", .tier = "big",
	    .owner = "CS1" }, k2 = { .id = "K2", .name = "c",
	    .tier = "micro", .owner = "CS1" };
	const struct svc_revisit_row *r;
	struct svc_policy *p;
	size_t n;

	p = svc_policy_load(scratch_file("by.ini", "[policy]\nname = wh\n"
	    "[kind.revisit]\ncounts_as = revisit\nvalue = required\n"
	    "[revisit.big]\nevery = 7\nby = 客服专员\nsupervisor_every = 15\n"
	    "supervisor_by = 运营主管\nhead_every = 30\nhead_by = 运营部长\n"
	    "[revisit.micro]\nevery = 30\nby = 客服专员\n"), &e);
	ck_assert_msg(p != NULL, "%s", e.msg);
	rv = svc_revisits_new(p, at("2026-09-30T23:59:59"), 1, 0);
	for (size_t i = 0; i < 5; i++) {
		struct svc_staff st = { .id = (char *)staff[i][0],
		    .name = "n", .position = (char *)staff[i][1],
		    .supervisor = (char *)staff[i][2], .leader = "HEAD",
		    .active = 1 };

		svc_revisits_staff(rv, &st);
	}
	svc_revisits_customer(rv, &k1);
	svc_revisits_customer(rv, &k2);
	/* SUP2 is not CS1's supervisor: 10 days ago still serves */
	visit("2026-09-20T10:00", "SUP2", "K1", "4", 0);
	visit("2026-09-10T10:00", "HEAD", "K1", "5", 0);
	visit("2026-09-29T10:00", "QC", "K1", "3", 0);
	visit("2026-09-25T10:00", "SUP", "K2", "5", 0);
	svc_revisits_finish(rv);
	r = svc_revisits_rows(rv, &n);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(r[0].ndue, 3);
	ck_assert_str_eq(r[0].due[0].by, "客服专员");
	ck_assert(!r[0].due[0].has_last);
	ck_assert_int_eq(r[0].due[0].status, SVC_RV_DUE);
	ck_assert_str_eq(r[0].due[1].by, "运营主管");
	ck_assert_int_eq(r[0].due[1].days_since, 10);
	ck_assert_int_eq(r[0].due[1].status, SVC_RV_OK);
	ck_assert_str_eq(r[0].due[2].by, "运营部长");
	ck_assert_int_eq(r[0].due[2].days_since, 20);
	ck_assert_int_eq(r[0].due[2].status, SVC_RV_OK);
	ck_assert_int_eq(r[0].status, SVC_RV_DUE);
	ck_assert_int_eq(r[0].revisits, 3);
	/* a 运营主管 owes micro customers nothing */
	ck_assert_int_eq(r[1].ndue, 1);
	ck_assert(!r[1].due[0].has_last);
	ck_assert_int_eq(r[1].revisits, 1);
	svc_revisits_free(rv);
	rv = NULL;
	svc_policy_free(p);
}
END_TEST

/* The warehouse sample (sample-data/README.md) as of 2026-09-30: exactly
 * KH004 staff (last 09-07), KH005 supervisor (08-19), KH006 supervisor
 * (08-12) and KH013 (07-20) are overdue; and over 2026-Q3 each unload
 * limit has its one breach, as the README lists them. */
START_TEST(warehouse_sample)
{
	static const char *const overdue[][3] = {
	    { "KH004", "staff", "2026-09-07" },
	    { "KH005", "supervisor", "2026-08-19" },
	    { "KH006", "supervisor", "2026-08-12" },
	    { "KH013", "staff", "2026-07-20" } };
	/* named by their uid, the warehouse's operation sheet number */
	static const char *const worst[] = { "WH-2026-0047", "WH-2026-0456",
	    "WH-2026-0087", "WH-2026-0209", "WH-2026-0389" };
	struct svc_err e = { 0 };
	const struct svc_revisit_row *r;
	const struct svc_kpi_row *kr;
	struct svc_policy *wh;
	struct svc_ledger *l;
	struct svc_period q3;
	struct svc_kpi *k;
	struct svc_db *db;
	char dbpath[128];
	long n1, n2;
	size_t n, found = 0;

	snprintf(dbpath, sizeof(dbpath), "%s", scratch_path("wh.db"));
	ck_assert_ptr_nonnull(db = svc_db_open(dbpath, SVC_DB_CREATE, &e));
	ck_assert_ptr_nonnull(wh = svc_policy_load(
	    "sample-data/policies/warehouse.ini", &e));
	ck_assert_int_eq(svc_ledger_roster(db,
	    "sample-data/warehouse/roster.csv", NULL, &n1, &e), 0);
	ck_assert_int_eq(svc_ledger_customers(db,
	    "sample-data/warehouse/customers.csv", NULL, &n1, &e), 0);
	ck_assert_ptr_nonnull(l = svc_ledger_new(db, wh, "test", "me", &e));
	ck_assert_int_eq(svc_ledger_import(l,
	    "sample-data/warehouse/events.csv", NULL, &n1, &n2, &e), 0);
	svc_ledger_free(l);
	rv = svc_revisits_new(wh, at("2026-09-30T23:59:59"), 0, 0);
	ck_assert_int_eq(svc_revisits_db(rv, db, &e), 0);
	r = svc_revisits_rows(rv, &n);
	ck_assert_int_eq(n, 13);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < r[i].ndue; j++) {
			const struct svc_revisit_due *d = &r[i].due[j];

			if (d->status != SVC_RV_OVERDUE)
				continue;
			ck_assert_uint_lt(found, 4);
			ck_assert_str_eq(r[i].customer, overdue[found][0]);
			ck_assert_str_eq(svc_revisit_role_name(d->role),
			    overdue[found][1]);
			ck_assert(strncmp(d->last_ts, overdue[found][2], 10)
			    == 0);
			found++;
		}
	ck_assert_uint_eq(found, 4);
	ck_assert_int_eq(svc_period_parse("2026-Q3", 0, &q3, &e), 0);
	k = svc_kpi_new(wh, &q3);
	ck_assert_int_eq(svc_kpi_db(k, db, &e), 0);
	kr = svc_kpi_rows(k, &n);
	ck_assert_int_eq(n, 5);
	for (size_t i = 0; i < n; i++) {
		ck_assert_int_eq(kr[i].breaches, 1);
		ck_assert_int_eq(kr[i].within, kr[i].count - 1);
		ck_assert_str_eq(kr[i].worst[0].ref, worst[i]);
	}
	svc_kpi_free(k);
	svc_policy_free(wh);
	svc_db_close(db);
}
END_TEST

/*
 * A cadence in working days over the National Day holiday of 2026: a big
 * customer revisited on 09-30, every 3 workdays, is due by 10-10 (10-08,
 * 10-09 and the make-up Saturday 10-10), not 10-03; overdue from 10-11.
 */
START_TEST(cadence_workdays)
{
	static const char *const asof[] = { "2026-10-05T12:00",
	    "2026-10-08T12:00", "2026-10-09T12:00", "2026-10-10T23:00",
	    "2026-10-11T08:00" };
	static const enum svc_revisit_status want[] = { SVC_RV_OK, SVC_RV_OK,
	    SVC_RV_DUE, SVC_RV_DUE, SVC_RV_OVERDUE };
	struct svc_err e = { 0 };
	struct svc_staff st = { .id = "CS1", .name = "n", .active = 1 };
	struct svc_customer k1 = { .id = "K1", .name = "c", .tier = "big",
	    .owner = "CS1" };
	const struct svc_revisit_row *r;
	struct svc_policy *p;
	size_t n;

	p = svc_policy_load(scratch_file("wd.ini", "[policy]\nname = wh\n"
	    "[kind.revisit]\ncounts_as = revisit\nvalue = required\n"
	    "[revisit.big]\nevery = 3 workdays\n"
	    "[calendar]\nholidays = 2026-10-01..2026-10-07\n"
	    "workdays = 2026-09-20, 2026-10-10\n"), &e);
	ck_assert_msg(p != NULL, "%s", e.msg);
	for (size_t i = 0; i < sizeof(asof) / sizeof(asof[0]); i++) {
		struct svc_event x = { .ts = "2026-09-30T10:00",
		    .staff = "CS1", .kind = "revisit", .customer = "K1",
		    .value = "5" };

		x.t = at(x.ts);
		rv = svc_revisits_new(p, at(asof[i]), 1, 0);
		svc_revisits_staff(rv, &st);
		svc_revisits_customer(rv, &k1);
		ck_assert_int_eq(svc_revisits_event(rv, &x, &e), 0);
		svc_revisits_finish(rv);
		r = svc_revisits_rows(rv, &n);
		ck_assert_int_eq(r[0].due[0].workdays, 1);
		ck_assert_int_eq(r[0].due[0].next, at("2026-10-10"));
		ck_assert_msg(r[0].due[0].status == want[i], "as of %s: %s",
		    asof[i], svc_revisit_status_name(r[0].due[0].status));
		svc_revisits_free(rv);
		rv = NULL;
	}
	svc_policy_free(p);
}
END_TEST

Suite *
suite_revisit(void)
{
	Suite *s = suite_create("revisit");
	TCase *tc = tcase_create("revisit");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, cadence_per_tier);
	tcase_add_test(tc, cadence_by_position);
	tcase_add_test(tc, cadence_workdays);
	tcase_add_test(tc, boundaries);
	tcase_add_test(tc, tiers);
	tcase_add_test(tc, warehouse_sample);
	suite_add_tcase(s, tc);
	return s;
}
