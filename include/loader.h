/*
 * loader.h - reads a questionnaire file into a model (model.h), checking everything that can
 * be checked before anyone answers: structure, types, ids, ranges, expressions, placeholders,
 * languages. Problems go to a struct diag with exact positions; loading goes on after an
 * error to report as many as it can, up to the diag's cap.
 */
#ifndef BACKCHECK_LOADER_H
#define BACKCHECK_LOADER_H

#include <stddef.h>

struct diag;
struct questionnaire;

/* Files larger than this are refused before parsing. */
#define LOADER_MAX_FILE_SIZE ((size_t)64 * 1024 * 1024)

/*
 * Loads the questionnaire at path. Returns the model (caller frees with questionnaire_free())
 * or NULL with the reasons in d. Warnings (a missing translation) do not prevent loading.
 * Sets *is_unreadable (when not NULL) if the file could not be opened or read at all, so that
 * callers can tell "cannot open" (exit 66) from "bad file" (exit 65).
 */
struct questionnaire *loader_load_file(const char *path, struct diag *d, int *is_unreadable);

/* The same for text already in memory; name is used in diagnostics. */
struct questionnaire *loader_load_string(const char *name, const char *text, size_t len,
                                         struct diag *d);

void questionnaire_free(struct questionnaire *q);

/*
 * The keys the format knows, per mapping kind, NULL-terminated (for the coverage test that
 * checks questionnaires/example.yaml uses all of them, and for "did you mean").
 */
struct loader_keyset {
	const char *context;
	const char *const *keys;
};
extern const struct loader_keyset loader_keysets[];

#endif
