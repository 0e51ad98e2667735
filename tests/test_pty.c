/*
 * test_pty.c - end-to-end: the real binary interviewed through a pseudo-terminal.
 *
 * Through the tests' pty harness (tests/lib/testpty.h): the child runs $BUILD/backcheck with
 * TERM=dumb, a temporary HOME and data folder, UTF-8 and SOURCE_DATE_EPOCH; keys are sent
 * only after the prompt they answer has appeared (Ctrl-C discards typed-ahead input). Covers a full interview of the
 * default questionnaire, Tab completion, every command, wrong answers of each kind, a stop,
 * Ctrl-C, Ctrl-D, SIGTERM and SIGHUP, and that the same answers give the same JSON through
 * the terminal, through a pipe, and as an answers file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "testpty.h"
#include "testlib.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char tmpdir[64];

/* When set, the next child's standard output goes to this file (a shell's "> FILE"). */
static const char *child_stdout;

/* Extra NAME=VALUE settings for the next child (NULL-terminated), after the defaults. */
static const char *const *extra_env;

/* Each session saves into a data folder of its own, so that a check one test leaves in
 * progress is never offered for resuming to the next (resuming is test_history's). */
static unsigned session_count;

/* When set, the next child runs this binary instead of the build's (a copy that another
 * user can reach), as user nobody when the tests run as root (so that a folder's mode
 * binds it), and with files limited to child_fsize bytes (a disk that fills up). */
static const char *child_binary;
static bool is_child_nobody;
static long child_fsize = -1;

/* The size of the next pty (tests of what a person sees use 80x24 and 50 columns). */
static unsigned short pty_rows = 40, pty_cols = 80;

/* Starts the binary with the arguments args (NULL-terminated) on a new pty as the settings
 * above say, in a data folder of its own. */
static void pty_spawn(struct tl_pty *p, const char *const *args)
{
	char data[128], home[128];
	session_count++;
	snprintf(data, sizeof data, "BACKCHECK_DATA_DIR=%s/data-%u", tmpdir, session_count);
	snprintf(home, sizeof home, "HOME=%s", tmpdir);
	const char *env[32] = { data, home, "LANG=C.UTF-8", "LC_ALL=C.UTF-8",
	                        "SOURCE_DATE_EPOCH=1700000000", "TZ=UTC", "NO_COLOR", "COLUMNS",
	                        "XDG_DATA_HOME", "XDG_STATE_HOME" };
	for (size_t k = 0; extra_env != NULL && extra_env[k] != NULL && k < 21; k++)
		env[10 + k] = extra_env[k];
	struct tl_pty_opts o = { .cols = pty_cols, .rows = pty_rows, .bin = child_binary,
	                         .env = env, .stdout_path = child_stdout,
	                         .has_fsize = child_fsize >= 0, .fsize = child_fsize,
	                         .is_nobody = is_child_nobody };
	tl_pty_spawn(p, args, &o);
}

/* After each test: the settings back to their defaults, and a child left by a failed test
 * killed and reaped. */
static int cleanup(void **state)
{
	(void)state;
	child_binary = NULL;
	is_child_nobody = false;
	child_fsize = -1;
	tl_pty_cleanup();
	return 0;
}

/* --- The default questionnaire, answered three ways ------------------------------------- */

/* What a person types, and the same answer in an answers file. */
static const struct {
	const char *id, *typed, *yaml;
} person[] = {
	{ "age", "34", "34" },
	{ "pregnancy", "not_applicable", "not_applicable" },
	{ "emergency_signs", "9", "[none]" },
	{ "emergency_unsure", "no", "false" },
	{ "urgent_signs", "none", "[none]" },
	{ "leg_weakness", "n", "false" },
	{ "leg_symptoms", "none", "none" },
	{ "pain_weeks", "3", "3" },
	{ "pain_trend", "2", "same" },
	{ "pain_now", "4", "4" },
	{ "pain_worst_week", "6", "6" },
	{ "painkillers_help", "helps", "helps" },
	{ "first_episode", "no", "false" },
	{ "previous_episodes_12m", "1", "1" },
	{ "already_assessed", "no", "false" },
	{ "bone_stress_risk", "none", "[none]" },
	{ "morning_stiffness_min", "20", "20" },
	{ "stiffness", "4", "4" },
	{ "guarding", "5", "5" },
	{ "movement_confidence", "6", "6" },
	{ "avoiding_movements", "no", "false" },
	{ "bother", "moderately", "moderately" },
	{ "worry", "sometimes", "sometimes" },
	{ "daily_limit", "no", "false" },
	{ "sleep_hours", "6.5", "6.5" },
	{ "sleep_quality", "4", "4" },
	{ "stress", "5", "5" },
	{ "fatigue", "4", "4" },
	{ "soreness", "3", "3" },
	{ "rest_days", "1", "1" },
	{ "active_recovery_sessions", "1", "1" },
	{ "recovery_priority_weeks", "1", "1" },
	{ "episode_rest_days", "2", "2" },
	{ "sessions_per_week", "4", "4" },
	{ "session_minutes", "60", "60" },
	{ "session_rpe", "7", "7" },
	{ "load_change", "up_10_30", "up_10_30" },
	{ "spike_session", "no", "false" },
	{ "through_pain", "sometimes", "sometimes" },
	{ "recovery_between_sessions", "slower", "slower" },
	{ "extra_mobility", "yes", "true" },
	{ "pushed_harder", "no", "false" },
	{ "care_so_far", "", "null" },
	{ "hard_activity", "", "null" },
	{ "own_words", "", "null" },
};
enum { NPERSON = sizeof person / sizeof person[0] };

static void write_file(const char *path, const char *what)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	for (size_t k = 0; k < NPERSON; k++) {
		if (strcmp(what, "lines") == 0)
			fprintf(f, "%s\n", person[k].typed);
		else
			fprintf(f, "%s: %s\n", person[k].id, person[k].yaml);
	}
	fclose(f);
}

/* Runs the binary with args and standard input from the file input (NULL: none); checks it
 * exits 0 and returns its standard output (the caller frees it), also written to tmpdir/name
 * when name is not NULL. */
static char *result_of(const char *const *args, const char *input, const char *name)
{
	struct tl_run r = tl_run(args, &(struct tl_run_opts){ .input = input });
	if (r.status != 0)
		fail_msg("%s: exit %d\n%s", args[0], r.status, r.err);
	if (name != NULL) {
		char path[128];
		snprintf(path, sizeof path, "%s/%s", tmpdir, name);
		tl_write(path, r.out, r.out_len);
	}
	free(r.err);
	return r.out;
}

/* Copies the file from to folder/name with mode. */
static void copy_file(const char *from, const char *folder, const char *name, mode_t mode)
{
	size_t len;
	char *bytes = tl_slurp(from, &len), path[256];
	if (bytes == NULL)
		fail_msg("cannot open %s", from);
	snprintf(path, sizeof path, "%s/%s", folder, name);
	tl_write(path, bytes, len);
	assert_int_equal(chmod(path, mode), 0);
	free(bytes);
}

/* --- Answer scripts (tl_pty_play()) that several tests type ------------------------------ */

/* The default questionnaire's first two questions: an age, and pregnancy not applicable
 * (by its id, or by its number). */
static const char *const AGE_NOT_PREGNANT[] = { ">34", ">not_applicable", NULL };
static const char *const AGE_1[] = { ">34", ">1", NULL };

/* Up to the default questionnaire's urgent signs: no emergency sign, not unsure. */
static const char *const DEFAULT_TO_URGENT[] = { ">34", ">1", ">none", ">no", NULL };

/* Yes to the question "Is that answer right?" after an alert answer. */
static const char *const CONFIRMED[] = { "=[Y/n] > ", "<y\r", NULL };

/* A fever ticked and confirmed (alerts.yaml and the default questionnaire). */
static const char *const FEVER_CONFIRMED[] = { ">fever", "=[Y/n] > ", "<y\r", NULL };

