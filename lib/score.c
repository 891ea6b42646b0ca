#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "index.h"
#include "kpi.h"
#include "score.h"
#include "util.h"

const struct svc_csv_col svc_score_cols[SVC_SC_NCOLS] = {
	[SVC_SC_PERIOD] = { "period", 1 }, [SVC_SC_STAFF] = { "staff", 1 },
	[SVC_SC_NAME] = { "name", 0 }, [SVC_SC_DEPT] = { "dept", 0 },
	[SVC_SC_POSITION] = { "position", 0 }, [SVC_SC_BASE] = { "base", 0 },
	[SVC_SC_DEDUCTIONS] = { "deductions", 0 },
	[SVC_SC_BONUSES] = { "bonuses", 0 }, [SVC_SC_JOINT] = { "joint", 0 },
	[SVC_SC_SCORE] = { "score", 1 },
	[SVC_SC_COMPLAINTS] = { "complaints", 0 },
	[SVC_SC_PRAISES] = { "praises", 0 }, [SVC_SC_EVENTS] = { "events", 0 },
	[SVC_SC_ELIGIBLE] = { "eligible", 1 }, [SVC_SC_REASON] = { "reason", 0 },
	[SVC_SC_UNIT] = { "unit", 0 },
};

/* Disqualifying events named in a reason: a few are enough to find them. */
#define MAX_REFS 5
/* Sub-windows a period can hold: 53 weeks in a year is the most. */
#define MAX_WIN 64

struct acc {
	long n;
	double sum;		/* values, for means and value points */
	double pos, neg;	/* values split by sign */
};

/* An event that disqualifies, kept by reference for the reason. */
struct dqref {
	struct dqref *next;
	size_t kind;
	int win;		/* -1: the kind disqualifies on any occurrence */
	char *ref;
};

/* An event of the explained person. */
struct evrec {
	time_t t;
	size_t kind;
	double value;
	int has_value;
	char *ts, *ref;
	char *fields;		/* the event's (fields.h), "" none */
	long seq;
};

struct person {
	struct svc_staff st;
	int in_roster, seen;	/* seen: has an event or a joint charge */
	struct acc *acc;	/* [nkinds] */
	long charges;		/* breach charges: counted, not events */
	double joint;
	double *win;		/* [s->nwinslots], lazily */
	struct dqref *refs;
	struct svc_buf reason;
	struct svc_score row;
};

struct window {
	size_t kind;
	int n;
	time_t start[MAX_WIN + 1];	/* n starts and the end */
	size_t off;		/* first slot in person.win */
};

struct svc_scorer {
	const struct svc_policy *p;
	struct svc_period period;
	char *explain;
	struct person **people;
	size_t npeople, cap;
	struct svc_index staff;	/* people[] by id */
	struct window *wins;	/* one per kind with disqualify_total */
	size_t nwins, nwinslots;
	struct evrec *ev;	/* the explained person's events */
	size_t nev, capev;
	const struct svc_score **rows;
	size_t nrows;
};

static struct person *
find(const struct svc_scorer *s, const char *id)
{
	size_t i = svc_index_get(&s->staff, id);

	return i ? s->people[i - 1] : NULL;
}

static char *
dup(const char *s)
{
	return svc_xstrdup(s ? s : "");
}

static struct person *
add_person(struct svc_scorer *s, const struct svc_staff *st)
{
	struct person *p = svc_xcalloc(1, sizeof(*p));

	p->st = (struct svc_staff){ dup(st->id), dup(st->name), dup(st->dept),
	    dup(st->position), dup(st->unit), dup(st->supervisor),
	    dup(st->leader), st->active };
	p->acc = svc_xcalloc(s->p->nkinds, sizeof(*p->acc));
	if (s->npeople == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->people = svc_xrealloc(s->people, s->cap * sizeof(*s->people));
	}
	svc_index_put(&s->staff, p->st.id, s->npeople);
	s->people[s->npeople++] = p;
	return p;
}

struct svc_scorer *
svc_scorer_new(const struct svc_policy *p, const struct svc_period *period,
    const char *explain)
{
	struct svc_scorer *s = svc_xcalloc(1, sizeof(*s));

	s->p = p;
	s->period = *period;
	s->explain = explain ? svc_xstrdup(explain) : NULL;
	s->wins = svc_xcalloc(p->nkinds, sizeof(*s->wins));
	for (size_t k = 0; k < p->nkinds; k++) {
		const struct svc_kind *kd = &p->kinds[k];
		struct window *w;
		struct svc_period sub;
		enum svc_period_kind wk;

		if (kd->disqualify_total <= 0)
			continue;
		wk = kd->disqualify_window ? kd->disqualify_window :
		    SVC_PERIOD_MONTH;
		w = &s->wins[s->nwins++];
		w->kind = k;
		w->off = s->nwinslots;
		svc_period_of(wk, period->start, &sub);
		while (w->n < MAX_WIN && sub.start < period->end) {
			w->start[w->n++] = sub.start;
			svc_period_of(wk, sub.end, &sub);
		}
		w->start[w->n] = sub.start < period->end ? sub.start :
		    period->end;
		s->nwinslots += w->n;
	}
	return s;
}

