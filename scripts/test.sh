#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs GLPK when missing, runs `swift test`,
# then the external cross-checks (Japanese holidays against Python's `holidays` package, and
# the exported .ics files against Python's `icalendar` parser and Debian's `khal`).
# The LibreOffice/Chromium checks are not run here: see scripts/check-exports-external.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup.sh
swift build --product toban
swift test

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
