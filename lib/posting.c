#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "posting.h"
#include "util.h"

static const char *const statuses[] = {
	"proposed", "posted", "approved", "withdrawn", "paid", "replaced", NULL
};

int
svc_posting_status_valid(const char *s)
{
	for (int i = 0; statuses[i] != NULL; i++)
		if (strcmp(s, statuses[i]) == 0)
			return 1;
	return 0;
}

void
svc_posting_dates(const struct svc_policy *p, time_t asof,
    struct svc_posting_dates *d)
{
	time_t from = svc_date_add_days(asof, 0);
	time_t until = svc_date_add_days(from, p->posting.days), last, pay;
	char buf[16];

	svc_date_format(from, d->from);
	if (p->posting.months > 0) {
		/*
		 * A month from 15 October runs through 14 November: the
		 * same day of the month is the first day after it. Where
		 * that month has no such day (31 January + 1 month, clamped
		 * to 28 February), the posting runs through its last day.
		 */
		until = svc_date_add_months(from, p->posting.months);
		svc_date_format(until, buf);
		if (strcmp(buf + 8, d->from + 8) != 0)
			until = svc_date_add_days(until, 1);
	}
	/* the last day of the posting; a posting of 0 days is that day */
	last = until > from ? svc_date_add_days(until, -1) : from;
	pay = svc_date_add_months(last, p->posting.pay_after_months);
	svc_date_format(until, d->until);
	svc_date_format(pay, buf);
	snprintf(d->payable, sizeof(d->payable), "%.7s", buf);
}

const char *
svc_posting_saved_as(const struct svc_policy *p, time_t asof,
    struct svc_posting_dates *d)
{
	if (p->posting.approval) {
		memset(d, 0, sizeof(*d));
		return "proposed";
	}
	svc_posting_dates(p, asof, d);
	return "posted";
}

/* One status change, in the caller's transaction. */
static int
add_status(struct svc_db *db, long long award, const char *status,
    const char *on, const char *user, const char *note, struct svc_err *e)
{
	return svc_db_award_status_add(db, award, status, on, user, note, e);
}

/* An award's type as stored, read back. */
static enum svc_award_type
type_of(const struct svc_db_award *a)
{
	int t = svc_award_type_parse(a->type);

	return t < 0 ? SVC_AWARD_TIER : (enum svc_award_type)t;
}

struct hist {
	struct svc_award_hist *h;
	size_t n, cap;
};

static int
add_hist(void *arg, const struct svc_db_award *a)
{
	struct hist *x = arg;
	struct svc_award_hist *y;

	if (strcmp(a->status, "withdrawn") == 0 ||
	    strcmp(a->status, "replaced") == 0)
		return 0;
	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 64;
		x->h = svc_xrealloc(x->h, x->cap * sizeof(*x->h));
	}
	y = &x->h[x->n++];
	y->period = svc_xstrdup(a->period);
	y->staff = svc_xstrdup(a->staff);
	y->award = svc_xstrdup(a->award);
	y->type = type_of(a);
	return 0;
}

int
svc_posting_history(struct svc_db *db, const char *policy,
    struct svc_award_hist **h, size_t *n, struct svc_err *e)
{
	struct hist x = { 0 };

	*h = NULL;
	*n = 0;
	if (svc_db_awards_each(db, policy, NULL, add_hist, &x, e) < 0) {
		svc_posting_hist_free(x.h, x.n);
		return -1;
	}
	*h = x.h;
	*n = x.n;
	return 0;
}

void
svc_posting_hist_free(struct svc_award_hist *h, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free((char *)h[i].period);
		free((char *)h[i].staff);
		free((char *)h[i].award);
	}
	free(h);
}

/*
 * When the awards of (policy, period) now approved were finalised: 1 with
 * on (the finalize's date) and who, 0 when none is approved, -1.
 */
static int
finalised(struct svc_db *db, const char *policy, const char *period,
    char on[16], char who[64], struct svc_err *e)
{
	return svc_db_award_last_change(db, policy, period, "approved", on,
	    who, e);
}

/* The ids of a period's awards that a save replaces, and how many it
 * cannot: paid, and approved (a finalised period). */
struct replacing {
	long long *ids;
	size_t n, paid, approved;
};

static int
add_replacing(void *arg, const struct svc_db_award *a)
{
	struct replacing *r = arg;
	const char *s = a->status;

	if (strcmp(s, "paid") == 0)
		r->paid++;
	else if (strcmp(s, "proposed") == 0 || strcmp(s, "posted") == 0 ||
	    strcmp(s, "approved") == 0) {
		r->approved += s[0] == 'a';
		r->ids = svc_xrealloc(r->ids, (r->n + 1) * sizeof(*r->ids));
		r->ids[r->n++] = a->id;
	}
	return 0;
}

/*
 * Marks the unpaid awards of a period replaced, with note. Refuses a
 * paid one, and unless approved_too an approved one (a finalised
 * period), saying when and by whom it was finalised.
 */