/* Waits for the next prompt and ends the check there: quit, Ctrl-C or Ctrl-D. */
static const char *const THEN_QUIT[] = { "=> ", "<quit\r", NULL };
static const char *const THEN_CTRL_C[] = { "=> ", "<\x03", NULL };
static const char *const THEN_CTRL_D[] = { "=> ", "<\x04", NULL };

/* The default questionnaire answered as person[] says. */
static void answer_person(struct tl_pty *p)
{
	for (size_t k = 0; k < NPERSON; k++)
		tl_pty_answer(p, person[k].typed);
}

/* Answers person[] to the final review (which shows in_review when not NULL), where Enter
 * ends the check (status 0); what the terminal showed stays in p. */
static void person_to_the_end(struct tl_pty *p, const char *in_review)
{
	tl_pty_wait(p, "Back pain and recovery");
	answer_person(p);
	tl_pty_wait(p, "Your answers");
	if (in_review != NULL)
		tl_pty_wait(p, in_review);
	tl_pty_answer(p, "");
	assert_int_equal(tl_pty_finish(p), 0);
}

static void test_pty_full_interview_matches_pipe_and_answers_file(void **state)
{
	(void)state;
	char out[128];
	snprintf(out, sizeof out, "%s/pty.json", tmpdir);
	static struct tl_pty p;
	pty_spawn(&p, (const char *const[]){ "--format", "json", "-o", out, NULL });
	person_to_the_end(&p, "45) ");
	assert_null(strstr(p.buf, "! "));
	tl_pty_free(&p);
	/* Answers are health data: nothing but the saved check and the result is written; no
	 * readline history file appears in HOME. */
	char path[128];
	assert_int_equal(tl_count_entries(tmpdir), 2);
	snprintf(path, sizeof path, "%s/data-1", tmpdir);
	assert_int_equal(access(path, F_OK), 0);
	assert_int_equal(access(out, F_OK), 0);

	char lines[128], answers[128];
	snprintf(lines, sizeof lines, "%s/lines.txt", tmpdir);
	snprintf(answers, sizeof answers, "%s/answers.yaml", tmpdir);
	write_file(lines, "lines");
	write_file(answers, "yaml");
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	char *a = tl_read(out);
	char *b = result_of((const char *const[]){ "--format", "json", NULL }, lines, "pipe.json");
	char *c = result_of((const char *const[]){ "run", "--answers", answers, "--format", "json",
	                                           NULL }, NULL, "file.json");
	assert_non_null(strstr(a, "\"format_version\""));
	snprintf(path, sizeof path, "%s/*.json", tmpdir);
	struct tl_run schema = tl_run((const char *const[]){ path, NULL },
	                              &(struct tl_run_opts){ .bin = "tests/check-schema" });
	if (schema.status != 0)
		fail_msg("check-schema: exit %d\n%s%s", schema.status, schema.out, schema.err);
	tl_run_free(&schema);
	assert_string_equal(a, b);
	assert_string_equal(a, c);
	free(a);
	free(b);
	free(c);
}

/* `backcheck --format json > result.json`: the interview is on the terminal, and the file
 * gets the result and nothing else, the same as `run --answers` gives. */
static void test_pty_result_redirected_to_a_file(void **state)
{
	(void)state;
	char out[128], answers[128], want[128];
	snprintf(out, sizeof out, "%s/redirected.json", tmpdir);
	snprintf(answers, sizeof answers, "%s/answers.yaml", tmpdir);
	snprintf(want, sizeof want, "%s/want.json", tmpdir);
	static struct tl_pty p;
	child_stdout = out;
	pty_spawn(&p, (const char *const[]){ "--format", "json", NULL });
	child_stdout = NULL;
	person_to_the_end(&p, NULL);
	assert_null(strstr(p.buf, "\"format_version\""));
	assert_non_null(strstr(p.buf, "Saved as "));
	tl_pty_free(&p);
	write_file(answers, "yaml");
	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	char *a = tl_read(out), *b = result_of((const char *const[]){ "run", "--answers", answers,
	                                                              "--format", "json", NULL },
	                                       NULL, NULL);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

/* Starts the default questionnaire, plays script and checks the exit status at the end;
 * what the terminal showed stays in p until tl_pty_free(). */
static void check_default(struct tl_pty *p, const char *const *script, int status)
{
	pty_spawn(p, (const char *const[]){ NULL });
	tl_pty_play(p, script);
	assert_int_equal(tl_pty_finish(p), status);
}

static void test_pty_tab_completes_ids_and_commands(void **state)
{
	(void)state;
	static struct tl_pty p;
	check_default(&p, (const char *const[]){
		">34",
		/* "not" Tab completes to the choice id "not_applicable". */
		"=[1-3] > ", "<not\t", "=not_applicable", "<\r",
		/* "NO" Tab completes to the choice id "none", case-insensitively. */
		"=[1-9] > ", "<NO\t", "=none", "<\r",
		">n",
		"=[1-14] > ", "<fev\t", "=fever", "<\x15" "rev\t", "=review", "<\r",
		"=Your answers so far", "=4) Are you unsure", ">",
		"=[1-14] > ", "<qu\t\r", NULL }, 130);
	tl_pty_free(&p);
}

static void test_pty_every_command(void **state)
{
	(void)state;
	static struct tl_pty p;
	check_default(&p, (const char *const[]){
		">?", "~or quit (Ctrl-C and Ctrl-D work too).",
		">skip", "=This question needs an answer, so it cannot be skipped.",
		">back", "=This is the first question",
		">34", ">not_applicable",
		">?", "=Tick only the signs you are sure of",
		">9", ">yes",
		/* Unsure makes an urgent rule certain: the consequence is named and confirmed. */
		"=With this answer, the check will tell you to get medical advice today.", ">y",
		">why", "=So far, your answers point to: Get medical advice today",
		/* Which sign is still to come: the reason says so rather than guessing. */
		"=You are not sure about one of the emergency signs: not asked yet.",
		">back", "=Are you unsure about any of the signs in that list?",
		/* The old answer is on the line for editing: Enter keeps it. */
		"=> yes", "<\r",
		">review", "=3) Since this pain began", "=none of these",
		"=4) Are you unsure about any of the signs in that list?\r\n     yes",
		">4", "=> yes", "<\x15no\r",
		">why", "=So far, nothing in your answers points to a particular next step.",
		">quit", NULL }, 130);
	tl_pty_free(&p);
}

static void test_pty_wrong_answers_of_each_kind(void **state)
{
	(void)state;
	static struct tl_pty p;
	pty_spawn(&p, (const char *const[]){ NULL });
	tl_pty_answer(&p, "");
	tl_pty_wait(&p, "Please type an answer, or ? for help.");
	char *big = malloc(10001);
	memset(big, '7', 10000);
	big[10000] = '\0';
	tl_pty_answer(&p, big);
	free(big);
	tl_pty_play(&p, (const char *const[]){
		"=That answer is far too long.",
		/* Ctrl-V inserts a control character literally. */
		">\x16\x01" "9", "=That answer has control characters in it.",
		">\xff\xfe", "=not valid text (UTF-8)",
		">200", "=! ", ">thirty", "=! ", ">30", "=Are you pregnant",
		">1", ">1,9", "=! ", ">12", "=! ",
		/* Pasted lines: each answers the question in front of it. */
		"=> ", "<9\rno\rnone\r", "=Is one of your legs or feet newly weak",
		">n", ">4", "=! ", "=[1-3] > ", "<\x04", NULL });
	assert_int_equal(tl_pty_finish(&p), 130);
	tl_pty_free(&p);
}

/* Up to a saddle numbness ticked at the default questionnaire's emergency signs. */
static const char *const TO_SADDLE[] = { ">41", ">not_applicable", ">saddle_numbness",
	                                        NULL };

static void test_pty_emergency_sign_stops(void **state)
{
	(void)state;
	static struct tl_pty p;
	pty_spawn(&p, (const char *const[]){ NULL });
	tl_pty_play_all(&p, TO_SADDLE, (const char *const[]){
		"=With this answer, the check will tell you to get emergency care now.", ">y",
		/* Confirmed, the result follows on this terminal at once: the only announcement. */
		"=y\r\n\r\n=====", "=!! Get emergency care now",
		"=Go to A&E now, or call 999 if you cannot get there safely.", NULL }, NULL);
	assert_int_equal(tl_pty_finish(&p), 0);
	assert_null(strstr(p.buf + p.mark, "> "));
	assert_null(strstr(p.buf, "Please stop here"));
	tl_pty_free(&p);
	/* With the result going to a file, the interview says at once why it stops. */
	char out[128];
	snprintf(out, sizeof out, "%s/stop.json", tmpdir);
	pty_spawn(&p, (const char *const[]){ "--format", "json", "-o", out, NULL });
	tl_pty_play_all(&p, TO_SADDLE, (const char *const[]){
		">y", "=Please stop here. Get emergency care now",
		/* The action of the rule that stopped it (cauda equina), not a generic one. */
		"=Go to A&E now, or call 999 if you cannot get there safely.", NULL }, NULL);
	assert_int_equal(tl_pty_finish(&p), 0);
	assert_null(strstr(p.buf, "====="));
	tl_pty_free(&p);
}

static void test_pty_ctrl_c_clears_text_then_ends(void **state)
{
	(void)state;
	static struct tl_pty p;
	pty_spawn(&p, (const char *const[]){ NULL });
	tl_pty_play_all(&p, AGE_NOT_PREGNANT, (const char *const[]){
		"=[1-9] > ", "<abc", "=abc", "<\x03",
		/* The line is cleared on screen: on a dumb terminal, backspaces over "abc", spaces
		            * over it and backspaces again. */
		"=\b\b\b   \b\b\b", "<9\r", "=Are you unsure about any of the signs", NULL }, NULL);
	assert_null(strstr(p.buf, "! "));
	tl_pty_play(&p, THEN_CTRL_C);
	assert_int_equal(tl_pty_finish(&p), 130);
	tl_pty_free(&p);
}

static void test_pty_ctrl_d_and_signals(void **state)
{
	(void)state;
	static const struct {
		int sig;
		int status;
	} cases[] = { { 0, 130 }, { SIGTERM, 143 }, { SIGHUP, 129 } };
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		static struct tl_pty p;
		pty_spawn(&p, (const char *const[]){ NULL });
		tl_pty_play_all(&p, AGE_NOT_PREGNANT,
		                (const char *const[]){ ">9", "=Are you unsure", "=> ", NULL }, NULL);
		if (cases[k].sig == 0)
			tl_pty_send(&p, "\x04");
		else
			kill(p.pid, cases[k].sig);
		assert_int_equal(tl_pty_finish(&p), cases[k].status);
		/* The prompt's line ends once, then one blank line before what follows. */
		if (cases[k].sig != SIGHUP)
			assert_non_null(strstr(p.buf, "[y/n] > \r\n\r\nYou stopped before the end"));
		tl_pty_free(&p);
	}
}

