/*
 * revisit: which customers are due a revisit under their tier's cadence
 * ([revisit.TIER]: every, supervisor_every, head_every days), judged at
 * an as-of moment, and how satisfied they were.
 *
 * A revisit is an event of a kind that counts_as revisit, with the
 * customer and a satisfaction value 1-5. Who made it decides which
 * cadence it serves. When the tier's cadences name positions (by,
 * supervisor_by, head_by), a revisit by any holder of a position (its
 * roster position now) serves the cadence that position owes, and one by
 * a holder of no owing position serves none. Otherwise the customer's
 * owner's supervisor (roster column supervisor) serves supervisor_every,
 * the owner's leader serves head_every, anyone else serves every; a role
 * whose cadence the tier does not set counts as staff.
 *
 * For each cadence of a customer: days since the last revisit by that
 * role are whole local calendar days from its date to the as-of date.
 * overdue: days since > the cadence; due: days since >= cadence - within
 * (within >= 0 days of warning), or never revisited; ok otherwise. A
 * cadence in working days is due by the every-th working day after the
 * last revisit's date (the policy's calendar): overdue after that day,
 * due when at most within working days are left to it. A customer whose
 * tier has no [revisit.TIER] has no status.
 */
#ifndef SVC_REVISIT_H
#define SVC_REVISIT_H

#include <stddef.h>
#include <time.h>

#include "db.h"
#include "err.h"
#include "policy.h"

enum svc_revisit_role {
	SVC_ROLE_STAFF, SVC_ROLE_SUPERVISOR, SVC_ROLE_HEAD, SVC_ROLE_N
};

enum svc_revisit_status {
	SVC_RV_NONE = 0,	/* no cadence for the tier */
	SVC_RV_OK, SVC_RV_DUE, SVC_RV_OVERDUE	/* in order of urgency */
};

/* "staff", "supervisor", "head"; "", "ok", "due", "overdue". */
const char *svc_revisit_role_name(enum svc_revisit_role r);
const char *svc_revisit_status_name(enum svc_revisit_status s);

/* One cadence of one customer. */
struct svc_revisit_due {
	enum svc_revisit_role role;
	const char *by;		/* the position owing it, else the role's
				   name; borrowed from the policy */
	int every;		/* days, or working days */
	int workdays;		/* every counts working days (the policy's
				   [calendar]) */
	int has_last;
	time_t last;		/* the last revisit serving it, up to as-of */
	char last_ts[32];	/* "" when never */
	long days_since;	/* -1 when never */
	time_t next;		/* local midnight of the day it is due by
				   (last's date + every days or working
				   days); 0 when never */
	enum svc_revisit_status status;
};

/* One customer. Strings owned by the svc_revisits. */
struct svc_revisit_row {
	const char *customer, *name, *tier, *owner;
	const struct svc_revisit *cadence;	/* NULL: the tier has none */
	struct svc_revisit_due due[SVC_ROLE_N];	/* staff first */
	size_t ndue;
	enum svc_revisit_status status;	/* the most urgent of due[] */
	long revisits, dissatisfied;	/* since the satisfaction start */
	int has_avg;
	double avg;		/* mean satisfaction over those */
};

/* Totals per tier, over its customers. */
struct svc_revisit_tier {
	const char *tier;
	long customers, ok, due, overdue;	/* customers by status */
	long revisits, dissatisfied;
	int has_avg;
	double avg;		/* mean satisfaction over every revisit */
	int has_satisfied;
	double satisfied;	/* 100 * (revisits - dissatisfied) / revisits */
};

struct svc_revisits;

/*
 * A computation under policy p (outlives it) judged at as_of, with
 * within days of warning; satisfaction counts the revisits from since
 * (0: all) up to as_of. Caller frees with svc_revisits_free.
 */
struct svc_revisits *svc_revisits_new(const struct svc_policy *p,
    time_t as_of, int within, time_t since);
void svc_revisits_free(struct svc_revisits *r);

/* The roster (for supervisor and leader) and the customers; all before
 * the first event. Copies what it keeps. */
void svc_revisits_staff(struct svc_revisits *r, const struct svc_staff *st);
void svc_revisits_customer(struct svc_revisits *r,
    const struct svc_customer *c);

/*
 * Counts one event: passes over other kinds, voided and voiding events,
 * events after as_of and customers not in the list. A revisit without a
 * numeric value is an error (e->field "value"). Returns 0 or -1.
 */
int svc_revisits_event(struct svc_revisits *r, const struct svc_event *ev,
    struct svc_err *e);

/*
 * Computes the rows: every customer in id order, and one row per tier in
 * policy order, then tiers with customers but no cadence in name order.
 * Borrowed from r; call once after the last event.
 */
void svc_revisits_finish(struct svc_revisits *r);
const struct svc_revisit_row *svc_revisits_rows(const struct svc_revisits *r,
    size_t *n);
const struct svc_revisit_tier *svc_revisits_tiers(
    const struct svc_revisits *r, size_t *n);

/* Feeds r the roster, the customers and the events up to as_of from db,
 * then finishes it. Returns 0 or -1. */
int svc_revisits_db(struct svc_revisits *r, struct svc_db *db,
    struct svc_err *e);

#endif
