/*
 * Unit tests for lib/policy: every key read into the struct, the lookups,
 * and one test per error class with its exact line, field and message.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "err.h"
#include "period.h"
#include "policy.h"

#define HEAD	"[policy]\nname = t\n"

static char last_path[64];

/* Writes n bytes to a fresh temporary file and loads it as a policy. */
static struct svc_policy *
load_n(const char *text, size_t n, struct svc_err *e)
{
	struct svc_policy *p;
	int fd;

	snprintf(last_path, sizeof(last_path), "/tmp/test-policy-XXXXXX");
	fd = mkstemp(last_path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, n), (ssize_t)n);
	close(fd);
	svc_err_clear(e);
	p = svc_policy_load(last_path, e);
	unlink(last_path);
	return p;
}

static struct svc_policy *
load(const char *text, struct svc_err *e)
{
	return load_n(text, strlen(text), e);
}

/* A policy that must load; fails the test with the error otherwise. */
static struct svc_policy *
load_ok(const char *text)
{
	struct svc_err e;
	struct svc_policy *p;
	char buf[1024];

	p = load(text, &e);
	ck_assert_msg(p != NULL, "unexpected error: %s",
	    svc_err_format(&e, buf, sizeof(buf)));
	return p;
}

/* Loading text must fail exactly at line with field and message. */
#define ERR(text, ln, fld, message) do { \
	struct svc_err e_; \
	struct svc_policy *p_ = load((text), &e_); \
	ck_assert_ptr_null(p_); \
	ck_assert_int_eq(e_.code, SVC_EDATA); \
	ck_assert_str_eq(e_.file, last_path); \
	ck_assert_int_eq(e_.line, (ln)); \
	ck_assert_str_eq(e_.field, (fld)); \
	ck_assert_str_eq(e_.msg, (message)); \
} while (0)

static const char full[] =
    "; every key of every section\n"				/* 1 */
    "[policy]\n"						/* 2 */
    "name = 集团服务窗口\n"					/* 3 */
    "period = quarter\n"					/* 4 */
    "base = mean\n"						/* 5 */
    "floor = 0\n"						/* 6 */
    "cap = 120.5\n"						/* 7 */
    "description = anything ; a comment\n"			/* 8 */
    "\n"							/* 9 */
    "[kind.complaint.verified]\n"				/* 10 */
    "label = 核实投诉\n"					/* 11 */
    "counts_as = complaint\n"					/* 12 */
    "points = -5\n"						/* 13 */
    "escalation = progressive\n"				/* 14 */
    "supervisor_points = -3\n"					/* 15 */
    "supervisor_from = 2\n"					/* 16 */
    "supervisor_escalation = progressive\n"			/* 17 */
    "leader_points = -3\n"					/* 18 */
    "leader_from = 3\n"						/* 19 */
    "leader_escalation = flat\n"				/* 20 */
    "disqualify = yes\n"					/* 21 */
    "value = none\n"						/* 22 */
    "[kind.deduction]\n"					/* 23 */
    "counts_as = deduction\n"					/* 24 */
    "points = -value\n"						/* 25 */
    "disqualify_total = 15\n"					/* 26 */
    "disqualify_window = month\n"				/* 27 */
    "value = required\n"					/* 28 */
    "value_min = 0\n"						/* 29 */
    "value_max = 100\n"						/* 30 */
    "[kind.revisit]\n"						/* 31 */
    "counts_as = revisit\n"					/* 32 */
    "points = value\n"						/* 33 */
    "dissatisfied_max = 3\n"					/* 34 */
    "follow_up = true\n"					/* 35 */
    "[tier.最佳微笑奖]\n"					/* 36 */
    "min = 95\n"						/* 37 */
    "amount = 500\n"						/* 38 */
    "badge = 最佳微笑\n"					/* 39 */
    "action = wear the badge; smile\n"				/* 40 */
    "[tier.retrain]\n"						/* 41 */
    "max = 80\n"						/* 42 */
    "action = one week off-duty retraining\n"			/* 43 */
    "[star.服务明星]\n"						/* 44 */
    "group_by = unit\n"						/* 45 */
    "amount = 500\n"						/* 46 */
    "action = posted\n"						/* 47 */
    "consecutive = multiply\n"					/* 48 */
    "period = month\n"						/* 49 */
    "no_complaint = no\n"					/* 50 */
    "min_score = 90\n"						/* 51 */
    "[worst.最差]\n"						/* 52 */
    "threshold = 2\n"						/* 53 */
    "kinds = complaint.verified  complaint.attitude\n"		/* 54 */
    "fine = 500\n"						/* 55 */
    "action = posted\n"						/* 56 */
    "dismiss_after = 3\n"					/* 57 */
    "dismiss_within = 0\n"					/* 58 */
    "dismiss_action = 辞退\n"					/* 59 */
    "[posting]\n"						/* 60 */
    "days = 30\n"						/* 61 */
    "contact = 6264368\n"					/* 62 */
    "pay_after_months = 2\n"					/* 63 */
    "withdraw_on_complaint = 0\n"				/* 64 */
    "[target.satisfaction]\n"					/* 65 */
    "label = customer satisfaction\n"				/* 66 */
    "metric = satisfaction\n"					/* 67 */
    "min = 98\n"						/* 68 */
    "max = 100\n"						/* 69 */
    "unit = %\n"						/* 70 */
    "[revisit.big]\n"						/* 71 */
    "label = big customers\n"					/* 72 */
    "every = 7\n"						/* 73 */
    "supervisor_every = 15\n"					/* 74 */
    "head_every = 30\n"						/* 75 */
    "[limit.tipper]\n"						/* 76 */
    "label = hydraulic tipper\n"				/* 77 */
    "kind = op.tipper\n"					/* 78 */
    "minutes = 6\n"						/* 79 */
    "match = container\n"					/* 80 */
    "breach = deduction\n"					/* 81 */
    "[orders]\n"						/* 82 */
    "due = 3d\n"						/* 83 */
    "[kind.op.tipper]\n"					/* 84 */
    "counts_as = operation\n"					/* 85 */
    "[kind.complaint.attitude]\n"				/* 86 */
    "counts_as = complaint\n"					/* 87 */
    "points = -5\n";						/* 88 */

/* Every key type (text, number, integer, bool, choice, special) lands in
 * its field, entries keep file order and lines. */
START_TEST(test_round_trip)
{
	struct svc_policy *p = load_ok(full);
	const struct svc_kind *k;
	const struct svc_worst *w;

	ck_assert_str_eq(p->path, last_path);
	ck_assert_str_eq(p->name, "集团服务窗口");
	ck_assert_int_eq(p->period, SVC_PERIOD_QUARTER);
	ck_assert_int_eq(p->base_mean, 1);
	ck_assert(p->has_floor && p->floor == 0);
	ck_assert(p->has_cap && p->cap == 120.5);

	ck_assert_uint_eq(p->nkinds, 5);
	k = &p->kinds[0];
	ck_assert_str_eq(k->code, "complaint.verified");
	ck_assert_str_eq(k->label, "核实投诉");
	ck_assert_int_eq(k->line, 10);
	ck_assert_int_eq(k->counts_as, SVC_AS_COMPLAINT);
	ck_assert_int_eq(k->points_mode, SVC_POINTS_FIXED);
	ck_assert(k->points == -5);
	ck_assert_int_eq(k->escalation, SVC_PROGRESSIVE);
	ck_assert(k->supervisor.on && k->supervisor.points == -3);
	ck_assert_int_eq(k->supervisor.from, 2);
	ck_assert_int_eq(k->supervisor.escalation, SVC_PROGRESSIVE);
	ck_assert(k->leader.on && k->leader.points == -3);
	ck_assert_int_eq(k->leader.from, 3);
	ck_assert_int_eq(k->leader.escalation, SVC_FLAT);
	ck_assert_int_eq(k->disqualify, 1);
	ck_assert_int_eq(k->value, SVC_VALUE_NONE);

	k = &p->kinds[1];
	ck_assert_str_eq(k->code, "deduction");
	ck_assert_str_eq(k->label, "");
	ck_assert_int_eq(k->counts_as, SVC_AS_DEDUCTION);
	ck_assert_int_eq(k->points_mode, SVC_POINTS_NEG_VALUE);
	ck_assert(k->disqualify_total == 15);
	ck_assert_int_eq(k->disqualify_window, SVC_PERIOD_MONTH);
	ck_assert_int_eq(k->value, SVC_VALUE_REQUIRED);
	ck_assert(k->has_value_min && k->value_min == 0);
	ck_assert(k->has_value_max && k->value_max == 100);
	ck_assert(!k->supervisor.on && !k->leader.on);

	k = &p->kinds[2];
	ck_assert_int_eq(k->counts_as, SVC_AS_REVISIT);
	ck_assert_int_eq(k->points_mode, SVC_POINTS_VALUE);
	ck_assert(k->dissatisfied_max == 3);
	ck_assert_int_eq(k->follow_up, 1);
	ck_assert_str_eq(p->kinds[3].code, "op.tipper");
	ck_assert_int_eq(p->kinds[3].counts_as, SVC_AS_OPERATION);

	ck_assert_uint_eq(p->ntiers, 2);
	ck_assert_str_eq(p->tiers[0].name, "最佳微笑奖");
	ck_assert_int_eq(p->tiers[0].line, 36);
	ck_assert(p->tiers[0].has_min && !p->tiers[0].has_max);
	ck_assert(p->tiers[0].min == 95 && p->tiers[0].amount == 500);
	ck_assert_str_eq(p->tiers[0].badge, "最佳微笑");
	ck_assert_str_eq(p->tiers[0].action, "wear the badge; smile");
	ck_assert(!p->tiers[1].has_min && p->tiers[1].has_max);
	ck_assert(p->tiers[1].max == 80 && p->tiers[1].amount == 0);
	ck_assert_str_eq(p->tiers[1].badge, "");

	ck_assert_uint_eq(p->nstars, 1);
	ck_assert_str_eq(p->stars[0].name, "服务明星");
	ck_assert_int_eq(p->stars[0].group_by, SVC_GROUP_UNIT);
	ck_assert(p->stars[0].amount == 500);
	ck_assert_str_eq(p->stars[0].action, "posted");
	ck_assert_int_eq(p->stars[0].consecutive_multiply, 1);
	ck_assert_int_eq(p->stars[0].period, SVC_PERIOD_MONTH);
	ck_assert_int_eq(p->stars[0].no_complaint, 0);
	ck_assert(p->stars[0].has_min_score && p->stars[0].min_score == 90);

	ck_assert_uint_eq(p->nworsts, 1);
	w = &p->worsts[0];
	ck_assert_str_eq(w->name, "最差");
	ck_assert_int_eq(w->threshold, 2);
	ck_assert_uint_eq(w->nkinds, 2);
	ck_assert_str_eq(w->kinds[0], "complaint.verified");
	ck_assert_str_eq(w->kinds[1], "complaint.attitude");
	ck_assert(w->fine == 500);
	ck_assert_str_eq(w->action, "posted");
	ck_assert_int_eq(w->dismiss_after, 3);
	ck_assert_int_eq(w->dismiss_within, 0);
	ck_assert_str_eq(w->dismiss_action, "辞退");

	ck_assert_int_eq(p->posting.days, 30);
	ck_assert_str_eq(p->posting.contact, "6264368");
	ck_assert_int_eq(p->posting.pay_after_months, 2);
	ck_assert_int_eq(p->posting.withdraw_on_complaint, 0);

	ck_assert_uint_eq(p->ntargets, 1);
	ck_assert_str_eq(p->targets[0].name, "satisfaction");
	ck_assert_str_eq(p->targets[0].label, "customer satisfaction");
	ck_assert_str_eq(p->targets[0].metric, "satisfaction");
	ck_assert(p->targets[0].has_min && p->targets[0].min == 98);
	ck_assert(p->targets[0].has_max && p->targets[0].max == 100);
	ck_assert_str_eq(p->targets[0].unit, "%");

	ck_assert_uint_eq(p->nrevisits, 1);
	ck_assert_str_eq(p->revisits[0].tier, "big");
	ck_assert_str_eq(p->revisits[0].label, "big customers");
	ck_assert_int_eq(p->revisits[0].every, 7);
	ck_assert_int_eq(p->revisits[0].supervisor_every, 15);
	ck_assert_int_eq(p->revisits[0].head_every, 30);

	ck_assert_uint_eq(p->nlimits, 1);
	ck_assert_str_eq(p->limits[0].name, "tipper");
	ck_assert_str_eq(p->limits[0].label, "hydraulic tipper");
	ck_assert_str_eq(p->limits[0].kind, "op.tipper");
	ck_assert(p->limits[0].minutes == 6);
	ck_assert_int_eq(p->limits[0].nwords, 1);
	ck_assert_str_eq(p->limits[0].words[0], "container");
	ck_assert_str_eq(p->limits[0].breach, "deduction");

	ck_assert_int_eq(p->orders.due.hours, 72);
	ck_assert_int_eq(strlen(p->hash), 16);
	svc_policy_free(p);
}
END_TEST

