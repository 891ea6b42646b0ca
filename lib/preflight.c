#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "preflight.h"
#include "index.h"
#include "util.h"

struct person {
	char *id, *position, *unit, *up[2];	/* up: supervisor, leader */
	int active;
	int assessed;		/* an assessment in the checked period */
	int state;		/* chain walk: 0 new, 1 on the path, 2 done */
};

/* Names seen among the ledger's events that the policy or roster lack. */
struct unknown {
	char *name;
	long long first;	/* the earliest event's id */
	long n, in_period;
};

struct ctx {
	struct svc_db *db;
	const struct svc_policy *p;
	const struct svc_period *period;
	time_t now;
	struct svc_preflight *c;
	struct svc_err *e;
	struct person *staff;
	size_t nstaff, capstaff;
	struct svc_index ids;	/* staff[] by id */
	struct svc_index held_active, held_any;	/* positions */
	struct svc_index units_active, units_any;
	struct unknown *kinds, *people;
	size_t nkinds, npeople;
	struct svc_index kind_ix, people_ix;
	struct svc_index reported;	/* event ids already warned about */
	struct svc_index customers;	/* every customer id */
	struct svc_index tiers;		/* the tiers customers have */
	long long last_id;	/* the latest event scored, 0 when none */
	time_t last_t;
};

static const char *const role[2] = { "supervisor", "leader" };

const char *
svc_finding_level_name(enum svc_finding_level l)
{
	static const char *const names[] = { "error", "warning", "info" };

	return names[l];
}

/* Appends a finding; msg is taken over. */
static void
put(struct ctx *x, enum svc_finding_level level, long line, const char *where,
    char *msg)
{
	struct svc_preflight *c = x->c;

	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 32;
		c->v = svc_xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	c->v[c->n++] = (struct svc_finding){ level, svc_xstrdup(where),
	    msg ? msg : svc_xstrdup(""), line };
	if (level == SVC_FINDING_ERROR)
		c->nerrors++;
	else if (level == SVC_FINDING_WARNING)
		c->nwarnings++;
	else
		c->ninfos++;
}

/* put with a printf-style message (svc_buf_printf checks the format) */
#define add(x, level, line, where, ...) do { \
	struct svc_buf msg_ = { 0 }; \
	svc_buf_printf(&msg_, __VA_ARGS__); \
	put(x, level, line, where, msg_.s); \
} while (0)

/* WHERE for a policy line: "smile.ini:42". */
static const char *
at_line(const struct ctx *x, long line, char *buf, size_t size)
{
	snprintf(buf, size, "%s:%ld", x->p->path, line);
	return buf;
}

/* ---- the roster ---- */

static int
take_staff(void *arg, const struct svc_staff *s)
{
	struct ctx *x = arg;
	struct person *p;

	if (x->nstaff == x->capstaff) {
		x->capstaff = x->capstaff ? 2 * x->capstaff : 64;
		x->staff = svc_xrealloc(x->staff, x->capstaff *
		    sizeof(*x->staff));
	}
	p = &x->staff[x->nstaff];
	*p = (struct person){ svc_xstrdup(s->id), svc_xstrdup(s->position),
	    svc_xstrdup(s->unit), { svc_xstrdup(s->supervisor ?
	    s->supervisor : ""), svc_xstrdup(s->leader ? s->leader : "") },
	    s->active, 0, 0 };
	svc_index_put(&x->ids, p->id, x->nstaff);
	if (*p->position)
		svc_index_put(&x->held_any, p->position, 0);
	if (*p->unit)
		svc_index_put(&x->units_any, p->unit, 0);
	if (p->active && *p->position)
		svc_index_put(&x->held_active, p->position, 0);
	if (p->active && *p->unit)
		svc_index_put(&x->units_active, p->unit, 0);
	x->nstaff++;
	return 0;
}

