#include <check.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-sqlite.h"
#include "ledger.h"
#include "policy.h"
#include "scratch.h"
#include "util.h"

static struct scratch_ledger fx;

static void
setup(void)
{
	scratch_dir("ledger");
	ck_assert_int_eq(scratch_ledger_open(&fx,
	    "id,name,dept,supervisor\nS1,张三,装车班组,S2\nS2,李四,装车班组,\n",
	    "id,name,tier\nC1,华北粮油,key\n",
	    "[policy]\nname = t\n[kind.praise]\ncounts_as = praise\n"
	    "points = 10\n[kind.assess]\ncounts_as = assessment\n"
	    "value = required\nvalue_min = 0\nvalue_max = 100\n"
	    "[kind.revisit]\ncounts_as = revisit\nvalue = required\n"
	    "value_min = 1\nvalue_max = 5\ndissatisfied_max = 2\n"
	    "follow_up = yes\n"), 2);
}

static void
teardown(void)
{
	scratch_ledger_close(&fx);
	scratch_rm();
}

static const char *
check_field(struct svc_event_in in)
{
	static struct svc_err e;

	memset(&e, 0, sizeof(e));
	if (svc_ledger_check(fx.led, &in, &e) == 0)
		return "";
	return e.field;
}

/* each invalid part of an event is named by its field */
START_TEST(check_names_field)
{
	ck_assert_str_eq(check_field((struct svc_event_in){ .staff = "S1",
	    .kind = "praise" }), "");
	ck_assert_str_eq(check_field((struct svc_event_in){ .staff = "S9",
	    .kind = "praise" }), "staff");
	ck_assert_str_eq(check_field((struct svc_event_in){ .kind = "praise" }),
	    "staff");
	ck_assert_str_eq(check_field((struct svc_event_in){ .staff = "S1",
	    .kind = "nope" }), "kind");
	ck_assert_str_eq(check_field((struct svc_event_in){ .staff = "S1",
	    .kind = "order.open" }), "kind");
	ck_assert_str_eq(check_field((struct svc_event_in){ .staff = "S1",
	    .kind = "assess" }), "value");
	ck_assert_str_eq(check_field((struct svc_event_in){ .staff = "S1",
	    .kind = "assess", .value = "100.5" }), "value");
	ck_assert_str_eq(check_field((struct svc_event_in){ .staff = "S1",
	    .kind = "assess", .value = "100" }), "");
	ck_assert_str_eq(check_field((struct svc_event_in){ .staff = "S1",
	    .kind = "praise", .customer = "C9" }), "customer");
	ck_assert_str_eq(check_field((struct svc_event_in){ .staff = "S1",
	    .kind = "praise", .customer = "C1" }), "");
	ck_assert_str_eq(check_field((struct svc_event_in){ .staff = "S1",
	    .kind = "praise", .channel = "WeChat" }), "channel");
	ck_assert_str_eq(check_field((struct svc_event_in){ .staff = "S1",
	    .kind = "praise", .ts = "2026-02-29" }), "ts");
	/* control characters, in whichever field they come */
	ck_assert_str_eq(check_field((struct svc_event_in){ .staff = "S1",
	    .kind = "praise", .note = "a\x1b[2Jb" }), "note");
	ck_assert_str_eq(check_field((struct svc_event_in){ .staff = "S1",
	    .kind = "praise", .note = "a\tb\nc" }), "");
	ck_assert_str_eq(check_field((struct svc_event_in){ .staff = "S1",
	    .kind = "praise", .dept = "a\tb" }), "dept");
	ck_assert_str_eq(check_field((struct svc_event_in){ .staff = "S1",
	    .kind = "praise", .uid = "u\x7f" }), "uid");
	ck_assert_str_eq(check_field((struct svc_event_in){ .staff = "S1",
	    .kind = "praise", .customer = "C1\x1b" }), "customer");
}
END_TEST

/* a uid names one record: the same again is skipped, other content
 * under it refused with the fields that differ */