void
svc_scorer_free(struct svc_scorer *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->npeople; i++) {
		struct person *p = s->people[i];
		struct dqref *r, *next;

		svc_staff_release(&p->st);
		free(p->acc);
		free(p->win);
		for (r = p->refs; r; r = next) {
			next = r->next;
			free(r->ref);
			free(r);
		}
		svc_buf_release(&p->reason);
		free(p);
	}
	for (size_t i = 0; i < s->nev; i++) {
		free(s->ev[i].ts);
		free(s->ev[i].ref);
		free(s->ev[i].fields);
	}
	free(s->ev);
	free(s->people);
	svc_index_free(&s->staff);
	free(s->wins);
	free(s->rows);
	free(s->explain);
	free(s);
}

void
svc_scorer_staff(struct svc_scorer *s, const struct svc_staff *st)
{
	struct person *p = find(s, st->id);

	if (p == NULL)
		p = add_person(s, st);
	p->in_roster = 1;
}

/* How reasons and explanations name an event (see svc_scorer_event). */
static char *
ref_of(const struct svc_event *ev, const char *file, long line)
{
	char buf[320];

	if (ev->id != 0 || file == NULL)
		snprintf(buf, sizeof(buf), "event %lld", ev->id);
	else
		snprintf(buf, sizeof(buf), "%s:%ld", file, line);
	return svc_xstrdup(buf);
}

static void
add_ref(struct person *p, size_t kind, int win, const struct svc_event *ev,
    const char *file, long line, const char *why)
{
	struct dqref *r, **tail = &p->refs;
	int n = 0;

	for (r = p->refs; r; r = r->next) {
		if (r->kind == kind && r->win == win)
			n++;
		tail = &r->next;
	}
	if (n >= MAX_REFS)
		return;
	r = svc_xcalloc(1, sizeof(*r));
	r->kind = kind;
	r->win = win;
	r->ref = why ? svc_xstrdup(why) : ref_of(ev, file, line);
	*tail = r;
}

static int
window_of(const struct window *w, time_t t)
{
	for (int i = 0; i < w->n; i++)
		if (t >= w->start[i] && t < w->start[i + 1])
			return i;
	return -1;
}

/* Counts one application of kind k (an event, or a breach charge) for
 * p at ev's time. */
static void
count(struct svc_scorer *s, struct person *p, size_t k,
    const struct svc_event *ev, double v, int has_value, const char *file,
    long line, const char *why)
{
	const struct svc_kind *kd = &s->p->kinds[k];
	struct acc *a = &p->acc[k];

	p->seen = 1;
	a->n++;
	a->sum += v;
	if (v > 0)
		a->pos += v;
	else
		a->neg += v;
	if (kd->disqualify)
		add_ref(p, k, -1, ev, file, line, why);
	for (size_t i = 0; i < s->nwins; i++) {
		const struct window *w = &s->wins[i];
		int wi;

		if (w->kind != k || (wi = window_of(w, ev->t)) < 0)
			continue;
		if (p->win == NULL)
			p->win = svc_xcalloc(s->nwinslots, sizeof(*p->win));
		p->win[w->off + wi] += v;
		add_ref(p, k, wi, ev, file, line, why);
	}
	if (s->explain && strcmp(s->explain, ev->staff) == 0) {
		struct evrec *r;

		if (s->nev == s->capev) {
			s->capev = s->capev ? 2 * s->capev : 64;
			s->ev = svc_xrealloc(s->ev, s->capev * sizeof(*s->ev));
		}
		r = &s->ev[s->nev];
		*r = (struct evrec){ ev->t, k, v, has_value, svc_xstrdup(ev->ts),
		    why ? svc_xstrdup(why) : ref_of(ev, file, line),
		    svc_xstrdup(ev->fields ? ev->fields : ""), (long)s->nev };
		s->nev++;
	}
}

/*
 * Charges each time limit the operation breaches under the limit's breach
 * kind, at the event's time: a voided operation is never counted, so its
 * charges go with it, from a database or a stream alike.
 */
