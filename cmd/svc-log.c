/*
 * svc-log: the only writer of events. Wiring only; the work is in
 * lib/ledger.c, lib/db.c, lib/order.c (work orders), lib/entry.c (the
 * interactive loop) and lib/preflight.c (svc-log check).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "preflight.h"
#include "sheetmap.h"
#include "cli.h"
#include "csvio.h"
#include "db.h"
#include "entry.h"
#include "ledger.h"
#include "order.h"
#include "period.h"
#include "policy.h"
#include "table.h"
#include "util.h"
#include "xlsx.h"

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

static const struct option longopts[] = {
	{ "db", required_argument, NULL, O_DB },
	{ "policy", required_argument, NULL, O_POLICY },
	{ "encoding", required_argument, NULL, O_ENCODING },
	{ "ignore-extra", no_argument, NULL, O_IGNORE },
	{ "period", required_argument, NULL, O_PERIOD },
	{ "staff", required_argument, NULL, O_STAFF },
	{ "kind", required_argument, NULL, O_KIND },
	{ "dept", required_argument, NULL, O_DEPT },
	{ "active", no_argument, NULL, O_ACTIVE },
	{ "excel", no_argument, NULL, O_EXCEL },
	{ "batch", required_argument, NULL, O_BATCH },
	{ "reason", required_argument, NULL, O_REASON },
	{ "customer", required_argument, NULL, O_CUSTOMER },
	{ "matter", required_argument, NULL, O_MATTER },
	{ "channel", required_argument, NULL, O_CHANNEL },
	{ "first", required_argument, NULL, O_FIRST },
	{ "due", required_argument, NULL, O_DUE },
	{ "ts", required_argument, NULL, O_TS },
	{ "resolution", required_argument, NULL, O_RESOLUTION },
	{ "status", required_argument, NULL, O_STATUS },
	{ "overdue", no_argument, NULL, O_OVERDUE },
	{ "as-of", required_argument, NULL, O_AS_OF },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "late", no_argument, NULL, O_LATE },
	{ "sheet", required_argument, NULL, O_SHEET },
	{ "map", required_argument, NULL, O_MAP },
	{ "dry-run", no_argument, NULL, O_DRY_RUN },
	{ "to", required_argument, NULL, O_TO },
	{ "category", required_argument, NULL, O_CATEGORY },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

struct opts {
	const char *db, *policy, *period, *staff, *kind, *dept, *reason;
	const char *batch;
	const char *customer, *matter, *channel, *first, *due, *ts;
	const char *resolution, *status, *as_of, *format, *map, *to;
	const char *category;
	struct svc_csv_opts csv;
	int active, excel, overdue, given;
};

struct ctx {
	struct opts o;
	struct svc_db *db;
	struct svc_policy *policy;
	struct svc_ledger *ledger;
	struct svc_err e;
	char **args;
	int nargs;
};

static int c_init(struct ctx *), c_roster(struct ctx *),
    c_customers(struct ctx *), c_contacts(struct ctx *), c_add(struct ctx *),
    c_import(struct ctx *), c_void(struct ctx *), c_list(struct ctx *),
    c_kinds(struct ctx *), c_check(struct ctx *), c_copy(struct ctx *),
    o_open(struct ctx *), o_assign(struct ctx *), o_close(struct ctx *),
    o_cancel(struct ctx *), o_wait(struct ctx *), o_resume(struct ctx *),
    o_notify(struct ctx *), o_list(struct ctx *);

#define COMMON (O_DB | O_POLICY)
struct command {
	const char *name;
	int (*run)(struct ctx *);
	int opts, min, max;
	int needs;		/* 1: the database; 2: also a ledger; 3: and a
				   policy, as it writes events of its kinds */
	const struct command *sub;	/* "order": its subcommands */
};

/* Subcommands of "order"; the name after the space is what is typed. */
static const struct command order_commands[] = {
	{ "order open", o_open, COMMON | O_CUSTOMER | O_MATTER | O_CHANNEL |
	    O_DEPT | O_FIRST | O_DUE | O_TS | O_CATEGORY, 0, 64, 2, NULL },
	{ "order assign", o_assign, COMMON | O_TS, 2, 2, 2, NULL },
	{ "order close", o_close, COMMON | O_RESOLUTION | O_TS, 1, 1, 2,
	    NULL },
	{ "order cancel", o_cancel, COMMON | O_REASON | O_TS, 1, 1, 2, NULL },
	{ "order wait", o_wait, COMMON | O_REASON | O_TS, 1, 1, 2, NULL },
	{ "order resume", o_resume, COMMON | O_TS, 1, 1, 2, NULL },
	{ "order notify", o_notify, COMMON | O_TS, 1, 1, 2, NULL },
	/* the policy's hours judge waits of orders due in work hours */
	{ "order list", o_list, COMMON | O_STATUS | O_OVERDUE | O_AS_OF |
	    O_EXCEL, 0, 0, 1, NULL },
	{ NULL, NULL, 0, 0, 0, 0, NULL }
};

