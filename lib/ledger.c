#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "handoff.h"
#include "index.h"
#include "kpi.h"
#include "ledger.h"
#include "period.h"
#include "sheetmap.h"
#include "util.h"

const struct svc_csv_col svc_event_cols[SVC_EV_NCOLS] = {
	[SVC_EV_ID] = { "id", 0 },
	[SVC_EV_TS] = { "ts", 1 },
	[SVC_EV_STAFF] = { "staff", 1 },
	[SVC_EV_KIND] = { "kind", 1 },
	[SVC_EV_VALUE] = { "value", 0 },
	[SVC_EV_CUSTOMER] = { "customer", 0 },
	[SVC_EV_CHANNEL] = { "channel", 0 },
	[SVC_EV_DEPT] = { "dept", 0 },
	[SVC_EV_NOTE] = { "note", 0 },
	[SVC_EV_UID] = { "uid", 0 },
	[SVC_EV_LOGGED_BY] = { "logged_by", 0 },
	[SVC_EV_LOGGED_AT] = { "logged_at", 0 },
	[SVC_EV_VOID_OF] = { "void_of", 0 },
	[SVC_EV_VOIDED_BY] = { "voided_by", 0 },
	[SVC_EV_BATCH] = { "batch", 0 },
	/* last: added with closed periods, after the columns scripts know */
	[SVC_EV_LATE_REASON] = { "late_reason", 0 },
	[SVC_EV_FIELDS] = { "fields", 0 },
};

/*
 * What an import file may carry: what a clerk says, and the columns of
 * svc-log list, so that a list imports into another ledger. Of those, id,
 * void_of and voided_by carry the voids over (id names a row for a void_of
 * of the file); logged_by, logged_at, batch and late_reason tell how the
 * other ledger logged it, and this one records its own.
 */
enum { IN_TS, IN_STAFF, IN_KIND, IN_VALUE, IN_CUSTOMER, IN_CHANNEL, IN_DEPT,
	IN_NOTE, IN_UID, IN_ID, IN_VOID_OF, IN_VOIDED_BY, IN_LOGGED_BY,
	IN_LOGGED_AT, IN_BATCH, IN_LATE_REASON, IN_FIELDS, IN_NCOLS };
static const struct svc_csv_col import_cols[IN_NCOLS] = {
	{ "ts", 1 }, { "staff", 1 }, { "kind", 1 }, { "value", 0 },
	{ "customer", 0 }, { "channel", 0 }, { "dept", 0 }, { "note", 0 },
	{ "uid", 0 }, { "id", 0 }, { "void_of", 0 }, { "voided_by", 0 },
	{ "logged_by", 0 }, { "logged_at", 0 }, { "batch", 0 },
	{ "late_reason", 0 }, { "fields", 0 },
};

/*
 * An imported row marked voided_by: stored alone, for its id in this
 * ledger, and voided once every row is in, by the file's void row naming
 * it (void_of = its id in the file) or, when the file has none (a list
 * of one kind or period), with a reason saying where it was voided.
 */
struct voided {
	long long fid;		/* its id in the file, 0: none */
	long long by;		/* voided_by in the file */
	long long id;		/* the event in this ledger */
	long line;
	int claimed;		/* a void row of the file voids it */
};

/* A void row of an imported file (kind void, void_of set). */
struct void_row {
	long long of;		/* void_of: an id of the file */
	time_t t;
	char *reason, *uid;	/* uid NULL: none */
	long line;
};

/*
 * What check leaves for to_event: the event's fields encoded, their
 * split, its value_from value ("" if none). Each thread that checks has
 * its own: an import's reader thread checks rows while this one checks
 * the work-order events it writes.
 */
struct checked {
	struct svc_buf enc, split;
	char computed[32];
};

struct svc_ledger {
	struct svc_db *db;
	const struct svc_policy *policy;
	const char *tool, *user;
	long long batch;	/* 0 until the first write */
	int loaded;		/* staff and customers hold everyone */
	long long keep;		/* batch before the open transaction */
	struct svc_staff *staff;	/* sorted by id */
	size_t nstaff, capstaff;
	struct svc_index staff_ids;	/* staff[] by id */
	struct svc_index customers;	/* every customer id */
	struct svc_staff one;	/* not loaded: the last one looked up */
	int has_one;
	time_t now;		/* logged_at of the current transaction */
	char *repeat;		/* uid an import repeated with other content */
	char repeat_what[128];	/* "a different kind", for its message */
	const struct svc_ledger_hooks *hooks;	/* NULL: none */
	const char *late;	/* --late's reason, NULL: none */
	struct svc_map *map;	/* an import's mapping rules, NULL: none */
	struct closed *closed;	/* paid periods, by start */
	size_t nclosed, capclosed;
	struct voided *voided;	/* an import's rows marked voided_by */
	size_t nvoided, capvoided;
	/* an import's columns: import_cols, then one per field name the
	   policy's kinds declare (each name once) */
	struct svc_csv_col *cols;
	size_t ncols;
	struct svc_fieldval *fv;	/* record_in's field columns */
	struct checked chk;	/* check's, for callers on this thread */
	long alerts;		/* svc_ledger_alerts: events meeting one */
	struct svc_buf said;	/* and an add's alerts met */
};

static void
checked_release(struct checked *c)
{
	svc_buf_release(&c->enc);
	svc_buf_release(&c->split);
}

static int
add_staff(void *arg, const struct svc_staff *s)
{
	struct svc_ledger *l = arg;

	if (l->nstaff == l->capstaff) {
		l->capstaff = l->capstaff ? 2 * l->capstaff : 64;
		l->staff = svc_xrealloc(l->staff,
		    l->capstaff * sizeof(*l->staff));
	}
	svc_index_put(&l->staff_ids, s->id, l->nstaff);
	l->staff[l->nstaff++] = (struct svc_staff){
		svc_xstrdup(s->id), svc_xstrdup(s->name), svc_xstrdup(s->dept),
		svc_xstrdup(s->position), svc_xstrdup(s->unit),
		svc_xstrdup(s->supervisor), svc_xstrdup(s->leader), s->active
	};
	return 0;
}

static int
add_customer(void *arg, const struct svc_customer *c)
{
	struct svc_ledger *l = arg;

	svc_index_put(&l->customers, c->id, l->customers.n);
	return 0;
}

struct svc_ledger *
svc_ledger_new(struct svc_db *db, const struct svc_policy *policy,
    const char *tool, const char *user, struct svc_err *e)
{
	struct svc_ledger *l;
	const struct svc_field **fields;
	size_t nf;

	/* each batch records who logged it, printed with every event */
	if (svc_text_check(user, 0, "SVC_USER", e) < 0)
		return NULL;
	l = svc_xcalloc(1, sizeof(*l));
	l->db = db;
	l->policy = policy;
	l->tool = tool;
	l->user = user;
	nf = svc_fields_columns(policy, &fields);
	l->ncols = IN_NCOLS + nf;
	l->cols = svc_xmalloc(l->ncols * sizeof(*l->cols));
	memcpy(l->cols, import_cols, sizeof(import_cols));
	for (size_t i = 0; i < nf; i++)
		l->cols[IN_NCOLS + i] = (struct svc_csv_col){ fields[i]->name,
		    0 };
	free(fields);
	l->fv = svc_xcalloc(nf + 1, sizeof(*l->fv));
	return l;
}

void
svc_ledger_set_hooks(struct svc_ledger *l,
    const struct svc_ledger_hooks *hooks)
{
	l->hooks = hooks;
}

static void
unload(struct svc_ledger *l)
{
	for (size_t i = 0; i < l->nstaff; i++)
		svc_staff_release(&l->staff[i]);
	free(l->staff);
	svc_index_free(&l->staff_ids);
	svc_index_free(&l->customers);
	l->staff = NULL;
	l->nstaff = l->capstaff = 0;
	l->loaded = 0;
}

int
svc_ledger_preload(struct svc_ledger *l, struct svc_err *e)
{
	if (l->loaded)
		return 0;
	/* staff[] in id order (SQLite's memcmp order), for staff_all */
	if (svc_db_staff_each(l->db, add_staff, l, e) < 0 ||
	    svc_db_customer_each(l->db, add_customer, l, e) < 0) {
		unload(l);
		return -1;
	}
	l->loaded = 1;
	return 0;
}

void
svc_ledger_free(struct svc_ledger *l)
{
	if (l == NULL)
		return;
	unload(l);
	if (l->has_one)
		svc_staff_release(&l->one);
	free(l->repeat);
	free(l->closed);
	free(l->voided);
	free(l->cols);
	free(l->fv);
	checked_release(&l->chk);
	svc_buf_release(&l->said);
	free(l);
}

/*
 * Staff member id into *out: 1, 0 when not in the roster, -1 on a
 * database error. One event (an add) asks the database for one row
 * rather than loading thousands.
 */
static int
find_staff(struct svc_ledger *l, const char *id,
    const struct svc_staff **out, struct svc_err *e)
{
	int rc;

	size_t i;

	*out = NULL;
	if (l->loaded) {
		if ((i = svc_index_get(&l->staff_ids, id)) != 0)
			*out = &l->staff[i - 1];
		return *out != NULL;
	}
	if (l->has_one && strcmp(l->one.id, id) == 0) {
		*out = &l->one;
		return 1;
	}
	if (l->has_one) {
		svc_staff_release(&l->one);
		l->has_one = 0;
	}
	if ((rc = svc_db_staff_get(l->db, id, &l->one, e)) == 1) {
		l->has_one = 1;
		*out = &l->one;
	}
	return rc;
}

/* As find_staff for a customer id. */
static int
find_customer(struct svc_ledger *l, const char *id, struct svc_err *e)
{
	struct svc_customer c;
	int rc;

	if (l->loaded)
		return svc_index_get(&l->customers, id) != 0;
	if ((rc = svc_db_customer_get(l->db, id, &c, e)) == 1)
		svc_customer_release(&c);
	return rc;
}

const struct svc_staff *
svc_ledger_staff(struct svc_ledger *l, const char *id)
{
	const struct svc_staff *s;
	struct svc_err e;

	if (id == NULL)
		return NULL;
	return find_staff(l, id, &s, &e) == 1 ? s : NULL;
}

const struct svc_staff *
svc_ledger_staff_all(const struct svc_ledger *l, size_t *n)
{
	*n = l->nstaff;
	return l->staff;
}

static int
empty(const char *s)
{
	return s == NULL || *s == '\0';
}

/* Channels are codes a script can match: visit, phone, wechat, ... */
static int
channel_valid(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-' || *s == '_'))
			return 0;
	return 1;
}

static int
field_err(struct svc_err *e, const char *field, const char *fmt,
    const char *arg)
{
	return svc_err_set(e, NULL, 0, field, fmt, arg);
}

int
svc_ledger_customer(struct svc_ledger *l, const char *id, struct svc_err *e)
{
	return id == NULL ? 0 : find_customer(l, id, e);
}

struct svc_db *
svc_ledger_db(const struct svc_ledger *l)
{
	return l->db;
}

const struct svc_policy *
svc_ledger_policy(const struct svc_ledger *l)
{
	return l->policy;
}

/* svc_ledger_staff_hint's search over one staff member at a time: the
 * roster streamed from the database is not kept, so the best are copied. */
struct near_staff {
	struct svc_suggest sg;
	char *id;		/* the closest id so far */
	char *named, *name;	/* whoever has the typed text as name */
};

static int
near_staff(void *arg, const struct svc_staff *s)
{
	struct near_staff *n = arg;

	if (n->named == NULL && s->name != NULL &&
	    strcmp(s->name, n->sg.typed) == 0) {
		n->named = svc_xstrdup(s->id);
		n->name = svc_xstrdup(s->name);
	}
	svc_suggest_offer(&n->sg, s->id);
	if (n->sg.best == s->id) {
		free(n->id);
		n->id = svc_xstrdup(s->id);
		n->sg.best = n->id;
	}
	return 0;
}

char *
svc_ledger_staff_hint(struct svc_ledger *l, const char *typed)
{
	struct near_staff n = { .id = NULL };
	struct svc_buf b = { 0 };
	struct svc_err e;

	svc_suggest_init(&n.sg, typed);
	if (l->loaded) {
		for (size_t i = 0; i < l->nstaff; i++)
			near_staff(&n, &l->staff[i]);
	} else if (svc_db_staff_each(l->db, near_staff, &n, &e) < 0) {
		free(n.named);
		n.named = NULL;
		n.sg.best = NULL;
	}
	if (n.named != NULL)
		svc_buf_printf(&b, "'%s' is a name: did you mean %s (%s)?",
		    typed, n.named, n.name);
	else if (n.sg.best != NULL)
		svc_buf_printf(&b, "did you mean '%s'?", n.sg.best);
	free(n.id);
	free(n.named);
	free(n.name);
	return b.s;
}

/*
 * Closed periods: once a period's awards are paid, what was paid must
 * not move under them, so an event dated inside it is refused unless it
 * is logged as late, with a reason. The paid periods are read once per
 * write, inside its transaction (a payment committed meanwhile counts),
 * and each event's instant is tested against them: usually none, a
 * handful after a year, so an import does not slow down.
 */
struct closed {
	time_t start, end;
	char name[48];
	char on[16];		/* the day it was paid */
};

int
svc_ledger_set_late(struct svc_ledger *l, const char *reason,
    struct svc_err *e)
{
	if (svc_text_check(reason, 0, "--reason", e) < 0)
		return -1;
	l->late = reason;
	return 0;
}

