/* test_xalloc.c - the one allocator: the failure hook, the one out-of-memory path, overflow. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"
#include "xalloc.h"

/* The handler leaves the failing call by longjmp, as a test may (main.c's exits instead). */
static jmp_buf back;
static int handled;

static _Noreturn void jump_back(void)
{
	handled++;
	longjmp(back, 1);
}

/* Runs fn with the handler installed and stderr sent to /dev/null; 1 when the handler ran. */
static int dies(void (*fn)(void))
{
	fflush(stderr);
	int saved = dup(2);
	FILE *null = freopen("/dev/null", "w", stderr);
	assert_non_null(null);
	handled = 0;
	xalloc_on_failure(jump_back);
	if (setjmp(back) == 0)
		fn();
	xalloc_on_failure(NULL);
	xalloc_fail_at(0);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	return handled;
}

static void third_of_three(void)
{
	xalloc_fail_at(3);
	void *a = xalloc(8);
	free(a);
	char *b = xalloc_strdup("kept");
	free(b);
	(void)xalloc_array(2, 8);
	fail_msg("the third allocation should not have returned");
}

static void test_xalloc_fail_at_third_allocation(void **state)
{
	(void)state;
	unsigned long before = xalloc_count();
	assert_int_equal(dies(third_of_three), 1);
	assert_int_equal(xalloc_count() - before, 3);
}

/* The arena of arena_second(), freed by the test after the jump (LeakSanitizer checks). */
static struct arena *jumped_arena;

static void arena_second(void)
{
	jumped_arena = arena_new();
	xalloc_fail_at(1);
	(void)arena_alloc(jumped_arena, 64);
	fail_msg("the arena's block allocation should have failed");
}

static void test_xalloc_arena_uses_the_one_path(void **state)
{
	(void)state;
	assert_int_equal(dies(arena_second), 1);
	arena_free(jumped_arena);
}

/* An arena past 1 MiB takes its next block as huge pages, through the same hook. */
static void arena_huge_block(void)
{
	jumped_arena = arena_new();
	for (int i = 0; i < 64; i++)
		(void)arena_alloc(jumped_arena, 16 * 1024);
	assert_int_equal(arena_used(jumped_arena), 1024 * 1024);
	xalloc_fail_at(1);
	(void)arena_alloc(jumped_arena, 100);
	fail_msg("the arena's huge block allocation should have failed");
}

static void test_xalloc_arena_huge_block_uses_the_one_path(void **state)
{
	(void)state;
	assert_int_equal(dies(arena_huge_block), 1);
	arena_free(jumped_arena);
}

/* 6 MiB in pieces of every size up to 5000 bytes, across the switch to huge blocks and a
 * piece larger than one: each piece zeroed, aligned, and still holding what was written. */
static void test_xalloc_arena_grows_past_huge_blocks(void **state)
{
	(void)state;
	enum { PIECES = 2400 };
	struct arena *a = arena_new();
	unsigned char **p = xalloc_array(PIECES, sizeof *p);
	size_t total = 0;
	for (size_t i = 0; i < PIECES; i++) {
		size_t n = i == PIECES / 2 ? 3u << 20 : 1 + i * 7 % 5000;
		p[i] = arena_alloc(a, n);
		assert_int_equal((uintptr_t)p[i] % _Alignof(max_align_t), 0);
		for (size_t k = 0; k < n; k++)
			assert_int_equal(p[i][k], 0);
		memset(p[i], (int)(i % 251) + 1, n);
		total += n;
	}
	for (size_t i = 0; i < PIECES; i++) {
		size_t n = i == PIECES / 2 ? 3u << 20 : 1 + i * 7 % 5000;
		assert_int_equal(p[i][0], i % 251 + 1);
		assert_int_equal(p[i][n - 1], i % 251 + 1);
	}
	assert_true(total > 6u << 20);
	free(p);
	arena_free(a);
}

/* An arena that expects 256 KiB or more starts in a huge block: its first piece lies just
 * past the header of a block aligned to a huge page, zeroed; one that expects less starts
 * like arena_new() and still switches past 1 MiB. */
static void test_xalloc_arena_expecting_much_starts_huge(void **state)
{
	(void)state;
	struct arena *a = arena_new_expecting(256 * 1024);
	unsigned char *p = arena_alloc(a, 100);
	assert_in_range((uintptr_t)p % XALLOC_HUGE_PAGE, 1, 64);
	for (size_t k = 0; k < 100; k++)
		assert_int_equal(p[k], 0);
	for (int i = 0; i < 300; i++)
		memset(arena_alloc(a, 16 * 1024), 1, 16 * 1024);
	assert_int_equal(arena_used(a), 112 + 300 * 16 * 1024);
	arena_free(a);
	a = arena_new_expecting(256 * 1024 - 1);
	for (int i = 0; i < 64; i++)
		(void)arena_alloc(a, 16 * 1024);
	p = arena_alloc(a, 100);
	assert_in_range((uintptr_t)p % XALLOC_HUGE_PAGE, 1, 64);
	arena_free(a);
}

