#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "order.h"
#include "period.h"
#include "util.h"

const struct svc_csv_col svc_order_cols[SVC_OR_NCOLS] = {
	[SVC_OR_ID] = { "id", 1 }, [SVC_OR_OPENED] = { "opened", 1 },
	[SVC_OR_CUSTOMER] = { "customer", 1 },
	[SVC_OR_CHANNEL] = { "channel", 0 }, [SVC_OR_DEPT] = { "dept", 0 },
	[SVC_OR_MATTER] = { "matter", 1 },
	[SVC_OR_FIRST] = { "first_asked", 1 },
	[SVC_OR_ASSIGNEE] = { "assignee", 0 }, [SVC_OR_OWNER] = { "owner", 0 },
	[SVC_OR_DUE] = { "due", 0 }, [SVC_OR_STATUS] = { "status", 1 },
	[SVC_OR_CLOSED] = { "closed", 0 },
	[SVC_OR_RESOLUTION] = { "resolution", 0 },
	[SVC_OR_REASON] = { "reason", 0 }, [SVC_OR_REVISIT] = { "revisit", 0 },
	[SVC_OR_OVERDUE] = { "overdue", 0 },
	[SVC_OR_CATEGORY] = { "category", 0 },
	[SVC_OR_FIELDS] = { "fields", 0 },
	[SVC_OR_NOTIFIED] = { "notified", 0 },
};

/* The statuses an order is listed with: waiting is an open or assigned
 * order's while a wait of it goes on. */
static const char *const statuses[] = { "open", "assigned", "waiting",
	"closed", "cancelled", NULL };

static int
empty(const char *s)
{
	return s == NULL || *s == '\0';
}

int
svc_order_due(const char *s, const struct svc_calendar *cal, time_t opened,
    time_t *due, int *work, struct svc_err *e)
{
	static const long max[] = { [SVC_SPAN_HOURS] = 87600,
	    [SVC_SPAN_DAYS] = 3650, [SVC_SPAN_WORKDAYS] = 2500,
	    [SVC_SPAN_WORKHOURS] = 20000 };
	struct svc_span sp;
	struct tm tm;

	*work = 0;
	if (svc_span_parse(s, 87600, &sp) == 0 && sp.n >= 1 &&
	    sp.n <= max[sp.unit]) {
		if (sp.unit == SVC_SPAN_WORKHOURS) {
			if (cal == NULL || cal->nhours == 0)
				return svc_err_set(e, NULL, 0, NULL, "'%s' "
				    "counts working hours, but %s", s,
				    cal == NULL ? "no policy gives its "
				    "[calendar] hours" : "the policy has no "
				    "[calendar] hours");
			*due = svc_cal_add_work(cal, opened, sp.n * 3600);
			*work = (int)sp.n;
		} else if (sp.unit == SVC_SPAN_HOURS) {
			*due = opened + (time_t)sp.n * 3600;
		} else if (sp.unit == SVC_SPAN_WORKDAYS) {
			*due = svc_cal_add_workdays(cal, opened, sp.n);
		} else {
			/* calendar days at the same local time, whatever
			   the month */
			localtime_r(&opened, &tm);
			tm.tm_mday += (int)sp.n;
			tm.tm_isdst = -1;
			*due = mktime(&tm);
		}
	} else if (strlen(s) == 10 && s[4] == '-') {
		if (svc_date_parse(s, opened, due, e) < 0)
			return -1;
		*due = svc_date_add_days(*due, 1) - 1;
	} else if (svc_time_parse(s, due, e) < 0) {
		return svc_err_set(e, NULL, 0, NULL, "bad due '%s' (a date "
		    "2026-10-15, a timestamp, or a delay like 3d, 48h, "
		    "3 workdays or 4 work hours)", s);
	}
	if (*due < opened)
		return svc_err_set(e, NULL, 0, NULL, "due '%s' is before the "
		    "order is opened", s);
	return 0;
}

const char *
svc_order_owner(const struct svc_order *o)
{
	return empty(o->assignee) ? o->first_asked : o->assignee;
}

int
svc_order_open_at(const struct svc_order *o, time_t t)
{
	return o->opened_t <= t && (empty(o->closed) || o->closed_t > t);
}

int
svc_order_overdue_at(const struct svc_order *o, time_t due, time_t t)
{
	return svc_order_open_at(o, t) && !empty(o->due) && due < t;
}

time_t
svc_order_due_at(const struct svc_order *o, const struct svc_calendar *cal,
    const struct svc_order_wait *w, size_t n, time_t t)
{
	long long waited = 0;

	if (o->due_work == 0 || cal == NULL || cal->nhours == 0)
		return o->due_t + svc_order_paused(w, n, t);
	/* the working time waited, added as working time: a night or a
	   weekend waited moves nothing */
	for (size_t i = 0; i < n; i++)
		waited += svc_cal_work_between(cal, w[i].began,
		    w[i].ended == 0 || w[i].ended > t ? t : w[i].ended);
	return svc_cal_add_work(cal, o->due_t, waited);
}

time_t
svc_order_paused(const struct svc_order_wait *w, size_t n, time_t t)
{
	time_t sum = 0;

	for (size_t i = 0; i < n; i++) {
		time_t end = w[i].ended == 0 || w[i].ended > t ? t :
		    w[i].ended;

		if (end > w[i].began)
			sum += end - w[i].began;
	}
	return sum;
}

