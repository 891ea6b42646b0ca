/*
 * db: the ledger's storage, as domain operations: people, customers,
 * events, batches, one import session, work orders, saved scores, saved
 * awards and their posting. Every SQL statement of svc lives behind this
 * header, with bound parameters only, so that a second backend is an
 * addition rather than a rewrite: the rules (what may change when) are
 * the callers', the storage only stores and reads, and nothing here
 * names the backend's types. lib/db.c picks the backend and holds what
 * every backend does alike (lib/db-backend.h). The SQLite backend is
 * lib/db-sqlite.c (connection, schema, events, orders, scores saved) and
 * lib/db-sqlite-award.c (saved scores read back, awards), sharing
 * lib/db-sqlite.h; the PostgreSQL backend is lib/db-pg.c and
 * lib/db-pg-award.c, sharing lib/db-pg.h. No other file includes
 * sqlite3.h or libpq-fe.h.
 *
 * SQLite setup: SQLite's own VFS, WAL, synchronous FULL, busy_timeout
 * 10 s, foreign keys on, STRICT tables (SQLite 3.37+), the schema
 * versioned by user_version and migrated forward on open. Every write
 * runs between svc_db_begin (BEGIN IMMEDIATE, so concurrent writers
 * queue instead of failing) and svc_db_commit; anything else rolls
 * back.
 *
 * PostgreSQL (a --db value starting with postgresql:// or postgres://):
 * the same schema and version (in the table svc_meta), the same results
 * byte for byte; svc_db_begin locks svc_meta against other writers as
 * BEGIN IMMEDIATE does (lib/db-pg.c says how the rest matches SQLite).
 */
#ifndef SVC_DB_H
#define SVC_DB_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "err.h"

struct svc_db;

/* The schema version this build writes. */
#define SVC_DB_VERSION 11

/*
 * What marks a file as an svc ledger: its SQLite application_id, "SVC1".
 * A ledger from before the mark (application_id 0, schema version 1 or
 * later, svc's tables) is still one, and is marked by its next migration.
 */
#define SVC_DB_APPLICATION_ID 0x53564331

/*
 * The SQL of SQLite's migration step from schema version from to from +
 * 1, or NULL past the last: for tests that build a ledger as an older
 * svc did. (PostgreSQL's steps: db-backend.h.)
 */
const char *svc_db_migration(int from);

enum svc_db_mode {
	SVC_DB_EXISTING = 0,	/* refuse a missing file */
	SVC_DB_CREATE		/* create it (mode 0660 less the umask) */
};

/*
 * Opens the ledger at path (a file, or a PostgreSQL connection string:
 * db-backend.h), creating it if mode says so, and migrates the schema
 * forward. A PostgreSQL ledger is created in an existing database whose
 * schema holds no table, and anything else there is refused alike. Only an svc ledger is opened: any other file (an
 * empty one, one that is not SQLite, another program's database) is
 * refused before anything is written to it, and is left byte for byte as
 * it was. SVC_DB_CREATE creates a ledger in a file that does not exist
 * or is empty (0 bytes). Returns a handle the caller closes with
 * svc_db_close, or NULL with e naming the file.
 */
struct svc_db *svc_db_open(const char *path, enum svc_db_mode mode,
    struct svc_err *e);
void svc_db_close(struct svc_db *db);

/*
 * Copies what this connection committed from the write-ahead log into
 * the ledger file, as SQLite does on its own after large commits and
 * when the last connection closes, but keeping the outcome, which SQLite
 * drops. Returns NULL, or a warning for cmd/ to print (a full disk could
 * not take the pages the ledger grows by): the commits stand, safe in the
 * -wal file, and a later command copies them. The text is owned by db;
 * the same warning is kept from a failed copy after a large commit.
 * PostgreSQL has no such step: NULL.
 */
const char *svc_db_checkpoint(struct svc_db *db);

/* The schema version found in the file when it was opened (0 if new). */
int svc_db_found_version(const struct svc_db *db);

/*
 * BEGIN IMMEDIATE, waiting for other writers (busy timeout, then a few
 * retries). Returns 0, or -1 with e set ("database is busy").
 */
