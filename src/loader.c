/*
 * loader.c - loading a questionnaire: entry points, the table of keys per mapping kind, and
 * the top level. The other passes live in loader_items.c, loader_rules.c, loader_expr.c and
 * loader_check.c (see loader_int.h for the order).
 *
 * Invariant: a questionnaire is returned only when loading reported no error; otherwise its
 * arena is freed and NULL is returned, with every problem found in the diag.
 */
#include "loader.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "idmap.h"
#include "i18n.h"
#include "loader_int.h"
#include "qpath.h"
#include "sha256.h"
#include "suggest.h"
#include "yamlio.h"

static const char *const top_keys[] = {
	[TOP_ID] = "id", [TOP_VERSION] = "version", [TOP_URL] = "url", [TOP_STATUS] = "status",
	[TOP_TITLE] = "title", [TOP_INTRODUCTION] = "introduction", [TOP_LANGUAGE] = "language",
	[TOP_LANGUAGES] = "languages", [TOP_REGION] = "region", [TOP_SECTIONS] = "sections",
	[TOP_DERIVED] = "derived", [TOP_SCORES] = "scores", [TOP_OUTCOMES] = "outcomes",
	[TOP_RULES] = "rules", [TOP_DEFAULT] = "default", [TOP_ADVICE] = "advice",
	[TOP_SAFETY_NET] = "safety_net", [TOP_DISCLAIMER] = "disclaimer",
	[TOP_PROPERTIES] = "properties", [TOP_ALERT_SEVERITY] = "alert_severity",
	[TOP_CONFLICTS] = "conflicts",
	[TOP_NKEYS] = NULL,
};
static const char *const section_keys[] = {
	[SEC_ID] = "id", [SEC_TITLE] = "title", [SEC_INTRODUCTION] = "introduction",
	[SEC_ITEMS] = "items", [SEC_NKEYS] = NULL,
};
static const char *const item_keys[] = {
	[IT_ID] = "id", [IT_TYPE] = "type", [IT_TEXT] = "text", [IT_HELP] = "help",
	[IT_REQUIRED] = "required", [IT_WHEN] = "when", [IT_MODIFIABLE] = "modifiable",
	[IT_BETTER] = "better", [IT_STABLE] = "stable", [IT_MIN] = "min", [IT_MAX] = "max",
	[IT_STEP] = "step", [IT_UNIT] = "unit", [IT_UNIT_ONE] = "unit_one",
	[IT_MIN_LABEL] = "min_label",
	[IT_MAX_LABEL] = "max_label", [IT_CHOICES] = "choices", [IT_MAX_LENGTH] = "max_length",
	[IT_CHECK] = "check", [IT_GROWS] = "grows", [IT_CHANGE] = "change", [IT_NKEYS] = NULL,
};
static const char *const choice_keys[] = {
	[CH_ID] = "id", [CH_LABEL] = "label", [CH_HELP] = "help", [CH_EXCLUSIVE] = "exclusive",
	[CH_WHEN] = "when", [CH_NKEYS] = NULL,
};
static const char *const check_keys[] = {
	[CK_VALID] = "valid", [CK_MESSAGE] = "message", [CK_NKEYS] = NULL,
};
static const char *const derived_keys[] = {
	[DV_ID] = "id", [DV_TITLE] = "title", [DV_DESCRIPTION] = "description",
	[DV_UNIT] = "unit", [DV_UNIT_ONE] = "unit_one", [DV_VALUE] = "value",
	[DV_NDERIVED] = NULL,
};
static const char *const score_keys[] = {
	[DV_ID] = "id", [DV_TITLE] = "title", [DV_DESCRIPTION] = "description",
	[DV_UNIT] = "unit", [DV_UNIT_ONE] = "unit_one", [DV_VALUE] = "value", [DV_RANGE] = "range",
	[DV_HIGHER_IS] = "higher_is", [DV_NKEYS] = NULL,
};
static const char *const outcome_keys[] = {
	[OC_ID] = "id", [OC_SEVERITY] = "severity", [OC_RECHECK_DAYS] = "recheck_days",
	[OC_TITLE] = "title", [OC_SUMMARY] = "summary", [OC_EXPLANATION] = "explanation",
	[OC_ADVICE] = "advice", [OC_CONFIRM] = "confirm", [OC_NKEYS] = NULL,
};
static const char *const rule_keys[] = {
	[RU_ID] = "id", [RU_WHEN] = "when", [RU_OUTCOME] = "outcome", [RU_BECAUSE] = "because",
	[RU_STOP] = "stop", [RU_ACTION] = "action", [RU_NKEYS] = NULL,
};
static const char *const advice_keys[] = {
	[AD_ID] = "id", [AD_WHEN] = "when", [AD_TEXT] = "text", [AD_NKEYS] = NULL,
};
static const char *const part_keys[] = {
	[PT_WHEN] = "when", [PT_TEXT] = "text", [PT_NKEYS] = NULL,
};
static const char *const property_keys[] = {
	[PR_ID] = "id", [PR_GIVEN] = "given", [PR_EXPECT] = "expect", [PR_NKEYS] = NULL,
};

