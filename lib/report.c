#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fields.h"
#include "posting.h"
#include "report.h"
#include "score.h"
#include "util.h"

const struct svc_csv_col svc_award_cols[SVC_AW_NCOLS] = {
	[SVC_AW_PERIOD] = { "period", 1 }, [SVC_AW_STAFF] = { "staff", 1 },
	[SVC_AW_NAME] = { "name", 0 }, [SVC_AW_DEPT] = { "dept", 0 },
	[SVC_AW_AWARD] = { "award", 1 }, [SVC_AW_AMOUNT] = { "amount", 0 },
	[SVC_AW_ACTION] = { "action", 0 }, [SVC_AW_RANK] = { "rank", 0 },
	[SVC_AW_CONSECUTIVE] = { "consecutive", 0 },
	[SVC_AW_POSTED_FROM] = { "posted_from", 0 },
	[SVC_AW_POSTED_UNTIL] = { "posted_until", 0 },
	[SVC_AW_PAYABLE] = { "payable", 0 }, [SVC_AW_STATUS] = { "status", 0 },
};

/* One scores row, owned copies. */
struct srow {
	char *period, *staff, *name, *dept, *position, *reason, *eligible;
	int has_score;
	double score, deductions, bonuses, joint;
	long complaints;
};

struct srows {
	struct srow *v;
	size_t n, cap;
};

static struct srow *
srow_add(struct srows *s)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = svc_xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	memset(&s->v[s->n], 0, sizeof(*s->v));
	return &s->v[s->n++];
}

static void
srows_free(struct srows *s)
{
	for (size_t i = 0; i < s->n; i++) {
		struct srow *r = &s->v[i];

		free(r->period);
		free(r->staff);
		free(r->name);
		free(r->dept);
		free(r->position);
		free(r->reason);
		free(r->eligible);
	}
	free(s->v);
}

/* A number cell of a CSV record, "" allowed when opt. */
static int
csv_num(struct svc_csv_reader *r, size_t col, const struct svc_csv_col *cols,
    int opt, int *has, double *v, struct svc_err *e)
{
	const char *s = svc_csv_get(r, col);

	*v = 0;
	if (has)
		*has = *s != '\0';
	if (*s == '\0' && opt)
		return 0;
	if (svc_parse_num(s, v) < 0)
		return svc_err_set(e, svc_csv_name(r), svc_csv_line(r),
		    cols[col].name, "'%s' is not a number", s);
	return 0;
}

static int
scores_csv(const struct svc_report_in *in, struct srows *rows,
    struct svc_err *e)
{
	struct svc_csv_reader *r;
	int st, ret = -1;

	if ((r = svc_csv_open(in->csv, in->csvopts, e)) == NULL)
		return -1;
	if (svc_csv_header(r, svc_score_cols, SVC_SC_NCOLS, e) < 0)
		goto out;
	while ((st = svc_csv_next(r, e)) == 1) {
		struct srow *x = srow_add(rows);
		const char *el = svc_csv_get(r, SVC_SC_ELIGIBLE);
		double c;

		x->period = svc_xstrdup(svc_csv_get(r, SVC_SC_PERIOD));
		x->staff = svc_xstrdup(svc_csv_get(r, SVC_SC_STAFF));
		x->name = svc_xstrdup(svc_csv_get(r, SVC_SC_NAME));
		x->dept = svc_xstrdup(svc_csv_get(r, SVC_SC_DEPT));
		x->position = svc_xstrdup(svc_csv_get(r, SVC_SC_POSITION));
		x->reason = svc_xstrdup(svc_csv_get(r, SVC_SC_REASON));
		x->eligible = svc_xstrdup(el);
		if (strcmp(el, "yes") != 0 && strcmp(el, "no") != 0) {
			svc_err_set(e, svc_csv_name(r), svc_csv_line(r),
			    "eligible", "'%s' is not yes or no", el);
			goto out;
		}
		if (csv_num(r, SVC_SC_SCORE, svc_score_cols, 1, &x->has_score,
		    &x->score, e) < 0 ||
		    csv_num(r, SVC_SC_DEDUCTIONS, svc_score_cols, 1, NULL,
		    &x->deductions, e) < 0 ||
		    csv_num(r, SVC_SC_BONUSES, svc_score_cols, 1, NULL,
		    &x->bonuses, e) < 0 ||
		    csv_num(r, SVC_SC_JOINT, svc_score_cols, 1, NULL, &x->joint,
		    e) < 0 ||
		    csv_num(r, SVC_SC_COMPLAINTS, svc_score_cols, 1, NULL, &c,
		    e) < 0)
			goto out;
		x->complaints = (long)c;
	}
	ret = st;
out:
	svc_csv_close(r);
	return ret;
}

