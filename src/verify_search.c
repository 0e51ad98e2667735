/*
 * verify_search.c - the exhaustive search behind `backcheck verify` (see verify_int.h).
 *
 * Each item the query reads gets a set of possible answers: "not answered", and a set of
 * values (an interval of candidate numbers, a set of choices, the choices a multiple choice
 * answer must and may hold). expr_range evaluates every condition over those sets at once. A
 * set of answers is dropped when some condition cannot come out as the query needs; it is
 * split when some condition is still undecided, on the earliest item (in asking order) that
 * keeps it undecided; when every condition is decided for every answer in it, one answer from
 * it is replayed on the real engine and confirmed there. Whole numbers are split down to
 * single values when needed, so the search is exact for them even inside arithmetic; decimal
 * numbers take the values at and between the constants they are compared with, which is exact
 * unless they are used in arithmetic (then a grid of their step is added and the result says
 * it sampled).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "expr.h"
#include "expr_range.h"
#include "model.h"
#include "verify_int.h"
#include "xalloc.h"

enum { EXACT_INT_SPAN = 100000, GRID_MAX = 2000 };

/* The answers an item may still take. */
struct vdom {
	bool u, v;
	size_t a, b;
	uint64_t must, may;
};

/* Member by member: the padding after u and v has no value to compare. */
static bool vdom_equal(const struct vdom *x, const struct vdom *y)
{
	return x->u == y->u && x->v == y->v && x->a == y->a && x->b == y->b &&
	       x->must == y->must && x->may == y->may;
}

struct dbl_list {
	double *x;
	size_t n, cap;
};

struct vsearch {
	const struct questionnaire *q;
	double **cand;
	size_t *ncand;
	bool *is_inexact;
	long budget;
	/* Per query. */
	const struct vquery *qy;
	bool *is_read;
	bool needs_rules;
	struct expr_range *item_r, *derived_r, *rule_r, outcome_r;
	struct vresult *res;
	long best_item;
	int best_choice;
	size_t best_size;
	/* The culprits of the constraint being looked at, and how many of its items. */
	/* Items the stop rules read (through derived values too), and how many come before each
	 * item; the answers as they stood before an item was asked, for the stop rules. */
	bool *is_stop_item;
	size_t *stops_before;
	bool stop_needs_derived;
	/* stopped_before() of the set of answers being judged, for the last prefix computed. */
	size_t stop_cache_count;
	unsigned stop_cache_res;
	struct expr_range *pre_item_r, *pre_derived_r;
	long *cur_item;
	int *cur_choice;
	size_t ncur;
	size_t best_count;
	/* 0 while the query's own conditions are looked at, 1 for the asking conditions: the
	 * query's culprits are split first. */
	int tier, best_tier;
	/* The query split into parts that must all come out as wanted (expr_range_conjuncts);
	 * single: the one item a part names (directly), or -1. */
	struct leaf *leaves;
	size_t nleaves, capleaves;
};

struct leaf {
	const struct expr *e;
	enum expr_range_want want;
	long single;
};

static void *xcalloc(size_t n, size_t size)
{
	return xalloc_array(n + 1, size);
}

static void push(struct dbl_list *l, double x)
{
	l->x = xalloc_grow(l->x, &l->cap, l->n + 1, 16, sizeof *l->x);
	l->x[l->n++] = x;
}

static bool is_numeric(const struct item *it)
{
	return it->type == ITEM_INT || it->type == ITEM_NUMBER || it->type == ITEM_SCALE;
}

/* --- Candidate numbers ------------------------------------------------------------------ */

struct collect {
	struct vsearch *s;
	struct dbl_list *consts;
	bool *seen_derived;
};

static void walk(struct collect *c, const struct expr *e);

static void on_use(void *ctx, enum expr_sym_kind kind, size_t index, enum expr_range_use use,
                   double constant)
{
	struct collect *c = ctx;
	const struct questionnaire *q = c->s->q;
	if (kind == EXPR_SYM_DERIVED && !c->seen_derived[index]) {
		c->seen_derived[index] = true;
		walk(c, q->derived[index].value);
	}
	if (kind != EXPR_SYM_ITEM || !is_numeric(&q->items[index]))
		return;
	if (use == EXPR_RANGE_USE_COMPARE)
		push(&c->consts[index], constant);
	else if (use == EXPR_RANGE_USE_OTHER && q->items[index].type == ITEM_NUMBER)
		c->s->is_inexact[index] = true;
}

static void walk(struct collect *c, const struct expr *e)
{
	if (e != NULL)
		expr_range_uses(e, on_use, c);
}

static int cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Sorted, without repeats, inside [lo, hi]. */
static size_t tidy(double *x, size_t n, double lo, double hi)
{
	qsort(x, n, sizeof *x, cmp_dbl);
	size_t m = 0;
	for (size_t k = 0; k < n; k++)
		if (x[k] >= lo && x[k] <= hi && (m == 0 || x[m - 1] != x[k]))
			x[m++] = x[k];
	return m;
}

static void candidates(struct vsearch *s, size_t i, struct dbl_list *consts)
{
	const struct item *it = &s->q->items[i];
	struct dbl_list l = { 0 };
	if (it->type != ITEM_NUMBER && it->max - it->min <= EXACT_INT_SPAN) {
		for (double x = it->min; x <= it->max; x++)
			push(&l, x);
	} else {
		push(&l, it->min);
		push(&l, it->max);
		for (size_t k = 0; k < consts->n; k++) {
			double c = consts->x[k];
			push(&l, it->type == ITEM_NUMBER ? c : floor(c));
			push(&l, it->type == ITEM_NUMBER ? c : ceil(c));
			if (it->type != ITEM_NUMBER)
				push(&l, floor(c) + 1);
		}
		double step = it->step > 0 ? it->step : 0.5;
		if (s->is_inexact[i] && (it->max - it->min) / step <= GRID_MAX)
			for (double x = it->min; x <= it->max; x += step)
				push(&l, round(x * 1e9) / 1e9);
		size_t m = tidy(l.x, l.n, it->min, it->max);
		for (size_t k = 0; k + 1 < m && it->type == ITEM_NUMBER; k++)
			push(&l, (l.x[k] + l.x[k + 1]) / 2);
		l.n = tidy(l.x, l.n, it->min, it->max);
	}
	if (it->type != ITEM_NUMBER && it->max - it->min > EXACT_INT_SPAN)
		s->is_inexact[i] = true;
	s->cand[i] = l.x;
	s->ncand[i] = l.n;
}