const struct svc_order_wait *
svc_order_waiting_at(const struct svc_order_wait *w, size_t n, time_t t)
{
	for (size_t i = 0; i < n; i++)
		if (w[i].began <= t && (w[i].ended == 0 || w[i].ended > t))
			return &w[i];
	return NULL;
}

static int
field(struct svc_err *e, const char *name)
{
	snprintf(e->field, sizeof(e->field), "%s", name);
	return -1;
}

/* A transition event's note begins with its order: "order N: ". */
#define NOTE_PREFIX	"order %lld: "

/* Logs a transition of o as an event of staff at t, inside the
 * transaction; the note is "order N: text". */
static int
log_event(struct svc_ledger *l, const struct svc_order *o, const char *kind,
    const char *staff, const char *ts, const char *text, struct svc_err *e)
{
	struct svc_buf note = { 0 };
	struct svc_event_in in = { 0 };
	long long id;
	int rc;

	svc_buf_printf(&note, NOTE_PREFIX "%s", o->id, text);
	in.ts = ts;
	in.staff = staff;
	in.kind = kind;
	in.customer = o->customer;
	in.channel = o->channel;
	in.dept = o->dept;
	in.note = note.s;
	rc = svc_ledger_own_event(l, &in, &id, e);
	svc_buf_release(&note);
	return rc;
}

/* Inserts o (status open) and its order.open event; inside the
 * transaction. */
static int
insert(struct svc_ledger *l, struct svc_order *o, long long *id,
    struct svc_err *e)
{
	if (svc_db_order_add(svc_ledger_db(l), o, &o->id, e) < 0)
		return -1;
	*id = o->id;
	return log_event(l, o, "order.open", o->first_asked, o->opened,
	    o->matter, e);
}

/* The default due time for an order of category cat (NULL: none)
 * opened at t, into buf: the category's, else the policy's. */
static void
default_due(struct svc_ledger *l, const struct svc_category *cat, time_t t,
    struct svc_order *o, char *buf)
{
	const struct svc_policy *p = svc_ledger_policy(l);
	const struct svc_due *d;

	o->due_work = 0;
	if (p == NULL)
		return;
	d = cat != NULL && cat->due.line != 0 ? &cat->due : &p->orders.due;
	if (d->workdays > 0) {
		o->due_t = svc_cal_add_workdays(&p->calendar, t, d->workdays);
	} else if (d->workhours > 0) {
		/* the policy's load made sure its calendar has hours */
		o->due_t = svc_cal_add_work(&p->calendar, t,
		    (long long)d->workhours * 3600);
		o->due_work = d->workhours;
	} else if (d->hours > 0) {
		o->due_t = t + (time_t)d->hours * 3600;
	} else {
		return;
	}
	o->due = svc_time_format(o->due_t, buf);
}

/* The ledger's calendar: its policy's, else weekends only. */
static const struct svc_calendar *
calendar(struct svc_ledger *l)
{
	const struct svc_policy *p = svc_ledger_policy(l);

	return p != NULL ? &p->calendar : NULL;
}

int
svc_order_category(const struct svc_policy *p, const char *code,
    const char *option, const struct svc_category **cat, struct svc_err *e)
{
	struct svc_buf known = { 0 };

	if ((*cat = svc_policy_category(p, code)) != NULL)
		return 0;
	for (size_t i = 0; p != NULL && i < p->ncategories; i++)
		svc_buf_printf(&known, "%s%s", i ? ", " : "",
		    p->categories[i].code);
	svc_err_set(e, NULL, 0, option, "unknown category '%s' (%s%s)",
	    code, known.len ? "the policy's: " : p == NULL ? "no policy: use "
	    "--policy or set SVC_POLICY" : "the policy declares none",
	    known.len ? known.s : "");
	svc_buf_release(&known);
	return -1;
}

/* The staff and customer fields of in (checked for their form by
 * svc_fields_encode_in) name someone in the roster or customer list. */
static int
known_ids(struct svc_ledger *l, const struct svc_category *cat,
    const struct svc_order_in *in, struct svc_err *e)
{
	for (size_t i = 0; i < in->nfv; i++) {
		const struct svc_field *f = svc_field_find(cat->fields,
		    cat->nfields, in->fv[i].name);
		int rc;

		if (empty(in->fv[i].value))
			continue;
		if (f->type == SVC_FIELD_STAFF &&
		    svc_ledger_staff(l, in->fv[i].value) == NULL)
			return svc_err_set(e, NULL, 0, f->name, "unknown staff "
			    "'%s' (not in the roster)", in->fv[i].value);
		if (f->type == SVC_FIELD_CUSTOMER) {
			if ((rc = svc_ledger_customer(l, in->fv[i].value,
			    e)) < 0)
				return -1;
			if (rc == 0)
				return svc_err_set(e, NULL, 0, f->name,
				    "unknown customer '%s' (not in the "
				    "customer list)", in->fv[i].value);
		}
	}
	return 0;
}

