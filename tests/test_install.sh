#!/usr/bin/env bash
# tests/test_install.sh - `make install` into a temporary DESTDIR: every file in its place, the
# release build (optimised, no sanitizer) whatever VARIANT is, a check run with the installed
# binary from another folder finding its questionnaires (and its German catalogue) by itself,
# also after the installed tree is moved as a whole; `make uninstall` removes every file again.
# The tests build on each other, in order.
. "$(dirname "$0")/shtest.sh"
unset MAKEFLAGS MAKELEVEL MFLAGS BACKCHECK_QUESTIONNAIRES
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# A prefix that exists nowhere, so that the folder compiled in cannot be what is found.
PREFIX=/opt/backcheck-test-$$
ROOT=$TMP/root
TREE=$ROOT$PREFIX
ANSWERS=$PWD/$(ls tests/vignettes/*.yaml | grep -v '\.expect\.yaml$' | head -n 1)
export SOURCE_DATE_EPOCH=1700000000 HOME=$TMP/home

# The result of the check ANSWERS with the backcheck BIN, run from an empty folder.
check_with() {
	mkdir -p "$TMP/elsewhere"
	(cd "$TMP/elsewhere" && "$1" run --answers "$ANSWERS" --format json --no-save)
}

installed() {
	(cd "$ROOT" && find . -type f | sort)
}

test_install_lays_out_every_file() {
	make -s -j2 install VARIANT=san DESTDIR="$ROOT" PREFIX="$PREFIX" >"$TMP/make.log" 2>&1 ||
		fail "make install failed: $(cat "$TMP/make.log")"
	local want=".$PREFIX/bin/backcheck
.$PREFIX/share/bash-completion/completions/backcheck
.$PREFIX/share/doc/backcheck/README.md"
	local f
	for f in docs/*.md docs/output.schema.json; do want+=$'\n'".$PREFIX/share/doc/backcheck/$f"; done
	for f in questionnaires/*.yaml; do want+=$'\n'".$PREFIX/share/backcheck/$f"; done
	want+=$'\n'".$PREFIX/share/man/man1/backcheck.1"
	for f in po/*.po; do
		f=${f#po/}
		want+=$'\n'".$PREFIX/share/locale/${f%.po}/LC_MESSAGES/backcheck.mo"
	done
	expect_eq "installed files" "$(installed)" "$(printf '%s\n' "$want" | sort)"
	[ -x "$TREE/bin/backcheck" ] || fail "the binary is not executable"
	expect_eq "mode of a questionnaire" "$(stat -c %a "$TREE/share/backcheck/questionnaires/example.yaml")" 644
}

test_installed_binary_is_the_release_build() {
	local bin=$TREE/bin/backcheck
	[ -x "$bin" ] || fail "not installed"
	if nm "$bin" 2>/dev/null | grep -q '__asan\|__ubsan'; then fail "a sanitizer is linked in"; fi
	readelf --debug-dump=info "$bin" 2>/dev/null | grep -m 1 'DW_AT_producer' | grep -q -- '-O2' ||
		fail "not built with -O2: $(readelf --debug-dump=info "$bin" | grep -m 1 DW_AT_producer)"
}

test_installed_binary_runs_a_check_from_another_folder() {
	local want got
	want=$(check_with "$BIN") || fail "the build's own check failed"
	got=$(check_with "$TREE/bin/backcheck") || fail "the installed binary failed (exit $?)"
	expect_eq "result of the installed binary" "$got" "$want"
	grep -q '"id": "back-recovery"' <<<"$got" || fail "not the default questionnaire: $got"
}

test_moved_tree_still_finds_its_questionnaires() {
	mkdir -p "$TMP/moved"
	cp -a "$TREE" "$TMP/moved/tree"
	local want got
	want=$(check_with "$BIN")
	got=$(check_with "$TMP/moved/tree/bin/backcheck") || fail "the moved binary failed (exit $?)"
	expect_eq "result of the moved binary" "$got" "$want"
	# It speaks German from its own catalogue (the compiled-in folder does not exist).
	expect_eq "German help of the moved binary" \
		"$(env -u LC_ALL -u LANGUAGE LANG=de_DE.UTF-8 "$TMP/moved/tree/bin/backcheck" --help | head -n 1)" \
		'Aufruf: backcheck [BEFEHL] [OPTION]...'
	# Without its questionnaires folder it finds none: the one it used was its own.
	rm -r "$TMP/moved/tree/share/backcheck"
	local rc=0
	check_with "$TMP/moved/tree/bin/backcheck" >"$TMP/out" 2>"$TMP/err" || rc=$?
	expect_eq "exit status without questionnaires" "$rc" 66
	expect_eq "stdout without questionnaires" "$(cat "$TMP/out")" ""
	grep -q "^backcheck" "$TMP/err" || fail "no 'backcheck...' error: $(cat "$TMP/err")"
	grep -qF "$TMP/moved/tree/bin/../share/backcheck/questionnaires" "$TMP/err" ||
		fail "the error does not name the folder searched: $(cat "$TMP/err")"
}

test_installed_page_renders() {
	command -v man >/dev/null || fail "man is not installed (make deps installs man-db)"
	MANWIDTH=80 man -l "$TREE/share/man/man1/backcheck.1" 2>&1 | grep -q '^NAME' ||
		fail "man -l does not render the installed page"
}

test_uninstall_removes_every_file() {
	make -s uninstall DESTDIR="$ROOT" PREFIX="$PREFIX" >"$TMP/make.log" 2>&1 ||
		fail "make uninstall failed: $(cat "$TMP/make.log")"
	expect_eq "files left after uninstall" "$(installed)" ""
}

t install_lays_out_every_file
t installed_binary_is_the_release_build
t installed_binary_runs_a_check_from_another_folder
t moved_tree_still_finds_its_questionnaires
t installed_page_renders
t uninstall_removes_every_file
t_done
