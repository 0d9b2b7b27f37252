"""Dependency loops, found while ordering the activity network."""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, KeyPath, Related
from ..plan_index import PlanIndex
from .registry import Context, Stage, check


@check("E024", "dependency cycle", stage=Stage.NETWORK)
def cycles(ctx: Context) -> Iterator[Diagnostic]:
    """The dependencies form a loop, so no task in it can ever start. The message names the
    loop in order and a note points at each edge; remove or reverse one of them."""
    net = ctx.network
    if net is None:
        return
    for loop in net.cycles:
        ids = [net.ids[i] for i in loop]
        edges: list[Related] = []
        for i, a in enumerate(ids):
            b = ids[(i + 1) % len(ids)]
            edges.append(Related(_edge_path(ctx.index, b, a), f"'{b}' depends on '{a}'"))
        shown = [*ids, ids[0]]
        if len(shown) > 21:
            names = " -> ".join(shown[:10]) + f" -> ... ({len(shown) - 20} more) -> " + \
                " -> ".join(shown[-10:])
        else:
            names = " -> ".join(shown)
        yield Diagnostic("E024", f"dependency cycle of {len(ids)} tasks: {names}",
                         path=edges[0].path, related=tuple(edges),
                         hint="remove or reverse one of these dependencies")


def _edge_path(index: PlanIndex, tid: str, pred: str) -> KeyPath:
    """Where the link pred -> tid is written: a `depends` entry (naming the task or a
    workstream holding it) or the `readiness` of a transfer on the task."""
    plan, members = index.plan, index.members
    for k, dep in enumerate(plan.task[tid].depends):
        name = dep if isinstance(dep, str) else dep.task
        if name == pred or pred in members.get(name, ()):
            return ("task", tid, "depends", k)
    for trid in plan.transfer:
        if index.transfer_milestone(trid) == tid:
            for item in index.readiness[trid]:
                if item.task == pred:
                    return ("transfer", trid, "readiness", item.entry)
    return ("task", tid)
