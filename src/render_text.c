/*
 * render_text.c - the result for a person: what to do first, then why, their own figures,
 * advice, what would help, the safety net, the disclaimer, and the rule ids for clinicians.
 * Everything is word-wrapped (UTF-8 aware) to the width given.
 */
#include "render.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include "engine.h"
#include "model.h"

/* Outcomes this severe come first, framed, with their signs. Lines longer than MAX_WIDTH are
 * hard to read, so a wider terminal still gets paragraphs of at most MAX_WIDTH columns (an
 * explicit COLUMNS is obeyed, and wins over the terminal's width). */
enum { URGENT_SEVERITY = 4, MIN_WIDTH = 20, MAX_WIDTH = 100 };

int render_width(int fd)
{
	const char *c = getenv("COLUMNS");
	if (c != NULL && *c != '\0') {
		char *end;
		long n = strtol(c, &end, 10);
		if (*end == '\0' && n >= MIN_WIDTH && n <= 1000)
			return (int)n;
	}
	struct winsize ws;
	if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= MIN_WIDTH)
		return ws.ws_col < MAX_WIDTH ? ws.ws_col : MAX_WIDTH;
	return 80;
}

/* Terminal columns of s[0..n): UTF-8 decoded, wide characters 2 where the locale knows them,
 * anything undecodable 1. */
static int columns(const char *s, size_t n)
{
	int c = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	for (size_t i = 0; i < n;) {
		wchar_t wc;
		size_t k = mbrtowc(&wc, s + i, n - i, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			memset(&st, 0, sizeof st);
			c += ((unsigned char)s[i] & 0xC0) != 0x80;
			i++;
			continue;
		}
		int w = wcwidth(wc);
		c += w >= 0 ? w : 1;
		i += k;
	}
	return c;
}

/* Wraps one line of text (no '\n' inside). */
static void wrap_line(FILE *out, const char *s, size_t len, int width, const char *first,
                      const char *indent)
{
	const char *lead = first;
	int col = columns(lead, strlen(lead));
	bool is_empty = true;
	fputs(lead, out);
	for (size_t i = 0; i < len;) {
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		size_t start = i;
		while (i < len && s[i] != ' ' && s[i] != '\t')
			i++;
		if (i == start)
			break;
		int w = columns(s + start, i - start);
		if (!is_empty && col + 1 + w > width) {
			fputc('\n', out);
			fputs(indent, out);
			col = columns(indent, strlen(indent));
			is_empty = true;
		}
		if (!is_empty) {
			fputc(' ', out);
			col++;
		}
		fwrite(s + start, 1, i - start, out);
		col += w;
		is_empty = false;
	}
	fputc('\n', out);
}

void render_wrap(FILE *out, const char *text, int width, const char *first_indent,
                 const char *indent)
{
	const char *lead = first_indent;
	const char *p = text;
	while (p != NULL) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (nl == NULL && len == 0 && p != text)
			break;
		wrap_line(out, p, len, width, lead, indent);
		lead = indent;
		p = nl ? nl + 1 : NULL;
	}
}

struct tctx {
	FILE *out;
	struct engine *e;
	const struct questionnaire *q;
	const struct engine_result *r;
	int width;
};

static void heading(struct tctx *t, const char *title)
{
	fprintf(t->out, "\n%s\n", title);
}

static void para(struct tctx *t, const char *text)
{
	if (text != NULL && *text != '\0')
		render_wrap(t->out, text, t->width, "", "");
}

static void bullet(struct tctx *t, const char *text)
{
	render_wrap(t->out, text, t->width, "  * ", "    ");
}

static void frame(struct tctx *t)
{
	int n = t->width < 72 ? t->width : 72;
	for (int i = 0; i < n; i++)
		fputc('=', t->out);
	fputc('\n', t->out);
}

static void outcome_head(struct tctx *t)
{
	const struct outcome *o = &t->q->outcomes[t->r->outcome];
	const char *title = engine_fill(t->e, &o->title);
	if (o->severity >= URGENT_SEVERITY) {
		frame(t);
		render_wrap(t->out, title, t->width, "!! ", "   ");
		frame(t);
	} else {
		render_wrap(t->out, title, t->width, "Result: ", "        ");
	}
	fputc('\n', t->out);
	para(t, engine_fill(t->e, &o->summary));
}

static void reasons(struct tctx *t)
{
	bool urgent = t->q->outcomes[t->r->outcome].severity >= URGENT_SEVERITY;
	heading(t, urgent ? "What you told us" : "Why");
	if (t->r->nreasons == 0)
		bullet(t, "None of the specific patterns matched your answers, so this is the usual "
		       "result.");
	for (size_t k = 0; k < t->r->nreasons; k++)
		bullet(t, t->r->reasons[k].text);
}

