/*
 * kpi: operation time limits ([limit.NAME] in the policy). An event of a
 * limit's kind carries the minutes the operation took as its value; the
 * limit measures it when the event's note contains every one of the
 * limit's match words, its fields hold every NAME=VALUE term and its
 * customer is the one of a customer=ID term (a limit without words
 * measures every event of its kind), and it is a breach when the minutes exceed the limit (exactly at
 * the limit is within). Entry (svc_limits_check) lets in only events
 * that exactly one limit of their kind measures; events logged before
 * that rule may match several, and each breached limit counts, and
 * charges its breach kind when its charge is staff.
 *
 * The scorer charges breaches (lib/score.c); svc_kpi computes what
 * svc-report kpi shows: per limit, operations counted, within the limit,
 * the share, and the worst cases.
 */
#ifndef SVC_KPI_H
#define SVC_KPI_H

#include <stddef.h>
#include <time.h>

#include "db.h"
#include "err.h"
#include "period.h"
#include "policy.h"

/*
 * Nonzero if limit l measures an event of kind with note, fields (as
 * fields.h encodes them) and customer id (NULL = "" for all three): the
 * note holds every word of its match, the fields every NAME=VALUE term,
 * and the customer is ID of a customer=ID term.
 */
int svc_limit_applies(const struct svc_limit *l, const char *kind,
    const char *note, const char *fields, const char *customer);

/*
 * 0 if an event of kind with note, fields and customer (NULL = "") is
 * measured by exactly one limit, or its kind has none; else -1 with
 * e->field "note" (or the field the kind's limits match on, else
 * "customer" when they match on it) and a message listing the match
 * terms of the kind's limits. fields NULL is "not known yet" (a clerk
 * still typing): then a kind whose limits match on a field passes.
 */
int svc_limits_check(const struct svc_policy *p, const char *kind,
    const char *note, const char *fields, const char *customer,
    struct svc_err *e);

/* Nonzero if minutes breach l. */
int svc_limit_breached(const struct svc_limit *l, double minutes);

/* How many worst cases a row keeps. */
#define SVC_KPI_WORST 3

/* A breach, for the worst cases. Strings owned by the kpi. */
struct svc_kpi_case {
	char *ts, *staff, *ref, *note;
	char *fields;		/* the operation's, as fields.h encodes them */
	time_t t;
	double minutes, over;	/* over: minutes beyond the limit */
};

/* One limit's attainment over the period. */
struct svc_kpi_row {
	const struct svc_limit *limit;
	long count;		/* operations measured */
	long within;		/* at or under the limit */
	long breaches;		/* count - within */
	int has_share;		/* 0 when count is 0 */
	double share;		/* 100 * within / count */
	double max_minutes;	/* the longest one; 0 when none */
	struct svc_kpi_case worst[SVC_KPI_WORST];	/* the largest
					   overruns first; ties: earlier first */
	size_t nworst;
};

struct svc_kpi;

/* A kpi over one period under policy p (both outlive it); caller frees. */
struct svc_kpi *svc_kpi_new(const struct svc_policy *p,
    const struct svc_period *period);
void svc_kpi_free(struct svc_kpi *k);

/*
 * Measures one event against every limit. Events outside the period,
 * voided or voiding ones and kinds no limit names are passed over. An
 * event of a limit's kind without a number is an error (e->field
 * "value"; place left to the caller). Returns 0 or -1.
 */
int svc_kpi_event(struct svc_kpi *k, const struct svc_event *ev,
    const char *ref, struct svc_err *e);

/* One row per limit, in policy file order; borrowed from k. */
const struct svc_kpi_row *svc_kpi_rows(const struct svc_kpi *k, size_t *n);

/* Feeds every event of the period in db to k, each case named by the
 * event's uid, else "event ID". Returns 0 or -1. */
int svc_kpi_db(struct svc_kpi *k, struct svc_db *db, struct svc_err *e);

#endif
