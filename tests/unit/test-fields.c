/*
 * Unit tests for fields: their declarations in a policy (field.NAME and
 * value_from, each error at its line and key), the values an event gives
 * them (checked, canonical, sorted) and the encoding read back.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "fields.h"
#include "kpi.h"
#include "policy.h"
#include "util.h"

static char path[64];

static struct svc_policy *
load(const char *text, struct svc_err *e)
{
	struct svc_policy *p;
	int fd;

	snprintf(path, sizeof(path), "/tmp/test-fields-XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	svc_err_clear(e);
	p = svc_policy_load(path, e);
	unlink(path);
	return p;
}

#define ERR(text, ln, fld, message) do { \
	struct svc_err e_; \
	struct svc_policy *p_ = load((text), &e_); \
	ck_assert_ptr_null(p_); \
	ck_assert_int_eq(e_.line, (ln)); \
	ck_assert_str_eq(e_.field, (fld)); \
	ck_assert_str_eq(e_.msg, (message)); \
} while (0)

#define KIND	"[policy]\nname = t\n[kind.unload]\n"

/* scheme B's unload and scheme A's daily assessment */
static const char pol[] =
    "[policy]\n"
    "name = t\n"
    "[kind.unload]\n"
    "counts_as = operation\n"
    "field.vehicle = choice 13-15米挂车，7-9米箱车 required\n"
    "field.cargo = choice 泡货, 重货, 冷冻\n"
    "field.temperature = number 34.0..43.0\n"
    "field.amount = money required\n"
    "field.host = staff\n"
    "field.who = customer\n"
    "field.left = time\n"
    "field.on = date\n"
    "field.remark = text\n"
    "[kind.daily]\n"
    "counts_as = assessment\n"
    "value_from = mean\n"
    "field.遵章守纪 = number 0..25 required\n"
    "field.文明礼貌 = number 0..25 required\n"
    "[limit.frozen]\n"
    "kind = unload\n"
    "minutes = 30\n"
    "match = cargo=冷冻\n"
    "[limit.bulk]\n"
    "kind = unload\n"
    "minutes = 100\n"
    "match = cargo=泡货, 13-15米\n"
    "[limit.walls]\n"
    "kind = unload\n"
    "minutes = 30\n"
    "match = customer=KH001\n";

START_TEST(test_declarations)
{
	struct svc_err e;
	struct svc_policy *p = load(pol, &e);
	const struct svc_kind *k;
	const struct svc_field *f;

	ck_assert_msg(p != NULL, "%s", e.msg);
	k = svc_policy_kind(p, "unload");
	ck_assert_uint_eq(k->nfields, 9);
	f = svc_kind_field(k, "vehicle");
	ck_assert_int_eq(f->type, SVC_FIELD_CHOICE);
	ck_assert_int_eq(f->required, 1);
	ck_assert_int_eq(f->line, 5);
	ck_assert_uint_eq(f->choices.n, 2);
	ck_assert_str_eq(f->choices.v[1], "7-9米箱车");
	f = svc_kind_field(k, "temperature");
	ck_assert_int_eq(f->type, SVC_FIELD_NUMBER);
	ck_assert_int_eq(f->has_range, 1);
	ck_assert_double_eq(f->min, 34.0);
	ck_assert_double_eq(f->max, 43.0);
	ck_assert_int_eq(f->required, 0);
	ck_assert_int_eq(svc_kind_field(k, "amount")->type, SVC_FIELD_MONEY);
	ck_assert_int_eq(svc_kind_field(k, "host")->type, SVC_FIELD_STAFF);
	ck_assert_int_eq(svc_kind_field(k, "who")->type, SVC_FIELD_CUSTOMER);
	ck_assert_int_eq(svc_kind_field(k, "left")->type, SVC_FIELD_TIME);
	ck_assert_int_eq(svc_kind_field(k, "on")->type, SVC_FIELD_DATE);
	ck_assert_int_eq(svc_kind_field(k, "remark")->type, SVC_FIELD_TEXT);
	ck_assert_ptr_null(svc_kind_field(k, "nope"));
	k = svc_policy_kind(p, "daily");
	ck_assert_int_eq(k->value_from, SVC_VALUE_MEAN);
	ck_assert_str_eq(k->fields[0].name, "遵章守纪");
	svc_policy_free(p);
}
END_TEST

