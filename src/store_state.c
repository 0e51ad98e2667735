/*
 * store_state.c - checks in progress on disk: STATE/QID.yaml written after every answer,
 * read back for resuming, moved aside when it cannot be read, removed when the check ends.
 * Storage only: the controller (check.c) decides when, and tells the person.
 *
 * Invariant: STATE/QID.yaml is either absent or a complete state (atomic_write()), and
 * a file that cannot be read is never overwritten: it is moved aside first, bytes and all.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "answers.h"
#include "arena.h"
#include "atomic.h"
#include "diag.h"
#include "engine.h"
#include "model.h"
#include "store.h"
#include "store_int.h"
#include "xalloc.h"
#include "yamlio.h"

static struct ynode *str_node(struct arena *a, const char *s)
{
	return yamlio_new_scalar(a, s != NULL ? s : "", YSTYLE_PLAIN);
}

static char *state_name(const char *qid)
{
	size_t n = strlen(qid) + 6;
	char *name = xalloc(n);
	snprintf(name, n, "%s.yaml", qid);
	return name;
}

static struct ynode *state_tree(struct arena *a, const struct engine *e,
                                const struct store_state *st, size_t skip)
{
	const struct questionnaire *qn = engine_questionnaire(e);
	char now[40];
	store_time_text(engine_now(), now, sizeof now);
	struct ynode *root = yamlio_new_map(a), *q = yamlio_new_map(a);
	yamlio_append(a, root, "format_version", yamlio_new_plain(a, "1"));
	yamlio_append(a, q, "id", str_node(a, qn->id));
	yamlio_append(a, q, "version", str_node(a, qn->version));
	yamlio_append(a, q, "sha256", str_node(a, qn->sha256));
	yamlio_append(a, root, "questionnaire", q);
	yamlio_append(a, root, "started_at", str_node(a, st->started_at));
	yamlio_append(a, root, "updated_at", str_node(a, now));
	if (st->is_recheck)
		yamlio_append(a, root, "recheck", yamlio_new_plain(a, "true"));
	yamlio_append(a, root, "answers", store_answers_tree(a, e));
	yamlio_append(a, root, "audit", store_audit_tree(a, e, st->audit, skip));
	return root;
}

int store_state_write(const char *dir, const struct engine *e, const struct store_state *st,
                      size_t skip, struct diag *d)
{
	struct arena *a = arena_new();
	char *text = NULL, *name = state_name(engine_questionnaire(e)->id);
	size_t len = 0;
	int rc = -1;
	if (store_tree_text(state_tree(a, e, st, skip), &text, &len) != 0)
		diag_error(d, (struct srcpos){ name, 0, 0 }, "cannot put your answers into words");
	else
		rc = atomic_write(dir, name, text, len, ATOMIC_REPLACE, d);
	free(name);
	free(text);
	arena_free(a);
	return rc;
}

/* Whether n is absent, a single value, or (when is_list_ok) a list of single values; says
 * where it is not, naming it by key. */
static bool fits(const struct ynode *n, const char *key, bool is_list_ok, struct diag *d)
{
	if (n == NULL || n->kind == YNODE_SCALAR)
		return true;
	for (size_t i = 0; is_list_ok && n->kind == YNODE_SEQ && i < n->n; i++)
		if (n->items[i]->kind != YNODE_SCALAR) {
			diag_error(d, n->items[i]->pos, "'%s' should hold single values only", key);
			return false;
		}
	if (is_list_ok && n->kind == YNODE_SEQ)
		return true;
	if (is_list_ok)
		diag_error(d, n->pos, "'%s' should be a single value or a list", key);
	else
		diag_error(d, n->pos, "'%s' should be a single value", key);
	return false;
}

/* Every node the controller reads is of the kind it expects: started_at, sha256 and recheck
 * single values, answers as store_check_answers() wants, each audit entry a mapping of
 * single values (from and to may be lists). Returns 0, or -1 with the first misfit. */
