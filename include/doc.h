/*
 * doc.h - a small printable document (headings, paragraphs, lists, tables, score bars) built
 * once and written as plain text, Markdown or one self-contained HTML page.
 *
 * The clinician's summary and the printable result (report.c) build a doc; the writers here
 * know nothing about questionnaires. Every text is copied into the doc's arena when added,
 * so the caller's strings may go at once. Writers escape every text for their format: no
 * text added to a doc can inject markup (HTML tags or entities, Markdown syntax) or
 * terminal control bytes.
 */
#ifndef BACKCHECK_DOC_H
#define BACKCHECK_DOC_H

#include <stdbool.h>
#include <stdio.h>

struct doc;

enum doc_format {
	DOC_TEXT,
	DOC_MARKDOWN,
	DOC_HTML,
};

/* How a block looks: plain, an emergency/urgent alert (framed, first), or less prominent. */
enum doc_tone {
	DOC_PLAIN,
	DOC_ALERT,
	DOC_QUIET,
};

/* A new empty document called title (the HTML page's <title>). Free with doc_free(). */
struct doc *doc_new(const char *title);
void doc_free(struct doc *d);

/* The headline: the outcome's title, framed when tone is DOC_ALERT. */
void doc_headline(struct doc *d, const char *text, enum doc_tone tone);
/* A section heading. */
void doc_heading(struct doc *d, const char *text);
/* A paragraph; line breaks inside are kept. */
void doc_para(struct doc *d, const char *text, enum doc_tone tone);
/* One item of a bulleted list (consecutive items form one list). */
void doc_bullet(struct doc *d, const char *text);
/* "label: value" on one line (consecutive ones form a compact list); marked adds a note
 * after the value in every format (e.g. "changed during the check"). */
void doc_field(struct doc *d, const char *label, const char *value, const char *mark);

/* A table: doc_table() starts it with its column headings (ncols at most DOC_MAX_COLS),
 * doc_row() adds a row of as many cells; a row whose tone is DOC_ALERT is emphasised. */
enum { DOC_MAX_COLS = 5 };
void doc_table(struct doc *d, const char *const *heads, int ncols);
void doc_row(struct doc *d, const char *const *cells, enum doc_tone tone);

/* A score as a bar: its title, value in min..max, and the text of its direction and value
 * ("41 of 100, higher is worse"). In text, a bar of '#' and '.'; in HTML, a drawn bar. */
void doc_bar(struct doc *d, const char *title, double value, double min, double max,
             const char *caption);

/* Writes the document in format to out, text wrapped to width columns (text only). Returns
 * 0, or -1 when writing failed. */
int doc_write(const struct doc *d, enum doc_format format, int width, FILE *out);

/* Writes s with HTML's special characters (& < > " ') as entities and control bytes other
 * than newline and tab dropped. */
void doc_html_escape(FILE *out, const char *s);

#endif
