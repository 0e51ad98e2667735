/*
 * test_run.c - `backcheck run` end to end, through the real binary ($BUILD/backcheck): text
 * and JSON output, -o FILE (created 0600), exit statuses, SOURCE_DATE_EPOCH reproducibility,
 * usage errors, the questionnaire search path, and nothing but the output on standard output.
 *
 * Every JSON document a test produces is written to $BUILD/json/ and the last test validates
 * them all against docs/output.schema.json with ajv (installed by `make deps`: npm ci).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "testlib.h"

#include <dirent.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "engine.h"
#include "loader.h"
#include "model.h"

#define BASIC "tests/data/engine/basic.yaml"
#define DATA "tests/data/engine/"
#define EPOCH "1767225600"

/* printf into a new string; caller frees. */
static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));

static char *fmt(const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	int n = vsnprintf(NULL, 0, f, ap);
	va_end(ap);
	char *s = malloc((size_t)n + 1);
	assert_non_null(s);
	va_start(ap, f);
	vsnprintf(s, (size_t)n + 1, f, ap);
	va_end(ap);
	return s;
}

static char *path_in_build(const char *name)
{
	return fmt("%s/%s", tl_build(), name);
}

/* Runs the binary bin with args (NULL-terminated) and env settings "NAME=VALUE" (or "NAME" to
 * unset) after this file's own (a fixed time, UTC, no COLUMNS), umask 0, standard input
 * from /dev/null. */
static struct tl_run run_bin(const char *bin, const char *const *args, const char *const *env)
{
	const char *all[32] = { "SOURCE_DATE_EPOCH=" EPOCH, "COLUMNS", "TZ=UTC" };
	for (size_t k = 0; env != NULL && env[k] != NULL && k < 28; k++)
		all[3 + k] = env[k];
	return tl_run(args, &(struct tl_run_opts){ .bin = bin, .env = all, .has_umask = true });
}

static struct tl_run run(const char *const *args, const char *const *env)
{
	return run_bin(NULL, args, env);
}

/* Saves a JSON document under $BUILD/json/NAME.json for the schema check. */
static void keep_json(const char *name, const char *text)
{
	char *file = fmt("run-%s", name);
	tl_keep_json(file, text);
	free(file);
}

/* Parses JSON output and keeps it; fails on anything but one JSON document. */
static json_t *parse_json(const char *name, const char *text)
{
	json_error_t e;
	json_t *j = json_loads(text, JSON_REJECT_DUPLICATES, &e);
	if (j == NULL)
		fail_msg("%s: not JSON (%d:%d %s):\n%s", name, e.line, e.column, e.text, text);
	keep_json(name, text);
	return j;
}

