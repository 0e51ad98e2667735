/*
 * loader_expr.c - the second pass: compiling every expression against the scope its place
 * allows, finding cycles among derived values and their evaluation order.
 *
 * Scopes: derived values, rules and properties may name every item and derived value; an
 * item's `when` only earlier items and derived values that depend (through any chain) only on
 * earlier items; advice conditions may also name `outcome` and use matched(RULE_ID).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "expr.h"
#include "idmap.h"
#include "i18n.h"
#include "loader_int.h"
#include "yamlio.h"
#include "xalloc.h"

static const enum expr_type item_expr_type[ITEM_TYPES] = {
	[ITEM_YESNO] = EXPR_T_BOOL, [ITEM_CHOICE] = EXPR_T_CHOICE, [ITEM_MULTI] = EXPR_T_SET,
	[ITEM_INT] = EXPR_T_NUM, [ITEM_NUMBER] = EXPR_T_NUM, [ITEM_SCALE] = EXPR_T_NUM,
	[ITEM_TEXT] = EXPR_T_STR, [ITEM_NOTE] = EXPR_T_BOOL,
};

static bool is_word(const char *name, size_t len, const char *word)
{
	return strlen(word) == len && memcmp(name, word, len) == 0;
}

/* Whether the scope is tied to the order of asking (cur_item's conditions and check). */
static bool is_ordered(const struct ld *ld)
{
	return ld->mode == SCOPE_WHEN || ld->mode == SCOPE_CHOICE_WHEN || ld->mode == SCOPE_CHECK;
}

/* "the 'when' of 'x'", for messages about the expression being compiled. */
static const char *whose(struct ld *ld)
{
	const char *cur = ld->q->items[ld->cur_item].id;
	if (ld->mode == SCOPE_CHOICE_WHEN)
		return arena_printf(ld->a, _("the 'when' of a choice of '%s'"), cur);
	if (ld->mode == SCOPE_CHECK)
		return arena_printf(ld->a, _("the check of '%s'"), cur);
	return arena_printf(ld->a, _("the 'when' of '%s'"), cur);
}

/* Why item j may not be named here, or NULL. A check may name its own item. */
static const char *item_why_not(struct ld *ld, size_t j)
{
	const struct questionnaire *q = ld->q;
	const char *id = q->items[j].id, *cur = q->items[ld->cur_item].id;
	if (q->items[j].type == ITEM_NOTE)
		return arena_printf(ld->a, _("'%s' is a note and has no answer"), id);
	if (!is_ordered(ld) || j < ld->cur_item || (j == ld->cur_item && ld->mode == SCOPE_CHECK))
		return NULL;
	if (j == ld->cur_item)
		return arena_printf(ld->a, _("%s cannot use '%s' itself"), whose(ld), id);
	return arena_printf(ld->a, _("'%s' is asked after '%s', so %s cannot use it"), id, cur,
	                    whose(ld));
}

static const char *derived_why_not(struct ld *ld, size_t k)
{
	const struct questionnaire *q = ld->q;
	long dep = ld->dep_item[k];
	if (!is_ordered(ld) || dep < (long)ld->cur_item ||
	    (dep == (long)ld->cur_item && ld->mode == SCOPE_CHECK))
		return NULL;
	const char *id = q->derived[k].id, *cur = q->items[ld->cur_item].id;
	if (dep == (long)ld->cur_item)
		return arena_printf(ld->a, _("'%s' depends on '%s', so %s cannot use it"), id, cur,
		                    whose(ld));
	return arena_printf(ld->a, _("'%s' depends on '%s', which is asked after '%s', so %s "
	                    "cannot use it"), id, q->items[dep].id, cur, whose(ld));
}

static int lookup(void *ctx, const char *name, size_t len, struct expr_symbol *out)
{
	struct ld *ld = ctx;
	size_t v;
	if (is_word(name, len, "outcome")) {
		*out = (struct expr_symbol){ EXPR_SYM_OUTCOME, 0, EXPR_T_CHOICE,
		                             EXPR_OWNER_OUTCOMES, NULL };
		if (ld->mode != SCOPE_ADVICE)
			out->why_not = _("'outcome' can be used only in advice conditions");
		return 0;
	}
	if (idmap_get(ld->ids, MODEL_NS_SYMBOL, name, len, &v) != 0)
		return -1;
	if (v % 2 == 1) {
		*out = (struct expr_symbol){ EXPR_SYM_DERIVED, v / 2, EXPR_T_NUM, 0,
		                             derived_why_not(ld, v / 2) };
		return 0;
	}
	const struct item *it = &ld->q->items[v / 2];
	bool has_choices = it->type == ITEM_CHOICE || it->type == ITEM_MULTI;
	*out = (struct expr_symbol){ EXPR_SYM_ITEM, v / 2, item_expr_type[it->type],
	                             has_choices ? v / 2 : 0, item_why_not(ld, v / 2) };
	return 0;
}

