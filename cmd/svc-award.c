/*
 * svc-award: awards from period scores, and the posting lifecycle of
 * saved awards. Wiring only; the rules are in lib/award.c, the storage
 * and lifecycle in lib/posting.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "award.h"
#include "cli.h"
#include "csvio.h"
#include "db.h"
#include "period.h"
#include "policy.h"
#include "posting.h"
#include "util.h"

enum { O_DB = 256, O_POLICY, O_PERIOD, O_ASOF, O_SAVE, O_REPLACE, O_REASON,
	O_UPHOLD, O_STATUS, O_HISTORY, O_EXCEL, O_ENCODING, O_IGNORE,
	O_PARTIAL };

static const struct option longopts[] = {
	{ "db", required_argument, NULL, O_DB },
	{ "policy", required_argument, NULL, O_POLICY },
	{ "period", required_argument, NULL, O_PERIOD },
	{ "as-of", required_argument, NULL, O_ASOF },
	{ "save", no_argument, NULL, O_SAVE },
	{ "partial", no_argument, NULL, O_PARTIAL },
	{ "replace", no_argument, NULL, O_REPLACE },
	{ "reason", required_argument, NULL, O_REASON },
	{ "uphold", required_argument, NULL, O_UPHOLD },
	{ "status", required_argument, NULL, O_STATUS },
	{ "history", no_argument, NULL, O_HISTORY },
	{ "excel", no_argument, NULL, O_EXCEL },
	{ "encoding", required_argument, NULL, O_ENCODING },
	{ "ignore-extra", no_argument, NULL, O_IGNORE },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *f)
{
	fprintf(f,
"usage: svc-award --policy FILE [--db FILE] [--as-of DATE]\n"
"                 [--period P [--partial]] [--save [--replace --reason TEXT]]\n"
"                 [--excel] [FILE|-]...\n"
"       svc-award approve --period P [--as-of DATE]\n"
"       svc-award object ID --reason TEXT [--as-of DATE]\n"
"       svc-award finalize --period P [--uphold ID]... [--as-of DATE]\n"
"       svc-award pay --period P [--as-of DATE]\n"
"       svc-award list [--period P] [--status S] [--history]\n");
	if (f == stderr)
		return;
	fprintf(f, "\n"
"Decide tiers, stars and worst ratings from scores CSV (svc-score's\n"
"columns) and track saved awards through their posting.\n"
"\n"
"  --policy FILE    the scheme (default $SVC_POLICY)\n"
"  --db FILE        the ledger (default $SVC_DB, then ./svc.db)\n"
"  --as-of DATE     the day the decision is taken (default today; a\n"
"                   timestamp counts as its date)\n"
"  --period P       the period to decide: with no FILE, the scores saved\n"
"                   by svc-score --save; scores of shorter periods inside\n"
"                   P are combined (the year from its quarters, each of\n"
"                   which must have scores)\n"
"  --partial        with --period: combine the parts there are\n"
"  FILE|-           scores CSV (stdin when there is no FILE and no\n"
"                   --period)\n"
"  --save           store the awards as posted, or proposed where the\n"
"                   policy asks for approval (replaces unpaid awards of\n"
"                   the same period; decides later saved periods again)\n"
"  --replace        with --save: replace approved awards too (--reason)\n"
"  --excel          CSV for spreadsheets: BOM, CRLF, formulas neutralised\n"
"  --encoding ENC   scores CSV is utf-8 (default), gb18030, gbk or cp936\n"
"  --ignore-extra   skip unknown CSV columns instead of refusing them\n"
"  --reason TEXT    why: an objection, or a --replace\n"
"  approve          approve the proposed awards: their posting starts\n"
"  object ID        record an objection to posted award ID (--reason)\n"
"  finalize         after the posting: withdraw awards with a complaint in\n"
"                   the window or an upheld objection (--uphold OBJECTION),\n"
"                   approve the rest\n"
"  pay              mark approved awards paid; prints the payroll CSV\n"
"  list             saved awards (--status S, --history: every change)\n"
"  -h, --help       this help;  -V, --version  the version\n"
"\n"
"Columns: period,staff,name,dept,award,amount,action,rank,consecutive,\n"
"posted_from,posted_until,payable,status,type,badge,reason\n"
"Exit status: 0 done, 1 bad data or a failure, 2 bad usage.\n");
}

struct opts {
	const char *policy, *db, *period, *reason, *status;
	long long *uphold;
	size_t nuphold;
	int save, replace, history, excel, partial;
	struct svc_csv_opts csv;
	time_t asof;
	int has_period;
	struct svc_period per;
};

/* The ledger when there is one: --db and $SVC_DB must exist, the default
 * ./svc.db may be missing (a pipeline without history). */
