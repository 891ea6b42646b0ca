#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "db-backend.h"

/* the --db values that pick PostgreSQL, and those that stay files */
START_TEST(picks_backend)
{
	ck_assert(svc_db_is_pg("postgresql://u@h/db"));
	ck_assert(svc_db_is_pg("postgres://h/db"));
	ck_assert(svc_db_is_pg("postgresql:///db?host=/tmp"));
	ck_assert(!svc_db_is_pg("svc.db"));
	ck_assert(!svc_db_is_pg("postgresql.db"));
	ck_assert(!svc_db_is_pg("./postgresql://x"));
	ck_assert(!svc_db_is_pg("POSTGRESQL://u@h/db"));
	ck_assert(!svc_db_is_pg("host=h dbname=db"));
	ck_assert(!svc_db_is_pg(""));
}
END_TEST

static void
masks(const char *in, const char *want)
{
	char *got = svc_db_mask(in);

	ck_assert_msg(strcmp(got, want) == 0, "%s: got '%s', want '%s'", in,
	    got, want);
	free(got);
}

/* a password never reaches a message: neither the user info's nor a
 * parameter's; the rest is kept as given */
START_TEST(mask_password)
{
	masks("postgresql://svc:s3cret@db.example.com:5432/ledger",
	    "postgresql://svc@db.example.com:5432/ledger");
	masks("postgres://svc:@h/db", "postgres://svc@h/db");
	masks("postgresql://svc@h/db", "postgresql://svc@h/db");
	masks("postgresql://h/db", "postgresql://h/db");
	masks("postgresql:///db?host=/tmp/x", "postgresql:///db?host=/tmp/x");
	masks("postgresql://u@/db?password=pw", "postgresql://u@/db");
	masks("postgresql://u@/db?password=pw&host=/tmp",
	    "postgresql://u@/db?host=/tmp");
	masks("postgresql://u@/db?host=/tmp&password=pw&sslmode=require",
	    "postgresql://u@/db?host=/tmp&sslmode=require");
	masks("postgresql://u:p@w@h/db", "postgresql://u@w@h/db");
	/* an '@' past the host is not user info */
	masks("postgresql://h/db?application_name=a@b",
	    "postgresql://h/db?application_name=a@b");
	masks("postgresql://u:pw@h1:5432,h2:5433/db",
	    "postgresql://u@h1:5432,h2:5433/db");
	masks("svc.db", "svc.db");
	masks("a:b@c.db", "a:b@c.db");
}
END_TEST

Suite *
suite_dburl(void)
{
	Suite *s = suite_create("dburl");
	TCase *tc = tcase_create("dburl");

	tcase_add_test(tc, picks_backend);
	tcase_add_test(tc, mask_password);
	suite_add_tcase(s, tc);
	return s;
}
