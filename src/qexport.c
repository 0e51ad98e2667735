/*
 * qexport.c - `backcheck export-questionnaire --format fhir [ID|PATH]`: a questionnaire as a
 * FHIR R4 Questionnaire (docs/fhir-mapping.md) on standard output.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "loader.h"
#include "model.h"
#include "outfile.h"
#include "qpath.h"
#include "render.h"

struct qexport_opts {
	const char *format, *lang;
};

static const struct cli_option qexport_options[] = {
	{ "format", 'f', offsetof(struct qexport_opts, format), "fhir",
	  N_("the format (the only one so far)") },
	{ "lang", 0, offsetof(struct qexport_opts, lang), "L",
	  N_("the language of the texts (default: the questionnaire's)") },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_command qexport_command = {
	"export-questionnaire", "--format fhir [--lang L] [ID|PATH]",
	N_("Writes a questionnaire (default: back-recovery) as a FHIR R4 Questionnaire."),
	qexport_options, 1,
};

static int export(const char *arg, const char *lang)
{
	int status = EXIT_OK;
	struct questionnaire *q = qpath_load(arg, NULL, QPATH_SAY_ALL, &status);
	if (q == NULL)
		return status;
	int rc = render_fhir_questionnaire(stdout, q, lang ? model_lang(q, lang) : 0);
	questionnaire_free(q);
	return outfile_stdout_status(rc);
}

int cmd_export_questionnaire(int argc, char **argv)
{
	struct qexport_opts o = { NULL, NULL };
	int first, status = cli_parse(&qexport_command, argc, argv, &o, &first);
	if (status != CLI_GO_ON)
		return status;
	if (o.format == NULL)
		return cli_usage_error(&qexport_command, _("say which format: --format fhir"));
	return export(first < argc ? argv[first] : QPATH_DEFAULT_ID, o.lang);
}
