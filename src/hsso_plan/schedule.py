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
    #: Progress (only with a status date): "done" | "in progress" | "not started".
    status: str | None = None
    actual_start: dt.date | None = None
    actual_finish: dt.date | None = None
    remaining: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class Violation:
    task: str
    code: str
    message: str
    path_key: str  # the task key the violation is about, for locating it


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

