# tests/shtest.sh - what the shell test programs (tests/test_*.sh) share. Each test is a
# function run in a subshell; `t NAME` runs test_NAME and prints a cmocka-style line, and
# `t_done` prints cmocka's closing lines, which tests/run-tests counts, and exits with the
# number of failures. A test fails by returning non-zero or through `fail MESSAGE`, which
# ends the test's subshell at once.
#
# BUILD (from make) names the variant's folder; BIN is its backcheck.
set -u
cd "$(dirname "$0")/.." || exit 99
BUILD=${BUILD:-build/debug}
BIN=$PWD/$BUILD/backcheck
export LANG=C.UTF-8 LC_ALL=C.UTF-8
t_passed=0
t_failed=0

fail() {
	printf '%s\n' "$*" >&2
	exit 1
}

# expect_eq WHAT ACTUAL EXPECTED: fails showing both when they differ.
expect_eq() {
	[ "$2" = "$3" ] && return 0
	fail "$1: got" "$(printf '\n%s' "$2")" "
--- expected" "$(printf '\n%s' "$3")"
}

t() {
	local log
	log=$(mktemp)
	if ("test_$1") >"$log" 2>&1; then
		echo "[       OK ] $1"
		t_passed=$((t_passed + 1))
	else
		echo "[  FAILED  ] $1"
		sed 's/^/    /' "$log"
		t_failed=$((t_failed + 1))
	fi
	rm -f "$log"
}

t_done() {
	echo "[==========] $((t_passed + t_failed)) test(s) run."
	echo "[  PASSED  ] $t_passed test(s)."
	[ "$t_failed" -eq 0 ] || echo "[  FAILED  ] $t_failed test(s), listed above."
	exit "$t_failed"
}
