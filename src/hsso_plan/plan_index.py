"""The plan index: every structural question about a plan, answered once after loading.

Every later stage (network, migration analysis, reports, exporters) asks the index instead
of walking the plan again:

- the workstream tree (children, direct tasks, all tasks below, tree order);
- the readiness tasks of each transfer;
- each task's calendar;
- the plan order of tasks;
- every task's `depends` read into links between plan positions (`links`);
- the tasks that give each optional key most tasks leave out (`tasks_with`);
- the values of every progress entry (`progress_values`).

The index is built from a checked plan: references the checks reject (an unknown parent
workstream, a parent loop, an unknown readiness id) are left out, never guessed at.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from itertools import compress
from operator import attrgetter, not_
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from .calendars import WorkCalendar
    from .links import Links
    from .model import Plan, Task
    from .progress import Values

OutlineKind = Literal["workstream", "task"]

#: Optional task keys that most tasks of a large plan leave out (see `PlanIndex.tasks_with`).
SparseKey = Literal["uses", "start_no_earlier_than", "start_on", "finish_no_later_than",
                    "calendar", "workstream", "duration_range"]
SPARSE_KEYS: tuple[SparseKey, ...] = ("uses", "start_no_earlier_than", "start_on",
                                      "finish_no_later_than", "calendar", "workstream",
                                      "duration_range")


@dataclass(frozen=True, slots=True)
class OutlineRow:
    """One row of the plan's outline: a workstream or a task, at a depth (0 = top)."""

    kind: OutlineKind
    id: str
    level: int


@dataclass(frozen=True, slots=True)
class ReadinessItem:
    """A task a transfer waits for, and the position in `readiness` that names it."""

    entry: int
    task: str