/* A temporary answers file with text; caller frees the path after unlinking. */
static char *answers_file(const char *text)
{
	char *path = strdup("/tmp/backcheck-answers-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

/* Text with the wrapped bullet lines joined again ("\n    " becomes " "); caller frees. */
static char *unwrapped(const char *text)
{
	char *s = strdup(text), *o = s;
	for (const char *p = text; *p != '\0';)
		if (strncmp(p, "\n    ", 5) == 0) {
			*o++ = ' ';
			p += 5;
		} else {
			*o++ = *p++;
		}
	*o = '\0';
	return s;
}

#define STRAINED \
	"danger: [none]\nhurts: no\ntrend: same\nsleep: 5.5\nrest_days: 1\npushing: yes\n"

/* --- Output ------------------------------------------------------------------------------ */

/* The person's result, exactly: the headline (title and what to do) first, the reasons of the
 * deciding tier, what would help as actions from now on, the re-check as a date, the safety
 * net; no rule ids, no figures (those are for --details). */
static void test_run_text_puts_the_outcome_first(void **state)
{
	(void)state;
	char *a = answers_file(STRAINED);
	const char *args[] = { "run", "--questionnaire", BASIC, "--answers", a, NULL };
	struct tl_run r = run(args, NULL);
	tl_run_expect(&r, 0,
		"Result: Rest a little\n"
		"Take it easy for a few days.\n"
		"\n"
		"Why\n"
		"  * You have 2 strain signs: 5.5 hours of sleep, 1 rest day, pushing: yes.\n"
		"\n"
		"What to do\n"
		"Rest for two days.\n"
		"  * Aim for 7 hours of sleep; you sleep 5.5.\n"
		"\n"
		"What would help\n"
		"  * From now on: \xe2\x80\x9c" "How many hours do you sleep?\xe2\x80\x9d" " 6 hours or more. "
		"Then the advice\n"
		"    would be: Keep moving gently.\n"
		"  * From now on: \xe2\x80\x9c" "Do you push through the pain?\xe2\x80\x9d" " no. Then the "
		"advice would be:\n"
		"    Keep moving gently.\n"
		"\n"
		"Check again on Sunday 4 January 2026, or sooner if things change.\n"
		"\n"
		"Keep yourself safe\n"
		"If it gets much worse, call for help. Literal {braces} stay.\n"
		"\n"
		"This is a test, not advice.\n", "");
	unlink(a);
	free(a);
}

/* --details adds the explanation, every matching rule with its outcome and which decided,
 * every change, the figures and the rule ids for clinicians. */
static void test_run_details_add_every_rule_and_figure(void **state)
{
	(void)state;
	char *a = answers_file(STRAINED);
	const char *args[] = { "run", "-q", BASIC, "-a", a, "--details", NULL };
	struct tl_run r = run(args, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "\nEvery single change that would change the result\n"));
	char *flat = unwrapped(r.out);
	assert_non_null(strstr(flat, "\nWhy\n  * You have 2 strain signs: 5.5 hours of sleep, 1 "
	                       "rest day, pushing: yes. (strained: rest, this decided it)\n"));
	assert_non_null(strstr(flat, "were 6 hours or more (instead of 5.5 hours), the result "
	                       "would be: Keep moving gently."));
	free(flat);
	assert_non_null(strstr(r.out, "\nYour figures\n"));
	assert_non_null(strstr(r.out, "For clinicians: outcome rest, decided by strained"));
	unlink(a);
	free(a);
	tl_run_free(&r);
}

#define ALERTS "tests/data/engine/alerts.yaml"

/* An emergency result gives the deciding rule's action (its parts that hold) and only the
 * reasons of its own tier: not the urgent rule nor the rest rule that match too. */
static void test_run_alert_result_gives_the_action_and_its_tier(void **state)
{
	(void)state;
	char *a = answers_file("age: 30\nsigns: [numb]\nunsure: yes\npregnancy: pregnant\n"
	                       "pain_now: 6\npain_worst: 6\nweeks: 3\nleg_days: 5\nsleep: 5\n"
	                       "training: hard\n");
	const char *args[] = { "run", "-q", ALERTS, "-a", a, NULL };
	struct tl_run r = run(args, NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out,
		"========================================================================\n"
		"!! Get emergency help now\n"
		"========================================================================\n"
		"Go to A&E now. Tell them you are pregnant.\n"
		"\n"
		"What you told us\n"
		"  * You have numbness.\n"
		"\n"
		"Keep yourself safe\n"
		"If you get chest pain or numbness, call 999.\n"
		"\n"
		"An educational self-check, not a diagnosis.\n");
	unlink(a);
	free(a);
	tl_run_free(&r);
}

/* Below alert severity: what would help as actions (the item's `change`), the date by which
 * to act if it is no better (the earliest of the time safety net) and the re-check date. */
static void test_run_time_safety_net_date(void **state)
{
	(void)state;
	char *a = answers_file("age: 30\nsigns: [none]\nunsure: no\npregnancy: no\npain_now: 3\n"
	                       "pain_worst: 3\nweeks: 3\nleg_days: 5\nsleep: 5\ntraining: hard\n");
	const char *args[] = { "run", "-q", ALERTS, "-a", a, NULL };
	struct tl_run r = run(args, NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out,
		"Result: Rest for a few days\n"
		"Rest a little.\n"
		"\n"
		"Why\n"
		"  * You sleep 5 hours and train hard.\n"
		"\n"
		"What to do\n"
		"Rest two or three days.\n"
		"\n"
		"What would help\n"
		"  * Sleep at least 6 hours a night from now on. Then the advice would be: Keep\n"
		"    moving gently.\n"
		"  * From now on: \xe2\x80\x9cHow hard do you train?\xe2\x80\x9d \xe2\x80\x9c" "easily"
		"\xe2\x80\x9d. Then the advice would be:\n"
		"    Keep moving gently.\n"
		"\n"
		"If it is no better by Saturday 10 January 2026, the advice changes to: Book an\n"
		"assessment.\n"
		"Check again on Sunday 4 January 2026, or sooner if things change.\n"
		"\n"
		"Keep yourself safe\n"
		"If you get chest pain or numbness, call 999.\n"
		"\n"
		"An educational self-check, not a diagnosis.\n");
	const char *json[] = { "run", "-q", ALERTS, "-a", a, "-f", "json", NULL };
	tl_run_free(&r);
	r = run(json, NULL);
	assert_int_equal(r.status, 0);
	json_t *j = parse_json("time-safety-net", r.out);
	json_t *net = json_object_get(j, "time_safety_net");
	assert_int_equal(json_array_size(net), 2);
	json_t *n0 = json_array_get(net, 0);
	assert_string_equal(json_string_value(json_object_get(n0, "item")), "weeks");
	assert_int_equal(json_integer_value(json_object_get(n0, "value")), 12);
	assert_string_equal(json_string_value(json_object_get(n0, "outcome")), "assess");
	assert_string_equal(json_string_value(json_object_get(n0, "date")), "2026-02-27");
	assert_string_equal(json_string_value(json_object_get(j, "act_by")), "2026-01-10");
	assert_string_equal(json_string_value(json_object_get(j, "recheck_date")), "2026-01-04");
	assert_true(json_is_null(json_object_get(j, "action")));
	json_decref(j);
	/* The printable page says the same: actions and dates, the deciding tier's reasons. */
	const char *md[] = { "run", "-q", ALERTS, "-a", a, "-f", "markdown", NULL };
	tl_run_free(&r);
	r = run(md, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "## Why\n\n- You sleep 5 hours and train hard.\n\n## What to"));
	assert_non_null(strstr(r.out, "## What would help\n\n- Sleep at least 6 hours a night from "
	                       "now on. Then the advice would be: Keep moving gently.\n"));
	assert_non_null(strstr(r.out, "\nIf it is no better by Saturday 10 January 2026, the advice "
	                       "changes to: Book an assessment.\n\nCheck again on Sunday 4 January "
	                       "2026, or sooner if things change.\n"));
	unlink(a);
	free(a);
	tl_run_free(&r);
	/* Assessment (persistent) with a rest rule matching too: only the assessment's reason. */
	a = answers_file("age: 30\nsigns: [none]\nunsure: no\npregnancy: no\npain_now: 3\n"
	                 "pain_worst: 3\nweeks: 20\nleg_days: 0\nsleep: 5\ntraining: hard\n");
	const char *md2[] = { "run", "-q", ALERTS, "-a", a, "-f", "markdown", NULL };
	r = run(md2, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "## Why\n\n- It has lasted 20 weeks.\n\n## What to do"));
	const char *txt[] = { "run", "-q", ALERTS, "-a", a, NULL };
	tl_run_free(&r);
	r = run(txt, NULL);
	assert_non_null(strstr(r.out, "Result: Book an assessment\nHave it looked at.\nSee a "
	                       "physiotherapist.\n\nWhy\n  * It has lasted 20 weeks.\n\nWhat to do"));
	unlink(a);
	free(a);
	tl_run_free(&r);
}

