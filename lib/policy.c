/*
 * policy: load and validate a policy file, look up its rules.
 *
 * libinih splits "key = value" lines and strips comments; everything else
 * is done here, in the reader function that feeds it one physical line at
 * a time. Doing the structure in the reader has four reasons: libinih (as
 * Debian builds it) tells the handler neither the line number nor when a
 * section starts, it silently cuts section names at 49 bytes, it splits a
 * line longer than its buffer and reads the tail as a line of its own, and
 * it treats an indented line as the continuation of the previous value.
 * The reader knows the line, sees every section header (so that empty
 * sections are checked too), refuses long lines whole, and drops leading
 * white space, so continuation lines never happen: an indented
 * "key = value" is an ordinary key and an indented bare word is a syntax
 * error. The first error ends the input, so it is the one reported.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <ini.h>

#include "calendar.h"
#include "err.h"
#include "fields.h"
#include "policy.h"
#include "util.h"

/*
 * Counts, days and months in a policy: with dates up to year 9999, more
 * than this is a mistake, and date arithmetic on it would overflow.
 */
#define INT_MAX_KEY	10000

/* libinih keeps at most this many bytes of a section name (MAX_SECTION). */
#define SECTION_MAX	49
#define KEYS_MAX	32

const char *const svc_policy_metrics[] = {
	"satisfaction", "complaint_handling", "closure_rate", "window_score",
	"score_mean", "revisit_ontime", "kpi", "pressure_pass", NULL
};

struct ctx;
struct keydef;

enum ktype {
	K_TEXT,			/* char *, replaced */
	K_IGNORE,		/* accepted, not kept */
	K_NUM,			/* double, bound checked */
	K_INT,			/* int, at least lo */
	K_BOOL,			/* int 0/1 */
	K_CHOICE,		/* int-sized enum from a choice table */
	K_SPECIAL		/* its own parser */
};

enum bound { B_ANY = 0, B_NONNEG, B_POS };

struct choice {
	const char *name;
	int val;
};

struct keydef {
	const char *name;
	enum ktype type;
	size_t off;		/* of the field in the section's struct */
	size_t has;		/* offset + 1 of an int set to 1 when given;
				   0: none (offset 0 is a valid field) */
	enum bound bound;	/* K_NUM */
	long lo;		/* K_INT */
	const struct choice *choices;	/* K_CHOICE */
	int (*parse)(struct ctx *, const struct keydef *, void *,
	    const char *);	/* K_SPECIAL */
	int required;
	int nonempty;		/* K_TEXT: "" refused */
	int repeat;		/* may be given on several lines, each adding
				   to the value */
	size_t flag;		/* sp_every: offset + 1 of an int set to 1
				   when the cadence counts working days */
};

struct sdef {
	const char *prefix;	/* "policy", or "kind." for [kind.CODE] */
	const char *shape;	/* for messages: "kind.CODE" */
	const struct keydef *keys;
	void *(*open)(struct ctx *, const char *name);
	int (*close)(struct ctx *);
};

/* A kind code named by a key, checked once every kind is known. */
struct ref {
	long line;
	const char *key;
	const char *code;	/* borrowed from the policy */
	int needs_value;	/* limit.kind: the kind must carry minutes */
};

struct seen_section {
	char *name;
	long line;
};

struct ctx {
	struct svc_policy *p;
	struct svc_err *e;
	const char *path;

	const char *buf;	/* the whole file */
	size_t len, pos;
	long lineno;		/* physical line last handed to libinih */
	int failed;
	long fail_at;		/* lineno when the first error was found */

	const struct sdef *sd;	/* current section; NULL before the first */
	char sname[SECTION_MAX + 1];
	long sline;
	void *obj;		/* the current section's struct */
	long seen[KEYS_MAX];	/* line of each key of sd given so far */

	struct seen_section *sections;
	size_t nsections;
	struct ref *refs;
	size_t nrefs;
	int have_policy;
};

static int fail(struct ctx *, long, const char *, const char *, ...)
    __attribute__((format(printf, 4, 5)));

