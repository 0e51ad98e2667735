/*
 * decide.c - the explained decision: derived values, rules in order (the first match
 * decides, every match is a reason), advice notes, and "what would change".
 *
 * What would change: each modifiable item that was asked and answered is varied alone over
 * its whole domain (every whole number in range; a number's grid min + k * step plus max;
 * every choice; both yes/no answers; for multiple choice, toggling one choice or choosing it
 * alone), with the answers re-reconciled exactly as engine_set() would. For ordered domains the
 * nearest change in each direction is reported; for multiple choice the first one found.
 * The result lives in the engine's result arena, rebuilt by every engine_decide().
 */
#include "engine.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "engine_int.h"
#include "expr.h"
#include "i18n.h"
#include "model.h"
#include "xalloc.h"

/* The most values one item is varied over; wider ranges are walked with a coarser step. */
enum { DOMAIN_MAX = 20000 };

static void reset(struct engine *e)
{
	arena_free(e->result_arena);
	e->result_arena = arena_new();
	memset(&e->result, 0, sizeof e->result);
}

/* A rule's `because`, filled. */
static const char *because_text(struct engine *e, const struct rule *rule)
{
	return eng_parts_text(e, e->result_arena, &e->st, &rule->because, rule->parts,
	                      rule->nparts);
}

static void add_reasons(struct engine *e, struct engine_result *r)
{
	const struct questionnaire *q = e->q;
	size_t n = 0;
	for (size_t k = 0; k < q->nrules; k++)
		n += value_is_true(e->st.rules[k]);
	r->reasons = arena_calloc(e->result_arena, n + 1, sizeof *r->reasons);
	for (size_t k = 0; k < q->nrules; k++) {
		if (!value_is_true(e->st.rules[k]))
			continue;
		r->reasons[r->nreasons++] = (struct engine_reason){
			.rule = k,
			.is_decisive = (long)k == r->decisive_rule,
			.text = because_text(e, &q->rules[k]),
		};
	}
}

static void add_advice(struct engine *e, struct engine_result *r)
{
	const struct questionnaire *q = e->q;
	struct expr_env env = eng_env(&e->st);
	r->advice = arena_calloc(e->result_arena, q->nadvice + 1, sizeof *r->advice);
	for (size_t k = 0; k < q->nadvice; k++)
		if (expr_holds(q->advice[k].when, &env))
			r->advice[r->nadvice++] = (struct engine_advice){
				.advice = k,
				.text = eng_fill(e, e->result_arena, &e->st, &q->advice[k].text),
			};
}

/* --- What would change ---------------------------------------------------------------- */

struct vary {
	struct engine *e;
	struct eng_state sc;
	size_t base;
	struct engine_change *list;
	size_t n, cap;
};

/* The outcome when item alone has answer v, or -1 when v cannot be given with the other
 * answers (an answer that still applies would no longer fit: a choice no longer offered, a
 * broken check). */
static long try_value(struct vary *w, size_t item, struct value v)
{
	const struct questionnaire *q = w->e->q;
	const struct value *answers = w->e->st.answers;
	memcpy(w->sc.answers, answers, q->nitems * sizeof *w->sc.answers);
	memcpy(w->sc.skipped, w->e->st.skipped, q->nitems * sizeof *w->sc.skipped);
	w->sc.answers[item] = v;
	eng_reconcile(q, &w->sc, NULL);
	for (size_t i = 0; i < q->nitems; i++)
		if (value_is_known(answers[i]) && !value_is_known(w->sc.answers[i]) &&
		    eng_applies(q, &w->sc, i))
			return -1;
	long decisive;
	return (long)eng_outcome(q, &w->sc, &decisive);
}

