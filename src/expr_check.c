/*
 * expr_check.c - name resolution and type checking, and expr_compile() which runs the whole
 * pipeline. Invariant: after a successful check every node has its final type, no node is
 * EXPR_OP_NAME or EXPR_OP_IN any more, choice and set nodes carry their owner, and the root
 * lists the symbols it names. Errors in one operand do not stop the checking of the others,
 * but an operator whose operand failed reports nothing more (no cascades).
 */
#include "expr_int.h"

#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "i18n.h"
#include "suggest.h"

static int check(struct expr_state *st, struct expr *e, const size_t *owner);

/* --- Messages ------------------------------------------------------------------------ */

/* The operand as written, quoted and shortened. */
static const char *quoted(const struct expr_state *st, const struct expr *e, char *buf,
                          size_t size)
{
	size_t n = e->end - e->start;
	if (n > 30)
		snprintf(buf, size, "'%.27s...'", st->text + e->start);
	else
		snprintf(buf, size, "'%.*s'", (int)n, st->text + e->start);
	return buf;
}

static const char *owner_name(const struct expr_state *st, size_t owner)
{
	const char *s = NULL;
	if (st->scope->owner_name != NULL)
		s = st->scope->owner_name(st->scope->ctx, owner);
	return s != NULL ? s : _("this question");
}

/* What kind of value e is, for "but 'x' is ..." messages. */
static const char *phrase(const struct expr_state *st, const struct expr *e, char *buf,
                          size_t size)
{
	bool is_outcome = e->owner == EXPR_OWNER_OUTCOMES;
	switch (e->type) {
	case EXPR_T_BOOL:
		return _("yes/no");
	case EXPR_T_NUM:
		return _("a number");
	case EXPR_T_STR:
		return _("text");
	case EXPR_T_CHOICE:
		if (e->op == EXPR_OP_REF)
			return is_outcome ? _("an outcome") : _("a single choice answer");
		if (is_outcome)
			return _("an outcome id");
		snprintf(buf, size, _("a choice of %s"), owner_name(st, e->owner));
		return buf;
	case EXPR_T_SET:
		return e->op == EXPR_OP_LIST ? _("a list of choice ids") : _("a multiple choice answer");
	}
	return _("a value");
}

/* Reports "NEED, but 'x' is KIND" at x. Returns -1. */
static int wrong_type(struct expr_state *st, const struct expr *x, const char *need)
{
	char q[64], p[160];
	/* TRANSLATORS: what is needed (a whole clause), the operand as written, what kind of
	 * value it is: "'and' needs yes/no values, but 'age' is a number". */
	expr_error(st, x->start, "%s, but %s is %s", need, quoted(st, x, q, sizeof q),
	           phrase(st, x, p, sizeof p));
	return -1;
}

/* Runs a "did you mean" search over at(ctx, [owner,] i) and reports the message; a
 * candidate spelt exactly like the name is not offered (it is known, but not here). */
static void unknown(struct expr_state *st, const struct expr *e, const char *what,
                    const char *(*at)(void *, size_t), const char *(*at_owner)(void *, size_t,
                    size_t), size_t owner)
{
	struct suggest s;
	suggest_init(&s, e->name, e->name_len);
	const char *name;
	for (size_t i = 0; at != NULL && (name = at(st->scope->ctx, i)) != NULL; i++)
		suggest_consider(&s, name);
	for (size_t i = 0; at_owner != NULL && (name = at_owner(st->scope->ctx, owner, i)); i++)
		suggest_consider(&s, name);
	const char *best = suggest_result(&s);
	if (best != NULL && (strlen(best) != e->name_len || memcmp(best, e->name, e->name_len)))
		/* TRANSLATORS: "unknown name 'x'; did you mean 'y'?", "age has no choice 'x'". */
		expr_error(st, e->start, "%s '%.*s'; did you mean '%s'?", what, (int)e->name_len,
		           e->name, best);
	else
		expr_error(st, e->start, "%s '%.*s'", what, (int)e->name_len, e->name);
}

static void unknown_choice(struct expr_state *st, const struct expr *e, size_t owner)
{
	char what[160];
	if (owner == EXPR_OWNER_OUTCOMES)
		snprintf(what, sizeof what, "%s", _("unknown outcome"));
	else
		snprintf(what, sizeof what, _("%s has no choice"), owner_name(st, owner));
	unknown(st, e, what, NULL, st->scope->choice_at, owner);
}

/* --- Names and lists ----------------------------------------------------------------- */

