/*
 * expr_range.c - evaluation over sets of answers (see expr_range.h), mirroring expr_eval.c
 * case by case: every operator's range holds each value expr_eval() could give for any choice
 * of answers inside its operands' ranges. Intervals for numbers, bit sets for choices, the
 * possible truth values (with unknown) for conditions.
 */
#include "expr_range.h"

#include <math.h>
#include <string.h>

#include "expr_int.h"

enum { R_U = EXPR_RANGE_UNKNOWN, R_T = EXPR_RANGE_TRUE, R_F = EXPR_RANGE_FALSE,
       R_K = EXPR_RANGE_KNOWN };

static struct expr_range eval(const struct expr *e, const struct expr_range_env *env);

static struct expr_range make(const struct expr *e, unsigned flags)
{
	return (struct expr_range){ .type = (unsigned char)e->type, .flags = flags };
}

static struct expr_range num(const struct expr *e, unsigned flags, double lo, double hi)
{
	struct expr_range r = make(e, flags | R_K);
	r.lo = lo;
	r.hi = hi;
	if (!isfinite(lo) || !isfinite(hi) || isnan(lo) || isnan(hi)) {
		r.flags |= R_U;
		r.lo = -INFINITY;
		r.hi = INFINITY;
	}
	return r;
}

static bool has_known(struct expr_range r)
{
	return (r.flags & (R_T | R_F | R_K)) != 0;
}

static unsigned truth(bool can_true, bool can_false)
{
	return (can_true ? R_T : 0) | (can_false ? R_F : 0);
}

static int popcount(uint64_t x)
{
	int n = 0;
	for (; x != 0; x &= x - 1)
		n++;
	return n;
}

bool expr_range_is_exact(struct expr_range r)
{
	int n = ((r.flags & R_U) != 0) + ((r.flags & R_T) != 0) + ((r.flags & R_F) != 0);
	if (r.flags & R_K) {
		if (r.type == EXPR_T_NUM && r.lo != r.hi)
			return false;
		if (r.type == EXPR_T_CHOICE && popcount(r.may) != 1)
			return false;
		if (r.type == EXPR_T_SET && r.must != r.may)
			return false;
		if (r.type == EXPR_T_STR && r.str == NULL)
			return false;
		n++;
	}
	return n == 1;
}

static struct expr_range eval_ref(const struct expr *e, const struct expr_range_env *env)
{
	const struct expr_range *table = env->tables[e->u.ref.kind];
	if (table == NULL) {
		struct expr_range r = num(e, R_U | R_T | R_F, -INFINITY, INFINITY);
		r.may = ~(uint64_t)0;
		return r;
	}
	struct expr_range r = table[e->u.ref.index];
	r.type = (unsigned char)e->type;
	return r;
}

static struct expr_range eval_const(const struct expr *e, const struct expr_range_env *env)
{
	(void)env;
	struct expr_range r = make(e, R_K);
	if (e->op == EXPR_OP_NUM)
		r.lo = r.hi = e->u.num;
	else if (e->op == EXPR_OP_BOOL)
		r.flags = e->u.b ? R_T : R_F;
	else if (e->op == EXPR_OP_STR)
		r.str = e->u.str;
	else if (e->op == EXPR_OP_CHOICE)
		r.may = e->u.choice < 64 ? (uint64_t)1 << e->u.choice : 0;
	else
		r.must = r.may = e->u.bits;
	return r;
}

static struct expr_range eval_not(const struct expr *e, const struct expr_range_env *env)
{
	struct expr_range v = eval(e->args[0], env);
	return make(e, (v.flags & R_U) | (v.flags & R_T ? R_F : 0) | (v.flags & R_F ? R_T : 0));
}

/* Kleene's and/or over every pair of possible truth values. */
static struct expr_range eval_logic(const struct expr *e, const struct expr_range_env *env)
{
	unsigned decisive = e->op == EXPR_OP_OR ? R_T : R_F, other = R_T + R_F - decisive;
	unsigned l = eval(e->args[0], env).flags, res = 0;
	if (l & decisive)
		res |= decisive;
	if (l & (other | R_U)) {
		unsigned r = eval(e->args[1], env).flags;
		if (r & decisive)
			res |= decisive;
		if ((l & other) && (r & other))
			res |= other;
		if (((l & R_U) && (r & (other | R_U))) || ((l & other) && (r & R_U)))
			res |= R_U;
	}
	return make(e, res);
}