const struct loader_keyset loader_keysets[] = {
	[KC_TOP] = { "top level", top_keys },
	[KC_SECTION] = { "section", section_keys },
	[KC_ITEM] = { "item", item_keys },
	[KC_CHOICE] = { "choice", choice_keys },
	[KC_DERIVED] = { "derived value", derived_keys },
	[KC_SCORE] = { "score", score_keys },
	[KC_OUTCOME] = { "outcome", outcome_keys },
	[KC_RULE] = { "rule", rule_keys },
	[KC_ADVICE] = { "advice note", advice_keys },
	[KC_PROPERTY] = { "property", property_keys },
	[KC_PART] = { "because part", part_keys },
	[KC_ACTION_PART] = { "action part", part_keys },
	[KC_CHECK] = { "item check", check_keys },
	[KC_COUNT] = { NULL, NULL },
};

#define BIT(k) (1u << (k))

/* What each mapping kind is called in messages (translated at use), and which of its keys
 * are required. */
static const struct {
	const char *what;
	uint32_t required;
} contexts[KC_COUNT] = {
	[KC_TOP] = { N_("the questionnaire"),
		     BIT(TOP_ID) | BIT(TOP_VERSION) | BIT(TOP_URL) | BIT(TOP_STATUS) |
		     BIT(TOP_TITLE) | BIT(TOP_LANGUAGE) | BIT(TOP_SECTIONS) | BIT(TOP_OUTCOMES) |
		     BIT(TOP_RULES) | BIT(TOP_DEFAULT) | BIT(TOP_SAFETY_NET) |
		     BIT(TOP_DISCLAIMER) },
	[KC_SECTION] = { N_("a section"), BIT(SEC_ID) | BIT(SEC_TITLE) | BIT(SEC_ITEMS) },
	[KC_ITEM] = { N_("an item"), BIT(IT_ID) | BIT(IT_TYPE) | BIT(IT_TEXT) },
	[KC_CHOICE] = { N_("a choice"), BIT(CH_ID) | BIT(CH_LABEL) },
	[KC_DERIVED] = { N_("a derived value"), BIT(DV_ID) | BIT(DV_TITLE) | BIT(DV_VALUE) },
	[KC_SCORE] = { N_("a score"), BIT(DV_ID) | BIT(DV_TITLE) | BIT(DV_VALUE) | BIT(DV_RANGE) |
		       BIT(DV_HIGHER_IS) },
	[KC_OUTCOME] = { N_("an outcome"), BIT(OC_ID) | BIT(OC_SEVERITY) | BIT(OC_TITLE) |
			 BIT(OC_SUMMARY) | BIT(OC_EXPLANATION) | BIT(OC_ADVICE) },
	[KC_RULE] = { N_("a rule"), BIT(RU_ID) | BIT(RU_WHEN) | BIT(RU_OUTCOME) | BIT(RU_BECAUSE) },
	[KC_ADVICE] = { N_("an advice note"), BIT(AD_ID) | BIT(AD_WHEN) | BIT(AD_TEXT) },
	[KC_PROPERTY] = { N_("a property"), BIT(PR_ID) | BIT(PR_GIVEN) | BIT(PR_EXPECT) },
	[KC_PART] = { N_("a part of 'because'"), BIT(PT_TEXT) },
	[KC_ACTION_PART] = { N_("a part of 'action'"), BIT(PT_TEXT) },
	[KC_CHECK] = { N_("a check"), BIT(CK_VALID) | BIT(CK_MESSAGE) },
};