/* Keys left out get the documented defaults; text fields are "" not NULL. */
START_TEST(test_defaults)
{
	struct svc_policy *p = load_ok(HEAD
	    "[kind.x]\n[tier.a]\nmin = 1\n[star.s]\n[worst.w]\nthreshold = 1\n"
	    "[target.t]\nmetric = kpi\nmax = 5\n[revisit.small]\nevery = 15\n"
	    "[limit.l]\nkind = x\nminutes = 1\n");
	const struct svc_kind *k = &p->kinds[0];

	ck_assert_int_eq(p->period, SVC_PERIOD_MONTH);
	ck_assert(!p->base_mean && p->base == 100);
	ck_assert(!p->has_floor && !p->has_cap);
	ck_assert_str_eq(k->label, "");
	ck_assert_int_eq(k->counts_as, SVC_AS_NONE);
	ck_assert_int_eq(k->points_mode, SVC_POINTS_FIXED);
	ck_assert(k->points == 0);
	ck_assert_int_eq(k->escalation, SVC_FLAT);
	ck_assert(!k->supervisor.on && !k->leader.on);
	ck_assert_int_eq(k->supervisor.from, 1);
	ck_assert_int_eq(k->leader.from, 1);
	ck_assert_int_eq(k->disqualify, 0);
	ck_assert(k->disqualify_total == 0);
	ck_assert_int_eq(k->disqualify_window, SVC_PERIOD_MONTH);
	ck_assert_int_eq(k->value, SVC_VALUE_OPTIONAL);
	ck_assert(!k->has_value_min && !k->has_value_max);
	ck_assert(k->dissatisfied_max == 2);
	ck_assert_int_eq(k->follow_up, 0);
	ck_assert(p->tiers[0].amount == 0);
	ck_assert_str_eq(p->tiers[0].action, "");
	ck_assert_int_eq(p->stars[0].group_by, SVC_GROUP_ALL);
	ck_assert(p->stars[0].amount == 0);
	ck_assert_int_eq(p->stars[0].consecutive_multiply, 0);
	ck_assert_int_eq(p->stars[0].period, SVC_PERIOD_NONE);
	ck_assert_int_eq(p->stars[0].no_complaint, 1);
	ck_assert(!p->stars[0].has_min_score);
	ck_assert_uint_eq(p->worsts[0].nkinds, 0);
	ck_assert(p->worsts[0].fine == 0);
	ck_assert_int_eq(p->worsts[0].dismiss_after, 0);
	ck_assert_str_eq(p->worsts[0].dismiss_action, "dismissal");
	ck_assert_int_eq(p->posting.days, 0);
	ck_assert_str_eq(p->posting.contact, "");
	ck_assert_int_eq(p->posting.pay_after_months, 1);
	ck_assert_int_eq(p->posting.withdraw_on_complaint, 1);
	ck_assert_str_eq(p->targets[0].label, "");
	ck_assert_str_eq(p->targets[0].unit, "");
	ck_assert_int_eq(p->revisits[0].supervisor_every, 0);
	ck_assert_int_eq(p->revisits[0].head_every, 0);
	ck_assert_int_eq(p->limits[0].nwords, 0);
	ck_assert_str_eq(p->limits[0].breach, "");
	ck_assert_int_eq(p->orders.due.hours, 0);
	svc_policy_free(p);
}
END_TEST

/* Tiers: first match in file order, min inclusive, max exclusive; a score
 * inside two tiers gets the earlier one; a gap matches nothing. */
START_TEST(test_tier_first_match)
{
	struct svc_policy *p = load_ok(HEAD
	    "[tier.best]\nmin = 95\n"
	    "[tier.ambassador]\nmin = 90\nmax = 95\n"
	    "[tier.style]\nmin = 85\nmax = 90\n"
	    "[tier.overlap]\nmin = 80\nmax = 100\n"
	    "[tier.retrain]\nmax = 80\n");

	ck_assert_str_eq(svc_policy_tier(p, 100)->name, "best");
	ck_assert_str_eq(svc_policy_tier(p, 95)->name, "best");
	ck_assert_str_eq(svc_policy_tier(p, 94.9)->name, "ambassador");
	ck_assert_str_eq(svc_policy_tier(p, 90)->name, "ambassador");
	ck_assert_str_eq(svc_policy_tier(p, 89.99)->name, "style");
	ck_assert_str_eq(svc_policy_tier(p, 85)->name, "style");
	ck_assert_str_eq(svc_policy_tier(p, 84)->name, "overlap");
	ck_assert_str_eq(svc_policy_tier(p, 80)->name, "overlap");
	ck_assert_str_eq(svc_policy_tier(p, 79.99)->name, "retrain");
	ck_assert_str_eq(svc_policy_tier(p, -20)->name, "retrain");
	ck_assert_str_eq(svc_policy_tier(p, 150)->name, "best");
	ck_assert_ptr_null(svc_policy_tier(p, NAN));
	svc_policy_free(p);
}
END_TEST

/* Without an open-ended tier, 80 (the exclusive max of the lower tier and
 * below every min) matches nothing. */
START_TEST(test_tier_gap)
{
	struct svc_policy *p = load_ok(HEAD
	    "[tier.a]\nmin = 85\nmax = 90\n[tier.b]\nmax = 80\n");

	ck_assert_ptr_null(svc_policy_tier(p, 80));
	ck_assert_ptr_null(svc_policy_tier(p, 84.99));
	ck_assert_ptr_null(svc_policy_tier(p, 90));
	ck_assert_str_eq(svc_policy_tier(p, 79.5)->name, "b");
	svc_policy_free(p);
}
END_TEST

/* svc_policy_kind finds every one of many kinds defined out of order and
 * nothing else, and a hand-built policy (no index) still works. */
START_TEST(test_kind_lookup)
{
	char text[8192], code[32];
	struct svc_policy *p, hand;
	struct svc_kind kinds[2];
	size_t n = 0;
	int i;

	n += snprintf(text + n, sizeof(text) - n, HEAD);
	for (i = 79; i >= 0; i--)
		n += snprintf(text + n, sizeof(text) - n,
		    "[kind.k%02d.x]\npoints = %d\n", i, -i);
	p = load_ok(text);
	ck_assert_uint_eq(p->nkinds, 80);
	for (i = 0; i < 80; i++) {
		const struct svc_kind *k;

		snprintf(code, sizeof(code), "k%02d.x", i);
		k = svc_policy_kind(p, code);
		ck_assert_ptr_nonnull(k);
		ck_assert_str_eq(k->code, code);
		ck_assert(k->points == -i);
	}
	ck_assert_ptr_null(svc_policy_kind(p, "k80.x"));
	ck_assert_ptr_null(svc_policy_kind(p, "k00"));
	ck_assert_ptr_null(svc_policy_kind(p, "k00.x "));
	ck_assert_ptr_null(svc_policy_kind(p, ""));
	ck_assert_ptr_null(svc_policy_kind(p, NULL));
	svc_policy_free(p);

	memset(&hand, 0, sizeof(hand));
	memset(kinds, 0, sizeof(kinds));
	kinds[0].code = "b";
	kinds[1].code = "a";
	hand.kinds = kinds;
	hand.nkinds = 2;
	ck_assert_ptr_eq(svc_policy_kind(&hand, "a"), &kinds[1]);
	ck_assert_ptr_null(svc_policy_kind(&hand, "c"));
}
END_TEST

/* svc_policy_revisit finds a cadence by exact customer tier. */
START_TEST(test_revisit_lookup)
{
	struct svc_policy *p = load_ok(HEAD
	    "[revisit.big]\nevery = 7\n[revisit.small]\nevery = 15\n"
	    "[revisit.大客户]\nevery = 30\n");

	ck_assert_int_eq(svc_policy_revisit(p, "small")->every, 15);
	ck_assert_int_eq(svc_policy_revisit(p, "大客户")->every, 30);
	ck_assert_ptr_null(svc_policy_revisit(p, "micro"));
	ck_assert_ptr_null(svc_policy_revisit(p, "Big"));
	ck_assert_ptr_null(svc_policy_revisit(p, NULL));
	svc_policy_free(p);
}
END_TEST

