/*
 * The PostgreSQL backend (db-backend.h), over libpq: the connection, the
 * schema and its steps, transactions, and the ledger's rows but the
 * saved results, which are lib/db-pg-award.c's. They share db-pg.h.
 *
 * What it keeps of SQLite's behaviour, so that every tool's output is
 * the same byte for byte on both:
 * - text sorts and compares by bytes: every text column is COLLATE "C",
 *   SQLite's BINARY;
 * - numbers come back as they went: doubles are sent with 17 digits and
 *   read with extra_float_digits 3, both exact;
 * - ids are SQLite's rowids: the highest plus one, given under the
 *   writer lock, so a rolled-back write leaves no gap (a sequence would);
 * - writers queue: svc_db_begin locks svc_meta IN EXCLUSIVE MODE as its
 *   transaction's first statement, as BEGIN IMMEDIATE takes SQLite's
 *   write lock, and everything a write decides on is read after it, in
 *   READ COMMITTED, where each statement sees every commit before it.
 *   Plain reads lock nothing and are never in the way;
 * - reads that must agree with each other (svc_db_events_scan) share one
 *   REPEATABLE READ READ ONLY snapshot.
 * Writers taking one lock first, before any other, cannot deadlock each
 * other, and READ COMMITTED writes have no serialization failures; a
 * lock wait that ends in one of those all the same is retried.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db-backend.h"
#include "db-pg.h"
#include "period.h"
#include "util.h"

/* Every text column, so that it orders and compares as SQLite's. */
#define T	"text COLLATE \"C\""

/* How long svc_db_begin waits for another writer, as SQLite's
 * busy_timeout and retries do. */
#define LOCK_WAIT	"60s"

/* The bytes of rows pg_row_put keeps before sending them. */
#define COPY_FLUSH	(4 << 20)

/* Rows a cursor brings per round trip. */
#define FETCH_ROWS	"4096"

/*
 * Schema steps: step 0 makes an empty database a ledger at version
 * SVC_DB_PG_FIRST, in one go; step i > 0 brings it from SVC_DB_PG_FIRST
 * + i - 1 to the next version, as SQLite's step of that number does.
 * Never edited once released; a new version appends a step.
 */
