/*
 * loader_items.c - sections, items and choices. Items of all sections go into one array in
 * the order asked; which keys an item may or must have depends on its type (two tables).
 * Conditions (`when`) are only kept here and compiled in the second pass (loader_expr.c).
 */
#include <string.h>

#include "arena.h"
#include "idmap.h"
#include "loader_int.h"
#include "suggest.h"
#include "value.h"
#include "yamlio.h"

#define T(x) (1u << (x))
#define NUMERIC (T(ITEM_INT) | T(ITEM_NUMBER) | T(ITEM_SCALE))

/* The types each type-specific key applies to (0: every type). */
static const unsigned key_types[IT_NKEYS] = {
	[IT_MIN] = NUMERIC, [IT_MAX] = NUMERIC, [IT_STEP] = T(ITEM_NUMBER), [IT_UNIT] = NUMERIC,
	[IT_UNIT_ONE] = NUMERIC,
	[IT_MIN_LABEL] = T(ITEM_SCALE), [IT_MAX_LABEL] = T(ITEM_SCALE),
	[IT_CHOICES] = T(ITEM_CHOICE) | T(ITEM_MULTI), [IT_MAX_LENGTH] = T(ITEM_TEXT),
	[IT_MODIFIABLE] = ~(T(ITEM_TEXT) | T(ITEM_NOTE)),
	[IT_BETTER] = ~(T(ITEM_TEXT) | T(ITEM_NOTE)),
	[IT_CHECK] = ~T(ITEM_NOTE), [IT_GROWS] = T(ITEM_INT),
	[IT_CHANGE] = ~(T(ITEM_TEXT) | T(ITEM_NOTE)),
};

#define K(x) (1u << (x))

/* The keys each type requires beyond id, type and text. */
static const unsigned type_required[ITEM_TYPES] = {
	[ITEM_INT] = K(IT_MIN) | K(IT_MAX),
	[ITEM_NUMBER] = K(IT_MIN) | K(IT_MAX),
	[ITEM_SCALE] = K(IT_MIN) | K(IT_MAX) | K(IT_MIN_LABEL) | K(IT_MAX_LABEL),
	[ITEM_CHOICE] = K(IT_CHOICES),
	[ITEM_MULTI] = K(IT_CHOICES),
};

static const char *const item_key_name[IT_NKEYS] = {
	[IT_MIN] = "min", [IT_MAX] = "max", [IT_STEP] = "step", [IT_UNIT] = "unit",
	[IT_UNIT_ONE] = "unit_one",
	[IT_MIN_LABEL] = "min_label", [IT_MAX_LABEL] = "max_label", [IT_CHOICES] = "choices",
	[IT_MAX_LENGTH] = "max_length", [IT_MODIFIABLE] = "modifiable", [IT_BETTER] = "better",
	[IT_CHECK] = "check", [IT_GROWS] = "grows", [IT_CHANGE] = "change",
};

/* Reports keys that do not apply to the type and keys the type needs; drops the former. */
static void type_keys(struct ld *ld, const struct ynode *map, enum item_type type,
                      const struct ynode **v)
{
	const char *tn = model_item_type_names[type];
	for (int k = 0; k < IT_NKEYS; k++) {
		if (v[k] != NULL && key_types[k] != 0 && !(key_types[k] & T(type))) {
			ld_error(ld, v[k], "'%s' does not apply to items of type '%s'",
			         item_key_name[k], tn);
			v[k] = NULL;
		}
		if (v[k] == NULL && (type_required[type] & K(k)))
			ld_error(ld, map, "an item of type '%s' needs '%s'", tn, item_key_name[k]);
	}
}

