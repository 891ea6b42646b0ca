#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "kpi.h"
#include "util.h"

struct svc_kpi {
	const struct svc_policy *p;
	struct svc_period period;
	struct svc_kpi_row *rows;	/* [p->nlimits] */
};

/* Whether term NAME=VALUE (eq points at its '=') is a customer term. */
static int
customer_term(const char *term, const char *eq)
{
	return (size_t)(eq - term) == 8 && strncmp(term, "customer", 8) == 0;
}

/* Whether the event holds term NAME=VALUE: its customer, or a field. */
static int
term_holds(const char *fields, const char *customer, const char *term,
    const char *eq)
{
	struct svc_buf name = { 0 }, v = { 0 };
	int yes;

	if (customer_term(term, eq))
		return customer != NULL && strcmp(customer, eq + 1) == 0;
	svc_buf_add(&name, term, (size_t)(eq - term));
	yes = svc_fields_get(fields ? fields : "", name.s, &v) == 1 &&
	    strcmp(v.s, eq + 1) == 0;
	svc_buf_release(&name);
	svc_buf_release(&v);
	return yes;
}

int
svc_limit_applies(const struct svc_limit *l, const char *kind,
    const char *note, const char *fields, const char *customer)
{
	if (strcmp(l->kind, kind) != 0)
		return 0;
	for (size_t i = 0; i < l->nwords; i++) {
		const char *eq = strchr(l->words[i], '=');

		if (eq != NULL ? !term_holds(fields, customer, l->words[i],
		    eq) :
		    note == NULL || strstr(note, l->words[i]) == NULL)
			return 0;
	}
	return 1;
}

/* Appends the limits of kind that match note (all of them: NULL). */
static void
limit_list(const struct svc_policy *p, const char *kind, const char *note,
    const char *fields, const char *customer, struct svc_buf *b)
{
	for (size_t i = 0; i < p->nlimits; i++) {
		const struct svc_limit *l = &p->limits[i];

		if (strcmp(l->kind, kind) != 0 || (note != NULL &&
		    !svc_limit_applies(l, kind, note, fields, customer)))
			continue;
		svc_buf_printf(b, "%s", b->len ? ", " : "");
		for (size_t j = 0; j < l->nwords; j++)
			svc_buf_printf(b, "%s%s", j ? " " : "", l->words[j]);
	}
}

int
svc_limits_check(const struct svc_policy *p, const char *kind,
    const char *note, const char *fields, const char *customer,
    struct svc_err *e)
{
	struct svc_buf hit = { 0 }, known = { 0 };
	size_t n = 0, nkind = 0;
	char field[64] = "note";

	for (size_t i = 0; i < p->nlimits; i++) {
		const struct svc_limit *l = &p->limits[i];

		if (strcmp(l->kind, kind) != 0)
			continue;
		nkind++;
		n += svc_limit_applies(l, kind, note, fields, customer);
		/* a limit matching on a field: that field is the one to
		   name (the first such term; a customer term only when no
		   limit has a field term, as the customer is known before
		   the fields are) */
		for (size_t j = 0; j < l->nwords && (strcmp(field, "note") ==
		    0 || strcmp(field, "customer") == 0); j++) {
			const char *eq = strchr(l->words[j], '=');

			if (eq != NULL && (size_t)(eq - l->words[j]) <
			    sizeof(field) && (strcmp(field, "note") == 0 ||
			    !customer_term(l->words[j], eq)))
				snprintf(field, sizeof(field), "%.*s",
				    (int)(eq - l->words[j]), l->words[j]);
		}
	}
	/* fields not known yet: the whole event decides later */
	if (nkind == 0 || n == 1 || (fields == NULL && strcmp(field,
	    "note") != 0 && strcmp(field, "customer") != 0))
		return 0;
	limit_list(p, kind, note ? note : "", fields, customer, &hit);
	limit_list(p, kind, NULL, NULL, NULL, &known);
	if (n == 0)
		svc_err_set(e, NULL, 0, field, "matches no limit of kind "
		    "'%s'; known: %s", kind, known.s);
	else
		svc_err_set(e, NULL, 0, field, "matches %zu limits of kind "
		    "'%s' (%s); known: %s", n, kind, hit.s, known.s);
	svc_buf_release(&hit);
	svc_buf_release(&known);
	return -1;
}

int
svc_limit_breached(const struct svc_limit *l, double minutes)
{
	return minutes > l->minutes;
}

