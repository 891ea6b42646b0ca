#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "kpi.h"
#include "opsreport.h"
#include "order.h"
#include "period.h"
#include "revisit.h"
#include "schedule.h"
#include "util.h"

/* "2026-09-29 10:00" in local time, into buf[32]: seconds and the offset
 * are noise in a table read by people in one time zone. */
static const char *
minute(time_t t, char *buf)
{
	svc_time_format(t, buf);
	buf[10] = ' ';
	buf[16] = '\0';
	return buf;
}

/* The moment a report is judged at: as_of, or the last second of the
 * period when that comes first. */
static time_t
judged_at(const struct svc_report_in *in)
{
	if (in->period != NULL && in->period->end - 1 < in->as_of)
		return in->period->end - 1;
	return in->as_of;
}

/* "WHAT PERIOD — POLICY" or "WHAT as of DATE — POLICY". */
static void
title(struct svc_doc *d, const struct svc_report_in *in, const char *what)
{
	struct svc_buf b = { 0 };
	char day[16];

	if (in->period != NULL)
		svc_buf_printf(&b, "%s %s", what, in->period->name);
	else
		svc_buf_printf(&b, "%s as of %s", what,
		    svc_date_format(in->as_of, day));
	svc_buf_printf(&b, " — %s", in->policy->name);
	free(d->title);
	d->title = b.s;
}

/*
 * The status order o is shown with when judged at t: a closing or a
 * cancelling after t is not shown (the order was open, or assigned when
 * it has an assignee, as far as the row tells).
 */
static const char *
status_then(const struct svc_order *o, time_t t)
{
	if (svc_order_open_at(o, t) && (strcmp(o->status, "closed") == 0 ||
	    strcmp(o->status, "cancelled") == 0))
		return o->assignee[0] != '\0' ? "assigned" : "open";
	return o->status;
}

static double
days(time_t secs)
{
	return (double)secs / 86400;
}

static void
open_orders(struct svc_doc *d, const struct svc_order_report *r, time_t at)
{
	static const char *const titles[] = { "status", "id", "opened",
	    "customer",
	    "matter", "owner", "due", "age d", "overdue d", "paused d" };
	static const enum svc_cell_type types[] = { SVC_CELL_TEXT,
	    SVC_CELL_NUM, SVC_CELL_DATE, SVC_CELL_TEXT, SVC_CELL_TEXT,
	    SVC_CELL_TEXT, SVC_CELL_DATE, SVC_CELL_NUM, SVC_CELL_NUM,
	    SVC_CELL_NUM };
	struct svc_table *t;
	char buf[32];

	if (r->nopen == 0) {
		svc_doc_para(d, "No open orders.");
		return;
	}
	/* the paused column only when some order waited on its customer */
	t = svc_doc_table(d, "Open orders", r->paused ? 10 : 9, titles, types);
	svc_table_section(t, "open", NULL);
	t->cols[3].key = t->cols[5].key = 1;
	t->cols[1].data = SVC_DATA_TEXT;	/* an id, not a quantity */
	for (size_t i = 0; i < r->nopen; i++) {
		const struct svc_order_open_row *o = &r->open[i];
		size_t row = svc_table_row(t, SVC_ROW_DATA);

		svc_table_set(t, row, 0, o->overdue ? "OVERDUE" : o->waiting ?
		    "waiting" : status_then(o->o, at))->alert = o->overdue;
		svc_table_num(t, row, 1, (double)o->o->id, 0);
		svc_table_set(t, row, 2, minute(o->o->opened_t, buf));
		svc_table_set(t, row, 3, o->o->customer);
		svc_table_set(t, row, 4, o->o->matter);
		svc_table_set(t, row, 5, o->owner);
		if (o->has_due)
			svc_table_set(t, row, 6, minute(o->o->due_t, buf));
		svc_table_num(t, row, 7, days(o->age), 1);
		if (o->overdue)
			svc_table_num(t, row, 8, days(o->overdue_by),
			    1)->alert = 1;
		if (r->paused)
			svc_table_num(t, row, 9, days(o->paused), 1);
	}
}

