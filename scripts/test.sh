#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs GLPK when missing, runs `swift test`,
# then the external cross-checks (Japanese holidays against Python's `holidays` package, and
# the exported .ics files against Python's `icalendar` parser and Debian's `khal`).
# The LibreOffice/Chromium checks are not run here: see scripts/check-exports-external.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh

# SwiftPM's incremental build can keep a dependent module compiled against an old layout of a
# public struct (a stored property added or removed), which then reads wrong values or crashes
# ("freed pointer was not the last allocation"). When any source changed since the last run
# here, every Swift file is touched so all modules are rebuilt; a fresh clone builds all anyway.
sources_stamp=.build/test-sources.sha256
sources_hash="$(find Sources Tests -name '*.swift' -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)"
if [ -f "$sources_stamp" ] && [ "$(cat "$sources_stamp")" != "$sources_hash" ]; then
    echo "== sources changed since the last test run: rebuilding every module"
    find Sources Tests -name '*.swift' -exec touch {} +
fi
swift build --product toban
swift build --build-tests
mkdir -p .build && echo "$sources_hash" > "$sources_stamp"
swift test --skip-build

echo "== cross-check: Japanese holidays 1970–2099 against python-holidays"
.build/debug/toban holidays --from 1970 --to 2099 --language en > .build/holidays.csv
python3 scripts/crosscheck-holidays.py .build/holidays.csv

if [ -f scripts/validate_ics.py ]; then
    echo "== external validation: iCalendar files of the bundled example"
    rm -rf .build/example-out
    SOURCE_DATE_EPOCH=1764547200 .build/debug/toban solve instances/ward-association-december.yaml --out .build/example-out --quiet > /dev/null
    # The golden export of the unit tests adds gap events, bed duties and organisations.
    python3 scripts/validate_ics.py .build/example-out Tests/TobanExportTests/Golden
fi
echo "== all tests passed"
