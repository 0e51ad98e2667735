/*
 * test_vignettes.c - the default questionnaire (policy v2) against realistic people.
 *
 * Every tests/vignettes/NAME.yaml (an answers file) is run through the built binary,
 * `backcheck run --questionnaire questionnaires/back-recovery.yaml --answers NAME.yaml
 * --format json` with SOURCE_DATE_EPOCH set, and the JSON is compared field by field with
 * NAME.expect.yaml: the outcome, the deciding rule (or `default`), every matched rule in order,
 * every advice id in order, every derived value and score, and the answers that were ignored
 * (each must be named in a warning; without `ignored` there must be no warning at all).
 * The expectations were worked out from the policy and the documented score formulas
 * (tests/tools/policy-oracle.py is that reading written down), never from the program.
 *
 * Further tests: every rule of the loaded questionnaire decides in some vignette and every
 * outcome is reached (the ids come from the model, not from a list here); the person's text
 * of emergency, urgent and assessment results (the deciding rule's action, the maternity line,
 * no lower tier's reasons); "what would help" varies habits only; an answers file written for
 * version 1.0.0 and answers the v2 checks refuse; `backcheck lint --werror` is clean.
 *
 * JSON is parsed with jansson here (tests only); the expect files with the YAML adapter.
 */
#define _GNU_SOURCE /* asprintf */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "testlib.h"

#include <dirent.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "loader.h"
#include "model.h"
#include "yamlio.h"

#define QUESTIONNAIRE "questionnaires/back-recovery.yaml"
#define VIGNETTES "tests/vignettes"
#define EPOCH "1767225600"

enum { MIN_VIGNETTES = 150 };

/* One vignette: its name, the program's JSON (owned) and its expectations (in the arena). */
struct vignette {
	char *name;
	json_t *json;
	const struct ynode *expect;
	int status;
	char *err;
};

struct suite {
	struct arena *arena;
	struct vignette *v;
	size_t n;
};

/* --- Running the binary ------------------------------------------------------------- */

/* Runs the binary with args (NULL-terminated) with SOURCE_DATE_EPOCH set and wide lines
 * (COLUMNS=1000), so that no phrase the tests look for is wrapped. Returns the exit status
 * (or 128 + signal); *out and *err receive standard output and standard error (caller
 * frees). */
static int run(const char *const args[], char **out, char **err)
{
	static const char *const env[] = { "SOURCE_DATE_EPOCH=" EPOCH, "COLUMNS=1000", NULL };
	struct tl_run r = tl_run(args, &(struct tl_run_opts){ .env = env });
	*out = r.out;
	*err = r.err;
	return r.status;
}

/* Runs one answers file with the given format; returns the status. */
static int run_answers(const char *answers, const char *format, char **out, char **err)
{
	const char *const args[] = { "run", "--questionnaire", QUESTIONNAIRE, "--answers", answers,
	                             "--format", format, NULL };
	return run(args, out, err);
}

/* --- Loading the vignettes ---------------------------------------------------------- */

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of tests/vignettes/NAME.expect.yaml, sorted (caller frees each and the array). */
static char **vignette_names(size_t *n)
{
	static const char suffix[] = ".expect.yaml";
	DIR *dir = opendir(VIGNETTES);
	assert_non_null(dir);
	char **names = NULL;
	*n = 0;
	for (struct dirent *de; (de = readdir(dir)) != NULL;) {
		size_t len = strlen(de->d_name);
		if (len <= strlen(suffix) || strcmp(de->d_name + len - strlen(suffix), suffix) != 0)
			continue;
		names = realloc(names, (*n + 1) * sizeof *names);
		assert_non_null(names);
		names[(*n)++] = strndup(de->d_name, len - strlen(suffix));
	}
	closedir(dir);
	qsort(names, *n, sizeof *names, by_name);
	return names;
}

static const struct ynode *load_expect(struct arena *a, const char *name)
{
	char path[512];
	snprintf(path, sizeof path, VIGNETTES "/%s.expect.yaml", name);
	char *text = NULL;
	size_t len = 0;
	struct diag *d = diag_new();
	int unreadable = 0;
	assert_int_equal(yamlio_read_file(path, 1 << 20, &text, &len, d, &unreadable), 0);
	/* The tree keeps pointers to the file name: copy it into the arena. */
	struct ynode *root = yamlio_parse(a, d, arena_strdup(a, path), text, len);
	if (root == NULL)
		diag_print(d, stderr);
	assert_non_null(root);
	assert_int_equal(root->kind, YNODE_MAP);
	free(text);
	diag_free(d);
	return root;
}

