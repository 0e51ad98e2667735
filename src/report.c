/*
 * report.c - the person's result as a printable page (HTML) or Markdown, and what every page
 * shares: the alert severity, revised answers, local time, scores as bars, answers by section.
 * Pages are built as a doc (doc.h) and written in the format asked for; the clinician's
 * summary is in report_clinician.c. Everything shown comes from the questionnaire and the
 * run: no knowledge of any subject lives here.
 */
#include "render.h"

#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "i18n.h"
#include "model.h"
#include "report_int.h"

/* Without alert_severity in the questionnaire, severity 4 and above are framed, as in the
 * text result. */
enum { DEFAULT_ALERT_SEVERITY = 4 };

int render_alert_severity(const struct questionnaire *q)
{
	return q->has_alert_severity ? q->alert_severity : DEFAULT_ALERT_SEVERITY;
}

bool render_is_revised(const struct engine *e, const struct render_context *ctx, size_t item)
{
	if (ctx != NULL && ctx->is_revised != NULL)
		return ctx->is_revised[item];
	size_t n;
	const struct engine_audit *au = engine_audit(e, &n);
	for (size_t k = 0; k < n; k++)
		if (au[k].item == item && au[k].from.kind != VAL_UNKNOWN && au[k].to.kind != VAL_UNKNOWN)
			return true;
	return false;
}

void render_local_time(time_t t, char *buf, size_t sz)
{
	struct tm tm;
	if (localtime_r(&t, &tm) == NULL || strftime(buf, sz, "%Y-%m-%d %H:%M %Z (%z)", &tm) == 0)
		snprintf(buf, sz, _("%lld seconds after 1970 UTC"), (long long)t);
}

const char *report_direction(enum higher_is h)
{
	return h == HIGHER_IS_WORSE ? _("higher is worse") : h == HIGHER_IS_BETTER ?
	       _("higher is better") : _("neither better nor worse");
}

void report_scores(struct doc *d, struct engine *e, const struct engine_result *r)
{
	const struct questionnaire *q = engine_questionnaire(e);
	for (size_t k = 0; k < q->nderived; k++) {
		const struct derived *dv = &q->derived[k];
		if (!dv->is_score || !r->is_derived_known[k])
			continue;
		char v[32], lo[32], hi[32], cap[160];
		engine_format_number(r->derived[k], v, sizeof v);
		engine_format_number(dv->min, lo, sizeof lo);
		engine_format_number(dv->max, hi, sizeof hi);
		snprintf(cap, sizeof cap, _("%s (%s to %s, %s)"), v, lo, hi,
		         report_direction(dv->higher_is));
		doc_bar(d, engine_fill(e, &dv->title), r->derived[k], dv->min, dv->max, cap);
	}
}

void report_answers(struct doc *d, struct engine *e, const struct render_context *ctx)
{
	const struct questionnaire *q = engine_questionnaire(e);
	size_t lang = engine_lang(e);
	for (size_t s = 0; s < q->nsections; s++) {
		const struct section *sec = &q->sections[s];
		bool has_heading = false;
		for (size_t i = sec->first_item; i < sec->first_item + sec->nitems; i++) {
			if (q->items[i].type == ITEM_NOTE ||
			    !(engine_is_answered(e, i) || engine_is_skipped(e, i)))
				continue;
			if (!has_heading) {
				const char *t = model_text(q, &sec->title, lang);
				doc_heading(d, *t ? t : sec->id);
				has_heading = true;
			}
			doc_field(d, model_text(q, &q->items[i].text, lang),
			          engine_is_skipped(e, i) ? _("skipped")
			                                  : engine_answer_text(e, i, engine_answer(e, i)),
			          render_is_revised(e, ctx, i) ? _("changed during the check") : NULL);
		}
	}
}

