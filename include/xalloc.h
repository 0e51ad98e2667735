/*
 * xalloc.h - the one allocator of the program, and its one out-of-memory path.
 *
 * Every heap allocation outside the libraries goes through these functions (the arenas
 * too), and jansson and libyaml are pointed at them where they allow it. They never return
 * NULL: when memory runs out, xalloc_die() prints "backcheck: out of memory" on standard
 * error and calls the failure handler. main.c installs a handler that exits with status 70
 * (only main.c exits); without one (unit tests, fuzzers) the process aborts.
 *
 * Ownership: memory from xalloc, xalloc_array, xalloc_resize and the string copies is the
 * caller's, released with free().
 *
 * Test hook: xalloc_fail_at(n) makes the n-th allocation from then on fail, as if memory had
 * run out, so that tests can walk every allocation of a run (the way SQLite tests).
 */
#ifndef BACKCHECK_XALLOC_H
#define BACKCHECK_XALLOC_H

#include <stddef.h>
#include <stdio.h>

enum { XALLOC_HUGE_PAGE = 2 * 1024 * 1024 };

/* n bytes (at least 1), uninitialised. */
void *xalloc(size_t n);

/* count zeroed objects of size bytes each; the product is overflow-checked. */
void *xalloc_array(size_t count, size_t size);

/* n bytes (a multiple of XALLOC_HUGE_PAGE), aligned to XALLOC_HUGE_PAGE and offered to the
 * kernel for transparent huge pages (madvise; a hint it may ignore), uninitialised. For the
 * blocks of a big arena: one page fault per 2 MiB instead of one per 4 KiB. */
void *xalloc_huge(size_t n);

/* p (NULL or from these functions) grown or shrunk to count objects of size bytes;
 * overflow-checked; new bytes are uninitialised. */
void *xalloc_resize(void *p, size_t count, size_t size);

/* The one way an array grows: p (NULL or from these functions, room for *cap objects of size
 * bytes) with room for at least need objects. When it is short, *cap doubles (from first,
 * which is not 0, when it was 0) until need fits and p is resized, contents kept; otherwise
 * p comes back as it is. Appending is `p = xalloc_grow(p, &cap, n + 1, 16, sizeof *p)`. */
void *xalloc_grow(void *p, size_t *cap, size_t need, size_t first, size_t size);

/* The capacity xalloc_grow() and arena_grow() choose: cap doubled (from first) until need
 * fits; overflow ends in xalloc_die(). */
size_t xalloc_grown(size_t cap, size_t need, size_t first);

/* Copies of s (the first n bytes for xalloc_strndup), always NUL-terminated. NULL gives NULL. */
char *xalloc_strdup(const char *s);
char *xalloc_strndup(const char *s, size_t n);

/* A stream writing into memory (open_memstream(3)): *buf and *len follow what is written at
 * each fflush and at fclose, after which *buf is the caller's to free. Running out of memory
 * on opening it takes the out-of-memory path; it never returns NULL. */
FILE *xalloc_memstream(char **buf, size_t *len);

/* The out-of-memory path: the message, then the handler, then abort(). Never returns. */
_Noreturn void xalloc_die(void);

/* The handler xalloc_die() calls after its message; it must not return (main.c's exits 70).
 * NULL restores the default (abort). */
void xalloc_on_failure(void (*handler)(void));

/* Test hook: the n-th allocation counted from this call fails (n = 1: the next one);
 * 0 turns failing off. */
void xalloc_fail_at(unsigned long n);

/* Allocations counted since the program started (for the allocation-failure tests). */
unsigned long xalloc_count(void);

#endif