static void test_run_text_wraps_to_columns(void **state)
{
	(void)state;
	char *a = answers_file(STRAINED);
	const char *args[] = { "run", "-q", BASIC, "-a", a, NULL };
	const char *env[] = { "COLUMNS=40", NULL };
	struct tl_run r = run(args, env);
	assert_int_equal(r.status, 0);
	/* Characters, not bytes; only a single word longer than a line (the sha256) may pass. */
	size_t longest = 0, chars = 0;
	bool has_space = false;
	for (const char *p = r.out; *p != '\0'; p++) {
		if (*p == '\n') {
			if (has_space)
				longest = chars > longest ? chars : longest;
			chars = 0;
			has_space = false;
		} else if (((unsigned char)*p & 0xC0) != 0x80) {
			chars++;
			has_space |= *p == ' ';
		}
	}
	assert_true(longest <= 40);
	assert_true(longest >= 35);
	tl_run_free(&r);
	/* An explicit COLUMNS is obeyed, however wide (a terminal's width is capped at 100). */
	const char *wide[] = { "COLUMNS=200", NULL };
	r = run(args, wide);
	assert_int_equal(r.status, 0);
	longest = chars = 0;
	for (const char *p = r.out; *p != '\0'; p++) {
		if (*p == '\n') {
			longest = chars > longest ? chars : longest;
			chars = 0;
		} else if (((unsigned char)*p & 0xC0) != 0x80) {
			chars++;
		}
	}
	assert_true(longest <= 200);
	assert_true(longest > 100);
	unlink(a);
	free(a);
	tl_run_free(&r);
}

static void test_run_emergency_is_framed_and_first(void **state)
{
	(void)state;
	char *a = answers_file("danger: [fire]\n");
	const char *args[] = { "run", "-q", BASIC, "-a", a, NULL };
	struct tl_run r = run(args, NULL);
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.out, "=====", 5) == 0);
	assert_non_null(strstr(r.out, "\n!! Get help now\n====="));
	const char *signs = strstr(r.out, "What you told us\n  * You saw: a fire.");
	assert_non_null(signs);
	assert_true(signs < strstr(r.out, "This is a test"));
	/* Nothing was asked after the stop: no figures that would read as "all zero". */
	assert_null(strstr(r.out, "Your figures"));
	assert_null(strstr(r.out, "What would change"));
	unlink(a);
	free(a);
	tl_run_free(&r);
}

static void test_run_json_fields(void **state)
{
	(void)state;
	char *a = answers_file(STRAINED "weeks: 3\n");
	const char *args[] = { "run", "-q", BASIC, "-a", a, "--format", "json", NULL };
	struct tl_run r = run(args, NULL);
	assert_int_equal(r.status, 0);
	json_t *j = parse_json("strained", r.out);
	assert_int_equal(json_integer_value(json_object_get(j, "format_version")), 1);
	assert_string_equal(json_string_value(json_object_get(j, "generated_at")),
	                    "2026-01-01T00:00:00Z");
	json_t *q = json_object_get(j, "questionnaire");
	assert_string_equal(json_string_value(json_object_get(q, "id")), "engine-basic");
	assert_string_equal(json_string_value(json_object_get(q, "version")), "1.2.3");
	/* The sha256 of the file's bytes, as coreutils computes it. */
	char sum[65] = "";
	struct tl_run sha = tl_run((const char *const[]){ BASIC, NULL },
	                           &(struct tl_run_opts){ .bin = "/usr/bin/sha256sum" });
	assert_int_equal(sha.status, 0);
	assert_int_equal(sscanf(sha.out, "%64s", sum), 1);
	tl_run_free(&sha);
	assert_string_equal(json_string_value(json_object_get(q, "sha256")), sum);
	json_t *o = json_object_get(j, "outcome");
	assert_string_equal(json_string_value(json_object_get(o, "id")), "rest");
	assert_int_equal(json_integer_value(json_object_get(o, "severity")), 2);
	json_t *reasons = json_object_get(j, "reasons");
	assert_int_equal(json_array_size(reasons), 1);
	assert_true(json_is_true(json_object_get(json_array_get(reasons, 0), "decisive")));
	assert_true(json_number_value(json_object_get(json_object_get(j, "derived"), "strain"))
	            == 2);
	assert_true(json_number_value(json_object_get(json_object_get(j, "scores"),
	                                              "pain_score")) == 0);
	json_t *changes = json_object_get(j, "what_would_change");
	assert_int_equal(json_array_size(changes), 2);
	json_t *c = json_array_get(changes, 0);
	assert_string_equal(json_string_value(json_object_get(c, "item")), "sleep");
	assert_true(json_number_value(json_object_get(c, "from")) == 5.5);
	assert_true(json_number_value(json_object_get(c, "to")) == 6);
	assert_string_equal(json_string_value(json_object_get(c, "outcome")), "easy");
	c = json_array_get(changes, 1);
	assert_string_equal(json_string_value(json_object_get(c, "item")), "pushing");
	assert_true(json_is_false(json_object_get(c, "to")));
	/* The ignored answer is a warning in the JSON and on standard error, nowhere else. */
	json_t *w = json_object_get(j, "warnings");
	assert_int_equal(json_array_size(w), 1);
	assert_string_equal(json_string_value(json_array_get(w, 0)),
	                    "weeks: answer ignored: this question is not asked with these answers");
	assert_non_null(strstr(r.err, ":7:1: warning: weeks: answer ignored"));
	assert_int_equal(json_integer_value(json_object_get(j, "recheck_days")), 3);
	json_t *ans = json_object_get(j, "answers");
	assert_null(json_object_get(ans, "weeks"));
	assert_null(json_object_get(ans, "welcome"));
	assert_true(json_is_null(json_object_get(ans, "comment")));
	assert_string_equal(json_string_value(json_array_get(json_object_get(ans, "danger"), 0)),
	                    "none");
	json_decref(j);
	unlink(a);
	free(a);
	tl_run_free(&r);
}

static void test_run_json_emergency_has_no_recheck(void **state)
{
	(void)state;
	char *a = answers_file("danger: [fire, flood]\nhurts: yes\n");
	const char *args[] = { "run", "-q", BASIC, "-a", a, "-f", "json", NULL };
	struct tl_run r = run(args, NULL);
	assert_int_equal(r.status, 0);
	json_t *j = parse_json("emergency", r.out);
	assert_true(json_is_null(json_object_get(j, "recheck_days")));
	assert_int_equal(json_array_size(json_object_get(j, "warnings")), 1);
	assert_int_equal(json_object_size(json_object_get(j, "answers")), 1);
	json_decref(j);
	unlink(a);
	free(a);
	tl_run_free(&r);
}