static void
closed_orders(struct svc_doc *d, const struct svc_order_report *r,
    const char *when)
{
	static const char *const titles[] = { "id", "opened", "closed",
	    "customer", "matter", "owner", "to close d", "late",
	    "resolution", "paused d" };
	static const enum svc_cell_type types[] = { SVC_CELL_NUM,
	    SVC_CELL_DATE, SVC_CELL_DATE, SVC_CELL_TEXT, SVC_CELL_TEXT,
	    SVC_CELL_TEXT, SVC_CELL_NUM, SVC_CELL_TEXT, SVC_CELL_TEXT,
	    SVC_CELL_NUM };
	struct svc_table *t;
	struct svc_buf b = { 0 };
	char buf[32];

	if (r->nclosed == 0) {
		svc_doc_para(d, "No orders closed %s.", when);
		return;
	}
	svc_buf_printf(&b, "Closed %s", when);
	t = svc_doc_table(d, b.s, r->paused ? 10 : 9, titles, types);
	svc_table_section(t, "closed", NULL);
	t->cols[3].key = t->cols[5].key = 1;
	t->cols[0].data = SVC_DATA_TEXT;	/* an id, not a quantity */
	svc_buf_release(&b);
	for (size_t i = 0; i < r->nclosed; i++) {
		const struct svc_order_closed_row *c = &r->closed[i];
		size_t row = svc_table_row(t, SVC_ROW_DATA);

		svc_table_num(t, row, 0, (double)c->o->id, 0);
		svc_table_set(t, row, 1, minute(c->o->opened_t, buf));
		svc_table_set(t, row, 2, minute(c->o->closed_t, buf));
		svc_table_set(t, row, 3, c->o->customer);
		svc_table_set(t, row, 4, c->o->matter);
		svc_table_set(t, row, 5, svc_order_owner(c->o));
		svc_table_num(t, row, 6, days(c->to_close), 1);
		if (c->late)
			svc_table_set(t, row, 7, "late")->alert = 1;
		svc_table_set(t, row, 8, c->o->resolution);
		if (r->paused)
			svc_table_num(t, row, 9, days(c->paused), 1);
	}
}

static void
order_stats(struct svc_doc *d, const struct svc_order_stats *s)
{
	static const char *const titles[] = { "item", "value" };
	static const enum svc_cell_type types[] = { SVC_CELL_TEXT,
	    SVC_CELL_NUM };
	const char *items[] = { "opened", "closed", "closed late",
	    "cancelled", "open at the end", "overdue at the end",
	    "follow-ups opened", "follow-ups closed" };
	long v[] = { s->opened, s->closed, s->closed_late, s->cancelled,
	    s->open_at_end, s->overdue_at_end, s->follow_ups,
	    s->follow_ups_closed };
	struct svc_table *t = svc_doc_table(d, "Summary", 2, titles, types);
	size_t row;

	/* the rate is an item in bold, not a sum of the others */
	svc_table_section(t, "summary", "summary");

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		row = svc_table_row(t, SVC_ROW_DATA);
		svc_table_set(t, row, 0, items[i]);
		svc_table_num(t, row, 1, (double)v[i], 0)->alert = i == 5 &&
		    v[i] > 0;
	}
	row = svc_table_row(t, SVC_ROW_DATA);
	svc_table_set(t, row, 0, "mean time to close d");
	if (s->closed)
		svc_table_num(t, row, 1, days((time_t)s->mean_to_close), 1);
	row = svc_table_row(t, SVC_ROW_TOTAL);
	svc_table_set(t, row, 0, "handling rate %");
	if (s->has_handling_rate)
		svc_table_num(t, row, 1, s->handling_rate, 1);
}

/* "12000.00" for money, a number as svc_fmt_num writes it, else the
 * text: the value of field f in encoding enc, into cell (row, col). */
static void
field_cell(struct svc_table *t, size_t row, size_t col,
    const struct svc_field *f, const char *enc)
{
	struct svc_buf v = { 0 };
	double d;

	if (svc_fields_get(enc, f->name, &v) == 1) {
		if (f->type == SVC_FIELD_MONEY && svc_parse_num(v.s, &d) == 0)
			svc_table_num(t, row, col, d, 2);
		else if (f->type == SVC_FIELD_NUMBER)
			svc_table_set(t, row, col, v.s)->type = SVC_CELL_NUM;
		else
			svc_table_set(t, row, col, v.s);
	}
	svc_buf_release(&v);
}

/*
 * The orders of category cat opened from start up to end, judged at t:
 * the weekly or monthly claims report's rows.
 */
