/*
 * report_clinician.c - the clinician's one-page summary, built from the questionnaire alone:
 * the patient line, the outcome and every matching rule with the answers it read, the signs
 * table, scores and derived values, the answers by section, the person's own words, the
 * change since the previous saved check and the trend over all of them, and where the result
 * came from.
 *
 * Which answers are signs is read from the questionnaire (docs/clinician.md): every
 * yes/no and multiple choice item that a rule of an alert outcome (severity at or above
 * alert_severity) reads, each choice of a multiple choice item but its exclusive ones ("none")
 * being one sign. A later multiple choice item read by those rules whose choices all belong
 * to an earlier one (the signs a person is unsure about) gives that item's "unsure" column.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "doc.h"
#include "engine.h"
#include "expr.h"
#include "history.h"
#include "i18n.h"
#include "intake.h"
#include "model.h"
#include "render.h"
#include "report_int.h"
#include "store.h"
#include "xalloc.h"

/* A growing string in a memstream. */
struct sb {
	char *s;
	size_t len;
	FILE *f;
};

static void sb_open(struct sb *b)
{
	b->s = NULL;
	b->len = 0;
	b->f = xalloc_memstream(&b->s, &b->len);
}

/* Closes the stream; the caller frees b->s. */
static const char *sb_close(struct sb *b)
{
	fclose(b->f);
	return b->s;
}

/* --- Which items are signs ------------------------------------------------------------------- */

struct refs {
	const struct questionnaire *q;
	bool *items;
};

static void mark_ref(void *ctx, enum expr_sym_kind kind, size_t index)
{
	struct refs *r = ctx;
	if (kind == EXPR_SYM_ITEM)
		r->items[index] = true;
	else if (kind == EXPR_SYM_DERIVED)
		expr_each_ref(r->q->derived[index].value, mark_ref, ctx);
}

/* Per item: read (directly or through derived values) by a rule of an alert outcome.
 * Caller frees. */
static bool *alert_items(const struct questionnaire *q)
{
	struct refs r = { q, xalloc_array(q->nitems + 1, sizeof(bool)) };
	int alert = render_alert_severity(q);
	for (size_t k = 0; k < q->nrules; k++)
		if (q->outcomes[q->rules[k].outcome].severity >= alert)
			expr_each_ref(q->rules[k].when, mark_ref, &r);
	return r.items;
}

/* Whether every choice of u is also a choice of s. */
static bool is_subset(const struct item *u, const struct item *s)
{
	for (size_t c = 0; c < u->nchoices; c++)
		if (model_choice(s, u->choices[c].id) < 0)
			return false;
	return u->nchoices > 0;
}

/* The "unsure" item of sign item s among the alert items after it, or -1. */
static long unsure_of(const struct questionnaire *q, const bool *alert, size_t s)
{
	for (size_t u = s + 1; u < q->nitems; u++)
		if (alert[u] && q->items[u].type == ITEM_MULTI && is_subset(&q->items[u], &q->items[s]))
			return (long)u;
	return -1;
}

enum sign_status { SIGN_POSITIVE, SIGN_UNSURE, SIGN_NEGATIVE, SIGN_NOT_ASKED, SIGN_STATES };

static bool has_choice(struct engine *e, size_t item, const char *id)
{
	if (!engine_is_answered(e, item))
		return false;
	int c = model_choice(&engine_questionnaire(e)->items[item], id);
	return c >= 0 && (engine_answer(e, item).u.set & (uint64_t)1 << c) != 0;
}

static enum sign_status choice_status(struct engine *e, size_t s, long u, const char *id)
{
	if (!engine_is_answered(e, s))
		return SIGN_NOT_ASKED;
	if (has_choice(e, s, id))
		return SIGN_POSITIVE;
	return u >= 0 && has_choice(e, (size_t)u, id) ? SIGN_UNSURE : SIGN_NEGATIVE;
}

/* Appends "name" to the list of its status, with "; " between items' groups. */
static void sign_add(struct sb *lists, enum sign_status st, const char *name)
{
	fprintf(lists[st].f, "%s%s", ftell(lists[st].f) > 0 ? ", " : "", name);
}

