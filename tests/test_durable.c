/*
 * test_durable.c - what a scripted check that saves keeps when it is killed with SIGKILL at
 * random moments, and when several checks save into one data folder at once. Every test
 * drives the real binary of this build (BUILD/backcheck) with answers piped on its standard
 * input and its folders given by XDG_DATA_HOME and XDG_STATE_HOME (struct folders), and
 * judges them with the project's own readers (store_state_read, store_record_parse,
 * store_list, store_records_load).
 *
 * The kill count is $KILLS: make test passes 50, make test-durable (.ci/run) 1,000 (see
 * docs/reliability.md for what runs where).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "arena.h"
#include "diag.h"
#include "store.h"
#include "yamlio.h"
#include "testlib.h"

static const char BASIC[] = "tests/data/engine/basic.yaml";

/* The first record time; check c is made at T0 + 60 c, so ids sort by check. */
enum { T0 = 1800000000 };

/* --- The binary -------------------------------------------------------------------------- */

/*
 * Where a test's runs keep their files, given to each run as XDG_DATA_HOME and
 * XDG_STATE_HOME (docs/history.md): the records on a disk (under /var/tmp), so that saving
 * one takes as long as it does for a person (the file and its folder flushed to the disk),
 * and the checks in progress on /dev/shm where there is one, so that the save after every
 * answer costs no flush (a killed process leaves the same files on any file system).
 */
struct folders {
	char *data_home, *state_home;
	/* DATA/backcheck/records and STATE/backcheck, as the runs resolve them. */
	char *records, *state;
};

/* A run's standard streams: input written to a pipe, which stays open for more when hold
 * is not NULL (*hold is its write end); output and error to files (NULL: /dev/null). */
struct streams {
	const char *input;
	const char *out, *err;
	int *hold;
};

/* A file for a child's standard output or error: path, else /dev/null. */
static int out_file(const char *path)
{
	return open(path != NULL ? path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
}

/* Starts the binary with args (NULL-terminated), the folders f, SOURCE_DATE_EPOCH=t and the
 * streams s. Returns its pid. */
static pid_t start(const struct folders *f, long t, const char *const *args,
                   const struct streams *s)
{
	int p[2];
	assert_int_equal(pipe(p), 0);
	size_t len = strlen(s->input);
	assert_true(len < 4096);
	assert_int_equal(write(p[1], s->input, len), (ssize_t)len);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char epoch[64], data[128], state[128];
		snprintf(epoch, sizeof epoch, "SOURCE_DATE_EPOCH=%ld", t);
		snprintf(data, sizeof data, "XDG_DATA_HOME=%s", f->data_home);
		snprintf(state, sizeof state, "XDG_STATE_HOME=%s", f->state_home);
		dup2(p[0], 0);
		dup2(out_file(s->out), 1);
		dup2(out_file(s->err), 2);
		close(p[0]);
		close(p[1]);
		tl_child_setup((const char *const[]){ "BACKCHECK_DATA_DIR", data, state, epoch, NULL },
		               NULL, false, 0);
		tl_child_exec(tl_binary(), "backcheck", args);
	}
	close(p[0]);
	if (s->hold != NULL)
		*s->hold = p[1];
	else
		close(p[1]);
	return pid;
}