/* svc-log add's name=value: the name is read up to the '=' */
START_TEST(test_declared)
{
	struct svc_err e;
	struct svc_policy *p = load(pol, &e);
	const char *arg = "cargo=冷冻";

	ck_assert_msg(p != NULL, "%s", e.msg);
	ck_assert_int_eq(svc_fields_declared(p, arg, 5), 1);
	ck_assert_int_eq(svc_fields_declared(p, "文明礼貌=20", 12), 1);
	/* a prefix or a longer name is another name */
	ck_assert_int_eq(svc_fields_declared(p, arg, 4), 0);
	ck_assert_int_eq(svc_fields_declared(p, "cargos=x", 6), 0);
	ck_assert_int_eq(svc_fields_declared(p, "unload=x", 6), 0);
	ck_assert_int_eq(svc_fields_declared(NULL, arg, 5), 0);
	svc_policy_free(p);
}
END_TEST

/* list's and import's columns: each name once, in the policy's order */
START_TEST(test_columns)
{
	struct svc_err e;
	struct svc_policy *p = load(KIND "field.cargo = text\n"
	    "field.vehicle = text\n[kind.visitor]\nfield.visitor = text\n"
	    "field.cargo = number\n", &e);
	const struct svc_field **f;

	ck_assert_msg(p != NULL, "%s", e.msg);
	ck_assert_uint_eq(svc_fields_columns(p, &f), 3);
	ck_assert_str_eq(f[0]->name, "cargo");
	/* the first declaration of a name two kinds declare */
	ck_assert_int_eq(f[0]->type, SVC_FIELD_TEXT);
	ck_assert_str_eq(f[1]->name, "vehicle");
	ck_assert_str_eq(f[2]->name, "visitor");
	free(f);
	svc_policy_free(p);
	ck_assert_uint_eq(svc_fields_columns(NULL, &f), 0);
	ck_assert_ptr_null(f);
}
END_TEST

/* a field in its column and in fields: the same value written otherwise */
START_TEST(test_same)
{
	struct svc_err e;
	struct svc_policy *p = load(pol, &e);
	const struct svc_kind *k;

	ck_assert_msg(p != NULL, "%s", e.msg);
	k = svc_policy_kind(p, "unload");
	ck_assert_int_eq(svc_field_same(svc_kind_field(k, "temperature"),
	    "36.50", "36.5", &e), 1);
	ck_assert_int_eq(svc_field_same(svc_kind_field(k, "temperature"),
	    "36.6", "36.5", &e), 0);
	ck_assert_int_eq(svc_field_same(svc_kind_field(k, "left"),
	    "2026-10-12T02:30:00Z", "2026-10-12T10:30:00+08:00", &e), 1);
	ck_assert_int_eq(svc_field_same(svc_kind_field(k, "cargo"), "泡货",
	    "重货", &e), 0);
	ck_assert_int_eq(svc_field_same(svc_kind_field(k, "temperature"),
	    "43.1", "36.5", &e), -1);
	ck_assert_str_eq(e.msg, "'43.1' out of range (expected 34 to 43)");
	svc_policy_free(p);
}
END_TEST

