"""References of the migration model: organisations, services, staff, transfers,
workstreams, and points in time given as milestone ids."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, KeyPath, did_you_mean
from ..model import Plan
from .registry import Context, check


def _org_refs(plan: Plan) -> Iterator[tuple[str | None, KeyPath, str]]:
    """(organisation id, where, who names it) of every reference to an organisation."""
    for oid, o in plan.org.items():
        yield o.merges_into, ("org", oid, "merges_into"), f"organisation '{oid}'"
    for sid, svc in plan.service.items():
        for k, c in enumerate(svc.consumers):
            cp: KeyPath = ("service", sid, "consumers", k)
            yield (c, cp, f"service '{sid}'") if isinstance(c, str) else \
                (c.org, (*cp, "org"), f"service '{sid}'")
        for k, p in enumerate(svc.providers):
            pp: KeyPath = ("service", sid, "providers", k)
            yield p.org, (*pp, "org"), f"service '{sid}'"
            for j, x in enumerate(p.to or []):
                yield x, (*pp, "to", j), f"service '{sid}'"
    for gid, g in plan.staff.items():
        yield g.start, ("staff", gid, "from"), f"staff group '{gid}'"
        yield g.to, ("staff", gid, "to"), f"staff group '{gid}'"
    for tid, tr in plan.transfer.items():
        yield tr.start, ("transfer", tid, "from"), f"transfer '{tid}'"
        yield tr.to, ("transfer", tid, "to"), f"transfer '{tid}'"


def _points_in_time(plan: Plan) -> Iterator[tuple[object, KeyPath, str]]:
    """(date or milestone id, where, who names it) of every point in time."""
    for oid, o in plan.org.items():
        yield o.created, ("org", oid, "created"), f"organisation '{oid}'"
        yield o.dissolved, ("org", oid, "dissolved"), f"organisation '{oid}'"
    for sid, svc in plan.service.items():
        for k, c in enumerate(svc.consumers):
            if not isinstance(c, str):
                cp: KeyPath = ("service", sid, "consumers", k)
                yield c.start, (*cp, "from"), f"service '{sid}'"
                yield c.until, (*cp, "until"), f"service '{sid}'"
        for k, p in enumerate(svc.providers):
            pp: KeyPath = ("service", sid, "providers", k)
            yield p.start, (*pp, "from"), f"service '{sid}'"
            yield p.until, (*pp, "until"), f"service '{sid}'"
    for tid, tr in plan.transfer.items():
        yield tr.on, ("transfer", tid, "on"), f"transfer '{tid}'"


def _known(ctx: Context, kind: str) -> set[str]:
    return set(getattr(ctx.plan, kind)) | ctx.broken.get(kind, set())


def _unknown(items: list[str], pool: set[str], code: str, kind: str, path: KeyPath,
             what: str, known: list[str]) -> Iterator[Diagnostic]:
    for k, x in enumerate(items):
        if x not in pool:
            yield Diagnostic(code, f"{what} names unknown {kind} '{x}'", path=(*path, k),
                             hint=did_you_mean(x, known))


@check("E025", "unknown organisation")
def unknown_organisations(ctx: Context) -> Iterator[Diagnostic]:
    """A reference names an organisation id that is not defined under [org]."""
    orgs = _known(ctx, "org")
    for oid, path, what in _org_refs(ctx.plan):
        if oid is not None and oid not in orgs:
            yield Diagnostic("E025", f"{what} names unknown organisation '{oid}'", path=path,
                             hint=did_you_mean(oid, list(ctx.plan.org))
                             or f"define it as [org.{oid}]")


@check("E028", "not a milestone", also=("E020",))
def milestone_references(ctx: Context) -> Iterator[Diagnostic]:
    """A point in time (an organisation's created/dissolved, a provider's from/until, a
    transfer's on) names a task with a duration. Point at a milestone (duration = 0) or
    give a date."""
    plan = ctx.plan
    tasks: set[str] | None = None  # made at the first milestone id
    for w, path, what in _points_in_time(plan):
        if not isinstance(w, str):
            continue
        if tasks is None:
            tasks = _known(ctx, "task")
        if w not in tasks:
            yield Diagnostic("E020", f"{what} names unknown milestone '{w}'", path=path,
                             hint=did_you_mean(w, list(plan.task))
                             or "use a date (YYYY-MM-DD) or the id of a milestone task")
        elif w in plan.task and plan.task[w].duration != 0:
            yield Diagnostic("E028", f"{what} names task '{w}', which is not a milestone "
                             f"(its duration is {plan.task[w].duration})", path=path,
                             hint="point at a milestone (duration = 0) or give a date")


@check("E020")
def unknown_readiness(ctx: Context) -> Iterator[Diagnostic]:
    """A transfer's readiness names a task or workstream the plan does not define."""
    plan = ctx.plan
    if not plan.transfer:
        return
    ready = _known(ctx, "task") | _known(ctx, "workstream")
    for tid, tr in plan.transfer.items():
        yield from _unknown(tr.readiness, ready, "E020", "task or workstream",
                            ("transfer", tid, "readiness"), f"transfer '{tid}'",
                            [*plan.task, *plan.workstream])


@check("E026", "unknown service")
def unknown_services(ctx: Context) -> Iterator[Diagnostic]:
    """A transfer's services or consumes names a service id not defined under [service]."""
    plan, services = ctx.plan, _known(ctx, "service")
    for tid, tr in plan.transfer.items():
        for key in ("services", "consumes"):
            yield from _unknown(getattr(tr, key), services, "E026", "service",
                                ("transfer", tid, key), f"transfer '{tid}'",
                                list(plan.service))


@check("E027", "unknown staff group or transfer")
def unknown_staff_or_transfer(ctx: Context) -> Iterator[Diagnostic]:
    """A transfer's staff or a staff group's transfer names an id that is not defined."""
    plan, staff, transfers = ctx.plan, _known(ctx, "staff"), _known(ctx, "transfer")
    for gid, g in plan.staff.items():
        if g.transfer is not None and g.transfer not in transfers:
            yield Diagnostic("E027", f"staff group '{gid}' names unknown transfer "
                             f"'{g.transfer}'", path=("staff", gid, "transfer"),
                             hint=did_you_mean(g.transfer, list(plan.transfer)))
    for tid, tr in plan.transfer.items():
        yield from _unknown(tr.staff, staff, "E027", "staff group", ("transfer", tid, "staff"),
                            f"transfer '{tid}'", list(plan.staff))


@check("E029", "workstream problem")
def workstream_problems(ctx: Context) -> Iterator[Diagnostic]:
    """A task or workstream names an unknown workstream, workstreams are each other's
    parents, or a dependency on a workstream is not finish-to-start."""
    plan, workstreams = ctx.plan, _known(ctx, "workstream")
    for wid, ws in plan.workstream.items():
        if ws.parent is not None and ws.parent not in workstreams:
            yield Diagnostic("E029", f"workstream '{wid}' has unknown parent '{ws.parent}'",
                             path=("workstream", wid, "parent"),
                             hint=did_you_mean(ws.parent, list(plan.workstream)))
    yield from _workstream_loops(plan)
    # (without workstreams only a task's own workstream can be wrong)
    for tid, t in plan.task.items() if plan.workstream else ctx.index.tasks_with("workstream"):
        if t.workstream is not None and t.workstream not in workstreams:
            yield Diagnostic("E029", f"task '{tid}' is in unknown workstream '{t.workstream}'",
                             path=("task", tid, "workstream"),
                             hint=did_you_mean(t.workstream, list(plan.workstream))
                             or f"define it as [workstream.{t.workstream}]")
        for k, dep in enumerate(t.depends if plan.workstream else ()):
            if isinstance(dep, str) or dep.task not in plan.workstream:
                continue
            if dep.type != "FS":
                yield Diagnostic("E029", f"task '{tid}' depends on workstream '{dep.task}' "
                                 f"with type {dep.type}; only FS is defined for a workstream",
                                 path=("task", tid, "depends", k, "type"),
                                 hint="depend on the workstream's tasks for SS/FF/SF links")


def _workstream_loops(plan: Plan) -> Iterator[Diagnostic]:
    reported: set[str] = set()
    for wid in plan.workstream:
        chain, x = [wid], plan.workstream[wid].parent
        while x is not None and x in plan.workstream and x not in chain:
            chain.append(x)
            x = plan.workstream[x].parent
        if x == wid and wid not in reported:
            reported.update(chain)
            yield Diagnostic("E029", "workstreams are each other's parents: "
                             + " -> ".join([*chain, wid]),
                             path=("workstream", wid, "parent"),
                             hint="a workstream's parent must be above it, not below")
