/*
 * db-sqlite-wait: the SQLite side of work orders' waits on their
 * customers (table work_order_wait, schema 9), in one place.
 */
#include <sqlite3.h>
#include <stddef.h>
#include <time.h>

#include "db-sqlite.h"

int
svc_sq_order_wait(struct svc_db *db, long long order, time_t t,
    const char *reason, struct svc_err *e)
{
	const char *sql = reason != NULL ?
	    "INSERT INTO work_order_wait(work_order, began, reason)"
	    " VALUES (?1, ?2, ?3)" :
	    "UPDATE work_order_wait SET ended = max(?2, began)"
	    " WHERE work_order = ?1 AND ended IS NULL";
	const char *what = reason != NULL ? "cannot store the wait" :
	    "cannot end the wait";
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(svc_db_sqlite(db), sql, -1, &st, NULL) !=
	    SQLITE_OK)
		return svc_db_sqlite_err(db, e, what);
	sqlite3_bind_int64(st, 1, order);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)t);
	if (reason != NULL)
		sqlite3_bind_text(st, 3, reason, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return svc_db_sqlite_err(db, e, what);
	return 0;
}

int
svc_sq_order_waits_each(struct svc_db *db, long long order,
    int (*fn)(void *arg, const struct svc_order_wait *w), void *arg,
    struct svc_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = SQLITE_DONE, stop = 0;

	if (sqlite3_prepare_v2(svc_db_sqlite(db), "SELECT work_order, began,"
	    " coalesce(ended, 0), reason FROM work_order_wait"
	    " WHERE ?1 = 0 OR work_order = ?1 ORDER BY work_order, began, id",
	    -1, &st, NULL) != SQLITE_OK)
		return svc_db_sqlite_err(db, e, "cannot read waits");
	sqlite3_bind_int64(st, 1, order);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct svc_order_wait w;

		w.order = sqlite3_column_int64(st, 0);
		w.began = (time_t)sqlite3_column_int64(st, 1);
		w.ended = (time_t)sqlite3_column_int64(st, 2);
		w.reason = (const char *)sqlite3_column_text(st, 3);
		stop = fn(arg, &w);
	}
	return svc_db_sqlite_each_end(db, st, rc, stop, e,
	    "cannot read waits");
}
