"""MS Project XML import: progress and baselines (core contract sections 4 and 5).

Progress (`[progress.<id>]`, `project.status_date`):

- the project's ``StatusDate`` (its date) is `project.status_date`. Without one, a file with
  actuals takes its latest actual date (listed in the notes); an actual date after the status
  date moves the status date to it (listed: the plan format refuses actuals after it);
- a task with ``ActualFinish`` is done: `actual_start` and `actual_finish` (a milestone with
  either is done on it);
- a task with ``ActualStart`` only is under way: `actual_start`, and `remaining` from
  ``RemainingDuration`` in working days (rounding listed), else `percent_complete` from
  ``PercentComplete`` (0..99), else neither (the plan format's default);
- what has no equivalent is listed, once per kind with the tasks it concerns: work, cost and
  physical-percent actuals, assignment actuals, timephased data, a ``Resume`` later than the
  status date (split work), a percent complete on a task that has not started, Baselines 1-10
  and baseline work and cost. Summary tasks' actuals are MS Project's roll-ups of their
  tasks' and are not read.

Baselines: each task's Baseline 0 (``Number`` 0) start and finish, as the baseline file
``import --baseline-out FILE.json`` writes (the schedule JSON shape that ``--baseline``
reads). A milestone's baseline at the end of a working day (17:00 or later) is the start of
the next working day, as the scheduler dates a milestone after a task.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..calendars import WorkCalendar
from ..textsafe import one_line
from .mspdi_read import MspdiError, duration_minutes, integer, number

Text = Callable[[Any, str], "str | None"]
Elements = Callable[[Any, str], list[Any]]

#: Task fields with progress that the plan format has no place for (non-zero values listed).
_NO_EQUIVALENT = {
    "ActualWork": "actual work", "ActualOvertimeWork": "actual overtime work",
    "ActualCost": "actual cost", "ActualOvertimeCost": "actual overtime cost",
    "ACWP": "actual cost of work performed (ACWP)",
    "PhysicalPercentComplete": "physical percent complete",
}
#: Shown in a note, at most this many task ids.
_SHOWN = 5


@dataclass
class Found:
    """What the progress and baseline reading of one file found."""

    #: plan id -> the `[progress.<id>]` table.
    progress: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: plan id -> (name, baseline start, baseline finish, milestone).
    baseline: dict[str, tuple[str, dt.date, dt.date, bool]] = field(default_factory=dict)
    #: plan id -> the Resume date of an under-way task (where its remaining work restarts).
    resume: dict[str, dt.date] = field(default_factory=dict)
    #: kind of thing left out -> the plan ids it concerns.
    left_out: dict[str, dict[str, None]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def leave_out(self, what: str, ident: str) -> None:
        self.left_out.setdefault(what, {})[ident] = None  # an ordered set


#: The dates MS Project can hold; one outside them is not from MS Project (left out, listed).
FIRST, LAST = dt.datetime(1984, 1, 1), dt.datetime(2149, 12, 31, 23, 59)


def _when(text: str | None, what: str, found: Found) -> dt.datetime | None:
    """A dateTime field (local time: an offset is dropped); one that is present but not a
    date, or outside MS Project's range (1984-2149), is listed and left out."""
    if text is None or not text.strip():
        return None
    try:
        at = dt.datetime.fromisoformat(text.strip()).replace(tzinfo=None)
    except ValueError:
        found.notes.append(f"{what} '{one_line(text)[:40]}' is not a date and time; left out")
        return None
    if not FIRST <= at <= LAST:
        found.notes.append(f"{what} {at.date()} is outside the dates MS Project holds "
                           "(1984 to 2149); left out")
        return None
    return at


def _nonzero(text: str | None) -> bool:
    """Whether a number or duration field holds something other than zero."""
    if text is None:
        return False
    digits = "".join(c for c in text if c.isdigit() or c == ".")
    return any(c not in "0." for c in digits)


def read_task(el: Any, t: Text, all_: Elements, ident: str, name: str, milestone: bool,
              per_day: float, cal: WorkCalendar, found: Found) -> None:
    """The progress, baseline and left-out actuals of the task ``el`` (plan id ``ident``)."""
    what = f"task '{ident}'"
    f: dict[str, str | None] = {}  # the first child of each name: one pass, not one find each
    for child in el:
        tag = child.tag.rpartition("}")[2] if isinstance(child.tag, str) else ""
        f.setdefault(tag, child.text)
    for tag, label in _NO_EQUIVALENT.items():
        if _nonzero(f.get(tag)):
            found.leave_out(label, ident)
    if "TimephasedData" in f:
        found.leave_out("timephased data", ident)
    if "Baseline" in f:
        _baselines(el, t, all_, ident, name, milestone, cal, found)
    started = _when(f.get("ActualStart"), f"{what}: ActualStart", found)
    finished = _when(f.get("ActualFinish"), f"{what}: ActualFinish", found)
    percent = number(f.get("PercentComplete"), 0, f"{what}: PercentComplete")
    if not 0 <= percent <= 100:
        raise MspdiError(f"{what}: PercentComplete is {percent:g}; it must be between 0 and "
                         "100")
    if started is None and finished is None:
        if percent > 0:
            found.leave_out("a percent complete without an actual start", ident)
        return
    entry: dict[str, Any] = {}
    if finished is not None and started is None:
        started = finished if milestone else min(finished, _when(
            f.get("Start"), f"{what}: Start", found) or finished)
        found.notes.append(f"{what}: ActualFinish {finished.date()} without an ActualStart; "
                           f"imported with actual_start = {started.date()}")
    assert started is not None
    if finished is not None and finished.date() < started.date():
        raise MspdiError(f"{what}: ActualFinish {finished.date()} is before its ActualStart "
                         f"{started.date()}")
    entry["actual_start"] = started.date()
    if finished is not None:
        entry["actual_finish"] = finished.date()
    elif not milestone:
        _remaining(f.get("RemainingDuration"), what, percent, per_day, entry, found)
        resume = _when(f.get("Resume"), f"{what}: Resume", found)
        if resume is not None and _nonzero(f.get("RemainingDuration")):
            found.resume[ident] = resume.date()
    found.progress[ident] = entry


