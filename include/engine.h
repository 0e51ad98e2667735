/*
 * engine.h - one interview run over a loaded questionnaire: what to ask next, validating an
 * answer, keeping the answers consistent with the conditions, and the explained decision.
 *
 * Every front end (readline, plain lines, answers file) goes through this interface; there
 * is one ask path. The engine owns an arena for everything it hands out (answers, texts, the
 * result, the audit trail); pointers from it are borrowed and stay valid until engine_free(),
 * except the result, which engine_decide() replaces. The questionnaire is borrowed and must
 * outlive the engine.
 *
 * Invariant kept after every engine_set()/engine_clear(): an item that does not apply has no
 * answer, and the stop state reflects the current answers.
 */
#ifndef BACKCHECK_ENGINE_H
#define BACKCHECK_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "value.h"

struct questionnaire;
struct ltext;
struct engine;

/* A new run. lang is an index into q->langs (model_lang()). Caller frees with engine_free(). */
struct engine *engine_new(const struct questionnaire *q, size_t lang);
void engine_free(struct engine *e);

const struct questionnaire *engine_questionnaire(const struct engine *e);
size_t engine_lang(const struct engine *e);

/* --- Asking ------------------------------------------------------------------------- */

/* Whether the item's `when` holds now (an unknown condition counts as false). */
bool engine_applies(const struct engine *e, size_t item);

/* The first item that applies and has neither an answer nor a skip, or -1 when there is none
 * or a stop rule has matched. Display-only notes are returned too (front ends show them and
 * call engine_set() with value_bool(true) to move on). */
long engine_next(const struct engine *e);

/* The item's answer (VAL_UNKNOWN when not answered) and whether it was skipped. */
struct value engine_answer(const struct engine *e, size_t item);
bool engine_is_answered(const struct engine *e, size_t item);
bool engine_is_skipped(const struct engine *e, size_t item);

/*
 * Parses what a person typed for item into *out. Accepts, by type: yes/no (y, yes, n, no, true,
 * false; any case), an offered choice by number (among the offered ones), id or unique id prefix, multiple choice as numbers or
 * ids separated by commas or spaces, whole and decimal numbers in range, text up to its
 * length; then applies engine_check_answer(). Returns 0, or -1 with a message a person
 * understands written to msg (at most msgsz bytes, e.g. "Please give a whole number from 0
 * to 10.", or the item's check message). Strings in *out live in the
 * engine's arena.
 */
int engine_parse(struct engine *e, size_t item, const char *input, struct value *out,
                 char *msg, size_t msgsz);

/* Checks a typed value (from an answers file) against the item: type, range, exclusive
 * choices, text length. Returns 0, or -1 with the reason in msg ("11 is above the maximum
 * of 10"). */
int engine_check(const struct engine *e, size_t item, struct value v, char *msg, size_t msgsz);

/*
 * Checks v for item against the other answers as they are now: every chosen choice must be
 * offered (its `when` holds) and the item's `check` must not be false with v. Returns 0, or -1
 * with the reason in msg: "'CHOICE' is not offered with these answers", or the check's
 * message filled from the answers (with v), on one line. engine_parse() applies it too.
 */
int engine_check_answer(struct engine *e, size_t item, struct value v, char *msg, size_t msgsz);

/* The choices of item offered with the current answers: writes their indices to choices (when
 * not NULL; nchoices entries are always enough), in order, and returns how many there are.
 * A person's choice numbers count offered choices only (number 1 is choices[0]). */
size_t engine_offered(const struct engine *e, size_t item, size_t *choices);

/* Whether choice k of item is offered with the current answers. */
bool engine_is_offered(const struct engine *e, size_t item, size_t k);

/*
 * Stores a checked answer (v must pass engine_check() and engine_check_answer()), records the change in the audit trail
 * if it differs from the previous answer, then re-evaluates every condition: items that no
 * longer apply or no longer fit (engine_check_answer) lose their answers (recorded too), and
 * stop rules are checked. Returns 0, or -1 if the item does not apply now or v is refused.
 */
int engine_set(struct engine *e, size_t item, struct value v);

/* Marks an optional item as skipped (required items cannot be skipped: returns -1). */
int engine_skip(struct engine *e, size_t item);

/* Removes an answer or a skip (for `back` and `review`), keeping the invariant. */
void engine_clear(struct engine *e, size_t item);

/* The stop rule that ended the asking, or -1. */
long engine_stopped_by(const struct engine *e);

/* Progress for a prompt: the 1-based position of item among the items that apply now, and
 * how many apply now (display-only notes are not counted). */
void engine_progress(const struct engine *e, size_t item, size_t *pos, size_t *total);

/* --- What is already certain (alert rules) ------------------------------------------- */

/*
 * The alert rules whose condition is certain with the current answers: rules whose outcome is
 * at or above the questionnaire's alert_severity (none without one) and whose `when` is TRUE
 * in three-valued logic, unanswered items and the derived values that need them being
 * unknown. Writes up to max rule indices to rules, in rule order (the first is the one that
 * would decide among them), and returns how many there are (which may exceed max; q->nrules
 * is always enough). Cannot fail.
 */
size_t engine_certain_alerts(const struct engine *e, size_t *rules, size_t max);

