#!/usr/bin/env bash
# bench/run.sh - the benchmarks of issue 17 as one table (make bench; about a minute at load 9):
#  1. a scripted assessment of the default questionnaire (whole process, release build)
#     against a C program linked with the same libraries (bench/floor.c) and against PyYAML
#     merely loading the same questionnaire;
#  2. `backcheck lint` of generated questionnaires of 100 to 100,000 items against libyaml's
#     raw event parse of the same files (bench/rawparse.c): time, peak memory, growth;
#  3. `backcheck batch` of 10,000 answers files, on one process and with --jobs 2;
#  4. the peak memory of a whole interview on a pseudo-terminal (bench/interview.py).
# Times are CPU time (user + system) of the best of several runs, from wait4 (bench/measure.c),
# so that a busy machine disturbs them less than wall time. Beside them, two figures the load
# hardly moves: page faults (wait4's minor faults, the fewest of the runs) and, where valgrind
# is installed, instructions (callgrind) for the assessment and the 1,000-item load.
#
#   bench/run.sh BACKCHECK BENCH_BUILD_DIR
set -eu
cd "$(dirname "$0")/.."
bin=$1
tools=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 HOME=$tmp/home BACKCHECK_DATA_DIR=$tmp/data
mkdir -p "$HOME"
q=questionnaires/back-recovery.yaml
answers=$(ls tests/vignettes/*.yaml | grep -v '\.expect\.yaml$' | head -n 1)

# measure N CMD...: "CPU_US KIB FAULTS" of CMD, the least CPU time of N runs, the largest
# peak and the fewest page faults.
measure() {
	local n=$1 out
	shift
	out=$("$tools/measure" "$n" "$@") || { echo "bench: $* failed" >&2; exit 1; }
	set -- $out
	echo "$3 $2 $4"
}
ms() { awk -v us="$1" 'BEGIN { printf "%.1f ms", us / 1000 }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
verdict() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN {
	ok = op == "<=" ? v <= t : v >= t; printf "%s", ok ? "ok" : "MISSED" }'; }
row() { printf '%-44s %14s %16s %9s %10s  %s\n' "$@"; }

echo "backcheck benchmarks: $(uname -m), $(nproc) CPU(s), $(grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1 /proc/loadavg)"
row "benchmark" "measured" "reference" "ratio" "target" "result"

# 1. The assessment, the floor, PyYAML.
set -- $(measure 30 "$tools/floor"); floor=$1; floor_pf=$3
set -- $(measure 30 "$bin" run --answers "$answers" --no-save); run=$1; run_kib=$2; run_pf=$3
set -- $(measure 3 python3 -c 'import sys, yaml; yaml.load(open(sys.argv[1]), Loader=yaml.SafeLoader)' "$q"); py=$1
r=$(ratio "$run" "$floor")
row "1. assessment (CPU) / floor" "$(ms "$run")" "$(ms "$floor")" "$r" "<= 1.5x" "$(verdict "${r%x}" "<=" 1.5)"
r=$(ratio "$py" "$run")
row "1. PyYAML SafeLoader load / assessment" "$(ms "$py")" "$(ms "$run")" "$r" ">= 60x" "$(verdict "${r%x}" ">=" 60)"
row "1. assessment page faults / floor" "$run_pf" "$floor_pf" "$(ratio "$run_pf" "$floor_pf")" "-" "(information)"
ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
	sed -n 's/.*Collected : //p'; }
has_valgrind=$(command -v valgrind || true)
if [ -n "$has_valgrind" ]; then
	a=$(ir "$bin" run --answers "$answers" --no-save)
	f=$(ir "$tools/floor")
	row "1. assessment instructions / floor" "$((a / 1000))k" "$((f / 1000))k" "$(ratio "$a" "$f")" "-" "(information)"
fi

# 2. Loading generated questionnaires against the raw parse.
. bench/generate.sh
prev=
for n in 100 1000 10000 100000; do
	generate "$n" "$tmp/big-$n.yaml"
	runs=5
	[ "$n" -lt 100000 ] || runs=2
	set -- $(measure "$runs" "$bin" lint "$tmp/big-$n.yaml"); load=$1; load_kib=$2; load_pf=$3
	set -- $(measure "$runs" "$tools/rawparse" "$tmp/big-$n.yaml"); raw=$1; raw_kib=$2; raw_pf=$3
	r=$(ratio "$load" "$raw")
	row "2. load $n items / raw parse (CPU)" "$(ms "$load")" "$(ms "$raw")" "$r" "<= 2x" "$(verdict "${r%x}" "<=" 2)"
	row "2. load $n items / raw parse (peak)" "$(mib "$load_kib")" "$(mib "$raw_kib")" "$(ratio "$load_kib" "$raw_kib")" \
		"$([ "$n" = 10000 ] && echo '< 32 MiB' || echo -)" \
		"$([ "$n" = 10000 ] && verdict "$load_kib" "<=" 32768 || echo '(information)')"
	[ "$n" != 10000 ] ||
		row "2. load $n items / raw parse (page faults)" "$load_pf" "$raw_pf" "$(ratio "$load_pf" "$raw_pf")" "-" "(information)"
	# Instructions at 1,000 items: callgrind of 10,000 would take a minute of the five.
	if [ "$n" = 1000 ] && [ -n "$has_valgrind" ]; then
		a=$(ir "$bin" lint "$tmp/big-$n.yaml")
		f=$(ir "$tools/rawparse" "$tmp/big-$n.yaml")
		row "2. load $n items / raw parse (instructions)" "$((a / 1000))k" "$((f / 1000))k" "$(ratio "$a" "$f")" "-" "(information)"
	fi
	if [ -n "$prev" ]; then
		row "2. growth ${prevn} -> $n items (10x)" "$(ratio "$load" "$prev")" "10x = linear" "-" "<= 15x" \
			"$(verdict "$(awk -v a="$load" -v b="$prev" 'BEGIN { print a / b }')" "<=" 15)"
	fi
	prev=$load
	prevn=$n
done

# 3. Batch scoring of 10,000 answers files.
if "$bin" batch --help >/dev/null 2>&1; then
	mkdir -p "$tmp/batch"
	content=$(cat "$answers")
	for i in $(seq -w 1 10000); do printf '%s\n' "$content" >"$tmp/batch/a$i.yaml"; done
	for jobs in 1 2; do
		start=${EPOCHREALTIME/./}
		"$bin" batch "$tmp/batch" --format jsonl --jobs "$jobs" >"$tmp/batch.jsonl"
		us=$(( ${EPOCHREALTIME/./} - start ))
		lines=$(wc -l <"$tmp/batch.jsonl")
		row "3. batch 10,000 files, --jobs $jobs (wall)" "$(awk -v n="$lines" -v us="$us" 'BEGIN { printf "%d files/s", n / (us / 1e6) }')" \
			"$(ms "$us")" "-" "-" "$([ "$lines" = 10000 ] && echo '(information)' || echo "WRONG: $lines rows")"
	done
else
	row "3. batch 10,000 files" "-" "-" "-" "-" "not on main (no backcheck batch)"
fi

# 4. A whole interview on a pseudo-terminal.
set -- $(python3 bench/interview.py "$tools/measure" "$bin" "$q" "$answers")
row "4. interview on a pty ($2 answers, peak)" "$(mib "$1")" "$(mib "$run_kib") scripted" "-" "< 8 MiB" "$(verdict "$1" "<=" 8192)"