static void signs_of_item(struct engine *e, const bool *alert, bool *is_shown, size_t i,
                          struct sb *lists)
{
	const struct questionnaire *q = engine_questionnaire(e);
	const struct item *it = &q->items[i];
	if (it->type == ITEM_YESNO) {
		struct value v = engine_answer(e, i);
		sign_add(lists, !engine_is_answered(e, i) ? SIGN_NOT_ASKED
		                : v.u.b ? SIGN_POSITIVE : SIGN_NEGATIVE, it->id);
		is_shown[i] = true;
		return;
	}
	long u = unsure_of(q, alert, i);
	if (u >= 0)
		is_shown[u] = true;
	for (size_t c = 0; c < it->nchoices; c++)
		if (!it->choices[c].is_exclusive)
			sign_add(lists, choice_status(e, i, u, it->choices[c].id), it->choices[c].id);
	is_shown[i] = true;
}

/* Every sign into the list of its status (lists opened here, closed by the caller); marks
 * in is_shown the items covered. Returns how many sign items there are. */
static size_t sign_lists(struct engine *e, bool *is_shown, struct sb *lists)
{
	const struct questionnaire *q = engine_questionnaire(e);
	bool *alert = alert_items(q);
	for (int s = 0; s < SIGN_STATES; s++)
		sb_open(&lists[s]);
	size_t n = 0;
	for (size_t i = 0; i < q->nitems; i++)
		if (alert[i] && !is_shown[i] &&
		    (q->items[i].type == ITEM_YESNO || q->items[i].type == ITEM_MULTI)) {
			signs_of_item(e, alert, is_shown, i, lists);
			n++;
		}
	free(alert);
	return n;
}

void render_positive_signs(FILE *out, struct engine *e)
{
	const struct questionnaire *q = engine_questionnaire(e);
	bool *is_shown = xalloc_array(q->nitems + 1, sizeof(bool));
	struct sb lists[SIGN_STATES];
	sign_lists(e, is_shown, lists);
	for (int s = 0; s < SIGN_STATES; s++) {
		sb_close(&lists[s]);
		if (s == SIGN_POSITIVE)
			for (const char *p = lists[s].s; *p != '\0'; p++)
				if (!(p[0] == ',' && p[1] == ' '))
					fputc(p[0] == ' ' && p > lists[s].s && p[-1] == ',' ? ' ' : *p, out);
		free(lists[s].s);
	}
	free(is_shown);
}

/* The signs table: one row per status, every sign in one of them. Marks in is_shown the
 * items it covers. */
static void signs(struct doc *d, struct engine *e, bool *is_shown)
{
	static const char *const names[SIGN_STATES] = { N_("Positive"), N_("Unsure"),
	                                                N_("Negative"), N_("Not asked") };
	struct sb lists[SIGN_STATES];
	size_t n = sign_lists(e, is_shown, lists);
	if (n > 0) {
		doc_heading(d, _("Emergency and urgent signs"));
		const char *heads[] = { _("Status"), _("Signs") };
		doc_table(d, heads, 2);
	}
	for (int s = 0; s < SIGN_STATES; s++) {
		const char *text = sb_close(&lists[s]);
		const char *row[] = { _(names[s]), *text ? text : _("none") };
		if (n > 0)
			doc_row(d, row, s <= SIGN_UNSURE && *text ? DOC_ALERT : DOC_PLAIN);
		free(lists[s].s);
	}
}

/* --- The rules and the answers they read ----------------------------------------------------- */

struct reads {
	struct engine *e;
	const struct engine_result *r;
	FILE *f;
	bool is_first;
};

static void read_ref(void *ctx, enum expr_sym_kind kind, size_t index)
{
	struct reads *rd = ctx;
	const struct questionnaire *q = engine_questionnaire(rd->e);
	if (kind != EXPR_SYM_ITEM && kind != EXPR_SYM_DERIVED)
		return;
	fputs(rd->is_first ? "" : ", ", rd->f);
	rd->is_first = false;
	if (kind == EXPR_SYM_DERIVED) {
		char v[32];
		engine_format_number(rd->r->derived[index], v, sizeof v);
		fprintf(rd->f, "%s %s", q->derived[index].id,
		        rd->r->is_derived_known[index] ? v : _("not worked out"));
	} else if (engine_is_answered(rd->e, index)) {
		fprintf(rd->f, "%s %s", q->items[index].id,
		        engine_value_id(rd->e, index, engine_answer(rd->e, index)));
	} else {
		fprintf(rd->f, _("%s not asked"), q->items[index].id);
	}
}