/* Review and back change a condition: "earlier episodes" disappears and comes back. */
static void test_pty_review_and_back_change_conditions(void **state)
{
	(void)state;
	static struct tl_pty p;
	pty_spawn(&p, (const char *const[]){ NULL });
	tl_pty_play(&p, (const char *const[]){
		">40", ">1", ">9", ">no", ">none", ">no", ">none", ">3", ">2", ">4", ">4", ">no", ">2",
		"=14/38 · Your pain", ">review",
		"=13) In the past 12 months, how many earlier episodes", ">12", "=> no", "<\x15yes\r",
		/* The earlier episodes no longer apply: the examined question is next, one fewer
		 * in all. */
		"=13/37 · Your pain", "=Has a doctor or physiotherapist examined you", ">review",
		"=12) Is this the first time you have had back pain like this?\r\n      yes", NULL });
	size_t after = p.mark;
	tl_pty_wait(&p, "Type a number");
	/* Nothing is listed between the first-episode answer and the end of the list. */
	assert_memory_equal(p.buf + after, "\r\n\r\nType a number", p.mark - after);
	tl_pty_play(&p, (const char *const[]){
		">", ">back", "=> yes", "<\x15no\r", "=13/38 · Your pain",
		"=how many earlier episodes", ">quit", NULL });
	assert_int_equal(tl_pty_finish(&p), 130);
	tl_pty_free(&p);
}

/* Bold only on a capable terminal, never with NO_COLOR (unless empty), TERM=dumb or --plain. */
static void test_pty_colour_only_when_wanted(void **state)
{
	(void)state;
	static const struct {
		const char *const env[3];
		const char *arg;
		bool is_bold;
	} cases[] = {
		{ { "TERM=xterm-256color", NULL }, NULL, true },
		{ { "TERM=xterm-256color", "NO_COLOR=1", NULL }, NULL, false },
		{ { "TERM=xterm-256color", "NO_COLOR=", NULL }, NULL, true },
		{ { "TERM=dumb", NULL }, NULL, false },
		{ { "TERM=xterm-256color", NULL }, "--plain", false },
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		static struct tl_pty p;
		extra_env = cases[k].env;
		pty_spawn(&p, (const char *const[]){ cases[k].arg, NULL });
		extra_env = NULL;
		tl_pty_wait(&p, "(10-110 years) > ");
		assert_int_equal(strstr(p.buf, "\033[1m") != NULL, cases[k].is_bold);
		/* --plain puts every choice on its own line, also where they would fit on one. */
		tl_pty_play(&p, (const char *const[]){
			"<30\r", ">1", ">9", ">no", ">none", ">no", ">none", ">2", "=1) getting better",
			NULL });
		tl_pty_wait(&p, cases[k].arg != NULL ? "\r\n  2) about the same" : "   2) about the same");
		tl_pty_play(&p, THEN_CTRL_D);
		assert_int_equal(tl_pty_finish(&p), 130);
		tl_pty_free(&p);
	}
}

/* The longest line (in characters, not bytes) of the first len bytes of s. */
static size_t longest_line(const char *s, size_t len)
{
	size_t longest = 0, n = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\r' || s[i] == '\n')
			n = 0;
		else if (((unsigned char)s[i] & 0xC0) != 0x80 && ++n > longest)
			longest = n;
	}
	return longest;
}

/* An explicit COLUMNS wins over the terminal's width (here 80). */
static void test_pty_columns_wins_over_the_terminal(void **state)
{
	(void)state;
	static const struct {
		const char *const env[2];
		size_t min, max;
	} cases[] = {
		{ { "COLUMNS=50", NULL }, 40, 50 },
		{ { NULL }, 60, 80 },
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		static struct tl_pty p;
		extra_env = cases[k].env;
		pty_spawn(&p, (const char *const[]){ NULL });
		extra_env = NULL;
		/* The first question of the default questionnaire (v2 asks the age first). */
		tl_pty_wait(&p, "(10-110 years) > ");
		size_t longest = longest_line(p.buf, p.mark);
		if (longest < cases[k].min || longest > cases[k].max)
			fail_msg("case %zu: longest line %zu, expected %zu to %zu:\n%s", k, longest,
			         cases[k].min, cases[k].max, p.buf);
		tl_pty_send(&p, "\x04");
		assert_int_equal(tl_pty_finish(&p), 130);
		tl_pty_free(&p);
	}
}

/* With bracketed paste (TERM=xterm), pasted lines arrive as one: refused, asked again. */
static void test_pty_bracketed_paste_of_several_lines(void **state)
{
	(void)state;
	static struct tl_pty p;
	extra_env = (const char *const[]){ "TERM=xterm-256color", NULL };
	pty_spawn(&p, (const char *const[]){ NULL });
	extra_env = NULL;
	tl_pty_play_all(&p, AGE_NOT_PREGNANT, (const char *const[]){
		"=[1-9] > ", "<\033[200~9\nno\033[201~\r",
		"=That was several lines. Please give one answer at a time.", ">9", "=Are you unsure",
		NULL }, THEN_CTRL_D, NULL);
	assert_int_equal(tl_pty_finish(&p), 130);
	tl_pty_free(&p);
}

