/*
 * test_verify.c - `backcheck verify`: each check on a small questionnaire (tests/data/verify/
 * base.yaml.in) and on variants of it with one mistake each, every counter-example replayed
 * through `backcheck run --answers`; the conflicts key; and verify on every shipped
 * questionnaire through the real binary ($BUILD/backcheck).
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
#include <glob.h>
#include <unistd.h>

#include "diag.h"
#include "loader.h"
#include "model.h"
#include "verify.h"

#define BASE "tests/data/verify/base.yaml.in"

/* The base questionnaire with the line holding marker (if any) replaced by with, written to a
 * new temporary file whose path goes to path (PATH_MAX bytes). */
static void write_variant(const char *marker, const char *with, char *path)
{
	char *text = tl_slurp(BASE, NULL);
	assert_non_null(text);
	strcpy(path, "/tmp/backcheck-verify-XXXXXX.yaml");
	int fd = mkstemps(path, 5);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_non_null(f);
	for (char *p = text; *p;) {
		char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		char *hit = marker ? strstr(p, marker) : NULL;
		if (hit != NULL && hit < p + n)
			fprintf(f, "%s\n", with);
		else
			fprintf(f, "%.*s\n", (int)n, p);
		p += n + (nl != NULL);
	}
	fclose(f);
	free(text);
}

struct run {
	int status;
	char *out;
	struct verify_summary sum;
	char *dir;
};

/* Verifies a variant in this process, counter-examples to a new folder. */
static struct run verify_variant(const char *marker, const char *with)
{
	char path[4096];
	write_variant(marker, with, path);
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_file(path, d, NULL);
	if (q == NULL)
		diag_print(d, stderr);
	assert_non_null(q);
	struct run r = { 0 };
	r.dir = tl_temp_dir("backcheck-verify-ce");
	struct verify_opts o = { .outdir = r.dir };
	size_t len = 0;
	FILE *out = open_memstream(&r.out, &len);
	r.status = verify_run(q, &o, out, &r.sum);
	fclose(out);
	questionnaire_free(q);
	diag_free(d);
	unlink(path);
	return r;
}

static void run_free(struct run *r)
{
	tl_rm_tree(r->dir);
	free(r->out);
}

/* The id of the outcome `backcheck run` gives for the answers file answers on the
 * questionnaire file q ("" when its JSON result names none). The caller frees it. */
static char *outcome_of(const char *q, const char *answers)
{
	struct tl_run r = tl_run((const char *const[]){ "run", "-q", q, "--answers", answers,
	                                                "--format", "json", NULL }, NULL);
	static const char key[] = "\n  \"outcome\": {\n    \"id\": \"";
	const char *at = strstr(r.out, key);
	char *id = strdup(at != NULL ? at + sizeof key - 1 : "");
	id[strcspn(id, "\"")] = '\0';
	tl_run_free(&r);
	return id;
}

/* The outcome `backcheck run` gives for the counter-example file name in r's folder, replayed
 * on the same variant of the questionnaire. */
static char *replay(struct run *r, const char *marker, const char *with, const char *name)
{
	char path[4096], answers[4096];
	write_variant(marker, with, path);
	snprintf(answers, sizeof answers, "%s/%s.yaml", r->dir, name);
	char *id = outcome_of(path, answers);
	unlink(path);
	return id;
}

/* Runs the program bin (NULL: the binary) with args; checks its exit status and returns its
 * standard output (the caller frees it). */
static char *run_status(const char *bin, const char *const *args, int status)
{
	struct tl_run r = tl_run(args, &(struct tl_run_opts){ .bin = bin });
	if (r.status != status)
		fail_msg("%s: exit %d, expected %d\n%s%s", args[0], r.status, status, r.out, r.err);
	free(r.err);
	return r.out;
}

static void test_verify_base_holds(void **state)
{
	(void)state;
	struct run r = verify_variant(NULL, NULL);
	assert_int_equal(r.status, 0);
	assert_int_equal(r.sum.failed, 0);
	assert_int_equal(r.sum.checks, 24);
	assert_int_equal(r.sum.sampled, 0);
	assert_non_null(strstr(r.out, "ok      property twelve_weeks_assessment holds ("));
	assert_non_null(strstr(r.out, "ok      rule older_long can decide ("));
	assert_non_null(strstr(r.out, "ok      outcome rest is reachable (by flare)\n"));
	assert_non_null(strstr(r.out, "ok      item rested can be asked ("));
	assert_non_null(strstr(r.out, "ok      advice move_more can appear ("));
	assert_non_null(strstr(r.out, "ok      choice none of signs is exclusive ("));
	assert_non_null(strstr(r.out, "ok      alert text: no result at severity 4 or above"));
	assert_null(strstr(r.out, "FAILED"));
	run_free(&r);
}

