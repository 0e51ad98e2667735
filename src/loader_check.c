/*
 * loader_check.c - placeholders in texts: `{id}` quotes an item's answer or a derived value,
 * `{id.label}` the label of a choice (choice and multi items only), `{id.unit}` the unit of a
 * number item for its answer ("day" after 1, else "days"); `{{` and `}}` are literal
 * braces. Every text of every language is checked once all ids are known, and compiled into
 * the parts filling it walks (struct tpl): this is the one place that parses the grammar.
 */
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ctrl.h"
#include "idmap.h"
#include "loader_int.h"
#include "suggest.h"
#include "xalloc.h"
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
static bool unit_field(struct ld *ld, struct srcpos pos, const char *ph, int n,
                       const struct item *it)
{
	if (it == NULL)
		diag_error(ld->d, pos, "placeholder '{%.*s}': '.unit' is for items with a unit, not "
		           "derived values", n, ph);
	else if (it->unit.s == NULL)
		diag_error(ld->d, pos, "placeholder '{%.*s}': '%s' is a %s item without a unit; "
		           "'.unit' is for int, number and scale items with one", n, ph, it->id,
		           model_item_type_names[it->type]);
	return it != NULL && it->unit.s != NULL;
}

/* The field of an item placeholder after its dot (dot NULL: none); reports a misfit. */
static bool item_field(struct ld *ld, struct srcpos pos, const char *ph, size_t len,
                       const char *dot, size_t idlen, const struct item *it)
{
	int n = (int)len;
	if (dot != NULL && !is_field(dot, len - idlen, ".label"))
		diag_error(ld->d, pos, "placeholder '{%.*s}' has an unknown field '%.*s'; only "
		           "'.label' and '.unit' are allowed", n, ph, (int)(len - idlen - 1), dot + 1);
	else if (dot != NULL && it == NULL)
		diag_error(ld->d, pos, "placeholder '{%.*s}': '%.*s' is a derived value and has "
		           "no label; '.label' is for choice and multi items", n, ph, (int)idlen, ph);
	else if (dot != NULL && it->type != ITEM_CHOICE && it->type != ITEM_MULTI)
		diag_error(ld->d, pos, "placeholder '{%.*s}': '%s' is a %s item and has no "
		           "label; '.label' is for choice and multi items", n, ph, it->id,
		           model_item_type_names[it->type]);
	else
		return true;
	return false;
}

/* ph[0..len) is what stands between the braces; pos is the position of the '{'. Fills out
 * with what it names and returns true, or reports why it names nothing. */
static bool placeholder(struct ld *ld, struct srcpos pos, const char *ph, size_t len,
                        struct tpl_part *out)
{
	const struct questionnaire *q = ld->q;
	const char *dot = memchr(ph, '.', len);
	size_t idlen = dot != NULL ? (size_t)(dot - ph) : len;
	int n = (int)len;
	size_t v;
	if (idlen == 0) {
		diag_error(ld->d, pos, "placeholder '{%.*s}' names no id (write '{{' for a "
		           "literal brace)", n, ph);
		return false;
	}
	if (idmap_get(ld->ids, MODEL_NS_SYMBOL, ph, idlen, &v) != 0) {
		unknown_id(ld, pos, ph, n, ph, idlen);
		return false;
	}
	const struct item *it = v % 2 == 0 ? &q->items[v / 2] : NULL;
	*out = (struct tpl_part){ it == NULL ? TPL_DERIVED : dot == NULL ? TPL_ITEM : TPL_LABEL,
	                          NULL, 0, v / 2 };
	if (it != NULL && it->type == ITEM_NOTE) {
		diag_error(ld->d, pos, "placeholder '{%.*s}': '%s' is a note and has no answer", n,
		           ph, it->id);
		return false;
	}
	if (is_field(dot, len - idlen, ".unit")) {
		out->kind = TPL_UNIT;
		return unit_field(ld, pos, ph, n, it);
	}
	return item_field(ld, pos, ph, len, dot, idlen, it);
}

/* The parts of a text as they are compiled (malloc'ed; moved into the arena at the end). */
struct parts {
	struct tpl_part *v;
	size_t n, cap;
};

static void add_part(struct parts *p, struct tpl_part part)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 8;
		p->v = xalloc_resize(p->v, p->cap, sizeof *p->v);
	}
	p->v[p->n++] = part;
}

/* s[from..to) as literal text, its control characters escaped as the text's are. */
static void add_text(struct ld *ld, struct parts *p, const char *s, size_t from, size_t to)
{
	if (to <= from)
		return;
	const char *t = ctrl_escape(ld->a, arena_strndup(ld->a, s + from, to - from), true);
	add_part(p, (struct tpl_part){ TPL_TEXT, t, strlen(t), 0 });
}

/* Moves p's parts into the model's arena as *out. */
static void finish(struct ld *ld, struct parts *p, struct tpl *out)
{
	struct tpl_part *v = arena_calloc(ld->a, p->n ? p->n : 1, sizeof *v);
	if (p->n > 0)
		memcpy(v, p->v, p->n * sizeof *v);
	*out = (struct tpl){ v, p->n };
	free(p->v);
}

static void check_text(struct ld *ld, const struct ld_text *lt)
{
	const struct ynode *t = lt->node;
	const char *s = t->str;
	struct parts p = { NULL, 0, 0 };
	size_t start = 0;
	unsigned code = 0;
	size_t at = ctrl_find(s, t->len, true, &code);
	const char *escape = code < 0x80 ? "\\x" : "\\u00";
	if (at < t->len)
		diag_warning(ld->d, ld_textpos(t, at), "control character U+%04X in a text; it would "
		             "be shown as the escape %s%02X", code, escape, code);
	for (size_t i = 0; i < t->len; i++) {
		if ((s[i] == '{' || s[i] == '}') && i + 1 < t->len && s[i + 1] == s[i]) {
			add_text(ld, &p, s, start, i + 1);
			start = ++i + 1;
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
		struct tpl_part part;
		if (placeholder(ld, ld_textpos(t, i), s + i + 1, j - i - 1, &part)) {
			add_text(ld, &p, s, start, i);
			add_part(&p, part);
			start = j + 1;
		}
		i = j;
	}
	add_text(ld, &p, s, start, t->len);
	finish(ld, &p, lt->tpl);
}

void ld_check_placeholders(struct ld *ld)
{
	for (size_t i = 0; i < ld->ntexts; i++)
		check_text(ld, &ld->texts[i]);
}