static int check_kinds(const struct ynode *root, struct diag *d)
{
	const struct ynode *audit = yamlio_get(root, "audit");
	if (!fits(yamlio_get(root, "started_at"), "started_at", false, d) ||
	    !fits(yamlio_get(yamlio_get(root, "questionnaire"), "sha256"), "sha256", false, d) ||
	    !fits(yamlio_get(root, "recheck"), "recheck", false, d) ||
	    store_check_answers(d, yamlio_get(root, "answers")) != 0)
		return -1;
	if (audit != NULL && audit->kind != YNODE_SEQ) {
		diag_error(d, audit->pos, "'audit' should be a list");
		return -1;
	}
	for (size_t i = 0; audit != NULL && i < audit->n; i++) {
		const struct ynode *e = audit->items[i];
		if (e->kind != YNODE_MAP) {
			diag_error(d, e->pos, "each entry of 'audit' should be a mapping");
			return -1;
		}
		if (!fits(yamlio_get(e, "item"), "item", false, d) ||
		    !fits(yamlio_get(e, "at"), "at", false, d) ||
		    !fits(yamlio_get(e, "from"), "from", true, d) || !fits(yamlio_get(e, "to"), "to", true, d))
			return -1;
	}
	return 0;
}

/* Fills out from root (in a); -1 (with the reason) when root is not a check in progress of
 * qid. */
static int state_of(struct arena *a, const struct ynode *root, const char *file,
                    const char *qid, struct store_state *out, struct diag *d)
{
	const char *id = store_text_at(yamlio_get(root, "questionnaire"), "id");
	const struct ynode *answers = yamlio_get(root, "answers");
	const struct ynode *audit = yamlio_get(root, "audit");
	if (root == NULL || root->kind != YNODE_MAP || id == NULL || strcmp(id, qid) != 0 ||
	    answers == NULL || answers->kind != YNODE_MAP) {
		diag_error(d, (struct srcpos){ file, 0, 0 },
		           "not a check in progress of the questionnaire '%s'", qid);
		return -1;
	}
	if (check_kinds(root, d) != 0)
		return -1;
	memset(out, 0, sizeof *out);
	out->started_at = store_text_at(root, "started_at");
	out->questionnaire_sha256 = store_text_at(yamlio_get(root, "questionnaire"), "sha256");
	const char *recheck = store_text_at(root, "recheck");
	out->is_recheck = recheck != NULL && strcmp(recheck, "true") == 0;
	struct answers_list *list = arena_alloc(a, sizeof *list);
	answers_read(a, answers, list);
	out->answers = list;
	if (audit != NULL && audit->kind == YNODE_SEQ) {
		struct store_tree *t = arena_alloc(a, sizeof *t);
		t->node = audit;
		out->audit = t;
	}
	return 0;
}

int store_state_read(struct arena *a, const char *dir, const char *qid, struct store_state *out,
                     struct diag *d)
{
	char *text = NULL, *name = state_name(qid);
	size_t len = 0;
	bool is_missing = false;
	int rc = -1;
	if (store_read(dir, name, STORE_MAX_RECORD_SIZE, &text, &len, &is_missing, d) == 0) {
		char *path = store_path(dir, name);
		const char *file = arena_strdup(a, path);
		free(path);
		const struct ynode *root = yamlio_parse(a, d, file, text, len);
		rc = root != NULL ? state_of(a, root, file, qid, out, d) : -1;
	} else if (is_missing) {
		rc = 1;
	}
	free(text);
	free(name);
	return rc;
}

char *store_state_set_aside(const char *dir, const char *qid, time_t now, struct diag *d)
{
	char id[STORE_ID_MAX], aside[300];
	store_id_for_time(now, id);
	char *name = state_name(qid), *from = store_path(dir, name), *to = NULL;
	int rc = -1;
	for (int k = 1; k < 100 && rc != 0; k++) {
		snprintf(aside, sizeof aside, k == 1 ? "%s.unreadable-%s.yaml"
		                                     : "%s.unreadable-%s-%d.yaml", qid, id, k);
		free(to);
		to = store_path(dir, aside);
		rc = link(from, to);
		if (rc != 0 && errno != EEXIST)
			break;
	}
	if (rc != 0)
		diag_error(d, (struct srcpos){ from, 0, 0 }, "cannot move it aside: %s",
		           strerror(errno));
	if (rc == 0 && store_remove(dir, name, d) != 0) {
		unlink(to);
		rc = -1;
	}
	free(name);
	free(from);
	if (rc != 0) {
		free(to);
		return NULL;
	}
	return to;
}

int store_state_remove(const char *dir, const char *qid, struct diag *d)
{
	char *name = state_name(qid);
	int rc = store_remove(dir, name, d);
	free(name);
	return rc;
}