static void rules(struct doc *d, struct engine *e, const struct engine_result *r)
{
	const struct questionnaire *q = engine_questionnaire(e);
	int alert = render_alert_severity(q);
	doc_heading(d, _("Rules that matched"));
	if (r->nreasons == 0) {
		doc_para(d, _("None: the default outcome decided."), DOC_PLAIN);
		return;
	}
	const char *heads[] = { _("Rule"), _("Outcome"), _("Answers it read") };
	doc_table(d, heads, 3);
	for (size_t k = 0; k < r->nreasons; k++) {
		const struct rule *rule = &q->rules[r->reasons[k].rule];
		struct sb b;
		sb_open(&b);
		struct reads rd = { e, r, b.f, true };
		expr_each_ref(rule->when, read_ref, &rd);
		sb_close(&b);
		char name[256];
		if (r->reasons[k].is_decisive)
			snprintf(name, sizeof name, _("%s (deciding)"), rule->id);
		else
			snprintf(name, sizeof name, "%s", rule->id);
		const char *row[] = { name, q->outcomes[rule->outcome].id, b.s };
		doc_row(d, row, q->outcomes[rule->outcome].severity >= alert ? DOC_ALERT : DOC_PLAIN);
		free(b.s);
	}
}

/* --- Scores, derived values, answers ------------------------------------------------------- */

static void derived_values(struct doc *d, struct engine *e, const struct engine_result *r)
{
	const struct questionnaire *q = engine_questionnaire(e);
	bool has_any = false;
	for (size_t k = 0; k < q->nderived; k++) {
		const struct derived *dv = &q->derived[k];
		if (dv->is_score || !r->is_derived_known[k])
			continue;
		if (!has_any)
			doc_heading(d, _("Derived values"));
		has_any = true;
		char v[32], line[256];
		engine_format_number(r->derived[k], v, sizeof v);
		const char *unit = engine_fill(e, r->derived[k] == 1 && dv->unit_one.s != NULL
		                                  ? &dv->unit_one : &dv->unit);
		snprintf(line, sizeof line, "%s%s%s (%s)", v, *unit ? " " : "", unit, dv->id);
		doc_field(d, engine_fill(e, &dv->title), line, NULL);
	}
}

/* Each section's answers on one line, "id answer; id answer", leaving out the items the
 * signs table shows and texts (shown whole, below). */
static void answers_compact(struct doc *d, struct engine *e, const bool *is_shown,
                            const struct render_context *ctx)
{
	const struct questionnaire *q = engine_questionnaire(e);
	doc_heading(d, _("Answers"));
	for (size_t s = 0; s < q->nsections; s++) {
		const struct section *sec = &q->sections[s];
		struct sb b;
		sb_open(&b);
		for (size_t i = sec->first_item; i < sec->first_item + sec->nitems; i++) {
			const struct item *it = &q->items[i];
			if (is_shown[i] || it->type == ITEM_NOTE || it->type == ITEM_TEXT ||
			    !(engine_is_answered(e, i) || engine_is_skipped(e, i)))
				continue;
			fprintf(b.f, "%s%s %s%s", ftell(b.f) > 0 ? "; " : "", it->id,
			        engine_is_skipped(e, i) ? _("skipped")
			                                : engine_value_id(e, i, engine_answer(e, i)),
			        render_is_revised(e, ctx, i) ? _(" (revised)") : "");
		}
		sb_close(&b);
		const char *title = engine_fill(e, &sec->title);
		if (*b.s)
			doc_field(d, *title ? title : sec->id, b.s, NULL);
		free(b.s);
	}
}

static void own_words(struct doc *d, struct engine *e, const struct render_context *ctx)
{
	const struct questionnaire *q = engine_questionnaire(e);
	bool has_any = false;
	for (size_t i = 0; i < q->nitems; i++) {
		if (q->items[i].type != ITEM_TEXT || !engine_is_answered(e, i))
			continue;
		if (!has_any)
			doc_heading(d, _("In the person's own words"));
		has_any = true;
		doc_field(d, q->items[i].id, engine_answer(e, i).u.str,
		          render_is_revised(e, ctx, i) ? _("revised") : NULL);
	}
}

