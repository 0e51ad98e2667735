/*
 * run.c - `backcheck run`: loads a questionnaire, applies an answers file (or starts an
 * interview), decides, and writes the result as text or JSON.
 *
 * Standard output carries the requested output and nothing else; diagnostics and warnings go
 * to standard error. A scripted run writes no other file than -o's.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "answers.h"
#include "cli.h"
#include "diag.h"
#include "engine.h"
#include "interview.h"
#include "loader.h"
#include "model.h"
#include "qpath.h"
#include "render.h"

struct run_opts {
	const char *questionnaire;
	const char *answers;
	const char *format;
	const char *output;
	const char *lang;
	bool is_help, is_version, is_plain;
};

/* Options that take a value: the long name, the short letter (0: none), where it goes. */
struct opt {
	const char *name;
	char letter;
	size_t offset;
};

static const struct opt opts[] = {
	{ "questionnaire", 'q', offsetof(struct run_opts, questionnaire) },
	{ "answers", 'a', offsetof(struct run_opts, answers) },
	{ "format", 'f', offsetof(struct run_opts, format) },
	{ "output", 'o', offsetof(struct run_opts, output) },
	{ "lang", 0, offsetof(struct run_opts, lang) },
};

static void usage(FILE *out)
{
	fputs("Usage: backcheck run [--questionnaire PATH|ID] [--answers FILE]\n"
	      "                     [--format text|json] [-o FILE] [--lang L]\n"
	      "Answers a questionnaire and explains the result.\n\n"
	      "  -q, --questionnaire PATH|ID  the questionnaire (default: " QPATH_DEFAULT_ID ")\n"
	      "  -a, --answers FILE           take the answers from FILE instead of asking\n"
	      "  -f, --format text|json       the output format (default: text)\n"
	      "  -o, --output FILE            write the result to FILE (created 0600); - is\n"
	      "                               standard output\n"
	      "      --lang L                 the language of the texts (default: $LANG)\n"
	      "      --plain                  interview without colour, one choice a line\n"
	      "      --help                   show this help\n"
	      "      --version                show the version\n\n"
	      "Exit status: 0 done, 64 usage, 65 bad questionnaire or answers, 66 a file cannot be\n"
	      "opened, 70 internal error, 74 output error, 130 interrupted.\n", out);
}

static const struct opt *find_opt(const char *arg, const char **value)
{
	*value = NULL;
	for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++) {
		size_t n = strlen(opts[k].name);
		if (arg[0] == '-' && arg[1] == '-' && strncmp(arg + 2, opts[k].name, n) == 0 &&
		    (arg[2 + n] == '\0' || arg[2 + n] == '=')) {
			*value = arg[2 + n] == '=' ? arg + 3 + n : NULL;
			return &opts[k];
		}
		if (opts[k].letter != 0 && arg[0] == '-' && arg[1] == opts[k].letter) {
			*value = arg[2] != '\0' ? arg + 2 : NULL;
			return &opts[k];
		}
	}
	return NULL;
}

/* Returns 0, or -1 after printing what is wrong. */
static int parse_args(int argc, char **argv, struct run_opts *o)
{
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *value;
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			o->is_help = true;
			continue;
		}
		if (strcmp(arg, "--plain") == 0) {
			o->is_plain = true;
			continue;
		}
		if (strcmp(arg, "--version") == 0) {
			o->is_version = true;
			continue;
		}
		const struct opt *opt = find_opt(arg, &value);
		if (opt == NULL) {
			fprintf(stderr, "backcheck run: unknown option '%s'\n", arg);
			return -1;
		}
		if (value == NULL && (i + 1 >= argc)) {
			fprintf(stderr, "backcheck run: option '%s' needs a value\n", arg);
			return -1;
		}
		if (value == NULL)
			value = argv[++i];
		*(const char **)((char *)o + opt->offset) = value;
	}
	if (o->format != NULL && strcmp(o->format, "text") != 0 && strcmp(o->format, "json") != 0) {
		fprintf(stderr, "backcheck run: unknown format '%s' (choose text or json)\n",
		        o->format);
		return -1;
	}
	return 0;
}

