/*
 * expr.h - the expression language of questionnaires (see docs/expressions.md).
 *
 * An expression is parsed and type-checked once, at load time, against a scope that names the
 * questionnaire's items and derived values; identifiers are resolved to (kind, index) pairs
 * and operators to enums, so evaluation never compares strings. Compiled expressions live in
 * the arena given to expr_compile() and are immutable afterwards.
 *
 * Evaluation uses SQL's three-valued logic: an unanswered item is unknown; `unknown and false`
 * is false, `unknown or true` is true, comparisons and arithmetic with unknown are unknown,
 * `x / 0` is unknown, `if` with an unknown condition takes the else branch, and the aggregate
 * functions (count, sum, min, max) skip unknown arguments. Evaluation cannot fail.
 */
#ifndef BACKCHECK_EXPR_H
#define BACKCHECK_EXPR_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "value.h"

struct arena;
struct expr;

/* Static types. EXPR_T_CHOICE and EXPR_T_SET carry the item that owns the choice list. */
enum expr_type {
	EXPR_T_BOOL,
	EXPR_T_NUM,
	EXPR_T_STR,
	EXPR_T_CHOICE,
	EXPR_T_SET,
};

/* The choice_owner of the name `outcome` (advice conditions only): its choices are outcome ids. */
#define EXPR_OWNER_OUTCOMES ((size_t)-1)

/* Where a name lives at run time: the index into struct expr_env's table of that kind. */
enum expr_sym_kind {
	EXPR_SYM_ITEM,
	EXPR_SYM_DERIVED,
	EXPR_SYM_OUTCOME,
	EXPR_SYM_RULE,
	EXPR_SYM_KINDS,
};

/* What a scope says about a name. */
struct expr_symbol {
	enum expr_sym_kind kind;
	size_t index;
	enum expr_type type;
	/* For EXPR_T_CHOICE / EXPR_T_SET: an opaque id of the choice list (the owning item's
	 * index), used to resolve bare choice ids and to check that two choices are comparable. */
	size_t choice_owner;
	/* Non-NULL: the symbol may not be used here (a `when` naming a later item or itself,
	 * `outcome` outside advice); the compiler reports this text at the name's position. */
	const char *why_not;
};

/*
 * The names an expression may use. lookup() returns 0 and fills *out when name (of length
 * len, not NUL-terminated) is known, -1 otherwise. choice() returns the index of the choice
 * called name in the list of choice_owner, or -1. choice_at() lists the ids of that list for
 * "did you mean" messages (may be NULL). All callbacks receive ctx; the strings they return
 * are borrowed and must stay valid until expr_compile() returns. lookup() may be called more
 * than once for the same name (to decide whether a bare identifier is a choice id).
 *
 * A bare identifier is resolved as a choice id first, and as a name only when the choice list
 * has no such id, wherever a choice is expected: compared (== !=) with a choice, on the left of
 * `in` before a multiple choice answer, and inside a list `[a, b]` (where it is always a choice
 * id). Elsewhere identifiers are names.
 */
struct expr_scope {
	void *ctx;
	int (*lookup)(void *ctx, const char *name, size_t len, struct expr_symbol *out);
	int (*choice)(void *ctx, size_t choice_owner, const char *name, size_t len);
	/* The name of the choice_owner, for messages ("pain_trend has no choice 'better'"). */
	const char *(*owner_name)(void *ctx, size_t choice_owner);
	/* Optional: resolves the argument of matched(RULE_ID) to a rule index, or -1; NULL where
	 * matched() may not be used (anywhere but advice conditions). */
	int (*rule)(void *ctx, const char *name, size_t len);
	/* Optional: every known identifier in turn (i = 0, 1, ...), NULL at the end; used for
	 * "did you mean" suggestions. */
	const char *(*name_at)(void *ctx, size_t i);
	/* Optional: the ids of choice_owner's list in turn, NULL at the end ("did you mean"). */
	const char *(*choice_at)(void *ctx, size_t choice_owner, size_t i);
	/* Optional: every rule id in turn, NULL at the end ("did you mean" for matched()). */
	const char *(*rule_at)(void *ctx, size_t i);
};

