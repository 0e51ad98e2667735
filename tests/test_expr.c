/*
 * test_expr.c - the expression language: values, three-valued logic, precedence, every
 * function, lists and `in`, parse and type errors with their exact messages and columns,
 * the nesting caps, expr_each_ref and the canonical text. A fake scope below stands in for a
 * questionnaire.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "diag.h"
#include "expr.h"

/* --- The fake questionnaire ---------------------------------------------------------- */

enum {
	I_AGE,
	I_SLEEP,
	I_PAIN,
	I_SMOKER,
	I_TREND,
	I_SYMPTOMS,
	I_NOTES,
	I_LEG,
	I_LATER,
	I_FATIGUE,
	I_T,
	I_F,
	I_U,
	ITEMS,
};

static const char *const trend_choices[] = { "better", "same", "worse", NULL };
static const char *const symptom_choices[] = { "none", "numbness", "weakness", "fever",
                                               "fatigue", NULL };
static const char *const leg_choices[] = { "none", "above_knee", "below_knee", NULL };
static const char *const outcome_ids[] = { "emergency", "urgent", "assessment", "rest", NULL };
static const char *const rule_ids[] = { "red_flag", "load_spike", NULL };

struct fake_sym {
	const char *name;
	enum expr_sym_kind kind;
	size_t index;
	enum expr_type type;
	size_t owner;
	const char *why_not;
	bool is_advice_only;
};

static const struct fake_sym syms[] = {
	{ "age", EXPR_SYM_ITEM, I_AGE, EXPR_T_NUM, 0, NULL, false },
	/* A number whose choice_owner is not 0: owners only matter for choices. */
	{ "sleep_hours", EXPR_SYM_ITEM, I_SLEEP, EXPR_T_NUM, 99, NULL, false },
	{ "pain_now", EXPR_SYM_ITEM, I_PAIN, EXPR_T_NUM, 0, NULL, false },
	{ "smoker", EXPR_SYM_ITEM, I_SMOKER, EXPR_T_BOOL, 0, NULL, false },
	{ "pain_trend", EXPR_SYM_ITEM, I_TREND, EXPR_T_CHOICE, I_TREND, NULL, false },
	{ "symptoms", EXPR_SYM_ITEM, I_SYMPTOMS, EXPR_T_SET, I_SYMPTOMS, NULL, false },
	{ "notes", EXPR_SYM_ITEM, I_NOTES, EXPR_T_STR, 0, NULL, false },
	{ "leg_symptoms", EXPR_SYM_ITEM, I_LEG, EXPR_T_CHOICE, I_LEG, NULL, false },
	{ "later_item", EXPR_SYM_ITEM, I_LATER, EXPR_T_NUM, 0,
	  "'later_item' is asked after this item, so its condition cannot use it", false },
	{ "fatigue", EXPR_SYM_ITEM, I_FATIGUE, EXPR_T_NUM, 0, NULL, false },
	{ "t", EXPR_SYM_ITEM, I_T, EXPR_T_BOOL, 0, NULL, false },
	{ "f", EXPR_SYM_ITEM, I_F, EXPR_T_BOOL, 0, NULL, false },
	{ "u", EXPR_SYM_ITEM, I_U, EXPR_T_BOOL, 0, NULL, false },
	{ "load", EXPR_SYM_DERIVED, 0, EXPR_T_NUM, 0, NULL, false },
	{ "outcome", EXPR_SYM_OUTCOME, 0, EXPR_T_CHOICE, EXPR_OWNER_OUTCOMES, NULL, true },
};

enum { NSYMS = sizeof syms / sizeof syms[0] };

struct fake {
	bool is_advice;
};

static bool same_name(const char *a, const char *name, size_t len)
{
	return strlen(a) == len && memcmp(a, name, len) == 0;
}

static int fake_lookup(void *ctx, const char *name, size_t len, struct expr_symbol *out)
{
	const struct fake *f = ctx;
	for (size_t i = 0; i < NSYMS; i++) {
		if (!same_name(syms[i].name, name, len) || (syms[i].is_advice_only && !f->is_advice))
			continue;
		*out = (struct expr_symbol){ syms[i].kind, syms[i].index, syms[i].type,
		                             syms[i].owner, syms[i].why_not };
		return 0;
	}
	return -1;
}

static const char *const *choices_of(size_t owner)
{
	if (owner == I_TREND)
		return trend_choices;
	if (owner == I_SYMPTOMS)
		return symptom_choices;
	if (owner == I_LEG)
		return leg_choices;
	if (owner == EXPR_OWNER_OUTCOMES)
		return outcome_ids;
	return NULL;
}

static int find(const char *const *list, const char *name, size_t len)
{
	for (int i = 0; list != NULL && list[i] != NULL; i++)
		if (same_name(list[i], name, len))
			return i;
	return -1;
}

static int fake_choice(void *ctx, size_t owner, const char *name, size_t len)
{
	(void)ctx;
	return find(choices_of(owner), name, len);
}

static const char *fake_owner_name(void *ctx, size_t owner)
{
	(void)ctx;
	for (size_t i = 0; i < NSYMS; i++)
		if (syms[i].kind == EXPR_SYM_ITEM && syms[i].index == owner)
			return syms[i].name;
	return NULL;
}

static int fake_rule(void *ctx, const char *name, size_t len)
{
	(void)ctx;
	return find(rule_ids, name, len);
}

static const char *fake_name_at(void *ctx, size_t i)
{
	(void)ctx;
	return i < NSYMS ? syms[i].name : NULL;
}

static const char *fake_choice_at(void *ctx, size_t owner, size_t i)
{
	(void)ctx;
	return choices_of(owner)[i];
}

static const char *fake_rule_at(void *ctx, size_t i)
{
	(void)ctx;
	return rule_ids[i];
}

static struct fake plain_ctx = { false }, advice_ctx = { true };

static const struct expr_scope plain_scope = {
	.ctx = &plain_ctx, .lookup = fake_lookup, .choice = fake_choice,
	.owner_name = fake_owner_name, .rule = NULL, .name_at = fake_name_at,
	.choice_at = fake_choice_at, .rule_at = fake_rule_at,
};

static const struct expr_scope advice_scope = {
	.ctx = &advice_ctx, .lookup = fake_lookup, .choice = fake_choice,
	.owner_name = fake_owner_name, .rule = fake_rule, .name_at = fake_name_at,
	.choice_at = fake_choice_at, .rule_at = fake_rule_at,
};

/* The answers every value case runs against. */
static struct value items[ITEMS], derived[1], outcome[1], rules[2];

static void fill_env(struct expr_env *env)
{
	items[I_AGE] = value_num(40);
	items[I_SLEEP] = value_num(6.5);
	items[I_PAIN] = value_unknown();
	items[I_SMOKER] = value_bool(true);
	items[I_TREND] = value_choice(1);
	items[I_SYMPTOMS] = value_set(0x6);
	items[I_NOTES] = value_str("sore");
	items[I_LEG] = value_unknown();
	items[I_LATER] = value_num(3);
	items[I_FATIGUE] = value_num(4);
	items[I_T] = value_bool(true);
	items[I_F] = value_bool(false);
	items[I_U] = value_unknown();
	derived[0] = value_num(120);
	outcome[0] = value_choice(2);
	rules[0] = value_bool(false);
	rules[1] = value_bool(true);
	*env = (struct expr_env){ { [EXPR_SYM_ITEM] = items, [EXPR_SYM_DERIVED] = derived,
	                            [EXPR_SYM_OUTCOME] = outcome, [EXPR_SYM_RULE] = rules } };
}

