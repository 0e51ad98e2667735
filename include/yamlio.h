/*
 * yamlio.h - the YAML adapter: the only module that includes <yaml.h>.
 *
 * Reading turns a YAML document into a small tree of scalars, sequences and mappings, with
 * the 1-based position of every node, in an arena. It refuses what backcheck never needs and
 * what makes YAML dangerous: anchors and aliases, tags, a second document, an empty stream,
 * nesting deeper than YAMLIO_MAX_DEPTH, duplicate mapping keys, and input over the caller's
 * size cap. The bytes are checked before libyaml sees them (NUL, UTF-16, invalid UTF-8,
 * control characters), so those errors carry an exact line and column; libyaml's own syntax
 * errors are reported at its problem mark, and a few invalid inputs libyaml accepts are
 * refused too (a '#' glued to the token before it, under-indented continuation lines of
 * quoted text or flow collections, a lone '-' as a value). Time and memory are linear in the
 * input.
 *
 * Writing emits such a tree as a YAML document (for records and answers files).
 */
#ifndef BACKCHECK_YAMLIO_H
#define BACKCHECK_YAMLIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"

struct arena;

enum { YAMLIO_MAX_DEPTH = 64 };
/* At most this many nodes per document (a 300,000-item questionnaire has about 4 million). */
enum { YAMLIO_MAX_NODES = 10000000 };

enum ynode_kind {
	YNODE_SCALAR,
	YNODE_SEQ,
	YNODE_MAP,
};

enum yscalar_style {
	YSTYLE_PLAIN,
	YSTYLE_SINGLE,
	YSTYLE_DOUBLE,
	YSTYLE_LITERAL,
	YSTYLE_FOLDED,
};

struct ynode {
	/* 1-based line and byte column of the node's first character: for a quoted scalar the
	 * opening quote, for a block scalar (| or >) the first non-space character of its first
	 * non-blank text line (the indicator itself when the block is empty), for a flow
	 * collection its [ or {, for a block sequence its first -, for a block mapping its first
	 * key (or its ?), for an empty value (`key:`, `-`) the column just after the : or -.
	 * Lines are counted by '\n' only; columns count bytes, so a tab or a multi-byte
	 * character before the node advances the column by its byte length. */
	struct srcpos pos;
	/* YNODE_SCALAR: the value (NUL-terminated, may contain NULs only if len says so). */
	const char *str;
	/* A mapping's keys and a scalar's column table are never both needed, so they share
	 * their place: a parsed file has a node per scalar, and the tree's size is most of a
	 * load's memory. keys is NULL for a scalar (with n 0) and cols NULL for a collection. */
	union {
		/* YNODE_MAP: keys[0..n) (scalars); see items. */
		struct ynode **keys;
		/* For a quoted scalar on one line with '' or escapes: the column of each byte k of
		 * str (len + 1 entries, in the arena); NULL for every other scalar.
		 * yamlio_byte_pos() reads both. */
		const int *cols;
	};
	/* YNODE_SEQ: items[0..n). YNODE_MAP: the values of keys[0..n). */
	struct ynode **items;
	/* YNODE_SEQ, YNODE_MAP: the number of items. */
	size_t n;
	/* YNODE_SCALAR: the length of str. It fits 32 bits, as every file read is capped far
	 * below 4 GiB; with the byte-sized kind and style below, a node takes 64 bytes. */
	uint32_t len;
	/* Room in keys/items for yamlio_append (private bookkeeping). */
	uint32_t cap;
	/* An enum ynode_kind and an enum yscalar_style, kept in a byte each. */
	unsigned char kind;
	unsigned char style;
	/* True when the value is a verbatim copy of the source: every byte k of str (0 <= k <
	 * len) sits on line pos.line at column pos.col + k for YSTYLE_PLAIN, and at column
	 * pos.col + 1 + k for YSTYLE_SINGLE and YSTYLE_DOUBLE (one past the quote). That holds for
	 * a plain or quoted scalar on one line without escapes ('' or \x); never for block
	 * scalars. A quoted scalar on one line with escapes is exact too, with its columns in
	 * cols. yamlio_text_pos() gives the position of byte 0 either way. */
	bool is_exact;
	/* For writers: a YSTYLE_PLAIN scalar with is_verbatim set is written plain as given (a
	 * number, true, null); without it, it is quoted where YAML would read it as something
	 * other than that string. Parsed plain scalars have it set, so a tree read and written
	 * back keeps its plain scalars plain, except those libyaml will not write plain (a plain
	 * scalar folded over several lines, "---x"), which it quotes: the text is kept. */
	bool is_verbatim;
};

/*
 * The position of byte 0 of a scalar's text: pos, one column further for a quoted scalar.
 * When n->is_exact, byte k is at column yamlio_text_pos(n).col + k on the same line;
 * otherwise point every diagnostic about the text at n->pos.
 */
struct srcpos yamlio_text_pos(const struct ynode *n);

/* The position of byte k (0 <= k <= len) of a scalar's text: exact when n->is_exact (through
 * n->cols where set), else n->pos. */
