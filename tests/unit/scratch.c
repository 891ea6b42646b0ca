#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "scratch.h"

static char dir[64];

const char *
scratch_dir(const char *tag)
{
	snprintf(dir, sizeof(dir), "/tmp/svc-test-%s.XXXXXX", tag);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	return dir;
}

const char *
scratch_path(const char *name)
{
	static char p[4][160];
	static int next;
	char *s = p[next++ % 4];

	snprintf(s, sizeof(p[0]), "%s/%s", dir, name);
	return s;
}

const char *
scratch_file(const char *name, const char *text)
{
	const char *p = scratch_path(name);
	FILE *f;

	ck_assert_ptr_nonnull(f = fopen(p, "w"));
	ck_assert_int_ge(fputs(text, f), 0);
	ck_assert_int_eq(fclose(f), 0);
	return p;
}

void
scratch_rm(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	ck_assert_int_eq(system(cmd), 0);
}