static const char *const steps[] = {
	/* 0 -> 8: the ledger as SQLite's schema 8 has it */
	"CREATE TABLE svc_meta ("
	"  one integer PRIMARY KEY CHECK (one = 1),"
	"  application_id integer NOT NULL,"
	"  version integer NOT NULL"
	");"
	"CREATE TABLE staff ("
	"  id " T " PRIMARY KEY,"
	"  name " T " NOT NULL,"
	"  dept " T " NOT NULL DEFAULT '',"
	"  position " T " NOT NULL DEFAULT '',"
	"  unit " T " NOT NULL DEFAULT '',"
	"  supervisor " T ","
	"  leader " T ","
	"  active integer NOT NULL DEFAULT 1 CHECK (active IN (0, 1))"
	");"
	"CREATE TABLE customer ("
	"  id " T " PRIMARY KEY,"
	"  name " T " NOT NULL,"
	"  tier " T " NOT NULL DEFAULT '',"
	"  contact " T " NOT NULL DEFAULT '',"
	"  owner " T
	");"
	"CREATE TABLE batch ("
	"  id bigint PRIMARY KEY,"
	"  started " T " NOT NULL,"
	"  tool " T " NOT NULL,"
	"  source " T " NOT NULL,"
	"  logged_by " T " NOT NULL,"
	"  after bigint NOT NULL DEFAULT 0,"
	"  late_reason " T
	");"
	"CREATE TABLE event ("
	"  id bigint PRIMARY KEY,"
	"  t bigint NOT NULL,"
	"  staff " T " NOT NULL REFERENCES staff(id),"
	"  kind " T " NOT NULL,"
	"  value double precision,"
	"  customer " T " REFERENCES customer(id),"
	"  channel " T ","
	"  dept " T ","
	"  note " T ","
	"  uid " T " UNIQUE,"
	"  logged bigint NOT NULL,"
	"  void_of bigint REFERENCES event(id),"
	"  batch bigint NOT NULL REFERENCES batch(id)"
	");"
	"CREATE INDEX event_t ON event(t);"
	"CREATE INDEX event_staff_t ON event(staff, t);"
	"CREATE UNIQUE INDEX event_void_of ON event(void_of)"
	"  WHERE void_of IS NOT NULL;"
	"CREATE TABLE score ("
	"  period " T " NOT NULL,"
	"  policy " T " NOT NULL,"
	"  policy_hash " T " NOT NULL,"
	"  staff " T " NOT NULL REFERENCES staff(id),"
	"  name " T " NOT NULL, dept " T " NOT NULL, position " T " NOT NULL,"
	"  unit " T " NOT NULL,"
	"  base double precision, deductions double precision NOT NULL,"
	"  bonuses double precision NOT NULL,"
	"  joint double precision NOT NULL, score double precision,"
	"  complaints bigint NOT NULL, praises bigint NOT NULL,"
	"  events bigint NOT NULL,"
	"  eligible integer NOT NULL CHECK (eligible IN (0, 1)),"
	"  reason " T " NOT NULL,"
	"  saved_at " T " NOT NULL,"
	"  PRIMARY KEY (period, policy, staff)"
	");"
	"CREATE TABLE award ("
	"  id bigint PRIMARY KEY,"
	"  period " T " NOT NULL,"
	"  policy " T " NOT NULL,"
	"  policy_hash " T " NOT NULL,"
	"  staff " T " NOT NULL REFERENCES staff(id),"
	"  name " T " NOT NULL, dept " T " NOT NULL,"
	"  type " T " NOT NULL"
	"   CHECK (type IN ('tier', 'star', 'worst', 'dismissal')),"
	"  award " T " NOT NULL,"
	"  amount double precision NOT NULL,"
	"  action " T " NOT NULL,"
	"  rank bigint, consecutive bigint,"
	"  badge " T " NOT NULL, reason " T " NOT NULL,"
	"  posted_from " T " NOT NULL, posted_until " T " NOT NULL,"
	"  payable " T " NOT NULL,"
	"  saved_at " T " NOT NULL"
	");"
	"CREATE INDEX award_period ON award(period, policy);"
	"CREATE INDEX award_staff ON award(staff, policy);"
	"CREATE TABLE award_status ("
	"  id bigint PRIMARY KEY,"
	"  award bigint NOT NULL REFERENCES award(id),"
	"  status " T " NOT NULL CHECK (status IN ('proposed', 'posted',"
	"   'approved', 'withdrawn', 'paid', 'replaced')),"
	"  on_date " T " NOT NULL,"
	"  who " T " NOT NULL,"
	"  at " T " NOT NULL,"
	"  note " T " NOT NULL"
	");"
	"CREATE INDEX award_status_award ON award_status(award, id);"
	"CREATE TABLE objection ("
	"  id bigint PRIMARY KEY,"
	"  award bigint NOT NULL REFERENCES award(id),"
	"  reason " T " NOT NULL,"
	"  on_date " T " NOT NULL,"
	"  who " T " NOT NULL,"
	"  at " T " NOT NULL"
	");"
	"CREATE INDEX objection_award ON objection(award);"
	"CREATE TABLE objection_outcome ("
	"  objection bigint PRIMARY KEY REFERENCES objection(id),"
	"  outcome " T " NOT NULL CHECK (outcome IN ('upheld', 'rejected')),"
	"  on_date " T " NOT NULL,"
	"  who " T " NOT NULL,"
	"  at " T " NOT NULL"
	");"
	"CREATE TABLE work_order ("
	"  id bigint PRIMARY KEY,"
	"  opened " T " NOT NULL,"
	"  opened_t bigint NOT NULL,"
	"  customer " T " NOT NULL REFERENCES customer(id),"
	"  channel " T ","
	"  dept " T ","
	"  matter " T " NOT NULL,"
	"  first_asked " T " NOT NULL REFERENCES staff(id),"
	"  assignee " T " REFERENCES staff(id),"
	"  due " T ","
	"  due_t bigint,"
	"  status " T " NOT NULL CHECK (status IN"
	"    ('open', 'assigned', 'closed', 'cancelled')),"
	"  closed " T ","
	"  closed_t bigint,"
	"  resolution " T ","
	"  reason " T ","
	"  revisit bigint UNIQUE REFERENCES event(id)"
	");"
	"CREATE INDEX work_order_status ON work_order(status);"
	/*
	 * svc-ledger(5)'s views, their columns as SQLite's: times written
	 * out in the session's TimeZone (PGTZ, SET TIME ZONE) where SQLite
	 * uses the process's TZ.
	 */
	"CREATE VIEW events_v AS SELECT"
	"  e.id,"
	"  to_char(to_timestamp(e.t), 'YYYY-MM-DD\"T\"HH24:MI:SSTZH:TZM')"
	"   AS ts,"
	"  to_char(to_timestamp(e.t) AT TIME ZONE 'UTC',"
	"   'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS ts_utc,"
	"  e.t, e.kind, e.value, e.staff, s.name, e.dept, e.customer,"
	"  c.name AS customer_name, e.channel, e.note, e.uid,"
	"  CASE WHEN v.id IS NULL THEN 'no' ELSE 'yes' END AS voided,"
	"  v.id AS voided_by, e.void_of,"
	"  CASE WHEN v.id IS NULL AND e.void_of IS NULL THEN 'yes' ELSE 'no'"
	"   END AS active,"
	"  e.batch, b.logged_by,"
	"  to_char(to_timestamp(e.logged),"
	"   'YYYY-MM-DD\"T\"HH24:MI:SSTZH:TZM') AS logged_at"
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
	/* 8 -> 9: work orders' waits on their customers, as SQLite's 9 */
	"CREATE TABLE work_order_wait ("
	"  id bigint PRIMARY KEY,"
	"  work_order bigint NOT NULL REFERENCES work_order(id),"
	"  began bigint NOT NULL,"
	"  ended bigint,"
	"  reason " T " NOT NULL,"
	"  CHECK (ended IS NULL OR ended >= began)"
	");"
	"CREATE INDEX work_order_wait_order ON work_order_wait(work_order,"
	"  began);"
	"CREATE UNIQUE INDEX work_order_wait_open ON"
	"  work_order_wait(work_order) WHERE ended IS NULL;",
	/* 9 -> 10: as SQLite's, an event's fields, shown by events_v */
	"ALTER TABLE event ADD COLUMN fields " T ";"
	"DROP VIEW events_v;"
	"CREATE VIEW events_v AS SELECT"
	"  e.id,"
	"  to_char(to_timestamp(e.t), 'YYYY-MM-DD\"T\"HH24:MI:SSTZH:TZM')"
	"   AS ts,"
	"  to_char(to_timestamp(e.t) AT TIME ZONE 'UTC',"
	"   'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') AS ts_utc,"
	"  e.t, e.kind, e.value, e.staff, s.name, e.dept, e.customer,"
	"  c.name AS customer_name, e.channel, e.note, e.fields, e.uid,"
	"  CASE WHEN v.id IS NULL THEN 'no' ELSE 'yes' END AS voided,"
	"  v.id AS voided_by, e.void_of,"
	"  CASE WHEN v.id IS NULL AND e.void_of IS NULL THEN 'yes' ELSE 'no'"
	"   END AS active,"
	"  e.batch, b.logged_by,"
	"  to_char(to_timestamp(e.logged),"
	"   'YYYY-MM-DD\"T\"HH24:MI:SSTZH:TZM') AS logged_at"
	" FROM event e LEFT JOIN staff s ON s.id = e.staff"
	" LEFT JOIN customer c ON c.id = e.customer"
	" LEFT JOIN batch b ON b.id = e.batch"
	" LEFT JOIN event v ON v.void_of = e.id;",
	/* 10 -> 11: as SQLite's, the customer archive (dates, contacts),
	 * work orders' category, fields and notification, and the working
	 * hours an order's due counts */
	"ALTER TABLE customer ADD COLUMN birthday " T ";"
	"ALTER TABLE customer ADD COLUMN founded " T ";"
	"ALTER TABLE customer ADD COLUMN contract_end " T ";"
	"CREATE TABLE customer_contact ("
	"  customer " T " NOT NULL REFERENCES customer(id),"
	"  seq bigint NOT NULL,"
	"  name " T " NOT NULL,"
	"  role " T ","
	"  phone " T ","
	"  birthday " T ","
	"  PRIMARY KEY (customer, seq)"
	");"
	"ALTER TABLE work_order ADD COLUMN category " T " NOT NULL"
	"  DEFAULT '';"
	"ALTER TABLE work_order ADD COLUMN fields " T ";"
	"ALTER TABLE work_order ADD COLUMN notified " T ";"
	"ALTER TABLE work_order ADD COLUMN notified_t bigint;"
	"ALTER TABLE work_order ADD COLUMN due_work integer"
	"  CHECK (due_work > 0);"
	/*
	 * An event's staff, customer and batch checked once per statement
	 * instead of the foreign keys' query per row and key (a third of
	 * an import's time on the server), with what those keys promised
	 * to every writer: the keys an insert or update names are locked
	 * FOR KEY SHARE and must exist; a staff, customer or batch named by
	 * an event cannot be deleted, re-keyed or truncated away. A writer
	 * of events first updates svc_meta's row, which one about to delete
	 * or re-key reads FOR SHARE: it waits for the writers of events in
	 * progress and, in a REPEATABLE READ or SERIALIZABLE transaction,
	 * fails to serialize if one has committed since its snapshot, whose
	 * events it could not see (the foreign keys' check used a newer
	 * snapshot for that, which a trigger cannot). As the keys' checks,
	 * the triggers run as the ledger's owner: a writer needs no rights
	 * on svc_meta, staff, customer or batch to write events.
	 */
	"ALTER TABLE event DROP CONSTRAINT event_staff_fkey,"
	"  DROP CONSTRAINT event_customer_fkey,"
	"  DROP CONSTRAINT event_batch_fkey;"
	"CREATE FUNCTION svc_event_keys() RETURNS trigger LANGUAGE plpgsql"
	"  SECURITY DEFINER SET search_path FROM CURRENT AS $f$"
	" DECLARE k text;"
	" BEGIN"
	"  UPDATE svc_meta SET one = one;"
	"  PERFORM 1 FROM staff s WHERE s.id IN (SELECT staff FROM svc_new)"
	"   ORDER BY s.id FOR KEY SHARE;"
	"  PERFORM 1 FROM customer c WHERE c.id IN (SELECT customer"
	"   FROM svc_new) ORDER BY c.id FOR KEY SHARE;"
	"  PERFORM 1 FROM batch b WHERE b.id IN (SELECT batch FROM svc_new)"
	"   ORDER BY b.id FOR KEY SHARE;"
	"  SELECT n.staff INTO k FROM svc_new n WHERE NOT EXISTS (SELECT 1"
	"   FROM staff s WHERE s.id = n.staff) LIMIT 1;"
	"  IF FOUND THEN RAISE foreign_key_violation USING MESSAGE ="
	"   'insert or update on table \"event\" violates foreign key"
	" constraint \"event_staff_fkey\"', DETAIL = format('Key (staff)=(%s)"
	" is not present in table \"staff\".', k); END IF;"
	"  SELECT n.customer INTO k FROM svc_new n WHERE n.customer IS NOT"
	"   NULL AND NOT EXISTS (SELECT 1 FROM customer c"
	"   WHERE c.id = n.customer) LIMIT 1;"
	"  IF FOUND THEN RAISE foreign_key_violation USING MESSAGE ="
	"   'insert or update on table \"event\" violates foreign key"
	" constraint \"event_customer_fkey\"', DETAIL = format('Key"
	" (customer)=(%s) is not present in table \"customer\".', k);"
	"  END IF;"
	"  SELECT n.batch INTO k FROM svc_new n WHERE NOT EXISTS (SELECT 1"
	"   FROM batch b WHERE b.id = n.batch) LIMIT 1;"
	"  IF FOUND THEN RAISE foreign_key_violation USING MESSAGE ="
	"   'insert or update on table \"event\" violates foreign key"
	" constraint \"event_batch_fkey\"', DETAIL = format('Key (batch)=(%s)"
	" is not present in table \"batch\".', k); END IF;"
	"  RETURN NULL;"
	" END $f$;"
	"CREATE TRIGGER event_keys_insert AFTER INSERT ON event"
	"  REFERENCING NEW TABLE AS svc_new FOR EACH STATEMENT"
	"  EXECUTE FUNCTION svc_event_keys();"
	"CREATE TRIGGER event_keys_update AFTER UPDATE ON event"
	"  REFERENCING NEW TABLE AS svc_new FOR EACH STATEMENT"
	"  EXECUTE FUNCTION svc_event_keys();"
	/* before a delete, re-key or truncate of staff, customer, batch */
	"CREATE FUNCTION svc_keys_wait() RETURNS trigger LANGUAGE plpgsql"
	"  SECURITY DEFINER SET search_path FROM CURRENT AS $f$"
	" BEGIN"
	"  PERFORM 1 FROM svc_meta FOR SHARE;"
	"  IF TG_OP = 'TRUNCATE' AND EXISTS (SELECT 1 FROM event) THEN"
	"   RAISE feature_not_supported USING MESSAGE = format('cannot"
	" truncate table \"%s\": events name its rows', TG_TABLE_NAME);"
	"  END IF;"
	"  RETURN NULL;"
	" END $f$;"
	/* after one of those rows went (TG_ARGV[0]: event's column): as
	 * the foreign key's NO ACTION, another row of the same key keeps
	 * the events' */
	"CREATE FUNCTION svc_key_named() RETURNS trigger LANGUAGE plpgsql"
	"  SECURITY DEFINER SET search_path FROM CURRENT AS $f$"
	" DECLARE named boolean;"
	" BEGIN"
	"  EXECUTE format('SELECT NOT EXISTS (SELECT 1 FROM %I WHERE id = $1)"
	"   AND EXISTS (SELECT 1 FROM event WHERE %I = $1)', TG_TABLE_NAME,"
	"   TG_ARGV[0]) INTO named USING OLD.id;"
	"  IF named THEN RAISE foreign_key_violation USING MESSAGE ="
	"   format('update or delete on table \"%s\" violates foreign key"
	" constraint \"event_%s_fkey\" on table \"event\"', TG_TABLE_NAME,"
	"   TG_ARGV[0]), DETAIL = format('Key (id)=(%s) is still referenced"
	" from table \"event\".', OLD.id); END IF;"
	"  RETURN NULL;"
	" END $f$;"
	"CREATE TRIGGER staff_keys_wait BEFORE DELETE OR UPDATE OF id"
	"  OR TRUNCATE ON staff FOR EACH STATEMENT"
	"  EXECUTE FUNCTION svc_keys_wait();"
	"CREATE TRIGGER staff_key_named AFTER DELETE OR UPDATE OF id ON staff"
	"  FOR EACH ROW EXECUTE FUNCTION svc_key_named('staff');"
	"CREATE TRIGGER customer_keys_wait BEFORE DELETE OR UPDATE OF id"
	"  OR TRUNCATE ON customer FOR EACH STATEMENT"
	"  EXECUTE FUNCTION svc_keys_wait();"
	"CREATE TRIGGER customer_key_named AFTER DELETE OR UPDATE OF id"
	"  ON customer FOR EACH ROW EXECUTE FUNCTION"
	"  svc_key_named('customer');"
	"CREATE TRIGGER batch_keys_wait BEFORE DELETE OR UPDATE OF id"
	"  OR TRUNCATE ON batch FOR EACH STATEMENT"
	"  EXECUTE FUNCTION svc_keys_wait();"
	"CREATE TRIGGER batch_key_named AFTER DELETE OR UPDATE OF id ON batch"
	"  FOR EACH ROW EXECUTE FUNCTION svc_key_named('batch');",
};

_Static_assert(sizeof(steps) / sizeof(steps[0]) ==
    SVC_DB_VERSION - SVC_DB_PG_FIRST + 1,
    "one schema step per version since the first PostgreSQL one");

/* An event's columns, in the order pg_event_params gives them. */
#define EVENT_COLUMNS \
	"t, staff, kind, value, customer, channel, dept, note, uid," \
	" logged, void_of, batch, fields"

/* As SQLite's EVENT_COLS (event_fill's columns). */
#define EVENT_FIELDS \
	"e.id, e.t, e.staff, e.kind, e.value, e.customer, e.channel," \
	" e.dept, e.note, e.uid, b.logged_by, e.logged, e.void_of, v.id," \
	" e.batch, b.late_reason, e.fields"
#define EVENT_JOINS \
	" JOIN batch b ON b.id = e.batch LEFT JOIN event v ON v.void_of = e.id"
#define EVENT_COLS "SELECT " EVENT_FIELDS " FROM event e" EVENT_JOINS

#define ORDER_COLS \
	"SELECT id, opened, opened_t, customer, channel, dept, matter," \
	" first_asked, assignee, due, due_t, status, closed, closed_t," \
	" resolution, reason, revisit, category, fields, notified," \
	" notified_t, due_work FROM work_order"

