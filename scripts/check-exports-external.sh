#!/usr/bin/env bash
# Opens Toban's exports in the programs people use, headless, and checks what comes out:
#   * every CSV (plain UTF-8 and the --excel variant) converted by LibreOffice Calc to .xlsx and
#     .pdf, the .xlsx converted back to CSV: every Japanese cell must survive the round trip,
#     and every Japanese name must be in the PDF's text (pdftotext);
#   * rota.html rendered by headless Chromium to a screenshot (PNG) and printed to PDF (A4,
#     the print stylesheet), the PDF's first page rendered to PNG as well.
# Look at the PNGs it lists at the end. Not run in CI (LibreOffice and Chromium are large
# downloads); run it by hand after changing an exporter:
#   ./scripts/check-exports-external.sh [OUT_DIR]        (default .build/external-check)
# Installs libreoffice-calc, chromium, poppler-utils and fonts-noto-cjk with apt-get when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT="${1:-.build/external-check}"
SCENARIO=instances/ward-association-december.yaml
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-1764547200}"

need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
fc-list 2>/dev/null | grep -i "noto sans cjk" >/dev/null || need+=(fonts-noto-cjk)
if [ "${#need[@]}" -gt 0 ]; then
    echo "== installing ${need[*]} (a few minutes)"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
        || { $SUDO apt-get update -qq >/dev/null; $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; }
fi

./scripts/setup.sh
swift build --product toban >/dev/null 2>&1 || swift build --product toban
TOBAN=.build/debug/toban

rm -rf "$OUT"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
echo "== exports of $SCENARIO into $OUT"
$TOBAN solve "$SCENARIO" --out "$OUT/plain" --quiet >/dev/null
$TOBAN export "$OUT/plain/report.json" --format csv --excel --out "$OUT/excel" >/dev/null

# LibreOffice keeps a user profile; a private one avoids clashing with a running instance.
PROFILE="file://$OUT/lo-profile"
soffice_convert() {  # FORMAT OUTDIR FILE [INFILTER]
    local args=(--headless "-env:UserInstallation=$PROFILE" --convert-to "$1" --outdir "$2")
    if [ -n "${4:-}" ]; then args+=("--infilter=$4"); fi
    soffice "${args[@]}" "$3" >/dev/null 2>&1
}

# 44 = comma, 34 = double quote, 76 = UTF-8; columns as text (2) so nothing is reinterpreted.
CSV_IN='CSV:44,34,76,1,1/2/2/2/3/2/4/2/5/2/6/2/7/2/8/2/9/2/10/2/11/2/12/2/13/2/14/2/15/2/16/2/17/2/18/2/19/2/20/2'
CSV_OUT='csv:Text - txt - csv (StarCalc):44,34,76'

