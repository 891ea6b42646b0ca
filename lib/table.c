/* wcwidth(3) is XSI */
#define _XOPEN_SOURCE 700

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "csvio.h"
#include "table.h"
#include "util.h"

/* Text bars are at most this wide; HTML bars this many pixels. */
#define BAR_COLS 20
#define DATE_COLS 10	/* YYYY-MM-DD */
#define BAR_PX 160

static char *vfmt(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0), nonnull(1)));

static char *
vfmt(const char *fmt, va_list ap)
{
	va_list cp;
	char *s, one[1];
	int n;

	va_copy(cp, ap);
	n = vsnprintf(one, sizeof(one), fmt, cp);
	va_end(cp);
	s = svc_xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

void
svc_doc_init(struct svc_doc *d, const char *title)
{
	memset(d, 0, sizeof(*d));
	d->title = svc_xstrdup(title ? title : "");
}

static void
table_free(struct svc_table *t)
{
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++)
			free(t->rows[r].cells[c].text);
		free(t->rows[r].cells);
	}
	for (size_t c = 0; c < t->ncols; c++)
		free(t->cols[c].title);
	free(t->rows);
	free(t->cols);
	free(t->title);
	free(t->section);
	free(t->total);
	free(t);
}

void
svc_doc_release(struct svc_doc *d)
{
	for (size_t i = 0; i < d->nblocks; i++) {
		free(d->blocks[i].text);
		if (d->blocks[i].table)
			table_free(d->blocks[i].table);
	}
	free(d->blocks);
	free(d->title);
	free(d->subject);
	memset(d, 0, sizeof(*d));
}

char *
svc_doc_subject(const struct svc_doc *d)
{
	return svc_visible(d->subject ? d->subject : d->title, 0);
}

