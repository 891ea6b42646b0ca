#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "award.h"
#include "period.h"
#include "policy.h"
#include "scratch.h"
#include "util.h"

/*
 * Each test loads a policy from a few lines of INI, adds score rows by
 * hand and decides: lib/award is pure, so no database is involved.
 */

static struct svc_policy *pol;
static struct svc_award_input in;
static struct svc_awards out;

#define TIERS \
	"[policy]\nname = smile\nperiod = quarter\nbase = mean\n" \
	"[kind.assess]\ncounts_as = assessment\n" \
	"[tier.best]\nmin = 95\namount = 500\nbadge = gold\n" \
	"[tier.ambassador]\nmin = 90\nmax = 95\namount = 300\n" \
	"[tier.style]\nmin = 85\nmax = 90\namount = 200\n" \
	"[tier.retrain]\nmax = 80\naction = retraining\n"
#define GROUP \
	"[policy]\nname = group\nperiod = month\n" \
	"[kind.complaint]\ncounts_as = complaint\npoints = -5\n" \
	"[kind.praise]\ncounts_as = praise\npoints = 2\n" \
	"[star.star]\ngroup_by = unit\namount = 500\n" \
	"consecutive = multiply\nmin_score = 101\n" \
	"[worst.worst]\nthreshold = 2\nfine = 500\naction = posted\n" \
	"dismiss_after = 3\ndismiss_action = dismissal\n"

static void
setup(void)
{
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	scratch_dir("award");
	pol = NULL;
	memset(&in, 0, sizeof(in));
	memset(&out, 0, sizeof(out));
}

static void
teardown(void)
{
	svc_awards_release(&out);
	svc_award_input_release(&in);
	svc_policy_free(pol);
	scratch_rm();
}

static void
policy(const char *ini)
{
	struct svc_err e = { 0 };
	const char *p;

	p = scratch_file("p.ini", ini);
	pol = svc_policy_load(p, &e);
	ck_assert_msg(pol != NULL, "%ld: %s: %s", e.line, e.field, e.msg);
}

/* A row: score < 0 means no score. */
static void
row(const char *period, const char *staff, const char *unit, double score,
    double deductions, long complaints, long praises, int eligible)
{
	struct svc_score r = { 0 };
	struct svc_err e = { 0 };

	r.staff = staff;
	r.name = "姓名";
	r.dept = "dept";
	r.position = "pos";
	r.unit = unit;
	r.has_score = score >= 0;
	r.score = r.base = score;
	r.deductions = deductions;
	r.complaints = complaints;
	r.praises = praises;
	r.eligible = eligible;
	r.reason = eligible ? "" : "disqualified by complaint: event 1";
	ck_assert_msg(svc_award_input_add(&in, period, &r, &e) == 0, "%s",
	    e.msg);
}

static int
decide_with(const struct svc_award_hist *h, size_t nh, struct svc_err *e)
{
	ck_assert_int_eq(svc_award_input_settle(&in, NULL, e), 0);
	return svc_award_decide(pol, &in, h, nh, NULL, NULL, &out, e);
}

static void
decide(void)
{
	struct svc_err e = { 0 };

	ck_assert_msg(decide_with(NULL, 0, &e) == 0, "%s", e.msg);
}

/* The award of staff of type, or NULL. */
static const struct svc_award *
find(const char *period, const char *staff, enum svc_award_type t)
{
	for (size_t i = 0; i < out.n; i++)
		if (strcmp(out.v[i].period, period) == 0 &&
		    strcmp(out.v[i].staff, staff) == 0 && out.v[i].type == t)
			return &out.v[i];
	return NULL;
}

