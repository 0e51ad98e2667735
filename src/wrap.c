/*
 * wrap.c - the one word-wrap rule (wrap.h states it) and the one answer to "how wide": the
 * interview, the result, the records and the printed pages all wrap here, so a text breaks
 * the same way wherever a person reads it.
 */
#include "wrap.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "utf8.h"
#include "xalloc.h"

/* Lines longer than MAX_WIDTH are hard to read, so a wider terminal still gets paragraphs of
 * at most MAX_WIDTH columns (an explicit COLUMNS is obeyed, and wins over the terminal's
 * width). MIN_ROOM is the least room a line leaves its text after the indent. */
enum { MIN_WIDTH = 20, MAX_WIDTH = 100, MIN_ROOM = 10 };

int wrap_width(int fd)
{
	const char *c = getenv("COLUMNS");
	if (c != NULL && *c != '\0') {
		char *end;
		long n = strtol(c, &end, 10);
		if (*end == '\0' && n >= MIN_WIDTH && n <= 1000)
			return (int)n;
	}
	struct winsize ws;
	if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= MIN_WIDTH)
		return ws.ws_col < MAX_WIDTH ? ws.ws_col : MAX_WIDTH;
	return 80;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Columns of the hanging indent of a line that starts with a list mark ("12) ", "- "): its
 * continuation lines line up with the text after the mark. 0 otherwise. */
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

/* Starts an output line: lead, then deeper more spaces. Returns the columns written. */
static size_t start_line(FILE *out, const char *lead, size_t deeper)
{
	fprintf(out, "%s%*s", lead, (int)deeper, "");
	return utf8_width(lead, strlen(lead)) + deeper;
}

/* Writes one line of the text (n bytes, no '\n' inside) wrapped at width, its first output
 * line led by lead and the others by rest; no '\n' after the last. */
static void wrap_line(FILE *out, const char *s, size_t n, size_t width, const char *lead,
                      const char *rest)
{
	size_t i = 0;
	while (i < n && is_blank(s[i]))
		i++;
	size_t deeper = i, hang = hang_of(s + i, n - i), col = 0, gap = 0;
	bool is_started = false;
	while (i < n) {
		size_t j = i;
		while (j < n && !is_blank(s[j]))
			j++;
		size_t w = utf8_width(s + i, j - i);
		if (is_started && col + gap + w > width) {
			fputc('\n', out);
			lead = rest;
			deeper += hang;
			hang = 0;
			is_started = false;
		}
		if (!is_started)
			col = start_line(out, lead, deeper);
		else
			col += (size_t)fprintf(out, "%*s", (int)gap, "");
		is_started = true;
		fwrite(s + i, 1, j - i, out);
		col += w;
		for (gap = 0, i = j; i < n && is_blank(s[i]); i++)
			gap++;
	}
}

/* The text's lines wrapped and joined by '\n', the last not ended. */
static void wrap_lines(FILE *out, const char *text, size_t width, const char *first,
                       const char *rest)
{
	size_t indent = utf8_width(first, strlen(first));
	size_t other = utf8_width(rest, strlen(rest));
	if (other > indent)
		indent = other;
	if (width < indent + MIN_ROOM)
		width = indent + MIN_ROOM;
	const char *lead = first;
	for (const char *p = text;;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		wrap_line(out, p, n, width, lead, rest);
		if (nl == NULL)
			return;
		fputc('\n', out);
		lead = rest;
		p = nl + 1;
	}
}

void wrap_write(FILE *out, const char *text, size_t width, const char *first, const char *rest)
{
	wrap_lines(out, text, width, first, rest);
	size_t n = strlen(text);
	if (n == 0 || text[n - 1] != '\n')
		fputc('\n', out);
}

char *wrap_string(const char *text, size_t width, size_t indent)
{
	char *spaces = xalloc(indent + 1);
	memset(spaces, ' ', indent);
	spaces[indent] = '\0';
	char *buf = NULL;
	size_t len = 0;
	FILE *out = xalloc_memstream(&buf, &len);
	wrap_lines(out, text, width, spaces, spaces);
	if (fclose(out) != 0)
		xalloc_die();
	free(spaces);
	return buf;
}
