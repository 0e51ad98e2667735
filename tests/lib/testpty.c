/*
 * testpty.c - the test programs' pseudo-terminal harness (testpty.h), on forkpty().
 *
 * The last pty spawned is remembered (a test-only file-static), so that a failed test's child
 * is killed and its buffer freed by tl_pty_cleanup() in the teardown.
 */
#define _GNU_SOURCE /* setresuid, setresgid */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "testpty.h"
#include "testlib.h"

/* Generous: the sanitizer build under a loaded machine is slow, and a deadline that passes
 * is a failure, never a retry. */
enum { DEADLINE_MS = 20000 };

static struct tl_pty *current;

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* In the child: what o asks for. A step that fails ends the child with a message on the
 * terminal, which the test's next wait shows. */
static void child_setup(const struct tl_pty_opts *o)
{
	setenv("TERM", "dumb", 1);
	setenv("INPUTRC", "/dev/null", 1);
	/* Readline 8.2 redisplays a long line in horizontal-scroll mode (TERM=dumb) with a
	 * memcmp() that reads past its own buffer; ASan's strict memcmp check aborts on that
	 * library bug. Checking only the bytes memcmp needs keeps the sanitizer build useful. */
	setenv("ASAN_OPTIONS", "strict_memcmp=0", 1);
	tl_child_setup(o->env, o->stdout_path, o->has_fsize, o->fsize);
	if (o->is_nobody && geteuid() == 0 &&
	    (setgroups(0, NULL) != 0 || setresgid(65534, 65534, 65534) != 0 ||
	     setresuid(65534, 65534, 65534) != 0)) {
		perror("testlib: cannot become user nobody");
		_exit(127);
	}
}

void tl_pty_spawn(struct tl_pty *p, const char *const *args, const struct tl_pty_opts *o)
{
	static const struct tl_pty_opts none;
	if (o == NULL)
		o = &none;
	free(p->buf);
	memset(p, 0, sizeof *p);
	struct winsize ws = { .ws_row = o->rows != 0 ? o->rows : 40,
	                      .ws_col = o->cols != 0 ? o->cols : 80 };
	fflush(NULL);
	p->pid = forkpty(&p->fd, NULL, NULL, &ws);
	if (p->pid < 0)
		fail_msg("cannot start a pseudo-terminal: %s", strerror(errno));
	if (p->pid == 0) {
		child_setup(o);
		const char *bin = o->bin != NULL ? o->bin : tl_binary();
		tl_child_exec(bin, bin, args);
	}
	p->cap = 1 << 16;
	p->buf = malloc(p->cap);
	assert_non_null(p->buf);
	p->buf[0] = '\0';
	current = p;
}

bool tl_pty_read(struct tl_pty *p, int ms)
{
	struct pollfd pf = { .fd = p->fd, .events = POLLIN };
	if (p->is_eof || poll(&pf, 1, ms) <= 0)
		return !p->is_eof;
	if (p->len + 4097 > p->cap) {
		p->cap *= 2;
		p->buf = realloc(p->buf, p->cap);
		assert_non_null(p->buf);
	}
	ssize_t n = read(p->fd, p->buf + p->len, 4096);
	if (n <= 0) {
		p->is_eof = true;
		return false;
	}
	p->len += (size_t)n;
	p->buf[p->len] = '\0';
	return true;
}

void tl_pty_wait(struct tl_pty *p, const char *text)
{
	long end = now_ms() + DEADLINE_MS;
	for (;;) {
		const char *hit = strstr(p->buf + p->mark, text);
		if (hit != NULL) {
			p->mark = (size_t)(hit - p->buf) + strlen(text);
			return;
		}
		if (p->is_eof || now_ms() > end)
			fail_msg("waited for \"%s\"; the terminal shows after the mark:\n%s", text,
			         p->buf + p->mark);
		tl_pty_read(p, 100);
	}
}

