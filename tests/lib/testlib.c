/*
 * testlib.c - the test programs' shared helpers (testlib.h): a slurper and a runner.
 */
#define _GNU_SOURCE /* asprintf */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <ftw.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "testlib.h"

const char *tl_build(void)
{
	const char *b = getenv("BUILD");
	return b != NULL && *b != '\0' ? b : "build/debug";
}

const char *tl_binary(void)
{
	static char path[4096];
	snprintf(path, sizeof path, "%s/backcheck", tl_build());
	return path;
}

/* Appends everything read from fd at offset off on to a new buffer. */
static char *read_all(int fd, off_t off, size_t *len)
{
	size_t n = 0, cap = 4096;
	char *buf = malloc(cap);
	assert_non_null(buf);
	for (;;) {
		if (cap - n < 4097) {
			cap *= 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		ssize_t k = off >= 0 ? pread(fd, buf + n, cap - n - 1, off + (off_t)n)
		                     : read(fd, buf + n, cap - n - 1);
		/* A pipe has no offsets: read it from where it is. */
		if (k < 0 && errno == ESPIPE && off >= 0) {
			off = -1;
			continue;
		}
		if (k < 0)
			fail_msg("cannot read: %s", strerror(errno));
		if (k == 0)
			break;
		n += (size_t)k;
	}
	buf[n] = '\0';
	if (len != NULL)
		*len = n;
	return buf;
}

char *tl_slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	char *buf = read_all(fd, -1, len);
	close(fd);
	return buf;
}

char *tl_read(const char *path)
{
	char *buf = tl_slurp(path, NULL);
	if (buf == NULL)
		fail_msg("cannot open %s: %s", path, strerror(errno));
	return buf;
}

char *tl_slurp_fd(int fd, size_t *len)
{
	return read_all(fd, 0, len);
}

void tl_write(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (f == NULL)
		fail_msg("cannot write %s: %s", path, strerror(errno));
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

void tl_keep_json(const char *name, const char *text)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/json", tl_build());
	if (mkdir(path, 0755) != 0 && errno != EEXIST)
		fail_msg("cannot make %s: %s", path, strerror(errno));
	snprintf(path + strlen(path), sizeof path - strlen(path), "/%s.json", name);
	tl_write(path, text, strlen(text));
}

char *tl_temp_dir(const char *prefix)
{
	char *dir = NULL;
	assert_true(asprintf(&dir, "/tmp/%s.XXXXXX", prefix) > 0);
	if (mkdtemp(dir) == NULL)
		fail_msg("cannot make a temporary folder: %s", strerror(errno));
	return dir;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void tl_rm_tree(char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

size_t tl_count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		fail_msg("cannot read the folder %s: %s", dir, strerror(errno));
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d)) != NULL;)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

char *tl_diag_brief(const struct diag *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	diag_print_brief(d, f);
	fclose(f);
	return buf;
}

void tl_child_setup(const char *const *env, const char *stdout_path, bool has_fsize, long fsize)
{
	for (size_t k = 0; env != NULL && env[k] != NULL; k++) {
		if (strchr(env[k], '=') == NULL)
			unsetenv(env[k]);
		else
			putenv(strdup(env[k]));
	}
	if (stdout_path != NULL) {
		int fd = open(stdout_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0 || dup2(fd, STDOUT_FILENO) < 0) {
			perror(stdout_path);
			_exit(127);
		}
		close(fd);
	}
	if (has_fsize) {
		signal(SIGXFSZ, SIG_IGN);
		struct rlimit rl = { (rlim_t)fsize, (rlim_t)fsize };
		if (setrlimit(RLIMIT_FSIZE, &rl) != 0) {
			perror("testlib: setrlimit");
			_exit(127);
		}
	}
}

_Noreturn void tl_child_exec(const char *bin, const char *argv0, const char *const *args)
{
	size_t n = 0;
	while (args[n] != NULL)
		n++;
	char **argv = calloc(n + 2, sizeof *argv);
	if (argv == NULL)
		_exit(127);
	argv[0] = strdup(argv0);
	for (size_t k = 0; k < n; k++)
		argv[k + 1] = strdup(args[k]);
	execv(bin, argv);
	perror(bin);
	_exit(127);
}

/* In the child: a new unlinked file holding text, open at its start (-1 when it cannot be
 * made). */
static int typed_file(const char *text)
{
	char path[] = "/tmp/backcheck-test-in-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	unlink(path);
	size_t len = strlen(text);
	if (write(fd, text, len) != (ssize_t)len || lseek(fd, 0, SEEK_SET) != 0)
		return -1;
	return fd;
}

/* In the child: the settings of o, then the program. Never returns. */
static _Noreturn void child(const char *const *args, const struct tl_run_opts *o, int out,
                            int err)
{
	int in = o->has_input_fd ? o->input_fd
	         : o->typed != NULL ? typed_file(o->typed)
	         : open(o->input != NULL ? o->input : "/dev/null", O_RDONLY);
	if (in < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) {
		perror("testlib: the child's files");
		_exit(127);
	}
	if (o->has_umask)
		umask(o->umask_to);
	tl_child_setup(o->env, o->stdout_path, o->has_fsize, o->fsize);
	if (o->alarm_s != 0)
		alarm(o->alarm_s);
	tl_child_exec(o->bin != NULL ? o->bin : tl_binary(), "backcheck", args);
}

struct tl_run tl_run(const char *const *args, const struct tl_run_opts *o)
{
	static const struct tl_run_opts none;
	char outp[] = "/tmp/backcheck-test-out-XXXXXX", errp[] = "/tmp/backcheck-test-err-XXXXXX";
	int fo = mkstemp(outp), fe = mkstemp(errp);
	if (fo < 0 || fe < 0)
		fail_msg("cannot make a temporary file: %s", strerror(errno));
	unlink(outp);
	unlink(errp);
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		fail_msg("cannot fork: %s", strerror(errno));
	if (pid == 0)
		child(args, o != NULL ? o : &none, fo, fe);
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	struct tl_run r = { .status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st) };
	r.out = tl_slurp_fd(fo, &r.out_len);
	r.err = tl_slurp_fd(fe, &r.err_len);
	close(fo);
	close(fe);
	return r;
}

void tl_run_free(struct tl_run *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
}

void tl_run_expect(struct tl_run *r, int status, const char *out, const char *err)
{
	if (r->status != status)
		fail_msg("exit %d, expected %d; standard error:\n%s", r->status, status, r->err);
	if (out != NULL)
		assert_string_equal(r->out, out);
	if (err != NULL)
		assert_string_equal(r->err, err);
	tl_run_free(r);
}

int tl_utf8_locale(void **state)
{
	(void)state;
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		fail_msg("the C.UTF-8 locale is not available; the width tests need it");
	return 0;
}
