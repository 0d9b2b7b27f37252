"""Benchmark: what progress adds to each stage of `schedule -f json`, in process.

Generates the two plans of `bench_progress.py` (default 100,000 tasks: as planned, and with
a status date and progress on half of the tasks), then times each stage of the run in this
process, as `app.run` and the JSON writer go: reading (TOML and pydantic), the plan checks,
the network, scheduling (with the timeline facts), the migration view and the JSON text.
Prints the best CPU time of ``--repeat`` runs of each stage for both plans and the
difference: where the time that progress adds goes. (`bench_progress.py` measures the whole
process, which is the figure of the target.)

Usage: python benchmarks/bench_progress_stages.py [--tasks 100000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_core import this_checkout  # noqa: E402
from gen_plan import generate  # noqa: E402


def _one_run(path: Path, best: dict[str, float]) -> None:
    """Schedule ``path`` and write its JSON once, keeping each stage's best CPU time."""
    from hsso_plan.checks import Context, Stage, run_stage
    from hsso_plan.checks.timeline import violations
    from hsso_plan.loading import read_plan
    from hsso_plan.migration.resolve import resolve
    from hsso_plan.migration.view import build_view
    from hsso_plan.plan_index import PlanIndex
    from hsso_plan.render import schedule_json
    from hsso_plan.scheduling import Options, build_network, make_calendars, schedule_network

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        t = time.process_time()
        out = fn()
        best[name] = min(best.get(name, float("inf")), time.process_time() - t)
        return out

    loaded = timed("read", lambda: read_plan(path))
    plan = loaded.plan
    assert plan is not None
    cals = timed("calendars", lambda: make_calendars(plan))
    index = timed("index", lambda: PlanIndex(plan, cals))
    ctx = Context(plan, index, loaded.broken, cals, templates=loaded.templates)
    timed("plan checks", lambda: run_stage(Stage.PLAN, ctx))
    net = ctx.network = timed("network", lambda: build_network(plan, cals, index))
    timed("network checks", lambda: run_stage(Stage.NETWORK, ctx))

    def scheduled() -> Any:
        s = schedule_network(plan, net, Options())
        ctx.schedule = s = replace(s, violations=violations(s))
        run_stage(Stage.TIMELINE, ctx)
        return s

    sched = timed("schedule", scheduled)

    def migration() -> Any:
        ctx.resolved = resolve(plan, sched, cals[None], index)
        view = build_view(ctx.resolved)
        run_stage(Stage.MIGRATION, ctx)
        return view

    mig = timed("migration", migration)
    timed("json", lambda: schedule_json.render(sched, mig, None, plan))


def stages(path: Path, repeat: int) -> dict[str, float]:
    """The best CPU time of each stage of scheduling ``path`` and writing its JSON."""
    best: dict[str, float] = {}
    for _ in range(repeat):
        _one_run(path, best)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--tasks", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args()
    this_checkout()  # compiles src/ and puts it first on the path
    sys.path.insert(0, str(HERE.parent / "src"))
    gc.disable()  # as the CLI runs (process.collector_paused)
    tmp = Path(tempfile.mkdtemp(prefix="hsso-bench-"))
    figures = {}
    for label, share in {"as planned": 0.0, "progress on half": 0.5}.items():
        plan = tmp / f"plan-{share}.toml"
        plan.write_text(generate(a.tasks, 2, seed=1, progress=share), encoding="utf-8")
        figures[label] = stages(plan, a.repeat)
    plain, tracked = figures["as planned"], figures["progress on half"]
    print(f"{a.tasks:,} tasks, best CPU of {a.repeat} (s): as planned / progress on half / "
          "difference")
    for name in plain:
        print(f"  {name:15s} {plain[name]:6.3f} {tracked[name]:6.3f} "
              f"{tracked[name] - plain[name]:+7.3f}")
    total_plain, total_tracked = sum(plain.values()), sum(tracked.values())
    print(f"  {'total':15s} {total_plain:6.3f} {total_tracked:6.3f} "
          f"{total_tracked - total_plain:+7.3f} ({100 * (total_tracked / total_plain - 1):+.1f}%)")


if __name__ == "__main__":
    main()
