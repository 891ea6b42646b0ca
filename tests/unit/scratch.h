#ifndef SVC_TEST_SCRATCH_H
#define SVC_TEST_SCRATCH_H

/*
 * A scratch directory for the unit tests that need files: a fixture's
 * setup makes one, its teardown removes it with everything in it.
 */

/* Makes a fresh /tmp/svc-test-TAG.XXXXXX and returns its path (static,
 * valid until scratch_rm). */
const char *scratch_dir(const char *tag);

/* The path of name in the scratch directory. Returns one of a few
 * rotating static buffers, so two paths can be used in one call. */
const char *scratch_path(const char *name);

/* Writes text to name in the scratch directory; returns its path as
 * scratch_path does. */
const char *scratch_file(const char *name, const char *text);

/* Removes the scratch directory and everything in it. */
void scratch_rm(void);

#endif
