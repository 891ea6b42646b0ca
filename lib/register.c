#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "period.h"
#include "register.h"

size_t
svc_register_alerts(const struct svc_kind *k, const char *enc,
    struct svc_buf *out)
{
	return svc_fields_alerts(k, enc, 0, "; ", out);
}

/* An entry of the register, copied out of the ledger's read. */
struct entry {
	time_t t;
	char *staff, *dept, *fields;
};

struct entries {
	struct entry *v;
	size_t n;
};

static int
collect(void *arg, const struct svc_event *ev)
{
	struct entries *es = arg;
	struct entry *x;

	es->v = svc_xrealloc(es->v, (es->n + 1) * sizeof(*es->v));
	x = &es->v[es->n++];
	x->t = ev->t;
	x->staff = svc_xstrdup(ev->staff);
	x->dept = svc_xstrdup(ev->dept ? ev->dept : "");
	x->fields = svc_xstrdup(ev->fields ? ev->fields : "");
	return 0;
}

/* The roster's people the register names, each read once. */
struct people {
	struct svc_staff *v;
	size_t n;
};

/* The staff member id, or NULL when the roster has none (-1 in *rc on a
 * read error, with e set). Borrowed from ps. */
static const struct svc_staff *
person(struct people *ps, struct svc_db *db, const char *id, int *rc,
    struct svc_err *e)
{
	struct svc_staff s = { 0 };
	int got;

	for (size_t i = 0; i < ps->n; i++)
		if (strcmp(ps->v[i].id, id) == 0)
			return ps->v[i].name ? &ps->v[i] : NULL;
	if ((got = svc_db_staff_get(db, id, &s, e)) < 0) {
		*rc = -1;
		return NULL;
	}
	if (got == 0) {
		/* remembered as absent: a name NULL */
		memset(&s, 0, sizeof(s));
		s.id = svc_xstrdup(id);
	}
	ps->v = svc_xrealloc(ps->v, (ps->n + 1) * sizeof(*ps->v));
	ps->v[ps->n++] = s;
	return got ? &ps->v[ps->n - 1] : NULL;
}

/* "2026-11-16 09:05" in local time, into buf[32]; "09:05" when on the
 * local day of day (not 0). */
static const char *
minute(time_t t, time_t day, char *buf)
{
	char a[16], b[16];

	svc_time_format(t, buf);
	buf[10] = ' ';
	buf[16] = '\0';
	if (day != 0 && strcmp(svc_date_format(t, a),
	    svc_date_format(day, b)) == 0)
		memmove(buf, buf + 11, 6);
	return buf;
}

/* The columns before the fields; "alert" follows them. */
static const char *const fixed[] = { "time", "staff", "name", "staff unit" };
#define NFIXED (sizeof(fixed) / sizeof(fixed[0]))

/* A field's column title: its name, unless a fixed column, the alert
 * column or the csv's section column has that name. */
static char *
field_title(const struct svc_field *f)
{
	struct svc_buf b = { 0 };
	int clash = strcmp(f->name, "alert") == 0 ||
	    strcmp(f->name, "section") == 0;

	for (size_t i = 0; i < NFIXED; i++)
		clash |= strcmp(f->name, fixed[i]) == 0;
	svc_buf_printf(&b, clash ? "field %s" : "%s", f->name);
	return b.s;
}

/* The fields shown in the alerts table: the first field (who the entry
 * is about) and the fields the alerts compare, each once. */
static size_t
alert_fields(const struct svc_kind *k, size_t *idx)
{
	size_t n = 0;

	idx[n++] = 0;
	for (size_t i = 0; i < k->nalerts; i++) {
		size_t j, f;

		for (f = 0; strcmp(k->fields[f].name, k->alerts[i].field) != 0;
		    f++)
			;
		for (j = 0; j < n && idx[j] != f; j++)
			;
		if (j == n)
			idx[n++] = f;
	}
	return n;
}

/*
 * Fills row of t: the fixed columns (the time as HH:MM when day, not 0,
 * is the period's only day), then the fields of k listed in idx[0..nf)
 * from column NFIXED on, numbers with decimals[field] places, then in
 * the last column "ALERT" or, when full, the alerts met, each compared
 * field's cell marked. Returns 0, or -1 with e set on a read error.
 */
static int
fill_row(struct svc_table *t, size_t row, const struct svc_kind *k,
    const struct entry *x, const size_t *idx, size_t nf,
    const int *decimals, time_t day, int full, struct people *ps,
    struct svc_db *db, struct svc_err *e)
{
	const struct svc_staff *s;
	struct svc_buf v = { 0 }, met = { 0 };
	char buf[32];
	int rc = 0;

