"""Progress: what happened up to the status date (core contract section 4).

One home for the concept. `check` yields every error and warning about `[progress.*]`
tables and `project.status_date` that the plan alone shows (the late-to-start warning needs
the schedule: the scheduler reports it as W101). `actuals` turns the valid progress entries
into `Actual` records, in working-day positions of each task's calendar, for the scheduler.

Let D be the status date and N the first working day of a task's calendar after D.

- done (``actual_finish``; a milestone also with ``actual_start`` alone): it sits at its
  actual dates, even off the calendar; its end is the first working day after its finish
  (a milestone's end is its date). It holds no resource after D.
- under way (``actual_start`` only): start is the actual start; ``r`` working days remain
  (``remaining``, or ``ceil(d * (100 - p) / 100)`` from ``percent_complete``, else
  ``max(1, d - w)`` with w the working days from the actual start to D), run on N .. N+r-1.
- not started: no task starts before N (the scheduler's floor).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import NamedTuple

from .calendars import WorkCalendar
from .diagnostics import Diagnostic, KeyPath, Related, did_you_mean
from .model import Plan, Progress

DONE, UNDER_WAY, NOT_STARTED = "done", "in progress", "not started"


class Actual(NamedTuple):
    """A task with recorded progress, in positions of its calendar."""

    status: str  # DONE | UNDER_WAY
    start: int  # the index of the first working day on or after the actual start
    end: int  # the index of the working day after the work (a milestone: its date)
    start_date: dt.date
    finish_date: dt.date
    remaining: int | None  # working days left after D (None for a done task)
    hold_from: int  # units are held on hold_from .. hold_from + hold_days - 1
    hold_days: int
    actual_finish: dt.date | None


def status_of(p: Progress | None, duration: int) -> str:
    """done, in progress or not started, from the keys that are set."""
    if p is None or (p.actual_start is None and p.actual_finish is None):
        return NOT_STARTED
    if p.actual_finish is not None or duration == 0:
        return DONE
    return UNDER_WAY


def _path(tid: str, key: str | None = None) -> KeyPath:
    return ("progress", tid) if key is None else ("progress", tid, key)


def entry_problems(tid: str, p: Progress, d: dt.date | None) -> Iterator[Diagnostic]:
    """The errors of one `[progress.<tid>]` table (``d``: the status date, if any)."""
    a, f = p.actual_start, p.actual_finish
    for key, value in (("actual_start", a), ("actual_finish", f)):
        if d is not None and value is not None and value > d:
            yield Diagnostic(
                "E102", f"{key} of task '{tid}' ({value.isoformat()}) is after the status "
                f"date ({d.isoformat()})", path=_path(tid, key),
                hint="progress is known only up to the status date: correct the date, or "
                     "move project.status_date forward")
    if f is not None and a is None:
        yield Diagnostic(
            "E104", f"task '{tid}' has an actual_finish but no actual_start",
            path=_path(tid, "actual_finish"),
            hint=f"add actual_start = YYYY-MM-DD (on or before {f.isoformat()})")
    if a is not None and f is not None and f < a:
        yield Diagnostic(
            "E103", f"task '{tid}' finishes ({f.isoformat()}) before it starts "
            f"({a.isoformat()})", path=_path(tid, "actual_finish"),
            hint="swap the dates, or correct the one that was mistyped")
    left = [k for k in ("remaining", "percent_complete") if getattr(p, k) is not None]
    if len(left) == 2:
        yield Diagnostic(
            "E105", f"task '{tid}' gives both remaining and percent_complete",
            path=_path(tid, "percent_complete"),
            hint="keep one: remaining (working days left) or percent_complete")
    elif left and f is not None:
        yield Diagnostic(
            "E105", f"task '{tid}' is done (actual_finish) but also gives {left[0]}",
            path=_path(tid, left[0]),
            hint=f"remove {left[0]} (a done task has nothing left), or remove actual_finish "
                 "if the work goes on")
    elif left and a is None:
        yield Diagnostic(
            "E105", f"task '{tid}' gives {left[0]} but has not started (no actual_start)",
            path=_path(tid, left[0]),
            hint=f"add actual_start = YYYY-MM-DD, or remove {left[0]}")
    pc = p.percent_complete
    if pc is not None and f is None and not 0 <= pc <= 99:
        yield Diagnostic(
            "E106", f"percent_complete of task '{tid}' is {pc}; it must be 0 to 99",
            path=_path(tid, "percent_complete"),
            hint="a finished task takes actual_finish instead of 100"
            if pc >= 100 else "use a whole number from 0 to 99")


def check(plan: Plan, broken: set[str] | None = None) -> list[Diagnostic]:
    """Every plan-level progress error and the out-of-sequence warnings (W100)."""
    out: list[Diagnostic] = []
    if not plan.progress:
        return out
    d = plan.project.status_date
    if d is None:
        first = next(iter(plan.progress))
        out.append(Diagnostic(
            "E100", "the plan records progress but has no project.status_date",
            path=_path(first), hint="add status_date = YYYY-MM-DD to [project] (progress is "
                                    "known up to the end of that day)"))
    for tid, p in plan.progress.items():
        if tid not in plan.task:
            if broken and tid in broken:
                continue
            out.append(Diagnostic(
                "E101", f"progress for unknown task '{tid}'", path=_path(tid),
                hint=did_you_mean(tid, list(plan.task))
                or "progress tables are [progress.<task-id>] (generated ids too: <site>-<task>)"))
            continue
        out.extend(entry_problems(tid, p, d))
    out.extend(_out_of_sequence(plan))
    return out


def _out_of_sequence(plan: Plan) -> Iterator[Diagnostic]:
    """W100: done or under-way work whose FS or SS predecessor has not started."""
    for tid, p in plan.progress.items():
        task = plan.task.get(tid)
        if task is None or status_of(p, task.duration) == NOT_STARTED:
            continue
        for k, item in enumerate(task.depends):  # (not dependencies(): no model per edge)
            pid, typ = (item, "FS") if isinstance(item, str) else (item.task, item.type)
            pred = plan.task.get(pid)
            if typ not in ("FS", "SS") or pred is None:
                continue
            if status_of(plan.progress.get(pid), pred.duration) != NOT_STARTED:
                continue
            dep_path: KeyPath = ("task", tid, "depends", k)
            yield Diagnostic(
                "W100", f"task '{tid}' is {status_of(p, task.duration)} but its predecessor "
                f"'{pid}' ({typ}) has not started (out of sequence)",
                path=_path(tid, "actual_start" if p.actual_start else "actual_finish"),
                hint=f"record the progress of '{pid}' ([progress.{pid}]), or drop "
                     "the dependency if the work did not need it",
                related=(Related(dep_path, "the dependency"),))


def status_index(cal: WorkCalendar, d: dt.date) -> int:
    """N: the index of the first working day of ``cal`` after the status date ``d``."""
    return cal.rank(d.toordinal() + 1)


def actual(p: Progress, duration: int, cal: WorkCalendar, d: dt.date) -> Actual | None:
    """The `Actual` of a valid progress entry (None: not started)."""
    a, f = p.actual_start, p.actual_finish
    if a is None:
        return None
    n = status_index(cal, d)
    if f is not None or duration == 0:
        on = f if f is not None else a
        if duration == 0:  # a milestone is reached on its date
            i = cal.rank_date(on)
            return Actual(DONE, i, i, on, on, None, n, 0, on)
        assert f is not None
        return Actual(DONE, cal.rank_date(a), cal.rank(f.toordinal() + 1), a, f, None, n, 0, f)
    s = cal.rank_date(a)
    if p.remaining is not None:
        r = p.remaining
    elif p.percent_complete is not None:
        r = -(-duration * (100 - p.percent_complete) // 100)
    else:
        r = max(1, duration - (n - s))
    finish = cal.date(n + r - 1) if r else max(a, cal.date(n - 1))
    return Actual(UNDER_WAY, s, n + r, a, finish, r, n, r, None)


def _plainly_valid(p: Progress, d: dt.date) -> bool:
    """The common valid cases, without building diagnostics (a fast path of
    `entry_problems`: False means "look closer", not "invalid")."""
    a, f = p.actual_start, p.actual_finish
    if a is None or a > d:
        return False
    if f is not None:
        return a <= f <= d and p.remaining is None and p.percent_complete is None
    return p.percent_complete is None or (p.remaining is None and 0 <= p.percent_complete <= 99)


def actuals(plan: Plan, cal_of: list[WorkCalendar]) -> dict[int, Actual]:
    """Task index (plan order) -> its `Actual`, for tasks with valid progress that started.

    Entries with errors are left out (the plan fails validation; the rest still schedules).
    """
    d = plan.project.status_date
    if d is None or not plan.progress:
        return {}
    index = {t: i for i, t in enumerate(plan.task)}
    out: dict[int, Actual] = {}
    for tid, p in plan.progress.items():
        i = index.get(tid)
        if i is None or (not _plainly_valid(p, d) and next(entry_problems(tid, p, d), None)):
            continue
        act = actual(p, plan.task[tid].duration, cal_of[i], d)
        if act is not None:
            out[i] = act
    return out
