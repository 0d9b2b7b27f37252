"""Migration checks on the resolved timeline (see `hsso_plan.migration.resolve`):

- service continuity (E060 gap, E061 unplanned overlap) and providers that exist (E062);
- staff conservation (E070-E073);
- lifecycle (E080-E082) and mapping (E083 several successors, E084 readiness late);
- capacity of the transition (E090 more transfers on a day or in a week than allowed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..migration.resolve import Resolved
from ..migration.view import late_readiness
from .registry import Context, Stage, check

_DAY = dt.timedelta(days=1)


def _resolved(ctx: Context) -> Resolved:
    if ctx.resolved is None:
        raise ValueError("the migration checks need the resolved timeline")
    return ctx.resolved


@check("E081", "moves out of an organisation after it is dissolved", stage=Stage.MIGRATION)
def moves_out_after_dissolution(ctx: Context) -> Iterator[Diagnostic]:
    """A transfer moves staff or services out of an organisation after its `dissolved`
    date, or the organisation is dissolved before it is created."""
    r = _resolved(ctx)
    for oid in r.plan.org:
        created, dissolved = r.life[oid]
        if created and dissolved and dissolved <= created:
            yield Diagnostic("E081", f"organisation '{oid}' is dissolved on "
                             f"{dissolved.isoformat()}, not after it is created "
                             f"({created.isoformat()})", path=("org", oid, "dissolved"))
    for tid, tr in r.plan.transfer.items():
        day = r.transfer_day[tid]
        if day is not None:
            ok, why = r.exists(tr.start, day - _DAY)
            if not ok:
                yield Diagnostic("E081", f"transfer '{tid}' on {day.isoformat()} moves staff "
                                 f"and services out of '{tr.start}', but {why}",
                                 path=("transfer", tid, "from"),
                                 hint="move the transfer or the organisation's dates")


@check("E082", "dissolved organisation has no successor", stage=Stage.MIGRATION)
def no_successor(ctx: Context) -> Iterator[Diagnostic]:
    """An organisation is dissolved but has no `merges_into` and no transfer out of it, so
    its staff, services and obligations go nowhere."""
    r = _resolved(ctx)
    sources = {tr.start for tr in r.plan.transfer.values()}
    for oid, o in r.plan.org.items():
        dissolved = r.life[oid][1]
        if dissolved is not None and o.merges_into is None and oid not in sources:
            yield Diagnostic(
                "E082", f"organisation '{oid}' is dissolved on {dissolved.isoformat()} "
                "but nothing succeeds it: no merges_into and no transfer out of it",
                path=("org", oid, "dissolved"), hint="set merges_into, or add a [transfer] "
                "from it")


@check("E080", "moves into an organisation before it exists", stage=Stage.MIGRATION)
def moves_in_before_creation(ctx: Context) -> Iterator[Diagnostic]:
    """A transfer, a staff group or a merger moves into an organisation before its
    `created` date."""
    r = _resolved(ctx)
    plan = r.plan
    for oid, o in plan.org.items():
        dissolved = r.life[oid][1]
        if dissolved is not None and o.merges_into in r.life:
            ok, why = r.exists(o.merges_into, dissolved)
            if not ok:
                yield Diagnostic(
                    "E080", f"organisation '{oid}' merges into '{o.merges_into}' on "
                    f"{dissolved.isoformat()}, but {why}", path=("org", oid, "merges_into"),
                    hint="create the successor before (or on) the merger date")
    for tid, tr in plan.transfer.items():
        day = r.transfer_day[tid]
        if day is not None:
            ok, why = r.exists(tr.to, day)
            if not ok:
                yield Diagnostic("E080", f"transfer '{tid}' on {day.isoformat()} moves staff "
                                 f"and services into '{tr.to}', but {why}",
                                 path=("transfer", tid, "to"),
                                 hint="move the transfer or the organisation's dates")
    for gid, g in plan.staff.items():
        distinct = sorted({t for t, _ in r.moves[gid]})
        day = r.transfer_day.get(distinct[0]) if distinct else None
        if day is not None:
            ok, why = r.exists(g.to, day)
            if not ok:
                yield Diagnostic("E080", f"staff group '{gid}' moves into '{g.to}' on "
                                 f"{day.isoformat()}, but {why}", path=("staff", gid, "to"))


@check("E083", "organisation transferred to several successors", stage=Stage.MIGRATION)
def several_successors(ctx: Context) -> Iterator[Diagnostic]:
    """The transfers out of one organisation go to different organisations; each CCAC goes
    to exactly one LHIN."""
    r = _resolved(ctx)
    dest: dict[str, tuple[str, str]] = {}
    for tid, tr in r.plan.transfer.items():
        if r.transfer_day[tid] is None:
            continue
        if tr.start in dest and dest[tr.start][0] != tr.to:
            other_to, other = dest[tr.start]
            yield Diagnostic(
                "E083", f"organisation '{tr.start}' is transferred to '{tr.to}' by "
                f"'{tid}' and to '{other_to}' by '{other}'; each goes to exactly one",
                path=("transfer", tid, "to"), hint="send every transfer out of it to one "
                "successor")
        dest.setdefault(tr.start, (tr.to, tid))


@check("E084", "transfer before its readiness work", stage=Stage.MIGRATION)
def readiness_late(ctx: Context) -> Iterator[Diagnostic]:
    """A transfer's date comes before (or on the day of) the finish of one of its readiness
    tasks. A transfer that is not fixed waits for them automatically."""
    r = _resolved(ctx)
    for tid in r.plan.transfer:
        day = r.transfer_day[tid]
        if day is None:
            continue
        for x in late_readiness(r, tid):
            yield Diagnostic(
                "E084", f"transfer '{tid}' happens on {day.isoformat()}, "
                f"before its readiness task '{x.task}' is finished ({x.finish.isoformat()})",
                path=("transfer", tid, "readiness", x.entry),
                hint="finish the readiness work earlier or move the transfer")


@check("E070", "staff group moves more than once", stage=Stage.MIGRATION)
def moved_twice(ctx: Context) -> Iterator[Diagnostic]:
    """A staff group is in more than one transfer; each group lands in exactly one new
    home. Split the group if part of it goes elsewhere."""
    r = _resolved(ctx)
    for gid, moves in r.moves.items():
        distinct = sorted({t for t, _ in moves})
        if len(distinct) > 1:
            yield Diagnostic(
                "E070", f"staff group '{gid}' moves more than once: in transfers "
                + ", ".join(f"'{t}'" for t in distinct), path=moves[-1][1],
                hint="a staff group lands in exactly one new home; split the group")


@check("E071", "staff left in a dissolved organisation", stage=Stage.MIGRATION)
def left_behind(ctx: Context) -> Iterator[Diagnostic]:
    """A staff group of an organisation that is dissolved is in no transfer."""
    r = _resolved(ctx)
    for gid, g in r.plan.staff.items():
        dissolved = r.life.get(g.start, (None, None))[1]
        if not r.moves[gid] and dissolved is not None:
            yield Diagnostic(
                "E071", f"staff group '{gid}' ({g.headcount} staff) is never "
                f"transferred and is left in '{g.start}', dissolved on "
                f"{dissolved.isoformat()}", path=("staff", gid),
                hint="list it in a transfer's staff, or set its transfer")


@check("E072", "headcounts do not add up", stage=Stage.MIGRATION)
def headcounts(ctx: Context) -> Iterator[Diagnostic]:
    """An organisation's headcount differs from the sum of its staff groups."""
    plan = _resolved(ctx).plan
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