/* Tiers: first match, min inclusive, max exclusive, at every boundary. */
START_TEST(tier_boundaries)
{
	static const struct { double score; const char *tier; double amt; }
	    cases[] = {
		{ 100, "best", 500 }, { 95, "best", 500 },
		{ 94.99, "ambassador", 300 }, { 90, "ambassador", 300 },
		{ 89.99, "style", 200 }, { 85, "style", 200 },
		{ 84.99, NULL, 0 }, { 80, NULL, 0 },
		{ 79.99, "retrain", 0 }, { 0, "retrain", 0 },
	};
	char id[8];

	policy(TIERS);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(id, sizeof(id), "P%02zu", i);
		row("2026-Q3", id, "u", cases[i].score, 0, 0, 0, 1);
	}
	decide();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct svc_award *a;

		snprintf(id, sizeof(id), "P%02zu", i);
		a = find("2026-Q3", id, SVC_AWARD_TIER);
		if (cases[i].tier == NULL) {
			ck_assert_msg(a == NULL, "%g got a tier",
			    cases[i].score);
			continue;
		}
		ck_assert_msg(a != NULL, "%g: no tier", cases[i].score);
		ck_assert_str_eq(a->award, cases[i].tier);
		ck_assert(a->amount == cases[i].amt);
	}
	ck_assert_str_eq(find("2026-Q3", "P00", SVC_AWARD_TIER)->badge, "gold");
	ck_assert_str_eq(find("2026-Q3", "P08", SVC_AWARD_TIER)->action,
	    "retraining");
	/* rank: position by score among all scored, ties share */
	ck_assert_int_eq(find("2026-Q3", "P00", SVC_AWARD_TIER)->rank, 1);
	ck_assert_int_eq(find("2026-Q3", "P02", SVC_AWARD_TIER)->rank, 3);
}
END_TEST

/* Disqualified: no money, no badge; retraining still applies. */
START_TEST(tier_ineligible)
{
	const struct svc_award *a;

	policy(TIERS);
	row("2026-Q3", "P1", "u", 96, 0, 1, 0, 0);
	row("2026-Q3", "P2", "u", 70, 0, 1, 0, 0);
	row("2026-Q3", "P3", "u", -1, 0, 0, 0, 0);
	decide();
	ck_assert_ptr_null(find("2026-Q3", "P1", SVC_AWARD_TIER));
	ck_assert_ptr_null(find("2026-Q3", "P3", SVC_AWARD_TIER));
	a = find("2026-Q3", "P2", SVC_AWARD_TIER);
	ck_assert_ptr_nonnull(a);
	ck_assert(a->amount == 0);
	ck_assert_str_eq(a->action, "retraining");
	ck_assert_msg(strstr(a->reason, "not eligible") != NULL, "%s",
	    a->reason);
	ck_assert(!svc_award_is_reward(a));
}
END_TEST

/* Stars: one per unit; complaint and min_score exclude; none if no one
 * qualifies; ties: fewer deductions, more praise, lower id. */
START_TEST(star_groups_and_ties)
{
	const struct svc_award *a;

	policy(GROUP);
	row("2026-07", "A1", "a", 104, 0, 0, 2, 1);
	row("2026-07", "A2", "a", 110, 0, 1, 5, 1);	/* complaint */
	row("2026-07", "B1", "b", 100, 0, 0, 0, 1);	/* under 101 */
	row("2026-07", "C1", "c", 95, -5, 1, 0, 1);	/* all complained */
	row("2026-07", "C2", "c", 95, -5, 1, 0, 1);
	row("2026-07", "D2", "d", 104, -2, 0, 3, 1);	/* ties */
	row("2026-07", "D3", "d", 104, 0, 0, 2, 1);
	row("2026-07", "E2", "e", 104, 0, 0, 3, 1);
	row("2026-07", "E3", "e", 104, 0, 0, 2, 1);
	row("2026-07", "F2", "f", 104, 0, 0, 2, 1);
	row("2026-07", "F1", "f", 104, 0, 0, 2, 1);
	row("2026-07", "G1", "g", 120, 0, 0, 0, 0);	/* ineligible */
	decide();
	ck_assert_ptr_nonnull(a = find("2026-07", "A1", SVC_AWARD_STAR));
	ck_assert(a->amount == 500);
	ck_assert_int_eq(a->rank, 1);
	ck_assert_int_eq(a->consecutive, 1);
	ck_assert_ptr_null(find("2026-07", "A2", SVC_AWARD_STAR));
	ck_assert_ptr_null(find("2026-07", "B1", SVC_AWARD_STAR));
	ck_assert_ptr_null(find("2026-07", "C1", SVC_AWARD_STAR));
	ck_assert_ptr_null(find("2026-07", "C2", SVC_AWARD_STAR));
	ck_assert_ptr_nonnull(find("2026-07", "D3", SVC_AWARD_STAR));
	ck_assert_ptr_nonnull(find("2026-07", "E2", SVC_AWARD_STAR));
	ck_assert_ptr_nonnull(find("2026-07", "F1", SVC_AWARD_STAR));
	ck_assert_ptr_null(find("2026-07", "G1", SVC_AWARD_STAR));
	ck_assert_uint_eq(out.n, 4);
}
END_TEST

