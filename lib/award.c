#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "award.h"
#include "util.h"

static const char *const type_names[] = {
	[SVC_AWARD_TIER] = "tier", [SVC_AWARD_STAR] = "star",
	[SVC_AWARD_WORST] = "worst", [SVC_AWARD_DISMISSAL] = "dismissal",
};

const char *
svc_award_type_name(enum svc_award_type t)
{
	return type_names[t];
}

int
svc_award_type_parse(const char *s)
{
	for (size_t i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (strcmp(s, type_names[i]) == 0)
			return (int)i;
	return -1;
}

int
svc_award_is_reward(const struct svc_award *a)
{
	if (a->type == SVC_AWARD_STAR)
		return 1;
	return a->type == SVC_AWARD_TIER &&
	    (a->amount > 0 || a->badge[0] != '\0');
}

void
svc_award_release(struct svc_award *a)
{
	free(a->period);
	free(a->staff);
	free(a->name);
	free(a->dept);
	free(a->award);
	free(a->action);
	free(a->badge);
	free(a->reason);
	memset(a, 0, sizeof(*a));
}

void
svc_awards_release(struct svc_awards *a)
{
	for (size_t i = 0; i < a->n; i++)
		svc_award_release(&a->v[i]);
	free(a->v);
	memset(a, 0, sizeof(*a));
}

/* Row strings are copies the set owns; struct svc_score says const for
 * the scorer's sake. */
static void
row_copy(struct svc_score *d, const struct svc_score *s)
{
	*d = *s;
	d->staff = svc_xstrdup(s->staff);
	d->name = svc_xstrdup(s->name ? s->name : "");
	d->dept = svc_xstrdup(s->dept ? s->dept : "");
	d->position = svc_xstrdup(s->position ? s->position : "");
	d->unit = svc_xstrdup(s->unit ? s->unit : "");
	d->reason = svc_xstrdup(s->reason ? s->reason : "");
}

static void
row_free(struct svc_score *r)
{
	free((char *)r->staff);
	free((char *)r->name);
	free((char *)r->dept);
	free((char *)r->position);
	free((char *)r->unit);
	free((char *)r->reason);
}

static void
period_free(struct svc_award_period *ap)
{
	for (size_t i = 0; i < ap->nrows; i++)
		row_free(&ap->rows[i]);
	free(ap->rows);
}

void
svc_award_input_release(struct svc_award_input *in)
{
	for (size_t i = 0; i < in->n; i++)
		period_free(&in->v[i]);
	free(in->v);
	memset(in, 0, sizeof(*in));
}

/* Parses a canonical period name: scores name their period exactly. */
static int
period_name(const char *s, struct svc_period *p, struct svc_err *e)
{
	char msg[sizeof(e->msg)];

	if (svc_period_parse(s, 0, p, e) < 0) {
		memcpy(msg, e->msg, sizeof(msg));
		return svc_err_set(e, NULL, 0, "period", "%s", msg);
	}
	if (strcmp(p->name, s) != 0)
		return svc_err_set(e, NULL, 0, "period", "'%s' is not a "
		    "period as svc-score writes it (%s)", s, p->name);
	return 0;
}

int
svc_award_input_add(struct svc_award_input *in, const char *period,
    const struct svc_score *r, struct svc_err *e)
{
	struct svc_award_period *ap = NULL;
	struct svc_period p;

	if (period_name(period, &p, e) < 0)
		return -1;
	for (size_t i = 0; i < in->n; i++)
		if (strcmp(in->v[i].period.name, p.name) == 0)
			ap = &in->v[i];
	if (ap == NULL) {
		if (in->n == in->cap) {
			in->cap = in->cap ? 2 * in->cap : 4;
			in->v = svc_xrealloc(in->v, in->cap * sizeof(*in->v));
		}
		ap = &in->v[in->n++];
		memset(ap, 0, sizeof(*ap));
		ap->period = p;
		ap->parts = 1;
	}
	/* rows of one period come together from one file: the last one is
	 * the likely twin, but a twin anywhere is an error */
	for (size_t i = 0; i < ap->nrows; i++)
		if (strcmp(ap->rows[i].staff, r->staff) == 0)
			return svc_err_set(e, NULL, 0, "staff", "'%s' has two "
			    "rows for %s", r->staff, p.name);
	ap->rows = svc_xrealloc(ap->rows, (ap->nrows + 1) * sizeof(*ap->rows));
	row_copy(&ap->rows[ap->nrows++], r);
	return 0;
}

/* Fails naming the column and the value. */
static int
bad(struct svc_err *e, int col, const char *what, const char *v)
{
	return svc_err_set(e, NULL, 0, svc_score_cols[col].name, "%s '%s'",
	    what, v);
}

/* A number column: empty means "none" where has is given, else it must
 * hold a number when the header has it (0 when it does not). */
static int
num_col(struct svc_csv_reader *r, int col, double *v, int *has,
    struct svc_err *e)
{
	const char *s = svc_csv_get(r, col);

	*v = 0;
	if (has != NULL)
		*has = *s != '\0';
	if (*s == '\0' && (has != NULL || !svc_csv_has(r, col)))
		return 0;
	if (svc_parse_num(s, v) < 0)
		return bad(e, col, "not a number", s);
	return 0;
}

static int
count_col(struct svc_csv_reader *r, int col, long *n, struct svc_err *e)
{
	const char *s = svc_csv_get(r, col);

	*n = 0;
	if (*s == '\0' && !svc_csv_has(r, col))
		return 0;
	if (svc_parse_long(s, 0, 1000000000L, n) < 0)
		return bad(e, col, "not a count", s);
	return 0;
}

/* Fills s from the current record; strings borrowed from r. */
static int
parse_row(struct svc_csv_reader *r, struct svc_score *s, struct svc_err *e)
{
	const char *v;
	int hasbase;

	memset(s, 0, sizeof(*s));
	s->staff = svc_csv_get(r, SVC_SC_STAFF);
	s->name = svc_csv_get(r, SVC_SC_NAME);
	s->dept = svc_csv_get(r, SVC_SC_DEPT);
	s->position = svc_csv_get(r, SVC_SC_POSITION);
	s->unit = svc_csv_get(r, SVC_SC_UNIT);
	s->reason = svc_csv_get(r, SVC_SC_REASON);
	if (*s->staff == '\0')
		return svc_err_set(e, NULL, 0, "staff", "empty staff id");
	if (num_col(r, SVC_SC_SCORE, &s->score, &s->has_score, e) < 0 ||
	    num_col(r, SVC_SC_BASE, &s->base, &hasbase, e) < 0 ||
	    num_col(r, SVC_SC_DEDUCTIONS, &s->deductions, NULL, e) < 0 ||
	    num_col(r, SVC_SC_BONUSES, &s->bonuses, NULL, e) < 0 ||
	    num_col(r, SVC_SC_JOINT, &s->joint, NULL, e) < 0 ||
	    count_col(r, SVC_SC_COMPLAINTS, &s->complaints, e) < 0 ||
	    count_col(r, SVC_SC_PRAISES, &s->praises, e) < 0 ||
	    count_col(r, SVC_SC_EVENTS, &s->events, e) < 0)
		return -1;
	if (!hasbase)
		s->base = s->score;
	v = svc_csv_get(r, SVC_SC_ELIGIBLE);
	if (strcmp(v, "yes") == 0)
		s->eligible = 1;
	else if (strcmp(v, "no") != 0)
		return bad(e, SVC_SC_ELIGIBLE, "not yes or no", v);
	return 0;
}

int
svc_award_input_read(struct svc_award_input *in, const char *path,
    const struct svc_csv_opts *opts, struct svc_err *e)
{
	struct svc_csv_reader *r;
	int rc;

	if ((r = svc_csv_open(path, opts, e)) == NULL)
		return -1;
	if (svc_csv_header(r, svc_score_cols, SVC_SC_NCOLS, e) < 0)
		goto fail;
	while ((rc = svc_csv_next(r, e)) == 1) {
		struct svc_score s;

		if (parse_row(r, &s, e) < 0 || svc_award_input_add(in,
		    svc_csv_get(r, SVC_SC_PERIOD), &s, e) < 0) {
			snprintf(e->file, sizeof(e->file), "%s",
			    svc_csv_name(r));
			e->line = svc_csv_line(r);
			goto fail;
		}
	}
	if (rc < 0)
		goto fail;
	svc_csv_close(r);
	return 0;
fail:
	svc_csv_close(r);
	return -1;
}

static int
cmp_period(const void *a, const void *b)
{
	const struct svc_award_period *x = a, *y = b;

	if (x->period.start != y->period.start)
		return x->period.start < y->period.start ? -1 : 1;
	/* a longer period first, so that a year precedes its January */
	if (x->period.end != y->period.end)
		return x->period.end > y->period.end ? -1 : 1;
	return 0;
}

/* A row of one part, to combine by staff in period order. */
struct part {
	const struct svc_score *r;
	const struct svc_award_period *ap;
};

static int
cmp_part(const void *a, const void *b)
{
	const struct part *x = a, *y = b;
	int c = strcmp(x->r->staff, y->r->staff);

	if (c != 0)
		return c;
	return x->ap->period.start < y->ap->period.start ? -1 :
	    x->ap->period.start > y->ap->period.start;
}

/* Combines parts[0..n) (one staff member, in period order) into d. */
static void
combine(struct svc_score *d, const struct part *parts, size_t n)
{
	const struct svc_score *last = parts[n - 1].r;
	struct svc_score t;
	struct svc_buf reason = { 0 };
	double sum = 0, bsum = 0;
	int scored = 0;

	memset(&t, 0, sizeof(t));
	t.eligible = 1;
	for (size_t i = 0; i < n; i++) {
		const struct svc_score *r = parts[i].r;

		if (r->has_score) {
			sum += r->score;
			bsum += r->base;
			scored++;
		}
		t.deductions += r->deductions;
		t.bonuses += r->bonuses;
		t.joint += r->joint;
		t.complaints += r->complaints;
		t.praises += r->praises;
		t.events += r->events;
		if (!r->eligible && t.eligible) {
			t.eligible = 0;
			svc_buf_printf(&reason, "%s: %s",
			    parts[i].ap->period.name, r->reason);
		}
	}
	t.has_score = scored > 0;
	if (scored > 0) {
		t.score = svc_round2(sum / scored);
		t.base = svc_round2(bsum / scored);
	}
	t.staff = last->staff;
	t.name = last->name;
	t.dept = last->dept;
	t.position = last->position;
	t.unit = last->unit;
	t.reason = reason.s ? reason.s : "";
	t.deductions = svc_round2(t.deductions);
	t.bonuses = svc_round2(t.bonuses);
	t.joint = svc_round2(t.joint);
	row_copy(d, &t);
	svc_buf_release(&reason);
}

int
svc_award_input_settle(struct svc_award_input *in,
    const struct svc_period *target, struct svc_err *e)
{
	struct svc_award_period whole = { 0 };
	struct part *parts;
	size_t nparts = 0, i, j;

	if (in->n > 1)
		qsort(in->v, in->n, sizeof(*in->v), cmp_period);
	if (target == NULL)
		return 0;
	for (i = 0; i < in->n; i++) {
		const struct svc_period *p = &in->v[i].period;

		if (!svc_period_inside(p, target))
			return svc_err_set(e, NULL, 0, "period", "scores of %s "
			    "are not in %s", p->name, target->name);
		if (strcmp(p->name, target->name) == 0 && in->n > 1)
			return svc_err_set(e, NULL, 0, "period", "scores of %s "
			    "come with scores of periods inside it",
			    target->name);
		nparts += in->v[i].nrows;
	}
	if (in->n == 1 && strcmp(in->v[0].period.name, target->name) == 0)
		return 0;
	parts = svc_xcalloc(nparts ? nparts : 1, sizeof(*parts));
	nparts = 0;
	for (i = 0; i < in->n; i++)
		for (j = 0; j < in->v[i].nrows; j++) {
			parts[nparts].r = &in->v[i].rows[j];
			parts[nparts++].ap = &in->v[i];
		}
	qsort(parts, nparts, sizeof(*parts), cmp_part);
	whole.period = *target;
	whole.parts = (int)in->n;
	whole.rows = svc_xcalloc(nparts ? nparts : 1, sizeof(*whole.rows));
	for (i = 0; i < nparts; i = j) {
		for (j = i + 1; j < nparts && strcmp(parts[j].r->staff,
		    parts[i].r->staff) == 0; j++)
			;
		combine(&whole.rows[whole.nrows++], parts + i, j - i);
	}
	free(parts);
	for (i = 0; i < in->n; i++)
		period_free(&in->v[i]);
	if (in->v == NULL)
		in->v = svc_xcalloc(1, sizeof(*in->v));
	in->v[0] = whole;
	in->n = 1;
	return 0;
}

static enum svc_period_kind star_kind(const struct svc_policy *,
    const struct svc_star *);

size_t
svc_award_input_missing(const struct svc_award_input *in,
    const struct svc_period *target, const struct svc_policy *p,
    struct svc_buf *names)
{
	struct svc_period q;
	size_t n = 0, i;
	int decided = target->kind == p->period &&
	    (p->ntiers > 0 || p->nworsts > 0);

	for (i = 0; i < p->nstars; i++)
		decided |= star_kind(p, &p->stars[i]) == target->kind;
	/* what decide or settle refuses is said by them */
	if (!decided)
		return 0;
	for (i = 0; i < in->n; i++)
		if (strcmp(in->v[i].period.name, target->name) == 0 ||
		    in->v[i].period.start < target->start ||
		    in->v[i].period.end > target->end)
			return 0;
	/* a part straddling an edge of target is not inside it: not owed */
	for (time_t t = target->start; t < target->end; t = q.end) {
		svc_period_of(p->period, t, &q);
		if (q.start == target->start && q.end == target->end)
			return 0;
		if (q.start < target->start || q.end > target->end)
			continue;
		for (i = 0; i < in->n; i++)
			if (strcmp(in->v[i].period.name, q.name) == 0)
				break;
		if (i == in->n)
			svc_buf_printf(names, "%s%s", n++ ? ", " : "", q.name);
	}
	return n;
}

/* What decide works on: the history given plus what it decided. */
struct ctx {
	const struct svc_policy *p;
	const struct svc_award_hist *hist;
	size_t nhist;
	struct svc_awards *out;
	size_t first;		/* out->v[first..] are this call's */
	svc_award_count_fn count;
	void *arg;
	struct svc_err *e;
};

/* Nonzero if staff holds award of type for the period named. */
static int
held(const struct ctx *c, const char *period, const char *staff,
    enum svc_award_type type, const char *award)
{
	for (size_t i = 0; i < c->nhist; i++) {
		const struct svc_award_hist *h = &c->hist[i];

		if (h->type == type && strcmp(h->period, period) == 0 &&
		    strcmp(h->staff, staff) == 0 &&
		    strcmp(h->award, award) == 0)
			return 1;
	}
	for (size_t i = c->first; i < c->out->n; i++) {
		const struct svc_award *a = &c->out->v[i];

		if (a->type == type && strcmp(a->period, period) == 0 &&
		    strcmp(a->staff, staff) == 0 &&
		    strcmp(a->award, award) == 0)
			return 1;
	}
	return 0;
}

/* Worst ratings of the rule before per, within its window. */
static int
earlier_ratings(const struct ctx *c, const struct svc_worst *w,
    const struct svc_period *per, const char *staff)
{
	time_t from = w->dismiss_within > 0 ?
	    svc_date_add_months(per->end, -w->dismiss_within) : 0;
	int n = 0;

	for (size_t i = 0; i < c->nhist + (c->out->n - c->first); i++) {
		const char *period, *who, *award;
		enum svc_award_type type;
		struct svc_period q;
		struct svc_err ignore;

		if (i < c->nhist) {
			period = c->hist[i].period;
			who = c->hist[i].staff;
			award = c->hist[i].award;
			type = c->hist[i].type;
		} else {
			const struct svc_award *a =
			    &c->out->v[c->first + i - c->nhist];

			period = a->period;
			who = a->staff;
			award = a->award;
			type = a->type;
		}
		if (type != SVC_AWARD_WORST || strcmp(who, staff) != 0 ||
		    strcmp(award, w->name) != 0 ||
		    svc_period_parse(period, 0, &q, &ignore) < 0)
			continue;
		if (q.start < per->start && (w->dismiss_within == 0 ||
		    q.start >= from))
			n++;
	}
	return n;
}

static struct svc_award *
add(struct ctx *c, const struct svc_award_period *ap,
    const struct svc_score *r, enum svc_award_type type, const char *award)
{
	struct svc_award *a;

	if (c->out->n == c->out->cap) {
		c->out->cap = c->out->cap ? 2 * c->out->cap : 16;
		c->out->v = svc_xrealloc(c->out->v,
		    c->out->cap * sizeof(*c->out->v));
	}
	a = &c->out->v[c->out->n++];
	memset(a, 0, sizeof(*a));
	a->period = svc_xstrdup(ap->period.name);
	a->staff = svc_xstrdup(r->staff);
	a->name = svc_xstrdup(r->name);
	a->dept = svc_xstrdup(r->dept);
	a->type = type;
	a->award = svc_xstrdup(award);
	a->action = svc_xstrdup("");
	a->badge = svc_xstrdup("");
	return a;
}

static void
set(char **dst, const char *s)
{
	free(*dst);
	*dst = svc_xstrdup(s);
}

static char *
fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));

