/*
 * render_fhir.c - FHIR R4 JSON (docs/fhir-mapping.md): the questionnaire as a Questionnaire,
 * and a run as a collection Bundle of its QuestionnaireResponse, one Observation per score
 * and one for the outcome. One of the files that include <jansson.h>; trees are built with
 * the *_new functions, so one json_decref() frees each.
 *
 * Items are listed flat (linkId = item id), each section headed by a display item (linkId =
 * section id); choices are codings in the code system "<questionnaire url>/<item id>". Resource ids
 * and fullUrls are urn:uuid values made from the SHA-256 of the run's JSON result, so the
 * same run gives the same Bundle byte for byte.
 */
#include "render.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "expr.h"
#include "jsonw_int.h"
#include "model.h"
#include "sha256.h"
#include "xalloc.h"

/* The extension that carries a condition enableWhen cannot say, in backcheck's syntax. */
#define EXT_CONDITION "https://backcheck.example.org/fhir/StructureDefinition/enable-condition"
/* Code systems for what backcheck itself names: the outcome observation, scores, outcomes. */
#define SYS_BACKCHECK "https://backcheck.example.org/fhir/CodeSystem/backcheck"

enum { MAX_TERMS = 16 };

static void set(json_t *o, const char *key, json_t *v)
{
	json_object_set_new(o, key, v);
}

/* The questionnaire's canonical url, or one made from its id. */
static const char *canonical(const struct questionnaire *q, char *buf, size_t sz)
{
	if (q->url != NULL)
		return q->url;
	snprintf(buf, sz, "https://backcheck.example.org/fhir/Questionnaire/%s", q->id);
	return buf;
}

static json_t *coding(const char *system, const char *code, const char *display)
{
	json_t *c = json_object();
	set(c, "system", jsonw_str(system));
	set(c, "code", jsonw_str(code));
	if (display != NULL && *display != '\0')
		set(c, "display", jsonw_str(display));
	return c;
}

static json_t *choice_coding(const struct questionnaire *q, size_t lang, const struct item *it,
                             size_t c)
{
	char buf[512], sys[1024];
	snprintf(sys, sizeof sys, "%s/%s", canonical(q, buf, sizeof buf), it->id);
	return coding(sys, it->choices[c].id, model_text(q, &it->choices[c].label, lang));
}

/* --- Questionnaire ------------------------------------------------------------------------- */

static const char *const fhir_type[ITEM_TYPES] = {
	[ITEM_YESNO] = "boolean", [ITEM_CHOICE] = "choice", [ITEM_MULTI] = "choice",
	[ITEM_INT] = "integer", [ITEM_NUMBER] = "decimal", [ITEM_SCALE] = "integer",
	[ITEM_TEXT] = "string", [ITEM_NOTE] = "display",
};

static const char *const term_op[] = {
	[EXPR_TERM_EQ] = "=", [EXPR_TERM_NE] = "!=", [EXPR_TERM_LT] = "<", [EXPR_TERM_LE] = "<=",
	[EXPR_TERM_GT] = ">", [EXPR_TERM_GE] = ">=", [EXPR_TERM_EXISTS] = "exists",
};

static json_t *enable_when(const struct questionnaire *q, size_t lang, const struct expr_term *t)
{
	const struct item *it = &q->items[t->item];
	json_t *w = json_object();
	set(w, "question", jsonw_str(it->id));
	set(w, "operator", jsonw_str(term_op[t->op]));
	if (t->op == EXPR_TERM_EXISTS)
		set(w, "answerBoolean", json_true());
	else if (t->v.kind == VAL_BOOL)
		set(w, "answerBoolean", json_boolean(t->v.u.b));
	else if (t->v.kind == VAL_CHOICE)
		set(w, "answerCoding", choice_coding(q, lang, it, t->v.u.choice));
	else if (it->type == ITEM_NUMBER)
		set(w, "answerDecimal", json_real(t->v.u.num));
	else
		set(w, "answerInteger", json_integer((json_int_t)t->v.u.num));
	return w;
}

/* A comparison of a whole number with 0 as the same comparison with 1 or -1: "> 0" is
 * ">= 1". False for "= 0" and "!= 0", which have no such twin. */
