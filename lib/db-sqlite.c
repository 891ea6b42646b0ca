#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "db-backend.h"
#include "db-sqlite.h"
#include "period.h"
#include "util.h"

#define PAGE_SIZE_NEW	"16384"	/* bytes, for a new ledger */
#define SORT_THREADS	4	/* at most, helping rebuild indexes */

/*
 * An import session looks at dropping the indexes at every power of two
 * rows and every BULK_STEP rows after; it keeps the index on t while
 * fewer than one row in LATE_SHARE (and LATE_SLACK more) came later than
 * a row after it.
 */
#define BULK_STEP	65536
#define LATE_SHARE	64
#define LATE_SLACK	64

/*
 * Rows whose uids come in no order (as many late as LATE_SHARE says)
 * insert all over the uid index, which no import drops: with SQLite's
 * 2 MB page cache, a million of them read and spilled a page each (8.4 s
 * against 3.6 s with the index in memory). Such a session sizes the
 * cache to hold that index, UID_ENTRY bytes a row more than its uid and
 * a half more for pages part full, up to IMPORT_CACHE_KIB.
 */
#define UID_ENTRY	12
#define IMPORT_CACHE_KIB	(256 * 1024)

/* Prepared statements, kept for the life of the handle: imports insert
 * a million rows through the same few statements. */
enum stmt {
	ST_STAFF_PUT, ST_STAFF_GET, ST_STAFF_ALL,
	ST_CUST_PUT, ST_CUST_GET, ST_CUST_ALL,
	ST_CONTACT_DEL, ST_CONTACT_ADD, ST_CONTACT_ALL,
	ST_BATCH_NEW, ST_EVENT_ADD, ST_EVENT_GET, ST_EVENT_UID,
	ST_ORDER_ADD, ST_ORDER_UPDATE, ST_ORDER_GET, ST_ORDER_REVISIT,
	ST_ORDER_ALL,
	ST_COUNT
};

/* An event's columns, as bind_event binds them. */
#define EVENT_INTO \
	" INTO event(t, staff, kind, value, customer, channel, dept," \
	" note, uid, logged, void_of, batch, fields)"
#define EVENT_INSERT	"INSERT" EVENT_INTO
#define EVENT_QS	"?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
#define EVENT_PARAMS	13

/*
 * An event as read back (event_fill's columns): its ts and logged_at are
 * written out from t and logged, its logged_by is its batch's.
 */
#define EVENT_COLS \
	"SELECT e.id, e.t, e.staff, e.kind, e.value, e.customer, e.channel," \
	" e.dept, e.note, e.uid, b.logged_by, e.logged, e.void_of, v.id," \
	" e.batch, b.late_reason, e.fields FROM event e" \
	" JOIN batch b ON b.id = e.batch" \
	" LEFT JOIN event v ON v.void_of = e.id"

#define ORDER_COLS \
	"SELECT id, opened, opened_t, customer, channel, dept, matter," \
	" first_asked, assignee, due, due_t, status, closed, closed_t," \
	" resolution, reason, revisit, category, fields, notified," \
	" notified_t, due_work FROM work_order"

static const char *const stmt_sql[ST_COUNT] = {
	[ST_STAFF_PUT] =
	    "INSERT INTO staff(id, name, dept, position, unit, supervisor,"
	    " leader, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
	    " ON CONFLICT(id) DO UPDATE SET name = ?2, dept = ?3,"
	    " position = ?4, unit = ?5, supervisor = ?6, leader = ?7,"
	    " active = ?8",
	[ST_STAFF_GET] =
	    "SELECT id, name, dept, position, unit, supervisor, leader, active"
	    " FROM staff WHERE id = ?1",
	[ST_STAFF_ALL] =
	    "SELECT id, name, dept, position, unit, supervisor, leader, active"
	    " FROM staff ORDER BY id",
	/* a NULL date keeps the stored one, "" clears it (db.h) */
	[ST_CUST_PUT] =
	    "INSERT INTO customer(id, name, tier, contact, owner, birthday,"
	    " founded, contract_end) VALUES (?1, ?2, ?3, ?4, ?5,"
	    " nullif(?6, ''), nullif(?7, ''), nullif(?8, ''))"
	    " ON CONFLICT(id) DO UPDATE SET"
	    " name = ?2, tier = ?3, contact = ?4, owner = ?5,"
	    " birthday = CASE WHEN ?6 IS NULL THEN birthday"
	    "  ELSE nullif(?6, '') END,"
	    " founded = CASE WHEN ?7 IS NULL THEN founded"
	    "  ELSE nullif(?7, '') END,"
	    " contract_end = CASE WHEN ?8 IS NULL THEN contract_end"
	    "  ELSE nullif(?8, '') END",
	[ST_CUST_GET] =
	    "SELECT id, name, tier, contact, owner, birthday, founded,"
	    " contract_end FROM customer WHERE id = ?1",
	[ST_CUST_ALL] =
	    "SELECT id, name, tier, contact, owner, birthday, founded,"
	    " contract_end FROM customer ORDER BY id",
	[ST_CONTACT_DEL] = "DELETE FROM customer_contact WHERE customer = ?1",
	[ST_CONTACT_ADD] =
	    "INSERT INTO customer_contact(customer, seq, name, role, phone,"
	    " birthday) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[ST_CONTACT_ALL] =
	    "SELECT customer, name, role, phone, birthday FROM"
	    " customer_contact ORDER BY customer, seq",
	[ST_BATCH_NEW] =
	    "INSERT INTO batch(started, tool, source, logged_by, after)"
	    " VALUES (?1, ?2, ?3, ?4,"
	    " (SELECT coalesce(max(id), 0) FROM event))",
	[ST_EVENT_ADD] = EVENT_INSERT " VALUES (" EVENT_QS ")"
	    " ON CONFLICT(uid) DO NOTHING",
	[ST_EVENT_GET] = EVENT_COLS " WHERE e.id = ?1",
	[ST_EVENT_UID] = EVENT_COLS " WHERE e.uid = ?1",
	[ST_ORDER_ADD] =
	    "INSERT INTO work_order(opened, opened_t, customer, channel, dept,"
	    " matter, first_asked, assignee, due, due_t, status, closed,"
	    " closed_t, resolution, reason, revisit, category, fields,"
	    " due_work) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
	    " ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
	[ST_ORDER_UPDATE] =
	    "UPDATE work_order SET assignee = ?2, dept = ?3, status = ?4,"
	    " closed = ?5, closed_t = ?6, resolution = ?7, reason = ?8,"
	    " notified = ?9, notified_t = ?10 WHERE id = ?1",
	[ST_ORDER_GET] = ORDER_COLS " WHERE id = ?1",
	[ST_ORDER_REVISIT] = ORDER_COLS " WHERE revisit = ?1",
	[ST_ORDER_ALL] = ORDER_COLS " ORDER BY id",
};

/* The SQLite backend's handle: db-backend.h's head, then its own. */
struct sq_db {
	struct svc_db base;
	sqlite3 *h;
	sqlite3_stmt *st[ST_COUNT];
	sqlite3_stmt *many;	/* svc_db_event_add_many's */
	sqlite3_stmt *put;	/* svc_sq_row_put's, for put_table */
	const char *put_table;
	struct svc_buf row;	/* svc_db_event_get's strings */
	char now[32];
	char num[32];		/* an event's value as text */
	char ts[32], logged[32];	/* an event's times as text */
	struct svc_buf bulk;	/* dropped indexes' CREATE statements, each
				   NUL-terminated; len 0: none */
	struct svc_buf uid;	/* the import session's last uid */
	struct {
		int on;		/* between import_begin and import_end */
		long long had;	/* the ledger's events before; -1: not read */
		long rows, late;	/* rows stored; those before a later one */
		time_t last;	/* the latest instant so far */
		int dropped, keep_time;
		long uids, uid_late;	/* rows with a uid; those out of order */
		long long uid_bytes;	/* their uids' length */
		int cache_kib;	/* the page cache it set; 0: none */
		int cache_was;	/* the connection's own (PRAGMA cache_size) */
		long long was_kib;	/* the same in KiB */
	} imp;			/* the import session */
	int committed;		/* this connection wrote to the WAL */
	char warning[512];	/* a checkpoint that failed; "" if none */
};

static struct sq_db *
sq(struct svc_db *db)
{
	return (struct sq_db *)db;
}

/*
 * Forward migrations: step i brings user_version from i to i + 1. A step
 * is never edited once released; a new version appends a step.
 */
