/*
 * fuzz-policy: the policy loader (lib/policy) on any bytes, written to a
 * scratch file because svc_policy_load reads a path, as the tools do.
 *
 * Properties: a refusal names the file, says something, and points at a
 * line of the input (or none, for a whole-file problem); a policy that
 * loads has a name, its kinds are found by their codes, a tier lookup
 * answers with a tier whose bounds hold the score, and every text field
 * is a string.
 */
#include <string.h>
#include <unistd.h>

#include "err.h"
#include "fuzz.h"
#include "policy.h"

static char path[64];
static int fd = -1;

static void
cleanup(void)
{
	if (fd >= 0)
		unlink(path);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";

	(void)argc;
	(void)argv;
	snprintf(path, sizeof(path), "%s/svc-fuzz-policy.XXXXXX", dir);
	fd = mkstemp(path);
	FUZZ_CHECK(fd >= 0);
	atexit(cleanup);
	return 0;
}

static void
check_tier(const struct svc_policy *p, double score)
{
	const struct svc_tier *t = svc_policy_tier(p, score);

	if (t == NULL)
		return;
	FUZZ_CHECK(!t->has_min || score >= t->min);
	FUZZ_CHECK(!t->has_max || score < t->max);
}

int
LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct svc_policy *p;
	struct svc_err e;
	long lines = 1;
	size_t i;

	FUZZ_CHECK(ftruncate(fd, 0) == 0);
	FUZZ_CHECK(pwrite(fd, d, n, 0) == (ssize_t)n);
	for (i = 0; i < n; i++)
		lines += d[i] == '\n';
	svc_err_clear(&e);
	if ((p = svc_policy_load(path, &e)) == NULL) {
		FUZZ_CHECK(e.msg[0] != '\0');
		FUZZ_CHECK(strcmp(e.file, path) == 0);
		FUZZ_CHECK(e.line >= 0 && e.line <= lines);
		return 0;
	}
	FUZZ_CHECK(p->name != NULL && p->name[0] != '\0');
	for (i = 0; i < p->nkinds; i++) {
		const struct svc_kind *k = &p->kinds[i];

		FUZZ_CHECK(svc_policy_kind(p, k->code) == k);
		FUZZ_CHECK(svc_kind_code_valid(k->code));
		FUZZ_CHECK(k->label != NULL);
		FUZZ_CHECK(k->line >= 1 && k->line <= lines);
	}
	for (i = 0; i < p->ntiers; i++) {
		const struct svc_tier *t = &p->tiers[i];

		FUZZ_CHECK(t->has_min || t->has_max);
		FUZZ_CHECK(t->badge != NULL && t->action != NULL);
		if (t->has_min)
			check_tier(p, t->min);
		if (t->has_max)
			check_tier(p, t->max);
	}
	check_tier(p, 0);
	check_tier(p, p->base);
	for (i = 0; i < p->nrevisits; i++)
		FUZZ_CHECK(svc_policy_revisit(p, p->revisits[i].tier) != NULL);
	FUZZ_CHECK(svc_policy_kind(p, "") == NULL);
	svc_policy_free(p);
	return 0;
}
