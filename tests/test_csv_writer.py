"""The CSV writer's direct path (dates, numbers and yes/no written as they are; only text
cells quoted) against the general one: every cell through `csv_.field`, text cells through
`safe_cell` first, for any text in the text cells."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from hsso_plan import app
from hsso_plan.render import csv_
from hsso_plan.render.text import safe_cell
from hsso_plan.schedule import Driver, Schedule

PLANS = Path(__file__).resolve().parent.parent / "plans"


def _general(s: Schedule) -> str:
    """The CSV as one `csv_.row` per task, every value through `csv_.field`."""
    tracking = s.status_date is not None
    out = [csv_.row(csv_.COLUMNS + (csv_.PROGRESS_COLUMNS if tracking else []))]
    for t in s.tasks:
        drv = t.driver.kind if t.driver.task is None else f"{t.driver.type} {t.driver.task}"
        extra: list[object] = [t.status, t.actual_start.isoformat() if t.actual_start else "",
                               t.actual_finish.isoformat() if t.actual_finish else "",
                               "" if t.remaining is None else t.remaining] if tracking else []
        out.append(csv_.row([
            safe_cell(t.id), safe_cell(t.name), t.start.isoformat(), t.finish.isoformat(),
            t.duration, "yes" if t.milestone else "no",
            "" if t.total_float is None else t.total_float,
            "yes" if t.critical else "no", t.late_start_date.isoformat(),
            t.late_finish_date.isoformat(), t.deadline.isoformat() if t.deadline else "",
            safe_cell(drv), *extra]))
    return "".join(out)


def _schedule(name: str) -> Schedule:
    out = app.run(PLANS / name)
    assert out.schedule is not None
    return out.schedule


AS_PLANNED = _schedule("hsso-2017.toml")
TRACKED = _schedule("hsso-2017-status.toml")


def test_bundled_plans_as_the_general_writer_writes_them() -> None:
    assert TRACKED.status_date is not None and AS_PLANNED.status_date is None
    for s in (AS_PLANNED, TRACKED):
        assert csv_.render(s) == _general(s)


TEXT = st.text(alphabet=st.sampled_from(list(',"\r\n=+-@\t \'ab;é\u2028')), max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(TEXT, TEXT, TEXT), min_size=1, max_size=6), st.booleans())
def test_any_text_cells_as_the_general_writer_writes_them(
        cells: list[tuple[str, str, str]], tracked: bool) -> None:
    base = TRACKED if tracked else AS_PLANNED
    tasks = tuple(
        dataclasses.replace(t, id=i, name=n,
                            driver=Driver("dependency", p, "FS", 0) if p else t.driver)
        for t, (i, n, p) in zip(base.tasks, cells, strict=False))
    s = dataclasses.replace(base, tasks=tasks)
    assert csv_.render(s) == _general(s)


PLAIN_OR_NOT = st.text(alphabet=st.sampled_from(list("ab -é;'=")), max_size=6) | TEXT


@settings(max_examples=300, deadline=None)
@given(st.lists(PLAIN_OR_NOT, max_size=8))
def test_a_text_column_as_each_of_its_cells_is_written(values: list[str]) -> None:
    """`csv_.text_column` (one check of the whole column) against `field(safe_cell(v))` of
    each cell, for columns that need nothing done and columns with one cell that does."""
    assert csv_.text_column(values) == [csv_.field(safe_cell(v)) for v in values]
    plain = [v.replace("=", "x").replace("-", "x") for v in values
             if v and not set(v) & set(',"\r\n=+-@\t')]
    assert csv_.text_column(plain) == plain
