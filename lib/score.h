/*
 * score: a period's score for every staff member, under a policy.
 *
 * Feed a scorer the roster, then the events (from the database or a CSV
 * stream, in any order), then finish it. Memory depends on the number of
 * staff and kinds, never on the number of events: every rule is computed
 * from per-staff, per-kind counts and sums, which is exact because
 *   - a flat kind's n events cost n * points;
 *   - a progressive kind's n events cost points * (1 + 2 + ... + n), the
 *     k-th application costing k * points whatever order they come in;
 *   - a joint penalty from the f-th occurrence charges the supervisor (or
 *     leader) for occurrences f..n, flat or progressive counted from f;
 *   - a disqualifying total is a sum per calendar sub-window.
 *
 * The score is base (a fixed number, or the mean of the period's
 * assessment values) + deductions + bonuses + joint charges received,
 * clamped to the policy's floor and cap, then rounded half away from zero
 * to two decimals. A staff member with no assessment under a mean-based
 * policy has no score and is not eligible.
 */
#ifndef SVC_SCORE_H
#define SVC_SCORE_H

#include <stdio.h>

#include "csvio.h"
#include "db.h"
#include "err.h"
#include "period.h"
#include "policy.h"

/*
 * One staff member's result: struct svc_score, declared in db.h with the
 * rows it is saved as. Strings of a scorer's results are owned by the
 * scorer.
 */

/* The scores CSV columns, in order (svc-award reads them back). */
enum svc_score_col {
	SVC_SC_PERIOD, SVC_SC_STAFF, SVC_SC_NAME, SVC_SC_DEPT,
	SVC_SC_POSITION, SVC_SC_BASE, SVC_SC_DEDUCTIONS, SVC_SC_BONUSES,
	SVC_SC_JOINT, SVC_SC_SCORE, SVC_SC_COMPLAINTS, SVC_SC_PRAISES,
	SVC_SC_EVENTS, SVC_SC_ELIGIBLE, SVC_SC_REASON, SVC_SC_UNIT,
	SVC_SC_NCOLS
};
extern const struct svc_csv_col svc_score_cols[SVC_SC_NCOLS];

struct svc_scorer;

/*
 * A scorer for one period under policy p (both must outlive it). With
 * explain non-NULL, every event of that staff member is kept for
 * svc_scorer_explain. Returns the scorer; caller frees.
 */
struct svc_scorer *svc_scorer_new(const struct svc_policy *p,
    const struct svc_period *period, const char *explain);
void svc_scorer_free(struct svc_scorer *s);

/* Adds a roster entry; all must come before the first event. */
void svc_scorer_staff(struct svc_scorer *s, const struct svc_staff *st);

/*
 * Counts one event. Events outside the period, voided ones (voided_by
 * set), voiding ones (kind "void") and the ledger's own kinds ("order.*")
 * are passed over. Reasons and explanations name the event "event ID"
 * when ev->id is set, else "FILE:LINE" from file and line (file may be
 * NULL when every event has an id); the name is only formatted when one
 * of them needs it, as scoring a million events should not format a
 * million names. Errors (e->field set, place left to the caller): staff
 * not in the roster, kind not in the policy, value not a number, and for
 * an event of a file (file not NULL) a kind not on the sheet of the staff
 * member's position (svc_policy_kind_on_sheet); the ledger's events were
 * checked when logged, and a position held then may have changed. An
 * operation (counts_as operation) that breaches a [limit.*] with a breach
 * kind is also charged that kind, once per breached limit, at the event's
 * time; the charge is an application of the kind's rule (points,
 * escalation, joint penalties, disqualification) but not an event in the
 * events column. Returns 0 or -1.
 */
int svc_scorer_event(struct svc_scorer *s, const struct svc_event *ev,
    const char *file, long line, struct svc_err *e);

/*
 * Adds every staff member of the database (svc_scorer_staff), then every
 * active event of the scorer's period (svc_scorer_event, each placed as
 * "event ID" in e->file on error). Returns 0 or -1 with e set.
 */
int svc_scorer_staff_db(struct svc_scorer *s, struct svc_db *db,
    struct svc_err *e);
int svc_scorer_events_db(struct svc_scorer *s, struct svc_db *db,
    struct svc_err *e);

/*
 * Computes the rows: every active staff member, and everyone with an
 * event or a joint charge in the period, in staff id order. *rows is
 * borrowed from the scorer.
 */
size_t svc_scorer_finish(struct svc_scorer *s,
    const struct svc_score *const **rows);

/*
 * Saves rows[0..n), the scores of period (its name) under policy p, in
 * one transaction (svc_db_scores_save), unless the period is closed:
 * once its awards are paid (svc_db_paid_periods) what was saved stays,
 * and the save is refused (field --period) naming the day it was paid.
 * The check is read inside the save's transaction. Returns 0 or -1 with
 * e set.
 */
int svc_score_save(struct svc_db *db, const struct svc_policy *p,
    const char *period, const struct svc_score *const *rows, size_t n,
    struct svc_err *e);

/*
 * Drift of a saved period: writes as CSV (period,staff,name,saved,now,
 * difference,events) each person whose saved score (svc-score --save,
 * under p) differs from rows[0..n), the scores of period per as the
 * ledger says now; a person on one side only has the other's score
 * empty. events: the ids, space-separated, of that person's events in
 * the period logged in a later second than the save, and of the events
 * voiding one of theirs since. Refuses (field --period) a period with no
 * saved scores. Returns 0 or -1 with e set.
 */
int svc_score_drift(struct svc_db *db, const struct svc_policy *p,
    const struct svc_period *per, const struct svc_score *const *rows,
    size_t n, struct svc_csv_writer *w, struct svc_err *e);

/* Writes the header and rows as the scores CSV. */
void svc_score_write(const struct svc_scorer *s, struct svc_csv_writer *w);

/*
 * Writes the explanation for the explain staff member: every counted
 * event with the rule and points (with the progressive factor) and its
 * fields (NAME=VALUE) unless events is 0, joint charges received and
 * from whom, disqualifications with the events behind them, and the
 * arithmetic to the final score, control characters in names and notes
 * shown as escapes (svc_visible). After finish. Returns 0, or -1 with e
 * set if that person has no row.
 */
int svc_scorer_explain(const struct svc_scorer *s, FILE *out, int events,
    struct svc_err *e);

/* One counted event of the explain staff member (svc_scorer_explained);
 * everything borrowed for the call. */
struct svc_explained {
	time_t t;
	const char *ts;
	const struct svc_kind *kind;
	const char *value;	/* "" when none */
	const char *rule;	/* how it counts: "-5", "progressive, 2nd:
				   2 x -5 = -10", "assessment, into the
				   mean", ... */
	const char *ref;	/* "event 47", a file:line, or a breach */
	const char *fields;	/* its fields as fields.h encodes them; "" */
};

/*
 * Calls fn for each event the explanation lists, in its order (time,
 * then as fed), as svc_scorer_explain words it, text unescaped. After
 * finish. Returns 0, or fn's first nonzero return.
 */
int svc_scorer_explained(const struct svc_scorer *s,
    int (*fn)(void *arg, const struct svc_explained *x), void *arg);

#endif
