#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "db-sqlite.h"
#include "period.h"
#include "policy.h"
#include "preflight.h"
#include "scratch.h"

/*
 * svc-log check's findings on a scratch ledger: staff put by hand,
 * events inserted as a ledger written by other means could hold them.
 */

static struct svc_db *db;
static struct svc_policy *pol;
static struct svc_preflight pf;
static struct svc_err e;
static struct svc_period oct;

#define BASE "[policy]\nname = pf\nperiod = month\n" \
	"[kind.assess]\ncounts_as = assessment\nvalue = required\n"

static void
setup(void)
{
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	memset(&e, 0, sizeof(e));
	memset(&pf, 0, sizeof(pf));
	scratch_dir("preflight");
	ck_assert_ptr_nonnull(db = svc_db_open(scratch_path("svc.db"),
	    SVC_DB_CREATE, &e));
	ck_assert_int_eq(svc_period_parse("2026-10", 0, &oct, &e), 0);
	pol = NULL;
}

static void
teardown(void)
{
	svc_preflight_release(&pf);
	svc_policy_free(pol);
	svc_db_close(db);
	scratch_rm();
}

static void
policy(const char *text)
{
	pol = svc_policy_load(scratch_file("p.ini", text), &e);
	ck_assert_msg(pol != NULL, "%s", e.msg);
}

static void
staff(const char *id, const char *position, const char *sup,
    const char *lead)
{
	struct svc_staff s = { (char *)id, "n", "d", (char *)position, "u",
	    (char *)sup, (char *)lead, 1 };

	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	ck_assert_int_eq(svc_db_staff_put(db, &s, &e), 0);
	ck_assert_int_eq(svc_db_commit(db, &e), 0);
}

static void
exec(const char *sql)
{
	char *msg = NULL;

	ck_assert_msg(sqlite3_exec(svc_db_sqlite(db), sql, NULL, NULL,
	    &msg) == SQLITE_OK, "%s: %s", sql, msg ? msg : "");
}

static void
run(void)
{
	ck_assert_int_eq(svc_preflight_run(db, pol, &oct, 0, &pf, &e), 0);
}

/* "level: where: msg" of finding i */
static const char *
line(size_t i)
{
	static char buf[1024];

	ck_assert_uint_lt(i, pf.n);
	snprintf(buf, sizeof(buf), "%s: %s: %s",
	    svc_finding_level_name(pf.v[i].level), pf.v[i].where,
	    pf.v[i].msg);
	return buf;
}

/* Tiers tried in file order: an overlap is a warning at the later tier,
 * a gap between two tiers information at the tier above it. */
START_TEST(tiers)
{
	char want[512];

	policy(BASE "[tier.a]\nmin = 95\n[tier.b]\nmin = 90\nmax = 97\n"
	    "[tier.c]\nmin = 85\nmax = 90\n[tier.d]\nmax = 80\n");
	run();
	ck_assert_uint_eq(pf.n, 2);
	ck_assert_uint_eq(pf.nwarnings, 1);
	ck_assert_uint_eq(pf.ninfos, 1);
	snprintf(want, sizeof(want), "warning: %s:%ld: [tier.b] overlaps "
	    "[tier.a] (line %ld) from 95 to below 97: tiers are tried in "
	    "file order, so a wins there", pol->path, pol->tiers[1].line,
	    pol->tiers[0].line);
	ck_assert_str_eq(line(0), want);
	snprintf(want, sizeof(want), "info: %s:%ld: no tier for scores from "
	    "80 to below 85: they get no award and no action", pol->path,
	    pol->tiers[2].line);
	ck_assert_str_eq(line(1), want);
}
END_TEST

/* Bounds that meet leave no gap; nothing below the lowest tier is one. */
START_TEST(tiers_adjacent)
{
	policy(BASE "[tier.a]\nmin = 90\n[tier.b]\nmin = 85\nmax = 90\n");
	run();
	ck_assert_uint_eq(pf.n, 0);
}
END_TEST

/* A loop is reported once, from its smallest id, whichever member the
 * walk entered it by; a missing supervisor and self-leadership too. */
