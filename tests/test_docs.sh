#!/usr/bin/env bash
# tests/test_docs.sh - the manual page (docs/backcheck.1) against the program: the same
# commands, the same options for each command (read from `backcheck COMMAND --help` and from
# the page, so that a new option on either side fails here until the other has it), the same
# version; the page renders without a warning; --help and --version write only to stdout.
. "$(dirname "$0")/shtest.sh"
MAN=docs/backcheck.1

# The commands `backcheck --help` lists, one a line, sorted.
help_commands() {
	"$BIN" --help | awk '/^Commands:/ { on = 1; next } on && /^$/ { exit }
		on && /^  [^ ]/ { print $1 }' | sort
}

# The commands the page has a section for.
man_commands() {
	sed 's/\\-/-/g' "$MAN" | sed -n 's/^\.SS "backcheck \([a-z][a-z-]*\).*/\1/p' | sort
}

# Option names (-x, --long) in text, without -h and --help (every command has them; the page
# says so once, under OPTIONS), sorted and unique.
option_names() {
	grep -oE '(^|[][ ,|])--?[A-Za-z][A-Za-z0-9-]*' | sed 's/^[][ ,|]//' |
		grep -vxE -- '-h|--help' | sort -u
}

# The options in COMMAND's --help: its usage lines and its option lines.
help_options() {
	"$BIN" "$1" --help | grep -E '^Usage:|^[[:space:]]+[-[]' | sed 's/^Usage: backcheck [a-z-]*//' |
		option_names
}

# The options of COMMAND's section of the page: the tag line of every .TP.
man_options() {
	awk -v cmd="$1" '/^\.S[SH] / { on = index($0, ".SS \"backcheck " cmd " ") == 1 ||
			$0 == ".SS \"backcheck " cmd "\""; prev = ""; next }
		on && prev == ".TP" { print }
		{ prev = $0 }' <(sed 's/\\-/-/g' "$MAN") | sed 's/\\f[BIRP]//g; s/^\.[BIR]*[ ]*//; s/"//g' |
		option_names
}

test_every_command_has_a_section() {
	expect_eq "commands in --help (left) and $MAN (right; one .SS \"backcheck NAME ...\" each)" \
		"$(diff <(help_commands) <(man_commands))" ""
	[ "$(help_commands | wc -l)" -ge 9 ] || fail "too few commands read from --help"
}

test_every_command_has_the_same_options() {
	local cmd out=""
	for cmd in $(help_commands); do
		# `backcheck help --help` is the top-level help, checked under OPTIONS.
		[ "$cmd" != help ] || continue
		d=$(diff <(help_options "$cmd") <(man_options "$cmd") | grep '^[<>]' |
			sed 's/^</  only in --help:/; s/^>/  only in backcheck.1:/')
		[ -z "$d" ] || out+="$cmd:"$'\n'"$d"$'\n'
	done
	expect_eq "options of each command (each needs a .TP entry in its section of $MAN)" "$out" ""
	# The reading itself works: run's options are all there.
	expect_eq "run's options" "$(help_options run | tr '\n' ' ')" \
		"$(man_options run | tr '\n' ' ')"
	help_options run | grep -qx -- '--answers' || fail "--answers not read from run --help"
	help_options run | grep -qx -- '-q' || fail "-q not read from run --help"
}

test_help_and_version_are_in_help_and_page() {
	"$BIN" --help | grep -qE '^  (-h, )?--help ' || fail "--help not in backcheck --help"
	"$BIN" --help | grep -qE '^  --version ' || fail "--version not in backcheck --help"
	awk '/^\.SH OPTIONS/ { on = 1; next } /^\.SH/ { on = 0 } on' "$MAN" | sed 's/\\-/-/g' >"$TMPDIR_T/opts"
	grep -qE '^\.BR? (-h ", " )?--help$' "$TMPDIR_T/opts" || fail "--help not under OPTIONS in backcheck.1"
	grep -qx '.B --version' "$TMPDIR_T/opts" || fail "--version not under OPTIONS in backcheck.1"
}

test_version_is_the_page_version_and_has_the_licence() {
	local v
	v=$("$BIN" --version)
	expect_eq "backcheck --version" "$(printf '%s\n' "$v" | sed -n 2p)" \
		"Licence GPL-3.0-or-later <https://www.gnu.org/licenses/gpl-3.0.html>: you may change and share it; there is NO WARRANTY."
	expect_eq "lines of --version" "$(printf '%s\n' "$v" | wc -l)" 2
	expect_eq "version in .TH" "$(sed -n 's/^\.TH BACKCHECK 1 [0-9-]* "\(backcheck [^"]*\)".*/\1/p' "$MAN")" \
		"$(printf '%s\n' "$v" | head -n 1)"
	expect_eq "run --version" "$("$BIN" run --version)" "$v"
	expect_eq "lint --version" "$("$BIN" lint --version)" "$v"
}

test_help_writes_only_to_stdout() {
	local cmd
	for cmd in "" $(help_commands); do
		# shellcheck disable=SC2086
		"$BIN" $cmd --help >"$TMPDIR_T/out" 2>"$TMPDIR_T/err" || fail "backcheck $cmd --help: exit $?"
		[ -s "$TMPDIR_T/out" ] || fail "backcheck $cmd --help wrote nothing to stdout"
		expect_eq "stderr of backcheck $cmd --help" "$(cat "$TMPDIR_T/err")" ""
	done
}

test_page_renders_without_warnings() {
	command -v man >/dev/null || fail "man is not installed (make deps installs man-db)"
	local w
	w=$(MANWIDTH=80 man --warnings -l "$MAN" 2>&1 >"$TMPDIR_T/page")
	expect_eq "warnings from man --warnings -l" "$w" ""
	grep -q '^EXIT STATUS' "$TMPDIR_T/page" || fail "no EXIT STATUS section"
	grep -qE '^ +130 +interrupted by the person' "$TMPDIR_T/page" || fail "exit status table"
	# Every status in the README's table is in the page's.
	local s
	for s in $(sed -n 's/^| \([0-9][0-9]*\) | .*/\1/p' README.md); do
		grep -qE "^ +$s " "$TMPDIR_T/page" || fail "exit status $s is not in backcheck.1"
	done
}

TMPDIR_T=$(mktemp -d)
trap 'rm -rf "$TMPDIR_T"' EXIT
t every_command_has_a_section
t every_command_has_the_same_options
t help_and_version_are_in_help_and_page
t version_is_the_page_version_and_has_the_licence
t help_writes_only_to_stdout
t page_renders_without_warnings
t_done
