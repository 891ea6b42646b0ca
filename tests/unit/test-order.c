#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "ledger.h"
#include "order.h"
#include "period.h"
#include "policy.h"
#include "util.h"
#include "scratch.h"

/*
 * Work orders over a scratch database: S1 (装表班) and S2 (调度室) on
 * the roster, customer 0101023, and a policy with [orders] due = 3d and a
 * revisit kind whose dissatisfied values open follow-ups. Local time is
 * Asia/Shanghai.
 */

static struct scratch_ledger fx;

static void
setup(void)
{
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	scratch_dir("order");
	scratch_ledger_open(&fx,
	    "id,name,dept\nS1,张三,装表班\nS2,李四,调度室\n",
	    "id,name,tier\n0101023,张桂兰,resident\n",
	    "[policy]\nname = t\n[kind.revisit]\ncounts_as = revisit\n"
	    "value = required\nvalue_min = 1\nvalue_max = 5\n"
	    "follow_up = yes\n[orders]\ndue = 3d\n");
}

static void
teardown(void)
{
	scratch_ledger_close(&fx);
	scratch_rm();
}

static time_t
at(const char *ts)
{
	struct svc_err e = { 0 };
	time_t t;

	ck_assert_msg(svc_time_parse(ts, &t, &e) == 0, "%s: %s", ts, e.msg);
	return t;
}

static const char *
fmt(time_t t)
{
	static char buf[32];

	return svc_time_format(t, buf);
}

/* how many events of kind the ledger holds */
static int
count_kind(void *arg, const struct svc_event *ev)
{
	(void)ev;
	++*(int *)arg;
	return 0;
}

static int
events(const char *kind)
{
	struct svc_err e = { 0 };
	struct svc_event_filter f = { 0 };
	int n = 0;

	f.kind = kind;
	ck_assert_int_eq(svc_db_events_each(fx.db, &f, count_kind, &n, &e), 0);
	return n;
}

static long long
open_one(const char *ts, const char *due)
{
	struct svc_err e = { 0 };
	struct svc_order_in in = { 0 };
	long long id;

	in.ts = ts;
	in.customer = "0101023";
	in.matter = "水表漏水";
	in.first = "S1";
	in.due = due;
	ck_assert_msg(svc_order_open(fx.led, &in, &id, &e) == 0, "%s", e.msg);
	return id;
}

static void
get(long long id, struct svc_order *o)
{
	struct svc_err e = { 0 };

	ck_assert_int_eq(svc_db_order_get(fx.db, id, o, &e), 1);
}

/* Nd keeps the time of day across month and year ends and leap days;
 * a date is due by its last second; Nh counts hours */
START_TEST(due_forms)
{
	struct svc_err e = { 0 };
	time_t d;
	int w;

	ck_assert_int_eq(svc_order_due("3d", NULL,
	    at("2026-01-30T09:00"), &d, &w, &e), 0);
	ck_assert_int_eq(w, 0);
	ck_assert_str_eq(fmt(d), "2026-02-02T09:00:00+08:00");
	ck_assert_int_eq(svc_order_due("1d", NULL,
	    at("2028-02-28T16:30"), &d, &w, &e), 0);
	ck_assert_str_eq(fmt(d), "2028-02-29T16:30:00+08:00");
	ck_assert_int_eq(svc_order_due("2d", NULL,
	    at("2026-12-31T08:00"), &d, &w, &e), 0);
	ck_assert_str_eq(fmt(d), "2027-01-02T08:00:00+08:00");
	ck_assert_int_eq(svc_order_due("48h", NULL,
	    at("2026-09-29T20:00"), &d, &w, &e), 0);
	ck_assert_str_eq(fmt(d), "2026-10-01T20:00:00+08:00");
	ck_assert_int_eq(svc_order_due("2026-10-01", NULL, at("2026-09-29T20:00"),
	    &d, &w, &e), 0);
	ck_assert_str_eq(fmt(d), "2026-10-01T23:59:59+08:00");
	ck_assert_int_eq(svc_order_due("2026-10-02T12:00", NULL,
	    at("2026-09-29T20:00"), &d, &w, &e), 0);
	ck_assert_str_eq(fmt(d), "2026-10-02T12:00:00+08:00");
	/* refused: impossible date, before opening, zero, nonsense */
	ck_assert_int_eq(svc_order_due("2026-02-30", NULL, at("2026-01-30T09:00"),
	    &d, &w, &e), -1);
	ck_assert_int_eq(svc_order_due("2026-01-29", NULL, at("2026-01-30T09:00"),
	    &d, &w, &e), -1);
	ck_assert(strstr(e.msg, "before") != NULL);
	ck_assert_int_eq(svc_order_due("0d", NULL,
	    at("2026-01-30T09:00"), &d, &w, &e), -1);
	ck_assert_int_eq(svc_order_due("3w", NULL,
	    at("2026-01-30T09:00"), &d, &w, &e), -1);
	ck_assert_int_eq(svc_order_due("d", NULL,
	    at("2026-01-30T09:00"), &d, &w, &e), -1);
}
END_TEST

/* open -> assigned -> reassigned -> closed, each an event; the policy's
 * due is the default; the owner follows the assignee */
START_TEST(lifecycle)
{
	struct svc_err e = { 0 };
	struct svc_order o;
	long long id = open_one("2026-09-29T10:00", NULL);

	get(id, &o);
	ck_assert_str_eq(o.status, "open");
	ck_assert_str_eq(o.due, "2026-10-02T10:00:00+08:00");
	ck_assert_str_eq(o.dept, "装表班");
	ck_assert_str_eq(svc_order_owner(&o), "S1");
	svc_order_release(&o);
	ck_assert_int_eq(events("order.open"), 1);
	ck_assert_int_eq(svc_order_assign(fx.led, id, "S2", "2026-09-29T11:00",
	    &e), 0);
	get(id, &o);
	ck_assert_str_eq(o.status, "assigned");
	ck_assert_str_eq(svc_order_owner(&o), "S2");
	svc_order_release(&o);
	ck_assert_int_eq(svc_order_assign(fx.led, id, "S1", "2026-09-30T09:00",
	    &e), 0);
	ck_assert_int_eq(events("order.assign"), 2);
	ck_assert_int_eq(svc_order_close(fx.led, id, "换表", "2026-10-01T09:00",
	    &e), 0);
	get(id, &o);
	ck_assert_str_eq(o.status, "closed");
	ck_assert_str_eq(o.closed, "2026-10-01T09:00:00+08:00");
	ck_assert_str_eq(o.resolution, "换表");
	svc_order_release(&o);
	ck_assert_int_eq(events("order.close"), 1);
}
END_TEST

