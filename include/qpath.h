/*
 * qpath.h - finding a questionnaire by path or by id.
 *
 * An argument that contains '/' or ends in .yaml or .yml is a path. Anything else is an id,
 * looked up as ID.yaml in, in order: each folder of $BACKCHECK_QUESTIONNAIRES (colon-
 * separated; empty entries are skipped), <exe>/../share/backcheck/questionnaires, the
 * compiled-in BACKCHECK_DATADIR/questionnaires, and the source tree's questionnaires/ found
 * relative to the executable (so that a build that is not installed works from any folder).
 * qpath_load() is the one way a command finds, loads and reports on a questionnaire.
 */
#ifndef BACKCHECK_QPATH_H
#define BACKCHECK_QPATH_H

#include <stdbool.h>
#include <stddef.h>

/* The default questionnaire's id. */
#define QPATH_DEFAULT_ID "back-recovery"

/* Whether s is a questionnaire id: one or more letters, digits, '-' and '_' (so never a path).
 * The loader holds a questionnaire's id to this; a record's is checked against it before it is
 * looked up. */
bool qpath_is_id(const char *s);

/*
 * Resolves arg to a file path in buf (bufsz bytes). Returns 0, or -1 when arg is an id that
 * no folder holds; then buf holds the folders searched, separated by ", ", for the message.
 */
int qpath_find(const char *arg, char *buf, size_t bufsz);

struct questionnaire;

/* What qpath_load() writes to standard error. */
enum qpath_say {
	/* What stops the loading; warnings (a missing translation) are for `backcheck lint`. */
	QPATH_SAY_ERRORS,
	/* Every diagnostic, warnings too. */
	QPATH_SAY_ALL,
	/* Nothing: the caller goes on without a questionnaire. */
	QPATH_SAY_NOTHING,
};

/*
 * Finds arg (qpath_find()) and loads it. Returns the questionnaire (the caller frees it with
 * questionnaire_free()) and leaves *status alone, or NULL with *status set to 66 (no such
 * questionnaire, or its file cannot be read) or 65 (it is not a valid questionnaire).
 * Messages start "backcheck CMD: ", or "backcheck: " when cmd is NULL.
 */
struct questionnaire *qpath_load(const char *arg, const char *cmd, enum qpath_say say,
                                 int *status);

/* The folder of the running executable (from /proc/self/exe, links resolved) in dir, or ""
 * when it is unknown. The installed tree and the build tree are found relative to it. */
void qpath_exe_dir(char *dir, size_t dirsz);

#endif
