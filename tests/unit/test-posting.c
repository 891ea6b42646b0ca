#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "award.h"
#include "db.h"
#include "period.h"
#include "policy.h"
#include "posting.h"
#include "scratch.h"

/*
 * The posting lifecycle on a scratch database: a policy with a 30-day
 * posting paid the month after, staff S1..S3, awards built by hand.
 */

static struct svc_policy *pol;
static struct svc_db *db;
static struct svc_err e;

#define POLICY \
	"[policy]\nname = smile\nperiod = quarter\n" \
	"[kind.complaint]\ncounts_as = complaint\npoints = -5\n" \
	"[kind.praise]\ncounts_as = praise\npoints = 10\n" \
	"[tier.best]\nmin = 95\namount = 500\n" \
	"[tier.retrain]\nmax = 80\naction = retraining\n" \
	"[worst.worst]\nthreshold = 2\nfine = 100\n" \
	"[posting]\ndays = 30\ncontact = 6264368\n"

static time_t
day(const char *s)
{
	time_t t;
	struct svc_err te;

	ck_assert_msg(svc_date_parse(s, 0, &t, &te) == 0, "%s", s);
	return t;
}

static void
setup(void)
{
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	memset(&e, 0, sizeof(e));
	scratch_dir("posting");
	ck_assert_ptr_nonnull(pol = svc_policy_load(scratch_file("p.ini",
	    POLICY), &e));
	ck_assert_ptr_nonnull(db = svc_db_open(scratch_path("svc.db"),
	    SVC_DB_CREATE, &e));
	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	for (int i = 1; i <= 3; i++) {
		char id[16];
		struct svc_staff s = { id, "姓名", "d", "p", "u", "", "", 1 };

		snprintf(id, sizeof(id), "S%d", i);
		ck_assert_int_eq(svc_db_staff_put(db, &s, &e), 0);
	}
	ck_assert_int_eq(svc_db_commit(db, &e), 0);
}

static void
teardown(void)
{
	svc_db_close(db);
	svc_policy_free(pol);
	scratch_rm();
}

static void
event(const char *ts, const char *staff, const char *kind)
{
	struct svc_event ev = { 0 };
	struct svc_err te;
	long long b, id;

	ck_assert_int_eq(svc_time_parse(ts, &ev.t, &te), 0);
	ev.ts = ts;
	ev.staff = staff;
	ev.kind = kind;
	ev.logged_by = "test";
	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	ck_assert_int_gt(b = svc_db_batch_new(db, "test", "", "t", &e), 0);
	ev.batch = b;
	ck_assert_int_eq(svc_db_event_add(db, &ev, &id, &e), 1);
	ck_assert_int_eq(svc_db_commit(db, &e), 0);
}

static struct svc_award
award(const char *staff, enum svc_award_type t, const char *name,
    double amount, const char *action)
{
	struct svc_award a = { 0 };

	a.period = (char *)"2026-Q3";
	a.staff = (char *)staff;
	a.name = a.dept = (char *)"";
	a.type = t;
	a.award = (char *)name;
	a.amount = amount;
	a.action = (char *)action;
	a.badge = a.reason = (char *)"";
	return a;
}

/* S1 best (500), S2 best (500), S3 worst (-100), S3 retraining. */
static int
save(const char *on)
{
	static const char *const periods[] = { "2026-Q3" };
	struct svc_award a[4];

	a[0] = award("S1", SVC_AWARD_TIER, "best", 500, "");
	a[1] = award("S2", SVC_AWARD_TIER, "best", 500, "");
	a[2] = award("S3", SVC_AWARD_WORST, "worst", -100, "");
	a[3] = award("S3", SVC_AWARD_TIER, "retrain", 0, "retraining");
	return svc_posting_save(db, pol, periods, 1, a, 4, day(on), "clerk",
	    NULL, &e);
}

struct seen {
	long long id[32];
	char status[32][16];
	char note[32][96];
	int n;
};