/* Saves a vignette's JSON as $BUILD/json/vignette-NAME.json for the schema check. */
static void keep_json(const char *name, const char *text)
{
	char file[512];
	snprintf(file, sizeof file, "vignette-%s", name);
	tl_keep_json(file, text);
}

static void run_vignette(struct arena *a, struct vignette *v)
{
	char path[512], *out = NULL;
	snprintf(path, sizeof path, VIGNETTES "/%s.yaml", v->name);
	v->expect = load_expect(a, v->name);
	v->status = run_answers(path, "json", &out, &v->err);
	keep_json(v->name, out);
	json_error_t jerr;
	v->json = json_loads(out, JSON_REJECT_DUPLICATES, &jerr);
	if (v->json == NULL)
		fprintf(stderr, "%s: output is not JSON (%d:%d: %s); stderr:\n%s\n", v->name,
		        jerr.line, jerr.column, jerr.text, v->err);
	free(out);
}

static int setup(void **state)
{
	struct suite *s = calloc(1, sizeof *s);
	assert_non_null(s);
	s->arena = arena_new();
	char **names = vignette_names(&s->n);
	s->v = calloc(s->n ? s->n : 1, sizeof *s->v);
	assert_non_null(s->v);
	for (size_t i = 0; i < s->n; i++) {
		s->v[i].name = names[i];
		run_vignette(s->arena, &s->v[i]);
	}
	free(names);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	struct suite *s = *state;
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].name);
		free(s->v[i].err);
		json_decref(s->v[i].json);
	}
	free(s->v);
	arena_free(s->arena);
	free(s);
	return 0;
}

/* --- Comparing ---------------------------------------------------------------------- */

