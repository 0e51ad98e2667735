/*
 * answers.c - applies answers to a run: an answers file (through the YAML adapter), or
 * answers already read (struct answers_list, which answers_read() makes from the YAML tree).
 *
 * Two passes: first every entry is converted and checked on its own (unknown ids, wrong
 * types, out of range, exclusive choices), in file order; then the valid answers are applied
 * in asking order, as an interview would, which finds required items that are asked but not
 * answered and answers that are not asked (ignored with a warning).
 */
#include "answers.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "diag.h"
#include "engine.h"
#include "i18n.h"
#include "model.h"
#include "suggest.h"
#include "yamlio.h"

/* --- Answers as read ------------------------------------------------------------------------ */

/* n as an answer: its shape, position and text, and a list's values. */
static void value_of(struct arena *a, const struct ynode *n, struct answers_value *v)
{
	*v = (struct answers_value){ .pos = n->pos };
	if (n->kind == YNODE_SCALAR) {
		v->shape = ANSWERS_ONE;
		v->text = n->str;
		v->len = n->len;
		v->is_quoted = n->style != YSTYLE_PLAIN;
		return;
	}
	if (n->kind == YNODE_MAP) {
		v->shape = ANSWERS_MAPPING;
		return;
	}
	struct answers_value *items = arena_calloc(a, n->n ? n->n : 1, sizeof *items);
	for (size_t k = 0; k < n->n; k++)
		value_of(a, n->items[k], &items[k]);
	v->shape = ANSWERS_LIST;
	v->items = items;
	v->n = n->n;
}

int answers_read(struct arena *a, const struct ynode *map, struct answers_list *out)
{
	*out = (struct answers_list){ .v = NULL };
	if (map == NULL || map->kind != YNODE_MAP)
		return -1;
	struct answers_entry *v = arena_calloc(a, map->n ? map->n : 1, sizeof *v);
	for (size_t k = 0; k < map->n; k++) {
		v[k].id = map->keys[k]->str;
		v[k].pos = map->keys[k]->pos;
		value_of(a, map->items[k], &v[k].value);
	}
	*out = (struct answers_list){ .v = v, .n = map->n, .pos = map->pos };
	return 0;
}

const struct answers_value *answers_get(const struct answers_list *l, const char *id)
{
	for (size_t k = 0; l != NULL && k < l->n; k++)
		if (strcmp(l->v[k].id, id) == 0)
			return &l->v[k].value;
	return NULL;
}

bool answers_is_null(const struct answers_value *v)
{
	return v == NULL || (v->shape == ANSWERS_ONE && !v->is_quoted &&
	                     (v->len == 0 || strcmp(v->text, "null") == 0 ||
	                      strcmp(v->text, "~") == 0));
}

/* --- Applying answers ----------------------------------------------------------------------- */

struct answers_reader {
	struct engine *e;
	const struct questionnaire *q;
	struct diag *d;
	struct arena *a;
	const struct answers_list *list;
	/* Per item: the entry given (NULL when absent), the converted value. */
	const struct answers_entry **entry;
	struct value *val;
	bool *is_bad, *is_used;
	/* The item whose answer made a stop rule match, or nitems. */
	size_t stop_at;
};

