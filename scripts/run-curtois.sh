#!/usr/bin/env bash
# Runs `toban curtois` over a set of Curtois & Qu instances and prints the table of docs/benchmarks.md.
#
#   scripts/run-curtois.sh [--time-limit S] [--runs N] [--highs] [INSTANCE_NUMBERS...]
#
# Defaults: instances 1-8, 60 s, 1 run. Each roster is re-checked by scripts/curtois_eval.py
# (independent of Toban); --runs N reports the median time and objective over N seeds;
# --highs adds HiGHS's time on the same MPS file (scripts/side-by-side.py).
# The data is read from $TOBAN_CURTOIS_DIR (default: ../shared/benchmarks/curtois).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
data="${TOBAN_CURTOIS_DIR:-$root/../shared/benchmarks/curtois}"
limit=60 runs=1 highs=0 instances=()
while [ $# -gt 0 ]; do
  case "$1" in
    --time-limit) limit="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --highs) highs=1; shift ;;
    *) instances+=("$1"); shift ;;
  esac
done
[ ${#instances[@]} -eq 0 ] && instances=(1 2 3 4 5 6 7 8)
toban="${TOBAN:-$root/.build/release/toban}"
[ -x "$toban" ] || { (cd "$root" && swift build -c release >&2); }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
echo "| instance | objective | bound | best known | status | toban time (s) | HiGHS time (s) / obj | evaluator |"
echo "|---|---|---|---|---|---|---|---|"
for n in "${instances[@]}"; do
  file="$data/Instance$n.txt"
  : > "$tmp/runs"
  for seed in $(seq 1 "$runs"); do
    if ! line="$("$toban" curtois "$file" --out "$tmp/out" --time-limit "$limit" --seed "$seed" --quiet)"; then
      # No roster (e.g. none found in time): a row that says so, and on to the next instance.
      echo "| Instance$n | no roster | - | - | no rota in ${limit} s | - | - | - |"
      continue 2
    fi
    eval_json="$(python3 "$root/scripts/curtois_eval.py" "$file" "$tmp/out/roster.csv" || true)"
    python3 - "$line" "$eval_json" >> "$tmp/runs" <<'PY'
import json, sys
r, e = json.loads(sys.argv[1]), json.loads(sys.argv[2])
ok = e["feasible"] and e["objective"] == r["objective"] == r["checker_cost"]
print(json.dumps({**r, "evaluator_ok": ok}))
PY
  done
  hs="-"
  if [ "$highs" = 1 ]; then
    hs="$(python3 "$root/scripts/side-by-side.py" --curtois "$file" --time-limit "$limit" --toban "$toban" \
          | python3 -c 'import json,sys; h=json.load(sys.stdin)["highs"]; print(f"{h["time_s"]:.1f} / {h["objective"]:.0f} ({h["status"]})")')"
  fi
  python3 - "$tmp/runs" "$hs" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
med = lambda k: statistics.median(r[k] for r in rows)
r0 = rows[0]
objs = sorted(r["objective"] for r in rows)
obj = f"{med('objective'):.0f}" + (f" ({objs[0]:.0f}–{objs[-1]:.0f})" if len(rows) > 1 else "")
bound = max((r["bound"] for r in rows if r["bound"] is not None), default=None)
print(f"| {r0['instance']} | {obj} | {bound if bound is not None else '-'} | {r0['best_known']} | "
      f"{'/'.join(sorted(set(r['status'] for r in rows)))} | {med('time_s'):.1f} | {sys.argv[2]} | "
      f"{'agree' if all(r['evaluator_ok'] for r in rows) else 'DISAGREE'} |")
PY
done
