/*
 * db-backend: what lib/db.c, which keeps db.h's public functions, and
 * the storage backends behind it share. No other file includes it.
 *
 * svc_db_open picks the backend from the --db value (SPEC §7): one that
 * starts with "postgresql://" or "postgres://" is a PostgreSQL
 * connection string (lib/db-pg*.c, over libpq), anything else an SQLite
 * file (lib/db-sqlite*.c). Every public function of db.h that touches
 * the storage is one call through the handle's operations; what both
 * backends must do alike (the order of a commit: the command's report,
 * then its output flushed, then COMMIT, and a rollback when either
 * failed) is written once, in db.c. Each operation promises what db.h
 * says of the public function of the same name.
 *
 * The schema is the same on both backends (tables, columns, constraints,
 * the views of svc-ledger(5)), and so is its version, SVC_DB_VERSION:
 * SQLite keeps it in user_version beside the application_id mark,
 * PostgreSQL in the one row of the table svc_meta (application_id,
 * version). Each backend has its list of steps, applied in order under
 * its writer lock when a tool opens an older ledger: SQLite's migrations
 * (lib/db-sqlite.c) from version 0, PostgreSQL's (lib/db-pg.c) from
 * SVC_DB_PG_FIRST, the first version a PostgreSQL ledger was made at,
 * whose step 0 creates that schema whole in an empty database. A new
 * schema version appends one step to each list, each in its dialect; a
 * released step is never edited, and a _Static_assert in each backend
 * keeps both lists at SVC_DB_VERSION.
 */
#ifndef SVC_DB_BACKEND_H
#define SVC_DB_BACKEND_H

#include "db.h"

struct svc_db_ops {
	/* Frees everything of db, db itself and its name included. */
	void (*close)(struct svc_db *db);
	const char *(*checkpoint)(struct svc_db *db);
	int (*begin)(struct svc_db *db, struct svc_err *e);
	/* COMMIT (and what the backend finishes before it); on failure the
	 * transaction is rolled back. db.c has flushed the output first. */
	int (*commit)(struct svc_db *db, struct svc_err *e);
	void (*rollback)(struct svc_db *db);

	int (*staff_put)(struct svc_db *db, const struct svc_staff *s,
	    struct svc_err *e);
	int (*customer_put)(struct svc_db *db, const struct svc_customer *c,
	    struct svc_err *e);
	int (*staff_get)(struct svc_db *db, const char *id,
	    struct svc_staff *s, struct svc_err *e);
	int (*customer_get)(struct svc_db *db, const char *id,
	    struct svc_customer *c, struct svc_err *e);
	int (*staff_each)(struct svc_db *db,
	    int (*fn)(void *arg, const struct svc_staff *s), void *arg,
	    struct svc_err *e);
	int (*customer_each)(struct svc_db *db,
	    int (*fn)(void *arg, const struct svc_customer *c), void *arg,
	    struct svc_err *e);
	int (*contacts_put)(struct svc_db *db, const char *customer,
	    const struct svc_contact *v, size_t n, struct svc_err *e);
	int (*contacts_each)(struct svc_db *db,
	    int (*fn)(void *arg, const struct svc_contact *c), void *arg,
	    struct svc_err *e);

	long long (*batch_new)(struct svc_db *db, const char *tool,
	    const char *source, const char *user, struct svc_err *e);
	int (*batch_late)(struct svc_db *db, long long batch,
	    const char *reason, struct svc_err *e);

	int (*import_begin)(struct svc_db *db, struct svc_err *e);
	int (*import_rows)(struct svc_db *db, const struct svc_event *evs,
	    size_t n, long *added, svc_db_skipped_fn skipped, void *arg,
	    struct svc_err *e);
	int (*import_one)(struct svc_db *db, const struct svc_event *ev,
	    long long *id, struct svc_err *e);
	int (*import_end)(struct svc_db *db, struct svc_err *e);

	int (*event_add)(struct svc_db *db, const struct svc_event *ev,
	    long long *id, struct svc_err *e);
	int (*event_get)(struct svc_db *db, long long id,
	    struct svc_event *ev, struct svc_err *e);
	int (*event_by_uid)(struct svc_db *db, const char *uid,
	    struct svc_event *ev, struct svc_err *e);
	int (*events_each)(struct svc_db *db,
	    const struct svc_event_filter *f,
	    int (*fn)(void *arg, const struct svc_event *ev), void *arg,
	    struct svc_err *e);
	int (*events_scan)(struct svc_db *db, time_t start, time_t end,
	    int (*fn)(void *arg, const struct svc_event *ev), void *arg,
	    struct svc_err *e);
	int (*event_last)(struct svc_db *db, const char *staff,
	    const char *kind, const char *prefix, time_t *t, long long *id,
	    struct svc_err *e);