struct svc_kpi *
svc_kpi_new(const struct svc_policy *p, const struct svc_period *period)
{
	struct svc_kpi *k = svc_xcalloc(1, sizeof(*k));

	k->p = p;
	k->period = *period;
	k->rows = svc_xcalloc(p->nlimits ? p->nlimits : 1, sizeof(*k->rows));
	for (size_t i = 0; i < p->nlimits; i++)
		k->rows[i].limit = &p->limits[i];
	return k;
}

static void
case_release(struct svc_kpi_case *c)
{
	free(c->ts);
	free(c->staff);
	free(c->ref);
	free(c->note);
	free(c->fields);
}

void
svc_kpi_free(struct svc_kpi *k)
{
	if (k == NULL)
		return;
	for (size_t i = 0; i < k->p->nlimits; i++)
		for (size_t j = 0; j < k->rows[i].nworst; j++)
			case_release(&k->rows[i].worst[j]);
	free(k->rows);
	free(k);
}

/* Does a rank before b among the worst cases? */
static int
worse(const struct svc_kpi_case *a, const struct svc_kpi_case *b)
{
	if (a->over != b->over)
		return a->over > b->over;
	return a->t < b->t;
}

static void
keep_worst(struct svc_kpi_row *r, const struct svc_event *ev,
    const char *ref, double v)
{
	struct svc_kpi_case c = { 0 };
	size_t i;

	c.t = ev->t;
	c.minutes = v;
	c.over = v - r->limit->minutes;
	if (r->nworst == SVC_KPI_WORST &&
	    !worse(&c, &r->worst[SVC_KPI_WORST - 1]))
		return;
	if (r->nworst == SVC_KPI_WORST)
		case_release(&r->worst[--r->nworst]);
	for (i = r->nworst; i > 0 && worse(&c, &r->worst[i - 1]); i--)
		r->worst[i] = r->worst[i - 1];
	c.ts = svc_xstrdup(ev->ts);
	c.staff = svc_xstrdup(ev->staff);
	c.ref = svc_xstrdup(ref);
	c.note = svc_xstrdup(ev->note ? ev->note : "");
	c.fields = svc_xstrdup(ev->fields ? ev->fields : "");
	r->worst[i] = c;
	r->nworst++;
}

int
svc_kpi_event(struct svc_kpi *k, const struct svc_event *ev,
    const char *ref, struct svc_err *e)
{
	double v;
	int parsed = 0;

	if (!svc_period_contains(&k->period, ev->t) || ev->voided_by != 0 ||
	    ev->void_of != 0)
		return 0;
	for (size_t i = 0; i < k->p->nlimits; i++) {
		struct svc_kpi_row *r = &k->rows[i];

		if (!svc_limit_applies(r->limit, ev->kind, ev->note,
		    ev->fields, ev->customer))
			continue;
		if (!parsed && (ev->value == NULL ||
		    svc_parse_num(ev->value, &v) < 0))
			return svc_err_set(e, NULL, 0, "value", "an operation "
			    "of kind '%s' needs its minutes as a number, not "
			    "'%s'", ev->kind, ev->value ? ev->value : "");
		parsed = 1;
		r->count++;
		if (v > r->max_minutes)
			r->max_minutes = v;
		if (svc_limit_breached(r->limit, v)) {
			r->breaches++;
			keep_worst(r, ev, ref, v);
		} else
			r->within++;
		r->has_share = 1;
		r->share = 100.0 * r->within / r->count;
	}
	return 0;
}

const struct svc_kpi_row *
svc_kpi_rows(const struct svc_kpi *k, size_t *n)
{
	*n = k->p->nlimits;
	return k->rows;
}

struct feed {
	struct svc_kpi *k;
	struct svc_err *e;
	int failed;
};

static int
feed_one(void *arg, const struct svc_event *ev)
{
	struct feed *f = arg;
	char ref[32];

	snprintf(ref, sizeof(ref), "event %lld", ev->id);
	/* the uid is the operation's own reference (the sheet's number) */
	if (svc_kpi_event(f->k, ev, ev->uid && *ev->uid ? ev->uid : ref,
	    f->e) < 0) {
		snprintf(f->e->file, sizeof(f->e->file), "%s", ref);
		f->failed = 1;
		return 1;
	}
	return 0;
}

int
svc_kpi_db(struct svc_kpi *k, struct svc_db *db, struct svc_err *e)
{
	struct svc_event_filter f = { 0 };
	struct feed fd = { k, e, 0 };

	f.has_range = 1;
	f.start = k->period.start;
	f.end = k->period.end;
	f.active = 1;
	if (svc_db_events_each(db, &f, feed_one, &fd, e) < 0 || fd.failed)
		return -1;
	return 0;
}
