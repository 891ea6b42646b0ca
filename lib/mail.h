/*
 * mail: a complete RFC 5322 / MIME message for `sendmail -t`.
 *
 * The body is multipart/alternative with a text/plain part first and a
 * text/html part last (RFC 2046 5.1.4), both UTF-8 in base64 (76-column
 * lines); with an attachment the whole is multipart/mixed around that.
 * A Subject that is not plain ASCII becomes RFC 2047 "B" encoded-words of
 * whole UTF-8 characters, each at most 75 characters, on lines of at most
 * 76. Dates are written in the C locale with the local offset. Lines end
 * in LF, as sendmail(8) expects on its standard input.
 *
 * The Message-ID and the MIME boundary are derived from a hash of the
 * whole message content (date, addresses, subject, parts), so the same
 * report at the same Date gives the same message: re-sending it after a
 * failure is recognisable as a duplicate, and tests are reproducible.
 */
#ifndef SVC_MAIL_H
#define SVC_MAIL_H

#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "err.h"

struct svc_mail {
	const char *from;	/* an address, "user@host" */
	const char *const *to;	/* [nto] addresses; at least one of to/cc */
	size_t nto;
	const char *const *cc;
	size_t ncc;
	const char *subject;	/* UTF-8 */
	time_t date;
	const char *text;	/* the text/plain part, UTF-8 */
	const char *html;	/* the text/html part, UTF-8 */
	const char *attach;	/* NULL, or the attachment's bytes */
	size_t attach_len;
	const char *attach_name;	/* file name, ASCII, e.g. "scores.csv" */
	const char *attach_type;	/* e.g. "text/csv; charset=utf-8" */
};

/*
 * Checks the header values of m: an address must be non-empty, have one
 * '@' with text either side, and no space, control character, comma or
 * angle bracket; the subject must have no control character. Returns 0,
 * or -1 with e->field naming the option ("--to", "--from", "--subject").
 */
int svc_mail_check(const struct svc_mail *m, struct svc_err *e);

/* Writes the message to out (after svc_mail_check). Write errors surface
 * through ferror(out). */
void svc_mail_write(const struct svc_mail *m, FILE *out);

/*
 * Writes "Subject: " plus s encoded per RFC 2047 when it is not printable
 * ASCII (folded onto continuation lines as needed), and a newline.
 */
void svc_mail_subject(FILE *out, const char *s);

/* Formats t as an RFC 5322 date, "Wed, 11 Nov 2026 20:26:40 +0800",
 * into buf[40], independent of the locale. Returns buf. */
char *svc_mail_date(time_t t, char *buf);

#endif
