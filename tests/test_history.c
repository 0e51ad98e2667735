/*
 * test_history.c - records read back (both formats), bad files skipped and left alone, and the
 * history, show, compare, delete and export commands run through the real binary with their
 * exact output (golden files in tests/data/records/expect/).
 */
#define _GNU_SOURCE /* asprintf */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "testpty.h"
#include "testlib.h"

#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "answers.h"
#include "arena.h"
#include "diag.h"
#include "engine.h"
#include "history.h"
#include "loader.h"
#include "model.h"
#include "store.h"
#include "xalloc.h"
#include "yamlio.h"

static const char FIXTURES[] = "tests/data/records/history";
static const char RECORDS[] = "tests/data/records/history/records";
/* The check most tests save, resume and re-check: its answers in asking order. */
static const char VIGNETTE[] = "tests/vignettes/five-weeks-same.yaml";

/* --- Helpers ------------------------------------------------------------------------------ */

static void spit(const char *dir, const char *name, const char *text, size_t len)
{
	char *path = store_path(dir, name);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	free(path);
}

/* Writes text to dir/name and returns the path (caller frees). */
static char *put_file(const char *dir, const char *name, const char *text)
{
	spit(dir, name, text, strlen(text));
	return store_path(dir, name);
}

/* A temporary data folder holding a copy of the fixture records. Caller frees. */
static char *copy_fixtures(void)
{
	char *tmpl = tl_temp_dir("test_history");
	char *records = store_path(tmpl, "records");
	assert_int_equal(mkdir(records, 0700), 0);
	static const char *const ids[] = { "20260301-080000", "20261101-080000",
	                                   "20261114-080000", "20261128-091530" };
	for (size_t i = 0; i < 4; i++) {
		char *src = NULL;
		assert_true(asprintf(&src, "%s/%s.yaml", RECORDS, ids[i]) > 0);
		char *text = tl_read(src);
		char name[40];
		snprintf(name, sizeof name, "%s.yaml", ids[i]);
		spit(records, name, text, strlen(text));
		free(text);
		free(src);
	}
	free(records);
	return tmpl;
}

/* Runs the built backcheck with args (NULL-terminated), standard input from the file input
 * (NULL: /dev/null). A hang (a FIFO read, a lost prompt) ends the program after a minute
 * instead of the test run. */
static struct tl_run run_with_input(const char *const *args, const char *input)
{
	return tl_run(args, &(struct tl_run_opts){ .input = input, .alarm_s = 60 });
}

static struct tl_run run_backcheck(const char *const *args)
{
	return run_with_input(args, NULL);
}

/* The JSON result of VIGNETTE's answers in one go (`run --answers`): what a check
 * interrupted and resumed must give. The caller frees it. */
static struct tl_run vignette_result(void)
{
	return run_backcheck((const char *const[]){ "run", "--answers", VIGNETTE, "--format",
	                                            "json", NULL });
}

/* Checks that out is VIGNETTE's uninterrupted result. */
static void assert_uninterrupted(const char *out)
{
	struct tl_run c = vignette_result();
	assert_string_equal(out, c.out);
	tl_run_free(&c);
}

/* --- Reading records ---------------------------------------------------------------------- */

static void test_record_reads_format_1(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct diag *d = diag_new();
	char *text = tl_read("tests/data/records/history/records/20261128-091530.yaml");
	struct store_record r;
	assert_int_equal(store_record_parse(a, d, "r.yaml", "20261128-091530", text, strlen(text),
	                                    &r), 0);
	assert_int_equal(r.format_version, 1);
	assert_string_equal(r.generated_at, "2026-11-28T09:15:30+00:00");
	assert_string_equal(r.questionnaire_id, "back-recovery");
	assert_string_equal(r.questionnaire_version, "1.0.0");
	assert_string_equal(r.outcome_id, "active_recovery");
	assert_int_equal(r.severity, 1);
	assert_int_equal(r.nscores, 3);
	const struct store_score *s = store_record_score(&r, "guarding_score");
	assert_non_null(s);
	assert_string_equal(s->title, "Stiffness and guarding");
	assert_true(s->value == 30 && s->min == 0 && s->max == 100);
	assert_int_equal(s->higher_is, STORE_HIGHER_WORSE);
	assert_int_equal(r.answers->n, 6);
	/* What show and the clinician's outputs read, from the one reader. */
	assert_string_equal(r.outcome_summary, "A short summary of what to do.");
	assert_int_equal(r.reasons.n, 1);
	assert_string_equal(r.reasons.v[0].text, "Your pain is 3 out of 10 and you sleep about 7.5 "
	                    "hours.");
	assert_true(r.reasons.v[0].is_decisive);
	assert_int_equal(r.advice.n, 1);
	assert_string_equal(r.advice.v[0].text, "Aim for 7 to 9 hours of sleep.");
	assert_false(r.advice.v[0].is_decisive);
	assert_int_equal(r.changes.n, 1);
	assert_string_equal(r.changes.v[0].text, "with 7 hours of sleep or more, the advice would "
	                    "be active recovery");
	assert_string_equal(r.safety_net, "If you lose control of your bladder or bowels, call 999.");
	assert_string_equal(r.disclaimer, "This is an educational self-check, not a diagnosis.");
	assert_null(r.subject);
	assert_null(r.patient);
	assert_int_equal(r.nrevised, 1);
	assert_string_equal(r.revised[0], "pain_now");
	free(text);
	diag_free(d);
	arena_free(a);
}

static void test_record_reads_format_0(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct diag *d = diag_new();
	char *text = tl_read("tests/data/records/history/records/20260301-080000.yaml");
	struct store_record r;
	assert_int_equal(store_record_parse(a, d, "r.yaml", "20260301-080000", text, strlen(text),
	                                    &r), 0);
	assert_int_equal(r.format_version, 0);
	assert_string_equal(r.generated_at, "2026-03-01T08:00:00+00:00");
	assert_string_equal(r.questionnaire_id, "back-recovery");
	assert_null(r.questionnaire_version);
	assert_string_equal(r.outcome_id, "assessment");
	assert_string_equal(r.outcome_title, "assessment");
	assert_int_equal(r.nscores, 2);
	assert_string_equal(r.scores[1].id, "guarding_score");
	assert_true(r.scores[1].value == 75);
	assert_int_equal(r.scores[1].higher_is, STORE_HIGHER_NEUTRAL);
	/* The first layout kept none of the texts shown. */
	assert_null(r.outcome_summary);
	assert_null(r.safety_net);
	assert_null(r.disclaimer);
	assert_int_equal(r.reasons.n + r.advice.n + r.changes.n + r.nrevised, 0);
	free(text);
	diag_free(d);
	arena_free(a);
}

/* The good format 1 record with its first `from` replaced by `to`, malloc'ed. */
static char *record_with(const char *from, const char *to)
{
	char *good = tl_read("tests/data/records/history/records/20261128-091530.yaml");
	char *at = strstr(good, from);
	assert_non_null(at);
	char *out = NULL;
	assert_true(asprintf(&out, "%.*s%s%s", (int)(at - good), good, to, at + strlen(from)) > 0);
	free(good);
	return out;
}

/* Numbers in records are decimal (as the store writes them), severities whole and in reach
 * of an int, score ranges two numbers with the lower first; anything else is reported at
 * its position and the record refused. A huge score still draws a sparkline (it used to
 * cast an out-of-range double to int, which UBSan's float-cast-overflow aborts on). */
