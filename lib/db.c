/*
 * db: db.h's public functions, in front of the backends (db-backend.h):
 * the choice of backend from the --db value, what every backend must do
 * alike, and one call through the handle's operations for the rest.
 */
#include <errno.h>
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
