/*
 * doc.c - a printable document as a list of blocks, and its three writers (text, Markdown,
 * HTML). Texts are copied into the doc's arena without control bytes (newline and tab kept),
 * and each writer escapes them for its format, so that no answer can change the page.
 */
#include "doc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "render.h"
#include "wrap.h"
#include "xalloc.h"

enum block_kind {
	B_HEADLINE,
	B_HEADING,
	B_PARA,
	B_BULLET,
	B_FIELD,
	B_TABLE,
	B_ROW,
	B_BAR,
};

struct block {
	enum block_kind kind;
	enum doc_tone tone;
	const char *text[DOC_MAX_COLS];
	int ncols;
	double value, min, max;
};

struct doc {
	struct arena *a;
	const char *title;
	struct block *b;
	size_t n, cap;
};

/* A copy of s in the arena without control bytes except '\n' and '\t'. */
static const char *clean(struct doc *d, const char *s)
{
	if (s == NULL)
		return "";
	char *c = arena_strdup(d->a, s), *w = c;
	for (const char *p = c; *p != '\0'; p++)
		if ((unsigned char)*p >= 0x20 ? *p != 0x7f : (*p == '\n' || *p == '\t'))
			*w++ = *p;
	*w = '\0';
	return c;
}

struct doc *doc_new(const char *title)
{
	struct doc *d = xalloc_array(1, sizeof *d);
	d->a = arena_new();
	d->title = clean(d, title);
	return d;
}

void doc_free(struct doc *d)
{
	if (d == NULL)
		return;
	arena_free(d->a);
	free(d->b);
	free(d);
}