/* Waits for pid; its exit status, or 128 + the signal that ended it. */
static int reap(pid_t pid)
{
	int ws;
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	return WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* --- Folders ----------------------------------------------------------------------------- */

/* A fresh folder under first, else under then; malloc'ed. */
static char *temp_under(const char *first, const char *then)
{
	char a[64], b[64];
	snprintf(a, sizeof a, "%s/test_durable.XXXXXX", first);
	snprintf(b, sizeof b, "%s/test_durable.XXXXXX", then);
	if (mkdtemp(a) != NULL)
		return strdup(a);
	assert_non_null(mkdtemp(b));
	return strdup(b);
}

static void folders_make(struct folders *f)
{
	f->data_home = temp_under("/var/tmp", "/tmp");
	f->state_home = temp_under("/dev/shm", "/tmp");
	f->records = store_path(f->data_home, "backcheck/records");
	f->state = store_path(f->state_home, "backcheck");
}

static void folders_remove(struct folders *f)
{
	tl_rm_tree(f->data_home);
	tl_rm_tree(f->state_home);
	free(f->records);
	free(f->state);
}

/* How many temporary files folder dir holds (writes a killed process did not finish). */
static size_t count_temps(const char *dir)
{
	DIR *dp = opendir(dir);
	size_t n = 0;
	for (struct dirent *de; dp != NULL && (de = readdir(dp)) != NULL;)
		n += strstr(de->d_name, ".tmp") != NULL;
	if (dp != NULL)
		closedir(dp);
	return n;
}

/* --- What a check answers ---------------------------------------------------------------- */

/* basic.yaml's questions in the order they are asked for these answers (pain is always 3
 * or more, so weeks is asked). */
enum { NITEMS = 9, ANSWER_MAX = 24 };
static const char *const ITEMS[NITEMS] = { "danger", "hurts", "pain", "weeks", "trend",
	                                   "sleep", "rest_days", "pushing", "comment" };

/* Check c's answer to each question as typed and as a record or state keeps it (lists in
 * brackets); c makes every check's answers its own. */
struct answers {
	char typed[NITEMS][ANSWER_MAX];
	char kept[NITEMS][ANSWER_MAX];
};

static void answers_of(unsigned c, struct answers *a)
{
	static const char *const trend[] = { "better", "same", "worse" };
	const char *sleep = c % 2 ? "6.5" : "7";
	snprintf(a->typed[0], ANSWER_MAX, "none");
	snprintf(a->kept[0], ANSWER_MAX, "[none]");
	snprintf(a->typed[1], ANSWER_MAX, "yes");
	snprintf(a->kept[1], ANSWER_MAX, "true");
	snprintf(a->typed[2], ANSWER_MAX, "%u", 3 + c % 8);
	snprintf(a->typed[3], ANSWER_MAX, "%u", c % 53);
	snprintf(a->typed[4], ANSWER_MAX, "%s", trend[c % 3]);
	snprintf(a->typed[5], ANSWER_MAX, "%s", sleep);
	snprintf(a->typed[6], ANSWER_MAX, "%u", c % 8);
	snprintf(a->typed[7], ANSWER_MAX, "%s", c % 2 ? "yes" : "no");
	snprintf(a->kept[7], ANSWER_MAX, "%s", c % 2 ? "true" : "false");
	snprintf(a->typed[8], ANSWER_MAX, "check %u", c);
	for (size_t i = 2; i < NITEMS; i++)
		if (i != 7)
			memcpy(a->kept[i], a->typed[i], ANSWER_MAX);
}

/* The typed answers to questions [from, to), one a line. */
static void input_from(const struct answers *a, size_t from, size_t to, char *buf, size_t sz)
{
	size_t len = 0;
	buf[0] = '\0';
	for (size_t i = from; i < to; i++)
		len += (size_t)snprintf(buf + len, sz - len, "%s\n", a->typed[i]);
}

/* A saved answer as text: a scalar as it is, a list of scalars as [a,b]. */
static void flat(const struct ynode *v, char *buf, size_t sz)
{
	if (v->kind == YNODE_SCALAR) {
		snprintf(buf, sz, "%s", v->str);
		return;
	}
	size_t len = (size_t)snprintf(buf, sz, "[");
	for (size_t k = 0; k < v->n && len < sz; k++)
		len += (size_t)snprintf(buf + len, sz - len, "%s%s", k ? "," : "",
		                        v->items[k]->kind == YNODE_SCALAR ? v->items[k]->str : "?");
	if (len < sz)
		snprintf(buf + len, sz - len, "]");
}

/* Asserts that saved (a mapping) holds exactly the first n answers of a, in order. */
static void assert_prefix(const struct ynode *saved, const struct answers *a, size_t n)
{
	assert_int_equal(saved->kind, YNODE_MAP);
	assert_int_equal(saved->n, n);
	for (size_t i = 0; i < n; i++) {
		char text[64];
		assert_string_equal(saved->keys[i]->str, ITEMS[i]);
		flat(saved->items[i], text, sizeof text);
		assert_string_equal(text, a->kept[i]);
	}
}

/* --- Reading the folder ------------------------------------------------------------------ */

/* How many answers the check in progress of qid in state holds (-1: there is none). Fails
 * the test when it cannot be read; asserts it is a prefix of a's answers. */
static long state_answers(const char *state, const char *qid, const struct answers *a)
{
	struct arena *ar = arena_new();
	struct diag *d = diag_new();
	struct store_state st;
	int rc = store_state_read(ar, state, qid, &st, d);
	if (rc < 0)
		diag_print(d, stderr);
	assert_true(rc >= 0);
	long n = -1;
	if (rc == 0) {
		n = (long)st.answers->n;
		if (a != NULL)
			assert_prefix(st.answers, a, (size_t)n);
	}
	diag_free(d);
	arena_free(ar);
	return n;
}

/* Reads record id of records into *r (in ar) with the project's reader; it must parse. */
static void read_record(struct arena *ar, const char *records, const char *id,
                        struct store_record *r)
{
	char name[STORE_ID_MAX + 8];
	snprintf(name, sizeof name, "%s.yaml", id);
	struct diag *d = diag_new();
	char *text = NULL;
	size_t len = 0;
	bool is_missing = false;
	assert_int_equal(store_read(records, name, STORE_MAX_RECORD_SIZE, &text, &len,
	                            &is_missing, d), 0);
	int rc = store_record_parse(ar, d, arena_strdup(ar, name), arena_strdup(ar, id), text,
	                            len, r);
	if (rc != 0)
		diag_print(d, stderr);
	assert_int_equal(rc, 0);
	free(text);
	diag_free(d);
}

/* Record id of records holds every answer of a, to basic.yaml. */
static void assert_record(const char *records, const char *id, const struct answers *a)
{
	struct arena *ar = arena_new();
	struct store_record r;
	read_record(ar, records, id, &r);
	assert_string_equal(r.questionnaire_id, "engine-basic");
	assert_prefix(r.answers, a, NITEMS);
	arena_free(ar);
}

/* The ids in records, listed by the project's lister with no warning. */
static void list_ids(const char *records, struct store_ids *ids)
{
	struct diag *d = diag_new();
	assert_int_equal(store_list(records, ids, d), 0);
	if (diag_count(d) != 0)
		diag_print(d, stderr);
	assert_int_equal(diag_count(d), 0);
	diag_free(d);
}

/* --- SIGKILL at random moments ----------------------------------------------------------- */

/* Where a kill found the check, judged from the folder afterwards. */
enum phase {
	PHASE_NOTHING,     /* no answer saved yet */
	PHASE_PART,        /* some answers saved */
	PHASE_ALL,         /* every answer saved, the record not yet */
	PHASE_RECORD_TORN, /* ... and the record's temporary file left: killed while writing it */
	PHASE_BOTH,        /* the record saved, the check in progress not yet removed */
	PHASE_DONE,        /* the record saved and the check in progress removed */
	PHASE_COUNT
};

static const char *const PHASE_NAMES[PHASE_COUNT] = {
	[PHASE_NOTHING] = "nothing saved yet",
	[PHASE_PART] = "some answers saved",
	[PHASE_ALL] = "every answer saved, no record yet",
	[PHASE_RECORD_TORN] = "every answer saved, killed while writing the record",
	[PHASE_BOTH] = "record saved, check in progress not yet removed",
	[PHASE_DONE] = "record saved, check in progress removed",
};

/*
 * How a run is fed and when it is killed. ALL: every answer at once, killed at a moment
 * spread over a whole check; SAVING: the same, spread over the part after the first save;
 * ANSWERING: the answers up to a random one sent, that one sent once they are saved and
 * the kill spread over its save; HELD: every answer but the last, which is sent once the state holds the others, killed at
 * a moment spread over what follows (deciding, the record's save, the state's removal);
 * WHOLE: fed like HELD and left to finish, to measure how long those parts take here.
 */
enum mode { MODE_ALL, MODE_SAVING, MODE_ANSWERING, MODE_HELD, MODE_WHOLE };

/* Seconds from the start to the first answer saved and to all but the last saved; from the
 * last answer to the record's being there, and to the end. Measured by WHOLE runs. */
struct timing {
	double first, held, record, final;
};

struct kills {
	struct folders f;
	char *state_file;
	/* The check under way (its answers) and how many of them the state held when last
	 * read: every one of those must survive. */
	unsigned check;
	struct answers a;
	size_t saved;
	size_t nrecords;
	struct timing t;
	uint64_t seed;
	/* The state file as last read, to read it again only when it has changed. */
	struct stat last;
	long last_n;
	/* Temporary files in the records folder before the run, and whether it was killed. */
	size_t temps;
	bool is_killed;
	/* What runs left, [0] for those that ended on their own, [1] for those killed. */
	unsigned phases[2][PHASE_COUNT];
	unsigned killed, ended;
};

static double random_unit(struct kills *k)
{
	k->seed = k->seed * 6364136223846793005u + 1442695040888963407u;
	return (double)(k->seed >> 11) / 9007199254740992.0;
}

/* How many answers the state holds now (-1: none), read again only when the file changed;
 * each version must parse and hold a prefix of the answers. Raises what must survive. */
static long look(struct kills *k)
{
	struct stat st;
	if (stat(k->state_file, &st) != 0) {
		memset(&k->last, 0, sizeof k->last);
		return k->last_n = -1;
	}
	if (st.st_ino != k->last.st_ino || st.st_size != k->last.st_size ||
	    st.st_ctim.tv_sec != k->last.st_ctim.tv_sec ||
	    st.st_ctim.tv_nsec != k->last.st_ctim.tv_nsec) {
		k->last = st;
		k->last_n = state_answers(k->f.state, "engine-basic", &k->a);
	}
	if (k->last_n > (long)k->saved)
		k->saved = (size_t)k->last_n;
	return k->last_n;
}

enum watched { WATCH_ENDED, WATCH_DEADLINE, WATCH_REACHED };

/* Looks at the state until pid ends (*status set), the deadline passes, or the state holds
 * at least want answers (want < 0: never). */
static enum watched watch(struct kills *k, pid_t pid, double deadline, long want, int *status)
{
	for (;;) {
		int ws;
		pid_t r = waitpid(pid, &ws, WNOHANG);
		assert_true(r >= 0);
		if (r == pid) {
			*status = WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
			return WATCH_ENDED;
		}
		if (want >= 0 && look(k) >= want)
			return WATCH_REACHED;
		if (want < 0)
			look(k);
		if (now_s() >= deadline)
			return WATCH_DEADLINE;
		usleep(200);
	}
}

/* Once the state holds the answers before question i, sends the answer to question i (and
 * closes the pipe after the last one). Returns when it was sent. */
static double send_answer(struct kills *k, pid_t pid, int hold, size_t i)
{
	int status = 0;
	enum watched w = watch(k, pid, now_s() + 60, (long)i, &status);
	assert_int_equal(w, WATCH_REACHED);
	char line[ANSWER_MAX + 1];
	int n = snprintf(line, sizeof line, "%s\n", k->a.typed[i]);
	double t = now_s();
	assert_int_equal(write(hold, line, (size_t)n), n);
	if (i == NITEMS - 1)
		close(hold);
	return t;
}

/* Seconds from now until the record of check c is there (or pid has ended). */
static double until_record(const struct kills *k, pid_t pid)
{
	char id[STORE_ID_MAX], name[STORE_ID_MAX + 8];
	store_id_for_time((time_t)(T0 + 60L * k->check), id);
	snprintf(name, sizeof name, "%s.yaml", id);
	char *path = store_path(k->f.records, name);
	double t = now_s();
	siginfo_t si = { 0 };
	while (access(path, F_OK) != 0) {
		assert_int_equal(waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT), 0);
		if (si.si_pid == pid)
			break;
		usleep(50);
	}
	free(path);
	return now_s() - t;
}

