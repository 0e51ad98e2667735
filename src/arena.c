/*
 * arena.c - a chain of blocks; allocation bumps a pointer, arena_free() releases the chain.
 * Invariant: every block's used bytes never exceed its size, and every returned pointer is
 * aligned to max_align_t.
 *
 * Blocks are 16 KiB (or the size asked for) until the arena holds HUGE_AFTER bytes; from then
 * on they are whole 2 MiB huge pages where the kernel gives them (xalloc_huge). Every fresh
 * 4 KiB page costs a page fault, about 15 us of CPU on a shared virtual machine, where a whole
 * 2 MiB huge page costs about 0.4 ms: huge pages pay from some 30 pages (120 KiB) touched on.
 * An arena made knowing it will hold more than HUGE_WORTH (a loaded questionnaire: the default
 * one takes 0.5 MiB) starts with them; the others (an interview's, a batch file's) switch only
 * past HUGE_AFTER, so that many small arenas never take 2 MiB each.
 */
#include "arena.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdalign.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BLOCK_MIN = 16 * 1024, HUGE_AFTER = 1024 * 1024, HUGE_WORTH = 256 * 1024 };

struct block {
	struct block *next;
	size_t size;
	size_t used;
	alignas(max_align_t) unsigned char data[];
};

struct arena {
	struct block *head;
	size_t total;
	/* Blocks are huge pages once total reaches this. */
	size_t huge_after;
};

struct arena *arena_new(void)
{
	return arena_new_expecting(0);
}

struct arena *arena_new_expecting(size_t bytes)
{
	struct arena *a = xalloc(sizeof *a);
	a->head = NULL;
	a->total = 0;
	a->huge_after = bytes >= HUGE_WORTH ? 0 : HUGE_AFTER;
	return a;
}

void arena_free(struct arena *a)
{
	if (a == NULL)
		return;
	struct block *b = a->head;
	while (b != NULL) {
		struct block *next = b->next;
		free(b);
		b = next;
	}
	free(a);
}

static size_t round_up(size_t n)
{
	size_t al = alignof(max_align_t);
	return (n + al - 1) / al * al;
}

void *arena_alloc(struct arena *a, size_t n)
{
	if (n == 0)
		n = 1;
	if (n > SIZE_MAX / 2)
		xalloc_die();
	n = round_up(n);
	struct block *b = a->head;
	if (b == NULL || b->size - b->used < n) {
		size_t size = n > BLOCK_MIN ? n : BLOCK_MIN;
		bool is_huge = a->total >= a->huge_after;
		if (is_huge) {
			size_t whole = (sizeof *b + size + XALLOC_HUGE_PAGE - 1) / XALLOC_HUGE_PAGE;
			size = whole * XALLOC_HUGE_PAGE - sizeof *b;
		}
		b = is_huge ? xalloc_huge(sizeof *b + size) : xalloc(sizeof *b + size);
		b->size = size;
		b->used = 0;
		if (a->head != NULL && n > BLOCK_MIN && !is_huge) {
			/* A large one-off block goes behind the head so the head keeps its room. */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	void *p = b->data + b->used;
	b->used += n;
	a->total += n;
	memset(p, 0, n);
	return p;
}

void *arena_calloc(struct arena *a, size_t count, size_t size)
{
	if (size != 0 && count > SIZE_MAX / 2 / size)
		xalloc_die();
	return arena_alloc(a, count * size);
}

void *arena_grow(struct arena *a, void *p, size_t count, size_t *cap, size_t need, size_t first,
                 size_t size)
{
	if (need <= *cap)
		return p;
	*cap = xalloc_grown(*cap, need, first);
	void *q = arena_calloc(a, *cap, size);
	if (count > 0)
		memcpy(q, p, count * size);
	return q;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	if (s == NULL)
		return NULL;
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return s == NULL ? NULL : arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return arena_strdup(a, "");
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

size_t arena_used(const struct arena *a)
{
	return a->total;
}
