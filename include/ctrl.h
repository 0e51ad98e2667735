/*
 * ctrl.h - control characters in text that reaches a terminal.
 *
 * A C0 control (U+0000-U+001F), DEL (U+007F) or a C1 control (U+0080-U+009F, two bytes in
 * UTF-8) sent to a terminal can move the cursor, retitle the window or worse. Answers with one
 * are refused wherever they arrive (typed, piped, answers files, saved checks); text read from
 * files that is shown anyway (records, questionnaires, error messages) is escaped first:
 * ESC becomes "\x1B", U+009B becomes "\u009B". Line breaks and tabs are controls here too
 * unless a caller allows them.
 */
#ifndef BACKCHECK_CTRL_H
#define BACKCHECK_CTRL_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

/* How many bytes at the start of s (len bytes) are printable ASCII (0x20-0x7E): a run with
 * no control character, no line break and nothing multi-byte, looked at eight bytes at a
 * time (the fast path of every scan for controls). */
size_t ctrl_plain_run(const char *s, size_t len);

/* The byte offset in s (len bytes) of the first control character, or len when there is
 * none; with allow_lines, '\n' and '\t' do not count. *code (when not NULL) gets its code
 * point. */
size_t ctrl_find(const char *s, size_t len, bool allow_lines, unsigned *code);

/* s with every control character (but '\n' and '\t' when allow_lines) escaped, in arena a;
 * s itself when it has none. NULL gives NULL. */
const char *ctrl_escape(struct arena *a, const char *s, bool allow_lines);

/* The same into a malloc'ed string the caller frees (for text outside any arena). */
char *ctrl_escape_dup(const char *s, bool allow_lines);

#endif
