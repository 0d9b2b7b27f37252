"""Resources in a run: the levelled order is kept (a resource-constrained network).

Re-levelling every run would cost a levelling search per run and would let the order of
work change from run to run (a team that did site A before site B in the plan does B first
in some runs), which is not how a programme reacts to one late task. Instead, for each
resource, every pair of tasks that use it and do not overlap in the levelled schedule gets
a finish-to-start link in the order the levelled schedule put them. Tasks that overlap in a
run then overlapped in the levelled schedule too; intervals that overlap pairwise share a
day (Helly's property of intervals), so on that day of the levelled schedule they were all
at work together within the capacity: no run overloads a team.

Only the links that are not implied by others are added: for task b, the tasks a that
finish before b starts and after every other such task has started.
"""

from __future__ import annotations

from ..links import FS
from ..scheduling.network import Network
from ..scheduling.order import topological_order


def resource_links(net: Network, start: list[int]) -> list[tuple[int, int]]:
    """(a, b) pairs: a must finish before b starts, from the levelled ``start``."""
    users: dict[int, list[int]] = {}
    for t, us in enumerate(net.uses):
        if net.dur[t] > 0:
            for r, _ in us:
                users.setdefault(r, []).append(t)
    first = [net.cal[t].ordinal(start[t]) for t in range(len(net))]
    last = [net.cal[t].ordinal(start[t] + net.dur[t] - 1) if net.dur[t] else first[t]
            for t in range(len(net))]
    links: set[tuple[int, int]] = set()
    for r in sorted(users):
        ts = sorted(users[r], key=lambda t: (last[t], t))  # by finish
        prefix_max: list[int] = []  # latest start among ts[:k+1]
        m = -1
        for t in ts:
            m = max(m, first[t])
            prefix_max.append(m)
        for b in users[r]:
            # ts[:k] = the tasks that finish before b starts
            lo, hi = 0, len(ts)
            while lo < hi:
                mid = (lo + hi) // 2
                if last[ts[mid]] < first[b]:
                    lo = mid + 1
                else:
                    hi = mid
            k = lo
            if not k:
                continue
            latest_start = prefix_max[k - 1]
            for j in range(k - 1, -1, -1):
                a = ts[j]
                if last[a] < latest_start:
                    break
                if a != b:
                    links.add((a, b))
    return sorted(links)


def with_resource_order(net: Network, start: list[int]) -> tuple[Network, int]:
    """A copy of ``net`` with the levelled order of each resource's tasks as links.

    Returns the network and the number of links added. A link that would close a loop with
    the plan's own links (possible with negative lags) is left out.
    """
    links = resource_links(net, start)
    preds = [list(p) for p in net.preds]
    succs = [list(s) for s in net.succs]
    have = {(a, b) for b, ps in enumerate(net.preds) for a, typ, lag, _ in ps
            if typ == FS and lag >= 0}
    added = [(a, b) for a, b in links if (a, b) not in have]
    for a, b in added:
        preds[b].append((a, FS, 0, -10_000))
        succs[a].append((b, FS, 0))
    order = topological_order([len(p) for p in preds], succs)
    if len(order) < len(net):  # a loop: keep only the links between ordered tasks
        placed = set(order)
        keep = {(a, b) for a, b in added if a in placed and b in placed}
        preds = [[p for p in ps if p[3] != -10_000 or (p[0], b) in keep]
                 for b, ps in enumerate(preds)]
        dropped = set(added) - keep
        succs = [[s for s in ss if (a, s[0]) not in dropped] for a, ss in enumerate(succs)]
        order = topological_order([len(p) for p in preds], succs)
        added = sorted(keep)
        if len(order) < len(net):
            return net, 0
    from dataclasses import replace

    return replace(net, preds=preds, succs=succs, order=order), len(added)
