/*
 * diag.h - positioned diagnostics: "FILE:LINE:COL: error: message", then the source line and
 * a caret under the column.
 *
 * A struct diag collects diagnostics from every stage (YAML, loader, expressions, answers)
 * and prints them in the order they were reported (or in source order after diag_sort()). Lines and columns are 1-based; a column of
 * 0 means "the whole line" and prints no caret; a line of 0 means "the whole file".
 * After DIAG_MAX_ERRORS errors further errors are counted but not kept, and one final note
 * says how many were left out. The diag owns copies of every string it keeps.
 */
#ifndef BACKCHECK_DIAG_H
#define BACKCHECK_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum { DIAG_MAX_ERRORS = 50 };

/* A place in a source file. file is borrowed and must outlive every use of the position. */
struct srcpos {
	const char *file;
	int line;
	int col;
};

enum diag_severity {
	DIAG_ERROR,
	DIAG_WARNING,
	DIAG_NOTE,
};

struct diag_entry {
	enum diag_severity severity;
	char *file;
	int line;
	int col;
	char *message;
};

struct diag;

/* A new, empty collection. Caller frees with diag_free(). */
struct diag *diag_new(void);
void diag_free(struct diag *d);

/*
 * Registers the text of a source file so that diag_print() can show the offending line.
 * The diag keeps its own copy of the first len bytes. Registering a file twice replaces it.
 */
void diag_add_source(struct diag *d, const char *file, const char *text, size_t len);

/* The same without the copy: text is a malloc'ed buffer of len bytes and a NUL, which the
 * diag now owns and frees (for a file read only to be loaded, so that it is held once). */
void diag_take_source(struct diag *d, const char *file, char *text, size_t len);

/*
 * Records one diagnostic. The message has no trailing newline or full stop convention.
 * diag_error(), diag_warning() and diag_note() translate fmt into the interface's language
 * (i18n.h; xgettext takes their third argument as a message); diag_report() takes fmt as it
 * is, for a message its caller has already translated ("%s", msg).
 */
void diag_report(struct diag *d, enum diag_severity sev, struct srcpos pos,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void diag_error(struct diag *d, struct srcpos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_warning(struct diag *d, struct srcpos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_note(struct diag *d, struct srcpos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Reports "file is larger than 64 MiB" (the cap max in MiB, KiB or bytes, whichever divides
 * it) as an error at file path, line 0: every file read under a size cap says it this way. */
void diag_too_large(struct diag *d, const char *path, size_t max);

/* Counts, including errors past the cap. */
size_t diag_errors(const struct diag *d);
size_t diag_warnings(const struct diag *d);

/* With werror set, warnings are reported and counted as errors from then on. */
void diag_set_werror(struct diag *d, bool werror);

/* True once DIAG_MAX_ERRORS errors are kept: callers may stop early. */
bool diag_is_full(const struct diag *d);

/*
 * Puts the entries from index from on (one file's) in source order: by line, then column,
 * then report order; a note stays right after the entry it explains. Loaders call it when
 * they finish, so that problems found in different passes read from the top of the file down.
 */
void diag_sort(struct diag *d, size_t from);

/* The kept entries, in order; borrowed. */
size_t diag_count(const struct diag *d);
const struct diag_entry *diag_get(const struct diag *d, size_t i);

/*
 * Prints every entry to out: the GNU-style line, then (when the source is registered and the
 * line is known) the source line with tabs kept and a caret under the column.
 */
void diag_print(const struct diag *d, FILE *out);

/* Prints entries only as "FILE:LINE:COL: severity: message" lines (for golden tests). */
void diag_print_brief(const struct diag *d, FILE *out);

#endif
