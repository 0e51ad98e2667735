/*
 * loader_int.h - what the loader's files (loader.c, loader_values.c, loader_items.c,
 * loader_rules.c, loader_expr.c, loader_check.c) share: the loading state, the key tables
 * and the value readers. Not part of any interface; include only from src/loader*.c.
 *
 * Loading runs in passes. The structural pass walks the YAML tree in file order, builds the
 * model, registers every id and remembers the nodes of expressions and texts. The second
 * pass compiles derived values (finding cycles and an evaluation order), then item
 * conditions (which may name only earlier items), rules, advice and properties, and finally
 * checks every placeholder in every text.
 */
#ifndef BACKCHECK_LOADER_IMPL_H
#define BACKCHECK_LOADER_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "model.h"

struct arena;
struct idmap;
struct ynode;
struct expr;

/* Keys of each mapping kind; the names are in loader_keysets (loader.c) in this order. */
enum top_key {
	TOP_ID, TOP_VERSION, TOP_URL, TOP_STATUS, TOP_TITLE, TOP_INTRODUCTION, TOP_LANGUAGE,
	TOP_LANGUAGES, TOP_REGION, TOP_SECTIONS, TOP_DERIVED, TOP_SCORES, TOP_OUTCOMES, TOP_RULES,
	TOP_DEFAULT, TOP_ADVICE, TOP_SAFETY_NET, TOP_DISCLAIMER, TOP_PROPERTIES, TOP_ALERT_SEVERITY,
	TOP_CONFLICTS,
	TOP_NKEYS
};
enum section_key { SEC_ID, SEC_TITLE, SEC_INTRODUCTION, SEC_ITEMS, SEC_NKEYS };
enum item_key {
	IT_ID, IT_TYPE, IT_TEXT, IT_HELP, IT_REQUIRED, IT_WHEN, IT_MODIFIABLE, IT_BETTER,
	IT_STABLE, IT_MIN, IT_MAX, IT_STEP, IT_UNIT, IT_UNIT_ONE, IT_MIN_LABEL, IT_MAX_LABEL, IT_CHOICES,
	IT_MAX_LENGTH, IT_CHECK, IT_GROWS, IT_CHANGE, IT_NKEYS
};
enum choice_key { CH_ID, CH_LABEL, CH_HELP, CH_EXCLUSIVE, CH_WHEN, CH_NKEYS };
enum check_key { CK_VALID, CK_MESSAGE, CK_NKEYS };
/* Derived values use the first DV_NDERIVED keys, scores all of them. */
enum derived_key {
	DV_ID, DV_TITLE, DV_DESCRIPTION, DV_UNIT, DV_UNIT_ONE, DV_VALUE, DV_NDERIVED,
	DV_RANGE = DV_NDERIVED, DV_HIGHER_IS, DV_NKEYS
};
enum outcome_key {
	OC_ID, OC_SEVERITY, OC_RECHECK_DAYS, OC_TITLE, OC_SUMMARY, OC_EXPLANATION, OC_ADVICE,
	OC_CONFIRM, OC_NKEYS
};
enum rule_key { RU_ID, RU_WHEN, RU_OUTCOME, RU_BECAUSE, RU_STOP, RU_ACTION, RU_NKEYS };
enum advice_key { AD_ID, AD_WHEN, AD_TEXT, AD_NKEYS };
enum part_key { PT_WHEN, PT_TEXT, PT_NKEYS };
enum property_key { PR_ID, PR_GIVEN, PR_EXPECT, PR_NKEYS };

/* The mapping kinds, indexing loader_keysets. */
enum key_context {
	KC_TOP, KC_SECTION, KC_ITEM, KC_CHOICE, KC_DERIVED, KC_SCORE, KC_OUTCOME, KC_RULE,
	KC_ADVICE, KC_PROPERTY, KC_PART, KC_ACTION_PART, KC_CHECK, KC_COUNT
};

enum { LD_MAX_KEYS = 32 };

/* Where a condition is compiled, which decides what it may name. */
enum scope_mode {
	SCOPE_WHEN,
	SCOPE_CHOICE_WHEN,
	SCOPE_CHECK,
	SCOPE_ALL,
	SCOPE_ADVICE,
};

/* Derived values' dependency on items: no item at all, or part of a cycle (or unusable). */
enum { DEP_NONE = -1, DEP_BROKEN = -2 };

