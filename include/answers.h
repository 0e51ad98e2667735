/*
 * answers.h - reading answers (docs/answers-format.md) into a run: an answers file, a
 * record's answers, a saved check's.
 *
 * An answers file is a YAML mapping of item id to answer. It is applied in asking order,
 * exactly as an interview would: an answer to an item that is not asked with the other
 * answers, or that comes after a stop rule matched, is ignored with a warning; a required
 * item that is asked but has no answer is an error. Every error names the item and its
 * position: "FILE:LINE:COL: error: pain_now: 11 is above the maximum of 10".
 *
 * Answers as read are a struct answers_list: every reader of saved answers (resume, re-check,
 * history, show, compare, export, the clinician's outputs) takes this one form, filled from
 * the file's YAML by answers_read(); the converters here turn it into the engine's values.
 */
#ifndef BACKCHECK_ANSWERS_H
#define BACKCHECK_ANSWERS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct arena;
struct engine;
struct value;
struct ynode;

/* Files larger than this are refused before parsing. */
#define ANSWERS_MAX_FILE_SIZE ((size_t)1024 * 1024)

enum answers_shape {
	/* A single value: a text, a number, true, false or null. */
	ANSWERS_ONE,
	/* A list (of single values, for multiple choice). */
	ANSWERS_LIST,
	/* A mapping: never an answer; kept so that the converter can say what it found. */
	ANSWERS_MAPPING,
};

/* One answer as written. Strings point into the tree it was read from. */
struct answers_value {
	enum answers_shape shape;
	/* Where it is written (for a list, its [ or first -). */
	struct srcpos pos;
	/* ANSWERS_ONE: the text (NUL-terminated; len bytes, which may hold a NUL) and whether it
	 * was quoted. Quoted text is text; a plain word is null when it is null, ~ or nothing,
	 * and reads as true, false or a number when it is one (the converters decide). */
	const char *text;
	size_t len;
	bool is_quoted;
	/* ANSWERS_LIST: its values. */
	const struct answers_value *items;
	size_t n;
};

/* An item's id as written, where the id is, and its answer. */
struct answers_entry {
	const char *id;
	struct srcpos pos;
	struct answers_value value;
};

/* The answers of a file, in the order written. */
struct answers_list {
	const struct answers_entry *v;
	size_t n;
	/* Where the mapping is. */
	struct srcpos pos;
};

/*
 * Reads map, a YAML mapping of item ids to answers (an answers file, a record's or a saved
 * check's 'answers'), into *out, in a; strings point into map's tree, which must outlive out.
 * Returns 0, or -1 when map is not a mapping (nothing is reported).
 */
int answers_read(struct arena *a, const struct ynode *map, struct answers_list *out);

/* The answer to id in l, or NULL (l may be NULL). */
const struct answers_value *answers_get(const struct answers_list *l, const char *id);

/* Whether v says "not answered": NULL, or a plain null, ~ or empty value. */
bool answers_is_null(const struct answers_value *v);

/*
 * Reads the answers file at path and applies it to e (a new run). Returns 0, or -1 when the
 * file has errors (all reported to d; e then holds the answers that were valid). Warnings go
 * to d and to the run (engine_warn), so that they appear in the result. Sets *is_unreadable
 * (when not NULL) if the file could not be opened or read at all.
 */
int answers_load_file(struct engine *e, const char *path, struct diag *d, int *is_unreadable);

/* The same for text in memory; name is used in diagnostics and must outlive d's use of it. */
int answers_load_string(struct engine *e, const char *name, const char *text, size_t len,
                        struct diag *d);

/* The same for answers already read (a record's): diagnostics point into the file they were
 * read from. */
int answers_apply(struct engine *e, const struct answers_list *l, struct diag *d);

/*
 * Converts one answer v, written as an answers file writes it (a saved check in progress,
 * a record's answer), for item into *out, checked as an answers file's answer is: the same
 * converter per item type, no length limit but the item's own. Strings in *out point into v.
 * Returns 0, or -1 with the reason reported to d at v's position.
 */
int answers_convert(struct engine *e, size_t item, const struct answers_value *v,
                    struct value *out, struct diag *d);

#endif
