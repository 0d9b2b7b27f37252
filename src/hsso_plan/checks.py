"""Checks beyond shape: references, calendars, constraints, cycles, capacity.

Each check yields diagnostics with a stable code and a key path; positions come later.
The timeline checks (missed deadlines, overrun fixed starts) come from the scheduler and are
turned into diagnostics by `timeline_diagnostics`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .calendars import WorkCalendar, region_problem
from .diagnostics import Diagnostic, KeyPath, Related, did_you_mean
from .loading import SKIP_ID
from .model import Plan
from .schedule import Schedule
from .scheduling.network import Network, workstream_members

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def check_plan(plan: Plan, broken: dict[str, set[str]],
               cals: dict[str | None, WorkCalendar]) -> list[Diagnostic]:
    """All static checks of a validated plan (``cals``: from `make_calendars`)."""
    out: list[Diagnostic] = []
    for section in ("calendar", "resource", "task", "workstream", "org", "service", "staff",
                    "transfer"):
        out.extend(Diagnostic("E016", f"{section} id '{ident}' is not a bare key",
                              path=(section, ident),
                              hint="use only letters, digits, '-' and '_' in ids")
                   for ident in getattr(plan, section) if not _BARE.fullmatch(ident))
    out.extend(_calendars(plan, broken.get("calendar", set())))
    out.extend(_references(plan, broken))
    out.extend(_constraints(plan, cals))
    out.extend(_migration_references(plan, broken))
    from . import progress

    out.extend(progress.check(plan, broken.get("progress")))
    return out


def _migration_references(plan: Plan, broken: dict[str, set[str]]) -> Iterator[Diagnostic]:
    """References of the migration model: organisations, services, staff, transfers,
    workstreams, and points in time given as milestone ids."""
    orgs = set(plan.org) | broken.get("org", set())
    services = set(plan.service) | broken.get("service", set())
    staff = set(plan.staff) | broken.get("staff", set())
    transfers = set(plan.transfer) | broken.get("transfer", set())
    workstreams = set(plan.workstream) | broken.get("workstream", set())
    tasks = set(plan.task) | broken.get("task", set())

    def org_ref(oid: str | None, path: KeyPath, what: str) -> Iterator[Diagnostic]:
        if oid is not None and oid not in orgs:
            yield Diagnostic("E025", f"{what} names unknown organisation '{oid}'", path=path,
                             hint=did_you_mean(oid, list(plan.org))
                             or f"define it as [org.{oid}]")

    def when_ref(w: object, path: KeyPath, what: str) -> Iterator[Diagnostic]:
        if not isinstance(w, str):
            return
        if w not in tasks:
            yield Diagnostic("E020", f"{what} names unknown milestone '{w}'", path=path,
                             hint=did_you_mean(w, list(plan.task))
                             or "use a date (YYYY-MM-DD) or the id of a milestone task")
        elif w in plan.task and plan.task[w].duration != 0:
            yield Diagnostic("E028", f"{what} names task '{w}', which is not a milestone "
                             f"(its duration is {plan.task[w].duration})", path=path,
                             hint="point at a milestone (duration = 0) or give a date")

    def refs(items: list[str], pool: set[str], code: str, kind: str, path: KeyPath,
             what: str, known: list[str]) -> Iterator[Diagnostic]:
        for k, x in enumerate(items):
            if x not in pool:
                yield Diagnostic(code, f"{what} names unknown {kind} '{x}'", path=(*path, k),
                                 hint=did_you_mean(x, known))

    for wid, ws in plan.workstream.items():
        if ws.parent is not None and ws.parent not in workstreams:
            yield Diagnostic("E029", f"workstream '{wid}' has unknown parent '{ws.parent}'",
                             path=("workstream", wid, "parent"),
                             hint=did_you_mean(ws.parent, list(plan.workstream)))
    yield from _workstream_loops(plan)
    for tid, t in plan.task.items():
        if t.workstream is not None and t.workstream not in workstreams:
            yield Diagnostic("E029", f"task '{tid}' is in unknown workstream '{t.workstream}'",
                             path=("task", tid, "workstream"),
                             hint=did_you_mean(t.workstream, list(plan.workstream))
                             or f"define it as [workstream.{t.workstream}]")
        if not plan.workstream:
            continue
        for k, dep in enumerate(t.depends):
            if isinstance(dep, str) or dep.task not in plan.workstream:
                continue
            if dep.type != "FS":
                yield Diagnostic("E029", f"task '{tid}' depends on workstream '{dep.task}' "
                                 f"with type {dep.type}; only FS is defined for a workstream",
                                 path=("task", tid, "depends", k, "type"),
                                 hint="depend on the workstream's tasks for SS/FF/SF links")
    for oid, o in plan.org.items():
        yield from org_ref(o.merges_into, ("org", oid, "merges_into"),
                           f"organisation '{oid}'")
        yield from when_ref(o.created, ("org", oid, "created"), f"organisation '{oid}'")
        yield from when_ref(o.dissolved, ("org", oid, "dissolved"), f"organisation '{oid}'")
    for sid, svc in plan.service.items():
        for k, c in enumerate(svc.consumers):
            cp: KeyPath = ("service", sid, "consumers", k)
            if isinstance(c, str):
                yield from org_ref(c, cp, f"service '{sid}'")
            else:
                yield from org_ref(c.org, (*cp, "org"), f"service '{sid}'")
                yield from when_ref(c.start, (*cp, "from"), f"service '{sid}'")
                yield from when_ref(c.until, (*cp, "until"), f"service '{sid}'")
        for k, p in enumerate(svc.providers):
            pp: KeyPath = ("service", sid, "providers", k)
            yield from org_ref(p.org, (*pp, "org"), f"service '{sid}'")
            yield from when_ref(p.start, (*pp, "from"), f"service '{sid}'")
            yield from when_ref(p.until, (*pp, "until"), f"service '{sid}'")
            for j, x in enumerate(p.to or []):
                yield from org_ref(x, (*pp, "to", j), f"service '{sid}'")
    for gid, g in plan.staff.items():
        yield from org_ref(g.start, ("staff", gid, "from"), f"staff group '{gid}'")
        yield from org_ref(g.to, ("staff", gid, "to"), f"staff group '{gid}'")
        if g.transfer is not None and g.transfer not in transfers:
            yield Diagnostic("E027", f"staff group '{gid}' names unknown transfer "
                             f"'{g.transfer}'", path=("staff", gid, "transfer"),
                             hint=did_you_mean(g.transfer, list(plan.transfer)))
    for tid, tr in plan.transfer.items():
        what = f"transfer '{tid}'"
        yield from org_ref(tr.start, ("transfer", tid, "from"), what)
        yield from org_ref(tr.to, ("transfer", tid, "to"), what)
        yield from when_ref(tr.on, ("transfer", tid, "on"), what)
        yield from refs(tr.readiness, tasks | workstreams, "E020", "task or workstream",
                        ("transfer", tid, "readiness"), what,
                        [*plan.task, *plan.workstream])
        yield from refs(tr.staff, staff, "E027", "staff group", ("transfer", tid, "staff"),
                        what, list(plan.staff))
        for key in ("services", "consumes"):
            yield from refs(getattr(tr, key), services, "E026", "service",
                            ("transfer", tid, key), what, list(plan.service))


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


def _dep_path(tid: str, k: int, table: bool) -> KeyPath:
    return ("task", tid, "depends", k, "task") if table else ("task", tid, "depends", k)


def _references(plan: Plan, broken: dict[str, set[str]]) -> Iterator[Diagnostic]:
    tasks = plan.task
    bad_tasks = broken.get("task", set())
    bad_res = broken.get("resource", set())
    cal_ids = set(plan.calendar) | broken.get("calendar", set())
    task_ids = list(tasks)
    if plan.project.calendar is not None and plan.project.calendar not in cal_ids:
        yield Diagnostic("E022", f"the project's calendar '{plan.project.calendar}' is not "
                         "defined", path=("project", "calendar"),
                         hint=did_you_mean(plan.project.calendar, list(plan.calendar))
                         or f"define it as [calendar.{plan.project.calendar}]")
    for rid, rspec in plan.resource.items():
        if rspec.calendar is not None and rspec.calendar not in cal_ids:
            yield Diagnostic("E022", f"resource '{rid}' uses unknown calendar "
                             f"'{rspec.calendar}'", path=("resource", rid, "calendar"),
                             hint=did_you_mean(rspec.calendar, list(plan.calendar))
                             or f"define it as [calendar.{rspec.calendar}]")
    for tid, task in tasks.items():
        seen: set[tuple[str, str, int]] = set()
        for k, dep in enumerate(task.depends):
            table = not isinstance(dep, str)
            pid, typ, lag = (dep, "FS", 0) if isinstance(dep, str) else (dep.task, dep.type,
                                                                          dep.lag)
            if pid == SKIP_ID:
                continue
            if pid == tid:
                yield Diagnostic("E023", f"task '{tid}' depends on itself",
                                 path=_dep_path(tid, k, table), hint="remove this entry")
            elif pid not in tasks and pid not in bad_tasks and pid not in plan.workstream:
                yield Diagnostic("E020", f"task '{tid}' depends on unknown task '{pid}'",
                                 path=_dep_path(tid, k, table),
                                 hint=did_you_mean(pid, [*task_ids, *plan.workstream]))
            elif (pid, typ, lag) in seen:
                yield Diagnostic("W001", f"task '{tid}' lists '{pid}' ({typ}) twice",
                                 path=("task", tid, "depends", k), hint="remove the duplicate")
            seen.add((pid, typ, lag))
        for rid, units in task.uses.items():
            res = plan.resource.get(rid)
            if res is None:
                if rid not in bad_res:
                    yield Diagnostic("E021", f"task '{tid}' uses unknown resource '{rid}'",
                                     path=("task", tid, "uses", rid),
                                     hint=did_you_mean(rid, list(plan.resource))
                                     or f"define it as [resource.{rid}] with a capacity")
            elif units > res.max_capacity:
                most = res.max_capacity
                yield Diagnostic("E033", f"task '{tid}' needs {units} units of '{rid}', which "
                                 f"never has more than {most}",
                                 path=("task", tid, "uses", rid),
                                 hint=f"lower the units to at most {most} or raise the "
                                      f"capacity of [resource.{rid}]")
        if task.calendar is not None and task.calendar not in cal_ids:
            yield Diagnostic("E022", f"task '{tid}' uses unknown calendar '{task.calendar}'",
                             path=("task", tid, "calendar"),
                             hint=did_you_mean(task.calendar, list(plan.calendar))
                             or f"define it as [calendar.{task.calendar}]")


def _calendars(plan: Plan, bad: set[str]) -> Iterator[Diagnostic]:
    for cid, spec in plan.calendar.items():
        if spec.holidays is not None:
            problem = region_problem(spec.holidays)
            if problem is not None:
                yield Diagnostic("E030", problem[0], path=("calendar", cid, "holidays"),
                                 hint=problem[1])
        if not spec.workdays and not spec.days_on:
            yield Diagnostic("E032", f"calendar '{cid}' has no working days",
                             path=("calendar", cid, "workdays"),
                             hint='list working weekdays, e.g. workdays = ["mon", "tue", '
                                  '"wed", "thu", "fri"]')
        for k, day in enumerate(spec.days_on):
            if day in spec.days_off:
                yield Diagnostic("W002", f"{day.isoformat()} is in both days_off and days_on "
                                 f"of calendar '{cid}'", path=("calendar", cid, "days_on", k),
                                 hint="remove it from one of the lists")


def _constraints(plan: Plan, cals: dict[str | None, WorkCalendar]) -> Iterator[Diagnostic]:
    """Fixed starts: not before the project, and on a working day of the task's calendar
    (``cals`` as the scheduler uses them; a calendar that could not be built is absent)."""
    start = plan.project.start
    for tid, task in plan.task.items():
        if task.start_on is None:
            continue
        if task.start_on < start:
            yield Diagnostic("E034", f"task '{tid}' is fixed to start on "
                             f"{task.start_on.isoformat()}, before the project start "
                             f"{start.isoformat()}", path=("task", tid, "start_on"),
                             hint="move the date, or move project.start earlier")
            continue
        cid = task.calendar or plan.project.calendar
        if cid is not None and cid not in plan.calendar:
            cid = plan.project.calendar if plan.project.calendar in plan.calendar else None
        cal = cals.get(cid)
        if cal is not None and not cal.is_working(task.start_on.toordinal()):
            nxt = cal.date(cal.rank_date(task.start_on))
            yield Diagnostic("E031", f"task '{tid}' is fixed to start on "
                             f"{task.start_on.isoformat()} ({task.start_on.strftime('%A')}), "
                             f"which is not a working day of calendar '{cid or 'default'}'",
                             path=("task", tid, "start_on"),
                             hint=f"the next working day is {nxt.isoformat()}; or add the date "
                                  "to the calendar's days_on")


def cycle_diagnostics(plan: Plan, net: Network) -> list[Diagnostic]:
    """One E024 per dependency loop, naming it in order, with a note per edge."""
    out: list[Diagnostic] = []
    members = workstream_members(plan) if net.cycles else {}
    for loop in net.cycles:
        ids = [net.ids[i] for i in loop]
        edges: list[Related] = []
        for i, a in enumerate(ids):
            b = ids[(i + 1) % len(ids)]
            edges.append(Related(_edge_path(plan, b, a, members), f"'{b}' depends on '{a}'"))
        shown = [*ids, ids[0]]
        if len(shown) > 21:
            names = " -> ".join(shown[:10]) + f" -> ... ({len(shown) - 20} more) -> " + \
                " -> ".join(shown[-10:])
        else:
            names = " -> ".join(shown)
        out.append(Diagnostic(
            "E024", f"dependency cycle of {len(ids)} tasks: {names}",
            path=edges[0].path, related=tuple(edges),
            hint="remove or reverse one of these dependencies"))
    return out


def _edge_path(plan: Plan, tid: str, pred: str, members: dict[str, list[str]]) -> KeyPath:
    """Where the link pred -> tid is written: a `depends` entry (naming the task or a
    workstream holding it) or the `readiness` of a transfer on the task."""
    for k, dep in enumerate(plan.task[tid].depends):
        name = dep if isinstance(dep, str) else dep.task
        if name == pred or pred in members.get(name, ()):
            return ("task", tid, "depends", k)
    for trid, tr in plan.transfer.items():
        if tr.on == tid:
            for j, r in enumerate(tr.readiness):
                if r == pred or pred in members.get(r, ()):
                    return ("transfer", trid, "readiness", j)
    return ("task", tid)


def timeline_diagnostics(sched: Schedule, skip: set[str] | None = None) -> list[Diagnostic]:
    """Violations found by the scheduler, as located-by-path diagnostics.

    Tasks in ``skip`` (entries with shape errors, scheduled on placeholders) are left out.
    """
    out: list[Diagnostic] = []
    hints = {
        "E040": "shorten or overlap the work on its critical path, or move the deadline",
        "E041": "bring the predecessors forward, loosen the dependency, or move the date",
        "E042": "move one of the fixed tasks, or raise the resource's capacity",
        "W101": "record its actual_start in [progress.<task-id>] if it has started, or "
                "re-plan the work from the status date",
    }
    for v in sched.violations:
        if skip and v.task in skip:
            continue
        path: KeyPath = ("task", v.task, *(v.path_key.split(".") if v.path_key else ()))
        out.append(Diagnostic(v.code, v.message, path=path, hint=hints.get(v.code)))
    return out
