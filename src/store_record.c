/*
 * store_record.c - reads record files of every format_version into struct store_record.
 *
 * Reading never changes a file. A file that is not a record of ours (bad YAML, a missing or
 * mistyped field, a newer format) is refused with a positioned reason; store_records_load()
 * turns that into a warning naming the file and goes on with the others.
 *
 * Format 1 (written now): the JSON result's fields plus format_version, score_details and
 * audit. Format 0 (the first layout, still read): flat questionnaire/outcome ids, a
 * questionnaire_sha256 key, `date` for the time and scores as a list of {id, value}.
 */
#include "store.h"
#include "store_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "arena.h"
#include "ctrl.h"
#include "diag.h"
#include "i18n.h"
#include "qpath.h"
#include "yamlio.h"

/* Where a node is, or the whole file when the node is missing. */
static struct srcpos at(const char *file, const struct ynode *n)
{
	if (n == NULL)
		return (struct srcpos){ file, 0, 0 };
	return n->pos;
}

static const struct ynode *need(struct diag *d, const char *file, const struct ynode *map,
                                const char *key, enum ynode_kind kind)
{
	static const char *const kind_names[] = {
		[YNODE_SCALAR] = N_("a single value"),
		[YNODE_SEQ] = N_("a list"),
		[YNODE_MAP] = N_("a mapping"),
	};
	const struct ynode *n = yamlio_get(map, key);
	if (n == NULL) {
		diag_error(d, at(file, map), "missing '%s'", key);
		return NULL;
	}
	if (n->kind != kind) {
		diag_error(d, n->pos, "'%s' should be %s", key, _(kind_names[kind]));
		return NULL;
	}
	return n;
}

static const char *need_str(struct diag *d, const char *file, const struct ynode *map,
                            const char *key)
{
	const struct ynode *n = need(d, file, map, key, YNODE_SCALAR);
	return n != NULL ? n->str : NULL;
}

/* A plain scalar that is a finite number in decimal syntax (as the store writes numbers:
 * no 0x10, inf or nan); reports at the node (the file when it is missing). */
static int number(struct diag *d, const char *file, const struct ynode *n, const char *what,
                  double *out)
{
	if (n != NULL && n->style == YSTYLE_PLAIN && yamlio_number(n, out) == 0)
		return 0;
	diag_error(d, at(file, n), "%s should be a number", what);
	return -1;
}

/* Severities and format versions: whole numbers of at most this size. */
#define WHOLE_MAX 1e9

static int whole(struct diag *d, const char *file, const struct ynode *n, const char *what,
                 long *out)
{
	double v;
	if (n != NULL && n->style == YSTYLE_PLAIN && yamlio_number(n, &v) == 0 && v == floor(v) &&
	    fabs(v) <= WHOLE_MAX) {
		*out = (long)v;
		return 0;
	}
	diag_error(d, at(file, n), "%s should be a whole number", what);
	return -1;
}

/* Whether s starts like an RFC 3339 time: "YYYY-MM-DD". */
static bool is_date(const char *s)
{
	for (int i = 0; i < 10; i++) {
		bool is_dash = i == 4 || i == 7;
		if (s[i] == '\0' || (is_dash ? s[i] != '-' : (s[i] < '0' || s[i] > '9')))
			return false;
	}
	return true;
}

static int check_date(struct diag *d, const char *file, const struct ynode *map,
                      const char *key, const char **out)
{
	const struct ynode *n = need(d, file, map, key, YNODE_SCALAR);
	if (n == NULL)
		return -1;
	if (!is_date(n->str)) {
		diag_error(d, n->pos, "'%s' should be a time such as 2026-11-28T09:15:30+00:00", key);
		return -1;
	}
	*out = n->str;
	return 0;
}

/* --- Scores --------------------------------------------------------------------------------- */

/* A score's range: two numbers, the lower first; reports at the range otherwise. */
static int score_range(struct diag *d, struct store_score *s, const struct ynode *range)
{
	double lo, hi;
	if (range->kind == YNODE_SEQ && range->n == 2 && range->items[0]->style == YSTYLE_PLAIN &&
	    range->items[1]->style == YSTYLE_PLAIN && yamlio_number(range->items[0], &lo) == 0 &&
	    yamlio_number(range->items[1], &hi) == 0 && lo < hi) {
		s->min = lo;
		s->max = hi;
		return 0;
	}
	diag_error(d, range->pos, "the range of %s should be two numbers, the lower first", s->id);
	return -1;
}

