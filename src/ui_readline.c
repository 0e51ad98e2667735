/*
 * ui_readline.c - the front end for a person at a terminal, through GNU Readline. The only
 * file that includes <readline/...h>.
 *
 * Readline writes to standard error (rl_outstream), so standard output carries only the
 * result. History stays in memory for the session and is never written: answers are health
 * data. Signals: rl_catch_signals is off (what a signal does is decided here, not by
 * readline's handlers), the handlers only record the signal, and an rl_event_hook (called about ten times a second
 * while readline waits) acts on it: Ctrl-C on a line with text clears the line, Ctrl-C on an
 * empty line, SIGTERM and SIGHUP end the read. Readline restores the terminal itself when
 * readline() returns, so the terminal is left sane on every path.
 *
 * File-static state: readline's hooks take no user pointer, so the words to complete, the
 * text to pre-fill and the caught signal live here, documented, for the one front end that
 * exists at a time.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "i18n.h"
#include "ui.h"
#include "wrap.h"
#include "xalloc.h"

/* The signal caught while reading (0: none). Set only by the handler and the event hook. */
static volatile sig_atomic_t caught;
/* The words Tab completes and the text put on the next line; valid during one ask(). */
static const char *const *cur_words;
static const char *cur_initial;

struct ui_readline {
	struct ui base;
	bool is_colour;
	struct sigaction old_int, old_term, old_hup;
};

static void on_signal(int sig)
{
	caught = sig;
}

/* Acts on a caught signal while readline waits for a key. */
static int event_hook(void)
{
	if (caught == SIGINT && rl_end > 0) {
		caught = 0;
		rl_replace_line("", 0);
		rl_point = 0;
		rl_redisplay();
	} else if (caught != 0) {
		rl_replace_line("", 0);
		rl_done = 1;
	}
	return 0;
}

static int startup_hook(void)
{
	if (cur_initial != NULL)
		rl_insert_text(cur_initial);
	return 0;
}

/* Readline's generator protocol: state 0 starts a new completion, later calls go on from
 * where the last one stopped (kept in `next`). Returns a malloc'ed match readline frees. */
static char *complete_word(const char *text, int state)
{
	static size_t next;
	if (state == 0)
		next = 0;
	size_t len = strlen(text);
	while (cur_words != NULL && cur_words[next] != NULL) {
		const char *w = cur_words[next++];
		if (strncasecmp(w, text, len) == 0)
			return xalloc_strdup(w);
	}
	return NULL;
}

static char **complete(const char *text, int start, int end)
{
	(void)start;
	(void)end;
	rl_attempted_completion_over = 1;
	rl_completion_append_character = '\0';
	return rl_completion_matches(text, complete_word);
}

static enum ui_event rl_ask(struct ui *ui, const struct ui_prompt *p, char **line)
{
	(void)ui;
	*line = NULL;
	cur_words = p->words;
	cur_initial = p->initial;
	char *s = caught != 0 ? NULL : readline(p->prompt);
	cur_words = NULL;
	cur_initial = NULL;
	int sig = caught;
	caught = 0;
	/* Readline has ended the line itself when the event hook set rl_done; at an end of
	 * input it has only when bracketed paste was on. */
	if (sig != 0) {
		free(s);
		return sig == SIGTERM ? UI_TERMINATE : sig == SIGHUP ? UI_HANGUP : UI_INTERRUPT;
	}
	if (s == NULL) {
		const char *paste = rl_variable_value("enable-bracketed-paste");
		if (paste == NULL || strcmp(paste, "on") != 0)
			fputc('\n', stderr);
		return UI_EOF;
	}
	if (*s != '\0')
		add_history(s);
	*line = s;
	return UI_LINE;
}

enum { STYLE_BOLD = 1, STYLE_DIM = 2, STYLE_RED = 4 };

/* Paragraphs wider than this are hard to read: on a wide terminal, lines stop here. */
enum { READ_WIDTH = 100 };

/* Columns for text on the terminal (standard error): wrap_width()'s, one short of the edge
 * (writing the last column moves some terminals' cursor to the next line), at most
 * READ_WIDTH. Asked again before each text, so a resized terminal is followed. */
static size_t screen_width(void)
{
	size_t width = (size_t)wrap_width(STDERR_FILENO) - 1;
	return width < READ_WIDTH ? width : READ_WIDTH;
}

struct look {
	/* A blank line before the text. */
	bool is_spaced;
	int style;
	size_t indent;
	/* Put before the first line (counted in the indent of the others). */
	const char *mark;
};

