/*
 * ui_text.c - what both front ends share about text on a terminal: whether colour may be
 * used, and what a typed yes or no means. No readline here; wrapping is wrap.c's.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "i18n.h"
#include "ui.h"

bool ui_can_colour(int fd)
{
	if (!isatty(fd))
		return false;
	const char *no_colour = getenv("NO_COLOR");
	if (no_colour != NULL && *no_colour != '\0')
		return false;
	const char *term = getenv("TERM");
	return term != NULL && *term != '\0' && strcmp(term, "dumb") != 0;
}

int ui_yesno_word(const char *s)
{
	static const struct {
		const char *word;
		int is_yes;
	} words[] = { { "y", 1 }, { "yes", 1 }, { "n", 0 }, { "no", 0 } };
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		if (n == strlen(words[k].word) && strncasecmp(s, words[k].word, n) == 0)
			return words[k].is_yes;
	return i18n_yesno(s, n);
}
