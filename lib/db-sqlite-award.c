/*
 * The SQLite backend's saved results: saved scores read back, saved
 * awards, their status changes and objections (db.h). Kept apart from
 * lib/db-sqlite.c, which holds the connection, the schema and the events.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db-sqlite.h"
#include "period.h"

/* The current status of award a (an SQL expression). */
#define CURRENT \
	"(SELECT s.status FROM award_status s WHERE s.award = a.id" \
	" ORDER BY s.id DESC LIMIT 1)"

static sqlite3_stmt *
prep(struct svc_db *db, const char *sql, struct svc_err *e)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(svc_db_sqlite(db), sql, -1, &st, NULL) !=
	    SQLITE_OK) {
		svc_db_sqlite_err(db, e, "cannot prepare statement");
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
		svc_db_sqlite_err(db, e, what);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

/* Steps st through its rows, calling fill and fn for each; finalizes it. */
static int
each_row(struct svc_db *db, sqlite3_stmt *st,
    void (*fill)(sqlite3_stmt *st, struct svc_db_award *a),
    int (*fn)(void *arg, const struct svc_db_award *a), void *arg,
    struct svc_err *e, const char *what)
{
	int rc, stop = 0;

	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct svc_db_award a;

		memset(&a, 0, sizeof(a));
		fill(st, &a);
		stop = fn(arg, &a);
	}
	return svc_db_sqlite_each_end(db, st, rc, stop, e, what);
}

int
svc_sq_scores_each(struct svc_db *db, const char *policy,
    int (*fn)(void *arg, const char *period, const struct svc_score *row),
    void *arg, struct svc_err *e)
{
	sqlite3_stmt *st = prep(db, "SELECT period, staff, name, dept,"
	    " position, unit, base, deductions, bonuses, joint, score,"
	    " complaints, praises, events, eligible, reason, saved_at FROM score"
	    " WHERE policy = ?1 ORDER BY period, staff", e);
	int rc, stop = 0;

	if (st == NULL)
		return -1;
	text(st, 1, policy);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct svc_score r = { 0 };

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
		r.saved_at = col(st, 16);
		stop = fn(arg, col(st, 0), &r);
	}
	return svc_db_sqlite_each_end(db, st, rc, stop, e, "cannot read saved scores");
}

