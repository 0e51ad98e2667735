/*
 * expr_terms.c - a condition as a flat list of item tests (expr_terms()), for the formats
 * that can only say "this answer compared with that constant", joined all by and or all by
 * or (FHIR's enableWhen and enableBehavior).
 */
#include "expr_int.h"

static const enum expr_term_op compare_op[EXPR_OPS] = {
	[EXPR_OP_EQ] = EXPR_TERM_EQ, [EXPR_OP_NE] = EXPR_TERM_NE, [EXPR_OP_LT] = EXPR_TERM_LT,
	[EXPR_OP_LE] = EXPR_TERM_LE, [EXPR_OP_GT] = EXPR_TERM_GT, [EXPR_OP_GE] = EXPR_TERM_GE,
};

static bool is_item(const struct expr *e)
{
	return e->op == EXPR_OP_REF && e->u.ref.kind == EXPR_SYM_ITEM;
}

/* A constant a term can compare with, or false. */
static bool constant(const struct expr *e, struct value *v)
{
	if (e->op == EXPR_OP_NUM)
		*v = value_num(e->u.num);
	else if (e->op == EXPR_OP_BOOL)
		*v = value_bool(e->u.b);
	else if (e->op == EXPR_OP_CHOICE)
		*v = value_choice(e->u.choice);
	else
		return false;
	return true;
}

/* One test; false when e is not one. */
static bool term(const struct expr *e, struct expr_term *t)
{
	if (is_item(e) && e->type == EXPR_T_BOOL) {
		*t = (struct expr_term){ e->u.ref.index, EXPR_TERM_EQ, value_bool(true) };
		return true;
	}
	if (e->op == EXPR_OP_NOT && is_item(e->args[0]) && e->args[0]->type == EXPR_T_BOOL) {
		*t = (struct expr_term){ e->args[0]->u.ref.index, EXPR_TERM_EQ, value_bool(false) };
		return true;
	}
	if (e->op == EXPR_OP_CALL && e->u.fn == EXPR_FN_ANSWERED && e->nargs == 1 &&
	    is_item(e->args[0])) {
		*t = (struct expr_term){ e->args[0]->u.ref.index, EXPR_TERM_EXISTS, value_bool(true) };
		return true;
	}
	if (e->op == EXPR_OP_IN_SET && e->args[0]->op == EXPR_OP_CHOICE && is_item(e->args[1])) {
		*t = (struct expr_term){ e->args[1]->u.ref.index, EXPR_TERM_EQ,
		                         value_choice(e->args[0]->u.choice) };
		return true;
	}
	bool is_compare = e->op >= EXPR_OP_EQ && e->op <= EXPR_OP_GE;
	if (!is_compare || !is_item(e->args[0]) || e->args[0]->type == EXPR_T_SET ||
	    !constant(e->args[1], &t->v))
		return false;
	if (e->args[0]->type == EXPR_T_CHOICE && e->op != EXPR_OP_EQ && e->op != EXPR_OP_NE)
		return false;
	t->item = e->args[0]->u.ref.index;
	t->op = compare_op[e->op];
	return true;
}

/* Collects the terms under a chain of op (EXPR_OP_AND or EXPR_OP_OR). */
static int collect(const struct expr *e, enum expr_op op, struct expr_term *out, size_t max,
                   size_t n)
{
	if (e->op == op) {
		int k = collect(e->args[0], op, out, max, n);
		return k < 0 ? -1 : collect(e->args[1], op, out, max, (size_t)k);
	}
	if (n >= max || !term(e, &out[n]))
		return -1;
	return (int)n + 1;
}

int expr_terms(const struct expr *e, struct expr_term *out, size_t max, bool *is_any)
{
	*is_any = e->op == EXPR_OP_OR;
	return collect(e, *is_any ? EXPR_OP_OR : EXPR_OP_AND, out, max, 0);
}