static bool resolve_choice(struct expr_state *st, struct expr *e, size_t owner)
{
	int c = st->scope->choice(st->scope->ctx, owner, e->name, e->name_len);
	if (c < 0)
		return false;
	e->op = EXPR_OP_CHOICE;
	e->type = EXPR_T_CHOICE;
	e->owner = owner;
	e->u.choice = (unsigned)c;
	return true;
}

static bool has_choices(const struct expr *e)
{
	return e->type == EXPR_T_CHOICE || e->type == EXPR_T_SET;
}

/* Same type, and for choices the same choice list. */
static bool is_same_kind(const struct expr *a, const struct expr *b)
{
	return a->type == b->type && (!has_choices(a) || a->owner == b->owner);
}

/* A bare identifier: a choice id of *owner when there is one, else a name. */
static int check_name(struct expr_state *st, struct expr *e, const size_t *owner)
{
	struct expr_symbol sym;
	if (owner != NULL && resolve_choice(st, e, *owner))
		return 0;
	if (st->scope->lookup(st->scope->ctx, e->name, e->name_len, &sym) != 0) {
		if (owner != NULL)
			unknown_choice(st, e, *owner);
		else
			unknown(st, e, _("unknown name"), st->scope->name_at, NULL, 0);
		return -1;
	}
	if (sym.why_not != NULL) {
		expr_error_text(st, e->start, sym.why_not);
		return -1;
	}
	e->op = EXPR_OP_REF;
	e->type = sym.type;
	e->owner = has_choices(e) ? sym.choice_owner : 0;
	e->u.ref.kind = sym.kind;
	e->u.ref.index = sym.index;
	return 0;
}

static bool is_listed_before(const struct expr *list, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (list->args[j]->op == EXPR_OP_CHOICE &&
		    list->args[j]->u.choice == list->args[i]->u.choice)
			return true;
	return false;
}

/* [a, b]: choice ids of *owner; a set of them. */
static int check_list(struct expr_state *st, struct expr *e, const size_t *owner)
{
	int rc = 0;
	if (owner == NULL) {
		expr_error(st, e->start, "a list of choice ids can only be compared with a multiple "
		           "choice answer or follow 'in'");
		return -1;
	}
	for (size_t i = 0; i < e->nargs; i++) {
		struct expr *id = e->args[i];
		if (!resolve_choice(st, id, *owner)) {
			unknown_choice(st, id, *owner);
			rc = -1;
		} else if (is_listed_before(e, i)) {
			expr_error(st, id->start, "'%.*s' is listed twice", (int)id->name_len,
			           id->name);
			rc = -1;
		} else if (id->u.choice < 64) {
			e->u.bits |= (uint64_t)1 << id->u.choice;
		}
	}
	e->type = EXPR_T_SET;
	e->owner = *owner;
	return rc;
}

/* --- Operators ----------------------------------------------------------------------- */

/* Checks every operand without a choice context; -1 if any failed. */
static int check_all(struct expr_state *st, struct expr *e)
{
	int rc = 0;
	for (size_t i = 0; i < e->nargs; i++)
		if (check(st, e->args[i], NULL) != 0)
			rc = -1;
	return rc;
}

/* What each operand of e needs, the first half of a message ("'and' needs yes/no values"):
 * made only when one is wrong, as gettext and snprintf for every operator of every
 * expression cost 0.7M of an assessment's 22M instructions. */
static void operand_need(const struct expr *e, char *buf, size_t size)
{
	const char *op = expr_op_text[e->op];
	if (e->op == EXPR_OP_NOT)
		snprintf(buf, size, _("'%s' needs a yes/no value"), op);
	else if (e->op == EXPR_OP_AND || e->op == EXPR_OP_OR)
		snprintf(buf, size, _("'%s' needs yes/no values"), op);
	else if (e->op == EXPR_OP_NEG)
		snprintf(buf, size, _("'%s' needs a number"), op);
	else if (e->op == EXPR_OP_CALL)
		snprintf(buf, size, _("%s() needs numbers"), expr_funcs[e->u.fn].name);
	else
		snprintf(buf, size, _("'%s' needs numbers"), op);
}

/* Every operand must have type t; each operand that checks but has another type is
 * reported. */
static int check_operands(struct expr_state *st, struct expr *e, enum expr_type t)
{
	int rc = 0;
	for (size_t i = 0; i < e->nargs; i++) {
		if (check(st, e->args[i], NULL) != 0) {
			rc = -1;
		} else if (e->args[i]->type != t) {
			char need[64];
			operand_need(e, need, sizeof need);
			rc = wrong_type(st, e->args[i], need);
		}
	}
	return rc;
}