static const struct expr_source at_3_11 = { { "q.yaml", 3, 11 }, true, NULL };

/* A value as text: "true", "false", "unknown", "6.5", "choice 2", "set 0x6", "text \"x\"". */
static void show(struct value v, char *buf, size_t size)
{
	switch (v.kind) {
	case VAL_UNKNOWN:
		snprintf(buf, size, "unknown");
		break;
	case VAL_BOOL:
		snprintf(buf, size, "%s", v.u.b ? "true" : "false");
		break;
	case VAL_NUM:
		snprintf(buf, size, "%g", v.u.num);
		break;
	case VAL_STR:
		snprintf(buf, size, "text \"%s\"", v.u.str);
		break;
	case VAL_CHOICE:
		snprintf(buf, size, "choice %u", v.u.choice);
		break;
	case VAL_SET:
		snprintf(buf, size, "set 0x%llx", (unsigned long long)v.u.set);
		break;
	}
}

/* Prints the kept diagnostics as "LINE:COL: message" lines into buf. */
static void show_diags(const struct diag *d, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < diag_count(d) && used < size; i++) {
		const struct diag_entry *e = diag_get(d, i);
		used += (size_t)snprintf(buf + used, size - used, "%s%d:%d: %s", i ? "\n" : "",
		                         e->line, e->col, e->message);
	}
}

struct error_case {
	enum expr_type type;
	const char *text;
	/* "LINE:COL: message" lines, as show_diags() prints them. */
	const char *want;
};

static void run_error_cases(const struct error_case *cases, size_t n,
                            const struct expr_scope *scope, struct expr_source src);

/* --- Values -------------------------------------------------------------------------- */

#define B EXPR_T_BOOL
#define N EXPR_T_NUM

struct value_case {
	enum expr_type type;
	const char *text;
	const char *want;
};

static void run_value_cases(const struct value_case *cases, size_t n,
                            const struct expr_scope *scope)
{
	struct expr_env env;
	fill_env(&env);
	for (size_t i = 0; i < n; i++) {
		struct arena *a = arena_new();
		struct diag *d = diag_new();
		char got[128], diags[1024];
		const struct value_case *c = &cases[i];
		struct expr *e = expr_compile(a, d, c->text, strlen(c->text), at_3_11, scope,
		                              c->type);
		show_diags(d, diags, sizeof diags);
		if (e == NULL)
			fail_msg("'%s' did not compile: %s", c->text, diags);
		assert_int_equal(diag_count(d), 0);
		assert_int_equal(expr_type(e), c->type);
		show(expr_eval(e, &env), got, sizeof got);
		if (strcmp(got, c->want) != 0)
			fail_msg("'%s' = %s, want %s", c->text, got, c->want);
		assert_int_equal(expr_holds(e, &env), strcmp(c->want, "true") == 0);
		diag_free(d);
		arena_free(a);
	}
}

#define RUN(cases, scope) run_value_cases(cases, sizeof cases / sizeof cases[0], scope)

static void test_expr_three_valued_truth_tables(void **state)
{
	(void)state;
	static const struct value_case cases[] = {
		{ B, "t and t", "true" },    { B, "t and f", "false" },   { B, "t and u", "unknown" },
		{ B, "f and t", "false" },   { B, "f and f", "false" },   { B, "f and u", "false" },
		{ B, "u and t", "unknown" }, { B, "u and f", "false" },   { B, "u and u", "unknown" },
		{ B, "t or t", "true" },     { B, "t or f", "true" },     { B, "t or u", "true" },
		{ B, "f or t", "true" },     { B, "f or f", "false" },    { B, "f or u", "unknown" },
		{ B, "u or t", "true" },     { B, "u or f", "unknown" },  { B, "u or u", "unknown" },
		{ B, "not t", "false" },     { B, "not f", "true" },      { B, "not u", "unknown" },
		{ B, "true", "true" },       { B, "false", "false" },     { B, "not not u", "unknown" },
		{ B, "u == u", "unknown" },  { B, "u != t", "unknown" },  { B, "t == true", "true" },
		{ B, "f != false", "false" },
	};
	RUN(cases, &plain_scope);
}

static void test_expr_precedence(void **state)
{
	(void)state;
	static const struct value_case cases[] = {
		{ N, "1 + 2 * 3", "7" },
		{ N, "(1 + 2) * 3", "9" },
		{ N, "10 - 4 - 3", "3" },
		{ N, "12 / 3 / 2", "2" },
		{ N, "2 * 3 + 4 * 5", "26" },
		{ N, "-2 * 3", "-6" },
		{ N, "- -2", "2" },
		{ N, "2 - -3", "5" },
		{ N, "-(1 + 2)", "-3" },
		{ N, "7", "7" },
		{ N, "0.5", "0.5" },
		{ N, "007.250", "7.25" },
		{ B, "not t or t", "true" },
		{ B, "not f and f", "false" },
		{ B, "not (t and f)", "true" },
		{ B, "t or f and f", "true" },
		{ B, "(t or f) and f", "false" },
		{ B, "not age == 40", "false" },
		{ B, "1 + 2 == 3", "true" },
		{ B, "age >= 18 and age < 65", "true" },
		{ B, "sleep_hours * 2 > 12", "true" },
		{ B, "age - 40 <= 0 and not smoker == false", "true" },
		{ B, "f or t and not f", "true" },
		{ B, "t == (not f)", "true" },
		{ B, "not not t and not f", "true" },
		{ B, "not numbness in symptoms", "false" },
		{ B, "  age\t==\n40  ", "true" },
	};
	RUN(cases, &plain_scope);
}

static void test_expr_comparisons_and_arithmetic(void **state)
{
	(void)state;
	static const struct value_case cases[] = {
		{ B, "age == 40", "true" },       { B, "age != 40", "false" },
		{ B, "age < 40", "false" },       { B, "age <= 40", "true" },
		{ B, "age > 39.5", "true" },      { B, "age >= 41", "false" },
		{ N, "sleep_hours + 1", "7.5" },  { N, "sleep_hours - 0.5", "6" },
		{ N, "sleep_hours * 2", "13" },   { N, "sleep_hours / 2", "3.25" },
		{ N, "load / 4", "30" },          { B, "notes == \"sore\"", "true" },
		{ B, "notes != \"sore\"", "false" },
		{ B, "\"a\\\"b\\\\\" == \"a\\\"b\\\\\"", "true" },
		{ B, "smoker == true", "true" },  { B, "smoker != t", "false" },
		{ B, "sleep_hours == age", "false" },
		{ N, "if(t, sleep_hours, age)", "6.5" },
	};
	RUN(cases, &plain_scope);
}

static void test_expr_unknown_propagates(void **state)
{
	(void)state;
	static const struct value_case cases[] = {
		{ N, "pain_now + 1", "unknown" },   { N, "1 - pain_now", "unknown" },
		{ N, "pain_now * 0", "unknown" },   { N, "pain_now / 1", "unknown" },
		{ N, "-pain_now", "unknown" },      { B, "pain_now > 3", "unknown" },
		{ B, "pain_now <= 3", "unknown" },  { B, "pain_now == pain_now", "unknown" },
		{ B, "pain_now != 1", "unknown" },  { B, "not pain_now > 3", "unknown" },
		{ B, "pain_now > 3 or t", "true" }, { B, "pain_now > 3 and f", "false" },
		{ B, "leg_symptoms == none", "unknown" },
		{ B, "leg_symptoms != none", "unknown" },
		{ B, "leg_symptoms in [none, below_knee]", "unknown" },
		{ B, "answered(pain_now) and pain_now > 3", "false" },
	};
	RUN(cases, &plain_scope);
}