/* Counts and prints one difference. */
static void differ(int *fails, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void differ(int *fails, const char *name, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	(*fails)++;
}

static const char *scalar(const struct ynode *map, const char *key)
{
	const struct ynode *n = yamlio_get(map, key);
	return n != NULL && n->kind == YNODE_SCALAR ? n->str : NULL;
}

/* The string member key of a JSON object, or "" when absent. */
static const char *jstr(const json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	return s != NULL ? s : "";
}

/* The deciding rule from the reasons, or "default" when none is marked decisive. */
static const char *decisive_rule(const json_t *reasons)
{
	size_t i;
	json_t *r;
	json_array_foreach(reasons, i, r)
		if (json_is_true(json_object_get(r, "decisive")))
			return jstr(r, "rule");
	return "default";
}

/*
 * Compares the sequence of ids in expect[key] with the member field of each object in the
 * JSON array arr, in order.
 */
static void compare_ids(int *fails, const char *name, const struct ynode *expect,
                        const char *key, const json_t *arr, const char *field)
{
	const struct ynode *want = yamlio_get(expect, key);
	if (want == NULL || want->kind != YNODE_SEQ) {
		differ(fails, name, "expect file has no list '%s'", key);
		return;
	}
	size_t n = json_array_size(arr);
	if (n != want->n)
		differ(fails, name, "%s: %zu entries, expected %zu", key, n, want->n);
	for (size_t i = 0; i < n && i < want->n; i++) {
		const char *got = jstr(json_array_get(arr, i), field);
		if (strcmp(got, want->items[i]->str) != 0)
			differ(fails, name, "%s[%zu]: '%s', expected '%s'", key, i, got,
			       want->items[i]->str);
	}
}

/* Compares every number in expect[key] with the JSON object's member of the same id. */
static void compare_numbers(int *fails, const char *name, const struct ynode *expect,
                            const char *key, const json_t *obj)
{
	const struct ynode *want = yamlio_get(expect, key);
	if (want == NULL || want->kind != YNODE_MAP) {
		differ(fails, name, "expect file has no mapping '%s'", key);
		return;
	}
	if (json_object_size(obj) != want->n)
		differ(fails, name, "%s: %zu values, expected %zu", key, json_object_size(obj),
		       want->n);
	for (size_t i = 0; i < want->n; i++) {
		const char *id = want->keys[i]->str;
		double w = strtod(want->items[i]->str, NULL);
		json_t *g = json_object_get(obj, id);
		if (!json_is_number(g))
			differ(fails, name, "%s.%s: missing, expected %g", key, id, w);
		else if (fabs(json_number_value(g) - w) > 1e-9)
			differ(fails, name, "%s.%s: %.15g, expected %.15g", key, id,
			       json_number_value(g), w);
	}
}

/* Every ignored answer must be named in some warning; without `ignored`, no warnings. */
static void compare_warnings(int *fails, const char *name, const struct ynode *expect,
                             const json_t *warnings)
{
	const struct ynode *ign = yamlio_get(expect, "ignored");
	size_t nw = json_array_size(warnings);
	if (ign == NULL) {
		if (nw != 0)
			differ(fails, name, "%zu warnings, expected none (first: %s)", nw,
			       json_string_value(json_array_get(warnings, 0)));
		return;
	}
	for (size_t i = 0; i < ign->n; i++) {
		int found = 0;
		for (size_t k = 0; k < nw && !found; k++) {
			const char *w = json_string_value(json_array_get(warnings, k));
			found = w != NULL && strstr(w, ign->items[i]->str) != NULL;
		}
		if (!found)
			differ(fails, name, "no warning names the ignored answer '%s'",
			       ign->items[i]->str);
	}
}

static int compare_vignette(const struct vignette *v)
{
	int fails = 0;
	if (v->status != 0 || v->json == NULL) {
		differ(&fails, v->name, "exit status %d; stderr:\n%s", v->status, v->err);
		return fails;
	}
	const json_t *j = v->json;
	const char *want = scalar(v->expect, "outcome");
	const char *got = jstr(json_object_get(j, "outcome"), "id");
	if (want == NULL || strcmp(got, want) != 0)
		differ(&fails, v->name, "outcome '%s', expected '%s'", got, want ? want : "?");
	want = scalar(v->expect, "decided_by");
	got = decisive_rule(json_object_get(j, "reasons"));
	if (want == NULL || strcmp(got, want) != 0)
		differ(&fails, v->name, "decided by '%s', expected '%s'", got, want ? want : "?");
	compare_ids(&fails, v->name, v->expect, "matched", json_object_get(j, "reasons"), "rule");
	compare_ids(&fails, v->name, v->expect, "advice", json_object_get(j, "advice"), "id");
	compare_numbers(&fails, v->name, v->expect, "derived", json_object_get(j, "derived"));
	compare_numbers(&fails, v->name, v->expect, "scores", json_object_get(j, "scores"));
	compare_warnings(&fails, v->name, v->expect, json_object_get(j, "warnings"));
	return fails;
}

/* --- Tests -------------------------------------------------------------------------- */

static void test_vignettes_enough_people(void **state)
{
	struct suite *s = *state;
	assert_true(s->n >= MIN_VIGNETTES);
}

static void test_vignettes_each_gives_its_expectation(void **state)
{
	struct suite *s = *state;
	int fails = 0;
	for (size_t i = 0; i < s->n; i++)
		fails += compare_vignette(&s->v[i]);
	assert_int_equal(fails, 0);
}

/* Whether some vignette's result has field == id (outcome id, or the decisive rule). */
static int reached(const struct suite *s, const char *id, int is_rule)
{
	for (size_t i = 0; i < s->n; i++) {
		const json_t *j = s->v[i].json;
		if (j == NULL)
			continue;
		const char *got = is_rule ? decisive_rule(json_object_get(j, "reasons"))
		                          : jstr(json_object_get(j, "outcome"), "id");
		if (strcmp(got, id) == 0)
			return 1;
	}
	return 0;
}

static struct questionnaire *load_questionnaire(void)
{
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_file(QUESTIONNAIRE, d, NULL);
	if (q == NULL)
		diag_print(d, stderr);
	diag_free(d);
	assert_non_null(q);
	return q;
}

static void test_vignettes_every_rule_decides_and_every_outcome_is_reached(void **state)
{
	struct suite *s = *state;
	struct questionnaire *q = load_questionnaire();
	int fails = 0;
	for (size_t i = 0; i < q->nrules; i++)
		if (!reached(s, q->rules[i].id, 1))
			differ(&fails, q->rules[i].id, "no vignette is decided by this rule");
	for (size_t i = 0; i < q->noutcomes; i++)
		if (!reached(s, q->outcomes[i].id, 0))
			differ(&fails, q->outcomes[i].id, "no vignette reaches this outcome");
	if (!reached(s, "default", 1))
		differ(&fails, "default", "no vignette is decided by the default");
	assert_true(q->nrules == 35);
	questionnaire_free(q);
	assert_int_equal(fails, 0);
}

/* Every rule, outcome, advice note and derived value of the model is documented. */
static void test_vignettes_clinical_guide_names_every_id(void **state)
{
	(void)state;
	char *doc = tl_read("docs/back-recovery.md");
	struct questionnaire *q = load_questionnaire();
	int fails = 0;
	char tick[160];
	for (size_t i = 0; i < q->nrules + q->noutcomes + q->nadvice + q->nderived; i++) {
		size_t k = i;
		const char *id = k < q->nrules ? q->rules[k].id
		               : (k -= q->nrules) < q->noutcomes ? q->outcomes[k].id
		               : (k -= q->noutcomes) < q->nadvice ? q->advice[k].id
		               : q->derived[k - q->nadvice].id;
		snprintf(tick, sizeof tick, "`%s`", id);
		if (strstr(doc, tick) == NULL)
			differ(&fails, id, "not named in docs/back-recovery.md");
	}
	questionnaire_free(q);
	free(doc);
	assert_int_equal(fails, 0);
}

static const struct vignette *find(const struct suite *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i].name, name) == 0)
			return &s->v[i];
	fail_msg("no vignette %s", name);
	abort();
}

