/*
 * test_lint.c - `backcheck lint` as a person runs it: the built binary, its exit statuses,
 * nothing on standard output, and the full diagnostic with the source line and caret.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "testlib.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

/* Runs `backcheck lint ARGS` (words separated by single spaces) and keeps both streams. */
static struct tl_run lint(const char *args)
{
	char *copy = strdup(args), *save = NULL;
	const char *argv[16] = { "lint" };
	size_t n = 1;
	for (char *w = strtok_r(copy, " ", &save); w != NULL && n < 15; w = strtok_r(NULL, " ", &save))
		argv[n++] = w;
	struct tl_run r = tl_run(argv, NULL);
	free(copy);
	return r;
}

static void test_lint_full_diagnostic_with_caret(void **state)
{
	(void)state;
	struct tl_run r = lint("tests/data/broken/unknown-key-suggestion.yaml");
	tl_run_expect(&r, 65, "",
		"tests/data/broken/unknown-key-suggestion.yaml:19:9: error: unknown key 'hepl' in "
		"an item; did you mean 'help'?\n"
		"            hepl: Pick one.\n"
		"            ^\n");
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
		{ "questionnaires/example.yaml", 0, false },
		{ "--werror questionnaires/example.yaml", 0, false },
		{ "tests/data/untranslated.yaml", 0, true },
		{ "--werror tests/data/untranslated.yaml", 65, true },
		{ "--questionnaire -- questionnaires/back-recovery.yaml", 0, false },
		{ "tests/data/broken/derived-cycle.yaml", 65, true },
		{ "tests/data/no-such-file.yaml", 66, true },
		{ "tests/data/broken/tag.yaml tests/data/no-such-file.yaml", 66, true },
		{ "", 64, true },
		{ "--werror", 64, true },
		{ "--frobnicate questionnaires/example.yaml", 64, true },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct tl_run r = lint(cases[i].args);
		if (r.status != cases[i].status)
			print_error("lint %s: exit %d\n%s", cases[i].args, r.status, r.err);
		assert_int_equal(r.status, cases[i].status);
		assert_string_equal(r.out, "");
		assert_int_equal(r.err[0] != '\0', cases[i].has_stderr);
		tl_run_free(&r);
	}
}

static void test_lint_usage_messages(void **state)
{
	(void)state;
	struct tl_run r = lint("--frobnicate x.yaml");
	assert_string_equal(r.err, "backcheck lint: unknown option '--frobnicate'\n"
	                           "Run 'backcheck lint --help' for its options.\n");
	tl_run_free(&r);
	r = lint("");
	assert_string_equal(r.err, "backcheck lint: no FILE given\n"
	                           "Run 'backcheck lint --help' for its options.\n");
	tl_run_free(&r);
}

static void test_lint_help_and_version(void **state)
{
	(void)state;
	struct tl_run r = lint("--help");
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.out, "Usage: backcheck lint [OPTION]... FILE...\n", 42) == 0);
	assert_non_null(strstr(r.out, "--werror"));
	assert_string_equal(r.err, "");
	tl_run_free(&r);
	r = lint("--version");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, CLI_VERSION_TEXT);
	assert_string_equal(r.err, "");
	tl_run_free(&r);
}

static void test_lint_warning_is_reported_but_passes(void **state)
{
	(void)state;
	struct tl_run r = lint("tests/data/untranslated.yaml");
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "tests/data/untranslated.yaml:16:15: warning: 'help' has "
	                              "no 'de' translation\n"));
	tl_run_free(&r);
}

/* Terminal escapes in questionnaire texts: a warning at the control character (so --werror
 * fails), and the text is shown escaped wherever it is printed. */
static void test_lint_warns_on_control_characters(void **state)
{
	(void)state;
	struct tl_run r = lint("tests/data/controls.yaml");
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err,
		"tests/data/controls.yaml:6:15: warning: control character U+001B in a text; it "
		"would be shown as the escape \\x1B\n"
		"    title: \"Engine\\e]0;pwned\\a test\"\n"
		"                  ^\n"
		"tests/data/controls.yaml:58:29: warning: control character U+009B in a text; it "
		"would be shown as the escape \\u009B\n"
		"                label: \"getting \\u009B31mworse\"\n"
		"                                ^\n");
	tl_run_free(&r);
	r = lint("--werror tests/data/controls.yaml");
	assert_int_equal(r.status, 65);
	tl_run_free(&r);
}

/* Writes len bytes of data to dir/name; returns the path (caller frees). */
static char *write_file(const char *dir, const char *name, const char *data, size_t len)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *path = malloc(n);
	assert_non_null(path);
	snprintf(path, n, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	return path;
}

/* The alias bomb ("billion laughs"): ten anchors, each list naming the one before nine times. */
static size_t alias_bomb(char *buf, size_t size)
{
	size_t len = (size_t)snprintf(buf, size, "a: &a [\"lol\",\"lol\",\"lol\",\"lol\"]\n");
	for (char c = 'b'; c <= 'j'; c++) {
		len += (size_t)snprintf(buf + len, size - len, "%c: &%c [", c, c);
		for (int k = 0; k < 9; k++)
			len += (size_t)snprintf(buf + len, size - len, "%s*%c", k ? "," : "", c - 1);
		len += (size_t)snprintf(buf + len, size - len, "]\n");
	}
	return len;
}