static struct svc_block *
add_block(struct svc_doc *d, enum svc_block_kind kind)
{
	struct svc_block *b;

	if (d->nblocks == d->capblocks) {
		d->capblocks = d->capblocks ? 2 * d->capblocks : 8;
		d->blocks = svc_xrealloc(d->blocks,
		    d->capblocks * sizeof(*d->blocks));
	}
	b = &d->blocks[d->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	return b;
}

void
svc_doc_para(struct svc_doc *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_block(d, SVC_BLOCK_PARA)->text = vfmt(fmt, ap);
	va_end(ap);
}

void
svc_doc_pre(struct svc_doc *d, const char *text)
{
	add_block(d, SVC_BLOCK_PRE)->text = svc_xstrdup(text);
}

struct svc_table *
svc_doc_table(struct svc_doc *d, const char *title, size_t ncols,
    const char *const *titles, const enum svc_cell_type *types)
{
	struct svc_table *t = svc_xcalloc(1, sizeof(*t));

	t->title = svc_xstrdup(title ? title : "");
	svc_table_section(t, t->title[0] ? t->title : "table", NULL);
	t->ncols = ncols;
	t->cols = svc_xcalloc(ncols, sizeof(*t->cols));
	for (size_t c = 0; c < ncols; c++) {
		t->cols[c].title = svc_xstrdup(titles[c]);
		t->cols[c].type = types ? types[c] : SVC_CELL_TEXT;
	}
	add_block(d, SVC_BLOCK_TABLE)->table = t;
	return t;
}

void
svc_table_section(struct svc_table *t, const char *section,
    const char *total)
{
	struct svc_buf b = { 0 };
	char *s = svc_xstrdup(section);

	if (total == NULL)
		svc_buf_printf(&b, "%s total", section);
	else
		svc_buf_adds(&b, total);
	free(t->section);
	free(t->total);
	t->section = s;
	t->total = b.s;
}

size_t
svc_table_row(struct svc_table *t, enum svc_row_kind kind)
{
	struct svc_row *r;

	if (t->nrows == t->caprows) {
		t->caprows = t->caprows ? 2 * t->caprows : 16;
		t->rows = svc_xrealloc(t->rows, t->caprows * sizeof(*t->rows));
	}
	r = &t->rows[t->nrows];
	r->kind = kind;
	r->cells = svc_xcalloc(t->ncols, sizeof(*r->cells));
	for (size_t c = 0; c < t->ncols; c++) {
		r->cells[c].type = t->cols[c].type;
		r->cells[c].text = svc_xstrdup("");
	}
	return t->nrows++;
}

static struct svc_cell *
cell_put(struct svc_table *t, size_t row, size_t col, char *text,
    enum svc_cell_type type)
{
	struct svc_cell *c = &t->rows[row].cells[col];

	free(c->text);
	c->text = text;
	c->type = type;
	return c;
}

struct svc_cell *
svc_table_set(struct svc_table *t, size_t row, size_t col, const char *text)
{
	return cell_put(t, row, col, svc_xstrdup(text ? text : ""),
	    SVC_CELL_TEXT);
}

struct svc_cell *
svc_table_setf(struct svc_table *t, size_t row, size_t col,
    const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = vfmt(fmt, ap);
	va_end(ap);
	return cell_put(t, row, col, s, SVC_CELL_TEXT);
}

struct svc_cell *
svc_table_num(struct svc_table *t, size_t row, size_t col, double v,
    int decimals)
{
	char buf[64];

	if (decimals < 0)
		svc_fmt_num(v, buf);
	else {
		snprintf(buf, sizeof(buf), "%.*f", decimals, v);
		if (strspn(buf, "-0.") == strlen(buf) && buf[0] == '-')
			memmove(buf, buf + 1, strlen(buf));	/* no "-0.0" */
	}
	return cell_put(t, row, col, svc_xstrdup(buf), SVC_CELL_NUM);
}

struct svc_cell *
svc_table_bar(struct svc_table *t, size_t row, size_t col, double frac)
{
	struct svc_cell *c = cell_put(t, row, col, svc_xstrdup(""),
	    SVC_CELL_BAR);

	c->frac = frac < 0 || isnan(frac) ? 0 : frac > 1 ? 1 : frac;
	return c;
}

int
svc_format_parse(const char *s)
{
	static const char *const names[] = { "text", "csv", "md", "html",
	    "mail", "xlsx" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	return -1;
}

/* Decodes one UTF-8 character (input is valid: csvio checked it); returns
 * its length and its width in *w. */
static size_t
char_width(const char *s, int *w)
{
	mbstate_t st;
	wchar_t wc;
	size_t n;

	memset(&st, 0, sizeof(st));
	n = mbrtowc(&wc, s, MB_CUR_MAX, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*w = 1;
		return 1;
	}
	/* a control character still takes the column it shows up in */
	if ((*w = wcwidth(wc)) < 0)
		*w = 1;
	return n;
}

int
svc_text_width(const char *s)
{
	int total = 0, w;

	while (*s) {
		s += char_width(s, &w);
		total += w;
	}
	return total;
}

/* Whether s is a date and a time that may be shown as its date alone:
 * ASCII "YYYY-MM-DD" followed by a space or a T. */
static int
date_part_ok(const char *s)
{
	for (int i = 0; i < DATE_COLS; i++)
		if (s[i] == '\0' || (unsigned char)s[i] >= 0x80)
			return 0;
	return s[DATE_COLS] == ' ' || s[DATE_COLS] == 'T';
}

/* Writes s cut to at most cols columns, "…" marking a cut; returns the
 * columns written. */
static int
put_cut(FILE *out, const char *s, int cols)
{
	const char *p = s;
	int used = 0, w;
	size_t n;

	if (svc_text_width(s) <= cols) {
		fputs(s, out);
		return svc_text_width(s);
	}
	if (cols <= 0)
		return 0;
	while (*p) {
		n = char_width(p, &w);
		if (used + w > cols - 1)
			break;
		fwrite(p, 1, n, out);
		used += w;
		p += n;
	}
	fputs("…", out);
	return used + 1;
}

static void
pad(FILE *out, int n)
{
	while (n-- > 0)
		putc(' ', out);
}

/* The cell as shown: in a grouping column, a value repeated from the row
 * above is blank. */
static const char *
shown(const struct svc_table *t, size_t r, size_t c)
{
	if (c == 0 && t->group && r > 0 && t->rows[r].kind == SVC_ROW_DATA &&
	    strcmp(t->rows[r].cells[0].text, t->rows[r - 1].cells[0].text) ==
	    0)
		return "";
	return t->rows[r].cells[c].text;
}

static void
shrink_bars(const struct svc_table *t, size_t first, int *w, int *total,
    int width, int least)
{
	for (size_t c = first; c < t->ncols && *total > width; c++)
		if (t->cols[c].type == SVC_CELL_BAR && w[c] > least) {
			int cut = *total - width < w[c] - least ?
			    *total - width : w[c] - least;

			w[c] -= cut;
			*total -= cut;
		}
}

/*
 * A date-time column keeps its date when the row needs room: "2026-07-09
 * 02:52" becomes "2026-07-09", never "2026-07-…". Only when every cell
 * is a date (or a date and a time) and the title still fits.
 */
static void
shrink_dates(const struct svc_table *t, size_t first, int *w, int *total,
    int width)
{
	for (size_t c = first; c < t->ncols && *total > width; c++) {
		int least = svc_text_width(t->cols[c].title);
		size_t r;

		if (least < DATE_COLS)
			least = DATE_COLS;
		if (t->cols[c].type != SVC_CELL_DATE || w[c] <= least)
			continue;
		for (r = 0; r < t->nrows; r++) {
			const char *s = t->rows[r].cells[c].text;

			if (svc_text_width(s) > least && !date_part_ok(s))
				break;
		}
		if (r < t->nrows)
			continue;
		*total -= w[c] - least;
		w[c] = least;
	}
}

/* Cuts the widest text column (a key column with keys, else not) by one
 * until the row fits or every such column is down to least; with
 * keep_titles, never below its title. */
static void
shrink_text(const struct svc_table *t, size_t first, int *w, int *total,
    int width, int least, int keep_titles, int keys)
{
	while (*total > width) {
		size_t widest = t->ncols;

		for (size_t c = first; c < t->ncols; c++) {
			int min = svc_text_width(t->cols[c].title);

			if (t->cols[c].type != SVC_CELL_TEXT || w[c] < 0 ||
			    !t->cols[c].key != !keys)
				continue;
			if (keep_titles)
				min = min > least ? min : least;
			else
				min = min < least ? min : least;
			if (w[c] > min && (widest == t->ncols ||
			    w[c] > w[widest]))
				widest = c;
		}
		if (widest == t->ncols)
			return;
		w[widest]--;
		(*total)--;
	}
}

/* Leaves bars out, the last first, until the row fits. */
static void
drop_bars(const struct svc_table *t, size_t first, int *w, int *total,
    int width)
{
	for (size_t c = t->ncols; c-- > first && *total > width;)
		if (t->cols[c].type == SVC_CELL_BAR && w[c] >= 0) {
			*total -= w[c] + 2;
			w[c] = -1;
		}
}

/*
 * Column widths that fit width: bars shrink first, then the widest text
 * column, one column at a time; numbers and dates are never cut (a cut
 * one could be read as another), and key columns (names, ids) only once
 * the bars are gone and the other text is down to a few columns. Columns
 * before first, and columns with nothing in them (width -1), are not
 * shown.
 */
static void
fit(const struct svc_table *t, size_t first, int width, int *w)
{
	int total = -2;

	for (size_t c = first; c < t->ncols; c++) {
		int empty = t->cols[c].type != SVC_CELL_BAR;

		w[c] = t->cols[c].type == SVC_CELL_BAR ? BAR_COLS :
		    svc_text_width(t->cols[c].title);
		for (size_t r = 0; r < t->nrows; r++) {
			const struct svc_cell *cell = &t->rows[r].cells[c];
			int cw = cell->type == SVC_CELL_BAR ? BAR_COLS :
			    svc_text_width(cell->text);

			empty = empty && cell->text[0] == '\0' &&
			    cell->type != SVC_CELL_BAR;
			if (cw > w[c])
				w[c] = cw;
		}
		/* a column with nothing in it only takes room */
		if (empty && t->nrows > 0)
			w[c] = -1;
		else
			total += w[c] + 2;
	}
	/* bars give way first, then the widest text columns, the times of
	 * date-times, then text and bars again down to their least useful
	 * width; bars go before a name or an id is cut */
	shrink_bars(t, first, w, &total, width, 10);
	shrink_text(t, first, w, &total, width, 20, 1, 0);
	shrink_dates(t, first, w, &total, width);
	shrink_text(t, first, w, &total, width, 6, 1, 0);
	shrink_bars(t, first, w, &total, width, 3);
	drop_bars(t, first, w, &total, width);
	shrink_text(t, first, w, &total, width, 4, 0, 0);
	shrink_text(t, first, w, &total, width, 6, 1, 1);
	shrink_text(t, first, w, &total, width, 4, 0, 1);
}

/* One row of cells (the header when row is NULL), blanks at the end
 * dropped. */
static void
text_row(const struct svc_table *t, const struct svc_row *row, size_t first,
    const int *w, const struct svc_render_opts *o, FILE *out)
{
	const char *bold = o->colour ? "\033[1m" : "";
	const char *red = o->colour ? "\033[31m" : "";
	const char *off = o->colour ? "\033[0m" : "";
	int pending = 0, strong = row == NULL || row->kind == SVC_ROW_TOTAL;
	int any = 0;

	if (strong)
		fputs(bold, out);
	for (size_t c = first; c < t->ncols; c++) {
		const struct svc_cell *cell = row ? &row->cells[c] : NULL;
		const char *s = row ? cell->text : t->cols[c].title;
		enum svc_cell_type ty = row ? cell->type : t->cols[c].type;
		int sw;

		if (w[c] < 0)
			continue;
		pending += any++ ? 2 : 0;
		if (ty == SVC_CELL_BAR && row) {
			int n = (int)lround(cell->frac * w[c]);

			if (n > 0)
				pad(out, pending);
			for (int i = 0; i < n; i++)
				putc('#', out);
			pending = n > 0 ? w[c] - n : pending + w[c];
			continue;
		}
		if (*s == '\0') {
			pending += w[c];
			continue;
		}
		sw = svc_text_width(s);
		if (ty == SVC_CELL_NUM)
			pending += w[c] - (sw < w[c] ? sw : w[c]);
		pad(out, pending);
		if (cell && cell->alert)
			fputs(red, out);
		if (row && t->cols[c].type == SVC_CELL_DATE && sw > w[c] &&
		    date_part_ok(s))
			sw = (int)fwrite(s, 1, DATE_COLS, out);
		else
			sw = put_cut(out, s, w[c]);
		if (cell && cell->alert)
			fprintf(out, "%s%s", off, strong ? bold : "");
		pending = ty == SVC_CELL_NUM ? 0 : w[c] - sw;
	}
	if (strong)
		fputs(off, out);
	putc('\n', out);
}

/*
 * A grouped table shows its first column as a heading line above each
 * group instead of as a column: the width goes to the other columns.
 */
static void
text_table(const struct svc_table *t, const struct svc_render_opts *o,
    FILE *out)
{
	int *w = svc_xcalloc(t->ncols ? t->ncols : 1, sizeof(*w));
	size_t first = t->group ? 1 : 0;
	const char *bold = o->colour ? "\033[1m" : "";
	const char *off = o->colour ? "\033[0m" : "";

	if (t->title[0]) {
		fputs(bold, out);
		put_cut(out, t->title, o->width);
		fprintf(out, "%s\n", off);
	}
	fit(t, first, o->width, w);
	text_row(t, NULL, first, w, o, out);
	for (size_t c = first, any = 0; c < t->ncols; c++) {
		if (w[c] < 0)
			continue;
		if (any++)
			fputs("  ", out);
		for (int i = 0; i < w[c]; i++)
			putc('-', out);
	}
	putc('\n', out);
	for (size_t r = 0; r < t->nrows; r++) {
		const struct svc_row *row = &t->rows[r];

		if (first && row->kind == SVC_ROW_DATA && (r == 0 ||
		    strcmp(row->cells[0].text, t->rows[r - 1].cells[0].text) ||
		    t->rows[r - 1].kind != SVC_ROW_DATA)) {
			fprintf(out, "%s", bold);
			put_cut(out, row->cells[0].text, o->width);
			fprintf(out, "%s\n", off);
		}
		text_row(t, row, first, w, o, out);
	}
	free(w);
}

static void
write_text(const struct svc_doc *d, const struct svc_render_opts *o,
    FILE *out)
{
	fprintf(out, "%s", o->colour ? "\033[1m" : "");
	put_cut(out, d->title, o->width);
	fprintf(out, "%s\n", o->colour ? "\033[0m" : "");
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct svc_block *b = &d->blocks[i];

		putc('\n', out);
		if (b->kind == SVC_BLOCK_TABLE)
			text_table(b->table, o, out);
		else {
			size_t n = strlen(b->text);

			fputs(b->text, out);
			if (n == 0 || b->text[n - 1] != '\n')
				putc('\n', out);
		}
	}
}

/*
 * One table for every table of d: col[i][c] is where column c of the
 * i-th table goes among the *ncol columns after the section's (titles
 * in head), SIZE_MAX for a bar. Columns of one title in two tables are
 * one column; within a table, each of its columns is its own. Caller
 * frees head, col and each col[i].
 */
static size_t
csv_columns(const struct svc_doc *d, const char ***head, size_t *ncol,
    size_t ***col)
{
	size_t nt = 0;

	*head = NULL;
	*ncol = 0;
	*col = svc_xcalloc(d->nblocks ? d->nblocks : 1, sizeof(**col));
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct svc_table *t = d->blocks[i].table;
		size_t *m;

		if (d->blocks[i].kind != SVC_BLOCK_TABLE)
			continue;
		m = (*col)[nt++] = svc_xcalloc(t->ncols ? t->ncols : 1,
		    sizeof(*m));
		for (size_t c = 0; c < t->ncols; c++) {
			size_t j;

			m[c] = SIZE_MAX;
			if (t->cols[c].type == SVC_CELL_BAR)
				continue;
			for (j = 0; j < *ncol; j++) {
				size_t k = 0;

				if (strcmp((*head)[j], t->cols[c].title) != 0)
					continue;
				while (k < c && m[k] != j)
					k++;
				if (k == c)
					break;	/* not yet one of t's */
			}
			if (j == *ncol) {
				*head = svc_xrealloc(*head, (*ncol + 1) *
				    sizeof(**head));
				(*head)[(*ncol)++] = t->cols[c].title;
			}
			m[c] = j;
		}
	}
	return nt;
}

