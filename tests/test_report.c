/*
 * test_report.c - the clinician's summary, the printable pages and FHIR (report.c,
 * report_clinician.c, doc.c, render_fhir.c, expr_terms.c) on the fixture questionnaires in
 * tests/data/intake/, so that they do not move with the default questionnaire's content:
 * the summary's exact text, escaping of every field in HTML and Markdown, revised answers,
 * the Bundle's content against the JSON result, enableWhen, and the change and trend since
 * saved checks through the real binary.
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
#include <unistd.h>

#include "answers.h"
#include "diag.h"
#include "engine.h"
#include "loader.h"
#include "model.h"
#include "render.h"
#include "store.h"

#define CLINIC "tests/data/intake/clinic.yaml"
#define HOSTILE "tests/data/intake/hostile.yaml"

static const char urgent_answers[] =
	"age: 40\nred: [none]\nred_unsure: true\nunsure: [chest]\nweak: true\nweeks: 8\n"
	"trend: same\nnow: 6\nrelief: no_help\nstiff_minutes: 30\n"
	"activity: \"Lifting my <script>alert('x')</script> & \\\"kids\\\"\"\n"
	"activity_score: 4\n"
	"words: \"It hurts <b>a lot</b> & I'm \\\"worried\\\" | *really* #1\"\n";

struct run {
	struct questionnaire *q;
	struct engine *e;
	const struct engine_result *r;
};

static void run_open(struct run *run, const char *path, const char *answers)
{
	setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
	setenv("TZ", "UTC", 1);
	tzset();
	struct diag *d = diag_new();
	run->q = loader_load_file(path, d, NULL);
	assert_non_null(run->q);
	run->e = engine_new(run->q, 0);
	assert_int_equal(answers_load_string(run->e, "answers.yaml", answers, strlen(answers), d), 0);
	diag_free(d);
	run->r = engine_decide(run->e);
}

static void run_close(struct run *run)
{
	engine_free(run->e);
	questionnaire_free(run->q);
}

/* The output of render_result() as a string; caller frees. */
static char *output(struct run *run, enum render_format f, enum render_audience who,
                    const struct render_context *ctx)
{
	char *s = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&s, &len);
	assert_non_null(m);
	assert_int_equal(render_result(m, run->e, run->r, f, who, ctx, 80), 0);
	fclose(m);
	return s;
}

static void test_report_summary_text_is_exact(void **state)
{
	(void)state;
	struct run run;
	run_open(&run, CLINIC, urgent_answers);
	struct render_context ctx = { .subject = "P-7", .patient = "Ann Smith" };
	char *got = output(&run, RENDER_TEXT, RENDER_FOR_CLINICIAN, &ctx);
	char *want = tl_read("tests/data/intake/summary.txt");
	assert_string_equal(got, want);
	free(got);
	free(want);
	run_close(&run);
}

/* Positive, unsure, negative and not asked, read from the questionnaire's alert rules. */
static void test_report_signs_table_statuses(void **state)
{
	(void)state;
	struct run run;
	run_open(&run, CLINIC, "age: 40\nred: [numb]\nweak: false\nweeks: 1\ntrend: better\n"
	                       "now: 2\nstiff_minutes: 5\n");
	char *got = output(&run, RENDER_MARKDOWN, RENDER_FOR_CLINICIAN, NULL);
	assert_non_null(strstr(got, "| **Positive** | **numb** |\n"));
	assert_non_null(strstr(got, "| Unsure | none |\n"));
	assert_non_null(strstr(got, "| Negative | chest, weak |\n"));
	assert_non_null(strstr(got, "| Not asked | none |\n"));
	assert_non_null(strstr(got, "| **red\\_now (deciding)** | **emergency** | **red numb** |\n"));
	assert_non_null(strstr(got, "# ⚠ Clinician's summary: Get help now\n"));
	free(got);
	run_close(&run);
}

static void assert_no_markup(const char *html)
{
	const char *bad[] = { "<script", "<b>", "<i>", "<u>", "<em>", "<score>", "alert('x')",
	                      "& \"", "& '" };
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
		if (strstr(html, bad[k]) != NULL)
			fail_msg("unescaped '%s' in the page", bad[k]);
}