	svc_table_set(t, row, 0, minute(x->t, day, buf));
	svc_table_set(t, row, 1, x->staff);
	s = person(ps, db, x->staff, &rc, e);
	if (rc < 0)
		return -1;
	svc_table_set(t, row, 2, s ? s->name : "");
	svc_table_set(t, row, 3, s && s->unit && s->unit[0] ? s->unit :
	    x->dept);
	for (size_t i = 0; i < nf; i++) {
		const struct svc_field *f = &k->fields[idx[i]];
		size_t col = NFIXED + i;
		double d;
		time_t when;

		if (!svc_fields_get(x->fields, f->name, &v))
			continue;
		switch (f->type) {
		case SVC_FIELD_NUMBER:
		case SVC_FIELD_MONEY:
			if (svc_parse_num(v.s, &d) == 0) {
				svc_table_num(t, row, col, d, decimals[idx[i]]);
				for (size_t a = 0; a < k->nalerts; a++)
					if (strcmp(k->alerts[a].field,
					    f->name) == 0 &&
					    svc_alert_met(&k->alerts[a], d))
						t->rows[row].cells[col].alert =
						    1;
			} else
				svc_table_set(t, row, col, v.s);
			break;
		case SVC_FIELD_TIME:
			if (svc_time_parse(v.s, &when, e) == 0)
				svc_table_set(t, row, col, minute(when, x->t,
				    buf));
			else
				svc_table_set(t, row, col, v.s);
			svc_err_clear(e);
			break;
		case SVC_FIELD_STAFF:
			s = person(ps, db, v.s, &rc, e);
			if (rc < 0)
				goto out;
			svc_table_setf(t, row, col, "%s%s%s", v.s,
			    s ? " " : "", s ? s->name : "");
			break;
		default:
			svc_table_set(t, row, col, v.s);
			break;
		}
	}
	/* the entries say that, the alerts which: a rule cut to "tempe…"
	   would say neither */
	if (svc_register_alerts(k, x->fields, &met) > 0)
		svc_table_set(t, row, NFIXED + nf, full ? met.s :
		    "ALERT")->alert = 1;
out:
	svc_buf_release(&v);
	svc_buf_release(&met);
	return rc;
}

/* The most decimals a register shows: the ledger keeps 15 significant
 * digits, which a value above 1e-5 never takes more than 19 of. */
#define MAX_DECIMALS	20

/* The decimal places of a number as the ledger writes it ("%.15g":
 * "37.3", "1.25e-05"), at most MAX_DECIMALS. */
static int
num_decimals(const char *s)
{
	const char *dot = strchr(s, '.'), *ex = strpbrk(s, "eE");
	long n = dot != NULL ? (long)strspn(dot + 1, "0123456789") : 0;

	if (ex != NULL)
		n -= strtol(ex + 1, NULL, 10);
	return n < 0 ? 0 : n > MAX_DECIMALS ? MAX_DECIMALS : (int)n;
}

/*
 * decimals[f]: for each number or money field f, the most decimal places
 * a value of the register's entries has, so that a column reads 36.5,
 * 37.0 and 37.3 rather than 37 among them (the ledger keeps 37), and a
 * value just under an alert's threshold is never rounded up to it.
 */
static void
field_decimals(const struct svc_kind *k, const struct entries *es,
    int *decimals)
{
	struct svc_buf v = { 0 };

	for (size_t f = 0; f < k->nfields; f++) {
		decimals[f] = 0;
		if (k->fields[f].type != SVC_FIELD_NUMBER &&
		    k->fields[f].type != SVC_FIELD_MONEY)
			continue;
		for (size_t i = 0; i < es->n; i++) {
			int n;

			if (!svc_fields_get(es->v[i].fields, k->fields[f].name,
			    &v))
				continue;
			n = num_decimals(v.s);
			if (n > decimals[f])
				decimals[f] = n;
		}
	}
	svc_buf_release(&v);
}

static struct svc_table *
new_table(struct svc_doc *d, const char *title, const char *section,
    const struct svc_kind *k, const size_t *idx, size_t nf)
{
	size_t ncols = NFIXED + nf + 1;
	const char **titles = svc_xmalloc(ncols * sizeof(*titles));
	enum svc_cell_type *types = svc_xmalloc(ncols * sizeof(*types));
	char **own = svc_xmalloc((nf ? nf : 1) * sizeof(*own));
	struct svc_table *t;
	size_t i;

	for (i = 0; i < NFIXED; i++) {
		titles[i] = fixed[i];
		types[i] = i == 0 ? SVC_CELL_DATE : SVC_CELL_TEXT;
	}
	for (i = 0; i < nf; i++) {
		const struct svc_field *f = &k->fields[idx[i]];

		titles[NFIXED + i] = own[i] = field_title(f);
		types[NFIXED + i] = f->type == SVC_FIELD_NUMBER ||
		    f->type == SVC_FIELD_MONEY ? SVC_CELL_NUM :
		    f->type == SVC_FIELD_TIME || f->type == SVC_FIELD_DATE ?
		    SVC_CELL_DATE : SVC_CELL_TEXT;
	}
	titles[ncols - 1] = "alert";
	types[ncols - 1] = SVC_CELL_TEXT;
	t = svc_doc_table(d, title, ncols, titles, types);
	svc_table_section(t, section, NULL);
	t->cols[1].key = t->cols[2].key = 1;
	if (nf > 0 && k->fields[idx[0]].type == SVC_FIELD_TEXT)
		t->cols[NFIXED].key = 1;
	for (i = 0; i < nf; i++)
		free(own[i]);
	free(own);
	free(titles);
	free(types);
	return t;
}