static void test_run_source_date_epoch_reproduces_bytes(void **state)
{
	(void)state;
	char *a = answers_file(STRAINED);
	const char *formats[] = { "json", "text" };
	for (size_t k = 0; k < 2; k++) {
		const char *args[] = { "run", "-q", BASIC, "-a", a, "-f", formats[k], NULL };
		struct tl_run r1 = run(args, NULL);
		struct tl_run r2 = run(args, NULL);
		assert_int_equal(r1.status, 0);
		assert_string_equal(r1.out, r2.out);
		if (k == 0)
			json_decref(parse_json("epoch", r1.out));
		tl_run_free(&r1);
		tl_run_free(&r2);
	}
	const char *args[] = { "run", "-q", BASIC, "-a", a, "-f", "json", NULL };
	const char *env[] = { "SOURCE_DATE_EPOCH=0", NULL };
	struct tl_run r = run(args, env);
	assert_non_null(strstr(r.out, "\"generated_at\": \"1970-01-01T00:00:00Z\""));
	json_decref(parse_json("epoch-0", r.out));
	tl_run_free(&r);
	unlink(a);
	free(a);
}

static void test_run_output_file_is_private(void **state)
{
	(void)state;
	char *a = answers_file(STRAINED);
	char dir[] = "/tmp/backcheck-o-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char file[128];
	snprintf(file, sizeof file, "%s/result.json", dir);
	const char *args[] = { "run", "-q", BASIC, "-a", a, "-f", "json", "-o", file, NULL };
	struct tl_run r = run(args, NULL);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out, "");
	struct stat st;
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	char *text = tl_slurp(file, NULL);
	json_decref(parse_json("output-file", text));
	/* -o - is standard output, byte for byte the same. */
	const char *args2[] = { "run", "-q", BASIC, "-a", a, "-f", "json", "-o", "-", NULL };
	struct tl_run r2 = run(args2, NULL);
	assert_string_equal(r2.out, text);
	free(text);
	unlink(file);
	rmdir(dir);
	unlink(a);
	free(a);
	tl_run_free(&r);
	tl_run_free(&r2);
}

/* -o FILE never replaces anything by surprise: an existing file needs --force (then it is
 * replaced whole, still 0600), a link is never replaced (with --force the file it points to is
 * written), a link to nothing and a folder are refused, and a device or a FIFO is written
 * directly (it stays a device or a FIFO). */