/* Every text: the questionnaire's, the answers (own words too), the patient line. */
static void test_report_html_escapes_every_field(void **state)
{
	(void)state;
	struct run run;
	run_open(&run, HOSTILE, urgent_answers);
	struct render_context ctx = { .subject = "<script>id</script>",
	                              .patient = "Zoë <i>O'Brien</i> & \"co\"" };
	for (int who = RENDER_FOR_PERSON; who <= RENDER_FOR_CLINICIAN; who++) {
		char *html = output(&run, RENDER_HTML, (enum render_audience)who, &ctx);
		assert_no_markup(html);
		assert_non_null(strstr(html, "<title>See a &lt;script&gt;doctor&lt;/script&gt; &amp; "
		                             "&#39;today&#39;</title>"));
		assert_non_null(strstr(html, "It hurts &lt;b&gt;a lot&lt;/b&gt; &amp; I&#39;m "
		                             "&quot;worried&quot; | *really* #1"));
		if (who == RENDER_FOR_CLINICIAN)
			assert_non_null(strstr(html, "Zoë &lt;i&gt;O&#39;Brien&lt;/i&gt; &amp; &quot;co&quot; "
			                             "(id &lt;script&gt;id&lt;/script&gt;)"));
		else
			assert_non_null(strstr(html, "Weeks of &lt;b&gt;pain&lt;/b&gt; &amp; &quot;aches&quot;?"));
		free(html);
		char *md = output(&run, RENDER_MARKDOWN, (enum render_audience)who, &ctx);
		for (const char *p = md; (p = strchr(p, '<')) != NULL; p++)
			assert_true(p > md && p[-1] == '\\');
		assert_non_null(strstr(md, "It hurts \\<b\\>a lot\\</b\\> \\& I'm \"worried\" \\| "
		                           "\\*really\\* \\#1"));
		free(md);
	}
	run_close(&run);
}

static void test_report_revised_answers_are_marked(void **state)
{
	(void)state;
	struct run run;
	run_open(&run, CLINIC, "age: 40\nred: [none]\nred_unsure: false\nweak: false\nweeks: 1\n"
	                       "trend: better\nnow: 2\nstiff_minutes: 5\n");
	const struct item *now = model_item(run.q, "now");
	assert_int_equal(engine_set(run.e, now->index, value_num(3)), 0);
	run.r = engine_decide(run.e);
	char *md = output(&run, RENDER_MARKDOWN, RENDER_FOR_PERSON, NULL);
	assert_non_null(strstr(md, "- **Pain now?** 3 *(changed during the check)*\n"));
	assert_non_null(strstr(md, "- **Weeks of pain?** 1 weeks\n"));
	free(md);
	char *txt = output(&run, RENDER_TEXT, RENDER_FOR_CLINICIAN, NULL);
	assert_non_null(strstr(txt, "now 3 (revised)"));
	free(txt);
	run_close(&run);
}

static json_t *parse(const char *s)
{
	json_error_t err;
	json_t *j = json_loads(s, JSON_REJECT_DUPLICATES, &err);
	if (j == NULL)
		fail_msg("not JSON: %s at %d:%d", err.text, err.line, err.column);
	return j;
}

/* The answered items' linkIds, in order. */
static void assert_link_ids(json_t *qr, const char *const *want, size_t n)
{
	size_t k;
	json_t *it;
	assert_int_equal(json_array_size(json_object_get(qr, "item")), n);
	json_array_foreach(json_object_get(qr, "item"), k, it)
		assert_string_equal(json_string_value(json_object_get(it, "linkId")), want[k]);
}