static const char *const migrations[] = {
	/* 0 -> 1: the ledger */
	"CREATE TABLE staff ("
	"  id TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  dept TEXT NOT NULL DEFAULT '',"
	"  position TEXT NOT NULL DEFAULT '',"
	"  unit TEXT NOT NULL DEFAULT '',"
	"  supervisor TEXT,"
	"  leader TEXT,"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))"
	") STRICT;"
	"CREATE TABLE customer ("
	"  id TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  tier TEXT NOT NULL DEFAULT '',"
	"  contact TEXT NOT NULL DEFAULT '',"
	"  owner TEXT"
	") STRICT;"
	"CREATE TABLE batch ("
	"  id INTEGER PRIMARY KEY,"
	"  started TEXT NOT NULL,"
	"  tool TEXT NOT NULL,"
	"  source TEXT NOT NULL,"
	"  logged_by TEXT NOT NULL"
	") STRICT;"
	"CREATE TABLE event ("
	"  id INTEGER PRIMARY KEY,"
	"  ts TEXT NOT NULL,"
	"  t INTEGER NOT NULL,"
	"  staff TEXT NOT NULL REFERENCES staff(id),"
	"  kind TEXT NOT NULL,"
	"  value REAL,"
	"  customer TEXT REFERENCES customer(id),"
	"  channel TEXT,"
	"  dept TEXT,"
	"  note TEXT,"
	"  uid TEXT UNIQUE,"
	"  logged_by TEXT NOT NULL,"
	"  logged_at TEXT NOT NULL,"
	"  void_of INTEGER UNIQUE REFERENCES event(id),"
	"  batch INTEGER NOT NULL REFERENCES batch(id)"
	") STRICT;"
	"CREATE INDEX event_t ON event(t);"
	"CREATE INDEX event_staff_t ON event(staff, t);"
	"CREATE INDEX event_batch ON event(batch);",
	/* 1 -> 2: saved period scores (svc-score --save) */
	"CREATE TABLE score ("
	"  period TEXT NOT NULL,"
	"  policy TEXT NOT NULL,"
	"  policy_hash TEXT NOT NULL,"
	"  staff TEXT NOT NULL REFERENCES staff(id),"
	"  name TEXT NOT NULL, dept TEXT NOT NULL, position TEXT NOT NULL,"
	"  unit TEXT NOT NULL,"
	"  base REAL, deductions REAL NOT NULL, bonuses REAL NOT NULL,"
	"  joint REAL NOT NULL, score REAL,"
	"  complaints INTEGER NOT NULL, praises INTEGER NOT NULL,"
	"  events INTEGER NOT NULL,"
	"  eligible INTEGER NOT NULL CHECK (eligible IN (0, 1)),"
	"  reason TEXT NOT NULL,"
	"  saved_at TEXT NOT NULL,"
	"  PRIMARY KEY (period, policy, staff)"
	") STRICT;",
	/* 2 -> 3: saved awards and their posting (svc-award --save); a
	 * status change or an objection's outcome is a new row */
	"CREATE TABLE award ("
	"  id INTEGER PRIMARY KEY,"
	"  period TEXT NOT NULL,"
	"  policy TEXT NOT NULL,"
	"  policy_hash TEXT NOT NULL,"
	"  staff TEXT NOT NULL REFERENCES staff(id),"
	"  name TEXT NOT NULL, dept TEXT NOT NULL,"
	"  type TEXT NOT NULL"
	"   CHECK (type IN ('tier', 'star', 'worst', 'dismissal')),"
	"  award TEXT NOT NULL,"
	"  amount REAL NOT NULL,"
	"  action TEXT NOT NULL,"
	"  rank INTEGER, consecutive INTEGER,"
	"  badge TEXT NOT NULL, reason TEXT NOT NULL,"
	"  posted_from TEXT NOT NULL, posted_until TEXT NOT NULL,"
	"  payable TEXT NOT NULL,"
	"  saved_at TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX award_period ON award(period, policy);"
	"CREATE INDEX award_staff ON award(staff, policy);"
	"CREATE TABLE award_status ("
	"  id INTEGER PRIMARY KEY,"
	"  award INTEGER NOT NULL REFERENCES award(id),"
	"  status TEXT NOT NULL CHECK (status IN ('posted', 'approved',"
	"   'withdrawn', 'paid', 'replaced')),"
	"  on_date TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  note TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX award_status_award ON award_status(award, id);"
	"CREATE TABLE objection ("
	"  id INTEGER PRIMARY KEY,"
	"  award INTEGER NOT NULL REFERENCES award(id),"
	"  reason TEXT NOT NULL,"
	"  on_date TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  at TEXT NOT NULL"
	") STRICT;"
	"CREATE INDEX objection_award ON objection(award);"
	"CREATE TABLE objection_outcome ("
	"  objection INTEGER PRIMARY KEY REFERENCES objection(id),"
	"  outcome TEXT NOT NULL CHECK (outcome IN ('upheld', 'rejected')),"
	"  on_date TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  at TEXT NOT NULL"
	") STRICT;",
	/* 3 -> 4: work orders (工作联系单); transitions are events too */
	"CREATE TABLE work_order ("
	"  id INTEGER PRIMARY KEY,"
	"  opened TEXT NOT NULL,"
	"  opened_t INTEGER NOT NULL,"
	"  customer TEXT NOT NULL REFERENCES customer(id),"
	"  channel TEXT,"
	"  dept TEXT,"
	"  matter TEXT NOT NULL,"
	"  first_asked TEXT NOT NULL REFERENCES staff(id),"
	"  assignee TEXT REFERENCES staff(id),"
	"  due TEXT,"
	"  due_t INTEGER,"
	"  status TEXT NOT NULL CHECK (status IN"
	"    ('open', 'assigned', 'closed', 'cancelled')),"
	"  closed TEXT,"
	"  closed_t INTEGER,"
	"  resolution TEXT,"
	"  reason TEXT,"
	"  revisit INTEGER UNIQUE REFERENCES event(id)"
	") STRICT;"
	"CREATE INDEX work_order_status ON work_order(status);",
	/*
	 * 4 -> 5: a leaner event row, for imports a third faster. ts was t
	 * written out in the writer's zone: it is now written out from t
	 * when read, in the reader's. logged_by was always the batch's;
	 * logged_at becomes a number. void_of's index holds voids only,
	 * not a NULL per event. A batch's events are found from the last
	 * event id before the batch began (after), by rowid, instead of
	 * through an index on every event. The table is rebuilt as
	 * SQLite's ALTER TABLE page says (migrate() turns the foreign-key
	 * checks off around it), keeping every id.
	 */
	"ALTER TABLE batch ADD COLUMN after INTEGER NOT NULL DEFAULT 0;"
	"UPDATE batch SET after = coalesce("
	"  (SELECT min(e.id) - 1 FROM event e WHERE e.batch = batch.id),"
	"  (SELECT max(id) FROM event), 0);"
	"CREATE TABLE event_5 ("
	"  id INTEGER PRIMARY KEY,"
	"  t INTEGER NOT NULL,"
	"  staff TEXT NOT NULL REFERENCES staff(id),"
	"  kind TEXT NOT NULL,"
	"  value REAL,"
	"  customer TEXT REFERENCES customer(id),"
	"  channel TEXT,"
	"  dept TEXT,"
	"  note TEXT,"
	"  uid TEXT UNIQUE,"
	"  logged INTEGER NOT NULL,"
	"  void_of INTEGER REFERENCES event(id),"
	"  batch INTEGER NOT NULL REFERENCES batch(id)"
	") STRICT;"
	"INSERT INTO event_5(id, t, staff, kind, value, customer, channel,"
	"  dept, note, uid, logged, void_of, batch)"
	"  SELECT id, t, staff, kind, value, customer, channel, dept, note,"
	"  uid, unixepoch(logged_at), void_of, batch FROM event ORDER BY id;"
	"DROP TABLE event;"
	"ALTER TABLE event_5 RENAME TO event;"
	"CREATE INDEX event_t ON event(t);"
	"CREATE INDEX event_staff_t ON event(staff, t);"
	"CREATE UNIQUE INDEX event_void_of ON event(void_of)"
	"  WHERE void_of IS NOT NULL;",
	/*
	 * 5 -> 6: an award can be proposed, waiting for approval before it
	 * is posted ([posting] approval). SQLite cannot change a CHECK in
	 * place: award_status is rebuilt, keeping every id (nothing refers
	 * to it).
	 */
	"CREATE TABLE award_status_6 ("
	"  id INTEGER PRIMARY KEY,"
	"  award INTEGER NOT NULL REFERENCES award(id),"
	"  status TEXT NOT NULL CHECK (status IN ('proposed', 'posted',"
	"   'approved', 'withdrawn', 'paid', 'replaced')),"
	"  on_date TEXT NOT NULL,"
	"  who TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  note TEXT NOT NULL"
	") STRICT;"
	"INSERT INTO award_status_6(id, award, status, on_date, who, at, note)"
	"  SELECT id, award, status, on_date, who, at, note FROM award_status"
	"  ORDER BY id;"
	"DROP TABLE award_status;"
	"ALTER TABLE award_status_6 RENAME TO award_status;"
	"CREATE INDEX award_status_award ON award_status(award, id);",
	/*
	 * 6 -> 7: views for people querying the ledger with sqlite3
	 * (svc-ledger(5)): times as text in the querying process's zone
	 * (SQLite has no zone database) and in UTC, names beside ids,
	 * yes/no flags that read the same on any backend, an award's
	 * current status. Nothing of svc reads them. A later step that
	 * rebuilds a table they read must drop and re-create them: SQLite's
	 * ALTER TABLE ... RENAME refuses while a view names a missing table.
	 */
	"CREATE VIEW events_v AS SELECT"
	"  e.id,"
	"  strftime('%Y-%m-%dT%H:%M:%S', e.t, 'unixepoch', 'localtime') ||"
	"   CASE WHEN unixepoch(e.t, 'unixepoch', 'localtime') < e.t"
	"    THEN '-' ELSE '+' END ||"
	"   strftime('%H:%M', abs(unixepoch(e.t, 'unixepoch', 'localtime')"
	"    - e.t), 'unixepoch') AS ts,"
	"  strftime('%Y-%m-%dT%H:%M:%SZ', e.t, 'unixepoch') AS ts_utc,"
	"  e.t, e.kind, e.value, e.staff, s.name, e.dept, e.customer,"
	"  c.name AS customer_name, e.channel, e.note, e.uid,"
	"  CASE WHEN v.id IS NULL THEN 'no' ELSE 'yes' END AS voided,"
	"  v.id AS voided_by, e.void_of,"
	"  CASE WHEN v.id IS NULL AND e.void_of IS NULL THEN 'yes' ELSE 'no'"
	"   END AS active,"
	"  e.batch, b.logged_by,"
	"  strftime('%Y-%m-%dT%H:%M:%S', e.logged, 'unixepoch', 'localtime') ||"
	"   CASE WHEN unixepoch(e.logged, 'unixepoch', 'localtime') < e.logged"
	"    THEN '-' ELSE '+' END ||"
	"   strftime('%H:%M', abs(unixepoch(e.logged, 'unixepoch',"
	"    'localtime') - e.logged), 'unixepoch') AS logged_at"
	" FROM event e LEFT JOIN staff s ON s.id = e.staff"
	" LEFT JOIN customer c ON c.id = e.customer"
	" LEFT JOIN batch b ON b.id = e.batch"
	" LEFT JOIN event v ON v.void_of = e.id;"
	"CREATE VIEW scores_v AS SELECT"
	"  period, policy, staff, name, dept, position, unit, base,"
	"  deductions, bonuses, joint, score, complaints, praises, events,"
	"  CASE WHEN eligible = 1 THEN 'yes' ELSE 'no' END AS eligible,"
	"  reason, saved_at"
	" FROM score;"
	"CREATE VIEW awards_v AS SELECT"
	"  a.id, a.period, a.policy, a.staff, a.name, a.dept, a.type,"
	"  a.award, a.amount, a.action, a.rank, a.consecutive, a.badge,"
	"  a.reason, s.status, s.on_date AS status_on, s.who AS status_by,"
	"  s.note AS status_note, nullif(a.posted_from, '') AS posted_from,"
	"  nullif(a.posted_until, '') AS posted_until,"
	"  nullif(a.payable, '') AS payable, a.saved_at"
	" FROM award a JOIN award_status s ON s.id ="
	"  (SELECT max(x.id) FROM award_status x WHERE x.award = a.id);",
	/*
	 * 7 -> 8: a batch logged late, into a period whose awards were
	 * paid (svc-log --late --reason): why, NULL for every other batch.
	 */
	"ALTER TABLE batch ADD COLUMN late_reason TEXT;",
	/*
	 * 8 -> 9: a work order's clock pauses while it waits on its
	 * customer (svc-log order wait): one row per wait, ended NULL while
	 * it lasts, at most one such row per order.
	 */
	"CREATE TABLE work_order_wait ("
	"  id INTEGER PRIMARY KEY,"
	"  work_order INTEGER NOT NULL REFERENCES work_order(id),"
	"  began INTEGER NOT NULL,"
	"  ended INTEGER,"
	"  reason TEXT NOT NULL,"
	"  CHECK (ended IS NULL OR ended >= began)"
	") STRICT;"
	"CREATE INDEX work_order_wait_order ON work_order_wait(work_order,"
	"  began);"
	"CREATE UNIQUE INDEX work_order_wait_open ON"
	"  work_order_wait(work_order) WHERE ended IS NULL;",
	/*
	 * 9 -> 10: the values of the fields an event's kind declares
	 * (fields.h: a JSON object, keys sorted; NULL when none), and
	 * events_v showing them after the note.
	 */
	"ALTER TABLE event ADD COLUMN fields TEXT;"
	"DROP VIEW events_v;"
	"CREATE VIEW events_v AS SELECT"
	"  e.id,"
	"  strftime('%Y-%m-%dT%H:%M:%S', e.t, 'unixepoch', 'localtime') ||"
	"   CASE WHEN unixepoch(e.t, 'unixepoch', 'localtime') < e.t"
	"    THEN '-' ELSE '+' END ||"
	"   strftime('%H:%M', abs(unixepoch(e.t, 'unixepoch', 'localtime')"
	"    - e.t), 'unixepoch') AS ts,"
	"  strftime('%Y-%m-%dT%H:%M:%SZ', e.t, 'unixepoch') AS ts_utc,"
	"  e.t, e.kind, e.value, e.staff, s.name, e.dept, e.customer,"
	"  c.name AS customer_name, e.channel, e.note, e.fields, e.uid,"
	"  CASE WHEN v.id IS NULL THEN 'no' ELSE 'yes' END AS voided,"
	"  v.id AS voided_by, e.void_of,"
	"  CASE WHEN v.id IS NULL AND e.void_of IS NULL THEN 'yes' ELSE 'no'"
	"   END AS active,"
	"  e.batch, b.logged_by,"
	"  strftime('%Y-%m-%dT%H:%M:%S', e.logged, 'unixepoch', 'localtime') ||"
	"   CASE WHEN unixepoch(e.logged, 'unixepoch', 'localtime') < e.logged"
	"    THEN '-' ELSE '+' END ||"
	"   strftime('%H:%M', abs(unixepoch(e.logged, 'unixepoch',"
	"    'localtime') - e.logged), 'unixepoch') AS logged_at"
	" FROM event e LEFT JOIN staff s ON s.id = e.staff"
	" LEFT JOIN customer c ON c.id = e.customer"
	" LEFT JOIN batch b ON b.id = e.batch"
	" LEFT JOIN event v ON v.void_of = e.id;",
	/*
	 * 10 -> 11, scheme E's data:
	 * - the customer archive: a customer's birthday (a person's) or
	 *   founding date (a firm's), "YYYY-MM-DD" or "MM-DD", its
	 *   contract's end, and its contacts (svc-log contacts) in the
	 *   order given (seq);
	 * - work orders of a policy's category (a claim, 理赔案件): the
	 *   category ('' for a general order), the values of the fields it
	 *   declares (as event.fields), and when the customer was notified
	 *   (svc-log order notify; NULL until then);
	 * - an order due in working hours (svc-log order open --due '4 work
	 *   hours') says so, so that a wait moves its due time by the
	 *   working time waited: how many hours, NULL for every other order.
	 */
	"ALTER TABLE customer ADD COLUMN birthday TEXT;"
	"ALTER TABLE customer ADD COLUMN founded TEXT;"
	"ALTER TABLE customer ADD COLUMN contract_end TEXT;"
	"CREATE TABLE customer_contact ("
	"  customer TEXT NOT NULL REFERENCES customer(id),"
	"  seq INTEGER NOT NULL,"
	"  name TEXT NOT NULL,"
	"  role TEXT,"
	"  phone TEXT,"
	"  birthday TEXT,"
	"  PRIMARY KEY (customer, seq)"
	") STRICT;"
	"ALTER TABLE work_order ADD COLUMN category TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE work_order ADD COLUMN fields TEXT;"
	"ALTER TABLE work_order ADD COLUMN notified TEXT;"
	"ALTER TABLE work_order ADD COLUMN notified_t INTEGER;"
	"ALTER TABLE work_order ADD COLUMN due_work INTEGER"
	"  CHECK (due_work > 0);",
};