START_TEST(add_uid_conflict)
{
	struct svc_err e = { 0 };
	long long id, id2 = 0;

	ck_assert_int_eq(svc_ledger_add(fx.led, &(struct svc_event_in){
	    .ts = "2026-10-01T08:00:00+08:00", .staff = "S1", .kind = "assess",
	    .value = "90", .uid = "U1" }, &id, &e), 1);
	ck_assert_int_eq(svc_ledger_add(fx.led, &(struct svc_event_in){
	    .ts = "2026-10-01T00:00:00Z", .staff = "S1", .kind = "assess",
	    .value = "9e1", .dept = "装车班组", .uid = "U1" }, &id2, &e), 0);
	ck_assert_int_eq(svc_ledger_add(fx.led, &(struct svc_event_in){
	    .ts = "2026-10-01T08:00:01+08:00", .staff = "S2", .kind = "assess",
	    .value = "90", .note = "x", .uid = "U1" }, &id2, &e), -1);
	ck_assert_str_eq(e.field, "uid");
	ck_assert_str_eq(e.msg, "already stored as event 1 with a different "
	    "ts, staff and note");
	ck_assert_int_eq(id2, 0);
}
END_TEST

/* the roster is looked up by id, with its department, in the database
 * one at a time and, once preloaded, in memory */
START_TEST(staff_lookup)
{
	struct svc_err e = { 0 };
	const struct svc_staff *s;
	size_t n;

	for (int pre = 0; pre < 2; pre++) {
		s = svc_ledger_staff(fx.led, "S1");
		ck_assert_ptr_nonnull(s);
		ck_assert_str_eq(s->name, "张三");
		ck_assert_str_eq(s->dept, "装车班组");
		ck_assert_ptr_null(svc_ledger_staff(fx.led, "S3"));
		s = svc_ledger_staff(fx.led, "S2");
		ck_assert_ptr_nonnull(s);
		ck_assert_str_eq(s->name, "李四");
		ck_assert_str_eq(check_field((struct svc_event_in){
		    .staff = "S2", .kind = "praise", .customer = "C1" }), "");
		ck_assert_str_eq(check_field((struct svc_event_in){
		    .staff = "S1", .kind = "praise", .customer = "C2" }),
		    "customer");
		svc_ledger_staff_all(fx.led, &n);
		ck_assert_uint_eq(n, pre ? 2 : 0);
		ck_assert_int_eq(svc_ledger_preload(fx.led, &e), 0);
	}
	ck_assert_int_eq(svc_ledger_preload(fx.led, &e), 0);
	svc_ledger_staff_all(fx.led, &n);
	ck_assert_uint_eq(n, 2);
}
END_TEST

/* an import error carries file and physical line, and nothing is kept */
START_TEST(import_all_or_nothing)
{
	struct svc_err e = { 0 };
	struct svc_event_filter f = { 0 };
	struct svc_csv_writer w;
	char *buf = NULL;
	size_t len = 0;
	FILE *mem;
	long added, skipped;
	const char *p = scratch_file("ev.csv", "ts,staff,kind,note\n"
	    "2026-10-01 08:00,S1,praise,\"a\nb\"\n"
	    "2026-10-01 09:00,S1,assess,\n");

	ck_assert_int_eq(svc_ledger_import(fx.led, p, NULL, &added, &skipped,
	    &e), -1);
	ck_assert_str_eq(e.file, p);
	ck_assert_int_eq(e.line, 4);
	ck_assert_str_eq(e.field, "value");
	ck_assert_int_eq(added, 0);
	mem = open_memstream(&buf, &len);
	svc_csv_writer_init(&w, mem, 0);
	ck_assert_int_eq(svc_ledger_list(fx.db, NULL, &f, &w, &e), 0);
	fclose(mem);
	/* the header and nothing else */
	ck_assert_ptr_nonnull(strchr(buf, '\n'));
	ck_assert_ptr_eq(strchr(buf, '\n') + 1, buf + len);
	free(buf);
}
END_TEST