int
svc_sq_award_add(struct svc_db *db, const struct svc_db_award *a,
    long long *id, struct svc_err *e)
{
	sqlite3_stmt *st = prep(db, "INSERT INTO award(period, policy,"
	    " policy_hash, staff, name, dept, type, award, amount, action,"
	    " rank, consecutive, badge, reason, posted_from, posted_until,"
	    " payable, saved_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
	    " ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)", e);

	if (st == NULL)
		return -1;
	text(st, 1, a->period);
	text(st, 2, a->policy);
	text(st, 3, a->policy_hash);
	text(st, 4, a->staff);
	text(st, 5, a->name);
	text(st, 6, a->dept);
	text(st, 7, a->type);
	text(st, 8, a->award);
	sqlite3_bind_double(st, 9, a->amount);
	text(st, 10, a->action);
	if (a->rank > 0)
		sqlite3_bind_int(st, 11, a->rank);
	if (a->consecutive > 0)
		sqlite3_bind_int(st, 12, a->consecutive);
	text(st, 13, a->badge);
	text(st, 14, a->reason);
	text(st, 15, a->posted_from);
	text(st, 16, a->posted_until);
	text(st, 17, a->payable);
	text(st, 18, a->saved_at);
	if (run(db, st, e, "cannot save an award") < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(svc_db_sqlite(db));
	return 0;
}

int
svc_sq_award_post(struct svc_db *db, long long id, const char *from,
    const char *until, const char *payable, struct svc_err *e)
{
	sqlite3_stmt *st = prep(db, "UPDATE award SET posted_from = ?2,"
	    " posted_until = ?3, payable = ?4 WHERE id = ?1", e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	text(st, 2, from);
	text(st, 3, until);
	text(st, 4, payable);
	return run(db, st, e, "cannot post an award");
}

int
svc_sq_award_status_add(struct svc_db *db, long long award,
    const char *status, const char *on, const char *who, const char *note,
    struct svc_err *e)
{
	char now[32];
	sqlite3_stmt *st = prep(db, "INSERT INTO award_status(award, status,"
	    " on_date, who, at, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, award);
	text(st, 2, status);
	text(st, 3, on);
	text(st, 4, who);
	sqlite3_bind_text(st, 5, svc_time_format(time(NULL), now), -1,
	    SQLITE_TRANSIENT);
	text(st, 6, note);
	return run(db, st, e, "cannot record a status");
}

int
svc_sq_award_status(struct svc_db *db, long long id, char *status, size_t n,
    struct svc_err *e)
{
	sqlite3_stmt *st = prep(db, "SELECT " CURRENT " FROM award a"
	    " WHERE a.id = ?1", e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		snprintf(status, n, "%s", col(st, 0));
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return svc_db_sqlite_err(db, e, "cannot read saved awards");
	return rc == SQLITE_ROW;
}

/* A row laid out as AWARD_COLS, then the status. */
#define AWARD_COLS \
	"a.id, a.period, a.policy, a.policy_hash, a.staff, a.name, a.dept," \
	" a.type, a.award, a.amount, a.action, a.rank, a.consecutive," \
	" a.badge, a.reason, a.posted_from, a.posted_until, a.payable," \
	" a.saved_at"

static void
award_fill(sqlite3_stmt *st, struct svc_db_award *a)
{
	a->id = sqlite3_column_int64(st, 0);
	a->period = col(st, 1);
	a->policy = col(st, 2);
	a->policy_hash = col(st, 3);
	a->staff = col(st, 4);
	a->name = col(st, 5);
	a->dept = col(st, 6);
	a->type = col(st, 7);
	a->award = col(st, 8);
	a->amount = sqlite3_column_double(st, 9);
	a->action = col(st, 10);
	a->rank = sqlite3_column_int(st, 11);
	a->consecutive = sqlite3_column_int(st, 12);
	a->badge = col(st, 13);
	a->reason = col(st, 14);
	a->posted_from = col(st, 15);
	a->posted_until = col(st, 16);
	a->payable = col(st, 17);
	a->saved_at = col(st, 18);
	a->status = col(st, 19);
	a->changed_on = a->changed_by = a->note = "";
}

int
svc_sq_awards_each(struct svc_db *db, const char *policy,
    const char *period,
    int (*fn)(void *arg, const struct svc_db_award *a), void *arg,
    struct svc_err *e)
{
	sqlite3_stmt *st = prep(db, "SELECT " AWARD_COLS ", " CURRENT
	    " FROM award a WHERE a.policy = ?1"
	    " AND (?2 IS NULL OR a.period = ?2) ORDER BY a.id", e);

	if (st == NULL)
		return -1;
	text(st, 1, policy);
	if (period != NULL)
		text(st, 2, period);
	return each_row(db, st, award_fill, fn, arg, e,
	    "cannot read saved awards");
}

int
svc_sq_award_last_change(struct svc_db *db, const char *policy,
    const char *period, const char *status, char on[16], char who[64],
    struct svc_err *e)
{
	sqlite3_stmt *st = prep(db, "SELECT s.on_date, s.who FROM award a"
	    " JOIN award_status s ON s.award = a.id WHERE a.policy = ?1"
	    " AND a.period = ?2 AND s.status = ?3 AND " CURRENT
	    " = ?3 ORDER BY s.id DESC LIMIT 1", e);
	int rc;

	if (st == NULL)
		return -1;
	text(st, 1, policy);
	text(st, 2, period);
	text(st, 3, status);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(on, 16, "%s", col(st, 0));
		snprintf(who, 64, "%s", col(st, 1));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return svc_db_sqlite_err(db, e, "cannot read saved awards");
	return rc == SQLITE_ROW;
}

static void
change_fill(sqlite3_stmt *st, struct svc_db_award *a)
{
	award_fill(st, a);
	a->changed_on = col(st, 20);
	a->changed_by = col(st, 21);
	a->note = col(st, 22);
}

int
svc_sq_award_changes_each(struct svc_db *db,
    const struct svc_db_award_filter *f,
    int (*fn)(void *arg, const struct svc_db_award *a), void *arg,
    struct svc_err *e)
{
	/* Each filter is "?N IS NULL OR ...": one statement for all. */
	sqlite3_stmt *st = prep(db, "SELECT " AWARD_COLS ", s.status,"
	    " s.on_date, s.who, s.note"
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
	sqlite3_bind_int(st, 1, f->history != 0);
	if (f->policy)
		text(st, 2, f->policy);
	if (f->period)
		text(st, 3, f->period);
	if (f->status)
		text(st, 4, f->status);
	return each_row(db, st, change_fill, fn, arg, e,
	    "cannot list saved awards");
}

int
svc_sq_objection_add(struct svc_db *db, long long award, const char *reason,
    const char *on, const char *who, long long *id, struct svc_err *e)
{
	char now[32];
	sqlite3_stmt *st = prep(db, "INSERT INTO objection(award, reason,"
	    " on_date, who, at) VALUES (?1, ?2, ?3, ?4, ?5)", e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, award);
	text(st, 2, reason);
	text(st, 3, on);
	text(st, 4, who);
	sqlite3_bind_text(st, 5, svc_time_format(time(NULL), now), -1,
	    SQLITE_TRANSIENT);
	if (run(db, st, e, "cannot record the objection") < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(svc_db_sqlite(db));
	return 0;
}

int
svc_sq_objection_get(struct svc_db *db, long long id, long long *award,
    int *decided, struct svc_err *e)
{
	sqlite3_stmt *st = prep(db, "SELECT o.award, (SELECT count(*) FROM"
	    " objection_outcome x WHERE x.objection = o.id)"
	    " FROM objection o WHERE o.id = ?1", e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*award = sqlite3_column_int64(st, 0);
		*decided = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return svc_db_sqlite_err(db, e, "cannot read objections");
	return rc == SQLITE_ROW;
}

int
svc_sq_objection_decide(struct svc_db *db, long long id, long long award,
    const char *outcome, const char *on, const char *who, struct svc_err *e)
{
	char now[32];
	sqlite3_stmt *st = prep(db, "INSERT INTO objection_outcome(objection,"
	    " outcome, on_date, who, at) SELECT o.id, ?3, ?4, ?5, ?6"
	    " FROM objection o WHERE (o.id = ?1 OR (?1 = 0 AND o.award = ?2))"
	    " AND NOT EXISTS (SELECT 1 FROM objection_outcome x"
	    " WHERE x.objection = o.id)", e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, award);
	text(st, 3, outcome);
	text(st, 4, on);
	text(st, 5, who);
	sqlite3_bind_text(st, 6, svc_time_format(time(NULL), now), -1,
	    SQLITE_TRANSIENT);
	return run(db, st, e, "cannot record an objection's outcome");
}
