/*
 * render.h - a decided result as text for a person or as JSON (docs/output-json.md).
 *
 * Renderers only read the run and its result; texts come from the questionnaire, filled
 * from the answers. render_json.c is the only file that includes <jansson.h>.
 */
#ifndef BACKCHECK_RENDER_H
#define BACKCHECK_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "doc.h"

struct engine;
struct engine_result;
struct store_record;
struct questionnaire;

/* The version of the JSON output's shape; raised when a field changes meaning. */
enum { RENDER_JSON_FORMAT_VERSION = 1 };

/* How the person's text is written: short (the default) or with every detail; with more
 * (where the rest is: render_details_hint(), or "" when there is no record to point to), it
 * ends with the headline again in one sentence ("In short: TITLE. WHAT TO DO") and that
 * line. */
struct render_text_opts {
	bool is_details;
	const char *more;
};

/*
 * The result for a person, word-wrapped to width columns (at least 20), UTF-8 aware: the
 * headline (title, framed for an outcome at or above alert_severity, and what to do) first,
 * then the reasons of the deciding tier, advice, what would help, the dates, the safety net and
 * the disclaimer. o (NULL: short) adds every detail and a last line. Returns 0, or -1 when
 * writing failed.
 */
int render_text_with(FILE *out, struct engine *e, const struct engine_result *r, int width,
                     const struct render_text_opts *o);

/* A local date as the person's text writes it, in English like the rest of the result's own
 * words: "Saturday 10 January 2026". Written to buf (sz bytes; 48 is enough); returns buf. */
const char *render_date(time_t when, char *buf, size_t sz);

/* How much of a saved time render_day() shows. */
enum render_day_form {
	RENDER_DAY_MONTH,
	RENDER_DAY_MONTH_YEAR_TIME,
};

/* A time saved as RFC 3339 ("2026-11-28T09:15:30+00:00", the local time it was made) as
 * people read it, the month cut to three letters: "28 Nov" or "28 Nov 2026 09:15" ("28 Nov
 * 2026" when it has no time of day). Written to buf (sz bytes; 32 is enough); returns buf,
 * or NULL with buf untouched when rfc (which may be NULL) does not start with a date. */
const char *render_day(const char *rfc, enum render_day_form form, char *buf, size_t sz);

/* The person's sentences for the dates of r, in e's arena, or NULL when r has none: "If it is
 * no better by DATE, the advice changes to: TITLE." (the earliest of the time safety net) and
 * "Check again on DATE, or sooner if things change." buf (sz bytes, 48 enough) is scratch. */
const char *render_time_net(struct engine *e, const struct engine_result *r, char *buf,
                            size_t sz);
const char *render_recheck(struct engine *e, const struct engine_result *r, char *buf,
                           size_t sz);

/* Where every detail of saved check id is, as the person's text ends: "For every detail,
 * type:" and, on a line of its own (so that it never wraps at 50 columns), "backcheck show
 * --details ID". Written to buf (sz bytes; STORE_ID_MAX + 64 is enough). */
void render_details_hint(char *buf, size_t sz, const char *id);

/* render_text_with() in short, without a last line. */
int render_text(FILE *out, struct engine *e, const struct engine_result *r, int width);

/* The result as one JSON document and a final newline. Returns 0, or -1 when writing failed. */
int render_json(FILE *out, struct engine *e, const struct engine_result *r);

/* One line of `batch --format jsonl`: the JSON result on one line with "file" and "error"
 * (null) added; with e NULL, {"file": file, "error": error} alone. Returns 0, or -1. */
int render_json_line(FILE *out, struct engine *e, const struct engine_result *r,
                     const char *file, const char *error);

/* The same JSON as a string; caller frees. NULL only when out of memory. */
char *render_json_string(struct engine *e, const struct engine_result *r);

/* Points jansson (every JSON tree, here and in the store) at xalloc, so that running out of
 * memory takes the one path of xalloc.h and the allocation-failure tests count it. main.c
 * calls it once, before any JSON is built. */
