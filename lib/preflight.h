/*
 * preflight: a pre-flight of a policy against a ledger (svc-log check), for
 * cron before the monthly run and for people after editing a policy or
 * a roster. It reads only; what it finds is a list of values for cmd/
 * to print, one line each: "error|warning|info: WHERE: message".
 *
 * An error is what makes scoring the checked period fail or come out
 * wrong (the roster's chain of command broken, events of an unknown kind
 * or of staff with no roster row in that period, working days counted
 * with no [calendar]); a warning what is valid but works against the
 * document (a position or unit nobody holds, a customer or staff id a
 * limit matches or a tier greeted on festivals that the ledger lacks,
 * overlapping tiers, events
 * changed after a period was paid, a [calendar] that does not name the
 * year of the checked period or of the latest events);
 * info what is worth knowing and often meant (a gap between tiers, as
 * scheme A's 80-84). svc-log(1) CHECK lists every finding.
 */
#ifndef SVC_PREFLIGHT_H
#define SVC_PREFLIGHT_H

#include <stddef.h>

#include "db.h"
#include "err.h"
#include "period.h"
#include "policy.h"

enum svc_finding_level {
	SVC_FINDING_ERROR = 0,
	SVC_FINDING_WARNING,
	SVC_FINDING_INFO
};

struct svc_finding {
	enum svc_finding_level level;
	char *where;		/* "smile.ini:42", "roster: G007",
				   "customer KH005", "event 1234" */
	char *msg;		/* lower case, no trailing newline */
	long line;		/* the policy's line; 0: not about the policy */
};

/* Zero it to start; svc_preflight_release frees what svc_preflight_run put in. */
struct svc_preflight {
	struct svc_finding *v;
	size_t n, cap;
	size_t nerrors, nwarnings, ninfos;
};

/*
 * Checks policy p (loaded, its zone applied) against the ledger db and
 * appends the findings to c, in a stable order: errors, then warnings,
 * then information; within a level, those about the policy by line,
 * then the roster's (rows by staff id, then loops in the chain of
 * command), the customers' (by id), the ledger's (kinds the policy
 * lacks, staff the roster lacks, missing assessments, events in paid
 * periods). period is the period whose scoring the check is for: events of
 * unknown kinds or staff in it are errors (elsewhere warnings), and
 * with a policy whose base is the mean of assessments, active staff with
 * none in it are warned about. now is "today" for period names saved
 * with paid awards. Reads only. Returns 0, or -1 with e set when the
 * ledger cannot be read (c then holds what was found so far).
 */
int svc_preflight_run(struct svc_db *db, const struct svc_policy *p,
    const struct svc_period *period, time_t now, struct svc_preflight *c,
    struct svc_err *e);

/* Frees the findings and zeroes c. */
void svc_preflight_release(struct svc_preflight *c);

/* "error", "warning" or "info". */
const char *svc_finding_level_name(enum svc_finding_level l);

#endif