static const struct look looks[UI_KINDS] = {
	[UI_TITLE] = { true, STYLE_BOLD, 0, NULL },
	[UI_SECTION] = { true, STYLE_BOLD, 0, NULL },
	[UI_TEXT] = { true, 0, 0, NULL },
	[UI_QUIET] = { false, STYLE_DIM, 0, NULL },
	[UI_PROGRESS] = { true, STYLE_DIM, 0, NULL },
	[UI_QUESTION] = { false, STYLE_BOLD, 0, NULL },
	[UI_OPTION] = { false, 0, 2, NULL },
	[UI_ERROR] = { false, STYLE_RED, 0, "! " },
	[UI_ALERT] = { true, STYLE_RED | STYLE_BOLD, 0, "!!! " },
};

static void style_on(int style)
{
	if (style & STYLE_BOLD)
		fputs("\033[1m", stderr);
	if (style & STYLE_DIM)
		fputs("\033[2m", stderr);
	if (style & STYLE_RED)
		fputs("\033[31m", stderr);
}

/* Shows text as lk says, wrapped to the terminal's width (at most READ_WIDTH). */
static void show_as(struct ui_readline *u, const struct look *lk, const char *text)
{
	char *body = NULL;
	size_t blen = 0;
	FILE *f = xalloc_memstream(&body, &blen);
	fprintf(f, "%s%s", lk->mark != NULL ? lk->mark : "", text);
	fclose(f);
	u->base.width = screen_width();
	char *w = wrap_string(body, u->base.width, lk->indent);
	free(body);
	if (w == NULL)
		return;
	if (lk->is_spaced)
		fputc('\n', stderr);
	if (u->is_colour && lk->style != 0)
		style_on(lk->style);
	fputs(w, stderr);
	if (u->is_colour && lk->style != 0)
		fputs("\033[0m", stderr);
	fputc('\n', stderr);
	fflush(stderr);
	free(w);
}

static void rl_show(struct ui *ui, enum ui_kind kind, const char *text)
{
	show_as((struct ui_readline *)ui, &looks[kind], text);
}

static enum ui_event rl_ask_yesno(struct ui *ui, const char *question, bool is_default_yes,
                              bool *is_yes)
{
	const char *words[] = { P_("answer", "yes"), P_("answer", "no"), NULL };
	struct ui_prompt p = { is_default_yes ? _("[Y/n] > ") : _("[y/N] > "), NULL, words };
	rl_show(ui, UI_QUESTION, question);
	for (;;) {
		char *line = NULL;
		enum ui_event ev = rl_ask(ui, &p, &line);
		if (ev != UI_LINE)
			return ev;
		int k = line[strspn(line, " ")] == '\0' ? is_default_yes : ui_yesno_word(line);
		free(line);
		if (k >= 0) {
			*is_yes = k == 1;
			return UI_LINE;
		}
		rl_show(ui, UI_ERROR, _("Please answer yes or no."));
	}
}

/* Messages about the check are plain paragraphs, without a blank line before them. */
static void rl_say(struct ui *ui, const char *text)
{
	static const struct look plain = { false, 0, 0, NULL };
	show_as((struct ui_readline *)ui, &plain, text);
}

static void rl_free_ui(struct ui *ui)
{
	struct ui_readline *u = (struct ui_readline *)ui;
	sigaction(SIGINT, &u->old_int, NULL);
	sigaction(SIGTERM, &u->old_term, NULL);
	sigaction(SIGHUP, &u->old_hup, NULL);
	rl_event_hook = NULL;
	rl_startup_hook = NULL;
	rl_attempted_completion_function = NULL;
	clear_history();
	free(u);
}

static const struct ui_ops readline_ops = {
	.ask = rl_ask,
	.show = rl_show,
	.yesno = rl_ask_yesno,
	.message = rl_say,
	.free = rl_free_ui,
};

static void setup_readline(bool is_plain)
{
	rl_readline_name = "backcheck";
	rl_instream = stdin;
	rl_outstream = stderr;
	rl_catch_signals = 0;
	rl_catch_sigwinch = 1;
	/* Readline would export the terminal's size as COLUMNS and LINES; COLUMNS is the
	 * person's choice of width and wins over the terminal's (wrap_width). */
	rl_change_environment = 0;
	rl_initialize();
	rl_variable_bind("completion-ignore-case", "on");
	if (is_plain)
		rl_variable_bind("enable-bracketed-paste", "off");
	rl_attempted_completion_function = complete;
	rl_completer_word_break_characters = " ,";
	rl_startup_hook = startup_hook;
	rl_event_hook = event_hook;
	using_history();
	stifle_history(200);
}

struct ui *ui_readline_new(const struct ui_readline_opts *o)
{
	struct ui_readline *u = xalloc_array(1, sizeof *u);
	u->base.ops = &readline_ops;
	u->base.is_interactive = true;
	u->base.is_plain = o->is_plain;
	u->base.width = screen_width();
	u->is_colour = !o->is_plain && ui_can_colour(STDERR_FILENO);
	caught = 0;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &u->old_int);
	sigaction(SIGTERM, &sa, &u->old_term);
	sigaction(SIGHUP, &sa, &u->old_hup);
	setup_readline(o->is_plain);
	return &u->base;
}
