/*
 * utf8.c - decoding, validation and display width of UTF-8 text (see utf8.h).
 * Invariant: utf8_decode() is the one place that says what a well-formed character is;
 * utf8_check() and utf8_width() walk text with it and never read past n.
 */
#include "utf8.h"

#include <wchar.h>

size_t utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	/* The smallest code point each length may carry: anything less is an overlong form. */
	static const uint32_t least[] = { 0, 0, 0x80, 0x800, 0x10000 };
	if (n == 0)
		return 0;
	unsigned char b = (unsigned char)s[0];
	size_t len = b < 0x80 ? 1 : (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3
	           : (b & 0xF8) == 0xF0 ? 4 : 0;
	if (len == 0 || len > n)
		return 0;
	uint32_t c = len == 1 ? b : b & (0x7Fu >> len);
	for (size_t i = 1; i < len; i++) {
		if (!utf8_is_cont((unsigned char)s[i]))
			return 0;
		c = c << 6 | ((unsigned char)s[i] & 0x3Fu);
	}
	if (c < least[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

size_t utf8_check(const char *s, size_t n)
{
	uint32_t cp;
	for (size_t i = 0; i < n;) {
		size_t len = (unsigned char)s[i] < 0x80 ? 1 : utf8_decode(s + i, n - i, &cp);
		if (len == 0)
			return i;
		i += len;
	}
	return n;
}

size_t utf8_encoded_len(uint32_t cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

size_t utf8_floor(const char *s, size_t n)
{
	while (n > 0 && utf8_is_cont((unsigned char)s[n]))
		n--;
	return n;
}

int utf8_cp_width(uint32_t cp)
{
	if (cp >= 0x20 && cp < 0x7F)
		return 1;
	/* glibc's wchar_t holds UCS-4 code points in every locale (__STDC_ISO_10646__). */
	int w = wcwidth((wchar_t)cp);
	return w >= 0 ? w : 1;
}

size_t utf8_width(const char *s, size_t n)
{
	size_t cols = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (len == 0) {
			cols += !utf8_is_cont((unsigned char)s[i]);
			i++;
			continue;
		}
		cols += (size_t)utf8_cp_width(cp);
		i += len;
	}
	return cols;
}