static void test_run_output_target_kinds(void **state)
{
	(void)state;
	char *a = answers_file(STRAINED);
	char dir[] = "/tmp/backcheck-o-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *file = fmt("%s/result.txt", dir), *link = fmt("%s/link.txt", dir);
	char *dangling = fmt("%s/dangling.txt", dir), *fifo = fmt("%s/fifo", dir);
	char *got = fmt("%s/from-fifo.txt", dir);
	assert_int_equal(symlink("result.txt", link), 0);
	assert_int_equal(symlink("nowhere.txt", dangling), 0);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	FILE *f = fopen(file, "w");
	fputs("mine\n", f);
	fclose(f);
	const struct {
		const char *target;
		bool is_force;
		int status;
		const char *why;
	} cases[] = {
		{ file, false, 74, "already exists; add --force to replace it" },
		{ link, false, 74, "is a symbolic link to an existing file; add --force to write over "
		  "that file" },
		{ dangling, true, 74, "is a symbolic link to nothing; give another name" },
		{ dir, true, 74, "is a folder" },
		{ "/nonexistent-dir/out.txt", false, 74, "the folder /nonexistent-dir does not exist" },
		{ "/dev/null", false, 0, NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *args[] = { "run", "-q", BASIC, "-a", a, "-o", cases[i].target,
		                       cases[i].is_force ? "--force" : NULL, NULL };
		struct tl_run r = run(args, NULL);
		char *want = cases[i].why ? fmt("%s: error: %s\n", cases[i].target, cases[i].why)
		                          : strdup("");
		assert_int_equal(r.status, cases[i].status);
		assert_string_equal(r.err, want);
		assert_string_equal(r.out, "");
		free(want);
		tl_run_free(&r);
	}
	char *text = tl_slurp(file, NULL);
	assert_string_equal(text, "mine\n");
	free(text);
	struct stat st;
	assert_int_equal(lstat("/dev/null", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	/* --force: the file is replaced whole; through the link, the file it points to. */
	const char *force[] = { "run", "-q", BASIC, "-a", a, "-o", file, "--force", NULL };
	struct tl_run r = run(force, NULL);
	assert_int_equal(r.status, 0);
	text = tl_slurp(file, NULL);
	assert_true(strncmp(text, "Result: ", 8) == 0);
	assert_int_equal(stat(file, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	tl_run_free(&r);
	const char *through[] = { "run", "-q", BASIC, "-a", a, "-f", "json", "-o", link, "--force",
	                          NULL };
	r = run(through, NULL);
	assert_int_equal(r.status, 0);
	assert_int_equal(lstat(link, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	char *json = tl_slurp(file, NULL);
	assert_int_equal(json[0], '{');
	free(json);
	tl_run_free(&r);
	/* A FIFO is written into, not replaced: a reader gets the result. */
	pid_t reader = fork();
	assert_true(reader >= 0);
	if (reader == 0) {
		int in = open(fifo, O_RDONLY), out = open(got, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		char buf[4096];
		ssize_t n;
		while ((n = read(in, buf, sizeof buf)) > 0)
			if (write(out, buf, (size_t)n) != n)
				_exit(1);
		_exit(0);
	}
	const char *to_fifo[] = { "run", "-q", BASIC, "-a", a, "-o", fifo, NULL };
	r = run(to_fifo, NULL);
	int ws;
	assert_int_equal(waitpid(reader, &ws, 0), reader);
	assert_int_equal(r.status, 0);
	assert_int_equal(lstat(fifo, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	char *from_fifo = tl_slurp(got, NULL);
	assert_string_equal(from_fifo, text);
	free(from_fifo);
	free(text);
	tl_run_free(&r);
	unlink(got);
	unlink(file);
	unlink(link);
	unlink(dangling);
	unlink(fifo);
	rmdir(dir);
	free(got);
	free(fifo);
	free(dangling);
	free(link);
	free(file);
	unlink(a);
	free(a);
}

/* A scripted run saves nothing, unless --save says so: then one record in --data-dir. */
static void test_run_saves_only_with_save(void **state)
{
	(void)state;
	char *a = answers_file(STRAINED);
	char dir[] = "/tmp/backcheck-data-XXXXXX";
	assert_non_null(mkdtemp(dir));
	const char *args[] = { "run", "-q", BASIC, "-a", a, "--data-dir", dir, NULL };
	const char *env[] = { "XDG_DATA_HOME=/nonexistent/data", "XDG_STATE_HOME=/nonexistent/st",
	                      "BACKCHECK_DATA_DIR", NULL };
	struct tl_run r = run(args, env);
	assert_int_equal(r.status, 0);
	tl_run_free(&r);
	char *records = fmt("%s/records", dir);
	assert_int_not_equal(access(records, F_OK), 0);
	const char *save[] = { "run", "-q", BASIC, "-a", a, "--data-dir", dir, "--save", "-f",
	                       "json", NULL };
	r = run(save, env);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	json_decref(parse_json("saved", r.out));
	tl_run_free(&r);
	DIR *d = opendir(records);
	assert_non_null(d);
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.') {
			char *f = fmt("%s/%s", records, de->d_name);
			unlink(f);
			free(f);
			n++;
		}
	closedir(d);
	assert_int_equal(n, 1);
	rmdir(records);
	rmdir(dir);
	free(records);
	unlink(a);
	free(a);
}

/* --- Exit statuses -------------------------------------------------------------------------- */

struct status_case {
	const char *name;
	const char *args[12];
	int status;
	const char *err;
};

static void test_run_exit_statuses(void **state)
{
	(void)state;
	char *good = answers_file(STRAINED);
	char *bad = answers_file("danger: [none]\npain: 11\n");
	const struct status_case cases[] = {
		{ "help", { "run", "--help" }, 0, "" },
		{ "version", { "run", "--version" }, 0, "" },
		{ "wrong format", { "run", "-q", BASIC, "-a", good, "--format", "xml" }, 64,
		  "backcheck run: --format must be text, json, markdown, html or fhir, not 'xml'\n"
		  "Run 'backcheck run --help' for its options.\n" },
		{ "unknown option", { "run", "--colour" }, 64,
		  "backcheck run: unknown option '--colour'\n" },
		{ "misspelt option", { "run", "--anwsers", "x" }, 64,
		  "backcheck run: unknown option '--anwsers'; did you mean '--answers'?\n" },
		{ "missing value", { "run", "-a" }, 64,
		  "backcheck run: option '--answers' needs a value\n" },
		{ "given twice", { "run", "-a", good, "--answers", good }, 64,
		  "backcheck run: option '--answers' is given twice\n" },
		{ "save and no-save", { "run", "-a", good, "--save", "--kiosk" }, 64,
		  "backcheck run: --save cannot be used with --no-save or --kiosk\n" },
		{ "no answers file", { "run", "-q", BASIC, "-a", DATA "no-such.yaml" }, 66, NULL },
		{ "no questionnaire", { "run", "-q", "no-such-id", "-a", good }, 66,
		  NULL },
		{ "unreadable questionnaire", { "run", "-q", DATA "no-such.yaml", "-a", good }, 66,
		  NULL },
		{ "bad questionnaire", { "run", "-q", DATA "broken.yaml", "-a", good }, 65, NULL },
		{ "bad answers", { "run", "-q", BASIC, "-a", bad }, 65, NULL },
		{ "output folder missing", { "run", "-q", BASIC, "-a", good, "-o",
		  "/nonexistent-dir/out.txt" }, 74,
		  "/nonexistent-dir/out.txt: error: the folder /nonexistent-dir does not exist\n" },
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct tl_run r = run(cases[k].args, NULL);
		if (r.status != cases[k].status)
			fail_msg("%s: exit %d, expected %d; stderr: %s", cases[k].name, r.status,
			         cases[k].status, r.err);
		if (cases[k].err != NULL && strncmp(r.err, cases[k].err, strlen(cases[k].err)) != 0)
			fail_msg("%s: stderr '%s', expected '%s'", cases[k].name, r.err, cases[k].err);
		if (cases[k].status != 0 && strcmp(r.out, "") != 0)
			fail_msg("%s: wrote to standard output: %s", cases[k].name, r.out);
		tl_run_free(&r);
	}
	unlink(good);
	unlink(bad);
	free(good);
	free(bad);
}

static void test_run_bad_answers_name_item_and_position(void **state)
{
	(void)state;
	char *a = answers_file("danger: [none]\nhurts: yes\npain: 11\n");
	const char *args[] = { "run", "-q", BASIC, "-a", a, NULL };
	struct tl_run r = run(args, NULL);
	assert_int_equal(r.status, 65);
	char want[256];
	snprintf(want, sizeof want, "%s:3:7: error: pain: 11 is above the maximum of 10\n", a);
	assert_true(strncmp(r.err, want, strlen(want)) == 0);
	assert_string_equal(r.out, "");
	unlink(a);
	free(a);
	tl_run_free(&r);
}

static void test_run_without_answers_is_the_default_command(void **state)
{
	(void)state;
	char *a = answers_file(STRAINED);
	/* A bare `backcheck` with options runs `run`. */
	const char *args[] = { "-q", BASIC, "-a", a, "-f", "json", NULL };
	struct tl_run r = run(args, NULL);
	assert_int_equal(r.status, 0);
	json_decref(parse_json("bare", r.out));
	tl_run_free(&r);
	unlink(a);
	free(a);
}

static void test_run_finds_questionnaires_by_id(void **state)
{
	(void)state;
	char *a = answers_file(STRAINED);
	const char *args[] = { "run", "-q", "basic", "-a", a, "-f", "json", NULL };
	const char *env[] = { "BACKCHECK_QUESTIONNAIRES=/nonexistent:" DATA, NULL };
	struct tl_run r = run(args, env);
	assert_int_equal(r.status, 0);
	json_t *j = parse_json("by-id", r.out);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "questionnaire"),
	                                                      "id")), "engine-basic");
	json_decref(j);
	tl_run_free(&r);
	const char *args3[] = { "run", "-q", "no-such-questionnaire", "-a", a, NULL };
	r = run(args3, env);
	assert_int_equal(r.status, 66);
	assert_non_null(strstr(r.err, "backcheck: no questionnaire called 'no-such-questionnaire' "
	                       "(looked in /nonexistent, " DATA));
	tl_run_free(&r);
	unlink(a);
	free(a);
}

/*
 * An answers file for q that answers every asked item with its lowest (or, with is_high, its
 * highest) answer, written by driving the engine in-process; *outcome is what the engine
 * decides for it. Caller frees the path after unlinking.
 */
static char *generated_answers(const struct questionnaire *q, bool is_high, size_t *outcome)
{
	struct engine *e = engine_new(q, 0);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	long i;
	while ((i = engine_next(e)) >= 0) {
		const struct item *it = &q->items[i];
		struct value v = value_bool(true);
		if (it->type == ITEM_YESNO)
			v = value_bool(is_high);
		else if (it->type == ITEM_CHOICE)
			v = value_choice(is_high ? (unsigned)it->nchoices - 1 : 0);
		else if (it->type == ITEM_MULTI)
			v = value_set((uint64_t)1 << (is_high ? it->nchoices - 1 : 0));
		else if (it->type == ITEM_INT || it->type == ITEM_NUMBER || it->type == ITEM_SCALE)
			v = value_num(is_high ? it->max : it->min);
		else if (it->type == ITEM_TEXT)
			v = value_str("all fine");
		assert_int_equal(engine_set(e, (size_t)i, v), 0);
		if (it->type == ITEM_NOTE)
			continue;
		const char *id = engine_value_id(e, (size_t)i, v);
		if (it->type == ITEM_MULTI)
			fprintf(f, "%s: [%s]\n", it->id, id);
		else if (it->type == ITEM_TEXT)
			fprintf(f, "%s: \"%s\"\n", it->id, id);
		else
			fprintf(f, "%s: %s\n", it->id, id);
	}
	fclose(f);
	*outcome = engine_decide(e)->outcome;
	engine_free(e);
	char *path = answers_file(buf);
	free(buf);
	return path;
}

/* Every questionnaire in questionnaires/ is found by id (no variable needed: the source tree
 * is searched) and runs end to end, in text and JSON, to the outcome the engine decides. */
static void test_run_every_questionnaire_runs_by_id(void **state)
{
	(void)state;
	DIR *dir = opendir("questionnaires");
	assert_non_null(dir);
	struct dirent *de;
	size_t runs = 0;
	while ((de = readdir(dir)) != NULL) {
		size_t n = strlen(de->d_name);
		if (n < 6 || strcmp(de->d_name + n - 5, ".yaml") != 0)
			continue;
		char path[512], id[256];
		snprintf(path, sizeof path, "questionnaires/%s", de->d_name);
		snprintf(id, sizeof id, "%.*s", (int)(n - 5), de->d_name);
		struct diag *d = diag_new();
		struct questionnaire *q = loader_load_file(path, d, NULL);
		diag_free(d);
		assert_non_null(q);
		for (int high = 0; high < 2; high++) {
			size_t want;
			char *a = generated_answers(q, high, &want);
			const char *args[] = { "run", "-q", id, "-a", a, "-f", "json", NULL };
			struct tl_run r = run(args, NULL);
			if (r.status != 0)
				fail_msg("%s: exit %d: %s", id, r.status, r.err);
			char name[300];
			snprintf(name, sizeof name, "%s-%s", id, high ? "high" : "low");
			json_t *j = parse_json(name, r.out);
			assert_string_equal(json_string_value(json_object_get(json_object_get(j,
			                    "outcome"), "id")), q->outcomes[want].id);
			json_decref(j);
			tl_run_free(&r);
			const char *targs[] = { "run", "-q", id, "-a", a, NULL };
			r = run(targs, NULL);
			assert_int_equal(r.status, 0);
			assert_string_equal(r.err, "");
			tl_run_free(&r);
			unlink(a);
			free(a);
			runs++;
		}
		questionnaire_free(q);
	}
	closedir(dir);
	assert_true(runs >= 2);
}

/* Copies the bytes of file from to to (mode mode). */
static void copy_file(const char *from, const char *to, mode_t mode)
{
	FILE *in = fopen(from, "rb");
	assert_non_null(in);
	int fd = open(to, O_WRONLY | O_CREAT | O_TRUNC, mode);
	assert_true(fd >= 0);
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		assert_int_equal(write(fd, buf, n), (ssize_t)n);
	close(fd);
	fclose(in);
}

/* An installed layout: PREFIX/bin/backcheck finds ids in PREFIX/share/backcheck/questionnaires. */
static void test_run_finds_questionnaires_beside_the_executable(void **state)
{
	(void)state;
	char root[] = "/tmp/backcheck-prefix-XXXXXX";
	assert_non_null(mkdtemp(root));
	char *bin_dir = fmt("%s/bin", root), *share = fmt("%s/share", root);
	char *data = fmt("%s/share/backcheck", root), *qdir = fmt("%s/questionnaires", data);
	char *bin = fmt("%s/backcheck", bin_dir), *q = fmt("%s/installed-basic.yaml", qdir);
	char *built = path_in_build("backcheck");
	assert_int_equal(mkdir(bin_dir, 0755) | mkdir(share, 0755) | mkdir(data, 0755) |
	                 mkdir(qdir, 0755), 0);
	copy_file(built, bin, 0755);
	copy_file(BASIC, q, 0644);
	char *a = answers_file(STRAINED);
	const char *args[] = { "run", "-q", "installed-basic", "-a", a, "-f", "json", NULL };
	const char *env[] = { "BACKCHECK_QUESTIONNAIRES", NULL };
	struct tl_run r = run_bin(bin, args, env);
	if (r.status != 0)
		fail_msg("exit %d: %s", r.status, r.err);
	json_decref(parse_json("installed", r.out));
	tl_run_free(&r);
	unlink(a);
	unlink(q);
	unlink(bin);
	rmdir(qdir);
	rmdir(data);
	rmdir(share);
	rmdir(bin_dir);
	rmdir(root);
	free(a);
	free(q);
	free(bin);
	free(built);
	free(qdir);
	free(data);
	free(share);
	free(bin_dir);
}

/* --lang picks the texts of a language the questionnaire offers. */
static void test_run_lang_chooses_the_texts(void **state)
{
	(void)state;
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_file("questionnaires/example.yaml", d, NULL);
	diag_free(d);
	/* The example offers a second language for this test: without one it cannot run, and
	 * says so (it used to skip quietly). */
	if (q == NULL || q->nlangs < 2)
		fail_msg("questionnaires/example.yaml must load and offer a second language");
	size_t want;
	char *a = generated_answers(q, false, &want);
	const char *args[] = { "run", "-q", "questionnaires/example.yaml", "-a", a, "-f", "json",
	                       "--lang", q->langs[1], NULL };
	struct tl_run r = run(args, NULL);
	assert_int_equal(r.status, 0);
	json_t *j = parse_json("lang", r.out);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "outcome"),
	                    "title")), model_text(q, &q->outcomes[want].title, 1));
	json_decref(j);
	tl_run_free(&r);
	const char *args2[] = { "run", "-q", "questionnaires/example.yaml", "-a", a, "--lang", "xx",
	                        NULL };
	r = run(args2, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.err, "is not offered in 'xx'"));
	tl_run_free(&r);
	unlink(a);
	free(a);
	questionnaire_free(q);
}

