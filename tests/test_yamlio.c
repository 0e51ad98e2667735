/* test_yamlio.c - the YAML adapter: positions of every node kind, every refusal with its exact
 * message and place, adversarial inputs, the yaml-test-suite corpus, and emit round trips. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "yamlio.h"
#include "testlib.h"

/* A parse with its arena and diagnostics, freed by done(). */
struct run {
	struct arena *a;
	struct diag *d;
	struct ynode *root;
};

static struct run parse_n(const char *src, size_t len)
{
	struct run r = { arena_new(), diag_new(), NULL };
	r.root = yamlio_parse(r.a, r.d, "t.yaml", src, len);
	return r;
}

static struct run parse(const char *src)
{
	return parse_n(src, strlen(src));
}

static void done(struct run *r)
{
	arena_free(r->a);
	diag_free(r->d);
}

/* Asserts that src is refused with exactly one error, at line:col, with message msg, and
 * then, when note is not NULL, one note with that text. */
static void expect_refused_note(const char *src, size_t len, int line, int col, const char *msg,
                                const char *note)
{
	struct run r = parse_n(src, len);
	assert_null(r.root);
	assert_int_equal(diag_errors(r.d), 1);
	assert_int_equal(diag_count(r.d), note ? 2 : 1);
	const struct diag_entry *e = diag_get(r.d, 0);
	assert_string_equal(e->message, msg);
	assert_string_equal(e->file, "t.yaml");
	assert_int_equal(e->line, line);
	assert_int_equal(e->col, col);
	if (note != NULL) {
		assert_int_equal(diag_get(r.d, 1)->severity, DIAG_NOTE);
		assert_string_equal(diag_get(r.d, 1)->message, note);
	}
	done(&r);
}

static void expect_refused_n(const char *src, size_t len, int line, int col, const char *msg)
{
	expect_refused_note(src, len, line, col, msg, NULL);
}

static void expect_refused(const char *src, int line, int col, const char *msg)
{
	expect_refused_n(src, strlen(src), line, col, msg);
}

/* A text that must be refused: one error at line:col with message msg, then the note
 * (when not NULL). */
struct refusal {
	const char *src;
	int line, col;
	const char *msg;
	const char *note;
};

static void expect_all_refused(const struct refusal *cases, size_t n)
{
	for (size_t i = 0; i < n; i++)
		expect_refused_note(cases[i].src, strlen(cases[i].src), cases[i].line, cases[i].col,
		                    cases[i].msg, cases[i].note);
}

static void assert_node(const struct ynode *n, enum ynode_kind kind, int line, int col)
{
	assert_non_null(n);
	assert_int_equal(n->kind, kind);
	assert_int_equal(n->pos.line, line);
	assert_int_equal(n->pos.col, col);
}

static void assert_scalar(const struct ynode *n, const char *s, enum yscalar_style style,
                          int line, int col, bool is_exact)
{
	assert_node(n, YNODE_SCALAR, line, col);
	assert_string_equal(n->str, s);
	assert_int_equal(n->len, strlen(s));
	assert_int_equal(n->style, style);
	assert_int_equal(n->is_exact, is_exact);
}

/* Quoted scalars on one line with '' or escapes keep an exact column for every byte of their
 * text (yamlio_byte_pos); elsewhere it is pos.col + k, or pos when the scalar is not exact. */
static void test_parse_byte_positions_through_escapes(void **state)
{
	(void)state;
	struct run r = parse("a: 'it''s {x}'\n"
	                     "b: \"t\\tu\\u00e9\\x41\\U0001F600 {x}\"\n"
	                     "c: plain {x}\n"
	                     "d: \"two\n  lines {x}\"\n"
	                     "e: \"bad \\q\"\n");
	assert_null(r.root);
	done(&r);
	r = parse("a: 'it''s {x}'\n"
	          "b: \"t\\tu\\u00e9\\x41\\U0001F600 {x}\"\n"
	          "c: plain {x}\n"
	          "d: \"two\n  lines {x}\"\n");
	assert_non_null(r.root);
	const struct ynode *a = r.root->items[0], *b = r.root->items[1], *c = r.root->items[2],
	                   *d = r.root->items[3];
	/* 'it''s {x}': text "it's {x}", the '{' is byte 5, at column 11 of the source. */
	assert_true(a->is_exact);
	assert_non_null(a->cols);
	assert_int_equal(yamlio_byte_pos(a, 0).col, 5);
	assert_int_equal(yamlio_byte_pos(a, 2).col, 7);
	assert_int_equal(yamlio_byte_pos(a, 3).col, 9);
	assert_int_equal(yamlio_byte_pos(a, 5).col, 11);
	assert_int_equal(yamlio_byte_pos(a, a->len).col, 14);
	/* "t\tu\u00e9\x41\U0001F600 {x}": t, tab, u, é (2 bytes), A, an emoji (4 bytes), space,
	 * then '{' at byte 11, column 31. */
	assert_string_equal(b->str, "t\tu\xC3\xA9" "A\xF0\x9F\x98\x80 {x}");
	assert_true(b->is_exact);
	assert_int_equal(yamlio_byte_pos(b, 1).col, 6);
	assert_int_equal(yamlio_byte_pos(b, 3).col, 9);
	assert_int_equal(yamlio_byte_pos(b, 4).col, 9);
	assert_int_equal(yamlio_byte_pos(b, 5).col, 15);
	assert_int_equal(yamlio_byte_pos(b, 9).col, 19);
	assert_int_equal(yamlio_byte_pos(b, 11).col, 30);
	assert_int_equal(yamlio_byte_pos(b, 12).col, 31);
	assert_int_equal(yamlio_byte_pos(b, 12).line, 2);
	/* A plain scalar needs no table; a quoted one over two lines is not exact. */
	assert_null(c->cols);
	assert_int_equal(yamlio_byte_pos(c, 6).col, 10);
	assert_false(d->is_exact);
	assert_null(d->cols);
	assert_int_equal(yamlio_byte_pos(d, 9).line, 4);
	assert_int_equal(yamlio_byte_pos(d, 9).col, 4);
	done(&r);
}

