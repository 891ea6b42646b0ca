#include <stdlib.h>
#include <string.h>

#include "period.h"
#include "reminders.h"
#include "revisit.h"
#include "util.h"

struct cust {
	char *id, *name, *tier, *phone, *owner, *birthday, *founded,
	    *contract_end;
	const char *owner_name;
};

struct person {
	char *id, *name;
};

struct svc_reminders {
	long long from, to;	/* the window's days, inclusive */
	struct person *staff;	/* by id, as staff_each gives them */
	size_t nstaff;
	struct cust *cust;	/* by id, as customer_each gives them */
	size_t ncust;
	char **strs;		/* contacts' strings */
	size_t nstrs;
	struct svc_revisits *rv;
	struct svc_reminder *v;
	size_t n, cap;
};

const char *
svc_reminder_what_name(enum svc_reminder_what w)
{
	static const char *const names[] = { "contract end", "revisit",
	    "birthday", "founded", "festival" };

	return names[w];
}

long long
svc_anniversary_next(int m, int d, long long from)
{
	int y, fm, fd;

	svc_day_ymd(from, &y, &fm, &fd);
	for (;; y++) {
		int last = svc_month_days(y, m);
		long long day = svc_day_from_ymd(y, m, d > last ? last : d);

		if (day >= from)
			return day;
	}
}

static char *
keep(struct svc_reminders *r, const char *s)
{
	r->strs = svc_xrealloc(r->strs, (r->nstrs + 1) * sizeof(*r->strs));
	return r->strs[r->nstrs++] = svc_xstrdup(s);
}

static struct svc_reminder *
add(struct svc_reminders *r, long long day, enum svc_reminder_what what,
    const struct cust *c)
{
	struct svc_reminder *x;

	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 32;
		r->v = svc_xrealloc(r->v, r->cap * sizeof(*r->v));
	}
	x = &r->v[r->n++];
	*x = (struct svc_reminder){ .day = day, .left = (long)(day - r->from),
	    .what = what, .customer = c->id, .name = c->name,
	    .phone = c->phone, .owner = c->owner,
	    .owner_name = c->owner_name, .contact = "", .role = "",
	    .date = "", .seq = r->n - 1 };
	return x;
}

/* A birthday or founding day of c or of one of its contacts (contact
 * NULL: c's own), when its next anniversary is in the window. */
static void
anniversary(struct svc_reminders *r, const struct cust *c,
    enum svc_reminder_what what, const char *date,
    const struct svc_contact *contact)
{
	struct svc_err e = { 0 };
	struct svc_reminder *x;
	long long day;
	int y, m, d, ay, am, ad;

	/* the ledger's dates were checked on their way in */
	if (date[0] == '\0' || svc_date_parse_day(date, &y, &m, &d, &e) < 0)
		return;
	day = svc_anniversary_next(m, d, r->from);
	svc_day_ymd(day, &ay, &am, &ad);
	if (day > r->to || (y != 0 && ay <= y))
		return;
	x = add(r, day, what, c);
	x->date = date;
	x->years = y ? ay - y : 0;
	if (contact != NULL) {
		x->contact = contact->name;
		x->role = contact->role;
		if (contact->phone[0] != '\0')
			x->phone = contact->phone;
	}
}

static int
take_staff(void *arg, const struct svc_staff *st)
{
	struct svc_reminders *r = arg;

	r->staff = svc_xrealloc(r->staff, (r->nstaff + 1) *
	    sizeof(*r->staff));
	r->staff[r->nstaff++] = (struct person){ svc_xstrdup(st->id),
	    svc_xstrdup(st->name) };
	return 0;
}

static int
cmp_person(const void *key, const void *elt)
{
	return strcmp(key, ((const struct person *)elt)->id);
}

static int
cmp_cust(const void *key, const void *elt)
{
	return strcmp(key, ((const struct cust *)elt)->id);
}

static int
take_customer(void *arg, const struct svc_customer *c)
{
	struct svc_reminders *r = arg;
	const struct person *o = c->owner[0] == '\0' ? NULL :
	    bsearch(c->owner, r->staff, r->nstaff, sizeof(*r->staff),
	    cmp_person);

	r->cust = svc_xrealloc(r->cust, (r->ncust + 1) * sizeof(*r->cust));
	r->cust[r->ncust++] = (struct cust){ svc_xstrdup(c->id),
	    svc_xstrdup(c->name), svc_xstrdup(c->tier), svc_xstrdup(c->contact),
	    svc_xstrdup(c->owner), svc_xstrdup(c->birthday),
	    svc_xstrdup(c->founded), svc_xstrdup(c->contract_end),
	    o ? o->name : "" };
	return 0;
}

