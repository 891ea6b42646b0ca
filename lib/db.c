/*
 * db: db.h's public functions, in front of the backends (db-backend.h):
 * the choice of backend from the --db value, what every backend must do
 * alike, and one call through the handle's operations for the rest.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-backend.h"
#include "util.h"

int
svc_db_is_pg(const char *where)
{
	return strncmp(where, "postgresql://", 13) == 0 ||
	    strncmp(where, "postgres://", 11) == 0;
}

char *
svc_db_mask(const char *where)
{
	struct svc_buf b = { 0 };
	const char *p, *end, *at, *q;

	if (!svc_db_is_pg(where))
		return svc_xstrdup(where);
	/* libpq's reading: the user info ends at the first '@' before the
	 * path ('/') or the parameters ('?') */
	p = strstr(where, "://") + 3;
	end = p + strcspn(p, "/?");
	at = memchr(p, '@', (size_t)(end - p));
	svc_buf_add(&b, where, (size_t)(p - where));
	if (at != NULL) {
		q = memchr(p, ':', (size_t)(at - p));
		svc_buf_add(&b, p, (size_t)((q ? q : at) - p));
		p = at;
	}
	q = strchr(p, '?');
	svc_buf_add(&b, p, q ? (size_t)(q - p) : strlen(p));
	if (q != NULL) {
		char sep = '?';

		for (q++; *q != '\0'; q += *q == '&') {
			size_t n = strcspn(q, "&");

			if (strncmp(q, "password=", 9) != 0) {
				svc_buf_add(&b, &sep, 1);
				svc_buf_add(&b, q, n);
				sep = '&';
			}
			q += n;
		}
	}
	return b.s;
}

struct svc_db *
svc_db_open(const char *where, enum svc_db_mode mode, struct svc_err *e)
{
	if (svc_db_is_pg(where))
		return svc_db_pg_open(where, mode, e);
	return svc_db_sqlite_open(where, mode, e);
}

void
svc_db_close(struct svc_db *db)
{
	if (db != NULL)
		db->ops->close(db);
}

const char *
svc_db_checkpoint(struct svc_db *db)
{
	return db->ops->checkpoint(db);
}

int
svc_db_begin(struct svc_db *db, struct svc_err *e)
{
	return db->ops->begin(db, e);
}

void
svc_db_output(struct svc_db *db, FILE *out)
{
	db->out = out;
}

void
svc_db_report(struct svc_db *db, int (*fn)(void *arg, struct svc_err *e),
    void *arg)
{
	db->report = fn;
	db->report_arg = arg;
}

/* Whether the command's results were written and reached their file: 0,
 * or -1 with e. */
static int
output_flushed(struct svc_db *db, struct svc_err *e)
{
	if (db->report != NULL && db->report(db->report_arg, e) < 0)
		return -1;
	if (db->out == NULL)
		return 0;
	errno = 0;
	if (fflush(db->out) == 0 && !ferror(db->out))
		return 0;
	return svc_err_sys(e, NULL, errno ? errno : EIO, "write error on "
	    "standard output, nothing stored");
}

int
svc_db_commit(struct svc_db *db, struct svc_err *e)
{
	if (output_flushed(db, e) < 0) {
		db->ops->rollback(db);
		return -1;
	}
	return db->ops->commit(db, e);
}

void
svc_db_rollback(struct svc_db *db)
{
	db->ops->rollback(db);
}

const char *
svc_db_path(const struct svc_db *db)
{
	return db->path;
}

int
svc_db_found_version(const struct svc_db *db)
{
	return db->found_version;
}

void
svc_staff_release(struct svc_staff *s)
{
	free(s->id);
	free(s->name);
	free(s->dept);
	free(s->position);
	free(s->unit);
	free(s->supervisor);
	free(s->leader);
	memset(s, 0, sizeof(*s));
}

void
svc_customer_release(struct svc_customer *c)
{
	free(c->id);
	free(c->name);
	free(c->tier);
	free(c->contact);
	free(c->owner);
	free(c->birthday);
	free(c->founded);
	free(c->contract_end);
	memset(c, 0, sizeof(*c));
}