@check("E073", "staff group disagrees with its transfer", stage=Stage.MIGRATION)
def group_disagrees(ctx: Context) -> Iterator[Diagnostic]:
    """A staff group's from/to organisations differ from those of its transfer."""
    r = _resolved(ctx)
    for gid, g in r.plan.staff.items():
        distinct = sorted({t for t, _ in r.moves[gid]})
        if not distinct:
            continue
        tr = r.plan.transfer[distinct[0]]
        if (tr.start, tr.to) != (g.start, g.to):
            yield Diagnostic(
                "E073", f"staff group '{gid}' goes from '{g.start}' to '{g.to}', but its "
                f"transfer '{distinct[0]}' goes from '{tr.start}' to '{tr.to}'",
                path=("staff", gid), hint="make the group's from/to match its transfer")


@check("E062", "provider does not exist", stage=Stage.MIGRATION)
def provider_exists(ctx: Context) -> Iterator[Diagnostic]:
    """An organisation provides a service before it is created or after it is dissolved.
    End the provision at the dissolution and hand over to the successor."""
    r = _resolved(ctx)
    for sid, provs in r.providers.items():
        for p in provs:
            start, until = p.start or r.plan.project.start, p.until or r.plan_end
            for day, edge in ((start, "from"), (until - _DAY, "until")):
                ok, why = r.exists(p.org, day)
                if not ok and until > start:
                    yield Diagnostic(
                        "E062", f"'{p.org}' provides service '{sid}' on {day.isoformat()}, "
                        f"but {why}", path=p.path,
                        hint=f"end the provision when '{p.org}' is dissolved and hand "
                        "the service to its successor" if edge == "until" else
                        f"start the provision once '{p.org}' exists")
                    break