/* Consecutive: 500, 1000, 1500 from history, a break resets to 1. */
START_TEST(star_consecutive)
{
	static const struct svc_award_hist h[] = {
		{ "2026-07", "A1", "star", SVC_AWARD_STAR },
		{ "2026-08", "A1", "star", SVC_AWARD_STAR },
		{ "2026-06", "B1", "star", SVC_AWARD_STAR },
		{ "2026-08", "B1", "other", SVC_AWARD_STAR },
		{ "2026-08", "C1", "star", SVC_AWARD_TIER },
	};
	struct svc_err e = { 0 };

	policy(GROUP);
	row("2026-09", "A1", "a", 104, 0, 0, 2, 1);
	row("2026-09", "B1", "b", 104, 0, 0, 2, 1);
	row("2026-09", "C1", "c", 104, 0, 0, 2, 1);
	ck_assert_int_eq(decide_with(h, 5, &e), 0);
	ck_assert(find("2026-09", "A1", SVC_AWARD_STAR)->amount == 1500);
	ck_assert_int_eq(find("2026-09", "A1", SVC_AWARD_STAR)->consecutive,
	    3);
	/* star in June, not July (another rule's star in August) */
	ck_assert(find("2026-09", "B1", SVC_AWARD_STAR)->amount == 500);
	ck_assert(find("2026-09", "C1", SVC_AWARD_STAR)->amount == 500);
}
END_TEST

/* Several months in one input: earlier months count as history. */
START_TEST(star_consecutive_in_run)
{
	policy(GROUP);
	row("2026-08", "A1", "a", 104, 0, 0, 2, 1);
	row("2026-07", "A1", "a", 104, 0, 0, 2, 1);
	row("2026-09", "A1", "a", 104, 0, 0, 2, 1);
	decide();
	ck_assert(find("2026-07", "A1", SVC_AWARD_STAR)->amount == 500);
	ck_assert(find("2026-08", "A1", SVC_AWARD_STAR)->amount == 1000);
	ck_assert(find("2026-09", "A1", SVC_AWARD_STAR)->amount == 1500);
	ck_assert_str_eq(out.v[0].period, "2026-07");
}
END_TEST

/* Worst: threshold, fine as a negative amount; the third rating (from
 * history) adds the dismissal; within bounds the window. */
START_TEST(worst_and_dismissal)
{
	static const struct svc_award_hist h[] = {
		{ "2026-07", "W1", "worst", SVC_AWARD_WORST },
		{ "2026-08", "W1", "worst", SVC_AWARD_WORST },
		{ "2025-01", "W2", "worst", SVC_AWARD_WORST },
		{ "2026-08", "W2", "worst", SVC_AWARD_WORST },
	};
	struct svc_err e = { 0 };
	const struct svc_award *a;

	policy(GROUP);
	row("2026-09", "W1", "a", 90, -10, 2, 0, 1);
	row("2026-09", "W2", "a", 90, -10, 2, 0, 1);
	row("2026-09", "W3", "a", 95, -5, 1, 0, 1);
	ck_assert_int_eq(decide_with(h, 4, &e), 0);
	ck_assert_ptr_nonnull(a = find("2026-09", "W1", SVC_AWARD_WORST));
	ck_assert(a->amount == -500);
	ck_assert_str_eq(a->action, "posted");
	ck_assert_int_eq(a->consecutive, 3);
	ck_assert_ptr_nonnull(a = find("2026-09", "W1", SVC_AWARD_DISMISSAL));
	ck_assert_str_eq(a->action, "dismissal");
	ck_assert(a->amount == 0);
	/* dismiss_within = 0: all history counts */
	ck_assert_ptr_nonnull(find("2026-09", "W2", SVC_AWARD_DISMISSAL));
	ck_assert_ptr_null(find("2026-09", "W3", SVC_AWARD_WORST));
	ck_assert(!svc_award_is_reward(a));
}
END_TEST

