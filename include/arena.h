/*
 * arena.h - region allocation, and the ownership rule of the whole program.
 *
 * Ownership, stated once:
 *   - Everything reachable from a loaded questionnaire (model, compiled expressions, texts,
 *     the YAML tree it was built from) lives in that questionnaire's arena and is freed at once
 *     by questionnaire_free().
 *   - Each interview run (struct engine) has its own arena for answers, derived values, the
 *     result and the audit trail; engine_free() releases it.
 *   - A pointer handed out by a function is borrowed unless its comment says "caller frees".
 *     Borrowers never free.
 *
 * Allocation failure: arena_alloc() and friends end in xalloc_die(), the one out-of-memory
 * path (a message, then exit status 70 from main.c; see xalloc.h).
 */
#ifndef BACKCHECK_ARENA_H
#define BACKCHECK_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

/* A new, empty arena. Caller frees with arena_free(). */
struct arena *arena_new(void);

/* A new, empty arena that will hold about bytes: from 256 KiB on, it takes its memory in
 * 2 MiB huge pages from the first block (far fewer page faults; see arena.c), else it is
 * arena_new()'s. Caller frees with arena_free(). */
struct arena *arena_new_expecting(size_t bytes);

/* Frees every block the arena handed out, then the arena. NULL is ignored. */
void arena_free(struct arena *a);

/* Zeroed memory for n bytes, aligned for any object; lives until arena_free(). */
void *arena_alloc(struct arena *a, size_t n);

/* Zeroed array of count objects of size each; overflow-checked. */
void *arena_calloc(struct arena *a, size_t count, size_t size);

/* xalloc_grow() for an array in the arena: when p (count objects used, room for *cap) has no
 * room for need, a larger zeroed array is made in a and the count objects copied into it (the
 * old one stays until arena_free()); otherwise p comes back as it is. */
void *arena_grow(struct arena *a, void *p, size_t count, size_t *cap, size_t need, size_t first,
                 size_t size);

/* Copies of strings, NUL-terminated, in the arena. arena_strdup(a, NULL) is NULL. */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* vprintf into the arena (ap is used up). */
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/* printf into the arena. */
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Bytes handed out so far (for benchmarks and tests). */
size_t arena_used(const struct arena *a);

#endif