/* Piped answers: a wrong one or an early end is an error naming the item, status 65. */
static void test_pty_piped_errors_name_the_item(void **state)
{
	(void)state;
	struct tl_run r = tl_run((const char *const[]){ NULL },
	                         &(struct tl_run_opts){ .typed = "200\n" });
	assert_int_equal(r.status, 65);
	assert_string_equal(r.err, "backcheck: age: Please give a whole number from 10 to 110.\n");
	tl_run_free(&r);
	r = tl_run((const char *const[]){ NULL }, &(struct tl_run_opts){ .typed = "34\n1\n9\nno\n" });
	assert_int_equal(r.status, 65);
	assert_string_equal(r.err, "backcheck: urgent_signs: the answers ended before this "
	                           "question\n");
	tl_run_free(&r);
}

/* --- Alerts: confirmation, urgent notices, early ends (tests/data/check/alerts.yaml) ------ */

static const char ALERTS_Q[] = "tests/data/check/alerts.yaml";

/* The terminal sizes a person may have: every alert test runs at both. */
static const unsigned short sizes[][2] = { { 80, 24 }, { 50, 24 } };

/* Starts the binary with args on a pty of sizes[size]. */
static void spawn_at(struct tl_pty *p, size_t size, const char *const *args)
{
	pty_cols = sizes[size][0];
	pty_rows = sizes[size][1];
	pty_spawn(p, args);
	pty_cols = 80;
	pty_rows = 40;
}

static void spawn_alerts(struct tl_pty *p, size_t size, const char *const *more)
{
	const char *args[12] = { "--questionnaire", ALERTS_Q };
	for (size_t k = 0; more != NULL && more[k] != NULL && k < 9; k++)
		args[2 + k] = more[k];
	spawn_at(p, size, args);
}

/* Rows from the mark to the next prompt: the lines `?` printed, with the prompt's own line. */
static size_t rows_to_prompt(struct tl_pty *p)
{
	size_t from = p->mark, rows = 1;
	tl_pty_wait(p, "> ");
	for (size_t i = from; i < p->mark; i++)
		rows += p->buf[i] == '\n';
	return rows;
}

/* alerts.yaml's sections as a person answers them: no alert sign and not unsure; the pain
 * section to its second answer; the rest of it and Enter at the final review. */
static const char *const ALERTS_SAFE[] = { ">none", ">no", NULL };
static const char *const ALERTS_PAIN_TO_2[] = { ">3", ">2", NULL };
static const char *const ALERTS_PAIN_END[] = { ">4", ">same", "=Your answers", ">", NULL };

/* The urgent action of a fever, as alerts.yaml shows it. */
static const char *const ALERTS_FEVER_ACTION[] = {
	"=!!! Get medical advice today",
	"~Call NHS 111 now and say you have a fever with back pain.", NULL };

/* Goes through the first section with a fever confirmed, up to the urgent notice. */
static void up_to_the_notice(struct tl_pty *p)
{
	/* The notice waits for the end of the section: the next question comes first. */
	tl_pty_play_all(p, FEVER_CONFIRMED,
	                (const char *const[]){ "=Are you unsure about any of them?", ">no", NULL },
	                ALERTS_FEVER_ACTION,
	                (const char *const[]){ "=Stop here and see your result?\r\n[Y/n] > ", NULL },
	                NULL);
}

/* Help fits a 24-line terminal at every question of the default questionnaire, at 80 and 50
 * columns (issue 11, point 10); a long list of choices is read one at a time with ?N. Before,
 * `?` at the emergency signs printed 52 lines. */
static void test_pty_help_fits_24_lines_at_every_question(void **state)
{
	(void)state;
	for (size_t size = 0; size < 2; size++) {
		static struct tl_pty p;
		spawn_at(&p, size, (const char *const[]){ NULL });
		for (size_t k = 0; k < NPERSON; k++) {
			tl_pty_answer(&p, "?");
			size_t rows = rows_to_prompt(&p);
			if (rows > 24)
				fail_msg("? at %s takes %zu rows at %u columns", person[k].id, rows,
				         sizes[size][0]);
			if (strcmp(person[k].id, "emergency_signs") == 0) {
				assert_non_null(strstr(p.buf, "such as ?2."));
				tl_pty_play(&p, (const char *const[]){
					"<?6\r", "~6) a bad fall, a crash or a heavy blow",
					"~For example: a fall from a height", ">?12",
					"~There is no answer numbered 12 here. Type ? for help.", "=> ",
					NULL });
			}
			tl_pty_send(&p, person[k].typed);
			tl_pty_send(&p, "\r");
		}
		tl_pty_answer(&p, "quit");
		assert_int_equal(tl_pty_finish(&p), 130);
		tl_pty_free(&p);
	}
}

/* An answer that makes an emergency rule certain is named in one sentence and confirmed:
 * no puts the question back, yes stops with the rule's action on screen. */
static void test_pty_alert_answer_is_confirmed(void **state)
{
	(void)state;
	for (size_t z = 0; z < 2; z++) {
		static struct tl_pty p;
		char out[128];
		snprintf(out, sizeof out, "%s/stop-%zu.json", tmpdir, z);
		/* The result goes to a file: the stop itself says what to do. */
		spawn_alerts(&p, z, (const char *const[]){ "--format", "json", "-o", out, NULL });
		tl_pty_play(&p, (const char *const[]){
			">chest",
			"~With this answer, the check will tell you to get emergency care now.",
			"=Is that answer right?\r\n[Y/n] > ", "<n\r",
			"~Then please give your answer again.", "=[1-3] > ", "<chest\r",
			"=[Y/n] > ", "<\r",
			"=!!! Please stop here. Get emergency help now", "=Call 999 now.", NULL });
		assert_int_equal(tl_pty_finish(&p), 0);
		assert_null(strstr(p.buf, "Are you unsure"));
		tl_pty_free(&p);
		/* Changed to none: no alert, and the next question. */
		spawn_alerts(&p, z, NULL);
		tl_pty_play(&p, (const char *const[]){
			">chest", "=[Y/n] > ", "<no\r", ">none", "=Are you unsure about any of them?",
			NULL });
		tl_pty_play(&p, THEN_QUIT);
		assert_int_equal(tl_pty_finish(&p), 130);
		tl_pty_free(&p);
	}
}

/* An urgent rule made certain shows its action at the end of its section; stopping there
 * gives (and saves) the urgent result, going on asks the next section. */
static void test_pty_urgent_notice_stop_or_go_on(void **state)
{
	(void)state;
	for (size_t z = 0; z < 2; z++) {
		static struct tl_pty p;
		spawn_alerts(&p, z, NULL);
		up_to_the_notice(&p);
		assert_null(strstr(p.buf, "How bad is the pain now?"));
		tl_pty_play(&p, (const char *const[]){ "<\r", "=Get medical advice today",
		                                       "=Saved as ", NULL });
		assert_int_equal(tl_pty_finish(&p), 0);
		assert_null(strstr(p.buf, "How bad is the pain now?"));
		tl_pty_free(&p);
		spawn_alerts(&p, z, NULL);
		up_to_the_notice(&p);
		tl_pty_play_all(&p, (const char *const[]){ "<n\r", "=How bad is the pain now?", NULL },
		                ALERTS_PAIN_TO_2, ALERTS_PAIN_END,
		                (const char *const[]){ "=Get medical advice today", NULL }, NULL);
		assert_int_equal(tl_pty_finish(&p), 0);
		/* The notice was shown once. */
		const char *first = strstr(p.buf, "Stop here and see your result?");
		assert_null(strstr(first + 1, "Stop here and see your result?"));
		tl_pty_free(&p);
	}
}

/* Every early end shows what is already certain (the urgent action), or else the safety
 * net: quit, Ctrl-C, Ctrl-D, SIGTERM, SIGHUP; a closed terminal ends as SIGHUP does. */
