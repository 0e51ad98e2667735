/*
 * jsonw_int.h - what the JSON writers of backcheck share: strings that never fail, numbers
 * as people write them, printing a finished tree, and the result as a tree. Private to the
 * files that include <jansson.h> (render_json.c, render_fhir.c, store_json.c); no jansson
 * type goes further. jsonw_print() takes the reference of the tree it is given.
 */
#ifndef BACKCHECK_JSONW_INT_H
#define BACKCHECK_JSONW_INT_H

#include <jansson.h>
#include <stdio.h>

#include "value.h"

/* Pretty output: two-space indent, reals to 15 digits (0.1, not 0.10000000000000001). */
#define JSONW_PRETTY (JSON_INDENT(2) | JSON_REAL_PRECISION(15))
/* One line, as JSON Lines wants. */
#define JSONW_LINE (JSON_COMPACT | JSON_REAL_PRECISION(15))

/* s as a JSON string; NULL is "", and each byte that is not part of a valid UTF-8 character
 * becomes '?' (the valid characters around it are kept). Never NULL. */
json_t *jsonw_str(const char *s);

/* x as a JSON number: whole numbers as integers (6, not 6.0), others as reals, and a value
 * that is not finite as 0. */
json_t *jsonw_num(double x);

/* Writes j with flags and a final newline, and drops j. Returns 0, or -1 when j is NULL (the
 * tree could not be made) or out has failed; not flushed (batch writes a line per file). */
int jsonw_print(FILE *out, json_t *j, size_t flags);

struct engine;
struct engine_result;
struct questionnaire;

/* An answer to item as an answers file writes it (docs/answers-format.md): null, true or
 * false, a number, a text, a choice's id, a list of ids in the order of the choices. The
 * one encoder of answers for machines: the result's JSON, and through it every record, saved
 * check and audit trail (store_json.c makes their YAML from it). (render_json.c) */
json_t *render_json_answer(const struct questionnaire *q, size_t item, struct value v);

/* The items of e that were asked: answered (the answer) or skipped (null), in questionnaire
 * order, notes left out. (render_json.c) */
json_t *render_json_answers(const struct engine *e);

/* The JSON result of a decided run as a tree (render_json.c; docs/output-json.md), for the
 * renderers and the store's record. The caller owns the reference. */
json_t *render_json_build(struct engine *e, const struct engine_result *r);

#endif