/* Enum names are the spellings of the file. */
START_TEST(test_counts_as_name)
{
	ck_assert_str_eq(svc_counts_as_name(SVC_AS_NONE), "none");
	ck_assert_str_eq(svc_counts_as_name(SVC_AS_COMPLAINT), "complaint");
	ck_assert_str_eq(svc_counts_as_name(SVC_AS_PRAISE), "praise");
	ck_assert_str_eq(svc_counts_as_name(SVC_AS_ASSESSMENT), "assessment");
	ck_assert_str_eq(svc_counts_as_name(SVC_AS_DEDUCTION), "deduction");
	ck_assert_str_eq(svc_counts_as_name(SVC_AS_BONUS), "bonus");
	ck_assert_str_eq(svc_counts_as_name(SVC_AS_CONTACT), "contact");
	ck_assert_str_eq(svc_counts_as_name(SVC_AS_REVISIT), "revisit");
	ck_assert_str_eq(svc_counts_as_name(SVC_AS_OPERATION), "operation");
}
END_TEST

/* Event values: "" unless required, none refuses any, numbers only,
 * bounds inclusive; the message says why and leaves the place empty. */
START_TEST(test_check_value)
{
	struct svc_policy *p = load_ok(HEAD
	    "[kind.opt]\n"
	    "[kind.req]\nvalue = required\nvalue_min = 0\nvalue_max = 100\n"
	    "[kind.no]\nvalue = none\n");
	const struct svc_kind *opt = svc_policy_kind(p, "opt");
	const struct svc_kind *req = svc_policy_kind(p, "req");
	const struct svc_kind *no = svc_policy_kind(p, "no");
	struct svc_err e;

	svc_err_clear(&e);
	ck_assert_int_eq(svc_policy_check_value(opt, "", &e), 0);
	ck_assert_int_eq(svc_policy_check_value(opt, "-1e3", &e), 0);
	ck_assert_int_eq(svc_policy_check_value(req, "0", &e), 0);
	ck_assert_int_eq(svc_policy_check_value(req, "100", &e), 0);
	ck_assert_int_eq(svc_policy_check_value(req, "92.5", &e), 0);
	ck_assert_int_eq(svc_policy_check_value(no, "", &e), 0);
	ck_assert_int_eq(e.code, 0);

	ck_assert_int_eq(svc_policy_check_value(req, "", &e), -1);
	ck_assert_str_eq(e.msg, "kind 'req' requires a value");
	ck_assert_str_eq(e.file, "");
	ck_assert_int_eq(e.line, 0);
	ck_assert_str_eq(e.field, "");
	ck_assert_int_eq(svc_policy_check_value(req, "120", &e), -1);
	ck_assert_str_eq(e.msg, "value 120 above the maximum 100");
	ck_assert_int_eq(svc_policy_check_value(req, "-0.5", &e), -1);
	ck_assert_str_eq(e.msg, "value -0.5 below the minimum 0");
	ck_assert_int_eq(svc_policy_check_value(req, "ten", &e), -1);
	ck_assert_str_eq(e.msg, "bad number 'ten'");
	ck_assert_int_eq(svc_policy_check_value(opt, " 5", &e), -1);
	ck_assert_str_eq(e.msg, "bad number ' 5'");
	ck_assert_int_eq(svc_policy_check_value(no, "5", &e), -1);
	ck_assert_str_eq(e.msg, "kind 'no' takes no value, got '5'");
	svc_policy_free(p);
}
END_TEST

/* Kind codes: [a-z0-9][a-z0-9._-]*; void and order.* are reserved. */
START_TEST(test_kind_codes)
{
	ck_assert(svc_kind_code_valid("complaint.verified"));
	ck_assert(svc_kind_code_valid("5s_area-1"));
	ck_assert(svc_kind_code_valid("x"));
	ck_assert(!svc_kind_code_valid(""));
	ck_assert(!svc_kind_code_valid(NULL));
	ck_assert(!svc_kind_code_valid(".x"));
	ck_assert(!svc_kind_code_valid("-x"));
	ck_assert(!svc_kind_code_valid("Complaint"));
	ck_assert(!svc_kind_code_valid("a b"));
	ck_assert(!svc_kind_code_valid("投诉"));
	ck_assert(svc_kind_code_reserved("void"));
	ck_assert(svc_kind_code_reserved("order.close"));
	ck_assert(!svc_kind_code_reserved("order"));
	ck_assert(!svc_kind_code_reserved("voided"));
	ck_assert(!svc_kind_code_reserved(NULL));
}
END_TEST

/* The metric list is the format spec's, NULL-terminated. */
START_TEST(test_metrics)
{
	const char *want[] = { "satisfaction", "complaint_handling",
	    "closure_rate", "window_score", "score_mean", "revisit_ontime",
	    "kpi", "pressure_pass" };
	size_t i;

	for (i = 0; i < 8; i++)
		ck_assert_str_eq(svc_policy_metrics[i], want[i]);
	ck_assert_ptr_null(svc_policy_metrics[8]);
}
END_TEST

/* The hash is FNV-1a 64 of the file bytes: a known value, stable, and
 * different when one byte differs. */
START_TEST(test_hash)
{
	struct svc_policy *a = load_ok(HEAD);
	struct svc_policy *b = load_ok(HEAD);
	struct svc_policy *c = load_ok("[policy]\nname = u\n");

	ck_assert_str_eq(a->hash, "dc1308f61498d30b");
	ck_assert_str_eq(a->hash, b->hash);
	ck_assert_str_ne(a->hash, c->hash);
	svc_policy_free(a);
	svc_policy_free(b);
	svc_policy_free(c);
}
END_TEST

/* A UTF-8 BOM at the start is accepted, hashed, and not counted in the
 * first line's length; CRLF line ends are accepted. */
START_TEST(test_bom_crlf)
{
	char text[512];
	struct svc_policy *p;

	p = load_ok("\xEF\xBB\xBF[policy]\r\nname = t\r\n");
	ck_assert_str_eq(p->name, "t");
	ck_assert_str_ne(p->hash, "dc1308f61498d30b");
	svc_policy_free(p);

	snprintf(text, sizeof(text), "\xEF\xBB\xBF;%0198d\n" HEAD, 0);
	p = load_ok(text);
	svc_policy_free(p);
}
END_TEST

/* Comments: whole-line ; and #, inline " ;"; a ';' glued to text stays. */
START_TEST(test_comments)
{
	struct svc_policy *p = load_ok("# top\n; top\n[policy] ; main\n"
	    "name = a;b ; trailing\n[tier.x] # hash comment\nmin = 1\n"
	    "badge = #1\n");

	ck_assert_str_eq(p->name, "a;b");
	ck_assert_str_eq(p->tiers[0].badge, "#1");
	svc_policy_free(p);
}
END_TEST

/* Leading white space is ignored: indented keys are ordinary keys, never
 * a continuation of the previous value. */
START_TEST(test_indented_keys)
{
	struct svc_policy *p = load_ok("[policy]\n  name = t\n"
	    "[kind.x]\n\tlabel = l\n    points = -5\n");

	ck_assert_str_eq(p->kinds[0].label, "l");
	ck_assert(p->kinds[0].points == -5);
	svc_policy_free(p);
}
END_TEST

/* An indented bare line (a would-be continuation) is a syntax error. */
START_TEST(test_err_continuation)
{
	ERR("[policy]\nname = a\n  continued\n", 3, "",
	    "syntax error: expected 'key = value'");
}
END_TEST

/* A line without '=' is a syntax error at its line. */
START_TEST(test_err_syntax_no_equals)
{
	ERR(HEAD "[kind.x]\npoints -5\n", 4, "",
	    "syntax error: expected 'key = value'");
}
END_TEST

/* An unterminated section header is a syntax error. */
START_TEST(test_err_syntax_header)
{
	ERR(HEAD "[kind.x\n", 3, "",
	    "syntax error: missing ']' in section header");
	ERR(HEAD "[kind.x ;c]\n", 3, "",
	    "syntax error: missing ']' in section header");
}
END_TEST

/* Text after a section header (libinih would drop it) is refused. */
START_TEST(test_err_syntax_after_header)
{
	ERR(HEAD "[kind.x] points = 5\n", 3, "",
	    "syntax error: text after section header");
}
END_TEST

/* "= value" has no key. */
START_TEST(test_err_syntax_no_key)
{
	ERR(HEAD "= 5\n", 3, "", "syntax error: missing key before '='");
}
END_TEST

/* A key before the first section is refused, naming the key. */
START_TEST(test_err_outside_section)
{
	ERR("name = t\n[policy]\n", 1, "name", "key outside any section");
}
END_TEST

/* A line over 199 bytes is an error, never split; 199 is fine. */
START_TEST(test_err_line_too_long)
{
	char text[512];
	struct svc_policy *p;

	snprintf(text, sizeof(text), HEAD "description = %0185d\n", 0);
	ck_assert_int_eq(strlen(text) - strlen(HEAD) - 1, 199);
	p = load_ok(text);
	svc_policy_free(p);

	snprintf(text, sizeof(text), HEAD "description = %0186d\n", 0);
	ERR(text, 3, "", "line too long (200 bytes, at most 199)");
	/* the tail of a long line must not be read as a key of its own */
	snprintf(text, sizeof(text), HEAD "; %0196d name = x\n", 0);
	ERR(text, 3, "", "line too long (207 bytes, at most 199)");
}
END_TEST

/* Bytes that are not UTF-8, or a NUL, are refused at their line. */
START_TEST(test_err_encoding)
{
	struct svc_err e;
	static const char nul[] = HEAD "label = a\0b\n";

	ERR(HEAD "; \xD5\xC5\xC8\xFD in GBK\n", 3, "", "invalid UTF-8");
	ck_assert_ptr_null(load_n(nul, sizeof(nul) - 1, &e));
	ck_assert_int_eq(e.line, 3);
	ck_assert_str_eq(e.msg, "NUL byte in line");
}
END_TEST