struct pg_db {
	struct svc_db base;
	PGconn *h;
	struct svc_buf row;	/* svc_db_event_get's strings */
	char ts[32], logged[32], num[32];
	struct svc_buf copy;	/* pg_row_put's rows, COPY text */
	const char *copy_table, *copy_cols;	/* theirs */
	int import_table;	/* svc_import exists in this transaction */
	long long import_rows;	/* rows it holds, numbered from 0 */
	unsigned cursors;	/* for cursor names */
};

struct svc_pq svc_pq;

int
svc_db_pg_load(const char *where, struct svc_err *e)
{
#define SYM(f)	{ #f, &svc_pq.f }
	const struct { const char *name; void *slot; } syms[] = {
		SYM(PQclear), SYM(PQcmdStatus), SYM(PQcmdTuples),
		SYM(PQconnectdb), SYM(PQerrorMessage), SYM(PQexec),
		SYM(PQexecParams), SYM(PQfinish), SYM(PQgetResult),
		SYM(PQgetisnull), SYM(PQgetvalue), SYM(PQntuples),
		SYM(PQputCopyData), SYM(PQputCopyEnd), SYM(PQresultErrorField),
		SYM(PQresultErrorMessage), SYM(PQresultStatus),
		SYM(PQsetNoticeProcessor), SYM(PQstatus),
		SYM(PQtransactionStatus)
	};
#undef SYM
	void *h;

	if (svc_pq.loaded)
		return 0;
	if ((h = dlopen(SVC_PQ_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return svc_err_set(e, where, 0, NULL, "a PostgreSQL ledger "
		    "needs %s (Debian: apt-get install libpq5): %s",
		    SVC_PQ_SONAME, dlerror());
	for (size_t i = 0; i < sizeof(syms) / sizeof(syms[0]); i++) {
		void *f = dlsym(h, syms[i].name);

		if (f == NULL)
			return svc_err_set(e, where, 0, NULL, "%s has no %s",
			    SVC_PQ_SONAME, syms[i].name);
		/* a function pointer through its bytes, as POSIX dlsym has it */
		memcpy(syms[i].slot, &f, sizeof(f));
	}
	svc_pq.loaded = 1;
	return 0;
}

static struct pg_db *
pg(struct svc_db *db)
{
	return (struct pg_db *)db;
}

/* The first line of libpq's message, without "ERROR:  ". */
static void
first_line(const char *msg, char *out, size_t n)
{
	size_t len;

	if (msg == NULL || *msg == '\0')
		msg = "unknown error";
	if (strncmp(msg, "ERROR:  ", 8) == 0)
		msg += 8;
	len = strcspn(msg, "\n");
	snprintf(out, n, "%.*s", (int)len, msg);
}

int
svc_db_pg_err(struct svc_db *db, struct svc_err *e, const PGresult *r,
    const char *what)
{
	const char *m = r ? svc_pq.PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) :
	    NULL;
	char line[400];

	first_line(m ? m : r && *svc_pq.PQresultErrorMessage(r) ?
	    svc_pq.PQresultErrorMessage(r) : svc_pq.PQerrorMessage(pg(db)->h), line,
	    sizeof(line));
	return svc_err_set(e, db->path, 0, NULL, "%s: %s", what, line);
}

/* Whether r failed in a way that trying again can cure. */
static int
retryable(const PGresult *r)
{
	const char *st = r ? svc_pq.PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;

	return st != NULL && (strcmp(st, "40001") == 0 ||
	    strcmp(st, "40P01") == 0 || strcmp(st, "55P03") == 0);
}

PGresult *
svc_db_pg_run(struct svc_db *db, const char *sql,
    const struct svc_pg_params *ps, struct svc_err *e, const char *what)
{
	PGresult *r = svc_pq.PQexecParams(pg(db)->h, sql, ps ? ps->n : 0, NULL,
	    ps ? ps->v : NULL, NULL, NULL, 0);
	ExecStatusType st = svc_pq.PQresultStatus(r);

	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return r;
	svc_db_pg_err(db, e, r, what);
	svc_pq.PQclear(r);
	return NULL;
}

/* Runs sql, which returns no rows; 0, or -1 with e set. */
static int
exec(struct svc_db *db, const char *sql, struct svc_err *e, const char *what)
{
	PGresult *r = svc_pq.PQexec(pg(db)->h, sql);
	ExecStatusType st = svc_pq.PQresultStatus(r);

	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		svc_db_pg_err(db, e, r, what);
		svc_pq.PQclear(r);
		return -1;
	}
	svc_pq.PQclear(r);
	return 0;
}

void
svc_pg_text(struct svc_pg_params *ps, const char *s)
{
	ps->v[ps->n++] = s;
}

void
svc_pg_opt(struct svc_pg_params *ps, const char *s)
{
	ps->v[ps->n++] = s != NULL && *s != '\0' ? s : NULL;
}

void
svc_pg_ll(struct svc_pg_params *ps, long long x)
{
	snprintf(ps->buf[ps->n], sizeof(ps->buf[0]), "%lld", x);
	ps->v[ps->n] = ps->buf[ps->n];
	ps->n++;
}

void
svc_pg_double(struct svc_pg_params *ps, double x)
{
	/* 17 significant digits give back the same double */
	snprintf(ps->buf[ps->n], sizeof(ps->buf[0]), "%.17g", x);
	ps->v[ps->n] = ps->buf[ps->n];
	ps->n++;
}

const char *
svc_pg_col(const PGresult *r, int row, int c)
{
	return svc_pq.PQgetvalue(r, row, c);
}

long long
svc_pg_ll_col(const PGresult *r, int row, int c)
{
	return svc_pq.PQgetisnull(r, row, c) ? 0 :
	    strtoll(svc_pq.PQgetvalue(r, row, c), NULL, 10);
}

double
svc_pg_double_col(const PGresult *r, int row, int c)
{
	return svc_pq.PQgetisnull(r, row, c) ? 0 : strtod(svc_pq.PQgetvalue(r, row, c),
	    NULL);
}

int
svc_db_pg_each(struct svc_db *db, const char *sql,
    const struct svc_pg_params *ps, int snapshot,
    int (*row)(void *ctx, const PGresult *r, int i), void *ctx,
    struct svc_err *e, const char *what)
{
	struct pg_db *p = pg(db);
	int own = svc_pq.PQtransactionStatus(p->h) == PQTRANS_IDLE;
	struct svc_buf q = { 0 };
	char name[32], fetch[64], close[48];
	PGresult *r = NULL;
	int stop = 0, n;

	/* a cursor lives in a transaction: a read-only one of its own when
	 * the caller has none */
	if (own && exec(db, snapshot ? "BEGIN ISOLATION LEVEL REPEATABLE"
	    " READ, READ ONLY" : "BEGIN READ ONLY", e, what) < 0)
		return -1;
	snprintf(name, sizeof(name), "svc_c%u", ++p->cursors);
	svc_buf_printf(&q, "DECLARE %s NO SCROLL CURSOR FOR %s", name, sql);
	r = svc_db_pg_run(db, q.s, ps, e, what);
	svc_buf_release(&q);
	if (r == NULL)
		goto fail;
	svc_pq.PQclear(r);
	snprintf(fetch, sizeof(fetch), "FETCH " FETCH_ROWS " FROM %s", name);
	do {
		/* the rows are all here before fn runs, which may query */
		if ((r = svc_db_pg_run(db, fetch, NULL, e, what)) == NULL)
			goto fail;
		n = svc_pq.PQntuples(r);
		for (int i = 0; i < n && !stop; i++)
			stop = row(ctx, r, i);
		svc_pq.PQclear(r);
	} while (n > 0 && !stop);
	snprintf(close, sizeof(close), "CLOSE %s", name);
	if (svc_pq.PQtransactionStatus(p->h) == PQTRANS_INTRANS &&
	    exec(db, close, e, what) < 0)
		goto fail;
	if (own && exec(db, "COMMIT", e, what) < 0)
		goto fail;
	return stop;
fail:
	if (own && svc_pq.PQtransactionStatus(p->h) != PQTRANS_IDLE)
		svc_pq.PQclear(svc_pq.PQexec(p->h, "ROLLBACK"));
	return -1;
}

/* One integer the query gives, into *v: 0, or -1 with e set. */
static int
query_ll(struct svc_db *db, const char *sql, long long *v,
    struct svc_err *e, const char *what)
{
	PGresult *r = svc_db_pg_run(db, sql, NULL, e, what);

	if (r == NULL)
		return -1;
	*v = svc_pq.PQntuples(r) > 0 ? svc_pg_ll_col(r, 0, 0) : 0;
	svc_pq.PQclear(r);
	return 0;
}

/* No notices on stderr: IF EXISTS and the like say nothing to users. */
static void
quiet(void *arg, const char *msg)
{
	(void)arg;
	(void)msg;
}

/*
 * What the database is: *mark 1 with *app and *version from svc_meta
 * when it has one, else *others, the number of tables and views of
 * anyone else in the schema a ledger would go into (the search_path's
 * first). 0, or -1 with e set.
 */
static int
look(struct svc_db *db, int *mark, long long *app, long long *version,
    long long *others, struct svc_err *e)
{
	PGresult *r = svc_db_pg_run(db, "SELECT to_regclass('svc_meta')"
	    " IS NOT NULL, (SELECT count(*) FROM pg_class c JOIN pg_namespace"
	    " n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"
	    " AND c.relkind IN ('r', 'p', 'v', 'm', 'f'))", NULL, e,
	    "cannot open database");

	if (r == NULL)
		return -1;
	*mark = strcmp(svc_pg_col(r, 0, 0), "t") == 0;
	*others = svc_pg_ll_col(r, 0, 1);
	svc_pq.PQclear(r);
	*app = *version = 0;
	if (!*mark)
		return 0;
	if ((r = svc_db_pg_run(db, "SELECT application_id, version FROM"
	    " svc_meta", NULL, e, "cannot read schema version")) == NULL)
		return -1;
	if (svc_pq.PQntuples(r) == 1) {
		*app = svc_pg_ll_col(r, 0, 0);
		*version = svc_pg_ll_col(r, 0, 1);
	}
	svc_pq.PQclear(r);
	return 0;
}

static int pg_begin(struct svc_db *, struct svc_err *);
static int pg_commit(struct svc_db *, struct svc_err *);
static void pg_rollback(struct svc_db *);

/*
 * Makes an empty schema a ledger (create) and brings an older one to
 * SVC_DB_VERSION, under a lock that keeps two tools from both doing it:
 * the writer lock when svc_meta is there, else an advisory lock on the
 * mark, as two inits of one empty database may race.
 */
static int
migrate(struct svc_db *db, enum svc_db_mode mode, struct svc_err *e)
{
	long long app, version, others;
	char sql[128];
	int mark;

	if (look(db, &mark, &app, &version, &others, e) < 0)
		return -1;
	if (mark && app != SVC_DB_APPLICATION_ID)
		return svc_err_set(e, db->path, 0, NULL, "not an svc ledger "
		    "(application_id 0x%08llx)", (unsigned long long)app);
	if (!mark && others > 0)
		return svc_err_set(e, db->path, 0, NULL, "not an svc ledger "
		    "(the database holds other tables)");
	if (!mark && mode == SVC_DB_EXISTING)
		return svc_err_set(e, db->path, 0, NULL, "empty database, not "
		    "an svc ledger: create one with 'svc-log init'");
	db->found_version = (int)version;
	if (mark && version == SVC_DB_VERSION)
		return 0;
	if (mark && version > SVC_DB_VERSION)
		return svc_err_set(e, db->path, 0, NULL, "schema version %lld "
		    "is newer than this svc (%d): upgrade svc", version,
		    SVC_DB_VERSION);
	if (mark && version < SVC_DB_PG_FIRST)
		return svc_err_set(e, db->path, 0, NULL, "schema version %lld "
		    "is not one svc wrote", version);
	if (mark) {
		if (pg_begin(db, e) < 0)
			return -1;
	} else if (exec(db, "BEGIN", e, "cannot create the ledger") < 0 ||
	    exec(db, "SELECT pg_advisory_xact_lock(1398162225)", e,
	    "cannot create the ledger") < 0)
		goto fail;
	/* again, under the lock: another tool may have been first */
	if (look(db, &mark, &app, &version, &others, e) < 0)
		goto fail;
	if (!mark && others > 0) {
		svc_err_set(e, db->path, 0, NULL, "not an svc ledger (the "
		    "database holds other tables)");
		goto fail;
	}
	db->found_version = (int)version;
	if (!mark) {
		if (exec(db, steps[0], e, "cannot create the ledger") < 0)
			goto fail;
		snprintf(sql, sizeof(sql), "INSERT INTO svc_meta VALUES (1, %d,"
		    " %d)", SVC_DB_APPLICATION_ID, SVC_DB_PG_FIRST);
		if (exec(db, sql, e, "cannot create the ledger") < 0)
			goto fail;
		version = SVC_DB_PG_FIRST;
	}
	for (; version < SVC_DB_VERSION; version++)
		if (exec(db, steps[version - SVC_DB_PG_FIRST + 1], e,
		    "cannot migrate the ledger") < 0)
			goto fail;
	snprintf(sql, sizeof(sql), "UPDATE svc_meta SET version = %d",
	    SVC_DB_VERSION);
	if (exec(db, sql, e, "cannot migrate the ledger") < 0)
		goto fail;
	return pg_commit(db, e);
fail:
	pg_rollback(db);
	return -1;
}

static void
pg_close(struct svc_db *db)
{
	svc_pq.PQfinish(pg(db)->h);
	svc_buf_release(&pg(db)->row);
	svc_buf_release(&pg(db)->copy);
	free(db->path);
	free(db);
}

static const struct svc_db_ops pg_ops;

struct svc_db *
svc_db_pg_open(const char *conninfo, enum svc_db_mode mode,
    struct svc_err *e)
{
	struct pg_db *p = svc_xcalloc(1, sizeof(*p));
	struct svc_db *db = &p->base;
	char line[400];

	db->ops = &pg_ops;
	db->path = svc_db_mask(conninfo);
	if (svc_db_pg_load(db->path, e) < 0) {
		free(db->path);
		free(p);
		return NULL;
	}
	p->h = svc_pq.PQconnectdb(conninfo);
	if (p->h == NULL || svc_pq.PQstatus(p->h) != CONNECTION_OK) {
		first_line(p->h ? svc_pq.PQerrorMessage(p->h) : "out of memory", line,
		    sizeof(line));
		svc_err_set(e, db->path, 0, NULL, "cannot connect: %s", line);
		goto fail;
	}
	svc_pq.PQsetNoticeProcessor(p->h, quiet, NULL);
	/*
	 * Text in and out is UTF-8, as in SQLite; doubles come back exact
	 * (3: shortest-exact from PostgreSQL 12, 17 digits before).
	 */
	if (exec(db, "SET client_encoding = 'UTF8';"
	    " SET extra_float_digits = 3", e, "cannot open database") < 0)
		goto fail;
	if (migrate(db, mode, e) < 0)
		goto fail;
	return db;
fail:
	pg_close(db);
	return NULL;
}

static const char *
pg_checkpoint(struct svc_db *db)
{
	/* the server writes what was committed; nothing is left to copy */
	(void)db;
	return NULL;
}

static int
pg_begin(struct svc_db *db, struct svc_err *e)
{
	struct pg_db *p = pg(db);
	PGresult *r;
	ExecStatusType st;

	for (int i = 0; i < 6; i++) {
		r = svc_pq.PQexec(p->h, "BEGIN; SET LOCAL lock_timeout = '"
		    LOCK_WAIT "'; LOCK TABLE svc_meta IN EXCLUSIVE MODE;"
		    " SET LOCAL lock_timeout = 0");
		st = svc_pq.PQresultStatus(r);
		if (st == PGRES_COMMAND_OK) {
			svc_pq.PQclear(r);
			return 0;
		}
		if (svc_pq.PQtransactionStatus(p->h) != PQTRANS_IDLE)
			svc_pq.PQclear(svc_pq.PQexec(p->h, "ROLLBACK"));
		if (!retryable(r)) {
			svc_db_pg_err(db, e, r, "cannot start a transaction");
			svc_pq.PQclear(r);
			return -1;
		}
		/* a full minute's wait ends the retries at once */
		if (strcmp(svc_pq.PQresultErrorField(r, PG_DIAG_SQLSTATE), "55P03") ==
		    0) {
			svc_pq.PQclear(r);
			break;
		}
		svc_pq.PQclear(r);
	}
	return svc_err_set(e, db->path, 0, NULL,
	    "database is busy: another writer held it for over a minute");
}

static int
pg_commit(struct svc_db *db, struct svc_err *e)
{
	struct pg_db *p = pg(db);
	PGresult *r = svc_pq.PQexec(p->h, "COMMIT");
	int ok = svc_pq.PQresultStatus(r) == PGRES_COMMAND_OK &&
	    strcmp(svc_pq.PQcmdStatus(r), "COMMIT") == 0;

	p->import_table = 0;
	p->import_rows = 0;
	svc_buf_reset(&p->copy);
	if (!ok) {
		/* an aborted transaction's COMMIT says ROLLBACK, no error */
		if (svc_pq.PQresultStatus(r) == PGRES_COMMAND_OK)
			svc_err_set(e, db->path, 0, NULL, "cannot commit: the "
			    "transaction was rolled back");
		else
			svc_db_pg_err(db, e, r, "cannot commit");
		svc_pq.PQclear(r);
		pg_rollback(db);
		return -1;
	}
	svc_pq.PQclear(r);
	return 0;
}

static void
pg_rollback(struct svc_db *db)
{
	struct pg_db *p = pg(db);

	if (svc_pq.PQtransactionStatus(p->h) != PQTRANS_IDLE)
		svc_pq.PQclear(svc_pq.PQexec(p->h, "ROLLBACK"));
	p->import_table = 0;
	p->import_rows = 0;
	svc_buf_reset(&p->copy);
}

/* Runs a write that returns no rows. */
static int
write1(struct svc_db *db, const char *sql, const struct svc_pg_params *ps,
    struct svc_err *e, const char *what)
{
	PGresult *r = svc_db_pg_run(db, sql, ps, e, what);

	svc_pq.PQclear(r);
	return r ? 0 : -1;
}

/* Runs an INSERT ... RETURNING id: 1 and *id, 0 when it stored nothing,
 * -1. */
static int
insert_id(struct svc_db *db, const char *sql, const struct svc_pg_params *ps,
    long long *id, struct svc_err *e, const char *what)
{
	PGresult *r = svc_db_pg_run(db, sql, ps, e, what);
	int got;

	if (r == NULL)
		return -1;
	got = svc_pq.PQntuples(r) > 0;
	if (got && id != NULL)
		*id = svc_pg_ll_col(r, 0, 0);
	svc_pq.PQclear(r);
	return got;
}

static int
pg_staff_put(struct svc_db *db, const struct svc_staff *s, struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };

	svc_pg_text(&ps, s->id);
	svc_pg_text(&ps, s->name);
	svc_pg_text(&ps, s->dept ? s->dept : "");
	svc_pg_text(&ps, s->position ? s->position : "");
	svc_pg_text(&ps, s->unit ? s->unit : "");
	svc_pg_opt(&ps, s->supervisor);
	svc_pg_opt(&ps, s->leader);
	svc_pg_ll(&ps, s->active != 0);
	return write1(db, "INSERT INTO staff(id, name, dept, position, unit,"
	    " supervisor, leader, active) VALUES ($1, $2, $3, $4, $5, $6, $7,"
	    " $8) ON CONFLICT (id) DO UPDATE SET name = excluded.name,"
	    " dept = excluded.dept, position = excluded.position,"
	    " unit = excluded.unit, supervisor = excluded.supervisor,"
	    " leader = excluded.leader, active = excluded.active", &ps, e,
	    "cannot store staff");
}