static const struct command commands[] = {
	{ "init", c_init, O_DB, 0, 0, 0, NULL },
	{ "roster", c_roster, COMMON | O_ENCODING | O_IGNORE | O_SHEET, 1, 1, 1,
	    NULL },
	{ "customers", c_customers, COMMON | O_ENCODING | O_IGNORE | O_SHEET,
	    1, 1, 1, NULL },
	{ "contacts", c_contacts, COMMON | O_ENCODING | O_IGNORE | O_SHEET,
	    1, 1, 1, NULL },
	{ "add", c_add, COMMON | O_LATE | O_REASON, 2, 64, 3, NULL },
	{ "import", c_import, COMMON | O_ENCODING | O_IGNORE | O_LATE |
	    O_REASON | O_SHEET | O_MAP | O_DRY_RUN, 1, 1, 3, NULL },
	{ "void", c_void, COMMON | O_BATCH | O_REASON, 0, 1, 2, NULL },
	{ "list", c_list, COMMON | O_PERIOD | O_STAFF | O_KIND | O_DEPT |
	    O_ACTIVE | O_EXCEL | O_BATCH | O_FORMAT, 0, 0, 1, NULL },
	{ "kinds", c_kinds, O_POLICY, 0, 0, 0, NULL },
	{ "check", c_check, COMMON | O_PERIOD | O_AS_OF, 0, 0, 1, NULL },
	{ "copy", c_copy, O_DB | O_TO, 0, 0, 1, NULL },
	{ "order", NULL, 0, 1, 64, 0, order_commands },
};