static int
fail(struct ctx *c, long line, const char *field, const char *fmt, ...)
{
	char msg[sizeof(c->e->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	c->failed = 1;
	c->fail_at = c->lineno;
	return svc_err_set(c->e, c->path, line, field, "%s", msg);
}

static int
fail_key(struct ctx *c, const struct keydef *k, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail_key(struct ctx *c, const struct keydef *k, const char *fmt, ...)
{
	char msg[sizeof(c->e->msg)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return fail(c, c->lineno, k->name, "%s", msg);
}

/*
 * Names a section with its brackets in the field, so that a section-level
 * message cannot be mistaken for one about a key.
 */
static int
fail_section(struct ctx *c, long line, const char *name, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

static int
fail_section(struct ctx *c, long line, const char *name, const char *fmt,
    ...)
{
	char field[SECTION_MAX + 3], msg[sizeof(c->e->msg)];
	va_list ap;

	snprintf(field, sizeof(field), "[%s]", name);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return fail(c, line, field, "%s", msg);
}

static void
set_text(char **f, const char *v)
{
	free(*f);
	*f = svc_xstrdup(v);
}

/* ---- choices ---- */

static const struct choice counts_choices[] = {
	{ "none", SVC_AS_NONE }, { "complaint", SVC_AS_COMPLAINT },
	{ "praise", SVC_AS_PRAISE }, { "assessment", SVC_AS_ASSESSMENT },
	{ "deduction", SVC_AS_DEDUCTION }, { "bonus", SVC_AS_BONUS },
	{ "contact", SVC_AS_CONTACT }, { "revisit", SVC_AS_REVISIT },
	{ "operation", SVC_AS_OPERATION }, { "nomination", SVC_AS_NOMINATION },
	{ NULL, 0 }
};
static const struct choice esc_choices[] = {
	{ "flat", SVC_FLAT }, { "progressive", SVC_PROGRESSIVE }, { NULL, 0 }
};
static const struct choice value_choices[] = {
	{ "optional", SVC_VALUE_OPTIONAL }, { "required", SVC_VALUE_REQUIRED },
	{ "none", SVC_VALUE_NONE }, { NULL, 0 }
};
static const struct choice period_choices[] = {
	{ "week", SVC_PERIOD_WEEK }, { "month", SVC_PERIOD_MONTH },
	{ "quarter", SVC_PERIOD_QUARTER }, { "year", SVC_PERIOD_YEAR },
	{ NULL, 0 }
};
static const struct choice window_choices[] = {
	{ "week", SVC_PERIOD_WEEK }, { "month", SVC_PERIOD_MONTH },
	{ "quarter", SVC_PERIOD_QUARTER }, { NULL, 0 }
};
static const struct choice group_choices[] = {
	{ "all", SVC_GROUP_ALL }, { "unit", SVC_GROUP_UNIT },
	{ "dept", SVC_GROUP_DEPT }, { "position", SVC_GROUP_POSITION },
	{ NULL, 0 }
};
static const struct choice chosen_choices[] = {
	{ "score", 0 }, { "nomination", 1 }, { NULL, 0 }
};
static const struct choice consecutive_choices[] = {
	{ "none", 0 }, { "multiply", 1 }, { NULL, 0 }
};
static const struct choice handled_choices[] = {
	{ "revisit", SVC_HANDLED_BY_REVISIT }, { "order", SVC_HANDLED_BY_ORDER },
	{ NULL, 0 }
};
static const struct choice charge_choices[] = {
	{ "none", SVC_CHARGE_NONE }, { "staff", SVC_CHARGE_STAFF },
	{ NULL, 0 }
};
static const struct choice value_from_choices[] = {
	{ "given", SVC_VALUE_GIVEN }, { "sum", SVC_VALUE_SUM },
	{ "mean", SVC_VALUE_MEAN }, { NULL, 0 }
};
static const struct choice days_choices[] = {
	{ "all", 0 }, { "workdays", 1 }, { NULL, 0 }
};
static const struct choice done_by_choices[] = {
	{ "owner", 0 }, { "anyone", 1 }, { NULL, 0 }
};
static const struct choice bool_choices[] = {
	{ "yes", 1 }, { "no", 0 }, { "true", 1 }, { "false", 0 },
	{ "1", 1 }, { "0", 0 }, { NULL, 0 }
};

/* Choice fields are enums written through an int. */
_Static_assert(sizeof(enum svc_counts_as) == sizeof(int), "enum size");
_Static_assert(sizeof(enum svc_period_kind) == sizeof(int), "enum size");
_Static_assert(sizeof(enum svc_group_by) == sizeof(int), "enum size");
_Static_assert(sizeof(enum svc_handled_by) == sizeof(int), "enum size");
_Static_assert(sizeof(enum svc_limit_charge) == sizeof(int), "enum size");
_Static_assert(sizeof(enum svc_value_from) == sizeof(int), "enum size");

static void
choice_list(const struct choice *ch, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (; ch->name && n < size; ch++)
		n += snprintf(buf + n, size - n, "%s%s", n ? ", " : "",
		    ch->name);
}

static int
parse_choice(struct ctx *c, const struct keydef *k, const struct choice *ch,
    const char *v, int *out, const char *what)
{
	const struct choice *x;
	char list[256];

	for (x = ch; x->name; x++)
		if (strcmp(x->name, v) == 0) {
			*out = x->val;
			return 0;
		}
	choice_list(ch, list, sizeof(list));
	return fail_key(c, k, "%s '%s' (expected %s)", what, v, list);
}

/* ---- numbers ---- */

static int
parse_bounded(struct ctx *c, const struct keydef *k, enum bound b,
    const char *v, double *out)
{
	double d;

	if (svc_parse_num(v, &d) == -1)
		return fail_key(c, k, "bad number '%s'", v);
	if (b == B_NONNEG && (d < 0 || d > SVC_NUM_MAX))
		return fail_key(c, k, "'%s' out of range (expected 0 to "
		    SVC_NUM_MAX_TEXT ")", v);
	if (b == B_POS && (d <= 0 || d > SVC_NUM_MAX))
		return fail_key(c, k, "'%s' out of range (expected more than "
		    "0, up to " SVC_NUM_MAX_TEXT ")", v);
	if (fabs(d) > SVC_NUM_MAX)
		return fail_key(c, k, "'%s' out of range (expected "
		    "-" SVC_NUM_MAX_TEXT " to " SVC_NUM_MAX_TEXT ")", v);
	*out = d;
	return 0;
}

static int
parse_int(struct ctx *c, const struct keydef *k, long lo, const char *v,
    int *out)
{
	long n;
	double d;

	if (svc_parse_long(v, LONG_MIN, LONG_MAX, &n) == -1) {
		if (svc_parse_num(v, &d) == 0)
			return fail_key(c, k,
			    "bad number '%s' (expected a whole number)", v);
		return fail_key(c, k, "bad number '%s'", v);
	}
	if (n < lo)
		return fail_key(c, k,
		    "'%s' out of range (expected %ld or more)", v, lo);
	if (n > INT_MAX_KEY)
		return fail_key(c, k, "'%s' out of range (expected at most %d)",
		    v, INT_MAX_KEY);
	*out = (int)n;
	return 0;
}

/* ---- special keys ---- */

static int
add_ref(struct ctx *c, const char *key, const char *code, int needs_value)
{
	c->refs = svc_xrealloc(c->refs, (c->nrefs + 1) * sizeof(*c->refs));
	c->refs[c->nrefs].line = c->lineno;
	c->refs[c->nrefs].key = key;
	c->refs[c->nrefs].code = code;
	c->refs[c->nrefs].needs_value = needs_value;
	c->nrefs++;
	return 0;
}

static int
check_code(struct ctx *c, const struct keydef *k, const char *code)
{
	if (!svc_kind_code_valid(code))
		return fail_key(c, k,
		    "bad kind code '%s' (expected [a-z0-9][a-z0-9._-]*)", code);
	return 0;
}

static int
sp_base(struct ctx *c, const struct keydef *k, void *obj, const char *v)
{
	struct svc_policy *p = obj;

	if (strcmp(v, "mean") == 0) {
		p->base_mean = 1;
		return 0;
	}
	return parse_bounded(c, k, B_ANY, v, &p->base);
}

static int
sp_points(struct ctx *c, const struct keydef *k, void *obj, const char *v)
{
	struct svc_kind *kd = obj;

	if (strcmp(v, "value") == 0)
		kd->points_mode = SVC_POINTS_VALUE;
	else if (strcmp(v, "-value") == 0)
		kd->points_mode = SVC_POINTS_NEG_VALUE;
	else if (parse_bounded(c, k, B_ANY, v, &kd->points) == 0)
		kd->points_mode = SVC_POINTS_FIXED;
	else
		return -1;
	return 0;
}

/* A default due time ([orders] due, [category.CODE] due) into the
 * struct svc_due at k->off. */
static int
sp_due(struct ctx *c, const struct keydef *k, void *obj, const char *v)
{
	struct svc_due *d = (void *)((char *)obj + k->off);
	struct svc_span sp;
	int rc = svc_span_parse(v, INT_MAX_KEY * 24, &sp);

	if (rc == -1)
		return fail_key(c, k, "bad duration '%s' (expected hours like "
		    "48h, days like 3d, working days like 3 workdays or "
		    "working hours like 4 work hours)", v);
	if (rc == -2 || (sp.unit != SVC_SPAN_HOURS && sp.n > INT_MAX_KEY))
		return fail_key(c, k, "'%s' out of range (expected at most "
		    "%dd, %d workdays, %d work hours or %dh)", v, INT_MAX_KEY,
		    INT_MAX_KEY, INT_MAX_KEY, INT_MAX_KEY * 24);
	d->hours = 0;
	d->workdays = 0;
	d->workhours = 0;
	d->line = c->lineno;
	if (sp.unit == SVC_SPAN_WORKDAYS)
		d->workdays = (int)sp.n;
	else if (sp.unit == SVC_SPAN_WORKHOURS)
		d->workhours = (int)sp.n;
	else
		d->hours = (int)(sp.unit == SVC_SPAN_DAYS ? sp.n * 24 : sp.n);
	return 0;
}

/*
 * A revisit cadence: days ("30", "30 days", "30d") or working days
 * ("5 workdays"), at least k->lo, into the int at k->off; the int at
 * k->flag says which.
 */
static int
sp_every(struct ctx *c, const struct keydef *k, void *obj, const char *v)
{
	int *every = (void *)((char *)obj + k->off);
	int *wd = (void *)((char *)obj + k->flag - 1);
	struct svc_span sp;
	int rc;

	if (v[0] >= '0' && v[0] <= '9' && strspn(v, "0123456789") ==
	    strlen(v)) {
		*wd = 0;
		return parse_int(c, k, k->lo, v, every);
	}
	rc = svc_span_parse(v, INT_MAX_KEY, &sp);
	if (rc == -1 || sp.unit == SVC_SPAN_HOURS ||
	    sp.unit == SVC_SPAN_WORKHOURS)
		return fail_key(c, k, "bad cadence '%s' (expected days like 30"
		    " or 30 days, or working days like 5 workdays)", v);
	if (rc == -2)
		return fail_key(c, k, "'%s' out of range (expected at most %d)",
		    v, INT_MAX_KEY);
	if (sp.n < k->lo)
		return fail_key(c, k, "'%s' out of range (expected %ld or "
		    "more)", v, k->lo);
	*every = (int)sp.n;
	*wd = sp.unit == SVC_SPAN_WORKDAYS;
	return 0;
}

/*
 * [calendar] holidays and workdays: each line adds its days. A day is
 * named once across both keys, and a make-up working day is a Saturday
 * or Sunday (any other day works anyway).
 */
static int
sp_days(struct ctx *c, const struct keydef *k, void *obj, const char *v)
{
	static const char *const wdays[] = { "", "Monday", "Tuesday",
	    "Wednesday", "Thursday", "Friday" };
	struct svc_calendar *cal = obj;
	int holiday = strcmp(k->name, "holidays") == 0;
	struct svc_cal_day **list = holiday ? &cal->holidays : &cal->workdays;
	size_t *n = holiday ? &cal->nholidays : &cal->nworkdays, n0 = *n;
	struct svc_err pe = { 0 };
	char day[16];

	if (svc_cal_parse_days(v, c->lineno, list, n, &pe) < 0)
		return fail_key(c, k, "%s", pe.msg);
	for (size_t i = n0; i < *n; i++) {
		const struct svc_cal_day *d = &(*list)[i];
		int y, m, dd, wd = svc_cal_weekday(d->day);

		svc_day_ymd(d->day, &y, &m, &dd);
		snprintf(day, sizeof(day), "%04d-%02d-%02d", y, m, dd);
		for (size_t j = 0; j < cal->nholidays; j++)
			if (cal->holidays[j].day == d->day &&
			    (!holiday || j < i)) {
				*n = n0;
				return fail_key(c, k, "%s is already a holiday "
				    "(line %ld)", day, cal->holidays[j].line);
			}
		for (size_t j = 0; j < cal->nworkdays; j++)
			if (cal->workdays[j].day == d->day &&
			    (holiday || j < i)) {
				*n = n0;
				return fail_key(c, k, "%s is already a make-up "
				    "working day (line %ld)", day,
				    cal->workdays[j].line);
			}
		if (!holiday && wd <= 5) {
			*n = n0;
			return fail_key(c, k, "%s is a %s, a working day "
			    "anyway: make-up working days fall on a Saturday "
			    "or Sunday", day, wdays[wd]);
		}
	}
	return 0;
}

/* [calendar] hours: the working intervals of a working day. */
static int
sp_hours(struct ctx *c, const struct keydef *k, void *obj, const char *v)
{
	struct svc_calendar *cal = obj;
	struct svc_err pe = { 0 };

	if (svc_cal_parse_hours(v, &cal->hours, &cal->nhours, &pe) < 0)
		return fail_key(c, k, "%s", pe.msg);
	cal->hours_line = c->lineno;
	return 0;
}

static int
sp_kinds(struct ctx *c, const struct keydef *k, void *obj, const char *v)
{
	struct svc_worst *w = obj;
	const char *s = v;
	size_t i, n;
	char *code;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		n = strcspn(s, " \t");
		code = svc_xstrndup(s, n);
		s += n;
		if (check_code(c, k, code) == -1) {
			free(code);
			return -1;
		}
		for (i = 0; i < w->nkinds; i++)
			if (strcmp(w->kinds[i], code) == 0) {
				fail_key(c, k, "kind '%s' listed twice", code);
				free(code);
				return -1;
			}
		w->kinds = svc_xrealloc(w->kinds,
		    (w->nkinds + 1) * sizeof(*w->kinds));
		w->kinds[w->nkinds++] = code;
		add_ref(c, k->name, code, 0);
	}
	if (w->nkinds == 0)
		return fail_key(c, k, "empty list (leave the key out to count "
		    "every complaint kind)");
	return 0;
}

/*
 * Positions are Chinese as often as not, so the full-width comma and the
 * enumeration comma separate names too: "仓储作业员、上下架员" must not
 * be one name. Returns the length of the separator at s, or 0.
 */
static size_t
sep_len(const char *s)
{
	if (*s == ',')
		return 1;
	if (strncmp(s, "\xEF\xBC\x8C", 3) == 0 ||
	    strncmp(s, "\xE3\x80\x81", 3) == 0)
		return 3;
	return 0;
}

/* A list of names into the struct svc_names at k->off. */
static int
sp_names(struct ctx *c, const struct keydef *k, void *obj, const char *v)
{
	struct svc_names *l = (void *)((char *)obj + k->off);
	const char *s = v, *end;
	size_t i, n;

	if (*v == '\0')
		return fail_key(c, k, "empty list (leave the key out for "
		    "every position)");
	for (;;) {
		for (end = s; *end && sep_len(end) == 0; end++)
			;
		n = (size_t)(end - s);
		for (; n > 0 && (*s == ' ' || *s == '\t'); n--)
			s++;
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (n == 0)
			return fail_key(c, k, "empty name in the list '%s'", v);
		for (i = 0; i < l->n; i++)
			if (strlen(l->v[i]) == n && memcmp(l->v[i], s, n) == 0)
				return fail_key(c, k, "'%s' listed twice",
				    l->v[i]);
		l->v = svc_xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
		l->v[l->n++] = svc_xstrndup(s, n);
		if (*end == '\0')
			return 0;
		s = end + sep_len(end);
	}
}

/* [policy] channels: codes, as an event's channel must be. */
static int
sp_channels(struct ctx *c, const struct keydef *k, void *obj, const char *v)
{
	struct svc_names *l = &((struct svc_policy *)obj)->channels;

	if (*v == '\0')
		return fail_key(c, k, "empty list (leave the key out for any "
		    "channel)");
	if (sp_names(c, k, l, v) < 0)
		return -1;
	for (size_t i = 0; i < l->n; i++)
		for (const char *p = l->v[i]; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') ||
			    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
				return fail_key(c, k, "bad channel '%s' (a "
				    "lower-case code: visit, phone, letter, "
				    "wechat, web, ...)", l->v[i]);
	return 0;
}

static int
sp_metric(struct ctx *c, const struct keydef *k, void *obj, const char *v)
{
	struct svc_target *t = obj;
	char list[256];
	size_t i, n = 0;

	for (i = 0; svc_policy_metrics[i]; i++)
		if (strcmp(svc_policy_metrics[i], v) == 0) {
			set_text(&t->metric, v);
			return 0;
		}
	list[0] = '\0';
	for (i = 0; svc_policy_metrics[i] && n < sizeof(list); i++)
		n += snprintf(list + n, sizeof(list) - n, "%s%s",
		    i ? ", " : "", svc_policy_metrics[i]);
	return fail_key(c, k, "unknown value '%s' (expected %s)", v, list);
}

/* A target's category: checked once every section is read (resolve). */
static int
sp_target_category(struct ctx *c, const struct keydef *k, void *obj,
    const char *v)
{
	struct svc_target *t = obj;

	if (!svc_kind_code_valid(v))
		return fail_key(c, k, "bad category code '%s' (expected "
		    "[a-z0-9][a-z0-9._-]*)", v);
	set_text(&t->category, v);
	t->category_line = c->lineno;
	return 0;
}

/* A comma-separated list of roster unit names. */
static int
sp_units(struct ctx *c, const struct keydef *k, void *obj, const char *v)
{
	struct svc_target *t = obj;
	const char *s = v;
	size_t n, i;
	char *unit;

	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		n = strcspn(s, ",");
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (n == 0)
			return fail_key(c, k, "empty unit name in '%s'", v);
		unit = svc_xstrndup(s, n);
		for (i = 0; i < t->nunits; i++)
			if (strcmp(t->units[i], unit) == 0) {
				fail_key(c, k, "unit '%s' listed twice", unit);
				free(unit);
				return -1;
			}
		t->units = svc_xrealloc(t->units,
		    (t->nunits + 1) * sizeof(*t->units));
		t->units[t->nunits++] = unit;
		s += strcspn(s, ",");
		if (*s++ == '\0')
			return 0;
	}
}

static int
sp_limit_kind(struct ctx *c, const struct keydef *k, void *obj, const char *v)
{
	struct svc_limit *l = obj;

	if (check_code(c, k, v) == -1)
		return -1;
	set_text(&l->kind, v);
	return add_ref(c, k->name, l->kind, 1);
}

static int
sp_limit_breach(struct ctx *c, const struct keydef *k, void *obj,
    const char *v)
{
	struct svc_limit *l = obj;

	if (check_code(c, k, v) == -1)
		return -1;
	set_text(&l->breach, v);
	return add_ref(c, k->name, l->breach, 0);
}

/*
 * A zone name is checked against the zone file the C library will read
 * (under $TZDIR, else /usr/share/zoneinfo): glibc takes an unknown name
 * for UTC without a word, which is the very mistake the key is there to
 * prevent. Only Area/City names: a POSIX rule string ("CST-8") has no
 * history of the zone's changes.
 */
static int
sp_timezone(struct ctx *c, const struct keydef *k, void *obj, const char *v)
{
	const char *dir = getenv("TZDIR");
	char path[PATH_MAX], magic[4];
	const char *s;
	struct stat st;
	FILE *f;
	int ok = 0;

	(void)obj;
	for (s = v; *s; s++)
		if (!(*s >= 'A' && *s <= 'Z') && !(*s >= 'a' && *s <= 'z') &&
		    !(*s >= '0' && *s <= '9') && strchr("/_+-", *s) == NULL)
			break;
	if (*v == '\0' || *s || *v == '/' || v[strlen(v) - 1] == '/' ||
	    strstr(v, "//") != NULL)
		return fail_key(c, k, "'%s' is not a time zone name like "
		    "Asia/Shanghai", v);
	if (dir == NULL || *dir == '\0')
		dir = "/usr/share/zoneinfo";
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, v) >=
	    sizeof(path))
		return fail_key(c, k, "'%s': zone file name too long", v);
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    (f = fopen(path, "rb")) != NULL) {
		ok = fread(magic, 1, 4, f) == 4 && memcmp(magic, "TZif", 4) == 0;
		fclose(f);
	}
	if (!ok)
		return fail_key(c, k, "unknown time zone '%s' (no zone file "
		    "%s; on Debian install tzdata)", v, path);
	set_text(&c->p->timezone, v);
	return 0;
}

/*
 * Match words are split at ASCII and full-width commas, so that a policy
 * typed with a Chinese input method means the same.
 */
static int
sp_match(struct ctx *c, const struct keydef *k, void *obj, const char *v)
{
	struct svc_limit *l = obj;
	const char *s = v, *end;
	size_t n;

	if (*v == '\0')
		return 0;
	l->match_line = c->lineno;
	for (;;) {
		for (end = s; *end && *end != ',' && strncmp(end, "\xEF\xBC\x8C",
		    3) != 0; end++)
			;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		for (n = (size_t)(end - s); n > 0 && (s[n - 1] == ' ' ||
		    s[n - 1] == '\t'); n--)
			;
		if (n == 0)
			return fail_key(c, k, "empty word in '%s' (expected "
			    "words separated by commas)", v);
		l->words = svc_xrealloc(l->words, (l->nwords + 1) *
		    sizeof(*l->words));
		l->words[l->nwords++] = svc_xstrndup(s, n);
		if (*end == '\0')
			break;
		s = end + (*end == ',' ? 1 : 3);
	}
	return 0;
}

/* [schedule] kind: the codes of the kinds whose events are entries. */
static int
sp_sched_kinds(struct ctx *c, const struct keydef *k, void *obj,
    const char *v)
{
	struct svc_schedule *sc = obj;

	if (*v == '\0')
		return fail_key(c, k, "empty list (expected the kinds whose "
		    "events are entries)");
	if (sp_names(c, k, sc, v) < 0)
		return -1;
	for (size_t i = 0; i < sc->kinds.n; i++) {
		if (check_code(c, k, sc->kinds.v[i]) < 0)
			return -1;
		add_ref(c, k->name, sc->kinds.v[i], 0);
	}
	return 0;
}

/* [schedule] every: "4/day", "1/week", "2/month". */
static int
sp_sched_every(struct ctx *c, const struct keydef *k, void *obj,
    const char *v)
{
	static const struct choice per[] = { { "day", SVC_PERIOD_DAY },
	    { "week", SVC_PERIOD_WEEK }, { "month", SVC_PERIOD_MONTH },
	    { NULL, 0 } };
	struct svc_schedule *sc = obj;
	const char *slash = strchr(v, '/'), *u;
	char num[32];
	size_t n;
	long times;

	if (slash == NULL || (n = (size_t)(slash - v)) >= sizeof(num))
		goto bad;
	memcpy(num, v, n);
	for (num[n] = '\0'; n > 0 && (num[n - 1] == ' ' || num[n - 1] ==
	    '\t'); n--)
		num[n - 1] = '\0';
	for (u = slash + 1; *u == ' ' || *u == '\t'; u++)
		;
	if (num[0] < '0' || num[0] > '9' || strspn(num, "0123456789") !=
	    strlen(num))
		goto bad;
	for (size_t i = 0; per[i].name; i++)
		if (strcmp(u, per[i].name) == 0) {
			if (svc_parse_long(num, 1, INT_MAX_KEY, &times) < 0)
				return fail_key(c, k, "'%s' out of range "
				    "(expected 1 to %d times a %s)", v,
				    INT_MAX_KEY, per[i].name);
			sc->times = (int)times;
			sc->per = per[i].val;
			return 0;
		}
bad:
	return fail_key(c, k, "bad schedule '%s' (expected N/day, N/week or "
	    "N/month, N at least 1, like 4/day)", v);
}

/* [schedule] from: a local date, kept as a day number since the zone
 * it is in is set only once the policy is loaded. */
/*
 * The day number of the date "YYYY-MM-DD" (year 1970 or later) that the
 * len bytes at v are: 0, -1 when they are not of that shape, -2 when
 * there is no such day (2026-02-30).
 */
static int
date_day(const char *v, size_t len, long long *day)
{
	int y, m, d, y2, m2, d2, shape = len == 10;

	for (int i = 0; shape && i < 10; i++)
		shape = i == 4 || i == 7 ? v[i] == '-' : v[i] >= '0' &&
		    v[i] <= '9';
	if (!shape || sscanf(v, "%4d-%2d-%2d", &y, &m, &d) != 3 || y < 1970)
		return -1;
	*day = svc_day_from_ymd(y, m, d);
	svc_day_ymd(*day, &y2, &m2, &d2);
	return y2 != y || m2 != m || d2 != d ? -2 : 0;
}

static int
sp_sched_from(struct ctx *c, const struct keydef *k, void *obj,
    const char *v)
{
	struct svc_schedule *sc = obj;
	int rc = date_day(v, strlen(v), &sc->from);

	if (rc == -1)
		return fail_key(c, k, "bad date '%s' (expected YYYY-MM-DD)",
		    v);
	if (rc == -2)
		return fail_key(c, k, "no such date '%s'", v);
	return 0;
}

/*
 * [reminders] festival = DATE NAME, one a line: the date of that year
 * (a traditional festival moves with the lunar calendar) and the name
 * the reminder shows. The same festival on the same date twice is a
 * slip; two festivals on one day are two greetings.
 */
static int
sp_festival(struct ctx *c, const struct keydef *k, void *obj, const char *v)
{
	struct svc_greetings *g = obj;
	size_t n = strcspn(v, " \t");
	const char *name = v + n + strspn(v + n, " \t");
	long long day;
	int rc = date_day(v, n, &day);

	if (rc == -1 || *name == '\0')
		return fail_key(c, k, "bad festival '%s' (expected a date and "
		    "a name, as 2026-02-17 春节)", v);
	if (rc == -2)
		return fail_key(c, k, "no such date '%.*s'", (int)n, v);
	for (size_t i = 0; i < g->nfestivals; i++)
		if (g->festivals[i].day == day &&
		    strcmp(g->festivals[i].name, name) == 0)
			return fail_key(c, k, "'%s' is already a festival "
			    "(line %ld)", v, g->festivals[i].line);
	g->festivals = svc_xrealloc(g->festivals, (g->nfestivals + 1) *
	    sizeof(*g->festivals));
	g->festivals[g->nfestivals++] = (struct svc_festival){ day,
	    svc_xstrdup(name), c->lineno };
	return 0;
}

/* [reminders] festival_tiers: the customer tiers greeted. */
static int
sp_festival_tiers(struct ctx *c, const struct keydef *k, void *obj,
    const char *v)
{
	struct svc_greetings *g = obj;

	if (*v == '\0')
		return fail_key(c, k, "empty list (expected the customer tiers "
		    "greeted on a festival, as big)");
	g->tiers_line = c->lineno;
	return sp_names(c, k, obj, v);
}

/* ---- fields ---- */

static void names_free(struct svc_names *l);

static const char *const field_type_names[] = {
	[SVC_FIELD_TEXT] = "text", [SVC_FIELD_NUMBER] = "number",
	[SVC_FIELD_MONEY] = "money", [SVC_FIELD_CHOICE] = "choice",
	[SVC_FIELD_STAFF] = "staff", [SVC_FIELD_CUSTOMER] = "customer",
	[SVC_FIELD_DATE] = "date", [SVC_FIELD_TIME] = "time",
};

const char *
svc_field_type_name(enum svc_field_type t)
{
	return field_type_names[t];
}

/*
 * The columns an events file has already: a field of the same name could
 * not be told from them ("fields" is the list's column of every field).
 */
static const char *const event_columns[] = {
	"id", "ts", "staff", "kind", "value", "customer", "channel", "dept",
	"note", "uid", "logged_by", "logged_at", "void_of", "voided_by",
	"batch", "late_reason", "fields", NULL
};

/*
 * A field's name is its CSV column, svc-log add's NAME=, a JSON key in
 * the ledger and a term of a limit's match: letters (of any script),
 * digits, '_' and '-', so that it needs no quoting in any of them.
 */
static int
field_name_valid(const char *s)
{
	if (*s == '\0' || *s == '-')
		return 0;
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch < 0x80 && !(ch >= 'a' && ch <= 'z') &&
		    !(ch >= 'A' && ch <= 'Z') && !(ch >= '0' && ch <= '9') &&
		    ch != '_' && ch != '-')
			return 0;
	}
	return 1;
}

