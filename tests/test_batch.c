/*
 * test_batch.c - `backcheck batch` through the real binary ($BUILD/backcheck) on the fixture
 * questionnaire tests/data/intake/clinic.yaml: the exact CSV (RFC 4180 quoting, header, one
 * row per file in name order, bad files as rows with their error), JSON lines, the same bytes
 * with --jobs, exit statuses, and what is not an answers file left alone.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "testlib.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define CLINIC "tests/data/intake/clinic.yaml"

static char dir[64];

static const char *bin(void)
{
	static char path[256];
	const char *b = getenv("BUILD");
	snprintf(path, sizeof path, "%s/backcheck", b != NULL && *b ? b : "build/debug");
	return path;
}

static void put(const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/in/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/backcheck-batch-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	char in[128];
	snprintf(in, sizeof in, "%s/in", dir);
	mkdir(in, 0700);
	put("b-urgent.yaml", "age: 40\nred: [none]\nred_unsure: true\nunsure: [chest]\nweak: true\n"
	                     "weeks: 8\ntrend: same\nnow: 6\nrelief: no_help\nstiff_minutes: 30\n");
	put("a-easy.yml", "age: 40\nred: [none]\nred_unsure: false\nweak: false\nweeks: 1\n"
	                  "trend: better\nnow: 2\nstiff_minutes: 5\n");
	put("c-range.yaml", "age: 300\n");
	put("d \"odd\", name.yaml", "age: [\n");
	put("notes.txt", "not an answers file\n");
	char sub[160];
	snprintf(sub, sizeof sub, "%s/in/sub.yaml", dir);
	mkdir(sub, 0700);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	return system(cmd);
}

/* Runs batch with args; returns its exit status and leaves its output in DIR/out. */
static int batch(const char *args)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, "%s batch %s/in -q %s %s > %s/out 2> %s/err", bin(), dir, CLINIC,
	         args, dir, dir);
	int st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The whole file DIR/name, kept until the next call. */
static char *slurp(const char *name)
{
	static char *last;
	char path[256];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	free(last);
	last = tl_read(path);
	return last;
}

static void test_batch_csv_rows_in_name_order(void **state)
{
	(void)state;
	assert_int_equal(batch("--format csv"), 65);
	char want[2048];
	snprintf(want, sizeof want,
	         "file,outcome,rule,pain_score,time_score,red_flags,error\r\n"
	         "a-easy.yml,easy,,20,5,,\r\n"
	         "b-urgent.yaml,urgent,weak_leg,60,40,weak,\r\n"
	         "c-range.yaml,,,,,,%s/in/c-range.yaml:1:6: age: 300 is above the maximum of 110\r\n"
	         "\"d \"\"odd\"\", name.yaml\",,,,,,\"%s/in/d \"\"odd\"\", name.yaml:2:1: did not find "
	         "expected node content (while parsing a flow node at line 2, column 1)\"\r\n",
	         dir, dir);
	assert_string_equal(slurp("out"), want);
	assert_string_equal(slurp("err"), "backcheck batch: 2 of 4 files could not be scored; "
	                                  "their rows say why\n");
}

static void test_batch_jobs_give_the_same_bytes(void **state)
{
	(void)state;
	assert_int_equal(batch("--format csv"), 65);
	char *one = strdup(slurp("out"));
	/* 64 jobs, the most there may be, also give the same bytes; 65 is refused. */
	for (int jobs = 2; jobs <= 6; jobs++) {
		char args[64];
		snprintf(args, sizeof args, "--format csv --jobs %d", jobs == 6 ? 64 : jobs);
		assert_int_equal(batch(args), 65);
		assert_string_equal(slurp("out"), one);
	}
	free(one);
	assert_int_equal(batch("--format csv --jobs 65"), 64);
	assert_string_equal(slurp("err"), "backcheck batch: --jobs must be a number from 1 to 64, "
	                                  "not '65'\nRun 'backcheck batch --help' for its "
	                                  "options.\n");
}

static void test_batch_jsonl_has_the_result_file_and_error(void **state)
{
	(void)state;
	assert_int_equal(batch("--format jsonl --jobs 2"), 65);
	char *s = slurp("out");
	const char *files[] = { "a-easy.yml", "b-urgent.yaml", "c-range.yaml", "d \"odd\", name.yaml" };
	const char *outcomes[] = { "easy", "urgent", NULL, NULL };
	char *line = s;
	for (int k = 0; k < 4; k++) {
		char *nl = strchr(line, '\n');
		assert_non_null(nl);
		*nl = '\0';
		json_error_t err;
		json_t *j = json_loads(line, 0, &err);
		assert_non_null(j);
		assert_string_equal(json_string_value(json_object_get(j, "file")), files[k]);
		json_t *oc = json_object_get(json_object_get(j, "outcome"), "id");
		if (outcomes[k] != NULL) {
			assert_string_equal(json_string_value(oc), outcomes[k]);
			assert_true(json_is_null(json_object_get(j, "error")));
			assert_non_null(json_object_get(j, "scores"));
		} else {
			assert_null(oc);
			assert_true(json_is_string(json_object_get(j, "error")));
		}
		json_decref(j);
		line = nl + 1;
	}
	assert_string_equal(line, "");
}

static void test_batch_exit_statuses(void **state)
{
	(void)state;
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm '%s/in/c-range.yaml' '%s/in/d \"odd\", name.yaml'", dir, dir);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(batch("--format csv -o /dev/stdout"), 0);
	assert_string_equal(slurp("err"), "");
	assert_int_equal(batch("--format xml"), 64);
	assert_string_equal(slurp("err"), "backcheck batch: --format must be csv or jsonl, not 'xml'\n"
	                                  "Run 'backcheck batch --help' for its options.\n");
	assert_int_equal(batch("--format csv --jobs 0"), 64);
	snprintf(cmd, sizeof cmd, "%s batch /nonexistent --format csv 2>/dev/null", bin());
	assert_int_equal(WEXITSTATUS(system(cmd)), 66);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_batch_csv_rows_in_name_order),
		cmocka_unit_test(test_batch_jobs_give_the_same_bytes),
		cmocka_unit_test(test_batch_jsonl_has_the_result_file_and_error),
		cmocka_unit_test(test_batch_exit_statuses),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
