#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "period.h"
#include "revisit.h"
#include "util.h"

struct boss {
	char *id, *supervisor, *leader, *position;
};

struct cust {
	struct svc_revisit_row row;
	char *id, *name, *tier, *owner;
	int has_last[SVC_ROLE_N];
	time_t last[SVC_ROLE_N];
	double sum;
};

struct svc_revisits {
	const struct svc_policy *p;
	time_t as_of, since;
	int within, sorted;
	struct boss *staff;
	size_t nstaff, capstaff;
	struct cust *cust;
	size_t ncust, capcust;
	struct svc_revisit_row *rows;
	struct svc_revisit_tier *tiers;
	size_t ntiers;
};

const char *
svc_revisit_role_name(enum svc_revisit_role r)
{
	static const char *const names[] = { "staff", "supervisor", "head" };

	return r < SVC_ROLE_N ? names[r] : "";
}

const char *
svc_revisit_status_name(enum svc_revisit_status s)
{
	static const char *const names[] = { "", "ok", "due", "overdue" };

	return s <= SVC_RV_OVERDUE ? names[s] : "";
}

struct svc_revisits *
svc_revisits_new(const struct svc_policy *p, time_t as_of, int within,
    time_t since)
{
	struct svc_revisits *r = svc_xcalloc(1, sizeof(*r));

	r->p = p;
	r->as_of = as_of;
	r->within = within < 0 ? 0 : within;
	r->since = since;
	return r;
}

void
svc_revisits_free(struct svc_revisits *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nstaff; i++) {
		free(r->staff[i].id);
		free(r->staff[i].supervisor);
		free(r->staff[i].leader);
		free(r->staff[i].position);
	}
	free(r->staff);
	for (size_t i = 0; i < r->ncust; i++) {
		free(r->cust[i].id);
		free(r->cust[i].name);
		free(r->cust[i].tier);
		free(r->cust[i].owner);
	}
	free(r->cust);
	free(r->rows);
	free(r->tiers);
	free(r);
}

static char *
dup(const char *s)
{
	return svc_xstrdup(s ? s : "");
}

void
svc_revisits_staff(struct svc_revisits *r, const struct svc_staff *st)
{
	if (r->nstaff == r->capstaff) {
		r->capstaff = r->capstaff ? 2 * r->capstaff : 64;
		r->staff = svc_xrealloc(r->staff, r->capstaff *
		    sizeof(*r->staff));
	}
	r->staff[r->nstaff++] = (struct boss){ dup(st->id),
	    dup(st->supervisor), dup(st->leader), dup(st->position) };
}

void
svc_revisits_customer(struct svc_revisits *r, const struct svc_customer *c)
{
	struct cust *k;

	if (r->ncust == r->capcust) {
		r->capcust = r->capcust ? 2 * r->capcust : 64;
		r->cust = svc_xrealloc(r->cust, r->capcust * sizeof(*r->cust));
	}
	k = &r->cust[r->ncust++];
	memset(k, 0, sizeof(*k));
	k->id = dup(c->id);
	k->name = dup(c->name);
	k->tier = dup(c->tier);
	k->owner = dup(c->owner);
}

static int
cmp_boss(const void *a, const void *b)
{
	return strcmp(((const struct boss *)a)->id,
	    ((const struct boss *)b)->id);
}

static int
cmp_cust(const void *a, const void *b)
{
	return strcmp(((const struct cust *)a)->id,
	    ((const struct cust *)b)->id);
}

static int
key_boss(const void *key, const void *elem)
{
	return strcmp(key, ((const struct boss *)elem)->id);
}

static int
key_cust(const void *key, const void *elem)
{
	return strcmp(key, ((const struct cust *)elem)->id);
}

/* Which cadence a revisit by staff serves for customer k; -1: none. */
static int
role_of(const struct svc_revisits *r, const struct cust *k,
    const char *staff)
{
	const struct svc_revisit *cad = svc_policy_revisit(r->p, k->tier);
	const struct boss *o;

	if (cad != NULL && cad->by[0] != '\0') {
		const char *by[SVC_ROLE_N] = { cad->by, cad->supervisor_by,
		    cad->head_by };

		if (r->nstaff == 0 || (o = bsearch(staff, r->staff, r->nstaff,
		    sizeof(*r->staff), key_boss)) == NULL)
			return -1;
		for (int role = 0; role < SVC_ROLE_N; role++)
			if (by[role][0] && strcmp(by[role], o->position) == 0)
				return role;
		return -1;
	}
	if (cad == NULL || k->owner[0] == '\0' || r->nstaff == 0 ||
	    (o = bsearch(k->owner, r->staff, r->nstaff, sizeof(*r->staff),
	    key_boss)) == NULL)
		return SVC_ROLE_STAFF;
	if (cad->supervisor_every > 0 && strcmp(o->supervisor, staff) == 0)
		return SVC_ROLE_SUPERVISOR;
	if (cad->head_every > 0 && strcmp(o->leader, staff) == 0)
		return SVC_ROLE_HEAD;
	return SVC_ROLE_STAFF;
}