/* and, or, not: yes/no operands, yes/no result. */
static int check_logic(struct expr_state *st, struct expr *e)
{
	e->type = EXPR_T_BOOL;
	return check_operands(st, e, EXPR_T_BOOL);
}

/* + - * / and unary -: numbers. < <= > >=: numbers, yes/no result. */
static int check_numeric(struct expr_state *st, struct expr *e)
{
	bool is_compare = e->op >= EXPR_OP_LT && e->op <= EXPR_OP_GE;
	e->type = is_compare ? EXPR_T_BOOL : EXPR_T_NUM;
	return check_operands(st, e, EXPR_T_NUM);
}

/* Whether e's meaning depends on the choice context: a bare id, a list, or an if() whose two
 * results are both such. */
static bool is_bare(const struct expr *e)
{
	if (e->op == EXPR_OP_CALL && e->u.fn == EXPR_FN_IF)
		return is_bare(e->args[1]) && is_bare(e->args[2]);
	return e->op == EXPR_OP_NAME || e->op == EXPR_OP_LIST;
}

/* Whether a bare e has a meaning of its own: a known name, or an if() with such a result. */
static bool has_own_meaning(const struct expr_state *st, const struct expr *e)
{
	struct expr_symbol sym;
	if (e->op == EXPR_OP_CALL && e->u.fn == EXPR_FN_IF)
		return has_own_meaning(st, e->args[1]) || has_own_meaning(st, e->args[2]);
	return e->op == EXPR_OP_NAME &&
	       st->scope->lookup(st->scope->ctx, e->name, e->name_len, &sym) == 0;
}

static const size_t *choice_context(const struct expr *e)
{
	return has_choices(e) ? &e->owner : NULL;
}

/*
 * Checks first without a choice context, then second in the context first gives; a bare
 * second operand is not checked when first failed (its meaning depends on first).
 */
static int check_pair(struct expr_state *st, struct expr *first, struct expr *second)
{
	if (check(st, first, NULL) != 0) {
		if (!is_bare(second))
			check(st, second, NULL);
		return -1;
	}
	return check(st, second, choice_context(first));
}

/* == and != between values of different kinds or different choice lists. */
static int mismatch(struct expr_state *st, const struct expr *e)
{
	const struct expr *l = e->args[0], *r = e->args[1];
	const struct expr *set = l->type == EXPR_T_SET ? l : r, *one = set == l ? r : l;
	char a[64], b[64], pa[160], pb[160];
	quoted(st, l, a, sizeof a);
	quoted(st, r, b, sizeof b);
	if (set->type == EXPR_T_SET && set->op != EXPR_OP_LIST && one->op == EXPR_OP_CHOICE) {
		quoted(st, set, a, sizeof a);
		expr_error(st, one->start, "%s is a multiple choice answer: compare it with a list, "
		           "as in %.*s %s [%.*s], or test one choice with %.*s in %.*s", a,
		           (int)(set->end - set->start), st->text + set->start, expr_op_text[e->op],
		           (int)one->name_len, one->name, (int)one->name_len, one->name,
		           (int)(set->end - set->start), st->text + set->start);
	} else if (set->op == EXPR_OP_LIST && one->type == EXPR_T_CHOICE) {
		expr_error(st, set->start, "a single choice cannot be compared with a list; use "
		           "'in' to test whether it is one of the choices listed");
	} else if (l->type == r->type) {
		expr_error(st, r->start, "%s and %s have different choices and cannot be compared",
		           a, b);
	} else {
		expr_error(st, r->start, "'%s' needs two values of the same kind, but %s is %s and "
		           "%s is %s", expr_op_text[e->op], a, phrase(st, l, pa, sizeof pa), b,
		           phrase(st, r, pb, sizeof pb));
	}
	return -1;
}

/* Of two values of one kind, whether b has to be checked first because a takes its meaning
 * from it (a is a bare choice id, b an answer). */
static bool is_other_first(const struct expr_state *st, const struct expr *a,
                           const struct expr *b)
{
	return is_bare(a) && (!is_bare(b) || (!has_own_meaning(st, a) && has_own_meaning(st, b)));
}

/* == and !=: two values of one kind; bare ids take their meaning from the other side. */
static int check_equality(struct expr_state *st, struct expr *e)
{
	struct expr *l = e->args[0], *r = e->args[1];
	e->type = EXPR_T_BOOL;
	if (is_other_first(st, l, r) ? check_pair(st, r, l) : check_pair(st, l, r))
		return -1;
	if (!is_same_kind(l, r))
		return mismatch(st, e);
	return 0;
}

