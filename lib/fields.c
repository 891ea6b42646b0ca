/*
 * fields: an event's field values, checked against their declarations
 * and written in one canonical text (fields.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fields.h"
#include "period.h"

/* Appends s as a JSON string: the only characters to escape are '"'
 * and '\\', field values holding no control character. */
static void
json_string(struct svc_buf *out, const char *s)
{
	svc_buf_adds(out, "\"");
	for (const char *p = s; *p; p++) {
		if (*p == '"' || *p == '\\')
			svc_buf_adds(out, "\\");
		svc_buf_add(out, p, 1);
	}
	svc_buf_adds(out, "\"");
}

int
svc_field_value(const struct svc_field *f, const char *v,
    struct svc_buf *out, struct svc_err *e)
{
	char buf[32];
	double d;
	time_t t;
	int y, m, day, len = 0;

	if (svc_text_control(v, 0) >= 0)
		return svc_err_set(e, NULL, 0, NULL, "control character "
		    "U+%04lX not allowed", svc_text_control(v, 0));
	switch (f->type) {
	case SVC_FIELD_NUMBER:
	case SVC_FIELD_MONEY:
		if (svc_parse_num(v, &d) < 0)
			return svc_err_set(e, NULL, 0, NULL, "bad number '%s'",
			    v);
		if (f->type == SVC_FIELD_MONEY && (d < 0 ||
		    d > SVC_NUM_MAX || fabs(d * 100 - round(d * 100)) > 1e-6))
			return svc_err_set(e, NULL, 0, NULL, "bad amount '%s' "
			    "(yuan, 0 to " SVC_NUM_MAX_TEXT ", to the fen)",
			    v);
		if (fabs(d) > SVC_NUM_MAX)
			return svc_err_set(e, NULL, 0, NULL, "'%s' out of "
			    "range (expected -" SVC_NUM_MAX_TEXT " to "
			    SVC_NUM_MAX_TEXT ")", v);
		if (f->has_range && (d < f->min || d > f->max)) {
			char lo[32], hi[32];

			return svc_err_set(e, NULL, 0, NULL, "'%s' out of "
			    "range (expected %s to %s)", v,
			    svc_fmt_num(f->min, lo), svc_fmt_num(f->max, hi));
		}
		svc_buf_adds(out, svc_fmt_num(d, buf));
		return 0;
	case SVC_FIELD_CHOICE:
		if (!svc_names_has(&f->choices, v)) {
			struct svc_buf b = { 0 };

			for (size_t i = 0; i < f->choices.n; i++)
				svc_buf_printf(&b, "%s%s", i ? ", " : "",
				    f->choices.v[i]);
			svc_err_set(e, NULL, 0, NULL, "'%s' is not a choice "
			    "(expected one of %s)", v, b.s);
			svc_buf_release(&b);
			return -1;
		}
		break;
	case SVC_FIELD_DATE:
		if (sscanf(v, "%4d-%2d-%2d%n", &y, &m, &day, &len) != 3 ||
		    (size_t)len != strlen(v) || len != 10 ||
		    svc_date_parse(v, 0, &t, e) < 0)
			return svc_err_set(e, NULL, 0, NULL, "bad date '%s' "
			    "(expected YYYY-MM-DD)", v);
		break;
	case SVC_FIELD_TIME:
		if (svc_time_parse(v, &t, e) < 0)
			return -1;
		json_string(out, svc_time_format(t, buf));
		return 0;
	case SVC_FIELD_TEXT:
	case SVC_FIELD_STAFF:
	case SVC_FIELD_CUSTOMER:
		break;
	}
	json_string(out, v);
	return 0;
}