/* A scorer over the ledger for period, finished; NULL with e set. */
static struct svc_scorer *
score_db(const struct svc_report_in *in, const struct svc_period *period,
    const char *explain, struct svc_err *e)
{
	struct svc_scorer *sc = svc_scorer_new(in->policy, period, explain);
	const struct svc_score *const *rows;

	if (svc_scorer_staff_db(sc, in->db, e) < 0 ||
	    svc_scorer_events_db(sc, in->db, e) < 0) {
		svc_scorer_free(sc);
		return NULL;
	}
	svc_scorer_finish(sc, &rows);
	return sc;
}

static int
scores_db(const struct svc_report_in *in, struct srows *rows,
    struct svc_err *e)
{
	struct svc_scorer *sc = score_db(in, in->period, NULL, e);
	const struct svc_score *const *v;
	size_t n;

	if (sc == NULL)
		return -1;
	n = svc_scorer_finish(sc, &v);
	for (size_t i = 0; i < n; i++) {
		struct srow *x = srow_add(rows);

		x->period = svc_xstrdup(in->period->name);
		x->staff = svc_xstrdup(v[i]->staff);
		x->name = svc_xstrdup(v[i]->name);
		x->dept = svc_xstrdup(v[i]->dept);
		x->position = svc_xstrdup(v[i]->position);
		x->reason = svc_xstrdup(v[i]->reason);
		x->eligible = svc_xstrdup(v[i]->eligible ? "yes" : "no");
		x->has_score = v[i]->has_score;
		x->score = v[i]->score;
		x->deductions = v[i]->deductions;
		x->bonuses = v[i]->bonuses;
		x->joint = v[i]->joint;
		x->complaints = v[i]->complaints;
	}
	svc_scorer_free(sc);
	return 0;
}

