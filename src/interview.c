/*
 * interview.c - the one ask loop (interview.h). What to ask and whether an answer is valid
 * come from the engine; this file only turns items into prompts, commands into actions and
 * the front end's events into ends. There is no prompt loop per item type: every item goes
 * through ask_item(), and its type only chooses the words of the prompt (prompt_of()).
 *
 * Invariant: an answer reaches the engine only through engine_parse() and engine_set(), and
 * opts->on_change is called after each change.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "ctrl.h"
#include "engine.h"
#include "i18n.h"
#include "interview.h"
#include "model.h"
#include "ui.h"
#include "utf8.h"
#include "wrap.h"
#include "xalloc.h"

/* Longest line looked at: anything longer is refused before parsing. */
enum { MSG_SIZE = 512 };

enum cmd { CMD_HELP, CMD_BACK, CMD_SKIP, CMD_REVIEW, CMD_WHY, CMD_QUIT, CMDS, CMD_NONE = CMDS };

/* The commands' English names, always understood; the interface's language may add its own
 * (command_name()). */
static const struct {
	const char *name;
} commands[CMDS] = {
	[CMD_HELP] = { "help" },
	[CMD_BACK] = { "back" },
	[CMD_SKIP] = { "skip" },
	[CMD_REVIEW] = { "review" },
	[CMD_WHY] = { "why" },
	[CMD_QUIT] = { "quit" },
};

/* Command c's name in the interface's language (the English name when it has none). The
 * sentences that name a command say the same word. */
static const char *command_name(enum cmd c)
{
	/* TRANSLATORS: the commands a person types at any question; one word each, as the
	 * help and the other messages name them. */
	static const char *const names[CMDS] = {
		[CMD_HELP] = NP_("command", "help"), [CMD_BACK] = NP_("command", "back"),
		[CMD_SKIP] = NP_("command", "skip"), [CMD_REVIEW] = NP_("command", "review"),
		[CMD_WHY] = NP_("command", "why"), [CMD_QUIT] = NP_("command", "quit"),
	};
	return i18n_pgettext(names[c]);
}

/* What handling one line led to. */
enum act {
	/* The item was answered or skipped: ask what comes next. */
	ACT_DONE,
	/* Ask the same prompt again (after help, why, or a wrong answer). */
	ACT_RETRY,
	/* Leave this item for now: the loop asks iv->target or what comes next. */
	ACT_JUMP,
	/* The interview is over: iv->end says how. */
	ACT_END,
};

struct iv {
	struct engine *e;
	const struct questionnaire *q;
	struct ui *ui;
	const struct interview_opts *o;
	size_t lang;
	/* The section whose title was shown last, or -1. */
	long section;
	/* Sections whose introduction was shown. */
	bool *seen;
	/* The item to ask next instead of engine_next() (back, review), or -1. */
	long target;
	enum interview_end end;
	/* Whether the person was told that Enter keeps an answer filled in from last time. */
	bool has_told_default;
	/* Per rule (alert rules only): the person confirmed the answer that made it certain. */
	bool *is_confirmed;
	/* Per rule: the section at whose end its urgent notice is due (NOTICE_AT_ONCE: before
	 * the next question), NOTICE_NONE, or NOTICE_SHOWN. */
	long *notice;
	/* Scratch for engine_certain_alerts(): nrules entries. */
	size_t *certain;
	char msg[MSG_SIZE];
};

enum { NOTICE_NONE = -1, NOTICE_AT_ONCE = -2, NOTICE_SHOWN = -3 };

static void show(struct iv *iv, enum ui_kind kind, const char *text)
{
	iv->ui->ops->show(iv->ui, kind, text);
}

