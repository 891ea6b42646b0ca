/*
 * handoff: blocks of work made on a thread of their own and handed to the
 * caller in the order they were made, through a ring of a few blocks. An
 * import reads and checks its rows this way on one CPU while the caller
 * stores them on another.
 */
#ifndef SVC_HANDOFF_H
#define SVC_HANDOFF_H

#include <stddef.h>

/*
 * Fills block, which the caller's earlier use left as it was. Returns 1
 * when there is more to come, 0 when this block is the last, or -1 when it
 * failed (the block holds what came before the failure; arg says why).
 * Runs on the handoff's thread (or, when none could be made, on the
 * caller's, inside svc_handoff_next): it may touch block, and what arg
 * points to that the caller leaves alone until svc_handoff_next returns
 * NULL.
 */
typedef int svc_handoff_fill(void *arg, void *block);

struct svc_handoff;

/*
 * Starts a thread filling blocks[0..n) in turn with fill (n > 0; 2 or
 * more let it fill one while the caller works on another). The blocks
 * stay the caller's. Returns the handle. When no thread can be made,
 * each block is filled by svc_handoff_next as the caller asks for it:
 * the same blocks in the same order, only not ahead of time.
 */
struct svc_handoff *svc_handoff_start(svc_handoff_fill *fill, void *arg,
    void **blocks, size_t n);

/*
 * Waits for the next block and returns it, borrowed until the next call;
 * NULL once the last one was handed out, with *status the last fill's
 * return (0 or -1).
 */
void *svc_handoff_next(struct svc_handoff *h, int *status);

/* Stops the thread (once the block it is filling is done), waits for it
 * and frees the handle. NULL is fine. */
void svc_handoff_free(struct svc_handoff *h);

#endif
