/*
 * i18n.h - the interface's texts and language.
 *
 * Every word the program itself prints (prompts, commands, messages, headings, help) is a
 * gettext message: `_("...")` where it is printed, `N_("...")` in a table that is printed
 * later through `_()`, ngettext() where a count chooses the form, and `P_("context", "...")`
 * for a short word whose context tells the translator what it is (a command, an answer);
 * `NP_("context", "...")` marks one in a table, printed later through i18n_pgettext().
 * A message is a whole sentence with placeholders, never pieced together from fragments.
 * po/backcheck.pot lists them all (`make pot`); po/LANG.po translates them (docs/HACKING.md).
 *
 * The questionnaire's texts and the interface's always speak the same language: i18n_choose()
 * picks it once from --lang, LANGUAGE, LC_ALL, LC_MESSAGES and LANG, among the languages the
 * questionnaire offers; when it offers none of them, both fall back to its default language.
 */
#ifndef BACKCHECK_I18N_H
#define BACKCHECK_I18N_H

#include <libintl.h>
#include <stddef.h>

#define _(s) gettext(s)
#define N_(s) s
#define P_(ctx, s) i18n_pgettext(ctx "\004" s)
#define NP_(ctx, s) ctx "\004" s

struct questionnaire;

/*
 * Sets the locale's character type and messages from the environment (never its numbers,
 * which stay C: answers files, JSON and YAML use '.'), opens the catalogue beside the
 * executable (the installed tree's share/locale or the build tree's build/locale) and speaks
 * the language the environment asks for. Call it first in main(). A locale that the system
 * has not generated (de_DE.UTF-8 in a container that has only C.UTF-8) still gets its
 * language: the messages then use C.UTF-8 with LANGUAGE set.
 */
void i18n_init(void);

/*
 * The language for q: opt (--lang) when given, else the first of LANGUAGE's list (unless the
 * locale is C or POSIX, where gettext ignores LANGUAGE), LC_ALL, LC_MESSAGES and LANG that q
 * offers; else q's default language. The interface speaks the returned language from now on.
 */
size_t i18n_choose(const struct questionnaire *q, const char *opt);

/* Whether the n bytes at s are yes (1) or no (0) in the interface's language ("ja", "j",
 * "nein", "n" in German), else -1. Callers try the English words themselves. */
int i18n_yesno(const char *s, size_t n);

/* The translation of key ("context\004text"), or its text when there is none. */
const char *i18n_pgettext(const char *key);

/*
 * Messages in English (gettext's C locale, which ignores LANGUAGE) until i18n_restore(saved),
 * for words written into data (batch's rows), which stay English in every language. Returns
 * what i18n_restore() takes and frees. setlocale() is process-wide: call both while no other
 * thread runs (forked workers inherit the setting).
 */
char *i18n_untranslated(void);
void i18n_restore(char *saved);

#endif
