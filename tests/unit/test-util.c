#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "util.h"

/* numbers are whole strings of plain decimals: nothing strtod-ish slips in */
START_TEST(parse_num_strict)
{
	double v;

	ck_assert_int_eq(svc_parse_num("92.5", &v), 0);
	ck_assert(v == 92.5);
	ck_assert_int_eq(svc_parse_num("-5", &v), 0);
	ck_assert(v == -5);
	ck_assert_int_eq(svc_parse_num("1e3", &v), 0);
	ck_assert(v == 1000);
	ck_assert_int_eq(svc_parse_num("", &v), -1);
	ck_assert_int_eq(svc_parse_num(" 5", &v), -1);
	ck_assert_int_eq(svc_parse_num("5 ", &v), -1);
	ck_assert_int_eq(svc_parse_num("0x10", &v), -1);
	ck_assert_int_eq(svc_parse_num("inf", &v), -1);
	ck_assert_int_eq(svc_parse_num("nan", &v), -1);
	ck_assert_int_eq(svc_parse_num("1e999", &v), -1);
	ck_assert_int_eq(svc_parse_num("ten", &v), -1);
	ck_assert_int_eq(svc_parse_num(NULL, &v), -1);
}
END_TEST

/* integers are bounded and whole */
START_TEST(parse_long_bounds)
{
	long v;

	ck_assert_int_eq(svc_parse_long("42", 0, 100, &v), 0);
	ck_assert_int_eq(v, 42);
	ck_assert_int_eq(svc_parse_long("101", 0, 100, &v), -1);
	ck_assert_int_eq(svc_parse_long("-1", 0, 100, &v), -1);
	ck_assert_int_eq(svc_parse_long("4.2", 0, 100, &v), -1);
	ck_assert_int_eq(svc_parse_long("", 0, 100, &v), -1);
	ck_assert_int_eq(svc_parse_long(" 4", 0, 100, &v), -1);
	ck_assert_int_eq(svc_parse_long("99999999999999999999", 0, 100, &v),
	    -1);
}
END_TEST

/* numbers print short, and never as -0 */
START_TEST(fmt_num_short)
{
	char buf[32];

	ck_assert_str_eq(svc_fmt_num(95, buf), "95");
	ck_assert_str_eq(svc_fmt_num(92.5, buf), "92.5");
	ck_assert_str_eq(svc_fmt_num(-0.0, buf), "0");
	ck_assert_str_eq(svc_fmt_num(-5, buf), "-5");
	ck_assert_str_eq(svc_fmt_num(0.1 + 0.2, buf), "0.3");
}
END_TEST

/* whole numbers take a short cut: the same text as "%.15g" */
START_TEST(fmt_num_whole)
{
	static const double v[] = { 0, 1, -1, 9, 10, -10, 100, 12345,
	    999999999999999.0, -999999999999999.0, 1e15, -1e15, 1e16, 2.5,
	    -0.5, 1e-300, 4503599627370496.0, 9007199254740993.0 };
	char buf[32], want[32];
	unsigned long x = 12345;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		snprintf(want, sizeof(want), "%.15g", v[i]);
		ck_assert_str_eq(svc_fmt_num(v[i], buf), want);
	}
	for (int i = 0; i < 100000; i++) {
		double d;

		x = x * 6364136223846793005UL + 1442695040888963407UL;
		d = (double)(long long)(x >> (x % 50 + 14)) *
		    (x & 1 ? -1 : 1);
		snprintf(want, sizeof(want), "%.15g", d == 0 ? 0.0 : d);
		ck_assert_str_eq(svc_fmt_num(d, buf), want);
	}
}
END_TEST

/* a written .xx5 rounds away from zero, whatever its binary value */
START_TEST(round2_half_away)
{
	ck_assert_double_eq(svc_round2(94.995), 95);
	ck_assert_double_eq(svc_round2(77.505), 77.51);
	ck_assert_double_eq(svc_round2(-2.345), -2.35);
	ck_assert_double_eq(svc_round2(94.994), 94.99);
	ck_assert_double_eq(svc_round2(100.0 / 3), 33.33);
}
END_TEST

