"""The date model's edge cases from core contract section 2: milestone deadlines and
dependencies between tasks on different calendars (they go through dates)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from hsso_plan.app import run
from hsso_plan.cli import app

from .reference import reference_schedule

HEAD = """\
[project]
name = "Dates"
start = 2017-01-02

[calendar.weekend]
workdays = ["sat", "sun"]

[calendar.mondays]
workdays = ["mon"]
"""


def _plan(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "plan.toml"
    p.write_text(HEAD + body, encoding="utf-8")
    return p


def _dates(p: Path) -> dict[str, tuple[str, str, int | None]]:
    out = run(p)
    assert out.schedule is not None
    return {t.id: (t.start.isoformat(), t.finish.isoformat(), t.total_float)
            for t in out.schedule.tasks}


def test_completion_milestone_meets_its_predecessors_finish_date(tmp_path: Path) -> None:
    """Tests that a milestone after a task finishing on its deadline date meets the deadline:
    no E040, exit 0, float 0; the report counts it at risk (no slack left) before it is
    reached and met once it is (the plan has no progress: done by its planned date)."""
    p = _plan(tmp_path, """
[task.work]
name = "Work"
duration = 5

[task.done]
name = "Work done"
duration = 0
depends = ["work"]
finish_no_later_than = 2017-01-06
""")
    out = run(p)
    assert out.ok, [d.message for d in out.diagnostics]
    assert out.schedule is not None
    done = out.schedule.task("done")
    assert (done.start.isoformat(), done.total_float) == ("2017-01-09", 0)
    assert out.schedule.deadlines_missed == frozenset()
    r = CliRunner().invoke(app, ["schedule", str(p)])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(app, ["report", str(p), "--format", "markdown"])
    assert r.exit_code == 0 and "Deadlines: 1 at risk\n" in r.output.replace("*", ""), r.output
    r = CliRunner().invoke(app, ["report", str(p), "--format", "markdown",
                                 "--as-of", "2017-01-09"])
    assert r.exit_code == 0 and "Deadlines: 1 met\n" in r.output.replace("*", ""), r.output


def test_milestone_one_working_day_later_misses(tmp_path: Path) -> None:
    """Tests that a milestone dated two working days after D misses D (E040, float -1)."""
    p = _plan(tmp_path, """
[task.work]
name = "Work"
duration = 6

[task.done]
name = "Work done"
duration = 0
depends = ["work"]
finish_no_later_than = 2017-01-06
""")
    out = run(p)
    assert not out.ok and any(d.code == "E040" for d in out.diagnostics)
    assert out.schedule is not None
    assert out.schedule.task("done").total_float == -1
    assert out.schedule.deadlines_missed == frozenset({"done"})
    r = CliRunner().invoke(app, ["schedule", str(p)])
    assert r.exit_code == 1


def test_task_deadline_is_its_finish_date(tmp_path: Path) -> None:
    """Tests that a task (d >= 1) meets D when its finish is D and misses it a day later."""
    for duration, missed in ((5, False), (6, True)):
        p = _plan(tmp_path, f"""
[task.work]
name = "Work"
duration = {duration}
finish_no_later_than = 2017-01-06
""")
        out = run(p)
        assert out.schedule is not None
        assert (out.schedule.deadlines_missed == {"work"}) is missed


def test_weekend_crew_after_friday_starts_the_next_day(tmp_path: Path) -> None:
    """Tests the contract's example: a weekend crew after a Friday finish starts on the
    Saturday right after it, and a Monday task after its Sunday finish on that Monday."""
    p = _plan(tmp_path, """
[task.prep]
name = "Weekday preparation"
duration = 5

[task.crew]
name = "Weekend crew"
duration = 2
calendar = "weekend"
depends = ["prep"]

[task.monday]
name = "Monday check"
duration = 1
calendar = "mondays"
depends = ["crew"]
""")
    got = _dates(p)
    assert got["prep"][:2] == ("2017-01-02", "2017-01-06")
    assert got["crew"][:2] == ("2017-01-07", "2017-01-08")
    assert got["monday"][:2] == ("2017-01-09", "2017-01-09")
    assert all(fl == 0 for _, _, fl in got.values())
    assert got == {k: (v["start"], v["finish"], v["total_float"])
                   for k, v in reference_schedule(p.read_text(encoding="utf-8")).items()}


def test_lag_counts_successor_working_days_and_milestone_end_is_its_date(
        tmp_path: Path) -> None:
    """Tests that a lag counts the successor's working days and that a milestone's end is its
    own date (a weekend task after a Monday milestone starts the Saturday after it)."""
    p = _plan(tmp_path, """
[task.m]
name = "Go"
duration = 0
calendar = "mondays"
start_no_earlier_than = 2017-01-09

[task.crew]
name = "Weekend crew"
duration = 1
calendar = "weekend"
depends = [{ task = "m", type = "FS", lag = 1 }]

[task.ss]
name = "Weekend, with the start"
duration = 1
calendar = "weekend"
depends = [{ task = "m", type = "SS" }]
""")
    got = _dates(p)
    assert got["m"][:2] == ("2017-01-09", "2017-01-09")
    assert got["crew"][:2] == ("2017-01-15", "2017-01-15")  # Saturday 14 + one weekend day
    assert got["ss"][:2] == ("2017-01-14", "2017-01-14")


def test_schedule_json_of_a_chain_over_three_calendars(tmp_path: Path) -> None:
    """Tests that the Mon-Fri, Sat-Sun, Mon chain does not land two weeks late in the JSON."""
    p = _plan(tmp_path, """
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
duration = 0
calendar = "mondays"
depends = ["b"]
""")
    r = CliRunner().invoke(app, ["schedule", str(p), "--format", "json"])
    assert r.exit_code == 0, r.output
    tasks = {t["id"]: t for t in json.loads(r.output)["tasks"]}
    assert tasks["c"]["start"] == "2017-01-09"