static double mean(double was, double now)
{
	return was > 0 ? (was + now) / 2 : now;
}

/* A WHOLE run, left to finish: measures its parts (the mean with what was measured
 * before). */
static void measure(struct kills *k, pid_t pid, int hold, double t0)
{
	int status = 0;
	enum watched w = watch(k, pid, t0 + 60, 1, &status);
	assert_int_equal(w, WATCH_REACHED);
	struct timing now = { now_s() - t0, 0, 0, 0 };
	double sent = send_answer(k, pid, hold, NITEMS - 1);
	now.held = sent - t0;
	now.record = until_record(k, pid);
	assert_int_equal(reap(pid), 0);
	now.final = now_s() - sent;
	k->t.first = mean(k->t.first, now.first);
	k->t.held = mean(k->t.held, now.held);
	k->t.record = mean(k->t.record, now.record);
	k->t.final = mean(k->t.final, now.final);
	k->is_killed = false;
	k->ended++;
}

/* One run of the check under way: started, or resumed from what the state holds. Killed at
 * a random moment unless it ends first. */
static void run_once(struct kills *k, enum mode m)
{
	const char *fresh[] = { "run", "--save", "-q", BASIC, NULL };
	const char *again[] = { "resume", "-q", BASIC, NULL };
	long n = look(k);
	size_t from = n < 0 ? 0 : (size_t)n, held = NITEMS;
	double u = random_unit(k);
	if ((m == MODE_HELD || m == MODE_WHOLE) && from < NITEMS - 1)
		held = NITEMS - 1;
	/* ANSWERING holds back a random answer after at least one, and the rest with it. */
	if (m == MODE_ANSWERING && from < NITEMS - 1)
		held = (from > 0 ? from : 1) + (size_t)(random_unit(k) * (double)(NITEMS - 1 - from));
	if (m == MODE_ANSWERING && held >= NITEMS - 1)
		m = held == NITEMS ? MODE_SAVING : MODE_HELD;
	char input[1024];
	input_from(&k->a, from, held, input, sizeof input);
	int hold = -1;
	k->temps = count_temps(k->f.records);
	double t0 = now_s(), full = k->t.held + k->t.final;
	struct streams io = { input, NULL, NULL, held < NITEMS ? &hold : NULL };
	pid_t pid = start(&k->f, T0 + 60L * k->check, n < 0 ? fresh : again, &io);
	if (m == MODE_WHOLE && held < NITEMS) {
		measure(k, pid, hold, t0);
		return;
	}
	double deadline = m == MODE_SAVING ? t0 + k->t.first + u * (full - k->t.first)
	                                   : t0 + u * full;
	/* A check with every answer saved only decides and saves its record once started. */
	if (from == NITEMS)
		deadline = t0 + k->t.first * (0.8 + 0.2 * u) + u * 1.2 * k->t.record;
	if (m == MODE_WHOLE)
		deadline = t0 + 60;
	else if (held < NITEMS)
		deadline = send_answer(k, pid, hold, held) + u * 1.2 * k->t.record;
	int status = 0;
	if (watch(k, pid, deadline, -1, &status) == WATCH_DEADLINE) {
		assert_int_equal(kill(pid, SIGKILL), 0);
		status = reap(pid);
	}
	if (held < NITEMS - 1)
		close(hold);
	k->is_killed = status == 128 + SIGKILL;
	if (k->is_killed) {
		k->killed++;
	} else {
		assert_int_equal(status, 0);
		k->ended++;
	}
}