/* a repeated uid is counted as skipped, within a file and across runs */
START_TEST(import_idempotent)
{
	struct svc_err e = { 0 };
	long added, skipped;
	const char *p = scratch_file("ev.csv", "ts,staff,kind,uid\n"
	    "2026-10-01 08:00,S1,praise,U1\n2026-10-01 08:00,S1,praise,U1\n");

	ck_assert_int_eq(svc_ledger_import(fx.led, p, NULL, &added, &skipped,
	    &e), 0);
	ck_assert_int_eq(added, 1);
	ck_assert_int_eq(skipped, 1);
	ck_assert_int_eq(svc_ledger_import(fx.led, p, NULL, &added, &skipped,
	    &e), 0);
	ck_assert_int_eq(added, 0);
	ck_assert_int_eq(skipped, 2);
}
END_TEST

/*
 * An import leaves SQLite's reference checks to check(), against a roster
 * it reads inside its own transaction: staff added since the ledger last
 * read it are known, unknown ones are refused, and the handle checks
 * references again afterwards, whether the import was kept or not.
 */
START_TEST(import_checks_references)
{
	struct svc_err e = { 0 };
	struct svc_event ev = { .ts = "2026-10-01T08:00:00+08:00",
	    .staff = "S9", .kind = "praise", .logged_by = "me" };
	long added, skipped, n;
	const char *ok = scratch_file("ok.csv", "ts,staff,kind\n"
	    "2026-10-01 08:00,S3,praise\n");
	const char *bad = scratch_file("bad.csv", "ts,staff,kind,customer\n"
	    "2026-10-01 08:00,S1,praise,C1\n2026-10-01 08:00,S1,praise,C9\n");

	ck_assert_int_eq(svc_ledger_preload(fx.led, &e), 0);
	ck_assert_int_eq(svc_ledger_roster(fx.db, scratch_file("r.csv",
	    "id,name\nS3,王五\n"), NULL, &n, &e), 0);
	ck_assert_int_eq(svc_ledger_import(fx.led, ok, NULL, &added, &skipped,
	    &e), 0);
	ck_assert_int_eq(added, 1);
	ck_assert_int_eq(svc_ledger_import(fx.led, bad, NULL, &added,
	    &skipped, &e), -1);
	ck_assert_int_eq(e.line, 3);
	ck_assert_str_eq(e.field, "customer");
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(svc_db_begin(fx.db, &e), 0);
		ev.batch = svc_db_batch_new(fx.db, "test", "unit", "me", &e);
		ck_assert_int_eq(svc_db_event_add(fx.db, &ev, NULL, &e), -1);
		ck_assert(strstr(e.msg, "FOREIGN KEY") != NULL);
		svc_db_rollback(fx.db);
		ck_assert_int_eq(svc_ledger_import(fx.led, ok, NULL, &added,
		    &skipped, &e), 0);
	}
}
END_TEST

/* Notes each index an import drops, as "name name ". */
static int
drops_cb(unsigned type, void *arg, void *stmt, void *sql)
{
	const char *s = sql;

	(void)type;
	(void)stmt;
	if (strncmp(s, "DROP INDEX ", 11) == 0) {
		svc_buf_add(arg, s + 11, strcspn(s + 11, ";"));
		svc_buf_adds(arg, " ");
	}
	return 0;
}

/* n events a minute apart, as a file: in time order (order 0),
 * backwards (1), or in order for two thirds, then backwards before
 * them (2) */
static const char *
events_file(const char *name, int n, int order)
{
	struct svc_buf b = { 0 };
	const char *p;

	svc_buf_adds(&b, "ts,staff,kind,uid\n");
	for (int i = 0; i < n; i++) {
		int m = order == 0 ? i : order == 1 ? n - 1 - i :
		    i < 2 * n / 3 ? n / 3 + i : n - 1 - i;

		svc_buf_printf(&b, "2026-10-%02d %02d:%02d,S1,praise,%s%d\n",
		    1 + m / 1440, m / 60 % 24, m % 60, name, i);
	}
	p = scratch_file(name, b.s);
	svc_buf_release(&b);
	return p;
}

