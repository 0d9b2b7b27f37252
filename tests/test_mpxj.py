"""MPXJ's MicrosoftScheduler, run on our MS Project export of each bundled plan, gives our
dates, levelled ones included (skips without Java or the `mpxj` package)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hsso_plan.app import run
from hsso_plan.cli import app
from hsso_plan.plan_index import PlanIndex
from hsso_plan.scheduling import make_calendars

from .conftest import as_planned

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
# The plans as planned: the MS Project export does not carry progress (actual dates, the
# status date) yet, so the plan as run (hsso-2017-status.toml) is left out.
PLANS = sorted(p for p in (ROOT / "plans").glob("*.toml") if not p.stem.endswith("-status"))

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("java") is None or importlib.util.find_spec("mpxj") is None
                       or importlib.util.find_spec("jpype") is None,
                       reason="Java or the mpxj/jpype1 packages are not installed"),
]


def _mpxj_dates(paths: list[Path]) -> dict[str, dict[str, list[str]]]:
    script = Path(__file__).with_name("mpxj_script.py")
    r = subprocess.run([sys.executable, str(script), *map(str, paths)], capture_output=True,
                       text=True, timeout=600, check=False)
    assert r.returncode == 0, r.stderr[-2000:]
    out: dict[str, dict[str, list[str]]] = json.loads(r.stdout.strip().splitlines()[-1])
    return out


def _multi(tmp_path: Path) -> Path:
    p = tmp_path / "multi.toml"
    p.write_text(MULTI, encoding="utf-8")
    return p


@pytest.mark.parametrize("plan_path", [*PLANS, None],
                         ids=[*(p.stem for p in PLANS), "several-calendars"])
def test_microsoft_scheduler_gives_our_dates(plan_path: Path | None, tmp_path: Path) -> None:
    """Tests that every task's start and finish after MPXJ's MicrosoftScheduler equal ours.

    MS Project dates a milestone that follows a task at that task's finish (17:00); ours is
    the start of the next working day, the same instant: compared as such."""
    plan_path = plan_path or _multi(tmp_path)
    if plan_path.name == "tutorial.toml":  # the plan as planned: the export has no progress
        plan_path = as_planned(plan_path, tmp_path)
    out = run(plan_path)
    plan = out.loaded.plan
    assert plan is not None and out.schedule is not None
    xml = tmp_path / "plan.xml"
    r = CliRunner().invoke(app, ["export", str(plan_path), "-o", str(xml)])
    assert r.exit_code == 0, r.output
    theirs = _mpxj_dates([xml])[str(xml)]
    index = PlanIndex(plan, make_calendars(plan))
    diff = {}
    for t in out.schedule.tasks:
        start, finish = (dt.datetime.fromisoformat(x) for x in theirs[t.id])
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
    schedules every task on the date it had."""
    if plan_path.name == "tutorial.toml":  # the plan as planned: the export has no progress
        plan_path = as_planned(plan_path, tmp_path)
    out = run(plan_path)
    assert out.schedule is not None
    xml, again, back = tmp_path / "plan.xml", tmp_path / "mpxj.xml", tmp_path / "back.toml"
    r = CliRunner().invoke(app, ["export", str(plan_path), "-o", str(xml)])
    assert r.exit_code == 0, r.output
    script = Path(__file__).with_name("mpxj_script.py")
    p = subprocess.run([sys.executable, str(script), "--rewrite", str(xml), str(again)],
                       capture_output=True, text=True, timeout=600, check=False)
    assert p.returncode == 0, p.stderr[-2000:]
    r = CliRunner().invoke(app, ["import", str(again), "-o", str(back)])
    assert r.exit_code == 0, r.output
    imported = run(back)
    assert imported.schedule is not None
    theirs = {t.id: (t.start, t.finish) for t in imported.schedule.tasks}
    ours = {t.id: (t.start, t.finish) for t in out.schedule.tasks}
    diff = {k: (v, theirs.get(k)) for k, v in ours.items() if theirs.get(k) != v}
    assert not diff, f"{len(diff)} of {len(ours)} dates differ: {diff}"
