/*
 * killwriter - writes records through the store for ever, to be killed with SIGKILL by
 * test_store's kill test.
 *
 * Usage: killwriter DIR START
 * Loops: replaces one of KW_SLOTS fixed records (ids 20260101-00000K) with generation START,
 * START+1, ..., and every fourth time saves a new record. Every record is a self-checking
 * text of varying length (a few bytes to 192 KiB) ending in its checksum. After each write
 * returns it prints "slot K GEN" or "new ID" on standard output, so the test knows what must
 * have survived. Never returns on its own unless a write fails (exit 1).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomic.h"
#include "diag.h"
#include "store.h"

enum { KW_SLOTS = 4, KW_MAX_FILL = 192 * 1024 };

/* FNV-1a over the text before the checksum line; test_store computes the same. */
static uint32_t fnv(const char *p, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 16777619u;
	return h;
}

/* Builds the record text for generation gen into buf; returns its length. */
static size_t make_text(char *buf, size_t cap, unsigned long gen, unsigned seed)
{
	size_t fill = (size_t)(seed * 2654435761u) % KW_MAX_FILL;
	int n = snprintf(buf, cap, "format: killwriter\ngeneration: %lu\nfill: \"", gen);
	size_t len = (size_t)n;
	for (size_t i = 0; i < fill; i++)
		buf[len++] = (char)('a' + (gen + i) % 26);
	len += (size_t)snprintf(buf + len, cap - len, "\"\n");
	uint32_t h = fnv(buf, len);
	len += (size_t)snprintf(buf + len, cap - len, "checksum: %08x\n", h);
	return len;
}

static void say(const char *line)
{
	size_t n = strlen(line);
	if (write(1, line, n) != (ssize_t)n)
		_exit(1);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fputs("usage: killwriter DIR START\n", stderr);
		return 2;
	}
	const char *dir = argv[1];
	unsigned long gen = strtoul(argv[2], NULL, 10);
	char *buf = malloc(KW_MAX_FILL + 256);
	struct diag *d = diag_new();
	char line[96], id[STORE_ID_MAX];
	if (buf == NULL || d == NULL)
		return 1;
	say("ready\n");
	for (unsigned i = 0;; i++, gen++) {
		size_t len = make_text(buf, KW_MAX_FILL + 256, gen, i + (unsigned)gen);
		snprintf(line, sizeof line, "20260101-00000%u.yaml", i % KW_SLOTS);
		if (atomic_write(dir, line, buf, len, ATOMIC_REPLACE, d) != 0)
			break;
		snprintf(line, sizeof line, "slot %u %lu\n", i % KW_SLOTS, gen);
		say(line);
		if (i % 4 != 3)
			continue;
		if (store_save_new(dir, (time_t)(1800000000 + gen), buf, len, id, d) != 0)
			break;
		snprintf(line, sizeof line, "new %s\n", id);
		say(line);
	}
	diag_print(d, stderr);
	diag_free(d);
	free(buf);
	return 1;
}