/* `>= 12` made `> 12`: 12 weeks no longer gives an assessment, and the counter-example is
 * exactly 12 weeks. */
static void test_verify_threshold_off_by_one(void **state)
{
	(void)state;
	const char *m = "#LONG", *w = "    when: weeks > 12";
	struct run r = verify_variant(m, w);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.out, "FAILED  property twelve_weeks_assessment: these answers "
	                              "give "));
	char *ce = NULL, path[4096];
	snprintf(path, sizeof path, "%s/property-twelve_weeks_assessment.yaml", r.dir);
	ce = tl_slurp(path, NULL);
	assert_non_null(ce);
	assert_non_null(strstr(ce, "\nweeks: 12\n"));
	char *outcome = replay(&r, m, w, "property-twelve_weeks_assessment");
	assert_true(strcmp(outcome, "rest") == 0 || strcmp(outcome, "active") == 0);
	free(outcome);
	free(ce);
	run_free(&r);
}

/* The rest guard dropped: rest after 3 days of rest, shown and replayed. */
static void test_verify_rest_guard_removed(void **state)
{
	(void)state;
	const char *m = "#FLARE", *w = "    when: pain >= 7";
	struct run r = verify_variant(m, w);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.out, "FAILED  property no_rest_after_rest: these answers give "
	                              "rest (decided by flare)\n"));
	char *outcome = replay(&r, m, w, "property-no_rest_after_rest");
	assert_string_equal(outcome, "rest");
	free(outcome);
	run_free(&r);
}

/* A rule that can never decide names the rule that shadows it. */
static void test_verify_shadowed_rule(void **state)
{
	(void)state;
	struct run r = verify_variant("#OLDER", "    when: age - weeks / 52 >= 45 and weeks >= 20");
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.out, "FAILED  rule older_long can never decide: shadowed by "
	                              "long\n"));
	run_free(&r);
}

static void test_verify_rule_never_holds(void **state)
{
	(void)state;
	struct run r = verify_variant("#OLDER", "    when: weeks > 600");
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.out, "FAILED  rule older_long can never decide: its condition "
	                              "never holds\n"));
	run_free(&r);
}

/* A property wider than the rules: the counter-example replays to an outcome it excludes. */
static void test_verify_property_too_wide(void **state)
{
	(void)state;
	const char *m = "#WEAK", *w = "    given: weak or pain >= 9";
	struct run r = verify_variant(m, w);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.out, "FAILED  property weak_gives_urgent: these answers give "));
	char *outcome = replay(&r, m, w, "property-weak_gives_urgent");
	assert_true(strcmp(outcome, "emergency") != 0 && strcmp(outcome, "urgent") != 0);
	free(outcome);
	run_free(&r);
}

/* Two notes declared in conflict made able to meet. */
static void test_verify_conflict_found(void **state)
{
	(void)state;
	const char *m = "#CONFLICTS", *w = "conflicts:\n  - [rest_more, move_more]";
	struct run ok = verify_variant(m, w);
	assert_int_equal(ok.status, 0);
	assert_non_null(strstr(ok.out, "ok      conflict rest_more / move_more: never together ("));
	run_free(&ok);
	char path[4096];
	write_variant(m, w, path);
	char *text = tl_slurp(path, NULL);
	unlink(path);
	char *at = strstr(text, "outcome == active and pain >= 1");
	assert_non_null(at);
	memcpy(at, "outcome != urgent and pain >= 1", 31);
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	free(text);
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_file(path, d, NULL);
	assert_non_null(q);
	char *dir = tl_temp_dir("backcheck-verify-ce");
	struct verify_opts o = { .outdir = dir };
	struct verify_summary sum;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_int_equal(verify_run(q, &o, out, &sum), 1);
	fclose(out);
	assert_non_null(strstr(buf, "FAILED  conflict rest_more / move_more: both notes appear "
	                            "for these answers\n"));
	char answers[4096];
	snprintf(answers, sizeof answers, "%s/conflict-rest_more-move_more.yaml", dir);
	char *json = run_status(NULL, (const char *const[]){ "run", "-q", path, "--answers",
	                                                     answers, "--format", "json", NULL }, 0);
	assert_non_null(strstr(json, "\"rest_more\""));
	assert_non_null(strstr(json, "\"move_more\""));
	free(json);
	free(buf);
	questionnaire_free(q);
	diag_free(d);
	unlink(path);
	tl_rm_tree(dir);
}