static void choice(struct ld *ld, const struct ynode *node, struct item *it, struct choice *c)
{
	const struct ynode *v[CH_NKEYS];
	size_t ci = (size_t)(c - it->choices);
	c->pos = node->pos;
	c->id = "";
	if (ld_fields(ld, node, KC_CHOICE, v) != 0)
		return;
	if (v[CH_ID] != NULL && ld_id(ld, v[CH_ID], "id", &c->id) == 0)
		ld_register(ld, MODEL_NS_CHOICE + it->index, v[CH_ID], c->id, ci);
	ld_text(ld, v[CH_LABEL], "label", &c->label);
	ld_text(ld, v[CH_HELP], "help", &c->help);
	if (v[CH_EXCLUSIVE] != NULL && it->type != ITEM_MULTI)
		ld_error(ld, v[CH_EXCLUSIVE], "'exclusive' applies only to choices of a multi item");
	else if (v[CH_EXCLUSIVE] != NULL)
		ld_bool(ld, v[CH_EXCLUSIVE], "exclusive", &c->is_exclusive);
	ld->choice_when[it->index][ci] = v[CH_WHEN];
}

static void choices(struct ld *ld, const struct ynode *seq, struct item *it)
{
	if (ld_seq(ld, seq, "choices") != 0)
		return;
	if (seq->n == 0) {
		ld_error(ld, seq, "'choices' must not be empty");
		return;
	}
	if (it->type == ITEM_MULTI && seq->n > VALUE_SET_MAX) {
		ld_error(ld, seq, "a multi item has at most %d choices, not %zu", VALUE_SET_MAX,
		         seq->n);
		return;
	}
	it->choices = arena_calloc(ld->a, seq->n, sizeof *it->choices);
	it->nchoices = seq->n;
	ld->choice_when[it->index] = arena_calloc(ld->a, seq->n, sizeof **ld->choice_when);
	for (size_t i = 0; i < seq->n; i++)
		choice(ld, seq->items[i], it, &it->choices[i]);
}

/* min, max, step: whole numbers for int and scale items; min <= max; step > 0. */
static void range(struct ld *ld, const struct ynode **v, struct item *it)
{
	bool whole = it->type != ITEM_NUMBER;
	int bad = 0;
	double *ends[2] = { &it->min, &it->max };
	for (int i = 0; i < 2; i++) {
		const struct ynode *n = v[i == 0 ? IT_MIN : IT_MAX];
		const char *key = i == 0 ? "min" : "max";
		long w;
		if (n == NULL)
			bad = 1;
		else if (whole && ld_whole(ld, n, key, &w) == 0)
			*ends[i] = (double)w;
		else if (whole || ld_number(ld, n, key, ends[i]) != 0)
			bad = 1;
	}
	if (!bad && it->min > it->max)
		ld_error(ld, v[IT_MIN], "'min' (%g) is greater than 'max' (%g)", it->min, it->max);
	if (v[IT_STEP] != NULL && ld_number(ld, v[IT_STEP], "step", &it->step) == 0 &&
	    !(it->step > 0))
		ld_error(ld, v[IT_STEP], "'step' must be greater than 0, not %g", it->step);
}

static void better_choices(struct ld *ld, const struct ynode *seq, struct item *it)
{
	if (seq->n == 0)
		ld_error(ld, seq, "'better' must name at least one choice");
	for (size_t i = 0; i < seq->n; i++) {
		const char *id;
		if (ld_string(ld, seq->items[i], "better", &id) != 0)
			continue;
		size_t c;
		if (idmap_get(ld->ids, MODEL_NS_CHOICE + it->index, id, strlen(id), &c) == 0) {
			it->choices[c].is_better = true;
			continue;
		}
		struct suggest s;
		suggest_init(&s, id, strlen(id));
		for (size_t k = 0; k < it->nchoices && !diag_is_full(ld->d); k++)
			suggest_consider(&s, it->choices[k].id);
		if (suggest_result(&s) != NULL)
			ld_error(ld, seq->items[i], "'%s' is not a choice of '%s'; did you mean "
			         "'%s'?", id, it->id, suggest_result(&s));
		else
			ld_error(ld, seq->items[i], "'%s' is not a choice of '%s'", id, it->id);
	}
}