static int choice(void *ctx, size_t owner, const char *name, size_t len)
{
	struct ld *ld = ctx;
	size_t ns = owner == EXPR_OWNER_OUTCOMES ? MODEL_NS_OUTCOME : MODEL_NS_CHOICE + owner;
	size_t v;
	return idmap_get(ld->ids, ns, name, len, &v) == 0 ? (int)v : -1;
}

static const char *owner_name(void *ctx, size_t owner)
{
	struct ld *ld = ctx;
	return owner == EXPR_OWNER_OUTCOMES ? "outcome" : ld->q->items[owner].id;
}

static int rule(void *ctx, const char *name, size_t len)
{
	struct ld *ld = ctx;
	size_t v;
	return idmap_get(ld->ids, MODEL_NS_RULE, name, len, &v) == 0 ? (int)v : -1;
}

/*
 * The *_at callbacks list names for "did you mean". Once the diag is full nothing more is
 * shown, so they list nothing: that keeps a file with very many unknown names linear.
 */
static const char *choice_at(void *ctx, size_t owner, size_t i)
{
	struct ld *ld = ctx;
	const struct questionnaire *q = ld->q;
	if (diag_is_full(ld->d))
		return NULL;
	if (owner == EXPR_OWNER_OUTCOMES)
		return i < q->noutcomes ? q->outcomes[i].id : NULL;
	return i < q->items[owner].nchoices ? q->items[owner].choices[i].id : NULL;
}

static const char *rule_at(void *ctx, size_t i)
{
	struct ld *ld = ctx;
	return i < ld->q->nrules && !diag_is_full(ld->d) ? ld->q->rules[i].id : NULL;
}

static const char *name_at(void *ctx, size_t i)
{
	struct ld *ld = ctx;
	const struct questionnaire *q = ld->q;
	if (diag_is_full(ld->d))
		return NULL;
	if (i < q->nitems)
		return q->items[i].id;
	if (i - q->nitems < q->nderived)
		return q->derived[i - q->nitems].id;
	if (ld->mode == SCOPE_ADVICE && i - q->nitems == q->nderived)
		return "outcome";
	return NULL;
}

const struct expr *ld_compile(struct ld *ld, const struct ynode *n, const char *key, int want)
{
	const char *text;
	if (n == NULL || ld_string(ld, n, key, &text) != 0)
		return NULL;
	struct expr_scope scope = {
		.ctx = ld, .lookup = lookup, .choice = choice, .owner_name = owner_name,
		.rule = ld->mode == SCOPE_ADVICE ? rule : NULL, .name_at = name_at,
		.choice_at = choice_at, .rule_at = ld->mode == SCOPE_ADVICE ? rule_at : NULL,
	};
	struct expr_source src = { ld_textpos(n, 0), n->is_exact, n->cols };
	return expr_compile(ld->a, ld->d, n->str, n->len, src, &scope, (enum expr_type)want);
}

/* Collecting a derived value's dependencies. */
struct refs {
	struct ld *ld;
	long latest_item;
	size_t *deps;
	size_t ndeps;
};

static void count_ref(void *ctx, enum expr_sym_kind kind, size_t index)
{
	struct refs *r = ctx;
	if (kind == EXPR_SYM_DERIVED)
		r->ndeps++;
	if (kind == EXPR_SYM_ITEM && (long)index > r->latest_item)
		r->latest_item = (long)index;
}

static void store_ref(void *ctx, enum expr_sym_kind kind, size_t index)
{
	struct refs *r = ctx;
	if (kind == EXPR_SYM_DERIVED)
		r->deps[r->ndeps++] = index;
}

static void derived_refs(struct ld *ld, size_t k, const struct expr *e)
{
	struct refs r = { ld, DEP_NONE, NULL, 0 };
	expr_each_ref(e, count_ref, &r);
	ld->dep_item[k] = r.latest_item;
	ld->deps[k] = arena_calloc(ld->a, r.ndeps, sizeof *r.deps);
	r.deps = ld->deps[k];
	r.ndeps = 0;
	expr_each_ref(e, store_ref, &r);
	ld->ndeps[k] = r.ndeps;
}

/* Appends a and b to buf (size bytes, len used), truncating; returns the new length. */
static size_t append(char *buf, size_t size, size_t len, const char *a, const char *b)
{
	len += (size_t)snprintf(buf + len, size - len, "%s%s", a, b);
	return len < size ? len : size - 1;
}

/* Reports the cycle stack[from..top] -> stack[from]; marks its members broken. */
static void report_cycle(struct ld *ld, const size_t *stack, size_t from, size_t top)
{
	const struct questionnaire *q = ld->q;
	char path[512];
	size_t len = 0;
	for (size_t i = from; i <= top && len < 300; i++)
		len = append(path, sizeof path, len, q->derived[stack[i]].id, " -> ");
	if (len >= 300)
		len = append(path, sizeof path, len, "... -> ", "");
	append(path, sizeof path, len, q->derived[stack[from]].id, "");
	const struct ynode *n = ld->derived_value[stack[from]];
	diag_error(ld->d, n != NULL ? n->pos : q->derived[stack[from]].pos,
	           "derived values form a cycle: %s", path);
	for (size_t i = from; i <= top; i++)
		ld->dep_item[stack[i]] = DEP_BROKEN;
}