_Static_assert(sizeof(migrations) / sizeof(migrations[0]) == SVC_DB_VERSION,
    "one migration step per schema version");

static int bulk_end(struct svc_db *, struct svc_err *);
static void cache_restore(struct svc_db *);
static const struct svc_db_ops sqlite_ops;
static int svc_sq_begin(struct svc_db *, struct svc_err *);
static int svc_sq_commit(struct svc_db *, struct svc_err *);
static void svc_sq_rollback(struct svc_db *);
static void svc_sq_close(struct svc_db *);
static int svc_sq_event_add(struct svc_db *, const struct svc_event *,
    long long *, struct svc_err *);
static int svc_sq_event_by_uid(struct svc_db *, const char *,
    struct svc_event *, struct svc_err *);

const char *
svc_db_migration(int from)
{
	if (from < 0 || from >= SVC_DB_VERSION)
		return NULL;
	return migrations[from];
}

static int
dberr(struct svc_db *db, struct svc_err *e, const char *what)
{
	int rc = sqlite3_errcode(sq(db)->h) & 0xff;
	int en = sqlite3_system_errno(sq(db)->h);

	/* "disk I/O error" alone does not tell a full disk (ENOSPC), a file
	 * size limit (EFBIG) and a failing device (EIO) apart */
	if (en != 0 && (rc == SQLITE_IOERR || rc == SQLITE_FULL ||
	    rc == SQLITE_CANTOPEN))
		return svc_err_set(e, db->path, 0, NULL, "%s: %s (%s)", what,
		    sqlite3_errmsg(sq(db)->h), strerror(en));
	return svc_err_set(e, db->path, 0, NULL, "%s: %s", what,
	    sqlite3_errmsg(sq(db)->h));
}

static int
exec(struct svc_db *db, const char *sql, struct svc_err *e)
{
	char *msg = NULL;

	if (sqlite3_exec(sq(db)->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		svc_err_set(e, db->path, 0, NULL, "%s",
		    msg ? msg : sqlite3_errmsg(sq(db)->h));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static const char *
now_iso(struct svc_db *db)
{
	return svc_time_format(time(NULL), sq(db)->now);
}

/*
 * SQLite would create the file 0644; clerks of one group share it, so
 * create it 0660 (less the umask) first. The -wal and -shm files copy the
 * database's mode. The descriptor is closed before SQLite opens the file,
 * so no POSIX lock of SQLite's can be dropped by our close().
 */
static int
create_file(const char *path, struct svc_err *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0660);

	if (fd < 0) {
		if (errno == EEXIST)
			return 0;
		return svc_err_sys(e, path, errno, "cannot create database");
	}
	close(fd);
	return 0;
}

/* Stores the schema version in *v; returns 0, or -1 with e set. */
static int
read_version(struct svc_db *db, int *v, struct svc_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(sq(db)->h, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK)
		return dberr(db, e, "cannot read schema version");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return dberr(db, e, "cannot read schema version");
	/* user_version is any 32-bit number another program may have set */
	if (*v < 0)
		return svc_err_set(e, db->path, 0, NULL, "schema version %d "
		    "is not one svc wrote", *v);
	return 0;
}

/* One integer a pragma or query gives, into *v: 0, or -1 with e set. */
static int
query_int(struct svc_db *db, const char *sql, int *v, struct svc_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(sq(db)->h, sql, -1, &st, NULL) != SQLITE_OK)
		return dberr(db, e, "cannot open database");
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return dberr(db, e, "cannot open database");
	return 0;
}

/* A big-endian 32-bit field of the database header. */
static int
header_int(const unsigned char *p)
{
	return (int)((uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3]);
}

/*
 * The application_id and schema version in the header of path's main
 * file, read without writing anything: no lock, no -wal or -shm file.
 * Only the 100 header bytes are read, not a page SQLite would check, as
 * a writer's checkpoint may be halfway through the file (and these bytes
 * of a ledger never change). Through SQLite's own VFS, which keeps the
 * locks this process holds on the file when the descriptor is closed. A
 * log's newer header is not seen, which is why a new ledger is marked
 * before its first write to a log (svc_db_open). 0, or -1 with e set.
 */
static int
peek(const char *path, int *app, int *version, struct svc_err *e)
{
	sqlite3_vfs *vfs = sqlite3_vfs_find(NULL);
	sqlite3_file *f = svc_xcalloc(1, vfs->szOsFile);
	char *full = svc_xcalloc(1, vfs->mxPathname + 1);
	sqlite3_filename name = NULL;
	unsigned char h[100];
	int out, got, rc = -1;

	errno = 0;
	if (vfs->xFullPathname(vfs, path, vfs->mxPathname + 1, full) !=
	    SQLITE_OK || (name = sqlite3_create_filename(full, "", "", 0,
	    NULL)) == NULL || vfs->xOpen(vfs, name, f, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_MAIN_DB, &out) != SQLITE_OK) {
		svc_err_sys(e, path, errno ? errno : EIO,
		    "cannot open database");
		goto out;
	}
	/* shorter than a header: not a database either */
	got = f->pMethods->xRead(f, h, sizeof(h), 0);
	f->pMethods->xClose(f);
	if (got == SQLITE_OK && memcmp(h, "SQLite format 3", 16) == 0) {
		*version = header_int(h + 60);
		*app = header_int(h + 68);
		rc = 0;
	} else if (got == SQLITE_OK || got == SQLITE_IOERR_SHORT_READ)
		svc_err_set(e, path, 0, NULL, "not an svc ledger (not an "
		    "SQLite database)");
	else
		svc_err_sys(e, path, errno ? errno : EIO,
		    "cannot read database");
out:
	sqlite3_free_filename(name);
	free(full);
	free(f);
	return rc;
}

/*
 * Whether an unmarked file is a ledger from before the mark: read
 * through db, which sees its log, before anything is written. 0, or -1
 * with e set.
 */
static int
old_ledger(struct svc_db *db, struct svc_err *e)
{
	int app, tables;

	if (query_int(db, "PRAGMA application_id", &app, e) < 0 ||
	    query_int(db, "SELECT count(*) FROM sqlite_master WHERE"
	    " type = 'table' AND name IN ('staff', 'customer', 'batch',"
	    " 'event')", &tables, e) < 0)
		return -1;
	if (app != 0 && app != SVC_DB_APPLICATION_ID)
		return svc_err_set(e, db->path, 0, NULL, "not an svc ledger "
		    "(application_id 0x%08x)", (unsigned)app);
	if (tables != 4)
		return svc_err_set(e, db->path, 0, NULL, "not an svc ledger "
		    "(application_id 0, no svc tables)");
	return 0;
}

/*
 * A current schema is only read, so that readers (svc-score, svc-log
 * list) never queue behind a writer on open. Otherwise the version is
 * read again under BEGIN IMMEDIATE, since another process may have
 * migrated in between.
 */
/* Whether rows of table refer to rows that are not there: 1, 0 or -1. */
static int
broken_refs(struct svc_db *db, const char *table, struct svc_err *e)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(sq(db)->h, "SELECT count(*) FROM"
	    " pragma_foreign_key_check(?1)", -1, &st, NULL) != SQLITE_OK)
		return dberr(db, e, "cannot check references");
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	rc = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) > 0 :
	    -1;
	sqlite3_finalize(st);
	if (rc < 0)
		return dberr(db, e, "cannot check references");
	if (rc > 0)
		svc_err_set(e, db->path, 0, NULL, "migration would leave %s"
		    " referring to rows that are gone", table);
	return rc;
}

static int
migrate(struct svc_db *db, struct svc_err *e)
{
	char sql[96];
	int v, from, app;

	if (read_version(db, &v, e) < 0 ||
	    query_int(db, "PRAGMA application_id", &app, e) < 0)
		return -1;
	db->found_version = v;
	if (v == SVC_DB_VERSION && app == SVC_DB_APPLICATION_ID)
		return 0;
	/*
	 * A step may rebuild a table others refer to (4 -> 5): with the
	 * checks on, its DROP TABLE would count every reference to it as
	 * broken. The rows keep their ids; the references are checked
	 * once all the steps have run.
	 */
	if (exec(db, "PRAGMA foreign_keys = OFF", e) < 0)
		return -1;
	if (svc_sq_begin(db, e) < 0)
		goto on;
	if (read_version(db, &v, e) < 0)
		goto fail;
	db->found_version = v;
	if (v > SVC_DB_VERSION) {
		svc_err_set(e, db->path, 0, NULL, "schema version %d is newer "
		    "than this svc (%d): upgrade svc", v, SVC_DB_VERSION);
		goto fail;
	}
	for (from = v; v < SVC_DB_VERSION; v++)
		if (exec(db, migrations[v], e) < 0)
			goto fail;
	if (from < 5 && broken_refs(db, "work_order", e) != 0)
		goto fail;
	/* a ledger from before the mark gets it with its schema */
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d;"
	    " PRAGMA application_id = %d", v, SVC_DB_APPLICATION_ID);
	if (exec(db, sql, e) < 0 || svc_sq_commit(db, e) < 0)
		goto fail;
	return exec(db, "PRAGMA foreign_keys = ON", e);
