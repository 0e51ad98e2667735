/*
 * test_answers.c - answers files: every error with its exact message and position, answers
 * that are ignored with a warning, and what a valid file leaves in the run.
 *
 * Questionnaire: tests/data/engine/basic.yaml. Each case is an answers file written out here
 * and the exact diagnostics (brief form) it must give.
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

#include "answers.h"
#include "diag.h"
#include "engine.h"
#include "loader.h"
#include "model.h"

#define BASIC "tests/data/engine/basic.yaml"

/* Every required item answered: the rest rule (strain 2) decides. */
#define VALID \
	"danger: [none]\n" \
	"hurts: yes\n" \
	"pain: 5\n" \
	"weeks: 2\n" \
	"trend: same\n" \
	"sleep: 6.5\n" \
	"rest_days: 0\n" \
	"pushing: true\n"

static int setup(void **state)
{
	setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
	struct diag *d = diag_new();
	*state = loader_load_file(BASIC, d, NULL);
	if (*state == NULL)
		diag_print(d, stderr);
	diag_free(d);
	return *state == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	questionnaire_free(*state);
	return 0;
}

/* Loads text as "answers.yaml" into a new run; returns the brief diagnostics (caller frees)
 * and the status in *rc. The run is returned in *out when out is not NULL. */
static char *load(const struct questionnaire *q, const char *text, int *rc,
                  struct engine **out)
{
	struct engine *e = engine_new(q, 0);
	struct diag *d = diag_new();
	*rc = answers_load_string(e, "answers.yaml", text, strlen(text), d);
	char *buf = tl_diag_brief(d);
	diag_free(d);
	if (out != NULL)
		*out = e;
	else
		engine_free(e);
	return buf;
}

/*
 * One error each: the valid file with the line of key replaced by line ("" removes it; a key
 * that VALID lacks is appended), or, with key NULL, line as the whole file.
 */
struct error_case {
	const char *key, *line, *diagnostics;
};

static const struct error_case error_cases[] = {
	{ "pain", "pain: 11",
	  "answers.yaml:3:7: error: pain: 11 is above the maximum of 10\n" },
	{ "weeks", "weeks: -3",
	  "answers.yaml:4:8: error: weeks: -3 is below the minimum of 0\n" },
	{ "weeks", "weeks: 2.5",
	  "answers.yaml:4:8: error: weeks: 2.5 is not a whole number\n" },
	{ "pian", "pian: 5",
	  "answers.yaml:9:1: error: pian: no such question in engine-basic; did you mean 'pain'?\n" },
	{ "zzzzzzzzzz", "zzzzzzzzzz: 5",
	  "answers.yaml:9:1: error: zzzzzzzzzz: no such question in engine-basic\n" },
	{ "strain", "strain: 2",
	  "answers.yaml:9:1: error: strain: is computed from the other answers and cannot be "
	  "answered\n" },
	{ "hurts", "hurts: maybe",
	  "answers.yaml:2:8: error: hurts: expected true or false (or yes or no), not 'maybe'\n" },
	{ "pain", "pain: \"5\"",
	  "answers.yaml:3:7: error: pain: expected a whole number, not the quoted text '5'\n" },
	{ "sleep", "sleep: lots",
	  "answers.yaml:6:8: error: sleep: expected a number, not 'lots'\n" },
	{ "sleep", "sleep: 12.5",
	  "answers.yaml:6:8: error: sleep: 12.5 is above the maximum of 12\n" },
	{ "trend", "trend: bettr",
	  "answers.yaml:5:8: error: trend: 'bettr' is not one of the choices (better, same, "
	  "worse); did you mean 'better'?\n" },
	{ "trend", "trend: [same]",
	  "answers.yaml:5:8: error: trend: expected one choice id, not a list\n" },
	{ "danger", "danger: [fire, none]",
	  "answers.yaml:1:9: error: danger: 'none' cannot be chosen together with other "
	  "answers\n" },
	{ "danger", "danger: none",
	  "answers.yaml:1:9: error: danger: expected a list of choice ids, such as [fire], not "
	  "'none'\n" },
	{ "danger", "danger: []",
	  "answers.yaml:1:9: error: danger: the list is empty; choose at least one answer\n" },
	{ "danger", "danger:\n  - fire\n  - flod",
	  "answers.yaml:3:5: error: danger: 'flod' is not one of the choices (fire, flood, none); "
	  "did you mean 'flood'?\n" },
	{ "danger", "danger: [none, none]",
	  "answers.yaml:1:16: error: danger: 'none' is listed twice\n" },
	{ "comment", "comment: [a]",
	  "answers.yaml:9:10: error: comment: expected text, not a list\n" },
	{ "comment", "comment: 123456789012345678901",
	  "answers.yaml:9:10: error: comment: the answer is 21 bytes long; the most is 20\n" },
	/* Terminal escapes written as YAML escapes are refused like typed ones (C0, DEL, C1). */
	{ "comment", "comment: \"a\\e[2Jb\"",
	  "answers.yaml:9:10: error: comment: the answer has a control character (U+001B) in it; "
	  "answers are plain text\n" },
	{ "comment", "comment: \"\\x9b31m\"",
	  "answers.yaml:9:10: error: comment: the answer has a control character (U+009B) in it; "
	  "answers are plain text\n" },
	{ "comment", "comment: \"tab\\there\"",
	  "answers.yaml:9:10: error: comment: the answer has a control character (U+0009) in it; "
	  "answers are plain text\n" },
	/* Keys and values of a bad file are never echoed raw in messages. */
	{ "zzzz", "\"zz\\e]0;pwned\\a\": 5",
	  "answers.yaml:9:1: error: zz\\x1B]0;pwned\\x07: no such question in engine-basic\n" },
	{ "trend", "trend: \"\\e[31mred\"",
	  "answers.yaml:5:8: error: trend: '\\x1B[31mred' is not one of the choices (better, same, "
	  "worse)\n" },
	{ NULL, "- pain\n",
	  "answers.yaml:1:1: error: expected a mapping of question ids to answers, such as "
	  "'danger: ...'\n" },
	{ "rest_days", "",
	  "answers.yaml:1:1: error: rest_days: no answer; this question is asked with these "
	  "answers, so it needs one\n" },
	{ "rest_days", "rest_days: null",
	  "answers.yaml:7:12: error: rest_days: no answer; this question is asked with these "
	  "answers, so it needs one\n" },
	{ NULL, "pain: 11\nhurts: yes\nsleep: -1\n",
	  "answers.yaml:1:7: error: pain: 11 is above the maximum of 10\n"
	  "answers.yaml:3:8: error: sleep: -1 is below the minimum of 0\n"
	  "answers.yaml:1:1: error: danger: no answer; this question is asked with these answers, "
	  "so it needs one\n"
	  "answers.yaml:1:1: error: trend: no answer; this question is asked with these answers, "
	  "so it needs one\n"
	  "answers.yaml:1:1: error: rest_days: no answer; this question is asked with these "
	  "answers, so it needs one\n"
	  "answers.yaml:1:1: error: pushing: no answer; this question is asked with these answers, "
	  "so it needs one\n" },
};

