#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "period.h"
#include "policy.h"
#include "schedule.h"
#include "scratch.h"

/*
 * seeds/003 三.(三): 热线科每天4次消毒; 各营业厅每天早晚两次消毒 (each hall
 * its own); seeds/001 四.6: a weekly 5S check the 品控主管 owes, its results
 * logged against the areas' heads. Local time Asia/Shanghai.
 */
#define PLANS \
	"[policy]\nname = plans\n" \
	"[kind.disinfect]\nvalue = none\n" \
	"[kind.5s.good]\n[kind.5s.poor]\n[kind.other]\n" \
	"[calendar]\nholidays = 2026-10-01..2026-10-07\n" \
	"workdays = 2026-10-10\n" \
	"[schedule.hot]\nkind = disinfect\nevery = 4/day\nunit = 热线科\n" \
	"[schedule.hall]\nkind = disinfect\nevery = 2/day\n" \
	"unit = 人民路营业厅, 建设路营业厅\n" \
	"[schedule.5s]\nkind = 5s.good, 5s.poor\nevery = 1/week\n" \
	"position = 品控主管\ndone_by = anyone\n"

static struct svc_policy *pol;
static struct svc_schedules *sch;

static time_t
at(const char *ts)
{
	struct svc_err e = { 0 };
	time_t t;

	ck_assert_int_eq(svc_as_of_parse(ts, 0, &t, &e), 0);
	return t;
}

static struct svc_policy *
load(const char *text, struct svc_err *e)
{
	return svc_policy_load(scratch_file("p.ini", text), e);
}

static void
setup(void)
{
	struct svc_err e = { 0 };

	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	scratch_dir("schedule");
	pol = load(PLANS, &e);
	ck_assert_msg(pol != NULL, "%s", e.msg);
	sch = NULL;
}

static void
teardown(void)
{
	svc_schedules_free(sch);
	svc_policy_free(pol);
	scratch_rm();
}

/* A computation at as_of over period (NULL: as_of's month) with the
 * roster: three 热线科 staff (H3 gone), two halls, a 品控主管, area heads. */
static void
start(const char *as_of, const char *period)
{
	static const char *const staff[][4] = {
	    { "H1", "热线科", "话务员", "1" }, { "H2", "热线科", "科长", "1" },
	    { "H3", "热线科", "话务员", "0" },
	    { "R1", "人民路营业厅", "综合柜员", "1" },
	    { "J1", "建设路营业厅", "综合柜员", "1" },
	    { "Q1", "品控部", "品控主管", "1" },
	    { "A1", "冷冻库", "运营主管", "1" } };
	struct svc_period per;
	struct svc_err e = { 0 };

	if (period != NULL)
		ck_assert_int_eq(svc_period_parse(period, 0, &per, &e), 0);
	sch = svc_schedules_new(pol, at(as_of), period ? &per : NULL);
	for (size_t i = 0; i < sizeof(staff) / sizeof(staff[0]); i++) {
		struct svc_staff s = { .id = (char *)staff[i][0],
		    .name = "n", .unit = (char *)staff[i][1],
		    .position = (char *)staff[i][2],
		    .active = staff[i][3][0] == '1' };

		svc_schedules_staff(sch, &s);
	}
}

static void
entry(const char *ts, const char *staff, const char *kind,
    long long voided_by)
{
	struct svc_event x = { 0 };

	x.ts = ts;
	x.t = at(ts);
	x.staff = staff;
	x.kind = kind;
	x.voided_by = voided_by;
	svc_schedules_event(sch, &x);
}

/* Four rounds a day on 2026-11-16 and 17, three on 18. */
static void
hotline(void)
{
	static const char *const hh[] = { "08:00", "11:30", "14:30",
	    "17:30" };
	char ts[32];

	for (int d = 16; d <= 18; d++)
		for (int i = 0; i < 4; i++) {
			if (d == 18 && i == 2)
				continue;
			snprintf(ts, sizeof(ts), "2026-11-%dT%s", d, hh[i]);
			entry(ts, i % 2 ? "H1" : "H3", "disinfect", 0);
		}
}

static const struct svc_sched_row *
row(const char *sched, const char *owner)
{
	const struct svc_sched_row *r;
	size_t n;

	r = svc_schedules_rows(sch, &n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(r[i].sched->name, sched) == 0 &&
		    strcmp(r[i].owner, owner) == 0)
			return &r[i];
	ck_abort_msg("no row %s / %s", sched, owner);
	return NULL;
}