static char *
fmt(const char *f, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, f);
	vsnprintf(buf, sizeof(buf), f, ap);
	va_end(ap);
	return svc_xstrdup(buf);
}

/* Sorts row pointers by score, highest first, scored rows only. */
static int
cmp_score(const void *a, const void *b)
{
	const struct svc_score *x = *(const struct svc_score *const *)a;
	const struct svc_score *y = *(const struct svc_score *const *)b;

	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(x->staff, y->staff);
}

static void
tiers(struct ctx *c, const struct svc_award_period *ap)
{
	const struct svc_score **by = svc_xcalloc(ap->nrows + 1, sizeof(*by));
	size_t n = 0;
	char num[32];

	for (size_t i = 0; i < ap->nrows; i++)
		if (ap->rows[i].has_score)
			by[n++] = &ap->rows[i];
	qsort(by, n, sizeof(*by), cmp_score);
	for (size_t i = 0, rank = 1; i < n; i++) {
		const struct svc_score *r = by[i];
		const struct svc_tier *t = svc_policy_tier(c->p, r->score);
		struct svc_award *a;

		/* competition ranking: equal scores share a rank */
		if (i > 0 && r->score != by[i - 1]->score)
			rank = i + 1;
		if (t == NULL)
			continue;
		if (!r->eligible && t->action[0] == '\0')
			continue;
		if (r->eligible && t->amount == 0 && t->badge[0] == '\0' &&
		    t->action[0] == '\0')
			continue;
		a = add(c, ap, r, SVC_AWARD_TIER, t->name);
		a->rank = (int)rank;
		set(&a->action, t->action);
		svc_fmt_num(r->score, num);
		if (r->eligible) {
			a->amount = t->amount;
			set(&a->badge, t->badge);
			a->reason = fmt("score %s", num);
		} else
			a->reason = fmt("score %s; not eligible: %s", num,
			    r->reason);
	}
	free(by);
}