int
svc_order_open(struct svc_ledger *l, const struct svc_order_in *in,
    long long *id, struct svc_err *e)
{
	struct svc_order o = { 0 };
	const struct svc_staff *first;
	const struct svc_category *cat = NULL;
	struct svc_buf fields = { 0 };
	char opened[32], due[32];
	int rc;

	if (svc_text_check(in->category, 0, "--category", e) < 0 ||
	    (!empty(in->category) && svc_order_category(svc_ledger_policy(l),
	    in->category, "--category", &cat, e) < 0))
		return -1;
	if (cat == NULL && in->nfv > 0)
		return svc_err_set(e, NULL, 0, in->fv[0].name, "a general "
		    "order has no fields (fields belong to a --category)");
	if (svc_text_check(in->ts, 0, "--ts", e) < 0 ||
	    svc_text_check(in->customer, 0, "--customer", e) < 0 ||
	    svc_text_check(in->matter, 1, "--matter", e) < 0 ||
	    svc_text_check(in->channel, 0, "--channel", e) < 0 ||
	    svc_text_check(in->dept, 0, "--dept", e) < 0 ||
	    svc_text_check(in->first, 0, "--first", e) < 0 ||
	    svc_text_check(in->due, 0, "--due", e) < 0)
		return -1;
	if (empty(in->customer))
		return svc_err_set(e, NULL, 0, "--customer", "a customer is "
		    "required");
	if ((rc = svc_ledger_customer(l, in->customer, e)) < 0)
		return -1;
	if (rc == 0)
		return svc_err_set(e, NULL, 0, "--customer", "unknown customer"
		    " '%s' (not in the customer list)", in->customer);
	if (empty(in->matter))
		return svc_err_set(e, NULL, 0, "--matter", "the matter is "
		    "required");
	if (empty(in->first))
		return svc_err_set(e, NULL, 0, "--first", "who was asked first"
		    " is required (--first STAFF, or SVC_USER a staff id)");
	if ((first = svc_ledger_staff(l, in->first)) == NULL)
		return svc_err_set(e, NULL, 0, "--first", "unknown staff '%s' "
		    "(not in the roster)", in->first);
	if (empty(in->ts))
		o.opened_t = time(NULL);
	else if (svc_time_parse(in->ts, &o.opened_t, e) < 0)
		return field(e, "--ts");
	o.opened = svc_time_format(o.opened_t, opened);
	if (!empty(in->due)) {
		if (svc_order_due(in->due, calendar(l), o.opened_t, &o.due_t,
		    &o.due_work, e) < 0)
			return field(e, "--due");
		o.due = svc_time_format(o.due_t, due);
	} else
		default_due(l, cat, o.opened_t, &o, due);
	if (cat != NULL) {
		rc = svc_fields_encode_in(cat->fields, cat->nfields,
		    "category", cat->code, in->fv, in->nfv, &fields, NULL,
		    NULL, e);
		if (rc == 0)
			rc = known_ids(l, cat, in, e);
		if (rc < 0) {
			svc_buf_release(&fields);
			return -1;
		}
	}
	o.category = (char *)(cat != NULL ? cat->code : "");
	o.fields = fields.s;
	o.customer = (char *)in->customer;
	o.channel = (char *)in->channel;
	o.dept = (char *)(empty(in->dept) ? first->dept : in->dept);
	o.matter = (char *)in->matter;
	o.first_asked = (char *)in->first;
	o.status = "open";
	rc = 0;
	if (svc_ledger_begin(l, "order", e) < 0) {
		rc = -1;
	} else if (insert(l, &o, id, e) < 0 || svc_ledger_commit(l, e) < 0) {
		svc_ledger_rollback(l);
		/* an event's field names an option of this command */
		if (strcmp(e->field, "channel") == 0)
			field(e, "--channel");
		rc = -1;
	}
	svc_buf_release(&fields);
	return rc;
}

/* struct svc_ledger_hooks' follow_up: see svc_order_attach. */
static int
follow_up(struct svc_ledger *l, const struct svc_event *ev, long long id,
    struct svc_err *e)
{
	struct svc_order o = { 0 };
	struct svc_buf matter = { 0 };
	char opened[32], due[32];
	long long oid;
	int rc;

	if (empty(ev->customer))
		return svc_err_set(e, NULL, 0, "customer", "a dissatisfied "
		    "revisit needs a customer: it opens a follow-up order");
	/* ev's strings may live in the ledger's buffers: copy them first */
	o.opened_t = ev->t;
	o.opened = svc_time_format(ev->t, opened);
	default_due(l, NULL, ev->t, &o, due);
	svc_buf_printf(&matter, "follow-up of dissatisfied revisit (event "
	    "%lld, satisfaction %s)%s%s", id, ev->value,
	    empty(ev->note) ? "" : ": ", empty(ev->note) ? "" : ev->note);
	o.customer = svc_xstrdup(ev->customer);
	o.channel = svc_xstrdup(ev->channel ? ev->channel : "");
	o.dept = svc_xstrdup(ev->dept ? ev->dept : "");
	o.first_asked = svc_xstrdup(ev->staff);
	o.matter = matter.s;
	o.status = "open";
	o.revisit = id;
	rc = insert(l, &o, &oid, e);
	free(o.customer);
	free(o.channel);
	free(o.dept);
	free(o.first_asked);
	svc_buf_release(&matter);
	return rc;
}

/*
 * Why a closed or cancelled order refuses verb: its status, who set it
 * and when, from the event that logged it (on the owner it left).
 */
