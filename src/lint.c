/*
 * lint.c - `backcheck lint [--questionnaire] [--werror] FILE...`: loads each file and prints
 * what is wrong with it on standard error (the GNU-style line, the source line and a caret).
 * Nothing goes to standard output; a file without errors or warnings prints nothing.
 *
 * Exit status: 66 when a file cannot be opened or read, else 65 when any file has an error
 * (with --werror, also a warning), else 0; 64 for a usage error.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "loader.h"

static void usage(FILE *out)
{
	fputs("Usage: backcheck lint [OPTION]... FILE...\n"
	      "Check questionnaire files and report every problem with its line and column.\n\n"
	      "  --questionnaire  check FILEs as questionnaires (the default)\n"
	      "  --werror         count warnings (such as a missing translation) as errors\n"
	      "  --help           show this help and exit\n"
	      "  --version        show the version and exit\n\n"
	      "Exit status: 0 no errors, 65 errors found, 66 a file cannot be read,\n"
	      "64 wrong usage.\n", out);
}

/* Prints "backcheck lint: WHAT 'ARG'" (ARG may be NULL) and the hint; returns 64. */
static int usage_error(const char *what, const char *arg)
{
	if (arg != NULL)
		fprintf(stderr, "backcheck lint: %s '%s'\n", what, arg);
	else
		fprintf(stderr, "backcheck lint: %s\n", what);
	fputs("Try 'backcheck lint --help' for more information.\n", stderr);
	return EXIT_USAGE;
}

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
	bool werror = false, is_options = true;
	int nfiles = 0;
	for (int i = 1; i < argc && is_options; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0)
			is_options = false;
		else if (strcmp(a, "--help") == 0) {
			usage(stdout);
			return EXIT_OK;
		} else if (strcmp(a, "--version") == 0) {
			fputs(CLI_VERSION_TEXT, stdout);
			return EXIT_OK;
		} else if (strcmp(a, "--werror") == 0)
			werror = true;
		else if (strcmp(a, "--questionnaire") == 0)
			continue;
		else if (a[0] == '-' && a[1] != '\0')
			return usage_error("unrecognised option", a);
	}
	is_options = true;
	int rc = EXIT_OK;
	for (int i = 1; i < argc; i++) {
		if (is_options && strcmp(argv[i], "--") == 0)
			is_options = false;
		else if (!is_options || argv[i][0] != '-' || argv[i][1] == '\0') {
			rc = worse(rc, lint_file(argv[i], werror));
			nfiles++;
		}
	}
	if (nfiles == 0)
		return usage_error("no FILE given", NULL);
	return rc;
}
