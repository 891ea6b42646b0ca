/*
 * ledger: what svc-log writes, validated. Rosters and customer lists are
 * upserted from CSV; events come one at a time (add, the interactive loop)
 * or as a whole file (import). Every write is one transaction: a bad
 * record anywhere leaves the database as it was.
 *
 * A dissatisfied revisit (a kind counted as revisit, with follow_up set in
 * the policy, whose value is at or below dissatisfied_max) opens a
 * follow-up work order in the same transaction, and voiding a revisit
 * cancels its follow-up order if that is still open: the ledger decides
 * when, the work-order module (order.h, svc_order_attach) how, through
 * struct svc_ledger_hooks, so that neither module includes the other's
 * header twice round. Work-order transitions ("order.*" events) cannot
 * be voided.
 *
 * Validation of an event: ts is a valid timestamp; staff is in the
 * roster; kind is well formed, not reserved ("void", "order.*"), and with
 * a policy, defined there; value is a number and fits the kind's rule;
 * customer, when given, is in the customer list; channel is a lower-case
 * code; dept defaults to the staff member's department; the fields are
 * those of the kind, each value good for its type (fields.h), a staff or
 * customer field naming one of the roster or customer list, every
 * required one given, and a kind with value_from gets its value from
 * them (given none). No field holds a
 * control character (svc_text_control), but a note may hold TAB and line
 * feeds; the same holds for every cell of a roster or customer list and
 * for a void's reason.
 */
#ifndef SVC_LEDGER_H
#define SVC_LEDGER_H

#include <stdio.h>
#include <time.h>

#include "csvio.h"
#include "fields.h"
#include "db.h"
#include "err.h"
#include "policy.h"
#include "table.h"

/* The events CSV columns, in the order svc-log list writes them. */
enum svc_event_col {
	SVC_EV_ID, SVC_EV_TS, SVC_EV_STAFF, SVC_EV_KIND, SVC_EV_VALUE,
	SVC_EV_CUSTOMER, SVC_EV_CHANNEL, SVC_EV_DEPT, SVC_EV_NOTE, SVC_EV_UID,
	SVC_EV_LOGGED_BY, SVC_EV_LOGGED_AT, SVC_EV_VOID_OF, SVC_EV_VOIDED_BY,
	SVC_EV_BATCH, SVC_EV_LATE_REASON, SVC_EV_FIELDS, SVC_EV_NCOLS
};
extern const struct svc_csv_col svc_event_cols[SVC_EV_NCOLS];

/* An event as a clerk or a file gives it: text fields, NULL or "" empty. */
struct svc_event_in {
	const char *ts;		/* NULL or "": now */
	const char *staff, *kind, *value, *customer, *channel, *dept, *note;
	const char *uid;
	/* the values of its kind's fields (policy.h), as svc-log list
	   writes them all in one (fields.h), and one by one (NAME=VALUE,
	   a field's own column): each field given once in all */
	const char *fields;
	const struct svc_fieldval *fv;
	size_t nfv;
};

struct svc_ledger;

/*
 * A ledger over an open database. policy may be NULL only for a ledger
 * that writes no events of a policy's kinds (voids, work orders):
 * svc_ledger_add and svc_ledger_import refuse to work without one, as a
 * kind no policy defines could not be scored. tool and user are
 * recorded in each batch. Staff and customers
 * are looked up in the database one at a time until svc_ledger_preload.
 * Returns the ledger, or NULL with e set when user holds a control
 * character. The caller keeps db and policy alive and frees with
 * svc_ledger_free.
 */
struct svc_ledger *svc_ledger_new(struct svc_db *db,
    const struct svc_policy *policy, const char *tool, const char *user,
    struct svc_err *e);
void svc_ledger_free(struct svc_ledger *l);

/*
 * What the ledger calls inside its write transaction, for the work
 * orders that hang on events (set by svc_order_attach):
 *   follow_up  after dissatisfied revisit ev is stored as event id (ev
 *              as stored; its strings may be the ledger's own buffers,
 *              to be copied before writing);
 *   voided     after event id is voided with reason.
 * Each returns 0, or -1 with e set, which fails the write. Without hooks
 * an event that needs a follow-up is refused (a program that forgot
 * svc_order_attach must not lose orders silently) and a void calls
 * nothing. hooks is borrowed for the life of l.
 */
struct svc_ledger_hooks {
	int (*follow_up)(struct svc_ledger *l, const struct svc_event *ev,
	    long long id, struct svc_err *e);
	int (*voided)(struct svc_ledger *l, long long id, const char *reason,
	    struct svc_err *e);
};
void svc_ledger_set_hooks(struct svc_ledger *l,
    const struct svc_ledger_hooks *hooks);

