/*
 * loader_rules.c - derived values and scores, outcomes, rules, advice notes and properties.
 * Expressions are kept as nodes here and compiled in the second pass (loader_expr.c), once
 * every id is known.
 */
#include <string.h>

#include "arena.h"
#include "idmap.h"
#include "loader_int.h"
#include "suggest.h"
#include "yamlio.h"

static size_t seq_len(const struct ynode *n)
{
	return n != NULL && n->kind == YNODE_SEQ ? n->n : 0;
}

/* `range: [min, max]` with min below max. */
static void score_range(struct ld *ld, const struct ynode *n, struct derived *dv)
{
	if (n->kind != YNODE_SEQ || n->n != 2) {
		ld_error(ld, n, "'range' must be a list of two numbers [min, max], not %s",
		         ld_describe(ld, n));
		return;
	}
	if (ld_number(ld, n->items[0], "range", &dv->min) != 0 ||
	    ld_number(ld, n->items[1], "range", &dv->max) != 0)
		return;
	if (!(dv->min < dv->max))
		ld_error(ld, n, "the range's minimum (%g) must be below its maximum (%g)", dv->min,
		         dv->max);
}

static void derived_one(struct ld *ld, const struct ynode *node, bool is_score)
{
	static const char *const higher[] = { "worse", "better" };
	const struct ynode *v[DV_NKEYS];
	if (ld_fields(ld, node, is_score ? KC_SCORE : KC_DERIVED, v) != 0)
		return;
	struct questionnaire *q = ld->q;
	struct derived *dv = &q->derived[q->nderived];
	*dv = (struct derived){ .id = "", .pos = node->pos, .index = q->nderived,
	                        .is_score = is_score };
	q->nderived++;
	if (v[DV_ID] != NULL && ld_id(ld, v[DV_ID], "id", &dv->id) == 0) {
		if (strcmp(dv->id, "outcome") == 0)
			ld_error(ld, v[DV_ID], "'outcome' is reserved for advice conditions and "
			         "cannot be an id");
		else
			ld_register(ld, MODEL_NS_SYMBOL, v[DV_ID], dv->id, 2 * dv->index + 1);
	}
	ld_text(ld, v[DV_TITLE], "title", &dv->title);
	ld_text(ld, v[DV_DESCRIPTION], "description", &dv->description);
	ld_text(ld, v[DV_UNIT], "unit", &dv->unit);
	ld_text(ld, v[DV_UNIT_ONE], "unit_one", &dv->unit_one);
	ld->derived_value[dv->index] = v[DV_VALUE];
	int h;
	if (is_score && v[DV_RANGE] != NULL)
		score_range(ld, v[DV_RANGE], dv);
	if (is_score && v[DV_HIGHER_IS] != NULL &&
	    ld_enum(ld, v[DV_HIGHER_IS], "higher_is", higher, 2, &h) == 0)
		dv->higher_is = h == 0 ? HIGHER_IS_WORSE : HIGHER_IS_BETTER;
}

void ld_derived(struct ld *ld, const struct ynode *dseq, const struct ynode *sseq)
{
	struct questionnaire *q = ld->q;
	if (dseq != NULL)
		ld_seq(ld, dseq, "derived");
	if (sseq != NULL)
		ld_seq(ld, sseq, "scores");
	size_t n = seq_len(dseq) + seq_len(sseq);
	q->derived = arena_calloc(ld->a, n, sizeof *q->derived);
	q->eval_order = arena_calloc(ld->a, n, sizeof *q->eval_order);
	ld->derived_value = arena_calloc(ld->a, n, sizeof *ld->derived_value);
	for (size_t i = 0; i < seq_len(dseq); i++)
		derived_one(ld, dseq->items[i], false);
	for (size_t i = 0; i < seq_len(sseq); i++)
		derived_one(ld, sseq->items[i], true);
}

