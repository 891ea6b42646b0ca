/*
 * reminders: what of the customer archive (大客户档案, 宾客档案) falls
 * due in the next days, for whoever owns the customer to act on: the
 * birthdays of customers and of their contacts, firms' founding
 * anniversaries, contract ends (到期续保, 提前通知) and revisits due.
 *
 * The window is the as-of date and the days after it, [D, D + days],
 * whole local calendar days. A birthday or founding day (db.h) falls on
 * its next anniversary on or after D: the same month and day, 02-29 on
 * 02-28 in a year that is not a leap year (so the greeting is never
 * late); one whose year is given counts the years, and the day itself
 * (0 years) or a date after D is no anniversary. A contract end is
 * reminded of when its date is in the window; one already past is not
 * (it is no longer to renew, and would stay forever). A revisit is due
 * on the day lib/revisit.c's cadence says it is due by (revisit.h: the
 * last revisit's date plus every days or working days); one never made
 * is due on D; one due before D is overdue and kept, with negative days
 * left, since it is the most urgent of all. A festival of the policy's
 * [reminders] in the window is a greeting owed to each customer whose
 * tier is among its festival_tiers, on the festival's day.
 */
#ifndef SVC_REMINDERS_H
#define SVC_REMINDERS_H

#include <stddef.h>
#include <time.h>

#include "db.h"
#include "err.h"
#include "policy.h"
#include "report.h"
#include "revisit.h"
#include "table.h"

/* The window's default and its bounds, in days after the as-of date. */
#define SVC_REMINDERS_DAYS	7
#define SVC_REMINDERS_DAYS_MAX	366

enum svc_reminder_what {
	SVC_RM_CONTRACT, SVC_RM_REVISIT, SVC_RM_BIRTHDAY, SVC_RM_FOUNDED,
	SVC_RM_FESTIVAL
};

/* "contract end", "revisit", "birthday", "founded", "festival". */
const char *svc_reminder_what_name(enum svc_reminder_what w);

/* One reminder; strings owned by the svc_reminders. */
struct svc_reminder {
	long long day;		/* the day it falls on (period.h's numbers) */
	long left;		/* days from the as-of date; < 0: overdue */
	enum svc_reminder_what what;
	const char *customer, *name, *phone;	/* the customer's, or the
						   contact's phone */
	const char *owner, *owner_name;	/* the customer's owner; "" none */
	const char *contact, *role;	/* a contact's birthday; else "" */
	const char *date;	/* birthday, founded: the date as stored;
				   festival: its name */
	int years;		/* birthday, founded: 0 when no year */
	const struct svc_revisit_due *due;	/* revisit: its cadence */
	size_t seq;		/* the order found in, for a stable sort */
};

/*
 * The first day on or after from (a day number) that is an anniversary
 * of month m, day d: 02-29 falls on 02-28 in other years.
 */
long long svc_anniversary_next(int m, int d, long long from);

struct svc_reminders;

/*
 * Reminders under policy p (for revisit cadences; outlives r) from the
 * local date of as_of to days days after it (0 to SVC_REMINDERS_DAYS_MAX),
 * read from db: the roster, the customers and their contacts, and the
 * revisits up to as_of; the festivals are p's. Returns NULL with e set on a database error.
 * Caller frees with svc_reminders_free.
 */
struct svc_reminders *svc_reminders_db(const struct svc_policy *p,
    struct svc_db *db, time_t as_of, int days, struct svc_err *e);
void svc_reminders_free(struct svc_reminders *r);

/* The reminders in date order, then by customer id, what (in the enum's
 * order) and contact order. Borrowed from r. */
const struct svc_reminder *svc_reminders_rows(const struct svc_reminders *r,
    size_t *n);

/*
 * svc-report reminders: in->as_of's date and in->days after it (see
 * above), one table in date order: date, days left, what, customer,
 * name, contact (and role), phone, detail (the date and years, the
 * cadence and last revisit, or the festival's name), owner (id and name). Fills a caller-initialised
 * doc; 0, or -1 with e set.
 */
int svc_report_reminders(const struct svc_report_in *in, struct svc_doc *d,
    struct svc_err *e);

#endif
