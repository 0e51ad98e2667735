/*
 * test_engine.c - the engine driven by a scripted front end (no terminal): asking order with
 * conditions that appear and disappear, validation messages, skips, stop rules, three-valued
 * conditions, derived values, reasons, the default, advice, templates, the audit trail, and
 * "what would change" checked against brute force (scripted answers, and random interviews
 * of the basic, multi, example and back-recovery questionnaires).
 *
 * Questionnaire: tests/data/engine/basic.yaml.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "engine.h"
#include "loader.h"
#include "model.h"

#define BASIC "tests/data/engine/basic.yaml"
#define EPOCH "1767225600"

static int setup(void **state)
{
	setenv("SOURCE_DATE_EPOCH", EPOCH, 1);
	setenv("TZ", "UTC", 1);
	tzset();
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_file(BASIC, d, NULL);
	if (q == NULL)
		diag_print(d, stderr);
	diag_free(d);
	*state = q;
	return q == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	questionnaire_free(*state);
	return 0;
}

static size_t item(const struct questionnaire *q, const char *id)
{
	const struct item *it = model_item(q, id);
	if (it == NULL)
		fail_msg("no item %s", id);
	return it->index;
}

static size_t rule(const struct questionnaire *q, const char *id)
{
	for (size_t k = 0; k < q->nrules; k++)
		if (strcmp(q->rules[k].id, id) == 0)
			return k;
	fail_msg("no rule %s", id);
	return 0;
}

/* Types input for the item with that id through the one ask path; fails on a message. */
static void answer(struct engine *e, const char *id, const char *input)
{
	size_t i = item(engine_questionnaire(e), id);
	struct value v;
	char msg[256];
	if (engine_parse(e, i, input, &v, msg, sizeof msg) != 0)
		fail_msg("%s: '%s' refused: %s", id, input, msg);
	assert_int_equal(engine_set(e, i, v), 0);
}

/*
 * A scripted front end: script is "id=input" steps; each step must be the item engine_next()
 * offers, "id=-" skips it. Returns the engine after the last step.
 */
static struct engine *interview(const struct questionnaire *q, const char *const *script)
{
	struct engine *e = engine_new(q, 0);
	for (size_t k = 0; script[k] != NULL; k++) {
		long next = engine_next(e);
		const char *eq = strchr(script[k], '=');
		assert_non_null(eq);
		if (next < 0)
			fail_msg("step %zu (%s): nothing left to ask", k, script[k]);
		const char *id = q->items[next].id;
		if (strlen(id) != (size_t)(eq - script[k]) || strncmp(id, script[k], strlen(id)) != 0)
			fail_msg("step %zu: asked %s, script says %s", k, id, script[k]);
		if (strcmp(eq + 1, "-") == 0)
			assert_int_equal(engine_skip(e, (size_t)next), 0);
		else
			answer(e, id, eq + 1);
	}
	return e;
}

static const char *const everything_fine[] = {
	"welcome=", "danger=3", "hurts=n", "trend=better", "sleep=8", "rest_days=2",
	"pushing=n", "comment=-", NULL,
};

static const char *const long_strong_strained[] = {
	"welcome=", "danger=none", "hurts=yes", "pain=9", "weeks=8", "trend=same", "sleep=5",
	"rest_days=0", "pushing=y", "comment=tired", NULL,
};

/* --- Asking ------------------------------------------------------------------------------ */

static void test_engine_asks_in_order_and_finishes(void **state)
{
	struct engine *e = interview(*state, long_strong_strained);
	assert_int_equal(engine_next(e), -1);
	assert_int_equal(engine_stopped_by(e), -1);
	engine_free(e);
}

static void test_engine_condition_hides_items(void **state)
{
	/* hurts = no: pain and weeks are never asked. */
	struct engine *e = interview(*state, everything_fine);
	assert_int_equal(engine_next(e), -1);
	assert_false(engine_applies(e, item(*state, "pain")));
	assert_false(engine_is_answered(e, item(*state, "pain")));
	engine_free(e);
}

static void test_engine_answers_disappear_with_their_condition(void **state)
{
	const struct questionnaire *q = *state;
	struct engine *e = interview(q, long_strong_strained);
	size_t pain = item(q, "pain"), weeks = item(q, "weeks");
	/* pain 2 hides weeks (weeks is asked when pain >= 3) ... */
	answer(e, "pain", "2");
	assert_false(engine_is_answered(e, weeks));
	assert_int_equal(engine_next(e), -1);
	/* ... pain 4 brings the question back, unanswered ... */
	answer(e, "pain", "4");
	assert_int_equal(engine_next(e), (long)weeks);
	/* ... and hurts = no drops pain as well. */
	answer(e, "weeks", "3");
	answer(e, "hurts", "n");
	assert_false(engine_is_answered(e, pain));
	assert_false(engine_is_answered(e, weeks));
	assert_int_equal(engine_set(e, pain, value_num(5)), -1);
	engine_free(e);
}

static void test_engine_three_valued_conditions(void **state)
{
	const struct questionnaire *q = *state;
	struct engine *e = engine_new(q, 0);
	size_t weeks = item(q, "weeks");
	/* hurts unknown, pain unknown: `hurts and pain >= 3` is unknown, so not asked. */
	assert_false(engine_applies(e, weeks));
	answer(e, "hurts", "y");
	/* true and unknown: still unknown. */
	assert_false(engine_applies(e, weeks));
	answer(e, "pain", "3");
	assert_true(engine_applies(e, weeks));
	/* count() skips the unknown answers: strain is 0, never unknown. */
	const struct engine_result *r = engine_decide(e);
	assert_true(r->derived[model_derived(q, "strain")->index] == 0);
	assert_true(r->derived[model_derived(q, "pain_score")->index] == 30);
	engine_free(e);
}

static void test_engine_progress_counts_items_that_apply(void **state)
{
	const struct questionnaire *q = *state;
	struct engine *e = engine_new(q, 0);
	size_t pos, total;
	/* The note is not counted; pain and weeks do not apply yet. */
	engine_progress(e, item(q, "danger"), &pos, &total);
	assert_int_equal(pos, 1);
	assert_int_equal(total, 7);
	answer(e, "hurts", "y");
	answer(e, "pain", "5");
	engine_progress(e, item(q, "trend"), &pos, &total);
	assert_int_equal(pos, 5);
	assert_int_equal(total, 9);
	engine_free(e);
}

