/*
 * policy: a quality scheme as data, read from an INI file (see
 * svc-policy(5) for the format and every key's meaning).
 *
 * Loading validates everything: an unknown section or key, a duplicated
 * section or key, a bad number or choice, a tier without bounds, a
 * reference to a kind that is not defined: each is an error naming
 * FILE:LINE and the key. Entries keep file order, which is meaningful for
 * tiers (the first match wins).
 */
#ifndef SVC_POLICY_H
#define SVC_POLICY_H

#include <stddef.h>

#include "calendar.h"
#include "err.h"
#include "index.h"
#include "period.h"

/* What an event of a kind counts as, for the complaint/praise columns and
 * for rules that look at classes of kinds. */
enum svc_counts_as {
	SVC_AS_NONE = 0,	/* "none" (the default) */
	SVC_AS_COMPLAINT,	/* "complaint" */
	SVC_AS_PRAISE,		/* "praise" */
	SVC_AS_ASSESSMENT,	/* "assessment": value is a score */
	SVC_AS_DEDUCTION,	/* "deduction" */
	SVC_AS_BONUS,		/* "bonus" */
	SVC_AS_CONTACT,		/* "contact": visits, calls, letters */
	SVC_AS_REVISIT,		/* "revisit": value is satisfaction 1-5 */
	SVC_AS_OPERATION,	/* "operation": value is minutes taken */
	SVC_AS_NOMINATION	/* "nomination": puts its staff up for a star
				   chosen by nomination */
};

/* What handles a complaint (handled_by): a satisfied revisit of its
 * customer after it, or the closing of a work order of its customer. */
enum svc_handled_by {
	SVC_HANDLED_BY_REVISIT = 0,
	SVC_HANDLED_BY_ORDER
};

enum svc_points_mode {
	SVC_POINTS_FIXED = 0,	/* points = -5 */
	SVC_POINTS_VALUE,	/* points = value: the event's value */
	SVC_POINTS_NEG_VALUE	/* points = -value */
};

enum svc_escalation {
	SVC_FLAT = 0,		/* every occurrence costs points */
	SVC_PROGRESSIVE		/* the k-th application costs k * points */
};

enum svc_value_rule {
	SVC_VALUE_OPTIONAL = 0,	/* value = optional */
	SVC_VALUE_REQUIRED,	/* value = required */
	SVC_VALUE_NONE		/* value = none: an event must not carry one */
};

/* Names from a list value ("仓储作业员, 上下架员"); n == 0: none given. */
struct svc_names {
	char **v;
	size_t n;
};

/* Nonzero if name is in l. */
int svc_names_has(const struct svc_names *l, const char *name);

/*
 * A field a kind declares ([kind.CODE] field.NAME = TYPE ...): a named
 * value an event of the kind carries beside its value and note, checked
 * at entry by svc_field_check (fields.h) and stored with the event.
 */
enum svc_field_type {
	SVC_FIELD_TEXT,		/* "text": any text on one line */
	SVC_FIELD_NUMBER,	/* "number [MIN..MAX]" */
	SVC_FIELD_MONEY,	/* "money": yuan, >= 0, to the fen */
	SVC_FIELD_CHOICE,	/* "choice A, B, C": one of choices */
	SVC_FIELD_STAFF,	/* "staff": a staff id of the roster */
	SVC_FIELD_CUSTOMER,	/* "customer": an id of the customer list */
	SVC_FIELD_DATE,		/* "date": YYYY-MM-DD */
	SVC_FIELD_TIME		/* "time": a timestamp, as an event's ts */
};

struct svc_field {
	char *name;		/* NAME: also its CSV column */
	long line;
	enum svc_field_type type;
	int has_range;		/* number: MIN..MAX given */
	double min, max;	/* inclusive */
	struct svc_names choices;	/* choice: in the policy's order */
	int required;		/* an event of the kind must carry it */
};

