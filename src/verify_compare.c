/*
 * verify_compare.c - `backcheck verify --against OLD`: whether a questionnaire gives the same
 * outcome as another version of it, with the same items, for every combination of answers.
 *
 * Two versions can disagree only where the rule that decides differs. For each pair of a rule
 * (or the default) deciding in the old version and one deciding in the new with another
 * outcome, one exhaustive search (verify_search.c) looks for answers where both decide; a pair
 * is skipped when one condition, the same text in both versions, would have to hold and not
 * hold. The search follows the new version's interview (its asking conditions and stop
 * rules), and again the old one's when their stop rules differ, so that answers one version
 * stops before are looked at too. Each candidate is replayed on both versions' engines: only
 * a real difference of outcome counts.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "expr.h"
#include "model.h"
#include "verify.h"
#include "verify_int.h"
#include "xalloc.h"

/* The most sets of answers the search for one pair of deciding rules may look at, and the
 * search over one changed rule; past them, the comparison says it is undecided. */
enum { PAIR_BUDGET = 10000, ONE_RULE_BUDGET = 50000 };

struct side {
	const struct questionnaire *q;
	char **text;
};

struct compare {
	struct side a, b;
	/* same[k][j]: rule k of a and rule j of b have the same condition. */
	bool *same;
	/* The one rule whose condition differs when that is the only difference; -1: other
	 * edits. */
	long only;
	/* The search over one changed rule ran (it looks one way; the caller swaps a and b). */
	bool ran_one_rule;
	struct vsearch *other;
	struct engine *other_e;
};

/* Why the two versions cannot be compared (same items, derived values, asking), or NULL. */
static const char *incompatible(const struct questionnaire *a, const struct questionnaire *b,
                                char *buf, size_t n)
{
	if (a->nitems != b->nitems || a->nderived != b->nderived)
		return "they do not have the same items and derived values";
	for (size_t i = 0; i < a->nitems; i++) {
		const struct item *x = &a->items[i], *y = &b->items[i];
		bool same = strcmp(x->id, y->id) == 0 && x->type == y->type &&
		            x->nchoices == y->nchoices && x->min == y->min && x->max == y->max;
		for (size_t k = 0; same && k < x->nchoices; k++)
			same = strcmp(x->choices[k].id, y->choices[k].id) == 0;
		char *wx = x->when ? expr_to_string(x->when) : NULL;
		char *wy = y->when ? expr_to_string(y->when) : NULL;
		same = same && (wx == NULL) == (wy == NULL) && (wx == NULL || strcmp(wx, wy) == 0);
		free(wx);
		free(wy);
		if (!same) {
			snprintf(buf, n, "item %s is not the same question in both", x->id);
			return buf;
		}
	}
	for (size_t k = 0; k < a->nderived; k++) {
		char *vx = expr_to_string(a->derived[k].value), *vy = expr_to_string(b->derived[k].value);
		bool same = strcmp(a->derived[k].id, b->derived[k].id) == 0 && strcmp(vx, vy) == 0;
		free(vx);
		free(vy);
		if (!same) {
			snprintf(buf, n, "derived value %s differs", a->derived[k].id);
			return buf;
		}
	}
	return NULL;
}

static void side_init(struct side *s, const struct questionnaire *q)
{
	s->q = q;
	s->text = xalloc_array(q->nrules + 1, sizeof *s->text);
	for (size_t r = 0; r < q->nrules; r++)
		s->text[r] = expr_to_string(q->rules[r].when);
}

static void side_free(struct side *s)
{
	for (size_t r = 0; r < s->q->nrules; r++)
		free(s->text[r]);
	free(s->text);
}

static const char *outcome_of(const struct questionnaire *q, size_t r)
{
	return q->outcomes[r < q->nrules ? q->rules[r].outcome : q->default_outcome].id;
}

/* Whether a deciding by k and b deciding by j asks one condition to hold and not hold. */
static bool contradicts(const struct compare *c, size_t k, size_t j)
{
	size_t nb = c->b.q->nrules;
	for (size_t x = 0; x < k && j < nb; x++)
		if (c->same[x * nb + j])
			return true;
	for (size_t y = 0; y < j && k < c->a.q->nrules; y++)
		if (c->same[k * nb + y])
			return true;
	return false;
}