/*
 * Loads the whole roster and customer list, for many checks (an import,
 * the interactive loop) and for svc_ledger_staff_all; a single add is
 * faster without it. Loading twice does nothing. Returns 0 or -1.
 */
int svc_ledger_preload(struct svc_ledger *l, struct svc_err *e);

/*
 * Validates an event without writing it. On error e->field names the
 * field (file and line are left to the caller). Returns 0 or -1.
 */
int svc_ledger_check(struct svc_ledger *l, const struct svc_event_in *in,
    struct svc_err *e);

/* Name, department and position of a staff member, or NULL (also on a
 * database error). Borrowed until the next call on l. */
const struct svc_staff *svc_ledger_staff(struct svc_ledger *l,
    const char *id);

/*
 * "Did you mean" for a staff id not in the roster: when it is a name,
 * that person's id ("'张三' is a name: did you mean G003 (张三)?"), else
 * the closest id (svc_suggest_offer, in id order: "did you mean
 * 'G003'?"). NULL when nothing is close, and on a database error, the
 * hint being a courtesy to the error it follows. Caller frees.
 */
char *svc_ledger_staff_hint(struct svc_ledger *l, const char *typed);

/* Every staff member, in id order, for completion; *n set. Borrowed.
 * Empty unless svc_ledger_preload ran. */
const struct svc_staff *svc_ledger_staff_all(const struct svc_ledger *l,
    size_t *n);

/*
 * Closed periods: an event dated inside a period whose awards were paid
 * (svc_db_paid_periods, the ledger's policy) is refused by
 * svc_ledger_add and svc_ledger_import (field ts, naming the period and
 * the day it was paid) unless a late reason is set: then it is stored
 * and its batch marked late with reason. reason is borrowed for the life
 * of l. Returns 0, or -1 with e set (field --reason) when reason holds a
 * control character.
 */
int svc_ledger_set_late(struct svc_ledger *l, const char *reason,
    struct svc_err *e);

/*
 * A preview of the closed-period rule for an event at t, for a clerk who
 * is still typing it: 0 when no paid period holds t; 1 when one does,
 * with e saying so as svc_ledger_add would refuse it (field ts), or, with
 * a late reason set, that it will be logged late. -1 with e set on a
 * database error. It reads outside any transaction: svc_ledger_add
 * decides again inside its own.
 */
int svc_ledger_closed(struct svc_ledger *l, time_t t, struct svc_err *e);

/*
 * Validates and stores one event in its own transaction (and batch,
 * unless an earlier add of this ledger started one: an interactive
 * session is one batch). Returns 1 with *id, 0 if its uid was already
 * in the ledger with the same content (the same instant, staff, kind,
 * value as a number, customer, channel, department and note; nothing
 * written, not even a batch), -1 with e set, also when the uid is
 * stored with other content (field uid).
 *
 * Results inside the write: this function and svc_ledger_void and
 * svc_ledger_void_batch set their result (*id, *void_id, *n) before they
 * commit, so that a report the caller set with svc_db_report on the
 * ledger's database writes it inside the transaction; when that report
 * or its stream fails (svc_db_output), nothing is stored and -1 is
 * returned. Only a write that stores something commits and reports.
 */
int svc_ledger_add(struct svc_ledger *l, const struct svc_event_in *in,
    long long *id, struct svc_err *e);

/*
 * Imports an events CSV (columns ts, staff, kind required; value,
 * customer, channel, dept, note, uid optional, and the other columns of
 * svc_ledger_list) in one transaction: all of it or, on the first bad
 * record, none of it (e names file:line:field). A list's voids carry
 * over: a row of kind void whose void_of is the id of a row of the file
 * marked voided_by voids that row (its note the reason, its ts the
 * void's), and a row marked voided_by that no void row names is voided
 * at the import's moment with a reason naming its voiding event in the
 * file; an event already voided in the ledger stays as it is. logged_by,
 * logged_at, batch and late_reason are not read.
 * Events whose uid is already stored, or repeated in the file, with the
 * same content (as svc_ledger_add) are skipped and counted; with other
 * content they are bad records, naming the stored event or the earlier
 * line. A file that adds no event (a header alone, every uid known)
 * writes nothing, not even a batch.
 */
int svc_ledger_import(struct svc_ledger *l, const char *path,
    const struct svc_csv_opts *opts, long *added, long *skipped,
    struct svc_err *e);