/* The what_would_change entry for item, or NULL. */
static const json_t *change_for(const json_t *changes, const char *item)
{
	size_t i;
	json_t *c;
	json_array_foreach(changes, i, c)
		if (strcmp(jstr(c, "item"), item) == 0)
			return c;
	return NULL;
}

/*
 * The overreached runner (fatigue 6 and no rest day: 2 strain signs) is moved to active
 * recovery by one rest day a week. Tiredness is a state and how quickly one recovers is not a
 * habit, so neither is varied (policy v2); more sleep changes no strain sign at 7 hours, and
 * the load items cannot reach a rule with pain at 3.
 */
static void test_vignettes_overreached_runner_what_would_change(void **state)
{
	const struct vignette *v = find(*state, "overreached-runner");
	assert_non_null(v->json);
	const json_t *changes = json_object_get(v->json, "what_would_change");
	assert_true(json_is_array(changes));
	const json_t *c = change_for(changes, "rest_days");
	assert_non_null(c);
	assert_true(json_number_value(json_object_get(c, "from")) == 0);
	assert_true(json_number_value(json_object_get(c, "to")) == 1);
	assert_string_equal(jstr(c, "outcome"), "active_recovery");
	assert_null(change_for(changes, "fatigue"));
	assert_null(change_for(changes, "recovery_between_sessions"));
	assert_null(change_for(changes, "spike_session"));
}

/* Runs a vignette as text; the text with every run of spaces and line breaks (wrapping and
 * its indentation) turned into one space (caller frees). */
static char *text_of(const char *name)
{
	char path[256], *out = NULL, *err = NULL;
	snprintf(path, sizeof path, VIGNETTES "/%s.yaml", name);
	int st = run_answers(path, "text", &out, &err);
	if (st != 0)
		fprintf(stderr, "%s: exit %d\n%s", name, st, err);
	assert_int_equal(st, 0);
	free(err);
	char *o = out;
	for (const char *p = out; *p != '\0'; p++)
		if ((*p != ' ' && *p != '\n') || (o > out && o[-1] != ' '))
			*o++ = *p == '\n' ? ' ' : *p;
	*o = '\0';
	return out;
}

/* The same runner in words: the strain signs that hold, and only those, as plain answers. */
static void test_vignettes_overreached_runner_text_names_the_signs(void **state)
{
	(void)state;
	char *out = text_of("overreached-runner");
	assert_non_null(strstr(out, "Take a short rest phase, then active recovery"));
	assert_non_null(strstr(out, "You recover slower than usual between sessions. Your answers "
	                            "also show: you feel very tired; you had no rest day in the "
	                            "last week; and recovery has fallen behind your training."));
	assert_null(strstr(out, "you sleep about"));
	assert_null(strstr(out, "you feel very stressed"));
	/* What would help is a habit, said as an action from now on, with "1 day" (unit_one). */
	assert_non_null(strstr(out, "What would help * From now on, take 1 day a week fully off "
	                            "training. Then the advice would be: Swap extra training for "
	                            "active recovery."));
	free(out);
}