static void outcome(struct ld *ld, const struct ynode *node)
{
	const struct ynode *v[OC_NKEYS];
	if (ld_fields(ld, node, KC_OUTCOME, v) != 0)
		return;
	struct questionnaire *q = ld->q;
	struct outcome *o = &q->outcomes[q->noutcomes];
	*o = (struct outcome){ .id = "", .pos = node->pos, .index = q->noutcomes,
	                       .recheck_days = -1 };
	q->noutcomes++;
	if (v[OC_ID] != NULL && ld_id(ld, v[OC_ID], "id", &o->id) == 0)
		ld_register(ld, MODEL_NS_OUTCOME, v[OC_ID], o->id, o->index);
	long n;
	if (v[OC_SEVERITY] != NULL && ld_whole(ld, v[OC_SEVERITY], "severity", &n) == 0)
		o->severity = (int)n;
	if (v[OC_RECHECK_DAYS] != NULL &&
	    ld_whole(ld, v[OC_RECHECK_DAYS], "recheck_days", &n) == 0) {
		if (n < 0 || n > 3650)
			ld_error(ld, v[OC_RECHECK_DAYS], "'recheck_days' must be from 0 to 3650, "
			         "not %ld", n);
		o->recheck_days = (int)(n < 0 ? -1 : n > 3650 ? 3650 : n);
	}
	ld_text(ld, v[OC_TITLE], "title", &o->title);
	ld_text(ld, v[OC_SUMMARY], "summary", &o->summary);
	ld_text(ld, v[OC_EXPLANATION], "explanation", &o->explanation);
	ld_text(ld, v[OC_ADVICE], "advice", &o->advice);
	ld_text(ld, v[OC_CONFIRM], "confirm", &o->confirm);
}

void ld_outcomes(struct ld *ld, const struct ynode *seq)
{
	if (ld_seq(ld, seq, "outcomes") != 0)
		return;
	if (seq->n == 0)
		ld_error(ld, seq, "'outcomes' must not be empty");
	ld->q->outcomes = arena_calloc(ld->a, seq->n, sizeof *ld->q->outcomes);
	for (size_t i = 0; i < seq->n; i++)
		outcome(ld, seq->items[i]);
}

long ld_outcome_ref(struct ld *ld, const struct ynode *n, const char *key)
{
	const struct questionnaire *q = ld->q;
	const char *id;
	size_t o;
	if (ld_string(ld, n, key, &id) != 0)
		return -1;
	if (idmap_get(ld->ids, MODEL_NS_OUTCOME, id, strlen(id), &o) == 0)
		return (long)o;
	struct suggest s;
	suggest_init(&s, id, strlen(id));
	for (size_t i = 0; i < q->noutcomes && !diag_is_full(ld->d); i++)
		suggest_consider(&s, q->outcomes[i].id);
	if (suggest_result(&s) != NULL)
		ld_error(ld, n, "unknown outcome '%s'; did you mean '%s'?", id, suggest_result(&s));
	else
		ld_error(ld, n, "unknown outcome '%s'", id);
	return -1;
}

/* A text given as a list of parts (`because`, `action`), each a text with an optional
 * `when`; the parts' `when` nodes go to *whens for the second pass. */
static void text_parts(struct ld *ld, const struct ynode *seq, const char *key,
                       enum key_context kc, struct text_part **parts, size_t *nparts,
                       const struct ynode ***whens)
{
	if (seq->n == 0) {
		ld_error(ld, seq, "'%s' needs a text, or a list of at least one part", key);
		return;
	}
	*parts = arena_calloc(ld->a, seq->n, sizeof **parts);
	*whens = arena_calloc(ld->a, seq->n, sizeof **whens);
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *v[PT_NKEYS];
		if (ld_fields(ld, seq->items[i], kc, v) != 0)
			continue;
		(*whens)[*nparts] = v[PT_WHEN];
		ld_text(ld, v[PT_TEXT], "text", &(*parts)[(*nparts)++].text);
	}
}

