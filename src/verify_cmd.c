/*
 * verify_cmd.c - `backcheck verify [ID|PATH] [-o DIR]`: loads the questionnaire, runs every
 * check of verify.c and reports the status.
 *
 * Exit status: 0 every check holds, 65 a check failed or the file is broken, 66 it cannot be
 * read, 64 wrong usage, 74 a counter-example could not be written.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "loader.h"
#include "model.h"
#include "qpath.h"
#include "verify.h"

static void usage(FILE *out)
{
	fputs("Usage: backcheck verify [OPTION]... [ID|PATH]\n"
	      "Prove a questionnaire's logic for every combination of answers its questions allow:\n"
	      "its properties, that every rule can decide, every outcome is reachable, every\n"
	      "question can be asked, every advice note can appear, no two conflicting notes\n"
	      "appear together, and urgent results quote no lower rule. Without ID or PATH, the\n"
	      "default questionnaire (" QPATH_DEFAULT_ID ").\n\n"
	      "  -o, --output DIR  write each counter-example to DIR as an answers file\n"
	      "                    (without it, counter-examples are printed)\n"
	      "      --help        show this help and exit\n"
	      "      --version     show the version and exit\n\n"
	      "Exit status: 0 every check holds, 65 a check failed or the file is broken,\n"
	      "66 the file cannot be read, 74 a counter-example cannot be written, 64 wrong usage.\n",
	      out);
}

static int usage_error(const char *what, const char *arg)
{
	fprintf(stderr, "backcheck verify: %s%s%s%s\n", what, arg ? " '" : "", arg ? arg : "",
	        arg ? "'" : "");
	fputs("Try 'backcheck verify --help' for more information.\n", stderr);
	return EXIT_USAGE;
}

struct args {
	const char *target, *outdir;
	int done;
};

/* Parses argv into *a; returns -1 to go on, else the exit status. */
static int parse(int argc, char **argv, struct args *a)
{
	bool is_options = true;
	for (int i = 1; i < argc; i++) {
		const char *s = argv[i];
		if (is_options && strcmp(s, "--") == 0) {
			is_options = false;
		} else if (is_options && strcmp(s, "--help") == 0) {
			usage(stdout);
			return EXIT_OK;
		} else if (is_options && strcmp(s, "--version") == 0) {
			printf("backcheck verify (backcheck) %s\n", BACKCHECK_VERSION);
			return EXIT_OK;
		} else if (is_options && (strcmp(s, "-o") == 0 || strcmp(s, "--output") == 0)) {
			if (++i >= argc)
				return usage_error("option needs a folder:", s);
			a->outdir = argv[i];
		} else if (is_options && strncmp(s, "--output=", 9) == 0) {
			a->outdir = s + 9;
		} else if (is_options && s[0] == '-' && s[1] != '\0') {
			return usage_error("unrecognised option", s);
		} else if (a->target != NULL) {
			return usage_error("more than one questionnaire given:", s);
		} else {
			a->target = s;
		}
	}
	if (a->outdir != NULL && *a->outdir == '\0')
		return usage_error("an empty folder name for --output", NULL);
	return -1;
}

int cmd_verify(int argc, char **argv)
{
	struct args a = { 0 };
	int rc = parse(argc, argv, &a);
	if (rc >= 0)
		return rc;
	const char *target = a.target ? a.target : QPATH_DEFAULT_ID;
	char path[PATH_MAX * 4];
	if (qpath_find(target, path, sizeof path) != 0) {
		fprintf(stderr, "backcheck verify: no questionnaire called '%s' (looked in %s)\n",
		        target, path);
		return EXIT_NOINPUT;
	}
	struct diag *d = diag_new();
	int unreadable = 0;
	struct questionnaire *q = loader_load_file(path, d, &unreadable);
	if (q == NULL) {
		diag_print(d, stderr);
		diag_free(d);
		return unreadable ? EXIT_NOINPUT : EXIT_DATAERR;
	}
	diag_free(d);
	struct verify_opts o = { .outdir = a.outdir };
	struct verify_summary sum;
	printf("Verifying %s %s (%s)\n", q->id, q->version, path);
	rc = verify_run(q, &o, stdout, &sum);
	printf("%d checks: %d passed, %d failed", sum.checks, sum.checks - sum.failed, sum.failed);
	if (sum.sampled > 0)
		printf(" (%d tried sample values for some items; see [sampled])", sum.sampled);
	printf("\n");
	questionnaire_free(q);
	fflush(stdout);
	return rc < 0 ? EXIT_IOERR : rc > 0 ? EXIT_DATAERR : EXIT_OK;
}
