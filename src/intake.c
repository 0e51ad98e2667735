/*
 * intake.c - what the clinician's outputs take from the store: the saved checks of one
 * questionnaire (for the change and the trend), a saved check replayed into a run (so that
 * `show` gives the same summary, page and FHIR as the run that made it), and the answers the
 * person revised, from a record's audit trail. Reads only; never writes a record.
 */
#include "intake.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "answers.h"
#include "arena.h"
#include "diag.h"
#include "engine.h"
#include "model.h"
#include "render.h"
#include "store.h"
#include "yamlio.h"

time_t intake_record_time(const struct store_record *r)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	int y, mo, d, h = 0, mi = 0, s = 0, oh = 0, om = 0;
	char sign = 'Z';
	int k = sscanf(r->generated_at, "%4d-%2d-%2dT%2d:%2d:%2d%c%2d:%2d", &y, &mo, &d, &h, &mi,
	               &s, &sign, &oh, &om);
	if (k < 3)
		return 0;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	time_t t = timegm(&tm);
	long off = (oh * 60L + om) * 60L;
	return sign == '+' ? t - off : sign == '-' ? t + off : t;
}

struct engine *intake_replay(const struct questionnaire *q, size_t lang,
                             const struct store_record *r, struct diag *d)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	if (m == NULL)
		abort();
	int rc = r->answers != NULL && r->answers->n > 0 ? yamlio_emit(r->answers, m) : 0;
	fclose(m);
	struct engine *e = engine_new(q, lang);
	if (rc != 0 || answers_load_string(e, r->file, text ? text : "", len, d) != 0) {
		engine_free(e);
		e = NULL;
	}
	free(text);
	return e;
}

bool *intake_revised(const struct questionnaire *q, const struct store_record *r)
{
	bool *is = calloc(q->nitems + 1, sizeof *is);
	if (is == NULL)
		abort();
	const struct ynode *audit = yamlio_get(r->root, "audit");
	for (size_t k = 0; audit != NULL && audit->kind == YNODE_SEQ && k < audit->n; k++) {
		const struct ynode *item = yamlio_get(audit->items[k], "item");
		const struct ynode *from = yamlio_get(audit->items[k], "from");
		const struct ynode *to = yamlio_get(audit->items[k], "to");
		if (item == NULL || item->kind != YNODE_SCALAR || from == NULL || to == NULL ||
		    yamlio_is_null(from) || yamlio_is_null(to))
			continue;
		const struct item *it = model_item(q, item->str);
		if (it != NULL)
			is[it->index] = true;
	}
	return is;
}

/* The records of questionnaire qid among all, oldest first, into a (an array of *n). */
static struct store_record *of_questionnaire(struct arena *a, const struct store_record *all,
                                             size_t nall, const char *qid, size_t *n)
{
	struct store_record *out = arena_calloc(a, nall + 1, sizeof *out);
	*n = 0;
	for (size_t i = 0; i < nall; i++)
		if (all[i].questionnaire_id != NULL && strcmp(all[i].questionnaire_id, qid) == 0)
			out[(*n)++] = all[i];
	return out;
}

int intake_history(struct arena *a, const char *data_dir, const char *qid, const char *before,
                   const char *since, struct render_context *ctx, struct diag *d)
{
	struct store_dirs dirs;
	struct store_record *all = NULL;
	size_t nall = 0;
	if (store_dirs_resolve(&dirs, data_dir, d) != 0)
		return -1;
	int rc = store_records_load(a, dirs.records, &all, &nall, d);
	store_dirs_free(&dirs);
	if (rc != 0)
		return -1;
	size_t n;
	struct store_record *mine = of_questionnaire(a, all, nall, qid, &n);
	for (size_t i = 0; before != NULL && i < n; i++)
		if (strcmp(mine[i].id, before) == 0)
			n = i;
	ctx->history = mine;
	ctx->nhistory = n;
	ctx->previous = n > 0 ? &mine[n - 1] : NULL;
	if (since == NULL)
		return 0;
	char **names = arena_calloc(a, n + 1, sizeof *names);
	for (size_t i = 0; i < n; i++)
		names[i] = arena_strdup(a, mine[i].id);
	struct store_ids ids = { names, n };
	long k = store_select(&ids, since, d);
	if (k < 0)
		return -1;
	ctx->previous = &mine[k];
	return 0;
}

void intake_subject(const struct store_record *r, struct render_context *ctx)
{
	const struct ynode *s = yamlio_get(r->root, "subject");
	const struct ynode *p = yamlio_get(r->root, "patient");
	if (ctx->subject == NULL && s != NULL && s->kind == YNODE_SCALAR && !yamlio_is_null(s))
		ctx->subject = s->str;
	if (ctx->patient == NULL && p != NULL && p->kind == YNODE_SCALAR && !yamlio_is_null(p))
		ctx->patient = p->str;
}