static int
take_closed(void *arg, const char *period, const char *on, const char *at)
{
	struct svc_ledger *l = arg;
	struct svc_period p;
	struct svc_err pe = { 0 };
	struct closed *c;

	(void)at;
	/* svc-award saves only names it parsed: another cannot close days */
	if (svc_period_parse(period, l->now, &p, &pe) < 0)
		return 0;
	if (l->nclosed == l->capclosed) {
		l->capclosed = l->capclosed ? 2 * l->capclosed : 8;
		l->closed = svc_xrealloc(l->closed,
		    l->capclosed * sizeof(*l->closed));
	}
	c = &l->closed[l->nclosed++];
	c->start = p.start;
	c->end = p.end;
	snprintf(c->name, sizeof(c->name), "%s", period);
	snprintf(c->on, sizeof(c->on), "%s", on);
	return 0;
}

static int
closed_cmp(const void *a, const void *b)
{
	const struct closed *x = a, *y = b;

	return (x->start > y->start) - (x->start < y->start);
}

/* Reads the policy's paid periods; inside the write's transaction. */
static int
load_closed(struct svc_ledger *l, struct svc_err *e)
{
	l->nclosed = 0;
	if (svc_db_paid_periods(l->db, l->policy->name, take_closed, l,
	    e) < 0)
		return -1;
	if (l->nclosed > 1)
		qsort(l->closed, l->nclosed, sizeof(*l->closed), closed_cmp);
	return 0;
}

/*
 * An event at t: 0 when no paid period holds it, or when the write is
 * late (then *late is set); -1 with e naming the period. Only reads l,
 * for an import's reader thread.
 */
static int
closed_check(const struct svc_ledger *l, time_t t, int *late,
    struct svc_err *e)
{
	for (size_t i = 0; i < l->nclosed && l->closed[i].start <= t; i++) {
		const struct closed *c = &l->closed[i];

		if (t >= c->end)
			continue;
		if (l->late != NULL) {
			*late = 1;
			return 0;
		}
		return svc_err_set(e, NULL, 0, "ts", "%s is closed: its awards "
		    "were paid on %s (give --late --reason TEXT to log it "
		    "anyway)", c->name, c->on);
	}
	return 0;
}

int
svc_ledger_closed(struct svc_ledger *l, time_t t, struct svc_err *e)
{
	int late = 0;

	l->now = time(NULL);
	if (load_closed(l, e) < 0)
		return -1;
	if (closed_check(l, t, &late, e) < 0)
		return 1;
	for (size_t i = 0; late && i < l->nclosed; i++)
		if (l->closed[i].start <= t && t < l->closed[i].end) {
			svc_err_set(e, NULL, 0, "ts", "%s is closed: its awards "
			    "were paid on %s; logged late: %s",
			    l->closed[i].name, l->closed[i].on, l->late);
			return 1;
		}
	return 0;
}

/*
 * Checks in; its instant into *t (now, without ts) and its staff member
 * into *st. own: an event of the ledger's own (reserved) kinds, never in
 * a policy. With the roster loaded it only reads l, so an import's reader
 * thread may call it.
 */
static int same_value(const char *a, const char *b);

/*
 * The fields of in, an event of kind k about *st, into c->enc, and its
 * value_from value into c->computed. Looking up a staff field may move
 * the roster's one cached record: *st is looked up again after.
 */
static int
read_fields(struct checked *c, const struct svc_kind *k,
    const struct svc_event_in *in, struct svc_err *e)
{
	struct svc_fieldval *v;
	size_t n = 0, nsplit = 0, i;
	double sum = 0;
	size_t nnum = 0;
	const char *s;
	int rc;

	svc_buf_reset(&c->enc);
	svc_buf_adds(&c->enc, "");
	c->computed[0] = '\0';
	if (svc_text_check(in->fields, 0, "fields", e) < 0 ||
	    svc_fields_split(in->fields, &c->split, &nsplit, e) < 0) {
		snprintf(e->field, sizeof(e->field), "fields");
		return -1;
	}
	v = svc_xmalloc((nsplit + in->nfv + 1) * sizeof(*v));
	for (i = 0, s = c->split.s; i < nsplit; i++) {
		v[n].name = s;
		s += strlen(s) + 1;
		v[n++].value = s;
		s += strlen(s) + 1;
	}
	for (i = 0; i < in->nfv; i++) {
		const struct svc_field *f = svc_kind_field(k, in->fv[i].name);
		size_t j;

		/* a list read back gives a field in both: the same value
		   once, two values a mistake to show, not to choose from */
		for (j = 0; j < nsplit && f != NULL; j++)
			if (strcmp(v[j].name, f->name) == 0)
				break;
		if (f != NULL && j < nsplit) {
			rc = svc_field_same(f, in->fv[i].value, v[j].value, e);
			if (rc == 1)
				continue;
			if (rc == 0)
				svc_err_set(e, NULL, 0, NULL, "'%s' in its "
				    "column, '%s' in fields (give it once, or "
				    "the same in both)", in->fv[i].value,
				    v[j].value);
			snprintf(e->field, sizeof(e->field), "%s", f->name);
			free(v);
			return -1;
		}
		v[n++] = in->fv[i];
	}
	rc = svc_fields_encode(k, v, n, &c->enc, &sum, &nnum, e);
	free(v);
	if (rc == 0 && k->value_from != SVC_VALUE_GIVEN && nnum > 0)
		svc_fmt_num(svc_round2(k->value_from == SVC_VALUE_SUM ? sum :
		    sum / (double)nnum), c->computed);
	return rc;
}

static int
check_fields(struct svc_ledger *l, struct checked *c,
    const struct svc_kind *k, const struct svc_event_in *in,
    const struct svc_staff **st, struct svc_err *e)
{
	const struct svc_fieldval *v = in->fv;
	size_t n = in->nfv, nsplit, i;
	int rc = -1, looked = 0;

	if (read_fields(c, k, in, e) < 0)
		return -1;
	/* the fields column's too: split again (read_fields kept them) */
	if (svc_fields_split(in->fields, &c->split, &nsplit, e) < 0)
		return -1;
	for (i = 0; i < n + nsplit; i++) {
		const struct svc_field *f;
		const struct svc_staff *other;
		struct svc_fieldval one;

		if (i < n)
			one = v[i];
		else {
			const char *s = c->split.s;

			for (size_t j = n; j < i; j++) {
				s += strlen(s) + 1;
				s += strlen(s) + 1;
			}
			one.name = s;
			one.value = s + strlen(s) + 1;
		}
		if (empty(one.value))
			continue;
		f = svc_kind_field(k, one.name);
		if (f->type == SVC_FIELD_STAFF) {
			looked = 1;
			if ((rc = find_staff(l, one.value, &other, e)) <= 0) {
				if (rc == 0)
					field_err(e, f->name, "unknown staff "
					    "'%s' (not in the roster)",
					    one.value);
				return -1;
			}
		} else if (f->type == SVC_FIELD_CUSTOMER &&
		    (rc = find_customer(l, one.value, e)) <= 0) {
			if (rc == 0)
				field_err(e, f->name, "unknown customer '%s' "
				    "(not in the customer list)", one.value);
			return -1;
		}
	}
	if (looked && find_staff(l, in->staff, st, e) != 1)
		return -1;
	return 0;
}

static int
check(struct svc_ledger *l, struct checked *c, const struct svc_event_in *in,
    int own, time_t *t, const struct svc_staff **st, struct svc_err *e)
{
	const struct svc_kind *k = NULL;
	double v;
	int rc;

	if (svc_text_check(in->ts, 0, "ts", e) < 0 ||
	    svc_text_check(in->staff, 0, "staff", e) < 0 ||
	    svc_text_check(in->kind, 0, "kind", e) < 0 ||
	    svc_text_check(in->value, 0, "value", e) < 0 ||
	    svc_text_check(in->customer, 0, "customer", e) < 0 ||
	    svc_text_check(in->channel, 0, "channel", e) < 0 ||
	    svc_text_check(in->dept, 0, "dept", e) < 0 ||
	    svc_text_check(in->note, 1, "note", e) < 0 ||
	    svc_text_check(in->uid, 0, "uid", e) < 0)
		return -1;
	if (empty(in->ts)) {
		*t = time(NULL);
	} else if (svc_time_parse(in->ts, t, e) < 0) {
		snprintf(e->field, sizeof(e->field), "ts");
		return -1;
	}
	if (empty(in->staff))
		return field_err(e, "staff", "%s", "missing staff id");
	if ((rc = find_staff(l, in->staff, st, e)) < 0)
		return -1;
	if (rc == 0) {
		char *hint = svc_ledger_staff_hint(l, in->staff);

		svc_err_set(e, NULL, 0, "staff", "unknown staff '%s' (not in "
		    "the roster)%s%s", in->staff, hint ? "; " : "",
		    hint ? hint : "");
		free(hint);
		return -1;
	}
	if (empty(in->kind))
		return field_err(e, "kind", "%s", "missing kind");
	if (!own && svc_kind_code_reserved(in->kind))
		return field_err(e, "kind", "kind '%s' is reserved for svc "
		    "itself", in->kind);
	if (own && strncmp(in->kind, "order.", 6) != 0)
		return field_err(e, "kind", "kind '%s' is not a work-order "
		    "transition", in->kind);
	if (!svc_kind_code_valid(in->kind))
		return field_err(e, "kind", "bad kind '%s' (lower-case letters,"
		    " digits, '.', '_' and '-')", in->kind);
	if (!own && l->policy != NULL &&
	    (k = svc_policy_kind(l->policy, in->kind)) == NULL) {
		const char *near = svc_policy_kind_near(l->policy, in->kind);

		return svc_err_set(e, NULL, 0, "kind", "unknown kind '%s' "
		    "(not in policy %s)%s%s%s", in->kind, l->policy->path,
		    near ? "; did you mean '" : "", near ? near : "",
		    near ? "'?" : "");
	}
	/* only a kind that names positions looks at the staff record */
	if (k != NULL && k->positions.n > 0 &&
	    svc_policy_kind_on_sheet(k, (*st)->id, (*st)->position, e) < 0)
		return -1;
	svc_buf_reset(&c->enc);
	svc_buf_adds(&c->enc, "");
	c->computed[0] = '\0';
	if (k != NULL) {
		const char *value = in->value ? in->value : "";

		if (check_fields(l, c, k, in, st, e) < 0)
			return -1;
		/* without its number fields (a ledger from before them) an
		   event keeps the value given */
		if (c->computed[0] != '\0') {
			/* a list read back gives the value it stored */
			if (!empty(in->value) &&
			    !same_value(in->value, c->computed))
				return svc_err_set(e, NULL, 0, "value", "value "
				    "'%s' is not the %s of the fields (%s): "
				    "kind '%s' takes its value from them; "
				    "leave it empty", in->value,
				    k->value_from == SVC_VALUE_SUM ? "sum" :
				    "mean", c->computed, k->code);
			value = c->computed;
		}
		if (svc_policy_check_value(k, value, e) < 0) {
			snprintf(e->field, sizeof(e->field), "value");
			return -1;
		}
		/* unmeasured, an operation would drop out of the KPI */
		if (svc_limits_check(l->policy, in->kind, in->note, c->enc.s,
		    in->customer, e) < 0)
			return -1;
	} else if (in->nfv > 0 || !empty(in->fields)) {
		return svc_err_set(e, NULL, 0, in->nfv > 0 ? in->fv[0].name :
		    "fields", "kind '%s' has no fields", in->kind);
	} else if (!empty(in->value)) {
		if (svc_parse_num(in->value, &v) < 0)
			return field_err(e, "value", "bad number '%s'",
			    in->value);
		if (fabs(v) > SVC_NUM_MAX)
			return field_err(e, "value", "value '%s' out of range "
			    "(expected -" SVC_NUM_MAX_TEXT " to "
			    SVC_NUM_MAX_TEXT ")", in->value);
	}
	if (!empty(in->customer) &&
	    (rc = find_customer(l, in->customer, e)) <= 0) {
		if (rc < 0)
			return -1;
		return field_err(e, "customer", "unknown customer '%s' (not "
		    "in the customer list)", in->customer);
	}
	if (!empty(in->channel) && !channel_valid(in->channel))
		return field_err(e, "channel", "bad channel '%s' (a lower-case "
		    "code: visit, phone, letter, wechat, web, ...)",
		    in->channel);
	if (!empty(in->channel) && l->policy != NULL &&
	    l->policy->channels.n > 0 &&
	    !svc_names_has(&l->policy->channels, in->channel)) {
		struct svc_buf b = { 0 };

		for (size_t i = 0; i < l->policy->channels.n; i++)
			svc_buf_printf(&b, "%s%s", i ? ", " : "",
			    l->policy->channels.v[i]);
		svc_err_set(e, NULL, 0, "channel", "unknown channel '%s' (the "
		    "policy's are %s)", in->channel, b.s);
		svc_buf_release(&b);
		return -1;
	}
	return 0;
}

int
svc_ledger_check(struct svc_ledger *l, const struct svc_event_in *in,
    struct svc_err *e)
{
	const struct svc_staff *st;
	time_t t;

	return check(l, &l->chk, in, 0, &t, &st, e);
}

/* Fills ev from in, checked to be at t by st; borrows in's strings and
 * st's department. */
static void
to_event(const struct svc_ledger *l, const struct checked *c,
    const struct svc_event_in *in, time_t t, const struct svc_staff *st,
    struct svc_event *ev)
{
	/* ts is not stored: it is written out from t when read */
	memset(ev, 0, sizeof(*ev));
	ev->t = t;
	ev->staff = in->staff;
	ev->kind = in->kind;
	ev->value = in->value;
	ev->customer = in->customer;
	ev->channel = in->channel;
	ev->dept = empty(in->dept) ? st->dept : in->dept;
	ev->note = in->note;
	ev->uid = in->uid;
	ev->logged = l->now;
	ev->batch = l->batch;
	ev->fields = c->enc.s;
	if (c->computed[0] != '\0')
		ev->value = c->computed;
}