START_TEST(chain)
{
	policy(BASE);
	staff("A", "", "M", "");
	staff("M", "", "", "Z");
	staff("Z", "", "A", "");
	staff("B", "", "Z", "NOPE");	/* leads into the loop */
	staff("S", "", "", "S");
	run();
	ck_assert_uint_eq(pf.nerrors, 3);
	ck_assert_str_eq(line(0), "error: roster: B: leader: 'NOPE' is not "
	    "in the roster");
	ck_assert_str_eq(line(1), "error: roster: S: leader: 'S' is their "
	    "own leader");
	ck_assert_str_eq(line(2), "error: roster: A: the chain of command "
	    "loops: A's supervisor is M, M's leader is Z, Z's supervisor "
	    "is A");
	ck_assert_uint_eq(pf.n, 3);
}
END_TEST

/* Positions and units named by the policy that no active staff holds. */
START_TEST(positions)
{
	policy(BASE "[kind.late]\npositions = op, shelf\n"
	    "[star.s]\ngroup_by = unit\nunits = u, v\n");
	staff("A", "op", "", "");
	staff("B", "shelf", "", "");
	exec("UPDATE staff SET active = 0 WHERE id = 'B'");
	run();
	ck_assert_uint_eq(pf.n, 2);
	ck_assert_str_eq(strstr(line(0), "[kind.late]"), "[kind.late] "
	    "positions: position 'shelf' is held only by inactive staff");
	ck_assert_str_eq(strstr(line(1), "[star.s]"), "[star.s] units: "
	    "unit 'v' has no one in the roster");
	ck_assert_int_lt(pf.v[0].line, pf.v[1].line);
}
END_TEST

/* Events of an unknown kind or staff: errors when in the checked period,
 * warnings when not; voided ones and the ledger's own kinds are not
 * scored, so not checked. Errors come first. */
START_TEST(events)
{
	policy(BASE "[tier.a]\nmin = 90\n[tier.b]\nmax = 80\n");
	staff("A", "", "", "");
	exec("PRAGMA foreign_keys = OFF;"
	    "INSERT INTO batch(id, started, tool, source, logged_by)"
	    " VALUES (1, '', 't', 's', 'me');"
	    "INSERT INTO event(id, t, staff, kind, value, logged, batch) VALUES"
	    " (1, unixepoch('2026-09-01T10:00:00+08:00'), 'A', 'gone', NULL,"
	    "  0, 1),"
	    " (2, unixepoch('2026-10-01T10:00:00+08:00'), 'A', 'gone', NULL,"
	    "  0, 1),"
	    " (3, unixepoch('2026-10-02T10:00:00+08:00'), 'X', 'assess', 90,"
	    "  0, 1),"
	    " (4, unixepoch('2026-10-03T10:00:00+08:00'), 'A', 'voided', NULL,"
	    "  0, 1),"
	    " (5, unixepoch('2026-10-04T10:00:00+08:00'), 'A', 'void', NULL,"
	    "  0, 1),"
	    " (6, unixepoch('2026-10-05T10:00:00+08:00'), 'A', 'order.open',"
	    "  NULL, 0, 1);"
	    "UPDATE event SET void_of = 4 WHERE id = 5");
	run();
	ck_assert_uint_eq(pf.nerrors, 2);
	ck_assert_str_eq(line(0), "error: event 1: kind 'gone' is not in the "
	    "policy: 2 events from this one on, 1 of them in 2026-10, which "
	    "svc-score refuses");
	ck_assert_str_eq(line(1), "error: event 3: staff 'X' is not in the "
	    "roster: 1 event from this one on, 1 of them in 2026-10, which "
	    "svc-score refuses");
	ck_assert_uint_eq(pf.ninfos, 1);
	ck_assert_uint_eq(pf.n, 3);
	ck_assert_int_eq(pf.v[2].level, SVC_FINDING_INFO);

	/* checked for November, the same events are warnings */
	svc_preflight_release(&pf);
	ck_assert_int_eq(svc_period_parse("2026-11", 0, &oct, &e), 0);
	run();
	ck_assert_uint_eq(pf.nerrors, 0);
	ck_assert_uint_eq(pf.nwarnings, 2);
	ck_assert_str_eq(line(0), "warning: event 1: kind 'gone' is not in "
	    "the policy: 2 events from this one on, none in 2026-11 "
	    "(svc-score refuses the periods they are in)");
}
END_TEST

