"""The Monte Carlo passes: every run of the plan at once, one numpy row per task.

The forward and backward passes are those of `scheduling.cpm` (core contract section 2),
with each task's start and end held as arrays of shape (runs,). The only Python loop is
over tasks (and their links) in topological order; the runs are the vector dimension.

Several calendars: a position moves from one calendar to another through its date, as in
the deterministic passes. Each calendar gets an index -> ordinal table (``np.take``) and
the reverse lookup is ``np.searchsorted`` on the same table (first working day on or after
a date); with one calendar both are the identity and cost nothing.

Progress (contract section 4) comes in as `Pins` (`Pins.of`: the network's own progress):
a done task keeps its actual start and end; a task under way keeps its actual start and
runs its sampled remaining work from its release day; a task not started starts no earlier
than its release day, a fixed (``start_on``) one included, as in `scheduling.cpm`. Pinned
tasks do not enforce their own dependencies (progress overrides logic); done ones are never
critical.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from ..calendars import WorkCalendar
from ..links import FF, FS, SS
from ..progress import DONE
from ..scheduling.network import Network

IntArray = NDArray[np.int32]
Progress = Callable[[float], None]


@dataclass
class Pins:
    """Optional progress per task (plan order; None = not pinned). See the module doc."""

    start: list[int | None]  # actual start (done and under way)
    end: list[int | None]  # done: the end (the working day after the actual finish)
    release: list[int | None]  # under way: remaining work runs from here; else: floor
    #: Under way: the working days left after the status date (the mode of what is sampled).
    remaining: dict[int, int] = field(default_factory=dict)

    @classmethod
    def none(cls, n: int) -> Pins:
        return cls([None] * n, [None] * n, [None] * n)

    @classmethod
    def of(cls, net: Network) -> Pins | None:
        """The progress of ``net`` as pins (None without a status date): the one place the
        risk runs read progress, from the same facts as the deterministic passes
        (`Network.actual`, `Network.floor`; contract section 4)."""
        if net.floor is None:
            return None
        n = len(net)
        start: list[int | None] = [None] * n
        end: list[int | None] = [None] * n
        release: list[int | None] = list(net.floor)
        remaining: dict[int, int] = {}
        for t, act in net.actual.items():
            start[t] = act.start
            if act.status == DONE:
                end[t], release[t] = act.end, None
            else:  # under way: the remaining work runs from N (hold_from)
                release[t] = act.hold_from
                remaining[t] = act.remaining if act.remaining is not None else 0
        return cls(start, end, release, remaining)

    def done(self, t: int) -> bool:
        return self.end[t] is not None

    def work(self, dur: list[int]) -> list[int]:
        """Each task's work in a run at its most likely value: ``dur``, but the remaining
        work of a task under way."""
        return [self.remaining.get(t, d) for t, d in enumerate(dur)]


@dataclass
class Runs:
    """Every run's schedule: working-day indices in each task's calendar."""

    start: IntArray  # (tasks, runs)
    end: IntArray  # (tasks, runs): start + sampled duration (a milestone's end = start)
    critical: NDArray[np.int64]  # (tasks,): runs in which the task is critical
    tables: CalendarTables
    single: bool
    late_start: IntArray | None = None

    @property
    def runs(self) -> int:
        return int(self.start.shape[1])

    def finish(self, t: int) -> IntArray:
        """Finish index per run (a milestone's finish is its start)."""
        out: IntArray = np.maximum(self.end[t] - 1, self.start[t])
        return out


class TableOverflow(Exception):
    """A position fell outside the calendar tables; they are rebuilt larger."""


@dataclass
class CalendarTables:
    """Index <-> ordinal lookups for the calendars of a network, indices lo .. hi-1."""

    cals: list[WorkCalendar]
    lo: int
    hi: int
    ords: dict[int, NDArray[np.int64]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for c in self.cals:
            if id(c) not in self.ords:
                self.ords[id(c)] = np.array([c.ordinal(i) for i in range(self.lo, self.hi)],
                                            dtype=np.int64)

    def ordinal(self, c: WorkCalendar, idx: NDArray[np.int32]) -> NDArray[np.int64]:
        k = idx.astype(np.int64) - self.lo
        if k.size and (int(k.min()) < 0 or int(k.max()) >= self.hi - self.lo):
            raise TableOverflow
        out: NDArray[np.int64] = np.take(self.ords[id(c)], k)
        return out

    def rank(self, c: WorkCalendar, ordinal: NDArray[np.int64]) -> IntArray:
        """Index of the first working day of ``c`` on or after each ordinal."""
        tab = self.ords[id(c)]
        k = np.searchsorted(tab, ordinal, side="left")
        if k.size and (int(k.min()) == 0 or int(k.max()) >= len(tab)):
            raise TableOverflow
        out: IntArray = (k + self.lo).astype(np.int32)
        return out

    def end_date(self, c: WorkCalendar, start: IntArray, end: IntArray) -> NDArray[np.int64]:
        """A task's end as a date (contract section 2): the calendar day after its finish
        date; a milestone's end is its date."""
        out: NDArray[np.int64] = np.where(end > start, self.ordinal(c, end - 1) + 1,
                                          self.ordinal(c, start))
        return out

    def fwd(self, src: WorkCalendar, dst: WorkCalendar, i: IntArray) -> IntArray:
        """A start of ``src`` as the first working day of ``dst`` on or after its date."""
        return i if src is dst else self.rank(dst, self.ordinal(src, i))

    def bwd(self, src: WorkCalendar, dst: WorkCalendar, i: IntArray) -> IntArray:
        """The latest start in ``dst`` whose date is on or before that of ``i`` in ``src``."""
        if src is dst:
            return i
        out: IntArray = self.rank(dst, self.ordinal(src, i) + 1) - 1
        return out

    def bwd_end(self, src: WorkCalendar, dst: WorkCalendar, i: IntArray,
                milestone: NDArray[np.bool_]) -> IntArray:
        """The latest end in ``dst`` whose end date is on or before the date of ``i``."""
        if src is dst:
            return i
        o = self.ordinal(src, i)
        out: IntArray = np.where(milestone, self.rank(dst, o + 1) - 1, self.rank(dst, o))
        return out


def simulate(net: Network, dur: Sequence[IntArray | int], runs: int, pins: Pins | None = None,
             progress: Progress | None = None, span: int = 0) -> Runs:
    """Schedule every run; ``span``: a generous bound on any index (for the tables)."""
    default = net.calendars.get(None, net.cal[0] if len(net) else None)
    single = all(c is default for c in net.cal)
    hi = max(span, 64)
    while True:
        cals = [] if single else [*net.cal, *net.calendars.values()]
        tables = CalendarTables(cals, -hi, hi)
        try:
            return _simulate(net, dur, runs, pins or Pins.none(len(net)), progress, single,
                             tables)
        except TableOverflow:
            hi *= 4


def _simulate(net: Network, dur: Sequence[IntArray | int], runs: int, pins: Pins,
              progress: Progress | None, single: bool, tables: CalendarTables) -> Runs:
    n = len(net)
    cal = net.cal
    start = np.zeros((n, runs), dtype=np.int32)
    end = np.zeros((n, runs), dtype=np.int32)
    step = max(1, n // 50)
    pinned = [pins.start[t] is not None for t in range(n)]
    for done, b in enumerate(net.order):
        if progress is not None and done % step == 0:
            progress(0.5 * done / max(n, 1))
        d = dur[b]
        ps = pins.start[b]
        if ps is not None:
            start[b] = ps
            pe, rel = pins.end[b], pins.release[b]
            end[b] = pe if pe is not None else (rel if rel is not None else ps) + d
            continue
        f = net.fixed[b]
        if f is not None:  # a fixed date that passed unstarted moves to the floor (cpm)
            start[b] = max(f, 0, pins.release[b] or 0)
            end[b] = start[b] + d
            continue
        lb = max(net.snet[b] or 0, pins.release[b] or 0)
        s_best: IntArray | None = None  # bounds on the start
        e_best: IntArray | None = None  # bounds on the end (FF, SF)
        cb = cal[b]
        for a, typ, lag, _ in net.preds[b]:
            if single:
                v = (end[a] if typ in (FS, FF) else start[a]) + lag
            elif typ in (FS, FF):  # through the end date (contract section 2)
                v = tables.rank(cb, tables.end_date(cal[a], start[a], end[a])) + lag
            else:
                v = tables.fwd(cal[a], cb, start[a]) + lag
            if typ in (FS, SS):
                s_best = v if s_best is None else np.maximum(s_best, v)
            else:
                e_best = v if e_best is None else np.maximum(e_best, v)
        s: IntArray | int = lb
        if s_best is not None:
            s = np.maximum(s_best, lb)
        if e_best is not None:
            s = np.maximum(e_best - d, s)
        start[b] = s
        end[b] = start[b] + d
    done_mask = [pins.end[t] is not None for t in range(n)]
    late, crit = _backward(net, start, end, pinned, done_mask, progress, single, tables)
    return Runs(start, end, crit, tables, single, late)


def _backward(net: Network, start: IntArray, end: IntArray, pinned: list[bool],
              done_mask: list[bool], progress: Progress | None, single: bool,
              tables: CalendarTables) -> tuple[IntArray, NDArray[np.int64]]:
    """Late starts per run, and the number of runs in which each task is critical."""
    n, runs = start.shape
    late = np.zeros((n, runs), dtype=np.int32)
    crit = np.zeros(n, dtype=np.int64)
    if not n:
        return late, crit
    cal = net.cal
    if single:
        pend: IntArray = end.max(axis=0)
    else:
        pend_ord = np.max(np.stack([tables.end_date(cal[t], start[t], end[t])
                                    for t in range(n)]),
                          axis=0)
    step = max(1, n // 50)
    for done, a in enumerate(reversed(net.order)):
        if progress is not None and done % step == 0:
            progress(0.5 + 0.5 * done / n)
        if done_mask[a]:
            late[a] = start[a] + 1  # done: no float, never critical
            continue
        ca = cal[a]
        milestone = end[a] == start[a]
        le: IntArray = pend if single else np.where(
            milestone, tables.rank(ca, pend_ord + 1) - 1, tables.rank(ca, pend_ord))
        ls: IntArray | None = None
        for b, typ, lag in net.succs[a]:
            if pinned[b]:
                continue  # progress overrides logic: a started task waits for nothing
            cb = cal[b]
            src = late[b] - lag if typ in (FS, SS) else late[b] + (end[b] - start[b]) - lag
            if single:
                v = src
            elif typ in (FS, FF):
                v = tables.bwd_end(cb, ca, src, milestone)
            else:
                v = tables.bwd(cb, ca, src)
            if typ in (FS, FF):
                le = np.minimum(le, v)
            else:
                ls = v if ls is None else np.minimum(ls, v)
        dl = net.deadline[a]
        if dl is not None:  # net.deadline is a latest start for the plan's duration
            last = dl + net.dur[a] - 1 if net.dur[a] else dl  # last(D)
            le = np.minimum(le, np.where(milestone, last, last + 1))
        x = le - (end[a] - start[a])
        if ls is not None:
            x = np.minimum(x, ls)
        f = net.fixed[a]
        if f is not None and not pinned[a]:
            x = np.minimum(x, f)
        late[a] = x
        crit[a] = int(np.count_nonzero(late[a] <= start[a]))
    return late, crit