static void
usage(FILE *f)
{
	fprintf(f,
"usage: svc-log [--db FILE] [--policy FILE] [--late --reason TEXT]\n"
"                                                        (interactive)\n"
"       svc-log init\n"
"       svc-log roster FILE | customers FILE | contacts FILE\n"
"                    [--encoding ENC] [--ignore-extra] [--sheet NAME]\n"
"       svc-log add KIND STAFF [field=value ...] [--late --reason TEXT]\n"
"       svc-log import FILE  [--encoding ENC] [--ignore-extra] [--sheet NAME]\n"
"                    [--map FILE] [--dry-run] [--late --reason TEXT]\n"
"       svc-log void ID --reason TEXT | void --batch N --reason TEXT\n"
"       svc-log list [--period P] [--staff S] [--kind K] [--dept D]\n"
"                    [--batch N] [--active] [--excel | --format csv|xlsx|text]\n"
"       svc-log kinds --policy FILE\n"
"       svc-log check --policy FILE [--period P] [--as-of DATE]\n"
"       svc-log copy --to DB\n"
"       svc-log order open --customer C --matter TEXT [--channel CH]\n"
"                    [--dept D] [--first STAFF]\n"
"                    [--due DATE|Nd|Nh|N workdays|N work hours] [--ts TS]\n"
"                    [--category CODE [field=value ...]]\n"
"       svc-log order assign ID STAFF [--ts TS]\n"
"       svc-log order close ID [--resolution TEXT] [--ts TS]\n"
"       svc-log order cancel ID --reason TEXT [--ts TS]\n"
"       svc-log order wait ID --reason TEXT [--ts TS] | resume ID [--ts TS]\n"
"       svc-log order notify ID [--ts TS]\n"
"       svc-log order list [--status S] [--overdue] [--as-of DATE] [--excel]\n");
	if (f == stderr)
		return;
	fprintf(f, "\n"
"Log service-quality events (complaints, praise, deductions, assessments,\n"
"revisits, ...) into the ledger, the only way events are written.\n"
"\n"
"  --db FILE        the database (default $SVC_DB, then ./svc.db), or a\n"
"                   PostgreSQL one: postgresql://user@host/dbname\n"
"  --to DB          copy: the empty ledger to copy into (a file or a\n"
"                   postgresql:// one)\n"
"  --policy FILE    validate kinds and values against this policy\n"
"                   (default $SVC_POLICY; needed to write events)\n"
"  --encoding ENC   input is utf-8 (default), gb18030, gbk or cp936\n"
"  --ignore-extra   skip CSV columns svc does not know instead of refusing\n"
"  --sheet NAME     read this sheet of an .xlsx workbook (default: the\n"
"                   first; a workbook is recognised without it)\n"
"  --map FILE       import: read the sheet through mapping rules, svc-map(5)\n"
"  --dry-run        import: read, map and check everything, write nothing;\n"
"                   print what would be stored, and every error\n"
"  --period P       2026-10, 2026-Q3, 2026-W42, 2026, 2026-10-01..2026-10-15,\n"
"                   today, last-month, this-quarter, ..., or a range of two\n"
"                   of those (2026-W01..2026-W05)\n"
"  --active         leave out voided events and the events voiding them\n"
"  --excel          CSV for spreadsheets: BOM, CRLF, formulas neutralised\n"
"  --format F       list: csv (default when piped), xlsx, a workbook of\n"
"                   typed cells (never to a terminal), or text, an aligned\n"
"                   table of local times, kind labels and staff names\n"
"                   (default on a terminal)\n"
"  --first STAFF    who was asked first and owns the order until it is\n"
"                   assigned (default $SVC_USER when that is a staff id)\n"
"  --due WHEN       a date (due by its end), a timestamp, or a delay like\n"
"                   3d, 48h, 3 workdays or 4 work hours after opening\n"
"                   (default: the policy's [orders]; working days and\n"
"                   hours by its [calendar])\n"
"  --category CODE  order open: an order of the policy's [category.CODE]\n"
"                   (a claim), its fields given as field=value\n"
"  --status S       open, assigned, waiting, closed or cancelled\n"
"  --overdue        only orders still open after their due time\n"
"  --as-of DATE     judge overdue at the end of DATE (default now); for\n"
"                   check, the default period is the one before DATE's\n"
"  -h, --help       this help;  -V, --version  the version\n"
"\n"
"add fields: ts= value= customer= channel= dept= note= uid=\n"
"(ts defaults to now, dept to the staff member's department).\n"
"order open prints the new order's id; every order transition is logged\n"
"as an event (order.open, order.assign, order.close, order.cancel,\n"
"order.wait, order.resume, order.notify). A waiting order's clock stops\n"
"until the next transition: its due time moves later by the time waited.\n"
"order notify records that the customer was told (a claim above its\n"
"category's notify_above is owed that on the day it is opened).\n"
"check reads the policy against the ledger and prints one line per\n"
"finding, errors first: \"error|warning|info: WHERE: message\" (see\n"
"svc-log(1) CHECK); --period (default the policy's last whole period,\n"
"as of --as-of) is the period about to be scored. It exits 1 when it\n"
"finds an error.\n"
"customers takes id,name[,tier,contact,owner,birthday,founded,\n"
"contract_end]: birthday (a person's) and founded (a firm's) are\n"
"YYYY-MM-DD, or MM-DD when the year is not known, contract_end YYYY-MM-DD.\n"
"contacts takes customer,name[,role,phone,birthday]: each customer the\n"
"file names gets exactly the file's contacts, in its order.\n"
"copy copies the whole ledger, keeping every id, into an empty one on\n"
"either backend, and checks the copy by its rows and the events' checksum.\n"
"With no command on a terminal, svc-log prompts for events (Tab lists\n"
"staff ids with names); the time may be now (empty), 14:30, 昨天 14:30,\n"
"yesterday 14:30, 10-05 09:00 or ISO 8601, in the policy's zone, and a\n"
"time in a paid period needs --late --reason, as for add.\n"
"A mistyped kind or staff id is answered with the\n"
"closest one (\"did you mean 'praise.letter'?\").\n"
"Exit status: 0 done, 1 bad data or a failure (nothing written), 2 bad usage.\n");
}

static int
open_all(struct ctx *c, const struct command *cmd)
{
	const char *pol = svc_cli_policy(c->o.policy);

	/* without one, any kind would be stored and then fail to score */
	if (pol == NULL && cmd->needs >= 3)
		svc_usage_error("%s: no policy (use --policy or set "
		    "SVC_POLICY)", cmd->name);
	if (pol != NULL && (cmd->opts & O_POLICY) &&
	    (c->policy = svc_policy_load(pol, &c->e)) == NULL)
		return -1;
	/* check reports them as findings */
	if (c->policy != NULL && cmd->run != c_check)
		svc_cli_warnings(c->policy->warnings, c->policy->nwarnings);
	/* timestamps without an offset are the policy's zone's */
	svc_policy_apply_zone(c->policy);
	if (cmd->needs >= 1 && (c->db = svc_db_open(svc_cli_db(c->o.db),
	    SVC_DB_EXISTING, &c->e)) == NULL)
		return -1;
	if (c->db != NULL)
		svc_db_output(c->db, stdout);
	if (cmd->needs >= 2 && (c->ledger = svc_ledger_new(c->db, c->policy,
	    "svc-log", svc_cli_user(), &c->e)) == NULL)
		return -1;
	if (c->ledger != NULL)
		svc_order_attach(c->ledger);
	return 0;
}

