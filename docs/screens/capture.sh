#!/usr/bin/env bash
# Captures real interview sessions with tmux into docs/screens/*.txt (run from the top of the
# tree after `make`). Each screen is one whole session, scrollback included, at a given width,
# on a terminal 24 lines high (ROWS), as a person at 80x24 sees it.
set -eu
cd "$(dirname "$0")/../.."
bin=${BIN:-./backcheck}
out=docs/screens
export SOURCE_DATE_EPOCH=1700000000
# One tmux server (socket) and session name per run, so that two captures at once, or another
# tmux ending its server, never share or stop ours.
shot=bc-shot-$$
tmux() { command tmux -L "$shot" "$@"; }

# session NAME COLUMNS KEYS... : types each key line after a pause, then saves the screen.
session() {
	local name=$1 cols=$2; shift 2
	local home=${BC_HOME:-}
	[ -n "$home" ] || home=$(mktemp -d)
	tmux kill-session -t "$shot" 2>/dev/null || true
	tmux new -d -s "$shot" -x "$cols" -y "${ROWS:-24}" \
		"env -u NO_COLOR HOME=$home TERM=xterm-256color TZ=UTC SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH $bin ${ARGS:-}; echo \"[exit status \$?]\"; sleep 30"
	sleep 1
	for key in "$@"; do
		case $key in
		'<C-c>') tmux send-keys -t "$shot" C-c ;;
		'<C-d>') tmux send-keys -t "$shot" C-d ;;
		'<Tab>') tmux send-keys -t "$shot" Tab ;;
		'<C-u>') tmux send-keys -t "$shot" C-u ;;
		*) tmux send-keys -t "$shot" -l "$key"; tmux send-keys -t "$shot" Enter ;;
		esac
		sleep 0.3
	done
	sleep 1
	tmux capture-pane -p -t "$shot" -S - -E - | sed -e 's/[[:space:]]*$//' | cat -s > "$out/$name.txt"
	tmux kill-session -t "$shot"
	[ -n "${BC_HOME:-}" ] || rm -rf "$home"
}

full=(34 not_applicable 9 no none n none 3 2 4 6 helps no 1 no none 20 4 5 6 no moderately
      sometimes no 6.5 4 5 4 3 1 1 1 2 4 60 7 up_10_30 no sometimes slower yes no "" "" "")

session interview-80 80 "${full[@]}" ""
# The session shortened in the README: one wrong answer first.
session readme-80 80 34 not_applicable 1,9 "${full[@]:2}" ""
session interview-200 200 "${full[@]}" ""
session commands-80 80 "?" 34 not_applicable 9 yes y why back "" review 4 "<C-u>" no 1,3 y why quit
session wrong-answers-80 80 "" 200 thirty 34 1 1,9 12 9 no none maybe n 4 none quit
session emergency-stop-80 80 41 not_applicable 1 y
ARGS=--plain session plain-80 80 34 1 9 no none n none 3 2 quit
# Stopped after three answers, then `backcheck` again: the offer to resume (one HOME for both).
BC_HOME=$(mktemp -d)
export BC_HOME
session resume-80 80 34 not_applicable 9 no none quit
session resume-80 80 "" n
rm -rf "$BC_HOME"
unset BC_HOME
# A week later, a re-check: the stable answers are filled in (Enter keeps them; Ctrl-U clears
# the line first for the others), then the change since last time; then the history.
BC_HOME=$(mktemp -d)
export BC_HOME
session first-check-80 80 "${full[@]}" ""
again=()
for key in "" "" 9 no none n none 5 1 3 5 helps "" 1 no "" 20 3 3 4 no slightly never no 7 6 4 3 \
           2 2 2 2 2 "" 60 6 same no never 2 no no "" "" ""; do
	if [ -n "$key" ]; then again+=("<C-u>" "$key"); else again+=(""); fi
done
SOURCE_DATE_EPOCH=1700604800 ARGS=recheck session recheck-80 80 "${again[@]}" ""
ARGS=history session history-80 80
ARGS="history --plain" session history-plain-80 80
rm -rf "$BC_HOME" "$out/first-check-80.txt"
unset BC_HOME