int svc_db_begin(struct svc_db *db, struct svc_err *e);
int svc_db_commit(struct svc_db *db, struct svc_err *e);
void svc_db_rollback(struct svc_db *db);

/*
 * The stream a command's results go to (its stdout), or NULL (the
 * default) for none. From then on svc_db_commit flushes it before
 * COMMIT and, when the write failed (a full disk, /dev/full, a closed
 * pipe), rolls back and fails with "write error on standard output":
 * a command writes its results before it commits, so exit status 1
 * always means nothing was written. out is borrowed.
 */
void svc_db_output(struct svc_db *db, FILE *out);

/*
 * A command's report of its write, written inside the write: from then
 * on svc_db_commit calls fn(arg, e) first, once the transaction's rows
 * are in and before the svc_db_output stream is flushed and COMMIT runs.
 * fn writes the results (the new id, the rows saved) to that stream and
 * returns 0, or -1 with e set, which rolls the transaction back. A write
 * that fails before its commit (bad data, a busy database) never calls
 * fn, so its results are not written either. NULL (the default): none.
 * arg is borrowed.
 */
void svc_db_report(struct svc_db *db,
    int (*fn)(void *arg, struct svc_err *e), void *arg);

/* The ledger's name for messages: the file, or the connection string
 * without its password. Borrowed for the life of db. */
const char *svc_db_path(const struct svc_db *db);

/* People and customers. Strings are borrowed (insert) or owned by the
 * struct and freed by the matching release (get). */
struct svc_staff {
	char *id, *name, *dept, *position, *unit, *supervisor, *leader;
	int active;
};

/*
 * A customer's archive dates are "" when unknown: birthday (a person's)
 * and founded (a firm's) as "YYYY-MM-DD" or "MM-DD" (year unknown),
 * contract_end as "YYYY-MM-DD". On put, a NULL date keeps what is
 * stored (a customer list without that column), "" clears it.
 */
struct svc_customer {
	char *id, *name, *tier, *contact, *owner;
	char *birthday, *founded, *contract_end;
};

/* One of a customer's contacts (svc-log contacts); birthday as above. */
struct svc_contact {
	char *customer, *name, *role, *phone, *birthday;
};

/* Inserts or replaces by id; "" supervisor/leader/owner are stored as
 * NULL. Inside a transaction. */
int svc_db_staff_put(struct svc_db *db, const struct svc_staff *s,
    struct svc_err *e);
int svc_db_customer_put(struct svc_db *db, const struct svc_customer *c,
    struct svc_err *e);

/* 1 and *s filled (caller releases), 0 when absent, -1 on error. */
int svc_db_staff_get(struct svc_db *db, const char *id, struct svc_staff *s,
    struct svc_err *e);
void svc_staff_release(struct svc_staff *s);
int svc_db_customer_get(struct svc_db *db, const char *id,
    struct svc_customer *c, struct svc_err *e);
void svc_customer_release(struct svc_customer *c);

/* Calls fn for every staff member (ordered by id) or customer; stops
 * early when fn returns nonzero and returns that value; -1 on error. */
int svc_db_staff_each(struct svc_db *db,
    int (*fn)(void *arg, const struct svc_staff *s), void *arg,
    struct svc_err *e);
int svc_db_customer_each(struct svc_db *db,
    int (*fn)(void *arg, const struct svc_customer *c), void *arg,
    struct svc_err *e);

/*
 * Replaces customer's contacts with v[0..n) (n 0: none left), kept in
 * that order; "" role, phone, birthday are stored as NULL. Inside a
 * transaction; the customer must exist.
 */
int svc_db_contacts_put(struct svc_db *db, const char *customer,
    const struct svc_contact *v, size_t n, struct svc_err *e);

/* Calls fn for every contact, by customer id and then in the order
 * they were put; strings borrowed for the call ("" for NULL). Stops
 * early when fn returns nonzero and returns that value; -1 on error. */
int svc_db_contacts_each(struct svc_db *db,
    int (*fn)(void *arg, const struct svc_contact *c), void *arg,
    struct svc_err *e);