static void
opened_orders(struct svc_doc *d, const struct svc_order_report *r,
    const struct svc_category *cat, time_t start, time_t end, time_t t,
    const char *when)
{
	static const char *const head[] = { "id", "opened", "customer" };
	static const char *const tail[] = { "status", "first asked",
	    "notified", "notice" };
	size_t nf = cat->nfields, ncols = 3 + nf + 4, row, n = 0;
	const char **titles = svc_xcalloc(ncols, sizeof(*titles));
	enum svc_cell_type *types = svc_xcalloc(ncols, sizeof(*types));
	struct svc_buf b = { 0 };
	struct svc_table *tb;
	char buf[32];

	for (size_t i = 0; i < 3; i++)
		titles[i] = head[i];
	for (size_t i = 0; i < nf; i++) {
		titles[3 + i] = cat->fields[i].name;
		types[3 + i] = svc_report_field_type(&cat->fields[i]);
	}
	for (size_t i = 0; i < 4; i++)
		titles[3 + nf + i] = tail[i];
	types[0] = SVC_CELL_NUM;
	types[1] = types[3 + nf + 2] = SVC_CELL_DATE;
	for (size_t i = 0; i < r->norders; i++)
		n += r->orders[i].opened_t >= start &&
		    r->orders[i].opened_t < end;
	if (n == 0) {
		svc_doc_para(d, "No %s opened %s.", cat->label[0] ?
		    cat->label : cat->code, when);
		goto out;
	}
	svc_buf_printf(&b, "Opened %s", when);
	tb = svc_doc_table(d, b.s, ncols, titles, types);
	svc_table_section(tb, "opened", NULL);
	tb->cols[2].key = tb->cols[3 + nf + 1].key = 1;
	tb->cols[0].data = SVC_DATA_TEXT;	/* an id, not a quantity */
	for (size_t i = 0; i < r->norders; i++) {
		const struct svc_order *o = &r->orders[i];
		double amount;
		int flagged, above;

		if (o->opened_t < start || o->opened_t >= end)
			continue;
		row = svc_table_row(tb, SVC_ROW_DATA);
		svc_table_num(tb, row, 0, (double)o->id, 0);
		svc_table_set(tb, row, 1, minute(o->opened_t, buf));
		svc_table_set(tb, row, 2, o->customer);
		for (size_t j = 0; j < nf; j++)
			field_cell(tb, row, 3 + j, &cat->fields[j], o->fields);
		svc_table_set(tb, row, 3 + nf, status_then(o, t));
		/* open then: as the open orders' table says it */
		for (size_t k = 0; k < r->nopen; k++)
			if (r->open[k].o == o && (r->open[k].overdue ||
			    r->open[k].waiting))
				svc_table_set(tb, row, 3 + nf,
				    r->open[k].overdue ? "OVERDUE" :
				    "waiting")->alert = r->open[k].overdue;
		svc_table_set(tb, row, 3 + nf + 1, o->first_asked);
		if (o->notified[0] != '\0' && o->notified_t <= t)
			svc_table_set(tb, row, 3 + nf + 2,
			    minute(o->notified_t, buf));
		flagged = svc_order_unnotified(o, cat, t, &amount);
		above = cat->has_notify_above && amount > cat->notify_above;
		if (flagged)
			svc_table_set(tb, row, 3 + nf + 3, o->notified[0] &&
			    o->notified_t <= t ? "LATE" :
			    "NOT NOTIFIED")->alert = 1;
		else if (above)
			svc_table_set(tb, row, 3 + nf + 3, o->notified[0] &&
			    o->notified_t <= t ? "on time" : "due today");
	}
out:
	svc_buf_release(&b);
	free(titles);
	free(types);
}

size_t
svc_report_unnotified(struct svc_doc *d, const struct svc_order_report *r,
    const struct svc_policy *p, time_t start, time_t end, time_t t)
{
	static const char *const titles[] = { "id", "opened", "category",
	    "customer", "amount", "above", "notified", "owner" };
	static const enum svc_cell_type types[] = { SVC_CELL_NUM,
	    SVC_CELL_DATE, SVC_CELL_TEXT, SVC_CELL_TEXT, SVC_CELL_NUM,
	    SVC_CELL_NUM, SVC_CELL_DATE, SVC_CELL_TEXT };
	struct svc_order_flag *f;
	size_t n = svc_order_flags(r, p, start, end, t, &f);
	struct svc_table *tb;
	char buf[32];

	if (n == 0)
		return 0;
	tb = svc_doc_table(d, "Not notified on the day", 8, titles, types);
	svc_table_section(tb, "unnotified", NULL);
	tb->cols[3].key = tb->cols[7].key = 1;
	tb->cols[0].data = SVC_DATA_TEXT;	/* an id, not a quantity */
	for (size_t i = 0; i < n; i++) {
		const struct svc_order *o = f[i].o;
		size_t row = svc_table_row(tb, SVC_ROW_DATA);

		svc_table_num(tb, row, 0, (double)o->id, 0);
		svc_table_set(tb, row, 1, minute(o->opened_t, buf));
		svc_table_set(tb, row, 2, f[i].cat->label[0] ?
		    f[i].cat->label : f[i].cat->code);
		svc_table_set(tb, row, 3, o->customer);
		svc_table_num(tb, row, 4, f[i].amount, 2)->alert = 1;
		svc_table_num(tb, row, 5, f[i].cat->notify_above, 2);
		if (o->notified[0] != '\0' && o->notified_t <= t)
			svc_table_set(tb, row, 6, minute(o->notified_t, buf));
		else
			svc_table_set(tb, row, 6, "NOT NOTIFIED")->alert = 1;
		svc_table_set(tb, row, 7, svc_order_owner(o));
	}
	free(f);
	return n;
}

