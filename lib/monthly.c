/*
 * The monthly service analysis table of scheme D (svc_report_monthly in
 * report.h). Counting is done over the events of two periods held in
 * memory: a month of a service desk is thousands of events, not millions.
 * Work orders (issue 6) have a table of their own and the closure_rate
 * metric; a complaint is handled by a satisfied revisit of its customer,
 * or by the closing of a work order of its customer where its kind says
 * handled_by = order (see report.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kpi.h"
#include "opsreport.h"
#include "order.h"
#include "revisit.h"
#include "report.h"
#include "score.h"
#include "util.h"

/* A service event, kept for counting. */
struct sev {
	const struct svc_kind *kind;
	long long id;
	char *dept, *channel, *customer, *staff;
	time_t t;
	double value;
	int cur;		/* in the report's period (else the previous) */
};

struct counter {
	char *key;
	long n[2];		/* [0] this period, [1] the previous one */
};

struct counters {
	struct counter *v;
	size_t n, cap;
};

struct gather {
	const struct svc_report_in *in;
	struct svc_period prev;
	struct sev *v;
	size_t n, cap;
	/* satisfied revisits up to as_of, for complaint handling; after
	 * latest_revisits, one per customer with the latest time */
	struct sev *rv;
	size_t nrv, caprv;
	/* work orders of this period [0] and the previous one [1] */
	struct svc_order_report ord[2];
};

static int
cmp_revisit(const void *a, const void *b)
{
	const struct sev *x = a, *y = b;
	int c = strcmp(x->customer, y->customer);

	if (c)
		return c;
	return x->t < y->t ? -1 : x->t > y->t;
}

/* Keeps each customer's latest satisfied revisit, sorted by customer: a
 * complaint is handled by a revisit when that one comes after it (a
 * lookup, not a scan). */
static void
latest_revisits(struct gather *g)
{
	size_t k = 0;

	if (g->nrv == 0)	/* rv is NULL then, which qsort may not get */
		return;
	qsort(g->rv, g->nrv, sizeof(*g->rv), cmp_revisit);
	for (size_t i = 0; i < g->nrv; i++) {
		if (i + 1 < g->nrv && strcmp(g->rv[i].customer,
		    g->rv[i + 1].customer) == 0) {
			free(g->rv[i].customer);
			continue;
		}
		g->rv[k++] = g->rv[i];
	}
	g->nrv = k;
}

static int
service(const struct svc_kind *k)
{
	return k != NULL && (k->counts_as == SVC_AS_CONTACT ||
	    k->counts_as == SVC_AS_COMPLAINT || k->counts_as == SVC_AS_PRAISE ||
	    k->counts_as == SVC_AS_REVISIT);
}

static struct sev *
push(struct sev **v, size_t *n, size_t *cap)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 256;
		*v = svc_xrealloc(*v, *cap * sizeof(**v));
	}
	memset(&(*v)[*n], 0, sizeof(**v));
	return &(*v)[(*n)++];
}

static int
gather_event(void *arg, const struct svc_event *ev)
{
	struct gather *g = arg;
	const struct svc_kind *k = svc_policy_kind(g->in->policy, ev->kind);
	struct sev *s;
	int cur = svc_period_contains(g->in->period, ev->t);
	double v;

	if (!service(k))
		return 0;
	if (svc_parse_num(ev->value, &v) < 0)
		v = NAN;
	if (k->counts_as == SVC_AS_REVISIT && ev->customer[0] &&
	    ev->t < g->in->as_of && !isnan(v) && svc_kind_satisfied(k, v)) {
		s = push(&g->rv, &g->nrv, &g->caprv);
		s->customer = svc_xstrdup(ev->customer);
		s->t = ev->t;
	}
	if (!cur && !svc_period_contains(&g->prev, ev->t))
		return 0;
	s = push(&g->v, &g->n, &g->cap);
	s->kind = k;
	s->id = ev->id;
	s->dept = svc_xstrdup(ev->dept);
	s->channel = svc_xstrdup(ev->channel[0] ? ev->channel : "(none)");
	s->customer = svc_xstrdup(ev->customer);
	s->staff = svc_xstrdup(ev->staff);
	s->t = ev->t;
	s->cur = cur;
	s->value = v;
	return 0;
}