static int
count_rows(const char *sql)
{
	return (int)scratch_sql_int(svc_db_sqlite(fx.db), sql);
}

static struct svc_buf drops;

/* Imports file, all of it new; returns the indexes it dropped. */
static const char *
import_drops(const char *file, long n)
{
	struct svc_err e = { 0 };
	long added, skipped;

	svc_buf_reset(&drops);
	svc_buf_adds(&drops, "");
	ck_assert_int_eq(svc_ledger_import(fx.led, file, NULL, &added,
	    &skipped, &e), 0);
	ck_assert_int_eq(added, n);
	return drops.s;
}

/*
 * An import large next to the ledger drops the plain indexes, but keeps
 * the one on t while its rows come in time order: they only add to its
 * end. Rows out of order drop it too. Either way the commit has them all.
 */
START_TEST(import_keeps_time_index)
{
	sqlite3_trace_v2(svc_db_sqlite(fx.db), SQLITE_TRACE_STMT, drops_cb,
	    &drops);
	/* into an empty ledger: from the first row */
	ck_assert_str_eq(import_drops(events_file("a", 300, 0), 300),
	    "\"event_staff_t\" ");
	/* from the 256th row, the first power of two past half the ledger */
	ck_assert_str_eq(import_drops(events_file("b", 300, 1), 300),
	    "\"event_staff_t\" \"event_t\" ");
	/* kept from row 512, dropped once the late rows are too many */
	ck_assert_str_eq(import_drops(events_file("c", 1200, 2), 1200),
	    "\"event_staff_t\" \"event_t\" ");
	/* a small import into a large ledger keeps them all */
	ck_assert_str_eq(import_drops(events_file("d", 300, 1), 300), "");
	sqlite3_trace_v2(svc_db_sqlite(fx.db), 0, NULL, NULL);
	svc_buf_release(&drops);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM event"
	    " INDEXED BY event_t WHERE t > 0"), 2100);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM event"
	    " INDEXED BY event_staff_t WHERE staff = 'S1'"), 2100);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM"
	    " pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);
}
END_TEST

/*
 * A file big enough to be parsed on threads, read and checked on the
 * import's reader thread: every row stored in file order, each
 * dissatisfied revisit's follow-up order right after it, and an error
 * late in the file placed on its line with nothing kept.
 */
START_TEST(import_threaded)
{
	struct svc_err e = { 0 };
	struct svc_buf b = { 0 };
	long added, skipped;
	const char *p;

	setenv("SVC_CSV_CHUNK", "4096", 1);
	svc_buf_adds(&b, "ts,staff,kind,value,customer,uid\n");
	for (int i = 0; i < 3000; i++)
		svc_buf_printf(&b, "2026-10-%02d %02d:%02d,S%d,%s,C1,U%d\n",
		    1 + i / 1440, i / 60 % 24, i % 60, 1 + i % 2,
		    i % 500 == 250 ? "revisit,1" : "praise,", i);
	p = scratch_file("big.csv", b.s);
	svc_buf_adds(&b, "2026-10-09 08:00,S3,praise,,,late\n");
	ck_assert_int_eq(svc_ledger_import(fx.led, scratch_file("bad.csv",
	    b.s), NULL, &added, &skipped, &e), -1);
	ck_assert_int_eq(e.line, 3002);
	ck_assert_str_eq(e.field, "staff");
	ck_assert_int_eq(count_rows("SELECT count(*) FROM event"), 0);
	ck_assert_int_eq(svc_ledger_import(fx.led, p, NULL, &added,
	    &skipped, &e), 0);
	unsetenv("SVC_CSV_CHUNK");
	svc_buf_release(&b);
	ck_assert_int_eq(added, 3000);
	ck_assert_int_eq(skipped, 0);
	/* ids in file order, each order.open right after its revisit */
	ck_assert_int_eq(count_rows("SELECT count(*) FROM (SELECT k, lag(k)"
	    " OVER (ORDER BY id) AS before FROM (SELECT id,"
	    " CAST(substr(uid, 2) AS INTEGER) AS k FROM event WHERE uid"
	    " LIKE 'U%')) WHERE k <> coalesce(before + 1, 0)"), 0);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM work_order o JOIN"
	    " event r ON r.id = o.revisit JOIN event op ON op.id = r.id + 1"
	    " WHERE op.kind = 'order.open' AND r.uid IN ('U250', 'U750',"
	    " 'U1250', 'U1750', 'U2250', 'U2750')"), 6);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM event"), 3006);
}
END_TEST