/* base = mean: active staff without an assessment in the period. */
START_TEST(mean)
{
	struct svc_event ev = { 0 };
	long long id;

	policy("[policy]\nname = pf\nperiod = month\nbase = mean\n"
	    "[kind.assess]\ncounts_as = assessment\nvalue = required\n");
	staff("A", "", "", "");
	staff("B", "", "", "");
	staff("C", "", "", "");
	exec("UPDATE staff SET active = 0 WHERE id = 'C'");
	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	ev.batch = svc_db_batch_new(db, "t", "s", "me", &e);
	ck_assert_int_eq(svc_time_parse("2026-10-05T10:00:00+08:00", &ev.t,
	    &e), 0);
	ev.staff = "A";
	ev.kind = "assess";
	ev.value = "90";
	ck_assert_int_eq(svc_db_event_add(db, &ev, &id, &e), 1);
	ck_assert_int_eq(svc_db_commit(db, &e), 0);
	run();
	ck_assert_uint_eq(pf.n, 1);
	ck_assert_str_eq(line(0), "warning: roster: B: no assessment in "
	    "2026-10: the base is the mean of assessments, so no score and "
	    "no award");
}
END_TEST

/* Customers owed no revisit, only where the policy has revisits. */
START_TEST(customers)
{
	struct svc_customer c1 = { .id = "K1", .name = "c", .tier = "big" };
	struct svc_customer c2 = { .id = "K2", .name = "c", .tier = "huge" };

	policy(BASE);
	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	ck_assert_int_eq(svc_db_customer_put(db, &c1, &e), 0);
	ck_assert_int_eq(svc_db_customer_put(db, &c2, &e), 0);
	ck_assert_int_eq(svc_db_commit(db, &e), 0);
	run();
	ck_assert_uint_eq(pf.n, 0);
	svc_policy_free(pol);
	policy(BASE "[kind.revisit]\ncounts_as = revisit\nvalue = required\n"
	    "value_min = 1\nvalue_max = 5\n[revisit.big]\nevery = 7\n");
	run();
	ck_assert_uint_eq(pf.n, 1);
	ck_assert_str_eq(line(0), "warning: customer K2: tier 'huge' has no "
	    "[revisit.huge]: no revisit is owed to it");
}
END_TEST

static int
paid(void *arg, const char *period, const char *on, const char *at)
{
	char *buf = arg;

	sprintf(buf + strlen(buf), "%s %s %s;", period, on, at);
	return 0;
}

/* svc_db_paid_periods: each period of the policy once, with its first
 * payment; other policies' and unpaid periods left out. */
START_TEST(paid_periods)
{
	char got[512] = "";

	staff("A", "", "", "");
	exec("INSERT INTO award(id, period, policy, policy_hash, staff, name,"
	    " dept, type, award, amount, action, badge, reason, posted_from,"
	    " posted_until, payable, saved_at) VALUES"
	    " (1, '2026-09', 'pf', 'h', 'A', 'n', 'd', 'tier', 'a', 1, '', '',"
	    "  '', '', '', '', ''),"
	    " (2, '2026-09', 'pf', 'h', 'A', 'n', 'd', 'tier', 'a', 1, '', '',"
	    "  '', '', '', '', ''),"
	    " (3, '2026-08', 'pf', 'h', 'A', 'n', 'd', 'tier', 'a', 1, '', '',"
	    "  '', '', '', '', ''),"
	    " (4, '2026-07', 'other', 'h', 'A', 'n', 'd', 'tier', 'a', 1, '',"
	    "  '', '', '', '', '', ''),"
	    " (5, '2026-10', 'pf', 'h', 'A', 'n', 'd', 'tier', 'a', 1, '', '',"
	    "  '', '', '', '', '');"
	    "INSERT INTO award_status(award, status, on_date, who, at, note)"
	    " VALUES (1, 'paid', '2026-11-02', 'me', 'T1', ''),"
	    " (2, 'paid', '2026-11-03', 'me', 'T2', ''),"
	    " (3, 'paid', '2026-10-01', 'me', 'T3', ''),"
	    " (4, 'paid', '2026-09-01', 'me', 'T4', ''),"
	    " (5, 'approved', '2026-11-01', 'me', 'T5', '')");
	ck_assert_int_eq(svc_db_paid_periods(db, "pf", paid, got, &e), 0);
	ck_assert_str_eq(got, "2026-08 2026-10-01 T3;2026-09 2026-11-02 T1;");
}
END_TEST

Suite *
suite_preflight(void)
{
	Suite *s = suite_create("preflight");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, tiers);
	tcase_add_test(tc, tiers_adjacent);
	tcase_add_test(tc, chain);
	tcase_add_test(tc, positions);
	tcase_add_test(tc, events);
	tcase_add_test(tc, mean);
	tcase_add_test(tc, customers);
	tcase_add_test(tc, paid_periods);
	suite_add_tcase(s, tc);
	return s;
}
