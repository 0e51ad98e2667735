/*
 * render_json.c - the result as JSON (docs/output-json.md, docs/output.schema.json), through
 * jansson (jsonw_int.h). The tree is built with jansson's *_new functions, which take each
 * reference, so one json_decref() frees it all.
 */
#include "render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine.h"
#include "jsonw_int.h"
#include "model.h"
#include "xalloc.h"

json_t *render_json_answer(const struct questionnaire *q, size_t item, struct value v)
{
	const struct item *it = &q->items[item];
	switch (v.kind) {
	case VAL_UNKNOWN:
		return json_null();
	case VAL_BOOL:
		return json_boolean(v.u.b);
	case VAL_NUM:
		return jsonw_num(v.u.num);
	case VAL_STR:
		return jsonw_str(v.u.str);
	case VAL_CHOICE:
		return jsonw_str(v.u.choice < it->nchoices ? it->choices[v.u.choice].id : "?");
	case VAL_SET:
		break;
	}
	json_t *a = json_array();
	for (size_t k = 0; k < it->nchoices && k < VALUE_SET_MAX; k++)
		if (v.u.set & (uint64_t)1 << k)
			json_array_append_new(a, jsonw_str(it->choices[k].id));
	return a;
}

static json_t *rfc3339(time_t t)
{
	struct tm tm;
	char buf[64];
	if (gmtime_r(&t, &tm) == NULL || strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		return jsonw_str("1970-01-01T00:00:00Z");
	return jsonw_str(buf);
}

static json_t *j_questionnaire(const struct questionnaire *q)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", jsonw_str(q->id));
	json_object_set_new(o, "version", jsonw_str(q->version));
	json_object_set_new(o, "sha256", jsonw_str(q->sha256));
	return o;
}

static json_t *j_outcome(struct engine *e, const struct outcome *oc)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", jsonw_str(oc->id));
	json_object_set_new(o, "title", jsonw_str(engine_fill(e, &oc->title)));
	json_object_set_new(o, "summary", jsonw_str(engine_fill(e, &oc->summary)));
	json_object_set_new(o, "severity", json_integer(oc->severity));
	return o;
}

