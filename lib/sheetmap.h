/*
 * sheetmap: mapping rules (svc-map(5)) that turn the rows of a sheet a
 * department keeps, with its own headers and wording, into svc's events,
 * as hledger's CSV rules do for bank exports. The ledger applies them
 * (svc_ledger_set_map) between reading a record and checking it, so the
 * rest of an import, its messages included, is the same as for svc's
 * own CSV.
 *
 * The file is INI (libinih): keys before any section set date, year and
 * uid; [columns] names the sheet's header for an event field (ts, staff,
 * kind, value, customer, channel, dept, note, uid) or for a field a kind
 * of the policy declares (vehicle, cargo); [kinds] maps the
 * sheet's wording to kind codes; [set] gives fields a constant value for
 * rows whose cell is empty or absent. Errors name file:line:key.
 */
#ifndef SVC_SHEETMAP_H
#define SVC_SHEETMAP_H

#include <stddef.h>
#include <time.h>

#include "csvio.h"
#include "err.h"
#include "ledger.h"
#include "policy.h"
#include "util.h"

#define SVC_DATEFMT_RUNS	6

/*
 * A date format given as an example of a date as the sheet writes it
 * ("2026/10/5", "2026年10月5日", "10-05 14:30"): a run of four digits is
 * the year, the other runs of digits are, in order, month, day, hour,
 * minute and second; everything else is matched as written (a space
 * matches one or more).
 */
struct svc_datefmt {
	char *example;
	int role[SVC_DATEFMT_RUNS];	/* per run of digits: 'Y' 'M' 'D' 'h'
					   'm' 's' */
	int nrun;
	int has_year, has_time;
};

/* Reads example into f (svc_datefmt_release frees). Returns 0, or -1 with
 * e->msg set: no month and day, two years, more than six numbers. */
int svc_datefmt_compile(const char *example, struct svc_datefmt *f,
    struct svc_err *e);
void svc_datefmt_release(struct svc_datefmt *f);

/*
 * Reads s (leading and trailing spaces ignored) by f into out[32] as
 * "2026-10-05" or, with a time, "2026-10-05T14:30:00" (local time, for
 * svc_time_parse). A format without a year takes year when nonzero, else
 * the latest year in which that day is not after now's local day.
 * Returns 0; 1 when s is not in the format; -1 with e->msg set when it
 * is but names no such day or time.
 */
int svc_datefmt_parse(const struct svc_datefmt *f, const char *s, int year,
    time_t now, char *out, struct svc_err *e);

struct svc_map;

/*
 * Loads the rules at path. p (borrowed for the map's life) gives the
 * kinds that [kinds] must name and whose labels match without a line.
 * Returns the map (svc_map_free frees) or NULL with e set.
 */
struct svc_map *svc_map_load(const char *path, const struct svc_policy *p,
    struct svc_err *e);
void svc_map_free(struct svc_map *m);

/*
 * The columns to read an events file with, for svc_csv_header: fields
 * [0..nfields) as fields gives them (svc's names, the kinds' fields
 * among them), renamed to the sheet's headers and no longer required
 * when [set] or uid gives them, then the columns the uid is made of. *n
 * gets the count. Owned by m.
 */
const struct svc_csv_col *svc_map_cols(struct svc_map *m,
    const struct svc_csv_col *fields, size_t nfields, size_t *n);

/*
 * Maps the current record of r (read with svc_map_cols's columns) in
 * place: in holds its fields as read; empty ones get [set]'s values,
 * kind its code ([kinds], else the kind whose label it is, else a kind's
 * code as it is; anything else is an error), ts its
 * date by the formats (one that none reads, nor svc_time_parse, is an
 * error), uid the hash of its columns ("m" and 16 hex digits). Strings
 * go into buf (reset first) and stay there until its next use. Returns
 * 0, or -1 with e->field set to the field at fault.
 */
int svc_map_apply(const struct svc_map *m, const struct svc_csv_reader *r,
    struct svc_event_in *in, struct svc_buf *buf, time_t now,
    struct svc_err *e);

#endif
