#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db-sqlite.h"
#include "period.h"
#include "scratch.h"
#include "util.h"

static char path[96];

static void
setup(void)
{
	scratch_dir("db");
	snprintf(path, sizeof(path), "%s", scratch_path("svc.db"));
}

static void
teardown(void)
{
	scratch_rm();
}

static struct svc_db *
fresh(void)
{
	struct svc_err e = { 0 };
	struct svc_db *db = svc_db_open(path, SVC_DB_CREATE, &e);
	struct svc_staff s = { "S1", "张三", "装车班组", "班长", "成品保管",
	    "", "", 1 };

	ck_assert_msg(db != NULL, "%s", e.msg);
	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	ck_assert_int_eq(svc_db_staff_put(db, &s, &e), 0);
	ck_assert_int_eq(svc_db_commit(db, &e), 0);
	return db;
}

static long long
add(struct svc_db *db, long long batch, time_t t, const char *uid)
{
	struct svc_err e = { 0 };
	struct svc_event ev = { 0 };
	long long id = 0;
	int rc;

	ev.ts = "2026-10-01T08:00:00+08:00";
	ev.t = t;
	ev.staff = "S1";
	ev.kind = "praise.letter";
	ev.value = "10";
	ev.uid = uid;
	ev.logged_by = "test";
	ev.batch = batch;
	rc = svc_db_event_add(db, &ev, &id, &e);
	ck_assert_msg(rc >= 0, "%s", e.msg);
	return rc == 1 ? id : 0;
}

static int
count_cb(void *arg, const struct svc_event *ev)
{
	(void)ev;
	++*(int *)arg;
	return 0;
}

/* a missing file is refused unless creation is asked for */
START_TEST(open_missing)
{
	struct svc_err e = { 0 };

	ck_assert_ptr_null(svc_db_open(path, SVC_DB_EXISTING, &e));
	ck_assert_str_eq(e.file, path);
	ck_assert(strstr(e.msg, "svc-log init") != NULL);
	ck_assert_int_eq(access(path, F_OK), -1);
}
END_TEST

/* a new database is 0660 less the umask, WAL, at the current version */
START_TEST(create_mode_and_version)
{
	struct svc_err e = { 0 };
	struct svc_db *db;
	struct stat sb;
	mode_t old = umask(002);

	db = svc_db_open(path, SVC_DB_CREATE, &e);
	umask(old);
	ck_assert_ptr_nonnull(db);
	ck_assert_int_eq(svc_db_found_version(db), 0);
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0660);
	svc_db_close(db);
	db = svc_db_open(path, SVC_DB_EXISTING, &e);
	ck_assert_ptr_nonnull(db);
	ck_assert_int_eq(svc_db_found_version(db), SVC_DB_VERSION);
	svc_db_close(db);
}
END_TEST

static int
int_pragma(const char *file, const char *sql)
{
	sqlite3 *h;
	int v;

	ck_assert_int_eq(sqlite3_open(file, &h), SQLITE_OK);
	v = (int)scratch_sql_int(h, sql);
	sqlite3_close(h);
	return v;
}

/* a new ledger has 16 KiB pages and svc's mark; a ledger from before
 * the mark keeps its page size, and its first open marks it */