/* Strips blanks at both ends of [*s, *s + *n). */
static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && (**s == ' ' || **s == '\t')) {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
		(*n)--;
}

/* The choices of "choice A, B, C" (ASCII or full-width commas). */
static int
field_choices(struct ctx *c, const char *key, struct svc_field *f,
    const char *v, size_t len)
{
	const char *s = v, *end = v + len, *stop;
	size_t n;

	for (;;) {
		for (stop = s; stop < end && sep_len(stop) == 0; stop++)
			;
		n = (size_t)(stop - s);
		trim(&s, &n);
		if (n == 0)
			return fail(c, c->lineno, key, "empty choice in '%.*s'",
			    (int)len, v);
		for (size_t i = 0; i < f->choices.n; i++)
			if (strlen(f->choices.v[i]) == n &&
			    memcmp(f->choices.v[i], s, n) == 0)
				return fail(c, c->lineno, key, "choice '%s' "
				    "listed twice", f->choices.v[i]);
		f->choices.v = svc_xrealloc(f->choices.v, (f->choices.n + 1) *
		    sizeof(*f->choices.v));
		f->choices.v[f->choices.n++] = svc_xstrndup(s, n);
		if (stop == end)
			return 0;
		s = stop + sep_len(stop);
	}
}

/*
 * The columns of svc-log order list: a category's field of the same name
 * could not be told from them in a report.
 */
static const char *const order_columns[] = {
	"id", "opened", "customer", "channel", "dept", "matter",
	"first_asked", "assignee", "owner", "due", "status", "closed",
	"resolution", "reason", "revisit", "overdue", "category", "fields",
	"notified", NULL
};

/*
 * [kind.CODE] or [category.CODE] field.NAME = TYPE [ARGS] [required]:
 * "text", "number", "number 34.0..43.0", "money", "choice 冷冻, 冷藏,
 * 常温", "staff", "customer", "date", "time", each optionally followed
 * by "required"; appended to *fields. A name in columns (what, in
 * messages) is refused: it would hide that column.
 */
static int
parse_field(struct ctx *c, const char *key, const char *v,
    struct svc_field **fields, size_t *nfields, const char *const *columns,
    const char *what)
{
	const char *name = key + 6, *args;
	struct svc_field f = { 0 };
	size_t len = strlen(v), tn, i;

	if (!field_name_valid(name))
		return fail(c, c->lineno, key, "bad field name '%s' (letters, "
		    "digits, '_' and '-')", name);
	for (i = 0; columns[i]; i++)
		if (strcmp(columns[i], name) == 0)
			return fail(c, c->lineno, key, "field '%s' would hide "
			    "the %s column of that name", name, what);
	for (i = 0; i < *nfields; i++)
		if (strcmp((*fields)[i].name, name) == 0)
			return fail(c, c->lineno, key, "duplicate key (first "
			    "at line %ld)", (*fields)[i].line);
	trim(&v, &len);
	if (len >= 8 && strncmp(v + len - 8, "required", 8) == 0 &&
	    (len == 8 || v[len - 9] == ' ' || v[len - 9] == '\t')) {
		f.required = 1;
		len -= 8;
		trim(&v, &len);
	}
	for (tn = 0; tn < len && v[tn] != ' ' && v[tn] != '\t'; tn++)
		;
	for (i = 0; i < sizeof(field_type_names) / sizeof(*field_type_names);
	    i++)
		if (strlen(field_type_names[i]) == tn &&
		    strncmp(field_type_names[i], v, tn) == 0)
			break;
	if (i == sizeof(field_type_names) / sizeof(*field_type_names))
		return fail(c, c->lineno, key, "unknown field type '%.*s' "
		    "(expected text, number, money, choice, staff, customer, "
		    "date or time, then required if it is)", (int)tn, v);
	f.type = (enum svc_field_type)i;
	args = v + tn;
	len -= tn;
	trim(&args, &len);
	if (f.type == SVC_FIELD_CHOICE) {
		if (len == 0)
			return fail(c, c->lineno, key, "a choice field lists "
			    "its choices: choice A, B, C");
		if (field_choices(c, key, &f, args, len) < 0) {
			names_free(&f.choices);
			return -1;
		}
	} else if (f.type == SVC_FIELD_NUMBER && len > 0) {
		char lo[64], hi[64];
		const char *dots = strstr(args, "..");

		if (dots == NULL || dots >= args + len ||
		    (size_t)(dots - args) >= sizeof(lo) ||
		    len - (size_t)(dots - args) - 2 >= sizeof(hi))
			return fail(c, c->lineno, key, "bad range '%.*s' "
			    "(expected MIN..MAX, e.g. 34.0..43.0)", (int)len,
			    args);
		snprintf(lo, sizeof(lo), "%.*s", (int)(dots - args), args);
		snprintf(hi, sizeof(hi), "%.*s",
		    (int)(len - (size_t)(dots - args) - 2), dots + 2);
		if (svc_parse_num(lo, &f.min) < 0 ||
		    svc_parse_num(hi, &f.max) < 0 ||
		    fabs(f.min) > SVC_NUM_MAX || fabs(f.max) > SVC_NUM_MAX)
			return fail(c, c->lineno, key, "bad range '%.*s' "
			    "(expected MIN..MAX, numbers up to "
			    SVC_NUM_MAX_TEXT ")", (int)len, args);
		if (f.min > f.max)
			return fail(c, c->lineno, key, "range '%.*s' is empty "
			    "(MIN above MAX)", (int)len, args);
		f.has_range = 1;
	} else if (len > 0)
		return fail(c, c->lineno, key, "a %s field takes nothing "
		    "after its type but required, not '%.*s'",
		    field_type_names[f.type], (int)len, args);
	f.name = svc_xstrdup(name);
	f.line = c->lineno;
	*fields = svc_xrealloc(*fields, (*nfields + 1) * sizeof(**fields));
	(*fields)[(*nfields)++] = f;
	return 0;
}