static struct person *
person(const struct ctx *x, const char *id)
{
	size_t i = *id ? svc_index_get(&x->ids, id) : 0;

	return i ? &x->staff[i - 1] : NULL;
}

/* The step from p to the one above it by role r, or NULL (none, a name
 * not in the roster, p itself: those are reported on their own). */
static struct person *
above(const struct ctx *x, const struct person *p, int r)
{
	struct person *q = person(x, p->up[r]);

	return q == p ? NULL : q;
}

/*
 * Reports the loop closed by path[from..n) back to path[from], starting
 * from its smallest id so that the same loop reads the same every run.
 */
static void
report_loop(struct ctx *x, struct person **path, const int *how,
    size_t from, size_t n)
{
	struct svc_buf b = { 0 };
	size_t len = n - from, start = from;
	char where[300];

	for (size_t i = from; i < n; i++)
		if (strcmp(path[i]->id, path[start]->id) < 0)
			start = i;
	for (size_t k = 0; k < len; k++) {
		size_t i = from + (start - from + k) % len;
		size_t j = i + 1 < n ? i + 1 : from;

		svc_buf_printf(&b, "%s%s's %s is %s", k ? ", " : "",
		    path[i]->id, role[how[i]], path[j]->id);
	}
	snprintf(where, sizeof(where), "roster: %s", path[start]->id);
	add(x, SVC_FINDING_ERROR, 0, where, "the chain of command loops: %s",
	    b.s);
	svc_buf_release(&b);
}

/*
 * Walks the supervisor and leader links depth first, without recursion
 * (a roster is thousands deep at worst): a link back to someone on the
 * path closes a loop.
 */
static void
find_loops(struct ctx *x)
{
	struct person **path = svc_xcalloc(x->nstaff + 1, sizeof(*path));
	int *how = svc_xcalloc(x->nstaff + 1, sizeof(*how));
	size_t n;

	for (size_t s = 0; s < x->nstaff; s++) {
		if (x->staff[s].state != 0)
			continue;
		n = 0;
		path[n] = &x->staff[s];
		how[n++] = -1;
		x->staff[s].state = 1;
		while (n > 0) {
			struct person *p = path[n - 1], *q = NULL;

			/* how[n-1] is the last role tried from p */
			while (++how[n - 1] < 2 &&
			    (q = above(x, p, how[n - 1])) == NULL)
				;
			if (how[n - 1] >= 2) {
				p->state = 2;
				n--;
				continue;
			}
			if (q->state == 2)
				continue;
			if (q->state == 1) {
				size_t from = 0;

				while (path[from] != q)
					from++;
				report_loop(x, path, how, from, n);
				continue;
			}
			q->state = 1;
			path[n] = q;
			how[n++] = -1;
		}
	}
	free(path);
	free(how);
}

static void
check_roster(struct ctx *x)
{
	char where[300];

	for (size_t i = 0; i < x->nstaff; i++) {
		struct person *p = &x->staff[i];

		snprintf(where, sizeof(where), "roster: %s", p->id);
		for (int r = 0; r < 2; r++) {
			if (*p->up[r] == '\0')
				continue;
			if (strcmp(p->up[r], p->id) == 0)
				add(x, SVC_FINDING_ERROR, 0, where, "%s: '%s' is "
				    "their own %s", role[r], p->id, role[r]);
			else if (person(x, p->up[r]) == NULL)
				add(x, SVC_FINDING_ERROR, 0, where, "%s: '%s' is "
				    "not in the roster", role[r], p->up[r]);
		}
	}
	find_loops(x);
}

/* ---- the policy ---- */