/*
 * The alerts (svc-policy(5) alert: a visitor's temperature at or above
 * 37.3) met by what l last stored: after a svc_ledger_add that stored
 * its event, 1 when the event meets one, and *said (when not NULL) the
 * alerts met, one a line without its line end, with the event's value
 * ("temperature 37.6 >= 37.3"); after a svc_ledger_import that stored
 * its file, how many of the events it stored meet one (*said ""). 0 and
 * "" otherwise. *said is borrowed until the next call on l.
 */
long svc_ledger_alerts(const struct svc_ledger *l, const char **said);

/*
 * The alerts the event of kind code kind that svc_ledger_add last stored
 * meets, worded for whoever logs it, appended to out one a line, each
 * ending in a line end: "alert: temperature 37.6 >= 37.3 (访客)", the
 * kind's label (its code when it has none). Returns how many; 0 (out
 * untouched) when it meets none or kind is not l's policy's. The caller
 * owns out.
 */
size_t svc_ledger_alert_lines(struct svc_ledger *l, const char *kind,
    struct svc_buf *out);

/*
 * Reads the files of later imports through the mapping rules m
 * (sheetmap.h), borrowed for the life of l; NULL: none.
 */
struct svc_map;
void svc_ledger_set_map(struct svc_ledger *l, struct svc_map *m);

/* What an import would do, from svc_ledger_dry_run. */
struct svc_dry_count {
	char *key;		/* a kind code, or a staff id */
	long n;
};
struct svc_dry {
	long rows;		/* records read */
	long would_add;		/* events that would be stored */
	long known;		/* uid already in the ledger, same content */
	struct svc_dry_count *kinds, *staff;	/* of would_add, sorted by
						   key */
	size_t nkinds, nstaff;
	struct svc_err *errs;	/* the first max_errs errors, in file
				   order, each placed */
	size_t nerrs;
	long all_errs;		/* errors in all */
};

/*
 * Reads, maps and checks the events file at path as svc_ledger_import
 * would, through every record, and writes nothing: a bad record is
 * counted (the first max_errs kept in d) and the reading goes on, until
 * the file itself cannot be read further (then that error ends the
 * list). A uid already stored with other content is an error, with the
 * same content counted in d->known; so is a uid repeated in the file,
 * counted in d->known after its first row when the content is the same. Returns 0 (d filled; the caller releases
 * it with svc_dry_release), or -1 with e set when the file cannot be
 * opened or its header is bad, or on a database error.
 */
int svc_ledger_dry_run(struct svc_ledger *l, const char *path,
    const struct svc_csv_opts *opts, size_t max_errs, struct svc_dry *d,
    struct svc_err *e);
void svc_dry_release(struct svc_dry *d);

/*
 * What a dry run found, as svc-log import --dry-run shows it on standard
 * output, appended to out: the counts line ("dry run: 3 rows read, ...
 * 0 errors"), then when anything would be stored a "by kind:" and a "by
 * staff:" table, one aligned line each ("  G003 张三     2"), a staff
 * id followed by its name from l's roster; text shown safe (svc_visible).
 * d's errors are left to the caller. The caller owns out.
 */
void svc_dry_summary(struct svc_ledger *l, const struct svc_dry *d,
    struct svc_buf *out);

/*
 * Voids event id with a voiding event carrying the reason. Refuses an
 * unknown id, a voiding event, and an event already voided. *void_id gets
 * the new event's id.
 */
int svc_ledger_void(struct svc_ledger *l, long long id, const char *reason,
    long long *void_id, struct svc_err *e);

/* Voids every still-valid event of a batch in one transaction; *n gets
 * how many. Refuses a batch with nothing left to void. */
int svc_ledger_void_batch(struct svc_ledger *l, long long batch,
    const char *reason, long *n, struct svc_err *e);

/*
 * Upserts a roster CSV (id, name required; dept, position, unit,
 * supervisor, leader, active optional) or a customer CSV (id, name
 * required; tier, contact, owner optional) in one transaction. A
 * supervisor, leader or owner must be a staff id in the file or the
 * database. *n gets the number of rows.
 */
int svc_ledger_roster(struct svc_db *db, const char *path,
    const struct svc_csv_opts *opts, long *n, struct svc_err *e);
int svc_ledger_customers(struct svc_db *db, const char *path,
    const struct svc_csv_opts *opts, long *n, struct svc_err *e);

/*
 * A customer CSV may also carry the archive's dates (db.h): birthday and
 * founded ("YYYY-MM-DD" or "MM-DD"), contract_end ("YYYY-MM-DD"); a
 * column the file lacks leaves the stored dates as they are.
 *
 * Loads a contacts CSV (customer, name required; role, phone, birthday
 * optional) in one transaction: every customer the file names gets the
 * file's contacts for it, in file order, in place of those it had;
 * other customers keep theirs. A row of the customer alone (every
 * other cell empty) names it with no contact, so a file can leave a
 * customer none. A customer must be in the database; a name twice for
 * one customer is refused. *n gets the number of contacts stored.
 */