struct srcpos yamlio_byte_pos(const struct ynode *n, size_t k);

/*
 * The 1-based line and byte column of byte offset off in text (len bytes), counting lines by
 * '\n' as struct ynode does. An offset at or past len gives the position just after the last
 * byte.
 */
struct srcpos yamlio_offset_pos(const char *file, const char *text, size_t len, size_t off);

/*
 * Reads a whole file into memory (NUL-terminated), refusing files larger than max bytes
 * without reading them (fstat first, then a read bounded at max + 1 bytes, so a growing file
 * or a pipe is refused too). Returns 0, or -1 with an error reported to d (at the file,
 * line 0) and *text NULL. On success *text is malloc'ed: caller frees. *is_unreadable (when
 * not NULL) is set to 1 when the file could not be opened or read, 0 otherwise. Messages:
 * "cannot open file: REASON", "cannot read file: REASON", "is a directory, not a file",
 * "file is larger than 64 MiB" (the cap in MiB, KiB or bytes).
 */
int yamlio_read_file(const char *path, size_t max, char **text, size_t *len,
                     struct diag *d, int *is_unreadable);

/*
 * Parses exactly one YAML document from text (len bytes, UTF-8, a UTF-8 byte-order mark
 * allowed). Returns the root node in arena a, or NULL with every problem found reported to d,
 * each at a line >= 1. file names the source in diagnostics and must outlive the tree; the
 * caller registers the text with diag_add_source() if it wants excerpts.
 *
 * Reading stops at the first of these, with these messages:
 *   "NUL byte in the file (is it a binary file?)"           at the first NUL
 *   "file is UTF-16; save it as UTF-8"                     at 1:1
 *   "invalid UTF-8 (byte 0xFF)"                            at the first bad byte
 *   "control character U+0001 is not allowed"              at the character
 *   "YAML anchors are not supported (found '&name')"       at the anchor
 *   "YAML aliases are not supported (found '*name')"       at the alias
 *   "YAML tags are not supported (found '!!str')"          at the node carrying the tag
 *   "only one YAML document is allowed per file"           at the second document
 *   "the file has no YAML document (it is empty or only comments)"  at 1:1
 *   "nesting is deeper than 64 levels"                     at the 65th open collection
 *   "more than 10000000 values in one file"                at the first node too many
 *   "a mapping key must be a scalar, not a sequence"       (or "a mapping") at the key
 *   libyaml's syntax errors: its problem, then "(while CONTEXT at line L, column C)" when
 *   it gives a context, at its problem mark; the common ones (text with ': ', tabs, '@' or
 *   '`' or '%' first, misaligned keys or list items, an unclosed quote) get a note after the
 *   error saying what to do (diag_note: it does not count as an error).
 * Duplicate keys do not stop reading; each is reported at the later key as
 * "duplicate key 'type' (first at line 4)".
 * Time and memory are linear in len.
 */
struct ynode *yamlio_parse(struct arena *a, struct diag *d, const char *file,
                           const char *text, size_t len);

/* The same with another limit than YAMLIO_MAX_NODES on the number of nodes (for tests). */
struct ynode *yamlio_parse_capped(struct arena *a, struct diag *d, const char *file,
                                  const char *text, size_t len, size_t max_nodes);

/* The value for key in a mapping, or NULL. */
const struct ynode *yamlio_get(const struct ynode *map, const char *key);

/* A scalar in decimal syntax ([+-] digits [. digits] [e [+-] digits]; no hex, inf or nan)
 * whose value is finite: 0 with the value in *out, else -1. */
int yamlio_number(const struct ynode *n, double *out);

/* A plain scalar `null`, `~` or an empty plain scalar. */
bool yamlio_is_null(const struct ynode *n);

/* Tree construction, for writers. Strings are copied into a; a NULL string is "". */
struct ynode *yamlio_new_map(struct arena *a);
struct ynode *yamlio_new_seq(struct arena *a);
struct ynode *yamlio_new_scalar(struct arena *a, const char *s, enum yscalar_style style);
/* A plain scalar written as given (is_verbatim): for numbers, true/false and null. */
struct ynode *yamlio_new_plain(struct arena *a, const char *s);
/* Appends (value) to a sequence or (key, value) to a mapping; key is ignored for sequences. */
void yamlio_append(struct arena *a, struct ynode *parent, const char *key, struct ynode *value);

/*
 * Writes root as one YAML document to out, block style, UTF-8 (not escaped), keys in the
 * order added, no line folding. Scalars given as YSTYLE_PLAIN without is_verbatim are
 * double-quoted where YAML would read them as something else (empty, null, ~, true/false,
 * yes/no/on/off/y/n in any case, anything starting like a number), written as literal blocks
 * when they span lines, and quoted by libyaml where plain is not possible (leading or
 * trailing spaces, ": ", " #", indicators). Other styles are kept where libyaml can.
 * Returns 0, or -1 when writing failed, a string is not valid UTF-8, or the tree is deeper
 * than YAMLIO_MAX_DEPTH (output may then be partial).
 */
int yamlio_emit(const struct ynode *root, FILE *out);

#endif
