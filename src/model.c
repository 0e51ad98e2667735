/*
 * model.c - reading a loaded questionnaire: texts by language, look-ups by id.
 * The model is immutable; every function here only reads it.
 */
#include "model.h"

#include <string.h>

#include "idmap.h"

const char *const model_item_type_names[ITEM_TYPES] = {
	[ITEM_YESNO] = "yesno",
	[ITEM_CHOICE] = "choice",
	[ITEM_MULTI] = "multi",
	[ITEM_INT] = "int",
	[ITEM_NUMBER] = "number",
	[ITEM_SCALE] = "scale",
	[ITEM_TEXT] = "text",
	[ITEM_NOTE] = "note",
};

const char *model_text(const struct questionnaire *q, const struct ltext *t, size_t lang)
{
	if (t->s == NULL)
		return "";
	if (lang < q->nlangs && t->s[lang] != NULL)
		return t->s[lang];
	return t->s[0] != NULL ? t->s[0] : "";
}

const struct tpl *model_template(const struct questionnaire *q, const struct ltext *t,
                                 size_t lang)
{
	static const struct tpl empty = { NULL, 0 };
	if (t->s == NULL || t->tpl == NULL)
		return &empty;
	if (lang < q->nlangs && t->s[lang] != NULL)
		return &t->tpl[lang];
	return &t->tpl[0];
}

const char *model_unit(const struct questionnaire *q, const struct item *it, double n,
                       size_t lang)
{
	if (n == 1 && it->unit_one.s != NULL)
		return model_text(q, &it->unit_one, lang);
	return model_text(q, &it->unit, lang);
}

bool model_find_lang(const struct questionnaire *q, const char *name, size_t *index)
{
	if (name == NULL)
		return false;
	for (size_t i = 0; i < q->nlangs; i++)
		if (strcmp(q->langs[i], name) == 0)
			return *index = i, true;
	for (size_t i = 0; i < q->nlangs; i++)
		if (strlen(q->langs[i]) == 2 && strncmp(q->langs[i], name, 2) == 0 &&
		    (name[2] == '\0' || name[2] == '_' || name[2] == '-' || name[2] == '.' ||
		     name[2] == '@'))
			return *index = i, true;
	return false;
}

size_t model_lang(const struct questionnaire *q, const char *name)
{
	size_t i = 0;
	return model_find_lang(q, name, &i) ? i : 0;
}

/* The index of id in namespace ns, or -1. */
static long lookup(const struct questionnaire *q, size_t ns, const char *id)
{
	size_t v;
	if (q->ids == NULL || id == NULL || idmap_get(q->ids, ns, id, strlen(id), &v) != 0)
		return -1;
	return (long)v;
}

const struct item *model_item(const struct questionnaire *q, const char *id)
{
	long v = lookup(q, MODEL_NS_SYMBOL, id);
	return v >= 0 && v % 2 == 0 ? &q->items[v / 2] : NULL;
}

const struct derived *model_derived(const struct questionnaire *q, const char *id)
{
	long v = lookup(q, MODEL_NS_SYMBOL, id);
	return v >= 0 && v % 2 == 1 ? &q->derived[v / 2] : NULL;
}

const struct outcome *model_outcome(const struct questionnaire *q, const char *id)
{
	long v = lookup(q, MODEL_NS_OUTCOME, id);
	return v >= 0 ? &q->outcomes[v] : NULL;
}

int model_choice(const struct item *it, const char *id)
{
	for (size_t i = 0; id != NULL && i < it->nchoices; i++)
		if (strcmp(it->choices[i].id, id) == 0)
			return (int)i;
	return -1;
}

bool model_is_alert_outcome(const struct questionnaire *q, size_t o)
{
	return q->has_alert_severity && o < q->noutcomes &&
	       q->outcomes[o].severity >= q->alert_severity;
}

bool model_is_alert_rule(const struct questionnaire *q, size_t r)
{
	return r < q->nrules && model_is_alert_outcome(q, q->rules[r].outcome);
}

bool model_has_action(const struct rule *r)
{
	return r->action.s != NULL || r->naction_parts > 0;
}