static void find_stop_items(struct vsearch *s);

struct vsearch *vsearch_new(const struct questionnaire *q)
{
	struct vsearch *s = xcalloc(1, sizeof *s);
	s->q = q;
	s->budget = 1000000;
	s->cand = xcalloc(q->nitems, sizeof *s->cand);
	s->ncand = xcalloc(q->nitems, sizeof *s->ncand);
	s->is_inexact = xcalloc(q->nitems, sizeof *s->is_inexact);
	s->is_read = xcalloc(q->nitems, sizeof *s->is_read);
	s->item_r = xcalloc(q->nitems, sizeof *s->item_r);
	s->pre_item_r = xcalloc(q->nitems, sizeof *s->pre_item_r);
	s->pre_derived_r = xcalloc(q->nderived, sizeof *s->pre_derived_r);
	s->is_stop_item = xcalloc(q->nitems, sizeof *s->is_stop_item);
	s->stops_before = xcalloc(q->nitems, sizeof *s->stops_before);
	s->cur_item = xcalloc(q->nitems, sizeof *s->cur_item);
	s->cur_choice = xcalloc(q->nitems, sizeof *s->cur_choice);
	s->derived_r = xcalloc(q->nderived, sizeof *s->derived_r);
	s->rule_r = xcalloc(q->nrules, sizeof *s->rule_r);
	struct collect c = { .s = s };
	c.consts = xcalloc(q->nitems, sizeof *c.consts);
	c.seen_derived = xcalloc(q->nderived, sizeof *c.seen_derived);
	for (size_t r = 0; r < q->nrules; r++)
		walk(&c, q->rules[r].when);
	for (size_t k = 0; k < q->nadvice; k++)
		walk(&c, q->advice[k].when);
	for (size_t k = 0; k < q->nproperties; k++)
		walk(&c, q->properties[k].given);
	for (size_t i = 0; i < q->nitems; i++)
		walk(&c, q->items[i].when);
	for (size_t i = 0; i < q->nitems; i++) {
		if (is_numeric(&q->items[i]))
			candidates(s, i, &c.consts[i]);
		free(c.consts[i].x);
	}
	free(c.consts);
	free(c.seen_derived);
	find_stop_items(s);
	return s;
}

void vsearch_free(struct vsearch *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->q->nitems; i++)
		free(s->cand[i]);
	free(s->cand);
	free(s->ncand);
	free(s->is_inexact);
	free(s->is_read);
	free(s->item_r);
	free(s->pre_item_r);
	free(s->pre_derived_r);
	free(s->is_stop_item);
	free(s->stops_before);
	free(s->cur_item);
	free(s->leaves);
	free(s->cur_choice);
	free(s->derived_r);
	free(s->rule_r);
	free(s);
}

bool vsearch_after_stops(const struct vsearch *s, size_t i)
{
	size_t last = s->q->nitems ? s->q->nitems - 1 : 0;
	size_t all = s->q->nitems ? s->stops_before[last] + s->is_stop_item[last] : 0;
	return i < s->q->nitems && s->stops_before[i] == all && !s->is_stop_item[i];
}

void vsearch_set_budget(struct vsearch *s, long cases)
{
	s->budget = cases;
}

struct vquery *vquery_new(bool (*confirm)(void *ctx, struct engine *e), void *ctx, long budget)
{
	struct vquery *qy = xalloc_array(1, sizeof *qy);
	qy->asked = -1;
	qy->confirm = confirm;
	qy->ctx = ctx;
	qy->budget = budget;
	return qy;
}

void vresult_add(struct vresult *total, const struct vresult *r)
{
	total->cases += r->cases;
	total->replays += r->replays;
	total->is_cut |= r->is_cut;
	if (r->is_sampled && !total->is_sampled)
		memcpy(total->sampled_items, r->sampled_items, sizeof r->sampled_items);
	total->is_sampled |= r->is_sampled;
}

int vquery_decides(struct vquery *qy, const struct questionnaire *q, size_t r)
{
	if (qy->nholds >= VSEARCH_MAX_CONDS || qy->nfails + r > VSEARCH_MAX_CONDS)
		return -1;
	qy->holds[qy->nholds++] = q->rules[r].when;
	for (size_t k = 0; k < r; k++)
		qy->fails[qy->nfails++] = q->rules[k].when;
	return 0;
}

/* --- What a query reads ------------------------------------------------------------------ */

struct reads {
	struct vsearch *s;
	bool *seen_derived, *seen_rule;
};

static void read_expr(struct reads *rd, const struct expr *e);

static void read_rule(struct reads *rd, size_t r)
{
	if (rd->seen_rule[r])
		return;
	rd->seen_rule[r] = true;
	read_expr(rd, rd->s->q->rules[r].when);
}

static void on_ref(void *ctx, enum expr_sym_kind kind, size_t index)
{
	struct reads *rd = ctx;
	const struct questionnaire *q = rd->s->q;
	switch (kind) {
	case EXPR_SYM_ITEM:
		rd->s->is_read[index] = true;
		break;
	case EXPR_SYM_DERIVED:
		if (!rd->seen_derived[index]) {
			rd->seen_derived[index] = true;
			read_expr(rd, q->derived[index].value);
		}
		break;
	case EXPR_SYM_RULE:
		rd->s->needs_rules = true;
		read_rule(rd, index);
		break;
	case EXPR_SYM_OUTCOME:
	case EXPR_SYM_KINDS:
		rd->s->needs_rules = true;
		for (size_t r = 0; r < q->nrules; r++)
			read_rule(rd, r);
		break;
	}
}

