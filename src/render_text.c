/*
 * render_text.c - the result for a person, short enough that its headline stays on an 80x24
 * screen: the headline (title and what to do) first, then the reasons of the deciding tier,
 * advice, what would help (as actions from now on), the dates (by when to act if it is no
 * better, when to check again), the safety net and the disclaimer, in words, never indices.
 * The details add the explanation, every matching rule, every change, the figures and the
 * rule ids for clinicians. Everything is word-wrapped (wrap.h) to the width given.
 */
#include "render.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "i18n.h"
#include "model.h"
#include "wrap.h"

/* Outcomes this severe come first, framed, with their signs; no text is laid out narrower
 * than MIN_WIDTH columns. */
enum { URGENT_SEVERITY = 4, MIN_WIDTH = 20 };

struct tctx {
	FILE *out;
	struct engine *e;
	const struct questionnaire *q;
	const struct engine_result *r;
	int width;
	const struct render_text_opts *o;
	bool is_alert;
};

static void heading(struct tctx *t, const char *title)
{
	fprintf(t->out, "\n%s\n", title);
}

static void para(struct tctx *t, const char *text)
{
	if (text != NULL && *text != '\0')
		wrap_write(t->out, text, t->width, "", "");
}

static void bullet(struct tctx *t, const char *text)
{
	wrap_write(t->out, text, t->width, "  * ", "    ");
}

static void frame(struct tctx *t)
{
	int n = t->width < 72 ? t->width : 72;
	for (int i = 0; i < n; i++)
		fputc('=', t->out);
	fputc('\n', t->out);
}

/* The one list of month names, in full and short, each translated on its own (a short name
 * is not always the first letters of the long one). */
static const struct {
	const char *full, *brief;
} months[] = {
	{ N_("January"), N_("Jan") },   { N_("February"), N_("Feb") }, { N_("March"), N_("Mar") },
	{ N_("April"), N_("Apr") },     { N_("May"), N_("May") },      { N_("June"), N_("Jun") },
	{ N_("July"), N_("Jul") },      { N_("August"), N_("Aug") },   { N_("September"), N_("Sep") },
	{ N_("October"), N_("Oct") },   { N_("November"), N_("Nov") }, { N_("December"), N_("Dec") },
};

const char *render_date(time_t when, char *buf, size_t sz)
{
	static const char *const days[] = {
		N_("Sunday"), N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
		N_("Friday"), N_("Saturday"),
	};
	struct tm tm;
	if (localtime_r(&when, &tm) == NULL)
		snprintf(buf, sz, "%s", _("soon"));
	else
		/* TRANSLATORS: a date: the day of the week, the day, the month, the year. */
		snprintf(buf, sz, _("%s %d %s %d"), _(days[tm.tm_wday % 7]), tm.tm_mday,
		         _(months[tm.tm_mon % 12].full), tm.tm_year + 1900);
	return buf;
}

const char *render_day(const char *rfc, enum render_day_form form, char *buf, size_t sz)
{
	int y, mo, d, h = 0, mi = 0;
	int k = rfc != NULL ? sscanf(rfc, "%4d-%2d-%2dT%2d:%2d", &y, &mo, &d, &h, &mi) : 0;
	if (k < 3 || mo < 1 || mo > 12)
		return NULL;
	const char *month = _(months[mo - 1].brief);
	if (form == RENDER_DAY_MONTH)
		/* TRANSLATORS: a short date, the day and the month: "28 Nov". */
		snprintf(buf, sz, _("%d %s"), d, month);
	else if (k < 5)
		/* TRANSLATORS: a date: the day, the month, the year ("28 Nov 2026"). */
		snprintf(buf, sz, _("%d %s %d"), d, month, y);
	else
		/* TRANSLATORS: a date and time: "28 Nov 2026 09:15". */
		snprintf(buf, sz, _("%d %s %d %02d:%02d"), d, month, y, h, mi);
	return buf;
}

/* The headline: the title (framed for an alert outcome), then what to do: an alert outcome's
 * deciding action (else its summary); a lower outcome's summary and its route (the deciding
 * rule's action). */
static void headline(struct tctx *t)
{
	const struct outcome *o = &t->q->outcomes[t->r->outcome];
	const char *title = engine_fill(t->e, &o->title);
	const char *action = t->r->action;
	if (t->is_alert) {
		frame(t);
		wrap_write(t->out, title, t->width, "!! ", "   ");
		frame(t);
		para(t, action != NULL ? action : engine_fill(t->e, &o->summary));
		return;
	}
	/* TRANSLATORS: before the result's title; the lines after it are indented to match. */
	const char *lead = _("Result: ");
	char indent[32];
	size_t cols = 0;
	for (const char *c = lead; *c != '\0'; c++)
		cols += ((unsigned char)*c & 0xC0) != 0x80;
	snprintf(indent, sizeof indent, "%*s", (int)(cols < sizeof indent ? cols : 0), "");
	wrap_write(t->out, title, t->width, lead, indent);
	para(t, engine_fill(t->e, &o->summary));
	para(t, action);
}