static int
c_init(struct ctx *c)
{
	const char *path = svc_cli_db(c->o.db);

	if ((c->db = svc_db_open(path, SVC_DB_CREATE, &c->e)) == NULL)
		return -1;
	/* its name, not the --db value, which may hold a password */
	if (svc_db_found_version(c->db) == SVC_DB_VERSION)
		svc_warn("%s: already initialised (schema %d)",
		    svc_db_path(c->db), SVC_DB_VERSION);
	else
		svc_warn("%s: initialised (schema %d)", svc_db_path(c->db),
		    SVC_DB_VERSION);
	return 0;
}

static int
c_copy(struct ctx *c)
{
	long long n[16];
	char sum[17];
	struct svc_buf b = { 0 };
	struct svc_db *to;
	int rc;

	if (c->o.to == NULL)
		svc_usage_error("copy: --to DB is required");
	if ((to = svc_db_open(c->o.to, SVC_DB_CREATE, &c->e)) == NULL)
		return -1;
	if ((rc = svc_db_copy(c->db, to, n, sum, &c->e)) == 0) {
		for (int i = 0; svc_db_tables[i] != NULL; i++)
			svc_buf_printf(&b, "%s%s %lld", i ? ", " : "",
			    svc_db_tables[i], n[i]);
		svc_warn("copy: %s copied to %s; events checksum %s, read "
		    "back", b.s, svc_db_path(to), sum);
		svc_buf_release(&b);
	}
	svc_cli_db_close(to);
	return rc;
}

static int
c_roster(struct ctx *c)
{
	long n;

	if (svc_ledger_roster(c->db, c->args[0], &c->o.csv, &n, &c->e) < 0)
		return -1;
	svc_warn("roster: %ld staff stored", n);
	return 0;
}

static int
c_customers(struct ctx *c)
{
	long n;

	if (svc_ledger_customers(c->db, c->args[0], &c->o.csv, &n,
	    &c->e) < 0)
		return -1;
	svc_warn("customers: %ld customers stored", n);
	return 0;
}

static int
c_contacts(struct ctx *c)
{
	long n;

	if (svc_ledger_contacts(c->db, c->args[0], &c->o.csv, &n,
	    &c->e) < 0)
		return -1;
	svc_warn("contacts: %ld contacts stored", n);
	return 0;
}

/* svc_db_report: the new event's id, written before it is committed. */
static int
print_id(void *arg, struct svc_err *e)
{
	(void)e;
	printf("%lld\n", *(const long long *)arg);
	return 0;
}

/* add, import: --late and its --reason, for events in a paid period. */
static int
late(struct ctx *c, const char *cmd)
{
	if (!(c->o.given & O_LATE)) {
		if (c->o.reason != NULL)
			svc_usage_error("%s: --reason goes with --late", cmd);
		return 0;
	}
	if (c->o.reason == NULL || *c->o.reason == '\0')
		svc_usage_error("%s: --late needs --reason TEXT", cmd);
	return svc_ledger_set_late(c->ledger, c->o.reason, &c->e);
}

/*
 * The alerts the event just stored meets, one line each: a fever is
 * data, said for whoever logs it to act on, and add still succeeds.
 */
static void
say_alerts(struct ctx *c, const char *kind)
{
	struct svc_buf b = { 0 };
	const char *line, *nl;

	if (svc_ledger_alert_lines(c->ledger, kind, &b) == 0)
		return;
	for (line = b.s; (nl = strchr(line, '\n')) != NULL; line = nl + 1)
		svc_warn("%.*s", (int)(nl - line), line);
	svc_buf_release(&b);
}

