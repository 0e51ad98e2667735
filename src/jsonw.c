/*
 * jsonw.c - the JSON writers' shared pieces (jsonw_int.h): one way to make a string, a number
 * and a finished document, for the result, FHIR and the store's JSON alike.
 */
#include "jsonw_int.h"

#include <math.h>
#include <stdlib.h>

#include "xalloc.h"

json_t *jsonw_str(const char *s)
{
	json_t *j = json_string(s != NULL ? s : "");
	if (j != NULL)
		return j;
	char *copy = xalloc_strdup(s);
	for (char *p = copy; *p != '\0'; p++)
		if ((unsigned char)*p >= 0x80)
			*p = '?';
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
