/*
 * store.c - folders, record ids, listings and locks (see store.h).
 *
 * Invariant: a name that a reader can see is always a complete file: files are written only
 * through atomic.h, and a listing passes over (and, once stale and unlocked, removes) the
 * temporary ".NAME.tmpXXXXXX" files that leaves.
 */
#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic.h"
#include "diag.h"
#include "i18n.h"
#include "xalloc.h"

/* A temporary file younger than this may belong to a writer that has not locked it yet. */
enum { STALE_SECONDS = 10 };

static const char TMP_MARK[] = ATOMIC_TMP_MARK;

static char *join3(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *p = xalloc(la + lb + lc + 1);
	memcpy(p, a, la);
	memcpy(p + la, b, lb);
	memcpy(p + la + lb, c, lc + 1);
	return p;
}

char *store_path(const char *dir, const char *name)
{
	return join3(dir, "/", name);
}

static void report(struct diag *d, const char *file, const char *what, int err)
{
	diag_report(d, DIAG_ERROR, (struct srcpos){ file, 0, 0 }, "%s: %s", _(what), strerror(err));
}

/* --- Folders ------------------------------------------------------------------------------ */

static bool is_set(const char *s)
{
	return s != NULL && s[0] != '\0';
}

/* An XDG base folder: the variable if it is an absolute path, else HOME/fallback. */
static char *xdg_base(const char *var, const char *home, const char *fallback)
{
	if (is_set(var) && var[0] == '/')
		return xalloc_strdup(var);
	if (!is_set(home))
		return NULL;
	return join3(home, "/", fallback);
}

int store_dirs_from(struct store_dirs *out, const char *data_dir, const char *env_data_dir,
                    const char *xdg_data, const char *xdg_state, const char *home,
                    struct diag *d)
{
	const char *dd = is_set(data_dir) ? data_dir : is_set(env_data_dir) ? env_data_dir : NULL;
	out->records = out->state = NULL;
	if (dd != NULL) {
		out->records = join3(dd, "/", "records");
		out->state = join3(dd, "/", "state");
		return 0;
	}
	char *data = xdg_base(xdg_data, home, ".local/share");
	char *state = xdg_base(xdg_state, home, ".local/state");
	if (data == NULL || state == NULL) {
		free(data);
		free(state);
		diag_error(d, (struct srcpos){ "backcheck", 0, 0 },
		           "cannot tell where to keep your records: HOME is not set "
		           "(use --data-dir or set BACKCHECK_DATA_DIR)");
		return -1;
	}
	out->records = join3(data, "/", "backcheck/records");
	out->state = join3(state, "/", "backcheck");
	free(data);
	free(state);
	return 0;
}

int store_dirs_resolve(struct store_dirs *out, const char *data_dir, struct diag *d)
{
	return store_dirs_from(out, data_dir, getenv("BACKCHECK_DATA_DIR"),
	                       getenv("XDG_DATA_HOME"), getenv("XDG_STATE_HOME"),
	                       getenv("HOME"), d);
}

void store_dirs_free(struct store_dirs *s)
{
	free(s->records);
	free(s->state);
	s->records = s->state = NULL;
}

/* The folder backcheck writes into itself (records or state) must be a real folder that
 * other users cannot change: not a symbolic link (never followed for writing) and not group-
 * or world-writable. Returns 0, or -1 with the reason. */
static int check_own_folder(const char *path, struct diag *d)
{
	struct stat st;
	if (lstat(path, &st) != 0) {
		report(d, path, N_("cannot read folder"), errno);
		return -1;
	}
	if (S_ISLNK(st.st_mode)) {
		diag_error(d, (struct srcpos){ path, 0, 0 }, "is a symbolic link; backcheck writes "
		           "health records only into a real folder");
		return -1;
	}
	if ((st.st_mode & 022) != 0) {
		diag_error(d, (struct srcpos){ path, 0, 0 }, "other users can change this folder "
		           "(mode %04o); make it private with: chmod 700 '%s'",
		           (unsigned)(st.st_mode & 07777), path);
		return -1;
	}
	return 0;
}

int store_mkdirs(const char *path, struct diag *d)
{
	char *p = xalloc_strdup(path);
	int rc = 0;
	for (char *s = p + 1; rc == 0; s++) {
		bool is_end = *s == '\0';
		if (!is_end && *s != '/')
			continue;
		*s = '\0';
		struct stat st;
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			rc = -1, report(d, p, N_("cannot create folder"), errno);
		else if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))
			rc = -1, diag_error(d, (struct srcpos){ p, 0, 0 }, "is not a folder");
		if (is_end)
			break;
		*s = '/';
	}
	if (rc == 0)
		rc = check_own_folder(p, d);
	free(p);
	return rc;
}

/* --- Record ids --------------------------------------------------------------------------- */

