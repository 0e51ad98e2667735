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
#include "cli.h"
#include "loader.h"
#include "qpath.h"
#include "arena.h"
#include "diag.h"
#include "engine.h"
#include "i18n.h"
#include "model.h"
#include "render.h"
#include "store.h"
#include "wrap.h"
#include "xalloc.h"

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
	struct engine *e = engine_new(q, lang);
	if (r->answers == NULL || r->answers->n == 0)
		diag_error(d, (struct srcpos){ r->file, 0, 0 }, "this check has no answers");
	if (r->answers == NULL || r->answers->n == 0 || answers_apply(e, r->answers, d) != 0) {
		engine_free(e);
		e = NULL;
	}
	return e;
}

bool *intake_revised(const struct questionnaire *q, const struct store_record *r)
{
	bool *is = xalloc_array(q->nitems + 1, sizeof *is);
	for (size_t k = 0; k < r->nrevised; k++) {
		const struct item *it = model_item(q, r->revised[k]);
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
	if (ctx->subject == NULL)
		ctx->subject = r->subject;
	if (ctx->patient == NULL)
		ctx->patient = r->patient;
}

/* --- show and export as clinician's outputs ---------------------------------------------------- */

/* The questionnaire a record was answered on, or NULL with the reason printed. Caller frees. */
static struct questionnaire *questionnaire_for(const struct store_record *r)
{
	char path[4096];
	if (r->questionnaire_id == NULL || qpath_find(r->questionnaire_id, path, sizeof path) != 0) {
		fprintf(stderr, _("backcheck: check %s was made with questionnaire '%s', which is not "
		        "installed\n"), r->id, r->questionnaire_id ? r->questionnaire_id : "?");
		return NULL;
	}
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_file(path, d, NULL);
	diag_print(d, stderr);
	diag_free(d);
	if (q != NULL && r->questionnaire_sha256 != NULL && strcmp(q->sha256, r->questionnaire_sha256))
		fprintf(stderr, _("backcheck: check %s was made with %s %s; its answers are shown "
		        "with %s %s, installed now\n"), r->id, r->questionnaire_id,
		        r->questionnaire_version ? r->questionnaire_version : "?", q->id, q->version);
	return q;
}

/* Replays record k of all (oldest first) into *e (on *q, loaded here) and fills ctx. Returns
 * an exit status; on success the caller frees *e, *q and *revised (ctx->is_revised). */
static int prepare(const struct store_record *all, size_t k, size_t lang, struct engine **e,
                   struct questionnaire **q, struct render_context *ctx, bool **revised)
{
	const struct store_record *r = &all[k];
	*e = NULL;
	if ((*q = questionnaire_for(r)) == NULL)
		return EXIT_NOINPUT;
	struct diag *d = diag_new();
	*e = intake_replay(*q, lang < (*q)->nlangs ? lang : 0, r, d);
	diag_print(d, stderr);
	diag_free(d);
	if (*e == NULL) {
		fprintf(stderr, _("backcheck: the answers of check %s do not fit %s %s\n"), r->id,
		        (*q)->id, (*q)->version);
		questionnaire_free(*q);
		return EXIT_DATAERR;
	}
	intake_subject(r, ctx);
	ctx->at = intake_record_time(r);
	ctx->record_id = r->id;
	ctx->is_revised = *revised = intake_revised(*q, r);
	ctx->history = all;
	ctx->nhistory = 0;
	for (size_t i = 0; i < k; i++)
		if (strcmp(all[i].questionnaire_id, r->questionnaire_id) == 0)
			ctx->nhistory = i + 1;
	ctx->previous = ctx->nhistory > 0 ? &all[ctx->nhistory - 1] : NULL;
	return EXIT_OK;
}

int intake_show(const struct store_record *all, size_t n, size_t k, size_t lang,
                enum render_format f, enum render_audience who, const char *subject,
                const char *patient, FILE *out)
{
	struct engine *e;
	struct questionnaire *q;
	struct render_context ctx = { .subject = subject, .patient = patient };
	bool *revised;
	(void)n;
	int status = prepare(all, k, lang, &e, &q, &ctx, &revised);
	if (status != EXIT_OK)
		return status;
	/* The trend reads only the records of the same questionnaire before this one. */
	const struct store_record *h = ctx.history;
	size_t nh = 0;
	struct store_record *mine = xalloc_array(k + 1, sizeof *mine);
	for (size_t i = 0; i < ctx.nhistory; i++)
		if (strcmp(h[i].questionnaire_id, all[k].questionnaire_id) == 0)
			mine[nh++] = h[i];
	ctx.history = mine;
	ctx.nhistory = nh;
	int rc = render_result(out, e, engine_decide(e), f, who, &ctx, wrap_width(fileno(out)));
	free(mine);
	free(revised);
	engine_free(e);
	questionnaire_free(q);
	return rc == 0 ? EXIT_OK : EXIT_IOERR;
}

int intake_export_fhir(const struct store_record *all, size_t n, FILE *out)
{
	struct engine **e = xalloc_array(n + 1, sizeof *e);
	struct questionnaire **q = xalloc_array(n + 1, sizeof *q);
	struct render_context *ctx = xalloc_array(n + 1, sizeof *ctx);
	bool **revised = xalloc_array(n + 1, sizeof *revised);
	int status = EXIT_OK;
	size_t made = 0;
	for (; made < n && status == EXIT_OK; made++)
		status = prepare(all, made, 0, &e[made], &q[made], &ctx[made], &revised[made]);
	if (status != EXIT_OK)
		made--;
	else if (render_fhir_collection(out, e, ctx, n) != 0)
		status = EXIT_IOERR;
	for (size_t k = 0; k < made; k++) {
		free(revised[k]);
		engine_free(e[k]);
		questionnaire_free(q[k]);
	}
	free(e);
	free(q);
	free(ctx);
	free(revised);
	return status;
}
