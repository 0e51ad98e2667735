/*
 * test_harden.c - the binary against hostile input: piped answers with NUL bytes or no end,
 * files at their size limits, and faults when saving. Each test runs the binary through
 * tl_run() (standard input from a file it prepares, a full device or a file-size limit where
 * it says) and checks the exit status and the whole message.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"
#include "testlib.h"

static const char BASIC[] = "tests/data/engine/basic.yaml";

/* Runs the binary with args (NULL-terminated) and standard input from the open file in (its
 * offset shared, so a test sees how far the binary read). */
static struct tl_run run_in(int in, const char *const *args)
{
	return tl_run(args, &(struct tl_run_opts){ .has_input_fd = true, .input_fd = in });
}

/* A new temporary file holding len bytes of data, open for reading at offset 0. Its path is
 * copied to path (at least 32 bytes) and the caller unlinks it; path NULL: already unlinked. */
static int temp_input(const char *data, size_t len, char *path)
{
	char name[] = "/tmp/harden-in-XXXXXX";
	int fd = mkstemp(name);
	assert_true(fd >= 0);
	if (path != NULL)
		strcpy(path, name);
	else
		unlink(name);
	for (size_t done = 0; done < len;) {
		ssize_t k = write(fd, data + done, len - done);
		assert_true(k > 0);
		done += (size_t)k;
	}
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	return fd;
}

/* --- Piped answers ------------------------------------------------------------------------ */

/* Runs the binary with args, len bytes of typed as its standard input (a file); how far it
 * read that file in *read_to when not NULL. */
static struct tl_run run_typed(const char *typed, size_t len, const char *const *args,
                               off_t *read_to)
{
	int fd = temp_input(typed, len, NULL);
	struct tl_run r = run_in(fd, args);
	if (read_to != NULL)
		*read_to = lseek(fd, 0, SEEK_CUR);
	close(fd);
	return r;
}

/* Checks a run's exit status and its whole standard error, and frees it. */
static void check_run(struct tl_run r, int status, const char *err)
{
	tl_run_expect(&r, status, NULL, err);
}

/* A NUL byte in a piped answer is refused like any control character; it used to cut the
 * answer short silently (the line was read as a C string). */
static void test_piped_nul_refused(void **state)
{
	(void)state;
	static const char input[] = "none\nyes\n5\n3\nsame\n7\n2\nno\nfine\0 and more\n";
	check_run(run_typed(input, sizeof input - 1, (const char *[]){ "run", "-q", BASIC, NULL },
	                    NULL),
	          65, "backcheck: comment: That answer has control characters in it. "
	              "Please type it again.\n");
}

/* A 50 MB line is not read into memory: reading stops one byte past the line limit (the
 * file offset the process leaves shows how much it read: stdio reads ahead one buffer). */
static void test_piped_huge_line_not_read_on(void **state)
{
	(void)state;
	size_t len = (size_t)50 << 20;
	char *big = malloc(len);
	assert_non_null(big);
	memset(big, 'a', len);
	big[len - 1] = '\n';
	off_t read_to;
	struct tl_run r = run_typed(big, len, (const char *[]){ "run", "-q", BASIC, NULL },
	                            &read_to);
	free(big);
	check_run(r, 65, "backcheck: danger: That answer is far too long. Please type a "
	                 "short answer.\n");
	assert_true(read_to <= 4096 + 1 + 65536);
}

/* The longest line that is read whole, and one byte more. */
static void test_piped_line_at_limit(void **state)
{
	(void)state;
	char *line = malloc(4096 + 3);
	assert_non_null(line);
	for (int extra = 0; extra <= 1; extra++) {
		size_t n = 4096 + (size_t)extra;
		memset(line, 'x', n);
		line[n] = '\n';
		check_run(run_typed(line, n + 1, (const char *[]){ "run", "-q", BASIC, NULL }, NULL),
		          65, extra == 0
			? "backcheck: danger: Please choose one or more of 1 to 3, separated by commas, "
			  "or type their names.\n"
			: "backcheck: danger: That answer is far too long. Please type a short answer.\n");
	}
	free(line);
}

