/*
 * check.c - the interactive check (check.h): start, resume, re-check, progress saved after
 * every answer, finish and every early end. It owns the front end of the check and says
 * everything through it; the store only stores, the interview only asks.
 *
 * Invariant: while a check saves, this process holds STATE/QID.lock, and STATE/QID.yaml is
 * either absent or a complete state written after some answer of this or an earlier run.
 * Nothing is written with --no-save or --kiosk, or when standard input is not a terminal
 * (a scripted interview) unless --save says so.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "answers.h"
#include "arena.h"
#include "check.h"
#include "cli.h"
#include "diag.h"
#include "engine.h"
#include "history.h"
#include "i18n.h"
#include "interview.h"
#include "model.h"
#include "render.h"
#include "store.h"
#include "ui.h"
#include "wrap.h"
#include "xalloc.h"
#include "yamlio.h"

struct check {
	const struct check_opts *o;
	const struct questionnaire *q;
	size_t lang;
	struct ui *ui;
	struct store_dirs dirs;
	bool is_saving;
	bool has_save_failed;
	/* An unreadable state file could not be moved aside: progress is not saved over it. */
	bool is_state_kept;
	/* A check in progress was there and the person chose a new one (it stays until the
	 * first answer replaces it). */
	bool is_declined;
	int lock_fd;
	struct arena *a;
	/* This check as it is saved: its start, whether it is a re-check, and the audit trail
	 * of the state it resumed (with how many of the run's entries re-applying made). */
	struct store_state st;
	size_t audit_skip;
	/* On a re-check, the newest record of this questionnaire, or NULL. */
	const struct store_record *last;
};

/* --- Saying things ------------------------------------------------------------------------ */

static void say(struct check *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void say(struct check *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	char *text = xalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(text, (size_t)n + 1, fmt, ap);
	va_end(ap);
	c->ui->ops->message(c->ui, text);
	free(text);
}

/* Says what d holds (diagnostics, one per line), if anything. */
static void say_diag(struct check *c, const struct diag *d)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = xalloc_memstream(&text, &len);
	diag_print(d, f);
	fclose(f);
	if (len > 0 && text[len - 1] == '\n')
		text[len - 1] = '\0';
	if (len > 0)
		c->ui->ops->message(c->ui, text);
	free(text);
}

/* --- Progress ------------------------------------------------------------------------------ */

/* What the person is told when nothing can be saved, from the start (a folder that cannot be
 * made or written) or from some answer on (a full disk): one behaviour for both. */
static const char NOT_SAVING[] = N_("backcheck: your answers cannot be saved here, so nothing "
                                    "is being saved; the check goes on and shows your result "
                                    "at the end.");

/* The interview's hook: saves the answers so far (atomically) after every change. */
static void save_state(void *ctx, const struct engine *e)
{
	struct check *c = ctx;
	if (c->is_state_kept)
		return;
	struct diag *d = diag_new();
	c->is_declined = false;
	if (store_state_write(c->dirs.state, e, &c->st, c->audit_skip, d) != 0 &&
	    !c->has_save_failed) {
		c->has_save_failed = true;
		say_diag(c, d);
		say(c, "%s", _(NOT_SAVING));
	}
	diag_free(d);
}

/* Moves an unreadable state file aside and tells the person where it is; if it cannot be
 * moved, progress is not saved this time, so that the file is never overwritten. */
static void set_aside(struct check *c)
{
	struct diag *d = diag_new();
	char *to = store_state_set_aside(c->dirs.state, c->q->id, engine_now(), d);
	if (to != NULL) {
		say(c, _("backcheck: the saved check in progress cannot be read, so a new check "
		         "starts. The file is kept as %s."), to);
	} else {
		c->is_state_kept = true;
		say(c, "%s", _("backcheck: the saved check in progress cannot be read; it is left as "
		               "it is and a new check starts, without saving progress as you go."));
	}
	free(to);
	diag_free(d);
}

/* Reads the check in progress into c->a: true when there is one that can be read. One that
 * cannot is reported and set aside. */
static bool read_state(struct check *c, struct store_state *st)
{
	struct diag *d = diag_new();
	int rc = store_state_read(c->a, c->dirs.state, c->q->id, st, d);
	if (rc < 0) {
		say_diag(c, d);
		set_aside(c);
	}
	diag_free(d);
	return rc == 0;
}