/* every illegal transition fails and writes nothing */
START_TEST(illegal)
{
	struct svc_err e = { 0 };
	struct svc_order_in in = { 0 };
	long long id = open_one("2026-09-29T10:00", "1d"), id2;
	int before;

	/* no such order */
	ck_assert_int_eq(svc_order_assign(fx.led, 99, "S2", NULL, &e), -1);
	ck_assert_str_eq(e.field, "id");
	ck_assert_int_eq(svc_order_close(fx.led, 99, NULL, NULL, &e), -1);
	ck_assert_int_eq(svc_order_cancel(fx.led, 99, "x", NULL, &e), -1);
	/* unknown staff, same assignee twice */
	ck_assert_int_eq(svc_order_assign(fx.led, id, "S9", NULL, &e), -1);
	ck_assert_str_eq(e.field, "staff");
	ck_assert_int_eq(svc_order_assign(fx.led, id, "S2", "2026-09-29T12:00",
	    &e), 0);
	ck_assert_int_eq(svc_order_assign(fx.led, id, "S2", NULL, &e), -1);
	/* a time before the opening */
	ck_assert_int_eq(svc_order_close(fx.led, id, NULL, "2026-09-28T10:00",
	    &e), -1);
	ck_assert_str_eq(e.field, "--ts");
	/* cancel needs a reason */
	ck_assert_int_eq(svc_order_cancel(fx.led, id, "", NULL, &e), -1);
	/* nor before the latest assignment: a reassignment, a close */
	ck_assert_int_eq(svc_order_assign(fx.led, id, "S1", "2026-09-30T08:00",
	    &e), 0);
	ck_assert_int_eq(svc_order_assign(fx.led, id, "S2", "2026-09-30T07:59",
	    &e), -1);
	ck_assert_str_eq(e.field, "--ts");
	ck_assert(strstr(e.msg, "assigned to S1") != NULL);
	ck_assert_int_eq(svc_order_close(fx.led, id, NULL, "2026-09-30T07:00",
	    &e), -1);
	ck_assert_str_eq(e.field, "--ts");
	ck_assert_int_eq(svc_order_close(fx.led, id, NULL, "2026-09-30T10:00",
	    &e), 0);
	before = events(NULL);
	/* closed is final */
	ck_assert_int_eq(svc_order_close(fx.led, id, NULL, NULL, &e), -1);
	ck_assert(strstr(e.msg, "is closed") != NULL);
	ck_assert_int_eq(svc_order_cancel(fx.led, id, "x", NULL, &e), -1);
	ck_assert_int_eq(svc_order_assign(fx.led, id, "S1", NULL, &e), -1);
	/* cancelled is final */
	id2 = open_one("2026-09-29T10:00", NULL);
	ck_assert_int_eq(svc_order_cancel(fx.led, id2, "重复", NULL, &e), 0);
	ck_assert_int_eq(svc_order_close(fx.led, id2, NULL, NULL, &e), -1);
	ck_assert(strstr(e.msg, "is cancelled (by ") != NULL);
	ck_assert(strstr(e.msg, "): it cannot be closed") != NULL);
	ck_assert_int_eq(events(NULL), before + 2);
	/* open refuses unknown customer and staff, no matter, bad due */
	in.customer = "9999999";
	in.matter = "x";
	in.first = "S1";
	ck_assert_int_eq(svc_order_open(fx.led, &in, &id, &e), -1);
	ck_assert_str_eq(e.field, "--customer");
	in.customer = "0101023";
	in.first = "S9";
	ck_assert_int_eq(svc_order_open(fx.led, &in, &id, &e), -1);
	ck_assert_str_eq(e.field, "--first");
	in.first = NULL;
	ck_assert_int_eq(svc_order_open(fx.led, &in, &id, &e), -1);
	ck_assert_str_eq(e.field, "--first");
	in.first = "S1";
	in.matter = "";
	ck_assert_int_eq(svc_order_open(fx.led, &in, &id, &e), -1);
	ck_assert_str_eq(e.field, "--matter");
	in.matter = "x";
	in.due = "soon";
	ck_assert_int_eq(svc_order_open(fx.led, &in, &id, &e), -1);
	ck_assert_str_eq(e.field, "--due");
	in.due = NULL;
	in.channel = "Phone";
	ck_assert_int_eq(svc_order_open(fx.led, &in, &id, &e), -1);
	ck_assert_str_eq(e.field, "--channel");
	ck_assert_int_eq(events(NULL), before + 2);
	/* the ledger's own kinds cannot be added or voided by hand */
	ck_assert_int_eq(svc_ledger_add(fx.led, &(struct svc_event_in){
	    .staff = "S1", .kind = "order.open" }, &id, &e), -1);
	ck_assert_int_eq(svc_ledger_void(fx.led, 1, "x", &id, &e), -1);
	ck_assert(strstr(e.msg, "work-order transition") != NULL);
}
END_TEST

/* overdue is judged at the as-of moment, on orders still open then */
START_TEST(overdue_as_of)
{
	struct svc_err e = { 0 };
	struct svc_order o;
	long long id = open_one("2026-09-29T10:00", "2026-09-30");

	get(id, &o);
	ck_assert(!svc_order_overdue_at(&o, o.due_t, at("2026-09-30T23:59:59")));
	ck_assert(svc_order_overdue_at(&o, o.due_t, at("2026-10-01T00:00")));
	ck_assert(!svc_order_open_at(&o, at("2026-09-29T09:59")));
	svc_order_release(&o);
	ck_assert_int_eq(svc_order_close(fx.led, id, NULL, "2026-10-03T09:00",
	    &e), 0);
	get(id, &o);
	/* closed later: it was overdue on 10-02, not after closing */
	ck_assert(svc_order_overdue_at(&o, o.due_t, at("2026-10-02T23:59:59")));
	ck_assert(!svc_order_overdue_at(&o, o.due_t, at("2026-10-03T09:00")));
	svc_order_release(&o);
}
END_TEST

/* a dissatisfied revisit opens a follow-up in its own transaction; a
 * satisfied one does not; voiding the revisit cancels the follow-up */
