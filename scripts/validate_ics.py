#!/usr/bin/env python3
"""Validate Toban's iCalendar exports with independent tools.

Usage:
    toban solve SCENARIO --out DIR
    python3 scripts/validate_ics.py DIR            (every *.ics under DIR)
    python3 scripts/validate_ics.py FILE.ics ...   (options: --no-khal)

For every .ics file:
  * the raw bytes: valid UTF-8, every line ends with CRLF (no bare LF or CR), no physical
    line longer than 75 octets without its CRLF, and no line fold that splits a UTF-8
    character (each physical line decodes on its own);
  * parsed by the Python `icalendar` package (a real RFC 5545 parser): VCALENDAR with
    VERSION 2.0, PRODID, CALSCALE GREGORIAN, METHOD PUBLISH and a calendar name; every VEVENT
    with UID, SEQUENCE, DTSTAMP, DTSTART, DTEND (later than DTSTART) and SUMMARY; times in UTC
    unless the file has a VTIMEZONE; UIDs unique within the file; an event that appears in
    several files (rota.ics, people/*.ics, organisations/*.ics) identical in each;
  * imported into Debian's `khal` calendar client (`khal import --batch`) into a fresh
    calendar of a temporary configuration, one import per folder: the import must succeed,
    print no warning, and store one event per VEVENT.

Installs what is missing: `khal` with apt-get (which also brings Debian's python3-icalendar),
and `icalendar` with pip only if it is still not importable. Exit status 0 when every check
passes, 1 when any fails (each failure printed with its file), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MAX_OCTETS = 75
REQUIRED_CALENDAR = ["VERSION", "PRODID", "CALSCALE", "METHOD"]
REQUIRED_EVENT = ["UID", "SEQUENCE", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"]


def ensure_khal() -> str | None:
    """The path of `khal`, installing the Debian package when missing (idempotent)."""
    found = shutil.which("khal")
    if found:
        return found
    apt = shutil.which("apt-get")
    if not apt:
        return None
    print("installing khal with apt-get", file=sys.stderr)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    quiet = {"stdout": subprocess.DEVNULL, "env": env}
    if subprocess.run(sudo + [apt, "install", "-y", "-qq", "khal"], **quiet).returncode != 0:
        subprocess.run(sudo + [apt, "update", "-qq"], **quiet)
        subprocess.run(sudo + [apt, "install", "-y", "-qq", "khal"], check=True, **quiet)
    return shutil.which("khal")


def import_icalendar():
    """The `icalendar` module: Debian's (a khal dependency) or else installed with pip."""
    try:
        return importlib.import_module("icalendar")
    except ImportError:
        print("installing the Python `icalendar` package with pip", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "icalendar"], check=True)
        importlib.invalidate_caches()
        return importlib.import_module("icalendar")


