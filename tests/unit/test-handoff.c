#include <check.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>

#include "handoff.h"
#include "util.h"

/* Each block: its sequence number, written all over it. */
#define WORDS	64

struct counter {
	pthread_mutex_t mu;	/* guards made */
	long made, last, fail_at;
};

static int
fill_seq(void *arg, void *block)
{
	struct counter *c = arg;
	long *w = block, k;

	pthread_mutex_lock(&c->mu);
	k = c->made++;
	pthread_mutex_unlock(&c->mu);
	for (int i = 0; i < WORDS; i++)
		w[i] = k;
	if (k == c->fail_at)
		return -1;
	return k == c->last ? 0 : 1;
}

/* Takes what h hands out; returns how many, checking order and that
 * no block changes while the caller holds it. */
static long
drain(struct svc_handoff *h, int *status, long stop_after)
{
	long *w, n = 0;

	while (n < stop_after && (w = svc_handoff_next(h, status)) != NULL) {
		for (int i = 0; i < 50; i++)
			sched_yield();
		for (int i = 0; i < WORDS; i++)
			ck_assert_int_eq(w[i], n);
		n++;
	}
	return n;
}

static struct svc_handoff *
start(struct counter *c, long blocks[][WORDS], void **ptrs, size_t n)
{
	struct svc_handoff *h;

	for (size_t i = 0; i < n; i++)
		ptrs[i] = blocks[i];
	h = svc_handoff_start(fill_seq, c, ptrs, n);
	ck_assert_ptr_nonnull(h);
	return h;
}

/* every block once, in order, then the last fill's status */
START_TEST(in_order)
{
	static long blocks[3][WORDS];
	struct counter c = { PTHREAD_MUTEX_INITIALIZER, 0, 999, -1 };
	void *ptrs[3];
	struct svc_handoff *h = start(&c, blocks, ptrs, 3);
	int status = 7;

	ck_assert_int_eq(drain(h, &status, 100000), 1000);
	ck_assert_int_eq(status, 0);
	ck_assert_ptr_null(svc_handoff_next(h, &status));
	svc_handoff_free(h);
	/* one block: filled again only once given back */
	c.made = 0;
	h = start(&c, blocks, ptrs, 1);
	ck_assert_int_eq(drain(h, &status, 100000), 1000);
	ck_assert_int_eq(status, 0);
	svc_handoff_free(h);
}
END_TEST

/* a failed fill: its block is handed out, then the failure */
START_TEST(failure)
{
	static long blocks[2][WORDS];
	struct counter c = { PTHREAD_MUTEX_INITIALIZER, 0, 999, 5 };
	void *ptrs[2];
	struct svc_handoff *h = start(&c, blocks, ptrs, 2);
	int status = 7;

	ck_assert_int_eq(drain(h, &status, 100000), 6);
	ck_assert_int_eq(status, -1);
	svc_handoff_free(h);
	ck_assert_int_eq(c.made, 6);
}
END_TEST

/* the caller stops early: the thread ends without filling the rest,
 * never more than the ring ahead of the caller */
START_TEST(stopped_early)
{
	static long blocks[4][WORDS];
	struct counter c = { PTHREAD_MUTEX_INITIALIZER, 0, 999, -1 };
	void *ptrs[4];
	struct svc_handoff *h = start(&c, blocks, ptrs, 4);
	int status = 7;

	ck_assert_int_eq(drain(h, &status, 10), 10);
	svc_handoff_free(h);
	ck_assert_int_le(c.made, 10 + 4);
	ck_assert_int_eq(status, 7);
	/* and before taking anything */
	c.made = 0;
	svc_handoff_free(start(&c, blocks, ptrs, 4));
	ck_assert_int_le(c.made, 4);
}
END_TEST

static int
no_thread(pthread_t *t, const pthread_attr_t *a, void *(*fn)(void *),
    void *arg)
{
	(void)t;
	(void)a;
	(void)fn;
	(void)arg;
	return EAGAIN;
}

/* no thread to be had: the caller fills each block as it asks, the same
 * blocks in the same order, a failure last, and none ahead of time */
START_TEST(no_thread_made)
{
	static long blocks[3][WORDS];
	struct counter c = { PTHREAD_MUTEX_INITIALIZER, 0, 999, -1 };
	void *ptrs[3];
	struct svc_handoff *h;
	int status = 7;

	svc_thread_create = no_thread;
	h = start(&c, blocks, ptrs, 3);
	ck_assert_int_eq(drain(h, &status, 100000), 1000);
	ck_assert_int_eq(status, 0);
	ck_assert_ptr_null(svc_handoff_next(h, &status));
	svc_handoff_free(h);
	c.made = 0;
	c.fail_at = 5;
	h = start(&c, blocks, ptrs, 3);
	ck_assert_int_eq(drain(h, &status, 100000), 6);
	ck_assert_int_eq(status, -1);
	svc_handoff_free(h);
	c.made = 0;
	c.fail_at = -1;
	h = start(&c, blocks, ptrs, 3);
	ck_assert_int_eq(drain(h, &status, 10), 10);
	svc_handoff_free(h);
	ck_assert_int_eq(c.made, 10);
	svc_thread_create = pthread_create;
}
END_TEST

Suite *
suite_handoff(void)
{
	Suite *s = suite_create("handoff");
	TCase *tc = tcase_create("handoff");

	tcase_add_test(tc, in_order);
	tcase_add_test(tc, failure);
	tcase_add_test(tc, stopped_early);
	tcase_add_test(tc, no_thread_made);
	suite_add_tcase(s, tc);
	return s;
}
