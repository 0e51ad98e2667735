/*
 * test_loader.c - the questionnaire loader and the model: the example questionnaire uses the
 * whole format, every broken questionnaire gives exactly its expected diagnostics, scopes of
 * conditions, evaluation order, look-ups, languages, fingerprints and a 100,000-item file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "testlib.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "expr.h"
#include "loader.h"
#include "model.h"
#include "sha256.h"
#include "yamlio.h"

#define EXAMPLE "questionnaires/example.yaml"
#define BROKEN "tests/data/broken"

/* Loads text; on failure prints the diagnostics so that the test says why. */
static struct questionnaire *load(const char *text, struct diag *d)
{
	struct questionnaire *q = loader_load_string("t.yaml", text, strlen(text), d);
	if (q == NULL) {
		char *out = tl_diag_brief(d);
		print_message("%s", out);
		free(out);
	}
	return q;
}

static const char HEAD[] =
	"id: t\nversion: '1'\nurl: https://example.org/t\nstatus: draft\ntitle: T\n"
	"language: en\noutcomes:\n  - {id: ok, severity: 1, title: O, summary: S, "
	"explanation: E, advice: A}\n  - {id: bad, severity: 2, title: B, summary: S, "
	"explanation: E, advice: A}\nrules: []\ndefault: ok\nsafety_net: S\ndisclaimer: D\n";

/* Loads HEAD, then one section "s" whose items are items, then rest. */
static struct questionnaire *load_section(const char *items, const char *rest, struct diag *d)
{
	char text[4096];
	int n = snprintf(text, sizeof text, "%ssections:\n  - id: s\n    title: S\n    items:\n%s%s",
	                 HEAD, items, rest);
	assert_true(n > 0 && (size_t)n < sizeof text);
	return load(text, d);
}

/* --- The example uses the whole format ------------------------------------------------ */

/* Which mapping kind (an index of loader_keysets) the list under key of kind kc holds. */
static int child_context(int kc, const char *key)
{
	static const struct {
		int parent;
		const char *key;
		int child;
	} children[] = {
		{ 0, "sections", 1 }, { 1, "items", 2 }, { 2, "choices", 3 }, { 0, "derived", 4 },
		{ 0, "scores", 5 }, { 0, "outcomes", 6 }, { 0, "rules", 7 }, { 0, "advice", 8 },
		{ 0, "properties", 9 }, { 7, "because", 10 }, { 7, "action", 11 }, { 2, "check", 12 },
	};
	for (size_t i = 0; i < sizeof children / sizeof *children; i++)
		if (children[i].parent == kc && strcmp(children[i].key, key) == 0)
			return children[i].child;
	return -1;
}

static int key_index(int kc, const char *key)
{
	for (int i = 0; loader_keysets[kc].keys[i] != NULL; i++)
		if (strcmp(loader_keysets[kc].keys[i], key) == 0)
			return i;
	return -1;
}

static void walk(const struct ynode *n, int kc, bool used[][32], char **exprs, size_t *elen)
{
	if (n->kind != YNODE_MAP)
		return;
	for (size_t i = 0; i < n->n; i++) {
		const char *key = n->keys[i]->str;
		const struct ynode *v = n->items[i];
		int k = key_index(kc, key);
		if (k >= 0)
			used[kc][k] = true;
		bool is_expr = strcmp(key, "when") == 0 || strcmp(key, "value") == 0 ||
		               strcmp(key, "given") == 0 || strcmp(key, "valid") == 0;
		if (is_expr && v->kind == YNODE_SCALAR) {
			*exprs = realloc(*exprs, *elen + v->len + 3);
			assert_non_null(*exprs);
			*elen += (size_t)sprintf(*exprs + *elen, " %s\n", v->str);
		}
		int child = child_context(kc, key);
		if (child >= 0 && v->kind == YNODE_MAP)
			walk(v, child, used, exprs, elen);
		for (size_t j = 0; child >= 0 && v->kind == YNODE_SEQ && j < v->n; j++)
			walk(v->items[j], child, used, exprs, elen);
	}
}

