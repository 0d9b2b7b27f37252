"""Hypothesis properties of progress tracking (core contract section 4) on random plans.

- With random (valid) progress, every task's dates, float, critical flag and status equal
  the independent reference of section 4 (tests/progress_reference.py): done and under-way
  tasks sit where the contract says and no task could start earlier.
- No task not started starts on or before the status date, and every dependency among
  tasks not started holds (the reference does not see these directly: they are checked on
  the dates).
- Levelled: resources hold on every day after the status date (units of tasks under way
  counted on N .. N+r-1), started tasks keep their dates, work not started comes after D.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hsso_plan.app import run

from .progress_reference import reference_progress
from .reference import RefCalendar
from .test_properties import SETTINGS, START, _write, plans

DAY = dt.timedelta(days=1)


@st.composite
def tracked_plans(draw: st.DrawFn, resources: bool = False) -> dict[str, Any]:
    doc = draw(plans(resources=resources))
    d = START + dt.timedelta(days=draw(st.integers(0, 45)))
    doc["project"]["status_date"] = d
    progress: dict[str, Any] = {}
    for tid, task in doc["task"].items():
        kind = draw(st.sampled_from(["none", "none", "done", "under"]))
        if kind == "none":
            if draw(st.integers(0, 9)) == 0:
                progress[tid] = {"note": "not started yet"}
            continue
        a = d - dt.timedelta(days=draw(st.integers(0, 50)))
        p: dict[str, Any] = {"actual_start": a}
        if kind == "done":
            p["actual_finish"] = a + dt.timedelta(days=draw(st.integers(0, (d - a).days)))
        elif task["duration"]:
            how = draw(st.sampled_from(["default", "remaining", "percent"]))
            if how == "remaining":
                p["remaining"] = draw(st.integers(0, 6))
            elif how == "percent":
                p["percent_complete"] = draw(st.integers(0, 99))
        progress[tid] = p
    if progress:
        doc["progress"] = progress
    return doc


def _scheduled(doc: dict[str, Any]) -> tuple[Any, str]:
    path, text = _write(doc)
    out = run(path)
    assert out.schedule is not None
    assert not [d for d in out.errors if d.code.startswith("E1")], out.errors
    return out, text


@SETTINGS
@given(tracked_plans())
def test_progress_matches_reference(doc: dict[str, Any]) -> None:
    """Tests dates, float, critical and status against the reference of section 4."""
    out, text = _scheduled(doc)
    ref = reference_progress(text)

    def iso(d: dt.date | None) -> str | None:
        return d.isoformat() if d is not None else None

    got = {t.id: {"start": t.start.isoformat(), "finish": t.finish.isoformat(),
                  "total_float": t.total_float, "critical": t.critical, "status": t.status,
                  "actual_start": iso(t.actual_start), "actual_finish": iso(t.actual_finish),
                  "remaining": t.remaining}
           for t in out.schedule.tasks}
    assert got == ref


def _calendar(doc: dict[str, Any]) -> RefCalendar:
    return RefCalendar(START, doc["calendar"]["c"], span_days=2500)


@SETTINGS
@given(tracked_plans())
def test_work_not_started_comes_after_the_status_date(doc: dict[str, Any]) -> None:
    """Tests that nothing not started starts by D and dependencies among them hold."""
    out, _ = _scheduled(doc)
    d = doc["project"]["status_date"]
    cal = _calendar(doc)
    tasks = {t.id: t for t in out.schedule.tasks}
    idx = {t.id: cal.first_on_or_after(t.start) for t in out.schedule.tasks}
    for t in out.schedule.tasks:
        if t.status == "not started":
            assert t.start > d, t.id
        else:
            assert t.start <= d and t.actual_start is not None
    for b, spec in doc["task"].items():
        if tasks[b].status != "not started" or "start_on" in spec:
            continue
        db = spec["duration"]
        for item in spec.get("depends", []):
            dep: dict[str, Any] = {"task": item} if isinstance(item, str) else item
            a = dep["task"]
            if tasks[a].status != "not started":
                continue
            da, lag, typ = doc["task"][a]["duration"], dep.get("lag", 0), dep.get("type", "FS")
            sa, sb = idx[a], idx[b]
            need = {"FS": sa + da + lag, "SS": sa + lag, "FF": sa + da + lag - db,
                    "SF": sa + lag - db}[typ]
            assert sb >= need, (a, b, typ, lag)


@settings(SETTINGS, max_examples=60)
@given(tracked_plans(resources=True))
def test_levelling_moves_only_work_not_started(doc: dict[str, Any]) -> None:
    """Tests capacities after D, started tasks at their actuals, the rest after D."""
    out, text = _scheduled(doc)
    d = doc["project"]["status_date"]
    ref = reference_progress(text)  # started tasks sit where the contract says, levelled too
    load: dict[str, dict[dt.date, int]] = {r: {} for r in doc.get("resource", {})}
    moved: dict[str, dict[dt.date, int]] = {r: {} for r in doc.get("resource", {})}
    for t in out.schedule.tasks:
        if t.status != "not started":
            assert (t.start.isoformat(), t.finish.isoformat()) == \
                (ref[t.id]["start"], ref[t.id]["finish"]), t.id
        else:
            assert t.start > d
        if t.status == "done":
            assert not t.days
        for day in t.days:
            assert day > d
            for r, u in t.uses.items():
                load[r][day] = load[r].get(day, 0) + u
                if t.status == "not started":
                    moved[r][day] = moved[r].get(day, 0) + u
    overloaded = {v.message.split("'")[1] for v in out.schedule.violations if v.code == "E042"}
    for r, days in load.items():
        cap = doc["resource"][r]["capacity"]
        for day, u in days.items():
            if u > cap:  # only work under way (fixed) may overload, and it is reported
                assert not moved[r].get(day) and r in overloaded, (r, day, days)
