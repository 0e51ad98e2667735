/*
 * test_interview.c - the ask loop through a scripted front end: answers, every command, wrong
 * answers of each kind, back and review changing a condition so that items appear and
 * disappear, a stop rule, skip, the end events, and the non-interactive rules.
 *
 * The front end is a mock: ask() takes its event and line from cmocka's will_return queue,
 * and everything shown or prompted is appended to a transcript the tests read.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "engine.h"
#include "interview.h"
#include "loader.h"
#include "model.h"
#include "ui.h"

static const char yaml[] =
	"id: t\nversion: '1'\nurl: https://example.org/t\nstatus: draft\n"
	"title: Test check\nintroduction: A short test.\nlanguage: en\n"
	"sections:\n"
	"  - id: one\n    title: Part one\n    introduction: The first part.\n    items:\n"
	"      - id: danger\n        type: yesno\n        text: Is it an emergency?\n"
	"        help: Only say yes for a real emergency.\n"
	"      - id: trained\n        type: yesno\n        text: Do you train?\n"
	"      - id: sport\n        type: choice\n        when: trained\n"
	"        text: Which sport?\n"
	"        choices:\n"
	"          - {id: running, label: running, help: on roads or trails}\n"
	"          - {id: rowing, label: rowing}\n"
	"          - {id: riding, label: riding}\n"
	"  - id: two\n    title: Part two\n    items:\n"
	"      - id: intro\n        type: note\n        text: Now about the pain.\n"
	"      - id: pain\n        type: scale\n        min: 0\n        max: 10\n"
	"        min_label: none\n        max_label: worst\n        text: How bad is it?\n"
	"      - id: places\n        type: multi\n        text: Where?\n"
	"        choices:\n"
	"          - {id: low, label: low back}\n"
	"          - {id: mid, label: middle}\n"
	"          - {id: none, label: nowhere else, exclusive: true}\n"
	"      - id: weeks\n        type: int\n        min: 0\n        max: 52\n"
	"        unit: weeks\n        text: How many weeks?\n"
	"      - id: notes\n        type: text\n        required: false\n"
	"        text: Anything else?\n"
	"outcomes:\n"
	"  - {id: fine, severity: 1, title: Carry on, summary: All fine., explanation: x, advice: x}\n"
	"  - {id: see, severity: 3, title: See someone, summary: Book it., explanation: x, advice: x}\n"
	"  - {id: now, severity: 5, title: Get help now, summary: Call 999., explanation: x,"
	" advice: x}\n"
	"rules:\n"
	"  - {id: emergency, when: danger, outcome: now, stop: true, because: It is an emergency.}\n"
	"  - {id: long, when: weeks >= 6, outcome: see, because: 'Pain for {weeks} weeks.'}\n"
	"  - {id: bad, when: pain >= 7, outcome: see, because: 'Pain of {pain}.'}\n"
	"default: fine\n"
	"safety_net: Watch out.\n"
	"disclaimer: Not a diagnosis.\n";

enum { DANGER, TRAINED, SPORT, INTRO, PAIN, PLACES, WEEKS, NOTES };

/* --- The scripted front end ----------------------------------------------------------- */

struct mock {
	struct ui base;
	char *log;
	size_t loglen;
	FILE *out;
};

static enum ui_event mock_ask(struct ui *ui, const struct ui_prompt *p, char **line)
{
	struct mock *m = (struct mock *)ui;
	enum ui_event ev = (enum ui_event)mock_type(int);
	const char *s = mock_ptr_type(const char *);
	fprintf(m->out, "%s%s%s\n", p->prompt, p->initial ? "{" : "", p->initial ? p->initial : "");
	*line = ev == UI_LINE ? strdup(s) : NULL;
	return ev;
}

static void mock_show(struct ui *ui, enum ui_kind kind, const char *text)
{
	struct mock *m = (struct mock *)ui;
	static const char *const tags[UI_KINDS] = {
		[UI_TITLE] = "T", [UI_SECTION] = "S", [UI_TEXT] = "", [UI_QUIET] = "Q",
		[UI_PROGRESS] = "P", [UI_QUESTION] = "?", [UI_OPTION] = "O", [UI_ERROR] = "E",
		[UI_ALERT] = "A",
	};
	fprintf(m->out, "%s| %s\n", tags[kind], text);
}

