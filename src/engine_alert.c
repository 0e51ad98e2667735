/*
 * engine_alert.c - what is already certain during an interview: the alert rules (those whose
 * outcome is at or above the questionnaire's alert_severity) whose condition is TRUE in
 * three-valued logic with every unanswered item unknown, and the texts a front end shows for
 * them (the rule's action, the outcome's confirmation sentence).
 *
 * Certainty is judged on a scratch copy of the run's state in which a derived value that
 * cannot be computed yet stays unknown (the decision itself counts it as 0), so that a rule is
 * never called certain because of a figure that is not known.
 */
#include "engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "engine_int.h"
#include "expr.h"
#include "model.h"
#include "xalloc.h"

/* Derived values over s->answers with unknown kept unknown. */
static void derive_strict(const struct questionnaire *q, struct eng_state *s)
{
	struct expr_env env = eng_env(s);
	for (size_t k = 0; k < q->nderived; k++)
		s->derived[q->eval_order[k]] = value_unknown();
	for (size_t k = 0; k < q->nderived; k++) {
		size_t d = q->eval_order[k];
		struct value v = expr_eval(q->derived[d].value, &env);
		bool ok = v.kind == VAL_NUM && isfinite(v.u.num);
		s->derived[d] = ok ? v : value_unknown();
	}
}

void eng_known_derived(const struct engine *e, bool *known)
{
	const struct questionnaire *q = e->q;
	struct eng_state s = e->st;
	s.derived = xalloc_array(q->nderived + 1, sizeof *s.derived);
	derive_strict(q, &s);
	for (size_t k = 0; k < q->nderived; k++)
		known[k] = s.derived[k].kind == VAL_NUM;
	free(s.derived);
}

size_t engine_certain_alerts(const struct engine *e, size_t *rules, size_t max)
{
	const struct questionnaire *q = e->q;
	if (!q->has_alert_severity)
		return 0;
	struct eng_state s = e->st;
	s.derived = xalloc_array(q->nderived + 1, sizeof *s.derived);
	derive_strict(q, &s);
	struct expr_env env = eng_env(&s);
	size_t n = 0;
	for (size_t r = 0; r < q->nrules; r++) {
		if (!model_is_alert_rule(q, r) || !expr_holds(q->rules[r].when, &env))
			continue;
		if (n < max)
			rules[n] = r;
		n++;
	}
	free(s.derived);
	return n;
}

const char *eng_parts_text(const struct engine *e, struct arena *a, const struct eng_state *s,
                           const struct ltext *one, const struct text_part *parts,
                           size_t nparts)
{
	if (nparts == 0)
		return eng_fill(e, a, s, one);
	struct expr_env env = eng_env(s);
	const char *text = "";
	for (size_t k = 0; k < nparts; k++) {
		if (parts[k].when != NULL && !expr_holds(parts[k].when, &env))
			continue;
		const char *part = eng_fill(e, a, s, &parts[k].text);
		text = *text ? arena_printf(a, "%s %s", text, part) : part;
	}
	return text;
}

const char *engine_action(struct engine *e, size_t rule)
{
	if (rule >= e->q->nrules)
		return "";
	const struct rule *r = &e->q->rules[rule];
	return eng_parts_text(e, e->arena, &e->st, &r->action, r->action_parts, r->naction_parts);
}

const char *engine_confirm(struct engine *e, size_t rule)
{
	if (rule >= e->q->nrules)
		return "";
	return engine_fill(e, &e->q->outcomes[e->q->rules[rule].outcome].confirm);
}
