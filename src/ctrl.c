/*
 * ctrl.c - finding and escaping control characters (see ctrl.h).
 * Invariant: an escaped text holds no C0, DEL or C1 control except the allowed line breaks
 * and tabs, and every other byte is kept as it was.
 */
#include "ctrl.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "xalloc.h"

/* The control character at s[i] (n bytes left): its length in bytes (1 or 2), or 0. */
static size_t control_at(const unsigned char *s, size_t n, bool allow_lines, unsigned *code)
{
	if (s[0] < 0x20 || s[0] == 0x7f) {
		if (allow_lines && (s[0] == '\n' || s[0] == '\t'))
			return 0;
		*code = s[0];
		return 1;
	}
	if (s[0] == 0xc2 && n >= 2 && s[1] >= 0x80 && s[1] <= 0x9f) {
		*code = s[1];
		return 2;
	}
	return 0;
}

size_t ctrl_plain_run(const char *s, size_t len)
{
	/* When no byte of w has its top bit set, a byte below 0x20 sets it in w - 0x2020...
	 * and a DEL (0x7F) sets it in w + 0x0101.... */
	const uint64_t ones = 0x0101010101010101u, tops = 0x8080808080808080u;
	size_t i = 0;
	for (uint64_t w; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		if (((w - 0x20 * ones) | (w + ones) | w) & tops)
			break;
	}
	while (i < len && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F)
		i++;
	return i;
}

size_t ctrl_find(const char *s, size_t len, bool allow_lines, unsigned *code)
{
	unsigned c = 0;
	for (size_t i = ctrl_plain_run(s, len); i < len; i++) {
		if (control_at((const unsigned char *)s + i, len - i, allow_lines, &c) > 0) {
			if (code != NULL)
				*code = c;
			return i;
		}
		if ((unsigned char)s[i] < 0x80)
			i += ctrl_plain_run(s + i + 1, len - i - 1);
	}
	return len;
}

/* Writes the escaped form of s (len bytes) to out (room for 6 * len + 1 bytes). */
static void escape_into(char *out, const char *s, size_t len, bool allow_lines)
{
	size_t o = 0;
	for (size_t i = 0; i < len;) {
		unsigned c = 0;
		size_t k = control_at((const unsigned char *)s + i, len - i, allow_lines, &c);
		if (k == 0) {
			out[o++] = s[i++];
			continue;
		}
		o += (size_t)sprintf(out + o, c < 0x80 ? "\\x%02X" : "\\u%04X", c);
		i += k;
	}
	out[o] = '\0';
}

const char *ctrl_escape(struct arena *a, const char *s, bool allow_lines)
{
	if (s == NULL)
		return NULL;
	size_t len = strlen(s);
	if (ctrl_find(s, len, allow_lines, NULL) == len)
		return s;
	char *out = arena_alloc(a, 6 * len + 1);
	escape_into(out, s, len, allow_lines);
	return out;
}

char *ctrl_escape_dup(const char *s, bool allow_lines)
{
	if (s == NULL)
		return NULL;
	size_t len = strlen(s);
	char *out = xalloc_array(6 * len + 1, 1);
	escape_into(out, s, len, allow_lines);
	return out;
}
