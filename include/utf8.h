/*
 * utf8.h - UTF-8 text: decoding, validation and the columns it takes on a terminal.
 *
 * Well-formed means RFC 3629: the shortest form only (no overlongs such as C0 80), no
 * surrogates (U+D800-U+DFFF), nothing above U+10FFFF, no sequence cut short. Every reader of
 * text (questionnaires, answers, typed lines, expressions) asks this module, so a byte is
 * valid in one place exactly when it is valid in all of them.
 *
 * Display width comes from wcwidth(), so it follows the locale main() sets with setlocale():
 * in a UTF-8 locale wide characters (CJK, most emoji) take 2 columns and combining marks 0;
 * where the locale does not know a character it takes 1, as it did before a locale was set.
 */
#ifndef BACKCHECK_UTF8_H
#define BACKCHECK_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The longest encoded character, in bytes. */
enum { UTF8_MAX = 4 };

/* Whether b continues a character (10xxxxxx) rather than starting one. */
static inline bool utf8_is_cont(unsigned char b)
{
	return (b & 0xC0) == 0x80;
}

/* The length a lead byte announces (1 to 4), for text already known to be well-formed;
 * no check of what follows. */
static inline size_t utf8_lead_len(unsigned char b)
{
	return b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : 4;
}

/* Decodes the character at s (n bytes left): its length in bytes with the code point in
 * *cp, or 0 when the bytes there are not a well-formed character (*cp is then unchanged). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* The offset of the first byte of s[0..n) that does not begin a well-formed character, or n
 * when all of it is valid UTF-8. */
size_t utf8_check(const char *s, size_t n);

/* How many bytes code point cp takes in UTF-8 (1 to 4; 3 for a surrogate, as if encoded). */
size_t utf8_encoded_len(uint32_t cp);

/* The largest character boundary at or before n in s (n no more than strlen(s)), so that
 * s[0..result) cuts no character in two. */
size_t utf8_floor(const char *s, size_t n);

/* Terminal columns of one code point: 2 for wide, 0 for combining, 1 when unknown. */
int utf8_cp_width(uint32_t cp);

/* Terminal columns of s[0..n). A byte that is not part of a well-formed character takes 1
 * column if it could start one, 0 if it is a stray continuation byte. */
size_t utf8_width(const char *s, size_t n);

#endif