/* --- Applying saved answers ------------------------------------------------------------------ */

/* Applies one saved answer to item i; false when it no longer fits the questionnaire. */
static bool apply_one(struct engine *e, size_t i, const struct ynode *v)
{
	if (!engine_applies(e, i))
		return false;
	if (yamlio_is_null(v))
		return engine_skip(e, i) == 0;
	struct value val;
	struct diag *d = diag_new();
	bool is_kept = answers_convert(e, i, v, &val, d) == 0 && engine_set(e, i, val) == 0;
	diag_free(d);
	return is_kept;
}

/* Applies the saved answers in questionnaire order (conditions only look back), and tells
 * the person which could not be kept. */
static void apply_answers(struct check *c, struct engine *e, const struct ynode *answers,
                          bool is_changed)
{
	char *dropped = NULL;
	size_t len = 0, ndropped = 0;
	FILE *f = xalloc_memstream(&dropped, &len);
	for (size_t i = 0; i < c->q->nitems; i++) {
		const struct ynode *v = yamlio_get(answers, c->q->items[i].id);
		if (v != NULL && !apply_one(e, i, v))
			fprintf(f, "%s%s", ndropped++ ? ", " : "", c->q->items[i].id);
	}
	for (size_t k = 0; k < answers->n; k++)
		if (answers->keys[k]->kind != YNODE_SCALAR ||
		    model_item(c->q, answers->keys[k]->str) == NULL)
			fprintf(f, "%s%s", ndropped++ ? ", " : "", answers->keys[k]->kind ==
			        YNODE_SCALAR ? answers->keys[k]->str : "?");
	fclose(f);
	if (ndropped > 0)
		say(c, _("The questionnaire has changed since you started. These answers no longer "
		         "fit and will be asked again if they are still needed: %s."), dropped);
	else if (is_changed)
		say(c, "%s", _("The questionnaire has changed since you started; all your answers "
		               "still fit."));
	free(dropped);
}

/* --- Opening: folders, the lock, the resume offer ------------------------------------------ */

/* Opens the check: whether it saves, its folders and its lock. Returns 0 or an exit status. */
static int open_check(struct check *c)
{
	const struct check_opts *o = c->o;
	char now[40];
	store_time_text(engine_now(), now, sizeof now);
	c->st.started_at = arena_strdup(c->a, now);
	c->st.is_recheck = o->start == CHECK_START_RECHECK;
	c->is_saving = !o->is_no_save && !o->is_kiosk && (o->is_save || isatty(STDIN_FILENO));
	if (!c->is_saving)
		return 0;
	struct diag *d = diag_new();
	bool is_open = store_dirs_resolve(&c->dirs, o->data_dir, d) == 0 &&
	               store_mkdirs(c->dirs.state, d) == 0 && store_mkdirs(c->dirs.records, d) == 0;
	char lock[260];
	bool is_busy = false;
	snprintf(lock, sizeof lock, "%s.lock", c->q->id);
	if (is_open) {
		store_clean_temps(c->dirs.state);
		c->lock_fd = store_lock(c->dirs.state, lock, &is_busy, d);
		is_open = c->lock_fd >= 0;
	}
	say_diag(c, d);
	diag_free(d);
	if (is_busy) {
		say(c, "%s", _("backcheck: this check is already open in another window. Finish it "
		               "or type quit there (your answers are kept), then try again."));
		return EXIT_TEMPFAIL;
	}
	/* A data folder that cannot be made or written (read-only, a file in the way) is
	 * treated as a full disk: the check goes on, saying that nothing is saved. */
	if (!is_open) {
		c->is_saving = false;
		c->has_save_failed = true;
		say(c, "%s", _(NOT_SAVING));
	}
	return EXIT_OK;
}

/* "28 Nov" from "2026-11-28T09:15:30Z". */
static void day_text(const char *rfc, char *buf, size_t sz)
{
	if (render_day(rfc, RENDER_DAY_MONTH, buf, sz) == NULL)
		snprintf(buf, sz, "%s", _("an earlier day"));
}

/* Whether to go on from the check in progress st: asked on a terminal. Returns 1 yes, 0 no,
 * or -1 when the person ended the program there (*status set). */
