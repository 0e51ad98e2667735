/*
 * expr_parse.c - a precedence-climbing parser (after Lua's lparser.c): binary operators and
 * their priorities are a table, unary operators have a priority of their own. The first
 * syntax error ends the parse. Invariant: st->depth counts the open levels (brackets, calls,
 * lists, unary operators) and never exceeds EXPR_MAX_DEPTH while parsing goes on, so the C
 * stack stays small whatever the input; every node's height is at most EXPR_MAX_HEIGHT.
 */
#include "expr_int.h"

#include <string.h>

#include "arena.h"
#include "i18n.h"
#include "suggest.h"

/* Binary operators by token: left and right priority (left 0: not a binary operator). The
 * right priority equal to the left one makes an operator left-associative. */
static const struct {
	enum expr_op op;
	unsigned char left, right;
} binops[] = {
	[TK_OR] = { EXPR_OP_OR, 1, 1 },     [TK_AND] = { EXPR_OP_AND, 2, 2 },
	[TK_EQ] = { EXPR_OP_EQ, 4, 4 },     [TK_NE] = { EXPR_OP_NE, 4, 4 },
	[TK_LT] = { EXPR_OP_LT, 4, 4 },     [TK_LE] = { EXPR_OP_LE, 4, 4 },
	[TK_GT] = { EXPR_OP_GT, 4, 4 },     [TK_GE] = { EXPR_OP_GE, 4, 4 },
	[TK_IN] = { EXPR_OP_IN, 4, 4 },     [TK_PLUS] = { EXPR_OP_ADD, 5, 5 },
	[TK_MINUS] = { EXPR_OP_SUB, 5, 5 }, [TK_STAR] = { EXPR_OP_MUL, 6, 6 },
	[TK_SLASH] = { EXPR_OP_DIV, 6, 6 },
};

/* Priorities of the unary operators, and of comparisons (which do not chain). */
enum { PRIO_NOT = 3, PRIO_COMPARE = 4, PRIO_NEG = 7 };

static struct expr *subexpr(struct expr_state *st, unsigned limit);

static unsigned binop_left(enum expr_tok t)
{
	return (size_t)t < sizeof binops / sizeof binops[0] ? binops[t].left : 0;
}

static struct expr *node(struct expr_state *st, enum expr_op op, size_t start, size_t end)
{
	struct expr *e = arena_alloc(st->a, sizeof *e);
	e->op = op;
	e->start = start;
	e->end = end;
	return e;
}

/* Appends arg to e->args, growing the array in the arena when full; cap is the capacity. */
static void push_arg(struct expr_state *st, struct expr *e, size_t *cap, struct expr *arg)
{
	e->args = arena_grow(st->a, e->args, e->nargs, cap, e->nargs + 1, 4, sizeof *e->args);
	e->args[e->nargs++] = arg;
	if (arg->height + 1 > e->height)
		e->height = arg->height + 1;
	if (arg->end > e->end)
		e->end = arg->end;
}

static int enter_level(struct expr_state *st, size_t offset)
{
	if (++st->depth <= EXPR_MAX_DEPTH)
		return 0;
	expr_error(st, offset, "the expression is nested more than %d levels deep",
	           EXPR_MAX_DEPTH);
	return -1;
}

/* Builds a node with the given operands, checking the height limit. */
static struct expr *combine(struct expr_state *st, enum expr_op op, size_t start,
                            struct expr *a, struct expr *b)
{
	struct expr *e = node(st, op, start, start);
	size_t cap = 0;
	push_arg(st, e, &cap, a);
	if (b != NULL)
		push_arg(st, e, &cap, b);
	if (e->height <= EXPR_MAX_HEIGHT)
		return e;
	expr_error(st, start, "the expression is too long: more than %d operators inside one "
	           "another; split it into derived values", EXPR_MAX_HEIGHT);
	return NULL;
}

/* Consumes the token that closes the bracket opened at open, or reports what came instead. */
static int close_bracket(struct expr_state *st, enum expr_tok want, size_t open,
                         bool is_comma)
{
	char col[64], found[64];
	const char *c = want == TK_RPAREN ? ")" : "]";
	if (st->tok.kind == want) {
		st->depth--;
		expr_lex_next(st);
		return st->tok.kind == TK_ERROR ? -1 : 0;
	}
	if (st->tok.kind == TK_ERROR)
		return -1;
	expr_column_text(st, open, col, sizeof col);
	expr_lex_describe(st, &st->tok, found, sizeof found);
	size_t at = st->tok.start;
	char o = st->text[open];
	if (st->tok.kind == TK_END && is_comma)
		expr_error(st, at, "expected ',' or '%s' to close the '%c' at %s", c, o, col);
	else if (st->tok.kind == TK_END)
		expr_error(st, at, "expected '%s' to close the '%c' at %s", c, o, col);
	else if (is_comma)
		expr_error(st, at, "expected ',' or '%s' to close the '%c' at %s, but found %s", c, o,
		           col, found);
	else
		expr_error(st, at, "expected '%s' to close the '%c' at %s, but found %s", c, o, col,
		           found);
	return -1;
}