static void
gather_free(struct gather *g)
{
	for (size_t i = 0; i < g->n; i++) {
		free(g->v[i].dept);
		free(g->v[i].channel);
		free(g->v[i].customer);
		free(g->v[i].staff);
	}
	for (size_t i = 0; i < g->nrv; i++)
		free(g->rv[i].customer);
	free(g->v);
	free(g->rv);
	svc_order_report_release(&g->ord[0]);
	svc_order_report_release(&g->ord[1]);
}

/* Counts one more for key in period slot p (0 this, 1 previous). */
static void
bump(struct counters *c, const char *key, int p)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->v[i].key, key) == 0)
			break;
	if (i == c->n) {
		if (c->n == c->cap) {
			c->cap = c->cap ? 2 * c->cap : 16;
			c->v = svc_xrealloc(c->v, c->cap * sizeof(*c->v));
		}
		c->v[c->n].key = svc_xstrdup(key);
		c->v[c->n].n[0] = c->v[c->n].n[1] = 0;
		c->n++;
	}
	c->v[i].n[p]++;
}

static long
count_of(const struct counters *c, const char *key, int p)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->v[i].key, key) == 0)
			return c->v[i].n[p];
	return 0;
}

static int
cmp_counter(const void *a, const void *b)
{
	const struct counter *x = a, *y = b;

	if (x->n[0] != y->n[0])
		return x->n[0] > y->n[0] ? -1 : 1;
	return strcmp(x->key, y->key);
}

/* Most counted first; v is NULL while there are none, which qsort may
 * not get. */
static void
counters_sort(struct counters *c)
{
	if (c->n > 0)
		qsort(c->v, c->n, sizeof(*c->v), cmp_counter);
}

static void
counters_free(struct counters *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i].key);
	free(c->v);
}

/* The change in percent of prev, when there was a previous count. */
static void
change_pct(struct svc_table *t, size_t r, size_t col, long cur, long prev)
{
	if (prev > 0)
		svc_table_setf(t, r, col, "%+.1f",
		    100.0 * (cur - prev) / prev)->type = SVC_CELL_NUM;
}

/* The share of total, the previous count and the change in percent from
 * column col on. */
static void
compare(struct svc_table *t, size_t r, size_t col, long cur, long prev,
    long total)
{
	if (total > 0)
		svc_table_num(t, r, col, 100.0 * cur / total, 1);
	svc_table_num(t, r, col + 1, (double)prev, 0);
	change_pct(t, r, col + 2, cur, prev);
}

static void
by_dept(struct svc_doc *d, const struct gather *g, long total[2])
{
	static const char *const titles[] = { "department", "count",
	    "share %", "previous", "change %" };
	static const enum svc_cell_type types[] = { SVC_CELL_TEXT,
	    SVC_CELL_NUM, SVC_CELL_NUM, SVC_CELL_NUM, SVC_CELL_NUM };
	struct counters c = { 0 };
	struct svc_table *t;
	size_t r;

	for (size_t i = 0; i < g->n; i++)
		bump(&c, g->v[i].dept[0] ? g->v[i].dept : "(none)",
		    !g->v[i].cur);
	counters_sort(&c);
	t = svc_doc_table(d, "Service by department", 5, titles, types);
	svc_table_section(t, "departments", NULL);
	t->cols[0].key = 1;
	for (size_t i = 0; i < c.n; i++) {
		r = svc_table_row(t, SVC_ROW_DATA);
		svc_table_set(t, r, 0, c.v[i].key);
		svc_table_num(t, r, 1, (double)c.v[i].n[0], 0);
		compare(t, r, 2, c.v[i].n[0], c.v[i].n[1], total[0]);
	}
	r = svc_table_row(t, SVC_ROW_TOTAL);
	svc_table_set(t, r, 0, "total");
	svc_table_num(t, r, 1, (double)total[0], 0);
	compare(t, r, 2, total[0], total[1], total[0]);
	counters_free(&c);
}

