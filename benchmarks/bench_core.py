"""Core speed figures (issue: core plan files, validate and schedule).

Prints:
1. a 100,000-task plan (~200,000 dependencies): the stdlib's tomllib parse time, and the
   wall time and peak memory of `hsso-plan validate` and `hsso-plan schedule -f json`;
2. a 5,000-task plan TaskJuggler can express: `hsso-plan schedule` vs `tj3` wall time
   (skipped without tj3);
3. start-up: `hsso-plan --version` vs a bare `python -c pass`.

Usage: python benchmarks/bench_core.py [--tasks 100000] [--tj-tasks 5000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from gen_plan import generate  # noqa: E402


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """Wall seconds, peak RSS (MiB) and exit status of one run of ``cmd``."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    return time.perf_counter() - t, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def best(cmd: list[str], repeat: int, cwd: Path | None = None) -> tuple[float, float]:
    runs = [timed(cmd, cwd) for _ in range(repeat)]
    for _, _, rc in runs:
        if rc != 0:
            raise SystemExit(f"{' '.join(cmd)} exited {rc}")
    return min(r[0] for r in runs), max(r[1] for r in runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--tasks", type=int, default=100_000)
    ap.add_argument("--tj-tasks", type=int, default=5_000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    exe = shutil.which("hsso-plan") or str(Path(sys.executable).parent / "hsso-plan")
    tmp = Path(tempfile.mkdtemp(prefix="hsso-bench-"))

    print(f"== {a.tasks:,}-task plan")
    big = tmp / "big.toml"
    big.write_text(generate(a.tasks, 2, seed=1), encoding="utf-8")
    text = big.read_text(encoding="utf-8")
    doc = tomllib.loads(text)
    deps = sum(len(t.get("depends", [])) for t in doc["task"].values())
    del doc
    print(f"file: {big.stat().st_size / 1e6:.1f} MB, about {deps:,} dependencies")
    tl = min(_time(lambda: tomllib.loads(text)) for _ in range(a.repeat))
    print(f"tomllib.loads alone:                {tl:6.2f} s")
    v, vm = best([exe, "validate", str(big)], a.repeat)
    print(f"hsso-plan validate:                 {v:6.2f} s  ({v / tl:.2f}x tomllib), "
          f"peak {vm:.0f} MiB")
    s, sm = best([exe, "schedule", str(big), "-f", "json", "-o", str(tmp / "s.json")], a.repeat)
    print(f"hsso-plan schedule -f json -o FILE: {s:6.2f} s  ({s / tl:.2f}x tomllib), "
          f"peak {sm:.0f} MiB")
    print("target: < 0.80x tomllib, < 1024 MiB")

    print(f"\n== {a.tj_tasks:,}-task plan, hsso-plan vs TaskJuggler 3")
    tj3 = shutil.which("tj3")
    if tj3 is None:
        print("tj3 not installed (apt-get install tj3): skipped")
    else:
        sys.path.insert(0, str(HERE.parent / "tests"))
        from tj3_support import random_tj_plan, tjp_text

        from hsso_plan.app import run

        mid = tmp / "mid.toml"
        mid.write_text(random_tj_plan(7, a.tj_tasks), encoding="utf-8")
        plan = run(mid).loaded.plan
        assert plan is not None
        (tmp / "mid.tjp").write_text(tjp_text(plan), encoding="utf-8")
        ours, _ = best([exe, "schedule", str(mid), "-f", "csv", "-o", str(tmp / "m.csv")],
                       a.repeat)
        theirs, _ = best([tj3, "--silent", "mid.tjp"], 1, cwd=tmp)
        from tj3_support import read_tj3_csv

        sched = run(mid).schedule
        assert sched is not None
        tj = read_tj3_csv(plan, tmp)
        same = sum(tj[t.id] == (t.start, t.finish) for t in sched.tasks)
        print(f"dates equal to tj3's: {same:,} of {len(sched.tasks):,} tasks")
        print(f"hsso-plan schedule: {ours:7.2f} s")
        print(f"tj3:                {theirs:7.2f} s")
        print(f"speed-up:           {theirs / ours:7.1f}x  (target >= 25x)")

    print("\n== start-up")
    n = 20
    bare = statistics.median(timed([sys.executable, "-c", "pass"])[0] for _ in range(n))
    ver = statistics.median(timed([exe, "--version"])[0] for _ in range(n))
    print(f"python -c pass:        {bare * 1000:6.1f} ms")
    print(f"hsso-plan --version:   {ver * 1000:6.1f} ms  ({ver / bare:.1f}x, target < 10x)")
    shutil.rmtree(tmp, ignore_errors=True)


def _time(fn: object) -> float:
    t = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - t


if __name__ == "__main__":
    main()
