/*
 * lint.c - `backcheck lint [--questionnaire] [--werror] FILE...`: loads each file and prints
 * what is wrong with it on standard error (the GNU-style line, the source line and a caret).
 * Nothing goes to standard output; a file without errors or warnings prints nothing.
 *
 * Exit status: 66 when a file cannot be opened or read, else 65 when any file has an error
 * (with --werror, also a warning), else 0; 64 for a usage error.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "i18n.h"
#include "loader.h"

struct lint_opts {
	bool is_questionnaire, is_werror, is_version;
};

static const struct cli_option lint_options[] = {
	{ "questionnaire", 0, offsetof(struct lint_opts, is_questionnaire), NULL,
	  N_("check FILEs as questionnaires (the default)") },
	{ "werror", 0, offsetof(struct lint_opts, is_werror), NULL,
	  N_("count warnings (such as a missing translation) as errors") },
	{ "version", 0, offsetof(struct lint_opts, is_version), NULL, N_("show the version") },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_command lint_command = {
	"lint", "[OPTION]... FILE...",
	N_("Checks questionnaire files and reports every problem with its line and column."),
	lint_options, (size_t)-1,
};

/* Lints one file; returns its exit status. */
static int lint_file(const char *path, bool werror)
{
	struct diag *d = diag_new();
	diag_set_werror(d, werror);
	int is_unreadable = 0;
	struct questionnaire *q = loader_load_file(path, d, &is_unreadable);
	diag_print(d, stderr);
	int rc = is_unreadable ? EXIT_NOINPUT : diag_errors(d) > 0 || q == NULL ? EXIT_DATAERR :
	         EXIT_OK;
	questionnaire_free(q);
	diag_free(d);
	return rc;
}

/* Worse statuses win: 66 over 65 over 0. */
static int worse(int a, int b)
{
	if (a == EXIT_NOINPUT || b == EXIT_NOINPUT)
		return EXIT_NOINPUT;
	return a != EXIT_OK ? a : b;
}

int cmd_lint(int argc, char **argv)
{
	struct lint_opts o = { 0 };
	int first, status = cli_parse(&lint_command, argc, argv, &o, &first);
	if (status != CLI_GO_ON)
		return status;
	if (o.is_version) {
		fputs(CLI_VERSION_TEXT, stdout);
		return EXIT_OK;
	}
	if (first == argc)
		return cli_usage_error(&lint_command, _("no FILE given"));
	int rc = EXIT_OK;
	for (int i = first; i < argc; i++)
		rc = worse(rc, lint_file(argv[i], o.is_werror));
	return rc;
}
