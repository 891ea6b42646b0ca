#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "err.h"

void
svc_err_clear(struct svc_err *e)
{
	memset(e, 0, sizeof(*e));
}

static void
place(struct svc_err *e, const char *file, long line, const char *field)
{
	e->code = SVC_EDATA;
	snprintf(e->file, sizeof(e->file), "%s", file ? file : "");
	e->line = line;
	snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
}

int
svc_err_set(struct svc_err *e, const char *file, long line, const char *field,
    const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return -1;
	place(e, file, line, field);
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

int
svc_err_sys(struct svc_err *e, const char *file, int errnum, const char *fmt,
    ...)
{
	va_list ap;
	size_t n;

	if (e == NULL)
		return -1;
	place(e, file, 0, NULL);
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	n = strlen(e->msg);
	snprintf(e->msg + n, sizeof(e->msg) - n, "%s%s", n ? ": " : "",
	    strerror(errnum));
	return -1;
}

char *
svc_err_format(const struct svc_err *e, char *buf, size_t size)
{
	char line[32] = "";

	if (e->line > 0)
		snprintf(line, sizeof(line), ":%ld", e->line);
	snprintf(buf, size, "%s%s%s%s%s%s", e->file, line,
	    e->file[0] || e->line > 0 ? ": " : "",
	    e->field, e->field[0] ? ": " : "", e->msg);
	return buf;
}
