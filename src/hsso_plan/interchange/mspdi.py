"""MS Project XML (MSPDI): import a project as a plan file; the format's shared constants.

**Export** (`mspdi_export.export`): the project calendar (weekdays, then every holiday or
day off in the scheduled span as an exception, and `days_on` as working exceptions; 8-hour days
08:00-12:00, 13:00-17:00), workstreams as summary tasks in outline order, tasks with their
scheduled start and finish, duration, milestone flag, priority, constraint (`start_on` as
Must Start On, `start_no_earlier_than` as Start No Earlier Than), deadline
(`finish_no_later_than`), predecessor links (FS/SS/FF/SF, lags in tenths of minutes as MSPDI
counts them), resources (units as MaxUnits) and assignments; with a status date, the
project's StatusDate and each task's actuals, and with a baseline each task's Baseline 0
(docs/outputs.md). Each task's plan id is kept in its notes (a progress note on the next
line), so a file that comes back is matched task for task.

**Import** (`import_project`): the inverse, into a plan dict ready for `tomli_w`: tasks,
summaries as workstreams, milestones, links with lags, Must Start On / Start No Earlier Than /
Finish No Later Than constraints and deadlines, priorities, work resources and assignments,
the project calendar's weekdays and exception dates, and progress and Baseline 0
(`mspdi_progress`). What has no equivalent in the plan
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
from dataclasses import dataclass
from typing import Any

from ..calendars import WorkCalendar
from ..model import WEEKDAYS
from ..textsafe import one_line
from . import mspdi_progress
from .mspdi_read import (
    MAX_EXCEPTION_DAYS,
    MAX_EXCEPTIONS,
    MspdiError,
    allocate,
    duration_minutes,
    integer,
    number,
    parse,
)

__all__ = ["Imported", "MspdiError", "import_project", "plan_text", "read_project"]

NS = "http://schemas.microsoft.com/project"
LINK_TYPE = {"FF": 0, "FS": 1, "SF": 2, "SS": 3}
LINK_NAME = {v: k for k, v in LINK_TYPE.items()}
MINUTES_PER_DAY = 480
ID_NOTE = "hsso-plan id: "
#: MSPDI's DayType: 1 = Sunday ... 7 = Saturday.
WEEKDAY_OF_DAYTYPE = {(i + 1) % 7 + 1: d for i, d in enumerate(WEEKDAYS)}




# ---- import ------------------------------------------------------------------------------

def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.strip()).date()
    except ValueError:
        return None


def _start(root: ET.Element, t: Any, all_: Any) -> dt.date:
    """The project's StartDate, else the earliest task start (no start at all: an error)."""
    start = _date(t(root, "StartDate"))
    if start is not None:
        return start
    dates = [d for el in all_(root, "Tasks/Task") for d in (_date(t(el, "Start")),)
             if d is not None]
    if not dates:
        raise MspdiError("the project has no StartDate and no task has a Start date; add "
                         "<StartDate> to the <Project>")
    return min(dates)


def _slug(name: str) -> str:
    s = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower()
    return s[:40].strip("-") or "task"


@dataclass(frozen=True)
class Imported:
    """An MSPDI document read: the plan dict (for tomli_w), the notes on what was left out
    or approximated, and the baseline (a schedule JSON document; None without baselines)."""

    plan: dict[str, Any]
    notes: list[str]
    baseline: dict[str, Any] | None


def import_project(data: bytes) -> tuple[dict[str, Any], list[str]]:
    """An MSPDI document as a plan dict (for tomli_w) and notes on what was left out."""
    got = read_project(data)
    return got.plan, got.notes


