/*
 * verify_int.h - what verify.c (the checks and the command) and verify_search.c (the search
 * over answers) share, and nobody else.
 *
 * A query asks: is there a combination of answers, allowed by the asking conditions, for which
 * every condition of `holds` is true, every condition of `fails` is not true (false or
 * unknown), and the confirm callback agrees on the real engine replaying those answers?
 * The search splits the answers of the items the query reads into ever smaller sets, and
 * drops a set as soon as expr_range shows that no answers in it can satisfy the query. It is
 * exhaustive: "not found" means no such answers exist, unless the result says it sampled.
 */
#ifndef BACKCHECK_VERIFY_INT_H
#define BACKCHECK_VERIFY_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct engine;
struct expr;
struct questionnaire;
struct vsearch;
struct verify_opts;

enum { VSEARCH_MAX_CONDS = 512 };

struct vquery {
	const struct expr *holds[VSEARCH_MAX_CONDS];
	size_t nholds;
	const struct expr *fails[VSEARCH_MAX_CONDS];
	size_t nfails;
	/* An item that must be asked and answered (or skipped, when optional), or -1. */
	long asked;
	/* With asked: the multiple choice answer it must have, exactly (bits of its choice
	 * list); 0: any. */
	uint64_t asked_must;
	/* Every set of answers looked at must also give one outcome (the rules read until they
	 * settle it), so that one replay stands for the whole set. */
	bool is_outcome_fixed;
	/* Called with an engine that has replayed the candidate answers and decided; true when
	 * the candidate really shows what the query looks for. NULL: always true. */
	bool (*confirm)(void *ctx, struct engine *e);
	void *ctx;
	/* The most sets of answers this query may look at; 0: the search's budget. */
	long budget;
};

struct vresult {
	bool is_found;
	/* The replayed engine of the answers found (caller frees with engine_free()), or NULL. */
	struct engine *witness;
	/* Sets of answers looked at, and candidates replayed on the engine. */
	long cases;
	long replays;
	/* The search stopped at its budget before it finished: "not found" proves nothing. */
	bool is_cut;
	/* Some item read could not be split exactly (a number used in arithmetic, a text): the
	 * search tried sample values for it. The items are named in sampled_items. */
	bool is_sampled;
	char sampled_items[256];
};

/* Prepares the search over q (borrowed; must outlive it). Never fails (aborts when out of
 * memory). Caller frees with vsearch_free(). */
struct vsearch *vsearch_new(const struct questionnaire *q);
void vsearch_free(struct vsearch *s);

/* Whether item i comes after every item the stop rules read (through derived values too). */
bool vsearch_after_stops(const struct vsearch *s, size_t i);

/* The most sets of answers one query may look at before it gives up. */
void vsearch_set_budget(struct vsearch *s, long cases);

/* Runs a query; fills *r. */
void vsearch_run(struct vsearch *s, const struct vquery *qy, struct vresult *r);

/* A query that asks for nothing yet (no item must be asked), with what confirms a find
 * (confirm and its ctx; NULL: anything found) and the most sets of answers it may look at
 * (0: the search's budget). Caller frees with free(). */
struct vquery *vquery_new(bool (*confirm)(void *ctx, struct engine *e), void *ctx, long budget);

/* Adds what search r looked at to total: the sets and replays, whether it was cut short or
 * sampled (the first sampled items named stay). Its witness is not taken. */
void vresult_add(struct vresult *total, const struct vresult *r);

/* Adds rule r's "decides" to qy: its condition holds and no earlier rule's does. Returns -1
 * when the query is full. */
int vquery_decides(struct vquery *qy, const struct questionnaire *q, size_t r);

/* An interview of the search's questionnaire given from's answers (from may run another
 * version of it, with the same items): where from has no answer it can take, the first
 * allowed one; decided. NULL when no answer fits. Caller frees with engine_free(). */
struct engine *vsearch_replay_like(struct vsearch *s, const struct engine *from);

/* Writes e's answers as the counter-example of check name (a file name without .yaml; why
 * says what it shows) to o->outdir, or indented to out; says where on out. Returns 0, or -1
 * with the reason on standard error when the file cannot be written. */
int verify_counter_example(struct engine *e, const char *qpath, const char *name,
                           const char *why, const struct verify_opts *o, FILE *out);

/* Answers for an engine's current answers, in the answers-file format (caller frees). */
char *vsearch_answers_yaml(struct engine *e, const char *comment);

#endif
