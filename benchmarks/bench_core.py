"""Core speed figures (issue: core plan files, validate and schedule).

Prints:
1. a 100,000-task plan (~200,000 dependencies): the stdlib's tomllib parse time, and the
   time and peak memory of `hsso-plan validate` and `hsso-plan schedule -f json`;
2. a 5,000-task plan TaskJuggler can express: `hsso-plan schedule` vs `tj3` (skipped
   without tj3), with a check that every date agrees;
3. start-up: `hsso-plan --version` vs a bare `python -c pass`.

Times are medians of ``--repeat`` runs (tj3: ``--tj-repeat`` rounds, each of ``--repeat``
runs of ours then one of tj3, the median of the rounds' ratios), each as CPU time (user +
system of the process: what a shared, loaded machine changes least) and wall time; the
ratios are of CPU times. The commands run this checkout's source (``src/`` on PYTHONPATH).

Usage: python benchmarks/bench_core.py [--tasks 100000] [--tj-tasks 5000] [--repeat 3]
       [--tj-repeat 1]        (--tj-tasks 0 skips the TaskJuggler comparison)
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
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))  # this checkout's hsso_plan, in this process too

from gen_plan import generate  # noqa: E402


class Run(NamedTuple):
    wall: float  # seconds
    cpu: float  # user + system seconds of the process
    rss: float  # peak resident memory, MiB


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[Run, int]:
    """One run of ``cmd``: its times and peak memory, and its exit status."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    return (Run(time.perf_counter() - t, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024),
            os.waitstatus_to_exitcode(status))


def measure(cmd: list[str], repeat: int, cwd: Path | None = None) -> Run:
    """Median wall and CPU time of ``repeat`` runs (each must exit 0), and the peak memory."""
    runs = []
    for _ in range(repeat):
        run, rc = timed(cmd, cwd)
        if rc != 0:
            raise SystemExit(f"{' '.join(cmd)} exited {rc}")
        runs.append(run)
    return Run(statistics.median(r.wall for r in runs), statistics.median(r.cpu for r in runs),
               max(r.rss for r in runs))


def this_checkout() -> list[str]:
    """The command that runs this checkout's hsso-plan: the console script users run (or
    ``python -m hsso_plan``), with this checkout's ``src`` first on the path.

    The source is compiled to bytecode first, as installing the package does: run from a
    checkout with ``PYTHONDONTWRITEBYTECODE`` set (as on the development machines), every
    run would otherwise compile hsso_plan's ~50 modules again, 0.1 s of CPU that no
    installed copy spends (2026-12-02: 0.53 vs 0.43 s for a 5,000-task schedule)."""
    import compileall

    src = HERE.parent / "src"
    compileall.compile_dir(src, quiet=1)
    os.environ["PYTHONPATH"] = str(src)
    script = Path(sys.executable).parent / "hsso-plan"
    return [str(script)] if script.exists() else [sys.executable, "-m", "hsso_plan"]


def _parse_cpu(text: str) -> float:
    """CPU seconds of one tomllib parse of ``text``."""
    t = time.process_time()
    tomllib.loads(text)
    return time.process_time() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--tasks", type=int, default=100_000)
    ap.add_argument("--tj-tasks", type=int, default=5_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--tj-repeat", type=int, default=1)
    a = ap.parse_args()
    exe = this_checkout()
    tmp = Path(tempfile.mkdtemp(prefix="hsso-bench-"))

    print(f"== {a.tasks:,}-task plan")
    big = tmp / "big.toml"
    big.write_text(generate(a.tasks, 2, seed=1), encoding="utf-8")
    text = big.read_text(encoding="utf-8")
    doc = tomllib.loads(text)
    deps = sum(len(t.get("depends", [])) for t in doc["task"].values())
    del doc
    print(f"file: {big.stat().st_size / 1e6:.1f} MB, about {deps:,} dependencies")
    tl = statistics.median(_parse_cpu(text) for _ in range(a.repeat))
    print(f"tomllib.loads alone:                {tl:6.2f} s CPU")
    v = measure([*exe, "validate", str(big)], a.repeat)
    print(f"hsso-plan validate:                 {v.cpu:6.2f} s CPU ({v.cpu / tl:.2f}x tomllib), "
          f"{v.wall:.2f} s wall, peak {v.rss:.0f} MiB")
    s = measure([*exe, "schedule", str(big), "-f", "json", "-o", str(tmp / "s.json")],
                a.repeat)
    print(f"hsso-plan schedule -f json -o FILE: {s.cpu:6.2f} s CPU ({s.cpu / tl:.2f}x tomllib), "
          f"{s.wall:.2f} s wall, peak {s.rss:.0f} MiB")
    print("targets: validate < 0.80x, schedule <= 0.50x tomllib; < 1024 MiB")

    print(f"\n== {a.tj_tasks:,}-task plan, hsso-plan vs TaskJuggler 3")
    tj3 = shutil.which("tj3")
    if a.tj_tasks <= 0:
        print("--tj-tasks 0: skipped")
    elif tj3 is None:
        print("tj3 not installed (apt-get install tj3): skipped")
    else:
        sys.path.insert(0, str(HERE.parent / "tests"))
        from tj3_support import random_tj_plan, read_tj3_csv, scheduled, tjp_text

        mid = tmp / "mid.toml"
        mid.write_text(random_tj_plan(7, a.tj_tasks), encoding="utf-8")
        out = scheduled(mid)
        sched = out.schedule
        assert sched is not None
        (tmp / "mid.tjp").write_text(tjp_text(out), encoding="utf-8")
        # Rounds: the median of --repeat runs of ours, then one tj3 run, --tj-repeat times;
        # each round's ratio is of runs minutes apart at most, and the figure is the median.
        ratios, walls = [], []
        for i in range(a.tj_repeat):
            ours = measure([*exe, "schedule", str(mid), "-f", "csv", "-o",
                            str(tmp / "m.csv")], a.repeat)
            theirs, rc = timed([tj3, "--silent", "mid.tjp"], cwd=tmp)
            if rc != 0:
                raise SystemExit(f"tj3 exited {rc}")
            ratios.append(theirs.cpu / ours.cpu)
            walls.append(theirs.wall / ours.wall)
            print(f"round {i + 1}: hsso-plan schedule {ours.cpu:5.2f} s CPU "
                  f"({ours.wall:.2f} s wall), tj3 {theirs.cpu:6.2f} s CPU ({theirs.wall:.2f} s "
                  f"wall): {ratios[-1]:.1f}x", flush=True)
        tj = read_tj3_csv(out, tmp)
        same = sum(tj[t.id] == (t.start, t.finish) for t in sched.tasks)
        print(f"dates equal to tj3's: {same:,} of {len(sched.tasks):,} tasks")
        ratios.sort()
        print(f"speed-up:           {statistics.median(ratios):7.1f}x CPU, median of "
              f"{len(ratios)} round(s) (range {ratios[0]:.1f}-{ratios[-1]:.1f}x), "
              f"{statistics.median(walls):.1f}x wall  (target >= 50x)")

    print("\n== start-up")
    n = 20
    bare = measure([sys.executable, "-c", "pass"], n)
    ver = measure([*exe, "--version"], n)
    print(f"python -c pass:        {bare.wall * 1000:6.1f} ms wall, {bare.cpu * 1000:6.1f} ms CPU")
    print(f"hsso-plan --version:   {ver.wall * 1000:6.1f} ms wall, {ver.cpu * 1000:6.1f} ms CPU "
          f"({ver.wall / bare.wall:.1f}x wall, target < 10x)")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