/* An unknown section names the section in brackets and lists the forms. */
START_TEST(test_err_unknown_section)
{
	ERR(HEAD "[kinds.x]\n", 3, "[kinds.x]",
	    "unknown section (expected policy, kind.CODE, tier.NAME, "
	    "star.NAME, worst.NAME, posting, target.NAME, revisit.TIER, "
	    "limit.NAME, schedule.NAME, orders, category.CODE, calendar, "
	    "reminders)");
	ERR(HEAD "[policy.x]\n", 3, "[policy.x]",
	    "unknown section (expected policy, kind.CODE, tier.NAME, "
	    "star.NAME, worst.NAME, posting, target.NAME, revisit.TIER, "
	    "limit.NAME, schedule.NAME, orders, category.CODE, calendar, "
	    "reminders)");
}
END_TEST

/* A named section without its name. */
START_TEST(test_err_section_without_name)
{
	ERR(HEAD "[kind]\n", 3, "[kind]",
	    "section needs a name: [kind.CODE]");
	ERR(HEAD "[tier.]\nmin = 1\n", 3, "[tier.]",
	    "section needs a name: [tier.NAME]");
}
END_TEST

/* libinih cuts section names at 49 bytes; longer ones are refused. */
START_TEST(test_err_section_name_too_long)
{
	char text[256];

	snprintf(text, sizeof(text), HEAD "[tier.%044d]\nmin = 1\n", 0);
	svc_policy_free(load_ok(text));
	snprintf(text, sizeof(text), HEAD "[tier.%045d]\nmin = 1\n", 0);
	ERR(text, 3, "", "section name too long (50 bytes, at most 49)");
}
END_TEST

/* Kind codes must be well formed. */
START_TEST(test_err_bad_kind_code)
{
	ERR(HEAD "[kind.Complaint]\n", 3, "[kind.Complaint]",
	    "bad kind code 'Complaint' (expected [a-z0-9][a-z0-9._-]*)");
}
END_TEST

/* "void" and "order.*" belong to the ledger. */
START_TEST(test_err_reserved_kind)
{
	ERR(HEAD "[kind.void]\n", 3, "[kind.void]",
	    "kind code 'void' is reserved for the ledger");
	ERR(HEAD "[kind.order.close]\n", 3, "[kind.order.close]",
	    "kind code 'order.close' is reserved for the ledger");
}
END_TEST

/* A section given twice is refused at the second, naming the first. */
START_TEST(test_err_duplicate_section)
{
	ERR(HEAD "[kind.x]\n\n[kind.x]\n", 5, "[kind.x]",
	    "duplicate section (first at line 3)");
	ERR(HEAD "[policy]\n", 3, "[policy]",
	    "duplicate section (first at line 1)");
}
END_TEST

/* A key given twice in one section is refused; the same key in two
 * sections is fine. */
START_TEST(test_err_duplicate_key)
{
	ERR(HEAD "[kind.x]\npoints = 1\nlabel = a\npoints = 2\n", 6, "points",
	    "duplicate key (first at line 4)");
	svc_policy_free(load_ok(HEAD "[kind.x]\npoints = 1\n"
	    "[kind.y]\npoints = 1\n"));
}
END_TEST

/*
 * [policy] timezone must be a zone file the C library can read: glibc
 * takes an unknown name for UTC silently. Applying it makes it local time.
 */
START_TEST(test_timezone)
{
	struct svc_policy *p = load_ok(HEAD "timezone = America/New_York\n");
	char buf[16];

	ck_assert_str_eq(p->timezone, "America/New_York");
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	svc_policy_apply_zone(p);
	ck_assert_str_eq(getenv("TZ"), "America/New_York");
	/* 2026-09-01T07:30+08:00 is still 31 August in New York */
	ck_assert_str_eq(svc_date_format(1788219000, buf), "2026-08-31");
	svc_policy_free(p);
	p = load_ok(HEAD);
	ck_assert_str_eq(p->timezone, "");
	svc_policy_apply_zone(p);
	ck_assert_str_eq(getenv("TZ"), "America/New_York");
	svc_policy_apply_zone(NULL);
	svc_policy_free(p);
	ERR(HEAD "timezone = Asia/Shangai\n", 3, "timezone",
	    "unknown time zone 'Asia/Shangai' (no zone file "
	    "/usr/share/zoneinfo/Asia/Shangai; on Debian install tzdata)");
	ERR(HEAD "timezone = CST-8\n", 3, "timezone",
	    "unknown time zone 'CST-8' (no zone file /usr/share/zoneinfo/CST-8; "
	    "on Debian install tzdata)");
	ERR(HEAD "timezone = Asia/../Asia/Shanghai\n", 3, "timezone",
	    "'Asia/../Asia/Shanghai' is not a time zone name like "
	    "Asia/Shanghai");
	ERR(HEAD "timezone = Asia//Shanghai\n", 3, "timezone",
	    "'Asia//Shanghai' is not a time zone name like Asia/Shanghai");
	ERR(HEAD "timezone = Asia/\n", 3, "timezone",
	    "'Asia/' is not a time zone name like Asia/Shanghai");
	ERR(HEAD "timezone = Asia\n", 3, "timezone",
	    "unknown time zone 'Asia' (no zone file /usr/share/zoneinfo/Asia; "
	    "on Debian install tzdata)");
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
}
END_TEST

/* A posting's length is days or calendar months, exactly one. */
START_TEST(test_posting_length)
{
	struct svc_policy *p = load_ok(HEAD "[posting]\nmonths = 1\n");

	ck_assert_int_eq(p->posting.months, 1);
	ck_assert_int_eq(p->posting.days, 0);
	svc_policy_free(p);
	ERR(HEAD "[posting]\nmonths = 1\ndays = 30\n", 5, "days",
	    "days and months do not go together (one length)");
	ERR(HEAD "[posting]\ndays = 30\nmonths = 1\n", 5, "months",
	    "days and months do not go together (one length)");
	ERR(HEAD "[posting]\ncontact = 6264368\n", 3, "[posting]",
	    "posting needs days or months");
	ERR(HEAD "[posting]\nmonths = 0\n", 4, "months",
	    "'0' out of range (expected 1 or more)");
}
END_TEST

/* An unknown key names itself and its section. */
START_TEST(test_err_unknown_key)
{
	ERR(HEAD "[kind.x]\npionts = 5\n", 4, "pionts",
	    "unknown key 'pionts' in [kind.x]");
	ERR(HEAD "[posting]\nPoints = 5\n", 4, "Points",
	    "unknown key 'Points' in [posting]");
}
END_TEST

/* Numbers are plain decimals; the message quotes the bad value. */
START_TEST(test_err_bad_number)
{
	ERR(HEAD "[kind.x]\npoints = ten\n", 4, "points", "bad number 'ten'");
	ERR(HEAD "[tier.x]\nmin = 0x10\n", 4, "min", "bad number '0x10'");
	ERR(HEAD "[tier.x]\nmin =\n", 4, "min", "bad number ''");
	ERR("[policy]\nname = t\nbase = average\n", 3, "base",
	    "bad number 'average'");
}
END_TEST

/* Whole numbers and their lower bounds. */
START_TEST(test_err_bad_integer)
{
	ERR(HEAD "[worst.w]\nthreshold = 2.5\n", 4, "threshold",
	    "bad number '2.5' (expected a whole number)");
	ERR(HEAD "[worst.w]\nthreshold = 0\n", 4, "threshold",
	    "'0' out of range (expected 1 or more)");
	ERR(HEAD "[posting]\ndays = -1\n", 4, "days",
	    "'-1' out of range (expected 0 or more)");
	ERR(HEAD "[posting]\ndays = 99999999999\n", 4, "days",
	    "'99999999999' out of range (expected at most 10000)");
	ERR(HEAD "[posting]\npay_after_months = 10001\n", 4,
	    "pay_after_months", "'10001' out of range (expected at most 10000)");
	ERR(HEAD "[orders]\ndue = 10001d\n", 4, "due",
	    "'10001d' out of range (expected at most 10000d, 10000 workdays, "
	    "10000 work hours or 240000h)");
	ERR(HEAD "[orders]\ndue = 240001h\n", 4, "due",
	    "'240001h' out of range (expected at most 10000d, 10000 workdays, "
	    "10000 work hours or 240000h)");
	ERR(HEAD "[orders]\ndue = 10001 workdays\n", 4, "due",
	    "'10001 workdays' out of range (expected at most 10000d, 10000 "
	    "workdays, 10000 work hours or 240000h)");
	ERR(HEAD "[orders]\ndue = 10001 work hours\n", 4, "due",
	    "'10001 work hours' out of range (expected at most 10000d, 10000 "
	    "workdays, 10000 work hours or 240000h)");
	ERR(HEAD "[revisit.big]\nevery = 0\n", 4, "every",
	    "'0' out of range (expected 1 or more)");
}
END_TEST

/* Text reaches terminals and mail: no control character anywhere. */
START_TEST(test_err_control_chars)
{
	ERR("[policy]\nname = a\x1b[31mb\n", 2, "name",
	    "control character U+001B not allowed");
	ERR(HEAD "[tier.x]\nmin = 0\naction = a\tb\n", 5, "action",
	    "control character U+0009 not allowed");
	ERR(HEAD "[kind.k]\nlabel = a\xc2\x85\n", 4, "label",
	    "control character U+0085 not allowed");
	ERR(HEAD "[star.s\x7f]\n", 3, "",
	    "control character U+007F not allowed in a section name");
	ERR(HEAD "na\x01me = x\n", 3, "",
	    "control character U+0001 not allowed in a key");
}
END_TEST

/* Money and minutes bounds. */
START_TEST(test_err_number_range)
{
	ERR(HEAD "[tier.x]\nmin = 1\namount = -500\n", 5, "amount",
	    "'-500' out of range (expected 0 to 1000000000)");
	ERR(HEAD "[kind.k]\n[limit.l]\nkind = k\nminutes = 0\n", 6, "minutes",
	    "'0' out of range (expected more than 0, up to 1000000000)");
	ERR(HEAD "[kind.k]\ndisqualify_total = 0\n", 4, "disqualify_total",
	    "'0' out of range (expected more than 0, up to 1000000000)");
}
END_TEST