static void test_pty_every_early_end_shows_what_to_do(void **state)
{
	(void)state;
	static const struct {
		const char *keys;
		int sig;
		int status;
	} ends[] = {
		{ "quit\r", 0, 130 }, { "\x03", 0, 130 }, { "\x04", 0, 130 }, { NULL, SIGTERM, 143 },
		{ NULL, SIGHUP, 129 }, { NULL, 0, 129 },
	};
	static const char *const none[] = { ">none", NULL };
	static const char *const net[] = {
		"~You stopped before the end, so there is no result this time.",
		"~If you get chest pain, call 999. If you get a fever, call NHS 111.", NULL };
	static const char *const urgent[] = {
		"~You stopped before the end, but your answers so far already say what to do:",
		NULL };
	for (size_t z = 0; z < 2; z++)
	for (size_t k = 0; k < sizeof ends / sizeof ends[0]; k++)
	for (int is_urgent = 0; is_urgent < 2; is_urgent++) {
		static struct tl_pty p;
		spawn_alerts(&p, z, NULL);
		tl_pty_play_all(&p, is_urgent ? FEVER_CONFIRMED : none,
		                (const char *const[]){ "=Are you unsure about any of them?", "=> ", NULL }, NULL);
		if (ends[k].keys != NULL)
			tl_pty_send(&p, ends[k].keys);
		else if (ends[k].sig != 0)
			kill(p.pid, ends[k].sig);
		if (ends[k].keys == NULL && ends[k].sig == 0) {
			/* The terminal goes away: nothing can be read; the answers are kept. */
			close(p.fd);
			int st;
			assert_int_equal(waitpid(p.pid, &st, 0), p.pid);
			assert_int_equal(WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st), 129);
			tl_pty_free(&p);
			continue;
		}
		if (is_urgent)
			tl_pty_play_all(&p, urgent, ALERTS_FEVER_ACTION, NULL);
		else
			tl_pty_play(&p, net);
		if (tl_pty_finish(&p) != ends[k].status)
			fail_msg("end %zu: not exit %d", k, ends[k].status);
		tl_pty_free(&p);
	}
}

/* The result going to a file (`--format json -o FILE`): its headline and what to do are on
 * the terminal all the same, an urgent one as an alert. */
static void test_pty_result_to_a_file_still_shows_the_headline(void **state)
{
	(void)state;
	for (size_t z = 0; z < 2; z++) {
		char out[128];
		snprintf(out, sizeof out, "%s/headline-%zu.json", tmpdir, z);
		static struct tl_pty p;
		spawn_alerts(&p, z, (const char *const[]){ "--format", "json", "-o", out, NULL });
		up_to_the_notice(&p);
		tl_pty_play_all(&p, (const char *const[]){ "<n\r", NULL }, ALERTS_PAIN_TO_2, ALERTS_PAIN_END,
		                ALERTS_FEVER_ACTION, NULL);
		assert_int_equal(tl_pty_finish(&p), 0);
		char *json = tl_read(out);
		assert_non_null(strstr(json, "\"id\": \"urgent\""));
		free(json);
		tl_pty_free(&p);
		/* An ordinary result: its title and what to do (-o never replaces a file unasked). */
		unlink(out);
		spawn_alerts(&p, z, (const char *const[]){ "--format", "json", "-o", out, NULL });
		tl_pty_play_all(&p, ALERTS_SAFE, ALERTS_PAIN_TO_2, ALERTS_PAIN_END,
		                (const char *const[]){ "=Keep moving gently\r\n\r\nKeep moving.", NULL }, NULL);
		assert_int_equal(tl_pty_finish(&p), 0);
		tl_pty_free(&p);
	}
}

/* A line of choices that does not fit the terminal is one choice per line, never a number
 * split from its label (at 50 columns); one that fits stays on one line (at 80). */
static void test_pty_choices_never_split_from_their_numbers(void **state)
{
	(void)state;
	for (size_t z = 0; z < 2; z++) {
		static struct tl_pty p;
		spawn_alerts(&p, z, NULL);
		tl_pty_play_all(&p, ALERTS_SAFE, ALERTS_PAIN_TO_2,
		                (const char *const[]){ ">4", "~how much did you train?", NULL }, NULL);
		tl_pty_wait(&p, z == 0 ? "\r\n  1) same as usual   2) more than usual   "
		                      "3) less than usual\r\n"
		                    : "\r\n  1) same as usual\r\n  2) more than usual\r\n"
		                      "  3) less than usual\r\n");
		tl_pty_play(&p, THEN_CTRL_D);
		assert_int_equal(tl_pty_finish(&p), 130);
		tl_pty_free(&p);
	}
}

/* The final review takes the commands of any question: ? explains, why, back (the last
 * question), quit, and exit and q mean quit; review before any answer says there is
 * nothing yet. A multiple-choice answer may name a label of several words. */
static void test_pty_final_review_takes_commands(void **state)
{
	(void)state;
	static const char *const quits[] = { "quit", "exit", "q" };
	for (size_t k = 0; k < 3; k++) {
		static struct tl_pty p;
		spawn_alerts(&p, k == 2, NULL);
		tl_pty_play_all(&p, (const char *const[]){
			">review", "~There is nothing to review yet", ">none of these",
			"=Are you unsure about any of them?", ">no", NULL }, ALERTS_PAIN_TO_2,
			(const char *const[]){
			">4", ">less", "=Your answers", ">?",
			"~You can also type back (the last question), why (what your answers point to "
			"so far) or quit.",
			">why", "~So far, nothing in your answers points to a particular next step.",
			">back", "~how much did you train?", "=> less", "<\r", "=Your answers", NULL },
		                NULL);
		tl_pty_answer(&p, quits[k]);
		assert_int_equal(tl_pty_finish(&p), 130);
		assert_null(strstr(p.buf, "from 1 to 0"));
		tl_pty_free(&p);
	}
}

/* --- Side paths of a check at 80x24 and at 50 columns (issue 11) ---------------------------- */

static const char STORY_Q[] = "tests/data/check/story.yaml";

/* Every line the terminal showed fits its width (typed answers here are short), unless it
 * is one word longer than the width (a file's path), which no wrapping can fit. */
static void assert_fits(const struct tl_pty *p, size_t size)
{
	for (const char *line = p->buf; *line != '\0';) {
		size_t n = strcspn(line, "\n");
		size_t cols = longest_line(line, n);
		if (cols > sizes[size][0] && memchr(line, ' ', n) != NULL)
			fail_msg("a line of %zu columns on a terminal of %u:\n%.*s", cols,
			         sizes[size][0], (int)n, line);
		line += n + (line[n] == '\n');
	}
}

/* Reads to the end, checks every line fitted a terminal of sizes[size] and frees p;
 * returns the exit status. */
static int end_fitting(struct tl_pty *p, size_t size)
{
	int status = tl_pty_finish(p);
	assert_fits(p, size);
	tl_pty_free(p);
	return status;
}

/* How many times text appears in the terminal, as words: a line break ("\r\n") in the
 * output matches a space in text, wherever the terminal's width broke the lines. */
static size_t count_of(const struct tl_pty *p, const char *text)
{
	char *flat = malloc(p->len + 1);
	size_t n = 0, j = 0;
	for (size_t i = 0; i < p->len; i++) {
		if (strncmp(p->buf + i, "\r\n", 2) == 0)
			flat[j++] = ' ', i++;
		else
			flat[j++] = p->buf[i];
	}
	flat[j] = '\0';
	for (const char *h = strstr(flat, text); h != NULL; h = strstr(h + 1, text))
		n++;
	free(flat);
	return n;
}

/* A scripted check of the story questionnaire (`command --save`, or recheck) in data folder
 * dir, with typed on its standard input, made on 14 Nov 2023; returns its exit status. */
static int story_run(const char *typed, const char *command, const char *dir)
{
	const char *args[] = { command, "--save", "--questionnaire", STORY_Q, "--data-dir", dir,
	                       NULL };
	if (strcmp(command, "recheck") == 0)
		memmove(args + 1, args + 2, 5 * sizeof *args);
	struct tl_run r = tl_run(args, &(struct tl_run_opts){
		.typed = typed,
		.env = (const char *const[]){ "SOURCE_DATE_EPOCH=1700000000", "TZ=UTC", NULL } });
	tl_run_free(&r);
	return r.status;
}

