/*
 * cli.h - the subcommands, the exit statuses they share, and the one option parser every
 * subcommand uses (cli.c, over getopt_long).
 *
 * Each subcommand lives in the module of its job (cmd_lint in lint.c, cmd_run in run.c, the
 * commands on saved checks in cmd_records.c, ...) and returns an exit status; only main.c
 * exits. argv[0] of a subcommand is its name.
 */
#ifndef BACKCHECK_CLI_H
#define BACKCHECK_CLI_H

#include <stddef.h>
#include <stdio.h>

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

/* What every --version prints: the version, then the licence line. */
#define CLI_VERSION_TEXT \
	"backcheck " BACKCHECK_VERSION "\n" \
	"Licence GPL-3.0-or-later <https://www.gnu.org/licenses/gpl-3.0.html>: you may change and " \
	"share it; there is NO WARRANTY.\n"

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
int cmd_verify(int argc, char **argv);
int cmd_batch(int argc, char **argv);

/* --- Options ------------------------------------------------------------------------------ */

/*
 * One option of a subcommand. An option with arg (its value's name in the help, "FILE") stores
 * its value as a const char * (borrowed from argv) at offset in the command's options struct;
 * when arg lists words in lower case ("text|json", "fhir") the value must be one of them (an
 * arg in capitals, "FILE" or "PATH|ID", names a value of any kind). An option without arg
 * is a flag and sets the bool at offset. No option may be given twice: none is a list.
 */
struct cli_option {
	const char *name;
	/* The short form (-q), or 0. */
	char letter;
	size_t offset;
	const char *arg;
	const char *help;
};

/* A subcommand's options (ending with a row whose name is NULL) and its help. -h and --help
 * are added to every command. */
struct cli_command {
	const char *name;
	/* After "Usage: backcheck NAME ": "[OPTION]... ID". */
	const char *synopsis;
	/* One or two lines under the usage: what the command does. */
	const char *about;
	const struct cli_option *options;
	/* At most this many arguments that are not options. */
	size_t max_args;
};

/* The statuses every command may end with, as the help prints them (the README's table). */
extern const char cli_exit_help[];

/* Parsing is over: the caller returns this status (0 after the help, 64 after an error). */
enum { CLI_GO_ON = -1 };

/*
 * Parses argv (argc entries; argv[0] is the command's name) into out by c's table. Options and
 * arguments may come in any order ("--" ends the options); getopt_long reorders argv so that
 * the arguments end up in argv[*first..argc). Returns CLI_GO_ON, or EXIT_OK after printing the
 * help (-h, --help), or EXIT_USAGE after printing what is wrong ("unknown option '--fromat';
 * did you mean '--format'?", "option '--format' is given twice", "--format must be text or
 * json, not 'xml'", "unexpected argument 'x'") and where to find help.
 */
int cli_parse(const struct cli_command *c, int argc, char **argv, void *out, int *first);

/* Prints c's help: usage, about, every option, the exit statuses. Fits 24 lines of 80. */
void cli_help(const struct cli_command *c, FILE *out);

/* Prints "backcheck NAME: MESSAGE" and the line naming the command's help; returns 64. */
int cli_usage_error(const struct cli_command *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