/* A position or unit named by section at line under key nobody holds. */
static void
held(struct ctx *x, const char *what, const char *name, int unit,
    long line, const char *section, const char *key)
{
	const struct svc_index *active = unit ? &x->units_active :
	    &x->held_active, *any = unit ? &x->units_any : &x->held_any;
	char where[300];

	if (svc_index_get(active, name))
		return;
	add(x, SVC_FINDING_WARNING, line, at_line(x, line, where,
	    sizeof(where)), "[%s] %s: %s '%s' %s", section, key, what, name,
	    svc_index_get(any, name) ? "is held only by inactive staff" :
	    unit ? "has no one in the roster" : "is held by no one in the "
	    "roster");
}

static void
held_all(struct ctx *x, const struct svc_names *l, const char *what,
    int unit, long line, const char *section, const char *key)
{
	for (size_t i = 0; i < l->n; i++)
		held(x, what, l->v[i], unit, line, section, key);
}

static void
check_names(struct ctx *x)
{
	const struct svc_policy *p = x->p;
	char section[300];

	for (size_t i = 0; i < p->nkinds; i++) {
		snprintf(section, sizeof(section), "kind.%s", p->kinds[i].code);
		held_all(x, &p->kinds[i].positions, "position", 0,
		    p->kinds[i].line, section, "positions");
	}
	for (size_t i = 0; i < p->nstars; i++) {
		const struct svc_star *s = &p->stars[i];

		snprintf(section, sizeof(section), "star.%s", s->name);
		held_all(x, &s->positions, "position", 0, s->line, section,
		    "positions");
		held_all(x, &s->nominated_by, "position", 0, s->line, section,
		    "nominated_by");
		held_all(x, &s->units, "unit", 1, s->line, section, "units");
	}
	for (size_t i = 0; i < p->nrevisits; i++) {
		const struct svc_revisit *r = &p->revisits[i];
		const char *by[3] = { r->by, r->supervisor_by, r->head_by };
		static const char *const key[3] = { "by", "supervisor_by",
		    "head_by" };

		snprintf(section, sizeof(section), "revisit.%s", r->tier);
		for (int k = 0; k < 3; k++)
			if (*by[k])
				held(x, "position", by[k], 0, r->line, section,
				    key[k]);
	}
	for (size_t i = 0; i < p->ntargets; i++) {
		const struct svc_target *t = &p->targets[i];

		snprintf(section, sizeof(section), "target.%s", t->name);
		for (size_t u = 0; u < t->nunits; u++)
			held(x, "unit", t->units[u], 1, t->line, section,
			    "units");
	}
	for (size_t i = 0; i < p->nschedules; i++) {
		const struct svc_schedule *sc = &p->schedules[i];

		snprintf(section, sizeof(section), "schedule.%s", sc->name);
		held_all(x, &sc->units, "unit", 1, sc->line, section, "unit");
		held_all(x, &sc->positions, "position", 0, sc->line, section,
		    "position");
	}
}

/*
 * What the policy names from the customer list and the roster beyond
 * positions and units: a limit's match terms customer=ID, or a customer
 * or staff field's NAME=ID (an unload of a customer no longer listed
 * matches none of them, and falls to another limit or none), and the
 * tiers greeted on festivals (a tier no customer has greets no one).
 * After the customers are read.
 */
