/* fuzz_answers.c - any bytes as an answers file (run --answers) for the engine's test
 * questionnaire (every item type), then the decision and both renderings. */
#include "fuzz.h"

#include "answers.h"
#include "diag.h"
#include "engine.h"
#include "render.h"

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	const struct questionnaire *q = fuzz_questionnaire("tests/data/engine/basic.yaml");
	struct engine *e = engine_new(q, 0);
	struct diag *d = diag_new();
	if (answers_load_string(e, "answers.yaml", (const char *)data, size, d) == 0) {
		const struct engine_result *r = engine_decide_partial(e);
		render_text(fuzz_sink(), e, r, 60);
		render_json(fuzz_sink(), e, r);
	}
	diag_print(d, fuzz_sink());
	diag_free(d);
	engine_free(e);
	return 0;
}