static void read_expr(struct reads *rd, const struct expr *e)
{
	if (e != NULL)
		expr_each_ref(e, on_ref, rd);
}

/* The items the stop rules read, for the state of an interview before each item. */
static void find_stop_items(struct vsearch *s)
{
	const struct questionnaire *q = s->q;
	struct reads rd = { .s = s };
	rd.seen_derived = xcalloc(q->nderived, sizeof *rd.seen_derived);
	rd.seen_rule = xcalloc(q->nrules, sizeof *rd.seen_rule);
	memset(s->is_read, 0, q->nitems * sizeof *s->is_read);
	for (size_t r = 0; r < q->nrules; r++)
		if (q->rules[r].is_stop)
			read_expr(&rd, q->rules[r].when);
	for (size_t k = 0; k < q->nderived; k++)
		s->stop_needs_derived |= rd.seen_derived[k];
	size_t n = 0;
	for (size_t i = 0; i < q->nitems; i++) {
		s->stops_before[i] = n;
		s->is_stop_item[i] = s->is_read[i];
		n += s->is_read[i];
	}
	free(rd.seen_derived);
	free(rd.seen_rule);
}

/* Marks the items the query reads: its conditions, the stop rules (which decide how much of
 * an interview is asked), and, for every item read, the items its asking condition reads. */
static void mark_reads(struct vsearch *s, const struct vquery *qy)
{
	const struct questionnaire *q = s->q;
	struct reads rd = { .s = s };
	rd.seen_derived = xcalloc(q->nderived, sizeof *rd.seen_derived);
	rd.seen_rule = xcalloc(q->nrules, sizeof *rd.seen_rule);
	memset(s->is_read, 0, q->nitems * sizeof *s->is_read);
	s->needs_rules = false;
	for (size_t k = 0; k < qy->nholds; k++)
		read_expr(&rd, qy->holds[k]);
	for (size_t k = 0; k < qy->nfails; k++)
		read_expr(&rd, qy->fails[k]);
	for (size_t r = 0; r < q->nrules; r++)
		if (q->rules[r].is_stop)
			read_expr(&rd, q->rules[r].when);
	if (qy->asked >= 0)
		s->is_read[qy->asked] = true;
	if (qy->is_outcome_fixed) {
		s->needs_rules = true;
		for (size_t r = 0; r < q->nrules; r++)
			read_rule(&rd, r);
	}
	for (size_t i = q->nitems; i-- > 0;) {
		if (!s->is_read[i])
			continue;
		const struct item *it = &q->items[i];
		read_expr(&rd, it->when);
		read_expr(&rd, it->check.valid);
		for (size_t k = 0; k < it->nchoices; k++)
			read_expr(&rd, it->choices[k].when);
	}
	free(rd.seen_derived);
	free(rd.seen_rule);
}

/* --- Domains ----------------------------------------------------------------------------- */

static uint64_t all_bits(size_t n)
{
	return n >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << n) - 1;
}

static uint64_t exclusive_bits(const struct item *it)
{
	uint64_t b = 0;
	for (size_t k = 0; k < it->nchoices && k < 64; k++)
		if (it->choices[k].is_exclusive)
			b |= (uint64_t)1 << k;
	return b;
}

static int popcount64(uint64_t x)
{
	int n = 0;
	for (; x != 0; x &= x - 1)
		n++;
	return n;
}

/* How many ways the item's answers can still go, roughly: the smallest is split first. */
static size_t dom_size(const struct vsearch *s, size_t i, const struct vdom *d)
{
	const struct item *it = &s->q->items[i];
	if (d->u && d->v)
		return 2;
	if (is_numeric(it))
		return d->b - d->a + 1;
	if (it->type == ITEM_MULTI)
		return (size_t)popcount64(d->may & ~d->must) + 1;
	return (size_t)popcount64(d->may);
}

/* Notes item i (choice: the choice to split on, or -1) as a culprit of the constraint being
 * looked at. */
static void consider(struct vsearch *s, size_t i, int choice, const struct vdom *d)
{
	(void)d;
	for (size_t k = 0; k < s->ncur; k++)
		if (s->cur_item[k] == (long)i)
			return;
	s->cur_item[s->ncur] = (long)i;
	s->cur_choice[s->ncur++] = choice;
}

/* After a constraint's culprits are noted: the constraint with the fewest items undecided
 * gives the item to split, the one with the fewest ways to go (then the earliest). */
static void settle_culprits(struct vsearch *s, const struct vdom *dom)
{
	size_t n = s->ncur;
	s->ncur = 0;
	if (n == 0 || (s->best_item >= 0 && (s->best_tier < s->tier ||
	                                      (s->best_tier == s->tier && n >= s->best_count))))
		return;
	s->best_count = n;
	s->best_tier = s->tier;
	s->best_item = -1;
	for (size_t k = 0; k < n; k++) {
		size_t i = (size_t)s->cur_item[k], size = dom_size(s, i, &dom[i]);
		if (s->best_item >= 0 && (size > s->best_size ||
		                          (size == s->best_size && (long)i >= s->best_item)))
			continue;
		s->best_item = (long)i;
		s->best_choice = s->cur_choice[k];
		s->best_size = size;
	}
}

static struct vdom full_dom(const struct vsearch *s, size_t i)
{
	const struct item *it = &s->q->items[i];
	struct vdom d = { .u = it->when != NULL || !it->is_required || s->stops_before[i] > 0,
	                  .v = true };
	if (is_numeric(it))
		d.b = s->ncand[i] ? s->ncand[i] - 1 : 0;
	else if (it->type == ITEM_CHOICE || it->type == ITEM_MULTI)
		d.may = all_bits(it->nchoices);
	else if (it->type == ITEM_YESNO)
		d.may = 3;
	else if (it->type == ITEM_NOTE)
		d.may = 2;
	return d;
}

