"""Critical path method over working-day calendars (core contract section 2).

Both passes are single loops over a topological order: linear in tasks plus dependencies,
never recursive.

Positions are working-day indices in each task's own calendar. A task with start ``s`` and
duration ``d`` ends at ``e = s + d`` (the index of the working day after its finish; a
milestone's end is its start). Where two tasks use different calendars, a dependency goes
through dates (contract section 2): the predecessor's end is the calendar day after its
finish date (a milestone's end is its date), its start is its start date, and the
successor's bound is the first working day of its own calendar on or after that date; the
lag then counts working days of the successor's calendar. The backward pass inverts exactly
that map. With a single calendar (the usual case) every move is the identity and
everything is integer arithmetic.
"""

from __future__ import annotations

from ..calendars import WorkCalendar
from ..links import FF, FS, SF, SS
from .network import Network


def fwd(src: WorkCalendar, dst: WorkCalendar, i: int) -> int:
    """Start position ``i`` of ``src`` as the first working day of ``dst`` on or after its
    date."""
    return i if src is dst else dst.rank(src.ordinal(i))


def fwd_end(src: WorkCalendar, dst: WorkCalendar, s: int, d: int) -> int:
    """The end of a task of ``src`` (start ``s``, duration ``d``) as a position of ``dst``:
    the first working day of ``dst`` on or after the calendar day after its finish date (a
    milestone: on or after its date)."""
    if src is dst:
        return s + d
    return dst.rank(src.ordinal(s + d - 1) + 1 if d else src.ordinal(s))


def bwd(src: WorkCalendar, dst: WorkCalendar, i: int) -> int:
    """The latest start of ``dst`` whose date maps (by `fwd`) to position ``i`` of ``src``
    or earlier: the last working day of ``dst`` on or before the date of ``i``."""
    return i if src is dst else dst.rank(src.ordinal(i) + 1) - 1


def bwd_end(src: WorkCalendar, dst: WorkCalendar, i: int, d: int) -> int:
    """The latest end of a task of ``dst`` with duration ``d`` whose `fwd_end` is position
    ``i`` of ``src`` or earlier."""
    if src is dst:
        return i
    if d:  # finish date + 1 <= date(i): the finish is on or before the day before it
        return dst.rank(src.ordinal(i))
    return dst.rank(src.ordinal(i) + 1) - 1


def end_ordinal(cal: WorkCalendar, s: int, d: int) -> int:
    """The date (ordinal) a task ends: the day after its finish date; a milestone's date."""
    return cal.ordinal(s + d - 1) + 1 if d else cal.ordinal(s)


#: Dependency types that count from the predecessor's end (the others: from its start), and
#: those that bound the successor's end (the others: its start).
_FROM_END, _ON_END = (FS, FF), (FF, SF)


def earliest_start(net: Network, b: int, start: list[int]) -> tuple[int, int]:
    """Earliest start of ``b`` allowed by its scheduled predecessors, its own
    no-earlier-than date and the status date, and what drives it (an index into
    ``preds[b]``; -1 = the project start, -2 = ``start_no_earlier_than``, -5 = the status
    date: nothing not started starts before the first working day after it)."""
    best, driver = 0, -1
    cal, dur = net.cal, net.dur
    cb = cal[b]
    db = dur[b]
    for k, (a, typ, lag, _) in enumerate(net.preds[b]):
        ca = cal[a]
        if typ in _FROM_END:
            v = start[a] + dur[a] if ca is cb else fwd_end(ca, cb, start[a], dur[a])
        else:  # SS, SF: from its start
            v = start[a] if ca is cb else fwd(ca, cb, start[a])
        v += lag
        if typ in _ON_END:
            v -= db
        if v > best:
            best, driver = v, k
    s = net.snet[b]
    if s is not None and s > best:
        best, driver = s, -2
    floor = net.floor
    if floor is not None and floor[b] > best:
        best, driver = floor[b], -5
    return best, driver


def link_bound(net: Network, a: int, typ: int, lag: int, b: int, start: list[int]) -> int:
    """The earliest start of ``b`` that its link ``(a, typ, lag)`` allows, with ``a`` at
    ``start[a]`` (one term of `earliest_start`, for code outside the passes)."""
    ca, cb, db = net.cal[a], net.cal[b], net.dur[b]
    if typ in (FS, FF):
        v = fwd_end(ca, cb, start[a], net.dur[a]) + lag
    else:
        v = fwd(ca, cb, start[a]) + lag
    return v - db if typ in (FF, SF) else v


def fixed_start(net: Network, b: int) -> tuple[int, int]:
    """Start and driver of a fixed task: its `start_on` date (-3), its actual start (-6),
    or, for a fixed date that has passed without the task starting, the status date (-5)."""
    f = net.fixed[b]
    assert f is not None
    if net.actual and b in net.actual:
        return f, -6
    floor = net.floor
    if floor is not None and floor[b] > f:
        return floor[b], -5
    return max(f, 0), -3


def forward(net: Network) -> tuple[list[int], list[int]]:
    """Earliest starts and drivers. A fixed (`start_on`) task keeps its date."""
    n = len(net)
    es = [0] * n
    driver = [-1] * n
    fixed = net.fixed
    for b in net.order:
        if fixed[b] is not None:
            es[b], driver[b] = fixed_start(net, b)
        else:
            es[b], driver[b] = earliest_start(net, b, es)
    return es, driver


def project_end_ordinal(net: Network, start: list[int]) -> int:
    """Date (ordinal) of the project's end: the largest `end_ordinal` of its tasks."""
    end = None
    for t in range(len(net)):
        o = end_ordinal(net.cal[t], start[t], net.dur[t])
        if end is None or o > end:
            end = o
    return end if end is not None else 0


def backward(net: Network, start: list[int]) -> list[int]:
    """Late starts, from the project's end (the largest end of ``start``), the deadlines and
    the fixed starts, honouring the four dependency types and lags backwards."""
    n = len(net)
    ls = [0] * n
    if not n:
        return ls
    single = all(c is net.cal[0] for c in net.cal)
    if single:
        end_idx = max(start[t] + net.dur[t] for t in range(n))
    else:
        end_ord = project_end_ordinal(net, start)
    cal, dur, succs, deadline, fixed = net.cal, net.dur, net.succs, net.deadline, net.fixed
    actual = net.actual
    for a in reversed(net.order):
        ca = cal[a]
        da = dur[a]
        # The project's end as a position of a's calendar: the first working day on or
        # after the largest end date (with one calendar: the largest s + d).
        bound = (end_idx if single else ca.rank(end_ord)) - da
        for b, typ, lag in succs[a]:
            cb = cal[b]
            if typ == FS:
                v = (ls[b] - lag if cb is ca else bwd_end(cb, ca, ls[b] - lag, da)) - da
            elif typ == SS:
                v = ls[b] - lag if cb is ca else bwd(cb, ca, ls[b] - lag)
            elif typ == FF:
                x = ls[b] + dur[b] - lag
                v = (x if cb is ca else bwd_end(cb, ca, x, da)) - da
            else:  # SF
                x = ls[b] + dur[b] - lag
                v = x if cb is ca else bwd(cb, ca, x)
            if v < bound:
                bound = v
        dl = deadline[a]
        if dl is not None and dl < bound:
            bound = dl
        f = fixed[a]
        if f is not None and f < bound and not (actual and a in actual):
            bound = f
        ls[a] = bound
    return ls


__all__ = ["FF", "FS", "SF", "SS", "backward", "bwd", "bwd_end", "earliest_start", "end_ordinal",
           "fixed_start", "forward", "fwd", "fwd_end", "link_bound"]