static int
pg_customer_put(struct svc_db *db, const struct svc_customer *c,
    struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };

	svc_pg_text(&ps, c->id);
	svc_pg_text(&ps, c->name);
	svc_pg_text(&ps, c->tier ? c->tier : "");
	svc_pg_text(&ps, c->contact ? c->contact : "");
	svc_pg_opt(&ps, c->owner);
	/* NULL stays NULL: keep the stored date; "" clears it (db.h) */
	svc_pg_text(&ps, c->birthday);
	svc_pg_text(&ps, c->founded);
	svc_pg_text(&ps, c->contract_end);
	return write1(db, "INSERT INTO customer(id, name, tier, contact,"
	    " owner, birthday, founded, contract_end) VALUES ($1, $2, $3,"
	    " $4, $5, nullif($6::text, ''), nullif($7::text, ''),"
	    " nullif($8::text, '')) ON CONFLICT (id) DO UPDATE"
	    " SET name = excluded.name, tier = excluded.tier,"
	    " contact = excluded.contact, owner = excluded.owner,"
	    " birthday = CASE WHEN $6::text IS NULL THEN customer.birthday"
	    "  ELSE excluded.birthday END,"
	    " founded = CASE WHEN $7::text IS NULL THEN customer.founded"
	    "  ELSE excluded.founded END,"
	    " contract_end = CASE WHEN $8::text IS NULL THEN"
	    "  customer.contract_end ELSE excluded.contract_end END", &ps, e,
	    "cannot store customer");
}