/* A `when` that can never hold: the item is never asked, its advice never appears. */
static void test_verify_unreachable_item_and_advice(void **state)
{
	(void)state;
	struct run r = verify_variant("#MOVE", "    when: outcome == active and pain >= 11");
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.out, "FAILED  advice move_more never appears\n"));
	run_free(&r);
}

/* "none of these" no longer exclusive: verify finds it given with a sign, and the
 * counter-example replays on the variant but is refused by the base questionnaire. */
static void test_verify_none_not_exclusive(void **state)
{
	(void)state;
	const char *m = "{id: none,", *w = "          - {id: none, label: none of these}";
	struct run r = verify_variant(m, w);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.out, "FAILED  choice none of signs is not exclusive: these answers "
	                              "give it with chest\n"));
	char path[4096];
	snprintf(path, sizeof path, "%s/exclusive-signs.yaml", r.dir);
	char *ce = tl_slurp(path, NULL);
	assert_non_null(ce);
	assert_non_null(strstr(ce, "\nsigns: [chest, none]\n"));
	free(ce);
	char *outcome = replay(&r, m, w, "exclusive-signs");
	assert_string_equal(outcome, "emergency");
	free(outcome);
	struct tl_run base = tl_run((const char *const[]){ "run", "-q", BASE, "--answers", path,
	                                                   NULL }, NULL);
	assert_int_equal(base.status, 65);
	assert_non_null(strstr(base.err, "signs: 'none' cannot be chosen together with other "
	                                 "answers"));
	tl_run_free(&base);
	run_free(&r);
}

/* Loads the base questionnaire with one line changed (NULL: as it is); *path keeps the file. */
static struct questionnaire *load_variant(const char *marker, const char *with, char *path)
{
	write_variant(marker, with, path);
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_file(path, d, NULL);
	diag_free(d);
	assert_non_null(q);
	return q;
}

/* verify_compare: `weeks > 11` for `weeks >= 12` changes nothing (whole weeks); `weeks > 12`
 * changes the outcome at 12 weeks, and the counter-example shows it on both versions. */
static void test_verify_against(void **state)
{
	(void)state;
	char old_path[4096], new_path[4096], *dir = tl_temp_dir("backcheck-verify-ce");
	struct questionnaire *old = load_variant(NULL, NULL, old_path);
	struct questionnaire *same = load_variant("#LONG", "    when: weeks > 11", new_path);
	struct verify_summary sum;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct verify_opts o = { .outdir = dir };
	assert_int_equal(verify_compare(old, same, &o, out, &sum), 0);
	fclose(out);
	assert_non_null(strstr(buf, "ok      same outcome as "));
	assert_int_equal(sum.failed, 0);
	free(buf);
	questionnaire_free(same);
	unlink(new_path);
	struct questionnaire *later = load_variant("#LONG", "    when: weeks > 12", new_path);
	out = open_memstream(&buf, &len);
	assert_int_equal(verify_compare(old, later, &o, out, &sum), 1);
	fclose(out);
	assert_non_null(strstr(buf, "FAILED  outcome differs from "));
	assert_non_null(strstr(buf, "gives assessment (decided by long).\n"));
	free(buf);
	char against[4096];
	snprintf(against, sizeof against, "%s/against.yaml", dir);
	char *a = outcome_of(new_path, against), *b = outcome_of(old_path, against);
	assert_string_equal(b, "assessment");
	assert_string_not_equal(a, b);
	free(a);
	free(b);
	questionnaire_free(later);
	questionnaire_free(old);
	unlink(new_path);
	unlink(old_path);
	tl_rm_tree(dir);
}

/* Versions with different questions are not compared; --first stops at the first failure. */
static void test_verify_against_cli(void **state)
{
	(void)state;
	char *out = run_status(NULL, (const char *const[]){ "verify", "--against",
	                                                    "questionnaires/example.yaml",
	                                                    "questionnaires/back-recovery.yaml",
	                                                    NULL }, 65);
	assert_non_null(strstr(out, "FAILED  cannot compare with questionnaires/example.yaml: "));
	free(out);
	char path[4096];
	write_variant("#LONG", "    when: weeks > 12", path);
	out = run_status(NULL, (const char *const[]){ "verify", "--first", path, NULL }, 65);
	assert_non_null(strstr(out, "FAILED  property twelve_weeks_assessment: "));
	assert_null(strstr(out, "ok      rule "));
	assert_non_null(strstr(out, "; stopped at the first that failed\n"));
	free(out);
	unlink(path);
}