static void
write_csv(const struct svc_doc *d, const struct svc_render_opts *o,
    FILE *out)
{
	struct svc_csv_writer w;
	const char **head, **cells;
	size_t ncol, **col, nt, ti = 0;

	svc_csv_writer_init(&w, out, o->excel);
	nt = csv_columns(d, &head, &ncol, &col);
	cells = svc_xcalloc(ncol + 1, sizeof(*cells));
	if (nt > 0) {
		svc_csv_cell(&w, "section");
		for (size_t j = 0; j < ncol; j++)
			svc_csv_cell(&w, head[j]);
		svc_csv_endrow(&w);
	}
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct svc_table *t = d->blocks[i].table;
		const size_t *m;

		if (d->blocks[i].kind != SVC_BLOCK_TABLE)
			continue;
		m = col[ti++];
		for (size_t r = 0; r < t->nrows; r++) {
			for (size_t j = 0; j < ncol; j++)
				cells[j] = "";
			for (size_t c = 0; c < t->ncols; c++)
				if (m[c] != SIZE_MAX)
					cells[m[c]] = t->rows[r].cells[c].text;
			svc_csv_cell(&w, t->rows[r].kind == SVC_ROW_TOTAL ?
			    t->total : t->section);
			for (size_t j = 0; j < ncol; j++)
				svc_csv_cell(&w, cells[j]);
			svc_csv_endrow(&w);
		}
	}
	for (size_t i = 0; i < nt; i++)
		free(col[i]);
	free(col);
	free(cells);
	free(head);
}