const struct svc_field *
svc_field_find(const struct svc_field *fields, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(fields[i].name, name) == 0)
			return &fields[i];
	return NULL;
}

const struct svc_field *
svc_kind_field(const struct svc_kind *k, const char *name)
{
	return svc_field_find(k->fields, k->nfields, name);
}

const struct svc_field *
svc_category_amount(const struct svc_category *c)
{
	if (!c->has_notify_above)
		return NULL;
	for (size_t i = 0; i < c->nfields; i++)
		if (c->fields[i].type == SVC_FIELD_MONEY)
			return &c->fields[i];
	return NULL;
}

/* ---- alerts ---- */

static const char *const alert_op_names[] = {
	[SVC_ALERT_GE] = ">=", [SVC_ALERT_GT] = ">", [SVC_ALERT_LE] = "<=",
	[SVC_ALERT_LT] = "<",
};

const char *
svc_alert_op_name(enum svc_alert_op op)
{
	return alert_op_names[op];
}

int
svc_alert_met(const struct svc_alert *a, double v)
{
	switch (a->op) {
	case SVC_ALERT_GE: return v >= a->threshold;
	case SVC_ALERT_GT: return v > a->threshold;
	case SVC_ALERT_LE: return v <= a->threshold;
	case SVC_ALERT_LT: return v < a->threshold;
	}
	return 0;
}

/*
 * alert = FIELD OP NUMBER. The field may be declared further down the
 * section, so close_kind checks it against the kind's fields.
 */
static int
sp_alert(struct ctx *c, const struct keydef *k, void *obj, const char *v)
{
	struct svc_kind *kd = obj;
	struct svc_alert a = { 0 };
	const char *op = v + strcspn(v, "<>="), *num;
	size_t n = (size_t)(op - v);
	char name[128];
	double d;

	trim(&v, &n);
	if (*op == '\0' || n == 0)
		return fail_key(c, k, "bad alert '%s' (expected FIELD OP NUMBER, "
		    "e.g. temperature >= 37.3)", v);
	if (n >= sizeof(name))
		return fail_key(c, k, "bad field name '%.*s'", (int)n, v);
	memcpy(name, v, n);
	name[n] = '\0';
	if (op[0] == '>' && op[1] == '=')
		a.op = SVC_ALERT_GE;
	else if (op[0] == '<' && op[1] == '=')
		a.op = SVC_ALERT_LE;
	else if (op[0] == '>' && op[1] != '<' && op[1] != '>')
		a.op = SVC_ALERT_GT;
	else if (op[0] == '<' && op[1] != '<' && op[1] != '>')
		a.op = SVC_ALERT_LT;
	else
		return fail_key(c, k, "unknown operator in '%s' (expected >=, "
		    ">, <= or <)", v);
	num = op + strlen(alert_op_names[a.op]);
	while (*num == ' ' || *num == '\t')
		num++;
	if (svc_parse_num(num, &d) < 0)
		return fail_key(c, k, "bad number '%s' in '%s'", num, v);
	if (fabs(d) > SVC_NUM_MAX)
		return fail_key(c, k, "'%s' out of range (expected "
		    "-" SVC_NUM_MAX_TEXT " to " SVC_NUM_MAX_TEXT ")", num);
	for (size_t i = 0; i < kd->nalerts; i++)
		if (strcmp(kd->alerts[i].field, name) == 0 &&
		    kd->alerts[i].op == a.op && kd->alerts[i].threshold == d)
			return fail_key(c, k, "alert '%s' given twice (first at "
			    "line %ld)", v, kd->alerts[i].line);
	a.field = svc_xstrdup(name);
	a.line = c->lineno;
	a.threshold = d;
	kd->alerts = svc_xrealloc(kd->alerts, (kd->nalerts + 1) *
	    sizeof(*kd->alerts));
	kd->alerts[kd->nalerts++] = a;
	return 0;
}

/*
 * Each alert names a number or money field of its kind, and a threshold
 * that a value in the field's range can meet: an alert that can never
 * fire would leave a register silently without its warnings.
 */
static int
close_alerts(struct ctx *c, const struct svc_kind *k)
{
	for (size_t i = 0; i < k->nalerts; i++) {
		const struct svc_alert *a = &k->alerts[i];
		const struct svc_field *f = svc_kind_field(k, a->field);
		char t[32], lo[32], hi[32];
		double min, max;
		int never;

		if (f == NULL) {
			struct svc_buf b = { 0 };
			int rc;

			for (size_t j = 0; j < k->nfields; j++)
				svc_buf_printf(&b, "%s%s", j ? ", " : "",
				    k->fields[j].name);
			rc = fail(c, a->line, "alert", "kind '%s' has no field "
			    "'%s' (%s%s)", k->code, a->field, k->nfields ?
			    "its fields: " : "it has none", k->nfields ? b.s :
			    "");
			svc_buf_release(&b);
			return rc;
		}
		if (f->type != SVC_FIELD_NUMBER && f->type != SVC_FIELD_MONEY)
			return fail(c, a->line, "alert", "field '%s' is a %s "
			    "field (an alert compares a number or money field)",
			    f->name, field_type_names[f->type]);
		if (f->type == SVC_FIELD_NUMBER && !f->has_range)
			continue;
		/* a money field has no range: 0 up */
		min = f->has_range ? f->min : 0;
		max = f->has_range ? f->max : SVC_NUM_MAX;
		switch (a->op) {
		case SVC_ALERT_GE: never = a->threshold > max; break;
		case SVC_ALERT_GT: never = a->threshold >= max; break;
		case SVC_ALERT_LE: never = a->threshold < min; break;
		default: never = a->threshold <= min; break;
		}
		if (never)
			return fail(c, a->line, "alert", "'%s %s %s' is never "
			    "met: field '%s' is %s to %s", a->field,
			    alert_op_names[a->op], svc_fmt_num(a->threshold, t),
			    f->name, svc_fmt_num(min, lo), svc_fmt_num(max, hi));
	}
	return 0;
}

/* ---- key tables ---- */

#define HAS(s, f)	(offsetof(s, f) + 1)

#define P struct svc_policy
static const struct keydef policy_keys[] = {
	{ .name = "name", .type = K_TEXT, .off = offsetof(P, name),
	  .required = 1, .nonempty = 1 },
	{ .name = "period", .type = K_CHOICE, .off = offsetof(P, period),
	  .choices = period_choices },
	{ .name = "base", .type = K_SPECIAL, .parse = sp_base },
	{ .name = "floor", .type = K_NUM, .off = offsetof(P, floor),
	  .has = HAS(P, has_floor) },
	{ .name = "cap", .type = K_NUM, .off = offsetof(P, cap),
	  .has = HAS(P, has_cap) },
	{ .name = "description", .type = K_IGNORE },
	{ .name = "timezone", .type = K_SPECIAL, .parse = sp_timezone },
	{ .name = "channels", .type = K_SPECIAL, .parse = sp_channels },
	{ .name = NULL }
};
#undef P

#define K struct svc_kind
static const struct keydef kind_keys[] = {
	{ .name = "label", .type = K_TEXT, .off = offsetof(K, label) },
	{ .name = "counts_as", .type = K_CHOICE, .off = offsetof(K, counts_as),
	  .choices = counts_choices },
	{ .name = "points", .type = K_SPECIAL, .parse = sp_points },
	{ .name = "escalation", .type = K_CHOICE,
	  .off = offsetof(K, escalation), .choices = esc_choices },
	{ .name = "supervisor_points", .type = K_NUM,
	  .off = offsetof(K, supervisor.points), .has = HAS(K, supervisor.on) },
	{ .name = "supervisor_from", .type = K_INT,
	  .off = offsetof(K, supervisor.from), .lo = 1 },
	{ .name = "supervisor_escalation", .type = K_CHOICE,
	  .off = offsetof(K, supervisor.escalation), .choices = esc_choices },
	{ .name = "leader_points", .type = K_NUM,
	  .off = offsetof(K, leader.points), .has = HAS(K, leader.on) },
	{ .name = "leader_from", .type = K_INT,
	  .off = offsetof(K, leader.from), .lo = 1 },
	{ .name = "leader_escalation", .type = K_CHOICE,
	  .off = offsetof(K, leader.escalation), .choices = esc_choices },
	{ .name = "disqualify", .type = K_BOOL,
	  .off = offsetof(K, disqualify) },
	{ .name = "disqualify_total", .type = K_NUM,
	  .off = offsetof(K, disqualify_total), .bound = B_POS },
	{ .name = "disqualify_window", .type = K_CHOICE,
	  .off = offsetof(K, disqualify_window), .choices = window_choices },
	{ .name = "value", .type = K_CHOICE, .off = offsetof(K, value),
	  .choices = value_choices },
	{ .name = "value_min", .type = K_NUM, .off = offsetof(K, value_min),
	  .has = HAS(K, has_value_min) },
	{ .name = "value_max", .type = K_NUM, .off = offsetof(K, value_max),
	  .has = HAS(K, has_value_max) },
	{ .name = "dissatisfied_max", .type = K_NUM,
	  .off = offsetof(K, dissatisfied_max) },
	{ .name = "satisfied_min", .type = K_NUM,
	  .off = offsetof(K, satisfied_min), .has = HAS(K, has_satisfied_min) },
	{ .name = "follow_up", .type = K_BOOL, .off = offsetof(K, follow_up) },
	{ .name = "positions", .type = K_SPECIAL, .parse = sp_names,
	  .off = offsetof(K, positions) },
	{ .name = "handled_by", .type = K_CHOICE, .off = offsetof(K, handled_by),
	  .choices = handled_choices },
	{ .name = "value_from", .type = K_CHOICE, .off = offsetof(K, value_from),
	  .choices = value_from_choices },
	{ .name = "alert", .type = K_SPECIAL, .parse = sp_alert, .repeat = 1 },
	{ .name = NULL }
};
#undef K

#define T struct svc_tier
static const struct keydef tier_keys[] = {
	{ .name = "min", .type = K_NUM, .off = offsetof(T, min),
	  .has = HAS(T, has_min) },
	{ .name = "max", .type = K_NUM, .off = offsetof(T, max),
	  .has = HAS(T, has_max) },
	{ .name = "amount", .type = K_NUM, .off = offsetof(T, amount),
	  .bound = B_NONNEG },
	{ .name = "badge", .type = K_TEXT, .off = offsetof(T, badge) },
	{ .name = "action", .type = K_TEXT, .off = offsetof(T, action) },
	{ .name = NULL }
};
#undef T

#define S struct svc_star
static const struct keydef star_keys[] = {
	{ .name = "group_by", .type = K_CHOICE, .off = offsetof(S, group_by),
	  .choices = group_choices },
	{ .name = "amount", .type = K_NUM, .off = offsetof(S, amount),
	  .bound = B_NONNEG },
	{ .name = "action", .type = K_TEXT, .off = offsetof(S, action) },
	{ .name = "consecutive", .type = K_CHOICE,
	  .off = offsetof(S, consecutive_multiply),
	  .choices = consecutive_choices },
	{ .name = "period", .type = K_CHOICE, .off = offsetof(S, period),
	  .choices = period_choices },
	{ .name = "no_complaint", .type = K_BOOL,
	  .off = offsetof(S, no_complaint) },
	{ .name = "min_score", .type = K_NUM, .off = offsetof(S, min_score),
	  .has = HAS(S, has_min_score) },
	{ .name = "positions", .type = K_SPECIAL, .parse = sp_names,
	  .off = offsetof(S, positions) },
	{ .name = "chosen_by", .type = K_CHOICE,
	  .off = offsetof(S, by_nomination), .choices = chosen_choices },
	{ .name = "nominated_by", .type = K_SPECIAL, .parse = sp_names,
	  .off = offsetof(S, nominated_by) },
	{ .name = "units", .type = K_SPECIAL, .parse = sp_names,
	  .off = offsetof(S, units) },
	{ .name = NULL }
};
#undef S

#define W struct svc_worst
static const struct keydef worst_keys[] = {
	{ .name = "threshold", .type = K_INT, .off = offsetof(W, threshold),
	  .lo = 1, .required = 1 },
	{ .name = "kinds", .type = K_SPECIAL, .parse = sp_kinds },
	{ .name = "fine", .type = K_NUM, .off = offsetof(W, fine),
	  .bound = B_NONNEG },
	{ .name = "action", .type = K_TEXT, .off = offsetof(W, action) },
	{ .name = "dismiss_after", .type = K_INT,
	  .off = offsetof(W, dismiss_after) },
	{ .name = "dismiss_within", .type = K_INT,
	  .off = offsetof(W, dismiss_within) },
	{ .name = "dismiss_action", .type = K_TEXT,
	  .off = offsetof(W, dismiss_action) },
	{ .name = NULL }
};
#undef W

