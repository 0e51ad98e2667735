/*
 * expr_lex.c - the lexer of the expression language, its keyword and function tables, and
 * the positions of diagnostics. Invariant: st->pos never passes st->len, and every token lies
 * inside [0, st->len); strings are compared only here, through the tables below.
 */
#include "expr_int.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "i18n.h"
#include "utf8.h"

const char *const expr_keywords[] = { "and", "or", "not", "in", "true", "false", NULL };

static const enum expr_tok keyword_tokens[] = { TK_AND, TK_OR, TK_NOT, TK_IN, TK_TRUE, TK_FALSE };

const struct expr_func_info expr_funcs[EXPR_FNS] = {
	[EXPR_FN_COUNT] = { "count", 1, 0 },
	[EXPR_FN_SUM] = { "sum", 1, 0 },
	[EXPR_FN_MIN] = { "min", 1, 0 },
	[EXPR_FN_MAX] = { "max", 1, 0 },
	[EXPR_FN_CLAMP] = { "clamp", 3, 3 },
	[EXPR_FN_ANSWERED] = { "answered", 1, 1 },
	[EXPR_FN_IF] = { "if", 3, 3 },
	[EXPR_FN_MATCHED] = { "matched", 1, 1 },
};

const char *const expr_function_names[] = {
	"count", "sum", "min", "max", "clamp", "answered", "if", "matched", NULL,
};

/* Operators, longest first so that "<=" wins over "<". */
static const struct {
	const char *text;
	enum expr_tok kind;
} operators[] = {
	{ "==", TK_EQ }, { "!=", TK_NE }, { "<=", TK_LE }, { ">=", TK_GE }, { "<", TK_LT },
	{ ">", TK_GT },  { "+", TK_PLUS }, { "-", TK_MINUS }, { "*", TK_STAR }, { "/", TK_SLASH },
	{ "(", TK_LPAREN }, { ")", TK_RPAREN }, { "[", TK_LBRACK }, { "]", TK_RBRACK },
	{ ",", TK_COMMA },
};

/* Things people write from other languages, with what to write instead. */
static const struct {
	const char *text;
	const char *advice;
} mistakes[] = {
	{ "&&", N_("'&&' is not an operator; write 'and'") },
	{ "||", N_("'||' is not an operator; write 'or'") },
	{ "&", N_("'&' is not an operator; write 'and'") },
	{ "|", N_("'|' is not an operator; write 'or'") },
	{ "=", N_("'=' is not an operator; write '==' to compare") },
	{ "!", N_("'!' is not an operator; write 'not'") },
	{ "'", N_("text is written in double quotes, \"like this\"") },
	{ ".", N_("a number must start with a digit, as in 0.5") },
};

bool expr_is_keyword(const char *name, size_t len)
{
	for (size_t i = 0; expr_keywords[i] != NULL; i++)
		if (strlen(expr_keywords[i]) == len && memcmp(expr_keywords[i], name, len) == 0)
			return true;
	return false;
}

enum expr_func expr_func_find(const char *name, size_t len)
{
	for (size_t f = 0; f < EXPR_FNS; f++)
		if (strlen(expr_funcs[f].name) == len && memcmp(expr_funcs[f].name, name, len) == 0)
			return (enum expr_func)f;
	return EXPR_FNS;
}

struct srcpos expr_where(const struct expr_state *st, size_t offset)
{
	struct srcpos p = st->src.pos;
	if (st->src.is_exact && st->src.cols != NULL)
		p.col = st->src.cols[offset < st->len ? offset : st->len];
	else if (st->src.is_exact)
		p.col += (int)offset;
	return p;
}

void expr_error(struct expr_state *st, size_t offset, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, gettext(fmt), ap);
	va_end(ap);
	expr_error_text(st, offset, msg);
}

void expr_error_text(struct expr_state *st, size_t offset, const char *msg)
{
	diag_report(st->d, DIAG_ERROR, expr_where(st, offset), "%s", msg);
	st->has_failed = true;
}

const char *expr_column_text(const struct expr_state *st, size_t offset, char *buf,
                             size_t size)
{
	if (st->src.is_exact)
		snprintf(buf, size, _("column %d"), expr_where(st, offset).col);
	else
		snprintf(buf, size, _("character %zu of the expression"), offset + 1);
	return buf;
}

const char *expr_lex_describe(const struct expr_state *st, const struct expr_token *t,
                              char *buf, size_t size)
{
	if (t->kind == TK_END)
		snprintf(buf, size, "%s", _("the end of the expression"));
	else if (t->len > 24)
		snprintf(buf, size, "'%.24s...'", st->text + t->start);
	else
		snprintf(buf, size, "'%.*s'", (int)t->len, st->text + t->start);
	return buf;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || is_digit(c);
}

static bool starts_with(const struct expr_state *st, size_t at, const char *s)
{
	size_t n = strlen(s);
	return st->len - at >= n && memcmp(st->text + at, s, n) == 0;
}