def _remaining(text: str | None, what: str, percent: float, per_day: float,
               entry: dict[str, Any], found: Found) -> None:
    """An under-way task's work left: RemainingDuration (``text``) in working days, else
    the percent."""
    minutes = duration_minutes(text, f"{what}: RemainingDuration")
    if minutes is not None:
        days = round(minutes / per_day)
        if days > 100000:
            raise MspdiError(f"{what}: RemainingDuration is more than 100,000 days")
        if abs(minutes / per_day - days) > 1e-6:
            found.notes.append(f"{what}: remaining duration "
                               f"{one_line(text or '')} rounded to "
                               f"{days} working days")
        entry["remaining"] = days
    elif percent < 100:
        entry["percent_complete"] = int(percent)
    else:
        entry["remaining"] = 0


def _baselines(el: Any, t: Text, all_: Elements, ident: str, name: str, milestone: bool,
               cal: WorkCalendar, found: Found) -> None:
    what = f"task '{ident}'"
    for b in all_(el, "Baseline"):
        k = integer(t(b, "Number"), 0, f"{what}: Baseline Number")
        if _nonzero(t(b, "Work")) or _nonzero(t(b, "Cost")):
            found.leave_out("baseline work and cost", ident)
        if k != 0:
            found.leave_out("Baselines 1 to 10 (only Baseline 0 is read)", ident)
            continue
        start = _when(t(b, "Start"), f"{what}: Baseline Start", found)
        finish = _when(t(b, "Finish"), f"{what}: Baseline Finish", found)
        if start is None or finish is None:
            continue
        s, f = _milestone_day(start, milestone, cal), _milestone_day(finish, milestone, cal)
        if f < s:
            raise MspdiError(f"{what}: Baseline Finish {f} is before its Baseline Start {s}")
        found.baseline[ident] = (name, s, f, milestone and s == f)


def _milestone_day(at: dt.datetime, milestone: bool, cal: WorkCalendar) -> dt.date:
    """The date of ``at``; for a milestone at the end of a working day, the next one's."""
    if milestone and at.hour >= 17:
        return cal.date(cal.rank(at.date().toordinal() + 1))
    return at.date()


def read_assignment(el: Any, t: Text, all_: Elements, ident: str, found: Found) -> None:
    """Assignment actuals (work, cost, dates, timephased): none has an equivalent."""
    if any(_nonzero(t(el, tag)) for tag in ("ActualWork", "ActualCost", "ActualOvertimeWork",
                                            "PercentWorkComplete")) \
            or t(el, "ActualStart") or all_(el, "TimephasedData"):
        found.leave_out("assignment actuals (work, cost, dates)", ident)


def finish(plan: dict[str, Any], status_text: str | None, cal: WorkCalendar,
           found: Found, baseline_out: bool) -> list[str]:
    """Put the progress into ``plan`` (`project.status_date`, `[progress.*]`); the notes
    on what was left out or changed (``baseline_out``: the baseline is written)."""
    status = _when(status_text, "Project/StatusDate", found)
    notes = found.notes
    day = status.date() if status is not None else None
    latest = max((d for e in found.progress.values() for k in ("actual_start", "actual_finish")
                  if (d := e.get(k)) is not None), default=None)
    if latest is not None:
        if day is None:
            day = latest
            notes.append(f"the project has no StatusDate: progress is taken as known up to "
                         f"{day}, its latest actual date")
        elif latest > day:
            notes.append(f"actual dates run to {latest}, after the StatusDate {day}: the "
                         f"status date is moved to {latest} (a plan has no actuals after "
                         "its status date)")
            day = latest
    if day is not None:
        plan["project"]["status_date"] = day
    after = cal.date(cal.rank(day.toordinal() + 1)) if day is not None else None
    for ident, resume in found.resume.items():
        if after is not None and resume > after:
            found.leave_out("remaining work resuming after the status date (a split)", ident)
    if found.progress:
        plan["progress"] = found.progress
    for what, seen in found.left_out.items():
        ids = list(seen)
        shown = ", ".join(f"'{i}'" for i in ids[:_SHOWN])
        more = f" and {len(ids) - _SHOWN} more" if len(ids) > _SHOWN else ""
        notes.append(f"{what} on {len(ids)} {'entry' if len(ids) == 1 else 'entries'} "
                     f"({shown}{more}) has no equivalent; left out")
    if found.baseline and not baseline_out:
        notes.append(f"{len(found.baseline)} tasks have a Baseline: write it as a baseline "
                     "file with --baseline-out FILE.json")
    return notes


def baseline_json(found: Found, name: str, start: dt.date, source: str) -> dict[str, Any]:
    """The baseline as a schedule JSON document (what ``--baseline`` reads)."""
    tasks = [{"id": i, "name": n, "start": s.isoformat(), "finish": f.isoformat(),
              "milestone": m} for i, (n, s, f, m) in found.baseline.items()]
    end = max((f for _, _, f, _ in found.baseline.values()), default=start)
    return {"source": f"Baseline 0 of {one_line(source)} (MS Project XML)",
            "project": {"name": name, "start": start.isoformat(), "finish": end.isoformat()},
            "tasks": tasks}
