"""Progress: what happened up to the status date (core contract section 4).

One home for the concept's rules. The checks of `[progress.*]` tables and
`project.status_date` are registered in `hsso_plan.checks.progress_checks` (the
late-to-start warning W111 needs the schedule: it is a timeline fact). `actuals` turns the
valid progress entries into `Actual` records, in working-day positions of each task's
calendar, for the scheduler.

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
from itertools import compress
from operator import attrgetter, itemgetter
from typing import NamedTuple

from .calendars import WorkCalendar
from .memo import Memo
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


def has_started(p: Progress) -> bool:
    """True when the entry records an actual date (the task is done or under way)."""
    return p.actual_start is not None or p.actual_finish is not None


def status_of(p: Progress | None, duration: int) -> str:
    """done, in progress or not started, from the keys that are set."""
    if p is None or not has_started(p):
        return NOT_STARTED
    if p.actual_finish is not None or duration == 0:
        return DONE
    return UNDER_WAY


#: What `entry_values` gives for one entry: actual_start, actual_finish, remaining and
#: percent_complete.
Values = tuple[dt.date | None, dt.date | None, int | None, int | None]
_VALUES = itemgetter("actual_start", "actual_finish", "remaining", "percent_complete")
_FIELDS = attrgetter("__dict__")
_DATES = itemgetter(0, 1)
_NO_DATES = (None, None)


def entry_values(progress: dict[str, Progress]) -> list[Values]:
    """The `Values` of each entry, in the table's order, read at C speed from the models'
    field values: each attribute read of a pydantic model goes through its getattr hook,
    which 50,000 entries read four times each would feel."""
    return list(map(_VALUES, map(_FIELDS, progress.values())))


def started_ids(progress: dict[str, Progress], values: list[Values]) -> Iterator[str]:
    """The ids whose progress entry records an actual date (`has_started`), in the table's
    order, at C speed (``values``: the entries' `entry_values`)."""
    return compress(progress, map(_NO_DATES.__ne__, map(_DATES, values)))


def started_tasks(progress: dict[str, Progress],
                  values: list[Values] | None = None) -> set[str]:
    """`started_ids` as a set (``values``: the entries' `entry_values`, when known)."""
    return set(started_ids(progress, entry_values(progress) if values is None else values))


def status_index(cal: WorkCalendar, d: dt.date) -> int:
    """N: the index of the first working day of ``cal`` after the status date ``d``."""
    return cal.rank(d.toordinal() + 1)


def actual(p: Progress, duration: int, cal: WorkCalendar, d: dt.date,
           n: int | None = None) -> Actual | None:
    """The `Actual` of a valid progress entry (None: not started); ``n``: the calendar's
    `status_index` for ``d``, when known."""
    a, f = p.actual_start, p.actual_finish
    if a is None:
        return None
    if n is None:
        n = status_index(cal, d)
    if f is not None or duration == 0:
        on = f if f is not None else a
        if duration == 0:  # a milestone is reached on its date
            i = cal.rank_date(on)
            return Actual(DONE, i, i, on, on, None, n, 0, on)
        assert f is not None
        return Actual(DONE, cal.rank_date(a), cal.rank(f.toordinal() + 1), a, f, None, n, 0, f)
    s = cal.rank_date(a)
    return _under_way(a, s, _left(duration, p.remaining, p.percent_complete, n - s), n, cal)


def _left(duration: int, remaining: int | None, percent: int | None, worked: int) -> int:
    """r: the working days left of a task under way after the status date (``worked``: the
    working days from its actual start to the status date)."""
    if remaining is not None:
        return remaining
    if percent is not None:
        return -(-duration * (100 - percent) // 100)
    return max(1, duration - worked)


def _under_way(a: dt.date, s: int, r: int, n: int, cal: WorkCalendar) -> Actual:
    """The `Actual` of a task under way since ``a`` (index ``s``) with ``r`` working days
    left, run on N .. N+r-1 (``n``: N)."""
    finish = cal.date(n + r - 1) if r else max(a, cal.date(n - 1))
    return tuple.__new__(Actual, (UNDER_WAY, s, n + r, a, finish, r, n, r, None))


def _valid(p: Progress, d: dt.date) -> bool:
    """A started task's entry without errors (the checks in
    `hsso_plan.checks.progress_checks` report the others); False also for no actual_start."""
    a, f = p.actual_start, p.actual_finish
    if a is None or a > d:
        return False
    if f is not None:
        return a <= f <= d and p.remaining is None and p.percent_complete is None
    return p.percent_complete is None or (p.remaining is None and 0 <= p.percent_complete <= 99)


def actuals(plan: Plan, cal_of: list[WorkCalendar], index: dict[str, int] | None = None,
            values: list[Values] | None = None,
            durations: list[int] | None = None) -> dict[int, Actual]:
    """Task index (plan order) -> its `Actual`, for tasks with valid progress that started
    (``index``: task id -> position in plan order, ``values``: the entries' `entry_values`,
    ``durations``: each task's duration in plan order, when the caller has them).

    Entries with errors are left out (the plan fails validation; the rest still schedules).
    Each entry is `actual` of a `_valid` one written out, with the ranks of its calendar
    found once per date (tests/test_progress_paths.py holds them equal).
    """
    d = plan.project.status_date
    progress = plan.progress
    if d is None or not progress:
        return {}
    if index is None:
        index = {t: i for i, t in enumerate(plan.task)}
    if values is None:
        values = entry_values(progress)
    if durations is None:
        durations = [t.duration for t in plan.task.values()]
    # id(calendar) -> its status index, and its rank of each ordinal (`Memo`: each found
    # once; 50,000 progress entries share a few hundred dates)
    seen: dict[int, tuple[int, Memo[int, int]]] = {}
    out: dict[int, Actual] = {}
    last: WorkCalendar | None = None
    n = 0  # N and the ranks of the calendar of the last entry (set at the first)
    rank: dict[int, int] = {}
    get = index.get
    new = tuple.__new__  # Actual(...) without the named tuple's Python-level __new__
    for tid, (a, f, r, pc) in zip(progress, values, strict=True):
        if a is None or a > d:
            continue
        i = get(tid)
        if i is None:
            continue
        cal = cal_of[i]
        if cal is not last:
            known = seen.get(id(cal))
            if known is None:
                known = seen[id(cal)] = (status_index(cal, d), Memo(cal.rank))
            (n, rank), last = known, cal
        duration = durations[i]
        if f is not None:
            if not (a <= f <= d and r is None and pc is None):
                continue  # (an error the checks report)
            if duration:
                out[i] = new(Actual, (DONE, rank[a.toordinal()], rank[f.toordinal() + 1],
                                      a, f, None, n, 0, f))
                continue
        elif pc is not None and (r is not None or not 0 <= pc <= 99):
            continue
        if duration:
            s = rank[a.toordinal()]
            out[i] = _under_way(a, s, _left(duration, r, pc, n - s), n, cal)
        else:  # a milestone is reached on its date
            on = a if f is None else f
            k = rank[on.toordinal()]
            out[i] = new(Actual, (DONE, k, k, on, on, None, n, 0, on))
    return out
