/*
 * award: deciding tiers, stars and worst ratings from period scores.
 *
 * Pure: scores rows, a policy and the history of earlier awards go in,
 * award rows come out; nothing here touches the database (lib/posting
 * stores and posts them). Rules, as svc-award(1) documents them:
 *   - a tier is the first in file order whose [min, max) holds the score;
 *     its amount and badge go to eligible staff only, its action to
 *     everyone in it;
 *   - a star is one per group (unit, dept, position or all): the eligible
 *     member of one of its units (when it names units) without a
 *     complaint (when no_complaint) and with at least min_score who has
 *     the highest score; ties go to fewer deductions,
 *     then more praise, then the lower staff id; no star when no one
 *     qualifies. consecutive = multiply pays k x amount to the star of the
 *     k-th period in a row, counted from the history. Only the positions
 *     a star names compete (every one when none); a star chosen by
 *     nomination only among the staff with an event of a kind counted as
 *     nomination in the period, never those of its nominated_by
 *     positions;
 *   - a worst rating is complaints >= threshold; its fine is a negative
 *     amount; the n-th rating within dismiss_within months (all history
 *     when 0), n >= dismiss_after, adds a dismissal row.
 * Tiers and worst ratings apply to periods of the policy's kind; a star to
 * periods of its own kind (its period key, else the policy's).
 */
#ifndef SVC_AWARD_H
#define SVC_AWARD_H

#include <stddef.h>

#include "csvio.h"
#include "err.h"
#include "period.h"
#include "policy.h"
#include "score.h"

struct svc_buf;

enum svc_award_type {
	SVC_AWARD_TIER = 0, SVC_AWARD_STAR, SVC_AWARD_WORST,
	SVC_AWARD_DISMISSAL
};

/* "tier", "star", "worst", "dismissal" and back (-1 when unknown). */
const char *svc_award_type_name(enum svc_award_type t);
int svc_award_type_parse(const char *s);

/* One decided award or action. Strings are owned by the row. */
struct svc_award {
	char *period, *staff, *name, *dept;
	enum svc_award_type type;
	char *award;		/* the rule's NAME ([tier.NAME], ...) */
	double amount;		/* negative: a fine */
	char *action;		/* "" when none */
	int rank;		/* position in the group; 0 = none */
	int consecutive;	/* k of a multiplied star, n of a worst
				   rating or dismissal; 0 = none */
	char *badge;		/* "" when none */
	char *reason;		/* why, for the posting and the auditor */
};

/* Nonzero for awards a complaint during the posting withdraws: stars, and
 * tiers that pay or give a badge (not a tier that is only an action). */
int svc_award_is_reward(const struct svc_award *a);

void svc_award_release(struct svc_award *a);

/* The scores of one period, rows owned by the set. */
struct svc_award_period {
	struct svc_period period;
	struct svc_score *rows;
	size_t nrows;
	int parts;		/* > 1: combined from that many periods */
};

struct svc_award_input {
	struct svc_award_period *v;	/* in period order once settled */
	size_t n, cap;
};

/* Zero-initialise, then add. svc_award_input_release frees. */
void svc_award_input_release(struct svc_award_input *in);

/*
 * Adds a row for period (a canonical period name, e.g. "2026-07").
 * Refuses an unparsable period and a staff member twice in one period
 * (e->field "period" or "staff"; place left to the caller). Strings of r
 * are copied. Returns 0 or -1.
 */
int svc_award_input_add(struct svc_award_input *in, const char *period,
    const struct svc_score *r, struct svc_err *e);

/*
 * Reads a scores CSV (svc-score's columns; unknown columns refused unless
 * opts->ignore_extra) into in. Every field is checked: e names
 * file:line:column. Returns 0 or -1.
 */
int svc_award_input_read(struct svc_award_input *in, const char *path,
    const struct svc_csv_opts *opts, struct svc_err *e);