static int
collect(void *arg, const struct svc_saved_award *s)
{
	struct seen *x = arg;

	ck_assert_int_lt(x->n, 32);
	x->id[x->n] = s->id;
	snprintf(x->status[x->n], sizeof(x->status[0]), "%s", s->status);
	snprintf(x->note[x->n], sizeof(x->note[0]), "%s", s->note);
	x->n++;
	return 0;
}

static struct seen
list(const char *status, int history)
{
	struct svc_posting_filter f = { "smile", "2026-Q3", status, history };
	struct seen x = { .n = 0 };

	ck_assert_int_eq(svc_posting_list(db, &f, collect, &x, &e), 0);
	return x;
}

static int
payroll(void *arg, const char *staff, const char *name, const char *dept,
    double amount)
{
	char *buf = arg;

	(void)name;
	(void)dept;
	if (staff == NULL)
		sprintf(buf + strlen(buf), "|");
	else
		sprintf(buf + strlen(buf), "%s=%g;", staff, amount);
	return 0;
}

/* A payroll that cannot be written. */
static int
refuse_payroll(void *arg, const char *staff, const char *name,
    const char *dept, double amount)
{
	(void)arg;
	(void)name;
	(void)dept;
	(void)amount;
	return staff != NULL ? -1 : 0;
}

/* Dates: posted from the as-of day for 30 days, paid the month after. */
START_TEST(dates)
{
	struct svc_posting_dates d;

	svc_posting_dates(pol, day("2026-10-08") + 3600 * 15, &d);
	ck_assert_str_eq(d.from, "2026-10-08");
	ck_assert_str_eq(d.until, "2026-11-07");
	ck_assert_str_eq(d.payable, "2026-12");
	svc_posting_dates(pol, day("2026-10-02"), &d);
	/* last day of posting 10-31: payable in November */
	ck_assert_str_eq(d.payable, "2026-11");
	pol->posting.days = 0;
	svc_posting_dates(pol, day("2026-10-31"), &d);
	ck_assert_str_eq(d.until, "2026-10-31");
	ck_assert_str_eq(d.payable, "2026-11");
}
END_TEST

/*
 * A posting of one calendar month (张榜公示一个月): from 1 October through
 * 31 October, paid in November; from a day the next month lacks, through
 * that month's last day.
 */
START_TEST(dates_months)
{
	static const char *const cases[][4] = {
		{ "2026-10-01", "2026-10-01", "2026-11-01", "2026-11" },
		{ "2026-10-15", "2026-10-15", "2026-11-15", "2026-12" },
		{ "2026-01-31", "2026-01-31", "2026-03-01", "2026-03" },
		{ "2026-01-28", "2026-01-28", "2026-02-28", "2026-03" },
		{ "2028-01-30", "2028-01-30", "2028-03-01", "2028-03" },
		{ "2026-12-31", "2026-12-31", "2027-01-31", "2027-02" },
		{ "2026-08-31", "2026-08-31", "2026-10-01", "2026-10" },
	};
	struct svc_posting_dates d;

	pol->posting.days = 0;
	pol->posting.months = 1;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		svc_posting_dates(pol, day(cases[i][0]) + 3600 * 23, &d);
		ck_assert_str_eq(d.from, cases[i][1]);
		ck_assert_str_eq(d.until, cases[i][2]);
		ck_assert_str_eq(d.payable, cases[i][3]);
	}
	pol->posting.months = 3;
	svc_posting_dates(pol, day("2026-11-30"), &d);
	ck_assert_str_eq(d.until, "2027-03-01");
	ck_assert_str_eq(d.payable, "2027-03");
}
END_TEST

/* The whole lifecycle: a complaint inside the window withdraws S2's
 * award, one outside does not touch S1; worst and retraining are not
 * rewards; pay prints totals; paying twice and re-saving are refused. */
