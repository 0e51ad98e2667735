/*
 * store_int.h - what the store's own files share to build the trees they write: a record
 * (store_save.c), the state of a check in progress (store_state.c) and a record made from the
 * JSON result (store_json.c). Trees are yamlio's; none of this leaves the store.
 */
#ifndef BACKCHECK_STORE_INT_H
#define BACKCHECK_STORE_INT_H

#include <stddef.h>

#include "value.h"

struct arena;
struct diag;
struct engine;
struct engine_result;
struct questionnaire;
struct ynode;

/* The JSON result of a decided run (render_json_build()) as a tree in a, keys in their
 * order, or NULL when it cannot be made. Strings are plain scalars the emitter quotes where
 * needed; numbers, true, false and null are written as they are. (store_json.c) */
struct ynode *store_result_tree(struct arena *a, struct engine *e,
                                const struct engine_result *r);

/* An answer as an answers file writes it, and the run's answers (null for a skipped item,
 * in questionnaire order, notes left out): the JSON result's own (render_json_answer()), so
 * that a record, a saved check and their audit trails write answers one way. (store_json.c) */
struct ynode *store_answer_tree(struct arena *a, const struct questionnaire *q, size_t item,
                                struct value v);
struct ynode *store_answers_tree(struct arena *a, const struct engine *e);

/* The audit trail: prior's entries (from a resumed interview; borrowed, may be NULL), then
 * the run's changes from index skip on: {item, from, to, at}. */
struct ynode *store_audit_tree(struct arena *a, const struct engine *e,
                               const struct ynode *prior, size_t skip);

/* Checks that answers (a record's or a state's 'answers'; NULL is fine) is a mapping whose
 * every value is a single value or a list of single values. Returns 0, or -1 with the first
 * misfit reported to d at its position. (store_record.c) */
int store_check_answers(struct diag *d, const struct ynode *answers);

/* The single value at key of map (a record's or a state's), or NULL when map is not a
 * mapping or the key is absent or not a single value. (store_record.c) */
const char *store_text_at(const struct ynode *map, const char *key);

/* A tree as YAML text; *buf is malloc'ed (caller frees). Returns 0, or -1. */
int store_tree_text(const struct ynode *root, char **buf, size_t *len);

#endif
