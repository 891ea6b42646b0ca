/*
 * svc-report: reports for people, at a terminal, in a spreadsheet and in
 * their mail. Wiring only: the reports are built in lib/report.c and
 * lib/monthly.c, rendered by lib/table.c and mailed by lib/mail.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "db.h"
#include "mail.h"
#include "opsreport.h"
#include "order.h"
#include "period.h"
#include "policy.h"
#include "register.h"
#include "reminders.h"
#include "report.h"
#include "table.h"
#include "util.h"
#include "xlsx.h"

enum { O_DB = 256, O_POLICY, O_PERIOD, O_FORMAT, O_WIDTH, O_EXCEL,
	O_AS_OF, O_AWARDS, O_ENCODING, O_TO, O_CC, O_FROM, O_SUBJECT,
	O_ATTACH, O_ATTACH_XLSX, O_DAYS, O_KIND };

static const struct option longopts[] = {
	{ "db", required_argument, NULL, O_DB },
	{ "policy", required_argument, NULL, O_POLICY },
	{ "period", required_argument, NULL, O_PERIOD },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "width", required_argument, NULL, O_WIDTH },
	{ "excel", no_argument, NULL, O_EXCEL },
	{ "as-of", required_argument, NULL, O_AS_OF },
	{ "awards", required_argument, NULL, O_AWARDS },
	{ "encoding", required_argument, NULL, O_ENCODING },
	{ "to", required_argument, NULL, O_TO },
	{ "cc", required_argument, NULL, O_CC },
	{ "from", required_argument, NULL, O_FROM },
	{ "subject", required_argument, NULL, O_SUBJECT },
	{ "attach-csv", no_argument, NULL, O_ATTACH },
	{ "attach-xlsx", no_argument, NULL, O_ATTACH_XLSX },
	{ "days", required_argument, NULL, O_DAYS },
	{ "kind", required_argument, NULL, O_KIND },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* Where each kind reads from; FROM_DB_ANY: the ledger, --period optional. */
enum src { FROM_CSV_OR_DB, FROM_DB, FROM_DB_ANY };

/* The operand a kind takes after its name. */
enum arg { ARG_NONE, ARG_STAFF, ARG_KIND };

static const struct kind {
	const char *name;
	enum src src;
	enum arg arg;
	int (*build)(const struct svc_report_in *, struct svc_doc *,
	    struct svc_err *);
} kinds[] = {
	{ "scores", FROM_CSV_OR_DB, ARG_NONE, svc_report_scores },
	{ "awards", FROM_CSV_OR_DB, ARG_NONE, svc_report_awards },
	{ "staff", FROM_DB, ARG_STAFF, svc_report_staff },
	{ "monthly", FROM_DB, ARG_NONE, svc_report_monthly },
	{ "orders", FROM_DB_ANY, ARG_NONE, svc_report_orders },
	{ "revisits", FROM_DB_ANY, ARG_NONE, svc_report_revisits },
	{ "schedule", FROM_DB_ANY, ARG_NONE, svc_report_schedule },
	{ "kpi", FROM_DB, ARG_NONE, svc_report_kpi },
	{ "register", FROM_DB, ARG_KIND, svc_report_register },
	{ "reminders", FROM_DB_ANY, ARG_NONE, svc_report_reminders },
};