static int
replace_period(struct svc_db *db, const char *policy, const char *period,
    const char *on, const char *user, const char *note, int approved_too,
    struct svc_err *e)
{
	struct replacing r = { 0 };
	long long *ids;
	size_t n, paid, approved;
	char fon[16], fwho[64];
	int rc;

	if (svc_db_awards_each(db, policy, period, add_replacing, &r, e) < 0) {
		free(r.ids);
		return -1;
	}
	ids = r.ids;
	n = r.n;
	paid = r.paid;
	approved = r.approved;
	if (paid > 0) {
		free(ids);
		return svc_err_set(e, NULL, 0, "period", "%s: %zu award%s "
		    "already paid; the period cannot be saved again", period,
		    paid, paid == 1 ? " is" : "s are");
	}
	if (approved > 0 && !approved_too) {
		free(ids);
		if ((rc = finalised(db, policy, period, fon, fwho, e)) < 0)
			return -1;
		return svc_err_set(e, NULL, 0, "period", "%s: finalised on %s "
		    "by %s: saving it again replaces its approved awards only "
		    "with --replace --reason TEXT", period, fon, fwho);
	}
	for (size_t i = 0; i < n; i++)
		if (add_status(db, ids[i], "replaced", on, user, note,
		    e) < 0) {
			free(ids);
			return -1;
		}
	free(ids);
	return 0;
}

static int
insert_award(struct svc_db *db, const struct svc_policy *p,
    const struct svc_award *a, const struct svc_posting_dates *d,
    const char *now, long long *id, struct svc_err *e)
{
	struct svc_db_award r;

	memset(&r, 0, sizeof(r));
	r.period = a->period;
	r.policy = p->name;
	r.policy_hash = p->hash;
	r.staff = a->staff;
	r.name = a->name;
	r.dept = a->dept;
	r.type = svc_award_type_name(a->type);
	r.award = a->award;
	r.amount = a->amount;
	r.action = a->action;
	r.rank = a->rank;
	r.consecutive = a->consecutive;
	r.badge = a->badge;
	r.reason = a->reason;
	r.posted_from = d->from;
	r.posted_until = d->until;
	r.payable = d->payable;
	r.saved_at = now;
	return svc_db_award_add(db, &r, id, e);
}

/* Inserts a[0..n) as saved on d->from (svc_posting_saved_as), in the
 * caller's transaction. */
static int
store(struct svc_db *db, const struct svc_policy *p,
    const struct svc_award *a, size_t n, const struct svc_posting_dates *d,
    const char *now, const char *user, struct svc_err *e)
{
	struct svc_posting_dates undated;
	const char *status = p->posting.approval ? "proposed" : "posted";

	memset(&undated, 0, sizeof(undated));
	for (size_t i = 0; i < n; i++) {
		struct svc_staff s;
		long long id;
		int rc = svc_db_staff_get(db, a[i].staff, &s, e);

		if (rc < 0)
			return -1;
		if (rc == 0)
			return svc_err_set(e, NULL, 0, "staff", "'%s' is not in "
			    "the roster of %s", a[i].staff, svc_db_path(db));
		svc_staff_release(&s);
		if (insert_award(db, p, &a[i], p->posting.approval ?
		    &undated : d, now, &id, e) < 0 ||
		    add_status(db, id, status, d->from, user, "", e) < 0)
			return -1;
	}
	return 0;
}

int
svc_posting_save(struct svc_db *db, const struct svc_policy *p,
    const char *const *periods, size_t nperiods, const struct svc_award *a,
    size_t n, time_t asof, const char *user, const char *replace,
    struct svc_err *e)
{
	struct svc_posting_dates d;
	char now[32];

	svc_posting_dates(p, asof, &d);
	svc_time_format(time(NULL), now);
	if (svc_db_begin(db, e) < 0)
		return -1;
	for (size_t i = 0; i < nperiods; i++)
		if (replace_period(db, p->name, periods[i], d.from, user,
		    replace ? replace : "saved again", replace != NULL, e) < 0)
			goto fail;
	if (store(db, p, a, n, &d, now, user, e) < 0)
		goto fail;
	return svc_db_commit(db, e);
fail:
	svc_db_rollback(db);
	return -1;
}

/* A saved award of a period decided again, as it stands. */
struct standing {
	char *staff, *award, *action, *badge, *reason;
	enum svc_award_type type;
	double amount;
	int rank, consecutive;
	int matched;
};

static void
standing_free(struct standing *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].staff);
		free(v[i].award);
		free(v[i].action);
		free(v[i].badge);
		free(v[i].reason);
	}
	free(v);
}

struct loading {
	struct standing *v;
	size_t n, paid, approved;
};

