#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "period.h"
#include "sheetmap.h"

/* The event fields a map may name, in struct svc_event_in's order. */
static const char *const fields[] = {
	"ts", "staff", "kind", "value", "customer", "channel", "dept", "note",
	"uid"
};
#define NFIELDS	(sizeof(fields) / sizeof(fields[0]))
enum { F_TS, F_STAFF, F_KIND, F_VALUE, F_CUSTOMER, F_CHANNEL, F_DEPT,
	F_NOTE, F_UID };

struct pair {
	char *from, *to;
};

struct svc_map {
	char *path;
	const struct svc_policy *policy;
	char *col[NFIELDS];	/* the sheet's header, NULL: svc's name */
	char *set[NFIELDS];	/* constant, NULL: none */
	struct pair *fcols;	/* [columns] for a kind's field: from the
				   field's name to the sheet's header */
	size_t nfcols;
	struct pair *kinds;
	size_t nkinds;
	struct svc_datefmt *dates;
	size_t ndates;
	char **uid;		/* columns the uid is made of */
	size_t nuid;
	long uid_line;
	int year;

	struct svc_csv_col *cols;	/* svc_map_cols */
	size_t ncols;
	size_t *uid_idx;	/* the uid's columns among cols */

	/* loading */
	FILE *fp;
	long lineno;
	int failed;
	struct svc_err *e;
};

static int
is_space(int c)
{
	return c == ' ' || c == '\t';
}

int
svc_datefmt_compile(const char *example, struct svc_datefmt *f,
    struct svc_err *e)
{
	static const char order[] = "MDhms";
	int next = 0, years = 0, md = 0;
	const char *s;

	memset(f, 0, sizeof(*f));
	for (s = example; *s; ) {
		size_t n = 0;

		if (!(*s >= '0' && *s <= '9')) {
			s++;
			continue;
		}
		while (s[n] >= '0' && s[n] <= '9')
			n++;
		if (f->nrun == SVC_DATEFMT_RUNS)
			return svc_err_set(e, NULL, 0, NULL, "date format '%s' "
			    "has more than %d numbers", example,
			    SVC_DATEFMT_RUNS);
		if (n == 4) {
			f->role[f->nrun++] = 'Y';
			years++;
		} else if (n <= 2 && next < 5) {
			f->role[f->nrun++] = order[next];
			md += next < 2;
			f->has_time |= next >= 2;
			next++;
		} else
			return svc_err_set(e, NULL, 0, NULL, "date format '%s':"
			    " '%.*s' is neither a year (four digits) nor a "
			    "month, day or time (one or two)", example, (int)n,
			    s);
		s += n;
	}
	if (years > 1 || md < 2)
		return svc_err_set(e, NULL, 0, NULL, "date format '%s' needs "
		    "a month and a day, and at most one year (four digits)",
		    example);
	f->has_year = years == 1;
	f->example = svc_xstrdup(example);
	return 0;
}

void
svc_datefmt_release(struct svc_datefmt *f)
{
	free(f->example);
	f->example = NULL;
}