/* Marks k finished: its latest item is the latest of its own and its dependencies'. */
static void finish(struct ld *ld, size_t k, size_t *norder)
{
	ld->q->eval_order[(*norder)++] = k;
	if (ld->dep_item[k] == DEP_BROKEN)
		return;
	for (size_t i = 0; i < ld->ndeps[k]; i++) {
		long d = ld->dep_item[ld->deps[k][i]];
		if (d == DEP_BROKEN || d > ld->dep_item[k])
			ld->dep_item[k] = d == DEP_BROKEN ? DEP_BROKEN : d;
		if (d == DEP_BROKEN)
			return;
	}
}

/* Depth-first search without recursion; state 0 new, 1 on the stack, 2 finished. */
static void order(struct ld *ld)
{
	size_t n = ld->q->nderived, norder = 0;
	unsigned char *state = xalloc_array(n + 1, 1);
	size_t *stack = xalloc_array(n + 1, sizeof *stack), *next = xalloc_array(n + 1, sizeof *next);
	for (size_t root = 0; root < n; root++) {
		if (state[root] != 0)
			continue;
		size_t top = 0;
		stack[0] = root, next[0] = 0, state[root] = 1;
		for (;;) {
			size_t k = stack[top];
			if (next[top] == ld->ndeps[k]) {
				state[k] = 2;
				finish(ld, k, &norder);
				if (top-- == 0)
					break;
				continue;
			}
			size_t d = ld->deps[k][next[top]++];
			if (state[d] == 1) {
				size_t from = top;
				while (stack[from] != d)
					from--;
				report_cycle(ld, stack, from, top);
			} else if (state[d] == 0) {
				stack[++top] = d, next[top] = 0, state[d] = 1;
			}
		}
	}
	free(state);
	free(stack);
	free(next);
}

static void compile_derived(struct ld *ld)
{
	struct questionnaire *q = ld->q;
	ld->dep_item = arena_calloc(ld->a, q->nderived, sizeof *ld->dep_item);
	ld->deps = arena_calloc(ld->a, q->nderived, sizeof *ld->deps);
	ld->ndeps = arena_calloc(ld->a, q->nderived, sizeof *ld->ndeps);
	ld->mode = SCOPE_ALL;
	for (size_t k = 0; k < q->nderived; k++) {
		const struct expr *e = ld_compile(ld, ld->derived_value[k], "value", EXPR_T_NUM);
		q->derived[k].value = e;
		if (e != NULL)
			derived_refs(ld, k, e);
		else
			ld->dep_item[k] = DEP_NONE;
	}
	order(ld);
}

/* Text parts' conditions (`because`, `action`), compiled like the rule's own. */
static void compile_parts(struct ld *ld, struct text_part *parts, size_t n,
                          const struct ynode **whens)
{
	for (size_t k = 0; k < n; k++)
		if (whens[k] != NULL)
			parts[k].when = ld_compile(ld, whens[k], "when", EXPR_T_BOOL);
}

/* Per item, in the order of asking: its `when`, its choices' `when`, its check. */
static void compile_items(struct ld *ld)
{
	struct questionnaire *q = ld->q;
	for (size_t i = 0; i < q->nitems; i++) {
		struct item *it = &q->items[i];
		ld->cur_item = i;
		ld->mode = SCOPE_WHEN;
		it->when = ld_compile(ld, ld->item_when[i], "when", EXPR_T_BOOL);
		ld->mode = SCOPE_CHOICE_WHEN;
		for (size_t k = 0; ld->choice_when[i] != NULL && k < it->nchoices; k++)
			it->choices[k].when = ld_compile(ld, ld->choice_when[i][k], "when",
			                                 EXPR_T_BOOL);
		ld->mode = SCOPE_CHECK;
		it->check.valid = ld_compile(ld, ld->item_valid[i], "valid", EXPR_T_BOOL);
	}
}

void ld_compile_all(struct ld *ld)
{
	struct questionnaire *q = ld->q;
	compile_derived(ld);
	compile_items(ld);
	ld->mode = SCOPE_ALL;
	for (size_t i = 0; i < q->nrules; i++) {
		struct rule *r = &q->rules[i];
		r->when = ld_compile(ld, ld->rule_when[i], "when", EXPR_T_BOOL);
		compile_parts(ld, r->parts, r->nparts, ld->part_when[i]);
		compile_parts(ld, r->action_parts, r->naction_parts, ld->action_when[i]);
	}
	for (size_t i = 0; i < q->nproperties; i++)
		q->properties[i].given = ld_compile(ld, ld->property_given[i], "given",
		                                    EXPR_T_BOOL);
	ld->mode = SCOPE_ADVICE;
	for (size_t i = 0; i < q->nadvice; i++)
		q->advice[i].when = ld_compile(ld, ld->advice_when[i], "when", EXPR_T_BOOL);
}