/* Drops values that no answer can have (a multiple choice with nothing left, or an exclusive
 * choice with another); false when nothing is left at all. */
static bool normalise(const struct vsearch *s, size_t i, struct vdom *d)
{
	const struct item *it = &s->q->items[i];
	if (it->type == ITEM_CHOICE || it->type == ITEM_YESNO || it->type == ITEM_MULTI)
		d->v = d->v && d->may != 0;
	if (it->type == ITEM_MULTI && d->v) {
		uint64_t ex = exclusive_bits(it) & d->must;
		if (ex != 0 && d->must != ex)
			d->v = false;
		if (ex != 0 && popcount64(ex) > 1)
			d->v = false;
	}
	return d->u || d->v;
}

static bool is_exact_dom(const struct vsearch *s, size_t i, const struct vdom *d)
{
	const struct item *it = &s->q->items[i];
	if (d->u && d->v)
		return false;
	if (!d->v)
		return true;
	if (is_numeric(it))
		return d->a == d->b;
	if (it->type == ITEM_MULTI)
		return d->must == d->may;
	if (it->type == ITEM_CHOICE || it->type == ITEM_YESNO)
		return popcount64(d->may) == 1;
	return true;
}

static struct expr_range dom_range(const struct vsearch *s, size_t i, const struct vdom *d)
{
	const struct item *it = &s->q->items[i];
	struct expr_range r = { .flags = d->u ? EXPR_RANGE_UNKNOWN : 0 };
	if (!d->v)
		return r;
	if (it->type == ITEM_YESNO || it->type == ITEM_NOTE) {
		r.flags |= (d->may & 2 ? EXPR_RANGE_TRUE : 0) | (d->may & 1 ? EXPR_RANGE_FALSE : 0);
		return r;
	}
	r.flags |= EXPR_RANGE_KNOWN;
	if (is_numeric(it)) {
		r.lo = s->cand[i][d->a];
		r.hi = s->cand[i][d->b];
	} else {
		r.must = d->must;
		r.may = d->may;
	}
	return r;
}

/* --- Evaluating a set of answers ----------------------------------------------------------- */

static struct expr_range_env range_env(const struct vsearch *s)
{
	struct expr_range_env env = { .tables = {
		[EXPR_SYM_ITEM] = s->item_r,
		[EXPR_SYM_DERIVED] = s->derived_r,
		[EXPR_SYM_OUTCOME] = &s->outcome_r,
		[EXPR_SYM_RULE] = s->rule_r,
	} };
	return env;
}

static const struct expr_range anything = {
	.flags = EXPR_RANGE_UNKNOWN | EXPR_RANGE_TRUE | EXPR_RANGE_FALSE | EXPR_RANGE_KNOWN,
	.lo = -INFINITY, .hi = INFINITY, .may = ~(uint64_t)0,
};

/* Rules as matched() sees them (true when the condition holds), and the possible outcomes:
 * rule r may decide when it may hold and every earlier rule may not. */
static void eval_rules(struct vsearch *s, const struct expr_range_env *env)
{
	const struct questionnaire *q = s->q;
	bool open = true;
	s->outcome_r = (struct expr_range){ .flags = EXPR_RANGE_KNOWN };
	for (size_t r = 0; r < q->nrules; r++) {
		unsigned f = expr_range_eval(q->rules[r].when, env).flags;
		bool may_hold = f & EXPR_RANGE_TRUE, may_not = f & ~(unsigned)EXPR_RANGE_TRUE;
		s->rule_r[r] = (struct expr_range){ .flags = (may_hold ? EXPR_RANGE_TRUE : 0) |
		                                             (may_not ? EXPR_RANGE_FALSE : 0) };
		if (open && may_hold && q->rules[r].outcome < 64)
			s->outcome_r.may |= (uint64_t)1 << q->rules[r].outcome;
		open = open && may_not;
	}
	if (open && q->default_outcome < 64)
		s->outcome_r.may |= (uint64_t)1 << q->default_outcome;
}

/* Derived values into env's table (never unknown: an unknown value counts as 0). */
static void eval_derived(const struct questionnaire *q, const struct expr_range_env *env,
                         struct expr_range *out)
{
	for (size_t k = 0; k < q->nderived; k++) {
		size_t d = q->eval_order[k];
		struct expr_range r = expr_range_eval(q->derived[d].value, env);
		if (!(r.flags & EXPR_RANGE_KNOWN))
			r.lo = r.hi = 0;
		if (r.flags & EXPR_RANGE_UNKNOWN) {
			r.lo = fmin(r.lo, 0);
			r.hi = fmax(r.hi, 0);
		}
		r.flags = EXPR_RANGE_KNOWN;
		r.type = EXPR_T_NUM;
		out[d] = r;
	}
}

static void eval_all(struct vsearch *s, const struct vdom *dom)
{
	const struct questionnaire *q = s->q;
	for (size_t i = 0; i < q->nitems; i++)
		s->item_r[i] = s->is_read[i] ? dom_range(s, i, &dom[i]) : anything;
	struct expr_range_env env = range_env(s);
	eval_derived(q, &env, s->derived_r);
	if (s->needs_rules)
		eval_rules(s, &env);
}

/* The answers as they stood before item i was asked (later items the stop rules read are not
 * answered yet): fills the pre_ tables and returns their environment. */
static struct expr_range_env prefix_env(struct vsearch *s, size_t i)
{
	const struct questionnaire *q = s->q;
	memcpy(s->pre_item_r, s->item_r, q->nitems * sizeof *s->item_r);
	for (size_t j = i; j < q->nitems; j++)
		if (s->is_stop_item[j])
			s->pre_item_r[j] = (struct expr_range){ .flags = EXPR_RANGE_UNKNOWN };
	struct expr_range_env env = range_env(s);
	env.tables[EXPR_SYM_ITEM] = s->pre_item_r;
	if (s->stop_needs_derived) {
		eval_derived(q, &env, s->pre_derived_r);
		env.tables[EXPR_SYM_DERIVED] = s->pre_derived_r;
	}
	return env;
}