static int ask_resume(struct check *c, const struct store_state *st, int *status)
{
	if (!isatty(STDIN_FILENO))
		return 0;
	char when[32], question[256];
	day_text(st->started_at, when, sizeof when);
	size_t n = st->answers->n;
	snprintf(question, sizeof question, ngettext("You were %zu question into a check on %s. "
	                                             "Resume?", "You were %zu questions into a "
	                                             "check on %s. Resume?", n), n, when);
	bool is_yes = false;
	enum ui_event ev = c->ui->ops->yesno(c->ui, question, true, &is_yes);
	if (ev == UI_LINE || ev == UI_EOF)
		return ev == UI_LINE && is_yes;
	*status = ev == UI_TERMINATE ? EXIT_SIGTERM : ev == UI_HANGUP ? EXIT_SIGHUP
	                                                              : EXIT_INTERRUPTED;
	return -1;
}

/* The check in progress to go on from, in *st: 1 when there is one to resume, 0 to start
 * afresh, -1 when the program ends here (*status set). Without a terminal there is no one
 * to ask: a check in progress is left as it is (no progress saved over it). */
static int state_to_resume(struct check *c, struct store_state *st, int *status)
{
	if (!c->is_saving || !read_state(c, st))
		return 0;
	if (c->o->start == CHECK_START_RESUME)
		return 1;
	if (!isatty(STDIN_FILENO)) {
		c->is_state_kept = true;
		say(c, "%s", _("backcheck: an unfinished check is waiting; it is left as it is, and "
		               "this check's progress is not saved as it goes. Run 'backcheck "
		               "resume' on a terminal to carry on with it."));
		return 0;
	}
	int k = ask_resume(c, st, status);
	if (k == 0) {
		c->is_declined = true;
		say(c, "%s", _("A new check starts. The unfinished one is replaced once you answer "
		               "the first question; quit before that to keep it."));
	}
	return k;
}

/* Puts a saved state's answers into e and takes over its start and audit trail. */
static void resume(struct check *c, struct engine *e, const struct store_state *st)
{
	if (st->started_at != NULL)
		c->st.started_at = st->started_at;
	c->st.is_recheck = c->st.is_recheck || st->is_recheck;
	bool is_changed = st->questionnaire_sha256 == NULL ||
	                  strcmp(st->questionnaire_sha256, c->q->sha256) != 0;
	apply_answers(c, e, st->answers, is_changed);
	engine_audit(e, &c->audit_skip);
	c->st.audit = st->audit;
}

/* --- Re-check ---------------------------------------------------------------------------------- */

/* The newest readable record of this questionnaire, read into c->a, or NULL. */
static const struct store_record *last_record(struct check *c)
{
	struct store_record *r;
	size_t n;
	struct diag *d = diag_new();
	if (store_records_load(c->a, c->dirs.records, &r, &n, d) != 0)
		n = 0;
	say_diag(c, d);
	diag_free(d);
	while (n > 0 && strcmp(r[n - 1].questionnaire_id, c->q->id) != 0)
		n--;
	return n > 0 ? &r[n - 1] : NULL;
}

/* The stable answers of last as defaults for e (indexed like q->items), in c->a; strings
 * point into last's answers, which live in c->a too. */
static const struct value *stable_defaults(struct check *c, struct engine *e,
                                           const struct store_record *last)
{
	struct value *def = arena_calloc(c->a, c->q->nitems ? c->q->nitems : 1, sizeof *def);
	struct diag *d = diag_new();
	const char *changed = "";
	for (size_t i = 0; i < c->q->nitems; i++) {
		const struct ynode *v = yamlio_get(last->answers, c->q->items[i].id);
		def[i] = value_unknown();
		if (!c->q->items[i].is_stable)
			continue;
		if (v != NULL && !yamlio_is_null(v) && answers_convert(e, i, v, &def[i], d) == 0)
			continue;
		def[i] = value_unknown();
		changed = arena_printf(c->a, "%s%s%s", changed, *changed ? ", " : "",
		                       c->q->items[i].id);
	}
	diag_free(d);
	if (last->questionnaire_version != NULL &&
	    strcmp(last->questionnaire_version, c->q->version) != 0 && *changed)
		say(c, _("The questionnaire has changed since your last check (%s, now %s). These "
		         "questions are new or asked differently, so your last answer is not filled "
		         "in: %s."), last->questionnaire_version, c->q->version, changed);
	return def;
}

/* After a re-check's result: what changed since last, from the record just made (its text,
 * read as any record is); to out wrapped at its width (the result follows there, after a
 * blank line), or said when out is not for text. */