fail:
	svc_sq_rollback(db);
on:
	sqlite3_exec(sq(db)->h, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	return -1;
}

/* SQLite's default: checkpoint once the WAL holds this many pages. */
#define AUTOCHECKPOINT_PAGES 1000

/* Copies the WAL into the ledger file as far as readers allow; keeps the
 * first failure (not a busy one: a later checkpoint finishes that). */
static void
checkpoint(struct svc_db *db)
{
	int rc = sqlite3_wal_checkpoint_v2(sq(db)->h, NULL,
	    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	int sys = sqlite3_system_errno(sq(db)->h);

	if (rc == SQLITE_OK || (rc & 0xff) == SQLITE_BUSY ||
	    (rc & 0xff) == SQLITE_LOCKED || sq(db)->warning[0] != '\0')
		return;
	snprintf(sq(db)->warning, sizeof(sq(db)->warning), "%s: cannot copy what "
	    "was committed into the ledger file: %s%s%s%s; it is safe in "
	    "%s-wal, which a later command copies", db->path,
	    sqlite3_errstr(rc), sys ? " (" : "", sys ? strerror(sys) : "",
	    sys ? ")" : "", db->path);
}

/*
 * In place of SQLite's auto-checkpoint, which does the same but drops the
 * result: a copy that fails after COMMIT is not the COMMIT's failure.
 */
static int
wal_hook(void *arg, sqlite3 *h, const char *name, int pages)
{
	struct svc_db *db = arg;

	(void)h;
	(void)name;
	sq(db)->committed = 1;
	if (pages >= AUTOCHECKPOINT_PAGES)
		checkpoint(db);
	return SQLITE_OK;
}

static const char *
svc_sq_checkpoint(struct svc_db *db)
{
	if (sq(db)->committed)
		checkpoint(db);
	return sq(db)->warning[0] != '\0' ? sq(db)->warning : NULL;
}

struct svc_db *
svc_db_sqlite_open(const char *path, enum svc_db_mode mode, struct svc_err *e)
{
	struct svc_db *db;
	struct stat sb;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	int fresh, app = 0, version = 0;
	char sql[80];

	if (mode == SVC_DB_CREATE && create_file(path, e) < 0)
		return NULL;
	if (stat(path, &sb) < 0) {
		svc_err_sys(e, path, errno, "cannot open database%s",
		    mode == SVC_DB_EXISTING ? " (create it with 'svc-log init')" :
		    "");
		return NULL;
	}
	/*
	 * What the file is, before SQLite writes to it (WAL mode, a
	 * migration): an empty file holds nobody's data, but only init
	 * makes a ledger of it; anything else must carry svc's mark, or be
	 * a ledger from before the mark (checked below, through the log).
	 */
	fresh = S_ISREG(sb.st_mode) && sb.st_size == 0;
	if (fresh && mode == SVC_DB_EXISTING) {
		svc_err_set(e, path, 0, NULL, "empty file, not an svc ledger: "
		    "create one with 'svc-log init'");
		return NULL;
	}
	if (!fresh && peek(path, &app, &version, e) < 0)
		return NULL;
	if (!fresh && app != 0 && app != SVC_DB_APPLICATION_ID) {
		svc_err_set(e, path, 0, NULL, "not an svc ledger "
		    "(application_id 0x%08x)", (unsigned)app);
		return NULL;
	}
	if (!fresh && app == 0 && version <= 0) {
		svc_err_set(e, path, 0, NULL, "not an svc ledger "
		    "(application_id 0, schema version 0)");
		return NULL;
	}
	/*
	 * Nothing reads SQLite's memory statistics, and keeping them takes a
	 * mutex on every allocation (about 2.5% of a large import). It must
	 * be set before SQLite initialises; later it fails, harmlessly.
	 */
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	db = svc_xcalloc(1, sizeof(struct sq_db));
	db->ops = &sqlite_ops;
	db->path = svc_xstrdup(path);
	if (sqlite3_open_v2(path, &sq(db)->h, flags, NULL) != SQLITE_OK) {
		svc_err_set(e, path, 0, NULL, "cannot open database: %s",
		    sq(db)->h ? sqlite3_errmsg(sq(db)->h) : "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(sq(db)->h, 1);
	sqlite3_busy_timeout(sq(db)->h, 10000);
	sqlite3_wal_hook(sq(db)->h, wal_hook, db);
	/*
	 * A new ledger gets 16 KiB pages: a million-row import writes a
	 * quarter of the pages, and the system time of writing them through
	 * the WAL drops by a third; an add writes a few pages either way. It
	 * must come before WAL mode writes the first page (WAL mode cannot
	 * change it later). The mark goes into the main file before WAL mode
	 * too, so that a peek at a new ledger always finds it; an unmarked
	 * file is read through the log before anything is written.
	 */
	snprintf(sql, sizeof(sql), "PRAGMA page_size = " PAGE_SIZE_NEW ";"
	    " PRAGMA application_id = %d", SVC_DB_APPLICATION_ID);
	if (fresh && exec(db, sql, e) < 0)
		goto fail;
	if (!fresh && app == 0 && old_ledger(db, e) < 0)
		goto fail;
	/* journal_mode needs the lock that a starting writer may hold. */
	for (int i = 0;; i++) {
		char *msg = NULL;
		int rc = sqlite3_exec(sq(db)->h, "PRAGMA journal_mode = WAL",
		    NULL, NULL, &msg);

		sqlite3_free(msg);
		if (rc == SQLITE_OK)
			break;
		if ((rc & 0xff) != SQLITE_BUSY || i == 5) {
			dberr(db, e, "cannot open database");
			goto fail;
		}
	}
	if (exec(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL",
	    e) < 0)
		goto fail;
	if (migrate(db, e) < 0)
		goto fail;
	return db;
fail:
	svc_sq_close(db);
	return NULL;
}

static void
svc_sq_close(struct svc_db *db)
{
	if (db == NULL)
		return;
	for (int i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(sq(db)->st[i]);
	sqlite3_finalize(sq(db)->many);
	sqlite3_finalize(sq(db)->put);
	sqlite3_close(sq(db)->h);
	svc_buf_release(&sq(db)->row);
	svc_buf_release(&sq(db)->bulk);
	svc_buf_release(&sq(db)->uid);
	free(db->path);
	free(db);
}

sqlite3 *
svc_db_sqlite(struct svc_db *db)
{
	return sq(db)->h;
}

int
svc_db_sqlite_err(struct svc_db *db, struct svc_err *e, const char *what)
{
	return dberr(db, e, what);
}

int
svc_db_sqlite_each_end(struct svc_db *db, sqlite3_stmt *st, int rc, int stop,
    struct svc_err *e, const char *what)
{
	if (!stop && rc != SQLITE_DONE)
		svc_db_sqlite_err(db, e, what);
	sqlite3_finalize(st);
	return !stop && rc != SQLITE_DONE ? -1 : stop;
}

static int
svc_sq_begin(struct svc_db *db, struct svc_err *e)
{
	/* The busy handler already waited 10 s; a few more rounds cover a
	 * writer holding the lock through a long import. */
	for (int i = 0; i < 6; i++) {
		int rc = sqlite3_exec(sq(db)->h, "BEGIN IMMEDIATE", NULL, NULL,
		    NULL);

		if (rc == SQLITE_OK)
			return 0;
		if ((rc & 0xff) != SQLITE_BUSY)
			return dberr(db, e, "cannot start a transaction");
	}
	return svc_err_set(e, db->path, 0, NULL,
	    "database is busy: another writer held it for over a minute");
}

static int
svc_sq_commit(struct svc_db *db, struct svc_err *e)
{
	if (bulk_end(db, e) < 0) {
		svc_sq_rollback(db);
		return -1;
	}
	if (sqlite3_exec(sq(db)->h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		dberr(db, e, "cannot commit");
		svc_sq_rollback(db);
		return -1;
	}
	return 0;
}

static void
svc_sq_rollback(struct svc_db *db)
{
	if (!sqlite3_get_autocommit(sq(db)->h))
		sqlite3_exec(sq(db)->h, "ROLLBACK", NULL, NULL, NULL);
	/* the dropped indexes came back with the rollback */
	svc_buf_reset(&sq(db)->bulk);
}

static sqlite3_stmt *
stmt(struct svc_db *db, enum stmt which, struct svc_err *e)
{
	sqlite3_stmt *st = sq(db)->st[which];

	if (st == NULL) {
		if (sqlite3_prepare_v3(sq(db)->h, stmt_sql[which], -1,
		    SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
			dberr(db, e, "cannot prepare statement");
			return NULL;
		}
		sq(db)->st[which] = st;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return st;
}

/* Binds s, or NULL when s is NULL or "". */
static void
bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s == NULL || *s == '\0')
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
}

static const char *
col(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s ? (const char *)s : "";
}

/* Runs a statement that returns no rows. */
static int
step_done(struct svc_db *db, sqlite3_stmt *st, struct svc_err *e,
    const char *what)
{
	int rc = sqlite3_step(st);

	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return dberr(db, e, what);
	return 0;
}

static int
svc_sq_staff_put(struct svc_db *db, const struct svc_staff *s,
    struct svc_err *e)
{
	sqlite3_stmt *st = stmt(db, ST_STAFF_PUT, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, s->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, s->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, s->dept ? s->dept : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, s->position ? s->position : "", -1,
	    SQLITE_STATIC);
	sqlite3_bind_text(st, 5, s->unit ? s->unit : "", -1, SQLITE_STATIC);
	bind_text(st, 6, s->supervisor);
	bind_text(st, 7, s->leader);
	sqlite3_bind_int(st, 8, s->active != 0);
	return step_done(db, st, e, "cannot store staff");
}

static int
svc_sq_customer_put(struct svc_db *db, const struct svc_customer *c,
    struct svc_err *e)
{
	sqlite3_stmt *st = stmt(db, ST_CUST_PUT, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, c->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, c->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, c->tier ? c->tier : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, c->contact ? c->contact : "", -1,
	    SQLITE_STATIC);
	bind_text(st, 5, c->owner);
	/* NULL binds NULL: keep the stored date */
	sqlite3_bind_text(st, 6, c->birthday, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, c->founded, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, c->contract_end, -1, SQLITE_STATIC);
	return step_done(db, st, e, "cannot store customer");
}

static int
svc_sq_contacts_put(struct svc_db *db, const char *customer,
    const struct svc_contact *v, size_t n, struct svc_err *e)
{
	sqlite3_stmt *st = stmt(db, ST_CONTACT_DEL, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, customer, -1, SQLITE_STATIC);
	if (step_done(db, st, e, "cannot replace contacts") < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if ((st = stmt(db, ST_CONTACT_ADD, e)) == NULL)
			return -1;
		sqlite3_bind_text(st, 1, customer, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i + 1);
		sqlite3_bind_text(st, 3, v[i].name, -1, SQLITE_STATIC);
		bind_text(st, 4, v[i].role);
		bind_text(st, 5, v[i].phone);
		bind_text(st, 6, v[i].birthday);
		if (step_done(db, st, e, "cannot store contact") < 0)
			return -1;
	}
	return 0;
}

static int
svc_sq_contacts_each(struct svc_db *db,
    int (*fn)(void *arg, const struct svc_contact *c), void *arg,
    struct svc_err *e)
{
	sqlite3_stmt *st = stmt(db, ST_CONTACT_ALL, e);
	int rc, stop = 0;

	if (st == NULL)
		return -1;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct svc_contact c = {
			(char *)col(st, 0), (char *)col(st, 1),
			(char *)col(st, 2), (char *)col(st, 3),
			(char *)col(st, 4)
		};

		stop = fn(arg, &c);
	}
	sqlite3_reset(st);
	if (!stop && rc != SQLITE_DONE)
		return dberr(db, e, "cannot read contacts");
	return stop;
}

static void
staff_fill(sqlite3_stmt *st, struct svc_staff *s)
{
	s->id = svc_xstrdup(col(st, 0));
	s->name = svc_xstrdup(col(st, 1));
	s->dept = svc_xstrdup(col(st, 2));
	s->position = svc_xstrdup(col(st, 3));
	s->unit = svc_xstrdup(col(st, 4));
	s->supervisor = svc_xstrdup(col(st, 5));
	s->leader = svc_xstrdup(col(st, 6));
	s->active = sqlite3_column_int(st, 7);
}

static void
customer_fill(sqlite3_stmt *st, struct svc_customer *c)
{
	c->id = svc_xstrdup(col(st, 0));
	c->name = svc_xstrdup(col(st, 1));
	c->tier = svc_xstrdup(col(st, 2));
	c->contact = svc_xstrdup(col(st, 3));
	c->owner = svc_xstrdup(col(st, 4));
	c->birthday = svc_xstrdup(col(st, 5));
	c->founded = svc_xstrdup(col(st, 6));
	c->contract_end = svc_xstrdup(col(st, 7));
}

static int
svc_sq_staff_get(struct svc_db *db, const char *id, struct svc_staff *s,
    struct svc_err *e)
{
	sqlite3_stmt *st = stmt(db, ST_STAFF_GET, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		staff_fill(st, s);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dberr(db, e, "cannot read staff");
	return rc == SQLITE_ROW;
}

static int
svc_sq_customer_get(struct svc_db *db, const char *id, struct svc_customer *c,
    struct svc_err *e)
{
	sqlite3_stmt *st = stmt(db, ST_CUST_GET, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		customer_fill(st, c);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dberr(db, e, "cannot read customer");
	return rc == SQLITE_ROW;
}

static int
svc_sq_staff_each(struct svc_db *db,
    int (*fn)(void *arg, const struct svc_staff *s), void *arg,
    struct svc_err *e)
{
	sqlite3_stmt *st = stmt(db, ST_STAFF_ALL, e);
	int rc, stop = 0;

	if (st == NULL)
		return -1;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct svc_staff s;

		staff_fill(st, &s);
		stop = fn(arg, &s);
		svc_staff_release(&s);
	}
	sqlite3_reset(st);
	if (!stop && rc != SQLITE_DONE)
		return dberr(db, e, "cannot read staff");
	return stop;
}

static int
svc_sq_customer_each(struct svc_db *db,
    int (*fn)(void *arg, const struct svc_customer *c), void *arg,
    struct svc_err *e)
{
	sqlite3_stmt *st = stmt(db, ST_CUST_ALL, e);
	int rc, stop = 0;

	if (st == NULL)
		return -1;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct svc_customer c;

		customer_fill(st, &c);
		stop = fn(arg, &c);
		svc_customer_release(&c);
	}
	sqlite3_reset(st);
	if (!stop && rc != SQLITE_DONE)
		return dberr(db, e, "cannot read customers");
	return stop;
}

static long long
svc_sq_batch_new(struct svc_db *db, const char *tool, const char *source,
    const char *user, struct svc_err *e)
{
	sqlite3_stmt *st = stmt(db, ST_BATCH_NEW, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, now_iso(db), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, tool, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, source ? source : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, user, -1, SQLITE_STATIC);
	if (step_done(db, st, e, "cannot start a batch") < 0)
		return -1;
	return sqlite3_last_insert_rowid(sq(db)->h);
}

int
svc_db_bulk_start(struct svc_db *db, int keep_time, struct svc_err *e)
{
	sqlite3_stmt *st;
	struct svc_buf drop = { 0 };
	const char *name, *sql;
	size_t before = sq(db)->bulk.len;
	int rc;

	/*
	 * Whatever plain indexes the migrations made, read back as made;
	 * those dropped already are gone from the list, and the index on t
	 * alone is the one whose only column is t.
	 */
	if (sqlite3_prepare_v2(sq(db)->h, "SELECT s.name, s.sql FROM"
	    " pragma_index_list('event') AS i JOIN sqlite_schema AS s"
	    " ON s.name = i.name WHERE i.origin = 'c' AND i.\"unique\" = 0"
	    " AND s.sql IS NOT NULL AND NOT (?1 AND (SELECT"
	    " group_concat(name) FROM pragma_index_info(i.name)) IS 't')"
	    " ORDER BY s.name", -1, &st, NULL) != SQLITE_OK)
		return dberr(db, e, "cannot list indexes");
	sqlite3_bind_int(st, 1, keep_time != 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		name = col(st, 0);
		sql = col(st, 1);
		svc_buf_add(&sq(db)->bulk, sql, strlen(sql) + 1);
		/* names come from the schema; quoted all the same */
		svc_buf_adds(&drop, "DROP INDEX \"");
		for (; *name; name++) {
			if (*name == '"')
				svc_buf_add(&drop, "\"", 1);
			svc_buf_add(&drop, name, 1);
		}
		svc_buf_adds(&drop, "\";");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		svc_buf_release(&drop);
		sq(db)->bulk.len = before;
		return dberr(db, e, "cannot list indexes");
	}
	rc = drop.len > 0 ? exec(db, drop.s, e) : 0;
	svc_buf_release(&drop);
	if (rc < 0)
		sq(db)->bulk.len = before;
	return rc;
}

static int
bulk_end(struct svc_db *db, struct svc_err *e)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	char sql[64];
	size_t at;
	int rc = 0;

	if (sq(db)->bulk.len == 0)
		return 0;
	/* CREATE INDEX sorts in runs the size of the cache: a large one
	 * made it slower */
	cache_restore(db);
	/*
	 * CREATE INDEX sorts its keys; helper threads sort parts of them
	 * while this one reads the table, and merge them. As many helpers
	 * as CPUs: on two, rebuilding both indexes of a million rows took
	 * 0.55 s with two helpers, 0.73 s with one.
	 * SQLite caps the number at its own limit.
	 */
	snprintf(sql, sizeof(sql), "PRAGMA threads = %ld",
	    cpus < 2 ? 0 : cpus > SORT_THREADS ? SORT_THREADS : cpus);
	sqlite3_exec(sq(db)->h, sql, NULL, NULL, NULL);
	for (at = 0; at < sq(db)->bulk.len; at += strlen(sq(db)->bulk.s + at) + 1)
		if ((rc = exec(db, sq(db)->bulk.s + at, e)) < 0)
			break;
	sqlite3_exec(sq(db)->h, "PRAGMA threads = 0", NULL, NULL, NULL);
	if (rc == 0)
		svc_buf_reset(&sq(db)->bulk);
	return rc;
}

int
svc_db_foreign_keys(struct svc_db *db, int on, struct svc_err *e)
{
	/* inside a transaction SQLite ignores the pragma without a word */
	if (!sqlite3_get_autocommit(sq(db)->h))
		return svc_err_set(e, db->path, 0, NULL, "foreign-key checks "
		    "switched inside a transaction");
	return exec(db, on ? "PRAGMA foreign_keys = ON" :
	    "PRAGMA foreign_keys = OFF", e);
}

long long
svc_db_event_max_id(struct svc_db *db)
{
	sqlite3_stmt *st;
	long long n = 0;

	if (sqlite3_prepare_v2(sq(db)->h, "SELECT max(id) FROM event", -1, &st,
	    NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* Binds ev to the EVENT_PARAMS parameters of st from at + 1 on. */
static void
bind_event(sqlite3_stmt *st, int at, const struct svc_event *ev)
{
	double v;

	sqlite3_bind_int64(st, at + 1, (sqlite3_int64)ev->t);
	sqlite3_bind_text(st, at + 2, ev->staff, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, at + 3, ev->kind, -1, SQLITE_STATIC);
	if (ev->value != NULL && svc_parse_num(ev->value, &v) == 0)
		sqlite3_bind_double(st, at + 4, v);
	else
		sqlite3_bind_null(st, at + 4);
	bind_text(st, at + 5, ev->customer);
	bind_text(st, at + 6, ev->channel);
	bind_text(st, at + 7, ev->dept);
	bind_text(st, at + 8, ev->note);
	bind_text(st, at + 9, ev->uid);
	sqlite3_bind_int64(st, at + 10,
	    (sqlite3_int64)(ev->logged ? ev->logged : time(NULL)));
	if (ev->void_of > 0)
		sqlite3_bind_int64(st, at + 11, ev->void_of);
	else
		sqlite3_bind_null(st, at + 11);
	sqlite3_bind_int64(st, at + 12, ev->batch);
	bind_text(st, at + 13, ev->fields);
}

static int
svc_sq_event_add(struct svc_db *db, const struct svc_event *ev,
    long long *id, struct svc_err *e)
{
	sqlite3_stmt *st = stmt(db, ST_EVENT_ADD, e);

	if (st == NULL)
		return -1;
	bind_event(st, 0, ev);
	if (step_done(db, st, e, "cannot store event") < 0)
		return -1;
	if (sqlite3_changes(sq(db)->h) == 0)
		return 0;
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(sq(db)->h);
	return 1;
}

/* The INSERT of SVC_DB_EVENT_ROWS events, made on first use. */
static sqlite3_stmt *
many_stmt(struct svc_db *db, struct svc_err *e)
{
	struct svc_buf sql = { 0 };

	if (sq(db)->many != NULL)
		return sq(db)->many;
	/*
	 * OR FAIL: a statement of many rows that may abort halfway has
	 * SQLite save every page it touches first, to undo its own part
	 * (the statement journal: 2.7 GB written to a temporary file for
	 * a million rows, a fifth of the import). A failed row fails the
	 * whole transaction here anyway, so the rows before it in the
	 * statement may stay until the rollback.
	 */
	svc_buf_adds(&sql, "INSERT OR FAIL" EVENT_INTO " VALUES ");
	for (int i = 0; i < SVC_DB_EVENT_ROWS; i++)
		svc_buf_adds(&sql, i ? ", (" EVENT_QS ")" : "(" EVENT_QS ")");
	svc_buf_adds(&sql, " ON CONFLICT(uid) DO NOTHING");
	if (sqlite3_prepare_v3(sq(db)->h, sql.s, -1, SQLITE_PREPARE_PERSISTENT,
	    &sq(db)->many, NULL) != SQLITE_OK) {
		sq(db)->many = NULL;
		dberr(db, e, "cannot prepare statement");
	}
	svc_buf_release(&sql);
	return sq(db)->many;
}

static int
has_uid(const struct svc_event *ev)
{
	return ev->uid != NULL && *ev->uid != '\0';
}

/*
 * Calls skipped for the rows of evs[at..at + n), one statement's, that it
 * did not store; it stored `changes`. Those it stored took the ids after
 * every earlier row, in order: a row whose uid holds an older id was
 * skipped, and so was one whose uid an earlier row of the statement
 * stored.
 */
static int
find_skipped(struct svc_db *db, const struct svc_event *evs, size_t at,
    size_t n, long changes, svc_db_skipped_fn skipped, void *arg,
    struct svc_err *e)
{
	long long first = changes > 0 ?
	    sqlite3_last_insert_rowid(sq(db)->h) - changes + 1 : LLONG_MAX;
	struct svc_event stored;
	size_t j, k;
	int rc;

	for (j = at; j < at + n; j++) {
		if (!has_uid(&evs[j]))
			continue;
		if ((rc = svc_sq_event_by_uid(db, evs[j].uid, &stored, e)) < 0)
			return -1;
		if (rc == 0)
			continue;
		if (stored.id >= first) {
			for (k = at; k < j; k++)
				if (has_uid(&evs[k]) &&
				    strcmp(evs[k].uid, evs[j].uid) == 0)
					break;
			if (k == j)
				continue;
		}
		if (skipped(arg, j, &stored, e) != 0)
			return -1;
	}
	return 0;
}

int
svc_db_event_add_many(struct svc_db *db, const struct svc_event *evs,
    size_t n, long *added, svc_db_skipped_fn skipped, void *arg,
    struct svc_err *e)
{
	struct svc_event stored;
	sqlite3_stmt *st;
	size_t i = 0;
	long changes;
	int rc;

	/*
	 * One statement per SVC_DB_EVENT_ROWS rows: SQLite opens its
	 * cursors and seeks to the table's end once for them all (a sixth
	 * less time inserting a million rows); the rest one by one.
	 */
	for (; n - i >= SVC_DB_EVENT_ROWS; i += SVC_DB_EVENT_ROWS) {
		if ((st = many_stmt(db, e)) == NULL)
			return -1;
		for (int j = 0; j < SVC_DB_EVENT_ROWS; j++)
			bind_event(st, j * EVENT_PARAMS, &evs[i + j]);
		if (step_done(db, st, e, "cannot store events") < 0)
			return -1;
		changes = sqlite3_changes(sq(db)->h);
		*added += changes;
		if (changes < SVC_DB_EVENT_ROWS && skipped != NULL &&
		    find_skipped(db, evs, i, SVC_DB_EVENT_ROWS, changes,
		    skipped, arg, e) < 0)
			return -1;
	}
	for (; i < n; i++) {
		if ((rc = svc_sq_event_add(db, &evs[i], NULL, e)) < 0)
			return -1;
		*added += rc;
		if (rc == 0 && skipped != NULL &&
		    ((rc = svc_sq_event_by_uid(db, evs[i].uid, &stored,
		    e)) < 0 || (rc == 1 && skipped(arg, i, &stored, e) != 0)))
			return -1;
	}
	return 0;
}

/* Whether late of n rows came after a later one too often for order. */
static int
out_of_order(long late, long n)
{
	return late > n / LATE_SHARE + LATE_SLACK;
}

/* Gives the connection its own page cache back, if the session set one. */
static void
cache_restore(struct svc_db *db)
{
	char sql[64];

	if (sq(db)->imp.cache_kib == 0)
		return;
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = %d",
	    sq(db)->imp.cache_was);
	sqlite3_exec(sq(db)->h, sql, NULL, NULL, NULL);
	sq(db)->imp.cache_kib = 0;
}

/* Sizes the page cache for the uid index the session inserts into at
 * random, once its uids came out of order. */
static int
cache_for_uids(struct svc_db *db, struct svc_err *e)
{
	struct sq_db *q = sq(db);
	long long kib;
	char sql[64];

	if (!out_of_order(q->imp.uid_late, q->imp.uids))
		return 0;
	kib = (q->imp.had + q->imp.rows) *
	    (q->imp.uid_bytes / q->imp.uids + UID_ENTRY) * 3 / 2 / 1024;
	if (kib > IMPORT_CACHE_KIB)
		kib = IMPORT_CACHE_KIB;
	if (kib <= q->imp.cache_kib || kib <= q->imp.was_kib)
		return 0;
	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%lld", kib);
	if (exec(db, sql, e) < 0)
		return -1;
	q->imp.cache_kib = (int)kib;
	return 0;
}

static int
svc_sq_import_begin(struct svc_db *db, struct svc_err *e)
{
	int page;

	/*
	 * The caller checked every reference the rows write; SQLite
	 * checking them again costs a million lookups, an eighth of an
	 * import. The switch only works outside a transaction.
	 */
	if (svc_db_foreign_keys(db, 0, e) < 0)
		return -1;
	memset(&sq(db)->imp, 0, sizeof(sq(db)->imp));
	if (query_int(db, "PRAGMA cache_size", &sq(db)->imp.cache_was, e) < 0 ||
	    query_int(db, "PRAGMA page_size", &page, e) < 0)
		return -1;
	sq(db)->imp.was_kib = sq(db)->imp.cache_was < 0 ?
	    -(long long)sq(db)->imp.cache_was :
	    (long long)sq(db)->imp.cache_was * page / 1024;
	sq(db)->imp.on = 1;
	sq(db)->imp.had = -1;
	return 0;
}

/*
 * Counts a row of the session at t, and drops the indexes when the rows
 * so far are enough of the ledger. Once they are a good part of the
 * table, rebuilding its indexes at the end costs less than updating them
 * (into an empty ledger, from the first row); a small import into a big
 * ledger keeps them. Rows in time order only add to the end of the index
 * on t, so it stays while they are.
 */
static int
import_step(struct svc_db *db, const struct svc_event *ev, struct svc_err *e)
{
	struct sq_db *q = sq(db);
	size_t len;
	int look;

	if (!q->imp.on)
		return 0;
	if (q->imp.had < 0)
		q->imp.had = svc_db_event_max_id(db);
	if (ev->t < q->imp.last)
		q->imp.late++;
	else
		q->imp.last = ev->t;
	if (has_uid(ev)) {
		len = strlen(ev->uid);
		if (q->imp.uids > 0 && strcmp(ev->uid, q->uid.s) < 0)
			q->imp.uid_late++;
		q->imp.uids++;
		q->imp.uid_bytes += (long long)len;
		svc_buf_reset(&q->uid);
		svc_buf_add(&q->uid, ev->uid, len);
	}
	q->imp.rows++;
	look = (q->imp.rows & (q->imp.rows - 1)) == 0 ||
	    q->imp.rows % BULK_STEP == 0;
	if (look && cache_for_uids(db, e) < 0)
		return -1;
	if (!q->imp.dropped && look && q->imp.rows >= q->imp.had / 2) {
		q->imp.dropped = 1;
		q->imp.keep_time = q->imp.late <= q->imp.rows / LATE_SHARE;
		return svc_db_bulk_start(db, q->imp.keep_time, e);
	}
	if (q->imp.keep_time && out_of_order(q->imp.late, q->imp.rows)) {
		q->imp.keep_time = 0;
		return svc_db_bulk_start(db, 0, e);
	}
	return 0;
}

static int
svc_sq_import_rows(struct svc_db *db, const struct svc_event *evs,
    size_t n, long *added, svc_db_skipped_fn skipped, void *arg,
    struct svc_err *e)
{
	for (size_t i = 0; i < n; i++)
		if (import_step(db, &evs[i], e) < 0)
			return -1;
	return svc_db_event_add_many(db, evs, n, added, skipped, arg, e);
}

static int
svc_sq_import_one(struct svc_db *db, const struct svc_event *ev,
    long long *id, struct svc_err *e)
{
	if (import_step(db, ev, e) < 0)
		return -1;
	return svc_sq_event_add(db, ev, id, e);
}

static int
svc_sq_import_end(struct svc_db *db, struct svc_err *e)
{
	cache_restore(db);
	memset(&sq(db)->imp, 0, sizeof(sq(db)->imp));
	return svc_db_foreign_keys(db, 1, e);
}

/* Fills ev from a row laid out as EVENT_COLS. */
static void
event_fill(struct svc_db *db, sqlite3_stmt *st, struct svc_event *ev)
{
	ev->id = sqlite3_column_int64(st, 0);
	ev->t = (time_t)sqlite3_column_int64(st, 1);
	ev->ts = svc_time_format(ev->t, sq(db)->ts);
	ev->staff = col(st, 2);
	ev->kind = col(st, 3);
	if (sqlite3_column_type(st, 4) == SQLITE_NULL)
		ev->value = "";
	else
		ev->value = svc_fmt_num(sqlite3_column_double(st, 4), sq(db)->num);
	ev->customer = col(st, 5);
	ev->channel = col(st, 6);
	ev->dept = col(st, 7);
	ev->note = col(st, 8);
	ev->uid = col(st, 9);
	ev->logged_by = col(st, 10);
	ev->logged = (time_t)sqlite3_column_int64(st, 11);
	ev->logged_at = svc_time_format(ev->logged, sq(db)->logged);
	ev->void_of = sqlite3_column_int64(st, 12);
	ev->voided_by = sqlite3_column_int64(st, 13);
	ev->batch = sqlite3_column_int64(st, 14);
	ev->late_reason = col(st, 15);
	ev->fields = col(st, 16);
}

/* The one event st, bound, finds: as svc_db_event_get. */
static int
event_one(struct svc_db *db, sqlite3_stmt *st, struct svc_event *ev,
    struct svc_err *e)
{
	const char **strs[] = { &ev->ts, &ev->staff, &ev->kind, &ev->value,
	    &ev->customer, &ev->channel, &ev->dept, &ev->note, &ev->uid,
	    &ev->logged_by, &ev->logged_at, &ev->late_reason, &ev->fields };
	size_t off[sizeof(strs) / sizeof(strs[0])];
	int rc;

	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		/* copy out: the row dies with the reset below */
		event_fill(db, st, ev);
		svc_buf_reset(&sq(db)->row);
		for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
			off[i] = sq(db)->row.len;
			svc_buf_add(&sq(db)->row, *strs[i], strlen(*strs[i]) + 1);
		}
		for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++)
			*strs[i] = sq(db)->row.s + off[i];
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dberr(db, e, "cannot read event");
	return rc == SQLITE_ROW;
}

static int
svc_sq_event_get(struct svc_db *db, long long id, struct svc_event *ev,
    struct svc_err *e)
{
	sqlite3_stmt *st = stmt(db, ST_EVENT_GET, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return event_one(db, st, ev, e);
}

static int
svc_sq_event_by_uid(struct svc_db *db, const char *uid,
    struct svc_event *ev, struct svc_err *e)
{
	sqlite3_stmt *st = stmt(db, ST_EVENT_UID, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, uid, -1, SQLITE_STATIC);
	return event_one(db, st, ev, e);
}

static int
svc_sq_events_each(struct svc_db *db, const struct svc_event_filter *f,
    int (*fn)(void *arg, const struct svc_event *ev), void *arg,
    struct svc_err *e)
{
	struct svc_buf sql = { 0 };
	sqlite3_stmt *st = NULL;
	int rc, stop = 0, n = 0;

	/* Built from fixed fragments; every value is a bound parameter. */
	svc_buf_adds(&sql, EVENT_COLS " WHERE 1");
	if (f->has_range)
		svc_buf_adds(&sql, " AND e.t >= :start AND e.t < :end");
	if (f->staff)
		svc_buf_adds(&sql, " AND e.staff = :staff");
	if (f->kind)
		svc_buf_adds(&sql, " AND e.kind = :kind");
	if (f->dept)
		svc_buf_adds(&sql, " AND e.dept = :dept");
	if (f->batch)
		svc_buf_adds(&sql, " AND e.batch = :batch AND e.id >"
		    " (SELECT after FROM batch WHERE id = :batch)");
	if (f->active)
		svc_buf_adds(&sql, " AND v.id IS NULL AND e.void_of IS NULL");
	/*
	 * A batch's events lie after batch.after: SQLite would rather walk
	 * event_t over the whole ledger to save a sort, unless told the
	 * order's column is an expression (+).
	 */
	svc_buf_adds(&sql, f->batch ? " ORDER BY +e.t, e.id" :
	    " ORDER BY e.t, e.id");
	if (sqlite3_prepare_v2(sq(db)->h, sql.s, -1, &st, NULL) != SQLITE_OK) {
		svc_buf_release(&sql);
		return dberr(db, e, "cannot list events");
	}
	svc_buf_release(&sql);
#define BIND(name, call) \
	if ((n = sqlite3_bind_parameter_index(st, name)) > 0) call
	BIND(":start", sqlite3_bind_int64(st, n, (sqlite3_int64)f->start));
	BIND(":end", sqlite3_bind_int64(st, n, (sqlite3_int64)f->end));
	BIND(":staff", sqlite3_bind_text(st, n, f->staff, -1, SQLITE_STATIC));
	BIND(":kind", sqlite3_bind_text(st, n, f->kind, -1, SQLITE_STATIC));
	BIND(":dept", sqlite3_bind_text(st, n, f->dept, -1, SQLITE_STATIC));
	BIND(":batch", sqlite3_bind_int64(st, n, f->batch));
#undef BIND
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct svc_event ev;

		event_fill(db, st, &ev);
		stop = fn(arg, &ev);
	}
	return svc_db_sqlite_each_end(db, st, rc, stop, e, "cannot list events");
}

/* A voided event and the event voiding it. */
struct voidpair {
	long long of, by;
};

static int
voidpair_cmp(const void *a, const void *b)
{
	const struct voidpair *x = a, *y = b;

	return (x->of > y->of) - (x->of < y->of);
}

int
svc_db_scan_by_rowid(const long long *ts, size_t n, long long start,
    long long end)
{
	size_t i, in = 0, back = 0;
	long long prev = 0;

	for (i = 0; i < n; i++) {
		if (ts[i] < start || ts[i] >= end)
			continue;
		if (in++ > 0 && ts[i] < prev)
			back++;
		prev = ts[i];
	}
	return in >= 8 && in * 5 >= n && back * 4 > in - 1;
}

size_t
svc_db_scan_sample(struct svc_db *db, long long *ts)
{
	long long lo = 0, hi = 0, last = 0;
	sqlite3_stmt *st = NULL;
	size_t i, n = 0;

	/* apart: min and max together would read the whole table */
	if (sqlite3_prepare_v2(sq(db)->h, "SELECT (SELECT min(id) FROM event),"
	    " (SELECT max(id) FROM event)", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		lo = sqlite3_column_int64(st, 0);
		hi = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (hi > lo && sqlite3_prepare_v2(sq(db)->h, "SELECT id, t FROM event"
	    " WHERE id >= ?1 ORDER BY id LIMIT 1", -1, &st, NULL) == SQLITE_OK)
		for (i = 0; i < SVC_DB_SCAN_SAMPLES; i++) {
			/* in long double: (hi - lo) * i may not fit */
			sqlite3_int64 at = lo + (sqlite3_int64)((long double)
			    (hi - lo) * i / (SVC_DB_SCAN_SAMPLES - 1));

			sqlite3_bind_int64(st, 1, at);
			if (sqlite3_step(st) != SQLITE_ROW)
				break;
			/* a small table gives some rows twice */
			if (n == 0 || sqlite3_column_int64(st, 0) != last) {
				last = sqlite3_column_int64(st, 0);
				ts[n++] = sqlite3_column_int64(st, 1);
			}
			sqlite3_reset(st);
		}
	sqlite3_finalize(st);
	return n;
}

/*
 * The scoring scan's statement for [start, end): by event_t, or by the
 * rowid and SQLite's sorter when svc_db_scan_by_rowid says so of the
 * rows svc_db_scan_sample takes (64 seeks, well under a millisecond).
 * Both give the rows in the same (t, id) order.
 */
static const char *
scan_sql(struct svc_db *db, time_t start, time_t end)
{
	long long ts[SVC_DB_SCAN_SAMPLES];
	size_t n = svc_db_scan_sample(db, ts);

	return svc_db_scan_by_rowid(ts, n, (long long)start, (long long)end) ?
	    "SELECT id, t, staff, kind, value, void_of, note, fields, customer"
	    " FROM event NOT INDEXED WHERE t >= ?1 AND t < ?2 ORDER BY t, id" :
	    "SELECT id, t, staff, kind, value, void_of, note, fields, customer"
	    " FROM event WHERE t >= ?1 AND t < ?2 ORDER BY t, id";
}

/*
 * Voids are few, so they are read once, by the void_of index, rather
 * than looked up for every event (a join that cost a fifth of a scoring
 * run); the columns the scorer has no use for are not read at all.
 */
static int
scan(struct svc_db *db, time_t start, time_t end,
    int (*fn)(void *arg, const struct svc_event *ev), void *arg,
    struct svc_err *e)
{
	struct voidpair *v = NULL, key, *hit;
	size_t nv = 0, cap = 0;
	sqlite3_stmt *st = NULL;
	int rc, stop = 0;

	if (sqlite3_prepare_v2(sq(db)->h, "SELECT void_of, id FROM event"
	    " WHERE void_of IS NOT NULL", -1, &st, NULL) != SQLITE_OK)
		return dberr(db, e, "cannot list voided events");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (nv == cap) {
			cap = cap ? 2 * cap : 64;
			v = svc_xrealloc(v, cap * sizeof(*v));
		}
		v[nv].of = sqlite3_column_int64(st, 0);
		v[nv++].by = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (rc != SQLITE_DONE) {
		dberr(db, e, "cannot list voided events");
		goto fail;
	}
	if (nv > 1)
		qsort(v, nv, sizeof(*v), voidpair_cmp);
	if (sqlite3_prepare_v2(sq(db)->h, scan_sql(db, start, end), -1,
	    &st, NULL) != SQLITE_OK) {
		dberr(db, e, "cannot list events");
		goto fail;
	}
	sqlite3_bind_int64(st, 1, (sqlite3_int64)start);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)end);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct svc_event ev = { .channel = "",
		    .dept = "", .uid = "", .logged_by = "", .logged_at = "",
		    .late_reason = "" };

		ev.id = sqlite3_column_int64(st, 0);
		ev.t = (time_t)sqlite3_column_int64(st, 1);
		ev.ts = svc_time_format(ev.t, sq(db)->ts);
		ev.staff = col(st, 2);
		ev.kind = col(st, 3);
		if (sqlite3_column_type(st, 4) == SQLITE_NULL)
			ev.value = "";
		else
			ev.value = svc_fmt_num(sqlite3_column_double(st, 4),
			    sq(db)->num);
		ev.void_of = sqlite3_column_int64(st, 5);
		/* [limit.*] match looks at the note, the fields and the
		   customer; value_from's value is stored, so scores need
		   no fields */
		ev.note = col(st, 6);
		ev.fields = col(st, 7);
		ev.customer = col(st, 8);
		key.of = ev.id;
		key.by = 0;
		if (nv > 0 && (hit = bsearch(&key, v, nv, sizeof(*v),
		    voidpair_cmp)) != NULL)
			ev.voided_by = hit->by;
		stop = fn(arg, &ev);
	}
	if (!stop && rc != SQLITE_DONE) {
		dberr(db, e, "cannot list events");
		goto fail;
	}
	sqlite3_finalize(st);
	free(v);
	return stop;
fail:
	sqlite3_finalize(st);
	free(v);
	return -1;
}

static int
svc_sq_events_scan(struct svc_db *db, time_t start, time_t end,
    int (*fn)(void *arg, const struct svc_event *ev), void *arg,
    struct svc_err *e)
{
	int own = sqlite3_get_autocommit(sq(db)->h), rc;

	/* a read transaction: a void committed between the two reads must
	 * not be half seen */
	if (own && exec(db, "BEGIN", e) < 0)
		return -1;
	rc = scan(db, start, end, fn, arg, e);
	if (own)
		sqlite3_exec(sq(db)->h, "COMMIT", NULL, NULL, NULL);
	return rc;
}

static int
svc_sq_scores_save(struct svc_db *db, const char *period, const char *policy,
    const char *hash, const struct svc_score *const *rows, size_t n,
    struct svc_err *e)
{
	sqlite3_stmt *del = NULL, *ins = NULL;
	const char *now = now_iso(db);

	if (sqlite3_prepare_v2(sq(db)->h, "DELETE FROM score WHERE period = ?1"
	    " AND policy = ?2", -1, &del, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(sq(db)->h, "INSERT INTO score(period, policy,"
	    " policy_hash, staff, name, dept, position, unit, base, deductions,"
	    " bonuses, joint, score, complaints, praises, events, eligible,"
	    " reason, saved_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
	    " ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)", -1, &ins,
	    NULL) != SQLITE_OK) {
		dberr(db, e, "cannot save scores");
		goto fail;
	}
	sqlite3_bind_text(del, 1, period, -1, SQLITE_STATIC);
	sqlite3_bind_text(del, 2, policy, -1, SQLITE_STATIC);
	if (step_done(db, del, e, "cannot replace saved scores") < 0)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		const struct svc_score *r = rows[i];

		sqlite3_reset(ins);
		sqlite3_bind_text(ins, 1, period, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, policy, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, hash, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 4, r->staff, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 5, r->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 6, r->dept, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 7, r->position, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 8, r->unit, -1, SQLITE_STATIC);
		if (r->has_score) {
			sqlite3_bind_double(ins, 9, r->base);
			sqlite3_bind_double(ins, 13, r->score);
		} else {
			sqlite3_bind_null(ins, 9);
			sqlite3_bind_null(ins, 13);
		}
		sqlite3_bind_double(ins, 10, r->deductions);
		sqlite3_bind_double(ins, 11, r->bonuses);
		sqlite3_bind_double(ins, 12, r->joint);
		sqlite3_bind_int64(ins, 14, r->complaints);
		sqlite3_bind_int64(ins, 15, r->praises);
		sqlite3_bind_int64(ins, 16, r->events);
		sqlite3_bind_int(ins, 17, r->eligible != 0);
		sqlite3_bind_text(ins, 18, r->reason, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 19, now, -1, SQLITE_STATIC);
		if (step_done(db, ins, e, "cannot save scores") < 0)
			goto fail;
	}
	sqlite3_finalize(del);
	sqlite3_finalize(ins);
	return 0;
fail:
	sqlite3_finalize(del);
	sqlite3_finalize(ins);
	return -1;
}

static void
bind_time(sqlite3_stmt *st, int i, const char *s, time_t t)
{
	if (s == NULL || *s == '\0')
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, (sqlite3_int64)t);
}

static int
svc_sq_order_add(struct svc_db *db, const struct svc_order *o, long long *id,
    struct svc_err *e)
{
	sqlite3_stmt *st = stmt(db, ST_ORDER_ADD, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 1, o->opened, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)o->opened_t);
	sqlite3_bind_text(st, 3, o->customer, -1, SQLITE_STATIC);
	bind_text(st, 4, o->channel);
	bind_text(st, 5, o->dept);
	sqlite3_bind_text(st, 6, o->matter, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, o->first_asked, -1, SQLITE_STATIC);
	bind_text(st, 8, o->assignee);
	bind_text(st, 9, o->due);
	bind_time(st, 10, o->due, o->due_t);
	sqlite3_bind_text(st, 11, o->status, -1, SQLITE_STATIC);
	bind_text(st, 12, o->closed);
	bind_time(st, 13, o->closed, o->closed_t);
	bind_text(st, 14, o->resolution);
	bind_text(st, 15, o->reason);
	if (o->revisit > 0)
		sqlite3_bind_int64(st, 16, o->revisit);
	sqlite3_bind_text(st, 17, o->category ? o->category : "", -1,
	    SQLITE_STATIC);
	bind_text(st, 18, o->fields);
	if (o->due_work > 0)
		sqlite3_bind_int(st, 19, o->due_work);
	if (step_done(db, st, e, "cannot store work order") < 0)
		return -1;
	*id = sqlite3_last_insert_rowid(sq(db)->h);
	return 0;
}

