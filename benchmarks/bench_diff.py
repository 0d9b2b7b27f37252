"""`hsso-plan diff` of two large plans against one `hsso-plan schedule` (issue 9 target:
diff of two 100,000-task plans in at most 2.2x the time of one schedule of one of them).

The new plan is the old one with one task in a hundred a day longer, so thousands of tasks
move and each gets its cause. Both commands write JSON to a file; the best of --repeat runs.

Usage: python benchmarks/bench_diff.py [--tasks 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_plan import generate  # noqa: E402


def best(cmd: list[str], repeat: int, ok: tuple[int, ...] = (0,)) -> float:
    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                           check=False)
        times.append(time.perf_counter() - t)
        if p.returncode not in ok:
            raise SystemExit(f"{' '.join(cmd)} exited {p.returncode}")
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--tasks", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
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
    exe = [sys.executable, "-m", "hsso_plan"]
    # Generated plans may miss a deadline or two (exit 1): a timing, not a verdict.
    s = best([*exe, "schedule", str(old), "-f", "json", "-o", str(tmp / "s.json")], a.repeat,
             (0, 1))
    d = best([*exe, "diff", str(old), str(new), "-f", "json", "-o", str(tmp / "d.json")],
             a.repeat, (0, 1))
    import json

    moved = len(json.loads((tmp / "d.json").read_text(encoding="utf-8"))["moved"])
    print(f"{a.tasks:,}-task plans, {moved:,} tasks moved")
    print(f"hsso-plan schedule -f json -o FILE: {s:6.2f} s")
    print(f"hsso-plan diff OLD NEW -f json:     {d:6.2f} s  ({d / s:.2f}x schedule, "
          "target <= 2.2x)")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