START_TEST(follow_up)
{
	struct svc_err e = { 0 };
	struct svc_event_in in = { .ts = "2026-08-13T09:49", .staff = "S1",
	    .kind = "revisit", .value = "2", .customer = "0101023",
	    .note = "排队超过两小时" };
	struct svc_order o;
	long long id;

	ck_assert_int_eq(svc_ledger_add(fx.led, &in, &id, &e), 1);
	ck_assert_int_eq(svc_db_order_of_revisit(fx.db, id, &o, &e), 1);
	ck_assert_str_eq(o.first_asked, "S1");
	ck_assert_str_eq(o.opened, "2026-08-13T09:49:00+08:00");
	ck_assert_str_eq(o.due, "2026-08-16T09:49:00+08:00");
	ck_assert(strstr(o.matter, "排队超过两小时") != NULL);
	svc_order_release(&o);
	ck_assert_int_eq(events("order.open"), 1);
	in.value = "3";
	ck_assert_int_eq(svc_ledger_add(fx.led, &in, NULL, &e), 1);
	ck_assert_int_eq(events("order.open"), 1);
	/* no customer: refused, nothing written */
	in.value = "1";
	in.customer = NULL;
	ck_assert_int_eq(svc_ledger_add(fx.led, &in, NULL, &e), -1);
	ck_assert_str_eq(e.field, "customer");
	ck_assert_int_eq(events("revisit"), 2);
	ck_assert_int_eq(svc_ledger_void(fx.led, id, "记错客户", &id, &e), 0);
	ck_assert_int_eq(svc_db_order_get(fx.db, 1, &o, &e), 1);
	ck_assert_str_eq(o.status, "cancelled");
	ck_assert(strstr(o.reason, "记错客户") != NULL);
	svc_order_release(&o);
	ck_assert_int_eq(events("order.cancel"), 1);
}
END_TEST

/* a ledger the order module is not attached to cannot open the order a
 * dissatisfied revisit needs: it refuses the revisit, never drops it */
START_TEST(follow_up_unattached)
{
	struct svc_err e = { 0 };
	struct svc_event_in in = { .ts = "2026-08-13T09:49", .staff = "S1",
	    .kind = "revisit", .value = "2", .customer = "0101023" };
	struct svc_ledger *bare = svc_ledger_new(fx.db, fx.pol, "test", "me",
	    &e);

	ck_assert_ptr_nonnull(bare);
	ck_assert_int_eq(svc_ledger_add(bare, &in, NULL, &e), -1);
	ck_assert(strstr(e.msg, "no work-order module") != NULL);
	ck_assert_int_eq(events("revisit"), 0);
	in.value = "5";
	ck_assert_int_eq(svc_ledger_add(bare, &in, NULL, &e), 1);
	svc_ledger_free(bare);
}
END_TEST

/* an import follows up every dissatisfied revisit, or on error none */
START_TEST(follow_up_import)
{
	struct svc_err e = { 0 };
	long added, skipped;

	ck_assert_int_eq(svc_ledger_import(fx.led, scratch_file("ev.csv",
	    "ts,staff,kind,value,customer\n"
	    "2026-08-01T09:00,S1,revisit,1,0101023\n"
	    "2026-08-02T09:00,S2,revisit,5,0101023\n"
	    "2026-08-03T09:00,S2,revisit,2,0101023\n"), NULL, &added, &skipped,
	    &e), 0);
	ck_assert_int_eq(added, 3);
	ck_assert_int_eq(events("order.open"), 2);
	ck_assert_int_eq(svc_ledger_import(fx.led, scratch_file("bad.csv",
	    "ts,staff,kind,value,customer\n"
	    "2026-08-04T09:00,S1,revisit,1,0101023\n"
	    "2026-08-05T09:00,S2,revisit,1,\n"), NULL, &added, &skipped,
	    &e), -1);
	ck_assert_int_eq(e.line, 3);
	ck_assert_int_eq(events("order.open"), 2);
}
END_TEST

/*
 * An import stores rows many to a statement, but a follow-up's revisit
 * at its own place: between 40 satisfied revisits and 40 more, its id is
 * the 42nd and its order names it.
 */
START_TEST(follow_up_import_many)
{
	struct svc_err e = { 0 };
	struct svc_buf csv = { 0 };
	struct svc_order o;
	long added, skipped;

	svc_buf_adds(&csv, "ts,staff,kind,value,customer,uid\n");
	/* row 60 repeats row 3, skipped */
	for (int i = 1; i <= 81; i++)
		svc_buf_printf(&csv, "2026-08-01T09:%02d,S2,revisit,%d,0101023,"
		    "R%d\n", (i == 60 ? 3 : i) % 60, i == 41 ? 1 : 5,
		    i == 60 ? 3 : i);
	ck_assert_int_eq(svc_ledger_import(fx.led, scratch_file("ev.csv",
	    csv.s), NULL, &added, &skipped, &e), 0);
	ck_assert_int_eq(added, 80);
	ck_assert_int_eq(skipped, 1);
	/* revisit 41, then its order.open event, then the rest */
	ck_assert_int_eq(svc_db_order_of_revisit(fx.db, 41, &o, &e), 1);
	ck_assert(strstr(o.matter, "event 41,") != NULL);
	svc_order_release(&o);
	ck_assert_int_eq(events("order.open"), 1);
	ck_assert_int_eq(events("revisit"), 80);
	svc_buf_release(&csv);
}
END_TEST