void
svc_order_release(struct svc_order *o)
{
	free(o->opened);
	free(o->customer);
	free(o->channel);
	free(o->dept);
	free(o->matter);
	free(o->first_asked);
	free(o->assignee);
	free(o->due);
	free(o->status);
	free(o->closed);
	free(o->resolution);
	free(o->reason);
	free(o->category);
	free(o->fields);
	free(o->notified);
	memset(o, 0, sizeof(*o));
}

int
svc_db_staff_put(struct svc_db *db, const struct svc_staff *s,
    struct svc_err *e)
{
	return db->ops->staff_put(db, s, e);
}

int
svc_db_customer_put(struct svc_db *db, const struct svc_customer *c,
    struct svc_err *e)
{
	return db->ops->customer_put(db, c, e);
}

int
svc_db_staff_get(struct svc_db *db, const char *id, struct svc_staff *s,
    struct svc_err *e)
{
	return db->ops->staff_get(db, id, s, e);
}

int
svc_db_customer_get(struct svc_db *db, const char *id,
    struct svc_customer *c, struct svc_err *e)
{
	return db->ops->customer_get(db, id, c, e);
}

int
svc_db_staff_each(struct svc_db *db,
    int (*fn)(void *arg, const struct svc_staff *s), void *arg,
    struct svc_err *e)
{
	return db->ops->staff_each(db, fn, arg, e);
}

int
svc_db_customer_each(struct svc_db *db,
    int (*fn)(void *arg, const struct svc_customer *c), void *arg,
    struct svc_err *e)
{
	return db->ops->customer_each(db, fn, arg, e);
}

int
svc_db_contacts_put(struct svc_db *db, const char *customer,
    const struct svc_contact *v, size_t n, struct svc_err *e)
{
	return db->ops->contacts_put(db, customer, v, n, e);
}

int
svc_db_contacts_each(struct svc_db *db,
    int (*fn)(void *arg, const struct svc_contact *c), void *arg,
    struct svc_err *e)
{
	return db->ops->contacts_each(db, fn, arg, e);
}

long long
svc_db_batch_new(struct svc_db *db, const char *tool,
    const char *source, const char *user, struct svc_err *e)
{
	return db->ops->batch_new(db, tool, source, user, e);
}

int
svc_db_import_begin(struct svc_db *db, struct svc_err *e)
{
	return db->ops->import_begin(db, e);
}

int
svc_db_import_rows(struct svc_db *db, const struct svc_event *evs,
    size_t n, long *added, svc_db_skipped_fn skipped, void *arg,
    struct svc_err *e)
{
	return db->ops->import_rows(db, evs, n, added, skipped, arg, e);
}

int
svc_db_import_one(struct svc_db *db, const struct svc_event *ev,
    long long *id, struct svc_err *e)
{
	return db->ops->import_one(db, ev, id, e);
}

int
svc_db_import_end(struct svc_db *db, struct svc_err *e)
{
	return db->ops->import_end(db, e);
}

int
svc_db_event_add(struct svc_db *db, const struct svc_event *ev,
    long long *id, struct svc_err *e)
{
	return db->ops->event_add(db, ev, id, e);
}

int
svc_db_event_get(struct svc_db *db, long long id, struct svc_event *ev,
    struct svc_err *e)
{
	return db->ops->event_get(db, id, ev, e);
}

int
svc_db_event_by_uid(struct svc_db *db, const char *uid,
    struct svc_event *ev, struct svc_err *e)
{
	return db->ops->event_by_uid(db, uid, ev, e);
}

int
svc_db_events_each(struct svc_db *db, const struct svc_event_filter *f,
    int (*fn)(void *arg, const struct svc_event *ev), void *arg,
    struct svc_err *e)
{
	return db->ops->events_each(db, f, fn, arg, e);
}

int
svc_db_events_scan(struct svc_db *db, time_t start, time_t end,
    int (*fn)(void *arg, const struct svc_event *ev), void *arg,
    struct svc_err *e)
{
	return db->ops->events_scan(db, start, end, fn, arg, e);
}

