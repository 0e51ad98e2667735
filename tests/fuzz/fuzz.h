/*
 * fuzz.h - what every fuzz target shares.
 *
 * Each tests/fuzz/fuzz_NAME.c defines FUZZ_ENTRY, which is libFuzzer's LLVMFuzzerTestOneInput
 * in the fuzzing build (make fuzz) and fuzz_NAME in the replay build (tests/test_fuzz.c runs
 * every committed corpus and regression file through it under `make test`). A target never
 * keeps state from one input to the next except a questionnaire it loads once.
 */
#ifndef BACKCHECK_FUZZ_H
#define BACKCHECK_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#ifndef FUZZ_ENTRY
#define FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

int FUZZ_ENTRY(const uint8_t *data, size_t size);

/* The questionnaire at path, loaded once per process and kept (aborts if it does not load). */
struct questionnaire;
const struct questionnaire *fuzz_questionnaire(const char *path);

/* A stream that swallows what a renderer writes, opened once. */
#include <stdio.h>
FILE *fuzz_sink(void);

#endif