static int
pg_contacts_put(struct svc_db *db, const char *customer,
    const struct svc_contact *v, size_t n, struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };

	svc_pg_text(&ps, customer);
	if (write1(db, "DELETE FROM customer_contact WHERE customer = $1",
	    &ps, e, "cannot replace contacts") < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		memset(&ps, 0, sizeof(ps));
		svc_pg_text(&ps, customer);
		svc_pg_ll(&ps, (long long)i + 1);
		svc_pg_text(&ps, v[i].name);
		svc_pg_opt(&ps, v[i].role);
		svc_pg_opt(&ps, v[i].phone);
		svc_pg_opt(&ps, v[i].birthday);
		if (write1(db, "INSERT INTO customer_contact(customer, seq,"
		    " name, role, phone, birthday) VALUES ($1, $2, $3, $4, $5,"
		    " $6)", &ps, e, "cannot store contact") < 0)
			return -1;
	}
	return 0;
}

#define STAFF_COLS \
	"SELECT id, name, dept, position, unit, supervisor, leader, active" \
	" FROM staff"

static void
staff_fill(const PGresult *r, int i, struct svc_staff *s)
{
	s->id = svc_xstrdup(svc_pg_col(r, i, 0));
	s->name = svc_xstrdup(svc_pg_col(r, i, 1));
	s->dept = svc_xstrdup(svc_pg_col(r, i, 2));
	s->position = svc_xstrdup(svc_pg_col(r, i, 3));
	s->unit = svc_xstrdup(svc_pg_col(r, i, 4));
	s->supervisor = svc_xstrdup(svc_pg_col(r, i, 5));
	s->leader = svc_xstrdup(svc_pg_col(r, i, 6));
	s->active = (int)svc_pg_ll_col(r, i, 7);
}

#define CUSTOMER_COLS \
	"SELECT id, name, tier, contact, owner, birthday, founded," \
	" contract_end FROM customer"

static void
customer_fill(const PGresult *r, int i, struct svc_customer *c)
{
	c->id = svc_xstrdup(svc_pg_col(r, i, 0));
	c->name = svc_xstrdup(svc_pg_col(r, i, 1));
	c->tier = svc_xstrdup(svc_pg_col(r, i, 2));
	c->contact = svc_xstrdup(svc_pg_col(r, i, 3));
	c->owner = svc_xstrdup(svc_pg_col(r, i, 4));
	c->birthday = svc_xstrdup(svc_pg_col(r, i, 5));
	c->founded = svc_xstrdup(svc_pg_col(r, i, 6));
	c->contract_end = svc_xstrdup(svc_pg_col(r, i, 7));
}

static int
pg_staff_get(struct svc_db *db, const char *id, struct svc_staff *s,
    struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };
	PGresult *r;
	int got;

	svc_pg_text(&ps, id);
	if ((r = svc_db_pg_run(db, STAFF_COLS " WHERE id = $1", &ps, e,
	    "cannot read staff")) == NULL)
		return -1;
	if ((got = svc_pq.PQntuples(r) > 0))
		staff_fill(r, 0, s);
	svc_pq.PQclear(r);
	return got;
}

static int
pg_customer_get(struct svc_db *db, const char *id, struct svc_customer *c,
    struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };
	PGresult *r;
	int got;

	svc_pg_text(&ps, id);
	if ((r = svc_db_pg_run(db, CUSTOMER_COLS " WHERE id = $1", &ps, e,
	    "cannot read customer")) == NULL)
		return -1;
	if ((got = svc_pq.PQntuples(r) > 0))
		customer_fill(r, 0, c);
	svc_pq.PQclear(r);
	return got;
}

/* A callback of staff, customers or orders, cast back by its caller. */
struct each_ctx {
	void (*fn)(void);
	void *arg;
};

static int
staff_row(void *ctx, const PGresult *r, int i)
{
	struct each_ctx *x = ctx;
	int (*fn)(void *, const struct svc_staff *) =
	    (int (*)(void *, const struct svc_staff *))x->fn;
	struct svc_staff s;
	int stop;

	staff_fill(r, i, &s);
	stop = fn(x->arg, &s);
	svc_staff_release(&s);
	return stop;
}

static int
pg_staff_each(struct svc_db *db,
    int (*fn)(void *arg, const struct svc_staff *s), void *arg,
    struct svc_err *e)
{
	struct each_ctx x = { (void (*)(void))fn, arg };

	return svc_db_pg_each(db, STAFF_COLS " ORDER BY id", NULL, 0,
	    staff_row, &x, e, "cannot read staff");
}

static int
customer_row(void *ctx, const PGresult *r, int i)
{
	struct each_ctx *x = ctx;
	int (*fn)(void *, const struct svc_customer *) =
	    (int (*)(void *, const struct svc_customer *))x->fn;
	struct svc_customer c;
	int stop;

	customer_fill(r, i, &c);
	stop = fn(x->arg, &c);
	svc_customer_release(&c);
	return stop;
}

static int
pg_customer_each(struct svc_db *db,
    int (*fn)(void *arg, const struct svc_customer *c), void *arg,
    struct svc_err *e)
{
	struct each_ctx x = { (void (*)(void))fn, arg };

	return svc_db_pg_each(db, CUSTOMER_COLS " ORDER BY id", NULL, 0,
	    customer_row, &x, e, "cannot read customers");
}

static int
contact_row(void *ctx, const PGresult *r, int i)
{
	struct each_ctx *x = ctx;
	int (*fn)(void *, const struct svc_contact *) =
	    (int (*)(void *, const struct svc_contact *))x->fn;
	struct svc_contact c = {
		(char *)svc_pg_col(r, i, 0), (char *)svc_pg_col(r, i, 1),
		(char *)svc_pg_col(r, i, 2), (char *)svc_pg_col(r, i, 3),
		(char *)svc_pg_col(r, i, 4)
	};

	return fn(x->arg, &c);
}

static int
pg_contacts_each(struct svc_db *db,
    int (*fn)(void *arg, const struct svc_contact *c), void *arg,
    struct svc_err *e)
{
	struct each_ctx x = { (void (*)(void))fn, arg };

	return svc_db_pg_each(db, "SELECT customer, name, role, phone,"
	    " birthday FROM customer_contact ORDER BY customer, seq", NULL, 0,
	    contact_row, &x, e, "cannot read contacts");
}

static long long
pg_batch_new(struct svc_db *db, const char *tool, const char *source,
    const char *user, struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };
	char now[32];
	long long id;

	svc_pg_text(&ps, svc_time_format(time(NULL), now));
	svc_pg_text(&ps, tool);
	svc_pg_text(&ps, source ? source : "");
	svc_pg_text(&ps, user);
	if (insert_id(db, "INSERT INTO batch(id, started, tool, source,"
	    " logged_by, after) VALUES ((SELECT coalesce(max(id), 0) + 1"
	    " FROM batch), $1, $2, $3, $4, (SELECT coalesce(max(id), 0)"
	    " FROM event)) RETURNING id", &ps, &id, e,
	    "cannot start a batch") != 1)
		return -1;
	return id;
}

static int
pg_batch_late(struct svc_db *db, long long batch, const char *reason,
    struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };

	svc_pg_opt(&ps, reason);
	svc_pg_ll(&ps, batch);
	return write1(db, "UPDATE batch SET late_reason = $1 WHERE id = $2",
	    &ps, e, "cannot mark the batch late");
}

/* ev's columns as EVENT_COLUMNS lists them. */
static void
event_params(struct svc_pg_params *ps, const struct svc_event *ev)
{
	double v;

	svc_pg_ll(ps, (long long)ev->t);
	svc_pg_text(ps, ev->staff);
	svc_pg_text(ps, ev->kind);
	if (ev->value != NULL && svc_parse_num(ev->value, &v) == 0)
		svc_pg_double(ps, v);
	else
		svc_pg_text(ps, NULL);
	svc_pg_opt(ps, ev->customer);
	svc_pg_opt(ps, ev->channel);
	svc_pg_opt(ps, ev->dept);
	svc_pg_opt(ps, ev->note);
	svc_pg_opt(ps, ev->uid);
	svc_pg_ll(ps, (long long)(ev->logged ? ev->logged : time(NULL)));
	if (ev->void_of > 0)
		svc_pg_ll(ps, ev->void_of);
	else
		svc_pg_text(ps, NULL);
	svc_pg_ll(ps, ev->batch);
	svc_pg_opt(ps, ev->fields);
}

static int
pg_event_add(struct svc_db *db, const struct svc_event *ev, long long *id,
    struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };

	event_params(&ps, ev);
	return insert_id(db, "INSERT INTO event(id, " EVENT_COLUMNS ")"
	    " VALUES ((SELECT coalesce(max(id), 0) + 1 FROM event), $1, $2,"
	    " $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
	    " ON CONFLICT (uid) DO NOTHING RETURNING id", &ps, id, e,
	    "cannot store event");
}

/* Fills ev from row i laid out as EVENT_FIELDS from column c on;
 * strings borrowed from r. */
static void
event_fill(struct pg_db *p, const PGresult *r, int i, int c,
    struct svc_event *ev)
{
	ev->id = svc_pg_ll_col(r, i, c);
	ev->t = (time_t)svc_pg_ll_col(r, i, c + 1);
	ev->ts = svc_time_format(ev->t, p->ts);
	ev->staff = svc_pg_col(r, i, c + 2);
	ev->kind = svc_pg_col(r, i, c + 3);
	ev->value = svc_pq.PQgetisnull(r, i, c + 4) ? "" :
	    svc_fmt_num(svc_pg_double_col(r, i, c + 4), p->num);
	ev->customer = svc_pg_col(r, i, c + 5);
	ev->channel = svc_pg_col(r, i, c + 6);
	ev->dept = svc_pg_col(r, i, c + 7);
	ev->note = svc_pg_col(r, i, c + 8);
	ev->uid = svc_pg_col(r, i, c + 9);
	ev->logged_by = svc_pg_col(r, i, c + 10);
	ev->logged = (time_t)svc_pg_ll_col(r, i, c + 11);
	ev->logged_at = svc_time_format(ev->logged, p->logged);
	ev->void_of = svc_pg_ll_col(r, i, c + 12);
	ev->voided_by = svc_pg_ll_col(r, i, c + 13);
	ev->batch = svc_pg_ll_col(r, i, c + 14);
	ev->late_reason = svc_pg_col(r, i, c + 15);
	ev->fields = svc_pg_col(r, i, c + 16);
}

/* The one event the query finds, its strings copied to p->row. */
static int
event_one(struct svc_db *db, const char *sql, const struct svc_pg_params *ps,
    struct svc_event *ev, struct svc_err *e)
{
	struct pg_db *p = pg(db);
	PGresult *r = svc_db_pg_run(db, sql, ps, e, "cannot read event");
	int got;