/* --- Choosing what to split ---------------------------------------------------------------- */

struct culprit_ctx {
	struct vsearch *s;
	const struct vdom *dom;
	const struct expr_range_env *env;
};

static void culprits_of(struct culprit_ctx *c, const struct expr *e);

static void on_culprit(void *ctx, enum expr_sym_kind kind, size_t index, int choice)
{
	struct culprit_ctx *c = ctx;
	struct vsearch *s = c->s;
	switch (kind) {
	case EXPR_SYM_ITEM:
		if (s->is_read[index] && !is_exact_dom(s, index, &c->dom[index]))
			consider(s, index, choice, &c->dom[index]);
		break;
	case EXPR_SYM_DERIVED:
		culprits_of(c, s->q->derived[index].value);
		break;
	case EXPR_SYM_RULE:
		culprits_of(c, s->q->rules[index].when);
		break;
	case EXPR_SYM_OUTCOME:
	case EXPR_SYM_KINDS:
		for (size_t r = 0; r < s->q->nrules; r++)
			if (!expr_range_is_exact(s->rule_r[r])) {
				culprits_of(c, s->q->rules[r].when);
				break;
			}
		break;
	}
}

static void culprits_of(struct culprit_ctx *c, const struct expr *e)
{
	expr_range_culprits(e, c->env, on_culprit, c);
}

/* --- Checking a set of answers --------------------------------------------------------------- */

enum verdict { V_NO, V_UNDECIDED, V_YES };

/* Whether the asking condition allows the item's answers: an answered item must be asked, a
 * required item that is asked must be answered. */
/* Whether a stop rule may hold (EXPR_RANGE_TRUE) and may not (EXPR_RANGE_FALSE) before item
 * i is asked; notes the culprits when it is undecided. */
static unsigned stopped_before(struct culprit_ctx *c, size_t i)
{
	struct vsearch *s = c->s;
	const struct questionnaire *q = s->q;
	if (s->stops_before[i] == 0)
		return EXPR_RANGE_FALSE;
	if (s->stop_cache_count == s->stops_before[i] &&
	    s->stop_cache_res != (EXPR_RANGE_TRUE | EXPR_RANGE_FALSE))
		return s->stop_cache_res;
	struct expr_range_env env = prefix_env(s, i);
	unsigned res = 0;
	bool all_not = true;
	for (size_t r = 0; r < q->nrules; r++) {
		if (!q->rules[r].is_stop)
			continue;
		unsigned f = expr_range_eval(q->rules[r].when, &env).flags;
		if (f & EXPR_RANGE_TRUE)
			res |= EXPR_RANGE_TRUE;
		all_not = all_not && (f & ~(unsigned)EXPR_RANGE_TRUE);
	}
	if (all_not)
		res |= EXPR_RANGE_FALSE;
	if (res == (EXPR_RANGE_TRUE | EXPR_RANGE_FALSE)) {
		struct culprit_ctx pc = { .s = s, .dom = c->dom, .env = &env };
		for (size_t r = 0; r < q->nrules; r++)
			if (q->rules[r].is_stop)
				culprits_of(&pc, q->rules[r].when);
	}
	s->stop_cache_count = s->stops_before[i];
	s->stop_cache_res = res;
	return res;
}

static enum verdict item_allowed(struct culprit_ctx *c, size_t i)
{
	const struct item *it = &c->s->q->items[i];
	const struct vdom *d = &c->dom[i];
	unsigned w = it->when ? expr_range_eval(it->when, c->env).flags : EXPR_RANGE_TRUE;
	unsigned stop = stopped_before(c, i);
	bool may_ask = (w & EXPR_RANGE_TRUE) && (stop & EXPR_RANGE_FALSE);
	bool may_not = (w & ~(unsigned)EXPR_RANGE_TRUE) || (stop & EXPR_RANGE_TRUE);
	if (d->v && !d->u && !may_ask)
		return V_NO;
	if (d->u && !d->v && it->is_required && !may_not)
		return V_NO;
	if (d->v && !d->u && !may_not)
		return V_YES;
	if (d->u && !d->v && (!may_ask || !it->is_required))
		return V_YES;
	if (d->u && d->v) {
		consider(c->s, i, -1, d);
	} else if (it->when != NULL) {
		culprits_of(c, it->when);
	}
	return V_UNDECIDED;
}

/* Whether some choice item i may take is offered for some answers and not for others
 * (its culprits noted). */
static bool choices_undecided(struct culprit_ctx *c, size_t i)
{
	const struct item *it = &c->s->q->items[i];
	const struct vdom *d = &c->dom[i];
	bool undecided = false;
	for (size_t k = 0; k < it->nchoices && k < 64 && d->v; k++) {
		if (it->choices[k].when == NULL || !(d->may >> k & 1))
			continue;
		unsigned f = expr_range_eval(it->choices[k].when, c->env).flags;
		if (f == EXPR_RANGE_TRUE)
			continue;
		undecided = true;
		culprits_of(c, it->choices[k].when);
		if (!is_exact_dom(c->s, i, d))
			consider(c->s, i, (int)k, d);
	}
	return undecided;
}