/*
 * An event as stored. On insert, id, ts, logged_by, logged_at and
 * voided_by are ignored (the ledger keeps t, logged and the batch, whose
 * clerk is logged_by), empty strings mean NULL, and value is "" or a
 * number in text. When read back, ts and logged_at are written out in
 * the local zone, every string is non-NULL ("" for NULL) and borrowed
 * for the duration of the callback.
 */
struct svc_event {
	long long id;
	const char *ts;		/* ISO 8601 with offset */
	time_t t;		/* the same instant */
	const char *staff, *kind, *value, *customer, *channel, *dept, *note;
	const char *uid, *logged_by, *logged_at;
	time_t logged;		/* logged_at's instant; stored, 0: now */
	long long void_of;	/* 0 when none */
	long long voided_by;	/* 0 when not voided */
	long long batch;
	const char *late_reason;	/* its batch's (svc-log --late), "" */
	const char *fields;	/* its fields' values, encoded as fields.h
				   says; "" (or NULL, writing) when none */
};

/*
 * Starts a batch (one import run, one `add`, one interactive session) and
 * returns its id, or -1. Inside a transaction.
 */
long long svc_db_batch_new(struct svc_db *db, const char *tool,
    const char *source, const char *user, struct svc_err *e);

/*
 * One import session: the events of one file, stored in one write
 * transaction, the ledger saying what it imports and the storage
 * choosing how (SQLite: reference checks off, the event table's plain
 * indexes dropped once the rows are a good part of the table and rebuilt
 * before the commit, many rows to a statement; PostgreSQL: COPY into a
 * temporary table, then one INSERT ... SELECT of the rows to store).
 *
 *   svc_db_import_begin  before the transaction's svc_db_begin: the
 *                        caller promises to have checked every reference
 *                        it writes (staff, customer, batch) against rows
 *                        it read inside that same transaction, so the
 *                        storage need not check them again;
 *   svc_db_import_rows   inside it, any number of times: stores evs[0..n)
 *                        in order, as svc_db_event_add would one by one,
 *                        adding to *added how many were stored (the others
 *                        had a uid already in the ledger, or earlier in the
 *                        session). Their strings must stay put until it
 *                        returns. For each row not stored, skipped (when
 *                        not NULL) is called with its index in evs and the
 *                        event stored under its uid (borrowed for the
 *                        call); a nonzero return stops with -1, e set by
 *                        skipped. After -1 the transaction must be rolled
 *                        back: some of evs may be in it;
 *   svc_db_import_one    inside it: one row whose id the caller needs
 *                        (to write rows that name it), as
 *                        svc_db_event_add: 1 and *id, 0 when its uid is
 *                        stored, -1;
 *   svc_db_import_end    after the commit or the rollback, always, also
 *                        when begin failed: the storage is as before the
 *                        session. Returns 0, or -1 when it could not be
 *                        restored; then db is not to be written again.
 *
 * Rows written otherwise during the session (svc_db_event_add, orders)
 * are stored as usual. Each returns 0 (or as said) or -1 with e set.
 */
int svc_db_import_begin(struct svc_db *db, struct svc_err *e);
typedef int (*svc_db_skipped_fn)(void *arg, size_t i,
    const struct svc_event *stored, struct svc_err *e);
int svc_db_import_rows(struct svc_db *db, const struct svc_event *evs,
    size_t n, long *added, svc_db_skipped_fn skipped, void *arg,
    struct svc_err *e);
int svc_db_import_one(struct svc_db *db, const struct svc_event *ev,
    long long *id, struct svc_err *e);
int svc_db_import_end(struct svc_db *db, struct svc_err *e);

/*
 * Inserts an event. Returns 1 and *id when added, 0 when its uid is
 * already in the ledger (nothing written), -1 on error. Inside a
 * transaction.
 */
int svc_db_event_add(struct svc_db *db, const struct svc_event *ev,
    long long *id, struct svc_err *e);

/* 1 and *ev filled (strings valid until the next call on db), 0 when no
 * such event, -1 on error. */
int svc_db_event_get(struct svc_db *db, long long id, struct svc_event *ev,
    struct svc_err *e);