static int
cmp_rank(const void *a, const void *b)
{
	const struct srow *x = a, *y = b;
	int c = strcmp(x->dept, y->dept);

	if (c)
		return c;
	if (x->has_score != y->has_score)
		return x->has_score ? -1 : 1;
	if (x->has_score && x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return strcmp(x->staff, y->staff);
}

/* "a, b" of the distinct periods of rows, in order met. */
static char *
periods_of(const struct srows *rows)
{
	struct svc_buf b = { 0 };

	for (size_t i = 0; i < rows->n; i++) {
		size_t j;

		for (j = 0; j < i; j++)
			if (strcmp(rows->v[i].period, rows->v[j].period) == 0)
				break;
		if (j == i && rows->v[i].period[0])
			svc_buf_printf(&b, "%s%s", b.len ? ", " : "",
			    rows->v[i].period);
	}
	return b.s ? b.s : svc_xstrdup("");
}

static void
titled(struct svc_doc *d, const struct svc_policy *p, const char *what,
    const char *period)
{
	struct svc_buf b = { 0 };

	svc_buf_printf(&b, "%s %s", what, *period ? period : "(none)");
	if (p != NULL)
		svc_buf_printf(&b, " — %s", p->name);
	free(d->title);
	d->title = b.s;
}

int
svc_report_scores(const struct svc_report_in *in, struct svc_doc *d,
    struct svc_err *e)
{
	static const char *const titles[] = { "dept", "rank", "staff", "name",
	    "position", "score", "deduct", "bonus", "complaints", "eligible", "" };
	static const enum svc_cell_type types[] = { SVC_CELL_TEXT,
	    SVC_CELL_NUM, SVC_CELL_TEXT, SVC_CELL_TEXT, SVC_CELL_TEXT,
	    SVC_CELL_NUM, SVC_CELL_NUM, SVC_CELL_NUM, SVC_CELL_NUM,
	    SVC_CELL_TEXT, SVC_CELL_BAR };
	struct srows rows = { 0 };
	struct svc_table *t;
	double max = 0;
	char *periods;
	int ret = -1;

	if ((in->csv ? scores_csv(in, &rows, e) : scores_db(in, &rows,
	    e)) < 0)
		goto out;
	qsort(rows.v, rows.n, sizeof(*rows.v), cmp_rank);
	periods = periods_of(&rows);
	titled(d, in->policy, "Scores", periods);
	free(periods);
	for (size_t i = 0; i < rows.n; i++)
		if (rows.v[i].has_score && rows.v[i].score > max)
			max = rows.v[i].score;
	t = svc_doc_table(d, "", 11, titles, types);
	t->group = 1;
	svc_table_section(t, "staff", "department average");
	t->cols[2].key = t->cols[3].key = 1;
	for (size_t i = 0, first = 0; i < rows.n; i++) {
		const struct srow *x = &rows.v[i];
		size_t r = svc_table_row(t, SVC_ROW_DATA);
		long rank = 1;

		if (strcmp(x->dept, rows.v[first].dept) != 0)
			first = i;
		/* equal scores share a rank: 1, 2, 2, 4 */
		for (size_t j = first; j < i; j++)
			if (rows.v[j].has_score && (!x->has_score ||
			    rows.v[j].score > x->score))
				rank++;
		svc_table_set(t, r, 0, x->dept);
		if (x->has_score)
			svc_table_num(t, r, 1, (double)rank, 0);
		svc_table_set(t, r, 2, x->staff);
		svc_table_set(t, r, 3, x->name);
		svc_table_set(t, r, 4, x->position);
		if (x->has_score) {
			svc_table_num(t, r, 5, x->score, 2);
			svc_table_bar(t, r, 10, max > 0 ? x->score / max : 0);
		}
		/* joint charges are deductions to the person who bears them */
		svc_table_num(t, r, 6, x->deductions + x->joint, -1);
		svc_table_num(t, r, 7, x->bonuses, -1);
		svc_table_num(t, r, 8, (double)x->complaints, 0);
		if (*x->reason)
			svc_table_setf(t, r, 9, "%s: %s", x->eligible,
			    x->reason);
		else
			svc_table_set(t, r, 9, x->eligible);
		if (i + 1 == rows.n || strcmp(rows.v[i + 1].dept, x->dept)) {
			double sum = 0;
			long n = 0;

			for (size_t j = first; j <= i; j++)
				if (rows.v[j].has_score) {
					sum += rows.v[j].score;
					n++;
				}
			r = svc_table_row(t, SVC_ROW_TOTAL);
			svc_table_set(t, r, 0, x->dept);
			svc_table_set(t, r, 4, "average");
			if (n) {
				svc_table_num(t, r, 5, sum / n, 2);
				svc_table_bar(t, r, 10, max > 0 ?
				    sum / n / max : 0);
			}
		}
	}
	if (rows.n == 0)
		svc_doc_para(d, "No scores.");
	ret = 0;
out:
	srows_free(&rows);
	return ret;
}

/* One awards row, owned copies of every column. */
struct arow {
	char *v[SVC_AW_NCOLS];
	int has_amount;
	double amount;
};

struct arows {
	struct arow *v;
	size_t n, cap;
};

static void
arows_free(struct arows *a)
{
	for (size_t i = 0; i < a->n; i++)
		for (int c = 0; c < SVC_AW_NCOLS; c++)
			free(a->v[i].v[c]);
	free(a->v);
}

static struct arow *
arow_add(struct arows *a)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 32;
		a->v = svc_xrealloc(a->v, a->cap * sizeof(*a->v));
	}
	memset(&a->v[a->n], 0, sizeof(*a->v));
	return &a->v[a->n++];
}

/* svc-award may add columns after the contract's (type, badge, reason):
 * they are passed over. */
static int
awards_read(const char *path, const struct svc_csv_opts *opts,
    struct arows *a, struct svc_err *e)
{
	struct svc_csv_opts o = opts ? *opts : (struct svc_csv_opts){ 0 };
	struct svc_csv_reader *r;
	int st, ret = -1;

	o.ignore_extra = 1;
	if ((r = svc_csv_open(path, &o, e)) == NULL)
		return -1;
	if (svc_csv_header(r, svc_award_cols, SVC_AW_NCOLS, e) < 0)
		goto out;
	while ((st = svc_csv_next(r, e)) == 1) {
		struct arow *x = arow_add(a);

		for (int c = 0; c < SVC_AW_NCOLS; c++)
			x->v[c] = svc_xstrdup(svc_csv_get(r, c));
		if (csv_num(r, SVC_AW_AMOUNT, svc_award_cols, 1,
		    &x->has_amount, &x->amount, e) < 0)
			goto out;
	}
	ret = st;
out:
	svc_csv_close(r);
	return ret;
}