#define O struct svc_posting
static const struct keydef posting_keys[] = {
	{ .name = "days", .type = K_INT, .off = offsetof(O, days) },
	{ .name = "months", .type = K_INT, .off = offsetof(O, months),
	  .lo = 1 },
	{ .name = "contact", .type = K_TEXT, .off = offsetof(O, contact) },
	{ .name = "pay_after_months", .type = K_INT,
	  .off = offsetof(O, pay_after_months) },
	{ .name = "withdraw_on_complaint", .type = K_BOOL,
	  .off = offsetof(O, withdraw_on_complaint) },
	{ .name = "approval", .type = K_BOOL, .off = offsetof(O, approval) },
	{ .name = NULL }
};
#undef O

#define G struct svc_target
static const struct keydef target_keys[] = {
	{ .name = "label", .type = K_TEXT, .off = offsetof(G, label) },
	{ .name = "metric", .type = K_SPECIAL, .parse = sp_metric,
	  .required = 1 },
	{ .name = "min", .type = K_NUM, .off = offsetof(G, min),
	  .has = HAS(G, has_min) },
	{ .name = "max", .type = K_NUM, .off = offsetof(G, max),
	  .has = HAS(G, has_max) },
	{ .name = "unit", .type = K_TEXT, .off = offsetof(G, unit) },
	{ .name = "units", .type = K_SPECIAL, .parse = sp_units },
	{ .name = "category", .type = K_SPECIAL, .parse = sp_target_category },
	{ .name = NULL }
};
#undef G

#define R struct svc_revisit
static const struct keydef revisit_keys[] = {
	{ .name = "label", .type = K_TEXT, .off = offsetof(R, label) },
	{ .name = "every", .type = K_SPECIAL, .parse = sp_every,
	  .off = offsetof(R, every), .flag = HAS(R, every_workdays), .lo = 1,
	  .required = 1 },
	{ .name = "supervisor_every", .type = K_SPECIAL, .parse = sp_every,
	  .off = offsetof(R, supervisor_every),
	  .flag = HAS(R, supervisor_every_workdays) },
	{ .name = "head_every", .type = K_SPECIAL, .parse = sp_every,
	  .off = offsetof(R, head_every), .flag = HAS(R, head_every_workdays) },
	{ .name = "by", .type = K_TEXT, .off = offsetof(R, by), .nonempty = 1 },
	{ .name = "supervisor_by", .type = K_TEXT,
	  .off = offsetof(R, supervisor_by), .nonempty = 1 },
	{ .name = "head_by", .type = K_TEXT, .off = offsetof(R, head_by),
	  .nonempty = 1 },
	{ .name = NULL }
};
#undef R

#define L struct svc_limit
static const struct keydef limit_keys[] = {
	{ .name = "label", .type = K_TEXT, .off = offsetof(L, label) },
	{ .name = "kind", .type = K_SPECIAL, .parse = sp_limit_kind,
	  .required = 1 },
	{ .name = "minutes", .type = K_NUM, .off = offsetof(L, minutes),
	  .bound = B_POS, .required = 1 },
	{ .name = "match", .type = K_SPECIAL, .parse = sp_match },
	{ .name = "breach", .type = K_SPECIAL, .parse = sp_limit_breach },
	{ .name = "charge", .type = K_CHOICE, .off = offsetof(L, charge),
	  .choices = charge_choices },
	{ .name = NULL }
};
#undef L

#define C struct svc_schedule
static const struct keydef schedule_keys[] = {
	{ .name = "label", .type = K_TEXT, .off = offsetof(C, label) },
	{ .name = "kind", .type = K_SPECIAL, .parse = sp_sched_kinds,
	  .off = offsetof(C, kinds), .required = 1 },
	{ .name = "every", .type = K_SPECIAL, .parse = sp_sched_every,
	  .required = 1 },
	{ .name = "unit", .type = K_SPECIAL, .parse = sp_names,
	  .off = offsetof(C, units) },
	{ .name = "position", .type = K_SPECIAL, .parse = sp_names,
	  .off = offsetof(C, positions) },
	{ .name = "days", .type = K_CHOICE, .off = offsetof(C, workdays),
	  .choices = days_choices },
	{ .name = "done_by", .type = K_CHOICE, .off = offsetof(C, anyone),
	  .choices = done_by_choices },
	{ .name = "from", .type = K_SPECIAL, .parse = sp_sched_from },
	{ .name = NULL }
};
#undef C

#define O struct svc_orders
static const struct keydef orders_keys[] = {
	{ .name = "due", .type = K_SPECIAL, .parse = sp_due,
	  .off = offsetof(O, due) },
	{ .name = NULL }
};
#undef O

#define C struct svc_category
static const struct keydef category_keys[] = {
	{ .name = "label", .type = K_TEXT, .off = offsetof(C, label) },
	{ .name = "notify_above", .type = K_NUM,
	  .off = offsetof(C, notify_above), .has = HAS(C, has_notify_above),
	  .bound = B_NONNEG },
	{ .name = "due", .type = K_SPECIAL, .parse = sp_due,
	  .off = offsetof(C, due) },
	{ .name = NULL }
};
#undef C

static const struct keydef calendar_keys[] = {
	{ .name = "holidays", .type = K_SPECIAL, .parse = sp_days,
	  .repeat = 1 },
	{ .name = "workdays", .type = K_SPECIAL, .parse = sp_days,
	  .repeat = 1 },
	{ .name = "hours", .type = K_SPECIAL, .parse = sp_hours },
	{ .name = NULL }
};

#define G struct svc_greetings
static const struct keydef reminders_keys[] = {
	{ .name = "festival", .type = K_SPECIAL, .parse = sp_festival,
	  .repeat = 1, .required = 1 },
	{ .name = "festival_tiers", .type = K_SPECIAL,
	  .parse = sp_festival_tiers, .off = offsetof(G, tiers),
	  .required = 1 },
	{ .name = NULL }
};
#undef G

_Static_assert(sizeof(kind_keys) / sizeof(kind_keys[0]) <= KEYS_MAX,
    "struct ctx seen[] is too small for [kind] keys");

/* ---- sections ---- */

#define GROW(arr, n) \
	((arr) = svc_xrealloc((arr), ((n) + 1) * sizeof(*(arr))), \
	 memset(&(arr)[(n)], 0, sizeof(*(arr))), &(arr)[(n)++])

static void *
open_policy(struct ctx *c, const char *name)
{
	(void)name;
	c->have_policy = 1;
	return c->p;
}

static void *
open_kind(struct ctx *c, const char *name)
{
	struct svc_kind *k = GROW(c->p->kinds, c->p->nkinds);

	k->code = svc_xstrdup(name);
	k->label = svc_xstrdup("");
	k->line = c->sline;
	k->supervisor.from = k->leader.from = 1;
	k->disqualify_window = SVC_PERIOD_MONTH;
	k->dissatisfied_max = 2;
	return k;
}

static void *
open_tier(struct ctx *c, const char *name)
{
	struct svc_tier *t = GROW(c->p->tiers, c->p->ntiers);

	t->name = svc_xstrdup(name);
	t->line = c->sline;
	t->badge = svc_xstrdup("");
	t->action = svc_xstrdup("");
	return t;
}

static void *
open_star(struct ctx *c, const char *name)
{
	struct svc_star *s = GROW(c->p->stars, c->p->nstars);

	s->name = svc_xstrdup(name);
	s->line = c->sline;
	s->action = svc_xstrdup("");
	s->period = SVC_PERIOD_NONE;
	s->no_complaint = 1;
	return s;
}

static void *
open_worst(struct ctx *c, const char *name)
{
	struct svc_worst *w = GROW(c->p->worsts, c->p->nworsts);

	w->name = svc_xstrdup(name);
	w->line = c->sline;
	w->action = svc_xstrdup("");
	w->dismiss_action = svc_xstrdup("dismissal");
	return w;
}

static void *
open_posting(struct ctx *c, const char *name)
{
	(void)name;
	return &c->p->posting;
}

static void *
open_target(struct ctx *c, const char *name)
{
	struct svc_target *t = GROW(c->p->targets, c->p->ntargets);

	t->name = svc_xstrdup(name);
	t->line = c->sline;
	t->label = svc_xstrdup("");
	t->metric = svc_xstrdup("");
	t->unit = svc_xstrdup("");
	t->category = svc_xstrdup("");
	return t;
}

static void *
open_revisit(struct ctx *c, const char *name)
{
	struct svc_revisit *r = GROW(c->p->revisits, c->p->nrevisits);

	r->tier = svc_xstrdup(name);
	r->line = c->sline;
	r->label = svc_xstrdup("");
	r->by = svc_xstrdup("");
	r->supervisor_by = svc_xstrdup("");
	r->head_by = svc_xstrdup("");
	return r;
}

static void *
open_limit(struct ctx *c, const char *name)
{
	struct svc_limit *l = GROW(c->p->limits, c->p->nlimits);

	l->name = svc_xstrdup(name);
	l->line = c->sline;
	l->label = svc_xstrdup("");
	l->kind = svc_xstrdup("");
	l->breach = svc_xstrdup("");
	return l;
}

static void *
open_schedule(struct ctx *c, const char *name)
{
	struct svc_schedule *sc = GROW(c->p->schedules, c->p->nschedules);

	sc->name = svc_xstrdup(name);
	sc->line = c->sline;
	sc->label = svc_xstrdup("");
	return sc;
}

static void *
open_orders(struct ctx *c, const char *name)
{
	(void)name;
	c->p->orders.line = c->sline;
	return &c->p->orders;
}

static void *
open_category(struct ctx *c, const char *name)
{
	struct svc_category *g = GROW(c->p->categories, c->p->ncategories);

	g->code = svc_xstrdup(name);
	g->label = svc_xstrdup("");
	g->line = c->sline;
	return g;
}

static void *
open_calendar(struct ctx *c, const char *name)
{
	(void)name;
	c->p->calendar.on = 1;
	c->p->calendar.line = c->sline;
	return &c->p->calendar;
}

static void *
open_reminders(struct ctx *c, const char *name)
{
	(void)name;
	c->p->greetings.line = c->sline;
	return &c->p->greetings;
}

/* Line of key in the current section, 0 if not given. */
static long
seen(struct ctx *c, const char *key)
{
	const struct keydef *k;

	for (k = c->sd->keys; k->name; k++)
		if (strcmp(k->name, key) == 0)
			return c->seen[k - c->sd->keys];
	return 0;
}

/*
 * A contradiction between two keys is reported at whichever came later:
 * that is where the file stopped making sense.
 */
static int
fail_pair(struct ctx *c, const char *a, double x, const char *verb,
    const char *b, double y)
{
	char xs[32], ys[32];
	long la = seen(c, a), lb = seen(c, b);

	svc_fmt_num(x, xs);
	svc_fmt_num(y, ys);
	return fail(c, la > lb ? la : lb, la > lb ? a : b, "%s %s %s %s %s",
	    a, xs, verb, b, ys);
}

static int
close_policy(struct ctx *c)
{
	struct svc_policy *p = c->p;

	if (p->has_floor && p->has_cap && p->floor > p->cap)
		return fail_pair(c, "floor", p->floor, "above", "cap",
		    p->cap);
	return 0;
}

static int
close_joint(struct ctx *c, const struct svc_joint *j, const char *who)
{
	char key[32], pts[32];
	const char *suffix[] = { "_from", "_escalation" };
	size_t i;
	long line;

	if (j->on)
		return 0;
	snprintf(pts, sizeof(pts), "%s_points", who);
	for (i = 0; i < 2; i++) {
		snprintf(key, sizeof(key), "%s%s", who, suffix[i]);
		if ((line = seen(c, key)) != 0)
			return fail(c, line, key, "%s without %s", key, pts);
	}
	return 0;
}

