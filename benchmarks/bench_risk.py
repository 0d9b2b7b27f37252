"""Schedule-risk speed and stability (issue 10 targets).

Prints:
- 10,000 runs of a generated 1,000-task plan (~2,000 dependencies, all four link types,
  a `duration_range` on every task, one calendar with Ontario holidays), end to end in
  process: load, check, schedule, risk runs, figures and JSON (target <= 2 s);
- 10,000 runs of the real plan (levelled order kept), end to end (target <= 5 s), and the
  `hsso-plan risk` subprocess wall time including start-up;
- 10,000 runs of the status plan (the real plan with the progress of 2017-04-21: done work
  fixed, remaining work sampled), end to end;
- same seed, same bytes: the JSON of two runs with seed 1 compared byte for byte;
- the stability of the P-dates between seeds 1 and 2 at 20,000 runs on the real plan: the
  largest difference in working days over the project P10/P50/P80/P90 and over every task's
  (target: at most one day), and the same for the status plan.

Each time is the best of three: CPU time of this process (``time.process_time``; the risk
runs are single-threaded numpy, so this is one core) and wall time (the machine is shared).

Usage: python benchmarks/bench_risk.py [--runs 10000] [--stability-runs 20000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_plan import generate

from hsso_plan.app import run
from hsso_plan.calendars import WorkCalendar
from hsso_plan.render import risk_json
from hsso_plan.risk.analysis import risk_of
from hsso_plan.risk.result import RiskResult
from hsso_plan.scheduling import make_calendars

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "plans" / "hsso-2017.toml"
STATUS = ROOT / "plans" / "hsso-2017-status.toml"


def with_ranges(text: str) -> str:
    """Give every task of a generated plan a range around its duration."""
    def rng(m: re.Match[str]) -> str:
        d = int(m.group(1))
        return f"duration = {d}\nduration_range = [{max(0, d - 2)}, {d + 5}]"

    return re.sub(r"^duration = (\d+)$", rng, text, flags=re.M)


def end_to_end(path: Path, runs: int, seed: int = 1) -> tuple[float, float, RiskResult, str]:
    """(CPU s, wall s, result, JSON): load, check, schedule, runs, figures, JSON."""
    c, t = time.process_time(), time.perf_counter()
    out = run(path)
    res = risk_of(out, runs, seed)
    js = risk_json.render(res)
    return time.process_time() - c, time.perf_counter() - t, res, js


def timed(path: Path, runs: int) -> str:
    """Best of three, CPU and wall, as text."""
    end_to_end(path, 200)  # warm the holiday and import caches
    times = [end_to_end(path, runs)[:2] for _ in range(3)]
    return f"CPU {min(c for c, _ in times):.2f} s, wall {min(w for _, w in times):.2f} s"


def stability(path: Path, runs: int) -> None:
    _, _, r1, _ = end_to_end(path, runs, 1)
    _, _, r2, _ = end_to_end(path, runs, 2)
    proj, task = busdays(r1, r2)
    name = path.relative_to(ROOT)
    print(f"{name}: P-date stability, seeds 1 vs 2 at {runs:,} runs: project P10..P90 "
          f"differ by at most {proj} working day(s), any task's by at most {task} "
          "(target <= 1)")
    over = [(t1.id, k, t1.finish[k], t2.finish[k]) for t1, t2 in zip(r1.tasks, r2.tasks,
                                                                    strict=True)
            for k in t1.finish if busdays_one(t1.finish[k], t2.finish[k]) > 1]
    print(f"  task P-dates that moved by more than one working day: {len(over)} of "
          f"{4 * len(r1.tasks)}" + (f", e.g. {over[0][0]} {over[0][1]}: {over[0][2]} vs "
                                    f"{over[0][3]}" if over else ""))
    print("  project finish seed 1: " + ", ".join(f"{k} {v}" for k, v in r1.finish.items()))
    print("  project finish seed 2: " + ", ".join(f"{k} {v}" for k, v in r2.finish.items()))


def _cal() -> WorkCalendar:
    plan = run(PLAN).loaded.plan
    assert plan is not None
    return make_calendars(plan)[None]


def busdays(res: RiskResult, other: RiskResult) -> tuple[int, int]:
    """Largest P-date difference (working days of the plan's calendar, holidays included)
    for the project and any task."""
    wd = busdays_one

    proj = max(wd(res.finish[k], other.finish[k]) for k in res.finish)
    task = max(wd(a.finish[k], b.finish[k]) for a, b in zip(res.tasks, other.tasks,
                                                            strict=True) for k in a.finish)
    return proj, task


def busdays_one(a: dt.date, b: dt.date) -> int:
    if not CAL:
        CAL.append(_cal())
    cal = CAL[0]
    return abs(cal.rank_date(a) - cal.rank_date(b))


CAL: list[WorkCalendar] = []


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=10_000)
    ap.add_argument("--stability-runs", type=int, default=20_000)
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    gen = tmp / "gen1000.toml"
    text = with_ranges(generate(1000, 2, 1))
    gen.write_text(text, encoding="utf-8")
    deps = text.count('"t') - 0
    kinds = {k: text.count(f'type = "{k}"') for k in ("FS", "SS", "FF", "SF")}
    print(f"1,000-task plan ({deps} dependency references; typed links {kinds}), "
          f"{a.runs:,} runs end to end: {timed(gen, a.runs)} (target <= 2 s)")
    for path in (PLAN, STATUS):
        print(f"{path.relative_to(ROOT)}, {a.runs:,} runs end to end: "
              f"{timed(path, a.runs)} (target <= 5 s)")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}  # this checkout's code
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "hsso_plan", "risk", str(PLAN), "-n", str(a.runs),
                    "-f", "json", "-o", str(tmp / "r.json")], check=True, capture_output=True,
                   env=env)
    print(f"`hsso-plan risk {PLAN.relative_to(ROOT)} -n {a.runs}` subprocess: "
          f"wall {time.perf_counter() - t:.2f} s")
    for path in (PLAN, STATUS):
        same = end_to_end(path, a.runs, 1)[3] == end_to_end(path, a.runs, 1)[3]
        print(f"{path.relative_to(ROOT)}: seed 1 twice gives byte-identical JSON: {same}")
    for path in (PLAN, STATUS):
        stability(path, a.stability_runs)

if __name__ == "__main__":
    main()
