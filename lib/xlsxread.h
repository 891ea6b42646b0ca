/*
 * xlsxread: one worksheet of an .xlsx workbook read as rows of text,
 * through libzip (the container) and expat (the XML). csvio serves the
 * rows as it serves a CSV file's records; nothing else needs this.
 *
 * What a cell becomes: a shared or inline string its text (rich-text
 * runs joined, phonetic runs left out); a boolean "true" or "false"; an
 * error its code ("#N/A"); a formula its cached value; a number its
 * shortest decimal form ("5", "-2.5", "1001"), unless the cell's number
 * format is a date or time one: then the serial is a date in the
 * workbook's system (1900, with the day 1900-02-29 that Excel counts
 * but never was; or 1904, workbookPr date1904) written "2026-10-05",
 * "2026-10-05T14:30:00", or "14:30:00" for a time alone (serial below
 * 1). A missing cell is "".
 *
 * Memory: the workbook's shared strings and the sheet's current row are
 * held, never the sheet: the sheet's XML is parsed as it is inflated and
 * the parser stops at the end of each row. A cell longer than
 * SVC_CSV_FIELD_MAX bytes, a column past XFD (16384) and a document type
 * declaration are errors.
 */
#ifndef SVC_XLSXREAD_H
#define SVC_XLSXREAD_H

#include <stddef.h>

#include "err.h"

struct svc_xlsxr;

/*
 * Opens the sheet named sheet (NULL: the workbook's first) of the
 * workbook at path, named path in messages, and reads its shared strings
 * and styles. Returns the reader (svc_xlsxr_close frees), or NULL with e
 * set: not a zip file, not a workbook, no such sheet (the message lists
 * the sheets), bad XML (naming the part and its line).
 */
struct svc_xlsxr *svc_xlsxr_open(const char *path, const char *sheet,
    struct svc_err *e);

/*
 * Reads the next row that has a cell element (a row may still hold only
 * empty text). Returns 1 with *cells[0..*n) the row's cells by column
 * (column A first; *n is one past the last cell given) and *row its row
 * number (from 1), borrowed until the next call; 0 at the end of the
 * sheet; -1 with e set (e->file names the workbook, the sheet and, where
 * known, the cell).
 */
int svc_xlsxr_next(struct svc_xlsxr *x, const char *const **cells,
    size_t *n, long *row, struct svc_err *e);

/* The sheet's name, as the workbook gives it. Borrowed. */
const char *svc_xlsxr_sheet(const struct svc_xlsxr *x);

void svc_xlsxr_close(struct svc_xlsxr *x);

/* Column col (0 is A) as letters, "A" .. "XFD", into buf[4]. */
char *svc_xlsxr_col(size_t col, char *buf);

/*
 * Writes an Excel serial date (days since the system's epoch, the day's
 * time as a fraction, rounded to the second) as text into buf[32], as a
 * date cell reads above. date1904 picks the 1904 system. Returns 0, or
 * -1 with e->msg set for a negative serial, one past 9999-12-31, and
 * serial 60 of the 1900 system (1900-02-29).
 */
int svc_xlsxr_serial(double serial, int date1904, char *buf,
    struct svc_err *e);

/*
 * Nonzero when an Excel number format, built in (numfmt_id, code NULL)
 * or custom (code), shows a date or a time.
 */
int svc_xlsxr_date_format(int numfmt_id, const char *code);

#endif
