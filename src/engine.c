/*
 * engine.c - the asking state of one run: answers and skips per item, the stop state and
 * the audit trail. Typed input is parsed and checked in engine_input.c (engine_parse,
 * engine_check), alert rules in engine_alert.c, texts filled in engine_template.c.
 *
 * Invariant after every public call that changes answers: derived values are current, an
 * item that does not apply has neither answer nor skip, and stopped_by is the first stop
 * rule whose condition holds.
 */
#include "engine.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "engine_int.h"
#include "expr.h"
#include "model.h"
#include "xalloc.h"

struct engine *engine_new(const struct questionnaire *q, size_t lang)
{
	struct arena *a = arena_new();
	struct engine *e = arena_alloc(a, sizeof *e);
	e->q = q;
	e->lang = lang < q->nlangs ? lang : 0;
	e->arena = a;
	e->result_arena = arena_new();
	e->st.answers = arena_calloc(a, q->nitems + 1, sizeof *e->st.answers);
	e->st.skipped = arena_calloc(a, q->nitems + 1, sizeof *e->st.skipped);
	e->st.derived = arena_calloc(a, q->nderived + 1, sizeof *e->st.derived);
	e->st.rules = arena_calloc(a, q->nrules + 1, sizeof *e->st.rules);
	e->st.outcome = value_unknown();
	e->stopped_by = -1;
	eng_reconcile(q, &e->st, NULL);
	e->stopped_by = eng_stop_rule(q, &e->st);
	return e;
}

void engine_free(struct engine *e)
{
	if (e == NULL)
		return;
	free(e->audit);
	free(e->warnings);
	arena_free(e->result_arena);
	arena_free(e->arena);
}

const struct questionnaire *engine_questionnaire(const struct engine *e)
{
	return e->q;
}

size_t engine_lang(const struct engine *e)
{
	return e->lang;
}

/* --- Evaluation state ---------------------------------------------------------------- */

struct expr_env eng_env(const struct eng_state *s)
{
	struct expr_env env = { .tables = {
		[EXPR_SYM_ITEM] = s->answers,
		[EXPR_SYM_DERIVED] = s->derived,
		[EXPR_SYM_OUTCOME] = &s->outcome,
		[EXPR_SYM_RULE] = s->rules,
	} };
	return env;
}

void eng_derive(const struct questionnaire *q, struct eng_state *s)
{
	for (size_t k = 0; k < q->nderived; k++)
		s->derived[q->eval_order[k]] = value_num(0);
	struct expr_env env = eng_env(s);
	for (size_t k = 0; k < q->nderived; k++) {
		size_t d = q->eval_order[k];
		struct value v = expr_eval(q->derived[d].value, &env);
		bool ok = v.kind == VAL_NUM && isfinite(v.u.num);
		s->derived[d] = value_num(ok ? v.u.num : 0);
	}
}

bool eng_applies(const struct questionnaire *q, const struct eng_state *s, size_t item)
{
	const struct expr *when = q->items[item].when;
	if (when == NULL)
		return true;
	struct expr_env env = eng_env(s);
	return expr_holds(when, &env);
}

/* Whether choice k of item is offered in s (no `when`, or it holds). */
bool eng_offered(const struct questionnaire *q, const struct eng_state *s, size_t item,
                 size_t k)
{
	const struct expr *when = q->items[item].choices[k].when;
	struct expr_env env = eng_env(s);
	return when == NULL || expr_holds(when, &env);
}

int eng_fits(const struct questionnaire *q, const struct eng_state *s, size_t item)
{
	const struct item *it = &q->items[item];
	struct value v = s->answers[item];
	if (v.kind == VAL_CHOICE && v.u.choice < it->nchoices && !eng_offered(q, s, item, v.u.choice))
		return (int)v.u.choice + 1;
	for (size_t k = 0; v.kind == VAL_SET && k < it->nchoices && k < VALUE_SET_MAX; k++)
		if ((v.u.set & (uint64_t)1 << k) && !eng_offered(q, s, item, k))
			return (int)k + 1;
	if (it->check.valid == NULL || !value_is_known(v))
		return 0;
	struct expr_env env = eng_env(s);
	struct value ok = expr_eval(it->check.valid, &env);
	return ok.kind == VAL_BOOL && !ok.u.b ? -1 : 0;
}

static void audit_add(struct engine *e, size_t item, struct value from, struct value to)
{
	e->audit = xalloc_grow(e->audit, &e->capaudit, e->naudit + 1, 16, sizeof *e->audit);
	e->audit[e->naudit++] = (struct engine_audit){
		.item = item, .from = from, .to = to, .at = engine_now(),
	};
}

/* One pass in item order: drops the first answer that no longer applies or no longer fits
 * (a choice no longer offered, a broken check); returns whether something was dropped. */
static bool drop_pass(const struct questionnaire *q, struct eng_state *s, struct engine *e)
{
	for (size_t i = 0; i < q->nitems; i++) {
		if (!value_is_known(s->answers[i]) && !s->skipped[i])
			continue;
		if (eng_applies(q, s, i) && eng_fits(q, s, i) == 0)
			continue;
		if (e != NULL && value_is_known(s->answers[i]))
			audit_add(e, i, s->answers[i], value_unknown());
		s->answers[i] = value_unknown();
		s->skipped[i] = false;
		return true;
	}
	return false;
}