/* only multiplying stars and dismissing or kind-counting worst rules
 * look at saved history */
START_TEST(needs_history)
{
	policy(TIERS);
	ck_assert(!svc_award_needs_history(pol));
	svc_policy_free(pol);
	policy(GROUP);
	ck_assert(svc_award_needs_history(pol));
	svc_policy_free(pol);
	policy("[policy]\nname = g\n[kind.c]\ncounts_as = complaint\n"
	    "points = -5\n[star.s]\namount = 500\n"
	    "[worst.w]\nthreshold = 2\nfine = 500\n");
	ck_assert(!svc_award_needs_history(pol));
	svc_policy_free(pol);
	policy("[policy]\nname = g\n[kind.c]\ncounts_as = complaint\n"
	    "points = -5\n[worst.w]\nthreshold = 2\nkinds = c\n");
	ck_assert(svc_award_needs_history(pol));
}
END_TEST

/* Which saved later periods an earlier save leaves as they were */
START_TEST(decided_after)
{
	static const struct svc_award_hist h[] = {
		{ "2026-10", "A1", "star", SVC_AWARD_STAR },
		{ "2026-07", "A1", "star", SVC_AWARD_STAR },
		{ "2026-09", "B1", "worst", SVC_AWARD_WORST },
		{ "2026-10", "B1", "worst", SVC_AWARD_WORST },
		{ "2026-08", "A1", "star", SVC_AWARD_STAR },
		{ "2026-11", "C1", "best", SVC_AWARD_TIER },
		{ "2026-Q4", "B1", "worst", SVC_AWARD_DISMISSAL },
		{ "2026-08", "B1", "worst", SVC_AWARD_WORST },
	};
	struct svc_err e = { 0 };
	const char **names;

	policy(GROUP);
	row("2026-08", "A1", "a", 104, 0, 0, 2, 1);
	row("2026-09", "A1", "a", 104, 0, 0, 2, 1);
	ck_assert_int_eq(svc_award_input_settle(&in, NULL, &e), 0);
	/* after August, less August and September; tiers, July left out */
	ck_assert_uint_eq(svc_award_decided_after(pol, &in, h, 8, &names), 2);
	ck_assert_str_eq(names[0], "2026-10");	/* same start: by name */
	ck_assert_str_eq(names[1], "2026-Q4");
	ck_assert_ptr_null(names[2]);
	free(names);
	ck_assert_uint_eq(svc_award_decided_after(pol, &in, h, 0, &names), 0);
	ck_assert_ptr_null(names);
	svc_policy_free(pol);
	/* a policy that looks at no history has nothing to decide again */
	policy(TIERS);
	ck_assert_uint_eq(svc_award_decided_after(pol, &in, h, 8, &names), 0);
	ck_assert_ptr_null(names);
}
END_TEST

START_TEST(worst_window)
{
	static const struct svc_award_hist h[] = {
		{ "2025-01", "W2", "worst", SVC_AWARD_WORST },
		{ "2026-08", "W2", "worst", SVC_AWARD_WORST },
	};
	struct svc_err e = { 0 };

	policy(GROUP "dismiss_within = 12\n");
	row("2026-09", "W2", "a", 90, -10, 2, 0, 1);
	ck_assert_int_eq(decide_with(h, 2, &e), 0);
	ck_assert_int_eq(find("2026-09", "W2", SVC_AWARD_WORST)->consecutive,
	    2);
	ck_assert_ptr_null(find("2026-09", "W2", SVC_AWARD_DISMISSAL));
}
END_TEST

/* A star of another period kind: the warehouse's weekly per position and
 * monthly over all; tiers and worst only for the policy's period. */
