"""The migration's points in time, resolved on the schedule: pure, computed once.

Every milestone-or-date of the plan (organisation lifetimes, transfer days, consumer and
provider windows) becomes a date here; the view builder and the migration checks read the
result and never resolve again. Half-open intervals throughout: an organisation exists on
[created, dissolved); a provider serves on [from, until); a transfer on day D means the
receiving side holds everything from D.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise
from operator import attrgetter
from typing import NamedTuple

from ..calendars import WorkCalendar
from ..diagnostics import KeyPath
from ..model import Plan
from ..plan_index import PlanIndex
from ..schedule import Schedule, ScheduledTask, last_work_index

Span = tuple[dt.date | None, dt.date | None]


@dataclass
class Window:
    """An organisation's part in a service over [start, until) (None: open)."""

    org: str
    start: dt.date | None
    until: dt.date | None
    path: KeyPath
    to: tuple[str, ...] | None = None


class ConsumerSpan(NamedTuple):
    """A consumer's need of a service over [lo, hi) (both dates), and who may serve it."""

    service: str
    consumer: Window
    lo: dt.date
    hi: dt.date
    serving: tuple[Window, ...]


class Segment(NamedTuple):
    """Working days [a, b) of a consumer span (project calendar) with the same providers."""

    a: int
    b: int
    active: tuple[Window, ...]


class ReadinessDone(NamedTuple):
    """A readiness task of a transfer: the `readiness` entry naming it, its scheduled finish
    and the day its work is done by (a milestone's: the working day before it)."""

    entry: int
    task: str
    finish: dt.date
    done: dt.date


@dataclass(frozen=True)
class Resolved:
    """The migration on the schedule's timeline (see the module docstring)."""

    plan: Plan
    index: PlanIndex
    calendar: WorkCalendar  # the project's
    tasks: dict[str, ScheduledTask]
    plan_end: dt.date  # the day after the schedule's finish
    life: dict[str, Span]  # organisation -> (created, dissolved)
    transfer_day: dict[str, dt.date | None]
    readiness: dict[str, list[ReadinessDone]]
    providers: dict[str, list[Window]]  # with transfers applied
    consumers: dict[str, list[Window]]  # with transfers applied
    spans: list[ConsumerSpan]
    #: Staff group -> the transfers that move it, with where each names it.
    moves: dict[str, list[tuple[str, KeyPath]]]

    def exists(self, oid: str, day: dt.date) -> tuple[bool, str]:
        """Whether organisation ``oid`` exists on ``day``; if not, why, as a clause."""
        created, dissolved = self.life.get(oid, (None, None))
        if created is not None and day < created:
            return False, f"'{oid}' exists only from {created.isoformat()}"
        if dissolved is not None and day >= dissolved:
            return False, f"'{oid}' is dissolved on {dissolved.isoformat()}"
        return True, ""

    def working_days(self, start: dt.date, until: dt.date) -> int:
        """Working days in [start, until) on the project calendar."""
        return self.calendar.rank_date(until) - self.calendar.rank_date(start)

    def segments(self, span: ConsumerSpan) -> list[Segment]:
        """The span cut where its set of active providers changes."""
        cal, lo, hi = self.calendar, span.lo, span.hi
        i0, i1 = cal.rank_date(lo), cal.rank_date(hi)
        if i0 >= i1:
            return []
        spans = [(cal.rank_date(max(p.start or lo, lo)), cal.rank_date(min(p.until or hi, hi)),
                  p) for p in span.serving]
        cuts = sorted({i0, i1, *(x for s, u, _ in spans for x in (s, u) if i0 <= x <= i1)})
        return [Segment(a, b, tuple(p for s, u, p in spans if s <= a and b <= u and s < u))
                for a, b in pairwise(cuts)]


def resolve(plan: Plan, sched: Schedule, cal: WorkCalendar, index: PlanIndex) -> Resolved:
    """Resolve every point in time of the migration on ``sched`` (``cal``: the project's)."""
    tasks = dict(zip(map(attrgetter("id"), sched.tasks), sched.tasks, strict=True))

    def when(w: dt.date | str | None) -> dt.date | None:
        """A date, or a milestone's scheduled date; None when open or unresolvable."""
        if w is None or isinstance(w, dt.date):
            return w
        t = tasks.get(w)
        return t.start if t is not None else None

    life = {oid: (when(o.created), when(o.dissolved)) for oid, o in plan.org.items()}
    tday = {tid: when(tr.on) for tid, tr in plan.transfer.items()}
    readiness = {tid: [_done(tasks[it.task], it.entry, cal) for it in index.readiness[tid]]
                 for tid in plan.transfer}
    consumers: dict[str, list[Window]] = {}
    providers: dict[str, list[Window]] = {}
    for sid, svc in plan.service.items():
        consumers[sid] = [Window(c.org, when(c.start), when(c.until),
                                 ("service", sid, "consumers", k))
                          for k, c in enumerate(svc.consumer_entries())]
        providers[sid] = [Window(p.org, when(p.start), when(p.until),
                                 ("service", sid, "providers", k),
                                 tuple(p.to) if p.to is not None else None)
                          for k, p in enumerate(svc.providers)]
    _apply_transfers(plan, tday, consumers, providers)
    plan_end = sched.finish + dt.timedelta(days=1)
    spans = []
    for sid, cons in consumers.items():
        for c in cons:
            created, dissolved = life.get(c.org, (None, None))
            lo = max(x for x in (c.start, created, plan.project.start) if x is not None)
            hi = min(x for x in (c.until, dissolved, plan_end) if x is not None)
            if lo < hi:
                serving = tuple(p for p in providers[sid] if p.to is None or c.org in p.to)
                spans.append(ConsumerSpan(sid, c, lo, hi, serving))
    return Resolved(plan, index, cal, tasks, plan_end, life, tday, readiness, providers,
                    consumers, spans, _moves(plan))


def _done(t: ScheduledTask, entry: int, cal: WorkCalendar) -> ReadinessDone:
    done = t.finish if t.duration else cal.date(last_work_index(cal.rank_date(t.start), 0))
    return ReadinessDone(entry, t.id, t.finish, done)


def _apply_transfers(plan: Plan, tday: dict[str, dt.date | None],
                     consumers: dict[str, list[Window]],
                     providers: dict[str, list[Window]]) -> None:
    """A transfer on day D ends the source's open windows at D and opens the target's."""
    for tid, tr in plan.transfer.items():
        day = tday[tid]
        if day is None:
            continue
        for key, side in (("consumes", consumers), ("services", providers)):
            for k, sid in enumerate(getattr(tr, key)):
                if sid not in side:
                    continue
                ws = side[sid]
                moved = [w for w in ws if w.org == tr.start and w.until is None]
                for w in moved:
                    w.until = day
                if not any(w.org == tr.to and w.start == day for w in ws):
                    to = moved[0].to if moved else None
                    ws.append(Window(tr.to, day, None, ("transfer", tid, key, k), to))


def _moves(plan: Plan) -> dict[str, list[tuple[str, KeyPath]]]:
    moves: dict[str, list[tuple[str, KeyPath]]] = {g: [] for g in plan.staff}
    for tid, tr in plan.transfer.items():
        for k, gname in enumerate(tr.staff):
            if gname in moves:
                moves[gname].append((tid, ("transfer", tid, "staff", k)))
    for gid, g in plan.staff.items():
        if g.transfer is not None and g.transfer in plan.transfer and \
                all(t != g.transfer for t, _ in moves[gid]):
            moves[gid].append((g.transfer, ("staff", gid, "transfer")))
    return moves
