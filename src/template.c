/*
 * template.c - texts filled from a run: {id} is an answer or derived value, {id.label} the
 * label of the chosen answer(s), {id.unit} the item's unit for its answer, {{ and }} are literal braces. Placeholders were checked when
 * the questionnaire loaded; one that names nothing is left as it is.
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
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->s = xalloc_resize(b->s, cap, 1);
		b->cap = cap;
	}
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

enum field { FIELD_VALUE, FIELD_LABEL, FIELD_UNIT, FIELD_UNKNOWN };

/* The field after the dot of a placeholder (dot[0..n) includes the dot). */
static enum field field_of(const char *dot, size_t n)
{
	if (dot == NULL)
		return FIELD_VALUE;
	if (n == 6 && memcmp(dot, ".label", 6) == 0)
		return FIELD_LABEL;
	if (n == 5 && memcmp(dot, ".unit", 5) == 0)
		return FIELD_UNIT;
	return FIELD_UNKNOWN;
}

/* An item's placeholder: its answer in words or as an id, its label, or its unit for the
 * answer given ("day" after 1, else "days"). */
static const char *item_field(const struct engine *e, struct arena *a, const struct item *it,
                              struct value v, enum field f)
{
	if (f == FIELD_UNIT)
		return model_unit(e->q, it, v.kind == VAL_NUM ? v.u.num : 0, e->lang);
	bool words = f == FIELD_LABEL || v.kind == VAL_BOOL || v.kind == VAL_UNKNOWN;
	return value_words(e, a, it->index, v, words);
}

/*
 * The replacement for the placeholder name[0..n) ("id", "id.label" or "id.unit"), or NULL
 * when it names nothing. {id} of a yes/no item reads "yes"/"no", of a choice its id;
 * {id.label} the label; {id.unit} the item's unit for its answer.
 */
static const char *placeholder(const struct engine *e, struct arena *a,
                               const struct eng_state *s, const char *name, size_t n)
{
	char id[256];
	const char *dot = memchr(name, '.', n);
	size_t idlen = dot ? (size_t)(dot - name) : n;
	enum field f = field_of(dot, n - idlen);
	if (idlen >= sizeof id || f == FIELD_UNKNOWN)
		return NULL;
	memcpy(id, name, idlen);
	id[idlen] = '\0';
	const struct item *it = model_item(e->q, id);
	if (it != NULL)
		return item_field(e, a, it, s->answers[it->index], f);
	const struct derived *d = model_derived(e->q, id);
	if (d == NULL || f != FIELD_VALUE)
		return NULL;
	char buf[32];
	struct value v = s->derived[d->index];
	engine_format_number(v.kind == VAL_NUM ? v.u.num : 0, buf, sizeof buf);
	return arena_strdup(a, buf);
}

const char *eng_fill(const struct engine *e, struct arena *a, const struct eng_state *s,
                     const struct ltext *t)
{
	const char *src = model_text(e->q, t, e->lang);
	struct sbuf b = { 0 };
	for (const char *p = src; *p != '\0';) {
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			sb_add(&b, p, 1);
			p += 2;
			continue;
		}
		const char *close = p[0] == '{' ? strchr(p, '}') : NULL;
		const char *r = close ? placeholder(e, a, s, p + 1, (size_t)(close - p - 1)) : NULL;
		if (r == NULL) {
			sb_add(&b, p, 1);
			p++;
			continue;
		}
		sb_add(&b, r, strlen(r));
		p = close + 1;
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
