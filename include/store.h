/*
 * store.h - where backcheck keeps what people answer, and how it writes it without ever
 * leaving a torn file.
 *
 * Layout: finished records are DATA/records/ID.yaml, interviews in progress STATE/QID.yaml
 * with a lock file STATE/QID.lock. DATA is $XDG_DATA_HOME/backcheck (default
 * ~/.local/share/backcheck) and STATE $XDG_STATE_HOME/backcheck (default
 * ~/.local/state/backcheck); --data-dir D or BACKCHECK_DATA_DIR=D moves both, to D/records
 * and D/state. Folders are created 0700 and files 0600: these are health data.
 *
 * Every write goes through a temporary file ".NAME.tmpXXXXXX" in the same folder: written,
 * fsync'ed, closed (checked), then renamed (or linked, for a new record that must not replace
 * another) over its name, and the folder fsync'ed. A process killed at any instant leaves the
 * old file or the new one. A temporary file left by a dead writer is ignored by listings and
 * removed once no writer holds its lock.
 *
 * Functions that can fail return 0 (or an index, or an fd) on success and -1 with the reason
 * reported to the diag at the file concerned (line 0). Strings a function returns are
 * malloc'ed and the caller frees them, as each comment says.
 */
#ifndef BACKCHECK_STORE_H
#define BACKCHECK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

struct diag;

/* Room for an id: "20261128-091530", a collision suffix "-99" and the NUL, with margin. */
enum { STORE_ID_MAX = 32 };

/* Where records and state live. Both strings are malloc'ed; free with store_dirs_free(). */
struct store_dirs {
	char *records;
	char *state;
};

/*
 * The folders for data_dir (the --data-dir option, or NULL) and the environment: data_dir,
 * else BACKCHECK_DATA_DIR, else XDG_DATA_HOME and XDG_STATE_HOME, else HOME's defaults. An
 * empty value counts as unset; a relative XDG value is ignored (the XDG rule); a relative
 * data_dir or BACKCHECK_DATA_DIR is used as given. Creates nothing. Returns 0, or -1 when no
 * folder can be found (no HOME).
 */
int store_dirs_resolve(struct store_dirs *out, const char *data_dir, struct diag *d);

/* The same with the environment given (NULL for unset), for tests. */
int store_dirs_from(struct store_dirs *out, const char *data_dir, const char *env_data_dir,
                    const char *xdg_data, const char *xdg_state, const char *home,
                    struct diag *d);

void store_dirs_free(struct store_dirs *s);

/* Creates path and any missing parents with mode 0700 (an existing folder is left as it is).
 * Returns 0, or -1 with the reason. */
int store_mkdirs(const char *path, struct diag *d);

/*
 * Writes len bytes of buf as dir/name durably (see the top of this file), mode 0600. With
 * is_replace false an existing dir/name is never touched: the call returns 1 and writes
 * nothing. Returns 0 when written, -1 with the reason when writing failed (the temporary file
 * is removed and dir/name is as it was).
 */
int store_write_atomic(const char *dir, const char *name, const void *buf, size_t len,
                       bool is_replace, struct diag *d);

/* The record id for time t in local time: "20261128-091530". buf holds STORE_ID_MAX. */
void store_id_for_time(time_t t, char *buf);

/*
 * Saves a new record dir/ID.yaml, with ID from t, adding "-2", "-3", ... when that id is
 * taken (also by another process at the same instant). Writes the id chosen to id (which
 * holds STORE_ID_MAX). Returns 0, or -1 with the reason.
 */
int store_save_new(const char *dir, time_t t, const void *buf, size_t len, char *id,
                   struct diag *d);

/* Whether name is a record id: 8 digits, '-', 6 digits, optionally '-' and 1-2 digits. */
bool store_is_id(const char *name);

/* The record ids of a folder, sorted (oldest first). */
struct store_ids {
	char **ids;
	size_t n;
};

/*
 * Lists the records in dir: every "ID.yaml". Temporary files are skipped and removed when
 * their writer is gone and they are more than a few seconds old; any other file is reported
 * as a warning by name ("not a backcheck record; left as it is") and skipped. A missing
 * folder is an empty list. Returns 0 (warnings do not fail), or -1 when the folder cannot be
 * read. Free with store_ids_free().
 */
int store_list(const char *dir, struct store_ids *out, struct diag *d);
void store_ids_free(struct store_ids *ids);

/*
 * The index of the record that arg selects: the id itself, else the only id starting with
 * arg. Returns -1 with "no record matches 'X'" or "'X' matches N records: A, B, C; give more
 * of the id" reported to d.
 */
long store_select(const struct store_ids *ids, const char *arg, struct diag *d);

/* Reads dir/name whole (at most max bytes; larger is an error). *buf is malloc'ed and
 * NUL-terminated: caller frees. Returns 0, or -1 with the reason; *is_missing is set when the
 * file does not exist (nothing is reported then). */
int store_read(const char *dir, const char *name, size_t max, char **buf, size_t *len,
               bool *is_missing, struct diag *d);

/* Removes dir/name and makes that durable. A missing file is not an error. */
int store_remove(const char *dir, const char *name, struct diag *d);

/*
 * Takes the lock file dir/name (created 0600) for as long as the returned fd stays open.
 * Never waits: returns -1 with *is_busy set (and nothing reported) when another process holds
 * it, -1 with the reason when the file cannot be opened. Close the fd to release it.
 */
int store_lock(const char *dir, const char *name, bool *is_busy, struct diag *d);

/* A path dir/name, malloc'ed: caller frees. */
char *store_path(const char *dir, const char *name);

#endif