int
svc_report_orders(const struct svc_report_in *in, struct svc_doc *d,
    struct svc_err *e)
{
	struct svc_order_report r;
	const struct svc_order_stats *s = &r.stats;
	const struct svc_category *cat = NULL;
	time_t at = judged_at(in);
	time_t start = in->period ? in->period->start : 0;
	char when[64], ts[32];
	struct svc_buf what = { 0 };

	if (in->category != NULL && svc_order_category(in->policy,
	    in->category, "--kind", &cat, e) < 0)
		return -1;
	if (svc_order_report_of(in->db, in->period, in->policy ?
	    &in->policy->calendar : NULL, in->as_of, in->category, &r, e) < 0)
		return -1;
	if (cat != NULL)
		svc_buf_printf(&what, "Work orders: %s", cat->label[0] ?
		    cat->label : cat->code);
	else
		svc_buf_printf(&what, "Work orders");
	title(d, in, what.s);
	svc_buf_release(&what);
	if (in->period != NULL)
		snprintf(when, sizeof(when), "in %s", in->period->name);
	else
		snprintf(when, sizeof(when), "up to %s", minute(at, ts));
	svc_doc_para(d, "Judged at %s: %ld open, %ld overdue.",
	    svc_time_format(at, ts), s->open_at_end, s->overdue_at_end);
	if (s->has_handling_rate)
		svc_doc_para(d, "Handling rate %.1f%%: %ld of the %ld orders "
		    "opened %s and not cancelled were closed by then.",
		    s->handling_rate, s->handled, s->handled_of, when);
	else
		svc_doc_para(d, "Handling rate: no orders opened %s.", when);
	if (cat != NULL)
		opened_orders(d, &r, cat, start, at + 1, at, when);
	if (svc_report_unnotified(d, &r, in->policy, start, at + 1, at) ==
	    0 && cat != NULL && cat->has_notify_above) {
		char above[32];

		svc_doc_para(d, "Every %s above %s opened %s was notified on "
		    "its day.", cat->label[0] ? cat->label : cat->code,
		    svc_fmt_num(cat->notify_above, above), when);
	}
	open_orders(d, &r, at);
	closed_orders(d, &r, when);
	order_stats(d, s);
	svc_order_report_release(&r);
	return 0;
}

/* "ok", "due", "overdue", or "no cadence" for a tier without one. */
static void
status_cell(struct svc_table *t, size_t row, size_t col,
    enum svc_revisit_status st)
{
	svc_table_set(t, row, col, st == SVC_RV_NONE ? "no cadence" :
	    svc_revisit_status_name(st))->alert = st == SVC_RV_OVERDUE;
}