static void test_expr_division_by_zero_is_unknown(void **state)
{
	(void)state;
	static const struct value_case cases[] = {
		{ N, "1 / 0", "unknown" },
		{ N, "age / (age - 40)", "unknown" },
		{ N, "0 / 0", "unknown" },
		{ B, "1 / 0 > 3", "unknown" },
		{ B, "answered(1 / 0)", "false" },
		{ N, "sum(1 / 0, 2)", "2" },
		{ N, "if(answered(1 / 0), 1, 2)", "2" },
		{ N, "0 / 5", "0" },
	};
	RUN(cases, &plain_scope);
}

static void test_expr_overflow_is_unknown(void **state)
{
	(void)state;
	char text[400];
	memset(text, '9', 300);
	strcpy(text + 300, " * 1");
	struct value_case cases[] = { { N, text, "1e+300" } };
	RUN(cases, &plain_scope);
	strcpy(text + 300, " * 1000000000");
	struct value_case overflow[] = { { N, text, "unknown" } };
	RUN(overflow, &plain_scope);
	strcpy(text + 300, " * -1000000000 - 1");
	struct value_case negative[] = { { N, text, "unknown" } };
	RUN(negative, &plain_scope);
	memset(text, '9', 390);
	text[390] = '\0';
	struct error_case too_large[] = {
		{ N, text, "3:11: the number 999999999999999999999999... is too large" },
	};
	run_error_cases(too_large, 1, &plain_scope, at_3_11);
}

static void test_expr_choices_lists_and_in(void **state)
{
	(void)state;
	static const struct value_case cases[] = {
		{ B, "pain_trend == same", "true" },
		{ B, "same == pain_trend", "true" },
		{ B, "pain_trend != worse", "true" },
		{ B, "pain_trend == pain_trend", "true" },
		{ B, "pain_trend in [same, worse]", "true" },
		{ B, "pain_trend in [better]", "false" },
		{ B, "numbness in symptoms", "true" },
		{ B, "none in symptoms", "false" },
		{ B, "not fever in symptoms", "true" },
		{ B, "symptoms == [numbness, weakness]", "true" },
		{ B, "symptoms == [weakness, numbness]", "true" },
		{ B, "[weakness, numbness] == symptoms", "true" },
		{ B, "symptoms == [numbness]", "false" },
		{ B, "symptoms != [none]", "true" },
		{ B, "symptoms == symptoms", "true" },
		/* A choice id wins over an item of the same name where a choice is expected. */
		{ B, "fatigue in symptoms", "false" },
		{ B, "fatigue > 3", "true" },
		{ B, "symptoms == [fatigue]", "false" },
		{ B, "if(t, pain_trend, pain_trend) == same", "true" },
		/* Bare choice ids as results of if() take their meaning from the other side. */
		{ B, "pain_trend == if(t, same, worse)", "true" },
		{ B, "if(f, worse, same) == pain_trend", "true" },
		{ B, "if(t, pain_trend, worse) == same", "true" },
		{ B, "if(f, better, pain_trend) != worse", "true" },
		{ B, "symptoms == if(t, [numbness, weakness], [none])", "true" },
		{ B, "if(t, pain_trend, same) == same", "true" },
		{ B, "if(f, pain_trend, same) == worse", "false" },
		{ B, "if(t, same, worse) == if(f, pain_trend, better)", "false" },
		{ B, "if(t, if(f, same, worse), pain_trend) == worse", "true" },
		{ B, "pain_trend == if(u, better, if(t, same, worse))", "true" },
		{ B, "if(t, same, pain_trend) in [same, worse]", "true" },
		{ B, "numbness in if(t, symptoms, [none])", "true" },
		{ B, "symptoms == if(t, [numbness], symptoms)", "false" },
	};
	RUN(cases, &plain_scope);
	static const struct value_case choice_valued[] = {
		{ EXPR_T_CHOICE, "if(f, pain_trend, pain_trend)", "choice 1" },
		{ EXPR_T_SET, "symptoms", "set 0x6" },
		{ EXPR_T_STR, "notes", "text \"sore\"" },
	};
	RUN(choice_valued, &plain_scope);
}

static void test_expr_functions(void **state)
{
	(void)state;
	static const struct value_case cases[] = {
		{ N, "count(symptoms)", "2" },
		{ N, "count(t, f, u, t)", "2" },
		{ N, "count(u)", "0" },
		{ N, "count(age > 30, sleep_hours < 6, pain_now > 3)", "1" },
		{ N, "count(symptoms) + 1", "3" },
		{ N, "sum(1, 2, 3.5)", "6.5" },
		{ N, "sum(1, 2, pain_now)", "3" },
		{ N, "sum(pain_now)", "0" },
		{ N, "min(3, pain_now, 1)", "1" },
		{ N, "max(3, pain_now, 1)", "3" },
		{ N, "min(pain_now)", "unknown" },
		{ N, "max(pain_now, pain_now)", "unknown" },
		{ N, "min(-2, 5)", "-2" },
		{ N, "max(-2, -5)", "-2" },
		{ N, "clamp(15, 0, 10)", "10" },
		{ N, "clamp(-5, 0, 10)", "0" },
		{ N, "clamp(5, 0, 10)", "5" },
		{ N, "clamp(pain_now, 0, 10)", "unknown" },
		{ N, "clamp(5, pain_now, 10)", "unknown" },
		{ B, "answered(pain_now)", "false" },
		{ B, "answered(age)", "true" },
		{ B, "answered(u)", "false" },
		{ B, "answered(f)", "true" },
		{ B, "answered(symptoms)", "true" },
		{ B, "answered(leg_symptoms)", "false" },
		{ B, "answered(pain_now + 1)", "false" },
		{ N, "if(t, 1, 2)", "1" },
		{ N, "if(f, 1, 2)", "2" },
		{ N, "if(u, 1, 2)", "2" },
		{ N, "if(t, pain_now, 2)", "unknown" },
		{ B, "if(t, u, t)", "unknown" },
		{ N, "if(age > 30, if(smoker, 3, 2), 1)", "3" },
		{ N, "clamp(sum(if(answered(pain_now), pain_now * 3, 0), (sleep_hours - 4) * 10), "
		     "0, 20)", "20" },
	};
	RUN(cases, &plain_scope);
}

static void test_expr_advice_names(void **state)
{
	(void)state;
	static const struct value_case cases[] = {
		{ B, "outcome == assessment", "true" },
		{ B, "outcome != assessment", "false" },
		{ B, "outcome in [rest, assessment]", "true" },
		{ B, "outcome in [emergency, urgent]", "false" },
		{ B, "matched(load_spike)", "true" },
		{ B, "matched(red_flag)", "false" },
		{ B, "matched(load_spike) and outcome == assessment", "true" },
	};
	RUN(cases, &advice_scope);
}

