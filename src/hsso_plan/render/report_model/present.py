"""The report's present tense: what is done, behind or late as of the status date, what the
deadlines stand at, what comes next, what drives the finish, and the top issues.

One home for these rules (docs/outputs.md, "Reports as of the status date"):

- **Done.** A plan that tracks progress (it has a ``status_date``): a task is done only when
  its progress says so (``actual_finish``; a milestone with an actual date), finished on or
  before the as-of date. A plan with no progress at all: a task is done when its planned
  finish is on or before the as-of date.
- **Behind / late.** A task not done whose start the status date sets (it could have started
  earlier: the late-to-start warning W111) is late as of the status date; readiness work in
  that state makes its site *behind*, and a behind site is never GREEN. A plan with no
  progress has no late work: its dates are the plan.
- **Deadlines.** "met" only when the task is done by its deadline (a milestone's work ends
  the working day before its date); "missed" when it is done after it, when the deadline
  has passed with the task not done, or when the schedule projects it late; "at risk" when
  its slack (working days from its projected last day of work to the deadline) is at most
  the near-critical threshold; else "on track".
- **Driving path.** The chain of driving predecessors (`why.driving_path`) back from the
  task that finishes last (a milestone first among equals, then the last in plan order).
  Only those tasks are critical in reports; a fixed-date milestone is critical only when it
  is on that path, never because its float is zero by definition.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ...schedule import Schedule, ScheduledTask
from ...why import driving_path
from .rows import DeadlineRow, IssueRow, LookRow, ProblemRow, ReadinessRow

DONE = "done"


def is_done(t: ScheduledTask, as_of: dt.date, tracked: bool) -> bool:
    """Done by ``as_of``: from progress when the plan tracks it, else from the plan."""
    if tracked:
        return t.status == DONE and (t.actual_finish or t.finish) <= as_of
    return t.finish <= as_of


def is_late(t: ScheduledTask, as_of: dt.date, tracked: bool) -> bool:
    """Late as of the status date: not done, and the status date sets its start."""
    return tracked and not is_done(t, as_of, tracked) and t.driver.kind == "status-date"


def deadline_status(t: ScheduledTask, as_of: dt.date, tracked: bool, missed: bool,
                    near: int, slack: int | None) -> str:
    """met | missed | at risk | on track (the module docstring's rule); ``slack``: working
    days from the task's (projected) last day of work to its deadline."""
    deadline = t.deadline
    if deadline is None:
        return "on track"
    if is_done(t, as_of, tracked):
        on_time = slack >= 0 if slack is not None else t.finish <= deadline
        return "met" if on_time else "missed"
    if missed or deadline <= as_of:
        return "missed"
    if slack is not None and slack <= near:
        return "at risk"
    return "on track"


def finish_task(tasks: Iterable[ScheduledTask], order: dict[str, int]) -> ScheduledTask | None:
    """The task the project finishes with: the latest finish, a milestone first among
    equals, then the last in plan order."""
    return max(tasks, key=lambda t: (t.finish, t.milestone, order.get(t.id, -1)),
               default=None)


def project_driving_path(sched: Schedule, by_id: dict[str, ScheduledTask],
                         order: dict[str, int]) -> list[str]:
    """Ids of the driving path to the project finish, root first."""
    last = finish_task(sched.tasks, order)
    return [] if last is None else driving_path(by_id, last.id)[::-1]


def readiness_driving_path(items: list[str], by_id: dict[str, ScheduledTask],
                           order: dict[str, int]) -> list[str]:
    """Ids of the driving path of a transfer's readiness: to its readiness task that
    finishes last (least float first among equals), root first; none once the readiness
    work is all done."""
    ts = [by_id[i] for i in items if i in by_id]
    if not ts or all(t.status == DONE for t in ts):
        return []  # nothing left to drive
    last = max(ts, key=lambda t: (t.finish, -(t.total_float if t.total_float is not None
                                              else 1 << 30), order.get(t.id, -1)))
    return driving_path(by_id, last.id)[::-1]


def lookahead(tasks: Iterable[ScheduledTask], as_of: dt.date, end: dt.date, tracked: bool,
              info: dict[str, tuple[str, str, str | None, str | None]]) -> list[LookRow]:
    """Tasks late as of ``as_of``, then tasks due to start or finish after it up to ``end``
    (a working day), by date. ``info``: id -> (name, workstream, owner, note)."""
    late: list[LookRow] = []
    due: list[LookRow] = []
    for t in tasks:
        if is_done(t, as_of, tracked):
            continue
        kind, day = "", t.start
        if is_late(t, as_of, tracked):
            kind = "late"
        elif not (t.status == "in progress" or (not tracked and t.start <= as_of)) \
                and as_of < t.start <= end:
            kind = "start"
        elif as_of < t.finish <= end and not t.milestone:
            kind, day = "finish", t.finish
        if not kind:
            continue
        name, ws, owner, note = info[t.id]
        row = LookRow(t.id, name, kind, day, t.status, ws, owner, t.note or note, t.remaining)
        (late if kind == "late" else due).append(row)
    due.sort(key=lambda r: (r.date, r.kind != "start"))
    return late + due


_ORDER = ("error", "deadline-missed", "transfer-red", "deadline-at-risk", "late",
          "transfer-amber")


def is_past(r: ReadinessRow, as_of: dt.date) -> bool:
    """The transfer has happened with its readiness work done: no longer an issue."""
    return r.remaining == 0 and r.date is not None and r.date <= as_of


def issues(problems: list[ProblemRow], deadlines: list[DeadlineRow],
           readiness: list[ReadinessRow], late: list[LookRow],
           as_of: dt.date) -> list[IssueRow]:
    """Every issue, most severe first: errors, missed deadlines, RED transfers, deadlines at
    risk, late tasks, AMBER transfers (warnings are counted in the summary, not listed;
    transfers done are not issues)."""
    out = [IssueRow("error", p.code, p.message, None, p.where) for p in problems
           if p.severity == "error"]
    out += [IssueRow("deadline-missed" if d.status == "missed" else "deadline-at-risk",
                     d.id, d.name, d.deadline) for d in deadlines
            if d.status in ("missed", "at risk")]
    out += [IssueRow(f"transfer-{r.rag}", r.transfer, r.site, r.date)
            for r in readiness if r.rag in ("red", "amber") and not is_past(r, as_of)]
    out += [IssueRow("late", x.id, x.name, x.date, x.workstream) for x in late
            if x.kind == "late"]
    return sorted(out, key=lambda i: _ORDER.index(i.kind))
