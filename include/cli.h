/*
 * cli.h - the subcommands and the exit statuses they share.
 *
 * Each subcommand lives in its own module (cmd_lint in lint.c, cmd_run in run.c, ...) and
 * returns an exit status; only main.c exits. argv[0] of a subcommand is its name.
 */
#ifndef BACKCHECK_CLI_H
#define BACKCHECK_CLI_H

/* Exit statuses (sysexits.h and the shell's signal convention), one table in the README. */
enum {
	EXIT_OK = 0,
	EXIT_USAGE = 64,
	EXIT_DATAERR = 65,
	EXIT_NOINPUT = 66,
	EXIT_SOFTWARE = 70,
	EXIT_IOERR = 74,
	EXIT_TEMPFAIL = 75,
	EXIT_SIGHUP = 129,
	EXIT_INTERRUPTED = 130,
	EXIT_SIGTERM = 143,
};

int cmd_lint(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_delete(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_resume(int argc, char **argv);
int cmd_recheck(int argc, char **argv);
int cmd_export_questionnaire(int argc, char **argv);

#endif
