/*
 * fuzz_expr.c - any line as an expression, in the engine's test questionnaire: as the
 * condition of the rule `strained` (first byte even) or as the value of the derived `strain`
 * (odd). The real loader gives the real scope. When it compiles, its printed form
 * (expr_to_string) must compile again to the same printed form: print-and-parse-again.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "expr.h"
#include "loader.h"
#include "model.h"
#include "xalloc.h"
#include "yamlio.h"

static const char HOST[] = "tests/data/engine/basic.yaml";
static const char *const SLOT[2] = { "    when: strain >= 2\n",
                                     "    value: count(sleep < 6, rest_days == 0, pushing)\n" };
static const char *const KEY[2] = { "    when: |-\n      ", "    value: |-\n      " };

/* The host's text with expression text in slot; caller frees. */
static char *host_with(int slot, const char *text, size_t len, size_t *outlen)
{
	static char *host;
	static size_t hostlen;
	if (host == NULL) {
		struct diag *hd = diag_new();
		if (yamlio_read_file(HOST, 1 << 20, &host, &hostlen, hd, NULL) != 0)
			abort();
		diag_free(hd);
	}
	const char *at = strstr(host, SLOT[slot]);
	if (at == NULL)
		abort();
	size_t pre = (size_t)(at - host), klen = strlen(KEY[slot]), slen = strlen(SLOT[slot]);
	*outlen = hostlen - slen + klen + len + 1;
	char *s = xalloc(*outlen + 1);
	memcpy(s, host, pre);
	memcpy(s + pre, KEY[slot], klen);
	memcpy(s + pre + klen, text, len);
	s[pre + klen + len] = '\n';
	memcpy(s + pre + klen + len + 1, at + slen, hostlen - pre - slen + 1);
	return s;
}

/* The printed form of the expression in slot after loading the host with text, or NULL
 * when it does not load; caller frees. */
static char *printed(int slot, const char *text, size_t len)
{
	size_t n;
	char *yaml = host_with(slot, text, len, &n);
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_string("host.yaml", yaml, n, d);
	char *s = NULL;
	if (q != NULL)
		s = expr_to_string(slot == 0 ? q->rules[3].when : q->derived[0].value);
	questionnaire_free(q);
	diag_free(d);
	free(yaml);
	return s;
}

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	/* One line of printable text: the block scalar holds it as it is. */
	for (size_t i = 1; i < size; i++)
		if (data[i] < 0x20 || data[i] == 0x7f)
			return 0;
	int slot = data[0] & 1;
	char *first = printed(slot, (const char *)data + 1, size - 1);
	if (first == NULL)
		return 0;
	char *again = printed(slot, first, strlen(first));
	if (again == NULL || strcmp(first, again) != 0) {
		fprintf(stderr, "round trip failed:\n  input   %.*s\n  printed %s\n  again   %s\n",
		        (int)(size - 1), (const char *)data + 1, first, again ? again : "(refused)");
		abort();
	}
	free(again);
	free(first);
	return 0;
}