/* A number's domain: min + k * step for k = 0, 1, ... up to max, and max. */
static size_t number_domain(const struct item *it, double *out)
{
	double step = it->type == ITEM_NUMBER && it->step > 0 ? it->step : 1;
	if (it->type != ITEM_NUMBER)
		step = 1;
	double span = it->max - it->min;
	if (span / step > DOMAIN_MAX - 2)
		step = span / (DOMAIN_MAX - 2);
	size_t n = 0;
	for (size_t k = 0; n < DOMAIN_MAX - 1; k++) {
		double x = it->min + (double)k * step;
		x = round(x * 1e9) / 1e9;
		if (x > it->max)
			break;
		out[n++] = x;
	}
	if (n == 0 || out[n - 1] < it->max)
		out[n++] = it->max;
	return n;
}

/* Candidates in direction dir (+1 up, -1 down), nearest first. */
static size_t ordered_candidates(const struct item *it, struct value cur, int dir,
                                 struct value *out)
{
	size_t n = 0;
	if (it->type == ITEM_YESNO) {
		if (cur.u.b != (dir > 0))
			out[n++] = value_bool(dir > 0);
		return n;
	}
	if (it->type == ITEM_CHOICE) {
		for (long k = (long)cur.u.choice + dir; k >= 0 && k < (long)it->nchoices; k += dir)
			out[n++] = value_choice((unsigned)k);
		return n;
	}
	/* Uninitialised: only the values number_domain() writes are read, so only the pages
	 * they fill are touched (most items have a few values, not DOMAIN_MAX). */
	double *dom = xalloc_resize(NULL, DOMAIN_MAX, sizeof *dom);
	size_t nd = number_domain(it, dom);
	for (size_t k = 0; k < nd; k++) {
		size_t j = dir > 0 ? k : nd - 1 - k;
		if ((dir > 0 && dom[j] > cur.u.num) || (dir < 0 && dom[j] < cur.u.num))
			out[n++] = value_num(dom[j]);
	}
	free(dom);
	return n;
}

/* Multiple choice: toggling each choice, then each choice alone, when valid. */
static size_t multi_candidates(const struct engine *e, size_t item, struct value cur,
                               struct value *out)
{
	const struct item *it = &e->q->items[item];
	char msg[160];
	size_t n = 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t k = 0; k < it->nchoices && k < VALUE_SET_MAX; k++) {
			uint64_t bit = (uint64_t)1 << k;
			struct value v = value_set(pass == 0 ? cur.u.set ^ bit : bit);
			bool seen = v.u.set == cur.u.set;
			for (size_t j = 0; j < n && !seen; j++)
				seen = out[j].u.set == v.u.set;
			if (!seen && engine_check(e, item, v, msg, sizeof msg) == 0)
				out[n++] = v;
		}
	return n;
}

static bool in_better_direction(const struct item *it, struct value from, struct value to)
{
	double f = from.kind == VAL_BOOL ? from.u.b : from.u.num;
	double t = to.kind == VAL_BOOL ? to.u.b : to.u.num;
	switch (it->better) {
	case BETTER_NONE:
		return false;
	case BETTER_HIGHER:
		return (to.kind == VAL_NUM || to.kind == VAL_BOOL) && t > f;
	case BETTER_LOWER:
		return (to.kind == VAL_NUM || to.kind == VAL_BOOL) && t < f;
	case BETTER_CHOICES:
		break;
	}
	if (to.kind == VAL_CHOICE)
		return it->choices[to.u.choice].is_better;
	if (to.kind != VAL_SET)
		return false;
	for (size_t k = 0; k < it->nchoices && k < VALUE_SET_MAX; k++) {
		uint64_t bit = (uint64_t)1 << k;
		bool added = (to.u.set & bit) && !(from.u.set & bit);
		bool removed = !(to.u.set & bit) && (from.u.set & bit);
		if ((added && !it->choices[k].is_better) || (removed && it->choices[k].is_better))
			return false;
	}
	return true;
}