/* the report's rows and figures, by hand on five orders in September */
START_TEST(report_by_hand)
{
	struct svc_err e = { 0 };
	struct svc_order_report r;
	struct svc_period sep;
	long long a, b, c, d, f;

	a = open_one("2026-08-28T10:00", "1d");	/* overdue since 08-29 */
	b = open_one("2026-09-10T10:00", "2d");	/* closed on time */
	c = open_one("2026-09-20T10:00", "1d");	/* closed late */
	d = open_one("2026-09-25T10:00", "10d");	/* open, not yet due */
	f = open_one("2026-09-26T10:00", NULL);	/* cancelled */
	ck_assert_int_eq(svc_order_close(fx.led, b, NULL, "2026-09-11T10:00",
	    &e), 0);
	ck_assert_int_eq(svc_order_close(fx.led, c, NULL, "2026-09-23T10:00",
	    &e), 0);
	ck_assert_int_eq(svc_order_cancel(fx.led, f, "重复", "2026-09-26T11:00",
	    &e), 0);
	ck_assert_int_eq(svc_period_parse("2026-09", 0, &sep, &e), 0);
	ck_assert_int_eq(svc_order_report_db(fx.db, &sep, NULL,
	    at("2026-09-30T23:59:59"), &r, &e), 0);
	/* open at the end: a (overdue by 32 days) first, then d */
	ck_assert_int_eq(r.nopen, 2);
	ck_assert_int_eq(r.open[0].o->id, a);
	ck_assert(r.open[0].overdue);
	ck_assert_int_eq(r.open[0].overdue_by,
	    at("2026-09-30T23:59:59") - at("2026-08-29T10:00"));
	ck_assert_int_eq(r.open[1].o->id, d);
	ck_assert(!r.open[1].overdue);
	ck_assert_int_eq(r.open[1].age,
	    at("2026-09-30T23:59:59") - at("2026-09-25T10:00"));
	ck_assert_int_eq(r.nclosed, 2);
	ck_assert_int_eq(r.closed[0].o->id, b);
	ck_assert_int_eq(r.closed[0].to_close, 86400);
	ck_assert(!r.closed[0].late);
	ck_assert(r.closed[1].late);
	ck_assert_int_eq(r.stats.opened, 4);
	ck_assert_int_eq(r.stats.closed, 2);
	ck_assert_int_eq(r.stats.cancelled, 1);
	ck_assert_int_eq(r.stats.open_at_end, 2);
	ck_assert_int_eq(r.stats.overdue_at_end, 1);
	ck_assert_int_eq(r.stats.closed_late, 1);
	/* opened in September, not cancelled: b, c, d; b and c closed */
	ck_assert_int_eq(r.stats.handled_of, 3);
	ck_assert_int_eq(r.stats.handled, 2);
	ck_assert(r.stats.has_handling_rate);
	ck_assert_double_eq_tol(r.stats.handling_rate, 200.0 / 3, 1e-9);
	ck_assert_double_eq_tol(r.stats.mean_to_close, (86400.0 + 3 * 86400)
	    / 2, 1e-9);
	svc_order_report_release(&r);
	/* as of 09-15, d and f did not exist and c was not open yet */
	ck_assert_int_eq(svc_order_report_db(fx.db, &sep, NULL,
	    at("2026-09-15T23:59:59"), &r, &e), 0);
	ck_assert_int_eq(r.nopen, 1);
	ck_assert_int_eq(r.stats.opened, 1);
	ck_assert_int_eq(r.stats.handled, 1);
	ck_assert_double_eq_tol(r.stats.handling_rate, 100, 1e-9);
	svc_order_report_release(&r);
}
END_TEST

/* list filters by status and by overdue at --as-of */
START_TEST(list_filters)
{
	struct svc_err e = { 0 };
	struct svc_order_filter f = { 0 };
	struct svc_csv_writer w;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;

	open_one("2026-09-01T10:00", "1d");
	open_one("2026-09-29T10:00", "5d");
	f.overdue = 1;
	f.as_of = at("2026-09-30T23:59:59");
	ck_assert_ptr_nonnull(mem = open_memstream(&buf, &len));
	svc_csv_writer_init(&w, mem, 0);
	ck_assert_int_eq(svc_order_list(fx.db, &f, &w, &e), 0);
	fclose(mem);
	ck_assert(strstr(buf, "\n1,2026-09-01T10:00:00+08:00,") != NULL);
	ck_assert(strstr(buf, "\n2,") == NULL);
	/* overdue, then an order of no category: no fields, not notified */
	ck_assert(strstr(buf, ",yes,,,\n") != NULL);
	free(buf);
	f.overdue = 0;
	f.status = "done";
	ck_assert_ptr_nonnull(mem = open_memstream(&buf, &len));
	svc_csv_writer_init(&w, mem, 0);
	ck_assert_int_eq(svc_order_list(fx.db, &f, &w, &e), -1);
	ck_assert_str_eq(e.field, "--status");
	fclose(mem);
	ck_assert_int_eq(len, 0);
	free(buf);
}
END_TEST

/* The 2026 schedule's National Day and Spring Festival. */
#define CALENDAR_2026 "[calendar]\n" \
	"holidays = 2026-02-15..2026-02-23, 2026-10-01..2026-10-07\n" \
	"workdays = 2026-02-14, 2026-02-28, 2026-09-20, 2026-10-10\n"

/*
 * N workdays: the same time on the N-th working day after the opening.
 * Opened 09-30 with 3 workdays: 10-01..10-07 are off, 10-08 and 10-09 are
 * the first two, the make-up Saturday 10-10 the third. Opened 02-13
 * (Friday): the make-up Saturday 02-14, then 02-24 and 02-25.
 */
START_TEST(due_workdays)
{
	struct svc_err e = { 0 };
	struct svc_policy *p = svc_policy_load(scratch_file("cal.ini",
	    "[policy]\nname = t\n" CALENDAR_2026), &e);
	time_t d;
	int w;

	ck_assert_msg(p != NULL, "%s", e.msg);
	ck_assert_int_eq(svc_order_due("3 workdays", &p->calendar,
	    at("2026-09-30T10:00"), &d, &w, &e), 0);
	ck_assert_str_eq(fmt(d), "2026-10-10T10:00:00+08:00");
	ck_assert_int_eq(svc_order_due("3workdays", &p->calendar,
	    at("2026-02-13T09:00"), &d, &w, &e), 0);
	ck_assert_str_eq(fmt(d), "2026-02-25T09:00:00+08:00");
	/* calendar days as before, whatever the calendar */
	ck_assert_int_eq(svc_order_due("3 days", &p->calendar,
	    at("2026-09-30T10:00"), &d, &w, &e), 0);
	ck_assert_str_eq(fmt(d), "2026-10-03T10:00:00+08:00");
	/* no calendar: only weekends are off */
	ck_assert_int_eq(svc_order_due("3 workdays", NULL,
	    at("2026-09-30T10:00"), &d, &w, &e), 0);
	ck_assert_str_eq(fmt(d), "2026-10-05T10:00:00+08:00");
	ck_assert_int_eq(svc_order_due("0 workdays", &p->calendar,
	    at("2026-09-30T10:00"), &d, &w, &e), -1);
	ck_assert_int_eq(svc_order_due("2501 workdays", &p->calendar,
	    at("2026-09-30T10:00"), &d, &w, &e), -1);
	svc_policy_free(p);
}
END_TEST