static int
final(struct svc_ledger *l, const struct svc_order *o, const char *verb,
    struct svc_err *e)
{
	struct svc_db *db = svc_ledger_db(l);
	struct svc_event ev;
	char prefix[48];
	long long ev_id;
	time_t t;
	int rc;

	snprintf(prefix, sizeof(prefix), NOTE_PREFIX, o->id);
	if ((rc = svc_db_event_last(db, svc_order_owner(o),
	    strcmp(o->status, "closed") == 0 ? "order.close" : "order.cancel",
	    prefix, &t, &ev_id, e)) < 0 ||
	    (rc == 1 && (rc = svc_db_event_get(db, ev_id, &ev, e)) < 0))
		return -1;
	if (rc == 0)
		return svc_err_set(e, NULL, 0, "id", "work order %lld is %s "
		    "(%s): it cannot be %s", o->id, o->status, o->closed, verb);
	return svc_err_set(e, NULL, 0, "id", "work order %lld is %s (by %s, "
	    "%s): it cannot be %s", o->id, o->status, ev.logged_by, ev.ts,
	    verb);
}

/* Reads order id for a transition, inside its transaction: 0 and *o
 * (caller releases), or -1. A closed or cancelled order is refused
 * unless final_ok. */
static int
fetch(struct svc_ledger *l, long long id, const char *verb, int final_ok,
    struct svc_order *o, struct svc_err *e)
{
	int rc = svc_db_order_get(svc_ledger_db(l), id, o, e);

	if (rc < 0)
		return -1;
	if (rc == 0)
		return svc_err_set(e, NULL, 0, "id", "no work order %lld", id);
	if (!final_ok && (strcmp(o->status, "closed") == 0 ||
	    strcmp(o->status, "cancelled") == 0)) {
		final(l, o, verb, e);
		svc_order_release(o);
		return -1;
	}
	return 0;
}

/*
 * The transition's time: ts or now, not before the order's last step
 * (its opening, or its latest assignment), so that its events stay in
 * the order they happened.
 */
static int
when(struct svc_ledger *l, const struct svc_order *o, const char *ts,
    time_t *t, char *buf, struct svc_err *e)
{
	char last[32], prefix[48];
	time_t at;
	int rc;

	if (empty(ts))
		*t = time(NULL);
	else if (svc_time_parse(ts, t, e) < 0)
		return field(e, "--ts");
	if (*t < o->opened_t)
		return svc_err_set(e, NULL, 0, "--ts", "%s is before work "
		    "order %lld was opened (%s)", svc_time_format(*t, buf),
		    o->id, o->opened);
	if (!empty(o->assignee)) {
		/* the assign event is logged on the assignee it made */
		snprintf(prefix, sizeof(prefix), NOTE_PREFIX, o->id);
		if ((rc = svc_db_event_last(svc_ledger_db(l), o->assignee,
		    "order.assign", prefix, &at, NULL, e)) < 0)
			return -1;
		if (rc == 1 && *t < at)
			return svc_err_set(e, NULL, 0, "--ts", "%s is before "
			    "work order %lld was assigned to %s (%s)",
			    svc_time_format(*t, buf), o->id, o->assignee,
			    svc_time_format(at, last));
	}
	svc_time_format(*t, buf);
	return 0;
}

/*
 * Runs one transition on order id in its own transaction: fetch, check
 * the time, let apply change the row, store it, log the event. The order
 * is read inside the transaction: of transitions run at once, each sees
 * the one committed before it.
 */
struct step {
	const char *verb, *kind, *text;	/* text: the event's note */
	const char *staff;		/* assign: the new assignee */
	const char *ts;
	int wait;			/* 1 wait (text: the reason),
					   -1 resume, 0 any other */
	const char *note;		/* the event's note when not text */
	int notify;			/* the customer was notified: the
					   wait going on goes on */
};

/* What the waits of an order say, read inside the transaction. */
struct wait_state {
	int waiting;		/* a wait is going on */
	time_t began;		/* of that wait */
	char *reason;		/* of that wait (owned), or NULL */
	time_t last;		/* the latest beginning or end of a wait */
};

static int
take_wait(void *arg, const struct svc_order_wait *w)
{
	struct wait_state *ws = arg;

	if (w->began > ws->last)
		ws->last = w->began;
	if (w->ended > ws->last)
		ws->last = w->ended;
	if (w->ended == 0) {
		ws->waiting = 1;
		ws->began = w->began;
		free(ws->reason);
		ws->reason = svc_xstrdup(w->reason);
	}
	return 0;
}

/*
 * Begins or ends the order's wait as st says, after checking it may: a
 * wait needs none going on, a resume needs one, any other transition
 * ends the one going on. t is not before the last wait's beginning or
 * end, so that the events stay in order.
 */