/* Every number is within 1e9 in size: 1e308 would give inf scores. */
START_TEST(test_err_number_too_large)
{
	static const char *const any[][2] = {
		{ "[policy]\nname = t\nbase = 1e308\n", "base" },
		{ HEAD "floor = -1e10\n", "floor" },
		{ HEAD "cap = 1000000000.5\n", "cap" },
		{ HEAD "[kind.k]\npoints = -1e308\n", "points" },
		{ HEAD "[kind.k]\nsupervisor_points = 2e9\n",
		    "supervisor_points" },
		{ HEAD "[kind.k]\nleader_points = 2e9\n", "leader_points" },
		{ HEAD "[kind.k]\nvalue_min = -2e9\n", "value_min" },
		{ HEAD "[kind.k]\nvalue_max = 2e9\n", "value_max" },
		{ HEAD "[kind.k]\ndissatisfied_max = 2e9\n",
		    "dissatisfied_max" },
		{ HEAD "[tier.x]\nmin = 2e9\n", "min" },
		{ HEAD "[tier.x]\nmax = -2e9\n", "max" },
		{ HEAD "[star.s]\nmin_score = 2e9\n", "min_score" },
		{ HEAD "[target.t]\nmin = 2e9\n", "min" },
		{ HEAD "[target.t]\nmax = 2e9\n", "max" },
	};
	char want[128];

	for (size_t i = 0; i < sizeof(any) / sizeof(any[0]); i++) {
		struct svc_err e;
		struct svc_policy *p = load(any[i][0], &e);
		const char *v = strrchr(any[i][0], '=') + 2;

		ck_assert_msg(p == NULL, "%s accepted", any[i][0]);
		ck_assert_str_eq(e.field, any[i][1]);
		snprintf(want, sizeof(want), "'%.*s' out of range (expected "
		    "-1000000000 to 1000000000)", (int)strcspn(v, "\n"), v);
		ck_assert_str_eq(e.msg, want);
	}
	ERR(HEAD "[tier.x]\nmin = 1\namount = 1e10\n", 5, "amount",
	    "'1e10' out of range (expected 0 to 1000000000)");
	ERR(HEAD "[star.s]\namount = 1e10\n", 4, "amount",
	    "'1e10' out of range (expected 0 to 1000000000)");
	ERR(HEAD "[worst.w]\nthreshold = 1\nfine = 1e10\n", 5, "fine",
	    "'1e10' out of range (expected 0 to 1000000000)");
	ERR(HEAD "[kind.k]\ndisqualify_total = 1e10\n", 4, "disqualify_total",
	    "'1e10' out of range (expected more than 0, up to 1000000000)");
	ERR(HEAD "[kind.k]\n[limit.l]\nkind = k\nminutes = 1e10\n", 6,
	    "minutes", "'1e10' out of range (expected more than 0, up to "
	    "1000000000)");
	/* the largest is taken */
	svc_policy_free(load_ok(HEAD "base = 1e9\nfloor = -1e9\n"
	    "[kind.k]\npoints = -1000000000\n"));
	/* strtod's other numbers are not numbers here */
	ERR(HEAD "base = inf\n", 3, "base", "bad number 'inf'");
	ERR(HEAD "base = nan\n", 3, "base", "bad number 'nan'");
	ERR(HEAD "base = infinity\n", 3, "base", "bad number 'infinity'");
	ERR(HEAD "[kind.k]\npoints = 0x1p3\n", 4, "points",
	    "bad number '0x1p3'");
}
END_TEST

/* A choice outside its list quotes the value and lists the choices. */
START_TEST(test_err_bad_choice)
{
	ERR(HEAD "[kind.x]\ncounts_as = complaints\n", 4, "counts_as",
	    "unknown value 'complaints' (expected none, complaint, praise, "
	    "assessment, deduction, bonus, contact, revisit, operation, "
	    "nomination)");
	ERR("[policy]\nname = t\nperiod = daily\n", 3, "period",
	    "unknown value 'daily' (expected week, month, quarter, year)");
	ERR(HEAD "[kind.x]\ndisqualify_total = 15\ndisqualify_window = year\n",
	    5, "disqualify_window",
	    "unknown value 'year' (expected week, month, quarter)");
	ERR(HEAD "[star.s]\ngroup_by = team\n", 4, "group_by",
	    "unknown value 'team' (expected all, unit, dept, position)");
	ERR(HEAD "[target.t]\nmetric = speed\n", 4, "metric",
	    "unknown value 'speed' (expected satisfaction, "
	    "complaint_handling, closure_rate, window_score, score_mean, "
	    "revisit_ontime, kpi, pressure_pass)");
}
END_TEST

/* Booleans are yes/no/true/false/1/0, lower case. */
START_TEST(test_err_bad_bool)
{
	ERR(HEAD "[kind.x]\ndisqualify = maybe\n", 4, "disqualify",
	    "bad boolean 'maybe' (expected yes, no, true, false, 1, 0)");
	ERR(HEAD "[posting]\nwithdraw_on_complaint = Yes\n", 4,
	    "withdraw_on_complaint",
	    "bad boolean 'Yes' (expected yes, no, true, false, 1, 0)");
}
END_TEST

/* A missing required key is reported at its section's header line, after
 * the section ends (next header or end of file). */
START_TEST(test_err_missing_key)
{
	ERR("; c\n[policy]\nperiod = month\n[kind.x]\n", 2, "name",
	    "required key missing in [policy]");
	ERR(HEAD "[worst.w]\nfine = 500\n", 3, "threshold",
	    "required key missing in [worst.w]");
	ERR(HEAD "[target.t]\nmin = 1\n", 3, "metric",
	    "required key missing in [target.t]");
	ERR(HEAD "[revisit.big]\n[tier.x]\nmin = 1\n", 3, "every",
	    "required key missing in [revisit.big]");
	ERR(HEAD "[kind.k]\n[limit.l]\nkind = k\n", 4, "minutes",
	    "required key missing in [limit.l]");
	ERR(HEAD "[limit.l]\nminutes = 5\n", 3, "kind",
	    "required key missing in [limit.l]");
	ERR("[policy]\nname =\n", 2, "name", "empty value");
}
END_TEST

/* Without a [policy] section there is no scheme. */
START_TEST(test_err_missing_policy)
{
	ERR("[kind.x]\n", 0, "[policy]", "required section missing");
	ERR("", 0, "[policy]", "required section missing");
}
END_TEST

/* A tier needs min or max, reported at its header, also when empty. */
START_TEST(test_err_tier_without_bounds)
{
	ERR(HEAD "[tier.gold]\namount = 500\n[tier.silver]\nmin = 1\n", 3,
	    "[tier.gold]", "tier needs min or max");
	ERR(HEAD "[tier.gold]\n", 3, "[tier.gold]", "tier needs min or max");
}
END_TEST

/* min must be below max (equal is refused too), reported at the later of
 * the two keys. */
START_TEST(test_err_tier_min_max)
{
	ERR(HEAD "[tier.x]\nmin = 95\nmax = 90\n", 5, "max",
	    "min 95 not below max 90");
	ERR(HEAD "[tier.x]\nmax = 90\namount = 1\nmin = 90\n", 6, "min",
	    "min 90 not below max 90");
}
END_TEST

/* A target needs a bound; min above max is refused. */
START_TEST(test_err_target_bounds)
{
	ERR(HEAD "[target.t]\nmetric = kpi\n", 3, "[target.t]",
	    "target needs min or max");
	ERR(HEAD "[target.t]\nmetric = kpi\nmin = 99\nmax = 98\n", 6, "max",
	    "min 99 above max 98");
}
END_TEST

/* satisfied_min, handled_by and units: read, defaulted, and checked. */
START_TEST(test_handling_keys)
{
	struct svc_policy *p = load_ok(HEAD
	    "[kind.rv]\ncounts_as = revisit\nsatisfied_min = 4\n"
	    "[kind.rv2]\ncounts_as = revisit\ndissatisfied_max = 1\n"
	    "[kind.c]\ncounts_as = complaint\nhandled_by = order\n"
	    "[kind.c2]\ncounts_as = complaint\n"
	    "[target.w]\nmetric = window_score\nmin = 99\n"
	    "units = 胜利路营业厅 ,行政服务中心窗口\n");
	const struct svc_kind *rv = svc_policy_kind(p, "rv"),
	    *rv2 = svc_policy_kind(p, "rv2");

	ck_assert(!svc_kind_satisfied(rv, 3) && svc_kind_satisfied(rv, 4));
	/* without satisfied_min: anything above dissatisfied_max */
	ck_assert(!svc_kind_satisfied(rv2, 1) && svc_kind_satisfied(rv2, 2));
	ck_assert_int_eq(svc_policy_kind(p, "c")->handled_by,
	    SVC_HANDLED_BY_ORDER);
	ck_assert_int_eq(svc_policy_kind(p, "c2")->handled_by,
	    SVC_HANDLED_BY_REVISIT);
	ck_assert_uint_eq(p->targets[0].nunits, 2);
	ck_assert_str_eq(p->targets[0].units[0], "胜利路营业厅");
	ck_assert_str_eq(p->targets[0].units[1], "行政服务中心窗口");
	ck_assert_uint_eq(p->nwarnings, 0);
	svc_policy_free(p);

	ERR(HEAD "[kind.rv]\ncounts_as = revisit\nsatisfied_min = 2\n", 5,
	    "satisfied_min", "satisfied_min 2 not above dissatisfied_max 2");
	ERR(HEAD "[kind.rv]\nsatisfied_min = 4\ncounts_as = revisit\n"
	    "dissatisfied_max = 4\n", 6, "dissatisfied_max",
	    "satisfied_min 4 not above dissatisfied_max 4");
	ERR(HEAD "[kind.x]\nsatisfied_min = 4\ncounts_as = complaint\n", 4,
	    "satisfied_min", "satisfied_min on a kind that does not count as "
	    "revisit");
	ERR(HEAD "[kind.x]\nhandled_by = order\n", 4, "handled_by",
	    "handled_by on a kind that does not count as complaint");
	ERR(HEAD "[kind.x]\ncounts_as = complaint\nhandled_by = visit\n", 5,
	    "handled_by", "unknown value 'visit' (expected revisit, order)");
	ERR(HEAD "[target.t]\nunits = a\nmetric = kpi\nmax = 5\n", 4, "units",
	    "units with metric 'kpi' (only window_score is judged per unit)");
	ERR(HEAD "[target.t]\nmetric = window_score\nunits = a,,b\n", 5,
	    "units", "empty unit name in 'a,,b'");
	ERR(HEAD "[target.t]\nmetric = window_score\nunits = a, b,a\n", 5,
	    "units", "unit 'a' listed twice");
}
END_TEST

/* A target nothing in the ledger can measure loads, with a warning at
 * its section naming why. */
