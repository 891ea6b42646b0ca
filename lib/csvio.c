/*
 * csvio: the CSV reader and writer (see csvio.h for the contract).
 *
 * Reader pipeline: fread (or fread + iconv) fills buf with UTF-8. Each new
 * stretch of buf is checked as a whole for bad UTF-8 and NUL bytes, then
 * handed to libcsv one physical line at a time: libcsv has no notion of
 * lines, so they are counted here, between csv_parse calls. A line that
 * is a whole record of plain or wholly quoted fields is cut with memchr
 * instead (cut_line), to the very fields libcsv would make. Completed
 * records are queued and handed out by svc_csv_next one at a time.
 *
 * Fields are not copied when they need not be: an unquoted field, or a
 * quoted one without doubled quotes, is exactly its bytes in buf, so the
 * record keeps their offset and the byte after them becomes the NUL. The
 * others (doubled quotes, fields cut by a line or buffer end) are copied
 * into one arena. Either way a record costs no allocation.
 *
 * A big regular file goes on threads once its header is read (par_plan,
 * par_begin): csvpar cuts the rest into chunks and each chunk gets a
 * reader of its own, made by parse_part, that reads the chunk where it
 * lies and borrows this reader's header. What this reader hands out then
 * comes from those readers' parts, with their lines rebased.
 */
#include <errno.h>
#include <iconv.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#endif

#include "csvio.h"
#include "csvpar.h"
#include "err.h"
#include "util.h"
#include "xlsxread.h"

#define TEXT_CAP	(256 * 1024)	/* UTF-8 text buffer */
#define ICONV_CAP	(128 * 1024)	/* input bytes before conversion */
#define NOCOL		SIZE_MAX
#define IN_ARENA	(~(SIZE_MAX >> 1))	/* off[] tag: arena, not buf */
#define PAR_CHUNK	(512 * 1024)	/* bytes per chunk, threaded */
#define PAR_THREADS	4		/* at most, by default */
#define PIECE_MAX	TEXT_CAP	/* bytes of a line per csv_parse call */

enum { PROB_UTF8 = 1, PROB_NUL, PROB_CONV };

struct rec {
	size_t first;		/* its first field in off[] */
	size_t nfield;		/* fields seen (more than stored if too many) */
	long line;
};

struct svc_csv_reader {
	FILE *fp;
	int own;		/* fp is ours to close */
	char *name;
	struct csv_parser p;

	/*
	 * buf[pos..safe) is checked text not yet parsed; buf[safe..len) is
	 * at most 3 bytes of a UTF-8 sequence whose end has not been read.
	 * buf has 16 spare bytes because line_end may read past the end.
	 */
	char *buf;
	size_t len, pos, safe;
	size_t prob_at;		/* offset of the first bad byte, or SIZE_MAX */
	int prob;		/* PROB_*, what is at prob_at */
	unsigned char prob_byte;
	int gb18030;		/* the bad line reads as GB18030 */
	int eof;		/* no more text will come */
	int started;		/* the BOM check was done */
	int linestart;		/* buf[pos] starts a physical line */
	long line;		/* physical line of buf[pos] */
	long rec_line;		/* line on which the record in progress began */

	/* the piece of buf in csv_parse, for fields taken in place */
	char *piece;
	size_t plen;
	size_t ppos;		/* where the next field starts in it */
	int inplace;		/* ppos is known */

	/* a line cut without libcsv (cut_line) */
	struct span *span;
	size_t nspan, spancap;
	struct svc_buf unq;	/* a field's text with quotes undoubled */

	/* conversion to UTF-8, when an encoding was asked for */
	iconv_t cd;
	const char *enc;	/* its name in messages */
	char *ibuf;
	size_t ilen;
	int ieof;

	/* completed records, and the fields of the one in progress */
	char *arena;
	size_t alen, acap;
	size_t *off;		/* per field: in buf, or in arena|IN_ARENA */
	size_t noff, offcap;
	struct rec *recs;
	size_t nrec, head, reccap;
	size_t cur_first;	/* first field of the record in progress */
	size_t cur_nfield;	/* fields seen in the record in progress */
	size_t maxfield;	/* kept per record: SIZE_MAX, then nhdr */

	/* the current record, as handed out */
	const size_t *curoff;
	long cur_line;

	/* header */
	int hdr_done;
	char *hdr;		/* header names, each NUL-terminated */
	size_t *hoff;
	size_t nhdr;
	size_t ncols;
	size_t *map;		/* cols[i] -> header field, or NOCOL */
	int ignore_extra;

	/* a workbook's sheet instead of CSV text */
	struct svc_xlsxr *xl;
	const char *const *xcells;	/* the current row's cells */
	size_t nxcells;

	int failed;		/* err holds the error, reported once the
				   records before it are handed out */
	size_t blk;		/* libcsv's block size */
	int done;		/* csv_fini ran */
	struct svc_err err;

	/*
	 * Threaded reading of a big regular file (csvpar.h): after the
	 * header, chunks are parsed by readers of their own, each a copy
	 * of this one's header, into parts; records come from the parts.
	 */
	off_t nread;		/* bytes fread so far */
	int threads;		/* workers to use; 0: none */
	size_t chunk;
	int hdr_borrowed;	/* hdr, hoff and map belong to another */
	int buf_borrowed;	/* buf is a chunk's text (parse_part) */
	struct svc_csvpar *par;
	struct part *part;	/* the one being handed out */
	size_t pi;		/* its next record */
	long pline;		/* line of its first byte */
	const size_t *pcell;	/* the current record's cells in part */
};

/*
 * A chunk's records: for each, its line (from 1 at the chunk's start) and
 * ncols cells. A cell is where its NUL-terminated string is: in src, the
 * chunk's text, when the chunk's reader took the field in place, else
 * (tagged IN_ARENA) in text.
 */
struct part {
	const char *src;
	char *text;
	size_t tlen, tcap;
	size_t *cell;
	size_t ncell;
	long *line;
	size_t nrec, reccap;
	long nlines;		/* line feeds in the chunk */
	int failed;		/* err follows the records */
	struct svc_err err;
};

static void scan_new(struct svc_csv_reader *);

static const struct {
	const char *opt, *iconv;
} encodings[] = {
	{ "gb18030", "GB18030" },
	{ "gbk", "GBK" },
	{ "cp936", "CP936" },
};

static void too_long(struct svc_csv_reader *);

/* Fields are kept verbatim: libcsv would trim spaces and tabs. */
static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static const char *
field_at(const struct svc_csv_reader *r, size_t o)
{
	return (o & IN_ARENA) ? r->arena + (o & ~IN_ARENA) : r->buf + o;
}

/* Copies s[0..n) into the arena; returns its tagged offset. */
static size_t
arena_add(struct svc_csv_reader *r, const char *s, size_t n)
{
	size_t o = r->alen;

	if (r->alen + n + 1 > r->acap) {
		while (r->alen + n + 1 > r->acap)
			r->acap *= 2;
		r->arena = svc_xrealloc(r->arena, r->acap);
	}
	memcpy(r->arena + o, s, n);
	r->arena[o + n] = '\0';
	r->alen += n + 1;
	return o | IN_ARENA;
}

static void
push_field(struct svc_csv_reader *r, size_t o)
{
	if (r->noff == r->offcap) {
		r->offcap *= 2;
		r->off = svc_xrealloc(r->off, r->offcap * sizeof(*r->off));
	}
	r->off[r->noff++] = o;
}

static int
ends_field(char c)
{
	return c == ',' || c == '\r' || c == '\n';
}

/*
 * A field libcsv could not be followed through in place (see on_field),
 * or one needing a closer look: quoted, after skipped line ends, or past
 * the header's width.
 */
