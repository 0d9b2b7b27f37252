"""The schedule as CSV, with text cells neutralised against formula injection."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from ..baseline import Variance
from ..schedule import Schedule
from .text import safe_cell

if TYPE_CHECKING:
    from .registry import RenderContext

COLUMNS = ["id", "name", "start", "finish", "duration", "milestone", "total_float",
           "critical", "late_start", "late_finish", "deadline", "driver"]


#: Added when a baseline is given.
VARIANCE_COLUMNS = ["baseline_start", "baseline_finish", "start_variance", "finish_variance"]


def _opt(v: object) -> str:
    return "" if v is None else str(v)


def render(s: Schedule, variance: Variance | None = None) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS + (VARIANCE_COLUMNS if variance is not None else []))
    for k, t in enumerate(s.tasks):
        drv = t.driver.kind if t.driver.task is None else f"{t.driver.type} {t.driver.task}"
        w.writerow([
            safe_cell(t.id), safe_cell(t.name), t.start.isoformat(), t.finish.isoformat(),
            t.duration, "yes" if t.milestone else "no", t.total_float,
            "yes" if t.critical else "no", t.late_start_date.isoformat(),
            t.late_finish_date.isoformat(), t.deadline.isoformat() if t.deadline else "",
            safe_cell(drv),
        ] + ([] if variance is None else [_opt(x) for x in variance.of(k)]))
    return buf.getvalue()


def from_context(ctx: RenderContext) -> str:
    return render(ctx.schedule, ctx.variance)