def read_project(data: bytes, source: str = "the file", baseline_out: bool = False) -> Imported:
    """An MSPDI document as a plan, with its progress and Baseline 0 (``baseline_out``: the
    caller writes the baseline, so the notes do not suggest it)."""
    root = parse(data)
    if root.tag not in (f"{{{NS}}}Project", "Project"):
        raise MspdiError(f"the root element is <{one_line(root.tag)[:60]}>, not an MS Project "
                         "<Project>")
    q = {"p": NS} if root.tag.startswith("{") else {"p": ""}

    def t(el: ET.Element, path: str) -> str | None:
        found = el.find("/".join(("p:" + x) if q["p"] else x for x in path.split("/")), q)
        return found.text if found is not None else None

    def all_(el: ET.Element, path: str) -> list[ET.Element]:
        return el.findall("/".join(("p:" + x) if q["p"] else x for x in path.split("/")), q)

    notes: list[str] = []
    per_day = number(t(root, "MinutesPerDay"), MINUTES_PER_DAY, "Project/MinutesPerDay")
    if per_day <= 0 or per_day > 1440:
        raise MspdiError(f"Project/MinutesPerDay is {per_day:g}; it must be between 1 and 1440")
    start = _start(root, t, all_)
    if t(root, "StartDate") is None or _date(t(root, "StartDate")) is None:
        notes.append(f"the project has no StartDate: it starts at its earliest task, {start}")
    name = t(root, "Title") or t(root, "Name") or "Imported project"
    plan: dict[str, Any] = {"project": {"name": name, "start": start}}
    calendar = _import_calendar(root, t, all_, notes)
    if calendar is not None:
        plan["project"]["calendar"] = "project"
        plan["calendar"] = {"project": calendar}
    wd = calendar.get("workdays") if calendar else ["mon", "tue", "wed", "thu", "fri"]
    cal = WorkCalendar(start, wd or ["mon"], None, calendar.get("days_off", []) if calendar
                       else (), calendar.get("days_on", []) if calendar else ())

    rows = [el for el in all_(root, "Tasks/Task") if t(el, "UID") != "0"
            and t(el, "IsNull") != "1" and (t(el, "Name") or "").strip()]
    keys = _keys(rows, t, "task", notes)
    idents = allocate("task", [(k, _noted(t(el, "Notes")), _slug(t(el, "Name") or ""))
                               for k, el in zip(keys, rows, strict=True)], notes)
    ids: dict[str, str] = dict(zip(keys, idents, strict=True))
    kinds = {k: "workstream" if t(el, "Summary") == "1" else "task"
             for k, el in zip(keys, rows, strict=True)}
    tasks: dict[str, Any] = {}
    workstreams: dict[str, Any] = {}
    stack: list[tuple[int, str]] = []
    found = mspdi_progress.Found()
    for uid, el in zip(keys, rows, strict=True):
        ident = ids[uid]
        what = f"task '{ident}'"
        level = integer(t(el, "OutlineLevel"), 1, f"{what}: OutlineLevel")
        while stack and stack[-1][0] >= level:
            stack.pop()
        parent = stack[-1][1] if stack else None
        tname = (t(el, "Name") or ident).strip()
        if kinds[uid] == "workstream":
            workstreams[ident] = {"name": tname} | ({"parent": parent} if parent else {})
            stack.append((level, ident))
            continue
        task: dict[str, Any] = {"name": tname}
        minutes = duration_minutes(t(el, "Duration"), f"{what}: Duration")
        days = 0 if t(el, "Milestone") == "1" else \
            max(1 if minutes else 0, round((minutes or 0) / per_day))
        if minutes and t(el, "Milestone") != "1" and abs(minutes / per_day - days) > 1e-6:
            notes.append(f"task '{ident}': duration {one_line(t(el, 'Duration') or '')} "
                         f"rounded to {days} working days")
        task["duration"] = days
        deps = []
        for link in all_(el, "PredecessorLink"):
            pred = ids.get(_uid(t(link, "PredecessorUID")))
            if pred is None:
                notes.append(f"task '{ident}': a link to task UID "
                             f"{t(link, 'PredecessorUID')} (not imported) was left out")
                continue
            typ = LINK_NAME.get(integer(t(link, "Type"), 1, f"{what}: link Type"), "FS")
            lag_fmt = integer(t(link, "LagFormat"), 7, f"{what}: link LagFormat")
            raw = number(t(link, "LinkLag"), 0, f"{what}: LinkLag")
            if lag_fmt in (19, 20):
                notes.append(f"task '{ident}': a percentage lag on '{pred}' was left out")
                raw = 0
            lag = round(raw / 10 / per_day)
            if abs(lag) > 100000:
                raise MspdiError(f"{what}: LinkLag {raw:g} is more than 100,000 days")
            if pred in workstreams and typ != "FS":
                notes.append(f"task '{ident}': a {typ} link to summary '{pred}' was left out")
                continue
            deps.append(pred if typ == "FS" and lag == 0 else
                        {"task": pred, "type": typ, "lag": lag})
        if deps:
            task["depends"] = deps
        ctype = integer(t(el, "ConstraintType"), 0, f"{what}: ConstraintType")
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
        mspdi_progress.read_task(el, t, all_, ident, tname, t(el, "Milestone") == "1",
                                 per_day, cal, found)
        note = _progress_note(t(el, "Notes"))
        if note is not None:
            found.progress.setdefault(ident, {})["note"] = note
    resources = _import_resources(root, t, all_, notes)
    for el in all_(root, "Assignments/Assignment"):
        tid = ids.get(_uid(t(el, "TaskUID")))
        rid = resources[1].get(_uid(t(el, "ResourceUID")))
        if tid is None or rid is None or tid not in tasks:
            continue
        mspdi_progress.read_assignment(el, t, all_, tid, found)
        units = max(1, math.ceil(number(t(el, "Units"), 1, f"assignment to '{tid}': Units")
                                 - 1e-9))
        cap = resources[0][rid]["capacity"]
        tasks[tid].setdefault("uses", {})[rid] = min(units, cap)
    if resources[0]:
        plan["resource"] = resources[0]
    if workstreams:
        plan["workstream"] = workstreams
    plan["task"] = tasks
    notes += mspdi_progress.finish(plan, t(root, "StatusDate"), cal, found, baseline_out)
    baseline = mspdi_progress.baseline_json(found, name, start, source) \
        if found.baseline else None
    return Imported(plan, [one_line(n) for n in notes], baseline)