#ifdef __GNUC__
__attribute__((noinline))
#endif
static void
on_field_slow(struct svc_csv_reader *r, const char *s, size_t n)
{
	const char *q;
	char *f;
	size_t at, nq;

	if (n > SVC_CSV_FIELD_MAX) {
		too_long(r);
		return;
	}
	/* past the header's width only the count matters (for the message) */
	if (r->cur_nfield++ >= r->maxfield) {
		r->inplace = 0;
		return;
	}
	if (r->inplace) {
		at = r->ppos;
		/* libcsv skips CR and LF before a record (blank lines) */
		if (r->cur_nfield == 1)
			while (at < r->plen && (r->piece[at] == '\r' ||
			    r->piece[at] == '\n'))
				at++;
		f = r->piece + at;
		if (at + n < r->plen && f[0] != '"' && ends_field(f[n])) {
			f[n] = '\0';
			push_field(r, (size_t)(f - r->buf));
			r->ppos = at + n + 1;
			return;
		}
		if (at + n + 1 < r->plen && f[0] == '"') {
			/* quote, the text with each quote doubled, quote */
			if (memchr(f + 1, '"', n + 1) == f + 1 + n) {
				f[n + 1] = '\0';
				push_field(r, (size_t)(f + 1 - r->buf));
				r->ppos = at + n + 3;
				return;
			}
			for (nq = 0, q = s; (q = memchr(q, '"',
			    n - (size_t)(q - s))) != NULL; q++)
				nq++;
			if (at + n + nq + 1 < r->plen &&
			    f[n + nq + 1] == '"') {
				push_field(r, arena_add(r, s, n));
				r->ppos = at + n + nq + 3;
				return;
			}
		}
		r->inplace = 0;
	}
	push_field(r, arena_add(r, s, n));
}

/*
 * libcsv's callback for a field. In place when the field's raw form at
 * ppos matches what libcsv made of it (see the top of the file), which
 * also spares reading libcsv's buffer right after it was written byte
 * by byte (a store-forwarding stall). The common case, an unquoted field
 * (not after the CR or LF that libcsv skips before a record), is kept
 * short: it runs for every field.
 */
static void
on_field(void *s, size_t n, void *data)
{
	struct svc_csv_reader *r = data;
	size_t at = r->ppos;
	char *f = r->piece + at;

	if (r->inplace && r->cur_nfield < r->maxfield && r->noff < r->offcap &&
	    n <= SVC_CSV_FIELD_MAX && at + n < r->plen && f[0] != '"' &&
	    ends_field(f[n]) &&
	    (r->cur_nfield != 0 || (f[0] != '\r' && f[0] != '\n'))) {
		r->cur_nfield++;
		f[n] = '\0';
		r->off[r->noff++] = (size_t)(f - r->buf);
		r->ppos = at + n + 1;
		return;
	}
	on_field_slow(r, s, n);
}

static void
on_row(int c, void *data)
{
	struct svc_csv_reader *r = data;
	struct rec *rec;

	(void)c;
	if (r->failed)
		return;		/* a field of it was refused */
	if (r->nrec == r->reccap) {
		r->reccap *= 2;
		r->recs = svc_xrealloc(r->recs, r->reccap * sizeof(*r->recs));
	}
	rec = &r->recs[r->nrec++];
	rec->first = r->cur_first;
	rec->nfield = r->cur_nfield;
	rec->line = r->rec_line;
	r->cur_first = r->noff;
	r->cur_nfield = 0;
	/* a lone CR ends a row mid-line; the next one starts here */
	r->rec_line = r->line;
}

/* The header's name for field i, or NULL when not known. */
static const char *
col_name(const struct svc_csv_reader *r, size_t i)
{
	if (!r->hdr_done || i >= r->nhdr)
		return NULL;
	return r->hdr + r->hoff[i];
}

static void
fail(struct svc_csv_reader *r)
{
	r->failed = 1;
}

/*
 * A field longer than SVC_CSV_FIELD_MAX, ended or still being read
 * (cur_nfield has not counted it yet): refused at its record's line.
 */
static void
too_long(struct svc_csv_reader *r)
{
	if (r->failed)
		return;
	svc_err_set(&r->err, r->name, r->rec_line, col_name(r, r->cur_nfield),
	    "field longer than %d MiB", SVC_CSV_FIELD_MAX / (1024 * 1024));
	fail(r);
}

static int
feed(struct svc_csv_reader *r, const char *s, size_t n)
{
	size_t k, size;

	/*
	 * libcsv grows its field buffer by the block size: as large as the
	 * buffer already is, it grows by doubling, not 4 KiB at a time
	 */
	if ((size = csv_get_buffer_size(&r->p)) > r->blk) {
		r->blk = size;
		csv_set_blk_size(&r->p, size);
	}
	k = csv_parse(&r->p, s, n, on_field, on_row, r);
	if (r->p.entry_pos > SVC_CSV_FIELD_MAX)
		too_long(r);
	if (r->failed)
		return -1;
	if (k == n)
		return 0;
	switch (csv_error(&r->p)) {
	case CSV_EPARSE:
		/* libcsv keeps "quoted" for the field it stopped in */
		svc_err_set(&r->err, r->name, r->line,
		    col_name(r, r->cur_nfield), "malformed quoting: %s",
		    r->p.quoted ? "text after the closing quote" :
		    "quote inside an unquoted field");
		break;
	case CSV_ETOOBIG:
		svc_err_set(&r->err, r->name, r->line,
		    col_name(r, r->cur_nfield), "field too big");
		break;
	default:
		svc_err_set(&r->err, r->name, r->line,
		    col_name(r, r->cur_nfield), "out of memory");
		break;
	}
	fail(r);
	return -1;
}

/*
 * One character of s[0..n) at i: returns the offset after it, or i when
 * it is a NUL or does not start a well-formed UTF-8 sequence (overlong
 * forms, surrogates and code points above U+10FFFF are ill-formed, as in
 * svc_utf8_invalid).
 */
static size_t
utf8_step(const unsigned char *s, size_t i, size_t n)
{
	unsigned c = s[i], lo = 0x80, hi = 0xBF, k, need;

	if (c < 0x80)
		return c != 0 ? i + 1 : i;
	if (c >= 0xC2 && c <= 0xDF)
		need = 1;
	else if (c >= 0xE1 && c <= 0xEF && c != 0xED)
		need = 2;
	else if (c == 0xE0) {
		need = 2;
		lo = 0xA0;
	} else if (c == 0xED) {
		need = 2;
		hi = 0x9F;
	} else if (c == 0xF0) {
		need = 3;
		lo = 0x90;
	} else if (c >= 0xF1 && c <= 0xF3)
		need = 3;
	else if (c == 0xF4) {
		need = 3;
		hi = 0x8F;
	} else
		return i;
	if (i + need >= n || s[i + 1] < lo || s[i + 1] > hi)
		return i;
	for (k = 2; k <= need; k++)
		if ((s[i + k] & 0xC0) != 0x80)
			return i;
	return i + need + 1;
}

#if defined(__GNUC__) && defined(__x86_64__)
/*
 * The same with AVX2, where the CPU has it: the table lookups of
 * Keiser and Lemire, "Validating UTF-8 in less than one instruction per
 * byte" (2021), 32 bytes at a time with no special cases. A block that
 * fails (or holds a NUL) is gone over again with utf8_step, from the
 * start of the character it begins in, to find the offending byte.
 */
#define TS	0x01	/* too short: lead or ASCII, then lead or ASCII */
#define TL	0x02	/* too long: ASCII, then continuation */
#define O3	0x04	/* overlong 3-byte: E0 80..9F */
#define LG	0x08	/* above U+10FFFF: F4 90..BF, F5.. */
#define SU	0x10	/* surrogate: ED A0..BF */
#define O2	0x20	/* overlong 2-byte: C0, C1 */
#define L1	0x40	/* above U+10FFFF (F5.. 80..8F); overlong (F0 80..8F) */
#define TC	0x80	/* two continuations (unless a lead called for them) */
#define CY	(TS | TL | TC)
#define B(x)	((char)(x))
#define LANES(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p) \
	_mm256_setr_epi8(B(a), B(b), B(c), B(d), B(e), B(f), B(g), B(h), \
	    B(i), B(j), B(k), B(l), B(m), B(n), B(o), B(p), B(a), B(b), \
	    B(c), B(d), B(e), B(f), B(g), B(h), B(i), B(j), B(k), B(l), \
	    B(m), B(n), B(o), B(p))