static const char *
kind_name(const struct svc_kind *k)
{
	return k->label[0] ? k->label : k->code;
}

static void
by_kind(struct svc_doc *d, const struct gather *g, long total[2])
{
	struct counters kinds = { 0 }, chans = { 0 }, cell = { 0 };
	struct svc_table *t;
	const char **titles;
	enum svc_cell_type *types;
	struct svc_buf key = { 0 };
	size_t nc, r;

	for (size_t i = 0; i < g->n; i++) {
		bump(&kinds, g->v[i].kind->code, !g->v[i].cur);
		bump(&chans, g->v[i].channel, !g->v[i].cur);
		svc_buf_reset(&key);
		svc_buf_printf(&key, "%s\n%s", g->v[i].kind->code,
		    g->v[i].channel);
		bump(&cell, key.s, !g->v[i].cur);
	}
	counters_sort(&kinds);
	counters_sort(&chans);
	nc = 1 + chans.n + 4;
	titles = svc_xcalloc(nc, sizeof(*titles));
	types = svc_xcalloc(nc, sizeof(*types));
	titles[0] = "nature of service";
	for (size_t i = 0; i < chans.n; i++) {
		titles[1 + i] = chans.v[i].key;
		types[1 + i] = SVC_CELL_NUM;
	}
	titles[nc - 4] = "total";
	titles[nc - 3] = "share %";
	titles[nc - 2] = "previous";
	titles[nc - 1] = "change %";
	for (size_t i = nc - 4; i < nc; i++)
		types[i] = SVC_CELL_NUM;
	t = svc_doc_table(d, "Service by nature and channel", nc, titles,
	    types);
	svc_table_section(t, "services", NULL);
	for (size_t k = 0; k <= kinds.n; k++) {
		const struct svc_kind *kd = k < kinds.n ?
		    svc_policy_kind(g->in->policy, kinds.v[k].key) : NULL;

		r = svc_table_row(t, kd ? SVC_ROW_DATA : SVC_ROW_TOTAL);
		svc_table_set(t, r, 0, kd ? kind_name(kd) : "total");
		for (size_t i = 0; i < chans.n; i++) {
			long n = kd ? 0 : chans.v[i].n[0];

			if (kd) {
				svc_buf_reset(&key);
				svc_buf_printf(&key, "%s\n%s", kd->code,
				    chans.v[i].key);
				n = count_of(&cell, key.s, 0);
			}
			if (n)
				svc_table_num(t, r, 1 + i, (double)n, 0);
		}
		svc_table_num(t, r, nc - 4, (double)(kd ? kinds.v[k].n[0] :
		    total[0]), 0);
		compare(t, r, nc - 3, kd ? kinds.v[k].n[0] : total[0],
		    kd ? kinds.v[k].n[1] : total[1], total[0]);
	}
	free(titles);
	free(types);
	svc_buf_release(&key);
	counters_free(&kinds);
	counters_free(&chans);
	counters_free(&cell);
}

/* Counts of one period slot p. */
struct tally {
	long complaints, praises, revisits, satisfied, handled;
};

/* "2026-09-29 10:00" in local time, into buf[32], as the other tables of
 * times show it. */
static const char *
minute(time_t t, char *buf)
{
	svc_time_format(t, buf);
	buf[10] = ' ';
	buf[16] = '\0';
	return buf;
}

static int
cmp_customer(const void *a, const void *b)
{
	return strcmp(((const struct sev *)a)->customer,
	    ((const struct sev *)b)->customer);
}

/*
 * Whether complaint c was handled before as_of: by a satisfied revisit of
 * its customer after it, or, for a kind handled_by = order, by the
 * closing of a work order of its customer after it. A complaint naming
 * no customer can be followed up by neither.
 */