static void
rv_customers(struct svc_doc *d, const struct svc_revisit_row *v, size_t n)
{
	static const char *const titles[] = { "customer", "name", "tier",
	    "owner", "by", "every d", "last revisit", "days since",
	    "due by", "status", "revisits", "satisfaction" };
	static const enum svc_cell_type types[] = { SVC_CELL_TEXT,
	    SVC_CELL_TEXT, SVC_CELL_TEXT, SVC_CELL_TEXT, SVC_CELL_TEXT,
	    SVC_CELL_NUM, SVC_CELL_DATE, SVC_CELL_NUM, SVC_CELL_DATE,
	    SVC_CELL_TEXT, SVC_CELL_NUM, SVC_CELL_NUM };
	struct svc_table *t = svc_doc_table(d, "Customers", 12, titles,
	    types);
	char day[16];

	t->group = 1;
	svc_table_section(t, "customers", NULL);
	t->cols[1].key = t->cols[3].key = 1;
	for (size_t i = 0; i < n; i++) {
		const struct svc_revisit_row *c = &v[i];

		/* one row per cadence; a tier without one still shows */
		for (size_t j = 0; j < (c->ndue ? c->ndue : 1); j++) {
			const struct svc_revisit_due *u = c->ndue ?
			    &c->due[j] : NULL;
			size_t row = svc_table_row(t, SVC_ROW_DATA);

			svc_table_set(t, row, 0, c->customer);
			svc_table_set(t, row, 1, c->name);
			svc_table_set(t, row, 2, c->tier);
			svc_table_set(t, row, 3, c->owner);
			if (j == 0) {
				svc_table_num(t, row, 10, (double)c->revisits,
				    0);
				if (c->has_avg)
					svc_table_num(t, row, 11, c->avg, 2);
			}
			if (u == NULL) {
				status_cell(t, row, 9, SVC_RV_NONE);
				continue;
			}
			svc_table_set(t, row, 4, u->by);
			svc_table_num(t, row, 5, u->every, 0);
			if (u->has_last) {
				svc_table_set(t, row, 6, svc_date_format(
				    u->last, day));
				svc_table_num(t, row, 7, (double)u->days_since,
				    0);
				svc_table_set(t, row, 8, svc_date_format(
				    u->next, day));
			} else
				svc_table_set(t, row, 6, "never");
			status_cell(t, row, 9, u->status);
		}
	}
}

/* A cadence's unit as the policy writes it: days or working days. */
static const char *
unit(int workdays)
{
	return workdays ? " workdays" : "d";
}

static void
rv_tiers(struct svc_doc *d, const struct svc_policy *p,
    const struct svc_revisit_tier *v, size_t n)
{
	static const char *const titles[] = { "tier", "cadence", "customers",
	    "ok", "due", "overdue", "revisits", "dissatisfied",
	    "satisfaction", "satisfied %" };
	static const enum svc_cell_type types[] = { SVC_CELL_TEXT,
	    SVC_CELL_TEXT, SVC_CELL_NUM, SVC_CELL_NUM, SVC_CELL_NUM,
	    SVC_CELL_NUM, SVC_CELL_NUM, SVC_CELL_NUM, SVC_CELL_NUM,
	    SVC_CELL_NUM };
	struct svc_table *t = svc_doc_table(d, "Tiers", 10, titles, types);
	long tot[6] = { 0 };
	double sum = 0;
	size_t row;

	svc_table_section(t, "tiers", NULL);

	for (size_t i = 0; i < n; i++) {
		const struct svc_revisit_tier *x = &v[i];
		const struct svc_revisit *c = NULL;
		struct svc_buf b = { 0 };

		row = svc_table_row(t, SVC_ROW_DATA);

		for (size_t k = 0; k < p->nrevisits; k++)
			if (strcmp(p->revisits[k].tier, x->tier) == 0)
				c = &p->revisits[k];
		svc_table_set(t, row, 0, x->tier);
		if (c != NULL) {
			svc_buf_printf(&b, "%s%s%d%s", c->by, c->by[0] ? " " :
			    "", c->every, unit(c->every_workdays));
			if (c->supervisor_every)
				svc_buf_printf(&b, ", %s %d%s",
				    c->supervisor_by[0] ? c->supervisor_by :
				    "supervisor", c->supervisor_every,
				    unit(c->supervisor_every_workdays));
			if (c->head_every)
				svc_buf_printf(&b, ", %s %d%s", c->head_by[0] ?
				    c->head_by : "head", c->head_every,
				    unit(c->head_every_workdays));
			svc_table_set(t, row, 1, b.s);
			svc_buf_release(&b);
		} else
			svc_table_set(t, row, 1, "none");
		svc_table_num(t, row, 2, (double)x->customers, 0);
		svc_table_num(t, row, 3, (double)x->ok, 0);
		svc_table_num(t, row, 4, (double)x->due, 0);
		svc_table_num(t, row, 5, (double)x->overdue, 0)->alert =
		    x->overdue > 0;
		svc_table_num(t, row, 6, (double)x->revisits, 0);
		svc_table_num(t, row, 7, (double)x->dissatisfied, 0);
		if (x->has_avg)
			svc_table_num(t, row, 8, x->avg, 2);
		if (x->has_satisfied)
			svc_table_num(t, row, 9, x->satisfied, 1);
		tot[0] += x->customers;
		tot[1] += x->ok;
		tot[2] += x->due;
		tot[3] += x->overdue;
		tot[4] += x->revisits;
		tot[5] += x->dissatisfied;
		sum += x->has_avg ? x->avg * x->revisits : 0;
	}
	row = svc_table_row(t, SVC_ROW_TOTAL);
	svc_table_set(t, row, 0, "total");
	for (int i = 0; i < 6; i++)
		svc_table_num(t, row, 2 + i, (double)tot[i], 0);
	if (tot[4] > 0) {
		svc_table_num(t, row, 8, sum / tot[4], 2);
		svc_table_num(t, row, 9, 100.0 * (tot[4] - tot[5]) / tot[4],
		    1);
	}
}

