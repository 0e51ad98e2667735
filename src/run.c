/*
 * run.c - `backcheck run`: loads a questionnaire, applies an answers file (or starts an
 * interview), decides, and writes the result as text or JSON.
 *
 * Standard output carries the requested output and nothing else; diagnostics and warnings go
 * to standard error. A scripted run writes no other file than -o's.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "answers.h"
#include "arena.h"
#include "check.h"
#include "cli.h"
#include "diag.h"
#include "engine.h"
#include "i18n.h"
#include "intake.h"
#include "loader.h"
#include "model.h"
#include "outfile.h"
#include "qpath.h"
#include "render.h"
#include "store.h"
#include "wrap.h"

struct run_opts {
	const char *questionnaire;
	const char *answers;
	const char *format;
	const char *output;
	const char *lang;
	const char *data_dir;
	const char *audience;
	const char *subject;
	const char *patient;
	const char *since;
	enum render_format fmt;
	enum render_audience who;
	bool is_version, is_save, is_no_save, is_kiosk, is_plain, is_details, is_force;
};

static const struct cli_option run_options[] = {
	{ "questionnaire", 'q', offsetof(struct run_opts, questionnaire), "PATH|ID",
	  N_("the questionnaire (default: back-recovery)") },
	{ "answers", 'a', offsetof(struct run_opts, answers), "FILE",
	  N_("take the answers from FILE instead of asking") },
	{ "format", 'f', offsetof(struct run_opts, format), "text|json|markdown|html|fhir",
	  N_("the output format (default: text)") },
	{ "for", 0, offsetof(struct run_opts, audience), "person|clinician",
	  N_("the person's result or the clinician's summary") },
	{ "subject", 0, offsetof(struct run_opts, subject), "ID",
	  N_("the patient's id, for the clinician's outputs") },
	{ "patient", 0, offsetof(struct run_opts, patient), "NAME",
	  N_("the patient's name (kept only with the check)") },
	{ "since", 0, offsetof(struct run_opts, since), "ID",
	  N_("the saved check the summary compares with") },
	{ "details", 0, offsetof(struct run_opts, is_details), NULL,
	  N_("the text with every rule, change and figure") },
	{ "output", 'o', offsetof(struct run_opts, output), "FILE",
	  N_("write the result to FILE (a new one; - is stdout)") },
	{ "force", 0, offsetof(struct run_opts, is_force), NULL,
	  N_("let -o replace a FILE that exists") },
	{ "lang", 0, offsetof(struct run_opts, lang), "L",
	  N_("the language of the texts (default: $LANG)") },
	{ "save", 0, offsetof(struct run_opts, is_save), NULL,
	  N_("save the result in your history (scripted runs)") },
	{ "no-save", 0, offsetof(struct run_opts, is_no_save), NULL,
	  N_("save nothing (interviews save by default)") },
	{ "kiosk", 0, offsetof(struct run_opts, is_kiosk), NULL,
	  N_("a shared computer: save nothing, offer no resume") },
	{ "plain", 0, offsetof(struct run_opts, is_plain), NULL,
	  N_("plain prompts, for screen readers") },
	{ "data-dir", 0, offsetof(struct run_opts, data_dir), "DIR",
	  N_("where your history is kept") },
	{ "version", 0, offsetof(struct run_opts, is_version), NULL, N_("show the version") },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_command run_command = {
	"run", "[OPTION]...", N_("Answers a questionnaire and explains the result."), run_options, 0,
};

/* Returns CLI_GO_ON, or the exit status after printing the help or what is wrong. */
static int parse_args(int argc, char **argv, struct run_opts *o)
{
	int first, status = cli_parse(&run_command, argc, argv, o, &first);
	if (status != CLI_GO_ON)
		return status;
	if (o->format != NULL)
		render_format_of(o->format, &o->fmt);
	if (o->audience != NULL)
		render_audience_of(o->audience, &o->who);
	if (o->is_save && (o->is_no_save || o->is_kiosk))
		return cli_usage_error(&run_command, _("--save cannot be used with --no-save or --kiosk"));
	return CLI_GO_ON;
}

static bool is_json(const struct run_opts *o)
{
	return o->fmt != RENDER_TEXT;
}

/* Says why the result cannot be written; returns 74. */
static int write_error(struct diag *d)
{
	diag_print(d, stderr);
	return EXIT_IOERR;
}

/* The saved checks for the clinician's change and trend. Without --since, a history that
 * cannot be read is said and left out; --since must name a saved check. Returns a status. */
static int history(const struct run_opts *o, const struct questionnaire *q, struct arena *a,
                   struct render_context *ctx)
{
	struct diag *d = diag_new();
	int rc = intake_history(a, o->data_dir, q->id, NULL, o->since, ctx, d);
	diag_print(d, stderr);
	diag_free(d);
	if (rc != 0 && o->since != NULL)
		return EXIT_NOINPUT;
	return EXIT_OK;
}

/* Renders the result to out. Returns 0, or -1 when it cannot be written. */
static int render(const struct run_opts *o, struct engine *e, struct render_context *ctx,
                  FILE *out)
{
	return render_result(out, e, engine_decide(e), o->fmt, o->who, ctx,
	                     wrap_width(fileno(out)));
}

