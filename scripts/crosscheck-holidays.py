#!/usr/bin/env python3
"""Cross-check Toban's Japanese holidays against the Python `holidays` package.

Usage:
    toban holidays --from 1970 --to 2099 > hol.csv
    python3 scripts/crosscheck-holidays.py hol.csv
    toban holidays --from 1970 --to 2099 | python3 scripts/crosscheck-holidays.py
    (options: --from YEAR --to YEAR, default 1970 and 2099)

Input: CSV with a header line, the date (YYYY-MM-DD) in the first column and a name in
the second (`date,name`). Only dates are compared: names differ between sources (English
renderings, 振替休日 vs "Substitute Holiday", ...).

Source of truth: the National Holidays Act (国民の祝日に関する法律) with its amendments, the
special laws for imperial ceremonies (1959, 1989, 1990, 1993, 2019) and the Tokyo Olympics
special measures law (2020, 2021 moves), as published by the Cabinet Office (内閣府「国民の祝日」)
together with the equinox days that the National Astronomical Observatory of Japan publishes
in the official gazette (暦要項) each February for the following year.

Why sources can disagree:
  * Equinox days are only fixed about a year ahead. Beyond that every source forecasts:
    Toban uses the customary approximation formula, the `holidays` package a hand-written
    table; equinoxes that fall within minutes of midnight JST (e.g. autumn 2074 at about
    00:02) could be forecast differently, and ΔT (Earth's rotation) is uncertain decades out.
  * Future amendments of the Act and future one-off days (imperial ceremonies, events like
    the Olympics) are unknown to both sources until enacted, and each updates on its own.
  * The `holidays` package only covers Japan from `Japan.start_year` (1949) and up to
    `Japan.end_year` (2099); Toban starts with the Act on 20 July 1948.
  * Older releases of `holidays` had bugs for Japan; the script therefore requires a
    minimum version and upgrades with pip when an older or no release is installed.

Disagreements listed in KNOWN_DIFFERENCES (with a reason) are printed but do not fail the
run; years outside the package's coverage are reported and skipped. Any other disagreement
is printed with its date and makes the script exit 1.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib
import subprocess
import sys

# The release this script and KNOWN_DIFFERENCES were verified against; older ones are upgraded.
MIN_HOLIDAYS_VERSION = (0, 109)

# date -> reason. Dates where Toban and `holidays` legitimately disagree. With holidays 0.109
# the two agree on every date of 1970–2099, so the table is empty; add an entry only with a
# reason that says which source follows the law (or why neither can be known yet), e.g.
#   "2074-09-23": "autumnal equinox forecast near midnight JST; package table differs",
KNOWN_DIFFERENCES: dict[str, str] = {}


def parse_version(text: str) -> tuple[int, ...]:
    parts = []
    for piece in text.split("."):
        digits = "".join(ch for ch in piece if ch.isdigit())
        if not digits:
            break
        parts.append(int(digits))
    return tuple(parts)


def load_holidays_package():
    """Import `holidays`, installing or upgrading it with pip when missing or too old."""
    try:
        module = importlib.import_module("holidays")
        if parse_version(getattr(module, "__version__", "0")) >= MIN_HOLIDAYS_VERSION:
            return module
        print(f"holidays {module.__version__} is too old; upgrading with pip", file=sys.stderr)
    except ImportError:
        print("installing the Python `holidays` package with pip", file=sys.stderr)
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--upgrade", "holidays"],
        check=True,
    )
    importlib.invalidate_caches()
    for name in [n for n in sys.modules if n == "holidays" or n.startswith("holidays.")]:
        del sys.modules[name]
    return importlib.import_module("holidays")


def read_dates(stream) -> dict[dt.date, str]:
    """The dates (and names, for messages) in a `date,name` CSV with a header line."""
    reader = csv.reader(stream)
    header = next(reader, None)
    if header is None or not header or header[0].strip().lower() != "date":
        raise SystemExit(f"error: expected a header line starting with 'date', got {header!r}")
    dates: dict[dt.date, str] = {}
    for line_number, row in enumerate(reader, start=2):
        if not row or not row[0].strip():
            continue
        try:
            day = dt.date.fromisoformat(row[0].strip())
        except ValueError:
            raise SystemExit(f"error: line {line_number}: bad date {row[0]!r}")
        if day in dates:
            raise SystemExit(f"error: line {line_number}: date {day} listed twice")
        dates[day] = row[1].strip() if len(row) > 1 else ""
    return dates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", nargs="?", help="CSV file (default: standard input)")
    parser.add_argument("--from", dest="first", type=int, default=1970)
    parser.add_argument("--to", dest="last", type=int, default=2099)
    args = parser.parse_args()

    if args.csv and args.csv != "-":
        with open(args.csv, newline="", encoding="utf-8") as handle:
            ours = read_dates(handle)
    else:
        ours = read_dates(sys.stdin)

    holidays = load_holidays_package()
    japan_class = holidays.country_holidays("JP").__class__
    covered = range(
        max(args.first, getattr(japan_class, "start_year", args.first)),
        min(args.last, getattr(japan_class, "end_year", args.last)) + 1,
    )
    skipped = [y for y in range(args.first, args.last + 1) if y not in covered]
    theirs = {d: str(n) for d, n in holidays.country_holidays("JP", years=list(covered)).items()}

    ours_in_range = {d: n for d, n in ours.items() if d.year in covered}
    unexpected: list[str] = []
    known: list[str] = []
    for day in sorted(set(ours_in_range) | set(theirs)):
        if (day in ours_in_range) == (day in theirs):
            continue
        if day in ours_in_range:
            line = f"{day}  only in Toban      ({ours_in_range[day]})"
        else:
            line = f"{day}  only in holidays   ({theirs[day]})"
        reason = KNOWN_DIFFERENCES.get(day.isoformat())
        (known if reason else unexpected).append(f"{line}  KNOWN: {reason}" if reason else line)

    years_in_csv = {d.year for d in ours}
    missing_years = [y for y in covered if y not in years_in_csv]

    print(f"holidays {holidays.__version__}: compared {len(covered)} years "
          f"({covered.start}-{covered.stop - 1}), {len(ours_in_range)} Toban dates, "
          f"{len(theirs)} package dates")
    if skipped:
        print(f"KNOWN: years {', '.join(map(str, skipped))} skipped: the package does not cover them")
    for line in known:
        print(line)
    if missing_years:
        print(f"no Toban dates at all for years: {missing_years}")
    for line in unexpected:
        print(line)
    stale = sorted(set(KNOWN_DIFFERENCES) - {d.isoformat() for d in set(ours_in_range) ^ set(theirs)})
    if stale:
        print(f"note: KNOWN_DIFFERENCES entries that no longer differ: {stale}")
    if unexpected or missing_years:
        print(f"FAILED: {len(unexpected)} unexpected disagreement(s)")
        return 1
    print(f"OK: no unexpected disagreements ({len(known)} known)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