/* the policy's [orders] due = 3 workdays is the default, by its calendar */
START_TEST(default_due_workdays)
{
	struct svc_order o;

	scratch_ledger_close(&fx);
	unlink(scratch_path("svc.db"));
	scratch_ledger_open(&fx, "id,name,dept\nS1,张三,装表班\n",
	    "id,name,tier\n0101023,张桂兰,resident\n",
	    "[policy]\nname = t\n[orders]\ndue = 3 workdays\n" CALENDAR_2026);
	get(open_one("2026-09-30T10:00", NULL), &o);
	ck_assert_str_eq(o.due, "2026-10-10T10:00:00+08:00");
	svc_order_release(&o);
	get(open_one("2026-09-30T10:00", "2 workdays"), &o);
	ck_assert_str_eq(o.due, "2026-10-09T10:00:00+08:00");
	svc_order_release(&o);
}
END_TEST

/*
 * N work hours under hours 08:30-12:00, 13:30-17:30: opened 09-30 16:00,
 * 1.5 h that day, 10-01..10-07 off, 2.5 h from 08:30 on 10-08. Without
 * hours the due is refused, not counted in some hours of our own.
 */
START_TEST(due_workhours)
{
	struct svc_err e = { 0 };
	struct svc_policy *p = svc_policy_load(scratch_file("cal.ini",
	    "[policy]\nname = t\n" CALENDAR_2026
	    "hours = 08:30-12:00, 13:30-17:30\n"), &e);
	struct svc_policy *bare = svc_policy_load(scratch_file("bare.ini",
	    "[policy]\nname = t\n" CALENDAR_2026), &e);
	time_t d;
	int w;

	ck_assert_msg(p != NULL && bare != NULL, "%s", e.msg);
	ck_assert_int_eq(svc_order_due("4 work hours", &p->calendar,
	    at("2026-09-30T16:00"), &d, &w, &e), 0);
	ck_assert_str_eq(fmt(d), "2026-10-08T11:00:00+08:00");
	ck_assert_int_eq(w, 4);
	ck_assert_int_eq(svc_order_due("20000 work hours", &p->calendar,
	    at("2026-09-30T16:00"), &d, &w, &e), 0);
	ck_assert_int_eq(svc_order_due("20001 work hours", &p->calendar,
	    at("2026-09-30T16:00"), &d, &w, &e), -1);
	ck_assert_int_eq(svc_order_due("0 work hours", &p->calendar,
	    at("2026-09-30T16:00"), &d, &w, &e), -1);
	ck_assert_int_eq(svc_order_due("4 work hours", &bare->calendar,
	    at("2026-09-30T16:00"), &d, &w, &e), -1);
	ck_assert_str_eq(e.msg, "'4 work hours' counts working hours, but the "
	    "policy has no [calendar] hours");
	ck_assert_int_eq(svc_order_due("4 work hours", NULL,
	    at("2026-09-30T16:00"), &d, &w, &e), -1);
	ck_assert_str_eq(e.msg, "'4 work hours' counts working hours, but no "
	    "policy gives its [calendar] hours");
	svc_policy_free(p);
	svc_policy_free(bare);
}
END_TEST

/* [orders] due = 4 work hours is the default, by its calendar's hours */
START_TEST(default_due_workhours)
{
	struct svc_order o;

	scratch_ledger_close(&fx);
	unlink(scratch_path("svc.db"));
	scratch_ledger_open(&fx, "id,name,dept\nS1,张三,装表班\n",
	    "id,name,tier\n0101023,张桂兰,resident\n",
	    "[policy]\nname = t\n[orders]\ndue = 4 work hours\n"
	    CALENDAR_2026 "hours = 08:30-12:00, 13:30-17:30\n");
	get(open_one("2026-09-30T16:00", NULL), &o);
	ck_assert_str_eq(o.due, "2026-10-08T11:00:00+08:00");
	svc_order_release(&o);
}
END_TEST

/*
 * A wait moves a due in work hours by the working time waited. Opened
 * Friday 10-09 16:00 with 4 work hours: 1.5 h that day, then 2.5 h of the
 * make-up Saturday 10-10 from 08:30: due 11:00. It waits from 17:00 to
 * Saturday 09:00: 0.5 h of Friday's working time and 0.5 h of Saturday's,
 * so it is due one working hour later, 12:00 (the night's 16 hours would
 * make it 10-11 03:00). An order due in 3d, waiting as long, moves by the
 * whole time waited, 10-12 16:00 to 10-13 08:00.
 */
START_TEST(wait_workhours)
{
	struct svc_err e = { 0 };
	struct svc_order_report r;
	struct svc_order o;
	const struct svc_calendar *cal;
	long long id, id3;

	scratch_ledger_close(&fx);
	unlink(scratch_path("svc.db"));
	scratch_ledger_open(&fx, "id,name,dept\nS1,张三,装表班\n",
	    "id,name,tier\n0101023,张桂兰,resident\n",
	    "[policy]\nname = t\n[orders]\ndue = 4 work hours\n"
	    CALENDAR_2026 "hours = 08:30-12:00, 13:30-17:30\n");
	cal = &svc_ledger_policy(fx.led)->calendar;
	id = open_one("2026-10-09T16:00", NULL);
	id3 = open_one("2026-10-09T16:00", "3d");
	ck_assert_int_eq(svc_order_wait(fx.led, id, "客户不在家",
	    "2026-10-09T17:00", &e), 0);
	ck_assert_int_eq(svc_order_resume(fx.led, id, "2026-10-10T09:00", &e),
	    0);
	ck_assert_int_eq(svc_order_wait(fx.led, id3, "客户不在家",
	    "2026-10-09T17:00", &e), 0);
	ck_assert_int_eq(svc_order_resume(fx.led, id3, "2026-10-10T09:00",
	    &e), 0);
	get(id, &o);
	ck_assert_str_eq(o.due, "2026-10-10T11:00:00+08:00");
	ck_assert_int_eq(o.due_work, 4);
	svc_order_release(&o);
	get(id3, &o);
	ck_assert_int_eq(o.due_work, 0);
	svc_order_release(&o);

	ck_assert_int_eq(svc_order_report_db(fx.db, NULL, cal,
	    at("2026-10-10T12:00"), &r, &e), 0);
	ck_assert_int_eq(r.nopen, 2);
	ck_assert(!r.open[0].overdue && !r.open[1].overdue);
	ck_assert_int_eq(r.open[0].paused, 16 * 3600);	/* as waited */
	svc_order_report_release(&r);
	ck_assert_int_eq(svc_order_report_db(fx.db, NULL, cal,
	    at("2026-10-10T12:01"), &r, &e), 0);
	ck_assert(r.open[0].overdue);
	ck_assert_int_eq(r.open[0].o->id, id);
	ck_assert_int_eq(r.open[0].overdue_by, 60);
	ck_assert(!r.open[1].overdue);
	svc_order_report_release(&r);
	/* the 3d order: due 10-12 16:00, moved 16 hours */
	ck_assert_int_eq(svc_order_report_db(fx.db, NULL, cal,
	    at("2026-10-13T08:00"), &r, &e), 0);
	ck_assert_int_eq(r.open[0].o->id, id);
	ck_assert(!r.open[1].overdue);
	svc_order_report_release(&r);
	ck_assert_int_eq(svc_order_report_db(fx.db, NULL, cal,
	    at("2026-10-13T08:01"), &r, &e), 0);
	ck_assert(r.open[1].overdue);
	svc_order_report_release(&r);
	/* without the calendar at hand the time waited counts whole */
	ck_assert_int_eq(svc_order_report_db(fx.db, NULL, NULL,
	    at("2026-10-10T12:01"), &r, &e), 0);
	ck_assert(!r.open[0].overdue);
	svc_order_report_release(&r);
	/* closed at 12:00, its moved due time: on time thanks to the wait */
	ck_assert_int_eq(svc_order_close(fx.led, id, "已修", "2026-10-10T12:00",
	    &e), 0);
	ck_assert_int_eq(svc_order_report_db(fx.db, NULL, cal,
	    at("2026-10-31T00:00"), &r, &e), 0);
	ck_assert_int_eq(r.nclosed, 1);
	ck_assert(!r.closed[0].late);
	svc_order_report_release(&r);
}
END_TEST

