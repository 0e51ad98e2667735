/*
 * loader_check.c - placeholders in texts: `{id}` quotes an item's answer or a derived value,
 * `{id.label}` the label of a choice (choice and multi items only), `{id.unit}` the unit of a
 * number item for its answer ("day" after 1, else "days"); `{{` and `}}` are literal
 * braces. Every text of every language is checked once all ids are known.
 */
#include <string.h>

#include "ctrl.h"
#include "idmap.h"
#include "loader_int.h"
#include "suggest.h"
#include "yamlio.h"

static void unknown_id(struct ld *ld, struct srcpos pos, const char *ph, int phlen,
                       const char *id, size_t len)
{
	const struct questionnaire *q = ld->q;
	struct suggest s;
	suggest_init(&s, id, len);
	for (size_t i = 0; i < q->nitems && !diag_is_full(ld->d); i++)
		suggest_consider(&s, q->items[i].id);
	for (size_t i = 0; i < q->nderived && !diag_is_full(ld->d); i++)
		suggest_consider(&s, q->derived[i].id);
	if (suggest_result(&s) != NULL)
		diag_error(ld->d, pos, "unknown id '%.*s' in placeholder '{%.*s}'; did you mean "
		           "'%s'?", (int)len, id, phlen, ph, suggest_result(&s));
	else
		diag_error(ld->d, pos, "unknown id '%.*s' in placeholder '{%.*s}'", (int)len, id,
		           phlen, ph);
}

static bool is_field(const char *dot, size_t n, const char *field)
{
	return dot != NULL && n == strlen(field) && memcmp(dot, field, n) == 0;
}

/* {id.unit}: a number item (int, number, scale) that has a unit. */
static void unit_field(struct ld *ld, struct srcpos pos, const char *ph, int n,
                       const struct item *it)
{
	if (it == NULL)
		diag_error(ld->d, pos, "placeholder '{%.*s}': '.unit' is for items with a unit, not "
		           "derived values", n, ph);
	else if (it->unit.s == NULL)
		diag_error(ld->d, pos, "placeholder '{%.*s}': '%s' is a %s item without a unit; "
		           "'.unit' is for int, number and scale items with one", n, ph, it->id,
		           model_item_type_names[it->type]);
}

/* ph[0..len) is what stands between the braces; pos is the position of the '{'. */
static void placeholder(struct ld *ld, struct srcpos pos, const char *ph, size_t len)
{
	const struct questionnaire *q = ld->q;
	const char *dot = memchr(ph, '.', len);
	size_t idlen = dot != NULL ? (size_t)(dot - ph) : len;
	int n = (int)len;
	size_t v;
	if (idlen == 0) {
		diag_error(ld->d, pos, "placeholder '{%.*s}' names no id (write '{{' for a "
		           "literal brace)", n, ph);
		return;
	}
	if (idmap_get(ld->ids, MODEL_NS_SYMBOL, ph, idlen, &v) != 0) {
		unknown_id(ld, pos, ph, n, ph, idlen);
		return;
	}
	const struct item *it = v % 2 == 0 ? &q->items[v / 2] : NULL;
	if (it != NULL && it->type == ITEM_NOTE)
		diag_error(ld->d, pos, "placeholder '{%.*s}': '%s' is a note and has no answer", n,
		           ph, it->id);
	else if (is_field(dot, len - idlen, ".unit"))
		unit_field(ld, pos, ph, n, it);
	else if (dot != NULL && !is_field(dot, len - idlen, ".label"))
		diag_error(ld->d, pos, "placeholder '{%.*s}' has an unknown field '%.*s'; only "
		           "'.label' and '.unit' are allowed", n, ph, (int)(len - idlen - 1), dot + 1);
	else if (dot != NULL && it == NULL)
		diag_error(ld->d, pos, "placeholder '{%.*s}': '%.*s' is a derived value and has "
		           "no label; '.label' is for choice and multi items", n, ph, (int)idlen, ph);
	else if (dot != NULL && it->type != ITEM_CHOICE && it->type != ITEM_MULTI)
		diag_error(ld->d, pos, "placeholder '{%.*s}': '%s' is a %s item and has no "
		           "label; '.label' is for choice and multi items", n, ph, it->id,
		           model_item_type_names[it->type]);
}

static void check_text(struct ld *ld, const struct ynode *t)
{
	const char *s = t->str;
	unsigned code;
	size_t at = ctrl_find(s, t->len, true, &code);
	if (at < t->len)
		diag_warning(ld->d, ld_textpos(t, at), "control character U+%04X in a text; it would "
		             "be shown as the escape %s%02X", code, code < 0x80 ? "\\x" : "\\u00",
		             code);
	for (size_t i = 0; i < t->len; i++) {
		if ((s[i] == '{' || s[i] == '}') && i + 1 < t->len && s[i + 1] == s[i]) {
			i++;
			continue;
		}
		if (s[i] == '}') {
			diag_error(ld->d, ld_textpos(t, i), "'}' without '{' (write '}}' for a "
			           "literal brace)");
			continue;
		}
		if (s[i] != '{')
			continue;
		size_t j = i + 1;
		while (j < t->len && s[j] != '}' && s[j] != '{' && s[j] != '\n')
			j++;
		if (j == t->len || s[j] != '}') {
			diag_error(ld->d, ld_textpos(t, i), "unclosed '{' (write '{{' for a "
			           "literal brace)");
			continue;
		}
		placeholder(ld, ld_textpos(t, i), s + i + 1, j - i - 1);
		i = j;
	}
}

void ld_check_placeholders(struct ld *ld)
{
	for (size_t i = 0; i < ld->ntexts; i++)
		check_text(ld, ld->texts[i]);
}
