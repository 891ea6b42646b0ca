/*
 * svc-log order ...: the work-order commands, each a call of lib/order.c.
 */
#include <string.h>
#include <time.h>

#include "cli.h"
#include "csvio.h"
#include "db.h"
#include "ledger.h"
#include "log.h"
#include "order.h"
#include "util.h"

int
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

int
o_assign(struct ctx *c)
{
	return svc_order_assign(c->ledger, parse_id(c->args[0], "order id"),
	    c->args[1], c->o.ts, &c->e);
}

int
o_close(struct ctx *c)
{
	return svc_order_close(c->ledger, parse_id(c->args[0], "order id"),
	    c->o.resolution, c->o.ts, &c->e);
}

int
o_cancel(struct ctx *c)
{
	if (c->o.reason == NULL)
		svc_usage_error("order cancel: --reason TEXT is required");
	return svc_order_cancel(c->ledger, parse_id(c->args[0], "order id"),
	    c->o.reason, c->o.ts, &c->e);
}

int
o_wait(struct ctx *c)
{
	if (c->o.reason == NULL)
		svc_usage_error("order wait: --reason TEXT is required");
	return svc_order_wait(c->ledger, parse_id(c->args[0], "order id"),
	    c->o.reason, c->o.ts, &c->e);
}

int
o_resume(struct ctx *c)
{
	return svc_order_resume(c->ledger, parse_id(c->args[0], "order id"),
	    c->o.ts, &c->e);
}

int
o_notify(struct ctx *c)
{
	return svc_order_notify(c->ledger, parse_id(c->args[0], "order id"),
	    c->o.ts, &c->e);
}

int
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