static void test_parse_positions_of_every_node_kind(void **state)
{
	(void)state;
	struct run r = parse("id: demo\n"
	                     "items:\n"
	                     "  - 'single'\n"
	                     "  - \"dou\\tble\"\n"
	                     "flow: [1, {k: v}]\n"
	                     "lit: |\n"
	                     "\n"
	                     "    first\n"
	                     "    second\n"
	                     "fold: >-\n"
	                     "  folded\n"
	                     "  text\n"
	                     "empty:\n");
	assert_non_null(r.root);
	assert_node(r.root, YNODE_MAP, 1, 1);
	assert_int_equal(r.root->n, 6);
	assert_scalar(r.root->keys[0], "id", YSTYLE_PLAIN, 1, 1, true);
	assert_scalar(r.root->items[0], "demo", YSTYLE_PLAIN, 1, 5, true);
	const struct ynode *items = r.root->items[1];
	assert_node(items, YNODE_SEQ, 3, 3);
	assert_int_equal(items->n, 2);
	assert_scalar(items->items[0], "single", YSTYLE_SINGLE, 3, 5, true);
	assert_scalar(items->items[1], "dou\tble", YSTYLE_DOUBLE, 4, 5, true);
	const struct ynode *flow = r.root->items[2];
	assert_node(flow, YNODE_SEQ, 5, 7);
	assert_scalar(flow->items[0], "1", YSTYLE_PLAIN, 5, 8, true);
	assert_node(flow->items[1], YNODE_MAP, 5, 11);
	assert_scalar(flow->items[1]->keys[0], "k", YSTYLE_PLAIN, 5, 12, true);
	assert_scalar(flow->items[1]->items[0], "v", YSTYLE_PLAIN, 5, 15, true);
	assert_scalar(r.root->items[3], "\nfirst\nsecond\n", YSTYLE_LITERAL, 8, 5, false);
	assert_scalar(r.root->items[4], "folded text", YSTYLE_FOLDED, 11, 3, false);
	assert_scalar(r.root->keys[5], "empty", YSTYLE_PLAIN, 13, 1, true);
	assert_true(yamlio_is_null(r.root->items[5]));
	assert_int_equal(r.root->items[5]->pos.line, 13);
	assert_int_equal(r.root->items[5]->pos.col, 7);
	assert_int_equal(diag_count(r.d), 0);
	done(&r);
}

static void test_parse_positions_in_nested_collections(void **state)
{
	(void)state;
	struct run r = parse("- a: 1\n"
	                     "  b:\n"
	                     "    - x\n"
	                     "    - {k: [1, 2]}\n"
	                     "-   \"q\"\n"
	                     "- ? k\n"
	                     "  : v\n"
	                     "- t:\tplain\n"
	                     "    continued\n"
	                     "- \"key\": v\n");
	assert_non_null(r.root);
	assert_node(r.root, YNODE_SEQ, 1, 1);
	assert_int_equal(r.root->n, 5);
	const struct ynode *m = r.root->items[0];
	assert_node(m, YNODE_MAP, 1, 3);
	assert_scalar(m->keys[1], "b", YSTYLE_PLAIN, 2, 3, true);
	const struct ynode *inner = m->items[1];
	assert_node(inner, YNODE_SEQ, 3, 5);
	assert_scalar(inner->items[0], "x", YSTYLE_PLAIN, 3, 7, true);
	assert_node(inner->items[1], YNODE_MAP, 4, 7);
	assert_node(inner->items[1]->items[0], YNODE_SEQ, 4, 11);
	assert_scalar(inner->items[1]->items[0]->items[1], "2", YSTYLE_PLAIN, 4, 15, true);
	assert_scalar(r.root->items[1], "q", YSTYLE_DOUBLE, 5, 5, true);
	assert_node(r.root->items[2], YNODE_MAP, 6, 3);
	assert_scalar(r.root->items[2]->keys[0], "k", YSTYLE_PLAIN, 6, 5, true);
	assert_scalar(r.root->items[2]->items[0], "v", YSTYLE_PLAIN, 7, 5, true);
	/* After a tab the column counts the tab as one byte; a folded plain scalar is not exact. */
	assert_scalar(r.root->items[3]->items[0], "plain continued", YSTYLE_PLAIN, 8, 6, false);
	assert_scalar(r.root->items[4]->keys[0], "key", YSTYLE_DOUBLE, 10, 3, true);
	assert_scalar(r.root->items[4]->items[0], "v", YSTYLE_PLAIN, 10, 10, true);
	done(&r);
	r = parse("a:\nb:   # note\nc:\n  -\n  - \nd: {e: , f}\n");
	assert_non_null(r.root);
	assert_scalar(r.root->items[0], "", YSTYLE_PLAIN, 1, 3, true);
	assert_scalar(r.root->items[1], "", YSTYLE_PLAIN, 2, 3, true);
	assert_scalar(r.root->items[2]->items[0], "", YSTYLE_PLAIN, 4, 4, true);
	assert_scalar(r.root->items[2]->items[1], "", YSTYLE_PLAIN, 5, 4, true);
	assert_scalar(r.root->items[3]->items[0], "", YSTYLE_PLAIN, 6, 8, true);
	assert_scalar(r.root->items[3]->items[1], "", YSTYLE_PLAIN, 6, 11, true);
	done(&r);
}

/* Earlier errors in the same diag (from another file) do not make a good parse fail. */
static void test_parse_ignores_earlier_errors(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct diag *d = diag_new();
	diag_error(d, (struct srcpos){ "other.yaml", 1, 1 }, "something else");
	const char *src = "a: 1\n";
	assert_non_null(yamlio_parse(a, d, "t.yaml", src, strlen(src)));
	assert_int_equal(diag_count(d), 1);
	arena_free(a);
	diag_free(d);
}

static void test_parse_duplicate_key_shown_safely(void **state)
{
	(void)state;
	expect_refused("\"a\\nb\": 1\n\"a\\nb\": 2\n", 2, 1, "duplicate key 'a?b' (first at line 1)");
	expect_refused("ééééééééééééééééééééx: 1\nééééééééééééééééééééx: 2\n", 2, 1,
	               "duplicate key 'éééééééééééééééééééé...' (first at line 1)");
}

static void test_parse_exact_text_columns(void **state)
{
	(void)state;
	/* Byte columns: the 2-byte 'é' before the value moves it two columns. */
	struct run r = parse("é: \"a {x}\"\n"
	                     "b: 'it''s {y}'\n"
	                     "c: plain {z}\n"
	                     "d: \"two\n"
	                     "  lines\"\n");
	assert_non_null(r.root);
	const struct ynode *a = r.root->items[0];
	assert_scalar(a, "a {x}", YSTYLE_DOUBLE, 1, 5, true);
	struct srcpos p = yamlio_text_pos(a);
	assert_int_equal(p.line, 1);
	assert_int_equal(p.col, 6);
	assert_scalar(r.root->items[1], "it's {y}", YSTYLE_SINGLE, 2, 4, true);
	const struct ynode *c = r.root->items[2];
	assert_scalar(c, "plain {z}", YSTYLE_PLAIN, 3, 4, true);
	assert_int_equal(yamlio_text_pos(c).col, 4);
	assert_scalar(r.root->items[3], "two lines", YSTYLE_DOUBLE, 4, 4, false);
	done(&r);
}

