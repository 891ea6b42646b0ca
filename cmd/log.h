/*
 * What the files of svc-log share: its options as parsed, the context a
 * command runs in, and the commands, which cmd/svc-log.c dispatches to.
 * Only cmd/svc-log.c matches cmd/svc-*.c, so the Makefile links the
 * others (cmd/log-events.c, cmd/log-order.c) into build/svc-log.
 */
#ifndef SVC_CMD_LOG_H
#define SVC_CMD_LOG_H

#include "csvio.h"
#include "db.h"
#include "err.h"
#include "ledger.h"
#include "policy.h"

/* An option's bit in struct opts' given, and its getopt_long value. */
enum {
	O_DB = 1 << 0, O_POLICY = 1 << 1, O_ENCODING = 1 << 2,
	O_IGNORE = 1 << 3, O_PERIOD = 1 << 4, O_STAFF = 1 << 5,
	O_KIND = 1 << 6, O_DEPT = 1 << 7, O_ACTIVE = 1 << 8, O_EXCEL = 1 << 9,
	O_BATCH = 1 << 10, O_REASON = 1 << 11, O_CUSTOMER = 1 << 12,
	O_MATTER = 1 << 13, O_CHANNEL = 1 << 14, O_FIRST = 1 << 15,
	O_DUE = 1 << 16, O_TS = 1 << 17, O_RESOLUTION = 1 << 18,
	O_STATUS = 1 << 19, O_OVERDUE = 1 << 20, O_AS_OF = 1 << 21,
	O_FORMAT = 1 << 22, O_LATE = 1 << 23, O_SHEET = 1 << 24,
	O_MAP = 1 << 25, O_DRY_RUN = 1 << 26, O_TO = 1 << 27,
	O_CATEGORY = 1 << 28, O_LAST = O_CATEGORY
};

#define COMMON (O_DB | O_POLICY)

struct opts {
	const char *db, *policy, *period, *staff, *kind, *dept, *reason;
	const char *batch;
	const char *customer, *matter, *channel, *first, *due, *ts;
	const char *resolution, *status, *as_of, *format, *map, *to;
	const char *category;
	struct svc_csv_opts csv;
	int active, excel, overdue, given;
};

/* main fills o, args and nargs; open_all the rest for the command. */
struct ctx {
	struct opts o;
	struct svc_db *db;
	struct svc_policy *policy;
	struct svc_ledger *ledger;
	struct svc_err e;
	char **args;
	int nargs;
};

/*
 * The commands: each returns 0, or -1 with c->e set; a usage error
 * exits 2 (svc_usage_error) before anything is written.
 */
int c_init(struct ctx *), c_roster(struct ctx *),
    c_customers(struct ctx *), c_contacts(struct ctx *), c_add(struct ctx *),
    c_import(struct ctx *), c_void(struct ctx *), c_list(struct ctx *),
    c_kinds(struct ctx *), c_check(struct ctx *), c_copy(struct ctx *),
    o_open(struct ctx *), o_assign(struct ctx *), o_close(struct ctx *),
    o_cancel(struct ctx *), o_wait(struct ctx *), o_resume(struct ctx *),
    o_notify(struct ctx *), o_list(struct ctx *);

/* svc_db_report: the new event's id (a long long *arg) on standard
 * output, written before it is committed. */
int print_id(void *arg, struct svc_err *e);

/* s as a positive id, or a usage error naming what ("--batch"). */
long long parse_id(const char *s, const char *what);

#endif
