"""MS Project XML (MSPDI): export a scheduled plan, import a project as a plan file.

**Export** (`export`): the project calendar (weekdays, then every holiday or day off in the
scheduled span as an exception, and `days_on` as working exceptions; 8-hour days
08:00-12:00, 13:00-17:00), workstreams as summary tasks in outline order, tasks with their
scheduled start and finish, duration, milestone flag, priority, constraint (`start_on` as
Must Start On, `start_no_earlier_than` as Start No Earlier Than), deadline
(`finish_no_later_than`), predecessor links (FS/SS/FF/SF, lags in tenths of minutes as MSPDI
counts them), resources (units as MaxUnits) and assignments. Each task's plan id is kept in
its notes, so a file that comes back is matched task for task.

**Import** (`import_project`): the inverse, into a plan dict ready for `tomli_w`: tasks,
summaries as workstreams, milestones, links with lags, Must Start On / Start No Earlier Than /
Finish No Later Than constraints and deadlines, priorities, work resources and assignments,
and the project calendar's weekdays and exception dates. What has no equivalent in the plan
format (ALAP and the other constraint types, percentage or elapsed lags, material and cost
resources, recurring calendar exceptions other than daily ranges, per-task calendars) is not
guessed at: it is listed in the notes returned with the plan, which the CLI writes at the top
of the file.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape

from ..calendars import WEEKDAY_INDEX, WorkCalendar
from ..model import Plan
from ..schedule import Schedule

NS = "http://schemas.microsoft.com/project"
LINK_TYPE = {"FF": 0, "FS": 1, "SF": 2, "SS": 3}
LINK_NAME = {v: k for k, v in LINK_TYPE.items()}
MINUTES_PER_DAY = 480
ID_NOTE = "hsso-plan id: "
_DAYTYPE = {"sun": 1, "mon": 2, "tue": 3, "wed": 4, "thu": 5, "fri": 6, "sat": 7}
_WEEKDAY_OF_DAYTYPE = {v: k for k, v in _DAYTYPE.items()}


class MspdiError(ValueError):
    """The file is not an MS Project XML project."""


# ---- export ------------------------------------------------------------------------------

def _el(tag: str, value: object) -> str:
    return f"<{tag}>{escape(str(value))}</{tag}>"


def _times() -> str:
    return ("<WorkingTimes><WorkingTime><FromTime>08:00:00</FromTime><ToTime>12:00:00</ToTime>"
            "</WorkingTime><WorkingTime><FromTime>13:00:00</FromTime><ToTime>17:00:00</ToTime>"
            "</WorkingTime></WorkingTimes>")


def _calendar_xml(plan: Plan, lo: dt.date, hi: dt.date) -> str:
    from ..scheduling import make_calendars

    cid = plan.project.calendar
    cal = make_calendars(plan)[None]  # the calendar the scheduler uses
    workdays = [d for d, i in WEEKDAY_INDEX.items() if i in cal.weekdays]
    days = []
    for name, dtype in _DAYTYPE.items():
        working = name in workdays
        days.append(f"<WeekDay>{_el('DayType', dtype)}{_el('DayWorking', int(working))}"
                    + (_times() if working else "") + "</WeekDay>")
    exceptions = []
    d = lo
    while d <= hi:
        by_week = d.strftime("%a").lower()[:3] in workdays
        working = cal.is_working(d.toordinal())
        if working != by_week:
            stamp = d.isoformat()
            exceptions.append(
                "<Exception><EnteredByOccurrences>0</EnteredByOccurrences><TimePeriod>"
                f"<FromDate>{stamp}T00:00:00</FromDate><ToDate>{stamp}T23:59:00</ToDate>"
                "</TimePeriod><Occurrences>1</Occurrences>"
                f"{_el('Name', 'working day' if working else 'day off')}<Type>1</Type>"
                f"{_el('DayWorking', int(working))}" + (_times() if working else "")
                + "</Exception>")
        d += dt.timedelta(days=1)
    return ("<Calendars><Calendar><UID>1</UID>" + _el("Name", cid or "Standard")
            + "<IsBaseCalendar>1</IsBaseCalendar><BaseCalendarUID>-1</BaseCalendarUID>"
            f"<WeekDays>{''.join(days)}</WeekDays><Exceptions>{''.join(exceptions)}"
            "</Exceptions></Calendar></Calendars>")


def _outline(plan: Plan) -> list[tuple[str, str, int]]:
    """(kind, id, outline level) in tree order: workstreams, then their tasks."""
    children: dict[str | None, list[str]] = {}
    for wid, ws in plan.workstream.items():
        parent = ws.parent if ws.parent in plan.workstream and ws.parent != wid else None
        children.setdefault(parent, []).append(wid)
    tasks_of: dict[str | None, list[str]] = {}
    for tid, t in plan.task.items():
        tasks_of.setdefault(t.workstream if t.workstream in plan.workstream else None,
                            []).append(tid)
    out: list[tuple[str, str, int]] = []
    seen: set[str] = set()

    def walk(wid: str, level: int) -> None:
        if wid in seen:
            return
        seen.add(wid)
        out.append(("workstream", wid, level))
        out.extend(("task", tid, level + 1) for tid in tasks_of.get(wid, []))
        for c in children.get(wid, []):
            walk(c, level + 1)

    for wid in children.get(None, []):
        walk(wid, 1)
    out.extend(("task", tid, 1) for tid in tasks_of.get(None, []))
    return out


def _stamp(d: dt.date, end: bool = False) -> str:
    return f"{d.isoformat()}T{'17:00:00' if end else '08:00:00'}"


def export(plan: Plan, sched: Schedule) -> str:
    """The plan and its schedule as an MS Project XML document."""
    from ..scheduling.network import workstream_members

    tasks = {t.id: t for t in sched.tasks}
    members = workstream_members(plan)
    rows = _outline(plan)
    uid = {ident: i + 1 for i, (_, ident, _) in enumerate(rows)}
    res_uid = {rid: i + 1 for i, rid in enumerate(plan.resource)}
    lo = plan.project.start
    hi = max(sched.finish, lo) + dt.timedelta(days=366)
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
           f'<Project xmlns="{NS}">', _el("SaveVersion", 14), _el("Name", plan.project.name),
           _el("Title", plan.project.name), "<ScheduleFromStart>1</ScheduleFromStart>",
           _el("StartDate", _stamp(lo)), _el("FinishDate", _stamp(sched.finish, True)),
           "<CalendarUID>1</CalendarUID><DefaultStartTime>08:00:00</DefaultStartTime>"
           "<DefaultFinishTime>17:00:00</DefaultFinishTime><MinutesPerDay>480</MinutesPerDay>"
           "<MinutesPerWeek>2400</MinutesPerWeek><DaysPerMonth>20</DaysPerMonth>"
           "<DurationFormat>7</DurationFormat>",
           _calendar_xml(plan, lo, hi), "<Tasks>",
           "<Task><UID>0</UID><ID>0</ID>" + _el("Name", plan.project.name)
           + "<OutlineLevel>0</OutlineLevel><Summary>1</Summary>"
           + _el("Start", _stamp(sched.first_start)) + _el("Finish", _stamp(sched.finish, True))
           + "</Task>"]
    for i, (kind, ident, level) in enumerate(rows):
        parts = [_el("UID", uid[ident]), _el("ID", i + 1)]
        if kind == "workstream":
            ws = plan.workstream[ident]
            ts = [tasks[m] for m in members.get(ident, []) if m in tasks]
            start = min((t.start for t in ts), default=lo)
            finish = max((t.finish for t in ts), default=lo)
            parts += [_el("Name", ws.name), _el("OutlineLevel", level), "<Summary>1</Summary>",
                      "<Milestone>0</Milestone>", _el("Start", _stamp(start)),
                      _el("Finish", _stamp(finish, True)),
                      _el("Notes", ID_NOTE + ident)]
            out.append("<Task>" + "".join(parts) + "</Task>")
            continue
        spec, t = plan.task[ident], tasks[ident]
        parts += [_el("Name", spec.name), _el("Type", 1), _el("OutlineLevel", level),
                  _el("Priority", spec.priority), _el("Start", _stamp(t.start)),
                  _el("Finish", _stamp(t.finish, not t.milestone)),
                  _el("Duration", f"PT{t.duration * 8}H0M0S"), "<DurationFormat>7</DurationFormat>",
                  _el("Milestone", int(t.milestone)), "<Summary>0</Summary>",
                  _el("Critical", int(t.critical)),
                  _el("TotalSlack", (t.total_float or 0) * MINUTES_PER_DAY * 10)]
        if spec.start_on is not None:
            parts += ["<ConstraintType>2</ConstraintType>", _el("ConstraintDate",
                                                                   _stamp(spec.start_on))]
        elif spec.start_no_earlier_than is not None:
            parts += ["<ConstraintType>4</ConstraintType>",
                      _el("ConstraintDate", _stamp(spec.start_no_earlier_than))]
        else:
            parts.append("<ConstraintType>0</ConstraintType>")
        if spec.finish_no_later_than is not None:
            parts.append(_el("Deadline", _stamp(spec.finish_no_later_than, True)))
        parts.append(_el("Notes", ID_NOTE + ident))
        for dep in spec.dependencies():
            preds = [dep.task] if dep.task in plan.task else \
                [m for m in members.get(dep.task, []) if m != ident]
            parts.extend(
                "<PredecessorLink>" + _el("PredecessorUID", uid[p])
                + _el("Type", LINK_TYPE[dep.type]) + "<CrossProject>0</CrossProject>"
                + _el("LinkLag", dep.lag * MINUTES_PER_DAY * 10)
                + "<LagFormat>7</LagFormat></PredecessorLink>"
                for p in preds if p in uid)
        out.append("<Task>" + "".join(parts) + "</Task>")
    out.append("</Tasks><Resources>")
    for rid, r in plan.resource.items():
        out.append("<Resource>" + _el("UID", res_uid[rid]) + _el("ID", res_uid[rid])
                   + _el("Name", r.name or rid) + "<Type>1</Type>"
                   + _el("MaxUnits", f"{r.capacity:.2f}") + _el("Notes", ID_NOTE + rid)
                   + "</Resource>")
    out.append("</Resources><Assignments>")
    k = 0
    for tid, spec in plan.task.items():
        for rid, units in spec.uses.items():
            if rid in res_uid:
                k += 1
                out.append("<Assignment>" + _el("UID", k) + _el("TaskUID", uid[tid])
                           + _el("ResourceUID", res_uid[rid]) + _el("Units", f"{units:.2f}")
                           + "</Assignment>")
    out.append("</Assignments></Project>")
    return "\n".join(out) + "\n"


# ---- import ------------------------------------------------------------------------------

_DURATION = re.compile(r"^-?PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$")


def _minutes(text: str | None) -> float | None:
    if not text:
        return None
    m = _DURATION.match(text.strip())
    if not m:
        return None
    h, mi, s = (float(x) if x else 0.0 for x in m.groups())
    return h * 60 + mi + s / 60


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.strip()).date()
    except ValueError:
        return None


def _slug(name: str) -> str:
    s = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower()
    return s[:40].strip("-") or "task"


def import_project(data: bytes) -> tuple[dict[str, Any], list[str]]:
    """An MSPDI document as a plan dict (for tomli_w) and notes on what was left out."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        raise MspdiError(f"not well-formed XML: {e}") from None
    if root.tag not in (f"{{{NS}}}Project", "Project"):
        raise MspdiError(f"the root element is <{root.tag}>, not an MS Project <Project>")
    q = {"p": NS} if root.tag.startswith("{") else {"p": ""}

    def t(el: ET.Element, path: str) -> str | None:
        found = el.find("/".join(("p:" + x) if q["p"] else x for x in path.split("/")), q)
        return found.text if found is not None else None

    def all_(el: ET.Element, path: str) -> list[ET.Element]:
        return el.findall("/".join(("p:" + x) if q["p"] else x for x in path.split("/")), q)

    notes: list[str] = []
    per_day = float(t(root, "MinutesPerDay") or MINUTES_PER_DAY) or MINUTES_PER_DAY
    start = _date(t(root, "StartDate")) or dt.date.today()
    name = t(root, "Title") or t(root, "Name") or "Imported project"
    plan: dict[str, Any] = {"project": {"name": name, "start": start}}
    calendar = _import_calendar(root, t, all_, notes)
    if calendar is not None:
        plan["project"]["calendar"] = "project"
        plan["calendar"] = {"project": calendar}
    wd = calendar.get("workdays") if calendar else ["mon", "tue", "wed", "thu", "fri"]
    cal = WorkCalendar(start, wd or ["mon"], None, calendar.get("days_off", []) if calendar
                       else (), calendar.get("days_on", []) if calendar else ())

    rows = all_(root, "Tasks/Task")
    ids: dict[str, str] = {}
    used: set[str] = set()
    kinds: dict[str, str] = {}
    for el in rows:
        uid = t(el, "UID") or ""
        if uid == "0" or t(el, "IsNull") == "1" or not (t(el, "Name") or "").strip():
            continue
        noted = (t(el, "Notes") or "")
        ident = noted[len(ID_NOTE):].strip() if noted.startswith(ID_NOTE) else \
            f"{_slug(t(el, 'Name') or '')}-{uid}"
        if not re.fullmatch(r"[A-Za-z0-9_-]+", ident) or ident in used:
            ident = f"{_slug(t(el, 'Name') or '')}-{uid}"
        used.add(ident)
        ids[uid] = ident
        kinds[uid] = "workstream" if t(el, "Summary") == "1" else "task"
    tasks: dict[str, Any] = {}
    workstreams: dict[str, Any] = {}
    stack: list[tuple[int, str]] = []
    for el in rows:
        uid = t(el, "UID") or ""
        if uid not in ids:
            continue
        ident = ids[uid]
        level = int(t(el, "OutlineLevel") or 1)
        while stack and stack[-1][0] >= level:
            stack.pop()
        parent = stack[-1][1] if stack else None
        tname = (t(el, "Name") or ident).strip()
        if kinds[uid] == "workstream":
            workstreams[ident] = {"name": tname} | ({"parent": parent} if parent else {})
            stack.append((level, ident))
            continue
        task: dict[str, Any] = {"name": tname}
        minutes = _minutes(t(el, "Duration"))
        days = 0 if t(el, "Milestone") == "1" else \
            max(1 if minutes else 0, round((minutes or 0) / per_day))
        if minutes and t(el, "Milestone") != "1" and abs(minutes / per_day - days) > 1e-6:
            notes.append(f"task '{ident}': duration {t(el, 'Duration')} rounded to {days} "
                         "working days")
        task["duration"] = days
        deps = []
        for link in all_(el, "PredecessorLink"):
            pred = ids.get(t(link, "PredecessorUID") or "")
            if pred is None:
                notes.append(f"task '{ident}': a link to task UID "
                             f"{t(link, 'PredecessorUID')} (not imported) was left out")
                continue
            typ = LINK_NAME.get(int(t(link, "Type") or 1), "FS")
            lag_fmt = int(t(link, "LagFormat") or 7)
            raw = float(t(link, "LinkLag") or 0)
            if lag_fmt in (19, 20):
                notes.append(f"task '{ident}': a percentage lag on '{pred}' was left out")
                raw = 0
            lag = round(raw / 10 / per_day)
            if pred in workstreams and typ != "FS":
                notes.append(f"task '{ident}': a {typ} link to summary '{pred}' was left out")
                continue
            deps.append(pred if typ == "FS" and lag == 0 else
                        {"task": pred, "type": typ, "lag": lag})
        if deps:
            task["depends"] = deps
        ctype = int(t(el, "ConstraintType") or 0)
        cdate = _date(t(el, "ConstraintDate"))
        if ctype == 2 and cdate is not None:
            if cal.is_working(cdate.toordinal()):
                task["start_on"] = cdate
            else:
                task["start_no_earlier_than"] = cdate
                notes.append(f"task '{ident}': Must Start On {cdate} is not a working day; "
                             "imported as Start No Earlier Than")
        elif ctype == 4 and cdate is not None:
            task["start_no_earlier_than"] = cdate
        elif ctype == 7 and cdate is not None:
            task["finish_no_later_than"] = cdate
        elif ctype not in (0,):
            kind = {1: "As Late As Possible", 3: "Must Finish On", 5: "Start No Later Than",
                    6: "Finish No Earlier Than"}.get(ctype, f"type {ctype}")
            notes.append(f"task '{ident}': constraint {kind} has no equivalent; left out")
        deadline = _date(t(el, "Deadline"))
        if deadline is not None and "finish_no_later_than" not in task:
            task["finish_no_later_than"] = deadline
        prio = t(el, "Priority")
        if prio and prio.isdigit() and int(prio) != 500:
            task["priority"] = min(1000, int(prio))
        if parent is not None:
            task["workstream"] = parent
        tasks[ident] = task
    resources = _import_resources(root, t, all_, notes)
    for el in all_(root, "Assignments/Assignment"):
        tid = ids.get(t(el, "TaskUID") or "")
        rid = resources[1].get(t(el, "ResourceUID") or "")
        if tid is None or rid is None or tid not in tasks:
            continue
        units = max(1, math.ceil(float(t(el, "Units") or 1) - 1e-9))
        cap = resources[0][rid]["capacity"]
        tasks[tid].setdefault("uses", {})[rid] = min(units, cap)
    if resources[0]:
        plan["resource"] = resources[0]
    if workstreams:
        plan["workstream"] = workstreams
    plan["task"] = tasks
    return plan, notes


