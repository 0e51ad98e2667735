/*
 * interview.h - the one ask loop: a conversation over an engine run through a front end
 * (ui.h). The engine decides what to ask and validates; the interview shows the
 * introduction, section titles, progress and what each prompt accepts, runs the commands
 * (help, back, skip, review, why, quit), re-asks after a wrong answer and ends at a stop rule.
 *
 * With an interactive front end a wrong answer is never fatal. With a non-interactive one
 * (standard input is not a terminal) each line answers the next asked item, commands are
 * answers like any other, a blank line skips an optional item, and the first wrong answer,
 * blank line for a required item or early end of input ends the run (INTERVIEW_BAD_INPUT)
 * with a message naming the item.
 */
#ifndef BACKCHECK_INTERVIEW_H
#define BACKCHECK_INTERVIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "value.h"

struct engine;
struct ui;

enum interview_end {
	/* Every item that applies is answered (or skipped) and the person asked for the result. */
	INTERVIEW_DONE,
	/* A stop rule matched: the result is that rule's outcome. */
	INTERVIEW_STOPPED,
	/* quit, Ctrl-C on an empty line, Ctrl-D on an empty line. */
	INTERVIEW_QUIT,
	/* SIGTERM. */
	INTERVIEW_TERMINATED,
	/* SIGHUP. */
	INTERVIEW_HANGUP,
	/* Not interactive: a wrong answer, a blank line for a required item, or early end. */
	INTERVIEW_BAD_INPUT,
};

struct interview_opts {
	/* A default per item (indexed like q->items, nitems entries), offered for editing when
	 * the item is asked without an answer (a re-check's stable answers); VAL_UNKNOWN: none.
	 * NULL: no defaults. Borrowed for the run. */
	const struct value *defaults;
	/* Called after every change of the answers (an answer, a skip), with the engine in its
	 * new state: the store saves progress here. NULL: not called. */
	void (*on_change)(void *ctx, const struct engine *e);
	void *ctx;
	/* The engine already holds answers (a resumed interview): no introduction, and the
	 * person is told how many answers were kept. */
	bool is_resumed;
	/* The text result follows on the same terminal at once: a stop is then announced by
	 * the result alone, not twice. False: the interview says at once why it stops. */
	bool is_result_on_screen;
};

/*
 * Runs the interview on e (which may already hold answers: asking goes on from the first
 * item that applies and has none) through ui, until an end. Both are borrowed. On
 * INTERVIEW_DONE and INTERVIEW_STOPPED the caller decides and renders the result; on the
 * other ends the answers so far stay in e. Cannot fail otherwise.
 */
enum interview_end interview_run(struct engine *e, struct ui *ui, const struct interview_opts *o);

/*
 * What an early end (quit, Ctrl-C, Ctrl-D, SIGTERM, SIGHUP) shows through ui: the outcome
 * and action of the first emergency or urgent rule already certain with e's answers, or else
 * that there is no result and the questionnaire's safety net. interview_run() calls it on
 * every early end; the check calls it for an end before the interview starts.
 */
void interview_early_end(struct engine *e, struct ui *ui);

/* How many questions hold an answer or a skip (notes are not questions). */
size_t interview_count_answered(const struct engine *e);

/* The exit status for an end (cli.h): 0, 0, 130, 143, 129, 65. */
int interview_exit_status(enum interview_end end);

#endif
