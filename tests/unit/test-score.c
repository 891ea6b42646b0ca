#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "csvio.h"
#include "db.h"
#include "period.h"
#include "policy.h"
#include "score.h"
#include "scratch.h"

/*
 * Every test builds a policy from a few lines of INI, a period, a roster
 * and events, then reads the rows back. Local time is Asia/Shanghai
 * (+08:00, no DST), as at the port and the group company.
 */

static struct svc_policy *pol;
static struct svc_scorer *sc;
static struct svc_period per;
static const struct svc_score *const *rows;
static size_t nrows;
static int nref;

/* The group windows' verified complaint, as in sample-data/policies. */
#define VERIFIED \
	"[kind.complaint.verified]\ncounts_as = complaint\npoints = -5\n" \
	"escalation = progressive\nsupervisor_points = -3\n" \
	"supervisor_from = 2\nsupervisor_escalation = progressive\n" \
	"leader_points = -3\nleader_from = 3\nleader_escalation = progressive\n"
#define GROUP \
	"[policy]\nname = group\nperiod = month\nbase = 100\n" VERIFIED \
	"[kind.complaint.attitude]\ncounts_as = complaint\npoints = -5\n" \
	"[kind.praise]\ncounts_as = praise\npoints = 2\n" \
	"[kind.inspection]\ncounts_as = none\npoints = 0\n"
/* The port's smile scheme: mean of assessments, disqualifications. */
#define SMILE \
	"[policy]\nname = smile\nperiod = quarter\nbase = mean\n" \
	"[kind.assess]\ncounts_as = assessment\nvalue = required\n" \
	"value_min = 0\nvalue_max = 100\n" \
	"[kind.praise.letter]\ncounts_as = praise\npoints = 10\n" \
	"[kind.complaint.wechat]\ncounts_as = complaint\npoints = 0\n" \
	"disqualify = yes\n" \
	"[kind.deduct.dept]\ncounts_as = deduction\npoints = 0\n" \
	"value = required\ndisqualify_total = 15\ndisqualify_window = month\n"

static void
setup(void)
{
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	scratch_dir("score");
	pol = NULL;
	sc = NULL;
	rows = NULL;
	nrows = 0;
	nref = 0;
}

static void
teardown(void)
{
	svc_scorer_free(sc);
	svc_policy_free(pol);
	scratch_rm();
}

/* Loads the policy text and starts a scorer for period. */
static void
start(const char *ini, const char *period, const char *explain)
{
	struct svc_err e = { 0 };
	const char *p;

	p = scratch_file("p.ini", ini);
	pol = svc_policy_load(p, &e);
	ck_assert_msg(pol != NULL, "%s:%ld: %s: %s", e.file, e.line, e.field,
	    e.msg);
	ck_assert_msg(svc_period_parse(period, 0, &per, &e) == 0, "%s: %s",
	    period, e.msg);
	sc = svc_scorer_new(pol, &per, explain);
}

static void
staff(const char *id, const char *sup, const char *leader, int active)
{
	struct svc_staff st = { (char *)id, (char *)"姓名", (char *)"dept",
	    (char *)"pos", (char *)"unit", (char *)sup, (char *)leader, active };

	svc_scorer_staff(sc, &st);
}

/* Feeds one event; returns what svc_scorer_event returned, e filled. */
static int
feed(const char *ts, const char *who, const char *kind, const char *value,
    long long voided_by, long long void_of, struct svc_err *e)
{
	struct svc_event ev = { 0 };
	struct svc_err te = { 0 };
	ck_assert_msg(svc_time_parse(ts, &ev.t, &te) == 0, "%s: %s", ts,
	    te.msg);
	ev.id = ++nref;
	ev.ts = ts;
	ev.staff = who;
	ev.kind = kind;
	ev.value = value;
	ev.voided_by = voided_by;
	ev.void_of = void_of;
	svc_err_clear(e);
	return svc_scorer_event(sc, &ev, NULL, 0, e);
}

/* An event the test expects to be accepted (counted or passed over). */
static void
ev(const char *ts, const char *who, const char *kind, const char *value)
{
	struct svc_err e;

	ck_assert_msg(feed(ts, who, kind, value, 0, 0, &e) == 0,
	    "%s %s %s: %s: %s", ts, who, kind, e.field, e.msg);
}

