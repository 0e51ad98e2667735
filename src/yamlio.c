/*
 * yamlio.c - the YAML adapter: libyaml's event parser turned into a struct ynode tree in an
 * arena, and the tree written back through libyaml's emitter. The only file that includes
 * <yaml.h>; no libyaml type or allocation leaves it.
 *
 * Invariants while reading: stack[0..depth) are the open collections, innermost last, and
 * depth never exceeds YAMLIO_MAX_DEPTH (we stop before libyaml's quadratic deep nesting);
 * pend[stack[i].first..] holds the children read so far for stack[i] (keys and values
 * alternate for a mapping); the mark tracker (ch, off, line, line_start) maps libyaml's
 * character index to a byte offset and moves only as far as the marks asked for, so position
 * finding is linear in the input overall.
 */
#include "yamlio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "arena.h"
#include "ctrl.h"
#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"

/* An open collection and where its children start in pend. */
struct frame {
	struct ynode *node;
	size_t first;
	bool is_flow;
	size_t off;
};

struct reader {
	struct arena *a;
	struct diag *d;
	const char *file;
	const char *text;
	size_t len;
	yaml_parser_t yp;
	struct frame stack[YAMLIO_MAX_DEPTH];
	int depth;
	struct ynode **pend;
	size_t npend, cap;
	uint32_t *slots;
	size_t nslots;
	/* Scalar texts are packed into pool blocks taken from the arena (no per-string padding);
	 * nodes counts every node made, against max_nodes. */
	char *pool;
	size_t pool_left;
	size_t nodes, max_nodes;
	struct ynode *root;
	int ndocs;
	bool is_done;
	/* Where the text between events (indicators, spaces, comments) starts. */
	size_t gap;
	/* Mark tracker: character index ch is at byte off, on line `line` starting at
	 * line_start; base is the offset of character 0 (3 after a byte-order mark). */
	size_t ch, off, line_start, base;
	int line;
};

/* ---- positions ---- */

struct srcpos yamlio_offset_pos(const char *file, const char *text, size_t len, size_t off)
{
	if (off > len)
		off = len;
	int line = 1;
	size_t start = 0;
	const char *p = text, *end = text + off;
	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		line++;
		p++;
		start = (size_t)(p - text);
	}
	return (struct srcpos){ file, line, (int)(off - start + 1) };
}

struct srcpos yamlio_text_pos(const struct ynode *n)
{
	struct srcpos p = n->pos;
	if (n->kind == YNODE_SCALAR && (n->style == YSTYLE_SINGLE || n->style == YSTYLE_DOUBLE))
		p.col++;
	return p;
}

struct srcpos yamlio_byte_pos(const struct ynode *n, size_t k)
{
	if (n->kind != YNODE_SCALAR || !n->is_exact)
		return n->pos;
	struct srcpos p = yamlio_text_pos(n);
	if (n->cols != NULL)
		p.col = n->cols[k < n->len ? k : n->len];
	else
		p.col += (int)k;
	return p;
}

/* Moves the tracker forward to character index target (the text is valid UTF-8). */
static void track_forward(struct reader *r, size_t target)
{
	while (r->ch < target && r->off < r->len) {
		if (r->text[r->off] == '\n') {
			r->line++;
			r->line_start = r->off + 1;
		}
		r->off += utf8_lead_len((unsigned char)r->text[r->off]);
		r->ch++;
	}
	if (r->off > r->len)
		r->off = r->len;
}

/* Moves the tracker back to character index target; rare (marks mostly grow). */
static void track_back(struct reader *r, size_t target)
{
	while (r->ch > target && r->off > r->base) {
		do
			r->off--;
		while (r->off > r->base && utf8_is_cont((unsigned char)r->text[r->off]));
		r->ch--;
		if (r->text[r->off] == '\n') {
			r->line--;
			size_t s = r->off;
			while (s > 0 && r->text[s - 1] != '\n')
				s--;
			r->line_start = s;
		}
	}
}

/* The byte offset of a libyaml mark, whose index counts characters. */
static size_t mark_offset(struct reader *r, yaml_mark_t m)
{
	if (m.index >= r->ch)
		track_forward(r, m.index);
	else
		track_back(r, m.index);
	return r->off;
}

static struct srcpos mark_pos(struct reader *r, yaml_mark_t m)
{
	mark_offset(r, m);
	return (struct srcpos){ r->file, r->line, (int)(r->off - r->line_start + 1) };
}

/* ---- checking the bytes before libyaml sees them ---- */

/* YAML's printable set: tab, line breaks, and everything but C0/C1 controls, DEL and
 * U+FFFE/U+FFFF (NEL U+0085 is a line break). */
static bool is_printable(uint32_t c)
{
	if (c == '\t' || c == '\n' || c == '\r' || c == 0x85)
		return true;
	if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
		return false;
	return c != 0xFFFE && c != 0xFFFF;
}

