/*
 * yamlio.h - the YAML adapter: the only module that includes <yaml.h>.
 *
 * Reading turns a YAML document into a small tree of scalars, sequences and mappings, with
 * the 1-based position of every node, in an arena. It refuses what backcheck never needs and
 * what makes YAML dangerous: anchors and aliases, tags, a second document, an empty stream,
 * nesting deeper than YAMLIO_MAX_DEPTH, duplicate mapping keys, and input over the caller's
 * size cap. libyaml's own errors are reported with their position (computed from the byte
 * offset where libyaml gives 0:0).
 *
 * Writing emits such a tree as a YAML document (for records and answers files).
 */
#ifndef BACKCHECK_YAMLIO_H
#define BACKCHECK_YAMLIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "diag.h"

struct arena;

enum { YAMLIO_MAX_DEPTH = 64 };

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
	enum ynode_kind kind;
	/* The node's first character; for a quoted scalar the quote, for a block scalar the
	 * first character of its first text line. */
	struct srcpos pos;
	/* YNODE_SCALAR: the value (NUL-terminated, may contain NULs only if len says so). */
	const char *str;
	size_t len;
	enum yscalar_style style;
	/* True when byte k of str is at column pos.col + k (+1 past a quote) on pos.line: a
	 * plain or quoted scalar on one line without escapes. */
	bool is_exact;
	/* YNODE_SEQ: items[0..n). YNODE_MAP: keys[0..n) (scalars) and items[0..n) values. */
	struct ynode **keys;
	struct ynode **items;
	size_t n;
};

/*
 * Reads a whole file into memory (NUL-terminated), refusing files larger than max bytes.
 * Returns 0, or -1 with an error reported to d (at the file, line 0). On success *text is
 * malloc'ed: caller frees. *is_unreadable is set when the file could not be opened or read.
 */
int yamlio_read_file(const char *path, size_t max, char **text, size_t *len,
                     struct diag *d, int *is_unreadable);

/*
 * Parses exactly one YAML document from text. Returns the root node in arena a, or NULL with
 * every problem found reported to d (libyaml stops at its first syntax error). file names the
 * source in diagnostics and must outlive the tree.
 */
struct ynode *yamlio_parse(struct arena *a, struct diag *d, const char *file,
                           const char *text, size_t len);

/* The value for key in a mapping, or NULL. */
const struct ynode *yamlio_get(const struct ynode *map, const char *key);

/* A plain scalar `null`, `~` or an empty plain scalar. */
bool yamlio_is_null(const struct ynode *n);

/* Tree construction, for writers. Strings are copied into a. */
struct ynode *yamlio_new_map(struct arena *a);
struct ynode *yamlio_new_seq(struct arena *a);
struct ynode *yamlio_new_scalar(struct arena *a, const char *s, enum yscalar_style style);
/* Appends (value) to a sequence or (key, value) to a mapping; key is ignored for sequences. */
void yamlio_append(struct arena *a, struct ynode *parent, const char *key, struct ynode *value);

/*
 * Writes root as one YAML document to out, block style, keys in the order added. Scalars
 * given as YSTYLE_PLAIN are quoted where YAML would read them as something else.
 * Returns 0, or -1 when writing failed.
 */
int yamlio_emit(const struct ynode *root, FILE *out);

#endif
