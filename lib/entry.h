/*
 * entry: the clerk's interactive loop (svc-log with no command on a
 * terminal). Prompts for kind, staff, customer, value and note with
 * completion of kinds and of staff ids and names, shows who the event is
 * for before saving, and keeps what was typed when a field is refused.
 * All events of one session form one batch.
 */
#ifndef SVC_ENTRY_H
#define SVC_ENTRY_H

#include "err.h"

/*
 * Runs the loop on the terminal until end of input or "q". dbpath must
 * exist; policy is required, as events are checked against it. Returns
 * 0, or -1 with e set when the database or policy cannot be opened.
 */
int svc_entry_run(const char *dbpath, const char *policy, const char *user,
    struct svc_err *e);

#endif