START_TEST(test_unmeasurable_targets)
{
	struct svc_policy *p = load_ok(HEAD
	    "[kind.c]\ncounts_as = complaint\n"
	    "[target.s]\nmetric = satisfaction\nmin = 95\n"	/* 5 */
	    "[target.h]\nmetric = complaint_handling\nmin = 100\n" /* 8 */
	    "[target.c]\nmetric = closure_rate\nmin = 90\n"
	    "[target.m]\nmetric = score_mean\nmin = 90\n");
	char buf[512];

	ck_assert_uint_eq(p->nwarnings, 2);
	ck_assert_int_eq(p->warnings[0].code, 0);
	ck_assert_str_eq(svc_err_format(&p->warnings[0], buf, sizeof(buf)) +
	    strlen(last_path), ":5: [target.s]: nothing in the ledger can "
	    "measure satisfaction: no kind counts as revisit");
	ck_assert_str_eq(svc_err_format(&p->warnings[1], buf, sizeof(buf)) +
	    strlen(last_path), ":8: [target.h]: nothing in the ledger can "
	    "measure complaint_handling: complaints are handled by revisits, "
	    "and no kind counts as revisit");
	svc_policy_free(p);
	/* handled by orders, complaints need no revisit */
	p = load_ok(HEAD "[kind.c]\ncounts_as = complaint\nhandled_by = order\n"
	    "[target.h]\nmetric = complaint_handling\nmin = 100\n");
	ck_assert_uint_eq(p->nwarnings, 0);
	svc_policy_free(p);
}
END_TEST

/* floor above cap is refused. */
START_TEST(test_err_floor_cap)
{
	ERR("[policy]\nname = t\ncap = 80\nfloor = 90\n", 4, "floor",
	    "floor 90 above cap 80");
}
END_TEST

/* Kind rule errors: *_from / *_escalation without *_points, *_from < 1,
 * value_min above value_max, disqualify_window without disqualify_total,
 * progressive escalation of value points (order-dependent). */
START_TEST(test_err_kind_rules)
{
	ERR(HEAD "[kind.x]\nsupervisor_from = 2\n", 4, "supervisor_from",
	    "supervisor_from without supervisor_points");
	ERR(HEAD "[kind.x]\nsupervisor_points = -3\nleader_escalation = flat\n",
	    5, "leader_escalation", "leader_escalation without leader_points");
	ERR(HEAD "[kind.x]\nleader_points = -3\nleader_from = 0\n", 5,
	    "leader_from", "'0' out of range (expected 1 or more)");
	ERR(HEAD "[kind.x]\nvalue_max = 5\nvalue_min = 10\n", 5, "value_min",
	    "value_min 10 above value_max 5");
	ERR(HEAD "[kind.x]\ndisqualify_window = week\n", 4,
	    "disqualify_window", "disqualify_window without disqualify_total");
	ERR(HEAD "[kind.x]\nescalation = progressive\npoints = value\n", 4,
	    "escalation", "progressive escalation needs fixed points, not "
	    "'value'");
}
END_TEST

/* worst.kinds, limit.kind and limit.breach must name defined kinds; the
 * error is at the referencing key's line. */
START_TEST(test_err_undefined_kind)
{
	ERR(HEAD "[kind.complaint]\n[worst.w]\nthreshold = 2\n"
	    "kinds = complaint complaint.x\n", 6, "kinds",
	    "undefined kind 'complaint.x' (no [kind.complaint.x] section)");
	ERR(HEAD "[limit.l]\nkind = op.belt\nminutes = 40\n", 4, "kind",
	    "undefined kind 'op.belt' (no [kind.op.belt] section)");
	ERR(HEAD "[kind.op]\n[limit.l]\nkind = op\nminutes = 40\n"
	    "breach = late\n", 7, "breach",
	    "undefined kind 'late' (no [kind.late] section)");
}
END_TEST

/* A kind may be defined after the rule that names it. */
START_TEST(test_kind_defined_later)
{
	struct svc_policy *p = load_ok(HEAD
	    "[worst.w]\nthreshold = 2\nkinds = c\n"
	    "[limit.l]\nkind = op\nminutes = 40\nbreach = late\n"
	    "[kind.c]\n[kind.op]\n[kind.late]\n");

	ck_assert_str_eq(p->worsts[0].kinds[0], "c");
	ck_assert_str_eq(p->limits[0].breach, "late");
	svc_policy_free(p);
}
END_TEST

/* Kind lists: well-formed codes, each once, not empty. */
START_TEST(test_err_kind_list)
{
	ERR(HEAD "[worst.w]\nthreshold = 2\nkinds = c 投诉\n", 5, "kinds",
	    "bad kind code '投诉' (expected [a-z0-9][a-z0-9._-]*)");
	ERR(HEAD "[worst.w]\nthreshold = 2\nkinds = c d c\n", 5, "kinds",
	    "kind 'c' listed twice");
	ERR(HEAD "[worst.w]\nthreshold = 2\nkinds =\n", 5, "kinds",
	    "empty list (leave the key out to count every complaint kind)");
}
END_TEST

/* Lists of positions: a kind's sheets, a star's competitors and
 * nominators; ASCII, full-width and enumeration commas separate. */
START_TEST(test_positions)
{
	struct svc_policy *p = load_ok(HEAD
	    "[kind.hygiene.poor]\nlabel = 库内卫生较差\npoints = -5\n"
	    "positions = 上下架员\n"
	    "[kind.data]\npositions = 仓储作业员 , 上下架员、订单员，客服专员\n"
	    "[kind.any]\n[kind.nominate]\ncounts_as = nomination\n"
	    "[star.weekly]\ngroup_by = position\n"
	    "positions = 仓储作业员, 上下架员, 订单员\n"
	    "[star.骨干]\nchosen_by = nomination\n"
	    "nominated_by = 运营部长, 运营主管\n");
	const struct svc_kind *k = svc_policy_kind(p, "data");
	struct svc_err e;

	ck_assert_uint_eq(k->positions.n, 4);
	ck_assert_str_eq(k->positions.v[0], "仓储作业员");
	ck_assert_str_eq(k->positions.v[2], "订单员");
	ck_assert_str_eq(k->positions.v[3], "客服专员");
	ck_assert_uint_eq(svc_policy_kind(p, "any")->positions.n, 0);
	ck_assert_uint_eq(p->stars[0].positions.n, 3);
	ck_assert(!p->stars[0].by_nomination);
	ck_assert(p->stars[1].by_nomination);
	ck_assert(svc_names_has(&p->stars[1].nominated_by, "运营主管"));
	ck_assert(!svc_names_has(&p->stars[1].nominated_by, "运营"));

	/* a kind is on the sheets it names, or on every sheet */
	k = svc_policy_kind(p, "hygiene.poor");
	ck_assert_int_eq(svc_policy_kind_on_sheet(k, "W010", "上下架员", &e),
	    0);
	ck_assert_int_eq(svc_policy_kind_on_sheet(svc_policy_kind(p, "any"),
	    "W006", "仓储作业员", &e), 0);
	ck_assert_int_eq(svc_policy_kind_on_sheet(k, "W006", "仓储作业员", &e),
	    -1);
	ck_assert_str_eq(e.field, "kind");
	ck_assert_str_eq(e.msg, "hygiene.poor (库内卫生较差) is not on the "
	    "仓储作业员 sheet (only 上下架员)");
	ck_assert_int_eq(svc_policy_kind_on_sheet(svc_policy_kind(p, "data"),
	    "W020", "", &e), -1);
	ck_assert_str_eq(e.msg, "data is not on the sheet of 'W020', who has "
	    "no position (only 仓储作业员, 上下架员, 订单员, 客服专员)");
	svc_policy_free(p);
}
END_TEST

START_TEST(test_err_positions)
{
	ERR(HEAD "[kind.k]\npositions = 订单员,,上下架员\n", 4, "positions",
	    "empty name in the list '订单员,,上下架员'");
	ERR(HEAD "[kind.k]\npositions = 订单员, 订单员\n", 4, "positions",
	    "'订单员' listed twice");
	ERR(HEAD "[star.s]\npositions =\n", 4, "positions",
	    "empty list (leave the key out for every position)");
	ERR(HEAD "[star.s]\nnominated_by = 运营部长\namount = 1\n", 4,
	    "nominated_by", "nominated_by without chosen_by = nomination");
	/* the nominations come from kinds defined anywhere in the file */
	ERR(HEAD "[star.s]\nchosen_by = nomination\n[kind.k]\n", 3,
	    "chosen_by", "[star.s] is chosen by nomination, but no kind "
	    "counts_as nomination");
	ERR(HEAD "[star.s]\nchosen_by = vote\n", 4, "chosen_by",
	    "unknown value 'vote' (expected score, nomination)");
}
END_TEST

/* A time limit on a kind that takes no value can never be measured. */
START_TEST(test_err_limit_valueless_kind)
{
	ERR(HEAD "[kind.op]\nvalue = none\n[limit.l]\nkind = op\n"
	    "minutes = 5\n", 6, "kind",
	    "kind 'op' takes no value, so it cannot carry minutes");
}
END_TEST

/* charge = none | staff agrees with breach; without charge, breach
 * decides (staff when set) */
START_TEST(test_err_limit_charge)
{
	ERR(HEAD "[kind.k]\nvalue = required\n[limit.l]\nkind = k\n"
	    "minutes = 5\ncharge = staff\n", 8, "charge",
	    "charge = staff without breach (the kind to charge)");
	ERR(HEAD "[kind.k]\nvalue = required\n[limit.l]\nkind = k\n"
	    "minutes = 5\nbreach = k\ncharge = none\n", 9, "charge",
	    "breach with charge = none (a breach charges no one)");
	ERR(HEAD "[kind.k]\nvalue = required\n[limit.l]\nkind = k\n"
	    "minutes = 5\ncharge = none\nbreach = k\n", 9, "breach",
	    "breach with charge = none (a breach charges no one)");
	ERR(HEAD "[kind.k]\n[limit.l]\nkind = k\nminutes = 5\n"
	    "charge = crew\n", 7, "charge",
	    "unknown value 'crew' (expected none, staff)");
}
END_TEST

/* match words: no empty word; two limits of a kind where every note
 * matching one matches the other can never be told apart */