/* As svc_db_event_get for the event stored under uid. */
int svc_db_event_by_uid(struct svc_db *db, const char *uid,
    struct svc_event *ev, struct svc_err *e);

struct svc_event_filter {
	int has_range;
	time_t start, end;	/* [start, end) */
	const char *staff, *kind, *dept;	/* NULL: any */
	long long batch;	/* 0: any */
	int active;		/* leave out voided and voiding events */
};

/* Calls fn for each matching event in (t, id) order; stops early when fn
 * returns nonzero and returns that; -1 on error. */
int svc_db_events_each(struct svc_db *db, const struct svc_event_filter *f,
    int (*fn)(void *arg, const struct svc_event *ev), void *arg,
    struct svc_err *e);

/*
 * For scoring: calls fn for each event with t in [start, end), in (t, id)
 * order, voided ones included with voided_by set, like
 * svc_db_events_each but with only id, ts, t, staff, kind, value, note,
 * fields, customer (for [limit.*] match), void_of and voided_by filled
 * (the other strings are ""). Both reads share one
 * snapshot. Stops early when fn returns nonzero and returns that; -1 on
 * error.
 */
int svc_db_events_scan(struct svc_db *db, time_t start, time_t end,
    int (*fn)(void *arg, const struct svc_event *ev), void *arg,
    struct svc_err *e);

/*
 * A work order (工作联系单). Times are kept as given (ISO 8601 with
 * offset) and as instants; due and closed are "" / 0 when not set.
 * closed is when the order left the open states, by closing or
 * cancelling it. revisit is the dissatisfied revisit a follow-up order
 * came from, 0 for any other. On insert, id is ignored and "" means NULL;
 * when read back every string is non-NULL and owned by the struct
 * (svc_order_release).
 */
struct svc_order {
	long long id;
	char *opened;
	time_t opened_t;
	char *customer, *channel, *dept, *matter, *first_asked, *assignee;
	char *due;
	time_t due_t;
	int due_work;		/* the working hours due_t counts from the
				   opening (svc_order_due), or 0 */
	char *status;		/* open, assigned, closed, cancelled */
	char *closed;
	time_t closed_t;
	char *resolution, *reason;	/* of a close, of a cancel */
	long long revisit;
	char *category;		/* [category.CODE] of the policy; "" for a
				   general order */
	char *fields;		/* its category's fields (fields.h's
				   encoding); "" when none */
	char *notified;		/* when the customer was notified (svc-log
				   order notify); "" when not */
	time_t notified_t;
};

void svc_order_release(struct svc_order *o);

/* Inserts a new order; *id gets its id. Inside a transaction. */
int svc_db_order_add(struct svc_db *db, const struct svc_order *o,
    long long *id, struct svc_err *e);

/* Stores o's assignee, dept, status, closed, resolution, reason and
 * notified. Inside a transaction. */
int svc_db_order_update(struct svc_db *db, const struct svc_order *o,
    struct svc_err *e);

/* 1 and *o filled (caller releases), 0 when no such order, -1 on error. */
int svc_db_order_get(struct svc_db *db, long long id, struct svc_order *o,
    struct svc_err *e);

/*
 * The time of staff's latest event of kind whose note begins with
 * prefix, found through the (staff, t) index: 1 and *t (and *id, the
 * event's, when id is not NULL), 0 when there is none, -1 on error.
 */
int svc_db_event_last(struct svc_db *db, const char *staff,
    const char *kind, const char *prefix, time_t *t, long long *id,
    struct svc_err *e);

/* The follow-up order opened by revisit event id: 1 and *o (caller
 * releases), 0 when none, -1 on error. */
int svc_db_order_of_revisit(struct svc_db *db, long long revisit,
    struct svc_order *o, struct svc_err *e);

/* Calls fn for every order in id order, o borrowed for the call; stops
 * early when fn returns nonzero and returns that; -1 on error. */
int svc_db_orders_each(struct svc_db *db,
    int (*fn)(void *arg, const struct svc_order *o), void *arg,
    struct svc_err *e);

