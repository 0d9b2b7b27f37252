"""The schedule JSON writer (render/schedule_json.py) against an independent reference.

The writer formats each task's line directly (f-strings) for speed; here every field
combination a task can have (progress, deadlines, resources, resource delays, placeholders,
notes, baseline variance, hostile text) is checked against the plain way of writing the
same object: a dict in the contract's key order, encoded with ``json.dumps``.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hsso_plan.baseline import TaskVariance
from hsso_plan.render.schedule_json import (
    JsonLines,
    dumps_lines,
    schedule_dict,
    schedule_doc,
    task_dict,
    task_json,
)
from hsso_plan.render.text import json_text
from hsso_plan.schedule import Driver, ResourceDelay, Schedule, ScheduledTask

TEXT = st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ['"', "\\", "\n", "\u2028", "</script>", "é", "\x00", "\x7f", "😀"])
DATES = st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31))
OPT_DATE = st.none() | DATES
OPT_INT = st.none() | st.integers(-10**6, 10**6)

DRIVERS = st.one_of(
    st.sampled_from(["project-start", "start_no_earlier_than", "start_on", "resource",
                     "status-date", "actual"]).map(Driver),
    st.builds(Driver, st.just("dependency"), TEXT, st.sampled_from(["FS", "SS", "FF", "SF"]),
              st.integers(-50, 50)),
)
DELAYS = st.none() | st.builds(
    ResourceDelay, DATES, st.lists(TEXT, max_size=3).map(tuple),
    st.lists(DATES, max_size=3).map(tuple),
    st.dictionaries(TEXT, st.lists(TEXT, max_size=2).map(tuple), max_size=2))


@st.composite
def tasks(draw: st.DrawFn) -> ScheduledTask:
    d = draw(st.integers(0, 400))
    return ScheduledTask(
        draw(TEXT), draw(TEXT), draw(DATES), draw(DATES), d, d == 0, draw(st.integers()),
        draw(st.integers()), draw(DATES), draw(DATES), draw(OPT_INT), draw(st.booleans()),
        draw(DRIVERS), draw(OPT_DATE), draw(st.dictionaries(TEXT, st.integers(1, 99),
                                                            max_size=3)),
        draw(DELAYS), (), draw(st.booleans()),
        draw(st.none() | st.sampled_from(["done", "in progress", "not started"])),
        draw(OPT_DATE), draw(OPT_DATE), draw(OPT_INT), draw(st.none() | TEXT))


VARIANCES = st.builds(TaskVariance, OPT_DATE, OPT_DATE, OPT_INT, OPT_INT)
PEOPLE = st.none() | st.fixed_dictionaries({}, optional={"owner": TEXT, "task_note": TEXT})


def _iso(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


def reference(t: ScheduledTask, v: TaskVariance | None = None,
              people: dict[str, str] | None = None) -> dict[str, Any]:
    """The task object of contract sections 3-5, written out key by key."""
    drv: dict[str, Any] = {"kind": t.driver.kind}
    if t.driver.task is not None:
        drv.update(task=t.driver.task, type=t.driver.type, lag=t.driver.lag)
    out: dict[str, Any] = {
        "id": t.id, "name": t.name, "start": _iso(t.start), "finish": _iso(t.finish),
        "duration": t.duration, "milestone": t.milestone, "total_float": t.total_float,
        "critical": t.critical, "late_start": _iso(t.late_start_date),
        "late_finish": _iso(t.late_finish_date), "driver": drv,
    }
    if t.deadline is not None:
        out["deadline"] = _iso(t.deadline)
    if t.uses:
        out["uses"] = dict(t.uses)
    if t.status is not None:
        out.update(status=t.status, actual_start=_iso(t.actual_start),
                   actual_finish=_iso(t.actual_finish), remaining=t.remaining)
        if t.note is not None:
            out["note"] = t.note
    if t.delay is not None:
        out["resource_delay"] = {
            "earliest_start": _iso(t.delay.earliest_start),
            "resources": list(t.delay.resources),
            "days": [_iso(d) for d in t.delay.days],
            "blocking_tasks": {r: list(ts) for r, ts in t.delay.blocking_tasks.items()},
        }
    if t.placeholder:
        out["placeholder"] = True
    if v is not None:
        out.update(baseline_start=_iso(v.baseline_start), baseline_finish=_iso(v.baseline_finish),
                   start_variance=v.start_variance, finish_variance=v.finish_variance)
    out.update(people or {})
    return out


@settings(max_examples=400)
@given(tasks(), st.none() | VARIANCES, PEOPLE)
def test_task_line_is_the_json_of_the_task_object(t: ScheduledTask, v: TaskVariance | None,
                                                  people: dict[str, str] | None) -> None:
    line = task_json(t, None, v, people)
    assert line == json.dumps(reference(t, v, people), ensure_ascii=False)
    assert "\n" not in line  # one task per line of the file
    if v is None and people is None:
        assert task_dict(t) == reference(t)


@settings(max_examples=50)
@given(st.lists(tasks(), max_size=6))
def test_schedule_file_is_one_task_per_line(ts: list[ScheduledTask]) -> None:
    s = Schedule("P \"q\"", dt.date(2017, 1, 2), tuple(ts), (), False)
    doc = schedule_doc(s)
    assert isinstance(doc["tasks"], JsonLines)
    text = dumps_lines(doc)
    plain = schedule_dict(s)
    assert json.loads(text) == plain
    assert plain["tasks"] == [reference(t) for t in ts]
    if ts:  # the tasks' lines, each as json.dumps writes it, between the array's brackets
        lines = text.split("\n")
        at = lines.index('  "tasks": [')
        assert lines[at + 1:at + 1 + len(ts)] == [
            "    " + json_text(json.dumps(reference(t), ensure_ascii=False))
            + ("," if i < len(ts) - 1 else "")
            for i, t in enumerate(ts)]


def _nested_joins(doc: dict[str, Any]) -> str:
    """`dumps_lines` as it was written before it joined its pieces once: each list joined,
    put in its line, the lines joined, the braces added."""
    parts = []
    for k, v in doc.items():
        key = json.dumps(k, ensure_ascii=False)
        if isinstance(v, list) and v:
            items = ",\n    ".join(v if isinstance(v, JsonLines)
                                   else [json.dumps(x, ensure_ascii=False) for x in v])
            parts.append(f"  {key}: [\n    {items}\n  ]")
        else:
            parts.append(f"  {key}: {json.dumps(v, ensure_ascii=False)}")
    return json_text("{\n" + ",\n".join(parts) + "\n}\n")


_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | TEXT,
                       lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(TEXT, inner, max_size=3), max_leaves=8)


@settings(max_examples=200)
@given(st.dictionaries(TEXT, _VALUES | st.lists(TEXT, max_size=3).map(
    lambda xs: JsonLines(json.dumps(x, ensure_ascii=False) for x in xs)), max_size=5))
def test_dumps_lines_is_the_nested_joins_in_one(doc: dict[str, Any]) -> None:
    assert dumps_lines(doc) == _nested_joins(doc)