static void test_loader_example_uses_every_key_type_function(void **state)
{
	(void)state;
	size_t len;
	char *text = tl_slurp(EXAMPLE, &len);
	assert_non_null(text);
	struct arena *a = arena_new();
	struct diag *d = diag_new();
	struct ynode *root = yamlio_parse(a, d, EXAMPLE, text, len);
	assert_non_null(root);
	bool used[16][32] = { { false } };
	char *exprs = calloc(1, 1);
	size_t elen = 0;
	walk(root, 0, used, &exprs, &elen);
	int missing = 0;
	for (int kc = 0; loader_keysets[kc].context != NULL; kc++)
		for (int k = 0; loader_keysets[kc].keys[k] != NULL; k++)
			if (!used[kc][k]) {
				print_error("example.yaml does not use the %s key '%s'\n",
				            loader_keysets[kc].context, loader_keysets[kc].keys[k]);
				missing++;
			}
	for (int i = 0; expr_function_names[i] != NULL; i++) {
		char call[64];
		snprintf(call, sizeof call, "%s(", expr_function_names[i]);
		if (strstr(exprs, call) == NULL) {
			print_error("example.yaml does not use the function %s\n", call);
			missing++;
		}
	}
	static const char *const operators[] = {
		" + ", " - ", " * ", " / ", " == ", " != ", " < ", " <= ", " > ", " >= ",
		" and ", " or ", "not ", " in [", " in disturbances", ", -", "(", "true", "false", "\"",
	};
	for (size_t i = 0; i < sizeof operators / sizeof *operators; i++)
		if (strstr(exprs, operators[i]) == NULL) {
			print_error("example.yaml does not use the operator '%s'\n", operators[i]);
			missing++;
		}
	struct questionnaire *q = loader_load_file(EXAMPLE, d, NULL);
	assert_non_null(q);
	for (int t = 0; t < ITEM_TYPES; t++) {
		bool found = false;
		for (size_t i = 0; i < q->nitems; i++)
			found = found || q->items[i].type == (enum item_type)t;
		if (!found) {
			print_error("example.yaml has no item of type %s\n", model_item_type_names[t]);
			missing++;
		}
	}
	assert_int_equal(missing, 0);
	questionnaire_free(q);
	free(exprs);
	free(text);
	diag_free(d);
	arena_free(a);
}

static void test_loader_example_model(void **state)
{
	(void)state;
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_file(EXAMPLE, d, NULL);
	assert_non_null(q);
	char *out = tl_diag_brief(d);
	assert_string_equal(out, "");
	free(out);
	assert_string_equal(q->id, "sleep-check");
	assert_int_equal(q->status, Q_STATUS_ACTIVE);
	assert_int_equal(q->nlangs, 2);
	assert_string_equal(q->langs[1], "de");
	assert_int_equal(q->nsections, 2);
	assert_int_equal(q->sections[1].first_item, 3);
	assert_int_equal(q->sections[1].nitems, 8);
	assert_int_equal(q->nitems, 11);
	const struct item *hours = model_item(q, "sleep_hours");
	assert_non_null(hours);
	assert_int_equal(hours->type, ITEM_NUMBER);
	assert_true(hours->step == 0.25 && hours->min == 0 && hours->max == 14);
	assert_int_equal(hours->better, BETTER_HIGHER);
	const struct item *screen = model_item(q, "screen_time");
	assert_int_equal(screen->better, BETTER_CHOICES);
	assert_true(screen->choices[0].is_better && screen->choices[1].is_better);
	assert_false(screen->choices[2].is_better);
	const struct item *dist = model_item(q, "disturbances");
	assert_true(dist->choices[4].is_exclusive);
	assert_int_equal(model_choice(dist, "caffeine"), 2);
	assert_null(dist->choices[0].when);
	assert_non_null(dist->choices[5].when);
	assert_int_equal(model_item(q, "poor_sleep_weeks")->grows, GROWS_WEEKS);
	assert_int_equal(hours->grows, GROWS_NONE);
	const struct item *wake = model_item(q, "wake_ups");
	assert_non_null(wake->check.valid);
	assert_string_equal(model_text(q, &wake->check.message, 0), "You said you do not sleep at "
	                    "all, so you cannot wake up in the night. Please check the number.");
	assert_null(hours->check.valid);
	assert_true(q->has_alert_severity);
	assert_int_equal(q->alert_severity, 3);
	assert_true(model_is_alert_outcome(q, 0));
	assert_false(model_is_alert_outcome(q, 1));
	assert_string_equal(model_text(q, &q->outcomes[0].confirm, 0), "With this answer, the "
	                    "check will tell you to talk to your doctor.");
	assert_null(q->outcomes[1].confirm.s);
	assert_true(model_has_action(&q->rules[0]));
	assert_int_equal(q->rules[1].naction_parts, 2);
	assert_non_null(q->rules[1].action_parts[1].when);
	assert_false(model_has_action(&q->rules[3]));
	assert_true(model_is_alert_rule(q, 2));
	assert_false(model_is_alert_rule(q, 3));
	const struct item *notes = model_item(q, "notes");
	assert_int_equal(notes->max_length, 200);
	assert_false(notes->is_required);
	assert_true(model_item(q, "age")->is_stable);
	assert_non_null(model_item(q, "wake_ups")->when);
	assert_null(model_item(q, "age")->when);
	assert_int_equal(q->nderived, 4);
	assert_true(model_derived(q, "sleep_debt_score")->is_score);
	assert_int_equal(model_derived(q, "sleep_health_score")->higher_is, HIGHER_IS_BETTER);
	assert_int_equal(q->default_outcome, 2);
	assert_int_equal(model_outcome(q, "see_doctor")->recheck_days, -1);
	assert_int_equal(model_outcome(q, "change_habits")->recheck_days, 14);
	assert_true(q->rules[0].is_stop);
	assert_int_equal(q->rules[3].outcome, 1);
	assert_int_equal(q->nproperties, 2);
	assert_int_equal(q->properties[1].nexpect, 1);
	assert_null(model_item(q, "shortfall"));
	assert_null(model_derived(q, "sleep_hours"));
	assert_null(model_outcome(q, "nope"));
	questionnaire_free(q);
	diag_free(d);
}