/* Every shipped questionnaire passes every check, through the real binary, and the default
 * one (the slowest) in under a minute of this test. */
static void test_verify_shipped_questionnaires(void **state)
{
	(void)state;
	glob_t g;
	assert_int_equal(glob("questionnaires/*.yaml", 0, NULL, &g), 0);
	bool is_default_verified = false;
	for (size_t k = 0; k < g.gl_pathc; k++) {
		char *out = run_status(NULL, (const char *const[]){ "verify", g.gl_pathv[k], NULL }, 0);
		if (strstr(out, "FAILED") != NULL)
			fail_msg("%s:\n%s", g.gl_pathv[k], out);
		is_default_verified |= strstr(out, "Verifying back-recovery ") != NULL;
		free(out);
	}
	globfree(&g);
	assert_true(is_default_verified);
}

/* Its options and arguments refused with their messages (on standard error). */
static void test_verify_cli(void **state)
{
	(void)state;
	static const struct {
		const char *args[3];
		int status;
		const char *err;
	} cases[] = {
		{ { "verify", "--bogus" }, 64, "" },
		{ { "verify", "no-such-questionnaire" }, 66,
		  "backcheck verify: no questionnaire called 'no-such-questionnaire'" },
		{ { "verify", "tests/data/broken/conflicts-bad.yaml" }, 65, "" },
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		struct tl_run r = tl_run(cases[k].args, NULL);
		assert_int_equal(r.status, cases[k].status);
		assert_non_null(strstr(r.err, cases[k].err));
		tl_run_free(&r);
	}
}

/* Every test, script and property the hazard log names as evidence exists. */
static void test_verify_hazard_log_names_existing_tests(void **state)
{
	(void)state;
	char *out = run_status("tests/check-hazard-log", (const char *const[]){ NULL }, 0);
	assert_non_null(strstr(out, " missing"));
	free(out);
}

/* The negative control: a hazard log naming a test that does not exist, and a control that
 * names no evidence, fails the check with both named. */
static void test_verify_hazard_log_check_catches_a_wrong_name(void **state)
{
	(void)state;
	char *log = tl_slurp("docs/safety/hazard-log.md", NULL);
	assert_non_null(log);
	char *at = strstr(log, "test_verify_rest_guard_removed`");
	assert_non_null(at);
	memcpy(at, "test_verify_rest_guard_remove_`", 31);
	at = strstr(log, "Evidence:\n     `tests/test_vignettes.c: test_vignettes_v1_answers_file_is_refused`");
	assert_non_null(at);
	memset(at, ' ', strlen("Evidence:\n     `tests/test_vignettes.c: "
	                       "test_vignettes_v1_answers_file_is_refused`"));
	char path[] = "/tmp/backcheck-hazard-log-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	fputs(log, f);
	fclose(f);
	free(log);
	char *out = run_status("tests/check-hazard-log", (const char *const[]){ path, NULL }, 1);
	assert_non_null(strstr(out, " names tests/test_verify.c: test_verify_rest_guard_remove_, "
	                            "which does not exist\n"));
	assert_non_null(strstr(out, ": H07 control 1. names no test, script or verify check\n"));
	assert_non_null(strstr(out, ", 2 missing\n"));
	free(out);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verify_base_holds),
		cmocka_unit_test(test_verify_threshold_off_by_one),
		cmocka_unit_test(test_verify_rest_guard_removed),
		cmocka_unit_test(test_verify_shadowed_rule),
		cmocka_unit_test(test_verify_rule_never_holds),
		cmocka_unit_test(test_verify_property_too_wide),
		cmocka_unit_test(test_verify_conflict_found),
		cmocka_unit_test(test_verify_unreachable_item_and_advice),
		cmocka_unit_test(test_verify_none_not_exclusive),
		cmocka_unit_test(test_verify_against),
		cmocka_unit_test(test_verify_against_cli),
		cmocka_unit_test(test_verify_cli),
		cmocka_unit_test(test_verify_hazard_log_names_existing_tests),
		cmocka_unit_test(test_verify_hazard_log_check_catches_a_wrong_name),
		cmocka_unit_test(test_verify_shipped_questionnaires),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