/* A call's name that is not a function: say what it is instead. */
static void not_a_function(struct expr_state *st, const struct expr_token *name)
{
	const char *s = st->text + name->start;
	struct expr_symbol sym;
	if (st->scope->lookup(st->scope->ctx, s, name->len, &sym) == 0) {
		expr_error(st, name->start, "'%.*s' is not a function", (int)name->len, s);
		return;
	}
	const char *best = suggest_closest(s, name->len, expr_function_names, EXPR_FNS);
	if (best != NULL)
		expr_error(st, name->start, "unknown function '%.*s'; did you mean '%s'?",
		           (int)name->len, s, best);
	else
		expr_error(st, name->start, "unknown function '%.*s'", (int)name->len, s);
}

static int check_arity(struct expr_state *st, const struct expr *call)
{
	const struct expr_func_info *f = &expr_funcs[call->u.fn];
	if (f->max_args == 0 && call->nargs < f->min_args)
		expr_error(st, call->start, ngettext("%s() needs at least %zu argument",
		                                     "%s() needs at least %zu arguments", f->min_args),
		           f->name, f->min_args);
	else if (f->max_args != 0 && (call->nargs < f->min_args || call->nargs > f->max_args))
		expr_error(st, call->start, ngettext("%s() needs %zu argument, but has %zu",
		                                     "%s() needs %zu arguments, but has %zu", f->min_args),
		           f->name, f->min_args, call->nargs);
	else
		return 0;
	return -1;
}

/* call: NAME '(' [expr {',' expr}] ')' (the current token is the '(') */
static struct expr *call(struct expr_state *st, struct expr_token name)
{
	enum expr_func fn = expr_func_find(st->text + name.start, name.len);
	if (fn == EXPR_FNS) {
		not_a_function(st, &name);
		return NULL;
	}
	struct expr *e = node(st, EXPR_OP_CALL, name.start, name.start + name.len);
	e->u.fn = fn;
	e->name = st->text + name.start;
	e->name_len = name.len;
	size_t open = st->tok.start, cap = 0;
	if (enter_level(st, open) != 0)
		return NULL;
	expr_lex_next(st);
	bool has_more = st->tok.kind != TK_RPAREN;
	while (has_more) {
		struct expr *arg = subexpr(st, 0);
		if (arg == NULL)
			return NULL;
		push_arg(st, e, &cap, arg);
		has_more = st->tok.kind == TK_COMMA;
		if (has_more)
			expr_lex_next(st);
	}
	e->end = st->tok.start + 1;
	if (close_bracket(st, TK_RPAREN, open, true) != 0 || check_arity(st, e) != 0)
		return NULL;
	return e;
}

/* list: '[' NAME {',' NAME} ']' */
static struct expr *list(struct expr_state *st)
{
	struct expr *e = node(st, EXPR_OP_LIST, st->tok.start, st->tok.start + 1);
	size_t open = st->tok.start, cap = 0;
	char found[64];
	if (enter_level(st, open) != 0)
		return NULL;
	expr_lex_next(st);
	for (;;) {
		if (st->tok.kind != TK_NAME) {
			if (st->tok.kind != TK_ERROR)
				expr_error(st, st->tok.start, "expected a choice id in the list, but "
				           "found %s", expr_lex_describe(st, &st->tok, found, sizeof found));
			return NULL;
		}
		struct expr *id = node(st, EXPR_OP_NAME, st->tok.start, st->tok.start + st->tok.len);
		id->name = st->text + st->tok.start;
		id->name_len = st->tok.len;
		push_arg(st, e, &cap, id);
		expr_lex_next(st);
		if (st->tok.kind != TK_COMMA)
			break;
		expr_lex_next(st);
	}
	e->end = st->tok.start + 1;
	return close_bracket(st, TK_RBRACK, open, true) == 0 ? e : NULL;
}

/* A name, or a call when '(' follows it. */
static struct expr *name_or_call(struct expr_state *st)
{
	struct expr_token name = st->tok;
	expr_lex_next(st);
	if (st->tok.kind == TK_LPAREN)
		return call(st, name);
	if (st->tok.kind == TK_ERROR)
		return NULL;
	struct expr *e = node(st, EXPR_OP_NAME, name.start, name.start + name.len);
	e->name = st->text + name.start;
	e->name_len = name.len;
	return e;
}

