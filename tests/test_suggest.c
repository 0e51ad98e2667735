/* test_suggest.c - "did you mean": edit distances, the closeness limit, ties and edge cases. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "suggest.h"

static size_t dist(const char *a, const char *b)
{
	return suggest_distance(a, strlen(a), b, strlen(b));
}

static void test_suggest_distance_table(void **state)
{
	(void)state;
	static const struct {
		const char *a, *b;
		size_t want;
	} cases[] = {
		{ "", "", 0 },
		{ "", "abc", 3 },
		{ "abc", "", 3 },
		{ "type", "type", 0 },
		{ "tpye", "type", 1 },
		{ "slep_hours", "sleep_hours", 1 },
		{ "beter", "better", 1 },
		{ "kitten", "sitting", 3 },
		{ "ca", "abc", 3 },
		{ "Type", "type", 0 },
		{ "WHEN", "when", 0 },
		{ "abcdef", "badcfe", 3 },
		{ "flaw", "lawn", 2 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t got = dist(cases[i].a, cases[i].b);
		if (got != cases[i].want)
			fail_msg("distance('%s', '%s') = %zu, want %zu", cases[i].a, cases[i].b,
			         got, cases[i].want);
	}
}

static void test_suggest_distance_refuses_long_words(void **state)
{
	(void)state;
	char big[SUGGEST_MAX_LEN + 2];
	memset(big, 'a', sizeof big);
	assert_int_equal(suggest_distance(big, SUGGEST_MAX_LEN, big, SUGGEST_MAX_LEN), 0);
	assert_int_equal(suggest_distance(big, SUGGEST_MAX_LEN + 1, "a", 1), (size_t)-1);
	assert_int_equal(suggest_distance("a", 1, big, SUGGEST_MAX_LEN + 1), (size_t)-1);
}

static void test_suggest_limit_grows_with_length(void **state)
{
	(void)state;
	assert_int_equal(suggest_limit(0), 1);
	assert_int_equal(suggest_limit(4), 1);
	assert_int_equal(suggest_limit(5), 2);
	assert_int_equal(suggest_limit(8), 2);
	assert_int_equal(suggest_limit(9), 3);
	assert_int_equal(suggest_limit(100), 3);
}

static const char *const keys[] = { "id", "type", "text", "help", "required", "when",
                                    "modifiable", "better", "stable", "min", "max" };

static const char *closest(const char *word)
{
	return suggest_closest(word, strlen(word), keys, sizeof keys / sizeof keys[0]);
}

static void test_suggest_closest_finds_typos(void **state)
{
	(void)state;
	assert_string_equal(closest("tpye"), "type");
	assert_string_equal(closest("requierd"), "required");
	assert_string_equal(closest("modifable"), "modifiable");
	assert_string_equal(closest("wehn"), "when");
	assert_string_equal(closest("Stable"), "stable");
	assert_string_equal(closest("bettr"), "better");
}

static void test_suggest_closest_refuses_distant_words(void **state)
{
	(void)state;
	assert_null(closest("colour"));
	assert_null(closest("xyz"));
	assert_null(closest("requirement_level"));
	/* Two edits in a four-letter word is too far. */
	assert_null(closest("tipo"));
	assert_null(suggest_closest("type", 4, keys, 0));
}

static void test_suggest_closest_prefers_nearest_then_first(void **state)
{
	(void)state;
	/* "mix" is one edit from both "min" and "max": the earlier wins. */
	assert_string_equal(closest("mix"), "min");
	static const char *const names[] = { "sleep_hours", NULL, "sleep_hour" };
	assert_string_equal(suggest_closest("sleep_hou", 9, names, 3), "sleep_hour");
	/* The word is not NUL-terminated: only len bytes count. */
	assert_string_equal(suggest_closest("textXYZ", 4, keys, sizeof keys / sizeof keys[0]),
	                    "text");
}

static void test_suggest_incremental_matches_array(void **state)
{
	(void)state;
	struct suggest s;
	suggest_init(&s, "stabel", 6);
	assert_null(suggest_result(&s));
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
		suggest_consider(&s, keys[i]);
	suggest_consider(&s, NULL);
	assert_string_equal(suggest_result(&s), "stable");
	assert_int_equal(s.best_distance, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_suggest_distance_table),
		cmocka_unit_test(test_suggest_distance_refuses_long_words),
		cmocka_unit_test(test_suggest_limit_grows_with_length),
		cmocka_unit_test(test_suggest_closest_finds_typos),
		cmocka_unit_test(test_suggest_closest_refuses_distant_words),
		cmocka_unit_test(test_suggest_closest_prefers_nearest_then_first),
		cmocka_unit_test(test_suggest_incremental_matches_array),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
