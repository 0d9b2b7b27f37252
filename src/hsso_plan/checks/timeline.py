"""Timeline checks: the scheduler's facts (see `hsso_plan.schedule.TimelineFact`), worded.

The same wording feeds the diagnostics and the schedule's `violations`."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, KeyPath
from ..schedule import (
    DeadlineMiss,
    FixedOverload,
    FixedStartOverrun,
    LateToStart,
    Schedule,
    TimelineFact,
    Unplaceable,
    Violation,
)
from .registry import Context, Stage, check


def _days(n: int) -> str:
    return f"{n} working day{'s' if n != 1 else ''}"


def diagnostic(fact: TimelineFact) -> Diagnostic:
    """The diagnostic for one fact, located by its key path."""
    path: KeyPath
    if isinstance(fact, DeadlineMiss):
        code, path = "E040", ("task", fact.task, "finish_no_later_than")
        text = (f"task '{fact.task}' finishes on {fact.finish.isoformat()}, "
                f"{_days(fact.days_late)} after its deadline "
                f"(finish_no_later_than = {fact.deadline.isoformat()})")
        hint = "shorten or overlap the work on its critical path, or move the deadline"
    elif isinstance(fact, FixedStartOverrun):
        code, path = "E041", ("task", fact.task, "start_on")
        drv, why = fact.driver, ""
        if drv.kind == "dependency":
            lagtxt = f", lag {drv.lag}" if drv.lag else ""
            why = f": predecessor '{drv.task}' ({drv.type}{lagtxt}) allows " \
                  f"{fact.earliest.isoformat()} at the earliest"
        elif drv.kind == "start_no_earlier_than":
            why = ": its start_no_earlier_than is later"
        text = (f"task '{fact.task}' is fixed to start on {fact.fixed.isoformat()} "
                f"(start_on), {_days(fact.days)} too early{why}")
        hint = "bring the predecessors forward, loosen the dependency, or move the date"
    elif isinstance(fact, FixedOverload):
        code, path = "E042", ("task", fact.task, "uses", fact.resource)
        first, last = fact.days[0], fact.days[-1]
        when = f"on {first.isoformat()}" if first == last else \
            f"on {len(fact.days)} days from {first.isoformat()} to {last.isoformat()}"
        names = ", ".join(f"'{t}'" for t in fact.tasks)
        text = (f"resource '{fact.resource}' needs {fact.used} units {when} (capacity "
                f"{fact.capacity}) for tasks fixed by start_on"
                f"{' or under way' if fact.under_way else ''}: {names}")
        hint = "move one of the fixed tasks, or raise the resource's capacity"
    elif isinstance(fact, LateToStart):
        code, path = "W111", ("task", fact.task)
        text = (f"task '{fact.task}' is late to start: it has not started by the status "
                f"date and is projected to start on {fact.projected.isoformat()}")
        hint = ("record its actual_start in [progress.<task-id>] if it has started, or "
                "re-plan the work from the status date")
    else:
        code, path = "E043", ("task", fact.task, "uses", fact.resource)
        text = (f"levelling cannot place task '{fact.task}': resource '{fact.resource}' "
                "never again has the units it needs")
        hint = None
    return Diagnostic(code, text, path=path, hint=hint)


def violations(sched: Schedule) -> tuple[Violation, ...]:
    """Every fact of ``sched`` as a schedule violation, in the scheduler's order."""
    out = []
    for fact in sched.facts:
        d = diagnostic(fact)
        out.append(Violation(fact.task, d.code, d.message, ".".join(map(str, d.path[2:]))))
    return tuple(out)


def _found(ctx: Context, kind: type) -> Iterator[Diagnostic]:
    """Diagnostics for the facts of ``kind``; tasks whose entries could not be read (they
    were scheduled on placeholders) are left out."""
    skip = ctx.broken.get("task", set())
    for fact in ctx.schedule.facts if ctx.schedule is not None else ():
        if isinstance(fact, kind) and fact.task not in skip:
            yield diagnostic(fact)


@check("E040", "deadline missed", stage=Stage.TIMELINE)
def deadlines(ctx: Context) -> Iterator[Diagnostic]:
    """The task's earliest finish falls after its `finish_no_later_than`. The schedule
    keeps the earliest dates and shows the miss as negative total float; shorten or
    overlap the work that drives it (see the critical path), or move the deadline."""
    return _found(ctx, DeadlineMiss)


@check("E041", "fixed start overrun by a predecessor", stage=Stage.TIMELINE)
def fixed_starts(ctx: Context) -> Iterator[Diagnostic]:
    """A `start_on` task is fixed on its date, but its predecessors finish too late for it.
    The schedule keeps the fixed date; the dependency is violated until the predecessors
    are brought forward or the date is moved."""
    return _found(ctx, FixedStartOverrun)


@check("E042", "resource over capacity at fixed dates", stage=Stage.TIMELINE)
def fixed_overloads(ctx: Context) -> Iterator[Diagnostic]:
    """Tasks fixed by `start_on` need more units of a resource on the same day than it has;
    levelling cannot move fixed tasks."""
    return _found(ctx, FixedOverload)


@check("E043", "levelling cannot place a task", stage=Stage.TIMELINE)
def unplaceable(ctx: Context) -> Iterator[Diagnostic]:
    """A task needs more units of a resource than it will ever have again after the task's
    earliest start (its capacity drops, or its calendar has no more working days). Lower
    the units, or keep the capacity."""
    return _found(ctx, Unplaceable)


@check("W111", "late to start", stage=Stage.TIMELINE)
def late_starts(ctx: Context) -> Iterator[Diagnostic]:
    """A task that has not started would have started on or before the status date (its
    predecessors, constraints or fixed date allowed it); it is projected to start on the
    first working day after the status date. Record its actual start if it has started, or
    re-plan it."""
    return _found(ctx, LateToStart)