START_TEST(test_err_limit_match)
{
	ERR(HEAD "[kind.k]\n[limit.l]\nkind = k\nminutes = 5\n"
	    "match = 挂车,,重货\n", 7, "match",
	    "empty word in '挂车,,重货' (expected words separated by commas)");
	ERR(HEAD "[kind.k]\n[limit.l]\nkind = k\nminutes = 5\n"
	    "match = 挂车, \n", 7, "match",
	    "empty word in '挂车,' (expected words separated by commas)");
	ERR(HEAD "[kind.k]\n[limit.a]\nkind = k\nminutes = 5\n"
	    "match = 挂车\n[limit.b]\nkind = k\nminutes = 9\n"
	    "match = 重货, 挂车\n", 11, "match",
	    "[limit.a] also measures every note [limit.b] does (kind 'k')");
	ERR(HEAD "[kind.k]\n[limit.a]\nkind = k\nminutes = 5\n"
	    "match = 挂车\n[limit.b]\nkind = k\nminutes = 9\n", 8, "match",
	    "[limit.b] also measures every note [limit.a] does (kind 'k')");
	/* the same words on another kind are no clash */
	svc_policy_free(load_ok(HEAD "[kind.k]\n[kind.j]\n[limit.a]\n"
	    "kind = k\nminutes = 5\nmatch = 挂车\n[limit.b]\nkind = j\n"
	    "minutes = 9\nmatch = 挂车\n"));
}
END_TEST

/* alert = FIELD OP NUMBER on a kind's number field: several lines, in
 * file order, the field declared before or after; the threshold itself
 * meets >= and <= (37.3 is listed, 37.29 not) */
START_TEST(test_alerts)
{
	struct svc_policy *p = load_ok(HEAD "[kind.visitor]\n"
	    "alert = temperature >= 37.3\n"
	    "field.temperature = number 34.0..43.0 required\n"
	    "alert = temperature<35\n"
	    "field.fee = money\nalert = fee > 10000\nalert = fee <= 0\n");
	const struct svc_kind *k = &p->kinds[0];

	ck_assert_uint_eq(k->nalerts, 4);
	ck_assert_str_eq(k->alerts[0].field, "temperature");
	ck_assert_int_eq(k->alerts[0].line, 4);
	ck_assert_str_eq(svc_alert_op_name(k->alerts[0].op), ">=");
	ck_assert(k->alerts[0].threshold == 37.3);
	ck_assert(svc_alert_met(&k->alerts[0], 37.3));
	ck_assert(!svc_alert_met(&k->alerts[0], 37.29));
	ck_assert_str_eq(svc_alert_op_name(k->alerts[1].op), "<");
	ck_assert(svc_alert_met(&k->alerts[1], 34.9));
	ck_assert(!svc_alert_met(&k->alerts[1], 35));
	ck_assert_str_eq(svc_alert_op_name(k->alerts[2].op), ">");
	ck_assert(!svc_alert_met(&k->alerts[2], 10000));
	ck_assert(svc_alert_met(&k->alerts[2], 10000.01));
	ck_assert_str_eq(svc_alert_op_name(k->alerts[3].op), "<=");
	ck_assert(svc_alert_met(&k->alerts[3], 0));
	svc_policy_free(p);
}
END_TEST

/* a bad alert: file:line:alert, at its own line even when the field is
 * checked at the end of the section */
START_TEST(test_err_alerts)
{
	ERR(HEAD "[kind.v]\nalert = temperature 37.3\n", 4, "alert",
	    "bad alert 'temperature 37.3' (expected FIELD OP NUMBER, e.g. "
	    "temperature >= 37.3)");
	ERR(HEAD "[kind.v]\nalert = >= 37.3\n", 4, "alert",
	    "bad alert '>= 37.3' (expected FIELD OP NUMBER, e.g. "
	    "temperature >= 37.3)");
	ERR(HEAD "[kind.v]\nalert = t == 37.3\n", 4, "alert",
	    "unknown operator in 't == 37.3' (expected >=, >, <= or <)");
	ERR(HEAD "[kind.v]\nalert = t => 37.3\n", 4, "alert",
	    "unknown operator in 't => 37.3' (expected >=, >, <= or <)");
	ERR(HEAD "[kind.v]\nalert = t <> 37.3\n", 4, "alert",
	    "unknown operator in 't <> 37.3' (expected >=, >, <= or <)");
	ERR(HEAD "[kind.v]\nalert = t >= 37,3\n", 4, "alert",
	    "bad number '37,3' in 't >= 37,3'");
	ERR(HEAD "[kind.v]\nalert = t >= 1e99\n", 4, "alert",
	    "'1e99' out of range (expected -1000000000 to 1000000000)");
	ERR(HEAD "[kind.v]\nfield.t = number\nalert = t >= 37.3\n"
	    "alert = t >=37.3\n", 6, "alert",
	    "alert 't >=37.3' given twice (first at line 5)");
	ERR(HEAD "[kind.v]\nalert = temperature >= 37.3\nfield.temp = number\n"
	    "[kind.w]\n", 4, "alert",
	    "kind 'v' has no field 'temperature' (its fields: temp)");
	ERR(HEAD "[kind.v]\nalert = temperature >= 37.3\n", 4, "alert",
	    "kind 'v' has no field 'temperature' (it has none)");
	ERR(HEAD "[kind.v]\nfield.who = text\nalert = who >= 1\n", 5,
	    "alert", "field 'who' is a text field (an alert compares a "
	    "number or money field)");
	ERR(HEAD "[kind.v]\nfield.t = number 34..43\nalert = t >= 43.1\n",
	    5, "alert", "'t >= 43.1' is never met: field 't' is 34 to 43");
	ERR(HEAD "[kind.v]\nfield.t = number 34..43\nalert = t < 34\n",
	    5, "alert", "'t < 34' is never met: field 't' is 34 to 43");
	ERR(HEAD "[kind.v]\nfield.f = money\nalert = f < 0\n",
	    5, "alert", "'f < 0' is never met: field 'f' is 0 to 1000000000");
	/* at the limits of the range it can be met */
	svc_policy_free(load_ok(HEAD "[kind.v]\nfield.t = number 34..43\n"
	    "alert = t >= 43\nalert = t <= 34\n"));
}
END_TEST

/* cadences owed by positions: all or none of a tier's cadences name
 * one, only cadences that are set, no position twice */
START_TEST(test_revisit_by)
{
	struct svc_policy *p = load_ok(HEAD "[revisit.big]\nevery = 7\n"
	    "by = 客服专员\nsupervisor_every = 15\nsupervisor_by = 运营主管\n"
	    "head_every = 30\nhead_by = 运营部长\n");

	ck_assert_str_eq(p->revisits[0].by, "客服专员");
	ck_assert_str_eq(p->revisits[0].supervisor_by, "运营主管");
	ck_assert_str_eq(p->revisits[0].head_by, "运营部长");
	svc_policy_free(p);
	ERR(HEAD "[revisit.big]\nevery = 7\nby = 客服专员\n"
	    "supervisor_every = 15\n", 3, "[revisit.big]",
	    "supervisor_every needs supervisor_by: every cadence names its "
	    "position or none does");
	ERR(HEAD "[revisit.big]\nevery = 7\nsupervisor_every = 15\n"
	    "supervisor_by = 运营主管\n", 3, "[revisit.big]",
	    "every needs by: every cadence names its position or none does");
	ERR(HEAD "[revisit.big]\nevery = 7\nby = 客服专员\n"
	    "head_by = 运营部长\n", 6, "head_by",
	    "head_by without head_every");
	ERR(HEAD "[revisit.big]\nevery = 7\nby = 运营主管\n"
	    "supervisor_every = 15\nsupervisor_by = 运营主管\n", 7,
	    "supervisor_by", "position '运营主管' already owes every");
	ERR(HEAD "[revisit.big]\nevery = 7\nby =\n", 5, "by",
	    "empty value");
}
END_TEST

/* Work order due: Nh, Nd, N days or N workdays. */
START_TEST(test_orders_due)
{
	struct svc_policy *p = load_ok(HEAD "[orders]\ndue = 48h\n");

	ck_assert_int_eq(p->orders.due.hours, 48);
	ck_assert_int_eq(p->orders.due.workdays, 0);
	svc_policy_free(p);
	p = load_ok(HEAD "[orders]\ndue = 3 days\n");
	ck_assert_int_eq(p->orders.due.hours, 72);
	svc_policy_free(p);
	p = load_ok(HEAD "[orders]\ndue = 3 workdays\n");
	ck_assert_int_eq(p->orders.due.hours, 0);
	ck_assert_int_eq(p->orders.due.workdays, 3);
	svc_policy_free(p);
	p = load_ok(HEAD "[orders]\ndue = 4 work hours\n[calendar]\n"
	    "holidays = 2026-10-01..2026-10-07\n"
	    "hours = 08:30-12:00, 13:30-17:30\n");
	ck_assert_int_eq(p->orders.due.workhours, 4);
	ck_assert_int_eq(p->orders.due.hours, 0);
	ck_assert_uint_eq(p->calendar.nhours, 2);
	ck_assert_int_eq(p->calendar.hours_line, 7);
	ck_assert_int_eq(p->calendar.hours[1].to, 17 * 60 + 30);
	svc_policy_free(p);
	/* a day's hours are the policy's to say: none, no work hours */
	ERR(HEAD "[orders]\ndue = 4 work hours\n[calendar]\n"
	    "holidays = 2026-10-01..2026-10-07\n", 4, "due", "4 work hours "
	    "count working hours, but the policy has no [calendar] hours "
	    "(such as hours = 08:30-12:00, 13:30-17:30)");
	ERR(HEAD "[orders]\ndue = 4 work hours\n", 4, "due", "4 work hours "
	    "count working hours, but the policy has no [calendar] hours "
	    "(such as hours = 08:30-12:00, 13:30-17:30)");
	ERR(HEAD "[calendar]\nholidays = 2026-10-01\nhours = 08:30-12:00, "
	    "11:30-17:30\n", 5, "hours", "interval '11:30-17:30' starts "
	    "before the one before it ends (intervals are in order and do "
	    "not overlap)");
	ERR(HEAD "[calendar]\nholidays = 2026-10-01\nhours = 08:30-12:00\n"
	    "hours = 13:30-17:30\n", 6, "hours", "duplicate key (first at line "
	    "5)");
	ERR(HEAD "[revisit.vip]\nevery = 4 work hours\n", 4, "every",
	    "bad cadence '4 work hours' (expected days like 30 or 30 days, or "
	    "working days like 5 workdays)");
#define BAD_DUE "' (expected hours like 48h, days like 3d, working days " \
	"like 3 workdays or working hours like 4 work hours)"
	ERR(HEAD "[orders]\ndue = 3w\n", 4, "due",
	    "bad duration '3w" BAD_DUE);
	ERR(HEAD "[orders]\ndue = 48\n", 4, "due",
	    "bad duration '48" BAD_DUE);
	ERR(HEAD "[orders]\ndue = -1d\n", 4, "due",
	    "bad duration '-1d" BAD_DUE);
	ERR(HEAD "[orders]\ndue = 3  workdays\n", 4, "due",
	    "bad duration '3  workdays" BAD_DUE);
#undef BAD_DUE
}
END_TEST

