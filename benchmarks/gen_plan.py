"""Generate a large random plan file for benchmarks.

Usage: python benchmarks/gen_plan.py N_TASKS OUT.toml [--deps-per-task 2] [--seed 1]
       [--progress 0.5]

Every task depends on up to ``deps`` earlier tasks (so the plan is a DAG), with a mix of
the four dependency types and lags; some tasks carry constraints. The result is what a
large programme plan looks like to the parser and the scheduler.

With ``progress`` (a share, 0..1), the plan gets a status date and `[progress.<id>]` tables
for that share of its tasks, the first ones in plan order (so every predecessor of a task
with progress has progress too: no out-of-sequence warnings): four in five of them done,
the rest under way (remaining days, a percentage, or neither).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path


def generate(n: int, deps: int = 2, seed: int = 1, holidays: bool = True,
             progress: float = 0.0) -> str:
    rng = random.Random(seed)
    out = [
        "[project]",
        f'name = "Generated plan with {n} tasks"',
        "start = 2017-01-02",
        'calendar = "ontario"' if holidays else "",
        f"status_date = {STATUS_DATE.isoformat()}" if progress else "",
        "",
    ]
    if holidays:
        out += ["[calendar.ontario]", 'holidays = "CA-ON"', ""]
    for i in range(n):
        out.append(f"[task.t{i}]")
        out.append(f'name = "Task {i}"')
        out.append(f"duration = {rng.randint(0, 10) if rng.random() > 0.05 else 0}")
        if i:
            k = min(i, deps)
            preds = sorted(rng.sample(range(max(0, i - 50), i), k))
            items = []
            for p in preds:
                r = rng.random()
                if r < 0.8:
                    items.append(f'"t{p}"')
                else:
                    kind = rng.choice(["SS", "FF", "SF", "FS"])
                    lag = rng.randint(-2, 3)
                    items.append(f'{{ task = "t{p}", type = "{kind}", lag = {lag} }}')
            out.append(f"depends = [{', '.join(items)}]")
        out.append("")
    if progress:
        out += _progress(rng, int(n * progress))
    return "\n".join(out)


STATUS_DATE = dt.date(2017, 6, 30)


def _progress(rng: random.Random, k: int) -> list[str]:
    """`[progress.<id>]` tables for tasks t0 .. t(k-1), dated up to `STATUS_DATE`."""
    out = []
    span = (STATUS_DATE - dt.date(2017, 1, 2)).days
    for i in range(k):
        a = dt.date(2017, 1, 2) + dt.timedelta(days=span * i // max(k, 1))
        out.append(f"[progress.t{i}]")
        out.append(f"actual_start = {a.isoformat()}")
        r = rng.random()
        if i < k * 4 // 5:
            f = min(STATUS_DATE, a + dt.timedelta(days=rng.randint(0, 14)))
            out.append(f"actual_finish = {f.isoformat()}")
        elif r < 0.4:
            out.append(f"remaining = {rng.randint(1, 10)}")
        elif r < 0.7:
            out.append(f"percent_complete = {rng.randint(0, 99)}")
        out.append("")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--deps-per-task", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-holidays", action="store_true")
    ap.add_argument("--progress", type=float, default=0.0,
                    help="share of tasks with progress (adds a status date)")
    a = ap.parse_args()
    a.out.write_text(generate(a.n, a.deps_per_task, a.seed, not a.no_holidays, a.progress),
                     encoding="utf-8")


if __name__ == "__main__":
    main()