START_TEST(policy_keys)
{
	const struct svc_schedule *s = pol->schedules;

	ck_assert_uint_eq(pol->nschedules, 3);
	ck_assert_str_eq(s[0].name, "hot");
	ck_assert_int_eq(s[0].times, 4);
	ck_assert_int_eq(s[0].per, SVC_PERIOD_DAY);
	ck_assert_uint_eq(s[1].units.n, 2);
	ck_assert_str_eq(s[1].units.v[1], "建设路营业厅");
	ck_assert_int_eq(s[2].per, SVC_PERIOD_WEEK);
	ck_assert_uint_eq(s[2].kinds.n, 2);
	ck_assert_int_eq(s[2].anyone, 1);
	ck_assert_int_eq(s[0].anyone, 0);
	ck_assert_int_eq(s[0].workdays, 0);
	ck_assert(s[0].from == 0);
}
END_TEST

/* Every bad schedule is refused at load, naming the line and the key. */
START_TEST(policy_errors)
{
	static const struct { const char *body, *field, *msg; long line; }
	    bad[] = {
		{ "every = 4/hour\nunit = u\n", "every", "bad schedule "
		  "'4/hour' (expected N/day, N/week or N/month", 5 },
		{ "every = 0/day\nunit = u\n", "every", "'0/day' out of "
		  "range (expected 1 to 10000 times a day)", 5 },
		{ "every = 4\nunit = u\n", "every", "bad schedule '4'", 5 },
		{ "every = -4/day\nunit = u\n", "every", "bad schedule", 5 },
		{ "every = 4/day\n", "[schedule.s]", "no unit or position: "
		  "a schedule names who owes it", 3 },
		{ "every = 1/week\nunit = a, b\ndone_by = anyone\n",
		  "done_by", "done_by = anyone with 2 units", 7 },
		{ "every = 1/week\nunit = a\ndays = weekdays\n", "days",
		  "unknown value 'weekdays'", 7 },
		{ "every = 1/week\nunit = a\nfrom = 2026-02-30\n", "from",
		  "no such date '2026-02-30'", 7 },
		{ "every = 1/week\nunit = a\nfrom = 2026-2-3\n", "from",
		  "bad date '2026-2-3' (expected YYYY-MM-DD)", 7 },
		{ "every = 1/week\nunit = a, a\n", "unit", "'a' listed twice",
		  6 },
	};
	struct svc_err e = { 0 };
	char text[512];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct svc_policy *p;

		snprintf(text, sizeof(text), "[policy]\nname = x\n"
		    "[schedule.s]\nkind = k\n%s[kind.k]\n", bad[i].body);
		memset(&e, 0, sizeof(e));
		p = load(text, &e);
		ck_assert_msg(p == NULL, "accepted: %s", bad[i].body);
		ck_assert_str_eq(e.field, bad[i].field);
		ck_assert_msg(strstr(e.msg, bad[i].msg) != NULL, "%s: %s",
		    bad[i].body, e.msg);
		ck_assert_int_eq(e.line, bad[i].line);
	}
	memset(&e, 0, sizeof(e));
	ck_assert(load("[policy]\nname = x\n[schedule.s]\nkind = nope\n"
	    "every = 1/day\nunit = a\n", &e) == NULL);
	ck_assert_str_eq(e.field, "kind");
	ck_assert_int_eq(e.line, 4);
	ck_assert_str_eq(e.msg, "undefined kind 'nope' (no [kind.nope] "
	    "section)");
}
END_TEST

/* 4 a day: the day with 3 ended short (overdue); today is due while
 * short. Voided entries, other kinds and other units do not count; an
 * entry by someone who has left still does. */