/* An active-recovery result fits an 80x24 screen with its headline first and the date by
 * which to act (issue 12). Before, the default's reason took a heading and two lines: 26. */
static void test_vignettes_active_recovery_fits_80x24(void **state)
{
	(void)state;
	struct tl_run r = tl_run((const char *const[]){ "run", "--answers",
	                                                VIGNETTES "/panel-01-runner-twinge.yaml",
	                                                NULL },
	                         &(struct tl_run_opts){ .env = (const char *const[]){
	                                 "COLUMNS=80", "SOURCE_DATE_EPOCH=" EPOCH, NULL } });
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.out, "Result: Swap extra training for active recovery\n", 48) == 0);
	size_t rows = 0;
	bool has_date = false;
	for (const char *line = r.out; *line != '\0'; rows++) {
		size_t n = strcspn(line, "\n");
		assert_true(n <= 80);
		has_date = has_date || strncmp(line, "If it is no better by ", 22) == 0;
		line += n + (line[n] == '\n');
	}
	tl_run_free(&r);
	assert_true(has_date);
	assert_in_range(rows, 10, 24);
}

/* Ticked signs whose labels have commas of their own are joined with "; ". */
static void test_vignettes_ticked_signs_stay_apart(void **state)
{
	(void)state;
	char *out = text_of("unsure-pregnant");
	assert_non_null(strstr(out, "You are not sure about one of the emergency signs: numbness "
	                            "or tingling around your genitals, bottom or inner thighs; "
	                            "numbness, tingling or weakness in both legs, or pain down "
	                            "both legs."));
	free(out);
}

/* Someone with saddle numbness reads what to do (the cauda equina action) before any reason,
 * advice or disclaimer. */
static void test_vignettes_emergency_says_what_to_do_first(void **state)
{
	(void)state;
	char *out = text_of("saddle-numbness-cyclist");
	const char *todo = strstr(out, "Go to A&E now, or call 999 if you cannot get there safely.");
	assert_non_null(todo);
	assert_non_null(strstr(todo, "I may have cauda equina syndrome."));
	const char *sign = strstr(out, "You have numbness or tingling around your genitals");
	assert_non_null(sign);
	const char *disclaimer = strstr(out, "educational self-check");
	assert_non_null(disclaimer);
	assert_true(todo < sign);
	assert_true(todo < disclaimer);
	assert_true(todo - out < 400);
	free(out);
}

/* Chest pain: call 999, and no cauda-equina wording, no "go to A&E" beside it. */
static void test_vignettes_chest_pain_calls_999_only(void **state)
{
	(void)state;
	char *out = text_of("chest-pain-only");
	const char *todo = strstr(out, "Call 999 now (112 in most of Europe). Do not drive "
	                               "yourself, and do not stay on your own");
	assert_non_null(todo);
	assert_true(todo - out < 400);
	assert_null(strstr(out, "cauda equina"));
	assert_null(strstr(out, "nerves at the bottom of your spine"));
	assert_null(strstr(out, "aspirin"));
	/* A&E is named only in the safety net, for the other signs, after everything else. */
	char *net = strstr(out, "Call 999 for chest pain, or sudden severe tummy or back pain");
	assert_non_null(net);
	*net = '\0';
	assert_null(strstr(out, "A&E"));
	free(out);
}

/* Fever after chemotherapy is an emergency with the oncology line first, not "GP today". */
static void test_vignettes_fever_after_chemotherapy_is_an_emergency(void **state)
{
	(void)state;
	char *out = text_of("chemo-fever-runner");
	assert_non_null(strstr(out, "Get emergency care now"));
	assert_non_null(strstr(out, "This can be a serious infection. If you have a 24-hour "
	                            "chemotherapy or acute oncology line, call it now. If not, "
	                            "call 999 or go to A&E now. Do not wait until the morning."));
	assert_null(strstr(out, "Call your GP surgery"));
	free(out);
}

/* Unsure about a sign: NHS 111 now, naming the sign; no circular advice. */
static void test_vignettes_unsure_calls_111_now(void **state)
{
	(void)state;
	char *out = text_of("unsure-emergency-runner");
	const char *now = strstr(out, "Call NHS 111 now, not later today, and tell them which sign "
	                              "you are not sure about.");
	assert_non_null(now);
	assert_true(now - out < 400);
	assert_non_null(strstr(out, "You are not sure about one of the emergency signs: numbness "
	                            "or tingling around your genitals, bottom or inner thighs."));
	assert_null(strstr(out, "You are pregnant"));
	free(out);
}