/* After a run: every record parses, a new one holds every answer of its check; the state
 * parses and holds at least what was seen saved. Moves on to the next check when done. */
static void judge(struct kills *k)
{
	bool is_torn = count_temps(k->f.records) > k->temps;
	struct store_ids ids;
	list_ids(k->f.records, &ids);
	assert_true(ids.n == k->nrecords || ids.n == k->nrecords + 1);
	bool is_new = ids.n > k->nrecords;
	if (is_new)
		assert_record(k->f.records, ids.ids[ids.n - 1], &k->a);
	k->nrecords = ids.n;
	store_ids_free(&ids);
	long n = look(k);
	enum phase p;
	if (is_new) {
		/* Once the record holds the answers the state may go; until then it stays whole. */
		assert_true(n < 0 || n == NITEMS);
		p = n < 0 ? PHASE_DONE : PHASE_BOTH;
	} else {
		assert_true((n < 0 ? 0 : n) >= (long)k->saved);
		p = n < 0 ? PHASE_NOTHING : n < NITEMS ? PHASE_PART : PHASE_ALL;
		if (p == PHASE_ALL && is_torn)
			p = PHASE_RECORD_TORN;
	}
	k->phases[k->is_killed][p]++;
	k->saved = n < 0 ? 0 : (size_t)n;
	if (p == PHASE_DONE)
		answers_of(++k->check, &k->a);
}