START_TEST(four_a_day)
{
	const struct svc_sched_row *r;

	start("2026-11-18T12:00", "2026-11-16..2026-11-30");
	hotline();
	entry("2026-11-17T09:00", "H2", "disinfect", 42);	/* voided */
	entry("2026-11-18T09:00", "H2", "other", 0);
	entry("2026-11-18T09:30", "R1", "disinfect", 0);	/* a hall */
	entry("2026-11-18T12:00:01", "H2", "disinfect", 0);	/* later */
	svc_schedules_finish(sch);
	r = row("hot", "热线科");
	ck_assert_int_eq(r->staff, 2);
	ck_assert_str_eq(r->current.name, "2026-11-18");
	ck_assert_int_eq(r->current.done, 2);
	ck_assert_int_eq(r->current.owed, 4);
	ck_assert_int_eq(r->current.status, SVC_SCHED_DUE);
	ck_assert_uint_eq(r->nmissed, 0);
	ck_assert_int_eq(r->windows, 3);
	ck_assert_int_eq(r->status, SVC_SCHED_DUE);
	ck_assert_str_eq(r->last_staff, "H1");
	ck_assert(r->last == at("2026-11-18T11:30"));
	svc_schedules_free(sch);

	/* the next morning 18 November has ended with 3 of 4 */
	start("2026-11-19T07:00", "2026-11-16..2026-11-30");
	hotline();
	svc_schedules_finish(sch);
	r = row("hot", "热线科");
	/* 18 ended short; 19 has none yet, but runs */
	ck_assert_uint_eq(r->nmissed, 1);
	ck_assert_str_eq(r->missed[0].name, "2026-11-18");
	ck_assert_int_eq(r->missed[0].done, 3);
	ck_assert_int_eq(r->missed[0].owed, 4);
	ck_assert_str_eq(r->current.name, "2026-11-19");
	ck_assert_int_eq(r->current.status, SVC_SCHED_DUE);
	ck_assert_int_eq(r->status, SVC_SCHED_OVERDUE);
}
END_TEST

/* An as-of date is its last second: the day is judged complete then,
 * and one second earlier it is still running. */
START_TEST(day_end)
{
	const struct svc_sched_row *r;

	start("2026-11-18", "2026-11-18");
	hotline();
	svc_schedules_finish(sch);
	r = row("hot", "热线科");
	ck_assert_int_eq(r->current.ended, 1);
	ck_assert_int_eq(r->current.status, SVC_SCHED_OVERDUE);
	ck_assert_uint_eq(r->nmissed, 1);
	svc_schedules_free(sch);

	start("2026-11-18T23:59:58", "2026-11-18");
	hotline();
	svc_schedules_finish(sch);
	r = row("hot", "热线科");
	ck_assert_int_eq(r->current.ended, 0);
	ck_assert_int_eq(r->status, SVC_SCHED_DUE);
	ck_assert_uint_eq(r->nmissed, 0);
}
END_TEST

/* Twice a day, each hall its own: one hall's two rounds do not cover
 * the other's, and a voided round is none. */
START_TEST(each_hall)
{
	const struct svc_sched_row *r;

	start("2026-11-16", "2026-11-16");
	entry("2026-11-16T08:30", "R1", "disinfect", 0);
	entry("2026-11-16T17:00", "R1", "disinfect", 0);
	entry("2026-11-16T08:30", "J1", "disinfect", 0);
	entry("2026-11-16T17:00", "J1", "disinfect", 9);	/* voided */
	svc_schedules_finish(sch);
	r = row("hall", "人民路营业厅");
	ck_assert_int_eq(r->current.done, 2);
	ck_assert_int_eq(r->current.owed, 2);
	ck_assert_int_eq(r->status, SVC_SCHED_OK);
	r = row("hall", "建设路营业厅");
	ck_assert_int_eq(r->current.done, 1);
	ck_assert_int_eq(r->status, SVC_SCHED_OVERDUE);
	ck_assert_str_eq(r->missed[0].name, "2026-11-16");
}
END_TEST

/* 1 a week, owed by the 品控主管, results logged against the areas'
 * heads (done_by = anyone); the month's weeks are those overlapping it,
 * counted whole. */
START_TEST(weekly_5s)
{
	const struct svc_sched_row *r;

	start("2026-09-30T18:00", NULL);	/* September: W36..W40 */
	entry("2026-08-29T16:08", "A1", "5s.good", 0);	/* W35 */
	entry("2026-09-05T16:32", "A1", "5s.good", 0);	/* Sat of W36 */
	entry("2026-09-12T16:15", "A1", "5s.poor", 0);	/* W37 */
	entry("2026-09-26T16:06", "A1", "5s.good", 0);	/* W39; W38 none */
	svc_schedules_finish(sch);
	r = row("5s", "品控主管");
	ck_assert_int_eq(r->staff, 1);
	ck_assert_int_eq(r->windows, 5);
	ck_assert_uint_eq(r->nmissed, 1);	/* W38 */
	ck_assert_str_eq(r->missed[0].name, "2026-W38");
	ck_assert_str_eq(r->current.name, "2026-W40");
	ck_assert_int_eq(r->current.status, SVC_SCHED_DUE);
	ck_assert_int_eq(r->status, SVC_SCHED_OVERDUE);
	svc_schedules_free(sch);

	start("2026-10-05", "2026-09");		/* judged at 30 Sep's end */
	entry("2026-09-26T16:06", "A1", "5s.good", 0);
	svc_schedules_finish(sch);
	r = row("5s", "品控主管");
	ck_assert(svc_schedules_at(sch) == at("2026-09-30"));
	/* W36, W37, W38 ended short; W40 (28 Sep - 4 Oct) still runs */
	ck_assert_uint_eq(r->nmissed, 3);
	ck_assert_str_eq(r->missed[0].name, "2026-W36");
	ck_assert_str_eq(r->missed[2].name, "2026-W38");
	ck_assert_str_eq(r->current.name, "2026-W40");
	ck_assert_int_eq(r->current.status, SVC_SCHED_DUE);
}
END_TEST