static void mock_free(struct ui *ui)
{
	(void)ui;
}

/* A yes/no question takes the next queued line: yes, no, or an event; the log shows the
 * question as "Y| question" and the answer taken. */
static enum ui_event mock_yesno(struct ui *ui, const char *question, bool is_default_yes,
                                bool *is_yes)
{
	struct mock *m = (struct mock *)ui;
	enum ui_event ev = (enum ui_event)mock_type(int);
	const char *s = mock_ptr_type(const char *);
	fprintf(m->out, "Y| %s %s %s\n", question, is_default_yes ? "[Y/n]" : "[y/N]", s);
	if (ev == UI_LINE)
		*is_yes = *s == '\0' ? is_default_yes : ui_yesno_word(s) == 1;
	return ev;
}

static void mock_message(struct ui *ui, const char *text)
{
	struct mock *m = (struct mock *)ui;
	fprintf(m->out, "M| %s\n", text);
}

static const struct ui_ops mock_ops = {
	.ask = mock_ask,
	.show = mock_show,
	.yesno = mock_yesno,
	.message = mock_message,
	.free = mock_free,
};

/* Queues one line (or an event: "<EOF>", "<INT>", "<TERM>", "<HUP>") for mock_ask. */
static void say(const char *s)
{
	static const struct {
		const char *name;
		enum ui_event ev;
	} events[] = {
		{ "<EOF>", UI_EOF }, { "<INT>", UI_INTERRUPT }, { "<TERM>", UI_TERMINATE },
		{ "<HUP>", UI_HANGUP },
	};
	enum ui_event ev = UI_LINE;
	for (size_t k = 0; k < sizeof events / sizeof events[0]; k++)
		if (strcmp(s, events[k].name) == 0)
			ev = events[k].ev;
	will_return(mock_ask, ev);
	will_return(mock_ask, s);
}

static void script(const char *const *lines)
{
	for (size_t k = 0; lines[k] != NULL; k++)
		say(lines[k]);
}

struct fix {
	struct questionnaire *q;
	struct engine *e;
	struct mock m;
	int changes;
};

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof *f);
	struct diag *d = diag_new();
	f->q = loader_load_string("t.yaml", yaml, strlen(yaml), d);
	if (f->q == NULL)
		diag_print(d, stderr);
	diag_free(d);
	assert_non_null(f->q);
	f->e = engine_new(f->q, 0);
	f->m.base.ops = &mock_ops;
	f->m.base.is_interactive = true;
	f->m.out = open_memstream(&f->m.log, &f->m.loglen);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;
	fclose(f->m.out);
	free(f->m.log);
	engine_free(f->e);
	questionnaire_free(f->q);
	free(f);
	return 0;
}

static void count_change(void *ctx, const struct engine *e)
{
	(void)e;
	((struct fix *)ctx)->changes++;
}

/* Runs the interview; the transcript so far is in f->m.log. */
static enum interview_end run(struct fix *f, const struct interview_opts *o)
{
	struct interview_opts def = { .on_change = count_change, .ctx = f };
	enum interview_end end = interview_run(f->e, &f->m.base, o != NULL ? o : &def);
	fflush(f->m.out);
	return end;
}

static const char *answer_id(struct fix *f, size_t item)
{
	return engine_value_id(f->e, item, engine_answer(f->e, item));
}

/* Asserts that needle occurs in the transcript, and returns the text after it. */
static const char *seen(struct fix *f, const char *needle)
{
	const char *p = strstr(f->m.log, needle);
	if (p == NULL)
		fail_msg("not in the transcript: \"%s\"\n--- transcript:\n%s", needle, f->m.log);
	return p + strlen(needle);
}

static size_t occurrences(struct fix *f, const char *needle)
{
	size_t n = 0;
	for (const char *p = f->m.log; (p = strstr(p, needle)) != NULL; p++)
		n++;
	return n;
}

/* --- Tests --------------------------------------------------------------------------- */