int
svc_report_register(const struct svc_report_in *in, struct svc_doc *d,
    struct svc_err *e)
{
	const struct svc_kind *k = svc_policy_kind(in->policy, in->kind);
	struct svc_event_filter f = { 0 };
	struct entries es = { 0 };
	struct people ps = { 0 };
	struct svc_buf b = { 0 }, rules = { 0 };
	struct svc_table *t;
	size_t *idx = NULL, nf, nmet = 0, i;
	int *decimals = NULL;
	time_t day;
	char num[32];
	int rc = -1;

	if (k == NULL) {
		const char *near = svc_policy_kind_near(in->policy, in->kind);

		return svc_err_set(e, NULL, 0, "register", "unknown kind '%s' "
		    "(not in policy %s)%s%s%s", in->kind, in->policy->name,
		    near ? "; did you mean '" : "", near ? near : "",
		    near ? "'?" : "");
	}
	if (k->nfields == 0)
		return svc_err_set(e, NULL, 0, "register", "kind '%s' has no "
		    "fields to list (a register lists the fields its kind "
		    "declares: field.NAME in [kind.%s])", k->code, k->code);
	f.has_range = 1;
	f.start = in->period->start;
	f.end = in->period->end;
	f.kind = k->code;
	f.active = 1;
	if (svc_db_events_each(in->db, &f, collect, &es, e) < 0)
		goto out;

	svc_buf_printf(&b, "Register %s%s%s%s %s — %s", k->label[0] ?
	    k->label : k->code, k->label[0] ? " (" : "", k->label[0] ?
	    k->code : "", k->label[0] ? ")" : "", in->period->name,
	    in->policy->name);
	free(d->title);
	d->title = b.s;
	b.s = NULL;
	for (i = 0; i < k->nalerts; i++)
		svc_buf_printf(&rules, "%s%s %s %s", i ? "; " : "",
		    k->alerts[i].field, svc_alert_op_name(k->alerts[i].op),
		    svc_fmt_num(k->alerts[i].threshold, num));
	if (es.n == 0) {
		svc_doc_para(d, "No entries of kind %s in %s.", k->code,
		    in->period->name);
		rc = 0;
		goto out;
	}
	svc_doc_para(d, "%zu entr%s of kind %s in %s, in time order; voided "
	    "ones left out. %s%s.", es.n, es.n == 1 ? "y" : "ies", k->code,
	    in->period->name, k->nalerts ? "Alerts: " : "The kind sets no "
	    "alert", k->nalerts ? rules.s : "");

	/* one day's register: its date is in the title */
	day = svc_date_add_days(in->period->start, 1) == in->period->end ?
	    in->period->start : 0;
	decimals = svc_xmalloc(k->nfields * sizeof(*decimals));
	field_decimals(k, &es, decimals);
	idx = svc_xmalloc((k->nfields + k->nalerts + 1) * sizeof(*idx));
	for (i = 0; i < k->nfields; i++)
		idx[i] = i;
	t = new_table(d, "Entries", "entries", k, idx, k->nfields);
	for (i = 0; i < es.n; i++) {
		size_t row = svc_table_row(t, SVC_ROW_DATA);

		if (fill_row(t, row, k, &es.v[i], idx, k->nfields, decimals,
		    day, 0, &ps, in->db, e) < 0)
			goto out;
		nmet += svc_register_alerts(k, es.v[i].fields, NULL) > 0;
	}
	if (k->nalerts == 0) {
		rc = 0;
		goto out;
	}
	if (nmet == 0) {
		svc_doc_para(d, "No entry meets an alert (%s).", rules.s);
		rc = 0;
		goto out;
	}
	svc_doc_para(d, "Alerts: %zu of %zu entr%s meet%s %s.", nmet, es.n,
	    es.n == 1 ? "y" : "ies", nmet == 1 ? "s" : "", rules.s);
	nf = alert_fields(k, idx);
	t = new_table(d, "Alerts", "alerts", k, idx, nf);
	for (i = 0; i < es.n; i++) {
		if (svc_register_alerts(k, es.v[i].fields, NULL) == 0)
			continue;
		if (fill_row(t, svc_table_row(t, SVC_ROW_DATA), k, &es.v[i],
		    idx, nf, decimals, day, 1, &ps, in->db, e) < 0)
			goto out;
	}
	rc = 0;
out:
	for (i = 0; i < es.n; i++) {
		free(es.v[i].staff);
		free(es.v[i].dept);
		free(es.v[i].fields);
	}
	free(es.v);
	for (i = 0; i < ps.n; i++)
		svc_staff_release(&ps.v[i]);
	free(ps.v);
	free(idx);
	free(decimals);
	svc_buf_release(&b);
	svc_buf_release(&rules);
	return rc;
}