static void
usage(FILE *f)
{
	fprintf(f,
"usage: svc-report scores [--period P --policy FILE [--db FILE]] [FILE|-]\n"
"       svc-report awards [--period P --policy FILE [--db FILE]] [FILE|-]\n"
"       svc-report staff ID --period P --policy FILE [--db FILE]\n"
"                  [--awards FILE]\n"
"       svc-report monthly --period P --policy FILE [--db FILE]\n"
"       svc-report orders [--period P] [--kind CATEGORY] --policy FILE\n"
"                  [--db FILE]\n"
"       svc-report revisits [--period P] --policy FILE [--db FILE]\n"
"       svc-report schedule [--period P] --policy FILE [--db FILE]\n"
"       svc-report kpi --period P --policy FILE [--db FILE]\n"
"       svc-report register KIND --period P --policy FILE [--db FILE]\n"
"       svc-report reminders [--days N] --policy FILE [--db FILE]\n"
"       common: [--format text|csv|md|html|xlsx|mail] [--width N]\n"
"               [--excel] [--as-of TIME] [--to ADDR]... [--cc ADDR]...\n"
"               [--from ADDR] [--subject TEXT] [--attach-csv | --attach-xlsx]\n");
	if (f == stderr)
		return;
	fprintf(f, "\n"
"Reports for people: scores ranked per department, the awards posting\n"
"notice, one person's statement, the monthly service analysis, work\n"
"orders, revisit cadences, checklists on a schedule, operation time\n"
"limits, registers and the customer archive's reminders.\n"
"\n"
"  scores           from the ledger when --period is given, else from\n"
"                   svc-score's CSV (FILE, or standard input)\n"
"  awards           from the awards saved in the ledger when --period is\n"
"                   given, else from svc-award's CSV (FILE, or stdin)\n"
"  staff ID         one person's events, rules, score and awards\n"
"  monthly          counts by department, nature and channel, complaints,\n"
"                   praise, work orders, targets; against the previous\n"
"                   period\n"
"  orders           open orders (overdue first), closed ones, handling rate;\n"
"                   orders not notified on their day (a claim above its\n"
"                   category's notify_above)\n"
"  revisits         each customer's revisit cadence: due, overdue or ok;\n"
"                   satisfaction per customer and tier\n"
"  schedule         each checklist's current window (done of owed), last\n"
"                   entry and status; the windows of the period (default\n"
"                   the month so far) that ended short\n"
"  kpi              per time limit: operations, within, share, worst cases\n"
"  register KIND    the entries of a kind with fields (the visitor register)\n"
"                   in time order, those meeting the kind's alerts marked\n"
"                   and listed again (--period 2026-11-16: one day's)\n"
"  reminders        birthdays, founding days, contract ends and revisits\n"
"                   due from --as-of's date to --days after it\n"
"  --policy FILE    the scheme (default $SVC_POLICY)\n"
"  --period P       2026-10, 2026-Q3, last-month, ...\n"
"  --db FILE        the ledger (default $SVC_DB, then ./svc.db)\n"
"  --days N         reminders: days after --as-of's date (default 7,\n"
"                   0 to 366)\n"
"  --kind CATEGORY  orders: only work orders of the policy's\n"
"                   [category.CATEGORY], and first those opened in the\n"
"                   period with their fields: --kind claim --period\n"
"                   2026-W47 is the weekly claims report\n"
"  --awards FILE    staff: the person's awards from this awards CSV\n"
"                   instead of the ledger\n"
"  --format F       text (default), csv, md, html, xlsx (a workbook, to\n"
"                   standard output, never a terminal) or mail\n"
"  --width N        text: columns to fit (default the terminal's, or 80)\n"
"  --excel          csv: BOM, CRLF, formulas neutralised (an attached\n"
"                   CSV always is)\n"
"  --as-of TIME     \"now\" (a date alone: its end): relative periods,\n"
"                   follow-up windows, overdue and due, mail Date\n"
"  --encoding ENC   input CSV is utf-8 (default), gb18030, gbk or cp936\n"
"  --to, --cc ADDR  mail recipients (repeatable)\n"
"  --from ADDR      mail sender (default user@host)\n"
"  --subject TEXT   mail subject (default the report's title)\n"
"  --attach-csv     mail: attach the report as CSV, in --excel form\n"
"  --attach-xlsx    mail: attach the report as a workbook\n"
"  -h, --help       this help;  -V, --version  the version\n"
"\n"
"Exit status: 0 done, 1 bad data or a failure, 2 bad usage.\n");
}

struct addrs {
	const char **v;
	size_t n;
};

static void
addr_add(struct addrs *a, const char *s)
{
	a->v = svc_xrealloc(a->v, (a->n + 1) * sizeof(*a->v));
	a->v[a->n++] = s;
}

static int
term_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ,
	    &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

static int
use_colour(void)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	return isatty(STDOUT_FILENO) && (nc == NULL || *nc == '\0') &&
	    term != NULL && strcmp(term, "dumb") != 0;
}

/* Renders d in format f into a new string; caller frees. */
static char *
render(const struct svc_doc *d, enum svc_format f,
    const struct svc_render_opts *o, size_t *len)
{
	char *s = NULL;
	FILE *mem = open_memstream(&s, len);

	if (mem == NULL)
		svc_die("cannot buffer the report: out of memory");
	svc_doc_write(d, f, o, mem);
	if (fclose(mem) != 0)
		svc_die("cannot buffer the report: out of memory");
	return s;
}

static char *
default_from(void)
{
	char host[256] = "localhost";
	struct svc_buf b = { 0 };

	if (gethostname(host, sizeof(host) - 1) != 0 || host[0] == '\0')
		snprintf(host, sizeof(host), "localhost");
	svc_buf_printf(&b, "%s@%s", svc_cli_user(), host);
	return b.s;
}