/* Reports "FILE:LINE:COL: error: ID: message" at n's position and marks the item bad. */
static int fail(struct answers_reader *r, size_t item, const struct answers_value *n,
                const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int fail(struct answers_reader *r, size_t item, const struct answers_value *n,
                const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_report(r->d, DIAG_ERROR, n->pos, "%s: %s", r->q->items[item].id, msg);
	r->is_bad[item] = true;
	return -1;
}

static bool is_plain(const struct answers_value *n)
{
	return n->shape == ANSWERS_ONE && !n->is_quoted;
}

static bool is_decimal(const char *s)
{
	size_t i = 0, digits = 0;
	if (s[i] == '-' || s[i] == '+')
		i++;
	for (; isdigit((unsigned char)s[i]); i++)
		digits++;
	if (s[i] == '.')
		for (i++; isdigit((unsigned char)s[i]); i++)
			digits++;
	return digits > 0 && digits < 40 && s[i] == '\0';
}

/* A short, printable quote of a node for messages. */
static const char *shown(struct answers_reader *r, const struct answers_value *n)
{
	if (n->shape == ANSWERS_LIST)
		return _("a list");
	if (n->shape == ANSWERS_MAPPING)
		return _("a mapping");
	if (n->is_quoted)
		return arena_printf(r->a, _("the quoted text '%.40s'"), n->text);
	return arena_printf(r->a, "'%.40s'", n->text);
}

static int conv_yesno(struct answers_reader *r, size_t i, const struct answers_value *n,
                      struct value *v)
{
	static const struct { const char *w; bool b; } words[] = {
		{ "true", true }, { "yes", true }, { "false", false }, { "no", false },
	};
	for (size_t k = 0; is_plain(n) && k < sizeof words / sizeof words[0]; k++)
		if (strcasecmp(n->text, words[k].w) == 0) {
			*v = value_bool(words[k].b);
			return 0;
		}
	return fail(r, i, n, _("expected true or false (or yes or no), not %s"), shown(r, n));
}

static int conv_number(struct answers_reader *r, size_t i, const struct answers_value *n,
                       struct value *v)
{
	bool whole = r->q->items[i].type != ITEM_NUMBER;
	if (is_plain(n) && is_decimal(n->text)) {
		*v = value_num(strtod(n->text, NULL));
		return 0;
	}
	return fail(r, i, n, whole ? _("expected a whole number, not %s")
	                           : _("expected a number, not %s"), shown(r, n));
}

/* The choice called n->text, or -1 with an error that lists the choices. */
static long choice_of(struct answers_reader *r, size_t i, const struct answers_value *n)
{
	const struct item *it = &r->q->items[i];
	int k = n->shape == ANSWERS_ONE ? model_choice(it, n->text) : -1;
	if (k >= 0)
		return k;
	if (n->shape != ANSWERS_ONE)
		return fail(r, i, n, _("expected a choice id, not %s"), shown(r, n));
	struct suggest s;
	suggest_init(&s, n->text, n->len);
	char list[512] = "";
	for (size_t c = 0; c < it->nchoices; c++) {
		suggest_consider(&s, it->choices[c].id);
		size_t len = strlen(list);
		snprintf(list + len, sizeof list - len, "%s%s", c ? ", " : "", it->choices[c].id);
	}
	const char *best = suggest_result(&s);
	if (best != NULL)
		return fail(r, i, n, _("'%s' is not one of the choices (%s); did you mean '%s'?"),
		            n->text, list, best);
	return fail(r, i, n, _("'%s' is not one of the choices (%s)"), n->text, list);
}

static int conv_choice(struct answers_reader *r, size_t i, const struct answers_value *n,
                       struct value *v)
{
	if (n->shape == ANSWERS_LIST)
		return fail(r, i, n, _("expected one choice id, not a list"));
	long k = choice_of(r, i, n);
	if (k < 0)
		return -1;
	*v = value_choice((unsigned)k);
	return 0;
}

static int conv_multi(struct answers_reader *r, size_t i, const struct answers_value *n,
                      struct value *v)
{
	if (n->shape != ANSWERS_LIST)
		return fail(r, i, n, _("expected a list of choice ids, such as [%s], not %s"),
		            r->q->items[i].choices[0].id, shown(r, n));
	if (n->n == 0)
		return fail(r, i, n, _("the list is empty; choose at least one answer"));
	uint64_t set = 0;
	for (size_t k = 0; k < n->n; k++) {
		long c = choice_of(r, i, &n->items[k]);
		if (c < 0)
			return -1;
		if (c >= VALUE_SET_MAX || (set & (uint64_t)1 << c))
			return fail(r, i, &n->items[k], _("'%s' is listed twice"), n->items[k].text);
		set |= (uint64_t)1 << c;
	}
	*v = value_set(set);
	return 0;
}

static int conv_text(struct answers_reader *r, size_t i, const struct answers_value *n,
                     struct value *v)
{
	if (n->shape != ANSWERS_ONE)
		return fail(r, i, n, _("expected text, not %s"), shown(r, n));
	if (strlen(n->text) != n->len)
		return fail(r, i, n, _("the text contains a NUL character"));
	*v = value_str(n->text);
	return 0;
}

static int conv_note(struct answers_reader *r, size_t i, const struct answers_value *n,
                     struct value *v)
{
	if (is_plain(n) && strcasecmp(n->text, "true") == 0) {
		*v = value_bool(true);
		return 0;
	}
	return fail(r, i, n, _("this is a note, not a question; it takes no answer"));
}

static int (*const converters[ITEM_TYPES])(struct answers_reader *, size_t,
                                           const struct answers_value *, struct value *) = {
	[ITEM_YESNO] = conv_yesno,
	[ITEM_CHOICE] = conv_choice,
	[ITEM_MULTI] = conv_multi,
	[ITEM_INT] = conv_number,
	[ITEM_NUMBER] = conv_number,
	[ITEM_SCALE] = conv_number,
	[ITEM_TEXT] = conv_text,
	[ITEM_NOTE] = conv_note,
};

static void unknown_id(struct answers_reader *r, const struct answers_entry *key)
{
	if (model_derived(r->q, key->id) != NULL) {
		diag_error(r->d, key->pos, "%s: is computed from the other answers and cannot be "
		           "answered", key->id);
		return;
	}
	struct suggest s;
	suggest_init(&s, key->id, strlen(key->id));
	for (size_t i = 0; i < r->q->nitems; i++)
		suggest_consider(&s, r->q->items[i].id);
	const char *best = suggest_result(&s);
	if (best != NULL)
		diag_error(r->d, key->pos, "%s: no such question in %s; did you mean '%s'?",
		           key->id, r->q->id, best);
	else
		diag_error(r->d, key->pos, "%s: no such question in %s", key->id, r->q->id);
}

/* One entry: converted by its item's type, then checked against the item. */
static int convert_one(struct answers_reader *r, size_t i, const struct answers_value *n,
                       struct value *v)
{
	char msg[256];
	if (converters[r->q->items[i].type](r, i, n, v) != 0)
		return -1;
	if (engine_check(r->e, i, *v, msg, sizeof msg) != 0)
		return fail(r, i, n, "%s", msg);
	return 0;
}

/* Pass 1: every entry on its own. */
static void convert_all(struct answers_reader *r)
{
	for (size_t k = 0; k < r->list->n; k++) {
		const struct answers_entry *en = &r->list->v[k];
		const struct item *it = model_item(r->q, en->id);
		if (it == NULL) {
			unknown_id(r, en);
			continue;
		}
		size_t i = it->index;
		r->entry[i] = en;
		if (answers_is_null(&en->value))
			continue;
		convert_one(r, i, &en->value, &r->val[i]);
	}
}

/* An answer that fits the answers before it (offered choices, the item's check) is set;
 * one that does not is refused at its value's position. */
static void apply_one(struct answers_reader *r, size_t i)
{
	char msg[512];
	if (engine_check_answer(r->e, i, r->val[i], msg, sizeof msg) != 0) {
		fail(r, i, &r->entry[i]->value, "%s", msg);
		return;
	}
	engine_set(r->e, i, r->val[i]);
	r->is_used[i] = true;
}

/* Pass 2: apply in asking order. */
static void apply_all(struct answers_reader *r)
{
	r->stop_at = r->q->nitems;
	for (size_t i = 0; i < r->q->nitems; i++) {
		const struct item *it = &r->q->items[i];
		if (engine_stopped_by(r->e) >= 0) {
			r->stop_at = i;
			break;
		}
		if (!engine_applies(r->e, i) || r->is_bad[i])
			continue;
		if (it->type == ITEM_NOTE) {
			engine_set(r->e, i, value_bool(true));
			r->is_used[i] = r->entry[i] != NULL;
		} else if (value_is_known(r->val[i])) {
			apply_one(r, i);
		} else if (!it->is_required) {
			engine_skip(r->e, i);
			r->is_used[i] = r->entry[i] != NULL;
		} else {
			const struct answers_value whole = { .pos = r->list->pos };
			fail(r, i, r->entry[i] != NULL ? &r->entry[i]->value : &whole,
			     _("no answer; this question is asked with these answers, so it needs one"));
		}
	}
}

/* Answers that were given but not used: ignored, with a warning. */
static void warn_ignored(struct answers_reader *r)
{
	long stop = engine_stopped_by(r->e);
	for (size_t i = 0; i < r->q->nitems; i++) {
		if (r->entry[i] == NULL || r->is_used[i] || r->is_bad[i] ||
		    answers_is_null(&r->entry[i]->value))
			continue;
		char msg[512];
		if (stop >= 0 && i >= r->stop_at)
			snprintf(msg, sizeof msg, _("%s: answer ignored: the questions stopped before this "
			         "one (rule %s matched)"), r->q->items[i].id, r->q->rules[stop].id);
		else
			snprintf(msg, sizeof msg, _("%s: answer ignored: this question is not asked with "
			         "these answers"), r->q->items[i].id);
		diag_report(r->d, DIAG_WARNING, r->entry[i]->pos, "%s", msg);
		engine_warn(r->e, "%s", msg);
	}
}

/* The id of the first item that takes an answer (not a note), for an example; "id" if none. */
static const char *first_question(const struct questionnaire *q)
{
	for (size_t i = 0; i < q->nitems; i++)
		if (q->items[i].type != ITEM_NOTE)
			return q->items[i].id;
	return "id";
}

static int apply_list(struct engine *e, const struct answers_list *l, struct diag *d,
                      struct arena *a)
{
	const struct questionnaire *q = engine_questionnaire(e);
	size_t errors = diag_errors(d);
	struct answers_reader r = { .e = e, .q = q, .d = d, .a = a, .list = l };
	size_t n = q->nitems + 1;
	r.entry = arena_calloc(a, n, sizeof *r.entry);
	r.val = arena_calloc(a, n, sizeof *r.val);
	r.is_bad = arena_calloc(a, n, sizeof *r.is_bad);
	r.is_used = arena_calloc(a, n, sizeof *r.is_used);
	convert_all(&r);
	apply_all(&r);
	if (diag_errors(d) == errors)
		warn_ignored(&r);
	return diag_errors(d) == errors ? 0 : -1;
}

int answers_convert(struct engine *e, size_t item, const struct answers_value *v,
                    struct value *out, struct diag *d)
{
	const struct questionnaire *q = engine_questionnaire(e);
	struct answers_reader r = { .e = e, .q = q, .d = d, .a = arena_new() };
	r.is_bad = arena_calloc(r.a, q->nitems + 1, sizeof *r.is_bad);
	int rc = item < q->nitems ? convert_one(&r, item, v, out) : -1;
	arena_free(r.a);
	return rc;
}

int answers_apply(struct engine *e, const struct answers_list *l, struct diag *d)
{
	struct arena *a = arena_new();
	int rc = apply_list(e, l, d, a);
	arena_free(a);
	return rc;
}

int answers_load_string(struct engine *e, const char *name, const char *text, size_t len,
                        struct diag *d)
{
	struct arena *a = arena_new();
	diag_add_source(d, name, text, len);
	const struct ynode *root = yamlio_parse(a, d, name, text, len);
	struct answers_list l;
	int rc = -1;
	if (root != NULL && answers_read(a, root, &l) == 0)
		rc = apply_list(e, &l, d, a);
	else if (root != NULL)
		diag_error(d, root->pos, "expected a mapping of question ids to answers, such as "
		           "'%s: ...'", first_question(engine_questionnaire(e)));
	arena_free(a);
	return rc;
}

int answers_load_file(struct engine *e, const char *path, struct diag *d, int *is_unreadable)
{
	char *text = NULL;
	size_t len = 0;
	int unreadable = 0;
	if (is_unreadable != NULL)
		*is_unreadable = 0;
	if (yamlio_read_file(path, ANSWERS_MAX_FILE_SIZE, &text, &len, d, &unreadable) != 0) {
		if (is_unreadable != NULL)
			*is_unreadable = unreadable;
		return -1;
	}
	int rc = answers_load_string(e, path, text, len, d);
	free(text);
	return rc;
}
