/*
 * idmap.h - a hash map from (namespace, id) to an index, living in an arena.
 *
 * The loader uses one map for every kind of id (items and derived values share a namespace;
 * sections, outcomes, rules, advice, properties and each item's choices have their own), and
 * the model keeps it for look-ups by id in constant time. Keys are borrowed: the strings must
 * outlive the map (they live in the same arena). The map's memory is freed with its arena.
 */
#ifndef BACKCHECK_IDMAP_H
#define BACKCHECK_IDMAP_H

#include <stddef.h>

struct arena;
struct idmap;

/* A new, empty map in arena a. */
struct idmap *idmap_new(struct arena *a);

/* Makes room for n keys in all, so that they go in without the table growing (each growth
 * moves every key: a cache miss apiece in a big table). */
void idmap_reserve(struct idmap *m, size_t n);

/*
 * Adds (ns, key[0..len)) -> val. Returns 0 when added, or 1 when the key is already there:
 * then the map is unchanged and *old (when not NULL) receives the existing value.
 */
int idmap_put(struct idmap *m, size_t ns, const char *key, size_t len, size_t val, size_t *old);

/* Looks (ns, key[0..len)) up: 0 and *val filled, or -1 when absent. */
int idmap_get(const struct idmap *m, size_t ns, const char *key, size_t len, size_t *val);

#endif