/* What an event's value is, for a kind with fields (value_from). */
enum svc_value_from {
	SVC_VALUE_GIVEN = 0,	/* the value given, as without fields */
	SVC_VALUE_SUM,		/* "sum": of its number and money fields */
	SVC_VALUE_MEAN		/* "mean": of those the event carries */
};

/* Names of the field types as written in the policy ("number", ...). */
const char *svc_field_type_name(enum svc_field_type t);

/*
 * An alert on a kind (alert = FIELD OP NUMBER, e.g. temperature >= 37.3):
 * an event whose number or money field FIELD compares so with the
 * threshold meets it, and the kind's register (register.h) lists it.
 */
enum svc_alert_op { SVC_ALERT_GE, SVC_ALERT_GT, SVC_ALERT_LE, SVC_ALERT_LT };

struct svc_alert {
	char *field;		/* a number or money field of the kind */
	long line;
	enum svc_alert_op op;
	double threshold;
};

/* ">=", ">", "<=" or "<". */
const char *svc_alert_op_name(enum svc_alert_op op);

/* Nonzero if value v of a's field meets a. */
int svc_alert_met(const struct svc_alert *a, double v);

/* A joint penalty on someone above the employee. */
struct svc_joint {
	int on;			/* configured at all */
	double points;		/* negative: a charge */
	int from;		/* from the employee's n-th occurrence (>= 1) */
	enum svc_escalation escalation;	/* k counts from that n-th one */
};

struct svc_kind {
	char *code;		/* [kind.CODE], e.g. "complaint.verified" */
	char *label;		/* "" when not given */
	long line;		/* line of the section header */
	enum svc_counts_as counts_as;
	enum svc_points_mode points_mode;
	double points;		/* for SVC_POINTS_FIXED; 0 by default */
	enum svc_escalation escalation;
	struct svc_joint supervisor, leader;
	int disqualify;		/* any occurrence disqualifies */
	double disqualify_total;	/* > 0: a window's sum of values at or
					   above it disqualifies */
	enum svc_period_kind disqualify_window;	/* MONTH by default */
	enum svc_value_rule value;
	int has_value_min, has_value_max;
	double value_min, value_max;	/* inclusive bounds on value */
	double dissatisfied_max;	/* revisit: value <= this is dissatisfied
					   (default 2) */
	int has_satisfied_min;
	double satisfied_min;	/* revisit: value >= this is satisfied
				   (default: above dissatisfied_max) */
	int follow_up;		/* revisit: a dissatisfied one opens an order */
	enum svc_handled_by handled_by;	/* complaint: what handles it */
	struct svc_names positions;	/* the positions whose sheet it is
					   on; none: every position */
	struct svc_field *fields;	/* in file order */
	size_t nfields;
	enum svc_value_from value_from;	/* sum or mean: the value is
					   computed from the fields */
	struct svc_alert *alerts;	/* in file order */
	size_t nalerts;
};

/* The field name of kind k, or NULL. Borrowed from k. */
const struct svc_field *svc_kind_field(const struct svc_kind *k,
    const char *name);

/* The field name of fields[0..n), or NULL. Borrowed. */
const struct svc_field *svc_field_find(const struct svc_field *fields,
    size_t n, const char *name);

/*
 * A work order's due time after its opening ([orders] due, [category.CODE]
 * due): hours, working days (the same time on the N-th working day) or
 * working hours (the calendar's hours, svc_cal_add_work); at most one is
 * set, all 0 = none.
 */
struct svc_due {
	int hours;
	int workdays;
	int workhours;
	long line;		/* of the due key; 0 when none */
};

/*
 * A category of work orders ([category.CODE]): orders of it (svc-log
 * order open --category CODE) carry the fields it declares, as events of
 * a kind do, and may be due by a time of their own. A claim (理赔案件)
 * is an order of category "claim" with a money field, its amount.
 */
