"""`schedule -f json` of a 100,000-task plan against the stdlib tomllib parse of the same
file, each a fresh process, one after the other, N times (issue 8's "at most 0.5x").

On a machine whose speed swings from one run to the next, a pair run back to back sees
about the same machine; the median of the pairs' ratios is the figure. (`bench_core.py`
prints one in-process parse against the median of its runs, which those swings move more.)

Usage: python benchmarks/bench_pairs.py [--tasks 100000] [--pairs 9] [--plan FILE]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_core import this_checkout, timed  # noqa: E402
from gen_plan import generate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--tasks", type=int, default=100_000)
    ap.add_argument("--pairs", type=int, default=9)
    ap.add_argument("--plan", type=Path, help="an existing plan (default: generate one)")
    a = ap.parse_args()
    exe = this_checkout()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        plan = a.plan or tmp / "plan.toml"
        if a.plan is None:
            plan.write_text(generate(a.tasks, seed=1), encoding="utf-8")
        parse = [sys.executable, "-c",
                 "import sys, tomllib; tomllib.load(open(sys.argv[1], 'rb'))", str(plan)]
        ours = [*exe, "schedule", str(plan), "-f", "json", "-o", str(tmp / "out.json")]
        tl, us = [], []
        for i in range(a.pairs):
            (t, rc1), (u, rc2) = timed(parse), timed(ours)
            if rc1 or rc2:
                raise SystemExit(f"exit status {rc1} / {rc2}")
            tl.append(t.cpu)
            us.append(u.cpu)
            print(f"pair {i + 1}: tomllib {t.cpu:5.2f} s, schedule {u.cpu:5.2f} s CPU: "
                  f"{u.cpu / t.cpu:.3f}x", flush=True)
    ratios = sorted(u / t for u, t in zip(us, tl, strict=True))
    print(f"median CPU: tomllib {statistics.median(tl):.2f} s, schedule "
          f"{statistics.median(us):.2f} s; ratio: median {statistics.median(ratios):.3f}x "
          f"(range {ratios[0]:.3f}-{ratios[-1]:.3f}x; target <= 0.5x)")


if __name__ == "__main__":
    main()