static void unknown_key(struct ld *ld, const struct ynode *key, enum key_context kc)
{
	const char *const *keys = loader_keysets[kc].keys;
	size_t n = 0;
	while (keys[n] != NULL)
		n++;
	const char *best = suggest_closest(key->str, key->len, keys, n);
	if (best != NULL)
		ld_error(ld, key, "unknown key '%s' in %s; did you mean '%s'?", key->str,
		         _(contexts[kc].what), best);
	else
		ld_error(ld, key, "unknown key '%s' in %s", key->str, _(contexts[kc].what));
}

static int key_index(const char *const *keys, const struct ynode *key)
{
	/* The first byte rules out most keys before strlen() (every key is non-empty). */
	for (int i = 0; keys[i] != NULL; i++)
		if (key->len > 0 && keys[i][0] == key->str[0] && strlen(keys[i]) == key->len &&
		    memcmp(keys[i], key->str, key->len) == 0)
			return i;
	return -1;
}

int ld_fields(struct ld *ld, const struct ynode *map, enum key_context kc,
              const struct ynode **vals)
{
	const char *const *keys = loader_keysets[kc].keys;
	int nkeys = 0;
	while (keys[nkeys] != NULL)
		vals[nkeys++] = NULL;
	if (map->kind != YNODE_MAP) {
		ld_error(ld, map, "%s must be a mapping of keys, not %s", _(contexts[kc].what),
		         ld_describe(ld, map));
		return -1;
	}
	for (size_t i = 0; i < map->n; i++) {
		int k = key_index(keys, map->keys[i]);
		if (k < 0)
			unknown_key(ld, map->keys[i], kc);
		else
			vals[k] = map->items[i];
	}
	for (int k = 0; k < nkeys; k++)
		if ((contexts[kc].required & BIT(k)) && vals[k] == NULL)
			ld_error(ld, map, "missing required key '%s' in %s", keys[k],
			         _(contexts[kc].what));
	return 0;
}

static int language_code(struct ld *ld, const struct ynode *n, const char *key,
                         const char **out)
{
	if (ld_string(ld, n, key, out) != 0)
		return -1;
	size_t len = strlen(*out);
	bool ok = len >= 2 && len <= 15;
	for (size_t i = 0; ok && i < len; i++)
		ok = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-",
		            (*out)[i]) != NULL;
	if (!ok) {
		ld_error(ld, n, "'%s' is not a language code such as 'en' or 'de'", *out);
		return -1;
	}
	return 0;
}

static void add_lang(struct ld *ld, const struct ynode *n, const char *code)
{
	struct questionnaire *q = ld->q;
	for (size_t i = 0; i < q->nlangs; i++)
		if (strcmp(q->langs[i], code) == 0) {
			ld_error(ld, n, "language '%s' is listed twice", code);
			return;
		}
	if (q->nlangs == MODEL_MAX_LANGS)
		ld_error(ld, n, "at most %d languages may be offered", MODEL_MAX_LANGS);
	else
		q->langs[q->nlangs++] = code;
}

