"""Resource levelling of a plan: never more units in use than a resource has, on any day.

Two paths, one result type:

- **One calendar** (every task on the same calendar, the usual case): the plan becomes an
  integer-time RCPSP (`rcpsp.Problem`) and the heuristic in `rcpsp.solve` searches for a
  short schedule (priority rules, forward-backward improvement, a genetic search; a fixed
  budget of work, so the result is deterministic).
- **Several calendars**: one serial schedule-generation pass over dates, in priority order.

Either way, resource capacity is a profile: `capacity`, then `capacity_changes` from their
dates, and zero on days off of the resource's own `calendar`. Tasks with `start_on` are fixed
and placed first; tasks with priority 1000 are placed next, at their earliest dates (never
delayed to make room for others, as in MS Project).

Afterwards, each task that starts later than its dependencies allow gets the reason: which
resources were full, on which days, and which tasks held them (`Delay`).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..calendars import WorkCalendar
from ..links import FF, FS, SF, SS
from ..model import Resource
from .cpm import earliest_start, fixed_start
from .network import Network
from .rcpsp import LevellingError, Problem, makespan, sgs, solve

__all__ = ["Delay", "Levelled", "LevellingError", "level"]


@dataclass
class Delay:
    """Why a task starts later than its dependencies allow: resources were full."""

    earliest: int  # index the dependencies allowed
    resources: list[str] = field(default_factory=list)
    blockers: dict[str, list[int]] = field(default_factory=dict)
    conflict_ordinals: list[int] = field(default_factory=list)


@dataclass
class Levelled:
    start: list[int]
    driver: list[int]
    delays: dict[int, Delay]
    #: (resource index, ordinal, used) where fixed tasks alone exceed capacity.
    overloads: list[tuple[int, int, int]]
    method: str = "sgs"
    schedules: int = 1
    info: dict[str, object] = field(default_factory=dict)


class Capacity:
    """Units of each resource on a date: capacity, changes, and the resource's calendar."""

    def __init__(self, specs: Sequence[Resource], cals: Sequence[WorkCalendar | None]) -> None:
        self.specs = specs
        self.cals = cals
        self.changes = [sorted((c.start.toordinal(), c.capacity) for c in r.capacity_changes)
                        for r in specs]
        self._cache: dict[tuple[int, int], int] = {}
        self.constant = [not r.capacity_changes and c is None for r, c in zip(specs, cals,
                                                                            strict=True)]

    def at(self, r: int, ordinal: int) -> int:
        if self.constant[r]:
            return self.specs[r].capacity
        k = (r, ordinal)
        v = self._cache.get(k)
        if v is None:
            cal = self.cals[r]
            if cal is not None and not cal.is_working(ordinal):
                v = 0
            else:
                v = self.specs[r].capacity
                for o, c in self.changes[r]:
                    if o <= ordinal:
                        v = c
            self._cache[k] = v
        return v


def _delta(net: Network, a: int, typ: int, lag: int, b: int) -> int:
    da, db = net.dur[a], net.dur[b]
    if typ == FS:
        return da + lag
    if typ == SS:
        return lag
    if typ == FF:
        return da + lag - db
    assert typ == SF
    return lag - db


def _problem(net: Network, cap: Capacity, cal: WorkCalendar) -> Problem:
    n = len(net)
    preds = [[(a, _delta(net, a, typ, lag, b)) for a, typ, lag, _ in net.preds[b]]
             for b in range(n)]
    nres = len(net.resources)
    capacity: list[list[int]] = [[] for _ in range(nres)]
    tail = [spec.capacity for spec in cap.specs]
    fn: Callable[[int, int], int] | None = None
    if not all(cap.constant):
        def fn(r: int, t: int) -> int:
            return cap.at(r, cal.ordinal(t))
    release = [max(0, s) if s is not None else 0 for s in net.snet]
    prio = list(net.priority)
    dur, req = list(net.dur), [list(u) for u in net.uses]
    fixed = [fixed_start(net, t)[0] if f is not None else None for t, f in enumerate(net.fixed)]
    if net.floor is not None:
        _progress_problem(net, preds, release, dur, req, fixed)
    return Problem(dur, preds, req, capacity, tail, release, fixed, prio, capacity_fn=fn)