static void test_model_text_and_languages(void **state)
{
	(void)state;
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_file(EXAMPLE, d, NULL);
	assert_non_null(q);
	assert_string_equal(model_text(q, &q->title, 0), "Sleep check");
	assert_string_equal(model_text(q, &q->title, 1), "Schlafcheck");
	const struct item *notes = model_item(q, "notes");
	assert_string_equal(model_text(q, &notes->help, 1),
	                    "Zum Beispiel ein neues Baby, laute Nachbarn oder eine lange Reise.");
	assert_string_equal(model_text(q, &model_item(q, "age")->help, 1), "");
	assert_int_equal(model_lang(q, "de"), 1);
	assert_int_equal(model_lang(q, "de_DE.UTF-8"), 1);
	assert_int_equal(model_lang(q, "fr_FR.UTF-8"), 0);
	assert_int_equal(model_lang(q, "deu"), 0);
	assert_int_equal(model_lang(q, NULL), 0);
	questionnaire_free(q);
	diag_free(d);
}

/* Every questionnaire that ships loads without an error. */
static void test_loader_every_shipped_questionnaire_loads(void **state)
{
	(void)state;
	DIR *dir = opendir("questionnaires");
	assert_non_null(dir);
	int n = 0;
	for (struct dirent *e; (e = readdir(dir)) != NULL;) {
		size_t len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0)
			continue;
		char path[512];
		snprintf(path, sizeof path, "questionnaires/%s", e->d_name);
		struct diag *d = diag_new();
		struct questionnaire *q = loader_load_file(path, d, NULL);
		if (q == NULL) {
			char *out = tl_diag_brief(d);
			print_error("%s", out);
			free(out);
		}
		assert_non_null(q);
		assert_int_equal(diag_errors(d), 0);
		questionnaire_free(q);
		diag_free(d);
		n++;
	}
	closedir(dir);
	assert_true(n >= 2);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the broken questionnaires (NAME.yaml), sorted; caller frees. */
static size_t broken_names(char ***names)
{
	DIR *dir = opendir(BROKEN);
	assert_non_null(dir);
	size_t n = 0;
	*names = NULL;
	for (struct dirent *e; (e = readdir(dir)) != NULL;) {
		size_t len = strlen(e->d_name);
		if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0)
			continue;
		*names = realloc(*names, (n + 1) * sizeof **names);
		assert_non_null(*names);
		(*names)[n++] = strndup(e->d_name, len - 5);
	}
	closedir(dir);
	qsort(*names, n, sizeof **names, compare_names);
	return n;
}