int
svc_db_order_add(struct svc_db *db, const struct svc_order *o,
    long long *id, struct svc_err *e)
{
	return db->ops->order_add(db, o, id, e);
}

int
svc_db_order_update(struct svc_db *db, const struct svc_order *o,
    struct svc_err *e)
{
	return db->ops->order_update(db, o, e);
}

int
svc_db_order_get(struct svc_db *db, long long id, struct svc_order *o,
    struct svc_err *e)
{
	return db->ops->order_get(db, id, o, e);
}

int
svc_db_event_last(struct svc_db *db, const char *staff,
    const char *kind, const char *prefix, time_t *t, long long *id,
    struct svc_err *e)
{
	return db->ops->event_last(db, staff, kind, prefix, t, id, e);
}

int
svc_db_order_of_revisit(struct svc_db *db, long long revisit,
    struct svc_order *o, struct svc_err *e)
{
	return db->ops->order_of_revisit(db, revisit, o, e);
}

int
svc_db_order_wait(struct svc_db *db, long long order, time_t t,
    const char *reason, struct svc_err *e)
{
	return db->ops->order_wait(db, order, t, reason, e);
}

int
svc_db_order_waits_each(struct svc_db *db, long long order,
    int (*fn)(void *arg, const struct svc_order_wait *w), void *arg,
    struct svc_err *e)
{
	return db->ops->order_waits_each(db, order, fn, arg, e);
}

int
svc_db_orders_each(struct svc_db *db,
    int (*fn)(void *arg, const struct svc_order *o), void *arg,
    struct svc_err *e)
{
	return db->ops->orders_each(db, fn, arg, e);
}

int
svc_db_scores_save(struct svc_db *db, const char *period,
    const char *policy, const char *hash, const struct svc_score *const *rows,
    size_t n, struct svc_err *e)
{
	return db->ops->scores_save(db, period, policy, hash, rows, n, e);
}

int
svc_db_scores_each(struct svc_db *db, const char *policy,
    int (*fn)(void *arg, const char *period, const struct svc_score *row),
    void *arg, struct svc_err *e)
{
	return db->ops->scores_each(db, policy, fn, arg, e);
}

int
svc_db_award_add(struct svc_db *db, const struct svc_db_award *a,
    long long *id, struct svc_err *e)
{
	return db->ops->award_add(db, a, id, e);
}

int
svc_db_award_post(struct svc_db *db, long long id, const char *from,
    const char *until, const char *payable, struct svc_err *e)
{
	return db->ops->award_post(db, id, from, until, payable, e);
}

int
svc_db_award_status_add(struct svc_db *db, long long award,
    const char *status, const char *on, const char *who, const char *note,
    struct svc_err *e)
{
	return db->ops->award_status_add(db, award, status, on, who, note, e);
}

int
svc_db_award_status(struct svc_db *db, long long id, char *status,
    size_t n, struct svc_err *e)
{
	return db->ops->award_status(db, id, status, n, e);
}

int
svc_db_awards_each(struct svc_db *db, const char *policy,
    const char *period,
    int (*fn)(void *arg, const struct svc_db_award *a), void *arg,
    struct svc_err *e)
{
	return db->ops->awards_each(db, policy, period, fn, arg, e);
}

int
svc_db_award_last_change(struct svc_db *db, const char *policy,
    const char *period, const char *status, char on[16], char who[64],
    struct svc_err *e)
{
	return db->ops->award_last_change(db, policy, period, status, on, who, e);
}

int
svc_db_award_changes_each(struct svc_db *db,
    const struct svc_db_award_filter *f,
    int (*fn)(void *arg, const struct svc_db_award *a), void *arg,
    struct svc_err *e)
{
	return db->ops->award_changes_each(db, f, fn, arg, e);
}

int
svc_db_objection_add(struct svc_db *db, long long award,
    const char *reason, const char *on, const char *who, long long *id,
    struct svc_err *e)
{
	return db->ops->objection_add(db, award, reason, on, who, id, e);
}