static void test_fhir_bundle_matches_the_json_result(void **state)
{
	(void)state;
	struct run run;
	run_open(&run, CLINIC, urgent_answers);
	struct render_context ctx = { .subject = "P-7", .patient = "Ann Smith" };
	char *s = output(&run, RENDER_FHIR, RENDER_FOR_CLINICIAN, &ctx);
	char *js = output(&run, RENDER_JSON, RENDER_FOR_PERSON, NULL);
	json_t *b = parse(s), *res = parse(js);
	assert_string_equal(json_string_value(json_object_get(b, "type")), "collection");
	json_t *entries = json_object_get(b, "entry");
	assert_int_equal(json_array_size(entries), 4);
	json_t *qr = json_object_get(json_array_get(entries, 0), "resource");
	assert_string_equal(json_string_value(json_object_get(qr, "status")), "completed");
	assert_string_equal(json_string_value(json_object_get(qr, "questionnaire")),
	                    "https://backcheck.example.org/test/clinic-test|0.3.0");
	assert_string_equal(json_string_value(json_object_get(qr, "authored")),
	                    "2026-01-01T00:00:00+00:00");
	assert_string_equal(json_string_value(json_object_get(json_object_get(
		json_object_get(qr, "subject"), "identifier"), "value")), "P-7");
	const char *const ids[] = { "age", "red", "red_unsure", "unsure", "weak", "weeks", "trend",
	                            "now", "relief", "stiff_minutes", "activity",
	                            "activity_score", "words" };
	assert_link_ids(qr, ids, sizeof ids / sizeof ids[0]);
	const char *url = json_string_value(json_object_get(json_array_get(entries, 0), "fullUrl"));
	const char *const scores[] = { "pain_score", "time_score" };
	for (size_t k = 0; k < 2; k++) {
		json_t *o = json_object_get(json_array_get(entries, k + 1), "resource");
		json_t *code = json_array_get(json_object_get(json_object_get(o, "code"), "coding"), 0);
		assert_string_equal(json_string_value(json_object_get(code, "code")), scores[k]);
		assert_true(json_number_value(json_object_get(json_object_get(o, "valueQuantity"),
		            "value")) == json_number_value(json_object_get(json_object_get(res,
		            "scores"), scores[k])));
		json_t *from = json_array_get(json_object_get(o, "derivedFrom"), 0);
		assert_string_equal(json_string_value(json_object_get(from, "reference")), url);
	}
	json_t *oc = json_object_get(json_array_get(entries, 3), "resource");
	json_t *v = json_array_get(json_object_get(json_object_get(oc, "valueCodeableConcept"),
	                                           "coding"), 0);
	assert_string_equal(json_string_value(json_object_get(v, "code")), "urgent");
	json_decref(b);
	json_decref(res);
	free(s);
	free(js);
	run_close(&run);
}

/* A run of CLINIC stopped after its first answer (age 30): most scores cannot be worked out. */
static void open_unfinished(struct run *run)
{
	setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
	struct diag *d = diag_new();
	run->q = loader_load_file(CLINIC, d, NULL);
	diag_free(d);
	run->e = engine_new(run->q, 0);
	assert_int_equal(engine_set(run->e, model_item(run->q, "age")->index, value_num(30)), 0);
	run->r = engine_decide(run->e);
}

static void test_fhir_unfinished_run_is_in_progress(void **state)
{
	(void)state;
	struct run run;
	open_unfinished(&run);
	char *s = output(&run, RENDER_FHIR, RENDER_FOR_PERSON, NULL);
	json_t *b = parse(s);
	json_t *qr = json_object_get(json_array_get(json_object_get(b, "entry"), 0), "resource");
	assert_string_equal(json_string_value(json_object_get(qr, "status")), "in-progress");
	assert_null(json_object_get(qr, "subject"));
	const char *const ids[] = { "age" };
	assert_link_ids(qr, ids, 1);
	json_decref(b);
	free(s);
	run_close(&run);
}

/* A check that ended before its score could be worked out shows "not worked out" in the
 * trend, never a made-up 0 (before: "now 0"). */
static void test_report_trend_of_an_unfinished_check_invents_no_score(void **state)
{
	(void)state;
	struct run run;
	open_unfinished(&run);
	struct store_score was = { .id = "pain_score", .title = "Pain score", .value = 40 };
	struct store_record rec = { .id = "20251231-090000-1", .file = "r.yaml",
	                            .generated_at = "2025-12-31T09:00:00+00:00",
	                            .questionnaire_id = "clinic", .outcome_id = "self_care",
	                            .scores = &was, .nscores = 1 };
	struct render_context ctx = { .history = &rec, .nhistory = 1 };
	char *s = output(&run, RENDER_TEXT, RENDER_FOR_CLINICIAN, &ctx);
	assert_non_null(strstr(s, "40, now not worked out (higher is worse)"));
	assert_null(strstr(s, "now 0"));
	free(s);
	run_close(&run);
}