static void test_interview_full_run_in_order(void **state)
{
	struct fix *f = *state;
	script((const char *const[]){ "n", "yes", "2", "7", "1,2", "8", "sore", "", NULL });
	assert_int_equal(run(f, NULL), INTERVIEW_DONE);
	assert_string_equal(answer_id(f, SPORT), "rowing");
	assert_string_equal(answer_id(f, PLACES), "low, mid");
	assert_string_equal(answer_id(f, NOTES), "sore");
	/* Seven answers, and the note shown on the way. */
	assert_int_equal(f->changes, 8);
	/* Introduction, sections, progress, what each prompt accepts. */
	const char *p = seen(f, "T| Test check\n| A short test.\n| There are between 6 and 7 "
	                        "questions, depending on your answers. At any question, type ? "
	                        "for help, back to go back, or quit to stop.\n| Not a diagnosis.\n");
	p = seen(f, "S| Part one\n| The first part.\nP| 1/6 · Part one\n?| Is it an emergency?\n"
	            "[y/n] > \n");
	p = seen(f, "P| 3/7 · Part one\n?| Which sport?\nO| 1) running   2) rowing   3) riding\n"
	            "[1-3] > \n");
	p = seen(f, "S| Part two\n| Now about the pain.\nP| 4/7 · Part two\n?| How bad is it?\n"
	            "O| 0 = none, 10 = worst\n"
	            "(0-10) > \n");
	p = seen(f, "Q| Choose one or more: type their numbers, such as 1,3.\n[1-3] > \n");
	p = seen(f, "?| How many weeks?\n(0-52 weeks) > \n");
	p = seen(f, "Q| This one is optional: press Enter or type skip to leave it out.\n> \n");
	/* The closing review, numbered, then Enter for the result. */
	p = seen(f, "S| Your answers\nO| 1) Is it an emergency?\n   no\nO| 2) Do you train?\n   yes\n"
	            "O| 3) Which sport?\n   rowing\n");
	seen(f, "O| 7) Anything else?\n   sore\n");
	(void)p;
}

static void test_interview_wrong_answers_are_asked_again(void **state)
{
	struct fix *f = *state;
	script((const char *const[]){ "", "maybe", "no", "n", "11", "-1", "x", "3", "1,none",
	                              "low", "3.5", "99", "2", "\x01", "ok\xff", "a\nb", "skip", "", NULL });
	assert_int_equal(run(f, NULL), INTERVIEW_DONE);
	seen(f, "E| Please type an answer, or ? for help.\n");
	assert_int_equal(occurrences(f, "?| Is it an emergency?"), 1);
	assert_int_equal(occurrences(f, "E| "), 11);
	seen(f, "E| That was several lines. Please give one answer at a time.\n");
	seen(f, "E| That answer has control characters in it. Please type it again.\n");
	seen(f, "E| That answer has characters that are not valid text (UTF-8). Please type it"
	        " again.\n");
	assert_true(engine_is_skipped(f->e, NOTES));
	assert_string_equal(answer_id(f, PAIN), "3");
	assert_string_equal(answer_id(f, WEEKS), "2");
	assert_false(engine_is_answered(f->e, SPORT));
}

static void test_interview_far_too_long_line(void **state)
{
	struct fix *f = *state;
	char *big = malloc(10001);
	memset(big, 'y', 10000);
	big[10000] = '\0';
	say(big);
	say("<EOF>");
	assert_int_equal(run(f, NULL), INTERVIEW_QUIT);
	seen(f, "E| That answer is far too long. Please type a short answer.\n");
	free(big);
}

static void test_interview_help_lists_help_choices_and_commands(void **state)
{
	struct fix *f = *state;
	script((const char *const[]){ "?", "no", "y", "HELP", "quit", NULL });
	assert_int_equal(run(f, NULL), INTERVIEW_QUIT);
	const char *p = seen(f, "[y/n] > \n| Only say yes for a real emergency.\n");
	p = seen(f, "| At any question you can also type: back (the question before), skip "
	         "(an optional question), review (your answers), why (what they point to so far) "
	         "or quit (Ctrl-C and Ctrl-D work too).\n");
	p = seen(f, "[1-3] > \nO| 1) running\n   on roads or trails\n");
	p = seen(f, "| Answer with a number, or with one of these words (Tab completes them): "
	         "running, rowing, riding.\n");
	(void)p;
}

