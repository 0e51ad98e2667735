#!/usr/bin/env bash
# make test-browser: the printable HTML in headless Chromium (Debian's chromium, poppler-utils).
#
# Renders the person's page of an emergency, an assessment and an active-recovery result (the
# first vignette whose expectation is that outcome) and a clinician's summary, prints each to
# PDF and checks: A4, at most 2 pages, the outcome's title on page one, and nothing wider than
# the page (tests/browser/width.html measures the page at A4 width). Negative controls: a page
# wider than A4 and a page of 3 or more pages must fail those checks. Page one of each goes to
# $BUILD/browser as a PNG (and to docs/screens/ with UPDATE_SCREENS=1). Ends with
# "N passed, N failed".
set -u
bin=${1:?usage: run.sh BACKCHECK BUILD}
out=${2:?usage: run.sh BACKCHECK BUILD}/browser
cd "$(dirname "$0")/../.."
root=$PWD
rm -rf "$out" && mkdir -p "$out"
export SOURCE_DATE_EPOCH=1767225600 TZ=UTC
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok - $*"; }
bad() { failed=$((failed + 1)); echo "not ok - $*"; }
chrome() { timeout 120 chromium --headless --no-sandbox --disable-gpu --no-first-run \
	--user-data-dir="$out/profile" "$@" 2>/dev/null; }

# The page's width at A4 width: "SCROLL CLIENT".
widths() {
	mkdir -p "$out/w" && cp "$1" "$out/w/page.html" && cp tests/browser/width.html "$out/w/"
	chrome --allow-file-access-from-files --virtual-time-budget=10000 \
		--dump-dom "file://$root/$out/w/width.html" |
		sed -n 's/.*RESULT scroll=\([0-9]*\) client=\([0-9]*\).*/\1 \2/p' | tail -n 1
}

# Checks one page: check NAME HTML TITLE [no-width]; prints what is wrong, nothing when all
# holds (no-width: the width is not measured, for controls about something else).
check() {
	local name=$1 html=$2 title=$3 problems=""
	chrome --no-pdf-header-footer --print-to-pdf="$out/$name.pdf" "file://$root/$html"
	local pages size w
	pages=$(pdfinfo "$out/$name.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
	size=$(pdfinfo "$out/$name.pdf" 2>/dev/null | grep -c '^Page size:.*(A4)')
	[ -n "$pages" ] || problems="$problems no PDF;"
	[ "${pages:-9}" -le 2 ] || problems="$problems $pages pages;"
	[ "$size" = 1 ] || problems="$problems not A4;"
	pdftotext -f 1 -l 1 "$out/$name.pdf" "$out/$name-1.txt" 2>/dev/null
	tr -s ' \n' '  ' < "$out/$name-1.txt" | grep -qF -- "$title" ||
		problems="$problems title '$title' not on page one;"
	if [ "${4:-}" != no-width ]; then
		w=$(widths "$html")
		[ -n "$w" ] && [ "${w% *}" -le "${w#* }" ] || problems="$problems wider than the page ($w);"
	fi
	pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$out/$name.pdf" "$out/$name" 2>/dev/null
	echo "$problems"
}

outcome_vignette() {
	grep -l "^outcome: $1\$" tests/vignettes/*.expect.yaml | head -n 1 | sed 's/\.expect\.yaml$/.yaml/'
}

title_of() { "$bin" run -a "$1" --format json | sed -n 's/^    "title": "\(.*\)",$/\1/p' | head -n 1; }

for outcome in emergency assessment active_recovery; do
	v=$(outcome_vignette "$outcome")
	if [ -z "$v" ]; then bad "a vignette whose outcome is $outcome"; continue; fi
	"$bin" run -a "$v" --format html -o "$out/$outcome.html" 2>/dev/null
	p=$(check "$outcome" "$out/$outcome.html" "$(title_of "$v")")
	if [ -z "$p" ]; then ok "$outcome page ($v)"; else bad "$outcome page ($v):$p"; fi
done
v=$(outcome_vignette assessment)
"$bin" run -a "$v" --for clinician --format html --patient "Test Patient" --subject T-1 \
	--data-dir "$out/none" -o "$out/clinician.html" 2>/dev/null
p=$(check clinician "$out/clinician.html" "Clinician's summary: $(title_of "$v")")
if [ -z "$p" ]; then ok "clinician's summary ($v)"; else bad "clinician's summary ($v):$p"; fi

# Negative controls: each must be caught.
{
	printf '<!DOCTYPE html><html><body><h1>Wide</h1><div style="white-space:nowrap">'
	for _ in $(seq 200); do printf 'wide '; done
	printf '</div></body></html>\n'
} > "$out/control-wide.html"
p=$(check control-wide "$out/control-wide.html" "Wide")
case $p in *"wider than the page"*) ok "negative control: a page wider than A4 is caught" ;;
	*) bad "negative control: a page wider than A4 passed ($p)" ;; esac
{
	printf '<!DOCTYPE html><html><body><h1>Long</h1>'
	for i in $(seq 400); do printf '<p>Paragraph %d of a page that runs over three pages.</p>' "$i"; done
	printf '</body></html>\n'
} > "$out/control-long.html"
p=$(check control-long "$out/control-long.html" "Long" no-width)
case $p in *" pages;"*) ok "negative control: a page of 3 or more pages is caught" ;;
	*) bad "negative control: a long page passed ($p)" ;; esac
p=$(check control-title "$out/control-long.html" "A title that is not there" no-width)
case $p in *"not on page one"*) ok "negative control: a missing title is caught" ;;
	*) bad "negative control: a missing title passed ($p)" ;; esac

if [ "${UPDATE_SCREENS:-0}" = 1 ]; then
	for n in emergency assessment active_recovery clinician; do
		cp "$out/$n.png" "docs/screens/html-$n.png"
	done
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