/*
 * Writes s as Markdown text that shows as itself, on one line: the
 * characters of inline markup (emphasis, code, links and images, tables,
 * strikethrough, headings' closing #) backslash-escaped, < and & as
 * entities (Python-Markdown does not take \<, so raw HTML could pass),
 * and, when s starts a block, what would begin a list, a quote or a
 * setext underline there.
 */
static void
md_text(FILE *out, const char *s, int block)
{
	const char *p = s;

	while (block && *p >= '0' && *p <= '9')
		p++;
	if (block && ((p > s && (*p == '.' || *p == ')')) ||
	    (p == s && *p != '\0' && strchr("-+=>", *p) != NULL))) {
		fwrite(s, 1, (size_t)(p - s), out);
		putc('\\', out);
		putc(*p, out);
		s = p + 1;
	}
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", out); continue;
		case '&': fputs("&amp;", out); continue;
		case '\n': putc(' ', out); continue;
		}
		if (strchr("\\`*_[]{}|~#!", *s) != NULL)
			putc('\\', out);
		putc(*s, out);
	}
}

/* A code fence longer than any run of backticks in s (at least 3). */
static int
md_fence(const char *s)
{
	int run = 0, most = 2;

	for (; *s; s++) {
		run = *s == '`' ? run + 1 : 0;
		if (run > most)
			most = run;
	}
	return most + 1;
}

