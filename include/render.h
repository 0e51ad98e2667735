/*
 * render.h - a decided result as text for a person or as JSON (docs/output-json.md).
 *
 * Renderers only read the run and its result; texts come from the questionnaire, filled
 * from the answers. render_json.c is the only file that includes <jansson.h>.
 */
#ifndef BACKCHECK_RENDER_H
#define BACKCHECK_RENDER_H

#include <stdio.h>

struct engine;
struct engine_result;

/* The version of the JSON output's shape; raised when a field changes meaning. */
enum { RENDER_JSON_FORMAT_VERSION = 1 };

/*
 * The result for a person, the outcome first (and framed, with its signs, for severity 4 and
 * above), word-wrapped to width columns (at least 20), UTF-8 aware. Returns 0, or -1 when
 * writing failed.
 */
int render_text(FILE *out, struct engine *e, const struct engine_result *r, int width);

/* The result as one JSON document and a final newline. Returns 0, or -1 when writing failed. */
int render_json(FILE *out, struct engine *e, const struct engine_result *r);

/* The same JSON as a string; caller frees. NULL only when out of memory. */
char *render_json_string(struct engine *e, const struct engine_result *r);

/* The width for text on file descriptor fd: $COLUMNS when it is a number from 20 to 1000, else
 * the terminal's when fd is one (at most 100: longer lines are hard to read), else 80. */
int render_width(int fd);

/*
 * Writes text word-wrapped to width columns, each line starting with indent (the first with
 * first_indent). Line breaks in text are kept; runs of spaces become one. Width counts UTF-8
 * characters, not bytes; a word longer than a line is put on a line of its own.
 */
void render_wrap(FILE *out, const char *text, int width, const char *first_indent,
                 const char *indent);

#endif