int
svc_datefmt_parse(const struct svc_datefmt *f, const char *s, int year,
    time_t now, char *out, struct svc_err *e)
{
	int v['z'] = { 0 }, k = 0;
	const char *x = f->example, *given = s;
	struct tm tm;

	while (is_space(*s))
		s++;
	while (*x) {
		if (*x >= '0' && *x <= '9') {
			int n = 0, role = f->role[k++], most = role == 'Y' ? 4 : 2;

			while (*x >= '0' && *x <= '9')
				x++;
			v[role] = 0;
			while (n < most && *s >= '0' && *s <= '9')
				v[role] = v[role] * 10 + (*s++ - '0'), n++;
			if (n == 0 || (role == 'Y' && n != 4) ||
			    (*s >= '0' && *s <= '9'))
				return 1;
		} else if (is_space(*x)) {
			if (!is_space(*s))
				return 1;
			while (is_space(*x))
				x++;
			while (is_space(*s))
				s++;
		} else if (*x++ != *s++)
			return 1;
	}
	while (is_space(*s))
		s++;
	if (*s != '\0')
		return 1;
	if (!f->has_year) {
		localtime_r(&now, &tm);
		v['Y'] = year ? year : tm.tm_year + 1900;
		if (!year && (v['M'] > tm.tm_mon + 1 ||
		    (v['M'] == tm.tm_mon + 1 && v['D'] > tm.tm_mday)))
			v['Y']--;
	}
	if (v['M'] < 1 || v['M'] > 12 || v['D'] < 1 ||
	    v['D'] > svc_month_days(v['Y'], v['M']))
		return svc_err_set(e, NULL, 0, NULL, "'%s' read as %04d-%02d-%02d"
		    ", which is no day", given, v['Y'], v['M'], v['D']);
	if (v['h'] > 23 || v['m'] > 59 || v['s'] > 59)
		return svc_err_set(e, NULL, 0, NULL, "no time of day "
		    "%02d:%02d:%02d", v['h'], v['m'], v['s']);
	if (v['Y'] < 1971 || v['Y'] > 9998)
		return svc_err_set(e, NULL, 0, NULL, "year %d out of range",
		    v['Y']);
	if (f->has_time)
		snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d", v['Y'] % 10000,
		    v['M'] % 100, v['D'] % 100, v['h'] % 100, v['m'] % 100,
		    v['s'] % 100);
	else
		snprintf(out, 32, "%04d-%02d-%02d", v['Y'] % 10000,
		    v['M'] % 100, v['D'] % 100);
	return 0;
}

