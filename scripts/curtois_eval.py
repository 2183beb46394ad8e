#!/usr/bin/env python3
"""Independent evaluator for Curtois & Qu rosters.

Usage: curtois_eval.py INSTANCE.txt ROSTER.csv

Reads the instance (format of the benchmark's SOURCE.md) and a roster CSV with header
`staff,day,shift` (0-based days), checks every hard constraint and computes the objective
exactly as SOURCE.md defines it. It shares no code with Toban, so it is a second opinion on
both the solver and Toban's own checker.

Prints one JSON line {"objective": N, "feasible": bool, "violations": [...]} and exits 0 when the
roster is feasible, 1 when a hard constraint is broken, 2 on unreadable input.
"""
import csv
import json
import sys


def parse_instance(path):
    sections = {}
    current = None
    with open(path, encoding="utf-8", newline="") as f:
        for raw in f:
            line = raw.rstrip("\r\n").strip()
            if line.startswith("#"):
                continue
            if not line:
                current = None
                continue
            if line.startswith("SECTION_"):
                current = line
                sections[current] = []
                continue
            if current is None:
                raise ValueError(f"{path}: data outside a section: {line!r}")
            sections[current].append([x.strip() for x in line.split(",")])
    inst = {"horizon": int(sections["SECTION_HORIZON"][0][0])}
    inst["shifts"] = {}
    for sid, length, nxt in sections["SECTION_SHIFTS"]:
        inst["shifts"][sid] = {"length": int(length), "forbidden": set(x for x in nxt.split("|") if x)}
    inst["staff"] = {}
    for row in sections["SECTION_STAFF"]:
        sid, maxes = row[0], row[1]
        limits = {}
        for entry in maxes.split("|"):
            k, v = entry.split("=")
            limits[k] = int(v)
        mx_min, mn_min, mx_cons, mn_cons, mn_off, mx_we = map(int, row[2:8])
        inst["staff"][sid] = dict(max_shifts=limits, max_minutes=mx_min, min_minutes=mn_min, max_cons=mx_cons,
                                  min_cons=mn_cons, min_off=mn_off, max_weekends=mx_we)
    inst["days_off"] = {row[0]: set(int(d) for d in row[1:] if d) for row in sections.get("SECTION_DAYS_OFF", [])}
    inst["on"] = [(r[0], int(r[1]), r[2], int(r[3])) for r in sections.get("SECTION_SHIFT_ON_REQUESTS", [])]
    inst["off"] = [(r[0], int(r[1]), r[2], int(r[3])) for r in sections.get("SECTION_SHIFT_OFF_REQUESTS", [])]
    inst["cover"] = [(int(r[0]), r[1], int(r[2]), int(r[3]), int(r[4])) for r in sections.get("SECTION_COVER", [])]
    return inst


def read_roster(path, inst):
    roster = {}
    violations = []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != ["staff", "day", "shift"]:
            raise ValueError(f"{path}: header must be staff,day,shift, got {reader.fieldnames}")
        for n, row in enumerate(reader, start=2):
            s, d, t = row["staff"], int(row["day"]), row["shift"]
            if s not in inst["staff"] or t not in inst["shifts"] or not 0 <= d < inst["horizon"]:
                violations.append(f"line {n}: unknown staff, shift or day: {s},{d},{t}")
                continue
            if (s, d) in roster:
                violations.append(f"{s} day {d}: more than one shift")
            roster[(s, d)] = t
    return roster, violations


def blocks(works, h):
    """(start, length, working) of each maximal run of equal values."""
    out = []
    d = 0
    while d < h:
        e = d
        while e + 1 < h and works[e + 1] == works[d]:
            e += 1
        out.append((d, e - d + 1, works[d]))
        d = e + 1
    return out


def evaluate(inst, roster, violations):
    h = inst["horizon"]
    shifts = inst["shifts"]
    for s, st in inst["staff"].items():
        day_shift = [roster.get((s, d)) for d in range(h)]
        works = [x is not None for x in day_shift]
        for d in range(h - 1):
            a, b = day_shift[d], day_shift[d + 1]
            if a and b and b in shifts[a]["forbidden"]:
                violations.append(f"{s} day {d}: {b} may not follow {a}")
        for t in shifts:
            n = sum(1 for x in day_shift if x == t)
            if n > st["max_shifts"].get(t, h):
                violations.append(f"{s}: {n} shifts of {t}, max {st['max_shifts'].get(t, h)}")
        minutes = sum(shifts[x]["length"] for x in day_shift if x)
        if not st["min_minutes"] <= minutes <= st["max_minutes"]:
            violations.append(f"{s}: {minutes} minutes outside [{st['min_minutes']}, {st['max_minutes']}]")
        for start, length, working in blocks(works, h):
            inner = start > 0 and start + length < h  # exempt when touching day 0 or day h-1
            if working and length > st["max_cons"]:
                violations.append(f"{s}: {length} working days in a row from day {start}, max {st['max_cons']}")
            if working and inner and length < st["min_cons"]:
                violations.append(f"{s}: {length} working days in a row from day {start}, min {st['min_cons']}")
            if not working and inner and length < st["min_off"]:
                violations.append(f"{s}: {length} days off in a row from day {start}, min {st['min_off']}")
        weekends = sum(1 for k in range(h // 7) if works[7 * k + 5] or works[7 * k + 6])
        if weekends > st["max_weekends"]:
            violations.append(f"{s}: {weekends} weekends worked, max {st['max_weekends']}")
        for d in sorted(inst["days_off"].get(s, ())):
            if works[d]:
                violations.append(f"{s} day {d}: works on a fixed day off")
    objective = 0
    for s, d, t, w in inst["on"]:
        if roster.get((s, d)) != t:
            objective += w
    for s, d, t, w in inst["off"]:
        if roster.get((s, d)) == t:
            objective += w
    counts = {}
    for (s, d), t in roster.items():
        counts[(d, t)] = counts.get((d, t), 0) + 1
    for d, t, req, under, over in inst["cover"]:
        n = counts.get((d, t), 0)
        objective += (req - n) * under if n < req else (n - req) * over
    return objective, violations


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        inst = parse_instance(argv[1])
        roster, violations = read_roster(argv[2], inst)
    except (OSError, ValueError, KeyError, IndexError) as e:
        print(f"curtois_eval: {e}", file=sys.stderr)
        return 2
    objective, violations = evaluate(inst, roster, violations)
    print(json.dumps({"objective": objective, "feasible": not violations, "violations": violations}))
    return 0 if not violations else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
