# bench/generate.sh - sourced by the benchmarks: `generate N FILE` writes a questionnaire of
# N items, each asked when the one before was answered yes, with a placeholder in its text.
generate() {
	local n=$1 file=$2
	{
		printf 'id: big\nversion: "1"\nurl: https://example.org/big\nstatus: draft\n'
		printf 'title: Big\nlanguage: en\nsections:\n  - id: s\n    title: S\n    items:\n'
		awk -v n="$n" 'BEGIN {
			print "      - {id: q0, type: yesno, text: First}"
			for (i = 1; i < n; i++)
				printf "      - {id: q%d, type: yesno, text: \"After {q%d}\", when: q%d}\n", i, i - 1, i - 1
		}'
		printf 'outcomes:\n  - {id: ok, severity: 1, title: O, summary: S, explanation: E, advice: A}\n'
		printf 'rules:\n  - {id: r, when: q%d, outcome: ok, because: B}\n' $((n - 1))
		printf 'default: ok\nsafety_net: S\ndisclaimer: D\n'
	} >"$file"
}