void render_json_use_xalloc(void);

/* --- Printable pages and the clinician's summary (report.c, report_clinician.c) ------------ */

/* Who a page is for: the person's own result, or the clinician's one-page summary. */
enum render_audience {
	RENDER_FOR_PERSON,
	RENDER_FOR_CLINICIAN,
};

/* What a page adds to a run's result; every pointer is borrowed and may be NULL. */
struct render_context {
	/* --subject ID and --patient NAME. */
	const char *subject;
	const char *patient;
	/* Every saved check before this one, oldest first (the trend), and the one the change
	 * is measured against (the last of them, or --since's). */
	const struct store_record *history;
	size_t nhistory;
	const struct store_record *previous;
	/* Per item: answered again during the check (from a record's audit trail). NULL: the
	 * run's own audit trail says. */
	const bool *is_revised;
	/* The saved check's id, when the page shows one. */
	const char *record_id;
	/* When the check was made, when not the result's own time (a saved check shown). */
	time_t at;
	/* The person's text: with every detail (--details), and a last line naming where the
	 * detail is (render_text_opts). */
	bool is_details;
	const char *more;
};

/*
 * The result as a page for who, in format (DOC_TEXT, DOC_MARKDOWN or DOC_HTML), text wrapped
 * to width columns. Emergency and urgent outcomes (severity >= the questionnaire's alert
 * severity) come first and framed. Returns 0, or -1 when writing failed.
 */
int render_page(FILE *out, struct engine *e, const struct engine_result *r,
                enum doc_format format, enum render_audience who,
                const struct render_context *ctx, int width);

/* --- FHIR R4 (render_fhir.c; docs/fhir-mapping.md) ------------------------------------------ */

/* A collection Bundle: the QuestionnaireResponse (with the subject when ctx gives one), an
 * Observation per score and one for the outcome. Returns 0, or -1 when writing failed. */
int render_fhir_bundle(FILE *out, struct engine *e, const struct engine_result *r,
                       const struct render_context *ctx);

/* One collection Bundle of n runs (e[k] with ctx[k]), each as render_fhir_bundle() gives it;
 * the Bundle's timestamp is the latest run's. Returns 0, or -1. */
int render_fhir_collection(FILE *out, struct engine *const *e, const struct render_context *ctx,
                           size_t n);

/* The questionnaire as a FHIR R4 Questionnaire in language lang. Returns 0, or -1. */
int render_fhir_questionnaire(FILE *out, const struct questionnaire *q, size_t lang);

/* --- Choosing an output (render.c) ------------------------------------------------------------ */

enum render_format {
	RENDER_TEXT,
	RENDER_JSON,
	RENDER_MARKDOWN,
	RENDER_HTML,
	RENDER_FHIR,
	RENDER_FORMATS,
};

/* The format called name ("text", "json", "markdown", "html", "fhir"); -1 if none is. */
int render_format_of(const char *name, enum render_format *out);

/* The audience called name ("person" or "clinician"); -1 if neither. */
int render_audience_of(const char *name, enum render_audience *out);

/* The result in format for who: text (the person's render_text() or the clinician's
 * summary), JSON (the same for both), Markdown, HTML, or a FHIR Bundle (the same for both).
 * Returns 0, or -1 when writing failed. */
int render_result(FILE *out, struct engine *e, const struct engine_result *r,
                  enum render_format format, enum render_audience who,
                  const struct render_context *ctx, int width);

/* The signs the clinician's summary shows as positive (report_clinician.c), space-separated,
 * to out. */
void render_positive_signs(FILE *out, struct engine *e);

/* The severity from which an outcome is an emergency or urgent one (alert_severity). */
int render_alert_severity(const struct questionnaire *q);

/* Whether the run changed item's answer after first giving one (its audit trail). */
bool render_is_revised(const struct engine *e, const struct render_context *ctx, size_t item);

/* t in local time with its zone: "2026-12-02 09:15 CET (+0100)"; buf holds 64 bytes. */
void render_local_time(time_t t, char *buf, size_t sz);

#endif
