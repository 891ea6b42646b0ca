/*
 * svc-score: every staff member's score for a period under a policy, from
 * the database or from events CSV. Wiring only; the rules are in
 * lib/score.c.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "csvio.h"
#include "db.h"
#include "ledger.h"
#include "period.h"
#include "policy.h"
#include "score.h"

enum { O_DB = 256, O_POLICY, O_PERIOD, O_ROSTER, O_EXPLAIN, O_SAVE,
	O_EXCEL, O_ENCODING, O_IGNORE, O_DRIFT };

static const struct option longopts[] = {
	{ "db", required_argument, NULL, O_DB },
	{ "policy", required_argument, NULL, O_POLICY },
	{ "period", required_argument, NULL, O_PERIOD },
	{ "roster", required_argument, NULL, O_ROSTER },
	{ "explain", required_argument, NULL, O_EXPLAIN },
	{ "save", no_argument, NULL, O_SAVE },
	{ "drift", no_argument, NULL, O_DRIFT },
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
"usage: svc-score --policy FILE --period P [--db FILE] [--roster FILE]\n"
"                 [--explain STAFF] [--save] [--excel] [FILE|-]...\n"
"       svc-score --policy FILE --period P [--db FILE] --drift [--excel]\n");
	if (f == stderr)
		return;
	fprintf(f, "\n"
"Compute every staff member's score for a period under a policy: the\n"
"active roster and everyone with events, one CSV row each.\n"
"\n"
"  --policy FILE    the scheme (default $SVC_POLICY)\n"
"  --period P       2026-10, 2026-Q3, 2026-W42, 2026, last-month, ...\n"
"  --db FILE        the ledger (default $SVC_DB, then ./svc.db)\n"
"  FILE|-           read events CSV (svc-log list columns) instead of the\n"
"                   database; the roster then comes from --roster or --db\n"
"  --roster FILE    roster CSV for FILE mode\n"
"  --explain STAFF  print every event, rule and charge behind one score\n"
"  --save           store the scores in the database (replacing an earlier\n"
"                   run of the same period and policy); refused once the\n"
"                   period's awards are paid\n"
"  --drift          the saved scores that differ from the ledger now, and\n"
"                   the events behind each difference\n"
"  --excel          CSV for spreadsheets: BOM, CRLF, formulas neutralised\n"
"  --encoding ENC   events CSV is utf-8 (default), gb18030, gbk or cp936\n"
"  --ignore-extra   skip unknown CSV columns instead of refusing them\n"
"  -h, --help       this help;  -V, --version  the version\n"
"\n"
"Columns: period,staff,name,dept,position,base,deductions,bonuses,joint,\n"
"score,complaints,praises,events,eligible,reason,unit\n"
"Exit status: 0 done, 1 bad data or a failure, 2 bad usage.\n");
}

static void
add_staff(void *arg, const struct svc_staff *st)
{
	svc_scorer_staff(arg, st);
}

static int
add_event(void *arg, const struct svc_event *ev, const char *file, long line,
    struct svc_err *e)
{
	return svc_scorer_event(arg, ev, file, line, e);
}

struct scores {
	const struct svc_scorer *sc;
	int excel;
};

/* The scores CSV on stdout; also svc_db_report's, under --save. */
static int
write_scores(void *arg, struct svc_err *e)
{
	const struct scores *s = arg;
	struct svc_csv_writer w;

	(void)e;
	svc_csv_writer_init(&w, stdout, s->excel);
	svc_score_write(s->sc, &w);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *policy = NULL, *period = NULL, *roster = NULL;
	const char *explain = NULL, *dbopt = NULL;
	struct svc_csv_opts csv = { 0 };
	struct svc_policy *pol = NULL;
	struct svc_scorer *sc = NULL;
	struct svc_db *db = NULL;
	struct svc_period per;
	struct svc_err e = { 0 };
	const struct svc_score *const *rows;
	int ch, save = 0, excel = 0, drift = 0, status = 0;

	svc_cli_init(argv[0]);
	while ((ch = getopt_long(argc, argv, "hV", longopts, NULL)) != -1) {
		switch (ch) {
		case O_DB: dbopt = optarg; break;
		case O_POLICY: policy = optarg; break;
		case O_PERIOD: period = optarg; break;
		case O_ROSTER: roster = optarg; break;
		case O_EXPLAIN: explain = optarg; break;
		case O_SAVE: save = 1; break;
		case O_DRIFT: drift = 1; break;
		case O_EXCEL: excel = 1; break;
		case O_ENCODING: csv.encoding = optarg; break;
		case O_IGNORE: csv.ignore_extra = 1; break;
		case 'h':
			usage(stdout);
			return svc_cli_close_stdout(0);
		case 'V':
			svc_cli_version();
		default:
			fprintf(stderr, "Try 'svc-score --help' for more "
			    "information.\n");
			return SVC_EUSAGE;
		}
	}
	if ((policy = svc_cli_policy(policy)) == NULL)
		svc_usage_error("no policy (use --policy or set SVC_POLICY)");
	if (period == NULL)
		svc_usage_error("no period (use --period, e.g. --period "
		    "last-month)");
	if (roster != NULL && optind == argc)
		svc_usage_error("--roster goes with events CSV files");
	if (save && explain)
		svc_usage_error("--save and --explain do not go together");
	if (drift && (save || explain || roster != NULL || optind < argc))
		svc_usage_error("--drift compares the ledger with its saved "
		    "scores: not with --save, --explain, --roster or FILE");

	if ((pol = svc_policy_load(policy, &e)) == NULL)
		goto fail;
	svc_cli_warnings(pol->warnings, pol->nwarnings);
	/* the period's edges are the policy's zone's */
	svc_policy_apply_zone(pol);
	if (svc_period_parse(period, time(NULL), &per, &e) < 0)
		svc_usage_error("--period: %s", e.msg);
	sc = svc_scorer_new(pol, &per, explain);
	if ((roster == NULL || save || drift) && (db = svc_db_open(svc_cli_db(dbopt),
	    SVC_DB_EXISTING, &e)) == NULL)
		goto fail;
	if (roster != NULL) {
		if (svc_ledger_read_roster(roster, &csv, add_staff, sc, &e) < 0)
			goto fail;
	} else if (svc_scorer_staff_db(sc, db, &e) < 0)
		goto fail;
	if (optind == argc && svc_scorer_events_db(sc, db, &e) < 0)
		goto fail;
	for (int i = optind; i < argc; i++)
		if (svc_ledger_read_events(argv[i], &csv, pol, add_event, sc,
		    &e) < 0)
			goto fail;
	{
		size_t n = svc_scorer_finish(sc, &rows);
		struct scores out = { sc, excel };

		if (explain) {
			if (svc_scorer_explain(sc, stdout, 1, &e) < 0)
				goto fail;
		} else if (drift) {
			struct svc_csv_writer w;

			svc_csv_writer_init(&w, stdout, excel);
			if (svc_score_drift(db, pol, &per, rows, n, &w,
			    &e) < 0)
				goto fail;
		} else if (save) {
			/* written inside the save, which a failed write
			 * undoes; a failed save writes nothing */
			svc_db_output(db, stdout);
			svc_db_report(db, write_scores, &out);
			if (svc_score_save(db, pol, per.name, rows, n,
			    &e) < 0)
				goto fail;
		} else
			write_scores(&out, &e);
	}
	goto out;
fail:
	status = svc_cli_report(&e);
out:
	svc_scorer_free(sc);
	svc_cli_db_close(db);
	svc_policy_free(pol);
	return svc_cli_close_stdout(status);
}