/* For sorting the given fields by name. */
static int
val_cmp(const void *a, const void *b)
{
	const struct svc_fieldval *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

int
svc_fields_encode(const struct svc_kind *k, const struct svc_fieldval *v,
    size_t n, struct svc_buf *out, double *sum, size_t *nnum,
    struct svc_err *e)
{
	return svc_fields_encode_in(k->fields, k->nfields, "kind", k->code, v,
	    n, out, sum, nnum, e);
}

int
svc_fields_encode_in(const struct svc_field *fields, size_t nfields,
    const char *what, const char *code, const struct svc_fieldval *v, size_t n,
    struct svc_buf *out, double *sum, size_t *nnum, struct svc_err *e)
{
	const struct svc_fieldval **given;
	size_t ng = 0, i;
	double total = 0;
	size_t count = 0;
	int rc = -1;

	svc_buf_reset(out);
	svc_buf_adds(out, "");
	given = svc_xmalloc((n ? n : 1) * sizeof(*given));
	for (i = 0; i < n; i++) {
		if (v[i].value == NULL || v[i].value[0] == '\0')
			continue;
		if (svc_field_find(fields, nfields, v[i].name) == NULL) {
			struct svc_buf b = { 0 };

			for (size_t j = 0; j < nfields; j++)
				svc_buf_printf(&b, "%s%s", j ? ", " : "",
				    fields[j].name);
			svc_err_set(e, NULL, 0, v[i].name, "%s '%s' has no "
			    "field '%s' (%s%s)", what, code, v[i].name,
			    nfields ? "its fields: " : "it has none",
			    nfields ? b.s : "");
			svc_buf_release(&b);
			goto out;
		}
		given[ng++] = &v[i];
	}
	qsort(given, ng, sizeof(*given), val_cmp);
	for (i = 1; i < ng; i++)
		if (strcmp(given[i - 1]->name, given[i]->name) == 0) {
			svc_err_set(e, NULL, 0, given[i]->name, "field given "
			    "twice");
			goto out;
		}
	for (i = 0; i < nfields; i++) {
		size_t j;

		if (!fields[i].required)
			continue;
		for (j = 0; j < ng; j++)
			if (strcmp(given[j]->name, fields[i].name) == 0)
				break;
		if (j == ng) {
			svc_err_set(e, NULL, 0, fields[i].name, "missing "
			    "field '%s' (required for %s '%s')",
			    fields[i].name, what, code);
			goto out;
		}
	}
	for (i = 0; i < ng; i++) {
		const struct svc_field *f = svc_field_find(fields, nfields,
		    given[i]->name);
		double d;

		svc_buf_adds(out, i ? "," : "{");
		json_string(out, f->name);
		svc_buf_adds(out, ":");
		if (svc_field_value(f, given[i]->value, out, e) < 0) {
			snprintf(e->field, sizeof(e->field), "%s", f->name);
			goto out;
		}
		if ((f->type == SVC_FIELD_NUMBER ||
		    f->type == SVC_FIELD_MONEY) &&
		    svc_parse_num(given[i]->value, &d) == 0) {
			total += d;
			count++;
		}
	}
	if (ng > 0)
		svc_buf_adds(out, "}");
	if (sum != NULL)
		*sum = total;
	if (nnum != NULL)
		*nnum = count;
	rc = 0;
out:
	free(given);
	return rc;
}

static const char *
skip_blank(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* Appends code point c as UTF-8. */
static void
utf8_put(struct svc_buf *b, unsigned long c)
{
	char u[4];
	size_t n;

	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xC0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else {
		u[0] = (char)(0xE0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		u[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	}
	svc_buf_add(b, u, n);
}

/* A JSON string or number at *p into b (NUL-terminated); *p moved past
 * it. Returns 0 or -1. */
static int
json_scalar(const char **p, struct svc_buf *b)
{
	const char *s = *p;

	if (*s == '"') {
		for (s++; *s != '"'; s++) {
			if (*s == '\0')
				return -1;
			if (*s != '\\') {
				svc_buf_add(b, s, 1);
				continue;
			}
			s++;
			if (*s == '"' || *s == '\\' || *s == '/')
				svc_buf_add(b, s, 1);
			else if (*s == 'u') {
				char hex[5] = { 0 };
				char *end;
				unsigned long c;

				memcpy(hex, s + 1, 4);
				c = strtoul(hex, &end, 16);
				/* U+0000 would end the value there (the
				   store is NUL-separated): refused, as any
				   control character is */
				if (strlen(hex) != 4 || *end != '\0' || c == 0 ||
				    (c >= 0xD800 && c < 0xE000))
					return -1;
				utf8_put(b, c);
				s += 4;
			} else
				/* \n, \t and the like: fields have no
				   control characters */
				return -1;
		}
		*p = s + 1;
	} else {
		double d;
		size_t n = strcspn(s, ",} \t\r\n");
		char num[64];

		if (n == 0 || n >= sizeof(num))
			return -1;
		memcpy(num, s, n);
		num[n] = '\0';
		if (svc_parse_num(num, &d) < 0)
			return -1;
		svc_buf_add(b, num, n);
		*p = s + n;
	}
	svc_buf_add(b, "", 1);
	return 0;
}

int
svc_fields_declared(const struct svc_policy *p, const char *name,
    size_t len)
{
	for (size_t i = 0; p != NULL && i < p->nkinds; i++)
		for (size_t j = 0; j < p->kinds[i].nfields; j++)
			if (strlen(p->kinds[i].fields[j].name) == len &&
			    strncmp(name, p->kinds[i].fields[j].name, len) == 0)
				return 1;
	return 0;
}

size_t
svc_fields_columns(const struct svc_policy *p, const struct svc_field ***out)
{
	size_t n = 0;

	*out = NULL;
	for (size_t i = 0; p != NULL && i < p->nkinds; i++)
		for (size_t j = 0; j < p->kinds[i].nfields; j++) {
			const struct svc_field *f = &p->kinds[i].fields[j];
			size_t c;

			for (c = 0; c < n; c++)
				if (strcmp((*out)[c]->name, f->name) == 0)
					break;
			if (c < n)
				continue;
			*out = svc_xrealloc(*out, (n + 1) * sizeof(**out));
			(*out)[n++] = f;
		}
	return n;
}

int
svc_field_same(const struct svc_field *f, const char *a, const char *b,
    struct svc_err *e)
{
	struct svc_buf x = { 0 }, y = { 0 };
	int rc = -1;

	svc_buf_adds(&x, "");
	svc_buf_adds(&y, "");
	if (svc_field_value(f, a, &x, e) == 0 &&
	    svc_field_value(f, b, &y, e) == 0)
		rc = strcmp(x.s, y.s) == 0;
	svc_buf_release(&x);
	svc_buf_release(&y);
	return rc;
}

int
svc_fields_split(const char *enc, struct svc_buf *store, size_t *n,
    struct svc_err *e)
{
	const char *p = skip_blank(enc ? enc : "");

	svc_buf_reset(store);
	*n = 0;
	if (*p == '\0')
		return 0;
	if (*p++ != '{')
		goto bad;
	p = skip_blank(p);
	if (*p == '}')
		goto end;
	for (;;) {
		if (*p != '"' || json_scalar(&p, store) < 0)
			goto bad;
		p = skip_blank(p);
		if (*p++ != ':')
			goto bad;
		p = skip_blank(p);
		if (json_scalar(&p, store) < 0)
			goto bad;
		(*n)++;
		p = skip_blank(p);
		if (*p == '}')
			break;
		if (*p++ != ',')
			goto bad;
		p = skip_blank(p);
	}
end:
	if (*skip_blank(p + 1) == '\0')
		return 0;
bad:
	*n = 0;
	return svc_err_set(e, NULL, 0, NULL, "bad fields '%s' (expected a "
	    "JSON object of strings and numbers, as svc-log list writes: "
	    "{\"cargo\":\"冷冻\"})", enc);
}

size_t
svc_fields_alerts(const struct svc_kind *k, const char *enc, int values,
    const char *sep, struct svc_buf *out)
{
	struct svc_buf v = { 0 };
	size_t n = 0;
	char num[32];
	double d;

	if (out != NULL) {
		svc_buf_reset(out);
		svc_buf_adds(out, "");
	}
	for (size_t i = 0; i < k->nalerts; i++) {
		const struct svc_alert *a = &k->alerts[i];

		if (!svc_fields_get(enc, a->field, &v) ||
		    svc_parse_num(v.s, &d) < 0 || !svc_alert_met(a, d))
			continue;
		if (out != NULL)
			svc_buf_printf(out, "%s%s%s%s %s %s", n ? sep : "",
			    a->field, values ? " " : "", values ? v.s : "",
			    svc_alert_op_name(a->op),
			    svc_fmt_num(a->threshold, num));
		n++;
	}
	svc_buf_release(&v);
	return n;
}

int
svc_fields_get(const char *enc, const char *name, struct svc_buf *out)
{
	struct svc_buf store = { 0 };
	struct svc_err e;
	size_t n;
	int found = 0;

	svc_buf_reset(out);
	if (svc_fields_split(enc, &store, &n, &e) == 0) {
		const char *s = store.s;

		for (size_t i = 0; i < n && !found; i++) {
			const char *v = s + strlen(s) + 1;

			if (strcmp(s, name) == 0) {
				svc_buf_adds(out, v);
				found = 1;
			}
			s = v + strlen(v) + 1;
		}
	}
	svc_buf_release(&store);
	return found;
}