/* Every record of the folder through the project's loader, oldest first: none skipped, one
 * per finished run, each holding the answers of one check, in the order of the checks. */
static void assert_history(const struct kills *k)
{
	struct arena *ar = arena_new();
	struct diag *d = diag_new();
	struct store_record *r;
	size_t n;
	assert_int_equal(store_records_load(ar, k->f.records, &r, &n, d), 0);
	assert_int_equal(diag_count(d), 0);
	assert_int_equal(n, k->nrecords);
	assert_int_equal(n, k->phases[0][PHASE_DONE] + k->phases[0][PHASE_BOTH] +
	                    k->phases[1][PHASE_DONE] + k->phases[1][PHASE_BOTH]);
	unsigned prev = 0;
	for (size_t i = 0; i < n; i++) {
		const struct ynode *c = yamlio_get(r[i].answers, "comment");
		unsigned check;
		assert_non_null(c);
		assert_int_equal(sscanf(c->str, "check %u", &check), 1);
		assert_true(check >= prev && check < k->check);
		struct answers a;
		answers_of(check, &a);
		assert_prefix(r[i].answers, &a, NITEMS);
		prev = check;
	}
	diag_free(d);
	arena_free(ar);
}

static void test_kill_check_at_random_moments(void **state)
{
	(void)state;
	const char *env = getenv("KILLS");
	unsigned nkills = env != NULL && *env ? (unsigned)strtoul(env, NULL, 10) : 1000;
	assert_true(nkills > 0);
	struct kills k = { .seed = 20261202, .last_n = -1 };
	folders_make(&k.f);
	k.state_file = store_path(k.f.state, "engine-basic.yaml");
	answers_of(0, &k.a);
	static const enum mode modes[] = { MODE_ALL, MODE_SAVING, MODE_ANSWERING, MODE_HELD };
	for (unsigned run = 0; k.killed < nkills; run++) {
		/* Measured again every 100 runs, when no check is under way. */
		bool is_measured = k.t.held == 0 || (run % 100 == 0 && look(&k) < 0);
		run_once(&k, is_measured ? MODE_WHOLE : modes[run % 4]);
		judge(&k);
	}
	if (look(&k) >= 0) {
		run_once(&k, MODE_WHOLE);
		judge(&k);
	}
	assert_int_equal(look(&k), -1);
	assert_history(&k);
	print_message("%u kills (seed 20261202), %u runs ended on their own; a whole check here: "
	              "%.1f ms to the first save, %.1f ms to the last but one; after the last "
	              "answer %.1f ms to the record, %.1f ms to the end. Found after a kill or "
	              "an end (killed, ended):\n", k.killed, k.ended, k.t.first * 1e3, k.t.held * 1e3,
	              k.t.record * 1e3, k.t.final * 1e3);
	for (int p = 0; p < PHASE_COUNT; p++)
		print_message("  %5u %5u %s\n", k.phases[1][p], k.phases[0][p], PHASE_NAMES[p]);
	folders_remove(&k.f);
	free(k.state_file);
}