/* A fence line of n backticks. */
static void
md_backticks(FILE *out, int n)
{
	while (n-- > 0)
		putc('`', out);
	putc('\n', out);
}

static void
write_md(const struct svc_doc *d, FILE *out)
{
	fputs("# ", out);
	md_text(out, d->title, 1);
	putc('\n', out);
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct svc_block *b = &d->blocks[i];
		const struct svc_table *t = b->table;

		putc('\n', out);
		if (b->kind == SVC_BLOCK_PARA) {
			md_text(out, b->text, 1);
			putc('\n', out);
			continue;
		}
		if (b->kind == SVC_BLOCK_PRE) {
			size_t n = strlen(b->text);
			int f = md_fence(b->text);

			/* nothing inside can close a longer fence */
			md_backticks(out, f);
			fputs(b->text, out);
			if (n == 0 || b->text[n - 1] != '\n')
				putc('\n', out);
			md_backticks(out, f);
			continue;
		}
		if (t->title[0]) {
			fputs("## ", out);
			md_text(out, t->title, 1);
			fputs("\n\n", out);
		}
		for (long r = -2; r < (long)t->nrows; r++) {
			const struct svc_row *row = r >= 0 ? &t->rows[r] : NULL;

			for (size_t c = 0; c < t->ncols; c++) {
				const char *s;

				if (t->cols[c].type == SVC_CELL_BAR)
					continue;
				fputs("|", out);
				if (r == -1) {
					fputs(t->cols[c].type == SVC_CELL_NUM ?
					    "---:" : "---", out);
					continue;
				}
				s = row ? shown(t, (size_t)r, c) :
				    t->cols[c].title;
				putc(' ', out);
				if (row && row->kind == SVC_ROW_TOTAL && *s)
					fputs("**", out);
				md_text(out, s, 0);
				if (row && row->kind == SVC_ROW_TOTAL && *s)
					fputs("**", out);
				putc(' ', out);
			}
			fputs("|\n", out);
		}
	}
}