static void test_engine_skips_only_optional_items(void **state)
{
	const struct questionnaire *q = *state;
	struct engine *e = engine_new(q, 0);
	assert_int_equal(engine_skip(e, item(q, "sleep")), -1);
	assert_int_equal(engine_skip(e, item(q, "comment")), 0);
	assert_true(engine_is_skipped(e, item(q, "comment")));
	engine_clear(e, item(q, "comment"));
	assert_false(engine_is_skipped(e, item(q, "comment")));
	engine_free(e);
}

/* --- Validation -------------------------------------------------------------------------- */

struct parse_case {
	const char *item, *input, *message;
};

static void test_engine_parse_messages(void **state)
{
	static const struct parse_case cases[] = {
		{ "hurts", "maybe", "Please answer y or n." },
		{ "hurts", "", "Please type an answer." },
		{ "pain", "11", "Please give a whole number from 0 to 10." },
		{ "pain", "5.5", "Please give a whole number from 0 to 10." },
		{ "pain", "-1", "Please give a whole number from 0 to 10." },
		{ "weeks", "ten", "Please give a whole number from 0 to 52." },
		{ "sleep", "abc", "Please give a number from 0 to 12." },
		{ "sleep", "12.5", "Please give a number from 0 to 12." },
		{ "sleep", "inf", "Please give a number from 0 to 12." },
		{ "trend", "4", "Please choose 1 to 3, or type the name of a choice." },
		{ "trend", "up", "Please choose 1 to 3, or type the name of a choice." },
		{ "danger", "1,3", "\"none of these\" cannot be chosen together with other answers." },
		{ "danger", "fire, smoke", "Please choose one or more of 1 to 3, separated by commas, "
		  "or type their names." },
		{ "comment", "123456789012345678901", "Please keep your answer to 20 characters or "
		  "fewer." },
	};
	struct engine *e = engine_new(*state, 0);
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct value v;
		char msg[256] = "";
		int rc = engine_parse(e, item(*state, cases[k].item), cases[k].input, &v, msg,
		                      sizeof msg);
		if (rc != -1 || strcmp(msg, cases[k].message) != 0)
			fail_msg("%s '%s': rc %d, '%s'", cases[k].item, cases[k].input, rc, msg);
	}
	engine_free(e);
}

static void test_engine_parse_accepts(void **state)
{
	const struct questionnaire *q = *state;
	struct engine *e = engine_new(q, 0);
	struct value v;
	char msg[256];
	assert_int_equal(engine_parse(e, item(q, "hurts"), " YES ", &v, msg, sizeof msg), 0);
	assert_true(v.kind == VAL_BOOL && v.u.b);
	assert_int_equal(engine_parse(e, item(q, "trend"), "wor", &v, msg, sizeof msg), 0);
	assert_true(v.kind == VAL_CHOICE && v.u.choice == 2);
	assert_int_equal(engine_parse(e, item(q, "trend"), "About the same", &v, msg, sizeof msg),
	                 0);
	assert_true(v.kind == VAL_CHOICE && v.u.choice == 1);
	assert_int_equal(engine_parse(e, item(q, "trend"), "1", &v, msg, sizeof msg), 0);
	assert_true(v.kind == VAL_CHOICE && v.u.choice == 0);
	assert_int_equal(engine_parse(e, item(q, "danger"), "fire flood", &v, msg, sizeof msg), 0);
	assert_true(v.kind == VAL_SET && v.u.set == 3);
	assert_int_equal(engine_parse(e, item(q, "danger"), "2,1,2", &v, msg, sizeof msg), 0);
	assert_true(v.kind == VAL_SET && v.u.set == 3);
	assert_int_equal(engine_parse(e, item(q, "sleep"), "6.5", &v, msg, sizeof msg), 0);
	assert_true(v.kind == VAL_NUM && v.u.num == 6.5);
	assert_int_equal(engine_parse(e, item(q, "comment"), "fine", &v, msg, sizeof msg), 0);
	assert_string_equal(v.u.str, "fine");
	engine_free(e);
}

/* A text answer of exactly its item's max_length (20 bytes for comment) is taken, typed or
 * from a file; one byte more is refused with the limit named. */
static void test_engine_text_answer_at_its_limit(void **state)
{
	const struct questionnaire *q = *state;
	struct engine *e = engine_new(q, 0);
	struct value v;
	char msg[256] = "";
	size_t comment = item(q, "comment");
	assert_int_equal(engine_parse(e, comment, "12345678901234567890", &v, msg, sizeof msg), 0);
	assert_string_equal(v.u.str, "12345678901234567890");
	assert_int_equal(engine_check(e, comment, value_str("12345678901234567890"), msg,
	                              sizeof msg), 0);
	assert_int_equal(engine_parse(e, comment, "123456789012345678901", &v, msg, sizeof msg),
	                 -1);
	assert_string_equal(msg, "Please keep your answer to 20 characters or fewer.");
	assert_int_equal(engine_check(e, comment, value_str("123456789012345678901"), msg,
	                              sizeof msg), -1);
	assert_string_equal(msg, "the answer is 21 bytes long; the most is 20");
	engine_free(e);
}

struct check_case {
	const char *item;
	struct value v;
	const char *message;
};

static void test_engine_check_messages(void **state)
{
	const struct check_case cases[] = {
		{ "pain", value_num(11), "11 is above the maximum of 10" },
		{ "weeks", value_num(-1), "-1 is below the minimum of 0" },
		{ "weeks", value_num(2.5), "2.5 is not a whole number" },
		{ "sleep", value_num(12.25), "12.25 is above the maximum of 12" },
		{ "danger", value_set(5), "'none' cannot be chosen together with other answers" },
		{ "danger", value_set(0), "the list is empty; choose at least one answer" },
		{ "danger", value_set(8), "expected a list of choices" },
		{ "hurts", value_num(1), "expected true or false (or yes or no)" },
		{ "trend", value_choice(3), "expected one of the choices" },
		{ "comment", value_str("123456789012345678901"), "the answer is 21 bytes long; the "
		  "most is 20" },
	};
	struct engine *e = engine_new(*state, 0);
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char msg[256] = "";
		int rc = engine_check(e, item(*state, cases[k].item), cases[k].v, msg, sizeof msg);
		if (rc != -1 || strcmp(msg, cases[k].message) != 0)
			fail_msg("%s case %zu: rc %d, '%s'", cases[k].item, k, rc, msg);
	}
	engine_free(e);
}

/* --- Stop rules -------------------------------------------------------------------------- */