static int
add_standing(void *arg, const struct svc_db_award *a)
{
	struct loading *l = arg;
	struct standing *x;

	if (strcmp(a->status, "replaced") == 0)
		return 0;
	l->paid += strcmp(a->status, "paid") == 0;
	l->approved += strcmp(a->status, "approved") == 0;
	l->v = svc_xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	x = &l->v[l->n++];
	x->staff = svc_xstrdup(a->staff);
	x->type = type_of(a);
	x->award = svc_xstrdup(a->award);
	x->amount = a->amount;
	x->action = svc_xstrdup(a->action);
	x->rank = a->rank;
	x->consecutive = a->consecutive;
	x->badge = svc_xstrdup(a->badge);
	x->reason = svc_xstrdup(a->reason);
	x->matched = 0;
	return 0;
}

/* The awards of (policy, period) not replaced, with how many are paid
 * and approved. */
static int
load_standing(struct svc_db *db, const char *policy, const char *period,
    struct standing **out, size_t *n, size_t *paid, size_t *approved,
    struct svc_err *e)
{
	struct loading x = { 0 };

	*out = NULL;
	*n = *paid = *approved = 0;
	if (svc_db_awards_each(db, policy, period, add_standing, &x, e) < 0) {
		standing_free(x.v, x.n);
		return -1;
	}
	*out = x.v;
	*n = x.n;
	*paid = x.paid;
	*approved = x.approved;
	return 0;
}

/*
 * Lines "PERIOD: STAFF TYPE AWARD OLD -> NEW (consecutive K -> K')" for
 * each award of a that differs from what stands in old[0..nold), "added"
 * or "removed" for those only on one side, into out; returns how many.
 */
static size_t
differences(const char *period, struct standing *old, size_t nold,
    const struct svc_awards *a, struct svc_buf *out)
{
	char x[32], y[32];
	size_t n = 0;

	for (size_t i = 0; i < a->n; i++) {
		const struct svc_award *w = &a->v[i];
		struct standing *o = NULL;

		for (size_t j = 0; j < nold && o == NULL; j++)
			if (!old[j].matched && old[j].type == w->type &&
			    strcmp(old[j].staff, w->staff) == 0 &&
			    strcmp(old[j].award, w->award) == 0)
				o = &old[j];
		if (o == NULL) {
			svc_buf_printf(out, "%s: %s %s %s added: %s "
			    "(consecutive %d)\n", period, w->staff,
			    svc_award_type_name(w->type), w->award,
			    svc_fmt_num(w->amount, y), w->consecutive);
			n++;
			continue;
		}
		o->matched = 1;
		if (o->amount == w->amount && o->consecutive == w->consecutive &&
		    o->rank == w->rank && strcmp(o->action, w->action) == 0 &&
		    strcmp(o->badge, w->badge) == 0 &&
		    strcmp(o->reason, w->reason) == 0)
			continue;
		svc_buf_printf(out, "%s: %s %s %s %s -> %s (consecutive %d -> "
		    "%d)\n", period, w->staff, svc_award_type_name(w->type),
		    w->award, svc_fmt_num(o->amount, x),
		    svc_fmt_num(w->amount, y), o->consecutive, w->consecutive);
		n++;
	}
	for (size_t j = 0; j < nold; j++)
		if (!old[j].matched) {
			svc_buf_printf(out, "%s: %s %s %s removed: %s "
			    "(consecutive %d)\n", period, old[j].staff,
			    svc_award_type_name(old[j].type), old[j].award,
			    svc_fmt_num(old[j].amount, x), old[j].consecutive);
			n++;
		}
	return n;
}

/*
 * Decides saved later period name again from its saved scores and the
 * history as it now stands, after cause was saved; where that changes
 * its awards, replaces them (refused when it is paid, or finalised
 * without replace) and appends the differences to changes.
 */
static int
redecide(struct svc_db *db, const struct svc_policy *p, const char *name,
    const char *cause, const struct svc_posting_dates *d, const char *now,
    const char *user, const char *replace, struct svc_buf *changes,
    struct svc_err *e)
{
	struct svc_award_input in = { 0 };
	struct svc_awards aw = { 0 };
	struct svc_award_hist *h = NULL;
	struct standing *old = NULL;
	struct svc_buf diff = { 0 }, note = { 0 };
	struct svc_period per;
	size_t nh = 0, nold = 0, paid, approved;
	char fon[16], fwho[64];
	long n;
	int rc = -1;

