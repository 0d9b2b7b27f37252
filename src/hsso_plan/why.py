"""`hsso-plan why PLAN TASK`: the chain of what drives a task's start, back to its root.

Each link is one task and what sets its start: a predecessor (then the chain goes on from
it), or a root: the project start, a fixed date (``start_on``), a ``start_no_earlier_than``,
the status date (a ``status-date`` driver, when progress sets it) or a full resource. Each
link carries its slack: the working days the task starts after the earliest date that link
allows (0 on a driving dependency; for a task levelling delayed, the days of that delay).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .links import DEP_NAME, FF, FS, SF
from .model import Plan
from .schedule import Driver, Schedule, ScheduledTask
from .scheduling.cpm import earliest_start, fwd
from .scheduling.network import Network, build_network, make_calendars


@dataclass(frozen=True)
class Link:
    task: str
    name: str
    start: dt.date
    finish: dt.date
    total_float: int | None  # None: a done task
    driver: Driver
    #: Working days between the earliest start this link allows and the task's start.
    slack: int
    #: For a root: the date that sets it (project start, start_on, no-earlier-than date).
    date: dt.date | None = None
    #: For a resource root: the full resources and the tasks holding them.
    resources: tuple[str, ...] = ()
    blocking: tuple[str, ...] = ()


def _link_bound(net: Network, b: int, k: int, start: list[int]) -> int:
    """The earliest start of ``b`` that its k-th predecessor link alone allows."""
    a, typ, lag, _ = net.preds[b][k]
    base = start[a] + (net.dur[a] if typ in (FS, FF) else 0)
    v = fwd(net.cal[a], net.cal[b], base) + lag
    return v - net.dur[b] if typ in (FF, SF) else v


def _pred_index(net: Network, b: int, d: Driver) -> int | None:
    for k, (a, typ, lag, _) in enumerate(net.preds[b]):
        if net.ids[a] == d.task and DEP_NAME[typ] == d.type and lag == d.lag:
            return k
    return None


def driving_path(by_id: dict[str, ScheduledTask], task_id: str) -> list[str]:
    """The ids of ``task_id``'s driving chain, from the task back to its root (the task that
    no driving predecessor sets: a fixed date, the project start, the status date, a resource
    or recorded progress). The one walk of drivers: `chain` and the reports' critical path
    follow it."""
    out: list[str] = []
    seen: set[str] = set()
    cur: str | None = task_id
    while cur is not None and cur not in seen and cur in by_id:
        seen.add(cur)
        out.append(cur)
        d = by_id[cur].driver
        cur = d.task if d.kind == "dependency" else None
    return out


def chain(plan: Plan, s: Schedule, task_id: str) -> list[Link]:
    """The driving chain of ``task_id`` (which must be in ``s``), from it to its root."""
    net = build_network(plan, make_calendars(plan))
    by_id: dict[str, ScheduledTask] = {t.id: t for t in s.tasks}
    start = [by_id[i].early_start if i in by_id else 0 for i in net.ids]
    out: list[Link] = []
    for cur in driving_path(by_id, task_id):
        t = by_id[cur]
        b = net.index[cur]
        d = t.driver
        slack, date = 0, None
        res: tuple[str, ...] = ()
        blocking: tuple[str, ...] = ()
        if d.kind == "dependency":
            k = _pred_index(net, b, d)
            if k is not None:
                slack = start[b] - _link_bound(net, b, k, start)
        elif d.kind == "resource":
            slack = start[b] - earliest_start(net, b, start)[0]
            if t.delay is not None:
                res = t.delay.resources
                blocking = tuple(x for r in res for x in t.delay.blocking_tasks.get(r, ()))
        else:
            spec = plan.task.get(cur)
            date = {"project-start": plan.project.start,
                    "start_on": spec.start_on if spec else None,
                    "start_no_earlier_than": spec.start_no_earlier_than if spec else None,
                    "status-date": plan.project.status_date}.get(d.kind)
        out.append(Link(t.id, t.name, t.start, t.finish, t.total_float, d, slack, date, res,
                        blocking))
    return out