static bool off_zero(struct expr_term *t)
{
	static const struct { enum expr_term_op op; double v; } twin[] = {
		[EXPR_TERM_GT] = { EXPR_TERM_GE, 1 }, [EXPR_TERM_LE] = { EXPR_TERM_LT, 1 },
		[EXPR_TERM_GE] = { EXPR_TERM_GT, -1 }, [EXPR_TERM_LT] = { EXPR_TERM_LE, -1 },
	};
	if (t->op != EXPR_TERM_GT && t->op != EXPR_TERM_LE && t->op != EXPR_TERM_GE &&
	    t->op != EXPR_TERM_LT)
		return false;
	t->v.u.num = twin[t->op].v;
	t->op = twin[t->op].op;
	return true;
}

/*
 * Validators read false and 0 unreliably (the npm `fhir` validator takes answerBoolean false
 * and answerInteger 0 for a missing value), so terms are said without them where that is
 * exact: "= false" as "!= true" (and "!= false" as "= true") for a required yes/no item, which
 * has an answer whenever the item that depends on it is reached; a whole number against 0 as
 * against 1 or -1 (off_zero()). Where that is not exact (an optional yes/no item may have no
 * answer; "= 0"; a decimal 0) this returns false and the condition goes into the extension.
 */
static bool positive(const struct questionnaire *q, struct expr_term *t)
{
	const struct item *it = &q->items[t->item];
	if (t->v.kind == VAL_NUM && t->v.u.num == 0 && t->op != EXPR_TERM_EXISTS)
		return it->type != ITEM_NUMBER && off_zero(t);
	if (t->v.kind != VAL_BOOL || t->v.u.b || t->op == EXPR_TERM_EXISTS)
		return true;
	if (!q->items[t->item].is_required)
		return false;
	t->op = t->op == EXPR_TERM_EQ ? EXPR_TERM_NE : EXPR_TERM_EQ;
	t->v.u.b = true;
	return true;
}

/* enableWhen and enableBehavior where the condition fits, else the extension. */
static void condition(json_t *o, const struct questionnaire *q, size_t lang, const struct item *it)
{
	struct expr_term t[MAX_TERMS];
	bool is_any;
	int n = expr_terms(it->when, t, MAX_TERMS, &is_any);
	for (int k = 0; k < n; k++)
		if (!positive(q, &t[k]))
			n = -1;
	if (n > 0) {
		json_t *a = json_array();
		for (int k = 0; k < n; k++)
			json_array_append_new(a, enable_when(q, lang, &t[k]));
		set(o, "enableWhen", a);
		if (n > 1)
			set(o, "enableBehavior", jsonw_str(is_any ? "any" : "all"));
		return;
	}
	char *text = expr_to_string(it->when);
	json_t *ext = json_object();
	set(ext, "url", jsonw_str(EXT_CONDITION));
	set(ext, "valueString", jsonw_str(text));
	free(text);
	json_t *a = json_array();
	json_array_append_new(a, ext);
	set(o, "extension", a);
}

static json_t *range_ext(const char *which, const struct item *it, double x)
{
	char url[96];
	snprintf(url, sizeof url, "http://hl7.org/fhir/StructureDefinition/%s", which);
	json_t *e = json_object();
	set(e, "url", jsonw_str(url));
	set(e, it->type == ITEM_NUMBER ? "valueDecimal" : "valueInteger",
	    it->type == ITEM_NUMBER ? json_real(x) : json_integer((json_int_t)x));
	return e;
}

static json_t *q_item(const struct questionnaire *q, size_t lang, const struct item *it)
{
	json_t *o = json_object();
	set(o, "linkId", jsonw_str(it->id));
	set(o, "text", jsonw_str(model_text(q, &it->text, lang)));
	set(o, "type", jsonw_str(fhir_type[it->type]));
	if (it->type != ITEM_NOTE)
		set(o, "required", json_boolean(it->is_required));
	if (it->type == ITEM_MULTI)
		set(o, "repeats", json_true());
	if (it->type == ITEM_TEXT && it->max_length > 0)
		set(o, "maxLength", json_integer((json_int_t)it->max_length));
	if (it->when != NULL)
		condition(o, q, lang, it);
	if (it->type == ITEM_INT || it->type == ITEM_NUMBER || it->type == ITEM_SCALE) {
		json_t *ext = json_object_get(o, "extension");
		if (ext == NULL)
			set(o, "extension", ext = json_array());
		json_array_append_new(ext, range_ext("minValue", it, it->min));
		json_array_append_new(ext, range_ext("maxValue", it, it->max));
	}
	if (it->nchoices > 0) {
		json_t *a = json_array();
		for (size_t c = 0; c < it->nchoices; c++) {
			json_t *opt = json_object();
			set(opt, "valueCoding", choice_coding(q, lang, it, c));
			json_array_append_new(a, opt);
		}
		set(o, "answerOption", a);
	}
	return o;
}

