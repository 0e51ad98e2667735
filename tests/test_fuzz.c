/*
 * test_fuzz.c - replays every committed fuzz input (tests/fuzz/corpus/NAME and
 * tests/fuzz/regressions/NAME) through its fuzz target, in the ordinary and the sanitizer
 * builds: a finding that was fixed stays fixed. Each target's entry is compiled here as
 * fuzz_NAME (see tests/fuzz/fuzz.h). A missing folder fails: nothing is skipped silently.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"

int fuzz_loader(const uint8_t *data, size_t size);
int fuzz_answers(const uint8_t *data, size_t size);
int fuzz_record(const uint8_t *data, size_t size);
int fuzz_state(const uint8_t *data, size_t size);
int fuzz_expr(const uint8_t *data, size_t size);
int fuzz_input(const uint8_t *data, size_t size);

/* The whole of path, malloc'ed, in *len bytes. */
static uint8_t *slurp(const char *path, size_t *len)
{
	char *text = tl_slurp(path, len);
	if (text == NULL)
		fail_msg("cannot open %s", path);
	return (uint8_t *)text;
}

/* Runs every file of folder dir through fn; returns how many. */
static size_t replay_dir(const char *dir, int (*fn)(const uint8_t *, size_t), int is_required)
{
	DIR *d = opendir(dir);
	if (d == NULL && !is_required)
		return 0;
	if (d == NULL)
		fail_msg("cannot open %s", dir);
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;) {
		if (e->d_name[0] == '.')
			continue;
		char path[512];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		size_t len;
		uint8_t *data = slurp(path, &len);
		fn(data, len);
		free(data);
		n++;
	}
	closedir(d);
	return n;
}

static void replay(const char *name, int (*fn)(const uint8_t *, size_t))
{
	char dir[256];
	snprintf(dir, sizeof dir, "tests/fuzz/corpus/%s", name);
	size_t n = replay_dir(dir, fn, 1);
	snprintf(dir, sizeof dir, "tests/fuzz/regressions/%s", name);
	n += replay_dir(dir, fn, 0);
	print_message("fuzz_%s: %zu inputs replayed\n", name, n);
	assert_true(n > 0);
}

static void test_fuzz_loader_replay(void **state) { (void)state; replay("loader", fuzz_loader); }
static void test_fuzz_answers_replay(void **state) { (void)state; replay("answers", fuzz_answers); }
static void test_fuzz_record_replay(void **state) { (void)state; replay("record", fuzz_record); }
static void test_fuzz_state_replay(void **state) { (void)state; replay("state", fuzz_state); }
static void test_fuzz_expr_replay(void **state) { (void)state; replay("expr", fuzz_expr); }
static void test_fuzz_input_replay(void **state) { (void)state; replay("input", fuzz_input); }

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fuzz_loader_replay),
		cmocka_unit_test(test_fuzz_answers_replay),
		cmocka_unit_test(test_fuzz_record_replay),
		cmocka_unit_test(test_fuzz_state_replay),
		cmocka_unit_test(test_fuzz_expr_replay),
		cmocka_unit_test(test_fuzz_input_replay),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