/* Values missing from the environment, or of the wrong kind, are unknown. */
static void test_expr_env_gaps_are_unknown(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct diag *d = diag_new();
	struct expr_env env;
	fill_env(&env);
	const char *text = "load + age";
	struct expr *e = expr_compile(a, d, text, strlen(text), at_3_11, &plain_scope, N);
	assert_non_null(e);
	assert_true(expr_eval(e, &env).u.num == 160);
	env.tables[EXPR_SYM_DERIVED] = NULL;
	assert_int_equal(expr_eval(e, &env).kind, VAL_UNKNOWN);
	fill_env(&env);
	items[I_AGE] = value_bool(true);
	assert_int_equal(expr_eval(e, &env).kind, VAL_UNKNOWN);
	text = "outcome == rest";
	e = expr_compile(a, d, text, strlen(text), at_3_11, &advice_scope, B);
	assert_non_null(e);
	outcome[0] = value_unknown();
	assert_int_equal(expr_eval(e, &env).kind, VAL_UNKNOWN);
	assert_false(expr_holds(e, &env));
	diag_free(d);
	arena_free(a);
}

/* --- Errors -------------------------------------------------------------------------- */

static void run_error_cases(const struct error_case *cases, size_t n,
                            const struct expr_scope *scope, struct expr_source src)
{
	for (size_t i = 0; i < n; i++) {
		struct arena *a = arena_new();
		struct diag *d = diag_new();
		char got[2048];
		const struct error_case *c = &cases[i];
		struct expr *e = expr_compile(a, d, c->text, strlen(c->text), src, scope, c->type);
		show_diags(d, got, sizeof got);
		if (e != NULL)
			fail_msg("'%s' compiled, but should fail with: %s", c->text, c->want);
		if (strcmp(got, c->want) != 0)
			fail_msg("'%s':\n got: %s\nwant: %s", c->text, got, c->want);
		assert_int_equal(diag_errors(d), diag_count(d));
		diag_free(d);
		arena_free(a);
	}
}

#define FAIL(cases, scope) \
	run_error_cases(cases, sizeof cases / sizeof cases[0], scope, at_3_11)

static void test_expr_syntax_errors(void **state)
{
	(void)state;
	static const struct error_case cases[] = {
		{ B, "", "3:11: the expression is empty" },
		{ B, "   ", "3:11: the expression is empty" },
		{ N, "(age + 1", "3:19: expected ')' to close the '(' at column 11" },
		{ N, "(age + 1 2", "3:20: expected ')' to close the '(' at column 11, but found '2'" },
		{ N, "max(1, 2", "3:19: expected ',' or ')' to close the '(' at column 14" },
		{ N, "max(1, )", "3:18: expected a value, but found ')'" },
		{ N, "age +", "3:16: expected a value, but found the end of the expression" },
		{ N, "* 2", "3:11: expected a value, but found '*'" },
		{ N, "age 3", "3:15: expected an operator or the end of the expression, but found '3'" },
		{ N, "age)", "3:14: ')' has no matching '(' before it" },
		{ B, "symptoms == [none]]", "3:29: ']' has no matching '[' before it" },
		{ B, "age > 1 > 0", "3:19: comparisons cannot be chained: write 'a < b and b < c' "
		                    "instead of 'a < b < c'" },
		{ B, "age == 1 == t", "3:20: comparisons cannot be chained: write 'a < b and b < c' "
		                      "instead of 'a < b < c'" },
		{ B, "t == not f", "3:16: 'not' cannot stand here without brackets: write "
		                   "'(not ...)'" },
		{ N, "1 + not t", "3:15: 'not' cannot stand here without brackets: write "
		                  "'(not ...)'" },
		{ B, "age = 3", "3:15: '=' is not an operator; write '==' to compare" },
		{ B, "t && f", "3:13: '&&' is not an operator; write 'and'" },
		{ B, "t || f", "3:13: '||' is not an operator; write 'or'" },
		{ B, "!t", "3:11: '!' is not an operator; write 'not'" },
		{ B, "notes == 'x'", "3:20: text is written in double quotes, \"like this\"" },
		{ N, ".5", "3:11: a number must start with a digit, as in 0.5" },
		{ N, "1. + 2", "3:12: expected a digit after the '.' in '1.'" },
		{ B, "notes == \"abc", "3:20: this text has no closing '\"'" },
		{ B, "notes == \"a\\nb\"", "3:22: unknown escape in text: only \\\" and \\\\ may "
		                           "follow a '\\'" },
		{ B, "Age > 3", "3:11: 'Age': names and keywords are written in lower case" },
		{ B, "age # 3", "3:15: unexpected character '#'" },
		{ B, "age > 3 \x01", "3:19: unexpected byte 0x01 (only letters, digits and the "
		                     "operators of the language may appear outside quotes)" },
		{ B, "café > 3", "3:14: unexpected character 'é' (names use only the letters a to z, "
		                 "digits and '_')" },
		{ B, "age > 3 \xff", "3:19: unexpected byte 0xFF (only letters, digits and the "
		                     "operators of the language may appear outside quotes)" },
		{ N, "cout(t)", "3:11: unknown function 'cout'; did you mean 'count'?" },
		{ N, "total(t)", "3:11: unknown function 'total'" },
		{ N, "age(1)", "3:11: 'age' is not a function" },
		{ N, "clamp(1, 2)", "3:11: clamp() needs 3 arguments, but has 2" },
		{ B, "answered(age, pain_now)", "3:11: answered() needs 1 argument, but has 2" },
		{ N, "sum()", "3:11: sum() needs at least 1 argument" },
		{ B, "[1] == symptoms", "3:12: expected a choice id in the list, but found '1'" },
		{ B, "symptoms == []", "3:24: expected a choice id in the list, but found ']'" },
		{ B, "symptoms == [none", "3:28: expected ',' or ']' to close the '[' at column 23" },
		{ B, "symptoms == [none numbness]", "3:29: expected ',' or ']' to close the '[' at "
		                                   "column 23, but found 'numbness'" },
	};
	FAIL(cases, &plain_scope);
	/* A NUL byte inside the text is an error at its position, not the end of the text. */
	struct arena *a = arena_new();
	struct diag *d = diag_new();
	assert_null(expr_compile(a, d, "age > 3\0 or t", 13, at_3_11, &plain_scope, B));
	assert_int_equal(diag_count(d), 1);
	assert_int_equal(diag_get(d, 0)->col, 18);
	assert_string_equal(diag_get(d, 0)->message, "unexpected byte 0x00 (only letters, digits "
	                    "and the operators of the language may appear outside quotes)");
	assert_null(expr_compile(a, d, NULL, 0, at_3_11, &plain_scope, B));
	assert_string_equal(diag_get(d, 1)->message, "the expression is empty");
	diag_free(d);
	arena_free(a);
}

static void test_expr_name_errors(void **state)
{
	(void)state;
	static const struct error_case cases[] = {
		{ B, "slep_hours > 7", "3:11: unknown name 'slep_hours'; did you mean 'sleep_hours'?" },
		{ B, "xyzzy > 7", "3:11: unknown name 'xyzzy'" },
		{ B, "slep_hours > 7 and agee > 3",
		  "3:11: unknown name 'slep_hours'; did you mean 'sleep_hours'?\n"
		  "3:30: unknown name 'agee'; did you mean 'age'?" },
		{ B, "pain_trend == beter", "3:25: pain_trend has no choice 'beter'; did you mean "
		                            "'better'?" },
		{ B, "beter == pain_trend", "3:11: pain_trend has no choice 'beter'; did you mean "
		                            "'better'?" },
		{ B, "pain_trend in [same, wrose]", "3:32: pain_trend has no choice 'wrose'; did you "
		                                    "mean 'worse'?" },
		{ B, "pain_trend in [same, same]", "3:32: 'same' is listed twice" },
		{ B, "fevr in symptoms", "3:11: symptoms has no choice 'fevr'; did you mean 'fever'?" },
		{ B, "symptoms == [nnoe, zzz]",
		  "3:24: symptoms has no choice 'nnoe'; did you mean 'none'?\n"
		  "3:30: symptoms has no choice 'zzz'" },
		{ B, "later_item > 3", "3:11: 'later_item' is asked after this item, so its condition "
		                       "cannot use it" },
		{ B, "outcome == rest", "3:11: unknown name 'outcome'" },
		{ B, "matched(red_flag)", "3:11: matched() can only be used in advice conditions" },
		{ B, "beter == worse", "3:11: unknown name 'beter'" },
	};
	FAIL(cases, &plain_scope);
	static const struct error_case advice[] = {
		{ B, "outcome == asessment", "3:22: unknown outcome 'asessment'; did you mean "
		                             "'assessment'?" },
		{ B, "outcome in [rest, urgnt]", "3:29: unknown outcome 'urgnt'; did you mean "
		                                 "'urgent'?" },
		{ B, "matched(red_flg)", "3:19: unknown rule 'red_flg'; did you mean 'red_flag'?" },
		{ B, "matched(age > 1)", "3:19: matched() needs a rule id" },
	};
	FAIL(advice, &advice_scope);
}