static int
svc_sq_order_update(struct svc_db *db, const struct svc_order *o,
    struct svc_err *e)
{
	sqlite3_stmt *st = stmt(db, ST_ORDER_UPDATE, e);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, o->id);
	bind_text(st, 2, o->assignee);
	bind_text(st, 3, o->dept);
	sqlite3_bind_text(st, 4, o->status, -1, SQLITE_STATIC);
	bind_text(st, 5, o->closed);
	bind_time(st, 6, o->closed, o->closed_t);
	bind_text(st, 7, o->resolution);
	bind_text(st, 8, o->reason);
	bind_text(st, 9, o->notified);
	bind_time(st, 10, o->notified, o->notified_t);
	return step_done(db, st, e, "cannot update work order");
}

static void
order_fill(sqlite3_stmt *st, struct svc_order *o)
{
	o->id = sqlite3_column_int64(st, 0);
	o->opened = svc_xstrdup(col(st, 1));
	o->opened_t = (time_t)sqlite3_column_int64(st, 2);
	o->customer = svc_xstrdup(col(st, 3));
	o->channel = svc_xstrdup(col(st, 4));
	o->dept = svc_xstrdup(col(st, 5));
	o->matter = svc_xstrdup(col(st, 6));
	o->first_asked = svc_xstrdup(col(st, 7));
	o->assignee = svc_xstrdup(col(st, 8));
	o->due = svc_xstrdup(col(st, 9));
	o->due_t = (time_t)sqlite3_column_int64(st, 10);
	o->status = svc_xstrdup(col(st, 11));
	o->closed = svc_xstrdup(col(st, 12));
	o->closed_t = (time_t)sqlite3_column_int64(st, 13);
	o->resolution = svc_xstrdup(col(st, 14));
	o->reason = svc_xstrdup(col(st, 15));
	o->revisit = sqlite3_column_int64(st, 16);
	o->category = svc_xstrdup(col(st, 17));
	o->fields = svc_xstrdup(col(st, 18));
	o->notified = svc_xstrdup(col(st, 19));
	o->notified_t = (time_t)sqlite3_column_int64(st, 20);
	o->due_work = sqlite3_column_int(st, 21);
}