static int
open_db(const struct opts *o, int required, struct svc_db **db,
    struct svc_err *e)
{
	const char *path = svc_cli_db(o->db);

	*db = NULL;
	if (!required && o->db == NULL && getenv("SVC_DB") == NULL &&
	    access(path, F_OK) != 0)
		return 0;
	*db = svc_db_open(path, SVC_DB_EXISTING, e);
	return *db ? 0 : -1;
}

struct award_out {
	struct svc_csv_writer w;
	struct svc_posting_dates d;
	const char *status;
};

static int
write_awards(void *arg, const struct svc_awards *aw, struct svc_err *e)
{
	struct award_out *o = arg;

	(void)e;
	svc_posting_write_header(&o->w, 0, 0);
	for (size_t i = 0; i < aw->n; i++) {
		struct svc_saved_award sa = { .a = &aw->v[i], .dates = &o->d,
		    .status = o->status };

		svc_posting_write_row(&o->w, 0, 0, &sa);
	}
	return 0;
}

static int
decide(const struct opts *o, const struct svc_policy *pol, char **files,
    int nfiles, struct svc_err *e)
{
	struct svc_award_input in = { 0 };
	struct svc_awards aw = { 0 };
	struct award_out out;
	struct svc_buf changes = { 0 };
	struct svc_db *db = NULL;
	int saved = nfiles == 0 && o->has_period;
	int status = -1;

	if (open_db(o, o->save || saved, &db, e) < 0)
		goto out;
	if (db == NULL && svc_award_needs_history(pol))
		svc_warn("warning: no database (%s): consecutive stars and "
		    "worst ratings count from this run only",
		    svc_cli_db(o->db));
	out.status = svc_posting_saved_as(pol, o->asof, &out.d);
	svc_csv_writer_init(&out.w, stdout, o->excel);
	if (!o->save)
		out.status = "proposed";
	/* saving reads saved scores inside its transaction */
	if (saved && !o->save) {
		if (svc_posting_saved_input(db, pol, &o->per, o->partial,
		    &in, e) < 0)
			goto out;
	} else if (!saved && svc_award_input_files(&in, files, nfiles,
	    &o->csv, o->has_period ? &o->per : NULL, o->partial, pol, e) < 0)
		goto out;
	if (o->save) {
		/* history, decision, save and output in one transaction */
		svc_db_output(db, stdout);
		if (svc_posting_decide_save(db, pol, &in, saved ? &o->per :
		    NULL, o->partial, o->asof, svc_cli_user(), o->replace ? o->reason :
		    NULL, write_awards, &out, &aw, &changes, e) < 0)
			goto out;
		for (char *l = changes.s, *nl; l && *l; l = nl + 1) {
			nl = strchr(l, '\n');
			*nl = '\0';
			svc_warn("%s", l);
		}
	} else {
		if (svc_posting_decide(db, pol, &in, &aw, e) < 0)
			goto out;
		write_awards(&out, &aw, e);
	}
	status = 0;
out:
	svc_buf_release(&changes);
	svc_awards_release(&aw);
	svc_award_input_release(&in);
	svc_cli_db_close(db);
	return status;
}

struct lister {
	struct svc_csv_writer w;
	int history;
};

static int
list_row(void *arg, const struct svc_saved_award *s)
{
	struct lister *l = arg;

	svc_posting_write_row(&l->w, 1, l->history, s);
	return 0;
}

static int
list(const struct opts *o, struct svc_db *db, const char *policy,
    struct svc_err *e)
{
	struct svc_posting_filter f = { policy,
	    o->has_period ? o->per.name : NULL, o->status, o->history };
	struct lister l;

	svc_csv_writer_init(&l.w, stdout, o->excel);
	l.history = o->history;
	svc_posting_write_header(&l.w, 1, o->history);
	return svc_posting_list(db, &f, list_row, &l, e) < 0 ? -1 : 0;
}

struct payroll {
	struct svc_csv_writer w;
	int header;
};

static void
pay_header(struct payroll *p)
{
	static const char *const h[] = { "staff", "name", "dept", "amount" };

	if (!p->header)
		svc_csv_row(&p->w, h, 4);
	p->header = 1;
}

