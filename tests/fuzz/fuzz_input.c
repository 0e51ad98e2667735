/* fuzz_input.c - what a person types at the interview: the first byte picks the item of the
 * engine's test questionnaire, the rest is the line. engine_parse must accept it (and the
 * value then passes engine_check and engine_set) or give a message, never crash. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "model.h"
#include "xalloc.h"

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	const struct questionnaire *q = fuzz_questionnaire("tests/data/engine/basic.yaml");
	size_t item = data[0] % q->nitems;
	char *line = xalloc_strndup((const char *)data + 1, size - 1);
	struct engine *e = engine_new(q, 0);
	char msg[256];
	struct value v;
	if (engine_parse(e, item, line, &v, msg, sizeof msg) == 0) {
		if (engine_check(e, item, v, msg, sizeof msg) != 0)
			__builtin_trap();
		engine_set(e, item, v);
		(void)engine_answer_text(e, item, engine_answer(e, item));
		engine_decide_partial(e);
	}
	engine_free(e);
	free(line);
	return 0;
}