/* UTF-8: valid Chinese passes; ill-formed sequences are found at their start */
START_TEST(utf8_validation)
{
	ck_assert_int_eq(svc_utf8_invalid("张三 abc", strlen("张三 abc")), -1);
	ck_assert_int_eq(svc_utf8_invalid("\xF0\x9F\x98\x80", 4), -1);
	ck_assert_int_eq(svc_utf8_invalid("ab\xFF", 3), 2);
	ck_assert_int_eq(svc_utf8_invalid("\xC0\xAF", 2), 0);	/* overlong */
	ck_assert_int_eq(svc_utf8_invalid("\xE0\x80\xAF", 3), 0);
	ck_assert_int_eq(svc_utf8_invalid("\xED\xA0\x80", 3), 0); /* surrogate */
	ck_assert_int_eq(svc_utf8_invalid("\xF4\x90\x80\x80", 4), 0);
	ck_assert_int_eq(svc_utf8_invalid("x\xE5\xBC", 3), 1);	/* truncated */
	ck_assert_int_eq(svc_utf8_invalid("\xE5\x41\x41", 3), 0);
}
END_TEST

/* the buffer grows and stays NUL-terminated */
/* C0, DEL and C1 controls are found; TAB, LF and CR LF only in free text. */
START_TEST(text_controls)
{
	ck_assert_int_eq(svc_text_control("", 0), -1);
	ck_assert_int_eq(svc_text_control("王华龙 ok ~", 0), -1);
	ck_assert_int_eq(svc_text_control("a\x1b[31mred", 0), 0x1B);
	ck_assert_int_eq(svc_text_control("a\x1b[31mred", 1), 0x1B);
	ck_assert_int_eq(svc_text_control("del\x7f", 1), 0x7F);
	ck_assert_int_eq(svc_text_control("csi\xc2\x9b" "31m", 1), 0x9B);
	ck_assert_int_eq(svc_text_control("pad\xc2\x80", 0), 0x80);
	/* U+00A0 and U+00E9 share the lead byte and are text */
	ck_assert_int_eq(svc_text_control("\xc2\xa0" "caf\xc3\xa9", 0), -1);
	ck_assert_int_eq(svc_text_control("a\tb", 0), '\t');
	ck_assert_int_eq(svc_text_control("a\nb", 0), '\n');
	ck_assert_int_eq(svc_text_control("a\tb\nc\r\nd", 1), -1);
	ck_assert_int_eq(svc_text_control("a\rb", 1), '\r');
	ck_assert_int_eq(svc_text_control("a\r", 1), '\r');
	ck_assert_int_eq(svc_text_control("bell\a", 1), 0x07);
}
END_TEST

START_TEST(buf_grows)
{
	struct svc_buf b = { 0 };

	for (int i = 0; i < 1000; i++)
		svc_buf_adds(&b, "ab");
	ck_assert_uint_eq(b.len, 2000);
	ck_assert_int_eq(b.s[2000], '\0');
	svc_buf_reset(&b);
	svc_buf_printf(&b, "%s-%d", "张三", 7);
	ck_assert_str_eq(b.s, "张三-7");
	svc_buf_release(&b);
	ck_assert_ptr_null(b.s);
}
END_TEST

/* errors format as file:line: field: message, leaving out empty parts */
START_TEST(err_format)
{
	struct svc_err e;
	char buf[1024];

	svc_err_clear(&e);
	ck_assert_int_eq(e.code, 0);
	ck_assert_int_eq(svc_err_set(&e, "ev.csv", 42, "kind", "unknown kind "
	    "'%s'", "x"), -1);
	ck_assert_int_eq(e.code, SVC_EDATA);
	ck_assert_str_eq(svc_err_format(&e, buf, sizeof(buf)),
	    "ev.csv:42: kind: unknown kind 'x'");
	svc_err_set(&e, NULL, 0, "staff", "missing");
	ck_assert_str_eq(svc_err_format(&e, buf, sizeof(buf)),
	    "staff: missing");
	svc_err_set(&e, "p.ini", 0, NULL, "bad");
	ck_assert_str_eq(svc_err_format(&e, buf, sizeof(buf)), "p.ini: bad");
	svc_err_sys(&e, "x.db", 2, "cannot open");
	ck_assert_str_eq(svc_err_format(&e, buf, sizeof(buf)),
	    "x.db: cannot open: No such file or directory");
	ck_assert_int_eq(svc_err_set(NULL, "f", 1, NULL, "x"), -1);
}
END_TEST

static void
visible_is(const char *s, int lines, const char *want)
{
	char *got = svc_visible(s, lines);

	ck_assert_str_eq(got, want);
	free(got);
}