/* Whether the known parts of l and r can be equal, and whether they can differ. */
static void can_equal(struct expr_range l, struct expr_range r, bool *eq, bool *ne)
{
	switch ((enum expr_type)l.type) {
	case EXPR_T_BOOL:
		*eq = (l.flags & r.flags & (R_T | R_F)) != 0;
		*ne = ((l.flags & R_T) && (r.flags & R_F)) || ((l.flags & R_F) && (r.flags & R_T));
		return;
	case EXPR_T_NUM:
		*eq = l.lo <= r.hi && r.lo <= l.hi;
		*ne = !(l.lo == l.hi && r.lo == r.hi && l.lo == r.lo);
		return;
	case EXPR_T_CHOICE:
		*eq = (l.may & r.may) != 0;
		*ne = !(popcount(l.may) == 1 && l.may == r.may);
		return;
	case EXPR_T_SET:
		*eq = (l.must & ~r.may) == 0 && (r.must & ~l.may) == 0;
		*ne = !(l.must == l.may && r.must == r.may && l.must == r.must);
		return;
	case EXPR_T_STR:
		break;
	}
	if (l.str != NULL && r.str != NULL) {
		*eq = strcmp(l.str, r.str) == 0;
		*ne = !*eq;
	} else {
		*eq = *ne = true;
	}
}

static struct expr_range eval_equality(const struct expr *e, const struct expr_range_env *env)
{
	struct expr_range l = eval(e->args[0], env), r = eval(e->args[1], env);
	unsigned res = ((l.flags | r.flags) & R_U) ? R_U : 0;
	if (has_known(l) && has_known(r)) {
		bool eq, ne;
		can_equal(l, r, &eq, &ne);
		res |= e->op == EXPR_OP_EQ ? truth(eq, ne) : truth(ne, eq);
	}
	return make(e, res);
}

static struct expr_range eval_compare(const struct expr *e, const struct expr_range_env *env)
{
	struct expr_range l = eval(e->args[0], env), r = eval(e->args[1], env);
	unsigned res = ((l.flags | r.flags) & R_U) ? R_U : 0;
	if (!has_known(l) || !has_known(r))
		return make(e, res);
	if (e->op == EXPR_OP_LT)
		res |= truth(l.lo < r.hi, l.hi >= r.lo);
	else if (e->op == EXPR_OP_LE)
		res |= truth(l.lo <= r.hi, l.hi > r.lo);
	else if (e->op == EXPR_OP_GT)
		res |= truth(l.hi > r.lo, l.lo <= r.hi);
	else
		res |= truth(l.hi >= r.lo, l.lo < r.hi);
	return make(e, res);
}

static struct expr_range eval_in_set(const struct expr *e, const struct expr_range_env *env)
{
	struct expr_range c = eval(e->args[0], env), s = eval(e->args[1], env);
	unsigned res = ((c.flags | s.flags) & R_U) ? R_U : 0;
	if (has_known(c) && has_known(s))
		res |= truth((c.may & s.may) != 0, (c.may & ~s.must) != 0);
	return make(e, res);
}

static struct expr_range eval_in_list(const struct expr *e, const struct expr_range_env *env)
{
	struct expr_range c = eval(e->args[0], env);
	const struct expr *list = e->args[1];
	uint64_t bits = 0;
	for (size_t i = 0; i < list->nargs; i++)
		if (list->args[i]->u.choice < 64)
			bits |= (uint64_t)1 << list->args[i]->u.choice;
	unsigned res = c.flags & R_U;
	if (has_known(c))
		res |= truth((c.may & bits) != 0, (c.may & ~bits) != 0);
	return make(e, res);
}

static double min4(double a, double b, double c, double d)
{
	return fmin(fmin(a, b), fmin(c, d));
}

static double max4(double a, double b, double c, double d)
{
	return fmax(fmax(a, b), fmax(c, d));
}

