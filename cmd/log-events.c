/*
 * svc-log's commands on the ledger itself (init, copy, roster,
 * customers, contacts, add, import, void, list, kinds, check): each
 * turns its arguments into a call of lib/ and says the outcome.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "csvio.h"
#include "db.h"
#include "fields.h"
#include "ledger.h"
#include "log.h"
#include "period.h"
#include "policy.h"
#include "preflight.h"
#include "sheetmap.h"
#include "table.h"
#include "util.h"
#include "xlsx.h"

int
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

int
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

int
c_roster(struct ctx *c)
{
	long n;

	if (svc_ledger_roster(c->db, c->args[0], &c->o.csv, &n, &c->e) < 0)
		return -1;
	svc_warn("roster: %ld staff stored", n);
	return 0;
}

int
c_customers(struct ctx *c)
{
	long n;

	if (svc_ledger_customers(c->db, c->args[0], &c->o.csv, &n,
	    &c->e) < 0)
		return -1;
	svc_warn("customers: %ld customers stored", n);
	return 0;
}

int
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
int
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

int
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

int
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

long long
parse_id(const char *s, const char *what)
{
	long v;

	if (svc_parse_long(s, 1, 0x7fffffffL, &v) < 0)
		svc_usage_error("bad %s '%s' (a positive whole number)", what,
		    s);
	return v;
}

int
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

int
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
		rc = svc_ledger_list_table(c->db, c->policy, &f, &d,
		    &c->e) < 0 ||
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
	return svc_ledger_list(c->db, c->policy, &f, &w, &c->e);
}

int
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

int
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
