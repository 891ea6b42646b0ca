#include <check.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "scratch.h"
#include "vfs.h"

static void
setup(void)
{
	scratch_dir("vfs");
}

static void
teardown(void)
{
	scratch_rm();
}

static void
run(sqlite3 *h, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(h, sql, NULL, NULL, &msg);

	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, msg ? msg : "?");
}

/* A connection to path through vfs (NULL: SQLite's default), in WAL mode
 * with a page cache small enough to spill into the log mid-transaction. */
static sqlite3 *
open_db(const char *path, const char *vfs)
{
	sqlite3 *h;

	ck_assert_int_eq(sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, vfs), SQLITE_OK);
	run(h, "PRAGMA journal_mode = WAL; PRAGMA cache_size = 50;"
	    " CREATE TABLE IF NOT EXISTS t(id INTEGER PRIMARY KEY, b BLOB)");
	return h;
}

/* Adds n rows of about 1000 bytes, each b made from its id. */
static void
fill(sqlite3 *h, int n)
{
	char sql[256];

	snprintf(sql, sizeof(sql), "WITH RECURSIVE c(i) AS (SELECT 1 UNION"
	    " ALL SELECT i + 1 FROM c WHERE i < %d) INSERT INTO t(id, b)"
	    " SELECT m + i, zeroblob(1000) || (m + i) FROM c,"
	    " (SELECT coalesce(max(id), 0) AS m FROM t)", n);
	run(h, sql);
}

START_TEST(registered_once)
{
	const char *name = svc_vfs();

	ck_assert_ptr_nonnull(name);
	ck_assert_ptr_nonnull(sqlite3_vfs_find(name));
	ck_assert_ptr_eq(svc_vfs(), name);
	/* not made the default: other code in the process is left alone */
	ck_assert_ptr_ne(sqlite3_vfs_find(NULL), sqlite3_vfs_find(name));
}
END_TEST

START_TEST(log_written_out)
{
	const char *path = scratch_path("w.db");
	long long before = svc_vfs_written_out();
	sqlite3 *h = open_db(path, svc_vfs());

	/* about 8 MiB of log in one transaction */
	run(h, "BEGIN");
	fill(h, 8000);
	run(h, "COMMIT");
	sqlite3_close(h);
	ck_assert_int_ge(svc_vfs_written_out() - before,
	    4 * SVC_VFS_WRITE_OUT);
}
END_TEST

START_TEST(small_commits_left_alone)
{
	const char *path = scratch_path("s.db");
	long long before = svc_vfs_written_out();
	sqlite3 *h = open_db(path, svc_vfs());

	/* each commit's fsync takes what it wrote; none reaches a hand-off */
	for (int i = 0; i < 200; i++)
		fill(h, 2);
	sqlite3_close(h);
	ck_assert_int_eq(svc_vfs_written_out(), before);
}
END_TEST

/*
 * What goes through the VFS reads back through SQLite's own, after a
 * rolled-back transaction, a log started over by a checkpoint and one
 * cut short by a truncating one.
 */
START_TEST(same_bytes)
{
	const char *path = scratch_path("b.db");
	sqlite3 *h = open_db(path, svc_vfs()), *p;

	run(h, "BEGIN");
	fill(h, 3000);
	run(h, "ROLLBACK");
	run(h, "BEGIN");
	fill(h, 3000);
	run(h, "COMMIT");
	run(h, "PRAGMA wal_checkpoint(RESTART)");
	fill(h, 2000);
	run(h, "PRAGMA wal_checkpoint(TRUNCATE)");
	fill(h, 2000);
	p = open_db(path, NULL);
	ck_assert_int_eq(scratch_sql_int(p, "SELECT count(*) FROM t"), 7000);
	ck_assert_int_eq(scratch_sql_int(p, "SELECT max(id) FROM t"), 7000);
	ck_assert_int_eq(scratch_sql_int(p, "SELECT count(*) FROM t"
	    " WHERE b <> zeroblob(1000) || id"), 0);
	ck_assert_int_eq(scratch_sql_int(p, "SELECT count(*) FROM"
	    " pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);
	sqlite3_close(p);
	sqlite3_close(h);
}
END_TEST

/*
 * While a transaction's log is written out, another process still sees
 * its locks: the write lock (in the -shm file) and the shared lock on the
 * database file that SQLite holds as long as a WAL connection is open.
 * The VFS opens a descriptor of its own only on the log; one on the
 * database would drop that lock when closed. The lock's bytes are
 * SQLite's documented lock-byte page: the shared range is 510 bytes at
 * 2^30 + 2.
 */
START_TEST(locks_held)
{
	const char *path = scratch_path("l.db");
	long long before = svc_vfs_written_out();
	sqlite3 *h = open_db(path, svc_vfs());
	pid_t pid;
	int status;

	run(h, "BEGIN IMMEDIATE");
	fill(h, 4000);
	if ((pid = fork()) == 0) {
		struct flock fl = { 0 };
		sqlite3 *c;
		int fd;

		if ((fd = open(path, O_RDONLY)) < 0)
			_exit(10);
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		fl.l_start = 0x40000002;
		fl.l_len = 510;
		if (fcntl(fd, F_GETLK, &fl) < 0 || fl.l_type == F_UNLCK)
			_exit(11);
		if (sqlite3_open_v2(path, &c, SQLITE_OPEN_READWRITE, NULL) !=
		    SQLITE_OK)
			_exit(12);
		_exit(sqlite3_exec(c, "BEGIN IMMEDIATE", NULL, NULL, NULL) ==
		    SQLITE_OK ? 13 : 0);
	}
	ck_assert_int_gt(pid, 0);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	run(h, "COMMIT");
	sqlite3_close(h);
	ck_assert_int_gt(svc_vfs_written_out(), before);
}
END_TEST

Suite *
suite_vfs(void)
{
	Suite *s = suite_create("vfs");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, registered_once);
	tcase_add_test(tc, log_written_out);
	tcase_add_test(tc, small_commits_left_alone);
	tcase_add_test(tc, same_bytes);
	tcase_add_test(tc, locks_held);
	suite_add_tcase(s, tc);
	return s;
}
