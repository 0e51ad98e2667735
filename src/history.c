/*
 * history.c - the texts people read of their stored checks (see history.h): the list with
 * its sparklines, one check as it was, and what changed between two. The commands that
 * choose the records and print these (history, show, compare, delete, export) are in
 * cmd_records.c; the records arrive read and checked by the store (store_record.c).
 * Invariant: nothing here reads or writes a file but the output stream.
 */
#include "history.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "cli.h"
#include "diag.h"
#include "engine.h"
#include "i18n.h"
#include "model.h"
#include "render.h"
#include "store.h"
#include "ui.h"
#include "wrap.h"
#include "yamlio.h"
#include "xalloc.h"

/* "28 Nov 2026 09:15" from "2026-11-28T09:15:30+00:00"; a time that is not one as it is. */
static void when_text(const char *rfc, char *buf, size_t sz)
{
	if (render_day(rfc, RENDER_DAY_MONTH_YEAR_TIME, buf, sz) == NULL)
		snprintf(buf, sz, "%s", rfc);
}

void history_score_change(const struct store_score *s, double from, double to, char *buf,
                          size_t sz)
{
	char a[32], b[32];
	engine_format_number(from, a, sizeof a);
	engine_format_number(to, b, sizeof b);
	bool is_better = s->higher_is == STORE_HIGHER_WORSE ? to < from : to > from;
	if (to == from)
		snprintf(buf, sz, _("%s -> %s, no change"), a, b);
	else if (s->higher_is != STORE_HIGHER_WORSE && s->higher_is != STORE_HIGHER_BETTER)
		snprintf(buf, sz, "%s -> %s", a, b);
	else if (is_better)
		snprintf(buf, sz, _("%s -> %s, better"), a, b);
	else
		snprintf(buf, sz, _("%s -> %s, worse"), a, b);
}

/* --- History -------------------------------------------------------------------------------- */

static void scores_line(const struct store_record *r, int width, FILE *out)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = xalloc_memstream(&buf, &len);
	for (size_t i = 0; i < r->nscores; i++) {
		char v[32];
		engine_format_number(r->scores[i].value, v, sizeof v);
		fprintf(m, "%s%s %s", i ? ", " : "", r->scores[i].title, v);
	}
	fclose(m);
	char *w = wrap_string(buf, width > 0 ? (size_t)width : 80, 4);
	fprintf(out, "%s\n", w != NULL ? w : buf);
	free(w);
	free(buf);
}

/* The level 0..7 of v among the score's range, or among lo..hi seen when it has none. */
static int level(const struct store_score *s, double v, double lo, double hi)
{
	if (s->max > s->min)
		lo = s->min, hi = s->max;
	if (hi <= lo)
		return 3;
	/* Clamped before the cast: a value far outside the range does not fit an int. */
	double k = floor((v - lo) / (hi - lo) * 8);
	return !(k > 0) ? 0 : k > 7 ? 7 : (int)k;
}