START_TEST(lifecycle)
{
	struct svc_posting_result res;
	struct svc_award_hist *h;
	struct seen x;
	size_t nh;
	char buf[256] = "";

	ck_assert_int_eq(save("2026-10-08"), 0);
	x = list(NULL, 0);
	ck_assert_int_eq(x.n, 4);
	for (int i = 0; i < 4; i++)
		ck_assert_str_eq(x.status[i], "posted");
	/* S1: the day before posting and the day it ends: outside */
	event("2026-10-07T17:00:00+08:00", "S1", "complaint");
	event("2026-11-07T08:00:00+08:00", "S1", "complaint");
	/* S2: the last day of the posting: inside */
	event("2026-11-06T17:59:00+08:00", "S2", "complaint");
	/* S3: inside, but a worst rating is not withdrawn */
	event("2026-10-20T09:00:00+08:00", "S3", "complaint");
	/* before the posting has ended */
	ck_assert_int_eq(svc_posting_finalize(db, pol, "2026-Q3",
	    day("2026-11-06"), NULL, 0, "boss", NULL, NULL,
	    &res, &e), -1);
	ck_assert_str_eq(e.field, "--as-of");
	ck_assert_int_eq(svc_posting_pay(db, "smile", "2026-Q3",
	    day("2026-12-01"), "boss", payroll, buf, &res, &e), -1);
	ck_assert_int_eq(svc_posting_finalize(db, pol, "2026-Q3",
	    day("2026-11-07"), NULL, 0, "boss", NULL, NULL,
	    &res, &e), 0);
	ck_assert_uint_eq(res.approved, 3);
	ck_assert_uint_eq(res.withdrawn, 1);
	x = list(NULL, 0);
	ck_assert_str_eq(x.status[0], "approved");
	ck_assert_str_eq(x.status[1], "withdrawn");
	ck_assert_msg(strstr(x.note[1], "complaint during the posting") !=
	    NULL, "%s", x.note[1]);
	ck_assert_str_eq(x.status[2], "approved");
	ck_assert_str_eq(x.status[3], "approved");
	/* finalizing twice */
	ck_assert_int_eq(svc_posting_finalize(db, pol, "2026-Q3",
	    day("2026-11-08"), NULL, 0, "boss", NULL, NULL,
	    &res, &e), -1);
	/* withdrawn awards leave the history */
	ck_assert_int_eq(svc_posting_history(db, "smile", &h, &nh, &e), 0);
	ck_assert_uint_eq(nh, 3);
	svc_posting_hist_free(h, nh);
	ck_assert_int_eq(svc_posting_pay(db, "smile", "2026-Q3",
	    day("2026-12-01"), "pay", payroll, buf, &res, &e), 0);
	ck_assert_str_eq(buf, "|S1=500;S3=-100;");
	ck_assert_uint_eq(res.paid, 3);
	ck_assert_int_eq(svc_posting_pay(db, "smile", "2026-Q3",
	    day("2026-12-02"), "pay", payroll, buf, &res, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "paid already"));
	/* history: posted, approved, paid for S1: three changes */
	x = list(NULL, 1);
	ck_assert_int_eq(x.n, 3 + 2 + 3 + 3);
	/* paid: the period cannot be saved again, and nothing changed */
	ck_assert_int_eq(save("2026-12-03"), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "already paid"));
	ck_assert_int_eq(list(NULL, 1).n, 11);
}
END_TEST

/* Objections: upheld withdraws even a worst rating, the others are
 * rejected; only while posted; unknown ids refused. */