static void test_parse_byte_order_mark_and_crlf(void **state)
{
	(void)state;
	struct run r = parse("\xEF\xBB\xBFk: v\r\nlist:\r\n- x\r\n");
	assert_non_null(r.root);
	assert_scalar(r.root->keys[0], "k", YSTYLE_PLAIN, 1, 4, true);
	assert_scalar(r.root->items[0], "v", YSTYLE_PLAIN, 1, 7, true);
	assert_node(r.root->items[1], YNODE_SEQ, 3, 1);
	assert_scalar(r.root->items[1]->items[0], "x", YSTYLE_PLAIN, 3, 3, true);
	done(&r);
}

#define HINT_COLON "if this is text, put it in quotes (\"Warning: stop\"); if it is a key, " \
	"line it up with the keys above it"
#define HINT_KEY "the keys of one mapping start in the same column, and quoted text ends at " \
	"its closing quote (use 'single quotes' around text with \"double\" ones)"

static void test_parse_refusals(void **state)
{
	(void)state;
	static const struct refusal cases[] = {
		{ "a: 1\nb: &base 2\n", 2, 4, "YAML anchors are not supported (found '&base')", NULL },
		{ "a: 1\nb: *base\n", 2, 4, "YAML aliases are not supported (found '*base')", NULL },
		{ "a:\n  - !!str 2\n", 2, 5, "YAML tags are not supported (found '!!str')", NULL },
		{ "a: !local x\n", 1, 4, "YAML tags are not supported (found '!local')", NULL },
		{ "--- !!map\na: 1\n", 1, 5, "YAML tags are not supported (found '!!map')", NULL },
		{ "a: 1\n---\nb: 2\n", 2, 1, "only one YAML document is allowed per file", NULL },
		{ "a: 1\n...\n--- b\n", 3, 1, "only one YAML document is allowed per file", NULL },
		{ "a: 1\n...\nb: 2\n", 3, 1, "did not find expected <document start>", NULL },
		{ "", 1, 1, "the file has no YAML document (it is empty or only comments)", NULL },
		{ "# just a comment\n\n# and another\n", 1, 1,
		  "the file has no YAML document (it is empty or only comments)", NULL },
		{ "[a]: b\n", 1, 1, "a mapping key must be a scalar, not a sequence", NULL },
		{ "? {a: 1}\n: b\n", 1, 3, "a mapping key must be a scalar, not a mapping", NULL },
		{ "a: 1\nb: 2\nc: x\xFFy\n", 3, 5, "invalid UTF-8 (byte 0xFF)", NULL },
		{ "a: \xC3\xA9\xC0\xAF\n", 1, 6, "invalid UTF-8 (byte 0xC0)", NULL },
		{ "a: \xED\xA0\x80\n", 1, 4, "invalid UTF-8 (byte 0xED)", NULL },
		{ "a: 1\nb: x\x01y\n", 2, 5, "control character U+0001 is not allowed", NULL },
		{ "a: \xC2\x9B\n", 1, 4, "control character U+009B is not allowed", NULL },
		{ "a: \x7F\n", 1, 4, "control character U+007F is not allowed", NULL },
		{ "\xFF\xFE" "a\0:\0", 1, 1, "file is UTF-16; save it as UTF-8", NULL },
		{ "a: *\n", 1, 5, "did not find expected alphabetic or numeric character (while "
		  "scanning an alias at line 1, column 4)", NULL },
		{ "a: [1, 2\n", 2, 1,
		  "did not find expected ',' or ']' (while parsing a flow sequence at line 1, column 4)", NULL },
	};
	expect_all_refused(cases, sizeof cases / sizeof *cases);
}

/* libyaml's syntax errors, with the plain-language note added to the common ones. */
static void test_parse_syntax_errors_with_hints(void **state)
{
	(void)state;
	static const struct refusal cases[] = {
		{ "a: b: c\n", 1, 5, "mapping values are not allowed in this context", HINT_COLON },
		{ "a:\n\tb: 1\n", 2, 1,
		  "found character that cannot start any token (while scanning for the next token at "
		  "line 2, column 1)", "indent with spaces: YAML does not allow tabs here" },
		{ "text: @home\n", 1, 7,
		  "found character that cannot start any token (while scanning for the next token at "
		  "line 1, column 7)", "text that starts with '@' needs quotes around it" },
		{ "text: `cmd`\n", 1, 7,
		  "found character that cannot start any token (while scanning for the next token at "
		  "line 1, column 7)", "text that starts with '`' needs quotes around it" },
		{ "text: %d\n", 1, 7,
		  "found character that cannot start any token (while scanning for the next token at "
		  "line 1, column 7)", "text that starts with '%' needs quotes around it" },
		{ "id: x\ntext: This is\na continuation\n", 4, 1,
		  "could not find expected ':' (while scanning a simple key at line 3, column 1)",
		  "a key needs ': ' after it; text that goes on to the next line must be indented more "
		  "than its key" },
		{ "items:\n  - id: a\n   text: b\n", 3, 4,
		  "did not find expected '-' indicator (while parsing a block collection at line 2, "
		  "column 3)", "the items of one list start in the same column" },
		{ "key: value\n\tbad: tab\n", 2, 1,
		  "found a tab character that violates indentation (while scanning a plain scalar at "
		  "line 1, column 6)", "indent with spaces: YAML does not allow tabs here" },
		{ "a:\n  b: 1\n c: 2\n", 3, 2,
		  "did not find expected key (while parsing a block mapping at line 1, column 1)",
		  HINT_KEY },
		{ "text: \"He said \"hi\"\"\n", 1, 17,
		  "did not find expected key (while parsing a block mapping at line 1, column 1)",
		  HINT_KEY },
		{ "k: \"caf\xC3\xA9\n", 2, 1,
		  "found unexpected end of stream (while scanning a quoted scalar at line 1, column 4)",
		  "this quote is never closed" },
	};
	expect_all_refused(cases, sizeof cases / sizeof *cases);
}

/* The note about an unclosed quote points at the quote. */
static void test_parse_unclosed_quote_note_at_quote(void **state)
{
	(void)state;
	struct run r = parse("a: 1\nb: 'open\nc: 2\n");
	assert_null(r.root);
	assert_int_equal(diag_count(r.d), 2);
	assert_int_equal(diag_get(r.d, 0)->line, 4);
	assert_int_equal(diag_get(r.d, 1)->line, 2);
	assert_int_equal(diag_get(r.d, 1)->col, 4);
	done(&r);
}

