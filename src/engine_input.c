/*
 * engine_input.c - the one validation path: engine_parse() for what a person types and
 * engine_check() for typed values (answers files, front ends after parsing). Both are driven
 * by the item's type through tables; there is no prompt loop here.
 *
 * Messages from engine_parse() are whole sentences for a person ("Please answer y or n.");
 * messages from engine_check() are short clauses that callers prefix with the item's id and
 * position ("11 is above the maximum of 10").
 */
#include "engine.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "ctrl.h"
#include "engine_int.h"
#include "i18n.h"
#include "model.h"
#include "xalloc.h"

struct pctx {
	struct engine *e;
	const struct item *it;
	const char *s;
	size_t len;
	struct value *out;
	char *msg;
	size_t msgsz;
};

static const char *num(double x, char *buf)
{
	engine_format_number(x, buf, 32);
	return buf;
}

/* True when s[0..len) is a decimal number: sign, digits, optional fraction. */
static bool is_decimal(const char *s, size_t len, bool allow_fraction)
{
	size_t i = 0, digits = 0;
	if (i < len && (s[i] == '-' || s[i] == '+'))
		i++;
	for (; i < len && isdigit((unsigned char)s[i]); i++)
		digits++;
	if (allow_fraction && i < len && s[i] == '.')
		for (i++; i < len && isdigit((unsigned char)s[i]); i++)
			digits++;
	return digits > 0 && i == len && digits < 40;
}

static bool to_number(const char *s, size_t len, bool allow_fraction, double *out)
{
	char buf[64];
	if (!is_decimal(s, len, allow_fraction) || len >= sizeof buf)
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	*out = strtod(buf, NULL);
	return isfinite(*out);
}

