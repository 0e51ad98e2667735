/*
 * engine_int.h - what engine.c, decide.c and engine_template.c share, and nobody else.
 *
 * The evaluation state (struct eng_state) is a set of value tables that expressions read:
 * answers per item, derived values, rule matches and the decided outcome. The engine keeps one
 * for the run; "what would change" evaluates scratch copies of it, so every function here
 * works on a state, never on the engine's answers directly.
 */
#ifndef BACKCHECK_ENGINE_INT_H
#define BACKCHECK_ENGINE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "engine.h"
#include "expr.h"
#include "value.h"

struct arena;
struct questionnaire;
struct text_part;

struct eng_state {
	struct value *answers;
	bool *skipped;
	struct value *derived;
	struct value *rules;
	struct value outcome;
};

struct engine {
	const struct questionnaire *q;
	size_t lang;
	/* Answers' strings, texts, the audit trail's values: until engine_free(). */
	struct arena *arena;
	/* The current result: replaced by every engine_decide(). */
	struct arena *result_arena;
	struct eng_state st;
	long stopped_by;
	struct engine_audit *audit;
	size_t naudit, capaudit;
	const char **warnings;
	size_t nwarnings, capwarnings;
	struct engine_result result;
	/* Set while engine_decide_partial() fills its texts: an answer still to come reads
	 * "not asked yet" rather than "not answered". */
	bool is_partial;
	/* engine_set_time(), or 0: the clock. */
	time_t time;
};

/* The expression environment over a state. */
struct expr_env eng_env(const struct eng_state *s);

/* Recomputes every derived value in eval_order (an unknown result counts as 0). */
void eng_derive(const struct questionnaire *q, struct eng_state *s);

/* Which derived values can be computed from the answers given (unknown answers kept
 * unknown): known[k] for each of q->derived. (engine_alert.c) */
void eng_known_derived(const struct engine *e, bool *known);

/* Whether item's condition holds in s (derived values must be current). */
bool eng_applies(const struct questionnaire *q, const struct eng_state *s, size_t item);

/* Whether choice k of item is offered in s. */
bool eng_offered(const struct questionnaire *q, const struct eng_state *s, size_t item,
                 size_t k);

/* Whether item's answer in s fits the other answers: 0 when it does (or has no answer),
 * k + 1 when it holds choice k that is not offered, -1 when its check is false. */
int eng_fits(const struct questionnaire *q, const struct eng_state *s, size_t item);

/*
 * Restores the invariant in s: derived values current, no answer or skip on an item that
 * does not apply, and no answer that does not fit (eng_fits). Each dropped answer is
 * recorded in e's audit trail when e is not NULL.
 */
void eng_reconcile(const struct questionnaire *q, struct eng_state *s, struct engine *e);

/* The first stop rule whose condition holds in s, or -1. */
long eng_stop_rule(const struct questionnaire *q, const struct eng_state *s);

/* Evaluates every rule into s->rules and returns the outcome (first match, else the default);
 * *decisive is the deciding rule or -1. Sets s->outcome. */
size_t eng_outcome(const struct questionnaire *q, struct eng_state *s, long *decisive);

/* A copy of v whose string (if any) lives in a. */
struct value eng_value_copy(struct arena *a, struct value v);

/* engine_fill() into a given arena, over a given state. */
const char *eng_fill(const struct engine *e, struct arena *a, const struct eng_state *s,
                     const struct ltext *t);

/* A text given as one text or as parts with conditions (`because`, `action`), filled over s:
 * the one text, or the parts whose conditions hold (unknown counts as false) joined with
 * spaces. In arena a. */
const char *eng_parts_text(const struct engine *e, struct arena *a, const struct eng_state *s,
                           const struct ltext *one, const struct text_part *parts,
                           size_t nparts);

/* engine_value_text() / engine_value_id() into a given arena. */
const char *eng_value_text(const struct engine *e, struct arena *a, size_t item,
                           struct value v);
const char *eng_value_id(const struct engine *e, struct arena *a, size_t item,
                         struct value v);

#endif
