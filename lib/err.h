/*
 * err: errors as values.
 *
 * lib/ never prints or exits on bad data. A function that can fail returns
 * a status (-1, or NULL) and fills a caller-owned struct svc_err with where
 * the problem is (file, line, field) and what it is. Only cmd/ prints it,
 * as "prog: file:line: field: message", and picks the exit status.
 */
#ifndef SVC_ERR_H
#define SVC_ERR_H

#include <stddef.h>

/* Exit statuses of every tool in the suite (and error classes). */
enum {
	SVC_OK = 0,
	SVC_EDATA = 1,		/* bad data, failed I/O or database */
	SVC_EUSAGE = 2		/* bad options or arguments */
};

struct svc_err {
	int code;		/* SVC_EDATA or SVC_EUSAGE; 0 when clear */
	char file[256];		/* "" when the error is not about a file */
	long line;		/* 0 when unknown */
	char field[64];		/* column, key or option; "" when none */
	char msg[512];
};

/* Clears e so that it reports no error. */
void svc_err_clear(struct svc_err *e);

/*
 * Records an error of class SVC_EDATA at file:line:field (file and field
 * may be NULL, line 0) with a printf-style message. Long values are cut.
 * Always returns -1, so callers can write "return svc_err_set(...)".
 */
int svc_err_set(struct svc_err *e, const char *file, long line,
    const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* As svc_err_set, but the message gets ": strerror(errnum)" appended. */
int svc_err_sys(struct svc_err *e, const char *file, int errnum,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * Writes "file:line: field: msg" into buf (parts that are empty are left
 * out with their colon). Returns buf.
 */
char *svc_err_format(const struct svc_err *e, char *buf, size_t size);

#endif