static int score_details(struct diag *d, struct store_score *s, const struct ynode *details)
{
	const struct ynode *det = yamlio_get(details, s->id);
	const struct ynode *title = yamlio_get(det, "title");
	const struct ynode *range = yamlio_get(det, "range");
	const struct ynode *hi = yamlio_get(det, "higher_is");
	s->title = s->id;
	if (title != NULL && title->kind == YNODE_SCALAR)
		s->title = title->str;
	if (range != NULL && score_range(d, s, range) != 0)
		return -1;
	if (hi != NULL && hi->kind == YNODE_SCALAR)
		s->higher_is = strcmp(hi->str, "worse") == 0    ? STORE_HIGHER_WORSE
		               : strcmp(hi->str, "better") == 0 ? STORE_HIGHER_BETTER
		                                                : STORE_HIGHER_NEUTRAL;
	return 0;
}

/* Format 1: scores is a mapping id -> number, details from score_details. */
static int scores_v1(struct arena *a, struct diag *d, const char *file,
                     const struct ynode *root, struct store_record *r)
{
	const struct ynode *sc = need(d, file, root, "scores", YNODE_MAP);
	if (sc == NULL)
		return -1;
	const struct ynode *details = yamlio_get(root, "score_details");
	r->scores = arena_calloc(a, sc->n ? sc->n : 1, sizeof *r->scores);
	r->nscores = sc->n;
	for (size_t i = 0; i < sc->n; i++) {
		struct store_score *s = &r->scores[i];
		s->id = sc->keys[i]->str;
		if (number(d, file, sc->items[i], s->id, &s->value) != 0 ||
		    score_details(d, s, details) != 0)
			return -1;
	}
	return 0;
}

/* Format 0: scores is a list of {id, value}. */
static int scores_v0(struct arena *a, struct diag *d, const char *file,
                     const struct ynode *root, struct store_record *r)
{
	const struct ynode *sc = need(d, file, root, "scores", YNODE_SEQ);
	if (sc == NULL)
		return -1;
	r->scores = arena_calloc(a, sc->n ? sc->n : 1, sizeof *r->scores);
	r->nscores = sc->n;
	for (size_t i = 0; i < sc->n; i++) {
		struct store_score *s = &r->scores[i];
		const struct ynode *item = sc->items[i];
		if (item->kind != YNODE_MAP) {
			diag_error(d, item->pos, "each score should be a mapping with id and value");
			return -1;
		}
		s->id = need_str(d, file, item, "id");
		const struct ynode *v = need(d, file, item, "value", YNODE_SCALAR);
		if (s->id == NULL || v == NULL || number(d, file, v, s->id, &s->value) != 0)
			return -1;
		s->title = s->id;
	}
	return 0;
}

/* --- Whole records ------------------------------------------------------------------------ */

static int parse_v1(struct arena *a, struct diag *d, const char *file,
                    const struct ynode *root, struct store_record *r)
{
	const struct ynode *q = need(d, file, root, "questionnaire", YNODE_MAP);
	const struct ynode *o = need(d, file, root, "outcome", YNODE_MAP);
	if (q == NULL || o == NULL || check_date(d, file, root, "generated_at", &r->generated_at))
		return -1;
	r->questionnaire_id = need_str(d, file, q, "id");
	r->questionnaire_version = need_str(d, file, q, "version");
	r->questionnaire_sha256 = need_str(d, file, q, "sha256");
	r->outcome_id = need_str(d, file, o, "id");
	r->outcome_title = need_str(d, file, o, "title");
	const struct ynode *sev = need(d, file, o, "severity", YNODE_SCALAR);
	if (!r->questionnaire_id || !r->questionnaire_version || !r->questionnaire_sha256 ||
	    !r->outcome_id || !r->outcome_title || !sev ||
	    whole(d, file, sev, "severity", &r->severity))
		return -1;
	return scores_v1(a, d, file, root, r);
}

static int parse_v0(struct arena *a, struct diag *d, const char *file,
                    const struct ynode *root, struct store_record *r)
{
	if (check_date(d, file, root, "date", &r->generated_at) != 0)
		return -1;
	r->questionnaire_id = need_str(d, file, root, "questionnaire");
	r->questionnaire_sha256 = need_str(d, file, root, "questionnaire_sha256");
	r->outcome_id = need_str(d, file, root, "outcome");
	if (!r->questionnaire_id || !r->questionnaire_sha256 || !r->outcome_id)
		return -1;
	r->outcome_title = r->outcome_id;
	return scores_v0(a, d, file, root, r);
}

