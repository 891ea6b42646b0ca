#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "util.h"

const char *svc_progname = "svc";

void
svc_cli_init(const char *argv0)
{
	const char *slash, *cs;

	if (argv0 != NULL && *argv0 != '\0') {
		slash = strrchr(argv0, '/');
		svc_progname = slash ? slash + 1 : argv0;
	}
	if (setlocale(LC_CTYPE, "") == NULL ||
	    ((cs = nl_langinfo(CODESET)) != NULL && strcmp(cs, "UTF-8") != 0))
		setlocale(LC_CTYPE, "C.UTF-8");
}

/* Messages quote user data: one line each, no control characters. */
static void
say(const char *msg)
{
	char *v = svc_visible(msg, 0);

	fprintf(stderr, "%s: %s\n", svc_progname, v);
	free(v);
}

static void vwarn(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0), nonnull(1)));

static void
vwarn(const char *fmt, va_list ap)
{
	va_list cp;
	char one[1], *s;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(one, sizeof(one), fmt, cp);
	va_end(cp);
	if (n < 0)
		n = 0;
	s = svc_xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	say(s);
	free(s);
}

void
svc_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void
svc_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	exit(SVC_EDATA);
}

void
svc_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n",
	    svc_progname);
	exit(SVC_EUSAGE);
}

void
svc_cli_db_close(struct svc_db *db)
{
	const char *w;

	if (db != NULL && (w = svc_db_checkpoint(db)) != NULL)
		svc_warn("warning: %s", w);
	svc_db_close(db);
}

int
svc_cli_report(const struct svc_err *e)
{
	char buf[1024];

	say(svc_err_format(e, buf, sizeof(buf)));
	return e->code ? e->code : SVC_EDATA;
}

void
svc_cli_warnings(const struct svc_err *w, size_t n)
{
	char buf[1024];

	for (size_t i = 0; i < n; i++)
		svc_warn("warning: %s", svc_err_format(&w[i], buf,
		    sizeof(buf)));
}

void
svc_cli_version(void)
{
	printf("%s (svc) %s\n"
	    "Copyright (C) 2026 the svc authors.\n"
	    "License: ISC <https://opensource.org/licenses/ISC>.\n"
	    "This is free software: you are free to change and redistribute "
	    "it.\nThere is NO WARRANTY, to the extent permitted by law.\n",
	    svc_progname, SVC_VERSION);
	exit(svc_cli_close_stdout(0));
}

const char *
svc_cli_db(const char *opt)
{
	const char *s;

	if (opt != NULL)
		return opt;
	if ((s = getenv("SVC_DB")) != NULL && *s != '\0')
		return s;
	return "svc.db";
}

const char *
svc_cli_policy(const char *opt)
{
	const char *s;

	if (opt != NULL)
		return opt;
	if ((s = getenv("SVC_POLICY")) != NULL && *s != '\0')
		return s;
	return NULL;
}

const char *
svc_cli_user(void)
{
	const char *s;
	struct passwd *pw;

	if ((s = getenv("SVC_USER")) != NULL && *s != '\0')
		return s;
	if ((pw = getpwuid(getuid())) != NULL)
		return pw->pw_name;
	return "unknown";
}

int
svc_cli_close_stdout(int status)
{
	int failed = fflush(stdout) != 0 || ferror(stdout);

	if (fclose(stdout) != 0)
		failed = 1;
	/* a command that failed has said why, a write error included */
	if (failed && status == SVC_OK) {
		svc_warn("write error on standard output: %s",
		    strerror(errno ? errno : EIO));
		return SVC_EDATA;
	}
	return status;
}

int
svc_cli_term_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ,
	    &ws) == 0 && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}
