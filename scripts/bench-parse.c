/*
 * bench-parse: the floor for streaming CSV in scripts/bench. Reads FILE in
 * 64 KiB chunks into libcsv with callbacks that only count, and prints
 * "RECORDS FIELDS". No validation, no line numbers, no copies: what any
 * libcsv-based reader costs at least. Parser options are the ones svc
 * itself uses (PLATFORM.md §2), so the comparison is like for like.
 *
 *   cc -O2 -o build/bench-parse scripts/bench-parse.c -lcsv
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

struct count {
	unsigned long long records, fields;
};

static void
on_field(void *s, size_t n, void *data)
{
	(void)s;
	(void)n;
	((struct count *)data)->fields++;
}

static void
on_row(int c, void *data)
{
	(void)c;
	((struct count *)data)->records++;
}

int
main(int argc, char **argv)
{
	static char buf[64 * 1024];
	struct csv_parser p;
	struct count cnt = { 0, 0 };
	FILE *fp;
	size_t n;

	if (argc != 2) {
		fprintf(stderr, "usage: bench-parse FILE\n");
		return 2;
	}
	if ((fp = fopen(argv[1], "rb")) == NULL) {
		perror(argv[1]);
		return 1;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		fprintf(stderr, "bench-parse: csv_init failed\n");
		return 1;
	}
	csv_set_blk_size(&p, 4096);
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		if (csv_parse(&p, buf, n, on_field, on_row, &cnt) != n) {
			fprintf(stderr, "bench-parse: %s: %s\n", argv[1],
			    csv_strerror(csv_error(&p)));
			return 1;
		}
	if (ferror(fp)) {
		perror(argv[1]);
		return 1;
	}
	if (csv_fini(&p, on_field, on_row, &cnt) != 0) {
		fprintf(stderr, "bench-parse: %s: %s\n", argv[1],
		    csv_strerror(csv_error(&p)));
		return 1;
	}
	csv_free(&p);
	fclose(fp);
	printf("%llu %llu\n", cnt.records, cnt.fields);
	return 0;
}