static void explanation(struct tctx *t)
{
	const struct outcome *o = &t->q->outcomes[t->r->outcome];
	const char *x = engine_fill(t->e, &o->explanation);
	if (*x != '\0') {
		fputc('\n', t->out);
		para(t, x);
	}
}

static void figures(struct tctx *t)
{
	if (t->q->nderived == 0)
		return;
	heading(t, "Your figures");
	for (size_t k = 0; k < t->q->nderived; k++) {
		const struct derived *d = &t->q->derived[k];
		char num[32], lo[32], hi[32];
		engine_format_number(t->r->derived[k], num, sizeof num);
		engine_format_number(d->min, lo, sizeof lo);
		engine_format_number(d->max, hi, sizeof hi);
		const char *unit = engine_fill(t->e, t->r->derived[k] == 1 && d->unit_one.s != NULL
		                                     ? &d->unit_one : &d->unit);
		char line[1024];
		if (d->is_score)
			snprintf(line, sizeof line, "%s: %s (from %s to %s, %s)",
			         engine_fill(t->e, &d->title), num, lo, hi,
			         d->higher_is == HIGHER_IS_WORSE ? "higher is worse" :
			         d->higher_is == HIGHER_IS_BETTER ? "higher is better" : "neutral");
		else
			snprintf(line, sizeof line, "%s: %s%s%s", engine_fill(t->e, &d->title), num,
			         *unit ? " " : "", unit);
		bullet(t, line);
	}
}

static void advice(struct tctx *t)
{
	const struct outcome *o = &t->q->outcomes[t->r->outcome];
	const char *a = engine_fill(t->e, &o->advice);
	if (*a == '\0' && t->r->nadvice == 0)
		return;
	heading(t, "What to do");
	para(t, a);
	for (size_t k = 0; k < t->r->nadvice; k++)
		bullet(t, t->r->advice[k].text);
}

static void helpful_changes(struct tctx *t)
{
	size_t n = 0;
	for (size_t k = 0; k < t->r->nchanges; k++)
		n += t->r->changes[k].is_helpful;
	if (n == 0)
		return;
	heading(t, "What would change the result");
	for (size_t k = 0; k < t->r->nchanges; k++)
		if (t->r->changes[k].is_helpful)
			bullet(t, t->r->changes[k].text);
}

static void safety(struct tctx *t)
{
	const struct outcome *o = &t->q->outcomes[t->r->outcome];
	heading(t, "Keep yourself safe");
	para(t, engine_fill(t->e, &t->q->safety_net));
	if (o->recheck_days > 0) {
		char line[128];
		snprintf(line, sizeof line, "Check again in %d day%s, or sooner if things change.",
		         o->recheck_days, o->recheck_days == 1 ? "" : "s");
		fputc('\n', t->out);
		para(t, line);
	}
	fputc('\n', t->out);
	para(t, engine_fill(t->e, &t->q->disclaimer));
}

static void clinicians(struct tctx *t)
{
	char line[4096];
	size_t len = 0;
	const char *by = t->r->decisive_rule >= 0 ? t->q->rules[t->r->decisive_rule].id
	                                           : "the default outcome";
	len += (size_t)snprintf(line, sizeof line, "For clinicians: outcome %s, decided by %s; "
	                        "rules matched:", t->q->outcomes[t->r->outcome].id, by);
	for (size_t k = 0; k < t->r->nreasons && len < sizeof line; k++)
		len += (size_t)snprintf(line + len, sizeof line - len, "%s %s", k ? "," : "",
		                        t->q->rules[t->r->reasons[k].rule].id);
	if (t->r->nreasons == 0 && len < sizeof line)
		len += (size_t)snprintf(line + len, sizeof line - len, " none");
	if (len < sizeof line)
		snprintf(line + len, sizeof line - len, ". Questionnaire %s %s, sha256 %s.",
		         t->q->id, t->q->version, t->q->sha256);
	fputc('\n', t->out);
	para(t, line);
}

int render_text(FILE *out, struct engine *e, const struct engine_result *r, int width)
{
	struct tctx t = { out, e, engine_questionnaire(e), r, width < MIN_WIDTH ? MIN_WIDTH : width };
	bool urgent = t.q->outcomes[r->outcome].severity >= URGENT_SEVERITY;
	outcome_head(&t);
	if (urgent)
		reasons(&t);
	explanation(&t);
	if (!urgent)
		reasons(&t);
	advice(&t);
	/* After a stop rule most items were never asked: their figures would read as 0 ("nothing
	 * wrong") to someone who must get help now. */
	if (!r->is_stopped) {
		figures(&t);
		helpful_changes(&t);
	}
	safety(&t);
	clinicians(&t);
	fflush(out);
	return ferror(out) ? -1 : 0;
}
