/*
 * store_save.c - the one writer of records: a decided run as a record's YAML text (the JSON
 * result's fields, from render_json_build(), plus score_details, the audit trail and the
 * patient line), and the audit trail the state of a check in progress shares. Answers, in
 * `answers` and in the audit trail alike, are the JSON result's (render_json_answer(), through
 * store_json.c), written as an answers file writes them: a record's `answers` is itself a
 * valid answers file.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "engine.h"
#include "model.h"
#include "store.h"
#include "store_int.h"
#include "yamlio.h"
#include "xalloc.h"

static struct ynode *num_node(struct arena *a, double x)
{
	char buf[40];
	if (!isfinite(x))
		x = 0;
	engine_format_number(x, buf, sizeof buf);
	return yamlio_new_plain(a, buf);
}

void store_time_text(time_t t, char *buf, size_t sz)
{
	struct tm tm;
	if (gmtime_r(&t, &tm) == NULL || strftime(buf, sz, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, sz, "1970-01-01T00:00:00Z");
}

static struct ynode *time_node(struct arena *a, time_t t)
{
	char buf[40];
	store_time_text(t, buf, sizeof buf);
	return yamlio_new_scalar(a, buf, YSTYLE_PLAIN);
}

/* Appends the run's audit entries from index skip on to seq (copied trees of earlier runs
 * come first, put there by the caller). */
static void audit_append(struct arena *a, struct ynode *seq, const struct engine *e, size_t skip)
{
	const struct questionnaire *q = engine_questionnaire(e);
	size_t n;
	const struct engine_audit *au = engine_audit(e, &n);
	for (size_t i = skip; i < n; i++) {
		if (q->items[au[i].item].type == ITEM_NOTE)
			continue;
		struct ynode *m = yamlio_new_map(a);
		yamlio_append(a, m, "item", yamlio_new_scalar(a, q->items[au[i].item].id, YSTYLE_PLAIN));
		yamlio_append(a, m, "from", store_answer_tree(a, q, au[i].item, au[i].from));
		yamlio_append(a, m, "to", store_answer_tree(a, q, au[i].item, au[i].to));
		yamlio_append(a, m, "at", time_node(a, au[i].at));
		yamlio_append(a, seq, NULL, m);
	}
}

struct ynode *store_audit_tree(struct arena *a, const struct engine *e,
                               const struct ynode *prior, size_t skip)
{
	struct ynode *seq = yamlio_new_seq(a);
	for (size_t i = 0; prior != NULL && prior->kind == YNODE_SEQ && i < prior->n; i++)
		yamlio_append(a, seq, NULL, (struct ynode *)(uintptr_t)prior->items[i]);
	audit_append(a, seq, e, skip);
	return seq;
}

static struct ynode *details_tree(struct arena *a, const struct engine *e)
{
	static const char *const higher[] = {
		[HIGHER_IS_NEUTRAL] = "neutral",
		[HIGHER_IS_WORSE] = "worse",
		[HIGHER_IS_BETTER] = "better",
	};
	const struct questionnaire *q = engine_questionnaire(e);
	struct ynode *m = yamlio_new_map(a);
	for (size_t i = 0; i < q->nderived; i++) {
		const struct derived *dv = &q->derived[i];
		if (!dv->is_score)
			continue;
		struct ynode *det = yamlio_new_map(a), *range = yamlio_new_seq(a);
		const char *title = model_text(q, &dv->title, engine_lang(e));
		yamlio_append(a, det, "title", yamlio_new_scalar(a, title, YSTYLE_PLAIN));
		yamlio_append(a, range, NULL, num_node(a, dv->min));
		yamlio_append(a, range, NULL, num_node(a, dv->max));
		yamlio_append(a, det, "range", range);
		yamlio_append(a, det, "higher_is", yamlio_new_plain(a, higher[dv->higher_is]));
		yamlio_append(a, m, dv->id, det);
	}
	return m;
}

/* Replaces the value of key in map (which must have it) or appends it. */
static void put(struct arena *a, struct ynode *map, const char *key, struct ynode *value)
{
	for (size_t i = 0; i < map->n; i++)
		if (strcmp(map->keys[i]->str, key) == 0) {
			map->items[i] = value;
			return;
		}
	yamlio_append(a, map, key, value);
}

/* The record of a decided run: the JSON result's fields with the record's format_version,
 * score_details and audit. NULL if the result cannot be converted. */
static struct ynode *record_tree(struct arena *a, struct engine *e, const struct engine_result *r,
                                 const struct ynode *prior_audit, size_t skip)
{
	struct ynode *root = store_result_tree(a, e, r);
	if (root == NULL || root->kind != YNODE_MAP)
		return NULL;
	char v[16];
	snprintf(v, sizeof v, "%d", STORE_FORMAT_VERSION);
	put(a, root, "format_version", yamlio_new_plain(a, v));
	put(a, root, "score_details", details_tree(a, e));
	put(a, root, "audit", store_audit_tree(a, e, prior_audit, skip));
	return root;
}

int store_tree_text(const struct ynode *root, char **buf, size_t *len)
{
	*buf = NULL;
	*len = 0;
	FILE *f = open_memstream(buf, len);
	if (f == NULL)
		xalloc_die();
	int rc = yamlio_emit(root, f);
	if (fclose(f) != 0)
		rc = -1;
	if (rc != 0) {
		free(*buf);
		*buf = NULL;
	}
	return rc;
}

int store_record_text(struct engine *e, const struct engine_result *r,
                      const struct store_state *prior, size_t skip, const char *subject,
                      const char *patient, char **buf, size_t *len)
{
	*buf = NULL;
	*len = 0;
	struct arena *a = arena_new();
	struct ynode *root = record_tree(a, e, r, prior != NULL ? prior->audit : NULL, skip);
	if (root != NULL && subject != NULL)
		yamlio_append(a, root, "subject", yamlio_new_scalar(a, subject, YSTYLE_PLAIN));
	if (root != NULL && patient != NULL)
		yamlio_append(a, root, "patient", yamlio_new_scalar(a, patient, YSTYLE_PLAIN));
	int rc = root != NULL ? store_tree_text(root, buf, len) : -1;
	arena_free(a);
	return rc;
}

int store_save_result(const char *data_dir, struct engine *e, const struct engine_result *r,
                      const char *subject, const char *patient, char *id, struct diag *d)
{
	struct store_dirs dirs;
	if (store_dirs_resolve(&dirs, data_dir, d) != 0)
		return -1;
	char *text = NULL;
	size_t len = 0;
	int rc = -1;
	if (store_record_text(e, r, NULL, 0, subject, patient, &text, &len) != 0)
		diag_error(d, (struct srcpos){ dirs.records, 0, 0 }, "cannot put the result into a record");
	else if (store_mkdirs(dirs.records, d) == 0)
		rc = store_save_new(dirs.records, r->generated_at, text, len, id, d);
	free(text);
	store_dirs_free(&dirs);
	return rc;
}
