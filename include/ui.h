/*
 * ui.h - the interview's front end: one small interface, two implementations.
 *
 * The interview (interview.c) decides what to say and what to ask; a front end only shows
 * text and reads one line. ui_readline.c talks to a person at a terminal through GNU Readline
 * (the only file that includes <readline/...h>); ui_plain.c reads lines from a pipe or a file
 * with getline() and shows nothing but errors. Tests provide their own front end with the same
 * operations.
 *
 * Everything the interview shows goes to the front end's output (standard error for both
 * implementations), so that standard output carries only the result.
 */
#ifndef BACKCHECK_UI_H
#define BACKCHECK_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct ui;

/* What asking returned. */
enum ui_event {
	/* A line was read; *line holds it without its newline. */
	UI_LINE,
	/* Ctrl-D on an empty line, or the end of standard input. */
	UI_EOF,
	/* Ctrl-C on an empty line. */
	UI_INTERRUPT,
	/* SIGTERM arrived. */
	UI_TERMINATE,
	/* SIGHUP arrived (the terminal went away). */
	UI_HANGUP,
};

/* What kind of text is shown; the front end chooses how it looks (bold, colour, indent). */
enum ui_kind {
	/* The questionnaire's title. */
	UI_TITLE,
	/* A section title, when the section is reached. */
	UI_SECTION,
	/* Ordinary paragraphs: introductions, help, review lists. */
	UI_TEXT,
	/* Small print: the disclaimer, hints under a question. */
	UI_QUIET,
	/* The progress mark before each question ("4/31 · Recovery"). */
	UI_PROGRESS,
	/* The question itself. */
	UI_QUESTION,
	/* One line of what the prompt accepts (a choice, the ends of a scale); never wrapped away. */
	UI_OPTION,
	/* Why an answer was not accepted. */
	UI_ERROR,
	/* An emergency: a stop rule ended the interview. */
	UI_ALERT,
	UI_KINDS,
};

struct ui_prompt {
	/* The short prompt at the start of the input line, such as "[y/n] > ". */
	const char *prompt;
	/* Text put on the line for editing (a previous or default answer), or NULL. */
	const char *initial;
	/* Words that Tab completes (choice ids and commands), NULL-terminated; NULL for none. */
	const char *const *words;
};

struct ui_ops {
	/*
	 * Reads one answer. On UI_LINE, *line is a malloc'ed string the caller frees; on any other
	 * event *line is NULL. Never fails otherwise: a read error counts as UI_EOF.
	 */
	enum ui_event (*ask)(struct ui *ui, const struct ui_prompt *p, char **line);
	/* Shows text of a kind; text may hold several paragraphs separated by "\n". */
	void (*show)(struct ui *ui, enum ui_kind kind, const char *text);
	/*
	 * Asks a question answered yes or no (question is shown as it is; the front end adds
	 * the prompt, "[Y/n]" or "[y/N]" after is_default_yes). Enter gives the default; y, yes,
	 * n, no (any case) answer; anything else is refused and asked again. Returns UI_LINE
	 * with *is_yes set, or the event that ended the asking (UI_EOF for Ctrl-D or the end
	 * of input, which callers take as no).
	 */
	enum ui_event (*yesno)(struct ui *ui, const char *question, bool is_default_yes,
	                       bool *is_yes);
	/*
	 * Tells the person something about the check itself rather than the questionnaire:
	 * saved, kept, refused, set aside. Every front end shows it, on its error stream (a
	 * scripted run needs it as much as a person), wrapped to the terminal's width there.
	 */
	void (*message)(struct ui *ui, const char *text);
	/* Frees the front end and leaves the terminal as it found it. */
	void (*free)(struct ui *ui);
};

/*
 * The common head of every front end. is_interactive: a person is typing (commands, reviews
 * and re-asking apply); otherwise each line is one answer and the first wrong one ends the
 * run. Implementations embed this struct first.
 */
struct ui {
	const struct ui_ops *ops;
	bool is_interactive;
	/* Every choice on its own line, no colour, no cursor movement (screen readers). */
	bool is_plain;
	/* The columns text is shown in (the terminal's, kept current by the front end), so that
	 * a line of choices is never broken between a number and its label; 0: no limit. */
	size_t width;
};

struct ui_readline_opts {
	/* --plain: no colour and no decoration beyond words (screen readers). */
	bool is_plain;
};

/* A readline front end on standard input and standard error. Installs handlers for SIGINT,
 * SIGTERM and SIGHUP until ui->ops->free(). Caller frees. */
struct ui *ui_readline_new(const struct ui_readline_opts *o);

/* The longest answer line any front end passes on, in bytes; the interview refuses longer
 * ones ("far too long"), and the plain front end stops reading a line one byte past it. */
enum { UI_LINE_MAX = 4096 };

/* A front end that reads lines from in (borrowed) and reports errors to err (borrowed).
 * Caller frees. */
struct ui *ui_plain_new(FILE *in, FILE *err);

/* What a typed word means to a yes/no question: 1 yes, 0 no, -1 neither. The blank line is
 * neither (the caller chooses its default). */
int ui_yesno_word(const char *s);

/* Whether colour and bold may be used on the stream with file descriptor fd: a terminal, no
 * NO_COLOR in the environment (an empty one does not count, as no-color.org says), TERM set
 * and not "dumb". */
bool ui_can_colour(int fd);

#endif
