/*
 * outfile.c - the -o target (see outfile.h): what FILE is decides how it is written, and
 * anything that would replace a file, a link or a device by surprise is refused before the
 * first question.
 *
 * Invariant: FILE itself is only ever touched by link(2) of a complete new file, rename(2)
 * over a regular file the person named with --force, or a direct write into a special file
 * (or, with --force, the regular file a link points to).
 */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "diag.h"
#include "i18n.h"
#include "xalloc.h"

static void refuse(struct diag *d, const char *path, const char *what)
{
	diag_report(d, DIAG_ERROR, (struct srcpos){ path, 0, 0 }, "%s", _(what));
}

static void failed(struct diag *d, const char *path, const char *what, int err)
{
	diag_report(d, DIAG_ERROR, (struct srcpos){ path, 0, 0 }, "%s: %s", _(what), strerror(err));
}

/* The folder path is in ("." for a bare name), malloc'ed. */
static char *folder_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		return xalloc_strdup(".");
	if (slash == path)
		return xalloc_strdup("/");
	return xalloc_strndup(path, (size_t)(slash - path));
}

/* Whether a new file can be made beside path: its folder exists and can be written. */
static int folder_ok(const char *path, struct diag *d)
{
	char *dir = folder_of(path);
	struct stat st;
	int rc = 0;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		diag_error(d, (struct srcpos){ path, 0, 0 }, "the folder %s does not exist", dir);
		rc = -1;
	} else if (access(dir, W_OK | X_OK) != 0) {
		diag_error(d, (struct srcpos){ path, 0, 0 }, "cannot make a file in the folder %s: %s",
		           dir, strerror(errno));
		rc = -1;
	}
	free(dir);
	return rc;
}

static bool is_special(mode_t m)
{
	return S_ISCHR(m) || S_ISBLK(m) || S_ISFIFO(m) || S_ISSOCK(m);
}

/* What a symbolic link path leads to decides: a special file or (with --force) a regular one
 * is written directly; anything else is refused. */
static int link_kind(const char *path, bool is_force, enum outfile_kind *kind, struct diag *d)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		refuse(d, path, N_("is a symbolic link to nothing; give another name"));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		refuse(d, path, N_("is a folder"));
		return -1;
	}
	if (S_ISREG(st.st_mode) && !is_force) {
		refuse(d, path, N_("is a symbolic link to an existing file; add --force to write over "
		       "that file"));
		return -1;
	}
	*kind = OUTFILE_DIRECT;
	return 0;
}

/* The descriptor a name of an open stream means ("/dev/stdout", "/dev/fd/1",
 * "/proc/self/fd/1"), or -1: such a name is written through that descriptor, whatever file
 * it is open on. */
static int stream_fd(const char *path)
{
	static const char *const named[] = { "/dev/stdin", "/dev/stdout", "/dev/stderr" };
	for (int i = 0; i < 3; i++)
		if (strcmp(path, named[i]) == 0)
			return i;
	const char *n = strncmp(path, "/dev/fd/", 8) == 0          ? path + 8
	                : strncmp(path, "/proc/self/fd/", 14) == 0 ? path + 14 : NULL;
	char *end = NULL;
	long fd = n != NULL && *n >= '0' && *n <= '9' ? strtol(n, &end, 10) : -1;
	return fd >= 0 && fd < 1024 && *end == '\0' && fcntl((int)fd, F_GETFD) != -1 ? (int)fd : -1;
}

/* How path is to be written, or -1 (said why) when it must not be. */
static int kind_of(const char *path, bool is_force, enum outfile_kind *kind, struct diag *d)
{
	struct stat st;
	*kind = OUTFILE_STDOUT;
	if (path == NULL || strcmp(path, "-") == 0)
		return 0;
	if (stream_fd(path) >= 0) {
		*kind = OUTFILE_DIRECT;
		return 0;
	}
	if (lstat(path, &st) != 0) {
		if (errno != ENOENT) {
			failed(d, path, N_("cannot look at it"), errno);
			return -1;
		}
		*kind = OUTFILE_NEW;
		return folder_ok(path, d);
	}
	if (S_ISLNK(st.st_mode))
		return link_kind(path, is_force, kind, d);
	if (S_ISDIR(st.st_mode)) {
		refuse(d, path, N_("is a folder"));
		return -1;
	}
	if (is_special(st.st_mode)) {
		*kind = OUTFILE_DIRECT;
		return 0;
	}
	if (!is_force) {
		refuse(d, path, N_("already exists; add --force to replace it"));
		return -1;
	}
	*kind = OUTFILE_REPLACE;
	return folder_ok(path, d);
}