static void test_engine_stop_rule_ends_asking(void **state)
{
	const struct questionnaire *q = *state;
	static const char *const script[] = { "welcome=", "danger=fire", NULL };
	struct engine *e = interview(q, script);
	assert_int_equal(engine_next(e), -1);
	assert_int_equal(engine_stopped_by(e), (long)rule(q, "danger_now"));
	const struct engine_result *r = engine_decide(e);
	assert_true(r->is_stopped);
	assert_string_equal(q->outcomes[r->outcome].id, "emergency");
	assert_int_equal(r->decisive_rule, (long)rule(q, "danger_now"));
	assert_int_equal(r->nreasons, 1);
	assert_string_equal(r->reasons[0].text, "You saw: a fire.");
	assert_int_equal(r->nchanges, 0);
	/* Going back and answering differently resumes the asking. */
	answer(e, "danger", "none");
	assert_int_equal(engine_stopped_by(e), -1);
	assert_int_equal(engine_next(e), (long)item(q, "hurts"));
	engine_free(e);
}

/* --- Deciding ------------------------------------------------------------------------------ */

static void test_engine_every_match_is_a_reason(void **state)
{
	const struct questionnaire *q = *state;
	struct engine *e = interview(q, long_strong_strained);
	const struct engine_result *r = engine_decide(e);
	assert_string_equal(q->outcomes[r->outcome].id, "see");
	assert_int_equal(r->decisive_rule, (long)rule(q, "long_pain"));
	assert_int_equal(r->nreasons, 3);
	assert_int_equal(r->reasons[0].rule, rule(q, "long_pain"));
	assert_true(r->reasons[0].is_decisive);
	assert_string_equal(r->reasons[0].text, "It has hurt for 8 weeks and is about the same.");
	assert_int_equal(r->reasons[1].rule, rule(q, "strong_pain"));
	assert_false(r->reasons[1].is_decisive);
	assert_string_equal(r->reasons[1].text, "Your pain is 9 out of 10.");
	assert_int_equal(r->reasons[2].rule, rule(q, "strained"));
	assert_false(r->reasons[2].is_decisive);
	assert_string_equal(r->reasons[2].text,
	                    "You have 3 strain signs: 5 hours of sleep, 0 rest days, pushing: yes.");
	assert_true(r->derived[model_derived(q, "strain")->index] == 3);
	assert_true(r->derived[model_derived(q, "pain_score")->index] == 90);
	assert_false(r->is_stopped);
	assert_int_equal((long long)r->generated_at, 1767225600LL);
	engine_free(e);
}

/* {id.unit} is the item's unit_one after exactly 1, else its unit. */
static void test_engine_unit_follows_the_number(void **state)
{
	const struct questionnaire *q = *state;
	static const char *const script[] = {
		"welcome=", "danger=none", "hurts=n", "trend=same", "sleep=1", "rest_days=1",
		"pushing=y", "comment=-", NULL,
	};
	struct engine *e = interview(q, script);
	const struct engine_result *r = engine_decide(e);
	assert_int_equal(r->decisive_rule, (long)rule(q, "strained"));
	assert_string_equal(r->reasons[0].text,
	                    "You have 2 strain signs: 1 hour of sleep, 1 rest day, pushing: yes.");
	engine_free(e);
}

/* A `because` given as parts: the parts whose conditions hold, joined with spaces; a part
 * whose condition is unknown (an optional answer skipped) is left out. */
static void test_engine_because_parts(void **state)
{
	(void)state;
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_file("tests/data/engine/parts.yaml", d, NULL);
	diag_print(d, stderr);
	diag_free(d);
	assert_non_null(q);
	static const struct {
		const char *script[3];
		const char *text;
	} cases[] = {
		{ { "tired=y", "pain=2", NULL }, "You are tired. Ease off for a few days." },
		{ { "tired=n", "pain=7", NULL }, "Your pain is 7 out of 10. Ease off for a few days." },
		{ { "tired=y", "pain=8", NULL },
		  "You are tired. Your pain is 8 out of 10. Ease off for a few days." },
		{ { "tired=y", "pain=-", NULL }, "You are tired. Ease off for a few days." },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct engine *e = interview(q, cases[i].script);
		const struct engine_result *r = engine_decide(e);
		assert_int_equal(r->nreasons, 1);
		assert_string_equal(r->reasons[0].text, cases[i].text);
		engine_free(e);
	}
	questionnaire_free(q);
}

static void test_engine_advice_uses_outcome_and_matched(void **state)
{
	const struct questionnaire *q = *state;
	struct engine *e = interview(q, long_strong_strained);
	const struct engine_result *r = engine_decide(e);
	assert_int_equal(r->nadvice, 2);
	assert_string_equal(q->advice[r->advice[0].advice].id, "sleep_more");
	assert_string_equal(r->advice[0].text, "Aim for 7 hours of sleep; you sleep 5.");
	assert_string_equal(q->advice[r->advice[1].advice].id, "ease_off");
	/* Without strain, `matched(strained)` is false and ease_off goes. */
	answer(e, "pushing", "n");
	answer(e, "rest_days", "1");
	r = engine_decide(e);
	assert_string_equal(q->outcomes[r->outcome].id, "see");
	assert_int_equal(r->nadvice, 1);
	assert_string_equal(q->advice[r->advice[0].advice].id, "sleep_more");
	engine_free(e);
}

static void test_engine_default_marks_no_rule(void **state)
{
	const struct questionnaire *q = *state;
	struct engine *e = interview(q, everything_fine);
	const struct engine_result *r = engine_decide(e);
	assert_string_equal(q->outcomes[r->outcome].id, "easy");
	assert_int_equal(r->decisive_rule, -1);
	assert_int_equal(r->nreasons, 0);
	assert_int_equal(r->nadvice, 0);
	assert_true(r->derived[model_derived(q, "pain_score")->index] == 0);
	engine_free(e);
}

static void test_engine_partial_decision_during_interview(void **state)
{
	const struct questionnaire *q = *state;
	struct engine *e = engine_new(q, 0);
	answer(e, "hurts", "y");
	answer(e, "pain", "8");
	const struct engine_result *r = engine_decide_partial(e);
	assert_int_equal(r->decisive_rule, (long)rule(q, "strong_pain"));
	assert_int_equal(r->nchanges, 0);
	engine_free(e);
}

/* --- Texts ---------------------------------------------------------------------------------- */