static int
start(struct svc_ledger *l, const char *source, struct svc_err *e)
{
	l->keep = l->batch;
	if (svc_db_begin(l->db, e) < 0)
		return -1;
	/* one transaction, one moment: not a clock read per imported row */
	l->now = time(NULL);
	if (l->batch == 0 &&
	    (l->batch = svc_db_batch_new(l->db, l->tool, source, l->user,
	    e)) < 0) {
		l->batch = 0;
		svc_db_rollback(l->db);
		return -1;
	}
	return 0;
}

int
svc_ledger_begin(struct svc_ledger *l, const char *source, struct svc_err *e)
{
	return start(l, source, e);
}

void
svc_ledger_rollback(struct svc_ledger *l)
{
	svc_db_rollback(l->db);
	l->batch = l->keep;	/* the batch row rolled back too */
}

int
svc_ledger_commit(struct svc_ledger *l, struct svc_err *e)
{
	if (svc_db_commit(l->db, e) < 0) {
		l->batch = l->keep;
		return -1;
	}
	return 0;
}

int
svc_ledger_own_event(struct svc_ledger *l, const struct svc_event_in *in,
    long long *id, struct svc_err *e)
{
	const struct svc_staff *st;
	struct svc_event ev;
	time_t t;

	if (check(l, &l->chk, in, 1, &t, &st, e) < 0)
		return -1;
	to_event(l, &l->chk, in, t, st, &ev);
	return svc_db_event_add(l->db, &ev, id, e) < 0 ? -1 : 0;
}

