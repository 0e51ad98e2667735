/*
 * report_int.h - what the page builders (report.c, report_clinician.c) share. Not part of the
 * interface; include/render.h is.
 */
#ifndef BACKCHECK_REPORT_INT_H
#define BACKCHECK_REPORT_INT_H

#include <stdbool.h>

#include "model.h"

struct doc;
struct engine;
struct engine_result;
struct render_context;

/* "higher is worse", "higher is better" or "neither better nor worse". */
const char *report_direction(enum higher_is h);

/* Whether q has any score. */
bool report_has_scores(const struct questionnaire *q);

/* Every score as a bar with its value, range and direction. */
void report_scores(struct doc *d, struct engine *e, const struct engine_result *r);

/* The answers, grouped by section under its title, revised ones marked. */
void report_answers(struct doc *d, struct engine *e, const struct render_context *ctx);

/* The clinician's one-page summary. */
void report_clinician(struct doc *d, struct engine *e, const struct engine_result *r,
                      const struct render_context *ctx);

#endif
