/*
 * check.h - the interactive check as a person lives it: start (offering a check left in
 * progress), resume, re-check, progress saved after every answer, the finish (result, record,
 * what changed since last time) and every early end (answers kept).
 *
 * The controller between the subcommands (run.c, cmd_records.c), the interview
 * (interview.h), the store (store.h, storage only) and the renderers (render.h). It talks
 * to the person only through a front end (ui.h): readline on a terminal, plain lines from a
 * pipe.
 */
#ifndef BACKCHECK_CHECK_H
#define BACKCHECK_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct engine;
struct questionnaire;

enum check_start {
	/* A new check; a check in progress is offered for resuming on a terminal. */
	CHECK_START_OFFER,
	/* `backcheck resume`: go on with the check in progress (there must be one). */
	CHECK_START_RESUME,
	/* `backcheck recheck`: the last record's stable answers as defaults, then the change. */
	CHECK_START_RECHECK,
};

struct check_opts {
	/* --data-dir, or NULL (BACKCHECK_DATA_DIR, then XDG). */
	const char *data_dir;
	enum check_start start;
	/* --no-save: nothing is written at all. --save: save even when standard input is not a
	 * terminal (scripted interviews save only then). --kiosk: --no-save, no resume offer,
	 * no state. */
	bool is_no_save, is_save, is_kiosk;
	/* --plain: plain prompts for screen readers. */
	bool is_plain;
	/* The result as JSON (else text), written to out. */
	bool is_json;
	/* The text result goes to the terminal the interview is on. */
	bool is_result_on_screen;
	FILE *out;
	/* When set, called instead to write the result of the finished run (e is decided by
	 * then); more is the person's text's last line (render_text_opts.more: where the detail
	 * is, render_details_hint()) or NULL; returns an exit status.
	 * For `run`, whose output has its own options. */
	int (*output)(void *ctx, struct engine *e, const char *more);
	void *output_ctx;
	/* --subject and --patient: saved in the record (never in the answers), or NULL. */
	const char *subject, *patient;
};

/*
 * The whole interactive check on q in language lang: the lock (a second window on the same
 * questionnaire is refused), the resume offer, the interview with progress saved after
 * every answer, the result to o->out (or o->output), the record saved and the state
 * removed; on a re-check, the change since the last record. Ended early (quit, Ctrl-C,
 * Ctrl-D, SIGTERM, SIGHUP), the state stays for `backcheck resume`. Returns the exit status
 * (cli.h). q is borrowed.
 */
int check_run(const struct questionnaire *q, size_t lang, const struct check_opts *o);

#endif
