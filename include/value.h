/*
 * value.h - a runtime value: an answer, a derived value, or the result of an expression.
 *
 * VAL_UNKNOWN is SQL's NULL: an item that was not asked or not answered. Choices are indices
 * into their item's choice list, multiple choice is a bit set over those indices (so a
 * multiple-choice item has at most VALUE_SET_MAX choices). Strings are borrowed from whoever
 * made the value (a model arena or a run arena).
 */
#ifndef BACKCHECK_VALUE_H
#define BACKCHECK_VALUE_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum { VALUE_SET_MAX = 64 };

enum value_kind {
	VAL_UNKNOWN,
	VAL_BOOL,
	VAL_NUM,
	VAL_STR,
	VAL_CHOICE,
	VAL_SET,
};

struct value {
	enum value_kind kind;
	union {
		bool b;
		double num;
		const char *str;
		unsigned choice;
		uint64_t set;
	} u;
};

static inline struct value value_unknown(void)
{
	return (struct value){ .kind = VAL_UNKNOWN };
}

static inline struct value value_bool(bool b)
{
	return (struct value){ .kind = VAL_BOOL, .u.b = b };
}

static inline struct value value_num(double n)
{
	return (struct value){ .kind = VAL_NUM, .u.num = n };
}

static inline struct value value_choice(unsigned c)
{
	return (struct value){ .kind = VAL_CHOICE, .u.choice = c };
}

static inline struct value value_set(uint64_t s)
{
	return (struct value){ .kind = VAL_SET, .u.set = s };
}

static inline struct value value_str(const char *s)
{
	return (struct value){ .kind = VAL_STR, .u.str = s };
}

static inline bool value_is_known(struct value v)
{
	return v.kind != VAL_UNKNOWN;
}

/* True only for a known true boolean: a condition that ends unknown counts as false. */
static inline bool value_is_true(struct value v)
{
	return v.kind == VAL_BOOL && v.u.b;
}

/* Whether a and b are the same value: the same kind and the same content (strings by their
 * text). Two unknowns are the same answer (nothing); an expression's '==' never asks about
 * them, since comparing with unknown is unknown there. */
static inline bool value_equal(struct value a, struct value b)
{
	if (a.kind != b.kind)
		return false;
	switch (a.kind) {
	case VAL_UNKNOWN:
		return true;
	case VAL_BOOL:
		return a.u.b == b.u.b;
	case VAL_NUM:
		return a.u.num == b.u.num;
	case VAL_STR:
		return strcmp(a.u.str, b.u.str) == 0;
	case VAL_CHOICE:
		return a.u.choice == b.u.choice;
	case VAL_SET:
		return a.u.set == b.u.set;
	}
	return false;
}

#endif
