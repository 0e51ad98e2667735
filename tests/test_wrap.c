/* test_wrap.c - the one word-wrap rule (wrap.h): exact output at a given width, in display
 * columns (wide and combining characters), with indents, list marks and line breaks. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>

#include "testlib.h"
#include "wrap.h"

/* What wrap_write() writes, malloc'ed. */
static char *written(const char *text, size_t width, const char *first, const char *rest)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	wrap_write(f, text, width, first, rest);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* Words fill a line up to width, the indents counted; a word longer than a line stands alone;
 * wide characters take 2 columns and combining marks none (a wrapper counting bytes or code
 * points breaks these differently); a no-break space holds "NHS 111" together. */
static void test_wrap_write_exact(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		size_t width;
		const char *first, *rest, *want;
	} cases[] = {
		{ "The quick brown fox jumps over the lazy dog", 20, "", "",
		  "The quick brown fox\njumps over the lazy\ndog\n" },
		{ "one two three four five six", 20, "  * ", "    ",
		  "  * one two three\n    four five six\n" },
		{ "see https://example.org/a/long/path now", 12, "", "",
		  "see\nhttps://example.org/a/long/path\nnow\n" },
		{ "\xE4\xB8\xAD\xE6\x96\x87 \xE4\xB8\xAD\xE6\x96\x87 \xE4\xB8\xAD\xE6\x96\x87 "
		  "\xE4\xB8\xAD\xE6\x96\x87", 12, "", "",
		  "\xE4\xB8\xAD\xE6\x96\x87 \xE4\xB8\xAD\xE6\x96\x87\n"
		  "\xE4\xB8\xAD\xE6\x96\x87 \xE4\xB8\xAD\xE6\x96\x87\n" },
		{ "cafe\xCC\x81 cafe\xCC\x81 cafe\xCC\x81", 10, "", "",
		  "cafe\xCC\x81 cafe\xCC\x81\ncafe\xCC\x81\n" },
		{ "call NHS\xC2\xA0" "111 now", 10, "", "", "call\nNHS\xC2\xA0" "111\nnow\n" },
		{ "urgent: go now, please", 14, "!! ", "   ", "!! urgent: go\n   now, please\n" },
		{ "one two three", 5, "    ", "    ", "    one two\n    three\n" },
		{ "first\nsecond line", 80, "- ", "  ", "- first\n  second line\n" },
		{ "ends in a break\n", 80, "", "", "ends in a break\n" },
		{ "", 80, "  ", "  ", "\n" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = written(cases[i].text, cases[i].width, cases[i].first, cases[i].rest);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

/* Every line gets the indent; a line's own leading spaces go deeper; a list mark's
 * continuation lines up under its text; spaces inside a line are kept (they align) and become
 * one break where it wraps; a tab is a space; a blank line stays empty; the last line has no
 * '\n'. */
static void test_wrap_string_exact(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		size_t width, indent;
		const char *want;
	} cases[] = {
		{ "1) alpha beta gamma delta", 20, 2, "  1) alpha beta\n     gamma delta" },
		{ "- alpha beta gamma delta", 16, 0, "- alpha beta\n  gamma delta" },
		{ "a\n\n  b c", 20, 2, "  a\n\n    b c" },
		{ "Name  Score", 20, 0, "Name  Score" },
		{ "aaaa   bbbbbb", 10, 0, "aaaa\nbbbbbb" },
		{ "a\tb", 10, 0, "a b" },
		{ "trailing   ", 10, 0, "trailing" },
		{ "one two three", 5, 4, "    one two\n    three" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = wrap_string(cases[i].text, cases[i].width, cases[i].indent);
		assert_string_equal(got, cases[i].want);
		free(got);
	}
}

/* $COLUMNS wins when it is a number from 20 to 1000; off a terminal, otherwise 80. */
static void test_wrap_width_columns(void **state)
{
	(void)state;
	static const struct {
		const char *columns;
		int want;
	} cases[] = {
		{ "50", 50 }, { "20", 20 }, { "1000", 1000 }, { "19", 80 }, { "1001", 80 },
		{ "6x", 80 }, { "", 80 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_int_equal(setenv("COLUMNS", cases[i].columns, 1), 0);
		assert_int_equal(wrap_width(-1), cases[i].want);
	}
	assert_int_equal(unsetenv("COLUMNS"), 0);
	assert_int_equal(wrap_width(-1), 80);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wrap_write_exact),
		cmocka_unit_test(test_wrap_string_exact),
		cmocka_unit_test(test_wrap_width_columns),
	};
	return cmocka_run_group_tests(tests, tl_utf8_locale, NULL);
}