START_TEST(star_periods)
{
	struct svc_err e = { 0 };

	policy("[policy]\nname = wh\nperiod = week\n"
	    "[kind.late]\ncounts_as = deduction\npoints = -5\n"
	    "[star.weekly]\ngroup_by = position\nperiod = week\namount = 100\n"
	    "[star.monthly]\ngroup_by = all\nperiod = month\n"
	    "action = talent pool\n");
	row("2026-W32", "A", "u", 100, 0, 0, 0, 1);
	row("2026-07", "A", "u", 100, 0, 0, 0, 1);
	row("2026-07", "B", "u", 105, 0, 0, 0, 1);
	decide();
	ck_assert_ptr_nonnull(find("2026-W32", "A", SVC_AWARD_STAR));
	ck_assert_str_eq(find("2026-W32", "A", SVC_AWARD_STAR)->award,
	    "weekly");
	ck_assert_str_eq(find("2026-07", "B", SVC_AWARD_STAR)->award,
	    "monthly");
	ck_assert_str_eq(find("2026-07", "B", SVC_AWARD_STAR)->action,
	    "talent pool");
	ck_assert_uint_eq(out.n, 2);
	/* nothing decides a quarter under this policy */
	svc_award_input_release(&in);
	row("2026-Q3", "A", "u", 100, 0, 0, 0, 1);
	ck_assert_int_eq(decide_with(NULL, 0, &e), -1);
	ck_assert_str_eq(e.field, "period");
}
END_TEST

/* A row of the warehouse's roster: staff, position, score, complaints. */
static void
wrow(const char *period, const char *staff, const char *position,
    double score, long complaints)
{
	struct svc_score r = { 0 };
	struct svc_err e = { 0 };

	r.staff = staff;
	r.name = "姓名";
	r.dept = "仓储部";
	r.position = position;
	r.unit = "冷冻库";
	r.has_score = 1;
	r.score = r.base = score;
	r.deductions = score - 100;
	r.complaints = complaints;
	r.eligible = 1;
	r.reason = "";
	ck_assert_msg(svc_award_input_add(&in, period, &r, &e) == 0, "%s",
	    e.msg);
}

#define WAREHOUSE \
	"[policy]\nname = wh\nperiod = week\n" \
	"[kind.late]\ncounts_as = deduction\npoints = -5\n" \
	"[kind.talent.nominate]\ncounts_as = nomination\nvalue = none\n" \
	"[star.岗位周优秀]\ngroup_by = position\nperiod = week\n" \
	"positions = 仓储作业员, 上下架员, 订单员\namount = 100\n" \
	"[star.骨干]\ngroup_by = all\nperiod = month\n" \
	"chosen_by = nomination\nnominated_by = 运营部长, 运营主管\n" \
	"action = 纳入人才库\n"

/* The ledger's nominations, as svc_posting_count_kinds would count them:
 * "staff@period" entries, NULL-ended. */
static const char *const *nominations;

static int
count_nominations(void *arg, char *const *kinds, size_t nkinds,
    const struct svc_period *per, const char *staff, long *n,
    struct svc_err *e)
{
	char key[64];

	(void)arg;
	(void)e;
	ck_assert_uint_eq(nkinds, 1);
	ck_assert_str_eq(kinds[0], "talent.nominate");
	snprintf(key, sizeof(key), "%s@%s", staff, per->name);
	*n = 0;
	for (size_t i = 0; nominations[i]; i++)
		*n += strcmp(nominations[i], key) == 0;
	return 0;
}

/* Only the positions a star names compete: the warehouse's weekly best
 * goes to the three positions with a deduction sheet, not to the
 * 运营部长 or the 客服专员 with their clean 100. */
START_TEST(star_positions)
{
	policy(WAREHOUSE);
	wrow("2026-W32", "W001", "运营部长", 100, 0);
	wrow("2026-W32", "W002", "运营主管", 100, 0);
	wrow("2026-W32", "W007", "仓储作业员", 95, 0);
	wrow("2026-W32", "W008", "仓储作业员", 65, 0);
	wrow("2026-W32", "W011", "上下架员", 98, 0);
	wrow("2026-W32", "W014", "订单员", 100, 0);
	wrow("2026-W32", "W017", "客服专员", 100, 0);
	decide();
	ck_assert_uint_eq(out.n, 3);
	ck_assert_str_eq(out.v[0].staff, "W007");
	ck_assert_str_eq(out.v[0].reason, "best of position 仓储作业员: 95");
	ck_assert_str_eq(out.v[1].staff, "W011");
	ck_assert_str_eq(out.v[2].staff, "W014");
}
END_TEST

