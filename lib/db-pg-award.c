/*
 * The PostgreSQL backend's saved results: saved scores read back, saved
 * awards, their status changes and objections (db.h), as
 * lib/db-sqlite-award.c stores them. Kept apart from lib/db-pg.c, which
 * holds the connection, the schema and the events.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db-pg.h"
#include "period.h"

/* The current status of award a (an SQL expression). */
#define CURRENT \
	"(SELECT s.status FROM award_status s WHERE s.award = a.id" \
	" ORDER BY s.id DESC LIMIT 1)"

/* The id a new row of table gets, as SQLite's rowid: writers hold the
 * lock, so no other takes it meanwhile. */
#define NEXT_ID(table) "(SELECT coalesce(max(id), 0) + 1 FROM " table ")"

/* Runs an INSERT ... RETURNING id into *id (when not NULL): 0 or -1. */
static int
insert(struct svc_db *db, const char *sql, const struct svc_pg_params *ps,
    long long *id, struct svc_err *e, const char *what)
{
	PGresult *r = svc_db_pg_run(db, sql, ps, e, what);

	if (r == NULL)
		return -1;
	if (id != NULL)
		*id = svc_pq.PQntuples(r) > 0 ? svc_pg_ll_col(r, 0, 0) : 0;
	svc_pq.PQclear(r);
	return 0;
}

struct scores_ctx {
	int (*fn)(void *arg, const char *period, const struct svc_score *row);
	void *arg;
};

static int
score_row(void *ctx, const PGresult *r, int i)
{
	struct scores_ctx *x = ctx;
	struct svc_score s = { 0 };

	s.staff = svc_pg_col(r, i, 1);
	s.name = svc_pg_col(r, i, 2);
	s.dept = svc_pg_col(r, i, 3);
	s.position = svc_pg_col(r, i, 4);
	s.unit = svc_pg_col(r, i, 5);
	s.has_score = !svc_pq.PQgetisnull(r, i, 10);
	s.base = svc_pg_double_col(r, i, 6);
	s.deductions = svc_pg_double_col(r, i, 7);
	s.bonuses = svc_pg_double_col(r, i, 8);
	s.joint = svc_pg_double_col(r, i, 9);
	s.score = svc_pg_double_col(r, i, 10);
	s.complaints = (long)svc_pg_ll_col(r, i, 11);
	s.praises = (long)svc_pg_ll_col(r, i, 12);
	s.events = (long)svc_pg_ll_col(r, i, 13);
	s.eligible = (int)svc_pg_ll_col(r, i, 14);
	s.reason = svc_pg_col(r, i, 15);
	s.saved_at = svc_pg_col(r, i, 16);
	return x->fn(x->arg, svc_pg_col(r, i, 0), &s);
}

int
svc_pg_scores_each(struct svc_db *db, const char *policy,
    int (*fn)(void *arg, const char *period, const struct svc_score *row),
    void *arg, struct svc_err *e)
{
	struct scores_ctx x = { fn, arg };
	struct svc_pg_params ps = { 0 };

	svc_pg_text(&ps, policy);
	return svc_db_pg_each(db, "SELECT period, staff, name, dept,"
	    " position, unit, base, deductions, bonuses, joint, score,"
	    " complaints, praises, events, eligible, reason, saved_at FROM score"
	    " WHERE policy = $1 ORDER BY period, staff", &ps, 0, score_row, &x,
	    e, "cannot read saved scores");
}

int
svc_pg_award_add(struct svc_db *db, const struct svc_db_award *a,
    long long *id, struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };

	svc_pg_text(&ps, a->period);
	svc_pg_text(&ps, a->policy);
	svc_pg_text(&ps, a->policy_hash);
	svc_pg_text(&ps, a->staff);
	svc_pg_text(&ps, a->name);
	svc_pg_text(&ps, a->dept);
	svc_pg_text(&ps, a->type);
	svc_pg_text(&ps, a->award);
	svc_pg_double(&ps, a->amount);
	svc_pg_text(&ps, a->action);
	if (a->rank > 0)
		svc_pg_ll(&ps, a->rank);
	else
		svc_pg_text(&ps, NULL);
	if (a->consecutive > 0)
		svc_pg_ll(&ps, a->consecutive);
	else
		svc_pg_text(&ps, NULL);
	svc_pg_text(&ps, a->badge);
	svc_pg_text(&ps, a->reason);
	svc_pg_text(&ps, a->posted_from);
	svc_pg_text(&ps, a->posted_until);
	svc_pg_text(&ps, a->payable);
	svc_pg_text(&ps, a->saved_at);
	return insert(db, "INSERT INTO award(id, period, policy, policy_hash,"
	    " staff, name, dept, type, award, amount, action, rank,"
	    " consecutive, badge, reason, posted_from, posted_until, payable,"
	    " saved_at) VALUES (" NEXT_ID("award") ", $1, $2, $3, $4, $5, $6,"
	    " $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)"
	    " RETURNING id", &ps, id, e, "cannot save an award");
}