/* The outcome's title first; framed, with what to do at once, for alert outcomes. */
static void person_head(struct doc *d, struct engine *e, const struct engine_result *r)
{
	const struct questionnaire *q = engine_questionnaire(e);
	const struct outcome *o = &q->outcomes[r->outcome];
	bool is_alert = o->severity >= render_alert_severity(q);
	doc_headline(d, engine_fill(e, &o->title), is_alert ? DOC_ALERT : DOC_PLAIN);
	doc_para(d, engine_fill(e, &o->summary), is_alert ? DOC_ALERT : DOC_PLAIN);
	/* The deciding rule's action: what to do now, or (below alerts) who to see. */
	if (r->decisive_rule >= 0)
		doc_para(d, engine_action(e, (size_t)r->decisive_rule), is_alert ? DOC_ALERT : DOC_PLAIN);
	if (is_alert) {
		doc_heading(d, _("What you told us"));
		for (size_t k = 0; k < r->nreasons; k++)
			if (q->rules[r->reasons[k].rule].outcome == r->outcome)
				doc_bullet(d, r->reasons[k].text);
	}
	if (is_alert)
		return;
	doc_para(d, engine_fill(e, &o->explanation), DOC_PLAIN);
	doc_heading(d, _("Why"));
	if (r->nreasons == 0)
		doc_bullet(d, _("No specific pattern matched your answers, so this is the usual "
		                "result."));
	/* The person's result gives the reasons of the deciding tier only. */
	for (size_t k = 0; k < r->nreasons; k++)
		if (q->rules[r->reasons[k].rule].outcome == r->outcome)
			doc_bullet(d, r->reasons[k].text);
}

static void person_advice(struct doc *d, struct engine *e, const struct engine_result *r)
{
	const struct questionnaire *q = engine_questionnaire(e);
	const char *a = engine_fill(e, &q->outcomes[r->outcome].advice);
	if (*a != '\0' || r->nadvice > 0)
		doc_heading(d, _("What to do"));
	doc_para(d, a, DOC_PLAIN);
	for (size_t k = 0; k < r->nadvice; k++)
		doc_bullet(d, r->advice[k].text);
	size_t helpful = 0;
	for (size_t k = 0; k < r->nchanges; k++)
		helpful += r->changes[k].is_helpful;
	if (helpful > 0 && !r->is_stopped)
		doc_heading(d, _("What would help"));
	for (size_t k = 0; k < r->nchanges && !r->is_stopped; k++)
		if (r->changes[k].is_helpful)
			doc_bullet(d, r->changes[k].action);
}

static void person_safety(struct doc *d, struct engine *e, const struct engine_result *r)
{
	const struct questionnaire *q = engine_questionnaire(e);
	const struct outcome *o = &q->outcomes[r->outcome];
	doc_heading(d, _("Keep yourself safe"));
	doc_para(d, engine_fill(e, &q->safety_net), DOC_PLAIN);
	char buf[64];
	const char *act_by = render_time_net(e, r, buf, sizeof buf);
	const char *recheck = render_recheck(e, r, buf, sizeof buf);
	if (act_by != NULL && o->severity < render_alert_severity(q))
		doc_para(d, act_by, DOC_PLAIN);
	if (recheck != NULL)
		doc_para(d, recheck, DOC_PLAIN);
}

static void person_page(struct doc *d, struct engine *e, const struct engine_result *r,
                        const struct render_context *ctx)
{
	const struct questionnaire *q = engine_questionnaire(e);
	person_head(d, e, r);
	person_advice(d, e, r);
	person_safety(d, e, r);
	/* After a stop rule most items were never asked: their scores would read as "nothing
	 * wrong" to someone who must get help now. */
	if (!r->is_stopped && report_has_scores(q)) {
		doc_heading(d, _("Your scores"));
		report_scores(d, e, r);
	}
	report_answers(d, e, ctx);
	char when[64], line[256];
	render_local_time(ctx->at ? ctx->at : r->generated_at, when, sizeof when);
	snprintf(line, sizeof line, _("Made %s with %s %s."), when, q->id, q->version);
	doc_para(d, line, DOC_QUIET);
	doc_para(d, engine_fill(e, &q->disclaimer), DOC_QUIET);
}

bool report_has_scores(const struct questionnaire *q)
{
	for (size_t k = 0; k < q->nderived; k++)
		if (q->derived[k].is_score)
			return true;
	return false;
}

int render_page(FILE *out, struct engine *e, const struct engine_result *r,
                enum doc_format format, enum render_audience who,
                const struct render_context *ctx, int width)
{
	const struct questionnaire *q = engine_questionnaire(e);
	struct render_context none = { 0 };
	if (ctx == NULL)
		ctx = &none;
	struct doc *d = doc_new(engine_fill(e, &q->outcomes[r->outcome].title));
	if (who == RENDER_FOR_CLINICIAN)
		report_clinician(d, e, r, ctx);
	else
		person_page(d, e, r, ctx);
	int rc = doc_write(d, format, width < 20 ? 20 : width, out);
	doc_free(d);
	return rc;
}