/* Refuses NUL bytes, UTF-16, invalid UTF-8 and control characters; 0 or -1. */
static int check_bytes(struct reader *r)
{
	const unsigned char *s = (const unsigned char *)r->text;
	size_t len = r->len;
	if (len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF))) {
		diag_error(r->d, (struct srcpos){ r->file, 1, 1 }, "file is UTF-16; save it as UTF-8");
		return -1;
	}
	const unsigned char *nul = memchr(s, '\0', len);
	if (nul != NULL) {
		diag_error(r->d, yamlio_offset_pos(r->file, r->text, len, (size_t)(nul - s)),
		           "NUL byte in the file (is it a binary file?)");
		return -1;
	}
	for (size_t i = 0; i < len;) {
		i += ctrl_plain_run(r->text + i, len - i);
		if (i == len)
			break;
		uint32_t c = s[i];
		size_t w = c < 0x80 ? 1 : utf8_decode(r->text + i, len - i, &c);
		if (w == 0) {
			diag_error(r->d, yamlio_offset_pos(r->file, r->text, len, i),
			           "invalid UTF-8 (byte 0x%02X)", s[i]);
			return -1;
		}
		if (!is_printable(c)) {
			diag_error(r->d, yamlio_offset_pos(r->file, r->text, len, i),
			           "control character U+%04X is not allowed", (unsigned)c);
			return -1;
		}
		i += w;
	}
	return 0;
}

/* ---- building the tree ---- */

static const char *const kind_name[] = {
	[YNODE_SCALAR] = N_("a scalar"),
	[YNODE_SEQ] = N_("a sequence"),
	[YNODE_MAP] = N_("a mapping"),
};

/* A key for a message: at most 40 bytes (cut at a character boundary), controls as '?'. */
static const char *show_key(struct arena *a, const struct ynode *k)
{
	size_t n = k->len;
	bool is_cut = n > 40;
	if (is_cut)
		n = utf8_floor(k->str, 40);
	char *s = arena_alloc(a, n + 4);
	for (size_t i = 0; i < n; i++)
		s[i] = (unsigned char)k->str[i] < 0x20 ? '?' : k->str[i];
	if (is_cut)
		memcpy(s + n, "...", 3);
	return s;
}

static uint32_t hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static bool same_key(const struct ynode *x, const struct ynode *y)
{
	return x->len == y->len && memcmp(x->str, y->str, x->len) == 0;
}

/* Reports every key of map m equal to an earlier one, through an open-addressing table of
 * key indices (+1) reused across mappings: linear in the number of keys. */
static void check_duplicates(struct reader *r, const struct ynode *m)
{
	if (m->n < 2)
		return;
	size_t size = 4;
	while (size < 2 * m->n)
		size *= 2;
	if (size > r->nslots) {
		free(r->slots);
		r->slots = xalloc_resize(NULL, size, sizeof *r->slots);
		r->nslots = size;
	}
	memset(r->slots, 0, size * sizeof *r->slots);
	for (size_t i = 0; i < m->n; i++) {
		const struct ynode *k = m->keys[i];
		size_t h = hash_bytes(k->str, k->len) & (size - 1);
		while (r->slots[h] != 0 && !same_key(m->keys[r->slots[h] - 1], k))
			h = (h + 1) & (size - 1);
		if (r->slots[h] == 0) {
			r->slots[h] = (uint32_t)(i + 1);
			continue;
		}
		diag_error(r->d, k->pos, "duplicate key '%s' (first at line %d)",
		           show_key(r->a, k), m->keys[r->slots[h] - 1]->pos.line);
	}
}

/* Places a new node: the root, or the next child of the innermost open collection.
 * Returns -1 (reported) when a collection would become a mapping key. */
static int place(struct reader *r, struct ynode *n)
{
	if (r->depth == 0) {
		r->root = n;
		return 0;
	}
	const struct frame *f = &r->stack[r->depth - 1];
	bool is_key = f->node->kind == YNODE_MAP && (r->npend - f->first) % 2 == 0;
	if (is_key && n->kind != YNODE_SCALAR) {
		diag_error(r->d, n->pos, "a mapping key must be a scalar, not %s",
		           _(kind_name[n->kind]));
		return -1;
	}
	if (r->npend == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 256;
		r->pend = xalloc_resize(r->pend, r->cap, sizeof *r->pend);
	}
	r->pend[r->npend++] = n;
	return 0;
}

/* Refuses an anchor or a tag on a node; 0 or -1. */
static int check_props(struct reader *r, const yaml_event_t *e, const yaml_char_t *anchor,
                       const yaml_char_t *tag)
{
	static const char core[] = "tag:yaml.org,2002:";
	if (anchor != NULL) {
		diag_error(r->d, mark_pos(r, e->start_mark),
		           "YAML anchors are not supported (found '&%s')", (const char *)anchor);
		return -1;
	}
	if (tag != NULL) {
		const char *t = (const char *)tag;
		bool is_core = strncmp(t, core, sizeof core - 1) == 0;
		diag_error(r->d, mark_pos(r, e->start_mark), "YAML tags are not supported (found '%s%s')",
		           is_core ? "!!" : "", is_core ? t + sizeof core - 1 : t);
		return -1;
	}
	return 0;
}

static const enum yscalar_style style_of[] = {
	[YAML_ANY_SCALAR_STYLE] = YSTYLE_PLAIN,
	[YAML_PLAIN_SCALAR_STYLE] = YSTYLE_PLAIN,
	[YAML_SINGLE_QUOTED_SCALAR_STYLE] = YSTYLE_SINGLE,
	[YAML_DOUBLE_QUOTED_SCALAR_STYLE] = YSTYLE_DOUBLE,
	[YAML_LITERAL_SCALAR_STYLE] = YSTYLE_LITERAL,
	[YAML_FOLDED_SCALAR_STYLE] = YSTYLE_FOLDED,
};

