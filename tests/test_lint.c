/*
 * test_lint.c - `backcheck lint` as a person runs it: the built binary, its exit statuses,
 * nothing on standard output, and the full diagnostic with the source line and caret.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct run {
	int status;
	char *out;
	char *err;
};

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = calloc(1, 1 << 16);
	assert_non_null(buf);
	size_t n = fread(buf, 1, (1 << 16) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* Runs `backcheck lint ARGS` through the shell, capturing both streams. */
static struct run lint(const char *args)
{
	const char *build = getenv("BUILD");
	char bin[256], cmd[1024];
	snprintf(bin, sizeof bin, "%s/backcheck", build != NULL ? build : "build/debug");
	if (access(bin, X_OK) != 0)
		snprintf(bin, sizeof bin, "./backcheck");
	char out[] = "/tmp/lint-out-XXXXXX", err[] = "/tmp/lint-err-XXXXXX";
	close(mkstemp(out));
	close(mkstemp(err));
	snprintf(cmd, sizeof cmd, "%s lint %s >%s 2>%s </dev/null", bin, args, out, err);
	int rc = system(cmd);
	assert_true(rc != -1 && WIFEXITED(rc));
	struct run r = { WEXITSTATUS(rc), slurp(out), slurp(err) };
	unlink(out);
	unlink(err);
	return r;
}

static void done(struct run *r)
{
	free(r->out);
	free(r->err);
}

static void test_lint_full_diagnostic_with_caret(void **state)
{
	(void)state;
	struct run r = lint("tests/data/broken/unknown-key-suggestion.yaml");
	assert_int_equal(r.status, 65);
	assert_string_equal(r.out, "");
	assert_string_equal(r.err,
		"tests/data/broken/unknown-key-suggestion.yaml:19:9: error: unknown key 'hepl' in "
		"an item; did you mean 'help'?\n"
		"            hepl: Pick one.\n"
		"            ^\n");
	done(&r);
}

static void test_lint_exit_statuses(void **state)
{
	(void)state;
	static const struct {
		const char *args;
		int status;
		bool has_stderr;
	} cases[] = {
		{ "questionnaires/back-recovery.yaml", 0, false },
		{ "questionnaires/example.yaml", 0, true },
		{ "--werror questionnaires/example.yaml", 65, true },
		{ "--questionnaire -- questionnaires/back-recovery.yaml", 0, false },
		{ "tests/data/broken/derived-cycle.yaml", 65, true },
		{ "tests/data/no-such-file.yaml", 66, true },
		{ "tests/data/broken/tag.yaml tests/data/no-such-file.yaml", 66, true },
		{ "", 64, true },
		{ "--werror", 64, true },
		{ "--frobnicate questionnaires/example.yaml", 64, true },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct run r = lint(cases[i].args);
		if (r.status != cases[i].status)
			print_error("lint %s: exit %d\n%s", cases[i].args, r.status, r.err);
		assert_int_equal(r.status, cases[i].status);
		assert_string_equal(r.out, "");
		assert_int_equal(r.err[0] != '\0', cases[i].has_stderr);
		done(&r);
	}
}

static void test_lint_usage_messages(void **state)
{
	(void)state;
	struct run r = lint("--frobnicate x.yaml");
	assert_string_equal(r.err, "backcheck lint: unrecognised option '--frobnicate'\n"
	                           "Try 'backcheck lint --help' for more information.\n");
	done(&r);
	r = lint("");
	assert_string_equal(r.err, "backcheck lint: no FILE given\n"
	                           "Try 'backcheck lint --help' for more information.\n");
	done(&r);
}

static void test_lint_help_and_version(void **state)
{
	(void)state;
	struct run r = lint("--help");
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.out, "Usage: backcheck lint [OPTION]... FILE...\n", 42) == 0);
	assert_non_null(strstr(r.out, "--werror"));
	assert_string_equal(r.err, "");
	done(&r);
	r = lint("--version");
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.out, "backcheck lint (backcheck) ", 27) == 0);
	done(&r);
}

static void test_lint_warning_is_reported_but_passes(void **state)
{
	(void)state;
	struct run r = lint("questionnaires/example.yaml");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "questionnaires/example.yaml:145:15: warning: 'help' has "
	                              "no 'de' translation\n"));
	done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lint_full_diagnostic_with_caret),
		cmocka_unit_test(test_lint_exit_statuses),
		cmocka_unit_test(test_lint_usage_messages),
		cmocka_unit_test(test_lint_help_and_version),
		cmocka_unit_test(test_lint_warning_is_reported_but_passes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
