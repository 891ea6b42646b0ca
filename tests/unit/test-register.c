/*
 * Unit tests for register: which of a kind's alerts an event's fields
 * meet, as the register marks and lists them.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "policy.h"
#include "register.h"
#include "util.h"

static struct svc_policy *
load(const char *text)
{
	char path[64], buf[1024];
	struct svc_policy *p;
	struct svc_err e;
	int fd;

	snprintf(path, sizeof(path), "/tmp/test-register-XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	svc_err_clear(&e);
	p = svc_policy_load(path, &e);
	unlink(path);
	ck_assert_msg(p != NULL, "%s", svc_err_format(&e, buf, sizeof(buf)));
	return p;
}

/* the document's threshold: 37.3 is listed, 37.29 is not; a field not
 * carried meets nothing; several alerts met are said in policy order */
START_TEST(test_alerts_met)
{
	struct svc_policy *p = load("[policy]\nname = r\n[kind.visitor]\n"
	    "field.visitor = text required\n"
	    "field.temperature = number 34.0..43.0\n"
	    "field.fee = money\n"
	    "alert = temperature >= 37.3\nalert = fee > 100\n"
	    "alert = temperature < 35\n");
	const struct svc_kind *k = svc_policy_kind(p, "visitor");
	struct svc_buf b = { 0 };

	ck_assert_uint_eq(svc_register_alerts(k,
	    "{\"temperature\":37.3,\"visitor\":\"刘洋\"}", &b), 1);
	ck_assert_str_eq(b.s, "temperature >= 37.3");
	ck_assert_uint_eq(svc_register_alerts(k,
	    "{\"temperature\":37.29,\"visitor\":\"郑国华\"}", &b), 0);
	ck_assert_str_eq(b.s, "");
	ck_assert_uint_eq(svc_register_alerts(k, "{\"visitor\":\"王五\"}",
	    &b), 0);
	ck_assert_uint_eq(svc_register_alerts(k, "", &b), 0);
	ck_assert_uint_eq(svc_register_alerts(k,
	    "{\"fee\":100.5,\"temperature\":38}", &b), 2);
	ck_assert_str_eq(b.s, "temperature >= 37.3; fee > 100");
	ck_assert_uint_eq(svc_register_alerts(k, "{\"temperature\":34.5}",
	    NULL), 1);
	svc_buf_release(&b);
	svc_policy_free(p);
}
END_TEST

Suite *
suite_register(void)
{
	Suite *s = suite_create("register");
	TCase *t = tcase_create("register");

	tcase_add_test(t, test_alerts_met);
	suite_add_tcase(s, t);
	return s;
}