static int
take_contact(void *arg, const struct svc_contact *ct)
{
	struct svc_reminders *r = arg;
	const struct cust *c = bsearch(ct->customer, r->cust, r->ncust,
	    sizeof(*r->cust), cmp_cust);
	struct svc_contact kept;

	if (c == NULL || ct->birthday[0] == '\0')
		return 0;
	kept = (struct svc_contact){ NULL, keep(r, ct->name),
	    keep(r, ct->role), keep(r, ct->phone), keep(r, ct->birthday) };
	anniversary(r, c, SVC_RM_BIRTHDAY, kept.birthday, &kept);
	return 0;
}

static void
own_dates(struct svc_reminders *r, const struct cust *c)
{
	struct svc_err e = { 0 };
	int y, m, d;

	anniversary(r, c, SVC_RM_BIRTHDAY, c->birthday, NULL);
	anniversary(r, c, SVC_RM_FOUNDED, c->founded, NULL);
	if (c->contract_end[0] != '\0' && svc_date_parse_day(c->contract_end,
	    &y, &m, &d, &e) == 0 && y != 0) {
		long long day = svc_day_from_ymd(y, m, d);

		if (day >= r->from && day <= r->to)
			add(r, day, SVC_RM_CONTRACT, c);
	}
}

/* The festivals in the window, a greeting to each customer of the tiers
 * greeted. */
static void
festivals(struct svc_reminders *r, const struct svc_greetings *g)
{
	for (size_t i = 0; i < g->nfestivals; i++) {
		const struct svc_festival *f = &g->festivals[i];

		if (f->day < r->from || f->day > r->to)
			continue;
		for (size_t k = 0; k < r->ncust; k++)
			if (svc_names_has(&g->tiers, r->cust[k].tier))
				add(r, f->day, SVC_RM_FESTIVAL,
				    &r->cust[k])->date = f->name;
	}
}

/* The cadences lib/revisit.c judges, due by the window's end. */
static void
revisits(struct svc_reminders *r)
{
	const struct svc_revisit_row *rows;
	size_t n;

	rows = svc_revisits_rows(r->rv, &n);
	for (size_t i = 0; i < n; i++) {
		const struct cust *c = bsearch(rows[i].customer, r->cust,
		    r->ncust, sizeof(*r->cust), cmp_cust);

		for (size_t k = 0; c != NULL && k < rows[i].ndue; k++) {
			const struct svc_revisit_due *d = &rows[i].due[k];
			long long day = d->has_last ? svc_day_of(d->next) :
			    r->from;

			if (day <= r->to)
				add(r, day, SVC_RM_REVISIT, c)->due = d;
		}
	}
}

static int
cmp_reminder(const void *a, const void *b)
{
	const struct svc_reminder *x = a, *y = b;
	int c;

	if (x->day != y->day)
		return x->day < y->day ? -1 : 1;
	if ((c = strcmp(x->customer, y->customer)) != 0)
		return c;
	if (x->what != y->what)
		return x->what < y->what ? -1 : 1;
	/* qsort is not stable: contacts keep the order they were put in */
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}


struct svc_reminders *
svc_reminders_db(const struct svc_policy *p, struct svc_db *db,
    time_t as_of, int days, struct svc_err *e)
{
	struct svc_reminders *r = svc_xcalloc(1, sizeof(*r));

	r->from = svc_day_of(as_of);
	r->to = r->from + days;
	r->rv = svc_revisits_new(p, as_of, 0, 0);
	if (svc_db_staff_each(db, take_staff, r, e) < 0 ||
	    svc_db_customer_each(db, take_customer, r, e) < 0)
		goto fail;
	for (size_t i = 0; i < r->ncust; i++)
		own_dates(r, &r->cust[i]);
	festivals(r, &p->greetings);
	if (svc_db_contacts_each(db, take_contact, r, e) < 0 ||
	    svc_revisits_db(r->rv, db, e) < 0)
		goto fail;
	revisits(r);
	if (r->n > 0)
		qsort(r->v, r->n, sizeof(*r->v), cmp_reminder);
	return r;
fail:
	svc_reminders_free(r);
	return NULL;
}

void
svc_reminders_free(struct svc_reminders *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nstaff; i++) {
		free(r->staff[i].id);
		free(r->staff[i].name);
	}
	free(r->staff);
	for (size_t i = 0; i < r->ncust; i++) {
		struct cust *c = &r->cust[i];

		free(c->id);
		free(c->name);
		free(c->tier);
		free(c->phone);
		free(c->owner);
		free(c->birthday);
		free(c->founded);
		free(c->contract_end);
	}
	free(r->cust);
	for (size_t i = 0; i < r->nstrs; i++)
		free(r->strs[i]);
	free(r->strs);
	svc_revisits_free(r->rv);
	free(r->v);
	free(r);
}

