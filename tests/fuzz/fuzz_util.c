/* fuzz_util.c - the questionnaire and the output sink the fuzz targets share (fuzz.h). */
#include "fuzz.h"

#include <stdlib.h>

#include "diag.h"
#include "loader.h"

const struct questionnaire *fuzz_questionnaire(const char *path)
{
	static struct {
		const char *path;
		struct questionnaire *q;
	} cache[4];
	for (size_t i = 0; i < 4 && cache[i].path != NULL; i++)
		if (cache[i].path == path)
			return cache[i].q;
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_file(path, d, NULL);
	if (q == NULL) {
		diag_print(d, stderr);
		abort();
	}
	diag_free(d);
	for (size_t i = 0; i < 4; i++)
		if (cache[i].path == NULL) {
			cache[i].path = path;
			cache[i].q = q;
			break;
		}
	return q;
}

FILE *fuzz_sink(void)
{
	static FILE *sink;
	if (sink == NULL)
		sink = fopen("/dev/null", "w");
	if (sink == NULL)
		abort();
	return sink;
}