static struct expr_range eval_div(const struct expr *e, struct expr_range a,
                                  struct expr_range b, unsigned res)
{
	if (b.lo <= 0 && b.hi >= 0) {
		res |= R_U;
		if (b.lo == 0 && b.hi == 0)
			return make(e, res);
		return num(e, res, -INFINITY, INFINITY);
	}
	return num(e, res, min4(a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi),
	           max4(a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi));
}

static struct expr_range eval_arith(const struct expr *e, const struct expr_range_env *env)
{
	struct expr_range a = eval(e->args[0], env), b = eval(e->args[1], env);
	unsigned res = ((a.flags | b.flags) & R_U) ? R_U : 0;
	if (!has_known(a) || !has_known(b))
		return make(e, res);
	if (e->op == EXPR_OP_ADD)
		return num(e, res, a.lo + b.lo, a.hi + b.hi);
	if (e->op == EXPR_OP_SUB)
		return num(e, res, a.lo - b.hi, a.hi - b.lo);
	if (e->op == EXPR_OP_MUL)
		return num(e, res, min4(a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi),
		           max4(a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi));
	return eval_div(e, a, b, res);
}

static struct expr_range eval_neg(const struct expr *e, const struct expr_range_env *env)
{
	struct expr_range v = eval(e->args[0], env);
	if (!has_known(v))
		return make(e, v.flags);
	return num(e, v.flags & R_U, -v.hi, -v.lo);
}

/* --- Functions ----------------------------------------------------------------------- */

static struct expr_range fn_count(const struct expr *e, const struct expr_range_env *env)
{
	double lo = 0, hi = 0;
	for (size_t i = 0; i < e->nargs; i++) {
		unsigned f = eval(e->args[i], env).flags;
		lo += f == R_T;
		hi += (f & R_T) != 0;
	}
	return num(e, 0, lo, hi);
}

static struct expr_range fn_count_set(const struct expr *e, const struct expr_range_env *env)
{
	struct expr_range s = eval(e->args[0], env);
	double lo = has_known(s) ? popcount(s.must) : 0, hi = has_known(s) ? popcount(s.may) : 0;
	if (s.flags & R_U)
		lo = 0;
	return num(e, 0, lo, hi);
}

/* sum: an argument that may be unknown may also add nothing. */
static struct expr_range fn_sum(const struct expr *e, const struct expr_range_env *env)
{
	double lo = 0, hi = 0;
	for (size_t i = 0; i < e->nargs; i++) {
		struct expr_range v = eval(e->args[i], env);
		if (!has_known(v))
			continue;
		lo += (v.flags & R_U) ? fmin(v.lo, 0) : v.lo;
		hi += (v.flags & R_U) ? fmax(v.hi, 0) : v.hi;
	}
	return num(e, 0, lo, hi);
}

/* min and max over the arguments that are known; unknown when none may be. */
static struct expr_range fn_minmax(const struct expr *e, const struct expr_range_env *env)
{
	bool is_min = e->u.fn == EXPR_FN_MIN, any = false, sure = false;
	double lo = INFINITY, hi = -INFINITY, bound = is_min ? INFINITY : -INFINITY;
	for (size_t i = 0; i < e->nargs; i++) {
		struct expr_range v = eval(e->args[i], env);
		if (!has_known(v))
			continue;
		any = true;
		lo = fmin(lo, v.lo);
		hi = fmax(hi, v.hi);
		if (!(v.flags & R_U)) {
			sure = true;
			bound = is_min ? fmin(bound, v.hi) : fmax(bound, v.lo);
		}
	}
	if (!any)
		return make(e, R_U);
	if (sure && is_min)
		hi = fmin(hi, bound);
	else if (sure)
		lo = fmax(lo, bound);
	return num(e, sure ? 0 : R_U, lo, hi);
}

static struct expr_range fn_clamp(const struct expr *e, const struct expr_range_env *env)
{
	struct expr_range x = eval(e->args[0], env), lo = eval(e->args[1], env);
	struct expr_range hi = eval(e->args[2], env);
	unsigned res = ((x.flags | lo.flags | hi.flags) & R_U) ? R_U : 0;
	if (!has_known(x) || !has_known(lo) || !has_known(hi))
		return make(e, res);
	double a = fmax(x.lo, lo.lo), b = fmax(x.hi, lo.hi);
	return num(e, res, fmin(a, hi.lo), fmin(b, hi.hi));
}