/* An integer column as svc-award writes it: "" for 0 (none). */
static char *
int_col(int v)
{
	struct svc_buf b = { 0 };

	if (v == 0)
		return svc_xstrdup("");
	svc_buf_printf(&b, "%d", v);
	return b.s;
}

static int
saved_row(void *arg, const struct svc_saved_award *s)
{
	struct arow *x = arow_add(arg);
	const struct svc_award *w = s->a;
	char num[32];

	x->v[SVC_AW_PERIOD] = svc_xstrdup(w->period);
	x->v[SVC_AW_STAFF] = svc_xstrdup(w->staff);
	x->v[SVC_AW_NAME] = svc_xstrdup(w->name);
	x->v[SVC_AW_DEPT] = svc_xstrdup(w->dept);
	x->v[SVC_AW_AWARD] = svc_xstrdup(w->award);
	x->v[SVC_AW_AMOUNT] = svc_xstrdup(svc_fmt_num(w->amount, num));
	x->v[SVC_AW_ACTION] = svc_xstrdup(w->action);
	x->v[SVC_AW_RANK] = int_col(w->rank);
	x->v[SVC_AW_CONSECUTIVE] = int_col(w->consecutive);
	x->v[SVC_AW_POSTED_FROM] = svc_xstrdup(s->dates->from);
	x->v[SVC_AW_POSTED_UNTIL] = svc_xstrdup(s->dates->until);
	x->v[SVC_AW_PAYABLE] = svc_xstrdup(s->dates->payable);
	x->v[SVC_AW_STATUS] = svc_xstrdup(s->status);
	x->has_amount = 1;
	x->amount = w->amount;
	return 0;
}

/* The saved awards of in->policy for in->period, replaced ones left out
 * (as svc-award list leaves them out). */
static int
awards_db(const struct svc_report_in *in, struct arows *a,
    struct svc_err *e)
{
	struct svc_posting_filter f = { .policy = in->policy->name,
	    .period = in->period->name };

	return svc_posting_list(in->db, &f, saved_row, a, e) < 0 ? -1 : 0;
}

/* A withdrawn award, or one replaced by a later run, is not paid. */
static int
counts(const struct arow *x)
{
	return strcmp(x->v[SVC_AW_STATUS], "withdrawn") != 0 &&
	    strcmp(x->v[SVC_AW_STATUS], "replaced") != 0;
}

/* "a, b" of the distinct values of column c. */
static char *
adistinct(const struct arows *a, int c, const char *sep)
{
	struct svc_buf b = { 0 };

	for (size_t i = 0; i < a->n; i++) {
		size_t j;

		for (j = 0; j < i; j++)
			if (strcmp(a->v[i].v[c], a->v[j].v[c]) == 0)
				break;
		if (j == i && a->v[i].v[c][0])
			svc_buf_printf(&b, "%s%s", b.len ? sep : "",
			    a->v[i].v[c]);
	}
	return b.s ? b.s : svc_xstrdup("");
}

/*
 * The posting's last days from posted_until's first days after it, in
 * the same ", " list: a notice says "through 31 October", which no reader
 * takes to include 1 November. A value that is not a date stays as it is.
 */
static char *
last_days(const char *until)
{
	struct svc_buf b = { 0 };
	const char *s = until;

	while (*s) {
		size_t n = strcspn(s, ",");
		char day[16], out[16];
		struct svc_err e = { 0 };
		time_t t;

		snprintf(day, sizeof(day), "%.*s", (int)(n < 15 ? n : 15), s);
		if (n == 10 && svc_time_parse(day, &t, &e) == 0)
			svc_date_format(svc_date_add_days(t, -1), out);
		else
			snprintf(out, sizeof(out), "%s", day);
		svc_buf_printf(&b, "%s%s", b.len ? ", " : "", out);
		s += n;
		s += strspn(s, ", ");
	}
	return b.s ? b.s : svc_xstrdup("");
}

/* Nonzero if s reads as a phone number: digits, with spaces, dashes,
 * dots, brackets or a leading +. */
static int
is_phone(const char *s)
{
	int digits = 0;

	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digits++;
		else if (strchr(" -.()", *p) == NULL && !(*p == '+' && p == s))
			return 0;
	}
	return digits >= 3;
}

