/*
 * yaml_alloc.c - the allocation-failure test build's malloc interposer for libyaml.
 *
 * libyaml allocates through its exported yaml_malloc, yaml_realloc and yaml_strdup, called
 * through the PLT, so these definitions in the executable take their place: every libyaml
 * allocation is counted by xalloc's test hook and can be made to fail. Linked only into
 * build/oom/backcheck (make VARIANT=oom), never into the shipped program.
 */
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

void *yaml_malloc(size_t size);
void *yaml_realloc(void *ptr, size_t size);
void yaml_free(void *ptr);
char *yaml_strdup(const char *s);

void *yaml_malloc(size_t size)
{
	return xalloc(size);
}

void *yaml_realloc(void *ptr, size_t size)
{
	return xalloc_resize(ptr, size, 1);
}

void yaml_free(void *ptr)
{
	free(ptr);
}

char *yaml_strdup(const char *s)
{
	return xalloc_strdup(s);
}