static int
same_text(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* b as the ledger writes a stored value out, a as given. */
static int
same_value(const char *a, const char *b)
{
	char buf[32];
	double x;

	if (empty(a) || empty(b))
		return empty(a) && empty(b);
	return svc_parse_num(a, &x) == 0 &&
	    strcmp(svc_fmt_num(x, buf), b) == 0;
}

/*
 * Whether encodings a and b (fields.h) hold the same fields of kind k of
 * p: the same text, or, where a time field's texts differ, the same
 * instant (the canonical form's offset is TZ's when p names no zone).
 */
static int
same_fields(const struct svc_policy *p, const char *kind, const char *a,
    const char *b)
{
	const struct svc_kind *k = p != NULL ? svc_policy_kind(p, kind) :
	    NULL;
	struct svc_buf sa = { 0 }, sb = { 0 };
	struct svc_err e;
	size_t na, nb;
	int same;

	if (same_text(a, b))
		return 1;
	if (k == NULL || svc_fields_split(a, &sa, &na, &e) < 0 ||
	    svc_fields_split(b, &sb, &nb, &e) < 0 || na != nb) {
		same = 0;
		goto out;
	}
	/* both sorted by name, as encoded: name, value, name, value... */
	same = 1;
	for (const char *x = sa.s, *y = sb.s; na-- > 0 && same; ) {
		const char *va = x + strlen(x) + 1, *vb = y + strlen(y) + 1;
		const struct svc_field *f = svc_kind_field(k, x);

		same = strcmp(x, y) == 0 && (strcmp(va, vb) == 0 ||
		    (f != NULL && f->type == SVC_FIELD_TIME &&
		    svc_field_same(f, va, vb, &e) == 1));
		x = va + strlen(va) + 1;
		y = vb + strlen(vb) + 1;
	}
out:
	svc_buf_release(&sa);
	svc_buf_release(&sb);
	return same;
}

/*
 * Writes "a different kind" (or "a different ts, staff and note") into
 * buf[n] for the fields where ev differs from stored, the event its uid
 * names; returns how many differ. Same content: the same instant, staff,
 * kind, value (as a number), customer, channel, department, note and
 * fields (same_fields, under p).
 */
static int
differs(const struct svc_policy *p, const struct svc_event *ev,
    const struct svc_event *stored, char *buf, size_t n)
{
	const char *f[9];
	int k = 0, len;

	if (ev->t != stored->t)
		f[k++] = "ts";
	if (!same_text(ev->staff, stored->staff))
		f[k++] = "staff";
	if (!same_text(ev->kind, stored->kind))
		f[k++] = "kind";
	if (!same_value(ev->value, stored->value))
		f[k++] = "value";
	if (!same_text(ev->customer, stored->customer))
		f[k++] = "customer";
	if (!same_text(ev->channel, stored->channel))
		f[k++] = "channel";
	if (!same_text(ev->dept, stored->dept))
		f[k++] = "dept";
	if (!same_text(ev->note, stored->note))
		f[k++] = "note";
	if (!same_fields(p, ev->kind, ev->fields, stored->fields))
		f[k++] = "fields";
	len = snprintf(buf, n, "a different");
	for (int i = 0; i < k && len >= 0 && (size_t)len < n; i++)
		len += snprintf(buf + len, n - (size_t)len, "%s%s",
		    i == 0 ? " " : i == k - 1 ? " and " : ", ", f[i]);
	return k;
}

/*
 * ev was not stored: its uid is. The same content is an idempotent
 * repeat (0); other content is refused (-1, e at field uid), for keeping
 * either silently loses the other.
 */
static int
repeat_ok(const struct svc_policy *p, const struct svc_event *ev,
    const struct svc_event *stored, struct svc_err *e)
{
	char what[128];

	if (differs(p, ev, stored, what, sizeof(what)) == 0)
		return 0;
	return svc_err_set(e, NULL, 0, "uid", "already stored as event %lld "
	    "with %s", stored->id, what);
}

/*
 * As repeat_ok, for ev that svc_db_event_add did not store. Without a
 * time of its own (ts_given 0) ev was "now", which a clerk's retry of the
 * same add cannot repeat: then the stored time is not compared.
 */
static int
stored_repeat_ok(struct svc_ledger *l, const struct svc_event *ev,
    int ts_given, struct svc_err *e)
{
	struct svc_event stored, retry = *ev;
	int rc = svc_db_event_by_uid(l->db, ev->uid, &stored, e);

	if (rc <= 0)
		return rc;
	if (!ts_given)
		retry.t = stored.t;
	return repeat_ok(l->policy, &retry, &stored, e);
}

/* Whether l has no policy to check an event's kind against, said in e:
 * any kind would be stored, and its period would then fail to score. */
static int
no_policy(const struct svc_ledger *l, struct svc_err *e)
{
	if (l->policy != NULL)
		return 0;
	svc_err_set(e, NULL, 0, NULL, "no policy to check kinds against");
	return 1;
}

/* Whether ev, once stored, opens a follow-up order: a dissatisfied
 * revisit of a kind that says so. */
static int
needs_follow_up(const struct svc_ledger *l, const struct svc_event *ev)
{
	const struct svc_kind *k;
	double v;

	return l->policy != NULL &&
	    (k = svc_policy_kind(l->policy, ev->kind)) != NULL &&
	    k->counts_as == SVC_AS_REVISIT && k->follow_up &&
	    !empty(ev->value) && svc_parse_num(ev->value, &v) == 0 &&
	    v <= k->dissatisfied_max;
}

/* Opens the follow-up order of revisit ev, stored as id, through the
 * hook. */
static int
open_follow_up(struct svc_ledger *l, const struct svc_event *ev,
    long long id, struct svc_err *e)
{
	if (l->hooks == NULL || l->hooks->follow_up == NULL)
		return svc_err_set(e, NULL, 0, NULL, "event %lld needs a "
		    "follow-up order, but no work-order module is attached",
		    id);
	return l->hooks->follow_up(l, ev, id, e);
}

/*
 * Opens the follow-up order of a stored revisit when the policy asks for
 * one. ev's strings may be l's own buffers: the hook copies what it
 * needs before writing.
 */
static int
follow_up(struct svc_ledger *l, const struct svc_event *ev, long long id,
    struct svc_err *e)
{
	return needs_follow_up(l, ev) ? open_follow_up(l, ev, id, e) : 0;
}

/* The number of alerts of ev's kind that ev meets, and them in *said
 * (when not NULL) as svc_ledger_alerts says. */
static size_t
alerts_met(struct svc_ledger *l, const struct svc_event *ev,
    struct svc_buf *said)
{
	const struct svc_kind *k = svc_policy_kind(l->policy, ev->kind);

	if (k == NULL || k->nalerts == 0 || empty(ev->fields))
		return 0;
	return svc_fields_alerts(k, ev->fields, 1, "\n", said);
}

long
svc_ledger_alerts(const struct svc_ledger *l, const char **said)
{
	if (said != NULL)
		*said = l->said.s != NULL ? l->said.s : "";
	return l->alerts;
}

size_t
svc_ledger_alert_lines(struct svc_ledger *l, const char *kind,
    struct svc_buf *out)
{
	const struct svc_kind *k = svc_policy_kind(l->policy, kind);
	const char *said, *nl;
	size_t n = 0;

	if (svc_ledger_alerts(l, &said) == 0 || k == NULL)
		return 0;
	for (; *said; said = *nl ? nl + 1 : nl, n++) {
		nl = strchr(said, '\n');
		if (nl == NULL)
			nl = said + strlen(said);
		svc_buf_printf(out, "alert: %.*s (%s)\n", (int)(nl - said),
		    said, *k->label ? k->label : k->code);
	}
	return n;
}

int
svc_ledger_add(struct svc_ledger *l, const struct svc_event_in *in,
    long long *id, struct svc_err *e)
{
	const struct svc_staff *st;
	struct svc_event ev;
	long long newid = 0;
	time_t t;
	int rc, late = 0;

	l->alerts = 0;
	svc_buf_reset(&l->said);
	if (no_policy(l, e))
		return -1;
	if (check(l, &l->chk, in, 0, &t, &st, e) < 0)
		return -1;
	if (start(l, "add", e) < 0)
		return -1;
	if (load_closed(l, e) < 0 || closed_check(l, t, &late, e) < 0 ||
	    (late && svc_db_batch_late(l->db, l->batch, l->late, e) < 0))
		goto fail;
	to_event(l, &l->chk, in, t, st, &ev);
	if ((rc = svc_db_event_add(l->db, &ev, &newid, e)) < 0 ||
	    (rc == 1 && follow_up(l, &ev, newid, e) < 0) ||
	    (rc == 0 && stored_repeat_ok(l, &ev, !empty(in->ts), e) < 0))
		goto fail;
	/* a uid already stored: nothing to keep, not even the batch */
	if (rc == 0) {
		svc_ledger_rollback(l);
		return 0;
	}
	if (id != NULL)
		*id = newid;	/* before the commit, for its report */
	if (svc_ledger_commit(l, e) < 0)
		goto fail;
	l->alerts = alerts_met(l, &ev, &l->said) > 0;
	return 1;
fail:
	svc_ledger_rollback(l);
	return -1;
}

/*
 * An import runs on two threads. A reader thread reads the records and
 * checks them; this one stores them, a block at a time, in one import
 * session (svc_db_import_begin). The storage's part, most of an import,
 * cannot be shared out; reading and checking, about an eighth, now
 * happen beside it instead of before it.
 * The threads pass blocks of checked events. An event's strings are
 * copied into its block's text (a record's own last only until the next
 * is read) and kept as offsets while the text may move.
 */
/* PostgreSQL pays per statement (a round trip, a plan, the key
 * checks' trigger): 4,096 rows a block took a 100k import there from
 * 2.6 s to 2.0 s (docs/performance.md), for some 6 MB more at most;
 * SQLite's is the same or faster. */
#define BLOCK_ROWS	4096	/* events a block holds */
#define BLOCKS		4	/* blocks between the threads */

enum { P_STAFF, P_KIND, P_VALUE, P_CUSTOMER, P_CHANNEL, P_DEPT,
	P_NOTE, P_UID, P_FIELDS, P_NSTR };
struct block {
	struct svc_event ev[BLOCK_ROWS];
	size_t off[BLOCK_ROWS][P_NSTR];	/* SIZE_MAX: NULL */
	long line[BLOCK_ROWS];
	unsigned char follow[BLOCK_ROWS];	/* opens a follow-up order */
	unsigned char alert[BLOCK_ROWS];	/* meets an alert */
	long long fid[BLOCK_ROWS], by[BLOCK_ROWS];	/* id and voided_by in
							   the file, 0: none */
	struct svc_buf text;
	size_t n;
};

/* The import column an error's field names, for svc_csv_place. */
static size_t
in_col(const struct svc_ledger *l, const char *field)
{
	for (size_t i = 0; i < l->ncols; i++)
		if (strcmp(l->cols[i].name, field) == 0)
			return i;
	return SIZE_MAX;
}

void
svc_ledger_set_map(struct svc_ledger *l, struct svc_map *m)
{
	l->map = m;
}

/* The columns an import reads: svc's own and the kinds' fields, or the
 * map's names for them (in the same places: a field's column is found
 * by its name in l->cols either way). */
static const struct svc_csv_col *
in_cols(struct svc_ledger *l, size_t *n)
{
	if (l->map != NULL)
		return svc_map_cols(l->map, l->cols, l->ncols, n);
	*n = l->ncols;
	return l->cols;
}

/* The current record of r as an event, through the map if there is one.
 * Its strings are r's and buf's. */
static int
record_in(struct svc_ledger *l, struct svc_csv_reader *r,
    struct svc_event_in *in, struct svc_buf *buf, struct svc_err *e)
{
	struct svc_event_in v = {
		svc_csv_get(r, IN_TS), svc_csv_get(r, IN_STAFF),
		svc_csv_get(r, IN_KIND), svc_csv_get(r, IN_VALUE),
		svc_csv_get(r, IN_CUSTOMER), svc_csv_get(r, IN_CHANNEL),
		svc_csv_get(r, IN_DEPT), svc_csv_get(r, IN_NOTE),
		svc_csv_get(r, IN_UID), svc_csv_get(r, IN_FIELDS), l->fv, 0
	};

	/* a field's own column: only what the row gives */
	for (size_t c = IN_NCOLS; c < l->ncols; c++)
		if (svc_csv_has(r, c) && *svc_csv_get(r, c) != '\0') {
			l->fv[v.nfv].name = l->cols[c].name;
			l->fv[v.nfv++].value = svc_csv_get(r, c);
		}
	*in = v;
	if (l->map == NULL)
		return 0;
	return svc_map_apply(l->map, r, in, buf,
	    l->now ? l->now : time(NULL), e);
}

/* The reader thread's own, until the handoff has ended. */
struct reader {
	struct svc_ledger *l;
	struct svc_csv_reader *r;
	struct svc_buf mapped;	/* record_in's */
	struct checked chk;	/* check's */
	long rows;		/* records read */
	int late;		/* a record fell in a paid period */
	struct void_row *voids;	/* the file's void rows */
	size_t nvoids, capvoids;
	struct svc_err err;
};

static size_t
stash(struct block *b, const char *s)
{
	size_t o = b->text.len;

	if (s == NULL)
		return SIZE_MAX;
	svc_buf_add(&b->text, s, strlen(s) + 1);
	return o;
}

static const char *
stashed(const struct block *b, size_t o)
{
	return o == SIZE_MAX ? NULL : b->text.s + o;
}

/* Adds ev, from the record on line, to b. */
static void
keep(struct block *b, const struct svc_ledger *l, const struct svc_event *ev,
    long line)
{
	size_t *o = b->off[b->n];

	b->ev[b->n] = *ev;
	b->follow[b->n] = (unsigned char)needs_follow_up(l, ev);
	b->fid[b->n] = b->by[b->n] = 0;
	b->line[b->n++] = line;
	o[P_STAFF] = stash(b, ev->staff);
	o[P_KIND] = stash(b, ev->kind);
	o[P_VALUE] = stash(b, ev->value);
	o[P_CUSTOMER] = stash(b, ev->customer);
	o[P_CHANNEL] = stash(b, ev->channel);
	o[P_DEPT] = stash(b, ev->dept);
	o[P_NOTE] = stash(b, ev->note);
	o[P_UID] = stash(b, ev->uid);
	o[P_FIELDS] = stash(b, ev->fields);
}

/* An id cell of a list: 0 when empty, else a positive whole number. */
static int
list_id(struct svc_csv_reader *r, int col, long long *id, struct svc_err *e)
{
	const char *s = svc_csv_get(r, col);
	long v;

	*id = 0;
	if (*s == '\0')
		return 0;
	if (svc_parse_long(s, 1, 0x7fffffffL, &v) < 0)
		return svc_err_set(e, NULL, 0, import_cols[col].name, "bad id "
		    "'%s' (an event id: a positive whole number)", s);
	*id = v;
	return 0;
}

static int
list_ids(struct svc_csv_reader *r, long long *fid, long long *of,
    long long *by, struct svc_err *e)
{
	return list_id(r, IN_ID, fid, e) < 0 ||
	    list_id(r, IN_VOID_OF, of, e) < 0 ||
	    list_id(r, IN_VOIDED_BY, by, e) < 0 ? -1 : 0;
}

/*
 * A void row of the file (kind void, void_of an id of the file): kept
 * for the end of the import, when what it voids is stored. Its note is
 * the reason, as svc-log void writes it.
 */
static int
void_row(struct reader *rd, const struct svc_event_in *in, long long of,
    long long by, long line)
{
	struct svc_err *e = &rd->err;
	struct void_row *v;
	time_t t;

	if (strcmp(in->kind, "void") != 0)
		return field_err(e, "void_of", "a row of kind '%s' voids "
		    "nothing (only a void row has void_of)", in->kind);
	if (of == 0)
		return field_err(e, "void_of", "%s", "a void row names the "
		    "id of the row it voids");
	if (by != 0)
		return field_err(e, "voided_by", "%s", "a voiding event "
		    "cannot be voided");
	if (svc_time_parse(in->ts, &t, e) < 0) {
		snprintf(e->field, sizeof(e->field), "ts");
		return -1;
	}
	if (svc_text_check(in->note, 1, "note", e) < 0 ||
	    svc_text_check(in->uid, 0, "uid", e) < 0)
		return -1;
	if (empty(in->note))
		return field_err(e, "note", "%s", "a void row's note is its "
		    "reason, which is required");
	if (rd->nvoids == rd->capvoids) {
		rd->capvoids = rd->capvoids ? 2 * rd->capvoids : 16;
		rd->voids = svc_xrealloc(rd->voids,
		    rd->capvoids * sizeof(*rd->voids));
	}
	v = &rd->voids[rd->nvoids++];
	v->of = of;
	v->t = t;
	v->reason = svc_xstrdup(in->note);
	v->uid = empty(in->uid) ? NULL : svc_xstrdup(in->uid);
	v->line = line;
	return 0;
}

/* svc_handoff_fill: the next BLOCK_ROWS checked events of the file. */
static int
read_block(void *arg, void *block)
{
	struct reader *rd = arg;
	struct svc_csv_reader *r = rd->r;
	struct block *b = block;
	const struct svc_staff *st;
	struct svc_event ev;
	time_t t;
	int rc;

	b->n = 0;
	svc_buf_reset(&b->text);
	while (b->n < BLOCK_ROWS) {
		if ((rc = svc_csv_next(r, &rd->err)) <= 0)
			return rc;
		rd->rows++;
		struct svc_event_in in;

		long long fid, of, by;

		if (record_in(rd->l, r, &in, &rd->mapped, &rd->err) < 0 ||
		    list_ids(r, &fid, &of, &by, &rd->err) < 0) {
			/* placed below */
		} else if (empty(in.ts))
			svc_err_set(&rd->err, NULL, 0, "ts",
			    "missing timestamp");
		else if (of != 0 || strcmp(in.kind, "void") == 0) {
			if (void_row(rd, &in, of, by, svc_csv_line(r)) == 0)
				continue;
		} else if (check(rd->l, &rd->chk, &in, 0, &t, &st,
		    &rd->err) == 0 &&
		    closed_check(rd->l, t, &rd->late, &rd->err) == 0) {
			to_event(rd->l, &rd->chk, &in, t, st, &ev);
			keep(b, rd->l, &ev, svc_csv_line(r));
			b->fid[b->n - 1] = fid;
			b->by[b->n - 1] = by;
			continue;
		}
		/* a record's error: place it in the file */
		if (rd->err.file[0] == '\0')
			svc_csv_place(r, svc_csv_line(r),
			    in_col(rd->l, rd->err.field), &rd->err);
		return -1;
	}
	return 1;
}

/* The rows of a block svc_db_import_rows is storing from `from` on. */
struct storing {
	struct svc_ledger *l;
	const struct block *b;
	size_t from;
	const struct svc_csv_reader *r;
};

/*
 * svc_db_skipped_fn, and for a row stored alone: row i of the block was
 * not stored, stored holds its uid. An event of this import's own batch
 * came from an earlier line of the file, which svc_ledger_import names
 * once the import is over.
 */
static int
skipped_row(struct storing *g, size_t i, const struct svc_event *stored,
    struct svc_err *e)
{
	const struct svc_event *ev = &g->b->ev[i];
	struct svc_ledger *l = g->l;
	char what[sizeof(l->repeat_what)];

	if (differs(l->policy, ev, stored, what, sizeof(what)) == 0) {
		/* counted as stored when its block was */
		l->alerts -= g->b->alert[i];
		return 0;
	}
	if (stored->batch == l->batch) {
		free(l->repeat);
		l->repeat = svc_xstrdup(ev->uid);
		memcpy(l->repeat_what, what, sizeof(what));
		svc_err_set(e, NULL, 0, "uid", "an earlier %s "
		    "has the same uid with %s", svc_csv_sheet(g->r) ? "row" :
		    "line", what);
	} else
		svc_err_set(e, NULL, 0, "uid", "already stored "
		    "as event %lld with %s", stored->id, what);
	svc_csv_place(g->r, g->b->line[i], in_col(g->l, "uid"), e);
	return -1;
}

static int
skipped_many(void *arg, size_t i, const struct svc_event *stored,
    struct svc_err *e)
{
	struct storing *g = arg;

	return skipped_row(g, g->from + i, stored, e);
}

/* Keeps row i of b, stored as event id, for voiding at the end. */
static void
keep_voided(struct svc_ledger *l, const struct block *b, size_t i,
    long long id)
{
	if (l->nvoided == l->capvoided) {
		l->capvoided = l->capvoided ? 2 * l->capvoided : 16;
		l->voided = svc_xrealloc(l->voided,
		    l->capvoided * sizeof(*l->voided));
	}
	l->voided[l->nvoided++] = (struct voided){ b->fid[i], b->by[i], id,
	    b->line[i], 0 };
}

/* Stores b's events in order, adding to *added those stored. An
 * error without a file is placed at the line of the event it came from. */
static int
store_block(struct svc_ledger *l, struct block *b,
    const struct svc_csv_reader *r, long *added, struct svc_err *e)
{
	struct storing g = { l, b, 0, r };
	struct svc_event old;
	size_t from = 0, i;
	long long id;
	int stored, rc;

	for (i = 0; i < b->n; i++) {
		struct svc_event *ev = &b->ev[i];
		const size_t *o = b->off[i];

		ev->staff = stashed(b, o[P_STAFF]);
		ev->kind = stashed(b, o[P_KIND]);
		ev->value = stashed(b, o[P_VALUE]);
		ev->customer = stashed(b, o[P_CUSTOMER]);
		ev->channel = stashed(b, o[P_CHANNEL]);
		ev->dept = stashed(b, o[P_DEPT]);
		ev->note = stashed(b, o[P_NOTE]);
		ev->uid = stashed(b, o[P_UID]);
		ev->fields = stashed(b, o[P_FIELDS]);
		b->alert[i] = alerts_met(l, ev, NULL) > 0;
		l->alerts += b->alert[i];
		if (!b->follow[i] && !b->by[i])
			continue;
		/* its order or its void names its id: stored now, after
		 * those before */
		g.from = from;
		if (svc_db_import_rows(l->db, b->ev + from, i - from, added,
		    skipped_many, &g, e) < 0 ||
		    (stored = svc_db_import_one(l->db, ev, &id, e)) < 0 ||
		    (stored && b->follow[i] && open_follow_up(l, ev, id,
		    e) < 0))
			goto fail;
		if (!stored && ((rc = svc_db_event_by_uid(l->db, ev->uid, &old,
		    e)) < 0 || (rc == 1 && skipped_row(&g, i, &old, e) < 0)))
			goto fail;
		if (b->by[i])
			keep_voided(l, b, i, stored ? id : old.id);
		*added += stored;
		from = i + 1;
	}
	g.from = from;
	if (svc_db_import_rows(l->db, b->ev + from, b->n - from, added,
	    skipped_many, &g, e) == 0)
		return 0;
fail:
	if (e->file[0] == '\0')
		svc_csv_place(r, b->line[i < b->n ? i : b->n - 1],
		    in_col(l, e->field), e);
	return -1;
}

/*
 * Stores one void of an import: event id, voided in the other ledger by
 * void row v (NULL: none in the file; then now, with a reason naming
 * that ledger's voiding event by). An event this ledger has voided
 * already (the same file imported again) is left as it is. Returns 1
 * when stored, 0 when not, -1.
 */
static int
import_void(struct svc_ledger *l, long long id, const struct void_row *v,
    long long by, struct svc_err *e)
{
	struct svc_event ev, w;
	char why[96];
	long long vid;
	int rc;

	if ((rc = svc_db_event_get(l->db, id, &ev, e)) <= 0)
		return rc < 0 ? -1 : svc_err_set(e, NULL, 0, "voided_by",
		    "event %lld is not in the ledger", id);
	if (ev.voided_by != 0)
		return 0;
	snprintf(why, sizeof(why), "voided where it was listed from (by its "
	    "event %lld)", by);
	memset(&w, 0, sizeof(w));
	w.t = v != NULL ? v->t : l->now;
	w.staff = ev.staff;
	w.kind = "void";
	w.dept = ev.dept;
	w.note = v != NULL ? v->reason : why;
	w.uid = v != NULL ? v->uid : NULL;
	w.logged = l->now;
	w.void_of = id;
	w.batch = l->batch;
	if ((rc = svc_db_event_add(l->db, &w, &vid, e)) < 0)
		return -1;
	if (rc == 0)
		return svc_err_set(e, NULL, 0, "uid", "already stored as an "
		    "event that does not void event %lld", id);
	if (l->hooks != NULL && l->hooks->voided != NULL &&
	    l->hooks->voided(l, id, w.note, e) < 0)
		return -1;
	return 1;
}

/* Places an error of an import's void without a place at line. */
static int
at_line(struct svc_err *e, const char *name, long line)
{
	if (e->file[0] == '\0') {
		snprintf(e->file, sizeof(e->file), "%s", name);
		e->line = line;
	}
	return -1;
}

/*
 * Once every row of an import is stored: the void rows of the file void
 * the rows they name, and rows marked voided_by that none names are
 * voided all the same, so the scores are the ones of the ledger the file
 * was listed from. *rows counts the void rows stored, *more the voids
 * stored for rows no void row names.
 */
static int
import_voids(struct svc_ledger *l, struct reader *rd, const char *name,
    long *rows, long *more, struct svc_err *e)
{
	int rc;

	for (size_t i = 0; i < rd->nvoids; i++) {
		const struct void_row *v = &rd->voids[i];
		struct voided *t = NULL;

		for (size_t j = 0; j < l->nvoided && t == NULL; j++)
			if (l->voided[j].fid == v->of)
				t = &l->voided[j];
		if (t == NULL)
			return svc_err_set(e, name, v->line, "void_of", "event "
			    "%lld is not a row of the file marked voided_by",
			    v->of);
		if (t->claimed)
			return svc_err_set(e, name, v->line, "void_of", "event "
			    "%lld is voided by an earlier row", v->of);
		t->claimed = 1;
		if ((rc = import_void(l, t->id, v, t->by, e)) < 0)
			return at_line(e, name, v->line);
		*rows += rc;
	}
	for (size_t j = 0; j < l->nvoided; j++) {
		if (l->voided[j].claimed)
			continue;
		if ((rc = import_void(l, l->voided[j].id, NULL,
		    l->voided[j].by, e)) < 0)
			return at_line(e, name, l->voided[j].line);
		*more += rc;
	}
	return 0;
}

/* svc_ledger_import once r's header is read and the import session has
 * begun. */
static int
import_rows(struct svc_ledger *l, struct svc_csv_reader *r, long *added,
    long *skipped, struct svc_err *e)
{
	struct reader rd = { .l = l, .r = r };
	struct block *blocks, *b;
	struct svc_handoff *h = NULL;
	void *ring[BLOCKS];
	int rc, status = 0;

	if (start(l, svc_csv_name(r), e) < 0)
		return -1;
	blocks = svc_xcalloc(BLOCKS, sizeof(*blocks));
	for (int i = 0; i < BLOCKS; i++)
		ring[i] = &blocks[i];
	/*
	 * Many rows: the whole roster is cheaper than a query per row. It is
	 * read afresh inside this transaction, for every row's staff and
	 * customer are checked against it and nothing else checks them.
	 * The reader thread only reads it from here on.
	 */
	unload(l);
	if ((rc = svc_ledger_preload(l, e)) == 0 &&
	    (rc = load_closed(l, e)) == 0)
		h = svc_handoff_start(read_block, &rd, ring, BLOCKS);
	l->nvoided = 0;
	while (rc == 0 && (b = svc_handoff_next(h, &status)) != NULL)
		rc = store_block(l, b, r, added, e);
	if (rc == 0 && status < 0) {
		*e = rd.err;
		rc = -1;
	}
	svc_handoff_free(h);
	svc_buf_release(&rd.mapped);
	checked_release(&rd.chk);
	for (int i = 0; i < BLOCKS; i++)
		svc_buf_release(&blocks[i].text);
	free(blocks);
	*skipped = rd.rows - rd.nvoids - *added;
	if (rc == 0) {
		long rows = 0, more = 0;

		rc = import_voids(l, &rd, svc_csv_name(r), &rows, &more, e);
		*added += rows + more;
		/* a void row already in the ledger is skipped */
		*skipped += (long)rd.nvoids - rows;
	}
	for (size_t i = 0; i < rd.nvoids; i++) {
		free(rd.voids[i].reason);
		free(rd.voids[i].uid);
	}
	free(rd.voids);
	if (rc == 0 && rd.late && *added > 0)
		rc = svc_db_batch_late(l->db, l->batch, l->late, e);
	if (rc < 0) {
		svc_ledger_rollback(l);
		return -1;
	}
	/* no row stored (a header alone, every uid known): no batch either */
	if (*added == 0) {
		svc_ledger_rollback(l);
		return 0;
	}
	return svc_ledger_commit(l, e);
}

/*
 * Names the line where an import's repeated uid first came, reading the
 * file again: only a failed import pays for it, and only when the file
 * can be read twice (not standard input).
 */
static void
name_repeat(struct svc_ledger *l, const char *path,
    const struct svc_csv_opts *opts, struct svc_err *e)
{
	struct svc_csv_reader *r;
	size_t ncols;
	const struct svc_csv_col *cols = in_cols(l, &ncols);
	struct svc_buf buf = { 0 };
	struct svc_event_in in;
	struct svc_err e2;
	long line = 0;
	int sheet = 0;

	if (strcmp(path, "-") != 0 && (r = svc_csv_open(path, opts,
	    &e2)) != NULL) {
		sheet = svc_csv_sheet(r) != NULL;
		if (svc_csv_header(r, cols, ncols, &e2) == 0)
			while (svc_csv_next(r, &e2) == 1)
				if (record_in(l, r, &in, &buf, &e2) == 0 &&
				    strcmp(in.uid, l->repeat) == 0) {
					line = svc_csv_line(r);
					break;
				}
		svc_csv_close(r);
	}
	svc_buf_release(&buf);
	/* the first row with the uid: the failing one repeats it */
	if (line > 0)
		snprintf(e->msg, sizeof(e->msg), "%s %ld has the same uid "
		    "with %s", sheet ? "row" : "line", line, l->repeat_what);
	free(l->repeat);
	l->repeat = NULL;
}

int
svc_ledger_import(struct svc_ledger *l, const char *path,
    const struct svc_csv_opts *opts, long *added, long *skipped,
    struct svc_err *e)
{
	struct svc_csv_reader *r;
	const struct svc_csv_col *cols;
	struct svc_err e2;
	size_t ncols;
	int rc;

	*added = *skipped = 0;
	l->alerts = 0;
	svc_buf_reset(&l->said);
	if (no_policy(l, e) || (r = svc_csv_open(path, opts, e)) == NULL)
		return -1;
	cols = in_cols(l, &ncols);
	if (svc_csv_header(r, cols, ncols, e) < 0) {
		svc_csv_close(r);
		return -1;
	}
	/*
	 * Every reference an imported row writes is checked here: its staff
	 * and customer by check() against the roster read inside the
	 * transaction, its batch is the one start() made, and it voids
	 * nothing: the storage need not check them again.
	 */
	if (svc_db_import_begin(l->db, e) < 0) {
		svc_db_import_end(l->db, &e2);
		svc_csv_close(r);
		return -1;
	}
	rc = import_rows(l, r, added, skipped, e);
	svc_csv_close(r);
	if (rc < 0) {
		*added = *skipped = 0;
		l->alerts = 0;
		svc_db_import_end(l->db, &e2);
		if (l->repeat != NULL)
			name_repeat(l, path, opts, e);
		return -1;
	}
	if (svc_db_import_end(l->db, e) < 0) {
		/* the rows are in, and later writes on this handle must not
		 * go on */
		snprintf(e->msg, sizeof(e->msg), "the import was committed, "
		    "but the storage could not end the import session");
		return -1;
	}
	return 0;
}

/* What differs() compares, as one number: a uid repeated in a file
 * with the same hash is the same event. */
static uint64_t
content_hash(const struct svc_event *ev)
{
	const char *f[] = { ev->staff, ev->kind, NULL, ev->customer,
	    ev->channel, ev->dept, ev->note, ev->fields };
	uint64_t h = 0xcbf29ce484222325ULL;
	char num[32], t[32];
	double v;

	f[2] = !empty(ev->value) && svc_parse_num(ev->value, &v) == 0 ?
	    svc_fmt_num(v, num) : ev->value;
	snprintf(t, sizeof(t), "%lld", (long long)ev->t);
	for (size_t i = 0; i <= sizeof(f) / sizeof(f[0]); i++) {
		const char *s = i == 0 ? t : f[i - 1] ? f[i - 1] : "";

		for (;; s++) {
			h = (h ^ (unsigned char)(*s ? *s : 0x1f)) *
			    0x100000001b3ULL;
			if (*s == '\0')
				break;
		}
	}
	return h;
}

/* d's count for key, one more */
static void
dry_count(struct svc_index *x, struct svc_dry_count **v, size_t *n,
    const char *key)
{
	size_t i = svc_index_get(x, key);

	if (i == 0) {
		*v = svc_xrealloc(*v, (*n + 1) * sizeof(**v));
		(*v)[*n].key = svc_xstrdup(key);
		(*v)[*n].n = 0;
		svc_index_put(x, key, *n);
		i = ++*n;
	}
	(*v)[i - 1].n++;
}

static int
count_cmp(const void *a, const void *b)
{
	return strcmp(((const struct svc_dry_count *)a)->key,
	    ((const struct svc_dry_count *)b)->key);
}

static void
dry_err(struct svc_dry *d, size_t max, const struct svc_err *e)
{
	if (d->nerrs < max) {
		d->errs = svc_xrealloc(d->errs, (d->nerrs + 1) *
		    sizeof(*d->errs));
		d->errs[d->nerrs++] = *e;
	}
	d->all_errs++;
}

int
svc_ledger_dry_run(struct svc_ledger *l, const char *path,
    const struct svc_csv_opts *opts, size_t max_errs, struct svc_dry *d,
    struct svc_err *e)
{
	struct svc_index kinds = { 0 }, staff = { 0 }, uids = { 0 };
	const struct svc_csv_col *cols;
	struct svc_buf buf = { 0 };
	struct svc_csv_reader *r;
	struct svc_event ev, stored;
	struct svc_event_in in;
	const struct svc_staff *st;
	struct svc_err re;
	size_t ncols;
	struct { uint64_t hash; long line; } *seen = NULL;
	size_t nseen = 0, i;
	time_t t;
	int rc, late = 0;

	memset(d, 0, sizeof(*d));
	if (no_policy(l, e) || (r = svc_csv_open(path, opts, e)) == NULL)
		return -1;
	cols = in_cols(l, &ncols);
	if (svc_csv_header(r, cols, ncols, e) < 0 ||
	    svc_ledger_preload(l, e) < 0 || load_closed(l, e) < 0) {
		svc_csv_close(r);
		return -1;
	}
	l->now = time(NULL);
	while ((rc = svc_csv_next(r, &re)) == 1) {
		d->rows++;
		svc_err_clear(&re);
		if (record_in(l, r, &in, &buf, &re) < 0)
			;
		else if (empty(in.ts))
			svc_err_set(&re, NULL, 0, "ts", "missing timestamp");
		else if (check(l, &l->chk, &in, 0, &t, &st, &re) == 0 &&
		    closed_check(l, t, &late, &re) == 0) {
			to_event(l, &l->chk, &in, t, st, &ev);
			if (empty(in.uid))
				rc = 0;
			else if ((i = svc_index_get(&uids, in.uid)) != 0) {
				/* as on import: the same content is skipped */
				if (seen[i - 1].hash == content_hash(&ev)) {
					d->known++;
					continue;
				}
				svc_err_set(&re, NULL, 0, "uid", "%s %ld has "
				    "the same uid with other content",
				    svc_csv_sheet(r) ? "row" : "line",
				    seen[i - 1].line);
			} else if ((rc = svc_db_event_by_uid(l->db, in.uid,
			    &stored, e)) < 0)
				break;
			if (re.code != 0)
				;
			else if (rc == 1 && repeat_ok(l->policy, &ev, &stored,
			    &re) == 0) {
				d->known++;
				continue;
			} else if (rc != 1) {
				if (!empty(in.uid)) {
					seen = svc_xrealloc(seen, (nseen + 1) *
					    sizeof(*seen));
					seen[nseen].hash = content_hash(&ev);
					seen[nseen].line = svc_csv_line(r);
					svc_index_put(&uids, in.uid, nseen++);
				}
				d->would_add++;
				dry_count(&kinds, &d->kinds, &d->nkinds,
				    in.kind);
				dry_count(&staff, &d->staff, &d->nstaff,
				    in.staff);
				continue;
			}
		}
		if (re.file[0] == '\0')
			svc_csv_place(r, svc_csv_line(r), in_col(l, re.field),
			    &re);
		dry_err(d, max_errs, &re);
	}
	if (rc == -1 && re.code != 0)
		dry_err(d, max_errs, &re);
	svc_csv_close(r);
	svc_buf_release(&buf);
	svc_index_free(&kinds);
	svc_index_free(&staff);
	svc_index_free(&uids);
	free(seen);
	if (rc < -1 || (rc == -1 && re.code == 0)) {
		svc_dry_release(d);
		return -1;
	}
	if (d->nkinds > 1)
		qsort(d->kinds, d->nkinds, sizeof(*d->kinds), count_cmp);
	if (d->nstaff > 1)
		qsort(d->staff, d->nstaff, sizeof(*d->staff), count_cmp);
	return 0;
}

void
svc_dry_release(struct svc_dry *d)
{
	for (size_t i = 0; i < d->nkinds; i++)
		free(d->kinds[i].key);
	for (size_t i = 0; i < d->nstaff; i++)
		free(d->staff[i].key);
	free(d->kinds);
	free(d->staff);
	free(d->errs);
	memset(d, 0, sizeof(*d));
}

/* "by kind:" or "by staff:" (then with names), one aligned line each */
static void
dry_table(struct svc_ledger *l, const char *what,
    const struct svc_dry_count *v, size_t n, struct svc_buf *out)
{
	struct svc_buf b = { 0 };
	size_t *at = svc_xmalloc((n ? n : 1) * sizeof(*at));
	int w = 0;

	for (size_t i = 0; i < n; i++) {
		const struct svc_staff *st = what[0] == 's' ?
		    svc_ledger_staff(l, v[i].key) : NULL;

		at[i] = b.len;
		svc_buf_printf(&b, "%s%s%s", v[i].key, st ? " " : "",
		    st ? st->name : "");
		svc_buf_add(&b, "", 1);
	}
	for (size_t i = 0; i < n; i++)
		if (svc_text_width(b.s + at[i]) > w)
			w = svc_text_width(b.s + at[i]);
	svc_buf_printf(out, "by %s:\n", what);
	for (size_t i = 0; i < n; i++) {
		char *k = svc_visible(b.s + at[i], 0);

		svc_buf_printf(out, "  %s%*s %5ld\n", k,
		    w - svc_text_width(b.s + at[i]), "", v[i].n);
		free(k);
	}
	free(at);
	svc_buf_release(&b);
}

void
svc_dry_summary(struct svc_ledger *l, const struct svc_dry *d,
    struct svc_buf *out)
{
	svc_buf_printf(out, "dry run: %ld rows read, %ld events would be "
	    "stored, %ld already in the ledger, %ld error%s\n", d->rows,
	    d->would_add, d->known, d->all_errs, d->all_errs == 1 ? "" : "s");
	if (d->nkinds > 0) {
		dry_table(l, "kind", d->kinds, d->nkinds, out);
		dry_table(l, "staff", d->staff, d->nstaff, out);
	}
}

static int
void_one(struct svc_ledger *l, long long id, const char *reason,
    long long *void_id, struct svc_err *e)
{
	struct svc_event ev, v;
	char idbuf[32];
	int rc;

	snprintf(idbuf, sizeof(idbuf), "%lld", id);
	if ((rc = svc_db_event_get(l->db, id, &ev, e)) < 0)
		return -1;
	if (rc == 0)
		return field_err(e, "id", "no event %s", idbuf);
	if (ev.void_of != 0)
		return svc_err_set(e, NULL, 0, "id", "event %lld voids event "
		    "%lld: a voiding event cannot be voided", id, ev.void_of);
	if (ev.voided_by != 0)
		return svc_err_set(e, NULL, 0, "id", "event %lld is already "
		    "voided by event %lld", id, ev.voided_by);
	if (strncmp(ev.kind, "order.", 6) == 0)
		return svc_err_set(e, NULL, 0, "id", "event %lld is a work-order"
		    " transition (%s): it cannot be voided; cancel the order "
		    "instead", id, ev.kind);
	memset(&v, 0, sizeof(v));
	v.t = time(NULL);
	v.staff = ev.staff;
	v.kind = "void";
	v.dept = ev.dept;
	v.note = reason;
	v.logged = l->now;
	v.void_of = id;
	v.batch = l->batch;
	if (svc_db_event_add(l->db, &v, void_id, e) < 0)
		return -1;
	if (l->hooks == NULL || l->hooks->voided == NULL)
		return 0;
	return l->hooks->voided(l, id, reason, e);
}

int
svc_ledger_void(struct svc_ledger *l, long long id, const char *reason,
    long long *void_id, struct svc_err *e)
{
	long long batch = l->batch;

	if (empty(reason))
		return field_err(e, "--reason", "%s", "a reason is required");
	if (svc_text_check(reason, 1, "--reason", e) < 0)
		return -1;
	if (start(l, "void", e) < 0)
		return -1;
	if (void_one(l, id, reason, void_id, e) < 0 ||
	    svc_db_commit(l->db, e) < 0) {
		svc_db_rollback(l->db);
		l->batch = batch;
		return -1;
	}
	return 0;
}

struct ids {
	long long *v;
	size_t n, cap;
};

static int
collect_id(void *arg, const struct svc_event *ev)
{
	struct ids *ids = arg;

	/* transitions stay; a voided revisit cancels its own follow-up */
	if (strncmp(ev->kind, "order.", 6) == 0)
		return 0;
	if (ids->n == ids->cap) {
		ids->cap = ids->cap ? 2 * ids->cap : 64;
		ids->v = svc_xrealloc(ids->v, ids->cap * sizeof(*ids->v));
	}
	ids->v[ids->n++] = ev->id;
	return 0;
}

int
svc_ledger_void_batch(struct svc_ledger *l, long long batch,
    const char *reason, long *n, struct svc_err *e)
{
	struct svc_event_filter f = { .batch = batch, .active = 1 };
	struct ids ids = { 0 };
	long long keep = l->batch, vid;

	*n = 0;
	if (empty(reason))
		return field_err(e, "--reason", "%s", "a reason is required");
	if (svc_text_check(reason, 1, "--reason", e) < 0)
		return -1;
	if (start(l, "void", e) < 0)
		return -1;
	if (svc_db_events_each(l->db, &f, collect_id, &ids, e) < 0)
		goto fail;
	if (ids.n == 0) {
		svc_err_set(e, NULL, 0, "--batch", "batch %lld has no events "
		    "left to void", batch);
		goto fail;
	}
	for (size_t i = 0; i < ids.n; i++)
		if (void_one(l, ids.v[i], reason, &vid, e) < 0)
			goto fail;
	*n = (long)ids.n;	/* before the commit, for its report */
	if (svc_db_commit(l->db, e) < 0)
		goto fail;
	free(ids.v);
	return 0;
fail:
	svc_db_rollback(l->db);
	l->batch = keep;
	*n = 0;
	free(ids.v);
	return -1;
}

/*
 * Rosters and customer lists. Both are small (thousands of rows), so the
 * references (supervisor, leader, owner) are checked after all rows are
 * in, which lets a file name a supervisor on a later line.
 */
enum { RO_ID, RO_NAME, RO_DEPT, RO_POSITION, RO_UNIT, RO_SUPERVISOR,
	RO_LEADER, RO_ACTIVE, RO_NCOLS };
static const struct svc_csv_col roster_cols[RO_NCOLS] = {
	{ "id", 1 }, { "name", 1 }, { "dept", 0 }, { "position", 0 },
	{ "unit", 0 }, { "supervisor", 0 }, { "leader", 0 }, { "active", 0 },
};

enum { CU_ID, CU_NAME, CU_TIER, CU_CONTACT, CU_OWNER, CU_BIRTHDAY,
	CU_FOUNDED, CU_CONTRACT_END, CU_NCOLS };
static const struct svc_csv_col customer_cols[CU_NCOLS] = {
	{ "id", 1 }, { "name", 1 }, { "tier", 0 }, { "contact", 0 },
	{ "owner", 0 }, { "birthday", 0 }, { "founded", 0 },
	{ "contract_end", 0 },
};

/* A reference to check once every row is stored. */
struct ref {
	long line;
	const char *field;
	char *id;
};

struct refs {
	struct ref *v;
	size_t n, cap;
	char **seen;		/* ids in the file, to refuse duplicates */
	size_t nseen, capseen;
};

static void
ref_add(struct refs *rs, long line, const char *field, const char *id)
{
	if (empty(id))
		return;
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? 2 * rs->cap : 64;
		rs->v = svc_xrealloc(rs->v, rs->cap * sizeof(*rs->v));
	}
	rs->v[rs->n++] = (struct ref){ line, field, svc_xstrdup(id) };
}