int
svc_db_objection_get(struct svc_db *db, long long id, long long *award,
    int *decided, struct svc_err *e)
{
	return db->ops->objection_get(db, id, award, decided, e);
}

int
svc_db_objection_decide(struct svc_db *db, long long id,
    long long award, const char *outcome, const char *on, const char *who,
    struct svc_err *e)
{
	return db->ops->objection_decide(db, id, award, outcome, on, who, e);
}

int
svc_db_batch_late(struct svc_db *db, long long batch, const char *reason,
    struct svc_err *e)
{
	return db->ops->batch_late(db, batch, reason, e);
}

int
svc_db_paid_periods(struct svc_db *db, const char *policy,
    int (*fn)(void *arg, const char *period, const char *on,
    const char *at), void *arg, struct svc_err *e)
{
	return db->ops->paid_periods(db, policy, fn, arg, e);
}

/*
 * What svc_db_copy copies: every table, each after those it refers to,
 * with its columns, their types ('i' integer, 'r' double, 't' text) and
 * its key, the order rows are read and written in (so that an event
 * voiding another comes after it).
 */
static const struct copy_table {
	const char *name, *cols, *types, *key;
} copy_tables[] = {
	{ "staff", "id, name, dept, position, unit, supervisor, leader,"
	    " active", "ttttttti", "id" },
	{ "customer", "id, name, tier, contact, owner, birthday, founded,"
	    " contract_end", "tttttttt", "id" },
	{ "customer_contact", "customer, seq, name, role, phone, birthday",
	    "titttt", "customer, seq" },
	{ "batch", "id, started, tool, source, logged_by, after, late_reason",
	    "ittttit", "id" },
	{ "event", "id, t, staff, kind, value, customer, channel, dept, note,"
	    " uid, logged, void_of, batch, fields", "iittrtttttiiit", "id" },
	{ "work_order", "id, opened, opened_t, customer, channel, dept,"
	    " matter, first_asked, assignee, due, due_t, status, closed,"
	    " closed_t, resolution, reason, revisit, category, fields,"
	    " notified, notified_t, due_work", "ititttttttittittitttii", "id" },
	{ "work_order_wait", "id, work_order, began, ended, reason", "iiiit",
	    "id" },
	{ "score", "period, policy, policy_hash, staff, name, dept, position,"
	    " unit, base, deductions, bonuses, joint, score, complaints,"
	    " praises, events, eligible, reason, saved_at",
	    "ttttttttrrrrriiiitt", "period, policy, staff" },
	{ "award", "id, period, policy, policy_hash, staff, name, dept, type,"
	    " award, amount, action, rank, consecutive, badge, reason,"
	    " posted_from, posted_until, payable, saved_at",
	    "ittttttttrtiitttttt", "id" },
	{ "award_status", "id, award, status, on_date, who, at, note",
	    "iittttt", "id" },
	{ "objection", "id, award, reason, on_date, who, at", "iitttt", "id" },
	{ "objection_outcome", "objection, outcome, on_date, who, at",
	    "itttt", "objection" },
};

#define COPY_TABLES (sizeof(copy_tables) / sizeof(copy_tables[0]))

const char *const svc_db_tables[] = {
	"staff", "customer", "customer_contact", "batch", "event",
	"work_order", "work_order_wait", "score", "award", "award_status",
	"objection", "objection_outcome", NULL
};

_Static_assert(sizeof(svc_db_tables) / sizeof(svc_db_tables[0]) ==
    COPY_TABLES + 1, "every table copied");

/* FNV-1a 64 over n bytes. */
static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* A row into the checksum: each cell typed, a double by its bits'
 * shortest exact text, cells and rows ended by separators. */