/* A text as written and the compiled form it gets once every id is known. */
struct ld_text {
	const struct ynode *node;
	struct tpl *tpl;
};

struct ld {
	struct questionnaire *q;
	struct arena *a;
	struct diag *d;
	const char *file;
	struct idmap *ids;
	size_t errors_before;

	/* Nodes kept by the structural pass for the second pass, indexed like the model. */
	const struct ynode **item_when;
	const struct ynode **derived_value;
	const struct ynode **rule_when;
	const struct ynode **advice_when;
	const struct ynode **property_given;
	/* Per rule: the `when` node of each of its because parts (NULL: none), like r->parts,
	 * and of each of its action parts, like r->action_parts. */
	const struct ynode ***part_when;
	const struct ynode ***action_when;
	/* Per item: the `when` node of each choice (NULL: none), and the check's `valid`. */
	const struct ynode ***choice_when;
	const struct ynode **item_valid;

	/* Every text scalar and where its compiled form goes, for the placeholder check
	 * (malloc'ed, freed by the loader). */
	struct ld_text *texts;
	size_t ntexts, captexts;

	/* Per derived value: the latest item it depends on (directly or through other derived
	 * values), DEP_NONE or DEP_BROKEN; and its direct dependencies on derived values. */
	long *dep_item;
	size_t **deps;
	size_t *ndeps;

	/* Scratch marks, one per outcome, all false between uses (for duplicates in `expect`). */
	bool *outcome_mark;

	/* The scope being compiled. */
	enum scope_mode mode;
	size_t cur_item;
};

/* loader.c: key tables. */
/*
 * Reads a mapping of kind kc into vals[0..nkeys) (NULL where absent): reports a node that is
 * not a mapping, unknown keys (with "did you mean") and missing required keys. Returns 0, or
 * -1 when map is not a mapping at all.
 */
int ld_fields(struct ld *ld, const struct ynode *map, enum key_context kc,
              const struct ynode **vals);

/* loader_values.c: reading scalars, with "'key' must be ..." errors. All return 0 or -1. */
const char *ld_describe(struct ld *ld, const struct ynode *n);
int ld_string(struct ld *ld, const struct ynode *n, const char *key, const char **out);
int ld_number(struct ld *ld, const struct ynode *n, const char *key, double *out);
int ld_whole(struct ld *ld, const struct ynode *n, const char *key, long *out);
int ld_bool(struct ld *ld, const struct ynode *n, const char *key, bool *out);
int ld_id(struct ld *ld, const struct ynode *n, const char *key, const char **out);
int ld_seq(struct ld *ld, const struct ynode *n, const char *key);
/* One of names[0..count) by index into *out, with a message listing them. */
int ld_enum(struct ld *ld, const struct ynode *n, const char *key, const char *const *names,
            size_t count, int *out);
/* A text: a string in the default language or a mapping of languages. Absent: t->s NULL. */
int ld_text(struct ld *ld, const struct ynode *n, const char *key, struct ltext *t);
/* Registers id in namespace ns with value val; reports a duplicate. */
int ld_register(struct ld *ld, size_t ns, const struct ynode *idnode, const char *id,
                size_t val);
/* Error positioned at node n; fmt is translated (a keyword of xgettext, like diag_error). */
void ld_error(struct ld *ld, const struct ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The position of byte k of a scalar's text (exact where the scalar allows it). */
struct srcpos ld_textpos(const struct ynode *n, size_t k);

/* loader_items.c */
void ld_sections(struct ld *ld, const struct ynode *seq);

/* loader_rules.c */
void ld_derived(struct ld *ld, const struct ynode *dseq, const struct ynode *sseq);
void ld_outcomes(struct ld *ld, const struct ynode *seq);
void ld_rules(struct ld *ld, const struct ynode *seq);
void ld_advice(struct ld *ld, const struct ynode *seq);
void ld_properties(struct ld *ld, const struct ynode *seq);
/* `conflicts`: pairs of advice ids that must never appear together (after ld_advice). */
void ld_conflicts(struct ld *ld, const struct ynode *seq);
/* The index of the outcome named by n, or -1 with an error (with "did you mean"). */
long ld_outcome_ref(struct ld *ld, const struct ynode *n, const char *key);

/* loader_expr.c: the second pass. */
const struct expr *ld_compile(struct ld *ld, const struct ynode *n, const char *key, int want);
void ld_compile_all(struct ld *ld);

/* loader_check.c */
void ld_check_placeholders(struct ld *ld);

#endif
