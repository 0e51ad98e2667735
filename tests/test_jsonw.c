/*
 * test_jsonw.c - the JSON writers' shared pieces (src/jsonw.c): strings that never fail and
 * keep what they can, numbers as people write them, a printed document.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/jsonw_int.h"

/* A string with bytes that are not UTF-8 keeps its valid characters; only the bad bytes
 * become '?' (it used to turn every byte from 0x80 up into '?', the valid 'é' too). */
static void test_jsonw_str_keeps_valid_characters(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{ "caf\xC3\xA9", "caf\xC3\xA9" },
		{ "caf\xC3\xA9 \xFF.yaml", "caf\xC3\xA9 ?.yaml" },
		{ "\xC3", "?" },
		{ "a\xED\xA0\x80z", "a???z" },
		{ "\xE2\x98\xBA\xC0\xAF", "\xE2\x98\xBA??" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		json_t *j = jsonw_str(cases[i][0]);
		assert_non_null(j);
		assert_string_equal(json_string_value(j), cases[i][1]);
		json_decref(j);
	}
	json_t *j = jsonw_str(NULL);
	assert_string_equal(json_string_value(j), "");
	json_decref(j);
}

/* Whole numbers are integers, others reals, and what is not finite is 0. */
static void test_jsonw_num_and_print(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	json_t *a = json_array();
	const double xs[] = { 6, 6.5, -0.25, 1e20, 0.1 };
	for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++)
		json_array_append_new(a, jsonw_num(xs[i]));
	json_array_append_new(a, jsonw_num(strtod("inf", NULL)));
	assert_int_equal(jsonw_print(f, a, JSONW_LINE), 0);
	assert_int_equal(jsonw_print(f, NULL, JSONW_LINE), -1);
	fclose(f);
	assert_string_equal(buf, "[6,6.5,-0.25,1e20,0.1,0]\n");
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jsonw_str_keeps_valid_characters),
		cmocka_unit_test(test_jsonw_num_and_print),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