int
svc_report_revisits(const struct svc_report_in *in, struct svc_doc *d,
    struct svc_err *e)
{
	time_t at = judged_at(in);
	struct svc_revisits *r = svc_revisits_new(in->policy, at,
	    SVC_REPORT_DUE_WITHIN, in->period ? in->period->start : 0);
	const struct svc_revisit_row *rows;
	const struct svc_revisit_tier *tiers;
	size_t nrows, ntiers;
	char ts[32];

	if (svc_revisits_db(r, in->db, e) < 0) {
		svc_revisits_free(r);
		return -1;
	}
	rows = svc_revisits_rows(r, &nrows);
	tiers = svc_revisits_tiers(r, &ntiers);
	title(d, in, "Revisits");
	svc_doc_para(d, "Judged at %s. Overdue: more days since the last "
	    "revisit than the tier's cadence; due: never revisited, or "
	    "within %d days of the cadence. Satisfaction: the mean value "
	    "(1-5) of the revisits %s.", svc_time_format(at, ts),
	    SVC_REPORT_DUE_WITHIN, in->period ? "of the period" :
	    "up to then");
	if (nrows == 0)
		svc_doc_para(d, "No customers.");
	else {
		rv_customers(d, rows, nrows);
		rv_tiers(d, in->policy, tiers, ntiers);
	}
	svc_revisits_free(r);
	return 0;
}

static const char *
sched_name(const struct svc_schedule *sc)
{
	return sc->label[0] ? sc->label : sc->name;
}

static void
sc_owners(struct svc_doc *d, const struct svc_sched_row *v, size_t n)
{
	static const char *const titles[] = { "schedule", "owed by",
	    "window", "done", "of", "last entry", "by", "short", "status" };
	static const enum svc_cell_type types[] = { SVC_CELL_TEXT,
	    SVC_CELL_TEXT, SVC_CELL_DATE, SVC_CELL_NUM, SVC_CELL_NUM,
	    SVC_CELL_DATE, SVC_CELL_TEXT, SVC_CELL_NUM, SVC_CELL_TEXT };
	struct svc_table *t = svc_doc_table(d, "Checklists", 9, titles,
	    types);
	char buf[32];

	t->group = 1;
	svc_table_section(t, "checklists", NULL);
	t->cols[0].key = t->cols[1].key = 1;
	for (size_t i = 0; i < n; i++) {
		const struct svc_sched_row *r = &v[i];
		const struct svc_sched_window *w = &r->current;
		size_t row = svc_table_row(t, SVC_ROW_DATA);

		svc_table_set(t, row, 0, r->sched->name);
		svc_table_set(t, row, 1, r->owner);
		svc_table_set(t, row, 2, w->name);
		svc_table_num(t, row, 3, (double)w->done, 0);
		svc_table_num(t, row, 4, w->owed, 0);
		if (r->has_last) {
			svc_table_set(t, row, 5, minute(r->last, buf));
			svc_table_set(t, row, 6, r->last_staff);
		} else
			svc_table_set(t, row, 5, "never");
		if (r->status != SVC_SCHED_NOBODY)
			svc_table_num(t, row, 7, (double)r->nmissed, 0)->alert =
			    r->nmissed > 0;
		svc_table_set(t, row, 8, svc_sched_status_name(r->status))
		    ->alert = r->status == SVC_SCHED_OVERDUE ||
		    r->status == SVC_SCHED_NOBODY;
	}
}