/*
 * The monthly backbone is chosen among the month's nominees by score; the
 * 运营部长 and 运营主管 who nominate never win, not even with the top
 * score or when nominated; a nominee with a complaint is passed over; no
 * nominee, no star.
 */
START_TEST(star_nominations)
{
	static const char *const noms[] = { "W001@2026-09", "W008@2026-09",
	    "W010@2026-09", "W002@2026-09", "W015@2026-09", "W010@2026-10",
	    NULL };
	struct svc_err e = { 0 };

	nominations = noms;
	policy(WAREHOUSE);
	wrow("2026-09", "W001", "运营部长", 100, 0);
	wrow("2026-09", "W002", "运营主管", 100, 0);
	wrow("2026-09", "W006", "仓储作业员", 99, 0);
	wrow("2026-09", "W008", "仓储作业员", 96.25, 0);
	wrow("2026-09", "W010", "上下架员", 92.25, 0);
	wrow("2026-09", "W015", "订单员", 98, 1);
	wrow("2026-10", "W001", "运营部长", 100, 0);
	ck_assert_int_eq(svc_award_input_settle(&in, NULL, &e), 0);
	ck_assert_int_eq(svc_award_decide(pol, &in, NULL, 0, count_nominations,
	    NULL, &out, &e), 0);
	ck_assert_uint_eq(out.n, 1);
	ck_assert_str_eq(out.v[0].period, "2026-09");
	ck_assert_str_eq(out.v[0].staff, "W008");
	ck_assert_str_eq(out.v[0].award, "骨干");
	ck_assert_str_eq(out.v[0].action, "纳入人才库");
	ck_assert_str_eq(out.v[0].reason, "nominated; best of all: 96.25");

	/* without the ledger nobody knows the nominations */
	svc_awards_release(&out);
	ck_assert_int_eq(svc_award_decide(pol, &in, NULL, 0, NULL, NULL, &out,
	    &e), -1);
	ck_assert_str_eq(e.field, "chosen_by");
	ck_assert_str_eq(e.msg, "[star.骨干] is chosen among nominations: it "
	    "needs the ledger");
}
END_TEST

/* The year's star from the quarterly results: means and sums, eligible
 * only if eligible in every quarter. */
START_TEST(year_from_quarters)
{
	struct svc_period y;
	struct svc_err e = { 0 };

	policy(TIERS "[star.year]\ngroup_by = all\nperiod = year\n"
	    "action = honour\n");
	row("2026-Q1", "A", "u", 96, 0, 0, 0, 1);
	row("2026-Q2", "A", "u", 98, 0, 0, 0, 1);
	row("2026-Q1", "B", "u", 99, 0, 0, 0, 1);
	row("2026-Q2", "B", "u", 99, 0, 1, 0, 0);
	row("2026-Q1", "C", "u", 96.5, 0, 0, 0, 1);
	row("2026-Q2", "C", "u", 97.5, 0, 0, 1, 1);
	ck_assert_int_eq(svc_period_parse("2026", 0, &y, &e), 0);
	ck_assert_int_eq(svc_award_input_settle(&in, &y, &e), 0);
	ck_assert_uint_eq(in.n, 1);
	ck_assert_uint_eq(in.v[0].nrows, 3);
	ck_assert_int_eq(in.v[0].parts, 2);
	ck_assert(in.v[0].rows[0].score == 97);
	ck_assert(!in.v[0].rows[1].eligible);
	ck_assert_msg(strncmp(in.v[0].rows[1].reason, "2026-Q2: ", 9) == 0,
	    "%s", in.v[0].rows[1].reason);
	ck_assert_int_eq(in.v[0].rows[1].complaints, 1);
	ck_assert_int_eq(svc_award_decide(pol, &in, NULL, 0, NULL, NULL, &out,
	    &e), 0);
	/* A and C tie at 97: C has more praise */
	ck_assert_uint_eq(out.n, 1);
	ck_assert_str_eq(out.v[0].staff, "C");
	ck_assert_str_eq(out.v[0].period, "2026");
}
END_TEST

