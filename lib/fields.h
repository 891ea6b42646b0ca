/*
 * fields: the values an event carries in the fields its kind declares
 * (policy.h, struct svc_field), checked and stored.
 *
 * An event's fields are stored as one text, its canonical encoding: a
 * JSON object of the fields given, keys sorted by their bytes, no blanks,
 * numbers and money as JSON numbers (svc_fmt_num's form), every other
 * type a JSON string in its canonical form (a time as an event's ts, a
 * date as YYYY-MM-DD):
 *
 *     {"cargo":"冷冻","vehicle":"厢式货车"}
 *
 * The same event gives the same text, so that two ledgers, two backends
 * and a list read back compare equal byte for byte; and a person reading
 * the ledger (svc-ledger(5)) can take a field out with json_extract.
 * An event without fields has the empty text.
 */
#ifndef SVC_FIELDS_H
#define SVC_FIELDS_H

#include <stddef.h>

#include "err.h"
#include "policy.h"
#include "util.h"

/* A field's value as a clerk or a file gives it: "" or NULL not given. */
struct svc_fieldval {
	const char *name, *value;
};

/*
 * Checks value v (not empty) for field f and appends its canonical JSON
 * value to out. Returns 0, or -1 with e->msg saying why (file, line and
 * field left to the caller). A staff or customer field is checked for
 * its form only: whether the id is known is the ledger's to say.
 */
int svc_field_value(const struct svc_field *f, const char *v,
    struct svc_buf *out, struct svc_err *e);

/*
 * Encodes the fields v[0..n) of an event of kind k into out (reset
 * first; "" when none is given): every name must be a field of k, given
 * once, every required field of k given, every value good
 * (svc_field_value). *sum and *nnum (when not NULL) get the sum and the
 * count of the number and money fields given, for value_from. Returns 0,
 * or -1 with e->field the field's name (file and line left to the
 * caller).
 */
int svc_fields_encode(const struct svc_kind *k, const struct svc_fieldval *v,
    size_t n, struct svc_buf *out, double *sum, size_t *nnum,
    struct svc_err *e);

/*
 * The same over any declared fields[0..nfields) (a kind's, a work-order
 * category's), what and code naming their owner in messages ("kind",
 * "visitor": "kind 'visitor'"). Allocates nothing when the event has no
 * fields: it runs for every event an import or a score reads.
 */
int svc_fields_encode_in(const struct svc_field *fields, size_t nfields,
    const char *what, const char *code, const struct svc_fieldval *v,
    size_t n, struct svc_buf *out, double *sum, size_t *nnum,
    struct svc_err *e);

/*
 * Whether some kind of p (NULL: none) declares a field named by the len
 * bytes at name (not NUL-terminated: "cargo" of "cargo=冷冻"), so that
 * svc-log add takes name=value as the kind's field and leaves it to the
 * ledger to say whether the event's own kind has it.
 */
int svc_fields_declared(const struct svc_policy *p, const char *name,
    size_t len);

/*
 * The fields p's kinds declare (none when p is NULL), one per name, in
 * the order p first declares them: the first declaration of each name
 * into *out (allocated, NULL when none; the caller frees the array, the
 * fields are p's). Returns how many. These are the columns named after
 * fields in svc-log import and list.
 */
size_t svc_fields_columns(const struct svc_policy *p,
    const struct svc_field ***out);

/*
 * Whether a and b are the same value of field f (the same canonical
 * text, svc_field_value: "36.50" and "36.5" are): 1 if so, 0 if not, -1
 * with e->msg set (field left to the caller) when either is not a good
 * value of f.
 */
int svc_field_same(const struct svc_field *f, const char *a, const char *b,
    struct svc_err *e);

/*
 * Splits an encoding (as stored, or as svc-log list writes it) into
 * *n name/value pairs, stored one after the other in store as
 * NUL-terminated strings ("cargo\0冷冻\0vehicle\0厢式货车\0"), numbers
 * as their text. "" has none. Returns 0, or -1 with e->msg set when enc
 * is not a JSON object of strings and numbers.
 */
int svc_fields_split(const char *enc, struct svc_buf *store, size_t *n,
    struct svc_err *e);

/*
 * The value of field name in encoding enc, into out (reset first).
 * Returns 1 when there is one, 0 when not (or enc is malformed).
 */
int svc_fields_get(const char *enc, const char *name, struct svc_buf *out);

/*
 * The alerts of kind k (policy.h alert) that an event with fields enc
 * meets, in the policy's order: returns how many, and when out is not
 * NULL writes them there (reset first) joined by sep, each as the policy
 * has it ("temperature >= 37.3"), or with values nonzero with the
 * event's value as stored ("temperature 37.6 >= 37.3"). A field the
 * event does not carry meets no alert.
 */
size_t svc_fields_alerts(const struct svc_kind *k, const char *enc,
    int values, const char *sep, struct svc_buf *out);

#endif