/* The reasons of the deciding outcome's tier (an alert result names every matching sign this
 * way); with details, every matching rule, its outcome and which one decided. */
static void reasons(struct tctx *t)
{
	const struct engine_result *r = t->r;
	if (r->nreasons == 0 && !t->o->is_details) {
		/* The default decided: one line, so that the whole result fits 24 rows. */
		fputc('\n', t->out);
		para(t, _("Why: no specific pattern matched your answers, so this is the usual "
		          "result."));
		return;
	}
	heading(t, t->is_alert ? _("What you told us") : _("Why"));
	if (r->nreasons == 0)
		bullet(t, _("No specific pattern matched your answers, so this is the usual "
		            "result."));
	for (size_t k = 0; k < r->nreasons; k++) {
		const struct rule *rule = &t->q->rules[r->reasons[k].rule];
		if (t->o->is_details && r->reasons[k].is_decisive)
			bullet(t, engine_printf(t->e, _("%s (%s: %s, this decided it)"),
			                             r->reasons[k].text, rule->id,
			                             t->q->outcomes[rule->outcome].id));
		else if (t->o->is_details)
			bullet(t, engine_printf(t->e, "%s (%s: %s)", r->reasons[k].text, rule->id,
			                             t->q->outcomes[rule->outcome].id));
		else if (rule->outcome == r->outcome)
			bullet(t, r->reasons[k].text);
	}
}

static void explanation(struct tctx *t)
{
	const char *x = engine_fill(t->e, &t->q->outcomes[t->r->outcome].explanation);
	if (*x != '\0') {
		fputc('\n', t->out);
		para(t, x);
	}
}

static void figures(struct tctx *t)
{
	if (t->q->nderived == 0)
		return;
	heading(t, _("Your figures"));
	for (size_t k = 0; k < t->q->nderived; k++) {
		const struct derived *d = &t->q->derived[k];
		char num[32], lo[32], hi[32];
		if (!t->r->is_derived_known[k])
			continue;
		engine_format_number(t->r->derived[k], num, sizeof num);
		engine_format_number(d->min, lo, sizeof lo);
		engine_format_number(d->max, hi, sizeof hi);
		const char *unit = engine_fill(t->e, t->r->derived[k] == 1 && d->unit_one.s != NULL
		                                     ? &d->unit_one : &d->unit);
		const char *title = engine_fill(t->e, &d->title);
		if (d->is_score)
			bullet(t, engine_printf(t->e, d->higher_is == HIGHER_IS_WORSE
			                             ? _("%s: %s (from %s to %s, higher is worse)")
			                             : d->higher_is == HIGHER_IS_BETTER
			                             ? _("%s: %s (from %s to %s, higher is better)")
			                             : _("%s: %s (from %s to %s, neutral)"),
			                             title, num, lo, hi));
		else
			bullet(t, engine_printf(t->e, "%s: %s%s%s", title, num, *unit ? " " : "",
			                             unit));
	}
}

static void advice(struct tctx *t)
{
	const struct outcome *o = &t->q->outcomes[t->r->outcome];
	const char *a = engine_fill(t->e, &o->advice);
	if (*a == '\0' && t->r->nadvice == 0)
		return;
	heading(t, _("What to do"));
	para(t, a);
	for (size_t k = 0; k < t->r->nadvice; k++)
		bullet(t, t->r->advice[k].text);
}

/* The helpful changes as actions from now on; with details, every change as well. */
static void changes(struct tctx *t)
{
	const struct engine_result *r = t->r;
	size_t n = 0;
	for (size_t k = 0; k < r->nchanges; k++)
		n += r->changes[k].is_helpful;
	if (n > 0)
		heading(t, _("What would help"));
	for (size_t k = 0; k < r->nchanges; k++)
		if (r->changes[k].is_helpful)
			bullet(t, r->changes[k].action);
	if (!t->o->is_details || r->nchanges == 0)
		return;
	heading(t, _("Every single change that would change the result"));
	for (size_t k = 0; k < r->nchanges; k++)
		bullet(t, r->changes[k].text);
}

/* Below alert severity: the date by which to act if it is no better (the earliest of the time
 * safety net), and the re-check date. */
