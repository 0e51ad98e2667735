/*
 * store_session.c - an interactive check with nothing lost: the lock that keeps two
 * terminals apart, the resume offer, progress saved after every answer, the result saved as
 * a record, and on a re-check the stable answers offered and the change since last time.
 *
 * Invariant: while a check saves, this process holds STATE/QID.lock, and STATE/QID.yaml is
 * either absent or a complete state written after some answer of this or an earlier run.
 * Nothing is written with --no-save or --kiosk, or when standard input is not a terminal
 * (a scripted interview) unless --save says so.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "cli.h"
#include "diag.h"
#include "engine.h"
#include "interview.h"
#include "model.h"
#include "render.h"
#include "store.h"
#include "yamlio.h"

struct session {
	const struct store_check_opts *o;
	const struct questionnaire *q;
	size_t lang;
	struct store_dirs dirs;
	bool is_saving;
	bool has_save_failed;
	/* An unreadable state file could not be moved aside: progress is not saved over it. */
	bool is_state_kept;
	int lock_fd;
	char state_name[256];
	struct arena *a;
	struct diag *d;
	/* From the state resumed: its start and audit trail, and how many of the run's audit
	 * entries re-applying its answers made (left out of the trail). */
	char started_at[40];
	const struct ynode *prior_audit;
	size_t audit_skip;
};

/* --- State ---------------------------------------------------------------------------------- */

static struct ynode *str_node(struct arena *a, const char *s)
{
	return yamlio_new_scalar(a, s != NULL ? s : "", YSTYLE_PLAIN);
}

static struct ynode *state_tree(struct arena *a, struct session *s, const struct engine *e)
{
	char now[40];
	store_time_text(engine_now(), now, sizeof now);
	struct ynode *root = yamlio_new_map(a), *q = yamlio_new_map(a);
	yamlio_append(a, root, "format_version", yamlio_new_plain(a, "1"));
	yamlio_append(a, q, "id", str_node(a, s->q->id));
	yamlio_append(a, q, "version", str_node(a, s->q->version));
	yamlio_append(a, q, "sha256", str_node(a, s->q->sha256));
	yamlio_append(a, root, "questionnaire", q);
	yamlio_append(a, root, "started_at", str_node(a, s->started_at));
	yamlio_append(a, root, "updated_at", str_node(a, now));
	yamlio_append(a, root, "answers", store_answers_tree(a, e));
	yamlio_append(a, root, "audit", store_audit_tree(a, e, s->prior_audit, s->audit_skip));
	return root;
}

/* The interview's hook: saves the answers so far (atomically) after every change. */
static void save_state(void *ctx, const struct engine *e)
{
	struct session *s = ctx;
	if (s->is_state_kept)
		return;
	struct arena *a = arena_new();
	char *text = NULL;
	size_t len = 0;
	struct diag *d = diag_new();
	if (store_tree_text(state_tree(a, s, e), &text, &len) != 0)
		diag_error(d, (struct srcpos){ s->state_name, 0, 0 }, "cannot put your answers into words");
	else
		store_write_atomic(s->dirs.state, s->state_name, text, len, true, d);
	if (diag_errors(d) > 0 && !s->has_save_failed) {
		s->has_save_failed = true;
		diag_print(d, stderr);
		fputs("backcheck: your progress is not being saved; the check goes on.\n", stderr);
	}
	diag_free(d);
	free(text);
	arena_free(a);
}

/*
 * Moves an unreadable state file out of the way of the new check's progress, bytes and all:
 * hard-linked as QID.unreadable-ID.yaml (never replacing a file), then its old name removed.
 * Tells the person where it is. If it cannot be moved, progress is not saved this time, so
 * that the file is never overwritten.
 */
static void set_aside(struct session *s)
{
	char id[STORE_ID_MAX], name[300];
	store_id_for_time(engine_now(), id);
	char *from = store_path(s->dirs.state, s->state_name), *to = NULL;
	int rc = -1;
	for (int k = 1; k < 100 && rc != 0; k++) {
		snprintf(name, sizeof name, k == 1 ? "%s.unreadable-%s.yaml" : "%s.unreadable-%s-%d.yaml",
		         s->q->id, id, k);
		free(to);
		to = store_path(s->dirs.state, name);
		rc = link(from, to);
		if (rc != 0 && errno != EEXIST)
			break;
	}
	if (rc == 0 && store_remove(s->dirs.state, s->state_name, s->d) == 0) {
		fprintf(stderr, "backcheck: the saved check in progress cannot be read, so a new check "
		        "starts. The file is kept as %s.\n", to);
	} else {
		s->is_state_kept = true;
		fprintf(stderr, "backcheck: the saved check in progress cannot be read; it is left as "
		        "it is and a new check starts, without saving progress as you go.\n");
	}
	free(from);
	free(to);
}

