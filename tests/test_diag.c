/* test_diag.c - diagnostics: GNU-style heads, source excerpts with carets, the error cap. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "testlib.h"

/* Prints d with diag_print() into a malloc'ed string. */
static char *printed(const struct diag *d, int brief)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	if (brief)
		diag_print_brief(d, f);
	else
		diag_print(d, f);
	fclose(f);
	return buf;
}

static void test_diag_caret_under_column(void **state)
{
	(void)state;
	struct diag *d = diag_new();
	const char *src = "id: x\n  tpye: int\n";
	diag_add_source(d, "q.yaml", src, strlen(src));
	diag_error(d, (struct srcpos){ "q.yaml", 2, 3 }, "unknown key 'tpye'; did you mean 'type'?");
	char *out = printed(d, 0);
	assert_string_equal(out, "q.yaml:2:3: error: unknown key 'tpye'; did you mean 'type'?\n"
	                         "      tpye: int\n"
	                         "      ^\n");
	assert_int_equal(diag_errors(d), 1);
	free(out);
	diag_free(d);
}

/* Columns count bytes, but the caret stands under the character: one space per character
 * (a UTF-8 sequence of two bytes is one), tabs kept. */
static void test_diag_caret_after_multibyte_text(void **state)
{
	(void)state;
	struct diag *d = diag_new();
	const char *src = "id: x\ntitle: \tFa\xC3\xAFne {mod}\n";
	diag_add_source(d, "q.yaml", src, strlen(src));
	diag_error(d, (struct srcpos){ "q.yaml", 2, 16 }, "unknown id 'mod'");
	char *out = printed(d, 0);
	assert_string_equal(out, "q.yaml:2:16: error: unknown id 'mod'\n"
	                         "    title: \tFa\xC3\xAFne {mod}\n"
	                         "           \t      ^\n");
	free(out);
	diag_free(d);
}

/* In a UTF-8 locale the caret is indented by display width: a CJK character takes two
 * columns, a combining mark none (utf8.h). It used to be one space per character. */
static void test_diag_caret_after_wide_text(void **state)
{
	(void)state;
	tl_utf8_locale(NULL);
	struct diag *d = diag_new();
	const char *src = "title: \xE4\xB8\xAD\xE6\x96\x87 cafe\xCC\x81 {mod}\n";
	diag_add_source(d, "q.yaml", src, strlen(src));
	diag_error(d, (struct srcpos){ "q.yaml", 1, 22 }, "unknown id 'mod'");
	char *out = printed(d, 0);
	assert_non_null(setlocale(LC_ALL, "C"));
	assert_string_equal(out, "q.yaml:1:22: error: unknown id 'mod'\n"
	                         "    title: \xE4\xB8\xAD\xE6\x96\x87 cafe\xCC\x81 {mod}\n"
	                         "                     ^\n");
	free(out);
	diag_free(d);
}

static void test_diag_whole_file_and_warning(void **state)
{
	(void)state;
	struct diag *d = diag_new();
	diag_error(d, (struct srcpos){ "big.yaml", 0, 0 }, "file is larger than 64 MiB");
	diag_warning(d, (struct srcpos){ "big.yaml", 3, 0 }, "text has no 'de' translation");
	char *out = printed(d, 1);
	assert_string_equal(out, "big.yaml: error: file is larger than 64 MiB\n"
	                         "big.yaml:3: warning: text has no 'de' translation\n");
	assert_int_equal(diag_warnings(d), 1);
	free(out);
	diag_free(d);
}

/* diag_sort() orders the entries from an index on by line and column, keeps a note under the
 * entry it explains, keeps report order for equal positions and leaves earlier entries be. */