static int
count_wait(void *arg, const struct svc_order_wait *w)
{
	(void)w;
	++*(int *)arg;
	return 0;
}

static int
waits(long long id)
{
	struct svc_err e = { 0 };
	int n = 0;

	ck_assert_int_eq(svc_db_order_waits_each(fx.db, id, count_wait, &n,
	    &e), 0);
	return n;
}

/* how many orders svc_order_list writes with status (header aside) */
static int
listed(const char *status, time_t as_of)
{
	struct svc_err e = { 0 };
	struct svc_order_filter f = { 0 };
	struct svc_csv_writer w;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	int n = -1;

	f.status = status;
	f.as_of = as_of;
	svc_csv_writer_init(&w, out, 0);
	ck_assert_int_eq(svc_order_list(fx.db, &f, &w, &e), 0);
	fclose(out);
	for (char *p = buf; (p = strchr(p, '\n')) != NULL; p++)
		n++;
	free(buf);
	return n;
}

/*
 * The clock stops while the order waits on the customer: opened 09-29
 * 10:00, due 3d (10-02 10:00); waits a day (09-30 to 10-01 10:00), so it
 * is overdue only after 10-03 10:00; a second wait of 6 hours ended by
 * the close makes a close at 10-02 16:00 on time.
 */
START_TEST(wait_resume)
{
	struct svc_err e = { 0 };
	struct svc_order_report r;
	struct svc_order o;
	long long id = open_one("2026-09-29T10:00", NULL);
	int before;

	ck_assert_int_eq(svc_order_wait(fx.led, id, "等客户确认上门时间",
	    "2026-09-30T10:00", &e), 0);
	ck_assert_int_eq(events("order.wait"), 1);
	get(id, &o);
	ck_assert_str_eq(o.status, "open");	/* the row stays open */
	svc_order_release(&o);
	ck_assert_int_eq(listed("waiting", at("2026-10-01T09:00")), 1);
	ck_assert_int_eq(listed("open", at("2026-10-01T09:00")), 0);
	ck_assert_int_eq(listed("waiting", at("2026-09-30T09:00")), 0);
	/* refused, nothing written: a second wait, no reason, before it */
	before = events(NULL);
	ck_assert_int_eq(svc_order_wait(fx.led, id, "x", "2026-09-30T11:00",
	    &e), -1);
	ck_assert_str_eq(e.msg, "work order 1 is already waiting, since "
	    "2026-09-30T10:00:00+08:00: 等客户确认上门时间");
	ck_assert_int_eq(svc_order_wait(fx.led, id, "", NULL, &e), -1);
	ck_assert_str_eq(e.field, "--reason");
	ck_assert_int_eq(svc_order_resume(fx.led, id, "2026-09-30T09:00", &e),
	    -1);
	ck_assert_str_eq(e.field, "--ts");
	ck_assert_int_eq(events(NULL), before);
	ck_assert_int_eq(svc_order_resume(fx.led, id, "2026-10-01T10:00", &e),
	    0);
	ck_assert_int_eq(events("order.resume"), 1);
	ck_assert_int_eq(svc_order_resume(fx.led, id, "2026-10-01T11:00", &e),
	    -1);
	ck_assert_str_eq(e.msg, "work order 1 is not waiting");
	/* overdue a day later than the due time says */
	ck_assert_int_eq(listed("open", at("2026-10-03T09:59")), 1);
	ck_assert_int_eq(svc_order_report_db(fx.db, NULL, NULL,
	    at("2026-10-03T09:59"), &r, &e), 0);
	ck_assert(!r.open[0].overdue);
	ck_assert_int_eq(r.open[0].paused, 86400);
	ck_assert_ptr_null(r.open[0].waiting);
	ck_assert(r.paused);
	svc_order_report_release(&r);
	ck_assert_int_eq(svc_order_report_db(fx.db, NULL, NULL,
	    at("2026-10-03T10:30"), &r, &e), 0);
	ck_assert(r.open[0].overdue);
	ck_assert_int_eq(r.open[0].overdue_by, 30 * 60);
	svc_order_report_release(&r);
	/* waiting at the end of the report, and a close ends the wait */
	ck_assert_int_eq(svc_order_wait(fx.led, id, "客户出差",
	    "2026-10-02T10:00", &e), 0);
	ck_assert_int_eq(svc_order_report_db(fx.db, NULL, NULL,
	    at("2026-10-02T12:00"), &r, &e), 0);
	ck_assert_ptr_nonnull(r.open[0].waiting);
	ck_assert_str_eq(r.open[0].waiting->reason, "客户出差");
	ck_assert_int_eq(r.open[0].paused, 86400 + 2 * 3600);
	svc_order_report_release(&r);
	ck_assert_int_eq(svc_order_close(fx.led, id, "已换表",
	    "2026-10-02T16:00", &e), 0);
	ck_assert_int_eq(waits(id), 2);
	ck_assert_int_eq(svc_order_report_db(fx.db, NULL, NULL,
	    at("2026-10-31T00:00"), &r, &e), 0);
	ck_assert_int_eq(r.nclosed, 1);
	ck_assert_int_eq(r.closed[0].paused, 86400 + 6 * 3600);
	ck_assert(!r.closed[0].late);
	ck_assert_int_eq(r.stats.closed_late, 0);
	svc_order_report_release(&r);
	/* a closed order does not wait */
	ck_assert_int_eq(svc_order_wait(fx.led, id, "x", NULL, &e), -1);
	ck_assert_int_eq(waits(id), 2);
}
END_TEST

