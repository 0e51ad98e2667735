/* test_store.c - folders, atomic writes, ids, listings, selection, locks, and the kill test. */
#define _GNU_SOURCE /* asprintf */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "testlib.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "atomic.h"
#include "diag.h"
#include "store.h"

/* --- Helpers ------------------------------------------------------------------------------ */

static void assert_diag(const struct diag *d, const char *expected)
{
	char *out = tl_diag_brief(d);
	assert_string_equal(out, expected);
	free(out);
}

static void write_file(const char *dir, const char *name, const char *text)
{
	char *path = store_path(dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	free(path);
}

static bool exists(const char *dir, const char *name)
{
	char *path = store_path(dir, name);
	bool is = access(path, F_OK) == 0;
	free(path);
	return is;
}

static int mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return (int)(st.st_mode & 07777);
}

/* --- Folders ------------------------------------------------------------------------------ */

struct dirs_case {
	const char *data_dir, *env, *xdg_data, *xdg_state, *home;
	const char *records, *state;
};

static void test_dirs_resolution_order(void **state)
{
	(void)state;
	static const struct dirs_case cases[] = {
		{ "/d", "/e", "/x", "/s", "/h", "/d/records", "/d/state" },
		{ "", "/e", "/x", "/s", "/h", "/e/records", "/e/state" },
		{ NULL, "rel", NULL, NULL, "/h", "rel/records", "rel/state" },
		{ NULL, "", "/x", "/s", "/h", "/x/backcheck/records", "/s/backcheck" },
		{ NULL, NULL, "", "", "/h", "/h/.local/share/backcheck/records", "/h/.local/state/backcheck" },
		{ NULL, NULL, "x", "s/t", "/h", "/h/.local/share/backcheck/records", "/h/.local/state/backcheck" },
		{ NULL, NULL, "/x", NULL, "/h", "/x/backcheck/records", "/h/.local/state/backcheck" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct dirs_case *c = &cases[i];
		struct diag *d = diag_new();
		struct store_dirs s;
		assert_int_equal(store_dirs_from(&s, c->data_dir, c->env, c->xdg_data, c->xdg_state,
		                                 c->home, d), 0);
		assert_string_equal(s.records, c->records);
		assert_string_equal(s.state, c->state);
		store_dirs_free(&s);
		diag_free(d);
	}
}

static void test_dirs_without_home(void **state)
{
	(void)state;
	struct diag *d = diag_new();
	struct store_dirs s;
	assert_int_equal(store_dirs_from(&s, NULL, NULL, "/x", NULL, "", d), -1);
	assert_null(s.records);
	assert_diag(d, "backcheck: error: cannot tell where to keep your records: HOME is not set "
	               "(use --data-dir or set BACKCHECK_DATA_DIR)\n");
	diag_free(d);
}

static void test_mkdirs_creates_private_folders(void **state)
{
	(void)state;
	char *dir = tl_temp_dir("test_store");
	char *deep = store_path(dir, "a/b/c");
	struct diag *d = diag_new();
	assert_int_equal(store_mkdirs(deep, d), 0);
	assert_int_equal(store_mkdirs(deep, d), 0);
	assert_int_equal(mode_of(deep), 0700);
	char *mid = store_path(dir, "a/b");
	assert_int_equal(mode_of(mid), 0700);
	assert_int_equal(diag_errors(d), 0);
	free(mid);
	free(deep);
	tl_rm_tree(dir);
	diag_free(d);
}

static void test_mkdirs_file_in_the_way(void **state)
{
	(void)state;
	char *dir = tl_temp_dir("test_store");
	write_file(dir, "f", "x");
	char *deep = store_path(dir, "f/records");
	char *f = store_path(dir, "f");
	struct diag *d = diag_new();
	assert_int_equal(store_mkdirs(deep, d), -1);
	char *expected = NULL;
	assert_true(asprintf(&expected, "%s: error: is not a folder\n", f) > 0);
	assert_diag(d, expected);
	free(expected);
	free(f);
	free(deep);
	tl_rm_tree(dir);
	diag_free(d);
}

/* --- Writes -------------------------------------------------------------------------------- */

static void test_write_atomic_private_and_complete(void **state)
{
	(void)state;
	char *dir = tl_temp_dir("test_store");
	struct diag *d = diag_new();
	umask(022);
	assert_int_equal(atomic_write(dir, "r.yaml", "one\n", 4, ATOMIC_REPLACE, d), 0);
	char *path = store_path(dir, "r.yaml");
	assert_int_equal(mode_of(path), 0600);
	assert_int_equal(atomic_write(dir, "r.yaml", "second\n", 7, ATOMIC_REPLACE, d), 0);
	char *buf;
	size_t len;
	bool is_missing;
	assert_int_equal(store_read(dir, "r.yaml", 100, &buf, &len, &is_missing, d), 0);
	assert_string_equal(buf, "second\n");
	assert_int_equal(len, 7);
	assert_int_equal(tl_count_entries(dir), 1);
	assert_int_equal(diag_errors(d), 0);
	free(buf);
	free(path);
	tl_rm_tree(dir);
	diag_free(d);
}

static void test_write_atomic_never_replaces_without_leave(void **state)
{
	(void)state;
	char *dir = tl_temp_dir("test_store");
	struct diag *d = diag_new();
	assert_int_equal(atomic_write(dir, "r.yaml", "old\n", 4, ATOMIC_NEW, d), 0);
	assert_int_equal(atomic_write(dir, "r.yaml", "new\n", 4, ATOMIC_NEW, d), 1);
	char *buf;
	size_t len;
	bool is_missing;
	assert_int_equal(store_read(dir, "r.yaml", 100, &buf, &len, &is_missing, d), 0);
	assert_string_equal(buf, "old\n");
	assert_int_equal(tl_count_entries(dir), 1);
	free(buf);
	tl_rm_tree(dir);
	diag_free(d);
}

/* A streamed write (as -o's result) whose name is taken meanwhile: the commit says so with
 * 1, and atomic_keep() leaves the written file under its temporary name, locked no longer. */
static void test_write_atomic_kept_when_name_taken(void **state)
{
	(void)state;
	char *dir = tl_temp_dir("test_store");
	struct diag *d = diag_new();
	struct atomic w;
	assert_int_equal(atomic_begin(&w, dir, "r.txt", d), 0);
	assert_int_equal(write(w.fd, "result\n", 7), 7);
	write_file(dir, "r.txt", "theirs\n");
	assert_int_equal(atomic_commit(&w, ATOMIC_NEW, d), 1);
	char *kept = strdup(atomic_keep(&w));
	atomic_end(&w);
	assert_int_equal(diag_errors(d), 0);
	assert_int_equal(tl_count_entries(dir), 2);
	assert_int_equal(mode_of(kept), 0600);
	const char *base = strrchr(kept, '/') + 1;
	assert_int_equal(strncmp(base, ".r.txt" ATOMIC_TMP_MARK, 10), 0);
	assert_int_equal(strlen(base), 16);
	char *buf;
	size_t len;
	bool is_missing;
	assert_int_equal(store_read(dir, base, 100, &buf, &len, &is_missing, d), 0);
	assert_string_equal(buf, "result\n");
	free(buf);
	assert_int_equal(store_read(dir, "r.txt", 100, &buf, &len, &is_missing, d), 0);
	assert_string_equal(buf, "theirs\n");
	free(buf);
	/* Without atomic_keep() the temporary file goes. */
	assert_int_equal(atomic_begin(&w, dir, "r.txt", d), 0);
	assert_int_equal(atomic_commit(&w, ATOMIC_NEW, d), 1);
	atomic_end(&w);
	assert_int_equal(tl_count_entries(dir), 2);
	free(kept);
	tl_rm_tree(dir);
	diag_free(d);
}

static void test_write_atomic_missing_folder(void **state)
{
	(void)state;
	struct diag *d = diag_new();
	assert_int_equal(atomic_write("/nonexistent/backcheck", "r.yaml", "x", 1, ATOMIC_REPLACE, d),
	                 -1);
	assert_diag(d, "/nonexistent/backcheck: error: cannot create a file in folder: "
	               "No such file or directory\n");
	diag_free(d);
}

static void test_save_new_adds_suffix_on_collision(void **state)
{
	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	char *dir = tl_temp_dir("test_store");
	struct diag *d = diag_new();
	char id[STORE_ID_MAX];
	time_t t = 1795857330; /* 2026-11-28 09:15:30 UTC */
	static const char *const want[] = { "20261128-091530", "20261128-091530-2",
	                                    "20261128-091530-3" };
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(store_save_new(dir, t, "x\n", 2, id, d), 0);
		assert_string_equal(id, want[i]);
	}
	char *path = store_path(dir, "20261128-091530-2.yaml");
	assert_int_equal(mode_of(path), 0600);
	assert_int_equal(tl_count_entries(dir), 3);
	free(path);
	tl_rm_tree(dir);
	diag_free(d);
}