static int
pay_row(void *arg, const char *staff, const char *name, const char *dept,
    double amount)
{
	struct payroll *p = arg;
	struct svc_csv_writer *w = &p->w;

	pay_header(p);
	if (staff == NULL)
		return 0;
	svc_csv_cell(w, staff);
	svc_csv_cell(w, name);
	svc_csv_cell(w, dept);
	svc_csv_num(w, amount);
	svc_csv_endrow(w);
	return 0;
}

static int
print_id(void *arg, long long id, struct svc_err *e)
{
	(void)arg;
	(void)e;
	printf("%lld\n", id);
	return 0;
}

struct finalized {
	const struct opts *o;
	struct svc_db *db;
	const char *policy;
};

static int list(const struct opts *, struct svc_db *, const char *,
    struct svc_err *);

static int
list_finalized(void *arg, struct svc_err *e)
{
	struct finalized *f = arg;

	return list(f->o, f->db, f->policy, e);
}

/* The lifecycle subcommands, on the database. */
static int
lifecycle(const char *cmd, const struct opts *o, const struct svc_policy *pol,
    const char *arg, struct svc_err *e)
{
	struct svc_posting_result res;
	struct svc_db *db;
	int rc = -1;

	if (open_db(o, 1, &db, e) < 0)
		return -1;
	/* every result is written before its commit */
	svc_db_output(db, stdout);
	if (strcmp(cmd, "object") == 0) {
		long long id;
		long v;

		if (svc_parse_long(arg, 1, 2147483647L, &v) < 0) {
			svc_err_set(e, NULL, 0, "ID", "'%s' is not an award "
			    "id", arg);
			e->code = SVC_EUSAGE;
		} else if (svc_posting_object(db, v, o->reason, o->asof,
		    svc_cli_user(), print_id, NULL, &id, e) == 0)
			rc = 0;
	} else if (strcmp(cmd, "approve") == 0) {
		struct finalized f = { o, db, pol->name };
		size_t n;

		if (svc_posting_approve(db, pol, o->per.name, o->asof,
		    svc_cli_user(), list_finalized, &f, &n, e) == 0) {
			svc_warn("%s: %zu posted", o->per.name, n);
			rc = 0;
		}
	} else if (strcmp(cmd, "finalize") == 0) {
		struct finalized f = { o, db, pol->name };

		if (svc_posting_finalize(db, pol, o->per.name, o->asof,
		    o->uphold, o->nuphold, svc_cli_user(), list_finalized, &f,
		    &res, e) == 0) {
			svc_warn("%s: %zu approved, %zu withdrawn", o->per.name,
			    res.approved, res.withdrawn);
			rc = 0;
		}
	} else if (strcmp(cmd, "pay") == 0) {
		struct payroll p = { .header = 0 };

		/* rows come before the commit, once nothing can refuse */
		svc_csv_writer_init(&p.w, stdout, o->excel);
		if (svc_posting_pay(db, pol->name, o->per.name, o->asof,
		    svc_cli_user(), pay_row, &p, &res, e) == 0) {
			svc_warn("%s: %zu paid, total %g", o->per.name,
			    res.paid, res.total);
			rc = 0;
		}
	} else
		rc = list(o, db, pol ? pol->name : NULL, e);
	svc_cli_db_close(db);
	return rc;
}

static const char *const commands[] = { "approve", "object", "finalize",
	"pay", "list", NULL };