static void test_engine_fill_and_value_texts(void **state)
{
	const struct questionnaire *q = *state;
	struct engine *e = interview(q, long_strong_strained);
	assert_string_equal(engine_fill(e, &q->safety_net),
	                    "If it gets much worse, call for help. Literal {braces} stay.");
	assert_string_equal(engine_fill(e, &q->outcomes[0].explanation),
	                    "You told us about none of these.");
	size_t sleep = item(q, "sleep"), danger = item(q, "danger"), hurts = item(q, "hurts");
	assert_string_equal(engine_value_text(e, sleep, value_num(6.50)), "6.5");
	assert_string_equal(engine_value_text(e, sleep, value_unknown()), "not answered");
	assert_string_equal(engine_value_text(e, danger, value_set(3)), "a fire, a flood");
	assert_string_equal(engine_value_id(e, danger, value_set(3)), "fire, flood");
	assert_string_equal(engine_value_text(e, hurts, value_bool(true)), "yes");
	assert_string_equal(engine_value_id(e, hurts, value_bool(false)), "false");
	assert_string_equal(engine_value_text(e, item(q, "trend"), value_choice(2)),
	                    "getting worse");
	char buf[32];
	engine_format_number(1440.0, buf, sizeof buf);
	assert_string_equal(buf, "1440");
	engine_format_number(0.1 + 0.2, buf, sizeof buf);
	assert_string_equal(buf, "0.3");
	engine_format_number(-17.25, buf, sizeof buf);
	assert_string_equal(buf, "-17.25");
	engine_free(e);
}

/* --- Audit trail ----------------------------------------------------------------------------- */

static void test_engine_audit_trail_records_changes_and_drops(void **state)
{
	const struct questionnaire *q = *state;
	struct engine *e = engine_new(q, 0);
	answer(e, "hurts", "y");
	answer(e, "pain", "5");
	answer(e, "pain", "5");
	answer(e, "pain", "6");
	answer(e, "hurts", "n");
	size_t n;
	const struct engine_audit *a = engine_audit(e, &n);
	assert_int_equal(n, 5);
	size_t hurts = item(q, "hurts"), pain = item(q, "pain");
	assert_int_equal(a[0].item, hurts);
	assert_true(a[0].from.kind == VAL_UNKNOWN && a[0].to.kind == VAL_BOOL && a[0].to.u.b);
	assert_int_equal(a[1].item, pain);
	assert_true(a[1].to.u.num == 5);
	/* The same answer again is no change. */
	assert_int_equal(a[2].item, pain);
	assert_true(a[2].from.u.num == 5 && a[2].to.u.num == 6);
	assert_int_equal(a[3].item, hurts);
	assert_true(a[3].from.u.b && !a[3].to.u.b);
	/* pain stopped applying and lost its answer. */
	assert_int_equal(a[4].item, pain);
	assert_true(a[4].from.u.num == 6 && a[4].to.kind == VAL_UNKNOWN);
	for (size_t k = 0; k < n; k++)
		assert_int_equal((long long)a[k].at, 1767225600LL);
	engine_free(e);
}

static void test_engine_now_reads_source_date_epoch(void **state)
{
	(void)state;
	assert_int_equal((long long)engine_now(), 1767225600LL);
	setenv("SOURCE_DATE_EPOCH", "12x", 1);
	assert_true(engine_now() > 1700000000);
	setenv("SOURCE_DATE_EPOCH", EPOCH, 1);
}

/* --- What would change ------------------------------------------------------------------------ */

/* The answers of e applied to a fresh run, then item set to v: the outcome (brute force), or
 * NONE when an answer that applies does not fit the others (a choice no longer offered, a
 * broken check): such answers cannot be given together. */
enum { NONE = -1 };
static size_t outcome_with(const struct questionnaire *q, const struct engine *e, size_t it,
                           struct value v)
{
	struct engine *f = engine_new(q, 0);
	bool fits = true;
	char msg[256];
	for (size_t i = 0; i < q->nitems && fits; i++) {
		struct value x = i == it ? v : engine_answer(e, i);
		if (!engine_is_answered(e, i) || !engine_applies(f, i))
			continue;
		fits = engine_check_answer(f, i, x, msg, sizeof msg) == 0;
		if (fits)
			assert_int_equal(engine_set(f, i, x), 0);
	}
	size_t o = fits ? engine_decide(f)->outcome : (size_t)NONE;
	engine_free(f);
	return o;
}

enum { DOMAIN_CAP = 4096 };

/* The item's whole domain, written out independently of the engine. */
static size_t domain(const struct item *it, struct value *out)
{
	size_t n = 0;
	if (it->type == ITEM_YESNO) {
		out[n++] = value_bool(false);
		out[n++] = value_bool(true);
	} else if (it->type == ITEM_CHOICE) {
		for (unsigned k = 0; k < it->nchoices; k++)
			out[n++] = value_choice(k);
	} else {
		double step = it->type == ITEM_NUMBER ? it->step : 1;
		for (double x = it->min; x <= it->max + 1e-9 && n < DOMAIN_CAP; x += step)
			out[n++] = value_num(x);
		assert_true(n < DOMAIN_CAP);
	}
	return n;
}

static double rank(struct value v)
{
	return v.kind == VAL_BOOL ? v.u.b : v.kind == VAL_CHOICE ? v.u.choice : v.u.num;
}

static const struct engine_change *change_of(const struct engine_result *r, size_t it, int dir,
                                             struct value from)
{
	for (size_t k = 0; k < r->nchanges; k++)
		if (r->changes[k].item == it && (rank(r->changes[k].to) - rank(from)) * dir > 0)
			return &r->changes[k];
	return NULL;
}

static unsigned popcount(uint64_t x)
{
	unsigned n = 0;
	for (; x != 0; x &= x - 1)
		n++;
	return n;
}

/*
 * A modifiable multiple choice item, against every valid set of its choices: a change the
 * engine reports re-decides to its outcome; when some set one choice away (one ticked or
 * unticked) moves the outcome, the engine's change is one choice away; when no set at all
 * moves it, there is no change. Returns the number of changes the engine lists for the item.
 */