/*
 * A time a work order waited on its customer (svc-log order wait): from
 * began until ended, 0 while it lasts; reason as given.
 */
struct svc_order_wait {
	long long order;
	time_t began, ended;
	const char *reason;
};

/*
 * With a reason, begins a wait of order at t (it must have none going
 * on); with reason NULL, ends the wait going on at t (not before it
 * began), if any. Inside a transaction. Returns 0 or -1.
 */
int svc_db_order_wait(struct svc_db *db, long long order, time_t t,
    const char *reason, struct svc_err *e);

/* Calls fn for every wait of order (0: of every order), in (order,
 * began) order, w borrowed for the call; stops early when fn returns
 * nonzero and returns that; -1 on error. */
int svc_db_order_waits_each(struct svc_db *db, long long order,
    int (*fn)(void *arg, const struct svc_order_wait *w), void *arg,
    struct svc_err *e);

/*
 * A staff member's score for a period, as svc-score computes it
 * (score.h) and saves it, and as svc-award reads it back. Declared here,
 * with the other rows the ledger stores, so that storage needs nothing
 * of the scoring module. Strings are borrowed.
 */
struct svc_score {
	const char *staff, *name, *dept, *position, *unit;
	int has_score;		/* 0: no assessment under base = mean */
	double base, deductions, bonuses, joint, score;
	long complaints, praises, events;
	int eligible;
	const char *reason;	/* "" when eligible */
	const char *saved_at;	/* read back: when saved (ISO 8601); else
				   unused */
};

/*
 * Replaces the saved scores of (period, policy name) with rows[0..n),
 * recording the policy file's hash. Inside a transaction. Returns 0 or
 * -1.
 */
int svc_db_scores_save(struct svc_db *db, const char *period,
    const char *policy, const char *hash, const struct svc_score *const *rows,
    size_t n, struct svc_err *e);

/*
 * Calls fn for every saved score of policy (by name), in (period, staff)
 * order: period as saved, row's strings borrowed for the call. Stops
 * early when fn returns nonzero and returns that; -1 on error.
 */
int svc_db_scores_each(struct svc_db *db, const char *policy,
    int (*fn)(void *arg, const char *period, const struct svc_score *row),
    void *arg, struct svc_err *e);

/*
 * Saved awards (svc-award --save) and their posting (公示), as posting.h
 * runs them: an award row is written once (its posting dates filled in
 * once more, by an approval), and every status change and objection's
 * outcome is a row of its own. The rules (which change is allowed when)
 * are posting.c's; these only store and read. Writes are inside a
 * transaction.
 *
 * An award as stored. type is the award module's type name ("tier",
 * "star", "worst", "dismissal"); rank and consecutive are 0 when none;
 * dates are "" when not set (a proposed award). When read back every
 * string is non-NULL and borrowed for the callback, and status is the
 * award's current one (svc_db_award_changes_each: the change's).
 */
struct svc_db_award {
	long long id;
	const char *period, *policy, *policy_hash;
	const char *staff, *name, *dept, *type, *award;
	double amount;
	const char *action;
	int rank, consecutive;
	const char *badge, *reason;
	const char *posted_from, *posted_until, *payable;
	const char *saved_at;	/* when it was saved (insert: given) */
	const char *status;
	const char *changed_on, *changed_by, *note;	/* changes only */
};

/* Inserts a new award (id and status ignored); *id gets its id. */
int svc_db_award_add(struct svc_db *db, const struct svc_db_award *a,
    long long *id, struct svc_err *e);

/* Fills in the posting dates of award id (an approval). */
int svc_db_award_post(struct svc_db *db, long long id, const char *from,
    const char *until, const char *payable, struct svc_err *e);

/* Records a status change of award: on which date, who and why (note,
 * "" for none); the time it was written is now. */
int svc_db_award_status_add(struct svc_db *db, long long award,
    const char *status, const char *on, const char *who, const char *note,
    struct svc_err *e);

/* The current status of award id into status[n]: 1, 0 when there is no
 * such award, -1 on error. */
int svc_db_award_status(struct svc_db *db, long long id, char *status,
    size_t n, struct svc_err *e);

