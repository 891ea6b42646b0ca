#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "util.h"

int (*svc_thread_create)(pthread_t *, const pthread_attr_t *,
    void *(*)(void *), void *) = pthread_create;

_Noreturn void
svc_oom(size_t n)
{
	if (n > 0)
		fprintf(stderr, "svc: out of memory (%zu bytes)\n", n);
	else
		fprintf(stderr, "svc: out of memory\n");
	abort();
}

void
svc_xsetenv(const char *name, const char *value)
{
	if (setenv(name, value, 1) != 0)
		svc_oom(strlen(name) + strlen(value) + 2);
}

void *
svc_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		svc_oom(n);
	return p;
}

void *
svc_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		svc_oom(n * size);
	return p;
}

void *
svc_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		svc_oom(n);
	return q;
}

char *
svc_xstrdup(const char *s)
{
	return svc_xstrndup(s, strlen(s));
}

char *
svc_xstrndup(const char *s, size_t n)
{
	char *p = svc_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

int
svc_parse_num(const char *s, double *out)
{
	const char *p;
	char *end;
	double v;

	/* strtod also takes hex, inf, nan and leading space: refuse them */
	if (s == NULL || *s == '\0')
		return -1;
	for (p = s; *p; p++)
		if (!(*p >= '0' && *p <= '9') && *p != '.' && *p != '-' &&
		    *p != '+' && *p != 'e' && *p != 'E')
			return -1;
	if (!(s[0] >= '0' && s[0] <= '9') && s[0] != '-' && s[0] != '+' &&
	    s[0] != '.')
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (*end != '\0' || end == s || errno == ERANGE || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

int
svc_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (s == NULL || !((*s >= '0' && *s <= '9') || *s == '-' || *s == '+'))
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end != '\0' || end == s || errno == ERANGE || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

double
svc_round2(double x)
{
	/* nudge before rounding so that a written .xx5 rounds up */
	return round(x * 100 + (x >= 0 ? 1e-7 : -1e-7)) / 100;
}

char *
svc_fmt_num(double v, char *buf)
{
	char digits[20], *p = digits + sizeof(digits);
	unsigned long long n;
	size_t len;

	/*
	 * Whole numbers below 10^15, most of what svc writes, print as
	 * "%.15g" prints them, without printf's floating-point path (a
	 * fifth of a small score's run time). -0 becomes 0 on the way.
	 */
	if (v > -1e15 && v < 1e15 && v == (double)(long long)v) {
		n = (unsigned long long)(v < 0 ? -(long long)v : (long long)v);
		do
			*--p = (char)('0' + n % 10);
		while ((n /= 10) > 0);
		if (v < 0)
			*--p = '-';
		len = (size_t)(digits + sizeof(digits) - p);
		memcpy(buf, p, len);
		buf[len] = '\0';
		return buf;
	}
	snprintf(buf, 32, "%.15g", v);
	return buf;
}

long
svc_text_control(const char *str, int free_text)
{
	/*
	 * Every field of every imported row passes here: one table look-up
	 * a byte skips what cannot start a control character (C0, DEL, and
	 * the lead byte C2 of U+0080..U+009F).
	 */
	static const unsigned char suspect[256] = {
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
		[0x7F] = 1, [0xC2] = 1
	};
	const unsigned char *s = (const unsigned char *)str;

	for (;; s++) {
		while (!suspect[*s])
			s++;
		if (*s == '\0')
			return -1;
		if (*s == 0xC2) {
			if (s[1] >= 0x80 && s[1] <= 0x9F)
				return s[1];
			continue;
		}
		if (free_text && (*s == '\t' || *s == '\n' ||
		    (*s == '\r' && s[1] == '\n')))
			continue;
		return *s;
	}
}

int
svc_text_check(const char *s, int free_text, const char *field,
    struct svc_err *e)
{
	long cp;

	if (s == NULL || (cp = svc_text_control(s, free_text)) < 0)
		return 0;
	return svc_err_set(e, NULL, 0, field,
	    "control character U+%04lX not allowed", cp);
}

long
svc_utf8_invalid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i];
		size_t n, k;
		uint32_t cp;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else
			return (long)i;
		if (i + n >= len)
			return (long)i;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return (long)i;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return (long)i;
		i += n + 1;
	}
	return -1;
}