static size_t check_multi_against_brute_force(const struct questionnaire *q, struct engine *e,
                                              size_t i)
{
	const struct item *it = &q->items[i];
	assert_true(it->nchoices <= 12);
	uint64_t from = engine_answer(e, i).u.set;
	size_t base = engine_decide(e)->outcome;
	bool is_near_move = false, is_any_move = false;
	char msg[256];
	for (uint64_t set = 1; set < ((uint64_t)1 << it->nchoices); set++) {
		if (set == from || engine_check(e, i, value_set(set), msg, sizeof msg) != 0)
			continue;
		size_t o = outcome_with(q, e, i, value_set(set));
		bool moves = o != (size_t)NONE && o != base;
		is_any_move |= moves;
		is_near_move |= moves && popcount(set ^ from) == 1;
	}
	const struct engine_result *r = engine_decide(e);
	const struct engine_change *c = NULL;
	size_t n = 0;
	for (size_t k = 0; k < r->nchanges; k++)
		if (r->changes[k].item == i) {
			c = &r->changes[k];
			n++;
		}
	if (c == NULL) {
		if (is_near_move)
			fail_msg("%s: a set one choice away moves the outcome; the engine misses it", it->id);
		return 0;
	}
	assert_true(is_any_move);
	assert_int_equal(engine_check(e, i, c->to, msg, sizeof msg), 0);
	assert_int_equal(outcome_with(q, e, i, c->to), c->outcome);
	assert_int_not_equal(c->outcome, base);
	if (is_near_move)
		assert_int_equal(popcount(c->to.u.set ^ from), 1);
	return n;
}

/* For each modifiable answered item and each direction: the nearest value that moves the
 * outcome by brute force must be the engine's change, and no change where there is none. */
static void check_against_brute_force(const struct questionnaire *q, struct engine *e)
{
	const struct engine_result *r = engine_decide(e);
	size_t base = r->outcome, nseen = 0;
	static struct value dom[DOMAIN_CAP];
	for (size_t i = 0; i < q->nitems; i++) {
		const struct item *it = &q->items[i];
		if (!it->is_modifiable || !engine_is_answered(e, i))
			continue;
		if (it->type == ITEM_MULTI) {
			nseen += check_multi_against_brute_force(q, e, i);
			continue;
		}
		struct value from = engine_answer(e, i);
		size_t n = domain(it, dom);
		for (int dir = 1; dir >= -1; dir -= 2) {
			long best = -1;
			size_t best_outcome = base;
			for (size_t k = 0; k < n; k++) {
				double d = (rank(dom[k]) - rank(from)) * dir;
				if (d <= 0)
					continue;
				size_t o = outcome_with(q, e, i, dom[k]);
				if (o != (size_t)NONE && o != base && (best < 0 || d < (rank(dom[best]) - rank(from)) * dir)) {
					best = (long)k;
					best_outcome = o;
				}
			}
			r = engine_decide(e);
			const struct engine_change *c = change_of(r, i, dir, from);
			if (best < 0) {
				if (c != NULL)
					fail_msg("%s: engine reports a change %+d that brute force lacks", it->id,
					         dir);
				continue;
			}
			if (c == NULL)
				fail_msg("%s: brute force finds a change %+d the engine misses", it->id, dir);
			assert_true(rank(c->to) == rank(dom[best]));
			assert_int_equal(c->outcome, best_outcome);
			bool better = (it->better == BETTER_HIGHER && dir > 0) ||
			              (it->better == BETTER_LOWER && dir < 0) ||
			              (it->better == BETTER_CHOICES && it->choices[c->to.u.choice].is_better);
			bool helpful = better && q->outcomes[best_outcome].severity < q->outcomes[base].severity;
			assert_int_equal(c->is_helpful, helpful);
			nseen++;
		}
	}
	assert_int_equal(engine_decide(e)->nchanges, nseen);
}

static void test_engine_what_would_change_matches_brute_force(void **state)
{
	const struct questionnaire *q = *state;
	static const char *const strained_only[] = {
		"welcome=", "danger=none", "hurts=n", "trend=same", "sleep=6.5", "rest_days=0",
		"pushing=y", "comment=-", NULL,
	};
	static const char *const *const scripts[] = {
		everything_fine, long_strong_strained, strained_only,
	};
	for (size_t k = 0; k < sizeof scripts / sizeof scripts[0]; k++) {
		struct engine *e = interview(q, scripts[k]);
		check_against_brute_force(q, e);
		engine_free(e);
	}
}

/* A small fixed-seed generator, so that failures can be replayed. */
static unsigned next_random(unsigned long long *seed)
{
	*seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)(*seed >> 33);
}

/* A random valid answer for item i of e: any value of its domain, or one or two choices,
 * that fits the answers before it (offered choices, the item's check). */
static struct value random_answer(struct engine *e, size_t i, unsigned long long *seed)
{
	const struct item *it = &engine_questionnaire(e)->items[i];
	static struct value dom[DOMAIN_CAP];
	char msg[256];
	if (it->type == ITEM_NOTE)
		return value_bool(true);
	if (it->type == ITEM_TEXT)
		return value_str("a note");
	for (;;) {
		struct value v;
		if (it->type != ITEM_MULTI) {
			v = dom[next_random(seed) % domain(it, dom)];
		} else {
			uint64_t set = (uint64_t)1 << (next_random(seed) % it->nchoices);
			if (next_random(seed) % 2)
				set |= (uint64_t)1 << (next_random(seed) % it->nchoices);
			v = value_set(set);
		}
		if (engine_check(e, i, v, msg, sizeof msg) == 0 &&
		    engine_check_answer(e, i, v, msg, sizeof msg) == 0)
			return v;
	}
}

/* Answers everything engine_next() asks with random answers (optional ones now and then
 * skipped), until nothing is left or a stop rule ends the asking. */
static struct engine *random_interview(const struct questionnaire *q, unsigned long long *seed)
{
	struct engine *e = engine_new(q, 0);
	for (long next; (next = engine_next(e)) >= 0;) {
		const struct item *it = &q->items[next];
		if (!it->is_required && next_random(seed) % 4 == 0)
			assert_int_equal(engine_skip(e, (size_t)next), 0);
		else
			assert_int_equal(engine_set(e, (size_t)next, random_answer(e, (size_t)next, seed)),
			                 0);
	}
	return e;
}

/* Brute force over many random interviews of the shipped and example questionnaires. */
static void test_engine_what_would_change_brute_force_random(void **state)
{
	(void)state;
	static const char *const files[] = { BASIC, "tests/data/engine/multi.yaml",
	                                     "questionnaires/example.yaml",
	                                     "questionnaires/back-recovery.yaml" };
	for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
		struct diag *d = diag_new();
		struct questionnaire *q = loader_load_file(files[f], d, NULL);
		diag_free(d);
		assert_non_null(q);
		unsigned long long seed = 20261128 + f;
		for (int k = 0; k < 60; k++) {
			struct engine *e = random_interview(q, &seed);
			check_against_brute_force(q, e);
			engine_free(e);
		}
		questionnaire_free(q);
	}
}