def _progress_problem(net: Network, preds: list[list[tuple[int, int]]], release: list[int],
                      dur: list[int], req: list[list[tuple[int, int]]],
                      fixed: list[int | None]) -> None:
    """Levelling moves only tasks not started: those start on or after N, and a dependency on
    a task done or under way becomes a release; a task under way holds its units on
    N .. N+r-1 (fixed there), a done one holds nothing."""
    act = net.actual
    floor = net.floor
    assert floor is not None
    for b in range(len(net)):
        if b in act:
            continue
        rel = max(release[b], floor[b])
        keep = []
        for a, delta in preds[b]:
            if a in act:
                rel = max(rel, act[a].start + delta)
            else:
                keep.append((a, delta))
        preds[b], release[b] = keep, rel
    for t, x in act.items():
        dur[t], fixed[t] = x.hold_days, x.hold_from
        if not x.hold_days:
            req[t] = []


def level(net: Network, key: Sequence[tuple[int, ...]], cap: Capacity,
          effort: int | None = None, solver: str = "heuristic",
          time_limit: float = 10.0, stable: bool = False) -> Levelled:
    """Level ``net``; ``key`` orders tasks for the date-based path (smaller first).

    ``stable=True`` (a baseline is given; ``key`` holds its order): one serial pass in
    ``key`` order on every path, with no search, so each resource keeps the baseline's
    order unless capacity or logic forces a change.

    ``solver="cp-sat"`` improves the heuristic's schedule with OR-Tools CP-SAT (one calendar
    only), for at most ``time_limit`` seconds.
    """
    n = len(net)
    single = n == 0 or all(c is net.cal[0] for c in net.cal)
    # Priority 1000 tasks are placed first, at their earliest: pinned like fixed ones.
    pinned = _pin_top_priority(net)
    method, schedules = "sgs", 1
    extra: dict[str, object] = {}
    if single and n:
        prob = _problem(net, cap, net.cal[0])
        for t, s in pinned.items():
            prob.fixed[t] = s
        if stable:
            start = sgs(prob, key)
            method = "baseline order"
        else:
            res = solve(prob, effort)
            start = res.start
            method, schedules = res.rule, res.schedules
        for t, x in net.actual.items():
            start[t] = x.start
        if solver == "cp-sat" and not stable:
            from .cpsat import solve as cpsat_solve

            c = cpsat_solve(prob, start, time_limit)
            if c.makespan <= makespan(prob, start):
                start = c.start
                for t, x in net.actual.items():
                    start[t] = x.start
            method = "cp-sat"
            extra = {"optimal": c.optimal, "lower_bound": c.lower_bound, "status": c.status}
    else:
        start = _serial_dates(net, key, cap, pinned)
        extra = {"note": "several calendars: one serial pass"} if solver == "cp-sat" else {}
    driver = [-1] * n
    for t in range(n):
        est, drv = earliest_start(net, t, start)
        driver[t] = fixed_start(net, t)[1] if net.fixed[t] is not None else \
            (drv if start[t] <= est else -4)
    delays, overloads = _explain(net, start, cap)
    return Levelled(start, driver, delays, overloads, method, schedules, extra)


def _pin_top_priority(net: Network) -> dict[int, int]:
    """Earliest starts of priority-1000 tasks (with everything else ignored)."""
    if all(p < 1000 for p in net.priority):
        return {}
    start = [0] * len(net)
    for b in net.order:
        start[b] = fixed_start(net, b)[0] if net.fixed[b] is not None \
            else earliest_start(net, b, start)[0]
    return {t: start[t] for t in range(len(net)) if net.priority[t] >= 1000
            and net.fixed[t] is None}