static int
order_one(struct svc_db *db, enum stmt which, long long key,
    struct svc_order *o, struct svc_err *e)
{
	sqlite3_stmt *st = stmt(db, which, e);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		order_fill(st, o);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return dberr(db, e, "cannot read work order");
	return rc == SQLITE_ROW;
}

static int
svc_sq_order_get(struct svc_db *db, long long id, struct svc_order *o,
    struct svc_err *e)
{
	return order_one(db, ST_ORDER_GET, id, o, e);
}

static int
svc_sq_event_last(struct svc_db *db, const char *staff, const char *kind,
    const char *prefix, time_t *t, long long *id, struct svc_err *e)
{
	sqlite3_stmt *st;
	int rc;

	/* through event_staff_t: one person's events, not the ledger's */
	if (sqlite3_prepare_v2(sq(db)->h, "SELECT t, id FROM event"
	    " WHERE staff = ?1 AND kind = ?2"
	    " AND substr(note, 1, length(?3)) = ?3"
	    " ORDER BY t DESC, id DESC LIMIT 1", -1, &st, NULL) !=
	    SQLITE_OK)
		return dberr(db, e, "cannot read events");
	sqlite3_bind_text(st, 1, staff, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, prefix, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sqlite3_finalize(st);
		return dberr(db, e, "cannot read events");
	}
	if (rc == SQLITE_ROW) {
		*t = (time_t)sqlite3_column_int64(st, 0);
		if (id != NULL)
			*id = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW;
}

static int
svc_sq_order_of_revisit(struct svc_db *db, long long revisit,
    struct svc_order *o, struct svc_err *e)
{
	return order_one(db, ST_ORDER_REVISIT, revisit, o, e);
}

static int
svc_sq_orders_each(struct svc_db *db,
    int (*fn)(void *arg, const struct svc_order *o), void *arg,
    struct svc_err *e)
{
	sqlite3_stmt *st = stmt(db, ST_ORDER_ALL, e);
	int rc, stop = 0;

	if (st == NULL)
		return -1;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct svc_order o;

		order_fill(st, &o);
		stop = fn(arg, &o);
		svc_order_release(&o);
	}
	sqlite3_reset(st);
	if (!stop && rc != SQLITE_DONE)
		return dberr(db, e, "cannot read work orders");
	return stop;
}