static void
check_ids(struct ctx *x)
{
	const struct svc_policy *p = x->p;
	char where[300];

	for (size_t i = 0; i < p->nlimits; i++) {
		const struct svc_limit *l = &p->limits[i];
		const struct svc_kind *k = svc_policy_kind(p, l->kind);
		long line = l->match_line ? l->match_line : l->line;

		for (size_t w = 0; k != NULL && w < l->nwords; w++) {
			const char *t = l->words[w], *eq = strchr(t, '=');
			size_t n = eq ? (size_t)(eq - t) : 0;
			int cust = n == 8 && strncmp(t, "customer", 8) == 0;

			for (size_t f = 0; eq != NULL && !cust &&
			    f < k->nfields; f++)
				if (strlen(k->fields[f].name) == n &&
				    strncmp(k->fields[f].name, t, n) == 0) {
					if (k->fields[f].type ==
					    SVC_FIELD_CUSTOMER)
						cust = 1;
					else if (k->fields[f].type ==
					    SVC_FIELD_STAFF &&
					    person(x, eq + 1) == NULL)
						add(x, SVC_FINDING_WARNING, line,
						    at_line(x, line, where,
						    sizeof(where)), "[limit.%s] "
						    "match: '%s': staff '%s' is "
						    "not in the roster", l->name, t,
						    eq + 1);
				}
			if (cust && !svc_index_get(&x->customers, eq + 1))
				add(x, SVC_FINDING_WARNING, line, at_line(x,
				    line, where, sizeof(where)), "[limit.%s] "
				    "match: '%s': customer '%s' is not in the "
				    "customer list", l->name, t, eq + 1);
		}
	}
	for (size_t i = 0; i < p->greetings.tiers.n; i++) {
		const char *tier = p->greetings.tiers.v[i];
		long line = p->greetings.tiers_line;

		if (!svc_index_get(&x->tiers, tier))
			add(x, SVC_FINDING_WARNING, line, at_line(x, line,
			    where, sizeof(where)), "[reminders] festival_tiers: "
			    "no customer has tier '%s': no one of it is "
			    "greeted", tier);
	}
}

/* "from 80 to below 85", "below 80", "from 95 up" */
static void
range(struct svc_buf *b, double lo, double hi)
{
	char a[32], z[32];

	if (isinf(lo) && isinf(hi))
		svc_buf_adds(b, "every score");
	else if (isinf(lo))
		svc_buf_printf(b, "below %s", svc_fmt_num(hi, z));
	else if (isinf(hi))
		svc_buf_printf(b, "from %s up", svc_fmt_num(lo, a));
	else
		svc_buf_printf(b, "from %s to below %s", svc_fmt_num(lo, a),
		    svc_fmt_num(hi, z));
}

struct span {
	double lo, hi;
};

static int
span_cmp(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return (x->lo > y->lo) - (x->lo < y->lo);
}

static void
check_tiers(struct ctx *x)
{
	const struct svc_policy *p = x->p;
	struct span *s = svc_xcalloc(p->ntiers + 1, sizeof(*s));
	struct svc_buf b = { 0 };
	char where[300];
	size_t n = 0;

	for (size_t i = 0; i < p->ntiers; i++) {
		const struct svc_tier *t = &p->tiers[i];

		s[i].lo = t->has_min ? t->min : -INFINITY;
		s[i].hi = t->has_max ? t->max : INFINITY;
		for (size_t j = 0; j < i; j++) {
			double lo = fmax(s[i].lo, s[j].lo);
			double hi = fmin(s[i].hi, s[j].hi);

			if (!(lo < hi))
				continue;
			svc_buf_reset(&b);
			range(&b, lo, hi);
			add(x, SVC_FINDING_WARNING, t->line, at_line(x, t->line,
			    where, sizeof(where)), "[tier.%s] overlaps "
			    "[tier.%s] (line %ld) %s: tiers are tried in file "
			    "order, so %s wins there", t->name,
			    p->tiers[j].name, p->tiers[j].line, b.s,
			    p->tiers[j].name);
		}
		if (s[i].lo < s[i].hi)
			s[n++] = s[i];
	}
	/* the scores between two tiers' bounds get neither */
	qsort(s, n, sizeof(*s), span_cmp);
	for (size_t i = 1; i < n; i++) {
		if (s[i].lo <= s[0].hi) {
			s[0].hi = fmax(s[0].hi, s[i].hi);
			continue;
		}
		svc_buf_reset(&b);
		range(&b, s[0].hi, s[i].lo);
		for (size_t k = 0; k < p->ntiers; k++)
			if (p->tiers[k].has_min && p->tiers[k].min == s[i].lo) {
				add(x, SVC_FINDING_INFO, p->tiers[k].line,
				    at_line(x, p->tiers[k].line, where,
				    sizeof(where)), "no tier for scores %s: "
				    "they get no award and no action", b.s);
				break;
			}
		s[0] = s[i];
	}
	svc_buf_release(&b);
	free(s);
}