static int
fail(struct svc_map *m, long line, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
fail(struct svc_map *m, long line, const char *key, const char *fmt, ...)
{
	va_list ap;

	if (m->failed)
		return 0;
	m->failed = 1;
	svc_err_set(m->e, m->path, line, key, "%s", "");
	va_start(ap, fmt);
	vsnprintf(m->e->msg, sizeof(m->e->msg), fmt, ap);
	va_end(ap);
	return 0;
}

static int
field_of(const char *name)
{
	for (size_t i = 0; i < NFIELDS; i++)
		if (strcmp(fields[i], name) == 0)
			return (int)i;
	return -1;
}

/* "a, b, c" into its parts, each trimmed; empty ones are errors */
static int
split_list(struct svc_map *m, const char *key, const char *v, char ***out,
    size_t *n)
{
	const char *s = v;

	*out = NULL;
	*n = 0;
	for (;;) {
		const char *c = strchr(s, ','), *end = c ? c : s + strlen(s);

		while (s < end && is_space(*s))
			s++;
		while (end > s && is_space(end[-1]))
			end--;
		if (end == s)
			return fail(m, m->lineno, key, "empty item in '%s'", v),
			    -1;
		*out = svc_xrealloc(*out, (*n + 1) * sizeof(**out));
		(*out)[(*n)++] = svc_xstrndup(s, (size_t)(end - s));
		if (c == NULL)
			return 0;
		s = c + 1;
	}
}

static void
free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int
top_key(struct svc_map *m, const char *name, const char *value)
{
	char **v;
	size_t n;
	long y;

	if (strcmp(name, "date") == 0) {
		if (split_list(m, name, value, &v, &n) < 0)
			return 0;
		for (size_t i = 0; i < n && !m->failed; i++) {
			struct svc_datefmt f;
			struct svc_err e;

			if (svc_datefmt_compile(v[i], &f, &e) < 0) {
				fail(m, m->lineno, name, "%s", e.msg);
				break;
			}
			m->dates = svc_xrealloc(m->dates, (m->ndates + 1) *
			    sizeof(*m->dates));
			m->dates[m->ndates++] = f;
		}
		free_list(v, n);
	} else if (strcmp(name, "uid") == 0) {
		if (m->nuid > 0)
			return fail(m, m->lineno, name, "given twice");
		if (split_list(m, name, value, &m->uid, &m->nuid) < 0)
			return 0;
		m->uid_line = m->lineno;
	} else if (strcmp(name, "year") == 0) {
		if (svc_parse_long(value, 1971, 9998, &y) < 0)
			return fail(m, m->lineno, name, "bad year '%s' (1971 "
			    "to 9998)", value);
		m->year = (int)y;
	} else
		return fail(m, m->lineno, name, "unknown key (date, year and "
		    "uid come before the first section)");
	return 0;
}

/* Whether name is a field some kind of p declares. */
static int
declared_field(const struct svc_policy *p, const char *name)
{
	for (size_t i = 0; i < p->nkinds; i++)
		if (svc_kind_field(&p->kinds[i], name) != NULL)
			return 1;
	return 0;
}

/* [columns] NAME = HEADER for a field a kind declares. */
static int
field_column(struct svc_map *m, const char *name, const char *value)
{
	for (size_t i = 0; i < m->nfcols; i++)
		if (strcmp(m->fcols[i].from, name) == 0)
			return fail(m, m->lineno, name, "given twice in "
			    "[columns]");
	if (*value == '\0')
		return fail(m, m->lineno, name, "empty value");
	m->fcols = svc_xrealloc(m->fcols, (m->nfcols + 1) *
	    sizeof(*m->fcols));
	m->fcols[m->nfcols].from = svc_xstrdup(name);
	m->fcols[m->nfcols++].to = svc_xstrdup(value);
	return 1;
}

static const struct svc_kind *
kind_by_label(const struct svc_policy *p, const char *label)
{
	for (size_t i = 0; i < p->nkinds; i++)
		if (p->kinds[i].label[0] != '\0' &&
		    strcmp(p->kinds[i].label, label) == 0)
			return &p->kinds[i];
	return NULL;
}

static int
handler(void *user, const char *section, const char *name,
    const char *value)
{
	struct svc_map *m = user;
	int f;

	if (m->failed)
		return 0;
	if (svc_text_check(value, 0, name, m->e) < 0)
		return fail(m, m->lineno, name, "%s", m->e->msg);
	if (*section == '\0')
		return top_key(m, name, value) , !m->failed;
	if (strcmp(section, "columns") == 0 || strcmp(section, "set") == 0) {
		char **slot;

		if ((f = field_of(name)) < 0 && section[0] == 'c' &&
		    declared_field(m->policy, name))
			return field_column(m, name, value);
		if (f < 0 && section[0] == 'c')
			return fail(m, m->lineno, name, "unknown field (ts, "
			    "staff, kind, value, customer, channel, dept, note, "
			    "uid or a field a kind of policy %s declares)%s%s%s"
			    "%s", m->policy->path,
			    declared_field(m->policy, value) ? "; the field "
			    "comes first: " : "", declared_field(m->policy,
			    value) ? value : "", declared_field(m->policy,
			    value) ? " = " : "", declared_field(m->policy,
			    value) ? name : "");
		if (f < 0)
			return fail(m, m->lineno, name, "unknown field (ts, "
			    "staff, kind, value, customer, channel, dept, note "
			    "or uid)");
		slot = section[0] == 'c' ? &m->col[f] : &m->set[f];
		if (*slot != NULL)
			return fail(m, m->lineno, name, "given twice in "
			    "[%s]", section);
		if (*value == '\0')
			return fail(m, m->lineno, name, "empty value");
		*slot = svc_xstrdup(value);
		return 1;
	}
	if (strcmp(section, "kinds") == 0) {
		if (svc_policy_kind(m->policy, value) == NULL) {
			const char *near = svc_policy_kind_near(m->policy,
			    value);

			return fail(m, m->lineno, name, "unknown kind '%s' (not "
			    "in policy %s)%s%s%s", value, m->policy->path,
			    near ? "; did you mean '" : "", near ? near : "",
			    near ? "'?" : "");
		}
		for (size_t i = 0; i < m->nkinds; i++)
			if (strcmp(m->kinds[i].from, name) == 0)
				return fail(m, m->lineno, name, "given twice "
				    "in [kinds]");
		m->kinds = svc_xrealloc(m->kinds, (m->nkinds + 1) *
		    sizeof(*m->kinds));
		m->kinds[m->nkinds].from = svc_xstrdup(name);
		m->kinds[m->nkinds++].to = svc_xstrdup(value);
		return 1;
	}
	return fail(m, m->lineno, NULL, "unknown section [%s] (columns, "
	    "kinds or set)", section);
}

static char *
reader(char *str, int num, void *stream)
{
	struct svc_map *m = stream;
	char *s = fgets(str, num, m->fp);
	size_t n;

	if (s == NULL || m->failed)
		return NULL;
	m->lineno++;
	n = strlen(s);
	/* libinih would read the rest of a longer line as a line of its own */
	if (n > 0 && s[n - 1] != '\n' && !feof(m->fp)) {
		fail(m, m->lineno, NULL, "line too long (at most %d bytes)",
		    num - 2);
		return NULL;
	}
	if (svc_utf8_invalid(s, n) >= 0) {
		fail(m, m->lineno, NULL, "invalid UTF-8");
		return NULL;
	}
	return s;
}

struct svc_map *
svc_map_load(const char *path, const struct svc_policy *p,
    struct svc_err *e)
{
	struct svc_map *m = svc_xcalloc(1, sizeof(*m));
	int r;

	m->path = svc_xstrdup(path);
	m->policy = p;
	m->e = e;
	if ((m->fp = fopen(path, "r")) == NULL) {
		svc_err_sys(e, path, errno, "cannot open");
		svc_map_free(m);
		return NULL;
	}
	r = ini_parse_stream(reader, m, handler, m);
	fclose(m->fp);
	m->fp = NULL;
	if (r > 0 && !m->failed)
		fail(m, r, NULL, "syntax error (expected 'key = value' or "
		    "'[section]')");
	else if (r < 0 && !m->failed)
		fail(m, 0, NULL, "cannot read (error %d)", r);
	if (!m->failed && m->nuid > 0 && (m->col[F_UID] || m->set[F_UID]))
		fail(m, m->uid_line, "uid", "the uid is made of columns here "
		    "and given in [columns] or [set] too");
	if (!m->failed && m->set[F_KIND] != NULL &&
	    svc_policy_kind(p, m->set[F_KIND]) == NULL &&
	    kind_by_label(p, m->set[F_KIND]) == NULL)
		fail(m, 0, "kind", "[set] kind '%s' is not in policy %s",
		    m->set[F_KIND], p->path);
	if (m->failed) {
		svc_map_free(m);
		return NULL;
	}
	return m;
}

void
svc_map_free(struct svc_map *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < NFIELDS; i++) {
		free(m->col[i]);
		free(m->set[i]);
	}
	for (size_t i = 0; i < m->nkinds; i++) {
		free(m->kinds[i].from);
		free(m->kinds[i].to);
	}
	free(m->kinds);
	for (size_t i = 0; i < m->nfcols; i++) {
		free(m->fcols[i].from);
		free(m->fcols[i].to);
	}
	free(m->fcols);
	for (size_t i = 0; i < m->ndates; i++)
		svc_datefmt_release(&m->dates[i]);
	free(m->dates);
	free_list(m->uid, m->nuid);
	free(m->cols);
	free(m->uid_idx);
	free(m->path);
	free(m);
}