static bool differs(void *ctx, struct engine *e)
{
	struct compare *c = ctx;
	struct engine *o = vsearch_replay_like(c->other, e);
	if (o == NULL)
		return false;
	size_t x = engine_decide_partial(e)->outcome, y = engine_decide_partial(o)->outcome;
	const struct questionnaire *qe = engine_questionnaire(e), *qo = engine_questionnaire(o);
	if (strcmp(qe->outcomes[x].id, qo->outcomes[y].id) == 0) {
		engine_free(o);
		return false;
	}
	c->other_e = o;
	return true;
}

/* The rule whose condition alone differs between the versions, or -1 when they differ in
 * more (the number, order, outcomes or stops of their rules, or two conditions). */
static long only_difference(const struct compare *c)
{
	const struct questionnaire *a = c->a.q, *b = c->b.q;
	long only = -1;
	if (a->nrules != b->nrules || strcmp(outcome_of(a, a->nrules), outcome_of(b, b->nrules)))
		return -1;
	for (size_t r = 0; r < a->nrules; r++) {
		if (strcmp(outcome_of(a, r), outcome_of(b, r)) != 0 ||
		    a->rules[r].is_stop != b->rules[r].is_stop)
			return -1;
		if (!c->same[r * b->nrules + r] && only >= 0)
			return -1;
		if (!c->same[r * b->nrules + r])
			only = (long)r;
	}
	return only;
}

/* Adds "side s decides by rule r (nrules: the default)" to qy. */
static void add_decides(struct vquery *qy, const struct questionnaire *q, size_t r)
{
	if (r < q->nrules) {
		vquery_decides(qy, q, r);
		return;
	}
	for (size_t k = 0; k < q->nrules; k++)
		qy->fails[qy->nfails++] = q->rules[k].when;
}

/* Runs qy (freed here) over a's interview; adds what it looked at to total and puts the
 * witness found, if any, in *w. */
static void run_query(struct vsearch *s, struct vquery *qy, struct vresult *total,
                      struct engine **w)
{
	struct vresult r;
	vsearch_run(s, qy, &r);
	free(qy);
	vresult_add(total, &r);
	if (r.is_found)
		*w = r.witness;
}

/* When only rule r's condition differs: answers where b's holds and a's does not (the rules
 * before it not holding), over a's interview with a's outcome settled in every set of
 * answers, so that one replay on each version stands for the whole set. The caller swaps a
 * and b for the other way round. */
static void one_rule(struct compare *c, struct vsearch *s, struct vresult *total,
                     struct engine **w)
{
	size_t r = (size_t)c->only;
	struct vquery *qy = vquery_new(differs, c, ONE_RULE_BUDGET);
	qy->holds[qy->nholds++] = c->b.q->rules[r].when;
	for (size_t k = 0; k <= r; k++)
		qy->fails[qy->nfails++] = c->a.q->rules[k].when;
	qy->is_outcome_fixed = true;
	run_query(s, qy, total, w);
}

/* Searches a's interview for answers where the deciding rules of a and b give different
 * outcomes; the witness (an engine of a) in *r, the engine of b in c->other_e. */
static void search_side(struct compare *c, struct vresult *total, struct engine **w,
                        bool with_pairs)
{
	struct vsearch *s = vsearch_new(c->a.q);
	c->other = vsearch_new(c->b.q);
	c->only = only_difference(c);
	for (size_t k = 0; k <= c->a.q->nrules && *w == NULL && with_pairs; k++) {
		for (size_t j = 0; j <= c->b.q->nrules && *w == NULL; j++) {
			if (strcmp(outcome_of(c->a.q, k), outcome_of(c->b.q, j)) == 0 ||
			    contradicts(c, k, j) || k + j + 2 > VSEARCH_MAX_CONDS)
				continue;
			struct vquery *qy = vquery_new(differs, c, PAIR_BUDGET);
			add_decides(qy, c->a.q, k);
			add_decides(qy, c->b.q, j);
			run_query(s, qy, total, w);
		}
	}
	/* A pair cut short proves nothing; with one rule changed, the exhaustive search decides. */
	if (*w == NULL && c->only >= 0 && (total->is_cut || !with_pairs)) {
		total->is_cut = false;
		c->ran_one_rule = true;
		one_rule(c, s, total, w);
	}
	vsearch_free(c->other);
	vsearch_free(s);
}

