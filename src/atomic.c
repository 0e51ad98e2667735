/*
 * atomic.c - durable atomic writes (see atomic.h).
 * Invariant: bytes are only ever written to the temporary file; the final name appears by
 * link(2) or rename(2) of a file that is complete and fsync'ed, and the folder is fsync'ed
 * after. A writer holds an flock on its temporary file for as long as the file is its own.
 */
#define _GNU_SOURCE /* mkostemp */
#include "atomic.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "i18n.h"
#include "xalloc.h"

static void report(struct diag *d, const char *file, const char *what, int err)
{
	diag_report(d, DIAG_ERROR, (struct srcpos){ file, 0, 0 }, "%s: %s", _(what), strerror(err));
}

static char *join(const char *a, const char *b, const char *c, const char *e)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + strlen(e) + 1;
	char *p = xalloc(n);
	snprintf(p, n, "%s%s%s%s", a, b, c, e);
	return p;
}

int atomic_begin(struct atomic *w, const char *dir, const char *name, struct diag *d)
{
	*w = (struct atomic){ .fd = -1 };
	w->dir = xalloc_strdup(dir);
	w->path = join(dir, "/", name, "");
	w->tmp = join(dir, "/.", name, ATOMIC_TMP_MARK "XXXXXX");
	w->fd = mkostemp(w->tmp, O_CLOEXEC);
	if (w->fd < 0) {
		report(d, dir, N_("cannot create a file in folder"), errno);
		return -1;
	}
	w->has_tmp = true;
	const char *what = NULL;
	if (flock(w->fd, LOCK_EX) != 0)
		what = N_("cannot lock");
	else if (fchmod(w->fd, 0600) != 0)
		what = N_("cannot set permissions of");
	if (what == NULL)
		return 0;
	report(d, w->tmp, what, errno);
	return -1;
}

/* Syncs and closes the temporary file; 0 or -1 reported at it. */
static int finish_data(struct atomic *w, struct diag *d)
{
	const char *what = fsync(w->fd) != 0 ? N_("cannot sync") : NULL;
	int err = errno;
	if (close(w->fd) != 0 && what == NULL)
		what = N_("cannot write"), err = errno;
	w->fd = -1;
	if (what == NULL)
		return 0;
	report(d, w->tmp, what, err);
	return -1;
}

/* Links the temporary file to its name without replacing anything: 0, 1 when taken, -1. */
static int link_new(struct atomic *w, struct diag *d)
{
	if (link(w->tmp, w->path) == 0)
		return 0;
	if (errno == EEXIST)
		return 1;
	if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP) {
		report(d, w->path, N_("cannot create"), errno);
		return -1;
	}
	/* A file system without hard links: check, then rename (not atomic against others). */
	if (access(w->path, F_OK) == 0)
		return 1;
	if (rename(w->tmp, w->path) != 0) {
		report(d, w->path, N_("cannot create"), errno);
		return -1;
	}
	w->has_tmp = false;
	return 0;
}

int atomic_commit(struct atomic *w, enum atomic_mode mode, struct diag *d)
{
	if (finish_data(w, d) != 0)
		return -1;
	int rc;
	if (mode == ATOMIC_REPLACE) {
		rc = rename(w->tmp, w->path) == 0 ? 0 : -1;
		if (rc == 0)
			w->has_tmp = false;
		else
			report(d, w->path, N_("cannot replace"), errno);
	} else {
		rc = link_new(w, d);
	}
	if (rc != 0)
		return rc;
	return atomic_sync_folder(w->dir, d);
}

const char *atomic_keep(struct atomic *w)
{
	w->has_tmp = false;
	return w->tmp;
}

void atomic_end(struct atomic *w)
{
	if (w->fd >= 0)
		close(w->fd);
	if (w->has_tmp)
		unlink(w->tmp);
	free(w->dir);
	free(w->path);
	free(w->tmp);
	*w = (struct atomic){ .fd = -1 };
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int atomic_write(const char *dir, const char *name, const void *buf, size_t len,
                 enum atomic_mode mode, struct diag *d)
{
	struct atomic w;
	int rc = atomic_begin(&w, dir, name, d);
	if (rc == 0 && write_all(w.fd, buf, len) != 0) {
		report(d, w.tmp, N_("cannot write"), errno);
		rc = -1;
	}
	if (rc == 0)
		rc = atomic_commit(&w, mode, d);
	atomic_end(&w);
	return rc;
}

int atomic_sync_folder(const char *dir, struct diag *d)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		report(d, dir, N_("cannot open folder"), errno);
		return -1;
	}
	int rc = fsync(fd);
	int err = errno;
	close(fd);
	if (rc != 0 && err != EINVAL) {
		report(d, dir, N_("cannot sync folder"), err);
		return -1;
	}
	return 0;
}
