"""MS Project XML (MSPDI) export: a scheduled plan as the XML file MS Project opens.

Written with ElementTree from the plan index (outline, workstream members, the scheduler's
calendars) and the schedule; nothing is scheduled again here. What is written is described
in `mspdi` (the import, its inverse).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from ..model import WEEKDAYS, Plan
from .mspdi import ID_NOTE, LINK_TYPE, MINUTES_PER_DAY, NS, WEEKDAY_OF_DAYTYPE

if TYPE_CHECKING:
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


def _calendar(root: ET.Element, plan: Plan, cal: WorkCalendar, lo: dt.date,
              hi: dt.date) -> None:
    """The project calendar: its weekdays, then every day from ``lo`` to ``hi`` that differs
    from its weekday (a holiday, a day off, a working day on) as a one-day exception."""
    c = _sub(_sub(root, "Calendars"), "Calendar")
    _sub(c, "UID", 1)
    _sub(c, "Name", plan.project.calendar or "Standard")
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
          uid: dict[str, int]) -> None:
    spec = index.plan.task[tid]
    el = _sub(parent, "Task")
    _fields(el, ("UID", uid[tid]), ("ID", uid[tid]), ("Name", spec.name), ("Type", 1),
            ("OutlineLevel", level), ("Priority", spec.priority), ("Start", _stamp(t.start)),
            ("Finish", _stamp(t.finish, not t.milestone)),
            ("Duration", f"PT{t.duration * 8}H0M0S"), ("DurationFormat", 7),
            ("Milestone", int(t.milestone)), ("Summary", 0), ("Critical", int(t.critical)),
            ("TotalSlack", (t.total_float or 0) * MINUTES_PER_DAY * 10))
    if spec.start_on is not None:
        _fields(el, ("ConstraintType", 2), ("ConstraintDate", _stamp(spec.start_on)))
    elif spec.start_no_earlier_than is not None:
        _fields(el, ("ConstraintType", 4),
                ("ConstraintDate", _stamp(spec.start_no_earlier_than)))
    else:
        _sub(el, "ConstraintType", 0)
    if spec.finish_no_later_than is not None:
        _sub(el, "Deadline", _stamp(spec.finish_no_later_than, True))
    _sub(el, "Notes", ID_NOTE + tid)
    for dep in spec.dependencies():
        # A dependency on a workstream is one on each task in it (but this one).
        for p in index.expand(dep.task):
            if p != tid and p in uid:
                link = _sub(el, "PredecessorLink")
                _fields(link, ("PredecessorUID", uid[p]), ("Type", LINK_TYPE[dep.type]),
                        ("CrossProject", 0), ("LinkLag", dep.lag * MINUTES_PER_DAY * 10),
                        ("LagFormat", 7))


def export(index: PlanIndex, sched: Schedule) -> str:
    """The plan and its schedule as an MS Project XML document. ``index`` is the plan's
    index built with the scheduler's calendars; nothing is scheduled again here."""
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
    _calendar(root, plan, index.calendars[None], lo, hi)
    xml_tasks = _sub(root, "Tasks")
    # Summary rows, like every task, in the schema's order: Start and Finish before Summary.
    _fields(_sub(xml_tasks, "Task"), ("UID", 0), ("ID", 0), ("Name", plan.project.name),
            ("OutlineLevel", 0), ("Start", _stamp(sched.first_start)),
            ("Finish", _stamp(sched.finish, True)), ("Summary", 1))
    for row in rows:
        level = row.level + 1  # MSPDI's level 0 is the project summary task
        if row.kind == "task":
            _task(xml_tasks, index, row.id, tasks[row.id], level, uid)
            continue
        ts = [tasks[m] for m in index.members.get(row.id, []) if m in tasks]
        _fields(_sub(xml_tasks, "Task"), ("UID", uid[row.id]), ("ID", uid[row.id]),
                ("Name", plan.workstream[row.id].name), ("OutlineLevel", level),
                ("Start", _stamp(min((t.start for t in ts), default=lo))),
                ("Finish", _stamp(max((t.finish for t in ts), default=lo), True)),
                ("Milestone", 0), ("Summary", 1), ("Notes", ID_NOTE + row.id))
    resources = _sub(root, "Resources")
    for rid, r in plan.resource.items():
        _fields(_sub(resources, "Resource"), ("UID", res_uid[rid]), ("ID", res_uid[rid]),
                ("Name", r.name or rid), ("Type", 1), ("MaxUnits", f"{r.capacity:.2f}"),
                ("Notes", ID_NOTE + rid))
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
    return export(ctx.index, ctx.schedule)