int
svc_pg_award_post(struct svc_db *db, long long id, const char *from,
    const char *until, const char *payable, struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };

	svc_pg_ll(&ps, id);
	svc_pg_text(&ps, from);
	svc_pg_text(&ps, until);
	svc_pg_text(&ps, payable);
	return insert(db, "UPDATE award SET posted_from = $2,"
	    " posted_until = $3, payable = $4 WHERE id = $1", &ps, NULL, e,
	    "cannot post an award");
}

int
svc_pg_award_status_add(struct svc_db *db, long long award,
    const char *status, const char *on, const char *who, const char *note,
    struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };
	char now[32];

	svc_pg_ll(&ps, award);
	svc_pg_text(&ps, status);
	svc_pg_text(&ps, on);
	svc_pg_text(&ps, who);
	svc_pg_text(&ps, svc_time_format(time(NULL), now));
	svc_pg_text(&ps, note);
	return insert(db, "INSERT INTO award_status(id, award, status,"
	    " on_date, who, at, note) VALUES (" NEXT_ID("award_status") ","
	    " $1, $2, $3, $4, $5, $6)", &ps, NULL, e,
	    "cannot record a status");
}

int
svc_pg_award_status(struct svc_db *db, long long id, char *status, size_t n,
    struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };
	PGresult *r;
	int got;

	svc_pg_ll(&ps, id);
	if ((r = svc_db_pg_run(db, "SELECT " CURRENT " FROM award a"
	    " WHERE a.id = $1", &ps, e, "cannot read saved awards")) == NULL)
		return -1;
	if ((got = svc_pq.PQntuples(r) > 0))
		snprintf(status, n, "%s", svc_pg_col(r, 0, 0));
	svc_pq.PQclear(r);
	return got;
}

/* A row laid out as AWARD_COLS, then the status. */
#define AWARD_COLS \
	"a.id, a.period, a.policy, a.policy_hash, a.staff, a.name, a.dept," \
	" a.type, a.award, a.amount, a.action, a.rank, a.consecutive," \
	" a.badge, a.reason, a.posted_from, a.posted_until, a.payable," \
	" a.saved_at"

struct award_ctx {
	int (*fn)(void *arg, const struct svc_db_award *a);
	void *arg;
	int changes;		/* the change's columns follow */
};

static int
award_row(void *ctx, const PGresult *r, int i)
{
	struct award_ctx *x = ctx;
	struct svc_db_award a;

	memset(&a, 0, sizeof(a));
	a.id = svc_pg_ll_col(r, i, 0);
	a.period = svc_pg_col(r, i, 1);
	a.policy = svc_pg_col(r, i, 2);
	a.policy_hash = svc_pg_col(r, i, 3);
	a.staff = svc_pg_col(r, i, 4);
	a.name = svc_pg_col(r, i, 5);
	a.dept = svc_pg_col(r, i, 6);
	a.type = svc_pg_col(r, i, 7);
	a.award = svc_pg_col(r, i, 8);
	a.amount = svc_pg_double_col(r, i, 9);
	a.action = svc_pg_col(r, i, 10);
	a.rank = (int)svc_pg_ll_col(r, i, 11);
	a.consecutive = (int)svc_pg_ll_col(r, i, 12);
	a.badge = svc_pg_col(r, i, 13);
	a.reason = svc_pg_col(r, i, 14);
	a.posted_from = svc_pg_col(r, i, 15);
	a.posted_until = svc_pg_col(r, i, 16);
	a.payable = svc_pg_col(r, i, 17);
	a.saved_at = svc_pg_col(r, i, 18);
	a.status = svc_pg_col(r, i, 19);
	a.changed_on = a.changed_by = a.note = "";
	if (x->changes) {
		a.changed_on = svc_pg_col(r, i, 20);
		a.changed_by = svc_pg_col(r, i, 21);
		a.note = svc_pg_col(r, i, 22);
	}
	return x->fn(x->arg, &a);
}

int
svc_pg_awards_each(struct svc_db *db, const char *policy,
    const char *period,
    int (*fn)(void *arg, const struct svc_db_award *a), void *arg,
    struct svc_err *e)
{
	struct award_ctx x = { fn, arg, 0 };
	struct svc_pg_params ps = { 0 };

	svc_pg_text(&ps, policy);
	svc_pg_text(&ps, period);
	return svc_db_pg_each(db, "SELECT " AWARD_COLS ", " CURRENT
	    " FROM award a WHERE a.policy = $1"
	    " AND ($2::text IS NULL OR a.period = $2) ORDER BY a.id", &ps, 0,
	    award_row, &x, e, "cannot read saved awards");
}