static int
no_thread(pthread_t *t, const pthread_attr_t *a, void *(*fn)(void *),
    void *arg)
{
	(void)t;
	(void)a;
	(void)fn;
	(void)arg;
	return EAGAIN;
}

/* with no thread to be had, an import reads, checks and stores its rows
 * on the caller's thread: the same rows, and the same error */
START_TEST(import_without_threads)
{
	struct svc_err e = { 0 };
	struct svc_buf b = { 0 };
	long added, skipped;

	svc_thread_create = no_thread;
	setenv("SVC_CSV_THREADS", "2", 1);
	setenv("SVC_CSV_CHUNK", "4096", 1);
	svc_buf_adds(&b, "ts,staff,kind,value,customer,uid\n");
	for (int i = 0; i < 3000; i++)
		svc_buf_printf(&b, "2026-10-%02d %02d:%02d,S%d,praise,,C1,U%d\n",
		    1 + i / 1440, i / 60 % 24, i % 60, 1 + i % 2, i);
	ck_assert_int_eq(svc_ledger_import(fx.led, scratch_file("ok.csv",
	    b.s), NULL, &added, &skipped, &e), 0);
	ck_assert_int_eq(added, 3000);
	svc_buf_adds(&b, "2026-10-09 08:00,S3,praise,,,late\n");
	ck_assert_int_eq(svc_ledger_import(fx.led, scratch_file("bad.csv",
	    b.s), NULL, &added, &skipped, &e), -1);
	ck_assert_int_eq(e.line, 3002);
	ck_assert_str_eq(e.field, "staff");
	unsetenv("SVC_CSV_THREADS");
	unsetenv("SVC_CSV_CHUNK");
	svc_thread_create = pthread_create;
	svc_buf_release(&b);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM event"), 3000);
}
END_TEST

/* voiding: once only, never a void, and a reason is required */
START_TEST(void_rules)
{
	struct svc_err e = { 0 };
	long long id, vid;
	long n;

	ck_assert_int_eq(svc_ledger_add(fx.led, &(struct svc_event_in){
	    .staff = "S1", .kind = "praise" }, &id, &e), 1);
	ck_assert_int_eq(svc_ledger_void(fx.led, id, "", &vid, &e), -1);
	ck_assert_str_eq(e.field, "--reason");
	ck_assert_int_eq(svc_ledger_void(fx.led, id, "错录", &vid, &e), 0);
	ck_assert_int_eq(svc_ledger_void(fx.led, id, "again", &vid, &e), -1);
	ck_assert(strstr(e.msg, "already voided") != NULL);
	ck_assert_int_eq(svc_ledger_void(fx.led, vid, "x", &vid, &e), -1);
	ck_assert(strstr(e.msg, "cannot be voided") != NULL);
	ck_assert_int_eq(svc_ledger_void(fx.led, 999, "x", &vid, &e), -1);
	/* the session's events share one batch; it has nothing left */
	ck_assert_int_eq(svc_ledger_void_batch(fx.led, 1, "x", &n, &e), -1);
	ck_assert(strstr(e.msg, "no events left") != NULL);
}
END_TEST