static void overflow(void)
{
	(void)xalloc_resize(NULL, SIZE_MAX / 2, 4);
	fail_msg("an overflowing size should have failed");
}

static void test_xalloc_resize_overflow_dies(void **state)
{
	(void)state;
	assert_int_equal(dies(overflow), 1);
}

static void test_xalloc_off_never_fails(void **state)
{
	(void)state;
	xalloc_fail_at(0);
	for (int i = 0; i < 100; i++)
		free(xalloc(1));
	char *s = xalloc_strndup("abcdef", 3);
	assert_string_equal(s, "abc");
	free(s);
	assert_null(xalloc_strdup(NULL));
	void *z = xalloc_array(0, 0);
	assert_non_null(z);
	free(z);
}

/* The one growing array: capacity starts at first, doubles until need fits, keeps what was
 * there, and does not move when there is room; the arena's copy keeps the old array. */
static void test_xalloc_grow_doubles_and_keeps(void **state)
{
	(void)state;
	int *v = NULL;
	size_t cap = 0;
	for (int i = 0; i < 100; i++) {
		v = xalloc_grow(v, &cap, (size_t)i + 1, 4, sizeof *v);
		v[i] = i * 3;
	}
	assert_int_equal(cap, 128);
	for (int i = 0; i < 100; i++)
		assert_int_equal(v[i], i * 3);
	int *same = xalloc_grow(v, &cap, 128, 4, sizeof *v);
	assert_ptr_equal(same, v);
	v = xalloc_grow(v, &cap, 1000, 4, sizeof *v);
	assert_int_equal(cap, 1024);
	assert_int_equal(v[99], 297);
	free(v);
	assert_int_equal(xalloc_grown(0, 1, 8), 8);
	assert_int_equal(xalloc_grown(8, 9, 8), 16);
	assert_int_equal(xalloc_grown(0, 40, 16), 64);

	struct arena *a = arena_new();
	size_t acap = 0;
	int *old = arena_grow(a, NULL, 0, &acap, 1, 2, sizeof *old);
	assert_int_equal(acap, 2);
	old[0] = 7;
	old[1] = 8;
	int *grown = arena_grow(a, old, 2, &acap, 3, 2, sizeof *grown);
	assert_int_equal(acap, 4);
	assert_true(grown != old);
	assert_int_equal(grown[0], 7);
	assert_int_equal(grown[1], 8);
	assert_int_equal(grown[2], 0);
	assert_int_equal(old[1], 8);
	arena_free(a);
}

static void grow_overflow(void)
{
	size_t cap = SIZE_MAX / 2 + 1;
	(void)xalloc_grown(cap, SIZE_MAX, 1);
	fail_msg("an overflowing capacity should have failed");
}

static void test_xalloc_grow_overflow_dies(void **state)
{
	(void)state;
	assert_int_equal(dies(grow_overflow), 1);
}

/* The message of the one path, written to a pipe in a child that aborts (no handler). */
static void test_xalloc_die_message_and_abort(void **state)
{
	(void)state;
	int fd[2];
	assert_int_equal(pipe(fd), 0);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		signal(SIGABRT, SIG_DFL);
		dup2(fd[1], 2);
		xalloc_fail_at(1);
		(void)xalloc(1);
		_exit(0);
	}
	close(fd[1]);
	char buf[128] = { 0 };
	ssize_t n = read(fd[0], buf, sizeof buf - 1);
	close(fd[0]);
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(n > 0);
	assert_string_equal(buf, "backcheck: out of memory\n");
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGABRT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xalloc_fail_at_third_allocation),
		cmocka_unit_test(test_xalloc_arena_uses_the_one_path),
		cmocka_unit_test(test_xalloc_arena_huge_block_uses_the_one_path),
		cmocka_unit_test(test_xalloc_arena_grows_past_huge_blocks),
		cmocka_unit_test(test_xalloc_arena_expecting_much_starts_huge),
		cmocka_unit_test(test_xalloc_resize_overflow_dies),
		cmocka_unit_test(test_xalloc_off_never_fails),
		cmocka_unit_test(test_xalloc_grow_doubles_and_keeps),
		cmocka_unit_test(test_xalloc_grow_overflow_dies),
		cmocka_unit_test(test_xalloc_die_message_and_abort),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