static void
charge_breaches(struct svc_scorer *s, struct person *p,
    const struct svc_event *ev, double v, const char *file, long line)
{
	for (size_t i = 0; i < s->p->nlimits; i++) {
		const struct svc_limit *l = &s->p->limits[i];
		const struct svc_kind *kb;
		struct svc_buf why = { 0 };
		char a[32], b[32], *ref;

		if (l->breach[0] == '\0' ||
		    !svc_limit_applies(l, ev->kind, ev->note, ev->fields,
		    ev->customer) ||
		    !svc_limit_breached(l, v) ||
		    (kb = svc_policy_kind(s->p, l->breach)) == NULL)
			continue;
		ref = ref_of(ev, file, line);
		svc_buf_printf(&why, "%s: breach of limit %s, %s > %s min", ref,
		    l->name, svc_fmt_num(v, a), svc_fmt_num(l->minutes, b));
		free(ref);
		count(s, p, (size_t)(kb - s->p->kinds), ev, 0, 0, file, line,
		    why.s);
		p->charges++;
		svc_buf_release(&why);
	}
}

int
svc_scorer_event(struct svc_scorer *s, const struct svc_event *ev,
    const char *file, long line, struct svc_err *e)
{
	const struct svc_kind *kd;
	struct person *p;
	double v;
	int has_value = ev->value != NULL && ev->value[0] != '\0';

	if (ev->t < s->period.start || ev->t >= s->period.end ||
	    ev->voided_by != 0 || ev->void_of != 0)
		return 0;
	/* a policy has no reserved kinds, so only a miss needs the test */
	if ((kd = svc_policy_kind(s->p, ev->kind)) == NULL &&
	    svc_kind_code_reserved(ev->kind))
		return 0;
	if ((p = find(s, ev->staff)) == NULL || !p->in_roster)
		return svc_err_set(e, NULL, 0, "staff", "unknown staff '%s' "
		    "(not in the roster)", ev->staff);
	if (kd == NULL)
		return svc_err_set(e, NULL, 0, "kind", "unknown kind '%s' (not "
		    "in policy %s)", ev->kind, s->p->path);
	/* so does its sheet; the ledger's events were checked when logged,
	 * and the roster keeps no history of who held which position */
	if (file != NULL && svc_policy_kind_on_sheet(kd, p->st.id,
	    p->st.position, e) < 0)
		return -1;
	/* the kind's value rule holds for a streamed file as for svc-log */
	if (svc_policy_value(kd, ev->value, &v, e) < 0) {
		snprintf(e->field, sizeof(e->field), "value");
		return -1;
	}
	count(s, p, (size_t)(kd - s->p->kinds), ev, v, has_value, file, line,
	    NULL);
	if (has_value && kd->counts_as == SVC_AS_OPERATION)
		charge_breaches(s, p, ev, v, file, line);
	return 0;
}

/* What n applications of a rule cost: flat n * points, or progressive
 * points * (1 + ... + n). */
static double
applied(double points, enum svc_escalation esc, long n)
{
	if (n <= 0)
		return 0;
	return esc == SVC_PROGRESSIVE ? points * n * (n + 1) / 2 : points * n;
}

/* The joint charge a subordinate's n occurrences put on the one above. */
static double
joint_charge(const struct svc_joint *j, long n)
{
	if (!j->on || n < j->from)
		return 0;
	return applied(j->points, j->escalation, n - j->from + 1);
}

static void
reason(struct person *p, const char *fmt, const char *a, const char *b)
{
	if (p->reason.len)
		svc_buf_adds(&p->reason, "; ");
	svc_buf_printf(&p->reason, fmt, a, b);
}

static void
reason_refs(struct person *p, size_t kind, int win)
{
	const char *sep = ": ";

	for (struct dqref *r = p->refs; r; r = r->next)
		if (r->kind == kind && r->win == win) {
			svc_buf_printf(&p->reason, "%s%s", sep, r->ref);
			sep = ", ";
		}
}

