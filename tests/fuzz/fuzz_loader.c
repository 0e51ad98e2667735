/* fuzz_loader.c - any bytes as a questionnaire file: the YAML adapter, the loader and lint's
 * checks must report or accept, never crash, hang or leak. */
#include "fuzz.h"

#include "diag.h"
#include "loader.h"

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	struct diag *d = diag_new();
	struct questionnaire *q = loader_load_string("fuzz.yaml", (const char *)data, size, d);
	diag_print(d, fuzz_sink());
	questionnaire_free(q);
	diag_free(d);
	return 0;
}