static int
c_add(struct ctx *c)
{
	struct svc_event_in in = { 0 };
	static const char *const fields[] = { "ts", "value", "customer",
	    "channel", "dept", "note", "uid", NULL };
	const char **slot[] = { &in.ts, &in.value, &in.customer, &in.channel,
	    &in.dept, &in.note, &in.uid };
	struct svc_fieldval fv[64];
	long long id;
	int rc;

	in.kind = c->args[0];
	in.staff = c->args[1];
	in.fv = fv;
	for (int i = 2; i < c->nargs; i++) {
		char *eq = strchr(c->args[i], '=');
		int f;

		for (f = 0; eq && fields[f]; f++)
			if ((size_t)(eq - c->args[i]) == strlen(fields[f]) &&
			    strncmp(c->args[i], fields[f], eq - c->args[i]) == 0)
				break;
		if (eq != NULL && fields[f] == NULL &&
		    svc_fields_declared(c->policy, c->args[i],
		    (size_t)(eq - c->args[i]))) {
			/* the ledger says whether the kind has it */
			*eq = '\0';
			fv[in.nfv].name = c->args[i];
			fv[in.nfv++].value = eq + 1;
			continue;
		}
		if (eq == NULL || fields[f] == NULL)
			svc_usage_error("add: bad field '%s' (expected ts=, "
			    "value=, customer=, channel=, dept=, note=, uid= "
			    "or a field of the policy's kinds)", c->args[i]);
		*slot[f] = eq + 1;
	}
	for (int i = 0; i < c->nargs; i++)
		if (svc_utf8_invalid(c->args[i], strlen(c->args[i])) >= 0)
			svc_usage_error("add: argument %d is not valid UTF-8",
			    i + 1);
	if (late(c, "add") < 0)
		return -1;
	svc_db_report(c->db, print_id, &id);
	if ((rc = svc_ledger_add(c->ledger, &in, &id, &c->e)) < 0)
		return -1;
	if (rc == 0)
		svc_warn("add: uid '%s' is already in the ledger: skipped",
		    in.uid);
	else
		say_alerts(c, in.kind);
	return 0;
}

/* the errors a dry run shows before "and N more" */
#define DRY_ERRS	20

static int
dry_run(struct ctx *c)
{
	struct svc_dry d;
	struct svc_buf b = { 0 };
	char buf[1024];

	if (svc_ledger_dry_run(c->ledger, c->args[0], &c->o.csv, DRY_ERRS,
	    &d, &c->e) < 0)
		return -1;
	svc_dry_summary(c->ledger, &d, &b);
	fputs(b.s, stdout);
	svc_buf_release(&b);
	for (size_t i = 0; i < d.nerrs; i++)
		svc_warn("%s", svc_err_format(&d.errs[i], buf, sizeof(buf)));
	if (d.all_errs > (long)d.nerrs)
		svc_warn("and %ld more", d.all_errs - (long)d.nerrs);
	if (d.all_errs > 0)
		svc_err_set(&c->e, NULL, 0, NULL, "import --dry-run: %ld "
		    "error%s; nothing was written", d.all_errs,
		    d.all_errs == 1 ? "" : "s");
	svc_dry_release(&d);
	return c->e.code ? -1 : 0;
}

static int
c_import(struct ctx *c)
{
	struct svc_map *m = NULL;
	long added, skipped, alerts;
	int rc;

	if (late(c, "import") < 0)
		return -1;
	if (c->o.map != NULL) {
		if ((m = svc_map_load(c->o.map, c->policy, &c->e)) == NULL)
			return -1;
		/* a department's sheet has columns svc has no use for */
		c->o.csv.ignore_extra = 1;
		svc_ledger_set_map(c->ledger, m);
	}
	if (c->o.given & O_DRY_RUN) {
		rc = dry_run(c);
		svc_map_free(m);
		return rc;
	}
	rc = svc_ledger_import(c->ledger, c->args[0], &c->o.csv, &added,
	    &skipped, &c->e);
	svc_map_free(m);
	if (rc < 0)
		return -1;
	alerts = svc_ledger_alerts(c->ledger, NULL);
	if (alerts > 0)
		svc_warn("import: %ld added (%ld meeting an alert), %ld skipped "
		    "(uid already in the ledger)", added, alerts, skipped);
	else
		svc_warn("import: %ld added, %ld skipped (uid already in the "
		    "ledger)", added, skipped);
	return 0;
}

static long long
parse_id(const char *s, const char *what)
{
	long v;

	if (svc_parse_long(s, 1, 0x7fffffffL, &v) < 0)
		svc_usage_error("bad %s '%s' (a positive whole number)", what,
		    s);
	return v;
}