/* the plans sample's claim category: a required amount, notify above
 * 10,000 yuan, due in 10 working days */
#define CLAIMS \
	"[category.claim]\nlabel = 理赔案件\nfield.amount = money required\n" \
	"field.vehicle = text\nnotify_above = 10000\ndue = 2d\n"

static void
claims_ledger(void)
{
	scratch_ledger_close(&fx);
	unlink(scratch_path("svc.db"));
	scratch_ledger_open(&fx, "id,name,dept\nS1,张三,理赔客服部\n"
	    "S2,李四,理赔客服部\n", "id,name,tier\nDK001,郑州交通运输集团,big\n"
	    "0101023,张桂兰,resident\n",
	    "[policy]\nname = t\n[orders]\ndue = 3d\n" CLAIMS);
}

/* opens a claim of amount at ts: its id, or -1 with *e set */
static long long
claim(const char *ts, const char *amount, struct svc_err *e)
{
	struct svc_order_in in = { 0 };
	struct svc_fieldval fv[] = { { "amount", amount } };
	long long id;

	in.ts = ts;
	in.customer = "DK001";
	in.matter = "客车追尾";
	in.first = "S1";
	in.category = "claim";
	in.fv = fv;
	in.nfv = amount ? 1 : 0;
	return svc_order_open(fx.led, &in, &id, e) == 0 ? id : -1;
}

static int
orders_count(void *arg, const struct svc_order *o)
{
	(void)o;
	++*(int *)arg;
	return 0;
}

static int
norders(void)
{
	struct svc_err e = { 0 };
	int n = 0;

	ck_assert_int_eq(svc_db_orders_each(fx.db, orders_count, &n, &e), 0);
	return n;
}

/*
 * An order of a category carries its fields, canonically encoded, and
 * the category's due; an unknown category, a missing or bad required
 * field, a field the category lacks and fields on a general order are
 * refused, naming the option or field, and write nothing.
 */
START_TEST(category_open)
{
	struct svc_err e = { 0 };
	struct svc_order_in in = { 0 };
	struct svc_fieldval fv[] = { { "amount", "12000.50" },
	    { "vehicle", "豫A12345" } };
	struct svc_order o;
	long long id;

	claims_ledger();
	in.ts = "2026-11-16T10:00";
	in.customer = "DK001";
	in.matter = "客车追尾";
	in.first = "S1";
	in.category = "claim";
	in.fv = fv;
	in.nfv = 2;
	ck_assert_int_eq(svc_order_open(fx.led, &in, &id, &e), 0);
	get(id, &o);
	ck_assert_str_eq(o.category, "claim");
	ck_assert_str_eq(o.fields, "{\"amount\":12000.5,\"vehicle\":\"豫A12345\"}");
	ck_assert_str_eq(o.due, "2026-11-18T10:00:00+08:00");
	ck_assert_str_eq(o.notified, "");
	svc_order_release(&o);

	in.category = "clam";
	ck_assert_int_eq(svc_order_open(fx.led, &in, &id, &e), -1);
	ck_assert_str_eq(e.field, "--category");
	ck_assert_str_eq(e.msg, "unknown category 'clam' (the policy's: claim)");
	in.category = "claim";
	in.nfv = 0;
	ck_assert_int_eq(svc_order_open(fx.led, &in, &id, &e), -1);
	ck_assert_str_eq(e.field, "amount");
	ck_assert_str_eq(e.msg, "missing field 'amount' (required for "
	    "category 'claim')");
	fv[0].value = "-5";
	in.nfv = 1;
	ck_assert_int_eq(svc_order_open(fx.led, &in, &id, &e), -1);
	ck_assert_str_eq(e.field, "amount");
	fv[0].name = "amont";
	ck_assert_int_eq(svc_order_open(fx.led, &in, &id, &e), -1);
	ck_assert_str_eq(e.field, "amont");
	ck_assert_str_eq(e.msg, "category 'claim' has no field 'amont' (its "
	    "fields: amount, vehicle)");
	in.category = NULL;
	ck_assert_int_eq(svc_order_open(fx.led, &in, &id, &e), -1);
	ck_assert_str_eq(e.field, "amont");
	ck_assert_int_eq(norders(), 1);
	ck_assert_int_eq(events("order.open"), 1);
	/* a general order keeps the policy's due and no category */
	get(open_one("2026-11-16T10:00", NULL), &o);
	ck_assert_str_eq(o.category, "");
	ck_assert_str_eq(o.fields, "");
	ck_assert_str_eq(o.due, "2026-11-19T10:00:00+08:00");
	svc_order_release(&o);
}
END_TEST

/*
 * order notify stores when and logs order.notify on the owner, once; a
 * wait goes on through it; a closed order is notified, keeping its
 * status; a time before the opening and a second notification are
 * refused, writing nothing.
 */
START_TEST(notify)
{
	struct svc_err e = { 0 };
	struct svc_order o;
	long long id, done;

	claims_ledger();
	ck_assert((id = claim("2026-11-16T10:00", "12000", &e)) > 0);
	ck_assert_int_eq(svc_order_wait(fx.led, id, "等定损", "2026-11-16T11:00",
	    &e), 0);
	ck_assert_int_eq(svc_order_notify(fx.led, id, "2026-11-16T09:00", &e),
	    -1);
	ck_assert_str_eq(e.field, "--ts");
	ck_assert_int_eq(svc_order_notify(fx.led, id, "2026-11-16T17:30", &e),
	    0);
	get(id, &o);
	ck_assert_str_eq(o.notified, "2026-11-16T17:30:00+08:00");
	ck_assert_int_eq(o.notified_t, at("2026-11-16T17:30"));
	ck_assert_str_eq(o.status, "open");
	svc_order_release(&o);
	ck_assert_int_eq(events("order.notify"), 1);
	/* still waiting: the resume needs the wait the notify left */
	ck_assert_int_eq(svc_order_resume(fx.led, id, "2026-11-17T09:00", &e),
	    0);
	ck_assert_int_eq(svc_order_notify(fx.led, id, "2026-11-17T10:00", &e),
	    -1);
	ck_assert_str_eq(e.msg, "work order 1's customer was already notified "
	    "(2026-11-16T17:30:00+08:00)");
	ck_assert((done = claim("2026-11-16T10:00", "20000", &e)) > 0);
	ck_assert_int_eq(svc_order_close(fx.led, done, "结案", "2026-11-16T12:00",
	    &e), 0);
	ck_assert_int_eq(svc_order_notify(fx.led, done, "2026-11-16T13:00", &e),
	    0);
	get(done, &o);
	ck_assert_str_eq(o.status, "closed");
	ck_assert_str_eq(o.notified, "2026-11-16T13:00:00+08:00");
	svc_order_release(&o);
	ck_assert_int_eq(svc_order_notify(fx.led, 99, NULL, &e), -1);
	ck_assert_int_eq(events("order.notify"), 2);
}
END_TEST

