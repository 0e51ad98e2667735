/*
 * engine_template.c - texts filled from a run: {id} is an answer or derived value, {id.label}
 * the label of the chosen answer(s), {id.unit} the item's unit for its answer, {{ and }} are
 * literal braces. The loader parsed and checked every placeholder and compiled each text into
 * parts (struct tpl, loader_check.c); filling walks those parts and never parses again.
 *
 * Every string returned lives in the arena the caller names (the engine's, for the public
 * functions).
 */
#include "engine.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "engine_int.h"
#include "i18n.h"
#include "model.h"
#include "xalloc.h"

/* A growing string, malloc'ed; moved into an arena at the end. */
struct sbuf {
	char *s;
	size_t len, cap;
};

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
	b->s = xalloc_grow(b->s, &b->cap, b->len + n + 1, 64, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static const char *sb_finish(struct sbuf *b, struct arena *a)
{
	const char *r = arena_strndup(a, b->s ? b->s : "", b->len);
	free(b->s);
	return r;
}

/* The separator between the ticked labels of set: "; " when one of them has a comma of its
 * own ("numbness, tingling or weakness"), so that the list stays readable; else ", ". */
static const char *label_separator(const struct engine *e, const struct item *it, uint64_t set)
{
	for (size_t k = 0; k < it->nchoices && k < VALUE_SET_MAX; k++)
		if ((set & (uint64_t)1 << k) &&
		    strchr(model_text(e->q, &it->choices[k].label, e->lang), ',') != NULL)
			return "; ";
	return ", ";
}

/* Joins the choices in set: ids with ", ", labels with label_separator(). */
static const char *join_set(const struct engine *e, struct arena *a, const struct item *it,
                            uint64_t set, bool by_label)
{
	const char *sep = by_label ? label_separator(e, it, set) : ", ";
	struct sbuf b = { 0 };
	for (size_t k = 0; k < it->nchoices && k < VALUE_SET_MAX; k++) {
		if (!(set & (uint64_t)1 << k))
			continue;
		if (b.len > 0)
			sb_add(&b, sep, strlen(sep));
		const char *s = by_label ? model_text(e->q, &it->choices[k].label, e->lang)
		                         : it->choices[k].id;
		sb_add(&b, s, strlen(s));
	}
	return sb_finish(&b, a);
}

/* During a partial decision: item applies, has no answer and was not skipped. */
static bool is_to_come(const struct engine *e, size_t item)
{
	return e->is_partial && !e->st.skipped[item] && eng_applies(e->q, &e->st, item);
}

/* An answer as words in one line: by its labels for people, or by its ids for the
 * placeholders and the clinician's summary. Not the encoder of answers for files and JSON
 * (render_json_answer(), which keeps types and lists): these are texts, joined with ", ",
 * with numbers as people read them. */
static const char *value_words(const struct engine *e, struct arena *a, size_t item,
                               struct value v, bool by_label)
{
	const struct item *it = &e->q->items[item];
	char buf[32];
	switch (v.kind) {
	case VAL_UNKNOWN:
		if (!by_label)
			return "null";
		return is_to_come(e, item) ? _("not asked yet") : _("not answered");
	case VAL_BOOL:
		if (by_label)
			return v.u.b ? P_("answer", "yes") : P_("answer", "no");
		return v.u.b ? "true" : "false";
	case VAL_NUM:
		engine_format_number(v.u.num, buf, sizeof buf);
		return arena_strdup(a, buf);
	case VAL_STR:
		return v.u.str;
	case VAL_CHOICE:
		if (v.u.choice >= it->nchoices)
			return "?";
		return by_label ? model_text(e->q, &it->choices[v.u.choice].label, e->lang)
		                : it->choices[v.u.choice].id;
	case VAL_SET:
		return join_set(e, a, it, v.u.set, by_label);
	}
	return "?";
}

const char *eng_value_text(const struct engine *e, struct arena *a, size_t item,
                           struct value v)
{
	return value_words(e, a, item, v, true);
}

const char *eng_value_id(const struct engine *e, struct arena *a, size_t item,
                         struct value v)
{
	return value_words(e, a, item, v, false);
}

const char *engine_value_text(const struct engine *e, size_t item, struct value v)
{
	return item < e->q->nitems ? eng_value_text(e, e->arena, item, v) : "?";
}

const char *engine_answer_text(const struct engine *e, size_t item, struct value v)
{
	const char *s = engine_value_text(e, item, v);
	if (item >= e->q->nitems || v.kind != VAL_NUM)
		return s;
	const char *unit = model_unit(e->q, &e->q->items[item], v.u.num, e->lang);
	return *unit != '\0' ? arena_printf(e->arena, "%s %s", s, unit) : s;
}

const char *engine_value_id(const struct engine *e, size_t item, struct value v)
{
	return item < e->q->nitems ? eng_value_id(e, e->arena, item, v) : "?";
}

/*
 * What one compiled part reads as. {id} of a yes/no item reads "yes"/"no" (unanswered: in
 * words too), of a choice its id; {id.label} the label; {id.unit} the item's unit for its
 * answer ("day" after 1, else "days"); {id} of a derived value the number.
 */
static const char *part_text(const struct engine *e, struct arena *a, const struct eng_state *s,
                             const struct tpl_part *p)
{
	char buf[32];
	struct value v;
	switch (p->kind) {
	case TPL_TEXT:
		return p->text;
	case TPL_UNIT:
		v = s->answers[p->index];
		return model_unit(e->q, &e->q->items[p->index], v.kind == VAL_NUM ? v.u.num : 0,
		                  e->lang);
	case TPL_ITEM:
	case TPL_LABEL:
		v = s->answers[p->index];
		return value_words(e, a, p->index, v, p->kind == TPL_LABEL || v.kind == VAL_BOOL ||
		                                      v.kind == VAL_UNKNOWN);
	case TPL_DERIVED:
		v = s->derived[p->index];
		engine_format_number(v.kind == VAL_NUM ? v.u.num : 0, buf, sizeof buf);
		return arena_strdup(a, buf);
	}
	return "";
}

const char *eng_fill(const struct engine *e, struct arena *a, const struct eng_state *s,
                     const struct ltext *t)
{
	const struct tpl *tp = model_template(e->q, t, e->lang);
	struct sbuf b = { 0 };
	for (size_t i = 0; i < tp->n; i++) {
		const char *r = part_text(e, a, s, &tp->parts[i]);
		sb_add(&b, r, tp->parts[i].kind == TPL_TEXT ? tp->parts[i].len : strlen(r));
	}
	return sb_finish(&b, a);
}

const char *engine_fill(struct engine *e, const struct ltext *t)
{
	return eng_fill(e, e->arena, &e->st, t);
}

const char *engine_printf(struct engine *e, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *s = arena_vprintf(e->arena, fmt, ap);
	va_end(ap);
	return s;
}