	if (svc_period_parse(name, 0, &per, e) < 0)
		return -1;
	if ((n = svc_posting_saved_scores(db, p->name, &per, &in, e)) < 0)
		goto out;
	if (n == 0) {
		svc_err_set(e, NULL, 0, "period", "%s, saved after %s, has no "
		    "saved scores to be decided again from (svc-score "
		    "--period %s --save stores them); nothing saved", name,
		    cause, name);
		goto out;
	}
	if (svc_award_input_settle(&in, &per, e) < 0 ||
	    svc_posting_history(db, p->name, &h, &nh, e) < 0 ||
	    svc_award_decide(p, &in, h, nh, svc_posting_count_kinds, db, &aw,
	    e) < 0 ||
	    load_standing(db, p->name, name, &old, &nold, &paid, &approved,
	    e) < 0)
		goto out;
	if (differences(name, old, nold, &aw, &diff) == 0) {
		rc = 0;
		goto out;
	}
	/* the first difference, to say why */
	*strchr(diff.s, '\n') = '\0';
	if (paid > 0) {
		svc_err_set(e, NULL, 0, "period", "%s is paid: saving %s again "
		    "would change it (%s); nothing saved", name, cause,
		    diff.s + strlen(name) + 2);
		goto out;
	}
	if (approved > 0 && replace == NULL) {
		if (finalised(db, p->name, name, fon, fwho, e) < 0)
			goto out;
		svc_err_set(e, NULL, 0, "period", "%s was finalised on %s by "
		    "%s: saving %s again changes it (%s); with --replace "
		    "--reason TEXT it is replaced too; nothing saved", name,
		    fon, fwho, cause, diff.s + strlen(name) + 2);
		goto out;
	}
	diff.s[strlen(diff.s)] = '\n';
	if (replace == NULL)
		svc_buf_printf(&note, "decided again: %s saved again", cause);
	if (replace_period(db, p->name, name, d->from, user,
	    replace ? replace : note.s, 1, e) < 0 ||
	    store(db, p, aw.v, aw.n, d, now, user, e) < 0)
		goto out;
	svc_buf_adds(changes, diff.s);
	rc = 0;
out:
	svc_buf_release(&diff);
	svc_buf_release(&note);
	standing_free(old, nold);
	svc_posting_hist_free(h, nh);
	svc_awards_release(&aw);
	svc_award_input_release(&in);
	return rc;
}

int
svc_posting_decide(struct svc_db *db, const struct svc_policy *p,
    const struct svc_award_input *in, struct svc_awards *aw,
    struct svc_err *e)
{
	struct svc_award_hist *h = NULL;
	size_t nh = 0;
	int rc;

	if (db != NULL && svc_posting_history(db, p->name, &h, &nh, e) < 0)
		return -1;
	rc = svc_award_decide(p, in, h, nh, db ? svc_posting_count_kinds :
	    NULL, db, aw, e);
	svc_posting_hist_free(h, nh);
	return rc;
}

int
svc_posting_decide_save(struct svc_db *db, const struct svc_policy *p,
    struct svc_award_input *in, const struct svc_period *saved,
    int partial, time_t asof, const char *user, const char *replace,
    int (*write)(void *arg, const struct svc_awards *aw, struct svc_err *e),
    void *arg, struct svc_awards *aw, struct svc_buf *changes,
    struct svc_err *e)
{
	struct svc_award_hist *h = NULL;
	struct svc_posting_dates d;
	const char **later = NULL;
	size_t nh = 0, nlater;
	char now[32];
	int rc = -1;

	svc_posting_dates(p, asof, &d);
	svc_time_format(time(NULL), now);
	if (svc_db_begin(db, e) < 0)
		return -1;
	if ((saved != NULL &&
	    svc_posting_saved_input(db, p, saved, partial, in, e) < 0) ||
	    svc_posting_history(db, p->name, &h, &nh, e) < 0 ||
	    svc_award_decide(p, in, h, nh, svc_posting_count_kinds, db, aw,
	    e) < 0)
		goto out;
	nlater = svc_award_decided_after(p, in, h, nh, &later);
	for (size_t i = 0; i < in->n; i++)
		if (replace_period(db, p->name, in->v[i].period.name, d.from,
		    user, replace ? replace : "saved again", replace != NULL,
		    e) < 0)
			goto out;
	if (store(db, p, aw->v, aw->n, &d, now, user, e) < 0)
		goto out;
	for (size_t i = 0; i < nlater; i++)
		if (redecide(db, p, later[i], in->v[0].period.name, &d, now,
		    user, replace, changes, e) < 0)
			goto out;
	if (write != NULL && write(arg, aw, e) < 0)
		goto out;
	rc = 0;
out:
	free(later);
	svc_posting_hist_free(h, nh);
	if (rc < 0) {
		svc_db_rollback(db);
		return -1;
	}
	return svc_db_commit(db, e);
}

int
svc_posting_object(struct svc_db *db, long long award, const char *reason,
    time_t asof, const char *user,
    int (*done)(void *arg, long long objection, struct svc_err *e),
    void *arg, long long *objection, struct svc_err *e)
{
	char on[16], status[16] = "";
	int rc;

	svc_date_format(asof, on);
	if (svc_db_begin(db, e) < 0)
		return -1;
	if ((rc = svc_db_award_status(db, award, status, sizeof(status),
	    e)) < 0)
		goto fail;
	if (rc == 0) {
		svc_err_set(e, NULL, 0, "ID", "no saved award %lld", award);
		goto fail;
	}
	if (strcmp(status, "posted") != 0) {
		svc_err_set(e, NULL, 0, "ID", "award %lld is %s: objections "
		    "are taken while it is posted", award, status);
		goto fail;
	}
	if (svc_db_objection_add(db, award, reason, on, user, objection,
	    e) < 0)
		goto fail;
	if (done != NULL && done(arg, *objection, e) < 0)
		goto fail;
	return svc_db_commit(db, e);
fail:
	svc_db_rollback(db);
	return -1;
}