/* Every item at the top level, each section headed by a display item (linkId = section id):
 * validators check nested items only in part, and a flat list loses nothing. */
static json_t *q_items(const struct questionnaire *q, size_t lang)
{
	json_t *items = json_array();
	for (size_t s = 0; s < q->nsections; s++) {
		const struct section *sec = &q->sections[s];
		json_t *head = json_object();
		set(head, "linkId", jsonw_str(sec->id));
		const char *title = model_text(q, &sec->title, lang);
		set(head, "text", jsonw_str(*title ? title : sec->id));
		set(head, "type", jsonw_str("display"));
		json_array_append_new(items, head);
		for (size_t i = sec->first_item; i < sec->first_item + sec->nitems; i++)
			json_array_append_new(items, q_item(q, lang, &q->items[i]));
	}
	return items;
}

/* A FHIR id: letters, digits, '-' and '.', at most 64. */
static json_t *fhir_id(const char *s)
{
	char buf[65];
	size_t n = 0;
	for (; n < 64 && s[n] != '\0'; n++) {
		char c = s[n];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		          c == '-' || c == '.';
		buf[n] = ok ? c : '-';
	}
	buf[n] = '\0';
	return jsonw_str(n > 0 ? buf : "questionnaire");
}

static int dump(FILE *out, json_t *o)
{
	return jsonw_print(out, o, JSONW_PRETTY) == 0 && fflush(out) == 0 ? 0 : -1;
}

int render_fhir_questionnaire(FILE *out, const struct questionnaire *q, size_t lang)
{
	static const char *const status[] = { [Q_STATUS_DRAFT] = "draft",
		[Q_STATUS_ACTIVE] = "active", [Q_STATUS_RETIRED] = "retired" };
	char buf[512];
	json_t *o = json_object();
	set(o, "resourceType", jsonw_str("Questionnaire"));
	set(o, "id", fhir_id(q->id));
	set(o, "language", jsonw_str(q->langs[lang]));
	set(o, "url", jsonw_str(canonical(q, buf, sizeof buf)));
	set(o, "version", jsonw_str(q->version));
	set(o, "title", jsonw_str(model_text(q, &q->title, lang)));
	set(o, "status", jsonw_str(status[q->status]));
	set(o, "item", q_items(q, lang));
	return dump(out, o);
}

/* --- The Bundle of a run ---------------------------------------------------------------------- */

struct bundle {
	struct engine *e;
	const struct engine_result *r;
	const struct questionnaire *q;
	const struct render_context *ctx;
	/* The SHA-256 of the run's JSON result, for the ids. */
	char seed[SHA256_HEX_LEN + 1];
	char authored[40];
	char response_url[64];
};

/* "urn:uuid:..." for the k-th resource of the bundle (0: the response). */
static void uuid_for(const struct bundle *b, int k, char *buf, size_t sz)
{
	char in[96], hex[SHA256_HEX_LEN + 1];
	snprintf(in, sizeof in, "%s/%d", b->seed, k);
	sha256_hex(in, strlen(in), hex);
	hex[12] = '4';
	hex[16] = "89ab"[hex[16] % 4];
	snprintf(buf, sz, "urn:uuid:%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16,
	         hex + 20);
}

/* When the check was made, in local time with its offset: "2026-12-02T09:15:30+01:00". */
static void authored(time_t t, char *buf, size_t sz)
{
	struct tm tm;
	char z[8];
	if (localtime_r(&t, &tm) == NULL || strftime(buf, sz, "%Y-%m-%dT%H:%M:%S", &tm) == 0 ||
	    strftime(z, sizeof z, "%z", &tm) != 5) {
		snprintf(buf, sz, "1970-01-01T00:00:00+00:00");
		return;
	}
	size_t n = strlen(buf);
	snprintf(buf + n, sz - n, "%.3s:%.2s", z, z + 3);
}

