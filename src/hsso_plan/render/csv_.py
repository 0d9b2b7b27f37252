"""The schedule as CSV, with text cells neutralised against formula injection."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from ..schedule import Schedule
from .text import safe_cell

if TYPE_CHECKING:
    from .registry import RenderContext

COLUMNS = ["id", "name", "start", "finish", "duration", "milestone", "total_float",
           "critical", "late_start", "late_finish", "deadline", "driver"]


#: Added when the plan tracks progress (it has a status date).
PROGRESS_COLUMNS = ["status", "actual_start", "actual_finish", "remaining"]


def render(s: Schedule) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    tracking = s.status_date is not None
    w.writerow(COLUMNS + PROGRESS_COLUMNS if tracking else COLUMNS)
    for t in s.tasks:
        drv = t.driver.kind if t.driver.task is None else f"{t.driver.type} {t.driver.task}"
        extra = [t.status, t.actual_start.isoformat() if t.actual_start else "",
                 t.actual_finish.isoformat() if t.actual_finish else "",
                 "" if t.remaining is None else t.remaining] if tracking else []
        w.writerow([
            safe_cell(t.id), safe_cell(t.name), t.start.isoformat(), t.finish.isoformat(),
            t.duration, "yes" if t.milestone else "no",
            "" if t.total_float is None else t.total_float,
            "yes" if t.critical else "no", t.late_start_date.isoformat(),
            t.late_finish_date.isoformat(), t.deadline.isoformat() if t.deadline else "",
            safe_cell(drv), *extra,
        ])
    return buf.getvalue()


def from_context(ctx: RenderContext) -> str:
    return render(ctx.schedule)
