/*
 * testlib.h - what every test program shares: the built binary's path, a file slurper that
 * never truncates, and a runner that starts the binary and keeps its standard output,
 * standard error and exit status.
 *
 * Everything returned is the caller's to free (tl_run_free() for a run). A step that cannot
 * be done (a temporary file, a fork) fails the test with cmocka's fail_msg: never a quiet
 * skip. Include after <cmocka.h>.
 */
#ifndef BACKCHECK_TESTLIB_H
#define BACKCHECK_TESTLIB_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The build folder under test: $BUILD (set by tests/run-tests), else build/debug. */
const char *tl_build(void);

/* The binary under test, $BUILD/backcheck. */
const char *tl_binary(void);

/* The whole file at path, NUL-terminated, however long; its length in *len when len is not
 * NULL. NULL when it cannot be opened (errno kept). Caller frees. */
char *tl_slurp(const char *path, size_t *len);

/* tl_slurp(), but a file that cannot be opened fails the test, naming it. */
char *tl_read(const char *path);

/* The whole content of the open file fd from offset 0 (its position is not used; a pipe is
 * read to its end). */
char *tl_slurp_fd(int fd, size_t *len);

/* Writes len bytes of text to a new file at path (replacing one there), or fails the test. */
void tl_write(const char *path, const char *text, size_t len);

/* Keeps text as $BUILD/json/NAME.json (the folder made when missing), for a test that checks
 * every kept result against docs/output.schema.json (tests/check-schema). */
void tl_keep_json(const char *name, const char *text);

/* A new temporary folder /tmp/PREFIX.XXXXXX. Caller frees (tl_rm_tree() removes and frees). */
char *tl_temp_dir(const char *prefix);

/* Removes the folder dir and everything in it (symbolic links are removed, never followed),
 * then frees dir. */
void tl_rm_tree(char *dir);

/* How many entries folder dir holds ("." and ".." aside); a folder that cannot be read
 * fails the test. */
size_t tl_count_entries(const char *dir);

struct diag;

/* The diagnostics of d as diag_print_brief() writes them. Caller frees. */
char *tl_diag_brief(const struct diag *d);

/* How to start the binary. Zero is the default for every field. */
struct tl_run_opts {
	/* Another program than tl_binary(). */
	const char *bin;
	/* Standard input from this file (NULL: /dev/null), or else this text when typed is not
	 * NULL (a piped interview: "34\n1\n"). */
	const char *input;
	const char *typed;
	/* Applied in the child, in order: "NAME=VALUE" sets, "NAME" unsets. NULL-terminated. */
	const char *const *env;
	/* When set, the child's umask is umask_to. */
	bool has_umask;
	mode_t umask_to;
	/* When not 0, the child ends with SIGALRM after this many seconds (a hang fails the
	 * test with status 142 instead of hanging the test run). */
	unsigned alarm_s;
	/* When has_input_fd, standard input is the open file input_fd instead (it shares its
	 * offset, so the test sees how far the binary read). */
	bool has_input_fd;
	int input_fd;
	/* Standard output to this file (a shell's "> FILE", such as /dev/full) instead. */
	const char *stdout_path;
	/* When has_fsize, files are limited to fsize bytes (RLIMIT_FSIZE, SIGXFSZ ignored): a
	 * disk that fills up. */
	bool has_fsize;
	long fsize;
};

/* One finished run: its status (the exit status, or 128 + the signal) and both outputs,
 * whole and NUL-terminated. */
struct tl_run {
	int status;
	char *out, *err;
	size_t out_len, err_len;
};

/* Runs the binary (argv[0] "backcheck") with args (NULL-terminated) as o says (NULL: the
 * defaults) and waits for it. */
struct tl_run tl_run(const char *const *args, const struct tl_run_opts *o);

void tl_run_free(struct tl_run *r);

/* Checks a finished run: its status, and its whole standard output and standard error
 * where out and err are not NULL; then frees it. */
void tl_run_expect(struct tl_run *r, int status, const char *out, const char *err);

/* For a child about to start the binary (tl_run(), tl_pty_spawn()): env applied in order
 * ("NAME=VALUE" sets, "NAME" unsets; NULL: none), standard output to stdout_path when not
 * NULL, files limited to fsize bytes when has_fsize. A step that fails ends the child with
 * status 127 and says why on its standard error. */
void tl_child_setup(const char *const *env, const char *stdout_path, bool has_fsize, long fsize);

/* In a child: starts bin with argv[0] set to argv0 and then args (NULL-terminated). Never
 * returns; status 127 when bin cannot be started. */
_Noreturn void tl_child_exec(const char *bin, const char *argv0, const char *const *args);

/* Sets the C.UTF-8 locale (display widths follow it: utf8.h), or fails the test saying the
 * locale is missing: widths are never tested in another locale by accident. Fits cmocka's
 * group setup. Returns 0. */
int tl_utf8_locale(void **state);

#endif
