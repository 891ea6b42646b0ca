/*
 * entry: the clerk's interactive loop (svc-log with no command on a
 * terminal). Prompts for kind, staff, time, value, channel, customer and
 * note with completion of kinds, of staff and customer ids and names and
 * of channels, shows the event in one line (who, what, when, its period,
 * and whether that period's scores are saved or paid) before saving, and
 * keeps what was typed when a field is refused.
 * All events of one session form one batch.
 */
#ifndef SVC_ENTRY_H
#define SVC_ENTRY_H

#include "err.h"

/*
 * Runs the loop on the terminal until end of input or "q". dbpath must
 * exist; policy is required, as events are checked against it. late is
 * NULL, or the reason events dated in a paid period are logged late
 * (svc-log --late --reason): without it such an event is refused.
 * Returns 0, or -1 with e set when the database or policy cannot be
 * opened, or late holds a control character.
 */
int svc_entry_run(const char *dbpath, const char *policy, const char *user,
    const char *late, struct svc_err *e);

#endif