def _uid(text: str | None) -> str:
    """A reference to a UID: only a whole number can name one (row keys are not UIDs)."""
    return text.strip() if text and text.strip().isdigit() else "-"


def _noted(text: str | None) -> str | None:
    """The plan id an export wrote in an entry's notes (their first line), if any."""
    return text[len(ID_NOTE):].split("\n", 1)[0].strip() \
        if text and text.startswith(ID_NOTE) else None


def _progress_note(text: str | None) -> str | None:
    """The progress note an export wrote after the id line of a task's notes, if any."""
    if not text or not text.startswith(ID_NOTE) or "\n" not in text:
        return None
    return text.split("\n", 1)[1].strip() or None


def _keys(rows: list[ET.Element], t: Any, kind: str, notes: list[str]) -> list[str]:
    """One key per row: its UID when that is a whole number not used before, else a row key
    (such an entry cannot be the target of a link or an assignment; listed in the notes)."""
    keys: list[str] = []
    seen: set[str] = set()
    for k, el in enumerate(rows, 1):
        uid = (t(el, "UID") or "").strip()
        if not uid.isdigit() or uid in seen or len(uid) > 12:
            notes.append(f"{kind} {k} in the file ('{(t(el, 'Name') or '').strip()[:60]}') "
                         + ("has no UID" if not uid else f"has UID '{uid[:20]}', "
                            + ("used before" if uid in seen else "not a whole number"))
                         + f"; imported as row{k}, and nothing can link to it")
            uid = f"row{k}"
        seen.add(uid)
        keys.append(uid)
    return keys


