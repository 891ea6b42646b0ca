#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "index.h"
#include "util.h"

/*
 * The length and the first and last 8 bytes, mixed (MurmurHash3's
 * finaliser): enough to tell staff ids, customer ids and kind codes apart
 * at a fixed cost, where a byte-at-a-time hash spends a multiply per
 * byte. Names alike in those bytes only share a probe sequence.
 */
static uint64_t
hash(const char *s, size_t n)
{
	uint64_t a = 0, b = 0;

	if (n >= 8) {
		memcpy(&a, s, 8);
		memcpy(&b, s + n - 8, 8);
	} else
		memcpy(&a, s, n);
	a ^= (b ^ n) * 0x9E3779B97F4A7C15ULL;
	a ^= a >> 33;
	a *= 0xFF51AFD7ED558CCDULL;
	a ^= a >> 33;
	a *= 0xC4CEB9FE1A85EC53ULL;
	return a ^ (a >> 33);
}

/* The slot holding name, or the empty one where it would go. */
static struct svc_index_slot *
slot(const struct svc_index *x, const char *name, size_t n, uint64_t h)
{
	size_t i = h & (x->size - 1);

	for (; x->v[i].i; i = (i + 1) & (x->size - 1))
		if (x->v[i].h == h && x->v[i].len == n &&
		    memcmp(x->names.s + x->v[i].key, name, n) == 0)
			break;
	return &x->v[i];
}

static void
grow(struct svc_index *x)
{
	struct svc_index_slot *old = x->v, *s;
	size_t oldsize = x->size;

	x->size = x->size ? 2 * x->size : 64;
	x->v = svc_xcalloc(x->size, sizeof(*x->v));
	for (size_t k = 0; k < oldsize; k++)
		if (old[k].i) {
			s = slot(x, x->names.s + old[k].key, old[k].len,
			    old[k].h);
			*s = old[k];
		}
	free(old);
}

void
svc_index_put(struct svc_index *x, const char *name, size_t i)
{
	size_t n = strlen(name);
	uint64_t h = hash(name, n);
	struct svc_index_slot *s;

	if (2 * (x->n + 1) > x->size)
		grow(x);
	s = slot(x, name, n, h);
	if (s->i)
		return;
	*s = (struct svc_index_slot){ h, x->names.len, n, i + 1 };
	svc_buf_add(&x->names, name, n);
	x->n++;
}

size_t
svc_index_get(const struct svc_index *x, const char *name)
{
	size_t n;

	if (x->n == 0)
		return 0;
	n = strlen(name);
	return slot(x, name, n, hash(name, n))->i;
}

void
svc_index_free(struct svc_index *x)
{
	free(x->v);
	svc_buf_release(&x->names);
	memset(x, 0, sizeof(*x));
}
