/*
 * i18n.c - the locale, the catalogue and the one choice of language (see i18n.h).
 *
 * gettext reads its language from the process's locale and environment; that is the one
 * process-wide state here, set by i18n_init() before anything is printed and by
 * i18n_choose() once a questionnaire's language is known.
 */
#include "i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "model.h"
#include "qpath.h"
#include "xalloc.h"

#ifndef BACKCHECK_LOCALEDIR
#define BACKCHECK_LOCALEDIR "/usr/local/share/locale"
#endif

#define DOMAIN "backcheck"

/* GNU gettext's count of catalogue changes: raising it drops the translations looked up in
 * the language before (the gettext manual, "Changing the language at runtime"). */
extern int _nl_msg_cat_cntr;

static bool is_c(const char *name)
{
	return name == NULL || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0;
}

/* The locale's name for messages as the environment gives it: the first of LC_ALL,
 * LC_MESSAGES and LANG that is set and not empty, or NULL. */
static const char *locale_name(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" };
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *v = getenv(vars[i]);
		if (v != NULL && *v != '\0')
			return v;
	}
	return NULL;
}

/* LANGUAGE when gettext would honour it: set, not empty, and the locale not C or POSIX. */
static const char *language_list(void)
{
	const char *list = getenv("LANGUAGE");
	return list != NULL && *list != '\0' && !is_c(locale_name()) ? list : NULL;
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The catalogues' folder: <exe>/../share/locale in an installed (perhaps moved) tree, the
 * build tree's build/locale for build/VARIANT/backcheck, else the compiled-in folder. */
static void locale_dir(char *dir, size_t dirsz)
{
	char exe[PATH_MAX];
	qpath_exe_dir(exe, sizeof exe);
	static const char *const beside[] = { "/../share/locale", "/../locale" };
	for (size_t k = 0; exe[0] != '\0' && k < sizeof beside / sizeof *beside; k++) {
		snprintf(dir, dirsz, "%s%s", exe, beside[k]);
		if (is_dir(dir))
			return;
	}
	snprintf(dir, dirsz, "%s", BACKCHECK_LOCALEDIR);
}

/* Speaks lang (a language, a locale's name or a LANGUAGE list) from now on. gettext ignores
 * LANGUAGE under the C locale, which is also what a failed setlocale() leaves: then the
 * messages use C.UTF-8, which is not C to gettext and changes nothing else. */
static void speak(const char *lang)
{
	setenv("LANGUAGE", lang, 1);
	if (is_c(setlocale(LC_MESSAGES, NULL)))
		setlocale(LC_MESSAGES, "C.UTF-8");
	++_nl_msg_cat_cntr;
}

/* Whether name asks for UTF-8 ("de_DE.UTF-8", "de_DE.utf8"). */
static bool is_utf8(const char *name)
{
	const char *dot = name != NULL ? strchr(name, '.') : NULL;
	return dot != NULL && (strncasecmp(dot + 1, "utf-8", 5) == 0 ||
	                       strncasecmp(dot + 1, "utf8", 4) == 0);
}

void i18n_init(void)
{
	const char *name = locale_name();
	if (setlocale(LC_CTYPE, "") == NULL && is_utf8(name))
		setlocale(LC_CTYPE, "C.UTF-8");
	setlocale(LC_MESSAGES, "");
	char dir[PATH_MAX + 64];
	locale_dir(dir, sizeof dir);
	bindtextdomain(DOMAIN, dir);
	bind_textdomain_codeset(DOMAIN, "UTF-8");
	textdomain(DOMAIN);
	const char *list = language_list();
	if (list != NULL || !is_c(name))
		speak(list != NULL ? list : name);
}

/* The first language of LANGUAGE's list, then of the locale, that q offers. */
static bool wanted(const struct questionnaire *q, size_t *index)
{
	const char *list = language_list();
	for (const char *p = list; p != NULL && *p != '\0';) {
		const char *colon = strchr(p, ':');
		size_t len = colon != NULL ? (size_t)(colon - p) : strlen(p);
		char one[64];
		if (len > 0 && len < sizeof one) {
			memcpy(one, p, len);
			one[len] = '\0';
			if (model_find_lang(q, one, index))
				return true;
		}
		p = colon != NULL ? colon + 1 : NULL;
	}
	const char *name = locale_name();
	return !is_c(name) && model_find_lang(q, name, index);
}

size_t i18n_choose(const struct questionnaire *q, const char *opt)
{
	size_t index = 0;
	if (opt != NULL ? !model_find_lang(q, opt, &index) : !wanted(q, &index))
		index = 0;
	speak(q->langs[index]);
	return index;
}

int i18n_yesno(const char *s, size_t n)
{
	static const struct {
		const char *key;
		int is_yes;
	} words[] = {
		{ NP_("answer", "yes"), 1 }, { NP_("answer", "y"), 1 },
		{ NP_("answer", "no"), 0 }, { NP_("answer", "n"), 0 },
	};
	for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
		const char *w = i18n_pgettext(words[k].key);
		if (strlen(w) == n && strncasecmp(s, w, n) == 0)
			return words[k].is_yes;
	}
	return -1;
}

const char *i18n_pgettext(const char *key)
{
	const char *t = gettext(key);
	return t != key ? t : strchr(key, '\004') + 1;
}

char *i18n_untranslated(void)
{
	const char *now = setlocale(LC_MESSAGES, NULL);
	char *saved = xalloc_strdup(now != NULL ? now : "C");
	setlocale(LC_MESSAGES, "C");
	return saved;
}

void i18n_restore(char *saved)
{
	setlocale(LC_MESSAGES, saved);
	free(saved);
}