/*
 * Flagged: above notify_above (not at it) and notified after its local
 * day, or not by then once the day's last second has come; the day is
 * the policy's zone's (Asia/Shanghai here), not UTC's.
 */
START_TEST(unnotified_edges)
{
	struct svc_err e = { 0 };
	const struct svc_category *cat;
	struct svc_order o;
	double amount;
	long long at_limit, above, late, ontime, night;

	claims_ledger();
	cat = svc_policy_category(svc_ledger_policy(fx.led), "claim");
	ck_assert_ptr_nonnull(cat);
	at_limit = claim("2026-11-16T10:00", "10000", &e);
	above = claim("2026-11-16T10:00", "10000.01", &e);
	late = claim("2026-11-16T10:00", "12000", &e);
	ontime = claim("2026-11-16T10:00", "15000", &e);
	/* 23:30 in Beijing is 15:30 UTC: its day ends half an hour later */
	night = claim("2026-11-16T23:30", "15000", &e);
	ck_assert_int_eq(svc_order_notify(fx.led, late, "2026-11-17T00:00", &e),
	    0);
	ck_assert_int_eq(svc_order_notify(fx.led, ontime, "2026-11-16T23:59:59",
	    &e), 0);
	get(at_limit, &o);
	ck_assert_int_eq(svc_order_unnotified(&o, cat, at("2026-11-30"),
	    &amount), 0);
	ck_assert(amount == 10000);
	svc_order_release(&o);
	get(above, &o);
	ck_assert_int_eq(svc_order_unnotified(&o, cat, at("2026-11-16T23:59:58"),
	    &amount), 0);
	/* the day's last second has come: a period ending then is over */
	ck_assert_int_eq(svc_order_unnotified(&o, cat, at("2026-11-16T23:59:59"),
	    &amount), 1);
	ck_assert_int_eq(svc_order_unnotified(&o, cat, at("2026-11-17T00:00"),
	    &amount), 1);
	svc_order_release(&o);
	get(late, &o);
	ck_assert_int_eq(svc_order_unnotified(&o, cat, at("2026-11-30"),
	    &amount), 1);
	/* judged while its day runs, a notification still to come is not
	   known yet: due, not flagged */
	ck_assert_int_eq(svc_order_unnotified(&o, cat, at("2026-11-16T12:00"),
	    &amount), 0);
	ck_assert_int_eq(svc_order_unnotified(&o, cat, at("2026-11-16T23:59:59"),
	    &amount), 1);
	svc_order_release(&o);
	get(ontime, &o);
	ck_assert_int_eq(svc_order_unnotified(&o, cat, at("2026-11-30"),
	    &amount), 0);
	svc_order_release(&o);
	get(night, &o);
	ck_assert_int_eq(svc_order_unnotified(&o, cat, at("2026-11-16T23:59:58"),
	    &amount), 0);
	ck_assert_int_eq(svc_order_unnotified(&o, cat, at("2026-11-17T00:00:01"),
	    &amount), 1);
	/* of another category, or none: never */
	ck_assert_int_eq(svc_order_unnotified(&o, NULL, at("2026-11-30"),
	    &amount), 0);
	svc_order_release(&o);
}
END_TEST

/* The report of one category counts its orders only. */
START_TEST(report_of_category)
{
	struct svc_err e = { 0 };
	struct svc_order_report r;
	struct svc_period nov;

	claims_ledger();
	ck_assert_int_eq(svc_period_parse("2026-11", 0, &nov, &e), 0);
	claim("2026-11-16T10:00", "12000", &e);
	claim("2026-11-17T10:00", "800", &e);
	open_one("2026-11-17T10:00", NULL);
	ck_assert_int_eq(svc_order_close(fx.led, 2, "当场赔付",
	    "2026-11-17T11:00", &e), 0);
	ck_assert_int_eq(svc_order_report_of(fx.db, &nov, NULL,
	    at("2026-11-30"), "claim", &r, &e), 0);
	ck_assert_int_eq(r.stats.opened, 2);
	ck_assert_int_eq(r.stats.handled, 1);
	ck_assert_int_eq(r.stats.handled_of, 2);
	svc_order_report_release(&r);
	ck_assert_int_eq(svc_order_report_of(fx.db, &nov, NULL,
	    at("2026-11-30"), "", &r, &e), 0);
	ck_assert_int_eq(r.stats.opened, 1);
	svc_order_report_release(&r);
	ck_assert_int_eq(svc_order_report_db(fx.db, &nov, NULL,
	    at("2026-11-30"), &r, &e), 0);
	ck_assert_int_eq(r.stats.opened, 3);
	svc_order_report_release(&r);
}
END_TEST

Suite *
suite_order(void)
{
	Suite *s = suite_create("order");
	TCase *tc = tcase_create("order");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, due_forms);
	tcase_add_test(tc, lifecycle);
	tcase_add_test(tc, illegal);
	tcase_add_test(tc, overdue_as_of);
	tcase_add_test(tc, follow_up);
	tcase_add_test(tc, follow_up_import);
	tcase_add_test(tc, follow_up_import_many);
	tcase_add_test(tc, follow_up_unattached);
	tcase_add_test(tc, report_by_hand);
	tcase_add_test(tc, list_filters);
	tcase_add_test(tc, due_workdays);
	tcase_add_test(tc, default_due_workdays);
	tcase_add_test(tc, due_workhours);
	tcase_add_test(tc, default_due_workhours);
	tcase_add_test(tc, wait_workhours);
	tcase_add_test(tc, wait_resume);
	tcase_add_test(tc, category_open);
	tcase_add_test(tc, notify);
	tcase_add_test(tc, unnotified_edges);
	tcase_add_test(tc, report_of_category);
	suite_add_tcase(s, tc);
	return s;
}