int outfile_check(const char *path, bool is_force, struct diag *d)
{
	enum outfile_kind kind;
	return kind_of(path, is_force, &kind, d);
}

/* The temporary file beside path for a new or replacing file (atomic.h), as a stream. */
static int open_temp(struct outfile *t, struct diag *d)
{
	char *dir = folder_of(t->path);
	const char *base = strrchr(t->path, '/') ? strrchr(t->path, '/') + 1 : t->path;
	int rc = atomic_begin(&t->tmp, dir, base, d);
	free(dir);
	int fd = rc == 0 ? fcntl(t->tmp.fd, F_DUPFD_CLOEXEC, 3) : -1;
	if (rc == 0 && (fd < 0 || (t->f = fdopen(fd, "w")) == NULL)) {
		failed(d, t->path, N_("cannot write"), errno);
		if (fd >= 0)
			close(fd);
		rc = -1;
	}
	if (rc != 0)
		atomic_end(&t->tmp);
	return rc;
}

int outfile_open(struct outfile *t, const char *path, bool is_force, struct diag *d)
{
	*t = (struct outfile){ .f = stdout, .kind = OUTFILE_STDOUT, .tmp = { .fd = -1 } };
	if (kind_of(path, is_force, &t->kind, d) != 0)
		return -1;
	if (t->kind == OUTFILE_STDOUT)
		return 0;
	t->path = path;
	if (t->kind != OUTFILE_DIRECT)
		return open_temp(t, d);
	struct stat st;
	bool is_regular = stat(path, &st) == 0 && S_ISREG(st.st_mode);
	int fd = stream_fd(path) >= 0 ? fcntl(stream_fd(path), F_DUPFD_CLOEXEC, 3)
	         : open(path, O_WRONLY | O_CLOEXEC | (is_regular ? O_TRUNC : 0));
	if (fd < 0 || (t->f = fdopen(fd, "w")) == NULL) {
		failed(d, path, N_("cannot write"), errno);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return 0;
}

/* Puts the complete temporary file in place. Returns 0, -1 (said), or 1 when the name was
 * taken meanwhile and the file stays under its temporary name (said where). */
static int put_in_place(struct outfile *t, struct diag *d)
{
	enum atomic_mode mode = t->kind == OUTFILE_REPLACE ? ATOMIC_REPLACE : ATOMIC_NEW;
	int rc = atomic_commit(&t->tmp, mode, d);
	if (rc == 1)
		diag_error(d, (struct srcpos){ t->path, 0, 0 }, "was made by something else while "
		           "you answered; your result is kept in %s", atomic_keep(&t->tmp));
	return rc;
}

int outfile_close(struct outfile *t, bool is_keep, struct diag *d)
{
	int rc = fflush(t->f) == 0 && !ferror(t->f) ? 0 : -1, err = errno;
	if (t->kind == OUTFILE_STDOUT) {
		if (rc != 0)
			failed(d, _("standard output"), N_("cannot write"), err);
		return rc;
	}
	if (fclose(t->f) != 0 && rc == 0)
		rc = -1, err = errno;
	if (rc != 0)
		failed(d, t->path, N_("cannot write"), err);
	if (t->kind == OUTFILE_DIRECT)
		return rc;
	if (rc == 0 && is_keep)
		rc = put_in_place(t, d);
	atomic_end(&t->tmp);
	return rc == 0 ? 0 : -1;
}

int outfile_flush_stdout(struct diag *d)
{
	struct outfile t = { .f = stdout, .kind = OUTFILE_STDOUT, .tmp = { .fd = -1 } };
	return outfile_close(&t, true, d);
}

int outfile_stdout_status(int rc)
{
	struct diag *d = diag_new();
	int flushed = outfile_flush_stdout(d);
	diag_print(d, stderr);
	diag_free(d);
	if (flushed == 0 && rc != 0)
		fputs(_("backcheck: cannot write the output\n"), stderr);
	return flushed == 0 && rc == 0 ? EXIT_OK : EXIT_IOERR;
}