/* Loads BROKEN/NAME.yaml; returns whether its diagnostics are exactly NAME.expected. */
static bool broken_matches(const char *name)
{
	char path[512], expected_path[512];
	snprintf(path, sizeof path, BROKEN "/%s.yaml", name);
	snprintf(expected_path, sizeof expected_path, BROKEN "/%s.expected", name);
	char *expected = tl_slurp(expected_path, NULL);
	if (expected == NULL) {
		print_error("%s: missing\n", expected_path);
		return false;
	}
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_file(path, d, NULL);
	char *got = tl_diag_brief(d);
	bool ok = q == NULL && strcmp(got, expected) == 0;
	if (!ok)
		print_error("%s:\n--- expected\n%s--- got (%s)\n%s", path, expected,
		            q == NULL ? "refused" : "loaded", got);
	questionnaire_free(q);
	free(got);
	free(expected);
	diag_free(d);
	return ok;
}

static void test_loader_broken_questionnaires_give_expected_diagnostics(void **state)
{
	(void)state;
	char **names;
	size_t n = broken_names(&names);
	assert_true(n >= 40);
	size_t failed = 0;
	for (size_t i = 0; i < n; i++) {
		failed += !broken_matches(names[i]);
		free(names[i]);
	}
	free(names);
	assert_int_equal(failed, 0);
}

/* The example at the end of docs/questionnaire-format.md loads without errors or warnings. */
static void test_loader_format_doc_example_loads(void **state)
{
	(void)state;
	char *doc = tl_slurp("docs/questionnaire-format.md", NULL);
	assert_non_null(doc);
	char *start = strstr(doc, "## A complete example");
	assert_non_null(start);
	start = strstr(start, "```yaml\n");
	assert_non_null(start);
	start += strlen("```yaml\n");
	char *end = strstr(start, "```");
	assert_non_null(end);
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_string("format.md", start, (size_t)(end - start), d);
	char *out = tl_diag_brief(d);
	assert_string_equal(out, "");
	assert_non_null(q);
	assert_int_equal(q->nitems, 8);
	assert_int_equal(model_derived(q, "replace_score")->higher_is, HIGHER_IS_WORSE);
	free(out);
	questionnaire_free(q);
	diag_free(d);
	free(doc);
}

/* Every key and item type of the loader's tables is documented in the format's page. */
static void test_loader_format_doc_names_every_key_and_type(void **state)
{
	(void)state;
	char *doc = tl_slurp("docs/questionnaire-format.md", NULL);
	assert_non_null(doc);
	int missing = 0;
	char word[64];
	for (int kc = 0; loader_keysets[kc].context != NULL; kc++)
		for (int k = 0; loader_keysets[kc].keys[k] != NULL; k++) {
			snprintf(word, sizeof word, "`%s`", loader_keysets[kc].keys[k]);
			if (strstr(doc, word) == NULL) {
				print_error("the format's page does not mention %s\n", word);
				missing++;
			}
		}
	for (int t = 0; t < ITEM_TYPES; t++) {
		snprintf(word, sizeof word, "`%s`", model_item_type_names[t]);
		if (strstr(doc, word) == NULL) {
			print_error("the format's page does not mention the type %s\n", word);
			missing++;
		}
	}
	assert_int_equal(missing, 0);
	free(doc);
}

