/*
 * testpty.h - the test programs' one pseudo-terminal harness: starts the binary on a new pty of
 * a given size, reads what it shows with a deadline, types keys only after the prompt they
 * answer has appeared, and ends it, checking the terminal was left as it was found.
 *
 * A struct tl_pty starts zeroed ({ 0 }); tl_pty_spawn() frees what an earlier session on it
 * kept, tl_pty_free() frees the last. What the terminal showed stays in buf (NUL-terminated,
 * len bytes, however long) until then. A wait that passes its deadline, or any step that
 * cannot be done, fails the test with what the terminal showed: never a silent pass.
 * Include after <cmocka.h>.
 */
#ifndef BACKCHECK_TESTLIB_PTY_H
#define BACKCHECK_TESTLIB_PTY_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct tl_pty {
	pid_t pid;
	int fd;
	char *buf;
	size_t len, cap;
	/* Where the next wait starts looking. */
	size_t mark;
	bool is_eof;
};

/* How to start the binary. Zero is the default for every field. */
struct tl_pty_opts {
	/* The terminal's size (80x40 when 0). */
	unsigned short cols, rows;
	/* Another program than tl_binary(). */
	const char *bin;
	/* Applied in the child after TERM=dumb, INPUTRC=/dev/null and ASAN_OPTIONS (see testpty.c),
	 * in order: "NAME=VALUE" sets, "NAME" unsets. NULL-terminated. */
	const char *const *env;
	/* Standard output to this file (a shell's "> FILE") instead of the terminal. */
	const char *stdout_path;
	/* When has_fsize, files are limited to fsize bytes (RLIMIT_FSIZE, SIGXFSZ ignored): a
	 * disk that fills up. */
	bool has_fsize;
	long fsize;
	/* Run as user nobody (65534) when the tests run as root, so that folder modes bind. */
	bool is_nobody;
};

/* Starts the binary with args (NULL-terminated) on a new pty as o says (NULL: defaults). */
void tl_pty_spawn(struct tl_pty *p, const char *const *args, const struct tl_pty_opts *o);

/* Reads what is there within ms milliseconds; false at the end of output. */
bool tl_pty_read(struct tl_pty *p, int ms);

/* Waits until text appears after the mark and moves the mark past it. */
void tl_pty_wait(struct tl_pty *p, const char *text);

/* The same for text as words, wherever the terminal's width broke its lines: a line break
 * ("\r\n") in the output matches a space in text. */
void tl_pty_wait_words(struct tl_pty *p, const char *text);

/* Types s, reading meanwhile so that the child never blocks on a full terminal. */
void tl_pty_send(struct tl_pty *p, const char *s);

/* Waits for the prompt ending in "> ", then types line and Enter. */
void tl_pty_answer(struct tl_pty *p, const char *line);

/* Plays a script on p: NULL-terminated steps, each a kind character and then its text:
 *   ">TEXT"  tl_pty_answer(): waits for the prompt, types TEXT and Enter;
 *   "=TEXT"  tl_pty_wait() for TEXT;
 *   "~TEXT"  tl_pty_wait_words() for TEXT;
 *   "<TEXT"  tl_pty_send(): types TEXT as it is (keys such as "\x04", or "y\r").
 * A step of another kind fails the test. Tests name the scripts they share. */
void tl_pty_play(struct tl_pty *p, const char *const *script);

/* Plays the scripts that follow p (each a const char *const *), one after the other, up
 * to a NULL. */
void tl_pty_play_all(struct tl_pty *p, ...);

/* Reads to the end and returns the exit status (or 128 + the signal); checks the terminal
 * was left in canonical mode with echo, and closes it. buf stays. */
int tl_pty_finish(struct tl_pty *p);

/* Frees what p kept. */
void tl_pty_free(struct tl_pty *p);

/* For a test's teardown: a child that a failed test left running is killed and reaped, and
 * its pty freed. */
void tl_pty_cleanup(void);

#endif
