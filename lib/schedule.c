#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "schedule.h"
#include "util.h"

struct person {
	char *id, *name, *unit, *position;
	int active;
};

struct entry {
	time_t t;
	size_t who;		/* index into the sorted staff */
};

struct owner {
	struct svc_sched_row row;
	const struct svc_schedule *sc;
	const char *unit;	/* borrowed from the policy; NULL: positions */
	char *label;
	struct entry *e;
	size_t n, cap;
	struct svc_sched_window *missed;
};

struct svc_schedules {
	const struct svc_policy *p;
	struct svc_period period;
	time_t at;
	int sorted;
	struct person *staff;
	size_t nstaff, capstaff;
	struct owner *own;
	size_t nown;
	struct svc_sched_row *rows;
};

const char *
svc_sched_status_name(enum svc_sched_status s)
{
	static const char *const names[] = { "no staff", "ok", "due",
	    "overdue" };

	return s <= SVC_SCHED_OVERDUE ? names[s] : "";
}

char *
svc_sched_every(const struct svc_schedule *sc, char *buf)
{
	snprintf(buf, 32, "%d/%s", sc->times, svc_period_kind_name(sc->per));
	return buf;
}

struct svc_schedules *
svc_schedules_new(const struct svc_policy *p, time_t as_of,
    const struct svc_period *period)
{
	struct svc_schedules *s = svc_xcalloc(1, sizeof(*s));
	size_t n = 0;

	s->p = p;
	if (period != NULL)
		s->period = *period;
	else
		svc_period_of(SVC_PERIOD_MONTH, as_of, &s->period);
	s->at = s->period.end - 1 < as_of ? s->period.end - 1 : as_of;
	for (size_t i = 0; i < p->nschedules; i++)
		n += p->schedules[i].units.n ? p->schedules[i].units.n : 1;
	s->own = svc_xcalloc(n ? n : 1, sizeof(*s->own));
	for (size_t i = 0; i < p->nschedules; i++) {
		const struct svc_schedule *sc = &p->schedules[i];

		for (size_t u = 0; u < (sc->units.n ? sc->units.n : 1); u++) {
			struct owner *o = &s->own[s->nown++];
			struct svc_buf b = { 0 };

			o->sc = sc;
			if (sc->units.n) {
				o->unit = sc->units.v[u];
				svc_buf_printf(&b, "%s", o->unit);
			} else
				for (size_t j = 0; j < sc->positions.n; j++)
					svc_buf_printf(&b, "%s%s", j ? ", " :
					    "", sc->positions.v[j]);
			o->label = b.s;
		}
	}
	return s;
}

void
svc_schedules_free(struct svc_schedules *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->nstaff; i++) {
		free(s->staff[i].id);
		free(s->staff[i].name);
		free(s->staff[i].unit);
		free(s->staff[i].position);
	}
	free(s->staff);
	for (size_t i = 0; i < s->nown; i++) {
		free(s->own[i].label);
		free(s->own[i].e);
		free(s->own[i].missed);
	}
	free(s->own);
	free(s->rows);
	free(s);
}

time_t
svc_schedules_at(const struct svc_schedules *s)
{
	return s->at;
}

static char *
dup(const char *s)
{
	return svc_xstrdup(s ? s : "");
}

void
svc_schedules_staff(struct svc_schedules *s, const struct svc_staff *st)
{
	if (s->nstaff == s->capstaff) {
		s->capstaff = s->capstaff ? 2 * s->capstaff : 64;
		s->staff = svc_xrealloc(s->staff, s->capstaff *
		    sizeof(*s->staff));
	}
	s->staff[s->nstaff++] = (struct person){ dup(st->id), dup(st->name),
	    dup(st->unit), dup(st->position), st->active };
}

static int
cmp_person(const void *a, const void *b)
{
	return strcmp(((const struct person *)a)->id,
	    ((const struct person *)b)->id);
}

static int
key_person(const void *key, const void *elem)
{
	return strcmp(key, ((const struct person *)elem)->id);
}

static void
sort_staff(struct svc_schedules *s)
{
	/* an empty array may be NULL, which qsort may not get */
	if (!s->sorted && s->nstaff > 0)
		qsort(s->staff, s->nstaff, sizeof(*s->staff), cmp_person);
	s->sorted = 1;
}

/* Whether person x is one of o's owners. */
static int
owes(const struct owner *o, const struct person *x)
{
	if (o->unit != NULL && strcmp(o->unit, x->unit) != 0)
		return 0;
	return o->sc->positions.n == 0 || svc_names_has(&o->sc->positions,
	    x->position);
}