struct svc_category {
	char *code;		/* [category.CODE], e.g. "claim" */
	char *label;		/* "" when not given */
	long line;		/* of the section header */
	struct svc_field *fields;	/* in file order */
	size_t nfields;
	/* notify_above: an order whose money field (the category's only
	   one) is above it must be marked notified (svc-log order notify)
	   on the local day it was opened */
	int has_notify_above;
	double notify_above;
	struct svc_due due;	/* as [orders] due; none: the [orders] one */
};

/* The money field of category c that notify_above compares, or NULL
 * when c has no notify_above. Borrowed from c. */
const struct svc_field *svc_category_amount(const struct svc_category *c);

struct svc_tier {
	char *name;		/* [tier.NAME] */
	long line;
	int has_min, has_max;	/* at least one is set */
	double min, max;	/* min inclusive, max exclusive */
	double amount;		/* money; 0 when none */
	char *badge;		/* "" when none */
	char *action;		/* "" when none; applies even if ineligible */
};

enum svc_group_by {
	SVC_GROUP_ALL = 0, SVC_GROUP_UNIT, SVC_GROUP_DEPT, SVC_GROUP_POSITION
};

struct svc_star {
	char *name;		/* [star.NAME] */
	long line;
	enum svc_group_by group_by;
	double amount;
	char *action;		/* "" when none */
	int consecutive_multiply;	/* consecutive = multiply (else none) */
	enum svc_period_kind period;	/* NONE: the policy's period */
	int no_complaint;	/* require no complaint (default 1) */
	int has_min_score;
	double min_score;
	struct svc_names positions;	/* competing positions; none: all */
	int by_nomination;	/* chosen_by = nomination */
	struct svc_names nominated_by;	/* positions that nominate, never win */
	struct svc_names units;	/* only staff of these units compete;
				   none: staff of any unit */
};

struct svc_worst {
	char *name;		/* [worst.NAME] */
	long line;
	int threshold;		/* complaints in the period (>= 1) */
	char **kinds;		/* codes counted; nkinds 0 = every kind that
				   counts_as complaint */
	size_t nkinds;
	double fine;		/* >= 0; 0 when none */
	char *action;		/* "" when none */
	int dismiss_after;	/* n-th rating dismisses; 0 = never */
	int dismiss_within;	/* months of history looked at; 0 = all */
	char *dismiss_action;	/* default "dismissal" */
};

struct svc_posting {
	int days;		/* length of the posting; 0 = no posting */
	int months;		/* or calendar months (> 0), instead of days */
	char *contact;		/* objection phone or address; "" if none */
	int pay_after_months;	/* payable this many months after the posting
				   ends (1: "the month after") */
	int withdraw_on_complaint;	/* default 1 */
	int approval;		/* saved awards wait, proposed, for
				   svc-award approve; the posting starts
				   then */
};

struct svc_target {
	char *name;		/* [target.NAME] */
	long line;
	char *label;
	char *metric;		/* one of svc_policy_metrics */
	int has_min, has_max;
	double min, max;
	char *unit;		/* "%" or "" */
	char **units;		/* window_score: the roster units judged;
				   nunits 0 = every unit */
	size_t nunits;
	char *category;		/* closure_rate: only work orders of this
				   [category.CODE]; "" = every order */
	long category_line;	/* of the category key; 0 when not given */
};

struct svc_revisit {
	char *tier;		/* [revisit.TIER]: a customer tier */
	long line;
	char *label;
	int every;		/* days between revisits (> 0) */
	int supervisor_every;	/* days, 0 = not required */
	int head_every;		/* days, 0 = not required */
	/* each cadence above counts working days (svc_policy's calendar)
	   instead of calendar days */
	int every_workdays, supervisor_every_workdays, head_every_workdays;
	/*
	 * The position owing each cadence (by, supervisor_by, head_by):
	 * any holder of it fulfils it. Either all three are "" (each
	 * cadence served through the owner's roster chain) or every
	 * cadence set names a position, no two the same.
	 */
	char *by, *supervisor_by, *head_by;
};

