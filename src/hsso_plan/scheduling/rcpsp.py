"""Resource levelling on integer time: the resource-constrained project scheduling problem.

Time is working-day indices of one calendar. Every dependency is a minimum distance between
starts, ``s[b] >= s[a] + delta`` (FS: ``d_a + lag``; SS: ``lag``; FF: ``d_a + lag - d_b``;
SF: ``lag - d_b``), every task has a release (no earlier than), some are fixed, and each
resource has a free-capacity profile over time (capacity changes and the resource's own
days off are in it).

The heuristic (deterministic: a seeded generator and a budget counted in schedules, never
in seconds):

1. **Serial schedule generation (SGS)**: take tasks one at a time, each at the earliest
   time its dependencies and the free capacity allow. Any order that respects the
   dependencies gives a feasible schedule.
2. **Priority rules**: orders from the latest finish (LFT), latest start (LST), most total
   successors (MTS) and greatest rank positional weight (GRPW) of the unlevelled schedule.
3. **Forward-backward improvement** (justification, Valls et al. 2005): shift every task as
   late as it goes in order of decreasing finish, then as early as it goes in order of
   increasing start. Neither pass can make the schedule longer; it often shortens it.
4. **Genetic search** (random keys): a population of 50 schedules (the best of steps 2-3
   and regret-biased random samples on the latest finish), then children by two-point
   crossover of two tournament winners' start times and a small random shift, each decoded
   by step 1 and improved by step 3, replacing the worst when better; until the budget is
   spent or the unlevelled critical path (a lower bound) is reached. The shortest schedule
   wins (ties: the first found).

The budget is counted in units of work (`WORK`), not seconds, so the same plan always gives
the same schedule.

User priority (0..1000) comes first in every order: among tasks that are ready, a higher
priority is always placed first.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .order import topological_order

#: Work done by `sgs` (checks of a task against a resource over its days), summed over
#: calls: the levelling search's budget is counted in it, so the search stops at the same
#: point on every machine (deterministic), whatever the machine's speed.
WORK = [0]


class LevellingError(ValueError):
    """A task can never be placed: a resource never again has the units it needs."""

    def __init__(self, task: int, resource: int, at: int) -> None:
        super().__init__(f"task {task} cannot be placed (resource {resource} from {at})")
        self.task, self.resource, self.at = task, resource, at


@dataclass
class Problem:
    """An RCPSP instance with generalised minimum distances, releases and fixed starts."""

    dur: list[int]
    preds: list[list[tuple[int, int]]]  # preds[b] = [(a, delta)]
    req: list[list[tuple[int, int]]]  # req[i] = [(resource, units)], units > 0
    capacity: list[list[int]]  # capacity[r][t] for t < len; beyond: capacity_tail[r]
    capacity_tail: list[int]
    release: list[int]
    fixed: list[int | None]
    priority: list[int]
    succs: list[list[tuple[int, int]]] = field(default_factory=list)
    #: Capacity of resource r at time t beyond the explicit rows (None: capacity_tail).
    capacity_fn: Callable[[int, int], int] | None = None

    def __post_init__(self) -> None:
        if not self.succs:
            self.succs = [[] for _ in self.dur]
            for b, ps in enumerate(self.preds):
                for a, delta in ps:
                    self.succs[a].append((b, delta))

    @property
    def n(self) -> int:
        return len(self.dur)

    def horizon(self) -> int:
        """An upper bound on the makespan of any serial SGS schedule."""
        pos = sum(max(0, delta - self.dur[a]) for ps in self.preds for a, delta in ps)
        fixed_end = max((f + self.dur[i] for i, f in enumerate(self.fixed) if f is not None),
                        default=0)
        h = max(self.release, default=0) + sum(self.dur) + pos + fixed_end + 1
        # Capacity that varies (a team's days off) can stretch any schedule: allow more.
        return h if self.capacity_fn is None else 4 * h + 400

    def cap(self, r: int, t: int) -> int:
        row = self.capacity[r]
        if t < len(row):
            return row[t]
        return self.capacity_fn(r, t) if self.capacity_fn is not None else self.capacity_tail[r]


def topological(p: Problem) -> list[int]:
    return topological_order([len(x) for x in p.preds], p.succs)


def earliest(p: Problem) -> list[int]:
    """Unlevelled earliest starts (fixed tasks at their dates)."""
    es = [0] * p.n
    for b in topological(p):
        f = p.fixed[b]
        if f is not None:
            es[b] = f
            continue
        t = p.release[b]
        for a, delta in p.preds[b]:
            v = es[a] + delta
            if v > t:
                t = v
        es[b] = t
    return es


def latest(p: Problem, es: list[int]) -> list[int]:
    """Unlevelled latest starts against the unlevelled end."""
    end = max((es[i] + p.dur[i] for i in range(p.n)), default=0)
    ls = [0] * p.n
    for a in reversed(topological(p)):
        t = end - p.dur[a]
        for b, delta in p.succs[a]:
            v = ls[b] - delta
            if v < t:
                t = v
        f = p.fixed[a]
        ls[a] = min(t, f) if f is not None else t
    return ls


class _Free:
    """Free capacity per resource and time, grown on demand."""

    def __init__(self, p: Problem, size: int) -> None:
        self.p = p
        self.rows = [self._row(r, size) for r in range(len(p.capacity_tail))]
        self.size = size

    def _row(self, r: int, size: int) -> list[int]:
        base = self.p.capacity[r][:size]
        if self.p.capacity_fn is None:
            return base + [self.p.capacity_tail[r]] * (size - len(base))
        return base + [self.p.cap(r, t) for t in range(len(base), size)]

    def grow(self, size: int) -> None:
        if size <= self.size:
            return
        size = max(size, 2 * self.size)
        for r, row in enumerate(self.rows):
            row.extend(self.p.cap(r, t) for t in range(len(row), size))
        self.size = size


def sgs(p: Problem, key: Sequence[tuple[float, ...]] | Sequence[float],
        limit: int | None = None) -> list[int]:
    """Serial SGS: ready tasks in ``key`` order (smaller first), each at its earliest
    feasible time. Fixed tasks are placed first, on their dates."""
    n = p.n
    dur, req, preds, succs, release = p.dur, p.req, p.preds, p.succs, p.release
    limit = limit if limit is not None else p.horizon()
    free = _Free(p, min(limit, 64 + sum(dur)))
    rows = free.rows
    start = [0] * n
    placed = [False] * n
    work = 3 * n + len(rows) * free.size // 4  # the heap, and building the capacity rows
    for i in range(n):
        f = p.fixed[i]
        if f is not None:
            start[i], placed[i] = f, True
            free.grow(f + dur[i] + 1)
            for r, u in req[i]:
                row = rows[r]
                for j in range(f, f + dur[i]):
                    row[j] -= u
    waiting = [sum(1 for a, _ in preds[i] if not placed[a]) for i in range(n)]
    prio = p.priority
    heap = [(-prio[i], key[i], i) for i in range(n) if not placed[i] and not waiting[i]]
    heapq.heapify(heap)
    for i in range(n):
        if placed[i]:
            for b, _ in succs[i]:
                if not placed[b]:
                    waiting[b] -= 1
                    if not waiting[b]:
                        heapq.heappush(heap, (-prio[b], key[b], b))
    while heap:
        i = heapq.heappop(heap)[2]
        t = release[i]
        for a, delta in preds[i]:
            v = start[a] + delta
            if v > t:
                t = v
        d = dur[i]
        if d and req[i]:
            ri = req[i]
            cost = d * len(ri)
            while True:
                work += cost
                if t + d > free.size:
                    if t + d > limit:
                        r0 = ri[0][0]
                        raise LevellingError(i, r0, t)
                    free.grow(t + d + 1)
                    rows = free.rows
                clash = -1
                for r, u in ri:
                    row = rows[r]
                    for j in range(t + d - 1, t - 1, -1):  # the last clash jumps furthest
                        if row[j] < u:
                            clash = j if j > clash else clash
                            break
                if clash < 0:
                    break
                t = clash + 1
            for r, u in ri:
                row = rows[r]
                for j in range(t, t + d):
                    row[j] -= u
        start[i] = t
        placed[i] = True
        work += 1 + len(preds[i])
        for b, _ in succs[i]:
            if not placed[b]:
                waiting[b] -= 1
                if not waiting[b]:
                    heapq.heappush(heap, (-prio[b], key[b], b))
    WORK[0] += work
    return start


def makespan(p: Problem, start: Sequence[int]) -> int:
    return max((start[i] + p.dur[i] for i in range(p.n)), default=0)


def _reverse(p: Problem, end: int) -> Problem:
    """The mirror problem: time runs backwards from ``end``."""
    n = p.n
    dur = p.dur
    preds: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for b in range(n):
        for a, delta in p.preds[b]:
            preds[a].append((b, delta + dur[b] - dur[a]))
    capacity = [[p.cap(r, end - 1 - x) for x in range(end)]
                for r in range(len(p.capacity_tail))]
    WORK[0] += 2 * n + sum(len(x) for x in preds) + len(capacity) * end // 2
    fixed = [end - f - dur[i] if f is not None else None for i, f in enumerate(p.fixed)]
    return Problem(dur, preds, p.req, capacity, [0] * len(p.capacity_tail), [0] * n, fixed,
                   p.priority)


def justify(p: Problem, start: list[int]) -> list[int]:
    """Forward-backward improvement: right-justify, then left-justify."""
    end = makespan(p, start)
    rev = _reverse(p, end)
    try:
        back = sgs(rev, [end - start[i] - p.dur[i] for i in range(p.n)], limit=end + 1)
    except LevellingError:
        return start
    moved = [end - back[i] - p.dur[i] for i in range(p.n)]
    if any(moved[i] < p.release[i] for i in range(p.n)):
        return start
    try:
        fwd = sgs(p, moved, limit=end + 1)
    except LevellingError:
        return start
    return fwd if makespan(p, fwd) <= end else start


@dataclass
class Result:
    start: list[int]
    makespan: int
    schedules: int
    rule: str


def _mts(p: Problem) -> list[int]:
    """Number of all (transitive) successors, by a reverse topological pass over bitsets."""
    reach = [0] * p.n
    for a in reversed(topological(p)):
        bits = 0
        for b, _ in p.succs[a]:
            bits |= reach[b] | (1 << b)
        reach[a] = bits
    return [bin(x).count("1") for x in reach]


#: Default search effort, in `WORK` units: about one to two seconds of search here on a
#: 120-task PSPLIB instance. Small plans stop earlier, at `MAX_SCHEDULES`.
DEFAULT_EFFORT = 8_000_000
MAX_SCHEDULES = 3000


class _Budget:
    def __init__(self, effort: int, max_schedules: int) -> None:
        self.base = WORK[0]
        self.effort = effort
        self.max_schedules = max_schedules
        self.schedules = 0

    @property
    def left(self) -> bool:
        return WORK[0] - self.base < self.effort and self.schedules < self.max_schedules


def solve(p: Problem, effort: int | None = None, seed: int = 1,
          max_schedules: int = MAX_SCHEDULES) -> Result:
    """The heuristic above, stopping after ``effort`` units of `WORK` (default
    `DEFAULT_EFFORT`) or ``max_schedules`` schedules, whichever comes first."""
    n = p.n
    budget = _Budget(DEFAULT_EFFORT if effort is None else effort, max_schedules)
    es = earliest(p)
    ls = latest(p, es)
    lf = [ls[i] + p.dur[i] for i in range(n)]
    mts = _mts(p) if n <= 20_000 else [len(p.succs[i]) for i in range(n)]
    grpw = [p.dur[i] + sum(p.dur[b] for b, _ in p.succs[i]) for i in range(n)]
    rules: list[tuple[str, list[tuple[float, ...]]]] = [
        ("LFT", [(lf[i], i) for i in range(n)]),
        ("LST", [(ls[i], i) for i in range(n)]),
        ("MTS", [(-mts[i], lf[i], i) for i in range(n)]),
        ("GRPW", [(-grpw[i], lf[i], i) for i in range(n)]),
    ]
    lb = max((es[i] + p.dur[i] for i in range(n)), default=0)
    best: Result | None = None
    for name, key in rules:
        if best is not None and (not budget.left or best.makespan <= lb):
            break
        s = sgs(p, key)
        budget.schedules += 1
        if budget.left:
            s = justify(p, s)
            budget.schedules += 2
        m = makespan(p, s)
        if best is None or m < best.makespan:
            best = Result(s, m, budget.schedules, name)
    assert best is not None
    if best.makespan > lb and n > 1 and budget.left:
        best = _evolve(p, best, budget, random.Random(seed), lf, lb)
    best.schedules = budget.schedules
    return best


def _evolve(p: Problem, best: Result, budget: _Budget, rng: random.Random,
            lf: list[int], lb: int) -> Result:
    """A steady-state genetic search over random keys (the start times of improved
    schedules), with two-point crossover, a small mutation, and every child justified.
    The first population mixes the best so far with regret-biased random samples."""
    n = p.n
    maxlf = max(lf, default=0)

    def keys_of(s: list[int]) -> list[float]:
        return [s[i] + 0.001 * rng.random() for i in range(n)]

    pop: list[tuple[int, list[float], list[int]]] = [(best.makespan, keys_of(best.start),
                                                      best.start)]
    size = 50  # population: smaller ones converge too early (measured on PSPLIB j30/j120)
    while len(pop) < size and budget.left:
        key = [-(maxlf - lf[i] + 1) ** 2 * rng.random() for i in range(n)]
        s = justify(p, sgs(p, key))
        budget.schedules += 3
        pop.append((makespan(p, s), keys_of(s), s))
    pop.sort(key=lambda x: x[0])
    while budget.left and pop[0][0] > lb and len(pop) > 1:
        a = min(rng.sample(range(len(pop)), 2))
        b = min(rng.sample(range(len(pop)), 2))
        ka, kb = pop[a][1], pop[b][1]
        c1, c2 = sorted(rng.sample(range(n + 1), 2))
        child = ka[:c1] + kb[c1:c2] + ka[c2:]
        for _ in range(max(1, n // 20)):  # shift about one key in twenty by up to 3 days
            i = rng.randrange(n)
            child[i] += rng.uniform(-3.0, 3.0)
        s = justify(p, sgs(p, child))
        budget.schedules += 3
        m = makespan(p, s)
        if m < pop[-1][0] and all(m != x[0] or s != x[2] for x in pop):
            pop[-1] = (m, keys_of(s), s)
            pop.sort(key=lambda x: x[0])
    m, _, s = pop[0]
    if m < best.makespan:
        return Result(s, m, budget.schedules, "genetic")
    return best
