/*
 * order: work orders (工作联系单) with first-ask responsibility (首问负责
 * 制): the first person asked owns an order until it is assigned to
 * someone; it is then chased until closed (消单) or cancelled.
 *
 *     open --assign--> assigned --assign--> assigned
 *       \                  \
 *        +---close/cancel---+--> closed | cancelled   (final)
 *
 * An open or assigned order may wait on its customer (svc_order_wait):
 * it is listed as "waiting" and its clock stops until the next
 * transition (svc_order_resume, or an assignment, closing or cancelling)
 * ends the wait; its due time moves later by the time waited (by the
 * working time waited when it is due in working hours: svc_order_due_at).
 * Waits are kept apart from the row (db.h struct svc_order_wait).
 *
 * An order may be of a category the policy declares ([category.CODE],
 * e.g. a claim, 理赔案件): it then carries the category's fields, and
 * when the category has notify_above, an order whose amount is above it
 * must be marked notified (svc_order_notify) on the local day it was
 * opened, or it is flagged (svc_order_unnotified).
 *
 * Every transition writes its row and an event ("order.open",
 * "order.assign", "order.wait", "order.resume", "order.close",
 * "order.cancel", "order.notify", note "order N: ...") in one
 * transaction, so the audit
 * trail sees it; an illegal transition changes nothing. The report
 * side (svc_order_report) works on orders read back, judged at an as-of
 * moment so that runs are reproducible.
 */
#ifndef SVC_ORDER_H
#define SVC_ORDER_H

#include <stddef.h>
#include <time.h>

#include "calendar.h"
#include "csvio.h"
#include "db.h"
#include "err.h"
#include "fields.h"
#include "ledger.h"
#include "period.h"

/* A new order as the clerk gives it; NULL or "" means not given. */
struct svc_order_in {
	const char *ts;		/* when it was opened; default now */
	const char *customer;	/* required, in the customer list */
	const char *matter;	/* required */
	const char *channel, *dept;
	const char *first;	/* first-asked staff (首问负责人), required */
	const char *due;	/* see svc_order_due; default the category's,
				   else the policy's */
	const char *category;	/* a [category.CODE] of the policy, or
				   NULL/"" for a general order */
	const struct svc_fieldval *fv;	/* the category's fields given */
	size_t nfv;
};

/*
 * When an order opened at `opened` is due: "2026-10-15" (the end of that
 * local day, 23:59:59), a timestamp, "Nd" or "N days" (N calendar days
 * later, same local time, across month ends), "Nh" or "N hours" (N hours
 * later), "N workdays" (the same local time on the N-th working day
 * after the opening's date under cal, NULL: weekends only off) or "N work
 * hours" (when N hours of cal's working time have passed, counted from
 * the opening or the next working interval after it: svc_cal_add_work),
 * N from 1 to 3650 days, 2500 working days, 20000 working hours or 87600
 * hours. Work hours need a cal with hours. Refuses a due time before the
 * opening. Returns 0, *due and *work (N for work hours, else 0: struct
 * svc_order due_work), or -1 with e->msg set (field left to the caller).
 */
int svc_order_due(const char *s, const struct svc_calendar *cal,
    time_t opened, time_t *due, int *work, struct svc_err *e);

/*
 * Opens an order: validates (customer, first-asked staff, channel, ts,
 * due, category and its fields), stores it with status "open" and logs
 * "order.open" for the first-asked staff member. A category must be one
 * of the policy's, and the fields given must be its own, its required
 * ones given, each value good (svc_fields_encode_in); fields without a
 * category are refused. The due time defaults to the category's due,
 * else the ledger's policy's ([orders] due), else none. *id is set
 * before the commit, so that a report set with svc_db_report writes it
 * inside the transaction (a failed write rolls the order back). Returns
 * 0 and *id, or -1 with e->field naming the option ("--customer",
 * "--first", "--due", "--category", ...) or the field ("amount").
 */
int svc_order_open(struct svc_ledger *l, const struct svc_order_in *in,
    long long *id, struct svc_err *e);

/*
 * Transitions of order id at ts (NULL or "": now), each logged as an
 * event of the staff member who owns the order afterwards. assign needs
 * an open or assigned order and a staff member in the roster other than
 * the current assignee; close and cancel need an open or assigned order;
 * cancel needs a reason. A ts before the opening is refused. The order
 * is read inside the transition's write transaction, so of transitions
 * run at once only those valid in the order they commit succeed; a
 * closed or cancelled order is refused naming its status, who set it and
 * when. Return 0 or -1 with e set (nothing written).
 */
int svc_order_assign(struct svc_ledger *l, long long id, const char *staff,
    const char *ts, struct svc_err *e);
