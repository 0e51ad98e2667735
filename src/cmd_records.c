/*
 * cmd_records.c - the subcommands over stored records: history, show, compare, delete,
 * export; and resume and recheck, handed to the check (check.h). Each parses its own
 * options, reads the records (reporting and skipping any that cannot be read) and prints to
 * standard output; messages go to standard error.
 */
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "check.h"
#include "cli.h"
#include "diag.h"
#include "engine.h"
#include "history.h"
#include "i18n.h"
#include "intake.h"
#include "loader.h"
#include "model.h"
#include "outfile.h"
#include "qpath.h"
#include "render.h"
#include "store.h"
#include "ui.h"
#include "wrap.h"
#include "xalloc.h"

struct opts {
	const char *data_dir;
	const char *format;
	const char *questionnaire;
	const char *lang;
	const char *since;
	const char *audience, *subject, *patient;
	bool is_plain, is_all, is_yes, is_no_save, is_details;
	const char *args[2];
	size_t nargs;
};

#define OPT_DATA_DIR { "data-dir", 0, offsetof(struct opts, data_dir), "DIR", \
	               N_("your records are in DIR/records") }
#define OPT_LANG { "lang", 0, offsetof(struct opts, lang), "L", \
	           N_("the language of the questions (default: $LANG)") }
#define OPT_PLAIN(what) { "plain", 0, offsetof(struct opts, is_plain), NULL, what }
#define OPT_END { NULL, 0, 0, NULL, NULL }

static const struct cli_option history_options[] = {
	{ "format", 'f', offsetof(struct opts, format), "text|json", N_("the output format") },
	OPT_PLAIN(N_("draw the sparklines in ASCII")), OPT_DATA_DIR, OPT_END,
};
static const struct cli_option show_options[] = {
	{ "format", 'f', offsetof(struct opts, format), "text|json|answers|markdown|html|fhir",
	  N_("the output format") },
	{ "for", 0, offsetof(struct opts, audience), "person|clinician",
	  N_("the person's result or the clinician's summary") },
	{ "subject", 0, offsetof(struct opts, subject), "ID",
	  N_("the patient's id, for the clinician's outputs") },
	{ "patient", 0, offsetof(struct opts, patient), "NAME", N_("the patient's name, likewise") },
	{ "details", 0, offsetof(struct opts, is_details), NULL,
	  N_("every matching rule, every change, the figures") },
	OPT_LANG, OPT_DATA_DIR, OPT_END,
};
static const struct cli_option compare_options[] = { OPT_LANG, OPT_DATA_DIR, OPT_END };
static const struct cli_option delete_options[] = {
	{ "all", 0, offsetof(struct opts, is_all), NULL, N_("every check and any check in progress") },
	{ "yes", 'y', offsetof(struct opts, is_yes), NULL, N_("do not ask first") },
	OPT_DATA_DIR, OPT_END,
};
static const struct cli_option export_options[] = {
	{ "format", 'f', offsetof(struct opts, format), "json|yaml|csv|fhir",
	  N_("the output format (default: json)") },
	{ "since", 0, offsetof(struct opts, since), "DATE",
	  N_("only checks made on or after DATE (2026-11-01)") },
	{ "all", 0, offsetof(struct opts, is_all), NULL, N_("every check (the default)") },
	OPT_DATA_DIR, OPT_END,
};
static const struct cli_option check_options[] = {
	{ "questionnaire", 'q', offsetof(struct opts, questionnaire), "PATH|ID",
	  N_("the questionnaire (default: back-recovery)") },
	{ "format", 'f', offsetof(struct opts, format), "text|json", N_("the output format") },
	OPT_PLAIN(N_("plain prompts, for screen readers")),
	{ "no-save", 0, offsetof(struct opts, is_no_save), NULL, N_("save nothing") },
	OPT_LANG, OPT_DATA_DIR, OPT_END,
};

static const struct cli_command history_command = {
	"history", "[OPTION]...", N_("Your past checks, oldest first, with how each score moved."),
	history_options, 0,
};
static const struct cli_command show_command = {
	"show", "ID [OPTION]...", N_("One stored check as it was; ID may be any unique start of it."),
	show_options, 1,
};
static const struct cli_command compare_command = {
	"compare", "A B [OPTION]...", N_("What changed from check A to check B."), compare_options, 2,
};
static const struct cli_command delete_command = {
	"delete", "ID | --all [--yes]",
	N_("Deletes one check, or every check and any check in progress."), delete_options, 1,
};
static const struct cli_command export_command = {
	"export", "[ID] [OPTION]...",
	N_("Your checks as one document: every one, one (ID) or those since a date."),
	export_options, 1,
};
static const struct cli_command resume_command = {
	"resume", "[OPTION]...", N_("Goes on with the check you left unfinished."), check_options, 0,
};
static const struct cli_command recheck_command = {
	"recheck", "[OPTION]...",
	N_("A new check with your answers that rarely change filled in, then what changed."),
	check_options, 0,
};