/* Reads the saved state of this questionnaire, or NULL when there is none (or it is not
 * readable: then it says so and leaves the file alone). */
static const struct ynode *read_state(struct session *s)
{
	char *text = NULL;
	size_t len = 0;
	bool is_missing;
	struct diag *d = diag_new();
	const struct ynode *root = NULL;
	if (store_read(s->dirs.state, s->state_name, STORE_MAX_RECORD_SIZE, &text, &len,
	               &is_missing, d) == 0) {
		char *file = store_path(s->dirs.state, s->state_name);
		root = yamlio_parse(s->a, d, arena_strdup(s->a, file), text, len);
		const struct ynode *q = yamlio_get(yamlio_get(root, "questionnaire"), "id");
		if (root != NULL && (q == NULL || strcmp(q->str, s->q->id) != 0 ||
		                     yamlio_get(root, "answers") == NULL)) {
			diag_error(d, (struct srcpos){ arena_strdup(s->a, file), 0, 0 },
			           "not a check in progress of the questionnaire '%s'", s->q->id);
			root = NULL;
		}
		free(file);
	}
	if (!is_missing && root == NULL) {
		diag_print(d, stderr);
		set_aside(s);
	}
	diag_free(d);
	free(text);
	return root;
}

/* --- Applying saved answers ------------------------------------------------------------------ */

/* An answer tree as a person would type it: "yes", "6.5", "a, b". */
static void typed(const struct ynode *v, char *buf, size_t sz)
{
	buf[0] = '\0';
	if (v->kind == YNODE_SCALAR) {
		snprintf(buf, sz, "%s", v->str);
		return;
	}
	size_t used = 0;
	for (size_t i = 0; v->kind == YNODE_SEQ && i < v->n && used < sz; i++) {
		int k = snprintf(buf + used, sz - used, "%s%s", i ? ", " : "",
		                 v->items[i]->kind == YNODE_SCALAR ? v->items[i]->str : "?");
		used += k > 0 ? (size_t)k : 0;
	}
}

/* Applies one saved answer to item i; false when it no longer fits the questionnaire. */
static bool apply_one(struct engine *e, size_t i, const struct ynode *v)
{
	if (!engine_applies(e, i))
		return false;
	if (yamlio_is_null(v))
		return engine_skip(e, i) == 0;
	char text[2048], msg[256];
	struct value val;
	typed(v, text, sizeof text);
	return engine_parse(e, i, text, &val, msg, sizeof msg) == 0 && engine_set(e, i, val) == 0;
}

static void tell_dropped(size_t *dropped, const char *id)
{
	if (*dropped == 0)
		fputs("The questionnaire has changed since you started. These answers no longer fit "
		      "and will be asked again if they are still needed:", stderr);
	fprintf(stderr, "%s %s", *dropped > 0 ? "," : "", id);
	++*dropped;
}

/* Applies the saved answers in questionnaire order (conditions only look back), and tells
 * the person which could not be kept. Returns how many were kept. */
static size_t apply_answers(struct engine *e, const struct ynode *answers, bool is_changed)
{
	const struct questionnaire *q = engine_questionnaire(e);
	size_t kept = 0, dropped = 0;
	if (answers == NULL || answers->kind != YNODE_MAP)
		return 0;
	for (size_t i = 0; i < q->nitems; i++) {
		const struct ynode *v = yamlio_get(answers, q->items[i].id);
		if (v != NULL && apply_one(e, i, v))
			kept++;
		else if (v != NULL)
			tell_dropped(&dropped, q->items[i].id);
	}
	for (size_t k = 0; k < answers->n; k++)
		if (model_item(q, answers->keys[k]->str) == NULL)
			tell_dropped(&dropped, answers->keys[k]->str);
	if (dropped > 0)
		fputs(".\n", stderr);
	else if (is_changed)
		fputs("The questionnaire has changed since you started; all your answers still fit.\n",
		      stderr);
	return kept;
}

/* --- Opening: folders, the lock, the resume offer ------------------------------------------ */

/* Opens the session: whether it saves, its folders and its lock. Returns 0 or an exit status. */
static int open_session(struct session *s)
{
	const struct store_check_opts *o = s->o;
	s->lock_fd = -1;
	s->is_saving = !o->is_no_save && !o->is_kiosk && (o->is_save || isatty(0));
	snprintf(s->state_name, sizeof s->state_name, "%s.yaml", s->q->id);
	store_time_text(engine_now(), s->started_at, sizeof s->started_at);
	if (!s->is_saving)
		return 0;
	if (store_dirs_resolve(&s->dirs, o->data_dir, s->d) != 0 ||
	    store_mkdirs(s->dirs.state, s->d) != 0 || store_mkdirs(s->dirs.records, s->d) != 0)
		return EXIT_IOERR;
	store_clean_temps(s->dirs.state);
	char lock[260];
	bool is_busy;
	snprintf(lock, sizeof lock, "%s.lock", s->q->id);
	s->lock_fd = store_lock(s->dirs.state, lock, &is_busy, s->d);
	if (is_busy)
		fprintf(stderr, "backcheck: you are already doing this check in another window. "
		        "Finish or quit that one first.\n");
	return s->lock_fd >= 0 ? 0 : is_busy ? EXIT_USAGE : EXIT_IOERR;
}