/* Loads the questionnaire named by arg; NULL with the reason printed and *status set. */
static struct questionnaire *load(const char *arg, int *status)
{
	char path[PATH_MAX * 4];
	if (qpath_find(arg, path, sizeof path) != 0) {
		fprintf(stderr, "backcheck: no questionnaire called '%s' (looked in %s)\n", arg, path);
		*status = EXIT_NOINPUT;
		return NULL;
	}
	struct diag *d = diag_new();
	int unreadable = 0;
	struct questionnaire *q = loader_load_file(path, d, &unreadable);
	/* Warnings (a missing translation) are for authors (`backcheck lint`), not for runs. */
	if (q == NULL) {
		diag_print(d, stderr);
		*status = unreadable ? EXIT_NOINPUT : EXIT_DATAERR;
	}
	diag_free(d);
	return q;
}

static int render(FILE *out, struct engine *e, const char *format)
{
	const struct engine_result *r = engine_decide(e);
	if (format != NULL && strcmp(format, "json") == 0)
		return render_json(out, e, r);
	return render_text(out, e, r, render_width(fileno(out)));
}

/* Writes the result to path through a 0600 temporary file renamed into place. */
static int write_file(const char *path, struct engine *e, const char *format)
{
	char tmp[PATH_MAX];
	const char *slash = strrchr(path, '/');
	int dirlen = slash ? (int)(slash - path) + 1 : 0;
	if (snprintf(tmp, sizeof tmp, "%.*s.backcheck-XXXXXX", dirlen, path) >= (int)sizeof tmp)
		return -1;
	int fd = mkstemp(tmp);
	if (fd < 0)
		return -1;
	FILE *f = fchmod(fd, 0600) == 0 ? fdopen(fd, "w") : NULL;
	if (f == NULL) {
		close(fd);
		unlink(tmp);
		return -1;
	}
	int rc = render(f, e, format);
	if (fflush(f) != 0 || fsync(fileno(f)) != 0)
		rc = -1;
	if (fclose(f) != 0)
		rc = -1;
	if (rc == 0 && rename(tmp, path) != 0)
		rc = -1;
	if (rc != 0) {
		int saved = errno;
		unlink(tmp);
		errno = saved;
	}
	return rc;
}

static int output(const struct run_opts *o, struct engine *e)
{
	if (o->output != NULL && strcmp(o->output, "-") != 0) {
		if (write_file(o->output, e, o->format) == 0)
			return EXIT_OK;
		fprintf(stderr, "backcheck: cannot write %s: %s\n", o->output, strerror(errno));
		return EXIT_IOERR;
	}
	if (render(stdout, e, o->format) != 0 || fflush(stdout) != 0) {
		fprintf(stderr, "backcheck: cannot write the result: %s\n", strerror(errno));
		return EXIT_IOERR;
	}
	return EXIT_OK;
}

static int scripted(const struct run_opts *o, struct questionnaire *q)
{
	const char *lang = o->lang != NULL ? o->lang : getenv("LANG");
	struct engine *e = engine_new(q, lang != NULL ? model_lang(q, lang) : 0);
	if (o->lang != NULL && strncmp(q->langs[engine_lang(e)], o->lang, 2) != 0)
		fprintf(stderr, "backcheck: %s is not offered in '%s'; using '%s'\n", q->id, o->lang,
		        q->langs[engine_lang(e)]);
	struct diag *d = diag_new();
	int unreadable = 0;
	int rc = 0, status = EXIT_OK;
	if (o->answers != NULL)
		rc = answers_load_file(e, o->answers, d, &unreadable);
	else
		status = interview_exit_status(interview_main(e, o->is_plain, NULL));
	diag_print(d, stderr);
	diag_free(d);
	if (status == EXIT_OK)
		status = rc == 0 ? output(o, e) : unreadable ? EXIT_NOINPUT : EXIT_DATAERR;
	engine_free(e);
	return status;
}

int cmd_run(int argc, char **argv)
{
	struct run_opts o = { 0 };
	if (parse_args(argc, argv, &o) != 0) {
		fputs("Try 'backcheck run --help'.\n", stderr);
		return EXIT_USAGE;
	}
	if (o.is_help) {
		usage(stdout);
		return EXIT_OK;
	}
	if (o.is_version) {
		printf("backcheck %s\n", BACKCHECK_VERSION);
		return EXIT_OK;
	}
	int status = EXIT_OK;
	struct questionnaire *q = load(o.questionnaire ? o.questionnaire : QPATH_DEFAULT_ID, &status);
	if (q == NULL)
		return status;
	status = scripted(&o, q);
	questionnaire_free(q);
	return status;
}