/* Parses argv by c's table into o. Returns CLI_GO_ON or the exit status to end with. */
static int parse(const struct cli_command *c, int argc, char **argv, struct opts *o)
{
	memset(o, 0, sizeof *o);
	int first, status = cli_parse(c, argc, argv, o, &first);
	for (int i = first; status == CLI_GO_ON && i < argc; i++)
		o->args[o->nargs++] = argv[i];
	return status;
}

/* The format named by --format (default text). */
static enum store_format format_of(const struct opts *o)
{
	if (o->format == NULL || strcmp(o->format, "text") == 0)
		return STORE_FORMAT_TEXT;
	return strcmp(o->format, "json") == 0 ? STORE_FORMAT_JSON : STORE_FORMAT_ANSWERS;
}

/* Everything a command works on: the folders and the records, in one arena. */
struct loaded {
	struct arena *a;
	struct diag *d;
	struct store_dirs dirs;
	struct store_record *r;
	size_t n;
};

static int load(const struct opts *o, struct loaded *l)
{
	l->a = arena_new();
	l->d = diag_new();
	l->r = NULL;
	l->n = 0;
	l->dirs.records = l->dirs.state = NULL;
	int rc = store_dirs_resolve(&l->dirs, o->data_dir, l->d);
	if (rc == 0)
		rc = store_records_load(l->a, l->dirs.records, &l->r, &l->n, l->d);
	diag_print(l->d, stderr);
	return rc == 0 ? 0 : EXIT_IOERR;
}

static int unload(struct loaded *l, int status)
{
	store_dirs_free(&l->dirs);
	diag_free(l->d);
	arena_free(l->a);
	return status;
}

/* Whether arg selects a record file that is there but could not be read (reported by load()
 * already); says so by the record's id. */
static bool is_unreadable(const struct loaded *l, const char *arg)
{
	struct store_ids all;
	struct diag *d = diag_new();
	long k = store_list(l->dirs.records, &all, d) == 0 ? store_select(&all, arg, d) : -1;
	if (k >= 0)
		fprintf(stderr, _("backcheck: check %s cannot be read (the reason is above); the "
		                  "file is left as it is\n"), all.ids[k]);
	store_ids_free(&all);
	diag_free(d);
	return k >= 0;
}

/* The record that arg selects among the loaded ones, or NULL with the reason printed. */
static const struct store_record *pick(struct loaded *l, const char *arg, int *status)
{
	char **names = xalloc_array(l->n, sizeof *names);
	for (size_t i = 0; i < l->n; i++)
		names[i] = (char *)(uintptr_t)l->r[i].id;
	struct store_ids ids = { names, l->n };
	struct diag *d = diag_new();
	long k = store_select(&ids, arg, d);
	bool is_bad = k == -1 && is_unreadable(l, arg);
	if (!is_bad)
		diag_print(d, stderr);
	*status = k >= 0 ? EXIT_OK : k == -2 ? EXIT_USAGE : is_bad ? EXIT_DATAERR : EXIT_NOINPUT;
	diag_free(d);
	free(names);
	return k >= 0 ? &l->r[k] : NULL;
}

int cmd_history(int argc, char **argv)
{
	struct opts o;
	int status = parse(&history_command, argc, argv, &o);
	if (status != CLI_GO_ON)
		return status;
	struct loaded l;
	if ((status = load(&o, &l)) != 0)
		return unload(&l, status);
	if (format_of(&o) == STORE_FORMAT_JSON)
		return unload(&l, outfile_stdout_status(store_json_history(l.r, l.n, stdout)));
	history_list_text(l.r, l.n, o.is_plain, wrap_width(STDOUT_FILENO), stdout);
	return unload(&l, outfile_stdout_status(0));
}

/* The questionnaire r was answered on, to name its questions; NULL (quietly) when it is not
 * found or does not load: the comparison then names answers by id. Caller frees. */
static struct questionnaire *questionnaire_of(const struct store_record *r)
{
	int status;
	if (r->questionnaire_id == NULL)
		return NULL;
	return qpath_load(r->questionnaire_id, NULL, QPATH_SAY_NOTHING, &status);
}

