/*
 * verify.c - the checks of `backcheck verify` (verify.h), each one or more exhaustive
 * searches (verify_search.c) whose answers are confirmed on the real engine.
 *
 * Every line says how the check was decided: exhaustively over the sets of answers looked at,
 * or with sample values for some items (named). A counter-example is the answers file of a
 * real interview that shows the failure, replayable with `backcheck run --answers`.
 */
#include "verify.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine.h"
#include "expr.h"
#include "i18n.h"
#include "model.h"
#include "render.h"
#include "verify_int.h"
#include "xalloc.h"

/* Without an `alert_severity`, results this severe are the ones framed as urgent. */
enum { DEFAULT_ALERT_SEVERITY = 4 };

/* The advice checks try one deciding rule at a time; a rule whose search runs past this many
 * sets of answers is left for the others (the check says so if none is found). */
enum { ADVICE_BUDGET = 20000 };

/* The alert-text check renders one result per pair of rules that can match together; a pair
 * whose search runs past this many sets of answers is left undecided, and the line says how
 * many were (the check then sampled: it rendered the pairs it found). */
enum { PAIR_BUDGET = 1000 };

struct verify {
	const struct questionnaire *q;
	const struct verify_opts *o;
	struct vsearch *s;
	FILE *out;
	struct verify_summary *sum;
	int status;
	/* Per rule: whether it can decide (filled by the rule checks). */
	bool *can_decide;
	bool can_default;
};

/* --- Lines and counter-examples -------------------------------------------------------- */