/*
 * Where the expression text sits in its source file. With is_exact set (a plain or single-line
 * quoted scalar) byte k of the text is at column pos.col + k of pos.line, or at cols[k] when
 * cols is set (a quoted scalar with escapes: len + 1 columns, borrowed); otherwise every
 * diagnostic points at pos.
 */
struct expr_source {
	struct srcpos pos;
	bool is_exact;
	const int *cols;
};

/*
 * Parses and type-checks text (len bytes) and requires its type to be want (EXPR_T_BOOL for
 * conditions, EXPR_T_NUM for derived values). Returns the compiled expression in arena a, or
 * NULL with every problem reported to d at its exact position. Recursion is capped at
 * EXPR_MAX_DEPTH nested levels (brackets, function calls, lists and the unary operators `not`
 * and `-` each open a level); at most EXPR_MAX_HEIGHT operators and calls may sit inside
 * one another (a chain such as `a + b + c + ...` counts one per operator). The text is
 * copied into a.
 */
enum { EXPR_MAX_DEPTH = 64, EXPR_MAX_HEIGHT = 1000 };
struct expr *expr_compile(struct arena *a, struct diag *d, const char *text, size_t len,
                          struct expr_source src, const struct expr_scope *scope,
                          enum expr_type want);

/* The static type of a compiled expression. */
enum expr_type expr_type(const struct expr *e);

/*
 * Values at run time: tables[kind][index] for every symbol kind the expression may name.
 * EXPR_SYM_OUTCOME's table has one entry, the decided outcome (a VAL_CHOICE whose index is the
 * outcome's index), or VAL_UNKNOWN before a decision. EXPR_SYM_RULE's table holds one VAL_BOOL
 * per rule: whether its condition holds (what matched(RULE_ID) returns).
 */
struct expr_env {
	const struct value *tables[EXPR_SYM_KINDS];
};

struct value expr_eval(const struct expr *e, const struct expr_env *env);

/* expr_eval() for conditions: true only when the value is a known true. */
bool expr_holds(const struct expr *e, const struct expr_env *env);

/*
 * Calls fn(ctx, kind, index) once for each distinct symbol the expression names, in order of
 * first appearance (for "the answers that made this rule match").
 */
void expr_each_ref(const struct expr *e, void (*fn)(void *ctx, enum expr_sym_kind kind,
                   size_t index), void *ctx);

/*
 * A condition as a flat list of tests that FHIR's enableWhen can carry: item OP constant
 * (EXPR_TERM_EQ, ... with a number, a yes/no or a choice), `CHOICE in ITEM` for a multiple
 * choice answer (EXPR_TERM_EQ with that choice: "any answer is"), `answered(ITEM)`
 * (EXPR_TERM_EXISTS), a yes/no item alone (= true) or negated (= false).
 */
enum expr_term_op {
	EXPR_TERM_EQ,
	EXPR_TERM_NE,
	EXPR_TERM_LT,
	EXPR_TERM_LE,
	EXPR_TERM_GT,
	EXPR_TERM_GE,
	EXPR_TERM_EXISTS,
};

struct expr_term {
	size_t item;
	enum expr_term_op op;
	/* VAL_NUM, VAL_BOOL or VAL_CHOICE (an index into the item's choices). */
	struct value v;
};

/*
 * Splits a condition into at most max terms joined all by `and` (*is_any false) or all by
 * `or` (*is_any true). Returns the number of terms, or -1 when the condition cannot be said
 * that way (mixed and/or, arithmetic, derived values, a comparison of whole sets, ...).
 */
int expr_terms(const struct expr *e, struct expr_term *out, size_t max, bool *is_any);

/* The function names of the language, NULL-terminated, for the format-coverage test. */
extern const char *const expr_function_names[];

/* The keywords of the language (and or not in true false), NULL-terminated: ids that cannot be
 * used as names in expressions. */
extern const char *const expr_keywords[];

/* True when name (len bytes) is one of expr_keywords (the loader refuses such ids). */
bool expr_is_keyword(const char *name, size_t len);

/* Writes the expression back as text in canonical form (for tests and `why`); caller frees. */
char *expr_to_string(const struct expr *e);

#endif
