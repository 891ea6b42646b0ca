/*
 * posting: saved awards and their posting (公示) lifecycle.
 *
 *   proposed --approve--> posted --finalize--> approved --pay--> paid
 *      |                     |                    |
 *      |                     +--finalize----------+--> withdrawn
 *      |                     |         (complaint in the posting window,
 *      |                     |          upheld objection)
 *      +--save again---------+--save again--> replaced   (from approved
 *                                   only with a reason, never from paid)
 *
 * Awards are saved proposed where the policy asks for approval
 * ([posting] approval: the assessment group's 核准 before the list is
 * posted), else posted at once.
 *
 * Every status change is a new row of the award's history (with the
 * as-of date, who and why); nothing is updated in place, so the current
 * status is the latest change. Every function that writes does so in one
 * transaction: on any error the database is as it was.
 *
 * Dates: posted_from is the as-of date of the save (with approval: of
 * the approval; a proposed award has none, ""), posted_until
 * posted_from + the policy's posting days or months (the first day after
 * the posting: the window is [posted_from, posted_until)); a posting of
 * months from a day its last month lacks (31 January + 1 month) runs
 * through that month's last day. payable is the month pay_after_months
 * after the posting's last day (YYYY-MM). Approval fills in the dates of
 * a proposed award once; nothing else changes an award row.
 */
#ifndef SVC_POSTING_H
#define SVC_POSTING_H

#include <stddef.h>
#include <time.h>

#include "award.h"
#include "csvio.h"
#include "db.h"
#include "err.h"
#include "policy.h"

struct svc_buf;

struct svc_posting_dates {
	char from[16], until[16], payable[16];
};

/* The posting dates of awards decided on asof (any time of that day). */
void svc_posting_dates(const struct svc_policy *p, time_t asof,
    struct svc_posting_dates *d);

/*
 * The status awards saved on asof get, and their dates in *d: "posted"
 * with svc_posting_dates, or where p asks for approval "proposed" with
 * every date "" (the posting starts when approved).
 */
const char *svc_posting_saved_as(const struct svc_policy *p, time_t asof,
    struct svc_posting_dates *d);

/* A saved award as listed. Borrowed for the duration of a callback. */
struct svc_saved_award {
	long long id;
	const char *policy;
	const struct svc_award *a;
	const struct svc_posting_dates *dates;
	const char *status;	/* the current one, or with history the one
				   this change set */
	const char *changed_on, *changed_by, *note;	/* the change */
};

/*
 * The awards of policy (by name) that still stand: saved, neither
 * withdrawn nor replaced. *h[0..*n) with strings owned by *h; free with
 * svc_posting_hist_free. Returns 0 or -1.
 */
int svc_posting_history(struct svc_db *db, const char *policy,
    struct svc_award_hist **h, size_t *n, struct svc_err *e);
void svc_posting_hist_free(struct svc_award_hist *h, size_t n);

/*
 * Saves a[0..n), decided for periods[0..nperiods), on asof by user, as
 * svc_posting_saved_as says. Earlier unpaid awards of those periods (and policy) are marked
 * replaced, with the note "saved again" or replace; if any of them is
 * paid, or approved (a finalised period) and replace is NULL, nothing is
 * saved and e says which (for a finalised one, when and by whom). Every
 * holder must be in the roster (e->field "staff"). Returns 0 or -1.
 */
int svc_posting_save(struct svc_db *db, const struct svc_policy *p,
    const char *const *periods, size_t nperiods, const struct svc_award *a,
    size_t n, time_t asof, const char *user, const char *replace,
    struct svc_err *e);

/*
 * Decides in's awards (settled) into aw (appended; the caller releases)
 * without saving them: with the ledger db, on its saved history and its
 * events (worst ratings' counts, nominations); with db NULL, on in alone.
 * Returns 0 or -1.
 */
int svc_posting_decide(struct svc_db *db, const struct svc_policy *p,
    const struct svc_award_input *in, struct svc_awards *aw,
    struct svc_err *e);

/*
 * svc-award --save: decides and saves in one write transaction, so that
 * saves run at once give what they give one after the other. Inside it:
 * with saved non-NULL, the scores saved for that period are read into in
 * (empty; as svc_posting_saved_input with partial; else in holds the
 * scores, settled); the history of the policy
 * is read, in decided into aw (appended; the caller releases) and saved
 * as svc_posting_save(..., replace) does. Then every later period of the
 * policy that svc_award_decided_after names is decided again from its
 * saved scores and the history as it now stands; where that changes its
 * awards they are replaced (saved on asof, the note replace or "decided
 * again: P saved again") and one line per changed award is appended to
 * changes ("2026-08: S003 star NAME 500 -> 1000 (consecutive 1 -> 2)",
 * "... added: ...", "... removed: ...", each ending in a newline).
 * Refused (nothing saved) when such a period would change and is paid,
 * or is finalised and replace is NULL, or has no saved scores. Last,
 * write (when not NULL) gets aw, before the commit (see svc_db_output);
 * its -1 rolls everything back. Returns 0 or -1.
 */
int svc_posting_decide_save(struct svc_db *db, const struct svc_policy *p,
    struct svc_award_input *in, const struct svc_period *saved,
    int partial, time_t asof, const char *user, const char *replace,
    int (*write)(void *arg, const struct svc_awards *aw, struct svc_err *e),
    void *arg, struct svc_awards *aw, struct svc_buf *changes,
    struct svc_err *e);

