/*
 * atomic.h - the one way a file is written so that its name only ever shows a complete file:
 * a temporary file beside it, fsync, then link(2) (a new name) or rename(2) (a replacement),
 * then fsync of the folder. Records, the check in progress and -o's result all go this way.
 *
 * The temporary file is ".NAME.tmpXXXXXX" in the same folder, mode 0600, and its writer holds
 * an flock on it until it is put in place or removed, so that a clean-up (store.c) can tell a
 * live writer's file from one left by a crash. Failures are reported to the diag at the path
 * concerned ("cannot write: No space left on device", ...), nothing is left behind except
 * where a function says so.
 */
#ifndef BACKCHECK_ATOMIC_H
#define BACKCHECK_ATOMIC_H

#include <stdbool.h>
#include <stddef.h>

struct diag;

/* The marker of temporary names: ".NAME" ATOMIC_TMP_MARK "XXXXXX". */
#define ATOMIC_TMP_MARK ".tmp"

/* A file being written. The three strings are malloc'ed and owned here. */
struct atomic {
	/* The temporary file, open for writing; -1 once closed. */
	int fd;
	char *dir;
	char *path;
	char *tmp;
	/* Whether tmp is still ours to remove (not renamed into place, not kept). */
	bool has_tmp;
};

/* Creates the locked 0600 temporary file for dir/name; write to w->fd (or a dup of it).
 * Returns 0, or -1 reported to d with nothing made. */
int atomic_begin(struct atomic *w, const char *dir, const char *name, struct diag *d);

/* How atomic_commit() puts the file in place. */
enum atomic_mode {
	ATOMIC_NEW,
	ATOMIC_REPLACE,
};

/* Syncs and closes w->fd, then puts the file in place: ATOMIC_NEW never replaces anything
 * (on a file system without hard links it checks and renames, which is not atomic against
 * other writers), ATOMIC_REPLACE renames over what is there. Then syncs the folder. Returns 0;
 * 1 when ATOMIC_NEW finds the name taken (nothing reported; the temporary file is still there
 * for atomic_keep() or atomic_end()); -1 reported to d. Call atomic_end() after it always. */
int atomic_commit(struct atomic *w, enum atomic_mode mode, struct diag *d);

/* Leaves the temporary file where it is (atomic_end() then only frees): after a commit that
 * returned 1, when what was written must not be lost. Returns w->tmp. */
const char *atomic_keep(struct atomic *w);

/* Removes the temporary file (if still there and not kept), closes w->fd if still open, and
 * frees w's strings. Safe after a failed atomic_begin(). */
void atomic_end(struct atomic *w);

/* Writes buf (len bytes) to dir/name in one go, as above. Returns 0, 1 when ATOMIC_NEW finds
 * the name taken (nothing written, nothing reported), or -1 reported to d. */
int atomic_write(const char *dir, const char *name, const void *buf, size_t len,
                 enum atomic_mode mode, struct diag *d);

/* fsync()s a folder so that a rename or link in it survives a crash. 0, or -1 reported to d;
 * a file system that cannot sync folders (EINVAL) counts as done. */
int atomic_sync_folder(const char *dir, struct diag *d);

#endif