static const char *
group_of(const struct svc_star *s, const struct svc_score *r)
{
	switch (s->group_by) {
	case SVC_GROUP_UNIT: return r->unit;
	case SVC_GROUP_DEPT: return r->dept;
	case SVC_GROUP_POSITION: return r->position;
	default: return "";
	}
}

static int
qualifies(const struct svc_star *s, const struct svc_score *r)
{
	return r->has_score && r->eligible &&
	    (s->units.n == 0 || svc_names_has(&s->units, r->unit)) &&
	    (!s->no_complaint || r->complaints == 0) &&
	    (!s->has_min_score || r->score >= s->min_score);
}

/* Nonzero if x beats y: higher score, then fewer deductions (closer to
 * zero), then more praise, then the lower staff id. */
static int
beats(const struct svc_score *x, const struct svc_score *y)
{
	if (x->score != y->score)
		return x->score > y->score;
	if (x->deductions != y->deductions)
		return x->deductions > y->deductions;
	if (x->praises != y->praises)
		return x->praises > y->praises;
	return strcmp(x->staff, y->staff) < 0;
}

static int
cmp_staff(const void *a, const void *b)
{
	const struct svc_score *x = *(const struct svc_score *const *)a;
	const struct svc_score *y = *(const struct svc_score *const *)b;

	return strcmp(x->staff, y->staff);
}

