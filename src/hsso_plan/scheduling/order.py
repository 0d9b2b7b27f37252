"""The one topological order of the scheduler (the network's and the levelling problem's)."""

from __future__ import annotations

from collections.abc import Sequence


def topological_order(indegree: list[int], succs: Sequence[Sequence[tuple[int, ...]]]) -> list[int]:
    """Kahn's algorithm over ``succs[a] = [(b, ...), ...]`` with ``indegree[b]`` = number of
    edges into b (the list is consumed). Ties are broken by index (plan order); nodes on or
    behind a cycle are left out."""
    out = [i for i, d in enumerate(indegree) if not d]
    k = 0
    while k < len(out):
        a = out[k]
        k += 1
        for edge in succs[a]:
            b = edge[0]
            indegree[b] -= 1
            if not indegree[b]:
                out.append(b)
    return out
