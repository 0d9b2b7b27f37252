"""Resource levelling: PSPLIB, CP-SAT, tie-break rules, capacity profiles, delay reasons."""

from __future__ import annotations

import importlib.util
import json
import statistics
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hsso_plan.app import run
from hsso_plan.cli import app
from hsso_plan.scheduling import Options

from .conftest import data_dir, needs_bench
from .psplib import read_sm, read_solutions, to_plan

HAS_ORTOOLS = importlib.util.find_spec("ortools") is not None


def _makespan(out: object) -> int:
    sched = out.schedule  # type: ignore[attr-defined]
    return int(max(t.early_start + t.duration for t in sched.tasks))


def _feasible(out: object) -> None:
    """Every resource within capacity on every day (the plan has constant capacities)."""
    plan = out.loaded.plan  # type: ignore[attr-defined]
    for r, load in out.schedule.resource_load().items():  # type: ignore[attr-defined]
        assert max(load.values(), default=0) <= plan.resource[r].capacity, r


def _near_optimal(files: list[Path], opt: dict[str, int], tmp_path: Path) -> None:
    """Each instance through the plan path: feasible, never below the optimum, and on
    average within 1% of it."""
    assert files
    devs = []
    for f in files:
        p = tmp_path / f"{f.stem}.toml"
        p.write_text(to_plan(read_sm(f)), encoding="utf-8")
        out = run(p)
        assert out.ok, [d.message for d in out.diagnostics]
        _feasible(out)
        ms = _makespan(out)
        assert ms >= opt[f.stem]
        devs.append((ms - opt[f.stem]) / opt[f.stem])
    assert statistics.mean(devs) <= 0.01


def test_psplib_j30_bundled_instances_near_optimal(tmp_path: Path) -> None:
    """Tests the 7 j30 instances bundled in tests/data (a plain clone runs it)."""
    root = data_dir("psplib")
    files = sorted((root / "j30").glob("*.sm"))
    assert len(files) == 7
    _near_optimal(files, read_solutions(root / "solutions" / "j30opt.sm"), tmp_path)


@pytest.mark.slow
def test_psplib_j30_sample_near_optimal(tmp_path: Path) -> None:
    """Tests 12 j30 instances of the shared set (every 40th file)."""
    root = needs_bench("psplib")
    files = sorted((root / "j30").glob("*.sm"))[::40]
    _near_optimal(files, read_solutions(root / "solutions" / "j30opt.sm"), tmp_path)


@pytest.mark.skipif(not HAS_ORTOOLS, reason="OR-Tools not installed (the optimize extra)")
def test_cpsat_proves_a_j30_optimum(tmp_path: Path) -> None:
    """Tests --solver cp-sat on a j30 instance: the known optimum, proven."""
    root = data_dir("psplib")
    f = root / "j30" / "j301_1.sm"
    p = tmp_path / "j301_1.toml"
    p.write_text(to_plan(read_sm(f)), encoding="utf-8")
    out = run(p, options=Options(solver="cp-sat", time_limit=10))
    assert out.schedule is not None
    assert _makespan(out) == read_solutions(root / "solutions" / "j30opt.sm")["j301_1"]
    assert out.schedule.levelling["optimal"] is True


BASE = """
[project]
name = "Levelling"
start = 2017-01-02
"""


def _starts(out: object) -> dict[str, str]:
    return {t.id: t.start.isoformat() for t in out.schedule.tasks}  # type: ignore[attr-defined]


def test_tie_break_priority_then_criticality_then_plan_order(
        run_text: Callable[..., object]) -> None:
    """Tests the documented order: user priority, then the more critical, then plan order."""
    out = run_text(BASE + """
    [resource.team]
    capacity = 1

    [task.first-in-file]
    name = "First in the file"
    duration = 2
    uses = { team = 1 }

    [task.second-in-file]
    name = "Second in the file, same priority and criticality"
    duration = 2
    uses = { team = 1 }

    [task.urgent]
    name = "Higher priority"
    duration = 2
    uses = { team = 1 }
    priority = 900
    """)
    s = _starts(out)
    assert s["urgent"] == "2017-01-02"
    assert s["first-in-file"] < s["second-in-file"]


def test_more_critical_task_goes_first(run_text: Callable[..., object]) -> None:
    """Tests that, at equal priority, the task with less float is levelled first."""
    out = run_text(BASE + """
    [resource.team]
    capacity = 1

    [task.slack]
    name = "Has float"
    duration = 3
    uses = { team = 1 }

    [task.tight]
    name = "On the long path"
    duration = 3
    uses = { team = 1 }

    [task.after-tight]
    name = "Long successor"
    duration = 10
    depends = ["tight"]
    """)
    s = _starts(out)
    assert s["tight"] == "2017-01-02" and s["slack"] == "2017-01-05"