static void
star(struct ctx *c, const struct svc_award_period *ap,
    const struct svc_star *s)
{
	const struct svc_score **best = svc_xcalloc(ap->nrows + 1,
	    sizeof(*best));
	size_t n = 0;
	char num[32];

	/* one pass: best[] holds the leader of each group seen so far */
	for (size_t i = 0; i < ap->nrows; i++) {
		const struct svc_score *r = &ap->rows[i];
		size_t g;

		if (!qualifies(s, r))
			continue;
		for (g = 0; g < n; g++)
			if (strcmp(group_of(s, best[g]), group_of(s, r)) == 0)
				break;
		if (g == n)
			best[n++] = r;
		else if (beats(r, best[g]))
			best[g] = r;
	}
	qsort(best, n, sizeof(*best), cmp_staff);
	for (size_t g = 0; g < n; g++) {
		const struct svc_score *r = best[g];
		struct svc_period cur = ap->period, prev;
		struct svc_award *a;
		int k = 1;

		if (s->consecutive_multiply) {
			for (;;) {
				svc_period_prev(&cur, &prev);
				if (!held(c, prev.name, r->staff,
				    SVC_AWARD_STAR, s->name))
					break;
				k++;
				cur = prev;
			}
		}
		a = add(c, ap, r, SVC_AWARD_STAR, s->name);
		a->rank = 1;
		a->amount = s->amount * k;
		a->consecutive = s->consecutive_multiply ? k : 0;
		set(&a->action, s->action);
		svc_fmt_num(r->score, num);
		if (s->group_by == SVC_GROUP_ALL)
			a->reason = fmt("best of all: %s", num);
		else
			a->reason = fmt("best of %s %s: %s",
			    s->group_by == SVC_GROUP_UNIT ? "unit" :
			    s->group_by == SVC_GROUP_DEPT ? "dept" : "position",
			    group_of(s, r), num);
	}
	free(best);
}