static void test_record_numbers_checked(void **state)
{
	(void)state;
	static const struct { const char *from, *to, *message; } cases[] = {
		{ "guarding_score: 30", "guarding_score: 0x10",
		  "r.yaml:22:19: error: guarding_score should be a number\n" },
		{ "guarding_score: 30", "guarding_score: inf",
		  "r.yaml:22:19: error: guarding_score should be a number\n" },
		{ "guarding_score: 30", "guarding_score: \"30\"",
		  "r.yaml:22:19: error: guarding_score should be a number\n" },
		{ "severity: 1", "severity: 1e300",
		  "r.yaml:11:13: error: severity should be a whole number\n" },
		{ "severity: 1", "severity: 1.5",
		  "r.yaml:11:13: error: severity should be a whole number\n" },
		{ "range: [0, 100]\n    higher_is: worse\n  load", "range: [100, 0]\n    higher_is: worse\n  load",
		  "r.yaml:46:12: error: the range of recovery_deficit_score should be two numbers, the lower first\n" },
		{ "range: [0, 100]", "range: [0, 0x64]",
		  "r.yaml:46:12: error: the range of recovery_deficit_score should be two numbers, the lower first\n" },
		{ "range: [0, 100]", "range: 7",
		  "r.yaml:46:12: error: the range of recovery_deficit_score should be two numbers, the lower first\n" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct arena *a = arena_new();
		struct diag *d = diag_new();
		char *text = record_with(cases[i].from, cases[i].to);
		struct store_record r;
		assert_int_equal(store_record_parse(a, d, "r.yaml", "20261128-091530", text,
		                                    strlen(text), &r), -1);
		char *out = tl_diag_brief(d);
		assert_string_equal(out, cases[i].message);
		free(out);
		free(text);
		diag_free(d);
		arena_free(a);
	}
}

static void test_record_huge_score_sparkline(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct diag *d = diag_new();
	char *text = record_with("guarding_score: 30", "guarding_score: 1e300");
	struct store_record r[2];
	assert_int_equal(store_record_parse(a, d, "r.yaml", "20261128-091530", text, strlen(text),
	                                    &r[0]), 0);
	r[1] = r[0];
	r[1].scores = arena_calloc(a, r[0].nscores, sizeof *r[1].scores);
	memcpy(r[1].scores, r[0].scores, r[0].nscores * sizeof *r[0].scores);
	r[1].scores[2].value = -1e300;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	history_list_text(r, 2, true, 80, f);
	fclose(f);
	assert_non_null(strstr(out, "Stiffness and guarding"));
	free(out);
	free(text);
	diag_free(d);
	arena_free(a);
}

/* A record is foreign text: its escapes reach history, show and compare escaped, never as
 * raw control characters. */
static void test_record_controls_shown_escaped(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct diag *d = diag_new();
	char *t1 = record_with("title: Swap extra training for active recovery",
	                       "title: \"Swap\\e[2J\\x9b31m\"");
	char *at = strstr(t1, "  first_episode: false\n");
	assert_non_null(at);
	char *t2 = NULL;
	assert_true(asprintf(&t2, "%.*s  \"note\\e]0;x\\a\": \"\\e[5m\"\n%s", (int)(at - t1), t1,
	                     at) > 0);
	struct store_record r[2];
	assert_int_equal(store_record_parse(a, d, "r.yaml", "20261128-091530", t2, strlen(t2),
	                                    &r[0]), 0);
	r[1] = r[0];
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	history_list_text(r, 2, false, 80, f);
	history_show_text(&r[0], NULL, 0, 80, f);
	history_compare_text(&r[0], &r[1], NULL, 0, f);
	fclose(f);
	assert_null(strchr(out, 0x1b));
	assert_null(strstr(out, "\xc2\x9b"));
	assert_non_null(strstr(out, "Outcome: Swap\\x1B[2J\\u009B31m\n"));
	assert_non_null(strstr(out, "\\x1B[5m"));
	free(out);
	free(t2);
	free(t1);
	diag_free(d);
	arena_free(a);
}

struct bad_case {
	const char *name;
	const char *text;
};

/* Every kind of bad file beside one good record: each is reported by name, skipped and left
 * byte for byte as it was. */
static void test_records_bad_files_skipped_and_kept(void **state)
{
	(void)state;
	char *dir = copy_fixtures();
	char *records = store_path(dir, "records");
	char *good = tl_read("tests/data/records/history/records/20261128-091530.yaml");
	char *trunc = strndup(good, 300);
	const struct bad_case cases[] = {
		{ "20250101-000000.yaml", "" },
		{ "20250101-000001.yaml", trunc },
		{ "20250101-000002.yaml", "format_version: 1\nscores: [1, 2\n" },
		{ "20250101-000003.yaml", "shopping:\n  - milk\n" },
		{ "20250101-000004.yaml", "format_version: 9\n" },
		{ "20250101-000005.yaml", "\x89PNG\r\n\x1a\n" },
		{ "notes.txt", "my own notes\n" },
		{ ".20250101-000006.yaml.tmpQwErTy", "format_version: 1\n" },
	};
	size_t ncases = sizeof cases / sizeof cases[0];
	for (size_t i = 0; i < ncases; i++)
		spit(records, cases[i].name, cases[i].text, strlen(cases[i].text));
	struct arena *a = arena_new();
	struct diag *d = diag_new();
	struct store_record *r;
	size_t n;
	assert_int_equal(store_records_load(a, records, &r, &n, d), 0);
	assert_int_equal(n, 4);
	assert_string_equal(r[0].id, "20260301-080000");
	char *out = tl_diag_brief(d), *expected = NULL;
	const char *R = records;
	assert_true(asprintf(&expected,
		"%s/notes.txt: warning: not a backcheck record; left as it is\n"
		"%s/20250101-000000.yaml: warning: the file is empty; this record is skipped and left as it is\n"
		"%s/20250101-000001.yaml:8:3: warning: missing 'severity'; this record is skipped and left as it is\n"
		"%s/20250101-000002.yaml:3:1: warning: did not find expected ',' or ']' (while parsing a flow sequence at line 2, column 9); this record is skipped and left as it is\n"
		"%s/20250101-000003.yaml: warning: not a backcheck record (no format_version); this record is skipped and left as it is\n"
		"%s/20250101-000004.yaml:1:17: warning: format_version 9 is newer than this backcheck reads (1); update backcheck to read it; this record is skipped and left as it is\n"
		"%s/20250101-000005.yaml:1:1: warning: invalid UTF-8 (byte 0x89); this record is skipped and left as it is\n",
		R, R, R, R, R, R, R) > 0);
	assert_string_equal(out, expected);
	for (size_t i = 0; i < ncases; i++) {
		char *path = store_path(records, cases[i].name);
		char *now = tl_read(path);
		assert_string_equal(now, cases[i].text);
		free(now);
		free(path);
	}
	free(out);
	free(expected);
	free(trunc);
	free(good);
	free(records);
	diag_free(d);
	arena_free(a);
	tl_rm_tree(dir);
}

/* --- Commands, exact output ---------------------------------------------------------------- */

struct cmd_case {
	const char *args[8];
	int status;
	/* Golden file for standard output under tests/data/records/expect/, or NULL for empty. */
	const char *golden;
	const char *err;
};

static void check_case(const struct cmd_case *c)
{
	struct tl_run r = run_backcheck(c->args);
	if (r.status != c->status)
		fail_msg("backcheck %s: exit %d, expected %d; stderr: %s", c->args[0], r.status,
		         c->status, r.err);
	if (c->golden != NULL) {
		char *path = NULL;
		assert_true(asprintf(&path, "tests/data/records/expect/%s", c->golden) > 0);
		char *want = tl_read(path);
		assert_string_equal(r.out, want);
		free(want);
		free(path);
	} else {
		assert_string_equal(r.out, "");
	}
	assert_string_equal(r.err, c->err);
	tl_run_free(&r);
}

/* A saved check replayed for the clinician's outputs is checked against the questionnaire
 * installed now; what no longer fits is reported at its place in the record file (it used to
 * be the line of a copy of the answers made on the fly: 5:1 here). */
static void test_replay_reports_positions_in_the_record(void **state)
{
	(void)state;
	struct tl_run r = run_backcheck((const char *const[]){ "show", "20261128", "--format",
	                                                       "markdown", "--data-dir", FIXTURES,
	                                                       NULL });
	assert_non_null(strstr(r.err, "tests/data/records/history/records/20261128-091530.yaml:41:3: "
	                       "error: red_flags: no such question in back-recovery\n"));
	tl_run_free(&r);
}

static void test_commands_exact_output(void **state)
{
	(void)state;
	const char *D = FIXTURES;
	const struct cmd_case cases[] = {
		{ { "history", "--data-dir", D }, 0, "history.txt", "" },
		{ { "history", "--data-dir", D, "--plain" }, 0, "history-plain.txt", "" },
		{ { "history", "--data-dir", D, "--format", "json" }, 0, "history.json", "" },
		{ { "show", "20261128", "--data-dir", D }, 0, "show.txt", "" },
		{ { "show", "--data-dir", D, "2026112", "--format=json" }, 0, "show.json", "" },
		{ { "show", "--data-dir", D, "202603", "--format", "answers" }, 0, "show-answers.yaml", "" },
		{ { "show", "--data-dir", D, "202603" }, 0, "show-v0.txt", "" },
		{ { "compare", "20261101", "20261128", "--data-dir", D }, 0, "compare.txt", "" },
		{ { "compare", "20261101", "202611", "--data-dir", D }, 64, NULL,
		  "backcheck: error: '202611' matches 3 records: 20261101-080000, 20261114-080000, "
		  "20261128-091530; give more of the id\n" },
		{ { "export", "--all", "--format", "json", "--data-dir", D }, 0, "export.json", "" },
		{ { "export", "--data-dir", D }, 0, "export.json", "" },
		{ { "export", "-f", "csv", "--data-dir", D }, 0, "export.csv", "" },
		{ { "export", "2026111", "--format=yaml", "--data-dir", D }, 0, "export-one.yaml", "" },
		{ { "export", "--since", "2026-11-14", "--data-dir", D }, 0, "export-since.json", "" },
		{ { "export", "--since", "14 Nov", "--data-dir", D }, 64, NULL,
		  "backcheck export: --since needs a date such as 2026-11-01, not '14 Nov'\n"
		  "Run 'backcheck export --help' for its options.\n" },
		{ { "export", "2026111", "--all", "--data-dir", D }, 64, NULL,
		  "backcheck export: give one of ID, --since DATE and --all\n"
		  "Run 'backcheck export --help' for its options.\n" },
		{ { "export", "1999", "--data-dir", D }, 66, NULL,
		  "backcheck: error: no record matches '1999'\n" },
		{ { "show", "1999", "--data-dir", D }, 66, NULL,
		  "backcheck: error: no record matches '1999'\n" },
		{ { "show", "--data-dir", D }, 64, NULL,
		  "backcheck show: give the id of a check, as 'backcheck history' lists them\n"
		  "Run 'backcheck show --help' for its options.\n" },
		{ { "history", "--data-dir", D, "--format", "answers" }, 64, NULL,
		  "backcheck history: --format must be text or json, not 'answers'\n"
		  "Run 'backcheck history --help' for its options.\n" },
		{ { "history", "--colour" }, 64, NULL,
		  "backcheck history: unknown option '--colour'\n"
		  "Run 'backcheck history --help' for its options.\n" },
		{ { "history", "--data-dir", "/nonexistent/backcheck" }, 0, "history-empty.txt", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_case(&cases[i]);
	/* Off a terminal, $COLUMNS sets the width: titles and scores wrap under themselves. */
	setenv("COLUMNS", "60", 1);
	check_case(&(struct cmd_case){ { "history", "--data-dir", D }, 0, "history-60.txt", "" });
	unsetenv("COLUMNS");
}

/* text with the first from replaced by to; malloc'ed. */
static char *replaced(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	assert_non_null(at);
	char *out = NULL;
	assert_true(asprintf(&out, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from)) > 0);
	return out;
}

struct hostile_case {
	const char *id, *from, *to, *why;
};

/* Records made by hand to crash or hang the reader: an answer that is a mapping or a list
 * holding one, a questionnaire id that is a path, a negative format_version, and a FIFO named
 * like a record. Each is skipped with its reason by name and left as it is; history, show,
 * compare and export go on with the good records; `show` of a bad one says it cannot be read. */
static void test_hostile_records_are_skipped(void **state)
{
	(void)state;
	char *dir = copy_fixtures();
	char *records = store_path(dir, "records");
	char *good = tl_read("tests/data/records/history/records/20261128-091530.yaml");
	static const struct hostile_case cases[] = {
		{ "20250101-000010", "  pain_trend: same\n", "  pain_trend: {a: 1}\n",
		  "40:15: warning: the answer to 'pain_trend' should be a single value or a list, not a "
		  "mapping" },
		{ "20250101-000011", "  red_flags: [none]\n", "  red_flags: [none, {a: 1}]\n",
		  "41:21: warning: the answer to 'red_flags' should be a list of single values, not of "
		  "lists or mappings" },
		{ "20250101-000012", "  id: back-recovery\n", "  id: /dev/stdin\n",
		  "4:7: warning: '/dev/stdin' is not a questionnaire id (they hold only letters, digits, "
		  "'-' and '_')" },
		{ "20250101-000013", "  id: back-recovery\n", "  id: ../../etc/passwd\n",
		  "4:7: warning: '../../etc/passwd' is not a questionnaire id (they hold only letters, "
		  "digits, '-' and '_')" },
		{ "20250101-000014", "format_version: 1\n", "format_version: -1\n",
		  "1:17: warning: format_version -1 is not a record format (they are whole numbers from "
		  "0 to 1)" },
		{ "20250101-000015", "  id: back-recovery\n", "  id: [a, b]\n",
		  "4:7: warning: 'id' should be a single value" },
	};
	enum { N = sizeof cases / sizeof cases[0] };
	char *texts[N], *err = strdup("");
	for (size_t i = 0; i < N; i++) {
		char name[40], *more = NULL;
		texts[i] = replaced(good, cases[i].from, cases[i].to);
		snprintf(name, sizeof name, "%s.yaml", cases[i].id);
		spit(records, name, texts[i], strlen(texts[i]));
		assert_true(asprintf(&more, "%s%s/%s.yaml:%s; this record is skipped and left as it "
		                     "is\n", err, records, cases[i].id, cases[i].why) > 0);
		free(err);
		err = more;
	}
	char *fifo = store_path(records, "20250101-000016.yaml"), *all = NULL;
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_true(asprintf(&all, "%s%s: warning: is not a regular file (a FIFO); this record is "
	                     "skipped and left as it is\n", err, fifo) > 0);
	const char *D = dir;
	const struct cmd_case ok[] = {
		{ { "history", "--data-dir", D }, 0, "history.txt", all },
		{ { "compare", "20261101", "20261128", "--data-dir", D }, 0, "compare.txt", all },
		{ { "export", "--all", "--format", "json", "--data-dir", D }, 0, "export.json", all },
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
		check_case(&ok[i]);
	static const char *const shown[] = { "20250101-000010", "20250101-000011",
	                                     "20250101-000016" };
	for (size_t i = 0; i < 3; i++) {
		char *want = NULL;
		assert_true(asprintf(&want, "%sbackcheck: check %s cannot be read (the reason is "
		                     "above); the file is left as it is\n", all, shown[i]) > 0);
		check_case(&(struct cmd_case){ { "show", shown[i], "--data-dir", D }, 65, NULL, want });
		free(want);
	}
	for (size_t i = 0; i < N; i++) {
		char *path = NULL;
		assert_true(asprintf(&path, "%s/%s.yaml", records, cases[i].id) > 0);
		char *now = tl_read(path);
		assert_string_equal(now, texts[i]);
		free(now);
		free(path);
		free(texts[i]);
	}
	free(all);
	free(err);
	free(fifo);
	free(good);
	free(records);
	tl_rm_tree(dir);
}

/* CSV for a spreadsheet: quotes where needed, and a text a spreadsheet would run as a
 * formula gets a ' first (numbers, even negative ones, stay as they are). */
static void test_export_csv_quotes_and_defuses_formulas(void **state)
{
	(void)state;
	char *good = tl_read("tests/data/records/history/records/20261128-091530.yaml");
	char *a = replaced(good, "  pain_trend: same\n", "  pain_trend: \"=HYPERLINK(1)\"\n");
	char *b = replaced(a, "  stiffness: 4\n", "  stiffness: -2\n");
	char *text = replaced(b, "  first_episode: false\n", "  first_episode: \"say \\\"hi\\\", ok\"\n");
	struct arena *ar = arena_new();
	struct diag *d = diag_new();
	struct store_record r;
	assert_int_equal(store_record_parse(ar, d, "r.yaml", "20261128-091530", text, strlen(text),
	                                    &r), 0);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	assert_int_equal(store_csv_export(&r, 1, f), 0);
	fclose(f);
	assert_non_null(strstr(out, "\r\n20261128-091530,2026-11-28T09:15:30+00:00,back-recovery,"
	                            "1.0.0,active_recovery,Swap extra training for active recovery,1,"
	                            "41,50,30,3,7.5,-2,'=HYPERLINK(1),none,\"say \"\"hi\"\", ok\"\r\n"));
	free(out);
	diag_free(d);
	arena_free(ar);
	free(text);
	free(b);
	free(a);
	free(good);
}

/* One check so far: its scores, with no change to speak of. */
static void test_history_of_one_check(void **state)
{
	(void)state;
	char *tmpl = tl_temp_dir("test_history");
	char *records = store_path(tmpl, "records");
	assert_int_equal(mkdir(records, 0700), 0);
	char *text = tl_read("tests/data/records/history/records/20261128-091530.yaml");
	free(put_file(records, "20261128-091530.yaml", text));
	struct tl_run r = run_backcheck((const char *const[]){ "history", "--data-dir", tmpl, NULL });
	assert_int_equal(r.status, 0);
	assert_string_equal(r.out,
		"Your checks, oldest first (1):\n\n"
		"  20261128-091530    28 Nov 2026 09:15  Swap extra training for active recovery\n"
		"    Recovery shortfall 41, Load pressure 50, Stiffness and guarding 30\n\n"
		"Your scores over time, oldest to newest:\n"
		"  Recovery shortfall       \u2584  41 (one check so far)\n"
		"  Load pressure            \u2585  50 (one check so far)\n"
		"  Stiffness and guarding   \u2583  30 (one check so far)\n");
	tl_run_free(&r);
	free(text);
	free(records);
	tl_rm_tree(tmpl);
}

static void test_delete_one_and_all(void **state)
{
	(void)state;
	char *dir = copy_fixtures();
	char *statedir = store_path(dir, "state");
	assert_int_equal(mkdir(statedir, 0700), 0);
	spit(statedir, "back-recovery.yaml", "x: 1\n", 5);
	spit(statedir, "back-recovery.lock", "", 0);
	const struct cmd_case cases[] = {
		{ { "delete", "2026111", "--data-dir", dir }, 0, "delete-one.txt", "" },
		{ { "delete", "2026111", "--data-dir", dir }, 66, NULL,
		  "backcheck: error: no record matches '2026111'\n" },
		{ { "delete", "--all", "--data-dir", dir }, 64, NULL,
		  "backcheck delete: --all deletes 3 checks and any check in progress; add --yes to "
		  "confirm\n" },
		{ { "delete", "--data-dir", dir }, 64, NULL,
		  "backcheck delete: give the id of one check, or --all\n"
		  "Run 'backcheck delete --help' for its options.\n" },
		{ { "delete", "--all", "--yes", "--data-dir", dir }, 0, "delete-all.txt", "" },
		{ { "history", "--data-dir", dir }, 0, "history-empty.txt", "" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_case(&cases[i]);
	char *lock = store_path(statedir, "back-recovery.lock");
	assert_int_equal(access(lock, F_OK), -1);
	free(lock);
	free(statedir);
	tl_rm_tree(dir);
}

/* delete --all goes on past a record it cannot delete (a folder named like one), says which
 * and why, deletes the others and ends with 74; `show` of that record says it cannot be read. */
static void test_delete_all_goes_on_past_a_failure(void **state)
{
	(void)state;
	char *dir = copy_fixtures();
	char *records = store_path(dir, "records"), *stuck = store_path(records, "20250101-000020.yaml");
	assert_int_equal(mkdir(stuck, 0700), 0);
	free(put_file(stuck, "inside.txt", "mine\n"));
	char *err = NULL, *show_err = NULL;
	assert_true(asprintf(&show_err, "%s: warning: is not a regular file (a folder); this record "
	                     "is skipped and left as it is\nbackcheck: check 20250101-000020 cannot "
	                     "be read (the reason is above); the file is left as it is\n", stuck) > 0);
	check_case(&(struct cmd_case){ { "show", "20250101", "--data-dir", dir }, 65, NULL, show_err });
	assert_true(asprintf(&err, "%s: error: cannot delete: Is a directory\n", stuck) > 0);
	struct tl_run r = run_backcheck((const char *const[]){ "delete", "--all", "--yes", "--data-dir",
	                                                    dir, NULL });
	assert_int_equal(r.status, 74);
	assert_string_equal(r.out, "Deleted 4 of 5 checks and any check in progress; what could "
	                           "not be deleted is listed above.\n");
	assert_string_equal(r.err, err);
	tl_run_free(&r);
	struct store_ids ids;
	struct diag *d = diag_new();
	assert_int_equal(store_list(records, &ids, d), 0);
	assert_int_equal(ids.n, 1);
	assert_string_equal(ids.ids[0], "20250101-000020");
	store_ids_free(&ids);
	diag_free(d);
	free(err);
	free(show_err);
	free(stuck);
	free(records);
	tl_rm_tree(dir);
}

static int mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return (int)(st.st_mode & 07777);
}

/* Runs backcheck and writes its standard output to path. */
static void run_to_file(const char *const *args, const char *path)
{
	struct tl_run r = run_backcheck(args);
	assert_int_equal(r.status, 0);
	assert_string_equal(r.err, "");
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(r.out, f);
	assert_int_equal(fclose(f), 0);
	tl_run_free(&r);
}

/* Record id in data folder dir, its answers given back to `run --answers`, gives VIGNETTE's
 * uninterrupted result. */
static void assert_record_replays(const char *dir, const char *id)
{
	char *answers = store_path(dir, "answers.yaml");
	run_to_file((const char *const[]){ "show", id, "--format", "answers", "--data-dir", dir,
	                                   NULL }, answers);
	struct tl_run r = run_backcheck((const char *const[]){ "run", "--answers", answers,
	                                                    "--format", "json", NULL });
	assert_int_equal(r.status, 0);
	assert_uninterrupted(r.out);
	tl_run_free(&r);
	free(answers);
}

/* A real run saved as a record reads back with the result's outcome and scores, in private
 * files; its answers, given back to `run --answers`, give the same JSON result. */
static void test_save_load_round_trip(void **state)
{
	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1795857330", 1);
	setenv("TZ", "UTC", 1);
	/* show wraps its texts to $COLUMNS off a terminal: the goldens are 80 columns wide. */
	setenv("COLUMNS", "80", 1);
	char *tmpl = tl_temp_dir("test_history");
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_file("questionnaires/back-recovery.yaml", d, NULL);
	assert_non_null(q);
	struct engine *e = engine_new(q, 0);
	assert_int_equal(answers_load_file(e, VIGNETTE, d, NULL), 0);
	const struct engine_result *res = engine_decide(e);
	char id[STORE_ID_MAX];
	assert_int_equal(store_save_result(tmpl, e, res, NULL, NULL, id, d), 0);
	assert_string_equal(id, "20261128-091530");
	char *records = store_path(tmpl, "records"), *file = NULL;
	assert_true(asprintf(&file, "%s/%s.yaml", records, id) > 0);
	assert_int_equal(mode_of(records), 0700);
	assert_int_equal(mode_of(file), 0600);
	struct arena *a = arena_new();
	struct store_record *r;
	size_t n;
	assert_int_equal(store_records_load(a, records, &r, &n, d), 0);
	assert_int_equal(n, 1);
	assert_int_equal(diag_count(d), 0);
	assert_string_equal(r->outcome_id, q->outcomes[res->outcome].id);
	assert_string_equal(r->questionnaire_sha256, q->sha256);
	size_t nscores = 0;
	for (size_t i = 0; i < q->nderived; i++) {
		if (!q->derived[i].is_score)
			continue;
		const struct store_score *sc = store_record_score(r, q->derived[i].id);
		assert_non_null(sc);
		assert_true(sc->value == res->derived[i]);
		assert_int_equal(sc->higher_is, (int)q->derived[i].higher_is);
		nscores++;
	}
	assert_int_equal(r->nscores, nscores);
	assert_record_replays(tmpl, id);
	arena_free(a);
	engine_free(e);
	questionnaire_free(q);
	diag_free(d);
	free(file);
	free(records);
	tl_rm_tree(tmpl);
}

/* --- Interactive checks that save (through plain lines on standard input) ----------------- */

/* Writes the lines a person would type for VIGNETTE's answers, lines [from, to), to path
 * (through `run --format json`'s answers, which are in asking order). */
static void write_lines(size_t from, size_t to, const char *path,
                        const struct questionnaire *blank_stable);

static void typed_lines(size_t from, size_t to, const char *path)
{
	write_lines(from, to, path, NULL);
}

/* typed_lines() into a new file dir/name; returns its path (the caller frees it). */
static char *vignette_lines(const char *dir, const char *name, size_t from, size_t to)
{
	char *path = store_path(dir, name);
	typed_lines(from, to, path);
	return path;
}

/* The same, with an empty line for every stable item of blank_stable (when not NULL): on a
 * terminal, Enter then takes the default a re-check puts on the line. */
static void write_lines(size_t from, size_t to, const char *path,
                        const struct questionnaire *blank_stable)
{
	struct tl_run r = vignette_result();
	assert_int_equal(r.status, 0);
	struct arena *a = arena_new();
	struct diag *d = diag_new();
	const struct ynode *answers = yamlio_get(yamlio_parse(a, d, "json", r.out, strlen(r.out)),
	                                         "answers");
	diag_free(d);
	assert_non_null(answers);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	for (size_t k = from; k < to && k < answers->n; k++) {
		const struct ynode *v = answers->items[k];
		const struct item *it = blank_stable ? model_item(blank_stable, answers->keys[k]->str)
		                                     : NULL;
		if (it != NULL && it->is_stable) {
			fputc('\n', f);
			continue;
		}
		if (v->kind == YNODE_SEQ) {
			for (size_t i = 0; i < v->n; i++)
				fprintf(f, "%s%s", i ? ", " : "", v->items[i]->str);
			fputc('\n', f);
			continue;
		}
		const char *t = v->str;
		fprintf(f, "%s\n", strcmp(t, "true") == 0 ? "yes" : strcmp(t, "false") == 0 ? "no"
		                   : yamlio_is_null(v) ? "" : t);
	}
	assert_int_equal(fclose(f), 0);
	arena_free(a);
	tl_run_free(&r);
}

static char *temp_path(const char *dir, const char *name)
{
	return store_path(dir, name);
}

static void test_resume_gives_the_uninterrupted_result(void **state)
{
	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1795857330", 1);
	char *tmpl = tl_temp_dir("test_history");
	char *first = vignette_lines(tmpl, "first.txt", 0, 12);
	char *rest = vignette_lines(tmpl, "rest.txt", 12, 1000);
	struct tl_run a = run_with_input((const char *const[]){ "recheck", "--data-dir", tmpl,
	                                                     "--format", "json", NULL }, first);
	assert_int_equal(a.status, 65);
	assert_string_equal(a.out, "");
	char *statefile = store_path(tmpl, "state/back-recovery.yaml");
	assert_int_equal(mode_of(statefile), 0600);
	struct tl_run b = run_with_input((const char *const[]){ "resume", "--data-dir", tmpl,
	                                                     "--format", "json", NULL }, rest);
	assert_int_equal(b.status, 0);
	/* It was a re-check (with no earlier check): resumed, it still is. */
	assert_string_equal(b.err, "There is no earlier check to compare with, so this is a first "
	                           "check.\nSaved as 20261128-091530. See it again with "
	                           "'backcheck show 20261128-091530'.\n");
	assert_uninterrupted(b.out);
	assert_int_equal(access(statefile, F_OK), -1);
	struct tl_run d = run_backcheck((const char *const[]){ "resume", "--data-dir", tmpl, NULL });
	assert_int_equal(d.status, 66);
	assert_string_equal(d.err, "backcheck: there is no check in progress to resume.\n");
	tl_run_free(&a);
	tl_run_free(&b);
	tl_run_free(&d);
	free(statefile);
	free(first);
	free(rest);
	tl_rm_tree(tmpl);
}

/* A copy of the default questionnaire where pain_now only goes up to 2. */
static char *changed_questionnaire(const char *dir)
{
	char *text = tl_read("questionnaires/back-recovery.yaml");
	char *at = strstr(strstr(text, "id: pain_now"), "max: 10");
	assert_non_null(at);
	memcpy(at, "max:  2", 7);
	spit(dir, "back-recovery.yaml", text, strlen(text));
	free(text);
	return store_path(dir, "back-recovery.yaml");
}

static void test_resume_across_a_changed_questionnaire(void **state)
{
	(void)state;
	char *tmpl = tl_temp_dir("test_history");
	char *first = vignette_lines(tmpl, "first.txt", 0, 12);
	char *rest = vignette_lines(tmpl, "rest.txt", 12, 1000);
	char *q = changed_questionnaire(tmpl);
	struct tl_run a = run_with_input((const char *const[]){ "recheck", "--data-dir", tmpl,
	                                                     "--format", "json", NULL }, first);
	assert_int_equal(a.status, 65);
	FILE *f = fopen(rest, "r+");
	char *restof = tl_read(rest);
	fprintf(f, "2\n%s", restof);
	fclose(f);
	struct tl_run b = run_with_input((const char *const[]){ "resume", "--data-dir", tmpl,
	                                                     "--questionnaire", q, NULL }, rest);
	assert_int_equal(b.status, 0);
	assert_string_equal(b.err, "The questionnaire has changed since you started. These answers "
	                           "no longer fit and will be asked again if they are still needed: "
	                           "pain_now.\n"
	                           "There is no earlier check to compare with, so this is a first "
	                           "check.\n"
	                           "Saved as 20261128-091530. See it again with "
	                           "'backcheck show 20261128-091530'.\n");
	tl_run_free(&a);
	tl_run_free(&b);
	free(restof);
	free(q);
	free(first);
	free(rest);
	tl_rm_tree(tmpl);
}

/* A saved check whose questionnaire changed (its sha256): answers to items that still exist
 * and still fit are kept, the others (a value that no longer fits, an item that is gone)
 * are named and asked again where needed, and the result is the uninterrupted one. With
 * every answer still fitting, the person is told so. */
static void test_resume_keeps_what_still_fits(void **state)
{
	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1795857330", 1);
	/* A check begun under version 1.0.0 (safety questions first, age later, a yes/no
	 * pregnancy question), resumed under the current one: age is asked first now, then
	 * `pregnancy` (a new choice), and the safety answers still fit. */
	static const char head[] =
		"format_version: 1\nquestionnaire:\n  id: back-recovery\n  version: 1.0.0\n"
		"  sha256: 0000\nstarted_at: 2026-11-27T08:00:00Z\nanswers:\n"
		"  emergency_signs: [none]\n  emergency_unsure: false\n  urgent_signs: [none]\n"
		"  leg_weakness: false\n";
	static const struct {
		const char *answers;
		size_t from;
		const char *told;
	} cases[] = {
		{ "  age: lots\n  pregnant_or_postnatal: false\n  retired_question: 3\n", 6,
		  "The questionnaire has changed since you started. These answers no longer fit and "
		  "will be asked again if they are still needed: age, pregnant_or_postnatal, "
		  "retired_question.\n" },
		{ "  age: 39\n", 6,
		  "The questionnaire has changed since you started; all your answers still fit.\n" },
	};
	for (size_t k = 0; k < 2; k++) {
		char *tmpl = tl_temp_dir("test_history");
		char *statedir = store_path(tmpl, "state"), *text = NULL;
		assert_int_equal(mkdir(statedir, 0700), 0);
		assert_true(asprintf(&text, "%s%s", head, cases[k].answers) > 0);
		free(put_file(statedir, "back-recovery.yaml", text));
		char *rest = temp_path(tmpl, "rest.txt"), *lines = temp_path(tmpl, "lines.txt");
		char *preg = temp_path(tmpl, "pregnancy.txt");
		/* Asked: age (when it no longer fits), pregnancy (new), then from the leg question
		 * on; the safety answers in between are kept. */
		typed_lines(1, 2, preg);
		typed_lines(cases[k].from, 1000, rest);
		char *restof = tl_read(rest), *pregof = tl_read(preg);
		free(put_file(tmpl, "lines.txt", k == 0 ? "39\n" : ""));
		FILE *f = fopen(lines, "a");
		fputs(pregof, f);
		fputs(restof, f);
		fclose(f);
		free(pregof);
		free(preg);
		struct tl_run b = run_with_input((const char *const[]){ "resume", "--data-dir", tmpl,
		                                                     "--format", "json", NULL }, lines);
		assert_int_equal(b.status, 0);
		char *want = NULL;
		assert_true(asprintf(&want, "%sSaved as 20261128-091530. See it again with "
		                            "'backcheck show 20261128-091530'.\n", cases[k].told) > 0);
		assert_string_equal(b.err, want);
		assert_uninterrupted(b.out);
		tl_run_free(&b);
		free(want);
		free(restof);
		free(rest);
		free(lines);
		free(text);
		free(statedir);
		tl_rm_tree(tmpl);
	}
}

/* A check saved under version 1.0.0 (a frozen copy of its record) still lists, shows and
 * compares with one saved under the current version; a re-check says which last answers it
 * cannot fill in; compare names the questions that differ between the versions instead of
 * setting answers of another kind side by side. */
static void test_a_v1_record_lists_shows_and_compares(void **state)
{
	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1795857330", 1);
	setenv("TZ", "UTC", 1);
	setenv("COLUMNS", "80", 1);
	char *tmpl = tl_temp_dir("test_history");
	char *records = store_path(tmpl, "records");
	assert_int_equal(mkdir(records, 0700), 0);
	char *text = tl_read("tests/data/back-recovery-v1/records/20261101-080000.yaml");
	spit(records, "20261101-080000.yaml", text, strlen(text));
	free(text);
	/* A re-check under the current version says which of the last answers it cannot fill
	 * in, and why. */
	char *lines = vignette_lines(tmpl, "lines.txt", 0, 1000);
	struct tl_run now = run_with_input((const char *const[]){ "recheck", "--data-dir", tmpl,
	                                                       NULL }, lines);
	assert_int_equal(now.status, 0);
	assert_non_null(strstr(now.err, "The questionnaire has changed since your last check "
	                                "(1.0.0, now 2.0.0). These questions are new or asked "
	                                "differently, so your last answer is not filled in: "
	                                "pregnancy, bone_stress_risk."));
	tl_run_free(&now);
	free(lines);
	struct tl_run h = run_backcheck((const char *const[]){ "history", "--data-dir", tmpl, NULL });
	assert_int_equal(h.status, 0);
	assert_string_equal(h.err, "");
	assert_non_null(strstr(h.out, "Your checks, oldest first (2):"));
	assert_non_null(strstr(h.out, "  20261101-080000    1 Nov 2026 08:00"));
	assert_non_null(strstr(h.out, "  20261128-091530    28 Nov 2026 09:15"));
	tl_run_free(&h);
	struct tl_run sh = run_backcheck((const char *const[]){ "show", "20261101", "--data-dir", tmpl,
	                                                     NULL });
	assert_int_equal(sh.status, 0);
	assert_non_null(strstr(sh.out, "Questionnaire: back-recovery 1.0.0\n"));
	/* An answer to a question the current version no longer asks is shown by its id. */
	assert_non_null(strstr(sh.out, "  pregnant_or_postnatal    false\n"));
	tl_run_free(&sh);
	struct tl_run c = run_backcheck((const char *const[]){ "compare", "20261101", "20261128",
	                                                    "--data-dir", tmpl, NULL });
	assert_int_equal(c.status, 0);
	assert_string_equal(c.err, "");
	assert_non_null(strstr(c.out,
		"\nThese checks used different versions of the questionnaire (1.0.0, then 2.0.0),\n"
		"so some questions differ:\n"
		"  Asked only then: pregnant_or_postnatal\n"
		"  New now: pregnancy, painkillers_help, already_assessed\n"
		"  Asked in another form: bone_stress_risk\n"
		"\nNo answer changed.\n"));
	assert_null(strstr(c.out, "not answered -> not answered"));
	tl_run_free(&c);
	free(records);
	tl_rm_tree(tmpl);
}

static void test_two_windows_cannot_run_one_check(void **state)
{
	(void)state;
	char *tmpl = tl_temp_dir("test_history");
	char *statedir = store_path(tmpl, "state");
	struct diag *d = diag_new();
	assert_int_equal(store_mkdirs(statedir, d), 0);
	bool is_busy;
	int fd = store_lock(statedir, "back-recovery.lock", &is_busy, d);
	assert_true(fd >= 0);
	struct tl_run r = run_backcheck((const char *const[]){ "recheck", "--data-dir", tmpl, NULL });
	assert_int_equal(r.status, 75);
	assert_string_equal(r.err, "backcheck: this check is already open in another window. "
	                           "Finish it or type quit there (your answers are kept), then "
	                           "try again.\n");
	close(fd);
	tl_run_free(&r);
	diag_free(d);
	free(statedir);
	tl_rm_tree(tmpl);
}

static void test_no_save_writes_nothing(void **state)
{
	(void)state;
	char *tmpl = tl_temp_dir("test_history");
	char *lines = vignette_lines(tmpl, "lines.txt", 0, 1000);
	char *data = store_path(tmpl, "data");
	struct tl_run r = run_with_input((const char *const[]){ "recheck", "--no-save", "--data-dir",
	                                                     data, NULL }, lines);
	assert_int_equal(r.status, 0);
	assert_int_equal(access(data, F_OK), -1);
	tl_run_free(&r);
	free(lines);
	free(data);
	tl_rm_tree(tmpl);
}

/* An interview's -o FILE is checked before the first question (an existing file is refused,
 * nothing is asked or saved), and when FILE cannot be written at the end (a full disk), the
 * result comes to the terminal instead and the record is saved: nothing answered is lost. */
static void test_interview_output_target(void **state)
{
	(void)state;
	char *tmpl = tl_temp_dir("test_history");
	char *lines = temp_path(tmpl, "lines.txt"), *data = store_path(tmpl, "data");
	char *taken = put_file(tmpl, "taken.txt", "mine\n"), *want = NULL;
	typed_lines(0, 1000, lines);
	struct tl_run r = run_with_input((const char *const[]){ "run", "--save", "--data-dir", data,
	                                                     "-o", taken, NULL }, lines);
	assert_true(asprintf(&want, "%s: error: already exists; add --force to replace it\n",
	                     taken) > 0);
	assert_int_equal(r.status, 74);
	assert_string_equal(r.err, want);
	assert_int_equal(access(data, F_OK), -1);
	char *kept = tl_read(taken);
	assert_string_equal(kept, "mine\n");
	free(kept);
	tl_run_free(&r);
	r = run_with_input((const char *const[]){ "run", "--save", "--data-dir", data, "-o",
	                                          "/dev/full", NULL }, lines);
	assert_int_equal(r.status, 74);
	const char *lost = strstr(r.err, "/dev/full: error: cannot write: No space left on device\n"
	                                 "backcheck: so that nothing you answered is lost, here is "
	                                 "your result:\n\nResult: ");
	assert_non_null(lost);
	assert_non_null(strstr(lost, "Saved as "));
	char *records = store_path(data, "records");
	struct store_ids ids;
	struct diag *d = diag_new();
	assert_int_equal(store_list(records, &ids, d), 0);
	assert_int_equal(ids.n, 1);
	store_ids_free(&ids);
	diag_free(d);
	free(records);
	tl_run_free(&r);
	free(want);
	free(taken);
	free(lines);
	free(data);
	tl_rm_tree(tmpl);
}

/* A data folder that cannot be made or written (here a file where the records folder goes)
 * is treated like a full disk: the check goes on, says plainly that nothing is being saved,
 * and shows the result (it used to refuse to start, exit 74). */
static void test_unwritable_data_folder_goes_on_without_saving(void **state)
{
	(void)state;
	char *tmpl = tl_temp_dir("test_history");
	char *lines = vignette_lines(tmpl, "lines.txt", 0, 1000);
	char *records = put_file(tmpl, "records", "mine\n");
	struct tl_run r = run_with_input((const char *const[]){ "run", "--save", "--data-dir", tmpl,
	                                                     NULL }, lines);
	char *want = NULL;
	assert_true(asprintf(&want, "%s: error: is not a folder\nbackcheck: your answers cannot be "
	                     "saved here, so nothing is being saved; the check goes on and shows "
	                     "your result at the end.\n", records) > 0);
	assert_int_equal(r.status, 0);
	assert_true(strncmp(r.err, want, strlen(want)) == 0);
	assert_null(strstr(r.err, "Saved as"));
	assert_true(strncmp(r.out, "Result: ", 8) == 0);
	char *kept = tl_read(records), *state_file = store_path(tmpl, "state/back-recovery.yaml");
	assert_string_equal(kept, "mine\n");
	assert_int_equal(access(state_file, F_OK), -1);
	free(state_file);
	free(kept);
	free(want);
	tl_run_free(&r);
	free(records);
	free(lines);
	tl_rm_tree(tmpl);
}

/* A check in progress that cannot be read (broken YAML, another questionnaire's) is never
 * overwritten: it is moved aside with its bytes, the person is told where, and the new
 * check saves its progress as usual. */
static void test_unreadable_state_is_set_aside(void **state)
{
	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1795857330", 1);
	static const struct {
		const char *text, *why;
	} cases[] = {
		{ "answers: [1, 2\n", "back-recovery.yaml:2:1: error: did not find expected ',' or "
		  "']' (while parsing a flow sequence at line 1, column 10)\n" },
		{ "format_version: 1\nquestionnaire:\n  id: other\nanswers: {}\n",
		  "back-recovery.yaml: error: not a check in progress of the questionnaire "
		  "'back-recovery'\n" },
		/* Nodes of the wrong kind (they crashed the check before it was rebuilt, then
		 * were half used): each is refused at its position and the file set aside. */
		{ "format_version: 1\nquestionnaire:\n  id: [back-recovery]\nanswers: {}\n",
		  "back-recovery.yaml: error: not a check in progress of the questionnaire "
		  "'back-recovery'\n" },
		{ "questionnaire:\n  id: back-recovery\n  sha256: {a: 1}\nanswers: {}\n",
		  "back-recovery.yaml:3:11: error: 'sha256' should be a single value\n" },
		{ "questionnaire: {id: back-recovery}\nstarted_at: [2026]\nanswers: {}\n",
		  "back-recovery.yaml:2:13: error: 'started_at' should be a single value\n" },
		{ "questionnaire: {id: back-recovery}\nanswers:\n  pain_now: {a: 1}\n",
		  "back-recovery.yaml:3:13: error: the answer to 'pain_now' should be a single value "
		  "or a list, not a mapping\n" },
		{ "questionnaire: {id: back-recovery}\nanswers:\n  red_flags: [none, [x]]\n",
		  "back-recovery.yaml:3:21: error: the answer to 'red_flags' should be a list of "
		  "single values, not of lists or mappings\n" },
		{ "questionnaire: {id: back-recovery}\nanswers: {}\naudit: [5]\n",
		  "back-recovery.yaml:3:9: error: each entry of 'audit' should be a mapping\n" },
		{ "questionnaire: {id: back-recovery}\nanswers: {}\naudit:\n  - {item: {x: 1}}\n",
		  "back-recovery.yaml:4:12: error: 'item' should be a single value\n" },
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char *tmpl = tl_temp_dir("test_history");
		char *statedir = store_path(tmpl, "state");
		assert_int_equal(mkdir(statedir, 0700), 0);
		free(put_file(statedir, "back-recovery.yaml", cases[k].text));
		char *lines = put_file(tmpl, "lines.txt", "34\nnot_applicable\n9\nno\nnone\n");
		struct tl_run r = run_with_input((const char *const[]){ "run", "--save", "--data-dir",
		                                                     tmpl, NULL }, lines);
		assert_int_equal(r.status, 65);
		char *want = NULL;
		assert_true(asprintf(&want, "%s/%s"
		            "backcheck: the saved check in progress cannot be read, so a new check "
		            "starts. The file is kept as %s/back-recovery.unreadable-20261128-091530"
		            ".yaml.\n"
		            "backcheck: leg_weakness: the answers ended before this question\n",
		            statedir, cases[k].why, statedir) > 0);
		assert_string_equal(r.err, want);
		char *aside = store_path(statedir, "back-recovery.unreadable-20261128-091530.yaml");
		char *kept = tl_read(aside);
		assert_string_equal(kept, cases[k].text);
		char *now = store_path(statedir, "back-recovery.yaml"), *saved = tl_read(now);
		assert_non_null(strstr(saved, "\n  emergency_unsure: false\n  urgent_signs:\n  - none\n"));
		free(saved);
		free(now);
		free(kept);
		free(aside);
		free(want);
		tl_run_free(&r);
		free(lines);
		free(statedir);
		tl_rm_tree(tmpl);
	}
}

/* A FIFO named like the check in progress or a record never hangs resume or recheck (each
 * would wait for a writer forever): the state is refused and moved aside, the record skipped. */
static void test_fifos_never_hang_resume_or_recheck(void **state)
{
	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1795857330", 1);
	char *tmpl = tl_temp_dir("test_history");
	char *statedir = store_path(tmpl, "state"), *records = store_path(tmpl, "records");
	assert_int_equal(mkdir(statedir, 0700), 0);
	assert_int_equal(mkdir(records, 0700), 0);
	char *fifo = store_path(statedir, "back-recovery.yaml");
	char *rfifo = store_path(records, "20261127-080000.yaml");
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_int_equal(mkfifo(rfifo, 0600), 0);
	struct tl_run r = run_backcheck((const char *const[]){ "resume", "--data-dir", tmpl, NULL });
	char *want = NULL;
	assert_true(asprintf(&want, "%s: error: is not a regular file (a FIFO)\n"
	            "backcheck: the saved check in progress cannot be read, so a new check starts. "
	            "The file is kept as %s/back-recovery.unreadable-20261128-091530.yaml.\n"
	            "backcheck: there is no check in progress to resume.\n", fifo, statedir) > 0);
	assert_int_equal(r.status, 66);
	assert_string_equal(r.err, want);
	tl_run_free(&r);
	free(want);
	r = run_backcheck((const char *const[]){ "recheck", "--data-dir", tmpl, NULL });
	assert_true(asprintf(&want, "%s: warning: is not a regular file (a FIFO); this record is "
	                     "skipped and left as it is\nThere is no earlier check to compare with, "
	                     "so this is a first check.\n", rfifo) > 0);
	assert_true(strncmp(r.err, want, strlen(want)) == 0);
	assert_int_not_equal(r.status, 142);
	tl_run_free(&r);
	free(want);
	free(fifo);
	free(rfifo);
	free(records);
	free(statedir);
	tl_rm_tree(tmpl);
}

/* Health data stays private whatever the umask: every folder 0700, every file 0600. */
static void test_permissions_whatever_the_umask(void **state)
{
	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1795857330", 1);
	char *tmpl = tl_temp_dir("test_history");
	char *data = store_path(tmpl, "data"), *part = put_file(tmpl, "part.txt", "34\n1\n9\nno\n");
	char *all = vignette_lines(tmpl, "all.txt", 0, 1000);
	mode_t old = umask(0);
	struct tl_run a = run_with_input((const char *const[]){ "run", "--save", "--data-dir", data,
	                                                     NULL }, part);
	assert_int_equal(a.status, 65);
	static const char *const dirs[] = { "", "/state", "/records" };
	for (size_t k = 0; k < 3; k++) {
		char *p = NULL;
		assert_true(asprintf(&p, "%s%s", data, dirs[k]) > 0);
		assert_int_equal(mode_of(p), 0700);
		free(p);
	}
	static const char *const files[] = { "/state/back-recovery.yaml",
	                                     "/state/back-recovery.lock" };
	for (size_t k = 0; k < 2; k++) {
		char *p = NULL;
		assert_true(asprintf(&p, "%s%s", data, files[k]) > 0);
		assert_int_equal(mode_of(p), 0600);
		free(p);
	}
	struct tl_run b = run_with_input((const char *const[]){ "run", "--save", "--data-dir", data,
	                                                     NULL }, all);
	umask(old);
	assert_int_equal(b.status, 0);
	char *record = store_path(data, "records/20261128-091530.yaml");
	assert_int_equal(mode_of(record), 0600);
	free(record);
	tl_run_free(&a);
	tl_run_free(&b);
	free(all);
	free(part);
	free(data);
	tl_rm_tree(tmpl);
}

/* --- Through a pseudo-terminal --------------------------------------------------------------- */

/* Enter at the final review: the check ends with its result. */
static const char *const FINAL_ENTER[] = { "=Your answers", ">", NULL };

/* Types the first n lines of text (each after the next prompt), then either sends SIGTERM
 * at the next prompt or accepts the final review; returns the exit status. */
static int term_answer(struct tl_pty *t, char *text, size_t n, bool is_sigterm)
{
	char *line = text;
	for (size_t k = 0; k < n && *line != '\0'; k++) {
		char *nl = strchr(line, '\n');
		*nl = '\0';
		tl_pty_answer(t, line);
		line = nl + 1;
	}
	if (!is_sigterm)
		tl_pty_wait(t, "Your answers");
	tl_pty_wait(t, "> ");
	if (is_sigterm)
		kill(t->pid, SIGTERM);
	else
		tl_pty_send(t, "\r");
	return tl_pty_finish(t);
}

/* Interviews `backcheck recheck` on a terminal with the first n lines of the file lines
 * (see term_answer()). *screen (when not NULL) gets what the terminal showed. */
static int pty_recheck(const char *data, const char *lines, size_t n, bool is_sigterm,
                       char **screen)
{
	struct tl_pty t = { 0 };
	tl_pty_spawn(&t, (const char *const[]){ "recheck", "--data-dir", data, NULL }, NULL);
	char *text = tl_read(lines);
	int status = term_answer(&t, text, n, is_sigterm);
	if (screen != NULL)
		*screen = strdup(t.buf);
	tl_pty_free(&t);
	free(text);
	return status;
}

static void test_resume_after_sigterm_on_a_terminal(void **state)
{
	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1795857330", 1);
	char *tmpl = tl_temp_dir("test_history");
	char *all = vignette_lines(tmpl, "all.txt", 0, 1000);
	char *rest = vignette_lines(tmpl, "rest.txt", 9, 1000);
	assert_int_equal(pty_recheck(tmpl, all, 9, true, NULL), 143);
	struct tl_run b = run_with_input((const char *const[]){ "resume", "--data-dir", tmpl,
	                                                     "--format", "json", NULL }, rest);
	assert_int_equal(b.status, 0);
	assert_uninterrupted(b.out);
	tl_run_free(&b);
	free(all);
	free(rest);
	tl_rm_tree(tmpl);
}

static void test_recheck_offers_stable_answers_and_shows_the_change(void **state)
{
	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1795857330", 1);
	char *tmpl = tl_temp_dir("test_history");
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_file("questionnaires/back-recovery.yaml", d, NULL);
	assert_non_null(q);
	char *all = vignette_lines(tmpl, "all.txt", 0, 1000);
	char *again = temp_path(tmpl, "again.txt");
	write_lines(0, 1000, again, q);
	char *a = tl_read(all), *b = tl_read(again);
	assert_string_not_equal(a, b);
	char *screen;
	assert_int_equal(pty_recheck(tmpl, all, 1000, false, &screen), 0);
	assert_non_null(strstr(screen, "There is no earlier check to compare with"));
	/* The result is on this terminal: a blank line sets the saving apart from it. */
	assert_non_null(strstr(screen, "type:\r\n  backcheck show --details 20261128-091530\r\n\r\nSaved as 20261128-091530. "
	                               "See it again with 'backcheck show 20261128-091530'."));
	/* `show` of the record is the very text the interview ended with (issue 11, point 9). */
	struct tl_run shown = run_backcheck((const char *const[]){ "show", "20261128-091530",
	                                                        "--data-dir", tmpl, NULL });
	assert_int_equal(shown.status, 0);
	assert_non_null(strstr(shown.out, "\nIn short: "));
	char *crlf = xalloc_array(2 * strlen(shown.out) + 1, 1), *o = crlf;
	for (const char *p = shown.out; *p != '\0'; p++) {
		if (*p == '\n')
			*o++ = '\r';
		*o++ = *p;
	}
	if (strstr(screen, crlf) == NULL)
		fail_msg("show differs from the end of the interview:\n%s\n---\n%s", shown.out, screen);
	free(crlf);
	tl_run_free(&shown);
	/* The line it ends with works: the same check with every detail. */
	shown = run_backcheck((const char *const[]){ "show", "--details", "20261128-091530",
	                                             "--data-dir", tmpl, NULL });
	assert_int_equal(shown.status, 0);
	assert_non_null(strstr(shown.out, "\nYour figures\n"));
	assert_non_null(strstr(shown.out, "For clinicians: outcome "));
	assert_null(strstr(shown.out, "In short: "));
	tl_run_free(&shown);
	free(screen);
	assert_int_equal(pty_recheck(tmpl, again, 1000, false, &screen), 0);
	assert_non_null(strstr(screen, "Since your last check:"));
	/* Wrapped at the terminal's 80 columns, like every message. */
	assert_non_null(strstr(screen, "From 20261128-091530 (28 Nov 2026 09:15) to "
	                                "20261128-091530-2 (28 Nov 2026\r\n09:15)"));
	assert_non_null(strstr(screen, "No answer changed."));
	struct tl_run r1 = run_backcheck((const char *const[]){ "show", "20261128-091530",
	                                                     "--format", "answers", "--data-dir",
	                                                     tmpl, NULL });
	struct tl_run r2 = run_backcheck((const char *const[]){ "show", "20261128-091530-2",
	                                                     "--format", "answers", "--data-dir",
	                                                     tmpl, NULL });
	assert_int_equal(r2.status, 0);
	assert_string_equal(r1.out, r2.out);
	tl_run_free(&r1);
	tl_run_free(&r2);
	free(screen);
	free(a);
	free(b);
	free(all);
	free(again);
	questionnaire_free(q);
	diag_free(d);
	tl_rm_tree(tmpl);
}

/* An answer changed with `back` during the interview is in the record's audit trail. */
static void test_audit_trail_keeps_a_revised_answer(void **state)
{
	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1795857330", 1);
	char *tmpl = tl_temp_dir("test_history");
	char *all = vignette_lines(tmpl, "all.txt", 0, 1000);
	char *edited = temp_path(tmpl, "edited.txt");
	/* Age is the first question: answered, then the next one goes back to change it. */
	char *text = tl_read(all);
	assert_memory_equal(text, "39\n", 3);
	FILE *f = fopen(edited, "w");
	assert_non_null(f);
	fprintf(f, "39\nback\n\x15" "40\n%s", text + 3);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(pty_recheck(tmpl, edited, 1000, false, NULL), 0);
	char *record = store_path(tmpl, "records/20261128-091530.yaml");
	char *saved = tl_read(record);
	assert_non_null(strstr(saved, "- item: age\n  from: null\n  to: 39\n"));
	assert_non_null(strstr(saved, "- item: age\n  from: 39\n  to: 40\n"));
	assert_non_null(strstr(saved, "\n  age: 40\n"));
	free(saved);
	free(record);
	free(text);
	free(all);
	free(edited);
	tl_rm_tree(tmpl);
}

/* Answers are written by one encoder, the JSON result's: a number in the audit trail is the
 * record's answer to the last digit (the audit trail wrote 12 significant digits before, so
 * 1234567.891234 became 1234567.89123 there). */
static void test_audit_writes_answers_as_the_answers_do(void **state)
{
	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1795857330", 1);
	char *dir = tl_temp_dir("test_history");
	char *qfile = temp_path(dir, "basic.yaml"), *answers = temp_path(dir, "answers.yaml");
	char *data = temp_path(dir, "data"), *text = tl_read("tests/data/engine/basic.yaml");
	static const char sleep_range[] = "max: 12\n        step: 0.5\n";
	char *at = strstr(text, sleep_range), *wide = NULL;
	assert_non_null(at);
	*at = '\0';
	assert_true(asprintf(&wide, "%smax: 1000000000\n%s", text, at + strlen(sleep_range)) > 0);
	tl_write(qfile, wide, strlen(wide));
	free(wide);
	static const char given[] = "danger: [none]\nhurts: true\npain: 3\nweeks: 2\ntrend: same\n"
	                            "sleep: 1234567.891234\nrest_days: 2\npushing: false\n";
	tl_write(answers, given, strlen(given));
	struct tl_run r = run_backcheck((const char *const[]){ "run", "-q", qfile, "--answers", answers,
	                                                    "--save", "--data-dir", data, NULL });
	assert_int_equal(r.status, 0);
	char *record = store_path(data, "records/20261128-091530.yaml"), *saved = tl_read(record);
	assert_non_null(strstr(saved, "\n  sleep: 1234567.891234\n"));
	assert_non_null(strstr(saved, "- item: sleep\n  from: null\n  to: 1234567.891234\n"));
	free(saved);
	free(record);
	tl_run_free(&r);
	free(text);
	free(data);
	free(answers);
	free(qfile);
	tl_rm_tree(dir);
}

/* An interview read from a pipe is scripted: it saves only with --save; --kiosk and
 * --no-save write nothing at all. */
static void test_piped_run_saves_only_with_save(void **state)
{
	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1795857330", 1);
	char *tmpl = tl_temp_dir("test_history");
	char *lines = vignette_lines(tmpl, "lines.txt", 0, 1000);
	char *data = store_path(tmpl, "data");
	static const char *const modes[] = { NULL, "--kiosk", "--no-save" };
	for (size_t k = 0; k < 3; k++) {
		struct tl_run r = run_with_input((const char *const[]){ "run", "--data-dir", data,
		                                                     modes[k], NULL }, lines);
		assert_int_equal(r.status, 0);
		assert_int_equal(access(data, F_OK), -1);
		tl_run_free(&r);
	}
	struct tl_run r = run_with_input((const char *const[]){ "run", "--save", "--data-dir", data,
	                                                     NULL }, lines);
	assert_int_equal(r.status, 0);
	char *record = store_path(data, "records/20261128-091530.yaml");
	assert_int_equal(mode_of(record), 0600);
	tl_run_free(&r);
	free(record);
	free(lines);
	free(data);
	tl_rm_tree(tmpl);
}

/* `backcheck` on a terminal after a SIGTERM offers the check in progress; taking it gives
 * the same record as an uninterrupted interview. */
static void test_terminal_offers_to_resume(void **state)
{
	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1795857330", 1);
	char *tmpl = tl_temp_dir("test_history");
	char *all = vignette_lines(tmpl, "all.txt", 0, 1000);
	char *rest = vignette_lines(tmpl, "rest.txt", 7, 1000);
	const char *const args[] = { "--data-dir", tmpl, "--format", "json", NULL };
	struct tl_pty t = { 0 };
	tl_pty_spawn(&t, args, NULL);
	char *text = tl_read(all);
	assert_int_equal(term_answer(&t, text, 7, true), 143);
	free(text);
	tl_pty_spawn(&t, args, NULL);
	static const char *const offered[] = {
		"=You were 7 questions into a check on 28 Nov. Resume?\r\n[Y/n] > ", NULL };
	/* Declined, then quit before the first answer: the check in progress is still there.
	 * Messages are wrapped at the terminal's width (80 columns here). */
	tl_pty_play_all(&t, offered, (const char *const[]){
		"<n\r", "=A new check starts. The unfinished one is replaced once you answer the "
		"first\r\nquestion; quit before that to keep it.", "=1/", ">quit", NULL }, NULL);
	assert_int_equal(tl_pty_finish(&t), 130);
	tl_pty_spawn(&t, args, NULL);
	tl_pty_play_all(&t, offered, (const char *const[]){ "<\r", NULL }, NULL);
	text = tl_read(rest);
	assert_int_equal(term_answer(&t, text, 1000, false), 0);
	free(text);
	assert_record_replays(tmpl, "20261128-091530");
	free(all);
	free(rest);
	tl_rm_tree(tmpl);
	tl_pty_free(&t);
}

/* --kiosk on a terminal (a waiting-room machine): a check stopped half-way leaves nothing
 * behind, and a check another person left in progress is not offered. */
static void test_kiosk_keeps_nothing_and_offers_nothing(void **state)
{
	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1795857330", 1);
	char *tmpl = tl_temp_dir("test_history");
	char *all = vignette_lines(tmpl, "all.txt", 0, 1000);
	char *data = store_path(tmpl, "data");
	struct tl_pty t = { 0 };
	tl_pty_spawn(&t, (const char *const[]){ "--kiosk", "--data-dir", data, NULL }, NULL);
	char *text = tl_read(all);
	assert_int_equal(term_answer(&t, text, 7, true), 143);
	free(text);
	assert_int_equal(access(data, F_OK), -1);
	/* Someone else's check in progress, left by an ordinary session. */
	tl_pty_spawn(&t, (const char *const[]){ "--data-dir", data, NULL }, NULL);
	text = tl_read(all);
	assert_int_equal(term_answer(&t, text, 7, true), 143);
	free(text);
	assert_int_equal(access(data, F_OK), 0);
	tl_pty_spawn(&t, (const char *const[]){ "--kiosk", "--data-dir", data, NULL }, NULL);
	tl_pty_wait(&t, "> ");
	assert_null(strstr(t.buf, "Resume?"));
	assert_non_null(strstr(t.buf, "1/"));
	kill(t.pid, SIGTERM);
	assert_int_equal(tl_pty_finish(&t), 143);
	free(all);
	free(data);
	tl_rm_tree(tmpl);
	tl_pty_free(&t);
}

/* Two real interviews of one questionnaire: while the first waits at a question, a second
 * on another terminal (and a scripted one that saves) is refused clearly; the first is
 * untouched and goes on. */
static void test_two_real_interviews_second_refused(void **state)
{
	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1795857330", 1);
	char *tmpl = tl_temp_dir("test_history");
	const char *const args[] = { "--data-dir", tmpl, NULL };
	struct tl_pty t1 = { 0 }, t2 = { 0 };
	tl_pty_spawn(&t1, args, NULL);
	tl_pty_answer(&t1, "34");
	tl_pty_wait(&t1, "Are you pregnant");
	tl_pty_wait(&t1, "> ");
	tl_pty_spawn(&t2, args, NULL);
	tl_pty_wait(&t2, "backcheck: this check is already open in another window. Finish it or type quit\r\n"
	               "there (your answers are kept), then try again.");
	assert_int_equal(tl_pty_finish(&t2), 75);
	assert_null(strstr(t2.buf, "Resume?"));
	char *lines = put_file(tmpl, "lines.txt", "34\nnot_applicable\n");
	struct tl_run r = run_with_input((const char *const[]){ "run", "--save", "--data-dir", tmpl,
	                                                     NULL }, lines);
	assert_int_equal(r.status, 75);
	assert_string_equal(r.err, "backcheck: this check is already open in another window. "
	                           "Finish it or type quit there (your answers are kept), then "
	                           "try again.\n");
	tl_pty_send(&t1, "not_applicable\r");
	tl_pty_wait(&t1, "3/");
	tl_pty_wait(&t1, "> ");
	kill(t1.pid, SIGTERM);
	assert_int_equal(tl_pty_finish(&t1), 143);
	char *statefile = store_path(tmpl, "state/back-recovery.yaml"), *saved = tl_read(statefile);
	assert_non_null(strstr(saved, "answers:\n  age: 34\n  pregnancy: not_applicable\n"
	                              "audit:"));
	free(saved);
	free(statefile);
	tl_run_free(&r);
	free(lines);
	tl_rm_tree(tmpl);
	tl_pty_free(&t1);
	tl_pty_free(&t2);
}

/* Every early end on a terminal (quit, Ctrl-C and Ctrl-D on an empty line, SIGHUP, the
 * terminal going away) keeps the answers so far, and the next `backcheck` offers them. */
static void test_every_early_end_keeps_the_answers(void **state)
{
	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1795857330", 1);
	static const struct {
		const char *keys;
		int sig;
		int status;
	} ends[] = {
		{ "quit\r", 0, 130 }, { "\x03", 0, 130 }, { "\x04", 0, 130 }, { NULL, SIGHUP, 129 },
		{ NULL, 0, 129 },
	};
	for (size_t k = 0; k < sizeof ends / sizeof ends[0]; k++) {
		char *tmpl = tl_temp_dir("test_history");
		const char *const args[] = { "--data-dir", tmpl, NULL };
		struct tl_pty t = { 0 };
		tl_pty_spawn(&t, args, NULL);
		tl_pty_play(&t, (const char *const[]){
			">34", ">not_applicable", ">9", ">no", ">none",
			"=Is one of your legs or feet newly weak", "=> ", NULL });
		int status;
		if (ends[k].keys != NULL) {
			tl_pty_send(&t, ends[k].keys);
			status = tl_pty_finish(&t);
		} else if (ends[k].sig != 0) {
			kill(t.pid, ends[k].sig);
			status = tl_pty_finish(&t);
		} else {
			/* The terminal goes away: the kernel sends SIGHUP to its session. */
			close(t.fd);
			assert_int_equal(waitpid(t.pid, &status, 0), t.pid);
			status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
		}
		if (status != ends[k].status)
			fail_msg("end %zu: exit %d, expected %d", k, status, ends[k].status);
		if (ends[k].keys != NULL || ends[k].sig != 0)
			assert_non_null(strstr(t.buf, "Your answers so far are kept. Run 'backcheck "
			                            "resume' to carry on."));
		tl_pty_spawn(&t, args, NULL);
		tl_pty_play(&t, (const char *const[]){
			"=You were 5 questions into a check on 28 Nov. Resume?\r\n[Y/n] > ", "<\r",
			"=Welcome back. Your 5 answers so far are kept; here is the next question.",
			"=6/37 · Safety check", "=> ", NULL });
		kill(t.pid, SIGTERM);
		assert_int_equal(tl_pty_finish(&t), 143);
		tl_pty_free(&t);
		tl_rm_tree(tmpl);
	}
}

/* --- The check controller (check.c) ------------------------------------------------------- */

static const char STORY_Q[] = "tests/data/check/story.yaml";

/* A text answer of exactly n bytes (UTF-8 included, never cut inside a character). */
static char *long_story(size_t n)
{
	static const char words[] = "Ça fait mal quand je cours, surtout en descente. ";
	char *s = malloc(n + 1);
	for (size_t k = 0; k < n; k++)
		s[k] = words[k % (sizeof words - 1)];
	/* Ç and é are two bytes each: a lead byte left alone at the end becomes 'x', and so
	 * does a final space (a typed line is trimmed). */
	if ((unsigned char)s[n - 1] >= 0xC0 || s[n - 1] == ' ')
		s[n - 1] = 'x';
	s[n] = '\0';
	return s;
}

/* A 3,000-byte text answer comes back whole after quit and resume, and as a re-check's
 * default (taken with Enter on a terminal), byte for byte. (It came back cut to 2,047
 * bytes through a fixed buffer.) */
static void test_long_text_answer_survives_resume_and_recheck(void **state)
{
	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1795857330", 1);
	char *tmpl = tl_temp_dir("test_history");
	char *story = long_story(3000), *text = NULL;
	assert_int_equal(strlen(story), 3000);
	assert_true(asprintf(&text, "%s\n", story) > 0);
	char *first = put_file(tmpl, "first.txt", text), *rest = put_file(tmpl, "rest.txt", "3\n");
	struct tl_run a = run_with_input((const char *const[]){ "run", "--save", "--questionnaire",
	                                                     STORY_Q, "--data-dir", tmpl, NULL },
	                              first);
	assert_int_equal(a.status, 65);
	struct tl_run b = run_with_input((const char *const[]){ "resume", "--questionnaire", STORY_Q,
	                                                     "--data-dir", tmpl, "--format", "json",
	                                                     NULL }, rest);
	assert_int_equal(b.status, 0);
	char *want = NULL;
	assert_true(asprintf(&want, "\"story\": \"%s\"", story) > 0);
	assert_non_null(strstr(b.out, want));
	/* A re-check on a terminal: the story is on the line; Enter keeps it. */
	struct tl_pty t = { 0 };
	tl_pty_spawn(&t, (const char *const[]){ "recheck", "--questionnaire", STORY_Q,
	                                          "--data-dir", tmpl, NULL }, NULL);
	tl_pty_play_all(&t, (const char *const[]){
		"=Your answer from last time is filled in",
		/* The long line scrolls sideways (TERM=dumb): its end is what shows. */
		"=en descente.x", "<\r", "=How bad is the pain now?", ">3", NULL }, FINAL_ENTER, NULL);
	assert_int_equal(tl_pty_finish(&t), 0);
	assert_non_null(strstr(t.buf, "No answer changed."));
	struct tl_run c = run_backcheck((const char *const[]){ "show", "20261128-091530-2", "--format",
	                                                    "json", "--data-dir", tmpl, NULL });
	assert_int_equal(c.status, 0);
	assert_non_null(strstr(c.out, want));
	tl_run_free(&a);
	tl_run_free(&b);
	tl_run_free(&c);
	free(want);
	free(first);
	free(rest);
	free(text);
	free(story);
	tl_rm_tree(tmpl);
	tl_pty_free(&t);
}

/* A scripted `--save` (no terminal, no one to ask) leaves an unfinished check as it is,
 * byte for byte, says how to carry on with it, and still saves its own result. (It was
 * overwritten at the first answer and deleted at the end, without a word.) */
static void test_scripted_save_leaves_the_unfinished_check_alone(void **state)
{
	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1795857330", 1);
	char *tmpl = tl_temp_dir("test_history");
	char *part = put_file(tmpl, "part.txt", "My story.\n");
	char *all = put_file(tmpl, "all.txt", "Another story.\n8\n");
	const char *const args[] = { "run", "--save", "--questionnaire", STORY_Q, "--data-dir",
	                             tmpl, NULL };
	struct tl_run a = run_with_input(args, part);
	assert_int_equal(a.status, 65);
	char *statefile = store_path(tmpl, "state/check-story.yaml"), *before = tl_read(statefile);
	struct tl_run b = run_with_input(args, all);
	assert_int_equal(b.status, 0);
	assert_string_equal(b.err, "backcheck: an unfinished check is waiting; it is left as it "
	                           "is, and this check's progress is not saved as it goes. Run "
	                           "'backcheck resume' on a terminal to carry on with it.\n"
	                           "Saved as 20261128-091530. See it again with "
	                           "'backcheck show 20261128-091530'.\n");
	char *after = tl_read(statefile);
	assert_string_equal(after, before);
	tl_run_free(&a);
	tl_run_free(&b);
	free(before);
	free(after);
	free(statefile);
	free(part);
	free(all);
	tl_rm_tree(tmpl);
}

/* Starts `backcheck ARGS` on a terminal with a check of the story questionnaire in progress
 * holding n answers (made by a scripted run that ended early). */
static void story_in_progress(const char *dir, size_t n)
{
	char *lines = put_file(dir, "part.txt", n == 2 ? "My story.\n5\n" : "My story.\n");
	struct tl_run a = run_with_input((const char *const[]){ "run", "--save", "--questionnaire",
	                                                     STORY_Q, "--data-dir", dir, NULL },
	                              lines);
	/* Two answers finish the check: keep it unfinished by stopping before the review. */
	assert_int_equal(a.status, n == 2 ? 0 : 65);
	tl_run_free(&a);
	free(lines);
}

/* The resume question takes yes or no and asks again on anything else; Ctrl-D there means
 * no, and quitting the new check before its first answer keeps the old one (and says so).
 * "1 question", not "1 questions". (Any reply but y meant no, and Ctrl-D resumed.) */
static void test_resume_question_takes_yes_or_no(void **state)
{
	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1795857330", 1);
	char *tmpl = tl_temp_dir("test_history");
	story_in_progress(tmpl, 1);
	char *statefile = store_path(tmpl, "state/check-story.yaml"), *before = tl_read(statefile);
	const char *const args[] = { "--questionnaire", STORY_Q, "--data-dir", tmpl, NULL };
	struct tl_pty t = { 0 };
	tl_pty_spawn(&t, args, NULL);
	tl_pty_play(&t, (const char *const[]){
		"=You were 1 question into a check on 28 Nov. Resume?\r\n[Y/n] > ", "<maybe\r",
		"=! Please answer yes or no.\r\n[Y/n] > ", "<\x04", "=A new check starts.", "=1/2",
		">quit", NULL });
	assert_int_equal(tl_pty_finish(&t), 130);
	assert_non_null(strstr(t.buf, "Your unfinished check is kept as it was. Run 'backcheck "
	                            "resume' to carry on\r\nwith it."));
	assert_null(strstr(t.buf, "Your answers so far are kept"));
	char *after = tl_read(statefile);
	assert_string_equal(after, before);
	/* "no" is taken as no; "YES" as yes. */
	tl_pty_spawn(&t, args, NULL);
	tl_pty_play(&t, (const char *const[]){
		"=[Y/n] > ", "<YES\r",
		"=Welcome back. Your 1 answer so far is kept; here is the next question.", "=2/2",
		"=> ", NULL });
	kill(t.pid, SIGTERM);
	assert_int_equal(tl_pty_finish(&t), 143);
	free(after);
	free(before);
	free(statefile);
	tl_rm_tree(tmpl);
	tl_pty_free(&t);
}

/* A check quit before any answer says nothing about answers being kept (there are none). */
static void test_quit_before_any_answer_keeps_nothing(void **state)
{
	(void)state;
	char *tmpl = tl_temp_dir("test_history");
	struct tl_pty t = { 0 };
	tl_pty_spawn(&t, (const char *const[]){ "--questionnaire", STORY_Q, "--data-dir", tmpl,
	                                          NULL }, NULL);
	tl_pty_answer(&t, "quit");
	assert_int_equal(tl_pty_finish(&t), 130);
	assert_null(strstr(t.buf, "kept"));
	char *statefile = store_path(tmpl, "state/check-story.yaml");
	assert_int_equal(access(statefile, F_OK), -1);
	free(statefile);
	tl_rm_tree(tmpl);
	tl_pty_free(&t);
}

/* `recheck` with an unfinished check offers to carry on with it; an interrupted re-check,
 * resumed (by `recheck` or `resume`), is still a re-check: "since your last check" at the
 * end. (recheck discarded the unfinished check silently, and a resumed re-check forgot
 * what it was.) */
static void test_recheck_offers_the_unfinished_check(void **state)
{
	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1795857330", 1);
	for (int k = 0; k < 2; k++) {
		char *tmpl = tl_temp_dir("test_history");
		story_in_progress(tmpl, 2);
		char *part = put_file(tmpl, "again.txt", "Again.\n");
		struct tl_run a = run_with_input((const char *const[]){ "recheck", "--questionnaire",
		                                                     STORY_Q, "--data-dir", tmpl,
		                                                     NULL }, part);
		assert_int_equal(a.status, 65);
		if (k == 0) {
			struct tl_pty t = { 0 };
			tl_pty_spawn(&t, (const char *const[]){ "recheck", "--questionnaire", STORY_Q,
			                                          "--data-dir", tmpl, NULL }, NULL);
			tl_pty_play_all(&t, (const char *const[]){
				"=You were 1 question into a check on 28 Nov. Resume?", "=[Y/n] > ", "<y\r",
				"=2/2", ">9", NULL }, FINAL_ENTER, NULL);
			assert_int_equal(tl_pty_finish(&t), 0);
			assert_non_null(strstr(t.buf, "Since your last check:"));
			tl_pty_free(&t);
		} else {
			char *rest = put_file(tmpl, "rest.txt", "9\n");
			struct tl_run b = run_with_input((const char *const[]){ "resume", "--questionnaire",
			                                                     STORY_Q, "--data-dir", tmpl,
			                                                     NULL }, rest);
			assert_int_equal(b.status, 0);
			assert_non_null(strstr(b.out, "Since your last check:"));
			tl_run_free(&b);
			free(rest);
		}
		tl_run_free(&a);
		free(part);
		tl_rm_tree(tmpl);
	}
}

/* A check stopped by an emergency saves its answers and outcome with no invented scores:
 * a score it could not compute is left out of its JSON and its record, and comparing it
 * with a full check says so. (Every score was saved as 0, and the next check was
 * "better".) */
static void test_emergency_stop_saves_no_invented_scores(void **state)
{
	(void)state;
	setenv("SOURCE_DATE_EPOCH", "1795857330", 1);
	char *tmpl = tl_temp_dir("test_history");
	const char *q = "tests/data/check/alerts.yaml";
	char *stop = put_file(tmpl, "stop.txt", "chest\n");
	char *full = put_file(tmpl, "full.txt", "none\nno\n3\n2\n4\nsame\n");
	struct tl_run a = run_with_input((const char *const[]){ "run", "--save", "--format", "json",
	                                                     "--questionnaire", q, "--data-dir",
	                                                     tmpl, NULL }, stop);
	assert_int_equal(a.status, 0);
	assert_non_null(strstr(a.out, "\"id\": \"emergency\""));
	assert_non_null(strstr(a.out, "\"scores\": {}"));
	char *record = store_path(tmpl, "records/20261128-091530.yaml"), *saved = tl_read(record);
	assert_non_null(strstr(saved, "\nscores: {}\n"));
	assert_non_null(strstr(saved, "\n  signs:\n  - chest\n"));
	struct tl_run b = run_with_input((const char *const[]){ "run", "--save", "--questionnaire", q,
	                                                     "--data-dir", tmpl, NULL }, full);
	assert_int_equal(b.status, 0);
	struct tl_run c = run_backcheck((const char *const[]){ "compare", "20261128-091530",
	                                                    "20261128-091530-2", "--data-dir",
	                                                    tmpl, NULL });
	assert_int_equal(c.status, 0);
	assert_non_null(strstr(c.out, "\nScores:\n  Training load            12 (not in the "
	                              "earlier check, so no comparison)\n"));
	struct tl_run d = run_backcheck((const char *const[]){ "compare", "20261128-091530-2",
	                                                    "20261128-091530", "--data-dir",
	                                                    tmpl, NULL });
	assert_non_null(strstr(d.out, "\nScores:\n  Training load            12 then; not "
	                              "worked out this time, so no comparison\n"));
	tl_run_free(&a);
	tl_run_free(&b);
	tl_run_free(&c);
	tl_run_free(&d);
	free(saved);
	free(record);
	free(stop);
	free(full);
	tl_rm_tree(tmpl);
}

/* `delete --all` declined on a terminal deletes nothing and is not an error. */
static void test_declined_delete_is_not_an_error(void **state)
{
	(void)state;
	char *dir = copy_fixtures();
	struct tl_pty t = { 0 };
	tl_pty_spawn(&t, (const char *const[]){ "delete", "--all", "--data-dir", dir, NULL }, NULL);
	tl_pty_wait(&t, "Delete all 4 of your checks and any check in progress? This cannot be "
	              "undone.\r\n[y/N] > ");
	tl_pty_send(&t, "\r");
	tl_pty_wait(&t, "Nothing was deleted.");
	assert_int_equal(tl_pty_finish(&t), 0);
	struct tl_run r = run_backcheck((const char *const[]){ "history", "--data-dir", dir, NULL });
	assert_non_null(strstr(r.out, "20261128-091530"));
	tl_run_free(&r);
	tl_pty_free(&t);
	tl_rm_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record_reads_format_1),
		cmocka_unit_test(test_record_reads_format_0),
		cmocka_unit_test(test_record_numbers_checked),
		cmocka_unit_test(test_record_huge_score_sparkline),
		cmocka_unit_test(test_record_controls_shown_escaped),
		cmocka_unit_test(test_records_bad_files_skipped_and_kept),
		cmocka_unit_test(test_hostile_records_are_skipped),
		cmocka_unit_test(test_commands_exact_output),
		cmocka_unit_test(test_replay_reports_positions_in_the_record),
		cmocka_unit_test(test_export_csv_quotes_and_defuses_formulas),
		cmocka_unit_test(test_history_of_one_check),
		cmocka_unit_test(test_delete_one_and_all),
		cmocka_unit_test(test_delete_all_goes_on_past_a_failure),
		cmocka_unit_test(test_save_load_round_trip),
		cmocka_unit_test(test_resume_gives_the_uninterrupted_result),
		cmocka_unit_test(test_resume_across_a_changed_questionnaire),
		cmocka_unit_test(test_resume_keeps_what_still_fits),
		cmocka_unit_test(test_a_v1_record_lists_shows_and_compares),
		cmocka_unit_test(test_two_windows_cannot_run_one_check),
		cmocka_unit_test(test_no_save_writes_nothing),
		cmocka_unit_test(test_interview_output_target),
		cmocka_unit_test(test_unwritable_data_folder_goes_on_without_saving),
		cmocka_unit_test(test_unreadable_state_is_set_aside),
		cmocka_unit_test(test_fifos_never_hang_resume_or_recheck),
		cmocka_unit_test(test_permissions_whatever_the_umask),
		cmocka_unit_test(test_resume_after_sigterm_on_a_terminal),
		cmocka_unit_test(test_recheck_offers_stable_answers_and_shows_the_change),
		cmocka_unit_test(test_audit_trail_keeps_a_revised_answer),
		cmocka_unit_test(test_audit_writes_answers_as_the_answers_do),
		cmocka_unit_test(test_piped_run_saves_only_with_save),
		cmocka_unit_test(test_terminal_offers_to_resume),
		cmocka_unit_test(test_kiosk_keeps_nothing_and_offers_nothing),
		cmocka_unit_test(test_two_real_interviews_second_refused),
		cmocka_unit_test(test_every_early_end_keeps_the_answers),
		cmocka_unit_test(test_long_text_answer_survives_resume_and_recheck),
		cmocka_unit_test(test_scripted_save_leaves_the_unfinished_check_alone),
		cmocka_unit_test(test_resume_question_takes_yes_or_no),
		cmocka_unit_test(test_quit_before_any_answer_keeps_nothing),
		cmocka_unit_test(test_recheck_offers_the_unfinished_check),
		cmocka_unit_test(test_declined_delete_is_not_an_error),
		cmocka_unit_test(test_emergency_stop_saves_no_invented_scores),
	};
	/* Record ids are local times: every test and every backcheck it starts runs in UTC. */
	setenv("TZ", "UTC", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