static void rule(struct ld *ld, const struct ynode *node)
{
	const struct ynode *v[RU_NKEYS];
	if (ld_fields(ld, node, KC_RULE, v) != 0)
		return;
	struct questionnaire *q = ld->q;
	struct rule *r = &q->rules[q->nrules];
	*r = (struct rule){ .id = "", .pos = node->pos, .index = q->nrules };
	q->nrules++;
	if (v[RU_ID] != NULL && ld_id(ld, v[RU_ID], "id", &r->id) == 0)
		ld_register(ld, MODEL_NS_RULE, v[RU_ID], r->id, r->index);
	ld->rule_when[r->index] = v[RU_WHEN];
	long o = v[RU_OUTCOME] != NULL ? ld_outcome_ref(ld, v[RU_OUTCOME], "outcome") : -1;
	r->outcome = o >= 0 ? (size_t)o : 0;
	if (v[RU_BECAUSE] != NULL && v[RU_BECAUSE]->kind == YNODE_SEQ)
		text_parts(ld, v[RU_BECAUSE], "because", KC_PART, &r->parts, &r->nparts,
		           &ld->part_when[r->index]);
	else
		ld_text(ld, v[RU_BECAUSE], "because", &r->because);
	if (v[RU_ACTION] != NULL && v[RU_ACTION]->kind == YNODE_SEQ)
		text_parts(ld, v[RU_ACTION], "action", KC_ACTION_PART, &r->action_parts,
		           &r->naction_parts, &ld->action_when[r->index]);
	else
		ld_text(ld, v[RU_ACTION], "action", &r->action);
	if (v[RU_STOP] != NULL)
		ld_bool(ld, v[RU_STOP], "stop", &r->is_stop);
}

void ld_rules(struct ld *ld, const struct ynode *seq)
{
	if (ld_seq(ld, seq, "rules") != 0)
		return;
	ld->q->rules = arena_calloc(ld->a, seq->n, sizeof *ld->q->rules);
	ld->rule_when = arena_calloc(ld->a, seq->n, sizeof *ld->rule_when);
	ld->part_when = arena_calloc(ld->a, seq->n, sizeof *ld->part_when);
	ld->action_when = arena_calloc(ld->a, seq->n, sizeof *ld->action_when);
	for (size_t i = 0; i < seq->n; i++)
		rule(ld, seq->items[i]);
}

static void advice_one(struct ld *ld, const struct ynode *node)
{
	const struct ynode *v[AD_NKEYS];
	if (ld_fields(ld, node, KC_ADVICE, v) != 0)
		return;
	struct questionnaire *q = ld->q;
	struct advice *ad = &q->advice[q->nadvice];
	*ad = (struct advice){ .id = "", .pos = node->pos };
	q->nadvice++;
	if (v[AD_ID] != NULL && ld_id(ld, v[AD_ID], "id", &ad->id) == 0)
		ld_register(ld, MODEL_NS_ADVICE, v[AD_ID], ad->id, q->nadvice - 1);
	ld->advice_when[q->nadvice - 1] = v[AD_WHEN];
	ld_text(ld, v[AD_TEXT], "text", &ad->text);
}

void ld_advice(struct ld *ld, const struct ynode *seq)
{
	if (ld_seq(ld, seq, "advice") != 0)
		return;
	ld->q->advice = arena_calloc(ld->a, seq->n, sizeof *ld->q->advice);
	ld->advice_when = arena_calloc(ld->a, seq->n, sizeof *ld->advice_when);
	for (size_t i = 0; i < seq->n; i++)
		advice_one(ld, seq->items[i]);
}

/* `expect`: a non-empty list of distinct outcome ids. */
static void expect(struct ld *ld, const struct ynode *seq, struct property *p)
{
	if (ld_seq(ld, seq, "expect") != 0)
		return;
	if (seq->n == 0)
		ld_error(ld, seq, "'expect' must name at least one outcome");
	p->expect = arena_calloc(ld->a, seq->n, sizeof *p->expect);
	if (ld->outcome_mark == NULL)
		ld->outcome_mark = arena_calloc(ld->a, ld->q->noutcomes, sizeof *ld->outcome_mark);
	bool *is_listed = ld->outcome_mark;
	for (size_t i = 0; i < seq->n; i++) {
		long o = ld_outcome_ref(ld, seq->items[i], "expect");
		if (o >= 0 && is_listed[o])
			ld_error(ld, seq->items[i], "outcome '%s' is listed twice",
			         seq->items[i]->str);
		else if (o >= 0)
			p->expect[p->nexpect++] = (size_t)o;
		if (o >= 0)
			is_listed[o] = true;
	}
	for (size_t i = 0; i < p->nexpect; i++)
		is_listed[p->expect[i]] = false;
}