/* c in S (a multiple choice answer) and x in [a, b] (a single choice). */
static int check_in(struct expr_state *st, struct expr *e)
{
	struct expr *l = e->args[0], *r = e->args[1];
	char need[160];
	e->type = EXPR_T_BOOL;
	if (r->op == EXPR_OP_LIST) {
		if (check(st, l, NULL) != 0)
			return -1;
		if (l->type != EXPR_T_CHOICE)
			return wrong_type(st, l, _("'in' before a list needs a single choice answer"));
		e->op = EXPR_OP_IN_LIST;
		return check(st, r, &l->owner);
	}
	if (check_pair(st, r, l) != 0)
		return -1;
	if (r->type != EXPR_T_SET)
		return wrong_type(st, r, _("'in' needs a multiple choice answer or a list after it"));
	if (l->type != EXPR_T_CHOICE || l->owner != r->owner) {
		snprintf(need, sizeof need, _("'in' needs one of the choices of %s before it"),
		         owner_name(st, r->owner));
		return wrong_type(st, l, need);
	}
	e->op = EXPR_OP_IN_SET;
	return 0;
}

/* --- Functions ----------------------------------------------------------------------- */

/* count(S) or count(b1, b2, ...). */
static int check_count(struct expr_state *st, struct expr *e)
{
	if (check_all(st, e) != 0)
		return -1;
	e->type = EXPR_T_NUM;
	if (e->nargs == 1 && e->args[0]->type == EXPR_T_SET) {
		e->u.fn = EXPR_FN_COUNT_SET;
		return 0;
	}
	for (size_t i = 0; i < e->nargs; i++)
		if (e->args[i]->type != EXPR_T_BOOL)
			return wrong_type(st, e->args[i], _("count() counts yes/no conditions, or the "
			                  "choices of one multiple choice answer"));
	return 0;
}

/* sum, min, max, clamp: numbers in, a number out. */
static int check_numbers(struct expr_state *st, struct expr *e)
{
	e->type = EXPR_T_NUM;
	return check_operands(st, e, EXPR_T_NUM);
}

static int check_answered(struct expr_state *st, struct expr *e)
{
	e->type = EXPR_T_BOOL;
	return check_all(st, e);
}

/* The two results of if(): in the context given (owner), else the one that has a meaning of
 * its own first, the other in its context (as in if(c, pain_trend, same)). */
static int check_results(struct expr_state *st, struct expr *x, struct expr *y,
                         const size_t *owner)
{
	if (owner != NULL)
		return check(st, x, owner) | check(st, y, owner);
	return is_other_first(st, x, y) ? check_pair(st, y, x) : check_pair(st, x, y);
}

/* if(c, a, b): a yes/no condition and two results of one kind; owner as for check(). */
static int check_if(struct expr_state *st, struct expr *e, const size_t *owner)
{
	char a[64], b[64], pa[160], pb[160];
	const struct expr *c = e->args[0], *x = e->args[1], *y = e->args[2];
	if ((check(st, e->args[0], NULL) | check_results(st, e->args[1], e->args[2], owner)) != 0)
		return -1;
	if (c->type != EXPR_T_BOOL)
		return wrong_type(st, c, _("if() needs a yes/no condition first"));
	e->type = x->type;
	e->owner = x->owner;
	if (is_same_kind(x, y))
		return 0;
	if (x->type == y->type) {
		expr_error(st, y->start, "if() needs two results of the same kind, but %s and %s "
		           "have different choices", quoted(st, x, a, sizeof a),
		           quoted(st, y, b, sizeof b));
		return -1;
	}
	expr_error(st, y->start, "if() needs two results of the same kind, but %s is %s and %s "
	           "is %s", quoted(st, x, a, sizeof a), phrase(st, x, pa, sizeof pa),
	           quoted(st, y, b, sizeof b), phrase(st, y, pb, sizeof pb));
	return -1;
}

/* matched(RULE_ID): advice conditions only. */
static int check_matched(struct expr_state *st, struct expr *e)
{
	struct expr *id = e->args[0];
	e->type = EXPR_T_BOOL;
	if (st->scope->rule == NULL) {
		expr_error(st, e->start, "matched() can only be used in advice conditions");
		return -1;
	}
	if (id->op != EXPR_OP_NAME) {
		expr_error(st, id->start, "matched() needs a rule id");
		return -1;
	}
	int r = st->scope->rule(st->scope->ctx, id->name, id->name_len);
	if (r < 0) {
		unknown(st, id, _("unknown rule"), st->scope->rule_at, NULL, 0);
		return -1;
	}
	id->op = EXPR_OP_REF;
	id->type = EXPR_T_BOOL;
	id->u.ref.kind = EXPR_SYM_RULE;
	id->u.ref.index = (size_t)r;
	return 0;
}