static int
c_void(struct ctx *c)
{
	long long vid;
	long n;

	if (c->o.reason == NULL)
		svc_usage_error("void: --reason TEXT is required");
	if ((c->o.batch != NULL) == (c->nargs == 1))
		svc_usage_error("void: give an event ID or --batch N");
	if (c->o.batch != NULL) {
		if (svc_ledger_void_batch(c->ledger,
		    parse_id(c->o.batch, "--batch"), c->o.reason, &n,
		    &c->e) < 0)
			return -1;
		svc_warn("void: %ld events voided", n);
		return 0;
	}
	svc_db_report(c->db, print_id, &vid);
	return svc_ledger_void(c->ledger, parse_id(c->args[0], "event id"),
	    c->o.reason, &vid, &c->e);
}

static int
c_list(struct ctx *c)
{
	struct svc_event_filter f = { 0 };
	struct svc_csv_writer w;
	struct svc_period p;
	int xlsx = 0, text = 0;

	if (c->o.format != NULL) {
		if (strcmp(c->o.format, "xlsx") == 0)
			xlsx = 1;
		else if (strcmp(c->o.format, "text") == 0)
			text = 1;
		else if (strcmp(c->o.format, "csv") != 0)
			svc_usage_error("--format: unknown format '%s' (csv, "
			    "xlsx or text)", c->o.format);
	} else if (!c->o.excel && isatty(STDOUT_FILENO)) {
		/* a person reads it: the data stays CSV for any pipe */
		text = 1;
	}
	if (text && c->o.excel)
		svc_usage_error("--excel goes with csv");
	if (xlsx && c->o.excel)
		svc_usage_error("--excel goes with csv; a workbook keeps "
		    "text as text");
	/* a workbook's bytes would garble the terminal */
	if (xlsx && isatty(STDOUT_FILENO))
		svc_usage_error("refusing to write a workbook to a terminal; "
		    "redirect it");
	if (c->o.period != NULL) {
		if (svc_period_parse(c->o.period, time(NULL), &p, &c->e) < 0)
			svc_usage_error("--period: %s", c->e.msg);
		f.has_range = 1;
		f.start = p.start;
		f.end = p.end;
	}
	f.staff = c->o.staff;
	f.kind = c->o.kind;
	f.dept = c->o.dept;
	f.active = c->o.active;
	if (c->o.batch != NULL)
		f.batch = parse_id(c->o.batch, "--batch");
	if (xlsx) {
		struct svc_xlsx_opts xo = { .sheet = "events" };
		struct svc_doc d;
		int rc;

		svc_doc_init(&d, "events");
		rc = svc_ledger_list_table(c->db, &f, &d, &c->e) < 0 ||
		    svc_xlsx_write(&d, &xo, stdout, &c->e) < 0 ? -1 : 0;
		svc_doc_release(&d);
		return rc;
	}
	if (text) {
		struct svc_render_opts ro = { .width = svc_cli_term_width() };
		struct svc_doc d;
		int rc;

		svc_doc_init(&d, "events");
		if ((rc = svc_ledger_list_view(c->db, c->policy, &f, &d,
		    &c->e)) == 0)
			svc_doc_write(&d, SVC_FMT_TEXT, &ro, stdout);
		svc_doc_release(&d);
		return rc;
	}
	svc_csv_writer_init(&w, stdout, c->o.excel);
	return svc_ledger_list(c->db, &f, &w, &c->e);
}

static int
c_kinds(struct ctx *c)
{
	struct svc_csv_writer w;

	if (c->policy == NULL)
		svc_usage_error("kinds: no policy (use --policy or set "
		    "SVC_POLICY)");
	svc_csv_writer_init(&w, stdout, 0);
	svc_ledger_kinds(c->policy, &w);
	return 0;
}

static int
c_check(struct ctx *c)
{
	struct svc_preflight chk = { 0 };
	struct svc_period p;
	time_t now;
	int rc;

	if (c->policy == NULL)
		svc_usage_error("check: no policy (use --policy or set "
		    "SVC_POLICY)");
	if (svc_as_of_parse(c->o.as_of, time(NULL), &now, &c->e) < 0)
		svc_usage_error("--as-of: %s", c->e.msg);
	if (c->o.period != NULL) {
		if (svc_period_parse(c->o.period, now, &p, &c->e) < 0)
			svc_usage_error("--period: %s", c->e.msg);
	} else {
		struct svc_period cur;

		svc_period_of(c->policy->period, now, &cur);
		svc_period_prev(&cur, &p);
	}
	rc = svc_preflight_run(c->db, c->policy, &p, now, &chk, &c->e);
	for (size_t i = 0; i < chk.n; i++) {
		char *where = svc_visible(chk.v[i].where, 0);
		char *msg = svc_visible(chk.v[i].msg, 0);

		printf("%s: %s: %s\n", svc_finding_level_name(chk.v[i].level),
		    where, msg);
		free(where);
		free(msg);
	}
	if (rc == 0 && chk.nerrors > 0)
		rc = svc_err_set(&c->e, NULL, 0, NULL, "check: %zu error%s "
		    "found", chk.nerrors, chk.nerrors == 1 ? "" : "s");
	svc_preflight_release(&chk);
	return rc;
}