/* Length of the UTF-8 character at s[0..len) (len > 0), 0 if ill-formed. */
static size_t
utf8_char(const char *s, size_t len)
{
	unsigned char c = (unsigned char)s[0];

	if (c < 0x80)
		return 1;
	if (svc_utf8_invalid(s, len < 4 ? len : 4) == 0)
		return 0;
	return c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

char *
svc_visible(const char *s, int lines)
{
	static const char hex[] = "0123456789abcdef";
	struct svc_buf b = { 0 };
	size_t i = 0, len = strlen(s), kept = 0, n;
	unsigned c;
	char esc[6];

	svc_buf_add(&b, "", 0);
	while (i < len) {
		c = (unsigned char)s[i];
		n = utf8_char(s + i, len - i);
		if (n == 2 && c == 0xC2 && (unsigned char)s[i + 1] < 0xA0) {
			/* C1: U+0080..U+009F */
			c = (unsigned char)s[i + 1];
			memcpy(esc, "\\u00", 4);
		} else if (n == 0 || (n == 1 && (c < 0x20 || c == 0x7F) &&
		    !(lines && (c == '\t' || c == '\n')))) {
			n = 1;
			memcpy(esc, "\\x", 2);
		} else {
			i += n;
			continue;
		}
		svc_buf_add(&b, s + kept, i - kept);
		svc_buf_add(&b, esc, esc[1] == 'x' ? 2 : 4);
		esc[0] = hex[c >> 4];
		esc[1] = hex[c & 15];
		svc_buf_add(&b, esc, 2);
		i += n;
		kept = i;
	}
	svc_buf_add(&b, s + kept, i - kept);
	return b.s;
}

void
svc_buf_add(struct svc_buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;

		while (cap < b->len + n + 1)
			cap *= 2;
		b->s = svc_xrealloc(b->s, cap);
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
svc_buf_adds(struct svc_buf *b, const char *s)
{
	svc_buf_add(b, s, strlen(s));
}

void
svc_buf_printf(struct svc_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	svc_buf_add(b, "", 0);
	if (b->len + (size_t)n + 1 > b->cap) {
		/* double, as svc_buf_add does: appending in a loop stays linear */
		while (b->len + (size_t)n + 1 > b->cap)
			b->cap *= 2;
		b->s = svc_xrealloc(b->s, b->cap);
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
svc_buf_reset(struct svc_buf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
svc_buf_release(struct svc_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

/* s as code points into *out (caller frees); the count. */
static size_t
code_points(const char *str, long **out)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = 0, len = strlen(str);
	long *v = svc_xmalloc((len + 1) * sizeof(*v));

	for (size_t i = 0; i < len;) {
		size_t k = s[i] >= 0xf0 ? 4 : s[i] >= 0xe0 ? 3 :
		    s[i] >= 0xc0 ? 2 : 1;
		long cp = s[i];

		if (k > 1 && i + k <= len && svc_utf8_invalid(str + i, k) < 0) {
			cp = s[i] & (0x7f >> k);
			for (size_t j = 1; j < k; j++)
				cp = cp << 6 | (s[i + j] & 0x3f);
		} else {
			k = 1;
			cp = s[i] >= 0x80 ? -(long)s[i] : s[i];
		}
		v[n++] = cp;
		i += k;
	}
	*out = v;
	return n;
}

size_t
svc_edit_distance(const char *a, const char *b)
{
	long *x, *y;
	size_t n = code_points(a, &x), m = code_points(b, &y), r;
	/* three rows: a swap looks two back */
	size_t *d = svc_xmalloc(3 * (m + 1) * sizeof(*d));
	size_t *pp = d, *p = d + m + 1, *c = d + 2 * (m + 1), *t;

	for (size_t j = 0; j <= m; j++)
		p[j] = j;
	for (size_t i = 1; i <= n; i++) {
		c[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t v = p[j - 1] + (x[i - 1] != y[j - 1]);

			if (p[j] + 1 < v)
				v = p[j] + 1;
			if (c[j - 1] + 1 < v)
				v = c[j - 1] + 1;
			if (i > 1 && j > 1 && x[i - 1] == y[j - 2] &&
			    x[i - 2] == y[j - 1] && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			c[j] = v;
		}
		t = pp;
		pp = p;
		p = c;
		c = t;
	}
	r = p[m];
	free(d);
	free(x);
	free(y);
	return r;
}

void
svc_suggest_init(struct svc_suggest *sg, const char *typed)
{
	sg->typed = typed;
	sg->best = NULL;
	sg->dist = 0;
}

void
svc_suggest_offer(struct svc_suggest *sg, const char *cand)
{
	long *v;
	size_t lt, lc, limit, d;

	lt = code_points(sg->typed, &v);
	free(v);
	lc = code_points(cand, &v);
	free(v);
	limit = lt <= 4 || lc <= 4 ? 1 : 2;
	d = svc_edit_distance(sg->typed, cand);
	if (d == 0 || d > limit || (sg->best != NULL && d >= sg->dist))
		return;
	sg->best = cand;
	sg->dist = d;
}