/*
 * A star among some of the rows: the positions it names (every one when
 * none), and for a star chosen by nomination only the staff nominated in
 * the period, never those of the nominating positions. Only the ledger
 * knows the nominations (c->count); among those rows star() decides as
 * for any star.
 */
static int
star_among(struct ctx *c, const struct svc_award_period *ap,
    const struct svc_star *s)
{
	struct svc_award_period view = *ap;
	char **kinds = NULL;
	size_t nkinds = 0, first = c->out->n;
	int rc = -1;

	if (s->positions.n == 0 && !s->by_nomination) {
		star(c, ap, s);
		return 0;
	}
	if (s->by_nomination && c->count == NULL)
		return svc_err_set(c->e, NULL, 0, "chosen_by", "[star.%s] is "
		    "chosen among nominations: it needs the ledger", s->name);
	for (size_t i = 0; i < c->p->nkinds; i++)
		if (c->p->kinds[i].counts_as == SVC_AS_NOMINATION) {
			kinds = svc_xrealloc(kinds,
			    (nkinds + 1) * sizeof(*kinds));
			kinds[nkinds++] = c->p->kinds[i].code;
		}
	view.rows = svc_xcalloc(ap->nrows + 1, sizeof(*view.rows));
	view.nrows = 0;
	for (size_t i = 0; i < ap->nrows; i++) {
		const struct svc_score *r = &ap->rows[i];
		long n = 1;

		if ((s->positions.n > 0 &&
		    !svc_names_has(&s->positions, r->position)) ||
		    !qualifies(s, r) ||
		    svc_names_has(&s->nominated_by, r->position))
			continue;
		if (s->by_nomination && c->count(c->arg, kinds, nkinds,
		    &ap->period, r->staff, &n, c->e) < 0)
			goto out;
		if (n > 0)
			view.rows[view.nrows++] = *r;
	}
	star(c, &view, s);
	for (size_t i = first; s->by_nomination && i < c->out->n; i++) {
		char *why = fmt("nominated; %s", c->out->v[i].reason);

		free(c->out->v[i].reason);
		c->out->v[i].reason = why;
	}
	rc = 0;
out:
	free(kinds);
	free(view.rows);
	return rc;
}