START_TEST(test_declaration_errors)
{
	ERR(KIND "field.x = number\nfield.x = text\n", 5, "field.x",
	    "duplicate key (first at line 4)");
	ERR(KIND "field.a,b = text\n", 4, "field.a,b",
	    "bad field name 'a,b' (letters, digits, '_' and '-')");
	ERR(KIND "field.note = text\n", 4, "field.note",
	    "field 'note' would hide the events column of that name");
	ERR(KIND "field.x = colour\n", 4, "field.x", "unknown field type "
	    "'colour' (expected text, number, money, choice, staff, "
	    "customer, date or time, then required if it is)");
	ERR(KIND "field.x = choice\n", 4, "field.x",
	    "a choice field lists its choices: choice A, B, C");
	ERR(KIND "field.x = choice a, , b\n", 4, "field.x",
	    "empty choice in 'a, , b'");
	ERR(KIND "field.x = choice a, b, a required\n", 4, "field.x",
	    "choice 'a' listed twice");
	ERR(KIND "field.x = number 43..34\n", 4, "field.x",
	    "range '43..34' is empty (MIN above MAX)");
	ERR(KIND "field.x = number 34\n", 4, "field.x",
	    "bad range '34' (expected MIN..MAX, e.g. 34.0..43.0)");
	ERR(KIND "field.x = number a..b\n", 4, "field.x", "bad range 'a..b' "
	    "(expected MIN..MAX, numbers up to 1000000000)");
	ERR(KIND "field.x = staff W001\n", 4, "field.x", "a staff field "
	    "takes nothing after its type but required, not 'W001'");
	ERR(KIND "value_from = sum\nfield.x = text\n", 4, "value_from",
	    "value_from = sum needs a number or money field (field.NAME = "
	    "number) in [kind.unload]");
	ERR(KIND "value = none\nvalue_from = mean\nfield.x = number\n", 5,
	    "value_from", "value_from on a kind with value = none");
	ERR(KIND "value_from = max\n", 4, "value_from", "unknown value 'max' "
	    "(expected given, sum, mean)");
	ERR(KIND "field.cargo = choice a, b\n[limit.x]\nkind = unload\n"
	    "minutes = 5\nmatch = cargo=c\n", 8, "match",
	    "'cargo=c': 'c' is not one of field 'cargo''s choices");
	ERR(KIND "[limit.x]\nkind = unload\nminutes = 5\nmatch = size=big\n",
	    7, "match", "'size=big': kind 'unload' has no field 'size' (a "
	    "term names a field of the kind, or customer)");
	ERR(KIND "[limit.x]\nkind = unload\nminutes = 5\nmatch = customer=\n",
	    7, "match", "'customer=': no customer id after '='");
	ERR(KIND "counts_as = operation\nfield.size = number 0..100\n"
	    "[limit.x]\nkind = unload\nminutes = 5\nmatch = size=big\n", 9,
	    "match", "'size=big': bad number 'big'");
	ERR(KIND "counts_as = operation\nfield.size = number 0..100\n"
	    "[limit.x]\nkind = unload\nminutes = 5\nmatch = size=200\n", 9,
	    "match", "'size=200': '200' out of range (expected 0 to 100)");
	/* 1.50 is 1.5: the two limits measure the same events */
	ERR(KIND "counts_as = operation\nfield.size = number\n"
	    "[limit.x]\nkind = unload\nminutes = 5\nmatch = size=1.5\n"
	    "[limit.y]\nkind = unload\nminutes = 9\nmatch = size=1.50\n", 13,
	    "match", "[limit.x] also measures every note [limit.y] does (kind "
	    "'unload')");
	ERR(KIND "counts_as = operation\nfield.d = date\n"
	    "[limit.x]\nkind = unload\nminutes = 5\nmatch = d=2026-02-30\n",
	    9, "match", "'d=2026-02-30': bad date '2026-02-30' (expected "
	    "YYYY-MM-DD)");
}
END_TEST

#define CAT	"[policy]\nname = t\n[category.claim]\n"

/* A work-order category declares fields as a kind does, its notify_above
 * and due; a closure_rate target may count one category's orders. */
START_TEST(test_categories)
{
	struct svc_err e;
	struct svc_policy *p = load("[policy]\nname = t\n"
	    "[target.结案率]\nmetric = closure_rate\ncategory = claim\n"
	    "min = 85\n"
	    "[category.claim]\nlabel = 理赔案件\nfield.amount = money required\n"
	    "field.vehicle = text\nnotify_above = 10000\ndue = 10 workdays\n"
	    "[category.repair]\n", &e);
	const struct svc_category *c;

	ck_assert_msg(p != NULL, "%s", e.msg);
	ck_assert_int_eq(p->ncategories, 2);
	c = svc_policy_category(p, "claim");
	ck_assert_str_eq(c->label, "理赔案件");
	ck_assert_int_eq(c->nfields, 2);
	ck_assert_int_eq(c->fields[0].type, SVC_FIELD_MONEY);
	ck_assert(c->fields[0].required);
	ck_assert(c->has_notify_above && c->notify_above == 10000);
	ck_assert_int_eq(c->due.workdays, 10);
	ck_assert_ptr_eq(svc_category_amount(c), &c->fields[0]);
	ck_assert_ptr_null(svc_category_amount(svc_policy_category(p,
	    "repair")));
	ck_assert_ptr_null(svc_policy_category(p, "nope"));
	ck_assert_str_eq(p->targets[0].category, "claim");
	svc_policy_free(p);
}
END_TEST