static void
check_policy_warnings(struct ctx *x)
{
	char where[300];

	for (size_t i = 0; i < x->p->nwarnings; i++) {
		const struct svc_err *w = &x->p->warnings[i];

		add(x, SVC_FINDING_WARNING, w->line, at_line(x, w->line, where,
		    sizeof(where)), "%s%s%s", w->field, *w->field ? ": " : "",
		    w->msg);
	}
}

/* ---- customers ---- */

static int
check_customer(void *arg, const struct svc_customer *cu)
{
	struct ctx *x = arg;
	char where[300];

	svc_index_put(&x->customers, cu->id, 0);
	if (*cu->tier)
		svc_index_put(&x->tiers, cu->tier, 0);
	if (x->p->nrevisits == 0 || svc_policy_revisit(x->p, cu->tier) !=
	    NULL)
		return 0;
	snprintf(where, sizeof(where), "customer %s", cu->id);
	if (*cu->tier == '\0')
		add(x, SVC_FINDING_WARNING, 0, where, "no tier: no revisit is "
		    "owed to it");
	else
		add(x, SVC_FINDING_WARNING, 0, where, "tier '%s' has no "
		    "[revisit.%s]: no revisit is owed to it", cu->tier,
		    cu->tier);
	return 0;
}

/* ---- the events ---- */

static void
count_unknown(struct unknown **v, size_t *n, struct svc_index *ix,
    const char *name, long long id, int in_period)
{
	size_t i = svc_index_get(ix, name);
	struct unknown *u;

	if (i == 0) {
		*v = svc_xrealloc(*v, (*n + 1) * sizeof(**v));
		(*v)[*n] = (struct unknown){ svc_xstrdup(name), id, 0, 0 };
		svc_index_put(ix, name, *n);
		i = ++*n;
	}
	u = &(*v)[i - 1];
	u->n++;
	u->in_period += in_period;
}

static int
scan_event(void *arg, const struct svc_event *ev)
{
	struct ctx *x = arg;
	const struct svc_kind *k;
	struct person *who;
	int in = svc_period_contains(x->period, ev->t);

	/* what scoring skips: voided events, voids, the ledger's own */
	if (ev->voided_by != 0 || ev->void_of != 0 ||
	    svc_kind_code_reserved(ev->kind))
		return 0;
	if (x->last_id == 0 || ev->t > x->last_t) {
		x->last_id = ev->id;
		x->last_t = ev->t;
	}
	k = svc_policy_kind(x->p, ev->kind);
	if (k == NULL)
		count_unknown(&x->kinds, &x->nkinds, &x->kind_ix, ev->kind,
		    ev->id, in);
	if ((who = person(x, ev->staff)) == NULL)
		count_unknown(&x->people, &x->npeople, &x->people_ix,
		    ev->staff, ev->id, in);
	else if (in && k != NULL && k->counts_as == SVC_AS_ASSESSMENT)
		who->assessed = 1;
	return 0;
}

static void
report_unknown(struct ctx *x, const struct unknown *v, size_t n,
    const char *what, const char *missing)
{
	char where[64];

	for (size_t i = 0; i < n; i++) {
		snprintf(where, sizeof(where), "event %lld", v[i].first);
		if (v[i].in_period > 0)
			add(x, SVC_FINDING_ERROR, 0, where, "%s '%s' is not in "
			    "%s: %ld event%s from this one on, %ld of them in "
			    "%s, which svc-score refuses", what, v[i].name,
			    missing, v[i].n, v[i].n == 1 ? "" : "s",
			    v[i].in_period, x->period->name);
		else
			add(x, SVC_FINDING_WARNING, 0, where, "%s '%s' is not in "
			    "%s: %ld event%s from this one on, none in %s "
			    "(svc-score refuses the periods they are in)", what,
			    v[i].name, missing, v[i].n, v[i].n == 1 ? "" : "s",
			    x->period->name);
	}
}

