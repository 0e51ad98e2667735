#!/usr/bin/env bash
# tests/test_i18n.sh - the interface's language: the catalogues are complete and compile
# (make po-check), the language comes from LANGUAGE, LC_ALL, LC_MESSAGES and LANG in gettext's
# order and is the questionnaire's too (both fall back together), German works whether or not
# the system has generated de_DE.UTF-8 (a container has only C.UTF-8; a generated locale is
# made here with localedef into a folder of the test's own, through LOCPATH), and every
# German help fits 80 columns and 24 lines.
. "$(dirname "$0")/shtest.sh"
unset MAKEFLAGS MAKELEVEL MFLAGS
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Runs backcheck ARGS with only the locale settings given as NAME=VALUE before them.
in_locale() {
	local settings=()
	while [ $# -gt 0 ] && [[ $1 == *=* ]]; do settings+=("$1"); shift; done
	env -u LANG -u LC_ALL -u LC_MESSAGES -u LANGUAGE -u LOCPATH "${settings[@]}" "$BIN" "$@"
}

GERMAN_HEAD='Aufruf: backcheck [BEFEHL] [OPTION]...
Ein geführter Selbstcheck für alle, die trainieren und Rückenschmerzen haben.'
ENGLISH_HEAD='Usage: backcheck [COMMAND] [OPTION]...
A guided self-check for people who train and have back pain.'

# The help's first two lines under the settings given.
head_in() {
	in_locale "$@" --help | head -n 2
}

test_catalogues_are_complete_and_compile() {
	make --no-print-directory -s po-check >"$TMP/log" 2>&1 || fail "make po-check: $(cat "$TMP/log")"
}

test_help_is_german_under_lang_de() {
	expect_eq "LANG=de_DE.UTF-8" "$(head_in LANG=de_DE.UTF-8)" "$GERMAN_HEAD"
	in_locale LANG=de_DE.UTF-8 --help | grep -qx '  run        einen Fragebogen beantworten und das Ergebnis erklären (Standard)' ||
		fail "the command list is not German: $(in_locale LANG=de_DE.UTF-8 --help)"
	expect_eq "a command's help" "$(in_locale LANG=de_DE.UTF-8 run --help | head -n 1)" \
		'Aufruf: backcheck run [OPTION]...'
}

# gettext's order: LANGUAGE (not under the C locale), LC_ALL, LC_MESSAGES, LANG.
test_language_follows_the_standard_order() {
	expect_eq "no setting" "$(head_in)" "$ENGLISH_HEAD"
	expect_eq "LANG=C.UTF-8" "$(head_in LANG=C.UTF-8)" "$ENGLISH_HEAD"
	expect_eq "LANGUAGE=de under C.UTF-8" "$(head_in LANG=C.UTF-8 LANGUAGE=de)" "$GERMAN_HEAD"
	expect_eq "LANGUAGE=fr:de (no French)" "$(head_in LANG=C.UTF-8 LANGUAGE=fr:de)" "$GERMAN_HEAD"
	expect_eq "LANGUAGE=de under C (ignored)" "$(head_in LANG=C LANGUAGE=de)" "$ENGLISH_HEAD"
	expect_eq "LANGUAGE=de without a locale (ignored)" "$(head_in LANGUAGE=de)" "$ENGLISH_HEAD"
	expect_eq "LC_ALL wins over LANG" "$(head_in LANG=de_DE.UTF-8 LC_ALL=C.UTF-8)" "$ENGLISH_HEAD"
	expect_eq "LC_MESSAGES over LANG" "$(head_in LANG=C.UTF-8 LC_MESSAGES=de_DE.UTF-8)" "$GERMAN_HEAD"
	expect_eq "LANGUAGE over LANG" "$(head_in LANG=de_DE.UTF-8 LANGUAGE=en)" "$ENGLISH_HEAD"
}

# The same with de_DE.UTF-8 generated (setlocale() succeeds, gettext reads the locale).
test_help_is_german_in_a_generated_locale() {
	[ -d /usr/share/i18n/locales ] || fail "no locale sources: install Debian's locales (make deps)"
	localedef -i de_DE -f UTF-8 "$TMP/de_DE.UTF-8" >"$TMP/log" 2>&1 ||
		fail "localedef de_DE.UTF-8: $(cat "$TMP/log")"
	expect_eq "generated de_DE.UTF-8" "$(head_in LOCPATH="$TMP" LANG=de_DE.UTF-8)" "$GERMAN_HEAD"
	expect_eq "generated, LANGUAGE=en" "$(head_in LOCPATH="$TMP" LANG=de_DE.UTF-8 LANGUAGE=en)" \
		"$ENGLISH_HEAD"
	# Numbers stay as the files and JSON write them: only messages and characters follow
	# the locale, never LC_NUMERIC's decimal comma.
	local json
	json=$(in_locale LOCPATH="$TMP" LANG=de_DE.UTF-8 run -q example --no-save \
		--answers tests/data/i18n/example-answers.yaml --format json) || fail "run failed: $json"
	grep -q '"sleep_hours": 7.5,' <<<"$json" || fail "7.5 hours is not 7.5 in JSON: $json"
}

# The first line of a scripted check's result under the settings given (ARGS after them).
result_head() {
	in_locale "$@" --no-save --answers tests/data/i18n/example-answers.yaml -q example | head -n 1
}

# The questionnaire's language and the interface's go together: German when the questionnaire
# offers it, else both in its default language (English), never half and half.
test_questionnaire_and_interface_share_one_language() {
	expect_eq "LANG=de_DE.UTF-8" "$(result_head LANG=de_DE.UTF-8 run)" \
		"Ergebnis: Du schläfst gut"
	expect_eq "--lang de under C.UTF-8" "$(result_head LANG=C.UTF-8 run --lang de)" \
		"Ergebnis: Du schläfst gut"
	expect_eq "--lang en under de_DE.UTF-8" "$(result_head LANG=de_DE.UTF-8 run --lang en)" \
		"Result: You sleep well"
	expect_eq "LANGUAGE=fr:de" "$(result_head LANG=C.UTF-8 LANGUAGE=fr:de run)" \
		"Ergebnis: Du schläfst gut"
	local out
	out=$(in_locale LANG=de_DE.UTF-8 run --no-save -q back-recovery \
		--answers "$(ls tests/vignettes/*.yaml | grep -v '\.expect\.yaml$' | head -n 1)") ||
		fail "the English-only questionnaire under LANG=de_DE.UTF-8: exit $?"
	grep -q '^Result: ' <<<"$out" || fail "an English questionnaire's result is not all English: $out"
	if grep -qE 'Ergebnis|Warum|Pass auf dich auf' <<<"$out"; then
		fail "German words in an English questionnaire's result: $out"
	fi
	expect_eq "--lang fr: said in the language used" \
		"$(in_locale LANG=de_DE.UTF-8 run --lang fr --no-save -q example \
			--answers tests/data/i18n/example-answers.yaml 2>&1 >/dev/null)" \
		"backcheck: sleep-check is not offered in 'fr'; using 'en'"
}

# The commands' own messages follow the language too (an error, a refusal without a terminal).
test_command_messages_are_german() {
	local err rc=0
	err=$(in_locale LANG=de_DE.UTF-8 run -q no-such-questionnaire 2>&1 >/dev/null) || rc=$?
	expect_eq "exit status" "$rc" 66
	[[ $err == "backcheck: Es gibt keinen Fragebogen namens 'no-such-questionnaire' (gesucht in "* ]] ||
		fail "not German: $err"
	rc=0
	err=$(in_locale LANG=de_DE.UTF-8 delete --all --data-dir "$TMP/none" 2>&1 </dev/null) || rc=$?
	expect_eq "exit status of delete --all without a terminal" "$rc" 64
	expect_eq "delete --all without a terminal" "$err" \
		"backcheck delete: --all löscht 0 Checks und einen angefangenen Check; bestätige mit --yes"
}

# Diagnostics with a position: the answers file's errors and the store's, in German with
# FILE:LINE:COL and the severity ("Fehler", "Warnung") translated too.
test_answers_and_store_errors_are_german() {
	local err rc=0
	printf 'sleep_hours: lots\nnope: 1\n' >"$TMP/answers.yaml"
	err=$(in_locale LANG=de_DE.UTF-8 run -q example --no-save --answers "$TMP/answers.yaml" \
		2>&1 >/dev/null) || rc=$?
	expect_eq "exit status" "$rc" 65
	expect_eq "a wrong answer" "$(sed -n 1p <<<"$err")" \
		"$TMP/answers.yaml:1:14: Fehler: sleep_hours: erwartet wird eine Zahl, nicht 'lots'"
	expect_eq "an unknown question" "$(sed -n 4p <<<"$err")" \
		"$TMP/answers.yaml:2:1: Fehler: nope: diese Frage gibt es in sleep-check nicht"
	mkdir -p "$TMP/data/records"
	printf 'junk\n' >"$TMP/data/records/20260101-000000.yaml"
	rc=0
	err=$(in_locale LANG=de_DE.UTF-8 show zzz --data-dir "$TMP/data" 2>&1 >/dev/null) || rc=$?
	expect_eq "exit status of show" "$rc" 66
	expect_eq "a broken record and no match" "$err" \
		"$TMP/data/records/20260101-000000.yaml:1:1: Warnung: kein backcheck-Eintrag (keine Zuordnung); dieser Eintrag wird übersprungen und bleibt, wie er ist
backcheck: Fehler: kein Eintrag passt zu 'zzz'"
}

# yamlio names the part a badly indented line breaks ("quoted text", "[ ] list") untranslated
# and translates it only for the message (gettext for every quoted scalar was 9% of a load).
test_yaml_continuation_names_its_part_in_german() {
	printf 'a:\n  b: "x\n y"\n' >"$TMP/cont.yaml"
	expect_eq "quoted text" "$(in_locale LANG=de_DE.UTF-8 lint "$TMP/cont.yaml" 2>&1 | sed -n 1p)" \
		"$TMP/cont.yaml:3:2: Fehler: die Zeile muss weiter eingerückt sein, um den Text in Anführungszeichen aus Zeile 2 fortzusetzen"
	printf 'a:\n  b: [x,\n y]\n' >"$TMP/cont.yaml"
	expect_eq "a [ ] list" "$(in_locale LANG=de_DE.UTF-8 lint "$TMP/cont.yaml" 2>&1 | sed -n 1p)" \
		"$TMP/cont.yaml:3:2: Fehler: die Zeile muss weiter eingerückt sein, um die [ ]-Liste aus Zeile 2 fortzusetzen"
}

# lint's diagnostics: FILE:LINE:COL, the severity and the message in German, the source line
# and the caret as in English; a loader error, a bracket and a type error in an expression.
test_lint_diagnostics_are_german() {
	local err rc=0
	sed -e 's/^version: .*/&\ntitel: x/' \
		-e 's/value: max(8 - sleep_hours, 0)$/value: max(8 - sleep_hours, 0) and (1/' \
		questionnaires/example.yaml >"$TMP/lint.yaml"
	err=$(in_locale LANG=de_DE.UTF-8 lint "$TMP/lint.yaml" 2>&1) || rc=$?
	expect_eq "exit status" "$rc" 65
	expect_eq "lint in German" "$(grep -v '^    ' <<<"$err")" \
		"$TMP/lint.yaml:10:1: Fehler: unbekannter Schlüssel 'titel' (Fragebogen); meintest du 'title'?
$TMP/lint.yaml:196:42: Fehler: erwartet wird ')', um das '(' aus Spalte 40 zu schließen"
	expect_eq "the caret under the column" "$(sed -n 2,3p <<<"$err")" "    titel: x
    ^"
	sed -i 's/ and (1$/ and 1/' "$TMP/lint.yaml"
	rc=0
	err=$(in_locale LANG=de_DE.UTF-8 lint "$TMP/lint.yaml" 2>&1) || rc=$?
	expect_eq "a type error" "$(grep -v '^    ' <<<"$err" | sed -n 2p)" \
		"$TMP/lint.yaml:196:12: Fehler: 'and' braucht Ja/Nein-Werte, aber 'max(8 - sleep_hours, 0)' ist eine Zahl"
}

# verify: its header and summary in German; its check lines stay English (scripts read them).
test_verify_summary_is_german() {
	local out
	out=$(in_locale LANG=de_DE.UTF-8 verify example) || fail "verify example: exit $?"
	expect_eq "header" "$(sed -n 1p <<<"$out")" "Prüfe sleep-check 1.0.0 ($PWD/questionnaires/example.yaml)"
	expect_eq "summary" "$(sed -n '$p' <<<"$out")" \
		"26 Prüfungen: 26 bestanden, 0 fehlgeschlagen; 22 davon probierten für manche Fragen Stichprobenwerte (markiert mit [sampled])"
	grep -q '^ok      outcome sleep_well is reachable' <<<"$out" ||
		fail "a check line is not as scripts read it: $out"
}

# batch: its messages in German, its rows (data) in English; a usage error in German.
test_batch_messages_are_german_and_rows_english() {
	local err out rc=0
	mkdir -p "$TMP/batch"
	cp tests/data/i18n/example-answers.yaml "$TMP/batch/good.yaml"
	printf 'sleep_hours: lots\n' >"$TMP/batch/bad.yaml"
	out=$(in_locale LANG=de_DE.UTF-8 batch "$TMP/batch" -q example --format csv 2>"$TMP/err") ||
		rc=$?
	expect_eq "exit status" "$rc" 65
	expect_eq "batch's message" "$(cat "$TMP/err")" \
		"backcheck batch: 1 von 2 Dateien ließ sich nicht auswerten; ihre Zeile sagt, warum"
	grep -q "^bad.yaml,.*bad.yaml:1:14: sleep_hours: expected a number, not 'lots'" <<<"$out" ||
		fail "the row's error is not English: $out"
	rc=0
	err=$(in_locale LANG=de_DE.UTF-8 batch --format csv 2>&1) || rc=$?
	expect_eq "exit status of a usage error" "$rc" 64
	expect_eq "a usage error" "$err" "backcheck batch: gib den Ordner mit den Antwortdateien an: batch ORDNER
Mit 'backcheck batch --help' siehst du die Optionen."
}

# The clinician's summary and the person's printable page: headings and field names in German.
test_clinician_summary_and_page_are_german() {
	local out h
	out=$(in_locale LANG=de_DE.UTF-8 run -q example --no-save --for clinician \
		--answers tests/data/i18n/example-answers.yaml) || fail "run --for clinician: exit $?"
	for h in "Zusammenfassung für Behandelnde: Du schläfst gut" "  Patient/in: ohne Namen" \
		"Regeln, die zutrafen" "Keine: Das Standardergebnis hat entschieden." \
		"Notfall- und Warnzeichen" "  Status | Zeichen" "  Nein | shift_work" "Werte" \
		"Berechnete Werte" "Antworten" "In den eigenen Worten der Person"; do
		grep -qxF -- "$h" <<<"$out" || fail "no line '$h' in: $out"
	done
	if grep -qE 'Rules that matched|Derived values|Answers$|Patient:' <<<"$out"; then
		fail "English headings in the German summary: $out"
	fi
	out=$(in_locale LANG=de_DE.UTF-8 run -q example --no-save --format markdown \
		--answers tests/data/i18n/example-answers.yaml) || fail "run --format markdown: exit $?"
	for h in "## Warum" "## Pass auf dich auf" "## Deine Werte" \
		"- Schlafschuld: 15 (0 bis 100, höher ist schlechter)"; do
		grep -qxF -- "$h" <<<"$out" || fail "no line '$h' in the printable page: $out"
	done
	grep -q '^Erstellt am .* mit sleep-check 1\.0\.0\.$' <<<"$out" ||
		fail "the page's last line is not German: $out"
}

test_every_german_help_fits_80_by_24() {
	local c lines wide
	for c in "" run lint resume recheck history show compare delete export \
		export-questionnaire verify batch; do
		# shellcheck disable=SC2086
		in_locale LANG=de_DE.UTF-8 $c --help >"$TMP/help" || fail "backcheck $c --help: exit $?"
		lines=$(wc -l <"$TMP/help")
		[ "$lines" -le 24 ] || fail "backcheck $c --help in German has $lines lines"
		wide=$(LC_ALL=C.UTF-8 wc -L <"$TMP/help")
		[ "$wide" -le 80 ] || fail "backcheck $c --help in German is $wide columns wide"
	done
}

t catalogues_are_complete_and_compile
t help_is_german_under_lang_de
t language_follows_the_standard_order
t help_is_german_in_a_generated_locale
t questionnaire_and_interface_share_one_language
t command_messages_are_german
t answers_and_store_errors_are_german
t yaml_continuation_names_its_part_in_german
t lint_diagnostics_are_german
t verify_summary_is_german
t batch_messages_are_german_and_rows_english
t clinician_summary_and_page_are_german
t every_german_help_fits_80_by_24
t_done
