/*
 * util: checked allocation, strict number parsing, UTF-8 checks, a
 * growable byte buffer. The allocators never return NULL: running out of
 * memory ends the process with a message (the one exception to "lib/ never
 * exits", because no caller can do better).
 */
#ifndef SVC_UTIL_H
#define SVC_UTIL_H

#include <pthread.h>
#include <stddef.h>

/*
 * Starts a worker thread of csvpar or handoff: pthread_create. A test
 * seam: a unit test points it at a stand-in that fails, to see the work
 * done on the caller's thread instead; nothing else sets it.
 */
extern int (*svc_thread_create)(pthread_t *, const pthread_attr_t *,
    void *(*)(void *), void *);

/* Out of memory, n bytes asked (0: not known): says so on stderr and
 * aborts, as the allocators below do; for other libraries' allocations
 * (expat's parser), where no caller can do better either. */
_Noreturn void svc_oom(size_t n);

void *svc_xmalloc(size_t n);
void *svc_xcalloc(size_t n, size_t size);
void *svc_xrealloc(void *p, size_t n);
char *svc_xstrdup(const char *s);
char *svc_xstrndup(const char *s, size_t n);
/* setenv(name, value, 1), which fails only for want of memory: then as
 * the allocators above. */
void svc_xsetenv(const char *name, const char *value);

/*
 * Parses a whole string as a finite decimal number ("5", "-10", "92.5",
 * "1e3"). Leading or trailing space, "", "inf", "nan" and hex are refused.
 * Returns 0 and stores *out, or -1.
 */
int svc_parse_num(const char *s, double *out);

/*
 * The largest magnitude of a number svc takes in: an event's value and
 * every number of a policy. A period's sums of such numbers stay finite,
 * and exact to the cent up to a million events of the largest.
 */
#define SVC_NUM_MAX	1e9
#define SVC_NUM_MAX_TEXT	"1000000000"

/* As svc_parse_num for a whole base-10 integer in [min, max]. */
int svc_parse_long(const char *s, long min, long max, long *out);

/*
 * Formats a number the way CSV output shows it: shortest form that round
 * trips to 15 significant digits, no trailing zeros, never "-0".
 * buf must hold 32 bytes. Returns buf.
 */
char *svc_fmt_num(double v, char *buf);

/*
 * Rounds to 2 decimals, half away from zero as a person (and Excel)
 * rounds what is written: 94.995 becomes 95.00 although its binary value
 * is 94.99499... Scores are rounded this way before tiers apply.
 */
double svc_round2(double x);

/*
 * Returns the offset of the first byte of s[0..len) that does not start a
 * well-formed UTF-8 sequence (overlong forms, surrogates and code points
 * above U+10FFFF are ill-formed), or -1 if all of it is valid.
 */
long svc_utf8_invalid(const char *s, size_t len);

/*
 * s as it may be shown to a person (a terminal, a report, mail): every
 * control character becomes a visible escape, so that text from a ledger
 * can neither move the cursor, recolour a terminal nor forge a line. C0
 * characters and DEL are written \xHH, C1 characters (U+0080..U+009F)
 * \u00HH, and a byte that does not start well-formed UTF-8 \xHH.
 * With lines, TAB and LF stay as they are (paragraphs, mail bodies);
 * without, they are escaped too (a cell, a header, one line). Returns a
 * new string; caller frees.
 */
char *svc_visible(const char *s, int lines);

/*
 * The first control character in the string s: C0 (U+0000..U+001F), DEL
 * (U+007F) or C1 (U+0080..U+009F, C2 80..C2 9F in UTF-8). Text that
 * enters svc is refused with one, for it would be printed raw to
 * terminals and into mail later. With free_text (notes, reasons) TAB, LF
 * and CR LF pass. Returns the code point, or -1 when there is none.
 */
long svc_text_control(const char *s, int free_text);

/*
 * As svc_text_control, as an error: 0 when s is NULL or clean, else -1
 * with e set at field to "control character U+001B not allowed".
 */
struct svc_err;
int svc_text_check(const char *s, int free_text, const char *field,
    struct svc_err *e);

/*
 * The Damerau-Levenshtein distance (optimal string alignment: insertions,
 * deletions, substitutions and swaps of two neighbours) between a and b,
 * counted in UTF-8 characters, so that a mistyped CJK name costs as much
 * per character as a Latin one. Bytes that are not UTF-8 count one each.
 */
size_t svc_edit_distance(const char *a, const char *b);

/*
 * "Did you mean": the candidate closest to what was typed, among those
 * offered one at a time (a roster is streamed from the database). Close
 * is a distance of at most 2, or 1 when the typed text or the candidate
 * has 4 characters or fewer (short codes are all near each other); a
 * tie keeps the candidate offered first (policy or roster order).
 * Candidates are not copied: they must outlive the suggestion.
 */
struct svc_suggest {
	const char *typed;
	const char *best;	/* NULL while nothing offered is close */
	size_t dist;
};

void svc_suggest_init(struct svc_suggest *sg, const char *typed);
void svc_suggest_offer(struct svc_suggest *sg, const char *cand);

/* A growable NUL-terminated byte buffer. Zero-initialise, then use. */
struct svc_buf {
	char *s;		/* NUL-terminated once anything was added */
	size_t len, cap;
};

void svc_buf_add(struct svc_buf *b, const char *s, size_t n);
void svc_buf_adds(struct svc_buf *b, const char *s);
void svc_buf_printf(struct svc_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void svc_buf_reset(struct svc_buf *b);	/* empties, keeps memory */
void svc_buf_release(struct svc_buf *b);	/* frees, zeroes */

#endif
