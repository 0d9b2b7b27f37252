"""Checks of calendars and of fixed dates against them."""

from __future__ import annotations

from collections.abc import Iterator

from ..calendars import region_problem
from ..diagnostics import Diagnostic
from .registry import Context, check


@check("E030", "unknown holiday region")
def holiday_regions(ctx: Context) -> Iterator[Diagnostic]:
    """`holidays` must be an ISO 3166 code such as "CA" or "CA-ON" that the `holidays`
    package knows (country, then optional subdivision)."""
    for cid, spec in ctx.plan.calendar.items():
        problem = region_problem(spec.holidays) if spec.holidays is not None else None
        if problem is not None:
            yield Diagnostic("E030", problem[0], path=("calendar", cid, "holidays"),
                             hint=problem[1])


@check("E032", "calendar has no working days")
def empty_calendars(ctx: Context) -> Iterator[Diagnostic]:
    """The calendar has no working weekday and no `days_on`, so no task can be scheduled on
    it."""
    for cid, spec in ctx.plan.calendar.items():
        if not spec.workdays and not spec.days_on:
            yield Diagnostic("E032", f"calendar '{cid}' has no working days",
                             path=("calendar", cid, "workdays"),
                             hint='list working weekdays, e.g. workdays = ["mon", "tue", '
                                  '"wed", "thu", "fri"]')


@check("W002", "day both off and on")
def days_off_and_on(ctx: Context) -> Iterator[Diagnostic]:
    """A date is listed in both `days_off` and `days_on`; `days_on` wins."""
    for cid, spec in ctx.plan.calendar.items():
        for k, day in enumerate(spec.days_on):
            if day in spec.days_off:
                yield Diagnostic("W002", f"{day.isoformat()} is in both days_off and days_on "
                                 f"of calendar '{cid}'", path=("calendar", cid, "days_on", k),
                                 hint="remove it from one of the lists")


@check("E034", "date before the project start")
def fixed_before_start(ctx: Context) -> Iterator[Diagnostic]:
    """A `start_on` date lies before `project.start`; nothing is scheduled before the
    project starts."""
    start = ctx.plan.project.start
    for tid, task in ctx.index.tasks_with("start_on"):
        if task.start_on is not None and task.start_on < start:
            yield Diagnostic("E034", f"task '{tid}' is fixed to start on "
                             f"{task.start_on.isoformat()}, before the project start "
                             f"{start.isoformat()}", path=("task", tid, "start_on"),
                             hint="move the date, or move project.start earlier")


@check("E031", "fixed start on a non-working day")
def fixed_on_day_off(ctx: Context) -> Iterator[Diagnostic]:
    """`start_on` must be a working day of the task's calendar (not a weekend, holiday or
    day off). Move the date, or add it to the calendar's `days_on`."""
    plan = ctx.plan
    for tid, task in ctx.index.tasks_with("start_on"):
        if task.start_on is None or task.start_on < plan.project.start:
            continue
        # The calendar the scheduler uses; one that could not be built is absent (its
        # problem is reported on its own), and then the default is checked.
        cid = task.calendar or plan.project.calendar
        if cid is not None and cid not in plan.calendar:
            cid = plan.project.calendar if plan.project.calendar in plan.calendar else None
        cal = ctx.calendars.get(cid)
        if cal is not None and not cal.is_working(task.start_on.toordinal()):
            nxt = cal.date(cal.rank_date(task.start_on))
            yield Diagnostic("E031", f"task '{tid}' is fixed to start on "
                             f"{task.start_on.isoformat()} ({task.start_on.strftime('%A')}), "
                             f"which is not a working day of calendar '{cid or 'default'}'",
                             path=("task", tid, "start_on"),
                             hint=f"the next working day is {nxt.isoformat()}; or add the date "
                                  "to the calendar's days_on")