char *engine_one_line(char *s)
{
	char *o = s;
	bool space = false;
	for (const char *p = s; *p != '\0'; p++) {
		bool ws = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r';
		if (ws && o > s)
			space = true;
		if (ws)
			continue;
		if (space)
			*o++ = ' ';
		space = false;
		*o++ = *p;
	}
	*o = '\0';
	return s;
}

/* A copy of s in a, made one line. */
static const char *one_line(struct arena *a, const char *s)
{
	return engine_one_line(arena_strdup(a, s));
}

/* "7 hours", "“as usual”", "no". */
static const char *answer_words(struct vary *w, size_t item, struct value v)
{
	struct engine *e = w->e;
	struct arena *a = e->result_arena;
	const struct item *it = &e->q->items[item];
	const char *s = eng_value_text(e, a, item, v);
	if (v.kind == VAL_CHOICE || v.kind == VAL_SET)
		/* TRANSLATORS: a chosen answer quoted in a sentence, “as usual”. */
		return arena_printf(a, _("\xe2\x80\x9c%s\xe2\x80\x9d"), s);
	const char *unit = v.kind == VAL_NUM ? model_unit(e->q, it, v.u.num, e->lang) : "";
	if (*unit != '\0')
		return arena_printf(a, "%s %s", s, unit);
	return s;
}

static const char *change_text(struct vary *w, const struct engine_change *c, int dir,
                               bool is_open)
{
	struct engine *e = w->e;
	struct arena *a = e->result_arena;
	const struct item *it = &e->q->items[c->item];
	const char *question = one_line(a, eng_fill(e, a, &e->st, &it->text));
	const char *title = one_line(a, eng_fill(e, a, &e->st, &e->q->outcomes[c->outcome].title));
	const char *to = answer_words(w, c->item, c->to), *from = answer_words(w, c->item, c->from);
	if (!is_open || c->to.kind != VAL_NUM)
		return arena_printf(a, _("If your answer to \xe2\x80\x9c%s\xe2\x80\x9d were %s "
		                         "(instead of %s), the result would be: %s."),
		                    question, to, from, title);
	return arena_printf(a, dir > 0 ? _("If your answer to \xe2\x80\x9c%s\xe2\x80\x9d were %s "
	                                   "or more (instead of %s), the result would be: %s.")
	                               : _("If your answer to \xe2\x80\x9c%s\xe2\x80\x9d were %s "
	                                   "or less (instead of %s), the result would be: %s."),
	                    question, to, from, title);
}

/* A helpful change as an action from now on: the item's `change` filled with the better
 * answer (over the scratch state, which holds it), else the question and the answer. */
static const char *change_action(struct vary *w, const struct engine_change *c, int dir,
                                 bool is_open)
{
	struct engine *e = w->e;
	struct arena *a = e->result_arena;
	const struct item *it = &e->q->items[c->item];
	const char *title = one_line(a, eng_fill(e, a, &e->st, &e->q->outcomes[c->outcome].title));
	if (it->change.s == NULL) {
		const char *question = one_line(a, eng_fill(e, a, &e->st, &it->text));
		const char *to = answer_words(w, c->item, c->to);
		if (!is_open || c->to.kind != VAL_NUM)
			return arena_printf(a, _("From now on: \xe2\x80\x9c%s\xe2\x80\x9d %s. Then "
			                         "the advice would be: %s."), question, to, title);
		return arena_printf(a, dir > 0 ? _("From now on: \xe2\x80\x9c%s\xe2\x80\x9d %s or "
		                                   "more. Then the advice would be: %s.")
		                               : _("From now on: \xe2\x80\x9c%s\xe2\x80\x9d %s or "
		                                   "less. Then the advice would be: %s."),
		                    question, to, title);
	}
	try_value(w, c->item, c->to);
	const char *text = one_line(a, eng_fill(e, a, &w->sc, &it->change));
	return arena_printf(a, _("%s Then the advice would be: %s."), text, title);
}