static void test_interview_back_offers_the_old_answer(void **state)
{
	struct fix *f = *state;
	script((const char *const[]){ "back", "no", "yes", "back", "back", "no", "riding", "0",
	                              "quit", NULL });
	assert_int_equal(run(f, NULL), INTERVIEW_QUIT);
	seen(f, "E| This is the first question, so there is nothing to go back to.\n");
	/* Back from the sport to trained (offered "yes"), back again to danger (offered "no"). */
	const char *p = seen(f, "[1-3] > \n");
	p = seen(f, "?| Do you train?\n[y/n] > {yes\n");
	p = seen(f, "?| Is it an emergency?\n[y/n] > {no\n");
	assert_string_equal(answer_id(f, SPORT), "riding");
	assert_string_equal(answer_id(f, PAIN), "0");
	assert_int_equal(f->changes, 6);
	(void)p;
}

/* Review changes `trained` to no: the sport disappears; back to yes: it is asked again. */
static void test_interview_review_changes_a_condition(void **state)
{
	struct fix *f = *state;
	script((const char *const[]){ "no", "yes", "running", "review", "2", "no", "5",
	                              "review", "9", "x", "2", "yes", "rowing", "quit", NULL });
	assert_int_equal(run(f, NULL), INTERVIEW_QUIT);
	const char *p = seen(f, "S| Your answers so far\nO| 1) Is it an emergency?\n   no\n"
	                        "O| 2) Do you train?\n   yes\nO| 3) Which sport?\n   running\n"
	                        "| Type a number to change that answer, or press Enter to carry on.\n"
	                        "[number or Enter] > \n");
	p = seen(f, "?| Do you train?\n[y/n] > {yes\n");
	/* Training is now no: the next question is the pain scale, numbered 3 of 6. */
	p = seen(f, "P| 3/6 · Part two\n");
	p = seen(f, "O| 2) Do you train?\n   no\nO| 3) How bad is it?\n   5\n");
	seen(f, "E| Please type a number from 1 to 3, or press Enter.\n");
	assert_string_equal(answer_id(f, SPORT), "rowing");
	assert_string_equal(answer_id(f, PAIN), "5");
	seen(f, "P| 3/7 · Part one\n?| Which sport?\n");
	(void)p;
}

/* Back from the first question after a note goes over the note to the question before. */
static void test_interview_back_passes_over_notes(void **state)
{
	struct fix *f = *state;
	script((const char *const[]){ "no", "no", "back", "yes", "rowing", "quit", NULL });
	assert_int_equal(run(f, NULL), INTERVIEW_QUIT);
	const char *p = seen(f, "| Now about the pain.\nP| 3/6 · Part two\n?| How bad is it?\n");
	p = seen(f, "?| Do you train?\n[y/n] > {no\n");
	assert_true(engine_is_answered(f->e, INTRO));
	assert_string_equal(answer_id(f, SPORT), "rowing");
	(void)p;
}

static void test_interview_why_shows_matching_rules(void **state)
{
	struct fix *f = *state;
	script((const char *const[]){ "no", "no", "why", "8", "why", "quit", NULL });
	assert_int_equal(run(f, NULL), INTERVIEW_QUIT);
	seen(f, "| So far, nothing in your answers points to a particular next step.\n");
	seen(f, "| So far, your answers point to: See someone\nO| - Pain of 8.\n"
	        "Q| This can change with the questions still to come.\n");
}

static void test_interview_stop_rule_ends_at_once(void **state)
{
	struct fix *f = *state;
	script((const char *const[]){ "yes", NULL });
	assert_int_equal(run(f, NULL), INTERVIEW_STOPPED);
	seen(f, "A| Please stop here. Get help now\n| Call 999.\n");
	assert_int_equal(engine_stopped_by(f->e), 0);
	assert_int_equal(occurrences(f, "[y/n] > "), 1);
}

