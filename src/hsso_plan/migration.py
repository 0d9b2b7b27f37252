"""The migration model on the scheduled timeline: what a merger has to guarantee.

`analyse(plan, schedule)` resolves every point in time (a date, or a milestone's scheduled
date), then checks:

- service continuity (E060 gap, E061 unplanned overlap): every consumer has exactly one
  provider of each service it needs on every working day it needs it;
- providers exist while they provide (E062);
- staff conservation (E070 moved twice, E071 left behind in a dissolved organisation,
  E072 headcounts that do not add up, E073 a group that disagrees with its transfer);
- lifecycle (E080 moving into an organisation before it exists, E081 moving out after it is
  dissolved, E082 a dissolved organisation with no successor);
- mapping (E083 one organisation transferring to several, E084 a transfer before its
  readiness work is finished);
- capacity of the transition (E090 more transfers on a day or in a week than allowed).

It also builds the `Migration` view (organisations with their dates, transfers with their
headcount, the service-coverage timeline) that the JSON output and the reports show.
Half-open intervals throughout: an organisation exists on [created, dissolved); a provider
serves on [from, until); a transfer on day D means the receiving side holds everything from D.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from .calendars import WorkCalendar
from .diagnostics import Diagnostic, KeyPath
from .model import Plan
from .schedule import Schedule
from .scheduling.network import workstream_members


@dataclass(frozen=True)
class OrgView:
    id: str
    name: str
    name_fr: str | None
    kind: str
    start: dt.date | None  # None: existed before the plan
    end: dt.date | None  # None: still exists at the end of the plan (first day gone otherwise)
    merges_into: str | None


@dataclass(frozen=True)
class TransferView:
    id: str
    name: str | None
    source: str
    target: str
    date: dt.date | None
    headcount: int
    staff: tuple[str, ...]
    services: tuple[str, ...]
    consumes: tuple[str, ...]
    readiness_total: int
    readiness_late: tuple[str, ...]
    float_days: int | None  # working days between readiness finish and the transfer


@dataclass(frozen=True)
class Coverage:
    """One provider serving one consumer with one service over [start, until)."""

    service: str
    consumer: str
    provider: str
    start: dt.date
    until: dt.date | None


@dataclass
class Migration:
    orgs: list[OrgView] = field(default_factory=list)
    transfers: list[TransferView] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)
    workstreams: list[tuple[str, str, dt.date, dt.date, int]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.orgs or self.transfers or self.coverage)


@dataclass
class _Window:
    org: str
    start: dt.date | None
    until: dt.date | None
    path: KeyPath
    to: tuple[str, ...] | None = None


def analyse(plan: Plan, sched: Schedule, cal: WorkCalendar) -> tuple[Migration, list[Diagnostic]]:
    """Check the migration promises on the scheduled timeline; build the view."""
    a = _Analysis(plan, sched, cal)
    diags = list(a.run())
    return a.view, diags


class _Analysis:
    def __init__(self, plan: Plan, sched: Schedule, cal: WorkCalendar) -> None:
        self.plan = plan
        self.sched = sched
        self.cal = cal
        self.tasks = {t.id: t for t in sched.tasks}
        self.view = Migration()
        self.members = workstream_members(plan)

    # -- time ------------------------------------------------------------------------------
    def when(self, w: dt.date | str | None) -> dt.date | None:
        """A date, or a milestone's scheduled date; None when open or unresolvable."""
        if w is None or isinstance(w, dt.date):
            return w
        t = self.tasks.get(w)
        return t.start if t is not None else None

    def _days(self, start: dt.date, until: dt.date) -> int:
        """Working days in [start, until) on the project calendar."""
        return self.cal.rank_date(until) - self.cal.rank_date(start)

    # -- run -------------------------------------------------------------------------------
    def run(self) -> Iterator[Diagnostic]:
        plan = self.plan
        self.life = {oid: (self.when(o.created), self.when(o.dissolved))
                     for oid, o in plan.org.items()}
        self.view.orgs = [OrgView(oid, o.name, o.name_fr, o.kind, *self.life[oid],
                                  o.merges_into) for oid, o in plan.org.items()]
        self.tdate = {tid: self.when(tr.on) for tid, tr in plan.transfer.items()}
        yield from self._lifecycle()
        yield from self._transfers()
        yield from self._staff()
        yield from self._continuity()
        yield from self._capacity()
        self._workstreams()

    def _exists(self, oid: str, day: dt.date) -> tuple[bool, str]:
        created, dissolved = self.life.get(oid, (None, None))
        if created is not None and day < created:
            return False, f"'{oid}' exists only from {created.isoformat()}"
        if dissolved is not None and day >= dissolved:
            return False, f"'{oid}' is dissolved on {dissolved.isoformat()}"
        return True, ""

    def _lifecycle(self) -> Iterator[Diagnostic]:
        plan = self.plan
        outgoing: dict[str, list[str]] = {}
        for tid, tr in plan.transfer.items():
            outgoing.setdefault(tr.start, []).append(tid)
        for oid, o in plan.org.items():
            created, dissolved = self.life[oid]
            if created and dissolved and dissolved <= created:
                yield Diagnostic("E081", f"organisation '{oid}' is dissolved on "
                                 f"{dissolved.isoformat()}, not after it is created "
                                 f"({created.isoformat()})", path=("org", oid, "dissolved"))
            if dissolved is not None and o.merges_into is None and oid not in outgoing:
                yield Diagnostic(
                    "E082", f"organisation '{oid}' is dissolved on {dissolved.isoformat()} "
                    "but nothing succeeds it: no merges_into and no transfer out of it",
                    path=("org", oid, "dissolved"),
                    hint="set merges_into, or add a [transfer] from it")
            if dissolved is not None and o.merges_into in self.life:
                ok, why = self._exists(o.merges_into, dissolved)
                if not ok:
                    yield Diagnostic(
                        "E080", f"organisation '{oid}' merges into '{o.merges_into}' on "
                        f"{dissolved.isoformat()}, but {why}",
                        path=("org", oid, "merges_into"),
                        hint="create the successor before (or on) the merger date")

    def _transfers(self) -> Iterator[Diagnostic]:
        plan = self.plan
        dest: dict[str, tuple[str, str]] = {}
        for tid, tr in plan.transfer.items():
            day = self.tdate[tid]
            staff = [g for g in plan.staff
                     if g in tr.staff or plan.staff[g].transfer == tid]
            headcount = sum(plan.staff[g].headcount for g in staff)
            late: list[str] = []
            ready_finish: dt.date | None = None
            items = [(j, m) for j, r in enumerate(tr.readiness)
                     for m in ([r] if r in self.tasks else self.members.get(r, []))
                     if m != tr.on]
            for j, m in items:
                t = self.tasks.get(m)
                if t is None or day is None:
                    continue
                done = t.finish if t.duration else self.cal.date(self.cal.rank_date(t.start) - 1)
                ready_finish = done if ready_finish is None else max(ready_finish, done)
                if done >= day:
                    late.append(m)
                    yield Diagnostic(
                        "E084", f"transfer '{tid}' happens on {day.isoformat()}, before its "
                        f"readiness task '{m}' is finished ({t.finish.isoformat()})",
                        path=("transfer", tid, "readiness", j),
                        hint="finish the readiness work earlier or move the transfer")
            fl = None
            if day is not None and ready_finish is not None:
                fl = self._days(ready_finish, day) - 1
            self.view.transfers.append(TransferView(
                tid, tr.name, tr.start, tr.to, day, headcount, tuple(staff),
                tuple(tr.services), tuple(tr.consumes), len(items), tuple(late), fl))
            if day is None:
                continue
            for oid, role, key in ((tr.to, "into", "to"), (tr.start, "out of", "from")):
                ok, why = self._exists(oid, day if role == "into" else day - dt.timedelta(1))
                if not ok:
                    yield Diagnostic(
                        "E080" if role == "into" else "E081",
                        f"transfer '{tid}' on {day.isoformat()} moves staff and services "
                        f"{role} '{oid}', but {why}", path=("transfer", tid, key),
                        hint="move the transfer or the organisation's dates")
            if tr.start in dest and dest[tr.start][0] != tr.to:
                other_to, other = dest[tr.start]
                yield Diagnostic(
                    "E083", f"organisation '{tr.start}' is transferred to '{tr.to}' by "
                    f"'{tid}' and to '{other_to}' by '{other}'; each goes to exactly one",
                    path=("transfer", tid, "to"), hint="send every transfer out of it to one "
                    "successor")
            dest.setdefault(tr.start, (tr.to, tid))

    def _staff(self) -> Iterator[Diagnostic]:
        plan = self.plan
        moves: dict[str, list[tuple[str, KeyPath]]] = {g: [] for g in plan.staff}
        for tid, tr in plan.transfer.items():
            for k, gname in enumerate(tr.staff):
                if gname in moves:
                    moves[gname].append((tid, ("transfer", tid, "staff", k)))
        for gid, g in plan.staff.items():
            if g.transfer is not None and g.transfer in plan.transfer and \
                    all(t != g.transfer for t, _ in moves[gid]):
                moves[gid].append((g.transfer, ("staff", gid, "transfer")))
            distinct = sorted({t for t, _ in moves[gid]})
            if len(distinct) > 1:
                yield Diagnostic(
                    "E070", f"staff group '{gid}' moves more than once: in transfers "
                    + ", ".join(f"'{t}'" for t in distinct), path=moves[gid][-1][1],
                    hint="a staff group lands in exactly one new home; split the group")
            if not distinct:
                _, dissolved = self.life.get(g.start, (None, None))
                if dissolved is not None:
                    yield Diagnostic(
                        "E071", f"staff group '{gid}' ({g.headcount} staff) is never "
                        f"transferred and is left in '{g.start}', dissolved on "
                        f"{dissolved.isoformat()}", path=("staff", gid),
                        hint="list it in a transfer's staff, or set its transfer")
                continue
            tr = plan.transfer[distinct[0]]
            if (tr.start, tr.to) != (g.start, g.to):
                yield Diagnostic(
                    "E073", f"staff group '{gid}' goes from '{g.start}' to '{g.to}', but its "
                    f"transfer '{distinct[0]}' goes from '{tr.start}' to '{tr.to}'",
                    path=("staff", gid), hint="make the group's from/to match its transfer")
            day = self.tdate.get(distinct[0])
            if day is not None:
                ok, why = self._exists(g.to, day)
                if not ok:
                    yield Diagnostic("E080", f"staff group '{gid}' moves into '{g.to}' on "
                                     f"{day.isoformat()}, but {why}",
                                     path=("staff", gid, "to"))
        for oid, o in plan.org.items():
            if o.headcount is None:
                continue
            groups = [g for g in plan.staff.values() if g.start == oid]
            total = sum(g.headcount for g in groups)
            if groups and total != o.headcount:
                yield Diagnostic(
                    "E072", f"organisation '{oid}' has a headcount of {o.headcount}, but its "
                    f"staff groups add up to {total}", path=("org", oid, "headcount"),
                    hint="every person belongs to exactly one staff group")

    # -- continuity ------------------------------------------------------------------------
    def _windows(self) -> dict[str, tuple[list[_Window], list[_Window]]]:
        """Consumers and providers of each service, with transfers applied."""
        plan = self.plan
        out: dict[str, tuple[list[_Window], list[_Window]]] = {}
        for sid, svc in plan.service.items():
            cons = [_Window(c.org, self.when(c.start), self.when(c.until),
                            ("service", sid, "consumers", k))
                    for k, c in enumerate(svc.consumer_entries())]
            provs = [_Window(p.org, self.when(p.start), self.when(p.until),
                             ("service", sid, "providers", k),
                             tuple(p.to) if p.to is not None else None)
                     for k, p in enumerate(svc.providers)]
            out[sid] = (cons, provs)
        for tid, tr in plan.transfer.items():
            day = self.tdate[tid]
            if day is None:
                continue
            for key, side in (("consumes", 0), ("services", 1)):
                for k, sid in enumerate(getattr(tr, key)):
                    if sid not in out:
                        continue
                    ws = out[sid][side]
                    moved = [w for w in ws if w.org == tr.start and w.until is None]
                    for w in moved:
                        w.until = day
                    if not any(w.org == tr.to and w.start == day for w in ws):
                        to = moved[0].to if moved else None
                        ws.append(_Window(tr.to, day, None, ("transfer", tid, key, k), to))
        return out

    def _continuity(self) -> Iterator[Diagnostic]:
        plan_start = self.plan.project.start
        plan_end = self.sched.finish + dt.timedelta(days=1)
        for sid, (cons, provs) in self._windows().items():
            svc = self.plan.service[sid]
            for p in provs:
                start = p.start or plan_start
                until = p.until or plan_end
                for day, edge in ((start, "from"), (until - dt.timedelta(1), "until")):
                    ok, why = self._exists(p.org, day)
                    if not ok and until > start:
                        yield Diagnostic(
                            "E062", f"'{p.org}' provides service '{sid}' on "
                            f"{day.isoformat()}, but {why}", path=p.path,
                            hint=f"end the provision when '{p.org}' is dissolved and hand "
                            "the service to its successor" if edge == "until" else
                            f"start the provision once '{p.org}' exists")
                        break
            for c in cons:
                created, dissolved = self.life.get(c.org, (None, None))
                lo = max(x for x in (c.start, created, plan_start) if x is not None)
                hi = min(x for x in (c.until, dissolved, plan_end) if x is not None)
                if lo >= hi:
                    continue
                serving = [p for p in provs if p.to is None or c.org in p.to]
                for p in serving:
                    s, u = max(p.start or lo, lo), min(p.until or hi, hi)
                    if s < u:
                        self.view.coverage.append(
                            Coverage(sid, c.org, p.org, s, None if u == plan_end else u))
                yield from self._sweep(sid, svc.parallel_run, c, lo, hi, serving)

    def _sweep(self, sid: str, parallel: int, c: _Window, lo: dt.date, hi: dt.date,
               provs: list[_Window]) -> Iterator[Diagnostic]:
        """Walk the consumer's window in working days; report gaps and overlaps."""
        cal = self.cal
        i0, i1 = cal.rank_date(lo), cal.rank_date(hi)
        if i0 >= i1:
            return
        spans = [(cal.rank_date(max(p.start or lo, lo)), cal.rank_date(min(p.until or hi, hi)),
                  p) for p in provs]
        cuts = sorted({i0, i1, *(x for s, u, _ in spans for x in (s, u) if i0 <= x <= i1)})
        for a, b in pairwise(cuts):
            active = [p for s, u, p in spans if s <= a and b <= u and s < u]
            first, last = cal.date(a), cal.date(b - 1)
            rng = f"on {first.isoformat()}" if a + 1 == b else \
                f"from {first.isoformat()} to {last.isoformat()} ({b - a} working days)"
            if not active:
                yield Diagnostic(
                    "E060", f"service '{sid}' has no provider for '{c.org}' {rng}",
                    path=c.path, hint="add a provider for that period, or start the next "
                    "provider when the previous one stops")
            elif len(active) > 1 and b - a > parallel:
                names = ", ".join(f"'{p.org}'" for p in active)
                allowed = f" (parallel_run allows {parallel})" if parallel else ""
                yield Diagnostic(
                    "E061", f"service '{sid}' has {len(active)} providers for '{c.org}' {rng}: "
                    f"{names}{allowed}", path=active[-1].path,
                    hint="end the old provider at the hand-over, or set the service's "
                    "parallel_run to the planned number of days")

    def _capacity(self) -> Iterator[Diagnostic]:
        lim = self.plan.transition
        by_day: dict[dt.date, list[str]] = {}
        for tid, day in self.tdate.items():
            if day is not None:
                by_day.setdefault(day, []).append(tid)
        by_week: dict[str, list[str]] = {}
        for day, ts in sorted(by_day.items()):
            y, w, _ = day.isocalendar()
            by_week.setdefault(f"week {w} of {y}", []).extend(ts)
        yield from _over(
            {f"on {d.isoformat()}": ts for d, ts in sorted(by_day.items())},
            lim.max_transfers_per_day, "a day", "max_transfers_per_day",
            "move a transfer to another day")
        yield from _over(by_week, lim.max_transfers_per_week, "a week",
                         "max_transfers_per_week", "spread the transfers over more weeks")

    def _workstreams(self) -> None:
        for wid, ws in self.plan.workstream.items():
            ts = [self.tasks[t] for t in self.members.get(wid, []) if t in self.tasks]
            if ts:
                self.view.workstreams.append((wid, ws.name, min(t.start for t in ts),
                                              max(t.finish for t in ts), len(ts)))


def _over(groups: dict[str, list[str]], limit: int | None, per: str, key: str,
          hint: str) -> Iterator[Diagnostic]:
    """E090 for each group of transfers larger than ``limit``."""
    if limit is None:
        return
    for when, ts in groups.items():
        if len(ts) > limit:
            yield Diagnostic("E090", f"{len(ts)} transfers {when} ({', '.join(ts)}); at most "
                             f"{limit} {per}", path=("transition", key), hint=hint)