static void test_diag_sort_source_order_notes_stay(void **state)
{
	(void)state;
	struct diag *d = diag_new();
	diag_error(d, (struct srcpos){ "a.yaml", 9, 1 }, "earlier file");
	diag_warning(d, (struct srcpos){ "b.yaml", 40, 3 }, "late warning");
	diag_error(d, (struct srcpos){ "b.yaml", 7, 5 }, "bad expression");
	diag_note(d, (struct srcpos){ "b.yaml", 50, 1 }, "its note");
	diag_error(d, (struct srcpos){ "b.yaml", 7, 2 }, "same line, earlier column");
	diag_error(d, (struct srcpos){ "b.yaml", 40, 3 }, "same place, reported second");
	diag_sort(d, 1);
	char *out = printed(d, 1);
	assert_string_equal(out, "a.yaml:9:1: error: earlier file\n"
	                         "b.yaml:7:2: error: same line, earlier column\n"
	                         "b.yaml:7:5: error: bad expression\n"
	                         "b.yaml:50:1: note: its note\n"
	                         "b.yaml:40:3: warning: late warning\n"
	                         "b.yaml:40:3: error: same place, reported second\n");
	free(out);
	diag_free(d);
}

static void test_diag_werror_turns_warnings_into_errors(void **state)
{
	(void)state;
	struct diag *d = diag_new();
	diag_set_werror(d, true);
	diag_warning(d, (struct srcpos){ "a.yaml", 1, 1 }, "missing translation");
	assert_int_equal(diag_errors(d), 1);
	assert_int_equal(diag_get(d, 0)->severity, DIAG_ERROR);
	diag_free(d);
}

/* At the cap (50 errors) every error is shown and none is counted as dropped; one more is
 * left out and counted in the closing line. */
static void test_diag_cap_at_and_one_past(void **state)
{
	(void)state;
	struct diag *d = diag_new();
	for (int i = 1; i <= DIAG_MAX_ERRORS; i++)
		diag_error(d, (struct srcpos){ "a.yaml", i, 1 }, "bad %d", i);
	assert_int_equal(diag_count(d), DIAG_MAX_ERRORS);
	char *out = printed(d, 1);
	assert_non_null(strstr(out, "a.yaml:50:1: error: bad 50\n"));
	assert_null(strstr(out, "not shown"));
	free(out);
	diag_error(d, (struct srcpos){ "a.yaml", 51, 1 }, "bad 51");
	assert_int_equal(diag_errors(d), DIAG_MAX_ERRORS + 1);
	assert_int_equal(diag_count(d), DIAG_MAX_ERRORS);
	out = printed(d, 1);
	assert_null(strstr(out, "bad 51"));
	assert_non_null(strstr(out, "a.yaml:50:1: error: bad 50\nbackcheck: 1 more error not "
	                            "shown\n"));
	free(out);
	diag_free(d);
}

static void test_diag_cap_counts_dropped_errors(void **state)
{
	(void)state;
	struct diag *d = diag_new();
	for (int i = 1; i <= DIAG_MAX_ERRORS + 3; i++)
		diag_error(d, (struct srcpos){ "a.yaml", i, 1 }, "bad %d", i);
	assert_int_equal(diag_errors(d), DIAG_MAX_ERRORS + 3);
	assert_int_equal(diag_count(d), DIAG_MAX_ERRORS);
	assert_true(diag_is_full(d));
	char *out = printed(d, 1);
	assert_non_null(strstr(out, "backcheck: 3 more errors not shown\n"));
	free(out);
	diag_free(d);
}

static void test_arena_strings_and_alignment(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	char *s = arena_printf(a, "%s=%d", "pain_now", 7);
	assert_string_equal(s, "pain_now=7");
	assert_string_equal(arena_strndup(a, "abcdef", 3), "abc");
	assert_null(arena_strdup(a, NULL));
	for (int i = 0; i < 1000; i++) {
		double *p = arena_alloc(a, (size_t)(i % 37) + 1);
		assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
	}
	void *big = arena_alloc(a, 1 << 20);
	assert_non_null(big);
	assert_true(arena_used(a) >= (1u << 20));
	arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diag_caret_under_column),
		cmocka_unit_test(test_diag_caret_after_multibyte_text),
		cmocka_unit_test(test_diag_caret_after_wide_text),
		cmocka_unit_test(test_diag_whole_file_and_warning),
		cmocka_unit_test(test_diag_werror_turns_warnings_into_errors),
		cmocka_unit_test(test_diag_sort_source_order_notes_stay),
		cmocka_unit_test(test_diag_cap_at_and_one_past),
		cmocka_unit_test(test_diag_cap_counts_dropped_errors),
		cmocka_unit_test(test_arena_strings_and_alignment),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
