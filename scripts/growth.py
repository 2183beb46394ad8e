#!/usr/bin/env python3
"""Measures how solve time and memory grow with resources × months (issue 6's growth table).

    scripts/growth.py [--toban PATH] [--resources 10,30,100,250,500] [--months 1,3,6,12]
                      [--time-limit 60] [--strategy lns] [--threads 2] [--out out/growth]

For every pair it generates a scaled district (`scripts/generate-large-district.py --resources R
--months M`, seeded, deterministic), runs `toban solve` under `/usr/bin/time -v` and prints one
Markdown table row: resources, days, model size, status, objective, bound, gap, wall seconds and
peak resident memory. Every rota is re-checked by `toban solve` itself (the checker must price
it at the solver's objective), and again here with `toban check`.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--toban", default=os.path.join(ROOT, ".build", "release", "toban"))
    parser.add_argument("--resources", default="10,30,100,250,500")
    parser.add_argument("--months", default="1,3,6,12")
    parser.add_argument("--time-limit", type=float, default=60)
    parser.add_argument("--strategy", default="lns")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", default=os.path.join(ROOT, "out", "growth"))
    args = parser.parse_args()
    if not os.access(args.toban, os.X_OK):
        sys.exit(f"growth.py: {args.toban} is not an executable; build it with `swift build -c release --product toban`")
    if not os.access("/usr/bin/time", os.X_OK):
        sys.exit("growth.py: /usr/bin/time is missing (apt-get install -y time)")
    os.makedirs(args.out, exist_ok=True)
    print(f"| resources | days | variables | rows | status | objective | bound | gap | wall s | peak MB | check |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in [int(x) for x in args.resources.split(",")]:
        for m in [int(x) for x in args.months.split(",")]:
            print(measure(args, r, m), flush=True)


def measure(args, resources, months):
    name = f"r{resources}-m{months}"
    scenario = os.path.join(args.out, name + ".yaml")
    with open(scenario, "w") as f:
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "generate-large-district.py"),
                        "--resources", str(resources), "--months", str(months)], stdout=f, check=True)
    out = os.path.join(args.out, name)
    command = ["/usr/bin/time", "-v", args.toban, "solve", scenario, "--out", out, "--time-limit", str(args.time_limit),
               "--strategy", args.strategy, "--threads", str(args.threads)]
    started = time.monotonic()
    run = subprocess.run(command, capture_output=True, text=True)
    wall = time.monotonic() - started
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
    peak = f"{int(rss.group(1)) / 1024:.0f}" if rss else "?"
    count = sum(1 for line in open(scenario) if re.search(r"kind: (physician|nurse)\b", line) or
                re.search(r"kind: hospital, organisation:", line))
    report_path = os.path.join(out, "report.json")
    if run.returncode != 0 or not os.path.exists(report_path):
        reason = (run.stderr.strip().splitlines() or ["?"])[-1][:60]
        return f"| {count} | {days_of(scenario)} | | | no rota (exit {run.returncode}: {reason}) | | | | {wall:.1f} | {peak} | |"
    with open(report_path) as f:
        solver = json.load(f)["solver"]
    check = subprocess.run([args.toban, "check", scenario, os.path.join(out, "rota.csv")], capture_output=True, text=True)
    gap = solver.get("relativeGap")
    bound = solver.get("bound")
    return (f"| {count} | {days_of(scenario)} | {solver['variables']} | {solver['rows']} | {solver['termination']} | "
            f"{solver['objective']:g} | {'' if bound is None else f'{bound:.0f}'} | {'' if gap is None else f'{100 * gap:.1f} %'} | "
            f"{wall:.1f} | {peak} | {'ok' if check.returncode == 0 else 'FAIL'} |")


def days_of(scenario):
    import datetime
    text = open(scenario).read()
    found = re.search(r"horizon: \{start: (\S+), end: (\S+)\}", text)
    if not found:
        return "?"
    start, end = (datetime.date.fromisoformat(x) for x in found.groups())
    return (end - start).days + 1


if __name__ == "__main__":
    main()
