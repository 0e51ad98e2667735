/*
 * intake.h - what the clinician's outputs (summary, printable page, FHIR) take from the
 * store: the saved checks of a questionnaire, a saved check replayed into a run, and the
 * answers revised during a check. Nothing here writes.
 */
#ifndef BACKCHECK_INTAKE_H
#define BACKCHECK_INTAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "render.h"

struct arena;
struct diag;
struct engine;
struct questionnaire;
struct render_context;
struct store_record;

/* The record's generated_at as a time (its offset applied); 0 when it cannot be read. */
time_t intake_record_time(const struct store_record *r);

/* A new run on q with the record's answers, as an answers file would give them (caller
 * frees with engine_free()), or NULL with what does not fit reported to d. */
struct engine *intake_replay(const struct questionnaire *q, size_t lang,
                             const struct store_record *r, struct diag *d);

/* Per item of q: the record's audit trail shows its answer changed after it was first given.
 * Caller frees. */
bool *intake_revised(const struct questionnaire *q, const struct store_record *r);

/*
 * Fills ctx->history with the saved checks of questionnaire qid under data_dir, oldest first
 * and only those before the check called before (when not NULL), and ctx->previous with the
 * last of them, or with the one since selects (an id or a unique start of one). Records live
 * in a. Returns 0, or -1 with the reason reported to d (no such check, unreadable folder).
 */
int intake_history(struct arena *a, const char *data_dir, const char *qid, const char *before,
                   const char *since, struct render_context *ctx, struct diag *d);

/* Sets ctx->subject and ctx->patient from the record when they are saved in it and not set. */
void intake_subject(const struct store_record *r, struct render_context *ctx);

/*
 * `show` as the clinician's summary, a printable page or FHIR: record k of all[0..n) (every
 * saved check, oldest first) replayed on its questionnaire in language lang, compared with the
 * saved check of the same questionnaire before it, with the trend over those before it and
 * the patient line saved in it (subject and patient, when not NULL, win). A questionnaire that
 * changed since is said on standard error. Returns an exit status (cli.h).
 */
int intake_show(const struct store_record *all, size_t n, size_t k, size_t lang,
                enum render_format f, enum render_audience who, const char *subject,
                const char *patient, FILE *out);

/* `export --all --format fhir`: every saved check in one collection Bundle. Returns an exit
 * status. */
int intake_export_fhir(const struct store_record *all, size_t n, FILE *out);

#endif