static int
o_open(struct ctx *c)
{
	struct svc_order_in in = { 0 };
	struct svc_fieldval fv[64];
	const char *user = svc_cli_user();
	long long id;

	in.ts = c->o.ts;
	in.customer = c->o.customer;
	in.matter = c->o.matter;
	in.channel = c->o.channel;
	in.dept = c->o.dept;
	in.due = c->o.due;
	in.first = c->o.first;
	in.category = c->o.category;
	for (int i = 0; i < c->nargs; i++) {
		char *eq = strchr(c->args[i], '=');

		if (eq == NULL || eq == c->args[i])
			svc_usage_error("order open: bad field '%s' (expected "
			    "NAME=VALUE, a field of the --category)",
			    c->args[i]);
		if (svc_utf8_invalid(c->args[i], strlen(c->args[i])) >= 0)
			svc_usage_error("order open: argument %d is not "
			    "valid UTF-8", i + 1);
		*eq = '\0';
		fv[i].name = c->args[i];
		fv[i].value = eq + 1;
	}
	in.fv = fv;
	in.nfv = (size_t)c->nargs;
	if (in.first == NULL && svc_ledger_staff(c->ledger, user) != NULL)
		in.first = user;
	svc_db_output(c->db, stdout);
	/* the id goes out before the commit: a failed write leaves no
	 * order behind */
	svc_db_report(c->db, print_id, &id);
	return svc_order_open(c->ledger, &in, &id, &c->e);
}

static int
o_assign(struct ctx *c)
{
	return svc_order_assign(c->ledger, parse_id(c->args[0], "order id"),
	    c->args[1], c->o.ts, &c->e);
}

static int
o_close(struct ctx *c)
{
	return svc_order_close(c->ledger, parse_id(c->args[0], "order id"),
	    c->o.resolution, c->o.ts, &c->e);
}

static int
o_cancel(struct ctx *c)
{
	if (c->o.reason == NULL)
		svc_usage_error("order cancel: --reason TEXT is required");
	return svc_order_cancel(c->ledger, parse_id(c->args[0], "order id"),
	    c->o.reason, c->o.ts, &c->e);
}

static int
o_wait(struct ctx *c)
{
	if (c->o.reason == NULL)
		svc_usage_error("order wait: --reason TEXT is required");
	return svc_order_wait(c->ledger, parse_id(c->args[0], "order id"),
	    c->o.reason, c->o.ts, &c->e);
}

static int
o_resume(struct ctx *c)
{
	return svc_order_resume(c->ledger, parse_id(c->args[0], "order id"),
	    c->o.ts, &c->e);
}

static int
o_notify(struct ctx *c)
{
	return svc_order_notify(c->ledger, parse_id(c->args[0], "order id"),
	    c->o.ts, &c->e);
}

static int
o_list(struct ctx *c)
{
	struct svc_order_filter f = { 0 };
	struct svc_csv_writer w;

	if (svc_as_of_parse(c->o.as_of, time(NULL), &f.as_of, &c->e) < 0)
		svc_usage_error("--as-of: %s", c->e.msg);
	f.status = c->o.status;
	f.overdue = c->o.overdue;
	f.cal = c->policy ? &c->policy->calendar : NULL;
	svc_csv_writer_init(&w, stdout, c->o.excel);
	return svc_order_list(c->db, &f, &w, &c->e);
}

static const char *
opt_name(int bit)
{
	for (const struct option *o = longopts; o->name; o++)
		if (o->val == bit)
			return o->name;
	return "?";
}