/* langs[0] is `language`; `languages` adds the others and must include it. */
static void languages(struct ld *ld, const struct ynode *lang, const struct ynode *list)
{
	const char *def = "en";
	if (lang != NULL && language_code(ld, lang, "language", &def) != 0)
		def = "en";
	ld->q->langs[ld->q->nlangs++] = def;
	if (list == NULL || ld_seq(ld, list, "languages") != 0)
		return;
	bool has_default = false;
	for (size_t i = 0; i < list->n; i++) {
		const char *code;
		if (language_code(ld, list->items[i], "languages", &code) != 0)
			continue;
		if (strcmp(code, def) != 0)
			add_lang(ld, list->items[i], code);
		else if (has_default)
			ld_error(ld, list->items[i], "language '%s' is listed twice", code);
		has_default = has_default || strcmp(code, def) == 0;
	}
	if (!has_default && lang != NULL)
		ld_error(ld, list, "'languages' must include the default language '%s'", def);
}

static void metadata(struct ld *ld, const struct ynode **v)
{
	static const char *const statuses[] = { "draft", "active", "retired" };
	struct questionnaire *q = ld->q;
	int status = Q_STATUS_DRAFT;
	if (v[TOP_ID] != NULL && ld_string(ld, v[TOP_ID], "id", &q->id) == 0 &&
	    !qpath_is_id(q->id))
		ld_error(ld, v[TOP_ID], "the questionnaire id '%s' may hold only letters, digits, "
		         "'-' and '_'", q->id);
	if (v[TOP_VERSION] != NULL)
		ld_string(ld, v[TOP_VERSION], "version", &q->version);
	if (v[TOP_URL] != NULL && ld_string(ld, v[TOP_URL], "url", &q->url) == 0 &&
	    strncmp(q->url, "https://", 8) != 0 && strncmp(q->url, "http://", 7) != 0 &&
	    strncmp(q->url, "urn:", 4) != 0)
		ld_error(ld, v[TOP_URL], "'url' must be an absolute URL (https://...), not '%s'",
		         q->url);
	if (v[TOP_STATUS] != NULL && ld_enum(ld, v[TOP_STATUS], "status", statuses, 3, &status) == 0)
		q->status = (enum q_status)status;
	if (v[TOP_REGION] != NULL)
		ld_string(ld, v[TOP_REGION], "region", &q->region);
	ld_text(ld, v[TOP_TITLE], "title", &q->title);
	ld_text(ld, v[TOP_INTRODUCTION], "introduction", &q->introduction);
	ld_text(ld, v[TOP_SAFETY_NET], "safety_net", &q->safety_net);
	ld_text(ld, v[TOP_DISCLAIMER], "disclaimer", &q->disclaimer);
}

/* `alert_severity`, and `confirm` on exactly the outcomes at or above it. */
static void alert_severity(struct ld *ld, const struct ynode *n)
{
	struct questionnaire *q = ld->q;
	long sev;
	if (n != NULL && ld_whole(ld, n, "alert_severity", &sev) == 0) {
		q->has_alert_severity = true;
		q->alert_severity = sev < -1000000 ? -1000000 : sev > 1000000 ? 1000000 : (int)sev;
	}
	for (size_t o = 0; o < q->noutcomes; o++) {
		const struct outcome *oc = &q->outcomes[o];
		bool is_alert = model_is_alert_outcome(q, o);
		if (is_alert && oc->confirm.s == NULL)
			diag_error(ld->d, oc->pos, "outcome '%s' has severity %d, at or above "
			           "'alert_severity' (%d), so it needs 'confirm': the sentence that names "
			           "the consequence", oc->id, oc->severity, q->alert_severity);
		else if (!is_alert && oc->confirm.s != NULL && q->has_alert_severity)
			diag_warning(ld->d, oc->confirm.pos, "'confirm' is shown only for outcomes at or "
			             "above 'alert_severity' (%d); '%s' has severity %d", q->alert_severity,
			             oc->id, oc->severity);
		else if (!is_alert && oc->confirm.s != NULL)
			diag_warning(ld->d, oc->confirm.pos, "'confirm' is shown only for outcomes at or "
			             "above 'alert_severity', which this questionnaire does not set");
	}
}