static int parse_yesno(struct pctx *c)
{
	static const struct { const char *word; bool b; } words[] = {
		{ "y", true }, { "yes", true }, { "true", true },
		{ "n", false }, { "no", false }, { "false", false },
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		if (strlen(words[i].word) == c->len && strncasecmp(c->s, words[i].word, c->len) == 0) {
			*c->out = value_bool(words[i].b);
			return 0;
		}
	int k = i18n_yesno(c->s, c->len);
	if (k >= 0) {
		*c->out = value_bool(k == 1);
		return 0;
	}
	snprintf(c->msg, c->msgsz, "%s", _("Please answer y or n."));
	return -1;
}

static int parse_range(struct pctx *c, bool whole)
{
	char a[32], b[32];
	double x;
	if (to_number(c->s, c->len, !whole, &x) && x >= c->it->min && x <= c->it->max) {
		*c->out = value_num(x);
		return 0;
	}
	snprintf(c->msg, c->msgsz, whole ? _("Please give a whole number from %s to %s.")
	                                 : _("Please give a number from %s to %s."),
	         num(c->it->min, a), num(c->it->max, b));
	return -1;
}

static int parse_int(struct pctx *c)
{
	return parse_range(c, true);
}

static int parse_number(struct pctx *c)
{
	return parse_range(c, false);
}

/* The choice named by word (the number of an offered choice, or an offered choice's id,
 * label or unique id prefix), or -1. */
static long find_choice(const struct engine *e, const struct item *it, const char *w, size_t n)
{
	size_t *offered = xalloc_array(it->nchoices + 1, sizeof *offered);
	size_t noffered = engine_offered(e, it->index, offered);
	double x;
	bool is_number = to_number(w, n, false, &x);
	long found = -1;
	size_t nprefix = 0;
	if (is_number && x >= 1 && x <= (double)noffered)
		found = (long)offered[(size_t)x - 1];
	for (size_t j = 0; j < noffered && !is_number; j++) {
		size_t k = offered[j];
		const char *id = it->choices[k].id;
		const char *label = model_text(e->q, &it->choices[k].label, e->lang);
		if ((strlen(id) == n && strncasecmp(id, w, n) == 0) ||
		    (strlen(label) == n && strncasecmp(label, w, n) == 0)) {
			found = (long)k;
			nprefix = 0;
			break;
		}
		if (strncasecmp(id, w, n) == 0 && nprefix++ == 0)
			found = (long)k;
	}
	free(offered);
	return nprefix > 1 ? -1 : found;
}

static int parse_choice(struct pctx *c)
{
	long k = find_choice(c->e, c->it, c->s, c->len);
	if (k >= 0) {
		*c->out = value_choice((unsigned)k);
		return 0;
	}
	snprintf(c->msg, c->msgsz, _("Please choose 1 to %zu, or type the name of a choice."),
	         engine_offered(c->e, c->it->index, NULL));
	return -1;
}

/* Reads the next word of a list separated by commas or spaces; returns its length. */
static size_t next_word(const char **p, const char *end)
{
	while (*p < end && (**p == ',' || isspace((unsigned char)**p)))
		(*p)++;
	const char *start = *p;
	while (*p < end && **p != ',' && !isspace((unsigned char)**p))
		(*p)++;
	return (size_t)(*p - start);
}

/* Adds to *set the choices that one comma-separated part of a multiple-choice answer names:
 * the whole part when it is one choice (a label of several words, "none of these"), else
 * each of its words ("1 3", "fever chest"). Returns false when something is not a choice. */
static bool add_part(struct pctx *c, const char *s, size_t n, uint64_t *set)
{
	while (n > 0 && isspace((unsigned char)*s))
		s++, n--;
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	long k = n > 0 ? find_choice(c->e, c->it, s, n) : -1;
	if (k >= 0 && k < VALUE_SET_MAX) {
		*set |= (uint64_t)1 << k;
		return true;
	}
	const char *p = s, *end = s + n;
	size_t w;
	bool ok = true;
	while ((w = next_word(&p, end)) > 0) {
		k = find_choice(c->e, c->it, p - w, w);
		if (k < 0 || k >= VALUE_SET_MAX)
			ok = false;
		else
			*set |= (uint64_t)1 << k;
	}
	return ok;
}

static int parse_multi(struct pctx *c)
{
	uint64_t set = 0;
	const char *p = c->s, *end = c->s + c->len;
	bool ok = true;
	while (p < end) {
		const char *comma = memchr(p, ',', (size_t)(end - p));
		const char *stop = comma != NULL ? comma : end;
		ok = add_part(c, p, (size_t)(stop - p), &set) && ok;
		p = comma != NULL ? comma + 1 : end;
	}
	if (!ok || set == 0) {
		snprintf(c->msg, c->msgsz, _("Please choose one or more of 1 to %zu, separated by "
		                             "commas, or type their names."),
		         engine_offered(c->e, c->it->index, NULL));
		return -1;
	}
	for (size_t k = 0; k < c->it->nchoices; k++)
		if (c->it->choices[k].is_exclusive && (set & (uint64_t)1 << k) &&
		    (set & ~((uint64_t)1 << k))) {
			snprintf(c->msg, c->msgsz, _("\"%s\" cannot be chosen together with other "
			                             "answers."),
			         model_text(c->e->q, &c->it->choices[k].label, c->e->lang));
			return -1;
		}
	*c->out = value_set(set);
	return 0;
}

static int parse_text(struct pctx *c)
{
	if (ctrl_find(c->s, c->len, false, NULL) < c->len) {
		snprintf(c->msg, c->msgsz, "%s",
		         _("That answer has control characters in it. Please type it again."));
		return -1;
	}
	if (c->len > c->it->max_length) {
		snprintf(c->msg, c->msgsz, ngettext("Please keep your answer to %zu character or "
		                                    "fewer.", "Please keep your answer to %zu "
		                                    "characters or fewer.", c->it->max_length),
		         c->it->max_length);
		return -1;
	}
	*c->out = value_str(arena_strndup(c->e->arena, c->s, c->len));
	return 0;
}

static int parse_note(struct pctx *c)
{
	*c->out = value_bool(true);
	return 0;
}

static int (*const parsers[ITEM_TYPES])(struct pctx *) = {
	[ITEM_YESNO] = parse_yesno,
	[ITEM_CHOICE] = parse_choice,
	[ITEM_MULTI] = parse_multi,
	[ITEM_INT] = parse_int,
	[ITEM_NUMBER] = parse_number,
	[ITEM_SCALE] = parse_int,
	[ITEM_TEXT] = parse_text,
	[ITEM_NOTE] = parse_note,
};

int engine_parse(struct engine *e, size_t item, const char *input, struct value *out,
                 char *msg, size_t msgsz)
{
	if (item >= e->q->nitems) {
		snprintf(msg, msgsz, "%s", _("There is no such question."));
		return -1;
	}
	const struct item *it = &e->q->items[item];
	size_t len = strlen(input);
	while (len > 0 && isspace((unsigned char)input[len - 1]))
		len--;
	while (len > 0 && isspace((unsigned char)*input)) {
		input++;
		len--;
	}
	if (len == 0 && it->type != ITEM_NOTE) {
		snprintf(msg, msgsz, "%s", _("Please type an answer."));
		return -1;
	}
	struct pctx c = { e, it, input, len, out, msg, msgsz };
	if (parsers[it->type](&c) != 0)
		return -1;
	return engine_check_answer(e, item, *out, msg, msgsz);
}

/* --- engine_check ------------------------------------------------------------------------ */

struct cctx {
	const struct engine *e;
	const struct item *it;
	struct value v;
	char *msg;
	size_t msgsz;
};

static int check_yesno(struct cctx *c)
{
	if (c->v.kind == VAL_BOOL)
		return 0;
	snprintf(c->msg, c->msgsz, "expected true or false (or yes or no)");
	return -1;
}

static int check_range(struct cctx *c, bool whole)
{
	char a[32], b[32];
	if (c->v.kind != VAL_NUM || !isfinite(c->v.u.num)) {
		snprintf(c->msg, c->msgsz, "expected a %s", whole ? "whole number" : "number");
		return -1;
	}
	double x = c->v.u.num;
	if (whole && x != floor(x))
		snprintf(c->msg, c->msgsz, "%s is not a whole number", num(x, a));
	else if (x > c->it->max)
		snprintf(c->msg, c->msgsz, "%s is above the maximum of %s", num(x, a),
		         num(c->it->max, b));
	else if (x < c->it->min)
		snprintf(c->msg, c->msgsz, "%s is below the minimum of %s", num(x, a),
		         num(c->it->min, b));
	else
		return 0;
	return -1;
}

static int check_int(struct cctx *c)
{
	return check_range(c, true);
}

static int check_number(struct cctx *c)
{
	return check_range(c, false);
}

static int check_choice(struct cctx *c)
{
	if (c->v.kind == VAL_CHOICE && c->v.u.choice < c->it->nchoices)
		return 0;
	snprintf(c->msg, c->msgsz, "expected one of the choices");
	return -1;
}

static int check_multi(struct cctx *c)
{
	size_t n = c->it->nchoices;
	uint64_t all = n >= VALUE_SET_MAX ? UINT64_MAX : ((uint64_t)1 << n) - 1;
	if (c->v.kind != VAL_SET || (c->v.u.set & ~all)) {
		snprintf(c->msg, c->msgsz, "expected a list of choices");
		return -1;
	}
	if (c->v.u.set == 0) {
		snprintf(c->msg, c->msgsz, "the list is empty; choose at least one answer");
		return -1;
	}
	for (size_t k = 0; k < n; k++) {
		uint64_t bit = (uint64_t)1 << k;
		if (c->it->choices[k].is_exclusive && (c->v.u.set & bit) && (c->v.u.set & ~bit)) {
			snprintf(c->msg, c->msgsz, "'%s' cannot be chosen together with other answers",
			         c->it->choices[k].id);
			return -1;
		}
	}
	return 0;
}

static int check_text(struct cctx *c)
{
	if (c->v.kind != VAL_STR) {
		snprintf(c->msg, c->msgsz, "expected text");
		return -1;
	}
	size_t n = strlen(c->v.u.str);
	unsigned code;
	if (ctrl_find(c->v.u.str, n, false, &code) < n) {
		snprintf(c->msg, c->msgsz, "the answer has a control character (U+%04X) in it; "
		         "answers are plain text", code);
		return -1;
	}
	if (n <= c->it->max_length)
		return 0;
	snprintf(c->msg, c->msgsz, "the answer is %zu bytes long; the most is %zu", n,
	         c->it->max_length);
	return -1;
}

static int check_note(struct cctx *c)
{
	if (c->v.kind == VAL_BOOL && c->v.u.b)
		return 0;
	snprintf(c->msg, c->msgsz, "a note takes no answer");
	return -1;
}

static int (*const checkers[ITEM_TYPES])(struct cctx *) = {
	[ITEM_YESNO] = check_yesno,
	[ITEM_CHOICE] = check_choice,
	[ITEM_MULTI] = check_multi,
	[ITEM_INT] = check_int,
	[ITEM_NUMBER] = check_number,
	[ITEM_SCALE] = check_int,
	[ITEM_TEXT] = check_text,
	[ITEM_NOTE] = check_note,
};

int engine_check(const struct engine *e, size_t item, struct value v, char *msg, size_t msgsz)
{
	if (item >= e->q->nitems) {
		snprintf(msg, msgsz, "no such item");
		return -1;
	}
	struct cctx c = { e, &e->q->items[item], v, msg, msgsz };
	return checkers[c.it->type](&c);
}

/* --- Answers that must fit the others ------------------------------------------------------ */

size_t engine_offered(const struct engine *e, size_t item, size_t *choices)
{
	size_t n = 0;
	if (item >= e->q->nitems)
		return 0;
	for (size_t k = 0; k < e->q->items[item].nchoices; k++)
		if (eng_offered(e->q, &e->st, item, k)) {
			if (choices != NULL)
				choices[n] = k;
			n++;
		}
	return n;
}

bool engine_is_offered(const struct engine *e, size_t item, size_t k)
{
	return item < e->q->nitems && k < e->q->items[item].nchoices &&
	       eng_offered(e->q, &e->st, item, k);
}

/* One line: the check's message filled over s, with line breaks made spaces. */
static void check_message(struct engine *e, const struct eng_state *s, const struct item *it,
                          char *msg, size_t msgsz)
{
	struct arena *a = arena_new();
	snprintf(msg, msgsz, "%s", eng_fill(e, a, s, &it->check.message));
	arena_free(a);
	for (char *p = msg; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	size_t len = strlen(msg);
	while (len > 0 && msg[len - 1] == ' ')
		msg[--len] = '\0';
}

int engine_check_answer(struct engine *e, size_t item, struct value v, char *msg, size_t msgsz)
{
	const struct questionnaire *q = e->q;
	if (item >= q->nitems)
		return 0;
	struct eng_state s = e->st;
	s.answers = xalloc_array(q->nitems + 1, sizeof *s.answers);
	s.derived = xalloc_array(q->nderived + 1, sizeof *s.derived);
	memcpy(s.answers, e->st.answers, q->nitems * sizeof *s.answers);
	s.answers[item] = v;
	eng_derive(q, &s);
	int fit = eng_fits(q, &s, item);
	if (fit > 0)
		snprintf(msg, msgsz, "'%s' is not offered with these answers",
		         q->items[item].choices[fit - 1].id);
	else if (fit < 0)
		check_message(e, &s, &q->items[item], msg, msgsz);
	free(s.answers);
	free(s.derived);
	return fit == 0 ? 0 : -1;
}