static int
close_kind(struct ctx *c)
{
	struct svc_kind *k = c->obj;
	long line;

	if (close_joint(c, &k->supervisor, "supervisor") == -1 ||
	    close_joint(c, &k->leader, "leader") == -1)
		return -1;
	if (k->has_value_min && k->has_value_max &&
	    k->value_min > k->value_max)
		return fail_pair(c, "value_min", k->value_min, "above",
		    "value_max", k->value_max);
	if ((line = seen(c, "disqualify_window")) != 0 &&
	    !seen(c, "disqualify_total"))
		return fail(c, line, "disqualify_window",
		    "disqualify_window without disqualify_total");
	/* k * value would depend on the order events arrive in */
	if (k->escalation == SVC_PROGRESSIVE &&
	    k->points_mode != SVC_POINTS_FIXED)
		return fail(c, seen(c, "escalation"), "escalation",
		    "progressive escalation needs fixed points, not '%s'",
		    k->points_mode == SVC_POINTS_VALUE ? "value" : "-value");
	if ((line = seen(c, "satisfied_min")) != 0 &&
	    k->counts_as != SVC_AS_REVISIT)
		return fail(c, line, "satisfied_min", "satisfied_min on a kind "
		    "that does not count as revisit");
	if (k->has_satisfied_min && k->satisfied_min <= k->dissatisfied_max)
		return fail_pair(c, "satisfied_min", k->satisfied_min,
		    "not above", "dissatisfied_max", k->dissatisfied_max);
	if ((line = seen(c, "handled_by")) != 0 &&
	    k->counts_as != SVC_AS_COMPLAINT)
		return fail(c, line, "handled_by", "handled_by on a kind that "
		    "does not count as complaint");
	if ((line = seen(c, "value_from")) != 0 &&
	    k->value_from != SVC_VALUE_GIVEN) {
		size_t i;

		if (k->value == SVC_VALUE_NONE)
			return fail(c, line, "value_from", "value_from on a "
			    "kind with value = none");
		for (i = 0; i < k->nfields; i++)
			if (k->fields[i].type == SVC_FIELD_NUMBER ||
			    k->fields[i].type == SVC_FIELD_MONEY)
				break;
		if (i == k->nfields)
			return fail(c, line, "value_from", "value_from = %s "
			    "needs a number or money field (field.NAME = "
			    "number) in [kind.%s]", k->value_from ==
			    SVC_VALUE_SUM ? "sum" : "mean", k->code);
	}
	return close_alerts(c, k);
}

static int
close_tier(struct ctx *c)
{
	struct svc_tier *t = c->obj;

	if (!t->has_min && !t->has_max)
		return fail_section(c, c->sline, c->sname,
		    "tier needs min or max");
	if (t->has_min && t->has_max && t->min >= t->max)
		return fail_pair(c, "min", t->min, "not below", "max",
		    t->max);
	return 0;
}

static int
close_target(struct ctx *c)
{
	struct svc_target *t = c->obj;

	if (!t->has_min && !t->has_max)
		return fail_section(c, c->sline, c->sname,
		    "target needs min or max");
	if (t->has_min && t->has_max && t->min > t->max)
		return fail_pair(c, "min", t->min, "above", "max", t->max);
	if (t->nunits > 0 && strcmp(t->metric, "window_score") != 0)
		return fail(c, seen(c, "units"), "units", "units with metric "
		    "'%s' (only window_score is judged per unit)", t->metric);
	if (t->category_line != 0 && strcmp(t->metric, "closure_rate") != 0)
		return fail(c, t->category_line, "category", "category with "
		    "metric '%s' (only closure_rate counts work orders of a "
		    "category)", t->metric);
	return 0;
}

/* notify_above compares the category's amount: its one money field. */
static int
close_category(struct ctx *c)
{
	struct svc_category *g = c->obj;
	size_t money = 0;

	if (!g->has_notify_above)
		return 0;
	for (size_t i = 0; i < g->nfields; i++)
		money += g->fields[i].type == SVC_FIELD_MONEY;
	if (money != 1)
		return fail(c, seen(c, "notify_above"), "notify_above",
		    "notify_above compares the amount: [category.%s] needs "
		    "exactly one money field (field.amount = money), not %zu",
		    g->code, money);
	return 0;
}

/* A posting counts days or calendar months (SPEC: 张榜公示一个月). */
static int
close_posting(struct ctx *c)
{
	long d = seen(c, "days"), m = seen(c, "months");

	if (d && m)
		return fail(c, d > m ? d : m, d > m ? "days" : "months",
		    "days and months do not go together (one length)");
	if (!d && !m)
		return fail_section(c, c->sline, c->sname, "posting needs "
		    "days or months");
	return 0;
}

static int
close_star(struct ctx *c)
{
	struct svc_star *s = c->obj;
	long line = seen(c, "nominated_by");

	if (line != 0 && !s->by_nomination)
		return fail(c, line, "nominated_by",
		    "nominated_by without chosen_by = nomination");
	return 0;
}

/*
 * Cadences owed by positions or all by the owner's chain: a mix would
 * let one revisit serve two cadences, or none that its writer meant.
 */
static int
close_revisit(struct ctx *c)
{
	struct svc_revisit *r = c->obj;
	const char *by[] = { r->by, r->supervisor_by, r->head_by };
	const int every[] = { r->every, r->supervisor_every, r->head_every };
	const char *bykey[] = { "by", "supervisor_by", "head_by" };
	const char *everykey[] = { "every", "supervisor_every", "head_every" };
	int any = by[0][0] || by[1][0] || by[2][0];

	for (int i = 0; any && i < 3; i++) {
		if (every[i] == 0 && by[i][0])
			return fail(c, seen(c, bykey[i]), bykey[i],
			    "%s without %s", bykey[i], everykey[i]);
		if (every[i] > 0 && by[i][0] == '\0')
			return fail_section(c, c->sline, c->sname, "%s needs "
			    "%s: every cadence names its position or none "
			    "does", everykey[i], bykey[i]);
		for (int j = 0; j < i; j++)
			if (by[i][0] && strcmp(by[i], by[j]) == 0)
				return fail(c, seen(c, bykey[i]), bykey[i],
				    "position '%s' already owes %s", by[i],
				    everykey[j]);
	}
	return 0;
}

/*
 * A schedule is owed by someone; an entry by anyone cannot tell two
 * units' checklists apart, so it serves one owner only.
 */
static int
close_schedule(struct ctx *c)
{
	struct svc_schedule *sc = c->obj;

	if (sc->units.n == 0 && sc->positions.n == 0)
		return fail_section(c, c->sline, c->sname, "no unit or "
		    "position: a schedule names who owes it");
	if (sc->anyone && sc->units.n > 1)
		return fail(c, seen(c, "done_by"), "done_by", "done_by = "
		    "anyone with %zu units: every unit would count the same "
		    "entries (name one unit, or leave done_by out)",
		    sc->units.n);
	return 0;
}

static int
close_calendar(struct ctx *c)
{
	struct svc_calendar *cal = c->obj;

	if (cal->nholidays == 0 && cal->nworkdays == 0)
		return fail_section(c, c->sline, c->sname, "no holidays or "
		    "workdays: a calendar names its days off and make-up "
		    "working days");
	svc_cal_finish(cal);
	return 0;
}

static int
subset(char *const *a, size_t na, char *const *b, size_t nb)
{
	size_t i, j;

	for (i = 0; i < na; i++) {
		for (j = 0; j < nb && strcmp(a[i], b[j]) != 0; j++)
			;
		if (j == nb)
			return 0;
	}
	return 1;
}

/* An event must match exactly one limit of its kind: l and the limits
 * before it, at line. */
static int
limit_overlaps(struct ctx *c, const struct svc_limit *l, long line)
{
	const struct svc_limit *o, *wide;

	for (o = c->p->limits; o < l; o++) {
		if (strcmp(o->kind, l->kind) != 0)
			continue;
		wide = subset(o->words, o->nwords, l->words, l->nwords) ? o :
		    subset(l->words, l->nwords, o->words, o->nwords) ? l :
		    NULL;
		if (wide != NULL)
			return fail(c, line, "match", "[limit.%s] also "
			    "measures every note [limit.%s] does (kind '%s')",
			    wide->name, wide == o ? l->name : o->name,
			    l->kind);
	}
	return 0;
}

static int
close_limit(struct ctx *c)
{
	struct svc_limit *l = c->obj;
	long lc = seen(c, "charge"), lb = seen(c, "breach");

	if (lc && l->charge == SVC_CHARGE_STAFF && !lb)
		return fail(c, lc, "charge", "charge = staff without breach "
		    "(the kind to charge)");
	if (lc && l->charge == SVC_CHARGE_NONE && lb)
		return fail(c, lc > lb ? lc : lb, lc > lb ? "charge" :
		    "breach", "breach with charge = none (a breach charges "
		    "no one)");
	l->charge = lb ? SVC_CHARGE_STAFF : SVC_CHARGE_NONE;
	return limit_overlaps(c, l, seen(c, "match") ? seen(c, "match") :
	    c->sline);
}

static const struct sdef sdefs[] = {
	{ "policy", "policy", policy_keys, open_policy, close_policy },
	{ "kind.", "kind.CODE", kind_keys, open_kind, close_kind },
	{ "tier.", "tier.NAME", tier_keys, open_tier, close_tier },
	{ "star.", "star.NAME", star_keys, open_star, close_star },
	{ "worst.", "worst.NAME", worst_keys, open_worst, NULL },
	{ "posting", "posting", posting_keys, open_posting, close_posting },
	{ "target.", "target.NAME", target_keys, open_target, close_target },
	{ "revisit.", "revisit.TIER", revisit_keys, open_revisit,
	  close_revisit },
	{ "limit.", "limit.NAME", limit_keys, open_limit, close_limit },
	{ "schedule.", "schedule.NAME", schedule_keys, open_schedule,
	  close_schedule },
	{ "orders", "orders", orders_keys, open_orders, NULL },
	{ "category.", "category.CODE", category_keys, open_category,
	  close_category },
	{ "calendar", "calendar", calendar_keys, open_calendar,
	  close_calendar },
	{ "reminders", "reminders", reminders_keys, open_reminders, NULL },
	{ NULL, NULL, NULL, NULL, NULL }
};

static int
section_end(struct ctx *c)
{
	const struct keydef *k;

	if (c->sd == NULL)
		return 0;
	for (k = c->sd->keys; k->name; k++)
		if (k->required && !c->seen[k - c->sd->keys])
			return fail(c, c->sline, k->name,
			    "required key missing in [%s]", c->sname);
	if (c->sd->close && c->sd->close(c) == -1)
		return -1;
	c->sd = NULL;
	return 0;
}

static int
section_begin(struct ctx *c, const char *name)
{
	const struct sdef *sd;
	const char *rest = NULL;
	char shapes[256];
	size_t i, n, plen;

	if (section_end(c) == -1)
		return -1;
	for (sd = sdefs; sd->prefix; sd++) {
		plen = strlen(sd->prefix);
		if (sd->prefix[plen - 1] != '.') {
			if (strcmp(name, sd->prefix) == 0) {
				rest = "";
				break;
			}
			continue;
		}
		if (strncmp(name, sd->prefix, plen) == 0) {
			rest = name + plen;
			if (*rest == '\0')
				return fail_section(c, c->lineno, name,
				    "section needs a name: [%s]", sd->shape);
			break;
		}
		if (strncmp(name, sd->prefix, plen - 1) == 0 &&
		    name[plen - 1] == '\0')
			return fail_section(c, c->lineno, name,
			    "section needs a name: [%s]", sd->shape);
	}
	if (sd->prefix == NULL) {
		n = 0;
		for (sd = sdefs; sd->prefix && n < sizeof(shapes); sd++)
			n += snprintf(shapes + n, sizeof(shapes) - n, "%s%s",
			    n ? ", " : "", sd->shape);
		return fail_section(c, c->lineno, name,
		    "unknown section (expected %s)", shapes);
	}
	if (sd->open == open_category && !svc_kind_code_valid(rest))
		return fail_section(c, c->lineno, name, "bad category code "
		    "'%s' (expected [a-z0-9][a-z0-9._-]*)", rest);
	if (sd->open == open_kind) {
		if (!svc_kind_code_valid(rest))
			return fail_section(c, c->lineno, name,
			    "bad kind code '%s' "
			    "(expected [a-z0-9][a-z0-9._-]*)", rest);
		if (svc_kind_code_reserved(rest))
			return fail_section(c, c->lineno, name,
			    "kind code '%s' is reserved for the ledger", rest);
	}
	for (i = 0; i < c->nsections; i++)
		if (strcmp(c->sections[i].name, name) == 0)
			return fail_section(c, c->lineno, name,
			    "duplicate section (first at line %ld)",
			    c->sections[i].line);
	c->sections = svc_xrealloc(c->sections,
	    (c->nsections + 1) * sizeof(*c->sections));
	c->sections[c->nsections].name = svc_xstrdup(name);
	c->sections[c->nsections].line = c->lineno;
	c->nsections++;

	c->sd = sd;
	snprintf(c->sname, sizeof(c->sname), "%s", name);
	c->sline = c->lineno;
	memset(c->seen, 0, sizeof(c->seen));
	c->obj = sd->open(c, rest);
	return 0;
}

/* ---- the line reader and the key handler ---- */

static int
is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\v' ||
	    ch == '\f' || ch == '\n';
}

/* libinih's rule: ';' starts a comment only after white space. */
static char *
find_or_comment(char *s, const char *chars)
{
	int was_space = 0;

	while (*s && strchr(chars, *s) == NULL && !(was_space && *s == ';')) {
		was_space = is_space(*s);
		s++;
	}
	return s;
}

