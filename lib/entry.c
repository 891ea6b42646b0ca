#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <editline/readline.h>

#include "db.h"
#include "entry.h"
#include "fields.h"
#include "kpi.h"
#include "ledger.h"
#include "order.h"
#include "period.h"
#include "policy.h"
#include "util.h"

/* The fields a clerk types, in the order they are asked; named as the
 * ledger names them in its refusals, and asked as prompts[]. */
enum field { F_KIND, F_STAFF, F_TS, F_VALUE, F_CHANNEL, F_CUSTOMER, F_NOTE,
	NFIELDS };
static const char *const field_names[NFIELDS] = {
	"kind", "staff", "ts", "value", "channel", "customer", "note"
};
static const char *const prompts[NFIELDS] = {
	"kind", "staff", "time", "value", "channel", "customer", "note"
};

struct session {
	struct svc_db *db;
	struct svc_policy *policy;
	struct svc_ledger *ledger;
	char *ans[NFIELDS];	/* the event being typed; "" when empty (the
				   time: now), the time as ISO 8601 */
	const char **kinds, **staff;	/* completion words, borrowed */
	size_t nkinds, nstaff;
	const char **channels;	/* the policy's, borrowed */
	size_t nchannels;
	struct svc_customer *cust;	/* every customer, for completion */
	const char **custw;	/* their ids and names, pairs */
	size_t ncust, capcust;
	const char *late;	/* --late's reason, NULL: none */
	long saved;
	long long id;		/* the event being saved */
	long long batch;	/* 0 until the first save */
	int colour;
	/* the answers for the fields of kind fkind (policy.h), "" when
	   none; asked after the note */
	const struct svc_kind *fkind;
	char **fans;
	struct svc_fieldval *fv;	/* event_in's, from fans */
};

/*
 * readline's completion callbacks take no argument, so the words of the
 * prompt being answered have to live here.
 */
static const char **comp_words;
static size_t comp_nwords;
static int comp_pairs;		/* comp_words are ids and names */

static char *
comp_next(const char *text, int state)
{
	static size_t i, len;

	if (state == 0) {
		i = 0;
		len = strlen(text);
	}
	while (i < comp_nwords) {
		const char *w = comp_words[i++];

		/* libedit frees what we return with free() */
		if (strncmp(w, text, len) == 0)
			return svc_xstrdup(w);
	}
	return NULL;
}

/*
 * Staff and customer completion: comp_words are id, name pairs. libedit
 * inserts matches[0] and lists matches[1..] (sorted) without a hook to
 * show them otherwise, so matches[0] is what readline would insert (the
 * common prefix of the ids and names that match) and the list is one
 * entry per person, "P003  张三", the ids padded to one width so the
 * names line up.
 * libedit lays the list out in columns by bytes, which CJK names would
 * misalign: every entry is padded with blanks to half the screen, so that
 * it is one column.
 */
static char **
comp_staff(const char *text)
{
	size_t len = strlen(text), n = 0, lcd = 0, idw = 0, k = 1, pad;
	const char *first = NULL, *one = NULL;
	int rows, cols;
	char **m;

	for (size_t i = 0; i + 1 < comp_nwords; i += 2) {
		const char *w[2] = { comp_words[i], comp_words[i + 1] };
		int hit = 0;

		for (int j = 0; j < 2; j++) {
			size_t c = 0;

			if (strncmp(w[j], text, len) != 0)
				continue;
			if (!hit++ && n++ == 0)
				one = w[j];
			if (first == NULL) {
				first = w[j];
				lcd = strlen(w[j]);
				continue;
			}
			while (c < lcd && first[c] == w[j][c])
				c++;
			lcd = c;
		}
		if (hit && strlen(w[0]) > idw)
			idw = strlen(w[0]);
	}
	if (n == 0)
		return NULL;
	m = svc_xcalloc(n + 2, sizeof(*m));
	if (n == 1) {
		m[0] = svc_xstrdup(one);
		return m;
	}
	/* not in the middle of a character */
	while (lcd > len && ((unsigned char)first[lcd] & 0xc0) == 0x80)
		lcd--;
	m[0] = svc_xstrndup(first, lcd);
	rl_get_screen_size(&rows, &cols);
	pad = cols > 0 ? (size_t)cols / 2 : 40;
	for (size_t i = 0; i + 1 < comp_nwords; i += 2) {
		const char *id = comp_words[i], *name = comp_words[i + 1];
		struct svc_buf b = { 0 };

		if (strncmp(id, text, len) != 0 &&
		    strncmp(name, text, len) != 0)
			continue;
		svc_buf_printf(&b, "%-*s  %s", (int)idw, id, name);
		while (b.len < pad)
			svc_buf_adds(&b, " ");
		m[k++] = b.s;
	}
	return m;
}

