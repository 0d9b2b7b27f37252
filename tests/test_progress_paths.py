"""The fast paths of progress tracking against the general ones (core contract section 4).

- `progress.actuals` makes each `Actual` itself (ranks found once per date): it equals
  `progress.actual` of every valid entry, on random entries (valid or not, on two
  calendars, for unknown tasks too) and on random valid progress.
- `build_network` does not build the dependency edges of tasks done or under way: its
  edges equal those of the plan without a status date with the edges into those tasks
  removed (random plans, and the 2017 plan as run, whose readiness links meet progress).
- W110 skips a task all of whose predecessors started, and the whole loop when every
  predecessor of every started task started (`_in_sequence`, over the index's links): its
  warnings equal those of the plain loop over every dependency, on plans whose progress is
  valid or not.
- E112-E116 pass over an entry done or under way with nothing wrong: their errors equal
  those of `_entry_problems` of every entry of a known task (with a status date or not).
- `entry_values` and `started_tasks` (at C speed) equal the entries' attributes and
  `has_started` of each entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from hsso_plan.checks import Context
from hsso_plan.checks.progress_checks import _entries, _entry_problems, out_of_sequence
from hsso_plan.diagnostics import Diagnostic
from hsso_plan.loading import read_plan
from hsso_plan.model import Plan
from hsso_plan.plan_index import PlanIndex
from hsso_plan.progress import (
    Actual,
    _valid,
    actual,
    actuals,
    entry_values,
    has_started,
    started_tasks,
    status_of,
)
from hsso_plan.scheduling import build_network, make_calendars
from hsso_plan.scheduling.network import Network

from .test_progress_properties import tracked_plans
from .test_properties import SETTINGS, START, plans

ROOT = Path(__file__).resolve().parent.parent
DAY = dt.timedelta(days=1)


@st.composite
def any_progress(draw: st.DrawFn) -> dict[str, Any]:
    """A plan on two calendars with random progress entries: valid or not, and some for
    tasks the plan lacks."""
    doc = draw(plans(calendars=2))
    d = START + dt.timedelta(days=draw(st.integers(0, 60)))
    doc["project"]["status_date"] = d
    dates = st.none() | st.integers(-30, 70).map(lambda k: START + k * DAY)
    progress: dict[str, Any] = {}
    for tid in [*doc["task"], "ghost"]:
        entry = {"actual_start": draw(dates), "actual_finish": draw(dates),
                 "remaining": draw(st.none() | st.integers(0, 6)),
                 "percent_complete": draw(st.none() | st.integers(-5, 120))}
        progress[tid] = {k: v for k, v in entry.items() if v is not None}
    doc["progress"] = progress
    return doc


@SETTINGS
@given(any_progress() | tracked_plans())
def test_actuals_equal_the_actual_of_each_valid_entry(doc: dict[str, Any]) -> None:
    plan = Plan.model_validate(doc)
    cals = make_calendars(plan)
    cal_of = PlanIndex(plan, cals).task_calendars()
    d = plan.project.status_date
    assert d is not None
    pos = {t: i for i, t in enumerate(plan.task)}
    want: dict[int, Actual] = {}
    for tid, p in plan.progress.items():
        if tid in pos and _valid(p, d):
            i = pos[tid]
            act = actual(p, plan.task[tid].duration, cal_of[i], d)
            if act is not None:
                want[i] = act
    got = actuals(plan, cal_of)
    assert got == want
    assert list(got) == list(want)  # in the order of the progress tables
    assert all(type(a) is Actual for a in got.values())


def _general(plan: Plan) -> Network:
    """The network of ``plan`` built with every edge (as without a status date), then the
    edges into its tasks done or under way removed."""
    cals = make_calendars(plan)
    plain = plan.model_copy(update={"project": plan.project.model_copy(
        update={"status_date": None})})
    net = build_network(plain, cals, PlanIndex(plain, cals))
    pinned = actuals(plan, net.cal, net.index)
    for t in pinned:
        net.preds[t] = []
    net.succs = [[x for x in s if x[0] not in pinned] for s in net.succs]
    return net


def _assert_same_edges(plan: Plan) -> None:
    cals = make_calendars(plan)
    net = build_network(plan, cals, PlanIndex(plan, cals))
    ref = _general(plan)
    assert net.preds == ref.preds
    assert net.succs == ref.succs
    assert net.actual == actuals(plan, net.cal, net.index)


@SETTINGS
@given(tracked_plans())
def test_network_leaves_out_the_edges_of_started_tasks(doc: dict[str, Any]) -> None:
    _assert_same_edges(Plan.model_validate(doc))


def test_network_of_the_2017_plan_as_run() -> None:
    loaded = read_plan(ROOT / "plans" / "hsso-2017-status.toml")
    assert loaded.plan is not None and loaded.plan.progress and loaded.plan.transfer
    _assert_same_edges(loaded.plan)


def _w110_plain(plan: Plan) -> Iterator[tuple[str, tuple[Any, ...], tuple[Any, ...]]]:
    """W110 as one loop over every dependency of every started task: message, path, the
    dependency's path."""
    started = {tid for tid, p in plan.progress.items() if has_started(p)}
    for tid, p in plan.progress.items():
        task = plan.task.get(tid)
        if task is None or tid not in started:
            continue
        for k, item in enumerate(task.depends):
            pid, typ = (item, "FS") if isinstance(item, str) else (item.task, item.type)
            if pid not in started and typ in ("FS", "SS") and pid in plan.task:
                yield (f"task '{tid}' is {status_of(p, task.duration)} but its predecessor "
                       f"'{pid}' ({typ}) has not started (out of sequence)",
                       ("progress", tid, "actual_start" if p.actual_start else "actual_finish"),
                       ("task", tid, "depends", k))


@SETTINGS
@given(tracked_plans() | any_progress())
def test_out_of_sequence_equals_the_plain_loop(doc: dict[str, Any]) -> None:
    plan = Plan.model_validate(doc)
    cals = make_calendars(plan)
    got: list[Diagnostic] = list(out_of_sequence(Context(plan, PlanIndex(plan, cals), {}, cals)))
    assert [(g.message, g.path, g.related[0].path) for g in got] == list(_w110_plain(plan))


@SETTINGS
@given(any_progress())
def test_entry_values_and_started_tasks_equal_the_attributes(doc: dict[str, Any]) -> None:
    plan = Plan.model_validate(doc)
    values = entry_values(plan.progress)
    assert values == [(p.actual_start, p.actual_finish, p.remaining, p.percent_complete)
                      for p in plan.progress.values()]
    want = {tid for tid, p in plan.progress.items() if has_started(p)}
    assert started_tasks(plan.progress) == want
    assert started_tasks(plan.progress, values) == want


@SETTINGS
@given(any_progress(), st.booleans())
def test_entry_errors_equal_those_of_every_entry(doc: dict[str, Any], dated: bool) -> None:
    if not dated:
        del doc["project"]["status_date"]
    plan = Plan.model_validate(doc)
    cals = make_calendars(plan)
    d = plan.project.status_date
    want = [x for tid, p in plan.progress.items() if tid in plan.task
            for x in _entry_problems(tid, p, d)]
    got = _entries(Context(plan, PlanIndex(plan, cals), {}, cals))
    assert [(x.code, x.message, x.path, x.hint) for x in got] == \
        [(x.code, x.message, x.path, x.hint) for x in want]