/* number: digit {digit} ['.' digit {digit}] */
static void lex_number(struct expr_state *st, struct expr_token *t)
{
	size_t p = t->start;
	while (p < st->len && is_digit(st->text[p]))
		p++;
	if (p < st->len && st->text[p] == '.') {
		if (p + 1 >= st->len || !is_digit(st->text[p + 1])) {
			expr_error(st, p, "expected a digit after the '.' in '%.*s.'",
			           (int)(p - t->start), st->text + t->start);
			t->kind = TK_ERROR;
			return;
		}
		for (p++; p < st->len && is_digit(st->text[p]); p++)
			;
	}
	t->len = p - t->start;
	t->num = strtod(arena_strndup(st->a, st->text + t->start, t->len), NULL);
	t->kind = TK_NUM;
	if (!isfinite(t->num)) {
		expr_error(st, t->start, "the number %.24s... is too large", st->text + t->start);
		t->kind = TK_ERROR;
	}
}

/* Copies the body of a string literal without its escapes into the arena. */
static const char *unescape(struct expr_state *st, size_t from, size_t to)
{
	char *out = arena_alloc(st->a, to - from + 1);
	size_t n = 0;
	for (size_t p = from; p < to; p++) {
		if (st->text[p] == '\\')
			p++;
		out[n++] = st->text[p];
	}
	out[n] = '\0';
	return out;
}

/* string: '"' { char | '\"' | '\\' } '"' */
static void lex_string(struct expr_state *st, struct expr_token *t)
{
	size_t p = t->start + 1;
	t->kind = TK_ERROR;
	for (; p < st->len && st->text[p] != '"'; p++) {
		unsigned char c = (unsigned char)st->text[p];
		if (c < 0x20 || c == 0x7f) {
			expr_error(st, p, "text in quotes cannot contain a line break or a control "
			           "character");
			return;
		}
		if (c != '\\')
			continue;
		if (p + 1 < st->len && (st->text[p + 1] == '"' || st->text[p + 1] == '\\')) {
			p++;
			continue;
		}
		expr_error(st, p, "unknown escape in text: only \\\" and \\\\ may follow a '\\'");
		return;
	}
	if (p >= st->len) {
		expr_error(st, t->start, "this text has no closing '\"'");
		return;
	}
	t->len = p + 1 - t->start;
	t->str = unescape(st, t->start + 1, p);
	t->kind = TK_STR;
}

/* name: [a-z_] {[a-z0-9_]}; keywords are names found in expr_keywords. */
static void lex_name(struct expr_state *st, struct expr_token *t)
{
	size_t p = t->start;
	bool has_upper = false;
	for (; p < st->len && is_name_char(st->text[p]); p++)
		if (st->text[p] >= 'A' && st->text[p] <= 'Z')
			has_upper = true;
	t->len = p - t->start;
	if (has_upper) {
		expr_error(st, t->start, "'%.*s': names and keywords are written in lower case",
		           (int)t->len, st->text + t->start);
		t->kind = TK_ERROR;
		return;
	}
	t->kind = TK_NAME;
	for (size_t i = 0; expr_keywords[i] != NULL; i++)
		if (strlen(expr_keywords[i]) == t->len &&
		    memcmp(expr_keywords[i], st->text + t->start, t->len) == 0)
			t->kind = keyword_tokens[i];
}

static void lex_other(struct expr_state *st, struct expr_token *t)
{
	for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++)
		if (starts_with(st, t->start, operators[i].text)) {
			t->kind = operators[i].kind;
			t->len = strlen(operators[i].text);
			return;
		}
	t->kind = TK_ERROR;
	for (size_t i = 0; i < sizeof mistakes / sizeof mistakes[0]; i++)
		if (starts_with(st, t->start, mistakes[i].text)) {
			expr_error_text(st, t->start, _(mistakes[i].advice));
			return;
		}
	unsigned char c = (unsigned char)st->text[t->start];
	uint32_t cp;
	size_t n = c >= 0x80 ? utf8_decode(st->text + t->start, st->len - t->start, &cp) : 0;
	if (c > 0x20 && c < 0x7f)
		expr_error(st, t->start, "unexpected character '%c'", c);
	else if (n > 0)
		expr_error(st, t->start, "unexpected character '%.*s' (names use only the letters "
		           "a to z, digits and '_')", (int)n, st->text + t->start);
	else
		expr_error(st, t->start, "unexpected byte 0x%02X (only letters, digits and the "
		           "operators of the language may appear outside quotes)", c);
}

void expr_lex_next(struct expr_state *st)
{
	struct expr_token *t = &st->tok;
	while (st->pos < st->len && strchr(" \t\r\n", st->text[st->pos]) != NULL &&
	       st->text[st->pos] != '\0')
		st->pos++;
	*t = (struct expr_token){ .kind = TK_END, .start = st->pos };
	if (st->pos >= st->len)
		return;
	char c = st->text[st->pos];
	if (is_digit(c))
		lex_number(st, t);
	else if (c == '"')
		lex_string(st, t);
	else if (is_name_char(c))
		lex_name(st, t);
	else
		lex_other(st, t);
	if (t->kind != TK_ERROR)
		st->pos = t->start + t->len;
}