static int
handled(const struct gather *g, const struct sev *c)
{
	const struct svc_order_report *r = &g->ord[0];
	const struct sev *v;

	if (c->customer[0] == '\0')
		return 0;
	if (c->kind->handled_by == SVC_HANDLED_BY_REVISIT)
		return g->nrv && (v = bsearch(c, g->rv, g->nrv,
		    sizeof(*g->rv), cmp_customer)) != NULL && v->t > c->t;
	/* ord[0] holds every order of the ledger, whatever its period */
	for (size_t i = 0; i < r->norders; i++) {
		const struct svc_order *o = &r->orders[i];

		if (strcmp(o->status, "closed") == 0 && o->closed_t > c->t &&
		    o->closed_t < g->in->as_of &&
		    strcmp(o->customer, c->customer) == 0)
			return 1;
	}
	return 0;
}

static void
tally(const struct gather *g, int p, struct tally *s)
{
	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < g->n; i++) {
		const struct sev *e = &g->v[i];

		if (e->cur != !p)
			continue;
		switch (e->kind->counts_as) {
		case SVC_AS_COMPLAINT:
			s->complaints++;
			s->handled += handled(g, e);
			break;
		case SVC_AS_PRAISE:
			s->praises++;
			break;
		case SVC_AS_REVISIT:
			s->revisits++;
			s->satisfied += !isnan(e->value) &&
			    svc_kind_satisfied(e->kind, e->value);
			break;
		default:
			break;
		}
	}
}

static void
feedback(struct svc_doc *d, const struct tally s[2])
{
	static const char *const titles[] = { "item", "count", "previous",
	    "change", "change %" };
	static const enum svc_cell_type types[] = { SVC_CELL_TEXT,
	    SVC_CELL_NUM, SVC_CELL_NUM, SVC_CELL_NUM, SVC_CELL_NUM };
	const char *items[] = { "complaints", "complaints handled", "praise",
	    "revisits", "satisfied revisits" };
	long v[2][5];
	struct svc_table *t = svc_doc_table(d, "Complaints, praise and "
	    "revisits", 5, titles, types);

	svc_table_section(t, "feedback", NULL);
	for (int p = 0; p < 2; p++) {
		v[p][0] = s[p].complaints;
		v[p][1] = s[p].handled;
		v[p][2] = s[p].praises;
		v[p][3] = s[p].revisits;
		v[p][4] = s[p].satisfied;
	}
	for (int i = 0; i < 5; i++) {
		size_t r = svc_table_row(t, SVC_ROW_DATA);

		svc_table_set(t, r, 0, items[i]);
		svc_table_num(t, r, 1, (double)v[0][i], 0);
		svc_table_num(t, r, 2, (double)v[1][i], 0);
		svc_table_setf(t, r, 3, "%+ld", v[0][i] - v[1][i])->type =
		    SVC_CELL_NUM;
		change_pct(t, r, 4, v[0][i], v[1][i]);
	}
}

/* The period's complaints not handled by as_of, oldest first, when
 * there are any: the ones still to follow up. */
static void
unhandled(struct svc_doc *d, const struct gather *g)
{
	static const char *const titles[] = { "event", "time", "customer",
	    "staff" };
	static const enum svc_cell_type types[] = { SVC_CELL_NUM,
	    SVC_CELL_DATE, SVC_CELL_TEXT, SVC_CELL_TEXT };
	struct svc_table *t = NULL;
	char ts[32];
	size_t r;

	for (size_t i = 0; i < g->n; i++) {
		const struct sev *c = &g->v[i];

		if (!c->cur || c->kind->counts_as != SVC_AS_COMPLAINT ||
		    handled(g, c))
			continue;
		if (t == NULL) {
			svc_doc_para(d, "Complaints of %s not handled as of "
			    "%s.", g->in->period->name, minute(g->in->as_of,
			    ts));
			t = svc_doc_table(d, "Complaints not handled", 4,
			    titles, types);
			svc_table_section(t, "unhandled", NULL);
			t->cols[2].key = t->cols[3].key = 1;
		}
		r = svc_table_row(t, SVC_ROW_DATA);
		svc_table_setf(t, r, 0, "%lld", c->id);
		svc_table_set(t, r, 1, minute(c->t, ts));
		svc_table_set(t, r, 2, c->customer);
		svc_table_set(t, r, 3, c->staff);
	}
}