static struct expr_range fn_answered(const struct expr *e, const struct expr_range_env *env)
{
	struct expr_range v = eval(e->args[0], env);
	return make(e, truth(has_known(v), (v.flags & R_U) != 0));
}

static struct expr_range join(struct expr_range a, struct expr_range b)
{
	if (!has_known(a) || !has_known(b)) {
		struct expr_range r = has_known(a) ? a : b;
		r.flags = a.flags | b.flags;
		return r;
	}
	a.flags |= b.flags;
	a.lo = fmin(a.lo, b.lo);
	a.hi = fmax(a.hi, b.hi);
	a.must &= b.must;
	a.may |= b.may;
	if (a.str != b.str && (a.str == NULL || b.str == NULL || strcmp(a.str, b.str) != 0))
		a.str = NULL;
	return a;
}

static struct expr_range fn_if(const struct expr *e, const struct expr_range_env *env)
{
	unsigned c = eval(e->args[0], env).flags;
	struct expr_range r = make(e, 0);
	bool first = true;
	if (c & R_T) {
		r = eval(e->args[1], env);
		first = false;
	}
	if (c & (R_F | R_U)) {
		struct expr_range b = eval(e->args[2], env);
		r = first ? b : join(r, b);
	}
	r.type = (unsigned char)e->type;
	return r;
}

static struct expr_range fn_matched(const struct expr *e, const struct expr_range_env *env)
{
	return eval(e->args[0], env);
}

static struct expr_range (*const range_fn[EXPR_FNS + 1])(const struct expr *,
                                                         const struct expr_range_env *) = {
	[EXPR_FN_COUNT] = fn_count,         [EXPR_FN_SUM] = fn_sum,
	[EXPR_FN_MIN] = fn_minmax,          [EXPR_FN_MAX] = fn_minmax,
	[EXPR_FN_CLAMP] = fn_clamp,         [EXPR_FN_ANSWERED] = fn_answered,
	[EXPR_FN_IF] = fn_if,               [EXPR_FN_MATCHED] = fn_matched,
	[EXPR_FN_COUNT_SET] = fn_count_set,
};

static struct expr_range eval_call(const struct expr *e, const struct expr_range_env *env)
{
	return range_fn[e->u.fn](e, env);
}

