"""Generate a large random plan file for benchmarks.

Usage: python benchmarks/gen_plan.py N_TASKS OUT.toml [--deps-per-task 2] [--seed 1]

Every task depends on up to ``deps`` earlier tasks (so the plan is a DAG), with a mix of
the four dependency types and lags; some tasks carry constraints. The result is what a
large programme plan looks like to the parser and the scheduler.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path


def generate(n: int, deps: int = 2, seed: int = 1, holidays: bool = True) -> str:
    rng = random.Random(seed)
    out = [
        "[project]",
        f'name = "Generated plan with {n} tasks"',
        "start = 2017-01-02",
        'calendar = "ontario"' if holidays else "",
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
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--deps-per-task", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-holidays", action="store_true")
    a = ap.parse_args()
    a.out.write_text(generate(a.n, a.deps_per_task, a.seed, not a.no_holidays), encoding="utf-8")


if __name__ == "__main__":
    main()