/* Only staff of the star's units compete; a clean month needs no praise. */
START_TEST(star_units)
{
	struct svc_err e = { 0 };

	policy("[policy]\nname = g\nperiod = month\n"
	    "[star.s]\ngroup_by = unit\nunits = 开票室, 门 卫\namount = 500\n");
	row("2026-08", "L1", "集团领导", 100, 0, 0, 0, 1);
	row("2026-08", "A1", "开票室", 100, 0, 0, 0, 1);
	row("2026-08", "A2", "开票室", 104, -5, 1, 3, 1);
	row("2026-08", "B1", "门 卫", 97, -3, 0, 0, 1);
	ck_assert_int_eq(svc_award_input_settle(&in, NULL, &e), 0);
	ck_assert_int_eq(svc_award_decide(pol, &in, NULL, 0, NULL, NULL, &out,
	    &e), 0);
	ck_assert_uint_eq(out.n, 2);
	ck_assert_str_eq(out.v[0].staff, "A1");
	ck_assert_str_eq(out.v[1].staff, "B1");
}
END_TEST

/* The quarters of the year that have no rows, for the year's star; a
 * month's parts for a monthly star, but none where nothing decides the
 * target or the target is in the input itself. */
START_TEST(input_missing)
{
	struct svc_period y, m;
	struct svc_err e = { 0 };
	struct svc_buf b = { 0 };

	policy(TIERS "[star.year]\ngroup_by = all\nperiod = year\n");
	row("2026-Q1", "A", "u", 96, 0, 0, 0, 1);
	row("2026-Q3", "A", "u", 96, 0, 0, 0, 1);
	ck_assert_int_eq(svc_period_parse("2026", 0, &y, &e), 0);
	ck_assert_uint_eq(svc_award_input_missing(&in, &y, pol, &b), 2);
	ck_assert_str_eq(b.s, "2026-Q2, 2026-Q4");
	svc_buf_release(&b);
	row("2026-Q2", "A", "u", 96, 0, 0, 0, 1);
	row("2026-Q4", "A", "u", 96, 0, 0, 0, 1);
	ck_assert_uint_eq(svc_award_input_missing(&in, &y, pol, &b), 0);
	/* a quarter is not made of quarters */
	ck_assert_int_eq(svc_period_parse("2026-Q2", 0, &m, &e), 0);
	ck_assert_uint_eq(svc_award_input_missing(&in, &m, pol, &b), 0);
	svc_award_input_release(&in);
	svc_policy_free(pol);
	/* no rule decides a year: the decision says so, not this */
	policy(TIERS);
	row("2026-Q1", "A", "u", 96, 0, 0, 0, 1);
	ck_assert_uint_eq(svc_award_input_missing(&in, &y, pol, &b), 0);
	/* the year itself given: nothing to combine */
	svc_award_input_release(&in);
	svc_policy_free(pol);
	policy(TIERS "[star.year]\ngroup_by = all\nperiod = year\n");
	row("2026", "A", "u", 96, 0, 0, 0, 1);
	ck_assert_uint_eq(svc_award_input_missing(&in, &y, pol, &b), 0);
	ck_assert_ptr_null(b.s);
}
END_TEST

START_TEST(settle_refuses)
{
	struct svc_period y;
	struct svc_err e = { 0 };

	policy(TIERS);
	row("2025-Q4", "A", "u", 96, 0, 0, 0, 1);
	row("2026-Q1", "A", "u", 96, 0, 0, 0, 1);
	ck_assert_int_eq(svc_period_parse("2026", 0, &y, &e), 0);
	ck_assert_int_eq(svc_award_input_settle(&in, &y, &e), -1);
	ck_assert_str_eq(e.field, "period");
	ck_assert_ptr_nonnull(strstr(e.msg, "2025-Q4"));
}
END_TEST

