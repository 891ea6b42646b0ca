/*
 * csvpar: chunks of a CSV file parsed on worker threads (see csvpar.h).
 *
 * Where to cut. In RFC 4180 text every quote opens a quoted field, closes
 * one, or is half of a doubled quote inside one, so a byte lies outside
 * quotes exactly when an even number of quotes come before it. Counting
 * quotes (memchr) finds the cuts without parsing. Text that breaks the
 * rule (a quote inside an unquoted field, text after a closing quote) is
 * refused by the strict parser at that very quote, in the chunk that holds
 * it, and the records after an error are never handed out; so a count put
 * wrong by such a quote can only move cuts that nobody looks at.
 *
 * Who does what. The caller's thread reads the chunks (pread, so the
 * stream's own position is left alone) and finds the cuts: cheap, and
 * in order by nature. Workers parse. Chunk k lives in slot k % nslot;
 * a slot is reused only once the caller has taken its result and asked
 * for the next, which bounds memory to nslot chunks and results.
 *
 * How far a chunk may grow. A record longer than a chunk makes its chunk
 * grow to hold it; a quote opened and never closed (or one stray quote
 * in a file with no other) would make it grow to the rest of the file.
 * Past GROW_MAX (or a few chunks, if larger) without a cut, the chunks
 * stop there and the caller reads the rest on its own thread, where the
 * parser meets the bad quote, or the long record, with bounded memory.
 */
#define _GNU_SOURCE		/* memrchr */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvpar.h"
#include "util.h"

/*
 * Bytes a chunk may grow to, or chunks if more. Every slot may hold that
 * much, and its result about as much again: 2 MiB keeps the default
 * 10 slots, full of records that long, within 64 MB.
 */
#define GROW_MAX	(2 * 1024 * 1024)
#define GROW_CHUNKS	4

enum { FREE, QUEUED, DONE };

struct slot {
	char *text;
	size_t len, cap;
	void *out;
	int state;
	int err;		/* errno of a failed read, else 0 */
};

struct svc_csvpar {
	int fd;
	char *name;
	off_t off;		/* where the next chunk starts */
	int eof;		/* no chunk after the last one filled */
	size_t chunk;
	size_t grow_max;	/* a chunk with no cut by then is not made */
	svc_csvpar_fn *fn;
	void *arg;
	void (*free_out)(void *);

	pthread_mutex_t mu;
	pthread_cond_t work;	/* a chunk was queued, or stop */
	pthread_cond_t done;	/* a chunk was parsed */
	struct slot *slot;
	size_t nslot;
	unsigned long long filled;	/* chunks read */
	unsigned long long taken;	/* chunks a worker has begun */
	unsigned long long handed;	/* chunks whose result was released */
	int holding;		/* the result of chunk "handed" is out */
	int stop;
	pthread_t *th;
	int nth;
};

size_t
svc_csvpar_cut(const char *s, size_t n)
{
	const char *p = s, *q, *nl;
	size_t best = 0;

	for (;;) {
		/* p lies outside quotes */
		q = memchr(p, '"', n - (size_t)(p - s));
		nl = memrchr(p, '\n', (size_t)((q != NULL ? q : s + n) - p));
		if (nl != NULL)
			best = (size_t)(nl - s) + 1;
		if (q == NULL)
			break;
		/* its closing quote; a doubled one closes and reopens */
		q = memchr(q + 1, '"', n - (size_t)(q + 1 - s));
		if (q == NULL)
			break;
		p = q + 1;
	}
	return best;
}

/*
 * Reads the next chunk into sl: from off, at least chunk bytes when the
 * file has them, cut after its last whole record. A record longer than
 * the buffer makes the buffer grow, up to grow_max: then the chunk is
 * dropped (len 0) and no more are made, off staying at its start. At the
 * end of the file the chunk is whatever is left, whole record or not:
 * the parser judges it.
 */
static void
fill(struct svc_csvpar *p, struct slot *sl)
{
	size_t have = 0, cut;
	ssize_t n;

	sl->err = 0;
	for (;;) {
		if (sl->cap - have < p->chunk) {
			sl->cap = have + p->chunk > 2 * sl->cap ?
			    have + p->chunk : 2 * sl->cap;
			if (sl->cap > p->grow_max)
				sl->cap = p->grow_max;
			sl->text = svc_xrealloc(sl->text,
			    sl->cap + SVC_CSVPAR_PAD);
		}
		n = pread(p->fd, sl->text + have, sl->cap - have,
		    p->off + (off_t)have);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			sl->err = errno;
			sl->len = 0;
			p->eof = 1;
			break;
		}
		have += (size_t)n;
		if (n == 0) {
			p->eof = 1;
			sl->len = have;
			break;
		}
		if ((cut = svc_csvpar_cut(sl->text, have)) > 0) {
			sl->len = cut;
			break;
		}
		if (have >= p->grow_max) {
			p->eof = 1;
			sl->len = 0;
			break;
		}
	}
	p->off += (off_t)sl->len;
}

