#!/usr/bin/env python3
"""Solve the same compiled model with Toban (GLPK) and with HiGHS, side by side.

Usage:
  scripts/side-by-side.py SCENARIO.yaml        [--time-limit S] [--toban PATH]
  scripts/side-by-side.py --curtois INSTANCE.txt [--time-limit S] [--toban PATH] [--strategy lns|direct]

1. `toban model ... --mps FILE` writes the model Toban compiles (the same file for both).
2. HiGHS (highspy, pip-installed when missing) solves that MPS file, single thread, same time limit.
3. Toban solves the scenario/instance through its own pipeline (GLPK, checker): `toban curtois` for
   an instance, `toban solve` for a scenario.
Prints one JSON line with both objectives, bounds and wall-clock times, so the ratio is measured.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def ensure_highspy():
    try:
        import highspy  # noqa: F401
    except ImportError:
        subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "highspy"])
    import highspy
    return highspy


def solve_highs(mps, time_limit):
    highspy = ensure_highspy()
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("threads", 1)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("mip_rel_gap", 0.0)
    started = time.monotonic()
    h.readModel(mps)
    h.run()
    elapsed = time.monotonic() - started
    info = h.getInfo()
    status = h.modelStatusToString(h.getModelStatus())
    return {"status": status, "objective": info.objective_function_value, "bound": info.mip_dual_bound,
            "time_s": round(elapsed, 3)}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("input")
    p.add_argument("--curtois", action="store_true", help="the input is a Curtois & Qu instance")
    p.add_argument("--time-limit", type=float, default=60)
    p.add_argument("--toban", default=os.path.join(ROOT, ".build", "release", "toban"))
    p.add_argument("--strategy", default="lns")
    p.add_argument("--threads", type=int, default=2)
    a = p.parse_args()
    toban = a.toban if os.path.exists(a.toban) else os.path.join(ROOT, ".build", "debug", "toban")
    with tempfile.TemporaryDirectory() as tmp:
        mps = os.path.join(tmp, "model.mps")
        cmd = [toban, "model", a.input, "--mps", mps] + (["--curtois"] if a.curtois else [])
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        highs = solve_highs(mps, a.time_limit)
        out = os.path.join(tmp, "out")
        started = time.monotonic()
        if a.curtois:
            r = subprocess.run([toban, "curtois", a.input, "--out", out, "--time-limit", str(a.time_limit), "--quiet",
                                "--strategy", a.strategy, "--threads", str(a.threads)],
                               capture_output=True, text=True)
            elapsed = time.monotonic() - started
            if r.returncode != 0:
                sys.exit(f"toban failed: {r.stderr}")
            t = json.loads(r.stdout.strip().splitlines()[-1])
            glpk = {"status": t["status"], "objective": t["objective"], "bound": t["bound"], "time_s": round(elapsed, 3)}
        else:
            r = subprocess.run([toban, "solve", a.input, "--out", out, "--time-limit", str(a.time_limit), "--quiet"],
                               capture_output=True, text=True)
            elapsed = time.monotonic() - started
            if r.returncode != 0:
                sys.exit(f"toban failed: {r.stderr}")
            m = re.search(r"status\s+(\S+) \(objective (\S+), bound (\S+),", r.stdout)
            glpk = {"status": m.group(1), "objective": float(m.group(2)),
                    "bound": None if m.group(3) == "-" else float(m.group(3)), "time_s": round(elapsed, 3)} if m else {}
    name = os.path.splitext(os.path.basename(a.input))[0]
    ratio = round(glpk["time_s"] / highs["time_s"], 2) if glpk.get("time_s") and highs["time_s"] > 0 else None
    print(json.dumps({"input": name, "time_limit": a.time_limit, "toban_glpk": glpk, "highs": highs,
                      "time_ratio_glpk_over_highs": ratio}))


if __name__ == "__main__":
    main()