class PlanIndex:
    """Structural facts about one plan, computed once (see the module docstring)."""

    def __init__(self, plan: Plan, calendars: dict[str | None, WorkCalendar] | None = None):
        self.plan = plan
        self.calendars = calendars
        #: Task id -> position in plan-file order.
        self.task_order: dict[str, int] = dict(zip(plan.task, range(len(plan.task)),
                                                    strict=True))
        ws = plan.workstream
        #: Workstream id -> sub-workstreams (None: the top level), plan order. A parent that
        #: is unknown or the workstream itself counts as no parent; loops are cut in `walk`.
        self.children: dict[str | None, list[str]] = {}
        for wid, spec in ws.items():
            parent = spec.parent if spec.parent in ws and spec.parent != wid else None
            self.children.setdefault(parent, []).append(wid)
        #: Workstream id -> the tasks directly in it (None: tasks in no known workstream).
        self.direct: dict[str | None, list[str]] = {}
        if not ws and plan.task:  # (the common case of a large plan: one quick step)
            self.direct[None] = list(plan.task)
        for tid, t in plan.task.items() if ws else ():
            self.direct.setdefault(t.workstream if t.workstream in ws else None,
                                   []).append(tid)
        self.members: dict[str, list[str]] = self._members()
        self.readiness: dict[str, list[ReadinessItem]] = self._readiness()

    @property
    def has_risk(self) -> bool:
        """True when the plan states uncertainty: a task's ``duration_range``, or [risk]
        defaults or events (the report then has a risk section)."""
        return self.plan.risk.active or bool(self.tasks_with("duration_range"))

    # -- optional task keys ------------------------------------------------------------------

    def tasks_with(self, key: SparseKey) -> list[tuple[str, Task]]:
        """(id, task) of each task that gives ``key`` (a value other than None; for `uses`,
        a non-empty table), in plan order: what a check or the network looks at, without a
        pass of its own over every task."""
        return self._sparse[key]

    @cached_property
    def _sparse(self) -> dict[SparseKey, list[tuple[str, Task]]]:
        """`tasks_with` of every key, from one pass at C speed over the tasks: a task whose
        set fields (pydantic's record of the keys it was given) are none of the keys holds
        their defaults and is passed over there (all the tasks of a generated plan)."""
        from .model import Task

        tasks = self.plan.task
        out: dict[SparseKey, list[tuple[str, Task]]] = {k: [] for k in SPARSE_KEYS}
        others = frozenset(Task.model_fields).difference(SPARSE_KEYS).issuperset
        given = map(attrgetter("__pydantic_fields_set__"), tasks.values())
        for item in compress(tasks.items(), map(not_, map(others, given))):
            t = item[1]
            if t.uses:
                out["uses"].append(item)
            for k in SPARSE_KEYS[1:]:
                if getattr(t, k) is not None:
                    out[k].append(item)
        return out

    # -- workstreams -------------------------------------------------------------------------

    def _members(self) -> dict[str, list[str]]:
        order = self.task_order
        out: dict[str, list[str]] = {}
        for w in self.plan.workstream:
            seen, stack = {w}, [w]
            tasks: list[str] = []
            while stack:  # iterative: a parent loop (reported by the checks) cannot recurse
                x = stack.pop()
                tasks.extend(self.direct.get(x, ()))
                for c in self.children.get(x, ()):
                    if c not in seen:
                        seen.add(c)
                        stack.append(c)
            out[w] = sorted(set(tasks), key=order.__getitem__)
        return out

    def outline(self) -> list[OutlineRow]:
        """Workstreams in tree order, each followed by its own tasks, then its
        sub-workstreams; tasks in no workstream come last, at level 0."""
        out: list[OutlineRow] = []
        seen: set[str] = set()
        stack: list[tuple[str, int]] = [(w, 0) for w in reversed(self.children.get(None, []))]
        while stack:
            wid, level = stack.pop()
            if wid in seen:
                continue
            seen.add(wid)
            out.append(OutlineRow("workstream", wid, level))
            out.extend(OutlineRow("task", t, level + 1) for t in self.direct.get(wid, ()))
            stack.extend((c, level + 1) for c in reversed(self.children.get(wid, [])))
        out.extend(OutlineRow("task", t, 0) for t in self.direct.get(None, ()))
        return out

    def expand(self, ref: str) -> list[str]:
        """A task id as itself, a workstream id as every task in it; unknown ids: []."""
        if ref in self.task_order:
            return [ref]
        return self.members.get(ref, [])

    # -- dependencies ------------------------------------------------------------------------

    @cached_property
    def links(self) -> Links:
        """Every task's `depends` as edges between plan positions, and the tasks whose
        `depends` need a closer look (`hsso_plan.links.read_links`), read once."""
        from .links import read_links

        return read_links(self.plan.task, self.task_order, self.members)

    # -- progress ----------------------------------------------------------------------------

    @cached_property
    def progress_values(self) -> list[Values]:
        """`hsso_plan.progress.entry_values` of the [progress.ID] tables, in their order, read
        once for the progress checks and the network."""
        from .progress import entry_values

        return entry_values(self.plan.progress)

    # -- transfers ---------------------------------------------------------------------------

    def _readiness(self) -> dict[str, list[ReadinessItem]]:
        out: dict[str, list[ReadinessItem]] = {}
        for tid, tr in self.plan.transfer.items():
            own = tr.on if isinstance(tr.on, str) else None
            items: list[ReadinessItem] = []
            seen: set[str] = set()
            for j, ref in enumerate(tr.readiness):
                for m in self.expand(ref):
                    # A site's workstream holds its own transfer milestone: not readiness.
                    if m != own and m not in seen:
                        seen.add(m)
                        items.append(ReadinessItem(j, m))
            out[tid] = items
        return out

    def transfer_milestone(self, transfer_id: str) -> str | None:
        """The task id a transfer happens at (None when it is dated or the task unknown)."""
        on = self.plan.transfer[transfer_id].on
        return on if isinstance(on, str) and on in self.task_order else None

    # -- calendars ---------------------------------------------------------------------------

    def calendar_of(self, task_id: str) -> WorkCalendar:
        """The calendar a task is scheduled on (its own, else the project's default)."""
        cals = self.calendars
        if cals is None:
            raise ValueError("this plan index was built without calendars")
        cid = self.plan.task[task_id].calendar
        default = cals[None]
        return cals.get(cid, default) if cid else default

    def task_calendars(self) -> list[WorkCalendar]:
        """`calendar_of` every task, in plan order (a new list)."""
        cals = self.calendars
        if cals is None:
            raise ValueError("this plan index was built without calendars")
        default = cals[None]
        out = [default] * len(self.plan.task)
        order = self.task_order
        for tid, t in self.tasks_with("calendar"):
            if t.calendar:
                out[order[tid]] = cals.get(t.calendar, default)
        return out