/* --- Files at their size limits ----------------------------------------------------------- */

/* An answers file of exactly 1 MiB (valid answers, then a comment) is read; one byte more is
 * refused before parsing. */
static void test_answers_file_size_limit(void **state)
{
	(void)state;
	static const char answers[] = "danger: [none]\nhurts: yes\npain: 5\nweeks: 2\n"
	                              "trend: same\nsleep: 6.5\nrest_days: 0\npushing: true\n#";
	size_t max = (size_t)1 << 20;
	char *text = malloc(max + 2);
	assert_non_null(text);
	for (int extra = 0; extra <= 1; extra++) {
		size_t n = max + (size_t)extra;
		memset(text, 'x', n);
		memcpy(text, answers, sizeof answers - 1);
		text[n - 1] = '\n';
		char path[32], want[256];
		close(temp_input(text, n, path));
		snprintf(want, sizeof want, "%s: error: file is larger than 1 MiB\n", path);
		check_run(tl_run((const char *[]){ "run", "-q", BASIC, "--answers", path, NULL }, NULL),
		          extra == 0 ? 0 : 65, extra == 0 ? "" : want);
		unlink(path);
	}
	free(text);
}

/* --- Faults when saving ---------------------------------------------------------------- */

static const char ANSWERS[] = "danger: [none]\nhurts: yes\npain: 5\nweeks: 2\ntrend: same\n"
                              "sleep: 6.5\nrest_days: 0\npushing: true\n";

/* A scripted run that saves into data folder dir, its files limited to fsize bytes when not
 * negative; returns its result (the caller frees it). */
static struct tl_run save_limited(const char *dir, const char *output, long fsize)
{
	char path[32];
	close(temp_input(ANSWERS, sizeof ANSWERS - 1, path));
	struct tl_run r = tl_run((const char *[]){ "run", "-q", BASIC, "--answers", path, "--save",
	                                           "--data-dir", dir, "-o",
	                                           output != NULL ? output : "-", NULL },
	                         &(struct tl_run_opts){ .has_fsize = fsize >= 0, .fsize = fsize });
	unlink(path);
	return r;
}

static struct tl_run save_into(const char *dir, const char *output)
{
	return save_limited(dir, output, -1);
}

/* The exit status of a scripted run that saves into dir (its outputs freed). */
static int save_status(const char *dir)
{
	struct tl_run r = save_into(dir, "/dev/null");
	tl_run_free(&r);
	return r.status;
}

static char *temp_dir(void)
{
	return tl_temp_dir("harden-data");
}

/* -o /dev/full: the message, status 74, and the device left as it is (a result written
 * through a temporary file and renamed would replace it). */
static void test_output_dev_full(void **state)
{
	(void)state;
	char *dir = temp_dir();
	check_run(save_into(dir, "/dev/full"), 74,
	          "/dev/full: error: cannot write: No space left on device\n");
	struct stat st;
	assert_int_equal(stat("/dev/full", &st), 0);
	assert_true(S_ISCHR(st.st_mode));
	tl_rm_tree(dir);
}

/* A full disk while saving the record (RLIMIT_FSIZE: this works without root and a tmpfs):
 * status 74 with the file named, and no temporary file or torn record left behind. */
static void test_full_disk_when_saving(void **state)
{
	(void)state;
	char *dir = temp_dir();
	struct tl_run r = save_limited(dir, "/dev/null", 512);
	assert_int_equal(r.status, 74);
	assert_non_null(strstr(r.err, ": error: cannot write: File too large\n"));
	tl_run_free(&r);
	char records[512];
	snprintf(records, sizeof records, "%s/records", dir);
	assert_int_equal(tl_count_entries(records), 0);
	tl_rm_tree(dir);
}

