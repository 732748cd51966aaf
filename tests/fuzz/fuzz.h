/*
 * tests/fuzz/fuzz.h: what every libFuzzer target shares. Each fuzz_*.c defines
 * LLVMFuzzerTestOneInput over one parser; `make fuzz` builds them with
 * clang -fsanitize=fuzzer,address,undefined and tests/fuzz/run.sh runs them.
 * A target must not leak, print or exit: the fuzzer judges it by crashes,
 * sanitizer reports, leaks and time.
 */
#ifndef RADAR_FUZZ_H
#define RADAR_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/diag.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a NUL-terminated string (parsers take buf+len, the CLI strings). */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Every diagnostic must name a path and carry a message; lines are never negative. */
static inline void fuzz_check_diags(const diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++)
		if (!dl->items[i].path || !dl->items[i].message || dl->items[i].line < 0 ||
		    dl->items[i].col < 0)
			abort();
}
#endif
