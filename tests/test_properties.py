"""Hypothesis properties of the scheduler on random plans.

- The dates, total float and critical flags equal the independent reference implementation
  of the contract (tests/reference.py), with one calendar and with tasks on several.
- Every dependency and constraint holds, and no task could start earlier (the schedule is
  the earliest one).
- With resources: capacities hold on every working day, every dependency holds, and no task
  can be moved one working day earlier on its own (a semi-active schedule).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hsso_plan.app import Outcome, run
from hsso_plan.checks.timeline import violations
from hsso_plan.model import Plan
from hsso_plan.scheduling import Network, build_network, make_calendars, schedule_network
from hsso_plan.scheduling.cpm import earliest_start

from .reference import RefCalendar, reference_schedule

START = dt.date(2017, 1, 2)
WEEK = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def _calendar(draw: st.DrawFn) -> dict[str, Any]:
    workdays = draw(st.lists(st.sampled_from(WEEK), min_size=1, max_size=7, unique=True))
    cal: dict[str, Any] = {"workdays": [w for w in WEEK if w in workdays]}
    if draw(st.booleans()):
        cal["holidays"] = "CA-ON"
    offs = draw(st.lists(st.integers(0, 120), max_size=4, unique=True))
    ons = draw(st.lists(st.integers(0, 120), max_size=3, unique=True))
    cal["days_off"] = [START + dt.timedelta(days=k) for k in offs if k not in ons]
    cal["days_on"] = [START + dt.timedelta(days=k) for k in ons]
    return cal


@st.composite
def plans(draw: st.DrawFn, resources: bool = False, calendars: int = 1) -> dict[str, Any]:
    """A random plan; with ``calendars`` > 1, tasks are spread over that many calendars
    (the project's "c" and "c2", "c3", ...)."""
    n = draw(st.integers(1, 18))
    specs = {"c": _calendar(draw)}
    for k in range(2, calendars + 1):
        specs[f"c{k}"] = _calendar(draw)
    refs = {cid: RefCalendar(START, spec, span_days=2500) for cid, spec in specs.items()}
    doc: dict[str, Any] = {
        "project": {"name": "random", "start": START, "calendar": "c"},
        "calendar": specs,
        "task": {},
    }
    if resources:
        doc["resource"] = {f"r{k}": {"capacity": draw(st.integers(1, 3))} for k in range(2)}
    for i in range(n):
        t: dict[str, Any] = {"name": f"Task {i}", "duration": draw(st.integers(0, 7))}
        cid = draw(st.sampled_from(sorted(specs))) if calendars > 1 else "c"
        if cid != "c":
            t["calendar"] = cid
        deps = []
        for a in sorted(set(draw(st.lists(st.integers(0, max(0, i - 1)), max_size=3)))):
            if a >= i:
                continue
            typ = draw(st.sampled_from(["FS", "SS", "FF", "SF"]))
            lag = draw(st.integers(-3, 4))
            deps.append(f"t{a}" if typ == "FS" and lag == 0 and draw(st.booleans())
                        else {"task": f"t{a}", "type": typ, "lag": lag})
        if deps:
            t["depends"] = deps
        kind = draw(st.sampled_from(["none", "none", "snet", "fixed", "deadline"]))
        if kind == "snet":
            t["start_no_earlier_than"] = START + dt.timedelta(days=draw(st.integers(0, 60)))
        elif kind == "fixed" and not resources:
            t["start_on"] = refs[cid].date(draw(st.integers(0, 40)))
        elif kind == "deadline":
            t["finish_no_later_than"] = START + dt.timedelta(days=draw(st.integers(0, 90)))
        if resources and draw(st.booleans()):
            caps = doc["resource"]
            t["uses"] = {r: draw(st.integers(1, caps[r]["capacity"]))
                         for r in draw(st.sets(st.sampled_from(sorted(caps)), min_size=1))}
        doc["task"][f"t{i}"] = t
    return doc


def _write(doc: dict[str, Any]) -> tuple[Path, str]:
    text = tomli_w.dumps(doc)
    d = Path(tempfile.mkdtemp())
    p = d / "plan.toml"
    p.write_text(text, encoding="utf-8")
    return p, text


SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _assert_matches_reference(doc: dict[str, Any]) -> None:
    path, text = _write(doc)
    out = run(path)
    assert out.schedule is not None
    ref = reference_schedule(text)
    got = {t.id: {"start": t.start.isoformat(), "finish": t.finish.isoformat(),
                  "total_float": t.total_float, "critical": t.critical}
           for t in out.schedule.tasks}
    assert got == ref


@SETTINGS
@given(plans())
def test_matches_reference(doc: dict[str, Any]) -> None:
    """Tests that dates, float and critical flags equal the reference implementation."""
    _assert_matches_reference(doc)


@SETTINGS
@given(plans(calendars=3))
def test_matches_reference_on_several_calendars(doc: dict[str, Any]) -> None:
    """Tests that with tasks on several calendars, dependencies going through dates, the
    dates, float and critical flags equal the reference implementation."""
    _assert_matches_reference(doc)


def _network(doc: dict[str, Any]) -> tuple[Outcome, Plan, Network]:
    path, _ = _write(doc)
    out = run(path)
    plan = out.loaded.plan
    assert plan is not None and out.schedule is not None
    net = build_network(plan, make_calendars(plan))
    return out, plan, net


@SETTINGS
@given(st.one_of(plans(), plans(calendars=3)))
def test_dependencies_hold_and_nothing_could_start_earlier(doc: dict[str, Any]) -> None:
    """Tests that every dependency and constraint holds and each start is the earliest."""
    _, plan, net = _network(doc)
    sched = schedule_network(plan, net)
    start = [t.early_start for t in sched.tasks]
    codes = {(v.task, v.code) for v in violations(sched)}
    for b in range(len(net)):
        est, _ = earliest_start(net, b, start)
        if net.fixed[b] is not None:
            assert start[b] == net.fixed[b]
            assert (est > start[b]) == ((net.ids[b], "E041") in codes)
        else:
            assert start[b] == est  # holds, and could not be earlier
        dl = net.deadline[b]
        assert (dl is not None and start[b] > dl) == ((net.ids[b], "E040") in codes)
        assert start[b] >= 0


@pytest.mark.slow
@SETTINGS
@given(st.one_of(plans(resources=True), plans(resources=True, calendars=2)))
def test_levelled_schedule_is_feasible_and_semi_active(doc: dict[str, Any]) -> None:
    """Tests capacities, dependencies and that no task can move one day earlier alone."""
    _, plan, net = _network(doc)
    sched = schedule_network(plan, net)
    start = [t.early_start for t in sched.tasks]
    # Capacity on every working day.
    for r, load in sched.resource_load().items():
        cap = plan.resource[r].capacity
        assert all(u <= cap for u in load.values()), (r, load)
    # Dependencies hold.
    for b in range(len(net)):
        est, _ = earliest_start(net, b, start)
        assert start[b] >= est
    # Semi-active: moving any single task one working day earlier breaks something.
    for b in range(len(net)):
        est, _ = earliest_start(net, b, start)
        if start[b] == est or net.fixed[b] is not None:
            continue
        trial = list(start)
        trial[b] -= 1
        ok_deps = all(trial[s] >= earliest_start(net, s, trial)[0]
                      for s in [b] + [x for x, _, _ in net.succs[b]])
        if not ok_deps:
            continue
        cal = net.cal[b]
        day = cal.ordinal(trial[b])
        in_use = sched.resource_load()
        fits = all(in_use[net.resources[r]].get(dt.date.fromordinal(day), 0) + u
                   <= net.capacity[r] for r, u in net.uses[b])
        assert not fits, f"{net.ids[b]} could start a day earlier"