/*
 * Checks a line the way libinih will read it, so that its syntax errors get
 * a message, and handles section headers. line has no leading space.
 */
static int
classify(struct ctx *c, char *line)
{
	char *end, *rest, name[SECTION_MAX + 1];
	size_t n;
	long cp;

	if (*line == '\0' || *line == ';' || *line == '#')
		return 0;
	if (*line == '[') {
		end = find_or_comment(line + 1, "]");
		if (*end != ']')
			return fail(c, c->lineno, NULL,
			    "syntax error: missing ']' in section header");
		for (rest = end + 1; is_space(*rest); rest++)
			;
		if (*rest != '\0' && *rest != ';' && *rest != '#')
			return fail(c, c->lineno, NULL,
			    "syntax error: text after section header");
		n = (size_t)(end - line - 1);
		if (n > SECTION_MAX)
			return fail(c, c->lineno, NULL, "section name too long "
			    "(%zu bytes, at most %d)", n, SECTION_MAX);
		memcpy(name, line + 1, n);
		name[n] = '\0';
		if ((cp = svc_text_control(name, 0)) >= 0)
			return fail(c, c->lineno, NULL, "control character "
			    "U+%04lX not allowed in a section name", cp);
		return section_begin(c, name);
	}
	end = find_or_comment(line, "=:");
	if (*end != '=' && *end != ':')
		return fail(c, c->lineno, NULL,
		    "syntax error: expected 'key = value'");
	if (end == line)
		return fail(c, c->lineno, NULL,
		    "syntax error: missing key before '%c'", *end);
	return 0;
}

static char *
reader(char *str, int num, void *stream)
{
	struct ctx *c = stream;
	const char *s, *nl;
	size_t n;

	if (c->failed || c->pos >= c->len || num < 1)
		return NULL;
	s = c->buf + c->pos;
	nl = memchr(s, '\n', c->len - c->pos);
	n = nl ? (size_t)(nl - s) : c->len - c->pos;
	c->pos += n + (nl != NULL);
	c->lineno++;
	if (c->lineno == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		n -= 3;
	}
	if (n > 0 && s[n - 1] == '\r')
		n--;
	/* libinih would split a longer line and read the rest as a new one */
	if (n > (size_t)num - 1) {
		fail(c, c->lineno, NULL,
		    "line too long (%zu bytes, at most %d)", n, num - 1);
		return NULL;
	}
	if (memchr(s, '\0', n) != NULL) {
		fail(c, c->lineno, NULL, "NUL byte in line");
		return NULL;
	}
	if (svc_utf8_invalid(s, n) >= 0) {
		fail(c, c->lineno, NULL, "invalid UTF-8");
		return NULL;
	}
	while (n > 0 && is_space(*s)) {
		s++;
		n--;
	}
	memcpy(str, s, n);
	str[n] = '\0';
	if (classify(c, str) == -1)
		return NULL;
	return str;
}

static int
set_value(struct ctx *c, const struct keydef *k, const char *v)
{
	char *f = (char *)c->obj + k->off;
	int iv;

	switch (k->type) {
	case K_TEXT:
		if (k->nonempty && *v == '\0')
			return fail_key(c, k, "empty value");
		set_text((char **)(void *)f, v);
		break;
	case K_IGNORE:
		break;
	case K_NUM:
		if (parse_bounded(c, k, k->bound, v, (double *)(void *)f) == -1)
			return -1;
		break;
	case K_INT:
		if (parse_int(c, k, k->lo, v, (int *)(void *)f) == -1)
			return -1;
		break;
	case K_BOOL:
		if (parse_choice(c, k, bool_choices, v, &iv, "bad boolean")
		    == -1)
			return -1;
		*(int *)(void *)f = iv;
		break;
	case K_CHOICE:
		if (parse_choice(c, k, k->choices, v, &iv, "unknown value")
		    == -1)
			return -1;
		*(int *)(void *)f = iv;
		break;
	case K_SPECIAL:
		if (k->parse(c, k, c->obj, v) == -1)
			return -1;
		break;
	}
	if (k->has)
		*(int *)(void *)((char *)c->obj + k->has - 1) = 1;
	return 0;
}

static int
handler(void *user, const char *section, const char *name, const char *value)
{
	struct ctx *c = user;
	const struct keydef *k;
	size_t i;
	long cp;

	(void)section;		/* ours, from the reader, is never cut */
	if (c->failed)
		return 0;
	/* names, labels and actions reach terminals and mail */
	if ((cp = svc_text_control(name, 0)) >= 0) {
		fail(c, c->lineno, NULL, "control character U+%04lX not "
		    "allowed in a key", cp);
		return 0;
	}
	if (c->sd == NULL) {
		fail(c, c->lineno, name, "key outside any section");
		return 0;
	}
	if ((c->sd->keys == kind_keys || c->sd->keys == category_keys) &&
	    strncmp(name, "field.", 6) == 0) {
		if ((cp = svc_text_control(value, 0)) >= 0)
			fail(c, c->lineno, name, "control character U+%04lX "
			    "not allowed", cp);
		else if (c->sd->keys == kind_keys) {
			struct svc_kind *k = c->obj;

			parse_field(c, name, value, &k->fields, &k->nfields,
			    event_columns, "events");
		} else {
			struct svc_category *g = c->obj;

			parse_field(c, name, value, &g->fields, &g->nfields,
			    order_columns, "work orders");
		}
		return !c->failed;
	}
	for (k = c->sd->keys; k->name; k++)
		if (strcmp(k->name, name) == 0)
			break;
	if (k->name == NULL) {
		fail(c, c->lineno, name, "unknown key '%s' in [%s]", name,
		    c->sname);
		return 0;
	}
	i = (size_t)(k - c->sd->keys);
	if (c->seen[i] && !k->repeat) {
		fail(c, c->lineno, name, "duplicate key (first at line %ld)",
		    c->seen[i]);
		return 0;
	}
	c->seen[i] = c->lineno;
	if ((cp = svc_text_control(value, 0)) >= 0) {
		fail_key(c, k, "control character U+%04lX not allowed", cp);
		return 0;
	}
	return set_value(c, k, value) == 0;
}

/* ---- loading ---- */

static int
read_all(const char *path, char **buf, size_t *len, struct svc_err *e)
{
	FILE *fp;
	size_t cap = 4096, n = 0, r;
	char *b;
	int err;

	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "rb")) == NULL)
		return svc_err_sys(e, path, errno, "cannot open");
	b = svc_xmalloc(cap);
	errno = 0;
	for (;;) {
		if (n == cap)
			b = svc_xrealloc(b, cap *= 2);
		r = fread(b + n, 1, cap - n, fp);
		n += r;
		if (r == 0)
			break;
	}
	err = ferror(fp) ? (errno ? errno : EIO) : 0;
	if (fp != stdin)
		fclose(fp);
	if (err) {
		free(b);
		return svc_err_sys(e, path, err, "cannot read");
	}
	*buf = b;
	*len = n;
	return 0;
}

static void
fnv1a(const char *buf, size_t len, char out[17])
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)buf[i];
		h *= UINT64_C(0x100000001b3);
	}
	snprintf(out, 17, "%016" PRIx64, h);
}

/*
 * The value of term *w (NAME=VALUE) on field f: a good value of f, and
 * a number or money one rewritten in its canonical form, the form
 * events store it in (fields.h), so that size=1.50 matches an event's
 * 1.5. A time is left as written: its canonical form is in the
 * policy's zone, not yet in force while the policy loads.
 */
static int
limit_term_value(struct ctx *c, long line, const struct svc_field *f,
    char **w)
{
	const char *eq = strchr(*w, '=');
	struct svc_buf json = { 0 };
	struct svc_err e;
	int rc = 0;

	svc_buf_adds(&json, "");
	if (svc_field_value(f, eq + 1, &json, &e) < 0)
		rc = fail(c, line, "match", "'%s': %s", *w, e.msg);
	else if (f->type == SVC_FIELD_NUMBER || f->type == SVC_FIELD_MONEY) {
		/* a number's JSON is its canonical text */
		struct svc_buf b = { 0 };

		svc_buf_printf(&b, "%.*s=%s", (int)(eq - *w), *w, json.s);
		free(*w);
		*w = b.s;
	}
	svc_buf_release(&json);
	return rc;
}

/*
 * A limit's NAME=VALUE terms: NAME a field of the limit's kind, VALUE
 * one of its choices when it has choices; or customer=ID, the event's
 * customer (the customer list is the ledger's: the id is not checked
 * here).
 */
static int
limit_terms(struct ctx *c, const struct svc_limit *l)
{
	const struct svc_kind *k = svc_policy_kind(c->p, l->kind);
	long line = l->match_line ? l->match_line : l->line;

	for (size_t i = 0; k != NULL && i < l->nwords; i++) {
		const char *w = l->words[i], *eq = strchr(w, '=');
		const struct svc_field *f = NULL;
		int len;

		if (eq == NULL)
			continue;
		len = (int)(eq - w);
		if (len == 8 && strncmp(w, "customer", 8) == 0) {
			if (eq[1] == '\0')
				return fail(c, line, "match", "'%s': no customer "
				    "id after '='", w);
			continue;
		}
		for (size_t j = 0; j < k->nfields; j++)
			if (strlen(k->fields[j].name) == (size_t)len &&
			    strncmp(k->fields[j].name, w, (size_t)len) == 0)
				f = &k->fields[j];
		if (f == NULL)
			return fail(c, line, "match", "'%s': kind '%s' has no "
			    "field '%.*s' (a term names a field of the kind, or "
			    "customer)", w, l->kind, len, w);
		if (f->type == SVC_FIELD_CHOICE &&
		    !svc_names_has(&f->choices, eq + 1))
			return fail(c, line, "match", "'%s': '%s' is not one of "
			    "field '%s''s choices", w, eq + 1, f->name);
		if (limit_term_value(c, line, f, &l->words[i]) < 0)
			return -1;
	}
	return 0;
}

static int
resolve(struct ctx *c)
{
	const struct svc_kind *k;
	size_t i;

	for (i = 0; i < c->nrefs; i++) {
		const struct ref *r = &c->refs[i];

		if ((k = svc_policy_kind(c->p, r->code)) == NULL)
			return fail(c, r->line, r->key, "undefined kind '%s' "
			    "(no [kind.%s] section)", r->code, r->code);
		if (r->needs_value && k->value == SVC_VALUE_NONE)
			return fail(c, r->line, r->key, "kind '%s' takes no "
			    "value, so it cannot carry minutes", r->code);
	}
	for (i = 0; i < c->p->nlimits; i++)
		if (limit_terms(c, &c->p->limits[i]) < 0)
			return -1;
	/* again, the terms in canonical form: size=1.5 and size=1.50 */
	for (i = 0; i < c->p->nlimits; i++) {
		const struct svc_limit *l = &c->p->limits[i];

		if (limit_overlaps(c, l, l->match_line ? l->match_line :
		    l->line) < 0)
			return -1;
	}
	for (i = 0; i < c->p->ntargets; i++) {
		const struct svc_target *t = &c->p->targets[i];

		if (t->category_line != 0 &&
		    svc_policy_category(c->p, t->category) == NULL)
			return fail(c, t->category_line, "category",
			    "undefined category '%s' (no [category.%s] "
			    "section)", t->category, t->category);
	}
	/* where a day's work begins and ends is the organisation's to say,
	   never a default of ours */
	if (c->p->calendar.nhours == 0) {
		const struct svc_due *d = &c->p->orders.due;

		for (i = 0; d->workhours == 0 && i < c->p->ncategories; i++)
			d = &c->p->categories[i].due;
		if (d->workhours > 0)
			return fail(c, d->line, "due", "%d work hours count "
			    "working hours, but the policy has no [calendar] "
			    "hours (such as hours = 08:30-12:00, 13:30-17:30)",
			    d->workhours);
	}
	for (i = 0; i < c->p->nstars; i++) {
		const struct svc_star *s = &c->p->stars[i];
		size_t j;

		for (j = 0; j < c->p->nkinds; j++)
			if (c->p->kinds[j].counts_as == SVC_AS_NOMINATION)
				break;
		if (s->by_nomination && j == c->p->nkinds)
			return fail(c, s->line, "chosen_by", "[star.%s] is "
			    "chosen by nomination, but no kind counts_as "
			    "nomination", s->name);
	}
	return 0;
}

/*
 * A target whose metric no event or section of this policy can produce
 * would show "no data" (or 0 %) every period: said once, at load.
 */