static int
worst(struct ctx *c, const struct svc_award_period *ap,
    const struct svc_worst *w)
{
	const struct svc_score **by = svc_xcalloc(ap->nrows + 1, sizeof(*by));
	size_t n = 0;

	for (size_t i = 0; i < ap->nrows; i++)
		by[n++] = &ap->rows[i];
	qsort(by, n, sizeof(*by), cmp_staff);
	for (size_t i = 0; i < n; i++) {
		const struct svc_score *r = by[i];
		struct svc_award *a;
		long cpl = r->complaints;
		int k;

		if (w->nkinds > 0) {
			if (c->count == NULL) {
				free(by);
				return svc_err_set(c->e, NULL, 0, "kinds",
				    "[worst.%s] counts kinds: it needs the "
				    "ledger", w->name);
			}
			if (c->count(c->arg, w->kinds, w->nkinds, &ap->period,
			    r->staff, &cpl, c->e) < 0) {
				free(by);
				return -1;
			}
		}
		if (cpl < w->threshold)
			continue;
		k = earlier_ratings(c, w, &ap->period, r->staff) + 1;
		a = add(c, ap, r, SVC_AWARD_WORST, w->name);
		a->amount = w->fine > 0 ? -w->fine : 0;
		a->consecutive = k;
		set(&a->action, w->action);
		a->reason = fmt("%ld complaints (threshold %d); rating %d",
		    cpl, w->threshold, k);
		if (w->dismiss_after > 0 && k >= w->dismiss_after) {
			a = add(c, ap, r, SVC_AWARD_DISMISSAL, w->name);
			a->consecutive = k;
			set(&a->action, w->dismiss_action);
			a->reason = fmt("worst rating %d (dismissal from %d)",
			    k, w->dismiss_after);
		}
	}
	free(by);
	return 0;
}

