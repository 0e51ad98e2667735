/*
 * expr_int.h - what the files of the expression module share: tokens, syntax-tree nodes and
 * the compile state. Not part of the interface; include/expr.h is.
 *
 * Flow: expr_compile() (expr_check.c) copies the text into the arena, expr_parse() (built on
 * the lexer in expr_lex.c) turns it into a tree of struct expr whose names are still
 * unresolved (EXPR_OP_NAME), and the checker resolves names, types every node and rewrites
 * nodes in place (EXPR_OP_NAME becomes EXPR_OP_REF or EXPR_OP_CHOICE, EXPR_OP_IN becomes
 * EXPR_OP_IN_SET or EXPR_OP_IN_LIST, count() of a multiple choice answer becomes
 * EXPR_FN_COUNT_SET). expr_eval.c evaluates checked trees; expr_print.c writes them back.
 */
#ifndef BACKCHECK_EXPR_INT_H
#define BACKCHECK_EXPR_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "expr.h"

enum expr_tok {
	TK_END,
	TK_ERROR,
	TK_NUM,
	TK_STR,
	TK_NAME,
	TK_TRUE,
	TK_FALSE,
	TK_OR,
	TK_AND,
	TK_NOT,
	TK_IN,
	TK_EQ,
	TK_NE,
	TK_LT,
	TK_LE,
	TK_GT,
	TK_GE,
	TK_PLUS,
	TK_MINUS,
	TK_STAR,
	TK_SLASH,
	TK_LPAREN,
	TK_RPAREN,
	TK_LBRACK,
	TK_RBRACK,
	TK_COMMA,
};

/* The current token: bytes [start, start + len) of the text; num and str for literals. */
struct expr_token {
	enum expr_tok kind;
	size_t start, len;
	double num;
	const char *str;
};

enum expr_op {
	EXPR_OP_NUM,
	EXPR_OP_BOOL,
	EXPR_OP_STR,
	EXPR_OP_NAME,
	EXPR_OP_REF,
	EXPR_OP_CHOICE,
	EXPR_OP_LIST,
	EXPR_OP_CALL,
	EXPR_OP_NOT,
	EXPR_OP_NEG,
	EXPR_OP_OR,
	EXPR_OP_AND,
	EXPR_OP_EQ,
	EXPR_OP_NE,
	EXPR_OP_LT,
	EXPR_OP_LE,
	EXPR_OP_GT,
	EXPR_OP_GE,
	EXPR_OP_IN,
	EXPR_OP_IN_SET,
	EXPR_OP_IN_LIST,
	EXPR_OP_ADD,
	EXPR_OP_SUB,
	EXPR_OP_MUL,
	EXPR_OP_DIV,
	EXPR_OPS,
};

enum expr_func {
	EXPR_FN_COUNT,
	EXPR_FN_SUM,
	EXPR_FN_MIN,
	EXPR_FN_MAX,
	EXPR_FN_CLAMP,
	EXPR_FN_ANSWERED,
	EXPR_FN_IF,
	EXPR_FN_MATCHED,
	EXPR_FNS,
	/* count() of one multiple choice answer; chosen by the checker, never by name. */
	EXPR_FN_COUNT_SET = EXPR_FNS,
};

/* A function's name and how many arguments it takes (max_args 0: no upper limit). */
struct expr_func_info {
	const char *name;
	size_t min_args, max_args;
};

extern const struct expr_func_info expr_funcs[EXPR_FNS];

/* A symbol an expression names, in order of first appearance (kept on the root node). */
struct expr_ref {
	enum expr_sym_kind kind;
	size_t index;
};

/*
 * A node of the syntax tree. name/name_len point into the arena's copy of the text (names,
 * choice ids, function names). args are the operands in source order: 1 for unary operators,
 * 2 for binary ones, the arguments of a call, the choice ids of a list.
 */
struct expr {
	enum expr_op op;
	enum expr_type type;
	size_t owner;
	size_t start, end;
	size_t height;
	const char *name;
	size_t name_len;
	union {
		double num;
		bool b;
		const char *str;
		unsigned choice;
		struct {
			enum expr_sym_kind kind;
			size_t index;
		} ref;
		enum expr_func fn;
		uint64_t bits;
	} u;
	struct expr **args;
	size_t nargs;
	/* Root node only: the distinct symbols named, in order of first appearance. */
	struct expr_ref *refs;
	size_t nrefs;
};

/* Compile state: the text (a NUL-terminated copy in the arena), where it sits, the scope. */
struct expr_state {
	struct arena *a;
	struct diag *d;
	const char *text;
	size_t len;
	struct expr_source src;
	const struct expr_scope *scope;
	size_t pos;
	struct expr_token tok;
	size_t depth;
	bool has_failed;
};

/* The position of byte offset of the text, as struct expr_source describes. */
struct srcpos expr_where(const struct expr_state *st, size_t offset);

/* Reports an error at byte offset of the text and marks the compile as failed; fmt is
 * translated (a keyword of xgettext, like diag_error). */
void expr_error(struct expr_state *st, size_t offset, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same for a message already in the interface's language. */
void expr_error_text(struct expr_state *st, size_t offset, const char *msg);

/* "column 12" (exact sources) or "character 3 of the expression": where offset is, for
 * messages that point back at an earlier token. Returns buf. */
const char *expr_column_text(const struct expr_state *st, size_t offset, char *buf,
                             size_t size);

/* Reads the next token into st->tok. Lexical errors are reported; the token is TK_ERROR. */
void expr_lex_next(struct expr_state *st);

/* The token as written, quoted ("'abc'") or "the end of the expression", for messages. */
const char *expr_lex_describe(const struct expr_state *st, const struct expr_token *t,
                              char *buf, size_t size);

/* The function called name (len bytes), or EXPR_FNS. */
enum expr_func expr_func_find(const char *name, size_t len);

/* Parses st->text into an unchecked tree, or NULL with the first syntax error reported. */
struct expr *expr_parse(struct expr_state *st);

/* Resolves and types the tree; 0, or -1 with every problem reported. */
int expr_check(struct expr_state *st, struct expr *e);

/* Operators as written ("and", "<=", "in"); NULL for nodes that are not operators. */
extern const char *const expr_op_text[EXPR_OPS];

/* Shortest decimal text of a number that reads back exactly, into buf. */
const char *expr_format_num(double n, char *buf, size_t size);

#endif