static struct expr_range (*const range_op[EXPR_OPS])(const struct expr *,
                                                     const struct expr_range_env *) = {
	[EXPR_OP_NUM] = eval_const,        [EXPR_OP_BOOL] = eval_const,
	[EXPR_OP_STR] = eval_const,        [EXPR_OP_CHOICE] = eval_const,
	[EXPR_OP_LIST] = eval_const,       [EXPR_OP_REF] = eval_ref,
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

static struct expr_range eval(const struct expr *e, const struct expr_range_env *env)
{
	return range_op[e->op](e, env);
}

struct expr_range expr_range_eval(const struct expr *e, const struct expr_range_env *env)
{
	return eval(e, env);
}

/* --- Culprits and uses ------------------------------------------------------------------ */

void expr_range_culprits(const struct expr *e, const struct expr_range_env *env,
                         void (*fn)(void *ctx, enum expr_sym_kind kind, size_t index,
                                    int choice), void *ctx)
{
	if (expr_range_is_exact(eval(e, env)))
		return;
	if (e->op == EXPR_OP_REF) {
		fn(ctx, e->u.ref.kind, e->u.ref.index, -1);
		return;
	}
	if (e->op == EXPR_OP_IN_SET && e->args[0]->op == EXPR_OP_CHOICE &&
	    e->args[1]->op == EXPR_OP_REF) {
		fn(ctx, e->args[1]->u.ref.kind, e->args[1]->u.ref.index, (int)e->args[0]->u.choice);
		return;
	}
	if ((e->op == EXPR_OP_EQ || e->op == EXPR_OP_NE) && e->args[0]->type == EXPR_T_SET) {
		const struct expr *ref = e->args[0]->op == EXPR_OP_REF ? e->args[0] : e->args[1];
		const struct expr *list = ref == e->args[0] ? e->args[1] : e->args[0];
		if (ref->op == EXPR_OP_REF && list->op == EXPR_OP_LIST) {
			struct expr_range r = eval(ref, env);
			uint64_t open = r.may & ~r.must, pick = open & list->u.bits;
			pick = pick ? pick : open;
			int bit = -1;
			for (int k = 0; k < 64 && pick != 0 && bit < 0; k++)
				if (pick >> k & 1)
					bit = k;
			fn(ctx, ref->u.ref.kind, ref->u.ref.index, bit);
			return;
		}
	}
	for (size_t i = 0; i < e->nargs; i++)
		expr_range_culprits(e->args[i], env, fn, ctx);
}

static bool is_compare(enum expr_op op)
{
	return op == EXPR_OP_EQ || op == EXPR_OP_NE || op == EXPR_OP_LT || op == EXPR_OP_LE ||
	       op == EXPR_OP_GT || op == EXPR_OP_GE;
}

void expr_range_uses(const struct expr *e,
                     void (*fn)(void *ctx, enum expr_sym_kind kind, size_t index,
                                enum expr_range_use use, double constant), void *ctx)
{
	if (e->op == EXPR_OP_REF) {
		fn(ctx, e->u.ref.kind, e->u.ref.index, EXPR_RANGE_USE_OTHER, 0);
		return;
	}
	if (is_compare(e->op) && e->args[0]->type == EXPR_T_NUM) {
		const struct expr *l = e->args[0], *r = e->args[1];
		if (l->op == EXPR_OP_REF && r->op == EXPR_OP_NUM) {
			fn(ctx, l->u.ref.kind, l->u.ref.index, EXPR_RANGE_USE_COMPARE, r->u.num);
			return;
		}
		if (r->op == EXPR_OP_REF && l->op == EXPR_OP_NUM) {
			fn(ctx, r->u.ref.kind, r->u.ref.index, EXPR_RANGE_USE_COMPARE, l->u.num);
			return;
		}
	}
	if (e->op == EXPR_OP_CALL && e->u.fn == EXPR_FN_ANSWERED && e->args[0]->op == EXPR_OP_REF) {
		fn(ctx, e->args[0]->u.ref.kind, e->args[0]->u.ref.index, EXPR_RANGE_USE_ANSWERED, 0);
		return;
	}
	for (size_t i = 0; i < e->nargs; i++)
		expr_range_uses(e->args[i], fn, ctx);
}

unsigned expr_range_wanted(enum expr_range_want want)
{
	switch (want) {
	case EXPR_RANGE_WANT_TRUE:
		return R_T;
	case EXPR_RANGE_WANT_NOT_TRUE:
		return R_F | R_U;
	case EXPR_RANGE_WANT_FALSE:
		return R_F;
	case EXPR_RANGE_WANT_NOT_FALSE:
		break;
	}
	return R_T | R_U;
}

static const enum expr_range_want negated[] = {
	[EXPR_RANGE_WANT_TRUE] = EXPR_RANGE_WANT_FALSE,
	[EXPR_RANGE_WANT_NOT_TRUE] = EXPR_RANGE_WANT_NOT_FALSE,
	[EXPR_RANGE_WANT_FALSE] = EXPR_RANGE_WANT_TRUE,
	[EXPR_RANGE_WANT_NOT_FALSE] = EXPR_RANGE_WANT_NOT_TRUE,
};

void expr_range_conjuncts(const struct expr *e, enum expr_range_want want,
                          void (*fn)(void *ctx, const struct expr *part,
                                     enum expr_range_want want), void *ctx)
{
	bool both = (e->op == EXPR_OP_AND && (want == EXPR_RANGE_WANT_TRUE ||
	                                      want == EXPR_RANGE_WANT_NOT_FALSE)) ||
	            (e->op == EXPR_OP_OR && (want == EXPR_RANGE_WANT_NOT_TRUE ||
	                                     want == EXPR_RANGE_WANT_FALSE));
	if (both) {
		expr_range_conjuncts(e->args[0], want, fn, ctx);
		expr_range_conjuncts(e->args[1], want, fn, ctx);
	} else if (e->op == EXPR_OP_NOT) {
		expr_range_conjuncts(e->args[0], negated[want], fn, ctx);
	} else {
		fn(ctx, e, want);
	}
}