static void test_expr_type_errors(void **state)
{
	(void)state;
	static const struct error_case cases[] = {
		{ N, "smoker + 1", "3:11: '+' needs numbers, but 'smoker' is yes/no" },
		{ N, "1 * notes", "3:15: '*' needs numbers, but 'notes' is text" },
		{ B, "pain_trend < 3", "3:11: '<' needs numbers, but 'pain_trend' is a single choice "
		                       "answer" },
		{ B, "\"a\" < \"b\"", "3:11: '<' needs numbers, but '\"a\"' is text\n"
		                      "3:17: '<' needs numbers, but '\"b\"' is text" },
		{ N, "-t", "3:12: '-' needs a number, but 't' is yes/no" },
		{ B, "not age", "3:15: 'not' needs a yes/no value, but 'age' is a number" },
		{ B, "t and 1", "3:17: 'and' needs yes/no values, but '1' is a number" },
		{ B, "symptoms or t", "3:11: 'or' needs yes/no values, but 'symptoms' is a multiple "
		                      "choice answer" },
		{ B, "age == t", "3:18: '==' needs two values of the same kind, but 'age' is a number "
		                 "and 't' is yes/no" },
		{ B, "notes != 3", "3:20: '!=' needs two values of the same kind, but 'notes' is text "
		                   "and '3' is a number" },
		{ B, "pain_trend == leg_symptoms", "3:25: 'pain_trend' and 'leg_symptoms' have "
		                                   "different choices and cannot be compared" },
		{ B, "symptoms == none", "3:23: 'symptoms' is a multiple choice answer: compare it "
		                         "with a list, as in symptoms == [none], or test one choice "
		                         "with none in symptoms" },
		{ B, "pain_trend == [same]", "3:25: a single choice cannot be compared with a list; "
		                             "use 'in' to test whether it is one of the choices "
		                             "listed" },
		{ B, "age in symptoms", "3:11: 'in' needs one of the choices of symptoms before it, "
		                        "but 'age' is a number" },
		{ B, "pain_trend in symptoms", "3:11: 'in' needs one of the choices of symptoms before "
		                               "it, but 'pain_trend' is a single choice answer" },
		{ B, "same in pain_trend", "3:19: 'in' needs a multiple choice answer or a list after "
		                           "it, but 'pain_trend' is a single choice answer" },
		{ B, "symptoms in [none]", "3:11: 'in' before a list needs a single choice answer, "
		                           "but 'symptoms' is a multiple choice answer" },
		{ B, "age in [a]", "3:11: 'in' before a list needs a single choice answer, but 'age' "
		                   "is a number" },
		{ B, "[same] == [same]", "3:11: a list of choice ids can only be compared with a "
		                         "multiple choice answer or follow 'in'" },
		{ N, "count(age)", "3:17: count() counts yes/no conditions, or the choices of one "
		                   "multiple choice answer, but 'age' is a number" },
		{ N, "count(symptoms, t)", "3:17: count() counts yes/no conditions, or the choices of "
		                           "one multiple choice answer, but 'symptoms' is a multiple "
		                           "choice answer" },
		{ N, "sum(1, smoker)", "3:18: sum() needs numbers, but 'smoker' is yes/no" },
		{ N, "clamp(age, 0, symptoms)", "3:25: clamp() needs numbers, but 'symptoms' is a "
		                                "multiple choice answer" },
		{ N, "if(age, 1, 2)", "3:14: if() needs a yes/no condition first, but 'age' is a "
		                      "number" },
		{ N, "if(t, 1, f)", "3:20: if() needs two results of the same kind, but '1' is a "
		                    "number and 'f' is yes/no" },
		{ B, "pain_trend == if(t, same, nope)", "3:37: pain_trend has no choice 'nope'" },
		{ B, "if(t, same, nope) == pain_trend", "3:23: pain_trend has no choice 'nope'" },
		{ B, "if(t, pain_trend, above_knee) == same", "3:29: pain_trend has no choice "
		                                         "'above_knee'" },
		{ B, "if(t, pain_trend, leg_symptoms) == same", "3:29: if() needs two results of the "
		                                           "same kind, but 'pain_trend' and "
		                                           "'leg_symptoms' have different choices" },
		/* Two bare choice ids with nothing to take their meaning from. */
		{ B, "if(t, same, worse) == same", "3:17: unknown name 'same'" },
		{ B, "if(t, pain_trend, same)", "3:11: a condition must be yes/no, but 'if(t, "
		                            "pain_trend, same)' is a choice of pain_trend" },
		{ B, "age", "3:11: a condition must be yes/no, but 'age' is a number" },
		{ N, "t", "3:11: a value must be a number, but 't' is yes/no" },
		{ N, "sleep_hours > 7 and smoker and pain_now < 3 and age > 40",
		  "3:11: a value must be a number, but 'sleep_hours > 7 and smoker ...' is yes/no" },
		{ B, "smoker + 1 > 2 and notes", "3:11: '+' needs numbers, but 'smoker' is yes/no\n"
		                                 "3:30: 'and' needs yes/no values, but 'notes' is "
		                                 "text" },
	};
	FAIL(cases, &plain_scope);
}

/* Without an exact source every message points at the start of the expression. */
static void test_expr_inexact_source_points_at_start(void **state)
{
	(void)state;
	static const struct error_case cases[] = {
		{ N, "(age + 1", "7:5: expected ')' to close the '(' at character 1 of the "
		                 "expression" },
		{ N, "1 +\n  smoker", "7:5: '+' needs numbers, but 'smoker' is yes/no" },
	};
	struct expr_source src = { { "q.yaml", 7, 5 }, false, NULL };
	run_error_cases(cases, sizeof cases / sizeof cases[0], &plain_scope, src);
}

/* A quoted source with escapes gives a column for each byte: messages use it. */
static void test_expr_escaped_source_uses_its_columns(void **state)
{
	(void)state;
	static const int cols[] = { 11, 12, 13, 14, 20, 21 };
	static const struct error_case cases[] = {
		{ N, "1 + t", "3:20: '+' needs numbers, but 't' is yes/no" },
		{ N, "1 + (", "3:21: expected a value, but found the end of the expression" },
	};
	struct expr_source src = { { "q.yaml", 3, 11 }, true, cols };
	run_error_cases(cases, sizeof cases / sizeof cases[0], &plain_scope, src);
}

/* --- Limits -------------------------------------------------------------------------- */

