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
#include "report.h"
#include "table.h"

/* Days before a cadence's end from which a customer shows as "due". */
#define SVC_REPORT_DUE_WITHIN 3

/*
 * Work orders judged at in->as_of (or at in->period's end when that is
 * earlier; in->period NULL: all time): the orders open then, overdue ones
 * first and marked, with age, owner and due time; the orders closed in
 * the period with the time they took; the counts and the handling rate
 * (svc_order_stats in order.h).
 */
int svc_report_orders(const struct svc_report_in *in, struct svc_doc *d,
    struct svc_err *e);

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