static enum svc_period_kind
star_kind(const struct svc_policy *p, const struct svc_star *s)
{
	return s->period != SVC_PERIOD_NONE ? s->period : p->period;
}

int
svc_award_decide(const struct svc_policy *p,
    const struct svc_award_input *in, const struct svc_award_hist *hist,
    size_t nhist, svc_award_count_fn count, void *arg,
    struct svc_awards *out, struct svc_err *e)
{
	struct ctx c = { p, hist, nhist, out, out->n, count, arg, e };

	for (size_t i = 0; i < in->n; i++) {
		const struct svc_award_period *ap = &in->v[i];
		enum svc_period_kind k = ap->period.kind;
		int applied = 0;

		if (k == p->period && (p->ntiers > 0 || p->nworsts > 0)) {
			applied = 1;
			tiers(&c, ap);
		}
		for (size_t j = 0; j < p->nstars; j++)
			if (star_kind(p, &p->stars[j]) == k) {
				applied = 1;
				if (star_among(&c, ap, &p->stars[j]) < 0)
					return -1;
			}
		if (k == p->period)
			for (size_t j = 0; j < p->nworsts; j++)
				if (worst(&c, ap, &p->worsts[j]) < 0)
					return -1;
		if (!applied)
			return svc_err_set(e, NULL, 0, "period", "no tier, star "
			    "or worst rule of the policy decides a %s "
			    "(%s)", svc_period_kind_name(k) ?
			    svc_period_kind_name(k) : "range", ap->period.name);
	}
	return 0;
}

