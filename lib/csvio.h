/*
 * csvio: every CSV byte in or out of svc passes through here.
 *
 * Reading uses libcsv in strict mode, fed one physical line at a time so
 * that every record knows the line it starts on, even when quoted fields
 * span lines. Input is UTF-8 (a leading BOM is skipped) or, with an
 * encoding, converted to UTF-8 with iconv(3) first. Invalid UTF-8, NUL
 * bytes, unterminated quotes, records with the wrong number of fields and
 * fields longer than SVC_CSV_FIELD_MAX are errors naming file:line (and
 * the column where one is known). A file whose first line ends in a lone
 * CR (old Mac line ends) is refused as a whole: its lines cannot be
 * numbered.
 *
 * Writing is RFC 4180: fields quoted only when they must be, quotes
 * doubled, LF line ends; "excel" output adds a UTF-8 BOM, CRLF line ends
 * and neutralises cells that a spreadsheet would run as formulas.
 */
#ifndef SVC_CSVIO_H
#define SVC_CSVIO_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"

/* The longest field read, in bytes: what a note could need, many times
 * over, and a bound on the memory a bad quote can take. */
#define SVC_CSV_FIELD_MAX	(1024 * 1024)

struct svc_csv_opts {
	const char *encoding;	/* NULL or "utf-8": none; "gb18030", "gbk",
				   "cp936" (case-insensitive) */
	int ignore_extra;	/* skip unknown header columns */
	const char *sheet;	/* a workbook's sheet by name; NULL: the
				   first (see svc_csv_open) */
};

/* A column the caller knows about. */
struct svc_csv_col {
	const char *name;
	int required;		/* the header must have it */
};

struct svc_csv_reader;

/*
 * Opens path ("-" is standard input, named "stdin" in messages) for
 * reading. opts may be NULL. Returns a reader the caller closes with
 * svc_csv_close, or NULL with e set (unknown encoding, cannot open).
 *
 * A file that is a zip archive (an .xlsx workbook), or any file when
 * opts->sheet is set, is read as a workbook's sheet (xlsxread.h): its
 * first row with text is the header, rows are records numbered by the
 * sheet's row numbers, rows without text are skipped as blank lines
 * are, and a cell right of the header's last column is an error. The
 * functions below work the same on it; an encoding is refused (usage).
 */
struct svc_csv_reader *svc_csv_open(const char *path,
    const struct svc_csv_opts *opts, struct svc_err *e);

/* As svc_csv_open on an open stream, named name in messages; the stream
 * is not closed by svc_csv_close. */
struct svc_csv_reader *svc_csv_open_fp(FILE *fp, const char *name,
    const struct svc_csv_opts *opts, struct svc_err *e);

/*
 * Reads the header row and maps it onto cols[0..ncols) by name (order
 * free). Errors: empty input (no header), an empty or duplicated column
 * name, a column not in cols (unless ignore_extra), a required column
 * missing. cols must outlive the reader. Returns 0 or -1.
 */
int svc_csv_header(struct svc_csv_reader *r, const struct svc_csv_col *cols,
    size_t ncols, struct svc_err *e);

/*
 * Advances to the next record. Returns 1 when there is one, 0 at the end
 * of input, -1 on error (e names file, line and, where known, column).
 * Blank lines are skipped. A record must have as many fields as the
 * header.
 */
int svc_csv_next(struct svc_csv_reader *r, struct svc_err *e);

/*
 * The current record's value for cols[col]: never NULL, "" when empty or
 * when the header lacks that column. Borrowed until the next svc_csv_next.
 */
const char *svc_csv_get(const struct svc_csv_reader *r, size_t col);

/* Nonzero if the header has cols[col]. */
int svc_csv_has(const struct svc_csv_reader *r, size_t col);

/* Physical line (from 1) on which the current record starts; a sheet's
 * row number for a workbook. */
long svc_csv_line(const struct svc_csv_reader *r);

/*
 * Places e at record line (as svc_csv_line numbers it) and cols[col]
 * (SIZE_MAX: none): sets e->file and e->line to "FILE" and line for
 * CSV, to "FILE.xlsx:Sheet1!C7" (the column's cell) or
 * "FILE.xlsx:Sheet1!7:7" (the row, when the header lacks the column)
 * and 0 for a sheet. Reads only what the header fixed: safe while
 * another thread reads records.
 */
void svc_csv_place(const struct svc_csv_reader *r, long line, size_t col,
    struct svc_err *e);

/*
 * Nonzero while the reader parses on threads: a regular file of at least
 * two chunks read as UTF-8, on a machine with more than one CPU. The
 * environment can say otherwise: SVC_CSV_THREADS=N parsing threads (0:
 * none), SVC_CSV_CHUNK=BYTES per chunk (default 512 KiB). The rest of
 * the file is read on the caller's thread when no thread can be made,
 * or from a record that would make a chunk grow past 2 MiB (a stray
 * quote, say). Records, lines and errors are the same either way.
 */
int svc_csv_threaded(const struct svc_csv_reader *r);

/* The sheet's name when r reads a workbook, else NULL. Borrowed. */
const char *svc_csv_sheet(const struct svc_csv_reader *r);

/* The name used in messages ("stdin" for "-"). Borrowed. */
const char *svc_csv_name(const struct svc_csv_reader *r);

/* Frees the reader (and closes the file it opened). NULL is fine. */
void svc_csv_close(struct svc_csv_reader *r);

/* Writing. Errors surface through ferror(fp) when the caller closes. */
struct svc_csv_writer {
	FILE *fp;
	int excel;
	int tty;		/* fp is a terminal */
	size_t ncell;		/* cells written on the current row */
};

/*
 * Starts writing to fp; with excel, writes the BOM at once. CSV is data:
 * cells are written byte for byte, except to a terminal, where control
 * characters are shown as escapes (svc_visible) as in any text for
 * people.
 */
void svc_csv_writer_init(struct svc_csv_writer *w, FILE *fp, int excel);

/*
 * Appends one cell (NULL writes an empty one). In excel mode a cell that
 * starts with = + - @ TAB or CR and is not a plain number gets a leading
 * apostrophe, so "-5" stays a number and "=HYPERLINK(...)" stays text.
 */
void svc_csv_cell(struct svc_csv_writer *w, const char *s);

/* Appends a number cell formatted by svc_fmt_num. */
void svc_csv_num(struct svc_csv_writer *w, double v);

/* Appends a row id cell: the number, or an empty cell for 0 (no id). */
void svc_csv_id(struct svc_csv_writer *w, long long id);

/* Ends the row (LF, or CRLF in excel mode). */
void svc_csv_endrow(struct svc_csv_writer *w);

/* Writes a whole row of n cells. */
void svc_csv_row(struct svc_csv_writer *w, const char *const *cells,
    size_t n);

#endif