def _serial_dates(net: Network, key: Sequence[tuple[int, ...]], cap: Capacity,
                  pinned: dict[int, int]) -> list[int]:
    """One serial SGS pass over dates (tasks on several calendars)."""
    n = len(net)
    start = [0] * n
    placed = [False] * n
    usage: list[dict[int, int]] = [{} for _ in net.resources]

    def reserve(t: int, s: int) -> None:
        first, days = net.held(t, s)
        for j in range(days):
            o = net.cal[t].ordinal(first + j)
            for r, u in net.uses[t]:
                usage[r][o] = usage[r].get(o, 0) + u

    for t in range(n):
        f = fixed_start(net, t)[0] if net.fixed[t] is not None else pinned.get(t)
        if f is not None:
            start[t], placed[t] = f, True
            reserve(t, start[t])
    waiting = [sum(1 for a, *_ in net.preds[t] if not placed[a]) if not placed[t] else 0
               for t in range(n)]
    heap = [((-net.priority[t], *key[t]), t) for t in range(n)
            if not placed[t] and not waiting[t]]
    heapq.heapify(heap)

    def release(a: int) -> None:
        for b, _, _ in net.succs[a]:
            if not placed[b]:
                waiting[b] -= 1
                if not waiting[b]:
                    heapq.heappush(heap, ((-net.priority[b], *key[b]), b))

    for t in range(n):
        if placed[t]:
            release(t)
    limit = 200_000
    while heap:
        _, t = heapq.heappop(heap)
        s, _ = earliest_start(net, t, start)
        if net.uses[t] and net.dur[t]:
            cal, first = net.cal[t], s
            while True:
                clash = -1
                for j in range(net.dur[t] - 1, -1, -1):
                    o = cal.ordinal(s + j)
                    if any(usage[r].get(o, 0) + u > cap.at(r, o) for r, u in net.uses[t]):
                        clash = j
                        break
                if clash < 0:
                    break
                s += clash + 1
                if s - first > limit:
                    r0 = net.uses[t][0][0]
                    raise LevellingError(t, r0, s)
        start[t], placed[t] = s, True
        reserve(t, s)
        release(t)
    return start


def _explain(net: Network, start: list[int],
             cap: Capacity) -> tuple[dict[int, Delay], list[tuple[int, int, int]]]:
    """Per delayed task, the full resources; and days where fixed tasks alone overload."""
    nres = len(net.resources)
    usage: list[dict[int, int]] = [{} for _ in range(nres)]
    holders: list[dict[int, list[int]]] = [{} for _ in range(nres)]
    fixed_use: list[dict[int, int]] = [{} for _ in range(nres)]
    for t in range(len(net)):
        first, days = net.held(t, start[t])
        for j in range(days):
            o = net.cal[t].ordinal(first + j)
            for r, u in net.uses[t]:
                usage[r][o] = usage[r].get(o, 0) + u
                holders[r].setdefault(o, []).append(t)
                if net.fixed[t] is not None:
                    fixed_use[r][o] = fixed_use[r].get(o, 0) + u
    overloads = [(r, o, used) for r in range(nres) for o, used in sorted(fixed_use[r].items())
                 if used > cap.at(r, o)]
    delays: dict[int, Delay] = {}
    for t in range(len(net)):
        if not net.uses[t] or not net.dur[t] or net.fixed[t] is not None:
            continue
        est, _ = earliest_start(net, t, start)
        if start[t] <= est:
            continue
        d = Delay(earliest=est)
        cal = net.cal[t]
        # Every candidate start before the chosen one clashed somewhere: collect where.
        for s in range(est, start[t]):
            for j in range(net.dur[t]):
                o = cal.ordinal(s + j)
                if o in d.conflict_ordinals:
                    continue
                for r, u in net.uses[t]:
                    mine = u if start[t] <= s + j < start[t] + net.dur[t] else 0
                    if usage[r].get(o, 0) - mine + u > cap.at(r, o):
                        name = net.resources[r]
                        if name not in d.resources:
                            d.resources.append(name)
                        if o not in d.conflict_ordinals:
                            d.conflict_ordinals.append(o)
                        bl = d.blockers.setdefault(name, [])
                        bl.extend(x for x in holders[r].get(o, []) if x != t and x not in bl)
            if len(d.conflict_ordinals) >= 60:
                break
        d.conflict_ordinals.sort()
        delays[t] = d
    return delays, overloads


def capacity_model(specs: Sequence[Resource],
                   cals: dict[str | None, WorkCalendar]) -> Capacity:
    """The `Capacity` of the resources ``specs`` (calendars resolved through ``cals``)."""
    return Capacity(specs, [cals.get(s.calendar) if s.calendar else None for s in specs])

