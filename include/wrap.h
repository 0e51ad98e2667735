/*
 * wrap.h - the one word-wrap rule, for everything backcheck writes as paragraphs on a
 * terminal or in a text file: the interview, the result, the records and the printed pages.
 *
 * The rule:
 *   - a line break in the text is kept; a word is a run of anything but spaces and tabs, and
 *     is never split, so a word longer than a line stands on a line of its own (a no-break
 *     space, U+00A0, is part of a word: "NHS\u00a0111" stays together);
 *   - columns are display columns (utf8_width(): a wide character takes 2, a combining mark
 *     0), the indent included; a line never passes width unless one word alone does;
 *   - the first line starts with first, every other line with rest; a line of the text that
 *     starts with spaces is indented that much deeper, and one that starts with a list mark
 *     ("12) ", "- ") continues under the text after the mark;
 *   - spaces between words are kept as written (they may align columns) and become one break
 *     where the line wraps; a tab counts as a space; nothing ends in spaces, and a blank line
 *     is empty (no indent);
 *   - the text gets at least 10 columns after the wider of first and rest, however narrow
 *     width is.
 */
#ifndef BACKCHECK_WRAP_H
#define BACKCHECK_WRAP_H

#include <stddef.h>
#include <stdio.h>

/* The width for text on file descriptor fd: $COLUMNS when it is a number from 20 to 1000, else
 * the terminal's when fd is one (at most 100: longer lines are hard to read), else 80. */
int wrap_width(int fd);

/* Writes text to out wrapped as above, every line ended by '\n' (a text that ends in '\n'
 * gets no second one). */
void wrap_write(FILE *out, const char *text, size_t width, const char *first, const char *rest);

/* text wrapped as above with indent spaces before every line, its lines joined by '\n' and
 * the last not ended. Returns a malloc'ed string; caller frees. */
char *wrap_string(const char *text, size_t width, size_t indent);

#endif