	int (*order_add)(struct svc_db *db, const struct svc_order *o,
	    long long *id, struct svc_err *e);
	int (*order_update)(struct svc_db *db, const struct svc_order *o,
	    struct svc_err *e);
	int (*order_get)(struct svc_db *db, long long id,
	    struct svc_order *o, struct svc_err *e);
	int (*order_of_revisit)(struct svc_db *db, long long revisit,
	    struct svc_order *o, struct svc_err *e);
	int (*orders_each)(struct svc_db *db,
	    int (*fn)(void *arg, const struct svc_order *o), void *arg,
	    struct svc_err *e);
	int (*order_wait)(struct svc_db *db, long long order, time_t t,
	    const char *reason, struct svc_err *e);
	int (*order_waits_each)(struct svc_db *db, long long order,
	    int (*fn)(void *arg, const struct svc_order_wait *w), void *arg,
	    struct svc_err *e);

	int (*scores_save)(struct svc_db *db, const char *period,
	    const char *policy, const char *hash,
	    const struct svc_score *const *rows, size_t n,
	    struct svc_err *e);
	int (*scores_each)(struct svc_db *db, const char *policy,
	    int (*fn)(void *arg, const char *period,
	    const struct svc_score *row), void *arg, struct svc_err *e);

	int (*award_add)(struct svc_db *db, const struct svc_db_award *a,
	    long long *id, struct svc_err *e);
	int (*award_post)(struct svc_db *db, long long id, const char *from,
	    const char *until, const char *payable, struct svc_err *e);
	int (*award_status_add)(struct svc_db *db, long long award,
	    const char *status, const char *on, const char *who,
	    const char *note, struct svc_err *e);
	int (*award_status)(struct svc_db *db, long long id, char *status,
	    size_t n, struct svc_err *e);
	int (*awards_each)(struct svc_db *db, const char *policy,
	    const char *period,
	    int (*fn)(void *arg, const struct svc_db_award *a), void *arg,
	    struct svc_err *e);
	int (*award_last_change)(struct svc_db *db, const char *policy,
	    const char *period, const char *status, char on[16],
	    char who[64], struct svc_err *e);
	int (*award_changes_each)(struct svc_db *db,
	    const struct svc_db_award_filter *f,
	    int (*fn)(void *arg, const struct svc_db_award *a), void *arg,
	    struct svc_err *e);
	int (*objection_add)(struct svc_db *db, long long award,
	    const char *reason, const char *on, const char *who,
	    long long *id, struct svc_err *e);
	int (*objection_get)(struct svc_db *db, long long id,
	    long long *award, int *decided, struct svc_err *e);
	int (*objection_decide)(struct svc_db *db, long long id,
	    long long award, const char *outcome, const char *on,
	    const char *who, struct svc_err *e);
	int (*paid_periods)(struct svc_db *db, const char *policy,
	    int (*fn)(void *arg, const char *period, const char *on,
	    const char *at), void *arg, struct svc_err *e);

	/*
	 * svc_db_copy's reads and writes. rows_each calls fn with each row
	 * sql (which db.c writes for both backends) gives, its cells typed
	 * by types ('i' integer, 'r' double, 't' text, one a column) and
	 * borrowed for the call; it stops early when fn returns nonzero and
	 * returns that, -1 on error. row_put stores row[0..n) into the
	 * columns cols (a list, as in SQL) of table, inside a transaction;
	 * the backend may keep rows until rows_flush, which stores all it
	 * kept (a rollback drops them). 0 or -1.
	 */
	int (*rows_each)(struct svc_db *db, const char *sql,
	    const char *types,
	    int (*fn)(void *arg, const struct svc_db_cell *row), void *arg,
	    struct svc_err *e);
	int (*row_put)(struct svc_db *db, const char *table, const char *cols,
	    const struct svc_db_cell *row, size_t n, struct svc_err *e);
	int (*rows_flush)(struct svc_db *db, struct svc_err *e);
};

/*
 * The head of every backend's handle: a backend's own struct begins with
 * it, so that a struct svc_db * is a pointer to that struct too.
 */
struct svc_db {
	const struct svc_db_ops *ops;
	char *path;		/* the name for messages (owned) */
	int found_version;	/* schema version found on open, 0: new */
	FILE *out;		/* flushed before every COMMIT; NULL: none */
	int (*report)(void *, struct svc_err *);	/* before it */
	void *report_arg;
};

/* The backends' openers, as svc_db_open. */
struct svc_db *svc_db_sqlite_open(const char *path, enum svc_db_mode mode,
    struct svc_err *e);
struct svc_db *svc_db_pg_open(const char *conninfo, enum svc_db_mode mode,
    struct svc_err *e);

/* The first schema version of a PostgreSQL ledger. */
#define SVC_DB_PG_FIRST 8

/* Whether where (a --db value) names a PostgreSQL database: it starts
 * with "postgresql://" or "postgres://". */
int svc_db_is_pg(const char *where);

/*
 * where as it may be shown: a PostgreSQL connection string without its
 * password (the user info's ":password", a password= parameter), as
 * "postgresql://user@host/db"; anything else as it is. The caller frees
 * it.
 */
char *svc_db_mask(const char *where);

#endif