/* The counts and closure rate of work orders, when the ledger has any:
 * a desk that does not use them is not shown an empty table. */
static void
orders(struct svc_doc *d, const struct gather *g)
{
	static const char *const titles[] = { "item", "count", "previous",
	    "change", "change %" };
	static const enum svc_cell_type types[] = { SVC_CELL_TEXT,
	    SVC_CELL_NUM, SVC_CELL_NUM, SVC_CELL_NUM, SVC_CELL_NUM };
	const char *items[] = { "opened", "closed", "closed late",
	    "cancelled", "open at the end", "overdue at the end",
	    "follow-ups opened" };
	const struct svc_order_stats *s[2] = { &g->ord[0].stats,
	    &g->ord[1].stats };
	struct svc_table *t;
	long v[2][7];
	size_t r;

	if (g->ord[0].norders == 0)
		return;
	for (int p = 0; p < 2; p++) {
		v[p][0] = s[p]->opened;
		v[p][1] = s[p]->closed;
		v[p][2] = s[p]->closed_late;
		v[p][3] = s[p]->cancelled;
		v[p][4] = s[p]->open_at_end;
		v[p][5] = s[p]->overdue_at_end;
		v[p][6] = s[p]->follow_ups;
	}
	t = svc_doc_table(d, "Work orders", 5, titles, types);
	/* the closure rate is an item in bold, not a sum of the others */
	svc_table_section(t, "orders", "orders");
	for (int i = 0; i < 7; i++) {
		r = svc_table_row(t, SVC_ROW_DATA);
		svc_table_set(t, r, 0, items[i]);
		svc_table_num(t, r, 1, (double)v[0][i], 0)->alert = i == 5 &&
		    v[0][i] > 0;
		svc_table_num(t, r, 2, (double)v[1][i], 0);
		svc_table_setf(t, r, 3, "%+ld", v[0][i] - v[1][i])->type =
		    SVC_CELL_NUM;
		change_pct(t, r, 4, v[0][i], v[1][i]);
	}
	/* a rate changes in points, not in percent of itself */
	r = svc_table_row(t, SVC_ROW_TOTAL);
	svc_table_set(t, r, 0, "closure rate %");
	if (s[0]->has_handling_rate)
		svc_table_num(t, r, 1, s[0]->handling_rate, 1);
	if (s[1]->has_handling_rate)
		svc_table_num(t, r, 2, s[1]->handling_rate, 1);
	if (s[0]->has_handling_rate && s[1]->has_handling_rate)
		svc_table_setf(t, r, 3, "%+.1f", s[0]->handling_rate -
		    s[1]->handling_rate)->type = SVC_CELL_NUM;
}

/* Percent of part in whole, or NAN when whole is 0. */
static double
pct(long part, long whole)
{
	return whole > 0 ? 100.0 * part / whole : NAN;
}

static int
missed(const struct svc_target *tg, double v)
{
	return (tg->has_min && v < tg->min) || (tg->has_max && v > tg->max);
}

/*
 * v without the binary noise of the arithmetic behind it ((100 + 100 +
 * 99.7) / 3 comes out a hair below 99.9): the value a target is compared
 * with.
 */
static double
exact(double v)
{
	return round(v * 1e9) / 1e9;
}

/*
 * Places v is shown with: one, or as many more as it takes for the
 * number shown to get the verdict v gets (97.96 against >= 98 shows
 * "97.96", not "98.0"; 97.999 shows "97.999").
 */
static int
places(const struct svc_target *tg, double v)
{
	char buf[64];
	int d;

	for (d = 1; d < 9; d++) {
		snprintf(buf, sizeof(buf), "%.*f", d, v);
		if (missed(tg, strtod(buf, NULL)) == missed(tg, v))
			break;
	}
	return d;
}