static int
step_wait(struct svc_ledger *l, const struct svc_order *o,
    const struct step *st, time_t t, struct svc_err *e)
{
	struct svc_db *db = svc_ledger_db(l);
	struct wait_state ws = { 0 };
	char a[32], b[32];
	int rc = -1;

	if (svc_db_order_waits_each(db, o->id, take_wait, &ws, e) < 0)
		return -1;
	if (t < ws.last)
		svc_err_set(e, NULL, 0, "--ts", "%s is before work order "
		    "%lld's last wait %s (%s)", svc_time_format(t, a), o->id,
		    ws.waiting ? "began" : "ended",
		    svc_time_format(ws.last, b));
	else if (st->wait > 0 && ws.waiting)
		svc_err_set(e, NULL, 0, "id", "work order %lld is already "
		    "waiting, since %s: %s", o->id,
		    svc_time_format(ws.began, a), ws.reason);
	else if (st->wait < 0 && !ws.waiting)
		svc_err_set(e, NULL, 0, "id", "work order %lld is not "
		    "waiting", o->id);
	else if (st->wait > 0)
		rc = svc_db_order_wait(db, o->id, t, st->text, e);
	else if (ws.waiting && !st->notify)
		rc = svc_db_order_wait(db, o->id, t, NULL, e);
	else
		rc = 0;
	free(ws.reason);
	return rc;
}

static int
transition(struct svc_ledger *l, long long id, const struct step *st,
    struct svc_err *e)
{
	struct svc_order o;
	char buf[32];
	time_t t;
	char *keep_assignee = NULL, *keep_dept = NULL, *keep_status;
	char *keep_notified = NULL;
	int rc = -1;

	if (svc_ledger_begin(l, "order", e) < 0)
		return -1;
	/* a notification is owed on the order's day, not before its
	   closing: one closed or cancelled that day still gets it */
	if (fetch(l, id, st->verb, st->notify, &o, e) < 0) {
		svc_ledger_rollback(l);
		return -1;
	}
	keep_status = o.status;
	if (when(l, &o, st->ts, &t, buf, e) < 0 ||
	    step_wait(l, &o, st, t, e) < 0)
		goto out;
	if (st->wait != 0) {
		/* the row stays as it is: waiting is in its waits */
	} else if (st->notify) {
		if (!empty(o.notified)) {
			svc_err_set(e, NULL, 0, "id", "work order %lld's "
			    "customer was already notified (%s)", id,
			    o.notified);
			goto out;
		}
		keep_notified = o.notified;
		o.notified = buf;
		o.notified_t = t;
	} else if (st->staff != NULL) {
		const struct svc_staff *s = svc_ledger_staff(l, st->staff);

		if (s == NULL) {
			svc_err_set(e, NULL, 0, "staff", "unknown staff '%s' "
			    "(not in the roster)", st->staff);
			goto out;
		}
		if (strcmp(o.assignee, st->staff) == 0) {
			svc_err_set(e, NULL, 0, "staff", "work order %lld is "
			    "already assigned to %s", id, st->staff);
			goto out;
		}
		keep_assignee = o.assignee;
		o.assignee = (char *)st->staff;
		if (empty(o.dept)) {
			keep_dept = o.dept;
			o.dept = s->dept;
		}
		o.status = "assigned";
	} else {
		o.status = strcmp(st->kind, "order.close") == 0 ? "closed" :
		    "cancelled";
		o.closed_t = t;
		free(o.closed);
		o.closed = svc_xstrdup(buf);
		if (strcmp(o.status, "closed") == 0) {
			free(o.resolution);
			o.resolution = svc_xstrdup(st->text);
		} else {
			free(o.reason);
			o.reason = svc_xstrdup(st->text);
		}
	}
	if ((st->wait == 0 && svc_db_order_update(svc_ledger_db(l), &o, e) < 0)
	    || log_event(l, &o, st->kind, svc_order_owner(&o), buf,
	    st->note ? st->note : st->text, e) < 0)
		goto out;
	rc = svc_ledger_commit(l, e);
out:
	if (rc < 0)
		svc_ledger_rollback(l);
	/* put back what release must free */
	if (keep_assignee != NULL)
		o.assignee = keep_assignee;
	if (keep_dept != NULL)
		o.dept = keep_dept;
	if (keep_notified != NULL)
		o.notified = keep_notified;
	o.status = keep_status;
	svc_order_release(&o);
	return rc;
}

int
svc_order_assign(struct svc_ledger *l, long long id, const char *staff,
    const char *ts, struct svc_err *e)
{
	struct svc_buf text = { 0 };
	struct step st = { "assigned", "order.assign", NULL, staff, ts, 0,
	    NULL, 0 };
	int rc;

	if (empty(staff))
		return svc_err_set(e, NULL, 0, "staff", "missing staff id");
	if (svc_text_check(staff, 0, "staff", e) < 0 ||
	    svc_text_check(ts, 0, "--ts", e) < 0)
		return -1;
	svc_buf_printf(&text, "assigned to %s", staff);
	st.text = text.s;
	rc = transition(l, id, &st, e);
	svc_buf_release(&text);
	return rc;
}

int
svc_order_close(struct svc_ledger *l, long long id, const char *resolution,
    const char *ts, struct svc_err *e)
{
	struct step st = { "closed", "order.close",
	    empty(resolution) ? "closed" : resolution, NULL, ts, 0, NULL,
	    0 };

	if (svc_text_check(resolution, 1, "--resolution", e) < 0 ||
	    svc_text_check(ts, 0, "--ts", e) < 0)
		return -1;
	return transition(l, id, &st, e);
}

int
svc_order_cancel(struct svc_ledger *l, long long id, const char *reason,
    const char *ts, struct svc_err *e)
{
	struct step st = { "cancelled", "order.cancel", reason, NULL, ts, 0,
	    NULL, 0 };

	if (empty(reason))
		return svc_err_set(e, NULL, 0, "--reason", "a reason is "
		    "required");
	if (svc_text_check(reason, 1, "--reason", e) < 0 ||
	    svc_text_check(ts, 0, "--ts", e) < 0)
		return -1;
	return transition(l, id, &st, e);
}