static void
refs_free(struct refs *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		free(rs->v[i].id);
	free(rs->v);
	for (size_t i = 0; i < rs->nseen; i++)
		free(rs->seen[i]);
	free(rs->seen);
}

/* Returns nonzero if id was already seen in this file; kept sorted. */
static int
seen_before(struct refs *rs, const char *id)
{
	size_t lo = 0, hi = rs->nseen;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(id, rs->seen[mid]);

		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (rs->nseen == rs->capseen) {
		rs->capseen = rs->capseen ? 2 * rs->capseen : 64;
		rs->seen = svc_xrealloc(rs->seen,
		    rs->capseen * sizeof(*rs->seen));
	}
	memmove(rs->seen + lo + 1, rs->seen + lo,
	    (rs->nseen - lo) * sizeof(*rs->seen));
	rs->seen[lo] = svc_xstrdup(id);
	rs->nseen++;
	return 0;
}

static int
parse_active(const char *s, int *active)
{
	static const char *const yes[] = { "", "1", "yes", "true", "y", NULL };
	static const char *const no[] = { "0", "no", "false", "n", NULL };

	for (int i = 0; yes[i]; i++)
		if (strcmp(s, yes[i]) == 0)
			return *active = 1, 0;
	for (int i = 0; no[i]; i++)
		if (strcmp(s, no[i]) == 0)
			return *active = 0, 0;
	return -1;
}

