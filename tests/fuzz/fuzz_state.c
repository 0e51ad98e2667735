/*
 * fuzz_state.c - any bytes as the saved check in progress (STATE/QID.yaml) of the engine's
 * test questionnaire: read as `backcheck resume` reads it, then its answers applied to a new
 * run. The reader and the applier are static in store_session.c, so this target includes that
 * file whole (and its build leaves store_session.o out); an unreadable state is set aside
 * inside a private temporary folder, emptied after each input.
 */
#include "fuzz.h"

#include "../../src/store_session.c"

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

int FUZZ_ENTRY(const uint8_t *data, size_t size)
{
	const struct questionnaire *q = fuzz_questionnaire("tests/data/engine/basic.yaml");
	struct session s = { .q = q, .a = arena_new(), .d = diag_new() };
	s.dirs.state = state_dir();
	snprintf(s.state_name, sizeof s.state_name, "%s.yaml", q->id);
	char *path = store_path(s.dirs.state, s.state_name);
	FILE *f = fopen(path, "wb");
	if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	free(path);
	FILE *saved = stderr;
	stderr = fuzz_sink();
	const struct ynode *st = read_state(&s);
	if (st != NULL) {
		struct engine *e = engine_new(q, 0);
		resume(&s, e, st);
		engine_decide_partial(e);
		engine_free(e);
	}
	stderr = saved;
	empty(s.dirs.state);
	diag_free(s.d);
	arena_free(s.a);
	return 0;
}
