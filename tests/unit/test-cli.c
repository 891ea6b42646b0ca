#include <check.h>
#include <stdlib.h>

#include "cli.h"

/* --db wins, then $SVC_DB, then ./svc.db; an empty $SVC_DB is unset */
START_TEST(db_default)
{
	setenv("SVC_DB", "/srv/svc/ledger.db", 1);
	ck_assert_str_eq(svc_cli_db("x.db"), "x.db");
	ck_assert_str_eq(svc_cli_db(NULL), "/srv/svc/ledger.db");
	setenv("SVC_DB", "", 1);
	ck_assert_str_eq(svc_cli_db(NULL), "svc.db");
	unsetenv("SVC_DB");
	ck_assert_str_eq(svc_cli_db(NULL), "svc.db");
}
END_TEST

/* --policy wins, then $SVC_POLICY, else none */
START_TEST(policy_default)
{
	setenv("SVC_POLICY", "group.ini", 1);
	ck_assert_str_eq(svc_cli_policy("smile.ini"), "smile.ini");
	ck_assert_str_eq(svc_cli_policy(NULL), "group.ini");
	unsetenv("SVC_POLICY");
	ck_assert_ptr_null(svc_cli_policy(NULL));
}
END_TEST

/* $SVC_USER names the clerk, else the login name */
START_TEST(user_default)
{
	setenv("SVC_USER", "clerk7", 1);
	ck_assert_str_eq(svc_cli_user(), "clerk7");
	unsetenv("SVC_USER");
	ck_assert_str_ne(svc_cli_user(), "");
}
END_TEST

/* the program name is the last path component */
START_TEST(progname)
{
	svc_cli_init("/usr/local/bin/svc-log");
	ck_assert_str_eq(svc_progname, "svc-log");
	svc_cli_init("svc-score");
	ck_assert_str_eq(svc_progname, "svc-score");
}
END_TEST

Suite *
suite_cli(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("cli");

	tcase_add_test(tc, db_default);
	tcase_add_test(tc, policy_default);
	tcase_add_test(tc, user_default);
	tcase_add_test(tc, progname);
	suite_add_tcase(s, tc);
	return s;
}
