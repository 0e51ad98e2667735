/*
 * cli.c - the one option parser of every subcommand: a table of options per command (cli.h),
 * read with getopt_long, with "did you mean" for a misspelt option or choice and a help text
 * made from the same table, so the parser and the help cannot disagree.
 *
 * Invariant: an option is stored only once; a second occurrence is a usage error.
 */
#include "cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "suggest.h"
#include "xalloc.h"

const char cli_exit_help[] = N_(
	"Exit status: 0 done, 64 usage, 65 bad input, 66 cannot open, 70 internal error,\n"
	"74 I/O error, 75 busy in another window, 129 hang-up, 130 quit, 143 terminated.\n");

/* The widest option head that the helps line up after. */
enum { HEAD_MAX = 30 };

/* getopt_long's value for the option at index i of the table (above every short letter). */
enum { LONG_BASE = 256 };

int cli_usage_error(const struct cli_command *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "backcheck %s: ", c->name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	fprintf(stderr, _("Run 'backcheck %s --help' for its options.\n"), c->name);
	va_end(ap);
	return EXIT_USAGE;
}

static size_t count_options(const struct cli_command *c)
{
	size_t n = 0;
	while (c->options[n].name != NULL)
		n++;
	return n;
}

/* The table as getopt_long wants it (malloc'ed, caller frees both). */
static void getopt_tables(const struct cli_command *c, struct option **longs, char **shorts)
{
	size_t n = count_options(c);
	*longs = xalloc_array(n + 2, sizeof **longs);
	*shorts = xalloc(2 * n + 3);
	char *s = *shorts;
	*s++ = ':';
	for (size_t i = 0; i < n; i++) {
		const struct cli_option *o = &c->options[i];
		(*longs)[i] = (struct option){ o->name, o->arg ? required_argument : no_argument, NULL,
		                               LONG_BASE + (int)i };
		if (o->letter != 0) {
			*s++ = o->letter;
			if (o->arg != NULL)
				*s++ = ':';
		}
	}
	(*longs)[n] = (struct option){ "help", no_argument, NULL, 'h' };
	(*longs)[n + 1] = (struct option){ NULL, 0, NULL, 0 };
	*s++ = 'h';
	*s = '\0';
}

/* The index of the option with short letter ch, or -1. */
static int by_letter(const struct cli_command *c, int ch)
{
	for (size_t i = 0; c->options[i].name != NULL; i++)
		if (c->options[i].letter == ch)
			return (int)i;
	return -1;
}

/* "unknown option '--fromat'; did you mean '--format'?" for the word as typed. */
static int unknown_option(const struct cli_command *c, const char *typed)
{
	size_t len = strcspn(typed, "=");
	if (typed[0] != '-' || typed[1] != '-')
		return cli_usage_error(c, _("unknown option '%.*s'"), (int)len, typed);
	struct suggest s;
	suggest_init(&s, typed + 2, len - 2);
	for (size_t i = 0; c->options[i].name != NULL; i++)
		suggest_consider(&s, c->options[i].name);
	suggest_consider(&s, "help");
	const char *best = suggest_result(&s);
	if (best != NULL)
		return cli_usage_error(c, _("unknown option '%.*s'; did you mean '--%s'?"),
		                       (int)len, typed, best);
	return cli_usage_error(c, _("unknown option '%.*s'"), (int)len, typed);
}

/* Whether an option's value is one of a few words: its arg lists them in lower case
 * ("text|json", "fhir"); an arg in capitals ("FILE", "PATH|ID") names a value of any kind. */
