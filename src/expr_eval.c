/*
 * expr_eval.c - evaluation of checked expressions with SQL's three-valued logic, and the
 * symbols an expression names. Evaluation cannot fail: an unanswered item, a missing table,
 * a value of the wrong kind in a table, a division by zero and a result that is not a finite
 * number all give VAL_UNKNOWN. Nothing is allocated; string values are borrowed from the
 * expression or the environment.
 */
#include "expr_int.h"

#include <math.h>
#include <string.h>

static struct value eval(const struct expr *e, const struct expr_env *env);

static const enum value_kind kind_of[] = {
	[EXPR_T_BOOL] = VAL_BOOL, [EXPR_T_NUM] = VAL_NUM,    [EXPR_T_STR] = VAL_STR,
	[EXPR_T_CHOICE] = VAL_CHOICE, [EXPR_T_SET] = VAL_SET,
};

static struct value eval_ref(const struct expr *e, const struct expr_env *env)
{
	const struct value *table = env->tables[e->u.ref.kind];
	if (table == NULL)
		return value_unknown();
	struct value v = table[e->u.ref.index];
	return v.kind == kind_of[e->type] ? v : value_unknown();
}

static struct value eval_num(const struct expr *e, const struct expr_env *env)
{
	(void)env;
	return value_num(e->u.num);
}

static struct value eval_bool(const struct expr *e, const struct expr_env *env)
{
	(void)env;
	return value_bool(e->u.b);
}

static struct value eval_str(const struct expr *e, const struct expr_env *env)
{
	(void)env;
	return value_str(e->u.str);
}

static struct value eval_choice(const struct expr *e, const struct expr_env *env)
{
	(void)env;
	return value_choice(e->u.choice);
}

static struct value eval_list(const struct expr *e, const struct expr_env *env)
{
	(void)env;
	return value_set(e->u.bits);
}

static struct value eval_not(const struct expr *e, const struct expr_env *env)
{
	struct value v = eval(e->args[0], env);
	return value_is_known(v) ? value_bool(!v.u.b) : v;
}

/* and: false wins over unknown, unknown over true. or: true wins over unknown, unknown over
 * false. The right side is not evaluated when the left decides. */
static struct value eval_logic(const struct expr *e, const struct expr_env *env)
{
	bool decisive = e->op == EXPR_OP_OR;
	struct value l = eval(e->args[0], env);
	if (value_is_known(l) && l.u.b == decisive)
		return l;
	struct value r = eval(e->args[1], env);
	if (value_is_known(r) && r.u.b == decisive)
		return r;
	return value_is_known(l) && value_is_known(r) ? value_bool(!decisive) : value_unknown();
}

static struct value eval_equality(const struct expr *e, const struct expr_env *env)
{
	struct value l = eval(e->args[0], env), r = eval(e->args[1], env);
	if (!value_is_known(l) || !value_is_known(r))
		return value_unknown();
	return value_bool(value_equal(l, r) == (e->op == EXPR_OP_EQ));
}

static struct value eval_compare(const struct expr *e, const struct expr_env *env)
{
	struct value l = eval(e->args[0], env), r = eval(e->args[1], env);
	if (!value_is_known(l) || !value_is_known(r))
		return value_unknown();
	double a = l.u.num, b = r.u.num;
	if (e->op == EXPR_OP_LT)
		return value_bool(a < b);
	if (e->op == EXPR_OP_LE)
		return value_bool(a <= b);
	if (e->op == EXPR_OP_GT)
		return value_bool(a > b);
	return value_bool(a >= b);
}

/* c in S: whether the choice is among those chosen. */
static struct value eval_in_set(const struct expr *e, const struct expr_env *env)
{
	struct value c = eval(e->args[0], env), s = eval(e->args[1], env);
	if (!value_is_known(c) || !value_is_known(s))
		return value_unknown();
	return value_bool(c.u.choice < 64 && (s.u.set >> c.u.choice & 1));
}

/* x in [a, b]: whether the single choice is one of those listed. */
static struct value eval_in_list(const struct expr *e, const struct expr_env *env)
{
	struct value c = eval(e->args[0], env);
	const struct expr *list = e->args[1];
	if (!value_is_known(c))
		return c;
	for (size_t i = 0; i < list->nargs; i++)
		if (list->args[i]->u.choice == c.u.choice)
			return value_bool(true);
	return value_bool(false);
}

static struct value finite_num(double n)
{
	return isfinite(n) ? value_num(n) : value_unknown();
}

static struct value eval_arith(const struct expr *e, const struct expr_env *env)
{
	struct value l = eval(e->args[0], env), r = eval(e->args[1], env);
	if (!value_is_known(l) || !value_is_known(r))
		return value_unknown();
	double a = l.u.num, b = r.u.num;
	if (e->op == EXPR_OP_ADD)
		return finite_num(a + b);
	if (e->op == EXPR_OP_SUB)
		return finite_num(a - b);
	if (e->op == EXPR_OP_MUL)
		return finite_num(a * b);
	return b == 0 ? value_unknown() : finite_num(a / b);
}

static struct value eval_neg(const struct expr *e, const struct expr_env *env)
{
	struct value v = eval(e->args[0], env);
	return value_is_known(v) ? value_num(-v.u.num) : v;
}