static void id_for_time(time_t t, char *buf, size_t sz)
{
	struct tm tm;
	if (localtime_r(&t, &tm) == NULL || strftime(buf, sz, "%Y%m%d-%H%M%S", &tm) == 0)
		snprintf(buf, sz, "19700101-000000");
}

void store_id_for_time(time_t t, char *buf)
{
	id_for_time(t, buf, STORE_ID_MAX);
}

int store_save_new(const char *dir, time_t t, const void *buf, size_t len, char *id,
                   struct diag *d)
{
	char base[16], name[STORE_ID_MAX + 8];
	id_for_time(t, base, sizeof base);
	for (int k = 1; k < 100; k++) {
		if (k == 1)
			snprintf(id, STORE_ID_MAX, "%s", base);
		else
			snprintf(id, STORE_ID_MAX, "%s-%d", base, k);
		snprintf(name, sizeof name, "%s.yaml", id);
		int rc = atomic_write(dir, name, buf, len, ATOMIC_NEW, d);
		if (rc <= 0)
			return rc;
	}
	diag_error(d, (struct srcpos){ dir, 0, 0 }, "too many records made in second %s", base);
	return -1;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool store_is_id(const char *s)
{
	size_t n = strlen(s);
	if (n < 15 || !all_digits(s, 8) || s[8] != '-' || !all_digits(s + 9, 6))
		return false;
	if (n == 15)
		return true;
	return (n == 17 || n == 18) && s[15] == '-' && all_digits(s + 16, n - 16) && s[16] != '0';
}

/* --- Listing ------------------------------------------------------------------------------ */

/* Whether name is one of our temporary files: ".NAME.tmpXXXXXX". */
static bool is_temp(const char *name)
{
	const char *m = strstr(name, TMP_MARK);
	return name[0] == '.' && m != NULL && strlen(m) == sizeof TMP_MARK - 1 + 6;
}

/* Removes a temporary file when it is old and no writer holds its lock. */
static void clean_temp(const char *dir, const char *name)
{
	char *path = store_path(dir, name);
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	struct stat st, now;
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
	    time(NULL) - st.st_mtime >= STALE_SECONDS && flock(fd, LOCK_EX | LOCK_NB) == 0 &&
	    lstat(path, &now) == 0 && now.st_ino == st.st_ino && now.st_dev == st.st_dev)
		unlink(path);
	if (fd >= 0)
		close(fd);
	free(path);
}

void store_clean_temps(const char *dir)
{
	DIR *dp = opendir(dir);
	if (dp == NULL)
		return;
	for (struct dirent *de; (de = readdir(dp)) != NULL;)
		if (is_temp(de->d_name))
			clean_temp(dir, de->d_name);
	closedir(dp);
}

/* A record id's sequence number within its second: 1 for "20261128-091530", k for "...-k". */
static long id_seq(const char *id)
{
	return id[15] == '-' ? strtol(id + 16, NULL, 10) : 1;
}

/* Oldest first: by the time in the id, then by the sequence number ("-2" before "-10"). */
static int cmp_id(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	int c = strncmp(x, y, 15);
	if (c != 0)
		return c;
	long i = id_seq(x), k = id_seq(y);
	return (i > k) - (i < k);
}

/* Adds name's id to out when name is "ID.yaml"; returns false for a foreign name. */
static bool add_record(struct store_ids *out, size_t *cap, const char *name)
{
	size_t n = strlen(name);
	if (n < 6 || strcmp(name + n - 5, ".yaml") != 0 || n - 5 >= STORE_ID_MAX)
		return false;
	char id[STORE_ID_MAX];
	memcpy(id, name, n - 5);
	id[n - 5] = '\0';
	if (!store_is_id(id))
		return false;
	out->ids = xalloc_grow(out->ids, cap, out->n + 1, 64, sizeof *out->ids);
	out->ids[out->n++] = xalloc_strdup(id);
	return true;
}

int store_list(const char *dir, struct store_ids *out, struct diag *d)
{
	out->ids = NULL;
	out->n = 0;
	DIR *dp = opendir(dir);
	if (dp == NULL && errno == ENOENT)
		return 0;
	if (dp == NULL) {
		report(d, dir, N_("cannot read folder"), errno);
		return -1;
	}
	size_t cap = 0;
	struct dirent *de;
	while ((de = readdir(dp)) != NULL) {
		const char *name = de->d_name;
		if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
			continue;
		if (is_temp(name)) {
			clean_temp(dir, name);
			continue;
		}
		if (!add_record(out, &cap, name)) {
			char *path = store_path(dir, name);
			diag_warning(d, (struct srcpos){ path, 0, 0 },
			             "not a backcheck record; left as it is");
			free(path);
		}
	}
	closedir(dp);
	if (out->n > 1)
		qsort(out->ids, out->n, sizeof *out->ids, cmp_id);
	return 0;
}