static void test_parse_nul_bytes(void **state)
{
	(void)state;
	static const char src[] = "a: 1\nbb: x\0y\0z\n";
	expect_refused_n(src, sizeof src - 1, 2, 6, "NUL byte in the file (is it a binary file?)");
}

static void test_parse_duplicate_keys_all_reported(void **state)
{
	(void)state;
	struct run r = parse("id: x\n"
	                     "item:\n"
	                     "  text: a\n"
	                     "  type: int\n"
	                     "  text: b\n"
	                     "  type: yes\n"
	                     "id: y\n"
	                     "flow: {k: 1, \"k\": 2}\n");
	assert_null(r.root);
	assert_int_equal(diag_count(r.d), 4);
	static const struct {
		int line, col;
		const char *msg;
	} want[] = {
		{ 5, 3, "duplicate key 'text' (first at line 3)" },
		{ 6, 3, "duplicate key 'type' (first at line 4)" },
		{ 8, 14, "duplicate key 'k' (first at line 8)" },
		{ 7, 1, "duplicate key 'id' (first at line 1)" },
	};
	for (size_t i = 0; i < 4; i++) {
		const struct diag_entry *e = diag_get(r.d, i);
		assert_string_equal(e->message, want[i].msg);
		assert_int_equal(e->line, want[i].line);
		assert_int_equal(e->col, want[i].col);
	}
	done(&r);
}

/* A mapping with many keys: duplicate detection stays exact past the small cases. */
static void test_parse_duplicate_keys_in_large_mapping(void **state)
{
	(void)state;
	size_t n = 20000, cap = n * 16 + 64, len = 0;
	char *src = malloc(cap);
	assert_non_null(src);
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(src + len, cap - len, "k%zu: %zu\n", i, i);
	len += (size_t)snprintf(src + len, cap - len, "k777: again\n");
	struct run r = parse_n(src, len);
	assert_null(r.root);
	assert_int_equal(diag_count(r.d), 1);
	assert_string_equal(diag_get(r.d, 0)->message, "duplicate key 'k777' (first at line 778)");
	assert_int_equal(diag_get(r.d, 0)->line, (int)n + 1);
	done(&r);
	free(src);
}

static void test_parse_alias_bomb_refused_at_first_anchor(void **state)
{
	(void)state;
	char src[4096];
	size_t len = (size_t)snprintf(src, sizeof src, "a: &a [\"lol\",\"lol\",\"lol\",\"lol\"]\n");
	for (char c = 'b'; c <= 'j'; c++) {
		len += (size_t)snprintf(src + len, sizeof src - len, "%c: &%c [", c, c);
		for (int k = 0; k < 9; k++)
			len += (size_t)snprintf(src + len, sizeof src - len, "%s*%c", k ? "," : "", c - 1);
		len += (size_t)snprintf(src + len, sizeof src - len, "]\n");
	}
	expect_refused_n(src, len, 1, 4, "YAML anchors are not supported (found '&a')");
}

/* Builds prefix repeated n times, then tail. Caller frees. */
static char *repeat(const char *prefix, size_t n, const char *tail, size_t *len)
{
	size_t p = strlen(prefix), t = strlen(tail);
	char *s = malloc(p * n + t + 1);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		memcpy(s + i * p, prefix, p);
	memcpy(s + p * n, tail, t + 1);
	*len = p * n + t;
	return s;
}

static void test_parse_deep_nesting_refused(void **state)
{
	(void)state;
	size_t len;
	char *s = repeat("[", 100000, "", &len);
	expect_refused_n(s, len, 1, 65, "nesting is deeper than 64 levels");
	free(s);
	s = repeat("{a: ", 100000, "", &len);
	expect_refused_n(s, len, 1, 4 * 64 + 1, "nesting is deeper than 64 levels");
	free(s);
	s = repeat("- ", 100000, "x\n", &len);
	expect_refused_n(s, len, 1, 2 * 64 + 1, "nesting is deeper than 64 levels");
	free(s);
}

/* Block mappings nest by indentation, so depth n costs n*n/2 bytes: 3,000 levels here. */
static void test_parse_deep_block_mappings_refused(void **state)
{
	(void)state;
	size_t levels = 3000, cap = levels * (levels + 4), len = 0;
	char *s = malloc(cap);
	assert_non_null(s);
	for (size_t i = 0; i < levels; i++) {
		memset(s + len, ' ', i);
		memcpy(s + len + i, "a:\n", 3);
		len += i + 3;
	}
	expect_refused_n(s, len, 65, 65, "nesting is deeper than 64 levels");
	free(s);
}

/* src (len bytes) under a node cap: refused at 1:col with its message, or (col 0) read
 * whole, a list of n values. */
static void expect_node_cap(const char *src, size_t len, size_t cap, int col, size_t n)
{
	char msg[64];
	snprintf(msg, sizeof msg, "more than %zu values in one file", cap);
	struct run r = { arena_new(), diag_new(), NULL };
	r.root = yamlio_parse_capped(r.a, r.d, "t.yaml", src, len, cap);
	if (col == 0) {
		assert_non_null(r.root);
		assert_int_equal(r.root->n, n);
	} else {
		assert_null(r.root);
		assert_int_equal(diag_count(r.d), 1);
		assert_string_equal(diag_get(r.d, 0)->message, msg);
		assert_int_equal(diag_get(r.d, 0)->line, 1);
		assert_int_equal(diag_get(r.d, 0)->col, col);
	}
	done(&r);
}

/* Past its node limit a file is refused at the first node too many, instead of taking some
 * 50 times its size in memory (a 64 MiB file of one-letter values). In "[a,a,...", the list
 * is node 1 and value k sits at column 2k: with a limit of 1000 value 1000 is refused; the
 * list and its 2001 values (2002 nodes) are read under a limit of 2002, not under 2001. */
static void test_parse_node_limit(void **state)
{
	(void)state;
	size_t len;
	char *s = repeat("a,", 2000, "a]", &len);
	char *src = malloc(len + 2);
	assert_non_null(src);
	src[0] = '[';
	memcpy(src + 1, s, len + 1);
	expect_node_cap(src, len + 1, 1000, 2000, 0);
	expect_node_cap(src, len + 1, 2002, 0, 2001);
	expect_node_cap(src, len + 1, 2001, 4002, 0);
	free(src);
	free(s);
}

