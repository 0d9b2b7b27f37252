"""Dependency links between plan positions: the dependency type codes, and the one pass that
reads every task's `depends` into edges.

The pass runs once per plan (`PlanIndex.links`): the network takes its edges, and the
dependency checks take the tasks it found suspect, so that a 100,000-task plan's 200,000
dependencies are looked at once, not once for the checks and again for the network.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .model import Task

FS, SS, FF, SF = 0, 1, 2, 3
DEP_CODE = {"FS": FS, "SS": SS, "FF": FF, "SF": SF}
DEP_NAME = {v: k for k, v in DEP_CODE.items()}


class ReadinessLink(NamedTuple):
    """Where a readiness edge comes from: entry ``entry`` of the `readiness` of
    ``transfer`` (the edge runs from that readiness task to the transfer's milestone)."""

    transfer: str
    entry: int


#: Where an edge is written: its position in the successor's `depends`, or a readiness link.
EdgeSource = int | ReadinessLink
#: preds[b] = [(a, type, lag, source)]
Edge = tuple[int, int, int, EdgeSource]


@dataclass(frozen=True, slots=True)
class Links:
    """What the pass over every `depends` found."""

    #: preds[b]: the edges of task b's `depends` (see `read_links`). Shared: copy a list
    #: before changing it.
    edges: list[list[Edge]]
    #: Tasks whose `depends` need a closer look, in plan order: one names the task itself,
    #: an id that is not a task, or the same id twice.
    suspects: list[tuple[str, Task]]


def read_links(tasks: dict[str, Task], pos: dict[str, int],
               members: dict[str, list[str]]) -> Links:
    """The edges of each task's `depends`, in order; an entry naming a workstream
    (finish-to-start) stands for one edge from each of its tasks. Unknown ids, self-loops and
    repeats of an edge (same predecessor, type and lag: the first is kept) are left out.

    One tight loop: it runs once per dependency of 100,000-task plans. A task is suspect when
    an entry is not a task (unknown, broken or a workstream) or, all of them being tasks, two
    name the same one or one names the task itself: then its edges, one per entry, have a
    repeated or its own position."""
    get = pos.get
    code = DEP_CODE
    out: list[list[Edge]] = []
    append = out.append
    suspects: list[tuple[str, Task]] = []
    for b, (tid, task) in enumerate(tasks.items()):
        deps = task.depends
        mine: list[Edge] = []
        append(mine)
        if not deps:
            continue
        odd = False
        for k, dep in enumerate(deps):
            if isinstance(dep, str):
                pid, typ, lag = dep, FS, 0
            else:
                pid, typ, lag = dep.task, code[dep.type], dep.lag
            a = get(pid)
            if a is not None:
                mine.append((a, typ, lag, k))
            else:
                odd = True
                if typ == FS and pid in members:  # after every task of a workstream
                    mine.extend([(pos[m], FS, lag, k) for m in members[pid]])
        n = len(mine)
        if n == 1:
            if mine[0][0] == b:
                odd = True
                mine.clear()
        elif n:
            have = {e[0] for e in mine}
            if len(have) < n or b in have:
                odd = True
                mine[:] = _distinct(mine, b)
        if odd:
            suspects.append((tid, task))
    return Links(out, suspects)


def _distinct(edges: list[Edge], b: int) -> list[Edge]:
    """``edges`` into ``b`` without self-loops and without repeats (the first is kept)."""
    seen: set[tuple[int, int, int]] = set()
    out: list[Edge] = []
    for e in edges:
        key = (e[0], e[1], e[2])
        if e[0] != b and key not in seen:
            seen.add(key)
            out.append(e)
    return out