static void show_change(struct check *c, const char *text, size_t len, const char *id,
                        FILE *out)
{
	char *change = NULL;
	size_t clen = 0;
	struct store_record now;
	struct diag *d = diag_new();
	if (store_record_parse(c->a, d, "this check", id[0] ? id : "this check", text, len,
	                       &now) == 0) {
		FILE *f = xalloc_memstream(&change, &clen);
		fputs(_("\nSince your last check:\n"), f);
		history_compare_text(c->last, &now, c->q, c->lang, f);
		fclose(f);
		if (out != NULL) {
			char *wrapped = wrap_string(change, (size_t)wrap_width(fileno(out)), 0);
			fprintf(out, "%s\n", wrapped);
			free(wrapped);
		} else {
			say(c, "%s", change);
		}
	}
	free(change);
	diag_free(d);
}

/* --- Finishing --------------------------------------------------------------------------------- */

/* Writes the result where it goes. Returns 0, -1 when it cannot be written, or a status
 * from the output hook in *status. */
static int write_result(struct check *c, struct engine *e, const char *id, int *status)
{
	const struct engine_result *r = engine_decide(e);
	FILE *out = c->o->out != NULL ? c->o->out : stdout;
	/* The same last line as `backcheck show ID`, so that both are the same text; on a
	 * terminal, the headline again at the end even when there is no record to point to. */
	char more[STORE_ID_MAX + 64] = "";
	if (id[0] != '\0')
		render_details_hint(more, sizeof more, id);
	const char *tail = more[0] != '\0' || c->o->is_result_on_screen ? more : NULL;
	*status = EXIT_OK;
	if (c->o->output != NULL) {
		*status = c->o->output(c->o->output_ctx, e, tail);
		return 0;
	}
	if (c->o->is_json)
		return render_json(out, e, r);
	struct render_text_opts ro = { false, tail };
	return render_text_with(out, e, r, wrap_width(fileno(out)), &ro);
}

/* Saves the record text of the decided run (NULL when it could not be made); writes its id
 * to id, or "" when it could not be saved. A failure is told once, like a failure to save
 * progress (save_state()): said here unless the person already knows that nothing is being
 * saved. */
static void save_record(struct check *c, const char *text, size_t len, time_t at, char *id)
{
	struct diag *d = diag_new();
	int rc = text != NULL ? 0 : -1;
	if (rc == 0)
		rc = store_save_new(c->dirs.records, at, text, len, id, d);
	if (rc != 0) {
		id[0] = '\0';
		if (!c->has_save_failed) {
			say_diag(c, d);
			say(c, "%s", _("backcheck: this result could not be saved."));
		}
	} else if (!c->is_state_kept) {
		store_state_remove(c->dirs.state, c->q->id, d);
	}
	diag_free(d);
}

/* When the result goes elsewhere (a file, JSON): its headline and what to do, on the
 * terminal, for every outcome; an emergency or urgent one as an alert. A stop rule has
 * said so already (interview.c). */
static void show_headline(struct check *c, struct engine *e, const struct engine_result *r)
{
	if (c->o->is_result_on_screen || r->is_stopped || !c->ui->is_interactive)
		return;
	const struct outcome *o = &c->q->outcomes[r->outcome];
	const char *action = r->decisive_rule >= 0 ? engine_action(e, (size_t)r->decisive_rule)
	                                           : "";
	bool is_alert = model_is_alert_outcome(c->q, r->outcome);
	c->ui->ops->show(c->ui, is_alert ? UI_ALERT : UI_SECTION, engine_fill(e, &o->title));
	c->ui->ops->show(c->ui, UI_TEXT, *action != '\0' ? action : engine_fill(e, &o->summary));
}

/*
 * Decides, saves the record and drops the state, then says what changed since the last check
 * and writes the result last, so that its headline and its "In short" stay on the screen.
 * The result is decided at the record's time, so that `backcheck show ID` gives the same text.
 * Returns the status.
 */