/* A record's questionnaire id is only ever looked up as an id, never opened as a path. */
static int check_questionnaire_id(struct diag *d, const char *file, const struct ynode *root,
                                  const char *id)
{
	if (qpath_is_id(id))
		return 0;
	const struct ynode *q = yamlio_get(root, "questionnaire");
	diag_error(d, at(file, q->kind == YNODE_MAP ? yamlio_get(q, "id") : q),
	           "'%s' is not a questionnaire id (they hold only letters, digits, '-' and '_')", id);
	return -1;
}

/* 'answers', when given, maps item ids to a single value or a list of single values. */
int store_check_answers(struct diag *d, const struct ynode *ans)
{
	if (ans == NULL)
		return 0;
	if (ans->kind != YNODE_MAP) {
		diag_error(d, ans->pos, "'answers' should be a mapping");
		return -1;
	}
	for (size_t i = 0; i < ans->n; i++) {
		const struct ynode *v = ans->items[i];
		for (size_t k = 0; v->kind == YNODE_SEQ && k < v->n; k++)
			if (v->items[k]->kind != YNODE_SCALAR) {
				diag_error(d, v->items[k]->pos, "the answer to '%s' should be a list of "
				           "single values, not of lists or mappings", ans->keys[i]->str);
				return -1;
			}
		if (v->kind == YNODE_MAP) {
			diag_error(d, v->pos, "the answer to '%s' should be a single value or a list, "
			           "not a mapping", ans->keys[i]->str);
			return -1;
		}
	}
	return 0;
}

/* The record's format_version, or -1 with the reason. */
static int version_of(struct diag *d, const char *file, const struct ynode *root)
{
	if (root->kind != YNODE_MAP) {
		diag_error(d, root->pos, "not a backcheck record (it is not a mapping)");
		return -1;
	}
	const struct ynode *v = yamlio_get(root, "format_version");
	if (v == NULL) {
		diag_error(d, at(file, NULL), "not a backcheck record (no format_version)");
		return -1;
	}
	double n;
	if (number(d, file, v, "format_version", &n) != 0)
		return -1;
	if (n > STORE_FORMAT_VERSION && n == floor(n)) {
		diag_error(d, v->pos, "format_version %s is newer than this backcheck reads (%d); "
		           "update backcheck to read it", v->str, STORE_FORMAT_VERSION);
		return -1;
	}
	if (n != floor(n) || n < 0) {
		diag_error(d, v->pos, "format_version %s is not a record format (they are whole "
		           "numbers from 0 to %d)", v->str, STORE_FORMAT_VERSION);
		return -1;
	}
	return (int)n;
}

/* --- What show and the clinician's outputs read ---------------------------------------------- */

const char *store_text_at(const struct ynode *map, const char *key)
{
	const struct ynode *n = yamlio_get(map, key);
	return n != NULL && n->kind == YNODE_SCALAR ? n->str : NULL;
}

/* The same, NULL for an empty text too. */
static const char *shown_text(const struct ynode *map, const char *key)
{
	const char *s = store_text_at(map, key);
	return s != NULL && *s != '\0' ? s : NULL;
}

/* The entries of the list key that have a text: {text, decisive}. */
static struct store_lines lines_of(struct arena *a, const struct ynode *root, const char *key)
{
	const struct ynode *list = yamlio_get(root, key);
	struct store_lines out = { NULL, 0 };
	if (list == NULL || list->kind != YNODE_SEQ)
		return out;
	struct store_line *v = arena_calloc(a, list->n ? list->n : 1, sizeof *v);
	for (size_t i = 0; i < list->n; i++) {
		const char *text = store_text_at(list->items[i], "text");
		const char *dec = store_text_at(list->items[i], "decisive");
		if (text != NULL)
			v[out.n++] = (struct store_line){ text, dec != NULL && strcmp(dec, "true") == 0 };
	}
	out.v = v;
	return out;
}

/* The audit trail's items whose answer went from one answer to another (not from or to
 * "not answered"). */
static void revised_of(struct arena *a, const struct ynode *root, struct store_record *r)
{
	const struct ynode *audit = yamlio_get(root, "audit");
	if (audit == NULL || audit->kind != YNODE_SEQ)
		return;
	const char **ids = arena_calloc(a, audit->n ? audit->n : 1, sizeof *ids);
	for (size_t k = 0; k < audit->n; k++) {
		const char *item = store_text_at(audit->items[k], "item");
		const struct ynode *from = yamlio_get(audit->items[k], "from");
		const struct ynode *to = yamlio_get(audit->items[k], "to");
		if (item != NULL && from != NULL && to != NULL && !yamlio_is_null(from) &&
		    !yamlio_is_null(to))
			ids[r->nrevised++] = item;
	}
	r->revised = ids;
}

