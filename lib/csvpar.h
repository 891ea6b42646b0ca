/*
 * csvpar: a large CSV file parsed on several threads, results handed out
 * in file order. csvio uses it behind svc_csv_next; nothing else needs to.
 *
 * The file is cut into chunks of about a given size, each ending just
 * after a line feed that lies outside every quoted field, so that a chunk
 * parses from a clean state exactly as it would inside the whole file.
 * Worker threads run the caller's parse function on chunks; the caller
 * takes the results one chunk at a time, in order. At most a few chunks
 * per thread are in flight, so memory does not grow with the file.
 */
#ifndef SVC_CSVPAR_H
#define SVC_CSVPAR_H

#include <stddef.h>
#include <sys/types.h>

#include "err.h"

/* Bytes after a chunk's text that may be read (not written). */
#define SVC_CSVPAR_PAD	16

/*
 * Parses text[0..len) (a run of whole records, or the file's tail) into
 * *out. *out is NULL the first time a slot is used, and afterwards the
 * result the function left there before, to be reused. The text is the
 * function's to change, and stays put until the caller is done with the
 * result (svc_csvpar_next), so the result may point into it. Runs on a
 * worker thread: it may touch only text, *out and, read-only, what arg
 * points to.
 */
typedef void svc_csvpar_fn(void *arg, char *text, size_t len, void **out);

struct svc_csvpar;

/*
 * Starts threads workers on the file open on fd from offset from (which
 * must start a record) to its end, cutting chunks of about chunk bytes.
 * name is for messages. free_out frees what fn leaves in *out. Returns
 * the handle (with fewer workers when not all could be made), or NULL
 * with e set when no thread could be made. The caller keeps fd open
 * until svc_csvpar_free.
 */
struct svc_csvpar *svc_csvpar_start(int fd, const char *name, off_t from,
    size_t chunk, int threads, svc_csvpar_fn *fn, void *arg,
    void (*free_out)(void *), struct svc_err *e);

/*
 * Waits for the next chunk's result and sets *out to it: borrowed until
 * the next call. Returns 1, 0 when no chunk is left, or -1 with e set on a
 * read error (the results before it have been handed out). No chunk is
 * left at the end of the file, or where a record would make a chunk grow
 * past 2 MiB (or 4 chunks): see svc_csvpar_rest.
 */
int svc_csvpar_next(struct svc_csvpar *p, void **out, struct svc_err *e);

/*
 * Once svc_csvpar_next has returned 0: the offset of the first byte not
 * in any chunk, a record's start, from which the caller reads the rest
 * of the file itself (the file's end when it was all cut into chunks).
 */
off_t svc_csvpar_rest(const struct svc_csvpar *p);

/* Stops the workers and frees everything. NULL is fine. */
void svc_csvpar_free(struct svc_csvpar *p);

/*
 * The end of the last record that ends inside s[0..n), which begins
 * outside quotes: the offset just past the last line feed preceded by an
 * even number of quotes, or 0 when there is none. Exposed for its test.
 */
size_t svc_csvpar_cut(const char *s, size_t n);

#endif
