"""Baselines and variance (core contract section 5).

A baseline is any earlier ``hsso-plan schedule PLAN --format json`` output. It is hostile
input: its size is bounded, and every problem (not JSON, wrong shapes, bad dates, a task
twice) is a `BaselineError` that names the file, never a traceback.

Variance counts working days of the project's default calendar, positive = later than the
baseline: ``rank(new) - rank(old)``, where rank(d) is the number of working days before d
(so dates off the calendar, such as an actual finish on a Saturday, still compare).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from .calendars import WorkCalendar
from .memo import Memo
from .schedule import Schedule

#: The largest baseline file read (a 100,000-task schedule JSON is about 40 MB).
MAX_BYTES = 256 * 1024 * 1024


class BaselineError(ValueError):
    """A baseline file that cannot be used; ``usage`` = the file itself is missing or
    unreadable (a usage error when named on the command line)."""

    def __init__(self, message: str, *, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


@dataclass(frozen=True)
class Baseline:
    """The dates a baseline holds: per task id, (start, finish); and the project finish."""

    source: str
    finish: dt.date | None
    tasks: dict[str, tuple[dt.date, dt.date]]


class TaskVariance(NamedTuple):
    baseline_start: dt.date | None
    baseline_finish: dt.date | None
    start_variance: int | None
    finish_variance: int | None


@dataclass(frozen=True)
class Variance:
    """A schedule against a baseline: one `TaskVariance` per task, in schedule order."""

    baseline: Baseline
    tasks: tuple[TaskVariance, ...]
    baseline_finish: dt.date | None
    finish_variance: int | None

    def of(self, index: int) -> TaskVariance:
        return self.tasks[index]


def _date(value: Any, where: str, display: str) -> dt.date:
    if not isinstance(value, str) or len(value) != 10:
        raise BaselineError(f"{display}: {where} must be a date YYYY-MM-DD, not "
                            f"{json.dumps(value)[:40]}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BaselineError(f"{display}: {where} is not a valid date: "
                            f"{json.dumps(value)[:40]}") from None


def parse(data: bytes, display: str) -> Baseline:
    """The baseline in ``data`` (the bytes of a schedule JSON file)."""
    if len(data) > MAX_BYTES:
        raise BaselineError(f"{display}: the baseline is larger than "
                            f"{MAX_BYTES // (1024 * 1024)} MB; is it a schedule JSON file?")
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise BaselineError(f"{display}: the baseline is not UTF-8 text; use the output of "
                            "'hsso-plan schedule PLAN --format json'") from None
    except json.JSONDecodeError as e:
        raise BaselineError(f"{display}:{e.lineno}:{e.colno}: the baseline is not valid "
                            f"JSON: {e.msg}") from None
    except RecursionError:
        raise BaselineError(f"{display}: the baseline nests too deeply to be a schedule "
                            "JSON file") from None
    if not isinstance(doc, dict):
        raise BaselineError(f"{display}: a baseline is a JSON object with 'project' and "
                            "'tasks' (the output of 'hsso-plan schedule PLAN --format json')")
    tasks_raw = doc.get("tasks")
    if not isinstance(tasks_raw, list):
        raise BaselineError(f"{display}: the baseline has no 'tasks' list; use the output "
                            "of 'hsso-plan schedule PLAN --format json'")
    finish: dt.date | None = None
    project = doc.get("project")
    if project is not None:
        if not isinstance(project, dict):
            raise BaselineError(f"{display}: 'project' must be an object")
        if project.get("finish") is not None:
            finish = _date(project["finish"], "project.finish", display)
    tasks: dict[str, tuple[dt.date, dt.date]] = {}
    for k, t in enumerate(tasks_raw):
        where = f"tasks[{k}]"
        if not isinstance(t, dict):
            raise BaselineError(f"{display}: {where} must be an object with id, start, finish")
        tid = t.get("id")
        if not isinstance(tid, str) or not tid:
            raise BaselineError(f"{display}: {where} has no 'id' (a task id string)")
        where = f"task '{tid[:80]}' ({where})"
        if tid in tasks:
            raise BaselineError(f"{display}: {where} appears twice in the baseline")
        start = _date(t.get("start"), f"{where} start", display)
        fin = _date(t.get("finish"), f"{where} finish", display)
        if fin < start:
            raise BaselineError(f"{display}: {where} finishes ({fin}) before it starts "
                                f"({start})")
        tasks[tid] = (start, fin)
    if finish is None and tasks:
        finish = max(f for _, f in tasks.values())
    return Baseline(display, finish, tasks)


def load(path: Path, display: str | None = None) -> Baseline:
    """Read the baseline file at ``path`` (see `parse`)."""
    shown = display if display is not None else str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return parse(b" " * (MAX_BYTES + 1), shown)  # the size message, without reading
        data = path.read_bytes()
    except IsADirectoryError:
        raise BaselineError(f"{shown}: is a folder, not a baseline file", usage=True) from None
    except OSError as e:
        raise BaselineError(f"cannot read baseline {shown}: {e.strerror or e}",
                            usage=True) from None
    return parse(data, shown)


def workdays_between(cal: WorkCalendar, old: dt.date, new: dt.date) -> int:
    """Working days of ``cal`` from ``old`` to ``new`` (positive: ``new`` is later)."""
    return cal.rank(new.toordinal()) - cal.rank(old.toordinal())


def ranker(cal: WorkCalendar) -> Callable[[dt.date], int]:
    """``d -> cal.rank(d)`` memoised per date (plans reuse few dates): working-day deltas
    are differences of ranks."""
    return Memo(cal.rank_date).__getitem__


def compare(s: Schedule, b: Baseline, cal: WorkCalendar) -> Variance:
    """The variance of each task of ``s`` and of its finish against ``b``."""
    r = ranker(cal)
    none = TaskVariance(None, None, None, None)
    out: list[TaskVariance] = []
    bt = b.tasks
    for t in s.tasks:
        got = bt.get(t.id)
        if got is None:
            out.append(none)
            continue
        bs, bf = got
        out.append(TaskVariance(bs, bf, r(t.start) - r(bs), r(t.finish) - r(bf)))
    fv = r(s.finish) - r(b.finish) if b.finish is not None and s.tasks else None
    return Variance(b, tuple(out), b.finish, fv)


def resolve(plan_path: Path, value: str) -> Path:
    """The file a plan's ``project.baseline`` names (relative to the plan file)."""
    return (plan_path.parent / value)


def priority(b: Baseline, ids: list[str]) -> list[int | None]:
    """Baseline start ordinals of ``ids`` (None where the baseline lacks the task), for a
    levelling order that keeps the baseline's."""
    bt = b.tasks
    return [bt[i][0].toordinal() if i in bt else None for i in ids]