void store_ids_free(struct store_ids *ids)
{
	for (size_t i = 0; i < ids->n; i++)
		free(ids->ids[i]);
	free(ids->ids);
	ids->ids = NULL;
	ids->n = 0;
}

/* Lists the first few matches of a prefix, "A, B, C" or "A, B, C, ...". */
static void matches_text(const struct store_ids *ids, const char *arg, char *buf, size_t sz)
{
	size_t used = 0, shown = 0, plen = strlen(arg);
	buf[0] = '\0';
	for (size_t i = 0; i < ids->n; i++) {
		if (strncmp(ids->ids[i], arg, plen) != 0)
			continue;
		if (shown == 5) {
			snprintf(buf + used, sz - used, ", ...");
			return;
		}
		int k = snprintf(buf + used, sz - used, "%s%s", shown ? ", " : "", ids->ids[i]);
		if (k < 0 || (size_t)k >= sz - used)
			return;
		used += (size_t)k;
		shown++;
	}
}

long store_select(const struct store_ids *ids, const char *arg, struct diag *d)
{
	size_t plen = strlen(arg), count = 0;
	long found = -1;
	for (size_t i = 0; i < ids->n; i++) {
		if (strcmp(ids->ids[i], arg) == 0)
			return (long)i;
		if (plen > 0 && strncmp(ids->ids[i], arg, plen) == 0)
			found = (long)i, count++;
	}
	if (count == 1)
		return found;
	if (count == 0) {
		diag_error(d, (struct srcpos){ "backcheck", 0, 0 }, "no record matches '%s'", arg);
		return -1;
	}
	char list[256];
	matches_text(ids, arg, list, sizeof list);
	diag_error(d, (struct srcpos){ "backcheck", 0, 0 },
	           "'%s' matches %zu records: %s; give more of the id", arg, count, list);
	return -2;
}

/* --- Reading, removing, locking ----------------------------------------------------------- */

static int read_fd(int fd, size_t max, char **buf, size_t *len)
{
	size_t cap = 4096, n = 0;
	char *p = xalloc(cap + 1);
	for (;;) {
		if (n == cap) {
			cap *= 2;
			p = xalloc_resize(p, cap + 1, 1);
		}
		ssize_t k = read(fd, p + n, cap - n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0 || n + (size_t)k > max) {
			if (k >= 0)
				errno = EFBIG;
			free(p);
			return -1;
		}
		if (k == 0)
			break;
		n += (size_t)k;
	}
	p[n] = '\0';
	*buf = p;
	*len = n;
	return 0;
}

int store_read(const char *dir, const char *name, size_t max, char **buf, size_t *len,
               bool *is_missing, struct diag *d)
{
	char *path = store_path(dir, name);
	*buf = NULL;
	*len = 0;
	*is_missing = false;
	/* Non-blocking, so that a FIFO in the folder cannot hang the open; only a regular file
	 * is read (a FIFO or a device would hang or never end the read). */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	int rc = 0;
	struct stat st;
	if (fd < 0) {
		*is_missing = errno == ENOENT;
		if (errno == ELOOP)
			diag_error(d, (struct srcpos){ path, 0, 0 }, "is a symbolic link, which backcheck "
			           "does not follow in its folders");
		else if (!*is_missing)
			report(d, path, N_("cannot open"), errno);
		rc = -1;
	} else if (fstat(fd, &st) != 0) {
		report(d, path, N_("cannot read"), errno);
		rc = -1;
	} else if (!S_ISREG(st.st_mode)) {
		diag_error(d, (struct srcpos){ path, 0, 0 }, "is not a regular file (%s)",
		           S_ISDIR(st.st_mode) ? _("a folder") : S_ISFIFO(st.st_mode) ? _("a FIFO")
		                                                        : _("a device or socket"));
		rc = -1;
	} else if (read_fd(fd, max, buf, len) != 0) {
		if (errno == EFBIG)
			diag_too_large(d, path, max);
		else
			report(d, path, N_("cannot read"), errno);
		rc = -1;
	}
	if (fd >= 0)
		close(fd);
	free(path);
	return rc;
}

int store_remove(const char *dir, const char *name, struct diag *d)
{
	char *path = store_path(dir, name);
	int rc = 0;
	if (unlink(path) != 0 && errno != ENOENT) {
		report(d, path, N_("cannot delete"), errno);
		rc = -1;
	} else {
		rc = atomic_sync_folder(dir, d);
	}
	free(path);
	return rc;
}

int store_lock(const char *dir, const char *name, bool *is_busy, struct diag *d)
{
	char *path = store_path(dir, name);
	*is_busy = false;
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		report(d, path, N_("cannot open lock file"), errno);
	} else if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			*is_busy = true;
		else
			report(d, path, N_("cannot lock"), errno);
		close(fd);
		fd = -1;
	}
	free(path);
	return fd;
}
