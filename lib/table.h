/*
 * table: a report as data (a title, then paragraphs, preformatted text
 * and tables of typed cells), and one writer per output format.
 *
 * Builders fill a svc_doc; a writer renders it. The data never depends on
 * the format, so a report reads the same at a terminal, in a spreadsheet
 * and in mail:
 *   - text: columns aligned by display width (wcwidth(3) under the
 *     caller's LC_CTYPE, so CJK counts two), numbers right-aligned, cells
 *     cut with "…" so a row fits the width (bars give way first, key
 *     columns last), bars drawn with ASCII '#'
 *     (block characters are East-Asian-ambiguous and misalign on
 *     terminals that draw those wide), optional ANSI colour;
 *   - csv: one table whatever the document holds, so that a csv
 *     reader, Miller or a spreadsheet reads it as one: a first column
 *     "section" naming each row's table (or, for a total row, its
 *     total: see svc_table_section), then the columns of every table,
 *     a title shared by two tables being one column; bar columns and
 *     paragraphs left out; through csvio (so excel adds the BOM, CRLF
 *     and formula neutralising);
 *   - md: GitHub tables, numbers right-aligned, bar columns left out;
 *   - html: one self-contained page, inline style attributes only, no
 *     scripts, bars as nested table cells with widths (mail-client safe);
 *   - xlsx: a workbook, one sheet per table (see xlsx.h).
 * Every format but csv shows a control character in the data as a
 * visible escape (svc_visible in util.h): csv is data and keeps every
 * byte; md and html also escape their markup in the data, so a name is
 * always shown as the text it is.
 */
#ifndef SVC_TABLE_H
#define SVC_TABLE_H

#include <stddef.h>
#include <stdio.h>

enum svc_cell_type {
	SVC_CELL_TEXT = 0,
	SVC_CELL_NUM,		/* right-aligned; text is the formatted number */
	SVC_CELL_DATE,		/* text, but never cut: a date or a time */
	SVC_CELL_BAR		/* a bar of length frac (0..1); text is empty */
};

/*
 * What a cell holds, for a format that keeps types (xlsx), where that is
 * not what its display type says: an id shown right-aligned is still
 * text, a number among text items (item, value) is still a number.
 * SVC_DATA_SHOWN: NUM cells are numbers, cells of DATE columns dates,
 * the rest text.
 */
enum svc_cell_data { SVC_DATA_SHOWN = 0, SVC_DATA_TEXT, SVC_DATA_NUM };

struct svc_cell {
	enum svc_cell_type type;
	char *text;		/* owned; never NULL */
	double frac;		/* SVC_CELL_BAR */
	int alert;		/* drawn as a warning (a missed target) */
	enum svc_cell_data data;	/* SHOWN: the column's */
};

enum svc_row_kind {
	SVC_ROW_DATA = 0,
	SVC_ROW_TOTAL		/* a subtotal or total: bold where possible */
};

struct svc_row {
	enum svc_row_kind kind;
	struct svc_cell *cells;	/* [ncols] */
};

struct svc_col {
	char *title;
	enum svc_cell_type type;	/* the column's cells' usual type */
	enum svc_cell_data data;	/* TEXT for ids; see svc_cell_data */
	int key;		/* text that tells rows apart (an id, a name):
				   cut only once bars are gone and other
				   text is down to a few columns */
};

struct svc_table {
	char *title;		/* "" when none */
	struct svc_col *cols;
	size_t ncols;
	struct svc_row *rows;
	size_t nrows, caprows;
	int group;		/* column 0 groups rows: a value repeated from
				   the row above is left blank (not in csv) */
	char *section;		/* csv: see svc_table_section */
	char *total;
};

enum svc_block_kind { SVC_BLOCK_PARA, SVC_BLOCK_PRE, SVC_BLOCK_TABLE };

struct svc_block {
	enum svc_block_kind kind;
	char *text;		/* PARA, PRE */
	struct svc_table *table;	/* TABLE */
};

struct svc_doc {
	char *title;
	char *subject;		/* a mail subject; defaults to the title */
	struct svc_block *blocks;
	size_t nblocks, capblocks;
};

/* Starts an empty document titled title (copied). Release with
 * svc_doc_release. */
void svc_doc_init(struct svc_doc *d, const char *title);
void svc_doc_release(struct svc_doc *d);

/*
 * The mail subject d proposes: its subject, else its title, with control
 * characters shown as escapes (svc_visible), so that text from a ledger
 * in a title cannot make a Subject header fail or forge another header.
 * Caller frees.
 */
char *svc_doc_subject(const struct svc_doc *d);

/* Appends a paragraph or preformatted text (copied, printf-style). */
void svc_doc_para(struct svc_doc *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void svc_doc_pre(struct svc_doc *d, const char *text);

/*
 * Appends a table with ncols columns; titles[i] and types[i] describe
 * column i (types may be NULL: all text). Returns the table, owned by d.
 */
struct svc_table *svc_doc_table(struct svc_doc *d, const char *title,
    size_t ncols, const char *const *titles,
    const enum svc_cell_type *types);

/*
 * Names t's rows in the csv's first column: section for data rows, total
 * for total rows (NULL: section followed by " total"), so that a
 * subtotal or an average is told from the data by that column alone.
 * Both copied. Until set, a table's section is its title, else "table".
 */
void svc_table_section(struct svc_table *t, const char *section,
    const char *total);

/* Appends a row of empty cells of the columns' types; returns its index. */
size_t svc_table_row(struct svc_table *t, enum svc_row_kind kind);

/* Sets cell (row, col) to text (copied; NULL is ""), printf-style, or a
 * number formatted with decimals places (-1: svc_fmt_num's shortest
 * form). Returns the cell for setting alert. */
struct svc_cell *svc_table_set(struct svc_table *t, size_t row, size_t col,
    const char *text);
struct svc_cell *svc_table_setf(struct svc_table *t, size_t row, size_t col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
struct svc_cell *svc_table_num(struct svc_table *t, size_t row, size_t col,
    double v, int decimals);
struct svc_cell *svc_table_bar(struct svc_table *t, size_t row, size_t col,
    double frac);

enum svc_format {
	SVC_FMT_TEXT = 0, SVC_FMT_CSV, SVC_FMT_MD, SVC_FMT_HTML, SVC_FMT_MAIL,
	SVC_FMT_XLSX
};

/* "text", "csv", "md", "html", "mail", "xlsx" -> format; -1 when
 * unknown. */
int svc_format_parse(const char *s);

struct svc_render_opts {
	int width;		/* text: columns to fit (>= 20) */
	int colour;		/* text: ANSI bold and red */
	int excel;		/* csv */
};

/*
 * Renders d to out in format f (not SVC_FMT_MAIL nor SVC_FMT_XLSX: see
 * mail.h and xlsx.h). Write errors surface through ferror(out).
 */
void svc_doc_write(const struct svc_doc *d, enum svc_format f,
    const struct svc_render_opts *o, FILE *out);

/*
 * Display width of the UTF-8 string s in terminal columns (wcwidth per
 * character; a character wcwidth refuses counts 1). Needs a UTF-8
 * LC_CTYPE.
 */
int svc_text_width(const char *s);

#endif