	if (r == NULL)
		return -1;
	if ((got = svc_pq.PQntuples(r) > 0)) {
		const char **strs[] = { &ev->ts, &ev->staff, &ev->kind,
		    &ev->value, &ev->customer, &ev->channel, &ev->dept,
		    &ev->note, &ev->uid, &ev->logged_by, &ev->logged_at,
		    &ev->late_reason, &ev->fields };
		size_t n = sizeof(strs) / sizeof(strs[0]), off[13];

		event_fill(p, r, 0, 0, ev);
		svc_buf_reset(&p->row);
		for (size_t i = 0; i < n; i++) {
			off[i] = p->row.len;
			svc_buf_add(&p->row, *strs[i], strlen(*strs[i]) + 1);
		}
		for (size_t i = 0; i < n; i++)
			*strs[i] = p->row.s + off[i];
	}
	svc_pq.PQclear(r);
	return got;
}

static int
pg_event_get(struct svc_db *db, long long id, struct svc_event *ev,
    struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };

	svc_pg_ll(&ps, id);
	return event_one(db, EVENT_COLS " WHERE e.id = $1", &ps, ev, e);
}

static int
pg_event_by_uid(struct svc_db *db, const char *uid, struct svc_event *ev,
    struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };

	svc_pg_text(&ps, uid);
	return event_one(db, EVENT_COLS " WHERE e.uid = $1", &ps, ev, e);
}

/* COPY text format: backslash, tab, newline and CR escaped; NULL \N. */
static void
copy_field(struct svc_buf *b, const char *s, int last)
{
	if (s == NULL)
		svc_buf_adds(b, "\\N");
	else
		for (; *s; s++) {
			const char *esc = *s == '\\' ? "\\\\" : *s == '\t' ?
			    "\\t" : *s == '\n' ? "\\n" : *s == '\r' ? "\\r" :
			    NULL;

			if (esc)
				svc_buf_adds(b, esc);
			else
				svc_buf_add(b, s, 1);
		}
	svc_buf_add(b, last ? "\n" : "\t", 1);
}

/* Runs COPY sql with len bytes of data: 0, or -1 with e set ("what:
 * ..."). */
static int
copy_send(struct svc_db *db, const char *sql, const char *data, size_t len,
    struct svc_err *e, const char *what)
{
	struct pg_db *p = pg(db);
	PGresult *r = svc_pq.PQexec(p->h, sql);
	int rc = 0;

	if (svc_pq.PQresultStatus(r) != PGRES_COPY_IN) {
		svc_db_pg_err(db, e, r, what);
		svc_pq.PQclear(r);
		return -1;
	}
	svc_pq.PQclear(r);
	if (svc_pq.PQputCopyData(p->h, data, (int)len) != 1 ||
	    svc_pq.PQputCopyEnd(p->h, NULL) != 1) {
		svc_db_pg_err(db, e, NULL, what);
		rc = -1;
	}
	while ((r = svc_pq.PQgetResult(p->h)) != NULL) {
		if (svc_pq.PQresultStatus(r) != PGRES_COMMAND_OK && rc == 0)
			rc = svc_db_pg_err(db, e, r, what);
		svc_pq.PQclear(r);
	}
	return rc;
}

static int
pg_rows_flush(struct svc_db *db, struct svc_err *e)
{
	struct pg_db *p = pg(db);
	struct svc_buf sql = { 0 };
	int rc;

	if (p->copy.len == 0)
		return 0;
	svc_buf_printf(&sql, "COPY %s(%s) FROM STDIN", p->copy_table,
	    p->copy_cols);
	rc = copy_send(db, sql.s, p->copy.s, p->copy.len, e, "cannot copy");
	svc_buf_release(&sql);
	svc_buf_reset(&p->copy);
	return rc;
}

/* Copies evs[0..n) into svc_import, numbered from `from` on. */
static int
copy_rows(struct svc_db *db, const struct svc_event *evs, size_t n,
    long long from, struct svc_err *e)
{
	struct svc_buf b = { 0 };
	int rc;

	for (size_t i = 0; i < n; i++) {
		struct svc_pg_params ps = { 0 };
		char seq[24];

		snprintf(seq, sizeof(seq), "%lld", from + (long long)i);
		copy_field(&b, seq, 0);
		event_params(&ps, &evs[i]);
		for (int k = 0; k < ps.n; k++)
			copy_field(&b, ps.v[k], k == ps.n - 1);
	}
	rc = copy_send(db, "COPY svc_import FROM STDIN", b.s, b.len, e,
	    "cannot store events");
	svc_buf_release(&b);
	return rc;
}

/*
 * The session's rows go by COPY into a temporary table, then into event
 * in one INSERT ... SELECT: those whose uid is neither stored nor taken
 * by an earlier row of theirs, numbered after the highest id as SQLite
 * numbers them, in their order. The table keeps the session's rows, each
 * call's after the last (emptying it each time costs more than the rows
 * do); a call reads only its own, by their numbers.
 */
static int
pg_import_rows(struct svc_db *db, const struct svc_event *evs, size_t n,
    long *added, svc_db_skipped_fn skipped, void *arg, struct svc_err *e)
{
	struct pg_db *p = pg(db);
	struct svc_pg_params ps = { 0 };
	struct svc_event stored;
	long long base, from = p->import_rows;
	PGresult *r;
	long got;

	if (n == 0)
		return 0;
	if (!p->import_table && exec(db, "CREATE TEMPORARY TABLE svc_import"
	    " (seq bigint PRIMARY KEY, t bigint, staff " T ", kind " T ","
	    " value double precision, customer " T ", channel " T ", dept " T
	    ", note " T ", uid " T ", logged bigint, void_of bigint,"
	    " batch bigint, fields " T ") ON COMMIT DROP", e,
	    "cannot store events") < 0)
		return -1;
	p->import_table = 1;
	/*
	 * Statistics from the first rows, so that the planner reads a
	 * call's rows by the table's index on seq rather than all the
	 * session's (it learns the highest seq from the index itself).
	 */
	if (copy_rows(db, evs, n, from, e) < 0 || (from == 0 &&
	    exec(db, "ANALYZE svc_import", e, "cannot store events") < 0))
		return -1;
	p->import_rows += (long long)n;
	if (query_ll(db, "SELECT coalesce(max(id), 0) FROM event", &base, e,
	    "cannot store events") < 0)
		return -1;
	svc_pg_ll(&ps, base);
	svc_pg_ll(&ps, from);
	/* k: the row's place among this call's rows of its uid */
#define THESE \
	" FROM (SELECT i.*, row_number() OVER (PARTITION BY i.uid" \
	" ORDER BY i.seq) AS k FROM svc_import i WHERE i.seq >= $2) s"
	if ((r = svc_db_pg_run(db, "INSERT INTO event(id, " EVENT_COLUMNS ")"
	    " SELECT $1::bigint + row_number() OVER (ORDER BY s.seq), s.t,"
	    " s.staff, s.kind, s.value, s.customer, s.channel, s.dept, s.note,"
	    " s.uid, s.logged, s.void_of, s.batch, s.fields" THESE
	    " WHERE s.uid IS NULL OR (s.k = 1 AND NOT EXISTS (SELECT 1"
	    " FROM event x WHERE x.uid = s.uid))"
	    " ORDER BY s.seq", &ps, e, "cannot store events")) == NULL)
		return -1;
	got = strtol(svc_pq.PQcmdTuples(r), NULL, 10);
	svc_pq.PQclear(r);
	*added += got;
	if ((size_t)got == n || skipped == NULL)
		return 0;
	/* the rows left out: their uid stored before, or taken by an
	 * earlier row of theirs */
	if ((r = svc_db_pg_run(db, "SELECT s.seq - $2, " EVENT_FIELDS THESE
	    /* row by row through the uid index: a merge join would read
	     * the index from its start for every call */
	    " CROSS JOIN LATERAL (SELECT * FROM event x WHERE x.uid = s.uid"
	    " OFFSET 0) e" EVENT_JOINS
	    " WHERE s.k > 1 OR e.id <= $1 ORDER BY s.seq", &ps, e,
	    "cannot store events")) == NULL)
		return -1;
#undef THESE
	for (int k = 0; k < svc_pq.PQntuples(r); k++) {
		size_t i = (size_t)svc_pg_ll_col(r, k, 0);

		/* the stored event comes with the row: no query apiece */
		event_fill(p, r, k, 1, &stored);
		if (skipped(arg, i, &stored, e) != 0) {
			svc_pq.PQclear(r);
			return -1;
		}
	}
	svc_pq.PQclear(r);
	return 0;
}

static int
pg_import_begin(struct svc_db *db, struct svc_err *e)
{
	/* nothing to switch: the references stay checked, the indexes
	 * kept */
	(void)db;
	(void)e;
	return 0;
}

static int
pg_import_one(struct svc_db *db, const struct svc_event *ev, long long *id,
    struct svc_err *e)
{
	return pg_event_add(db, ev, id, e);
}

static int
pg_import_end(struct svc_db *db, struct svc_err *e)
{
	(void)db;
	(void)e;
	return 0;
}

struct event_ctx {
	struct pg_db *p;
	int (*fn)(void *arg, const struct svc_event *ev);
	void *arg;
};

static int
event_row(void *ctx, const PGresult *r, int i)
{
	struct event_ctx *x = ctx;
	struct svc_event ev;

	event_fill(x->p, r, i, 0, &ev);
	return x->fn(x->arg, &ev);
}

static int
pg_events_each(struct svc_db *db, const struct svc_event_filter *f,
    int (*fn)(void *arg, const struct svc_event *ev), void *arg,
    struct svc_err *e)
{
	struct event_ctx x = { pg(db), fn, arg };
	struct svc_pg_params ps = { 0 };
	struct svc_buf sql = { 0 };
	int rc;

