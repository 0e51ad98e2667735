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
 * Every write goes through atomic.h: a temporary file ".NAME.tmpXXXXXX" in the same folder,
 * written, fsync'ed, closed (checked), then renamed (or linked, for a new record that must
 * not replace another) over its name, and the folder fsync'ed. A process killed at any
 * instant leaves the old file or the new one. A temporary file left by a dead writer is ignored by listings and
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
#include <stdio.h>
#include <time.h>

#include "value.h"

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
 * path itself must then be a real folder (not a symbolic link) that only its owner can
 * change. Returns 0, or -1 with the reason. */
int store_mkdirs(const char *path, struct diag *d);

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

/* Removes the temporary files of dead writers from dir, as store_list() does; for the state
 * folder, which is not listed. A missing folder is fine. */
void store_clean_temps(const char *dir);

/*
 * The index of the record that arg selects: the id itself, else the only id starting with
 * arg. Returns -1 with "no record matches 'X'", or -2 (ambiguous) with "'X' matches N
 * records: A, B, C; give more of the id", reported to d.
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

/* --- Records (store_record.c) ----------------------------------------------------------- */

struct answers_list;
struct arena;
struct questionnaire;

/* A part of a file as read, kept whole to be written out again: a record for export and
 * show's JSON and answers, a check in progress's audit trail for the record that finishes it.
 * Only the store's own files look inside (store_int.h). */
struct store_tree;

/* The record format this backcheck writes; it also reads every older one (docs/history.md). */
enum { STORE_FORMAT_VERSION = 1 };

/* A record file is refused above this size. */
#define STORE_MAX_RECORD_SIZE ((size_t)4 * 1024 * 1024)

enum store_higher_is {
	STORE_HIGHER_NEUTRAL,
	STORE_HIGHER_WORSE,
	STORE_HIGHER_BETTER,
};

struct store_score {
	const char *id;
	/* The score's title when the record gives it, else its id. */
	const char *title;
	double value;
	/* The declared range; min == max when the record does not say. */
	double min, max;
	enum store_higher_is higher_is;
};

/* A line of a record's reasons, advice or what would change, as the person saw it. */
struct store_line {
	const char *text;
	/* The reason that decided the outcome. */
	bool is_decisive;
};

struct store_lines {
	const struct store_line *v;
	size_t n;
};

/* What history, show, compare, export and the clinician's outputs need from one record,
 * whatever its format_version: store_record.c is the one place that knows where a record
 * keeps each of these. Every pointer is into the arena the record was read into. */
struct store_record {
	const char *id;
	const char *file;
	int format_version;
	/* RFC 3339 with the offset of the time it was made: "2026-11-28T09:15:30+00:00". */
	const char *generated_at;
	const char *questionnaire_id;
	/* NULL in records that do not give them. */
	const char *questionnaire_version;
	const char *questionnaire_sha256;
	const char *outcome_id;
	const char *outcome_title;
	long severity;
	struct store_score *scores;
	size_t nscores;
	/* The texts shown then: the outcome's summary, the safety net and the disclaimer; NULL
	 * when the record does not give them (format 0 gives none). */
	const char *outcome_summary, *safety_net, *disclaimer;
	/* Why, the advice and what would change, as shown then (empty in format 0). */
	struct store_lines reasons, advice, changes;
	/* The clinician's patient line (store_record_text()), or NULL. */
	const char *subject, *patient;
	/* The items whose answer the person changed from one answer to another, by id, in the
	 * order of the audit trail (an id may come more than once). */
	const char *const *revised;
	size_t nrevised;
	/* The answers, as an answers file writes them (answers.h), or NULL when the record has
	 * none. */
	const struct answers_list *answers;
	/* The whole document as read, for export (which writes it whole). */
	const struct store_tree *doc;
};

/*
 * Reads a record from text (the contents of file, for messages) into out, in arena a.
 * Returns 0, or -1 with what is wrong reported to d at its position ("missing 'outcome'",
 * "'scores' should be a mapping", "format_version 7 is newer than this backcheck reads").
 */
int store_record_parse(struct arena *a, struct diag *d, const char *file, const char *id,
                       const char *text, size_t len, struct store_record *out);

/*
 * Reads every record in dir, oldest first, into a (an array of *n records in *out). A record
 * that cannot be read is reported as a warning by name, with the reason, and skipped; it is
 * never changed. Returns 0, or -1 only when the folder cannot be read.
 */
int store_records_load(struct arena *a, const char *dir, struct store_record **out, size_t *n,
                       struct diag *d);

/* The score called id in r, or NULL. */
const struct store_score *store_record_score(const struct store_record *r, const char *id);