/* open + "1" + close, each repeated n times, in a malloc'ed string. */
static char *nested(const char *open, const char *close, size_t n)
{
	size_t lo = strlen(open), lc = strlen(close);
	char *s = malloc(n * (lo + lc) + 2);
	assert_non_null(s);
	char *p = s;
	for (size_t i = 0; i < n; i++, p += lo)
		memcpy(p, open, lo);
	*p++ = '1';
	for (size_t i = 0; i < n; i++, p += lc)
		memcpy(p, close, lc);
	*p = '\0';
	return s;
}

/* Compiles text as a number; returns the number of errors and copies the first message. */
static size_t compile_errors(const char *text, char *first, size_t size, int *col)
{
	struct arena *a = arena_new();
	struct diag *d = diag_new();
	struct expr *e = expr_compile(a, d, text, strlen(text), at_3_11, &plain_scope, N);
	size_t n = diag_errors(d);
	assert_true((e == NULL) == (n > 0));
	first[0] = '\0';
	if (n > 0) {
		snprintf(first, size, "%s", diag_get(d, 0)->message);
		*col = diag_get(d, 0)->col;
	}
	diag_free(d);
	arena_free(a);
	return n;
}

static void test_expr_depth_64_accepted_65_refused(void **state)
{
	(void)state;
	static const struct {
		const char *open, *close;
	} kinds[] = { { "(", ")" }, { "-", "" }, { "sum(", ")" }, { "clamp(", ", 0, 1)" } };
	char msg[256];
	int col = 0;
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		char *ok = nested(kinds[k].open, kinds[k].close, EXPR_MAX_DEPTH);
		char *deep = nested(kinds[k].open, kinds[k].close, EXPR_MAX_DEPTH + 1);
		if (compile_errors(ok, msg, sizeof msg, &col) != 0)
			fail_msg("64 levels of '%s' refused: %s", kinds[k].open, msg);
		assert_int_equal(compile_errors(deep, msg, sizeof msg, &col), 1);
		assert_string_equal(msg, "the expression is nested more than 64 levels deep");
		/* At the opening token of level 65. */
		int want = 11 + EXPR_MAX_DEPTH * (int)strlen(kinds[k].open) +
		           (kinds[k].open[1] != '\0' ? (int)strlen(kinds[k].open) - 1 : 0);
		assert_int_equal(col, want);
		free(ok);
		free(deep);
	}
	char *nots = malloc(4 * 70 + 8);
	assert_non_null(nots);
	nots[0] = '\0';
	for (int i = 0; i < 65; i++)
		strcat(nots, "not ");
	strcat(nots, "t");
	struct arena *a = arena_new();
	struct diag *d = diag_new();
	assert_null(expr_compile(a, d, nots, strlen(nots), at_3_11, &plain_scope, B));
	assert_string_equal(diag_get(d, 0)->message,
	                    "the expression is nested more than 64 levels deep");
	assert_int_equal(diag_get(d, 0)->col, 11 + 64 * 4);
	assert_non_null(expr_compile(a, d, nots + 4, strlen(nots + 4), at_3_11, &plain_scope, B));
	diag_free(d);
	arena_free(a);
	free(nots);
}

static void test_expr_100000_parentheses_refused_quickly(void **state)
{
	(void)state;
	char msg[256];
	int col = 0;
	char *deep = nested("(", ")", 100000);
	clock_t start = clock();
	assert_int_equal(compile_errors(deep, msg, sizeof msg, &col), 1);
	assert_string_equal(msg, "the expression is nested more than 64 levels deep");
	assert_int_equal(col, 11 + 64);
	/* Not a timing test: a generous bound that only a quadratic or runaway parse misses. */
	assert_true(clock() - start < 5 * CLOCKS_PER_SEC);
	free(deep);
	char *open_only = nested("(", "", 100000);
	assert_int_equal(compile_errors(open_only, msg, sizeof msg, &col), 1);
	free(open_only);
}

static void test_expr_long_chains_capped(void **state)
{
	(void)state;
	char msg[256];
	int col = 0;
	size_t n = EXPR_MAX_HEIGHT + 1;
	char *chain = malloc(n * 4 + 2);
	assert_non_null(chain);
	strcpy(chain, "1");
	for (size_t i = 0; i < EXPR_MAX_HEIGHT; i++)
		strcat(chain + i * 4, " + 1");
	assert_int_equal(compile_errors(chain, msg, sizeof msg, &col), 0);
	strcat(chain, " + 1");
	assert_int_equal(compile_errors(chain, msg, sizeof msg, &col), 1);
	assert_string_equal(msg, "the expression is too long: more than 1000 operators inside "
	                         "one another; split it into derived values");
	free(chain);
	/* A wide call is not deep: 100,000 arguments are fine. */
	char *wide = malloc(100000 * 3 + 8);
	assert_non_null(wide);
	strcpy(wide, "sum(1");
	for (size_t i = 1, len = 5; i < 100000; i++, len += 3)
		memcpy(wide + len, ", 1", 4);
	strcat(wide, ")");
	struct arena *a = arena_new();
	struct diag *d = diag_new();
	struct expr_env env;
	fill_env(&env);
	struct expr *e = expr_compile(a, d, wide, strlen(wide), at_3_11, &plain_scope, N);
	assert_non_null(e);
	assert_true(expr_eval(e, &env).u.num == 100000);
	diag_free(d);
	arena_free(a);
	free(wide);
}

/* --- References and text ------------------------------------------------------------- */

struct ref_log {
	char text[256];
};

static void log_ref(void *ctx, enum expr_sym_kind kind, size_t index)
{
	static const char *const kinds[] = { "item", "derived", "outcome", "rule" };
	struct ref_log *log = ctx;
	size_t used = strlen(log->text);
	snprintf(log->text + used, sizeof log->text - used, "%s%s %zu", used ? ", " : "",
	         kinds[kind], index);
}

static void test_expr_each_ref_in_order_of_appearance(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		const char *want;
	} cases[] = {
		{ "load > 3 and age > 1 and smoker and age < 5 and matched(load_spike) and "
		  "outcome == assessment and matched(load_spike)",
		  "derived 0, item 0, item 3, rule 1, outcome 0" },
		{ "smoker == (age > 3)", "item 3, item 0" },
		{ "same == pain_trend and fever in symptoms", "item 4, item 5" },
		{ "t", "item 10" },
		{ "true", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct arena *a = arena_new();
		struct diag *d = diag_new();
		struct ref_log log = { "" };
		struct expr *e = expr_compile(a, d, cases[i].text, strlen(cases[i].text), at_3_11,
		                              &advice_scope, B);
		assert_non_null(e);
		expr_each_ref(e, log_ref, &log);
		assert_string_equal(log.text, cases[i].want);
		diag_free(d);
		arena_free(a);
	}
}

static char *canonical(struct arena *a, const char *text, enum expr_type t)
{
	struct diag *d = diag_new();
	struct expr *e = expr_compile(a, d, text, strlen(text), at_3_11, &advice_scope, t);
	if (e == NULL)
		fail_msg("'%s' did not compile", text);
	diag_free(d);
	return expr_to_string(e);
}

