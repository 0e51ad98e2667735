/*
 * verify.h - `backcheck verify`: proves a questionnaire's logic over every combination of
 * answers its asking conditions allow (docs/verify.md).
 *
 * The checks: each `properties` entry; every rule can decide (else the rules that shadow it
 * are named); every outcome is reachable; every item can be asked; every advice note can
 * appear; no two notes of a `conflicts` pair appear together; and the person's text of a
 * result at alert severity (urgent and above) quotes no rule of a lower tier and no other
 * rule's action. One line per check goes to out; each counter-example is an answers file.
 */
#ifndef BACKCHECK_VERIFY_H
#define BACKCHECK_VERIFY_H

#include <stdbool.h>
#include <stdio.h>

struct questionnaire;

struct verify_opts {
	/* Where counter-examples go, one answers file each (created when missing); NULL: printed
	 * under the failed check's line. */
	const char *outdir;
	/* The most sets of answers one check may look at (0: the default). */
	long budget;
	/* Stop after the first check that fails (the others are not run). */
	bool is_first;
};

struct verify_summary {
	int checks;
	int failed;
	/* Checks that tried sample values instead of every value. */
	int sampled;
	/* Counter-example files written. */
	int written;
};

/*
 * Runs every check on q (borrowed) and writes one line per check to out. Returns 0 when every
 * check holds, 1 when one failed, -1 when a counter-example could not be written (the reason
 * printed on standard error). Fills *sum.
 */
int verify_run(const struct questionnaire *q, const struct verify_opts *o, FILE *out,
               struct verify_summary *sum);

/*
 * `verify --against OLD`: whether q (borrowed) gives the same outcome as old, another version
 * of it with the same items, derived values and asking conditions, for every combination of
 * answers. Writes one line to out (and the counter-example of a difference, named against).
 * Returns 0 when the outcomes are the same, 1 when they differ (or cannot be compared, or the
 * search was cut short), -1 when the counter-example could not be written. Fills *sum.
 */
int verify_compare(const struct questionnaire *old, const struct questionnaire *q,
                   const struct verify_opts *o, FILE *out, struct verify_summary *sum);

#endif