int svc_ledger_contacts(struct svc_db *db, const char *path,
    const struct svc_csv_opts *opts, long *n, struct svc_err *e);

/*
 * Streams a roster CSV (the roster columns above) to fn without touching
 * a database; fn's staff is borrowed for the call. Stops at the first
 * error (e names file:line:field) or when fn returns nonzero. Returns 0
 * or -1.
 */
int svc_ledger_read_roster(const char *path, const struct svc_csv_opts *opts,
    void (*fn)(void *arg, const struct svc_staff *st), void *arg,
    struct svc_err *e);

/*
 * Streams an events CSV (the svc-log list columns; ts, staff and kind
 * required, the rest optional, and a column per field name of p's kinds,
 * p NULL: none) to fn as events with the file's name (as in messages;
 * borrowed) and the line each starts on. A row's fields (its fields
 * column and its field columns) are checked against its kind in p and
 * passed encoded (fields.h), with the value a kind's value_from gives
 * them when the row has none. A row whose voided_by is set is passed
 * with voided_by set, so the consumer can skip it. When fn fails with
 * e->field set and no place, the place is filled in. Returns 0 or -1.
 */
int svc_ledger_read_events(const char *path, const struct svc_csv_opts *opts,
    const struct svc_policy *p,
    int (*fn)(void *arg, const struct svc_event *ev, const char *file,
    long line, struct svc_err *e), void *arg, struct svc_err *e);

/*
 * For modules that write the ledger's own events (lib/order.c) along
 * with their own rows, in one transaction: svc_ledger_begin starts it
 * (and the batch), svc_ledger_own_event validates and stores an event of
 * a reserved kind ("order.*") inside it, and svc_ledger_commit or
 * svc_ledger_rollback ends it. Return 0 (own_event: 0 and *id) or -1
 * with e set; a failed commit has rolled back.
 */
int svc_ledger_begin(struct svc_ledger *l, const char *source,
    struct svc_err *e);
int svc_ledger_own_event(struct svc_ledger *l, const struct svc_event_in *in,
    long long *id, struct svc_err *e);
int svc_ledger_commit(struct svc_ledger *l, struct svc_err *e);
void svc_ledger_rollback(struct svc_ledger *l);

/* 1 if id is in the customer list, 0 if not, -1 on a database error. */
int svc_ledger_customer(struct svc_ledger *l, const char *id,
    struct svc_err *e);

/* The database and policy (NULL if none) the ledger writes under. */
struct svc_db *svc_ledger_db(const struct svc_ledger *l);
const struct svc_policy *svc_ledger_policy(const struct svc_ledger *l);

/* Writes p's kinds as CSV: kind,label,counts_as,points,escalation, with
 * points "value" or "-value" where the event's value is the points. */
void svc_ledger_kinds(const struct svc_policy *p, struct svc_csv_writer *w);

/*
 * Writes the events matching f as CSV (header first): the columns of
 * svc_event_cols, then one per field the kinds of p (NULL: none) declare
 * (svc_fields_columns), named after it, holding the event's value of it
 * as svc_fields_split gives it (numbers as their text, a time as an
 * event's ts), empty when the event does not carry it. The fields column
 * keeps them all, so that a list reads back into a ledger of any policy;
 * an import takes both when they agree.
 */
int svc_ledger_list(struct svc_db *db, const struct svc_policy *p,
    const struct svc_event_filter *f, struct svc_csv_writer *w,
    struct svc_err *e);

/*
 * The events matching f as a table appended to d, the same columns as
 * svc_ledger_list under p, typed for a workbook (xlsx.h): ids text,
 * value a number, ts and logged_at dates, a field's column numbers when
 * every kind declaring it declares a number or money, dates when a date
 * or a time, else text. Returns 0 or -1.
 */
int svc_ledger_list_table(struct svc_db *db, const struct svc_policy *p,
    const struct svc_event_filter *f, struct svc_doc *d, struct svc_err *e);

/*
 * The events matching f as a table for people (svc-log list at a
 * terminal), appended to d: the event's id, its time in the reader's zone
 * to the minute, the staff member's id and name (from the roster), the
 * kind's label in p (its code when p is NULL or gives no label), value,
 * customer, note, and a mark: "voided #N" on an event voided by N, "voids
 * #N" on the one voiding N. Returns 0 or -1.
 */
int svc_ledger_list_view(struct svc_db *db, const struct svc_policy *p,
    const struct svc_event_filter *f, struct svc_doc *d, struct svc_err *e);

#endif
