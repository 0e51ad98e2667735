/*
 * ui_plain.c - the front end for standard input that is not a terminal: one line per asked
 * item (at most UI_LINE_MAX bytes are read of it), no prompts and no decoration. Only errors
 * are shown (on the error stream), since the interview ends at the first one.
 */
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "xalloc.h"

struct ui_plain {
	struct ui base;
	FILE *in;
	FILE *err;
};

/*
 * Reads one line of at most UI_LINE_MAX bytes (and the byte after, so that the line check
 * sees it is too long): a longer line is not read on into memory. A NUL byte is passed on as
 * DEL (0x7F), which the line check refuses as a control character; a C string would
 * otherwise end at it and the answer would be cut silently.
 */
static enum ui_event plain_ask(struct ui *ui, const struct ui_prompt *p, char **line)
{
	struct ui_plain *u = (struct ui_plain *)ui;
	(void)p;
	*line = NULL;
	char *buf = xalloc(UI_LINE_MAX + 2);
	size_t n = 0;
	int c = EOF;
	while (n <= UI_LINE_MAX && (c = getc(u->in)) != EOF && c != '\n')
		buf[n++] = c == '\0' ? 0x7f : (char)c;
	if (n == 0 && c == EOF) {
		free(buf);
		return UI_EOF;
	}
	if (n > 0 && buf[n - 1] == '\r')
		n--;
	buf[n] = '\0';
	*line = buf;
	return UI_LINE;
}

static void plain_show(struct ui *ui, enum ui_kind kind, const char *text)
{
	struct ui_plain *u = (struct ui_plain *)ui;
	if (kind == UI_ERROR || kind == UI_ALERT)
		fprintf(u->err, "backcheck: %s\n", text);
}

/* A yes/no question from a pipe: one line, shown nothing; a line that is neither yes nor no
 * ends the asking like the end of input (no one is there to ask again). */
static enum ui_event plain_yesno(struct ui *ui, const char *question, bool is_default_yes,
                                 bool *is_yes)
{
	(void)question;
	char *line = NULL;
	if (plain_ask(ui, NULL, &line) != UI_LINE)
		return UI_EOF;
	int k = line[strspn(line, " ")] == '\0' ? is_default_yes : ui_yesno_word(line);
	free(line);
	*is_yes = k == 1;
	return k >= 0 ? UI_LINE : UI_EOF;
}

static void plain_message(struct ui *ui, const char *text)
{
	struct ui_plain *u = (struct ui_plain *)ui;
	fprintf(u->err, "%s\n", text);
}

static void plain_free(struct ui *ui)
{
	free(ui);
}

static const struct ui_ops plain_ops = {
	.ask = plain_ask,
	.show = plain_show,
	.yesno = plain_yesno,
	.message = plain_message,
	.free = plain_free,
};

struct ui *ui_plain_new(FILE *in, FILE *err)
{
	struct ui_plain *u = xalloc_array(1, sizeof *u);
	u->base.ops = &plain_ops;
	u->base.is_interactive = false;
	u->base.is_plain = true;
	u->in = in;
	u->err = err;
	return &u->base;
}