__attribute__((target("avx2")))
static size_t
utf8_scan_avx2(const unsigned char *s, size_t n)
{
	const __m256i hi1 = LANES(TL, TL, TL, TL, TL, TL, TL, TL,
	    TC, TC, TC, TC, TS | O2, TS, TS | O3 | SU,
	    TS | LG | L1);
	const __m256i lo1 = LANES(CY | O3 | O2 | L1, CY | O2, CY, CY,
	    CY | LG, CY | LG | L1, CY | LG | L1, CY | LG | L1,
	    CY | LG | L1, CY | LG | L1, CY | LG | L1, CY | LG | L1,
	    CY | LG | L1, CY | LG | L1 | SU, CY | LG | L1, CY | LG | L1);
	const __m256i hi2 = LANES(TS, TS, TS, TS, TS, TS, TS, TS,
	    TL | O2 | TC | O3 | L1, TL | O2 | TC | O3 | LG,
	    TL | O2 | TC | SU | LG, TL | O2 | TC | SU | LG,
	    TS, TS, TS, TS);
	const __m256i nib = _mm256_set1_epi8(0x0F);
	const __m256i zero = _mm256_setzero_si256();
	const __m256i third = _mm256_set1_epi8((char)(0xE0 - 0x80));
	const __m256i fourth = _mm256_set1_epi8((char)(0xF0 - 0x80));
	const __m256i bit7 = _mm256_set1_epi8((char)0x80);
	/* a lead byte in the last three that still wants more */
	const __m256i maxv = _mm256_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1,
	    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
	    -1, -1, -1, -1, -1, (char)(0xF0 - 1), (char)(0xE0 - 1),
	    (char)(0xC0 - 1));
	__m256i in, prev = zero, pinc = zero, p1, p2, p3, sc, err, sh;
	size_t i, j;

	for (i = 0; i + 32 <= n; i += 32) {
		in = _mm256_loadu_si256((const __m256i *)(s + i));
		err = _mm256_cmpeq_epi8(in, zero);
		if (_mm256_movemask_epi8(in) == 0)
			err = _mm256_or_si256(err, pinc);
		else {
			sh = _mm256_permute2x128_si256(prev, in, 0x21);
			p1 = _mm256_alignr_epi8(in, sh, 15);
			p2 = _mm256_alignr_epi8(in, sh, 14);
			p3 = _mm256_alignr_epi8(in, sh, 13);
			sc = _mm256_and_si256(_mm256_and_si256(
			    _mm256_shuffle_epi8(hi1, _mm256_and_si256(
			    _mm256_srli_epi16(p1, 4), nib)),
			    _mm256_shuffle_epi8(lo1, _mm256_and_si256(p1,
			    nib))), _mm256_shuffle_epi8(hi2, _mm256_and_si256(
			    _mm256_srli_epi16(in, 4), nib)));
			err = _mm256_or_si256(err, _mm256_xor_si256(sc,
			    _mm256_and_si256(_mm256_or_si256(
			    _mm256_subs_epu8(p2, third),
			    _mm256_subs_epu8(p3, fourth)), bit7)));
		}
		if (!_mm256_testz_si256(err, err))
			break;
		pinc = _mm256_subs_epu8(in, maxv);
		prev = in;
	}
	/*
	 * The rest, and any block that failed, the slow way: from the start
	 * of the character that the block's first byte is in or follows
	 * (the blocks before passed, so at most 3 bytes back).
	 */
	for (j = 0; j < 3 && i > 0 && (s[i - 1] & 0xC0) == 0x80; j++)
		i--;
	if (i > 0 && s[i - 1] >= 0xC0)
		i--;
	for (; i < n; i = j)
		if ((j = utf8_step(s, i, n)) == i)
			return i;
	return n;
}

#undef TS
#undef TL
#undef O3
#undef LG
#undef SU
#undef O2
#undef L1
#undef TC
#undef CY
#undef B
#undef LANES
#endif

/*
 * Offset of the first NUL or ill-formed UTF-8 byte in s[0..n), or n.
 * Every input byte passes through here. Without AVX2, SSE2 takes 64
 * bytes at a time as bit masks: a block holding no NUL and no lead byte
 * that needs a range check (C0 C1 E0 ED F0..FF) is valid when the bytes
 * of the form 10xxxxxx are exactly those its lead bytes call for.
 * Anything else goes through utf8_step, which also finds the offending
 * byte.
 */
static size_t
utf8_scan(const unsigned char *s, size_t n)
{
	size_t i = 0, j;
#ifdef __SSE2__
	size_t end;
	const __m128i fe = _mm_set1_epi8((char)0xFE);
	const __m128i c0 = _mm_set1_epi8((char)0xC0);
	const __m128i e0 = _mm_set1_epi8((char)0xE0);
	const __m128i ed = _mm_set1_epi8((char)0xED);
	const __m128i zero = _mm_setzero_si128();
	__m128i v, odd;
	uint64_t hi, b6, b5, b4, rare, lead, l3, l4, cont;
	int k, sh;
#endif

#if defined(__GNUC__) && defined(__x86_64__)
	if (__builtin_cpu_supports("avx2"))
		return utf8_scan_avx2(s, n);
#endif
#ifdef __SSE2__
	while (i + 64 <= n) {
		hi = b6 = b5 = b4 = rare = 0;
		for (k = 0; k < 4; k++) {
			v = _mm_loadu_si128((const __m128i *)(s + i + 16 * k));
			odd = _mm_or_si128(_mm_or_si128(
			    _mm_cmpeq_epi8(_mm_and_si128(v, fe), c0),
			    _mm_cmpeq_epi8(v, zero)), _mm_or_si128(
			    _mm_cmpeq_epi8(v, e0), _mm_cmpeq_epi8(v, ed)));
			sh = 16 * k;
			/* bit 7 of each byte; bits 6, 5 and 4 moved there */
			hi |= (uint64_t)(unsigned)_mm_movemask_epi8(v) << sh;
			rare |= (uint64_t)(unsigned)_mm_movemask_epi8(odd) <<
			    sh;
			b6 |= (uint64_t)(unsigned)_mm_movemask_epi8(
			    _mm_slli_epi16(v, 1)) << sh;
			b5 |= (uint64_t)(unsigned)_mm_movemask_epi8(
			    _mm_slli_epi16(v, 2)) << sh;
			b4 |= (uint64_t)(unsigned)_mm_movemask_epi8(
			    _mm_slli_epi16(v, 3)) << sh;
		}
		if ((hi | rare) == 0) {
			i += 64;
			continue;
		}
		lead = hi & b6;
		l3 = lead & b5;
		l4 = l3 & b4;
		cont = hi & ~b6;
		if (rare == 0 && l4 == 0 && cont == (lead << 1 | l3 << 2)) {
			/* a character cut by the block's end is redone whole */
			if ((lead >> 63 | l3 >> 62) != 0)
				i += 63 - (size_t)__builtin_clzll(lead);
			else
				i += 64;
			continue;
		}
		for (j = i, end = i + 64; j < end; ) {
			if ((i = utf8_step(s, j, n)) == j)
				return j;
			j = i;
		}
	}
#endif
	for (; i < n; i = j)
		if ((j = utf8_step(s, i, n)) == i)
			return i;
	return n;
}

/* Bytes at the end of s[0..n) that begin a sequence not yet complete. */
static size_t
utf8_tail(const unsigned char *s, size_t n)
{
	size_t k, need;
	unsigned c;

	for (k = 1; k <= 3 && k <= n; k++) {
		c = s[n - k];
		if (c < 0x80)
			return 0;
		if (c >= 0xC0) {
			need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
			return need > k ? k : 0;
		}
	}
	return 0;
}

static int
delimits(char c)
{
	return c == ',' || c == '"' || c == '\r' || c == '\n';
}

/*
 * Whether a blank at s[j] of the line s[0..n), outside quotes, can be read
 * differently by libcsv with and without a space function: one next to a
 * comma, a quote, CR, LF, the line's start or the piece's end. libcsv
 * consults the space function only outside quotes: before a field, after
 * a closing quote and in an unquoted field, where a run of blanks is
 * trimmed when a delimiter or the end follows it; such a run always has a
 * blank at one of those places.
 */
static int
blank_matters(const char *s, size_t j, size_t n)
{
	if (j == 0 || j + 1 >= n)
		return 1;
	return delimits(s[j - 1]) || delimits(s[j + 1]);
}

/*
 * The end of the line at s[0..n): the offset just past its '\n', or n.
 * Sets *blank when the line holds a space or tab that libcsv might trim
 * (see blank_matters; quoted: s[0] lies in a quoted field, and each quote
 * after it toggles that until parsing stops at a misplaced one). libcsv
 * tests for blanks inline, but a space function (no_space, which keeps
 * fields verbatim) costs a call per byte of every unquoted field; for a
 * line without such blanks the two parse alike, so such lines go without
 * it. With SSE2 the line end, the blanks and the quotes are found 16
 * bytes at a time; s may be read up to 15 bytes past n (buf has room).
 */