static void
html_text(FILE *out, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		default: putc(*s, out);
		}
}

static void
html_table(const struct svc_table *t, FILE *out)
{
	static const char *pad = "padding:3px 10px;";

	if (t->title[0]) {
		fputs("<h2 style=\"font-size:16px;margin:18px 0 6px\">", out);
		html_text(out, t->title);
		fputs("</h2>\n", out);
	}
	fputs("<table cellpadding=\"0\" cellspacing=\"0\" style=\""
	    "border-collapse:collapse;font-size:14px\">\n<tr>", out);
	for (size_t c = 0; c < t->ncols; c++) {
		fprintf(out, "<th style=\"%sborder-bottom:2px solid #555;"
		    "text-align:%s\">", pad,
		    t->cols[c].type == SVC_CELL_NUM ? "right" : "left");
		html_text(out, t->cols[c].title);
		fputs("</th>", out);
	}
	fputs("</tr>\n", out);
	for (size_t r = 0; r < t->nrows; r++) {
		const struct svc_row *row = &t->rows[r];

		fputs("<tr>", out);
		for (size_t c = 0; c < t->ncols; c++) {
			const struct svc_cell *cell = &row->cells[c];
			int px = (int)lround(cell->frac * BAR_PX);

			fprintf(out, "<td style=\"%sborder-bottom:1px solid "
			    "#ddd;%s%s%s\">", pad, cell->type == SVC_CELL_NUM ?
			    "text-align:right;" : "", row->kind ==
			    SVC_ROW_TOTAL ? "font-weight:bold;" : "",
			    cell->alert ? "color:#c00;font-weight:bold;" : "");
			if (cell->type != SVC_CELL_BAR) {
				html_text(out, shown(t, r, c));
				fputs("</td>", out);
				continue;
			}
			fprintf(out, "<table cellpadding=\"0\" cellspacing="
			    "\"0\" border=\"0\" width=\"%d\"><tr>", BAR_PX);
			if (px > 0)
				fprintf(out, "<td width=\"%d\" height=\"10\" "
				    "bgcolor=\"#4a7bb7\" style=\"background:"
				    "#4a7bb7;height:10px;font-size:0;"
				    "line-height:0\">&nbsp;</td>", px);
			if (px < BAR_PX)
				fprintf(out, "<td width=\"%d\" style=\""
				    "font-size:0;line-height:0\">&nbsp;</td>",
				    BAR_PX - px);
			fputs("</tr></table></td>", out);
		}
		fputs("</tr>\n", out);
	}
	fputs("</table>\n", out);
}