static void test_parse_depth_64_allowed_65_refused(void **state)
{
	(void)state;
	size_t len;
	char *s = repeat("[", 64, "x", &len);
	char *full = malloc(len + 65);
	assert_non_null(full);
	memcpy(full, s, len);
	memset(full + len, ']', 64);
	full[len + 64] = '\0';
	struct run r = parse(full);
	assert_non_null(r.root);
	const struct ynode *n = r.root;
	for (int i = 0; i < 63; i++)
		n = n->items[0];
	assert_scalar(n->items[0], "x", YSTYLE_PLAIN, 1, 65, true);
	done(&r);
	free(full);
	free(s);
	/* One level more is refused at the 65th '['. */
	s = repeat("[", 65, "x", &len);
	full = malloc(len + 66);
	assert_non_null(full);
	memcpy(full, s, len);
	memset(full + len, ']', 65);
	expect_refused_n(full, len + 65, 1, 65, "nesting is deeper than 64 levels");
	free(full);
	free(s);
}

static void test_parse_random_binary_refused_with_position(void **state)
{
	(void)state;
	uint32_t x = 12345;
	for (int round = 0; round < 200; round++) {
		char buf[512];
		for (size_t i = 0; i < sizeof buf; i++) {
			x = x * 1103515245u + 12345u;
			buf[i] = (char)(x >> 16);
		}
		struct run r = parse_n(buf, sizeof buf);
		assert_null(r.root);
		assert_int_equal(diag_count(r.d), 1);
		assert_true(diag_get(r.d, 0)->line > 0);
		assert_true(diag_get(r.d, 0)->col > 0);
		done(&r);
	}
}

static void test_parse_rules_libyaml_lets_through(void **state)
{
	(void)state;
	static const struct refusal cases[] = {
		{ "key: \"value\"# note\n", 1, 13, "a comment needs a space before '#'", NULL },
		{ "list: [a, b]#note\n", 1, 13, "a comment needs a space before '#'", NULL },
		{ "list: [a,#note\n  b]\n", 1, 10, "a comment needs a space before '#'", NULL },
		{ "%YAML 1.1#note\n---\na: 1\n", 1, 10, "a comment needs a space before '#'", NULL },
		{ "text: >#note\n  x\n", 1, 8, "a comment needs a space before '#'", NULL },
		{ "text: |-#note\n  x\n", 1, 9, "a comment needs a space before '#'", NULL },
		{ "quoted: \"a\nb\"\n", 2, 1,
		  "line must be indented more to continue the quoted text that starts at line 1", NULL },
		{ "- a: 'x\n   y\n  z'\n", 3, 3,
		  "line must be indented more to continue the quoted text that starts at line 1", NULL },
		{ "flow: [a,\nb]\n", 2, 1,
		  "line must be indented more to continue the [ ] list that starts at line 1", NULL },
		{ "k:\n  m: {a: 1,\n  \tb: 2}\n", 3, 3,
		  "line must be indented more to continue the { } mapping that starts at line 2", NULL },
		{ "[-]\n", 1, 2, "a lone '-' is not a value here; write it in quotes: \"-\"", NULL },
	};
	expect_all_refused(cases, sizeof cases / sizeof *cases);
	/* The same shapes written correctly are accepted. */
	static const char *const fine[] = {
		"key: \"value\" # note\n", "list: [a, b] #note\n", "text: > #note\n  x\n",
		"quoted: \"a\n b\"\n", "- a: 'x\n\n    y'\n", "flow: [a,\n  b]\n", "[a#b, '-', -x]\n",
		"[a,\nb]\n", "k: \"a\n \t b\"\n", "%YAML 1.1 #note\n--- #note\na: 1 #note#note\n",
		"a: b#c\n", "[a, b] # x\n#y\n",
	};
	for (size_t i = 0; i < sizeof fine / sizeof *fine; i++) {
		struct run r = parse(fine[i]);
		assert_non_null(r.root);
		done(&r);
	}
}

/* ---- files ---- */

/* A file dir/name holding content, then made size bytes long when size is not 0 (a sparse
 * file); returns its path (the caller frees it). */