static bool has_choices(const struct cli_option *o)
{
	return strpbrk(o->arg, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == NULL;
}

/* "text or json", "text, json or answers" from "text|json|answers", into buf: the words
 * before the last joined by ", ", then the last joined by the language's "%s or %s". */
static void choices_text(const char *arg, char *buf, size_t sz)
{
	const char *last = strrchr(arg, '|');
	if (last == NULL) {
		snprintf(buf, sz, "%s", arg);
		return;
	}
	char head[256];
	size_t used = 0;
	for (const char *p = arg; p < last && used < sizeof head; p += strcspn(p, "|") + 1) {
		int k = snprintf(head + used, sizeof head - used, "%s%.*s", used ? ", " : "",
		                 (int)strcspn(p, "|"), p);
		used += k > 0 ? (size_t)k : 0;
	}
	/* TRANSLATORS: the last two of a list of words, "text, json or answers". */
	snprintf(buf, sz, _("%s or %s"), head, last + 1);
}

/* Whether value is one of o's choices; if not, says so (with the closest choice). */
static bool is_choice(const struct cli_command *c, const struct cli_option *o, const char *value)
{
	if (!has_choices(o))
		return true;
	struct suggest s;
	suggest_init(&s, value, strlen(value));
	char *words = xalloc_strdup(o->arg), *save = NULL, list[256];
	bool is_one = false;
	for (char *w = strtok_r(words, "|", &save); w != NULL; w = strtok_r(NULL, "|", &save)) {
		is_one = is_one || strcmp(w, value) == 0;
		suggest_consider(&s, w);
	}
	const char *best = suggest_result(&s);
	choices_text(o->arg, list, sizeof list);
	if (!is_one && best != NULL)
		cli_usage_error(c, _("--%s must be %s, not '%s'; did you mean '%s'?"), o->name,
		                list, value, best);
	else if (!is_one)
		cli_usage_error(c, _("--%s must be %s, not '%s'"), o->name, list, value);
	free(words);
	return is_one;
}

/* Stores option i's value; returns CLI_GO_ON or EXIT_USAGE (said why). */
static int store(const struct cli_command *c, size_t i, bool *seen, void *out)
{
	const struct cli_option *o = &c->options[i];
	if (seen[i])
		return cli_usage_error(c, _("option '--%s' is given twice"), o->name);
	seen[i] = true;
	if (o->arg == NULL) {
		*(bool *)((char *)out + o->offset) = true;
		return CLI_GO_ON;
	}
	if (!is_choice(c, o, optarg))
		return EXIT_USAGE;
	*(const char **)((char *)out + o->offset) = optarg;
	return CLI_GO_ON;
}

/* Says what is wrong with the option getopt_long refused (ch is '?' or ':'). */
static int refused(const struct cli_command *c, int ch, char **argv)
{
	const char *name = optopt >= LONG_BASE ? c->options[optopt - LONG_BASE].name
	                   : optopt == 'h' ? "help"
	                   : optopt > 0 && by_letter(c, optopt) >= 0
	                       ? c->options[by_letter(c, optopt)].name : NULL;
	if (ch == ':' && name != NULL)
		return cli_usage_error(c, _("option '--%s' needs a value"), name);
	if (name != NULL)
		return cli_usage_error(c, _("option '--%s' takes no value"), name);
	if (optopt > 0)
		return cli_usage_error(c, _("unknown option '-%c'"), optopt);
	return unknown_option(c, argv[optind - 1]);
}

int cli_parse(const struct cli_command *c, int argc, char **argv, void *out, int *first)
{
	struct option *longs;
	char *shorts;
	getopt_tables(c, &longs, &shorts);
	bool *seen = xalloc_array(count_options(c) + 1, sizeof *seen);
	memset(seen, 0, (count_options(c) + 1) * sizeof *seen);
	int status = CLI_GO_ON, ch;
	bool is_help = false;
	opterr = 0;
	optind = 0;
	while (status == CLI_GO_ON && (ch = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		if (ch == 'h')
			is_help = true;
		else if (ch >= LONG_BASE)
			status = store(c, (size_t)(ch - LONG_BASE), seen, out);
		else if (ch == '?' || ch == ':')
			status = refused(c, ch, argv);
		else
			status = store(c, (size_t)by_letter(c, ch), seen, out);
	}
	*first = optind;
	if (status == CLI_GO_ON && is_help) {
		cli_help(c, stdout);
		status = EXIT_OK;
	}
	if (status == CLI_GO_ON && (size_t)(argc - optind) > c->max_args)
		status = cli_usage_error(c, _("unexpected argument '%s'"), argv[optind + c->max_args]);
	free(seen);
	free(longs);
	free(shorts);
	return status;
}

/* "  -f, --format text|json" for option o (NULL: the help option). */
static int option_head(const struct cli_option *o, char *buf, size_t sz)
{
	if (o == NULL)
		return snprintf(buf, sz, "  -h, --help");
	char letter[8] = "    ";
	if (o->letter != 0)
		snprintf(letter, sizeof letter, "-%c, ", o->letter);
	return snprintf(buf, sz, "  %s--%s%s%s", letter, o->name, o->arg ? " " : "",
	                o->arg ? o->arg : "");
}

void cli_help(const struct cli_command *c, FILE *out)
{
	char head[128];
	int width = 0;
	/* Helps line up after the heads, except after a head too long for that (a list of
	 * choices), which its help follows on the same line. */
	for (size_t i = 0; c->options[i].name != NULL; i++) {
		int n = option_head(&c->options[i], head, sizeof head);
		width = n > width && n <= HEAD_MAX ? n : width;
	}
	fprintf(out, _("Usage: backcheck %s %s\n"), c->name, c->synopsis);
	fprintf(out, "%s\n\n", _(c->about));
	for (size_t i = 0; c->options[i].name != NULL; i++) {
		option_head(&c->options[i], head, sizeof head);
		fprintf(out, "%-*s  %s\n", width, head, _(c->options[i].help));
	}
	option_head(NULL, head, sizeof head);
	fprintf(out, "%-*s  %s\n\n%s", width, head, _("show this help"), _(cli_exit_help));
}