/* The item called id in an exported Questionnaire. */
static json_t *q_item(json_t *q, const char *id)
{
	size_t k;
	json_t *it;
	json_array_foreach(json_object_get(q, "item"), k, it)
		if (strcmp(json_string_value(json_object_get(it, "linkId")), id) == 0)
			return it;
	fail_msg("no item %s", id);
	return NULL;
}

static void test_fhir_questionnaire_conditions(void **state)
{
	(void)state;
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_file(CLINIC, d, NULL);
	diag_free(d);
	char *s = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&s, &len);
	assert_int_equal(render_fhir_questionnaire(m, q, 0), 0);
	fclose(m);
	json_t *j = parse(s);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "draft");
	assert_string_equal(json_string_value(json_object_get(j, "version")), "0.3.0");
	assert_string_equal(json_string_value(json_object_get(j, "language")), "en");
	char *w = json_dumps(json_object_get(q_item(j, "unsure"), "enableWhen"), JSON_COMPACT);
	assert_string_equal(w, "[{\"question\":\"red_unsure\",\"operator\":\"=\",\"answerBoolean\":true}]");
	free(w);
	json_t *relief = q_item(j, "relief");
	assert_string_equal(json_string_value(json_object_get(relief, "enableBehavior")), "all");
	w = json_dumps(json_object_get(relief, "enableWhen"), JSON_COMPACT);
	assert_string_equal(w, "[{\"question\":\"now\",\"operator\":\">=\",\"answerInteger\":5},"
	                    "{\"question\":\"trend\",\"operator\":\"!=\",\"answerCoding\":{\"system\":"
	                    "\"https://backcheck.example.org/test/clinic-test/trend\",\"code\":"
	                    "\"better\",\"display\":\"better\"}}]");
	free(w);
	w = json_dumps(json_object_get(q_item(j, "activity_score"), "enableWhen"), JSON_COMPACT);
	assert_string_equal(w, "[{\"question\":\"activity\",\"operator\":\"exists\",\"answerBoolean\":true}]");
	free(w);
	json_t *ext = json_array_get(json_object_get(q_item(j, "stiff_minutes"), "extension"), 0);
	assert_string_equal(json_string_value(json_object_get(ext, "valueString")),
	                    "age - weeks / 52 < 45 or now > 8");
	assert_null(json_object_get(q_item(j, "stiff_minutes"), "enableWhen"));
	ext = json_array_get(json_object_get(q_item(j, "red_unsure"), "extension"), 0);
	assert_string_equal(json_string_value(json_object_get(ext, "valueString")), "red == [none]");
	assert_true(json_is_true(json_object_get(q_item(j, "red"), "repeats")));
	json_decref(j);
	free(s);
	questionnaire_free(q);
}

/* --- Through the binary: the change since the previous saved check and the trend ----------- */

/* Runs the binary with args in the environment env (NULL-terminated "NAME=VALUE"); checks
 * its exit status and returns its standard output (the caller frees it). */
static char *run_ok(const char *const *args, const char *const *env, int status)
{
	struct tl_run r = tl_run(args, &(struct tl_run_opts){ .env = env });
	if (r.status != status)
		fail_msg("backcheck %s: exit %d, expected %d: %s", args[0], r.status, status, r.err);
	free(r.err);
	return r.out;
}