static void dates(struct tctx *t)
{
	const struct engine_result *r = t->r;
	char buf[64];
	if (t->is_alert)
		return;
	if (r->earliest < 0 && r->recheck_date == 0)
		return;
	fputc('\n', t->out);
	para(t, render_time_net(t->e, r, buf, sizeof buf));
	para(t, render_recheck(t->e, r, buf, sizeof buf));
}

const char *render_time_net(struct engine *e, const struct engine_result *r, char *buf,
                            size_t sz)
{
	if (r->earliest < 0)
		return NULL;
	const struct engine_time_net *n = &r->time_net[r->earliest];
	const struct questionnaire *q = engine_questionnaire(e);
	return engine_printf(e, _("If it is no better by %s, the advice changes to: %s."),
	                     render_date(n->date, buf, sz),
	                     engine_fill(e, &q->outcomes[n->outcome].title));
}

const char *render_recheck(struct engine *e, const struct engine_result *r, char *buf,
                           size_t sz)
{
	if (r->recheck_date == 0)
		return NULL;
	return engine_printf(e, _("Check again on %s, or sooner if things change."),
	                     render_date(r->recheck_date, buf, sz));
}

static void safety(struct tctx *t)
{
	heading(t, _("Keep yourself safe"));
	para(t, engine_fill(t->e, &t->q->safety_net));
	fputc('\n', t->out);
	para(t, engine_fill(t->e, &t->q->disclaimer));
}

/* The last lines, where a result on a terminal ends: the headline again in one sentence, so
 * that it is on the screen whatever scrolled away, and where every detail is. */
static void in_short(struct tctx *t)
{
	const struct outcome *o = &t->q->outcomes[t->r->outcome];
	const char *title = engine_fill(t->e, &o->title);
	const char *what = t->is_alert && t->r->action != NULL ? t->r->action
	                                                       : engine_fill(t->e, &o->summary);
	size_t n = strlen(title);
	bool has_stop = n > 0 && strchr(".!?", title[n - 1]) != NULL;
	fputc('\n', t->out);
	para(t, engine_printf(t->e, has_stop ? _("In short: %s %s") : _("In short: %s. %s"), title,
	                      what));
	const char *nl = strchr(t->o->more, '\n');
	if (t->o->more[0] == '\0')
		return;
	if (nl == NULL) {
		para(t, t->o->more);
		return;
	}
	para(t, engine_printf(t->e, "%.*s", (int)(nl - t->o->more), t->o->more));
	wrap_write(t->out, nl + 1, t->width, "  ", "  ");
}

void render_details_hint(char *buf, size_t sz, const char *id)
{
	snprintf(buf, sz, _("For every detail, type:\nbackcheck show --details %s"), id);
}

static void clinicians(struct tctx *t)
{
	const struct engine_result *r = t->r;
	const char *by = r->decisive_rule >= 0 ? t->q->rules[r->decisive_rule].id
	                                       : _("the default outcome");
	const char *matched = r->nreasons == 0 ? _("none") : "";
	for (size_t k = 0; k < r->nreasons; k++)
		matched = engine_printf(t->e, "%s%s%s", matched, k ? ", " : "",
		                             t->q->rules[r->reasons[k].rule].id);
	const char *line = engine_printf(t->e, _("For clinicians: outcome %s, decided by %s; rules "
	                                         "matched: %s. Questionnaire %s %s, sha256 %s."),
	                                 t->q->outcomes[r->outcome].id, by, matched, t->q->id,
	                                 t->q->version, t->q->sha256);
	fputc('\n', t->out);
	para(t, line);
}

int render_text_with(FILE *out, struct engine *e, const struct engine_result *r, int width,
                     const struct render_text_opts *o)
{
	static const struct render_text_opts none = { 0 };
	const struct questionnaire *q = engine_questionnaire(e);
	struct tctx t = { out, e, q, r, width < MIN_WIDTH ? MIN_WIDTH : width, o ? o : &none,
	                  model_is_alert_outcome(q, r->outcome) ||
	                  (!q->has_alert_severity &&
	                   q->outcomes[r->outcome].severity >= URGENT_SEVERITY) };
	headline(&t);
	reasons(&t);
	if (!t.is_alert || t.o->is_details)
		advice(&t);
	/* After a stop rule most items were never asked: their figures would read as 0 ("nothing
	 * wrong") to someone who must get help now. */
	if (!r->is_stopped)
		changes(&t);
	dates(&t);
	if (t.o->is_details) {
		explanation(&t);
		if (!r->is_stopped)
			figures(&t);
		clinicians(&t);
	}
	safety(&t);
	if (t.o->more != NULL)
		in_short(&t);
	fflush(out);
	return ferror(out) ? -1 : 0;
}

int render_text(FILE *out, struct engine *e, const struct engine_result *r, int width)
{
	return render_text_with(out, e, r, width, NULL);
}