/* Decides and writes the result to standard output or -o's file (outfile.h), the person's
 * text ending with more (NULL: nothing). When -o's file cannot be written at the end of an
 * interview (is_interview), the result goes to the terminal instead, so that nothing
 * answered is lost. Returns an exit status. */
static int write_result(const struct run_opts *o, struct engine *e, const char *more,
                        bool is_interview)
{
	struct render_context ctx = { .subject = o->subject, .patient = o->patient,
	                              .is_details = o->is_details, .more = more };
	struct arena *a = arena_new();
	struct diag *d = diag_new();
	int status = o->who == RENDER_FOR_CLINICIAN || o->since != NULL
	             ? history(o, engine_questionnaire(e), a, &ctx) : EXIT_OK;
	struct outfile t;
	if (status == EXIT_OK && outfile_open(&t, o->output, o->is_force, d) != 0)
		status = write_error(d);
	if (status == EXIT_OK) {
		int rc = render(o, e, &ctx, t.f);
		if (outfile_close(&t, rc == 0, d) != 0 || rc != 0)
			status = write_error(d);
	}
	if (status == EXIT_IOERR && is_interview && o->output != NULL) {
		fputs(_("backcheck: so that nothing you answered is lost, here is your result:\n\n"),
		      stderr);
		render(o, e, &ctx, stderr);
	}
	diag_free(d);
	arena_free(a);
	return status;
}

/* check_run()'s output hook: ctx is the run's options. */
static int write_result_hook(void *ctx, struct engine *e, const char *more)
{
	return write_result(ctx, e, more, true);
}

/* With --save: the decided run as a new record. Returns an exit status. */
static int save(const struct run_opts *o, struct engine *e)
{
	char id[STORE_ID_MAX];
	struct diag *d = diag_new();
	int rc = store_save_result(o->data_dir, e, engine_decide(e), o->subject, o->patient, id, d);
	diag_print(d, stderr);
	diag_free(d);
	return rc == 0 ? EXIT_OK : EXIT_IOERR;
}

static int scripted(const struct run_opts *o, struct questionnaire *q, size_t lang)
{
	struct engine *e = engine_new(q, lang);
	struct diag *d = diag_new();
	int unreadable = 0;
	int rc = answers_load_file(e, o->answers, d, &unreadable);
	diag_print(d, stderr);
	diag_free(d);
	int status = rc == 0 ? write_result(o, e, NULL, false) : unreadable ? EXIT_NOINPUT : EXIT_DATAERR;
	if (status == EXIT_OK && o->is_save)
		status = save(o, e);
	engine_free(e);
	return status;
}

/* Without --answers: the interview, with saving and resuming (check_run()). */
static int interactive(struct run_opts *o, const struct questionnaire *q, size_t lang)
{
	struct check_opts co = {
		.data_dir = o->data_dir,
		.start = CHECK_START_OFFER,
		.is_no_save = o->is_no_save,
		.is_save = o->is_save,
		.is_kiosk = o->is_kiosk,
		.is_plain = o->is_plain,
		.is_json = is_json(o),
		.is_result_on_screen = !is_json(o) && (o->output == NULL || strcmp(o->output, "-") == 0)
		                       && isatty(STDOUT_FILENO),
		.out = stdout,
		.output = write_result_hook,
		.output_ctx = o,
		.subject = o->subject,
		.patient = o->patient,
	};
	return check_run(q, lang, &co);
}

/* The language of the questions and of the interface (i18n_choose()); a language that
 * --lang asks for and the questionnaire lacks is said once. */
static size_t choose_lang(const struct run_opts *o, const struct questionnaire *q)
{
	size_t lang = i18n_choose(q, o->lang);
	if (o->lang != NULL && strncmp(q->langs[lang], o->lang, 2) != 0)
		fprintf(stderr, _("backcheck: %s is not offered in '%s'; using '%s'\n"), q->id,
		        o->lang, q->langs[lang]);
	return lang;
}

int cmd_run(int argc, char **argv)
{
	struct run_opts o = { 0 };
	int parsed = parse_args(argc, argv, &o);
	if (parsed != CLI_GO_ON)
		return parsed;
	if (o.is_version) {
		fputs(CLI_VERSION_TEXT, stdout);
		return EXIT_OK;
	}
	/* -o's file is checked before anything is asked. */
	struct diag *d = diag_new();
	bool is_writable = outfile_check(o.output, o.is_force, d) == 0;
	diag_print(d, stderr);
	diag_free(d);
	if (!is_writable)
		return EXIT_IOERR;
	int status = EXIT_OK;
	struct questionnaire *q = qpath_load(o.questionnaire ? o.questionnaire : QPATH_DEFAULT_ID,
	                                     NULL, QPATH_SAY_ERRORS, &status);
	if (q == NULL)
		return status;
	size_t lang = choose_lang(&o, q);
	status = o.answers != NULL ? scripted(&o, q, lang) : interactive(&o, q, lang);
	questionnaire_free(q);
	return status;
}