/*
 * Calls fn for every award of policy (by name) and period (NULL: every
 * period), with its current status, in id order. Stops early when fn
 * returns nonzero and returns that; -1 on error.
 */
int svc_db_awards_each(struct svc_db *db, const char *policy,
    const char *period,
    int (*fn)(void *arg, const struct svc_db_award *a), void *arg,
    struct svc_err *e);

/*
 * The latest change to status of an award of (policy, period) that is
 * still in that status: 1 with on[16] (its date) and who[64], 0 when no
 * award is, -1 on error. (For "finalised on D by W".)
 */
int svc_db_award_last_change(struct svc_db *db, const char *policy,
    const char *period, const char *status, char on[16], char who[64],
    struct svc_err *e);

struct svc_db_award_filter {
	const char *policy, *period, *status;	/* NULL: any */
	int history;		/* every change, not only the current */
};

/*
 * Calls fn for each award matching f, in (period, id) order, with its
 * current status and the change that set it; with f->history once per
 * status change, in order. status matches the status that change set
 * (the current one without history). Replaced awards only come when
 * f->status is "replaced" or f->history is set. Stops early when fn
 * returns nonzero and returns that; -1 on error.
 */
int svc_db_award_changes_each(struct svc_db *db,
    const struct svc_db_award_filter *f,
    int (*fn)(void *arg, const struct svc_db_award *a), void *arg,
    struct svc_err *e);

/* Records an objection to award: the reason, the date, who; the time it
 * was written is now. *id gets its id. */
int svc_db_objection_add(struct svc_db *db, long long award,
    const char *reason, const char *on, const char *who, long long *id,
    struct svc_err *e);

/* Objection id: 1 with *award (what it objects to) and *decided (nonzero
 * when it has an outcome), 0 when there is no such objection, -1. */
int svc_db_objection_get(struct svc_db *db, long long id, long long *award,
    int *decided, struct svc_err *e);

/*
 * Records outcome ("upheld", "rejected") on the date on by who: for
 * objection id, or with id 0 for every undecided objection to award. An
 * objection decided already keeps its outcome.
 */
int svc_db_objection_decide(struct svc_db *db, long long id,
    long long award, const char *outcome, const char *on, const char *who,
    struct svc_err *e);

/*
 * Marks batch as logged late, into a paid period, for reason (borrowed).
 * Inside a transaction. Returns 0 or -1.
 */
int svc_db_batch_late(struct svc_db *db, long long batch, const char *reason,
    struct svc_err *e);

/*
 * Calls fn for each period of policy (by name) whose awards were paid
 * (svc-award pay), in period order: the period's name as saved, the
 * as-of date of the payment ("2026-11-03") and the moment it was
 * recorded (ISO 8601 with offset), strings borrowed for the call. Stops
 * early when fn returns nonzero and returns that; -1 on error.
 */
int svc_db_paid_periods(struct svc_db *db, const char *policy,
    int (*fn)(void *arg, const char *period, const char *on,
    const char *at), void *arg, struct svc_err *e);

/*
 * A whole ledger, row by row as stored, for svc-log copy. A cell is NULL
 * or holds an integer, a double or text (borrowed).
 */
enum svc_db_cell_type {
	SVC_DB_NULL = 0, SVC_DB_INT, SVC_DB_REAL, SVC_DB_TEXT
};

struct svc_db_cell {
	enum svc_db_cell_type type;
	long long i;
	double d;
	const char *s;
};

/* The ledger's tables, each after those it refers to; NULL ends it. */
extern const char *const svc_db_tables[];

/*
 * Copies every row of from into to, which must hold none (an empty or
 * just-initialised ledger, on either backend), keeping every id: in one
 * transaction of to, with from's writer lock held so that what is copied
 * is one moment of it. Then reads to back and checks it against what was
 * read: the rows of every table and a checksum of the events. counts
 * gets the rows of each table of svc_db_tables, sum the checksum (FNV-1a
 * 64, hex). Returns 0, or -1 with e set and nothing in to.
 */
int svc_db_copy(struct svc_db *from, struct svc_db *to, long long *counts,
    char sum[17], struct svc_err *e);

#endif