static int
check_id(const char *id, const char *what, struct svc_err *e)
{
	if (empty(id))
		return field_err(e, "id", "missing %s id", what);
	for (const char *p = id; *p; p++)
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
		    *p == ',')
			return field_err(e, "id", "bad id '%s' (no spaces or "
			    "commas)", id);
	return 0;
}

/* Every cell of r's record is text of one line, without controls. */
static int
check_text(struct svc_csv_reader *r, const struct svc_csv_col *cols,
    int ncols, struct svc_err *e)
{
	for (int i = 0; i < ncols; i++)
		if (svc_text_check(svc_csv_get(r, i), 0, cols[i].name, e) < 0)
			return -1;
	return 0;
}

/*
 * Cell col of r's record, a date of the customer archive or "" (db.h);
 * NULL when the file has no such column, so that the stored one stays.
 * A day to remember (birthday, founded) may leave out the year; a
 * contract's end may not.
 */
static int
archive_date(struct svc_csv_reader *r, size_t col, const char *field,
    int day, const char **out, struct svc_err *e)
{
	const char *s = svc_csv_get(r, col);
	struct svc_err why = { 0 };
	int y, m, d;

	*out = svc_csv_has(r, col) ? s : NULL;
	if (*s == '\0')
		return 0;
	if (svc_date_parse_day(s, &y, &m, &d, &why) < 0)
		return svc_err_set(e, NULL, 0, field, "%s", why.msg);
	if (!day && y == 0)
		return svc_err_set(e, NULL, 0, field, "bad date '%.80s' "
		    "(YYYY-MM-DD)", s);
	return 0;
}

static int
check_refs(struct svc_db *db, struct refs *rs, struct svc_err *e)
{
	for (size_t i = 0; i < rs->n; i++) {
		struct svc_staff s;
		int rc = svc_db_staff_get(db, rs->v[i].id, &s, e);

		if (rc < 0)
			return -1;
		if (rc == 0)
			return svc_err_set(e, NULL, rs->v[i].line,
			    rs->v[i].field, "unknown staff '%s'", rs->v[i].id);
		svc_staff_release(&s);
	}
	return 0;
}

static int
load_people(struct svc_db *db, const char *path,
    const struct svc_csv_opts *opts, int customers, long *n,
    struct svc_err *e)
{
	struct svc_csv_reader *r;
	struct refs rs = { 0 };
	int rc;

	*n = 0;
	if ((r = svc_csv_open(path, opts, e)) == NULL)
		return -1;
	if (customers ? svc_csv_header(r, customer_cols, CU_NCOLS, e) :
	    svc_csv_header(r, roster_cols, RO_NCOLS, e)) {
		svc_csv_close(r);
		return -1;
	}
	if (svc_db_begin(db, e) < 0) {
		svc_csv_close(r);
		return -1;
	}
	while ((rc = svc_csv_next(r, e)) == 1) {
		const char *id = svc_csv_get(r, 0), *name = svc_csv_get(r, 1);
		long line = svc_csv_line(r);

		if ((rc = customers ?
		    check_text(r, customer_cols, CU_NCOLS, e) :
		    check_text(r, roster_cols, RO_NCOLS, e)) < 0)
			break;
		if ((rc = check_id(id, customers ? "customer" : "staff",
		    e)) < 0)
			break;
		if (seen_before(&rs, id)) {
			rc = field_err(e, "id", "'%s' appears twice in the file",
			    id);
			break;
		}
		if (empty(name)) {
			rc = field_err(e, "name", "%s", "missing name");
			break;
		}
		if (customers) {
			const char *bd, *fd, *ce;
			struct svc_customer c = {
				(char *)id, (char *)name,
				(char *)svc_csv_get(r, CU_TIER),
				(char *)svc_csv_get(r, CU_CONTACT),
				(char *)svc_csv_get(r, CU_OWNER), NULL, NULL,
				NULL
			};

			if ((rc = archive_date(r, CU_BIRTHDAY, "birthday", 1,
			    &bd, e)) < 0 || (rc = archive_date(r, CU_FOUNDED,
			    "founded", 1, &fd, e)) < 0 ||
			    (rc = archive_date(r, CU_CONTRACT_END,
			    "contract_end", 0, &ce, e)) < 0)
				break;
			c.birthday = (char *)bd;
			c.founded = (char *)fd;
			c.contract_end = (char *)ce;
			ref_add(&rs, line, "owner", c.owner);
			rc = svc_db_customer_put(db, &c, e);
		} else {
			struct svc_staff s = {
				(char *)id, (char *)name,
				(char *)svc_csv_get(r, RO_DEPT),
				(char *)svc_csv_get(r, RO_POSITION),
				(char *)svc_csv_get(r, RO_UNIT),
				(char *)svc_csv_get(r, RO_SUPERVISOR),
				(char *)svc_csv_get(r, RO_LEADER), 1
			};

			if (parse_active(svc_csv_get(r, RO_ACTIVE),
			    &s.active) < 0) {
				rc = field_err(e, "active", "bad value '%s' "
				    "(1 or 0, yes or no)",
				    svc_csv_get(r, RO_ACTIVE));
				break;
			}
			if (strcmp(s.supervisor, id) == 0 ||
			    strcmp(s.leader, id) == 0) {
				rc = field_err(e, strcmp(s.supervisor, id) == 0 ?
				    "supervisor" : "leader", "'%s' cannot "
				    "supervise themselves", id);
				break;
			}
			ref_add(&rs, line, "supervisor", s.supervisor);
			ref_add(&rs, line, "leader", s.leader);
			rc = svc_db_staff_put(db, &s, e);
		}
		if (rc < 0)
			break;
		++*n;
	}
	if (rc == 0)
		rc = check_refs(db, &rs, e);
	if (rc < 0 && e->file[0] == '\0') {
		const struct svc_csv_col *cols = customers ? customer_cols :
		    roster_cols;
		size_t ncols = customers ? CU_NCOLS : RO_NCOLS, c;

		for (c = 0; c < ncols; c++)
			if (strcmp(cols[c].name, e->field) == 0)
				break;
		svc_csv_place(r, e->line ? e->line : svc_csv_line(r),
		    c < ncols ? c : SIZE_MAX, e);
	}
	svc_csv_close(r);
	refs_free(&rs);
	if (rc < 0 || svc_db_commit(db, e) < 0) {
		svc_db_rollback(db);
		*n = 0;
		return -1;
	}
	return 0;
}

