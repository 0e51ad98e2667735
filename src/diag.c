/*
 * diag.c - collects positioned diagnostics and prints them with the source line and a caret.
 * Invariant: entries[0..count) are kept in report order (until diag_sort()), each note right
 * after the entry it explains; errors counts every error reported, kept or not.
 * Columns count bytes (as Vim's quickfix list does); the caret is indented by the display
 * width of the text before it (utf8.h), tabs kept, so that it stands under the right
 * character in UTF-8 text, wide characters included.
 */
#include "diag.h"
#include "ctrl.h"
#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct source {
	char *file;
	char *text;
	size_t len;
};

struct diag {
	struct diag_entry *entries;
	size_t count, cap;
	size_t errors, warnings, dropped;
	bool is_werror;
	struct source *sources;
	size_t nsources;
};

struct diag *diag_new(void)
{
	struct diag *d = xalloc_array(1, sizeof *d);
	return d;
}

void diag_free(struct diag *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->count; i++) {
		free(d->entries[i].file);
		free(d->entries[i].message);
	}
	for (size_t i = 0; i < d->nsources; i++) {
		free(d->sources[i].file);
		free(d->sources[i].text);
	}
	free(d->entries);
	free(d->sources);
	free(d);
}

void diag_take_source(struct diag *d, const char *file, char *text, size_t len)
{
	struct source *s = NULL;
	char *name = ctrl_escape_dup(file, false);
	for (size_t i = 0; i < d->nsources; i++)
		if (strcmp(d->sources[i].file, name) == 0)
			s = &d->sources[i];
	if (s == NULL) {
		d->sources = xalloc_resize(d->sources, d->nsources + 1, sizeof *d->sources);
		s = &d->sources[d->nsources++];
		s->file = name;
	} else {
		free(name);
		free(s->text);
	}
	s->text = text;
	s->len = len;
}

void diag_add_source(struct diag *d, const char *file, const char *text, size_t len)
{
	char *copy = xalloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	diag_take_source(d, file, copy, len);
}

static void vreport(struct diag *d, enum diag_severity sev, struct srcpos pos,
                    const char *fmt, va_list ap)
{
	if (sev == DIAG_WARNING && d->is_werror)
		sev = DIAG_ERROR;
	if (sev == DIAG_ERROR)
		d->errors++;
	else if (sev == DIAG_WARNING)
		d->warnings++;
	if (sev == DIAG_ERROR && d->errors > DIAG_MAX_ERRORS) {
		d->dropped++;
		return;
	}
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	char *msg = xalloc(n < 0 ? 1 : (size_t)n + 1);
	if (n < 0)
		msg[0] = '\0';
	else
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
	d->entries = xalloc_grow(d->entries, &d->cap, d->count + 1, 16, sizeof *d->entries);
	/* Messages quote keys, values and file names from files: never send their control
	 * characters to the terminal. */
	d->entries[d->count++] = (struct diag_entry){
		.severity = sev,
		.file = ctrl_escape_dup(pos.file ? pos.file : "<input>", false),
		.line = pos.line,
		.col = pos.col,
		.message = ctrl_escape_dup(msg, true),
	};
	free(msg);
}

void diag_report(struct diag *d, enum diag_severity sev, struct srcpos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(d, sev, pos, fmt, ap);
	va_end(ap);
}

/* diag_error(), diag_warning() and diag_note() translate their format (xgettext knows them
 * as keywords, XGETTEXT_FLAGS in the Makefile); diag_report() takes it as it is. */
void diag_error(struct diag *d, struct srcpos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(d, DIAG_ERROR, pos, gettext(fmt), ap);
	va_end(ap);
}

void diag_warning(struct diag *d, struct srcpos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(d, DIAG_WARNING, pos, gettext(fmt), ap);
	va_end(ap);
}

void diag_note(struct diag *d, struct srcpos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(d, DIAG_NOTE, pos, gettext(fmt), ap);
	va_end(ap);
}

size_t diag_errors(const struct diag *d) { return d->errors; }
size_t diag_warnings(const struct diag *d) { return d->warnings; }
void diag_set_werror(struct diag *d, bool werror) { d->is_werror = werror; }
bool diag_is_full(const struct diag *d) { return d->errors >= DIAG_MAX_ERRORS; }
size_t diag_count(const struct diag *d) { return d->count; }

const struct diag_entry *diag_get(const struct diag *d, size_t i)
{
	return i < d->count ? &d->entries[i] : NULL;
}

/* Where an entry sorts: its group's head (an error or warning with the notes that follow it)
 * by position, then report order. */
struct sort_key {
	int line, col;
	size_t head, index;
};

static int by_position(const void *pa, const void *pb)
{
	const struct sort_key *a = pa, *b = pb;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	if (a->head != b->head)
		return a->head < b->head ? -1 : 1;
	return a->index < b->index ? -1 : a->index > b->index;
}

