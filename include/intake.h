/*
 * intake.h - what the clinician's outputs (summary, printable page, FHIR) take from the
 * store: the saved checks of a questionnaire, a saved check replayed into a run, and the
 * answers revised during a check. Nothing here writes.
 */
#ifndef BACKCHECK_INTAKE_H
#define BACKCHECK_INTAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

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

#endif