static uint64_t
row_sum(uint64_t h, const struct svc_db_cell *row, size_t n)
{
	char num[32];

	for (size_t i = 0; i < n; i++) {
		const struct svc_db_cell *c = &row[i];
		char tag = "NIRT"[c->type];

		h = fnv(h, &tag, 1);
		if (c->type == SVC_DB_INT)
			snprintf(num, sizeof(num), "%lld", c->i);
		else if (c->type == SVC_DB_REAL)
			snprintf(num, sizeof(num), "%.17g", c->d);
		if (c->type == SVC_DB_INT || c->type == SVC_DB_REAL)
			h = fnv(h, num, strlen(num));
		else if (c->type == SVC_DB_TEXT)
			h = fnv(h, c->s, strlen(c->s));
		h = fnv(h, "\x1f", 1);
	}
	return fnv(h, "\x1e", 1);
}

struct copy_run {
	struct svc_db *to;	/* NULL: only counting */
	const struct copy_table *t;
	long long rows;
	uint64_t sum;
	struct svc_err *e;
};

static int
copy_row(void *arg, const struct svc_db_cell *row)
{
	struct copy_run *r = arg;
	size_t n = strlen(r->t->types);

	r->rows++;
	r->sum = row_sum(r->sum, row, n);
	if (r->to != NULL && r->to->ops->row_put(r->to, r->t->name,
	    r->t->cols, row, n, r->e) < 0)
		return -1;
	return 0;
}

/* Reads every table of db in key order (into to when not NULL): counts
 * and the events' checksum. 0 or -1. */
static int
copy_pass(struct svc_db *db, struct svc_db *to, long long *counts,
    uint64_t *sum, struct svc_err *e)
{
	struct svc_buf sel = { 0 };
	int rc = 0;

	*sum = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < COPY_TABLES && rc == 0; i++) {
		const struct copy_table *t = &copy_tables[i];
		struct copy_run r = { to, t, 0, *sum, e };

		svc_buf_reset(&sel);
		svc_buf_printf(&sel, "SELECT %s FROM %s ORDER BY %s", t->cols,
		    t->name, t->key);
		if (db->ops->rows_each(db, sel.s, t->types, copy_row, &r, e) !=
		    0 || (to != NULL && to->ops->rows_flush(to, e) < 0))
			rc = -1;
		counts[i] = r.rows;
		if (strcmp(t->name, "event") == 0)
			*sum = r.sum;
	}
	svc_buf_release(&sel);
	return rc;
}

int
svc_db_copy(struct svc_db *from, struct svc_db *to, long long *counts,
    char sum[17], struct svc_err *e)
{
	long long there[COPY_TABLES], back[COPY_TABLES];
	uint64_t got, check;

	if (copy_pass(to, NULL, there, &got, e) < 0)
		return -1;
	for (size_t i = 0; i < COPY_TABLES; i++)
		if (there[i] > 0)
			return svc_err_set(e, to->path, 0, NULL, "not an empty "
			    "ledger (%lld rows in %s): copy only into an empty "
			    "one", there[i], copy_tables[i].name);
	if (svc_db_begin(from, e) < 0)
		return -1;
	if (svc_db_begin(to, e) < 0)
		goto fail;
	if (copy_pass(from, to, counts, &got, e) < 0)
		goto fail;
	/* what was written, read back inside the same transaction */
	if (copy_pass(to, NULL, back, &check, e) < 0)
		goto fail;
	for (size_t i = 0; i < COPY_TABLES; i++)
		if (back[i] != counts[i]) {
			svc_err_set(e, to->path, 0, NULL, "copy: %s: %lld rows "
			    "read back of %lld copied", copy_tables[i].name,
			    back[i], counts[i]);
			goto fail;
		}
	if (check != got) {
		svc_err_set(e, to->path, 0, NULL, "copy: the events read back "
		    "differ from those copied (checksum %016llx, not %016llx)",
		    (unsigned long long)check, (unsigned long long)got);
		goto fail;
	}
	if (svc_db_commit(to, e) < 0)
		goto fail;
	svc_db_rollback(from);
	snprintf(sum, 17, "%016llx", (unsigned long long)got);
	return 0;
fail:
	svc_db_rollback(to);
	svc_db_rollback(from);
	return -1;
}
