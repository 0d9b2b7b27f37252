"""Calendars and resources in TaskJuggler 3's terms, for the exporter (`tjp`): working hours,
global leaves, a shift (and an assigning macro) per calendar, and resources with one member
per unit of capacity whose capacity changes are leaves."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..model import WEEKDAYS
from .tjp_syntax import quote, tj_date

if TYPE_CHECKING:
    from ..calendars import WorkCalendar
    from ..model import CapacityChange, Plan

#: Every calendar but the project's that a task or resource is on: id(cal) -> (TJ id, calendar).
Shifts = dict[int, tuple[str, "WorkCalendar"]]
#: The days the export covers: [first, end).
Horizon = tuple[dt.date, dt.date]


def weekday_lines(indent: str, cal: WorkCalendar) -> list[str]:
    work = [d for i, d in enumerate(WEEKDAYS) if i in cal.weekdays]
    off = [d for d in WEEKDAYS if d not in work]
    out = []
    if work:
        out.append(f"{indent}workinghours {', '.join(work)} 9:00 - 17:00")
    if off:
        out.append(f"{indent}workinghours {', '.join(off)} off")
    return out


def leave_lines(indent: str, cal: WorkCalendar, lo: dt.date, hi: dt.date) -> list[str]:
    """Holidays and days off that fall on the calendar's working weekdays, in [lo, hi)."""
    out = []
    day = lo
    while day < hi:
        if day.weekday() in cal.weekdays and not cal.is_working(day.toordinal()):
            out.append(f'{indent}leaves holiday "off" {tj_date(day)}')
        day += dt.timedelta(days=1)
    return out


def shift_lines(shifts: Shifts, default: WorkCalendar, horizon: Horizon,
                notes: list[str]) -> list[str]:
    """A shift per calendar, and a macro ``${cN}`` assigning it over the horizon. tj3
    counts a task's length in its shifts' working hours but not in their leaves, so a
    holiday, day off or day on is a day of the all-off (``off_day``) or all-working
    (``on_day``) shift in the assignment. What the project calendar (``default``) cannot
    say goes to ``notes``."""
    out: list[str] = []
    helpers: set[str] = set()
    for sid, cal in shifts.values():
        out.append(f"shift {sid} {quote(cal.name)} {{")
        out += weekday_lines("  ", cal)
        out.append("}")
        parts = _periods(sid, cal, horizon)
        helpers.update(p.split()[0] for p in parts)
        out.append(f"macro {sid} [shifts {', '.join(parts)}]")
    if "off_day" in helpers:
        out.insert(0, 'shift off_day "day off" {\n  workinghours mon - sun off\n}')
    if "on_day" in helpers:
        out.insert(0, 'shift on_day "working day" {\n  workinghours mon - sun 9:00 - 17:00\n}')
    if default.days_on:
        notes.append(
            f"calendar '{default.name}': days_on has no TaskJuggler equivalent for the "
            "project calendar (global working hours cannot add a day); tasks over such a "
            "day are fixed at their dates")
    return out


def _periods(sid: str, cal: WorkCalendar, horizon: Horizon) -> list[str]:
    """``SHIFT FROM - TO`` assignments over the horizon: ``sid``, with each run of days
    that differ from its weekdays as ``off_day`` or ``on_day``."""
    lo, hi = horizon
    kinds: list[tuple[dt.date, str]] = []
    day = lo
    while day < hi:
        working = cal.is_working(day.toordinal())
        kind = sid if working == (day.weekday() in cal.weekdays) else \
            ("on_day" if working else "off_day")
        if not kinds or kinds[-1][1] != kind:
            kinds.append((day, kind))
        day += dt.timedelta(days=1)
    bounds = [d for d, _ in kinds[1:]] + [hi]
    return [f"{kind} {tj_date(frm)} - {tj_date(to)}"
            for (frm, kind), to in zip(kinds, bounds, strict=True)]


def resource_lines(plan: Plan, cals: dict[str | None, WorkCalendar], shifts: Shifts,
                   horizon: Horizon) -> list[str]:
    """A ``resource`` per plan resource: a group of one member per unit of capacity when
    it has more than one, each on the resource's shift with its capacity changes as leaves."""
    out: list[str] = []
    for i, (rid, r) in enumerate(plan.resource.items()):
        cal = cals.get(r.calendar) if r.calendar else None
        shift = shifts.get(id(cal)) if cal is not None else None
        n = r.max_capacity
        own = [f"  ${{{shift[0]}}}"] if shift is not None else []
        out.append(f"resource r{i} {quote(r.name or rid)} {{")
        if n > 1:
            for m in range(1, n + 1):
                out.append(f"  resource r{i}_{m} {quote(f'{r.name or rid} ({m})')} {{")
                out += ["  " + x for x in own]
                out += _member_leaves(plan.project.start, r.capacity, r.capacity_changes, m,
                                      horizon[1])
                out.append("  }")
        else:
            out += own
            out += [x[2:] for x in _member_leaves(plan.project.start, r.capacity,
                                                  r.capacity_changes, 1, horizon[1])]
        out.append("}")
    return out


def _member_leaves(start: dt.date, base: int, changes: list[CapacityChange], member: int,
                   end_of_horizon: dt.date) -> list[str]:
    """Leaves of member ``member`` (1-based) over the periods in which the capacity is
    below it: a capacity change as TaskJuggler's resources can say it."""
    steps = sorted((c.start, c.capacity) for c in changes)
    periods: list[tuple[dt.date, dt.date | None, int]] = []
    if steps:
        periods.append((start, steps[0][0], base))
    for k, (frm, cap) in enumerate(steps):
        periods.append((frm, steps[k + 1][0] if k + 1 < len(steps) else None, cap))
    out = []
    for frm, to, cap in periods:
        if cap < member and (to is None or to > frm):
            end = to if to is not None else end_of_horizon
            out.append(f"    leaves unpaid {tj_date(frm)} - {tj_date(end)}")
    return out
