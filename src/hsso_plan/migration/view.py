"""The `Migration` view, built from the resolved timeline (pure: returns a new view)."""

from __future__ import annotations

from . import Coverage, Migration, OrgView, TransferView
from .resolve import ReadinessDone, Resolved


def late_readiness(r: Resolved, transfer: str) -> list[ReadinessDone]:
    """Readiness tasks of ``transfer`` not done before its day (none when it is undated)."""
    day = r.transfer_day[transfer]
    return [x for x in r.readiness[transfer] if day is not None and x.done >= day]


def build_view(r: Resolved) -> Migration:
    """Organisations, transfers, service coverage and workstreams of the resolved plan."""
    plan = r.plan
    orgs = [OrgView(oid, o.name, o.name_fr, o.kind, *r.life[oid], o.merges_into)
            for oid, o in plan.org.items()]
    transfers = []
    for tid, tr in plan.transfer.items():
        day = r.transfer_day[tid]
        staff = [g for g in plan.staff if g in tr.staff or plan.staff[g].transfer == tid]
        items = r.readiness[tid]
        fl = None
        if day is not None and items:
            fl = r.working_days(max(x.done for x in items), day) - 1
        transfers.append(TransferView(
            tid, tr.name, tr.start, tr.to, day, sum(plan.staff[g].headcount for g in staff),
            tuple(staff), tuple(tr.services), tuple(tr.consumes), len(items),
            tuple(x.task for x in late_readiness(r, tid)), fl))
    coverage = []
    for span in r.spans:
        for p in span.serving:
            s, u = max(p.start or span.lo, span.lo), min(p.until or span.hi, span.hi)
            if s < u:
                coverage.append(Coverage(span.service, span.consumer.org, p.org, s,
                                         None if u == r.plan_end else u))
    workstreams = []
    for wid, ws in plan.workstream.items():
        ts = [r.tasks[t] for t in r.index.members.get(wid, []) if t in r.tasks]
        if ts:
            workstreams.append((wid, ws.name, min(t.start for t in ts),
                                max(t.finish for t in ts), len(ts)))
    return Migration(orgs, transfers, coverage, workstreams)