/* The rule's `action` filled from the current answers (its parts whose `when` holds, joined
 * with spaces); "" when it has none. In the engine's arena. */
const char *engine_action(struct engine *e, size_t rule);

/* The `confirm` sentence of the rule's outcome, filled; "" when it has none. In the engine's
 * arena. */
const char *engine_confirm(struct engine *e, size_t rule);

/* --- Texts ----------------------------------------------------------------------------- */

/* A value as a person reads it: "yes", "7.5", a choice's label, labels joined with ", ".
 * For VAL_UNKNOWN, "not answered". In the engine's arena. */
const char *engine_value_text(const struct engine *e, size_t item, struct value v);

/* engine_value_text() followed by the item's unit for a number: "6 hours", "1 day". */
const char *engine_answer_text(const struct engine *e, size_t item, struct value v);

/* A value as an answers file writes it: true, 7.5, a choice id, ids joined with ", ". */
const char *engine_value_id(const struct engine *e, size_t item, struct value v);

/* A number as people read it: no trailing zeros, no exponent for everyday sizes ("6.5",
 * "1440", "0.25"). Writes at most bufsz bytes (32 is always enough). */
void engine_format_number(double x, char *buf, size_t bufsz);

/* The text in the run's language with {id} and {id.label} filled from the current answers
 * and derived values. In the engine's arena. */
const char *engine_fill(struct engine *e, const struct ltext *t);

/* Makes s one line in place: runs of white space become one space, leading white space goes
 * (a text's words compared or shown on a line, whatever its layout in the YAML). Returns s. */
char *engine_one_line(char *s);

/* printf into the engine's arena (for renderers that build lines from texts). */
const char *engine_printf(struct engine *e, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* --- Deciding -------------------------------------------------------------------------- */

struct engine_reason {
	size_t rule;
	bool is_decisive;
	/* The rule's `because`, filled. */
	const char *text;
};

struct engine_advice {
	size_t advice;
	const char *text;
};

/* Varying one modifiable item alone: the nearest answer that moves the outcome. */
struct engine_change {
	size_t item;
	struct value from, to;
	size_t outcome;
	/* In the item's better direction and towards a less severe outcome: shown to people. */
	bool is_helpful;
	/* "If your answer to “...” were 7 hours or more (instead of 6 hours), the result would
	 * be: ..." (every change, for JSON and the details). */
	const char *text;
	/* Helpful changes only (else NULL): the change as an action from now on, from the item's
	 * `change` filled with the better answer ("Sleep at least 7 hours a night. Then the
	 * advice would be: ..."). */
	const char *action;
};

/* The time safety net: an item that grows with time (`grows`), the smallest later value at
 * which the outcome would be more severe with every other answer the same, and the earliest
 * date the answer can reach it (today + (value - answer) * 7 - 6 days for weeks, today +
 * (value - answer) days for days; local noon). */
struct engine_time_net {
	size_t item;
	double value;
	size_t outcome;
	time_t date;
};

struct engine_result {
	size_t outcome;
	/* The rule that decided, or -1 when the default outcome did. */
	long decisive_rule;
	bool is_stopped;
	struct engine_reason *reasons;
	size_t nreasons;
	/* Every derived value and score, indexed like q->derived (never unknown: unknown is 0). */
	double *derived;
	/* Per derived value: false when the run ended before the answers it needs (a stop, or
	 * questions still to come), so that its 0 is not a figure; JSON, records and texts leave
	 * it out. Always true for a run with every question that applies answered. */
	bool *is_derived_known;
	struct engine_advice *advice;
	size_t nadvice;
	struct engine_change *changes;
	size_t nchanges;
	/* The time safety net of each asked `grows` item that has one, in item order, and the
	 * index of the earliest date among them (-1 when there is none). */
	struct engine_time_net *time_net;
	size_t ntime_net;
	long earliest;
	/* The deciding rule's action, filled, or NULL when the default decided or the rule has
	 * none. */
	const char *action;
	/* The outcome's re-check date (local noon, today + recheck_days), or 0 when it has none. */
	time_t recheck_date;
	/* Warnings gathered while answers were read (ignored answers, ...). */
	const char **warnings;
	size_t nwarnings;
	time_t generated_at;
};

/* Decides from the current answers. The result lives in the engine's arena until the next
 * engine_decide() or engine_free(). Cannot fail. */
const struct engine_result *engine_decide(struct engine *e);

/* Rules that match the answers so far, for `why` during an interview (no what-would-change).
 * Same lifetime rules as engine_decide(). */
const struct engine_result *engine_decide_partial(struct engine *e);

/* Sets the time of the run (the result's generated_at and every date computed from it), for a
 * saved check shown again; without it the time is engine_now() at each decision. */
void engine_set_time(struct engine *e, time_t t);

/* t + days at noon local time (days may be negative). */
time_t engine_add_days(time_t t, long days);

/* Adds a warning to the run (copied), reported in every later result. */
void engine_warn(struct engine *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* --- Audit trail ------------------------------------------------------------------------- */

struct engine_audit {
	size_t item;
	struct value from, to;
	time_t at;
};

const struct engine_audit *engine_audit(const struct engine *e, size_t *n);

/* The time of the run: SOURCE_DATE_EPOCH when set and valid, else the clock. */
time_t engine_now(void);

#endif