/*
 * Control characters become visible escapes; printable text, CJK and
 * emoji pass; TAB and LF only with lines; a stray byte is shown, not
 * passed to a terminal that may read 0x9b as CSI.
 */
START_TEST(visible_escapes)
{
	visible_is("", 0, "");
	visible_is("王华龙 ok 😀", 0, "王华龙 ok 😀");
	visible_is("a\x1b[31mred\x1b[0m", 0, "a\\x1b[31mred\\x1b[0m");
	visible_is("\x07\x7f\r", 1, "\\x07\\x7f\\x0d");
	visible_is("a\tb\nc", 0, "a\\x09b\\x0ac");
	visible_is("a\tb\nc", 1, "a\tb\nc");
	visible_is("\xc2\x9b" "2J\xc2\x85|\xc2\xa0", 0,
	    "\\u009b2J\\u0085|\xc2\xa0");
	visible_is("x\x9by\xe4\xb8", 0, "x\\x9by\\xe4\\xb8");
	visible_is("\xf0\x9f\x98", 0, "\\xf0\\x9f\\x98");
}
END_TEST

START_TEST(edit_distance)
{
	ck_assert_uint_eq(svc_edit_distance("", ""), 0);
	ck_assert_uint_eq(svc_edit_distance("", "abc"), 3);
	ck_assert_uint_eq(svc_edit_distance("kitten", "sitting"), 3);
	/* a swap of neighbours is one edit, not two */
	ck_assert_uint_eq(svc_edit_distance("praise.letetr",
	    "praise.letter"), 1);
	ck_assert_uint_eq(svc_edit_distance("G030", "G003"), 1);
	/* optimal string alignment: no edit of a swapped pair */
	ck_assert_uint_eq(svc_edit_distance("ca", "abc"), 3);
	/* characters, not bytes */
	ck_assert_uint_eq(svc_edit_distance("张三", "张四"), 1);
	ck_assert_uint_eq(svc_edit_distance("张三", "三张"), 1);
	ck_assert_uint_eq(svc_edit_distance("x\xe4y", "xy"), 1);
}
END_TEST

START_TEST(suggest_closest)
{
	struct svc_suggest sg;

	svc_suggest_init(&sg, "praise.leter");
	svc_suggest_offer(&sg, "praise.letter");
	svc_suggest_offer(&sg, "praise.leter2");
	ck_assert_str_eq(sg.best, "praise.letter");
	ck_assert_uint_eq(sg.dist, 1);
	/* a closer one later wins; an equal one later does not */
	svc_suggest_init(&sg, "complaint.rud");
	svc_suggest_offer(&sg, "complaint.ru");
	svc_suggest_offer(&sg, "complaint.rude");
	svc_suggest_offer(&sg, "complaint.rudx");
	ck_assert_str_eq(sg.best, "complaint.ru");
	svc_suggest_init(&sg, "praise.x");
	svc_suggest_offer(&sg, "praise.xyz");
	svc_suggest_offer(&sg, "praise.xy");
	ck_assert_str_eq(sg.best, "praise.xy");
	/* nothing close: no suggestion */
	svc_suggest_init(&sg, "visit.home");
	svc_suggest_offer(&sg, "complaint.verified");
	ck_assert_ptr_null(sg.best);
	/* short codes: one edit only */
	svc_suggest_init(&sg, "G99");
	svc_suggest_offer(&sg, "G003");
	ck_assert_ptr_null(sg.best);
	svc_suggest_offer(&sg, "G09");
	ck_assert_str_eq(sg.best, "G09");
	/* the same text is no suggestion */
	svc_suggest_init(&sg, "G003");
	svc_suggest_offer(&sg, "G003");
	ck_assert_ptr_null(sg.best);
}
END_TEST

Suite *
suite_util(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("util");

	tcase_add_test(tc, parse_num_strict);
	tcase_add_test(tc, parse_long_bounds);
	tcase_add_test(tc, fmt_num_short);
	tcase_add_test(tc, fmt_num_whole);
	tcase_add_test(tc, round2_half_away);
	tcase_add_test(tc, utf8_validation);
	tcase_add_test(tc, text_controls);
	tcase_add_test(tc, buf_grows);
	tcase_add_test(tc, err_format);
	tcase_add_test(tc, visible_escapes);
	tcase_add_test(tc, edit_distance);
	tcase_add_test(tc, suggest_closest);
	suite_add_tcase(s, tc);
	return s;
}