/* days = workdays: days off under the calendar owe nothing, a make-up
 * Saturday owes; from: windows before it owe nothing. */
START_TEST(workdays_and_from)
{
	struct svc_err e = { 0 };
	const struct svc_sched_row *r;

	svc_policy_free(pol);
	pol = load("[policy]\nname = x\n[kind.k]\n"
	    "[calendar]\nholidays = 2026-10-01..2026-10-07\n"
	    "workdays = 2026-10-10\n"
	    "[schedule.w]\nkind = k\nevery = 1/day\nunit = 热线科\n"
	    "days = workdays\n"
	    "[schedule.f]\nkind = k\nevery = 1/day\nunit = 热线科\n"
	    "from = 2026-10-09\n", &e);
	ck_assert_msg(pol != NULL, "%s", e.msg);
	ck_assert_int_eq(pol->schedules[0].workdays, 1);
	start("2026-10-11", "2026-09-30..2026-10-11");
	entry("2026-09-30T10:00", "H1", "k", 0);
	entry("2026-10-08T10:00", "H1", "k", 0);
	entry("2026-10-09T10:00", "H1", "k", 0);
	svc_schedules_finish(sch);
	/* off: 1-7 Oct and Sunday 11; owed and missing: Saturday 10 */
	r = row("w", "热线科");
	ck_assert_uint_eq(r->nmissed, 1);
	ck_assert_str_eq(r->missed[0].name, "2026-10-10");
	ck_assert_int_eq(r->current.owed, 0);
	ck_assert_int_eq(r->current.status, SVC_SCHED_OK);
	/* every day from 9 Oct: 10 and 11 missing, nothing before */
	r = row("f", "热线科");
	ck_assert_uint_eq(r->nmissed, 2);
	ck_assert_str_eq(r->missed[0].name, "2026-10-10");
	ck_assert_str_eq(r->missed[1].name, "2026-10-11");
	ck_assert_int_eq(r->windows, 12);
}
END_TEST

/* A unit nobody active in the roster belongs to is not judged. */
START_TEST(nobody)
{
	struct svc_err e = { 0 };
	const struct svc_sched_row *r;

	svc_policy_free(pol);
	pol = load("[policy]\nname = x\n[kind.k]\n"
	    "[schedule.s]\nkind = k\nevery = 1/day\nunit = 审批科\n", &e);
	ck_assert_msg(pol != NULL, "%s", e.msg);
	start("2026-11-18", "2026-11-16..2026-11-18");
	svc_schedules_finish(sch);
	r = row("s", "审批科");
	ck_assert_int_eq(r->staff, 0);
	ck_assert_int_eq(r->status, SVC_SCHED_NOBODY);
	ck_assert_uint_eq(r->nmissed, 0);
	ck_assert_str_eq(svc_sched_status_name(r->status), "no staff");
}
END_TEST

/* A period judged before it begins has no window to judge. */
START_TEST(not_begun)
{
	const struct svc_sched_row *r;

	start("2026-11-15T23:00", "2026-W47");
	hotline();
	svc_schedules_finish(sch);
	r = row("hot", "热线科");
	ck_assert_int_eq(r->windows, 0);
	ck_assert_uint_eq(r->nmissed, 0);
	ck_assert_int_eq(r->status, SVC_SCHED_OK);
	ck_assert_int_eq(r->has_last, 0);
}
END_TEST

Suite *
suite_schedule(void)
{
	Suite *s = suite_create("schedule");
	TCase *tc = tcase_create("schedule");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, policy_keys);
	tcase_add_test(tc, policy_errors);
	tcase_add_test(tc, four_a_day);
	tcase_add_test(tc, day_end);
	tcase_add_test(tc, each_hall);
	tcase_add_test(tc, weekly_5s);
	tcase_add_test(tc, workdays_and_from);
	tcase_add_test(tc, nobody);
	tcase_add_test(tc, not_begun);
	suite_add_tcase(s, tc);
	return s;
}