static void
disqualify(struct svc_scorer *s, struct person *p)
{
	const struct svc_policy *pol = s->p;
	char num[32], lim[32];

	if (!p->in_roster || !p->st.active)
		reason(p, "%s%s", "not active in the roster", "");
	if (!p->row.has_score)
		reason(p, "no assessment in %s%s", s->period.name, "");
	for (size_t k = 0; k < pol->nkinds; k++)
		if (pol->kinds[k].disqualify && p->acc[k].n > 0) {
			reason(p, "disqualified by %s%s", pol->kinds[k].code, "");
			reason_refs(p, k, -1);
		}
	for (size_t i = 0; p->win && i < s->nwins; i++) {
		const struct window *w = &s->wins[i];
		const struct svc_kind *kd = &pol->kinds[w->kind];

		for (int wi = 0; wi < w->n; wi++) {
			double tot = p->win[w->off + wi];
			struct svc_period sub;

			if (tot < kd->disqualify_total)
				continue;
			svc_period_of(kd->disqualify_window ?
			    kd->disqualify_window : SVC_PERIOD_MONTH,
			    w->start[wi], &sub);
			svc_buf_printf(&p->reason, "%sdisqualified by %s: %s in"
			    " %s (limit %s)", p->reason.len ? "; " : "",
			    kd->code, svc_fmt_num(tot, num), sub.name,
			    svc_fmt_num(kd->disqualify_total, lim));
			reason_refs(p, w->kind, wi);
		}
	}
}

static void
compute(struct svc_scorer *s, struct person *p)
{
	const struct svc_policy *pol = s->p;
	struct svc_score *r = &p->row;
	long nassess = 0;
	double assess = 0;

	r->staff = p->st.id;
	r->name = p->st.name;
	r->dept = p->st.dept;
	r->position = p->st.position;
	r->unit = p->st.unit;
	for (size_t k = 0; k < pol->nkinds; k++) {
		const struct svc_kind *kd = &pol->kinds[k];
		const struct acc *a = &p->acc[k];
		double pts;

		r->events += a->n;
		if (kd->counts_as == SVC_AS_COMPLAINT)
			r->complaints += a->n;
		else if (kd->counts_as == SVC_AS_PRAISE)
			r->praises += a->n;
		if (pol->base_mean && kd->counts_as == SVC_AS_ASSESSMENT) {
			nassess += a->n;
			assess += a->sum;
			continue;
		}
		switch (kd->points_mode) {
		case SVC_POINTS_VALUE:
			r->bonuses += a->pos;
			r->deductions += a->neg;
			break;
		case SVC_POINTS_NEG_VALUE:
			r->bonuses -= a->neg;
			r->deductions -= a->pos;
			break;
		default:
			pts = applied(kd->points, kd->escalation, a->n);
			if (pts < 0)
				r->deductions += pts;
			else
				r->bonuses += pts;
		}
	}
	r->events -= p->charges;
	r->joint = p->joint;
	r->has_score = !pol->base_mean || nassess > 0;
	if (r->has_score) {
		r->base = pol->base_mean ? svc_round2(assess / nassess) : pol->base;
		r->score = r->base + r->deductions + r->bonuses + r->joint;
		if (pol->has_floor && r->score < pol->floor)
			r->score = pol->floor;
		if (pol->has_cap && r->score > pol->cap)
			r->score = pol->cap;
		r->score = svc_round2(r->score);
	}
	disqualify(s, p);
	/*
	 * Loaded policies and checked values keep every number within
	 * SVC_NUM_MAX, far from overflow; a policy built otherwise gets a
	 * row without a score, never an inf that saves and picks awards.
	 */
	if (!isfinite(r->base + r->deductions + r->bonuses + r->joint +
	    r->score)) {
		r->has_score = 0;
		r->base = r->deductions = r->bonuses = r->joint = 0;
		r->score = 0;
		reason(p, "%s%s", "score is not a finite number", "");
	}
	r->eligible = p->reason.len == 0;
	r->reason = p->reason.len ? p->reason.s : "";
}

static int
cmp_row(const void *a, const void *b)
{
	return strcmp((*(const struct svc_score *const *)a)->staff,
	    (*(const struct svc_score *const *)b)->staff);
}

size_t
svc_scorer_finish(struct svc_scorer *s, const struct svc_score *const **rows)
{
	const struct svc_policy *pol = s->p;
	size_t n = s->npeople;

	/* from scratch, so that finishing twice gives the same rows */
	for (size_t i = 0; i < n; i++) {
		struct person *p = s->people[i];

		p->joint = 0;
		memset(&p->row, 0, sizeof(p->row));
		svc_buf_reset(&p->reason);
	}
	/* joint charges first: they give a supervisor a row of his own */
	for (size_t i = 0; i < n; i++) {
		struct person *p = s->people[i];

		for (size_t k = 0; p->seen && k < pol->nkinds; k++) {
			const struct svc_kind *kd = &pol->kinds[k];
			struct person *up;
			double c;

			if ((c = joint_charge(&kd->supervisor, p->acc[k].n)) &&
			    (up = find(s, p->st.supervisor)) != NULL) {
				up->joint += c;
				up->seen = 1;
			}
			if ((c = joint_charge(&kd->leader, p->acc[k].n)) &&
			    (up = find(s, p->st.leader)) != NULL) {
				up->joint += c;
				up->seen = 1;
			}
		}
	}
	free(s->rows);
	s->rows = svc_xcalloc(n, sizeof(*s->rows));
	s->nrows = 0;
	for (size_t i = 0; i < n; i++) {
		struct person *p = s->people[i];

		if (!p->seen && !(p->in_roster && p->st.active))
			continue;
		compute(s, p);
		s->rows[s->nrows++] = &p->row;
	}
	qsort(s->rows, s->nrows, sizeof(*s->rows), cmp_row);
	*rows = s->rows;
	return s->nrows;
}