/* The records folder replaced by a symbolic link: never followed for writing. */
static void test_records_symlink_refused(void **state)
{
	(void)state;
	char *dir = temp_dir(), *elsewhere = temp_dir();
	char records[256], want[1024];
	snprintf(records, sizeof records, "%s/records", dir);
	assert_int_equal(symlink(elsewhere, records), 0);
	snprintf(want, sizeof want, "%s: error: is a symbolic link; backcheck writes health "
	         "records only into a real folder\n", records);
	check_run(save_into(dir, "/dev/null"), 74, want);
	assert_int_equal(tl_count_entries(elsewhere), 0);
	tl_rm_tree(elsewhere);
	tl_rm_tree(dir);
}

/* A records folder other users can write to is refused with the command that fixes it. */
static void test_records_world_writable_refused(void **state)
{
	(void)state;
	char *dir = temp_dir();
	char records[256], want[1024];
	snprintf(records, sizeof records, "%s/records", dir);
	assert_int_equal(mkdir(records, 0700), 0);
	assert_int_equal(chmod(records, 0777), 0);
	snprintf(want, sizeof want, "%s: error: other users can change this folder (mode 0777); "
	         "make it private with: chmod 700 '%s'\n", records, records);
	check_run(save_into(dir, "/dev/null"), 74, want);
	assert_int_equal(tl_count_entries(records), 0);
	assert_int_equal(chmod(records, 0700), 0);
	assert_int_equal(save_status(dir), 0);
	assert_int_equal(tl_count_entries(records), 1);
	tl_rm_tree(dir);
}

/* --- Saved records and checks in progress at their limits -------------------------------- */

enum { T_SAVE = 1800000000 };

/* What file dir/name holds, whole (the caller frees it), and its length in *len. */
static char *slurp_file(const char *dir, const char *name, size_t *len)
{
	char *path = store_path(dir, name);
	char *text = tl_slurp(path, len);
	if (text == NULL)
		fail_msg("cannot open %s", path);
	free(path);
	return text;
}

/* Writes text (len bytes) to dir/name, then a comment line that makes it size bytes long. */
static void write_padded(const char *dir, const char *name, const char *text, size_t len,
                         size_t size)
{
	char *path = store_path(dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_true(size >= len + 2);
	fputc('#', f);
	for (size_t k = len + 2; k < size; k++)
		fputc('x', f);
	fputc('\n', f);
	assert_int_equal(fclose(f), 0);
	free(path);
}

/* The id of a record made at time t, with ".yaml" when is_file. */
static void id_at(long t, char *buf, bool is_file)
{
	store_id_for_time((time_t)t, buf);
	if (is_file)
		strcat(buf, ".yaml");
}

/* A saved record of exactly 4 MiB is listed by history; one byte more is skipped with a
 * warning naming it, left as it is, and the others are listed. */
static void test_record_size_limit(void **state)
{
	(void)state;
	char *dir = temp_dir();
	char records[256], first[STORE_ID_MAX + 8], at[STORE_ID_MAX + 8], past[STORE_ID_MAX + 8];
	snprintf(records, sizeof records, "%s/records", dir);
	setenv("SOURCE_DATE_EPOCH", "1800000000", 1);
	assert_int_equal(save_status(dir), 0);
	unsetenv("SOURCE_DATE_EPOCH");
	id_at(T_SAVE, first, true);
	id_at(T_SAVE + 60, at, true);
	id_at(T_SAVE + 120, past, true);
	size_t len;
	char *text = slurp_file(records, first, &len);
	write_padded(records, at, text, len, STORE_MAX_RECORD_SIZE);
	write_padded(records, past, text, len, STORE_MAX_RECORD_SIZE + 1);
	free(text);
	struct tl_run r = tl_run((const char *[]){ "history", "--plain", "--data-dir", dir, NULL },
	                         NULL);
	char want[1024];
	snprintf(want, sizeof want, "%s/%s: warning: file is larger than 4 MiB; this record is "
	         "skipped and left as it is\n", records, past);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, want);
	*strstr(first, ".yaml") = *strstr(at, ".yaml") = *strstr(past, ".yaml") = '\0';
	assert_non_null(strstr(r.out, "Your checks, oldest first (2):"));
	assert_non_null(strstr(r.out, first));
	assert_non_null(strstr(r.out, at));
	assert_null(strstr(r.out, past));
	tl_run_free(&r);
	strcat(past, ".yaml");
	text = slurp_file(records, past, &len);
	assert_int_equal(len, STORE_MAX_RECORD_SIZE + 1);
	free(text);
	tl_rm_tree(dir);
}