/* --- Checks saving at once --------------------------------------------------------------- */

enum { ROUNDS = 12, AT_ONCE = 4 };

/* What the file err holds. */
/* Waits until the check in progress of qid in state holds n answers. */
static void wait_answers(const char *state, const char *qid, long n)
{
	double deadline = now_s() + 60;
	while (state_answers(state, qid, NULL) < n) {
		assert_true(now_s() < deadline);
		usleep(500);
	}
}

/*
 * Round r's checks, all made at the same second: an interview of basic.yaml and one of
 * story.yaml, piped (each holds its own questionnaire's lock, so they run side by side), and
 * two answers files of basic.yaml read from their standard input (`run --answers /dev/stdin
 * --save`, which takes no lock). Each is started and held before its end (the interviews
 * with their last answer unsent, the answers files unsent), then all four are let go
 * together, so that they decide and save in the same moment. The interviews' ids (from
 * "Saved as ID") go to saved.
 */
static void run_round(const struct folders *f, unsigned r, char saved[2][STORE_ID_MAX])
{
	char input[1024], rest[AT_ONCE][1024], err[2][300];
	struct answers a[AT_ONCE];
	for (unsigned j = 0; j < AT_ONCE; j++)
		answers_of(AT_ONCE * r + j, &a[j]);
	input_from(&a[0], 0, NITEMS - 1, input, sizeof input);
	input_from(&a[0], NITEMS - 1, NITEMS, rest[0], sizeof rest[0]);
	snprintf(rest[1], sizeof rest[1], "%u\n", r % 11);
	for (unsigned j = 2; j < AT_ONCE; j++) {
		size_t len = 0;
		for (size_t i = 0; i < NITEMS; i++)
			len += (size_t)snprintf(rest[j] + len, sizeof rest[j] - len, "%s: %s\n",
			                        ITEMS[i], a[j].kept[i]);
	}
	char story[64];
	snprintf(story, sizeof story, "It began in round %u\n", r);
	const char *const args[AT_ONCE][8] = {
		{ "run", "--save", "-q", BASIC, NULL },
		{ "run", "--save", "-q", "tests/data/check/story.yaml", NULL },
		{ "run", "--save", "-q", BASIC, "--answers", "/dev/stdin", NULL },
		{ "run", "--save", "-q", BASIC, "--answers", "/dev/stdin", NULL },
	};
	const char *const first[AT_ONCE] = { input, story, "", "" };
	pid_t pid[AT_ONCE];
	int hold[AT_ONCE];
	long t = T0 + 60L * r;
	for (int j = 0; j < 2; j++)
		snprintf(err[j], sizeof err[j], "%s/err-%d", f->data_home, j);
	for (int j = 0; j < AT_ONCE; j++) {
		struct streams io = { first[j], NULL, j < 2 ? err[j] : NULL, &hold[j] };
		pid[j] = start(f, t, args[j], &io);
	}
	wait_answers(f->state, "engine-basic", NITEMS - 1);
	wait_answers(f->state, "check-story", 1);
	for (int j = 0; j < AT_ONCE; j++) {
		size_t len = strlen(rest[j]);
		assert_int_equal(write(hold[j], rest[j], len), (ssize_t)len);
		close(hold[j]);
	}
	for (int j = 0; j < AT_ONCE; j++)
		assert_int_equal(reap(pid[j]), 0);
	for (int j = 0; j < 2; j++) {
		char want[512], *text = tl_read(err[j]);
		assert_int_equal(sscanf(text, "Saved as %31[0-9-].", saved[j]), 1);
		snprintf(want, sizeof want, "Saved as %s. See it again with 'backcheck show %s'.\n",
		         saved[j], saved[j]);
		assert_string_equal(text, want);
		free(text);
	}
}