START_TEST(page_size_new_only)
{
	struct svc_err e = { 0 };
	const char *old = scratch_path("old.db");
	sqlite3 *h;

	svc_db_close(fresh());
	ck_assert_int_eq(int_pragma(path, "PRAGMA page_size"), 16384);
	ck_assert_int_eq(int_pragma(path, "PRAGMA application_id"),
	    SVC_DB_APPLICATION_ID);
	ck_assert_int_eq(sqlite3_open(old, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "PRAGMA page_size = 4096;", NULL,
	    NULL, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, svc_db_migration(0), NULL, NULL,
	    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "CREATE TABLE keep(x);"
	    "PRAGMA user_version = 1", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	svc_db_close(svc_db_open(old, SVC_DB_CREATE, &e));
	ck_assert_int_eq(int_pragma(old, "PRAGMA page_size"), 4096);
	ck_assert_int_eq(int_pragma(old, "PRAGMA application_id"),
	    SVC_DB_APPLICATION_ID);
	ck_assert_int_eq(int_pragma(old, "SELECT count(*) FROM keep, score"),
	    0);
}
END_TEST

/* What svc_db_event_add_many said it skipped: index, and the stored
 * event's t and uid. */
struct skips {
	size_t n, at[8];
	long long t[8];
	char uid[8][16];
};

static int
note_skip(void *arg, size_t i, const struct svc_event *stored,
    struct svc_err *e)
{
	struct skips *k = arg;

	(void)e;
	ck_assert_uint_lt(k->n, 8);
	k->at[k->n] = i;
	k->t[k->n] = stored->t;
	snprintf(k->uid[k->n], sizeof(k->uid[0]), "%s", stored->uid);
	k->n++;
	return 0;
}

/* another program's database is refused, even by init, and kept as it
 * was; an empty file only init makes a ledger of */
START_TEST(only_ledgers)
{
	struct svc_err e = { 0 };
	const char *other = scratch_path("other.db");
	const char *empty = scratch_file("empty.db", "");
	sqlite3 *h;

	ck_assert_int_eq(sqlite3_open(other, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "CREATE TABLE keep(x);"
	    "PRAGMA user_version = 3", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	ck_assert_ptr_null(svc_db_open(other, SVC_DB_CREATE, &e));
	ck_assert_str_eq(e.file, other);
	ck_assert_str_eq(e.msg, "not an svc ledger (application_id 0, "
	    "no svc tables)");
	ck_assert_int_eq(int_pragma(other, "SELECT count(*) FROM"
	    " sqlite_master"), 1);
	ck_assert_ptr_null(svc_db_open(empty, SVC_DB_EXISTING, &e));
	ck_assert(strstr(e.msg, "empty file") != NULL);
	svc_db_close(svc_db_open(empty, SVC_DB_CREATE, &e));
	ck_assert_int_eq(int_pragma(empty, "PRAGMA application_id"),
	    SVC_DB_APPLICATION_ID);
	ck_assert_int_eq(int_pragma(empty, "PRAGMA user_version"),
	    SVC_DB_VERSION);
}
END_TEST

/* many at once: stored as one by one would, in order, a uid once */
START_TEST(add_many)
{
	struct svc_err e = { 0 };
	struct svc_db *db = fresh();
	struct svc_event ev[70];
	struct skips k = { 0 };
	char uid[70][16];
	long added = 0;
	long long b;

	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	b = svc_db_batch_new(db, "test", "unit", "me", &e);
	add(db, b, 50, "OLD");
	for (int i = 0; i < 70; i++) {
		snprintf(uid[i], sizeof(uid[i]), "U%d", i);
		ev[i] = (struct svc_event){ .ts = "2026-10-01T08:00:00+08:00",
		    .t = 100 + i, .staff = "S1", .kind = "praise.letter",
		    .uid = uid[i], .logged_by = "test", .batch = b };
	}
	strcpy(uid[20], "U5");		/* inside the first statement */
	strcpy(uid[40], "U3");		/* across statements */
	strcpy(uid[66], "OLD");		/* in the ledger, among the rest */
	ev[10].uid = ev[11].uid = NULL;	/* no uid: both kept */
	ck_assert_int_eq(svc_db_event_add_many(db, ev, 70, &added, note_skip,
	    &k, &e), 0);
	ck_assert_int_eq(added, 67);
	/* each row not stored, once, with the event holding its uid: in
	 * the first statement, across statements, among the rest */
	ck_assert_uint_eq(k.n, 3);
	ck_assert_uint_eq(k.at[0], 20);
	ck_assert_int_eq(k.t[0], 105);
	ck_assert_str_eq(k.uid[0], "U5");
	ck_assert_uint_eq(k.at[1], 40);
	ck_assert_int_eq(k.t[1], 103);
	ck_assert_str_eq(k.uid[1], "U3");
	ck_assert_uint_eq(k.at[2], 66);
	ck_assert_int_eq(k.t[2], 50);
	ck_assert_str_eq(k.uid[2], "OLD");
	ck_assert_int_eq(svc_db_commit(db, &e), 0);
	svc_db_close(db);
	ck_assert_int_eq(int_pragma(path, "SELECT count(*) FROM event"), 68);
	ck_assert_int_eq(int_pragma(path, "SELECT count(*) FROM event"
	    " WHERE t IN (120, 140, 166) OR void_of IS NOT NULL"), 0);
	/* ids in the order given */
	ck_assert_int_eq(int_pragma(path, "SELECT count(*) FROM event a"
	    " JOIN event b ON b.id = a.id + 1 WHERE b.t < a.t"), 0);
	ck_assert_int_eq(int_pragma(path, "SELECT max(t) FROM event"), 169);
}
END_TEST

/* a row SQLite refuses halfway through a statement: -1, and the
 * rollback takes back the rows stored before it */
START_TEST(add_many_refused)
{
	struct svc_err e = { 0 };
	struct svc_db *db = fresh();
	struct svc_event ev[70];
	long added = 0;
	long long b;

	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	b = svc_db_batch_new(db, "test", "unit", "me", &e);
	for (int i = 0; i < 70; i++)
		ev[i] = (struct svc_event){ .t = 100 + i, .staff = "S1",
		    .kind = "praise.letter", .batch = b };
	ev[45].kind = NULL;	/* NOT NULL, in the second statement */
	ck_assert_int_eq(svc_db_event_add_many(db, ev, 70, &added, NULL, NULL, &e), -1);
	ck_assert(strstr(e.msg, "NOT NULL") != NULL);
	ck_assert_int_eq(added, 32);
	svc_db_rollback(db);
	svc_db_close(db);
	ck_assert_int_eq(int_pragma(path, "SELECT count(*) FROM event"), 0);
	ck_assert_int_eq(int_pragma(path, "SELECT count(*) FROM batch"), 0);
}
END_TEST

/* a file from a newer svc is refused rather than misread */
START_TEST(newer_schema_refused)
{
	struct svc_err e = { 0 };
	sqlite3 *h;

	svc_db_close(fresh());
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, "PRAGMA user_version = 99", NULL,
	    NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
	ck_assert_ptr_null(svc_db_open(path, SVC_DB_EXISTING, &e));
	ck_assert(strstr(e.msg, "newer") != NULL);
}
END_TEST

/* Ids of the events svc_db_events_each hands out, as "1 2 ". */
static int
ids_cb(void *arg, const struct svc_event *ev)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%lld ", ev->id);
	strcat(arg, buf);
	return 0;
}

static const char *
batch_ids(struct svc_db *db, long long batch, char *buf)
{
	struct svc_err e = { 0 };
	struct svc_event_filter f = { .batch = batch };

	buf[0] = '\0';
	ck_assert_int_eq(svc_db_events_each(db, &f, ids_cb, buf, &e), 0);
	return buf;
}

/*
 * A ledger made at schema 1, as svc made it then, is migrated on open:
 * its events keep their ids, instants, clerks, voids and batches, also a
 * batch whose events another batch's interleave (an interactive session
 * while a colleague adds), and one with no events.
 */
START_TEST(migrates_forward)
{
	struct svc_err e = { 0 };
	struct svc_db *db;
	struct svc_event ev;
	char buf[64], ts[32];
	sqlite3 *h;

	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h, svc_db_migration(0), NULL, NULL,
	    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_exec(h,
	    "INSERT INTO staff(id, name) VALUES ('S1', '张三');"
	    "INSERT INTO batch VALUES"
	    " (1, '2026-10-01T08:00:00+08:00', 'svc-log', 'a.csv', 'c1'),"
	    " (2, '2026-10-02T09:00:00+08:00', 'svc-log', 'interactive', 'c2'),"
	    " (3, '2026-10-02T09:01:00+08:00', 'svc-log', 'add', 'c3'),"
	    " (4, '2026-10-02T09:02:00+08:00', 'svc-log', 'b.csv', 'c1');"
	    "INSERT INTO event(id, ts, t, staff, kind, value, note, uid,"
	    " logged_by, logged_at, void_of, batch) VALUES"
	    " (1, '2026-10-01T07:00:00+08:00', 1790809200, 'S1', 'praise',"
	    "  10, 'n1', 'KEEP', 'c1', '2026-10-01T08:00:00+08:00', NULL, 1),"
	    " (2, '2026-10-02T08:00:00+08:00', 1790899200, 'S1', 'praise',"
	    "  NULL, 'n2', NULL, 'c2', '2026-10-02T09:00:30+08:00', NULL, 2),"
	    " (3, '2026-10-02T08:30:00+08:00', 1790901000, 'S1', 'praise',"
	    "  NULL, 'n3', NULL, 'c3', '2026-10-02T09:01:00+08:00', NULL, 3),"
	    " (4, '2026-10-02T09:05:00+08:00', 1790903100, 'S1', 'void',"
	    "  NULL, 'n4', NULL, 'c2', '2026-10-02T01:05:00+00:00', 1, 2);"
	    "PRAGMA user_version = 1", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);

	db = svc_db_open(path, SVC_DB_EXISTING, &e);
	ck_assert_msg(db != NULL, "%s", e.msg);
	ck_assert_int_eq(svc_db_found_version(db), 1);
	ck_assert_int_eq(svc_db_event_get(db, 1, &ev, &e), 1);
	ck_assert_int_eq(ev.t, 1790809200);
	ck_assert_str_eq(ev.ts, svc_time_format(1790809200, ts));
	ck_assert_str_eq(ev.uid, "KEEP");
	ck_assert_str_eq(ev.value, "10");
	ck_assert_str_eq(ev.logged_by, "c1");
	ck_assert_int_eq(ev.logged, 1790812800);
	ck_assert_int_eq(ev.voided_by, 4);
	ck_assert_int_eq(svc_db_event_get(db, 4, &ev, &e), 1);
	ck_assert_int_eq(ev.void_of, 1);
	ck_assert_str_eq(ev.logged_by, "c2");
	ck_assert_int_eq(ev.logged, 1790903100);	/* written in UTC */
	ck_assert_str_eq(batch_ids(db, 1, buf), "1 ");
	ck_assert_str_eq(batch_ids(db, 2, buf), "2 4 ");
	ck_assert_str_eq(batch_ids(db, 3, buf), "3 ");
	ck_assert_str_eq(batch_ids(db, 4, buf), "");
	svc_db_close(db);
	ck_assert_int_eq(int_pragma(path, "PRAGMA user_version"),
	    SVC_DB_VERSION);
	/* the later tables are there, and every reference holds */
	ck_assert_int_eq(int_pragma(path, "SELECT (SELECT count(*) FROM score)"
	    " + (SELECT count(*) FROM award) + (SELECT count(*) FROM work_order)"
	    " + (SELECT count(*) FROM pragma_foreign_key_check)"), 0);
	ck_assert_int_eq(int_pragma(path, "SELECT sum(after) FROM batch"),
	    0 + 1 + 2 + 4);
}
END_TEST

/* staff round-trip; a missing id is 0, not an error */
START_TEST(staff_get)
{
	struct svc_err e = { 0 };
	struct svc_db *db = fresh();
	struct svc_staff s;

	ck_assert_int_eq(svc_db_staff_get(db, "S1", &s, &e), 1);
	ck_assert_str_eq(s.name, "张三");
	ck_assert_str_eq(s.supervisor, "");
	ck_assert_int_eq(s.active, 1);
	svc_staff_release(&s);
	ck_assert_int_eq(svc_db_staff_get(db, "S9", &s, &e), 0);
	svc_db_close(db);
}
END_TEST

/* a uid already stored makes the insert a no-op that reports 0 */
START_TEST(uid_idempotent)
{
	struct svc_err e = { 0 };
	struct svc_db *db = fresh();
	long long b;

	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	b = svc_db_batch_new(db, "test", "unit", "me", &e);
	ck_assert_int_gt(b, 0);
	ck_assert_int_eq(add(db, b, 100, "U1"), 1);
	ck_assert_int_eq(add(db, b, 100, "U1"), 0);
	ck_assert_int_eq(add(db, b, 100, NULL), 2);
	ck_assert_int_eq(add(db, b, 100, ""), 3);	/* "" is no uid */
	ck_assert_int_eq(svc_db_commit(db, &e), 0);
	svc_db_close(db);
}
END_TEST

/* a rolled-back transaction leaves nothing behind */
START_TEST(rollback_leaves_nothing)
{
	struct svc_err e = { 0 };
	struct svc_event_filter f = { 0 };
	struct svc_db *db = fresh();
	int n = 0;
	long long b;

	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	b = svc_db_batch_new(db, "test", "unit", "me", &e);
	add(db, b, 100, "U1");
	svc_db_rollback(db);
	ck_assert_int_eq(svc_db_events_each(db, &f, count_cb, &n, &e), 0);
	ck_assert_int_eq(n, 0);
	svc_db_close(db);
}
END_TEST

/* an event naming an unknown staff id breaks the foreign key */
START_TEST(foreign_key_enforced)
{
	struct svc_err e = { 0 };
	struct svc_db *db = fresh();
	struct svc_event ev = { 0 };
	long long b;

	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	b = svc_db_batch_new(db, "test", "unit", "me", &e);
	ev.ts = "2026-10-01T08:00:00+08:00";
	ev.staff = "NOBODY";
	ev.kind = "x";
	ev.logged_by = "me";
	ev.batch = b;
	ck_assert_int_eq(svc_db_event_add(db, &ev, NULL, &e), -1);
	ck_assert(strstr(e.msg, "FOREIGN KEY") != NULL);
	/* SQLite would ignore the switch inside a transaction: refused */
	ck_assert_int_eq(svc_db_foreign_keys(db, 0, &e), -1);
	svc_db_rollback(db);

	ck_assert_int_eq(svc_db_foreign_keys(db, 0, &e), 0);
	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	ev.batch = svc_db_batch_new(db, "test", "unit", "me", &e);
	ck_assert_int_eq(svc_db_event_add(db, &ev, NULL, &e), 1);
	svc_db_rollback(db);
	ck_assert_int_eq(svc_db_foreign_keys(db, 1, &e), 0);
	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	ev.batch = svc_db_batch_new(db, "test", "unit", "me", &e);
	ck_assert_int_eq(svc_db_event_add(db, &ev, NULL, &e), -1);
	svc_db_rollback(db);
	svc_db_close(db);
}
END_TEST

/* range filters are half-open and voids are joined onto the voided event */
START_TEST(filter_and_void)
{
	struct svc_err e = { 0 };
	struct svc_event_filter f = { 0 };
	struct svc_db *db = fresh();
	struct svc_event ev = { 0 }, got;
	long long b, id;
	int n = 0;

	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	b = svc_db_batch_new(db, "test", "unit", "me", &e);
	add(db, b, 100, NULL);
	id = add(db, b, 200, NULL);
	add(db, b, 300, NULL);
	ev.ts = "x";
	ev.t = 400;
	ev.staff = "S1";
	ev.kind = "void";
	ev.logged_by = "me";
	ev.void_of = id;
	ev.batch = b;
	ck_assert_int_eq(svc_db_event_add(db, &ev, NULL, &e), 1);
	ck_assert_int_eq(svc_db_commit(db, &e), 0);

	f.has_range = 1;
	f.start = 200;
	f.end = 300;
	ck_assert_int_eq(svc_db_events_each(db, &f, count_cb, &n, &e), 0);
	ck_assert_int_eq(n, 1);
	f.has_range = 0;
	f.active = 1;
	n = 0;
	ck_assert_int_eq(svc_db_events_each(db, &f, count_cb, &n, &e), 0);
	ck_assert_int_eq(n, 2);

	ck_assert_int_eq(svc_db_event_get(db, id, &got, &e), 1);
	ck_assert_int_eq(got.voided_by, 4);
	ck_assert_str_eq(got.value, "10");
	ck_assert_str_eq(got.staff, "S1");
	ck_assert_int_eq(svc_db_event_get(db, 99, &got, &e), 0);

	/* the same event cannot be voided twice (UNIQUE void_of) */
	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	ck_assert_int_eq(svc_db_event_add(db, &ev, NULL, &e), -1);
	svc_db_rollback(db);
	svc_db_close(db);
}
END_TEST

struct seen {
	int n;
	long long id[8], voided_by[8], void_of[8];
	char value[8][32];
};

static int
seen_cb(void *arg, const struct svc_event *ev)
{
	struct seen *s = arg;

	ck_assert_int_lt(s->n, 8);
	ck_assert_str_eq(ev->staff, "S1");
	ck_assert_str_eq(ev->note, "");
	s->id[s->n] = ev->id;
	s->voided_by[s->n] = ev->voided_by;
	s->void_of[s->n] = ev->void_of;
	snprintf(s->value[s->n], sizeof(s->value[0]), "%s", ev->value);
	s->n++;
	return 0;
}

/* the scoring scan: half-open range in (t, id) order, every void found
 * (even one outside the range), the voiding event itself passed on */
/* The times of 64 rows along the rowid: in order, or shuffled. */
static void
sample_times(long long *ts, int shuffled)
{
	int i;

	for (i = 0; i < 64; i++)
		ts[i] = 1000 + 10 * (shuffled ? (i * 37) % 64 : i);
}

START_TEST(scan_by_rowid_decision)
{
	long long ts[64];

	sample_times(ts, 0);
	ck_assert_int_eq(svc_db_scan_by_rowid(ts, 64, 0, 2000), 0);
	sample_times(ts, 1);
	ck_assert_int_eq(svc_db_scan_by_rowid(ts, 64, 0, 2000), 1);
	/* a fifth of the table in the period: still worth a whole read */
	ck_assert_int_eq(svc_db_scan_by_rowid(ts, 64, 1000, 1130), 1);
	/* less: the index reads little, even at random */
	ck_assert_int_eq(svc_db_scan_by_rowid(ts, 64, 1000, 1120), 0);
	/* too few samples to tell */
	ck_assert_int_eq(svc_db_scan_by_rowid(ts, 7, 0, 2000), 0);
	ck_assert_int_eq(svc_db_scan_by_rowid(ts, 0, 0, 2000), 0);
	/* late entries here and there do not make a ledger shuffled */
	sample_times(ts, 0);
	ts[10] = 1005;
	ts[40] = 1001;
	ck_assert_int_eq(svc_db_scan_by_rowid(ts, 64, 0, 2000), 0);
}
END_TEST

struct order {
	int n;
	long long t, id;
};

static int
order_cb(void *arg, const struct svc_event *ev)
{
	struct order *o = arg;

	ck_assert_msg(o->n == 0 || ev->t > o->t ||
	    (ev->t == o->t && ev->id > o->id), "event %lld out of order",
	    (long long)ev->id);
	o->t = ev->t;
	o->id = ev->id;
	o->n++;
	return 0;
}

/* A ledger stored out of time order is read by the rowid, and still
 * scanned in (t, id) order; one in time order keeps event_t. */
START_TEST(scan_shuffled_ledger)
{
	struct svc_err e = { 0 };
	struct svc_db *db;
	struct order o = { 0 };
	long long ts[SVC_DB_SCAN_SAMPLES], b;
	size_t n;
	int i, shuffled;

	for (shuffled = 0; shuffled < 2; shuffled++) {
		unlink(path);
		db = fresh();
		ck_assert_int_eq(svc_db_begin(db, &e), 0);
		b = svc_db_batch_new(db, "test", "unit", "me", &e);
		/* times repeat: the id breaks the tie; shuffled by a
		   multiplicative hash */
		for (i = 0; i < 400; i++)
			add(db, b, 1000 + 10 * (shuffled ? (long)(((unsigned)
			    i * 2654435761u) >> 8) % 200 : i / 2), NULL);
		ck_assert_int_eq(svc_db_commit(db, &e), 0);
		n = svc_db_scan_sample(db, ts);
		ck_assert_uint_eq(n, SVC_DB_SCAN_SAMPLES);
		ck_assert_int_eq(svc_db_scan_by_rowid(ts, n, 0, 5000),
		    shuffled);
		o.n = 0;
		ck_assert_int_eq(svc_db_events_scan(db, 0, 5000, order_cb, &o,
		    &e), 0);
		ck_assert_int_eq(o.n, 400);
		svc_db_close(db);
	}
}
END_TEST

START_TEST(scan_and_void)
{
	struct svc_err e = { 0 };
	struct svc_db *db = fresh();
	struct svc_event ev = { 0 };
	struct seen s = { 0 };
	long long b, id1, id2;

	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	b = svc_db_batch_new(db, "test", "unit", "me", &e);
	id1 = add(db, b, 300, NULL);
	id2 = add(db, b, 200, NULL);
	add(db, b, 200, NULL);
	add(db, b, 500, NULL);
	ev.ts = "x";
	ev.staff = "S1";
	ev.kind = "void";
	ev.logged_by = "me";
	ev.batch = b;
	ev.t = 450;
	ev.void_of = id1;
	ck_assert_int_eq(svc_db_event_add(db, &ev, NULL, &e), 1);
	ev.t = 900;
	ev.void_of = id2;
	ck_assert_int_eq(svc_db_event_add(db, &ev, NULL, &e), 1);
	ck_assert_int_eq(svc_db_commit(db, &e), 0);

	ck_assert_int_eq(svc_db_events_scan(db, 200, 500, seen_cb, &s, &e),
	    0);
	ck_assert_int_eq(s.n, 4);
	ck_assert_int_eq(s.id[0], id2);
	ck_assert_int_eq(s.voided_by[0], 6);
	ck_assert_str_eq(s.value[0], "10");
	ck_assert_int_eq(s.id[1], 3);
	ck_assert_int_eq(s.voided_by[1], 0);
	ck_assert_int_eq(s.id[2], id1);
	ck_assert_int_eq(s.voided_by[2], 5);
	ck_assert_int_eq(s.id[3], 5);
	ck_assert_int_eq(s.void_of[3], id1);
	svc_db_close(db);
}
END_TEST

/* schema_version and the event indexes, as another connection sees them */
static void
schema(int *version, char *idx, size_t n)
{
	sqlite3 *h;
	sqlite3_stmt *st;

	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	ck_assert_int_eq(sqlite3_prepare_v2(h, "SELECT (SELECT schema_version"
	    " FROM pragma_schema_version), (SELECT group_concat(name) FROM"
	    " (SELECT name FROM sqlite_schema WHERE type = 'index' AND"
	    " tbl_name = 'event' ORDER BY name))", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	*version = sqlite3_column_int(st, 0);
	snprintf(idx, n, "%s", (const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	sqlite3_close(h);
}

/* The event table's indexes as db's own transaction sees them: "a,b". */
static const char *
live_indexes(struct svc_db *db)
{
	static char buf[256];
	sqlite3_stmt *st;

	ck_assert_int_eq(sqlite3_prepare_v2(svc_db_sqlite(db), "SELECT"
	    " group_concat(name) FROM (SELECT name FROM sqlite_schema WHERE"
	    " type = 'index' AND tbl_name = 'event' ORDER BY name)", -1, &st,
	    NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	snprintf(buf, sizeof(buf), "%s", (const char *)sqlite3_column_text(st,
	    0));
	sqlite3_finalize(st);
	return buf;
}

/* bulk mode drops the plain indexes (but the one on t while asked to keep
 * it); the commit rebuilds them, a rollback restores them, and the unique
 * ones are never dropped */
START_TEST(bulk_rebuilds)
{
	struct svc_err e = { 0 };
	struct svc_db *db = fresh();
	char idx0[256], idx[256];
	int v0, v;
	long long b;

	schema(&v0, idx0, sizeof(idx0));
	ck_assert_str_eq(idx0, "event_staff_t,event_t,event_void_of,"
	    "sqlite_autoindex_event_1");
	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	b = svc_db_batch_new(db, "test", "unit", "me", &e);
	ck_assert_int_eq(svc_db_bulk_start(db, 1, &e), 0);
	ck_assert_str_eq(live_indexes(db), "event_t,event_void_of,"
	    "sqlite_autoindex_event_1");
	ck_assert_int_eq(svc_db_bulk_start(db, 1, &e), 0);
	ck_assert_int_eq(svc_db_bulk_start(db, 0, &e), 0);
	ck_assert_int_eq(svc_db_bulk_start(db, 0, &e), 0);
	ck_assert_str_eq(live_indexes(db), "event_void_of,"
	    "sqlite_autoindex_event_1");
	add(db, b, 100, "U1");
	ck_assert_int_eq(add(db, b, 100, "U1"), 0);	/* uid still unique */
	svc_db_rollback(db);
	schema(&v, idx, sizeof(idx));
	ck_assert_int_eq(v, v0);
	ck_assert_str_eq(idx, idx0);

	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	b = svc_db_batch_new(db, "test", "unit", "me", &e);
	ck_assert_int_eq(svc_db_bulk_start(db, 1, &e), 0);
	add(db, b, 100, "U1");
	add(db, b, 50, "U2");
	ck_assert_int_eq(svc_db_bulk_start(db, 0, &e), 0);
	add(db, b, 70, "U3");
	ck_assert_int_eq(svc_db_commit(db, &e), 0);
	schema(&v, idx, sizeof(idx));
	ck_assert_int_gt(v, v0);	/* dropped and made again */
	ck_assert_str_eq(idx, idx0);
	ck_assert_int_eq(svc_db_event_max_id(db), 3);
	svc_db_close(db);
	ck_assert_int_eq(int_pragma(path, "SELECT count(*) FROM event"
	    " INDEXED BY event_t WHERE t BETWEEN 50 AND 100"), 3);
	ck_assert_int_eq(int_pragma(path, "SELECT count(*) FROM event"
	    " INDEXED BY event_staff_t WHERE staff = 'S1' AND t > 60"), 2);
}
END_TEST

/* an import session, begun outside the transaction only, stores what
 * its caller checked, drops the indexes of an import into an empty
 * ledger, and once ended leaves the references checked again */
START_TEST(import_session)
{
	struct svc_err e = { 0 };
	struct svc_db *db = fresh();
	struct svc_event ev[2] = { { 0 } };
	long added = 0;
	long long id = 0;

	ev[0].staff = ev[1].staff = "NOBODY";
	ev[0].kind = ev[1].kind = "x";
	ev[0].t = 100;
	ev[1].t = 200;
	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	ck_assert_int_eq(svc_db_import_begin(db, &e), -1);
	svc_db_rollback(db);
	ck_assert_int_eq(svc_db_import_end(db, &e), 0);

	ck_assert_int_eq(svc_db_import_begin(db, &e), 0);
	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	ev[0].batch = ev[1].batch = svc_db_batch_new(db, "test", "unit", "me",
	    &e);
	ck_assert_int_eq(svc_db_import_rows(db, ev, 1, &added, NULL, NULL,
	    &e), 0);
	ck_assert_str_eq(live_indexes(db), "event_t,event_void_of,"
	    "sqlite_autoindex_event_1");
	ck_assert_int_eq(svc_db_import_one(db, &ev[1], &id, &e), 1);
	ck_assert_int_eq(id, 2);
	ck_assert_int_eq(added, 1);
	svc_db_rollback(db);
	ck_assert_int_eq(svc_db_import_end(db, &e), 0);

	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	ev[0].batch = svc_db_batch_new(db, "test", "unit", "me", &e);
	ck_assert_int_eq(svc_db_import_rows(db, ev, 1, &added, NULL, NULL,
	    &e), -1);
	ck_assert(strstr(e.msg, "FOREIGN KEY") != NULL);
	svc_db_rollback(db);
	svc_db_close(db);
}
END_TEST

/* The connection's page cache in KiB, as PRAGMA cache_size gives it
 * (negative) or in pages of 16 KiB. */
static long
cache_kib(struct svc_db *db)
{
	sqlite3_stmt *st;
	long v;

	ck_assert_int_eq(sqlite3_prepare_v2(svc_db_sqlite(db),
	    "PRAGMA cache_size", -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	v = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v < 0 ? -v : v * 16;
}

/* Imports ROWS events with long uids, descending or ascending, and
 * returns the page cache in KiB after the rows, after the commit and
 * after the session. */
#define CACHE_ROWS	4096
static void
import_cache(int descending, long kib[3])
{
	static char uids[CACHE_ROWS][520];
	static struct svc_event ev[CACHE_ROWS];
	struct svc_err e = { 0 };
	struct svc_db *db = fresh();
	long added = 0;

	for (int i = 0; i < CACHE_ROWS; i++) {
		int n = descending ? CACHE_ROWS - i : i;

		memset(uids[i], 'u', 500);
		snprintf(uids[i] + 500, 20, "%06d", n);
		memset(&ev[i], 0, sizeof(ev[i]));
		ev[i].t = 100 + i;
		ev[i].staff = "S1";
		ev[i].kind = "x";
		ev[i].uid = uids[i];
	}
	ck_assert_int_eq(svc_db_import_begin(db, &e), 0);
	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	ev[0].batch = svc_db_batch_new(db, "test", "unit", "me", &e);
	for (int i = 1; i < CACHE_ROWS; i++)
		ev[i].batch = ev[0].batch;
	ck_assert_msg(svc_db_import_rows(db, ev, CACHE_ROWS, &added, NULL,
	    NULL, &e) == 0, "%s", e.msg);
	ck_assert_int_eq(added, CACHE_ROWS);
	kib[0] = cache_kib(db);
	ck_assert_msg(svc_db_commit(db, &e) == 0, "%s", e.msg);
	kib[1] = cache_kib(db);
	ck_assert_int_eq(svc_db_import_end(db, &e), 0);
	kib[2] = cache_kib(db);
	svc_db_close(db);
	for (int i = 0; i < 3; i++) {
		const char *tail[] = { "", "-wal", "-shm" };
		char f[128];

		snprintf(f, sizeof(f), "%s%s", path, tail[i]);
		unlink(f);
	}
}

/* uids out of order go all over the uid index: the session sizes the
 * page cache to hold it (4,096 rows of 506-byte uids: 4,096 * 518 * 1.5
 * bytes, 3,108 KiB), gives it back before the indexes are rebuilt, and
 * leaves an import in uid order with SQLite's own 2,000 KiB */
START_TEST(import_cache_for_uids)
{
	long kib[3];

	import_cache(1, kib);
	ck_assert_int_eq(kib[0], 4096L * 518 * 3 / 2 / 1024);
	ck_assert_int_eq(kib[1], 2000);
	ck_assert_int_eq(kib[2], 2000);
	import_cache(0, kib);
	ck_assert_int_eq(kib[0], 2000);
	ck_assert_int_eq(kib[2], 2000);
}
END_TEST

/* Saved awards as the storage keeps them: the row, its status changes
 * (the current one is the latest), the dates an approval fills in, the
 * latest change to a status still held, the changes listed, and
 * objections with one outcome each. */
static int
note_award(void *arg, const struct svc_db_award *a)
{
	struct svc_buf *b = arg;

	svc_buf_printf(b, "%lld %s %s %s %s %d %s|", a->id, a->period,
	    a->type, a->status, a->posted_from, a->rank, a->note);
	return 0;
}

START_TEST(award_rows)
{
	struct svc_err e = { 0 };
	struct svc_db *db = fresh();
	struct svc_db_award a = { .period = "2026-10", .policy = "p",
	    .policy_hash = "h", .staff = "S1", .name = "张三", .dept = "d",
	    .type = "star", .award = "星级", .amount = 500, .action = "",
	    .rank = 0, .consecutive = 2, .badge = "", .reason = "",
	    .posted_from = "", .posted_until = "", .payable = "",
	    .saved_at = "2026-11-01T08:00:00+08:00" };
	struct svc_db_award_filter f = { .policy = "p" };
	struct svc_buf b = { 0 };
	long long id1, id2, ob, award;
	char status[16], on[16], who[64];
	int decided;

	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	ck_assert_int_eq(svc_db_award_add(db, &a, &id1, &e), 0);
	a.type = "tier";
	a.rank = 1;
	ck_assert_int_eq(svc_db_award_add(db, &a, &id2, &e), 0);
	ck_assert_int_eq(svc_db_award_status_add(db, id1, "proposed",
	    "2026-11-01", "me", "", &e), 0);
	ck_assert_int_eq(svc_db_award_status_add(db, id2, "proposed",
	    "2026-11-01", "me", "", &e), 0);
	ck_assert_int_eq(svc_db_award_post(db, id1, "2026-11-02",
	    "2026-11-09", "2026-12", &e), 0);
	ck_assert_int_eq(svc_db_award_status_add(db, id1, "approved",
	    "2026-11-09", "lead", "ok", &e), 0);
	ck_assert_int_eq(svc_db_award_status_add(db, id2, "replaced",
	    "2026-11-03", "me", "saved again", &e), 0);
	ck_assert_int_eq(svc_db_commit(db, &e), 0);

	ck_assert_int_eq(svc_db_award_status(db, id1, status, sizeof(status),
	    &e), 1);
	ck_assert_str_eq(status, "approved");
	ck_assert_int_eq(svc_db_award_status(db, 99, status, sizeof(status),
	    &e), 0);
	ck_assert_int_eq(svc_db_awards_each(db, "p", NULL, note_award, &b,
	    &e), 0);
	ck_assert_str_eq(b.s, "1 2026-10 star approved 2026-11-02 0 |"
	    "2 2026-10 tier replaced  1 |");
	svc_buf_reset(&b);
	ck_assert_int_eq(svc_db_awards_each(db, "p", "2026-09", note_award,
	    &b, &e), 0);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_int_eq(svc_db_award_last_change(db, "p", "2026-10",
	    "approved", on, who, &e), 1);
	ck_assert_str_eq(on, "2026-11-09");
	ck_assert_str_eq(who, "lead");
	ck_assert_int_eq(svc_db_award_last_change(db, "p", "2026-10",
	    "proposed", on, who, &e), 0);
	/* current statuses leave replaced out unless asked for */
	ck_assert_int_eq(svc_db_award_changes_each(db, &f, note_award, &b,
	    &e), 0);
	ck_assert_str_eq(b.s, "1 2026-10 star approved 2026-11-02 0 ok|");
	svc_buf_reset(&b);
	f.history = 1;
	ck_assert_int_eq(svc_db_award_changes_each(db, &f, note_award, &b,
	    &e), 0);
	ck_assert_str_eq(b.s, "1 2026-10 star proposed 2026-11-02 0 |"
	    "1 2026-10 star approved 2026-11-02 0 ok|"
	    "2 2026-10 tier proposed  1 |"
	    "2 2026-10 tier replaced  1 saved again|");
	svc_buf_release(&b);

	ck_assert_int_eq(svc_db_begin(db, &e), 0);
	ck_assert_int_eq(svc_db_objection_add(db, id1, "why", "2026-11-05",
	    "S1", &ob, &e), 0);
	ck_assert_int_eq(svc_db_objection_get(db, ob, &award, &decided, &e),
	    1);
	ck_assert_int_eq(award, id1);
	ck_assert_int_eq(decided, 0);
	ck_assert_int_eq(svc_db_objection_decide(db, ob, 0, "upheld",
	    "2026-11-09", "lead", &e), 0);
	/* every undecided one of the award: this one is decided already */
	ck_assert_int_eq(svc_db_objection_decide(db, 0, id1, "rejected",
	    "2026-11-09", "lead", &e), 0);
	ck_assert_int_eq(svc_db_objection_get(db, ob, &award, &decided, &e),
	    1);
	ck_assert_int_eq(decided, 1);
	ck_assert_int_eq(svc_db_objection_get(db, ob + 1, &award, &decided,
	    &e), 0);
	ck_assert_int_eq(svc_db_commit(db, &e), 0);
	svc_db_close(db);
}
END_TEST

Suite *
suite_db(void)
{
	Suite *s = suite_create("db");
	TCase *tc = tcase_create("db");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, open_missing);
	tcase_add_test(tc, create_mode_and_version);
	tcase_add_test(tc, page_size_new_only);
	tcase_add_test(tc, only_ledgers);
	tcase_add_test(tc, add_many);
	tcase_add_test(tc, add_many_refused);
	tcase_add_test(tc, import_session);
	tcase_add_test(tc, import_cache_for_uids);
	tcase_add_test(tc, award_rows);
	tcase_add_test(tc, newer_schema_refused);
	tcase_add_test(tc, migrates_forward);
	tcase_add_test(tc, staff_get);
	tcase_add_test(tc, uid_idempotent);
	tcase_add_test(tc, rollback_leaves_nothing);
	tcase_add_test(tc, scan_and_void);
	tcase_add_test(tc, scan_by_rowid_decision);
	tcase_add_test(tc, scan_shuffled_ledger);
	tcase_add_test(tc, bulk_rebuilds);
	tcase_add_test(tc, foreign_key_enforced);
	tcase_add_test(tc, filter_and_void);
	suite_add_tcase(s, tc);
	return s;
}