/*
 * Approves (核准) the proposed awards of (policy, period) on asof: each is
 * posted from that day, its posted_until and payable computed from it
 * (svc_posting_dates), the change noted "approved for posting" with user.
 * Refused (e->field "--period") when none is proposed: no saved awards,
 * approved already, or a policy that asks for no approval. done, when not
 * NULL, is called last inside the transaction, before the commit (to
 * write the period out, reading db); its -1 rolls back. Returns 0 and *n
 * (how many were posted), or -1.
 */
int svc_posting_approve(struct svc_db *db, const struct svc_policy *p,
    const char *period, time_t asof, const char *user,
    int (*done)(void *arg, struct svc_err *e), void *arg, size_t *n,
    struct svc_err *e);

/*
 * Records an objection to a posted award (by id): the reason, who and on
 * which date. Refused for an award that is not posted. done, when not
 * NULL, gets the objection's id before the commit; its -1 rolls back.
 * Returns 0 and *objection (its id), or -1.
 */
int svc_posting_object(struct svc_db *db, long long award,
    const char *reason, time_t asof, const char *user,
    int (*done)(void *arg, long long objection, struct svc_err *e),
    void *arg, long long *objection, struct svc_err *e);

struct svc_posting_result {
	size_t approved, withdrawn, paid;
	double total;		/* paid: the sum of amounts */
};

/*
 * Finalizes the posted awards of (policy, period) on asof: refused when
 * some are still proposed (not approved), when there are none or a
 * posting has not ended (asof < posted_until; e names its last day and
 * posted_until). An award is withdrawn when an objection to it is in
 * uphold[0..nuphold)
 * (objection ids; each must be an undecided objection to an award of
 * this period), or, with withdraw_on_complaint, when it is a reward
 * (svc_award_is_reward) and its holder has an active event of a kind
 * counting as complaint dated within the posting window; the rest are
 * approved, and other objections rejected. done, when not NULL, is
 * called last inside the transaction, before the commit (to write the
 * period out, reading db); its -1 rolls back. Returns 0 and *res, or -1.
 */
int svc_posting_finalize(struct svc_db *db, const struct svc_policy *p,
    const char *period, time_t asof, const long long *uphold,
    size_t nuphold, const char *user,
    int (*done)(void *arg, struct svc_err *e), void *arg,
    struct svc_posting_result *res, struct svc_err *e);

/*
 * Marks every approved award of (policy, period) paid on asof and calls
 * fn once with staff NULL (the payroll starts), then with each holder's
 * total (staff, name, dept, sum of amounts; zero totals left out), in
 * staff order, before the commit: fn's nonzero return rolls back (see
 * svc_db_output). Refused when nothing is approved: not approved for
 * posting or not finalized yet, already paid, or no awards. Returns 0 and *res, or -1 (or fn's
 * nonzero return).
 */
int svc_posting_pay(struct svc_db *db, const char *policy,
    const char *period, time_t asof, const char *user,
    int (*fn)(void *arg, const char *staff, const char *name,
    const char *dept, double amount), void *arg,
    struct svc_posting_result *res, struct svc_err *e);

struct svc_posting_filter {
	const char *policy, *period, *status;	/* NULL: any */
	int history;		/* one call per status change */
};

/*
 * Calls fn for each saved award matching f, in (period, id) order; with
 * history, once per status change in order. Replaced awards only appear
 * when f->status is "replaced" or f->history is set. Stops when fn
 * returns nonzero and returns that; -1 on error.
 */
int svc_posting_list(struct svc_db *db, const struct svc_posting_filter *f,
    int (*fn)(void *arg, const struct svc_saved_award *s), void *arg,
    struct svc_err *e);

/*
 * Adds to in the scores svc-score --save stored for policy (by name) of
 * target and of every period inside it (svc_period_inside: the year's
 * quarters, the weeks whose Thursday is in the month). Returns the
 * number of rows added, or -1.
 */
long svc_posting_saved_scores(struct svc_db *db, const char *policy,
    const struct svc_period *target, struct svc_award_input *in,
    struct svc_err *e);

/*
 * The same for policy p, then settled to target (svc_award_input_settle).
 * Refused (e->field "--period", naming the database) when there are none,
 * and unless partial when a period of p's kind inside target has none
 * (svc_award_input_missing: the year's star is not decided from some of
 * its quarters). Returns 0 or -1.
 */
int svc_posting_saved_input(struct svc_db *db, const struct svc_policy *p,
    const struct svc_period *target, int partial,
    struct svc_award_input *in, struct svc_err *e);

/*
 * A svc_award_count_fn over the ledger (arg: the struct svc_db *): the
 * active events of those kinds that staff has in per.
 */
int svc_posting_count_kinds(void *arg, char *const *kinds, size_t nkinds,
    const struct svc_period *per, const char *staff, long *n,
    struct svc_err *e);

/* Nonzero if s is a status name (proposed, posted, approved, withdrawn,
 * paid, replaced). */
int svc_posting_status_valid(const char *s);

/*
 * The awards CSV: header and rows. with_id adds the id column first;
 * history adds changed_on, changed_by and note last.
 */
void svc_posting_write_header(struct svc_csv_writer *w, int with_id,
    int history);
void svc_posting_write_row(struct svc_csv_writer *w, int with_id,
    int history, const struct svc_saved_award *s);

#endif