static void test_engine_what_would_change_text(void **state)
{
	const struct questionnaire *q = *state;
	static const char *const script[] = {
		"welcome=", "danger=none", "hurts=n", "trend=same", "sleep=5.5", "rest_days=1",
		"pushing=y", "comment=-", NULL,
	};
	struct engine *e = interview(q, script);
	const struct engine_result *r = engine_decide(e);
	assert_string_equal(q->outcomes[r->outcome].id, "rest");
	const struct engine_change *c = change_of(r, item(q, "sleep"), 1, value_num(5.5));
	assert_non_null(c);
	assert_true(c->to.u.num == 6);
	assert_true(c->is_helpful);
	assert_string_equal(c->text, "If your answer to \xe2\x80\x9cHow many hours do you sleep?"
	                    "\xe2\x80\x9d were 6 hours or more (instead of 5.5 hours), the result "
	                    "would be: Keep moving gently.");
	c = change_of(r, item(q, "pushing"), -1, value_bool(true));
	assert_non_null(c);
	assert_true(c->is_helpful);
	assert_string_equal(c->text, "If your answer to \xe2\x80\x9c" "Do you push through the "
	                    "pain?\xe2\x80\x9d were no (instead of yes), the result would be: Keep "
	                    "moving gently.");
	/* Fewer rest days is worse and changes nothing here (strain is already 2). */
	assert_null(change_of(r, item(q, "rest_days"), -1, value_num(1)));
	engine_free(e);
}

/* Multiple choice is varied by toggling one choice or choosing one alone; the first change
 * found is reported, and it is helpful when it only adds better choices or drops others. */
static void test_engine_what_would_change_multiple_choice(void **state)
{
	(void)state;
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_file("tests/data/engine/multi.yaml", d, NULL);
	if (q == NULL)
		diag_print(d, stderr);
	diag_free(d);
	assert_non_null(q);
	struct engine *e = engine_new(q, 0);
	answer(e, "habits", "late_screens");
	const struct engine_result *r = engine_decide(e);
	assert_string_equal(q->outcomes[r->outcome].id, "poor");
	assert_int_equal(r->nchanges, 1);
	const struct engine_change *c = &r->changes[0];
	/* Toggling: dropping screens leaves nothing (not allowed), adding stretch or walk keeps
	 * the screens; so the first change is stretching alone. */
	assert_true(c->to.kind == VAL_SET && c->to.u.set == 2);
	assert_string_equal(q->outcomes[c->outcome].id, "good");
	assert_true(c->is_helpful);
	assert_string_equal(c->text, "If your answer to \xe2\x80\x9cWhich of these do you do in the "
	                    "evening?\xe2\x80\x9d were \xe2\x80\x9cgentle stretching\xe2\x80\x9d "
	                    "(instead of \xe2\x80\x9cscreens in bed\xe2\x80\x9d), the result would "
	                    "be: Good evenings.");
	/* With [walk], the first toggle (adding screens) makes it worse: listed, not helpful. */
	answer(e, "habits", "walk");
	r = engine_decide(e);
	assert_string_equal(q->outcomes[r->outcome].id, "good");
	assert_int_equal(r->nchanges, 1);
	assert_true(r->changes[0].to.u.set == 5);
	assert_false(r->changes[0].is_helpful);
	engine_free(e);
	questionnaire_free(q);
}

/* --- Alert rules, offered choices, checks (tests/data/engine/alerts.yaml) ------------------ */

#define ALERTS "tests/data/engine/alerts.yaml"

static struct questionnaire *load_alerts(void)
{
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_file(ALERTS, d, NULL);
	if (q == NULL)
		diag_print(d, stderr);
	assert_int_equal(diag_count(d), 0);
	diag_free(d);
	assert_non_null(q);
	return q;
}

/* The certain alert rules as their ids joined with spaces ("" for none). */
static const char *certain(const struct engine *e, char *buf, size_t bufsz)
{
	const struct questionnaire *q = engine_questionnaire(e);
	size_t rules[64];
	size_t n = engine_certain_alerts(e, rules, 64);
	assert_true(n <= 64);
	size_t len = 0;
	buf[0] = '\0';
	for (size_t k = 0; k < n; k++)
		len += (size_t)snprintf(buf + len, bufsz - len, "%s%s", k ? " " : "",
		                        q->rules[rules[k]].id);
	return buf;
}

/* Certain means TRUE in three-valued logic: a rule that a later answer could still undo, or
 * that is below alert_severity, is not listed; several are listed in rule order. */
static void test_engine_certain_alerts_three_valued(void **state)
{
	(void)state;
	struct questionnaire *q = load_alerts();
	struct engine *e = engine_new(q, 0);
	char buf[256];
	assert_string_equal(certain(e, buf, sizeof buf), "");
	answer(e, "age", "30");
	answer(e, "signs", "numb");
	assert_string_equal(certain(e, buf, sizeof buf), "numbness");
	answer(e, "unsure", "y");
	assert_string_equal(certain(e, buf, sizeof buf), "numbness unsure_sign");
	size_t one[1];
	assert_int_equal(engine_certain_alerts(e, one, 1), 2);
	assert_int_equal(one[0], rule(q, "numbness"));
	answer(e, "signs", "none");
	answer(e, "unsure", "n");
	answer(e, "pregnancy", "no");
	answer(e, "pain_now", "8");
	/* severe_pain needs pain_worst too, so it is not certain yet. */
	assert_string_equal(certain(e, buf, sizeof buf), "");
	answer(e, "pain_worst", "9");
	assert_string_equal(certain(e, buf, sizeof buf), "severe_pain");
	/* persistent (assess) is below alert_severity: never listed. */
	answer(e, "weeks", "20");
	assert_string_equal(certain(e, buf, sizeof buf), "severe_pain");
	engine_free(e);
	questionnaire_free(q);
}

/* A derived value whose items are not answered is unknown for certainty (the decision counts
 * it as 0, which would make old_and_painless hold). */
static void test_engine_certain_alerts_wait_for_derived_values(void **state)
{
	(void)state;
	struct questionnaire *q = load_alerts();
	struct engine *e = engine_new(q, 0);
	char buf[256];
	answer(e, "age", "100");
	assert_string_equal(certain(e, buf, sizeof buf), "");
	assert_int_equal(engine_decide_partial(e)->decisive_rule, (long)rule(q, "old_and_painless"));
	answer(e, "signs", "none");
	answer(e, "unsure", "n");
	answer(e, "pregnancy", "no");
	answer(e, "pain_now", "0");
	assert_string_equal(certain(e, buf, sizeof buf), "");
	answer(e, "pain_worst", "0");
	assert_string_equal(certain(e, buf, sizeof buf), "old_and_painless");
	engine_free(e);
	questionnaire_free(q);
}