int
svc_award_needs_history(const struct svc_policy *p)
{
	for (size_t i = 0; i < p->nstars; i++)
		if (p->stars[i].consecutive_multiply)
			return 1;
	for (size_t i = 0; i < p->nworsts; i++)
		if (p->worsts[i].dismiss_after > 0 || p->worsts[i].nkinds > 0)
			return 1;
	return 0;
}

struct later {
	time_t start;
	const char *name;
};

static int
cmp_later(const void *a, const void *b)
{
	const struct later *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return strcmp(x->name, y->name);
}

size_t
svc_award_decided_after(const struct svc_policy *p,
    const struct svc_award_input *in, const struct svc_award_hist *h,
    size_t n, const char ***names)
{
	struct later *v;
	size_t nv = 0, shown = 0;
	time_t first;

	*names = NULL;
	if (!svc_award_needs_history(p) || in->n == 0 || n == 0)
		return 0;
	first = in->v[0].period.start;
	for (size_t i = 1; i < in->n; i++)
		if (in->v[i].period.start < first)
			first = in->v[i].period.start;
	v = svc_xcalloc(n, sizeof(*v));
	for (size_t i = 0; i < n; i++) {
		struct svc_period q;
		struct svc_err ignore;
		size_t j;

		/* tiers follow the score alone; a saved name parses as it
		 * did when it was decided */
		if (h[i].type == SVC_AWARD_TIER ||
		    svc_period_parse(h[i].period, 0, &q, &ignore) < 0 ||
		    q.start <= first)
			continue;
		for (j = 0; j < in->n; j++)
			if (strcmp(in->v[j].period.name, h[i].period) == 0)
				break;
		if (j == in->n)
			v[nv++] = (struct later){ q.start, h[i].period };
	}
	qsort(v, nv, sizeof(*v), cmp_later);
	*names = svc_xcalloc(nv + 1, sizeof(**names));
	for (size_t i = 0; i < nv; i++)
		if (i == 0 || strcmp(v[i].name, v[i - 1].name) != 0)
			(*names)[shown++] = v[i].name;
	free(v);
	return shown;
}

int
svc_award_input_files(struct svc_award_input *in, char *const *files,
    int nfiles, const struct svc_csv_opts *opts, const struct svc_period *target,
    int partial, const struct svc_policy *p, struct svc_err *e)
{
	struct svc_buf names = { 0 };

	if (nfiles == 0 && svc_award_input_read(in, "-", opts, e) < 0)
		return -1;
	for (int i = 0; i < nfiles; i++)
		if (svc_award_input_read(in, files[i], opts, e) < 0)
			return -1;
	if (target != NULL && !partial &&
	    svc_award_input_missing(in, target, p, &names) > 0) {
		svc_err_set(e, NULL, 0, "--period", "the scores given have "
		    "none of %s: give them too, or decide %s with --partial",
		    names.s, target->name);
		svc_buf_release(&names);
		return -1;
	}
	return svc_award_input_settle(in, target, e);
}
