"""What is uncertain in a plan: each task's range, the shared factors, the risk events.

Plain Python (no numpy), answered once from a checked plan. Problems are the checks' job
(`checks.risk_checks`); here an unusable value is simply left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Plan, RiskDefaults
    from ..plan_index import PlanIndex
    from .engine import Pins


@dataclass(frozen=True, slots=True)
class Uncertain:
    """A task whose duration is sampled: min, most likely, max; and its shared factor."""

    task: int  # position in plan order
    lo: int
    mode: int
    hi: int
    group: int  # index into `RiskInputs.groups`, -1: independent


@dataclass(frozen=True, slots=True)
class Group:
    """One shared factor: the tasks of a workstream or of a template."""

    key: str  # "workstream:ID" or "template:ID"
    correlation: float


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    name: str
    probability: float
    lo: int
    hi: int
    tasks: tuple[int, ...]  # positions in plan order


@dataclass(frozen=True)
class RiskInputs:
    distribution: str
    ranged: tuple[Uncertain, ...]
    groups: tuple[Group, ...]
    events: tuple[Event, ...]

    @property
    def empty(self) -> bool:
        return not (self.ranged or self.events)


def pct(d: int, p: int) -> int:
    """``d`` changed by ``p`` percent, rounded to the nearest whole day (halves up)."""
    return max(0, (d * (100 + p) * 2 + 100) // 200)


def scaled(v: int, r: int, d: int) -> int:
    """``v`` (a bound of a ``d``-day range) scaled to ``r`` remaining days, halves up."""
    return (2 * r * v + d) // (2 * d) if d else v


def risk_inputs(plan: Plan, index: PlanIndex,
                task_template: dict[str, str] | None = None,
                pins: Pins | None = None) -> RiskInputs:
    """The uncertain part of ``plan`` (``task_template``: generated task id -> template).

    With progress (``pins``): a done task is certain and no event delays it; a task under
    way samples its remaining work r from its range scaled by r / d (halves up; at least
    one day while work remains), most likely r."""
    risk = plan.risk
    tmpl = task_template or {}
    groups: list[Group] = []
    group_of: dict[str, int] = {}

    def group(key: str, c: float | None) -> int:
        if c is None or not 0 < c <= 1:
            return -1
        if key not in group_of:
            group_of[key] = len(groups)
            groups.append(Group(key, float(c)))
        return group_of[key]

    ranged: list[Uncertain] = []
    for t, (tid, task) in enumerate(plan.task.items()):
        if pins is not None and pins.done(t):
            continue
        chain = _chain(plan, task.workstream)
        settings: list[tuple[str, RiskDefaults]] = [
            (f"workstream:{w}", risk.workstreams[w]) for w in chain if w in risk.workstreams]
        tname = tmpl.get(tid)
        if tname is not None and tname in risk.templates:
            settings.append((f"template:{tname}", risk.templates[tname]))
        d = task.duration
        r = task.duration_range
        if r is not None and len(r) == 2 and r[0] <= d <= r[1]:
            lo, hi = r[0], r[1]
        else:
            pr = next((s.default_range for _, s in settings if s.default_range), None) \
                or risk.default_range
            lo, hi = (pct(d, pr[0]), pct(d, pr[1])) if pr and len(pr) == 2 else (d, d)
            lo, hi = min(lo, d), max(hi, d)
        if pins is not None and t in pins.remaining:
            left = pins.remaining[t]
            lo, hi, d = max(min(left, 1), scaled(lo, left, d)), scaled(hi, left, d), left
        if lo < hi:
            g = next((group(k, s.correlation) for k, s in settings
                      if s.correlation is not None), -1)
            ranged.append(Uncertain(t, lo, d, hi, g))
    pos = index.task_order
    events = []
    for eid, ev in risk.events.items():
        if not 0 <= ev.probability <= 1 or len(ev.delay) != 2 or ev.delay[0] > ev.delay[1]:
            continue
        ts = sorted({pos[m] for ref in ev.tasks for m in index.expand(ref)})
        if ts:  # an event on done work only can no longer delay anything: no tasks
            events.append(Event(eid, ev.name, float(ev.probability), ev.delay[0], ev.delay[1],
                                tuple(t for t in ts if pins is None or not pins.done(t))))
    return RiskInputs(risk.distribution, tuple(ranged), tuple(groups), tuple(events))


def _chain(plan: Plan, w: str | None) -> list[str]:
    """The workstream ``w`` and its parents, nearest first (a parent loop is cut)."""
    out: list[str] = []
    while w is not None and w in plan.workstream and w not in out:
        out.append(w)
        w = plan.workstream[w].parent
    return out
