/*
 * expr_range.h - evaluating an expression over a whole set of answers at once (abstract
 * interpretation), for `backcheck verify`.
 *
 * A struct expr_range describes every value an expression may take while each item ranges
 * over a set of answers: which of unknown, true, false or a known value are possible, an
 * interval for numbers, and bits for choices and multiple choice answers. The result always
 * contains every value expr_eval() could give for any answers in the sets (it may contain
 * more); when every set holds one answer it is exactly expr_eval()'s value. Evaluation
 * allocates nothing and cannot fail.
 */
#ifndef BACKCHECK_EXPR_RANGE_H
#define BACKCHECK_EXPR_RANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "expr.h"

/* Which kinds of value are possible. */
enum {
	EXPR_RANGE_UNKNOWN = 1,
	EXPR_RANGE_TRUE = 2,
	EXPR_RANGE_FALSE = 4,
	/* A known number, choice, set or string (booleans use TRUE and FALSE). */
	EXPR_RANGE_KNOWN = 8,
};

/*
 * Numbers: every known value lies in [lo, hi]. Choices: `may` holds the possible choices.
 * Multiple choice answers: each possible answer holds every choice of `must` and only choices
 * of `may`. Strings: str is the one possible string, or NULL for "any string".
 */
struct expr_range {
	/* The static type (enum expr_type) of the expression the range describes. */
	unsigned char type;
	unsigned flags;
	double lo, hi;
	uint64_t must, may;
	const char *str;
};

/* Ranges at run time, one table per symbol kind, as struct expr_env holds values. */
struct expr_range_env {
	const struct expr_range *tables[EXPR_SYM_KINDS];
};

struct expr_range expr_range_eval(const struct expr *e, const struct expr_range_env *env);

/* Whether the range holds exactly one value (one of unknown, true, false, or one known). */
bool expr_range_is_exact(struct expr_range r);

/*
 * Calls fn(ctx, kind, index, choice) for each symbol that keeps e from having one value:
 * the names inside the undecided comparisons (choice is the choice tested by `c in ITEM`,
 * or -1). A name may be reported more than once.
 */
void expr_range_culprits(const struct expr *e, const struct expr_range_env *env,
                         void (*fn)(void *ctx, enum expr_sym_kind kind, size_t index,
                                    int choice), void *ctx);

/* What a condition must come out as. */
enum expr_range_want {
	EXPR_RANGE_WANT_TRUE,
	EXPR_RANGE_WANT_NOT_TRUE,
	EXPR_RANGE_WANT_FALSE,
	EXPR_RANGE_WANT_NOT_FALSE,
};

/* The flags (EXPR_RANGE_TRUE, _FALSE, _UNKNOWN) that satisfy want. */
unsigned expr_range_wanted(enum expr_range_want want);

/*
 * Splits "e must come out as want" into conditions that must all hold, calling fn for each:
 * `a and b` true means both true, `a or b` not true means neither true, `not a` true means a
 * false, and so on. Parts that cannot be split (`a or b` true) are passed whole.
 */
void expr_range_conjuncts(const struct expr *e, enum expr_range_want want,
                          void (*fn)(void *ctx, const struct expr *part,
                                     enum expr_range_want want), void *ctx);

/* How an expression uses a name (expr_range_uses). */
enum expr_range_use {
	/* Compared with a constant: `x >= 12`, `7 > x`, `x == 3`; the constant is given. */
	EXPR_RANGE_USE_COMPARE,
	/* Only whether it is answered: answered(x). */
	EXPR_RANGE_USE_ANSWERED,
	/* Anything else: arithmetic, a comparison with another name, a function's argument. */
	EXPR_RANGE_USE_OTHER,
};

/* Calls fn(ctx, kind, index, use, constant) for every occurrence of a name in e. */
void expr_range_uses(const struct expr *e,
                     void (*fn)(void *ctx, enum expr_sym_kind kind, size_t index,
                                enum expr_range_use use, double constant), void *ctx);

#endif