/* --- Answers-file errors on the example questionnaire ---------------------------------- */

#define EXAMPLE "questionnaires/example.yaml"
/* Every required item of the example that these answers ask; wake_ups and breathing_pauses
 * are not asked (quality 2, 7 hours). */
#define EX_AGE "age: 30\n"
#define EX_REST \
	"shift_work: no\nsleep_hours: 7\nsleep_quality: 2\nscreen_time: none\n"
#define EX_VALID EX_AGE EX_REST "disturbances: [noise]\n"

struct answers_case {
	const char *text;
	int status;
	/* The first line of standard error after "FILE:". */
	const char *first;
};

static const struct answers_case example_cases[] = {
	{ EX_VALID "agee: 3\n", 65,
	  "7:1: error: agee: no such question in sleep-check; did you mean 'age'?" },
	{ EX_VALID "shortfall: 2\n", 65,
	  "7:1: error: shortfall: is computed from the other answers and cannot be answered" },
	{ "age: 111\n" EX_REST "disturbances: [noise]\n", 65,
	  "1:6: error: age: 111 is above the maximum of 110" },
	{ "age: 11\n" EX_REST "disturbances: [noise]\n", 65,
	  "1:6: error: age: 11 is below the minimum of 12" },
	{ "age: 30.5\n" EX_REST "disturbances: [noise]\n", 65,
	  "1:6: error: age: 30.5 is not a whole number" },
	{ "age: \"30\"\n" EX_REST "disturbances: [noise]\n", 65,
	  "1:6: error: age: expected a whole number, not the quoted text '30'" },
	{ EX_AGE "shift_work: sometimes\nsleep_hours: 7\nsleep_quality: 2\nscreen_time: none\n"
	  "disturbances: [noise]\n", 65,
	  "2:13: error: shift_work: expected true or false (or yes or no), not 'sometimes'" },
	{ EX_AGE "shift_work: no\nsleep_hours: 14.5\nsleep_quality: 2\nscreen_time: none\n"
	  "disturbances: [noise]\n", 65,
	  "3:14: error: sleep_hours: 14.5 is above the maximum of 14" },
	{ EX_AGE "shift_work: no\nsleep_hours: 7\nsleep_quality: 8\nscreen_time: none\n"
	  "disturbances: [noise]\n", 65,
	  "4:16: error: sleep_quality: 8 is above the maximum of 7" },
	{ EX_AGE "shift_work: no\nsleep_hours: 7\nsleep_quality: 2\nscreen_time: non\n"
	  "disturbances: [noise]\n", 65,
	  "5:14: error: screen_time: 'non' is not one of the choices (none, under_30, over_30); "
	  "did you mean 'none'?" },
	{ EX_AGE "shift_work: no\nsleep_hours: 7\nsleep_quality: 2\nscreen_time: [none]\n"
	  "disturbances: [noise]\n", 65,
	  "5:14: error: screen_time: expected one choice id, not a list" },
	{ EX_AGE EX_REST "disturbances: [noise, nothing]\n", 65,
	  "6:15: error: disturbances: 'nothing' cannot be chosen together with other answers" },
	{ EX_AGE EX_REST "disturbances: noise\n", 65,
	  "6:15: error: disturbances: expected a list of choice ids, such as [noise], not 'noise'" },
	{ EX_AGE EX_REST "disturbances: []\n", 65,
	  "6:15: error: disturbances: the list is empty; choose at least one answer" },
	{ EX_VALID "notes: [a]\n", 65, "7:8: error: notes: expected text, not a list" },
	{ EX_AGE "shift_work: no\nsleep_hours: null\nsleep_quality: 2\nscreen_time: none\n"
	  "disturbances: [noise]\n", 65,
	  "3:14: error: sleep_hours: no answer; this question is asked with these answers, so it "
	  "needs one" },
	{ EX_AGE "shift_work: no\nsleep_quality: 2\nscreen_time: none\ndisturbances: [noise]\n",
	  65, "1:1: error: sleep_hours: no answer; this question is asked with these answers, so "
	  "it needs one" },
	/* The example names the first question, not the note before it. */
	{ "- age\n", 65, "1:1: error: expected a mapping of question ids to answers, such as "
	  "'age: ...'" },
	/* Answers to questions that are not asked are ignored with a warning. */
	{ EX_VALID "wake_ups: 2\n", 0,
	  "7:1: warning: wake_ups: answer ignored: this question is not asked with these answers" },
	{ EX_AGE "shift_work: no\nsleep_hours: 5\nsleep_quality: 2\nscreen_time: none\n"
	  "disturbances: [noise]\nwake_ups: 1\nbreathing_pauses: yes\nnotes: hi\n", 0,
	  "9:1: warning: notes: answer ignored: the questions stopped before this one (rule "
	  "stops_breathing matched)" },
};