/* `language` comes first whatever the order of `languages`; texts fall back to it. */
static void test_loader_default_language_comes_first(void **state)
{
	(void)state;
	const char *text =
		"id: t\nversion: '1'\nurl: urn:t\nstatus: retired\nlanguage: de\n"
		"languages: [fr, de, en]\ntitle: {en: T, de: Titel, fr: Titre}\n"
		"sections:\n  - id: s\n    title: {de: S, en: S, fr: S}\n    items:\n"
		"      - {id: x, type: yesno, text: {de: Ja?, en: Yes?, fr: Oui?}, required: FALSE}\n"
		"outcomes:\n  - {id: ok, severity: 1, title: {de: O, en: O, fr: O}, summary: "
		"{de: S, en: S, fr: S}, explanation: {de: E, en: E, fr: E}, advice: {de: A, en: A, "
		"fr: A}}\nrules: []\ndefault: ok\nsafety_net: {de: S, en: S, fr: S}\n"
		"disclaimer: {de: Nur, en: Only}\n";
	struct diag *d = diag_new();
	struct questionnaire *q = load(text, d);
	assert_non_null(q);
	char *out = tl_diag_brief(d);
	assert_string_equal(out, "t.yaml:18:13: warning: 'disclaimer' has no 'fr' translation\n");
	free(out);
	assert_int_equal(q->nlangs, 3);
	assert_string_equal(q->langs[0], "de");
	assert_string_equal(q->langs[1], "fr");
	assert_string_equal(q->langs[2], "en");
	assert_int_equal(q->status, Q_STATUS_RETIRED);
	assert_false(q->items[0].is_required);
	assert_string_equal(model_text(q, &q->title, model_lang(q, "fr_CH.UTF-8")), "Titre");
	assert_string_equal(model_text(q, &q->disclaimer, 1), "Nur");
	assert_string_equal(model_text(q, &q->disclaimer, 2), "Only");
	assert_string_equal(model_text(q, &q->introduction, 2), "");
	questionnaire_free(q);
	diag_free(d);
}

static void test_loader_eval_order_puts_dependencies_first(void **state)
{
	(void)state;
	struct diag *d = diag_new();
	struct questionnaire *q = load_section("      - {id: x, type: int, min: 0, max: 9, text: X}\n",
	                                       "derived:\n"
	                                       "  - {id: c, title: C, value: b + a}\n"
	                                       "  - {id: b, title: B, value: a * 2}\n"
	                                       "  - {id: a, title: A, value: x + 1}\n"
	                                       "  - {id: e, title: E, value: '3'}\n", d);
	assert_non_null(q);
	assert_int_equal(q->nderived, 4);
	static const size_t want[] = { 2, 1, 0, 3 };
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(q->eval_order[i], want[i]);
	questionnaire_free(q);
	diag_free(d);
}

/* Texts are compiled once, at load: literal runs ("{{" and "}}" already single braces, each
 * ending a run; control characters escaped, tabs kept) and placeholders resolved to what
 * they name. */
static void test_loader_compiles_texts(void **state)
{
	(void)state;
	struct diag *d = diag_new();
	struct questionnaire *q = load_section(
		"      - {id: x, type: int, min: 0, max: 9, unit: days, text: X}\n"
		"      - {id: c, type: choice, choices: [{id: a, label: A}], text: C}\n"
		"      - id: y\n        type: yesno\n"
		"        text: \"{{x}} is {x} {x.unit},\\x01\\t{c.label}; {c} {twice}}}\"\n",
		"derived:\n  - {id: twice, title: Twice, value: x * 2}\n", d);
	assert_non_null(q);
	const struct tpl *t = model_template(q, &q->items[2].text, 0);
	static const struct {
		enum tpl_kind kind;
		const char *text;
		size_t index;
	} want[] = {
		{ TPL_TEXT, "{", 0 }, { TPL_TEXT, "x}", 0 }, { TPL_TEXT, " is ", 0 },
		{ TPL_ITEM, NULL, 0 }, { TPL_TEXT, " ", 0 }, { TPL_UNIT, NULL, 0 },
		{ TPL_TEXT, ",\\x01\t", 0 },
		{ TPL_LABEL, NULL, 1 }, { TPL_TEXT, "; ", 0 }, { TPL_ITEM, NULL, 1 },
		{ TPL_TEXT, " ", 0 }, { TPL_DERIVED, NULL, 0 }, { TPL_TEXT, "}", 0 },
	};
	assert_int_equal(t->n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < t->n; i++) {
		assert_int_equal(t->parts[i].kind, want[i].kind);
		if (want[i].text != NULL)
			assert_string_equal(t->parts[i].text, want[i].text);
		else
			assert_int_equal(t->parts[i].index, want[i].index);
	}
	/* A text that was not given compiles to nothing. */
	assert_int_equal(model_template(q, &q->items[2].help, 0)->n, 0);
	questionnaire_free(q);
	diag_free(d);
}

