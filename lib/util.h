/*
 * util: checked allocation, strict number parsing, UTF-8 checks, a
 * growable byte buffer. The allocators never return NULL: running out of
 * memory ends the process with a message (the one exception to "lib/ never
 * exits", because no caller can do better).
 */
#ifndef SVC_UTIL_H
#define SVC_UTIL_H

#include <pthread.h>
#include <stddef.h>

/*
 * Starts a worker thread of csvpar or handoff: pthread_create. A test
 * seam: a unit test points it at a stand-in that fails, to see the work
 * done on the caller's thread instead; nothing else sets it.
 */
extern int (*svc_thread_create)(pthread_t *, const pthread_attr_t *,
    void *(*)(void *), void *);

void *svc_xmalloc(size_t n);
void *svc_xcalloc(size_t n, size_t size);
void *svc_xrealloc(void *p, size_t n);
char *svc_xstrdup(const char *s);
char *svc_xstrndup(const char *s, size_t n);

/*
 * Parses a whole string as a finite decimal number ("5", "-10", "92.5",
 * "1e3"). Leading or trailing space, "", "inf", "nan" and hex are refused.
 * Returns 0 and stores *out, or -1.
 */
int svc_parse_num(const char *s, double *out);

/* As svc_parse_num for a whole base-10 integer in [min, max]. */
int svc_parse_long(const char *s, long min, long max, long *out);

/*
 * Formats a number the way CSV output shows it: shortest form that round
 * trips to 15 significant digits, no trailing zeros, never "-0".
 * buf must hold 32 bytes. Returns buf.
 */
char *svc_fmt_num(double v, char *buf);

/*
 * Rounds to 2 decimals, half away from zero as a person (and Excel)
 * rounds what is written: 94.995 becomes 95.00 although its binary value
 * is 94.99499... Scores are rounded this way before tiers apply.
 */
double svc_round2(double x);

/*
 * Returns the offset of the first byte of s[0..len) that does not start a
 * well-formed UTF-8 sequence (overlong forms, surrogates and code points
 * above U+10FFFF are ill-formed), or -1 if all of it is valid.
 */
long svc_utf8_invalid(const char *s, size_t len);

/* A growable NUL-terminated byte buffer. Zero-initialise, then use. */
struct svc_buf {
	char *s;		/* NUL-terminated once anything was added */
	size_t len, cap;
};

void svc_buf_add(struct svc_buf *b, const char *s, size_t n);
void svc_buf_adds(struct svc_buf *b, const char *s);
void svc_buf_printf(struct svc_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void svc_buf_reset(struct svc_buf *b);	/* empties, keeps memory */
void svc_buf_release(struct svc_buf *b);	/* frees, zeroes */

#endif
