/*
 * report: the reports of svc-report, built as documents (see table.h)
 * from the ledger or from the CSV of svc-score and svc-award.
 *
 *   scores   ranked table per department with department averages;
 *   awards   the posting notice: the awards by award, totals, the posting
 *            window, the objection contact and the payment month;
 *   staff    one person's statement: the score explanation of svc-score
 *            --explain, the score row, and the person's awards;
 *   monthly  scheme D's service analysis table (see svc_report_monthly).
 *
 * Every builder fills a caller-initialised svc_doc and returns 0, or -1
 * with e set (file:line:field for CSV input); on failure the document may
 * be partly filled and is still released by the caller.
 */
#ifndef SVC_REPORT_H
#define SVC_REPORT_H

#include <time.h>

#include "csvio.h"
#include "db.h"
#include "err.h"
#include "period.h"
#include "policy.h"
#include "table.h"

/* The awards CSV columns (svc-award's output), in order. */
enum svc_award_col {
	SVC_AW_PERIOD, SVC_AW_STAFF, SVC_AW_NAME, SVC_AW_DEPT, SVC_AW_AWARD,
	SVC_AW_AMOUNT, SVC_AW_ACTION, SVC_AW_RANK, SVC_AW_CONSECUTIVE,
	SVC_AW_POSTED_FROM, SVC_AW_POSTED_UNTIL, SVC_AW_PAYABLE,
	SVC_AW_STATUS, SVC_AW_NCOLS
};
extern const struct svc_csv_col svc_award_cols[SVC_AW_NCOLS];

/* What a report is built from. Unused members may be NULL. */
struct svc_report_in {
	struct svc_db *db;	/* the ledger, for DB-based reports */
	const struct svc_policy *policy;
	const struct svc_period *period;	/* DB-based reports */
	const char *csv;	/* a scores or awards CSV path ("-" stdin) */
	const struct svc_csv_opts *csvopts;
	const char *staff;	/* staff: whose statement */
	const char *kind;	/* register: the kind listed */
	const char *awards;	/* staff: an awards CSV to take awards from */
	time_t as_of;		/* "today": the end of follow-up windows */
	int days;		/* reminders: the days after as_of's date */
	const char *category;	/* orders: only work orders of this
				   [category.CODE] of the policy; NULL:
				   every order */
};

/*
 * Scores: from in->csv (svc-score's columns; the period comes from the
 * rows) or, when csv is NULL, computed from the ledger with the policy
 * for in->period (the rules of lib/score, as svc-score computes them).
 * Within each department (in name order) staff are ranked by score, high
 * first, ties by staff id, people without a score last.
 */
int svc_report_scores(const struct svc_report_in *in, struct svc_doc *d,
    struct svc_err *e);

/*
 * Awards from in->csv (svc-award's columns, extra columns such as list's
 * id passed over) or, when csv is NULL, the awards of in->policy saved for
 * in->period in the ledger with their current status (lib/posting; the
 * replaced ones left out, as svc-award list does). Rows are grouped by
 * award in order of first appearance, each group followed by a total: the
 * count and the amount of the rows neither withdrawn nor replaced. The
 * objection contact comes from in->policy when given.
 */
int svc_report_awards(const struct svc_report_in *in, struct svc_doc *d,
    struct svc_err *e);

/*
 * in->staff's statement for in->period from the ledger: the explanation
 * (svc_scorer_explain) with its events as a table, a column per field
 * of their kinds, the score row, and the person's awards of the
 * period: the rows of in->awards when given, else those of in->policy
 * saved in the ledger, as svc_report_awards reads them. Refuses a staff
 * id not in the roster.
 */
/*
 * The field columns of a table listing events of some kinds: adds to
 * *v (*n so far; grown with svc_xrealloc, caller frees) the fields of
 * kind k whose names are not in it yet, in k's order. Borrowed from k.
 */
void svc_report_field_cols(const struct svc_kind *k,
    const struct svc_field ***v, size_t *n);

/* The type of a column for field f: numbers right-aligned, dates and
 * times date cells (a workbook's dates, in the policy's zone). */
enum svc_cell_type svc_report_field_type(const struct svc_field *f);

/* Sets cell (row, col) of t to field f's value in fields, an event's
 * fields as fields.h encodes them ("" or without f: an empty cell). */
void svc_report_field_cell(struct svc_table *t, size_t row, size_t col,
    const struct svc_field *f, const char *fields);

int svc_report_staff(const struct svc_report_in *in, struct svc_doc *d,
    struct svc_err *e);

/*
 * The monthly service analysis (scheme D) for in->period against the
 * period before it, from the ledger. Service events are those whose kind
 * counts as contact, complaint, praise or revisit. Tables: by department;
 * by nature of service (kind) and channel; complaints and praise; the
 * period's complaints not handled by in->as_of (when there are any); the
 * policy's targets, each compared with the exact value and marked where
 * missed, the value shown with the decimals that keep it from
 * contradicting the verdict. Metrics:
 *   satisfaction        satisfied revisits (svc_kind_satisfied) over all
 *                       revisits, in percent;
 *   complaint_handling  complaints handled before in->as_of, over
 *                       complaints: a satisfied revisit of the customer
 *                       after the complaint, or for a kind handled_by =
 *                       order, a work order of the customer closed after
 *                       it;
 *   closure_rate        work orders opened in the period and not
 *                       cancelled that were closed by its end (or by
 *                       in->as_of when earlier), over those orders;
 *   kpi                 operations within their time limits over the
 *                       operations measured, every limit together;
 *   window_score        per unit the target names (every unit when it
 *                       names none), the mean period score of its staff;
 *   score_mean          the mean period score of everyone scored;
 *   revisit_ontime      customers' revisit cadences (one per customer
 *                       and role, revisit.h) not overdue at the period's
 *                       end (or in->as_of when earlier), over cadences;
 * other metrics (pressure) are shown as "no data". When
 * the ledger has work orders, a table counts them (order.h's stats).
 */
int svc_report_monthly(const struct svc_report_in *in, struct svc_doc *d,
    struct svc_err *e);

#endif
