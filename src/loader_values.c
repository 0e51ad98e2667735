/*
 * loader_values.c - reading one YAML value as what the format expects there: a string, a
 * number, a whole number, a boolean, an id, a list, one of a few words, or a text in one or
 * more languages. Each reader reports "'KEY' must be ..., not ..." at the value's position and
 * returns -1 when the value does not fit; nothing is stored then.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ctrl.h"
#include "expr.h"
#include "idmap.h"
#include "i18n.h"
#include "loader_int.h"
#include "yamlio.h"
#include "xalloc.h"

struct srcpos ld_textpos(const struct ynode *n, size_t k)
{
	return yamlio_byte_pos(n, k);
}

void ld_error(struct ld *ld, const struct ynode *n, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, gettext(fmt), ap);
	va_end(ap);
	diag_report(ld->d, DIAG_ERROR, n->pos, "%s", buf);
}

const char *ld_describe(struct ld *ld, const struct ynode *n)
{
	switch (n->kind) {
	case YNODE_SEQ:
		return _("a list");
	case YNODE_MAP:
		return _("a mapping");
	case YNODE_SCALAR:
		break;
	}
	if (yamlio_is_null(n))
		return _("nothing");
	if (n->len > 40)
		return arena_printf(ld->a, "'%.37s...'", n->str);
	return arena_printf(ld->a, "'%s'", n->str);
}

int ld_string(struct ld *ld, const struct ynode *n, const char *key, const char **out)
{
	if (n->kind != YNODE_SCALAR || yamlio_is_null(n) || strlen(n->str) != n->len) {
		ld_error(ld, n, "'%s' must be a string, not %s", key, ld_describe(ld, n));
		return -1;
	}
	*out = n->str;
	return 0;
}

int ld_number(struct ld *ld, const struct ynode *n, const char *key, double *out)
{
	if (yamlio_number(n, out) == 0)
		return 0;
	ld_error(ld, n, "'%s' must be a number, not %s", key, ld_describe(ld, n));
	return -1;
}

int ld_whole(struct ld *ld, const struct ynode *n, const char *key, long *out)
{
	double v;
	if (yamlio_number(n, &v) == 0 && v == floor(v) && fabs(v) < 1e15) {
		*out = (long)v;
		return 0;
	}
	ld_error(ld, n, "'%s' must be a whole number, not %s", key, ld_describe(ld, n));
	return -1;
}

int ld_bool(struct ld *ld, const struct ynode *n, const char *key, bool *out)
{
	static const char *const words[] = { "true", "True", "TRUE", "false", "False", "FALSE" };
	for (size_t i = 0; n->kind == YNODE_SCALAR && n->style == YSTYLE_PLAIN && i < 6; i++)
		if (strcmp(n->str, words[i]) == 0) {
			*out = i < 3;
			return 0;
		}
	ld_error(ld, n, "'%s' must be true or false, not %s", key, ld_describe(ld, n));
	return -1;
}

int ld_id(struct ld *ld, const struct ynode *n, const char *key, const char **out)
{
	const char *s;
	if (ld_string(ld, n, key, &s) != 0)
		return -1;
	if (!(s[0] >= 'a' && s[0] <= 'z') ||
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(s)) {
		ld_error(ld, n, "'%s' is not a valid id: use lower-case letters, digits and '_', "
		         "starting with a letter", s);
		return -1;
	}
	if (expr_is_keyword(s, strlen(s))) {
		ld_error(ld, n, "'%s' is a word of the expression language and cannot be an id", s);
		return -1;
	}
	*out = s;
	return 0;
}

int ld_seq(struct ld *ld, const struct ynode *n, const char *key)
{
	if (n->kind == YNODE_SEQ)
		return 0;
	ld_error(ld, n, "'%s' must be a list, not %s", key, ld_describe(ld, n));
	return -1;
}

int ld_enum(struct ld *ld, const struct ynode *n, const char *key, const char *const *names,
            size_t count, int *out)
{
	for (size_t i = 0; i < count; i++)
		if (n->kind == YNODE_SCALAR && strcmp(n->str, names[i]) == 0) {
			*out = (int)i;
			return 0;
		}
	char list[256] = "";
	for (size_t i = 0; i < count; i++) {
		size_t len = strlen(list);
		snprintf(list + len, sizeof list - len, "%s%s",
		         i == 0 ? "" : i + 1 == count ? _(" or ") : ", ", names[i]);
	}
	ld_error(ld, n, "'%s' must be %s, not %s", key, list, ld_describe(ld, n));
	return -1;
}

/* Keeps n to be checked and compiled into *tpl (loader_check.c) once every id is known. */
static void keep_text(struct ld *ld, const struct ynode *n, struct tpl *tpl)
{
	ld->texts = xalloc_grow(ld->texts, &ld->captexts, ld->ntexts + 1, 256, sizeof *ld->texts);
	ld->texts[ld->ntexts++] = (struct ld_text){ n, tpl };
}