/* Alert rules should say what to do. */
static void alert_actions(struct ld *ld)
{
	const struct questionnaire *q = ld->q;
	for (size_t r = 0; r < q->nrules; r++)
		if (model_is_alert_rule(q, r) && !model_has_action(&q->rules[r]))
			diag_warning(ld->d, q->rules[r].pos, "rule '%s' leads to '%s', at or above "
			             "'alert_severity', but has no 'action' saying what to do",
			             q->rules[r].id, q->outcomes[q->rules[r].outcome].id);
}

static void top_level(struct ld *ld, const struct ynode *root)
{
	const struct ynode *v[TOP_NKEYS] = { 0 };
	if (ld_fields(ld, root, KC_TOP, v) != 0)
		return;
	languages(ld, v[TOP_LANGUAGE], v[TOP_LANGUAGES]);
	metadata(ld, v);
	if (v[TOP_SECTIONS] != NULL)
		ld_sections(ld, v[TOP_SECTIONS]);
	ld_derived(ld, v[TOP_DERIVED], v[TOP_SCORES]);
	if (v[TOP_OUTCOMES] != NULL)
		ld_outcomes(ld, v[TOP_OUTCOMES]);
	if (v[TOP_DEFAULT] != NULL) {
		long o = ld_outcome_ref(ld, v[TOP_DEFAULT], "default");
		ld->q->default_outcome = o >= 0 ? (size_t)o : 0;
	}
	alert_severity(ld, v[TOP_ALERT_SEVERITY]);
	if (v[TOP_RULES] != NULL)
		ld_rules(ld, v[TOP_RULES]);
	alert_actions(ld);
	if (v[TOP_ADVICE] != NULL)
		ld_advice(ld, v[TOP_ADVICE]);
	if (v[TOP_PROPERTIES] != NULL)
		ld_properties(ld, v[TOP_PROPERTIES]);
	if (v[TOP_CONFLICTS] != NULL)
		ld_conflicts(ld, v[TOP_CONFLICTS]);
	ld_compile_all(ld);
	ld_check_placeholders(ld);
}

/* Loads text (len bytes) named name; the caller registers the text with the diag. */
static struct questionnaire *load(const char *name, const char *text, size_t len,
                                  struct diag *d)
{
	/* The tree and the model take some 8 bytes for every byte of text (the default
	 * questionnaire's 67 KB, 0.5 MiB; generated items, 30): enough, from 32 KB of text, for
	 * the arena to start in huge pages. */
	struct arena *a = arena_new_expecting(len * 8);
	struct questionnaire *q = arena_alloc(a, sizeof *q);
	q->arena = a;
	q->path = arena_strdup(a, name);
	sha256_hex(text, len, q->sha256);
	struct ld ld = { .q = q, .a = a, .d = d, .file = q->path, .errors_before = diag_errors(d) };
	size_t first = diag_count(d);
	ld.ids = idmap_new(a);
	q->ids = ld.ids;
	const struct ynode *root = yamlio_parse(a, d, q->path, text, len);
	if (root != NULL)
		top_level(&ld, root);
	free(ld.texts);
	diag_sort(d, first);
	if (root == NULL || diag_errors(d) > ld.errors_before) {
		arena_free(a);
		return NULL;
	}
	return q;
}

struct questionnaire *loader_load_string(const char *name, const char *text, size_t len,
                                         struct diag *d)
{
	diag_add_source(d, name, text, len);
	return load(name, text, len, d);
}

struct questionnaire *loader_load_file(const char *path, struct diag *d, int *is_unreadable)
{
	char *text = NULL;
	size_t len = 0;
	int unreadable = 0;
	if (yamlio_read_file(path, LOADER_MAX_FILE_SIZE, &text, &len, d, &unreadable) != 0) {
		if (is_unreadable != NULL)
			*is_unreadable = unreadable;
		return NULL;
	}
	if (is_unreadable != NULL)
		*is_unreadable = 0;
	struct questionnaire *q = load(path, text, len, d);
	/* The diag keeps the text for excerpts: handed over, not copied. */
	diag_take_source(d, path, text, len);
	return q;
}

void questionnaire_free(struct questionnaire *q)
{
	if (q != NULL)
		arena_free(q->arena);
}
