/*
 * main.c - parses the subcommand and hands it to its module; the only place that exits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "render.h"
#include "suggest.h"
#include "xalloc.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

/* One row per subcommand; the first row is what a bare `backcheck` runs. */
static const struct command commands[] = {
	{ "run", cmd_run, N_("answer a questionnaire and explain the result (the default)") },
	{ "lint", cmd_lint, N_("check questionnaire files and report every problem") },
	{ "resume", cmd_resume, N_("go on with a check you left unfinished") },
	{ "recheck", cmd_recheck, N_("check again and see what changed since last time") },
	{ "history", cmd_history, N_("your past checks and how your scores moved") },
	{ "show", cmd_show, N_("one past check as it was") },
	{ "compare", cmd_compare, N_("what changed between two checks") },
	{ "delete", cmd_delete, N_("delete one check, or all of them") },
	{ "export", cmd_export, N_("your checks as JSON, YAML, CSV or FHIR") },
	{ "export-questionnaire", cmd_export_questionnaire, N_("a questionnaire as FHIR R4") },
	{ "verify", cmd_verify, N_("prove a questionnaire's logic for all answers") },
	{ "batch", cmd_batch, N_("score a folder of answers files (CSV or JSON lines)") },
	{ "help", NULL, N_("this help, or a command's: backcheck help COMMAND") },
	{ NULL, NULL, NULL },
};

/* The out-of-memory path's end (xalloc.h has printed the message): exit status 70. */
static _Noreturn void out_of_memory(void)
{
	exit(EXIT_SOFTWARE);
}

#ifdef BACKCHECK_ALLOC_TEST
static void report_count(void)
{
	fprintf(stderr, "backcheck: %lu allocations\n", xalloc_count());
}
#endif

/* One allocator for the program and the JSON library; in the allocation-failure test build
 * (-DBACKCHECK_ALLOC_TEST), $BACKCHECK_FAIL_ALLOC=N makes the N-th allocation fail. */
static void setup_alloc(void)
{
	xalloc_on_failure(out_of_memory);
	render_json_use_xalloc();
#ifdef BACKCHECK_ALLOC_TEST
	const char *n = getenv("BACKCHECK_FAIL_ALLOC");
	if (n != NULL)
		xalloc_fail_at(strtoul(n, NULL, 10));
	if (getenv("BACKCHECK_COUNT_ALLOC") != NULL)
		atexit(report_count);
#endif
}

static void usage(FILE *out)
{
	fputs(_("Usage: backcheck [COMMAND] [OPTION]...\n"
	        "A guided self-check for people who train and have back pain.\n\n"
	        "Commands:\n"), out);
	for (size_t i = 0; commands[i].name != NULL; i++)
		fprintf(out, "  %-10s %s\n", commands[i].name, _(commands[i].summary));
	fputs(_("\nOptions:\n"
	        "  -h, --help  this help; 'backcheck help COMMAND' gives a command's options\n"
	        "  --version   show the version and the licence\n"
	        "backcheck is an educational self-check, not a diagnosis and not for emergencies.\n"),
	      out);
	fputs(_(cli_exit_help), out);
}

/* The command called name, or NULL. */
static const struct command *command(const char *name)
{
	for (size_t i = 0; commands[i].name != NULL; i++)
		if (strcmp(name, commands[i].name) == 0)
			return &commands[i];
	return NULL;
}

/* "unknown command 'shwo'; did you mean 'show'?" and the top-level help's name; 64. */
static int unknown_command(const char *name)
{
	struct suggest s;
	suggest_init(&s, name, strlen(name));
	for (size_t i = 0; commands[i].name != NULL; i++)
		suggest_consider(&s, commands[i].name);
	const char *best = suggest_result(&s);
	if (best != NULL)
		fprintf(stderr, _("backcheck: unknown command '%s'; did you mean '%s'?\n"), name,
		        best);
	else
		fprintf(stderr, _("backcheck: unknown command '%s'\n"), name);
	fputs(_("Run 'backcheck help' for the list of commands.\n"), stderr);
	return EXIT_USAGE;
}

/* `backcheck help [COMMAND]`: the top-level help, or the command's (as COMMAND --help). */
static int help(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	const struct command *c = command(argv[1]);
	if (argc > 2 || c == NULL || c->fn == NULL)
		return argc > 2 || c != NULL ? (usage(stdout), EXIT_OK) : unknown_command(argv[1]);
	char name[32], flag[] = "--help";
	snprintf(name, sizeof name, "%s", c->name);
	char *args[] = { name, flag, NULL };
	return c->fn(2, args);
}

int main(int argc, char **argv)
{
	i18n_init();
	setup_alloc();
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return EXIT_OK;
	}
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		fputs(CLI_VERSION_TEXT, stdout);
		return EXIT_OK;
	}
	if (argc < 2 || argv[1][0] == '-')
		return commands[0].fn(argc, argv);
	if (strcmp(argv[1], "help") == 0)
		return help(argc - 1, argv + 1);
	const struct command *c = command(argv[1]);
	if (c == NULL)
		return unknown_command(argv[1]);
	return c->fn(argc - 1, argv + 1);
}