static void
sc_missed(struct svc_doc *d, const struct svc_sched_row *v, size_t n)
{
	static const char *const titles[] = { "schedule", "owed by",
	    "window", "done", "of" };
	static const enum svc_cell_type types[] = { SVC_CELL_TEXT,
	    SVC_CELL_TEXT, SVC_CELL_DATE, SVC_CELL_NUM, SVC_CELL_NUM };
	struct svc_table *t = svc_doc_table(d, "Windows that fell short", 5,
	    titles, types);

	t->group = 1;
	svc_table_section(t, "short", NULL);
	t->cols[0].key = t->cols[1].key = 1;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < v[i].nmissed; j++) {
			const struct svc_sched_window *w = &v[i].missed[j];
			size_t row = svc_table_row(t, SVC_ROW_DATA);

			svc_table_set(t, row, 0, v[i].sched->name);
			svc_table_set(t, row, 1, v[i].owner);
			svc_table_set(t, row, 2, w->name);
			svc_table_num(t, row, 3, (double)w->done, 0)->alert = 1;
			svc_table_num(t, row, 4, w->owed, 0);
		}
}

int
svc_report_schedule(const struct svc_report_in *in, struct svc_doc *d,
    struct svc_err *e)
{
	struct svc_schedules *s = svc_schedules_new(in->policy, in->as_of,
	    in->period);
	const struct svc_sched_row *rows;
	struct svc_period month;
	size_t n, missed = 0;
	char ts[32];

	if (svc_schedules_db(s, in->db, e) < 0) {
		svc_schedules_free(s);
		return -1;
	}
	rows = svc_schedules_rows(s, &n);
	title(d, in, "Checklists");
	if (n == 0) {
		svc_doc_para(d, "No schedules: the policy has no "
		    "[schedule.NAME] section.");
		svc_schedules_free(s);
		return 0;
	}
	if (in->period == NULL)
		svc_period_of(SVC_PERIOD_MONTH, in->as_of, &month);
	svc_doc_para(d, "Judged at %s, over the windows of %s up to then. An "
	    "entry is an event of the schedule's kinds, voided ones left out; "
	    "a window that has fewer entries than it owes is due while it "
	    "runs, overdue once it has ended.", svc_time_format(
	    svc_schedules_at(s), ts), in->period ? in->period->name :
	    month.name);
	if (rows[0].windows == 0) {
		svc_doc_para(d, "No window of %s has begun by then.",
		    in->period->name);
		svc_schedules_free(s);
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		missed += rows[i].nmissed;
		if (rows[i].status == SVC_SCHED_NOBODY)
			svc_doc_para(d, "%s: nobody in the roster owes it "
			    "(%s): not judged.", sched_name(rows[i].sched),
			    rows[i].owner);
	}
	sc_owners(d, rows, n);
	if (missed > 0)
		sc_missed(d, rows, n);
	svc_schedules_free(s);
	return 0;
}

static const char *
limit_name(const struct svc_limit *l)
{
	return l->label[0] ? l->label : l->name;
}

static void
kpi_limits(struct svc_doc *d, const struct svc_kpi_row *v, size_t n)
{
	static const char *const titles[] = { "limit", "kind", "minutes",
	    "charge", "counted", "within", "breaches", "share %", "longest",
	    "" };
	static const enum svc_cell_type types[] = { SVC_CELL_TEXT,
	    SVC_CELL_TEXT, SVC_CELL_NUM, SVC_CELL_TEXT, SVC_CELL_NUM,
	    SVC_CELL_NUM, SVC_CELL_NUM, SVC_CELL_NUM, SVC_CELL_NUM,
	    SVC_CELL_BAR };
	struct svc_table *t = svc_doc_table(d, "Limits", 10, titles, types);
	long count = 0, within = 0;
	size_t row;

	svc_table_section(t, "limits", NULL);

	for (size_t i = 0; i < n; i++) {
		const struct svc_kpi_row *k = &v[i];

		row = svc_table_row(t, SVC_ROW_DATA);
		svc_table_set(t, row, 0, limit_name(k->limit));
		svc_table_set(t, row, 1, k->limit->kind);
		svc_table_num(t, row, 2, k->limit->minutes, -1);
		/* whom a breach charges: the staff member, under this kind */
		svc_table_set(t, row, 3, k->limit->charge == SVC_CHARGE_STAFF ?
		    k->limit->breach : "none");
		svc_table_num(t, row, 4, (double)k->count, 0);
		svc_table_num(t, row, 5, (double)k->within, 0);
		svc_table_num(t, row, 6, (double)k->breaches, 0)->alert =
		    k->breaches > 0;
		if (k->has_share) {
			svc_table_num(t, row, 7, k->share, 1);
			svc_table_num(t, row, 8, k->max_minutes, -1);
			svc_table_bar(t, row, 9, k->share / 100);
		}
		count += k->count;
		within += k->within;
	}
	row = svc_table_row(t, SVC_ROW_TOTAL);
	svc_table_set(t, row, 0, "total");
	svc_table_num(t, row, 4, (double)count, 0);
	svc_table_num(t, row, 5, (double)within, 0);
	svc_table_num(t, row, 6, (double)(count - within), 0);
	if (count > 0) {
		svc_table_num(t, row, 7, 100.0 * within / count, 1);
		svc_table_bar(t, row, 9, (double)within / count);
	}
}