static void
write_html(const struct svc_doc *d, FILE *out)
{
	fputs("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n"
	    "<title>", out);
	html_text(out, d->title);
	fputs("</title>\n</head>\n<body style=\"font-family:sans-serif;"
	    "color:#222;margin:16px\">\n<h1 style=\"font-size:20px\">", out);
	html_text(out, d->title);
	fputs("</h1>\n", out);
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct svc_block *b = &d->blocks[i];

		switch (b->kind) {
		case SVC_BLOCK_PARA:
			fputs("<p>", out);
			html_text(out, b->text);
			fputs("</p>\n", out);
			break;
		case SVC_BLOCK_PRE:
			fputs("<pre style=\"font-size:13px\">", out);
			html_text(out, b->text);
			fputs("</pre>\n", out);
			break;
		case SVC_BLOCK_TABLE:
			html_table(b->table, out);
			break;
		}
	}
	fputs("</body>\n</html>\n", out);
}

/*
 * A copy of d as it may be shown (svc_visible): each cell, title and
 * heading on one line, paragraphs keeping their lines. Release with
 * svc_doc_release.
 */
static void
doc_visible(const struct svc_doc *d, struct svc_doc *v)
{
	memset(v, 0, sizeof(*v));
	v->title = svc_visible(d->title, 0);
	for (size_t i = 0; i < d->nblocks; i++) {
		const struct svc_block *b = &d->blocks[i];
		const struct svc_table *t = b->table;
		struct svc_table *u;

		if (b->kind != SVC_BLOCK_TABLE) {
			add_block(v, b->kind)->text = svc_visible(b->text, 1);
			continue;
		}
		u = svc_xcalloc(1, sizeof(*u));
		*u = *t;
		u->title = svc_visible(t->title, 0);
		/* only csv, which is not shown, reads them */
		u->section = u->total = NULL;
		u->cols = svc_xcalloc(t->ncols ? t->ncols : 1,
		    sizeof(*u->cols));
		for (size_t c = 0; c < t->ncols; c++) {
			u->cols[c] = t->cols[c];
			u->cols[c].title = svc_visible(t->cols[c].title, 0);
		}
		u->caprows = t->nrows;
		u->rows = svc_xcalloc(t->nrows ? t->nrows : 1,
		    sizeof(*u->rows));
		for (size_t r = 0; r < t->nrows; r++) {
			u->rows[r].kind = t->rows[r].kind;
			u->rows[r].cells = svc_xcalloc(t->ncols ? t->ncols : 1,
			    sizeof(*u->rows[r].cells));
			for (size_t c = 0; c < t->ncols; c++) {
				u->rows[r].cells[c] = t->rows[r].cells[c];
				u->rows[r].cells[c].text =
				    svc_visible(t->rows[r].cells[c].text, 0);
			}
		}
		add_block(v, SVC_BLOCK_TABLE)->table = u;
	}
}

void
svc_doc_write(const struct svc_doc *d, enum svc_format f,
    const struct svc_render_opts *o, FILE *out)
{
	struct svc_doc v;

	/* CSV is data and passes byte for byte; the rest is for people */
	if (f == SVC_FMT_CSV) {
		write_csv(d, o, out);
		return;
	}
	doc_visible(d, &v);
	switch (f) {
	case SVC_FMT_MD:
		write_md(&v, out);
		break;
	case SVC_FMT_HTML:
		write_html(&v, out);
		break;
	default:
		write_text(&v, o, out);
	}
	svc_doc_release(&v);
}
