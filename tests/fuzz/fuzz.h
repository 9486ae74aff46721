/*
 * fuzz.h: what every fuzz target shares. A target defines
 * LLVMFuzzerTestOneInput; with -Dfuzzing=true libFuzzer provides main(),
 * otherwise replay.c does and runs the target on corpus files (suite
 * 'fuzz'). A target must not leak, must not keep state between inputs,
 * and checks invariants with FUZZ_CHECK, which aborts (a crash to
 * libFuzzer, a failed test to meson).
 */
#ifndef SCS_FUZZ_H
#define SCS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define FUZZ_CHECK(c) do {						\
	if (!(c)) {							\
		fprintf(stderr, "%s:%d: invariant failed: %s\n",	\
		    __FILE__, __LINE__, #c);				\
		abort();						\
	}								\
} while (0)

#endif
