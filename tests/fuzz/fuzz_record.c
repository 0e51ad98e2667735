/* fuzz_record.c - any bytes as a saved record: the reader, then every view of it (history,
 * show, compare with itself, the answers file and the JSON export). */
#include "fuzz.h"

#include "arena.h"
#include "diag.h"
#include "history.h"
#include "store.h"

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct diag *d = diag_new();
	struct store_record r[2];
	if (store_record_parse(a, d, "records/20261128-091530.yaml", "20261128-091530",
	                       (const char *)data, size, &r[0]) == 0) {
		const struct questionnaire *q = fuzz_questionnaire("questionnaires/example.yaml");
		r[1] = r[0];
		FILE *out = fuzz_sink();
		history_list_text(r, 2, false, 60, out);
		history_show_text(&r[0], q, 0, 60, out);
		history_show_text(&r[0], NULL, 0, 60, out);
		store_yaml_answers(&r[0], out);
		history_compare_text(&r[0], &r[1], q, 0, out);
		store_json_export(r, 2, out);
	}
	diag_print(d, fuzz_sink());
	diag_free(d);
	arena_free(a);
	return 0;
}
