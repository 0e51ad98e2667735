/*
 * model.h - a loaded questionnaire, as the loader builds it and everything else reads it.
 *
 * The model is immutable after loading and lives entirely in q->arena (see arena.h); every
 * pointer below is borrowed from it. Kinds are enums resolved at load time; ids are kept for
 * output and messages only. Every node keeps its source position. Arrays are in file order;
 * `derived` and `scores` are additionally listed in evaluation order in `eval_order`.
 */
#ifndef BACKCHECK_MODEL_H
#define BACKCHECK_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct arena;
struct expr;
struct idmap;

enum { MODEL_MAX_LANGS = 16 };

/* One piece of a text compiled at load: a run of literal text ("{{" already made "{"), or
 * a placeholder resolved to the item or derived value it names. */
enum tpl_kind {
	TPL_TEXT,
	/* {id} of an item: its answer (yes/no in words, a choice's id, a number). */
	TPL_ITEM,
	/* {id.label}: the label of the chosen answer(s). */
	TPL_LABEL,
	/* {id.unit}: the item's unit for its answer ("day" after 1, else "days"). */
	TPL_UNIT,
	/* {id} of a derived value: the number. */
	TPL_DERIVED,
};

struct tpl_part {
	enum tpl_kind kind;
	/* TPL_TEXT: the text (control characters escaped) and its length. */
	const char *text;
	size_t len;
	/* Otherwise: the index of the item or derived value. */
	size_t index;
};

/* A text's placeholders parsed once, at load: what filling it walks. */
struct tpl {
	const struct tpl_part *parts;
	size_t n;
};

/*
 * A text given in one or more languages: s[i] is the text in q->langs[i], or NULL where that
 * language is missing, and tpl[i] the same text compiled (loader_check.c). May contain
 * placeholders {id}, {id.label} and {id.unit}, checked and compiled at load time. A text that
 * was not given at all has s == NULL.
 */
struct ltext {
	const char **s;
	struct tpl *tpl;
	struct srcpos pos;
};

enum item_type {
	ITEM_YESNO,
	ITEM_CHOICE,
	ITEM_MULTI,
	ITEM_INT,
	ITEM_NUMBER,
	ITEM_SCALE,
	ITEM_TEXT,
	ITEM_NOTE,
	ITEM_TYPES,
};

/* Which way an item's answers are better, for "what would change". */
enum better_kind {
	BETTER_NONE,
	BETTER_HIGHER,
	BETTER_LOWER,
	BETTER_CHOICES,
};

struct choice {
	const char *id;
	struct srcpos pos;
	struct ltext label;
	struct ltext help;
	bool is_exclusive;
	bool is_better;
	/* NULL: always offered. Else offered (and accepted from an answers file) only when it
	 * holds; it may name items asked before its item. */
	const struct expr *when;
};

/* An int item that grows with time (`grows`): the time safety net looks at its later values. */
enum grows_kind {
	GROWS_NONE,
	GROWS_WEEKS,
	GROWS_DAYS,
};

/* An item's cross-item check (`check`): an answer is refused, with the message, when `valid`
 * is false (unknown counts as valid). valid may name the item itself and earlier items. */
struct item_check {
	const struct expr *valid;
	struct ltext message;
	struct srcpos pos;
};

struct item {
	const char *id;
	struct srcpos pos;
	size_t index;
	size_t section;
	enum item_type type;
	struct ltext text;
	struct ltext help;
	bool is_required;
	bool is_stable;
	bool is_modifiable;
	enum better_kind better;
	/* NULL: always asked. */
	const struct expr *when;
	/* ITEM_INT, ITEM_NUMBER, ITEM_SCALE: inclusive range. ITEM_NUMBER: step used when varying
	 * the answer (default 0.5). */
	double min, max, step;
	/* The unit after a number ("days"); unit_one after exactly 1 ("day"), when given. */
	struct ltext unit, unit_one;
	/* ITEM_SCALE: labels of the two ends. */
	struct ltext min_label, max_label;
	/* ITEM_CHOICE, ITEM_MULTI. */
	struct choice *choices;
	size_t nchoices;
	/* ITEM_TEXT: longest answer in bytes. */
	size_t max_length;
	/* check.valid == NULL: no check. */
	struct item_check check;
	/* ITEM_INT only. */
	enum grows_kind grows;
	/* Modifiable items: "what would help" said as an action from now on, filled with the
	 * better answer ("Sleep at least {sleep_hours} hours a night."); s == NULL when not given. */
	struct ltext change;
};

struct section {
	const char *id;
	struct srcpos pos;
	struct ltext title;
	struct ltext introduction;
	size_t first_item;
	size_t nitems;
};

enum higher_is {
	HIGHER_IS_NEUTRAL,
	HIGHER_IS_WORSE,
	HIGHER_IS_BETTER,
};

/* A derived value or a score: a number computed from answers and earlier derived values. */
struct derived {
	const char *id;
	struct srcpos pos;
	size_t index;
	bool is_score;
	struct ltext title;
	struct ltext description;
	/* The unit after the value ("hours"); unit_one after exactly 1 ("hour"), when given. */
	struct ltext unit, unit_one;
	const struct expr *value;
	/* Scores: the declared range and which way is worse. */
	double min, max;
	enum higher_is higher_is;
};