int svc_order_close(struct svc_ledger *l, long long id,
    const char *resolution, const char *ts, struct svc_err *e);
int svc_order_cancel(struct svc_ledger *l, long long id, const char *reason,
    const char *ts, struct svc_err *e);

/*
 * The category code of policy p (NULL: none) into *cat (borrowed from p):
 * 0, or -1 with e->field option and a message naming p's categories.
 */
int svc_order_category(const struct svc_policy *p, const char *code,
    const char *option, const struct svc_category **cat, struct svc_err *e);

/*
 * Records that the customer of order id was notified at ts (NULL or "":
 * now), logged as "order.notify" on its owner, its status kept: open,
 * assigned (a wait goes on through it), closed or cancelled (the
 * notification is owed on its day, whenever it ended); it must not have
 * been notified before; ts is
 * not before its opening or its latest assignment. The order is read
 * inside the write transaction. Returns 0 or -1 with e set (nothing
 * written).
 */
int svc_order_notify(struct svc_ledger *l, long long id, const char *ts,
    struct svc_err *e);

/*
 * Whether o was not notified on its own day, judged at t: its category
 * cat (NULL: none) has notify_above, its amount (svc_category_amount's
 * field) is above it, and it was notified (by t) after the end of the
 * local day it was opened, or not by then and t is that day's last
 * second or later (a period judged at its end has seen its last day).
 * *amount
 * gets the amount when o has one (else 0). 1 flagged, 0 not.
 */
int svc_order_unnotified(const struct svc_order *o,
    const struct svc_category *cat, time_t t, double *amount);

/*
 * An open or assigned order begins waiting on its customer at ts, for
 * reason (required), logged as "order.wait"; resume ends the wait
 * ("order.resume"), as an assignment, a close or a cancel does. A wait
 * needs none going on, a resume one going on; ts is not before the last
 * wait's beginning or end. Return 0 or -1 with e set (nothing written).
 */
int svc_order_wait(struct svc_ledger *l, long long id, const char *reason,
    const char *ts, struct svc_err *e);
int svc_order_resume(struct svc_ledger *l, long long id, const char *ts,
    struct svc_err *e);

/*
 * Sets l's hooks (struct svc_ledger_hooks) to this module's: inside the
 * ledger's transaction, a dissatisfied revisit stored as event id opens
 * its follow-up order (from ev as stored: its time, staff, customer,
 * channel, dept, value and note), owned by the staff member who made the
 * revisit, due by the policy's default, and a revisit without a customer
 * is refused (e->field "customer"); voiding event id cancels the
 * follow-up order it opened if that is still open or assigned (reason
 * "revisit N voided: REASON"). Every ledger that writes events of a
 * policy is attached.
 */
void svc_order_attach(struct svc_ledger *l);

/* Who owns o: the assignee, else the first-asked staff. Borrowed. */
const char *svc_order_owner(const struct svc_order *o);

/* Nonzero if o was opened by t and not yet closed or cancelled at t. */
int svc_order_open_at(const struct svc_order *o, time_t t);

/* Nonzero if o is open at t, has a due time and due (its due time moved
 * by its waits, svc_order_due_at) has passed. */
int svc_order_overdue_at(const struct svc_order *o, time_t due, time_t t);

/*
 * o's due time moved later by its waits w[0..n) up to t: by the time
 * waited, or, for an order due in working hours (o->due_work) judged with
 * a cal that has hours, by the working time waited, added as working
 * time (svc_cal_add_work), so that a night or weekend waited moves
 * nothing. Without such a cal (no policy at hand) the time waited counts
 * whole.
 */
time_t svc_order_due_at(const struct svc_order *o,
    const struct svc_calendar *cal, const struct svc_order_wait *w, size_t n,
    time_t t);

/* Of an order's waits w[0..n): the seconds waited up to t, and the wait
 * going on at t (borrowed) or NULL. */
time_t svc_order_paused(const struct svc_order_wait *w, size_t n, time_t t);
const struct svc_order_wait *svc_order_waiting_at(
    const struct svc_order_wait *w, size_t n, time_t t);

/* The work-order CSV columns, in the order svc-log order list writes. */
enum svc_order_col {
	SVC_OR_ID, SVC_OR_OPENED, SVC_OR_CUSTOMER, SVC_OR_CHANNEL,
	SVC_OR_DEPT, SVC_OR_MATTER, SVC_OR_FIRST, SVC_OR_ASSIGNEE,
	SVC_OR_OWNER, SVC_OR_DUE, SVC_OR_STATUS, SVC_OR_CLOSED,
	SVC_OR_RESOLUTION, SVC_OR_REASON, SVC_OR_REVISIT, SVC_OR_OVERDUE,
	SVC_OR_CATEGORY, SVC_OR_FIELDS, SVC_OR_NOTIFIED,
	SVC_OR_NCOLS
};
extern const struct svc_csv_col svc_order_cols[SVC_OR_NCOLS];