int
svc_revisits_event(struct svc_revisits *r, const struct svc_event *ev,
    struct svc_err *e)
{
	const struct svc_kind *kd;
	struct cust *k;
	int role;
	double v;

	/* an empty array may be NULL, which qsort may not get */
	if (!r->sorted) {
		if (r->nstaff > 0)
			qsort(r->staff, r->nstaff, sizeof(*r->staff),
			    cmp_boss);
		if (r->ncust > 0)
			qsort(r->cust, r->ncust, sizeof(*r->cust), cmp_cust);
		r->sorted = 1;
	}
	if (ev->voided_by != 0 || ev->void_of != 0 || ev->t > r->as_of ||
	    svc_kind_code_reserved(ev->kind) ||
	    (kd = svc_policy_kind(r->p, ev->kind)) == NULL ||
	    kd->counts_as != SVC_AS_REVISIT || ev->customer == NULL ||
	    r->ncust == 0 || (k = bsearch(ev->customer, r->cust, r->ncust,
	    sizeof(*r->cust), key_cust)) == NULL)
		return 0;
	if (ev->value == NULL || svc_parse_num(ev->value, &v) < 0)
		return svc_err_set(e, NULL, 0, "value", "a revisit needs a "
		    "satisfaction value, not '%s'", ev->value ? ev->value : "");
	role = role_of(r, k, ev->staff);
	if (role >= 0 && (!k->has_last[role] || ev->t > k->last[role])) {
		k->has_last[role] = 1;
		k->last[role] = ev->t;
	}
	if (ev->t >= r->since) {
		k->row.revisits++;
		k->sum += v;
		if (v <= kd->dissatisfied_max)
			k->row.dissatisfied++;
	}
	return 0;
}

/* Whole local calendar days from the date of a to the date of b. */
static long
days_between(time_t a, time_t b)
{
	struct svc_period da, db;

	svc_period_of(SVC_PERIOD_DAY, a, &da);
	svc_period_of(SVC_PERIOD_DAY, b, &db);
	return lround((double)(db.start - da.start) / 86400);
}

static void
judge(const struct svc_revisits *r, const struct cust *k,
    struct svc_revisit_due *d)
{
	d->has_last = k->has_last[d->role];
	d->days_since = -1;
	if (!d->has_last) {
		d->status = SVC_RV_DUE;
		return;
	}
	d->last = k->last[d->role];
	svc_time_format(d->last, d->last_ts);
	d->days_since = days_between(d->last, r->as_of);
	if (d->workdays) {
		const struct svc_calendar *cal = &r->p->calendar;
		long long today = svc_day_of(r->as_of), by = svc_day_of(
		    svc_cal_add_workdays(cal, svc_day_midnight(svc_day_of(
		    d->last)), d->every));

		d->next = svc_day_midnight(by);
		if (today > by)
			d->status = SVC_RV_OVERDUE;
		else if (svc_cal_workdays_between(cal, today, by) <= r->within)
			d->status = SVC_RV_DUE;
		else
			d->status = SVC_RV_OK;
		return;
	}
	d->next = svc_date_add_days(d->last, d->every);
	if (d->days_since > d->every)
		d->status = SVC_RV_OVERDUE;
	else if (d->days_since >= d->every - r->within)
		d->status = SVC_RV_DUE;
	else
		d->status = SVC_RV_OK;
}

static struct svc_revisit_tier *
tier_of(struct svc_revisits *r, const char *name)
{
	struct svc_revisit_tier *t;

	for (size_t i = 0; i < r->ntiers; i++)
		if (strcmp(r->tiers[i].tier, name) == 0)
			return &r->tiers[i];
	t = &r->tiers[r->ntiers++];
	memset(t, 0, sizeof(*t));
	t->tier = name;
	return t;
}

static int
cmp_tier_name(const void *a, const void *b)
{
	return strcmp(((const struct svc_revisit_tier *)a)->tier,
	    ((const struct svc_revisit_tier *)b)->tier);
}

