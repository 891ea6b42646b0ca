#include <check.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "db.h"
#include "ledger.h"
#include "order.h"
#include "policy.h"
#include "scratch.h"

static char dir[64];

const char *
scratch_dir(const char *tag)
{
	snprintf(dir, sizeof(dir), "/tmp/svc-test-%s.XXXXXX", tag);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	return dir;
}

const char *
scratch_path(const char *name)
{
	static char p[4][160];
	static int next;
	char *s = p[next++ % 4];

	snprintf(s, sizeof(p[0]), "%s/%s", dir, name);
	return s;
}

long long
scratch_sql_int(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long long v;
	int rc;

	rc = sqlite3_prepare_v2(h, sql, -1, &st, NULL);
	ck_assert_msg(rc == SQLITE_OK && st != NULL, "%s: %s", sql,
	    st == NULL && rc == SQLITE_OK ? "no statement" :
	    sqlite3_errmsg(h));
	rc = sqlite3_step(st);
	ck_assert_msg(rc == SQLITE_ROW, "%s: %s", sql,
	    rc == SQLITE_DONE ? "no row" : sqlite3_errmsg(h));
	/* a number, not NULL (an aggregate of nothing) read as 0 */
	ck_assert_msg(sqlite3_column_type(st, 0) == SQLITE_INTEGER,
	    "%s: not an integer", sql);
	v = sqlite3_column_int64(st, 0);
	rc = sqlite3_step(st);
	ck_assert_msg(rc == SQLITE_DONE, "%s: %s", sql,
	    rc == SQLITE_ROW ? "more than one row" : sqlite3_errmsg(h));
	sqlite3_finalize(st);
	return v;
}

const char *
scratch_file(const char *name, const char *text)
{
	const char *p = scratch_path(name);
	FILE *f;

	ck_assert_ptr_nonnull(f = fopen(p, "w"));
	ck_assert_int_ge(fputs(text, f), 0);
	ck_assert_int_eq(fclose(f), 0);
	return p;
}

void
scratch_rm(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}

long
scratch_ledger_open(struct scratch_ledger *x, const char *roster,
    const char *customers, const char *policy)
{
	struct svc_err e = { 0 };
	long staff, n;

	x->db = svc_db_open(scratch_path("svc.db"), SVC_DB_CREATE, &e);
	ck_assert_msg(x->db != NULL, "%s", e.msg);
	ck_assert_int_eq(svc_ledger_roster(x->db, scratch_file("r.csv",
	    roster), NULL, &staff, &e), 0);
	ck_assert_int_eq(svc_ledger_customers(x->db, scratch_file("c.csv",
	    customers), NULL, &n, &e), 0);
	x->pol = svc_policy_load(scratch_file("p.ini", policy), &e);
	ck_assert_msg(x->pol != NULL, "%s", e.msg);
	x->led = svc_ledger_new(x->db, x->pol, "test", "me", &e);
	ck_assert_ptr_nonnull(x->led);
	svc_order_attach(x->led);
	return staff;
}

void
scratch_ledger_close(struct scratch_ledger *x)
{
	svc_ledger_free(x->led);
	svc_db_close(x->db);
	svc_policy_free(x->pol);
}