const struct svc_csv_col *
svc_map_cols(struct svc_map *m, const struct svc_csv_col *want, size_t nwant,
    size_t *n)
{
	free(m->cols);
	m->ncols = nwant + m->nuid;
	m->cols = svc_xcalloc(m->ncols, sizeof(*m->cols));
	for (size_t i = 0; i < nwant; i++) {
		int f = field_of(want[i].name);

		m->cols[i] = want[i];
		for (size_t j = 0; f < 0 && j < m->nfcols; j++)
			if (strcmp(m->fcols[j].from, want[i].name) == 0)
				m->cols[i].name = m->fcols[j].to;
		if (f < 0)
			continue;
		if (m->col[f] != NULL)
			m->cols[i].name = m->col[f];
		if (m->set[f] != NULL || (f == F_UID && m->nuid > 0))
			m->cols[i].required = 0;
	}
	/* a column read for a field is not read twice (a header maps
	 * onto one column): the uid takes it from there */
	m->ncols = nwant;
	m->uid_idx = svc_xrealloc(m->uid_idx, (m->nuid ? m->nuid : 1) *
	    sizeof(*m->uid_idx));
	for (size_t i = 0; i < m->nuid; i++) {
		size_t j;

		for (j = 0; j < m->ncols; j++)
			if (strcmp(m->cols[j].name, m->uid[i]) == 0)
				break;
		if (j == m->ncols) {
			m->cols[j].name = m->uid[i];
			m->cols[j].required = 1;
			m->ncols++;
		}
		m->uid_idx[i] = j;
	}
	*n = m->ncols;
	return m->cols;
}