/* A check in progress of exactly 4 MiB is resumed; one byte more cannot be read: it is set
 * aside, said so, and `resume` has nothing to go on with. */
static void test_state_size_limit(void **state)
{
	(void)state;
	static const char first8[] = "none\nyes\n5\n3\nsame\n7\n2\nno\n";
	setenv("SOURCE_DATE_EPOCH", "1800000000", 1);
	for (size_t extra = 0; extra <= 1; extra++) {
		char *dir = temp_dir();
		char statedir[256], aside[STORE_ID_MAX + 64], want[2048];
		snprintf(statedir, sizeof statedir, "%s/state", dir);
		struct tl_run r = run_typed(first8, sizeof first8 - 1,
		                            (const char *[]){ "run", "--save", "-q", BASIC,
		                                              "--data-dir", dir, NULL }, NULL);
		assert_int_equal(r.status, 65);
		tl_run_free(&r);
		size_t len;
		char *text = slurp_file(statedir, "engine-basic.yaml", &len);
		write_padded(statedir, "engine-basic.yaml", text, len, STORE_MAX_RECORD_SIZE + extra);
		free(text);
		r = run_typed("fine\n", 5, (const char *[]){ "resume", "-q", BASIC, "--data-dir", dir,
		                                             NULL }, NULL);
		id_at(T_SAVE, aside, false);
		if (extra == 0) {
			snprintf(want, sizeof want, "Saved as %s. See it again with 'backcheck show "
			         "%s'.\n", aside, aside);
		} else {
			snprintf(want, sizeof want, "%s/engine-basic.yaml: error: file is larger than "
			         "4 MiB\nbackcheck: the saved check in progress cannot be read, so a new "
			         "check starts. The file is kept as %s/engine-basic.unreadable-%s.yaml.\n"
			         "backcheck: there is no check in progress to resume.\n", statedir,
			         statedir, aside);
		}
		check_run(r, extra == 0 ? 0 : 66, want);
		tl_rm_tree(dir);
	}
	unsetenv("SOURCE_DATE_EPOCH");
}

/* 99 records can be made in one second (ID, ID-2, ... ID-99); the 100th is refused with
 * the second named, exit 74, and nothing written. */
static void test_records_per_second_limit(void **state)
{
	(void)state;
	char *dir = temp_dir();
	char records[256], id[STORE_ID_MAX + 8], name[512], want[512];
	snprintf(records, sizeof records, "%s/records", dir);
	assert_int_equal(mkdir(records, 0700), 0);
	id_at(T_SAVE, id, false);
	for (int k = 1; k <= 98; k++) {
		snprintf(name, sizeof name, k == 1 ? "%s/%s.yaml" : "%s/%s-%d.yaml", records, id, k);
		int fd = open(name, O_WRONLY | O_CREAT | O_EXCL, 0600);
		assert_true(fd >= 0);
		close(fd);
	}
	setenv("SOURCE_DATE_EPOCH", "1800000000", 1);
	assert_int_equal(save_status(dir), 0);
	snprintf(name, sizeof name, "%s/%s-99.yaml", records, id);
	struct stat st;
	assert_int_equal(stat(name, &st), 0);
	assert_true(st.st_size > 0);
	struct tl_run r = save_into(dir, "/dev/null");
	unsetenv("SOURCE_DATE_EPOCH");
	snprintf(want, sizeof want, "%s: error: too many records made in second %s\n", records, id);
	check_run(r, 74, want);
	assert_int_equal(tl_count_entries(records), 99);
	tl_rm_tree(dir);
}