static void compare_init(struct compare *c, const struct questionnaire *a,
                         const struct questionnaire *b)
{
	memset(c, 0, sizeof *c);
	side_init(&c->a, a);
	side_init(&c->b, b);
	c->same = xalloc_array(a->nrules * b->nrules + 1, sizeof *c->same);
	for (size_t k = 0; k < a->nrules; k++)
		for (size_t j = 0; j < b->nrules; j++)
			c->same[k * b->nrules + j] = strcmp(c->a.text[k], c->b.text[j]) == 0;
}

static void compare_free(struct compare *c)
{
	side_free(&c->a);
	side_free(&c->b);
	free(c->same);
}

/* Whether the two versions have the same stop rules, in the same order. */
static bool same_stops(const struct compare *c)
{
	size_t k = 0, j = 0;
	for (;;) {
		while (k < c->a.q->nrules && !c->a.q->rules[k].is_stop)
			k++;
		while (j < c->b.q->nrules && !c->b.q->rules[j].is_stop)
			j++;
		if (k == c->a.q->nrules || j == c->b.q->nrules)
			return k == c->a.q->nrules && j == c->b.q->nrules;
		if (strcmp(c->a.text[k++], c->b.text[j++]) != 0)
			return false;
	}
}

static void report(const struct questionnaire *q, const struct questionnaire *old,
                   struct engine *w, struct engine *o, FILE *out, const struct verify_opts *vo,
                   int *status)
{
	const struct engine_result *rw = engine_decide_partial(w), *ro = engine_decide_partial(o);
	const struct engine_result *rn = engine_questionnaire(w) == q ? rw : ro;
	const struct engine_result *rold = engine_questionnaire(w) == q ? ro : rw;
	char why[1024];
	snprintf(why, sizeof why, "%s gives %s (decided by %s); %s gives %s (decided by %s).",
	         q->path, q->outcomes[rn->outcome].id,
	         rn->decisive_rule >= 0 ? q->rules[rn->decisive_rule].id : "the default",
	         old->path, old->outcomes[rold->outcome].id,
	         rold->decisive_rule >= 0 ? old->rules[rold->decisive_rule].id : "the default");
	fprintf(out, "FAILED  outcome differs from %s: %s\n", old->path, why);
	*status = verify_counter_example(w, q->path, "against", why, vo, out);
}

int verify_compare(const struct questionnaire *old, const struct questionnaire *q,
                   const struct verify_opts *o, FILE *out, struct verify_summary *sum)
{
	char buf[512];
	memset(sum, 0, sizeof *sum);
	sum->checks = 1;
	sum->failed = 1;
	const char *why = incompatible(old, q, buf, sizeof buf);
	if (why != NULL) {
		fprintf(out, "FAILED  cannot compare with %s: %s\n", old->path, why);
		return 1;
	}
	struct compare c;
	compare_init(&c, q, old);
	struct vresult total = { 0 };
	struct engine *w = NULL;
	search_side(&c, &total, &w, true);
	if (w == NULL && (c.ran_one_rule || !same_stops(&c))) {
		bool pairs = !same_stops(&c), one = c.ran_one_rule;
		compare_free(&c);
		compare_init(&c, old, q);
		c.ran_one_rule = one;
		search_side(&c, &total, &w, pairs);
	}
	int status = 0;
	if (w != NULL) {
		report(q, old, w, c.other_e, out, o, &status);
		engine_free(w);
		engine_free(c.other_e);
		sum->written += status == 0;
		status = status < 0 ? -1 : 1;
	} else if (total.is_cut) {
		fprintf(out, "FAILED  outcome as in %s: undecided, the search stopped after %ld sets of "
		        "answers\n", old->path, total.cases);
		status = 1;
	} else {
		fprintf(out, "ok      same outcome as %s for every combination of answers (%ld sets "
		        "of answers, %ld replayed)%s\n", old->path, total.cases, total.replays,
		        total.is_sampled ? " [sampled]" : "");
		sum->failed = 0;
		sum->sampled = total.is_sampled;
	}
	compare_free(&c);
	return status;
}
