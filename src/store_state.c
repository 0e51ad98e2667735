/*
 * store_state.c - checks in progress on disk: STATE/QID.yaml written after every answer,
 * read back for resuming, moved aside when it cannot be read, removed when the check ends.
 * Storage only: the controller (check.c) decides when, and tells the person.
 *
 * Invariant: STATE/QID.yaml is either absent or a complete state (store_write_atomic()), and
 * a file that cannot be read is never overwritten: it is moved aside first, bytes and all.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "engine.h"
#include "model.h"
#include "store.h"
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
		rc = store_write_atomic(dir, name, text, len, true, d);
	free(name);
	free(text);
	arena_free(a);
	return rc;
}

/* A scalar's text, or NULL when n is absent or not a scalar. */
static const char *scalar(const struct ynode *n)
{
	return n != NULL && n->kind == YNODE_SCALAR ? n->str : NULL;
}

/* Fills out from root; -1 (with the reason) when root is not a check in progress of qid. */
static int state_of(const struct ynode *root, const char *file, const char *qid,
                    struct store_state *out, struct diag *d)
{
	const char *id = scalar(yamlio_get(yamlio_get(root, "questionnaire"), "id"));
	const struct ynode *answers = yamlio_get(root, "answers");
	const struct ynode *audit = yamlio_get(root, "audit");
	if (root == NULL || root->kind != YNODE_MAP || id == NULL || strcmp(id, qid) != 0 ||
	    answers == NULL || answers->kind != YNODE_MAP) {
		diag_error(d, (struct srcpos){ file, 0, 0 },
		           "not a check in progress of the questionnaire '%s'", qid);
		return -1;
	}
	memset(out, 0, sizeof *out);
	out->started_at = scalar(yamlio_get(root, "started_at"));
	out->questionnaire_sha256 = scalar(yamlio_get(yamlio_get(root, "questionnaire"), "sha256"));
	const char *recheck = scalar(yamlio_get(root, "recheck"));
	out->is_recheck = recheck != NULL && strcmp(recheck, "true") == 0;
	out->answers = answers;
	out->audit = audit != NULL && audit->kind == YNODE_SEQ ? audit : NULL;
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
		rc = root != NULL ? state_of(root, file, qid, out, d) : -1;
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