int
main(int argc, char **argv)
{
	const char *policy = NULL, *period = NULL, *dbopt = NULL;
	const char *as_of = NULL, *from = NULL, *subject = NULL;
	const struct kind *k = NULL;
	struct svc_csv_opts csv = { 0 };
	struct svc_render_opts ro = { 0 };
	struct svc_xlsx_opts xo = { 0 };
	struct svc_report_in in = { 0 };
	struct svc_policy *pol = NULL;
	struct svc_db *db = NULL;
	struct svc_period per;
	struct svc_err e = { 0 };
	struct svc_doc doc;
	struct addrs to = { 0 }, cc = { 0 };
	char *deffrom = NULL, *defsubject = NULL;
	int ch, fmt = SVC_FMT_TEXT, attach = 0, attach_xlsx = 0, status = 0;
	long width = 0, days = SVC_REMINDERS_DAYS, has_days = 0;

	svc_cli_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "hV", longopts, NULL)) != -1) {
		switch (ch) {
		case O_DB: dbopt = optarg; break;
		case O_POLICY: policy = optarg; break;
		case O_PERIOD: period = optarg; break;
		case O_FORMAT:
			if ((fmt = svc_format_parse(optarg)) < 0)
				svc_usage_error("--format: unknown format '%s' "
				    "(text, csv, md, html, xlsx or mail)", optarg);
			break;
		case O_WIDTH:
			if (svc_parse_long(optarg, 20, 10000, &width) < 0)
				svc_usage_error("--width: '%s' is not a number "
				    "from 20 to 10000", optarg);
			break;
		case O_DAYS:
			if (svc_parse_long(optarg, 0, SVC_REMINDERS_DAYS_MAX,
			    &days) < 0)
				svc_usage_error("--days: '%s' is not a number "
				    "from 0 to %d", optarg,
				    SVC_REMINDERS_DAYS_MAX);
			has_days = 1;
			break;
		case O_EXCEL: ro.excel = 1; break;
		case O_AS_OF: as_of = optarg; break;
		case O_AWARDS: in.awards = optarg; break;
		case O_ENCODING: csv.encoding = optarg; break;
		case O_TO: addr_add(&to, optarg); break;
		case O_CC: addr_add(&cc, optarg); break;
		case O_FROM: from = optarg; break;
		case O_SUBJECT: subject = optarg; break;
		case O_ATTACH: attach = 1; break;
		case O_ATTACH_XLSX: attach_xlsx = 1; break;
		case O_KIND: in.category = optarg; break;
		case 'h':
			usage(stdout);
			return svc_cli_close_stdout(0);
		case 'V':
			svc_cli_version();
		default:
			fprintf(stderr, "Try 'svc-report --help' for more "
			    "information.\n");
			return SVC_EUSAGE;
		}
	}
	if (optind == argc)
		svc_usage_error("no report kind (scores, awards, staff, "
		    "monthly, orders, revisits, schedule, kpi, register or "
		    "reminders)");
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(argv[optind], kinds[i].name) == 0)
			k = &kinds[i];
	if (k == NULL)
		svc_usage_error("unknown report kind '%s' (scores, awards, "
		    "staff, monthly, orders, revisits, schedule, kpi, register "
		    "or reminders)",
		    argv[optind]);
	optind++;
	if (k->arg != ARG_NONE && optind == argc)
		svc_usage_error("%s: %s", k->name, k->arg == ARG_STAFF ?
		    "which staff member?" : "which kind? (one with fields, "
		    "such as visitor)");
	if (k->arg == ARG_STAFF)
		in.staff = argv[optind++];
	else if (k->arg == ARG_KIND)
		in.kind = argv[optind++];
	if (k->src == FROM_CSV_OR_DB && period == NULL)
		in.csv = optind < argc ? argv[optind++] : "-";
	else if (period == NULL && k->src != FROM_DB_ANY)
		svc_usage_error("%s: no period (use --period)", k->name);
	else if (k->src == FROM_CSV_OR_DB && optind < argc)
		svc_usage_error("%s: --period goes with the database; a CSV "
		    "carries its period", k->name);
	if (optind < argc)
		svc_usage_error("unexpected argument '%s'", argv[optind]);
	if (in.awards != NULL && k->arg != ARG_STAFF)
		svc_usage_error("--awards goes with the staff report");
	if (has_days && k->build != svc_report_reminders)
		svc_usage_error("--days goes with the reminders report");
	/* the window is --as-of's date and the days after it */
	if (period != NULL && k->build == svc_report_reminders)
		svc_usage_error("reminders: --period does not apply (use "
		    "--as-of and --days)");
	in.days = (int)days;
	if (in.category != NULL && k->build != svc_report_orders)
		svc_usage_error("--kind goes with the orders report");
	if (fmt != SVC_FMT_MAIL && (to.n || cc.n || from || subject || attach ||
	    attach_xlsx))
		svc_usage_error("--to, --cc, --from, --subject, --attach-csv and "
		    "--attach-xlsx go with --format mail");
	if (attach && attach_xlsx)
		svc_usage_error("--attach-csv and --attach-xlsx: a mail carries "
		    "one attachment");
	if (fmt == SVC_FMT_MAIL && to.n + cc.n == 0)
		svc_usage_error("--format mail needs a recipient (--to)");
	if (ro.excel && fmt != SVC_FMT_CSV && !attach)
		svc_usage_error("--excel goes with --format csv or "
		    "--attach-csv");
	/* a workbook's bytes would garble the terminal */
	if (fmt == SVC_FMT_XLSX && isatty(STDOUT_FILENO))
		svc_usage_error("refusing to write a workbook to a terminal; "
		    "redirect it");
	policy = svc_cli_policy(policy);
	if (in.csv == NULL && policy == NULL)
		svc_usage_error("%s: no policy (use --policy or set "
		    "SVC_POLICY)", k->name);

	svc_doc_init(&doc, "");
	if (policy != NULL && (pol = svc_policy_load(policy, &e)) == NULL)
		goto fail;
	if (pol != NULL)
		svc_cli_warnings(pol->warnings, pol->nwarnings);
	/* dates and periods are the policy's zone's */
	svc_policy_apply_zone(pol);
	in.as_of = time(NULL);
	if (svc_as_of_parse(as_of, in.as_of, &in.as_of, &e) < 0)
		svc_usage_error("--as-of: %s", e.msg);
	if (period != NULL && svc_period_parse(period, in.as_of, &per,
	    &e) < 0)
		svc_usage_error("--period: %s", e.msg);
	if (in.csv == NULL && (db = svc_db_open(svc_cli_db(dbopt),
	    SVC_DB_EXISTING, &e)) == NULL)
		goto fail;
	in.db = db;
	in.policy = pol;
	in.period = period ? &per : NULL;
	in.csvopts = &csv;
	if (k->build(&in, &doc, &e) < 0)
		goto fail;

	ro.width = width ? (int)width : fmt == SVC_FMT_TEXT ? term_width() :
	    80;
	ro.colour = fmt == SVC_FMT_TEXT && use_colour();
	xo.sheet = k->name;
	xo.created = in.as_of;
	if (fmt == SVC_FMT_MAIL) {
		struct svc_render_opts plain = { .width = ro.width };
		struct svc_mail m = { 0 };
		char *text, *html, *att = NULL, name[64];
		size_t n, alen = 0;

		m.from = from ? from : (deffrom = default_from());
		m.to = to.v;
		m.nto = to.n;
		m.cc = cc.v;
		m.ncc = cc.n;
		m.subject = subject ? subject :
		    (defsubject = svc_doc_subject(&doc));
		m.date = in.as_of;
		if (svc_mail_check(&m, &e) < 0) {
			e.code = SVC_EUSAGE;
			goto fail;
		}
		text = render(&doc, SVC_FMT_TEXT, &plain, &n);
		html = render(&doc, SVC_FMT_HTML, &plain, &n);
		if (attach) {
			/* an attachment is opened in a spreadsheet */
			struct svc_render_opts sheet = { .excel = 1 };

			att = render(&doc, SVC_FMT_CSV, &sheet, &alen);
			snprintf(name, sizeof(name), "%s.csv", k->name);
			m.attach = att;
			m.attach_len = alen;
			m.attach_name = name;
			m.attach_type = "text/csv; charset=utf-8";
		}
		if (attach_xlsx) {
			FILE *mem = open_memstream(&att, &alen);

			if (mem == NULL)
				svc_die("cannot buffer the workbook: out of "
				    "memory");
			if (svc_xlsx_write(&doc, &xo, mem, &e) < 0) {
				fclose(mem);
				free(text);
				free(html);
				free(att);
				goto fail;
			}
			if (fclose(mem) != 0)
				svc_die("cannot buffer the workbook: out of "
				    "memory");
			snprintf(name, sizeof(name), "%s.xlsx", k->name);
			m.attach = att;
			m.attach_len = alen;
			m.attach_name = name;
			m.attach_type = "application/vnd.openxmlformats-"
			    "officedocument.spreadsheetml.sheet";
		}
		m.text = text;
		m.html = html;
		svc_mail_write(&m, stdout);
		free(text);
		free(html);
		free(att);
	} else if (fmt == SVC_FMT_XLSX) {
		if (svc_xlsx_write(&doc, &xo, stdout, &e) < 0)
			goto fail;
	} else
		svc_doc_write(&doc, fmt, &ro, stdout);
	goto out;
fail:
	status = svc_cli_report(&e);
out:
	svc_doc_release(&doc);
	free(to.v);
	free(cc.v);
	free(deffrom);
	free(defsubject);
	svc_cli_db_close(db);
	svc_policy_free(pol);
	return svc_cli_close_stdout(status);
}
