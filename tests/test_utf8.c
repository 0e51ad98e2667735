/* test_utf8.c - the one UTF-8 module: what is well-formed, and the columns text takes. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <locale.h>
#include <string.h>

#include "testlib.h"
#include "utf8.h"

/* Well-formed characters of each length decode to their code point and length. */
static void test_utf8_decode_each_length(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t len;
		uint32_t cp;
	} cases[] = {
		{ "A", 1, 0x41 },
		{ "\x7F", 1, 0x7F },
		{ "\xC2\x80", 2, 0x80 },
		{ "\xC3\xA9", 2, 0xE9 },
		{ "\xDF\xBF", 2, 0x7FF },
		{ "\xE0\xA0\x80", 3, 0x800 },
		{ "\xE4\xB8\xAD", 3, 0x4E2D },
		{ "\xED\x9F\xBF", 3, 0xD7FF },
		{ "\xEE\x80\x80", 3, 0xE000 },
		{ "\xEF\xBF\xBF", 3, 0xFFFF },
		{ "\xF0\x90\x80\x80", 4, 0x10000 },
		{ "\xF0\x9F\x98\x80", 4, 0x1F600 },
		{ "\xF4\x8F\xBF\xBF", 4, 0x10FFFF },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint32_t cp = 0;
		size_t n = strlen(cases[i].s);
		assert_int_equal(utf8_decode(cases[i].s, n, &cp), cases[i].len);
		assert_int_equal(cp, cases[i].cp);
		assert_int_equal(utf8_encoded_len(cp), cases[i].len);
		assert_int_equal(utf8_lead_len((unsigned char)cases[i].s[0]), cases[i].len);
		assert_int_equal(utf8_check(cases[i].s, n), n);
	}
}

/* Overlong forms, surrogates, code points past U+10FFFF, stray continuation bytes, bytes
 * that never occur and sequences cut short are all refused, at the byte where they start. */
static void test_utf8_invalid_sequences_refused(void **state)
{
	(void)state;
	static const struct {
		const char *s, *why;
	} cases[] = {
		{ "\xC0\x80", "overlong NUL" },
		{ "\xC1\xBF", "overlong 0x7F" },
		{ "\xE0\x80\xAF", "overlong '/' in three bytes" },
		{ "\xE0\x9F\xBF", "overlong U+07FF" },
		{ "\xF0\x80\x80\xAF", "overlong '/' in four bytes" },
		{ "\xF0\x8F\xBF\xBF", "overlong U+FFFF" },
		{ "\xED\xA0\x80", "surrogate U+D800" },
		{ "\xED\xBF\xBF", "surrogate U+DFFF" },
		{ "\xF4\x90\x80\x80", "U+110000" },
		{ "\xF5\x80\x80\x80", "lead byte F5" },
		{ "\xF8\x88\x80\x80\x80", "five-byte form" },
		{ "\xFE", "byte FE" },
		{ "\xFF", "byte FF" },
		{ "\x80", "lone continuation" },
		{ "\xBF\x80", "two continuations" },
		{ "\xC3", "cut short at the end" },
		{ "\xE4\xB8", "three bytes cut short" },
		{ "\xF0\x9F\x98", "four bytes cut short" },
		{ "\xC3" "A", "continuation missing" },
		{ "\xE4\xB8" "A", "second continuation missing" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		uint32_t cp = 0xABCD;
		size_t n = strlen(cases[i].s);
		if (utf8_decode(cases[i].s, n, &cp) != 0 || cp != 0xABCD)
			fail_msg("%s was decoded", cases[i].why);
		assert_int_equal(utf8_check(cases[i].s, n), 0);
	}
}

/* utf8_check names the first bad byte after good text, and never reads past n. */
static void test_utf8_check_finds_first_bad_byte(void **state)
{
	(void)state;
	assert_int_equal(utf8_check("", 0), 0);
	assert_int_equal(utf8_check("caf\xC3\xA9 ok", 8), 8);
	assert_int_equal(utf8_check("caf\xC3\xA9\xED\xA0\x80", 8), 5);
	assert_int_equal(utf8_check("ab\xC3\xA9", 3), 2);
	assert_int_equal(utf8_decode("\xC3\xA9", 1, &(uint32_t){ 0 }), 0);
}

/* A cut at n moves back to the start of the character n falls inside. */
static void test_utf8_floor_keeps_characters_whole(void **state)
{
	(void)state;
	const char *s = "a\xE4\xB8\xAD" "b";
	assert_int_equal(utf8_floor(s, 0), 0);
	assert_int_equal(utf8_floor(s, 1), 1);
	assert_int_equal(utf8_floor(s, 2), 1);
	assert_int_equal(utf8_floor(s, 3), 1);
	assert_int_equal(utf8_floor(s, 4), 4);
	assert_int_equal(utf8_floor(s, 5), 5);
}

/* Columns on a terminal: ASCII 1, CJK and emoji 2, combining marks 0, invalid bytes 1 (a
 * stray continuation byte 0). */
static void test_utf8_width_in_utf8_locale(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t cols;
	} cases[] = {
		{ "", 0 },
		{ "back pain", 9 },
		{ "caf\xC3\xA9", 4 },
		{ "cafe\xCC\x81", 4 },
		{ "\xE4\xB8\xAD\xE6\x96\x87", 4 },
		{ "\xE3\x81\x82" "a", 3 },
		{ "\xEF\xBC\xA1", 2 },
		{ "\xF0\x9F\x98\x80", 2 },
		{ "\xF0\x9F\x91\x8D!", 3 },
		{ "a\xCC\x81\xCC\xA7", 1 },
		{ "\xC0\x80", 1 },
		{ "x\xFFy", 3 },
		{ "\xE4\xB8", 1 },
		{ "\x80\x80", 0 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (utf8_width(cases[i].s, strlen(cases[i].s)) != cases[i].cols)
			fail_msg("case %zu: %zu columns, expected %zu", i,
			         utf8_width(cases[i].s, strlen(cases[i].s)), cases[i].cols);
	assert_int_equal(utf8_cp_width(0x4E2D), 2);
	assert_int_equal(utf8_cp_width(0x0301), 0);
	assert_int_equal(utf8_cp_width('a'), 1);
	assert_int_equal(utf8_cp_width(0x1B), 1);
}

/* Where the locale knows no wide characters (plain C), each character is one column, as
 * before a locale was set; combining marks too. */
static void test_utf8_width_in_c_locale(void **state)
{
	(void)state;
	assert_non_null(setlocale(LC_ALL, "C"));
	assert_int_equal(utf8_width("\xE4\xB8\xAD\xE6\x96\x87", 6), 2);
	assert_int_equal(utf8_width("cafe\xCC\x81", 6), 5);
	assert_int_equal(utf8_width("\xF0\x9F\x98\x80", 4), 1);
	assert_non_null(setlocale(LC_ALL, "C.UTF-8"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_decode_each_length),
		cmocka_unit_test(test_utf8_invalid_sequences_refused),
		cmocka_unit_test(test_utf8_check_finds_first_bad_byte),
		cmocka_unit_test(test_utf8_floor_keeps_characters_whole),
		cmocka_unit_test(test_utf8_width_in_utf8_locale),
		cmocka_unit_test(test_utf8_width_in_c_locale),
	};
	return cmocka_run_group_tests(tests, tl_utf8_locale, NULL);
}