static void
check_assessed(struct ctx *x)
{
	char where[300];

	if (!x->p->base_mean)
		return;
	for (size_t i = 0; i < x->nstaff; i++) {
		if (!x->staff[i].active || x->staff[i].assessed)
			continue;
		snprintf(where, sizeof(where), "roster: %s", x->staff[i].id);
		add(x, SVC_FINDING_WARNING, 0, where, "no assessment in %s: the "
		    "base is the mean of assessments, so no score and no "
		    "award", x->period->name);
	}
}

/* ---- the calendar ---- */

/*
 * Working days counted without a [calendar] ([orders] or a category's due,
 * a revisit cadence, a schedule's days = workdays: an error, holidays
 * would be worked), and a calendar that does not name the years of the
 * checked period or of events after its last year (a warning: only
 * weekends are off there). Years before a calendar are the past, scored
 * already.
 */
static void
check_calendar(struct ctx *x)
{
	const struct svc_calendar *cal = &x->p->calendar;
	char where[300], day[16], years[32];
	long long first, last;
	int y = 0, m, d;

	if (!cal->on) {
		if (x->p->orders.due.workdays > 0)
			add(x, SVC_FINDING_ERROR, x->p->orders.line,
			    at_line(x, x->p->orders.line, where,
			    sizeof(where)), "[orders] due counts working days,"
			    " but the policy has no [calendar]: holidays would"
			    " be working days");
		for (size_t i = 0; i < x->p->nrevisits; i++) {
			const struct svc_revisit *r = &x->p->revisits[i];

			if (!r->every_workdays && !r->supervisor_every_workdays &&
			    !r->head_every_workdays)
				continue;
			add(x, SVC_FINDING_ERROR, r->line, at_line(x, r->line,
			    where, sizeof(where)), "[revisit.%s] counts "
			    "working days, but the policy has no [calendar]: "
			    "holidays would be working days", r->tier);
		}
		for (size_t i = 0; i < x->p->ncategories; i++) {
			const struct svc_category *c = &x->p->categories[i];

			if (c->due.workdays > 0)
				add(x, SVC_FINDING_ERROR, c->line, at_line(x,
				    c->line, where, sizeof(where)),
				    "[category.%s] due counts working days, "
				    "but the policy has no [calendar]: holidays"
				    " would be working days", c->code);
		}
		for (size_t i = 0; i < x->p->nschedules; i++) {
			const struct svc_schedule *sc = &x->p->schedules[i];

			if (sc->workdays)
				add(x, SVC_FINDING_ERROR, sc->line, at_line(x,
				    sc->line, where, sizeof(where)),
				    "[schedule.%s] days = workdays counts "
				    "working days, but the policy has no "
				    "[calendar]: holidays would be working days",
				    sc->name);
		}
		return;
	}
	if (cal->first_year == cal->last_year)
		snprintf(years, sizeof(years), "%d only", cal->first_year);
	else
		snprintf(years, sizeof(years), "%d to %d only",
		    cal->first_year, cal->last_year);
	at_line(x, cal->line, where, sizeof(where));
	first = svc_day_of(x->period->start);
	last = svc_day_of(x->period->end - 1);
	if (!svc_cal_covers(cal, first) || !svc_cal_covers(cal, last)) {
		add(x, SVC_FINDING_WARNING, cal->line, where, "[calendar] "
		    "names %s: %s is not covered, its holidays and make-up "
		    "working days are unknown (only weekends are off)", years,
		    x->period->name);
		return;
	}
	if (x->last_id != 0)
		svc_day_ymd(svc_day_of(x->last_t), &y, &m, &d);
	if (x->last_id != 0 && y > cal->last_year)
		add(x, SVC_FINDING_WARNING, cal->line, where, "[calendar] "
		    "names %s: events go on to %s (event %lld), beyond it "
		    "(only weekends are off there)", years,
		    svc_date_format(x->last_t, day), x->last_id);
}