/* Asks a yes/no question on the terminal, reading one byte at a time so that nothing meant
 * for the interview is read ahead. Enter means yes. */
static bool ask_yes(const char *question)
{
	fprintf(stderr, "%s [Y/n] ", question);
	fflush(stderr);
	char c, first = '\0';
	while (read(0, &c, 1) == 1 && c != '\n' && c != '\r')
		if (first == '\0' && c != ' ')
			first = c;
	return first == '\0' || first == 'y' || first == 'Y';
}

static size_t count_answers(const struct ynode *answers)
{
	return answers != NULL && answers->kind == YNODE_MAP ? answers->n : 0;
}

/* "28 Nov" from "2026-11-28T09:15:30Z". */
static void day_text(const char *rfc, char *buf, size_t sz)
{
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int y, m, d;
	if (sscanf(rfc, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12)
		snprintf(buf, sz, "%d %s", d, months[m - 1]);
	else
		snprintf(buf, sz, "an earlier day");
}

/* The saved state to go on from, or NULL to start afresh (offering it when asked to). */
static const struct ynode *state_to_resume(struct session *s)
{
	if (!s->is_saving || s->o->start == STORE_START_RECHECK)
		return NULL;
	const struct ynode *st = read_state(s);
	if (st == NULL || s->o->start == STORE_START_RESUME)
		return st;
	char when[32], question[128];
	const struct ynode *started = yamlio_get(st, "started_at");
	day_text(started != NULL ? started->str : "", when, sizeof when);
	snprintf(question, sizeof question, "You were %zu questions into a check on %s. Resume?",
	         count_answers(yamlio_get(st, "answers")), when);
	if (!isatty(0))
		return NULL;
	if (ask_yes(question))
		return st;
	fputs("A new check starts. The unfinished one is replaced once you answer the first "
	      "question; quit before that to keep it.\n", stderr);
	return NULL;
}

/* Puts a saved state's answers into e and remembers its start and audit trail. */
static void resume(struct session *s, struct engine *e, const struct ynode *st)
{
	const struct ynode *started = yamlio_get(st, "started_at");
	const struct ynode *sha = yamlio_get(yamlio_get(st, "questionnaire"), "sha256");
	if (started != NULL && started->kind == YNODE_SCALAR)
		snprintf(s->started_at, sizeof s->started_at, "%s", started->str);
	bool is_changed = sha == NULL || strcmp(sha->str, s->q->sha256) != 0;
	apply_answers(e, yamlio_get(st, "answers"), is_changed);
	engine_audit(e, &s->audit_skip);
	s->prior_audit = yamlio_get(st, "audit");
}

/* --- Re-check ---------------------------------------------------------------------------------- */

/* The newest readable record of this questionnaire, read into s->a, or NULL. */
static const struct store_record *last_record(struct session *s)
{
	struct store_record *r;
	size_t n;
	struct diag *d = diag_new();
	if (store_records_load(s->a, s->dirs.records, &r, &n, d) != 0)
		n = 0;
	diag_print(d, stderr);
	diag_free(d);
	while (n > 0 && strcmp(r[n - 1].questionnaire_id, s->q->id) != 0)
		n--;
	return n > 0 ? &r[n - 1] : NULL;
}

/* The stable answers of last as defaults for e (indexed like q->items), in s->a. */
static const struct value *stable_defaults(struct session *s, struct engine *e,
                                           const struct store_record *last)
{
	struct value *def = arena_calloc(s->a, s->q->nitems ? s->q->nitems : 1, sizeof *def);
	for (size_t i = 0; i < s->q->nitems; i++) {
		const struct ynode *v = yamlio_get(last->answers, s->q->items[i].id);
		char text[2048], msg[256];
		def[i] = value_unknown();
		if (!s->q->items[i].is_stable || v == NULL || yamlio_is_null(v))
			continue;
		typed(v, text, sizeof text);
		if (engine_parse(e, i, text, &def[i], msg, sizeof msg) != 0)
			def[i] = value_unknown();
	}
	return def;
}

/* After a re-check's result: what changed since last, from the record just made. */
static void show_change(struct session *s, const struct store_record *last,
                        const struct ynode *tree, const char *id, FILE *out)
{
	char *text = NULL;
	size_t len = 0;
	struct store_record now;
	struct diag *d = diag_new();
	if (store_tree_text(tree, &text, &len) == 0 &&
	    store_record_parse(s->a, d, "this check", id[0] ? id : "this check", text, len, &now) == 0) {
		fputs("\nSince your last check:\n", out);
		store_compare_text(last, &now, s->q, s->lang, out);
	}
	diag_free(d);
	free(text);
}

/* --- Finishing --------------------------------------------------------------------------------- */

/* Decides, prints the result, saves the record and drops the state. Returns the status. */
static int finish(struct session *s, struct engine *e, const struct store_record *last)
{
	const struct engine_result *r = engine_decide(e);
	FILE *out = s->o->out != NULL ? s->o->out : stdout;
	int rc = 0, status = EXIT_OK;
	if (s->o->output != NULL)
		status = s->o->output(s->o->output_ctx, e);
	else if (s->o->is_json)
		rc = render_json(out, e, r);
	else
		rc = render_text(out, e, r, render_width(fileno(out)));
	r = engine_decide(e);
	struct ynode *tree = store_record_tree(s->a, e, r, s->prior_audit, s->audit_skip);
	store_record_set_subject(s->a, tree, s->o->subject, s->o->patient);
	char id[STORE_ID_MAX] = "", *text = NULL;
	size_t len = 0;
	if (s->is_saving && (tree == NULL || store_tree_text(tree, &text, &len) != 0 ||
	                     store_save_new(s->dirs.records, r->generated_at, text, len, id, s->d))) {
		diag_print(s->d, stderr);
		fputs("backcheck: this result could not be saved.\n", stderr);
		rc = -1;
	} else if (s->is_saving) {
		store_remove(s->dirs.state, s->state_name, s->d);
		fprintf(stderr, "%sSaved as %s. See it again with 'backcheck show %s'.\n",
		        s->o->is_result_on_screen ? "\n" : "", id, id);
	}
	if (last != NULL && tree != NULL)
		show_change(s, last, tree, id, s->o->is_json ? stderr : out);
	free(text);
	if (status != EXIT_OK)
		return status;
	return rc == 0 && fflush(out) == 0 ? EXIT_OK : EXIT_IOERR;
}

static void close_session(struct session *s)
{
	if (s->lock_fd >= 0)
		close(s->lock_fd);
	store_dirs_free(&s->dirs);
	diag_free(s->d);
	arena_free(s->a);
}

/* Prepares e: resumed answers, or a re-check's defaults. Returns 0 or an exit status. */
static int prepare(struct session *s, struct engine *e, struct interview_opts *io,
                   const struct store_record **last)
{
	const struct ynode *st = state_to_resume(s);
	if (st == NULL && s->o->start == STORE_START_RESUME) {
		fputs("backcheck: there is no check in progress to resume.\n", stderr);
		return EXIT_NOINPUT;
	}
	if (st != NULL) {
		resume(s, e, st);
		io->is_resumed = true;
	}
	if (s->o->start == STORE_START_RECHECK && s->is_saving)
		*last = last_record(s);
	if (s->o->start == STORE_START_RECHECK && *last == NULL)
		fputs("There is no earlier check to compare with, so this is a first check.\n", stderr);
	if (*last != NULL)
		io->defaults = stable_defaults(s, e, *last);
	return 0;
}

int store_check(const struct questionnaire *q, size_t lang, const struct store_check_opts *o)
{
	struct session s = { .o = o, .q = q, .lang = lang, .a = arena_new(), .d = diag_new() };
	int status = open_session(&s);
	diag_print(s.d, stderr);
	struct engine *e = engine_new(q, lang);
	struct interview_opts io = { .is_result_on_screen = o->is_result_on_screen };
	const struct store_record *last = NULL;
	if (status == 0)
		status = prepare(&s, e, &io, &last);
	if (status == 0 && s.is_saving) {
		io.on_change = save_state;
		io.ctx = &s;
	}
	if (status == 0) {
		enum interview_end end = interview_main(e, o->is_plain, &io);
		status = interview_exit_status(end);
		if ((end == INTERVIEW_DONE || end == INTERVIEW_STOPPED) && o->is_result_on_screen)
			fputc('\n', stderr);
		if (end == INTERVIEW_DONE || end == INTERVIEW_STOPPED)
			status = finish(&s, e, last);
		else if (s.is_saving && end != INTERVIEW_BAD_INPUT)
			fputs("Your answers so far are kept. Run 'backcheck resume' to carry on.\n", stderr);
	}
	engine_free(e);
	close_session(&s);
	return status;
}