/* Where text ends as words in p's buffer from i, or 0 if it is not there. */
static size_t words_end(const struct tl_pty *p, size_t i, const char *text)
{
	size_t k = 0, j = i;
	while (text[k] != '\0' && j < p->len) {
		if (text[k] == ' ' && strncmp(p->buf + j, "\r\n", 2) == 0)
			j += 2, k++;
		else if (text[k] == p->buf[j])
			j++, k++;
		else
			return 0;
	}
	return text[k] == '\0' ? j : 0;
}

void tl_pty_wait_words(struct tl_pty *p, const char *text)
{
	long end = now_ms() + DEADLINE_MS;
	for (;;) {
		for (size_t i = p->mark; i < p->len; i++) {
			size_t j = words_end(p, i, text);
			if (j != 0) {
				p->mark = j;
				return;
			}
		}
		if (p->is_eof || now_ms() > end)
			fail_msg("waited for the words \"%s\"; the terminal shows after the mark:\n%s",
			         text, p->buf + p->mark);
		tl_pty_read(p, 100);
	}
}

void tl_pty_send(struct tl_pty *p, const char *s)
{
	size_t n = strlen(s), off = 0;
	long end = now_ms() + DEADLINE_MS;
	while (off < n) {
		struct pollfd pf = { .fd = p->fd, .events = POLLOUT | POLLIN };
		assert_true(poll(&pf, 1, 100) >= 0);
		if (pf.revents & POLLIN)
			tl_pty_read(p, 0);
		if (pf.revents & POLLOUT) {
			size_t chunk = n - off < 4096 ? n - off : 4096;
			ssize_t w = write(p->fd, s + off, chunk);
			if (w > 0)
				off += (size_t)w;
		}
		if (now_ms() > end)
			fail_msg("could not type \"%s\"; the terminal shows:\n%s", s, p->buf + p->mark);
	}
}

void tl_pty_answer(struct tl_pty *p, const char *line)
{
	tl_pty_wait(p, "> ");
	tl_pty_send(p, line);
	tl_pty_send(p, "\r");
}

void tl_pty_play(struct tl_pty *p, const char *const *script)
{
	static void (*const step[])(struct tl_pty *, const char *) = {
		['>'] = tl_pty_answer, ['='] = tl_pty_wait, ['~'] = tl_pty_wait_words,
		['<'] = tl_pty_send,
	};
	for (size_t k = 0; script[k] != NULL; k++) {
		unsigned char kind = (unsigned char)script[k][0];
		if (kind >= sizeof step / sizeof *step || step[kind] == NULL)
			fail_msg("script step %zu \"%s\" has no kind (> = ~ <)", k, script[k]);
		step[kind](p, script[k] + 1);
	}
}

void tl_pty_play_all(struct tl_pty *p, ...)
{
	va_list ap;
	va_start(ap, p);
	for (const char *const *s; (s = va_arg(ap, const char *const *)) != NULL;)
		tl_pty_play(p, s);
	va_end(ap);
}

int tl_pty_finish(struct tl_pty *p)
{
	long end = now_ms() + DEADLINE_MS;
	while (!p->is_eof && now_ms() < end)
		tl_pty_read(p, 100);
	int status = 0;
	while (waitpid(p->pid, &status, WNOHANG) == 0) {
		if (now_ms() > end) {
			kill(p->pid, SIGKILL);
			waitpid(p->pid, &status, 0);
			fail_msg("the program did not end; the terminal shows:\n%s", p->buf + p->mark);
		}
		usleep(10000);
	}
	struct termios t;
	assert_int_equal(tcgetattr(p->fd, &t), 0);
	assert_true((t.c_lflag & (ICANON | ECHO)) == (ICANON | ECHO));
	close(p->fd);
	p->fd = -1;
	p->pid = 0;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

void tl_pty_free(struct tl_pty *p)
{
	free(p->buf);
	p->buf = NULL;
	if (current == p)
		current = NULL;
}

void tl_pty_cleanup(void)
{
	if (current == NULL)
		return;
	if (current->pid > 0) {
		kill(current->pid, SIGKILL);
		waitpid(current->pid, NULL, 0);
	}
	if (current->fd >= 0)
		close(current->fd);
	tl_pty_free(current);
}