static char *tmp_file(const char *dir, const char *name, const char *content, off_t size)
{
	char *path = malloc(strlen(dir) + strlen(name) + 2);
	assert_non_null(path);
	sprintf(path, "%s/%s", dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	size_t n = strlen(content);
	assert_int_equal(write(fd, content, n), (ssize_t)n);
	if (size > 0)
		assert_int_equal(ftruncate(fd, size), 0);
	close(fd);
	return path;
}

static void test_read_file_size_cap(void **state)
{
	(void)state;
	char *dir = tl_temp_dir("test_yamlio");
	char *big = tmp_file(dir, "big.yaml", "a: 1\n", (off_t)64 * 1024 * 1024 + 1);
	struct diag *d = diag_new();
	char *text = (char *)1;
	size_t len = 7;
	int unreadable = 9;
	assert_int_equal(yamlio_read_file(big, (size_t)64 * 1024 * 1024, &text, &len, d, &unreadable),
	                 -1);
	assert_null(text);
	assert_int_equal(len, 0);
	assert_int_equal(unreadable, 0);
	assert_int_equal(diag_count(d), 1);
	assert_string_equal(diag_get(d, 0)->message, "file is larger than 64 MiB");
	assert_string_equal(diag_get(d, 0)->file, big);
	assert_int_equal(diag_get(d, 0)->line, 0);
	unlink(big);
	free(big);

	char *ten = tmp_file(dir, "ten.yaml", "a: 123456\n", 0);
	assert_int_equal(yamlio_read_file(ten, 10, &text, &len, d, &unreadable), 0);
	assert_int_equal(len, 10);
	assert_string_equal(text, "a: 123456\n");
	assert_int_equal(unreadable, 0);
	free(text);
	assert_int_equal(yamlio_read_file(ten, 9, &text, &len, d, &unreadable), -1);
	assert_string_equal(diag_get(d, 1)->message, "file is larger than 9 bytes");
	unlink(ten);
	free(ten);
	tl_rm_tree(dir);
	diag_free(d);
}

/* A device that never ends is cut at the cap: the read itself is bounded. */
static void test_read_file_bounded_read(void **state)
{
	(void)state;
	struct diag *d = diag_new();
	char *text;
	size_t len;
	int unreadable;
	assert_int_equal(yamlio_read_file("/dev/zero", 4096, &text, &len, d, &unreadable), -1);
	assert_int_equal(unreadable, 0);
	assert_string_equal(diag_get(d, 0)->message, "file is larger than 4 KiB");
	diag_free(d);
}

static void test_read_file_unreadable(void **state)
{
	(void)state;
	struct diag *d = diag_new();
	char *text;
	size_t len;
	int unreadable = 0;
	assert_int_equal(yamlio_read_file("tests/data/no-such-file.yaml", 100, &text, &len, d,
	                                  &unreadable), -1);
	assert_int_equal(unreadable, 1);
	assert_string_equal(diag_get(d, 0)->message, "cannot open file: No such file or directory");
	unreadable = 0;
	assert_int_equal(yamlio_read_file("tests", 100, &text, &len, d, &unreadable), -1);
	assert_int_equal(unreadable, 1);
	assert_string_equal(diag_get(d, 1)->message, "is a directory, not a file");
	diag_free(d);
}

/* ---- the yaml-test-suite corpus ---- */

static const char corpus_dir[] = "tests/data/yaml-test-suite";
static const char corpus_golden[] = "tests/data/yaml/yaml-test-suite.expected";

/*
 * Error cases libyaml 0.2.5 accepts and our own checks do not catch (none of them can be a
 * questionnaire: the loader refuses them for their content). S98Z: a comment less indented
 * than the blank lines of an empty block scalar. The test fails if one of them starts
 * failing, so the list stays exact.
 */
static const char *const corpus_accepted_errors[] = { "S98Z.error.yaml" };

/* Our refusals: the documented reasons a valid YAML file is refused. A valid file refused
 * otherwise must be refused by libyaml itself (0.2.5 rejects 48 of them), never by one of
 * our other checks (those are for invalid YAML only). */
static const char *const our_refusals[] = {
	"YAML anchors are not supported", "YAML aliases are not supported",
	"YAML tags are not supported", "only one YAML document is allowed per file",
	"the file has no YAML document", "a mapping key must be a scalar",
};

static const char *const our_other_checks[] = {
	"line must be indented more", "a comment needs a space", "a lone '-'", "duplicate key",
	"nesting is deeper", "invalid UTF-8", "control character", "NUL byte", "file is UTF-16",
};

static int cmp_names(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The corpus file names, sorted; caller frees each and the array. */
static char **corpus_names(size_t *count)
{
	DIR *dir = opendir(corpus_dir);
	assert_non_null(dir);
	char **names = NULL;
	size_t n = 0;
	for (struct dirent *e; (e = readdir(dir)) != NULL;) {
		size_t len = strlen(e->d_name);
		if (len < 5 || strcmp(e->d_name + len - 5, ".yaml") != 0)
			continue;
		names = realloc(names, (n + 1) * sizeof *names);
		assert_non_null(names);
		names[n++] = strdup(e->d_name);
	}
	closedir(dir);
	qsort(names, n, sizeof *names, cmp_names);
	*count = n;
	return names;
}

static bool has_suffix(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static bool is_listed(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(name, list[i]) == 0)
			return true;
	return false;
}

static bool has_prefix(const char *msg, const char *const *prefixes, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strncmp(msg, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	return false;
}

/* Reads and parses one corpus file into r; the text is returned (caller frees). */
static char *corpus_parse(const char *name, struct run *r, size_t *len)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", corpus_dir, name);
	char *text;
	r->a = arena_new();
	r->d = diag_new();
	assert_int_equal(yamlio_read_file(path, 1 << 20, &text, len, r->d, NULL), 0);
	r->root = yamlio_parse(r->a, r->d, name, text, *len);
	return text;
}

/* Checks one file's outcome against the rules and appends "NAME: ok" or
 * "NAME: LINE:COL: message" to out; counts valid files refused by us (refused[0]) and by
 * libyaml (refused[1]). */
static void corpus_check(const char *name, FILE *out, size_t refused[2])
{
	struct run r;
	size_t len;
	char *text = corpus_parse(name, &r, &len);
	bool is_error = has_suffix(name, ".error.yaml");
	size_t naccepted = sizeof corpus_accepted_errors / sizeof *corpus_accepted_errors;
	if (r.root != NULL) {
		assert_int_equal(diag_count(r.d), 0);
		if (is_error && !is_listed(name, corpus_accepted_errors, naccepted))
			fail_msg("%s: an error case was accepted", name);
		fprintf(out, "%s: ok\n", name);
	} else {
		assert_true(diag_count(r.d) > 0);
		const struct diag_entry *e = diag_get(r.d, 0);
		if (e->line <= 0 || e->col <= 0)
			fail_msg("%s: error without a position: %s", name, e->message);
		if (is_error && is_listed(name, corpus_accepted_errors, naccepted))
			fail_msg("%s: now refused; take it off corpus_accepted_errors", name);
		size_t nothers = sizeof our_other_checks / sizeof *our_other_checks;
		if (!is_error && has_prefix(e->message, our_other_checks, nothers))
			fail_msg("%s: valid YAML refused: %s", name, e->message);
		bool is_refusal = has_prefix(e->message, our_refusals,
		                             sizeof our_refusals / sizeof *our_refusals);
		refused[is_refusal ? 0 : 1] += !is_error;
		fprintf(out, "%s: %d:%d: %s\n", name, e->line, e->col, e->message);
	}
	free(text);
	done(&r);
}

/* Compares the outcomes with the golden file; UPDATE_GOLDEN=1 rewrites it instead. */
static void compare_golden(const char *got, const char *path)
{
	if (getenv("UPDATE_GOLDEN") != NULL) {
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs(got, f);
		assert_int_equal(fclose(f), 0);
		return;
	}
	struct diag *d = diag_new();
	char *want;
	size_t len;
	assert_int_equal(yamlio_read_file(path, 1 << 20, &want, &len, d, NULL), 0);
	const char *g = got, *w = want;
	while (*g != '\0' && *g == *w) {
		g++;
		w++;
	}
	if (*g != *w) {
		while (g > got && g[-1] != '\n')
			g--;
		while (w > want && w[-1] != '\n')
			w--;
		fail_msg("differs from %s:\n  got:  %.*s\n  want: %.*s", path, (int)strcspn(g, "\n"),
		         g, (int)strcspn(w, "\n"), w);
	}
	free(want);
	diag_free(d);
}

static void test_corpus_every_file_has_a_clear_outcome(void **state)
{
	(void)state;
	size_t n;
	char **names = corpus_names(&n);
	assert_true(n >= 400);
	char *buf = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&buf, &size);
	assert_non_null(out);
	size_t refused[2] = { 0, 0 };
	for (size_t i = 0; i < n; i++) {
		corpus_check(names[i], out, refused);
		free(names[i]);
	}
	free(names);
	assert_int_equal(fclose(out), 0);
	assert_int_equal(refused[0], 83);
	assert_int_equal(refused[1], 48);
	compare_golden(buf, corpus_golden);
	free(buf);
}

/* ---- writing ---- */

/* root written by yamlio_emit into a malloc'ed string. */
static char *emitted(const struct ynode *root)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(yamlio_emit(root, f), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/* Asserts that x and y are the same tree: kinds, sizes, keys and texts. (Styles may change:
 * libyaml quotes plain scalars it cannot write plain, such as "---word" or "a\n\nb".) */
static void assert_same_tree(const struct ynode *x, const struct ynode *y)
{
	assert_int_equal(x->kind, y->kind);
	if (x->kind == YNODE_SCALAR) {
		assert_int_equal(x->len, y->len);
		assert_memory_equal(x->str, y->str, x->len);
		return;
	}
	assert_int_equal(x->n, y->n);
	for (size_t i = 0; i < x->n; i++) {
		if (x->kind == YNODE_MAP)
			assert_same_tree(x->keys[i], y->keys[i]);
		assert_same_tree(x->items[i], y->items[i]);
	}
}

/* Longer than any line width: written on one line all the same. */
#define LONG_TEXT "Stop and call 999 if you cannot pass water, or you have numbness around " \
	"your bottom or genitals, or both legs feel weak."

static void test_emit_block_style_in_order(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct ynode *root = yamlio_new_map(a);
	yamlio_append(a, root, "id", yamlio_new_scalar(a, "back-recovery", YSTYLE_PLAIN));
	yamlio_append(a, root, "version", yamlio_new_plain(a, "3"));
	yamlio_append(a, root, "answer", yamlio_new_scalar(a, "yes", YSTYLE_PLAIN));
	yamlio_append(a, root, "pain", yamlio_new_plain(a, "7.5"));
	yamlio_append(a, root, "text", yamlio_new_scalar(a, "1.5", YSTYLE_PLAIN));
	yamlio_append(a, root, "done", yamlio_new_plain(a, "true"));
	yamlio_append(a, root, "none", yamlio_new_plain(a, "null"));
	yamlio_append(a, root, "no", yamlio_new_scalar(a, "", YSTYLE_PLAIN));
	yamlio_append(a, root, "long", yamlio_new_scalar(a, LONG_TEXT, YSTYLE_PLAIN));
	struct ynode *list = yamlio_new_seq(a);
	for (int i = 0; i < 5; i++)
		yamlio_append(a, list, NULL, yamlio_new_scalar(a, i % 2 ? "b" : "a", YSTYLE_PLAIN));
	struct ynode *item = yamlio_new_map(a);
	yamlio_append(a, item, "note", yamlio_new_scalar(a, "Two lines\nof text\n", YSTYLE_PLAIN));
	yamlio_append(a, item, "pad", yamlio_new_scalar(a, "  leading", YSTYLE_PLAIN));
	yamlio_append(a, item, "colon", yamlio_new_scalar(a, "a: b", YSTYLE_PLAIN));
	yamlio_append(a, item, "tick", yamlio_new_scalar(a, "it's", YSTYLE_SINGLE));
	yamlio_append(a, list, NULL, item);
	yamlio_append(a, list, NULL, yamlio_new_seq(a));
	yamlio_append(a, list, NULL, yamlio_new_map(a));
	yamlio_append(a, root, "list", list);
	char *out = emitted(root);
	assert_string_equal(out, "id: back-recovery\n"
	                         "version: 3\n"
	                         "answer: \"yes\"\n"
	                         "pain: 7.5\n"
	                         "text: \"1.5\"\n"
	                         "done: true\n"
	                         "none: null\n"
	                         "\"no\": \"\"\n"
	                         "long: " LONG_TEXT "\n"
	                         "list:\n"
	                         "- a\n- b\n- a\n- b\n- a\n"
	                         "- note: |\n"
	                         "    Two lines\n"
	                         "    of text\n"
	                         "  pad: '  leading'\n"
	                         "  colon: 'a: b'\n"
	                         "  tick: 'it''s'\n"
	                         "- []\n"
	                         "- {}\n");
	struct run r = parse(out);
	assert_non_null(r.root);
	assert_same_tree(root, r.root);
	assert_int_equal(yamlio_get(r.root, "answer")->style, YSTYLE_DOUBLE);
	assert_int_equal(yamlio_get(r.root, "pain")->style, YSTYLE_PLAIN);
	done(&r);
	free(out);
	arena_free(a);
}

/* Strings YAML would misread, or cannot write plain, come back as the same strings. */
static void test_emit_round_trip_tricky_strings(void **state)
{
	(void)state;
	static const char *const texts[] = {
		"", " ", "yes", "No", "ON", "off", "y", "N", "true", "False", "null", "NULL", "~",
		"1", "-1", "+1", "1.5", ".5", "-.5", ".inf", "-.Inf", ".NaN", "0x1F", "0o17", "1e3",
		"1_000", "12:30", "2026-11-28", "3 pillows", "  leading", "trailing ", "a: b", "a #b",
		"#c", "- x", "-", "?", ":", "[x]", "{x}", "x, y", "@at", "`tick", "%pct", "!bang",
		"&amp", "*star", "|pipe", ">gt", "'single'", "\"double\"", "tab\there", "ünïcödé ✓",
		"line\n", "two\nlines", "\nleading newline", "trailing\n\n", "  indented\nblock\n",
		"back\\slash", "nel\xc2\x85x", "ls\xe2\x80\xa8x", "bom\xef\xbb\xbfx", "a\x7f" "b",
		"bell\x07", "nul\x01", "very long text that goes on and on "
		"for more than eighty characters so that a folding emitter would want to wrap it",
	};
	struct arena *a = arena_new();
	struct ynode *root = yamlio_new_seq(a);
	struct ynode *map = yamlio_new_map(a);
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		yamlio_append(a, root, NULL, yamlio_new_scalar(a, texts[i], YSTYLE_PLAIN));
		yamlio_append(a, map, texts[i], yamlio_new_scalar(a, texts[i], YSTYLE_DOUBLE));
	}
	yamlio_append(a, root, NULL, map);
	char *out = emitted(root);
	struct run r = parse(out);
	if (r.root == NULL)
		diag_print(r.d, stderr);
	assert_non_null(r.root);
	assert_int_equal(r.root->n, root->n);
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
		const struct ynode *n = r.root->items[i];
		assert_int_equal(n->kind, YNODE_SCALAR);
		assert_string_equal(n->str, texts[i]);
		assert_string_equal(r.root->items[root->n - 1]->keys[i]->str, texts[i]);
		assert_string_equal(r.root->items[root->n - 1]->items[i]->str, texts[i]);
	}
	done(&r);
	free(out);
	arena_free(a);
}