static int finish(struct check *c, struct engine *e)
{
	int status, rc = 0;
	const struct engine_result *r = engine_decide(e);
	engine_set_time(e, r->generated_at);
	char *text = NULL, id[STORE_ID_MAX] = "";
	size_t len = 0;
	store_record_text(e, r, &c->st, c->audit_skip, c->o->subject, c->o->patient, &text, &len);
	/* A record that cannot be saved does not change the status: the result is shown all
	 * the same, as when nothing could be saved from the start (open_check()). */
	if (c->is_saving)
		save_record(c, text, len, r->generated_at, id);
	FILE *out = c->o->out != NULL ? c->o->out : stdout;
	if (c->last != NULL && text != NULL)
		show_change(c, text, len, id, c->o->is_json || c->o->output != NULL ? NULL : out);
	free(text);
	show_headline(c, e, r);
	if (write_result(c, e, id, &status) != 0)
		rc = -1;
	if (id[0] != '\0') {
		char saved[2 * STORE_ID_MAX + 256];
		snprintf(saved, sizeof saved, _("Saved as %s. See it again with 'backcheck show %s'."),
		         id, id);
		say(c, "%s%s", c->o->is_result_on_screen ? "\n" : "", saved);
	}
	if (status != EXIT_OK)
		return status;
	return rc == 0 && fflush(out) == 0 ? EXIT_OK : EXIT_IOERR;
}

/* --- The check --------------------------------------------------------------------------------- */

/* Prepares e: resumed answers, or a re-check's defaults. Returns 0 or an exit status. */
static int prepare(struct check *c, struct engine *e, struct interview_opts *io)
{
	struct store_state st;
	int status = EXIT_OK;
	int k = state_to_resume(c, &st, &status);
	if (k < 0) {
		interview_early_end(e, c->ui);
		return status;
	}
	if (k == 0 && c->o->start == CHECK_START_RESUME) {
		say(c, "%s", _("backcheck: there is no check in progress to resume."));
		return EXIT_NOINPUT;
	}
	if (k == 1) {
		resume(c, e, &st);
		io->is_resumed = true;
	}
	if (c->st.is_recheck && c->is_saving)
		c->last = last_record(c);
	if (c->st.is_recheck && c->last == NULL)
		say(c, "%s", _("There is no earlier check to compare with, so this is a first "
		               "check."));
	if (c->last != NULL)
		io->defaults = stable_defaults(c, e, c->last);
	return 0;
}

/* After an early end: what is kept. */
static void say_kept(struct check *c, const struct engine *e)
{
	if (!c->is_saving)
		return;
	if (c->is_declined)
		say(c, "\n%s", _("Your unfinished check is kept as it was. Run 'backcheck resume' to "
		                 "carry on with it."));
	else if (interview_count_answered(e) > 0)
		say(c, "\n%s", _("Your answers so far are kept. Run 'backcheck resume' to carry "
		                 "on."));
}

/* Runs the interview on e and ends it. Returns the exit status. */
static int interview(struct check *c, struct engine *e, struct interview_opts *io)
{
	if (c->is_saving) {
		io->on_change = save_state;
		io->ctx = c;
	}
	enum interview_end end = interview_run(e, c->ui, io);
	if ((end == INTERVIEW_DONE || end == INTERVIEW_STOPPED) && c->o->is_result_on_screen)
		say(c, "%s", "");
	if (end == INTERVIEW_DONE || end == INTERVIEW_STOPPED)
		return finish(c, e);
	if (end != INTERVIEW_BAD_INPUT)
		say_kept(c, e);
	return interview_exit_status(end);
}

static struct ui *ui_new(bool is_plain)
{
	struct ui_readline_opts ro = { .is_plain = is_plain };
	return isatty(STDIN_FILENO) ? ui_readline_new(&ro) : ui_plain_new(stdin, stderr);
}

int check_run(const struct questionnaire *q, size_t lang, const struct check_opts *o)
{
	struct check c = { .o = o, .q = q, .lang = lang, .lock_fd = -1, .a = arena_new() };
	c.ui = ui_new(o->is_plain);
	if (c.ui == NULL) {
		arena_free(c.a);
		return EXIT_SOFTWARE;
	}
	struct engine *e = engine_new(q, lang);
	struct interview_opts io = { .is_result_on_screen = o->is_result_on_screen };
	int status = open_check(&c);
	if (status == EXIT_OK)
		status = prepare(&c, e, &io);
	if (status == EXIT_OK)
		status = interview(&c, e, &io);
	engine_free(e);
	c.ui->ops->free(c.ui);
	if (c.lock_fd >= 0)
		close(c.lock_fd);
	store_dirs_free(&c.dirs);
	arena_free(c.a);
	return status;
}