/* A paid period: events logged into it after the payment changed it. */
struct paid {
	char *period, *on;
	time_t at;
};

struct paid_list {
	struct paid *v;
	size_t n;
	struct svc_err *e;
	int bad;
};

static int
take_paid(void *arg, const char *period, const char *on, const char *at)
{
	struct paid_list *l = arg;
	time_t t;

	if (svc_time_parse(at, &t, l->e) < 0) {
		l->bad = 1;
		return 1;
	}
	l->v = svc_xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = (struct paid){ svc_xstrdup(period), svc_xstrdup(on),
	    t };
	return 0;
}

/* A voided event of a paid period whose void came after the payment. */
struct late_void {
	long long id, by;
	time_t t;
};

struct late {
	struct ctx *x;
	const struct paid *paid;
	struct late_void *voids;
	size_t nvoids;
};

static int
late_event(void *arg, const struct svc_event *ev)
{
	struct late *l = arg;
	struct ctx *x = l->x;
	char where[64], key[32], day[16];

	if (ev->void_of != 0 || svc_kind_code_reserved(ev->kind))
		return 0;
	if (ev->logged <= l->paid->at) {
		if (ev->voided_by != 0) {
			l->voids = svc_xrealloc(l->voids, (l->nvoids + 1) *
			    sizeof(*l->voids));
			l->voids[l->nvoids++] = (struct late_void){ ev->id,
			    ev->voided_by, ev->t };
		}
		return 0;
	}
	snprintf(key, sizeof(key), "%lld", ev->id);
	if (svc_index_get(&x->reported, key))
		return 0;
	svc_index_put(&x->reported, key, 0);
	snprintf(where, sizeof(where), "event %lld", ev->id);
	add(x, SVC_FINDING_WARNING, 0, where, "dated %s in %s, whose awards "
	    "were paid on %s, but logged at %s, after the payment",
	    svc_date_format(ev->t, day), l->paid->period, l->paid->on,
	    ev->logged_at);
	return 0;
}

static int
check_paid(struct ctx *x)
{
	struct paid_list pl = { .e = x->e };
	int rc = 0;

	if (svc_db_paid_periods(x->db, x->p->name, take_paid, &pl, x->e) < 0 ||
	    pl.bad)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < pl.n; i++) {
		struct svc_event_filter f = { 0 };
		struct late l = { x, &pl.v[i], NULL, 0 };
		struct svc_period per;
		struct svc_err pe = { 0 };

		if (svc_period_parse(pl.v[i].period, x->now, &per, &pe) < 0) {
			add(x, SVC_FINDING_WARNING, 0, "awards", "paid period "
			    "'%s': %s: its events are not checked",
			    pl.v[i].period, pe.msg);
			continue;
		}
		f.has_range = 1;
		f.start = per.start;
		f.end = per.end;
		if (svc_db_events_each(x->db, &f, late_event, &l, x->e) < 0)
			rc = -1;
		for (size_t v = 0; rc == 0 && v < l.nvoids; v++) {
			struct svc_event ev;
			char where[64], key[32], day[16];
			int got = svc_db_event_get(x->db, l.voids[v].by, &ev,
			    x->e);

			if (got < 0)
				rc = -1;
			if (got <= 0 || ev.logged <= pl.v[i].at)
				continue;
			snprintf(key, sizeof(key), "%lld", l.voids[v].id);
			if (svc_index_get(&x->reported, key))
				continue;
			svc_index_put(&x->reported, key, 0);
			snprintf(where, sizeof(where), "event %lld",
			    l.voids[v].id);
			add(x, SVC_FINDING_WARNING, 0, where, "dated %s in %s, "
			    "whose awards were paid on %s, but voided by "
			    "event %lld at %s, after the payment",
			    svc_date_format(l.voids[v].t, day), pl.v[i].period,
			    pl.v[i].on, ev.id, ev.logged_at);
		}
		free(l.voids);
	}
	for (size_t i = 0; i < pl.n; i++) {
		free(pl.v[i].period);
		free(pl.v[i].on);
	}
	free(pl.v);
	return rc;
}