failures=0
for variant in plain excel; do
    for csv in "$OUT/$variant"/*.csv; do
        name="$(basename "$csv" .csv)"
        work="$OUT/libreoffice/$variant"
        mkdir -p "$work/xlsx" "$work/back" "$work/pdf"
        # Headless LibreOffice ignores a BOM and reads the system charset unless told, so
        # both variants are read as UTF-8 (what its import dialog picks for them); the
        # Excel variant must then lose its BOM rather than keep it in the first cell.
        soffice_convert xlsx "$work/xlsx" "$csv" "$CSV_IN"
        soffice_convert pdf "$work/pdf" "$csv" "$CSV_IN"
        soffice_convert "$CSV_OUT" "$work/back" "$work/xlsx/$name.xlsx"
        pdftotext -layout "$work/pdf/$name.pdf" "$work/pdf/$name.txt"
        if ! python3 - "$csv" "$work/back/$name.csv" "$work/pdf/$name.txt" <<'PY'
import csv, io, sys
original, back, pdf_text = sys.argv[1:4]
def cells(path):
    text = open(path, encoding="utf-8-sig").read()
    return [c for row in csv.reader(io.StringIO(text)) for c in row]
japanese = lambda cells: sorted(c for c in cells if any(ord(ch) > 0x2E7F for ch in c))
before, after = japanese(cells(original)), japanese(cells(back))
problems = []
if not before:
    problems.append("no Japanese text in the CSV to check")
if cells(original) != cells(back):
    diff = [(a, b) for a, b in zip(cells(original), cells(back)) if a != b][:3]
    problems.append(f"cells changed in the xlsx round trip, e.g. {diff}")
if open(back, encoding="utf-8").read().startswith("\ufeff"):
    problems.append("the byte-order mark ended up in the first cell")
if before != after:
    lost = sorted(set(before) - set(after))[:5]
    problems.append(f"Japanese cells changed in the xlsx round trip, e.g. {lost}")
text = open(pdf_text, encoding="utf-8").read()
# Names of people and duty types must be readable in the PDF (long cells may be cut by the
# page width, so only cells of at most 12 characters are required).
missing = sorted({c for c in before if len(c) <= 12 and c not in text})[:5]
if missing:
    problems.append(f"not in the PDF text: {missing}")
for p in problems:
    print(f"FAIL {original}: {p}")
print(f"   {original}: {len(before)} Japanese cells " + ("ok" if not problems else "FAILED"))
sys.exit(1 if problems else 0)
PY
        then failures=$((failures + 1)); fi
    done
done

echo "== rota.html in headless Chromium"
CHROME=(chromium --headless --no-sandbox --disable-gpu --hide-scrollbars "--user-data-dir=$OUT/chromium-profile")
"${CHROME[@]}" --window-size=1240,1754 --screenshot="$OUT/rota-screen.png" "file://$OUT/plain/rota.html" >/dev/null 2>&1
"${CHROME[@]}" --no-pdf-header-footer --print-to-pdf="$OUT/rota-print.pdf" "file://$OUT/plain/rota.html" >/dev/null 2>&1
pdftoppm -png -r 80 -f 1 -l 1 "$OUT/rota-print.pdf" "$OUT/rota-print" >/dev/null
pages="$(pdfinfo "$OUT/rota-print.pdf" | awk '/^Pages:/ {print $2}')"
size="$(pdfinfo "$OUT/rota-print.pdf" | awk -F': *' '/^Page size:/ {print $2}')"
echo "   print: $pages page(s), $size"
case "$size" in
    *"595"*"842"*|*"594"*"841"*) ;;
    *) echo "FAIL rota-print.pdf is not A4: $size"; failures=$((failures + 1)) ;;
esac
pdftotext "$OUT/rota-print.pdf" "$OUT/rota-print.txt"
for expected in 佐藤 夜間当番 年末年始; do
    grep -q "$expected" "$OUT/rota-print.txt" || { echo "FAIL printed page lacks '$expected'"; failures=$((failures + 1)); }
done

# The golden page of the export tests has a public holiday (勤労感謝の日) and a gap.
"${CHROME[@]}" --window-size=1240,1400 --screenshot="$OUT/golden-screen.png" \
    "file://$PWD/Tests/TobanExportTests/Golden/rota.html" >/dev/null 2>&1
"${CHROME[@]}" --no-pdf-header-footer --print-to-pdf="$OUT/golden-print.pdf" \
    "file://$PWD/Tests/TobanExportTests/Golden/rota.html" >/dev/null 2>&1
pdftoppm -png -r 80 -f 1 -l 1 "$OUT/golden-print.pdf" "$OUT/golden-print" >/dev/null
pdftotext "$OUT/golden-print.pdf" "$OUT/golden-print.txt"
for expected in 勤労感謝の日 未充足; do
    grep -q "$expected" "$OUT/golden-print.txt" || { echo "FAIL printed golden page lacks '$expected'"; failures=$((failures + 1)); }
done

echo "== look at: $OUT/rota-screen.png, $OUT/rota-print-1.png, $OUT/golden-screen.png, $OUT/golden-print-1.png"
if [ "$failures" -gt 0 ]; then
    echo "== $failures check(s) failed"
    exit 1
fi
echo "== all external checks passed"