static struct block *add(struct doc *d, enum block_kind kind, enum doc_tone tone)
{
	d->b = xalloc_grow(d->b, &d->cap, d->n + 1, 32, sizeof *d->b);
	struct block *b = &d->b[d->n++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->tone = tone;
	return b;
}

void doc_headline(struct doc *d, const char *text, enum doc_tone tone)
{
	add(d, B_HEADLINE, tone)->text[0] = clean(d, text);
}

void doc_heading(struct doc *d, const char *text)
{
	add(d, B_HEADING, DOC_PLAIN)->text[0] = clean(d, text);
}

void doc_para(struct doc *d, const char *text, enum doc_tone tone)
{
	if (text != NULL && *text != '\0')
		add(d, B_PARA, tone)->text[0] = clean(d, text);
}

void doc_bullet(struct doc *d, const char *text)
{
	add(d, B_BULLET, DOC_PLAIN)->text[0] = clean(d, text);
}

void doc_field(struct doc *d, const char *label, const char *value, const char *mark)
{
	struct block *b = add(d, B_FIELD, DOC_PLAIN);
	b->text[0] = clean(d, label);
	b->text[1] = clean(d, value);
	b->text[2] = mark != NULL ? clean(d, mark) : NULL;
}

static void cells(struct doc *d, struct block *b, const char *const *c, int n)
{
	b->ncols = n < DOC_MAX_COLS ? n : DOC_MAX_COLS;
	for (int i = 0; i < b->ncols; i++)
		b->text[i] = clean(d, c[i]);
}

void doc_table(struct doc *d, const char *const *heads, int ncols)
{
	cells(d, add(d, B_TABLE, DOC_PLAIN), heads, ncols);
}

void doc_row(struct doc *d, const char *const *c, enum doc_tone tone)
{
	int n = d->n > 0 ? d->b[d->n - 1].ncols : 1;
	cells(d, add(d, B_ROW, tone), c, n);
}

void doc_bar(struct doc *d, const char *title, double value, double min, double max,
             const char *caption)
{
	struct block *b = add(d, B_BAR, DOC_PLAIN);
	b->text[0] = clean(d, title);
	b->text[1] = clean(d, caption);
	b->value = value;
	b->min = min;
	b->max = max;
}

/* The share of the bar filled, 0..1. */
static double fill(const struct block *b)
{
	if (!(b->max > b->min))
		return 0;
	double f = (b->value - b->min) / (b->max - b->min);
	return f < 0 ? 0 : f > 1 ? 1 : f;
}

/* --- Plain text ------------------------------------------------------------------------------ */

static void text_rule(FILE *out, int width, char c)
{
	for (int i = 0; i < (width < 72 ? width : 72); i++)
		fputc(c, out);
	fputc('\n', out);
}

/* A table row as "cell | cell | cell", wrapped under its first cell. */
static void text_row(FILE *out, const struct block *b, int width)
{
	char *s = NULL;
	size_t len = 0;
	FILE *m = xalloc_memstream(&s, &len);
	for (int i = 0; i < b->ncols; i++)
		fprintf(m, "%s%s", i ? " | " : "", b->text[i]);
	fclose(m);
	wrap_write(out, s, width, b->tone == DOC_ALERT ? "! " : "  ", "    ");
	free(s);
}

static void text_bar(FILE *out, const struct block *b, int width)
{
	char line[256];
	int n = (int)lround(fill(b) * 20);
	int k = snprintf(line, sizeof line, "  [");
	for (int i = 0; i < 20; i++)
		line[k++] = i < n ? '#' : '.';
	snprintf(line + k, sizeof line - (size_t)k, "] ");
	char *s = NULL;
	size_t len = 0;
	FILE *m = xalloc_memstream(&s, &len);
	fprintf(m, "%s: %s", b->text[0], b->text[1]);
	fclose(m);
	wrap_write(out, s, width, line, "                         ");
	free(s);
}

/* The separator after a label: none when it ends in its own punctuation ("Any pain?"). */
static const char *colon(const char *label)
{
	size_t n = strlen(label);
	return n > 0 && strchr("?.!:", label[n - 1]) != NULL ? "" : ":";
}

/* "label: value (mark)", malloc'ed: caller frees. */
static char *field_text(const struct block *b)
{
	char *s = NULL;
	size_t len = 0;
	FILE *m = xalloc_memstream(&s, &len);
	fprintf(m, "%s%s %s", b->text[0], colon(b->text[0]), b->text[1]);
	if (b->text[2] != NULL)
		fprintf(m, " (%s)", b->text[2]);
	fclose(m);
	return s;
}

static void text_block(FILE *out, const struct block *b, int width)
{
	bool is_alert = b->tone == DOC_ALERT;
	switch (b->kind) {
	case B_HEADLINE:
		if (is_alert)
			text_rule(out, width, '=');
		wrap_write(out, b->text[0], width, is_alert ? "!! " : "", "   ");
		if (is_alert)
			text_rule(out, width, '=');
		return;
	case B_HEADING:
		fprintf(out, "\n%s\n", b->text[0]);
		return;
	case B_PARA:
		if (b->tone == DOC_QUIET)
			fputc('\n', out);
		wrap_write(out, b->text[0], width, is_alert ? "! " : "", is_alert ? "  " : "");
		return;
	case B_BULLET:
		wrap_write(out, b->text[0], width, "  * ", "    ");
		return;
	case B_FIELD: {
		char *s = field_text(b);
		wrap_write(out, s, width, "  ", "      ");
		free(s);
		return;
	}
	case B_TABLE:
	case B_ROW:
		text_row(out, b, width);
		return;
	case B_BAR:
		text_bar(out, b, width);
		return;
	}
}

/* --- Markdown -------------------------------------------------------------------------------- */

/* s with Markdown's active characters backslash-escaped and line breaks as spaces (inside
 * tables and list items) or kept (paragraphs). */
static void md_escape(FILE *out, const char *s, bool is_inline)
{
	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '\n') {
			fputs(is_inline ? " " : "  \n", out);
			continue;
		}
		if (strchr("\\`*_[]<>|&#!~", *p) != NULL)
			fputc('\\', out);
		fputc(*p, out);
	}
}

static void md_row(FILE *out, const struct block *b)
{
	fputc('|', out);
	for (int i = 0; i < b->ncols; i++) {
		fputc(' ', out);
		if (b->tone == DOC_ALERT && b->text[i][0] != '\0')
			fputs("**", out);
		md_escape(out, b->text[i], true);
		if (b->tone == DOC_ALERT && b->text[i][0] != '\0')
			fputs("**", out);
		fputs(" |", out);
	}
	fputc('\n', out);
	if (b->kind == B_TABLE) {
		fputc('|', out);
		for (int i = 0; i < b->ncols; i++)
			fputs(" --- |", out);
		fputc('\n', out);
	}
}