/* Refuses a step that needs the proposed awards of period approved. */
static int
not_approved(const char *period, size_t n, struct svc_err *e)
{
	return svc_err_set(e, NULL, 0, "--period", "%s: %zu award%s not "
	    "approved yet: svc-award approve --period %s", period, n,
	    n == 1 ? " is" : "s are", period);
}

/* The proposed awards of a period, of total not replaced. */
struct proposing {
	long long *ids;
	size_t n, total;
};

static int
add_proposed(void *arg, const struct svc_db_award *a)
{
	struct proposing *r = arg;

	r->total += strcmp(a->status, "replaced") != 0;
	if (strcmp(a->status, "proposed") != 0)
		return 0;
	r->ids = svc_xrealloc(r->ids, (r->n + 1) * sizeof(*r->ids));
	r->ids[r->n++] = a->id;
	return 0;
}

int
svc_posting_approve(struct svc_db *db, const struct svc_policy *p,
    const char *period, time_t asof, const char *user,
    int (*done)(void *arg, struct svc_err *e), void *arg, size_t *n,
    struct svc_err *e)
{
	struct svc_posting_dates d;
	struct proposing r = { 0 };
	long long *ids = NULL;
	size_t total;

	*n = 0;
	svc_posting_dates(p, asof, &d);
	if (svc_db_begin(db, e) < 0)
		return -1;
	if (svc_db_awards_each(db, p->name, period, add_proposed, &r, e) < 0) {
		ids = r.ids;
		goto fail;
	}
	ids = r.ids;
	*n = r.n;
	total = r.total;
	if (*n == 0) {
		if (total == 0)
			svc_err_set(e, NULL, 0, "--period", "%s: no saved "
			    "awards of policy '%s'", period, p->name);
		else
			svc_err_set(e, NULL, 0, "--period", "%s: nothing "
			    "proposed to approve (%s)", period,
			    p->posting.approval ? "approved already" :
			    "the policy asks for no approval: saved awards "
			    "are posted");
		goto fail;
	}
	/* the dates were unknown until now: filled once, never changed */
	for (size_t i = 0; i < *n; i++) {
		if (svc_db_award_post(db, ids[i], d.from, d.until, d.payable,
		    e) < 0 ||
		    add_status(db, ids[i], "posted", d.from, user,
		    "approved for posting", e) < 0)
			goto fail;
	}
	if (done != NULL && done(arg, e) < 0)
		goto fail;
	free(ids);
	return svc_db_commit(db, e);
fail:
	free(ids);
	*n = 0;
	svc_db_rollback(db);
	return -1;
}

/* A posted award being finalized. */
struct pending {
	long long id;
	char *staff;
	struct svc_award a;	/* type, amount, badge: for is_reward */
	time_t from, until;
	char *until_s;
	char *note;		/* why it is withdrawn; NULL: approved */
};

static void
pending_free(struct pending *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].staff);
		free(v[i].a.badge);
		free(v[i].until_s);
		free(v[i].note);
	}
	free(v);
}

struct posted {
	struct pending *v;
	size_t n, total, proposed;
};

static int
add_posted(void *arg, const struct svc_db_award *a)
{
	struct posted *x = arg;
	struct pending *p;
	struct svc_err ignore;

	if (strcmp(a->status, "replaced") != 0)
		x->total++;
	x->proposed += strcmp(a->status, "proposed") == 0;
	if (strcmp(a->status, "posted") != 0)
		return 0;
	x->v = svc_xrealloc(x->v, (x->n + 1) * sizeof(*x->v));
	p = &x->v[x->n++];
	memset(p, 0, sizeof(*p));
	p->id = a->id;
	p->staff = svc_xstrdup(a->staff);
	p->a.type = type_of(a);
	p->a.amount = a->amount;
	p->a.badge = svc_xstrdup(a->badge);
	p->until_s = svc_xstrdup(a->posted_until);
	if (svc_date_parse(a->posted_from, 0, &p->from, &ignore) < 0 ||
	    svc_date_parse(a->posted_until, 0, &p->until, &ignore) < 0)
		p->from = p->until = 0;
	return 0;
}

/* Loads the posted awards of (policy, period). */
static int
load_posted(struct svc_db *db, const char *policy, const char *period,
    struct pending **out, size_t *n, size_t *total, size_t *proposed,
    struct svc_err *e)
{
	struct posted x = { 0 };

	*out = NULL;
	*n = *total = *proposed = 0;
	if (svc_db_awards_each(db, policy, period, add_posted, &x, e) < 0) {
		pending_free(x.v, x.n);
		return -1;
	}
	*out = x.v;
	*n = x.n;
	*total = x.total;
	*proposed = x.proposed;
	return 0;
}