int
svc_order_notify(struct svc_ledger *l, long long id, const char *ts,
    struct svc_err *e)
{
	struct step st = { "notified", "order.notify", "customer notified",
	    NULL, ts, 0, NULL, 1 };

	if (svc_text_check(ts, 0, "--ts", e) < 0)
		return -1;
	return transition(l, id, &st, e);
}

int
svc_order_unnotified(const struct svc_order *o,
    const struct svc_category *cat, time_t t, double *amount)
{
	const struct svc_field *f = cat ? svc_category_amount(cat) : NULL;
	struct svc_buf v = { 0 };
	time_t day_end;
	int has;

	*amount = 0;
	if (cat == NULL || strcmp(o->category, cat->code) != 0)
		return 0;
	has = f != NULL && svc_fields_get(o->fields, f->name, &v) == 1 &&
	    svc_parse_num(v.s, amount) == 0;
	svc_buf_release(&v);
	if (!has || *amount <= cat->notify_above)
		return 0;
	/* the first instant of the next local day */
	day_end = svc_date_add_days(o->opened_t, 1);
	/* a notification after t is not known at t */
	if (!empty(o->notified) && o->notified_t <= t)
		return o->notified_t >= day_end;
	/* the day is over once its last second has come, as a period
	   judged at its end is: else a claim of a period's last day would
	   be flagged in none */
	return t >= day_end - 1;
}

int
svc_order_wait(struct svc_ledger *l, long long id, const char *reason,
    const char *ts, struct svc_err *e)
{
	struct svc_buf note = { 0 };
	struct step st = { "put to wait", "order.wait", reason, NULL, ts, 1,
	    NULL, 0 };
	int rc;

	if (empty(reason))
		return svc_err_set(e, NULL, 0, "--reason", "a reason is "
		    "required (what the order waits for)");
	if (svc_text_check(reason, 1, "--reason", e) < 0 ||
	    svc_text_check(ts, 0, "--ts", e) < 0)
		return -1;
	svc_buf_printf(&note, "waiting on the customer: %s", reason);
	st.note = note.s;
	rc = transition(l, id, &st, e);
	svc_buf_release(&note);
	return rc;
}

int
svc_order_resume(struct svc_ledger *l, long long id, const char *ts,
    struct svc_err *e)
{
	struct step st = { "resumed", "order.resume", "resumed", NULL, ts, -1,
	    NULL, 0 };

	if (svc_text_check(ts, 0, "--ts", e) < 0)
		return -1;
	return transition(l, id, &st, e);
}

/* struct svc_ledger_hooks' voided: see svc_order_attach. */
static int
revisit_voided(struct svc_ledger *l, long long id, const char *reason,
    struct svc_err *e)
{
	struct svc_db *db = svc_ledger_db(l);
	struct svc_buf text = { 0 };
	struct svc_order o;
	char buf[32];
	int rc;

	if ((rc = svc_db_order_of_revisit(db, id, &o, e)) <= 0)
		return rc;
	if (strcmp(o.status, "open") != 0 && strcmp(o.status, "assigned") != 0) {
		svc_order_release(&o);
		return 0;
	}
	svc_buf_printf(&text, "revisit %lld voided: %s", id, reason);
	free(o.status);
	o.status = svc_xstrdup("cancelled");
	o.closed_t = time(NULL);
	free(o.closed);
	o.closed = svc_xstrdup(svc_time_format(o.closed_t, buf));
	free(o.reason);
	o.reason = svc_xstrdup(text.s);
	rc = svc_db_order_update(db, &o, e) < 0 ||
	    svc_db_order_wait(db, o.id, o.closed_t, NULL, e) < 0 ||
	    log_event(l, &o, "order.cancel", svc_order_owner(&o), buf, text.s,
	    e) < 0 ? -1 : 0;
	svc_buf_release(&text);
	svc_order_release(&o);
	return rc;
}

static const struct svc_ledger_hooks hooks = { follow_up, revisit_voided };

void
svc_order_attach(struct svc_ledger *l)
{
	svc_ledger_set_hooks(l, &hooks);
}

/* ---- waits, read back ---- */

struct waits {
	struct svc_order_wait *v;	/* reasons owned */
	size_t n, cap;
};

static int
collect_wait(void *arg, const struct svc_order_wait *w)
{
	struct waits *ws = arg;

	if (ws->n == ws->cap) {
		ws->cap = ws->cap ? 2 * ws->cap : 16;
		ws->v = svc_xrealloc(ws->v, ws->cap * sizeof(*ws->v));
	}
	ws->v[ws->n] = *w;
	ws->v[ws->n++].reason = svc_xstrdup(w->reason);
	return 0;
}

static void
waits_free(struct svc_order_wait *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free((char *)v[i].reason);
	free(v);
}

/* Every order's waits, in (order, began) order: 0 or -1. */
static int
waits_read(struct svc_db *db, struct waits *ws, struct svc_err *e)
{
	memset(ws, 0, sizeof(*ws));
	if (svc_db_order_waits_each(db, 0, collect_wait, ws, e) < 0) {
		waits_free(ws->v, ws->n);
		return -1;
	}
	return 0;
}