void
svc_schedules_event(struct svc_schedules *s, const struct svc_event *ev)
{
	const struct person *x;

	sort_staff(s);
	if (ev->voided_by != 0 || ev->void_of != 0 || ev->t > s->at ||
	    s->nstaff == 0 || ev->staff == NULL || (x = bsearch(ev->staff,
	    s->staff, s->nstaff, sizeof(*s->staff), key_person)) == NULL)
		return;
	for (size_t i = 0; i < s->nown; i++) {
		struct owner *o = &s->own[i];

		if (!svc_names_has(&o->sc->kinds, ev->kind) ||
		    (!o->sc->anyone && !owes(o, x)))
			continue;
		if (o->n == o->cap) {
			o->cap = o->cap ? 2 * o->cap : 16;
			o->e = svc_xrealloc(o->e, o->cap * sizeof(*o->e));
		}
		o->e[o->n++] = (struct entry){ ev->t, (size_t)(x - s->staff) };
	}
}

static int
cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return (x->t > y->t) - (x->t < y->t);
}

/* Whether window w holds a working day under the policy's calendar. */
static int
has_workday(const struct svc_schedules *s, const struct svc_sched_window *w)
{
	for (long long d = svc_day_of(w->start); d <= svc_day_of(w->end - 1);
	    d++)
		if (svc_cal_is_workday(&s->p->calendar, d))
			return 1;
	return 0;
}

static void
judge(struct svc_schedules *s, struct owner *o)
{
	struct svc_sched_row *r = &o->row;
	struct svc_period pw;
	size_t next = 0, cap = 0;
	time_t t = s->period.start;

	if (o->n > 0)
		qsort(o->e, o->n, sizeof(*o->e), cmp_entry);
	for (size_t i = 0; i < s->nstaff; i++)
		r->staff += s->staff[i].active && owes(o, &s->staff[i]);
	if (o->n > 0) {
		const struct person *x = &s->staff[o->e[o->n - 1].who];

		r->has_last = 1;
		r->last = o->e[o->n - 1].t;
		r->last_staff = x->id;
		r->last_name = x->name;
	}
	r->status = SVC_SCHED_OK;
	/* a period judged before it begins has no window yet */
	while (t <= s->at) {
		struct svc_sched_window *w = &r->current;

		svc_period_of(o->sc->per, t, &pw);
		memset(w, 0, sizeof(*w));
		snprintf(w->name, sizeof(w->name), "%s", pw.name);
		w->start = pw.start;
		w->end = pw.end;
		while (next < o->n && o->e[next].t < w->start)
			next++;
		for (; next < o->n && o->e[next].t < w->end; next++)
			w->done++;
		w->owed = (o->sc->workdays && !has_workday(s, w)) ||
		    svc_day_of(w->end - 1) < o->sc->from ? 0 : o->sc->times;
		w->ended = w->end - 1 <= s->at;
		w->status = w->done >= w->owed ? SVC_SCHED_OK : w->ended ?
		    SVC_SCHED_OVERDUE : SVC_SCHED_DUE;
		if (w->status > r->status)
			r->status = w->status;
		if (w->status == SVC_SCHED_OVERDUE) {
			if (r->nmissed == cap) {
				cap = cap ? 2 * cap : 8;
				o->missed = svc_xrealloc(o->missed, cap *
				    sizeof(*o->missed));
			}
			o->missed[r->nmissed++] = *w;
		}
		r->windows++;
		t = w->end;
	}
	r->missed = o->missed;
	if (r->staff == 0) {
		r->status = SVC_SCHED_NOBODY;
		r->nmissed = 0;
	}
}

void
svc_schedules_finish(struct svc_schedules *s)
{
	sort_staff(s);
	free(s->rows);
	s->rows = svc_xcalloc(s->nown ? s->nown : 1, sizeof(*s->rows));
	for (size_t i = 0; i < s->nown; i++) {
		struct owner *o = &s->own[i];

		free(o->missed);
		memset(&o->row, 0, sizeof(o->row));
		o->missed = NULL;
		o->row.sched = o->sc;
		o->row.owner = o->label;
		judge(s, o);
		s->rows[i] = o->row;
	}
}

const struct svc_sched_row *
svc_schedules_rows(const struct svc_schedules *s, size_t *n)
{
	*n = s->nown;
	return s->rows;
}

static int
feed_staff(void *arg, const struct svc_staff *st)
{
	svc_schedules_staff(arg, st);
	return 0;
}

static int
feed_event(void *arg, const struct svc_event *ev)
{
	svc_schedules_event(arg, ev);
	return 0;
}

int
svc_schedules_db(struct svc_schedules *s, struct svc_db *db,
    struct svc_err *e)
{
	struct svc_event_filter f = { 0 };

	f.has_range = 1;
	f.start = 0;
	f.end = s->at + 1;
	f.active = 1;
	if (s->p->nschedules > 0 && (svc_db_staff_each(db, feed_staff, s,
	    e) < 0 || svc_db_events_each(db, &f, feed_event, s, e) < 0))
		return -1;
	svc_schedules_finish(s);
	return 0;
}
