"""`hsso-plan diff OLD NEW`: what changed between the schedules of two plans (contract
section 5), and, for each moved task, why when the cause can be named.

A cause is one of:

- ``input``: the task's own input changed (duration, dependencies, constraints, calendar,
  resources, priority); ``changed`` lists which;
- ``predecessor``: the predecessor that now drives it moved (or is new); ``origin`` is the
  task where that chain of moves starts and ``origin_kind`` that task's own cause;
- ``resource``: levelling delays it (``changed``: the full resources; ``task``: the first
  task holding them), or no longer does;
- ``calendar``: the working days of its calendar changed; ``project-start``: the project
  start moved.

Nothing here reads files or prints: see `hsso_plan.revisions` for ``REV:PATH`` and
`hsso_plan.render.diff_report` for the output.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from .baseline import ranker, workdays_between

if TYPE_CHECKING:
    from .app import Outcome
    from .calendars import WorkCalendar
    from .model import Plan, Task
    from .schedule import ScheduledTask


class Cause(NamedTuple):
    """Why a task moved (a named tuple: one is made for each of up to 100,000 moved tasks)."""

    kind: str  # "input" | "predecessor" | "resource" | "calendar" | "project-start"
    changed: tuple[str, ...] = ()
    task: str | None = None
    origin: str | None = None
    origin_kind: str | None = None
    origin_changed: tuple[str, ...] = ()


class Moved(NamedTuple):
    """A task whose dates changed (a named tuple, like `Cause`)."""

    id: str
    old_start: dt.date
    new_start: dt.date
    old_finish: dt.date
    new_finish: dt.date
    start_delta: int
    finish_delta: int
    cause: Cause | None


@dataclass(frozen=True)
class Problem:
    severity: str
    code: str
    message: str


@dataclass(frozen=True)
class PlanDiff:
    old_label: str
    new_label: str
    old_finish: dt.date
    new_finish: dt.date
    finish_delta: int
    added: tuple[str, ...]
    removed: tuple[str, ...]
    moved: tuple[Moved, ...]
    problems_new: tuple[Problem, ...]
    problems_fixed: tuple[Problem, ...]


#: The inputs of a task that set its dates, in the order `_inputs` returns them.
_INPUTS: tuple[str, ...] = ("duration", "depends", "start_on", "start_no_earlier_than",
                            "calendar", "uses", "priority")


def _inputs(t: Task) -> tuple[object, ...]:
    deps = tuple((d.task, d.type, d.lag) for d in t.dependencies())
    return (t.duration, deps, t.start_on, t.start_no_earlier_than, t.calendar,
            tuple(sorted(t.uses.items())), t.priority)


def _problems(o: Outcome) -> dict[tuple[str, str], Problem]:
    return {(d.code, d.message): Problem(d.severity.value, d.code, d.message)
            for d in o.diagnostics}


class _Causes:
    """Names the cause of each moved task (memoised; chains are walked without recursion)."""

    def __init__(self, old_plan: Plan, new_plan: Plan, old: dict[str, ScheduledTask],
                 new: dict[str, ScheduledTask], moved: set[str], added: set[str]) -> None:
        self.old_plan, self.new_plan = old_plan, new_plan
        self.old_tasks, self.new_tasks = old_plan.task, new_plan.task
        self.old, self.new = old, new  # the scheduled tasks by id
        self.moved, self.added = moved, added
        self.memo: dict[str, Cause | None] = {}
        self.start_changed = old_plan.project.start != new_plan.project.start
        #: Whether no calendar changed (then no task's calendar days did): the usual case.
        self.calendars_same = (old_plan.calendar == new_plan.calendar
                               and old_plan.project.calendar == new_plan.project.calendar)

    def _calendar_changed(self, a: Task, b: Task) -> bool:
        """Whether the working days of task ``a``'s calendar (old plan) and ``b``'s (new
        plan) differ."""
        def spec(p: Plan, t: Task) -> object:
            cid = t.calendar or p.project.calendar
            return p.calendar.get(cid) if cid is not None else None

        return spec(self.old_plan, a) != spec(self.new_plan, b)

    def _direct(self, tid: str) -> Cause | str | None:
        """The cause of ``tid`` itself, or the id of the moved predecessor to follow."""
        a, b = self.old_tasks[tid], self.new_tasks[tid]
        # Equal fields (one C-level dict comparison) mean equal inputs: most moved tasks.
        if vars(a) != vars(b):
            ia, ib = _inputs(a), _inputs(b)
            if ia != ib:
                return Cause("input", tuple(n for n, x, y in zip(_INPUTS, ia, ib, strict=True)
                                            if x != y))
        if not self.calendars_same and self._calendar_changed(a, b):
            return Cause("input", ("calendar days",))
        nt, ot = self.new[tid], self.old[tid]
        d = nt.driver
        if d.kind == "dependency" and d.task is not None:
            if d.task in self.moved:
                return d.task
            if d.task in self.added:
                return Cause("predecessor", task=d.task, origin=d.task, origin_kind="added")
        if d.kind == "resource":
            delay = nt.delay
            res = delay.resources if delay is not None else ()
            blocking = next((x for r in res for x in (delay.blocking_tasks.get(r, ())
                                                      if delay else ())), None)
            return Cause("resource", tuple(res), blocking)
        if ot.driver.kind == "resource":
            return Cause("resource")  # levelling no longer delays it
        od = ot.driver
        if od.kind == "dependency" and od.task in self.moved:
            return od.task
        if d.kind == "project-start" and self.start_changed:
            return Cause("project-start")
        return None

    def __call__(self, tid: str) -> Cause | None:
        memo = self.memo
        if tid in memo:
            return memo[tid]
        got = self._direct(tid)
        base: Cause | None
        if isinstance(got, str) and got != tid and got in memo:
            # The usual case: the predecessor it follows already has its cause.
            c = memo[tid] = _following(got, memo[got])
            return c
        chain: list[tuple[str, str]] = []  # (task, the moved predecessor it follows)
        seen = {tid}
        cur = tid
        while True:
            if not isinstance(got, str):
                base = memo[cur] = got
                if base is not None and base.origin is None and base.kind != "predecessor":
                    base = memo[cur] = base._replace(origin=cur, origin_kind=base.kind,
                                                     origin_changed=base.changed)
                break
            chain.append((cur, got))
            if got in seen:
                base = None
                break
            seen.add(got)
            cur = got
            if cur in memo:
                base = memo[cur]
                break
            got = self._direct(cur)
        for t, p in reversed(chain):
            base = memo[t] = _following(p, base)
        return memo[tid]


def _following(p: str, base: Cause | None) -> Cause | None:
    """The cause of a task pushed by moved predecessor ``p``, whose own cause is ``base``."""
    return None if base is None else tuple.__new__(
        Cause, ("predecessor", (), p, base.origin, base.origin_kind, base.origin_changed))


def compare(old: Outcome, new: Outcome, old_label: str, new_label: str,
            cal: WorkCalendar) -> PlanDiff:
    """The diff of two scheduled plans; deltas in working days of ``cal`` (the new plan's
    default calendar)."""
    os_, ns = old.schedule, new.schedule
    op, np_ = old.loaded.plan, new.loaded.plan
    assert os_ is not None and ns is not None and op is not None and np_ is not None
    old_tasks: dict[str, ScheduledTask] = {t.id: t for t in os_.tasks}
    new_tasks: dict[str, ScheduledTask] = {t.id: t for t in ns.tasks}
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    if old_tasks.keys() != new_tasks.keys():  # (a set comparison, in C: most often equal)
        added = tuple(i for i in new_tasks if i not in old_tasks)
        removed = tuple(i for i in old_tasks if i not in new_tasks)
    r = ranker(cal)

    get = old_tasks.get
    pairs = [(o, t) for t in ns.tasks
             if (o := get(t.id)) is not None and (o.start != t.start or o.finish != t.finish)]
    causes = _Causes(op, np_, old_tasks, new_tasks, {t.id for _, t in pairs}, set(added))
    new_moved = tuple.__new__  # Moved(...) without the named tuple's Python-level __new__
    moved = tuple([new_moved(Moved, (t.id, o.start, t.start, o.finish, t.finish,
                                     r(t.start) - r(o.start), r(t.finish) - r(o.finish),
                                     causes(t.id))) for o, t in pairs])
    po, pn = _problems(old), _problems(new)
    return PlanDiff(
        old_label, new_label, os_.finish, ns.finish,
        workdays_between(cal, os_.finish, ns.finish), added, removed, moved,
        tuple(p for k, p in pn.items() if k not in po),
        tuple(p for k, p in po.items() if k not in pn))


def _own(kind: str | None, changed: tuple[str, ...], task: str | None = None) -> str:
    if kind == "input":
        return ", ".join(changed) + " changed"
    if kind == "resource":
        if not changed:
            return "levelling no longer delays it"
        held = f" held by '{task}'" if task else ""
        return f"resource {', '.join(changed)} full{held}"
    if kind == "calendar":
        return "its calendar's working days changed"
    if kind == "project-start":
        return "the project start moved"
    if kind == "added":
        return "a new task"
    return ""


def describe(c: Cause | None) -> str:
    """The cause in one phrase, for text and Markdown."""
    if c is None:
        return ""
    if c.kind == "input":
        return "its own " + _own(c.kind, c.changed)
    if c.kind != "predecessor":
        return _own(c.kind, c.changed, c.task)
    if c.origin_kind == "added" and c.origin == c.task:
        return f"new predecessor '{c.task}'"
    if c.origin is None or c.origin == c.task:
        why = _own(c.origin_kind, c.origin_changed)
        return f"predecessor '{c.task}' moved" + (f" ({why})" if why else "")
    why = _own(c.origin_kind, c.origin_changed)
    return (f"predecessor '{c.task}' moved, from '{c.origin}'"
            + (f" ({why})" if why else ""))