/* The language for q and the interface (i18n_choose()). */
static size_t lang_of(const struct opts *o, const struct questionnaire *q)
{
	return q != NULL ? i18n_choose(q, o->lang) : 0;
}

/* The clinician's outputs of show: --for clinician, --format markdown|html|fhir. Returns 1
 * when o asks for none of them, else 0 (with *f and *who set) or an exit status. */
static int page_of(const struct opts *o, enum render_format *f, enum render_audience *who)
{
	*who = RENDER_FOR_PERSON;
	if (o->audience != NULL)
		render_audience_of(o->audience, who);
	if (render_format_of(o->format ? o->format : "text", f) != 0)
		return 1;
	bool is_page = *f == RENDER_MARKDOWN || *f == RENDER_HTML || *f == RENDER_FHIR;
	return is_page || (*who == RENDER_FOR_CLINICIAN && *f == RENDER_TEXT) ? 0 : 1;
}

/* show ID as the clinician's summary, a printable page or FHIR (intake_show()). */
static int show_page(const struct opts *o, enum render_format f, enum render_audience who)
{
	struct loaded l;
	int status = load(o, &l);
	if (status != 0)
		return unload(&l, status);
	const struct store_record *r = pick(&l, o->args[0], &status);
	if (r == NULL)
		return unload(&l, status);
	status = intake_show(l.r, l.n, (size_t)(r - l.r), 0, f, who, o->subject, o->patient, stdout);
	return unload(&l, status == EXIT_OK ? outfile_stdout_status(0) : status);
}

/*
 * show ID as the person's text: the saved answers replayed at the record's time on the
 * questionnaire it was made with, so that it is the text the interview ended with. When that
 * questionnaire is missing or has changed since, the texts saved in the record instead.
 */
static void show_text(const struct opts *o, const struct store_record *r)
{
	struct questionnaire *q = questionnaire_of(r);
	struct engine *e = NULL;
	if (q != NULL && r->questionnaire_sha256 != NULL &&
	    strcmp(q->sha256, r->questionnaire_sha256) == 0) {
		struct diag *d = diag_new();
		e = intake_replay(q, lang_of(o, q), r, d);
		diag_free(d);
	}
	if (e == NULL) {
		history_show_text(r, q, lang_of(o, q), wrap_width(STDOUT_FILENO), stdout);
		questionnaire_free(q);
		return;
	}
	engine_set_time(e, intake_record_time(r));
	char more[STORE_ID_MAX + 64];
	render_details_hint(more, sizeof more, r->id);
	struct render_text_opts ro = { o->is_details, o->is_details ? NULL : more };
	render_text_with(stdout, e, engine_decide(e), wrap_width(STDOUT_FILENO), &ro);
	engine_free(e);
	questionnaire_free(q);
}

int cmd_show(int argc, char **argv)
{
	struct opts o;
	int status = parse(&show_command, argc, argv, &o);
	if (status != CLI_GO_ON)
		return status;
	if (o.nargs != 1)
		return cli_usage_error(&show_command, "%s", _("give the id of a check, as "
		                                              "'backcheck history' lists them"));
	enum render_format rf;
	enum render_audience who;
	if (page_of(&o, &rf, &who) == 0)
		return show_page(&o, rf, who);
	struct loaded l;
	if ((status = load(&o, &l)) != 0)
		return unload(&l, status);
	const struct store_record *r = pick(&l, o.args[0], &status);
	if (r == NULL)
		return unload(&l, status);
	enum store_format f = format_of(&o);
	if (f == STORE_FORMAT_JSON)
		return unload(&l, outfile_stdout_status(store_json_record(r, stdout)));
	if (f == STORE_FORMAT_ANSWERS)
		return unload(&l, outfile_stdout_status(history_show_answers(r, stdout)));
	show_text(&o, r);
	return unload(&l, outfile_stdout_status(0));
}

int cmd_compare(int argc, char **argv)
{
	struct opts o;
	int status = parse(&compare_command, argc, argv, &o);
	if (status != CLI_GO_ON)
		return status;
	if (o.nargs != 2)
		return cli_usage_error(&compare_command, "%s", _("give the ids of two checks, as "
		                                                 "'backcheck history' lists them"));
	struct loaded l;
	if ((status = load(&o, &l)) != 0)
		return unload(&l, status);
	const struct store_record *a = pick(&l, o.args[0], &status), *b = NULL;
	if (a != NULL)
		b = pick(&l, o.args[1], &status);
	if (b == NULL)
		return unload(&l, status);
	struct questionnaire *q = questionnaire_of(b);
	history_compare_text(a, b, q, lang_of(&o, q), stdout);
	questionnaire_free(q);
	return unload(&l, outfile_stdout_status(0));
}

