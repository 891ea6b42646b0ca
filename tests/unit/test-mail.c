#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mail.h"

static char *
capture_subject(const char *subject)
{
	char *s = NULL;
	size_t n;
	FILE *fp = open_memstream(&s, &n);

	svc_mail_subject(fp, subject);
	fclose(fp);
	return s;
}

/* ASCII subjects go as they are */
START_TEST(subject_ascii)
{
	char *s = capture_subject("Scores 2026-08");

	ck_assert_str_eq(s, "Subject: Scores 2026-08\n");
	free(s);
}
END_TEST

/* RFC 2047: B words of whole characters, each <= 75, lines <= 76 */
START_TEST(subject_encoded)
{
	char *s = capture_subject("供水客服部服务质量月度考核 2026-08 月度服务分析表");
	char *line, *save = NULL;

	ck_assert_str_eq(s,
	    "Subject: =?UTF-8?B?5L6b5rC05a6i5pyN6YOo5pyN5Yqh6LSo6YeP5pyI5bqm6ICD5qC4?=\n"
	    " =?UTF-8?B?IDIwMjYtMDgg5pyI5bqm5pyN5Yqh5YiG5p6Q6KGo?=\n");
	for (line = strtok_r(s, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save))
		ck_assert_int_le(strlen(line), 76);
	free(s);
}
END_TEST

/* a single character never splits across words (4-byte emoji) */
START_TEST(subject_whole_chars)
{
	char buf[200] = "";
	char *s;

	for (int i = 0; i < 12; i++)
		strcat(buf, "\xf0\x9f\x98\x80");	/* 😀, 48 bytes */
	s = capture_subject(buf);
	/* 39 bytes per word hold 9 emoji (36 bytes), then 3 */
	ck_assert_str_eq(s, "Subject: =?UTF-8?B?8J+YgPCfmIDwn5iA8J+YgPCfmIDwn5iA"
	    "8J+YgPCfmIDwn5iA?=\n =?UTF-8?B?8J+YgPCfmIDwn5iA?=\n");
	free(s);
}
END_TEST

/* dates are English and carry the local offset, whatever the locale */
START_TEST(date_format)
{
	char buf[40];

	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	ck_assert_str_eq(svc_mail_date(1794412800, buf),
	    "Thu, 12 Nov 2026 00:00:00 +0800");
	setenv("TZ", "America/St_Johns", 1);
	tzset();
	ck_assert_str_eq(svc_mail_date(1794412800, buf),
	    "Wed, 11 Nov 2026 12:30:00 -0330");
	unsetenv("TZ");
	tzset();
}
END_TEST

/* addresses: one @, no space, comma, bracket or line break */
START_TEST(check_addresses)
{
	const char *to[] = { "boss@example.com" };
	const char *bad[] = { "boss@example.com\nBcc: x@y" };
	struct svc_mail m = { .from = "svc@example.com", .to = to, .nto = 1,
	    .subject = "s" };
	struct svc_err e = { 0 };

	ck_assert_int_eq(svc_mail_check(&m, &e), 0);
	m.from = "svc example.com";
	ck_assert_int_eq(svc_mail_check(&m, &e), -1);
	ck_assert_str_eq(e.field, "--from");
	m.from = "svc@example.com";
	m.to = bad;
	ck_assert_int_eq(svc_mail_check(&m, &e), -1);
	ck_assert_str_eq(e.field, "--to");
	m.to = to;
	m.subject = "a\r\nBcc: x@y";
	ck_assert_int_eq(svc_mail_check(&m, &e), -1);
	ck_assert_str_eq(e.field, "--subject");
	m.subject = "s";
	m.nto = 0;
	ck_assert_int_eq(svc_mail_check(&m, &e), -1);
}
END_TEST

static char *
message(const char *html, const char *attach)
{
	const char *to[] = { "a@example.com", "b@example.com" };
	struct svc_mail m = { .from = "svc@example.org", .to = to, .nto = 2,
	    .subject = "月报", .date = 1794412800, .text = "文本\n",
	    .html = html, .attach = attach,
	    .attach_len = attach ? strlen(attach) : 0,
	    .attach_name = "r.csv", .attach_type = "text/csv; charset=utf-8" };
	char *s = NULL;
	size_t n;
	FILE *fp = open_memstream(&s, &n);

	svc_mail_write(&m, fp);
	fclose(fp);
	return s;
}

/* the structure: headers, alternative text then html, base64 bodies;
 * the Message-ID follows the content and the From domain */
START_TEST(write_message)
{
	char *a, *b, *c;
	const char *t, *h;

	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	a = message("<p>x</p>\n", NULL);
	b = message("<p>y</p>\n", NULL);
	c = message("<p>x</p>\n", "a,b\n1,2\n");
	ck_assert_ptr_nonnull(strstr(a, "From: svc@example.org\n"
	    "To: a@example.com,\n b@example.com\n"
	    "Subject: =?UTF-8?B?5pyI5oql?=\n"
	    "Date: Thu, 12 Nov 2026 00:00:00 +0800\n"));
	ck_assert_ptr_nonnull(strstr(a, "@example.org>\nMIME-Version: 1.0\n"
	    "Content-Type: multipart/alternative; boundary=\"=_svc_alt_"));
	t = strstr(a, "Content-Type: text/plain; charset=utf-8\n"
	    "Content-Transfer-Encoding: base64\n\n5paH5pysCg==\n");
	h = strstr(a, "Content-Type: text/html; charset=utf-8\n"
	    "Content-Transfer-Encoding: base64\n\nPHA+eDwvcD4K\n");
	ck_assert_ptr_nonnull(t);
	ck_assert_ptr_nonnull(h);
	ck_assert(t < h);
	ck_assert_ptr_null(strstr(a, "multipart/mixed"));
	/* different content, different Message-ID; same content, same */
	ck_assert_int_ne(strcmp(strstr(a, "Message-ID"), strstr(b,
	    "Message-ID")), 0);
	ck_assert_ptr_nonnull(strstr(c, "Content-Type: multipart/mixed"));
	ck_assert_ptr_nonnull(strstr(c, "Content-Disposition: attachment; "
	    "filename=\"r.csv\"\nContent-Transfer-Encoding: base64\n\n"
	    "YSxiCjEsMgo=\n"));
	free(b);
	b = message("<p>x</p>\n", NULL);
	ck_assert_str_eq(a, b);
	free(a);
	free(b);
	free(c);
}
END_TEST

/* base64 body lines are 76 characters */
START_TEST(long_body)
{
	char html[400];
	char *s, *line, *save = NULL;

	memset(html, 'x', sizeof(html) - 1);
	html[sizeof(html) - 1] = '\0';
	s = message(html, NULL);
	for (line = strtok_r(s, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save))
		ck_assert_int_le(strlen(line), 76);
	free(s);
}
END_TEST

Suite *
suite_mail(void)
{
	Suite *s = suite_create("mail");
	TCase *tc = tcase_create("mail");

	tcase_add_test(tc, subject_ascii);
	tcase_add_test(tc, subject_encoded);
	tcase_add_test(tc, subject_whole_chars);
	tcase_add_test(tc, date_format);
	tcase_add_test(tc, check_addresses);
	tcase_add_test(tc, write_message);
	tcase_add_test(tc, long_body);
	suite_add_tcase(s, tc);
	return s;
}