static int
svc_sq_batch_late(struct svc_db *db, long long batch, const char *reason,
    struct svc_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(sq(db)->h, "UPDATE batch SET late_reason = ?1"
	    " WHERE id = ?2", -1, &st, NULL) != SQLITE_OK)
		return dberr(db, e, "cannot mark the batch late");
	bind_text(st, 1, reason);
	sqlite3_bind_int64(st, 2, batch);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return dberr(db, e, "cannot mark the batch late");
	return 0;
}

static int
svc_sq_paid_periods(struct svc_db *db, const char *policy,
    int (*fn)(void *arg, const char *period, const char *on,
    const char *at), void *arg, struct svc_err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = SQLITE_DONE, stop = 0;

	/* a period is paid in one step: its first paid row is the payment */
	if (sqlite3_prepare_v2(sq(db)->h, "SELECT a.period, s.on_date, s.at"
	    " FROM award_status s JOIN award a ON a.id = s.award"
	    " WHERE s.id IN (SELECT min(s2.id) FROM award_status s2"
	    " JOIN award a2 ON a2.id = s2.award"
	    " WHERE s2.status = 'paid' AND a2.policy = ?1"
	    " GROUP BY a2.period)"
	    " ORDER BY a.period", -1, &st, NULL) != SQLITE_OK)
		return dberr(db, e, "cannot read paid periods");
	bind_text(st, 1, policy);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW)
		stop = fn(arg, col(st, 0), col(st, 1), col(st, 2));
	return svc_db_sqlite_each_end(db, st, rc, stop, e, "cannot read paid periods");
}

