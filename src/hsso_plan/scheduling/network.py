"""The activity network: the plan reduced to integer arrays for the scheduling passes.

Tasks are numbered in plan-file order. Each dependency becomes an edge
``(predecessor, successor, type, lag)``. Edges that the checks reject (unknown or broken
predecessors, self-loops, edges inside a cycle) are left out, so the rest of the plan can
still be scheduled and its timeline checked in the same run.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from operator import attrgetter

from ..calendars import CalendarError, WorkCalendar
from ..links import FS, Edge, ReadinessLink
from ..model import Plan
from ..plan_index import PlanIndex
from ..progress import Actual, actuals, status_index
from .order import topological_order


@dataclass
class Network:
    ids: list[str]
    index: dict[str, int]
    dur: list[int]
    cal: list[WorkCalendar]
    #: preds[b] = [(a, type, lag, source)], source: see `hsso_plan.links.EdgeSource`
    preds: list[list[Edge]]
    succs: list[list[tuple[int, int, int]]]
    snet: list[int | None]
    fixed: list[int | None]
    deadline: list[int | None]  # latest allowed start index implied by the deadline
    uses: list[list[tuple[int, int]]]
    priority: list[int]
    resources: list[str] = field(default_factory=list)
    capacity: list[int] = field(default_factory=list)
    order: list[int] = field(default_factory=list)
    #: The plan's calendars by id (None: the project's default).
    calendars: dict[str | None, WorkCalendar] = field(default_factory=dict)
    #: Strongly connected groups that form cycles (task indices, in a loop order).
    cycles: list[list[int]] = field(default_factory=list)
    #: Progress (contract section 4): tasks done or under way, pinned at their actual start
    #: (``fixed``) with ``dur`` = their end - their start, and their dependencies removed.
    actual: dict[int, Actual] = field(default_factory=dict)
    #: With a status date: N per task, no task not started may start before it.
    floor: list[int] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    def held(self, t: int, s: int) -> tuple[int, int]:
        """The first working day and the number of days task ``t`` (at ``s``) holds its
        units: a task under way from the day after the status date, a done one never."""
        act = self.actual.get(t) if self.actual else None
        if act is None:
            return s, self.dur[t]
        return act.hold_from, act.hold_days


def make_calendars(plan: Plan) -> dict[str | None, WorkCalendar]:
    """One `WorkCalendar` per defined calendar, plus the default (key None).

    Calendars that cannot be built (no working days, unknown region) are left out; the
    checks report them, and tasks on them fall back to the project's default calendar.
    """
    from ..calendars import region_problem

    start = plan.project.start
    cals: dict[str | None, WorkCalendar] = {}
    for cid, spec in plan.calendar.items():
        region = spec.holidays if spec.holidays and region_problem(spec.holidays) is None \
            else None
        try:
            cals[cid] = WorkCalendar(start, spec.workdays, region, spec.days_off, spec.days_on,
                                     name=cid)
        except CalendarError:
            continue
    default_id = plan.project.calendar
    default = cals.get(default_id) if default_id is not None else None
    cals[None] = default if default is not None else WorkCalendar(start)
    return cals


def build_network(plan: Plan, cals: dict[str | None, WorkCalendar],
                  index: PlanIndex | None = None) -> Network:
    """Reduce ``plan`` to a `Network`, leaving out edges the checks reject (``index``: the
    plan's index built on ``cals``; made here when not given)."""
    if index is None or index.calendars is not cals:
        index = PlanIndex(plan, cals)
    ids = list(plan.task)
    specs = list(plan.task.values())
    pos = index.task_order
    n = len(ids)
    dur: list[int] = list(map(attrgetter("duration"), specs))
    priority: list[int] = list(map(attrgetter("priority"), specs))
    cal = index.task_calendars()
    preds = list(index.links.edges)  # (the lists are shared: one changed below is copied)
    d = plan.project.status_date
    # Progress overrides logic: the dependencies of a task done or under way are not
    # enforced, so its edges are left out before the successor lists are made.
    pinned = actuals(plan, cal, pos, index.progress_values, dur) if d is not None else {}
    for t in pinned:
        preds[t] = []
    succs: list[list[tuple[int, int, int]]] = [[] for _ in range(n)]
    for b, mine in enumerate(preds):
        for a, typ, lag, _ in mine:
            succs[a].append((b, typ, lag))
    snet: list[int | None] = [None] * n
    fixed: list[int | None] = [None] * n
    deadline: list[int | None] = [None] * n
    constrained = {pos[tid] for key in ("start_no_earlier_than", "start_on",
                                         "finish_no_later_than")
                   for tid, _ in index.tasks_with(key)}
    for b in sorted(constrained):
        task, c = specs[b], cal[b]
        if task.start_no_earlier_than is not None:
            snet[b] = c.rank_date(task.start_no_earlier_than)
        if task.start_on is not None:
            fixed[b] = c.rank_date(task.start_on)
        if task.finish_no_later_than is not None:
            # end(t) <= last(D) + 1 (contract section 2): a milestone reached at the start
            # of the working day after D meets D.
            last = c.index_of_last_on_or_before(task.finish_no_later_than)
            deadline[b] = last - dur[b] + 1
    res_ids = list(plan.resource)
    res_index = {r: i for i, r in enumerate(res_ids)}
    capacity = [r.max_capacity for r in plan.resource.values()]
    uses: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for b in [pos[tid] for tid, _ in index.tasks_with("uses")]:
        # Units above capacity are reported by the checks (E033); capped here so that
        # levelling can still place the task.
        uses[b] = [(res_index[r], min(u, capacity[res_index[r]]))
                   for r, u in specs[b].uses.items() if r in res_index and u]
    # A transfer waits for its readiness work: finish-to-start links from each readiness task
    # (or every task of a readiness workstream) to the transfer's milestone, marked as
    # readiness links: a fixed transfer date that they overrun is reported by the migration
    # checks (E084), not as an overrun fixed start (E041).
    seen_by: dict[int, set[tuple[int, int, int]]] = {}
    for trid in plan.transfer:
        on = index.transfer_milestone(trid)
        if on is None:
            continue
        b = pos[on]
        seen = seen_by.get(b)
        if seen is None:
            preds[b] = list(preds[b])
            seen = seen_by[b] = {(a, typ, lag) for a, typ, lag, _ in preds[b]}
        for item in index.readiness[trid]:
            a = pos[item.task]
            if a != b and (a, FS, 0) not in seen:
                seen.add((a, FS, 0))
                preds[b].append((a, FS, 0, ReadinessLink(trid, item.entry)))
                succs[a].append((b, FS, 0))
    net = Network(ids, pos, dur, cal, preds, succs, snet, fixed, deadline, uses, priority,
                  res_ids, capacity, calendars=cals)
    if d is not None:
        _apply_progress(plan, net, d, pinned)
    _order(net)
    return net


def _apply_progress(plan: Plan, net: Network, d: dt.date, pinned: dict[int, Actual]) -> None:
    """Pin the tasks done or under way (``pinned``: their `actuals`, whose dependency edges
    `build_network` left out) at their actuals, and set every task's floor N (``d``: the
    status date)."""
    floor: list[int] = []
    last: WorkCalendar | None = None
    n = 0
    for c in net.cal:  # N of each task's calendar (found again only where it changes)
        if c is not last:
            last, n = c, status_index(c, d)
        floor.append(n)
    net.floor = floor
    net.actual = pinned
    specs = list(plan.task.values())
    preds, fixed, snet, dur, deadline = net.preds, net.fixed, net.snet, net.dur, net.deadline
    touched: set[int] = set()
    for t, act in pinned.items():
        floor[t] = fixed[t] = act.start
        snet[t] = None
        span = dur[t] = act.end - act.start
        if deadline[t] is not None:  # (set by build_network: the task has a deadline)
            fnlt = specs[t].finish_no_later_than
            assert fnlt is not None
            last_day = net.cal[t].index_of_last_on_or_before(fnlt)
            deadline[t] = last_day - span + 1 if specs[t].duration else last_day
        if preds[t]:  # a transfer's readiness links into a pinned milestone
            touched.update([e[0] for e in preds[t]])
            preds[t] = []
    succs = net.succs
    for a in touched:
        succs[a] = [x for x in succs[a] if x[0] not in pinned]


def _order(net: Network) -> None:
    """Set ``net.order``; if there are cycles, record them and cut their edges."""
    order = topological_order([len(p) for p in net.preds], net.succs)
    if len(order) == len(net):
        net.order = order
        return
    import networkx as nx

    placed = set(order)
    g = nx.DiGraph()
    for b in range(len(net)):
        if b in placed:
            continue
        for a, _, _, _ in net.preds[b]:
            if a not in placed:
                g.add_edge(a, b)
    comps = [sorted(c) for c in nx.strongly_connected_components(g) if len(c) > 1]
    comps.sort()
    members: dict[int, int] = {}
    for ci, comp in enumerate(comps):
        # One loop through the component, starting at its first task in plan order.
        sub = g.subgraph(comp)
        edges = nx.find_cycle(sub, source=comp[0])
        net.cycles.append([u for u, _ in edges])
        for node in comp:
            members[node] = ci
    # Cut every edge inside a cyclic component, then order again.
    for b in range(len(net)):
        cb = members.get(b)
        if cb is None:
            continue
        net.preds[b] = [p for p in net.preds[b] if members.get(p[0]) != cb]
    for a in range(len(net)):
        ca = members.get(a)
        if ca is not None:
            net.succs[a] = [s for s in net.succs[a] if members.get(s[0]) != ca]
    net.order = topological_order([len(p) for p in net.preds], net.succs)