/* --- History, show, compare: the texts are history.h's; their JSON (store_json.c) -------- */

enum store_format {
	STORE_FORMAT_TEXT,
	STORE_FORMAT_JSON,
	STORE_FORMAT_ANSWERS,
};

/* JSON (store_json.c, the only file here that includes <jansson.h>). Return 0, or -1 when
 * the output cannot be written or a value cannot be converted. */
int store_json_history(const struct store_record *r, size_t n, FILE *out);
int store_json_record(const struct store_record *r, FILE *out);
int store_json_export(const struct store_record *r, size_t n, FILE *out);

/* The record's answers as a YAML answers file ("{}" when it has none), as they are in it;
 * for `show --format answers`. (store_export.c) */
int store_yaml_answers(const struct store_record *r, FILE *out);

/* The same records as YAML ({format_version, records}, like the JSON) and as CSV (a header
 * row, then one row per record: id, generated_at, questionnaire, questionnaire_version,
 * outcome, outcome_title, severity, then score.ID and answer.ID columns for every score and
 * answer any record has; lists joined with spaces; CRLF line ends, RFC 4180 quoting, and a
 * ' before a text a spreadsheet would run as a formula). (store_export.c) */
int store_yaml_export(const struct store_record *r, size_t n, FILE *out);
int store_csv_export(const struct store_record *r, size_t n, FILE *out);

/* --- Making records from a run (store_save.c) --------------------------------------------- */

struct engine;
struct engine_result;
struct store_state;

/*
 * The record of a decided run as YAML text, the one way a record is written: the JSON
 * result's fields (the tree render_json writes) with the record's format_version, score_details and
 * audit trail (the entries of prior, the check in progress it resumed, or none when prior is
 * NULL; then the run's own changes from index skip on), and the clinician's patient line:
 * `subject` (an id) and `patient` (a name), each only when not NULL, never part of the
 * answers. *buf is malloc'ed (caller frees). Returns 0, or -1 when the result cannot be put
 * into a record.
 */
int store_record_text(struct engine *e, const struct engine_result *r,
                      const struct store_state *prior, size_t skip, const char *subject,
                      const char *patient, char **buf, size_t *len);

/* t as RFC 3339 in UTC, "2026-11-28T09:15:30Z"; buf holds at least 32 bytes. */
void store_time_text(time_t t, char *buf, size_t sz);

/* Saves a decided run as a new record under data_dir (see store_dirs_resolve()), with the
 * patient line when given; writes the id chosen to id (STORE_ID_MAX). For
 * `run --answers --save`. Returns 0, or -1 with the reason. */
int store_save_result(const char *data_dir, struct engine *e, const struct engine_result *r,
                      const char *subject, const char *patient, char *id, struct diag *d);

/* --- Checks in progress (store_state.c) ------------------------------------------------- */

/* A check in progress as saved: STATE/QID.yaml. Pointers are into the arena it was read
 * into (or, for writing, borrowed from the caller). */
struct store_state {
	/* RFC 3339; NULL when the file does not give it. */
	const char *started_at;
	/* NULL when the file does not give it. */
	const char *questionnaire_sha256;
	/* A re-check (its defaults and "since your last check" come back on resuming). */
	bool is_recheck;
	/* The answers so far, as an answers file writes them (answers.h); never NULL when read. */
	const struct answers_list *answers;
	/* The audit trail so far, or NULL. */
	const struct store_tree *audit;
};

/*
 * Writes e's answers and audit trail as the check in progress of its questionnaire,
 * dir/QID.yaml, durably and 0600, with st's started_at, is_recheck and prior audit (the
 * run's own audit entries from index skip on follow). Returns 0, or -1 with the reason.
 */
int store_state_write(const char *dir, const struct engine *e, const struct store_state *st,
                      size_t skip, struct diag *d);

/*
 * Reads dir/QID.yaml into *out (in a). Returns 0; 1 when there is none; -1 when it cannot be
 * read or is not a check in progress of qid, with the reason reported to d. The file is
 * never changed.
 */
int store_state_read(struct arena *a, const char *dir, const char *qid, struct store_state *out,
                     struct diag *d);

/*
 * Moves dir/QID.yaml out of the way, bytes and all, as QID.unreadable-ID.yaml (ID from now;
 * "-2", "-3" ... when taken; never replacing a file). Returns the new path (malloc'ed:
 * caller frees), or NULL with the reason reported to d and the file left where it was.
 */
char *store_state_set_aside(const char *dir, const char *qid, time_t now, struct diag *d);

/* Removes dir/QID.yaml durably; a missing file is fine. Returns 0, or -1 with the reason. */
int store_state_remove(const char *dir, const char *qid, struct diag *d);

#endif