/* Which of round r's checks record id is (0 to 3), after asserting that it holds every
 * answer of that check. */
static int which_check(const char *records, const char *id, unsigned r)
{
	struct arena *ar = arena_new();
	struct store_record rec;
	read_record(ar, records, id, &rec);
	int j = 1;
	if (strcmp(rec.questionnaire_id, "check-story") == 0) {
		char story[64], pain[16];
		snprintf(story, sizeof story, "It began in round %u", r);
		snprintf(pain, sizeof pain, "%u", r % 11);
		assert_int_equal(rec.answers->n, 2);
		assert_string_equal(yamlio_get(rec.answers, "story")->str, story);
		assert_string_equal(yamlio_get(rec.answers, "pain")->str, pain);
	} else {
		unsigned c;
		assert_string_equal(rec.questionnaire_id, "engine-basic");
		assert_int_equal(sscanf(yamlio_get(rec.answers, "comment")->str, "check %u", &c), 1);
		assert_true(c / AT_ONCE == r && c % AT_ONCE != 1);
		struct answers a;
		answers_of(c, &a);
		assert_prefix(rec.answers, &a, NITEMS);
		j = (int)(c % AT_ONCE);
	}
	arena_free(ar);
	return j;
}

/* The ids `backcheck history --format json` lists, in its order, are ids. */
static void assert_history_order(const struct folders *f, const struct store_ids *ids)
{
	char *out = store_path(f->data_home, "history.json");
	const char *const args[] = { "history", "--format", "json", NULL };
	struct streams io = { "", out, NULL, NULL };
	assert_int_equal(reap(start(f, T0, args, &io)), 0);
	json_error_t je;
	json_t *root = json_load_file(out, 0, &je);
	assert_non_null(root);
	json_t *list = json_object_get(root, "records");
	assert_int_equal(json_array_size(list), ids->n);
	for (size_t i = 0; i < ids->n; i++)
		assert_string_equal(json_string_value(json_object_get(json_array_get(list, i), "id")),
		                    ids->ids[i]);
	json_decref(root);
	free(out);
}