/* A derived value of exactly 1 is written with its unit_one ("1 thing", "1 hour"). */
static void test_run_derived_unit_one(void **state)
{
	(void)state;
	char *a = answers_file(EX_VALID);
	const char *args[] = { "run", "-q", EXAMPLE, "-a", a, "--details", NULL };
	struct tl_run r = run(args, NULL);
	assert_int_equal(r.status, 0);
	assert_non_null(strstr(r.out, "\n  * Disturbances: 1 thing\n"));
	assert_non_null(strstr(r.out, "\n  * Sleep shortfall: 1 hour\n"));
	tl_run_free(&r);
	unlink(a);
	free(a);
}

/* Every answers-file error of the run issue, end to end on the example: the exact first line
 * of standard error, the exit status, and standard output empty unless the run succeeds. */
static void test_run_example_answers_errors_exact(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof example_cases / sizeof example_cases[0]; k++) {
		const struct answers_case *c = &example_cases[k];
		char *a = answers_file(c->text);
		const char *args[] = { "run", "-q", EXAMPLE, "-a", a, "-f", "json", NULL };
		struct tl_run r = run(args, NULL);
		char *want = fmt("%s:%s\n", a, c->first);
		if (strncmp(r.err, want, strlen(want)) != 0 || r.status != c->status)
			fail_msg("case %zu: exit %d, want %d\n got: %s want: %s", k, r.status, c->status,
			         r.err, want);
		if (c->status == 0) {
			char name[32];
			snprintf(name, sizeof name, "example-warning-%zu", k);
			json_decref(parse_json(name, r.out));
		} else {
			assert_string_equal(r.out, "");
		}
		free(want);
		tl_run_free(&r);
		unlink(a);
		free(a);
	}
}