struct svc_order_filter {
	const char *status;	/* NULL: any; else open, assigned, waiting
				   (at as_of), closed, cancelled */
	int overdue;		/* only orders overdue at as_of */
	time_t as_of;		/* when "overdue" is judged */
	const struct svc_calendar *cal;	/* working hours for orders due in
					   them (svc_order_due_at); NULL */
};

/*
 * Writes the orders matching f as CSV (header first), in id order; the
 * overdue column is judged at f->as_of. A bad status is refused (e->field
 * "--status") before anything is written. Returns 0 or -1.
 */
int svc_order_list(struct svc_db *db, const struct svc_order_filter *f,
    struct svc_csv_writer *w, struct svc_err *e);

/* ---- what svc-report orders and monthly show ---- */

/* An order still open at the as-of moment. */
struct svc_order_open_row {
	const struct svc_order *o;
	const char *owner;
	time_t age;		/* seconds since opened */
	int has_due, overdue;
	time_t overdue_by;	/* seconds past due; 0 unless overdue */
	time_t paused;		/* seconds waited on the customer */
	const struct svc_order_wait *waiting;	/* the wait going on, or
						   NULL */
};

/* An order closed (not cancelled) within the period. */
struct svc_order_closed_row {
	const struct svc_order *o;
	time_t to_close;	/* seconds from opened to closed */
	time_t paused;		/* of those, waited on the customer */
	int late;		/* closed after its due time (moved by the
				   time waited) */
};

struct svc_order_stats {
	long opened;		/* opened within the period */
	long closed;		/* closed within the period (any opening) */
	long cancelled;		/* cancelled within the period */
	long open_at_end;	/* open at the period's end */
	long overdue_at_end;	/* of those, overdue */
	long closed_late;	/* closed within the period after due */
	long handled, handled_of;	/* of the orders opened in the period
					   and not cancelled, how many were
					   closed by its end */
	long follow_ups, follow_ups_closed;	/* the same for follow-ups */
	double handling_rate;	/* 100 * handled / handled_of */
	int has_handling_rate;	/* 0 when handled_of is 0 */
	double mean_to_close;	/* seconds, over the closed ones */
};

struct svc_order_report {
	struct svc_order *orders;	/* every order read (owned) */
	size_t norders;
	struct svc_order_wait *waits;	/* their waits, by order (owned) */
	size_t nwaits;
	int paused;			/* some row waited */
	struct svc_order_open_row *open;	/* overdue first (most overdue
						   first), then by due, then
						   by id */
	size_t nopen;
	struct svc_order_closed_row *closed;	/* by closing time, id */
	size_t nclosed;
	struct svc_order_stats stats;
};

/*
 * Computes the report over orders[0..n) and their waits[0..nwaits), in
 * (order, began) order with reasons allocated (both taken over: the
 * report frees them) for period p, judged at as_of: the period ends at
 * p->end or just after as_of, whichever is first; open rows are those
 * open at that end. p NULL means all time up to as_of. Due times move by
 * waits as svc_order_due_at says, under cal (NULL: none). Never fails.
 */
void svc_order_report_build(struct svc_order *orders, size_t n,
    struct svc_order_wait *waits, size_t nwaits, const struct svc_period *p,
    const struct svc_calendar *cal, time_t as_of, struct svc_order_report *r);

/* The same over every order in db. Returns 0 or -1. */
int svc_order_report_db(struct svc_db *db, const struct svc_period *p,
    const struct svc_calendar *cal, time_t as_of, struct svc_order_report *r,
    struct svc_err *e);

/* The same over the orders of category in db (NULL: every order; "":
 * the general ones). Returns 0 or -1. */
int svc_order_report_of(struct svc_db *db, const struct svc_period *p,
    const struct svc_calendar *cal, time_t as_of, const char *category,
    struct svc_order_report *r, struct svc_err *e);

void svc_order_report_release(struct svc_order_report *r);

/* An order not notified on its own day (svc_order_unnotified). */
struct svc_order_flag {
	const struct svc_order *o;	/* borrowed from the report */
	const struct svc_category *cat;	/* borrowed from the policy */
	double amount;
};

/*
 * The orders of r opened from start up to end (exclusive) that were not
 * notified on their own day, judged at t, in id order, into *out
 * (caller frees; NULL when none). Returns how many.
 */
size_t svc_order_flags(const struct svc_order_report *r,
    const struct svc_policy *p, time_t start, time_t end, time_t t,
    struct svc_order_flag **out);

#endif