/*
 * [calendar]: the State Council's 2026 schedule, on several lines and in
 * comma lists, sorted; the years it names.
 */
START_TEST(test_calendar)
{
	struct svc_policy *p = load_ok(HEAD "[calendar]\n"
	    "holidays = 2026-10-01..2026-10-07\n"
	    "holidays = 2026-01-01..2026-01-03, 2026-02-15..2026-02-23\n"
	    "workdays = 2026-09-20, 2026-10-10\n"
	    "workdays = 2026-02-14,2026-02-28\n");
	const struct svc_calendar *c = &p->calendar;

	ck_assert(c->on);
	ck_assert_uint_eq(c->nholidays, 7 + 3 + 9);
	ck_assert_uint_eq(c->nworkdays, 4);
	ck_assert_int_eq(c->holidays[0].day, svc_day_from_ymd(2026, 1, 1));
	ck_assert_int_eq(c->holidays[0].line, 5);
	ck_assert_int_eq(c->workdays[0].day, svc_day_from_ymd(2026, 2, 14));
	ck_assert_int_eq(c->workdays[0].line, 7);
	ck_assert_int_eq(c->first_year, 2026);
	ck_assert_int_eq(c->last_year, 2026);
	svc_policy_free(p);
	p = load_ok(HEAD);
	ck_assert(!p->calendar.on);
	svc_policy_free(p);
}
END_TEST

START_TEST(test_calendar_errors)
{
	ERR(HEAD "[calendar]\nholidays = 2026-02-30\n", 4, "holidays",
	    "bad date '2026-02-30' (expected a date 2026-10-01 or a range "
	    "2026-10-01..2026-10-07)");
	ERR(HEAD "[calendar]\nholidays = 2026-10-01..2026-10-7\n", 4,
	    "holidays", "bad date '2026-10-01..2026-10-7' (expected a date "
	    "2026-10-01 or a range 2026-10-01..2026-10-07)");
	ERR(HEAD "[calendar]\nholidays = 2026-10-07..2026-10-01\n", 4,
	    "holidays", "range '2026-10-07..2026-10-01' ends before it "
	    "starts");
	ERR(HEAD "[calendar]\nholidays = 2026-01-01..2027-01-02\n", 4,
	    "holidays", "range '2026-01-01..2027-01-02' is longer than a "
	    "year");
	ERR(HEAD "[calendar]\nholidays = 2026-10-01,,2026-10-02\n", 4,
	    "holidays", "empty date in '2026-10-01,,2026-10-02' (expected "
	    "dates 2026-10-01 or ranges 2026-10-01..2026-10-07, separated "
	    "by commas)");
	/* a day is named once, a make-up day is on a weekend */
	ERR(HEAD "[calendar]\nholidays = 2026-10-01..2026-10-07\n"
	    "workdays = 2026-10-10, 2026-10-03\n", 5, "workdays",
	    "2026-10-03 is already a holiday (line 4)");
	ERR(HEAD "[calendar]\nworkdays = 2026-10-10\n"
	    "holidays = 2026-10-01..2026-10-10\n", 5, "holidays",
	    "2026-10-10 is already a make-up working day (line 4)");
	ERR(HEAD "[calendar]\nholidays = 2026-10-01..2026-10-07\n"
	    "holidays = 2026-10-07\n", 5, "holidays",
	    "2026-10-07 is already a holiday (line 4)");
	ERR(HEAD "[calendar]\nholidays = 2026-10-01, 2026-10-01\n", 4,
	    "holidays", "2026-10-01 is already a holiday (line 4)");
	ERR(HEAD "[calendar]\nworkdays = 2026-10-12\n", 4, "workdays",
	    "2026-10-12 is a Monday, a working day anyway: make-up working "
	    "days fall on a Saturday or Sunday");
	ERR(HEAD "[calendar]\n", 3, "[calendar]", "no holidays or workdays: "
	    "a calendar names its days off and make-up working days");
}
END_TEST

/* Revisit cadences in days (as before) or working days. */
START_TEST(test_revisit_workdays)
{
	struct svc_policy *p = load_ok(HEAD "[revisit.big]\nevery = 5 "
	    "workdays\nsupervisor_every = 30 days\nhead_every = 90\n");

	ck_assert_int_eq(p->revisits[0].every, 5);
	ck_assert(p->revisits[0].every_workdays);
	ck_assert_int_eq(p->revisits[0].supervisor_every, 30);
	ck_assert(!p->revisits[0].supervisor_every_workdays);
	ck_assert_int_eq(p->revisits[0].head_every, 90);
	ck_assert(!p->revisits[0].head_every_workdays);
	svc_policy_free(p);
	ERR(HEAD "[revisit.big]\nevery = 48h\n", 4, "every",
	    "bad cadence '48h' (expected days like 30 or 30 days, or "
	    "working days like 5 workdays)");
	ERR(HEAD "[revisit.big]\nevery = 0 workdays\n", 4, "every",
	    "'0 workdays' out of range (expected 1 or more)");
	ERR(HEAD "[revisit.big]\nevery = 10001 workdays\n", 4, "every",
	    "'10001 workdays' out of range (expected at most 10000)");
}
END_TEST


/* The first error in file order is the one reported. */
START_TEST(test_first_error_wins)
{
	ERR(HEAD "[kind.x]\npoints = ten\n[tier.y]\n[kind.Bad]\n", 4,
	    "points", "bad number 'ten'");
}
END_TEST

/* A file that cannot be opened names the file and the system error. */
START_TEST(test_err_open)
{
	struct svc_err e;

	svc_err_clear(&e);
	ck_assert_ptr_null(svc_policy_load("/nonexistent/p.ini", &e));
	ck_assert_str_eq(e.file, "/nonexistent/p.ini");
	ck_assert_int_eq(e.line, 0);
	ck_assert_str_eq(e.msg, "cannot open: No such file or directory");
}
END_TEST

/* "-" reads the policy from standard input. */
START_TEST(test_stdin)
{
	struct svc_policy *p;
	struct svc_err e;
	FILE *fp = tmpfile();

	ck_assert_ptr_nonnull(fp);
	fputs(HEAD, fp);
	rewind(fp);
	ck_assert_int_eq(dup2(fileno(fp), 0), 0);
	p = svc_policy_load("-", &e);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->name, "t");
	ck_assert_str_eq(p->hash, "dc1308f61498d30b");
	svc_policy_free(p);
	fclose(fp);
}
END_TEST

Suite *
suite_policy(void)
{
	Suite *s = suite_create("policy");
	TCase *ok = tcase_create("load");
	TCase *err = tcase_create("errors");

	tcase_add_test(ok, test_round_trip);
	tcase_add_test(ok, test_defaults);
	tcase_add_test(ok, test_tier_first_match);
	tcase_add_test(ok, test_tier_gap);
	tcase_add_test(ok, test_kind_lookup);
	tcase_add_test(ok, test_revisit_lookup);
	tcase_add_test(ok, test_counts_as_name);
	tcase_add_test(ok, test_check_value);
	tcase_add_test(ok, test_kind_codes);
	tcase_add_test(ok, test_metrics);
	tcase_add_test(ok, test_hash);
	tcase_add_test(ok, test_bom_crlf);
	tcase_add_test(ok, test_comments);
	tcase_add_test(ok, test_indented_keys);
	tcase_add_test(ok, test_kind_defined_later);
	tcase_add_test(ok, test_orders_due);
	tcase_add_test(ok, test_calendar);
	tcase_add_test(ok, test_calendar_errors);
	tcase_add_test(ok, test_revisit_workdays);
	tcase_add_test(ok, test_stdin);
	tcase_add_test(ok, test_unmeasurable_targets);
	suite_add_tcase(s, ok);

	tcase_add_test(err, test_err_continuation);
	tcase_add_test(err, test_err_syntax_no_equals);
	tcase_add_test(err, test_err_syntax_header);
	tcase_add_test(err, test_err_syntax_after_header);
	tcase_add_test(err, test_err_syntax_no_key);
	tcase_add_test(err, test_err_outside_section);
	tcase_add_test(err, test_err_line_too_long);
	tcase_add_test(err, test_err_encoding);
	tcase_add_test(err, test_err_unknown_section);
	tcase_add_test(err, test_err_section_without_name);
	tcase_add_test(err, test_err_section_name_too_long);
	tcase_add_test(err, test_err_bad_kind_code);
	tcase_add_test(err, test_err_reserved_kind);
	tcase_add_test(err, test_err_duplicate_section);
	tcase_add_test(err, test_err_duplicate_key);
	tcase_add_test(err, test_err_unknown_key);
	tcase_add_test(err, test_err_bad_number);
	tcase_add_test(err, test_err_bad_integer);
	tcase_add_test(err, test_err_number_range);
	tcase_add_test(err, test_err_control_chars);
	tcase_add_test(err, test_err_number_too_large);
	tcase_add_test(err, test_err_bad_choice);
	tcase_add_test(err, test_err_bad_bool);
	tcase_add_test(err, test_err_missing_key);
	tcase_add_test(err, test_err_missing_policy);
	tcase_add_test(err, test_err_tier_without_bounds);
	tcase_add_test(err, test_err_tier_min_max);
	tcase_add_test(err, test_err_target_bounds);
	tcase_add_test(err, test_err_floor_cap);
	tcase_add_test(err, test_handling_keys);
	tcase_add_test(err, test_err_kind_rules);
	tcase_add_test(err, test_err_undefined_kind);
	tcase_add_test(err, test_err_kind_list);
	tcase_add_test(err, test_err_limit_valueless_kind);
	tcase_add_test(err, test_err_positions);
	tcase_add_test(err, test_positions);
	tcase_add_test(err, test_err_limit_charge);
	tcase_add_test(err, test_err_limit_match);
	tcase_add_test(ok, test_alerts);
	tcase_add_test(err, test_err_alerts);
	tcase_add_test(err, test_revisit_by);
	tcase_add_test(err, test_first_error_wins);
	tcase_add_test(err, test_err_open);
	tcase_add_test(err, test_timezone);
	tcase_add_test(err, test_posting_length);
	suite_add_tcase(s, err);
	return s;
}