static void
warn_unmeasurable(struct ctx *c)
{
	struct svc_policy *p = c->p;
	int revisit = 0, complaint = 0, by_revisit = 0;
	char field[SECTION_MAX + 3];
	struct svc_err *w;
	const char *why;
	size_t i;

	for (i = 0; i < p->nkinds; i++) {
		revisit |= p->kinds[i].counts_as == SVC_AS_REVISIT;
		complaint |= p->kinds[i].counts_as == SVC_AS_COMPLAINT;
		by_revisit |= p->kinds[i].counts_as == SVC_AS_COMPLAINT &&
		    p->kinds[i].handled_by == SVC_HANDLED_BY_REVISIT;
	}
	for (i = 0; i < p->ntargets; i++) {
		const char *m = p->targets[i].metric;

		why = NULL;
		if (strcmp(m, "satisfaction") == 0 && !revisit)
			why = "no kind counts as revisit";
		else if (strcmp(m, "complaint_handling") == 0 && !complaint)
			why = "no kind counts as complaint";
		else if (strcmp(m, "complaint_handling") == 0 && by_revisit &&
		    !revisit)
			why = "complaints are handled by revisits, and no kind "
			    "counts as revisit";
		else if (strcmp(m, "kpi") == 0 && p->nlimits == 0)
			why = "no [limit.*] section";
		else if (strcmp(m, "revisit_ontime") == 0 && p->nrevisits == 0)
			why = "no [revisit.*] section";
		else if (strcmp(m, "revisit_ontime") == 0 && !revisit)
			why = "no kind counts as revisit";
		else if (strcmp(m, "pressure_pass") == 0)
			why = "svc records no pressures";
		if (why == NULL)
			continue;
		snprintf(field, sizeof(field), "[target.%s]",
		    p->targets[i].name);
		w = GROW(p->warnings, p->nwarnings);
		svc_err_set(w, c->path, p->targets[i].line, field, "nothing in "
		    "the ledger can measure %s: %s", m, why);
		w->code = 0;
	}
}

struct svc_policy *
svc_policy_load(const char *path, struct svc_err *e)
{
	struct svc_policy *p;
	struct ctx c;
	char *buf = NULL;
	size_t len = 0, i;
	int r;

	if (read_all(path, &buf, &len, e) == -1)
		return NULL;
	p = svc_xcalloc(1, sizeof(*p));
	p->path = svc_xstrdup(path);
	fnv1a(buf, len, p->hash);
	p->name = svc_xstrdup("");
	p->timezone = svc_xstrdup("");
	p->period = SVC_PERIOD_MONTH;
	p->base = 100;
	p->posting.contact = svc_xstrdup("");
	p->posting.pay_after_months = 1;
	p->posting.withdraw_on_complaint = 1;

	memset(&c, 0, sizeof(c));
	c.p = p;
	c.e = e;
	c.path = path;
	c.buf = buf;
	c.len = len;

	r = ini_parse_stream(reader, &c, handler, &c);
	if (r > 0 && (!c.failed || r < c.fail_at))
		fail(&c, r, NULL, "syntax error");
	else if (r < 0 && !c.failed)
		fail(&c, 0, NULL, "cannot parse (error %d)", r);
	if (!c.failed)
		section_end(&c);
	if (!c.failed && !c.have_policy)
		fail(&c, 0, "[policy]", "required section missing");
	if (!c.failed)
		for (i = 0; i < p->nkinds; i++)
			svc_index_put(&p->kind_index, p->kinds[i].code, i);
	if (!c.failed)
		resolve(&c);
	if (!c.failed)
		warn_unmeasurable(&c);

	for (i = 0; i < c.nsections; i++)
		free(c.sections[i].name);
	free(c.sections);
	free(c.refs);
	free(buf);
	if (c.failed) {
		svc_policy_free(p);
		return NULL;
	}
	return p;
}

static void
names_free(struct svc_names *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

void
svc_policy_free(struct svc_policy *p)
{
	size_t i, j;

	if (p == NULL)
		return;
	free(p->path);
	free(p->name);
	free(p->timezone);
	names_free(&p->channels);
	for (i = 0; i < p->nkinds; i++) {
		free(p->kinds[i].code);
		free(p->kinds[i].label);
		names_free(&p->kinds[i].positions);
		for (j = 0; j < p->kinds[i].nfields; j++) {
			free(p->kinds[i].fields[j].name);
			names_free(&p->kinds[i].fields[j].choices);
		}
		free(p->kinds[i].fields);
		for (j = 0; j < p->kinds[i].nalerts; j++)
			free(p->kinds[i].alerts[j].field);
		free(p->kinds[i].alerts);
	}
	free(p->kinds);
	for (i = 0; i < p->ntiers; i++) {
		free(p->tiers[i].name);
		free(p->tiers[i].badge);
		free(p->tiers[i].action);
	}
	free(p->tiers);
	for (i = 0; i < p->nstars; i++) {
		free(p->stars[i].name);
		free(p->stars[i].action);
		names_free(&p->stars[i].positions);
		names_free(&p->stars[i].nominated_by);
		names_free(&p->stars[i].units);
	}
	free(p->stars);
	for (i = 0; i < p->nworsts; i++) {
		free(p->worsts[i].name);
		for (j = 0; j < p->worsts[i].nkinds; j++)
			free(p->worsts[i].kinds[j]);
		free(p->worsts[i].kinds);
		free(p->worsts[i].action);
		free(p->worsts[i].dismiss_action);
	}
	free(p->worsts);
	free(p->posting.contact);
	for (i = 0; i < p->ntargets; i++) {
		free(p->targets[i].name);
		free(p->targets[i].label);
		free(p->targets[i].metric);
		free(p->targets[i].unit);
		for (j = 0; j < p->targets[i].nunits; j++)
			free(p->targets[i].units[j]);
		free(p->targets[i].units);
		free(p->targets[i].category);
	}
	free(p->targets);
	for (i = 0; i < p->ncategories; i++) {
		free(p->categories[i].code);
		free(p->categories[i].label);
		for (j = 0; j < p->categories[i].nfields; j++) {
			free(p->categories[i].fields[j].name);
			names_free(&p->categories[i].fields[j].choices);
		}
		free(p->categories[i].fields);
	}
	free(p->categories);
	for (i = 0; i < p->nrevisits; i++) {
		free(p->revisits[i].tier);
		free(p->revisits[i].label);
		free(p->revisits[i].by);
		free(p->revisits[i].supervisor_by);
		free(p->revisits[i].head_by);
	}
	free(p->revisits);
	svc_cal_free(&p->calendar);
	for (i = 0; i < p->greetings.nfestivals; i++)
		free(p->greetings.festivals[i].name);
	free(p->greetings.festivals);
	names_free(&p->greetings.tiers);
	for (i = 0; i < p->nlimits; i++) {
		free(p->limits[i].name);
		free(p->limits[i].label);
		free(p->limits[i].kind);
		for (j = 0; j < p->limits[i].nwords; j++)
			free(p->limits[i].words[j]);
		free(p->limits[i].words);
		free(p->limits[i].breach);
	}
	free(p->limits);
	for (i = 0; i < p->nschedules; i++) {
		free(p->schedules[i].name);
		free(p->schedules[i].label);
		names_free(&p->schedules[i].kinds);
		names_free(&p->schedules[i].units);
		names_free(&p->schedules[i].positions);
	}
	free(p->schedules);
	svc_index_free(&p->kind_index);
	free(p->warnings);
	free(p);
}

void
svc_policy_apply_zone(const struct svc_policy *p)
{
	if (p == NULL || *p->timezone == '\0')
		return;
	svc_xsetenv("TZ", p->timezone);
	tzset();
}

/* ---- lookups ---- */

const struct svc_category *
svc_policy_category(const struct svc_policy *p, const char *code)
{
	for (size_t i = 0; p != NULL && code != NULL && i < p->ncategories;
	    i++)
		if (strcmp(p->categories[i].code, code) == 0)
			return &p->categories[i];
	return NULL;
}

const struct svc_kind *
svc_policy_kind(const struct svc_policy *p, const char *code)
{
	size_t i;

	if (p == NULL || code == NULL)
		return NULL;
	if (p->kind_index.n > 0) {
		i = svc_index_get(&p->kind_index, code);
		return i ? &p->kinds[i - 1] : NULL;
	}
	for (i = 0; i < p->nkinds; i++)
		if (strcmp(p->kinds[i].code, code) == 0)
			return &p->kinds[i];
	return NULL;
}

int
svc_names_has(const struct svc_names *l, const char *name)
{
	for (size_t i = 0; name != NULL && i < l->n; i++)
		if (strcmp(l->v[i], name) == 0)
			return 1;
	return 0;
}

int
svc_policy_kind_on_sheet(const struct svc_kind *k, const char *staff,
    const char *position, struct svc_err *e)
{
	struct svc_buf on = { 0 }, what = { 0 };

	if (k->positions.n == 0 || svc_names_has(&k->positions, position))
		return 0;
	for (size_t i = 0; i < k->positions.n; i++)
		svc_buf_printf(&on, "%s%s", i ? ", " : "", k->positions.v[i]);
	svc_buf_printf(&what, "%s%s%s%s", k->code, *k->label ? " (" : "",
	    k->label, *k->label ? ")" : "");
	if (position != NULL && *position != '\0')
		svc_err_set(e, NULL, 0, "kind", "%s is not on the %s sheet "
		    "(only %s)", what.s, position, on.s);
	else
		svc_err_set(e, NULL, 0, "kind", "%s is not on the sheet of "
		    "'%s', who has no position (only %s)", what.s, staff,
		    on.s);
	svc_buf_release(&on);
	svc_buf_release(&what);
	return -1;
}

const struct svc_tier *
svc_policy_tier(const struct svc_policy *p, double score)
{
	const struct svc_tier *t;
	size_t i;

	for (i = 0; i < p->ntiers; i++) {
		t = &p->tiers[i];
		if (t->has_min && !(score >= t->min))
			continue;
		if (t->has_max && !(score < t->max))
			continue;
		/* a hand-built tier without bounds must not catch NaN */
		if (!t->has_min && !t->has_max)
			continue;
		return t;
	}
	return NULL;
}

int
svc_kind_satisfied(const struct svc_kind *k, double v)
{
	return k->has_satisfied_min ? v >= k->satisfied_min :
	    v > k->dissatisfied_max;
}

const struct svc_revisit *
svc_policy_revisit(const struct svc_policy *p, const char *tier)
{
	size_t i;

	if (tier == NULL)
		return NULL;
	for (i = 0; i < p->nrevisits; i++)
		if (strcmp(p->revisits[i].tier, tier) == 0)
			return &p->revisits[i];
	return NULL;
}

const char *
svc_counts_as_name(enum svc_counts_as c)
{
	const struct choice *ch;

	for (ch = counts_choices; ch->name; ch++)
		if (ch->val == (int)c)
			return ch->name;
	return "none";
}

int
svc_policy_value(const struct svc_kind *k, const char *value, double *v,
    struct svc_err *e)
{
	char a[32], b[32];

	*v = 0;
	if (value == NULL || *value == '\0') {
		if (k->value == SVC_VALUE_REQUIRED)
			return svc_err_set(e, NULL, 0, NULL,
			    "kind '%s' requires a value", k->code);
		return 0;
	}
	if (k->value == SVC_VALUE_NONE)
		return svc_err_set(e, NULL, 0, NULL,
		    "kind '%s' takes no value, got '%s'", k->code, value);
	if (svc_parse_num(value, v) == -1)
		return svc_err_set(e, NULL, 0, NULL, "bad number '%s'", value);
	if (fabs(*v) > SVC_NUM_MAX)
		return svc_err_set(e, NULL, 0, NULL, "value '%s' out of range "
		    "(expected -" SVC_NUM_MAX_TEXT " to " SVC_NUM_MAX_TEXT ")",
		    value);
	if (k->has_value_min && *v < k->value_min)
		return svc_err_set(e, NULL, 0, NULL,
		    "value %s below the minimum %s", svc_fmt_num(*v, a),
		    svc_fmt_num(k->value_min, b));
	if (k->has_value_max && *v > k->value_max)
		return svc_err_set(e, NULL, 0, NULL,
		    "value %s above the maximum %s", svc_fmt_num(*v, a),
		    svc_fmt_num(k->value_max, b));
	return 0;
}

int
svc_policy_check_value(const struct svc_kind *k, const char *value,
    struct svc_err *e)
{
	double v;

	return svc_policy_value(k, value, &v, e);
}

int
svc_kind_code_valid(const char *code)
{
	const char *s;

	if (code == NULL ||
	    !((*code >= 'a' && *code <= 'z') || (*code >= '0' && *code <= '9')))
		return 0;
	for (s = code + 1; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '.' || *s == '_' || *s == '-'))
			return 0;
	return 1;
}

int
svc_kind_code_reserved(const char *code)
{
	return code != NULL && (strcmp(code, "void") == 0 ||
	    strncmp(code, "order.", 6) == 0);
}

const char *
svc_policy_kind_near(const struct svc_policy *p, const char *code)
{
	struct svc_suggest sg;

	svc_suggest_init(&sg, code);
	for (size_t i = 0; i < p->nkinds; i++)
		svc_suggest_offer(&sg, p->kinds[i].code);
	return sg.best;
}