/* ---- the whole check ---- */

static int
finding_cmp(const void *a, const void *b)
{
	const struct svc_finding *x = *(const struct svc_finding *const *)a;
	const struct svc_finding *y = *(const struct svc_finding *const *)b;

	if (x->level != y->level)
		return x->level < y->level ? -1 : 1;
	/* the policy's findings first, by line */
	if ((x->line == 0) != (y->line == 0))
		return x->line == 0 ? 1 : -1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	/* else in the order found: pointers into one array */
	return (x > y) - (x < y);
}

static void
sort_findings(struct svc_preflight *c, size_t from)
{
	size_t n = c->n - from;
	struct svc_finding **ptr = svc_xcalloc(n + 1, sizeof(*ptr));
	struct svc_finding *sorted = svc_xcalloc(n + 1, sizeof(*sorted));

	for (size_t i = 0; i < n; i++)
		ptr[i] = &c->v[from + i];
	qsort(ptr, n, sizeof(*ptr), finding_cmp);
	for (size_t i = 0; i < n; i++)
		sorted[i] = *ptr[i];
	if (n > 0)
		memcpy(&c->v[from], sorted, n * sizeof(*sorted));
	free(sorted);
	free(ptr);
}

int
svc_preflight_run(struct svc_db *db, const struct svc_policy *p,
    const struct svc_period *period, time_t now, struct svc_preflight *c,
    struct svc_err *e)
{
	struct ctx x = { .db = db, .p = p, .period = period, .now = now,
	    .c = c, .e = e };
	size_t from = c->n;
	int rc = -1;

	if (svc_db_staff_each(db, take_staff, &x, e) < 0)
		goto out;
	check_tiers(&x);
	check_policy_warnings(&x);
	check_names(&x);
	check_roster(&x);
	if (svc_db_customer_each(db, check_customer, &x, e) < 0)
		goto out;
	check_ids(&x);
	if (svc_db_events_scan(db, 0, (time_t)INT64_MAX, scan_event, &x,
	    e) < 0)
		goto out;
	report_unknown(&x, x.kinds, x.nkinds, "kind", "the policy");
	report_unknown(&x, x.people, x.npeople, "staff", "the roster");
	check_assessed(&x);
	check_calendar(&x);
	if (check_paid(&x) < 0)
		goto out;
	rc = 0;
out:
	sort_findings(c, from);
	for (size_t i = 0; i < x.nstaff; i++) {
		free(x.staff[i].id);
		free(x.staff[i].position);
		free(x.staff[i].unit);
		free(x.staff[i].up[0]);
		free(x.staff[i].up[1]);
	}
	free(x.staff);
	for (size_t i = 0; i < x.nkinds; i++)
		free(x.kinds[i].name);
	for (size_t i = 0; i < x.npeople; i++)
		free(x.people[i].name);
	free(x.kinds);
	free(x.people);
	svc_index_free(&x.ids);
	svc_index_free(&x.held_active);
	svc_index_free(&x.held_any);
	svc_index_free(&x.units_active);
	svc_index_free(&x.units_any);
	svc_index_free(&x.kind_ix);
	svc_index_free(&x.people_ix);
	svc_index_free(&x.reported);
	svc_index_free(&x.customers);
	svc_index_free(&x.tiers);
	return rc;
}

void
svc_preflight_release(struct svc_preflight *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].where);
		free(c->v[i].msg);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}