static void test_emit_round_trip_corpus(void **state)
{
	(void)state;
	size_t n, count = 0;
	char **names = corpus_names(&n);
	for (size_t i = 0; i < n; i++) {
		struct run r;
		size_t len;
		char *text = corpus_parse(names[i], &r, &len);
		if (r.root != NULL) {
			char *out = emitted(r.root);
			struct run back = parse(out);
			if (back.root == NULL)
				fail_msg("%s written as:\n%s", names[i], out);
			assert_same_tree(r.root, back.root);
			done(&back);
			free(out);
			count++;
		}
		free(text);
		done(&r);
		free(names[i]);
	}
	free(names);
	assert_int_equal(count, 178);
}

static void test_emit_empty_root_is_one_document(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	char *out = emitted(yamlio_new_plain(a, ""));
	struct run r = parse(out);
	assert_non_null(r.root);
	assert_true(yamlio_is_null(r.root));
	done(&r);
	free(out);
	out = emitted(yamlio_new_scalar(a, "", YSTYLE_PLAIN));
	assert_string_equal(out, "--- \"\"\n");
	free(out);
	arena_free(a);
}

static void test_emit_reports_write_failure(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct ynode *root = yamlio_new_map(a);
	yamlio_append(a, root, "k", yamlio_new_scalar(a, "v", YSTYLE_PLAIN));
	FILE *full = fopen("/dev/full", "w");
	assert_non_null(full);
	assert_int_equal(yamlio_emit(root, full), -1);
	fclose(full);
	arena_free(a);
}