/* The first non-space character of a block scalar's first non-blank line, between the
 * indicator at offset ind and the scalar's end; ind itself for an empty block. */
static size_t block_text_offset(const struct reader *r, size_t ind, size_t end)
{
	const char *t = r->text;
	const char *nl = memchr(t + ind, '\n', end - ind);
	if (nl == NULL)
		return ind;
	for (size_t p = (size_t)(nl - t) + 1; p < end;) {
		while (p < end && t[p] == ' ')
			p++;
		if (p < end && t[p] != '\n' && t[p] != '\r')
			return p;
		while (p < end && t[p] != '\n')
			p++;
		p++;
	}
	return ind;
}

/* The position of byte offset at, found by walking forward from a known position. */
static struct srcpos walk_pos(const struct reader *r, struct srcpos from, size_t from_off,
                              size_t at)
{
	size_t line_start = from_off - (size_t)(from.col - 1);
	for (size_t i = from_off; i < at; i++) {
		if (r->text[i] == '\n') {
			from.line++;
			line_start = i + 1;
		}
	}
	from.col = (int)(at - line_start + 1);
	return from;
}

/* The indentation of the innermost open block collection when it is the innermost open
 * collection at all, or -1 (at the top, or inside a flow collection). */
static int block_indent(const struct reader *r)
{
	if (r->depth == 0 || r->stack[r->depth - 1].is_flow)
		return -1;
	return r->stack[r->depth - 1].node->pos.col - 1;
}

/*
 * YAML requires every line of a multi-line quoted scalar or flow collection inside a block
 * collection to be indented more than that block, which libyaml does not check. The node
 * spans [start, end) and starts at from. Refuses the first line that is not; 0 or -1.
 */
/* what is untranslated (N_), and translated only for a message: gettext costs some 1,700
 * instructions a call, and this runs for every quoted scalar and flow collection. */
static int check_continuation(struct reader *r, struct srcpos from, size_t start, size_t end,
                              const char *what)
{
	int n = block_indent(r);
	const char *t = r->text;
	if (n < 0)
		return 0;
	for (const char *nl = memchr(t + start, '\n', end - start); nl != NULL;
	     nl = memchr(nl + 1, '\n', (size_t)(t + end - nl - 1))) {
		size_t s = (size_t)(nl - t) + 1, p = s, q;
		while (p < end && t[p] == ' ')
			p++;
		for (q = p; q < end && (t[q] == ' ' || t[q] == '\t'); q++)
			;
		bool is_blank = q >= r->len || t[q] == '\n' || t[q] == '\r';
		if (!is_blank && p - s <= (size_t)n) {
			diag_error(r->d, walk_pos(r, from, start, p),
			           "line must be indented more to continue the %s that starts at line %d",
			           _(what), from.line);
			return -1;
		}
	}
	return 0;
}

/* Checks a block scalar's header (| or > with at most two indicators) for a glued '#'. */
static int check_block_header(struct reader *r, struct srcpos from, size_t start, size_t end)
{
	size_t p = start + 1;
	while (p < end && p < start + 3 && strchr("123456789+-", r->text[p]) != NULL)
		p++;
	if (p >= end || r->text[p] != '#')
		return 0;
	diag_error(r->d, walk_pos(r, from, start, p), "a comment needs a space before '#'");
	return -1;
}

/* How many bytes the escape at s (after the backslash, n bytes left) stands for, and in
 * *used how many source bytes it takes after the backslash; 0 when it is not one. */
static size_t escape_bytes(const char *s, size_t n, size_t *used)
{
	static const char simple[] = "0abt\tnvfre \"/\\";
	size_t digits = n == 0 ? 0 : s[0] == 'x' ? 2 : s[0] == 'u' ? 4 : s[0] == 'U' ? 8 : 0;
	*used = 1;
	if (n == 0)
		return 0;
	if (digits == 0 && s[0] != '\0' && strchr(simple, s[0]) != NULL)
		return 1;
	if (s[0] == 'N' || s[0] == '_')
		return 2;
	if (s[0] == 'L' || s[0] == 'P')
		return 3;
	if (digits == 0 || n < digits + 1)
		return 0;
	char hex[9];
	memcpy(hex, s + 1, digits);
	hex[digits] = '\0';
	*used = digits + 1;
	return utf8_encoded_len((uint32_t)strtoul(hex, NULL, 16));
}

/*
 * For a quoted scalar on one line whose text differs from its source ('' or escapes): the
 * column of each byte of the text (len + 1 entries, in the arena); NULL when the source
 * cannot be matched byte for byte. src[0..n) is the source between the quotes.
 */