/* A full standard output (or -o /dev/full) for every command that writes a result: exit
 * 74 and what could not be written, said once; an interview that saves keeps its record and
 * says where. */
static void test_full_output_every_command(void **state)
{
	(void)state;
	char *dir = temp_dir(), *in = temp_dir();
	char answers[256], id[STORE_ID_MAX], saved[256], want[512];
	static const char FULL[] = "standard output: error: cannot write: No space left on device\n";
	static const char DEV_FULL[] = "/dev/full: error: cannot write: No space left on device\n";
	setenv("SOURCE_DATE_EPOCH", "1800000000", 1);
	assert_int_equal(save_status(dir), 0);
	id_at(T_SAVE, id, false);
	snprintf(answers, sizeof answers, "%s/answers.yaml", in);
	tl_write(answers, ANSWERS, sizeof ANSWERS - 1);
	const struct {
		const char *args[10];
		const char *err;
	} cases[] = {
		{ { "history", "--data-dir", dir, NULL }, FULL },
		{ { "show", id, "--data-dir", dir, NULL }, FULL },
		{ { "export", "--data-dir", dir, NULL }, FULL },
		{ { "export-questionnaire", "--format", "fhir", BASIC, NULL }, FULL },
		{ { "run", "-q", BASIC, "--answers", answers, NULL }, FULL },
		{ { "run", "-q", BASIC, "--answers", answers, "-o", "/dev/full", NULL }, DEV_FULL },
		{ { "batch", in, "-q", BASIC, "--format", "csv", NULL }, FULL },
		{ { "batch", in, "-q", BASIC, "--format", "csv", "-o", "/dev/full", NULL }, DEV_FULL },
	};
	const struct tl_run_opts full = { .stdout_path = "/dev/full" };
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		struct tl_run r = tl_run(cases[k].args, &full);
		if (r.status != 74 || strcmp(r.err, cases[k].err) != 0)
			fail_msg("%s (case %zu): exit %d, '%s'", cases[k].args[0], k, r.status, r.err);
		tl_run_free(&r);
	}
	/* A piped interview that saves: the record is kept, and said. */
	static const char typed[] = "none\nyes\n5\n3\nsame\n7\n2\nno\nfine\n";
	int fd = temp_input(typed, sizeof typed - 1, NULL);
	struct tl_run r = tl_run((const char *[]){ "run", "--save", "-q", BASIC, "--data-dir", dir,
	                                           NULL },
	                         &(struct tl_run_opts){ .has_input_fd = true, .input_fd = fd,
	                                                .stdout_path = "/dev/full" });
	close(fd);
	unsetenv("SOURCE_DATE_EPOCH");
	snprintf(want, sizeof want, "%sSaved as %s-2. See it again with 'backcheck show %s-2'.\n",
	         FULL, id, id);
	check_run(r, 74, want);
	snprintf(saved, sizeof saved, "%s/records", dir);
	assert_int_equal(tl_count_entries(saved), 2);
	tl_rm_tree(in);
	tl_rm_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_piped_nul_refused),
		cmocka_unit_test(test_piped_huge_line_not_read_on),
		cmocka_unit_test(test_piped_line_at_limit),
		cmocka_unit_test(test_answers_file_size_limit),
		cmocka_unit_test(test_output_dev_full),
		cmocka_unit_test(test_full_disk_when_saving),
		cmocka_unit_test(test_records_symlink_refused),
		cmocka_unit_test(test_records_world_writable_refused),
		cmocka_unit_test(test_record_size_limit),
		cmocka_unit_test(test_state_size_limit),
		cmocka_unit_test(test_records_per_second_limit),
		cmocka_unit_test(test_full_output_every_command),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
