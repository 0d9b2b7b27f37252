"""MPXJ's MicrosoftScheduler, run on our MS Project export of each bundled plan, gives our
dates, levelled ones and those of tasks done, under way and not started included; MPXJ reads
back the actuals, percent complete, remaining duration, status date and Baseline 0 (skips
without Java or the `mpxj` package)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hsso_plan.app import Outcome, run
from hsso_plan.baseline import load
from hsso_plan.cli import app
from hsso_plan.plan_index import PlanIndex
from hsso_plan.progress import DONE, UNDER_WAY
from hsso_plan.scheduling import Options, make_calendars

ROOT = Path(__file__).resolve().parents[1]
#: A weekday task, a weekend crew after it, a weekday task after the crew; a resource whose
#: capacity changes: task calendars and availability periods in the export.
MULTI = """\
[project]
name = "Multi"
start = 2017-01-02
[calendar.weekend]
workdays = ["sat", "sun"]
[resource.crew]
name = "Crew"
capacity = 1
capacity_changes = [{ from = 2017-01-16, capacity = 2 }]
[task.a]
name = "A"
duration = 5
[task.b]
name = "B"
duration = 2
calendar = "weekend"
depends = ["a"]
[task.c]
name = "C"
duration = 3
depends = ["b"]
"""
# Every bundled plan: as planned, and as run (hsso-2017-status.toml, the tutorial's progress).
PLANS = sorted((ROOT / "plans").glob("*.toml"))
BASELINE = ROOT / "plans" / "hsso-2017" / "baseline-2017-01.json"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("java") is None or importlib.util.find_spec("mpxj") is None
                       or importlib.util.find_spec("jpype") is None,
                       reason="Java or the mpxj/jpype1 packages are not installed"),
]


def _mpxj_read(paths: list[Path]) -> dict[str, Any]:
    """Per file: {"status_date": ..., "tasks": {plan id: what MPXJ read and scheduled}}."""
    script = Path(__file__).with_name("mpxj_script.py")
    r = subprocess.run([sys.executable, str(script), *map(str, paths)], capture_output=True,
                       text=True, timeout=600, check=False)
    assert r.returncode == 0, r.stderr[-2000:]
    out: dict[str, Any] = json.loads(r.stdout.strip().splitlines()[-1])
    return out


def _baseline_args(plan_path: Path) -> list[str]:
    return ["--baseline", str(BASELINE)] if plan_path.stem == "hsso-2017-status" else []


def _multi(tmp_path: Path) -> Path:
    p = tmp_path / "multi.toml"
    p.write_text(MULTI, encoding="utf-8")
    return p


@pytest.mark.parametrize("plan_path", [*PLANS, None],
                         ids=[*(p.stem for p in PLANS), "several-calendars"])
def test_microsoft_scheduler_gives_our_dates(plan_path: Path | None, tmp_path: Path) -> None:
    """Tests that every task's start and finish after MPXJ's MicrosoftScheduler equal ours,
    for tasks done, under way and not started alike, and that MPXJ reads our actual dates,
    percent complete, remaining duration, status date and Baseline 0 as we wrote them.

    MS Project dates a milestone that follows a task at that task's finish (17:00); ours is
    the start of the next working day, the same instant: compared as such."""
    plan_path = plan_path or _multi(tmp_path)
    out = run(plan_path, options=Options(baseline=load(BASELINE))
              if _baseline_args(plan_path) else None)
    plan = out.loaded.plan
    assert plan is not None and out.schedule is not None
    xml = tmp_path / "plan.xml"
    r = CliRunner().invoke(app, ["export", str(plan_path), "-o", str(xml),
                                 *_baseline_args(plan_path)])
    assert r.exit_code == 0, r.output
    read = _mpxj_read([xml])[str(xml)]
    theirs = read["tasks"]
    if plan.project.status_date is not None:
        assert read["status_date"] == f"{plan.project.status_date}T17:00"
        _progress_read_back(out, theirs)
    index = PlanIndex(plan, make_calendars(plan))
    diff = {}
    for t in out.schedule.tasks:
        start, finish = (dt.datetime.fromisoformat(theirs[t.id][k]) for k in ("start", "finish"))
        got_start, got_finish = start.date(), finish.date()
        if t.milestone and start.hour >= 17:  # the end of a working day: the next one begins
            cal = index.calendar_of(t.id)
            got_start = got_finish = cal.date(cal.rank(start.date().toordinal() + 1))
        if (got_start, got_finish) != (t.start, t.finish):
            diff[t.id] = ((t.start, t.finish), (got_start, got_finish))
    assert not diff, f"{len(diff)} of {len(out.schedule.tasks)} dates differ: {diff}"


@pytest.mark.parametrize("plan_path", PLANS, ids=[p.stem for p in PLANS])
def test_export_mpxj_write_import_keeps_every_date(plan_path: Path, tmp_path: Path) -> None:
    """Tests that our export, written again by MPXJ's MSPDI writer and imported back,
    schedules every task on the date it had, with the same progress (status, actual dates,
    remaining work) and baseline dates."""
    extra = _baseline_args(plan_path)
    out = run(plan_path, options=Options(baseline=load(BASELINE)) if extra else None)
    assert out.schedule is not None
    xml, again, back = tmp_path / "plan.xml", tmp_path / "mpxj.xml", tmp_path / "back.toml"
    r = CliRunner().invoke(app, ["export", str(plan_path), "-o", str(xml), *extra])
    assert r.exit_code == 0, r.output
    script = Path(__file__).with_name("mpxj_script.py")
    p = subprocess.run([sys.executable, str(script), "--rewrite", str(xml), str(again)],
                       capture_output=True, text=True, timeout=600, check=False)
    assert p.returncode == 0, p.stderr[-2000:]
    r = CliRunner().invoke(app, ["import", str(again), "-o", str(back), "--baseline-out",
                                 str(tmp_path / "base.json")])
    assert r.exit_code == 0, r.output
    imported = run(back)
    assert imported.schedule is not None

    def kept(o: Outcome) -> dict[str, tuple[object, ...]]:
        assert o.schedule is not None
        v = o.variance()
        return {t.id: (t.start, t.finish, t.status, t.actual_start, t.actual_finish,
                       t.remaining, *((v.of(k).baseline_start, v.of(k).baseline_finish)
                                      if v is not None else (None, None)))
                for k, t in enumerate(o.schedule.tasks)}

    theirs, ours = kept(imported), kept(out)
    diff = {k: (v, theirs.get(k)) for k, v in ours.items() if theirs.get(k) != v}
    assert not diff, f"{len(diff)} of {len(ours)} dates differ: {diff}"


def _progress_read_back(out: Outcome, theirs: dict[str, dict[str, Any]]) -> None:
    """MPXJ read each task's actual dates, percent complete and remaining duration as our
    schedule has them, and Baseline 0 as the baseline has it."""
    assert out.schedule is not None
    v = out.variance()
    wrong = {}
    for k, t in enumerate(out.schedule.tasks):
        got = theirs[t.id]
        want = {"actual_start": t.actual_start, "actual_finish": t.actual_finish}
        seen = {f: dt.date.fromisoformat(got[f][:10]) if got[f] else None for f in want}
        if t.status == DONE:
            ok = got["percent"] == 100 and got["remaining"] == 0
        elif t.status == UNDER_WAY:
            ok = 0 <= got["percent"] < 100 and got["remaining"] == t.remaining
        else:
            ok = got["percent"] == 0
        if v is not None and v.of(k).baseline_start is not None:
            ok = ok and got["baseline_start"][:10] == str(v.of(k).baseline_start) \
                and got["baseline_finish"][:10] == str(v.of(k).baseline_finish)
        if seen != want or not ok:
            wrong[t.id] = (t.status, want, got)
    assert any(t.status == UNDER_WAY for t in out.schedule.tasks)
    assert not wrong, f"{len(wrong)} tasks read back differently: {list(wrong.items())[:3]}"