static const char *const award_titles[] = { "award", "rank", "staff",
    "name", "dept", "amount", "action", "consecutive", "status" };
static const enum svc_cell_type award_types[] = { SVC_CELL_TEXT,
    SVC_CELL_NUM, SVC_CELL_TEXT, SVC_CELL_TEXT, SVC_CELL_TEXT, SVC_CELL_NUM,
    SVC_CELL_TEXT, SVC_CELL_NUM, SVC_CELL_TEXT };

/* Nonzero if row x is left out: not staff's or not of period. */
static int
skip(const struct arow *x, const char *staff, const char *period)
{
	return (staff && strcmp(x->v[SVC_AW_STAFF], staff) != 0) ||
	    (period && strcmp(x->v[SVC_AW_PERIOD], period) != 0);
}

/* The awards table of rows a, or of staff's in period (when not NULL). */
static void
awards_table(struct svc_doc *d, const char *title, const struct arows *a,
    const char *staff, const char *period, int totals)
{
	struct svc_table *t = svc_doc_table(d, title, 9, award_titles,
	    award_types);
	char *done = svc_xcalloc(a->n ? a->n : 1, 1);

	t->group = 1;
	svc_table_section(t, "awards", "award total");
	t->cols[2].key = t->cols[3].key = 1;
	/* grouped by award, groups in order of first appearance */
	for (size_t i = 0; i < a->n; i++) {
		double sum = 0;
		long n = 0;

		if (done[i] || skip(&a->v[i], staff, period))
			continue;
		for (size_t j = i; j < a->n; j++) {
			const struct arow *x = &a->v[j];
			size_t r;

			if (done[j] || strcmp(x->v[SVC_AW_AWARD],
			    a->v[i].v[SVC_AW_AWARD]) || skip(x, staff, period))
				continue;
			done[j] = 1;
			r = svc_table_row(t, SVC_ROW_DATA);
			svc_table_set(t, r, 0, x->v[SVC_AW_AWARD]);
			svc_table_set(t, r, 1, x->v[SVC_AW_RANK])->type =
			    SVC_CELL_NUM;
			svc_table_set(t, r, 2, x->v[SVC_AW_STAFF]);
			svc_table_set(t, r, 3, x->v[SVC_AW_NAME]);
			svc_table_set(t, r, 4, x->v[SVC_AW_DEPT]);
			if (x->has_amount)
				svc_table_num(t, r, 5, x->amount, -1);
			svc_table_set(t, r, 6, x->v[SVC_AW_ACTION]);
			svc_table_set(t, r, 7, x->v[SVC_AW_CONSECUTIVE])->type =
			    SVC_CELL_NUM;
			svc_table_set(t, r, 8, x->v[SVC_AW_STATUS])->alert =
			    !counts(x);
			if (counts(x)) {
				sum += x->amount;
				n++;
			}
		}
		if (totals) {
			size_t r = svc_table_row(t, SVC_ROW_TOTAL);

			svc_table_set(t, r, 0, a->v[i].v[SVC_AW_AWARD]);
			svc_table_setf(t, r, 3, "total of %ld", n);
			svc_table_num(t, r, 5, sum, -1);
		}
	}
	free(done);
}

int
svc_report_awards(const struct svc_report_in *in, struct svc_doc *d,
    struct svc_err *e)
{
	struct arows a = { 0 };
	char *periods, *from, *until, *pay;
	int posted, ret = -1;

	if ((in->csv ? awards_read(in->csv, in->csvopts, &a, e) :
	    awards_db(in, &a, e)) < 0)
		goto out;
	/* from the ledger the period is known even when nothing was saved */
	periods = in->csv ? adistinct(&a, SVC_AW_PERIOD, ", ") :
	    svc_xstrdup(in->period->name);
	titled(d, in->policy, "Awards posting notice", periods);
	free(periods);
	from = adistinct(&a, SVC_AW_POSTED_FROM, ", ");
	until = adistinct(&a, SVC_AW_POSTED_UNTIL, ", ");
	pay = adistinct(&a, SVC_AW_PAYABLE, ", ");
	/* a policy without a posting (0 days) has an empty window, and
	 * nothing can be withdrawn during it */
	posted = (*from || *until) && strcmp(from, until) != 0;
	if (posted) {
		char *last = last_days(until);

		svc_doc_para(d, "Posted from %s through %s.", *from ? from : "?",
		    *last ? last : "?");
		free(last);
	}
	if (in->policy && in->policy->posting.contact[0])
		svc_doc_para(d, is_phone(in->policy->posting.contact) ?
		    "Objections by phone: %s." :
		    "Objections during the posting: %s.",
		    in->policy->posting.contact);
	if (*pay && posted)
		svc_doc_para(d, "Payable in %s; an award withdrawn during the "
		    "posting is not paid.", pay);
	else if (*pay)
		svc_doc_para(d, "Payable in %s.", pay);
	free(from);
	free(until);
	free(pay);
	if (a.n == 0)
		svc_doc_para(d, "No awards.");
	else
		awards_table(d, "", &a, NULL, NULL, 1);
	ret = 0;
out:
	arows_free(&a);
	return ret;
}

