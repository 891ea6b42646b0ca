/*
 * The fuzz targets' shared declarations. Each tests/fuzz/fuzz-NAME.c
 * defines LLVMFuzzerTestOneInput (and may define LLVMFuzzerInitialize);
 * it is linked either with libFuzzer (make fuzz, clang) or with replay.c,
 * which runs saved inputs through the same function without libFuzzer
 * (make check, gcc, plain and sanitizer builds).
 */
#ifndef SVC_FUZZ_H
#define SVC_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property the code under test broke: libFuzzer records the input as a
 * crash, replay exits with a signal. */
#define FUZZ_CHECK(c) do { \
	if (!(c)) { \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
		    __LINE__, #c); \
		abort(); \
	} \
} while (0)

#endif