/* An urgent result of someone pregnant adds the maternity line to the deciding action, and
 * carries no reason or route of the assessment tier (the pregnancy rule also matches). */
static void test_vignettes_urgent_and_pregnant_adds_the_maternity_line(void **state)
{
	(void)state;
	char *out = text_of("pregnant-leg-weakness");
	assert_non_null(strstr(out, "Call your GP surgery and ask to be seen today, or call NHS "
	                            "111. If the weakness gets worse or spreads to both legs, go "
	                            "to A&E. You are pregnant: also call your maternity unit "
	                            "today."));
	assert_null(strstr(out, "Back pain is common in pregnancy"));
	assert_null(strstr(out, "See your midwife or GP about your back"));
	free(out);
}

/* The urgent result never carries a lower tier's reassuring reason (overreached here). */
static void test_vignettes_urgent_shows_its_own_tier_only(void **state)
{
	(void)state;
	char *out = text_of("night-pain-and-weight-loss");
	assert_non_null(strstr(out, "Get medical advice today"));
	assert_non_null(strstr(out, "Tell them what you ticked: weight loss you cannot explain; "
	                            "constant pain that no position eases, or pain that wakes you "
	                            "most nights."));
	assert_null(strstr(out, "You recover slower than usual between sessions"));
	assert_null(strstr(out, "Take a short rest phase"));
	free(out);
}

/* Routes: the deciding assessment rule's action says who to see. */
static void test_vignettes_assessment_names_the_route(void **state)
{
	(void)state;
	static const struct {
		const char *name, *route;
	} cases[] = {
		{ "pregnant-runner", "See your midwife or GP about your back in the next week or two. "
		                     "Call your maternity unit now if you have tightening" },
		{ "postnatal-crossfit", "See your GP or a pelvic health physiotherapist" },
		{ "gymnast-15", "See a GP or a physiotherapist, with a parent or guardian." },
		{ "cancer-history-no-nerve-signs", "See your GP within a week and tell them about "
		                                   "your cancer." },
		{ "biologics-swimmer", "See your GP within a few days. If you get a temperature" },
		{ "inflammatory-rower", "See your GP, who may refer you to a rheumatologist" },
		{ "under-fuelling-two-weeks", "See a sports doctor or your GP" },
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char *out = text_of(cases[k].name);
		if (strstr(out, cases[k].route) == NULL)
			fail_msg("%s: no route '%s' in:\n%s", cases[k].name, cases[k].route, out);
		free(out);
	}
}

/* The emergency stop follows the spec's order: the oncology line for cancer with leg weakness. */
static void test_vignettes_cancer_with_leg_weakness_calls_the_oncology_line(void **state)
{
	(void)state;
	char *out = text_of("cancer-leg-weakness");
	assert_non_null(strstr(out, "Call your 24-hour acute oncology or MSCC (spinal cord) line "
	                            "now. If you have no such number, or no one answers straight "
	                            "away, go to A&E now."));
	free(out);
}

/* An answers file written for version 1.0.0 is refused, and the first error names the first
 * item that changed (pregnant_or_postnatal, replaced by pregnancy). */
static void test_vignettes_v1_answers_file_is_refused(void **state)
{
	(void)state;
	char *out = NULL, *err = NULL;
	int st = run_answers("tests/data/back-recovery-v1/answers-five-weeks-same.yaml", "json",
	                     &out, &err);
	assert_int_equal(st, 65);
	assert_string_equal(out, "");
	const char *first = "tests/data/back-recovery-v1/answers-five-weeks-same.yaml:7:1: error: "
	                    "pregnant_or_postnatal: no such question in back-recovery";
	assert_memory_equal(err, first, strlen(first));
	assert_non_null(strstr(err, "error: pregnancy: no answer; this question is asked with "
	                            "these answers, so it needs one"));
	assert_non_null(strstr(err, "error: bone_stress_risk: expected a list of choice ids"));
	free(out);
	free(err);
}

