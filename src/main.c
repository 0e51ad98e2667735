/*
 * main.c - parses the subcommand and hands it to its module; the only place that exits.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "render.h"
#include "xalloc.h"

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

/* One row per subcommand; the first row is what a bare `backcheck` runs. */
static const struct command commands[] = {
	{ "run", cmd_run, "answer a questionnaire and explain the result (the default)" },
	{ "lint", cmd_lint, "check questionnaire files and report every problem" },
	{ "resume", cmd_resume, "go on with a check you left unfinished" },
	{ "recheck", cmd_recheck, "check again and see what changed since last time" },
	{ "history", cmd_history, "your past checks and how your scores moved" },
	{ "show", cmd_show, "one past check as it was" },
	{ "compare", cmd_compare, "what changed between two checks" },
	{ "delete", cmd_delete, "delete one check, or all of them" },
	{ "export", cmd_export, "every check as one JSON document" },
	{ "export-questionnaire", cmd_export_questionnaire, "a questionnaire as FHIR R4" },
	{ NULL, NULL, NULL },
};

/* The out-of-memory path's end (xalloc.h has printed the message): exit status 70. */
static _Noreturn void out_of_memory(void)
{
	exit(EXIT_SOFTWARE);
}

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
#endif
}

static void usage(FILE *out)
{
	fputs("Usage: backcheck [COMMAND] [OPTION]...\n"
	      "A guided self-check for people who train and have back pain.\n\n"
	      "Commands:\n", out);
	for (size_t i = 0; commands[i].name != NULL; i++)
		fprintf(out, strlen(commands[i].name) > 10 ? "  %s\n             %s\n" : "  %-10s %s\n",
		        commands[i].name, commands[i].summary);
	fputs("\nRun 'backcheck COMMAND --help' for a command's options.\n"
	      "backcheck is an educational self-check, not a diagnosis and not for emergencies.\n",
	      out);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	setup_alloc();
	if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		printf("backcheck %s\n", BACKCHECK_VERSION);
		return EXIT_OK;
	}
	if ((argc < 2 || argv[1][0] == '-') && commands[0].name != NULL)
		return commands[0].fn(argc, argv);
	for (size_t i = 0; argc >= 2 && commands[i].name != NULL; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	if (argc >= 2)
		fprintf(stderr, "backcheck: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