static void line(struct verify *v, bool ok, const struct vresult *r, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void line(struct verify *v, bool ok, const struct vresult *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs(ok ? "ok      " : "FAILED  ", v->out);
	vfprintf(v->out, fmt, ap);
	va_end(ap);
	if (r != NULL && r->is_sampled)
		fprintf(v->out, " [sampled: %s]", r->sampled_items[0] ? r->sampled_items :
		        "texts compared with constants");
	fputc('\n', v->out);
	fflush(v->out);
	v->sum->checks++;
	v->sum->failed += !ok;
	v->sum->sampled += r != NULL && r->is_sampled;
	if (!ok && v->status == 0)
		v->status = 1;
}

static const char *how(const struct vresult *r, char *buf, size_t n)
{
	snprintf(buf, n, "%ld set%s of answers, %ld replayed", r->cases, r->cases == 1 ? "" : "s",
	         r->replays);
	return buf;
}

int verify_counter_example(struct engine *e, const char *qpath, const char *name,
                           const char *why, const struct verify_opts *o, FILE *out)
{
	char comment[1024];
	snprintf(comment, sizeof comment, "backcheck verify: counter-example for %s\n%s\n"
	         "Replay: backcheck run -q %s --answers THIS_FILE", name, why, qpath);
	char *text = vsearch_answers_yaml(e, comment);
	if (o->outdir == NULL) {
		for (char *p = text; *p;) {
			char *nl = strchr(p, '\n');
			fprintf(out, "        %.*s\n", (int)(nl ? nl - p : (long)strlen(p)), p);
			p = nl ? nl + 1 : p + strlen(p);
		}
		free(text);
		return 0;
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/%s.yaml", o->outdir, name);
	FILE *f = fopen(path, "w");
	bool ok = f != NULL && fputs(text, f) >= 0;
	if (f != NULL && fclose(f) != 0)
		ok = false;
	free(text);
	if (!ok) {
		fprintf(stderr, _("backcheck verify: cannot write %s: %s\n"), path, strerror(errno));
		return -1;
	}
	fprintf(out, "        counter-example: %s\n", path);
	return 0;
}

/* The counter-example of check name (a file name without .yaml), to the output folder or
 * under the check's line. */
static void counter_example(struct verify *v, struct engine *e, const char *name,
                            const char *why)
{
	if (verify_counter_example(e, v->q->path, name, why, v->o, v->out) != 0)
		v->status = -1;
	else if (v->o->outdir != NULL)
		v->sum->written++;
}

/* --- Concrete evaluation on a replayed engine ------------------------------------------- */

static bool holds_on(struct engine *e, const struct engine_result *r, const struct expr *x)
{
	const struct questionnaire *q = engine_questionnaire(e);
	struct value *items = xalloc_array(q->nitems + 1, sizeof *items);
	struct value *derived = xalloc_array(q->nderived + 1, sizeof *derived);
	struct value *rules = xalloc_array(q->nrules + 1, sizeof *rules);
	for (size_t i = 0; i < q->nitems; i++)
		items[i] = engine_answer(e, i);
	for (size_t k = 0; k < q->nderived; k++)
		derived[k] = value_num(r->derived[k]);
	for (size_t k = 0; k < q->nrules; k++)
		rules[k] = value_bool(false);
	for (size_t k = 0; k < r->nreasons; k++)
		rules[r->reasons[k].rule] = value_bool(true);
	struct value outcome = value_choice((unsigned)r->outcome);
	struct expr_env env = { .tables = {
		[EXPR_SYM_ITEM] = items, [EXPR_SYM_DERIVED] = derived,
		[EXPR_SYM_OUTCOME] = &outcome, [EXPR_SYM_RULE] = rules,
	} };
	bool h = expr_holds(x, &env);
	free(items);
	free(derived);
	free(rules);
	return h;
}

static bool has_advice(const struct engine_result *r, size_t a)
{
	for (size_t k = 0; k < r->nadvice; k++)
		if (r->advice[k].advice == a)
			return true;
	return false;
}

/* --- Properties ------------------------------------------------------------------------- */

struct prop_ctx {
	const struct property *p;
};

static bool is_expected(const struct property *p, size_t o)
{
	for (size_t k = 0; k < p->nexpect; k++)
		if (p->expect[k] == o)
			return true;
	return false;
}

static bool prop_broken(void *ctx, struct engine *e)
{
	struct prop_ctx *c = ctx;
	const struct engine_result *r = engine_decide_partial(e);
	return !is_expected(c->p, r->outcome) && holds_on(e, r, c->p->given);
}

static void check_property(struct verify *v, const struct property *p)
{
	const struct questionnaire *q = v->q;
	struct prop_ctx c = { p };
	struct vresult total = { 0 }, r;
	char buf[128];
	for (size_t k = 0; k <= q->nrules; k++) {
		bool is_default = k == q->nrules;
		if (is_expected(p, is_default ? q->default_outcome : q->rules[k].outcome))
			continue;
		struct vquery *qy = vquery_new(prop_broken, &c, 0);
		qy->holds[qy->nholds++] = p->given;
		if (is_default) {
			for (size_t j = 0; j < q->nrules; j++)
				qy->fails[qy->nfails++] = q->rules[j].when;
		} else {
			vquery_decides(qy, q, k);
		}
		vsearch_run(v->s, qy, &r);
		free(qy);
		vresult_add(&total, &r);
		if (r.is_found) {
			const struct engine_result *res = engine_decide_partial(r.witness);
			const char *by = res->decisive_rule >= 0 ? q->rules[res->decisive_rule].id :
			                 "the default";
			char why[512];
			snprintf(why, sizeof why, "The result is %s (decided by %s), which property %s "
			         "does not allow.", q->outcomes[res->outcome].id, by, p->id);
			line(v, false, &r, "property %s: these answers give %s (decided by %s)", p->id,
			     q->outcomes[res->outcome].id, by);
			char name[256];
			snprintf(name, sizeof name, "property-%s", p->id);
			counter_example(v, r.witness, name, why);
			engine_free(r.witness);
			return;
		}
	}
	if (total.is_cut)
		line(v, false, &total, "property %s: undecided, the search stopped after %s", p->id,
		     how(&total, buf, sizeof buf));
	else
		line(v, true, &total, "property %s holds (%s)", p->id, how(&total, buf, sizeof buf));
}

/* --- Rules and outcomes ------------------------------------------------------------------- */

static bool satisfiable(struct verify *v, struct vquery *qy, struct vresult *r)
{
	vsearch_run(v->s, qy, r);
	if (r->witness != NULL)
		engine_free(r->witness);
	r->witness = NULL;
	return r->is_found;
}

static bool rule_decides(void *ctx, struct engine *e)
{
	const long *rule = ctx;
	return engine_decide_partial(e)->decisive_rule == *rule;
}

/* The earlier rules that, together, leave rule r no answers: those that can hold with it,
 * less any the others already cover. Written to buf as "a, b". */
static void shadows(struct verify *v, size_t r, char *buf, size_t n)
{
	const struct questionnaire *q = v->q;
	bool *in = xalloc_array(r + 1, sizeof *in);
	struct vresult res;
	for (size_t k = 0; k < r; k++) {
		struct vquery *qy = vquery_new(NULL, NULL, 0);
		qy->holds[qy->nholds++] = q->rules[r].when;
		qy->holds[qy->nholds++] = q->rules[k].when;
		in[k] = satisfiable(v, qy, &res);
		free(qy);
	}
	for (size_t k = 0; k < r; k++) {
		if (!in[k])
			continue;
		in[k] = false;
		struct vquery *qy = vquery_new(NULL, NULL, 0);
		qy->holds[qy->nholds++] = q->rules[r].when;
		for (size_t j = 0; j < r; j++)
			if (in[j])
				qy->fails[qy->nfails++] = q->rules[j].when;
		in[k] = satisfiable(v, qy, &res);
		free(qy);
	}
	size_t len = 0;
	buf[0] = '\0';
	for (size_t k = 0; k < r && len < n; k++)
		if (in[k])
			len += (size_t)snprintf(buf + len, n - len, "%s%s", len ? ", " : "",
			                        q->rules[k].id);
	free(in);
}

static void check_rule(struct verify *v, size_t r)
{
	const struct questionnaire *q = v->q;
	long want = (long)r;
	struct vquery *qy = vquery_new(rule_decides, &want, 0);
	vquery_decides(qy, q, r);
	struct vresult res;
	char buf[128], who[1024];
	v->can_decide[r] = satisfiable(v, qy, &res);
	free(qy);
	if (v->can_decide[r]) {
		line(v, true, &res, "rule %s can decide (%s)", q->rules[r].id,
		     how(&res, buf, sizeof buf));
		return;
	}
	if (res.is_cut) {
		line(v, false, &res, "rule %s: undecided, the search stopped after %s",
		     q->rules[r].id, how(&res, buf, sizeof buf));
		return;
	}
	struct vquery *alone = vquery_new(NULL, NULL, 0);
	alone->holds[alone->nholds++] = q->rules[r].when;
	bool can_hold = satisfiable(v, alone, &res);
	free(alone);
	if (!can_hold) {
		line(v, false, &res, "rule %s can never decide: its condition never holds",
		     q->rules[r].id);
		return;
	}
	shadows(v, r, who, sizeof who);
	line(v, false, &res, "rule %s can never decide: shadowed by %s", q->rules[r].id, who);
}

static bool default_decides(void *ctx, struct engine *e)
{
	(void)ctx;
	return engine_decide_partial(e)->decisive_rule < 0;
}

static void check_outcomes(struct verify *v)
{
	const struct questionnaire *q = v->q;
	struct vquery *qy = vquery_new(default_decides, NULL, 0);
	for (size_t r = 0; r < q->nrules; r++)
		qy->fails[qy->nfails++] = q->rules[r].when;
	struct vresult res;
	v->can_default = satisfiable(v, qy, &res);
	free(qy);
	for (size_t o = 0; o < q->noutcomes; o++) {
		const char *by = NULL;
		for (size_t r = 0; r < q->nrules && by == NULL; r++)
			if (q->rules[r].outcome == o && v->can_decide[r])
				by = q->rules[r].id;
		if (by == NULL && o == q->default_outcome && v->can_default)
			by = "the default";
		if (by != NULL)
			line(v, true, NULL, "outcome %s is reachable (by %s)", q->outcomes[o].id, by);
		else
			line(v, false, NULL, "outcome %s is never the result", q->outcomes[o].id);
	}
}

/* --- Items and advice ----------------------------------------------------------------------- */

static bool item_asked(void *ctx, struct engine *e)
{
	const size_t *item = ctx;
	return engine_is_answered(e, *item) || engine_is_skipped(e, *item);
}

static void check_item(struct verify *v, size_t i)
{
	const struct item *it = &v->q->items[i];
	struct vquery *qy = vquery_new(item_asked, &i, 0);
	if (it->when != NULL)
		qy->holds[qy->nholds++] = it->when;
	/* After every item the stop rules read, "no stop rule held before it" is exactly "no
	 * stop rule holds": said so, the search narrows the signs at once. */
	if (vsearch_after_stops(v->s, i))
		for (size_t r = 0; r < v->q->nrules; r++)
			if (v->q->rules[r].is_stop)
				qy->fails[qy->nfails++] = v->q->rules[r].when;
	qy->asked = (long)i;
	struct vresult res;
	char buf[128];
	bool ok = satisfiable(v, qy, &res);
	free(qy);
	if (ok)
		line(v, true, &res, "item %s can be asked (%s)", it->id, how(&res, buf, sizeof buf));
	else
		line(v, false, &res, "item %s is never asked%s", it->id,
		     res.is_cut ? ": undecided, the search stopped" : "");
}

static bool answer_holds(void *ctx, struct engine *e)
{
	const struct vquery *qy = ctx;
	struct value v = engine_answer(e, (size_t)qy->asked);
	return v.kind == VAL_SET && v.u.set == qy->asked_must;
}

/* A checklist's "none of these" (the choice called none) cannot be given with another choice:
 * looks for answers where it is, with each other choice in turn. */
static void check_none_exclusive(struct verify *v, size_t i)
{
	const struct item *it = &v->q->items[i];
	size_t none = it->nchoices;
	for (size_t k = 0; k < it->nchoices && k < 64; k++)
		if (strcmp(it->choices[k].id, "none") == 0)
			none = k;
	if (it->type != ITEM_MULTI || none == it->nchoices)
		return;
	struct vresult total = { 0 }, res;
	char buf[128], name[256], why[512];
	for (size_t k = 0; k < it->nchoices && k < 64; k++) {
		if (k == none)
			continue;
		struct vquery *qy = vquery_new(answer_holds, NULL, 0);
		qy->asked = (long)i;
		qy->asked_must = (uint64_t)1 << none | (uint64_t)1 << k;
		qy->ctx = qy;
		vsearch_run(v->s, qy, &res);
		free(qy);
		vresult_add(&total, &res);
		if (!res.is_found)
			continue;
		line(v, false, &res, "choice none of %s is not exclusive: these answers give it with %s",
		     it->id, it->choices[k].id);
		snprintf(name, sizeof name, "exclusive-%s", it->id);
		snprintf(why, sizeof why, "%s holds none (none of these) and %s together.", it->id,
		         it->choices[k].id);
		counter_example(v, res.witness, name, why);
		engine_free(res.witness);
		return;
	}
	if (total.is_cut)
		line(v, false, &total, "choice none of %s: undecided, the search stopped after %s",
		     it->id, how(&total, buf, sizeof buf));
	else
		line(v, true, &total, "choice none of %s is exclusive (%s)", it->id,
		     how(&total, buf, sizeof buf));
}

struct advice_ctx {
	size_t a, b;
};

static bool advice_shown(void *ctx, struct engine *e)
{
	const struct advice_ctx *c = ctx;
	const struct engine_result *r = engine_decide_partial(e);
	return has_advice(r, c->a) && has_advice(r, c->b);
}

/*
 * Looks for answers where both notes a and b (a == b: the one note) appear, one deciding rule
 * at a time (the default first, then the rules from the last): with the deciding rule fixed,
 * `outcome` and matched() in advice conditions are settled early. Fills *total; returns
 * the witness (caller frees) or NULL.
 */
static struct engine *advice_witness(struct verify *v, size_t a, size_t b,
                                     struct vresult *total)
{
	const struct questionnaire *q = v->q;
	struct advice_ctx c = { a, b };
	memset(total, 0, sizeof *total);
	for (size_t k = 0; k <= q->nrules; k++) {
		struct vquery *qy = vquery_new(advice_shown, &c, ADVICE_BUDGET);
		qy->holds[qy->nholds++] = q->advice[a].when;
		qy->holds[qy->nholds++] = q->advice[b].when;
		if (k == 0)
			for (size_t r = 0; r < q->nrules; r++)
				qy->fails[qy->nfails++] = q->rules[r].when;
		else
			vquery_decides(qy, q, q->nrules - k);
		struct vresult res;
		vsearch_run(v->s, qy, &res);
		free(qy);
		vresult_add(total, &res);
		if (res.is_found)
			return res.witness;
	}
	return NULL;
}

static void check_advice(struct verify *v, size_t a)
{
	struct vresult res;
	char buf[128];
	struct engine *w = advice_witness(v, a, a, &res);
	if (w != NULL)
		line(v, true, &res, "advice %s can appear (%s)", v->q->advice[a].id,
		     how(&res, buf, sizeof buf));
	else
		line(v, false, &res, "advice %s never appears%s", v->q->advice[a].id,
		     res.is_cut ? ": undecided, the search stopped" : "");
	engine_free(w);
}

static void check_conflict(struct verify *v, size_t a, size_t b)
{
	const struct questionnaire *q = v->q;
	struct vresult res;
	char buf[128], name[256], why[256];
	struct engine *w = advice_witness(v, a, b, &res);
	if (w != NULL) {
		line(v, false, &res, "conflict %s / %s: both notes appear for these answers",
		     q->advice[a].id, q->advice[b].id);
		snprintf(name, sizeof name, "conflict-%s-%s", q->advice[a].id, q->advice[b].id);
		snprintf(why, sizeof why, "Advice notes %s and %s, declared in conflict, both "
		         "appear.", q->advice[a].id, q->advice[b].id);
		counter_example(v, w, name, why);
		engine_free(w);
	} else if (res.is_cut) {
		line(v, false, &res, "conflict %s / %s: undecided, the search stopped after %s",
		     q->advice[a].id, q->advice[b].id, how(&res, buf, sizeof buf));
	} else {
		line(v, true, &res, "conflict %s / %s: never together (%s)", q->advice[a].id,
		     q->advice[b].id, how(&res, buf, sizeof buf));
	}
}

/* --- What an alert result shows ---------------------------------------------------------- */

static int alert_severity(const struct questionnaire *q)
{
	return q->has_alert_severity ? q->alert_severity : DEFAULT_ALERT_SEVERITY;
}

/* A copy of s made one line (engine_one_line()); caller frees. */
static char *squeeze(const char *s)
{
	return engine_one_line(xalloc_strdup(s));
}

/* Whether text (filled for e) appears in shown and is not part of any text in allowed. */
static bool leaks(struct engine *e, const struct ltext *t, const char *shown,
                  const char *allowed)
{
	if (t->s == NULL)
		return false;
	char *x = squeeze(engine_fill(e, t));
	bool bad = *x != '\0' && strstr(shown, x) != NULL && strstr(allowed, x) == NULL;
	free(x);
	return bad;
}

/* The texts of rule r in shown: its action (one text or parts) and, with with_because, its
 * because (one text or parts). */
static bool rule_leaks(struct engine *e, const struct rule *r, bool with_because,
                       const char *shown, const char *allowed)
{
	if (leaks(e, &r->action, shown, allowed))
		return true;
	for (size_t k = 0; k < r->naction_parts; k++)
		if (leaks(e, &r->action_parts[k].text, shown, allowed))
			return true;
	if (!with_because)
		return false;
	if (leaks(e, &r->because, shown, allowed))
		return true;
	for (size_t k = 0; k < r->nparts; k++)
		if (leaks(e, &r->parts[k].text, shown, allowed))
			return true;
	return false;
}

struct tier_ctx {
	struct verify *v;
	size_t deciding, other;
	bool is_leak, is_action_missing;
};

/* What the deciding rule d may show: the texts of every rule of its outcome and d's action,
 * filled, squeezed, joined with newlines. */
static char *tier_texts(struct engine *e, size_t o, size_t d)
{
	const struct questionnaire *q = engine_questionnaire(e);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = xalloc_memstream(&buf, &len);
	for (size_t r = 0; r < q->nrules; r++) {
		if (q->rules[r].outcome != o)
			continue;
		if (q->rules[r].because.s != NULL)
			fprintf(f, "%s\n", engine_fill(e, &q->rules[r].because));
		for (size_t k = 0; k < q->rules[r].nparts; k++)
			fprintf(f, "%s\n", engine_fill(e, &q->rules[r].parts[k].text));
	}
	fprintf(f, "%s\n", engine_action(e, d));
	fclose(f);
	char *s = squeeze(buf);
	free(buf);
	return s;
}

static bool tier_leak(void *ctx, struct engine *e)
{
	struct tier_ctx *c = ctx;
	const struct engine_result *r = engine_decide(e);
	if (r->decisive_rule != (long)c->deciding)
		return false;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = xalloc_memstream(&buf, &len);
	render_text(f, e, r, 100000);
	fclose(f);
	const struct questionnaire *q = c->v->q;
	char *shown = squeeze(buf), *allowed = tier_texts(e, r->outcome, c->deciding);
	free(buf);
	bool is_lower = q->outcomes[q->rules[c->other].outcome].severity <
	                q->outcomes[r->outcome].severity;
	c->is_leak = rule_leaks(e, &q->rules[c->other], is_lower, shown, allowed);
	char *action = squeeze(engine_action(e, c->deciding));
	c->is_action_missing = *action != '\0' && strstr(shown, action) == NULL;
	free(action);
	free(shown);
	free(allowed);
	return true;
}

/* For each alert rule that can decide and each rule of a lower tier that can match with it,
 * renders one such result and looks for the lower rule's words in it. */
static void check_alert_texts(struct verify *v)
{
	const struct questionnaire *q = v->q;
	int pairs = 0, leaks_found = 0, undecided = 0;
	long cases = 0;
	char name[256], why[512];
	bool *missing = xalloc_array(q->nrules + 1, sizeof *missing);
	struct vresult agg = { 0 };
	for (size_t d = 0; d < q->nrules; d++) {
		int sev = q->outcomes[q->rules[d].outcome].severity;
		if (sev < alert_severity(q) || !v->can_decide[d])
			continue;
		for (size_t l = 0; l < q->nrules; l++) {
			int lsev = q->outcomes[q->rules[l].outcome].severity;
			if (l == d || lsev > sev || (lsev == sev && !model_has_action(&q->rules[l])))
				continue;
			struct tier_ctx c = { v, d, l, false, false };
			struct vquery *qy = vquery_new(tier_leak, &c, PAIR_BUDGET);
			vquery_decides(qy, q, d);
			qy->holds[qy->nholds++] = q->rules[l].when;
			struct vresult res;
			vsearch_run(v->s, qy, &res);
			free(qy);
			cases += res.cases;
			undecided += res.is_cut && !res.is_found;
			if (!res.is_found)
				continue;
			pairs++;
			if (c.is_action_missing && !missing[d]) {
				missing[d] = true;
				leaks_found++;
				line(v, false, &res, "alert text: the result of rule %s does not show its "
				     "action", q->rules[d].id);
				snprintf(name, sizeof name, "alert-action-%s", q->rules[d].id);
				counter_example(v, res.witness, name, "The deciding rule's action is not "
				                "in the person's text.");
			}
			if (c.is_leak) {
				leaks_found++;
				snprintf(name, sizeof name, "alert-text-%s-%s", q->rules[d].id, q->rules[l].id);
				snprintf(why, sizeof why, "Rule %s decides (%s), and the person's text also "
				         "quotes rule %s (%s).", q->rules[d].id,
				         q->outcomes[q->rules[d].outcome].id, q->rules[l].id,
				         q->outcomes[q->rules[l].outcome].id);
				line(v, false, &res, "alert text: the result of rule %s also quotes rule %s "
				     "(%s)", q->rules[d].id, q->rules[l].id,
				     q->outcomes[q->rules[l].outcome].id);
				counter_example(v, res.witness, name, why);
			}
			engine_free(res.witness);
		}
	}
	free(missing);
	agg.cases = cases;
	if (undecided > 0) {
		agg.is_sampled = true;
		snprintf(agg.sampled_items, sizeof agg.sampled_items, "%d pairs of rules not decided "
		         "within %d sets of answers each", undecided, PAIR_BUDGET);
	}
	if (leaks_found == 0)
		line(v, true, &agg, "alert text: no result at severity %d or above quotes a "
		     "lower rule or another rule's action (%d pairs that can match together "
		     "rendered, %ld sets of answers)", alert_severity(q), pairs, cases);
}

/* --- All checks ------------------------------------------------------------------------------ */

/* Every check in turn; with o->is_first, only until one fails. */
static void run_checks(struct verify *v)
{
	const struct questionnaire *q = v->q;
	bool first = v->o->is_first;
	for (size_t k = 0; k < q->nproperties && !(first && v->status); k++)
		check_property(v, &q->properties[k]);
	for (size_t r = 0; r < q->nrules && !(first && v->status); r++)
		check_rule(v, r);
	if (first && v->status)
		return;
	check_outcomes(v);
	for (size_t i = 0; i < q->nitems && !(first && v->status); i++)
		check_item(v, i);
	for (size_t i = 0; i < q->nitems && !(first && v->status); i++)
		check_none_exclusive(v, i);
	for (size_t a = 0; a < q->nadvice && !(first && v->status); a++)
		check_advice(v, a);
	for (size_t k = 0; k < q->nconflicts && !(first && v->status); k++)
		check_conflict(v, q->conflicts[k].a, q->conflicts[k].b);
	if (!(first && v->status))
		check_alert_texts(v);
}

int verify_run(const struct questionnaire *q, const struct verify_opts *o, FILE *out,
               struct verify_summary *sum)
{
	struct verify v = { .q = q, .o = o, .out = out, .sum = sum };
	memset(sum, 0, sizeof *sum);
	if (o->outdir != NULL && mkdir(o->outdir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, _("backcheck verify: cannot create %s: %s\n"), o->outdir,
		        strerror(errno));
		return -1;
	}
	v.s = vsearch_new(q);
	if (o->budget > 0)
		vsearch_set_budget(v.s, o->budget);
	v.can_decide = xalloc_array(q->nrules + 1, sizeof *v.can_decide);
	run_checks(&v);
	free(v.can_decide);
	vsearch_free(v.s);
	return v.status;
}
