/*
 * bench/measure.c - runs a command N times (standard input /dev/null, standard output
 * discarded) and prints the fastest run's wall time in microseconds and the largest peak
 * resident size in KiB, the least CPU time (user + system) in microseconds and the fewest
 * page faults (minor: fresh pages and pages mapped from the page cache):
 * "WALL_US KIB CPU_US FAULTS". CPU time is the figure to compare on a busy machine; the page
 * faults hardly move with the load, and each costs several microseconds of CPU time (about
 * 15 on the shared virtual machine of docs/performance.md). Exits 1 when a run fails.
 *
 *   measure [-k] N COMMAND [ARG]...
 *
 * -k keeps the standard input and output (an interview on a pseudo-terminal): the figures are
 * then the last line written. The command runs in a fresh child, so its peak is its own.
 */
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

int main(int argc, char **argv)
{
	int keep = argc > 1 && argv[1][0] == '-' && argv[1][1] == 'k';
	argc -= keep;
	argv += keep;
	if (argc < 3)
		return 2;
	int n = atoi(argv[1]);
	long long best = -1, best_cpu = -1, best_faults = -1;
	long peak = 0;
	for (int i = 0; i < n; i++) {
		long long start = now_us();
		pid_t pid = fork();
		if (pid == 0 && keep) {
			execvp(argv[2], argv + 2);
			_exit(127);
		}
		if (pid == 0) {
			int null = open("/dev/null", O_RDWR);
			dup2(null, 0);
			dup2(null, 1);
			execvp(argv[2], argv + 2);
			_exit(127);
		}
		int status;
		struct rusage ru;
		if (pid < 0 || wait4(pid, &status, 0, &ru) < 0)
			return 1;
		long long us = now_us() - start;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "measure: %s failed (status %d)\n", argv[2], status);
			return 1;
		}
		if (best < 0 || us < best)
			best = us;
		long long cpu = ru.ru_utime.tv_sec * 1000000LL + ru.ru_utime.tv_usec +
		                ru.ru_stime.tv_sec * 1000000LL + ru.ru_stime.tv_usec;
		if (best_cpu < 0 || cpu < best_cpu)
			best_cpu = cpu;
		if (best_faults < 0 || ru.ru_minflt < best_faults)
			best_faults = ru.ru_minflt;
		if (ru.ru_maxrss > peak)
			peak = ru.ru_maxrss;
	}
	printf("%lld %ld %lld %lld\n", best, peak, best_cpu, best_faults);
	return 0;
}
