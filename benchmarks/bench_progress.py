"""Benchmark: what progress tracking adds to `schedule` (core contract section 4).

Schedules a generated plan (default 100,000 tasks, ~200,000 dependencies) twice: as
planned, and with a status date and progress on half of its tasks (`gen_plan.py
--progress 0.5`: four in five of those done, the rest under way). Prints the best wall time
of each (`schedule -f json -o FILE`, this checkout's source) and the ratio. Target: the
projection adds no more than 10%.

Usage: python benchmarks/bench_progress.py [--tasks 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_core import best  # noqa: E402
from gen_plan import generate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--tasks", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    os.environ["PYTHONPATH"] = str(HERE.parent / "src")
    tmp = Path(tempfile.mkdtemp(prefix="hsso-bench-"))
    times = {}
    for label, share in (("as planned", 0.0), ("progress on half", 0.5)):
        plan = tmp / f"plan-{share}.toml"
        plan.write_text(generate(a.tasks, 2, seed=1, progress=share), encoding="utf-8")
        cmd = [sys.executable, "-m", "hsso_plan", "schedule", str(plan), "-f", "json",
               "-o", str(tmp / "s.json")]
        t, mem = best(cmd, a.repeat)
        times[label] = t
        print(f"{a.tasks:,} tasks, {label:17s} schedule -f json: {t:6.2f} s, peak {mem:.0f} MiB")
    ratio = times["progress on half"] / times["as planned"]
    print(f"progress adds {100 * (ratio - 1):+.1f}% (target: <= +10%)")


if __name__ == "__main__":
    main()