def _import_resources(root: ET.Element, t: Any, all_: Any,
                      notes: list[str]) -> tuple[dict[str, Any], dict[str, str]]:
    out: dict[str, Any] = {}
    by_uid: dict[str, str] = {}
    for el in all_(root, "Resources/Resource"):
        uid = t(el, "UID") or ""
        rname = (t(el, "Name") or "").strip()
        if uid == "0" or not rname or t(el, "IsNull") == "1":
            continue
        if (t(el, "Type") or "1") != "1":
            notes.append(f"resource '{rname}': material and cost resources are left out")
            continue
        noted = t(el, "Notes") or ""
        rid = noted[len(ID_NOTE):].strip() if noted.startswith(ID_NOTE) else \
            f"{_slug(rname)}-{uid}"
        if not re.fullmatch(r"[A-Za-z0-9_-]+", rid) or rid in out:
            rid = f"{_slug(rname)}-{uid}"
        units = float(t(el, "MaxUnits") or 1)
        out[rid] = {"name": rname, "capacity": max(1, math.ceil(units - 1e-9))}
        by_uid[uid] = rid
    return out, by_uid


def _import_calendar(root: ET.Element, t: Any, all_: Any,
                     notes: list[str]) -> dict[str, Any] | None:
    uid = t(root, "CalendarUID")
    cals = {t(c, "UID"): c for c in all_(root, "Calendars/Calendar")}
    cal = cals.get(uid)
    if cal is None:
        return None
    workdays: dict[str, bool] = {}
    days_off: list[dt.date] = []
    days_on: list[dt.date] = []
    chain, seen = [], set()
    c: ET.Element | None = cal
    while c is not None and t(c, "UID") not in seen:  # the base calendar, then overrides
        seen.add(t(c, "UID"))
        chain.append(c)
        c = cals.get(t(c, "BaseCalendarUID"))
    for c in reversed(chain):
        for wd in all_(c, "WeekDays/WeekDay"):
            dtype = int(t(wd, "DayType") or -1)
            working = t(wd, "DayWorking") == "1"
            if dtype in _WEEKDAY_OF_DAYTYPE:
                workdays[_WEEKDAY_OF_DAYTYPE[dtype]] = working
            elif dtype == 0:
                _range(t(wd, "TimePeriod/FromDate"), t(wd, "TimePeriod/ToDate"),
                       days_on if working else days_off)
        for ex in all_(c, "Exceptions/Exception"):
            typ = t(ex, "Type") or "1"
            period = t(ex, "Period") or "1"
            if typ != "1" or period != "1":
                notes.append(f"calendar exception '{t(ex, 'Name') or ''}': recurring "
                             "patterns are left out")
                continue
            _range(t(ex, "TimePeriod/FromDate"), t(ex, "TimePeriod/ToDate"),
                   days_on if t(ex, "DayWorking") == "1" else days_off)
    out: dict[str, Any] = {"workdays": [d for d in WEEKDAY_INDEX if workdays.get(d, False)]}
    if days_off:
        out["days_off"] = sorted(set(days_off))
    if days_on:
        out["days_on"] = sorted(set(days_on) - set(days_off))
    return out


def _range(a: str | None, b: str | None, into: list[dt.date]) -> None:
    lo, hi = _date(a), _date(b)
    if lo is None or hi is None or (hi - lo).days > 3660:
        return
    d = lo
    while d <= hi:
        into.append(d)
        d += dt.timedelta(days=1)


def plan_text(plan: dict[str, Any], notes: Iterable[str], source: str) -> str:
    """The imported plan as TOML, headed by where it came from and what was left out."""
    import tomli_w

    head = [f"# Imported from {source} (MS Project XML) by hsso-plan."]
    head += [f"# Left out or approximated: {n}" for n in notes]
    return "\n".join(head) + "\n\n" + tomli_w.dumps(plan)