/* The answers file of case c (caller frees). */
static char *case_text(const struct error_case *c)
{
	if (c->key == NULL)
		return strdup(c->line);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	const char *p = VALID;
	bool replaced = false;
	size_t klen = strlen(c->key);
	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		if (strncmp(p, c->key, klen) == 0 && p[klen] == ':') {
			if (*c->line != '\0')
				fprintf(f, "%s\n", c->line);
			replaced = true;
		} else {
			fwrite(p, 1, (size_t)(nl - p) + 1, f);
		}
		p = nl + 1;
	}
	if (!replaced)
		fprintf(f, "%s\n", c->line);
	fclose(f);
	return buf;
}

static void test_answers_every_error_with_position(void **state)
{
	int failures = 0;
	for (size_t k = 0; k < sizeof error_cases / sizeof error_cases[0]; k++) {
		int rc;
		char *text = case_text(&error_cases[k]);
		char *got = load(*state, text, &rc, NULL);
		if (rc != -1 || strcmp(got, error_cases[k].diagnostics) != 0) {
			fprintf(stderr, "case %zu (%s): rc %d\n got:  %s want: %s", k, error_cases[k].line,
			        rc, got, error_cases[k].diagnostics);
			failures++;
		}
		free(got);
		free(text);
	}
	assert_int_equal(failures, 0);
}

/* A valid file fills the run; its text answer may be as long as max_length (20 bytes for
 * comment), one byte more is refused (error_cases). */
static void test_answers_valid_file_fills_the_run(void **state)
{
	const struct questionnaire *q = *state;
	static const char *const comments[][2] = {
		{ "\"all good\"", "all good" },
		{ "12345678901234567890", "12345678901234567890" },
	};
	for (size_t k = 0; k < 2; k++) {
		struct engine *e;
		int rc;
		char text[512];
		snprintf(text, sizeof text, "%scomment: %s\n", VALID, comments[k][0]);
		char *got = load(q, text, &rc, &e);
		assert_int_equal(rc, 0);
		assert_string_equal(got, "");
		assert_int_equal(engine_next(e), -1);
		const struct engine_result *r = engine_decide(e);
		assert_string_equal(q->outcomes[r->outcome].id, "rest");
		assert_int_equal(r->nwarnings, 0);
		struct value c = engine_answer(e, model_item(q, "comment")->index);
		assert_string_equal(c.u.str, comments[k][1]);
		assert_true(engine_answer(e, model_item(q, "sleep")->index).u.num == 6.5);
		free(got);
		engine_free(e);
	}
}

