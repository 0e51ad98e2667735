/*
 * expr_print.c - writes a compiled expression back as text in canonical form: single spaces
 * around binary operators, ", " between arguments, numbers in their shortest exact decimal
 * form, and parentheses only where precedence needs them. Reading the text back gives the
 * same tree.
 */
#include "expr_int.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>

const char *const expr_op_text[EXPR_OPS] = {
	[EXPR_OP_NOT] = "not",   [EXPR_OP_NEG] = "-",     [EXPR_OP_OR] = "or",
	[EXPR_OP_AND] = "and",   [EXPR_OP_EQ] = "==",     [EXPR_OP_NE] = "!=",
	[EXPR_OP_LT] = "<",      [EXPR_OP_LE] = "<=",     [EXPR_OP_GT] = ">",
	[EXPR_OP_GE] = ">=",     [EXPR_OP_IN] = "in",     [EXPR_OP_IN_SET] = "in",
	[EXPR_OP_IN_LIST] = "in", [EXPR_OP_ADD] = "+",    [EXPR_OP_SUB] = "-",
	[EXPR_OP_MUL] = "*",     [EXPR_OP_DIV] = "/",
};

/* Binding strength for printing; operands (literals, names, calls, lists) bind tightest. */
enum { PREC_COMPARE = 4, PREC_OPERAND = 8 };

static const unsigned char prec[EXPR_OPS] = {
	[EXPR_OP_OR] = 1,      [EXPR_OP_AND] = 2,      [EXPR_OP_NOT] = 3,
	[EXPR_OP_EQ] = 4,      [EXPR_OP_NE] = 4,       [EXPR_OP_LT] = 4,
	[EXPR_OP_LE] = 4,      [EXPR_OP_GT] = 4,       [EXPR_OP_GE] = 4,
	[EXPR_OP_IN] = 4,      [EXPR_OP_IN_SET] = 4,   [EXPR_OP_IN_LIST] = 4,
	[EXPR_OP_ADD] = 5,     [EXPR_OP_SUB] = 5,      [EXPR_OP_MUL] = 6,
	[EXPR_OP_DIV] = 6,     [EXPR_OP_NEG] = 7,
};

static unsigned prec_of(const struct expr *e)
{
	return prec[e->op] ? prec[e->op] : PREC_OPERAND;
}

/* Plain decimals only (the lexer reads no exponent): a literal may be as large as DBL_MAX (309
 * digits) or need up to EXPR_NUM_DIGITS decimals (the smallest normal double's shortest
 * exact form); EXPR_NUM_TEXT_MAX holds either. */
enum { EXPR_NUM_DIGITS = 340, EXPR_NUM_TEXT_MAX = 720 };

const char *expr_format_num(double n, char *buf, size_t size)
{
	for (int digits = 0; digits <= EXPR_NUM_DIGITS; digits++) {
		snprintf(buf, size, "%.*f", digits, n);
		if (strtod(buf, NULL) == n)
			return buf;
	}
	return buf;
}

static void print(FILE *f, const struct expr *e);

static void print_wrapped(FILE *f, const struct expr *e, bool is_wrapped)
{
	if (is_wrapped)
		fputc('(', f);
	print(f, e);
	if (is_wrapped)
		fputc(')', f);
}

static void print_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

/* NAME(args) and [ids]. */
static void print_items(FILE *f, const struct expr *e, const char *open, const char *close)
{
	fputs(open, f);
	for (size_t i = 0; i < e->nargs; i++) {
		if (i > 0)
			fputs(", ", f);
		print(f, e->args[i]);
	}
	fputs(close, f);
}

static void print_call(FILE *f, const struct expr *e)
{
	fprintf(f, "%.*s", (int)e->name_len, e->name);
	print_items(f, e, "(", ")");
}

static void print_operator(FILE *f, const struct expr *e)
{
	unsigned p = prec_of(e);
	if (e->nargs == 1) {
		fputs(e->op == EXPR_OP_NOT ? "not " : "-", f);
		print_wrapped(f, e->args[0], prec_of(e->args[0]) < p);
		return;
	}
	unsigned lp = prec_of(e->args[0]);
	print_wrapped(f, e->args[0], lp < p || (p == PREC_COMPARE && lp == p));
	fprintf(f, " %s ", expr_op_text[e->op]);
	print_wrapped(f, e->args[1], prec_of(e->args[1]) <= p);
}

static void print(FILE *f, const struct expr *e)
{
	char num[EXPR_NUM_TEXT_MAX];
	if (e->op == EXPR_OP_NUM)
		fputs(expr_format_num(e->u.num, num, sizeof num), f);
	else if (e->op == EXPR_OP_BOOL)
		fputs(e->u.b ? "true" : "false", f);
	else if (e->op == EXPR_OP_STR)
		print_string(f, e->u.str);
	else if (e->op == EXPR_OP_CALL)
		print_call(f, e);
	else if (e->op == EXPR_OP_LIST)
		print_items(f, e, "[", "]");
	else if (e->name != NULL)
		fprintf(f, "%.*s", (int)e->name_len, e->name);
	else
		print_operator(f, e);
}

char *expr_to_string(const struct expr *e)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = xalloc_memstream(&buf, &len);
	print(f, e);
	if (fclose(f) != 0 || buf == NULL)
		xalloc_die();
	return buf;
}