int
main(int argc, char **argv)
{
	struct opts o = { 0 };
	struct svc_policy *pol = NULL;
	struct svc_err e = { 0 };
	const char *cmd = NULL, *asof = NULL;
	int ch, status = 0;
	long v;

	svc_cli_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "hV", longopts, NULL)) != -1) {
		switch (ch) {
		case O_DB: o.db = optarg; break;
		case O_POLICY: o.policy = optarg; break;
		case O_PERIOD: o.period = optarg; break;
		case O_ASOF: asof = optarg; break;
		case O_SAVE: o.save = 1; break;
		case O_PARTIAL: o.partial = 1; break;
		case O_REPLACE: o.replace = 1; break;
		case O_REASON: o.reason = optarg; break;
		case O_UPHOLD:
			if (svc_parse_long(optarg, 1, 2147483647L, &v) < 0)
				svc_usage_error("--uphold: '%s' is not an "
				    "objection id", optarg);
			o.uphold = svc_xrealloc(o.uphold,
			    (o.nuphold + 1) * sizeof(*o.uphold));
			o.uphold[o.nuphold++] = v;
			break;
		case O_STATUS: o.status = optarg; break;
		case O_HISTORY: o.history = 1; break;
		case O_EXCEL: o.excel = 1; break;
		case O_ENCODING: o.csv.encoding = optarg; break;
		case O_IGNORE: o.csv.ignore_extra = 1; break;
		case 'h':
			usage(stdout);
			return svc_cli_close_stdout(0);
		case 'V':
			svc_cli_version();
		default:
			fprintf(stderr, "Try 'svc-award --help' for more "
			    "information.\n");
			return SVC_EUSAGE;
		}
	}
	for (int i = 0; optind < argc && commands[i]; i++)
		if (strcmp(argv[optind], commands[i]) == 0)
			cmd = argv[optind++];

	o.has_period = o.period != NULL;
	if (o.status != NULL && !svc_posting_status_valid(o.status))
		svc_usage_error("--status: '%s' is not proposed, posted, "
		    "approved, withdrawn, paid or replaced", o.status);
	/* each option belongs to some commands only */
	if (o.replace && (cmd != NULL || !o.save))
		svc_usage_error("--replace goes with --save");
	if (o.replace && (o.reason == NULL || *o.reason == '\0'))
		svc_usage_error("--replace needs --reason TEXT");
	if ((cmd == NULL || strcmp(cmd, "object") != 0) && o.reason &&
	    !o.replace)
		svc_usage_error("--reason goes with object or --save --replace");
	if ((cmd == NULL || strcmp(cmd, "finalize") != 0) && o.nuphold)
		svc_usage_error("--uphold goes with finalize");
	if ((cmd == NULL || strcmp(cmd, "list") != 0) &&
	    (o.status || o.history))
		svc_usage_error("--status and --history go with list");
	if (cmd != NULL && (o.save || o.partial || o.csv.encoding ||
	    o.csv.ignore_extra))
		svc_usage_error("--save, --partial, --encoding and "
		    "--ignore-extra go with deciding, not %s", cmd);
	if (o.partial && !o.has_period)
		svc_usage_error("--partial goes with --period");
	if (cmd != NULL && strcmp(cmd, "object") == 0) {
		if (optind != argc - 1)
			svc_usage_error("object takes one award ID");
		if (o.reason == NULL || *o.reason == '\0')
			svc_usage_error("object needs --reason TEXT");
		if (o.period)
			svc_usage_error("object takes no --period");
	} else if (cmd != NULL) {
		if (optind != argc)
			svc_usage_error("%s takes no operands ('%s')", cmd,
			    argv[optind]);
		if (strcmp(cmd, "list") != 0 && !o.has_period)
			svc_usage_error("%s needs --period P", cmd);
	}

	/* a reason is shown in lists and mail: no control characters */
	if (svc_text_check(o.reason, 1, "--reason", &e) < 0)
		goto fail;
	o.policy = svc_cli_policy(o.policy);
	if (o.policy == NULL && (cmd == NULL || strcmp(cmd, "approve") == 0 ||
	    strcmp(cmd, "finalize") == 0 || strcmp(cmd, "pay") == 0))
		svc_usage_error("no policy (use --policy or set SVC_POLICY)");
	if (o.policy != NULL && (pol = svc_policy_load(o.policy, &e)) == NULL)
		goto fail;
	if (pol != NULL)
		svc_cli_warnings(pol->warnings, pol->nwarnings);
	/* dates and periods are the policy's zone's */
	svc_policy_apply_zone(pol);
	if (svc_as_of_parse(asof, time(NULL), &o.asof, &e) < 0)
		svc_usage_error("--as-of: %s", e.msg);
	if (o.period != NULL && svc_period_parse(o.period, o.asof, &o.per,
	    &e) < 0)
		svc_usage_error("--period: %s", e.msg);
	if (cmd == NULL) {
		if (decide(&o, pol, argv + optind, argc - optind, &e) < 0)
			goto fail;
	} else if (lifecycle(cmd, &o, pol, argv[optind], &e) < 0)
		goto fail;
	goto out;
fail:
	status = svc_cli_report(&e);
out:
	free(o.uphold);
	svc_policy_free(pol);
	return svc_cli_close_stdout(status);
}
