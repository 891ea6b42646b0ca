/*
 * svc-log: the only writer of events. Wiring only: its options, usage
 * and commands here, the commands in cmd/log-events.c and
 * cmd/log-order.c; the work is in lib/ledger.c, lib/db.c, lib/order.c
 * (work orders), lib/entry.c (the interactive loop) and lib/preflight.c
 * (svc-log check).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "db.h"
#include "entry.h"
#include "ledger.h"
#include "log.h"
#include "order.h"
#include "policy.h"

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