void
svc_revisits_finish(struct svc_revisits *r)
{
	size_t ncad;
	double *sum;

	if (!r->sorted) {
		if (r->ncust > 0)	/* else cust may be NULL */
			qsort(r->cust, r->ncust, sizeof(*r->cust), cmp_cust);
		r->sorted = 1;
	}
	free(r->rows);
	free(r->tiers);
	r->rows = svc_xcalloc(r->ncust ? r->ncust : 1, sizeof(*r->rows));
	r->tiers = svc_xcalloc(r->p->nrevisits + r->ncust + 1,
	    sizeof(*r->tiers));
	r->ntiers = 0;
	for (size_t i = 0; i < r->p->nrevisits; i++)
		tier_of(r, r->p->revisits[i].tier);
	ncad = r->ntiers;
	sum = svc_xcalloc(r->p->nrevisits + r->ncust + 1, sizeof(*sum));
	for (size_t i = 0; i < r->ncust; i++) {
		struct cust *k = &r->cust[i];
		struct svc_revisit_row *row = &k->row;
		const struct svc_revisit *cad = svc_policy_revisit(r->p,
		    k->tier);
		int every[SVC_ROLE_N] = { 0 }, wd[SVC_ROLE_N] = { 0 };
		const char *by[SVC_ROLE_N] = { "", "", "" };
		struct svc_revisit_tier *t = tier_of(r, k->tier);

		row->customer = k->id;
		row->name = k->name;
		row->tier = k->tier;
		row->owner = k->owner;
		row->cadence = cad;
		row->ndue = 0;
		row->status = SVC_RV_NONE;
		if (cad != NULL) {
			every[SVC_ROLE_STAFF] = cad->every;
			every[SVC_ROLE_SUPERVISOR] = cad->supervisor_every;
			every[SVC_ROLE_HEAD] = cad->head_every;
			wd[SVC_ROLE_STAFF] = cad->every_workdays;
			wd[SVC_ROLE_SUPERVISOR] = cad->supervisor_every_workdays;
			wd[SVC_ROLE_HEAD] = cad->head_every_workdays;
			by[SVC_ROLE_STAFF] = cad->by;
			by[SVC_ROLE_SUPERVISOR] = cad->supervisor_by;
			by[SVC_ROLE_HEAD] = cad->head_by;
		}
		for (int role = 0; role < SVC_ROLE_N; role++) {
			struct svc_revisit_due *d;

			if (every[role] <= 0)
				continue;
			d = &row->due[row->ndue++];
			memset(d, 0, sizeof(*d));
			d->role = role;
			d->every = every[role];
			d->workdays = wd[role];
			d->by = by[role][0] ? by[role] :
			    svc_revisit_role_name(role);
			judge(r, k, d);
			if (d->status > row->status)
				row->status = d->status;
		}
		row->has_avg = row->revisits > 0;
		row->avg = row->has_avg ? k->sum / row->revisits : 0;
		t->customers++;
		t->ok += row->status == SVC_RV_OK;
		t->due += row->status == SVC_RV_DUE;
		t->overdue += row->status == SVC_RV_OVERDUE;
		t->revisits += row->revisits;
		t->dissatisfied += row->dissatisfied;
		sum[t - r->tiers] += k->sum;
		r->rows[i] = *row;
	}
	for (size_t i = 0; i < r->ntiers; i++) {
		struct svc_revisit_tier *t = &r->tiers[i];

		if (t->revisits == 0)
			continue;
		t->has_avg = t->has_satisfied = 1;
		t->avg = sum[i] / t->revisits;
		t->satisfied = 100.0 * (t->revisits - t->dissatisfied) /
		    t->revisits;
	}
	free(sum);
	qsort(r->tiers + ncad, r->ntiers - ncad, sizeof(*r->tiers),
	    cmp_tier_name);
}

const struct svc_revisit_row *
svc_revisits_rows(const struct svc_revisits *r, size_t *n)
{
	*n = r->ncust;
	return r->rows;
}

const struct svc_revisit_tier *
svc_revisits_tiers(const struct svc_revisits *r, size_t *n)
{
	*n = r->ntiers;
	return r->tiers;
}

static int
feed_staff(void *arg, const struct svc_staff *s)
{
	svc_revisits_staff(arg, s);
	return 0;
}

static int
feed_customer(void *arg, const struct svc_customer *c)
{
	svc_revisits_customer(arg, c);
	return 0;
}

struct feed {
	struct svc_revisits *r;
	struct svc_err *e;
	int failed;
};

static int
feed_event(void *arg, const struct svc_event *ev)
{
	struct feed *f = arg;

	if (svc_revisits_event(f->r, ev, f->e) < 0) {
		snprintf(f->e->file, sizeof(f->e->file), "event %lld", ev->id);
		f->failed = 1;
		return 1;
	}
	return 0;
}

int
svc_revisits_db(struct svc_revisits *r, struct svc_db *db, struct svc_err *e)
{
	struct svc_event_filter f = { 0 };
	struct feed fd = { r, e, 0 };

	f.has_range = 1;
	f.start = 0;
	f.end = r->as_of + 1;
	f.active = 1;
	if (svc_db_staff_each(db, feed_staff, r, e) < 0 ||
	    svc_db_customer_each(db, feed_customer, r, e) < 0 ||
	    svc_db_events_each(db, &f, feed_event, &fd, e) < 0 || fd.failed)
		return -1;
	svc_revisits_finish(r);
	return 0;
}