/* Without --lang, $LANG chooses ("de_DE.UTF-8" is German); a language the questionnaire lacks
 * falls back to its default without a word; --lang wins over $LANG. */
static void test_run_lang_env_chooses_and_falls_back(void **state)
{
	(void)state;
	char *a = answers_file(EX_VALID);
	static const struct {
		const char *lang_env, *lang_opt, *title;
	} cases[] = {
		{ "LANG=de_DE.UTF-8", NULL, "Du schläfst gut" },
		{ "LANG=de", NULL, "Du schläfst gut" },
		{ "LANG=fr_FR.UTF-8", NULL, "You sleep well" },
		{ "LANG", NULL, "You sleep well" },
		{ "LANG=de_DE.UTF-8", "en", "You sleep well" },
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		const char *args[] = { "run", "-q", EXAMPLE, "-a", a, "-f", "json",
		                       cases[k].lang_opt ? "--lang" : NULL, cases[k].lang_opt, NULL };
		const char *env[] = { cases[k].lang_env, "LC_ALL", "LC_MESSAGES", NULL };
		struct tl_run r = run(args, env);
		assert_int_equal(r.status, 0);
		assert_string_equal(r.err, "");
		json_t *j = parse_json("lang-env", r.out);
		const char *got = json_string_value(json_object_get(json_object_get(j, "outcome"),
		                                    "title"));
		if (got == NULL || strcmp(got, cases[k].title) != 0)
			fail_msg("%s %s: title '%s', want '%s'", cases[k].lang_env,
			         cases[k].lang_opt ? cases[k].lang_opt : "", got, cases[k].title);
		json_decref(j);
		tl_run_free(&r);
	}
	unlink(a);
	free(a);
}

/* --- The schema ----------------------------------------------------------------------------- */

static void test_run_json_matches_schema(void **state)
{
	(void)state;
	char *pattern = fmt("%s/json/run-*.json", tl_build());
	struct tl_run r = tl_run((const char *const[]){ pattern, NULL },
	                         &(struct tl_run_opts){ .bin = "tests/check-schema" });
	free(pattern);
	if (r.status != 0)
		fail_msg("JSON output does not match docs/output.schema.json:\n%s", r.err);
	tl_run_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_run_text_puts_the_outcome_first),
		cmocka_unit_test(test_run_details_add_every_rule_and_figure),
		cmocka_unit_test(test_run_alert_result_gives_the_action_and_its_tier),
		cmocka_unit_test(test_run_time_safety_net_date),
		cmocka_unit_test(test_run_text_wraps_to_columns),
		cmocka_unit_test(test_run_emergency_is_framed_and_first),
		cmocka_unit_test(test_run_json_fields),
		cmocka_unit_test(test_run_json_emergency_has_no_recheck),
		cmocka_unit_test(test_run_source_date_epoch_reproduces_bytes),
		cmocka_unit_test(test_run_output_file_is_private),
		cmocka_unit_test(test_run_output_target_kinds),
		cmocka_unit_test(test_run_saves_only_with_save),
		cmocka_unit_test(test_run_exit_statuses),
		cmocka_unit_test(test_run_bad_answers_name_item_and_position),
		cmocka_unit_test(test_run_without_answers_is_the_default_command),
		cmocka_unit_test(test_run_finds_questionnaires_by_id),
		cmocka_unit_test(test_run_every_questionnaire_runs_by_id),
		cmocka_unit_test(test_run_finds_questionnaires_beside_the_executable),
		cmocka_unit_test(test_run_lang_chooses_the_texts),
		cmocka_unit_test(test_run_example_answers_errors_exact),
		cmocka_unit_test(test_run_derived_unit_one),
		cmocka_unit_test(test_run_lang_env_chooses_and_falls_back),
		cmocka_unit_test(test_run_json_matches_schema),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