/* events of a policy's kinds need the policy; a void does not */
START_TEST(events_need_policy)
{
	struct svc_err e = { 0 };
	struct svc_ledger *bare = svc_ledger_new(fx.db, NULL, "test", "me",
	    &e);
	long long id, vid;
	long added, skipped;

	ck_assert_int_eq(svc_ledger_add(bare, &(struct svc_event_in){
	    .staff = "S1", .kind = "praise" }, &id, &e), -1);
	ck_assert_str_eq(e.msg, "no policy to check kinds against");
	ck_assert_int_eq(svc_ledger_import(bare, scratch_file("ev.csv",
	    "ts,staff,kind\n2026-10-01T08:00:00+08:00,S1,praise\n"), NULL,
	    &added, &skipped, &e), -1);
	ck_assert_str_eq(e.msg, "no policy to check kinds against");
	ck_assert_int_eq(count_rows("SELECT count(*) FROM event"), 0);
	ck_assert_int_eq(count_rows("SELECT count(*) FROM batch"), 0);
	ck_assert_int_eq(svc_ledger_add(fx.led, &(struct svc_event_in){
	    .staff = "S1", .kind = "praise" }, &id, &e), 1);
	ck_assert_int_eq(svc_ledger_void(bare, id, "错录", &vid, &e), 0);
	svc_ledger_free(bare);
}
END_TEST

/* a roster row naming a supervisor nobody has is refused at its line */
START_TEST(roster_reference)
{
	struct svc_err e = { 0 };
	long n;

	ck_assert_int_eq(svc_ledger_roster(fx.db, scratch_file("bad.csv",
	    "id,name,leader\nS7,王五,S1\nS8,赵六,S99\n"), NULL, &n, &e), -1);
	ck_assert_int_eq(e.line, 3);
	ck_assert_str_eq(e.field, "leader");
	ck_assert_int_eq(n, 0);
}
END_TEST

/* staff shown with their names, columns as wide as the widest, CJK
 * counting two */
START_TEST(dry_summary_aligns)
{
	struct svc_dry_count kinds[] = { { "assess", 1 }, { "praise", 2 } };
	struct svc_dry_count staff[] = { { "S1", 2 }, { "S9", 1 } };
	struct svc_dry d = { .rows = 4, .would_add = 3, .kinds = kinds,
	    .staff = staff, .nkinds = 2, .nstaff = 2, .all_errs = 1 };
	struct svc_buf b = { 0 };

	svc_dry_summary(fx.led, &d, &b);
	ck_assert_str_eq(b.s, "dry run: 4 rows read, 3 events would be "
	    "stored, 0 already in the ledger, 1 error\n"
	    "by kind:\n"
	    "  assess     1\n"
	    "  praise     2\n"
	    "by staff:\n"
	    "  S1 张三     2\n"
	    "  S9          1\n");
	svc_buf_reset(&b);
	d.nkinds = d.nstaff = 0;
	d.all_errs = 2;
	svc_dry_summary(fx.led, &d, &b);
	ck_assert_str_eq(b.s, "dry run: 4 rows read, 3 events would be "
	    "stored, 0 already in the ledger, 2 errors\n");
	svc_buf_release(&b);
}
END_TEST

Suite *
suite_ledger(void)
{
	Suite *s = suite_create("ledger");
	TCase *tc = tcase_create("ledger");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, check_names_field);
	tcase_add_test(tc, staff_lookup);
	tcase_add_test(tc, import_all_or_nothing);
	tcase_add_test(tc, import_idempotent);
	tcase_add_test(tc, add_uid_conflict);
	tcase_add_test(tc, import_checks_references);
	tcase_add_test(tc, import_keeps_time_index);
	tcase_add_test(tc, import_threaded);
	tcase_add_test(tc, import_without_threads);
	tcase_add_test(tc, void_rules);
	tcase_add_test(tc, events_need_policy);
	tcase_add_test(tc, roster_reference);
	tcase_add_test(tc, dry_summary_aligns);
	suite_add_tcase(s, tc);
	return s;
}
