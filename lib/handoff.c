/*
 * handoff: one thread fills blocks, the caller takes them in order (see
 * handoff.h). Block k is blocks[k % n]; the thread may fill it again only
 * once the caller has asked for the block after it. With no thread, the
 * caller fills each block itself when it asks for it.
 */
#include <pthread.h>
#include <stdlib.h>

#include "handoff.h"
#include "util.h"

struct svc_handoff {
	svc_handoff_fill *fill;
	void *arg;
	void **blocks;
	size_t n;

	pthread_mutex_t mu;
	pthread_cond_t room;	/* a block was given back, or stop */
	pthread_cond_t ready;	/* a block was filled */
	unsigned long long filled;	/* blocks the thread has filled */
	unsigned long long taken;	/* blocks handed to the caller */
	unsigned long long back;	/* blocks the caller gave back */
	int ended;		/* the last fill returned status */
	int status;
	int stop;
	int threaded;		/* th runs; else the caller fills */
	pthread_t th;
};

static void *
run(void *arg)
{
	struct svc_handoff *h = arg;
	void *block;
	int rc;

	pthread_mutex_lock(&h->mu);
	for (;;) {
		while (!h->stop && h->filled - h->back == h->n)
			pthread_cond_wait(&h->room, &h->mu);
		if (h->stop)
			break;
		block = h->blocks[h->filled % h->n];
		pthread_mutex_unlock(&h->mu);
		rc = h->fill(h->arg, block);
		pthread_mutex_lock(&h->mu);
		h->filled++;
		if (rc <= 0) {
			h->ended = 1;
			h->status = rc;
		}
		pthread_cond_signal(&h->ready);
		if (rc <= 0)
			break;
	}
	pthread_mutex_unlock(&h->mu);
	return NULL;
}

struct svc_handoff *
svc_handoff_start(svc_handoff_fill *fill, void *arg, void **blocks,
    size_t n)
{
	struct svc_handoff *h = svc_xcalloc(1, sizeof(*h));

	h->fill = fill;
	h->arg = arg;
	h->blocks = blocks;
	h->n = n;
	pthread_mutex_init(&h->mu, NULL);
	pthread_cond_init(&h->room, NULL);
	pthread_cond_init(&h->ready, NULL);
	h->threaded = svc_thread_create(&h->th, NULL, run, h) == 0;
	return h;
}

/* svc_handoff_next without a thread: the fill runs here and now. */
static void *
next_here(struct svc_handoff *h, int *status)
{
	void *block;
	int rc;

	if (h->ended) {
		*status = h->status;
		return NULL;
	}
	block = h->blocks[h->taken++ % h->n];
	if ((rc = h->fill(h->arg, block)) <= 0) {
		h->ended = 1;
		h->status = rc;
	}
	return block;
}

void *
svc_handoff_next(struct svc_handoff *h, int *status)
{
	void *block = NULL;

	if (!h->threaded)
		return next_here(h, status);
	pthread_mutex_lock(&h->mu);
	if (h->back < h->taken) {
		h->back = h->taken;
		pthread_cond_signal(&h->room);
	}
	while (h->taken == h->filled && !h->ended)
		pthread_cond_wait(&h->ready, &h->mu);
	if (h->taken < h->filled) {
		block = h->blocks[h->taken++ % h->n];
	} else {
		*status = h->status;
	}
	pthread_mutex_unlock(&h->mu);
	return block;
}

void
svc_handoff_free(struct svc_handoff *h)
{
	if (h == NULL)
		return;
	pthread_mutex_lock(&h->mu);
	h->stop = 1;
	pthread_cond_signal(&h->room);
	pthread_mutex_unlock(&h->mu);
	if (h->threaded)
		pthread_join(h->th, NULL);
	pthread_cond_destroy(&h->ready);
	pthread_cond_destroy(&h->room);
	pthread_mutex_destroy(&h->mu);
	free(h);
}
