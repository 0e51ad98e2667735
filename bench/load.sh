#!/usr/bin/env bash
# bench/load.sh - how long loading (and checking) a large questionnaire takes.
#
# Generates questionnaires of 10,000, 100,000 and 300,000 items (each item but the first asked
# when the one before was answered yes, with a placeholder in its text), then times
# `backcheck lint` on each: the whole load, from reading the file to the last placeholder
# check. Then the same for broken files where every item, condition, placeholder and rule
# names something unknown (a "did you mean" search per error must not make this quadratic).
# Prints one line per size with the best of three runs.
#
#   make VARIANT=release && bench/load.sh [build/release/backcheck]
set -eu
cd "$(dirname "$0")/.."
bin=${1:-./backcheck}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. bench/generate.sh

generate_broken() {
	local n=$1 file=$2
	{
		printf 'id: big\nversion: "1"\nurl: https://example.org/big\nstatus: draft\n'
		printf 'title: Big\nlanguage: en\nsections:\n  - id: s\n    title: S\n    items:\n'
		awk -v n="$n" 'BEGIN {
			for (i = 0; i < n; i++)
				printf "      - {id: q%d, type: yesno, text: \"{nope%d}\", when: nope%d}\n", i, i, i
		}'
		printf 'outcomes:\n  - {id: ok, severity: 1, title: O, summary: S, explanation: E, advice: A}\n'
		printf 'rules:\n'
		awk -v n="$n" 'BEGIN {
			for (i = 0; i < n; i++)
				printf "  - {id: r%d, when: q1, outcome: okk, because: B}\n", i
		}'
		printf 'default: ok\nsafety_net: S\ndisclaimer: D\n'
	} >"$file"
}

# time KIND N FILE: the best of three runs of lint on FILE.
time_lint() {
	local best= start us
	for run in 1 2 3; do
		start=${EPOCHREALTIME/./}
		"$bin" lint "$3" 2>/dev/null || true
		us=$(( ${EPOCHREALTIME/./} - start ))
		if [ -z "$best" ] || [ "$us" -lt "$best" ]; then best=$us; fi
	done
	printf '%-6s %7d items %9d bytes: %d.%03d s\n' "$1" "$2" "$(stat -c %s "$3")" \
		$((best / 1000000)) $((best % 1000000 / 1000))
}

for n in 10000 100000 300000; do
	generate "$n" "$tmp/big-$n.yaml"
	time_lint load "$n" "$tmp/big-$n.yaml"
done
for n in 10000 100000; do
	generate_broken "$n" "$tmp/broken-$n.yaml"
	time_lint broken "$n" "$tmp/broken-$n.yaml"
done
