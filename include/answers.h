/*
 * answers.h - reading an answers file (docs/answers-format.md) into a run.
 *
 * An answers file is a YAML mapping of item id to answer. It is applied in asking order,
 * exactly as an interview would: an answer to an item that is not asked with the other
 * answers, or that comes after a stop rule matched, is ignored with a warning; a required
 * item that is asked but has no answer is an error. Every error names the item and its
 * position: "FILE:LINE:COL: error: pain_now: 11 is above the maximum of 10".
 */
#ifndef BACKCHECK_ANSWERS_H
#define BACKCHECK_ANSWERS_H

#include <stddef.h>

struct diag;
struct engine;
struct value;
struct ynode;

/* Files larger than this are refused before parsing. */
#define ANSWERS_MAX_FILE_SIZE ((size_t)1024 * 1024)

/*
 * Reads the answers file at path and applies it to e (a new run). Returns 0, or -1 when the
 * file has errors (all reported to d; e then holds the answers that were valid). Warnings go
 * to d and to the run (engine_warn), so that they appear in the result. Sets *is_unreadable
 * (when not NULL) if the file could not be opened or read at all.
 */
int answers_load_file(struct engine *e, const char *path, struct diag *d, int *is_unreadable);

/* The same for text in memory; name is used in diagnostics and must outlive d's use of it. */
int answers_load_string(struct engine *e, const char *name, const char *text, size_t len,
                        struct diag *d);

/* The same for answers already read: root is a record's 'answers' mapping, and diagnostics
 * point into the file it was read from. */
int answers_apply(struct engine *e, const struct ynode *root, struct diag *d);

/*
 * Converts one answer n, written as an answers file writes it (a saved check in progress,
 * a record's answer), for item into *out, checked as an answers file's answer is: the same
 * converter per item type, no length limit but the item's own. Strings in *out point into n.
 * Returns 0, or -1 with the reason reported to d at n's position.
 */
int answers_convert(struct engine *e, size_t item, const struct ynode *n, struct value *out,
                    struct diag *d);

#endif