static void test_interview_skip_only_optional(void **state)
{
	struct fix *f = *state;
	script((const char *const[]){ "skip", "no", "no", "1", "none", "4", "SKIP", "", NULL });
	assert_int_equal(run(f, NULL), INTERVIEW_DONE);
	seen(f, "E| This question needs an answer, so it cannot be skipped. Type ? for help.\n");
	assert_true(engine_is_skipped(f->e, NOTES));
	seen(f, "O| 6) Anything else?\n   (skipped)\n");
}

/* The closing review changes an answer, then shows the answers again before the result. */
static void test_interview_final_review_changes_an_answer(void **state)
{
	struct fix *f = *state;
	script((const char *const[]){ "no", "no", "3", "3", "5", "", "0", "3", "9", "", NULL });
	assert_int_equal(run(f, NULL), INTERVIEW_DONE);
	assert_int_equal(occurrences(f, "S| Your answers\n"), 2);
	seen(f, "E| Please type a number from 1 to 6, or press Enter.\n");
	seen(f, "?| How bad is it?\nO| 0 = none, 10 = worst\n(0-10) > {3\n");
	seen(f, "O| 3) How bad is it?\n   9\n");
	assert_string_equal(answer_id(f, PAIN), "9");
}

static void test_interview_events_end_it(void **state)
{
	static const struct {
		const char *line;
		enum interview_end end;
		int status;
	} cases[] = {
		{ "<EOF>", INTERVIEW_QUIT, 130 }, { "<INT>", INTERVIEW_QUIT, 130 },
		{ "quit", INTERVIEW_QUIT, 130 }, { "<TERM>", INTERVIEW_TERMINATED, 143 },
		{ "<HUP>", INTERVIEW_HANGUP, 129 },
	};
	struct fix *f = *state;
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		say("no");
		say(cases[k].line);
		enum interview_end end = run(f, NULL);
		assert_int_equal(end, cases[k].end);
		assert_int_equal(interview_exit_status(end), cases[k].status);
		engine_clear(f->e, DANGER);
	}
}

static void test_interview_defaults_and_resume(void **state)
{
	struct fix *f = *state;
	struct value defs[NOTES + 1] = { 0 };
	defs[PAIN] = value_num(6);
	defs[TRAINED] = value_bool(true);
	assert_int_equal(engine_set(f->e, DANGER, value_bool(false)), 0);
	struct interview_opts o = { .defaults = defs, .is_resumed = true };
	script((const char *const[]){ "", "quit", NULL });
	assert_int_equal(run(f, &o), INTERVIEW_QUIT);
	seen(f, "| Welcome back. Your 1 answer so far is kept; here is the next question.\n");
	/* The default is offered on the line, and the first time said so; Enter on an emptied
	 * line is refused. */
	seen(f, "?| Do you train?\nQ| Your answer from last time is filled in: press Enter to keep "
	        "it, or change it.\n[y/n] > {yes\n");
	assert_int_equal(occurrences(f, "Your answer from last time"), 1);
	assert_int_equal(occurrences(f, "T| Test check"), 0);
}

/* --- Not interactive ------------------------------------------------------------------ */

static void test_interview_plain_lines_answer_in_order(void **state)
{
	struct fix *f = *state;
	f->m.base.is_interactive = false;
	script((const char *const[]){ "no", "yes", "run", "2", "low mid", "3", "", NULL });
	assert_int_equal(run(f, NULL), INTERVIEW_DONE);
	assert_string_equal(answer_id(f, SPORT), "running");
	assert_string_equal(answer_id(f, PLACES), "low, mid");
	assert_true(engine_is_skipped(f->e, NOTES));
	assert_int_equal(occurrences(f, "P| "), 0);
	assert_int_equal(occurrences(f, "E| "), 0);
}