static int
staff_db(void *arg, const struct svc_staff *st)
{
	svc_scorer_staff(arg, st);
	return 0;
}

int
svc_scorer_staff_db(struct svc_scorer *s, struct svc_db *db,
    struct svc_err *e)
{
	return svc_db_staff_each(db, staff_db, s, e) < 0 ? -1 : 0;
}

struct feed {
	struct svc_scorer *s;
	struct svc_err *e;
	int failed;
};

static int
event_db(void *arg, const struct svc_event *ev)
{
	struct feed *f = arg;

	if (svc_scorer_event(f->s, ev, NULL, 0, f->e) < 0) {
		/* place a ledger event by its id */
		snprintf(f->e->file, sizeof(f->e->file), "event %lld",
		    ev->id);
		f->failed = 1;
		return 1;
	}
	return 0;
}

int
svc_scorer_events_db(struct svc_scorer *s, struct svc_db *db,
    struct svc_err *e)
{
	struct feed fd = { s, e, 0 };

	if (svc_db_events_scan(db, s->period.start, s->period.end, event_db,
	    &fd, e) < 0 || fd.failed)
		return -1;
	return 0;
}

static void
num_cell(struct svc_csv_writer *w, int has, double v)
{
	if (has)
		svc_csv_num(w, v);
	else
		svc_csv_cell(w, "");
}

void
svc_score_write(const struct svc_scorer *s, struct svc_csv_writer *w)
{
	char n[32];

	for (int c = 0; c < SVC_SC_NCOLS; c++)
		svc_csv_cell(w, svc_score_cols[c].name);
	svc_csv_endrow(w);
	for (size_t i = 0; i < s->nrows; i++) {
		const struct svc_score *r = s->rows[i];

		svc_csv_cell(w, s->period.name);
		svc_csv_cell(w, r->staff);
		svc_csv_cell(w, r->name);
		svc_csv_cell(w, r->dept);
		svc_csv_cell(w, r->position);
		num_cell(w, r->has_score, r->base);
		svc_csv_num(w, r->deductions);
		svc_csv_num(w, r->bonuses);
		svc_csv_num(w, r->joint);
		num_cell(w, r->has_score, r->score);
		snprintf(n, sizeof(n), "%ld", r->complaints);
		svc_csv_cell(w, n);
		snprintf(n, sizeof(n), "%ld", r->praises);
		svc_csv_cell(w, n);
		snprintf(n, sizeof(n), "%ld", r->events);
		svc_csv_cell(w, n);
		svc_csv_cell(w, r->eligible ? "yes" : "no");
		svc_csv_cell(w, r->reason);
		svc_csv_cell(w, r->unit);
		svc_csv_endrow(w);
	}
}