	/* Built from fixed fragments; every value is a parameter. */
	svc_buf_adds(&sql, EVENT_COLS " WHERE true");
	if (f->has_range) {
		svc_pg_ll(&ps, (long long)f->start);
		svc_pg_ll(&ps, (long long)f->end);
		svc_buf_printf(&sql, " AND e.t >= $%d AND e.t < $%d", ps.n - 1,
		    ps.n);
	}
	if (f->staff) {
		svc_pg_text(&ps, f->staff);
		svc_buf_printf(&sql, " AND e.staff = $%d", ps.n);
	}
	if (f->kind) {
		svc_pg_text(&ps, f->kind);
		svc_buf_printf(&sql, " AND e.kind = $%d", ps.n);
	}
	if (f->dept) {
		svc_pg_text(&ps, f->dept);
		svc_buf_printf(&sql, " AND e.dept = $%d", ps.n);
	}
	if (f->batch) {
		svc_pg_ll(&ps, f->batch);
		svc_buf_printf(&sql, " AND e.batch = $%d AND e.id > (SELECT"
		    " after FROM batch WHERE id = $%d)", ps.n, ps.n);
	}
	if (f->active)
		svc_buf_adds(&sql, " AND v.id IS NULL AND e.void_of IS NULL");
	svc_buf_adds(&sql, " ORDER BY e.t, e.id");
	rc = svc_db_pg_each(db, sql.s, &ps, 0, event_row, &x, e,
	    "cannot list events");
	svc_buf_release(&sql);
	return rc;
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

struct scan_ctx {
	struct pg_db *p;
	struct voidpair *v;
	size_t nv, cap;
	int (*fn)(void *arg, const struct svc_event *ev);
	void *arg;
};

static int
void_row(void *ctx, const PGresult *r, int i)
{
	struct scan_ctx *x = ctx;

	if (x->nv == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 64;
		x->v = svc_xrealloc(x->v, x->cap * sizeof(*x->v));
	}
	x->v[x->nv].of = svc_pg_ll_col(r, i, 0);
	x->v[x->nv++].by = svc_pg_ll_col(r, i, 1);
	return 0;
}

static int
scan_row(void *ctx, const PGresult *r, int i)
{
	struct scan_ctx *x = ctx;
	struct svc_event ev = { .channel = "", .dept = "",
	    .uid = "", .logged_by = "", .logged_at = "", .late_reason = "" };
	struct voidpair key, *hit;

	ev.id = svc_pg_ll_col(r, i, 0);
	ev.t = (time_t)svc_pg_ll_col(r, i, 1);
	ev.ts = svc_time_format(ev.t, x->p->ts);
	ev.staff = svc_pg_col(r, i, 2);
	ev.kind = svc_pg_col(r, i, 3);
	ev.value = svc_pq.PQgetisnull(r, i, 4) ? "" :
	    svc_fmt_num(svc_pg_double_col(r, i, 4), x->p->num);
	ev.void_of = svc_pg_ll_col(r, i, 5);
	ev.note = svc_pg_col(r, i, 6);
	ev.fields = svc_pg_col(r, i, 7);
	ev.customer = svc_pg_col(r, i, 8);
	key.of = ev.id;
	key.by = 0;
	if (x->nv > 0 && (hit = bsearch(&key, x->v, x->nv, sizeof(*x->v),
	    voidpair_cmp)) != NULL)
		ev.voided_by = hit->by;
	return x->fn(x->arg, &ev);
}

static int
pg_events_scan(struct svc_db *db, time_t start, time_t end,
    int (*fn)(void *arg, const struct svc_event *ev), void *arg,
    struct svc_err *e)
{
	struct pg_db *p = pg(db);
	struct scan_ctx x = { .p = p, .fn = fn, .arg = arg };
	struct svc_pg_params ps = { 0 };
	int own = svc_pq.PQtransactionStatus(p->h) == PQTRANS_IDLE, rc = -1;

	/* one snapshot for both reads: a void committed in between must
	 * not be half seen */
	if (own && exec(db, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
	    e, "cannot list events") < 0)
		return -1;
	if (svc_db_pg_each(db, "SELECT void_of, id FROM event WHERE void_of"
	    " IS NOT NULL", NULL, 1, void_row, &x, e,
	    "cannot list voided events") < 0)
		goto out;
	if (x.nv > 1)
		qsort(x.v, x.nv, sizeof(*x.v), voidpair_cmp);
	svc_pg_ll(&ps, (long long)start);
	svc_pg_ll(&ps, (long long)end);
	/*
	 * Not through an index scan on t when the table's rows are not
	 * stored roughly in t's order (events imported out of time order):
	 * that scan reads the table page by page at random (1M shuffled
	 * events: 4.7 s, against 1.2 s for the table read in its own order
	 * and sorted). In time order it is the fastest way, and kept.
	 */
	if (exec(db, "SELECT set_config('enable_indexscan', CASE WHEN"
	    " coalesce((SELECT abs(correlation) FROM pg_stats WHERE"
	    " schemaname = current_schema() AND tablename = 'event' AND"
	    " attname = 't'), 1) < 0.9 THEN 'off' ELSE 'on' END, true)", e,
	    "cannot list events") < 0)
		goto out;
	rc = svc_db_pg_each(db, "SELECT id, t, staff, kind, value, void_of,"
	    " note, fields, customer FROM event WHERE t >= $1 AND t < $2"
	    " ORDER BY t, id",
	    &ps, 1,
	    scan_row, &x, e, "cannot list events");
	if (rc >= 0 && exec(db, "RESET enable_indexscan", e,
	    "cannot list events") < 0)
		rc = -1;
out:
	if (own && svc_pq.PQtransactionStatus(p->h) != PQTRANS_IDLE)
		svc_pq.PQclear(svc_pq.PQexec(p->h, rc < 0 ? "ROLLBACK" : "COMMIT"));
	free(x.v);
	return rc;
}

static int
pg_event_last(struct svc_db *db, const char *staff, const char *kind,
    const char *prefix, time_t *t, long long *id, struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };
	PGresult *r;
	int got;

	svc_pg_text(&ps, staff);
	svc_pg_text(&ps, kind);
	svc_pg_text(&ps, prefix);
	if ((r = svc_db_pg_run(db, "SELECT t, id FROM event WHERE staff = $1"
	    " AND kind = $2 AND substr(note, 1, length($3::text)) = $3::text"
	    " ORDER BY t DESC, id DESC LIMIT 1", &ps, e,
	    "cannot read events")) == NULL)
		return -1;
	if ((got = svc_pq.PQntuples(r) > 0)) {
		*t = (time_t)svc_pg_ll_col(r, 0, 0);
		if (id != NULL)
			*id = svc_pg_ll_col(r, 0, 1);
	}
	svc_pq.PQclear(r);
	return got;
}

/* s and t as a time column pair: NULL both when s is unset. */
static void
time_params(struct svc_pg_params *ps, const char *s, time_t t)
{
	svc_pg_opt(ps, s);
	if (s == NULL || *s == '\0')
		svc_pg_text(ps, NULL);
	else
		svc_pg_ll(ps, (long long)t);
}

static int
pg_order_add(struct svc_db *db, const struct svc_order *o, long long *id,
    struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };

	svc_pg_text(&ps, o->opened);
	svc_pg_ll(&ps, (long long)o->opened_t);
	svc_pg_text(&ps, o->customer);
	svc_pg_opt(&ps, o->channel);
	svc_pg_opt(&ps, o->dept);
	svc_pg_text(&ps, o->matter);
	svc_pg_text(&ps, o->first_asked);
	svc_pg_opt(&ps, o->assignee);
	time_params(&ps, o->due, o->due_t);
	svc_pg_text(&ps, o->status);
	time_params(&ps, o->closed, o->closed_t);
	svc_pg_opt(&ps, o->resolution);
	svc_pg_opt(&ps, o->reason);
	if (o->revisit > 0)
		svc_pg_ll(&ps, o->revisit);
	else
		svc_pg_text(&ps, NULL);
	svc_pg_text(&ps, o->category ? o->category : "");
	svc_pg_opt(&ps, o->fields);
	if (o->due_work > 0)
		svc_pg_ll(&ps, o->due_work);
	else
		svc_pg_text(&ps, NULL);
	return insert_id(db, "INSERT INTO work_order(id, opened, opened_t,"
	    " customer, channel, dept, matter, first_asked, assignee, due,"
	    " due_t, status, closed, closed_t, resolution, reason, revisit,"
	    " category, fields, due_work)"
	    " VALUES ((SELECT coalesce(max(id), 0) + 1 FROM work_order), $1,"
	    " $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,"
	    " $16, $17, $18, $19) RETURNING id", &ps, id, e,
	    "cannot store work order") < 0 ? -1 : 0;
}

static int
pg_order_update(struct svc_db *db, const struct svc_order *o,
    struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };

	svc_pg_ll(&ps, o->id);
	svc_pg_opt(&ps, o->assignee);
	svc_pg_opt(&ps, o->dept);
	svc_pg_text(&ps, o->status);
	time_params(&ps, o->closed, o->closed_t);
	svc_pg_opt(&ps, o->resolution);
	svc_pg_opt(&ps, o->reason);
	time_params(&ps, o->notified, o->notified_t);
	return write1(db, "UPDATE work_order SET assignee = $2, dept = $3,"
	    " status = $4, closed = $5, closed_t = $6, resolution = $7,"
	    " reason = $8, notified = $9, notified_t = $10 WHERE id = $1",
	    &ps, e, "cannot update work order");
}

static void
order_fill(const PGresult *r, int i, struct svc_order *o)
{
	o->id = svc_pg_ll_col(r, i, 0);
	o->opened = svc_xstrdup(svc_pg_col(r, i, 1));
	o->opened_t = (time_t)svc_pg_ll_col(r, i, 2);
	o->customer = svc_xstrdup(svc_pg_col(r, i, 3));
	o->channel = svc_xstrdup(svc_pg_col(r, i, 4));
	o->dept = svc_xstrdup(svc_pg_col(r, i, 5));
	o->matter = svc_xstrdup(svc_pg_col(r, i, 6));
	o->first_asked = svc_xstrdup(svc_pg_col(r, i, 7));
	o->assignee = svc_xstrdup(svc_pg_col(r, i, 8));
	o->due = svc_xstrdup(svc_pg_col(r, i, 9));
	o->due_t = (time_t)svc_pg_ll_col(r, i, 10);
	o->status = svc_xstrdup(svc_pg_col(r, i, 11));
	o->closed = svc_xstrdup(svc_pg_col(r, i, 12));
	o->closed_t = (time_t)svc_pg_ll_col(r, i, 13);
	o->resolution = svc_xstrdup(svc_pg_col(r, i, 14));
	o->reason = svc_xstrdup(svc_pg_col(r, i, 15));
	o->revisit = svc_pg_ll_col(r, i, 16);
	o->category = svc_xstrdup(svc_pg_col(r, i, 17));
	o->fields = svc_xstrdup(svc_pg_col(r, i, 18));
	o->notified = svc_xstrdup(svc_pg_col(r, i, 19));
	o->notified_t = (time_t)svc_pg_ll_col(r, i, 20);
	o->due_work = (int)svc_pg_ll_col(r, i, 21);
}

static int
order_one(struct svc_db *db, const char *sql, long long key,
    struct svc_order *o, struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };
	PGresult *r;
	int got;

	svc_pg_ll(&ps, key);
	if ((r = svc_db_pg_run(db, sql, &ps, e, "cannot read work order")) ==
	    NULL)
		return -1;
	if ((got = svc_pq.PQntuples(r) > 0))
		order_fill(r, 0, o);
	svc_pq.PQclear(r);
	return got;
}