START_TEST(objections)
{
	struct svc_posting_result res;
	struct seen x = list(NULL, 0);
	long long o1, o2;

	ck_assert_int_eq(save("2026-10-08"), 0);
	x = list(NULL, 0);
	ck_assert_int_eq(svc_posting_object(db, x.id[2], "not me",
	    day("2026-10-09"), "S3", NULL, NULL,
	    &o1, &e), 0);
	ck_assert_int_eq(svc_posting_object(db, x.id[0], "too high",
	    day("2026-10-09"), "S2", NULL, NULL,
	    &o2, &e), 0);
	ck_assert_int_ne(o1, o2);
	ck_assert_int_eq(svc_posting_object(db, 999, "x", day("2026-10-09"),
	    "S2", NULL, NULL,
	    &o2, &e), -1);
	/* an objection id that does not exist */
	ck_assert_int_eq(svc_posting_finalize(db, pol, "2026-Q3",
	    day("2026-11-07"), (long long[]){ 99 }, 1, "boss", NULL, NULL,
	    &res, &e), -1);
	ck_assert_str_eq(e.field, "--uphold");
	ck_assert_int_eq(svc_posting_finalize(db, pol, "2026-Q3",
	    day("2026-11-07"), &o1, 1, "boss", NULL, NULL,
	    &res, &e), 0);
	x = list(NULL, 0);
	ck_assert_str_eq(x.status[0], "approved");
	ck_assert_str_eq(x.status[2], "withdrawn");
	ck_assert_msg(strstr(x.note[2], "upheld") != NULL, "%s", x.note[2]);
	/* objections only while posted */
	ck_assert_int_eq(svc_posting_object(db, x.id[0], "late",
	    day("2026-11-08"), "S2", NULL, NULL,
	    &o2, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "approved"));
}
END_TEST

/* Saving again replaces unpaid awards (kept as replaced, in one
 * transaction); holders must be in the roster. */
START_TEST(resave)
{
	static const char *const periods[] = { "2026-Q3" };
	struct svc_award a = award("S9", SVC_AWARD_TIER, "best", 500, "");
	struct seen x;

	ck_assert_int_eq(save("2026-10-08"), 0);
	ck_assert_int_eq(save("2026-10-09"), 0);
	ck_assert_int_eq(list(NULL, 0).n, 4);
	x = list("replaced", 0);
	ck_assert_int_eq(x.n, 4);
	ck_assert_str_eq(x.note[0], "saved again");
	ck_assert_int_eq(svc_posting_save(db, pol, periods, 1, &a, 1,
	    day("2026-10-10"), "clerk", NULL, &e), -1);
	ck_assert_str_eq(e.field, "staff");
	/* the failed save replaced nothing */
	ck_assert_int_eq(list(NULL, 0).n, 4);
	ck_assert_int_eq(list("posted", 0).n, 4);
}
END_TEST

/* A finalised period is saved again only with a reason, which the
 * replaced awards keep; a payroll the caller cannot write pays nothing. */
START_TEST(finalised)
{
	static const char *const periods[] = { "2026-Q3" };
	struct svc_posting_result res;
	struct svc_award a = award("S1", SVC_AWARD_TIER, "best", 500, "");
	struct seen x;

	ck_assert_int_eq(save("2026-10-08"), 0);
	ck_assert_int_eq(svc_posting_finalize(db, pol, "2026-Q3",
	    day("2026-11-07"), NULL, 0, "boss", NULL, NULL, &res, &e), 0);
	ck_assert_int_eq(save("2026-11-08"), -1);
	ck_assert_msg(strstr(e.msg, "2026-Q3: finalised on 2026-11-07 by "
	    "boss") != NULL, "%s", e.msg);
	ck_assert_int_eq(list("approved", 0).n, 4);
	ck_assert_int_eq(svc_posting_pay(db, "smile", "2026-Q3",
	    day("2026-12-01"), "pay", refuse_payroll, NULL, &res, &e), -1);
	ck_assert_int_eq(list("paid", 0).n, 0);
	ck_assert_int_eq(svc_posting_save(db, pol, periods, 1, &a, 1,
	    day("2026-11-08"), "clerk", "wrong scores", &e), 0);
	x = list("replaced", 1);
	ck_assert_int_eq(x.n, 4);
	ck_assert_str_eq(x.note[0], "wrong scores");
	ck_assert_int_eq(list("posted", 0).n, 1);
}
END_TEST

Suite *
suite_posting(void)
{
	Suite *s = suite_create("posting");
	TCase *tc = tcase_create("posting");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, dates);
	tcase_add_test(tc, dates_months);
	tcase_add_test(tc, lifecycle);
	tcase_add_test(tc, objections);
	tcase_add_test(tc, resave);
	tcase_add_test(tc, finalised);
	suite_add_tcase(s, tc);
	return s;
}