static int
cmp_ev(const void *a, const void *b)
{
	const struct evrec *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static const char *
ordinal(long k, char *buf)
{
	const char *suf = "th";

	if (k % 100 < 11 || k % 100 > 13)
		suf = k % 10 == 1 ? "st" : k % 10 == 2 ? "nd" :
		    k % 10 == 3 ? "rd" : "th";
	snprintf(buf, 32, "%ld%s", k, suf);
	return buf;
}

static void
explain_joint(const struct svc_scorer *s, const struct person *me, FILE *out)
{
	const struct svc_policy *pol = s->p;
	char a[32], c[32];
	int any = 0;

	for (size_t i = 0; i < s->npeople; i++) {
		const struct person *p = s->people[i];

		for (size_t k = 0; p->seen && k < pol->nkinds; k++) {
			const struct svc_kind *kd = &pol->kinds[k];
			const struct svc_joint *js[2] = { &kd->supervisor,
			    &kd->leader };
			const char *role[2] = { p->st.supervisor, p->st.leader };

			for (int j = 0; j < 2; j++) {
				double ch = joint_charge(js[j], p->acc[k].n);
				long first = js[j]->from, last = p->acc[k].n;

				if (ch == 0 || strcmp(role[j], me->st.id) != 0)
					continue;
				if (!any++)
					fprintf(out, "\njoint charges received:\n");
				fprintf(out, "  %s %s: %s occurrences %ld..%ld, "
				    "as %s, %s from the %s: %s\n", p->st.id,
				    p->st.name, kd->code, first, last,
				    j ? "leader" : "supervisor",
				    js[j]->escalation == SVC_PROGRESSIVE ?
				    "progressive" : "flat",
				    ordinal(first, c), svc_fmt_num(ch, a));
			}
		}
	}
}

/* How the kth event of its kind counts, as the explanation says it, into
 * buf (reset first). */
static void
rule_of(const struct svc_policy *pol, const struct evrec *ev, long kth,
    struct svc_buf *buf)
{
	const struct svc_kind *kd = &pol->kinds[ev->kind];
	char b[32], c[32], d[32];

	svc_buf_reset(buf);
	svc_buf_adds(buf, "");
	if (pol->base_mean && kd->counts_as == SVC_AS_ASSESSMENT)
		svc_buf_printf(buf, "assessment, into the mean");
	else if (kd->points_mode == SVC_POINTS_VALUE)
		svc_buf_printf(buf, "value as points: %s",
		    svc_fmt_num(ev->value, b));
	else if (kd->points_mode == SVC_POINTS_NEG_VALUE)
		svc_buf_printf(buf, "value as deduction: %s",
		    svc_fmt_num(-ev->value, b));
	else if (kd->escalation == SVC_PROGRESSIVE)
		svc_buf_printf(buf, "progressive, %s: %ld x %s = %s",
		    ordinal(kth, c), kth, svc_fmt_num(kd->points, b),
		    svc_fmt_num(kth * kd->points, d));
	else
		svc_buf_printf(buf, "%s", svc_fmt_num(kd->points, b));
}

/* "vehicle=13-15米挂车 cargo=泡货": an encoding's fields, into buf. */
static void
fields_text(const char *enc, struct svc_buf *buf)
{
	struct svc_buf store = { 0 };
	struct svc_err e;
	size_t n;

	svc_buf_reset(buf);
	svc_buf_adds(buf, "");
	if (enc[0] != '\0' && svc_fields_split(enc, &store, &n, &e) == 0)
		for (const char *p = store.s; n-- > 0; ) {
			const char *v = p + strlen(p) + 1;

			svc_buf_printf(buf, "%s%s=%s", buf->len ? " " : "", p,
			    v);
			p = v + strlen(v) + 1;
		}
	svc_buf_release(&store);
}

int
svc_scorer_explained(const struct svc_scorer *s,
    int (*fn)(void *arg, const struct svc_explained *x), void *arg)
{
	const struct svc_policy *pol = s->p;
	struct svc_buf rule = { 0 };
	long *k_seen = svc_xcalloc(pol->nkinds ? pol->nkinds : 1,
	    sizeof(*k_seen));
	char a[32];
	int rc = 0;

	if (s->nev > 1)
		qsort(s->ev, s->nev, sizeof(*s->ev), cmp_ev);
	for (size_t i = 0; i < s->nev && rc == 0; i++) {
		const struct evrec *ev = &s->ev[i];
		struct svc_explained x;

		rule_of(pol, ev, ++k_seen[ev->kind], &rule);
		x.t = ev->t;
		x.ts = ev->ts;
		x.kind = &pol->kinds[ev->kind];
		x.value = ev->has_value ? svc_fmt_num(ev->value, a) : "";
		x.rule = rule.s;
		x.ref = ev->ref;
		x.fields = ev->fields;
		rc = fn(arg, &x);
	}
	svc_buf_release(&rule);
	free(k_seen);
	return rc;
}

/* svc_scorer_explained: one line of the explanation's event list. */
static int
explain_line(void *arg, const struct svc_explained *x)
{
	FILE *out = arg;
	struct svc_buf f = { 0 };

	fields_text(x->fields, &f);
	fprintf(out, "  %s  %-20s %s  %s  [%s]%s%s\n", x->ts, x->kind->code,
	    x->value, x->rule, x->ref, f.len ? "  " : "", f.s);
	svc_buf_release(&f);
	return 0;
}

static int
explain(const struct svc_scorer *s, FILE *out, int events,
    struct svc_err *e)
{
	const struct svc_policy *pol = s->p;
	const struct person *me = s->explain ? find(s, s->explain) : NULL;
	const struct svc_score *r;
	char a[32], b[32], c[32], d[32];

	if (me == NULL || me->row.staff == NULL)
		return svc_err_set(e, NULL, 0, "--explain", "'%s' has no score "
		    "in %s (not in the roster, or inactive with no events)",
		    s->explain ? s->explain : "", s->period.name);
	r = &me->row;
	fprintf(out, "%s %s · %s · %s · %s\nperiod %s, policy %s (%s)\n",
	    me->st.id, me->st.name, me->st.dept, me->st.position, me->st.unit,
	    s->period.name, pol->name, pol->path);
	if (events) {
		fprintf(out, "\nevents counted (%ld):\n", r->events);
		svc_scorer_explained(s, explain_line, out);
	}
	explain_joint(s, me, out);
	if (r->reason[0])
		fprintf(out, "\nnot eligible: %s\n", r->reason);
	fprintf(out, "\nbase        %s%s\n", r->has_score ?
	    svc_fmt_num(r->base, a) : "none",
	    pol->base_mean ? "  (mean of assessments)" : "");
	fprintf(out, "deductions  %s\nbonuses     %s\njoint       %s\n",
	    svc_fmt_num(r->deductions, a), svc_fmt_num(r->bonuses, b),
	    svc_fmt_num(r->joint, c));
	if (r->has_score) {
		fprintf(out, "score       %s", svc_fmt_num(r->score, a));
		if (pol->has_floor || pol->has_cap)
			fprintf(out, "  (floor %s, cap %s)", pol->has_floor ?
			    svc_fmt_num(pol->floor, b) : "none", pol->has_cap ?
			    svc_fmt_num(pol->cap, c) : "none");
		fprintf(out, "\n");
	} else
		fprintf(out, "score       none\n");
	if (r->has_score)
		fprintf(out, "            = %s + (%s) + %s + (%s)\n",
		    svc_fmt_num(r->base, a), svc_fmt_num(r->deductions, b),
		    svc_fmt_num(r->bonuses, c), svc_fmt_num(r->joint, d));
	fprintf(out, "eligible    %s\n", r->eligible ? "yes" : "no");
	return 0;
}

int
svc_scorer_explain(const struct svc_scorer *s, FILE *out, int events,
    struct svc_err *e)
{
	char *text = NULL, *v;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	int rc;

	if (mem == NULL)
		return svc_err_sys(e, NULL, errno, "cannot buffer the "
		    "explanation");
	rc = explain(s, mem, events, e);
	if (fclose(mem) != 0 && rc == 0)
		rc = svc_err_sys(e, NULL, errno, "cannot buffer the "
		    "explanation");
	if (rc == 0) {
		/* names and notes come from the ledger */
		v = svc_visible(text, 1);
		fputs(v, out);
		free(v);
	}
	free(text);
	return rc;
}

struct paid_day {
	const char *period;
	char on[16];
};

static int
paid_day(void *arg, const char *period, const char *on, const char *at)
{
	struct paid_day *d = arg;

	(void)at;
	if (strcmp(period, d->period) != 0)
		return 0;
	snprintf(d->on, sizeof(d->on), "%s", on);
	return 1;
}

int
svc_score_save(struct svc_db *db, const struct svc_policy *p,
    const char *period, const struct svc_score *const *rows, size_t n,
    struct svc_err *e)
{
	struct paid_day d = { period, "" };
	int rc;

	if (svc_db_begin(db, e) < 0)
		return -1;
	if ((rc = svc_db_paid_periods(db, p->name, paid_day, &d, e)) < 0)
		goto fail;
	if (rc > 0) {
		svc_err_set(e, NULL, 0, "--period", "%s is closed: its awards "
		    "were paid on %s, and its saved scores stay as they are",
		    period, d.on);
		goto fail;
	}
	if (svc_db_scores_save(db, period, p->name, p->hash, rows, n, e) < 0)
		goto fail;
	return svc_db_commit(db, e);
fail:
	svc_db_rollback(db);
	return -1;
}

/* A saved score, copied out of svc_db_scores_each's row. */
struct saved {
	char *staff, *name;
	int has_score;
	double score;
	time_t at;
};

struct saved_list {
	const char *period;
	struct saved *v;
	size_t n, cap;
	int bad;		/* a saved_at that does not parse */
};

static int
take_saved(void *arg, const char *period, const struct svc_score *r)
{
	struct saved_list *l = arg;
	struct svc_err pe = { 0 };
	struct saved *s;

	if (strcmp(period, l->period) != 0)
		return 0;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = svc_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	s = &l->v[l->n++];
	s->staff = svc_xstrdup(r->staff);
	s->name = svc_xstrdup(r->name);
	s->has_score = r->has_score;
	s->score = r->score;
	if (svc_time_parse(r->saved_at, &s->at, &pe) < 0)
		l->bad = 1;
	return 0;
}

/* The ids behind staff's drift since at, appended to ids. */
struct behind {
	time_t at;
	struct svc_buf *ids;
	long long *voids;	/* voiding events to look at after */
	size_t nvoids;
};

static void
add_id(struct svc_buf *ids, long long id)
{
	char n[32];

	snprintf(n, sizeof(n), "%s%lld", ids->len ? " " : "", id);
	svc_buf_adds(ids, n);
}

static int
behind_event(void *arg, const struct svc_event *ev)
{
	struct behind *b = arg;

	/* a void is named by the event it voids, below */
	if (ev->void_of != 0)
		return 0;
	/* whole seconds: what was logged in the save's second was seen */
	if (ev->logged > b->at)
		add_id(b->ids, ev->id);
	if (ev->voided_by != 0) {
		b->voids = svc_xrealloc(b->voids,
		    (b->nvoids + 1) * sizeof(*b->voids));
		b->voids[b->nvoids++] = ev->voided_by;
	}
	return 0;
}

static int
behind(struct svc_db *db, const struct svc_period *per, const char *staff,
    time_t at, struct svc_buf *ids, struct svc_err *e)
{
	struct svc_event_filter f = { 0 };
	struct behind b = { at, ids, NULL, 0 };
	struct svc_event ev;
	int rc = 0;

	f.has_range = 1;
	f.start = per->start;
	f.end = per->end;
	f.staff = staff;
	if (svc_db_events_each(db, &f, behind_event, &b, e) < 0)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < b.nvoids; i++) {
		int got = svc_db_event_get(db, b.voids[i], &ev, e);

		if (got < 0)
			rc = -1;
		else if (got == 1 && ev.logged > at)
			add_id(ids, ev.id);
	}
	free(b.voids);
	return rc;
}

