/*
 * idmap.c - open addressing with linear probing over a power-of-two table.
 * Invariant: the table is never more than half full, so every probe ends at an empty slot.
 */
#include "idmap.h"

#include <stdint.h>
#include <string.h>

#include "arena.h"

struct slot {
	const char *key;
	size_t len;
	size_t ns;
	size_t val;
};

struct idmap {
	struct arena *arena;
	struct slot *slots;
	size_t cap;
	size_t n;
};

static size_t hash(size_t ns, const char *key, size_t len)
{
	uint64_t h = 1469598103934665603u ^ (uint64_t)ns * 0x9e3779b97f4a7c15u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)key[i]) * 1099511628211u;
	return (size_t)(h ^ h >> 29);
}

struct idmap *idmap_new(struct arena *a)
{
	struct idmap *m = arena_alloc(a, sizeof *m);
	m->arena = a;
	m->cap = 64;
	m->slots = arena_calloc(a, m->cap, sizeof *m->slots);
	return m;
}

/* The slot holding the key, or the empty slot where it would go. */
static struct slot *find(const struct idmap *m, size_t ns, const char *key, size_t len)
{
	size_t i = hash(ns, key, len) & (m->cap - 1);
	for (;; i = (i + 1) & (m->cap - 1)) {
		struct slot *s = &m->slots[i];
		if (s->key == NULL)
			return s;
		if (s->ns == ns && s->len == len && memcmp(s->key, key, len) == 0)
			return s;
	}
}

/* A table of cap slots (a power of two, more than twice n), holding what the old one held. */
static void resize(struct idmap *m, size_t cap)
{
	struct slot *old = m->slots;
	size_t oldcap = m->cap;
	m->cap = cap;
	m->slots = arena_calloc(m->arena, m->cap, sizeof *m->slots);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key != NULL)
			*find(m, old[i].ns, old[i].key, old[i].len) = old[i];
}

void idmap_reserve(struct idmap *m, size_t n)
{
	size_t cap = m->cap;
	while (n * 2 > cap && cap <= SIZE_MAX / 4)
		cap *= 2;
	if (cap > m->cap)
		resize(m, cap);
}

int idmap_put(struct idmap *m, size_t ns, const char *key, size_t len, size_t val, size_t *old)
{
	struct slot *s = find(m, ns, key, len);
	if (s->key != NULL) {
		if (old != NULL)
			*old = s->val;
		return 1;
	}
	*s = (struct slot){ key, len, ns, val };
	if (++m->n * 2 > m->cap)
		resize(m, m->cap * 2);
	return 0;
}

int idmap_get(const struct idmap *m, size_t ns, const char *key, size_t len, size_t *val)
{
	const struct slot *s = find(m, ns, key, len);
	if (s->key == NULL)
		return -1;
	*val = s->val;
	return 0;
}