static void test_emit_refuses_invalid_utf8(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct ynode *root = yamlio_new_seq(a);
	yamlio_append(a, root, NULL, yamlio_new_scalar(a, "caf\xe9", YSTYLE_PLAIN));
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(yamlio_emit(root, f), -1);
	fclose(f);
	free(buf);
	arena_free(a);
}

static void test_append_grows_parsed_collections(void **state)
{
	(void)state;
	struct run r = parse("a: [1, 2]\nb: {x: 1}\n");
	assert_non_null(r.root);
	struct ynode *seq = r.root->items[0];
	for (int i = 0; i < 100; i++)
		yamlio_append(r.a, seq, NULL, yamlio_new_plain(r.a, "3"));
	yamlio_append(r.a, r.root->items[1], "y", yamlio_new_plain(r.a, "2"));
	yamlio_append(r.a, r.root, "c", yamlio_new_plain(r.a, "3"));
	assert_int_equal(seq->n, 102);
	assert_string_equal(seq->items[1]->str, "2");
	assert_string_equal(seq->items[101]->str, "3");
	assert_string_equal(yamlio_get(r.root->items[1], "y")->str, "2");
	assert_string_equal(yamlio_get(r.root, "c")->str, "3");
	assert_string_equal(yamlio_get(r.root, "a")->items[0]->str, "1");
	done(&r);
}

/* ---- offsets ---- */

static void test_offset_pos(void **state)
{
	(void)state;
	const char *s = "ab\ncd\n\nx";
	struct srcpos p = yamlio_offset_pos("f", s, strlen(s), 0);
	assert_int_equal(p.line, 1);
	assert_int_equal(p.col, 1);
	p = yamlio_offset_pos("f", s, strlen(s), 4);
	assert_int_equal(p.line, 2);
	assert_int_equal(p.col, 2);
	p = yamlio_offset_pos("f", s, strlen(s), 7);
	assert_int_equal(p.line, 4);
	assert_int_equal(p.col, 1);
	p = yamlio_offset_pos("f", s, strlen(s), 99);
	assert_int_equal(p.line, 4);
	assert_int_equal(p.col, 2);
	assert_string_equal(p.file, "f");
}

static void test_get_and_is_null(void **state)
{
	(void)state;
	struct run r = parse("a: null\nb: ~\nc:\nd: 'null'\ne: Null\n");
	assert_non_null(r.root);
	assert_true(yamlio_is_null(yamlio_get(r.root, "a")));
	assert_true(yamlio_is_null(yamlio_get(r.root, "b")));
	assert_true(yamlio_is_null(yamlio_get(r.root, "c")));
	assert_false(yamlio_is_null(yamlio_get(r.root, "d")));
	assert_false(yamlio_is_null(yamlio_get(r.root, "e")));
	assert_null(yamlio_get(r.root, "f"));
	assert_null(yamlio_get(r.root->items[0], "a"));
	done(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_positions_of_every_node_kind),
		cmocka_unit_test(test_parse_byte_positions_through_escapes),
		cmocka_unit_test(test_parse_positions_in_nested_collections),
		cmocka_unit_test(test_parse_ignores_earlier_errors),
		cmocka_unit_test(test_parse_duplicate_key_shown_safely),
		cmocka_unit_test(test_parse_exact_text_columns),
		cmocka_unit_test(test_parse_byte_order_mark_and_crlf),
		cmocka_unit_test(test_parse_refusals),
		cmocka_unit_test(test_parse_syntax_errors_with_hints),
		cmocka_unit_test(test_parse_rules_libyaml_lets_through),
		cmocka_unit_test(test_parse_unclosed_quote_note_at_quote),
		cmocka_unit_test(test_parse_nul_bytes),
		cmocka_unit_test(test_parse_duplicate_keys_all_reported),
		cmocka_unit_test(test_parse_duplicate_keys_in_large_mapping),
		cmocka_unit_test(test_parse_alias_bomb_refused_at_first_anchor),
		cmocka_unit_test(test_parse_deep_nesting_refused),
		cmocka_unit_test(test_parse_deep_block_mappings_refused),
		cmocka_unit_test(test_parse_node_limit),
		cmocka_unit_test(test_parse_depth_64_allowed_65_refused),
		cmocka_unit_test(test_parse_random_binary_refused_with_position),
		cmocka_unit_test(test_corpus_every_file_has_a_clear_outcome),
		cmocka_unit_test(test_emit_block_style_in_order),
		cmocka_unit_test(test_emit_round_trip_tricky_strings),
		cmocka_unit_test(test_emit_round_trip_corpus),
		cmocka_unit_test(test_emit_empty_root_is_one_document),
		cmocka_unit_test(test_emit_reports_write_failure),
		cmocka_unit_test(test_emit_refuses_invalid_utf8),
		cmocka_unit_test(test_append_grows_parsed_collections),
		cmocka_unit_test(test_read_file_size_cap),
		cmocka_unit_test(test_read_file_bounded_read),
		cmocka_unit_test(test_read_file_unreadable),
		cmocka_unit_test(test_offset_pos),
		cmocka_unit_test(test_get_and_is_null),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
