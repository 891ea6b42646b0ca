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

struct sqlite3;

/* The integer in the first column of the one row sql gives on h; an SQL
 * error, no row, more than one or a value that is not an integer fails
 * the test, naming the query. */
long long scratch_sql_int(struct sqlite3 *h, const char *sql);

struct svc_db;
struct svc_policy;
struct svc_ledger;

/* A ledger on a fresh svc.db in the scratch directory. */
struct scratch_ledger {
	struct svc_db *db;
	struct svc_policy *pol;
	struct svc_ledger *led;
};

/*
 * Opens svc.db, loads the roster and the customers from their CSV texts
 * and the policy from its INI text, and starts a ledger on them as "me",
 * asserting each step. Returns the number of staff loaded.
 */
long scratch_ledger_open(struct scratch_ledger *x, const char *roster,
    const char *customers, const char *policy);

/* Frees what scratch_ledger_open made (not the directory). */
void scratch_ledger_close(struct scratch_ledger *x);

#endif