/*
 * Four checks saving into one data folder at once, 12 times over, all four at the same
 * second so that their ids collide: every record whole (read back with the project's
 * reader, every answer of its own check), four distinct ids ID, ID-2, ID-3 and ID-4, the
 * interviews' "Saved as" naming the record that holds their answers, no check in progress
 * left, and history listing every record in order. (Two interviews of one questionnaire
 * cannot run at once: the second is refused, test_history's
 * test_two_real_interviews_second_refused.)
 */
static void test_checks_saving_at_once(void **state)
{
	(void)state;
	struct folders f;
	folders_make(&f);
	size_t before = 0;
	for (unsigned r = 0; r < ROUNDS; r++) {
		char saved[2][STORE_ID_MAX], base[STORE_ID_MAX], want[STORE_ID_MAX + 4];
		run_round(&f, r, saved);
		struct store_ids ids;
		list_ids(f.records, &ids);
		assert_int_equal(ids.n, before + AT_ONCE);
		store_id_for_time((time_t)(T0 + 60L * r), base);
		bool is_seen[AT_ONCE] = { false };
		for (size_t i = 0; i < AT_ONCE; i++) {
			const char *id = ids.ids[before + i];
			snprintf(want, sizeof want, i == 0 ? "%s" : "%s-%zu", base, i + 1);
			assert_string_equal(id, want);
			int j = which_check(f.records, id, r);
			assert_false(is_seen[j]);
			is_seen[j] = true;
			if (j < 2)
				assert_string_equal(saved[j], id);
		}
		before = ids.n;
		store_ids_free(&ids);
	}
	struct store_ids ids;
	list_ids(f.records, &ids);
	assert_history_order(&f, &ids);
	store_ids_free(&ids);
	struct arena *ar = arena_new();
	struct diag *d = diag_new();
	struct store_state st;
	assert_int_equal(store_state_read(ar, f.state, "engine-basic", &st, d), 1);
	assert_int_equal(store_state_read(ar, f.state, "check-story", &st, d), 1);
	assert_int_equal(diag_count(d), 0);
	diag_free(d);
	arena_free(ar);
	folders_remove(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kill_check_at_random_moments),
		cmocka_unit_test(test_checks_saving_at_once),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