enum svc_limit_charge {
	SVC_CHARGE_NONE,	/* a breach is counted, charged to no one */
	SVC_CHARGE_STAFF	/* the logging staff member gets breach */
};

struct svc_limit {
	char *name;		/* [limit.NAME] */
	long line;
	char *label;
	char *kind;		/* a defined kind whose value is minutes */
	double minutes;		/* > 0 */
	char **words;		/* match split at commas: an event matches
				   when its note contains every word and
				   its fields hold every NAME=VALUE term
				   (a term with '='); none: every event of
				   the kind */
	size_t nwords;
	long match_line;	/* of match; 0 when not given */
	enum svc_limit_charge charge;	/* STAFF exactly when breach is set */
	char *breach;		/* "" or a defined kind charged on a breach */
};

/*
 * A checklist on a schedule ([schedule.NAME]): times entries of its
 * kinds owed in every window of a day, an ISO week or a month, by each
 * of its units, or by its positions together when it names no unit
 * (schedule.h judges them).
 */
struct svc_schedule {
	char *name;		/* [schedule.NAME] */
	long line;
	char *label;		/* "" when not given */
	struct svc_names kinds;	/* defined kinds whose events are entries */
	int times;		/* entries owed per window (>= 1) */
	enum svc_period_kind per;	/* DAY, WEEK or MONTH */
	struct svc_names units;	/* roster units, each owing its own
				   checklist; none: one, owed by positions */
	struct svc_names positions;	/* only holders of these count;
					   none: anyone of the unit */
	int workdays;		/* days = workdays: a window without a
				   working day (the [calendar]) owes
				   nothing */
	int anyone;		/* done_by = anyone: an entry by anyone
				   counts for the owner (at most one unit) */
	long long from;		/* from = DATE, a day number (period.h):
				   windows wholly before it owe nothing;
				   0 when not given */
};

/*
 * [reminders]: the festivals (重要传统节日) on which customers of some
 * tiers are greeted (送去惊喜), each on its date of the year it is given
 * for, since the traditional ones move with the lunar calendar.
 */
struct svc_festival {
	long long day;		/* period.h's day number */
	char *name;		/* "春节" */
	long line;
};

struct svc_greetings {
	long line;		/* of [reminders]; 0 when none */
	struct svc_festival *festivals;	/* in file order, none twice */
	size_t nfestivals;
	struct svc_names tiers;	/* festival_tiers: customer tiers greeted */
	long tiers_line;
};

struct svc_orders {
	struct svc_due due;	/* default due of a work order */
	long line;		/* of the [orders] header; 0 when none */
};

struct svc_policy {
	char *path;
	char hash[17];		/* FNV-1a 64 of the file bytes, hex */
	char *name;		/* [policy] name, required */
	char *timezone;		/* [policy] timezone: "Asia/Shanghai", or ""
				   for TZ (see svc_policy_apply_zone) */
	enum svc_period_kind period;	/* default MONTH */
	int base_mean;		/* base = mean (of assessment values) */
	double base;		/* otherwise a fixed base, default 100 */
	int has_floor, has_cap;
	double floor, cap;
	struct svc_names channels;	/* [policy] channels: the codes an
					   event's channel may be; none: any */

	struct svc_kind *kinds;
	size_t nkinds;
	struct svc_tier *tiers;
	size_t ntiers;
	struct svc_star *stars;
	size_t nstars;
	struct svc_worst *worsts;
	size_t nworsts;
	struct svc_target *targets;
	size_t ntargets;
	struct svc_revisit *revisits;
	size_t nrevisits;
	struct svc_limit *limits;
	size_t nlimits;
	struct svc_schedule *schedules;
	size_t nschedules;
	struct svc_category *categories;
	size_t ncategories;
	struct svc_posting posting;
	struct svc_orders orders;
	struct svc_calendar calendar;	/* [calendar]; calendar.on 0 when
					   none: weekends only are off */
	struct svc_greetings greetings;	/* [reminders] */