void
svc_report_field_cols(const struct svc_kind *k, const struct svc_field ***v,
    size_t *n)
{
	for (size_t i = 0; k != NULL && i < k->nfields; i++) {
		size_t j;

		for (j = 0; j < *n && strcmp((*v)[j]->name,
		    k->fields[i].name) != 0; j++)
			;
		if (j < *n)
			continue;
		*v = svc_xrealloc(*v, (*n + 1) * sizeof(**v));
		(*v)[(*n)++] = &k->fields[i];
	}
}

enum svc_cell_type
svc_report_field_type(const struct svc_field *f)
{
	return f->type == SVC_FIELD_NUMBER || f->type == SVC_FIELD_MONEY ?
	    SVC_CELL_NUM : f->type == SVC_FIELD_DATE ||
	    f->type == SVC_FIELD_TIME ? SVC_CELL_DATE : SVC_CELL_TEXT;
}

void
svc_report_field_cell(struct svc_table *t, size_t row, size_t col,
    const struct svc_field *f, const char *fields)
{
	struct svc_buf v = { 0 };
	double x;

	if (fields != NULL && svc_fields_get(fields, f->name, &v) == 1) {
		if (svc_report_field_type(f) == SVC_CELL_NUM &&
		    svc_parse_num(v.s, &x) == 0)
			svc_table_num(t, row, col, x, -1);
		else
			svc_table_set(t, row, col, v.s);
	}
	svc_buf_release(&v);
}

/* The events of a statement, for its table: kept from the scorer. */
struct stmt_events {
	struct svc_table *t;
	const struct svc_field **f;	/* the field columns */
	size_t nf;
	size_t nrows;
};

/* svc_scorer_explained: gathers the field columns. */
static int
stmt_fields(void *arg, const struct svc_explained *x)
{
	struct stmt_events *se = arg;

	svc_report_field_cols(x->kind, &se->f, &se->nf);
	se->nrows++;
	return 0;
}

/* svc_scorer_explained: one row of the events table. */
static int
stmt_row(void *arg, const struct svc_explained *x)
{
	struct stmt_events *se = arg;
	size_t r = svc_table_row(se->t, SVC_ROW_DATA);
	char ts[32];
	double v;

	/* to the minute, as the other reports' tables: the offset is the
	   policy's and the same on every row */
	svc_time_format(x->t, ts);
	ts[10] = ' ';
	ts[16] = '\0';
	svc_table_set(se->t, r, 0, ts);
	svc_table_set(se->t, r, 1, x->kind->code);
	if (svc_parse_num(x->value, &v) == 0)
		svc_table_num(se->t, r, 2, v, -1);
	svc_table_set(se->t, r, 3, x->rule);
	svc_table_set(se->t, r, 4, x->ref);
	for (size_t i = 0; i < se->nf; i++)
		svc_report_field_cell(se->t, r, 5 + i, se->f[i], x->fields);
	return 0;
}

