"""The schedule: what the scheduler produces and every renderer reads.

Derived measures (finish, critical path) are properties, so renderers compute nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple


class Driver(NamedTuple):
    """What sets a task's start: a predecessor, a constraint, or a full resource.

    (A named tuple: one is made per task, and tuples are the cheapest immutable records.)
    """

    #: "project-start" | "dependency" | "start_no_earlier_than" | "start_on" | "resource"
    #: | "status-date" (not started by the status date) | "actual" (done or under way)
    kind: str
    task: str | None = None
    type: str | None = None
    lag: int = 0


@dataclass(frozen=True)
class ResourceDelay:
    """Why levelling moved a task: which resources were full, on which days, with what."""

    earliest_start: dt.date
    resources: tuple[str, ...]
    days: tuple[dt.date, ...]
    blocking_tasks: dict[str, tuple[str, ...]]


@dataclass(slots=True)
class ScheduledTask:
    """One task as scheduled. Treat as read-only (not frozen only because frozen dataclasses
    are several times slower to build, which shows on 100,000-task plans)."""

    id: str
    name: str
    start: dt.date
    finish: dt.date
    duration: int
    milestone: bool
    early_start: int  # working-day index in the task's calendar
    late_start: int
    late_start_date: dt.date
    late_finish_date: dt.date
    total_float: int | None  # None: the task is done
    critical: bool
    driver: Driver
    deadline: dt.date | None = None
    uses: dict[str, int] = field(default_factory=dict)
    delay: ResourceDelay | None = None
    #: The working days the task occupies; filled only for tasks that use resources.
    days: tuple[dt.date, ...] = ()
    #: A required value of the task could not be read: its figures are stand-ins.
    placeholder: bool = False
    #: Progress (only with a status date): "done" | "in progress" | "not started".
    status: str | None = None
    actual_start: dt.date | None = None
    actual_finish: dt.date | None = None
    remaining: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class Violation:
    """A timeline problem as the schedule output lists it (made by the timeline checks
    from the scheduler's facts)."""

    task: str
    code: str
    message: str
    path_key: str  # the task key the violation is about, for locating it


# -- timeline facts: what the scheduler found, as data; the checks word them -----------------


@dataclass(frozen=True)
class DeadlineMiss:
    """``task`` finishes on ``finish``, ``days_late`` working days after ``deadline``."""

    task: str
    finish: dt.date
    deadline: dt.date
    days_late: int


@dataclass(frozen=True)
class FixedStartOverrun:
    """``task`` is fixed on ``fixed`` but ``driver`` allows ``earliest`` at the earliest,
    ``days`` working days later."""

    task: str
    fixed: dt.date
    earliest: dt.date
    days: int
    driver: Driver


@dataclass(frozen=True)
class FixedOverload:
    """Fixed ``tasks`` need ``used`` units of ``resource`` (``capacity``) on ``days``;
    ``task`` is the one the problem is reported on (the last of them)."""

    task: str
    resource: str
    tasks: tuple[str, ...]
    days: tuple[dt.date, ...]
    used: int
    capacity: int
    #: Some of the tasks are under way (pinned by their progress, not by start_on).
    under_way: bool = False


@dataclass(frozen=True)
class Unplaceable:
    """Levelling cannot place ``task``: ``resource`` never again has the units it needs."""

    task: str
    resource: str


@dataclass(frozen=True)
class LateToStart:
    """``task`` has not started by the status date although it could have; it is projected
    to start on ``projected`` (the first working day after the status date)."""

    task: str
    projected: dt.date


TimelineFact = DeadlineMiss | FixedStartOverrun | FixedOverload | Unplaceable | LateToStart


def finish_index(start: int, duration: int) -> int:
    """The working day a task finishes on (the date model's inclusive finish): its last day
    of work, s + d - 1; a milestone's is its own day, s."""
    return start + duration - 1 if duration else start


def last_work_index(start: int, duration: int) -> int:
    """The last working day of a task's work, s + d - 1: for a milestone, the day before
    it (the work it closes is done by then)."""
    return start + duration - 1


@dataclass(frozen=True)
class ResourceInfo:
    id: str
    name: str
    capacity: int


@dataclass(frozen=True)
class Schedule:
    project_name: str
    project_start: dt.date
    tasks: tuple[ScheduledTask, ...]
    violations: tuple[Violation, ...]
    levelled: bool
    resources: tuple[ResourceInfo, ...] = ()
    #: How levelling went: the method that found the schedule, schedules generated.
    levelling: dict[str, object] = field(default_factory=dict)
    #: What the scheduler found wrong with the timeline, in plan order (see `TimelineFact`);
    #: `violations` holds the same, worded by the checks.
    facts: tuple[TimelineFact, ...] = ()
    #: Progress is known up to the end of this day (None: the plan tracks no progress).
    status_date: dt.date | None = None

    @property
    def finish(self) -> dt.date:
        """The latest task finish (the project start for an empty plan)."""
        return max((t.finish for t in self.tasks), default=self.project_start)

    @property
    def first_start(self) -> dt.date:
        return min((t.start for t in self.tasks), default=self.project_start)

    @property
    def critical_path(self) -> list[ScheduledTask]:
        """Critical tasks in start order (ties in plan order)."""
        crit = [t for t in self.tasks if t.critical]
        return sorted(crit, key=lambda t: (t.start, t.finish))

    @property
    def deadlines_missed(self) -> frozenset[str]:
        """Ids of the tasks that miss their `finish_no_later_than` (the scheduler's
        `DeadlineMiss` facts: a milestone dated the working day after its deadline meets it,
        so comparing dates is not the rule)."""
        return frozenset(f.task for f in self.facts if isinstance(f, DeadlineMiss))

    def task(self, tid: str) -> ScheduledTask:
        for t in self.tasks:
            if t.id == tid:
                return t
        raise KeyError(tid)

    def resource_load(self) -> dict[str, dict[dt.date, int]]:
        """Units in use per resource per working day."""
        load: dict[str, dict[dt.date, int]] = {r.id: {} for r in self.resources}
        for t in self.tasks:
            if not t.uses or t.milestone:
                continue
            for day in t.days:
                for r, u in t.uses.items():
                    if r in load:
                        load[r][day] = load[r].get(day, 0) + u
        return load