struct complaint {
	const struct svc_policy *p;
	struct pending *pd;
};

static int
first_complaint(void *arg, const struct svc_event *ev)
{
	struct complaint *c = arg;
	const struct svc_kind *k = svc_policy_kind(c->p, ev->kind);
	char note[128];

	if (k == NULL || k->counts_as != SVC_AS_COMPLAINT)
		return 0;
	snprintf(note, sizeof(note), "complaint during the posting: event "
	    "%lld (%s, %.10s)", ev->id, ev->kind, ev->ts);
	c->pd->note = svc_xstrdup(note);
	return 1;
}

/* Records an outcome for one objection, or with objection 0 for every
 * undecided objection to award. */
static int
outcome(struct svc_db *db, long long objection, long long award,
    const char *what, const char *on, const char *user, struct svc_err *e)
{
	return svc_db_objection_decide(db, objection, award, what, on, user, e);
}

/* Checks the --uphold ids, records them upheld and marks their awards. */
static int
uphold_objections(struct svc_db *db, struct pending *v, size_t n,
    const long long *uphold, size_t nuphold, const char *on,
    const char *user, struct svc_err *e)
{
	for (size_t u = 0; u < nuphold; u++) {
		long long award = 0;
		int decided = 0, rc;
		size_t i;
		char note[64];

		if ((rc = svc_db_objection_get(db, uphold[u], &award, &decided,
		    e)) < 0)
			return -1;
		for (i = 0; i < n && v[i].id != award; i++)
			;
		if (rc == 0 || i == n || decided)
			return svc_err_set(e, NULL, 0, "--uphold", "%lld is "
			    "not an open objection to a posted award of the "
			    "period", uphold[u]);
		if (outcome(db, uphold[u], 0, "upheld", on, user, e) < 0)
			return -1;
		if (v[i].note == NULL) {
			snprintf(note, sizeof(note), "objection %lld upheld",
			    uphold[u]);
			v[i].note = svc_xstrdup(note);
		}
	}
	return 0;
}

int
svc_posting_finalize(struct svc_db *db, const struct svc_policy *p,
    const char *period, time_t asof, const long long *uphold,
    size_t nuphold, const char *user,
    int (*done)(void *arg, struct svc_err *e), void *arg,
    struct svc_posting_result *res, struct svc_err *e)
{
	struct pending *v = NULL;
	size_t n = 0, total = 0, proposed;
	char on[16], last[16];
	time_t day = svc_date_add_days(asof, 0);

	memset(res, 0, sizeof(*res));
	svc_date_format(asof, on);
	if (svc_db_begin(db, e) < 0)
		return -1;
	if (load_posted(db, p->name, period, &v, &n, &total, &proposed,
	    e) < 0)
		goto fail;
	if (proposed > 0) {
		not_approved(period, proposed, e);
		goto fail;
	}
	if (n == 0) {
		svc_err_set(e, NULL, 0, "--period", total ? "%s: nothing "
		    "posted to finalize (finalized already)" : "%s: no saved "
		    "awards of policy '%s'", period, p->name);
		goto fail;
	}
	for (size_t i = 0; i < n; i++)
		if (day < v[i].until) {
			svc_date_format(svc_date_add_days(v[i].until, -1),
			    last);
			svc_err_set(e, NULL, 0, "--as-of", "the posting of %s "
			    "ends with %s: finalize on or after %s", period,
			    last, v[i].until_s);
			goto fail;
		}
	if (uphold_objections(db, v, n, uphold, nuphold, on, user, e) < 0)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		struct svc_event_filter f = { .has_range = 1,
		    .start = v[i].from, .end = v[i].until,
		    .staff = v[i].staff, .active = 1 };
		struct complaint c = { p, &v[i] };

		if (v[i].note != NULL || !p->posting.withdraw_on_complaint ||
		    !svc_award_is_reward(&v[i].a))
			continue;
		if (svc_db_events_each(db, &f, first_complaint, &c, e) < 0)
			goto fail;
	}
	for (size_t i = 0; i < n; i++) {
		if (outcome(db, 0, v[i].id, "rejected", on, user, e) < 0 ||
		    add_status(db, v[i].id, v[i].note ? "withdrawn" :
		    "approved", on, user, v[i].note ? v[i].note : "", e) < 0)
			goto fail;
		if (v[i].note)
			res->withdrawn++;
		else
			res->approved++;
	}
	if (done != NULL && done(arg, e) < 0)
		goto fail;
	pending_free(v, n);
	return svc_db_commit(db, e);
fail:
	pending_free(v, n);
	svc_db_rollback(db);
	return -1;
}

/* An approved award being paid. */
struct payee {
	long long id;
	char *staff, *name, *dept;
	double amount;
};

struct paying {
	struct payee *v;
	size_t n, proposed, posted, paid;
};