static const int *quoted_columns(struct reader *r, const struct ynode *v, const char *src,
                                 size_t n)
{
	int *cols = arena_alloc(r->a, (v->len + 1) * sizeof *cols);
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		size_t bytes = 1, step = 1, used;
		if (v->style == YSTYLE_SINGLE && src[i] == '\'' && i + 1 < n && src[i + 1] == '\'') {
			step = 2;
		} else if (v->style == YSTYLE_DOUBLE && src[i] == '\\') {
			bytes = escape_bytes(src + i + 1, n - i - 1, &used);
			step = 1 + used;
		}
		if (bytes == 0 || k + bytes > v->len)
			return NULL;
		for (size_t b = 0; b < bytes; b++)
			cols[k++] = v->pos.col + 1 + (int)i;
		i += step;
	}
	if (k != v->len)
		return NULL;
	cols[k] = v->pos.col + 1 + (int)n;
	return cols;
}

/* Sets pos and is_exact of scalar n from the event's marks; -1 (reported) when the
 * scalar breaks a rule libyaml lets through. */
static int scalar_place(struct reader *r, struct ynode *n, const yaml_event_t *e)
{
	size_t start = mark_offset(r, e->start_mark);
	n->pos = mark_pos(r, e->start_mark);
	size_t end = mark_offset(r, e->end_mark);
	if (end > r->len)
		end = r->len;
	if (n->style == YSTYLE_LITERAL || n->style == YSTYLE_FOLDED) {
		if (check_block_header(r, n->pos, start, end) < 0)
			return -1;
		n->pos = walk_pos(r, n->pos, start, block_text_offset(r, start, end));
		return 0;
	}
	if (n->style == YSTYLE_PLAIN) {
		n->is_exact = end - start == n->len && memcmp(r->text + start, n->str, n->len) == 0;
		return 0;
	}
	n->is_exact = end - start == n->len + 2 && memchr(n->str, '\n', n->len) == NULL &&
	              memcmp(r->text + start + 1, n->str, n->len) == 0;
	if (!n->is_exact && end - start >= 2 && memchr(r->text + start, '\n', end - start) == NULL)
		n->cols = quoted_columns(r, n, r->text + start + 1, end - start - 2);
	n->is_exact = n->is_exact || n->cols != NULL;
	return check_continuation(r, n->pos, start, end, N_("quoted text"));
}

enum { POOL_BLOCK = 64 * 1024 };

/* A NUL-terminated copy of s[0..n) in the arena, packed with the other texts. A new pool
 * block is no larger than the text still to read (about what its scalars need), so a short
 * file does not zero, and so touch, 64 KiB it never uses. */
