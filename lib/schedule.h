/*
 * schedule: checklists on a schedule ([schedule.NAME], policy.h), such
 * as 热线科每天4次消毒 or a weekly 5S check, judged at a moment.
 *
 * An entry is an event of one of the schedule's kinds, neither voided
 * nor voiding. It counts for an owner: with units, the unit of its staff
 * member (the roster's unit now), when that is one of them and, with
 * positions too, the staff member holds one of those; with positions
 * only, one owner, any holder of one of them; with done_by = anyone,
 * every entry counts for the one owner. A staff member not in the roster
 * makes no entry.
 *
 * Windows are local days, ISO weeks (Monday first) or calendar months.
 * The moment judged is the as-of time, or the period's last second when
 * that comes first; the windows judged are those that overlap the period
 * from its start up to that moment, each counted whole up to it. A
 * window owes times entries; nothing when it ends before the schedule's
 * from date, or with days = workdays when none of its days is a working
 * day under the policy's [calendar]. A window
 * has ended once its last second has come (an as-of date alone judges
 * that day as complete). A window is ok with as many entries as it owes,
 * overdue when it ended with fewer, due while it is short and running.
 * An owner's status is the most urgent of its windows'; an owner with no
 * active staff member in the roster is not judged (SVC_SCHED_NOBODY):
 * nobody can owe its checklist, which is the roster's or the policy's
 * mistake to show, not a missed check.
 */
#ifndef SVC_SCHEDULE_H
#define SVC_SCHEDULE_H

#include <stddef.h>
#include <time.h>

#include "db.h"
#include "err.h"
#include "period.h"
#include "policy.h"

enum svc_sched_status {
	SVC_SCHED_NOBODY = 0,	/* no active staff member owes it */
	SVC_SCHED_OK, SVC_SCHED_DUE, SVC_SCHED_OVERDUE	/* by urgency */
};

/* "no staff", "ok", "due", "overdue". */
const char *svc_sched_status_name(enum svc_sched_status s);

/* "4/day", "1/week": a schedule's every as the policy writes it, into
 * buf[32]. */
char *svc_sched_every(const struct svc_schedule *sc, char *buf);

struct svc_sched_window {
	char name[48];		/* "2026-11-18", "2026-W47", "2026-11" */
	time_t start, end;	/* [start, end) */
	long done;		/* entries in it, up to the moment judged */
	int owed;		/* times, or 0 */
	int ended;
	enum svc_sched_status status;	/* OK, DUE or OVERDUE */
};

/* One owner of one schedule. Strings and windows owned by the
 * svc_schedules. */
struct svc_sched_row {
	const struct svc_schedule *sched;	/* borrowed from the policy */
	const char *owner;	/* the unit, else the positions, ", " */
	long staff;		/* active roster members who owe it */
	struct svc_sched_window current;	/* holding the moment judged */
	int has_last;
	time_t last;		/* the latest entry up to then */
	const char *last_staff, *last_name;	/* who made it */
	const struct svc_sched_window *missed;	/* windows of the period
						   that ended short, in
						   order */
	size_t nmissed;
	long windows;		/* windows judged, the current one too; 0
				   (and current all 0) when the period
				   begins after the moment judged */
	enum svc_sched_status status;
};

struct svc_schedules;

/*
 * A computation of every schedule of p (which outlives it) at as_of over
 * period (NULL: the month holding as_of). Caller frees with
 * svc_schedules_free.
 */
struct svc_schedules *svc_schedules_new(const struct svc_policy *p,
    time_t as_of, const struct svc_period *period);
void svc_schedules_free(struct svc_schedules *s);

/* The moment judged: as_of, or the period's last second if earlier. */
time_t svc_schedules_at(const struct svc_schedules *s);

/* The roster, all of it before the first event. Copies what it keeps. */
void svc_schedules_staff(struct svc_schedules *s, const struct svc_staff *st);

/* Counts one event (any order): passes over events that are no entry of
 * any schedule and those after the moment judged. */
void svc_schedules_event(struct svc_schedules *s, const struct svc_event *ev);

/*
 * Computes the rows: the schedules in policy order, each one's owners in
 * the order its units are named. Borrowed from s; call once after the
 * last event.
 */
void svc_schedules_finish(struct svc_schedules *s);
const struct svc_sched_row *svc_schedules_rows(const struct svc_schedules *s,
    size_t *n);

/* Feeds s the roster and the events up to the moment judged from db,
 * then finishes it. Returns 0 or -1. */
int svc_schedules_db(struct svc_schedules *s, struct svc_db *db,
    struct svc_err *e);

#endif