static void
finish(void)
{
	nrows = svc_scorer_finish(sc, &rows);
}

/* The row of a staff member, or NULL when there is none. */
static const struct svc_score *
row(const char *id)
{
	for (size_t i = 0; i < nrows; i++)
		if (strcmp(rows[i]->staff, id) == 0)
			return rows[i];
	return NULL;
}

static const struct svc_score *
must(const char *id)
{
	const struct svc_score *r = row(id);

	ck_assert_msg(r != NULL, "no row for %s", id);
	return r;
}

/* The explanation for the scorer's explain staff, as one string. */
static char *
explain(void)
{
	struct svc_err e = { 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(m);
	ck_assert_msg(svc_scorer_explain(sc, m, 1, &e) == 0, "%s", e.msg);
	fclose(m);
	return buf;
}

#define has(hay, needle) \
	ck_assert_msg(strstr((hay), (needle)) != NULL, \
	    "'%s' not in:\n%s", (needle), (hay))

/* flat: every attitude complaint costs 5, the second as much as the first */
START_TEST(flat_kind)
{
	start(GROUP, "2026-08", NULL);
	staff("E1", "", "", 1);
	ev("2026-08-03 09:00", "E1", "complaint.attitude", NULL);
	ev("2026-08-20 09:00", "E1", "complaint.attitude", NULL);
	finish();
	ck_assert_double_eq(must("E1")->deductions, -10);
	ck_assert_double_eq(must("E1")->score, 90);
	ck_assert_double_eq(must("E1")->base, 100);
	ck_assert_int_eq(must("E1")->complaints, 2);
	ck_assert_int_eq(must("E1")->eligible, 1);
	ck_assert_str_eq(must("E1")->reason, "");
}
END_TEST

/* progressive: the 1st, 2nd, 3rd verified complaint in a month cost 5, 10,
 * 15 (totals 5, 15, 30), whatever order the events arrive in */
START_TEST(progressive_kind)
{
	start(GROUP, "2026-08", NULL);
	staff("A", "", "", 1);
	staff("B", "", "", 1);
	staff("C", "", "", 1);
	ev("2026-08-05 10:00", "A", "complaint.verified", NULL);
	ev("2026-08-05 10:00", "B", "complaint.verified", NULL);
	ev("2026-08-06 10:00", "B", "complaint.verified", NULL);
	/* C's come newest first */
	ev("2026-08-25 10:00", "C", "complaint.verified", NULL);
	ev("2026-08-14 10:00", "C", "complaint.verified", NULL);
	ev("2026-08-06 10:00", "C", "complaint.verified", NULL);
	finish();
	ck_assert_double_eq(must("A")->deductions, -5);
	ck_assert_double_eq(must("A")->score, 95);
	ck_assert_double_eq(must("B")->deductions, -15);
	ck_assert_double_eq(must("B")->score, 85);
	ck_assert_double_eq(must("C")->deductions, -30);
	ck_assert_double_eq(must("C")->score, 70);
	ck_assert_int_eq(must("C")->complaints, 3);
	/* the employee's own joint column stays 0 */
	ck_assert_double_eq(must("C")->joint, 0);
}
END_TEST

/* points = value adds the event's value, split by sign into bonuses and
 * deductions; points = -value subtracts it (a deduction sheet) */
START_TEST(value_points)
{
	start("[policy]\nname = v\n"
	    "[kind.adjust]\npoints = value\n"
	    "[kind.sheet]\ncounts_as = deduction\npoints = -value\n", "2026-08",
	    NULL);
	staff("E1", "", "", 1);
	staff("E2", "", "", 1);
	ev("2026-08-03 09:00", "E1", "adjust", "3");
	ev("2026-08-04 09:00", "E1", "adjust", "-2");
	ev("2026-08-05 09:00", "E2", "sheet", "8");
	ev("2026-08-06 09:00", "E2", "sheet", "2.5");
	/* no value: counts as an event worth 0 */
	ev("2026-08-07 09:00", "E2", "sheet", "");
	finish();
	ck_assert_double_eq(must("E1")->bonuses, 3);
	ck_assert_double_eq(must("E1")->deductions, -2);
	ck_assert_double_eq(must("E1")->score, 101);
	ck_assert_double_eq(must("E2")->deductions, -10.5);
	ck_assert_double_eq(must("E2")->bonuses, 0);
	ck_assert_double_eq(must("E2")->score, 89.5);
	ck_assert_int_eq(must("E2")->events, 3);
}
END_TEST

/* joint: the supervisor pays from the employee's 2nd verified complaint
 * (3, then 6: 9 for three), the leader from the 3rd (3); one or two
 * complaints charge less, and occurrences are counted per employee */
START_TEST(joint_penalties)
{
	start(GROUP, "2026-08", NULL);
	staff("L", "", "", 1);
	staff("S", "", "L", 1);
	staff("T", "", "L", 1);
	staff("U", "", "L", 1);
	staff("E1", "S", "L", 1);	/* three complaints */
	staff("E2", "T", "L", 1);	/* two */
	staff("E3", "U", "L", 1);	/* one */
	staff("E4", "U", "L", 1);	/* one */
	ev("2026-08-06 10:41", "E1", "complaint.verified", NULL);
	ev("2026-08-14 11:19", "E1", "complaint.verified", NULL);
	ev("2026-08-25 15:24", "E1", "complaint.verified", NULL);
	ev("2026-08-06 10:41", "E2", "complaint.verified", NULL);
	ev("2026-08-14 11:19", "E2", "complaint.verified", NULL);
	ev("2026-08-06 10:41", "E3", "complaint.verified", NULL);
	ev("2026-08-14 11:19", "E4", "complaint.verified", NULL);
	/* a flat kind with no joint rule charges nobody above */
	ev("2026-08-15 11:19", "E4", "complaint.attitude", NULL);
	finish();
	ck_assert_double_eq(must("E1")->score, 70);
	ck_assert_double_eq(must("S")->joint, -9);
	ck_assert_double_eq(must("S")->score, 91);
	ck_assert_double_eq(must("S")->deductions, 0);
	/* two complaints: the supervisor's 3, nothing for the leader */
	ck_assert_double_eq(must("T")->joint, -3);
	ck_assert_double_eq(must("T")->score, 97);
	/* one complaint each from two employees is not a second */
	ck_assert_double_eq(must("U")->joint, 0);
	/* the leader: 3 for E1's third, nothing for E2's second */
	ck_assert_double_eq(must("L")->joint, -3);
	ck_assert_double_eq(must("L")->score, 97);
	/* the employee's own row carries no joint charge */
	ck_assert_double_eq(must("E1")->joint, 0);
	/* a joint charge is neither a complaint nor an event of the chief */
	ck_assert_int_eq(must("S")->complaints, 0);
	ck_assert_int_eq(must("S")->events, 0);
	/* finishing again recomputes from the counts: nothing doubles */
	finish();
	ck_assert_double_eq(must("S")->joint, -9);
	ck_assert_double_eq(must("E1")->score, 70);
	ck_assert_int_eq(must("E1")->complaints, 3);
	ck_assert_str_eq(must("E1")->reason, "");
}
END_TEST

/* joint on a supervisor with no events of his own: he still gets a row
 * with the charge, even when the roster has him inactive (then he is not
 * eligible) */
START_TEST(joint_without_events)
{
	start(GROUP, "2026-08", NULL);
	staff("S", "", "", 0);
	staff("E1", "S", "", 1);
	ev("2026-08-06 10:41", "E1", "complaint.verified", NULL);
	ev("2026-08-14 11:19", "E1", "complaint.verified", NULL);
	finish();
	ck_assert_uint_eq(nrows, 2);
	ck_assert_double_eq(must("S")->joint, -3);
	ck_assert_double_eq(must("S")->score, 97);
	ck_assert_int_eq(must("S")->events, 0);
	ck_assert_int_eq(must("S")->eligible, 0);
	ck_assert_ptr_nonnull(strstr(must("S")->reason, "not active"));
}
END_TEST

/* rows: every active staff member (events or not), an inactive one only
 * with events, and then not eligible; rows in staff id order */
START_TEST(who_has_a_row)
{
	start(GROUP, "2026-08", NULL);
	staff("Z9", "", "", 1);		/* active, no events */
	staff("A1", "", "", 0);		/* inactive, no events */
	staff("M5", "", "", 0);		/* inactive, with an event */
	ev("2026-08-10 09:00", "M5", "praise", NULL);
	/* out of the period: does not give A1 a row */
	ev("2026-09-01 09:00", "A1", "praise", NULL);
	finish();
	ck_assert_uint_eq(nrows, 2);
	ck_assert_str_eq(rows[0]->staff, "M5");
	ck_assert_str_eq(rows[1]->staff, "Z9");
	ck_assert_ptr_null(row("A1"));
	ck_assert_double_eq(must("Z9")->score, 100);
	ck_assert_int_eq(must("Z9")->events, 0);
	ck_assert_int_eq(must("Z9")->eligible, 1);
	ck_assert_double_eq(must("M5")->score, 102);
	ck_assert_int_eq(must("M5")->eligible, 0);
	ck_assert_ptr_nonnull(strstr(must("M5")->reason, "not active"));
}
END_TEST

/* period edges in local time: 23:59:59 on the last day is in, 00:00:00
 * on the next day is out, for a month and for a quarter, with and
 * without an explicit offset */
START_TEST(period_edges)
{
	start(GROUP, "2026-08", NULL);
	staff("E1", "", "", 1);
	ev("2026-07-31T23:59:59+08:00", "E1", "complaint.verified", NULL);
	ev("2026-08-01T00:00:00+08:00", "E1", "praise", NULL);
	ev("2026-08-31 23:59:59", "E1", "praise", NULL);
	ev("2026-09-01 00:00:00", "E1", "complaint.verified", NULL);
	/* 16:00 UTC on the 31st is already September in Shanghai */
	ev("2026-08-31T16:00:00Z", "E1", "complaint.verified", NULL);
	/* 15:59:59 UTC is still August */
	ev("2026-08-31T15:59:59Z", "E1", "praise", NULL);
	finish();
	ck_assert_int_eq(must("E1")->events, 3);
	ck_assert_int_eq(must("E1")->complaints, 0);
	ck_assert_int_eq(must("E1")->praises, 3);
	ck_assert_double_eq(must("E1")->score, 106);
	svc_scorer_free(sc);
	svc_policy_free(pol);
	sc = NULL;
	pol = NULL;

	/* the quarter 2026-Q3: July 1 00:00:00 to September 30 23:59:59 */
	start(SMILE, "2026-Q3", NULL);
	staff("P1", "", "", 1);
	ev("2026-06-30 23:59:59", "P1", "assess", "10");
	ev("2026-07-01 00:00:00", "P1", "assess", "96");
	ev("2026-09-30 23:59:59", "P1", "assess", "94");
	ev("2026-10-01 00:00:00", "P1", "assess", "10");
	finish();
	ck_assert_int_eq(must("P1")->events, 2);
	ck_assert_double_eq(must("P1")->base, 95);
}
END_TEST

/* voided events (voided_by set) and voiding events (kind void) never
 * count, nor do the work-order kinds order.*, which no policy defines */
START_TEST(ignored_events)
{
	struct svc_err e;

	start(GROUP, "2026-08", NULL);
	staff("E1", "S", "", 1);
	staff("S", "", "", 1);
	ck_assert_int_eq(feed("2026-08-05 09:00", "E1", "complaint.verified",
	    NULL, 7, 0, &e), 0);
	ck_assert_int_eq(feed("2026-08-06 09:00", "E1", "complaint.verified",
	    NULL, 8, 0, &e), 0);
	ck_assert_int_eq(feed("2026-08-07 09:00", "E1", "void", NULL, 0, 1,
	    &e), 0);
	ck_assert_int_eq(feed("2026-08-07 09:00", "E1", "void", NULL, 0, 2,
	    &e), 0);
	ck_assert_int_eq(feed("2026-08-08 09:00", "E1", "order.open", NULL, 0,
	    0, &e), 0);
	ck_assert_int_eq(feed("2026-08-09 09:00", "E1", "order.close", NULL, 0,
	    0, &e), 0);
	ev("2026-08-10 09:00", "E1", "complaint.verified", NULL);
	finish();
	/* one complaint left: the 1st, 5 points, no joint charge */
	ck_assert_int_eq(must("E1")->events, 1);
	ck_assert_int_eq(must("E1")->complaints, 1);
	ck_assert_double_eq(must("E1")->score, 95);
	ck_assert_double_eq(must("S")->joint, 0);
}
END_TEST

/* errors name the field: unknown staff, unknown kind, a value that is not
 * a number; events outside the period are passed over before any check */
START_TEST(event_errors)
{
	struct svc_err e;

	start(GROUP "[kind.score]\nvalue = optional\n", "2026-08", NULL);
	staff("E1", "", "", 1);
	ck_assert_int_eq(feed("2026-08-05 09:00", "E9", "praise", NULL, 0, 0,
	    &e), -1);
	ck_assert_str_eq(e.field, "staff");
	ck_assert_ptr_nonnull(strstr(e.msg, "E9"));
	ck_assert_int_eq(feed("2026-08-05 09:00", "E1", "complaint.rude", NULL,
	    0, 0, &e), -1);
	ck_assert_str_eq(e.field, "kind");
	ck_assert_ptr_nonnull(strstr(e.msg, "complaint.rude"));
	ck_assert_int_eq(feed("2026-08-05 09:00", "E1", "score", "ten", 0, 0,
	    &e), -1);
	ck_assert_str_eq(e.field, "value");
	ck_assert_ptr_nonnull(strstr(e.msg, "ten"));
	/* the place is left to the caller */
	ck_assert_str_eq(e.file, "");
	ck_assert_int_eq(e.line, 0);
	/* outside the period: no error whatever the event says */
	ck_assert_int_eq(feed("2026-09-05 09:00", "E9", "complaint.rude", "x",
	    0, 0, &e), 0);
}
END_TEST

/* base = mean: the mean of the period's assessments, to 2 decimals (94,
 * 95, 95 -> 94.67), plus bonuses; 95 and 94.9 and 80 stay exact */
START_TEST(mean_base)
{
	start(SMILE, "2026-Q3", NULL);
	staff("P1", "", "", 1);
	staff("P2", "", "", 1);
	staff("P3", "", "", 1);
	staff("P4", "", "", 1);
	staff("P5", "", "", 1);
	ev("2026-07-03 09:00", "P1", "assess", "94");
	ev("2026-08-03 09:00", "P1", "assess", "95");
	ev("2026-09-03 09:00", "P1", "assess", "95");
	ev("2026-07-03 09:00", "P2", "assess", "96");
	ev("2026-08-03 09:00", "P2", "assess", "94");
	ev("2026-07-03 09:00", "P3", "assess", "94.8");
	ev("2026-08-03 09:00", "P3", "assess", "95");
	ev("2026-07-03 09:00", "P4", "assess", "80");
	ev("2026-07-03 09:00", "P5", "assess", "82");
	ev("2026-07-04 09:00", "P5", "praise.letter", NULL);
	finish();
	ck_assert_int_eq(must("P1")->has_score, 1);
	ck_assert_double_eq(must("P1")->base, 94.67);
	ck_assert_double_eq(must("P1")->score, 94.67);
	ck_assert_double_eq(must("P2")->score, 95);
	ck_assert_double_eq(must("P3")->score, 94.9);
	ck_assert_double_eq(must("P4")->score, 80);
	/* 82 + 10 for a praise letter */
	ck_assert_double_eq(must("P5")->base, 82);
	ck_assert_double_eq(must("P5")->bonuses, 10);
	ck_assert_double_eq(must("P5")->score, 92);
	/* assessments are events but neither complaints nor praise */
	ck_assert_int_eq(must("P1")->events, 3);
	ck_assert_int_eq(must("P1")->complaints, 0);
	ck_assert_int_eq(must("P1")->praises, 0);
}
END_TEST

/* no assessment under base = mean: no score, not eligible, and the reason
 * says so; the CSV leaves base and score empty */
START_TEST(no_assessment)
{
	struct svc_csv_writer w;
	char *buf = NULL;
	size_t len = 0;
	FILE *m;

	start(SMILE, "2026-Q3", NULL);
	staff("P1", "", "", 1);
	staff("P2", "", "", 1);
	ev("2026-07-04 09:00", "P2", "praise.letter", NULL);
	finish();
	ck_assert_int_eq(must("P1")->has_score, 0);
	ck_assert_int_eq(must("P1")->eligible, 0);
	ck_assert_ptr_nonnull(strstr(must("P1")->reason, "no assessment"));
	ck_assert_int_eq(must("P2")->has_score, 0);
	ck_assert_double_eq(must("P2")->bonuses, 10);
	ck_assert_ptr_nonnull(m = open_memstream(&buf, &len));
	svc_csv_writer_init(&w, m, 0);
	svc_score_write(sc, &w);
	fclose(m);
	has(buf, "period,staff,name,dept,position,base,deductions,bonuses,"
	    "joint,score,complaints,praises,events,eligible,reason,unit\n");
	has(buf, "2026-Q3,P1,姓名,dept,pos,,0,0,0,,0,0,0,no,"
	    "no assessment in 2026-Q3,unit\n");
	has(buf, "2026-Q3,P2,姓名,dept,pos,,0,10,0,,0,1,1,no,"
	    "no assessment in 2026-Q3,unit\n");
	free(buf);
}
END_TEST

/* disqualify = yes: any one event disqualifies; the score is kept and the
 * reason names the kind and the event */
START_TEST(disqualify_any)
{
	start(SMILE, "2026-Q3", NULL);
	staff("P9", "", "", 1);
	ev("2026-07-03 09:00", "P9", "assess", "96");
	ev("2026-08-21 09:05", "P9", "complaint.wechat", NULL);
	finish();
	ck_assert_double_eq(must("P9")->score, 96);
	ck_assert_int_eq(must("P9")->complaints, 1);
	ck_assert_int_eq(must("P9")->eligible, 0);
	ck_assert_str_eq(must("P9")->reason,
	    "disqualified by complaint.wechat: event 2");
}
END_TEST

/* an event without an id (a CSV file without ids) is named by file and
 * line, which are only formatted when a reason needs them */
START_TEST(disqualify_by_place)
{
	struct svc_event e1 = { 0 }, e2 = { 0 };
	struct svc_err e = { 0 };

	start(SMILE, "2026-Q3", NULL);
	staff("P9", "", "", 1);
	ck_assert_int_eq(svc_time_parse("2026-07-03 09:00", &e1.t, &e), 0);
	e1.ts = "2026-07-03 09:00";
	e1.staff = "P9";
	e1.kind = "assess";
	e1.value = "96";
	ck_assert_int_eq(svc_scorer_event(sc, &e1, "in.csv", 2, &e), 0);
	e2 = e1;
	e2.kind = "complaint.wechat";
	e2.value = "";
	ck_assert_int_eq(svc_scorer_event(sc, &e2, "in.csv", 17, &e), 0);
	finish();
	ck_assert_int_eq(must("P9")->eligible, 0);
	ck_assert_str_eq(must("P9")->reason,
	    "disqualified by complaint.wechat: in.csv:17");
}
END_TEST

/* disqualify_total: a month's deductions summing to 15 or more
 * disqualify (8 + 7 in August); 10 on 07-31 23:59:59 and 10 on 08-01
 * 00:00:00 are two months and do not; 14.99 in a month does not */
START_TEST(disqualify_window)
{
	start(SMILE, "2026-Q3", NULL);
	staff("P12", "", "", 1);
	staff("P14", "", "", 1);
	staff("P15", "", "", 1);
	ev("2026-07-03 09:00", "P12", "assess", "91");
	ev("2026-08-05 16:20", "P12", "deduct.dept", "8");
	ev("2026-08-26 16:25", "P12", "deduct.dept", "7");
	ev("2026-07-03 09:00", "P14", "assess", "89");
	ev("2026-07-31 23:59:59", "P14", "deduct.dept", "10");
	ev("2026-08-01 00:00:00", "P14", "deduct.dept", "10");
	ev("2026-07-03 09:00", "P15", "assess", "85");
	ev("2026-09-01 09:00", "P15", "deduct.dept", "7.99");
	ev("2026-09-30 23:59:59", "P15", "deduct.dept", "7");
	finish();
	ck_assert_double_eq(must("P12")->score, 91);
	ck_assert_int_eq(must("P12")->eligible, 0);
	ck_assert_str_eq(must("P12")->reason, "disqualified by deduct.dept: "
	    "15 in 2026-08 (limit 15): event 2, event 3");
	ck_assert_int_eq(must("P14")->eligible, 1);
	ck_assert_str_eq(must("P14")->reason, "");
	ck_assert_double_eq(must("P14")->score, 89);
	ck_assert_int_eq(must("P15")->eligible, 1);
}
END_TEST

/* floor and cap bound the score, not the columns behind it */
START_TEST(floor_and_cap)
{
	start("[policy]\nname = fc\nperiod = week\nbase = 100\nfloor = 0\n"
	    "cap = 105\n[kind.err]\ncounts_as = deduction\npoints = -10\n"
	    "[kind.nominate]\ncounts_as = bonus\npoints = 5\n", "2026-W32",
	    NULL);
	staff("W13", "", "", 1);
	staff("W14", "", "", 1);
	for (int i = 0; i < 11; i++)
		ev("2026-08-05 09:00", "W13", "err", NULL);
	ev("2026-08-05 09:00", "W14", "nominate", NULL);
	ev("2026-08-06 09:00", "W14", "nominate", NULL);
	finish();
	ck_assert_double_eq(must("W13")->deductions, -110);
	ck_assert_double_eq(must("W13")->score, 0);
	ck_assert_double_eq(must("W14")->bonuses, 10);
	ck_assert_double_eq(must("W14")->score, 105);
}
END_TEST

/* complaints and praises count events by counts_as; events counts every
 * counted event, points or not */
START_TEST(counts)
{
	start(GROUP, "2026-08", NULL);
	staff("E1", "", "", 1);
	ev("2026-08-03 09:00", "E1", "complaint.attitude", NULL);
	ev("2026-08-04 09:00", "E1", "complaint.verified", NULL);
	ev("2026-08-05 09:00", "E1", "praise", NULL);
	ev("2026-08-06 09:00", "E1", "praise", NULL);
	ev("2026-08-07 09:00", "E1", "praise", NULL);
	ev("2026-08-08 09:00", "E1", "inspection", NULL);
	finish();
	ck_assert_int_eq(must("E1")->complaints, 2);
	ck_assert_int_eq(must("E1")->praises, 3);
	ck_assert_int_eq(must("E1")->events, 6);
	ck_assert_double_eq(must("E1")->score, 96);
}
END_TEST

/* explain: every event with its rule and progressive factor, the joint
 * charges received and from whom, and the arithmetic */
START_TEST(explain_employee)
{
	char *out;

	start(GROUP, "2026-08", "E1");
	staff("S", "", "", 1);
	staff("E1", "S", "", 1);
	ev("2026-08-25T15:24:00+08:00", "E1", "complaint.verified", NULL);
	ev("2026-08-06T10:41:00+08:00", "E1", "complaint.verified", NULL);
	ev("2026-08-14T11:19:00+08:00", "E1", "complaint.verified", NULL);
	ev("2026-08-15T11:19:00+08:00", "E1", "praise", NULL);
	finish();
	out = explain();
	has(out, "events counted (4):");
	/* in time order, k counting from the first */
	has(out, "2026-08-06T10:41:00+08:00  complaint.verified     "
	    "progressive, 1st: 1 x -5 = -5  [event 2]");
	has(out, "progressive, 2nd: 2 x -5 = -10  [event 3]");
	has(out, "2026-08-25T15:24:00+08:00  complaint.verified     "
	    "progressive, 3rd: 3 x -5 = -15  [event 1]");
	has(out, "praise");
	has(out, "deductions  -30\n");
	has(out, "bonuses     2\n");
	has(out, "score       72\n");
	has(out, "= 100 + (-30) + 2 + (0)\n");
	has(out, "eligible    yes\n");
	ck_assert(strstr(out, "progressive, 2nd") > strstr(out,
	    "progressive, 1st"));
	free(out);
}
END_TEST

/* explain for a supervisor: the joint charges and whose they are. He has
 * no events of his own, so the explained event list is empty (NULL): the
 * sanitizer build once stopped here on qsort(NULL, 0, ...). */
START_TEST(explain_supervisor)
{
	struct svc_err e = { 0 };
	char *out;

	start(GROUP, "2026-08", "S");
	staff("S", "", "", 1);
	staff("E1", "S", "", 1);
	ev("2026-08-06 10:41", "E1", "complaint.verified", NULL);
	ev("2026-08-14 11:19", "E1", "complaint.verified", NULL);
	ev("2026-08-25 15:24", "E1", "complaint.verified", NULL);
	finish();
	out = explain();
	has(out, "events counted (0):");
	has(out, "joint charges received:");
	has(out, "E1 姓名: complaint.verified occurrences 2..3, as supervisor, "
	    "progressive from the 2nd: -9");
	has(out, "joint       -9\n");
	has(out, "= 100 + (0) + 0 + (-9)\n");
	free(out);
	svc_scorer_free(sc);
	svc_policy_free(pol);
	sc = NULL;
	pol = NULL;
	/* someone without a row cannot be explained */
	start(GROUP, "2026-08", "X");
	staff("X", "", "", 0);
	finish();
	ck_assert_int_eq(svc_scorer_explain(sc, stdout, 1, &e), -1);
	ck_assert_str_eq(e.field, "--explain");
}
END_TEST

/* rounding to 2 decimals, half away from zero as a person writes it:
 * a mean of 94.995 is 95, 94.985 is 94.99, 80.005 is 80.01 */
START_TEST(round_half_up)
{
	start(SMILE, "2026-Q3", NULL);
	staff("P1", "", "", 1);
	staff("P2", "", "", 1);
	staff("P3", "", "", 1);
	ev("2026-07-03 09:00", "P1", "assess", "94.99");
	ev("2026-07-04 09:00", "P1", "assess", "95");
	ev("2026-07-03 09:00", "P2", "assess", "94.98");
	ev("2026-07-04 09:00", "P2", "assess", "94.99");
	ev("2026-07-03 09:00", "P3", "assess", "80.01");
	ev("2026-07-04 09:00", "P3", "assess", "80");
	finish();
	ck_assert_double_eq(must("P1")->score, 95);
	ck_assert_double_eq(must("P2")->score, 94.99);
	ck_assert_double_eq(must("P3")->score, 80.01);
}
END_TEST

/* rounding of a fixed-base score with fractional points, negative side:
 * half away from zero */
START_TEST(round_negative)
{
	start("[policy]\nname = r\n[kind.adj]\npoints = value\n", "2026-08",
	    NULL);
	staff("E1", "", "", 1);
	ev("2026-08-03 09:00", "E1", "adj", "-100.005");
	finish();
	ck_assert_double_eq(must("E1")->score, -0.01);
}
END_TEST

/* a sum that overflows (a policy not from the loader, which bounds its
 * numbers) gives a row without a score and says why, never inf */
START_TEST(score_never_infinite)
{
	struct svc_kind *k;

	start(GROUP, "2026-08", NULL);
	k = (struct svc_kind *)svc_policy_kind(pol, "praise");
	pol->base = 1e308;
	k->points = 1e308;
	staff("E1", "", "", 1);
	ev("2026-08-03 09:00", "E1", "praise", NULL);
	finish();
	ck_assert_int_eq(must("E1")->has_score, 0);
	ck_assert_double_eq(must("E1")->score, 0);
	ck_assert_double_eq(must("E1")->bonuses, 0);
	ck_assert_int_eq(must("E1")->eligible, 0);
	ck_assert_str_eq(must("E1")->reason, "score is not a finite number");
}
END_TEST

Suite *
suite_score(void)
{
	Suite *s = suite_create("score");
	TCase *tc = tcase_create("score");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, flat_kind);
	tcase_add_test(tc, progressive_kind);
	tcase_add_test(tc, value_points);
	tcase_add_test(tc, joint_penalties);
	tcase_add_test(tc, joint_without_events);
	tcase_add_test(tc, who_has_a_row);
	tcase_add_test(tc, period_edges);
	tcase_add_test(tc, ignored_events);
	tcase_add_test(tc, event_errors);
	tcase_add_test(tc, mean_base);
	tcase_add_test(tc, no_assessment);
	tcase_add_test(tc, disqualify_any);
	tcase_add_test(tc, disqualify_by_place);
	tcase_add_test(tc, disqualify_window);
	tcase_add_test(tc, floor_and_cap);
	tcase_add_test(tc, counts);
	tcase_add_test(tc, explain_employee);
	tcase_add_test(tc, explain_supervisor);
	tcase_add_test(tc, round_half_up);
	tcase_add_test(tc, round_negative);
	tcase_add_test(tc, score_never_infinite);
	suite_add_tcase(s, tc);
	return s;
}