/*
 * The worst cases, each with the fields of the limits' kinds (an unload's
 * vehicle and cargo: what its limit went by) before its note.
 */
static void
kpi_worst(struct svc_doc *d, const struct svc_policy *p,
    const struct svc_kpi_row *v, size_t n)
{
	static const char *const head[] = { "limit", "time", "staff", "ref",
	    "minutes", "over" };
	static const enum svc_cell_type htypes[] = { SVC_CELL_TEXT,
	    SVC_CELL_DATE, SVC_CELL_TEXT, SVC_CELL_TEXT, SVC_CELL_NUM,
	    SVC_CELL_NUM };
	enum { NHEAD = 6 };
	const struct svc_field **f = NULL;
	const char **titles;
	enum svc_cell_type *types;
	size_t nf = 0, ncols;
	struct svc_table *t = NULL;
	char buf[32];

	for (size_t i = 0; i < n; i++)
		svc_report_field_cols(svc_policy_kind(p, v[i].limit->kind), &f,
		    &nf);
	ncols = NHEAD + nf + 1;
	titles = svc_xcalloc(ncols, sizeof(*titles));
	types = svc_xcalloc(ncols, sizeof(*types));
	for (size_t i = 0; i < NHEAD; i++) {
		titles[i] = head[i];
		types[i] = htypes[i];
	}
	for (size_t i = 0; i < nf; i++) {
		titles[NHEAD + i] = f[i]->name;
		types[NHEAD + i] = svc_report_field_type(f[i]);
	}
	titles[NHEAD + nf] = "note";
	types[NHEAD + nf] = SVC_CELL_TEXT;

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < v[i].nworst; j++) {
			const struct svc_kpi_case *c = &v[i].worst[j];
			time_t tt = c->t;
			size_t row;

			if (t == NULL) {
				t = svc_doc_table(d, "Worst cases", ncols,
				    titles, types);
				t->group = 1;
				svc_table_section(t, "worst cases", NULL);
				t->cols[2].key = t->cols[3].key = 1;
			}
			row = svc_table_row(t, SVC_ROW_DATA);
			svc_table_set(t, row, 0, limit_name(v[i].limit));
			svc_table_set(t, row, 1, minute(tt, buf));
			svc_table_set(t, row, 2, c->staff);
			svc_table_set(t, row, 3, c->ref);
			svc_table_num(t, row, 4, c->minutes, -1);
			svc_table_num(t, row, 5, c->over, -1)->alert = 1;
			for (size_t k = 0; k < nf; k++)
				svc_report_field_cell(t, row, NHEAD + k, f[k],
				    c->fields);
			svc_table_set(t, row, NHEAD + nf, c->note);
		}
	if (t == NULL)
		svc_doc_para(d, "No breaches.");
	free(titles);
	free(types);
	free(f);
}

int
svc_report_kpi(const struct svc_report_in *in, struct svc_doc *d,
    struct svc_err *e)
{
	struct svc_kpi *k;
	const struct svc_kpi_row *v;
	size_t n;

	title(d, in, "Operation time limits");
	if (in->policy->nlimits == 0) {
		svc_doc_para(d, "The policy sets no time limits ([limit.NAME]).");
		return 0;
	}
	k = svc_kpi_new(in->policy, in->period);
	if (svc_kpi_db(k, in->db, e) < 0) {
		svc_kpi_free(k);
		return -1;
	}
	v = svc_kpi_rows(k, &n);
	svc_doc_para(d, "Operations whose minutes exceed their limit are "
	    "breaches; exactly at the limit is within. Charge: the kind a "
	    "breach charges the staff member who logged it, or none. Worst "
	    "cases: up to %d per limit, the largest overrun first.",
	    SVC_KPI_WORST);
	kpi_limits(d, v, n);
	kpi_worst(d, in->policy, v, n);
	svc_kpi_free(k);
	return 0;
}