static void
target_row(struct svc_table *t, const struct svc_target *tg,
    const char *what, double cur, double prev)
{
	size_t r = svc_table_row(t, SVC_ROW_DATA);
	char bound[80], a[32], b[32];
	int miss;

	svc_table_set(t, r, 0, tg->label[0] ? tg->label : tg->name);
	svc_table_set(t, r, 1, what);
	if (tg->has_min && tg->has_max)
		snprintf(bound, sizeof(bound), "%s..%s%s",
		    svc_fmt_num(tg->min, a), svc_fmt_num(tg->max, b), tg->unit);
	else
		snprintf(bound, sizeof(bound), "%s %s%s", tg->has_min ? ">=" :
		    "<=", svc_fmt_num(tg->has_min ? tg->min : tg->max, a),
		    tg->unit);
	svc_table_set(t, r, 3, bound);
	if (!isnan(prev)) {
		prev = exact(prev);
		svc_table_num(t, r, 5, prev, places(tg, prev));
	}
	if (isnan(cur)) {
		svc_table_set(t, r, 4, "no data");
		return;
	}
	cur = exact(cur);
	svc_table_num(t, r, 2, cur, places(tg, cur));
	miss = missed(tg, cur);
	svc_table_set(t, r, 4, miss ? "MISSED" : "met")->alert = miss;
}

/* A period's scores, reduced to what the targets need. */
struct unitscore {
	const char *unit;	/* borrowed from the scorer */
	int has_score;
	double score;
};

static struct unitscore *
snapshot(struct svc_scorer *sc, size_t *n)
{
	const struct svc_score *const *rows;
	struct unitscore *u;

	*n = svc_scorer_finish(sc, &rows);
	u = svc_xcalloc(*n ? *n : 1, sizeof(*u));
	for (size_t i = 0; i < *n; i++)
		u[i] = (struct unitscore){ rows[i]->unit, rows[i]->has_score,
		    rows[i]->score };
	return u;
}

/* Mean score of unit's staff (everyone's when unit is NULL), NAN if none. */
static double
mean_score(const struct unitscore *u, size_t n, const char *unit)
{
	double sum = 0;
	long k = 0;

	for (size_t i = 0; i < n; i++)
		if (u[i].has_score && (unit == NULL ||
		    strcmp(u[i].unit, unit) == 0)) {
			sum += u[i].score;
			k++;
		}
	return k ? sum / k : NAN;
}

static double
closure_rate(const struct svc_order_stats *s)
{
	return s->has_handling_rate ? s->handling_rate : NAN;
}

/* The closure rate of the work orders of category in period p, as
 * closure_rate's over every order (NAN when none was opened); -1 with e
 * set. */
static int
category_closure(const struct gather *g, const struct svc_period *p,
    const char *category, double *rate, struct svc_err *e)
{
	struct svc_order_report r;

	if (svc_order_report_of(g->in->db, p, &g->in->policy->calendar,
	    g->in->as_of, category, &r, e) < 0)
		return -1;
	*rate = closure_rate(&r.stats);
	svc_order_report_release(&r);
	return 0;
}

/* What a category's closure rate measures, "理赔案件 opened and closed",
 * into buf[size]. */
static const char *
category_what(const struct svc_policy *p, const char *category, char *buf,
    size_t size)
{
	const struct svc_category *c = svc_policy_category(p, category);

	snprintf(buf, size, "%s opened and closed", c->label[0] ? c->label :
	    c->code);
	return buf;
}

/* The share of operations within their limits over every limit of the
 * policy in period p (NAN when none was measured); -1 with e set. */
static int
kpi_share(const struct gather *g, const struct svc_period *p, double *share,
    struct svc_err *e)
{
	struct svc_kpi *k = svc_kpi_new(g->in->policy, p);
	const struct svc_kpi_row *v;
	long count = 0, within = 0;
	size_t n;

