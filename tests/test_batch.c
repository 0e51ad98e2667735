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
#include <unistd.h>

#define CLINIC "tests/data/intake/clinic.yaml"

static char *dir;

/* The last batch run, kept until the next (freed by the teardown). */
static struct tl_run last;

static void put(const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/in/%s", dir, name);
	tl_write(path, text, strlen(text));
}

static int setup(void **state)
{
	(void)state;
	dir = tl_temp_dir("backcheck-batch");
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
	tl_run_free(&last);
	tl_rm_tree(dir);
	return 0;
}

/* Runs batch on DIR/in with the options more (NULL-terminated); returns its exit status and
 * keeps its outputs in last. */
static int batch(const char *const *more)
{
	char in[128];
	snprintf(in, sizeof in, "%s/in", dir);
	const char *args[16] = { "batch", in, "-q", CLINIC };
	for (size_t k = 0; more[k] != NULL; k++) {
		assert_true(k < 11);
		args[4 + k] = more[k];
	}
	tl_run_free(&last);
	last = tl_run(args, NULL);
	return last.status;
}

#define BATCH(...) batch((const char *const[]){ __VA_ARGS__, NULL })

static void test_batch_csv_rows_in_name_order(void **state)
{
	(void)state;
	assert_int_equal(BATCH("--format", "csv"), 65);
	char want[2048];
	snprintf(want, sizeof want,
	         "file,outcome,rule,pain_score,time_score,red_flags,error\r\n"
	         "a-easy.yml,easy,,20,5,,\r\n"
	         "b-urgent.yaml,urgent,weak_leg,60,40,weak,\r\n"
	         "c-range.yaml,,,,,,%s/in/c-range.yaml:1:6: age: 300 is above the maximum of 110\r\n"
	         "\"d \"\"odd\"\", name.yaml\",,,,,,\"%s/in/d \"\"odd\"\", name.yaml:2:1: did not find "
	         "expected node content (while parsing a flow node at line 2, column 1)\"\r\n",
	         dir, dir);
	assert_string_equal(last.out, want);
	assert_string_equal(last.err, "backcheck batch: 2 of 4 files could not be scored; "
	                                  "their rows say why\n");
}

static void test_batch_jobs_give_the_same_bytes(void **state)
{
	(void)state;
	assert_int_equal(BATCH("--format", "csv"), 65);
	char *one = strdup(last.out);
	/* 64 jobs, the most there may be, also give the same bytes; 65 is refused. */
	for (int jobs = 2; jobs <= 6; jobs++) {
		char n[16];
		snprintf(n, sizeof n, "%d", jobs == 6 ? 64 : jobs);
		assert_int_equal(BATCH("--format", "csv", "--jobs", n), 65);
		assert_string_equal(last.out, one);
	}
	free(one);
	assert_int_equal(BATCH("--format", "csv", "--jobs", "65"), 64);
	assert_string_equal(last.err, "backcheck batch: --jobs must be a number from 1 to 64, "
	                                  "not '65'\nRun 'backcheck batch --help' for its "
	                                  "options.\n");
}

static void test_batch_jsonl_has_the_result_file_and_error(void **state)
{
	(void)state;
	assert_int_equal(BATCH("--format", "jsonl", "--jobs", "2"), 65);
	char *s = last.out;
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
	char path[512];
	snprintf(path, sizeof path, "%s/in/c-range.yaml", dir);
	assert_int_equal(unlink(path), 0);
	snprintf(path, sizeof path, "%s/in/d \"odd\", name.yaml", dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(BATCH("--format", "csv", "-o", "/dev/stdout"), 0);
	assert_string_equal(last.err, "");
	assert_int_equal(BATCH("--format", "xml"), 64);
	assert_string_equal(last.err, "backcheck batch: --format must be csv or jsonl, not 'xml'\n"
	                                  "Run 'backcheck batch --help' for its options.\n");
	assert_int_equal(BATCH("--format", "csv", "--jobs", "0"), 64);
	struct tl_run r = tl_run((const char *const[]){ "batch", "/nonexistent", "--format", "csv",
	                                                NULL }, NULL);
	assert_int_equal(r.status, 66);
	tl_run_free(&r);
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