/* --- Since the previous check, and the trend ----------------------------------------------- */

/* A stored answer as engine_value_id() writes it: scalars as they are, lists joined ", ". */
static void stored_value(const struct answers_value *v, FILE *f)
{
	if (answers_is_null(v)) {
		fputs(_("not asked"), f);
	} else if (v->shape == ANSWERS_ONE) {
		fputs(v->text, f);
	} else {
		for (size_t k = 0; k < v->n; k++)
			fprintf(f, "%s%s", k ? ", " : "",
			        v->items[k].shape == ANSWERS_ONE ? v->items[k].text : "?");
	}
}

static void answers_changed(struct engine *e, const struct store_record *prev, FILE *f)
{
	const struct questionnaire *q = engine_questionnaire(e);
	size_t n = 0;
	for (size_t i = 0; i < q->nitems; i++) {
		if (q->items[i].type == ITEM_NOTE || q->items[i].type == ITEM_TEXT)
			continue;
		const struct answers_value *was = answers_get(prev->answers, q->items[i].id);
		const char *now = engine_is_answered(e, i)
		                  ? engine_value_id(e, i, engine_answer(e, i)) : _("not asked");
		struct sb b;
		sb_open(&b);
		stored_value(was, b.f);
		sb_close(&b);
		if (strcmp(b.s, now) != 0)
			fprintf(f, "%s%s %s -> %s", n++ ? "; " : "", q->items[i].id, b.s, now);
		free(b.s);
	}
	if (n == 0)
		fputs(_("none"), f);
}

static enum store_higher_is store_dir(enum higher_is h)
{
	return h == HIGHER_IS_WORSE ? STORE_HIGHER_WORSE : h == HIGHER_IS_BETTER
	       ? STORE_HIGHER_BETTER : STORE_HIGHER_NEUTRAL;
}

static void since(struct doc *d, struct engine *e, const struct engine_result *r,
                  const struct store_record *prev)
{
	const struct questionnaire *q = engine_questionnaire(e);
	char line[512], when[64];
	render_local_time(intake_record_time(prev), when, sizeof when);
	snprintf(line, sizeof line, _("Since check %s, made %s"), prev->id, when);
	doc_heading(d, line);
	snprintf(line, sizeof line, "%s -> %s", prev->outcome_id, q->outcomes[r->outcome].id);
	doc_field(d, _("Outcome"), line, NULL);
	for (size_t k = 0; k < q->nderived; k++) {
		const struct derived *dv = &q->derived[k];
		const struct store_score *was = store_record_score(prev, dv->id);
		if (!dv->is_score || was == NULL)
			continue;
		struct store_score s = { .id = dv->id, .higher_is = store_dir(dv->higher_is) };
		char change[96];
		if (r->is_derived_known[k])
			history_score_change(&s, was->value, r->derived[k], change, sizeof change);
		else
			snprintf(change, sizeof change, "%s", _("not worked out this time, so no comparison"));
		doc_field(d, engine_fill(e, &dv->title), change, NULL);
	}
	struct sb b;
	sb_open(&b);
	answers_changed(e, prev, b.f);
	sb_close(&b);
	doc_field(d, _("Answers changed"), b.s, NULL);
	free(b.s);
}