void eng_reconcile(const struct questionnaire *q, struct eng_state *s, struct engine *e)
{
	do
		eng_derive(q, s);
	while (drop_pass(q, s, e));
}

long eng_stop_rule(const struct questionnaire *q, const struct eng_state *s)
{
	struct expr_env env = eng_env(s);
	for (size_t r = 0; r < q->nrules; r++)
		if (q->rules[r].is_stop && expr_holds(q->rules[r].when, &env))
			return (long)r;
	return -1;
}

size_t eng_outcome(const struct questionnaire *q, struct eng_state *s, long *decisive)
{
	struct expr_env env = eng_env(s);
	*decisive = -1;
	for (size_t r = 0; r < q->nrules; r++) {
		bool holds = expr_holds(q->rules[r].when, &env);
		s->rules[r] = value_bool(holds);
		if (holds && *decisive < 0)
			*decisive = (long)r;
	}
	size_t o = *decisive >= 0 ? q->rules[*decisive].outcome : q->default_outcome;
	s->outcome = value_choice((unsigned)o);
	return o;
}

struct value eng_value_copy(struct arena *a, struct value v)
{
	if (v.kind == VAL_STR)
		v.u.str = arena_strdup(a, v.u.str);
	return v;
}

/* --- Asking -------------------------------------------------------------------------- */

bool engine_applies(const struct engine *e, size_t item)
{
	return item < e->q->nitems && eng_applies(e->q, &e->st, item);
}

long engine_next(const struct engine *e)
{
	if (e->stopped_by >= 0)
		return -1;
	for (size_t i = 0; i < e->q->nitems; i++)
		if (!value_is_known(e->st.answers[i]) && !e->st.skipped[i] && engine_applies(e, i))
			return (long)i;
	return -1;
}

struct value engine_answer(const struct engine *e, size_t item)
{
	return item < e->q->nitems ? e->st.answers[item] : value_unknown();
}

bool engine_is_answered(const struct engine *e, size_t item)
{
	return item < e->q->nitems && value_is_known(e->st.answers[item]);
}

bool engine_is_skipped(const struct engine *e, size_t item)
{
	return item < e->q->nitems && e->st.skipped[item];
}

static void settle(struct engine *e)
{
	eng_reconcile(e->q, &e->st, e);
	e->stopped_by = eng_stop_rule(e->q, &e->st);
}

int engine_set(struct engine *e, size_t item, struct value v)
{
	char msg[160];
	if (item >= e->q->nitems || !engine_applies(e, item) ||
	    engine_check(e, item, v, msg, sizeof msg) != 0 ||
	    engine_check_answer(e, item, v, msg, sizeof msg) != 0)
		return -1;
	struct value old = e->st.answers[item];
	if (!value_equal(old, v)) {
		v = eng_value_copy(e->arena, v);
		audit_add(e, item, old, v);
		e->st.answers[item] = v;
	}
	e->st.skipped[item] = false;
	settle(e);
	return 0;
}

int engine_skip(struct engine *e, size_t item)
{
	if (item >= e->q->nitems || e->q->items[item].is_required || !engine_applies(e, item))
		return -1;
	struct value old = e->st.answers[item];
	if (value_is_known(old))
		audit_add(e, item, old, value_unknown());
	e->st.answers[item] = value_unknown();
	e->st.skipped[item] = true;
	settle(e);
	return 0;
}

void engine_clear(struct engine *e, size_t item)
{
	if (item >= e->q->nitems)
		return;
	struct value old = e->st.answers[item];
	if (value_is_known(old))
		audit_add(e, item, old, value_unknown());
	e->st.answers[item] = value_unknown();
	e->st.skipped[item] = false;
	settle(e);
}

long engine_stopped_by(const struct engine *e)
{
	return e->stopped_by;
}

void engine_progress(const struct engine *e, size_t item, size_t *pos, size_t *total)
{
	size_t before = 0, n = 0;
	for (size_t i = 0; i < e->q->nitems; i++) {
		if (e->q->items[i].type == ITEM_NOTE || !engine_applies(e, i))
			continue;
		n++;
		if (i < item)
			before++;
	}
	*pos = before + 1;
	*total = n;
}

/* --- Warnings and the audit trail ------------------------------------------------------ */

void engine_warn(struct engine *e, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	e->warnings = xalloc_grow(e->warnings, &e->capwarnings, e->nwarnings + 1, 8,
	                          sizeof *e->warnings);
	e->warnings[e->nwarnings++] = arena_strdup(e->arena, buf);
}

const struct engine_audit *engine_audit(const struct engine *e, size_t *n)
{
	*n = e->naudit;
	return e->audit;
}

time_t engine_now(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (s == NULL || *s == '\0')
		return time(NULL);
	for (const char *p = s; *p != '\0'; p++)
		if (!isdigit((unsigned char)*p))
			return time(NULL);
	errno = 0;
	char *end;
	unsigned long long t = strtoull(s, &end, 10);
	if (errno != 0 || t > (unsigned long long)INT64_MAX / 2)
		return time(NULL);
	return (time_t)t;
}

void engine_format_number(double x, char *buf, size_t bufsz)
{
	if (!isfinite(x)) {
		snprintf(buf, bufsz, "0");
		return;
	}
	if (x == 0)
		x = 0;
	snprintf(buf, bufsz, "%.12g", x);
	if (strchr(buf, 'e') != NULL || strchr(buf, '.') == NULL)
		return;
	size_t n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
}
