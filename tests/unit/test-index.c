#include <check.h>
#include <stdio.h>

#include "index.h"

/* Every name put is found at its position; others are not there. */
START_TEST(put_get)
{
	struct svc_index x = { 0 };
	char name[32];

	ck_assert_uint_eq(svc_index_get(&x, "S001"), 0);
	/* enough to grow the table several times */
	for (size_t i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "S%05zu", i);
		svc_index_put(&x, name, i);
	}
	ck_assert_uint_eq(x.n, 5000);
	for (size_t i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "S%05zu", i);
		ck_assert_uint_eq(svc_index_get(&x, name), i + 1);
	}
	ck_assert_uint_eq(svc_index_get(&x, "S05000"), 0);
	ck_assert_uint_eq(svc_index_get(&x, "S0000"), 0);
	ck_assert_uint_eq(svc_index_get(&x, "S000000"), 0);
	ck_assert_uint_eq(svc_index_get(&x, ""), 0);
	svc_index_free(&x);
	ck_assert_uint_eq(x.n, 0);
	ck_assert_uint_eq(svc_index_get(&x, "S00001"), 0);
}
END_TEST

/*
 * Names that share their length and first and last 8 bytes hash alike:
 * they must still be told apart. A second put of a name keeps the first.
 */
START_TEST(alike)
{
	struct svc_index x = { 0 };

	svc_index_put(&x, "complaint.a.quarrel", 0);
	svc_index_put(&x, "complaint.b.quarrel", 1);
	svc_index_put(&x, "complaint.b.quarrel", 7);
	svc_index_put(&x, "", 2);
	svc_index_put(&x, "complaint", 3);
	ck_assert_uint_eq(x.n, 4);
	ck_assert_uint_eq(svc_index_get(&x, "complaint.a.quarrel"), 1);
	ck_assert_uint_eq(svc_index_get(&x, "complaint.b.quarrel"), 2);
	ck_assert_uint_eq(svc_index_get(&x, "complaint.c.quarrel"), 0);
	ck_assert_uint_eq(svc_index_get(&x, ""), 3);
	ck_assert_uint_eq(svc_index_get(&x, "complaint"), 4);
	ck_assert_uint_eq(svc_index_get(&x, "complain"), 0);
	svc_index_free(&x);
}
END_TEST

Suite *
suite_index(void)
{
	Suite *s = suite_create("index");
	TCase *tc = tcase_create("index");

	tcase_add_test(tc, put_get);
	tcase_add_test(tc, alike);
	suite_add_tcase(s, tc);
	return s;
}