/* A data folder (made here, named for the test and the size z) holding a check of the
 * story questionnaire: its first answer given by a scripted run, and with is_finished a
 * saved check before that. Returns the folder (until the next call). */
static const char *story_in_progress(const char *name, size_t z, bool is_finished)
{
	static char dir[128];
	snprintf(dir, sizeof dir, "%s/%s-%zu", tmpdir, name, z);
	assert_true(mkdir(dir, 0700) == 0 || errno == EEXIST);
	if (is_finished)
		assert_int_equal(story_run("My story.\n5\n", "run", dir), 0);
	/* The answers end before the second question: exit 65, the first answer kept. */
	assert_int_equal(story_run("My story.\n", is_finished ? "recheck" : "run", dir), 65);
	return dir;
}

/* The resume question at both widths: wrapped whole words, "1 question" and "1 answer";
 * anything but yes or no asks again; Ctrl-D means no, and quitting the new check before its
 * first answer keeps the old one and says so; YES means yes. */
static void test_pty_resume_question_at_both_widths(void **state)
{
	(void)state;
	static const char *const question[] = {
		"=You were 1 question into a check on 14 Nov. Resume?\r\n[Y/n] > ",
		"=You were 1 question into a check on 14 Nov.\r\nResume?\r\n[Y/n] > ",
	};
	static const char *const fresh[] = {
		"=A new check starts. The unfinished one is replaced once you answer the first\r\n"
		"question; quit before that to keep it.\r\n",
		"=A new check starts. The unfinished one is\r\nreplaced once you answer the first "
		"question; quit\r\nbefore that to keep it.\r\n",
	};
	static const char *const kept[] = {
		"=Your unfinished check is kept as it was. Run 'backcheck resume' to carry on\r\n"
		"with it.\r\n",
		"=Your unfinished check is kept as it was. Run\r\n'backcheck resume' to carry on with "
		"it.\r\n",
	};
	static const char *const back[] = {
		"=Welcome back. Your 1 answer so far is kept; here is the next question.\r\n",
		"=Welcome back. Your 1 answer so far is kept; here\r\nis the next question.\r\n",
	};
	for (size_t z = 0; z < 2; z++) {
		const char *dir = story_in_progress("resume", z, false);
		const char *const args[] = { "--questionnaire", STORY_Q, "--data-dir", dir, NULL };
		static struct tl_pty p;
		spawn_at(&p, z, args);
		tl_pty_play(&p, (const char *const[]){
			question[z], "<maybe\r", "=! Please answer yes or no.\r\n[Y/n] > ", "<\x04",
			fresh[z], "=1/2", "=> ", "<quit\r", kept[z], NULL });
		assert_int_equal(tl_pty_finish(&p), 130);
		assert_int_equal(count_of(&p, "kept"), 1);
		assert_fits(&p, z);
		tl_pty_free(&p);
		spawn_at(&p, z, args);
		tl_pty_play(&p, (const char *const[]){ question[z], "<YES\r", back[z], "=2/2", "=> ",
		                                       NULL });
		kill(p.pid, SIGTERM);
		assert_int_equal(end_fitting(&p, z), 143);
	}
}

/* `recheck` with an unfinished re-check offers it at both widths; carried on, it is still a
 * re-check, and what changed since the last check is wrapped like every message (it was
 * cut inside words at 50 columns). */
static void test_pty_recheck_offers_the_unfinished_check_at_both_widths(void **state)
{
	(void)state;
	static const char *const change[] = {
		"=\r\nSince your last check:\r\nFrom 20231114-221320 (14 Nov 2023 22:13) to "
		"20231114-221320-2 (14 Nov 2023\r\n22:13)\r\n\r\nOutcome then: Carry on\r\n"
		"Outcome now:  See someone\r\n\r\nAnswers that changed, the ones that moved most "
		"first:\r\n  How bad is the pain now?\r\n    5 -> 9\r\n",
		"=\r\nSince your last check:\r\nFrom 20231114-221320 (14 Nov 2023 22:13) to\r\n"
		"20231114-221320-2 (14 Nov 2023 22:13)\r\n\r\nOutcome then: Carry on\r\n"
		"Outcome now:  See someone\r\n\r\nAnswers that changed, the ones that moved most\r\n"
		"first:\r\n  How bad is the pain now?\r\n    5 -> 9\r\n",
	};
	for (size_t z = 0; z < 2; z++) {
		const char *dir = story_in_progress("recheck", z, true);
		static struct tl_pty p;
		spawn_at(&p, z, (const char *const[]){ "recheck", "--questionnaire", STORY_Q,
		                                     "--data-dir", dir, NULL });
		tl_pty_play(&p, (const char *const[]){
			z == 0 ? "=You were 1 question into a check on 14 Nov. Resume?\r\n"
			       : "=You were 1 question into a check on 14 Nov.\r\nResume?\r\n",
			"=[Y/n] > ", "<y\r", "=2/2", ">9", "=Your answers", ">", change[z],
			"=Result: See someone", "~In short: See someone. See someone.", NULL });
		assert_int_equal(end_fitting(&p, z), 0);
	}
}

/* `delete --all` asks at both widths, wrapped; Enter declines, deleting nothing, status 0. */
static void test_pty_declined_delete_at_both_widths(void **state)
{
	(void)state;
	static const char *const ask[] = {
		"=Delete all 2 of your checks and any check in progress? This cannot be undone.\r\n"
		"[y/N] > ",
		"=Delete all 2 of your checks and any check in\r\nprogress? This cannot be undone."
		"\r\n[y/N] > ",
	};
	for (size_t z = 0; z < 2; z++) {
		const char *dir = story_in_progress("delete", z, true);
		assert_int_equal(story_run("Again.\n1\n", "run", dir), 0);
		static struct tl_pty p;
		spawn_at(&p, z, (const char *const[]){ "delete", "--all", "--data-dir", dir, NULL });
		tl_pty_play(&p, (const char *const[]){ ask[z], "<\r", "=Nothing was deleted.\r\n",
		                                       NULL });
		assert_int_equal(end_fitting(&p, z), 0);
		char path[256];
		snprintf(path, sizeof path, "%s/records/20231114-221320.yaml", dir);
		assert_int_equal(access(path, F_OK), 0);
		snprintf(path, sizeof path, "%s/state/check-story.yaml", dir);
		assert_int_equal(access(path, F_OK), 0);
	}
}

/* Rows of a terminal of cols columns that the last lines of the output take, counted back
 * from its end (the cursor's row included) to the line holding text; 0 if none does. */
static size_t rows_back_to(const struct tl_pty *p, const char *text, size_t cols)
{
	const char *hit = NULL;
	for (const char *h = strstr(p->buf, text); h != NULL; h = strstr(h + 1, text))
		hit = h;
	if (hit == NULL)
		return 0;
	while (hit > p->buf && hit[-1] != '\n')
		hit--;
	size_t rows = 1;
	for (const char *q = hit; *q != '\0'; q++) {
		if (*q != '\n')
			continue;
		size_t n = longest_line(hit, (size_t)(q - hit));
		rows += n > cols ? (n + cols - 1) / cols : 1;
		hit = q + 1;
	}
	return rows;
}

/* When a check ends on a terminal of 24 rows, at 80 and at 50 columns, its headline and what
 * to do are still on the screen ("In short: ..."), saved or not (--no-save had none). */
static void test_pty_headline_stays_on_screen(void **state)
{
	(void)state;
	for (size_t z = 0; z < 2; z++)
	for (int is_saved = 0; is_saved < 2; is_saved++) {
		static struct tl_pty p;
		spawn_at(&p, z, is_saved ? (const char *const[]){ NULL }
		                       : (const char *const[]){ "--no-save", NULL });
		answer_person(&p);
		tl_pty_play(&p, (const char *const[]){
			"=Your answers", ">", "~In short: Swap extra training for active recovery.",
			NULL });
		assert_int_equal(tl_pty_finish(&p), 0);
		size_t rows = rows_back_to(&p, "In short: ", sizes[z][0]);
		if (rows == 0 || rows > 24)
			fail_msg("\"In short\" is %zu rows from the end at %u columns:\n%s", rows,
			         sizes[z][0], p.buf);
		assert_int_equal(count_of(&p, "backcheck show --details"), is_saved);
		assert_fits(&p, z);
		tl_pty_free(&p);
	}
}