static void md_block(FILE *out, const struct block *b, const struct block *prev)
{
	bool is_listy = b->kind == B_BULLET || b->kind == B_FIELD || b->kind == B_ROW ||
	                b->kind == B_BAR;
	if (prev != NULL && !(is_listy && prev->kind == b->kind) &&
	    !(b->kind == B_ROW && prev->kind == B_TABLE))
		fputc('\n', out);
	switch (b->kind) {
	case B_HEADLINE:
		fputs(b->tone == DOC_ALERT ? "# ⚠ " : "# ", out);
		md_escape(out, b->text[0], true);
		fputc('\n', out);
		return;
	case B_HEADING:
		fputs("## ", out);
		md_escape(out, b->text[0], true);
		fputc('\n', out);
		return;
	case B_PARA:
		if (b->tone == DOC_ALERT)
			fputs("> **", out);
		md_escape(out, b->text[0], b->tone == DOC_ALERT);
		fputs(b->tone == DOC_ALERT ? "**\n" : "\n", out);
		return;
	case B_BULLET:
		fputs("- ", out);
		md_escape(out, b->text[0], true);
		fputc('\n', out);
		return;
	case B_FIELD:
		fputs("- **", out);
		md_escape(out, b->text[0], true);
		fprintf(out, "%s** ", colon(b->text[0]));
		md_escape(out, b->text[1], true);
		if (b->text[2] != NULL) {
			fputs(" *(", out);
			md_escape(out, b->text[2], true);
			fputs(")*", out);
		}
		fputc('\n', out);
		return;
	case B_TABLE:
	case B_ROW:
		md_row(out, b);
		return;
	case B_BAR:
		fputs("- ", out);
		md_escape(out, b->text[0], true);
		fputs(": ", out);
		md_escape(out, b->text[1], true);
		fputc('\n', out);
		return;
	}
}

/* --- HTML ------------------------------------------------------------------------------------ */

void doc_html_escape(FILE *out, const char *s)
{
	for (const char *p = s; *p != '\0'; p++) {
		switch (*p) {
		case '&': fputs("&amp;", out); break;
		case '<': fputs("&lt;", out); break;
		case '>': fputs("&gt;", out); break;
		case '"': fputs("&quot;", out); break;
		case '\'': fputs("&#39;", out); break;
		default:
			if ((unsigned char)*p >= 0x20 || *p == '\n' || *p == '\t')
				fputc(*p, out);
		}
	}
}