START_TEST(test_category_errors)
{
	ERR(CAT "field.status = text\n", 4, "field.status", "field 'status' "
	    "would hide the work orders column of that name");
	ERR(CAT "notify_above = 10000\n", 4, "notify_above", "notify_above "
	    "compares the amount: [category.claim] needs exactly one money "
	    "field (field.amount = money), not 0");
	ERR(CAT "field.a = money\nfield.b = money\nnotify_above = 1\n", 6,
	    "notify_above", "notify_above compares the amount: "
	    "[category.claim] needs exactly one money field (field.amount = "
	    "money), not 2");
	ERR(CAT "notify_above = -1\n", 4, "notify_above",
	    "'-1' out of range (expected 0 to 1000000000)");
	ERR(CAT "due = soon\n", 4, "due", "bad duration 'soon' (expected "
	    "hours like 48h, days like 3d, working days like 3 workdays or "
	    "working hours like 4 work hours)");
	/* a category's due in work hours needs the calendar's hours too */
	ERR(CAT "due = 4 work hours\n", 4, "due", "4 work hours count "
	    "working hours, but the policy has no [calendar] hours (such as "
	    "hours = 08:30-12:00, 13:30-17:30)");
	ERR("[policy]\nname = t\n[category.Claim]\n", 3, "[category.Claim]",
	    "bad category code 'Claim' (expected [a-z0-9][a-z0-9._-]*)");
	ERR("[policy]\nname = t\n[target.x]\nmetric = closure_rate\n"
	    "category = claim\nmin = 85\n", 5, "category",
	    "undefined category 'claim' (no [category.claim] section)");
	ERR(CAT "[target.x]\nmetric = satisfaction\ncategory = claim\n"
	    "min = 85\n", 6, "category", "category with metric "
	    "'satisfaction' (only closure_rate counts work orders of a "
	    "category)");
}
END_TEST

START_TEST(test_encode)
{
	struct svc_err e;
	struct svc_policy *p = load(pol, &e);
	const struct svc_kind *k = svc_policy_kind(p, "unload");
	struct svc_buf b = { 0 };
	double sum;
	size_t n;
	struct svc_fieldval ok[] = {
		{ "vehicle", "7-9米箱车" }, { "amount", "12000.50" },
		{ "temperature", "36.50" }, { "cargo", "" },
		{ "left", "2026-10-01T09:30:00Z" }, { "remark", "a \"b\" \\" },
		{ "on", "2026-10-01" },
	};

	ck_assert_int_eq(svc_fields_encode(k, ok, 7, &b, &sum, &n, &e), 0);
	/* sorted by name, numbers canonical, the empty one not given */
	ck_assert_str_eq(b.s, "{\"amount\":12000.5,"
	    "\"left\":\"2026-10-01T09:30:00+00:00\",\"on\":\"2026-10-01\","
	    "\"remark\":\"a \\\"b\\\" \\\\\",\"temperature\":36.5,"
	    "\"vehicle\":\"7-9米箱车\"}");
	ck_assert_double_eq_tol(sum, 12037, 1e-9);
	ck_assert_uint_eq(n, 2);
	/* read back */
	{
		struct svc_buf v = { 0 };

		ck_assert_int_eq(svc_fields_get(b.s, "remark", &v), 1);
		ck_assert_str_eq(v.s, "a \"b\" \\");
		ck_assert_int_eq(svc_fields_get(b.s, "amount", &v), 1);
		ck_assert_str_eq(v.s, "12000.5");
		ck_assert_int_eq(svc_fields_get(b.s, "cargo", &v), 0);
		ck_assert_int_eq(svc_fields_get("{\"a\":\"\\u51b7\"}", "a", &v),
		    1);
		ck_assert_str_eq(v.s, "冷");
		svc_buf_release(&v);
	}
	svc_buf_release(&b);
	svc_policy_free(p);
}
END_TEST