static int
add_payee(void *arg, const struct svc_db_award *a)
{
	struct paying *r = arg;
	struct payee *p;

	r->proposed += strcmp(a->status, "proposed") == 0;
	r->posted += strcmp(a->status, "posted") == 0;
	r->paid += strcmp(a->status, "paid") == 0;
	if (strcmp(a->status, "approved") != 0)
		return 0;
	r->v = svc_xrealloc(r->v, (r->n + 1) * sizeof(*r->v));
	p = &r->v[r->n++];
	p->id = a->id;
	p->staff = svc_xstrdup(a->staff);
	p->name = svc_xstrdup(a->name);
	p->dept = svc_xstrdup(a->dept);
	p->amount = a->amount;
	return 0;
}

static int
payee_cmp(const void *x, const void *y)
{
	const struct payee *a = x, *b = y;
	int c = strcmp(a->staff, b->staff);

	if (c != 0)
		return c;
	return a->id < b->id ? -1 : a->id > b->id;
}

int
svc_posting_pay(struct svc_db *db, const char *policy, const char *period,
    time_t asof, const char *user,
    int (*fn)(void *arg, const char *staff, const char *name,
    const char *dept, double amount), void *arg,
    struct svc_posting_result *res, struct svc_err *e)
{
	struct paying r = { 0 };
	struct payee *v = NULL;
	size_t n = 0, proposed, posted, paid, i, j;
	char on[16];
	int stop = 0;

	memset(res, 0, sizeof(*res));
	svc_date_format(asof, on);
	if (svc_db_begin(db, e) < 0)
		return -1;
	if (svc_db_awards_each(db, policy, period, add_payee, &r, e) < 0) {
		v = r.v;
		n = r.n;
		goto fail;
	}
	v = r.v;
	n = r.n;
	proposed = r.proposed;
	posted = r.posted;
	paid = r.paid;
	/* the payroll by holder: by staff, then as saved */
	if (n > 1)
		qsort(v, n, sizeof(*v), payee_cmp);
	if (proposed > 0) {
		not_approved(period, proposed, e);
		goto fail;
	}
	if (posted > 0) {
		svc_err_set(e, NULL, 0, "--period", "%s: %zu award%s still "
		    "posted: finalize first", period, posted,
		    posted == 1 ? " is" : "s are");
		goto fail;
	}
	if (n == 0) {
		svc_err_set(e, NULL, 0, "--period", paid ? "%s: paid "
		    "already" : "%s: nothing approved to pay", period);
		goto fail;
	}
	for (i = 0; i < n; i++) {
		if (add_status(db, v[i].id, "paid", on, user, "", e) < 0)
			goto fail;
		res->paid++;
		res->total += v[i].amount;
	}
	/* the payroll goes out before the commit: lost, nothing is paid */
	stop = fn(arg, NULL, NULL, NULL, 0);
	for (i = 0; i < n && !stop; i = j) {
		double sum = 0;

		for (j = i; j < n && strcmp(v[j].staff, v[i].staff) == 0; j++)
			sum += v[j].amount;
		if (sum != 0)
			stop = fn(arg, v[i].staff, v[i].name, v[i].dept, sum);
	}
	if (stop != 0) {
		svc_db_rollback(db);
		goto out;
	}
	stop = svc_db_commit(db, e);
	goto out;
fail:
	svc_db_rollback(db);
	stop = -1;
out:
	for (i = 0; i < n; i++) {
		free(v[i].staff);
		free(v[i].name);
		free(v[i].dept);
	}
	free(v);
	return stop;
}

struct listing {
	int (*fn)(void *arg, const struct svc_saved_award *s);
	void *arg;
};

static int
list_one(void *arg, const struct svc_db_award *r)
{
	struct listing *ls = arg;
	struct svc_award a;
	struct svc_posting_dates d;
	struct svc_saved_award sa;

	memset(&a, 0, sizeof(a));
	a.period = (char *)r->period;
	a.staff = (char *)r->staff;
	a.name = (char *)r->name;
	a.dept = (char *)r->dept;
	a.type = type_of(r);
	a.award = (char *)r->award;
	a.amount = r->amount;
	a.action = (char *)r->action;
	a.rank = r->rank;
	a.consecutive = r->consecutive;
	a.badge = (char *)r->badge;
	a.reason = (char *)r->reason;
	snprintf(d.from, sizeof(d.from), "%s", r->posted_from);
	snprintf(d.until, sizeof(d.until), "%s", r->posted_until);
	snprintf(d.payable, sizeof(d.payable), "%s", r->payable);
	sa.id = r->id;
	sa.policy = r->policy;
	sa.a = &a;
	sa.dates = &d;
	sa.status = r->status;
	sa.changed_on = r->changed_on;
	sa.changed_by = r->changed_by;
	sa.note = r->note;
	return ls->fn(ls->arg, &sa);
}

int
svc_posting_list(struct svc_db *db, const struct svc_posting_filter *f,
    int (*fn)(void *arg, const struct svc_saved_award *s), void *arg,
    struct svc_err *e)
{
	struct svc_db_award_filter g = { f->policy, f->period, f->status,
	    f->history };
	struct listing ls = { fn, arg };