static void test_loader_when_may_use_derived_values_of_earlier_items(void **state)
{
	(void)state;
	char text[2048];
	snprintf(text, sizeof text, "%s%s", HEAD,
	         "sections:\n  - id: s\n    title: S\n    items:\n"
	         "      - {id: x, type: int, min: 0, max: 9, text: X}\n"
	         "      - {id: y, type: yesno, text: Y, when: twice > 4 and k == 1}\n"
	         "  - id: t\n    title: T\n    items:\n"
	         "      - {id: z, type: yesno, text: Z, when: y and x > 1}\n"
	         "derived:\n"
	         "  - {id: twice, title: Twice, value: x * 2}\n"
	         "  - {id: k, title: K, value: '1'}\n");
	struct diag *d = diag_new();
	struct questionnaire *q = load(text, d);
	assert_non_null(q);
	assert_non_null(q->items[1].when);
	assert_int_equal(q->items[2].section, 1);
	questionnaire_free(q);
	diag_free(d);
}

static void test_loader_fingerprint_is_sha256_of_bytes(void **state)
{
	(void)state;
	size_t len;
	char *text = tl_slurp(EXAMPLE, &len);
	assert_non_null(text);
	char want[SHA256_HEX_LEN + 1];
	sha256_hex(text, len, want);
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_file(EXAMPLE, d, NULL);
	assert_non_null(q);
	assert_string_equal(q->sha256, want);
	assert_string_equal(q->path, EXAMPLE);
	questionnaire_free(q);
	diag_free(d);
	free(text);
}

/* A questionnaire of HEAD with one multi item of n choices and n_langs languages (en first),
 * in text (cap bytes). */
static void limits_text(char *text, size_t cap, size_t nchoices, size_t nlangs)
{
	static const char *const codes[] = { "en", "de", "fr", "es", "it", "nl", "pt", "sv", "da",
	                                     "fi", "nb", "pl", "cs", "sk", "sl", "hu", "ro" };
	size_t len = (size_t)snprintf(text, cap, "%slanguages: [", HEAD);
	for (size_t k = 0; k < nlangs; k++)
		len += (size_t)snprintf(text + len, cap - len, "%s%s", k ? ", " : "", codes[k]);
	len += (size_t)snprintf(text + len, cap - len, "]\nsections:\n  - id: s\n    title: S\n"
	                        "    items:\n      - id: m\n        type: multi\n"
	                        "        text: Which?\n        choices:\n");
	for (size_t k = 0; k < nchoices; k++)
		len += (size_t)snprintf(text + len, cap - len, "          - {id: c%zu, label: C}\n", k);
}

/* The limits of a questionnaire's own: a multi item's choices (64) and the languages
 * offered (16), each at the limit and one past it, with the error at its place. */
static void test_loader_choice_and_language_limits(void **state)
{
	(void)state;
	static const struct {
		size_t nchoices, nlangs;
		const char *error;
	} cases[] = {
		{ 64, 16, NULL },
		{ 65, 1, "t.yaml:23:11: error: a multi item has at most 64 choices, not 65\n" },
		{ 64, 17, "t.yaml:14:77: error: at most 16 languages may be offered\n" },
	};
	char text[8192];
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		limits_text(text, sizeof text, cases[i].nchoices, cases[i].nlangs);
		struct diag *d = diag_new();
		struct questionnaire *q = loader_load_string("t.yaml", text, strlen(text), d);
		if (cases[i].error == NULL) {
			assert_non_null(q);
			assert_int_equal(diag_errors(d), 0);
			assert_int_equal(q->nlangs, 16);
			assert_int_equal(q->items[0].nchoices, 64);
			questionnaire_free(q);
		} else {
			char *out = tl_diag_brief(d);
			assert_null(q);
			const char *err = strstr(out, ": error: ");
			while (err != NULL && err > out && err[-1] != '\n')
				err--;
			if (err == NULL || strncmp(err, cases[i].error, strlen(cases[i].error)) != 0)
				fail_msg("case %zu: got %.200s", i, err != NULL ? err : out);
			assert_int_equal(diag_errors(d), 1);
			free(out);
		}
		diag_free(d);
	}
}