/* The waits of order id in v[0..n) (sorted by order): *k of them. */
static const struct svc_order_wait *
waits_of(const struct svc_order_wait *v, size_t n, long long id, size_t *k)
{
	size_t lo = 0, hi = n, i;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid].order < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < n && v[i].order == id; i++)
		;
	*k = i - lo;
	return *k ? &v[lo] : NULL;
}

/* ---- list ---- */

struct listing {
	const struct svc_order_filter *f;
	struct svc_csv_writer *w;
	struct waits ws;
};

static int
write_order(void *arg, const struct svc_order *o)
{
	struct listing *ls = arg;
	struct svc_csv_writer *w = ls->w;
	size_t nw;
	const struct svc_order_wait *wv = waits_of(ls->ws.v, ls->ws.n, o->id,
	    &nw);
	time_t at = ls->f->as_of;
	int overdue = svc_order_overdue_at(o, svc_order_due_at(o, ls->f->cal,
	    wv, nw, at), at);
	const char *status = svc_order_open_at(o, at) &&
	    svc_order_waiting_at(wv, nw, at) ? "waiting" : o->status;

	if ((ls->f->status && strcmp(status, ls->f->status) != 0) ||
	    (ls->f->overdue && !overdue))
		return 0;
	svc_csv_id(w, o->id);
	svc_csv_cell(w, o->opened);
	svc_csv_cell(w, o->customer);
	svc_csv_cell(w, o->channel);
	svc_csv_cell(w, o->dept);
	svc_csv_cell(w, o->matter);
	svc_csv_cell(w, o->first_asked);
	svc_csv_cell(w, o->assignee);
	svc_csv_cell(w, svc_order_owner(o));
	svc_csv_cell(w, o->due);
	svc_csv_cell(w, status);
	svc_csv_cell(w, o->closed);
	svc_csv_cell(w, o->resolution);
	svc_csv_cell(w, o->reason);
	svc_csv_id(w, o->revisit);
	svc_csv_cell(w, overdue ? "yes" : "no");
	svc_csv_cell(w, o->category);
	svc_csv_cell(w, o->fields);
	svc_csv_cell(w, o->notified);
	svc_csv_endrow(w);
	return 0;
}

int
svc_order_list(struct svc_db *db, const struct svc_order_filter *f,
    struct svc_csv_writer *w, struct svc_err *e)
{
	struct listing ls = { f, w, { 0 } };
	int i, rc;

	for (i = 0; f->status && statuses[i]; i++)
		if (strcmp(statuses[i], f->status) == 0)
			break;
	if (f->status && statuses[i] == NULL)
		return svc_err_set(e, NULL, 0, "--status", "unknown status "
		    "'%s' (open, assigned, waiting, closed or cancelled)",
		    f->status);
	if (waits_read(db, &ls.ws, e) < 0)
		return -1;
	for (i = 0; i < SVC_OR_NCOLS; i++)
		svc_csv_cell(w, svc_order_cols[i].name);
	svc_csv_endrow(w);
	rc = svc_db_orders_each(db, write_order, &ls, e) < 0 ? -1 : 0;
	waits_free(ls.ws.v, ls.ws.n);
	return rc;
}

/* ---- report ---- */

static int
cmp_open(const void *a, const void *b)
{
	const struct svc_order_open_row *x = a, *y = b;

	if (x->overdue != y->overdue)
		return y->overdue - x->overdue;
	if (x->overdue && x->overdue_by != y->overdue_by)
		return x->overdue_by > y->overdue_by ? -1 : 1;
	if (x->has_due != y->has_due)
		return y->has_due - x->has_due;
	if (x->has_due && x->o->due_t != y->o->due_t)
		return x->o->due_t < y->o->due_t ? -1 : 1;
	return x->o->id < y->o->id ? -1 : x->o->id > y->o->id;
}

static int
cmp_closed(const void *a, const void *b)
{
	const struct svc_order_closed_row *x = a, *y = b;

	if (x->o->closed_t != y->o->closed_t)
		return x->o->closed_t < y->o->closed_t ? -1 : 1;
	return x->o->id < y->o->id ? -1 : x->o->id > y->o->id;
}

