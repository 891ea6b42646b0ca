/*
 * opsreport: the svc-report kinds of work orders, revisit cadences,
 * operation time limits (issue 6) and checklists on a schedule (issue
 * 22), built as documents (see table.h) from the ledger. Each takes the
 * svc_report_in of report.h (db, policy, period, as_of) and fills a
 * caller-initialised svc_doc; it returns 0, or -1 with e set, the
 * document then partly filled and still released by the caller.
 */
#ifndef SVC_OPSREPORT_H
#define SVC_OPSREPORT_H

#include "err.h"
#include "order.h"
#include "report.h"
#include "table.h"

/* Days before a cadence's end from which a customer shows as "due". */
#define SVC_REPORT_DUE_WITHIN 3

/*
 * Work orders judged at in->as_of (or at in->period's end when that is
 * earlier; in->period NULL: all time): the orders open then, overdue ones
 * first and marked, with age, owner and due time; the orders closed in
 * the period with the time they took; the counts and the handling rate
 * (svc_order_stats in order.h); the orders opened in the period that
 * were not notified on their own day (svc_order_unnotified), when there
 * are any. With in->category (a category of in->policy, else refused
 * with e->field "--kind"), only orders of that category, and first the
 * orders of it opened in the period with their fields, status, first-
 * asked staff, notification and a marker on those not notified on their
 * day: the weekly claims report (出险报案情况报表) for a week, the
 * monthly one (案件处理情况) for a month.
 */
int svc_report_orders(const struct svc_report_in *in, struct svc_doc *d,
    struct svc_err *e);

/*
 * The table of the orders of r opened from start up to end (exclusive)
 * not notified on their own day judged at t, under policy p; nothing
 * when there are none. Returns how many there are.
 */
size_t svc_report_unnotified(struct svc_doc *d,
    const struct svc_order_report *r, const struct svc_policy *p,
    time_t start, time_t end, time_t t);

/*
 * Every customer's revisit cadences (revisit.h) judged at in->as_of, or at
 * in->period's end when that is earlier, with SVC_REPORT_DUE_WITHIN days
 * of warning: tier, last revisit, days since, cadence, status; the mean
 * satisfaction per customer and per tier over every revisit up to then
 * (over the period's when in->period is given).
 */
int svc_report_revisits(const struct svc_report_in *in, struct svc_doc *d,
    struct svc_err *e);

/*
 * Checklists on a schedule (schedule.h) over in->period (NULL: the month
 * holding in->as_of) judged at in->as_of, or at the period's last second
 * when that comes first: per schedule and owner, the window holding that
 * moment with its entries and what it owes, the last entry and who made
 * it, the windows judged, those that ended short and the status; then
 * every window that ended short.
 */
int svc_report_schedule(const struct svc_report_in *in, struct svc_doc *d,
    struct svc_err *e);

/*
 * Operation time limits (kpi.h) over in->period (required): per limit the
 * operations measured, within the limit, breaches, the share, the longest;
 * then each limit's worst cases, named by the event's uid when it has one.
 */
int svc_report_kpi(const struct svc_report_in *in, struct svc_doc *d,
    struct svc_err *e);

#endif