/* One page, no network: every style is here, with a print stylesheet for A4. */
static const char html_style[] =
	"*{box-sizing:border-box}\n"
	"html{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	"body{font:15px/1.45 system-ui,'DejaVu Sans',Arial,sans-serif;color:#111;margin:0 auto;"
	"padding:1.2em;max-width:52em;overflow-wrap:anywhere}\n"
	"h1{font-size:1.5em;margin:0 0 .4em;padding:.35em .55em;border-left:.35em solid #2a6;"
	"background:#eef7f0}\n"
	"h1.alert{color:#fff;background:#b00;border:.2em solid #600;font-size:1.7em}\n"
	"h2{font-size:1.05em;margin:1em 0 .3em;border-bottom:1px solid #999}\n"
	"p{margin:.3em 0}\n"
	"p.alert{font-weight:bold;border:2px solid #b00;background:#fee;padding:.4em .6em}\n"
	"p.quiet{color:#444;font-size:.9em}\n"
	"ul{margin:.2em 0;padding-left:1.4em}\n"
	"ul.fields{list-style:none;padding-left:0;columns:2 20em;column-gap:2em}\n"
	"ul.fields li{break-inside:avoid}\n"
	".mark{color:#a40;font-style:italic}\n"
	"table{border-collapse:collapse;width:100%;margin:.3em 0;table-layout:fixed}\n"
	"table.c2 th:first-child{width:18%}\n"
	"table.c3 th:first-child{width:26%}table.c3 th:nth-child(2){width:14%}\n"
	"th,td{border:1px solid #bbb;padding:.15em .4em;text-align:left;vertical-align:top}\n"
	"th{background:#eee}\n"
	"tr.alert td{background:#fdd;font-weight:bold}\n"
	".bar{display:grid;grid-template-columns:16em 18em 1fr;gap:.6em;align-items:center;"
	"margin:.15em 0}\n"
	".track{display:block;height:.8em;border:1px solid #555;background:#fff}\n"
	".fill{display:block;height:100%;background:#567}\n"
	"@page{size:A4;margin:12mm}\n"
	"@media print{body{font-size:9pt;padding:0;max-width:none}"
	"h1,h2,table,.bar{break-inside:avoid}h2{break-after:avoid}}\n";

enum group { G_NONE, G_UL, G_FIELDS, G_TABLE, G_BARS };

static enum group group_of(const struct block *b)
{
	switch (b->kind) {
	case B_BULLET: return G_UL;
	case B_FIELD: return G_FIELDS;
	case B_TABLE: case B_ROW: return G_TABLE;
	case B_BAR: return G_BARS;
	case B_HEADLINE: case B_HEADING: case B_PARA: return G_NONE;
	}
	return G_NONE;
}

static void html_close(FILE *out, enum group g)
{
	static const char *const end[] = { [G_NONE] = "", [G_UL] = "</ul>\n",
		[G_FIELDS] = "</ul>\n", [G_TABLE] = "</tbody></table>\n", [G_BARS] = "</div>\n" };
	fputs(end[g], out);
}

static void html_tag(FILE *out, const char *open, const char *text, const char *close)
{
	fputs(open, out);
	doc_html_escape(out, text);
	fputs(close, out);
}

static void html_cells(FILE *out, const struct block *b, const char *cell)
{
	fputs(b->kind == B_TABLE ? "<thead><tr>" : b->tone == DOC_ALERT ? "<tr class=\"alert\">"
	                                                                : "<tr>", out);
	for (int i = 0; i < b->ncols; i++)
		html_tag(out, cell, b->text[i], cell[1] == 't' && cell[2] == 'h' ? "</th>" : "</td>");
	fputs(b->kind == B_TABLE ? "</tr></thead><tbody>\n" : "</tr>\n", out);
}

static void html_bar(FILE *out, const struct block *b)
{
	html_tag(out, "<div class=\"bar\"><span>", b->text[0], "</span>");
	html_tag(out, "<span>", b->text[1], "</span>");
	fprintf(out, "<span class=\"track\"><span class=\"fill\" style=\"width:%.0f%%\">"
	        "</span></span></div>\n", fill(b) * 100);
}

static void html_block(FILE *out, const struct block *b)
{
	bool is_alert = b->tone == DOC_ALERT;
	switch (b->kind) {
	case B_HEADLINE:
		html_tag(out, is_alert ? "<h1 class=\"alert\" role=\"alert\">" : "<h1>", b->text[0],
		         "</h1>\n");
		return;
	case B_HEADING:
		html_tag(out, "<h2>", b->text[0], "</h2>\n");
		return;
	case B_PARA:
		html_tag(out, is_alert ? "<p class=\"alert\">" : b->tone == DOC_QUIET ?
		         "<p class=\"quiet\">" : "<p>", b->text[0], "</p>\n");
		return;
	case B_BULLET:
		html_tag(out, "<li>", b->text[0], "</li>\n");
		return;
	case B_FIELD:
		html_tag(out, "<li><strong>", b->text[0], "");
		fprintf(out, "%s</strong> ", colon(b->text[0]));
		doc_html_escape(out, b->text[1]);
		if (b->text[2] != NULL)
			html_tag(out, " <span class=\"mark\">(", b->text[2], ")</span>");
		fputs("</li>\n", out);
		return;
	case B_TABLE:
		html_cells(out, b, "<th>");
		return;
	case B_ROW:
		html_cells(out, b, "<td>");
		return;
	case B_BAR:
		html_bar(out, b);
		return;
	}
}

static void html_write(const struct doc *d, FILE *out)
{
	static const char *const open[] = { [G_NONE] = "", [G_UL] = "<ul>\n",
		[G_FIELDS] = "<ul class=\"fields\">\n", [G_TABLE] = "",
		[G_BARS] = "<div class=\"bars\">\n" };
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n", out);
	html_tag(out, "<title>", d->title, "</title>\n");
	fprintf(out, "<style>\n%s</style>\n</head>\n<body>\n<main>\n", html_style);
	enum group g = G_NONE;
	for (size_t i = 0; i < d->n; i++) {
		enum group now = group_of(&d->b[i]);
		if (now != g || d->b[i].kind == B_TABLE) {
			html_close(out, g);
			fputs(open[now], out);
			if (now == G_TABLE)
				fprintf(out, "<table class=\"c%d\">", d->b[i].ncols);
			g = now;
		}
		html_block(out, &d->b[i]);
	}
	html_close(out, g);
	fputs("</main>\n</body>\n</html>\n", out);
}

int doc_write(const struct doc *d, enum doc_format format, int width, FILE *out)
{
	if (format == DOC_HTML) {
		html_write(d, out);
	} else {
		for (size_t i = 0; i < d->n; i++) {
			const struct block *prev = i > 0 ? &d->b[i - 1] : NULL;
			if (format == DOC_MARKDOWN)
				md_block(out, &d->b[i], prev);
			else
				text_block(out, &d->b[i], width);
		}
	}
	fflush(out);
	return ferror(out) ? -1 : 0;
}