void
svc_order_report_build(struct svc_order *orders, size_t n,
    struct svc_order_wait *waits, size_t nwaits, const struct svc_period *p,
    const struct svc_calendar *cal, time_t as_of, struct svc_order_report *r)
{
	struct svc_order_stats *s = &r->stats;
	time_t start = p ? p->start : 0, end = as_of + 1;
	double to_close = 0;

	if (p && p->end < end)
		end = p->end;
	memset(r, 0, sizeof(*r));
	r->orders = orders;
	r->norders = n;
	r->waits = waits;
	r->nwaits = nwaits;
	r->open = svc_xcalloc(n ? n : 1, sizeof(*r->open));
	r->closed = svc_xcalloc(n ? n : 1, sizeof(*r->closed));
	for (size_t i = 0; i < n; i++) {
		const struct svc_order *o = &orders[i];
		int ended = !empty(o->closed) && o->closed_t < end;
		int closed = ended && strcmp(o->status, "closed") == 0;
		int in_period = o->opened_t >= start && o->opened_t < end;
		size_t nw;
		const struct svc_order_wait *wv = waits_of(waits, nwaits,
		    o->id, &nw);
		time_t due;

		if (svc_order_open_at(o, end - 1)) {
			struct svc_order_open_row *row = &r->open[r->nopen++];

			row->o = o;
			row->owner = svc_order_owner(o);
			row->age = end - 1 - o->opened_t;
			row->has_due = !empty(o->due);
			row->paused = svc_order_paused(wv, nw, end - 1);
			row->waiting = svc_order_waiting_at(wv, nw, end - 1);
			due = svc_order_due_at(o, cal, wv, nw, end - 1);
			row->overdue = svc_order_overdue_at(o, due, end - 1);
			row->overdue_by = row->overdue ? end - 1 - due : 0;
			r->paused |= row->paused > 0;
			s->open_at_end++;
			s->overdue_at_end += row->overdue;
		}
		if (ended && o->closed_t >= start) {
			if (closed) {
				struct svc_order_closed_row *row =
				    &r->closed[r->nclosed++];

				row->o = o;
				row->to_close = o->closed_t - o->opened_t;
				row->paused = svc_order_paused(wv, nw,
				    o->closed_t);
				row->late = !empty(o->due) &&
				    o->closed_t > svc_order_due_at(o, cal, wv,
				    nw, o->closed_t);
				r->paused |= row->paused > 0;
				s->closed++;
				s->closed_late += row->late;
				to_close += (double)row->to_close;
			} else
				s->cancelled++;
		}
		if (!in_period)
			continue;
		s->opened++;
		if (ended && !closed)
			continue;
		s->handled_of++;
		s->handled += closed;
		if (o->revisit) {
			s->follow_ups++;
			s->follow_ups_closed += closed;
		}
	}
	if (s->handled_of > 0) {
		s->has_handling_rate = 1;
		s->handling_rate = 100.0 * s->handled / s->handled_of;
	}
	if (s->closed > 0)
		s->mean_to_close = to_close / s->closed;
	/* an empty array may be NULL, which qsort may not get */
	if (r->nopen > 0)
		qsort(r->open, r->nopen, sizeof(*r->open), cmp_open);
	if (r->nclosed > 0)
		qsort(r->closed, r->nclosed, sizeof(*r->closed), cmp_closed);
}

struct collect {
	struct svc_order *v;
	size_t n, cap;
	const char *category;	/* only orders of it; NULL: every one */
};

static char *
own(const char *s)
{
	return svc_xstrdup(s);
}

static int
collect(void *arg, const struct svc_order *o)
{
	struct collect *c = arg;
	struct svc_order *d;

	if (c->category != NULL && strcmp(o->category, c->category) != 0)
		return 0;
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->v = svc_xrealloc(c->v, c->cap * sizeof(*c->v));
	}
	d = &c->v[c->n++];
	*d = *o;
	d->opened = own(o->opened);
	d->customer = own(o->customer);
	d->channel = own(o->channel);
	d->dept = own(o->dept);
	d->matter = own(o->matter);
	d->first_asked = own(o->first_asked);
	d->assignee = own(o->assignee);
	d->due = own(o->due);
	d->status = own(o->status);
	d->closed = own(o->closed);
	d->resolution = own(o->resolution);
	d->reason = own(o->reason);
	d->category = own(o->category);
	d->fields = own(o->fields);
	d->notified = own(o->notified);
	return 0;
}

int
svc_order_report_db(struct svc_db *db, const struct svc_period *p,
    const struct svc_calendar *cal, time_t as_of, struct svc_order_report *r,
    struct svc_err *e)
{
	return svc_order_report_of(db, p, cal, as_of, NULL, r, e);
}

int
svc_order_report_of(struct svc_db *db, const struct svc_period *p,
    const struct svc_calendar *cal, time_t as_of, const char *category,
    struct svc_order_report *r, struct svc_err *e)
{
	struct collect c = { .category = category };
	struct waits ws;

	if (svc_db_orders_each(db, collect, &c, e) < 0 ||
	    waits_read(db, &ws, e) < 0) {
		for (size_t i = 0; i < c.n; i++)
			svc_order_release(&c.v[i]);
		free(c.v);
		return -1;
	}
	svc_order_report_build(c.v, c.n, ws.v, ws.n, p, cal, as_of, r);
	return 0;
}

size_t
svc_order_flags(const struct svc_order_report *r, const struct svc_policy *p,
    time_t start, time_t end, time_t t, struct svc_order_flag **out)
{
	size_t n = 0;

	*out = NULL;
	for (size_t i = 0; i < r->norders; i++) {
		const struct svc_order *o = &r->orders[i];
		const struct svc_category *cat;
		double amount;

		if (o->opened_t < start || o->opened_t >= end ||
		    (cat = svc_policy_category(p, o->category)) == NULL ||
		    !svc_order_unnotified(o, cat, t, &amount))
			continue;
		*out = svc_xrealloc(*out, (n + 1) * sizeof(**out));
		(*out)[n++] = (struct svc_order_flag){ o, cat, amount };
	}
	return n;
}

void
svc_order_report_release(struct svc_order_report *r)
{
	for (size_t i = 0; i < r->norders; i++)
		svc_order_release(&r->orders[i]);
	free(r->orders);
	waits_free(r->waits, r->nwaits);
	free(r->open);
	free(r->closed);
	memset(r, 0, sizeof(*r));
}
