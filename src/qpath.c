/*
 * qpath.c - the questionnaire search path (see qpath.h), and the one way a command loads a
 * questionnaire by id or path and reports why it cannot. Reads the environment and
 * /proc/self/exe; keeps no state.
 */
#include "qpath.h"

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "diag.h"
#include "i18n.h"
#include "loader.h"

#ifndef BACKCHECK_DATADIR
#define BACKCHECK_DATADIR "/usr/local/share/backcheck"
#endif

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Tries dir/id.yaml; records dir in the searched list. */
static bool try_dir(const char *dir, size_t dirlen, const char *id, char *buf, size_t bufsz,
                    char *searched, size_t ssz)
{
	if (dirlen == 0)
		return false;
	char path[PATH_MAX];
	int n = snprintf(path, sizeof path, "%.*s/%s.yaml", (int)dirlen, dir, id);
	if (n > 0 && (size_t)n < sizeof path && is_file(path)) {
		char real[PATH_MAX];
		snprintf(buf, bufsz, "%s", realpath(path, real) != NULL ? real : path);
		return true;
	}
	size_t len = strlen(searched);
	snprintf(searched + len, ssz - len, "%s%.*s", len ? ", " : "", (int)dirlen, dir);
	return false;
}

void qpath_exe_dir(char *dir, size_t dirsz)
{
	ssize_t n = readlink("/proc/self/exe", dir, dirsz - 1);
	if (n <= 0) {
		dir[0] = '\0';
		return;
	}
	dir[n] = '\0';
	char *slash = strrchr(dir, '/');
	if (slash != NULL)
		*slash = '\0';
}

static bool try_env(const char *id, char *buf, size_t bufsz, char *searched, size_t ssz)
{
	const char *env = getenv("BACKCHECK_QUESTIONNAIRES");
	for (const char *p = env; p != NULL && *p != '\0';) {
		const char *colon = strchr(p, ':');
		size_t len = colon ? (size_t)(colon - p) : strlen(p);
		if (try_dir(p, len, id, buf, bufsz, searched, ssz))
			return true;
		p = colon ? colon + 1 : NULL;
	}
	return false;
}

bool qpath_is_id(const char *s)
{
	static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                            "0123456789-_";
	return s[0] != '\0' && strspn(s, chars) == strlen(s);
}

int qpath_find(const char *arg, char *buf, size_t bufsz)
{
	if (strchr(arg, '/') != NULL || ends_with(arg, ".yaml") || ends_with(arg, ".yml")) {
		snprintf(buf, bufsz, "%s", arg);
		return 0;
	}
	char searched[4 * PATH_MAX] = "";
	if (try_env(arg, buf, bufsz, searched, sizeof searched))
		return 0;
	char exe[PATH_MAX], dir[PATH_MAX + 64];
	qpath_exe_dir(exe, sizeof exe);
	snprintf(dir, sizeof dir, "%s/../share/backcheck/questionnaires", exe);
	if (exe[0] != '\0' && try_dir(dir, strlen(dir), arg, buf, bufsz, searched, sizeof searched))
		return 0;
	const char *data = BACKCHECK_DATADIR "/questionnaires";
	if (try_dir(data, strlen(data), arg, buf, bufsz, searched, sizeof searched))
		return 0;
	/* build/VARIANT/backcheck in the source tree, or a link at its top. */
	static const char *const source[] = { "/../../questionnaires", "/questionnaires" };
	for (size_t k = 0; exe[0] != '\0' && k < 2; k++) {
		snprintf(dir, sizeof dir, "%s%s", exe, source[k]);
		if (try_dir(dir, strlen(dir), arg, buf, bufsz, searched, sizeof searched))
			return 0;
	}
	snprintf(buf, bufsz, "%s", searched);
	return -1;
}

struct questionnaire *qpath_load(const char *arg, const char *cmd, enum qpath_say say,
                                 int *status)
{
	char path[PATH_MAX * 4];
	if (qpath_find(arg, path, sizeof path) != 0) {
		if (say != QPATH_SAY_NOTHING && cmd == NULL)
			fprintf(stderr, _("backcheck: no questionnaire called '%s' (looked in %s)\n"),
			        arg, path);
		else if (say != QPATH_SAY_NOTHING)
			fprintf(stderr, _("backcheck %s: no questionnaire called '%s' (looked in %s)\n"), cmd,
			        arg, path);
		*status = EXIT_NOINPUT;
		return NULL;
	}
	struct diag *d = diag_new();
	int is_unreadable = 0;
	struct questionnaire *q = loader_load_file(path, d, &is_unreadable);
	if (say == QPATH_SAY_ALL || (say == QPATH_SAY_ERRORS && q == NULL))
		diag_print(d, stderr);
	diag_free(d);
	if (q == NULL)
		*status = is_unreadable ? EXIT_NOINPUT : EXIT_DATAERR;
	return q;
}