/* a row's uid: FNV-1a over its columns' values, each ended by a unit
 * separator, so that ("ab", "c") and ("a", "bc") differ */
static uint64_t
row_hash(const struct svc_map *m, const struct svc_csv_reader *r)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (size_t i = 0; i < m->nuid; i++) {
		const unsigned char *s = (const unsigned char *)
		    svc_csv_get(r, m->uid_idx[i]);

		for (; ; s++) {
			h ^= *s ? *s : 0x1f;
			h *= 0x100000001b3ULL;
			if (*s == '\0')
				break;
		}
	}
	return h;
}

int
svc_map_apply(const struct svc_map *m, const struct svc_csv_reader *r,
    struct svc_event_in *in, struct svc_buf *buf, time_t now,
    struct svc_err *e)
{
	const char **slot[NFIELDS] = { &in->ts, &in->staff, &in->kind,
	    &in->value, &in->customer, &in->channel, &in->dept, &in->note,
	    &in->uid };
	const struct svc_kind *k;
	char ts[32] = "", uid[24] = "", trimmed[256];
	int have_ts = 0;
	size_t n;

	svc_buf_reset(buf);
	for (size_t f = 0; f < NFIELDS; f++)
		if ((*slot[f] == NULL || **slot[f] == '\0') && m->set[f])
			*slot[f] = m->set[f];
	if (in->kind != NULL && *in->kind != '\0') {
		const char *s = in->kind;

		while (is_space(*s))
			s++;
		n = strlen(s);
		while (n > 0 && is_space(s[n - 1]))
			n--;
		snprintf(trimmed, sizeof(trimmed), "%.*s", (int)n, s);
		k = NULL;
		for (size_t i = 0; i < m->nkinds && k == NULL; i++)
			if (strcmp(m->kinds[i].from, trimmed) == 0)
				k = svc_policy_kind(m->policy, m->kinds[i].to);
		if (k == NULL)
			k = kind_by_label(m->policy, trimmed);
		if (k == NULL)
			k = svc_policy_kind(m->policy, trimmed);
		if (k == NULL)
			return svc_err_set(e, NULL, 0, "kind", "'%s' is not in "
			    "the map's [kinds], nor a kind or a kind's label in "
			    "policy %s", trimmed, m->policy->path);
		in->kind = k->code;
	}
	if (in->ts != NULL && *in->ts != '\0' && m->ndates > 0) {
		size_t i;
		time_t t;

		for (i = 0; i < m->ndates; i++) {
			int rc = svc_datefmt_parse(&m->dates[i], in->ts, m->year,
			    now, ts, e);

			if (rc < 0) {
				snprintf(e->field, sizeof(e->field), "ts");
				return -1;
			}
			if (rc == 0)
				break;
		}
		if (i < m->ndates)
			have_ts = 1;
		else if (svc_time_parse(in->ts, &t, e) < 0) {
			struct svc_buf b = { 0 };

			for (i = 0; i < m->ndates && b.len < 160; i++)
				svc_buf_printf(&b, "%s%s", i ? ", " : "",
				    m->dates[i].example);
			svc_err_set(e, NULL, 0, "ts", "'%s' is in none of the "
			    "map's date formats (%s) nor ISO 8601", in->ts,
			    b.s);
			svc_buf_release(&b);
			return -1;
		}
	}
	if (m->nuid > 0)
		snprintf(uid, sizeof(uid), "m%016llx",
		    (unsigned long long)row_hash(m, r));
	/* buf grows as it is written: pointers into it come last */
	n = buf->len;
	svc_buf_add(buf, ts, strlen(ts) + 1);
	svc_buf_add(buf, uid, strlen(uid) + 1);
	if (have_ts)
		in->ts = buf->s + n;
	if (m->nuid > 0)
		in->uid = buf->s + n + strlen(ts) + 1;
	return 0;
}