struct outcome {
	const char *id;
	struct srcpos pos;
	size_t index;
	int severity;
	/* -1: no re-check (emergency and urgent outcomes). */
	int recheck_days;
	struct ltext title;
	struct ltext summary;
	struct ltext explanation;
	struct ltext advice;
	/* The one sentence naming the consequence, for confirming an answer that makes a rule of
	 * this outcome certain; required when the outcome is at or above q->alert_severity. */
	struct ltext confirm;
};

/* One part of a rule's `because` or `action` given as a list: its text counts when its condition holds
 * (always, when it has none). */
struct text_part {
	const struct expr *when;
	struct ltext text;
};

struct rule {
	const char *id;
	struct srcpos pos;
	size_t index;
	const struct expr *when;
	size_t outcome;
	/* `because` as one text, or (nparts > 0) as parts joined with spaces. */
	struct ltext because;
	struct text_part *parts;
	size_t nparts;
	/* `action` (what to do), as one text or as parts like `because`; action.s == NULL and
	 * naction_parts == 0 when the rule has none. */
	struct ltext action;
	struct text_part *action_parts;
	size_t naction_parts;
	bool is_stop;
};

struct advice {
	const char *id;
	struct srcpos pos;
	const struct expr *when;
	struct ltext text;
};

struct property {
	const char *id;
	struct srcpos pos;
	const struct expr *given;
	/* Indices of the outcomes the property allows. */
	size_t *expect;
	size_t nexpect;
};

/* Two advice notes that must never appear together (`conflicts`, checked by verify). */
struct advice_conflict {
	size_t a, b;
	struct srcpos pos;
};

enum q_status {
	Q_STATUS_DRAFT,
	Q_STATUS_ACTIVE,
	Q_STATUS_RETIRED,
};

struct questionnaire {
	struct arena *arena;
	/* The file it was loaded from and the SHA-256 of its bytes, as 64 lowercase hex digits. */
	const char *path;
	char sha256[65];

	const char *id;
	const char *version;
	const char *url;
	enum q_status status;
	const char *region;
	struct ltext title;
	struct ltext introduction;
	/* langs[0] is the default language (the `language` key). */
	const char *langs[MODEL_MAX_LANGS];
	size_t nlangs;

	struct section *sections;
	size_t nsections;
	struct item *items;
	size_t nitems;
	/* Derived values and scores share one index space: derived[0..nderived). */
	struct derived *derived;
	size_t nderived;
	size_t *eval_order;
	struct outcome *outcomes;
	size_t noutcomes;
	struct rule *rules;
	size_t nrules;
	size_t default_outcome;
	struct advice *advice;
	size_t nadvice;
	struct property *properties;
	size_t nproperties;
	struct advice_conflict *conflicts;
	size_t nconflicts;
	struct ltext safety_net;
	struct ltext disclaimer;
	/* `alert_severity`: rules whose outcome is at least this severe are alert rules. */
	bool has_alert_severity;
	int alert_severity;
	/* Every id, for look-ups in constant time (see MODEL_NS_* below). */
	const struct idmap *ids;
};

/*
 * The namespaces of q->ids. MODEL_NS_SYMBOL maps item i to 2 * i and derived value k to
 * 2 * k + 1; the others map an id to its index; MODEL_NS_CHOICE + i holds item i's choices.
 */
enum model_ns {
	MODEL_NS_SYMBOL,
	MODEL_NS_OUTCOME,
	MODEL_NS_RULE,
	MODEL_NS_SECTION,
	MODEL_NS_ADVICE,
	MODEL_NS_PROPERTY,
	MODEL_NS_CHOICE,
};

/* Names of the item types as written in YAML, indexed by enum item_type. */
extern const char *const model_item_type_names[ITEM_TYPES];

/*
 * The text in language lang (an index into q->langs), falling back to the default language,
 * then to "" when the text was not given. Never NULL. Placeholders are left as they are.
 */
const char *model_text(const struct questionnaire *q, const struct ltext *t, size_t lang);

/* The compiled form of the text model_text() gives for lang (the same fallback to the
 * default language); an empty one when t was not given. */
const struct tpl *model_template(const struct questionnaire *q, const struct ltext *t,
                                 size_t lang);
/* The item's unit to write after the number n in language lang: its unit_one when n is 1
 * and one is given, else its unit; "" when it has none. Borrowed from the model. */
const char *model_unit(const struct questionnaire *q, const struct item *it, double n,
                       size_t lang);

/* Index of the language called name ("en", or "en_GB.UTF-8" matched on its first two
 * letters), or 0 (the default) when the questionnaire does not offer it. */
size_t model_lang(const struct questionnaire *q, const char *name);

/* Whether q offers the language called name (matched as model_lang() does); its index goes
 * to *index. */
bool model_find_lang(const struct questionnaire *q, const char *name, size_t *index);

/* Whether outcome o is at or above the questionnaire's alert_severity (false without one). */
bool model_is_alert_outcome(const struct questionnaire *q, size_t o);
/* Whether rule r leads to an alert outcome. */
bool model_is_alert_rule(const struct questionnaire *q, size_t r);
/* Whether rule r has an `action`. */
bool model_has_action(const struct rule *r);

/* Look-ups by id; NULL or -1 when absent. */
const struct item *model_item(const struct questionnaire *q, const char *id);
const struct outcome *model_outcome(const struct questionnaire *q, const char *id);
const struct derived *model_derived(const struct questionnaire *q, const char *id);
int model_choice(const struct item *it, const char *id);

#endif
