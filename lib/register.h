/*
 * register: svc-report register KIND, the register of a kind with fields
 * (scheme E's 外来人员登记并测量体温): every entry of the kind in a
 * period, in time order, with the fields its kind declares, and the
 * entries that meet one of the kind's alerts (svc-policy(5) alert) marked
 * and listed again on their own.
 */
#ifndef SVC_REGISTER_H
#define SVC_REGISTER_H

#include <stddef.h>

#include "err.h"
#include "policy.h"
#include "report.h"
#include "table.h"
#include "util.h"

/*
 * The alerts of kind k that an event with fields enc (encoded as fields.h
 * says) meets, in the policy's order: returns how many, and when out is
 * not NULL writes them there (reset first) as the policy does, joined by
 * "; " ("temperature >= 37.3"). A field the event does not carry meets
 * no alert.
 */
size_t svc_register_alerts(const struct svc_kind *k, const char *enc,
    struct svc_buf *out);

/*
 * The register of kind in->kind over in->period (both required) from
 * in->db: the entries of that kind (voided and voiding ones left out) in
 * (time, id) order with the staff member who logged each (id, name from
 * the roster), the unit (the event's dept, else the staff member's unit),
 * one column per field of the kind in declared order (a time field as
 * HH:MM when on the entry's local day) and the alerts met; then those
 * that meet an alert alone, with their count. Refuses (e->field
 * "register") a kind the policy does not define, or one without fields.
 * Returns 0, or -1 with e set.
 */
int svc_report_register(const struct svc_report_in *in, struct svc_doc *d,
    struct svc_err *e);

#endif