/* Each score over the saved checks and this one: "62, 55, 41, now 38" (the last 8). */
static void trend(struct doc *d, struct engine *e, const struct engine_result *r,
                  const struct render_context *ctx)
{
	const struct questionnaire *q = engine_questionnaire(e);
	enum { SHOWN = 8 };
	char head[96];
	snprintf(head, sizeof head, ngettext("Trend over %zu saved check and this one",
	                                     "Trend over %zu saved checks and this one",
	                                     ctx->nhistory), ctx->nhistory);
	doc_heading(d, head);
	for (size_t k = 0; k < q->nderived; k++) {
		if (!q->derived[k].is_score)
			continue;
		struct sb b;
		sb_open(&b);
		size_t from = ctx->nhistory > SHOWN ? ctx->nhistory - SHOWN : 0;
		if (from > 0)
			fputs("..., ", b.f);
		for (size_t h = from; h < ctx->nhistory; h++) {
			const struct store_score *s = store_record_score(&ctx->history[h], q->derived[k].id);
			char v[32];
			engine_format_number(s ? s->value : NAN, v, sizeof v);
			fprintf(b.f, "%s, ", s ? v : "-");
		}
		char v[32];
		engine_format_number(r->derived[k], v, sizeof v);
		/* A check that ended early has no score to add: never a made-up 0. */
		fprintf(b.f, _("now %s (%s)"), r->is_derived_known[k] ? v : _("not worked out"),
		        report_direction(q->derived[k].higher_is));
		sb_close(&b);
		doc_field(d, engine_fill(e, &q->derived[k].title), b.s, NULL);
		free(b.s);
	}
}

/* --- The page --------------------------------------------------------------------------------- */

/* When the check was made, under which id it is saved, whether it stopped early. */
static void check_line(const struct engine_result *r, const struct render_context *ctx,
                       char *line, size_t size)
{
	char when[64];
	render_local_time(ctx->at ? ctx->at : r->generated_at, when, sizeof when);
	if (ctx->record_id && r->is_stopped)
		snprintf(line, size, _("%s, saved as %s, stopped early"), when, ctx->record_id);
	else if (ctx->record_id)
		snprintf(line, size, _("%s, saved as %s"), when, ctx->record_id);
	else if (r->is_stopped)
		snprintf(line, size, _("%s, stopped early"), when);
	else
		snprintf(line, size, "%s", when);
}

static void head(struct doc *d, struct engine *e, const struct engine_result *r,
                 const struct render_context *ctx)
{
	const struct questionnaire *q = engine_questionnaire(e);
	const struct outcome *o = &q->outcomes[r->outcome];
	bool is_alert = o->severity >= render_alert_severity(q);
	char line[1024];
	snprintf(line, sizeof line, _("Clinician's summary: %s"), engine_fill(e, &o->title));
	doc_headline(d, line, is_alert ? DOC_ALERT : DOC_PLAIN);
	const char *patient = ctx->patient ? ctx->patient : _("not named");
	if (ctx->subject)
		snprintf(line, sizeof line, _("%s (id %s)"), patient, ctx->subject);
	else
		snprintf(line, sizeof line, "%s", patient);
	doc_field(d, _("Patient"), line, NULL);
	check_line(r, ctx, line, sizeof line);
	doc_field(d, _("Check"), line, NULL);
	const char *by = r->decisive_rule >= 0 ? q->rules[r->decisive_rule].id
	                                        : _("the default outcome (no rule matched)");
	snprintf(line, sizeof line, _("%s (severity %d), decided by %s"), o->id, o->severity, by);
	doc_field(d, _("Outcome"), line, NULL);
	const char *action = r->decisive_rule >= 0 ? engine_action(e, (size_t)r->decisive_rule) : "";
	if (*action != '\0')
		doc_field(d, _("Action given"), action, NULL);
}

void report_clinician(struct doc *d, struct engine *e, const struct engine_result *r,
                      const struct render_context *ctx)
{
	const struct questionnaire *q = engine_questionnaire(e);
	bool *is_shown = xalloc_array(q->nitems + 1, sizeof(bool));
	head(d, e, r, ctx);
	rules(d, e, r);
	signs(d, e, is_shown);
	if (report_has_scores(q)) {
		doc_heading(d, _("Scores"));
		report_scores(d, e, r);
	}
	derived_values(d, e, r);
	answers_compact(d, e, is_shown, ctx);
	own_words(d, e, ctx);
	if (ctx->previous != NULL)
		since(d, e, r, ctx->previous);
	if (ctx->nhistory > 0 && report_has_scores(q))
		trend(d, e, r, ctx);
	char line[512];
	snprintf(line, sizeof line, _("Questionnaire %s %s, sha256 %s. %s"), q->id, q->version,
	         q->sha256, engine_fill(e, &q->disclaimer));
	doc_para(d, line, DOC_QUIET);
	free(is_shown);
}
