/*
 * batch.c - `backcheck batch DIR`: every answers file (*.yaml, *.yml) of a folder, in name
 * order, scored against one questionnaire loaded once, as CSV (RFC 4180) or JSON lines.
 *
 * A file that cannot be read or scored is a row with its error and never stops the run; the
 * exit status is 65 at the end when any failed. Folders (even one called x.yaml) are not read. With --jobs N the files are split into N runs
 * of consecutive names, each scored by its own process into its own temporary file; the
 * parent writes them out in order, so the output is the same whatever N is. A progress bar
 * goes to standard error when it is a terminal (workers report each file through a pipe).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <malloc.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "answers.h"
#include "cli.h"
#include "diag.h"
#include "engine.h"
#include "i18n.h"
#include "loader.h"
#include "model.h"
#include "outfile.h"
#include "qpath.h"
#include "render.h"
#include "xalloc.h"

enum { MAX_JOBS = 64 };

struct batch {
	const char *dir;
	const char *questionnaire;
	const char *format;
	const char *output;
	const char *jobs;
	bool is_jsonl, is_force;
	const struct questionnaire *q;
	char **names;
	size_t n;
};

/* --- The files ---------------------------------------------------------------------------- */

static bool is_answers_name(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && ((n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	                          (n > 4 && strcmp(name + n - 4, ".yml") == 0));
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The answers files of dir, sorted by name (malloc'ed: free with free_names()). Returns 0,
 * or -1 with errno. */
static int list(const char *dir, char ***names, size_t *n)
{
	DIR *dp = opendir(dir);
	if (dp == NULL)
		return -1;
	size_t cap = 64;
	*names = xalloc_array(cap, sizeof **names);
	*n = 0;
	for (struct dirent *de; (de = readdir(dp)) != NULL;) {
		struct stat st;
		bool is_dir = de->d_type == DT_DIR ||
		              (de->d_type == DT_UNKNOWN &&
		               fstatat(dirfd(dp), de->d_name, &st, 0) == 0 && S_ISDIR(st.st_mode));
		if (!is_answers_name(de->d_name) || is_dir)
			continue;
		*names = xalloc_grow(*names, &cap, *n + 1, 64, sizeof **names);
		(*names)[(*n)++] = xalloc_strdup(de->d_name);
	}
	closedir(dp);
	qsort(*names, *n, sizeof **names, by_name);
	return 0;
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* --- One file ------------------------------------------------------------------------------ */

/* A CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
static void csv_field(FILE *out, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	fputc('"', out);
}

static void csv_header(FILE *out, const struct questionnaire *q)
{
	fputs("file,outcome,rule", out);
	for (size_t k = 0; k < q->nderived; k++)
		if (q->derived[k].is_score)
			fprintf(out, ",%s", q->derived[k].id);
	fputs(",red_flags,error\r\n", out);
}

static void csv_row(FILE *out, const char *file, struct engine *e, const char *error)
{
	const struct questionnaire *q = engine_questionnaire(e);
	csv_field(out, file);
	const struct engine_result *r = error == NULL ? engine_decide_partial(e) : NULL;
	fprintf(out, ",%s,%s", r ? q->outcomes[r->outcome].id : "",
	        r && r->decisive_rule >= 0 ? q->rules[r->decisive_rule].id : "");
	for (size_t k = 0; k < q->nderived; k++) {
		if (!q->derived[k].is_score)
			continue;
		char v[32] = "";
		if (r != NULL)
			engine_format_number(r->derived[k], v, sizeof v);
		fprintf(out, ",%s", v);
	}
	fputc(',', out);
	if (r != NULL)
		render_positive_signs(out, e);
	fputc(',', out);
	csv_field(out, error ? error : "");
	fputs("\r\n", out);
}

/* The first error of d as one line, "FILE:LINE:COL: MESSAGE"; caller frees. */
static char *first_error(const struct diag *d)
{
	for (size_t i = 0; i < diag_count(d); i++) {
		const struct diag_entry *x = diag_get(d, i);
		if (x->severity != DIAG_ERROR)
			continue;
		size_t len = strlen(x->file) + strlen(x->message) + 48;
		char *s = xalloc(len);
		if (x->line > 0)
			snprintf(s, len, "%s:%d:%d: %s", x->file, x->line, x->col, x->message);
		else
			snprintf(s, len, "%s: %s", x->file, x->message);
		return s;
	}
	return xalloc_strdup("cannot be read");
}

/* Scores dir/name and writes its row or line. Returns 0, or 1 when the file failed. */
static int one(const struct batch *b, const char *name, FILE *out)
{
	char path[PATH_MAX];
	snprintf(path, sizeof path, "%s/%s", b->dir, name);
	struct engine *e = engine_new(b->q, 0);
	struct diag *d = diag_new();
	char *error = answers_load_file(e, path, d, NULL) == 0 ? NULL : first_error(d);
	if (b->is_jsonl)
		render_json_line(out, error ? NULL : e, error ? NULL : engine_decide(e), name, error);
	else
		csv_row(out, name, e, error);
	int failed = error != NULL;
	free(error);
	diag_free(d);
	engine_free(e);
	return failed;
}

/* --- Progress ------------------------------------------------------------------------------ */

struct progress {
	bool is_on;
	size_t done, failed, total;
	int shown;
	/* Its words, looked up before scoring, when messages are English (see score()). */
	const char *files, *failures;
};

/* translated, which the caller looked up for fmt before the scoring; fmt lets the compiler
 * check the arguments against the English message. */
static const char *kept(const char *translated, const char *fmt) __attribute__((format_arg(2)));

static const char *kept(const char *translated, const char *fmt)
{
	(void)fmt;
	return translated;
}

static void progress_step(struct progress *p, bool is_failed)
{
	p->done++;
	p->failed += is_failed;
	if (!p->is_on)
		return;
	int permille = p->total ? (int)(p->done * 1000 / p->total) : 1000;
	if (permille == p->shown && p->done != p->total)
		return;
	p->shown = permille;
	char bar[31];
	for (int i = 0; i < 30; i++)
		bar[i] = i < permille * 30 / 1000 ? '#' : '.';
	bar[30] = '\0';
	fputc('\r', stderr);
	fprintf(stderr, kept(p->files, "[%s] %zu/%zu files"), bar, p->done, p->total);
	if (p->failed > 0)
		fprintf(stderr, kept(p->failures, ", %zu failed"), p->failed);
	if (p->done == p->total)
		fputc('\n', stderr);
	fflush(stderr);
}

/* --- Scoring, in this process or in N ---------------------------------------------------- */

/* Scores names[from..to) to out, reporting each file to p (here) or to fd (a worker: one
 * byte per file, 1 for a failure). */
static void run_range(const struct batch *b, size_t from, size_t to, FILE *out,
                      struct progress *p, int fd)
{
	for (size_t i = from; i < to; i++) {
		char failed = (char)one(b, b->names[i], out);
		if (p != NULL)
			progress_step(p, failed);
		else if (write(fd, &failed, 1) != 1)
			fd = -1;
	}
}

/* Copies f from its start to out. Returns 0, or -1. */
static int append(FILE *f, FILE *out)
{
	char buf[65536];
	rewind(f);
	for (size_t n; (n = fread(buf, 1, sizeof buf, f)) > 0;)
		if (fwrite(buf, 1, n, out) != n)
			return -1;
	return ferror(f) ? -1 : 0;
}

/* Starts a worker for names[from..to) writing to *tmp. Returns its pid, or -1. The worker
 * ends with _exit(): a forked copy must not run the parent's exit handlers or flush its
 * buffers a second time. */
static pid_t worker(const struct batch *b, size_t from, size_t to, FILE **tmp, int pipe_w)
{
	if ((*tmp = tmpfile()) == NULL)
		return -1;
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		run_range(b, from, to, *tmp, NULL, pipe_w);
		_exit(fflush(*tmp) == 0 && !ferror(*tmp) ? 0 : 1);
	}
	return pid;
}

/* Scores with jobs processes into out. Returns 0, or -1 when a worker failed to run. */
static int run_jobs(const struct batch *b, size_t jobs, FILE *out, struct progress *p)
{
	FILE *tmp[MAX_JOBS] = { NULL };
	pid_t pid[MAX_JOBS];
	int fds[2], rc = 0;
	if (pipe(fds) != 0)
		return -1;
	for (size_t k = 0; k < jobs; k++)
		pid[k] = worker(b, b->n * k / jobs, b->n * (k + 1) / jobs, &tmp[k], fds[1]);
	close(fds[1]);
	char buf[4096];
	for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) != 0;) {
		if (n < 0 && errno == EINTR)
			continue;
		for (ssize_t i = 0; i < n; i++)
			progress_step(p, buf[i] != 0);
		if (n < 0)
			break;
	}
	close(fds[0]);
	for (size_t k = 0; k < jobs; k++) {
		int st = 0;
		if (pid[k] < 0 || waitpid(pid[k], &st, 0) != pid[k] || !WIFEXITED(st) ||
		    WEXITSTATUS(st) != 0 || append(tmp[k], out) != 0)
			rc = -1;
		if (tmp[k] != NULL)
			fclose(tmp[k]);
	}
	return rc;
}

/* --- The command ----------------------------------------------------------------------------- */

static const struct cli_option batch_options[] = {
	{ "format", 'f', offsetof(struct batch, format), "csv|jsonl",
	  N_("a CSV row (RFC 4180) or a JSON result per file") },
	{ "questionnaire", 'q', offsetof(struct batch, questionnaire), "ID|PATH",
	  N_("the questionnaire (default: back-recovery)") },
	{ "output", 'o', offsetof(struct batch, output), "FILE",
	  N_("write to a new FILE (0600), not standard output") },
	{ "force", 0, offsetof(struct batch, is_force), NULL, N_("let -o replace a FILE that exists") },
	{ "jobs", 0, offsetof(struct batch, jobs), "N",
	  N_("score on N processes, 1 to 64 (same output)") },
	{ NULL, 0, 0, NULL, NULL },
};

static const struct cli_command batch_command = {
	"batch", "DIR --format csv|jsonl [OPTION]...",
	N_("Scores every answers file (*.yaml, *.yml) in DIR, in name order; a file that\n"
	"cannot be scored is a row with its error, and the exit status is then 65."),
	batch_options, 1,
};

/* Scores every file of b into out. Returns the exit status. */
static int score(struct batch *b, size_t jobs, FILE *out)
{
	struct progress p = { isatty(STDERR_FILENO) && b->n > 0, 0, 0, b->n, -1,
	                      ngettext("[%s] %zu/%zu files", "[%s] %zu/%zu files", b->n),
	                      _(", %zu failed") };
	if (!b->is_jsonl)
		csv_header(out, b->q);
	int rc = 0;
	/* Rows and lines are data: their errors stay English whatever the language. */
	char *lang = i18n_untranslated();
	if (jobs <= 1 || b->n < 2)
		run_range(b, 0, b->n, out, &p, -1);
	else
		rc = run_jobs(b, jobs < b->n ? jobs : b->n, out, &p);
	i18n_restore(lang);
	if (rc != 0) {
		fputs(_("backcheck batch: cannot write the output: a worker failed\n"), stderr);
		return EXIT_IOERR;
	}
	/* A write that failed is said by outfile_close(), naming the file and the reason. */
	if (fflush(out) != 0 || ferror(out))
		return EXIT_IOERR;
	if (p.failed > 0)
		fprintf(stderr, ngettext("backcheck batch: %zu of %zu files could not be scored; their "
		                         "rows say why\n", "backcheck batch: %zu of %zu files could not "
		                         "be scored; their rows say why\n", p.failed), p.failed, p.total);
	return p.failed > 0 ? EXIT_DATAERR : EXIT_OK;
}

int cmd_batch(int argc, char **argv)
{
	struct batch b = { 0 };
	int first, status = cli_parse(&batch_command, argc, argv, &b, &first);
	if (status != CLI_GO_ON)
		return status;
	if (first >= argc)
		return cli_usage_error(&batch_command, _("give the folder of answers files: batch DIR"));
	if (b.format == NULL)
		return cli_usage_error(&batch_command, _("say which format: --format csv or jsonl"));
	b.dir = argv[first];
	/* Each file's run frees its arena; without these, glibc hands the memory back to the
	 * kernel and maps it again for the next file (30% of the time in bench/batch.sh). */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_MMAP_THRESHOLD, 16 << 20);
	b.is_jsonl = strcmp(b.format, "jsonl") == 0;
	char *end = NULL;
	long jobs = 1;
	if (b.jobs != NULL && ((jobs = strtol(b.jobs, &end, 10)) < 1 || *end != '\0' ||
	                       jobs > MAX_JOBS))
		return cli_usage_error(&batch_command, _("--jobs must be a number from 1 to 64, not '%s'"),
		                       b.jobs);
	struct questionnaire *q = qpath_load(b.questionnaire ? b.questionnaire : QPATH_DEFAULT_ID,
	                                     NULL, QPATH_SAY_ALL, &status);
	if (q == NULL)
		return status;
	b.q = q;
	if (list(b.dir, &b.names, &b.n) != 0) {
		fprintf(stderr, _("backcheck batch: cannot read the folder %s: %s\n"), b.dir,
		        strerror(errno));
		questionnaire_free(q);
		return EXIT_NOINPUT;
	}
	/* -o's file as for run (outfile.h): checked before any work, never replaced unasked. */
	struct diag *d = diag_new();
	struct outfile out;
	if (outfile_open(&out, b.output, b.is_force, d) != 0) {
		status = EXIT_IOERR;
	} else {
		status = score(&b, (size_t)jobs, out.f);
		if (outfile_close(&out, status != EXIT_IOERR, d) != 0)
			status = EXIT_IOERR;
	}
	diag_print(d, stderr);
	diag_free(d);
	free_names(b.names, b.n);
	questionnaire_free(q);
	return status;
}
