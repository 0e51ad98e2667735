/*
 * suggest.c - "did you mean" by optimal string alignment distance over three rows of the
 * dynamic-programming table kept on the stack. Invariant: a struct suggest's best is NULL or
 * a candidate within suggest_limit() of the word, the first one at the smallest distance.
 */
#include "suggest.h"

#include <string.h>

static unsigned char fold(char c)
{
	unsigned char u = (unsigned char)c;
	return (u >= 'A' && u <= 'Z') ? (unsigned char)(u - 'A' + 'a') : u;
}

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

size_t suggest_distance(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t rows[3][SUGGEST_MAX_LEN + 1];
	if (alen > SUGGEST_MAX_LEN || blen > SUGGEST_MAX_LEN)
		return (size_t)-1;
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
	for (size_t j = 0; j <= blen; j++)
		prev[j] = j;
	for (size_t i = 1; i <= alen; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= blen; j++) {
			size_t cost = fold(a[i - 1]) != fold(b[j - 1]);
			cur[j] = min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) &&
			    fold(a[i - 2]) == fold(b[j - 1]) && prev2[j - 2] + 1 < cur[j])
				cur[j] = prev2[j - 2] + 1;
		}
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[blen];
}

size_t suggest_limit(size_t len)
{
	if (len <= 4)
		return 1;
	return len <= 8 ? 2 : 3;
}

void suggest_init(struct suggest *s, const char *word, size_t len)
{
	s->word = word;
	s->len = len;
	s->best = NULL;
	s->best_distance = suggest_limit(len) + 1;
}

void suggest_consider(struct suggest *s, const char *candidate)
{
	if (candidate == NULL)
		return;
	size_t clen = strlen(candidate);
	size_t diff = clen > s->len ? clen - s->len : s->len - clen;
	if (diff >= s->best_distance)
		return;
	size_t dist = suggest_distance(s->word, s->len, candidate, clen);
	if (dist < s->best_distance) {
		s->best = candidate;
		s->best_distance = dist;
	}
}

const char *suggest_result(const struct suggest *s)
{
	return s->best;
}

const char *suggest_closest(const char *word, size_t len, const char *const *candidates,
                            size_t n)
{
	struct suggest s;
	suggest_init(&s, word, len);
	for (size_t i = 0; i < n; i++)
		suggest_consider(&s, candidates[i]);
	return suggest_result(&s);
}
