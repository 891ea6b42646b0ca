/*
 * One Check runner for every lib/ module. The suite list is generated
 * from the tests/unit/test-*.c file names: test-NAME.c defines
 * Suite *suite_NAME(void).
 */
#include <check.h>
#include <locale.h>
#include <stdlib.h>

#define SUITE(n) Suite *suite_##n(void);
#include "suites.h"
#undef SUITE

int
main(void)
{
	SRunner *sr;
	int failed;

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "");
#define SUITE(n) \
	sr == NULL ? (void)(sr = srunner_create(suite_##n())) : \
	    srunner_add_suite(sr, suite_##n());
	sr = NULL;
#include "suites.h"
#undef SUITE
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
