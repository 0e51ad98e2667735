/*
 * fuzz_state.c - any bytes as the saved check in progress (STATE/QID.yaml) of the engine's
 * test questionnaire, read by store_state_read as `backcheck resume` reads it; its answers are
 * then typed into a new run one by one, as a resumed check applies them (engine_parse, the
 * path fuzz_input covers from the keyboard). The file is written in a private temporary folder
 * (in /dev/shm when there is one), emptied after each input.
 */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "answers.h"
#include "arena.h"
#include "diag.h"
#include "engine.h"
#include "model.h"
#include "store.h"

#include <dirent.h>

static char *state_dir(void)
{
	static char dir[64];
	if (dir[0] == '\0') {
		const char *shm = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(dir, sizeof dir, "%s/fuzz_state.XXXXXX", shm);
		if (mkdtemp(dir) == NULL)
			abort();
	}
	return dir;
}

static void empty(const char *dir)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return;
	for (struct dirent *e; (e = readdir(d)) != NULL;)
		if (e->d_name[0] != '.' || (e->d_name[1] != '\0' && e->d_name[1] != '.'))
			unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
}

/* Each saved answer that names an item and is a scalar, typed in as a person would. */
static void apply(const struct questionnaire *q, const struct answers_list *answers)
{
	struct engine *e = engine_new(q, 0);
	for (size_t k = 0; k < answers->n; k++) {
		const struct item *it = model_item(q, answers->v[k].id);
		const struct answers_value *v = &answers->v[k].value;
		char msg[256];
		struct value val;
		if (it != NULL && v->shape == ANSWERS_ONE &&
		    engine_parse(e, (size_t)(it - q->items), v->text, &val, msg, sizeof msg) == 0)
			engine_set(e, (size_t)(it - q->items), val);
	}
	engine_decide_partial(e);
	engine_free(e);
}

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	const struct questionnaire *q = fuzz_questionnaire("tests/data/engine/basic.yaml");
	const char *dir = state_dir();
	char name[300];
	snprintf(name, sizeof name, "%s.yaml", q->id);
	char *path = store_path(dir, name);
	FILE *f = fopen(path, "wb");
	if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	free(path);
	struct arena *a = arena_new();
	struct diag *d = diag_new();
	struct store_state st;
	if (store_state_read(a, dir, q->id, &st, d) == 0)
		apply(q, st.answers);
	diag_print(d, fuzz_sink());
	empty(dir);
	diag_free(d);
	arena_free(a);
	return 0;
}