static void *
worker(void *arg)
{
	struct svc_csvpar *p = arg;
	struct slot *sl;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (!p->stop && p->taken == p->filled)
			pthread_cond_wait(&p->work, &p->mu);
		if (p->stop)
			break;
		sl = &p->slot[p->taken++ % p->nslot];
		pthread_mutex_unlock(&p->mu);
		if (sl->err == 0 && sl->len > 0)
			p->fn(p->arg, sl->text, sl->len, &sl->out);
		pthread_mutex_lock(&p->mu);
		sl->state = DONE;
		pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

/* Queues chunks into the free slots ahead, while the file lasts. */
static void
refill(struct svc_csvpar *p)
{
	struct slot *sl;

	while (!p->eof && p->filled - p->handed < p->nslot) {
		sl = &p->slot[p->filled % p->nslot];
		fill(p, sl);
		if (sl->len == 0 && sl->err == 0)
			break;		/* the file ended on a cut, or grow_max */
		pthread_mutex_lock(&p->mu);
		sl->state = QUEUED;
		p->filled++;
		pthread_cond_signal(&p->work);
		pthread_mutex_unlock(&p->mu);
	}
}

struct svc_csvpar *
svc_csvpar_start(int fd, const char *name, off_t from, size_t chunk,
    int threads, svc_csvpar_fn *fn, void *arg, void (*free_out)(void *),
    struct svc_err *e)
{
	struct svc_csvpar *p;
	int rc = 0;

	p = svc_xcalloc(1, sizeof(*p));
	p->fd = fd;
	p->name = svc_xstrdup(name);
	p->off = from;
	p->chunk = chunk > 0 ? chunk : 1;
	p->grow_max = p->chunk > GROW_MAX / GROW_CHUNKS ?
	    p->chunk * GROW_CHUNKS : GROW_MAX;
	p->fn = fn;
	p->arg = arg;
	p->free_out = free_out;
	/* enough to keep every worker busy while the caller reads one */
	p->nslot = 2 * (size_t)threads + 2;
	p->slot = svc_xcalloc(p->nslot, sizeof(*p->slot));
	p->th = svc_xcalloc((size_t)threads, sizeof(*p->th));
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work, NULL);
	pthread_cond_init(&p->done, NULL);
	for (; p->nth < threads; p->nth++)
		if ((rc = svc_thread_create(&p->th[p->nth], NULL, worker,
		    p)) != 0)
			break;
	/* fewer threads than asked will do; none is the caller's to handle */
	if (p->nth == 0) {
		svc_err_sys(e, name, rc, "cannot start a thread");
		svc_csvpar_free(p);
		return NULL;
	}
	refill(p);
	return p;
}

int
svc_csvpar_next(struct svc_csvpar *p, void **out, struct svc_err *e)
{
	struct slot *sl;

	*out = NULL;
	if (p->holding) {
		p->slot[p->handed % p->nslot].state = FREE;
		p->handed++;
		p->holding = 0;
	}
	refill(p);
	if (p->handed == p->filled)
		return 0;
	sl = &p->slot[p->handed % p->nslot];
	pthread_mutex_lock(&p->mu);
	while (sl->state != DONE)
		pthread_cond_wait(&p->done, &p->mu);
	pthread_mutex_unlock(&p->mu);
	if (sl->err != 0)
		return svc_err_sys(e, p->name, sl->err, "read error");
	p->holding = 1;
	*out = sl->out;
	return 1;
}

void
svc_csvpar_free(struct svc_csvpar *p)
{
	size_t i;
	int t;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_broadcast(&p->work);
	pthread_mutex_unlock(&p->mu);
	for (t = 0; t < p->nth; t++)
		pthread_join(p->th[t], NULL);
	for (i = 0; i < p->nslot; i++) {
		if (p->slot[i].out != NULL && p->free_out != NULL)
			p->free_out(p->slot[i].out);
		free(p->slot[i].text);
	}
	pthread_cond_destroy(&p->done);
	pthread_cond_destroy(&p->work);
	pthread_mutex_destroy(&p->mu);
	free(p->slot);
	free(p->th);
	free(p->name);
	free(p);
}

off_t
svc_csvpar_rest(const struct svc_csvpar *p)
{
	return p->off;
}