/*
 * Orders the periods by start and, with target non-NULL, makes target
 * the only period: rows of target itself are kept, or else the results
 * of every shorter period inside it (svc_period_inside: the year's
 * quarters, the weeks whose Thursday is in the month) are combined
 * per staff member: score and base the mean of the scored periods,
 * deductions, bonuses, joint and counts summed, eligible only if eligible
 * in each, the first reason kept with its period. Rows of periods not
 * inside target, or of target mixed with its parts, are refused (e->field
 * "period"). Returns 0 or -1.
 */
int svc_award_input_settle(struct svc_award_input *in,
    const struct svc_period *target, struct svc_err *e);

/*
 * The periods of p's kind inside target (the quarters of a year) that
 * in, before svc_award_input_settle, has no rows of: their names, joined
 * by ", ", appended to names. None when in holds target itself or a
 * period not inside it (settle refuses both), when no rule of p decides
 * target's kind (svc_award_decide refuses it), or when p's period is not
 * shorter than target. Returns how many.
 */
size_t svc_award_input_missing(const struct svc_award_input *in,
    const struct svc_period *target, const struct svc_policy *p,
    struct svc_buf *names);

/*
 * Reads scores CSV files[0..nfiles) (none: standard input) into in and
 * settles them for target (NULL: the periods as read). Unless partial, a
 * target whose parts p combines (a year's quarters) is refused (e->field
 * "--period") when the files have none of one of them, naming it.
 * Returns 0 or -1.
 */
int svc_award_input_files(struct svc_award_input *in, char *const *files,
    int nfiles, const struct svc_csv_opts *opts, const struct svc_period *target,
    int partial, const struct svc_policy *p, struct svc_err *e);

/* An earlier award that still stands (saved, not withdrawn). */
struct svc_award_hist {
	const char *period, *staff, *award;
	enum svc_award_type type;
};

/*
 * Counts a staff member's events of kinds[0..nkinds) in per, which the
 * scores CSV does not tell: the complaints of a worst rule that names
 * kinds, the nominations (kinds counted as nomination) for a star chosen
 * by nomination. Returns 0 and *n, or -1 with e.
 */
typedef int (*svc_award_count_fn)(void *arg, char *const *kinds,
    size_t nkinds, const struct svc_period *per, const char *staff, long *n,
    struct svc_err *e);

struct svc_awards {
	struct svc_award *v;
	size_t n, cap;
};

/*
 * Decides the awards of every period of in (settled), appending to out
 * in period order, then type (tiers, stars, worst, dismissal), then
 * rule order, then rank and staff id. hist[0..nhist) are earlier
 * periods' awards; periods decided earlier in the same call count as
 * history too. count may be NULL when no worst rule names kinds. A period
 * to which no rule of p applies is an error (e->field "period"). Returns
 * 0 or -1.
 */
int svc_award_decide(const struct svc_policy *p,
    const struct svc_award_input *in, const struct svc_award_hist *hist,
    size_t nhist, svc_award_count_fn count, void *arg,
    struct svc_awards *out, struct svc_err *e);

void svc_awards_release(struct svc_awards *a);

/*
 * The periods in h (saved awards that stand) with a star, worst rating or
 * dismissal, later than the earliest of in's and not among them: they
 * were decided without what in decides now, so where p looks at history
 * (svc_award_needs_history) their consecutive counts and ratings may be
 * stale once in is saved. Sets *names to their names, oldest first, each
 * once (borrowed from h; the array, NULL-ended, or NULL when p needs no
 * history, is the caller's to free) and returns how many.
 */
size_t svc_award_decided_after(const struct svc_policy *p,
    const struct svc_award_input *in, const struct svc_award_hist *h,
    size_t n, const char ***names);

/*
 * Nonzero if deciding under p looks at saved history: a star that
 * multiplies over consecutive periods, or a worst rule that dismisses
 * after the n-th rating or counts kinds in the ledger.
 */
int svc_award_needs_history(const struct svc_policy *p);

#endif