const struct svc_reminder *
svc_reminders_rows(const struct svc_reminders *r, size_t *n)
{
	*n = r->n;
	return r->v;
}

static void
detail(const struct svc_reminder *x, struct svc_buf *b)
{
	char day[16];

	svc_buf_reset(b);
	switch (x->what) {
	case SVC_RM_BIRTHDAY:
	case SVC_RM_FOUNDED:
		svc_buf_printf(b, "%s", x->date);
		if (x->years > 0)
			svc_buf_printf(b, ", %d year%s", x->years,
			    x->years == 1 ? "" : "s");
		break;
	case SVC_RM_CONTRACT:
		svc_buf_printf(b, "%s", "to renew");
		break;
	case SVC_RM_FESTIVAL:
		svc_buf_printf(b, "%s", x->date);
		break;
	case SVC_RM_REVISIT:
		svc_buf_printf(b, "every %d%s, ", x->due->every,
		    x->due->workdays ? " workdays" : "d");
		if (x->due->has_last)
			svc_buf_printf(b, "last %s",
			    svc_date_format(x->due->last, day));
		else
			svc_buf_printf(b, "%s", "never visited");
		/* who owes it, when not whoever serves the customer */
		if (x->due->role != SVC_ROLE_STAFF ||
		    strcmp(x->due->by, svc_revisit_role_name(
		    SVC_ROLE_STAFF)) != 0)
			svc_buf_printf(b, " (%s)", x->due->by);
		break;
	}
}

int
svc_report_reminders(const struct svc_report_in *in, struct svc_doc *d,
    struct svc_err *e)
{
	static const char *const titles[] = { "date", "days", "reminder",
	    "customer", "name", "contact", "phone", "detail", "owner" };
	static const enum svc_cell_type types[] = { SVC_CELL_DATE,
	    SVC_CELL_NUM, SVC_CELL_TEXT, SVC_CELL_TEXT, SVC_CELL_TEXT,
	    SVC_CELL_TEXT, SVC_CELL_TEXT, SVC_CELL_TEXT, SVC_CELL_TEXT };
	struct svc_reminders *r = svc_reminders_db(in->policy, in->db,
	    in->as_of, in->days, e);
	const struct svc_reminder *v;
	struct svc_buf b = { 0 };
	struct svc_table *t;
	char from[16], to[16];
	size_t n;

	if (r == NULL)
		return -1;
	v = svc_reminders_rows(r, &n);
	svc_date_format(in->as_of, from);
	svc_date_format(svc_day_midnight(svc_day_of(in->as_of) + in->days),
	    to);
	svc_buf_printf(&b, "Reminders %s..%s — %s", from, to,
	    in->policy->name);
	free(d->title);
	d->title = b.s;
	b = (struct svc_buf){ 0 };
	svc_doc_para(d, "From %s to %s: birthdays and founding "
	    "anniversaries of customers and their contacts (02-29 on 02-28 "
	    "in other years), contract ends to renew, revisits due by "
	    "their cadence, an overdue one with the days past, and the "
	    "policy's festivals, one greeting per customer of the tiers "
	    "greeted. Owner: the customer's.", from, to);
	if (n == 0) {
		svc_doc_para(d, "No reminders.");
		svc_reminders_free(r);
		return 0;
	}
	t = svc_doc_table(d, "Reminders", 9, titles, types);
	svc_table_section(t, "reminders", NULL);
	t->cols[3].data = SVC_DATA_TEXT;
	t->cols[3].key = 1;
	for (size_t i = 0; i < n; i++) {
		const struct svc_reminder *x = &v[i];
		size_t row = svc_table_row(t, SVC_ROW_DATA);
		char day[16];

		svc_table_set(t, row, 0, svc_date_format(svc_day_midnight(
		    x->day), day));
		svc_table_num(t, row, 1, (double)x->left, 0)->alert =
		    x->left < 0;
		svc_table_set(t, row, 2, svc_reminder_what_name(x->what));
		svc_table_set(t, row, 3, x->customer);
		svc_table_set(t, row, 4, x->name);
		if (x->role[0] != '\0')
			svc_table_setf(t, row, 5, "%s (%s)", x->contact,
			    x->role);
		else
			svc_table_set(t, row, 5, x->contact);
		svc_table_set(t, row, 6, x->phone);
		detail(x, &b);
		svc_table_set(t, row, 7, b.s);
		/* the id for a spreadsheet's lookups, the name for people */
		if (x->owner[0] != '\0')
			svc_table_setf(t, row, 8, "%s %s", x->owner,
			    x->owner_name);
	}
	svc_buf_release(&b);
	svc_reminders_free(r);
	return 0;
}
