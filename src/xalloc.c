/*
 * xalloc.c - the one allocator and its one out-of-memory path (see xalloc.h).
 * Invariant: no function here returns NULL; every failure ends in xalloc_die().
 *
 * The two file-statics are the ones STYLE allows: the failure handler main.c installs once,
 * and the test-only failure counter.
 */
#include "xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static void (*on_failure)(void);

static struct {
	unsigned long count;
	unsigned long fail_at;
} tick;

/* Counts one allocation; true when the test hook wants this one to fail. */
static int must_fail(void)
{
	tick.count++;
	return tick.fail_at != 0 && tick.count == tick.fail_at;
}

_Noreturn void xalloc_die(void)
{
	fputs("backcheck: out of memory\n", stderr);
	fflush(stderr);
	if (on_failure != NULL)
		on_failure();
	abort();
}

void xalloc_on_failure(void (*handler)(void))
{
	on_failure = handler;
}

void xalloc_fail_at(unsigned long n)
{
	tick.fail_at = n == 0 ? 0 : tick.count + n;
}

unsigned long xalloc_count(void)
{
	return tick.count;
}

void *xalloc(size_t n)
{
	void *p = must_fail() ? NULL : malloc(n ? n : 1);
	if (p == NULL)
		xalloc_die();
	return p;
}

void *xalloc_array(size_t count, size_t size)
{
	void *p = must_fail() ? NULL : calloc(count ? count : 1, size ? size : 1);
	if (p == NULL)
		xalloc_die();
	return p;
}

void *xalloc_huge(size_t n)
{
	void *p = must_fail() ? NULL : aligned_alloc(XALLOC_HUGE_PAGE, n);
	if (p == NULL)
		xalloc_die();
#ifdef MADV_HUGEPAGE
	/* Only a hint: where transparent huge pages are off, the pages stay 4 KiB. */
	madvise(p, n, MADV_HUGEPAGE);
#endif
	return p;
}

void *xalloc_resize(void *p, size_t count, size_t size)
{
	if (size != 0 && count > SIZE_MAX / size)
		xalloc_die();
	size_t n = count * size;
	void *q = must_fail() ? NULL : realloc(p, n ? n : 1);
	if (q == NULL)
		xalloc_die();
	return q;
}

size_t xalloc_grown(size_t cap, size_t need, size_t first)
{
	size_t c = cap ? cap : first;
	while (c < need) {
		if (c > SIZE_MAX / 2)
			xalloc_die();
		c *= 2;
	}
	return c;
}

void *xalloc_grow(void *p, size_t *cap, size_t need, size_t first, size_t size)
{
	if (need <= *cap)
		return p;
	*cap = xalloc_grown(*cap, need, first);
	return xalloc_resize(p, *cap, size);
}

char *xalloc_strndup(const char *s, size_t n)
{
	if (s == NULL)
		return NULL;
	char *p = xalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *xalloc_strdup(const char *s)
{
	return s == NULL ? NULL : xalloc_strndup(s, strlen(s));
}

FILE *xalloc_memstream(char **buf, size_t *len)
{
	FILE *f = open_memstream(buf, len);
	if (f == NULL)
		xalloc_die();
	return f;
}