int
svc_ledger_roster(struct svc_db *db, const char *path,
    const struct svc_csv_opts *opts, long *n, struct svc_err *e)
{
	return load_people(db, path, opts, 0, n, e);
}

int
svc_ledger_customers(struct svc_db *db, const char *path,
    const struct svc_csv_opts *opts, long *n, struct svc_err *e)
{
	return load_people(db, path, opts, 1, n, e);
}

/*
 * Contact lists: each customer the file names gets exactly the file's
 * contacts, in file order, so that a file of one customer's contacts
 * updates that customer and a whole list updates every customer on it,
 * and a contact who left is gone once the list is loaded without them.
 */
enum { CT_CUSTOMER, CT_NAME, CT_ROLE, CT_PHONE, CT_BIRTHDAY, CT_NCOLS };
static const struct svc_csv_col contact_cols[CT_NCOLS] = {
	{ "customer", 1 }, { "name", 1 }, { "role", 0 }, { "phone", 0 },
	{ "birthday", 0 },
};

struct contacts {
	struct svc_contact *v;
	size_t n, cap;
};

static void
contacts_free(struct contacts *cs)
{
	for (size_t i = 0; i < cs->n; i++) {
		free(cs->v[i].customer);
		free(cs->v[i].name);
		free(cs->v[i].role);
		free(cs->v[i].phone);
		free(cs->v[i].birthday);
	}
	free(cs->v);
}

/* Checks the current row and keeps it. */
static int
contact_row(struct svc_db *db, struct svc_csv_reader *r,
    struct contacts *cs, struct svc_err *e)
{
	const char *cust = svc_csv_get(r, CT_CUSTOMER);
	const char *name = svc_csv_get(r, CT_NAME), *bd;
	struct svc_customer c;
	int rc;

	if (check_text(r, contact_cols, CT_NCOLS, e) < 0)
		return -1;
	if (empty(cust))
		return field_err(e, "customer", "%s", "missing customer");
	/* a row of the customer alone: the file names it, with no contact */
	if (empty(name) && (!empty(svc_csv_get(r, CT_ROLE)) ||
	    !empty(svc_csv_get(r, CT_PHONE)) ||
	    !empty(svc_csv_get(r, CT_BIRTHDAY))))
		return field_err(e, "name", "%s", "missing name (a row of "
		    "the customer alone leaves it no contacts)");
	if ((rc = svc_db_customer_get(db, cust, &c, e)) < 0)
		return -1;
	if (rc == 0)
		return field_err(e, "customer", "unknown customer '%s'", cust);
	svc_customer_release(&c);
	for (size_t i = 0; i < cs->n && !empty(name); i++)
		if (strcmp(cs->v[i].customer, cust) == 0 &&
		    strcmp(cs->v[i].name, name) == 0)
			return svc_err_set(e, NULL, 0, "name", "'%s' appears "
			    "twice for customer '%s'", name, cust);
	if (archive_date(r, CT_BIRTHDAY, "birthday", 1, &bd, e) < 0)
		return -1;
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? 2 * cs->cap : 16;
		cs->v = svc_xrealloc(cs->v, cs->cap * sizeof(*cs->v));
	}
	cs->v[cs->n] = (struct svc_contact){ svc_xstrdup(cust),
	    svc_xstrdup(empty(name) ? "" : name),
	    svc_xstrdup(svc_csv_get(r, CT_ROLE)),
	    svc_xstrdup(svc_csv_get(r, CT_PHONE)),
	    svc_xstrdup(bd ? bd : "") };
	cs->n++;
	return 0;
}

/* Stores each customer's contacts, in file order, but for the rows of a
 * customer alone (no name); *n gets how many. */
static int
contacts_store(struct svc_db *db, struct contacts *cs, long *n,
    struct svc_err *e)
{
	struct svc_contact *one = svc_xmalloc((cs->n ? cs->n : 1) *
	    sizeof(*one));
	char *done = svc_xcalloc(cs->n ? cs->n : 1, 1);
	int rc = 0;

	for (size_t i = 0; i < cs->n && rc == 0; i++) {
		size_t k = 0;

		if (done[i])
			continue;
		for (size_t j = i; j < cs->n; j++)
			if (!done[j] && strcmp(cs->v[j].customer,
			    cs->v[i].customer) == 0) {
				if (*cs->v[j].name != '\0')
					one[k++] = cs->v[j];
				done[j] = 1;
			}
		rc = svc_db_contacts_put(db, cs->v[i].customer, one, k, e);
		*n += (long)k;
	}
	free(one);
	free(done);
	return rc;
}

int
svc_ledger_contacts(struct svc_db *db, const char *path,
    const struct svc_csv_opts *opts, long *n, struct svc_err *e)
{
	struct svc_csv_reader *r;
	struct contacts cs = { 0 };
	int rc;

	*n = 0;
	if ((r = svc_csv_open(path, opts, e)) == NULL)
		return -1;
	if (svc_csv_header(r, contact_cols, CT_NCOLS, e) < 0) {
		svc_csv_close(r);
		return -1;
	}
	if (svc_db_begin(db, e) < 0) {
		svc_csv_close(r);
		return -1;
	}
	while ((rc = svc_csv_next(r, e)) == 1)
		if ((rc = contact_row(db, r, &cs, e)) < 0)
			break;
	if (rc < 0 && e->file[0] == '\0') {
		size_t c;

		for (c = 0; c < CT_NCOLS; c++)
			if (strcmp(contact_cols[c].name, e->field) == 0)
				break;
		svc_csv_place(r, svc_csv_line(r), c < CT_NCOLS ? c : SIZE_MAX,
		    e);
	}
	svc_csv_close(r);
	if (rc == 0)
		rc = contacts_store(db, &cs, n, e);
	contacts_free(&cs);
	if (rc < 0 || svc_db_commit(db, e) < 0) {
		svc_db_rollback(db);
		*n = 0;
		return -1;
	}
	return 0;
}

/*
 * svc_ledger_list's and svc_ledger_list_table's state: the columns of
 * the policy's fields after svc_event_cols, and the current event's
 * values in them.
 */
struct list_out {
	const struct svc_policy *p;
	const struct svc_field **fields;
	size_t nf;
	const char **vals;	/* [nf], into split, times or "" */
	char (*times)[32];	/* [nf], time fields in the reader's zone */
	struct svc_buf split;
	void *to;		/* the csv writer or the table */
};

static void
list_out_init(struct list_out *o, const struct svc_policy *p, void *to)
{
	memset(o, 0, sizeof(*o));
	o->p = p;
	o->nf = svc_fields_columns(p, &o->fields);
	o->vals = svc_xcalloc(o->nf + 1, sizeof(*o->vals));
	o->times = svc_xcalloc(o->nf + 1, sizeof(*o->times));
	o->to = to;
}

static void
list_out_release(struct list_out *o)
{
	free(o->fields);
	free(o->vals);
	free(o->times);
	svc_buf_release(&o->split);
}

/*
 * The values of enc (the fields of an event of kind) in o's columns, a
 * time as ts is written: stored in the offset it was logged in, which
 * is TZ's then when the policy names no zone.
 */
static void
list_out_values(struct list_out *o, const char *kind, const char *enc)
{
	const struct svc_kind *k;
	struct svc_err e;
	const char *s;
	size_t n = 0;

	for (size_t c = 0; c < o->nf; c++)
		o->vals[c] = "";
	/* stored text checked at entry: one that is not read leaves the
	   columns empty, the fields column showing it as it is */
	if (o->nf == 0 || svc_fields_split(enc, &o->split, &n, &e) < 0)
		return;
	k = svc_policy_kind(o->p, kind);
	s = o->split.s;
	for (size_t i = 0; i < n; i++) {
		const char *val = s + strlen(s) + 1;
		const struct svc_field *f = k != NULL ? svc_kind_field(k, s) :
		    NULL;
		time_t t;

		for (size_t c = 0; c < o->nf; c++) {
			if (strcmp(o->fields[c]->name, s) != 0)
				continue;
			o->vals[c] = val;
			if (f != NULL && f->type == SVC_FIELD_TIME &&
			    svc_time_parse(val, &t, &e) == 0)
				o->vals[c] = svc_time_format(t, o->times[c]);
		}
		s = val + strlen(val) + 1;
	}
}

static int
write_event(void *arg, const struct svc_event *ev)
{
	struct list_out *o = arg;
	struct svc_csv_writer *w = o->to;

	svc_csv_id(w, ev->id);
	svc_csv_cell(w, ev->ts);
	svc_csv_cell(w, ev->staff);
	svc_csv_cell(w, ev->kind);
	svc_csv_cell(w, ev->value);
	svc_csv_cell(w, ev->customer);
	svc_csv_cell(w, ev->channel);
	svc_csv_cell(w, ev->dept);
	svc_csv_cell(w, ev->note);
	svc_csv_cell(w, ev->uid);
	svc_csv_cell(w, ev->logged_by);
	svc_csv_cell(w, ev->logged_at);
	svc_csv_id(w, ev->void_of);
	svc_csv_id(w, ev->voided_by);
	svc_csv_id(w, ev->batch);
	svc_csv_cell(w, ev->late_reason);
	svc_csv_cell(w, ev->fields);
	list_out_values(o, ev->kind, ev->fields);
	for (size_t c = 0; c < o->nf; c++)
		svc_csv_cell(w, o->vals[c]);
	svc_csv_endrow(w);
	return 0;
}

int
svc_ledger_list(struct svc_db *db, const struct svc_policy *p,
    const struct svc_event_filter *f, struct svc_csv_writer *w,
    struct svc_err *e)
{
	struct list_out o;
	int rc;

	list_out_init(&o, p, w);
	for (int i = 0; i < SVC_EV_NCOLS; i++)
		svc_csv_cell(w, svc_event_cols[i].name);
	for (size_t i = 0; i < o.nf; i++)
		svc_csv_cell(w, o.fields[i]->name);
	svc_csv_endrow(w);
	rc = svc_db_events_each(db, f, write_event, &o, e) < 0 ? -1 : 0;
	list_out_release(&o);
	return rc;
}

static void
id_cell_set(struct svc_table *t, size_t r, size_t c, long long id)
{
	if (id)
		svc_table_setf(t, r, c, "%lld", id);
}

static int
table_event(void *arg, const struct svc_event *ev)
{
	struct list_out *o = arg;
	struct svc_table *t = o->to;
	size_t r = svc_table_row(t, SVC_ROW_DATA);
	const char *text[SVC_EV_NCOLS] = {
		[SVC_EV_TS] = ev->ts, [SVC_EV_STAFF] = ev->staff,
		[SVC_EV_KIND] = ev->kind, [SVC_EV_VALUE] = ev->value,
		[SVC_EV_CUSTOMER] = ev->customer,
		[SVC_EV_CHANNEL] = ev->channel, [SVC_EV_DEPT] = ev->dept,
		[SVC_EV_NOTE] = ev->note, [SVC_EV_UID] = ev->uid,
		[SVC_EV_LOGGED_BY] = ev->logged_by,
		[SVC_EV_LOGGED_AT] = ev->logged_at,
		[SVC_EV_LATE_REASON] = ev->late_reason,
		[SVC_EV_FIELDS] = ev->fields
	};

	for (int c = 0; c < SVC_EV_NCOLS; c++)
		if (text[c] != NULL)
			svc_table_set(t, r, (size_t)c, text[c]);
	id_cell_set(t, r, SVC_EV_ID, ev->id);
	id_cell_set(t, r, SVC_EV_VOID_OF, ev->void_of);
	id_cell_set(t, r, SVC_EV_VOIDED_BY, ev->voided_by);
	id_cell_set(t, r, SVC_EV_BATCH, ev->batch);
	list_out_values(o, ev->kind, ev->fields);
	for (size_t c = 0; c < o->nf; c++)
		svc_table_set(t, r, SVC_EV_NCOLS + c, o->vals[c]);
	return 0;
}

/*
 * A field column's cells in a workbook: numbers when every kind
 * declaring the name declares a number or money, dates and times as ts,
 * else text (a name two kinds declare with two types holds both).
 */
static void
field_col_type(const struct svc_policy *p, const char *name,
    enum svc_cell_type *type, enum svc_cell_data *data)
{
	int num = 1, when = 1;

	for (size_t i = 0; i < p->nkinds; i++) {
		const struct svc_field *f = svc_kind_field(&p->kinds[i],
		    name);

		if (f == NULL)
			continue;
		if (f->type != SVC_FIELD_NUMBER && f->type != SVC_FIELD_MONEY)
			num = 0;
		if (f->type != SVC_FIELD_DATE && f->type != SVC_FIELD_TIME)
			when = 0;
	}
	*type = when ? SVC_CELL_DATE : SVC_CELL_TEXT;
	*data = num ? SVC_DATA_NUM : when ? SVC_DATA_SHOWN : SVC_DATA_TEXT;
}