/* A copy of the binary and the alerts questionnaire in a folder that user nobody can read
 * (the tree itself may sit in a home folder that nobody cannot enter); returns the folder. */
static const char *nobody_folder(void)
{
	static char dir[128];
	snprintf(dir, sizeof dir, "%s/nobody", tmpdir);
	assert_int_equal(chmod(tmpdir, 0711), 0);
	assert_true(mkdir(dir, 0755) == 0 || errno == EEXIST);
	assert_int_equal(chmod(dir, 0755), 0);
	copy_file(tl_binary(), dir, "backcheck", 0755);
	copy_file(ALERTS_Q, dir, "alerts.yaml", 0644);
	return dir;
}

/* The alerts check answered to its result, with data folder data, the binary bin; with
 * is_unsaved_at_2, the notice that nothing is being saved comes right after the answer 2. */
static void alerts_to_the_end(struct tl_pty *p, size_t z, const char *bin, const char *q,
                              const char *data, bool is_unsaved_at_2)
{
	child_binary = bin;
	spawn_at(p, z, (const char *const[]){ "--questionnaire", q, "--data-dir", data, NULL });
	child_binary = NULL;
	static const char *const unsaved[] = {
		"~backcheck: your answers cannot be saved here, so nothing is being saved; the check "
		"goes on and shows your result at the end.", NULL };
	static const char *const none[] = { NULL };
	static const char *const result[] = { "=Result: Keep moving gently\r\nKeep moving.\r\n",
	                                      "=In short: Keep moving gently. Keep moving.\r\n",
	                                      NULL };
	tl_pty_play_all(p, ALERTS_SAFE, ALERTS_PAIN_TO_2, is_unsaved_at_2 ? unsaved : none,
	                ALERTS_PAIN_END, result, NULL);
	assert_int_equal(tl_pty_finish(p), 0);
	assert_null(strstr(p->buf, "Saved as"));
	assert_null(strstr(p->buf, "show --details"));
	assert_fits(p, z);
}

/* A read-only data folder (as user nobody when the tests run as root, whom no folder mode
 * stops): the check starts, says once and plainly that nothing is being saved, and shows
 * its result; nothing is written. (It used to refuse to start, exit 74.) */
static void test_pty_read_only_data_folder_goes_on_without_saving(void **state)
{
	(void)state;
	const char *dir = nobody_folder();
	char bin[192], q[192], data[192];
	snprintf(bin, sizeof bin, "%s/backcheck", dir);
	snprintf(q, sizeof q, "%s/alerts.yaml", dir);
	for (size_t z = 0; z < 2; z++) {
		snprintf(data, sizeof data, "%s/data-%zu", dir, z);
		assert_int_equal(mkdir(data, 0555), 0);
		assert_int_equal(chmod(data, 0555), 0);
		static struct tl_pty p;
		is_child_nobody = true;
		alerts_to_the_end(&p, z, bin, q, data, false);
		is_child_nobody = false;
		assert_int_equal(count_of(&p, "backcheck: your answers cannot be saved here, so "
		                              "nothing is being saved; the check goes on and shows "
		                              "your result at the end."), 1);
		/* Said before the first question. */
		assert_true(strstr(p.buf, "backcheck: your answers") < strstr(p.buf, "1/6"));
		assert_int_equal(tl_count_entries(data), 0);
		tl_pty_free(&p);
	}
}

/* The disk fills up during a check (files limited to 500 bytes: the progress after three
 * answers fits, after the fourth it does not): the person is told once, plainly, that
 * nothing more is being saved; the check goes on to its result; the first three answers
 * stay saved as a check in progress, and no record claims to be saved. When it fills up
 * only at the end (1,024 bytes: every answer saved, the record not), that is said instead,
 * once. */
static void test_pty_disk_fills_during_the_check(void **state)
{
	(void)state;
	for (size_t z = 0; z < 2; z++)
	for (int is_at_end = 0; is_at_end < 2; is_at_end++) {
		char data[128];
		snprintf(data, sizeof data, "%s/full-%zu-%d", tmpdir, z, is_at_end);
		static struct tl_pty p;
		child_fsize = is_at_end ? 1024 : 500;
		alerts_to_the_end(&p, z, NULL, ALERTS_Q, data, !is_at_end);
		child_fsize = -1;
		assert_int_equal(count_of(&p, "nothing is being saved"), !is_at_end);
		assert_int_equal(count_of(&p, "backcheck: this result could not be saved."),
		                 is_at_end);
		char path[192];
		snprintf(path, sizeof path, "%s/state/check-alerts.yaml", data);
		char *saved = tl_read(path);
		assert_non_null(strstr(saved, "\n  pain: 3\n"));
		assert_true((strstr(saved, "\n  weeks: 2\n") != NULL) == is_at_end);
		free(saved);
		snprintf(path, sizeof path, "%s/records", data);
		assert_int_equal(tl_count_entries(path), 0);
		tl_pty_free(&p);
	}
}

/* The default questionnaire (v2) behaves as issue 12 says: ticking chest pain asks for
 * confirmation, then shows 999 and not the cauda-equina wording; quitting right after an
 * urgent answer shows the urgent action; Ctrl-C at the third question shows the safety net. */
/* Issue 12's other pty cases on the default questionnaire: fever during chemotherapy is an
 * emergency with its own instruction; unsure about a cauda equina sign together with leg
 * symptoms is an emergency; a worst pain below the pain now is asked again with the check's
 * message. */
static void test_pty_default_questionnaire_v2_cases(void **state)
{
	(void)state;
	static struct tl_pty p;
	pty_spawn(&p, (const char *const[]){ NULL });
	tl_pty_play_all(&p, DEFAULT_TO_URGENT,
	                (const char *const[]){ ">fever, immune_treatment", "~With this answer,", NULL },
	                CONFIRMED, (const char *const[]){
		"~This can be a serious infection. If you have a 24-hour chemotherapy or acute "
		"oncology line, call it now. If not, call 999 or go to A&E now.", NULL }, NULL);
	assert_int_equal(tl_pty_finish(&p), 0);
	assert_null(strstr(p.buf, "NHS 111 today"));
	tl_pty_free(&p);

	pty_spawn(&p, (const char *const[]){ NULL });
	tl_pty_play_all(&p, AGE_1, (const char *const[]){ ">none", ">yes", NULL }, CONFIRMED,
	                (const char *const[]){ ">saddle_numbness", ">none", ">no", ">below_knee",
	                                       "~With this answer,", NULL },
	                CONFIRMED, (const char *const[]){
		"~Being unsure about one of these signs, together with leg symptoms, is reason "
		"enough to be checked now. Go to A&E now, or call 999", NULL }, NULL);
	assert_int_equal(tl_pty_finish(&p), 0);
	tl_pty_free(&p);

	pty_spawn(&p, (const char *const[]){ NULL });
	tl_pty_play_all(&p, AGE_1, (const char *const[]){
		">9", ">no", ">none", ">n", ">none", ">3", ">2", ">6", ">4",
		"~Your worst pain in the last 7 days cannot be lower than your pain right now. "
		"Please give a number at least as high as your pain now.",
		">7", "~pain relief", NULL }, THEN_QUIT, NULL);
	assert_int_equal(tl_pty_finish(&p), 130);
	tl_pty_free(&p);
}