int
main(int argc, char **argv)
{
	struct ctx c = { 0 };
	const struct command *cmd = NULL;
	int ch, status;

	svc_cli_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "hV", longopts, NULL)) != -1) {
		switch (ch) {
		case O_DB: c.o.db = optarg; break;
		case O_POLICY: c.o.policy = optarg; break;
		case O_ENCODING: c.o.csv.encoding = optarg; break;
		case O_IGNORE: c.o.csv.ignore_extra = 1; break;
		case O_PERIOD: c.o.period = optarg; break;
		case O_STAFF: c.o.staff = optarg; break;
		case O_KIND: c.o.kind = optarg; break;
		case O_DEPT: c.o.dept = optarg; break;
		case O_ACTIVE: c.o.active = 1; break;
		case O_EXCEL: c.o.excel = 1; break;
		case O_BATCH: c.o.batch = optarg; break;
		case O_REASON: c.o.reason = optarg; break;
		case O_CUSTOMER: c.o.customer = optarg; break;
		case O_MATTER: c.o.matter = optarg; break;
		case O_CHANNEL: c.o.channel = optarg; break;
		case O_FIRST: c.o.first = optarg; break;
		case O_DUE: c.o.due = optarg; break;
		case O_TS: c.o.ts = optarg; break;
		case O_RESOLUTION: c.o.resolution = optarg; break;
		case O_STATUS: c.o.status = optarg; break;
		case O_OVERDUE: c.o.overdue = 1; break;
		case O_AS_OF: c.o.as_of = optarg; break;
		case O_FORMAT: c.o.format = optarg; break;
		case O_LATE: break;	/* in given */
		case O_SHEET: c.o.csv.sheet = optarg; break;
		case O_MAP: c.o.map = optarg; break;
		case O_DRY_RUN: break;	/* in given */
		case O_TO: c.o.to = optarg; break;
		case O_CATEGORY: c.o.category = optarg; break;
		case 'h':
			usage(stdout);
			return svc_cli_close_stdout(0);
		case 'V':
			svc_cli_version();
		default:
			fprintf(stderr, "Try 'svc-log --help' for more "
			    "information.\n");
			return SVC_EUSAGE;
		}
		if (ch != 'h' && ch != 'V')
			c.o.given |= ch;
	}
	if (optind == argc) {
		if (!isatty(STDIN_FILENO))
			svc_usage_error("no command (and standard input is not "
			    "a terminal for interactive entry)");
		if (svc_cli_policy(c.o.policy) == NULL)
			svc_usage_error("no policy (use --policy or set "
			    "SVC_POLICY)");
		for (int bit = 1; bit <= O_LAST; bit <<= 1)
			if ((c.o.given & bit) &&
			    !(bit & (COMMON | O_LATE | O_REASON)))
				svc_usage_error("option --%s does not apply "
				    "to interactive entry", opt_name(bit));
		if ((c.o.given & O_REASON) && !(c.o.given & O_LATE))
			svc_usage_error("--reason goes with --late");
		if ((c.o.given & O_LATE) && (c.o.reason == NULL ||
		    *c.o.reason == '\0'))
			svc_usage_error("--late needs --reason TEXT");
		status = svc_entry_run(svc_cli_db(c.o.db),
		    svc_cli_policy(c.o.policy), svc_cli_user(),
		    (c.o.given & O_LATE) ? c.o.reason : NULL, &c.e);
		return svc_cli_close_stdout(status < 0 ? svc_cli_report(&c.e) :
		    0);
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[optind], commands[i].name) == 0)
			cmd = &commands[i];
	if (cmd == NULL)
		svc_usage_error("unknown command '%s'", argv[optind]);
	if (cmd->sub != NULL) {
		const char *verb = optind + 1 < argc ? argv[++optind] : "";
		const struct command *sub;

		for (sub = cmd->sub; sub->name; sub++)
			if (strcmp(strchr(sub->name, ' ') + 1, verb) == 0)
				break;
		if (sub->name == NULL)
			svc_usage_error("%s: %s%s%s (open, assign, close, "
			    "cancel, wait, resume, notify or list)", cmd->name, *verb ? "unknown "
			    "subcommand '" : "missing subcommand", verb,
			    *verb ? "'" : "");
		cmd = sub;
	}
	for (int bit = 1; bit <= O_LAST; bit <<= 1)
		if ((c.o.given & bit) && !(cmd->opts & bit))
			svc_usage_error("%s: option --%s does not apply",
			    cmd->name, opt_name(bit));
	c.args = argv + optind + 1;
	c.nargs = argc - optind - 1;
	if (c.nargs < cmd->min || c.nargs > cmd->max)
		svc_usage_error("%s: %s arguments", cmd->name,
		    c.nargs < cmd->min ? "missing" : "too many");
	status = open_all(&c, cmd) < 0 || cmd->run(&c) < 0 ?
	    svc_cli_report(&c.e) : 0;
	svc_ledger_free(c.ledger);
	svc_cli_db_close(c.db);
	svc_policy_free(c.policy);
	return svc_cli_close_stdout(status);
}
