"""The one pass over every `depends` (links.read_links) against the two passes it replaced:
the dependency checks' scan for suspect tasks and the network's edges, written out plainly."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hsso_plan.links import DEP_CODE, FS, Edge, read_links
from hsso_plan.loading import SKIP_ID
from hsso_plan.model import Dependency, Task


def reference_suspects(tasks: dict[str, Task]) -> list[str]:
    """A task is suspect when one of its entries names itself, an id that is not a task, or
    the same id as another entry."""
    out = []
    for tid, task in tasks.items():
        if not task.depends:
            continue
        names = [d if isinstance(d, str) else d.task for d in task.depends]
        if tid in names or len(set(names)) < len(names) or any(n not in tasks for n in names):
            out.append(tid)
    return out


def reference_edges(tasks: dict[str, Task], members: dict[str, list[str]]) -> list[list[Edge]]:
    """Each entry's edges (a workstream's FS entry: one per task in it), then self-loops and
    repeats of (predecessor, type, lag) left out, the first kept."""
    pos = {t: i for i, t in enumerate(tasks)}
    out: list[list[Edge]] = []
    for b, task in enumerate(tasks.values()):
        raw: list[Edge] = []
        for k, dep in enumerate(task.depends):
            pid, typ, lag = (dep, FS, 0) if isinstance(dep, str) else \
                (dep.task, DEP_CODE[dep.type], dep.lag)
            if pid in pos:
                raw.append((pos[pid], typ, lag, k))
            elif typ == FS and pid in members:
                raw.extend((pos[m], FS, lag, k) for m in members[pid])
        seen: set[tuple[int, int, int]] = set()
        mine: list[Edge] = []
        for e in raw:
            if e[0] != b and (e[0], e[1], e[2]) not in seen:
                seen.add((e[0], e[1], e[2]))
                mine.append(e)
        out.append(mine)
    return out


_NAMES = ["t0", "t1", "t2", "t3", "t4", "w0", "w1", "nope", SKIP_ID]
_entry = st.one_of(
    st.sampled_from(_NAMES),
    st.builds(lambda n, typ, lag: Dependency(task=n, type=typ, lag=lag),
              st.sampled_from(_NAMES), st.sampled_from(["FS", "SS", "FF", "SF"]),
              st.integers(-2, 2)))


@st.composite
def _plans(draw: Any) -> tuple[dict[str, Task], dict[str, list[str]]]:
    n = draw(st.integers(1, 5))
    tasks = {f"t{i}": Task(name=f"T{i}", duration=1, depends=draw(st.lists(_entry, max_size=5)))
             for i in range(n)}
    members = {w: draw(st.lists(st.sampled_from(list(tasks)), max_size=3, unique=True))
               for w in ("w0", "w1")}
    return tasks, members


@settings(max_examples=400, deadline=None)
@given(_plans())
def test_read_links_agrees_with_the_two_passes_it_replaced(
        plan: tuple[dict[str, Task], dict[str, list[str]]]) -> None:
    tasks, members = plan
    got = read_links(tasks, {t: i for i, t in enumerate(tasks)}, members)
    assert [tid for tid, _ in got.suspects] == reference_suspects(tasks)
    assert all(task is tasks[tid] for tid, task in got.suspects)
    assert got.edges == reference_edges(tasks, members)


def test_the_network_copies_the_shared_edges_it_changes() -> None:
    """A transfer's readiness edges go into the network's copy, not into the index's links,
    so a second network on the same index is the same."""
    from hsso_plan.app import run
    from hsso_plan.scheduling.network import build_network

    out = run(Path(__file__).resolve().parent.parent / "plans" / "tutorial.toml")
    index, plan = out.index, out.loaded.plan
    assert index is not None and index.calendars is not None and plan is not None
    before = [list(e) for e in index.links.edges]
    first = build_network(plan, index.calendars, index)
    assert index.links.edges == before
    assert first.preds != before  # (the tutorial has readiness links)
    second = build_network(plan, index.calendars, index)
    assert second.preds == first.preds