void diag_sort(struct diag *d, size_t from)
{
	if (from >= d->count)
		return;
	size_t n = d->count - from;
	struct sort_key *k = xalloc_resize(NULL, n, sizeof *k);
	struct diag_entry *e = d->entries + from;
	for (size_t i = 0, head = 0; i < n; i++) {
		if (e[i].severity != DIAG_NOTE || i == 0)
			head = i;
		k[i] = (struct sort_key){ e[head].line, e[head].col, head, i };
	}
	qsort(k, n, sizeof *k, by_position);
	struct diag_entry *sorted = xalloc_resize(NULL, n, sizeof *sorted);
	for (size_t i = 0; i < n; i++)
		sorted[i] = e[k[i].index];
	memcpy(e, sorted, n * sizeof *sorted);
	free(sorted);
	free(k);
}

static const char *const severity_name[] = {
	[DIAG_ERROR] = NP_("diagnostic", "error"),
	[DIAG_WARNING] = NP_("diagnostic", "warning"),
	[DIAG_NOTE] = NP_("diagnostic", "note"),
};

static void print_head(const struct diag_entry *e, FILE *out)
{
	if (e->line > 0 && e->col > 0)
		fprintf(out, "%s:%d:%d: ", e->file, e->line, e->col);
	else if (e->line > 0)
		fprintf(out, "%s:%d: ", e->file, e->line);
	else
		fprintf(out, "%s: ", e->file);
	fprintf(out, "%s: %s\n", i18n_pgettext(severity_name[e->severity]), e->message);
}

/* Finds line number `line` (1-based) of s; returns its start and sets *len, or NULL. */
static const char *find_line(const struct source *s, int line, size_t *len)
{
	const char *p = s->text, *end = s->text + s->len;
	for (int i = 1; i < line; i++) {
		p = memchr(p, '\n', (size_t)(end - p));
		if (p == NULL)
			return NULL;
		p++;
	}
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	*len = (size_t)((nl ? nl : end) - p);
	if (*len > 0 && p[*len - 1] == '\r')
		(*len)--;
	return p;
}

/* Blanks as wide as line[0..n) on a terminal; its tabs stay tabs. */
static void print_indent(const char *line, size_t n, FILE *out)
{
	for (size_t k = 0; k < n;) {
		const char *tab = memchr(line + k, '\t', n - k);
		size_t end = tab != NULL ? (size_t)(tab - line) : n;
		fprintf(out, "%*s", (int)utf8_width(line + k, end - k), "");
		if (tab != NULL)
			fputc('\t', out);
		k = end + 1;
	}
}

static void print_excerpt(const struct diag *d, const struct diag_entry *e, FILE *out)
{
	if (e->line <= 0)
		return;
	for (size_t i = 0; i < d->nsources; i++) {
		const struct source *s = &d->sources[i];
		if (strcmp(s->file, e->file) != 0)
			continue;
		size_t len;
		const char *p = find_line(s, e->line, &len);
		if (p == NULL)
			return;
		if (len > 200)
			len = 200;
		fputs("    ", out);
		for (size_t k = 0; k < len; k++)
			fputc((unsigned char)p[k] < 0x20 && p[k] != '\t' ? '?' : p[k], out);
		fputc('\n', out);
		if (e->col <= 0 || (size_t)e->col > len + 1)
			return;
		fputs("    ", out);
		print_indent(p, (size_t)e->col - 1, out);
		fputs("^\n", out);
		return;
	}
}

static void print_dropped(const struct diag *d, FILE *out)
{
	if (d->dropped > 0)
		fprintf(out, ngettext("backcheck: %zu more error not shown\n",
		                      "backcheck: %zu more errors not shown\n", d->dropped),
		        d->dropped);
}

void diag_print(const struct diag *d, FILE *out)
{
	for (size_t i = 0; i < d->count; i++) {
		print_head(&d->entries[i], out);
		print_excerpt(d, &d->entries[i], out);
	}
	print_dropped(d, out);
}

void diag_print_brief(const struct diag *d, FILE *out)
{
	for (size_t i = 0; i < d->count; i++)
		print_head(&d->entries[i], out);
	print_dropped(d, out);
}

void diag_too_large(struct diag *d, const char *path, size_t max)
{
	struct srcpos at = { path, 0, 0 };
	const size_t mib = (size_t)1024 * 1024;
	if (max >= mib && max % mib == 0)
		diag_error(d, at, "file is larger than %zu MiB", max / mib);
	else if (max >= 1024 && max % 1024 == 0)
		diag_error(d, at, "file is larger than %zu KiB", max / 1024);
	else
		diag_error(d, at, "file is larger than %zu bytes", max);
}
