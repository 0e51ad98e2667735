#!/usr/bin/env bash
# tests/test_completion.sh - completion/backcheck.bash in bash, through its completion function
# with COMP_WORDS and COMP_CWORD as bash sets them: commands, options, formats, questionnaire
# ids, record ids, files and folders.
. "$(dirname "$0")/shtest.sh"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export HOME=$TMP/home XDG_DATA_HOME= BACKCHECK_DATA_DIR= BACKCHECK_QUESTIONNAIRES=
mkdir -p "$HOME"

# complete WORD...: the completions (sorted, one a line) of the last WORD of
# "backcheck WORD...", in a fresh bash that has sourced the completion file.
complete_words() {
	bash -c '
		. completion/backcheck.bash || exit 1
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		_backcheck backcheck "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}" | sort' bash "$BIN" "$@"
}

help_commands() {
	"$BIN" --help | awk '/^Commands:/ { on = 1; next } on && /^$/ { exit } on && /^  [^ ]/ { print $1 }' | sort
}

test_completion_is_registered_for_backcheck() {
	expect_eq "complete -p" "$(bash -c '. completion/backcheck.bash && complete -p backcheck')" \
		"complete -F _backcheck backcheck"
}

test_empty_word_gives_every_command() {
	expect_eq "backcheck <Tab>" "$(complete_words "")" "$(help_commands)"
	complete_words "" | grep -qx history || fail "history is not offered"
	complete_words "" | grep -qx lint || fail "lint is not offered"
}

test_start_of_a_command() {
	expect_eq "backcheck hi<Tab>" "$(complete_words hi)" "history"
	expect_eq "backcheck re<Tab>" "$(complete_words re)" "recheck
resume"
}

test_options_of_a_command() {
	expect_eq "backcheck run --q<Tab>" "$(complete_words run --q)" "--questionnaire"
	expect_eq "backcheck delete --<Tab>" "$(complete_words delete --)" \
		"$(printf '%s\n' --all --data-dir --help --yes | sort)"
	expect_eq "backcheck lint --w<Tab>" "$(complete_words lint --w)" "--werror"
}

test_options_without_a_command_are_runs_and_the_global_ones() {
	expect_eq "backcheck --v<Tab>" "$(complete_words --v)" "--version"
	expect_eq "backcheck --ans<Tab>" "$(complete_words --ans)" "--answers"
	expect_eq "backcheck -<Tab> has -q" "$(complete_words - | grep -cx -- -q)" 1
}

test_formats_follow_the_command() {
	# Every format offered for run is one run accepts, and text and json are among them.
	local formats f
	formats=$(complete_words run --format "")
	grep -qx text <<<"$formats" || fail "run --format: no text in: $formats"
	grep -qx json <<<"$formats" || fail "run --format: no json in: $formats"
	printf 'danger: [none]\nhurts: no\ntrend: same\nsleep: 5.5\nrest_days: 1\npushing: yes\n' \
		>"$TMP/answers.yaml"
	for f in $formats; do
		"$BIN" run -q tests/data/engine/basic.yaml -a "$TMP/answers.yaml" --format "$f" \
			--no-save >/dev/null 2>"$TMP/err" || fail "run --format $f: $(cat "$TMP/err")"
	done
	expect_eq "backcheck history --format <Tab>" "$(complete_words history --format "")" "json
text"
	expect_eq "backcheck show X --format a<Tab>" "$(complete_words show 2026 --format a)" "answers"
	expect_eq "backcheck run --format=j<Tab>" "$(complete_words run --format = j)" "json"
	expect_eq "backcheck -f t<Tab>" "$(complete_words -f t)" "text"
}

test_questionnaire_ids() {
	mkdir -p "$TMP/q"
	: >"$TMP/q/mine.yaml"
	: >"$TMP/q/example.yaml"
	expect_eq "backcheck run -q <Tab>" \
		"$(BACKCHECK_QUESTIONNAIRES=$TMP/q complete_words run -q "")" \
		"$( (ls questionnaires; echo mine.yaml) | sed 's/\.yaml$//' | sort -u)"
	expect_eq "backcheck export-questionnaire ex<Tab>" "$(complete_words export-questionnaire ex)" \
		"example"
	expect_eq "backcheck --questionnaire=ba<Tab>" "$(complete_words --questionnaire = ba)" \
		"back-recovery"
	expect_eq "backcheck -q questionnaires/e<Tab>" "$(complete_words -q questionnaires/e)" \
		"questionnaires/example.yaml"
	# lint's --questionnaire takes no value: what follows is a file or an option.
	expect_eq "backcheck lint --questionnaire --w<Tab>" \
		"$(complete_words lint --questionnaire --w)" "--werror"
	expect_eq "backcheck lint --questionnaire questionnaires/b<Tab>" \
		"$(complete_words lint --questionnaire questionnaires/b)" "questionnaires/back-recovery.yaml"
}

test_record_ids() {
	local data=tests/data/records/history
	local ids
	ids=$(ls "$data/records" | sed 's/\.yaml$//' | sort)
	expect_eq "backcheck show --data-dir D <Tab>" "$(complete_words show --data-dir "$data" "")" "$ids"
	expect_eq "backcheck compare 2026 <Tab> via BACKCHECK_DATA_DIR" \
		"$(BACKCHECK_DATA_DIR=$data complete_words compare 202611)" "$(grep '^202611' <<<"$ids")"
	mkdir -p "$HOME/.local/share/backcheck/records"
	: >"$HOME/.local/share/backcheck/records/20260101-120000.yaml"
	expect_eq "backcheck delete <Tab> in the default folder" "$(complete_words delete "")" \
		"20260101-120000"
}

test_files_and_folders() {
	mkdir -p "$TMP/files/sub"
	: >"$TMP/files/answers.yaml"
	expect_eq "backcheck run --answers <Tab>" "$(complete_words run --answers "$TMP/files/")" \
		"$TMP/files/answers.yaml
$TMP/files/sub/"
	expect_eq "backcheck run -o <Tab>" "$(complete_words run -o "$TMP/files/a")" "$TMP/files/answers.yaml"
	expect_eq "backcheck lint <Tab>" "$(complete_words lint "$TMP/files/s")" "$TMP/files/sub/"
	expect_eq "backcheck history --data-dir <Tab>" \
		"$(complete_words history --data-dir "$TMP/files/")" "$TMP/files/sub/"
}

t completion_is_registered_for_backcheck
t empty_word_gives_every_command
t start_of_a_command
t options_of_a_command
t options_without_a_command_are_runs_and_the_global_ones
t formats_follow_the_command
t questionnaire_ids
t record_ids
t files_and_folders
t_done