def check_bytes(path: Path, data: bytes, fail) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        fail(path, f"not valid UTF-8 at byte {error.start}")
        return
    if not data.endswith(b"\r\n"):
        fail(path, "the file does not end with CRLF")
    lines = data.split(b"\r\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for number, line in enumerate(lines, start=1):
        if b"\n" in line or b"\r" in line:
            fail(path, f"line {number}: a bare LF or CR (lines must end with CRLF)")
        if len(line) > MAX_OCTETS:
            fail(path, f"line {number}: {len(line)} octets, more than {MAX_OCTETS}")
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            fail(path, f"line {number}: a fold splits a UTF-8 character")


def is_utc(value) -> bool:
    if not isinstance(value, dt.datetime) or value.tzinfo is None:
        return False
    return value.utcoffset() == dt.timedelta(0)


def check_parsed(path: Path, data: bytes, icalendar, fail, seen: dict) -> int:
    """Checks the parsed calendar; returns the number of VEVENTs."""
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except Exception as error:  # the parser's own exceptions vary between versions
        fail(path, f"icalendar cannot parse it: {error}")
        return 0
    if calendar.name != "VCALENDAR":
        fail(path, f"top component is {calendar.name}, expected VCALENDAR")
    for prop in REQUIRED_CALENDAR:
        if prop not in calendar:
            fail(path, f"VCALENDAR lacks {prop}")
    if str(calendar.get("VERSION", "")) != "2.0":
        fail(path, "VERSION is not 2.0")
    if str(calendar.get("CALSCALE", "")).upper() != "GREGORIAN":
        fail(path, "CALSCALE is not GREGORIAN")
    if str(calendar.get("METHOD", "")).upper() != "PUBLISH":
        fail(path, "METHOD is not PUBLISH")
    if "NAME" not in calendar and "X-WR-CALNAME" not in calendar:
        fail(path, "the calendar has no NAME or X-WR-CALNAME")
    has_timezone = any(c.name == "VTIMEZONE" for c in calendar.walk())
    uids: set[str] = set()
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    for event in events:
        uid = str(event.get("UID", ""))
        where = f"event {uid or '(no UID)'}"
        for prop in REQUIRED_EVENT:
            if prop not in event:
                fail(path, f"{where} lacks {prop}")
        if uid in uids:
            fail(path, f"{where}: UID used twice in the file")
        uids.add(uid)
        start = event.get("DTSTART")
        end = event.get("DTEND")
        if start is None or end is None:
            continue
        start, end = start.dt, end.dt
        if not has_timezone and not (is_utc(start) and is_utc(end)):
            fail(path, f"{where}: times are not UTC and the file has no VTIMEZONE")
        try:
            if end <= start:
                fail(path, f"{where}: DTEND {end} is not after DTSTART {start}")
        except TypeError:
            fail(path, f"{where}: DTSTART and DTEND are of different kinds")
        if not str(event.get("SUMMARY", "")).strip():
            fail(path, f"{where}: empty SUMMARY")
        # The same duty in rota.ics and in a person's calendar must be the same event.
        content = event.to_ical()
        if uid in seen and seen[uid][1] != content:
            fail(path, f"{where}: differs from the event with the same UID in {seen[uid][0]}")
        seen.setdefault(uid, (path, content))
    return len(events)


KHAL_CONFIG = """[calendars]
[[toban]]
path = {path}
type = calendar
[locale]
local_timezone = Asia/Tokyo
default_timezone = Asia/Tokyo
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
[default]
default_calendar = toban
"""


def check_khal(paths: list[Path], events: int, khal: str, fail) -> None:
    """Imports `paths` (one folder's files, whose UIDs must be distinct) in one khal run."""
    path = paths[0].parent
    with tempfile.TemporaryDirectory(prefix="toban-khal-") as temp:
        store = Path(temp) / "calendar"
        store.mkdir()
        config = Path(temp) / "config"
        config.write_text(KHAL_CONFIG.format(path=store), encoding="utf-8")
        env = dict(os.environ, XDG_DATA_HOME=temp, XDG_CACHE_HOME=temp, XDG_CONFIG_HOME=temp)
        result = subprocess.run(
            [khal, "-c", str(config), "import", "--batch", "-a", "toban"] + [str(p) for p in paths],
            capture_output=True, text=True, env=env, timeout=120,
        )
        output = (result.stdout + result.stderr).strip()
        if result.returncode != 0:
            fail(path, f"khal import failed (exit {result.returncode}): {output}")
            return
        if output:
            fail(path, f"khal import printed warnings: {output}")
        stored = len(list(store.glob("*.ics")))
        if stored != events:
            fail(path, f"khal stored {stored} events, the {len(paths)} files have {events} (a UID used twice?)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="+", help="export folders or .ics files")
    parser.add_argument("--no-khal", action="store_true", help="skip the import into khal")
    args = parser.parse_args()

    files: list[Path] = []
    for name in args.paths:
        p = Path(name)
        if p.is_dir():
            files += sorted(p.rglob("*.ics"))
        elif p.is_file():
            files.append(p)
        else:
            print(f"{name}: no such file or folder", file=sys.stderr)
            return 2
    if not files:
        print("no .ics files found", file=sys.stderr)
        return 2

    khal = None if args.no_khal else ensure_khal()
    if not args.no_khal and khal is None:
        print("khal is missing and cannot be installed (no apt-get); use --no-khal", file=sys.stderr)
        return 2
    icalendar = import_icalendar()

    failures: list[str] = []

    def fail(path: Path, message: str) -> None:
        failures.append(f"{path}: {message}")

    seen: dict = {}
    total = 0
    by_folder: dict[Path, tuple[list[Path], int]] = {}
    for path in files:
        data = path.read_bytes()
        check_bytes(path, data, fail)
        events = check_parsed(path, data, icalendar, fail, seen)
        total += events
        group, count = by_folder.get(path.parent, ([], 0))
        by_folder[path.parent] = (group + [path], count + events)
    if khal:
        # One import per folder keeps CI fast; a folder's calendars (people/*.ics) never share
        # a UID, while rota.ics repeats every person's events, so folders are kept apart.
        for folder in sorted(by_folder):
            group, count = by_folder[folder]
            check_khal(group, count, khal, fail)

    for line in failures:
        print("FAIL " + line)
    tools = f"icalendar {getattr(icalendar, '__version__', '?')}" + (", khal import" if khal else "")
    print(f"{len(files)} calendar files, {total} events checked ({tools}): "
          + ("all valid" if not failures else f"{len(failures)} problems"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