/* The records export selects: the one ID picks, or those made on or after --since (a
 * date, compared with the date the record was made), or all. Returns CLI_GO_ON or a status. */
static int export_selection(const struct opts *o, struct loaded *l)
{
	if (o->nargs == 1) {
		int status;
		const struct store_record *r = pick(l, o->args[0], &status);
		if (r == NULL)
			return status;
		l->r = (struct store_record *)(uintptr_t)r;
		l->n = 1;
		return CLI_GO_ON;
	}
	size_t kept = 0;
	for (size_t i = 0; i < l->n; i++)
		if (o->since == NULL || strncmp(l->r[i].generated_at, o->since, 10) >= 0)
			l->r[kept++] = l->r[i];
	l->n = kept;
	return CLI_GO_ON;
}

/* Whether s is a date YYYY-MM-DD. */
static bool is_date(const char *s)
{
	int y, m, d, n = 0;
	return strlen(s) == 10 && sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10 &&
	       s[4] == '-' && s[7] == '-' && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

int cmd_export(int argc, char **argv)
{
	struct opts o;
	int status = parse(&export_command, argc, argv, &o);
	if (status != CLI_GO_ON)
		return status;
	if (o.nargs + (o.since != NULL) + o.is_all > 1)
		return cli_usage_error(&export_command, "%s",
		                       _("give one of ID, --since DATE and --all"));
	if (o.since != NULL && !is_date(o.since))
		return cli_usage_error(&export_command, _("--since needs a date such as 2026-11-01, "
		                                         "not '%s'"), o.since);
	struct loaded l;
	if ((status = load(&o, &l)) != 0 || (status = export_selection(&o, &l)) != CLI_GO_ON)
		return unload(&l, status);
	const char *f = o.format != NULL ? o.format : "json";
	if (strcmp(f, "fhir") == 0) {
		status = intake_export_fhir(l.r, l.n, stdout);
		return unload(&l, status == EXIT_OK ? outfile_stdout_status(0) : status);
	}
	if (strcmp(f, "csv") == 0)
		return unload(&l, outfile_stdout_status(store_csv_export(l.r, l.n, stdout)));
	if (strcmp(f, "yaml") == 0)
		return unload(&l, outfile_stdout_status(store_yaml_export(l.r, l.n, stdout)));
	return unload(&l, outfile_stdout_status(store_json_export(l.r, l.n, stdout)));
}

/* Removes the state files (interviews in progress and their locks) from dir. */
static int remove_state(const char *dir, struct diag *d)
{
	int rc = 0;
	DIR *dp = opendir(dir);
	if (dp == NULL)
		return 0;
	for (struct dirent *de; (de = readdir(dp)) != NULL;) {
		size_t n = strlen(de->d_name);
		bool is_ours = de->d_name[0] != '.' && n > 5 &&
		               (strcmp(de->d_name + n - 5, ".yaml") == 0 ||
		                strcmp(de->d_name + n - 5, ".lock") == 0);
		if (is_ours && store_remove(dir, de->d_name, d) != 0)
			rc = -1;
	}
	closedir(dp);
	return rc;
}

/* Asks before deleting everything, on a terminal; elsewhere --yes must say so. Returns 1
 * to delete, 0 when the person said no, -1 when there is no one to ask. */
static int confirmed(const struct opts *o, size_t n)
{
	if (o->is_yes)
		return 1;
	if (!isatty(0)) {
		fprintf(stderr, ngettext("backcheck delete: --all deletes %zu check and any check in "
		                         "progress; add --yes to confirm\n", "backcheck delete: --all "
		                         "deletes %zu checks and any check in progress; add --yes "
		                         "to confirm\n", n), n);
		return -1;
	}
	char question[256];
	snprintf(question, sizeof question, ngettext("Delete all %zu of your checks and any "
	                                             "check in progress? This cannot be undone.",
	                                             "Delete all %zu of your checks and any "
	                                             "check in progress? This cannot be undone.",
	                                             n), n);
	struct ui_readline_opts ro = { .is_plain = o->is_plain };
	struct ui *ui = ui_readline_new(&ro);
	bool is_yes = false;
	if (ui != NULL && ui->ops->yesno(ui, question, false, &is_yes) != UI_LINE)
		is_yes = false;
	if (ui != NULL)
		ui->ops->free(ui);
	return is_yes;
}

/* Declining is not an error: nothing is deleted and the status is 0. */
static int not_confirmed(int k)
{
	if (k < 0)
		return EXIT_USAGE;
	fputs(_("Nothing was deleted.\n"), stdout);
	return EXIT_OK;
}

static int delete_all(const struct opts *o, const struct store_dirs *dirs, struct diag *d)
{
	struct store_ids ids;
	if (store_list(dirs->records, &ids, d) != 0)
		return EXIT_IOERR;
	int k = confirmed(o, ids.n);
	if (k != 1) {
		store_ids_free(&ids);
		return not_confirmed(k);
	}
	/* Goes on past a file it cannot delete: each one is reported (before the summary), the
	 * rest deleted. */
	size_t failed = 0;
	struct diag *mine = diag_new();
	for (size_t i = 0; i < ids.n; i++) {
		char name[STORE_ID_MAX + 8];
		snprintf(name, sizeof name, "%s.yaml", ids.ids[i]);
		failed += store_remove(dirs->records, name, mine) != 0;
	}
	bool is_state_gone = remove_state(dirs->state, mine) == 0;
	diag_print(mine, stderr);
	diag_free(mine);
	if (failed == 0 && is_state_gone)
		printf(ngettext("Deleted %zu check and any check in progress.\n",
		                "Deleted %zu checks and any check in progress.\n", ids.n), ids.n);
	else if (is_state_gone)
		printf(_("Deleted %zu of %zu checks and any check in progress; what could not be "
		         "deleted is listed above.\n"), ids.n - failed, ids.n);
	else
		printf(_("Deleted %zu of %zu checks; what could not be deleted is listed above.\n"),
		       ids.n - failed, ids.n);
	store_ids_free(&ids);
	return failed == 0 && is_state_gone ? EXIT_OK : EXIT_IOERR;
}

static int delete_one(const char *arg, const struct store_dirs *dirs, struct diag *d)
{
	struct store_ids ids;
	if (store_list(dirs->records, &ids, d) != 0)
		return EXIT_IOERR;
	long k = store_select(&ids, arg, d);
	int status = EXIT_OK;
	if (k < 0) {
		status = k == -2 ? EXIT_USAGE : EXIT_NOINPUT;
	} else {
		char name[STORE_ID_MAX + 8];
		snprintf(name, sizeof name, "%s.yaml", ids.ids[k]);
		if (store_remove(dirs->records, name, d) != 0)
			status = EXIT_IOERR;
		else
			printf(_("Deleted check %s.\n"), ids.ids[k]);
	}
	store_ids_free(&ids);
	return status;
}

int cmd_delete(int argc, char **argv)
{
	struct opts o;
	int status = parse(&delete_command, argc, argv, &o);
	if (status != CLI_GO_ON)
		return status;
	if (o.is_all == (o.nargs == 1))
		return cli_usage_error(&delete_command, "%s", _("give the id of one check, or --all"));
	struct diag *d = diag_new();
	struct store_dirs dirs = { NULL, NULL };
	status = EXIT_IOERR;
	if (store_dirs_resolve(&dirs, o.data_dir, d) == 0)
		status = o.is_all ? delete_all(&o, &dirs, d) : delete_one(o.args[0], &dirs, d);
	diag_print(d, stderr);
	diag_free(d);
	store_dirs_free(&dirs);
	return status;
}

/* --- Resume and re-check ------------------------------------------------------------------- */

static int check_command(const struct cli_command *c, int argc, char **argv,
                         enum check_start start)
{
	struct opts o;
	int status = parse(c, argc, argv, &o);
	if (status != CLI_GO_ON)
		return status;
	struct questionnaire *q = qpath_load(o.questionnaire ? o.questionnaire : QPATH_DEFAULT_ID,
	                                     NULL, QPATH_SAY_ERRORS, &status);
	if (q == NULL)
		return status;
	bool is_json = format_of(&o) == STORE_FORMAT_JSON;
	struct check_opts co = {
		.data_dir = o.data_dir, .start = start, .is_no_save = o.is_no_save,
		.is_save = true, .is_plain = o.is_plain, .is_json = is_json,
		.is_result_on_screen = !is_json && isatty(STDOUT_FILENO),
		.out = stdout,
	};
	status = check_run(q, lang_of(&o, q), &co);
	questionnaire_free(q);
	return status;
}

int cmd_resume(int argc, char **argv)
{
	return check_command(&resume_command, argc, argv, CHECK_START_RESUME);
}

int cmd_recheck(int argc, char **argv)
{
	return check_command(&recheck_command, argc, argv, CHECK_START_RECHECK);
}