/* Without alert_severity there are no alert rules. */
static void test_engine_certain_alerts_none_without_alert_severity(void **state)
{
	const struct questionnaire *q = *state;
	assert_false(q->has_alert_severity);
	struct engine *e = interview(q, everything_fine);
	size_t rules[8];
	assert_int_equal(engine_certain_alerts(e, rules, 8), 0);
	engine_free(e);
}

/* A rule's action is filled from the answers, its parts only when their `when` holds; the
 * confirmation is the outcome's sentence. */
static void test_engine_action_and_confirm(void **state)
{
	(void)state;
	struct questionnaire *q = load_alerts();
	struct engine *e = engine_new(q, 0);
	size_t numb = rule(q, "numbness");
	assert_string_equal(engine_action(e, numb), "Go to A&E now.");
	answer(e, "age", "30");
	answer(e, "signs", "numb");
	answer(e, "unsure", "n");
	answer(e, "pregnancy", "pregnant");
	assert_string_equal(engine_action(e, numb), "Go to A&E now. Tell them you are pregnant.");
	assert_string_equal(engine_action(e, rule(q, "chest_pain")), "Call 999 now.");
	assert_string_equal(engine_action(e, rule(q, "leg")), "");
	assert_string_equal(engine_confirm(e, numb), "With this answer, the check will tell you to "
	                    "get emergency care now.");
	assert_string_equal(engine_confirm(e, rule(q, "unsure_sign")), "With this answer, the check "
	                    "will tell you to see a doctor today.");
	assert_string_equal(engine_confirm(e, rule(q, "leg")), "");
	engine_free(e);
	questionnaire_free(q);
}

/* A choice with `when` is offered only when it holds: numbers count the offered choices, a
 * hidden choice cannot be typed or set, and an answer that stops fitting is dropped. */
static void test_engine_choice_when(void **state)
{
	(void)state;
	struct questionnaire *q = load_alerts();
	struct engine *e = engine_new(q, 0);
	size_t preg = item(q, "pregnancy");
	struct value v;
	char msg[256];
	answer(e, "age", "10");
	answer(e, "signs", "none");
	answer(e, "unsure", "n");
	size_t offered[3];
	assert_int_equal(engine_offered(e, preg, offered), 1);
	assert_int_equal(offered[0], 0);
	assert_int_equal(engine_parse(e, preg, "2", &v, msg, sizeof msg), -1);
	assert_string_equal(msg, "Please choose 1 to 1, or type the name of a choice.");
	assert_int_equal(engine_parse(e, preg, "pregnant", &v, msg, sizeof msg), -1);
	assert_int_equal(engine_check_answer(e, preg, value_choice(1), msg, sizeof msg), -1);
	assert_string_equal(msg, "'pregnant' is not offered with these answers");
	assert_int_equal(engine_set(e, preg, value_choice(1)), -1);
	answer(e, "age", "30");
	assert_int_equal(engine_offered(e, preg, offered), 3);
	assert_int_equal(engine_parse(e, preg, "3", &v, msg, sizeof msg), 0);
	assert_int_equal(v.u.choice, 2);
	assert_int_equal(engine_set(e, preg, v), 0);
	answer(e, "age", "11");
	assert_false(engine_is_answered(e, preg));
	assert_int_equal(engine_next(e), (long)preg);
	size_t n;
	const struct engine_audit *a = engine_audit(e, &n);
	assert_int_equal(a[n - 1].item, preg);
	assert_int_equal(a[n - 1].from.u.choice, 2);
	assert_false(value_is_known(a[n - 1].to));
	engine_free(e);
	questionnaire_free(q);
}

/* An item's check: an answer that breaks it is refused with the message (filled from the
 * answers), asked again; an earlier change that breaks it drops the later answer. */
static void test_engine_item_check(void **state)
{
	(void)state;
	struct questionnaire *q = load_alerts();
	struct engine *e = engine_new(q, 0);
	size_t worst = item(q, "pain_worst");
	struct value v;
	char msg[256];
	answer(e, "pain_now", "6");
	assert_int_equal(engine_parse(e, worst, "4", &v, msg, sizeof msg), -1);
	assert_string_equal(msg, "Your worst pain cannot be lower than your pain now (6).");
	assert_int_equal(engine_set(e, worst, value_num(4)), -1);
	assert_int_equal(engine_parse(e, worst, "6", &v, msg, sizeof msg), 0);
	assert_int_equal(engine_set(e, worst, v), 0);
	answer(e, "pain_now", "5");
	assert_true(engine_is_answered(e, worst));
	answer(e, "pain_now", "7");
	assert_false(engine_is_answered(e, worst));
	engine_free(e);
	questionnaire_free(q);
}

/* Answers every item of alerts.yaml by typing, in the order asked. */
static struct engine *alerts_run(const struct questionnaire *q, const char *weeks,
                                 const char *pain, const char *leg_days)
{
	struct engine *e = engine_new(q, 0);
	answer(e, "age", "30");
	answer(e, "signs", "none");
	answer(e, "unsure", "n");
	answer(e, "pregnancy", "no");
	answer(e, "pain_now", pain);
	answer(e, "pain_worst", pain);
	answer(e, "weeks", weeks);
	answer(e, "leg_days", leg_days);
	answer(e, "sleep", "5");
	answer(e, "training", "hard");
	assert_int_equal(engine_next(e), -1);
	return e;
}

enum { DAY = 86400, NOON = 43200 };

/* The time safety net: per `grows` item, the smallest later value that makes the outcome more
 * severe (a less severe one on the way does not count), dated as the earliest day possible. */
