#include "db-sqlite.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "posting.h"
#include "util.h"

static const char *const statuses[] = {
	"proposed", "posted", "approved", "withdrawn", "paid", "replaced", NULL
};

/* The current status of award a (an SQL expression). */
#define CURRENT \
	"(SELECT s.status FROM award_status s WHERE s.award = a.id" \
	" ORDER BY s.id DESC LIMIT 1)"

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

static int
dberr(struct svc_db *db, struct svc_err *e, const char *what)
{
	return svc_err_set(e, svc_db_path(db), 0, NULL, "%s: %s", what,
	    sqlite3_errmsg(svc_db_sqlite(db)));
}

static sqlite3_stmt *
prep(struct svc_db *db, const char *sql, struct svc_err *e)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(svc_db_sqlite(db), sql, -1, &st, NULL) !=
	    SQLITE_OK) {
		dberr(db, e, "cannot prepare statement");
		return NULL;
	}
	return st;
}

static const char *
col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

static void
text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

/* Runs st (no rows expected) and finalizes it. */
static int
run(struct svc_db *db, sqlite3_stmt *st, struct svc_err *e, const char *what)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE) {
		dberr(db, e, what);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/* One status change, in the caller's transaction. */
static int
add_status(struct svc_db *db, long long award, const char *status,
    const char *on, const char *user, const char *note, struct svc_err *e)
{
	char now[32];
	sqlite3_stmt *st = prep(db, "INSERT INTO award_status(award, status,"
	    " on_date, who, at, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, award);
	text(st, 2, status);
	text(st, 3, on);
	text(st, 4, user);
	sqlite3_bind_text(st, 5, svc_time_format(time(NULL), now), -1,
	    SQLITE_TRANSIENT);
	text(st, 6, note);
	return run(db, st, e, "cannot record a status");
}

int
svc_posting_history(struct svc_db *db, const char *policy,
    struct svc_award_hist **h, size_t *n, struct svc_err *e)
{
	sqlite3_stmt *st = prep(db, "SELECT a.period, a.staff, a.award,"
	    " a.type FROM award a WHERE a.policy = ?1 AND " CURRENT
	    " NOT IN ('withdrawn', 'replaced') ORDER BY a.id", e);
	size_t cap = 0;
	int rc;

	*h = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	text(st, 1, policy);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct svc_award_hist *x;
		int t = svc_award_type_parse(col(st, 3));

		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			*h = svc_xrealloc(*h, cap * sizeof(**h));
		}
		x = &(*h)[(*n)++];
		x->period = svc_xstrdup(col(st, 0));
		x->staff = svc_xstrdup(col(st, 1));
		x->award = svc_xstrdup(col(st, 2));
		x->type = t < 0 ? SVC_AWARD_TIER : (enum svc_award_type)t;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		svc_posting_hist_free(*h, *n);
		*h = NULL;
		*n = 0;
		return dberr(db, e, "cannot read saved awards");
	}
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
	sqlite3_stmt *st = prep(db, "SELECT s.on_date, s.who FROM award a"
	    " JOIN award_status s ON s.award = a.id WHERE a.policy = ?1"
	    " AND a.period = ?2 AND s.status = 'approved' AND " CURRENT
	    " = 'approved' ORDER BY s.id DESC LIMIT 1", e);
	int rc;

	if (st == NULL)
		return -1;
	text(st, 1, policy);
	text(st, 2, period);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(on, 16, "%s", col(st, 0));
		snprintf(who, 64, "%s", col(st, 1));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dberr(db, e, "cannot read saved awards");
	return rc == SQLITE_ROW;
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
	sqlite3_stmt *st = prep(db, "SELECT a.id, " CURRENT " FROM award a"
	    " WHERE a.policy = ?1 AND a.period = ?2 ORDER BY a.id", e);
	long long *ids = NULL;
	size_t n = 0, paid = 0, approved = 0;
	char fon[16], fwho[64];
	int rc;

	if (st == NULL)
		return -1;
	text(st, 1, policy);
	text(st, 2, period);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = col(st, 1);

		if (strcmp(s, "paid") == 0)
			paid++;
		else if (strcmp(s, "proposed") == 0 ||
		    strcmp(s, "posted") == 0 ||
		    strcmp(s, "approved") == 0) {
			approved += s[0] == 'a';
			ids = svc_xrealloc(ids, (n + 1) * sizeof(*ids));
			ids[n++] = sqlite3_column_int64(st, 0);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(ids);
		return dberr(db, e, "cannot read saved awards");
	}
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
	sqlite3_stmt *st = prep(db, "INSERT INTO award(period, policy,"
	    " policy_hash, staff, name, dept, type, award, amount, action,"
	    " rank, consecutive, badge, reason, posted_from, posted_until,"
	    " payable, saved_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
	    " ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)", e);

	if (st == NULL)
		return -1;
	text(st, 1, a->period);
	text(st, 2, p->name);
	text(st, 3, p->hash);
	text(st, 4, a->staff);
	text(st, 5, a->name);
	text(st, 6, a->dept);
	text(st, 7, svc_award_type_name(a->type));
	text(st, 8, a->award);
	sqlite3_bind_double(st, 9, a->amount);
	text(st, 10, a->action);
	if (a->rank > 0)
		sqlite3_bind_int(st, 11, a->rank);
	if (a->consecutive > 0)
		sqlite3_bind_int(st, 12, a->consecutive);
	text(st, 13, a->badge);
	text(st, 14, a->reason);
	text(st, 15, d->from);
	text(st, 16, d->until);
	text(st, 17, d->payable);
	text(st, 18, now);
	if (run(db, st, e, "cannot save an award") < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(svc_db_sqlite(db));
	return 0;
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

/* The awards of (policy, period) not replaced, with how many are paid
 * and approved. */
static int
load_standing(struct svc_db *db, const char *policy, const char *period,
    struct standing **out, size_t *n, size_t *paid, size_t *approved,
    struct svc_err *e)
{
	sqlite3_stmt *st = prep(db, "SELECT a.staff, a.type, a.award,"
	    " a.amount, a.action, a.rank, a.consecutive, a.badge, a.reason, "
	    CURRENT " FROM award a WHERE a.policy = ?1 AND a.period = ?2"
	    " ORDER BY a.id", e);
	int rc;

	*out = NULL;
	*n = *paid = *approved = 0;
	if (st == NULL)
		return -1;
	text(st, 1, policy);
	text(st, 2, period);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *status = col(st, 9);
		struct standing *x;
		int t = svc_award_type_parse(col(st, 1));

		if (strcmp(status, "replaced") == 0)
			continue;
		*paid += strcmp(status, "paid") == 0;
		*approved += strcmp(status, "approved") == 0;
		*out = svc_xrealloc(*out, (*n + 1) * sizeof(**out));
		x = &(*out)[(*n)++];
		x->staff = svc_xstrdup(col(st, 0));
		x->type = t < 0 ? SVC_AWARD_TIER : (enum svc_award_type)t;
		x->award = svc_xstrdup(col(st, 2));
		x->amount = sqlite3_column_double(st, 3);
		x->action = svc_xstrdup(col(st, 4));
		x->rank = sqlite3_column_int(st, 5);
		x->consecutive = sqlite3_column_int(st, 6);
		x->badge = svc_xstrdup(col(st, 7));
		x->reason = svc_xstrdup(col(st, 8));
		x->matched = 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return dberr(db, e, "cannot read saved awards");
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
	sqlite3_stmt *st;
	char on[16], now[32], status[16] = "";
	int rc;

	svc_date_format(asof, on);
	svc_time_format(time(NULL), now);
	if (svc_db_begin(db, e) < 0)
		return -1;
	if ((st = prep(db, "SELECT " CURRENT " FROM award a WHERE a.id = ?1",
	    e)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, award);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(status, sizeof(status), "%s", col(st, 0));
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		dberr(db, e, "cannot read saved awards");
		goto fail;
	}
	if (rc == SQLITE_DONE) {
		svc_err_set(e, NULL, 0, "ID", "no saved award %lld", award);
		goto fail;
	}
	if (strcmp(status, "posted") != 0) {
		svc_err_set(e, NULL, 0, "ID", "award %lld is %s: objections "
		    "are taken while it is posted", award, status);
		goto fail;
	}
	if ((st = prep(db, "INSERT INTO objection(award, reason, on_date,"
	    " who, at) VALUES (?1, ?2, ?3, ?4, ?5)", e)) == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, award);
	text(st, 2, reason);
	text(st, 3, on);
	text(st, 4, user);
	text(st, 5, now);
	if (run(db, st, e, "cannot record the objection") < 0)
		goto fail;
	*objection = sqlite3_last_insert_rowid(svc_db_sqlite(db));
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

int
svc_posting_approve(struct svc_db *db, const struct svc_policy *p,
    const char *period, time_t asof, const char *user,
    int (*done)(void *arg, struct svc_err *e), void *arg, size_t *n,
    struct svc_err *e)
{
	sqlite3_stmt *st;
	struct svc_posting_dates d;
	long long *ids = NULL;
	size_t total = 0;
	int rc;

	*n = 0;
	svc_posting_dates(p, asof, &d);
	if (svc_db_begin(db, e) < 0)
		return -1;
	if ((st = prep(db, "SELECT a.id, " CURRENT " FROM award a"
	    " WHERE a.policy = ?1 AND a.period = ?2 ORDER BY a.id", e)) == NULL)
		goto fail;
	text(st, 1, p->name);
	text(st, 2, period);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		total += strcmp(col(st, 1), "replaced") != 0;
		if (strcmp(col(st, 1), "proposed") != 0)
			continue;
		ids = svc_xrealloc(ids, (*n + 1) * sizeof(*ids));
		ids[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		dberr(db, e, "cannot read saved awards");
		goto fail;
	}
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
		if ((st = prep(db, "UPDATE award SET posted_from = ?2,"
		    " posted_until = ?3, payable = ?4 WHERE id = ?1",
		    e)) == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, ids[i]);
		text(st, 2, d.from);
		text(st, 3, d.until);
		text(st, 4, d.payable);
		if (run(db, st, e, "cannot post an award") < 0 ||
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

/* Loads the posted awards of (policy, period). */
static int
load_posted(struct svc_db *db, const char *policy, const char *period,
    struct pending **out, size_t *n, size_t *total, size_t *proposed,
    struct svc_err *e)
{
	sqlite3_stmt *st = prep(db, "SELECT a.id, a.staff, a.type, a.amount,"
	    " a.badge, a.posted_from, a.posted_until, " CURRENT
	    " FROM award a WHERE a.policy = ?1 AND a.period = ?2"
	    " ORDER BY a.id", e);
	int rc;

	*out = NULL;
	*n = *total = *proposed = 0;
	if (st == NULL)
		return -1;
	text(st, 1, policy);
	text(st, 2, period);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct pending *p;
		struct svc_err ignore;
		int t;

		if (strcmp(col(st, 7), "replaced") != 0)
			(*total)++;
		*proposed += strcmp(col(st, 7), "proposed") == 0;
		if (strcmp(col(st, 7), "posted") != 0)
			continue;
		*out = svc_xrealloc(*out, (*n + 1) * sizeof(**out));
		p = &(*out)[(*n)++];
		memset(p, 0, sizeof(*p));
		p->id = sqlite3_column_int64(st, 0);
		p->staff = svc_xstrdup(col(st, 1));
		t = svc_award_type_parse(col(st, 2));
		p->a.type = t < 0 ? SVC_AWARD_TIER : (enum svc_award_type)t;
		p->a.amount = sqlite3_column_double(st, 3);
		p->a.badge = svc_xstrdup(col(st, 4));
		p->until_s = svc_xstrdup(col(st, 6));
		if (svc_date_parse(col(st, 5), 0, &p->from, &ignore) < 0 ||
		    svc_date_parse(col(st, 6), 0, &p->until, &ignore) < 0)
			p->from = p->until = 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return dberr(db, e, "cannot read saved awards");
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
	char now[32];
	sqlite3_stmt *st = prep(db, "INSERT INTO objection_outcome(objection,"
	    " outcome, on_date, who, at) SELECT o.id, ?3, ?4, ?5, ?6"
	    " FROM objection o WHERE (o.id = ?1 OR (?1 = 0 AND o.award = ?2))"
	    " AND NOT EXISTS (SELECT 1 FROM objection_outcome x"
	    " WHERE x.objection = o.id)", e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, objection);
	sqlite3_bind_int64(st, 2, award);
	text(st, 3, what);
	text(st, 4, on);
	text(st, 5, user);
	sqlite3_bind_text(st, 6, svc_time_format(time(NULL), now), -1,
	    SQLITE_TRANSIENT);
	return run(db, st, e, "cannot record an objection's outcome");
}

/* Checks the --uphold ids, records them upheld and marks their awards. */
static int
uphold_objections(struct svc_db *db, struct pending *v, size_t n,
    const long long *uphold, size_t nuphold, const char *on,
    const char *user, struct svc_err *e)
{
	for (size_t u = 0; u < nuphold; u++) {
		sqlite3_stmt *st;
		long long award = 0;
		int decided = 0, rc;
		size_t i;
		char note[64];

		if ((st = prep(db, "SELECT o.award, (SELECT count(*) FROM"
		    " objection_outcome x WHERE x.objection = o.id)"
		    " FROM objection o WHERE o.id = ?1", e)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, uphold[u]);
		if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			award = sqlite3_column_int64(st, 0);
			decided = sqlite3_column_int(st, 1);
		}
		sqlite3_finalize(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return dberr(db, e, "cannot read objections");
		for (i = 0; i < n && v[i].id != award; i++)
			;
		if (rc == SQLITE_DONE || i == n || decided)
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

int
svc_posting_pay(struct svc_db *db, const char *policy, const char *period,
    time_t asof, const char *user,
    int (*fn)(void *arg, const char *staff, const char *name,
    const char *dept, double amount), void *arg,
    struct svc_posting_result *res, struct svc_err *e)
{
	sqlite3_stmt *st;
	struct payee *v = NULL;
	size_t n = 0, proposed = 0, posted = 0, paid = 0, i, j;
	char on[16];
	int rc, stop = 0;

	memset(res, 0, sizeof(*res));
	svc_date_format(asof, on);
	if (svc_db_begin(db, e) < 0)
		return -1;
	if ((st = prep(db, "SELECT a.id, a.staff, a.name, a.dept, a.amount, "
	    CURRENT " FROM award a WHERE a.policy = ?1 AND a.period = ?2"
	    " ORDER BY a.staff, a.id", e)) == NULL)
		goto fail;
	text(st, 1, policy);
	text(st, 2, period);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = col(st, 5);

		proposed += strcmp(s, "proposed") == 0;
		posted += strcmp(s, "posted") == 0;
		paid += strcmp(s, "paid") == 0;
		if (strcmp(s, "approved") != 0)
			continue;
		v = svc_xrealloc(v, (n + 1) * sizeof(*v));
		v[n].id = sqlite3_column_int64(st, 0);
		v[n].staff = svc_xstrdup(col(st, 1));
		v[n].name = svc_xstrdup(col(st, 2));
		v[n].dept = svc_xstrdup(col(st, 3));
		v[n++].amount = sqlite3_column_double(st, 4);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		dberr(db, e, "cannot read saved awards");
		goto fail;
	}
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

int
svc_posting_list(struct svc_db *db, const struct svc_posting_filter *f,
    int (*fn)(void *arg, const struct svc_saved_award *s), void *arg,
    struct svc_err *e)
{
	sqlite3_stmt *st;
	int rc, stop = 0, hist = f->history != 0;

	/* Each filter is "?N IS NULL OR ...": one statement for all. */
	st = prep(db, "SELECT a.id, a.policy, a.period, a.staff, a.name,"
	    " a.dept, a.type, a.award, a.amount, a.action, a.rank,"
	    " a.consecutive, a.badge, a.reason, a.posted_from, a.posted_until,"
	    " a.payable, s.status, s.on_date, s.who, s.note"
	    " FROM award a JOIN award_status s ON s.award = a.id"
	    " WHERE (?1 OR s.id = (SELECT max(x.id) FROM award_status x"
	    "  WHERE x.award = a.id))"
	    " AND (?2 IS NULL OR a.policy = ?2)"
	    " AND (?3 IS NULL OR a.period = ?3)"
	    " AND (?4 IS NULL OR s.status = ?4)"
	    " AND (?1 OR ?4 = 'replaced' OR s.status <> 'replaced')"
	    " ORDER BY a.period, a.id, s.id", e);
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, hist);
	if (f->policy)
		text(st, 2, f->policy);
	if (f->period)
		text(st, 3, f->period);
	if (f->status)
		text(st, 4, f->status);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct svc_award a;
		struct svc_posting_dates d;
		struct svc_saved_award sa;
		int t = svc_award_type_parse(col(st, 6));

		memset(&a, 0, sizeof(a));
		a.period = (char *)col(st, 2);
		a.staff = (char *)col(st, 3);
		a.name = (char *)col(st, 4);
		a.dept = (char *)col(st, 5);
		a.type = t < 0 ? SVC_AWARD_TIER : (enum svc_award_type)t;
		a.award = (char *)col(st, 7);
		a.amount = sqlite3_column_double(st, 8);
		a.action = (char *)col(st, 9);
		a.rank = sqlite3_column_int(st, 10);
		a.consecutive = sqlite3_column_int(st, 11);
		a.badge = (char *)col(st, 12);
		a.reason = (char *)col(st, 13);
		snprintf(d.from, sizeof(d.from), "%s", col(st, 14));
		snprintf(d.until, sizeof(d.until), "%s", col(st, 15));
		snprintf(d.payable, sizeof(d.payable), "%s", col(st, 16));
		sa.id = sqlite3_column_int64(st, 0);
		sa.policy = col(st, 1);
		sa.a = &a;
		sa.dates = &d;
		sa.status = col(st, 17);
		sa.changed_on = col(st, 18);
		sa.changed_by = col(st, 19);
		sa.note = col(st, 20);
		stop = fn(arg, &sa);
	}
	if (!stop && rc != SQLITE_DONE)
		dberr(db, e, "cannot list saved awards");
	sqlite3_finalize(st);
	if (!stop && rc != SQLITE_DONE)
		return -1;
	return stop;
}

long
svc_posting_saved_scores(struct svc_db *db, const char *policy,
    const struct svc_period *target, struct svc_award_input *in,
    struct svc_err *e)
{
	sqlite3_stmt *st = prep(db, "SELECT period, staff, name, dept,"
	    " position, unit, base, deductions, bonuses, joint, score,"
	    " complaints, praises, events, eligible, reason FROM score"
	    " WHERE policy = ?1 ORDER BY period, staff", e);
	long n = 0;
	int rc;

	if (st == NULL)
		return -1;
	text(st, 1, policy);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct svc_score r = { 0 };
		struct svc_period q;
		struct svc_err ignore;

		if (svc_period_parse(col(st, 0), 0, &q, &ignore) < 0 ||
		    !svc_period_inside(&q, target))
			continue;
		r.staff = col(st, 1);
		r.name = col(st, 2);
		r.dept = col(st, 3);
		r.position = col(st, 4);
		r.unit = col(st, 5);
		r.has_score = sqlite3_column_type(st, 10) != SQLITE_NULL;
		r.base = sqlite3_column_double(st, 6);
		r.deductions = sqlite3_column_double(st, 7);
		r.bonuses = sqlite3_column_double(st, 8);
		r.joint = sqlite3_column_double(st, 9);
		r.score = sqlite3_column_double(st, 10);
		r.complaints = sqlite3_column_int64(st, 11);
		r.praises = sqlite3_column_int64(st, 12);
		r.events = sqlite3_column_int64(st, 13);
		r.eligible = sqlite3_column_int(st, 14);
		r.reason = col(st, 15);
		if (svc_award_input_add(in, q.name, &r, e) < 0) {
			sqlite3_finalize(st);
			return -1;
		}
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return dberr(db, e, "cannot read saved scores");
	return n;
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
