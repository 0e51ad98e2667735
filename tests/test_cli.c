/*
 * test_cli.c - the one option parser (cli.c) on a table of its own, and every subcommand's
 * command line through the real binary: help three ways, "did you mean", options given twice,
 * and the README's exit-status table against the help.
 */
#define _GNU_SOURCE /* asprintf */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "testlib.h"

#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

/* --- The parser in this process ------------------------------------------------------------- */

struct t_opts {
	const char *file, *format;
	bool is_fast;
};

static const struct cli_option t_options[] = {
	{ "file", 'f', offsetof(struct t_opts, file), "FILE", "a file" },
	{ "format", 0, offsetof(struct t_opts, format), "text|json", "a format" },
	{ "fast", 0, offsetof(struct t_opts, is_fast), NULL, "go fast" },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_command t_command = { "t", "[OPTION]... [X [Y]]", "A test.", t_options, 2 };

struct parsed {
	int status, first;
	struct t_opts o;
	char *err;
	char **argv;
};

/* Parses the words (NULL-terminated, after the command name) with stderr caught. */
static struct parsed parse(const char *const *words)
{
	struct parsed p = { 0 };
	size_t n = 0;
	while (words[n] != NULL)
		n++;
	p.argv = calloc(n + 2, sizeof *p.argv);
	p.argv[0] = (char *)(uintptr_t)"t";
	for (size_t i = 0; i < n; i++)
		p.argv[i + 1] = (char *)(uintptr_t)words[i];
	char path[] = "/tmp/test_cli.XXXXXX";
	int fd = mkstemp(path), saved = dup(2);
	unlink(path);
	fflush(stderr);
	dup2(fd, 2);
	p.status = cli_parse(&t_command, (int)n + 1, p.argv, &p.o, &p.first);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	p.err = tl_slurp_fd(fd, NULL);
	close(fd);
	return p;
}

static void parsed_free(struct parsed *p)
{
	free(p->err);
	free(p->argv);
}

static void test_cli_parse_values_flags_and_arguments(void **state)
{
	(void)state;
	struct parsed p = parse((const char *const[]){ "x", "--format=json", "-fa.yaml", "--fast",
	                                               "y", NULL });
	assert_int_equal(p.status, CLI_GO_ON);
	assert_string_equal(p.err, "");
	assert_string_equal(p.o.file, "a.yaml");
	assert_string_equal(p.o.format, "json");
	assert_true(p.o.is_fast);
	assert_int_equal(p.first, 4);
	assert_string_equal(p.argv[4], "x");
	assert_string_equal(p.argv[5], "y");
	parsed_free(&p);
	p = parse((const char *const[]){ "--file", "b", "--", "--fast", NULL });
	assert_int_equal(p.status, CLI_GO_ON);
	assert_false(p.o.is_fast);
	assert_string_equal(p.argv[p.first], "--fast");
	parsed_free(&p);
}

static void test_cli_parse_errors(void **state)
{
	(void)state;
	static const struct {
		const char *words[4];
		const char *err;
	} cases[] = {
		{ { "--fromat", "json" }, "unknown option '--fromat'; did you mean '--format'?" },
		{ { "--colour=red" }, "unknown option '--colour'" },
		{ { "-z" }, "unknown option '-z'" },
		{ { "--fast", "--fast" }, "option '--fast' is given twice" },
		{ { "-f", "a", "--file=b" }, "option '--file' is given twice" },
		{ { "--file" }, "option '--file' needs a value" },
		{ { "-f" }, "option '--file' needs a value" },
		{ { "--fast=yes" }, "option '--fast' takes no value" },
		{ { "--format", "jsn" }, "--format must be text or json, not 'jsn'; did you mean 'json'?" },
		{ { "--format", "xml" }, "--format must be text or json, not 'xml'" },
		{ { "a", "b", "c" }, "unexpected argument 'c'" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct parsed p = parse(cases[i].words);
		char *want = NULL;
		assert_true(asprintf(&want, "backcheck t: %s\nRun 'backcheck t --help' for its "
		                     "options.\n", cases[i].err) > 0);
		assert_int_equal(p.status, EXIT_USAGE);
		assert_string_equal(p.err, want);
		free(want);
		parsed_free(&p);
	}
}

/* --- The real binary ------------------------------------------------------------------------ */

/* Runs the built binary with args, standard input from /dev/null; a hang ends it after a
 * minute. */
static struct tl_run run(const char *const *args)
{
	return tl_run(args, &(struct tl_run_opts){ .alarm_s = 60 });
}

static const char *const COMMANDS[] = { "run", "lint", "resume", "recheck", "history", "show",
                                        "compare", "delete", "export", "export-questionnaire", "batch",
                                        NULL };

/* Every help fits a 24-line terminal of 80 columns. */
static void assert_fits(const char *text, const char *what)
{
	size_t lines = 0, col = 0;
	for (const char *p = text; *p != '\0'; p++) {
		if (*p == '\n') {
			lines++;
			col = 0;
		} else if (++col > 80) {
			fail_msg("%s: a line is longer than 80 columns", what);
		}
	}
	if (lines > 24)
		fail_msg("%s: %zu lines", what, lines);
}

/* `backcheck help C`, `backcheck C --help` and `backcheck C -h` print the same help, which
 * starts with C's usage and ends with the exit statuses. */
static void test_cli_help_three_ways(void **state)
{
	(void)state;
	for (size_t i = 0; COMMANDS[i] != NULL; i++) {
		struct tl_run a = run((const char *const[]){ "help", COMMANDS[i], NULL });
		struct tl_run b = run((const char *const[]){ COMMANDS[i], "--help", NULL });
		struct tl_run c = run((const char *const[]){ COMMANDS[i], "-h", NULL });
		char *head = NULL;
		assert_true(asprintf(&head, "Usage: backcheck %s ", COMMANDS[i]) > 0);
		assert_int_equal(a.status, 0);
		assert_int_equal(b.status, 0);
		assert_int_equal(c.status, 0);
		assert_string_equal(a.err, "");
		assert_true(strncmp(a.out, head, strlen(head)) == 0);
		assert_string_equal(a.out, b.out);
		assert_string_equal(a.out, c.out);
		assert_non_null(strstr(a.out, cli_exit_help));
		assert_fits(a.out, COMMANDS[i]);
		free(head);
		tl_run_free(&a);
		tl_run_free(&b);
		tl_run_free(&c);
	}
	struct tl_run a = run((const char *const[]){ "help", NULL });
	struct tl_run b = run((const char *const[]){ "--help", NULL });
	struct tl_run c = run((const char *const[]){ "-h", NULL });
	assert_int_equal(a.status, 0);
	assert_string_equal(a.out, b.out);
	assert_string_equal(a.out, c.out);
	assert_fits(a.out, "backcheck help");
	for (size_t i = 0; COMMANDS[i] != NULL; i++) {
		char *line = NULL;
		assert_true(asprintf(&line, "\n  %-10s ", COMMANDS[i]) > 0);
		assert_non_null(strstr(a.out, line));
		free(line);
	}
	tl_run_free(&a);
	tl_run_free(&b);
	tl_run_free(&c);
}

static void test_cli_unknown_command_and_options(void **state)
{
	(void)state;
	static const struct {
		const char *args[6];
		const char *err;
	} cases[] = {
		{ { "shwo", "1" }, "backcheck: unknown command 'shwo'; did you mean 'show'?\n"
		  "Run 'backcheck help' for the list of commands.\n" },
		{ { "frobnicate" }, "backcheck: unknown command 'frobnicate'\n"
		  "Run 'backcheck help' for the list of commands.\n" },
		{ { "help", "histroy" }, "backcheck: unknown command 'histroy'; did you mean "
		  "'history'?\nRun 'backcheck help' for the list of commands.\n" },
		{ { "history", "--plian" }, "backcheck history: unknown option '--plian'; did you mean "
		  "'--plain'?\nRun 'backcheck history --help' for its options.\n" },
		{ { "export", "--fromat", "csv" }, "backcheck export: unknown option '--fromat'; did "
		  "you mean '--format'?\nRun 'backcheck export --help' for its options.\n" },
		{ { "export", "-f", "cvs" }, "backcheck export: --format must be json, yaml, csv or fhir, "
		  "not 'cvs'; did you mean 'csv'?\nRun 'backcheck export --help' for its options.\n" },
		{ { "show", "-f", "json", "-f" }, "backcheck show: option '--format' needs a value\n"
		  "Run 'backcheck show --help' for its options.\n" },
		{ { "recheck", "--plain", "--plain" }, "backcheck recheck: option '--plain' is given "
		  "twice\nRun 'backcheck recheck --help' for its options.\n" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct tl_run r = run(cases[i].args);
		assert_int_equal(r.status, EXIT_USAGE);
		assert_string_equal(r.out, "");
		assert_string_equal(r.err, cases[i].err);
		tl_run_free(&r);
	}
}

/* `resume -q` is understood (it used to be an unknown option): the questionnaire is looked
 * for, and only then is there nothing to resume. */
static void test_cli_resume_takes_short_options(void **state)
{
	(void)state;
	char *tmpl = tl_temp_dir("test_cli");
	struct tl_run r = run((const char *const[]){ "resume", "-q", "no-such-questionnaire",
	                                          "--data-dir", tmpl, NULL });
	assert_int_equal(r.status, EXIT_NOINPUT);
	assert_true(strncmp(r.err, "backcheck: no questionnaire called 'no-such-questionnaire' ",
	                    59) == 0);
	tl_run_free(&r);
	tl_rm_tree(tmpl);
}

/* The README's exit-status table lists exactly the statuses the help names, and they are
 * the statuses of cli.h. */
static void test_cli_readme_exit_table_matches_help(void **state)
{
	(void)state;
	FILE *f = fopen("README.md", "r");
	assert_non_null(f);
	char line[512];
	bool is_table = false;
	int readme[32], n = 0;
	while (fgets(line, sizeof line, f) != NULL) {
		int status;
		if (strncmp(line, "## Exit status", 14) == 0)
			is_table = true;
		else if (is_table && strncmp(line, "## ", 3) == 0)
			break;
		else if (is_table && sscanf(line, "| %d |", &status) == 1 && n < 32)
			readme[n++] = status;
	}
	fclose(f);
	static const int statuses[] = { EXIT_OK, EXIT_USAGE, EXIT_DATAERR, EXIT_NOINPUT,
	                                EXIT_SOFTWARE, EXIT_IOERR, EXIT_TEMPFAIL, EXIT_SIGHUP,
	                                EXIT_INTERRUPTED, EXIT_SIGTERM };
	enum { N = sizeof statuses / sizeof statuses[0] };
	assert_int_equal(n, N);
	int help[32], nh = 0;
	for (const char *p = cli_exit_help; *p != '\0'; p++)
		if ((p == cli_exit_help || p[-1] == ' ' || p[-1] == '\n') && p[0] >= '0' &&
		    p[0] <= '9' && nh < 32)
			help[nh++] = (int)strtol(p, NULL, 10);
	assert_int_equal(nh, N);
	for (size_t i = 0; i < N; i++) {
		assert_int_equal(readme[i], statuses[i]);
		assert_int_equal(help[i], statuses[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cli_parse_values_flags_and_arguments),
		cmocka_unit_test(test_cli_parse_errors),
		cmocka_unit_test(test_cli_help_three_ways),
		cmocka_unit_test(test_cli_unknown_command_and_options),
		cmocka_unit_test(test_cli_resume_takes_short_options),
		cmocka_unit_test(test_cli_readme_exit_table_matches_help),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