/* Each bad value: the field named, the reason said. */
#define BAD(name, value, message) do { \
	struct svc_fieldval v_[] = { { "vehicle", "7-9米箱车" }, \
	    { "amount", "1" }, { name, value } }; \
	ck_assert_int_eq(svc_fields_encode(k, v_, 3, &b, NULL, NULL, &e), \
	    -1); \
	ck_assert_str_eq(e.field, name); \
	ck_assert_str_eq(e.msg, message); \
} while (0)

START_TEST(test_encode_errors)
{
	struct svc_err e;
	struct svc_policy *p = load(pol, &e);
	const struct svc_kind *k = svc_policy_kind(p, "unload");
	struct svc_buf b = { 0 };
	struct svc_fieldval none[] = { { "vehicle", "7-9米箱车" } };

	BAD("cargo", "冷", "'冷' is not a choice (expected one of 泡货, 重货, "
	    "冷冻)");
	BAD("temperature", "43.1", "'43.1' out of range (expected 34 to 43)");
	BAD("temperature", "hot", "bad number 'hot'");
	{
		struct svc_fieldval v[] = { { "vehicle", "7-9米箱车" },
		    { "amount", "1.005" } };

		ck_assert_int_eq(svc_fields_encode(k, v, 2, &b, NULL, NULL,
		    &e), -1);
		ck_assert_str_eq(e.field, "amount");
		ck_assert_str_eq(e.msg, "bad amount '1.005' (yuan, 0 to "
		    "1000000000, to the fen)");
	}
	BAD("on", "2026-02-30", "bad date '2026-02-30' (expected YYYY-MM-DD)");
	BAD("remark", "a\x1b", "control character U+001B not allowed");
	BAD("size", "big", "kind 'unload' has no field 'size' (its fields: "
	    "vehicle, cargo, temperature, amount, host, who, left, on, "
	    "remark)");
	BAD("vehicle", "13-15米挂车", "field given twice");
	ck_assert_int_eq(svc_fields_encode(k, none, 1, &b, NULL, NULL, &e),
	    -1);
	ck_assert_str_eq(e.field, "amount");
	ck_assert_str_eq(e.msg, "missing field 'amount' (required for kind "
	    "'unload')");
	svc_buf_release(&b);
	svc_policy_free(p);
}
END_TEST