static void test_answers_optional_null_is_a_skip(void **state)
{
	const struct questionnaire *q = *state;
	struct engine *e;
	int rc;
	char *got = load(q, VALID "comment: null\n", &rc, &e);
	assert_int_equal(rc, 0);
	assert_string_equal(got, "");
	assert_true(engine_is_skipped(e, model_item(q, "comment")->index));
	free(got);
	engine_free(e);
}

static void test_answers_not_asked_is_ignored_with_a_warning(void **state)
{
	const struct questionnaire *q = *state;
	struct engine *e;
	int rc;
	char *got = load(q, "danger: [none]\nhurts: no\npain: 4\ntrend: same\nsleep: 7\n"
	                 "rest_days: 1\npushing: no\n", &rc, &e);
	assert_int_equal(rc, 0);
	assert_string_equal(got, "answers.yaml:3:1: warning: pain: answer ignored: this question "
	                    "is not asked with these answers\n");
	assert_false(engine_is_answered(e, model_item(q, "pain")->index));
	const struct engine_result *r = engine_decide(e);
	assert_int_equal(r->nwarnings, 1);
	assert_string_equal(r->warnings[0], "pain: answer ignored: this question is not asked with "
	                    "these answers");
	free(got);
	engine_free(e);
}

static void test_answers_after_a_stop_are_ignored(void **state)
{
	const struct questionnaire *q = *state;
	struct engine *e;
	int rc;
	char *got = load(q, "danger: [flood]\nhurts: no\ntrend: same\n", &rc, &e);
	assert_int_equal(rc, 0);
	assert_string_equal(got,
	    "answers.yaml:2:1: warning: hurts: answer ignored: the questions stopped before this "
	    "one (rule danger_now matched)\n"
	    "answers.yaml:3:1: warning: trend: answer ignored: the questions stopped before this "
	    "one (rule danger_now matched)\n");
	const struct engine_result *r = engine_decide(e);
	assert_string_equal(q->outcomes[r->outcome].id, "emergency");
	assert_int_equal(r->nwarnings, 2);
	free(got);
	engine_free(e);
}

static void test_answers_yaml_errors_keep_their_position(void **state)
{
	int rc;
	char *got = load(*state, "pain: [1,\n", &rc, NULL);
	assert_int_equal(rc, -1);
	assert_non_null(strstr(got, "answers.yaml:"));
	assert_non_null(strstr(got, ": error: "));
	free(got);
}

static void test_answers_unreadable_file(void **state)
{
	struct engine *e = engine_new(*state, 0);
	struct diag *d = diag_new();
	int unreadable = 0;
	assert_int_equal(answers_load_file(e, "tests/data/engine/no-such-file.yaml", d,
	                                   &unreadable), -1);
	assert_int_equal(unreadable, 1);
	assert_int_equal(diag_errors(d), 1);
	diag_free(d);
	engine_free(e);
}

/* A choice that is not offered with the answers before it, and an answer that breaks its
 * item's check, are refused at the value's position with the exact message; an answer that
 * fits is accepted (tests/data/engine/alerts.yaml). */
static void test_answers_choice_when_and_check(void **state)
{
	(void)state;
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_file("tests/data/engine/alerts.yaml", d, NULL);
	diag_free(d);
	assert_non_null(q);
	static const char rest[] = "weeks: 1\nsleep: 7\ntraining: easy\n";
	char text[512];
	snprintf(text, sizeof text, "age: 10\nsigns: [none]\nunsure: no\npregnancy: pregnant\n"
	         "pain_now: 6\npain_worst:  4\n%s", rest);
	int rc;
	char *out = load(q, text, &rc, NULL);
	assert_int_equal(rc, -1);
	assert_string_equal(out,
		"answers.yaml:4:12: error: pregnancy: 'pregnant' is not offered with these answers\n"
		"answers.yaml:6:14: error: pain_worst: Your worst pain cannot be lower than your pain "
		"now (6).\n");
	free(out);
	snprintf(text, sizeof text, "age: 30\nsigns: [none]\nunsure: no\npregnancy: pregnant\n"
	         "pain_now: 6\npain_worst: 6\n%s", rest);
	struct engine *e;
	out = load(q, text, &rc, &e);
	assert_int_equal(rc, 0);
	assert_string_equal(out, "");
	assert_int_equal(engine_answer(e, model_item(q, "pregnancy")->index).u.choice, 1);
	free(out);
	engine_free(e);
	questionnaire_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_answers_every_error_with_position),
		cmocka_unit_test(test_answers_valid_file_fills_the_run),
		cmocka_unit_test(test_answers_optional_null_is_a_skip),
		cmocka_unit_test(test_answers_not_asked_is_ignored_with_a_warning),
		cmocka_unit_test(test_answers_after_a_stop_are_ignored),
		cmocka_unit_test(test_answers_yaml_errors_keep_their_position),
		cmocka_unit_test(test_answers_unreadable_file),
		cmocka_unit_test(test_answers_choice_when_and_check),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
