/*
 * replay: runs saved inputs through a fuzz target without libFuzzer, so
 * that make check (gcc, plain and sanitizer builds) keeps every crash
 * ever found fixed, and the seed corpus passing.
 * usage: replay-TARGET FILE|DIR...  (a directory: every file in it)
 * Names each input on stderr before running it; prints "NAME: N inputs"
 * on stdout and exits 0, or dies on the failing input.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "util.h"

static long count;

static void
run_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (fp == NULL) {
		perror(path);
		exit(2);
	}
	do {
		if (len == cap)
			buf = svc_xrealloc(buf, cap = cap ? 2 * cap : 4096);
		n = fread(buf + len, 1, cap - len, fp);
		len += n;
	} while (n > 0);
	if (ferror(fp)) {
		perror(path);
		exit(2);
	}
	fclose(fp);
	/* named first, so that a sanitizer report or an abort follows the
	 * name of its input */
	fprintf(stderr, "%s\n", path);
	LLVMFuzzerTestOneInput((const uint8_t *)buf, len);
	free(buf);
	count++;
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void
run(const char *path)
{
	struct dirent **ents;
	struct stat sb;
	char *sub;
	int n, i;

	if (stat(path, &sb) < 0) {
		perror(path);
		exit(2);
	}
	if (!S_ISDIR(sb.st_mode)) {
		run_file(path);
		return;
	}
	if ((n = scandir(path, &ents, NULL, by_name)) < 0) {
		perror(path);
		exit(2);
	}
	for (i = 0; i < n; i++) {
		if (ents[i]->d_name[0] != '.') {
			sub = svc_xmalloc(strlen(path) +
			    strlen(ents[i]->d_name) + 2);
			sprintf(sub, "%s/%s", path, ents[i]->d_name);
			run(sub);
			free(sub);
		}
		free(ents[i]);
	}
	free(ents);
}

int
main(int argc, char **argv)
{
	const char *name = strrchr(argv[0], '/');

	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++)
		run(argv[i]);
	printf("%s: %ld inputs\n", name ? name + 1 : argv[0], count);
	return 0;
}