static json_t *j_reasons(const struct questionnaire *q, const struct engine_result *r)
{
	json_t *a = json_array();
	for (size_t k = 0; k < r->nreasons; k++) {
		const struct rule *rule = &q->rules[r->reasons[k].rule];
		json_t *o = json_object();
		json_object_set_new(o, "rule", jsonw_str(rule->id));
		json_object_set_new(o, "outcome", jsonw_str(q->outcomes[rule->outcome].id));
		json_object_set_new(o, "decisive", json_boolean(r->reasons[k].is_decisive));
		json_object_set_new(o, "text", jsonw_str(r->reasons[k].text));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *j_derived(const struct questionnaire *q, const struct engine_result *r,
                         bool scores)
{
	json_t *o = json_object();
	for (size_t k = 0; k < q->nderived; k++)
		if (q->derived[k].is_score == scores && r->is_derived_known[k])
			json_object_set_new(o, q->derived[k].id, jsonw_num(r->derived[k]));
	return o;
}

static json_t *j_advice(const struct questionnaire *q, const struct engine_result *r)
{
	json_t *a = json_array();
	for (size_t k = 0; k < r->nadvice; k++) {
		json_t *o = json_object();
		json_object_set_new(o, "id", jsonw_str(q->advice[r->advice[k].advice].id));
		json_object_set_new(o, "text", jsonw_str(r->advice[k].text));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *j_changes(const struct questionnaire *q, const struct engine_result *r)
{
	json_t *a = json_array();
	for (size_t k = 0; k < r->nchanges; k++) {
		const struct engine_change *c = &r->changes[k];
		json_t *o = json_object();
		json_object_set_new(o, "item", jsonw_str(q->items[c->item].id));
		json_object_set_new(o, "from", render_json_answer(q, c->item, c->from));
		json_object_set_new(o, "to", render_json_answer(q, c->item, c->to));
		json_object_set_new(o, "outcome", jsonw_str(q->outcomes[c->outcome].id));
		json_object_set_new(o, "helpful", json_boolean(c->is_helpful));
		json_object_set_new(o, "text", jsonw_str(c->text));
		json_array_append_new(a, o);
	}
	return a;
}

/* A local date as YYYY-MM-DD, or null for 0 (no date). */
static json_t *jdate(time_t t)
{
	struct tm tm;
	char buf[32];
	if (t == 0 || localtime_r(&t, &tm) == NULL ||
	    strftime(buf, sizeof buf, "%Y-%m-%d", &tm) == 0)
		return json_null();
	return jsonw_str(buf);
}

static json_t *j_time_net(const struct questionnaire *q, const struct engine_result *r)
{
	json_t *a = json_array();
	for (size_t k = 0; k < r->ntime_net; k++) {
		const struct engine_time_net *t = &r->time_net[k];
		json_t *o = json_object();
		json_object_set_new(o, "item", jsonw_str(q->items[t->item].id));
		json_object_set_new(o, "value", jsonw_num(t->value));
		json_object_set_new(o, "outcome", jsonw_str(q->outcomes[t->outcome].id));
		json_object_set_new(o, "date", jdate(t->date));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *j_warnings(const struct engine_result *r)
{
	json_t *a = json_array();
	for (size_t k = 0; k < r->nwarnings; k++)
		json_array_append_new(a, jsonw_str(r->warnings[k]));
	return a;
}

json_t *render_json_answers(const struct engine *e)
{
	const struct questionnaire *q = engine_questionnaire(e);
	json_t *o = json_object();
	for (size_t i = 0; i < q->nitems; i++) {
		if (q->items[i].type == ITEM_NOTE)
			continue;
		if (engine_is_answered(e, i) || engine_is_skipped(e, i))
			json_object_set_new(o, q->items[i].id,
			                    render_json_answer(q, i, engine_answer(e, i)));
	}
	return o;
}

json_t *render_json_build(struct engine *e, const struct engine_result *r)
{
	const struct questionnaire *q = engine_questionnaire(e);
	const struct outcome *oc = &q->outcomes[r->outcome];
	json_t *o = json_object();
	json_object_set_new(o, "format_version", json_integer(RENDER_JSON_FORMAT_VERSION));
	json_object_set_new(o, "generated_at", rfc3339(r->generated_at));
	json_object_set_new(o, "questionnaire", j_questionnaire(q));
	json_object_set_new(o, "outcome", j_outcome(e, oc));
	json_object_set_new(o, "reasons", j_reasons(q, r));
	json_object_set_new(o, "derived", j_derived(q, r, false));
	json_object_set_new(o, "scores", j_derived(q, r, true));
	json_object_set_new(o, "advice", j_advice(q, r));
	json_object_set_new(o, "what_would_change", j_changes(q, r));
	json_object_set_new(o, "action", r->action != NULL ? jsonw_str(r->action) : json_null());
	json_object_set_new(o, "time_safety_net", j_time_net(q, r));
	json_object_set_new(o, "act_by", r->earliest >= 0 ? jdate(r->time_net[r->earliest].date)
	                                                  : json_null());
	json_object_set_new(o, "warnings", j_warnings(r));
	json_object_set_new(o, "safety_net", jsonw_str(engine_fill(e, &q->safety_net)));
	json_object_set_new(o, "disclaimer", jsonw_str(engine_fill(e, &q->disclaimer)));
	json_object_set_new(o, "recheck_days", oc->recheck_days >= 0 ?
	                    json_integer(oc->recheck_days) : json_null());
	json_object_set_new(o, "recheck_date", jdate(r->recheck_date));
	json_object_set_new(o, "answers", render_json_answers(e));
	return o;
}

void render_json_use_xalloc(void)
{
	json_set_alloc_funcs(xalloc, free);
}

char *render_json_string(struct engine *e, const struct engine_result *r)
{
	json_t *o = render_json_build(e, r);
	char *s = json_dumps(o, JSONW_PRETTY);
	json_decref(o);
	return s;
}

int render_json(FILE *out, struct engine *e, const struct engine_result *r)
{
	return jsonw_print(out, render_json_build(e, r), JSONW_PRETTY) == 0 && fflush(out) == 0 ? 0 : -1;
}

int render_json_line(FILE *out, struct engine *e, const struct engine_result *r,
                     const char *file, const char *error)
{
	json_t *o = e != NULL ? render_json_build(e, r) : json_object();
	json_object_set_new(o, "file", jsonw_str(file));
	json_object_set_new(o, "error", error != NULL ? jsonw_str(error) : json_null());
	return jsonw_print(out, o, JSONW_LINE);
}