static void test_report_since_previous_and_trend(void **state)
{
	(void)state;
	char *dir = tl_temp_dir("backcheck-report");
	char a1[300], a2[300], path[300];
	snprintf(a1, sizeof a1, "%s/a1.yaml", dir);
	snprintf(a2, sizeof a2, "%s/a2.yaml", dir);
	static const char t1[] = "age: 40\nred: [none]\nred_unsure: false\nweak: false\nweeks: 8\n"
	                         "trend: same\nnow: 6\nrelief: helps\nstiff_minutes: 10\n";
	static const char t2[] = "age: 40\nred: [none]\nred_unsure: false\nweak: false\nweeks: 9\n"
	                         "trend: better\nnow: 3\nstiff_minutes: 10\n";
	tl_write(a1, t1, sizeof t1 - 1);
	tl_write(a2, t2, sizeof t2 - 1);
	const char *epochs[] = { "SOURCE_DATE_EPOCH=1767225600", "SOURCE_DATE_EPOCH=1767830400" };
	for (int k = 0; k < 2; k++)
		free(run_ok((const char *const[]){ "run", "-q", CLINIC, "-a", k ? a2 : a1, "--save",
		                                   "--data-dir", dir, "--subject", "S1", NULL },
		            (const char *const[]){ "TZ=UTC", epochs[k], NULL }, 0));
	char *s = run_ok((const char *const[]){ "run", "-q", CLINIC, "-a", a1, "--data-dir", dir,
	                                        "--for", "clinician", NULL },
	                 (const char *const[]){ "TZ=UTC", "SOURCE_DATE_EPOCH=1768435200", NULL }, 0);
	assert_non_null(strstr(s, "\nSince check 20260108-000000, made 2026-01-08 00:00 UTC (+0000)\n"
	                          "  Outcome: easy -> see\n"
	                          "  Pain score: 30 -> 60, worse\n"
	                          "  Time score: 45 -> 40, better\n"
	                          "  Answers changed: weeks 9 -> 8; trend better -> same; now 3 -> 6; relief not\n"
	                          "      asked -> helps\n"));
	assert_non_null(strstr(s, "\nTrend over 2 saved checks and this one\n"
	                          "  Pain score: 60, 30, now 60 (higher is worse)\n"));
	free(s);
	s = run_ok((const char *const[]){ "run", "-q", CLINIC, "-a", a1, "--data-dir", dir, "--for",
	                                  "clinician", "--since", "20260101", NULL },
	           (const char *const[]){ "TZ=UTC", NULL }, 0);
	assert_non_null(strstr(s, "Since check 20260101-000000"));
	free(s);
	free(run_ok((const char *const[]){ "run", "-q", CLINIC, "-a", a1, "--data-dir", dir, "--for",
	                                   "clinician", "--since", "1999", NULL }, NULL, 66));
	/* Both records name their subject. */
	snprintf(path, sizeof path, "%s/records", dir);
	assert_int_equal(tl_count_entries(path), 2);
	static const char *const ids[] = { "20260101-000000", "20260108-000000" };
	for (size_t k = 0; k < 2; k++) {
		snprintf(path, sizeof path, "%s/records/%s.yaml", dir, ids[k]);
		s = tl_read(path);
		assert_non_null(strstr(s, "subject: S1"));
		free(s);
	}
	/* show: the saved check replayed, compared with the one before it, its patient line kept. */
	char cwd[1024], qs[1100];
	assert_non_null(getcwd(cwd, sizeof cwd));
	snprintf(qs, sizeof qs, "BACKCHECK_QUESTIONNAIRES=%s/tests/data/intake", cwd);
	s = run_ok((const char *const[]){ "show", "20260108", "--for", "clinician", "--data-dir",
	                                  dir, NULL }, (const char *const[]){ qs, "TZ=UTC", NULL }, 0);
	assert_non_null(strstr(s, "  Patient: not named (id S1)\n"
	                          "  Check: 2026-01-08 00:00 UTC (+0000), saved as 20260108-000000\n"));
	assert_non_null(strstr(s, "\nSince check 20260101-000000, made 2026-01-01 00:00 UTC (+0000)\n"
	                          "  Outcome: see -> easy\n"));
	assert_non_null(strstr(s, "  Pain score: 60, now 30 (higher is worse)\n"));
	free(s);
	s = run_ok((const char *const[]){ "export", "--all", "--format", "fhir", "--data-dir", dir,
	                                  NULL }, (const char *const[]){ qs, NULL }, 0);
	json_t *b = parse(s);
	assert_int_equal(json_array_size(json_object_get(b, "entry")), 8);
	assert_string_equal(json_string_value(json_object_get(b, "timestamp")),
	                    "2026-01-08T00:00:00+00:00");
	json_decref(b);
	free(s);
	tl_rm_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_summary_text_is_exact),
		cmocka_unit_test(test_report_signs_table_statuses),
		cmocka_unit_test(test_report_html_escapes_every_field),
		cmocka_unit_test(test_report_revised_answers_are_marked),
		cmocka_unit_test(test_fhir_bundle_matches_the_json_result),
		cmocka_unit_test(test_fhir_unfinished_run_is_in_progress),
		cmocka_unit_test(test_report_trend_of_an_unfinished_check_invents_no_score),
		cmocka_unit_test(test_fhir_questionnaire_conditions),
		cmocka_unit_test(test_report_since_previous_and_trend),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