	if (svc_kpi_db(k, g->in->db, e) < 0) {
		svc_kpi_free(k);
		return -1;
	}
	v = svc_kpi_rows(k, &n);
	for (size_t i = 0; i < n; i++) {
		count += v[i].count;
		within += v[i].within;
	}
	*share = pct(within, count);
	svc_kpi_free(k);
	return 0;
}

/* The share of revisit cadences (customer and role) not overdue at the
 * end of period p, or at as_of when earlier (NAN when there are none);
 * -1 with e set. */
static int
ontime_share(const struct gather *g, const struct svc_period *p,
    double *share, struct svc_err *e)
{
	time_t at = p->end - 1 < g->in->as_of ? p->end - 1 : g->in->as_of;
	struct svc_revisits *r = svc_revisits_new(g->in->policy, at, 0, 0);
	const struct svc_revisit_row *v;
	long all = 0, ontime = 0;
	size_t n;

	if (svc_revisits_db(r, g->in->db, e) < 0) {
		svc_revisits_free(r);
		return -1;
	}
	v = svc_revisits_rows(r, &n);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < v[i].ndue; j++) {
			all++;
			ontime += v[i].due[j].status != SVC_RV_OVERDUE;
		}
	*share = pct(ontime, all);
	svc_revisits_free(r);
	return 0;
}

static int
targets(struct svc_doc *d, const struct gather *g, const struct tally s[2],
    struct svc_err *e)
{
	static const char *const titles[] = { "target", "measured", "value",
	    "target value", "result", "previous" };
	static const enum svc_cell_type types[] = { SVC_CELL_TEXT,
	    SVC_CELL_TEXT, SVC_CELL_NUM, SVC_CELL_TEXT, SVC_CELL_TEXT,
	    SVC_CELL_NUM };
	const struct svc_policy *p = g->in->policy;
	struct svc_scorer *sc[2] = { NULL, NULL };
	struct svc_table *t;
	struct unitscore *u[2] = { NULL, NULL };
	size_t n[2];
	int ret = -1;

