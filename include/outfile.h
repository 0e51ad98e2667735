/*
 * outfile.h - the file a result is written to (-o FILE): checked before the first question,
 * written so that nothing is ever replaced by surprise.
 *
 * What FILE may be:
 *   - absent (or "-"): standard output;
 *   - a new name in a folder that exists and can be written: a 0600 file, written through a
 *     temporary file in that folder and linked into place (never over a file made meanwhile);
 *   - an existing regular file: refused, unless is_force, which replaces it atomically;
 *   - a name of an open stream (/dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N):
 *     written through that descriptor, whatever it is open on;
 *   - a device, a FIFO or a socket (or a symbolic link to one): written directly, never
 *     renamed over;
 *   - a symbolic link to a regular file: refused, unless is_force, which writes into the file
 *     it points to (the link stays); a link to nothing, or a folder: refused.
 * Messages are reported to the diag at FILE (line 0): "already exists; add --force to replace
 * it", "is a folder", "is a symbolic link to nothing", "the folder DIR does not exist", ...
 */
#ifndef BACKCHECK_OUTFILE_H
#define BACKCHECK_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

#include "atomic.h"

struct diag;

/* How FILE is written. */
enum outfile_kind {
	OUTFILE_STDOUT,
	OUTFILE_NEW,
	OUTFILE_REPLACE,
	OUTFILE_DIRECT,
};

/* An open target. */
struct outfile {
	FILE *f;
	enum outfile_kind kind;
	/* FILE, or NULL for standard output. */
	const char *path;
	/* The temporary file of OUTFILE_NEW and OUTFILE_REPLACE (atomic.h); f writes to a
	 * duplicate of its descriptor. */
	struct atomic tmp;
};

/* Whether path (NULL or "-": standard output) can take the result, as above, without
 * writing anything. Returns 0, or -1 with the reason reported to d. Call it before the first
 * question, so that no one answers for a result that cannot be written. */
int outfile_check(const char *path, bool is_force, struct diag *d);

/* Opens the target (checking again: things may have changed while the person answered).
 * Returns 0, or -1 with the reason reported to d (nothing is left behind). */
int outfile_open(struct outfile *t, const char *path, bool is_force, struct diag *d);

/* Flushes and closes the target. With is_keep a new or replacing file is put in place
 * (fsync'ed, then linked or renamed, and its folder fsync'ed); without it, the temporary file
 * is removed. Returns 0, or -1 with the reason reported to d; when a new file cannot be put
 * in place because its name was taken meanwhile, the written file is kept under its
 * temporary name and the message says where. */
int outfile_close(struct outfile *t, bool is_keep, struct diag *d);

/* Flushes standard output after a command wrote to it directly. Returns 0, or -1 with
 * "standard output: error: cannot write: REASON" reported to d (a full disk, a closed pipe). */
int outfile_flush_stdout(struct diag *d);

/* The exit status of a command that wrote its output to standard output; rc is its writer's
 * result (0, or -1 when a write failed). Flushes standard output and says on standard error
 * why the output could not be written, if it could not. Returns EXIT_OK or EXIT_IOERR. */
int outfile_stdout_status(int rc);

#endif
