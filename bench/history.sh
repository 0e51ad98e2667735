#!/usr/bin/env bash
# bench/history.sh - how long history, compare, show and export take over a year of weekly
# checks (52 records made from the default questionnaire's fixture record, scores and answers
# varying week by week). Prints one line per command with the best of five runs.
#
#   make VARIANT=release && bench/history.sh [build/release/backcheck]
set -eu
cd "$(dirname "$0")/.."
bin=${1:-./backcheck}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/records"
template=tests/data/records/history/records/20261128-091530.yaml

for w in $(seq 0 51); do
	day=$(date -u -d "2026-01-05 + $((w * 7)) days" +%Y%m%d)
	iso=$(date -u -d "2026-01-05 + $((w * 7)) days" +%Y-%m-%d)
	sed -e "s/2026-11-28T09:15:30+00:00/${iso}T08:00:00+00:00/" \
	    -e "s/recovery_deficit_score: 41/recovery_deficit_score: $(( (w * 37) % 100 ))/" \
	    -e "s/guarding_score: 30/guarding_score: $(( 80 - w ))/" \
	    -e "s/pain_now: 3/pain_now: $(( w % 11 ))/" \
	    "$template" >"$tmp/records/$day-080000.yaml"
done
first=$(ls "$tmp/records" | head -n 1 | cut -d. -f1)
last=$(ls "$tmp/records" | tail -n 1 | cut -d. -f1)

best_of_5() {
	local best=999999999 start us
	for _ in 1 2 3 4 5; do
		start=${EPOCHREALTIME/./}
		"$@" >/dev/null
		us=$(( ${EPOCHREALTIME/./} - start ))
		[ "$us" -lt "$best" ] && best=$us
	done
	printf '%-44s %6d.%03d ms\n' "$*" $((best / 1000)) $((best % 1000)) | sed "s|$tmp|D|g"
}

echo "52 weekly records, $(du -sh "$tmp/records" | cut -f1) on disk; best of 5 runs:"
best_of_5 "$bin" history --data-dir "$tmp"
best_of_5 "$bin" history --format json --data-dir "$tmp"
best_of_5 "$bin" compare "$first" "$last" --data-dir "$tmp"
best_of_5 "$bin" show "$last" --data-dir "$tmp"
best_of_5 "$bin" export --all --format json --data-dir "$tmp"