def _import_resources(root: ET.Element, t: Any, all_: Any,
                      notes: list[str]) -> tuple[dict[str, Any], dict[str, str]]:
    out: dict[str, Any] = {}
    by_uid: dict[str, str] = {}
    rows = []
    for el in all_(root, "Resources/Resource"):
        rname = (t(el, "Name") or "").strip()
        if t(el, "UID") == "0" or not rname or t(el, "IsNull") == "1":
            continue
        if (t(el, "Type") or "1") != "1":
            notes.append(f"resource '{rname}': material and cost resources are left out")
            continue
        rows.append(el)
    keys = _keys(rows, t, "resource", notes)
    rids = allocate("resource", [(k, _noted(t(el, "Notes")), _slug(t(el, "Name") or ""))
                                 for k, el in zip(keys, rows, strict=True)], notes)
    for uid, rid, el in zip(keys, rids, rows, strict=True):
        units = number(t(el, "MaxUnits"), 1, f"resource '{rid}': MaxUnits")
        if units < 0 or units > 10**6:
            raise MspdiError(f"resource '{rid}': MaxUnits is {units:g}; it must be between 0 "
                             "and 1,000,000")
        out[rid] = {"name": (t(el, "Name") or "").strip(),
                    "capacity": max(1, math.ceil(units - 1e-9))}
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
    count = 0
    for c in reversed(chain):
        for wd in all_(c, "WeekDays/WeekDay"):
            dtype = integer(t(wd, "DayType"), -1, "calendar WeekDay: DayType")
            working = t(wd, "DayWorking") == "1"
            if dtype in WEEKDAY_OF_DAYTYPE:
                workdays[WEEKDAY_OF_DAYTYPE[dtype]] = working
            elif dtype == 0:
                _range(t(wd, "TimePeriod/FromDate"), t(wd, "TimePeriod/ToDate"),
                       days_on if working else days_off)
        exceptions = all_(c, "Exceptions/Exception")
        count += len(exceptions) + len(all_(c, "WeekDays/WeekDay"))
        if count > MAX_EXCEPTIONS:
            raise MspdiError(f"the project calendar has more than {MAX_EXCEPTIONS} exceptions")
        for ex in exceptions:
            typ = t(ex, "Type") or "1"
            period = t(ex, "Period") or "1"
            if typ != "1" or period != "1":
                notes.append(f"calendar exception '{t(ex, 'Name') or ''}': recurring "
                             "patterns are left out")
                continue
            _range(t(ex, "TimePeriod/FromDate"), t(ex, "TimePeriod/ToDate"),
                   days_on if t(ex, "DayWorking") == "1" else days_off)
        if len(days_on) + len(days_off) > MAX_EXCEPTION_DAYS:
            raise MspdiError(f"the project calendar's exceptions cover more than "
                             f"{MAX_EXCEPTION_DAYS} days")
    out: dict[str, Any] = {"workdays": [d for d in WEEKDAYS if workdays.get(d, False)]}
    if days_off:
        out["days_off"] = sorted(set(days_off))
    if days_on:
        out["days_on"] = sorted(set(days_on) - set(days_off))
    return out


def _range(a: str | None, b: str | None, into: list[dt.date]) -> None:
    lo, hi = _date(a), _date(b)
    if lo is None or hi is None or (hi - lo).days > 3660 or len(into) > MAX_EXCEPTION_DAYS:
        return
    d = lo
    while d <= hi:
        into.append(d)
        d += dt.timedelta(days=1)


def plan_text(plan: dict[str, Any], notes: Iterable[str], source: str) -> str:
    """The imported plan as TOML, headed by where it came from and what was left out."""
    import tomli_w

    head = [f"# Imported from {one_line(source)} (MS Project XML) by hsso-plan."]
    head += [f"# Left out or approximated: {one_line(n)}" for n in notes]
    return "\n".join(head) + "\n\n" + tomli_w.dumps(plan)