/* group: '(' expr ')' */
static struct expr *group(struct expr_state *st)
{
	size_t open = st->tok.start;
	if (enter_level(st, open) != 0)
		return NULL;
	expr_lex_next(st);
	struct expr *e = subexpr(st, 0);
	if (e == NULL || close_bracket(st, TK_RPAREN, open, false) != 0)
		return NULL;
	return e;
}

/* A literal: number, text, true, false. */
static struct expr *literal(struct expr_state *st)
{
	const struct expr_token *t = &st->tok;
	struct expr *e = node(st, EXPR_OP_NUM, t->start, t->start + t->len);
	if (t->kind == TK_NUM) {
		e->u.num = t->num;
	} else if (t->kind == TK_STR) {
		e->op = EXPR_OP_STR;
		e->u.str = t->str;
	} else {
		e->op = EXPR_OP_BOOL;
		e->u.b = t->kind == TK_TRUE;
	}
	expr_lex_next(st);
	return st->tok.kind == TK_ERROR ? NULL : e;
}

/* simple: NUMBER | TEXT | true | false | NAME | call | list | group */
static struct expr *simple(struct expr_state *st)
{
	char found[64];
	enum expr_tok t = st->tok.kind;
	if (t == TK_NUM || t == TK_STR || t == TK_TRUE || t == TK_FALSE)
		return literal(st);
	if (t == TK_NAME)
		return name_or_call(st);
	if (t == TK_LPAREN)
		return group(st);
	if (t == TK_LBRACK)
		return list(st);
	if (t != TK_ERROR)
		expr_error(st, st->tok.start, "expected a value, but found %s",
		           expr_lex_describe(st, &st->tok, found, sizeof found));
	return NULL;
}

/* unary: ('not' | '-') subexpr(priority of the operator) */
static struct expr *unary(struct expr_state *st)
{
	size_t start = st->tok.start;
	bool is_not = st->tok.kind == TK_NOT;
	if (enter_level(st, start) != 0)
		return NULL;
	expr_lex_next(st);
	struct expr *operand = subexpr(st, is_not ? PRIO_NOT : PRIO_NEG);
	if (operand == NULL)
		return NULL;
	st->depth--;
	return combine(st, is_not ? EXPR_OP_NOT : EXPR_OP_NEG, start, operand, NULL);
}

/* subexpr: (unary | simple) {binop subexpr} where binop's left priority exceeds limit; a
 * `not` inside a comparison or arithmetic (limit above PRIO_NOT) needs brackets. */
static struct expr *subexpr(struct expr_state *st, unsigned limit)
{
	bool is_unary = st->tok.kind == TK_NOT || st->tok.kind == TK_MINUS;
	if (st->tok.kind == TK_NOT && limit > PRIO_NOT) {
		expr_error(st, st->tok.start, "'not' cannot stand here without brackets: write "
		           "'(not ...)'");
		return NULL;
	}
	struct expr *e = is_unary ? unary(st) : simple(st);
	while (e != NULL && binop_left(st->tok.kind) > limit) {
		enum expr_tok t = st->tok.kind;
		expr_lex_next(st);
		struct expr *right = subexpr(st, binops[t].right);
		if (right == NULL)
			return NULL;
		e = combine(st, binops[t].op, e->start, e, right);
		if (e != NULL && binops[t].left == PRIO_COMPARE &&
		    binop_left(st->tok.kind) == PRIO_COMPARE) {
			expr_error(st, st->tok.start, "comparisons cannot be chained: write "
			           "'a < b and b < c' instead of 'a < b < c'");
			return NULL;
		}
	}
	return e;
}

struct expr *expr_parse(struct expr_state *st)
{
	char found[64];
	expr_lex_next(st);
	if (st->tok.kind == TK_END) {
		expr_error(st, 0, "the expression is empty");
		return NULL;
	}
	struct expr *e = subexpr(st, 0);
	if (e == NULL || st->has_failed)
		return NULL;
	if (st->tok.kind == TK_RPAREN || st->tok.kind == TK_RBRACK)
		expr_error(st, st->tok.start, "'%c' has no matching '%c' before it",
		           st->text[st->tok.start], st->tok.kind == TK_RPAREN ? '(' : '[');
	else if (st->tok.kind != TK_END)
		expr_error(st, st->tok.start, "expected an operator or the end of the expression, "
		           "but found %s", expr_lex_describe(st, &st->tok, found, sizeof found));
	return st->has_failed ? NULL : e;
}