/* Input rows: twins and odd period names are refused. */
START_TEST(input_refuses)
{
	struct svc_score r = { 0 };
	struct svc_err e = { 0 };

	r.staff = "A";
	r.reason = "";
	ck_assert_int_eq(svc_award_input_add(&in, "2026-07", &r, &e), 0);
	ck_assert_int_eq(svc_award_input_add(&in, "2026-07", &r, &e), -1);
	ck_assert_str_eq(e.field, "staff");
	ck_assert_int_eq(svc_award_input_add(&in, "2026-7", &r, &e), -1);
	ck_assert_str_eq(e.field, "period");
	ck_assert_int_eq(svc_award_input_add(&in, "last-month", &r, &e), -1);
	ck_assert_int_eq(svc_award_input_add(&in, "2026-13", &r, &e), -1);
}
END_TEST

/* Reading scores CSV: every bad field is placed at file:line:column. */
START_TEST(read_csv)
{
	static const struct { const char *row, *field; } bad[] = {
		{ "2026-07,A,x,d,p,100,0,0,0,abc,0,0,0,yes,,u", "score" },
		{ "2026-07,A,x,d,p,100,0,0,0,100,-1,0,0,yes,,u", "complaints" },
		{ "2026-07,A,x,d,p,100,0,0,0,100,0,0,0,maybe,,u", "eligible" },
		{ "2026-13,A,x,d,p,100,0,0,0,100,0,0,0,yes,,u", "period" },
		{ "2026-07,,x,d,p,100,0,0,0,100,0,0,0,yes,,u", "staff" },
		{ "2026-07,A,x,d,p,100,,0,0,100,0,0,0,yes,,u", "deductions" },
	};
	char p[128];
	struct svc_err e = { 0 };
	FILE *f;

	snprintf(p, sizeof(p), "%s", scratch_path("s.csv"));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_ptr_nonnull(f = fopen(p, "w"));
		fprintf(f, "period,staff,name,dept,position,base,deductions,"
		    "bonuses,joint,score,complaints,praises,events,eligible,"
		    "reason,unit\n2026-07,B,x,d,p,,0,0,0,,0,0,0,no,none,u\n"
		    "%s\n", bad[i].row);
		fclose(f);
		svc_award_input_release(&in);
		ck_assert_int_eq(svc_award_input_read(&in, p, NULL, &e), -1);
		ck_assert_str_eq(e.file, p);
		ck_assert_int_eq(e.line, 3);
		ck_assert_str_eq(e.field, bad[i].field);
	}
	ck_assert_ptr_nonnull(f = fopen(p, "w"));
	fputs("staff,period,score,eligible\nA,2026-07,101.5,yes\n"
	    "B,2026-07,,no\n", f);
	fclose(f);
	svc_award_input_release(&in);
	ck_assert_int_eq(svc_award_input_read(&in, p, NULL, &e), 0);
	ck_assert_uint_eq(in.v[0].nrows, 2);
	ck_assert(in.v[0].rows[0].score == 101.5);
	ck_assert(!in.v[0].rows[1].has_score);
}
END_TEST

Suite *
suite_award(void)
{
	Suite *s = suite_create("award");
	TCase *tc = tcase_create("award");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, tier_boundaries);
	tcase_add_test(tc, tier_ineligible);
	tcase_add_test(tc, star_groups_and_ties);
	tcase_add_test(tc, star_consecutive);
	tcase_add_test(tc, star_consecutive_in_run);
	tcase_add_test(tc, worst_and_dismissal);
	tcase_add_test(tc, worst_window);
	tcase_add_test(tc, star_periods);
	tcase_add_test(tc, star_positions);
	tcase_add_test(tc, star_nominations);
	tcase_add_test(tc, year_from_quarters);
	tcase_add_test(tc, needs_history);
	tcase_add_test(tc, star_units);
	tcase_add_test(tc, input_missing);
	tcase_add_test(tc, settle_refuses);
	tcase_add_test(tc, input_refuses);
	tcase_add_test(tc, read_csv);
	tcase_add_test(tc, decided_after);
	suite_add_tcase(s, tc);
	return s;
}
