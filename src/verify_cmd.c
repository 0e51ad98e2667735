/*
 * verify_cmd.c - `backcheck verify [ID|PATH] [-o DIR] [--against OLD]`: loads the
 * questionnaire, runs every check of verify.c (or, with --against, only the comparison of
 * verify_compare.c) and turns the outcome into an exit status.
 *
 * Exit status: 0 every check holds, 65 a check failed or the file is broken, 66 it cannot be
 * read, 74 a counter-example cannot be written, 64 wrong usage.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "cli.h"
#include "i18n.h"
#include "loader.h"
#include "model.h"
#include "qpath.h"
#include "verify.h"

struct verify_cmd_opts {
	const char *output;
	const char *against;
	bool is_first;
	bool is_version;
};

static const struct cli_option verify_options[] = {
	{ "output", 'o', offsetof(struct verify_cmd_opts, output), "DIR",
	  N_("write counter-examples to DIR as answers files") },
	{ "against", 0, offsetof(struct verify_cmd_opts, against), "OLD",
	  N_("only compare outcomes with OLD, another version") },
	{ "first", 0, offsetof(struct verify_cmd_opts, is_first), NULL,
	  N_("stop at the first check that fails") },
	{ "version", 0, offsetof(struct verify_cmd_opts, is_version), NULL, N_("show the version") },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_command verify_command = {
	"verify", "[OPTION]... [ID|PATH]",
	N_("Proves a questionnaire's logic for every combination of answers it allows\n"
	"(default: back-recovery). Exit 65 when a check fails."),
	verify_options, 1,
};

int cmd_verify(int argc, char **argv)
{
	struct verify_cmd_opts o = { 0 };
	int first, status = cli_parse(&verify_command, argc, argv, &o, &first);
	if (status != CLI_GO_ON)
		return status;
	if (o.is_version) {
		printf("backcheck verify (backcheck) %s\n", BACKCHECK_VERSION);
		return EXIT_OK;
	}
	if (o.output != NULL && *o.output == '\0')
		return cli_usage_error(&verify_command, _("--output needs a folder name"));
	struct questionnaire *q = qpath_load(first < argc ? argv[first] : QPATH_DEFAULT_ID, "verify",
	                                     QPATH_SAY_ERRORS, &status);
	if (q == NULL)
		return status;
	struct questionnaire *old = NULL;
	if (o.against != NULL && (old = qpath_load(o.against, "verify", QPATH_SAY_ERRORS, &status)) == NULL) {
		questionnaire_free(q);
		return status;
	}
	struct verify_opts vo = { .outdir = o.output, .is_first = o.is_first };
	struct verify_summary sum;
	printf(_("Verifying %s %s (%s)\n"), q->id, q->version, q->path);
	int rc = old != NULL ? verify_compare(old, q, &vo, stdout, &sum) :
	         verify_run(q, &vo, stdout, &sum);
	/* The summary is for people; the check lines above it stay English: scripts read them
	 * (tests/verify-mutants, tests/mutation-score). */
	printf(ngettext("%d check: %d passed, %d failed", "%d checks: %d passed, %d failed",
	                (unsigned long)sum.checks), sum.checks, sum.checks - sum.failed, sum.failed);
	if (sum.sampled > 0)
		printf(_("; %d tried sample values for some items (marked [sampled])"), sum.sampled);
	if (o.is_first && sum.failed > 0 && old == NULL)
		printf("%s", _("; stopped at the first that failed"));
	printf("\n");
	questionnaire_free(old);
	questionnaire_free(q);
	if (fflush(stdout) != 0)
		return EXIT_IOERR;
	return rc < 0 ? EXIT_IOERR : rc > 0 ? EXIT_DATAERR : EXIT_OK;
}