static char **
comp(const char *text, int start, int end)
{
	(void)start;
	(void)end;
	/* Else libedit falls back to file names, which mean nothing here. */
	rl_attempted_completion_over = 1;
	if (comp_nwords == 0)
		return NULL;
	if (comp_pairs)
		return comp_staff(text);
	return rl_completion_matches(text, comp_next);
}

static void say(const struct session *, const char *, ...)
    __attribute__((format(printf, 2, 3)));

/* Refusals stand out in red, under the suite's colour rules. */
static void
say(const struct session *s, const char *fmt, ...)
{
	va_list ap;

	fputs(s->colour ? "  \033[31m! " : "  ! ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputs(s->colour ? "\033[0m\n" : "\n", stdout);
}

/*
 * Reads a line with the given completion words, trimmed of blanks at both
 * ends. Returns it (caller frees), or NULL at end of input.
 */
static char *
input(const char *prompt, const char **words, size_t nwords)
{
	char *line, *p, *end;

	fflush(stdout);
	comp_words = words;
	comp_nwords = nwords;
	line = readline(prompt);
	comp_nwords = 0;
	if (line == NULL) {
		putchar('\n');	/* ^D leaves the cursor on the prompt */
		return NULL;
	}
	p = line + strspn(line, " \t");
	for (end = p + strlen(p); end > p && strchr(" \t", end[-1]); end--)
		;
	memmove(line, p, end - p);
	line[end - p] = '\0';
	if (*line != '\0')
		add_history(line);
	return line;
}

static const struct svc_kind *
kind_of(const struct session *s)
{
	return svc_policy_kind(s->policy, s->ans[F_KIND]);
}

static struct svc_event_in
event_in(const struct session *s)
{
	struct svc_event_in in = { .kind = s->ans[F_KIND],
	    .staff = s->ans[F_STAFF], .ts = s->ans[F_TS],
	    .value = s->ans[F_VALUE], .channel = s->ans[F_CHANNEL],
	    .customer = s->ans[F_CUSTOMER], .note = s->ans[F_NOTE],
	    .fv = s->fv };

	for (size_t i = 0; s->fkind != NULL && i < s->fkind->nfields; i++)
		if (*s->fans[i] != '\0') {
			s->fv[in.nfv].name = s->fkind->fields[i].name;
			s->fv[in.nfv++].value = s->fans[i];
		}
	return in;
}

/* The answers to the fields of the kind now typed: kept while the kind
 * stays, empty for a new one. */
static void
fields_reset(struct session *s, const struct svc_kind *k)
{
	for (size_t i = 0; s->fkind != NULL && i < s->fkind->nfields; i++)
		free(s->fans[i]);
	free(s->fans);
	free(s->fv);
	s->fkind = k;
	s->fans = NULL;
	s->fv = NULL;
	if (k == NULL)
		return;
	s->fans = svc_xcalloc(k->nfields + 1, sizeof(*s->fans));
	s->fv = svc_xcalloc(k->nfields + 1, sizeof(*s->fv));
	for (size_t i = 0; i < k->nfields; i++)
		s->fans[i] = svc_xstrdup("");
}

/* "complaint.verified 核实投诉 (-5, progressive)": what the kind costs */
static void
show_kind(const struct svc_kind *k)
{
	char num[33] = "+";

	svc_fmt_num(k->points, num + 1);
	printf("  %s%s%s (%s%s)\n", k->code, *k->label ? " " : "", k->label,
	    k->points_mode == SVC_POINTS_VALUE ? "value" :
	    k->points_mode == SVC_POINTS_NEG_VALUE ? "-value" :
	    k->points == 0 ? svc_counts_as_name(k->counts_as) :
	    num + (k->points < 0),
	    k->escalation == SVC_PROGRESSIVE ? ", progressive" : "");
}

/* The roster comes from a ledger that may hold control characters. */
static void
show_staff(const struct svc_staff *st)
{
	struct svc_buf b = { 0 };
	char *v;

	svc_buf_printf(&b, "  %s %s", st->id, st->name);
	if (st->dept && *st->dept)
		svc_buf_printf(&b, " · %s", st->dept);
	if (st->position && *st->position)
		svc_buf_printf(&b, " · %s", st->position);
	svc_buf_adds(&b, st->active ? "" : " (inactive)");
	v = svc_visible(b.s, 0);
	printf("%s\n", v);
	free(v);
	svc_buf_release(&b);
}

/*
 * An exact id, or a name only one person has; otherwise says why and
 * lists (ten of) who was probably meant, so the clerk can answer with an
 * id.
 */
static const struct svc_staff *
find_staff(const struct session *s, const char *a)
{
	const struct svc_staff *all, *hit = NULL;
	size_t n, len = strlen(a), exact = 0, shown = 0;

	if ((hit = svc_ledger_staff(s->ledger, a)) != NULL)
		return hit;
	all = svc_ledger_staff_all(s->ledger, &n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(all[i].name, a) == 0) {
			exact++;
			hit = &all[i];
		}
	if (exact == 1)
		return hit;
	for (size_t i = 0; i < n && shown < 10; i++)
		if (strncmp(all[i].name, a, len) == 0 ||
		    strncmp(all[i].id, a, len) == 0) {
			if (shown++ == 0)
				say(s, exact ? "'%s' is ambiguous: answer with "
				    "the id" : "no staff '%s'; did you mean:", a);
			show_staff(&all[i]);
		}
	if (shown == 0) {
		char *hint = svc_ledger_staff_hint(s->ledger, a);

		say(s, "unknown staff '%s' (not in the roster; Tab completes "
		    "ids and names)%s%s", a, hint ? "; " : "",
		    hint ? hint : "");
		free(hint);
	}
	return NULL;
}

/* The id of the one customer named a, or NULL. */
static const char *
customer_named(const struct session *s, const char *a)
{
	const char *id = NULL;

	for (size_t i = 0; i < s->ncust; i++)
		if (strcmp(s->cust[i].name, a) == 0) {
			if (id != NULL)
				return NULL;
			id = s->cust[i].id;
		}
	return id;
}

/* The name of customer id, or "". */
static const char *
customer_name(const struct session *s, const char *id)
{
	for (size_t i = 0; i < s->ncust; i++)
		if (strcmp(s->cust[i].id, id) == 0)
			return s->cust[i].name;
	return "";
}

/*
 * The time typed for the event, as the ledger will take it: *v becomes
 * ISO 8601 ("" stays now). A time in a paid period is refused here, where
 * it was typed, unless the session is late; svc_ledger_add decides again
 * when it saves.
 */
static int
accept_time(struct session *s, char **v)
{
	struct svc_err e;
	char buf[32];
	time_t t;
	int rc;

	svc_err_clear(&e);
	if (strcmp(*v, "now") == 0)
		**v = '\0';
	if (svc_time_parse_clerk(*v, time(NULL), &t, &e) < 0) {
		say(s, "%s", e.msg);
		return -1;
	}
	if ((rc = svc_ledger_closed(s->ledger, t, &e)) != 0) {
		char *m = svc_visible(e.msg, 0);

		say(s, "%s", m);
		free(m);
		if (rc < 0 || s->late == NULL)
			return -1;
	}
	if (**v != '\0') {
		free(*v);
		*v = svc_xstrdup(svc_time_format(t, buf));
	}
	return 0;
}

static void
set_ans(struct session *s, enum field f, const char *v)
{
	free(s->ans[f]);
	s->ans[f] = svc_xstrdup(v);
}

/*
 * Whether v will do for field f, as far as it can be told on its own; says
 * why not. A staff name is replaced by the id it stands for.
 */
static int
acceptable(struct session *s, enum field f, char **v)
{
	const struct svc_staff *st;
	const struct svc_kind *k;
	struct svc_event_in in;
	struct svc_err e;

	svc_err_clear(&e);
	switch (f) {
	case F_KIND:
		if ((k = svc_policy_kind(s->policy, *v)) == NULL) {
			const char *near = svc_policy_kind_near(s->policy, *v);

			say(s, "unknown kind '%s' (not in policy %s; Tab lists "
			    "them)%s%s%s", *v, s->policy->name,
			    near ? "; did you mean '" : "", near ? near : "",
			    near ? "'?" : "");
			return -1;
		}
		show_kind(k);
		/* a value the new kind would refuse */
		if (k->value == SVC_VALUE_NONE)
			set_ans(s, F_VALUE, "");
		return 0;
	case F_STAFF:
		if ((st = find_staff(s, *v)) == NULL)
			return -1;
		show_staff(st);
		/* the kind was asked first: a person off its sheet is the
		 * likelier slip, and ^D drops the event if it was the kind */
		if ((k = kind_of(s)) != NULL &&
		    svc_policy_kind_on_sheet(k, st->id, st->position, &e) < 0) {
			char *m = svc_visible(e.msg, 0);

			say(s, "%s", m);
			free(m);
			return -1;
		}
		free(*v);
		*v = svc_xstrdup(st->id);
		return 0;
	case F_TS:
		return accept_time(s, v);
	case F_VALUE:
		/* the kind was checked when it was typed */
		if (svc_policy_check_value(kind_of(s), *v, &e) == 0)
			return 0;
		say(s, "%s", e.msg);
		return -1;
	case F_CUSTOMER:
	case F_CHANNEL:
		/* a name typed for a customer stands for its id */
		if (f == F_CUSTOMER && customer_named(s, *v) != NULL &&
		    svc_ledger_customer(s->ledger, *v, &e) != 1) {
			char *id = svc_xstrdup(customer_named(s, *v));

			free(*v);
			*v = id;
		}
		/* the ledger knows the customer list and the channels */
		in = event_in(s);
		if (f == F_CUSTOMER)
			in.customer = *v;
		else
			in.channel = *v;
		if (**v == '\0' || svc_ledger_check(s->ledger, &in, &e) == 0 ||
		    strcmp(e.field, field_names[f]) != 0)
			return 0;
		say(s, "%s", e.msg);
		return -1;
	case F_NOTE:
		/* the note picks the operation's time limit */
		if (s->policy == NULL || svc_limits_check(s->policy,
		    s->ans[F_KIND], *v, NULL, s->ans[F_CUSTOMER], &e) == 0)
			return 0;
		say(s, "%s", e.msg);
		return -1;
	default:
		return 0;
	}
}

/*
 * Asks field f until the answer is acceptable(). The current answer is
 * the default: an empty line keeps it, and "-" clears an optional field
 * (else a wrong customer could never be taken back). A refused answer is
 * not kept, so the default stays the last good one. Returns 0, or -1 at
 * end of input and for "q" at the kind prompt.
 */
static int
ask_field(struct session *s, enum field f)
{
	const struct svc_kind *k = f == F_VALUE ? kind_of(s) : NULL;
	struct svc_buf prompt = { 0 };
	char lo[32], hi[32], *a;
	int optional = f >= F_TS, rc = -1;
	long cp;

	for (;;) {
		svc_buf_reset(&prompt);
		svc_buf_adds(&prompt, prompts[f]);
		/* "value (required, 0..100)": the rule the answer must meet */
		if (f == F_VALUE)
			svc_buf_printf(&prompt, " (%s", k && k->value ==
			    SVC_VALUE_REQUIRED ? "required" : "optional");
		if (k && (k->has_value_min || k->has_value_max))
			svc_buf_printf(&prompt, ", %s..%s",
			    k->has_value_min ? svc_fmt_num(k->value_min, lo) :
			    "", k->has_value_max ?
			    svc_fmt_num(k->value_max, hi) : "");
		if (f == F_VALUE)
			svc_buf_adds(&prompt, ")");
		if (f == F_TS)
			svc_buf_printf(&prompt, " [%.16s]", *s->ans[f] ?
			    s->ans[f] : "now");
		else if (*s->ans[f] != '\0')
			svc_buf_printf(&prompt, " [%s]%s", s->ans[f],
			    optional ? " (- for none)" : "");
		svc_buf_adds(&prompt, ": ");
		comp_pairs = f == F_STAFF || f == F_CUSTOMER;
		a = input(prompt.s, f == F_KIND ? s->kinds : f == F_STAFF ?
		    s->staff : f == F_CHANNEL ? s->channels : f == F_CUSTOMER ?
		    s->custw : NULL, f == F_KIND ? s->nkinds : f == F_STAFF ?
		    s->nstaff : f == F_CHANNEL ? s->nchannels : f == F_CUSTOMER ?
		    2 * s->ncust : 0);
		if (a == NULL || (f == F_KIND && strcmp(a, "q") == 0)) {
			free(a);
			break;
		}
		if (svc_utf8_invalid(a, strlen(a)) >= 0) {
			say(s, "not valid UTF-8 (is the terminal set to "
			    "UTF-8?)");
			free(a);
			continue;
		}
		/* refused here, where it was typed, rather than at saving */
		if ((cp = svc_text_control(a, f == F_NOTE)) >= 0) {
			say(s, "control character U+%04lX not allowed", cp);
			free(a);
			continue;
		}
		if (*a == '\0' || (optional && strcmp(a, "-") == 0)) {
			const char *keep = *a == '\0' ? s->ans[f] : "";

			free(a);
			a = svc_xstrdup(keep);
		}
		if ((*a == '\0' && !optional) || acceptable(s, f, &a) < 0) {
			free(a);
			continue;
		}
		free(s->ans[f]);
		s->ans[f] = a;
		rc = 0;
		break;
	}
	svc_buf_release(&prompt);
	return rc;
}

/*
 * Asks field i of the kind typed, as ask_field asks the others: the
 * current answer is the default, "-" clears it unless it is required.
 * Choices complete, and so do staff and customers, whose names stand for
 * their ids. Returns 0, or -1 at end of input.
 */
static int
ask_extra(struct session *s, size_t i)
{
	const struct svc_field *f = &s->fkind->fields[i];
	struct svc_buf prompt = { 0 }, canon = { 0 };
	char lo[32], hi[32], *a;
	struct svc_err e;
	long cp;
	int rc = -1;

	for (;;) {
		svc_buf_reset(&prompt);
		svc_buf_printf(&prompt, "%s (%s, %s", f->name, f->required ?
		    "required" : "optional", svc_field_type_name(f->type));
		if (f->has_range)
			svc_buf_printf(&prompt, " %s..%s",
			    svc_fmt_num(f->min, lo), svc_fmt_num(f->max, hi));
		svc_buf_adds(&prompt, ")");
		if (*s->fans[i] != '\0')
			svc_buf_printf(&prompt, " [%s]%s", s->fans[i],
			    f->required ? "" : " (- for none)");
		svc_buf_adds(&prompt, ": ");
		comp_pairs = f->type == SVC_FIELD_STAFF ||
		    f->type == SVC_FIELD_CUSTOMER;
		a = input(prompt.s, f->type == SVC_FIELD_CHOICE ?
		    (const char **)f->choices.v : f->type == SVC_FIELD_STAFF ?
		    s->staff : f->type == SVC_FIELD_CUSTOMER ? s->custw : NULL,
		    f->type == SVC_FIELD_CHOICE ? f->choices.n :
		    f->type == SVC_FIELD_STAFF ? s->nstaff :
		    f->type == SVC_FIELD_CUSTOMER ? 2 * s->ncust : 0);
		if (a == NULL)
			break;
		if (svc_utf8_invalid(a, strlen(a)) >= 0) {
			say(s, "not valid UTF-8 (is the terminal set to "
			    "UTF-8?)");
			free(a);
			continue;
		}
		if ((cp = svc_text_control(a, 0)) >= 0) {
			say(s, "control character U+%04lX not allowed", cp);
			free(a);
			continue;
		}
		if (*a == '\0' || (!f->required && strcmp(a, "-") == 0)) {
			const char *keep = *a == '\0' ? s->fans[i] : "";

			free(a);
			a = svc_xstrdup(keep);
		}
		if (*a == '\0') {
			if (!f->required)
				goto take;
			say(s, "%s is required for kind '%s'", f->name,
			    s->fkind->code);
			free(a);
			continue;
		}
		if (f->type == SVC_FIELD_STAFF) {
			const struct svc_staff *st = find_staff(s, a);

			if (st == NULL) {
				free(a);
				continue;
			}
			show_staff(st);
			free(a);
			a = svc_xstrdup(st->id);
		} else if (f->type == SVC_FIELD_CUSTOMER) {
			const char *id = customer_named(s, a);

			svc_err_clear(&e);
			if (id != NULL && svc_ledger_customer(s->ledger, a,
			    &e) != 1) {
				free(a);
				a = svc_xstrdup(id);
			} else if (svc_ledger_customer(s->ledger, a, &e) != 1) {
				say(s, "unknown customer '%s' (not in the "
				    "customer list; Tab completes ids and "
				    "names)", a);
				free(a);
				continue;
			}
		}
		svc_err_clear(&e);
		svc_buf_reset(&canon);
		if (svc_field_value(f, a, &canon, &e) < 0) {
			say(s, "%s", e.msg);
			free(a);
			continue;
		}
take:
		free(s->fans[i]);
		s->fans[i] = a;
		rc = 0;
		break;
	}
	svc_buf_release(&prompt);
	svc_buf_release(&canon);
	return rc;
}

/* svc_db_scores_each: stops at a saved score of the period arg names. */
static int
is_period(void *arg, const char *period, const struct svc_score *row)
{
	(void)row;
	return strcmp(period, arg) == 0;
}

/*
 * The event in one line, who, what, when and the period it falls in:
 * "= assessment for P001 李四, value 95, customer C01 粮油公司, at
 * 2026-10-15 14:30 in 2026-10", then what saving it would mean for that
 * period: its scores saved already, or paid.
 */
static void
show_event(struct session *s)
{
	const struct svc_staff *st = svc_ledger_staff(s->ledger,
	    s->ans[F_STAFF]);
	struct svc_buf b = { 0 };
	struct svc_period p;
	struct svc_err e;
	char when[32], *v;
	time_t t = time(NULL);
	int rc;

	svc_err_clear(&e);
	svc_buf_printf(&b, "  = %s for %s %s", s->ans[F_KIND],
	    s->ans[F_STAFF], st ? st->name : "");
	for (int f = F_VALUE; f < NFIELDS; f++)
		if (*s->ans[f] != '\0')
			svc_buf_printf(&b, ", %s %s%s%s", field_names[f],
			    s->ans[f], f == F_CUSTOMER ? " " : "",
			    f == F_CUSTOMER ? customer_name(s, s->ans[f]) :
			    "");
	for (size_t i = 0; s->fkind != NULL && i < s->fkind->nfields; i++)
		if (*s->fans[i] != '\0')
			svc_buf_printf(&b, ", %s %s", s->fkind->fields[i].name,
			    s->fans[i]);
	/* accepted when typed: it parses */
	if (*s->ans[F_TS] != '\0')
		svc_time_parse(s->ans[F_TS], &t, &e);
	svc_time_format(t, when);
	when[10] = ' ';
	svc_period_of(s->policy->period, t, &p);
	svc_buf_printf(&b, ", at %.16s%s in %s", when,
	    *s->ans[F_TS] ? "" : " (now)", p.name);
	v = svc_visible(b.s, 0);
	printf("%s\n", v);
	free(v);
	svc_buf_release(&b);
	if ((rc = svc_ledger_closed(s->ledger, t, &e)) != 0) {
		v = svc_visible(e.msg, 0);
		say(s, "%s", v);
		free(v);
	}
	if (rc == 0 && svc_db_scores_each(s->db, s->policy->name, is_period,
	    p.name, &e) == 1)
		say(s, "%s's scores are already saved: this event counts once "
		    "they are saved again (svc-score --save)", p.name);
}

/*
 * The alerts the event just saved meets (a visitor's fever), said under
 * "saved" for the clerk to act on at once: the event stays saved.
 */
static void
say_alerts(struct session *s)
{
	struct svc_buf b = { 0 };
	const char *line, *nl;

	if (svc_ledger_alert_lines(s->ledger, s->ans[F_KIND], &b) == 0)
		return;
	for (line = b.s; (nl = strchr(line, '\n')) != NULL; line = nl + 1)
		say(s, "%.*s", (int)(nl - line), line);
	svc_buf_release(&b);
}

/*
 * Shows the event and saves it when the clerk agrees. A field the ledger
 * refuses is asked again, alone, and everything else stays as typed.
 */
static int
confirm(struct session *s)
{
	struct svc_event_in in;
	struct svc_event ev;
	struct svc_err e;
	char *a;
	int f, rc;

	for (;;) {
		show_event(s);
		if ((a = input("save? [Y/n] ", NULL, 0)) == NULL)
			return -1;
		rc = *a == '\0' || *a == 'y' || *a == 'Y' ? 1 :
		    *a == 'n' || *a == 'N' ? 0 : -1;
		free(a);
		if (rc == 0) {
			printf("  not saved\n");
			return 0;
		}
		if (rc < 0) {
			say(s, "answer y or n");
			continue;
		}
		in = event_in(s);
		svc_err_clear(&e);
		if (svc_ledger_add(s->ledger, &in, &s->id, &e) > 0) {
			s->saved++;
			say_alerts(s);
			svc_err_clear(&e);
			if (s->batch == 0 &&
			    svc_db_event_get(s->db, s->id, &ev, &e) > 0)
				s->batch = ev.batch;
			return 0;
		}
		say(s, "%s%s%s", e.field, *e.field ? ": " : "", e.msg);
		for (f = 0; f < NFIELDS; f++)
			if (strcmp(e.field, field_names[f]) == 0)
				break;
		/* not a typed field (a busy database): offer to save again */
		if (f < NFIELDS && ask_field(s, f) < 0)
			return -1;
		for (size_t i = 0; f == NFIELDS && s->fkind != NULL &&
		    i < s->fkind->nfields; i++)
			if (strcmp(e.field, s->fkind->fields[i].name) == 0 &&
			    ask_extra(s, i) < 0)
				return -1;
	}
}

/* svc_db_report: "saved" is said before the event is committed, so that
 * a clerk never misses it for an event that is in. */
static int
say_saved(void *arg, struct svc_err *e)
{
	(void)e;
	printf("  saved #%lld\n", ((const struct session *)arg)->id);
	return 0;
}

static void
loop(struct session *s)
{
	int f, rc;

	for (;;) {
		if (ask_field(s, F_KIND) < 0)
			return;
		if (s->fkind != kind_of(s))
			fields_reset(s, kind_of(s));
		/* a value from the fields is not asked */
		for (rc = 0, f = F_STAFF; f < NFIELDS && rc == 0; f++)
			if (f != F_VALUE ||
			    (kind_of(s)->value != SVC_VALUE_NONE &&
			    kind_of(s)->value_from == SVC_VALUE_GIVEN))
				rc = ask_field(s, f);
		for (size_t i = 0; rc == 0 && i < s->fkind->nfields; i++)
			rc = ask_extra(s, i);
		/* ^D or q within an event drops it, not the session */
		if (rc == 0)
			rc = confirm(s);
		if (rc < 0)
			printf("  not saved\n");
		/* kind and staff stay as the next event's defaults */
		for (f = F_TS; f < NFIELDS; f++)
			set_ans(s, f, "");
		fields_reset(s, s->fkind);
	}
}

/* svc_db_customer_each: keeps every customer, for completion. */
static int
take_customer(void *arg, const struct svc_customer *c)
{
	struct session *s = arg;

	if (s->ncust == s->capcust) {
		s->capcust = s->capcust ? 2 * s->capcust : 64;
		s->cust = svc_xrealloc(s->cust, s->capcust * sizeof(*s->cust));
	}
	s->cust[s->ncust++] = (struct svc_customer){ .id = svc_xstrdup(c->id),
	    .name = svc_xstrdup(c->name) };
	return 0;
}

/* Without channels in the policy, the common ones complete; any code is
 * taken. */
static const char *const common_channels[] = {
	"visit", "phone", "letter", "wechat", "web"
};

int
svc_entry_run(const char *dbpath, const char *policy, const char *user,
    const char *late, struct svc_err *e)
{
	struct session s = { 0 };
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
	const struct svc_staff *all;
	size_t n;
	int rc = -1;

	if ((s.policy = svc_policy_load(policy, e)) == NULL)
		goto out;
	svc_policy_apply_zone(s.policy);
	if ((s.db = svc_db_open(dbpath, SVC_DB_EXISTING, e)) == NULL)
		goto out;
	if ((s.ledger = svc_ledger_new(s.db, s.policy, "svc-log", user,
	    e)) == NULL)
		goto out;
	svc_order_attach(s.ledger);
	if ((late != NULL && svc_ledger_set_late(s.ledger, late, e) < 0) ||
	    svc_ledger_preload(s.ledger, e) < 0 ||
	    svc_db_customer_each(s.db, take_customer, &s, e) < 0)
		goto out;
	s.late = late;
	svc_db_output(s.db, stdout);
	svc_db_report(s.db, say_saved, &s);
	s.nkinds = s.policy->nkinds;
	s.kinds = svc_xcalloc(s.nkinds + 1, sizeof(*s.kinds));
	for (size_t i = 0; i < s.nkinds; i++)
		s.kinds[i] = s.policy->kinds[i].code;
	all = svc_ledger_staff_all(s.ledger, &n);
	s.staff = svc_xcalloc(2 * n + 1, sizeof(*s.staff));
	for (size_t i = 0; i < n; i++) {
		s.staff[s.nstaff++] = all[i].id;
		s.staff[s.nstaff++] = all[i].name;
	}
	s.custw = svc_xcalloc(2 * s.ncust + 1, sizeof(*s.custw));
	for (size_t i = 0; i < s.ncust; i++) {
		s.custw[2 * i] = s.cust[i].id;
		s.custw[2 * i + 1] = s.cust[i].name;
	}
	if (s.policy->channels.n > 0) {
		s.channels = (const char **)s.policy->channels.v;
		s.nchannels = s.policy->channels.n;
	} else {
		s.channels = (const char **)common_channels;
		s.nchannels = sizeof(common_channels) /
		    sizeof(common_channels[0]);
	}
	for (int f = 0; f < NFIELDS; f++)
		s.ans[f] = svc_xstrdup("");
	s.colour = (nc == NULL || *nc == '\0') && isatty(STDOUT_FILENO) &&
	    term != NULL && strcmp(term, "dumb") != 0;
	rl_readline_name = "svc-log";	/* for "svc-log:" lines in .editrc */
	rl_attempted_completion_function = comp;

	printf("database: %s\n", svc_db_path(s.db));
	{
		char w[1024];

		printf("policy: %s (%s)\n", s.policy->name, s.policy->path);
		for (size_t i = 0; i < s.policy->nwarnings; i++)
			printf("warning: %s\n", svc_err_format(
			    &s.policy->warnings[i], w, sizeof(w)));
	}
	if (late != NULL)
		printf("late: events in paid periods are logged late (%s)\n",
		    late);
	printf("Tab completes; empty line keeps the default; q quits.\n");
	loop(&s);
	if (s.saved == 0)
		printf("no events saved\n");
	else
		printf("%ld event%s saved in batch %lld\n", s.saved,
		    s.saved == 1 ? "" : "s", s.batch);
	rc = 0;
out:
	for (int f = 0; f < NFIELDS; f++)
		free(s.ans[f]);
	fields_reset(&s, NULL);
	free(s.kinds);
	free(s.staff);
	for (size_t i = 0; i < s.ncust; i++)
		svc_customer_release(&s.cust[i]);
	free(s.cust);
	free(s.custw);
	svc_ledger_free(s.ledger);
	svc_db_close(s.db);
	svc_policy_free(s.policy);
	return rc;
}
