/*
 * store_json.c - records as JSON, for `history --format json`, `show --format json` and
 * `export`. The only store file that includes <jansson.h>; no jansson type leaves it.
 *
 * A record's YAML scalars become JSON by how they were written: a quoted scalar is a string;
 * a plain one is null, true, false or a number when it reads as one, else a string. The
 * store's writer quotes every string that would read otherwise, so this is exact for
 * records backcheck wrote.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw_int.h"
#include "store.h"
#include "store_int.h"
#include "yamlio.h"

static json_t *scalar(const struct ynode *n)
{
	if (n->style != YSTYLE_PLAIN)
		return json_stringn(n->str, n->len);
	if (yamlio_is_null(n))
		return json_null();
	if (strcmp(n->str, "true") == 0 || strcmp(n->str, "false") == 0)
		return json_boolean(n->str[0] == 't');
	char *end = NULL;
	double x = strtod(n->str, &end);
	if (n->len > 0 && *end == '\0' && isfinite(x))
		return jsonw_num(x);
	return json_stringn(n->str, n->len);
}

/* The tree as JSON, or NULL when a string is not valid UTF-8. Caller owns the reference. */
static json_t *tree(const struct ynode *n)
{
	if (n->kind == YNODE_SCALAR)
		return scalar(n);
	json_t *j = n->kind == YNODE_SEQ ? json_array() : json_object();
	for (size_t i = 0; j != NULL && i < n->n; i++) {
		json_t *v = tree(n->items[i]);
		int rc = v == NULL ? -1
		         : n->kind == YNODE_SEQ ? json_array_append_new(j, v)
		                                 : json_object_set_new(j, n->keys[i]->str, v);
		if (rc != 0) {
			json_decref(j);
			j = NULL;
		}
	}
	return j;
}

/* The history summary of one record: id, generated_at, questionnaire, outcome, scores. */
static json_t *summary(const struct store_record *r)
{
	json_t *scores = json_object();
	for (size_t i = 0; i < r->nscores; i++)
		json_object_set_new(scores, r->scores[i].id, jsonw_num(r->scores[i].value));
	json_t *q = json_pack("{s:s, s:s?, s:s}", "id", r->questionnaire_id, "version",
	                      r->questionnaire_version, "sha256", r->questionnaire_sha256);
	json_t *o = json_pack("{s:s, s:s, s:I}", "id", r->outcome_id, "title", r->outcome_title,
	                      "severity", (json_int_t)r->severity);
	return json_pack("{s:s, s:i, s:s, s:o, s:o, s:o}", "id", r->id, "format_version",
	                 r->format_version, "generated_at", r->generated_at, "questionnaire", q,
	                 "outcome", o, "scores", scores);
}

/* The records r[0..n) each made JSON by one, as an array; NULL when one cannot be made. */
static json_t *list_of(const struct store_record *r, size_t n,
                       json_t *(*one)(const struct store_record *))
{
	json_t *list = json_array();
	for (size_t i = 0; list != NULL && i < n; i++) {
		json_t *j = one(&r[i]);
		if (j == NULL || json_array_append_new(list, j) != 0) {
			json_decref(list);
			list = NULL;
		}
	}
	return list;
}

int store_json_history(const struct store_record *r, size_t n, FILE *out)
{
	json_t *list = list_of(r, n, summary);
	if (list == NULL)
		return -1;
	return jsonw_print(out, json_pack("{s:o}", "records", list), JSONW_PRETTY);
}

/* The whole record with its id first. */
static json_t *whole(const struct store_record *r)
{
	json_t *body = tree(r->root);
	if (body == NULL)
		return NULL;
	json_t *j = json_pack("{s:s}", "id", r->id);
	if (j == NULL || json_object_update(j, body) != 0) {
		json_decref(j);
		j = NULL;
	}
	json_decref(body);
	return j;
}

int store_json_record(const struct store_record *r, FILE *out)
{
	return jsonw_print(out, whole(r), JSONW_PRETTY);
}

int store_json_export(const struct store_record *r, size_t n, FILE *out)
{
	json_t *list = list_of(r, n, whole);
	if (list == NULL)
		return -1;
	json_t *doc = json_pack("{s:i, s:o}", "format_version", STORE_FORMAT_VERSION, "records",
	                        list);
	return jsonw_print(out, doc, JSONW_PRETTY);
}

/* --- The JSON result and answers as trees, for records and saved checks ---------------- */

static struct ynode *from_json(struct arena *a, json_t *j, int depth);

static struct ynode *from_number(struct arena *a, json_t *j)
{
	char buf[40];
	if (json_is_integer(j))
		snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(j));
	else
		snprintf(buf, sizeof buf, "%.15g", json_real_value(j));
	return yamlio_new_plain(a, buf);
}

static struct ynode *from_collection(struct arena *a, json_t *j, int depth)
{
	bool is_array = json_is_array(j);
	struct ynode *n = is_array ? yamlio_new_seq(a) : yamlio_new_map(a);
	void *it = is_array ? NULL : json_object_iter(j);
	for (size_t i = 0; is_array ? i < json_array_size(j) : it != NULL; i++) {
		json_t *v = is_array ? json_array_get(j, i) : json_object_iter_value(it);
		struct ynode *c = from_json(a, v, depth + 1);
		if (c == NULL)
			return NULL;
		yamlio_append(a, n, is_array ? NULL : json_object_iter_key(it), c);
		it = is_array ? NULL : json_object_iter_next(j, it);
	}
	return n;
}

static struct ynode *from_json(struct arena *a, json_t *j, int depth)
{
	if (depth >= YAMLIO_MAX_DEPTH)
		return NULL;
	switch (json_typeof(j)) {
	case JSON_OBJECT:
	case JSON_ARRAY:
		return from_collection(a, j, depth);
	case JSON_STRING:
		return yamlio_new_scalar(a, json_string_value(j), YSTYLE_PLAIN);
	case JSON_INTEGER:
	case JSON_REAL:
		return from_number(a, j);
	case JSON_TRUE:
		return yamlio_new_plain(a, "true");
	case JSON_FALSE:
		return yamlio_new_plain(a, "false");
	case JSON_NULL:
		return yamlio_new_plain(a, "null");
	}
	return NULL;
}

/* j as a tree in a (NULL when it cannot be made); drops j. */
static struct ynode *tree_of(struct arena *a, json_t *j)
{
	struct ynode *n = j != NULL ? from_json(a, j, 0) : NULL;
	json_decref(j);
	return n;
}

struct ynode *store_result_tree(struct arena *a, struct engine *e,
                                const struct engine_result *r)
{
	return tree_of(a, render_json_build(e, r));
}

struct ynode *store_answer_tree(struct arena *a, const struct questionnaire *q, size_t item,
                                struct value v)
{
	return tree_of(a, render_json_answer(q, item, v));
}

struct ynode *store_answers_tree(struct arena *a, const struct engine *e)
{
	return tree_of(a, render_json_answers(e));
}