	if (p->ntargets == 0)
		return 0;
	sc[0] = svc_scorer_new(p, g->in->period, NULL);
	sc[1] = svc_scorer_new(p, &g->prev, NULL);
	for (int i = 0; i < 2; i++)
		if (svc_scorer_staff_db(sc[i], g->in->db, e) < 0 ||
		    svc_scorer_events_db(sc[i], g->in->db, e) < 0)
			goto out;
	u[0] = snapshot(sc[0], &n[0]);
	u[1] = snapshot(sc[1], &n[1]);
	t = svc_doc_table(d, "Targets", 6, titles, types);
	svc_table_section(t, "targets", NULL);
	for (size_t i = 0; i < p->ntargets; i++) {
		const struct svc_target *tg = &p->targets[i];

		if (strcmp(tg->metric, "satisfaction") == 0)
			target_row(t, tg, "satisfied revisits",
			    pct(s[0].satisfied, s[0].revisits),
			    pct(s[1].satisfied, s[1].revisits));
		else if (strcmp(tg->metric, "complaint_handling") == 0)
			target_row(t, tg, "complaints handled",
			    pct(s[0].handled, s[0].complaints),
			    pct(s[1].handled, s[1].complaints));
		else if (strcmp(tg->metric, "closure_rate") == 0 &&
		    tg->category[0] != '\0') {
			double v[2];
			char what[160];

			if (category_closure(g, g->in->period, tg->category,
			    &v[0], e) < 0 || category_closure(g, &g->prev,
			    tg->category, &v[1], e) < 0)
				goto out;
			target_row(t, tg, category_what(p, tg->category, what,
			    sizeof(what)), v[0], v[1]);
		} else if (strcmp(tg->metric, "closure_rate") == 0)
			target_row(t, tg, "orders opened and closed",
			    closure_rate(&g->ord[0].stats),
			    closure_rate(&g->ord[1].stats));
		else if (strcmp(tg->metric, "kpi") == 0) {
			double v[2];

			if (kpi_share(g, g->in->period, &v[0], e) < 0 ||
			    kpi_share(g, &g->prev, &v[1], e) < 0)
				goto out;
			target_row(t, tg, "operations within limits", v[0],
			    v[1]);
		} else if (strcmp(tg->metric, "revisit_ontime") == 0) {
			double v[2];

			if (ontime_share(g, g->in->period, &v[0], e) < 0 ||
			    ontime_share(g, &g->prev, &v[1], e) < 0)
				goto out;
			target_row(t, tg, "cadences not overdue", v[0], v[1]);
		} else if (strcmp(tg->metric, "score_mean") == 0)
			target_row(t, tg, "mean score", mean_score(u[0], n[0],
			    NULL), mean_score(u[1], n[1], NULL));
		else if (strcmp(tg->metric, "window_score") == 0 &&
		    tg->nunits > 0) {
			/* the units named, in the policy's order; one without
			 * scored staff (a name not in the roster) shows so */
			for (size_t k = 0; k < tg->nunits; k++)
				target_row(t, tg, tg->units[k],
				    mean_score(u[0], n[0], tg->units[k]),
				    mean_score(u[1], n[1], tg->units[k]));
		} else if (strcmp(tg->metric, "window_score") == 0) {
			/* one row per unit, in roster (staff id) order */
			for (size_t k = 0; k < n[0]; k++) {
				size_t j;

				for (j = 0; j < k; j++)
					if (strcmp(u[0][j].unit,
					    u[0][k].unit) == 0)
						break;
				if (j == k)
					target_row(t, tg, u[0][k].unit,
					    mean_score(u[0], n[0], u[0][k].unit),
					    mean_score(u[1], n[1],
					    u[0][k].unit));
			}
		} else
			target_row(t, tg, tg->metric, NAN, NAN);
	}
	ret = 0;
out:
	free(u[0]);
	free(u[1]);
	svc_scorer_free(sc[0]);
	svc_scorer_free(sc[1]);
	return ret;
}

int
svc_report_monthly(const struct svc_report_in *in, struct svc_doc *d,
    struct svc_err *e)
{
	struct gather g = { .in = in };
	struct svc_event_filter f = { .has_range = 1, .active = 1 };
	struct tally s[2];
	long total[2] = { 0, 0 };
	struct svc_buf b = { 0 };
	time_t at;
	int ret = -1;

	svc_period_prev(in->period, &g.prev);
	f.start = g.prev.start;
	f.end = in->as_of > in->period->end ? in->as_of : in->period->end;
	if (svc_db_events_each(in->db, &f, gather_event, &g, e) < 0)
		goto out;
	latest_revisits(&g);
	if (svc_order_report_db(in->db, in->period, &in->policy->calendar,
	    in->as_of, &g.ord[0], e) < 0 || svc_order_report_db(in->db,
	    &g.prev, &in->policy->calendar, in->as_of, &g.ord[1], e) < 0)
		goto out;
	for (size_t i = 0; i < g.n; i++)
		total[!g.v[i].cur]++;
	svc_buf_printf(&b, "Service analysis %s — %s", in->period->name,
	    in->policy->name);
	free(d->title);
	d->title = b.s;
	svc_doc_para(d, "Service events (contacts, complaints, praise, "
	    "revisits) in %s, compared with %s.", in->period->name,
	    g.prev.name);
	by_dept(d, &g, total);
	by_kind(d, &g, total);
	tally(&g, 0, &s[0]);
	tally(&g, 1, &s[1]);
	feedback(d, s);
	unhandled(d, &g);
	orders(d, &g);
	at = in->period->end - 1 < in->as_of ? in->period->end - 1 :
	    in->as_of;
	svc_report_unnotified(d, &g.ord[0], in->policy, in->period->start,
	    at + 1, at);
	if (targets(d, &g, s, e) < 0)
		goto out;
	ret = 0;
out:
	gather_free(&g);
	return ret;
}