static json_t *answer_values(const struct bundle *b, size_t i)
{
	const struct item *it = &b->q->items[i];
	struct value v = engine_answer(b->e, i);
	size_t lang = engine_lang(b->e);
	json_t *a = json_array();
	for (size_t c = 0; it->type == ITEM_MULTI && c < it->nchoices && c < VALUE_SET_MAX; c++)
		if (v.u.set & (uint64_t)1 << c) {
			json_t *x = json_object();
			set(x, "valueCoding", choice_coding(b->q, lang, it, c));
			json_array_append_new(a, x);
		}
	if (it->type == ITEM_MULTI)
		return a;
	json_t *x = json_object();
	if (v.kind == VAL_BOOL)
		set(x, "valueBoolean", json_boolean(v.u.b));
	else if (v.kind == VAL_CHOICE)
		set(x, "valueCoding", choice_coding(b->q, lang, it, v.u.choice));
	else if (v.kind == VAL_STR)
		set(x, "valueString", jsonw_str(v.u.str));
	else if (it->type == ITEM_NUMBER)
		set(x, "valueDecimal", jsonw_num(v.u.num));
	else
		set(x, "valueInteger", json_integer((json_int_t)v.u.num));
	json_array_append_new(a, x);
	return a;
}

/* The answered items, in order, at the top level as in the Questionnaire. */
static json_t *response_items(const struct bundle *b)
{
	json_t *items = json_array();
	for (size_t i = 0; i < b->q->nitems; i++) {
		if (b->q->items[i].type == ITEM_NOTE || !engine_is_answered(b->e, i))
			continue;
		json_t *x = json_object();
		set(x, "linkId", jsonw_str(b->q->items[i].id));
		const char *text = model_text(b->q, &b->q->items[i].text, engine_lang(b->e));
		set(x, "text", jsonw_str(text));
		set(x, "answer", answer_values(b, i));
		json_array_append_new(items, x);
	}
	return items;
}

static json_t *subject(const struct bundle *b)
{
	if (b->ctx->subject == NULL && b->ctx->patient == NULL)
		return NULL;
	json_t *s = json_object();
	if (b->ctx->subject != NULL) {
		json_t *id = json_object();
		set(id, "value", jsonw_str(b->ctx->subject));
		set(s, "identifier", id);
	}
	if (b->ctx->patient != NULL)
		set(s, "display", jsonw_str(b->ctx->patient));
	return s;
}

static json_t *response(const struct bundle *b)
{
	char buf[512], canon[1024];
	snprintf(canon, sizeof canon, "%s|%s", canonical(b->q, buf, sizeof buf), b->q->version);
	json_t *o = json_object();
	set(o, "resourceType", jsonw_str("QuestionnaireResponse"));
	set(o, "questionnaire", jsonw_str(canon));
	set(o, "status", jsonw_str(engine_next(b->e) < 0 ? "completed" : "in-progress"));
	json_t *s = subject(b);
	if (s != NULL)
		set(o, "subject", s);
	set(o, "authored", jsonw_str(b->authored));
	json_t *items = response_items(b);
	if (json_array_size(items) > 0)
		set(o, "item", items);
	else
		json_decref(items);
	return o;
}

/* An Observation of the run with code (system, code, display), derived from the response. */
static json_t *observation(const struct bundle *b, const char *code, const char *display)
{
	json_t *o = json_object();
	set(o, "resourceType", jsonw_str("Observation"));
	set(o, "status", jsonw_str("final"));
	json_t *cc = json_object(), *codings = json_array();
	json_array_append_new(codings, coding(SYS_BACKCHECK, code, display));
	set(cc, "coding", codings);
	set(cc, "text", jsonw_str(display));
	set(o, "code", cc);
	json_t *s = subject(b);
	if (s != NULL)
		set(o, "subject", s);
	set(o, "effectiveDateTime", jsonw_str(b->authored));
	json_t *from = json_array(), *ref = json_object();
	set(ref, "reference", jsonw_str(b->response_url));
	json_array_append_new(from, ref);
	set(o, "derivedFrom", from);
	return o;
}

static json_t *quantity(double x)
{
	json_t *v = json_object();
	set(v, "value", jsonw_num(x));
	return v;
}

static json_t *score_observation(const struct bundle *b, size_t k)
{
	const struct derived *dv = &b->q->derived[k];
	json_t *o = observation(b, dv->id, engine_fill(b->e, &dv->title));
	set(o, "valueQuantity", quantity(b->r->derived[k]));
	json_t *range = json_object(), *ranges = json_array();
	set(range, "low", quantity(dv->min));
	set(range, "high", quantity(dv->max));
	set(range, "text", jsonw_str(dv->higher_is == HIGHER_IS_WORSE ? "higher is worse"
	                        : dv->higher_is == HIGHER_IS_BETTER ? "higher is better"
	                        : "neither better nor worse"));
	json_array_append_new(ranges, range);
	set(o, "referenceRange", ranges);
	return o;
}