int
svc_pg_award_last_change(struct svc_db *db, const char *policy,
    const char *period, const char *status, char on[16], char who[64],
    struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };
	PGresult *r;
	int got;

	svc_pg_text(&ps, policy);
	svc_pg_text(&ps, period);
	svc_pg_text(&ps, status);
	if ((r = svc_db_pg_run(db, "SELECT s.on_date, s.who FROM award a"
	    " JOIN award_status s ON s.award = a.id WHERE a.policy = $1"
	    " AND a.period = $2 AND s.status = $3 AND " CURRENT
	    " = $3 ORDER BY s.id DESC LIMIT 1", &ps, e,
	    "cannot read saved awards")) == NULL)
		return -1;
	if ((got = svc_pq.PQntuples(r) > 0)) {
		snprintf(on, 16, "%s", svc_pg_col(r, 0, 0));
		snprintf(who, 64, "%s", svc_pg_col(r, 0, 1));
	}
	svc_pq.PQclear(r);
	return got;
}

int
svc_pg_award_changes_each(struct svc_db *db,
    const struct svc_db_award_filter *f,
    int (*fn)(void *arg, const struct svc_db_award *a), void *arg,
    struct svc_err *e)
{
	struct award_ctx x = { fn, arg, 1 };
	struct svc_pg_params ps = { 0 };

	svc_pg_text(&ps, f->history ? "true" : "false");
	svc_pg_text(&ps, f->policy);
	svc_pg_text(&ps, f->period);
	svc_pg_text(&ps, f->status);
	/* Each filter is "$N IS NULL OR ...": one statement for all. */
	return svc_db_pg_each(db, "SELECT " AWARD_COLS ", s.status,"
	    " s.on_date, s.who, s.note"
	    " FROM award a JOIN award_status s ON s.award = a.id"
	    " WHERE ($1::boolean OR s.id = (SELECT max(x.id) FROM"
	    "  award_status x WHERE x.award = a.id))"
	    " AND ($2::text IS NULL OR a.policy = $2)"
	    " AND ($3::text IS NULL OR a.period = $3)"
	    " AND ($4::text IS NULL OR s.status = $4)"
	    " AND ($1::boolean OR $4::text = 'replaced'"
	    "  OR s.status <> 'replaced')"
	    " ORDER BY a.period, a.id, s.id", &ps, 0, award_row, &x, e,
	    "cannot list saved awards");
}

int
svc_pg_objection_add(struct svc_db *db, long long award, const char *reason,
    const char *on, const char *who, long long *id, struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };
	char now[32];

	svc_pg_ll(&ps, award);
	svc_pg_text(&ps, reason);
	svc_pg_text(&ps, on);
	svc_pg_text(&ps, who);
	svc_pg_text(&ps, svc_time_format(time(NULL), now));
	return insert(db, "INSERT INTO objection(id, award, reason, on_date,"
	    " who, at) VALUES (" NEXT_ID("objection") ", $1, $2, $3, $4, $5)"
	    " RETURNING id", &ps, id, e, "cannot record the objection");
}

int
svc_pg_objection_get(struct svc_db *db, long long id, long long *award,
    int *decided, struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };
	PGresult *r;
	int got;

	svc_pg_ll(&ps, id);
	if ((r = svc_db_pg_run(db, "SELECT o.award, (SELECT count(*) FROM"
	    " objection_outcome x WHERE x.objection = o.id)"
	    " FROM objection o WHERE o.id = $1", &ps, e,
	    "cannot read objections")) == NULL)
		return -1;
	if ((got = svc_pq.PQntuples(r) > 0)) {
		*award = svc_pg_ll_col(r, 0, 0);
		*decided = (int)svc_pg_ll_col(r, 0, 1);
	}
	svc_pq.PQclear(r);
	return got;
}

int
svc_pg_objection_decide(struct svc_db *db, long long id, long long award,
    const char *outcome, const char *on, const char *who, struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };
	char now[32];

	svc_pg_ll(&ps, id);
	svc_pg_ll(&ps, award);
	svc_pg_text(&ps, outcome);
	svc_pg_text(&ps, on);
	svc_pg_text(&ps, who);
	svc_pg_text(&ps, svc_time_format(time(NULL), now));
	return insert(db, "INSERT INTO objection_outcome(objection, outcome,"
	    " on_date, who, at) SELECT o.id, $3::text, $4::text, $5::text,"
	    " $6::text FROM objection o WHERE (o.id = $1::bigint"
	    " OR ($1::bigint = 0 AND o.award = $2::bigint))"
	    " AND NOT EXISTS (SELECT 1 FROM objection_outcome x"
	    " WHERE x.objection = o.id)", &ps, NULL, e,
	    "cannot record an objection's outcome");
}