static void showf(struct iv *iv, enum ui_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void showf(struct iv *iv, enum ui_kind kind, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	show(iv, kind, buf);
}

static const char *text_of(struct iv *iv, const struct ltext *t)
{
	return t->s == NULL ? "" : engine_fill(iv->e, t);
}

static void changed(struct iv *iv)
{
	if (iv->o->on_change != NULL)
		iv->o->on_change(iv->o->ctx, iv->e);
}

static enum interview_end end_of(enum ui_event ev)
{
	switch (ev) {
	case UI_TERMINATE:
		return INTERVIEW_TERMINATED;
	case UI_HANGUP:
		return INTERVIEW_HANGUP;
	case UI_LINE:
	case UI_EOF:
	case UI_INTERRUPT:
		break;
	}
	return INTERVIEW_QUIT;
}

int interview_exit_status(enum interview_end end)
{
	static const int status[] = {
		[INTERVIEW_DONE] = EXIT_OK,
		[INTERVIEW_STOPPED] = EXIT_OK,
		[INTERVIEW_QUIT] = EXIT_INTERRUPTED,
		[INTERVIEW_TERMINATED] = EXIT_SIGTERM,
		[INTERVIEW_HANGUP] = EXIT_SIGHUP,
		[INTERVIEW_BAD_INPUT] = EXIT_DATAERR,
	};
	return status[end];
}

/* --- What is shown ---------------------------------------------------------------------- */

static bool is_asked_before(const struct engine *e, size_t i)
{
	return engine_applies(e, i) && (engine_is_answered(e, i) || engine_is_skipped(e, i));
}

/* Whether item i is listed in a review. */
static bool is_listed(const struct engine *e, const struct questionnaire *q, size_t i)
{
	return is_asked_before(e, i) && q->items[i].type != ITEM_NOTE;
}

size_t interview_count_answered(const struct engine *e)
{
	const struct questionnaire *q = engine_questionnaire(e);
	size_t n = 0;
	for (size_t i = 0; i < q->nitems; i++)
		n += is_listed(e, q, i);
	return n;
}

static void show_intro(struct iv *iv)
{
	const struct questionnaire *q = iv->q;
	show(iv, UI_TITLE, text_of(iv, &q->title));
	if (q->introduction.s != NULL)
		show(iv, UI_TEXT, text_of(iv, &q->introduction));
	long first = engine_next(iv->e);
	if (first >= 0 && iv->ui->is_interactive) {
		size_t pos, now, most = 0;
		engine_progress(iv->e, (size_t)first, &pos, &now);
		for (size_t i = 0; i < q->nitems; i++)
			most += q->items[i].type != ITEM_NOTE;
		if (most > now)
			showf(iv, UI_TEXT, _("There are between %zu and %zu questions, depending on "
			                     "your answers. At any question, type ? for help, back to "
			                     "go back, or quit to stop."), now, most);
		else
			showf(iv, UI_TEXT, ngettext("There is %zu question. At any question, type ? for "
			                            "help, back to go back, or quit to stop.",
			                            "There are %zu questions. At any question, type ? "
			                            "for help, back to go back, or quit to stop.", now),
			      now);
	}
	show(iv, UI_TEXT, text_of(iv, &q->disclaimer));
}

static void show_section(struct iv *iv, size_t item)
{
	size_t s = iv->q->items[item].section;
	if ((long)s == iv->section)
		return;
	iv->section = (long)s;
	const struct section *sec = &iv->q->sections[s];
	show(iv, UI_SECTION, text_of(iv, &sec->title));
	if (!iv->seen[s] && sec->introduction.s != NULL)
		show(iv, UI_TEXT, text_of(iv, &sec->introduction));
	iv->seen[s] = true;
}

/* The choices offered with the answers so far (engine_offered), numbered from 1 in order,
 * inline when short ("1) a  2) b") unless plain, else one per line. */
static void show_choices(struct iv *iv, const struct item *it)
{
	char line[256];
	size_t len = 0, *offered = xalloc_array(it->nchoices + 1, sizeof *offered);
	size_t n = engine_offered(iv->e, it->index, offered);
	bool is_inline = !iv->ui->is_plain;
	/* Inline only when the line fits the width after the option's indent of 2. */
	size_t room = iv->ui->width > 2 ? iv->ui->width - 2 : SIZE_MAX;
	for (size_t j = 0; j < n && is_inline; j++) {
		const char *label = text_of(iv, &it->choices[offered[j]].label);
		int w = snprintf(line + len, sizeof line - len, "%s%zu) %s", j ? "   " : "", j + 1,
		                 label);
		len += (size_t)w;
		is_inline = len < 64 && len <= room;
	}
	int digits = n >= 10 ? 2 : 1;
	if (is_inline)
		show(iv, UI_OPTION, line);
	for (size_t j = 0; j < n && !is_inline; j++)
		showf(iv, UI_OPTION, "%*zu) %s", digits, j + 1,
		      text_of(iv, &it->choices[offered[j]].label));
	free(offered);
}

static void show_item(struct iv *iv, size_t item)
{
	const struct item *it = &iv->q->items[item];
	show_section(iv, item);
	size_t pos, total;
	engine_progress(iv->e, item, &pos, &total);
	showf(iv, UI_PROGRESS, "%zu/%zu · %s", pos, total,
	      text_of(iv, &iv->q->sections[it->section].title));
	show(iv, UI_QUESTION, text_of(iv, &it->text));
	if (it->type == ITEM_CHOICE || it->type == ITEM_MULTI)
		show_choices(iv, it);
	if (it->type == ITEM_SCALE) {
		char lo[32], hi[32];
		engine_format_number(it->min, lo, sizeof lo);
		engine_format_number(it->max, hi, sizeof hi);
		showf(iv, UI_OPTION, "%s = %s, %s = %s", lo, text_of(iv, &it->min_label), hi,
		      text_of(iv, &it->max_label));
	}
	if (it->type == ITEM_MULTI)
		show(iv, UI_QUIET, _("Choose one or more: type their numbers, such as 1,3."));
	if (!it->is_required)
		show(iv, UI_QUIET, _("This one is optional: press Enter or type skip to leave it "
		                     "out."));
	if (iv->ui->is_interactive && !iv->has_told_default && iv->o->defaults != NULL &&
	    value_is_known(iv->o->defaults[item]) && !engine_is_answered(iv->e, item)) {
		show(iv, UI_QUIET, _("Your answer from last time is filled in: press Enter to keep "
		                     "it, or change it."));
		iv->has_told_default = true;
	}
}

/* The short prompt: what the line accepts. Written into buf. */
static const char *prompt_of(struct iv *iv, size_t item, char *buf, size_t bufsz)
{
	const struct item *it = &iv->q->items[item];
	char lo[32], hi[32];
	engine_format_number(it->min, lo, sizeof lo);
	engine_format_number(it->max, hi, sizeof hi);
	const char *unit = it->unit.s != NULL ? text_of(iv, &it->unit) : "";
	switch (it->type) {
	case ITEM_YESNO:
		return _("[y/n] > ");
	case ITEM_CHOICE:
	case ITEM_MULTI:
		snprintf(buf, bufsz, "[1-%zu] > ", engine_offered(iv->e, item, NULL));
		return buf;
	case ITEM_INT:
	case ITEM_NUMBER:
	case ITEM_SCALE:
		snprintf(buf, bufsz, "(%s-%s%s%s) > ", lo, hi, *unit ? " " : "", unit);
		return buf;
	case ITEM_TEXT:
	case ITEM_NOTE:
	case ITEM_TYPES:
		break;
	}
	return "> ";
}

/* --- Lines -------------------------------------------------------------------------------- */

/* Refuses lines no item can take: too long, control characters, invalid UTF-8. */
static int check_line(struct iv *iv, const char *s)
{
	size_t n = strlen(s);
	const char *why = NULL;
	if (n > UI_LINE_MAX)
		why = _("That answer is far too long. Please type a short answer.");
	if (why == NULL && strpbrk(s, "\n\r") != NULL)
		why = _("That was several lines. Please give one answer at a time.");
	if (why == NULL && ctrl_find(s, n, false, NULL) < n)
		why = _("That answer has control characters in it. Please type it again.");
	if (why == NULL && utf8_check(s, n) < n)
		why = _("That answer has characters that are not valid text (UTF-8). Please type "
		        "it again.");
	if (why == NULL)
		return 0;
	snprintf(iv->msg, sizeof iv->msg, "%s", why);
	return -1;
}

/* Trims spaces at both ends, in place. */
static char *trim(char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

static enum cmd command_of(const char *s)
{
	if (strcmp(s, "?") == 0)
		return CMD_HELP;
	/* The words people use to leave a program. */
	if (strcasecmp(s, "exit") == 0 || strcasecmp(s, "q") == 0)
		return CMD_QUIT;
	for (size_t c = 0; c < CMDS; c++)
		if (strcasecmp(s, commands[c].name) == 0 || strcasecmp(s, command_name(c)) == 0)
			return (enum cmd)c;
	return CMD_NONE;
}

/* For "?2", "? 2" or "help 2" (help in English or the interface's language): where the
 * number starts; else NULL. */
static const char *help_number(const char *s)
{
	const char *help = command_name(CMD_HELP);
	size_t n = strlen(help);
	if (*s == '?')
		s++;
	else if (strncasecmp(s, "help ", 5) == 0)
		s += 5;
	else if (strncasecmp(s, help, n) == 0 && s[n] == ' ')
		s += n + 1;
	else
		return NULL;
	while (*s == ' ')
		s++;
	return *s != '\0' ? s : NULL;
}

/* Reports iv->msg for item: the same question again, or (not interactive) the end. */
static enum act wrong(struct iv *iv, size_t item)
{
	if (iv->ui->is_interactive) {
		show(iv, UI_ERROR, iv->msg);
		return ACT_RETRY;
	}
	showf(iv, UI_ERROR, "%s: %s", iv->q->items[item].id, iv->msg);
	iv->end = INTERVIEW_BAD_INPUT;
	return ACT_END;
}

static enum act skip(struct iv *iv, size_t item)
{
	if (engine_skip(iv->e, item) < 0) {
		snprintf(iv->msg, sizeof iv->msg, "%s", iv->ui->is_interactive
		         ? _("This question needs an answer, so it cannot be skipped. Type ? for "
		             "help.")
		         : _("This question needs an answer, so it cannot be skipped."));
		return wrong(iv, item);
	}
	changed(iv);
	return ACT_DONE;
}

static enum act blank(struct iv *iv, size_t item)
{
	if (!iv->q->items[item].is_required)
		return skip(iv, item);
	snprintf(iv->msg, sizeof iv->msg, "%s", iv->ui->is_interactive
	         ? _("Please type an answer, or ? for help.")
	         : _("the line is blank, but this question needs an answer"));
	return wrong(iv, item);
}

/* --- Alerts: confirming, urgent notices ------------------------------------------------ */

/* The alert rules certain now, in iv->certain; returns how many. */
static size_t certain_now(struct iv *iv)
{
	size_t n = engine_certain_alerts(iv->e, iv->certain, iv->q->nrules);
	return n < iv->q->nrules ? n : iv->q->nrules;
}

static bool is_certain(struct iv *iv, size_t rule)
{
	size_t n = certain_now(iv);
	for (size_t k = 0; k < n; k++)
		if (iv->certain[k] == rule)
			return true;
	return false;
}

/* Puts item back as it was before an answer the person did not confirm. */
static void revert(struct iv *iv, size_t item, struct value old, bool was_skipped)
{
	if (was_skipped)
		engine_skip(iv->e, item);
	else if (value_is_known(old))
		engine_set(iv->e, item, old);
	else
		engine_clear(iv->e, item);
}

/* The first alert rule certain now that was not confirmed, or -1. */
static long unconfirmed(struct iv *iv)
{
	size_t n = certain_now(iv);
	for (size_t k = 0; k < n; k++)
		if (!iv->is_confirmed[iv->certain[k]])
			return (long)iv->certain[k];
	return -1;
}

/* Marks every certain alert rule confirmed; an urgent one (not a stop) is due for its
 * notice at the end of the section of item. */
static void confirm_all(struct iv *iv, size_t item)
{
	size_t n = certain_now(iv);
	for (size_t k = 0; k < n; k++) {
		size_t r = iv->certain[k];
		if (!iv->is_confirmed[r] && !iv->q->rules[r].is_stop && iv->notice[r] == NOTICE_NONE)
			iv->notice[r] = (long)iv->q->items[item].section;
		iv->is_confirmed[r] = true;
	}
}

/*
 * After an answer to item made an alert rule certain: names the consequence and asks whether
 * the answer is right. Yes keeps it (ACT_DONE); no puts the item back and asks it again
 * (ACT_RETRY); an end of the asking ends the interview (ACT_END).
 */
static enum act confirm(struct iv *iv, size_t item, struct value old, bool was_skipped)
{
	long r = unconfirmed(iv);
	if (r < 0 || !iv->ui->is_interactive) {
		confirm_all(iv, item);
		return ACT_DONE;
	}
	show(iv, UI_TEXT, engine_confirm(iv->e, (size_t)r));
	bool is_yes = true;
	enum ui_event ev = iv->ui->ops->yesno(iv->ui, _("Is that answer right?"), true,
	                                      &is_yes);
	if (ev != UI_LINE) {
		iv->end = end_of(ev);
		return ACT_END;
	}
	if (is_yes) {
		confirm_all(iv, item);
		return ACT_DONE;
	}
	revert(iv, item, old, was_skipped);
	show(iv, UI_TEXT, _("Then please give your answer again."));
	return ACT_RETRY;
}

/* The notice of an urgent rule: its outcome's title and what to do, then stop or go on.
 * Returns ACT_END (with the end set) when the person stops or the asking ends. */
static enum act notice(struct iv *iv, size_t rule)
{
	const struct outcome *o = &iv->q->outcomes[iv->q->rules[rule].outcome];
	const char *action = engine_action(iv->e, rule);
	iv->notice[rule] = NOTICE_SHOWN;
	showf(iv, UI_ALERT, "%s", text_of(iv, &o->title));
	show(iv, UI_TEXT, *action != '\0' ? action : text_of(iv, &o->summary));
	show(iv, UI_TEXT, _("You can stop here and see your result now (it is saved), or go on "
	                    "with the questions. Either way, please do this."));
	bool is_stop = true;
	enum ui_event ev = iv->ui->ops->yesno(iv->ui, _("Stop here and see your result?"), true,
	                                      &is_stop);
	if (ev != UI_LINE || is_stop) {
		iv->end = ev != UI_LINE ? end_of(ev) : INTERVIEW_STOPPED;
		return ACT_END;
	}
	return ACT_DONE;
}

/* Shows the urgent notices that are due before asking item next (-1: the end), in rule
 * order: those whose section has ended. A rule no longer certain loses its notice. */
static enum act due_notices(struct iv *iv, long next)
{
	long section = next >= 0 ? (long)iv->q->items[next].section : -1;
	for (size_t r = 0; r < iv->q->nrules; r++) {
		if (iv->notice[r] < 0 && iv->notice[r] != NOTICE_AT_ONCE)
			continue;
		if (!is_certain(iv, r)) {
			iv->notice[r] = NOTICE_NONE;
			iv->is_confirmed[r] = false;
			continue;
		}
		if (iv->notice[r] != section && notice(iv, r) == ACT_END)
			return ACT_END;
	}
	return ACT_DONE;
}

static enum act answer(struct iv *iv, size_t item, const char *s)
{
	struct value v;
	if (engine_parse(iv->e, item, s, &v, iv->msg, sizeof iv->msg) < 0)
		return wrong(iv, item);
	struct value old = engine_answer(iv->e, item);
	bool was_skipped = engine_is_skipped(iv->e, item);
	if (engine_set(iv->e, item, v) < 0) {
		snprintf(iv->msg, sizeof iv->msg, "%s", _("This question does not apply any more."));
		return wrong(iv, item);
	}
	/* An answer is saved once it is confirmed (an unconfirmed one ends with the asking). */
	enum act a = confirm(iv, item, old, was_skipped);
	if (a == ACT_DONE)
		changed(iv);
	return a;
}

static enum act run_command(struct iv *iv, enum cmd c, size_t item);
static enum act cmd_help_choice(struct iv *iv, size_t item, const char *num);

static enum act handle_line(struct iv *iv, size_t item, char *line)
{
	if (check_line(iv, line) < 0)
		return wrong(iv, item);
	char *s = trim(line);
	enum cmd c = iv->ui->is_interactive ? command_of(s) : CMD_NONE;
	if (c != CMD_NONE)
		return run_command(iv, c, item);
	const char *num = iv->ui->is_interactive ? help_number(s) : NULL;
	if (num != NULL)
		return cmd_help_choice(iv, item, num);
	if (*s == '\0')
		return blank(iv, item);
	return answer(iv, item, s);
}

/* --- Asking ------------------------------------------------------------------------------- */

/* A value as a person would type it, to put on the line for editing. */
static const char *input_of(struct iv *iv, size_t item, struct value v)
{
	if (v.kind == VAL_BOOL)
		return v.u.b ? P_("answer", "yes") : P_("answer", "no");
	return engine_value_id(iv->e, item, v);
}

static const char *initial_of(struct iv *iv, size_t item)
{
	if (!iv->ui->is_interactive)
		return NULL;
	if (engine_is_answered(iv->e, item))
		return input_of(iv, item, engine_answer(iv->e, item));
	if (iv->o->defaults != NULL && value_is_known(iv->o->defaults[item]))
		return input_of(iv, item, iv->o->defaults[item]);
	return NULL;
}

/* The words Tab completes: the ids of the item's offered choices (yes and no for yes/no) and
 * the commands. Caller frees the array (not the words). */
static const char **words_of(struct iv *iv, const struct item *it)
{
	const char **w = xalloc_array(it->nchoices + CMDS + 3, sizeof *w);
	size_t n = 0;
	for (size_t c = 0; c < it->nchoices; c++)
		if (engine_is_offered(iv->e, it->index, c))
			w[n++] = it->choices[c].id;
	if (it->type == ITEM_YESNO) {
		w[n++] = P_("answer", "yes");
		w[n++] = P_("answer", "no");
	}
	for (size_t c = 0; c < CMDS; c++)
		w[n++] = command_name(c);
	return w;
}

/* Reads a line and reports an event as the end of the interview. */
static enum act read_line(struct iv *iv, const struct ui_prompt *p, size_t item, char **line)
{
	enum ui_event ev = iv->ui->ops->ask(iv->ui, p, line);
	if (ev == UI_LINE)
		return ACT_DONE;
	iv->end = end_of(ev);
	if (ev == UI_EOF && !iv->ui->is_interactive) {
		snprintf(iv->msg, sizeof iv->msg, "%s", _("the answers ended before this question"));
		showf(iv, UI_ERROR, "%s: %s", iv->q->items[item].id, iv->msg);
		iv->end = INTERVIEW_BAD_INPUT;
	}
	return ACT_END;
}

static enum act ask_item(struct iv *iv, size_t item)
{
	const struct item *it = &iv->q->items[item];
	if (iv->ui->is_interactive)
		show_item(iv, item);
	char pbuf[128];
	const char **words = words_of(iv, it);
	struct ui_prompt p = { prompt_of(iv, item, pbuf, sizeof pbuf), initial_of(iv, item),
	                       words };
	enum act a;
	do {
		char *line = NULL;
		a = read_line(iv, &p, item, &line);
		if (a == ACT_END)
			break;
		a = handle_line(iv, item, line);
		free(line);
		p.initial = NULL;
	} while (a == ACT_RETRY);
	free(words);
	return a;
}

/* --- Commands ----------------------------------------------------------------------------- */

/* How to answer a choice: by number, or by one of the choices' words (their ids). Returns a
 * malloc'ed text; the caller frees it. */
static char *choice_words(struct iv *iv, const struct item *it)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = xalloc_memstream(&buf, &len);
	for (size_t c = 0, n = 0; c < it->nchoices; c++)
		if (engine_is_offered(iv->e, it->index, c))
			fprintf(f, "%s%s", n++ ? ", " : "", it->choices[c].id);
	fclose(f);
	char *text = NULL;
	f = xalloc_memstream(&text, &len);
	fprintf(f, _("Answer with a number, or with one of these words (Tab completes them): "
	             "%s."), buf);
	fclose(f);
	free(buf);
	return text;
}

/* `?` may fill this many rows between the line it was typed on and the next prompt, so that
 * help fits a 24-line terminal. Longer help lists the choices' help one at a time (?N). */
enum { HELP_ROWS = 22 };

static const char COMMANDS_TEXT[] = N_("At any question you can also type: back (the "
	"question before), skip (an optional question), review (your answers), why (what they "
	"point to so far) or quit (Ctrl-C and Ctrl-D work too).");
static const char HELP_ONE_TEXT[] = N_("To read more about one of the answers, type ? and its "
	"number, such as ?2.");

/* Rows text takes once wrapped at the front end's width after indent spaces. */
static size_t rows_of(const struct iv *iv, const char *text, size_t indent)
{
	char *w = wrap_string(text, iv->ui->width > 0 ? iv->ui->width : 80, indent);
	size_t n = 1;
	for (const char *c = w; *c != '\0'; c++)
		n += *c == '\n';
	free(w);
	return n;
}

/* The offered choice numbered k (1-based, as the person sees them), or -1. */
static long offered_choice(const struct iv *iv, const struct item *it, unsigned long k)
{
	for (size_t c = 0; c < it->nchoices; c++)
		if (engine_is_offered(iv->e, it->index, c) && --k == 0)
			return (long)c;
	return -1;
}

static void show_choice_help(struct iv *iv, const struct item *it, size_t c, size_t n)
{
	showf(iv, UI_OPTION, "%zu) %s\n   %s", n, text_of(iv, &it->choices[c].label),
	      text_of(iv, &it->choices[c].help));
}

/* Rows the help of every offered choice takes (0 when none has help). */
static size_t choice_help_rows(struct iv *iv, const struct item *it)
{
	size_t rows = 0;
	for (size_t c = 0; c < it->nchoices; c++)
		if (engine_is_offered(iv->e, it->index, c) && it->choices[c].help.s != NULL)
			rows += rows_of(iv, text_of(iv, &it->choices[c].label), 2) +
			        rows_of(iv, text_of(iv, &it->choices[c].help), 5);
	return rows;
}

/* `?`: the question's help; its choices' help when all of it fits HELP_ROWS, else how to read
 * it one choice at a time; the words a choice accepts; the commands. Each text paragraph
 * takes a blank row before it. */
static enum act cmd_help(struct iv *iv, size_t item)
{
	const struct item *it = &iv->q->items[item];
	char *words = it->nchoices > 0 ? choice_words(iv, it) : NULL;
	size_t rows = 1 + rows_of(iv, _(COMMANDS_TEXT), 0) +
	              (words != NULL ? 1 + rows_of(iv, words, 0) : 0) +
	              (it->help.s != NULL ? 1 + rows_of(iv, text_of(iv, &it->help), 0) : 0);
	size_t more = choice_help_rows(iv, it);
	if (it->help.s != NULL)
		show(iv, UI_TEXT, text_of(iv, &it->help));
	if (more > 0 && rows + more <= HELP_ROWS) {
		for (size_t c = 0, n = 0; c < it->nchoices; c++)
			if (engine_is_offered(iv->e, item, c) && ++n &&
			    it->choices[c].help.s != NULL)
				show_choice_help(iv, it, c, n);
	} else if (more > 0) {
		show(iv, UI_TEXT, _(HELP_ONE_TEXT));
	}
	if (words != NULL)
		show(iv, UI_TEXT, words);
	free(words);
	show(iv, UI_TEXT, _(COMMANDS_TEXT));
	return ACT_RETRY;
}

/* `?N` or `help N`: the help of the offered choice numbered N. */
static enum act cmd_help_choice(struct iv *iv, size_t item, const char *num)
{
	const struct item *it = &iv->q->items[item];
	char *end;
	unsigned long k = strtoul(num, &end, 10);
	long c = *num >= '0' && *num <= '9' && *end == '\0' ? offered_choice(iv, it, k) : -1;
	if (c < 0)
		showf(iv, UI_ERROR, _("There is no answer numbered %s here. Type ? for help."), num);
	else if (it->choices[c].help.s == NULL)
		showf(iv, UI_TEXT, _("%lu) %s: there is nothing more to say about this answer."), k,
		      text_of(iv, &it->choices[c].label));
	else
		show_choice_help(iv, it, (size_t)c, k);
	return ACT_RETRY;
}

static enum act cmd_back(struct iv *iv, size_t item)
{
	for (size_t i = item; i-- > 0;) {
		if (is_listed(iv->e, iv->q, i)) {
			iv->target = (long)i;
			return ACT_JUMP;
		}
	}
	show(iv, UI_ERROR, _("This is the first question, so there is nothing to go back to."));
	return ACT_RETRY;
}

/* The answered items, numbered from 1, each answer under its question; returns how many. */
static size_t show_answers(struct iv *iv)
{
	size_t total = 0, n = 0;
	for (size_t i = 0; i < iv->q->nitems; i++)
		total += is_listed(iv->e, iv->q, i);
	int digits = total >= 10 ? 2 : 1;
	for (size_t i = 0; i < iv->q->nitems; i++) {
		if (!is_listed(iv->e, iv->q, i))
			continue;
		const char *a = engine_is_skipped(iv->e, i)
		              ? _("(skipped)") : engine_answer_text(iv->e, i, engine_answer(iv->e, i));
		showf(iv, UI_OPTION, "%*zu) %s\n%*s%s", digits, ++n,
		      text_of(iv, &iv->q->items[i].text), digits + 2, "", a);
	}
	return total;
}

/* The item numbered k (1-based) by show_answers(), or -1. */
static long answer_at(struct iv *iv, const char *s)
{
	char *end;
	unsigned long k = strtoul(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || k == 0)
		return -1;
	for (size_t i = 0; i < iv->q->nitems; i++)
		if (is_listed(iv->e, iv->q, i) && --k == 0)
			return (long)i;
	return -1;
}

static enum act cmd_why(struct iv *iv);

/* The last answered question, for `back` at the final review, or -1. */
static long last_listed(struct iv *iv)
{
	for (size_t i = iv->q->nitems; i-- > 0;)
		if (is_listed(iv->e, iv->q, i))
			return (long)i;
	return -1;
}

/* A command typed at a review: ACT_RETRY to read again, or where it leads. */
static enum act review_command(struct iv *iv, enum cmd c)
{
	switch (c) {
	case CMD_QUIT:
		iv->end = INTERVIEW_QUIT;
		return ACT_END;
	case CMD_BACK:
		iv->target = last_listed(iv);
		return iv->target >= 0 ? ACT_JUMP : ACT_RETRY;
	case CMD_WHY:
		return cmd_why(iv);
	case CMD_HELP:
	case CMD_REVIEW:
	case CMD_SKIP:
	case CMDS:
		break;
	}
	show(iv, UI_TEXT, _("Type the number of an answer to change it, or press Enter to go on. "
	                    "You can also type back (the last question), why (what your answers "
	                    "point to so far) or quit."));
	return ACT_RETRY;
}

/*
 * Shows the answers and reads which one to change. Returns ACT_JUMP with iv->target set,
 * ACT_DONE for Enter, or ACT_END. is_final: the closing review before the result. Commands
 * work here as at any question.
 */
static enum act review(struct iv *iv, size_t item, bool is_final)
{
	const char *words[] = { command_name(CMD_BACK), command_name(CMD_HELP),
	                        command_name(CMD_WHY), command_name(CMD_QUIT), NULL };
	show(iv, UI_SECTION, is_final ? _("Your answers") : _("Your answers so far"));
	size_t n = show_answers(iv);
	show(iv, UI_TEXT, is_final
	     ? _("Type a number to change that answer, or press Enter to see your result.")
	     : _("Type a number to change that answer, or press Enter to carry on."));
	struct ui_prompt p = { n > 0 ? _("[number or Enter] > ") : _("[Enter] > "), NULL, words };
	for (;;) {
		char *line = NULL;
		if (read_line(iv, &p, item, &line) == ACT_END)
			return ACT_END;
		char *s = trim(line);
		long pick = check_line(iv, s) < 0 ? -2 : *s == '\0' ? -3 : answer_at(iv, s);
		enum cmd c = pick == -1 ? command_of(s) : CMD_NONE;
		free(line);
		enum act a = c != CMD_NONE ? review_command(iv, c) : ACT_RETRY;
		if (a != ACT_RETRY || pick == -3)
			return c != CMD_NONE ? a : ACT_DONE;
		if (pick >= 0) {
			iv->target = pick;
			return ACT_JUMP;
		}
		if (c == CMD_NONE && n > 0)
			showf(iv, UI_ERROR, _("Please type a number from 1 to %zu, or press Enter."), n);
		else if (c == CMD_NONE)
			show(iv, UI_ERROR, _("Please press Enter."));
	}
}

static enum act cmd_why(struct iv *iv)
{
	const struct engine_result *r = engine_decide_partial(iv->e);
	if (r->nreasons == 0) {
		show(iv, UI_TEXT, _("So far, nothing in your answers points to a particular next "
		                    "step."));
		return ACT_RETRY;
	}
	const struct outcome *o = &iv->q->outcomes[r->outcome];
	showf(iv, UI_TEXT, _("So far, your answers point to: %s"), text_of(iv, &o->title));
	for (size_t k = 0; k < r->nreasons; k++)
		showf(iv, UI_OPTION, "- %s", r->reasons[k].text);
	show(iv, UI_QUIET, _("This can change with the questions still to come."));
	return ACT_RETRY;
}

static enum act run_command(struct iv *iv, enum cmd c, size_t item)
{
	switch (c) {
	case CMD_HELP:
		return cmd_help(iv, item);
	case CMD_BACK:
		return cmd_back(iv, item);
	case CMD_SKIP:
		return skip(iv, item);
	case CMD_REVIEW:
		if (interview_count_answered(iv->e) == 0) {
			show(iv, UI_TEXT, _("There is nothing to review yet: your answers will be "
			                    "listed here once you have given some."));
			return ACT_RETRY;
		}
		iv->section = -1;
		return review(iv, item, false) == ACT_END ? ACT_END : ACT_JUMP;
	case CMD_WHY:
		return cmd_why(iv);
	case CMD_QUIT:
		iv->end = INTERVIEW_QUIT;
		return ACT_END;
	case CMDS:
		break;
	}
	return ACT_RETRY;
}

/* --- The loop ------------------------------------------------------------------------------ */

static void show_stop(struct iv *iv)
{
	if (iv->o->is_result_on_screen)
		return;
	long rule = engine_stopped_by(iv->e);
	const struct outcome *o = &iv->q->outcomes[iv->q->rules[rule].outcome];
	const char *action = engine_action(iv->e, (size_t)rule);
	showf(iv, UI_ALERT, _("Please stop here. %s"), text_of(iv, &o->title));
	if (iv->ui->is_interactive)
		show(iv, UI_TEXT, *action != '\0' ? action : text_of(iv, &o->summary));
}

/* The item to ask now, or -1 when every item that applies is done. */
static long next_item(struct iv *iv)
{
	long it = iv->target;
	iv->target = -1;
	if (it >= 0 && engine_applies(iv->e, (size_t)it))
		return it;
	return engine_next(iv->e);
}

/* One step of the loop; returns ACT_END when the interview is over. */
static enum act step(struct iv *iv)
{
	if (engine_stopped_by(iv->e) >= 0) {
		show_stop(iv);
		iv->end = INTERVIEW_STOPPED;
		return ACT_END;
	}
	long it = next_item(iv);
	if (iv->ui->is_interactive && due_notices(iv, it) == ACT_END)
		return ACT_END;
	if (it < 0 && !iv->ui->is_interactive) {
		iv->end = INTERVIEW_DONE;
		return ACT_END;
	}
	if (it < 0) {
		enum act a = review(iv, 0, true);
		if (a == ACT_DONE)
			iv->end = INTERVIEW_DONE;
		return a == ACT_DONE ? ACT_END : a;
	}
	if (iv->q->items[it].type == ITEM_NOTE) {
		if (iv->ui->is_interactive) {
			show_section(iv, (size_t)it);
			show(iv, UI_TEXT, text_of(iv, &iv->q->items[it].text));
		}
		engine_set(iv->e, (size_t)it, value_bool(true));
		changed(iv);
		return ACT_DONE;
	}
	return ask_item(iv, (size_t)it);
}

void interview_early_end(struct engine *e, struct ui *ui)
{
	const struct questionnaire *q = engine_questionnaire(e);
	size_t *rules = xalloc_array(q->nrules + 1, sizeof *rules);
	size_t n = engine_certain_alerts(e, rules, q->nrules);
	if (n > 0) {
		const struct outcome *o = &q->outcomes[q->rules[rules[0]].outcome];
		const char *action = engine_action(e, rules[0]);
		ui->ops->show(ui, UI_TEXT, _("You stopped before the end, but your answers so far "
		                             "already say what to do:"));
		ui->ops->show(ui, UI_ALERT, engine_fill(e, &o->title));
		ui->ops->show(ui, UI_TEXT, *action != '\0' ? action : engine_fill(e, &o->summary));
	} else {
		ui->ops->show(ui, UI_TEXT, _("You stopped before the end, so there is no result "
		                             "this time."));
		if (q->safety_net.s != NULL)
			ui->ops->show(ui, UI_TEXT, engine_fill(e, &q->safety_net));
	}
	free(rules);
}

/* Alert rules already certain when the interview starts (a resumed check) were confirmed
 * then; an urgent one's notice comes before the next question. */
static void start_alerts(struct iv *iv)
{
	size_t nrules = iv->q->nrules + 1;
	iv->is_confirmed = xalloc_array(nrules, sizeof *iv->is_confirmed);
	iv->notice = xalloc_array(nrules, sizeof *iv->notice);
	iv->certain = xalloc_array(nrules, sizeof *iv->certain);
	for (size_t r = 0; r < iv->q->nrules; r++)
		iv->notice[r] = NOTICE_NONE;
	size_t n = certain_now(iv);
	for (size_t k = 0; k < n; k++) {
		size_t r = iv->certain[k];
		iv->is_confirmed[r] = true;
		if (!iv->q->rules[r].is_stop)
			iv->notice[r] = NOTICE_AT_ONCE;
	}
}

enum interview_end interview_run(struct engine *e, struct ui *ui, const struct interview_opts *o)
{
	static const struct interview_opts none;
	const struct questionnaire *q = engine_questionnaire(e);
	struct iv iv = {
		.e = e, .q = q, .ui = ui, .o = o != NULL ? o : &none, .lang = engine_lang(e),
		.section = -1, .target = -1, .end = INTERVIEW_QUIT,
	};
	iv.seen = xalloc_array(q->nsections + 1, sizeof *iv.seen);
	start_alerts(&iv);
	if (!iv.o->is_resumed)
		show_intro(&iv);
	else if (ui->is_interactive)
		showf(&iv, UI_TEXT, ngettext("Welcome back. Your %zu answer so far is kept; here is "
		                             "the next question.", "Welcome back. Your %zu answers "
		                             "so far are kept; here is the next question.",
		                             interview_count_answered(e)),
		      interview_count_answered(e));
	while (step(&iv) != ACT_END)
		;
	if (ui->is_interactive && (iv.end == INTERVIEW_QUIT || iv.end == INTERVIEW_TERMINATED ||
	                           iv.end == INTERVIEW_HANGUP))
		interview_early_end(e, ui);
	free(iv.seen);
	free(iv.is_confirmed);
	free(iv.notice);
	free(iv.certain);
	return iv.end;
}