static void test_interview_plain_errors_name_the_item(void **state)
{
	static const struct {
		const char *const lines[4];
		const char *msg;
	} cases[] = {
		{ { "no", "", NULL }, "E| trained: the line is blank, but this question needs an "
		                      "answer\n" },
		{ { "no", "no", "11", NULL }, "E| pain: " },
		{ { "no", "no", NULL }, "E| pain: the answers ended before this question\n" },
		{ { "no", "back", NULL }, "E| trained: " },
	};
	struct fix *f = *state;
	f->m.base.is_interactive = false;
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		script(cases[k].lines);
		if (k == 2)
			say("<EOF>");
		enum interview_end end = run(f, NULL);
		assert_int_equal(end, INTERVIEW_BAD_INPUT);
		assert_int_equal(interview_exit_status(end), 65);
		seen(f, cases[k].msg);
		for (size_t i = 0; i <= NOTES; i++)
			engine_clear(f->e, i);
	}
}

/* A choice offered only when its `when` holds, and an item's check (tests of issue 12's points
 * 3 and 4 in the interview): the person sees and numbers only the offered choices, and an
 * answer that breaks a check is asked again with the check's message. */
static const char yaml_v2[] =
	"id: v2\nversion: '1'\nurl: https://example.org/v2\nstatus: draft\ntitle: V2\n"
	"language: en\n"
	"sections:\n"
	"  - id: one\n    title: One\n    items:\n"
	"      - {id: age, type: int, min: 0, max: 120, text: How old are you?}\n"
	"      - id: sport\n        type: choice\n        text: Which sport?\n"
	"        choices:\n"
	"          - {id: running, label: running}\n"
	"          - {id: boxing, label: boxing, when: age >= 16}\n"
	"          - {id: rowing, label: rowing}\n"
	"      - {id: pain_now, type: int, min: 0, max: 10, text: Pain now?}\n"
	"      - id: pain_worst\n        type: int\n        min: 0\n        max: 10\n"
	"        text: Worst pain this week?\n"
	"        check:\n          valid: pain_worst >= pain_now\n"
	"          message: Your worst pain cannot be lower than your pain now ({pain_now}).\n"
	"outcomes:\n"
	"  - {id: fine, severity: 1, title: Fine, summary: Fine., explanation: x, advice: x}\n"
	"rules: []\ndefault: fine\nsafety_net: Watch out.\ndisclaimer: Not a diagnosis.\n";

static void test_interview_offered_choices_and_checks(void **state)
{
	struct fix *f = *state;
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_string("v2.yaml", yaml_v2, strlen(yaml_v2), d);
	diag_free(d);
	assert_non_null(q);
	engine_free(f->e);
	f->e = engine_new(q, 0);
	script((const char *const[]){ "10", "3", "boxing", "2", "6", "4", "7", "", NULL });
	assert_int_equal(run(f, NULL), INTERVIEW_DONE);
	seen(f, "?| Which sport?\nO| 1) running   2) rowing\n[1-2] > \n"
	        "E| Please choose 1 to 2, or type the name of a choice.\n");
	seen(f, "[1-2] > \nE| Please choose 1 to 2, or type the name of a choice.\n[1-2] > \n");
	assert_string_equal(answer_id(f, 1), "rowing");
	seen(f, "?| Worst pain this week?\n(0-10) > \n"
	        "E| Your worst pain cannot be lower than your pain now (6).\n(0-10) > \n");
	assert_string_equal(answer_id(f, 3), "7");
	engine_free(f->e);
	f->e = engine_new(f->q, 0);
	questionnaire_free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_interview_full_run_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_interview_wrong_answers_are_asked_again, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_interview_far_too_long_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_interview_help_lists_help_choices_and_commands,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(test_interview_back_offers_the_old_answer, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_interview_review_changes_a_condition, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_interview_back_passes_over_notes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_interview_why_shows_matching_rules, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_interview_stop_rule_ends_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_interview_skip_only_optional, setup, teardown),
		cmocka_unit_test_setup_teardown(test_interview_final_review_changes_an_answer, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_interview_events_end_it, setup, teardown),
		cmocka_unit_test_setup_teardown(test_interview_defaults_and_resume, setup, teardown),
		cmocka_unit_test_setup_teardown(test_interview_offered_choices_and_checks, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_interview_plain_lines_answer_in_order, setup,
		                                teardown),
		cmocka_unit_test_setup_teardown(test_interview_plain_errors_name_the_item, setup,
		                                teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