static size_t
line_end(const char *s, size_t n, int quoted, int *blank)
{
	const char *nl;
	size_t i = 0;
	unsigned in = quoted != 0;
#ifdef __SSE2__
	const __m128i lf = _mm_set1_epi8('\n'), qt = _mm_set1_epi8('"');
	const __m128i sp = _mm_set1_epi8(' '), tab = _mm_set1_epi8('\t');
	__m128i v;
	unsigned ml, mb, mq, px, lim;

	*blank = 0;
	for (; i < n; i += 16) {
		v = _mm_loadu_si128((const __m128i *)(s + i));
		ml = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, lf));
		mb = (unsigned)_mm_movemask_epi8(_mm_or_si128(
		    _mm_cmpeq_epi8(v, sp), _mm_cmpeq_epi8(v, tab)));
		mq = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, qt));
		lim = n - i < 16 ? (1u << (n - i)) - 1 : 0xFFFF;
		ml &= lim;
		if (ml != 0)
			lim &= ml ^ (ml - 1);	/* up to the first '\n' */
		mb &= lim;
		mq &= lim;
		if ((mb | mq) != 0) {
			/* px: the bytes in quotes (after an odd number) */
			px = mq ^ (mq << 1);
			px ^= px << 2;
			px ^= px << 4;
			px ^= px << 8;
			px ^= in ? 0xFFFF : 0;
			in = (px >> 15) & 1;
			for (mb &= ~px; mb != 0 && !*blank; mb &= mb - 1)
				*blank = blank_matters(s, i +
				    (unsigned)__builtin_ctz(mb), n);
		}
		if (ml != 0)
			return i + (unsigned)__builtin_ctz(ml) + 1;
		if (*blank) {
			i += 16;
			break;
		}
	}
	if (i >= n)
		return n;
	nl = memchr(s + i, '\n', n - i);
#else
	size_t k;

	nl = memchr(s, '\n', n);
	k = nl != NULL ? (size_t)(nl - s) : n;
	*blank = 0;
	for (; i < k && !*blank; i++)
		if (s[i] == '"')
			in ^= 1;
		else if ((s[i] == ' ' || s[i] == '\t') && !in)
			*blank = blank_matters(s, i, n);
#endif
	return nl != NULL ? (size_t)(nl - s) + 1 : n;
}

static void
set_prob(struct svc_csv_reader *r, size_t at, int what)
{
	if (at < r->prob_at) {
		r->prob_at = at;
		r->prob = what;
	}
}

/* Appends converted text to buf; sets eof at the end of input. */
static int
convert(struct svc_csv_reader *r)
{
	char *in, *out;
	size_t inleft, outleft, rc, want, n, made;
	int err;

	for (;;) {
		if (!r->ieof && r->ilen < ICONV_CAP) {
			want = ICONV_CAP - r->ilen;
			n = fread(r->ibuf + r->ilen, 1, want, r->fp);
			r->ilen += n;
			if (n < want) {
				if (ferror(r->fp))
					return svc_err_sys(&r->err, r->name,
					    errno, "read error");
				r->ieof = 1;
			}
		}
		in = r->ibuf;
		inleft = r->ilen;
		out = r->buf + r->len;
		outleft = TEXT_CAP - r->len;
		rc = iconv(r->cd, &in, &inleft, &out, &outleft);
		err = errno;
		made = (size_t)(out - (r->buf + r->len));
		r->len += made;
		memmove(r->ibuf, in, inleft);
		r->ilen = inleft;
		if (rc == (size_t)-1 && (err == EILSEQ ||
		    (err == EINVAL && r->ieof))) {
			/* parse what came before, then stop there */
			set_prob(r, r->len, PROB_CONV);
			r->eof = 1;
			return 0;
		}
		if (r->ieof && r->ilen == 0) {
			out = r->buf + r->len;
			outleft = TEXT_CAP - r->len;
			iconv(r->cd, NULL, NULL, &out, &outleft);
			r->len = (size_t)(out - r->buf);
			r->eof = 1;
			return 0;
		}
		if (made > 0)
			return 0;
	}
}

/* Reads more text into buf, once buf[pos..safe) is used up. */
static int
refill(struct svc_csv_reader *r)
{
	size_t n;

	memmove(r->buf, r->buf + r->pos, r->len - r->pos);
	r->len -= r->pos;
	r->pos = r->safe = 0;
	if (r->cd != (iconv_t)-1) {
		if (convert(r) == -1)
			return -1;
	} else {
		n = fread(r->buf + r->len, 1, TEXT_CAP - r->len, r->fp);
		r->len += n;
		r->nread += (off_t)n;
		if (r->len < TEXT_CAP) {
			if (ferror(r->fp))
				return svc_err_sys(&r->err, r->name, errno,
				    "read error");
			r->eof = 1;
		}
	}
	scan_new(r);
	return 0;
}

/*
 * Refuses a file whose first line ends in a lone CR: libcsv would read
 * its records, but every one would be on line 1, and so every message.
 */
static void
cr_only(struct svc_csv_reader *r)
{
	size_t n = r->len - r->pos;
	const char *s = r->buf + r->pos;
	const char *cr = memchr(s, '\r', n), *lf;

	if (cr == NULL || cr + 1 == s + n ||
	    ((lf = memchr(s, '\n', n)) != NULL && lf < cr) || cr[1] == '\n')
		return;
	svc_err_set(&r->err, r->name, 0, NULL, "CR line endings (old Mac "
	    "format): convert them to LF first, e.g. with tr '\\r' '\\n'");
	fail(r);
}

/*
 * Whether s[0..n), up to its line's end, reads as GB18030: a file saved
 * by Excel or WPS on Chinese Windows ("CSV (逗号分隔)") and given
 * without --encoding. A sequence cut by the end of n is given the benefit
 * of the doubt; a line with fewer than two such characters is not.
 */