static enum verdict judge(struct vsearch *s, const struct vdom *dom)
{
	eval_all(s, dom);
	struct expr_range_env env = range_env(s);
	struct culprit_ctx c = { .s = s, .dom = dom, .env = &env };
	enum verdict v = V_YES;
	s->best_item = -1;
	s->ncur = 0;
	s->tier = 0;
	s->stop_cache_count = (size_t)-1;
	for (size_t i = 0; i < s->q->nitems; i++) {
		if (!s->is_read[i])
			continue;
		enum verdict iv = item_allowed(&c, i);
		if (iv != V_UNDECIDED)
			s->ncur = 0;
		settle_culprits(s, dom);
		if (iv != V_NO && choices_undecided(&c, i)) {
			iv = V_UNDECIDED;
			settle_culprits(s, dom);
		}
		if (iv == V_NO)
			return V_NO;
		if (iv == V_UNDECIDED)
			v = V_UNDECIDED;
	}
	s->tier = 0;
	for (size_t k = 0; k < s->nleaves; k++) {
		unsigned want = expr_range_wanted(s->leaves[k].want);
		unsigned f = expr_range_eval(s->leaves[k].e, &env).flags;
		if (!(f & want))
			return V_NO;
		if (f & ~want) {
			v = V_UNDECIDED;
			culprits_of(&c, s->leaves[k].e);
			settle_culprits(s, dom);
		}
	}
	if (s->qy->is_outcome_fixed && popcount64(s->outcome_r.may) > 1) {
		/* Split for the outcome only when the query's own conditions give nothing to split:
		 * a set that cannot satisfy them is then dropped before the rules are looked at. */
		s->tier = 2;
		v = V_UNDECIDED;
		for (size_t r = 0; r < s->q->nrules; r++)
			if (!expr_range_is_exact(s->rule_r[r])) {
				culprits_of(&c, s->q->rules[r].when);
				settle_culprits(s, dom);
				break;
			}
	}
	return v;
}

static void split(const struct vsearch *s, size_t i, int choice, const struct vdom *d,
                  struct vdom *x, struct vdom *y);

/* --- Narrowing one item's answers by the parts that name it alone ---------------------------- */

/* Whether the part can come out as wanted with item i's answers d. */
static bool part_possible(struct vsearch *s, const struct leaf *l, size_t i, struct vdom d,
                          const struct expr_range_env *env)
{
	if (!normalise(s, i, &d))
		return false;
	struct expr_range keep = s->item_r[i];
	s->item_r[i] = dom_range(s, i, &d);
	bool ok = (expr_range_eval(l->e, env).flags & expr_range_wanted(l->want)) != 0;
	s->item_r[i] = keep;
	return ok;
}

/* The smallest m in [a, b] with the part possible over [a, m] (dir > 0), or the largest m
 * with it possible over [m, b] (dir < 0). */
static size_t shave(struct vsearch *s, const struct leaf *l, size_t i, struct vdom d, int dir,
                    const struct expr_range_env *env)
{
	size_t lo = d.a, hi = d.b, a = d.a, b = d.b;
	d.u = false;
	while (lo < hi) {
		size_t mid = dir > 0 ? lo + (hi - lo) / 2 : lo + (hi - lo + 1) / 2;
		d.a = dir > 0 ? a : mid;
		d.b = dir > 0 ? mid : b;
		bool ok = part_possible(s, l, i, d, env);
		if (dir > 0)
			*(ok ? &hi : &lo) = ok ? mid : mid + 1;
		else
			*(ok ? &lo : &hi) = ok ? mid : mid - 1;
	}
	return lo;
}

static void narrow_bits(struct vsearch *s, const struct leaf *l, size_t i, struct vdom *d,
                        const struct expr_range_env *env)
{
	const struct item *it = &s->q->items[i];
	struct vdom t = *d;
	t.u = false;
	for (int k = 0; k < 64; k++) {
		uint64_t bit = (uint64_t)1 << k;
		if (!(d->may & bit) || (d->must & bit))
			continue;
		struct vdom x, y;
		split(s, i, k, &t, &x, &y);
		if (it->type != ITEM_MULTI) {
			x.may = bit;
			if (!part_possible(s, l, i, x, env))
				d->may &= ~bit;
			continue;
		}
		if (!part_possible(s, l, i, x, env))
			d->may &= ~bit;
		else if (!part_possible(s, l, i, y, env))
			d->must |= bit;
		t.must = d->must;
		t.may = d->may;
	}
}

/* Narrows dom[i] by part l; returns whether anything changed. */
static bool narrow(struct vsearch *s, const struct leaf *l, size_t i, struct vdom *d,
                   const struct expr_range_env *env)
{
	struct vdom old = *d, t = *d;
	if (d->u && d->v) {
		t.v = false;
		d->u = part_possible(s, l, i, t, env);
		t = old;
		t.u = false;
		d->v = part_possible(s, l, i, t, env);
	} else if (d->v && !part_possible(s, l, i, *d, env)) {
		d->v = false;
	}
	if (d->v && is_numeric(&s->q->items[i])) {
		d->a = shave(s, l, i, *d, 1, env);
		d->b = shave(s, l, i, *d, -1, env);
	} else if (d->v && s->q->items[i].type != ITEM_TEXT) {
		narrow_bits(s, l, i, d, env);
	}
	return !vdom_equal(&old, d);
}

/* Drops the choices of item i whose `when` cannot hold; returns whether any was dropped. */
static bool drop_unoffered(struct vsearch *s, size_t i, struct vdom *d,
                           const struct expr_range_env *env)
{
	const struct item *it = &s->q->items[i];
	bool changed = false;
	for (size_t k = 0; k < it->nchoices && k < 64 && d->v; k++) {
		uint64_t bit = (uint64_t)1 << k;
		if (it->choices[k].when == NULL || !(d->may & bit))
			continue;
		if (expr_range_eval(it->choices[k].when, env).flags & EXPR_RANGE_TRUE)
			continue;
		d->may &= ~bit;
		d->v = !(d->must & bit);
		changed = true;
	}
	return changed;
}

/* Narrows every read item by the parts that name it alone, until nothing changes; false when
 * some item has no answers left. */
static bool propagate(struct vsearch *s, struct vdom *dom)
{
	for (int round = 0; round < 8; round++) {
		eval_all(s, dom);
		struct expr_range_env env = range_env(s);
		bool changed = false;
		for (size_t i = 0; i < s->q->nitems; i++) {
			if (!s->is_read[i] || !drop_unoffered(s, i, &dom[i], &env))
				continue;
			changed = true;
			if (!normalise(s, i, &dom[i]))
				return false;
			s->item_r[i] = dom_range(s, i, &dom[i]);
		}
		for (size_t k = 0; k < s->nleaves; k++) {
			long i = s->leaves[k].single;
			if (i < 0 || is_exact_dom(s, (size_t)i, &dom[i]))
				continue;
			if (narrow(s, &s->leaves[k], (size_t)i, &dom[i], &env)) {
				changed = true;
				if (!normalise(s, (size_t)i, &dom[i]))
					return false;
				s->item_r[i] = dom_range(s, (size_t)i, &dom[i]);
			}
		}
		if (!changed)
			return true;
	}
	return true;
}