/* One sparkline for score id over every record that has it. */
static void sparkline(const struct store_record *r, size_t n, const char *id, bool is_plain,
                      FILE *out)
{
	static const char *const blocks[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	static const char ascii[] = "_.-=+*#@";
	const struct store_score *last = NULL, *first = NULL;
	double lo = INFINITY, hi = -INFINITY;
	size_t count = 0;
	for (size_t i = 0; i < n; i++) {
		const struct store_score *s = store_record_score(&r[i], id);
		if (s == NULL)
			continue;
		count++;
		first = first ? first : s;
		last = s;
		lo = fmin(lo, s->value);
		hi = fmax(hi, s->value);
	}
	if (first == NULL || last == NULL)
		return;
	fprintf(out, "  %-24s ", last->title);
	for (size_t i = 0; i < n; i++) {
		const struct store_score *s = store_record_score(&r[i], id);
		int k = s ? level(last, s->value, lo, hi) : -1;
		if (k < 0)
			fputc(' ', out);
		else if (is_plain)
			fputc(ascii[k], out);
		else
			fputs(blocks[k], out);
	}
	char change[96];
	if (count == 1) {
		engine_format_number(last->value, change, sizeof change);
		fprintf(out, "  %s (one check so far)\n", change);
		return;
	}
	history_score_change(last, first->value, last->value, change, sizeof change);
	fprintf(out, "  %s\n", change);
}

/* Whether the score id appears in a record before index i (so it has its line already). */
static bool seen_before(const struct store_record *r, size_t i, const char *id)
{
	for (size_t k = 0; k < i; k++)
		if (store_record_score(&r[k], id) != NULL)
			return true;
	return false;
}

/* "  ID  DATE  OUTCOME", the outcome's title wrapped under itself to width columns. */
static void entry_line(const struct store_record *r, const char *when, int width, FILE *out)
{
	char head[64];
	int n = snprintf(head, sizeof head, "  %-18s %-18s ", r->id, when);
	size_t room = width > n + 20 ? (size_t)(width - n) : 20;
	char *w = wrap_string(r->outcome_title, room, 0);
	const char *p = w != NULL ? w : r->outcome_title;
	fputs(head, out);
	for (const char *nl; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
		fprintf(out, "%.*s\n%*s", (int)(nl - p), p, n, "");
	fprintf(out, "%s\n", p);
	free(w);
}

void history_list_text(const struct store_record *r, size_t n, bool is_plain, int width,
                       FILE *out)
{
	if (n == 0) {
		fputs(_("You have no saved checks yet.\n"), out);
		return;
	}
	fprintf(out, _("Your checks, oldest first (%zu):\n\n"), n);
	for (size_t i = 0; i < n; i++) {
		char when[64];
		when_text(r[i].generated_at, when, sizeof when);
		entry_line(&r[i], when, width, out);
		if (r[i].nscores > 0)
			scores_line(&r[i], width, out);
	}
	bool is_first = true;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < r[i].nscores; k++) {
			if (seen_before(r, i, r[i].scores[k].id))
				continue;
			if (is_first)
				fputs(_("\nYour scores over time, oldest to newest:\n"), out);
			is_first = false;
			sparkline(r, n, r[i].scores[k].id, is_plain, out);
		}
}

/* --- Show ----------------------------------------------------------------------------------- */

/* A value as text: a scalar, a list joined with ", ", null as "not answered". */
static void value_text(const struct ynode *v, FILE *out)
{
	if (v == NULL || yamlio_is_null(v)) {
		fputs(_("not answered"), out);
	} else if (v->kind == YNODE_SCALAR) {
		fputs(v->str, out);
	} else if (v->kind == YNODE_SEQ) {
		for (size_t i = 0; i < v->n; i++) {
			fputs(i ? ", " : "", out);
			value_text(v->items[i], out);
		}
	} else {
		fputs(_("(a mapping)"), out);
	}
}

/* The item of q called id, or NULL (no questionnaire, or the item is gone). */
static const struct item *item_of(const struct questionnaire *q, const char *id)
{
	return q != NULL ? model_item(q, id) : NULL;
}

static void answer_words(const struct questionnaire *q, size_t lang, const struct item *it,
                         const struct ynode *v, FILE *out);

/* An answer's heading: its question wrapped to width, or its id (padded) when q does not know
 * the item; the answer follows on the next line, or on the same line after the id. */
static void answer_heading(const struct questionnaire *q, size_t lang, const struct item *it,
                           const char *id, int width, FILE *out)
{
	if (it == NULL) {
		fprintf(out, "  %-24s ", id);
		return;
	}
	wrap_write(out, model_text(q, &it->text, lang), width, "  ", "  ");
	fputs("    ", out);
}

/* Prints "  * TEXT" for each line, wrapped, under heading; nothing when there are none. */
static void bullets(const struct store_lines *lines, const char *heading, int width, FILE *out)
{
	if (lines->n == 0)
		return;
	fprintf(out, "\n%s\n", heading);
	for (size_t i = 0; i < lines->n; i++) {
		char *line = NULL;
		size_t len = 0;
		FILE *f = xalloc_memstream(&line, &len);
		if (lines->v[i].is_decisive)
			fprintf(f, _("%s (this decided it)"), lines->v[i].text);
		else
			fputs(lines->v[i].text, f);
		fclose(f);
		wrap_write(out, line, width, "  * ", "    ");
		free(line);
	}
}

/* text (when the record gives it) as a wrapped paragraph after label's lines. */
static void paragraph(const char *text, const char *label, int width, FILE *out)
{
	if (text == NULL)
		return;
	fputs(label, out);
	wrap_write(out, text, width, "", "");
}

static void show_head(const struct store_record *r, int width, FILE *out)
{
	char when[64];
	when_text(r->generated_at, when, sizeof when);
	fprintf(out, _("Check %s, %s\n"), r->id, when);
	fprintf(out, _("Questionnaire: %s%s%s\n"), r->questionnaire_id,
	        r->questionnaire_version ? " " : "",
	        r->questionnaire_version ? r->questionnaire_version : "");
	fprintf(out, _("\nOutcome: %s\n"), r->outcome_title);
	paragraph(r->outcome_summary, "", width, out);
}

/* Each stored answer: its question (its id when q does not know it) and the answer in words. */
static void answers_text(const struct store_record *r, const struct questionnaire *q,
                         size_t lang, int width, FILE *out)
{
	if (r->answers == NULL || r->answers->n == 0)
		return;
	fputs(_("\nYour answers:\n"), out);
	for (size_t i = 0; i < r->answers->n; i++) {
		const char *id = r->answers->keys[i]->str;
		const struct item *it = item_of(q, id);
		answer_heading(q, lang, it, id, width, out);
		answer_words(q, lang, it, r->answers->items[i], out);
		fputc('\n', out);
	}
}

void history_show_text(const struct store_record *r, const struct questionnaire *q,
                       size_t lang, int width, FILE *out)
{
	show_head(r, width, out);
	bullets(&r->reasons, _("Why:"), width, out);
	if (r->nscores > 0)
		fputs(_("\nScores:\n"), out);
	for (size_t i = 0; i < r->nscores; i++) {
		char v[32];
		engine_format_number(r->scores[i].value, v, sizeof v);
		fprintf(out, "  %-24s %s\n", r->scores[i].title, v);
	}
	bullets(&r->advice, _("Advice:"), width, out);
	bullets(&r->changes, _("What would change:"), width, out);
	answers_text(r, q, lang, width, out);
	paragraph(r->safety_net, "\n", width, out);
	paragraph(r->disclaimer, "\n", width, out);
}

int history_show_answers(const struct store_record *r, FILE *out)
{
	if (r->answers == NULL || r->answers->n == 0) {
		fputs("{}\n", out);
		return ferror(out) ? -1 : 0;
	}
	return yamlio_emit(r->answers, out);
}

/* --- Compare -------------------------------------------------------------------------------- */

static bool same_value(const struct ynode *x, const struct ynode *y)
{
	if (x == NULL || y == NULL || x->kind != y->kind)
		return x == y;
	if (x->kind == YNODE_SCALAR)
		return x->len == y->len && memcmp(x->str, y->str, x->len) == 0;
	if (x->n != y->n)
		return false;
	for (size_t i = 0; i < x->n; i++)
		if (!same_value(x->items[i], y->items[i]))
			return false;
	return true;
}

/* How far a numeric answer moved, or -1 for answers that are not numbers. */
static double moved(const struct ynode *x, const struct ynode *y)
{
	char *e1 = NULL, *e2 = NULL;
	if (x == NULL || y == NULL || x->kind != YNODE_SCALAR || y->kind != YNODE_SCALAR ||
	    x->len == 0 || y->len == 0)
		return -1;
	double a = strtod(x->str, &e1), b = strtod(y->str, &e2);
	if (*e1 != '\0' || *e2 != '\0')
		return -1;
	return fabs(b - a);
}

struct moved_answer {
	const char *item;
	const struct ynode *from, *to;
	double distance;
};

/* How far an answer moved: as a share of its item's range when q knows the range, so that
 * a tiredness score of 6 -> 3 counts for more than an age of 35 -> 39. */
static double distance(const struct item *it, const struct ynode *from, const struct ynode *to)
{
	double d = moved(from, to);
	if (d > 0 && it != NULL && it->max > it->min)
		return d / (it->max - it->min);
	return d;
}

static int by_distance(const void *p, const void *q)
{
	const struct moved_answer *a = p, *b = q;
	return (a->distance < b->distance) - (a->distance > b->distance);
}

static bool unanswered(const struct ynode *v)
{
	return v == NULL || yamlio_is_null(v);
}

/* Whether a and b were answered on different versions of their questionnaire. */
static bool other_version(const struct store_record *a, const struct store_record *b)
{
	const char *va = a->questionnaire_version, *vb = b->questionnaire_version;
	return va != NULL && vb != NULL && strcmp(va, vb) != 0;
}

/* Across versions, whether the answers x (then) and y (now) of one id cannot be set side by
 * side: given in one check only, or a list in one and a single value in the other. */
static bool not_comparable(const struct ynode *x, const struct ynode *y)
{
	return unanswered(x) != unanswered(y) ||
	       (!unanswered(x) && (x->kind == YNODE_SEQ) != (y->kind == YNODE_SEQ));
}

/* The ids answered in from that are unanswered in other (is_form: answered in both, in
 * another form), joined with ", " into buf; whether there are any. */
static bool ids_that_differ(const struct ynode *from, const struct ynode *other, bool is_form,
                            char *buf, size_t sz)
{
	buf[0] = '\0';
	for (size_t i = 0; from != NULL && i < from->n; i++) {
		const struct ynode *x = from->items[i], *y = yamlio_get(other, from->keys[i]->str);
		if (unanswered(x) || unanswered(y) != !is_form || !not_comparable(x, y))
			continue;
		size_t len = strlen(buf);
		snprintf(buf + len, sz - len, "%s%s", len ? ", " : "", from->keys[i]->str);
	}
	return buf[0] != '\0';
}

/* Across versions: the questions asked only then, only now, or in another form, by id. */
static void versions_text(const struct store_record *a, const struct store_record *b,
                          FILE *out)
{
	int width = wrap_width(fileno(out));
	char ids[4096], line[4200];
	snprintf(line, sizeof line, _("These checks used different versions of the questionnaire "
	                              "(%s, then %s), so some questions differ:"),
	         a->questionnaire_version, b->questionnaire_version);
	fputc('\n', out);
	wrap_write(out, line, width, "", "");
	for (int k = 0; k < 3; k++) {
		const struct store_record *from = k == 0 ? a : b, *other = k == 0 ? b : a;
		if (!ids_that_differ(from->answers, other->answers, k == 2, ids, sizeof ids))
			continue;
		snprintf(line, sizeof line, k == 0 ? _("Asked only then: %s")
		                            : k == 1 ? _("New now: %s") : _("Asked in another form: %s"),
		         ids);
		wrap_write(out, line, width, "  ", "    ");
	}
}

/* The answers that differ between a and b, numbers that moved most first, then the others
 * in b's order; across versions, only those that can be set side by side (versions_text names
 * the others). Returns how many; *out is malloc'ed: caller frees. */
static size_t changed_answers(const struct store_record *a, const struct store_record *b,
                              const struct questionnaire *q, struct moved_answer **out)
{
	size_t n = 0, cap = b->answers ? b->answers->n : 0;
	bool is_other = other_version(a, b);
	*out = calloc(cap ? cap : 1, sizeof **out);
	if (*out == NULL)
		abort();
	for (size_t i = 0; i < cap; i++) {
		const char *item = b->answers->keys[i]->str;
		const struct ynode *from = yamlio_get(a->answers, item), *to = b->answers->items[i];
		if (same_value(from, to) || (unanswered(from) && unanswered(to)) ||
			(is_other && not_comparable(from, to)))
			continue;
		(*out)[n++] = (struct moved_answer){ item, from, to,
		                                     distance(item_of(q, item), from, to) };
	}
	qsort(*out, n, sizeof **out, by_distance);
	return n;
}

/* One stored answer in words: a choice's label, yes/no, a number with its unit. */
static void answer_words(const struct questionnaire *q, size_t lang, const struct item *it,
                         const struct ynode *v, FILE *out)
{
	if (v == NULL || yamlio_is_null(v) || it == NULL) {
		value_text(v, out);
		return;
	}
	if (v->kind == YNODE_SEQ) {
		for (size_t i = 0; i < v->n; i++) {
			fputs(i ? "; " : "", out);
			answer_words(q, lang, it, v->items[i], out);
		}
		return;
	}
	for (size_t k = 0; k < it->nchoices; k++)
		if (strcmp(it->choices[k].id, v->str) == 0) {
			fputs(model_text(q, &it->choices[k].label, lang), out);
			return;
		}
	if (it->type == ITEM_YESNO && (strcmp(v->str, "true") == 0 || strcmp(v->str, "false") == 0)) {
		fputs(v->str[0] == 't' ? P_("answer", "yes") : P_("answer", "no"), out);
		return;
	}
	const char *unit = model_unit(q, it, strtod(v->str, NULL), lang);
	fprintf(out, "%s%s%s", v->str, *unit ? " " : "", unit);
}

/* The changed answers: each question (its id when q does not know it), then from -> to. */
static void changed_text(const struct moved_answer *m, size_t n,
                         const struct questionnaire *q, size_t lang, FILE *out)
{
	fputs(n ? _("\nAnswers that changed, the ones that moved most first:\n")
	        : _("\nNo answer changed.\n"), out);
	for (size_t i = 0; i < n; i++) {
		const struct item *it = item_of(q, m[i].item);
		answer_heading(q, lang, it, m[i].item, wrap_width(fileno(out)), out);
		answer_words(q, lang, it, m[i].from, out);
		fputs(" -> ", out);
		answer_words(q, lang, it, m[i].to, out);
		fputc('\n', out);
	}
}

void history_compare_text(const struct store_record *a, const struct store_record *b,
                          const struct questionnaire *q, size_t lang, FILE *out)
{
	char wa[64], wb[64], change[96];
	when_text(a->generated_at, wa, sizeof wa);
	when_text(b->generated_at, wb, sizeof wb);
	fprintf(out, _("From %s (%s) to %s (%s)\n\n"), a->id, wa, b->id, wb);
	if (strcmp(a->outcome_id, b->outcome_id) == 0)
		fprintf(out, _("Outcome: %s (the same both times)\n"), b->outcome_title);
	else
		fprintf(out, _("Outcome then: %s\nOutcome now:  %s\n"), a->outcome_title,
		        b->outcome_title);
	for (size_t i = 0; i < b->nscores; i++) {
		const struct store_score *s = &b->scores[i], *then = store_record_score(a, s->id);
		if (i == 0)
			fputs(_("\nScores:\n"), out);
		if (then == NULL) {
			engine_format_number(s->value, change, sizeof change);
			fprintf(out, _("  %-24s %s (not in the earlier check, so no comparison)\n"),
			        s->title, change);
			continue;
		}
		history_score_change(s, then->value, s->value, change, sizeof change);
		fprintf(out, "  %-24s %s\n", s->title, change);
	}
	/* A score of the earlier check that this one could not compute (it ended early). */
	for (size_t i = 0; i < a->nscores; i++) {
		if (store_record_score(b, a->scores[i].id) != NULL)
			continue;
		engine_format_number(a->scores[i].value, change, sizeof change);
		if (b->nscores == 0 && i == 0)
			fputs(_("\nScores:\n"), out);
		fprintf(out, _("  %-24s %s then; not worked out this time, so no comparison\n"),
		        a->scores[i].title, change);
	}
	if (other_version(a, b))
		versions_text(a, b, out);
	struct moved_answer *m;
	size_t nm = changed_answers(a, b, q, &m);
	changed_text(m, nm, q, lang, out);
	free(m);
}