static int
pg_order_get(struct svc_db *db, long long id, struct svc_order *o,
    struct svc_err *e)
{
	return order_one(db, ORDER_COLS " WHERE id = $1", id, o, e);
}

static int
pg_order_of_revisit(struct svc_db *db, long long revisit,
    struct svc_order *o, struct svc_err *e)
{
	return order_one(db, ORDER_COLS " WHERE revisit = $1", revisit, o, e);
}

static int
order_row(void *ctx, const PGresult *r, int i)
{
	struct each_ctx *x = ctx;
	int (*fn)(void *, const struct svc_order *) =
	    (int (*)(void *, const struct svc_order *))x->fn;
	struct svc_order o;
	int stop;

	order_fill(r, i, &o);
	stop = fn(x->arg, &o);
	svc_order_release(&o);
	return stop;
}

static int
pg_orders_each(struct svc_db *db,
    int (*fn)(void *arg, const struct svc_order *o), void *arg,
    struct svc_err *e)
{
	struct each_ctx x = { (void (*)(void))fn, arg };

	return svc_db_pg_each(db, ORDER_COLS " ORDER BY id", NULL, 0,
	    order_row, &x, e, "cannot read work orders");
}

static int
pg_order_wait(struct svc_db *db, long long order, time_t t,
    const char *reason, struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };

	svc_pg_ll(&ps, order);
	svc_pg_ll(&ps, (long long)t);
	if (reason == NULL)
		return write1(db, "UPDATE work_order_wait"
		    " SET ended = greatest($2, began)"
		    " WHERE work_order = $1 AND ended IS NULL", &ps, e,
		    "cannot end the wait");
	svc_pg_text(&ps, reason);
	/* ids as SQLite gives them, under the writer lock */
	return write1(db, "INSERT INTO work_order_wait(id, work_order, began,"
	    " reason) VALUES ((SELECT coalesce(max(id), 0) + 1"
	    " FROM work_order_wait), $1, $2, $3)", &ps, e,
	    "cannot store the wait");
}

static int
wait_row(void *ctx, const PGresult *r, int i)
{
	struct each_ctx *x = ctx;
	int (*fn)(void *, const struct svc_order_wait *) =
	    (int (*)(void *, const struct svc_order_wait *))x->fn;
	struct svc_order_wait w;

	w.order = atoll(svc_pg_col(r, i, 0));
	w.began = (time_t)atoll(svc_pg_col(r, i, 1));
	w.ended = (time_t)atoll(svc_pg_col(r, i, 2));
	w.reason = svc_pg_col(r, i, 3);
	return fn(x->arg, &w);
}

static int
pg_order_waits_each(struct svc_db *db, long long order,
    int (*fn)(void *arg, const struct svc_order_wait *w), void *arg,
    struct svc_err *e)
{
	struct each_ctx x = { (void (*)(void))fn, arg };
	struct svc_pg_params ps = { 0 };

	svc_pg_ll(&ps, order);
	return svc_db_pg_each(db, "SELECT work_order, began,"
	    " coalesce(ended, 0), reason FROM work_order_wait"
	    " WHERE $1 = 0 OR work_order = $1 ORDER BY work_order, began, id",
	    &ps, 0, wait_row, &x, e, "cannot read waits");
}

static int
pg_scores_save(struct svc_db *db, const char *period, const char *policy,
    const char *hash, const struct svc_score *const *rows, size_t n,
    struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };
	char now[32];

	svc_time_format(time(NULL), now);
	svc_pg_text(&ps, period);
	svc_pg_text(&ps, policy);
	if (write1(db, "DELETE FROM score WHERE period = $1 AND policy = $2",
	    &ps, e, "cannot replace saved scores") < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct svc_score *r = rows[i];

		ps.n = 0;
		svc_pg_text(&ps, period);
		svc_pg_text(&ps, policy);
		svc_pg_text(&ps, hash);
		svc_pg_text(&ps, r->staff);
		svc_pg_text(&ps, r->name);
		svc_pg_text(&ps, r->dept);
		svc_pg_text(&ps, r->position);
		svc_pg_text(&ps, r->unit);
		if (r->has_score)
			svc_pg_double(&ps, r->base);
		else
			svc_pg_text(&ps, NULL);
		svc_pg_double(&ps, r->deductions);
		svc_pg_double(&ps, r->bonuses);
		svc_pg_double(&ps, r->joint);
		if (r->has_score)
			svc_pg_double(&ps, r->score);
		else
			svc_pg_text(&ps, NULL);
		svc_pg_ll(&ps, r->complaints);
		svc_pg_ll(&ps, r->praises);
		svc_pg_ll(&ps, r->events);
		svc_pg_ll(&ps, r->eligible != 0);
		svc_pg_text(&ps, r->reason);
		svc_pg_text(&ps, now);
		if (write1(db, "INSERT INTO score(period, policy, policy_hash,"
		    " staff, name, dept, position, unit, base, deductions,"
		    " bonuses, joint, score, complaints, praises, events,"
		    " eligible, reason, saved_at) VALUES ($1, $2, $3, $4, $5,"
		    " $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,"
		    " $18, $19)", &ps, e, "cannot save scores") < 0)
			return -1;
	}
	return 0;
}

static int
pg_paid_periods(struct svc_db *db, const char *policy,
    int (*fn)(void *arg, const char *period, const char *on,
    const char *at), void *arg, struct svc_err *e)
{
	struct svc_pg_params ps = { 0 };
	PGresult *r;
	int stop = 0;

	svc_pg_opt(&ps, policy);
	/* a period is paid in one step: its first paid row is the payment */
	if ((r = svc_db_pg_run(db, "SELECT a.period, s.on_date, s.at"
	    " FROM award_status s JOIN award a ON a.id = s.award"
	    " WHERE s.id IN (SELECT min(s2.id) FROM award_status s2"
	    " JOIN award a2 ON a2.id = s2.award"
	    " WHERE s2.status = 'paid' AND a2.policy = $1"
	    " GROUP BY a2.period)"
	    " ORDER BY a.period", &ps, e, "cannot read paid periods")) == NULL)
		return -1;
	for (int i = 0; i < svc_pq.PQntuples(r) && !stop; i++)
		stop = fn(arg, svc_pg_col(r, i, 0), svc_pg_col(r, i, 1),
		    svc_pg_col(r, i, 2));
	svc_pq.PQclear(r);
	return stop;
}

struct cells_ctx {
	const char *types;
	int (*fn)(void *arg, const struct svc_db_cell *row);
	void *arg;
};

static int
cells_row(void *ctx, const PGresult *r, int i)
{
	struct cells_ctx *x = ctx;
	struct svc_db_cell row[32];

	for (int k = 0; x->types[k] != '\0'; k++) {
		struct svc_db_cell *c = &row[k];

		memset(c, 0, sizeof(*c));
		if (svc_pq.PQgetisnull(r, i, k))
			continue;
		c->type = x->types[k] == 'i' ? SVC_DB_INT :
		    x->types[k] == 'r' ? SVC_DB_REAL : SVC_DB_TEXT;
		c->i = svc_pg_ll_col(r, i, k);
		c->d = svc_pg_double_col(r, i, k);
		c->s = svc_pg_col(r, i, k);
	}
	return x->fn(x->arg, row);
}

static int
pg_rows_each(struct svc_db *db, const char *sql, const char *types,
    int (*fn)(void *arg, const struct svc_db_cell *row), void *arg,
    struct svc_err *e)
{
	struct cells_ctx x = { types, fn, arg };

	if (strlen(types) > 32)
		return svc_err_set(e, db->path, 0, NULL, "too many columns");
	return svc_db_pg_each(db, sql, NULL, 0, cells_row, &x, e,
	    "cannot read the ledger");
}

/*
 * A copy's rows go by COPY, a table's at a time (or a few MiB of it):
 * a statement per row costs a round trip each, ten times the time.
 */
static int
pg_row_put(struct svc_db *db, const char *table, const char *cols,
    const struct svc_db_cell *row, size_t n, struct svc_err *e)
{
	struct pg_db *p = pg(db);
	char num[32];

	if (p->copy.len > 0 && p->copy_table != table &&
	    pg_rows_flush(db, e) < 0)
		return -1;
	p->copy_table = table;
	p->copy_cols = cols;
	for (size_t i = 0; i < n; i++) {
		const struct svc_db_cell *c = &row[i];
		const char *v = NULL;

		if (c->type == SVC_DB_INT)
			snprintf(num, sizeof(num), "%lld", c->i);
		else if (c->type == SVC_DB_REAL)
			snprintf(num, sizeof(num), "%.17g", c->d);
		if (c->type == SVC_DB_INT || c->type == SVC_DB_REAL)
			v = num;
		else if (c->type == SVC_DB_TEXT)
			v = c->s;
		copy_field(&p->copy, v, i == n - 1);
	}
	return p->copy.len >= COPY_FLUSH ? pg_rows_flush(db, e) : 0;
}

static const struct svc_db_ops pg_ops = {
	.close = pg_close,
	.checkpoint = pg_checkpoint,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.staff_put = pg_staff_put,
	.customer_put = pg_customer_put,
	.staff_get = pg_staff_get,
	.customer_get = pg_customer_get,
	.staff_each = pg_staff_each,
	.customer_each = pg_customer_each,
	.contacts_put = pg_contacts_put,
	.contacts_each = pg_contacts_each,
	.batch_new = pg_batch_new,
	.batch_late = pg_batch_late,
	.import_begin = pg_import_begin,
	.import_rows = pg_import_rows,
	.import_one = pg_import_one,
	.import_end = pg_import_end,
	.event_add = pg_event_add,
	.event_get = pg_event_get,
	.event_by_uid = pg_event_by_uid,
	.events_each = pg_events_each,
	.events_scan = pg_events_scan,
	.event_last = pg_event_last,
	.order_add = pg_order_add,
	.order_update = pg_order_update,
	.order_get = pg_order_get,
	.order_of_revisit = pg_order_of_revisit,
	.orders_each = pg_orders_each,
	.order_wait = pg_order_wait,
	.order_waits_each = pg_order_waits_each,
	.scores_save = pg_scores_save,
	.scores_each = svc_pg_scores_each,
	.award_add = svc_pg_award_add,
	.award_post = svc_pg_award_post,
	.award_status_add = svc_pg_award_status_add,
	.award_status = svc_pg_award_status,
	.awards_each = svc_pg_awards_each,
	.award_last_change = svc_pg_award_last_change,
	.award_changes_each = svc_pg_award_changes_each,
	.objection_add = svc_pg_objection_add,
	.objection_get = svc_pg_objection_get,
	.objection_decide = svc_pg_objection_decide,
	.paid_periods = pg_paid_periods,
	.rows_each = pg_rows_each,
	.row_put = pg_row_put,
	.rows_flush = pg_rows_flush,
};
