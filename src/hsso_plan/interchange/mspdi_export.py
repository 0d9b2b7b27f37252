"""MS Project XML (MSPDI) export: a scheduled plan as the XML file MS Project opens.

Written with ElementTree from the plan index (outline, workstream members, the scheduler's
calendars) and the schedule; nothing is scheduled again here. What is written is described
in `mspdi` (the import, its inverse). So that MS Project (and MPXJ's MicrosoftScheduler)
computes our dates, the export also writes each transfer's readiness links, every calendar
(task and resource CalendarUID), capacity changes as availability periods, and a Start No
Earlier Than on tasks levelling moved (their levelled start) and on tasks only the project
start holds (against negative lags).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING, NamedTuple

from ..model import WEEKDAYS, Plan
from ..progress import DONE, UNDER_WAY
from .mspdi import ID_NOTE, LINK_TYPE, MINUTES_PER_DAY, NS, WEEKDAY_OF_DAYTYPE

if TYPE_CHECKING:
    from ..baseline import TaskVariance, Variance
    from ..calendars import WorkCalendar
    from ..plan_index import PlanIndex
    from ..render.registry import RenderContext
    from ..schedule import Schedule, ScheduledTask


# Characters XML 1.0 does not allow (C0 controls but tab, LF, CR; lone surrogates; U+FFFE,
# U+FFFF): ElementTree would write them and the file would not be well-formed XML. Each
# becomes U+FFFD REPLACEMENT CHARACTER, visibly.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> str:
    """``value`` as text XML 1.0 can hold (characters it forbids replaced by U+FFFD)."""
    return _NOT_XML.sub("\ufffd", str(value))


def _sub(parent: ET.Element, tag: str, value: object = None) -> ET.Element:
    """A child ``<tag>`` of ``parent`` in the MSPDI namespace, holding ``value`` as text."""
    el = ET.SubElement(parent, f"{{{NS}}}{tag}")
    if value is not None:
        el.text = xml_text(value)
    return el


def _times(parent: ET.Element) -> None:
    """The 8-hour day: 08:00-12:00 and 13:00-17:00."""
    times = _sub(parent, "WorkingTimes")
    for a, b in (("08:00:00", "12:00:00"), ("13:00:00", "17:00:00")):
        wt = _sub(times, "WorkingTime")
        _sub(wt, "FromTime", a)
        _sub(wt, "ToTime", b)


def _calendars(root: ET.Element, plan: Plan, cals: dict[str | None, WorkCalendar],
               lo: dt.date, hi: dt.date) -> dict[str, int]:
    """The project calendar (UID 1), then each other calendar of the plan that tasks or
    resources may use (UID 2, 3, ...); returns calendar id -> UID."""
    parent = _sub(root, "Calendars")
    _calendar(parent, 1, plan.project.calendar or "Standard", cals[None], lo, hi)
    uids: dict[str, int] = {}
    if plan.project.calendar is not None:
        uids[plan.project.calendar] = 1
    for cid in plan.calendar:
        if cid not in uids and cid in cals:
            uids[cid] = max(uids.values(), default=1) + 1
            _calendar(parent, uids[cid], cid, cals[cid], lo, hi)
    return uids


def _calendar(parent: ET.Element, uid: int, name: str, cal: WorkCalendar, lo: dt.date,
              hi: dt.date) -> None:
    """One calendar: its weekdays, then every day from ``lo`` to ``hi`` that differs from its
    weekday (a holiday, a day off, a working day on) as a one-day exception."""
    c = _sub(parent, "Calendar")
    _sub(c, "UID", uid)
    _sub(c, "Name", name)
    _sub(c, "IsBaseCalendar", 1)
    _sub(c, "BaseCalendarUID", -1)
    week = _sub(c, "WeekDays")
    for dtype in sorted(WEEKDAY_OF_DAYTYPE):
        working = WEEKDAYS.index(WEEKDAY_OF_DAYTYPE[dtype]) in cal.weekdays
        wd = _sub(week, "WeekDay")
        _sub(wd, "DayType", dtype)
        _sub(wd, "DayWorking", int(working))
        if working:
            _times(wd)
    exceptions = _sub(c, "Exceptions")
    d = lo
    while d <= hi:
        working = cal.is_working(d.toordinal())
        if working != (d.weekday() in cal.weekdays):
            stamp = d.isoformat()
            ex = _sub(exceptions, "Exception")
            _sub(ex, "EnteredByOccurrences", 0)
            period = _sub(ex, "TimePeriod")
            _sub(period, "FromDate", f"{stamp}T00:00:00")
            _sub(period, "ToDate", f"{stamp}T23:59:00")
            _sub(ex, "Occurrences", 1)
            _sub(ex, "Name", "working day" if working else "day off")
            _sub(ex, "Type", 1)
            _sub(ex, "DayWorking", int(working))
            if working:
                _times(ex)
        d += dt.timedelta(days=1)


def _stamp(d: dt.date, end: bool = False) -> str:
    return f"{d.isoformat()}T{'17:00:00' if end else '08:00:00'}"


def _fields(parent: ET.Element, *pairs: tuple[str, object]) -> None:
    for tag, value in pairs:
        _sub(parent, tag, value)


def _task(parent: ET.Element, index: PlanIndex, tid: str, t: ScheduledTask, level: int,
          uid: dict[str, int], readiness: dict[str, list[str]], cal: int | None,
          base: TaskVariance | None) -> None:
    """One task, its fields in the MSPDI schema's order (PercentComplete after TotalSlack;
    ActualStart, ActualFinish, ActualDuration, RemainingDuration; ConstraintType,
    CalendarUID, ConstraintDate; the Baseline after the links)."""
    spec = index.plan.task[tid]
    work = _work(index, t)
    el = _sub(parent, "Task")
    _fields(el, ("UID", uid[tid]), ("ID", uid[tid]), ("Name", spec.name), ("Type", 1),
            ("OutlineLevel", level), ("Priority", spec.priority), ("Start", _stamp(t.start)),
            ("Finish", _stamp(t.finish, not t.milestone)),
            ("Duration", _hours(work.total)), ("DurationFormat", 7),
            ("Milestone", int(t.milestone)), ("Summary", 0), ("Critical", int(t.critical)),
            ("TotalSlack", (t.total_float or 0) * MINUTES_PER_DAY * 10))
    if index.plan.project.status_date is not None:  # a plan that tracks progress
        _sub(el, "PercentComplete", work.percent)
    if t.actual_start is not None:
        _sub(el, "ActualStart", _stamp(t.actual_start))
    if t.actual_finish is not None:
        _sub(el, "ActualFinish", _stamp(t.actual_finish, not t.milestone))
    _fields(el, ("ActualDuration", _hours(work.actual)),
            ("RemainingDuration", _hours(work.remaining)))
    snet = _start_no_earlier_than(index, spec.start_no_earlier_than, t)
    fixed = (2, spec.start_on) if spec.start_on is not None else \
        (4, snet) if snet is not None else (0, None)
    _sub(el, "ConstraintType", fixed[0])
    if cal is not None:
        _sub(el, "CalendarUID", cal)
    if fixed[1] is not None:
        _sub(el, "ConstraintDate", _stamp(fixed[1]))
    if spec.finish_no_later_than is not None:
        _sub(el, "Deadline", _stamp(spec.finish_no_later_than, True))
    # the plan id, then the progress note (the import reads both back)
    _sub(el, "Notes", ID_NOTE + tid + (f"\n{t.note}" if t.note else ""))
    for p, typ, lag in _links(index, tid, readiness.get(tid, [])):
        if p in uid:
            link = _sub(el, "PredecessorLink")
            _fields(link, ("PredecessorUID", uid[p]), ("Type", LINK_TYPE[typ]),
                    ("CrossProject", 0), ("LinkLag", lag * MINUTES_PER_DAY * 10),
                    ("LagFormat", 7))
    if base is not None and base.baseline_start is not None \
            and base.baseline_finish is not None:
        _baseline(el, base.baseline_start, base.baseline_finish, t.milestone,
                  index.calendar_of(tid))


class _Work(NamedTuple):
    """A task's duration as MS Project counts it: working days done and left, percent, and
    the whole (actual + remaining; at least 1 for a task under way, which MS Project would
    otherwise take for a milestone)."""

    actual: int
    remaining: int
    percent: int
    total: int


def _work(index: PlanIndex, t: ScheduledTask) -> _Work:
    """Done: all of its working days (actual start to actual finish) are actual, 100%.
    Under way: the working days from its actual start to the status date are actual, its
    remaining days are left (MS Project's Duration = actual + remaining, so its finish is
    ours). Not started: nothing is actual, 0%."""
    if t.status == DONE:
        span = _span(index.calendar_of(t.id), t.start, t.finish, t.milestone)
        return _Work(span, 0, 100, span)
    if t.status == UNDER_WAY and t.actual_start is not None and t.remaining is not None:
        cal = index.calendar_of(t.id)
        status = index.plan.project.status_date or t.actual_start
        done = max(0, cal.rank(status.toordinal() + 1) - cal.rank(t.actual_start.toordinal()))
        total = max(1, done + t.remaining)
        return _Work(done, t.remaining, min(99, 100 * done // total), total)
    return _Work(0, t.duration, 0, t.duration)


def _span(cal: WorkCalendar, start: dt.date, finish: dt.date, milestone: bool) -> int:
    """Working days of ``cal`` from ``start`` to ``finish``, both included (a milestone: 0;
    a task at least 1, even on days off)."""
    if milestone:
        return 0
    return max(1, cal.rank(finish.toordinal() + 1) - cal.rank(start.toordinal()))


def _hours(days: int) -> str:
    return f"PT{days * 8}H0M0S"


def _baseline(el: ET.Element, start: dt.date, finish: dt.date, milestone: bool,
              cal: WorkCalendar | None) -> None:
    """Baseline 0 (MS Project's "Baseline"): its start, finish and, with a calendar, its
    duration, in the schema's order (Number, Start, Finish, Duration)."""
    b = _sub(el, "Baseline")
    milestone = milestone and start == finish
    _fields(b, ("Number", 0), ("Start", _stamp(start)), ("Finish", _stamp(finish, not milestone)))
    if cal is not None:
        _fields(b, ("Duration", _hours(_span(cal, start, finish, milestone))),
                ("DurationFormat", 7))


def _start_no_earlier_than(index: PlanIndex, own: dt.date | None,
                           t: ScheduledTask) -> dt.date | None:
    """The Start No Earlier Than date written for a task: its levelled start when levelling
    moved it (MS Project and MPXJ honour the constraint, so they keep the levelled date), the
    project start when only the project start holds it (a negative lag would otherwise pull
    it earlier there), its start when the status date holds it (not started by then: what
    MS Project's "reschedule uncompleted work" writes), else its own
    `start_no_earlier_than`."""
    if t.delay is not None or t.driver.kind == "status-date":
        return t.start
    if t.driver.kind == "project-start" and index.plan.task[t.id].depends:
        return index.plan.project.start if own is None else max(own, index.plan.project.start)
    return own


def _links(index: PlanIndex, tid: str, readiness: list[str]) -> list[tuple[str, str, int]]:
    """The predecessor links of ``tid``: its dependencies (one on a workstream is one on
    each task in it, but this one) and, on a transfer's milestone, a finish-to-start link
    from each readiness task (the scheduler's readiness links), without repeats."""
    out: list[tuple[str, str, int]] = []
    for dep in index.plan.task[tid].dependencies():
        out.extend((p, dep.type, dep.lag) for p in index.expand(dep.task) if p != tid)
    out.extend((p, "FS", 0) for p in readiness if p != tid)
    return list(dict.fromkeys(out))


def _availability(el: ET.Element, capacity: int, changes: list[tuple[dt.date, int]]) -> None:
    """A resource's capacity changes as MSPDI availability periods (units from each change
    to the day before the next; the base capacity before the first)."""
    if not changes:
        return
    periods = _sub(el, "AvailabilityPeriods")
    steps = sorted(changes)
    first = steps[0][0]
    bounds: list[tuple[dt.date | None, dt.date | None, int]] = [(None, first, capacity)]
    for k, (start, units) in enumerate(steps):
        bounds.append((start, steps[k + 1][0] if k + 1 < len(steps) else None, units))
    for frm, to, units in bounds:
        ap = _sub(periods, "AvailabilityPeriod")
        _sub(ap, "AvailableFrom", "1984-01-01T00:00:00" if frm is None else _stamp(frm))
        _sub(ap, "AvailableTo", "2049-12-31T23:59:00" if to is None
             else f"{(to - dt.timedelta(days=1)).isoformat()}T23:59:00")
        _sub(ap, "AvailableUnits", f"{units:.2f}")


def _readiness_links(index: PlanIndex) -> dict[str, list[str]]:
    """Transfer milestone -> the readiness tasks it waits for (as the scheduler links them)."""
    out: dict[str, list[str]] = {}
    for trid in index.plan.transfer:
        on = index.transfer_milestone(trid)
        if on is not None:
            out.setdefault(on, []).extend(item.task for item in index.readiness[trid])
    return out


def export(index: PlanIndex, sched: Schedule, variance: Variance | None = None) -> str:
    """The plan and its schedule as an MS Project XML document. ``index`` is the plan's
    index built with the scheduler's calendars; nothing is scheduled again here. With
    progress (a status date), the project's StatusDate and each task's actuals; with
    ``variance`` (a baseline), each task's Baseline 0."""
    plan = index.plan
    if index.calendars is None:
        raise ValueError("the MS Project export needs a plan index built with calendars")
    tasks = {t.id: t for t in sched.tasks}
    rows = [r for r in index.outline() if r.kind == "workstream" or r.id in tasks]
    uid = {r.id: i + 1 for i, r in enumerate(rows)}
    res_uid = {rid: i + 1 for i, rid in enumerate(plan.resource)}
    lo = plan.project.start
    hi = max(sched.finish, lo) + dt.timedelta(days=366)
    root = ET.Element(f"{{{NS}}}Project")
    # In the MSPDI schema's order; CurrencyCode is one MS Project needs to import the file.
    _fields(root, ("SaveVersion", 14), ("Name", plan.project.name),
            ("Title", plan.project.name), ("ScheduleFromStart", 1), ("StartDate", _stamp(lo)),
            ("FinishDate", _stamp(sched.finish, True)), ("CurrencyDigits", 2),
            ("CurrencySymbol", "$"), ("CurrencyCode", "CAD"), ("CurrencySymbolPosition", 0),
            ("CalendarUID", 1),
            ("DefaultStartTime", "08:00:00"), ("DefaultFinishTime", "17:00:00"),
            ("MinutesPerDay", MINUTES_PER_DAY), ("MinutesPerWeek", 5 * MINUTES_PER_DAY),
            ("DaysPerMonth", 20), ("DurationFormat", 7))
    if sched.status_date is not None:  # progress is known up to the end of this day
        _sub(root, "StatusDate", _stamp(sched.status_date, True))
    # Calendars from the earliest date a task holds (actual dates and negative lags may come
    # before the project start) to a year past the finish.
    cal_uid = _calendars(root, plan, index.calendars, min(lo, sched.first_start), hi)
    readiness = _readiness_links(index)
    xml_tasks = _sub(root, "Tasks")
    # Summary rows, like every task, in the schema's order: Start and Finish before Summary.
    summary = _sub(xml_tasks, "Task")
    _fields(summary, ("UID", 0), ("ID", 0), ("Name", plan.project.name),
            ("OutlineLevel", 0), ("Start", _stamp(sched.first_start)),
            ("Finish", _stamp(sched.finish, True)), ("Summary", 1))
    base = {t.id: variance.of(k) for k, t in enumerate(sched.tasks)} if variance else {}
    starts = [b.baseline_start for b in base.values() if b.baseline_start is not None]
    if variance is not None and variance.baseline_finish is not None and starts:
        _baseline(summary, min(starts), variance.baseline_finish, False, None)
    for row in rows:
        level = row.level + 1  # MSPDI's level 0 is the project summary task
        if row.kind == "task":
            own = plan.task[row.id].calendar
            cal = cal_uid[own] if own in cal_uid and cal_uid[own] != 1 else None
            _task(xml_tasks, index, row.id, tasks[row.id], level, uid, readiness, cal,
                  base.get(row.id))
            continue
        ts = [tasks[m] for m in index.members.get(row.id, []) if m in tasks]
        _fields(_sub(xml_tasks, "Task"), ("UID", uid[row.id]), ("ID", uid[row.id]),
                ("Name", plan.workstream[row.id].name), ("OutlineLevel", level),
                ("Start", _stamp(min((t.start for t in ts), default=lo))),
                ("Finish", _stamp(max((t.finish for t in ts), default=lo), True)),
                ("Milestone", 0), ("Summary", 1), ("Notes", ID_NOTE + row.id))
    resources = _sub(root, "Resources")
    for rid, r in plan.resource.items():
        el = _sub(resources, "Resource")
        _fields(el, ("UID", res_uid[rid]), ("ID", res_uid[rid]),
                ("Name", r.name or rid), ("Type", 1), ("MaxUnits", f"{r.capacity:.2f}"),
                ("Notes", ID_NOTE + rid))
        if r.calendar in cal_uid:
            _sub(el, "CalendarUID", cal_uid[r.calendar])
        _availability(el, r.capacity, [(c.start, c.capacity) for c in r.capacity_changes])
    assignments = _sub(root, "Assignments")
    k = 0
    for tid, spec in plan.task.items():
        for rid, units in spec.uses.items():
            if rid in res_uid and tid in uid:
                k += 1
                _fields(_sub(assignments, "Assignment"), ("UID", k), ("TaskUID", uid[tid]),
                        ("ResourceUID", res_uid[rid]), ("Units", f"{units:.2f}"))
    ET.indent(root, space=" ")
    body = ET.tostring(root, encoding="unicode", default_namespace=NS)
    return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + body + "\n"


def from_context(ctx: RenderContext) -> str:
    return export(ctx.index, ctx.schedule, ctx.variance)
