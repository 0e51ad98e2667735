#!/usr/bin/env bash
# make test-fhir: writes the FHIR R4 outputs of every shipped questionnaire, every fixture of
# tests/data/intake and every vignette (with its JSON result beside it) to $BUILD/fhir, then
# validates and checks them with tests/fhir/check.cjs (npm's `fhir`, pinned in
# package-lock.json). Ends with "N passed, N failed".
set -u
bin=${1:?usage: run.sh BACKCHECK BUILD}
out=${2:?usage: run.sh BACKCHECK BUILD}/fhir
cd "$(dirname "$0")/../.."
rm -rf "$out" && mkdir -p "$out"
export SOURCE_DATE_EPOCH=1767225600 TZ=UTC
failed=0
for q in questionnaires/*.yaml tests/data/intake/*.yaml; do
	name=$(basename "$q" .yaml)
	if ! "$bin" export-questionnaire --format fhir "$q" > "$out/q-$name.json"; then
		echo "not ok - export-questionnaire $q"; failed=$((failed + 1))
	fi
done
for v in tests/vignettes/*.yaml; do
	case $v in *.expect.yaml) continue ;; esac
	name=$(basename "$v" .yaml)
	if ! "$bin" run -a "$v" --format fhir --subject "P-$name" > "$out/v-$name.fhir.json" \
	     2> "$out/v-$name.log" || ! "$bin" run -a "$v" --format json > "$out/v-$name.json" \
	     2>> "$out/v-$name.log"; then
		echo "not ok - run $v"; failed=$((failed + 1))
	fi
done
node tests/fhir/check.cjs "$out" "$failed"