/* `better`: a direction for yes/no and numbers, a list of choice ids for choices. */
static void better(struct ld *ld, const struct ynode **v, struct item *it)
{
	static const char *const directions[] = { "higher", "lower" };
	const struct ynode *n = v[IT_BETTER];
	if (it->is_modifiable && n == NULL)
		ld_error(ld, v[IT_MODIFIABLE], "a modifiable item needs 'better': which answers "
		         "are better");
	if (v[IT_CHANGE] != NULL && !it->is_modifiable)
		ld_error(ld, v[IT_CHANGE], "'change' needs 'modifiable: true'");
	else
		ld_text(ld, v[IT_CHANGE], "change", &it->change);
	if (n == NULL)
		return;
	if (!it->is_modifiable) {
		ld_error(ld, n, "'better' needs 'modifiable: true'");
		return;
	}
	bool is_list = it->type == ITEM_CHOICE || it->type == ITEM_MULTI;
	int dir;
	if (is_list && n->kind != YNODE_SEQ)
		ld_error(ld, n, "'better' of a %s item must be a list of its choice ids, not %s",
		         model_item_type_names[it->type], ld_describe(ld, n));
	else if (is_list) {
		it->better = BETTER_CHOICES;
		better_choices(ld, n, it);
	} else if (ld_enum(ld, n, "better", directions, 2, &dir) == 0)
		it->better = dir == 0 ? BETTER_HIGHER : BETTER_LOWER;
}

static void flags(struct ld *ld, const struct ynode **v, struct item *it)
{
	it->is_required = true;
	it->step = it->type == ITEM_NUMBER ? 0.5 : 1;
	if (v[IT_REQUIRED] != NULL)
		ld_bool(ld, v[IT_REQUIRED], "required", &it->is_required);
	if (v[IT_STABLE] != NULL)
		ld_bool(ld, v[IT_STABLE], "stable", &it->is_stable);
	if (v[IT_MODIFIABLE] != NULL)
		ld_bool(ld, v[IT_MODIFIABLE], "modifiable", &it->is_modifiable);
}

static void typed_keys(struct ld *ld, const struct ynode **v, struct item *it)
{
	if (v[IT_MIN] != NULL || v[IT_MAX] != NULL || v[IT_STEP] != NULL)
		range(ld, v, it);
	ld_text(ld, v[IT_UNIT], "unit", &it->unit);
	ld_text(ld, v[IT_UNIT_ONE], "unit_one", &it->unit_one);
	ld_text(ld, v[IT_MIN_LABEL], "min_label", &it->min_label);
	ld_text(ld, v[IT_MAX_LABEL], "max_label", &it->max_label);
	if (v[IT_CHOICES] != NULL)
		choices(ld, v[IT_CHOICES], it);
	long len = 500;
	if (v[IT_MAX_LENGTH] != NULL && ld_whole(ld, v[IT_MAX_LENGTH], "max_length", &len) == 0 &&
	    len < 1)
		ld_error(ld, v[IT_MAX_LENGTH], "'max_length' must be at least 1, not %ld", len);
	it->max_length = len > 0 ? (size_t)len : 500;
}

/* `check: {valid, message}`; valid is compiled in the second pass. */
static void check(struct ld *ld, const struct ynode *n, struct item *it)
{
	const struct ynode *v[CK_NKEYS];
	if (ld_fields(ld, n, KC_CHECK, v) != 0)
		return;
	it->check.pos = n->pos;
	ld->item_valid[it->index] = v[CK_VALID];
	ld_text(ld, v[CK_MESSAGE], "message", &it->check.message);
}

static void grows(struct ld *ld, const struct ynode *n, struct item *it)
{
	static const char *const units[] = { "weeks", "days" };
	int g;
	if (ld_enum(ld, n, "grows", units, 2, &g) == 0)
		it->grows = g == 0 ? GROWS_WEEKS : GROWS_DAYS;
}

