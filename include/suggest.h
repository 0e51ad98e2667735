/*
 * suggest.h - "did you mean": the closest known word to a misspelt one, by edit distance.
 *
 * The distance is the optimal string alignment distance (insertions, deletions, substitutions
 * and swaps of two neighbouring characters each cost 1), with ASCII letters compared without
 * regard to case. A candidate is offered only when it is close enough to be a likely typo:
 * at most 1 edit for words of up to 4 bytes, 2 for up to 8 bytes, 3 beyond; words or candidates
 * longer than SUGGEST_MAX_LEN bytes are never matched. No memory is allocated; every pointer
 * returned is one of the candidates (borrowed from the caller).
 */
#ifndef BACKCHECK_SUGGEST_H
#define BACKCHECK_SUGGEST_H

#include <stddef.h>

enum { SUGGEST_MAX_LEN = 128 };

/*
 * The edit distance between a (alen bytes) and b (blen bytes), or (size_t)-1 when either is
 * longer than SUGGEST_MAX_LEN.
 */
size_t suggest_distance(const char *a, size_t alen, const char *b, size_t blen);

/* The largest distance at which a candidate is offered for a word of len bytes. */
size_t suggest_limit(size_t len);

/*
 * The candidate closest to word (len bytes, not NUL-terminated) among candidates[0..n), or NULL
 * when none is within suggest_limit(len). Ties go to the earlier candidate; NULL entries are
 * skipped. A candidate equal to word (distance 0) is returned as well.
 */
const char *suggest_closest(const char *word, size_t len, const char *const *candidates,
                            size_t n);

/*
 * The same search, one candidate at a time, for callers whose names are not in an array:
 *
 *	struct suggest s;
 *	suggest_init(&s, word, len);
 *	for (...) suggest_consider(&s, name);
 *	best = suggest_result(&s);
 */
struct suggest {
	const char *word;
	size_t len;
	const char *best;
	size_t best_distance;
};

void suggest_init(struct suggest *s, const char *word, size_t len);
void suggest_consider(struct suggest *s, const char *candidate);
const char *suggest_result(const struct suggest *s);

#endif