static void test_engine_time_safety_net(void **state)
{
	(void)state;
	struct questionnaire *q = load_alerts();
	struct engine *e = alerts_run(q, "3", "6", "5");
	const struct engine_result *r = engine_decide(e);
	assert_string_equal(q->outcomes[r->outcome].id, "rest");
	assert_int_equal(r->ntime_net, 2);
	assert_int_equal(r->time_net[0].item, item(q, "weeks"));
	assert_true(r->time_net[0].value == 6);
	assert_string_equal(q->outcomes[r->time_net[0].outcome].id, "assess");
	/* (6 - 3) * 7 - 6 = 15 days after 1 January 2026. */
	assert_int_equal((long long)r->time_net[0].date, 1767225600LL + 15 * DAY + NOON);
	assert_int_equal(r->time_net[1].item, item(q, "leg_days"));
	assert_true(r->time_net[1].value == 14);
	assert_int_equal((long long)r->time_net[1].date, 1767225600LL + 9 * DAY + NOON);
	assert_int_equal(r->earliest, 1);
	assert_int_equal((long long)r->recheck_date, 1767225600LL + 3 * DAY + NOON);
	engine_free(e);
	/* One week and pain 7: rest (flare); at 2 weeks active recovery (less severe, skipped);
	 * at 6 weeks assess: (6 - 1) * 7 - 6 = 29 days. */
	e = alerts_run(q, "1", "7", "0");
	r = engine_decide(e);
	assert_string_equal(q->outcomes[r->outcome].id, "rest");
	assert_true(r->time_net[0].value == 6);
	assert_int_equal((long long)r->time_net[0].date, 1767225600LL + 29 * DAY + NOON);
	engine_free(e);
	/* Already at assessment for good: time alone changes nothing. */
	e = alerts_run(q, "20", "3", "20");
	r = engine_decide(e);
	assert_string_equal(q->outcomes[r->outcome].id, "assess");
	assert_int_equal(r->ntime_net, 0);
	assert_int_equal(r->earliest, -1);
	engine_free(e);
	questionnaire_free(q);
}

/* What would help, as an action from now on: the item's `change` filled with the better
 * answer, else the question and the answer; only helpful changes have one. */
static void test_engine_change_action(void **state)
{
	(void)state;
	struct questionnaire *q = load_alerts();
	struct engine *e = alerts_run(q, "3", "3", "0");
	const struct engine_result *r = engine_decide(e);
	assert_string_equal(q->outcomes[r->outcome].id, "rest");
	size_t helpful = 0;
	for (size_t k = 0; k < r->nchanges; k++) {
		const struct engine_change *c = &r->changes[k];
		if (!c->is_helpful) {
			assert_null(c->action);
			continue;
		}
		helpful++;
		if (c->item == item(q, "sleep"))
			assert_string_equal(c->action, "Sleep at least 6 hours a night from now on. Then "
			                    "the advice would be: Keep moving gently.");
		else
			assert_string_equal(c->action, "From now on: \xe2\x80\x9cHow hard do you train?"
			                    "\xe2\x80\x9d \xe2\x80\x9c" "easily\xe2\x80\x9d. Then the advice "
			                    "would be: Keep moving gently.");
	}
	assert_int_equal(helpful, 2);
	engine_free(e);
	questionnaire_free(q);
}

/* The result carries the deciding rule's action, filled; none for the default. */
static void test_engine_result_action(void **state)
{
	(void)state;
	struct questionnaire *q = load_alerts();
	struct engine *e = engine_new(q, 0);
	answer(e, "age", "30");
	answer(e, "signs", "numb");
	answer(e, "unsure", "n");
	answer(e, "pregnancy", "pregnant");
	const struct engine_result *r = engine_decide(e);
	assert_int_equal(r->decisive_rule, (long)rule(q, "numbness"));
	assert_string_equal(r->action, "Go to A&E now. Tell them you are pregnant.");
	assert_int_equal((long long)r->recheck_date, 0);
	engine_free(e);
	e = alerts_run(q, "3", "3", "0");
	answer(e, "sleep", "8");
	r = engine_decide(e);
	assert_int_equal(r->decisive_rule, -1);
	assert_null(r->action);
	engine_free(e);
	questionnaire_free(q);
}

/* A text made one line: runs of white space (line breaks, tabs) become one space, leading
 * ones go, a trailing one too; a text without white space is left as it is. */
static void test_engine_one_line(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
		{ "Rest a little.\nThen  walk\t\tgently.\n", "Rest a little. Then walk gently." },
		{ "  \r\n lead", "lead" },
		{ "trail \n ", "trail" },
		{ "   ", "" },
		{ "", "" },
		{ "one", "one" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[64];
		snprintf(buf, sizeof buf, "%s", cases[i][0]);
		assert_ptr_equal(engine_one_line(buf), buf);
		assert_string_equal(buf, cases[i][1]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_engine_asks_in_order_and_finishes),
		cmocka_unit_test(test_engine_condition_hides_items),
		cmocka_unit_test(test_engine_answers_disappear_with_their_condition),
		cmocka_unit_test(test_engine_three_valued_conditions),
		cmocka_unit_test(test_engine_progress_counts_items_that_apply),
		cmocka_unit_test(test_engine_skips_only_optional_items),
		cmocka_unit_test(test_engine_parse_messages),
		cmocka_unit_test(test_engine_parse_accepts),
		cmocka_unit_test(test_engine_text_answer_at_its_limit),
		cmocka_unit_test(test_engine_check_messages),
		cmocka_unit_test(test_engine_stop_rule_ends_asking),
		cmocka_unit_test(test_engine_every_match_is_a_reason),
		cmocka_unit_test(test_engine_advice_uses_outcome_and_matched),
		cmocka_unit_test(test_engine_default_marks_no_rule),
		cmocka_unit_test(test_engine_partial_decision_during_interview),
		cmocka_unit_test(test_engine_fill_and_value_texts),
		cmocka_unit_test(test_engine_audit_trail_records_changes_and_drops),
		cmocka_unit_test(test_engine_now_reads_source_date_epoch),
		cmocka_unit_test(test_engine_what_would_change_matches_brute_force),
		cmocka_unit_test(test_engine_what_would_change_brute_force_random),
		cmocka_unit_test(test_engine_what_would_change_text),
		cmocka_unit_test(test_engine_unit_follows_the_number),
		cmocka_unit_test(test_engine_because_parts),
		cmocka_unit_test(test_engine_what_would_change_multiple_choice),
		cmocka_unit_test(test_engine_certain_alerts_three_valued),
		cmocka_unit_test(test_engine_certain_alerts_wait_for_derived_values),
		cmocka_unit_test(test_engine_certain_alerts_none_without_alert_severity),
		cmocka_unit_test(test_engine_action_and_confirm),
		cmocka_unit_test(test_engine_choice_when),
		cmocka_unit_test(test_engine_item_check),
		cmocka_unit_test(test_engine_time_safety_net),
		cmocka_unit_test(test_engine_change_action),
		cmocka_unit_test(test_engine_result_action),
		cmocka_unit_test(test_engine_one_line),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