def _range(r: Resolved, a: int, b: int) -> str:
    first, last = r.calendar.date(a), r.calendar.date(b - 1)
    return f"on {first.isoformat()}" if a + 1 == b else \
        f"from {first.isoformat()} to {last.isoformat()} ({b - a} working days)"


@check("E060", "service gap", stage=Stage.MIGRATION)
def service_gaps(ctx: Context) -> Iterator[Diagnostic]:
    """A consumer needs the service on working days when no one provides it. The message
    gives the service, the consumer and the dates. Start the next provider when the
    previous one stops (at the same milestone)."""
    r = _resolved(ctx)
    for span in r.spans:
        for seg in r.segments(span):
            if not seg.active:
                yield Diagnostic(
                    "E060", f"service '{span.service}' has no provider for "
                    f"'{span.consumer.org}' {_range(r, seg.a, seg.b)}", path=span.consumer.path,
                    hint="add a provider for that period, or start the next provider when "
                    "the previous one stops")


@check("E061", "unplanned double-running", stage=Stage.MIGRATION)
def double_running(ctx: Context) -> Iterator[Diagnostic]:
    """Two or more providers serve the same consumer with the same service on the same
    working days, longer than the service's `parallel_run` allows."""
    r = _resolved(ctx)
    for span in r.spans:
        parallel = r.plan.service[span.service].parallel_run
        for seg in r.segments(span):
            if len(seg.active) > 1 and seg.b - seg.a > parallel:
                names = ", ".join(f"'{p.org}'" for p in seg.active)
                allowed = f" (parallel_run allows {parallel})" if parallel else ""
                yield Diagnostic(
                    "E061", f"service '{span.service}' has {len(seg.active)} providers for "
                    f"'{span.consumer.org}' {_range(r, seg.a, seg.b)}: {names}{allowed}",
                    path=seg.active[-1].path,
                    hint="end the old provider at the hand-over, or set the service's "
                    "parallel_run to the planned number of days")


@check("E090", "too many transfers at once", stage=Stage.MIGRATION)
def transfers_at_once(ctx: Context) -> Iterator[Diagnostic]:
    """More transfers fall on one day (or in one ISO week) than [transition] allows."""
    r = _resolved(ctx)
    lim = r.plan.transition
    by_day: dict[dt.date, list[str]] = {}
    for tid, day in r.transfer_day.items():
        if day is not None:
            by_day.setdefault(day, []).append(tid)
    by_week: dict[str, list[str]] = {}
    for day, ts in sorted(by_day.items()):
        y, w, _ = day.isocalendar()
        by_week.setdefault(f"week {w} of {y}", []).extend(ts)
    days = {f"on {d.isoformat()}": ts for d, ts in sorted(by_day.items())}
    for groups, limit, per, key, hint in (
            (days, lim.max_transfers_per_day, "a day", "max_transfers_per_day",
             "move a transfer to another day"),
            (by_week, lim.max_transfers_per_week, "a week", "max_transfers_per_week",
             "spread the transfers over more weeks")):
        for when, ts in groups.items():
            if limit is not None and len(ts) > limit:
                yield Diagnostic("E090", f"{len(ts)} transfers {when} ({', '.join(ts)}); at "
                                 f"most {limit} {per}", path=("transition", key), hint=hint)