/* --- Functions ----------------------------------------------------------------------- */

/* count(b1, b2, ...): how many are known and true. */
static struct value fn_count(const struct expr *e, const struct expr_env *env)
{
	double n = 0;
	for (size_t i = 0; i < e->nargs; i++)
		n += value_is_true(eval(e->args[i], env));
	return value_num(n);
}

/* count(S): how many choices are chosen; an unknown answer counts none. */
static struct value fn_count_set(const struct expr *e, const struct expr_env *env)
{
	struct value s = eval(e->args[0], env);
	uint64_t bits = value_is_known(s) ? s.u.set : 0;
	double n = 0;
	for (; bits != 0; bits &= bits - 1)
		n++;
	return value_num(n);
}

/* sum, min, max over the known arguments; sum of none is 0, min and max of none unknown. */
static struct value fn_fold(const struct expr *e, const struct expr_env *env)
{
	struct value acc = e->u.fn == EXPR_FN_SUM ? value_num(0) : value_unknown();
	for (size_t i = 0; i < e->nargs; i++) {
		struct value v = eval(e->args[i], env);
		if (!value_is_known(v))
			continue;
		if (!value_is_known(acc))
			acc = v;
		else if (e->u.fn == EXPR_FN_SUM)
			acc = finite_num(acc.u.num + v.u.num);
		else if ((e->u.fn == EXPR_FN_MIN) == (v.u.num < acc.u.num))
			acc = v;
		if (!value_is_known(acc))
			return acc;
	}
	return acc;
}

static struct value fn_clamp(const struct expr *e, const struct expr_env *env)
{
	struct value x = eval(e->args[0], env), lo = eval(e->args[1], env);
	struct value hi = eval(e->args[2], env);
	if (!value_is_known(x) || !value_is_known(lo) || !value_is_known(hi))
		return value_unknown();
	double n = x.u.num < lo.u.num ? lo.u.num : x.u.num;
	return value_num(n > hi.u.num ? hi.u.num : n);
}

static struct value fn_answered(const struct expr *e, const struct expr_env *env)
{
	return value_bool(value_is_known(eval(e->args[0], env)));
}

/* if(c, a, b): a when c is known true, else b. */
static struct value fn_if(const struct expr *e, const struct expr_env *env)
{
	return eval(e->args[value_is_true(eval(e->args[0], env)) ? 1 : 2], env);
}

static struct value fn_matched(const struct expr *e, const struct expr_env *env)
{
	return eval(e->args[0], env);
}

static struct value (*const eval_fn[EXPR_FNS + 1])(const struct expr *,
                                                     const struct expr_env *) = {
	[EXPR_FN_COUNT] = fn_count,         [EXPR_FN_SUM] = fn_fold,
	[EXPR_FN_MIN] = fn_fold,            [EXPR_FN_MAX] = fn_fold,
	[EXPR_FN_CLAMP] = fn_clamp,         [EXPR_FN_ANSWERED] = fn_answered,
	[EXPR_FN_IF] = fn_if,               [EXPR_FN_MATCHED] = fn_matched,
	[EXPR_FN_COUNT_SET] = fn_count_set,
};

static struct value eval_call(const struct expr *e, const struct expr_env *env)
{
	return eval_fn[e->u.fn](e, env);
}

static struct value (*const eval_op[EXPR_OPS])(const struct expr *, const struct expr_env *) = {
	[EXPR_OP_NUM] = eval_num,          [EXPR_OP_BOOL] = eval_bool,
	[EXPR_OP_STR] = eval_str,          [EXPR_OP_CHOICE] = eval_choice,
	[EXPR_OP_LIST] = eval_list,        [EXPR_OP_REF] = eval_ref,
	[EXPR_OP_CALL] = eval_call,        [EXPR_OP_NOT] = eval_not,
	[EXPR_OP_NEG] = eval_neg,          [EXPR_OP_OR] = eval_logic,
	[EXPR_OP_AND] = eval_logic,        [EXPR_OP_EQ] = eval_equality,
	[EXPR_OP_NE] = eval_equality,      [EXPR_OP_LT] = eval_compare,
	[EXPR_OP_LE] = eval_compare,       [EXPR_OP_GT] = eval_compare,
	[EXPR_OP_GE] = eval_compare,       [EXPR_OP_IN_SET] = eval_in_set,
	[EXPR_OP_IN_LIST] = eval_in_list,  [EXPR_OP_ADD] = eval_arith,
	[EXPR_OP_SUB] = eval_arith,        [EXPR_OP_MUL] = eval_arith,
	[EXPR_OP_DIV] = eval_arith,
};

static struct value eval(const struct expr *e, const struct expr_env *env)
{
	return eval_op[e->op](e, env);
}

struct value expr_eval(const struct expr *e, const struct expr_env *env)
{
	return eval(e, env);
}

bool expr_holds(const struct expr *e, const struct expr_env *env)
{
	return value_is_true(eval(e, env));
}

void expr_each_ref(const struct expr *e, void (*fn)(void *ctx, enum expr_sym_kind kind,
                   size_t index), void *ctx)
{
	for (size_t i = 0; i < e->nrefs; i++)
		fn(ctx, e->refs[i].kind, e->refs[i].index);
}