/* The statement's events, a column per field of their kinds. */
static void
stmt_events(struct svc_doc *d, const struct svc_scorer *sc)
{
	static const char *const head[] = { "time", "kind", "value", "rule",
	    "ref" };
	static const enum svc_cell_type htypes[] = { SVC_CELL_DATE,
	    SVC_CELL_TEXT, SVC_CELL_NUM, SVC_CELL_TEXT, SVC_CELL_TEXT };
	struct stmt_events se = { 0 };
	const char **titles;
	enum svc_cell_type *types;

	svc_scorer_explained(sc, stmt_fields, &se);
	if (se.nrows == 0) {
		svc_doc_para(d, "No events counted.");
		return;
	}
	titles = svc_xcalloc(5 + se.nf, sizeof(*titles));
	types = svc_xcalloc(5 + se.nf, sizeof(*types));
	for (size_t i = 0; i < 5; i++) {
		titles[i] = head[i];
		types[i] = htypes[i];
	}
	for (size_t i = 0; i < se.nf; i++) {
		titles[5 + i] = se.f[i]->name;
		types[5 + i] = svc_report_field_type(se.f[i]);
	}
	se.t = svc_doc_table(d, "Events", 5 + se.nf, titles, types);
	se.t->cols[1].key = se.t->cols[4].key = 1;
	svc_table_section(se.t, "events", NULL);
	svc_scorer_explained(sc, stmt_row, &se);
	free(titles);
	free(types);
	free(se.f);
}

int
svc_report_staff(const struct svc_report_in *in, struct svc_doc *d,
    struct svc_err *e)
{
	const char *staff = in->staff;
	static const char *const kv[] = { "item", "value" };
	static const enum svc_cell_type kvt[] = { SVC_CELL_TEXT,
	    SVC_CELL_TEXT };
	struct svc_scorer *sc;
	const struct svc_score *const *rows;
	const struct svc_score *me = NULL;
	struct arows a = { 0 };
	char *text = NULL;
	size_t len = 0, n;
	FILE *mem;
	int ret = -1;

	if ((sc = score_db(in, in->period, staff, e)) == NULL)
		return -1;
	n = svc_scorer_finish(sc, &rows);
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i]->staff, staff) == 0)
			me = rows[i];
	if ((mem = open_memstream(&text, &len)) == NULL) {
		svc_err_sys(e, NULL, errno, "cannot buffer the report");
		goto out;
	}
	/* its events are a table: data in every format */
	ret = svc_scorer_explain(sc, mem, 0, e);
	fclose(mem);
	if (ret < 0)
		goto out;
	ret = -1;
	{
		struct svc_buf b = { 0 };

		svc_buf_printf(&b, "Statement %s %s, %s", me->staff, me->name,
		    in->period->name);
		free(d->title);
		d->title = b.s;
	}
	svc_doc_pre(d, text);
	stmt_events(d, sc);
	{
		struct svc_table *t = svc_doc_table(d, "Score", 2, kv, kvt);
		const char *keys[] = { "staff", "name", "dept", "position",
		    "base", "deductions", "bonuses", "joint", "score",
		    "complaints", "praises", "events", "eligible", "reason" };
		char num[9][32];
		const char *vals[14];

		svc_table_section(t, "score", NULL);
		vals[0] = me->staff;
		vals[1] = me->name;
		vals[2] = me->dept;
		vals[3] = me->position;
		vals[4] = me->has_score ? svc_fmt_num(me->base, num[0]) : "";
		vals[5] = svc_fmt_num(me->deductions, num[1]);
		vals[6] = svc_fmt_num(me->bonuses, num[2]);
		vals[7] = svc_fmt_num(me->joint, num[3]);
		vals[8] = me->has_score ? svc_fmt_num(me->score, num[4]) : "";
		vals[9] = svc_fmt_num((double)me->complaints, num[5]);
		vals[10] = svc_fmt_num((double)me->praises, num[6]);
		vals[11] = svc_fmt_num((double)me->events, num[7]);
		vals[12] = me->eligible ? "yes" : "no";
		vals[13] = me->reason;
		for (size_t i = 0; i < 14; i++) {
			size_t r = svc_table_row(t, SVC_ROW_DATA);

			svc_table_set(t, r, 0, keys[i]);
			/* shown as text among names, but numbers in a
			 * workbook */
			svc_table_set(t, r, 1, vals[i])->data = i >= 4 &&
			    i <= 11 ? SVC_DATA_NUM : SVC_DATA_SHOWN;
		}
	}
	{
		size_t mine = 0;

		if ((in->awards ? awards_read(in->awards, in->csvopts, &a,
		    e) : awards_db(in, &a, e)) < 0)
			goto out;
		for (size_t i = 0; i < a.n; i++)
			mine += !skip(&a.v[i], staff, in->period->name);
		if (mine)
			awards_table(d, "Awards", &a, staff, in->period->name,
			    0);
		else
			svc_doc_para(d, "No award in %s.", in->period->name);
	}
	ret = 0;
out:
	arows_free(&a);
	free(text);
	svc_scorer_free(sc);
	return ret;
}