/* The patient line: a single value that is not null. */
static const char *person_at(const struct ynode *root, const char *key)
{
	const struct ynode *n = yamlio_get(root, key);
	return n != NULL && n->kind == YNODE_SCALAR && !yamlio_is_null(n) ? n->str : NULL;
}

static void shown_of(struct arena *a, const struct ynode *root, struct store_record *r)
{
	r->outcome_summary = shown_text(yamlio_get(root, "outcome"), "summary");
	r->safety_net = shown_text(root, "safety_net");
	r->disclaimer = shown_text(root, "disclaimer");
	r->reasons = lines_of(a, root, "reasons");
	r->advice = lines_of(a, root, "advice");
	r->changes = lines_of(a, root, "what_would_change");
	r->subject = person_at(root, "subject");
	r->patient = person_at(root, "patient");
	revised_of(a, root, r);
}

/* A record is foreign text: every scalar (keys too) gets its control characters escaped
 * (ctrl.h) before history, show, compare or export can print it. The file is unchanged. */
static void escape_tree(struct arena *a, struct ynode *n)
{
	if (n->kind == YNODE_SCALAR) {
		const char *s = ctrl_escape(a, n->str, true);
		if (s != n->str) {
			n->str = s;
			n->len = strlen(s);
			n->is_exact = false;
			n->cols = NULL;
		}
		return;
	}
	for (size_t i = 0; i < n->n; i++) {
		if (n->kind == YNODE_MAP)
			escape_tree(a, n->keys[i]);
		escape_tree(a, n->items[i]);
	}
}

int store_record_parse(struct arena *a, struct diag *d, const char *file, const char *id,
                       const char *text, size_t len, struct store_record *out)
{
	memset(out, 0, sizeof *out);
	out->id = arena_strdup(a, id);
	out->file = file;
	struct ynode *root = yamlio_parse(a, d, file, text, len);
	if (root == NULL)
		return -1;
	escape_tree(a, root);
	int v = version_of(d, file, root);
	if (v < 0)
		return -1;
	out->format_version = v;
	struct store_tree *doc = arena_alloc(a, sizeof *doc);
	doc->node = root;
	out->doc = doc;
	int rc = v == 0 ? parse_v0(a, d, file, root, out) : parse_v1(a, d, file, root, out);
	if (rc == 0)
		rc = check_questionnaire_id(d, file, root, out->questionnaire_id);
	const struct ynode *ans = yamlio_get(root, "answers");
	if (rc == 0)
		rc = store_check_answers(d, ans);
	struct answers_list *list = arena_alloc(a, sizeof *list);
	if (answers_read(a, ans, list) == 0)
		out->answers = list;
	shown_of(a, root, out);
	return rc;
}

/* Reads one record; on failure reports the first reason as a warning and returns -1. */
static int load_one(struct arena *a, const char *dir, const char *id, struct store_record *r,
                    struct diag *d)
{
	char name[STORE_ID_MAX + 8];
	snprintf(name, sizeof name, "%s.yaml", id);
	char *path = store_path(dir, name);
	const char *file = arena_strdup(a, path);
	free(path);
	struct diag *mine = diag_new();
	char *text = NULL;
	size_t len = 0;
	bool is_missing;
	int rc = store_read(dir, name, STORE_MAX_RECORD_SIZE, &text, &len, &is_missing, mine);
	if (rc == 0 && len == 0) {
		diag_error(mine, (struct srcpos){ file, 0, 0 }, "the file is empty");
		rc = -1;
	}
	if (rc == 0)
		rc = store_record_parse(a, mine, file, id, text, len, r);
	if (rc != 0 && !is_missing && diag_count(mine) > 0) {
		const struct diag_entry *e = diag_get(mine, 0);
		diag_warning(d, (struct srcpos){ file, e->line, e->col },
		             "%s; this record is skipped and left as it is", e->message);
	}
	free(text);
	diag_free(mine);
	return rc;
}

int store_records_load(struct arena *a, const char *dir, struct store_record **out, size_t *n,
                       struct diag *d)
{
	struct store_ids ids;
	*out = NULL;
	*n = 0;
	if (store_list(dir, &ids, d) != 0)
		return -1;
	*out = arena_calloc(a, ids.n ? ids.n : 1, sizeof **out);
	for (size_t i = 0; i < ids.n; i++)
		if (load_one(a, dir, ids.ids[i], &(*out)[*n], d) == 0)
			(*n)++;
	store_ids_free(&ids);
	return 0;
}

const struct store_score *store_record_score(const struct store_record *r, const char *id)
{
	for (size_t i = 0; i < r->nscores; i++)
		if (strcmp(r->scores[i].id, id) == 0)
			return &r->scores[i];
	return NULL;
}
