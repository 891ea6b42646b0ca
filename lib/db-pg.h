/*
 * db-pg: what the files of the PostgreSQL backend (lib/db-pg*.c) share
 * beyond db-backend.h. No other file includes it: the rest of svc sees
 * storage through db.h only.
 */
#ifndef SVC_DB_PG_H
#define SVC_DB_PG_H

#include <libpq-fe.h>

#include "db.h"

/*
 * libpq's functions as the backend calls them (svc_pq.PQexec(...)),
 * opened by svc_db_pg_load, not linked: libpq brings libssl, libcrypto,
 * Kerberos and LDAP, whose loading made every tool's start-up five times
 * as long (svc-log --help 2.1 -> 10 ms, and each add with it) for the
 * ledgers on SQLite too. The prototypes are libpq-fe.h's; the soname is
 * its ABI (libpq5).
 */
#define SVC_PQ_SONAME "libpq.so.5"
struct svc_pq {
	int loaded;
	void (*PQclear)(PGresult *res);
	char *(*PQcmdStatus)(PGresult *res);
	char *(*PQcmdTuples)(PGresult *res);
	PGconn *(*PQconnectdb)(const char *conninfo);
	char *(*PQerrorMessage)(const PGconn *conn);
	PGresult *(*PQexec)(PGconn *conn, const char *query);
	PGresult *(*PQexecParams)(PGconn *conn, const char *command,
	    int nParams, const Oid *paramTypes,
	    const char *const *paramValues, const int *paramLengths,
	    const int *paramFormats, int resultFormat);
	void (*PQfinish)(PGconn *conn);
	PGresult *(*PQgetResult)(PGconn *conn);
	int (*PQgetisnull)(const PGresult *res, int tup_num, int field_num);
	char *(*PQgetvalue)(const PGresult *res, int tup_num, int field_num);
	int (*PQntuples)(const PGresult *res);
	int (*PQputCopyData)(PGconn *conn, const char *buffer, int nbytes);
	int (*PQputCopyEnd)(PGconn *conn, const char *errormsg);
	char *(*PQresultErrorField)(const PGresult *res, int fieldcode);
	char *(*PQresultErrorMessage)(const PGresult *res);
	ExecStatusType (*PQresultStatus)(const PGresult *res);
	PQnoticeProcessor (*PQsetNoticeProcessor)(PGconn *conn,
	    PQnoticeProcessor proc, void *arg);
	ConnStatusType (*PQstatus)(const PGconn *conn);
	PGTransactionStatusType (*PQtransactionStatus)(const PGconn *conn);
};
extern struct svc_pq svc_pq;

/* Opens libpq once: 0, or -1 with e naming what is missing (where: the
 * ledger's name). */
int svc_db_pg_load(const char *where, struct svc_err *e);

/*
 * A statement's parameters, in text as libpq sends them: strings
 * borrowed, numbers written into buf. Zero it, then add in order.
 */
struct svc_pg_params {
	int n;
	const char *v[24];
	char buf[24][32];
};

void svc_pg_text(struct svc_pg_params *ps, const char *s);  /* NULL: NULL */
void svc_pg_opt(struct svc_pg_params *ps, const char *s);   /* "": NULL */
void svc_pg_ll(struct svc_pg_params *ps, long long x);
void svc_pg_double(struct svc_pg_params *ps, double x);	/* exact */

/* Row row's column c: the text ("" for NULL, borrowed from r), or the
 * number (0 for NULL). */
const char *svc_pg_col(const PGresult *r, int row, int c);
long long svc_pg_ll_col(const PGresult *r, int row, int c);
double svc_pg_double_col(const PGresult *r, int row, int c);

/* Sets e to "what: the server's message", naming the database (r NULL:
 * the connection's message); returns -1. */
int svc_db_pg_err(struct svc_db *db, struct svc_err *e, const PGresult *r,
    const char *what);

/*
 * Runs sql with ps (NULL: none) and returns its result, for the caller
 * to PQclear, or NULL with e set ("what: ...").
 */
PGresult *svc_db_pg_run(struct svc_db *db, const char *sql,
    const struct svc_pg_params *ps, struct svc_err *e, const char *what);

/*
 * Calls row(ctx, r, i) for each row sql gives, in order, fetched through
 * a cursor some thousands at a time (all of a fetch is read before row
 * runs, so row may query db). Inside the caller's transaction, or a
 * read-only one of its own, REPEATABLE READ when snapshot is set. Stops
 * early when row returns nonzero and returns that; -1 with e set.
 */
int svc_db_pg_each(struct svc_db *db, const char *sql,
    const struct svc_pg_params *ps, int snapshot,
    int (*row)(void *ctx, const PGresult *r, int i), void *ctx,
    struct svc_err *e, const char *what);

/*
 * The backend's saved results (lib/db-pg-award.c), as db.h's functions
 * of the same name after svc_db_.
 */
int svc_pg_scores_each(struct svc_db *db, const char *policy,
    int (*fn)(void *arg, const char *period, const struct svc_score *row),
    void *arg, struct svc_err *e);
int svc_pg_award_add(struct svc_db *db, const struct svc_db_award *a,
    long long *id, struct svc_err *e);
int svc_pg_award_post(struct svc_db *db, long long id, const char *from,
    const char *until, const char *payable, struct svc_err *e);
int svc_pg_award_status_add(struct svc_db *db, long long award,
    const char *status, const char *on, const char *who, const char *note,
    struct svc_err *e);
int svc_pg_award_status(struct svc_db *db, long long id, char *status,
    size_t n, struct svc_err *e);
int svc_pg_awards_each(struct svc_db *db, const char *policy,
    const char *period,
    int (*fn)(void *arg, const struct svc_db_award *a), void *arg,
    struct svc_err *e);
int svc_pg_award_last_change(struct svc_db *db, const char *policy,
    const char *period, const char *status, char on[16], char who[64],
    struct svc_err *e);
int svc_pg_award_changes_each(struct svc_db *db,
    const struct svc_db_award_filter *f,
    int (*fn)(void *arg, const struct svc_db_award *a), void *arg,
    struct svc_err *e);
int svc_pg_objection_add(struct svc_db *db, long long award,
    const char *reason, const char *on, const char *who, long long *id,
    struct svc_err *e);
int svc_pg_objection_get(struct svc_db *db, long long id, long long *award,
    int *decided, struct svc_err *e);
int svc_pg_objection_decide(struct svc_db *db, long long id,
    long long award, const char *outcome, const char *on, const char *who,
    struct svc_err *e);

#endif