static void test_pty_default_questionnaire_alerts(void **state)
{
	(void)state;
	static struct tl_pty p;
	pty_spawn(&p, (const char *const[]){ NULL });
	tl_pty_play_all(&p, AGE_1, (const char *const[]){
		">chest_pain", "~With this answer,", "=Is that answer right?\r\n[Y/n] > ", "<y\r",
		"~Call 999 now (112 in most of Europe).", NULL }, NULL);
	assert_int_equal(tl_pty_finish(&p), 0);
	assert_null(strstr(p.buf, "cauda equina"));
	assert_null(strstr(p.buf, "Go to A&E now"));
	tl_pty_free(&p);
	/* An urgent sign, then quit at the next question. */
	static const char *const gp_today[] = {
		"~Call your GP surgery and ask to be seen today, or call NHS 111.", NULL };
	pty_spawn(&p, (const char *const[]){ NULL });
	tl_pty_play_all(&p, DEFAULT_TO_URGENT, FEVER_CONFIRMED, (const char *const[]){
		"=Is one of your legs or feet", ">quit",
		"~You stopped before the end, but your answers so far already say what to do:",
		NULL }, gp_today, NULL);
	assert_int_equal(tl_pty_finish(&p), 130);
	tl_pty_free(&p);
	/* The urgent notice at the end of the safety section: stop (the urgent result, saved)
	 * or go on (the pain section). */
	for (int is_stop = 0; is_stop < 2; is_stop++) {
		pty_spawn(&p, (const char *const[]){ NULL });
		tl_pty_play_all(&p, DEFAULT_TO_URGENT, FEVER_CONFIRMED,
		                (const char *const[]){ ">no", ">none", "=!!! ", NULL }, gp_today,
		                (const char *const[]){ "=Stop here and see your result?\r\n[Y/n] > ", NULL },
		                NULL);
		if (is_stop) {
			tl_pty_play(&p, (const char *const[]){ "<y\r", "=Saved as ", NULL });
			assert_int_equal(tl_pty_finish(&p), 0);
		} else {
			tl_pty_play_all(&p, (const char *const[]){ "<n\r", "=How many weeks ago", NULL },
			                THEN_CTRL_D, NULL);
			assert_int_equal(tl_pty_finish(&p), 130);
		}
		tl_pty_free(&p);
	}
	/* Ctrl-C at the third question: the safety net. */
	pty_spawn(&p, (const char *const[]){ NULL });
	tl_pty_play_all(&p, AGE_1, (const char *const[]){ "=3/", NULL }, THEN_CTRL_C, (const char *const[]){
		"~You stopped before the end, so there is no result this time.",
		"~Call 999 for chest pain, or sudden severe tummy or back pain with feeling faint.",
		NULL }, NULL);
	assert_int_equal(tl_pty_finish(&p), 130);
	tl_pty_free(&p);
}

static int setup(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/backcheck-pty-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	tl_rm_tree(strdup(tmpdir));
	return 0;
}

/* --- Another language ----------------------------------------------------------------------- */

/* English words of the interface that must not be left on a German screen (the choices'
 * ids, "none, under_30, over_30", are the questionnaire's words, not the interface's). */
static const char *const english[] = {
	"question", "answer", "Please", "Type ", "type ", "Result", "Why", "What ", " help",
	" back ", "skip", "review", "quit", "Saved", "Enter", "[y/n]", "[Y/n]", "yes", "Keep ",
	"In short", "every detail", "Check again", "optional", "So far", "Choose",
};

/* questionnaires/example.yaml wholly in German (LANG=de_DE.UTF-8, whether or not the system
 * has that locale) at 80x24: the introduction, a refused answer, help, back, skip, review,
 * why, an alert answer not confirmed and changed, the final review and the result; every line exactly as
 * tests/data/i18n/example-de.screen has it, and no English word of the interface left. */
static void test_pty_example_wholly_in_german(void **state)
{
	(void)state;
	static struct tl_pty p;
	static const char *const german[] = { "LC_ALL=", "LANG=de_DE.UTF-8", NULL };
	extra_env = german;
	pty_rows = 24;
	pty_spawn(&p, (const char *const[]){ "-q", "example", NULL });
	extra_env = NULL;
	pty_rows = 40;
	static const char *const typed[] = {
		"200", "34", "?", "nein", "zurück", "", "7.5", "5", "auslassen", "2", "?", "1",
		"übersicht", "", "warum", "1,3", "ja", "n", "nein", "", "",
	};
	for (size_t k = 0; k < sizeof typed / sizeof *typed; k++)
		tl_pty_answer(&p, typed[k]);
	assert_int_equal(tl_pty_finish(&p), 0);
	char *want = tl_read("tests/data/i18n/example-de.screen");
	/* The terminal's lines without its carriage returns. */
	char *got = malloc(p.len + 1);
	size_t n = 0;
	for (size_t i = 0; i < p.len; i++)
		if (p.buf[i] != '\r')
			got[n++] = p.buf[i];
	got[n] = '\0';
	if (getenv("BACKCHECK_WRITE_SCREEN") != NULL) {
		FILE *f = fopen(getenv("BACKCHECK_WRITE_SCREEN"), "w");
		assert_non_null(f);
		fputs(got, f);
		fclose(f);
	}
	for (size_t k = 0; k < sizeof english / sizeof *english; k++)
		if (strstr(got, english[k]) != NULL)
			fail_msg("\"%s\" is left on the German screens:\n%s", english[k], got);
	assert_string_equal(got, want);
	free(got);
	free(want);
	tl_pty_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_pty_full_interview_matches_pipe_and_answers_file,
		                          cleanup),
		cmocka_unit_test_teardown(test_pty_result_redirected_to_a_file, cleanup),
		cmocka_unit_test_teardown(test_pty_tab_completes_ids_and_commands, cleanup),
		cmocka_unit_test_teardown(test_pty_every_command, cleanup),
		cmocka_unit_test_teardown(test_pty_help_fits_24_lines_at_every_question, cleanup),
		cmocka_unit_test_teardown(test_pty_wrong_answers_of_each_kind, cleanup),
		cmocka_unit_test_teardown(test_pty_emergency_sign_stops, cleanup),
		cmocka_unit_test_teardown(test_pty_ctrl_c_clears_text_then_ends, cleanup),
		cmocka_unit_test_teardown(test_pty_ctrl_d_and_signals, cleanup),
		cmocka_unit_test_teardown(test_pty_review_and_back_change_conditions, cleanup),
		cmocka_unit_test_teardown(test_pty_colour_only_when_wanted, cleanup),
		cmocka_unit_test_teardown(test_pty_columns_wins_over_the_terminal, cleanup),
		cmocka_unit_test_teardown(test_pty_bracketed_paste_of_several_lines, cleanup),
		cmocka_unit_test_teardown(test_pty_piped_errors_name_the_item, cleanup),
		cmocka_unit_test_teardown(test_pty_alert_answer_is_confirmed, cleanup),
		cmocka_unit_test_teardown(test_pty_urgent_notice_stop_or_go_on, cleanup),
		cmocka_unit_test_teardown(test_pty_every_early_end_shows_what_to_do, cleanup),
		cmocka_unit_test_teardown(test_pty_result_to_a_file_still_shows_the_headline, cleanup),
		cmocka_unit_test_teardown(test_pty_choices_never_split_from_their_numbers, cleanup),
		cmocka_unit_test_teardown(test_pty_final_review_takes_commands, cleanup),
		cmocka_unit_test_teardown(test_pty_resume_question_at_both_widths, cleanup),
		cmocka_unit_test_teardown(test_pty_recheck_offers_the_unfinished_check_at_both_widths,
		                          cleanup),
		cmocka_unit_test_teardown(test_pty_declined_delete_at_both_widths, cleanup),
		cmocka_unit_test_teardown(test_pty_headline_stays_on_screen, cleanup),
		cmocka_unit_test_teardown(test_pty_read_only_data_folder_goes_on_without_saving,
		                          cleanup),
		cmocka_unit_test_teardown(test_pty_disk_fills_during_the_check, cleanup),
		cmocka_unit_test_teardown(test_pty_default_questionnaire_alerts, cleanup),
		cmocka_unit_test_teardown(test_pty_default_questionnaire_v2_cases, cleanup),
		cmocka_unit_test_teardown(test_pty_example_wholly_in_german, cleanup),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
