/*
 * qexport.c - `backcheck export-questionnaire --format fhir [ID|PATH]`: a questionnaire as a
 * FHIR R4 Questionnaire (docs/fhir-mapping.md) on standard output.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "loader.h"
#include "model.h"
#include "qpath.h"
#include "render.h"

static int usage(FILE *out, int status)
{
	fputs("Usage: backcheck export-questionnaire --format fhir [--lang L] [ID|PATH]\n"
	      "Writes a questionnaire (default: " QPATH_DEFAULT_ID ") as a FHIR R4 Questionnaire.\n\n"
	      "  --format fhir   the format (the only one so far)\n"
	      "  --lang L        the language of the texts (default: the questionnaire's own)\n"
	      "  --help          show this help\n", out);
	return status;
}

static int usage_error(const char *what, const char *arg)
{
	fprintf(stderr, "backcheck export-questionnaire: %s '%s'\n", what, arg);
	return usage(stderr, EXIT_USAGE);
}

/* The value of --NAME VALUE or --NAME=VALUE at argv[*i], or NULL when argv[*i] is not it. */
static const char *value_of(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (strcmp(argv[*i], name) != 0)
		return NULL;
	return *i + 1 < argc ? argv[++*i] : "";
}

static int export(const char *arg, const char *lang)
{
	char path[4096];
	if (qpath_find(arg, path, sizeof path) != 0) {
		fprintf(stderr, "backcheck: no questionnaire called '%s' (looked in %s)\n", arg, path);
		return EXIT_NOINPUT;
	}
	struct diag *d = diag_new();
	int unreadable = 0;
	struct questionnaire *q = loader_load_file(path, d, &unreadable);
	diag_print(d, stderr);
	diag_free(d);
	if (q == NULL)
		return unreadable ? EXIT_NOINPUT : EXIT_DATAERR;
	int rc = render_fhir_questionnaire(stdout, q, lang ? model_lang(q, lang) : 0);
	questionnaire_free(q);
	if (rc != 0 || fflush(stdout) != 0) {
		fputs("backcheck: cannot write the output\n", stderr);
		return EXIT_IOERR;
	}
	return EXIT_OK;
}

int cmd_export_questionnaire(int argc, char **argv)
{
	const char *format = NULL, *lang = NULL, *arg = NULL, *v;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return usage(stdout, EXIT_OK);
		if ((v = value_of(argc, argv, &i, "--format")) != NULL)
			format = v;
		else if ((v = value_of(argc, argv, &i, "--lang")) != NULL)
			lang = v;
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return usage_error("unknown option", argv[i]);
		else if (arg != NULL)
			return usage_error("unexpected argument", argv[i]);
		else
			arg = argv[i];
	}
	if (format == NULL || strcmp(format, "fhir") != 0)
		return usage_error("--format must be fhir, not", format ? format : "");
	return export(arg ? arg : QPATH_DEFAULT_ID, lang);
}