START_TEST(test_split)
{
	struct svc_buf s = { 0 };
	struct svc_err e;
	size_t n;

	ck_assert_int_eq(svc_fields_split("", &s, &n, &e), 0);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(svc_fields_split(" { \"b\" : 1 , \"a\":\"x\" } ", &s,
	    &n, &e), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(memcmp(s.s, "b\0" "1\0a\0x", 8), 0);
	ck_assert_int_eq(svc_fields_split("{\"a\":}", &s, &n, &e), -1);
	ck_assert_int_eq(svc_fields_split("a=1", &s, &n, &e), -1);
	ck_assert_int_eq(svc_fields_split("{\"a\":1} x", &s, &n, &e), -1);
	ck_assert_int_eq(svc_fields_split("{\"a\":\"\\n\"}", &s, &n, &e), -1);
	/* a NUL would end the value early and keep only "x" */
	ck_assert_int_eq(svc_fields_split("{\"a\":\"x\\u0000y\"}", &s, &n,
	    &e), -1);
	ck_assert_int_eq(svc_fields_split("{\"a\\u0000b\":\"x\"}", &s, &n,
	    &e), -1);
	svc_buf_release(&s);
}
END_TEST

/* a limit's cargo=冷冻 looks at the field, its other words at the note */
START_TEST(test_limit_match)
{
	struct svc_err e;
	struct svc_policy *p = load(pol, &e);

	ck_assert(svc_limit_applies(&p->limits[0], "unload", "",
	    "{\"cargo\":\"冷冻\"}", NULL));
	ck_assert(!svc_limit_applies(&p->limits[0], "unload", "冷冻",
	    "{\"cargo\":\"泡货\"}", NULL));
	ck_assert(svc_limit_applies(&p->limits[1], "unload", "13-15米挂车",
	    "{\"cargo\":\"泡货\"}", NULL));
	ck_assert(!svc_limit_applies(&p->limits[1], "unload", "",
	    "{\"cargo\":\"泡货\"}", NULL));
	ck_assert_int_eq(svc_limits_check(p, "unload", "",
	    "{\"cargo\":\"重货\"}", NULL, &e), -1);
	ck_assert_str_eq(e.field, "cargo");
	ck_assert_str_eq(e.msg, "matches no limit of kind 'unload'; known: "
	    "cargo=冷冻, cargo=泡货 13-15米, customer=KH001");
	/* customer=ID: the event's customer, whatever its fields */
	ck_assert(svc_limit_applies(&p->limits[2], "unload", "", "",
	    "KH001"));
	ck_assert(!svc_limit_applies(&p->limits[2], "unload", "", "",
	    "KH002"));
	ck_assert(!svc_limit_applies(&p->limits[2], "unload", "", "", NULL));
	ck_assert_int_eq(svc_limits_check(p, "unload", "", "", "KH001", &e),
	    0);
	/* the field is named, not the customer: it is what is missing */
	ck_assert_int_eq(svc_limits_check(p, "unload", "", "", "KH002", &e),
	    -1);
	ck_assert_str_eq(e.field, "cargo");
	/* fields not known yet: a clerk's note alone is not refused */
	ck_assert_int_eq(svc_limits_check(p, "unload", "", NULL, NULL, &e), 0);
	svc_policy_free(p);
}
END_TEST

/* a term on a number or money field compares canonical forms, as the
 * fields themselves do: size=1.50 is an event's 1.5 */
START_TEST(test_limit_match_canonical)
{
	struct svc_err e;
	struct svc_policy *p = load(KIND "counts_as = operation\n"
	    "field.size = number 0..100\nfield.fee = money\n"
	    "[limit.x]\nkind = unload\nminutes = 5\n"
	    "match = size=1.50, fee=+20.0\n", &e);

	ck_assert_ptr_nonnull(p);
	ck_assert(svc_limit_applies(&p->limits[0], "unload", "",
	    "{\"fee\":20,\"size\":1.5}", NULL));
	ck_assert(!svc_limit_applies(&p->limits[0], "unload", "",
	    "{\"fee\":20,\"size\":1.51}", NULL));
	svc_policy_free(p);
}
END_TEST

/* a term names its field whole, however long the name */
START_TEST(test_limit_match_long_name)
{
	struct svc_err e;
	struct svc_buf text = { 0 }, fields = { 0 }, name = { 0 };
	struct svc_policy *p;

	for (int i = 0; i < 45; i++)
		svc_buf_adds(&name, "车");
	svc_buf_printf(&text, KIND "counts_as = operation\n"
	    "field.%s = choice 挂车, 箱车\n[limit.x]\nkind = unload\n"
	    "minutes = 5\nmatch = %s=挂车\n", name.s, name.s);
	p = load(text.s, &e);
	ck_assert_msg(p != NULL, "%s", e.msg);
	svc_buf_printf(&fields, "{\"%s\":\"挂车\"}", name.s);
	ck_assert(svc_limit_applies(&p->limits[0], "unload", "", fields.s,
	    NULL));
	svc_policy_free(p);
	svc_buf_release(&text);
	svc_buf_release(&fields);
	svc_buf_release(&name);
}
END_TEST

Suite *
suite_fields(void)
{
	Suite *s = suite_create("fields");
	TCase *t = tcase_create("fields");

	tcase_add_test(t, test_declarations);
	tcase_add_test(t, test_declared);
	tcase_add_test(t, test_columns);
	tcase_add_test(t, test_same);
	tcase_add_test(t, test_declaration_errors);
	tcase_add_test(t, test_categories);
	tcase_add_test(t, test_category_errors);
	tcase_add_test(t, test_encode);
	tcase_add_test(t, test_encode_errors);
	tcase_add_test(t, test_split);
	tcase_add_test(t, test_limit_match);
	tcase_add_test(t, test_limit_match_canonical);
	tcase_add_test(t, test_limit_match_long_name);
	suite_add_tcase(s, t);
	return s;
}