static int lang_index(const struct questionnaire *q, const struct ynode *key)
{
	for (size_t i = 0; i < q->nlangs; i++)
		if (strcmp(q->langs[i], key->str) == 0)
			return (int)i;
	return -1;
}

/* Reads {lang: text, ...} into t; returns whether the default language was given at all. */
static bool text_languages(struct ld *ld, const struct ynode *n, const char *key,
                           struct ltext *t)
{
	const struct questionnaire *q = ld->q;
	bool has_default = false;
	for (size_t i = 0; i < n->n; i++) {
		int l = lang_index(q, n->keys[i]);
		const struct ynode *v = n->items[i];
		has_default = has_default || l == 0;
		if (l < 0)
			ld_error(ld, n->keys[i], "'%s' is not a language of this questionnaire "
			         "(see 'languages')", n->keys[i]->str);
		else if (v->kind != YNODE_SCALAR || yamlio_is_null(v))
			ld_error(ld, v, "the '%s' text of '%s' must be a string, not %s",
			         q->langs[l], key, ld_describe(ld, v));
		else if (strlen(v->str) != v->len)
			ld_error(ld, v, "'%s' must not contain a NUL character", key);
		else {
			t->s[l] = v->str;
			keep_text(ld, v, &t->tpl[l]);
		}
	}
	return has_default;
}

int ld_text(struct ld *ld, const struct ynode *n, const char *key, struct ltext *t)
{
	const struct questionnaire *q = ld->q;
	*t = (struct ltext){ 0 };
	if (n == NULL)
		return 0;
	t->pos = n->pos;
	if (n->kind == YNODE_SCALAR && strlen(n->str) != n->len) {
		ld_error(ld, n, "'%s' must not contain a NUL character", key);
		return -1;
	}
	if (n->kind == YNODE_SEQ || yamlio_is_null(n)) {
		ld_error(ld, n, "'%s' must be a text or a mapping of languages to texts, not %s",
		         key, ld_describe(ld, n));
		return -1;
	}
	t->s = arena_calloc(ld->a, q->nlangs, sizeof *t->s);
	t->tpl = arena_calloc(ld->a, q->nlangs, sizeof *t->tpl);
	if (n->kind == YNODE_SCALAR) {
		t->s[0] = n->str;
		keep_text(ld, n, &t->tpl[0]);
	} else if (!text_languages(ld, n, key, t)) {
		ld_error(ld, n, "'%s' has no text in the default language '%s'", key, q->langs[0]);
	}
	for (size_t i = 1; i < q->nlangs; i++)
		if (t->s[i] == NULL)
			diag_warning(ld->d, n->pos, "'%s' has no '%s' translation", key, q->langs[i]);
	/* Never sent raw to a terminal: control characters (lint warns about them) escaped. */
	for (size_t i = 0; i < q->nlangs; i++)
		t->s[i] = ctrl_escape(ld->a, t->s[i], true);
	return 0;
}

/* The position of the node that holds (ns, val) in the model, for duplicate messages. */
static struct srcpos first_pos(const struct questionnaire *q, size_t ns, size_t val)
{
	switch (ns) {
	case MODEL_NS_SYMBOL:
		return val % 2 == 0 ? q->items[val / 2].pos : q->derived[val / 2].pos;
	case MODEL_NS_OUTCOME:
		return q->outcomes[val].pos;
	case MODEL_NS_RULE:
		return q->rules[val].pos;
	case MODEL_NS_SECTION:
		return q->sections[val].pos;
	case MODEL_NS_ADVICE:
		return q->advice[val].pos;
	case MODEL_NS_PROPERTY:
		return q->properties[val].pos;
	default:
		return q->items[ns - MODEL_NS_CHOICE].choices[val].pos;
	}
}

int ld_register(struct ld *ld, size_t ns, const struct ynode *idnode, const char *id,
                size_t val)
{
	size_t old;
	if (idmap_put(ld->ids, ns, id, strlen(id), val, &old) == 0)
		return 0;
	struct srcpos p = first_pos(ld->q, ns, old);
	ld_error(ld, idnode, "duplicate id '%s' (first used at line %d)", id, p.line);
	return -1;
}