static void add_change(struct vary *w, size_t item, struct value to, size_t outcome, int dir,
                       bool is_open)
{
	const struct questionnaire *q = w->e->q;
	w->list = arena_grow(w->e->result_arena, w->list, w->n, &w->cap, w->n + 1, 8,
	                     sizeof *w->list);
	struct engine_change *c = &w->list[w->n++];
	c->item = item;
	c->from = w->e->st.answers[item];
	c->to = to;
	c->outcome = outcome;
	c->is_helpful = in_better_direction(&q->items[item], c->from, to) &&
	                q->outcomes[outcome].severity < q->outcomes[w->base].severity;
	c->text = change_text(w, c, dir, is_open);
	if (c->is_helpful)
		c->action = change_action(w, c, dir, is_open);
}

/* The nearest candidate that moves the outcome; is_open when every farther one that can be
 * given agrees. */
static void scan(struct vary *w, size_t item, const struct value *cand, size_t n, int dir)
{
	size_t k = 0;
	long outcome = (long)w->base;
	for (; k < n; k++) {
		outcome = try_value(w, item, cand[k]);
		if (outcome >= 0 && outcome != (long)w->base)
			break;
	}
	if (k == n)
		return;
	bool is_open = dir != 0;
	for (size_t j = k + 1; j < n && is_open; j++) {
		long o = try_value(w, item, cand[j]);
		is_open = o < 0 || o == outcome;
	}
	add_change(w, item, cand[k], (size_t)outcome, dir, is_open);
}

static void vary_item(struct vary *w, size_t item, struct value *cand)
{
	const struct item *it = &w->e->q->items[item];
	struct value cur = w->e->st.answers[item];
	if (it->type == ITEM_MULTI) {
		scan(w, item, cand, multi_candidates(w->e, item, cur, cand), 0);
		return;
	}
	for (int dir = 1; dir >= -1; dir -= 2)
		scan(w, item, cand, ordered_candidates(it, cur, dir, cand), dir);
}

static bool is_varied(const struct engine *e, size_t item)
{
	const struct item *it = &e->q->items[item];
	return it->is_modifiable && it->type != ITEM_TEXT && it->type != ITEM_NOTE &&
	       value_is_known(e->st.answers[item]);
}

/* A scratch state for varying answers, in the result arena. */
static void vary_init(struct vary *w, struct engine *e, size_t base)
{
	const struct questionnaire *q = e->q;
	struct arena *a = e->result_arena;
	*w = (struct vary){ .e = e, .base = base };
	w->sc.answers = arena_calloc(a, q->nitems + 1, sizeof *w->sc.answers);
	w->sc.skipped = arena_calloc(a, q->nitems + 1, sizeof *w->sc.skipped);
	w->sc.derived = arena_calloc(a, q->nderived + 1, sizeof *w->sc.derived);
	w->sc.rules = arena_calloc(a, q->nrules + 1, sizeof *w->sc.rules);
}

static void add_changes(struct engine *e, struct engine_result *r)
{
	const struct questionnaire *q = e->q;
	struct vary w;
	vary_init(&w, e, r->outcome);
	/* Uninitialised, as in ordered_candidates(): each item's candidates are written first. */
	struct value *cand = xalloc_resize(NULL, DOMAIN_MAX + 2 * VALUE_SET_MAX, sizeof *cand);
	for (size_t i = 0; i < q->nitems; i++)
		if (is_varied(e, i))
			vary_item(&w, i, cand);
	free(cand);
	r->changes = w.list;
	r->nchanges = w.n;
}

/* --- The time safety net --------------------------------------------------------------- */

