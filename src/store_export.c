/*
 * store_export.c - `backcheck export` as YAML and as CSV (the JSON form is in store_json.c,
 * with the JSON library). YAML is the JSON document's shape: {format_version, records}, each
 * record with its id first. CSV is one row per check for a spreadsheet: its id, time,
 * questionnaire and outcome, then one column per score and per answer seen in any record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answers.h"
#include "arena.h"
#include "store.h"
#include "store_int.h"
#include "xalloc.h"
#include "yamlio.h"

int store_yaml_export(const struct store_record *r, size_t n, FILE *out)
{
	struct arena *a = arena_new();
	struct ynode *root = yamlio_new_map(a), *list = yamlio_new_seq(a);
	char v[16];
	snprintf(v, sizeof v, "%d", STORE_FORMAT_VERSION);
	yamlio_append(a, root, "format_version", yamlio_new_plain(a, v));
	for (size_t i = 0; i < n; i++) {
		struct ynode *m = yamlio_new_map(a);
		yamlio_append(a, m, "id", yamlio_new_scalar(a, r[i].id, YSTYLE_PLAIN));
		const struct ynode *doc = r[i].doc->node;
		for (size_t k = 0; k < doc->n; k++)
			if (strcmp(doc->keys[k]->str, "id") != 0)
				yamlio_append(a, m, doc->keys[k]->str, doc->items[k]);
		yamlio_append(a, list, NULL, m);
	}
	yamlio_append(a, root, "records", list);
	int rc = yamlio_emit(root, out);
	arena_free(a);
	return rc;
}

int store_yaml_answers(const struct store_record *r, FILE *out)
{
	const struct ynode *ans = yamlio_get(r->doc->node, "answers");
	if (ans == NULL || ans->n == 0) {
		fputs("{}\n", out);
		return ferror(out) ? -1 : 0;
	}
	return yamlio_emit(ans, out);
}

/* --- CSV ---------------------------------------------------------------------------------- */

/* One field, quoted when it holds a comma, a quote or a line break (RFC 4180). A text that a
 * spreadsheet would run as a formula (=, +, -, @ first, and not a number) gets a ' first. */
static void field(const char *s, bool is_first, FILE *out)
{
	char *end = NULL;
	bool is_formula = strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0' &&
	                  (strtod(s, &end), end == s || *end != '\0');
	if (!is_first)
		fputc(',', out);
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fprintf(out, "%s%s", is_formula ? "'" : "", s);
		return;
	}
	fprintf(out, "\"%s", is_formula ? "'" : "");
	for (; *s != '\0'; s++)
		fputs(*s == '"' ? "\"\"" : (char[]){ *s, '\0' }, out);
	fputc('"', out);
}

/* An answer as one field: a single value, a list joined with spaces, empty otherwise. */
static void answer_field(const struct answers_value *v, FILE *out)
{
	if (answers_is_null(v) || v->shape == ANSWERS_MAPPING) {
		field("", false, out);
		return;
	}
	if (v->shape == ANSWERS_ONE) {
		field(v->text, false, out);
		return;
	}
	size_t len = 0;
	char *buf = NULL;
	FILE *m = open_memstream(&buf, &len);
	for (size_t i = 0; m != NULL && i < v->n; i++)
		fprintf(m, "%s%s", i ? " " : "", v->items[i].shape == ANSWERS_ONE ? v->items[i].text : "");
	if (m != NULL)
		fclose(m);
	field(buf != NULL ? buf : "", false, out);
	free(buf);
}

/* The names seen as keys of each record's map (scores when is_scores, else answers), in the
 * order first seen; *out is malloc'ed (caller frees), its strings borrowed from the records. */
static size_t columns(const struct store_record *r, size_t n, bool is_scores, const char ***out)
{
	size_t count = 0, cap = 16;
	*out = xalloc_array(cap, sizeof **out);
	for (size_t i = 0; i < n; i++) {
		size_t m = is_scores ? r[i].nscores : r[i].answers ? r[i].answers->n : 0;
		for (size_t k = 0; k < m; k++) {
			const char *name = is_scores ? r[i].scores[k].id : r[i].answers->v[k].id;
			size_t j = 0;
			while (j < count && strcmp((*out)[j], name) != 0)
				j++;
			if (j < count)
				continue;
			*out = xalloc_grow(*out, &cap, count + 1, 16, sizeof **out);
			(*out)[count++] = name;
		}
	}
	return count;
}

/* The header field "PREFIX.NAME". */
static void column_field(const char *prefix, const char *name, FILE *out)
{
	char *buf = xalloc(strlen(prefix) + strlen(name) + 2);
	sprintf(buf, "%s.%s", prefix, name);
	field(buf, false, out);
	free(buf);
}

static void row(const struct store_record *r, const char **scores, size_t ns,
                const char **answers, size_t na, FILE *out)
{
	char sev[32];
	snprintf(sev, sizeof sev, "%ld", r->severity);
	field(r->id, true, out);
	const char *fixed[] = { r->generated_at, r->questionnaire_id,
	                        r->questionnaire_version ? r->questionnaire_version : "",
	                        r->outcome_id, r->outcome_title, sev };
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		field(fixed[i], false, out);
	for (size_t i = 0; i < ns; i++) {
		const struct store_score *s = store_record_score(r, scores[i]);
		char v[40] = "";
		if (s != NULL)
			snprintf(v, sizeof v, "%.15g", s->value);
		field(v, false, out);
	}
	for (size_t i = 0; i < na; i++)
		answer_field(answers_get(r->answers, answers[i]), out);
	fputs("\r\n", out);
}

int store_csv_export(const struct store_record *r, size_t n, FILE *out)
{
	const char **scores, **answers;
	size_t ns = columns(r, n, true, &scores), na = columns(r, n, false, &answers);
	static const char *const head[] = { "id", "generated_at", "questionnaire",
	                                    "questionnaire_version", "outcome", "outcome_title",
	                                    "severity" };
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
		field(head[i], i == 0, out);
	for (size_t i = 0; i < ns; i++)
		column_field("score", scores[i], out);
	for (size_t i = 0; i < na; i++)
		column_field("answer", answers[i], out);
	fputs("\r\n", out);
	for (size_t i = 0; i < n; i++)
		row(&r[i], scores, ns, answers, na, out);
	free(scores);
	free(answers);
	return ferror(out) ? -1 : 0;
}