static void test_is_id(void **state)
{
	(void)state;
	static const struct { const char *s; bool is; } cases[] = {
		{ "20261128-091530", true },     { "20261128-091530-2", true },
		{ "20261128-091530-99", true },  { "20261128-091530-0", false },
		{ "20261128-091530-100", false }, { "20261128-09153", false },
		{ "2026112x-091530", false },    { "20261128_091530", false },
		{ "20261128-091530-", false },   { "", false },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_int_equal(store_is_id(cases[i].s), cases[i].is);
}

/* --- Listing and selection ---------------------------------------------------------------- */

static void age_file(const char *dir, const char *name, time_t seconds)
{
	char *path = store_path(dir, name);
	struct timespec ts[2] = { { time(NULL) - seconds, 0 }, { time(NULL) - seconds, 0 } };
	assert_int_equal(utimensat(AT_FDCWD, path, ts, 0), 0);
	free(path);
}

static void test_list_sorted_skips_foreign_and_cleans_temps(void **state)
{
	(void)state;
	char *dir = tl_temp_dir("test_store");
	struct diag *d = diag_new();
	write_file(dir, "20261128-091530.yaml", "a");
	write_file(dir, "20261101-080000.yaml", "b");
	write_file(dir, "notes.txt", "mine");
	write_file(dir, ".20261128-091530.yaml.tmpAbC123", "torn");
	write_file(dir, ".20261128-091531.yaml.tmpXyZ789", "in progress");
	write_file(dir, ".20261128-091532.yaml.tmpLoCkEd", "locked");
	age_file(dir, ".20261128-091530.yaml.tmpAbC123", 3600);
	age_file(dir, ".20261128-091532.yaml.tmpLoCkEd", 3600);
	char *locked = store_path(dir, ".20261128-091532.yaml.tmpLoCkEd");
	int fd = open(locked, O_RDONLY);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	struct store_ids ids;
	assert_int_equal(store_list(dir, &ids, d), 0);
	assert_int_equal(ids.n, 2);
	assert_string_equal(ids.ids[0], "20261101-080000");
	assert_string_equal(ids.ids[1], "20261128-091530");
	char *expected = NULL;
	assert_true(asprintf(&expected, "%s/notes.txt: warning: not a backcheck record; "
	                                "left as it is\n", dir) > 0);
	assert_diag(d, expected);
	assert_false(exists(dir, ".20261128-091530.yaml.tmpAbC123"));
	assert_true(exists(dir, ".20261128-091531.yaml.tmpXyZ789"));
	assert_true(exists(dir, ".20261128-091532.yaml.tmpLoCkEd"));
	assert_true(exists(dir, "notes.txt"));
	close(fd);
	free(expected);
	free(locked);
	store_ids_free(&ids);
	tl_rm_tree(dir);
	diag_free(d);
}

/* Records of one second sort by their sequence number, "-2" before "-10", after the first. */
static void test_list_sorts_by_time_then_sequence(void **state)
{
	(void)state;
	char *dir = tl_temp_dir("test_store");
	struct diag *d = diag_new();
	static const char *const names[] = { "20261128-091530-10.yaml", "20261128-091530-2.yaml",
	                                     "20261128-091531.yaml", "20261128-091530.yaml",
	                                     "20261128-091530-9.yaml", "20261127-235959-3.yaml" };
	for (size_t i = 0; i < 6; i++)
		write_file(dir, names[i], "x");
	struct store_ids ids;
	assert_int_equal(store_list(dir, &ids, d), 0);
	assert_int_equal(ids.n, 6);
	static const char *const want[] = { "20261127-235959-3", "20261128-091530",
	                                    "20261128-091530-2", "20261128-091530-9",
	                                    "20261128-091530-10", "20261128-091531" };
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(ids.ids[i], want[i]);
	store_ids_free(&ids);
	tl_rm_tree(dir);
	diag_free(d);
}

/* Only regular files are read: a FIFO or a folder named like a record is refused at once
 * (the open does not wait for a writer), a symbolic link is not followed. */
static void test_read_refuses_what_is_not_a_regular_file(void **state)
{
	(void)state;
	char *dir = tl_temp_dir("test_store");
	char *fifo = store_path(dir, "fifo.yaml"), *sub = store_path(dir, "folder.yaml");
	char *link = store_path(dir, "link.yaml");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(mkdir(sub, 0700), 0);
	write_file(dir, "real.yaml", "x");
	assert_int_equal(symlink("real.yaml", link), 0);
	static const char *const names[] = { "fifo.yaml", "folder.yaml", "link.yaml" };
	static const char *const why[] = { "is not a regular file (a FIFO)",
	                                   "is not a regular file (a folder)",
	                                   "is a symbolic link, which backcheck does not follow in "
	                                   "its folders" };
	alarm(10);
	for (size_t i = 0; i < 3; i++) {
		struct diag *d = diag_new();
		char *buf = NULL, *want = NULL;
		size_t len;
		bool is_missing;
		assert_int_equal(store_read(dir, names[i], 100, &buf, &len, &is_missing, d), -1);
		assert_false(is_missing);
		assert_null(buf);
		assert_true(asprintf(&want, "%s/%s: error: %s\n", dir, names[i], why[i]) > 0);
		assert_diag(d, want);
		free(want);
		diag_free(d);
	}
	alarm(0);
	free(fifo);
	free(sub);
	free(link);
	tl_rm_tree(dir);
}

static void test_clean_temps_in_the_state_folder(void **state)
{
	(void)state;
	char *dir = tl_temp_dir("test_store");
	write_file(dir, "back-recovery.yaml", "answers: {}\n");
	write_file(dir, "back-recovery.lock", "");
	write_file(dir, ".back-recovery.yaml.tmpAbC123", "torn");
	write_file(dir, ".back-recovery.yaml.tmpNeW456", "being written");
	age_file(dir, ".back-recovery.yaml.tmpAbC123", 3600);
	store_clean_temps(dir);
	assert_false(exists(dir, ".back-recovery.yaml.tmpAbC123"));
	assert_true(exists(dir, ".back-recovery.yaml.tmpNeW456"));
	assert_true(exists(dir, "back-recovery.yaml"));
	assert_true(exists(dir, "back-recovery.lock"));
	store_clean_temps("/nonexistent/state");
	tl_rm_tree(dir);
}

static void test_list_missing_folder_is_empty(void **state)
{
	(void)state;
	struct diag *d = diag_new();
	struct store_ids ids;
	assert_int_equal(store_list("/nonexistent/records", &ids, d), 0);
	assert_int_equal(ids.n, 0);
	assert_int_equal(diag_count(d), 0);
	store_ids_free(&ids);
	diag_free(d);
}

static void test_select_exact_prefix_and_errors(void **state)
{
	(void)state;
	char a[] = "20261101-080000", b[] = "20261114-080000", c[] = "20261128-091530",
	     e[] = "20261128-091530-2";
	char *names[] = { a, b, c, e };
	struct store_ids ids = { names, 4 };
	static const struct { const char *arg; long want; const char *msg; } cases[] = {
		{ "20261128-091530", 2, "" },
		{ "20261128-091530-", 3, "" },
		{ "202611.4", -1, "backcheck: error: no record matches '202611.4'\n" },
		{ "2026111", 1, "" },
		{ "20261128", -2, "backcheck: error: '20261128' matches 2 records: 20261128-091530, "
		                  "20261128-091530-2; give more of the id\n" },
		{ "2026", -2, "backcheck: error: '2026' matches 4 records: 20261101-080000, "
		              "20261114-080000, 20261128-091530, 20261128-091530-2; give more of the id\n" },
		{ "", -1, "backcheck: error: no record matches ''\n" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct diag *d = diag_new();
		assert_int_equal(store_select(&ids, cases[i].arg, d), cases[i].want);
		assert_diag(d, cases[i].msg);
		diag_free(d);
	}
}

/* --- Reading, removing, locking ----------------------------------------------------------- */

static void test_read_missing_and_too_large(void **state)
{
	(void)state;
	char *dir = tl_temp_dir("test_store");
	struct diag *d = diag_new();
	char *buf;
	size_t len;
	bool is_missing;
	assert_int_equal(store_read(dir, "none.yaml", 10, &buf, &len, &is_missing, d), -1);
	assert_true(is_missing);
	assert_int_equal(diag_count(d), 0);
	write_file(dir, "big.yaml", "0123456789abc");
	assert_int_equal(store_read(dir, "big.yaml", 10, &buf, &len, &is_missing, d), -1);
	assert_false(is_missing);
	assert_null(buf);
	char *expected = NULL;
	assert_true(asprintf(&expected, "%s/big.yaml: error: file is larger than 10 bytes\n",
	                     dir) > 0);
	assert_diag(d, expected);
	free(expected);
	tl_rm_tree(dir);
	diag_free(d);
}

static void test_remove_is_idempotent(void **state)
{
	(void)state;
	char *dir = tl_temp_dir("test_store");
	struct diag *d = diag_new();
	write_file(dir, "20261128-091530.yaml", "a");
	assert_int_equal(store_remove(dir, "20261128-091530.yaml", d), 0);
	assert_false(exists(dir, "20261128-091530.yaml"));
	assert_int_equal(store_remove(dir, "20261128-091530.yaml", d), 0);
	assert_int_equal(diag_count(d), 0);
	tl_rm_tree(dir);
	diag_free(d);
}

static void test_lock_is_exclusive(void **state)
{
	(void)state;
	char *dir = tl_temp_dir("test_store");
	struct diag *d = diag_new();
	bool is_busy;
	int a = store_lock(dir, "q.lock", &is_busy, d);
	assert_true(a >= 0);
	assert_false(is_busy);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		bool child_busy;
		int b = store_lock(dir, "q.lock", &child_busy, d);
		_exit(b == -1 && child_busy ? 0 : 1);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(a);
	int c = store_lock(dir, "q.lock", &is_busy, d);
	assert_true(c >= 0);
	char *path = store_path(dir, "q.lock");
	assert_int_equal(mode_of(path), 0600);
	close(c);
	free(path);
	assert_int_equal(diag_count(d), 0);
	tl_rm_tree(dir);
	diag_free(d);
}

/* --- The kill test ------------------------------------------------------------------------- */

enum { KILLS = 300, SLOTS = 4 };

static uint32_t fnv(const char *p, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 16777619u;
	return h;
}

/* A killwriter record is complete when it ends in the checksum of what precedes it. Returns
 * its generation, or -1 when it is torn. */
static long complete_generation(const char *dir, const char *name)
{
	struct diag *d = diag_new();
	char *buf;
	size_t len;
	bool is_missing;
	long gen = -1;
	if (store_read(dir, name, 1 << 20, &buf, &len, &is_missing, d) == 0) {
		char *sum = strstr(buf, "checksum: ");
		unsigned h;
		if (sum != NULL && sscanf(sum, "checksum: %8x\n", &h) == 1 &&
		    strlen(sum) == 19 && h == fnv(buf, (size_t)(sum - buf)) &&
		    strncmp(buf, "format: killwriter\ngeneration: ", 31) == 0)
			gen = strtol(buf + 31, NULL, 10);
		free(buf);
	}
	diag_free(d);
	return gen;
}

/* Starts killwriter on dir with generations from start; returns its pid and the read end of
 * its output after it said "ready". */
static pid_t start_writer(const char *tool, const char *dir, unsigned long start, FILE **out)
{
	int p[2];
	assert_int_equal(pipe(p), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char arg[32];
		snprintf(arg, sizeof arg, "%lu", start);
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		execl(tool, tool, dir, arg, (char *)NULL);
		_exit(127);
	}
	close(p[1]);
	*out = fdopen(p[0], "r");
	char line[64];
	assert_non_null(fgets(line, sizeof line, *out));
	assert_string_equal(line, "ready\n");
	return pid;
}

/* Reads what the killed writer acknowledged and checks that all of it survived. */
static void check_acks(const char *dir, FILE *out, long *slot_min)
{
	char line[96];
	while (fgets(line, sizeof line, out) != NULL) {
		unsigned k;
		long gen;
		char id[STORE_ID_MAX + 8];
		if (sscanf(line, "slot %u %ld", &k, &gen) == 2) {
			assert_true(k < SLOTS);
			slot_min[k] = gen;
		} else {
			assert_int_equal(sscanf(line, "new %31s", id), 1);
			strcat(id, ".yaml");
			assert_true(complete_generation(dir, id) >= 0);
		}
	}
}

/* After a kill: every slot written before is complete and at least as new as acknowledged;
 * every record in the listing is complete. */
static void check_after_kill(const char *dir, const long *slot_min, size_t *nrecords)
{
	for (unsigned k = 0; k < SLOTS; k++) {
		char name[32];
		snprintf(name, sizeof name, "20260101-00000%u.yaml", k);
		long gen = complete_generation(dir, name);
		if (exists(dir, name))
			assert_true(gen >= 0);
		if (slot_min[k] >= 0)
			assert_true(gen >= slot_min[k]);
	}
	struct diag *d = diag_new();
	struct store_ids ids;
	assert_int_equal(store_list(dir, &ids, d), 0);
	assert_int_equal(diag_count(d), 0);
	for (size_t i = 0; i < ids.n; i++) {
		char name[STORE_ID_MAX + 8];
		snprintf(name, sizeof name, "%s.yaml", ids.ids[i]);
		assert_true(complete_generation(dir, name) >= 0);
	}
	assert_true(ids.n >= *nrecords);
	*nrecords = ids.n;
	store_ids_free(&ids);
	diag_free(d);
}

/* Ages the temporary files killed writers left, lists the folder (which removes them) and
 * returns how many there were. */
static size_t clean_leftovers(const char *dir)
{
	DIR *dp = opendir(dir);
	assert_non_null(dp);
	size_t n = 0;
	for (struct dirent *de; (de = readdir(dp)) != NULL;)
		if (strstr(de->d_name, ".tmp") != NULL) {
			age_file(dir, de->d_name, 60);
			n++;
		}
	closedir(dp);
	struct diag *d = diag_new();
	struct store_ids ids;
	assert_int_equal(store_list(dir, &ids, d), 0);
	store_ids_free(&ids);
	diag_free(d);
	return n;
}

static void test_kill_writer_never_tears_a_record(void **state)
{
	(void)state;
	const char *build = getenv("BUILD");
	char tool[512];
	snprintf(tool, sizeof tool, "%s/tools/killwriter", build ? build : "build/debug");
	assert_int_equal(access(tool, X_OK), 0);
	char *dir = tl_temp_dir("test_store");
	long slot_min[SLOTS] = { -1, -1, -1, -1 };
	size_t nrecords = 0;
	unsigned long seed = 12345;
	for (unsigned run = 0; run < KILLS; run++) {
		FILE *out;
		pid_t pid = start_writer(tool, dir, (run + 1) * 100000ul, &out);
		seed = seed * 6364136223846793005ul + 1442695040888963407ul;
		usleep((useconds_t)(seed >> 33) % 6000);
		assert_int_equal(kill(pid, SIGKILL), 0);
		int status;
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
		check_acks(dir, out, slot_min);
		fclose(out);
		check_after_kill(dir, slot_min, &nrecords);
	}
	assert_true(nrecords > 0);
	size_t leftovers = tl_count_entries(dir) - nrecords;
	assert_int_equal(clean_leftovers(dir), leftovers);
	assert_int_equal(tl_count_entries(dir), nrecords);
	tl_rm_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dirs_resolution_order),
		cmocka_unit_test(test_dirs_without_home),
		cmocka_unit_test(test_mkdirs_creates_private_folders),
		cmocka_unit_test(test_mkdirs_file_in_the_way),
		cmocka_unit_test(test_write_atomic_private_and_complete),
		cmocka_unit_test(test_write_atomic_never_replaces_without_leave),
		cmocka_unit_test(test_write_atomic_kept_when_name_taken),
		cmocka_unit_test(test_write_atomic_missing_folder),
		cmocka_unit_test(test_save_new_adds_suffix_on_collision),
		cmocka_unit_test(test_is_id),
		cmocka_unit_test(test_list_sorted_skips_foreign_and_cleans_temps),
		cmocka_unit_test(test_list_sorts_by_time_then_sequence),
		cmocka_unit_test(test_read_refuses_what_is_not_a_regular_file),
		cmocka_unit_test(test_clean_temps_in_the_state_folder),
		cmocka_unit_test(test_list_missing_folder_is_empty),
		cmocka_unit_test(test_select_exact_prefix_and_errors),
		cmocka_unit_test(test_read_missing_and_too_large),
		cmocka_unit_test(test_remove_is_idempotent),
		cmocka_unit_test(test_lock_is_exclusive),
		cmocka_unit_test(test_kill_writer_never_tears_a_record),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