/* --- Replaying one answer on the engine ------------------------------------------------------- */

static struct value concrete(const struct vsearch *s, size_t i, const struct vdom *d)
{
	const struct item *it = &s->q->items[i];
	if (!d->v)
		return value_unknown();
	if (is_numeric(it))
		return value_num(s->cand[i][d->a]);
	switch (it->type) {
	case ITEM_YESNO:
		return value_bool(!(d->may & 1));
	case ITEM_NOTE:
		return value_bool(true);
	case ITEM_CHOICE:
		for (unsigned k = 0; k < 64; k++)
			if (d->may >> k & 1)
				return value_choice(k);
		break;
	case ITEM_MULTI:
		return value_set(d->must ? d->must : d->may & (~d->may + 1));
	case ITEM_TEXT:
		return value_str("x");
	case ITEM_INT:
	case ITEM_NUMBER:
	case ITEM_SCALE:
	case ITEM_TYPES:
		break;
	}
	return value_unknown();
}

/* The k-th answer to try for an item the query does not read, or unknown when none is left. */
static struct value fallback(const struct vsearch *s, size_t i, size_t k)
{
	const struct item *it = &s->q->items[i];
	if (is_numeric(it))
		return k < s->ncand[i] ? value_num(s->cand[i][k]) : value_unknown();
	switch (it->type) {
	case ITEM_YESNO:
		return k < 2 ? value_bool(k == 1) : value_unknown();
	case ITEM_NOTE:
		return k == 0 ? value_bool(true) : value_unknown();
	case ITEM_CHOICE:
		return k < it->nchoices ? value_choice((unsigned)k) : value_unknown();
	case ITEM_MULTI:
		return k < it->nchoices && k < 64 ? value_set((uint64_t)1 << k) : value_unknown();
	case ITEM_TEXT:
		return k == 0 ? value_str("x") : value_unknown();
	case ITEM_INT:
	case ITEM_NUMBER:
	case ITEM_SCALE:
	case ITEM_TYPES:
		break;
	}
	return value_unknown();
}

/* Answers item i on the engine; false when no allowed answer is found. */
static bool answer_one(struct vsearch *s, struct engine *e, size_t i, const struct vdom *dom)
{
	if (s->is_read[i]) {
		struct value v = concrete(s, i, &dom[i]);
		if (!value_is_known(v))
			return engine_skip(e, i) == 0;
		return engine_set(e, i, v) == 0;
	}
	if (!s->q->items[i].is_required)
		return engine_skip(e, i) == 0;
	for (size_t k = 0;; k++) {
		struct value v = fallback(s, i, k);
		if (!value_is_known(v))
			return false;
		if (engine_set(e, i, v) == 0)
			return true;
	}
}

/* The engine after the interview these answers give, decided; NULL when it cannot be run. */
static struct engine *replay(struct vsearch *s, const struct vdom *dom)
{
	struct engine *e = engine_new(s->q, 0);
	for (long i; (i = engine_next(e)) >= 0;)
		if (!answer_one(s, e, (size_t)i, dom)) {
			engine_free(e);
			return NULL;
		}
	engine_decide(e);
	return e;
}

struct engine *vsearch_replay_like(struct vsearch *s, const struct engine *from)
{
	struct engine *e = engine_new(s->q, 0);
	for (long i; (i = engine_next(e)) >= 0;) {
		struct value v = engine_answer(from, (size_t)i);
		if (value_is_known(v) && engine_set(e, (size_t)i, v) == 0)
			continue;
		bool ok = !s->q->items[i].is_required && engine_skip(e, (size_t)i) == 0;
		for (size_t k = 0; !ok; k++) {
			v = fallback(s, (size_t)i, k);
			if (!value_is_known(v)) {
				engine_free(e);
				return NULL;
			}
			ok = engine_set(e, (size_t)i, v) == 0;
		}
	}
	engine_decide(e);
	return e;
}

static bool leaf(struct vsearch *s, const struct vdom *dom)
{
	s->res->replays++;
	struct engine *e = replay(s, dom);
	if (e == NULL)
		return false;
	if (s->qy->confirm == NULL || s->qy->confirm(s->qy->ctx, e)) {
		s->res->witness = e;
		return true;
	}
	engine_free(e);
	return false;
}

/* --- The search ----------------------------------------------------------------------------- */

static void split(const struct vsearch *s, size_t i, int choice, const struct vdom *d,
                  struct vdom *x, struct vdom *y)
{
	const struct item *it = &s->q->items[i];
	*x = *y = *d;
	if (d->u && d->v) {
		x->v = false;
		y->u = false;
	} else if (is_numeric(it)) {
		size_t mid = d->a + (d->b - d->a) / 2;
		x->b = mid;
		y->a = mid + 1;
	} else if (it->type == ITEM_MULTI) {
		uint64_t open = d->may & ~d->must;
		uint64_t bit = choice >= 0 && choice < 64 && (open >> choice & 1) ?
		               (uint64_t)1 << choice : open & (~open + 1);
		x->must |= bit;
		if (exclusive_bits(it) & bit)
			x->may = x->must;
		else
			x->may &= ~exclusive_bits(it);
		y->may &= ~bit;
	} else {
		uint64_t low = 0;
		for (int n = popcount64(d->may) / 2, k = 0; n > 0 && k < 64; k++)
			if (d->may >> k & 1) {
				low |= (uint64_t)1 << k;
				n--;
			}
		x->may = low;
		y->may = d->may & ~low;
	}
}

