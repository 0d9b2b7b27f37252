"""Export a plan to a TaskJuggler 3 project (``.tjp``), for the subset TaskJuggler expresses.

Supported: finish-to-start and start-to-start dependencies with non-negative lags (TJ's
``gaplength``, counted in working time), milestones, working weekdays and holidays/days off of
the project calendar (as TJ ``leaves holiday``). Anything else (FF/SF links, negative lags,
fixed or constrained starts, deadlines, per-task calendars, days_on, resources) raises
`UnsupportedForTaskJuggler` naming what cannot be expressed, rather than exporting a plan
that would schedule differently.

The exporter takes the schedule (its finish bounds the horizon) and the project calendar the
scheduler used; it never schedules the plan itself.

An SS link from a milestone is written as a plain dependency (the same rule: a milestone's
start is its end; tj3 rejects ``onstart`` between two milestones as a "dependency loop").

Each working day is 8 hours, 09:00-17:00. Task ids become ``t0``, ``t1``, ... (TJ ids may not
contain ``-``); the original id is kept in the task's note.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from ..model import WEEKDAYS, Plan

if TYPE_CHECKING:
    from ..calendars import WorkCalendar
    from ..render.registry import RenderContext
    from ..schedule import Schedule


class UnsupportedForTaskJuggler(ValueError):
    """The plan uses features TaskJuggler cannot express the same way."""


# tj3's strings: inside "...", `\\"` is the only escape (`\\\\` stays two backslashes, so a
# backslash before the closing quote would escape it and let plan text run on as directives);
# `$(VAR)` is replaced by an environment variable and `${macro}` by a macro, with no escape.
# Plan text is therefore mapped, visibly and documented in docs/plan-format.md:
#   a double quote                      -> backslash, double quote
#   a backslash before a quote or at the end -> U+29F5 REVERSE SOLIDUS OPERATOR (others kept)
#   a dollar sign before ( or {         -> U+FF04 FULLWIDTH DOLLAR SIGN
#   control characters (CR, LF, tab, other C0, DEL) -> a space
_TJ_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TJ_BACKSLASH = re.compile(r'\\(?=["]|$)')
_TJ_EXPAND = re.compile(r"\$(?=[({])")
# tj3 reads dates from 1970 to 2035 only ("Year 2036 out of range").
TJ_YEARS = (1970, 2035)


def _quote(s: str) -> str:
    """``s`` as a tj3 string literal that reads back as ``s`` (mapped as above)."""
    s = _TJ_EXPAND.sub("\uff04", _TJ_BACKSLASH.sub("\u29f5", _TJ_CONTROL.sub(" ", s)))
    return '"' + s.replace('"', '\\"') + '"'


def _check_years(start: dt.date, finish: dt.date) -> None:
    lo, hi = TJ_YEARS
    for what, day in (("starts", start), ("finishes", finish)):
        if not lo <= day.year <= hi:
            raise UnsupportedForTaskJuggler(
                f"the plan {what} on {day.isoformat()}; TaskJuggler only reads dates from "
                f"{lo} to {hi} (move project.start, or shorten the plan)")


def tj_ids(plan: Plan) -> dict[str, str]:
    """Plan task id -> TaskJuggler id."""
    return {tid: f"t{i}" for i, tid in enumerate(plan.task)}


def unsupported(plan: Plan) -> list[str]:
    """What in ``plan`` TaskJuggler cannot express the same way (sorted, no repeats)."""
    problems: list[str] = []
    cal_id = plan.project.calendar
    spec = plan.calendar.get(cal_id) if cal_id else None
    if spec is not None and spec.days_on:
        problems.append("days_on")
    for tid, t in plan.task.items():
        for dep in t.dependencies():
            if dep.type not in ("FS", "SS"):
                problems.append(f"task '{tid}': {dep.type} dependency")
            if dep.lag < 0:
                problems.append(f"task '{tid}': negative lag")
        problems.extend(f"task '{tid}': {attr}" for attr in
                        ("start_on", "start_no_earlier_than", "finish_no_later_than", "calendar")
                        if getattr(t, attr) is not None)
        if t.uses:
            problems.append(f"task '{tid}': uses")
    return sorted(set(problems))


def render(plan: Plan, sched: Schedule, calendar: WorkCalendar) -> str:
    """The plan as TaskJuggler text. ``sched`` is its schedule (the finish bounds the
    horizon), ``calendar`` the project calendar the scheduler used.

    Raises `UnsupportedForTaskJuggler` naming everything TaskJuggler cannot express.
    """
    problems = unsupported(plan)
    if problems:
        raise UnsupportedForTaskJuggler("; ".join(problems))
    start = plan.project.start
    _check_years(start, sched.finish)
    years = sched.finish.year - start.year + 2
    cal = calendar
    workdays = [d for i, d in enumerate(WEEKDAYS) if i in cal.weekdays]
    off_days = [d for d in WEEKDAYS if d not in workdays]
    out = [f"project hsso {_quote(plan.project.name)} {start.isoformat()} +{years}y {{",
           '  timezone "UTC"',
           "  dailyworkinghours 8"]
    if workdays:
        out.append(f"  workinghours {', '.join(workdays)} 9:00 - 17:00")
    if off_days:
        out.append(f"  workinghours {', '.join(off_days)} off")
    out.append('  timeformat "%Y-%m-%d %H:%M"')
    out.append("}")
    # Holidays and days off that fall on working weekdays, over the horizon.
    end = min(dt.date(start.year + years, start.month, 1), dt.date(TJ_YEARS[1] + 1, 1, 1))
    day = start
    while day < end:
        if day.weekday() in cal.weekdays and not cal.is_working(day.toordinal()):
            out.append(f'leaves holiday "off" {day.isoformat()}')
        day += dt.timedelta(days=1)
    ids = tj_ids(plan)
    for tid, t in plan.task.items():
        body = ["milestone" if t.duration == 0 else f"length {t.duration}d",
                f"note {_quote(tid)}"]
        deps = []
        for dep in t.dependencies():
            if dep.task not in ids:
                continue
            attrs = []
            # From a milestone, SS is FS (its start is its end); tj3 reports a "dependency
            # loop" for an `onstart` link between two milestones, so it is written plain.
            if dep.type == "SS" and plan.task[dep.task].duration > 0:
                attrs.append("onstart")
            if dep.lag:
                attrs.append(f"gaplength {dep.lag}d")
            deps.append(ids[dep.task] + (f" {{ {' '.join(attrs)} }}" if attrs else ""))
        if deps:
            body.append("depends " + ", ".join(deps))
        out.append(f"task {ids[tid]} {_quote(t.name)} {{ " + " ".join(body) + " }")
    out.append('taskreport "schedule" {')
    out.append("  formats csv")
    out.append("  columns id, start, end")
    out.append('  timeformat "%Y-%m-%d %H:%M"')
    out.append("}")
    return "\n".join(out) + "\n"


def from_context(ctx: RenderContext) -> str:
    """The export for the registry; what TaskJuggler cannot express is `CannotRender`."""
    from ..render.registry import CannotRender

    cals = ctx.index.calendars
    if cals is None:
        raise ValueError("the TaskJuggler export needs a plan index built with calendars")
    try:
        return render(ctx.plan, ctx.schedule, cals[None])
    except UnsupportedForTaskJuggler as e:
        raise CannotRender(f"TaskJuggler cannot express: {e}") from None