/* Block mappings nested n deep by indentation ("a:" under "a:" ...). Caller frees. */
static char *deep_block(size_t n, size_t *len)
{
	char *s = malloc(n * (n + 3) + 1);
	assert_non_null(s);
	*len = 0;
	for (size_t i = 0; i < n; i++) {
		memset(s + *len, ' ', i);
		memcpy(s + *len + i, "a:\n", 3);
		*len += i + 3;
	}
	return s;
}

/* Runs lint on dir/name and checks exit 65, nothing on stdout and the exact first line. */
static void expect_first_line(const char *path, const char *want)
{
	char line[1024];
	struct tl_run r = tl_run((const char *const[]){ "lint", path, NULL }, NULL);
	size_t n = strcspn(r.err, "\n");
	snprintf(line, sizeof line, "%.*s", (int)n, r.err);
	if (strcmp(line, want) != 0)
		fail_msg("lint %s:\n got: %s\nwant: %s", path, line, want);
	assert_int_equal(r.status, 65);
	assert_string_equal(r.out, "");
	tl_run_free(&r);
}

/* Every hostile input of the foundations issue, through the real binary: refused with exit 65
 * and the exact FILE:LINE:COL message (the whole file, for one past the size cap). */
static void test_lint_adversarial_inputs_refused_with_position(void **state)
{
	(void)state;
	char dir[] = "/tmp/lint-adv-XXXXXX", bomb[4096], want[1024];
	assert_non_null(mkdtemp(dir));
	size_t deep_len = 100000, block_len;
	char *deep = malloc(deep_len);
	assert_non_null(deep);
	memset(deep, '[', deep_len);
	char *block = deep_block(3000, &block_len);
	static const char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0";
	static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
	const struct {
		const char *name, *data;
		size_t len;
		const char *msg;
	} cases[] = {
		{ "bomb.yaml", bomb, alias_bomb(bomb, sizeof bomb),
		  "1:4: error: YAML anchors are not supported (found '&a')" },
		{ "deep.yaml", deep, deep_len, "1:65: error: nesting is deeper than 64 levels" },
		{ "block.yaml", block, block_len, "65:65: error: nesting is deeper than 64 levels" },
		{ "elf.yaml", elf, sizeof elf - 1,
		  "1:8: error: NUL byte in the file (is it a binary file?)" },
		{ "png.yaml", png, sizeof png - 1,
		  "3:1: error: NUL byte in the file (is it a binary file?)" },
		{ "utf8.yaml", "id: x\ntitle: caf\xC3\n", 17,
		  "2:11: error: invalid UTF-8 (byte 0xC3)" },
		{ "nul.yaml", "id: x\ntitle: a\0b\n", 17,
		  "2:9: error: NUL byte in the file (is it a binary file?)" },
		{ "dup.yaml", "id: x\ntitle: T\nid: y\n", 20,
		  "3:1: error: duplicate key 'id' (first at line 1)" },
		{ "tag.yaml", "id: !!str x\n", 12,
		  "1:5: error: YAML tags are not supported (found '!!str')" },
		{ "two.yaml", "id: x\n---\nid: y\n", 16,
		  "2:1: error: only one YAML document is allowed per file" },
		{ "empty.yaml", "", 0,
		  "1:1: error: the file has no YAML document (it is empty or only comments)" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *path = write_file(dir, cases[i].name, cases[i].data, cases[i].len);
		snprintf(want, sizeof want, "%s:%s", path, cases[i].msg);
		expect_first_line(path, want);
		unlink(path);
		free(path);
	}
	/* A questionnaire of exactly 64 MiB (basic.yaml and a comment) loads and passes. */
	char *at = tl_read("tests/data/engine/basic.yaml");
	size_t at_len = strlen(at), cap = (size_t)64 * 1024 * 1024;
	at = realloc(at, cap);
	assert_non_null(at);
	memset(at + at_len, 'x', cap - at_len);
	at[at_len] = '#';
	at[cap - 1] = '\n';
	char *at_path = write_file(dir, "at.yaml", at, cap);
	free(at);
	struct tl_run r = tl_run((const char *const[]){ "lint", at_path, NULL }, NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	tl_run_free(&r);
	unlink(at_path);
	free(at_path);
	/* 64 MiB and one byte (a sparse file): refused before it is read, for the whole file. */
	char *big = write_file(dir, "big.yaml", "", 0);
	assert_int_equal(truncate(big, (off_t)64 * 1024 * 1024 + 1), 0);
	snprintf(want, sizeof want, "%s: error: file is larger than 64 MiB", big);
	expect_first_line(big, want);
	unlink(big);
	free(big);
	free(deep);
	free(block);
	assert_int_equal(rmdir(dir), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lint_full_diagnostic_with_caret),
		cmocka_unit_test(test_lint_exit_statuses),
		cmocka_unit_test(test_lint_usage_messages),
		cmocka_unit_test(test_lint_help_and_version),
		cmocka_unit_test(test_lint_warning_is_reported_but_passes),
		cmocka_unit_test(test_lint_warns_on_control_characters),
		cmocka_unit_test(test_lint_adversarial_inputs_refused_with_position),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