static void test_loader_unreadable_and_oversized_files(void **state)
{
	(void)state;
	struct diag *d = diag_new();
	int is_unreadable = 0;
	assert_null(loader_load_file(BROKEN "/no-such-file.yaml", d, &is_unreadable));
	assert_int_equal(is_unreadable, 1);
	assert_int_equal(diag_errors(d), 1);
	diag_free(d);

	char path[] = "/tmp/backcheck-big-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)LOADER_MAX_FILE_SIZE + 1), 0);
	close(fd);
	d = diag_new();
	is_unreadable = 1;
	assert_null(loader_load_file(path, d, &is_unreadable));
	assert_int_equal(is_unreadable, 0);
	assert_int_equal(diag_errors(d), 1);
	assert_int_equal(diag_get(d, 0)->line, 0);
	unlink(path);
	diag_free(d);
}

/* A generated questionnaire of 100,000 items, each but the first asked when the one before
 * was answered yes (speed is measured in bench/, not here). */
static void test_loader_hundred_thousand_items(void **state)
{
	(void)state;
	enum { N = 100000 };
	size_t cap = sizeof HEAD + 200 + (size_t)N * 80, len = 0;
	char *text = malloc(cap);
	assert_non_null(text);
	len += (size_t)snprintf(text + len, cap - len,
	                        "%ssections:\n  - id: s\n    title: S\n    items:\n", HEAD);
	for (int i = 0; i < N; i++)
		len += (size_t)snprintf(text + len, cap - len,
		                        i == 0 ? "      - {id: q%d, type: yesno, text: Q}\n" :
		                        "      - {id: q%d, type: yesno, text: Q, when: q%d}\n",
		                        i, i - 1);
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_string("big.yaml", text, len, d);
	assert_non_null(q);
	assert_int_equal(q->nitems, N);
	assert_non_null(q->items[N - 1].when);
	assert_string_equal(model_item(q, "q99999")->id, "q99999");
	assert_int_equal(model_item(q, "q54321")->index, 54321);
	questionnaire_free(q);
	diag_free(d);
	free(text);
}

/* Two hundred errors are counted, fifty kept; loading goes on to the end. */
static void test_loader_keeps_going_up_to_the_cap(void **state)
{
	(void)state;
	size_t cap = sizeof HEAD + 200 + 200 * 60, len = 0;
	char *text = malloc(cap);
	assert_non_null(text);
	len += (size_t)snprintf(text + len, cap - len,
	                        "%ssections:\n  - id: s\n    title: S\n    items:\n", HEAD);
	for (int i = 0; i < 200; i++)
		len += (size_t)snprintf(text + len, cap - len,
		                        "      - {id: q%d, type: int, text: Q}\n", i);
	struct diag *d = diag_new();
	assert_null(loader_load_string("many.yaml", text, len, d));
	assert_int_equal(diag_errors(d), 400);
	assert_int_equal(diag_count(d), DIAG_MAX_ERRORS);
	free(text);
	diag_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loader_example_uses_every_key_type_function),
		cmocka_unit_test(test_loader_example_model),
		cmocka_unit_test(test_model_text_and_languages),
		cmocka_unit_test(test_loader_every_shipped_questionnaire_loads),
		cmocka_unit_test(test_loader_broken_questionnaires_give_expected_diagnostics),
		cmocka_unit_test(test_loader_format_doc_example_loads),
		cmocka_unit_test(test_loader_format_doc_names_every_key_and_type),
		cmocka_unit_test(test_loader_default_language_comes_first),
		cmocka_unit_test(test_loader_eval_order_puts_dependencies_first),
		cmocka_unit_test(test_loader_when_may_use_derived_values_of_earlier_items),
		cmocka_unit_test(test_loader_compiles_texts),
		cmocka_unit_test(test_loader_fingerprint_is_sha256_of_bytes),
		cmocka_unit_test(test_loader_choice_and_language_limits),
		cmocka_unit_test(test_loader_unreadable_and_oversized_files),
		cmocka_unit_test(test_loader_hundred_thousand_items),
		cmocka_unit_test(test_loader_keeps_going_up_to_the_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
