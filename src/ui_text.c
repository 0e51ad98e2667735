/*
 * ui_text.c - what both front ends share about text on a terminal: whether colour may be
 * used, how wide the terminal is, and wrapping paragraphs to that width. No readline here.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "i18n.h"
#include "ui.h"
#include "utf8.h"
#include "xalloc.h"

bool ui_can_colour(int fd)
{
	if (!isatty(fd))
		return false;
	const char *no_colour = getenv("NO_COLOR");
	if (no_colour != NULL && *no_colour != '\0')
		return false;
	const char *term = getenv("TERM");
	return term != NULL && *term != '\0' && strcmp(term, "dumb") != 0;
}

int ui_yesno_word(const char *s)
{
	static const struct {
		const char *word;
		int is_yes;
	} words[] = { { "y", 1 }, { "yes", 1 }, { "n", 0 }, { "no", 0 } };
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		if (n == strlen(words[k].word) && strncasecmp(s, words[k].word, n) == 0)
			return words[k].is_yes;
	return i18n_yesno(s, n);
}

size_t ui_width(int fd)
{
	size_t w = 0;
	const char *cols = getenv("COLUMNS");
	if (cols != NULL)
		w = (size_t)strtoul(cols, NULL, 10);
	struct winsize ws;
	if (w == 0 && isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		w = ws.ws_col;
	if (w == 0)
		w = 80;
	if (w < 20)
		w = 20;
	if (w > 200)
		w = 200;
	return w;
}

/* Columns of the hanging indent of a paragraph that starts with a list mark ("12) ", "- "):
 * its continuation lines line up with the text after the mark. 0 otherwise. */
static size_t hang_of(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i > 0 && i + 1 < n && s[i] == ')' && s[i + 1] == ' ')
		return i + 2;
	if (n > 2 && s[0] == '-' && s[1] == ' ')
		return 2;
	return 0;
}

/* Appends one paragraph (no "\n" inside, length n) wrapped at width after indent spaces.
 * The paragraph's own leading spaces deepen the indent of all its lines; runs of spaces
 * inside a line are kept (they align columns), and become one break at a wrap. */
static void wrap_line(FILE *out, const char *s, size_t n, size_t width, size_t indent)
{
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	indent += i;
	size_t hang = hang_of(s + i, n - i);
	size_t col = 0, gap = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != ' ')
			j++;
		size_t wlen = utf8_width(s + i, j - i);
		if (col > 0 && col + gap + wlen > width) {
			fputc('\n', out);
			col = 0;
			indent += hang;
			hang = 0;
		}
		if (col == 0) {
			fprintf(out, "%*s", (int)indent, "");
			col = indent;
		} else {
			fprintf(out, "%*s", (int)gap, "");
			col += gap;
		}
		fwrite(s + i, 1, j - i, out);
		col += wlen;
		for (gap = 0, i = j; i < n && s[i] == ' '; i++)
			gap++;
	}
}

char *ui_wrap(const char *text, size_t width, size_t indent)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	if (out == NULL)
		xalloc_die();
	if (width <= indent + 10)
		width = indent + 10;
	const char *p = text;
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		wrap_line(out, p, n, width, indent);
		if (nl == NULL)
			break;
		fputc('\n', out);
		p = nl + 1;
	}
	fclose(out);
	return buf;
}