static int (*const check_fn[EXPR_FNS])(struct expr_state *, struct expr *) = {
	[EXPR_FN_COUNT] = check_count,       [EXPR_FN_SUM] = check_numbers,
	[EXPR_FN_MIN] = check_numbers,       [EXPR_FN_MAX] = check_numbers,
	[EXPR_FN_CLAMP] = check_numbers,     [EXPR_FN_ANSWERED] = check_answered,
	[EXPR_FN_MATCHED] = check_matched,
};

/* --- The checker and the compiler ---------------------------------------------------- */

static int check_literal(struct expr_state *st, struct expr *e)
{
	(void)st;
	e->type = e->op == EXPR_OP_NUM ? EXPR_T_NUM :
	          e->op == EXPR_OP_BOOL ? EXPR_T_BOOL : EXPR_T_STR;
	return 0;
}

static int check_call(struct expr_state *st, struct expr *e)
{
	return check_fn[e->u.fn](st, e);
}

static int (*const check_op[EXPR_OPS])(struct expr_state *, struct expr *) = {
	[EXPR_OP_NUM] = check_literal,   [EXPR_OP_BOOL] = check_literal,
	[EXPR_OP_STR] = check_literal,   [EXPR_OP_CALL] = check_call,
	[EXPR_OP_NOT] = check_logic,     [EXPR_OP_NEG] = check_numeric,
	[EXPR_OP_OR] = check_logic,      [EXPR_OP_AND] = check_logic,
	[EXPR_OP_EQ] = check_equality,   [EXPR_OP_NE] = check_equality,
	[EXPR_OP_LT] = check_numeric,    [EXPR_OP_LE] = check_numeric,
	[EXPR_OP_GT] = check_numeric,    [EXPR_OP_GE] = check_numeric,
	[EXPR_OP_IN] = check_in,         [EXPR_OP_ADD] = check_numeric,
	[EXPR_OP_SUB] = check_numeric,   [EXPR_OP_MUL] = check_numeric,
	[EXPR_OP_DIV] = check_numeric,
};

/* owner: the choice list a bare identifier or list belongs to here, or NULL. */
static int check(struct expr_state *st, struct expr *e, const size_t *owner)
{
	if (e->op == EXPR_OP_NAME)
		return check_name(st, e, owner);
	if (e->op == EXPR_OP_LIST)
		return check_list(st, e, owner);
	if (e->op == EXPR_OP_CALL && e->u.fn == EXPR_FN_IF)
		return check_if(st, e, owner);
	return check_op[e->op](st, e);
}

int expr_check(struct expr_state *st, struct expr *e)
{
	return check(st, e, NULL);
}

static const char *const want_text[] = {
	[EXPR_T_BOOL] = N_("a condition must be yes/no"),
	[EXPR_T_NUM] = N_("a value must be a number"),
	[EXPR_T_STR] = N_("this must be text"),
	[EXPR_T_CHOICE] = N_("this must be a single choice"),
	[EXPR_T_SET] = N_("this must be a multiple choice answer"),
};

/* Appends the distinct symbols under e to root's list, in order of first appearance. */
static void collect_refs(struct arena *a, struct expr *root, const struct expr *e, size_t *cap)
{
	if (e->op == EXPR_OP_REF) {
		for (size_t i = 0; i < root->nrefs; i++)
			if (root->refs[i].kind == e->u.ref.kind && root->refs[i].index == e->u.ref.index)
				return;
		root->refs = arena_grow(a, root->refs, root->nrefs, cap, root->nrefs + 1, 8,
		                        sizeof *root->refs);
		root->refs[root->nrefs++] =
			(struct expr_ref){ e->u.ref.kind, e->u.ref.index };
	}
	for (size_t i = 0; i < e->nargs; i++)
		collect_refs(a, root, e->args[i], cap);
}

struct expr *expr_compile(struct arena *a, struct diag *d, const char *text, size_t len,
                          struct expr_source src, const struct expr_scope *scope,
                          enum expr_type want)
{
	char *copy = arena_alloc(a, len + 1);
	if (len > 0)
		memcpy(copy, text, len);
	struct expr_state st = { .a = a, .d = d, .text = copy, .len = len, .src = src,
	                         .scope = scope };
	struct expr *e = expr_parse(&st);
	if (e == NULL || expr_check(&st, e) != 0)
		return NULL;
	if (e->type != want) {
		wrong_type(&st, e, _(want_text[want]));
		return NULL;
	}
	size_t cap = 0;
	collect_refs(a, e, e, &cap);
	return e;
}

enum expr_type expr_type(const struct expr *e)
{
	return e->type;
}