static char *pool_copy(struct reader *r, const unsigned char *s, size_t n)
{
	char *p;
	if (n >= POOL_BLOCK / 4) {
		p = arena_alloc(r->a, n + 1);
	} else {
		if (r->pool_left < n + 1) {
			size_t rest = r->len - r->off + n + 64;
			r->pool_left = rest < POOL_BLOCK ? rest : POOL_BLOCK;
			r->pool = arena_alloc(r->a, r->pool_left);
		}
		p = r->pool;
		r->pool += n + 1;
		r->pool_left -= n + 1;
	}
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* A new node, or NULL (reported at e's start) past max_nodes nodes: a 64 MiB file of
 * one-letter values would otherwise need some 50 times its size in memory. */
static struct ynode *new_tree_node(struct reader *r, const yaml_event_t *e, enum ynode_kind kind)
{
	if (++r->nodes > r->max_nodes) {
		diag_error(r->d, mark_pos(r, e->start_mark), "more than %zu values in one file",
		           r->max_nodes);
		return NULL;
	}
	struct ynode *n = arena_alloc(r->a, sizeof *n);
	n->kind = kind;
	return n;
}

static int on_scalar(struct reader *r, const yaml_event_t *e)
{
	if (check_props(r, e, e->data.scalar.anchor, e->data.scalar.tag) < 0)
		return -1;
	struct ynode *n = new_tree_node(r, e, YNODE_SCALAR);
	if (n == NULL)
		return -1;
	size_t len = e->data.scalar.length;
	const char *s = pool_copy(r, e->data.scalar.value, len);
	n->str = s;
	n->len = (uint32_t)len;
	n->style = style_of[e->data.scalar.style];
	n->is_verbatim = n->style == YSTYLE_PLAIN;
	if (scalar_place(r, n, e) < 0)
		return -1;
	if (n->style == YSTYLE_PLAIN && len == 1 && s[0] == '-') {
		diag_error(r->d, n->pos, "a lone '-' is not a value here; write it in quotes: \"-\"");
		return -1;
	}
	return place(r, n);
}

static int open_collection(struct reader *r, const yaml_event_t *e, enum ynode_kind kind,
                           bool is_flow, const yaml_char_t *anchor, const yaml_char_t *tag)
{
	if (check_props(r, e, anchor, tag) < 0)
		return -1;
	if (r->depth == YAMLIO_MAX_DEPTH) {
		diag_error(r->d, mark_pos(r, e->start_mark), "nesting is deeper than %d levels",
		           YAMLIO_MAX_DEPTH);
		return -1;
	}
	struct ynode *n = new_tree_node(r, e, kind);
	if (n == NULL)
		return -1;
	n->pos = mark_pos(r, e->start_mark);
	if (place(r, n) < 0)
		return -1;
	r->stack[r->depth++] = (struct frame){ n, r->npend, is_flow, r->off };
	return 0;
}

static int on_seq_start(struct reader *r, const yaml_event_t *e)
{
	return open_collection(r, e, YNODE_SEQ,
	                       e->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE,
	                       e->data.sequence_start.anchor,
	                       e->data.sequence_start.tag);
}

static int on_map_start(struct reader *r, const yaml_event_t *e)
{
	return open_collection(r, e, YNODE_MAP,
	                       e->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE,
	                       e->data.mapping_start.anchor,
	                       e->data.mapping_start.tag);
}

/* Moves the children of the collection in frame f from pend into the arena. */
static void close_frame(struct reader *r, const struct frame *f)
{
	struct ynode *n = f->node;
	size_t count = r->npend - f->first;
	/* pend is still NULL when the first collection of the document is empty. */
	struct ynode **kids = count > 0 ? r->pend + f->first : NULL;
	if (n->kind == YNODE_SEQ) {
		n->n = count;
		n->cap = (uint32_t)count;
		n->items = arena_calloc(r->a, count, sizeof *n->items);
		if (count > 0)
			memcpy(n->items, kids, count * sizeof *kids);
	} else {
		n->n = count / 2;
		n->cap = (uint32_t)n->n;
		/* Keys and values in one block: keys[0..n), then items[0..n). */
		n->keys = arena_calloc(r->a, 2 * (size_t)n->n, sizeof *n->keys);
		n->items = n->keys + n->n;
		for (size_t i = 0; i < n->n; i++) {
			n->keys[i] = kids[2 * i];
			n->items[i] = kids[2 * i + 1];
		}
		check_duplicates(r, n);
	}
	r->npend = f->first;
}

/* Closes the innermost collection; an outermost flow collection is checked for the rules
 * libyaml lets through. */
static int on_end(struct reader *r, const yaml_event_t *e)
{
	const struct frame f = r->stack[--r->depth];
	close_frame(r, &f);
	if (!f.is_flow)
		return 0;
	size_t end = mark_offset(r, e->end_mark);
	if (r->depth > 0 && r->stack[r->depth - 1].is_flow)
		return 0;
	return check_continuation(r, f.node->pos, f.off, end,
	                          f.node->kind == YNODE_SEQ ? N_("[ ] list") : N_("{ } mapping"));
}

static int on_alias(struct reader *r, const yaml_event_t *e)
{
	diag_error(r->d, mark_pos(r, e->start_mark), "YAML aliases are not supported (found '*%s')",
	           (const char *)e->data.alias.anchor);
	return -1;
}

static int on_document(struct reader *r, const yaml_event_t *e)
{
	if (++r->ndocs > 1) {
		diag_error(r->d, mark_pos(r, e->start_mark), "only one YAML document is allowed per file");
		return -1;
	}
	return 0;
}

static int on_stream_end(struct reader *r, const yaml_event_t *e)
{
	(void)e;
	r->is_done = true;
	if (r->ndocs == 0) {
		diag_error(r->d, (struct srcpos){ r->file, 1, 1 },
		           "the file has no YAML document (it is empty or only comments)");
		return -1;
	}
	return 0;
}

static int on_nothing(struct reader *r, const yaml_event_t *e)
{
	(void)r;
	(void)e;
	return 0;
}

static int (*const on_event[])(struct reader *, const yaml_event_t *) = {
	[YAML_NO_EVENT] = on_nothing,
	[YAML_STREAM_START_EVENT] = on_nothing,
	[YAML_STREAM_END_EVENT] = on_stream_end,
	[YAML_DOCUMENT_START_EVENT] = on_document,
	[YAML_DOCUMENT_END_EVENT] = on_nothing,
	[YAML_ALIAS_EVENT] = on_alias,
	[YAML_SCALAR_EVENT] = on_scalar,
	[YAML_SEQUENCE_START_EVENT] = on_seq_start,
	[YAML_SEQUENCE_END_EVENT] = on_end,
	[YAML_MAPPING_START_EVENT] = on_map_start,
	[YAML_MAPPING_END_EVENT] = on_end,
};

/* Plain-language hints for libyaml's problems that authors meet most, by problem text and
 * (when set) the character at the problem mark. */
static const struct {
	const char *problem;
	char at;
	const char *note;
} hints[] = {
	{ "mapping values are not allowed", 0,
	  N_("if this is text, put it in quotes (\"Warning: stop\"); if it is a key, line it up with "
	  "the keys above it") },
	{ "tab character", 0, N_("indent with spaces: YAML does not allow tabs here") },
	{ "cannot start any token", '\t', N_("indent with spaces: YAML does not allow tabs here") },
	{ "cannot start any token", '@', N_("text that starts with '@' needs quotes around it") },
	{ "cannot start any token", '`', N_("text that starts with '`' needs quotes around it") },
	/* xgettext:no-c-format */
	{ "cannot start any token", '%', N_("text that starts with '%' needs quotes around it") },
	{ "could not find expected ':'", 0,
	  N_("a key needs ': ' after it; text that goes on to the next line must be indented more "
	  "than its key") },
	{ "did not find expected key", 0,
	  N_("the keys of one mapping start in the same column, and quoted text ends at its closing "
	  "quote (use 'single quotes' around text with \"double\" ones)") },
	{ "did not find expected '-' indicator", 0,
	  N_("the items of one list start in the same column") },
};

/* Adds the hint that fits libyaml's problem, if any, at pos. */
static void add_hint(struct reader *r, const yaml_parser_t *p, struct srcpos pos, size_t off)
{
	char at = off < r->len ? r->text[off] : '\0';
	for (size_t i = 0; i < sizeof hints / sizeof *hints; i++) {
		if (strstr(p->problem, hints[i].problem) == NULL || (hints[i].at && hints[i].at != at))
			continue;
		diag_report(r->d, DIAG_NOTE, pos, "%s", _(hints[i].note));
		return;
	}
}

/* Reports libyaml's error (it stops at the first one) at a real position, with a hint for
 * the common ones, and for an unclosed quote a note at the opening quote. */
static void report_libyaml(struct reader *r)
{
	const yaml_parser_t *p = &r->yp;
	if (p->error == YAML_READER_ERROR) {
		diag_error(r->d, yamlio_offset_pos(r->file, r->text, r->len, p->problem_offset),
		           "%s (byte 0x%02X)", p->problem, (unsigned)p->problem_value & 0xFFu);
		return;
	}
	if (p->error == YAML_MEMORY_ERROR)
		xalloc_die();
	if (p->problem == NULL) {
		diag_error(r->d, (struct srcpos){ r->file, 1, 1 }, "the YAML reader failed");
		return;
	}
	struct srcpos c = mark_pos(r, p->context_mark);
	size_t off = mark_offset(r, p->problem_mark);
	struct srcpos at = mark_pos(r, p->problem_mark);
	if (p->context == NULL)
		diag_report(r->d, DIAG_ERROR, at, "%s", p->problem);
	else
		diag_error(r->d, at, "%s (%s at line %d, column %d)", p->problem, p->context, c.line,
		           c.col);
	if (p->context != NULL && strstr(p->context, "quoted scalar") != NULL &&
	    strstr(p->problem, "end of stream") != NULL)
		diag_note(r->d, c, "this quote is never closed");
	else
		add_hint(r, p, at, off);
}

static bool is_blank_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Checks the text between two events, [from, to): indicators, spaces, directives and
 * comments. A comment needs white space before its '#', but libyaml takes "[a,#x" or
 * "\"a\"#x" for one. Every byte is looked at once over the whole stream. 0 or -1.
 */
static int check_gap(struct reader *r, size_t from, size_t to)
{
	const char *t = r->text;
	for (size_t i = from; i < to; i++) {
		if (t[i] != '#')
			continue;
		if (i > r->base && !is_blank_byte(t[i - 1])) {
			diag_error(r->d, yamlio_offset_pos(r->file, t, r->len, i),
			           "a comment needs a space before '#'");
			return -1;
		}
		const char *nl = memchr(t + i, '\n', to - i);
		if (nl == NULL)
			break;
		i = (size_t)(nl - t);
	}
	return 0;
}

/* Runs libyaml's event loop until the stream ends or something is refused. */
static void read_events(struct reader *r)
{
	while (!r->is_done) {
		yaml_event_t e;
		if (!yaml_parser_parse(&r->yp, &e)) {
			report_libyaml(r);
			return;
		}
		/* A document start's own text is directives and "---": checked as a gap. */
		size_t start = mark_offset(r, e.type == YAML_DOCUMENT_START_EVENT ? e.end_mark
		                                                                  : e.start_mark);
		int rc = start > r->gap ? check_gap(r, r->gap, start) : 0;
		if (rc == 0)
			rc = on_event[e.type](r, &e);
		size_t end = mark_offset(r, e.end_mark);
		if (end > r->gap)
			r->gap = end;
		yaml_event_delete(&e);
		if (rc < 0)
			return;
	}
}

struct ynode *yamlio_parse(struct arena *a, struct diag *d, const char *file,
                           const char *text, size_t len)
{
	return yamlio_parse_capped(a, d, file, text, len, YAMLIO_MAX_NODES);
}

struct ynode *yamlio_parse_capped(struct arena *a, struct diag *d, const char *file,
                                  const char *text, size_t len, size_t max_nodes)
{
	size_t errors = diag_errors(d);
	struct reader r = { .a = a, .d = d, .file = file, .text = text, .len = len, .line = 1,
	                    .max_nodes = max_nodes };
	if (check_bytes(&r) < 0)
		return NULL;
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		r.base = r.off = r.gap = 3;
	if (!yaml_parser_initialize(&r.yp))
		xalloc_die();
	yaml_parser_set_input_string(&r.yp, (const unsigned char *)text, len);
	read_events(&r);
	yaml_parser_delete(&r.yp);
	free(r.pend);
	free(r.slots);
	if (diag_errors(d) > errors || !r.is_done)
		return NULL;
	return r.root;
}

/* ---- reading files ---- */

/* Reads at most max + 1 bytes from fd into a malloc'ed buffer; hint sizes the first block.
 * Returns the buffer (NUL-terminated, *len bytes) or NULL with errno set. */
static char *read_bounded(int fd, size_t max, size_t hint, size_t *len)
{
	size_t cap = (hint < max ? hint : max) + 2, n = 0;
	char *buf = xalloc(cap);
	while (n <= max) {
		if (n + 1 == cap) {
			cap = cap - 1 > max / 2 ? max + 2 : 2 * (cap - 1) + 1;
			buf = xalloc_resize(buf, cap, 1);
		}
		ssize_t got = read(fd, buf + n, cap - 1 - n);
		if (got == 0)
			break;
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int saved = errno;
			free(buf);
			errno = saved;
			return NULL;
		}
		n += (size_t)got;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

int yamlio_read_file(const char *path, size_t max, char **text, size_t *len,
                     struct diag *d, int *is_unreadable)
{
	struct srcpos at = { path, 0, 0 };
	int unreadable = 1;
	struct stat st;
	*text = NULL;
	*len = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		diag_error(d, at, "cannot open file: %s", strerror(errno));
	} else if (fstat(fd, &st) != 0) {
		diag_error(d, at, "cannot read file: %s", strerror(errno));
	} else if (S_ISDIR(st.st_mode)) {
		diag_error(d, at, "is a directory, not a file");
	} else if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max) {
		unreadable = 0;
		diag_too_large(d, path, max);
	} else {
		size_t hint = S_ISREG(st.st_mode) ? (size_t)st.st_size : (size_t)64 * 1024;
		*text = read_bounded(fd, max, hint, len);
		if (*text == NULL) {
			diag_error(d, at, "cannot read file: %s", strerror(errno));
		} else if (*len > max) {
			free(*text);
			*text = NULL;
			*len = 0;
			unreadable = 0;
			diag_too_large(d, path, max);
		} else {
			unreadable = 0;
		}
	}
	if (fd >= 0)
		close(fd);
	if (is_unreadable != NULL)
		*is_unreadable = unreadable;
	return *text != NULL ? 0 : -1;
}

/* ---- looking things up, building trees ---- */

const struct ynode *yamlio_get(const struct ynode *map, const char *key)
{
	if (map == NULL || map->kind != YNODE_MAP)
		return NULL;
	size_t klen = strlen(key);
	for (size_t i = 0; i < map->n; i++)
		if (map->keys[i]->len == klen && memcmp(map->keys[i]->str, key, klen) == 0)
			return map->items[i];
	return NULL;
}

/* [+-] digits [. digits] [e [+-] digits], with digits on at least one side of the point. */
static bool is_number(const char *s)
{
	size_t i = (*s == '+' || *s == '-'), d = strspn(s + i, "0123456789");
	i += d;
	if (s[i] == '.') {
		size_t f = strspn(s + i + 1, "0123456789");
		d += f;
		i += 1 + f;
	}
	if (d == 0)
		return false;
	if (s[i] == 'e' || s[i] == 'E') {
		i += 1 + (s[i + 1] == '+' || s[i + 1] == '-');
		size_t e = strspn(s + i, "0123456789");
		if (e == 0)
			return false;
		i += e;
	}
	return s[i] == '\0';
}

int yamlio_number(const struct ynode *n, double *out)
{
	if (n == NULL || n->kind != YNODE_SCALAR || !is_number(n->str))
		return -1;
	double v = strtod(n->str, NULL);
	if (!isfinite(v))
		return -1;
	*out = v;
	return 0;
}

bool yamlio_is_null(const struct ynode *n)
{
	return n != NULL && n->kind == YNODE_SCALAR && n->style == YSTYLE_PLAIN &&
	       (n->len == 0 || strcmp(n->str, "null") == 0 || strcmp(n->str, "~") == 0);
}

static struct ynode *new_node(struct arena *a, enum ynode_kind kind)
{
	struct ynode *n = arena_alloc(a, sizeof *n);
	n->kind = kind;
	return n;
}

struct ynode *yamlio_new_map(struct arena *a) { return new_node(a, YNODE_MAP); }
struct ynode *yamlio_new_seq(struct arena *a) { return new_node(a, YNODE_SEQ); }

struct ynode *yamlio_new_scalar(struct arena *a, const char *s, enum yscalar_style style)
{
	struct ynode *n = new_node(a, YNODE_SCALAR);
	if (s == NULL)
		s = "";
	n->str = arena_strdup(a, s);
	n->len = (uint32_t)strlen(s);
	n->style = style;
	return n;
}

struct ynode *yamlio_new_plain(struct arena *a, const char *s)
{
	struct ynode *n = yamlio_new_scalar(a, s, YSTYLE_PLAIN);
	n->is_verbatim = true;
	return n;
}

/* Makes room for one more child, doubling; parsed collections start full (cap == n). */
static void grow(struct arena *a, struct ynode *p)
{
	if (p->n < p->cap)
		return;
	uint32_t cap = p->cap ? 2 * p->cap : 4;
	struct ynode **items = arena_calloc(a, cap, sizeof *items);
	if (p->n > 0)
		memcpy(items, p->items, p->n * sizeof *items);
	p->items = items;
	if (p->kind == YNODE_MAP) {
		struct ynode **keys = arena_calloc(a, cap, sizeof *keys);
		if (p->n > 0)
			memcpy(keys, p->keys, p->n * sizeof *keys);
		p->keys = keys;
	}
	p->cap = cap;
}

void yamlio_append(struct arena *a, struct ynode *parent, const char *key, struct ynode *value)
{
	if (parent->kind == YNODE_SCALAR)
		return;
	grow(a, parent);
	if (parent->kind == YNODE_MAP)
		parent->keys[parent->n] = yamlio_new_scalar(a, key, YSTYLE_PLAIN);
	parent->items[parent->n++] = value;
}

/* ---- writing ---- */

static bool word_is(const char *s, size_t n, const char *w)
{
	if (strlen(w) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((s[i] | 0x20) != w[i])
			return false;
	return true;
}

/* True when plain s would read back as something other than the string s: empty, a null or
 * boolean word of YAML 1.1 or 1.2, or anything that starts like a number. */
static bool reads_as_other(const char *s, size_t n)
{
	static const char *const words[] = { "null", "~", "true", "false", "yes", "no", "on",
	                                     "off", "y", "n" };
	if (n == 0)
		return true;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (word_is(s, n, words[i]))
			return true;
	size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
	if (i < n && s[i] >= '0' && s[i] <= '9')
		return true;
	if (i + 1 < n && s[i] == '.')
		return (s[i + 1] >= '0' && s[i + 1] <= '9') || word_is(s + i + 1, n - i - 1, "inf") ||
		       word_is(s + i + 1, n - i - 1, "nan");
	return false;
}

static yaml_scalar_style_t emit_style(const struct ynode *n)
{
	switch (n->style) {
	case YSTYLE_SINGLE:
		return YAML_SINGLE_QUOTED_SCALAR_STYLE;
	case YSTYLE_DOUBLE:
		return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	case YSTYLE_LITERAL:
		return YAML_LITERAL_SCALAR_STYLE;
	case YSTYLE_FOLDED:
		return YAML_FOLDED_SCALAR_STYLE;
	case YSTYLE_PLAIN:
		break;
	}
	if (n->is_verbatim)
		return YAML_PLAIN_SCALAR_STYLE;
	if (reads_as_other(n->str, n->len))
		return YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	if (memchr(n->str, '\n', n->len) != NULL)
		return YAML_LITERAL_SCALAR_STYLE;
	return YAML_PLAIN_SCALAR_STYLE;
}

static int emit_node(yaml_emitter_t *em, const struct ynode *n, int depth);

static int emit_scalar(yaml_emitter_t *em, const struct ynode *n)
{
	yaml_event_t e;
	if (n->len > INT_MAX)
		return -1;
	if (!yaml_scalar_event_initialize(&e, NULL, NULL, (yaml_char_t *)(uintptr_t)n->str,
	                                  (int)n->len, 1, 1, emit_style(n)))
		return -1;
	return yaml_emitter_emit(em, &e) ? 0 : -1;
}

static int emit_collection(yaml_emitter_t *em, const struct ynode *n, int depth)
{
	yaml_event_t e;
	int ok = n->kind == YNODE_SEQ
	             ? yaml_sequence_start_event_initialize(&e, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE)
	             : yaml_mapping_start_event_initialize(&e, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
	if (!ok || !yaml_emitter_emit(em, &e))
		return -1;
	for (size_t i = 0; i < n->n; i++) {
		if (n->kind == YNODE_MAP && emit_node(em, n->keys[i], depth + 1) < 0)
			return -1;
		if (emit_node(em, n->items[i], depth + 1) < 0)
			return -1;
	}
	ok = n->kind == YNODE_SEQ ? yaml_sequence_end_event_initialize(&e)
	                          : yaml_mapping_end_event_initialize(&e);
	return ok && yaml_emitter_emit(em, &e) ? 0 : -1;
}

static int emit_node(yaml_emitter_t *em, const struct ynode *n, int depth)
{
	if (n == NULL || depth > YAMLIO_MAX_DEPTH)
		return -1;
	if (n->kind == YNODE_SCALAR)
		return emit_scalar(em, n);
	return emit_collection(em, n, depth);
}

static int emit_document(yaml_emitter_t *em, const struct ynode *root)
{
	yaml_event_t e;
	if (!yaml_stream_start_event_initialize(&e, YAML_UTF8_ENCODING) || !yaml_emitter_emit(em, &e))
		return -1;
	/* An empty root needs the explicit "---", or it would read back as no document. */
	int is_implicit = root == NULL || root->kind != YNODE_SCALAR || root->len > 0;
	if (!yaml_document_start_event_initialize(&e, NULL, NULL, NULL, is_implicit) ||
	    !yaml_emitter_emit(em, &e))
		return -1;
	if (emit_node(em, root, 0) < 0)
		return -1;
	if (!yaml_document_end_event_initialize(&e, 1) || !yaml_emitter_emit(em, &e))
		return -1;
	if (!yaml_stream_end_event_initialize(&e) || !yaml_emitter_emit(em, &e))
		return -1;
	return yaml_emitter_flush(em) ? 0 : -1;
}

int yamlio_emit(const struct ynode *root, FILE *out)
{
	yaml_emitter_t em;
	if (!yaml_emitter_initialize(&em))
		xalloc_die();
	yaml_emitter_set_output_file(&em, out);
	yaml_emitter_set_unicode(&em, 1);
	yaml_emitter_set_width(&em, -1);
	yaml_emitter_set_indent(&em, 2);
	int rc = emit_document(&em, root);
	if (rc < 0 && em.error == YAML_MEMORY_ERROR)
		xalloc_die();
	yaml_emitter_delete(&em);
	if (rc == 0 && (fflush(out) != 0 || ferror(out)))
		rc = -1;
	return rc;
}
