/*
 * index: names to positions, for the lookups done once per event (staff
 * ids, customer ids, kind codes). A hash table with open addressing; the
 * names are copied into one block, so a large import or a streaming score
 * pays no cache miss for each name's own allocation and no string
 * compare for a slot that holds another name.
 */
#ifndef SVC_INDEX_H
#define SVC_INDEX_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct svc_index_slot {
	uint64_t h;
	size_t key, len;	/* the name: offset in names, length */
	size_t i;		/* its position + 1; 0: an empty slot */
};

/* Zero it to start (an empty index); free with svc_index_free. */
struct svc_index {
	struct svc_index_slot *v;
	size_t size;		/* 0, or a power of two above twice n */
	size_t n;
	struct svc_buf names;
};

/* Maps name (copied) to position i. A name put twice keeps the first. */
void svc_index_put(struct svc_index *x, const char *name, size_t i);

/* The position of name plus one, or 0 when it is not there. */
size_t svc_index_get(const struct svc_index *x, const char *name);

/* Frees the index's memory and empties it. */
void svc_index_free(struct svc_index *x);

#endif
