#include <stdint.h>
#include <string.h>

#include "mail.h"

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* base64 of s[0..n) without line breaks. */
static void
b64_run(FILE *out, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)s[i] << 16;

		if (i + 1 < n)
			v |= (uint32_t)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		putc(b64[v >> 18 & 63], out);
		putc(b64[v >> 12 & 63], out);
		putc(i + 1 < n ? b64[v >> 6 & 63] : '=', out);
		putc(i + 2 < n ? b64[v & 63] : '=', out);
	}
}

/* base64 body: 57 bytes make a 76-character line. */
static void
b64_body(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i += 57) {
		b64_run(out, (const unsigned char *)s + i, n - i < 57 ?
		    n - i : 57);
		putc('\n', out);
	}
}

static uint64_t
fnv(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h ^ 0xff;	/* separates adjacent fields */
}

static uint64_t
fnvs(uint64_t h, const char *s)
{
	return fnv(h, s ? s : "", s ? strlen(s) : 0);
}

char *
svc_mail_date(time_t t, char *buf)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed",
	    "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr",
	    "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;
	int off;

	localtime_r(&t, &tm);
	off = (int)(tm.tm_gmtoff / 60) % (24 * 60);
	snprintf(buf, 40, "%s, %d %s %d %02d:%02d:%02d %c%02d%02d",
	    days[tm.tm_wday], tm.tm_mday, months[tm.tm_mon],
	    (tm.tm_year + 1900) % 10000, tm.tm_hour, tm.tm_min, tm.tm_sec % 60,
	    off < 0 ? '-' : '+', (off < 0 ? -off : off) / 60,
	    (off < 0 ? -off : off) % 60);
	return buf;
}

static int
plain_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
	return 1;
}

/* Length of the UTF-8 character starting at s (the input is valid). */
static size_t
u8len(const char *s)
{
	unsigned char c = (unsigned char)*s;

	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

void
svc_mail_subject(FILE *out, const char *s)
{
	/*
	 * "Subject: " (9) + "=?UTF-8?B?" (10) + 52 + "?=" (2) = 73 on the
	 * first line, " " + 64 on the next ones: 39 bytes fill 52 base64
	 * characters, and every word ends on a character boundary.
	 */
	const size_t max = 39;
	size_t n;

	fputs("Subject: ", out);
	if (plain_ascii(s)) {
		fprintf(out, "%s\n", s);
		return;
	}
	for (int first = 1; *s; first = 0) {
		for (n = 0; s[n] && n + u8len(s + n) <= max; n += u8len(s + n))
			;
		fputs(first ? "" : "\n ", out);
		fputs("=?UTF-8?B?", out);
		b64_run(out, (const unsigned char *)s, n);
		fputs("?=", out);
		s += n;
	}
	putc('\n', out);
}

static int
addr_ok(const char *a)
{
	const char *at = strchr(a, '@');

	if (at == NULL || at == a || at[1] == '\0' || strchr(at + 1, '@'))
		return 0;
	for (; *a; a++)
		if ((unsigned char)*a <= 0x20 || *a == 0x7f ||
		    strchr(",<>;\"()", *a))
			return 0;
	return 1;
}

int
svc_mail_check(const struct svc_mail *m, struct svc_err *e)
{
	if (m->from == NULL || !addr_ok(m->from))
		return svc_err_set(e, NULL, 0, "--from", "'%s' is not a mail "
		    "address (user@host)", m->from ? m->from : "");
	if (m->nto + m->ncc == 0)
		return svc_err_set(e, NULL, 0, "--to", "no recipient");
	for (size_t i = 0; i < m->nto; i++)
		if (!addr_ok(m->to[i]))
			return svc_err_set(e, NULL, 0, "--to", "'%s' is not a "
			    "mail address (user@host)", m->to[i]);
	for (size_t i = 0; i < m->ncc; i++)
		if (!addr_ok(m->cc[i]))
			return svc_err_set(e, NULL, 0, "--cc", "'%s' is not a "
			    "mail address (user@host)", m->cc[i]);
	for (const char *s = m->subject; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return svc_err_set(e, NULL, 0, "--subject", "control "
			    "characters are not allowed in a subject");
	return 0;
}

static void
addr_list(FILE *out, const char *name, const char *const *a, size_t n)
{
	if (n == 0)
		return;
	fprintf(out, "%s: ", name);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s%s", i ? ",\n " : "", a[i]);
	putc('\n', out);
}

static void
part(FILE *out, const char *boundary, const char *type, const char *body)
{
	fprintf(out, "\n--%s\nContent-Type: %s; charset=utf-8\n"
	    "Content-Transfer-Encoding: base64\n\n", boundary, type);
	b64_body(out, body, strlen(body));
}

void
svc_mail_write(const struct svc_mail *m, FILE *out)
{
	uint64_t h = 1469598103934665603ULL;
	char date[40], alt[48], mixed[48];
	const char *domain = strchr(m->from, '@') + 1;

	svc_mail_date(m->date, date);
	h = fnvs(h, date);
	h = fnvs(h, m->from);
	for (size_t i = 0; i < m->nto; i++)
		h = fnvs(h, m->to[i]);
	for (size_t i = 0; i < m->ncc; i++)
		h = fnvs(h, m->cc[i]);
	h = fnvs(fnvs(fnvs(h, m->subject), m->text), m->html);
	if (m->attach)
		h = fnvs(fnv(h, m->attach, m->attach_len), m->attach_name);
	/* '_' and '=' together never occur in base64 output */
	snprintf(alt, sizeof(alt), "=_svc_alt_%016llx_=",
	    (unsigned long long)h);
	snprintf(mixed, sizeof(mixed), "=_svc_mix_%016llx_=",
	    (unsigned long long)h);

	fprintf(out, "From: %s\n", m->from);
	addr_list(out, "To", m->to, m->nto);
	addr_list(out, "Cc", m->cc, m->ncc);
	svc_mail_subject(out, m->subject);
	fprintf(out, "Date: %s\nMessage-ID: <svc.%016llx@%s>\n"
	    "MIME-Version: 1.0\n", date, (unsigned long long)h, domain);
	if (m->attach)
		fprintf(out, "Content-Type: multipart/mixed; boundary=\"%s\"\n"
		    "\nThis is a MIME message.\n\n--%s\n", mixed, mixed);
	fprintf(out, "Content-Type: multipart/alternative; boundary=\"%s\"\n",
	    alt);
	if (!m->attach)
		fputs("\nThis is a MIME message.\n", out);
	part(out, alt, "text/plain", m->text);
	part(out, alt, "text/html", m->html);
	fprintf(out, "\n--%s--\n", alt);
	if (m->attach) {
		fprintf(out, "\n--%s\nContent-Type: %s; name=\"%s\"\n"
		    "Content-Disposition: attachment; filename=\"%s\"\n"
		    "Content-Transfer-Encoding: base64\n\n", mixed,
		    m->attach_type, m->attach_name, m->attach_name);
		b64_body(out, m->attach, m->attach_len);
		fprintf(out, "\n--%s--\n", mixed);
	}
}