	return svc_db_award_changes_each(db, &g, list_one, &ls, e);
}

struct scores {
	const struct svc_period *target;
	struct svc_award_input *in;
	long n;
	struct svc_err *e;
};

static int
add_score(void *arg, const char *period, const struct svc_score *r)
{
	struct scores *sc = arg;
	struct svc_period q;
	struct svc_err ignore;

	if (svc_period_parse(period, 0, &q, &ignore) < 0 ||
	    !svc_period_inside(&q, sc->target))
		return 0;
	if (svc_award_input_add(sc->in, q.name, r, sc->e) < 0)
		return -1;
	sc->n++;
	return 0;
}

long
svc_posting_saved_scores(struct svc_db *db, const char *policy,
    const struct svc_period *target, struct svc_award_input *in,
    struct svc_err *e)
{
	struct scores sc = { target, in, 0, e };

	if (svc_db_scores_each(db, policy, add_score, &sc, e) != 0)
		return -1;
	return sc.n;
}

int
svc_posting_saved_input(struct svc_db *db, const struct svc_policy *p,
    const struct svc_period *target, int partial,
    struct svc_award_input *in, struct svc_err *e)
{
	long n = svc_posting_saved_scores(db, p->name, target, in, e);
	struct svc_buf missing = { 0 };
	size_t nmissing;

	if (n < 0)
		return -1;
	if (n == 0)
		return svc_err_set(e, svc_db_path(db), 0, "--period", "no saved "
		    "scores of policy '%s' in %s (svc-score --save stores "
		    "them)", p->name, target->name);
	/* a year decided from the quarters saved so far is not the year's */
	if (!partial && (nmissing = svc_award_input_missing(in, target,
	    p, &missing)) > 0) {
		svc_err_set(e, svc_db_path(db), 0, "--period", "%s ha%s no "
		    "saved scores of policy '%s': save %s (svc-score --period "
		    "%s --save), or decide %s with --partial", missing.s,
		    nmissing == 1 ? "s" : "ve", p->name,
		    nmissing == 1 ? "it" : "them",
		    nmissing == 1 ? missing.s : "P", target->name);
		svc_buf_release(&missing);
		return -1;
	}
	return svc_award_input_settle(in, target, e);
}

static const char *const cols[] = {
	"period", "staff", "name", "dept", "award", "amount", "action",
	"rank", "consecutive", "posted_from", "posted_until", "payable",
	"status", "type", "badge", "reason"
};

void
svc_posting_write_header(struct svc_csv_writer *w, int with_id, int history)
{
	if (with_id)
		svc_csv_cell(w, "id");
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		svc_csv_cell(w, cols[i]);
	if (history) {
		svc_csv_cell(w, "changed_on");
		svc_csv_cell(w, "changed_by");
		svc_csv_cell(w, "note");
	}
	svc_csv_endrow(w);
}

static void
int_cell(struct svc_csv_writer *w, int v)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%d", v);
	svc_csv_cell(w, v > 0 ? buf : "");
}

void
svc_posting_write_row(struct svc_csv_writer *w, int with_id, int history,
    const struct svc_saved_award *s)
{
	const struct svc_award *a = s->a;
	char buf[32];

	if (with_id) {
		snprintf(buf, sizeof(buf), "%lld", s->id);
		svc_csv_cell(w, buf);
	}
	svc_csv_cell(w, a->period);
	svc_csv_cell(w, a->staff);
	svc_csv_cell(w, a->name);
	svc_csv_cell(w, a->dept);
	svc_csv_cell(w, a->award);
	svc_csv_num(w, a->amount);
	svc_csv_cell(w, a->action);
	int_cell(w, a->rank);
	int_cell(w, a->consecutive);
	svc_csv_cell(w, s->dates->from);
	svc_csv_cell(w, s->dates->until);
	svc_csv_cell(w, s->dates->payable);
	svc_csv_cell(w, s->status);
	svc_csv_cell(w, svc_award_type_name(a->type));
	svc_csv_cell(w, a->badge);
	svc_csv_cell(w, a->reason);
	if (history) {
		svc_csv_cell(w, s->changed_on);
		svc_csv_cell(w, s->changed_by);
		svc_csv_cell(w, s->note);
	}
	svc_csv_endrow(w);
}

static int
count_one(void *arg, const struct svc_event *ev)
{
	(void)ev;
	(*(long *)arg)++;
	return 0;
}

int
svc_posting_count_kinds(void *arg, char *const *kinds, size_t nkinds,
    const struct svc_period *per, const char *staff, long *n,
    struct svc_err *e)
{
	*n = 0;
	for (size_t i = 0; i < nkinds; i++) {
		struct svc_event_filter f = { .has_range = 1,
		    .start = per->start, .end = per->end, .staff = staff,
		    .kind = kinds[i], .active = 1 };

		if (svc_db_events_each(arg, &f, count_one, n, e) < 0)
			return -1;
	}
	return 0;
}