static int
reads_gb18030(const char *s, size_t n)
{
	const char *nl = memchr(s, '\n', n);
	char out[256], *in = (char *)s, *o;
	size_t left = nl ? (size_t)(nl - s) : n, room, high = 0;
	iconv_t cd;
	int ok = 1;

	/* two Chinese characters at least: one stray byte pair is no sign */
	for (size_t i = 0; i < left; i++)
		high += (unsigned char)s[i] >= 0x80;
	if (high < 4 || (cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1)
		return 0;
	while (left > 0) {
		o = out;
		room = sizeof(out);
		if (iconv(cd, &in, &left, &o, &room) != (size_t)-1)
			break;
		if (errno != E2BIG) {
			ok = errno == EINVAL;	/* cut short, not wrong */
			break;
		}
	}
	iconv_close(cd);
	return ok;
}

/* Checks the text that just came into buf[pos..len). */
static void
scan_new(struct svc_csv_reader *r)
{
	size_t from, lim, k;

	if (!r->started && (r->len >= 3 || r->eof)) {
		r->started = 1;
		if (r->len >= 3 && memcmp(r->buf, "\xEF\xBB\xBF", 3) == 0)
			r->pos = r->safe = 3;
		cr_only(r);
	}
	if (!r->started)
		return;
	/*
	 * Parsing stops at a problem, so none is pending from an earlier
	 * fill; one found by convert() lies at the end of the new text.
	 */
	from = r->pos;
	r->safe = r->eof ? r->len :
	    r->len - utf8_tail((unsigned char *)r->buf, r->len);
	lim = r->prob_at < r->safe ? r->prob_at : r->safe;
	if (lim > from && (k = from + utf8_scan((unsigned char *)r->buf +
	    from, lim - from)) < lim) {
		r->prob_byte = (unsigned char)r->buf[k];
		set_prob(r, k, r->prob_byte ? PROB_UTF8 : PROB_NUL);
		if (r->prob_byte && r->cd == (iconv_t)-1)
			r->gb18030 = reads_gb18030(r->buf + k, r->len - k);
	}
}

static void
report_prob(struct svc_csv_reader *r)
{
	const char *field = col_name(r, r->cur_nfield);

	switch (r->prob) {
	case PROB_UTF8:
		svc_err_set(&r->err, r->name, r->line, field,
		    "invalid UTF-8 (byte 0x%02x)%s", r->prob_byte,
		    r->gb18030 ? "; it reads as GB18030: try --encoding "
		    "gb18030" : "");
		break;
	case PROB_NUL:
		svc_err_set(&r->err, r->name, r->line, field, "NUL byte");
		break;
	default:
		svc_err_set(&r->err, r->name, r->line, field, "not valid %s",
		    r->enc);
		break;
	}
	fail(r);
}

/* Moves the fields of the record in progress out of buf before a refill. */
static void
evacuate(struct svc_csv_reader *r)
{
	const char *s;
	size_t i;

	for (i = r->cur_first; i < r->noff; i++)
		if (!(r->off[i] & IN_ARENA)) {
			s = r->buf + r->off[i];
			r->off[i] = arena_add(r, s, strlen(s));
		}
}

/*
 * A line taken without libcsv (split_line). libcsv, strict and with no
 * space function, moves through a record a byte at a time; most lines
 * are simple enough to cut with memchr alone, in a fraction of the time:
 * a line that ends a record, has no CR but the one of a CRLF, is not
 * blank, and whose every field is either free of quotes or wholly quoted
 * (a quote, text with its quotes doubled, a quote, then a comma or the
 * line's end). For such a line libcsv's fields are exactly these: the
 * bytes between commas, or the quoted text with each doubled quote made
 * one. Anything else, such a quote out of place, goes to libcsv, which
 * also reports it.
 */
struct span {
	size_t at, len;		/* the field's text in the line */
	size_t nq;		/* doubled quotes in it */
};

/* Records s[at..at+len) as the line's next field. */
static void
span_add(struct svc_csv_reader *r, size_t at, size_t len, size_t nq)
{
	if (r->nspan == r->spancap) {
		r->spancap = r->spancap ? 2 * r->spancap : 16;
		r->span = svc_xrealloc(r->span, r->spancap * sizeof(*r->span));
	}
	r->span[r->nspan].at = at;
	r->span[r->nspan].len = len;
	r->span[r->nspan++].nq = nq;
}

/*
 * Cuts the line at s[0..n) into spans when it is one libcsv need not
 * see (above); returns its length through its '\n', or 0.
 */
static size_t
cut_line(struct svc_csv_reader *r, const char *s, size_t n)
{
	const char *nl = memchr(s, '\n', n), *c, *q, *quote;
	size_t k, at, nq;

	if (nl == NULL)
		return 0;
	k = (size_t)(nl - s);
	if (k > 0 && s[k - 1] == '\r')
		k--;
	if (k == 0 || memchr(s, '\r', k) != NULL)
		return 0;
	r->nspan = 0;
	quote = memchr(s, '"', k);
	for (at = 0;;) {
		if (quote != s + at) {
			c = memchr(s + at, ',', k - at);
			if (c == NULL)
				c = s + k;
			if (quote != NULL && quote < c)
				return 0;	/* a quote inside the field */
			span_add(r, at, (size_t)(c - s) - at, 0);
		} else {
			for (nq = 0, q = s + at + 1;; q += 2, nq++) {
				if ((q = memchr(q, '"', k - (size_t)(q - s))) ==
				    NULL)
					return 0;	/* goes on past the line */
				if (q + 1 == s + k || q[1] != '"')
					break;
			}
			c = q + 1;
			if (c != s + k && *c != ',')
				return 0;	/* text after the closing quote */
			span_add(r, at + 1, (size_t)(q - s) - at - 1, nq);
			quote = c == s + k ? NULL :
			    memchr(c, '"', k - (size_t)(c - s));
		}
		if (c == s + k)
			break;
		at = (size_t)(c - s) + 1;
	}
	return (size_t)(nl - s) + 1;
}

/*
 * Hands the spans of the line s[0..n) (cut_line) to on_field, then ends
 * the record, as libcsv would have.
 */
static void
split_line(struct svc_csv_reader *r, char *s, size_t n)
{
	const struct span *sp;
	const char *f, *e, *q;
	size_t i;

	r->piece = s;
	r->plen = n;
	r->ppos = 0;
	r->inplace = 1;
	for (i = 0; i < r->nspan; i++) {
		sp = &r->span[i];
		if (sp->nq == 0) {
			on_field(s + sp->at, sp->len, r);
			continue;
		}
		/* libcsv's text: each doubled quote made one */
		r->unq.len = 0;
		for (f = s + sp->at, e = f + sp->len; (q = memchr(f, '"',
		    (size_t)(e - f))) != NULL; f = q + 2)
			svc_buf_add(&r->unq, f, (size_t)(q - f) + 1);
		svc_buf_add(&r->unq, f, (size_t)(e - f));
		on_field(r->unq.s, r->unq.len, r);
	}
	on_row('\n', r);
}

/*
 * Parses until a record is queued, the input ends or an error stops it.
 * Each csv_parse call gets at most one physical line, so line is exact
 * between calls; a record starts on the current line whenever a line
 * begins outside a quoted field (libcsv's "quoted" flag says which).
 */
static void
pump(struct svc_csv_reader *r)
{
	char *s;
	size_t end, n;
	int blank, fast, eol;

	while (r->nrec == 0 && !r->failed && !r->done) {
		if (r->pos == r->prob_at) {
			report_prob(r);
			break;
		}
		if (r->pos == r->safe) {
			if (!r->eof) {
				evacuate(r);
				if (refill(r) == -1)
					fail(r);
				continue;
			}
			r->inplace = 0;
			if (csv_fini(&r->p, on_field, on_row, r) != 0) {
				svc_err_set(&r->err, r->name, r->rec_line,
				    col_name(r, r->cur_nfield),
				    "unterminated quoted field");
				fail(r);
			}
			r->done = 1;
			break;
		}
		s = r->buf + r->pos;
		end = r->prob_at < r->safe ? r->prob_at : r->safe;
		/* a record's first line, libcsv between records */
		if (r->linestart && !r->p.quoted && r->p.entry_pos == 0 &&
		    r->cur_nfield == 0 &&
		    (n = cut_line(r, s, end - r->pos)) > 0) {
			r->rec_line = r->line;
			split_line(r, s, n);
			r->pos += n;
			r->line++;
			continue;
		}
		n = line_end(s, end - r->pos < PIECE_MAX ? end - r->pos :
		    PIECE_MAX, r->p.quoted, &blank);
		/* now: fields taken in place overwrite the '\n' with a NUL */
		eol = s[n - 1] == '\n';
		/* mid-line, a blank may sit right before s */
		fast = r->linestart && !blank;
		if (r->linestart && !r->p.quoted)
			r->rec_line = r->line;
		if ((r->p.is_space == NULL) != fast)
			csv_set_space_func(&r->p, fast ? NULL : no_space);
		r->piece = s;
		r->plen = n;
		r->ppos = 0;
		/* not in the middle of a field libcsv has begun */
		r->inplace = r->p.entry_pos == 0 && !r->p.quoted;
		if (feed(r, s, n) == -1)
			break;
		r->pos += n;
		r->linestart = eol;
		if (eol)
			r->line++;
	}
}

/* Drops the records handed out, keeping the one in progress. */
static void
compact(struct svc_csv_reader *r)
{
	size_t base = r->alen, i, o;

	if (r->nrec == 0)
		return;
	for (i = r->cur_first; i < r->noff; i++)
		if ((r->off[i] & IN_ARENA) && (r->off[i] & ~IN_ARENA) < base)
			base = r->off[i] & ~IN_ARENA;
	memmove(r->arena, r->arena + base, r->alen - base);
	r->alen -= base;
	for (i = r->cur_first; i < r->noff; i++) {
		o = r->off[i];
		r->off[i - r->cur_first] = (o & IN_ARENA) ? o - base : o;
	}
	r->noff -= r->cur_first;
	r->cur_first = 0;
	r->nrec = r->head = 0;
}

/* A tuning variable: a number from min to max, else dflt. */
static long
env_num(const char *name, long min, long max, long dflt)
{
	const char *v = getenv(name);
	long n;

	if (v == NULL || svc_parse_long(v, min, max, &n) < 0)
		return dflt;
	return n;
}

/*
 * Whether to read r threaded once its header is in: a regular file read
 * as UTF-8, worth a few chunks, and more than one CPU (or what
 * SVC_CSV_THREADS says; SVC_CSV_CHUNK sets the chunk size).
 */
static void
par_plan(struct svc_csv_reader *r)
{
	struct stat st;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	/*
	 * One CPU is left to this thread, which takes the records in
	 * order and does the caller's work on them: with lines cut by
	 * memchr that work is as heavy as parsing, and a worker more than
	 * the CPUs left made a streaming score a sixth slower on two.
	 */
	r->chunk = (size_t)env_num("SVC_CSV_CHUNK", 1, LONG_MAX, PAR_CHUNK);
	r->threads = (int)env_num("SVC_CSV_THREADS", 0, 64,
	    cpus < 2 ? 0 : cpus - 1 > PAR_THREADS ? PAR_THREADS : cpus - 1);
	if (r->cd != (iconv_t)-1 || fstat(fileno(r->fp), &st) != 0 ||
	    !S_ISREG(st.st_mode) || (size_t)st.st_size / 2 < r->chunk)
		r->threads = 0;
}

static void
part_free(void *arg)
{
	struct part *pt = arg;

	free(pt->text);
	free(pt->cell);
	free(pt->line);
	free(pt);
}

/* Copies s into the part's own text; returns its tagged offset. */
static size_t
part_copy(struct part *pt, const char *s)
{
	size_t n = strlen(s) + 1, o = pt->tlen;

	if (pt->tlen + n > pt->tcap) {
		while (pt->tlen + n > pt->tcap)
			pt->tcap = pt->tcap ? 2 * pt->tcap : 4096;
		pt->text = svc_xrealloc(pt->text, pt->tcap);
	}
	memcpy(pt->text + pt->tlen, s, n);
	pt->tlen += n;
	return o | IN_ARENA;
}

/*
 * Adds in's current record. Its reader's buf is the part's src, so a
 * field taken in place has the same offset in both.
 */
static void
part_add(struct part *pt, const struct svc_csv_reader *in)
{
	size_t j, m, o;

	if (pt->nrec == pt->reccap) {
		pt->reccap = pt->reccap ? 2 * pt->reccap : 1024;
		pt->line = svc_xrealloc(pt->line,
		    pt->reccap * sizeof(*pt->line));
		pt->cell = svc_xrealloc(pt->cell,
		    pt->reccap * (in->ncols + 1) * sizeof(*pt->cell));
	}
	pt->line[pt->nrec++] = in->cur_line;
	for (j = 0; j < in->ncols; j++) {
		if ((m = in->map[j]) == NOCOL)
			o = IN_ARENA;	/* the empty string at text[0] */
		else if ((o = in->curoff[m]) & IN_ARENA)
			o = part_copy(pt, in->arena + (o & ~IN_ARENA));
		pt->cell[pt->ncell++] = o;
	}
}

static const char *
part_cell(const struct part *pt, size_t o)
{
	return (o & IN_ARENA) ? pt->text + (o & ~IN_ARENA) : pt->src + o;
}

static struct svc_csv_reader *reader_new(const char *);

/*
 * The worker's job (svc_csvpar_fn): a reader of its own on the chunk,
 * with the header of the whole file's reader (proto), so that every
 * check and message is the one the whole file would get; line numbers
 * count from the chunk's start.
 */
static void
parse_part(void *arg, char *text, size_t len, void **out)
{
	const struct svc_csv_reader *proto = arg;
	struct svc_csv_reader *in;
	struct part *pt = *out;
	int rc;

	if (pt == NULL)
		*out = pt = svc_xcalloc(1, sizeof(*pt));
	pt->src = text;
	pt->tlen = pt->ncell = pt->nrec = 0;
	part_copy(pt, "");
	pt->nlines = 0;
	pt->failed = 0;
	svc_err_clear(&pt->err);
	/* all of the text at once, parsed where it lies */
	in = reader_new(proto->name);
	in->buf = text;
	in->buf_borrowed = 1;
	in->len = len;
	in->eof = 1;
	in->started = 1;	/* a BOM only counts at the file's start */
	scan_new(in);
	in->hdr_done = 1;
	in->hdr_borrowed = 1;
	in->hdr = proto->hdr;
	in->hoff = proto->hoff;
	in->nhdr = in->maxfield = proto->nhdr;
	in->map = proto->map;
	in->ncols = proto->ncols;
	while ((rc = svc_csv_next(in, &pt->err)) == 1)
		part_add(pt, in);
	pt->failed = rc < 0;
	pt->nlines = in->line - 1;
	svc_csv_close(in);
}

/* After the header: hands the rest of the file to threads, if planned. */
static void
par_begin(struct svc_csv_reader *r)
{
	off_t at;

	/* the header must have ended a line, with nothing pending after */
	if (r->threads == 0 || r->failed || r->done || r->head != r->nrec ||
	    !r->linestart || r->p.quoted || r->p.entry_pos != 0 ||
	    r->cur_nfield != 0 || r->prob_at != SIZE_MAX)
		return;
	at = r->nread - (off_t)(r->len - r->pos);
	r->par = svc_csvpar_start(fileno(r->fp), r->name, at, r->chunk,
	    r->threads, parse_part, r, part_free, NULL);
	r->pline = r->line;
}

/*
 * The chunks have ended (csvpar.h): the rest of the file, if any, is
 * read here, on this thread, from where they stopped.
 */
static int
par_end(struct svc_csv_reader *r)
{
	off_t at = svc_csvpar_rest(r->par);

	svc_csvpar_free(r->par);
	r->par = NULL;
	if (fseeko(r->fp, at, SEEK_SET) != 0)
		return svc_err_sys(&r->err, r->name, errno, "cannot seek");
	r->nread = at;
	r->pos = r->len = r->safe = 0;
	r->eof = 0;
	r->linestart = 1;
	r->line = r->rec_line = r->pline;
	return 0;
}

static int
par_next(struct svc_csv_reader *r, struct svc_err *e)
{
	struct part *pt;
	void *next;
	int rc;

	r->pcell = NULL;
	for (;;) {
		pt = r->part;
		if (pt != NULL && r->pi < pt->nrec) {
			r->pcell = pt->cell + r->pi * r->ncols;
			r->cur_line = r->pline + pt->line[r->pi] - 1;
			r->pi++;
			return 1;
		}
		if (pt != NULL) {
			if (pt->failed) {
				r->err = pt->err;
				if (r->err.line > 0)
					r->err.line += r->pline - 1;
				break;
			}
			r->pline += pt->nlines;
		}
		r->part = NULL;
		r->pi = 0;
		if ((rc = svc_csvpar_next(r->par, &next, &r->err)) == 0) {
			if (par_end(r) < 0)
				break;
			return svc_csv_next(r, e);
		}
		if (rc < 0)
			break;
		r->part = next;
	}
	r->part = NULL;
	fail(r);
	if (e != NULL)
		*e = r->err;
	return -1;
}

static struct svc_csv_reader *reader_new(const char *name);

/* What the file's first bytes say it is: 1 a zip archive (an .xlsx
 * workbook is one), 2 an OLE compound file (.xls, or an encrypted
 * workbook), 0 text. Rewinds fp. */
static int
magic(FILE *fp)
{
	unsigned char m[8];
	size_t n = fread(m, 1, 8, fp);

	rewind(fp);
	if (n >= 4 && memcmp(m, "PK\3\4", 4) == 0)
		return 1;
	if (n == 8 && memcmp(m, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
		return 2;
	return 0;
}

static struct svc_csv_reader *
open_sheet(const char *path, const struct svc_csv_opts *opts,
    struct svc_err *e)
{
	struct svc_csv_reader *r;
	struct svc_xlsxr *xl;

	if (opts != NULL && opts->encoding != NULL &&
	    *opts->encoding != '\0') {
		svc_err_set(e, path, 0, "encoding", "a workbook is UTF-8 "
		    "inside: --encoding is for CSV files");
		if (e != NULL)
			e->code = SVC_EUSAGE;
		return NULL;
	}
	if ((xl = svc_xlsxr_open(path, opts ? opts->sheet : NULL, e)) == NULL)
		return NULL;
	r = reader_new(path);
	r->xl = xl;
	r->ignore_extra = opts != NULL && opts->ignore_extra;
	return r;
}

void
svc_csv_place(const struct svc_csv_reader *r, long line, size_t col,
    struct svc_err *e)
{
	char where[sizeof(e->file)], letters[4];
	size_t c = NOCOL;

	if (r->xl == NULL) {
		snprintf(e->file, sizeof(e->file), "%s", r->name);
		e->line = line;
		return;
	}
	if (r->hdr_done && col < r->ncols)
		c = r->map[col];
	if (c != NOCOL)
		snprintf(where, sizeof(where), "%s:%s!%s%ld", r->name,
		    svc_xlsxr_sheet(r->xl), svc_xlsxr_col(c, letters), line);
	else
		snprintf(where, sizeof(where), "%s:%s!%ld:%ld", r->name,
		    svc_xlsxr_sheet(r->xl), line, line);
	memcpy(e->file, where, sizeof(e->file));
	e->line = 0;
}

/* svc_csv_place for a column of the sheet's header, not of cols */
static void
place_hcol(const struct svc_csv_reader *r, long line, size_t hcol,
    struct svc_err *e)
{
	char where[sizeof(e->file)], letters[4];

	if (r->xl == NULL)
		return;
	if (hcol != NOCOL)
		snprintf(where, sizeof(where), "%s:%s!%s%ld", r->name,
		    svc_xlsxr_sheet(r->xl), svc_xlsxr_col(hcol, letters), line);
	else
		snprintf(where, sizeof(where), "%s:%s!%ld:%ld", r->name,
		    svc_xlsxr_sheet(r->xl), line, line);
	memcpy(e->file, where, sizeof(e->file));
	e->line = 0;
}

/* The sheet's first row with text, as the header's names. Returns its
 * row, 0 for none, -1 on error. */
static long
sheet_header(struct svc_csv_reader *r)
{
	const char *const *cells;
	size_t n, i, size;
	long row;
	int rc;

	while ((rc = svc_xlsxr_next(r->xl, &cells, &n, &row, &r->err)) == 1) {
		while (n > 0 && cells[n - 1][0] == '\0')
			n--;
		if (n == 0)
			continue;
		r->nhdr = n;
		r->hoff = svc_xmalloc(n * sizeof(*r->hoff));
		for (size = i = 0; i < n; i++) {
			r->hoff[i] = size;
			size += strlen(cells[i]) + 1;
		}
		r->hdr = svc_xmalloc(size);
		for (i = 0; i < n; i++)
			strcpy(r->hdr + r->hoff[i], cells[i]);
		return row;
	}
	if (rc < 0)
		fail(r);
	return rc;
}

/* svc_csv_next on a sheet: rows without text are skipped, as blank
 * lines are. */
static int
sheet_next(struct svc_csv_reader *r, struct svc_err *e)
{
	const char *const *cells;
	size_t n;
	long row;
	int rc;

	while (!r->failed &&
	    (rc = svc_xlsxr_next(r->xl, &cells, &n, &row, &r->err)) == 1) {
		while (n > 0 && cells[n - 1][0] == '\0')
			n--;
		if (n == 0)
			continue;
		if (n > r->nhdr) {
			svc_err_set(&r->err, NULL, 0, NULL, "a cell right of "
			    "the header's last column");
			place_hcol(r, row, n - 1, &r->err);
			break;
		}
		r->xcells = cells;
		r->nxcells = n;
		r->cur_line = row;
		return 1;
	}
	if (!r->failed && rc == 0)
		return 0;
	fail(r);
	if (e != NULL)
		*e = r->err;
	return -1;
}

struct svc_csv_reader *
svc_csv_open(const char *path, const struct svc_csv_opts *opts,
    struct svc_err *e)
{
	struct svc_csv_reader *r;
	FILE *fp;

	if (strcmp(path, "-") == 0) {
		if (opts != NULL && opts->sheet != NULL) {
			svc_err_set(e, "stdin", 0, "sheet", "a workbook is read "
			    "from a file, not from standard input");
			return NULL;
		}
		return svc_csv_open_fp(stdin, "stdin", opts, e);
	}
	if ((fp = fopen(path, "r")) == NULL) {
		svc_err_sys(e, path, errno, "cannot open");
		return NULL;
	}
	switch (magic(fp)) {
	case 2:
		fclose(fp);
		svc_err_set(e, path, 0, NULL, "an Excel 97-2003 workbook (.xls) "
		    "or an encrypted one: save it as .xlsx, without a password");
		return NULL;
	case 1:
		fclose(fp);
		return open_sheet(path, opts, e);
	}
	if (opts != NULL && opts->sheet != NULL) {
		fclose(fp);
		return open_sheet(path, opts, e);
	}
	if ((r = svc_csv_open_fp(fp, path, opts, e)) == NULL) {
		fclose(fp);
		return NULL;
	}
	r->own = 1;
	par_plan(r);
	return r;
}

struct svc_csv_reader *
svc_csv_open_fp(FILE *fp, const char *name, const struct svc_csv_opts *opts,
    struct svc_err *e)
{
	struct svc_csv_reader *r;
	const char *enc = opts != NULL ? opts->encoding : NULL;
	iconv_t cd = (iconv_t)-1;
	size_t i;

	if (enc != NULL && *enc != '\0' && strcasecmp(enc, "utf-8") != 0 &&
	    strcasecmp(enc, "utf8") != 0) {
		for (i = 0; i < sizeof(encodings) / sizeof(encodings[0]); i++)
			if (strcasecmp(enc, encodings[i].opt) == 0)
				break;
		if (i == sizeof(encodings) / sizeof(encodings[0])) {
			svc_err_set(e, name, 0, "encoding",
			    "unknown encoding '%s' (use utf-8, gb18030, gbk "
			    "or cp936)", enc);
			if (e != NULL)
				e->code = SVC_EUSAGE;
			return NULL;
		}
		if ((cd = iconv_open("UTF-8", encodings[i].iconv)) ==
		    (iconv_t)-1) {
			svc_err_sys(e, name, errno, "iconv_open %s",
			    encodings[i].iconv);
			return NULL;
		}
		enc = encodings[i].iconv;
	} else
		enc = NULL;

	r = reader_new(name);
	r->fp = fp;
	r->cd = cd;
	r->enc = enc;
	if (cd != (iconv_t)-1)
		r->ibuf = svc_xmalloc(ICONV_CAP);
	r->buf = svc_xcalloc(1, TEXT_CAP + 16);
	r->ignore_extra = opts != NULL && opts->ignore_extra;
	return r;
}

/* What every reader starts with; the caller gives it text to read. */
static struct svc_csv_reader *
reader_new(const char *name)
{
	struct svc_csv_reader *r;

	r = svc_xcalloc(1, sizeof(*r));
	r->name = svc_xstrdup(name);
	r->cd = (iconv_t)-1;
	r->prob_at = SIZE_MAX;
	r->linestart = 1;
	r->line = r->rec_line = 1;
	r->acap = 4096;
	r->arena = svc_xmalloc(r->acap);
	r->offcap = 64;
	r->off = svc_xmalloc(r->offcap * sizeof(*r->off));
	r->reccap = 8;
	r->recs = svc_xmalloc(r->reccap * sizeof(*r->recs));
	r->maxfield = SIZE_MAX;
	csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	r->blk = 4096;
	csv_set_blk_size(&r->p, r->blk);
	csv_set_space_func(&r->p, no_space);
	return r;
}

struct hname {
	const char *s;
	size_t i;
};

/* by name, then by position, so the first repeat of a name sorts last */
static int
hname_cmp(const void *a, const void *b)
{
	const struct hname *x = a, *y = b;
	int c = strcmp(x->s, y->s);

	return c != 0 ? c : (x->i > y->i) - (x->i < y->i);
}

static int
hdr_fail(struct svc_csv_reader *r, struct svc_err *e)
{
	fail(r);
	if (e != NULL)
		*e = r->err;
	return -1;
}

int
svc_csv_header(struct svc_csv_reader *r, const struct svc_csv_col *cols,
    size_t ncols, struct svc_err *e)
{
	struct rec *rec;
	struct hname *hn;
	size_t i, j, size, dup;
	long line;

	if (r->hdr_done) {
		svc_err_set(&r->err, r->name, 0, NULL,
		    "header read twice");
		return hdr_fail(r, e);
	}
	if (r->xl != NULL) {
		if ((line = sheet_header(r)) <= 0) {
			if (line == 0)
				svc_err_set(&r->err, r->name, 0, NULL,
				    "sheet '%s' is empty: no header row",
				    svc_xlsxr_sheet(r->xl));
			return hdr_fail(r, e);
		}
	} else {
		pump(r);
		if (r->nrec == 0) {
			if (!r->failed)
				svc_err_set(&r->err, r->name, 0, NULL,
				    "empty file: no header row");
			return hdr_fail(r, e);
		}
		rec = &r->recs[r->head++];
		line = rec->line;
		r->nhdr = rec->nfield;
		r->hoff = svc_xmalloc(r->nhdr * sizeof(*r->hoff));
		for (size = i = 0; i < r->nhdr; i++) {
			r->hoff[i] = size;
			size += strlen(field_at(r, r->off[rec->first + i])) + 1;
		}
		r->hdr = svc_xmalloc(size);
		for (i = 0; i < r->nhdr; i++)
			strcpy(r->hdr + r->hoff[i], field_at(r,
			    r->off[rec->first + i]));
	}
	r->hdr_done = 1;
	r->maxfield = r->nhdr;
	r->ncols = ncols;
	r->map = svc_xmalloc((ncols ? ncols : 1) * sizeof(*r->map));
	for (j = 0; j < ncols; j++)
		r->map[j] = NOCOL;

	for (i = 0; i < r->nhdr; i++)
		if (r->hdr[r->hoff[i]] == '\0') {
			svc_err_set(&r->err, r->name, line, NULL,
			    "empty column name in column %zu", i + 1);
			place_hcol(r, line, i, &r->err);
			return hdr_fail(r, e);
		}

	/* sort to find duplicates; report the earliest repeat */
	hn = svc_xmalloc(r->nhdr * sizeof(*hn));
	for (i = 0; i < r->nhdr; i++) {
		hn[i].s = r->hdr + r->hoff[i];
		hn[i].i = i;
	}
	qsort(hn, r->nhdr, sizeof(*hn), hname_cmp);
	dup = NOCOL;
	for (i = 1; i < r->nhdr; i++)
		if (strcmp(hn[i].s, hn[i - 1].s) == 0 && hn[i].i < dup)
			dup = hn[i].i;
	free(hn);
	if (dup != NOCOL) {
		svc_err_set(&r->err, r->name, line, col_name(r, dup),
		    "duplicate column '%s'", col_name(r, dup));
		place_hcol(r, line, dup, &r->err);
		return hdr_fail(r, e);
	}

	for (i = 0; i < r->nhdr; i++) {
		for (j = 0; j < ncols; j++)
			if (strcmp(cols[j].name, r->hdr + r->hoff[i]) == 0)
				break;
		if (j < ncols)
			r->map[j] = i;
		else if (!r->ignore_extra) {
			svc_err_set(&r->err, r->name, line, col_name(r, i),
			    "unknown column '%s'", col_name(r, i));
			place_hcol(r, line, i, &r->err);
			return hdr_fail(r, e);
		}
	}
	for (j = 0; j < ncols; j++)
		if (cols[j].required && r->map[j] == NOCOL) {
			svc_err_set(&r->err, r->name, line, cols[j].name,
			    "missing required column '%s'", cols[j].name);
			place_hcol(r, line, NOCOL, &r->err);
			return hdr_fail(r, e);
		}
	if (r->xl == NULL)
		par_begin(r);
	return 0;
}

int
svc_csv_next(struct svc_csv_reader *r, struct svc_err *e)
{
	struct rec *rec;

	r->curoff = NULL;
	if (r->xl != NULL && r->hdr_done)
		return sheet_next(r, e);
	if (r->par != NULL && !r->failed)
		return par_next(r, e);
	if (!r->hdr_done && !r->failed) {
		svc_err_set(&r->err, r->name, 0, NULL,
		    "svc_csv_next before svc_csv_header");
		fail(r);
	}
	if (r->head == r->nrec) {
		compact(r);
		pump(r);
	}
	if (r->head < r->nrec) {
		rec = &r->recs[r->head++];
		if (rec->nfield != r->nhdr) {
			svc_err_set(&r->err, r->name, rec->line, NULL,
			    "record has %zu field%s, header has %zu",
			    rec->nfield, rec->nfield == 1 ? "" : "s",
			    r->nhdr);
			fail(r);
			r->nrec = r->head = 0;
			if (e != NULL)
				*e = r->err;
			return -1;
		}
		r->curoff = r->off + rec->first;
		r->cur_line = rec->line;
		return 1;
	}
	if (r->failed) {
		if (e != NULL)
			*e = r->err;
		return -1;
	}
	return 0;
}

const char *
svc_csv_get(const struct svc_csv_reader *r, size_t col)
{
	if (r->pcell != NULL)
		return col < r->ncols ? part_cell(r->part, r->pcell[col]) : "";
	if (r->xl != NULL)
		return col < r->ncols && r->map[col] < r->nxcells ?
		    r->xcells[r->map[col]] : "";
	if (r->curoff == NULL || col >= r->ncols || r->map[col] == NOCOL)
		return "";
	return field_at(r, r->curoff[r->map[col]]);
}

int
svc_csv_has(const struct svc_csv_reader *r, size_t col)
{
	return r->hdr_done && col < r->ncols && r->map[col] != NOCOL;
}

long
svc_csv_line(const struct svc_csv_reader *r)
{
	return r->cur_line;
}

int
svc_csv_threaded(const struct svc_csv_reader *r)
{
	return r->par != NULL;
}

const char *
svc_csv_sheet(const struct svc_csv_reader *r)
{
	return r->xl != NULL ? svc_xlsxr_sheet(r->xl) : NULL;
}

const char *
svc_csv_name(const struct svc_csv_reader *r)
{
	return r->name;
}

void
svc_csv_close(struct svc_csv_reader *r)
{
	if (r == NULL)
		return;
	svc_csvpar_free(r->par);
	svc_xlsxr_close(r->xl);
	csv_free(&r->p);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	if (r->own)
		fclose(r->fp);
	free(r->name);
	free(r->ibuf);
	if (!r->buf_borrowed)
		free(r->buf);
	free(r->arena);
	free(r->off);
	free(r->recs);
	free(r->span);
	svc_buf_release(&r->unq);
	if (!r->hdr_borrowed) {
		free(r->hdr);
		free(r->hoff);
		free(r->map);
	}
	free(r);
}

void
svc_csv_writer_init(struct svc_csv_writer *w, FILE *fp, int excel)
{
	w->fp = fp;
	w->excel = excel;
	w->tty = isatty(fileno(fp));
	w->ncell = 0;
	if (excel)
		fputs("\xEF\xBB\xBF", fp);
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static void
put_cell(struct svc_csv_writer *w, const char *s)
{
	const char *q;
	size_t n;
	double d;
	int apos, quote;

	/* unlocked: a writer's stream is written from one thread only, and
	 * stdio's lock per call was a twelfth of writing 2,000 scores */
	if (s == NULL)
		s = "";
	n = strlen(s);
	if (w->ncell++ > 0)
		putc_unlocked(',', w->fp);
	else if (n == 0) {
		/* a row of one bare empty cell would read as a blank line */
		fwrite_unlocked("\"\"", 1, 2, w->fp);
		return;
	}
	apos = w->excel && n > 0 && strchr("=+-@\t\r", s[0]) != NULL &&
	    svc_parse_num(s, &d) == -1;
	/* spaces are quoted for readers that trim them (libcsv does), and
	 * a leading U+FEFF lest it be read as the file's byte order mark */
	quote = n > 0 && ((!apos && is_blank(s[0])) || is_blank(s[n - 1]) ||
	    strcspn(s, ",\"\r\n") < n ||
	    (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0));
	if (quote)
		putc_unlocked('"', w->fp);
	if (apos)
		putc_unlocked('\'', w->fp);
	if (quote)
		while ((q = strchr(s, '"')) != NULL) {
			fwrite_unlocked(s, 1, (size_t)(q - s) + 1, w->fp);
			putc_unlocked('"', w->fp);
			n -= (size_t)(q - s) + 1;
			s = q + 1;
		}
	fwrite_unlocked(s, 1, n, w->fp);
	if (quote)
		putc_unlocked('"', w->fp);
}

void
svc_csv_cell(struct svc_csv_writer *w, const char *s)
{
	char *v;

	if (!w->tty || s == NULL) {
		put_cell(w, s);
		return;
	}
	v = svc_visible(s, 1);
	put_cell(w, v);
	free(v);
}

void
svc_csv_num(struct svc_csv_writer *w, double v)
{
	char buf[32];

	svc_csv_cell(w, svc_fmt_num(v, buf));
}

void
svc_csv_id(struct svc_csv_writer *w, long long id)
{
	char buf[32] = "";

	if (id != 0)
		snprintf(buf, sizeof(buf), "%lld", id);
	svc_csv_cell(w, buf);
}

void
svc_csv_endrow(struct svc_csv_writer *w)
{
	if (w->excel)
		putc_unlocked('\r', w->fp);
	putc_unlocked('\n', w->fp);
	w->ncell = 0;
}

void
svc_csv_row(struct svc_csv_writer *w, const char *const *cells, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		svc_csv_cell(w, cells[i]);
	svc_csv_endrow(w);
}