static void item(struct ld *ld, const struct ynode *node, size_t section)
{
	const struct ynode *v[IT_NKEYS];
	if (ld_fields(ld, node, KC_ITEM, v) != 0)
		return;
	struct questionnaire *q = ld->q;
	struct item *it = &q->items[q->nitems];
	*it = (struct item){ .id = "", .pos = node->pos, .index = q->nitems, .section = section };
	q->nitems++;
	if (v[IT_ID] != NULL && ld_id(ld, v[IT_ID], "id", &it->id) == 0) {
		if (strcmp(it->id, "outcome") == 0)
			ld_error(ld, v[IT_ID], "'outcome' is reserved for advice conditions and "
			         "cannot be an item id");
		else
			ld_register(ld, MODEL_NS_SYMBOL, v[IT_ID], it->id, 2 * it->index);
	}
	/* An item without a valid type is read as a number, so that its other keys and the
	 * expressions naming it are still checked without a cascade of errors. */
	int type = ITEM_NUMBER;
	if (v[IT_TYPE] != NULL && ld_enum(ld, v[IT_TYPE], "type", model_item_type_names,
	                                  ITEM_TYPES, &type) == 0)
		type_keys(ld, node, (enum item_type)type, v);
	else
		type = ITEM_NUMBER;
	it->type = (enum item_type)type;
	ld_text(ld, v[IT_TEXT], "text", &it->text);
	ld_text(ld, v[IT_HELP], "help", &it->help);
	flags(ld, v, it);
	typed_keys(ld, v, it);
	better(ld, v, it);
	ld->item_when[it->index] = v[IT_WHEN];
	if (v[IT_CHECK] != NULL)
		check(ld, v[IT_CHECK], it);
	if (v[IT_GROWS] != NULL)
		grows(ld, v[IT_GROWS], it);
}

static void section(struct ld *ld, const struct ynode *node)
{
	const struct ynode *v[SEC_NKEYS];
	if (ld_fields(ld, node, KC_SECTION, v) != 0)
		return;
	struct questionnaire *q = ld->q;
	struct section *s = &q->sections[q->nsections];
	*s = (struct section){ .id = "", .pos = node->pos, .first_item = q->nitems };
	q->nsections++;
	if (v[SEC_ID] != NULL && ld_id(ld, v[SEC_ID], "id", &s->id) == 0)
		ld_register(ld, MODEL_NS_SECTION, v[SEC_ID], s->id, q->nsections - 1);
	ld_text(ld, v[SEC_TITLE], "title", &s->title);
	ld_text(ld, v[SEC_INTRODUCTION], "introduction", &s->introduction);
	const struct ynode *items = v[SEC_ITEMS];
	if (items == NULL || ld_seq(ld, items, "items") != 0)
		return;
	if (items->n == 0)
		ld_error(ld, items, "'items' must not be empty");
	for (size_t i = 0; i < items->n; i++)
		item(ld, items->items[i], q->nsections - 1);
	s->nitems = q->nitems - s->first_item;
}

/* An upper bound of the number of items: the lengths of every section's item list. */
static size_t count_items(const struct ynode *seq)
{
	size_t n = 0;
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *items = seq->items[i]->kind == YNODE_MAP ?
		                            yamlio_get(seq->items[i], "items") : NULL;
		if (items != NULL && items->kind == YNODE_SEQ)
			n += items->n;
	}
	return n;
}

void ld_sections(struct ld *ld, const struct ynode *seq)
{
	struct questionnaire *q = ld->q;
	if (ld_seq(ld, seq, "sections") != 0)
		return;
	if (seq->n == 0)
		ld_error(ld, seq, "'sections' must not be empty");
	size_t nitems = count_items(seq);
	/* Every item's id, and every section's, goes into the map: no growing on the way. */
	idmap_reserve(ld->ids, nitems + seq->n);
	q->sections = arena_calloc(ld->a, seq->n, sizeof *q->sections);
	q->items = arena_calloc(ld->a, nitems, sizeof *q->items);
	ld->item_when = arena_calloc(ld->a, nitems, sizeof *ld->item_when);
	ld->item_valid = arena_calloc(ld->a, nitems, sizeof *ld->item_valid);
	ld->choice_when = arena_calloc(ld->a, nitems, sizeof *ld->choice_when);
	for (size_t i = 0; i < seq->n; i++)
		section(ld, seq->items[i]);
}