/* The rules that matched, the deciding one first said, as the outcome's note. */
static json_t *rules_note(const struct bundle *b)
{
	char *s = NULL;
	size_t len = 0;
	FILE *m = xalloc_memstream(&s, &len);
	fprintf(m, "Decided by %s. Rules matched:", b->r->decisive_rule >= 0
	        ? b->q->rules[b->r->decisive_rule].id : "the default outcome");
	for (size_t k = 0; k < b->r->nreasons; k++)
		fprintf(m, "%s %s", k ? "," : "", b->q->rules[b->r->reasons[k].rule].id);
	fputs(b->r->nreasons ? "." : " none.", m);
	fclose(m);
	json_t *notes = json_array(), *n = json_object();
	set(n, "text", jsonw_str(s));
	free(s);
	json_array_append_new(notes, n);
	return notes;
}

static json_t *outcome_observation(const struct bundle *b)
{
	const struct outcome *oc = &b->q->outcomes[b->r->outcome];
	json_t *o = observation(b, "outcome", "backcheck outcome");
	char buf[512], sys[1024];
	snprintf(sys, sizeof sys, "%s/outcome", canonical(b->q, buf, sizeof buf));
	json_t *cc = json_object(), *codings = json_array();
	const char *title = engine_fill(b->e, &oc->title);
	json_array_append_new(codings, coding(sys, oc->id, title));
	set(cc, "coding", codings);
	set(cc, "text", jsonw_str(title));
	set(o, "valueCodeableConcept", cc);
	set(o, "note", rules_note(b));
	return o;
}

static void entry(json_t *entries, const struct bundle *b, int k, json_t *resource)
{
	char url[64];
	uuid_for(b, k, url, sizeof url);
	json_t *x = json_object();
	set(x, "fullUrl", jsonw_str(url));
	set(x, "resource", resource);
	json_array_append_new(entries, x);
}

/* Appends the run's resources to entries; its time to *when. Returns 0, or -1. */
static int add_run(json_t *entries, struct engine *e, const struct engine_result *r,
                   const struct render_context *ctx, char *when, size_t sz)
{
	struct render_context none = { 0 };
	struct bundle b = { e, r, engine_questionnaire(e), ctx ? ctx : &none, "", "", "" };
	char *json = render_json_string(e, r);
	if (json == NULL)
		return -1;
	sha256_hex(json, strlen(json), b.seed);
	free(json);
	authored(b.ctx->at ? b.ctx->at : r->generated_at, b.authored, sizeof b.authored);
	snprintf(when, sz, "%s", b.authored);
	uuid_for(&b, 0, b.response_url, sizeof b.response_url);
	entry(entries, &b, 0, response(&b));
	int k = 1;
	for (size_t d = 0; d < b.q->nderived; d++)
		if (b.q->derived[d].is_score && r->is_derived_known[d])
			entry(entries, &b, k++, score_observation(&b, d));
	entry(entries, &b, k, outcome_observation(&b));
	return 0;
}

static json_t *collection(json_t *entries, const char *when)
{
	json_t *o = json_object();
	set(o, "resourceType", jsonw_str("Bundle"));
	set(o, "type", jsonw_str("collection"));
	set(o, "timestamp", jsonw_str(when));
	set(o, "entry", entries);
	return o;
}

int render_fhir_bundle(FILE *out, struct engine *e, const struct engine_result *r,
                       const struct render_context *ctx)
{
	char when[40];
	json_t *entries = json_array();
	if (add_run(entries, e, r, ctx, when, sizeof when) != 0) {
		json_decref(entries);
		return -1;
	}
	return dump(out, collection(entries, when));
}

int render_fhir_collection(FILE *out, struct engine *const *e, const struct render_context *ctx,
                           size_t n)
{
	char when[40] = "1970-01-01T00:00:00+00:00", last[40];
	json_t *entries = json_array();
	for (size_t k = 0; k < n; k++) {
		if (add_run(entries, e[k], engine_decide(e[k]), &ctx[k], last, sizeof last) != 0) {
			json_decref(entries);
			return -1;
		}
		if (strcmp(last, when) > 0)
			memcpy(when, last, sizeof when);
	}
	return dump(out, collection(entries, when));
}