int
svc_ledger_list_table(struct svc_db *db, const struct svc_policy *p,
    const struct svc_event_filter *f, struct svc_doc *d, struct svc_err *e)
{
	struct list_out o;
	const char **titles;
	enum svc_cell_type *types;
	enum svc_cell_data *data;
	struct svc_table *t;
	size_t ncols;
	int rc;

	list_out_init(&o, p, NULL);
	ncols = SVC_EV_NCOLS + o.nf;
	titles = svc_xcalloc(ncols, sizeof(*titles));
	types = svc_xcalloc(ncols, sizeof(*types));
	data = svc_xcalloc(ncols, sizeof(*data));
	for (int i = 0; i < SVC_EV_NCOLS; i++)
		titles[i] = svc_event_cols[i].name;
	types[SVC_EV_TS] = types[SVC_EV_LOGGED_AT] = SVC_CELL_DATE;
	/* ids are names of events and batches, not quantities */
	data[SVC_EV_ID] = data[SVC_EV_VOID_OF] = data[SVC_EV_VOIDED_BY] =
	    data[SVC_EV_BATCH] = SVC_DATA_TEXT;
	data[SVC_EV_VALUE] = SVC_DATA_NUM;
	for (size_t i = 0; i < o.nf; i++) {
		titles[SVC_EV_NCOLS + i] = o.fields[i]->name;
		field_col_type(p, o.fields[i]->name, &types[SVC_EV_NCOLS + i],
		    &data[SVC_EV_NCOLS + i]);
	}
	t = svc_doc_table(d, "events", ncols, titles, types);
	for (size_t i = 0; i < ncols; i++)
		t->cols[i].data = data[i];
	o.to = t;
	rc = svc_db_events_each(db, f, table_event, &o, e) < 0 ? -1 : 0;
	free(titles);
	free(types);
	free(data);
	list_out_release(&o);
	return rc;
}

/* svc_ledger_list_view's state: staff names by id, for every row. */
struct list_view {
	const struct svc_policy *p;
	struct svc_table *t;
	struct svc_index ids;
	char **names;
	size_t n, cap;
};

static int
view_staff(void *arg, const struct svc_staff *s)
{
	struct list_view *v = arg;

	if (v->n == v->cap) {
		v->cap = v->cap ? 2 * v->cap : 64;
		v->names = svc_xrealloc(v->names, v->cap * sizeof(*v->names));
	}
	svc_index_put(&v->ids, s->id, v->n);
	v->names[v->n++] = svc_xstrdup(s->name ? s->name : "");
	return 0;
}

static int
view_event(void *arg, const struct svc_event *ev)
{
	enum { V_ID, V_DATE, V_TIME, V_STAFF, V_NAME, V_KIND, V_VALUE,
	    V_CUSTOMER, V_NOTE, V_MARK };
	struct list_view *v = arg;
	const struct svc_kind *k;
	size_t r = svc_table_row(v->t, SVC_ROW_DATA), i;
	/* ISO 8601 in the reader's zone: its date and its minute, the
	 * offset being that zone's */
	size_t n = strlen(ev->ts);

	svc_table_setf(v->t, r, V_ID, "%lld", ev->id);
	svc_table_setf(v->t, r, V_DATE, "%.*s", n < 10 ? (int)n : 10,
	    ev->ts);
	if (n >= 16 && ev->ts[10] == 'T')
		svc_table_setf(v->t, r, V_TIME, "%.5s", ev->ts + 11);
	svc_table_set(v->t, r, V_STAFF, ev->staff);
	if ((i = svc_index_get(&v->ids, ev->staff)) != 0)
		svc_table_set(v->t, r, V_NAME, v->names[i - 1]);
	k = v->p != NULL ? svc_policy_kind(v->p, ev->kind) : NULL;
	svc_table_set(v->t, r, V_KIND, k != NULL && k->label[0] != '\0' ?
	    k->label : ev->kind);
	svc_table_set(v->t, r, V_VALUE, ev->value);
	svc_table_set(v->t, r, V_CUSTOMER, ev->customer);
	/* the fields after the note, "cargo 冷冻, vehicle 7-9米箱车": a
	   column each would be empty for every other kind */
	if (ev->fields != NULL && *ev->fields != '\0') {
		struct svc_buf b = { 0 }, split = { 0 };
		struct svc_err e;
		const char *f;
		size_t nf;

		svc_buf_adds(&b, ev->note);
		if (svc_fields_split(ev->fields, &split, &nf, &e) == 0) {
			f = split.s;
			for (size_t j = 0; j < nf; j++) {
				const char *val = f + strlen(f) + 1;

				svc_buf_printf(&b, "%s%s %s", j ? ", " :
				    *ev->note ? " · " : "", f, val);
				f = val + strlen(val) + 1;
			}
		}
		svc_table_set(v->t, r, V_NOTE, b.s);
		svc_buf_release(&b);
		svc_buf_release(&split);
	} else
		svc_table_set(v->t, r, V_NOTE, ev->note);
	if (ev->voided_by)
		svc_table_setf(v->t, r, V_MARK, "voided #%lld", ev->voided_by);
	else if (ev->void_of)
		svc_table_setf(v->t, r, V_MARK, "voids #%lld", ev->void_of);
	return 0;
}

int
svc_ledger_list_view(struct svc_db *db, const struct svc_policy *p,
    const struct svc_event_filter *f, struct svc_doc *d, struct svc_err *e)
{
	static const char *const titles[] = { "id", "date", "time", "staff",
	    "name", "kind", "value", "customer", "note", "" };
	/* ids, dates, times and the mark as DATE cells, and the date apart
	 * from the time: a narrow terminal cuts the widest of names, kind
	 * labels and notes, never what tells one event from another */
	static const enum svc_cell_type types[] = { SVC_CELL_NUM,
	    SVC_CELL_DATE, SVC_CELL_DATE, SVC_CELL_DATE, SVC_CELL_TEXT,
	    SVC_CELL_TEXT, SVC_CELL_NUM, SVC_CELL_DATE, SVC_CELL_TEXT,
	    SVC_CELL_DATE };
	struct list_view v = { .p = p };
	int rc;

	v.t = svc_doc_table(d, "", sizeof(titles) / sizeof(titles[0]),
	    titles, types);
	rc = svc_db_staff_each(db, view_staff, &v, e) < 0 ||
	    svc_db_events_each(db, f, view_event, &v, e) < 0 ? -1 : 0;
	for (size_t i = 0; i < v.n; i++)
		free(v.names[i]);
	free(v.names);
	svc_index_free(&v.ids);
	return rc;
}

int
svc_ledger_read_roster(const char *path, const struct svc_csv_opts *opts,
    void (*fn)(void *arg, const struct svc_staff *st), void *arg,
    struct svc_err *e)
{
	struct svc_csv_reader *r;
	int rc;

	if ((r = svc_csv_open(path, opts, e)) == NULL)
		return -1;
	if (svc_csv_header(r, roster_cols, RO_NCOLS, e) < 0) {
		svc_csv_close(r);
		return -1;
	}
	while ((rc = svc_csv_next(r, e)) == 1) {
		struct svc_staff s = {
			(char *)svc_csv_get(r, RO_ID),
			(char *)svc_csv_get(r, RO_NAME),
			(char *)svc_csv_get(r, RO_DEPT),
			(char *)svc_csv_get(r, RO_POSITION),
			(char *)svc_csv_get(r, RO_UNIT),
			(char *)svc_csv_get(r, RO_SUPERVISOR),
			(char *)svc_csv_get(r, RO_LEADER), 1
		};

		if ((rc = check_text(r, roster_cols, RO_NCOLS, e)) < 0 ||
		    (rc = check_id(s.id, "staff", e)) < 0)
			break;
		if (parse_active(svc_csv_get(r, RO_ACTIVE), &s.active) < 0) {
			rc = field_err(e, "active", "bad value '%s' (1 or 0, "
			    "yes or no)", svc_csv_get(r, RO_ACTIVE));
			break;
		}
		fn(arg, &s);
	}
	if (rc < 0 && e->file[0] == '\0') {
		snprintf(e->file, sizeof(e->file), "%s", svc_csv_name(r));
		e->line = svc_csv_line(r);
	}
	svc_csv_close(r);
	return rc < 0 ? -1 : 0;
}

static long long
id_cell(const char *s)
{
	long v;

	/* most cells are empty: a streamed file rarely carries ids */
	if (*s == '\0')
		return 0;
	return svc_parse_long(s, 1, 0x7fffffffL, &v) == 0 ? v : 0;
}

int
svc_ledger_read_events(const char *path, const struct svc_csv_opts *opts,
    const struct svc_policy *p,
    int (*fn)(void *arg, const struct svc_event *ev, const char *file,
    long line, struct svc_err *e), void *arg, struct svc_err *e)
{
	struct svc_csv_reader *r;
	/* a ledger without a database, for its field columns and buffers */
	struct svc_ledger *l = svc_ledger_new(NULL, p, "", "", e);
	size_t nf, ncols;
	struct svc_csv_col *c;
	char value[32];
	int rc;

	if (l == NULL)
		return -1;
	/* the list's columns in svc_event_cols' order, then the fields' */
	nf = l->ncols - IN_NCOLS;
	ncols = SVC_EV_NCOLS + nf;
	c = svc_xmalloc(ncols * sizeof(*c));
	memcpy(c, svc_event_cols, sizeof(svc_event_cols));
	memcpy(c + SVC_EV_NCOLS, l->cols + IN_NCOLS, nf * sizeof(*c));
	if ((r = svc_csv_open(path, opts, e)) == NULL) {
		free(c);
		svc_ledger_free(l);
		return -1;
	}
	if (svc_csv_header(r, c, ncols, e) < 0) {
		svc_csv_close(r);
		free(c);
		svc_ledger_free(l);
		return -1;
	}
	while ((rc = svc_csv_next(r, e)) == 1) {
		struct svc_event ev = { 0 };
		const char *voided = svc_csv_get(r, SVC_EV_VOIDED_BY);
		const struct svc_kind *k;

		ev.id = id_cell(svc_csv_get(r, SVC_EV_ID));
		ev.ts = svc_csv_get(r, SVC_EV_TS);
		if ((rc = svc_time_parse(ev.ts, &ev.t, e)) < 0) {
			snprintf(e->field, sizeof(e->field), "ts");
			break;
		}
		ev.staff = svc_csv_get(r, SVC_EV_STAFF);
		ev.kind = svc_csv_get(r, SVC_EV_KIND);
		ev.value = svc_csv_get(r, SVC_EV_VALUE);
		ev.customer = svc_csv_get(r, SVC_EV_CUSTOMER);
		ev.channel = svc_csv_get(r, SVC_EV_CHANNEL);
		ev.dept = svc_csv_get(r, SVC_EV_DEPT);
		ev.note = svc_csv_get(r, SVC_EV_NOTE);
		ev.uid = svc_csv_get(r, SVC_EV_UID);
		ev.late_reason = svc_csv_get(r, SVC_EV_LATE_REASON);
		ev.fields = svc_csv_get(r, SVC_EV_FIELDS);
		k = p != NULL ? svc_policy_kind(p, ev.kind) : NULL;
		if (k != NULL) {
			struct svc_event_in in = { .fields = ev.fields,
			    .fv = l->fv };

			for (size_t i = SVC_EV_NCOLS; i < ncols; i++)
				if (*svc_csv_get(r, i) != '\0') {
					l->fv[in.nfv].name = c[i].name;
					l->fv[in.nfv++].value = svc_csv_get(r, i);
				}
			if ((rc = read_fields(&l->chk, k, &in, e)) < 0)
				break;
			ev.fields = l->chk.enc.s;
			if (*ev.value == '\0' && *l->chk.computed != '\0')
				ev.value = strcpy(value, l->chk.computed);
		}
		ev.void_of = id_cell(svc_csv_get(r, SVC_EV_VOID_OF));
		/* any mark counts: a voided event must never score */
		ev.voided_by = voided[0] ? (id_cell(voided) ? id_cell(voided) :
		    -1) : 0;
		if ((rc = fn(arg, &ev, svc_csv_name(r), svc_csv_line(r),
		    e)) < 0)
			break;
	}
	if (rc < 0 && e->file[0] == '\0') {
		snprintf(e->file, sizeof(e->file), "%s", svc_csv_name(r));
		e->line = svc_csv_line(r);
	}
	svc_csv_close(r);
	free(c);
	svc_ledger_free(l);
	return rc < 0 ? -1 : 0;
}

void
svc_ledger_kinds(const struct svc_policy *p, struct svc_csv_writer *w)
{
	char num[32];

	svc_csv_row(w, (const char *const[]){ "kind", "label", "counts_as",
	    "points", "escalation" }, 5);
	for (size_t i = 0; i < p->nkinds; i++) {
		const struct svc_kind *k = &p->kinds[i];

		svc_csv_cell(w, k->code);
		svc_csv_cell(w, k->label);
		svc_csv_cell(w, svc_counts_as_name(k->counts_as));
		svc_csv_cell(w, k->points_mode == SVC_POINTS_VALUE ? "value" :
		    k->points_mode == SVC_POINTS_NEG_VALUE ? "-value" :
		    svc_fmt_num(k->points, num));
		svc_csv_cell(w, k->escalation == SVC_PROGRESSIVE ?
		    "progressive" : "flat");
		svc_csv_endrow(w);
	}
}
