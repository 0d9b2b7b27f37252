"""Passes at C speed over every task against the plain scans they stand for: PlanIndex.tasks_with
(over pydantic's set fields) and the task calendars read from it, and the ids check's one
match of all the ids of a table."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hsso_plan.calendars import WorkCalendar
from hsso_plan.model import Plan, Project, Task
from hsso_plan.plan_index import SPARSE_KEYS, PlanIndex

_DAY = dt.date(2024, 1, 8)
_VALUES: dict[str, Any] = {
    "uses": st.sampled_from([{}, {"r": 1}]),
    "start_no_earlier_than": st.sampled_from([None, _DAY]),
    "start_on": st.sampled_from([None, _DAY]),
    "finish_no_later_than": st.sampled_from([None, _DAY]),
    "calendar": st.sampled_from([None, "", "c", "nope"]),
    "workstream": st.sampled_from([None, "w"]),
    "duration_range": st.sampled_from([None, [], [1, 3]]),
    "owner": st.sampled_from([None, "o"]),
    "priority": st.integers(0, 1000),
}


@st.composite
def _task(draw: Any) -> Task:
    given_keys = draw(st.lists(st.sampled_from(sorted(_VALUES)), unique=True))
    raw = {"name": "T", "duration": 2, **{k: draw(_VALUES[k]) for k in given_keys}}
    how = draw(st.sampled_from(["validate", "construct", "copy"]))
    if how == "validate":
        return Task.model_validate(raw)
    if how == "construct":
        return Task.model_construct(**raw)
    # A stand-in marked by the loader, or a value changed after validation.
    extra = {k: draw(_VALUES[k]) for k in draw(st.lists(st.sampled_from(sorted(_VALUES))))}
    return Task.model_validate(raw).model_copy(update={"placeholder": True, **extra})


@settings(max_examples=300, deadline=None)
@given(st.lists(_task(), max_size=8))
def test_tasks_with_agrees_with_a_scan_of_every_task(tasks: list[Task]) -> None:
    plan = Plan.model_construct(project=Project(name="p", start=_DAY),
                                task={f"t{i}": t for i, t in enumerate(tasks)})
    default, own = WorkCalendar(_DAY), WorkCalendar(_DAY, name="c")
    index = PlanIndex(plan, {None: default, "c": own})
    for key in SPARSE_KEYS:
        want = [(tid, t) for tid, t in plan.task.items()
                if (bool(t.uses) if key == "uses" else getattr(t, key) is not None)]
        assert index.tasks_with(key) == want, key
    assert index.task_calendars() == [
        ({"c": own}.get(t.calendar, default) if t.calendar else default)
        for t in plan.task.values()]
    assert index.has_risk == any(t.duration_range is not None for t in tasks)


@given(st.lists(st.text(alphabet="ab_- \n\t\u00e9-", max_size=4), max_size=5))
def test_all_bare_agrees_with_a_match_per_id(ids: list[str]) -> None:
    from hsso_plan.checks.plan_refs import _BARE, _all_bare

    table = dict.fromkeys(ids)
    assert _all_bare(table) == all(_BARE.fullmatch(i) for i in table)