static void test_expr_to_string_canonical_and_stable(void **state)
{
	(void)state;
	static const struct {
		enum expr_type type;
		const char *text, *want;
	} cases[] = {
		{ N, "1+2*3", "1 + 2 * 3" },
		{ N, "(1 + 2) * 3", "(1 + 2) * 3" },
		{ N, "1 - (2 - 3)", "1 - (2 - 3)" },
		{ N, "(1 - 2) - 3", "1 - 2 - 3" },
		{ N, "((((age))))", "age" },
		{ N, "-(1 + 2)", "-(1 + 2)" },
		{ N, "-2 * 3", "-2 * 3" },
		{ N, "- - 2", "--2" },
		{ B, "not (t and f)", "not (t and f)" },
		{ B, "not age == 40", "not age == 40" },
		{ B, "(not t) and f", "not t and f" },
		{ B, "(t == f) == t", "(t == f) == t" },
		{ B, "t or (f or t)", "t or (f or t)" },
		{ B, "(t or f) and u", "(t or f) and u" },
		{ B, "symptoms==[numbness,weakness]", "symptoms == [numbness, weakness]" },
		{ B, "pain_trend in[same]", "pain_trend in [same]" },
		{ B, "fever in symptoms", "fever in symptoms" },
		{ N, "clamp( 0.50 , 0 , 1 )", "clamp(0.5, 0, 1)" },
		{ N, "0.1 + 1.25 + 100 + 0.333", "0.1 + 1.25 + 100 + 0.333" },
		{ B, "notes == \"a\\\"b\\\\\"", "notes == \"a\\\"b\\\\\"" },
		{ B, "matched( load_spike ) and outcome==rest", "matched(load_spike) and outcome == "
		                                               "rest" },
		{ N, "if(answered(pain_now),pain_now,0)", "if(answered(pain_now), pain_now, 0)" },
		/* Plain decimals however large or small (the lexer reads no exponent); this one
		 * was printed as 2.2222222222222221e+75 and refused when read again. */
		{ N, "2222222222222222222222222222222222222222222222222222222222222222222222222222",
		  "2222222222222222058977291503291553163352896033776595305028103155067471790080" },
		{ N, "0.000000000000000000000000000000000000000125",
		  "0.000000000000000000000000000000000000000125" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct arena *a = arena_new();
		char *s = canonical(a, cases[i].text, cases[i].type);
		assert_string_equal(s, cases[i].want);
		char *again = canonical(a, s, cases[i].type);
		assert_string_equal(again, s);
		free(s);
		free(again);
		arena_free(a);
	}
}

static void test_expr_keywords_and_function_names(void **state)
{
	(void)state;
	static const char *const want[] = { "count", "sum", "min", "max", "clamp", "answered",
	                                    "if", "matched" };
	size_t n = 0;
	for (; expr_function_names[n] != NULL; n++)
		assert_string_equal(expr_function_names[n], want[n]);
	assert_int_equal(n, sizeof want / sizeof want[0]);
	assert_true(expr_is_keyword("and", 3));
	assert_true(expr_is_keyword("false", 5));
	assert_true(expr_is_keyword("inside", 2));
	assert_false(expr_is_keyword("inside", 6));
	assert_false(expr_is_keyword("count", 5));
	/* Every function is known to the language and callable. */
	for (size_t i = 0; expr_function_names[i] != NULL; i++) {
		char text[64];
		char msg[256];
		int col = 0;
		snprintf(text, sizeof text, "%s(", expr_function_names[i]);
		assert_int_equal(compile_errors(text, msg, sizeof msg, &col), 1);
		assert_string_equal(msg, "expected a value, but found the end of the expression");
	}
}

/* A value of a compiled expression is unknown or of the expression's type. */
static bool fits_type(struct value v, enum expr_type t)
{
	static const enum value_kind kinds[] = {
		[EXPR_T_BOOL] = VAL_BOOL, [EXPR_T_NUM] = VAL_NUM, [EXPR_T_STR] = VAL_STR,
		[EXPR_T_CHOICE] = VAL_CHOICE, [EXPR_T_SET] = VAL_SET,
	};
	return v.kind == VAL_UNKNOWN || v.kind == kinds[t];
}

/* Checks one random text: it compiles, or fails with every diagnostic inside the text.
 * Returns whether it compiled. */
static bool check_random(const char *text, enum expr_type want, const struct expr_env *env)
{
	struct arena *a = arena_new();
	struct diag *d = diag_new();
	int len = (int)strlen(text);
	struct expr *e = expr_compile(a, d, text, (size_t)len, at_3_11, &advice_scope, want);
	if ((e == NULL) != (diag_errors(d) > 0))
		fail_msg("'%s': result and diagnostics disagree", text);
	for (size_t i = 0; i < diag_count(d); i++) {
		const struct diag_entry *x = diag_get(d, i);
		if (x->line != 3 || x->col < 11 || x->col > 11 + len)
			fail_msg("'%s': diagnostic at %d:%d: %s", text, x->line, x->col, x->message);
	}
	if (e != NULL) {
		if (!fits_type(expr_eval(e, env), want))
			fail_msg("'%s': value of the wrong kind", text);
		char *s = canonical(a, text, want);
		char *again = canonical(a, s, want);
		if (strcmp(s, again) != 0)
			fail_msg("'%s': canonical '%s' reads back as '%s'", text, s, again);
		free(s);
		free(again);
	}
	diag_free(d);
	arena_free(a);
	return e != NULL;
}

static unsigned next_random(uint64_t *seed, unsigned n)
{
	*seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((*seed >> 33) % n);
}

static void gen(char *buf, size_t size, uint64_t *seed, int depth, bool is_bool);

/* Appends a random well-typed expression of the fake scope to buf. */
static void gen_num(char *buf, size_t size, uint64_t *seed, int depth)
{
	static const char *const leaves[] = { "age", "sleep_hours", "pain_now", "load", "7",
	                                      "0.5", "count(symptoms)", "0" };
	static const char *const ops[] = { " + ", " - ", " * ", " / " };
	unsigned pick = depth <= 0 ? 0 : next_random(seed, 6);
	size_t n = strlen(buf);
	if (pick == 0) {
		snprintf(buf + n, size - n, "%s", leaves[next_random(seed, 8)]);
	} else if (pick == 1) {
		strncat(buf, "(", size - n - 1);
		gen_num(buf, size, seed, depth - 1);
		strncat(buf, ops[next_random(seed, 4)], size - strlen(buf) - 1);
		gen_num(buf, size, seed, depth - 1);
		strncat(buf, ")", size - strlen(buf) - 1);
	} else if (pick == 2) {
		strncat(buf, "-", size - n - 1);
		gen_num(buf, size, seed, depth - 1);
	} else {
		static const char *const fns[] = { "sum(", "min(", "max(", "clamp(" };
		unsigned f = pick == 5 ? 3 : next_random(seed, 3);
		strncat(buf, pick == 4 ? "if(" : fns[f], size - n - 1);
		if (pick == 4) {
			gen(buf, size, seed, depth - 1, true);
			strncat(buf, ", ", size - strlen(buf) - 1);
		}
		for (unsigned i = 0; i < (pick == 3 ? 1 + next_random(seed, 3) : 2) + (f == 3); i++) {
			strncat(buf, i ? ", " : "", size - strlen(buf) - 1);
			gen_num(buf, size, seed, depth - 1);
		}
		strncat(buf, ")", size - strlen(buf) - 1);
	}
}

static void gen_bool(char *buf, size_t size, uint64_t *seed, int depth)
{
	static const char *const leaves[] = {
		"t", "f", "u", "true", "pain_trend == same", "pain_trend in [same, worse]",
		"fever in symptoms", "symptoms == [none]", "answered(pain_now)", "outcome == rest",
		"matched(load_spike)", "leg_symptoms != none", "notes == \"sore\"",
	};
	static const char *const ops[] = { " and ", " or ", " == ", " != " };
	static const char *const cmp[] = { " < ", " <= ", " > ", " >= ", " == ", " != " };
	unsigned pick = depth <= 0 ? 0 : next_random(seed, 5);
	size_t n = strlen(buf);
	if (pick == 0) {
		snprintf(buf + n, size - n, "%s", leaves[next_random(seed, 13)]);
	} else if (pick == 1 || pick == 4) {
		strncat(buf, "((", size - n - 1);
		gen(buf, size, seed, depth - 1, pick == 1);
		strncat(buf, ")", size - strlen(buf) - 1);
		strncat(buf, pick == 1 ? ops[next_random(seed, 4)] : cmp[next_random(seed, 6)],
		        size - strlen(buf) - 1);
		strncat(buf, "(", size - strlen(buf) - 1);
		gen(buf, size, seed, depth - 1, pick == 1);
		strncat(buf, "))", size - strlen(buf) - 1);
	} else if (pick == 2) {
		strncat(buf, "not ", size - n - 1);
		gen_bool(buf, size, seed, depth - 1);
	} else {
		strncat(buf, "count(", size - n - 1);
		gen_bool(buf, size, seed, depth - 1);
		strncat(buf, ") > 0", size - strlen(buf) - 1);
	}
}

static void gen(char *buf, size_t size, uint64_t *seed, int depth, bool is_bool)
{
	if (is_bool)
		gen_bool(buf, size, seed, depth);
	else
		gen_num(buf, size, seed, depth);
}

/* Well-typed random expressions, some with one byte deleted or a token inserted: those left
 * whole compile, evaluate to their type and print back stably; broken ones fail cleanly. */
static void test_expr_random_expressions_and_near_misses(void **state)
{
	(void)state;
	static const char *const noise[] = { "(", ")", "]", ",", "+", "and", "not", "#", "x",
	                                     "in", "[none]", "\"" };
	struct expr_env env;
	fill_env(&env);
	uint64_t seed = 42;
	for (int n = 0; n < 5000; n++) {
		char text[4096] = "";
		bool is_bool = next_random(&seed, 2);
		gen(text, sizeof text, &seed, 1 + (int)next_random(&seed, 5), is_bool);
		unsigned mutation = next_random(&seed, 3);
		size_t len = strlen(text), at = next_random(&seed, (unsigned)len);
		if (mutation == 1) {
			memmove(text + at, text + at + 1, len - at);
		} else if (mutation == 2 && len + 8 < sizeof text) {
			const char *w = noise[next_random(&seed, 12)];
			memmove(text + at + strlen(w), text + at, len - at + 1);
			memcpy(text + at, w, strlen(w));
		}
		if (!check_random(text, is_bool ? B : N, &env) && mutation == 0)
			fail_msg("generated '%s' did not compile", text);
	}
}

/* Token soup from a fixed seed: whatever the input, no crash, no stray positions, and what
 * compiles evaluates to its type and prints back stably. */
static void test_expr_random_inputs_are_safe(void **state)
{
	(void)state;
	static const char *const vocab[] = {
		"age", "t", "u", "(", ")", "[", "]", ",", "+", "-", "*", "/", "==", "!=", "<", ">=",
		"and", "or", "not", "in", "symptoms", "none", "fever", "pain_trend", "same", "worse",
		"1", "0.5", "0", "\"x\"", "notes", "count", "if", "sum", "min", "clamp", "answered",
		"matched", "load_spike", "outcome", "rest", "true", "#", "\"", "=", "Age", "pain_now",
	};
	struct expr_env env;
	fill_env(&env);
	uint64_t seed = 0x2545F4914F6CDD1DULL;
	size_t compiled = 0;
	for (int n = 0; n < 10000; n++) {
		char text[256] = "";
		size_t ntok = 1 + (seed >> 60);
		for (size_t k = 0; k < ntok; k++) {
			seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
			strcat(text, vocab[(seed >> 33) % (sizeof vocab / sizeof vocab[0])]);
			strcat(text, (seed >> 20) & 1 ? " " : "");
		}
		enum expr_type want = (seed >> 40) & 1 ? EXPR_T_BOOL : EXPR_T_NUM;
		compiled += check_random(text, want, &env);
	}
	/* The soup is not all noise: some of it must compile. */
	assert_true(compiled > 20);
}

/* value_equal (value.h) is the one equality of values: '==' in expressions and the engine's
 * "did this answer change" both use it. Strings compare by text, other kinds never match. */
static void test_value_equal_kinds_and_contents(void **state)
{
	(void)state;
	char a[] = "sharp", b[] = "sharp";
	static const struct {
		struct value x, y;
		bool is_equal;
	} cases[] = {
		{ { VAL_UNKNOWN, { 0 } }, { VAL_UNKNOWN, { 0 } }, true },
		{ { VAL_BOOL, { .b = true } }, { VAL_BOOL, { .b = true } }, true },
		{ { VAL_BOOL, { .b = true } }, { VAL_BOOL, { .b = false } }, false },
		{ { VAL_NUM, { .num = 2.5 } }, { VAL_NUM, { .num = 2.5 } }, true },
		{ { VAL_NUM, { .num = 0 } }, { VAL_NUM, { .num = -0.0 } }, true },
		{ { VAL_NUM, { .num = 1 } }, { VAL_CHOICE, { .choice = 1 } }, false },
		{ { VAL_CHOICE, { .choice = 3 } }, { VAL_CHOICE, { .choice = 3 } }, true },
		{ { VAL_SET, { .set = 5 } }, { VAL_SET, { .set = 4 } }, false },
		{ { VAL_UNKNOWN, { 0 } }, { VAL_BOOL, { .b = false } }, false },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (value_equal(cases[i].x, cases[i].y) != cases[i].is_equal)
			fail_msg("case %zu", i);
	assert_true(value_equal(value_str(a), value_str(b)));
	assert_false(value_equal(value_str(a), value_str("dull")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_expr_three_valued_truth_tables),
		cmocka_unit_test(test_value_equal_kinds_and_contents),
		cmocka_unit_test(test_expr_precedence),
		cmocka_unit_test(test_expr_comparisons_and_arithmetic),
		cmocka_unit_test(test_expr_unknown_propagates),
		cmocka_unit_test(test_expr_division_by_zero_is_unknown),
		cmocka_unit_test(test_expr_overflow_is_unknown),
		cmocka_unit_test(test_expr_choices_lists_and_in),
		cmocka_unit_test(test_expr_functions),
		cmocka_unit_test(test_expr_advice_names),
		cmocka_unit_test(test_expr_env_gaps_are_unknown),
		cmocka_unit_test(test_expr_syntax_errors),
		cmocka_unit_test(test_expr_name_errors),
		cmocka_unit_test(test_expr_type_errors),
		cmocka_unit_test(test_expr_inexact_source_points_at_start),
		cmocka_unit_test(test_expr_escaped_source_uses_its_columns),
		cmocka_unit_test(test_expr_depth_64_accepted_65_refused),
		cmocka_unit_test(test_expr_100000_parentheses_refused_quickly),
		cmocka_unit_test(test_expr_long_chains_capped),
		cmocka_unit_test(test_expr_each_ref_in_order_of_appearance),
		cmocka_unit_test(test_expr_to_string_canonical_and_stable),
		cmocka_unit_test(test_expr_keywords_and_function_names),
		cmocka_unit_test(test_expr_random_inputs_are_safe),
		cmocka_unit_test(test_expr_random_expressions_and_near_misses),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