static void property(struct ld *ld, const struct ynode *node)
{
	const struct ynode *v[PR_NKEYS];
	if (ld_fields(ld, node, KC_PROPERTY, v) != 0)
		return;
	struct questionnaire *q = ld->q;
	struct property *p = &q->properties[q->nproperties];
	*p = (struct property){ .id = "", .pos = node->pos };
	q->nproperties++;
	if (v[PR_ID] != NULL && ld_id(ld, v[PR_ID], "id", &p->id) == 0)
		ld_register(ld, MODEL_NS_PROPERTY, v[PR_ID], p->id, q->nproperties - 1);
	ld->property_given[q->nproperties - 1] = v[PR_GIVEN];
	if (v[PR_EXPECT] != NULL)
		expect(ld, v[PR_EXPECT], p);
}

void ld_properties(struct ld *ld, const struct ynode *seq)
{
	if (ld_seq(ld, seq, "properties") != 0)
		return;
	ld->q->properties = arena_calloc(ld->a, seq->n, sizeof *ld->q->properties);
	ld->property_given = arena_calloc(ld->a, seq->n, sizeof *ld->property_given);
	for (size_t i = 0; i < seq->n; i++)
		property(ld, seq->items[i]);
}

/* One advice id of a conflict pair, or -1 with an error (with "did you mean"). */
static long advice_ref(struct ld *ld, const struct ynode *n)
{
	const struct questionnaire *q = ld->q;
	const char *id;
	size_t k;
	if (ld_string(ld, n, "conflicts", &id) != 0)
		return -1;
	if (idmap_get(ld->ids, MODEL_NS_ADVICE, id, strlen(id), &k) == 0)
		return (long)k;
	struct suggest s;
	suggest_init(&s, id, strlen(id));
	for (size_t i = 0; i < q->nadvice && !diag_is_full(ld->d); i++)
		suggest_consider(&s, q->advice[i].id);
	if (suggest_result(&s) != NULL)
		ld_error(ld, n, "unknown advice note '%s'; did you mean '%s'?", id, suggest_result(&s));
	else
		ld_error(ld, n, "unknown advice note '%s'", id);
	return -1;
}

static void conflict(struct ld *ld, const struct ynode *pair)
{
	struct questionnaire *q = ld->q;
	if (pair->kind != YNODE_SEQ || pair->n != 2) {
		ld_error(ld, pair, "each entry of 'conflicts' must be a pair of advice ids, as in "
		         "[sleep, rested_enough]");
		return;
	}
	long a = advice_ref(ld, pair->items[0]), b = advice_ref(ld, pair->items[1]);
	if (a < 0 || b < 0)
		return;
	if (a == b) {
		ld_error(ld, pair->items[1], "advice note '%s' cannot conflict with itself",
		         q->advice[a].id);
		return;
	}
	for (size_t k = 0; k < q->nconflicts; k++) {
		const struct advice_conflict *c = &q->conflicts[k];
		if ((c->a == (size_t)a && c->b == (size_t)b) || (c->a == (size_t)b && c->b == (size_t)a)) {
			ld_error(ld, pair, "the conflict between '%s' and '%s' is listed twice (first at "
			         "line %d)", q->advice[a].id, q->advice[b].id, c->pos.line);
			return;
		}
	}
	q->conflicts[q->nconflicts++] = (struct advice_conflict){
		.a = (size_t)a, .b = (size_t)b, .pos = pair->pos,
	};
}

void ld_conflicts(struct ld *ld, const struct ynode *seq)
{
	if (ld_seq(ld, seq, "conflicts") != 0)
		return;
	ld->q->conflicts = arena_calloc(ld->a, seq->n + 1, sizeof *ld->q->conflicts);
	for (size_t i = 0; i < seq->n; i++)
		conflict(ld, seq->items[i]);
}
