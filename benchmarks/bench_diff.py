"""`hsso-plan diff` of two large plans against one `hsso-plan schedule` (issue 9 target:
diff of two 100,000-task plans in at most 2.2x the time of one schedule of one of them).

The new plan is the old one with one task in a hundred a day longer, so thousands of tasks
move and each gets its cause. Both commands write JSON to a file. Each of --repeat pairs runs
`schedule` and then `diff`, fresh processes back to back (on a machine whose speed swings, a
pair sees about the same machine); the figure is the median of the pairs' ratios of CPU time
(user + system), with wall time beside it.

Usage: python benchmarks/bench_diff.py [--tasks 100000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_core import this_checkout, timed  # noqa: E402
from gen_plan import generate  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--tasks", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="hsso-bench-diff-"))
    old, new = tmp / "old.toml", tmp / "new.toml"
    text = generate(a.tasks, 2, seed=1)
    old.write_text(text, encoding="utf-8")
    count = [0]

    def longer(m: re.Match[str]) -> str:
        count[0] += 1
        return f"duration = {int(m.group(1)) + 1}" if count[0] % 100 == 0 else m.group(0)

    new.write_text(re.sub(r"^duration = (\d+)", longer, text, flags=re.M), encoding="utf-8")
    exe = this_checkout()
    sched = [*exe, "schedule", str(old), "-f", "json", "-o", str(tmp / "s.json")]
    diff = [*exe, "diff", str(old), str(new), "-f", "json", "-o", str(tmp / "d.json")]
    cpu, wall = [], []
    for i in range(a.repeat):
        (s, rc1), (d, rc2) = timed(sched), timed(diff)
        # Generated plans may miss a deadline or two (exit 1): a timing, not a verdict.
        if rc1 not in (0, 1) or rc2 not in (0, 1):
            raise SystemExit(f"exit status {rc1} / {rc2}")
        cpu.append(d.cpu / s.cpu)
        wall.append(d.wall / s.wall)
        print(f"pair {i + 1}: schedule {s.cpu:5.2f} s, diff {d.cpu:5.2f} s CPU: "
              f"{d.cpu / s.cpu:.2f}x ({d.wall / s.wall:.2f}x wall)", flush=True)
    moved = len(json.loads((tmp / "d.json").read_text(encoding="utf-8"))["moved"])
    cpu.sort()
    print(f"{a.tasks:,}-task plans, {moved:,} tasks moved")
    print(f"diff / schedule: median {statistics.median(cpu):.2f}x CPU (range "
          f"{cpu[0]:.2f}-{cpu[-1]:.2f}x), {statistics.median(wall):.2f}x wall; target <= 2.2x")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
