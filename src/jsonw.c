/*
 * jsonw.c - the JSON writers' shared pieces (jsonw_int.h): one way to make a string, a number
 * and a finished document, for the result, FHIR and the store's JSON alike.
 */
#include "jsonw_int.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "xalloc.h"

json_t *jsonw_str(const char *s)
{
	if (s == NULL)
		s = "";
	json_t *j = json_string(s);
	if (j != NULL)
		return j;
	size_t n = strlen(s);
	char *copy = xalloc(n + 1), *o = copy;
	for (size_t i = 0, k; i < n; i += k) {
		uint32_t cp;
		k = utf8_decode(s + i, n - i, &cp);
		if (k == 0) {
			*o++ = '?';
			k = 1;
			continue;
		}
		memcpy(o, s + i, k);
		o += k;
	}
	*o = '\0';
	j = json_string(copy);
	free(copy);
	return j != NULL ? j : json_string("");
}

json_t *jsonw_num(double x)
{
	if (!isfinite(x))
		return json_integer(0);
	if (x == floor(x) && fabs(x) < 9e15)
		return json_integer((json_int_t)x);
	return json_real(x);
}

int jsonw_print(FILE *out, json_t *j, size_t flags)
{
	char *s = j != NULL ? json_dumps(j, flags) : NULL;
	json_decref(j);
	if (s == NULL)
		return -1;
	fputs(s, out);
	fputc('\n', out);
	free(s);
	return ferror(out) ? -1 : 0;
}