def test_priority_1000_is_never_delayed(run_text: Callable[..., object]) -> None:
    """Tests that a priority-1000 task keeps its earliest date (MS Project's 'do not level')."""
    out = run_text(BASE + """
    [resource.team]
    capacity = 1

    [task.a]
    name = "A, critical"
    duration = 5
    uses = { team = 1 }

    [task.b]
    name = "B, must not move"
    duration = 2
    uses = { team = 1 }
    priority = 1000
    start_no_earlier_than = 2017-01-04
    """)
    s = _starts(out)
    assert s["b"] == "2017-01-04"
    assert s["a"] >= "2017-01-06"


def test_capacity_change_over_time(run_text: Callable[..., object]) -> None:
    """Tests a team that grows: two tasks run in parallel only once it has two people."""
    out = run_text(BASE + """
    [resource.team]
    capacity = 1
    capacity_changes = [{ from = 2017-01-09, capacity = 2 }]

    [task.a]
    name = "A"
    duration = 10
    uses = { team = 1 }

    [task.b]
    name = "B"
    duration = 3
    uses = { team = 1 }
    start_no_earlier_than = 2017-01-03
    """)
    s = _starts(out)
    assert (s["a"], s["b"]) == ("2017-01-02", "2017-01-09")


def test_resource_calendar_days_off(run_text: Callable[..., object]) -> None:
    """Tests a team's own day off: a task using it cannot span that day."""
    out = run_text(BASE + """
    [calendar.team-days]
    days_off = [2017-01-04]

    [resource.team]
    capacity = 1
    calendar = "team-days"

    [task.a]
    name = "A"
    duration = 3
    uses = { team = 1 }

    [task.b]
    name = "B, no team"
    duration = 3
    """)
    s = _starts(out)
    assert s["a"] == "2017-01-05" and s["b"] == "2017-01-02"
    t = out.schedule.task("a")  # type: ignore[attr-defined]
    assert t.delay is not None and t.delay.resources == ("team",)


def test_delay_reason_in_json(plan_file: Callable[[str], Path]) -> None:
    """Tests that a task moved by levelling says which resource, which days, which tasks."""
    p = plan_file(BASE + """
    [resource.email-team]
    name = "E-mail team"
    capacity = 1

    [task.site-a]
    name = "Site A"
    duration = 3
    uses = { email-team = 1 }

    [task.site-b]
    name = "Site B"
    duration = 2
    uses = { email-team = 1 }
    """)
    r = CliRunner().invoke(app, ["schedule", str(p), "-f", "json"])
    assert r.exit_code == 0
    tasks = {t["id"]: t for t in json.loads(r.stdout)["tasks"]}
    d = tasks["site-b"]["resource_delay"]
    assert d["resources"] == ["email-team"]
    assert d["blocking_tasks"] == {"email-team": ["site-a"]}
    assert d["days"] == ["2017-01-02", "2017-01-03", "2017-01-04"]
    assert d["earliest_start"] == "2017-01-02"
    assert tasks["site-b"]["driver"] == {"kind": "resource"}
    assert "resource_delay" not in tasks["site-a"]


def test_no_level_ignores_resources(run_text: Callable[..., object]) -> None:
    """Tests --no-level: the unlevelled critical-path schedule."""
    text = BASE + """
    [resource.team]
    capacity = 1

    [task.a]
    name = "A"
    duration = 2
    uses = { team = 1 }

    [task.b]
    name = "B"
    duration = 2
    uses = { team = 1 }
    """
    out = run_text(text, options=Options(levelling=False))
    assert _starts(out) == {"a": "2017-01-02", "b": "2017-01-02"}
    assert not out.schedule.levelled  # type: ignore[attr-defined]


def test_levelling_is_deterministic(run_text: Callable[..., object]) -> None:
    """Tests that levelling a plan twice gives the same schedule (no time-boxed search)."""
    text = BASE + "".join(f"""
    [resource.r{k}]
    capacity = 2
    """ for k in range(2)) + "".join(f"""
    [task.t{i}]
    name = "T{i}"
    duration = {1 + i % 4}
    uses = {{ r{i % 2} = {1 + i % 2} }}
    {'depends = ["t' + str(i - 3) + '"]' if i >= 3 else ''}
    """ for i in range(30))
    a, b = run_text(text), run_text(text)
    assert _starts(a) == _starts(b)
    assert a.schedule.levelling == b.schedule.levelling  # type: ignore[attr-defined]


def test_multi_calendar_plans_are_levelled_too(run_text: Callable[..., object]) -> None:
    """Tests the date-based path: tasks on two calendars sharing one team."""
    out = run_text(BASE + """
    [calendar.weekend]
    workdays = ["sat", "sun"]

    [resource.team]
    capacity = 1

    [task.weekday]
    name = "Weekday work"
    duration = 6
    uses = { team = 1 }

    [task.weekend]
    name = "Weekend work"
    duration = 2
    calendar = "weekend"
    uses = { team = 1 }
    """)
    s = _starts(out)
    assert s["weekday"] == "2017-01-02"
    assert s["weekend"] == "2017-01-07"  # the team works weekends too, so no clash