	/* Problems that do not stop the load, in file order: a target that
	 * nothing in the ledger can measure. e->code is 0. */
	struct svc_err *warnings;
	size_t nwarnings;

	/*
	 * Private to policy.c: kinds[] by code, so that svc_policy_kind
	 * (called once per event) is a hash lookup. A policy built by hand
	 * (tests) leaves it empty and gets a linear scan.
	 */
	struct svc_index kind_index;
};

/* NULL-terminated names of the metrics a target may name. */
extern const char *const svc_policy_metrics[];

/*
 * Loads and validates the policy file at path ("-" is standard input).
 * Returns a policy the caller frees with svc_policy_free, or NULL with e
 * naming file, line and key (e->field is the key, or "[section]" for a
 * problem with a whole section, or "" for a syntax error). The first error
 * in file order stops the load. Every text field of the result is
 * non-NULL ("" when not given). What is valid but cannot work (a target
 * no kind or section lets the ledger measure) is in p->warnings, for the
 * caller to show.
 */
struct svc_policy *svc_policy_load(const char *path, struct svc_err *e);

void svc_policy_free(struct svc_policy *p);

/*
 * Makes p's time zone the process's local time (setenv TZ, tzset), so that
 * every period, date and offset-less timestamp parsed or shown afterwards
 * is in it, whatever TZ was; a policy naming none (or p NULL) leaves TZ
 * alone. Tools call it right after loading the policy, before they parse
 * --period, --as-of or timestamps. The zone was checked at load.
 */
void svc_policy_apply_zone(const struct svc_policy *p);

/* The kind with that code, or NULL. Borrowed from p. */
const struct svc_kind *svc_policy_kind(const struct svc_policy *p,
    const char *code);

/* The work-order category with that code, or NULL. Borrowed from p. */
const struct svc_category *svc_policy_category(const struct svc_policy *p,
    const char *code);

/* For a code not in p, the kind code closest to it (svc_suggest_offer,
 * in the policy's order), or NULL when none is close. Borrowed from p. */
const char *svc_policy_kind_near(const struct svc_policy *p,
    const char *code);

/*
 * Whether an event of kind k may be about a staff member (id staff) of
 * the given position: 0 when k is on that position's sheet (or on every
 * sheet), else -1 with e->msg saying which sheets k is on and e->field
 * "kind" (file and line left to the caller).
 */
int svc_policy_kind_on_sheet(const struct svc_kind *k, const char *staff,
    const char *position, struct svc_err *e);

/* The first tier in file order whose bounds contain score, or NULL. */
const struct svc_tier *svc_policy_tier(const struct svc_policy *p,
    double score);

/* Nonzero if value v of revisit kind k counts as satisfied. */
int svc_kind_satisfied(const struct svc_kind *k, double v);

/* The revisit cadence for a customer tier, or NULL. */
const struct svc_revisit *svc_policy_revisit(const struct svc_policy *p,
    const char *tier);

/* Names of the enums as written in the file ("complaint", ...). */
const char *svc_counts_as_name(enum svc_counts_as c);

/*
 * Checks an event's value against its kind: "" is no value. Returns 0, or
 * -1 with e->msg saying why (field and place left for the caller).
 */
int svc_policy_check_value(const struct svc_kind *k, const char *value,
    struct svc_err *e);

/* As svc_policy_check_value, and sets *v to the value's number (0 when
 * there is none), for callers that use it: the value is parsed once. */
int svc_policy_value(const struct svc_kind *k, const char *value, double *v,
    struct svc_err *e);

/* Nonzero if code is a well-formed kind code: [a-z0-9][a-z0-9._-]*. */
int svc_kind_code_valid(const char *code);

/*
 * Nonzero if code is reserved for the ledger's own events: "void" (a
 * voiding event) and "order.*" (work order transitions). A policy may not
 * define them; they are never looked up in a policy.
 */
int svc_kind_code_reserved(const char *code);

#endif
