/*
 * xlsx: a report (table.h's svc_doc) as an Excel workbook, through
 * libxlsxwriter.
 *
 * Every table of the document is one worksheet, named after its title
 * (the caller's name for untitled ones), with a bold header row frozen
 * above the data, an autofilter on it, total rows bold, alerts red and
 * columns as wide as their widest cell shows (svc_text_width: CJK counts
 * two). Bar columns are left out, as in CSV; paragraphs too, unless the
 * document has no table: then one sheet holds its title and paragraphs.
 *
 * Cells keep their types so a spreadsheet does not guess them: ids,
 * account numbers and phone numbers are text (0301021 keeps its zero),
 * numbers are numbers shown with the report's decimals, dates and times
 * are date cells in the local time zone (TZ, the policy's), shown as
 * yyyy-mm-dd or yyyy-mm-dd hh:mm. No cell is a formula: text starting
 * with '=' is text.
 */
#ifndef SVC_XLSX_H
#define SVC_XLSX_H

#include <stdio.h>
#include <time.h>

#include "err.h"
#include "table.h"

struct svc_xlsx_opts {
	const char *sheet;	/* name of untitled tables, e.g. "scores" */
	time_t created;		/* the workbook's creation date; 0: now */
};

/*
 * Writes d as a workbook to out. libxlsxwriter writes to a named file:
 * the workbook is made in a temporary file in $TMPDIR (else /tmp),
 * copied to out and removed. Returns 0, or -1 with e set when the
 * workbook cannot be made; errors writing out surface through
 * ferror(out).
 */
int svc_xlsx_write(const struct svc_doc *d, const struct svc_xlsx_opts *o,
    FILE *out, struct svc_err *e);

/* What a cell becomes in a workbook. */
enum svc_xlsx_kind {
	SVC_XLSX_BLANK = 0, SVC_XLSX_TEXT, SVC_XLSX_NUM, SVC_XLSX_DATE,
	SVC_XLSX_DATETIME
};

struct svc_xlsx_value {
	enum svc_xlsx_kind kind;
	double num;		/* NUM */
	int decimals;		/* NUM: as the report shows it */
	int sign;		/* NUM: shown with a '+' when positive */
	struct tm tm;		/* DATE, DATETIME: local time */
};

/*
 * Decides cell (r, c) of t (not a bar): the cell's data hint, else its
 * column's, else its display type (table.h's svc_cell_data); a number
 * or date that does not parse stays text, an empty cell is blank.
 */
void svc_xlsx_value(const struct svc_table *t, size_t r, size_t c,
    struct svc_xlsx_value *v);

/* The width of column c of t in characters: its widest cell or title as
 * shown, plus room for the filter button, at most 60. */
double svc_xlsx_width(const struct svc_table *t, size_t c);

/*
 * A sheet name for title (or fallback when title is empty) that Excel
 * takes: []:*?/\ and control characters become '_', a leading or
 * trailing apostrophe goes, at most 31 characters, and " (2)", " (3)"...
 * appended when the name is one of taken[0..ntaken) (ASCII case
 * ignored). Caller frees.
 */
char *svc_xlsx_sheet_name(const char *title, const char *fallback,
    char *const *taken, size_t ntaken);

#endif
