/*
 * cli: what every tool's main() shares: program name, locale, messages,
 * exit statuses, the --db/--policy defaults, closing stdout with a check.
 * This is the one lib/ module that prints and exits; it is only ever
 * called from cmd/.
 */
#ifndef SVC_CLI_H
#define SVC_CLI_H

#include "db.h"
#include "err.h"

#define SVC_VERSION "0.1.0"

extern const char *svc_progname;

/*
 * Records the program name and sets LC_CTYPE from the environment, falling
 * back to C.UTF-8 when that is not UTF-8 (cron's "C"), so that character
 * widths work. Only LC_CTYPE: numbers and dates must not follow the
 * locale.
 */
void svc_cli_init(const char *argv0);

/*
 * "prog: message\n" on stderr, control characters in the message shown as
 * escapes (svc_visible: a message may quote what a file or ledger says).
 */
void svc_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* svc_warn, then exit(SVC_EDATA). */
void svc_die(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

/* Bad usage: "prog: message", a hint to try --help, exit(SVC_EUSAGE). */
void svc_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

/* Prints e as "prog: file:line: field: message"; returns e->code or 1. */
int svc_cli_report(const struct svc_err *e);

/* Prints each of w[0..n) as "prog: warning: file:line: field: message"
 * (a policy's warnings); the exit status is not the warnings' business. */
void svc_cli_warnings(const struct svc_err *w, size_t n);

/*
 * Closes db (NULL is fine), first warning when what the command committed
 * could not be copied from the WAL into the ledger file (svc_db_checkpoint).
 */
void svc_cli_db_close(struct svc_db *db);

/* Prints "prog (svc) VERSION" and the licence lines; exits 0. */
void svc_cli_version(void) __attribute__((noreturn));

/* The database path: opt if given, else $SVC_DB, else "svc.db". */
const char *svc_cli_db(const char *opt);

/* The policy path: opt if given, else $SVC_POLICY, else NULL. */
const char *svc_cli_policy(const char *opt);

/* Who is logging: $SVC_USER, else the login name of the real uid. */
const char *svc_cli_user(void);

/*
 * Flushes and closes stdout; on a write error (a full disk, /dev/full)
 * after a command that succeeded, prints why and returns SVC_EDATA; else
 * returns status unchanged (a failed command has reported its error, a
 * write error caught before its commit included).
 */
int svc_cli_close_stdout(int status);

/* The width of the terminal standard output is, or 80 when it is not a
 * terminal or says less than 20 columns. */
int svc_cli_term_width(void);

#endif
