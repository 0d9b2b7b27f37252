"""Benchmark: what progress tracking adds to `schedule` (core contract section 4).

Schedules a generated plan (default 100,000 tasks, ~200,000 dependencies) twice: as
planned, and with a status date and progress on half of its tasks (`gen_plan.py
--progress 0.5`: four in five of those done, the rest under way). Prints the median CPU and
wall time of each (`schedule -f json -o FILE`, this checkout's source; the runs of the two
plans alternate, so a change in the machine's load falls on both) and the ratio of the CPU
times. Target: the projection adds no more than 10%.

Usage: python benchmarks/bench_progress.py [--tasks 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_core import Run, this_checkout, timed  # noqa: E402
from gen_plan import generate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--tasks", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    exe = this_checkout()
    tmp = Path(tempfile.mkdtemp(prefix="hsso-bench-"))
    labels = {"as planned": 0.0, "progress on half": 0.5}
    cmds = {}
    for label, share in labels.items():
        plan = tmp / f"plan-{share}.toml"
        plan.write_text(generate(a.tasks, 2, seed=1, progress=share), encoding="utf-8")
        cmds[label] = [*exe, "schedule", str(plan), "-f", "json", "-o", str(tmp / "s.json")]
    runs: dict[str, list[Run]] = {label: [] for label in labels}
    for _ in range(a.repeat):
        for label, cmd in cmds.items():
            run, rc = timed(cmd)
            if rc != 0:
                raise SystemExit(f"{' '.join(cmd)} exited {rc}")
            runs[label].append(run)
    cpu = {}
    for label, rs in runs.items():
        cpu[label] = statistics.median(r.cpu for r in rs)
        print(f"{a.tasks:,} tasks, {label:17s} schedule -f json: {cpu[label]:6.2f} s CPU, "
              f"{statistics.median(r.wall for r in rs):6.2f} s wall, "
              f"peak {max(r.rss for r in rs):.0f} MiB")
    ratio = cpu["progress on half"] / cpu["as planned"]
    print(f"progress adds {100 * (ratio - 1):+.1f}% CPU time (target: <= +10%)")


if __name__ == "__main__":
    main()