/* Answers the v2 questionnaire refuses, each with its message at the answer's position. */
static void test_vignettes_refused_answers(void **state)
{
	(void)state;
	static const struct {
		const char *file, *want;
	} cases[] = {
		{ "young.yaml", "young.yaml:2:18: error: emergency_signs: 'sexual_function' is not "
		                "offered with these answers" },
		{ "worst.yaml", "worst.yaml:11:18: error: pain_worst_week: Your worst pain in the last 7 "
		                "days cannot be lower than your pain right now." },
	};
	char *dir = tl_temp_dir("test_vignettes");
	char path[256];
	static const char young[] = "age: 15\nemergency_signs: [saddle_numbness, sexual_function]\n";
	static const char worst[] = "age: 30\npregnancy: not_applicable\nemergency_signs: [none]\n"
	                            "emergency_unsure: false\nurgent_signs: [none]\n"
	                            "leg_weakness: false\nleg_symptoms: none\npain_weeks: 1\n"
	                            "pain_trend: same\npain_now: 6\npain_worst_week: 4\n";
	snprintf(path, sizeof path, "%s/young.yaml", dir);
	tl_write(path, young, sizeof young - 1);
	snprintf(path, sizeof path, "%s/worst.yaml", dir);
	tl_write(path, worst, sizeof worst - 1);
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char *out = NULL, *err = NULL;
		snprintf(path, sizeof path, "%s/%s", dir, cases[k].file);
		assert_int_equal(run_answers(path, "json", &out, &err), 65);
		char *want = NULL;
		assert_true(asprintf(&want, "%s/%s", dir, cases[k].want) > 0);
		if (strstr(err, want) == NULL)
			fail_msg("expected '%s' in:\n%s", want, err);
		free(want);
		free(out);
		free(err);
	}
	tl_rm_tree(dir);
}

/* Every vignette's JSON matches docs/output.schema.json. */
static void test_vignettes_json_matches_schema(void **state)
{
	(void)state;
	char pattern[1024];
	snprintf(pattern, sizeof pattern, "%s/json/vignette-*.json", tl_build());
	struct tl_run r = tl_run((const char *const[]){ pattern, NULL },
	                         &(struct tl_run_opts){ .bin = "tests/check-schema" });
	if (r.status != 0)
		fail_msg("check-schema: exit %d\n%s%s", r.status, r.out, r.err);
	tl_run_free(&r);
}

static void test_vignettes_lint_is_clean(void **state)
{
	(void)state;
	const char *const args[] = { "lint", "--werror", QUESTIONNAIRE, NULL };
	char *out = NULL, *err = NULL;
	int st = run(args, &out, &err);
	if (st != 0 || strstr(err, "warning") != NULL || strstr(out, "warning") != NULL)
		fprintf(stderr, "lint said:\n%s%s", out, err);
	assert_int_equal(st, 0);
	assert_null(strstr(err, "warning"));
	assert_null(strstr(out, "warning"));
	free(out);
	free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vignettes_enough_people),
		cmocka_unit_test(test_vignettes_each_gives_its_expectation),
		cmocka_unit_test(test_vignettes_every_rule_decides_and_every_outcome_is_reached),
		cmocka_unit_test(test_vignettes_clinical_guide_names_every_id),
		cmocka_unit_test(test_vignettes_overreached_runner_what_would_change),
		cmocka_unit_test(test_vignettes_overreached_runner_text_names_the_signs),
		cmocka_unit_test(test_vignettes_active_recovery_fits_80x24),
		cmocka_unit_test(test_vignettes_ticked_signs_stay_apart),
		cmocka_unit_test(test_vignettes_json_matches_schema),
		cmocka_unit_test(test_vignettes_emergency_says_what_to_do_first),
		cmocka_unit_test(test_vignettes_chest_pain_calls_999_only),
		cmocka_unit_test(test_vignettes_fever_after_chemotherapy_is_an_emergency),
		cmocka_unit_test(test_vignettes_unsure_calls_111_now),
		cmocka_unit_test(test_vignettes_urgent_and_pregnant_adds_the_maternity_line),
		cmocka_unit_test(test_vignettes_urgent_shows_its_own_tier_only),
		cmocka_unit_test(test_vignettes_assessment_names_the_route),
		cmocka_unit_test(test_vignettes_cancer_with_leg_weakness_calls_the_oncology_line),
		cmocka_unit_test(test_vignettes_v1_answers_file_is_refused),
		cmocka_unit_test(test_vignettes_refused_answers),
		cmocka_unit_test(test_vignettes_lint_is_clean),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
