/* test_idmap.c - the id map: keys by namespace, growing, and room made ahead (idmap_reserve). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "idmap.h"

enum { KEYS = 5000 };

/* Puts "q0".."q(KEYS-1)" in namespace 0 (value i) and namespace 1 (value KEYS + i), the
 * first half of them before reserve (when is_reserved) and the rest after it; then every
 * key reads back with its value, a second put keeps the first value, an unknown id and a
 * known id in another namespace are absent, and a key is its len bytes alone. */
static void fill_and_check(bool is_reserved)
{
	struct arena *a = arena_new();
	struct idmap *m = idmap_new(a);
	char (*keys)[16] = arena_calloc(a, KEYS, sizeof *keys);
	for (size_t i = 0; i < KEYS; i++) {
		if (is_reserved && i == KEYS / 2)
			idmap_reserve(m, 2 * KEYS);
		snprintf(keys[i], sizeof keys[i], "q%zu", i);
		assert_int_equal(idmap_put(m, 0, keys[i], strlen(keys[i]), i, NULL), 0);
		assert_int_equal(idmap_put(m, 1, keys[i], strlen(keys[i]), KEYS + i, NULL), 0);
	}
	for (size_t i = 0; i < KEYS; i++) {
		size_t v = 0, old = 0;
		assert_int_equal(idmap_get(m, 0, keys[i], strlen(keys[i]), &v), 0);
		assert_int_equal(v, i);
		assert_int_equal(idmap_get(m, 1, keys[i], strlen(keys[i]), &v), 0);
		assert_int_equal(v, KEYS + i);
		assert_int_equal(idmap_put(m, 0, keys[i], strlen(keys[i]), 7, &old), 1);
		assert_int_equal(old, i);
	}
	size_t v;
	assert_int_equal(idmap_get(m, 0, "q5000", 5, &v), -1);
	assert_int_equal(idmap_get(m, 2, "q1", 2, &v), -1);
	assert_int_equal(idmap_get(m, 0, "q12", 2, &v), 0);
	assert_int_equal(v, 1);
	arena_free(a);
}

static void test_idmap_grows_and_keeps_every_key(void **state)
{
	(void)state;
	fill_and_check(false);
}

/* idmap_reserve on a map already holding keys keeps them, and the rest go in after it. */
static void test_idmap_reserve_keeps_keys_and_makes_room(void **state)
{
	(void)state;
	fill_and_check(true);
}

/* Room for n keys: n keys put after idmap_reserve(n) take no more of the arena. */
static void test_idmap_reserve_then_no_growth(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct idmap *m = idmap_new(a);
	idmap_reserve(m, KEYS);
	size_t used = arena_used(a);
	static const char *const ids[] = { "a", "b", "c", "d", "e", "f", "g", "h" };
	for (size_t i = 0; i < KEYS; i++)
		assert_int_equal(idmap_put(m, i / 8, ids[i % 8], 1, i, NULL), 0);
	assert_int_equal(arena_used(a), used);
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_idmap_grows_and_keeps_every_key),
		cmocka_unit_test(test_idmap_reserve_keeps_keys_and_makes_room),
		cmocka_unit_test(test_idmap_reserve_then_no_growth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