static void
score_text(int has, double v, char *buf)
{
	if (has)
		svc_fmt_num(svc_round2(v), buf);
	else
		buf[0] = '\0';
}

int
svc_score_drift(struct svc_db *db, const struct svc_policy *p,
    const struct svc_period *per, const struct svc_score *const *rows,
    size_t n, struct svc_csv_writer *w, struct svc_err *e)
{
	static const char *const cols[] = { "period", "staff", "name",
	    "saved", "now", "difference", "events" };
	struct saved_list l = { per->name, NULL, 0, 0, 0 };
	struct svc_buf ids = { 0 };
	size_t i = 0, j = 0;
	int rc = 0;

	if (svc_db_scores_each(db, p->name, take_saved, &l, e) < 0)
		rc = -1;
	else if (l.n == 0)
		rc = svc_err_set(e, NULL, 0, "--period", "%s: no scores saved "
		    "under '%s'", per->name, p->name);
	else if (l.bad)
		rc = svc_err_set(e, NULL, 0, "--period", "%s: a saved score "
		    "has no valid saved_at", per->name);
	if (rc == 0) {
		for (size_t c = 0; c < sizeof(cols) / sizeof(cols[0]); c++)
			svc_csv_cell(w, cols[c]);
		svc_csv_endrow(w);
	}
	/* both sides in staff id order: one pass over the two */
	while (rc == 0 && (i < l.n || j < n)) {
		int c = i == l.n ? 1 : j == n ? -1 :
		    strcmp(l.v[i].staff, rows[j]->staff);
		const struct saved *s = c <= 0 ? &l.v[i] : NULL;
		const struct svc_score *r = c >= 0 ? rows[j] : NULL;
		char was[32], now[32], d[32];

		i += c <= 0;
		j += c >= 0;
		score_text(s && s->has_score, s ? s->score : 0, was);
		score_text(r && r->has_score, r ? r->score : 0, now);
		if (strcmp(was, now) == 0)
			continue;
		d[0] = '\0';
		if (was[0] && now[0])
			svc_fmt_num(svc_round2(r->score) - svc_round2(s->score),
			    d);
		svc_buf_reset(&ids);
		/* everyone's scores were saved at once: any row's moment */
		if (behind(db, per, s ? s->staff : r->staff, l.v[0].at, &ids,
		    e) < 0) {
			rc = -1;
			break;
		}
		svc_csv_cell(w, per->name);
		svc_csv_cell(w, s ? s->staff : r->staff);
		svc_csv_cell(w, r ? r->name : s->name);
		svc_csv_cell(w, was);
		svc_csv_cell(w, now);
		svc_csv_cell(w, d);
		svc_csv_cell(w, ids.len ? ids.s : "");
		svc_csv_endrow(w);
	}
	svc_buf_release(&ids);
	for (size_t k = 0; k < l.n; k++) {
		free(l.v[k].staff);
		free(l.v[k].name);
	}
	free(l.v);
	return rc;
}