/* The smallest later value of `grows` item at which the outcome is more severe, if any. */
static void time_net_item(struct vary *w, size_t item, struct engine_result *r)
{
	const struct questionnaire *q = w->e->q;
	const struct item *it = &q->items[item];
	double v = w->e->st.answers[item].u.num;
	int severity = q->outcomes[w->base].severity;
	for (double x = v + 1; x <= it->max; x++) {
		long o = try_value(w, item, value_num(x));
		if (o < 0 || q->outcomes[o].severity <= severity)
			continue;
		long days = it->grows == GROWS_WEEKS ? (long)(x - v) * 7 - 6 : (long)(x - v);
		r->time_net[r->ntime_net++] = (struct engine_time_net){
			item, x, (size_t)o, engine_add_days(r->generated_at, days),
		};
		return;
	}
}

static void add_time_net(struct engine *e, struct engine_result *r)
{
	const struct questionnaire *q = e->q;
	struct vary w;
	vary_init(&w, e, r->outcome);
	r->time_net = arena_calloc(e->result_arena, q->nitems + 1, sizeof *r->time_net);
	r->earliest = -1;
	for (size_t i = 0; i < q->nitems; i++)
		if (q->items[i].grows != GROWS_NONE && e->st.answers[i].kind == VAL_NUM)
			time_net_item(&w, i, r);
	for (size_t k = 0; k < r->ntime_net; k++)
		if (r->earliest < 0 || r->time_net[k].date < r->time_net[r->earliest].date)
			r->earliest = (long)k;
}

time_t engine_add_days(time_t t, long days)
{
	struct tm tm;
	if (localtime_r(&t, &tm) == NULL)
		return t + days * 86400;
	tm.tm_mday += (int)days;
	tm.tm_hour = 12;
	tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* --- Deciding -------------------------------------------------------------------------- */

/* The deciding rule's action and the re-check date. */
static void add_next_steps(struct engine *e, struct engine_result *r)
{
	const struct questionnaire *q = e->q;
	int days = q->outcomes[r->outcome].recheck_days;
	r->recheck_date = days > 0 ? engine_add_days(r->generated_at, days) : 0;
	if (r->decisive_rule < 0 || !model_has_action(&q->rules[r->decisive_rule]))
		return;
	const struct rule *rule = &q->rules[r->decisive_rule];
	r->action = eng_parts_text(e, e->result_arena, &e->st, &rule->action, rule->action_parts,
	                           rule->naction_parts);
}

static const struct engine_result *decide(struct engine *e, bool with_changes)
{
	const struct questionnaire *q = e->q;
	reset(e);
	e->is_partial = !with_changes;
	struct engine_result *r = &e->result;
	r->generated_at = e->time != 0 ? e->time : engine_now();
	r->earliest = -1;
	eng_derive(q, &e->st);
	r->outcome = eng_outcome(q, &e->st, &r->decisive_rule);
	r->is_stopped = e->stopped_by >= 0;
	add_reasons(e, r);
	r->derived = arena_calloc(e->result_arena, q->nderived + 1, sizeof *r->derived);
	for (size_t k = 0; k < q->nderived; k++)
		r->derived[k] = e->st.derived[k].u.num;
	r->is_derived_known = arena_calloc(e->result_arena, q->nderived + 1,
	                                   sizeof *r->is_derived_known);
	if (r->is_stopped || engine_next(e) >= 0)
		eng_known_derived(e, r->is_derived_known);
	else
		for (size_t k = 0; k < q->nderived; k++)
			r->is_derived_known[k] = true;
	add_advice(e, r);
	add_next_steps(e, r);
	if (with_changes) {
		add_changes(e, r);
		add_time_net(e, r);
	}
	r->warnings = arena_calloc(e->result_arena, e->nwarnings + 1, sizeof *r->warnings);
	for (size_t k = 0; k < e->nwarnings; k++)
		r->warnings[k] = e->warnings[k];
	r->nwarnings = e->nwarnings;
	e->is_partial = false;
	return r;
}

const struct engine_result *engine_decide(struct engine *e)
{
	return decide(e, true);
}

const struct engine_result *engine_decide_partial(struct engine *e)
{
	return decide(e, false);
}

void engine_set_time(struct engine *e, time_t t)
{
	e->time = t;
}