static bool search(struct vsearch *s, struct vdom *dom);

static bool branch(struct vsearch *s, struct vdom *dom, size_t i, int choice)
{
	struct vdom keep = dom[i], x, y;
	split(s, i, choice, &keep, &x, &y);
	dom[i] = x;
	bool found = normalise(s, i, &dom[i]) && search(s, dom);
	if (!found && !s->res->is_cut) {
		dom[i] = y;
		found = normalise(s, i, &dom[i]) && search(s, dom);
	}
	dom[i] = keep;
	return found;
}

static long first_open(const struct vsearch *s, const struct vdom *dom)
{
	for (size_t i = 0; i < s->q->nitems; i++)
		if (s->is_read[i] && !is_exact_dom(s, i, &dom[i]))
			return (long)i;
	return -1;
}

static bool search(struct vsearch *s, struct vdom *dom)
{
	if (++s->res->cases > (s->qy->budget > 0 ? s->qy->budget : s->budget)) {
		s->res->is_cut = true;
		return false;
	}
	size_t n = s->q->nitems;
	struct vdom *local = xalloc_array(n + 1, sizeof *local);
	memcpy(local, dom, n * sizeof *local);
	bool found = false;
	enum verdict v = propagate(s, local) ? judge(s, local) : V_NO;
	if (v == V_UNDECIDED && s->best_item >= 0) {
		found = branch(s, local, (size_t)s->best_item, s->best_choice);
	} else if (v != V_NO && !(found = leaf(s, local))) {
		long open = first_open(s, local);
		if (open >= 0)
			found = branch(s, local, (size_t)open, -1);
		else if (v == V_UNDECIDED)
			s->res->is_sampled = true;
	}
	free(local);
	return found;
}

static void note_sampled(struct vsearch *s, struct vresult *r)
{
	for (size_t i = 0; i < s->q->nitems; i++) {
		const struct item *it = &s->q->items[i];
		if (!s->is_read[i] || !(s->is_inexact[i] || it->type == ITEM_TEXT))
			continue;
		if (it->type == ITEM_TEXT && !r->is_sampled)
			continue;
		r->is_sampled = true;
		size_t len = strlen(r->sampled_items);
		snprintf(r->sampled_items + len, sizeof r->sampled_items - len, "%s%s (%zu values)",
		         len ? ", " : "", it->id, it->type == ITEM_TEXT ? (size_t)1 : s->ncand[i]);
	}
}

struct single {
	long item;
	bool is_other;
};

static void on_single(void *ctx, enum expr_sym_kind kind, size_t index)
{
	struct single *sg = ctx;
	if (kind != EXPR_SYM_ITEM || (sg->item >= 0 && sg->item != (long)index))
		sg->is_other = true;
	else
		sg->item = (long)index;
}

static void add_leaf(void *ctx, const struct expr *e, enum expr_range_want want)
{
	struct vsearch *s = ctx;
	s->leaves = xalloc_grow(s->leaves, &s->capleaves, s->nleaves + 1, 64, sizeof *s->leaves);
	struct single sg = { -1, false };
	expr_each_ref(e, on_single, &sg);
	s->leaves[s->nleaves++] = (struct leaf){ e, want, sg.is_other ? -1 : sg.item };
}

void vsearch_run(struct vsearch *s, const struct vquery *qy, struct vresult *r)
{
	memset(r, 0, sizeof *r);
	s->qy = qy;
	s->res = r;
	mark_reads(s, qy);
	s->nleaves = 0;
	for (size_t k = 0; k < qy->nholds; k++)
		expr_range_conjuncts(qy->holds[k], EXPR_RANGE_WANT_TRUE, add_leaf, s);
	for (size_t k = 0; k < qy->nfails; k++)
		expr_range_conjuncts(qy->fails[k], EXPR_RANGE_WANT_NOT_TRUE, add_leaf, s);
	for (size_t i = 0; i < s->q->nitems; i++)
		if (s->is_read[i] && s->q->items[i].check.valid != NULL)
			expr_range_conjuncts(s->q->items[i].check.valid, EXPR_RANGE_WANT_NOT_FALSE,
			                     add_leaf, s);
	struct vdom *dom = xcalloc(s->q->nitems, sizeof *dom);
	bool ok = true;
	for (size_t i = 0; i < s->q->nitems; i++) {
		dom[i] = full_dom(s, i);
		if (qy->asked >= 0 && (size_t)qy->asked == i && s->q->items[i].is_required)
			dom[i].u = false;
		if (qy->asked >= 0 && (size_t)qy->asked == i && qy->asked_must != 0) {
			dom[i].u = false;
			dom[i].v = dom[i].v && (qy->asked_must & ~dom[i].may) == 0;
			dom[i].must = dom[i].may = qy->asked_must;
		}
		ok = ok && normalise(s, i, &dom[i]);
	}
	r->is_found = ok && search(s, dom);
	free(dom);
	note_sampled(s, r);
}

/* --- Answers files ----------------------------------------------------------------------------- */

static void put_text(FILE *f, const char *t)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)t; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(f, "\\x%02x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

char *vsearch_answers_yaml(struct engine *e, const char *comment)
{
	const struct questionnaire *q = engine_questionnaire(e);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = xalloc_memstream(&buf, &len);
	for (const char *p = comment; p && *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		fprintf(f, "# %.*s\n", (int)n, p);
		p += n + (nl != NULL);
	}
	for (size_t i = 0; i < q->nitems; i++) {
		struct value v = engine_answer(e, i);
		if (!value_is_known(v) || q->items[i].type == ITEM_NOTE)
			continue;
		fprintf(f, "%s: ", q->items[i].id);
		if (v.kind == VAL_STR)
			put_text(f, v.u.str);
		else if (v.kind == VAL_SET)
			fprintf(f, "[%s]", engine_value_id(e, i, v));
		else
			fputs(engine_value_id(e, i, v), f);
		fputc('\n', f);
	}
	if (fclose(f) != 0)
		xalloc_die();
	return buf;
}
