"""The schedule as CSV (RFC 4180 fields, ``\\n`` between rows), with text cells neutralised
against formula injection at the start of every line of a cell.

Python's `csv` module quotes a field only for the characters of its line terminator, so with
``\\n`` rows a bare CR inside a name would reach a spreadsheet unquoted and start a new row
there; fields are therefore quoted here, whenever they hold a comma, a quote, CR or LF.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..schedule import Schedule
from .text import safe_cell

if TYPE_CHECKING:
    from ..baseline import Variance
    from .registry import RenderContext

COLUMNS = ["id", "name", "start", "finish", "duration", "milestone", "total_float",
           "critical", "late_start", "late_finish", "deadline", "driver"]
_SPECIAL = frozenset(',"\r\n')


def field(value: object) -> str:
    """One CSV field: quoted (quotes doubled) when it holds a comma, a quote, CR or LF."""
    text = str(value)
    if _SPECIAL.isdisjoint(text):
        return text
    return '"' + text.replace('"', '""') + '"'


def row(values: Sequence[object]) -> str:
    return ",".join(field(v) for v in values) + "\n"


#: Added when a baseline is given.
VARIANCE_COLUMNS = ["baseline_start", "baseline_finish", "start_variance", "finish_variance"]


def _opt(v: object) -> str:
    return "" if v is None else str(v)


#: Added when the plan tracks progress (it has a status date).
PROGRESS_COLUMNS = ["status", "actual_start", "actual_finish", "remaining"]


def render(s: Schedule, variance: Variance | None = None) -> str:
    tracking = s.status_date is not None
    out = [row(COLUMNS + (PROGRESS_COLUMNS if tracking else [])
               + (VARIANCE_COLUMNS if variance is not None else []))]
    for k, t in enumerate(s.tasks):
        drv = t.driver.kind if t.driver.task is None else f"{t.driver.type} {t.driver.task}"
        extra = [t.status, t.actual_start.isoformat() if t.actual_start else "",
                 t.actual_finish.isoformat() if t.actual_finish else "",
                 "" if t.remaining is None else t.remaining] if tracking else []
        out.append(row([
            safe_cell(t.id), safe_cell(t.name), t.start.isoformat(), t.finish.isoformat(),
            t.duration, "yes" if t.milestone else "no",
            "" if t.total_float is None else t.total_float,
            "yes" if t.critical else "no", t.late_start_date.isoformat(),
            t.late_finish_date.isoformat(), t.deadline.isoformat() if t.deadline else "",
            safe_cell(drv), *extra,
        ] + ([] if variance is None else [_opt(x) for x in variance.of(k)])))
    return "".join(out)


def from_context(ctx: RenderContext) -> str:
    return render(ctx.schedule, ctx.variance)