/* A row's cells as types says, borrowed from st's row. */
static void
cells_fill(sqlite3_stmt *st, const char *types, struct svc_db_cell *row)
{
	for (int i = 0; types[i] != '\0'; i++) {
		struct svc_db_cell *c = &row[i];

		memset(c, 0, sizeof(*c));
		if (sqlite3_column_type(st, i) == SQLITE_NULL)
			continue;
		c->type = types[i] == 'i' ? SVC_DB_INT : types[i] == 'r' ?
		    SVC_DB_REAL : SVC_DB_TEXT;
		c->i = sqlite3_column_int64(st, i);
		c->d = sqlite3_column_double(st, i);
		c->s = col(st, i);
	}
}

static int
svc_sq_rows_each(struct svc_db *db, const char *sql, const char *types,
    int (*fn)(void *arg, const struct svc_db_cell *row), void *arg,
    struct svc_err *e)
{
	struct svc_db_cell row[32];
	sqlite3_stmt *st = NULL;
	int rc, stop = 0;

	if (strlen(types) > sizeof(row) / sizeof(row[0]))
		return svc_err_set(e, db->path, 0, NULL, "too many columns");
	if (sqlite3_prepare_v2(sq(db)->h, sql, -1, &st, NULL) != SQLITE_OK)
		return dberr(db, e, "cannot read the ledger");
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		cells_fill(st, types, row);
		stop = fn(arg, row);
	}
	return svc_db_sqlite_each_end(db, st, rc, stop, e,
	    "cannot read the ledger");
}

static int
svc_sq_row_put(struct svc_db *db, const char *table, const char *cols,
    const struct svc_db_cell *row, size_t n, struct svc_err *e)
{
	struct sq_db *q = sq(db);

	/* one statement per table, kept while its rows come */
	if (q->put == NULL || q->put_table != table) {
		struct svc_buf sql = { 0 };

		sqlite3_finalize(q->put);
		q->put_table = table;
		svc_buf_printf(&sql, "INSERT INTO %s(%s) VALUES (?", table,
		    cols);
		for (size_t i = 1; i < n; i++)
			svc_buf_adds(&sql, ", ?");
		svc_buf_adds(&sql, ")");
		if (sqlite3_prepare_v2(q->h, sql.s, -1, &q->put, NULL) !=
		    SQLITE_OK) {
			svc_buf_release(&sql);
			q->put = NULL;
			return dberr(db, e, "cannot copy");
		}
		svc_buf_release(&sql);
	}
	sqlite3_reset(q->put);
	for (size_t i = 0; i < n; i++) {
		const struct svc_db_cell *c = &row[i];
		int k = (int)i + 1;

		if (c->type == SVC_DB_INT)
			sqlite3_bind_int64(q->put, k, c->i);
		else if (c->type == SVC_DB_REAL)
			sqlite3_bind_double(q->put, k, c->d);
		else if (c->type == SVC_DB_TEXT)
			sqlite3_bind_text(q->put, k, c->s, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(q->put, k);
	}
	return step_done(db, q->put, e, "cannot copy");
}

static int
svc_sq_rows_flush(struct svc_db *db, struct svc_err *e)
{
	/* every row went in as it came */
	(void)e;
	sqlite3_finalize(sq(db)->put);
	sq(db)->put = NULL;
	sq(db)->put_table = NULL;
	return 0;
}

static const struct svc_db_ops sqlite_ops = {
	.close = svc_sq_close,
	.checkpoint = svc_sq_checkpoint,
	.begin = svc_sq_begin,
	.commit = svc_sq_commit,
	.rollback = svc_sq_rollback,
	.staff_put = svc_sq_staff_put,
	.customer_put = svc_sq_customer_put,
	.staff_get = svc_sq_staff_get,
	.customer_get = svc_sq_customer_get,
	.staff_each = svc_sq_staff_each,
	.customer_each = svc_sq_customer_each,
	.contacts_put = svc_sq_contacts_put,
	.contacts_each = svc_sq_contacts_each,
	.batch_new = svc_sq_batch_new,
	.import_begin = svc_sq_import_begin,
	.import_rows = svc_sq_import_rows,
	.import_one = svc_sq_import_one,
	.import_end = svc_sq_import_end,
	.event_add = svc_sq_event_add,
	.event_get = svc_sq_event_get,
	.event_by_uid = svc_sq_event_by_uid,
	.events_each = svc_sq_events_each,
	.events_scan = svc_sq_events_scan,
	.order_add = svc_sq_order_add,
	.order_update = svc_sq_order_update,
	.order_get = svc_sq_order_get,
	.event_last = svc_sq_event_last,
	.order_of_revisit = svc_sq_order_of_revisit,
	.orders_each = svc_sq_orders_each,
	.order_wait = svc_sq_order_wait,
	.order_waits_each = svc_sq_order_waits_each,
	.scores_save = svc_sq_scores_save,
	.scores_each = svc_sq_scores_each,
	.award_add = svc_sq_award_add,
	.award_post = svc_sq_award_post,
	.award_status_add = svc_sq_award_status_add,
	.award_status = svc_sq_award_status,
	.awards_each = svc_sq_awards_each,
	.award_last_change = svc_sq_award_last_change,
	.award_changes_each = svc_sq_award_changes_each,
	.objection_add = svc_sq_objection_add,
	.objection_get = svc_sq_objection_get,
	.objection_decide = svc_sq_objection_decide,
	.batch_late = svc_sq_batch_late,
	.paid_periods = svc_sq_paid_periods,
	.rows_each = svc_sq_rows_each,
	.row_put = svc_sq_row_put,
	.rows_flush = svc_sq_rows_flush,
};
