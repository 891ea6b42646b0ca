/*
 * db-sqlite: what the files of the SQLite backend (lib/db-sqlite*.c)
 * share beyond db.h, and what the backend's own unit tests reach. No
 * other file includes it: the rest of svc sees storage through db.h only.
 */
#ifndef SVC_DB_SQLITE_H
#define SVC_DB_SQLITE_H

#include <sqlite3.h>

#include "db.h"

/* The connection, borrowed for the life of db. Statements on it follow
 * db.h's rules: bound parameters only, writes between svc_db_begin and
 * svc_db_commit. */
sqlite3 *svc_db_sqlite(struct svc_db *db);

/* Sets e to "what: SQLite's message", naming the file; returns -1. */
int svc_db_sqlite_err(struct svc_db *db, struct svc_err *e,
    const char *what);

/*
 * Ends a loop over st's rows that stopped at step result rc or because
 * its callback returned stop: finalizes st and returns stop, or -1 with e
 * set ("what: ...") when the rows ran out on an error.
 */
int svc_db_sqlite_each_end(struct svc_db *db, struct sqlite3_stmt *st,
    int rc, int stop, struct svc_err *e, const char *what);

/*
 * The import session's tools (svc_db_import_begin and the rest choose
 * when to use them).
 *
 * svc_db_bulk_start, inside the import's transaction: drops the event
 * table's plain (non-unique) indexes, which svc_db_commit rebuilds
 * first; appending the rows and sorting once per index is several times
 * faster than keeping them in order row by row. With keep_time the index
 * on t alone stays: rows that come in time order add to its end, which
 * costs less than rebuilding it. Called again without keep_time, it
 * drops that one too. Uniqueness is still checked on every insert. A
 * rollback restores the indexes with the rest. Returns 0, or -1 and the
 * transaction is to be rolled back.
 */
int svc_db_bulk_start(struct svc_db *db, int keep_time, struct svc_err *e);

/*
 * Switches SQLite's foreign-key checks off (on = 0) or back on, outside a
 * transaction only. Returns 0 or -1.
 */
int svc_db_foreign_keys(struct svc_db *db, int on, struct svc_err *e);

/* The highest event id: as many rows as the table holds, give or take
 * deleted ones, found without counting them. 0 when empty or on error. */
long long svc_db_event_max_id(struct svc_db *db);

/* How many rows the scoring scan samples along the rowid to choose its
 * way through the table. */
#define SVC_DB_SCAN_SAMPLES 64

/*
 * Whether the scoring scan of [start, end) reads the event table in
 * rowid order and sorts what it keeps by (t, id), rather than walking
 * the event_t index: ts[0..n) are the times of rows taken evenly along
 * the rowid, in rowid order. Walking the index fetches the rows in the
 * order of t; when the rowid does not follow t (events imported out of
 * time order) every fetch lands on another page, several times slower
 * than reading the whole table once and sorting. So: yes when at least
 * 8 samples and a fifth of them fall in the period, and more than a
 * quarter of the consecutive ones among those go back in time. Pure.
 */
int svc_db_scan_by_rowid(const long long *ts, size_t n, long long start,
    long long end);

/*
 * Fills ts (SVC_DB_SCAN_SAMPLES long) with the times of event rows taken
 * evenly along the rowid, each row once, in rowid order, for
 * svc_db_scan_by_rowid; returns how many. An error while sampling
 * gives fewer (0: the index is kept); the scan reports errors itself.
 */
size_t svc_db_scan_sample(struct svc_db *db, long long *ts);

/*
 * svc_db_import_rows without the session's index decisions: inserts
 * evs[0..n), SVC_DB_EVENT_ROWS to a statement. Finding the rows not
 * stored costs nothing while every row is stored.
 */
#define SVC_DB_EVENT_ROWS 32	/* rows per statement */
int svc_db_event_add_many(struct svc_db *db, const struct svc_event *evs,
    size_t n, long *added, svc_db_skipped_fn skipped, void *arg,
    struct svc_err *e);

/* Work orders' waits (lib/db-sqlite-wait.c), as db.h's functions of the
 * same name after svc_db_. */
int svc_sq_order_wait(struct svc_db *db, long long order, time_t t,
    const char *reason, struct svc_err *e);
int svc_sq_order_waits_each(struct svc_db *db, long long order,
    int (*fn)(void *arg, const struct svc_order_wait *w), void *arg,
    struct svc_err *e);

/*
 * The backend's saved results (lib/db-sqlite-award.c), as db.h's
 * functions of the same name after svc_db_.
 */
int svc_sq_scores_each(struct svc_db *db, const char *policy,
    int (*fn)(void *arg, const char *period, const struct svc_score *row),
    void *arg, struct svc_err *e);
int svc_sq_award_add(struct svc_db *db, const struct svc_db_award *a,
    long long *id, struct svc_err *e);
int svc_sq_award_post(struct svc_db *db, long long id, const char *from,
    const char *until, const char *payable, struct svc_err *e);
int svc_sq_award_status_add(struct svc_db *db, long long award,
    const char *status, const char *on, const char *who, const char *note,
    struct svc_err *e);
int svc_sq_award_status(struct svc_db *db, long long id, char *status,
    size_t n, struct svc_err *e);
int svc_sq_awards_each(struct svc_db *db, const char *policy,
    const char *period,
    int (*fn)(void *arg, const struct svc_db_award *a), void *arg,
    struct svc_err *e);
int svc_sq_award_last_change(struct svc_db *db, const char *policy,
    const char *period, const char *status, char on[16], char who[64],
    struct svc_err *e);
int svc_sq_award_changes_each(struct svc_db *db,
    const struct svc_db_award_filter *f,
    int (*fn)(void *arg, const struct svc_db_award *a), void *arg,
    struct svc_err *e);
int svc_sq_objection_add(struct svc_db *db, long long award,
    const char *reason, const char *on, const char *who, long long *id,
    struct svc_err *e);
int svc_sq_objection_get(struct svc_db *db, long long id, long long *award,
    int *decided, struct svc_err *e);
int svc_sq_objection_decide(struct svc_db *db, long long id,
    long long award, const char *outcome, const char *on, const char *who,
    struct svc_err *e);

#endif
