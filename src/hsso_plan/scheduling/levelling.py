"""Resource levelling: a serial schedule-generation scheme (SGS).

Tasks are placed one at a time. A task becomes eligible when all its predecessors are
placed; among eligible tasks the next one is chosen by a priority key, and it is placed at
the earliest day that satisfies its dependencies and keeps every resource within capacity on
every working day it occupies. Because every dependency is a minimum distance from a
predecessor, placing a task never invalidates one placed before it.

Tie-break rules (documented, deterministic): higher `priority` first, then smaller latest
start from the unlevelled critical-path pass (the more critical task), then plan order.

Tasks with `start_on` are placed first, on their fixed dates, and the rest fit around them.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass, field

from .cpm import earliest_start
from .network import Network


@dataclass
class Delay:
    """Why a task starts later than its dependencies allow: resources were full."""

    earliest: int  # index the dependencies allowed
    resources: list[str] = field(default_factory=list)
    #: (resource, ordinal) -> tasks holding it that day, for the first conflicting days.
    blockers: dict[str, list[int]] = field(default_factory=dict)
    conflict_ordinals: list[int] = field(default_factory=list)


@dataclass
class Levelled:
    start: list[int]
    driver: list[int]
    delays: dict[int, Delay]
    #: (resource index, ordinal, used) where fixed tasks alone exceed capacity.
    overloads: list[tuple[int, int, int]]


def level(net: Network, key: Sequence[tuple[int, ...]]) -> Levelled:
    """Serial SGS in priority order ``key`` (smaller first) -> levelled starts."""
    n = len(net)
    start = [0] * n
    driver = [-1] * n
    placed = [False] * n
    nres = len(net.resources)
    usage: list[dict[int, int]] = [{} for _ in range(nres)]
    holders: list[dict[int, list[int]]] = [{} for _ in range(nres)]
    overloads: list[tuple[int, int, int]] = []
    delays: dict[int, Delay] = {}

    def reserve(t: int, s: int) -> None:
        cal = net.cal[t]
        for j in range(net.dur[t]):
            o = cal.ordinal(s + j)
            for r, u in net.uses[t]:
                used = usage[r].get(o, 0) + u
                usage[r][o] = used
                holders[r].setdefault(o, []).append(t)
                if used > net.capacity[r] and net.fixed[t] is not None:
                    overloads.append((r, o, used))

    for t in range(n):
        f = net.fixed[t]
        if f is not None:
            start[t], driver[t], placed[t] = max(f, 0), -3, True
            reserve(t, start[t])

    remaining = [0] * n
    heap: list[tuple[tuple[int, ...], int]] = []
    for t in range(n):
        remaining[t] = sum(1 for a, *_ in net.preds[t] if not placed[a]) if not placed[t] else 0
    for t in range(n):
        if not placed[t] and remaining[t] == 0:
            heapq.heappush(heap, (key[t], t))

    def release(a: int) -> None:
        for b, _, _ in net.succs[a]:
            if not placed[b]:
                remaining[b] -= 1
                if remaining[b] == 0:
                    heapq.heappush(heap, (key[b], b))

    for t in range(n):
        if net.fixed[t] is not None:
            release(t)

    while heap:
        _, t = heapq.heappop(heap)
        est, drv = earliest_start(net, t, start)
        s = est
        conflicts: list[tuple[int, int]] = []
        if net.uses[t] and net.dur[t]:
            cal = net.cal[t]
            while True:
                clash = -1
                for j in range(net.dur[t]):
                    o = cal.ordinal(s + j)
                    for r, u in net.uses[t]:
                        if usage[r].get(o, 0) + u > net.capacity[r]:
                            clash = j
                            if len(conflicts) < 64:
                                conflicts.append((r, o))
                            break
                    if clash >= 0:
                        break
                if clash < 0:
                    break
                s += clash + 1
        start[t], placed[t] = s, True
        driver[t] = drv if s == est else -4
        if s > est:
            delays[t] = _delay(net, est, conflicts, holders)
        reserve(t, s)
        release(t)
    return Levelled(start, driver, delays, overloads)


def _delay(net: Network, est: int, conflicts: list[tuple[int, int]],
           holders: list[dict[int, list[int]]]) -> Delay:
    d = Delay(earliest=est)
    for r, o in conflicts:
        name = net.resources[r]
        if name not in d.resources:
            d.resources.append(name)
        if o not in d.conflict_ordinals:
            d.conflict_ordinals.append(o)
        bl = d.blockers.setdefault(name, [])
        for t in holders[r].get(o, []):
            if t not in bl:
                bl.append(t)
    d.conflict_ordinals.sort()
    return d
