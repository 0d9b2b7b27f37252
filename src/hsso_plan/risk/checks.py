"""Checks of the risk keys: ranges, events, defaults (codes E100-E106, W010).

Shape and types are checked by the model; these are the rules between values and references
that pydantic cannot express, each with its own code, message and hint.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, did_you_mean
from ..model import Plan


def risk_diagnostics(plan: Plan, templates: set[str]) -> list[Diagnostic]:
    """Every problem of the plan's risk keys (``templates``: the plan's template ids)."""
    return [*_ranges(plan), *_settings(plan, templates), *_events(plan)]


def _ranges(plan: Plan) -> Iterator[Diagnostic]:
    for tid, t in plan.task.items():
        r = t.duration_range
        if r is None:
            continue
        path = ("task", tid, "duration_range")
        if len(r) != 2:
            yield Diagnostic("E100", f"duration_range of task '{tid}' must be [min, max], not "
                             f"{len(r)} number{'s' if len(r) != 1 else ''}", path=path,
                             hint=f"duration_range = [{max(0, t.duration - 1)}, "
                                  f"{t.duration + 2}]")
        elif not r[0] <= t.duration <= r[1]:
            yield Diagnostic(
                "E100", f"duration_range [{r[0]}, {r[1]}] of task '{tid}' does not contain "
                f"its duration ({t.duration})", path=path,
                hint=f"the range runs from the shortest to the longest plausible duration, "
                     f"with the most likely one (duration = {t.duration}) inside it: "
                     f"duration_range = [{min(r[0], r[1], t.duration)}, "
                     f"{max(r[0], r[1], t.duration)}]")


def _pct_range(r: list[int] | None, path: tuple[str | int, ...],
               where: str) -> Iterator[Diagnostic]:
    if r is None:
        return
    if len(r) != 2 or not (-100 <= r[0] <= 0 <= r[1]):
        yield Diagnostic("E104", f"default_range {list(r)} of {where} must be [lo, hi] in "
                         "percent with -100 <= lo <= 0 <= hi", path=(*path, "default_range"),
                         hint="default_range = [-10, 30]  # 10% shorter to 30% longer")


def _correlation(c: float | None, path: tuple[str | int, ...],
                 where: str) -> Iterator[Diagnostic]:
    if c is not None and not 0 <= c <= 1:
        yield Diagnostic("E105", f"correlation {c} of {where} is outside 0..1",
                         path=(*path, "correlation"),
                         hint="0 = independent, 0.5 = partly shared, 1 = they slip together")


def _settings(plan: Plan, templates: set[str]) -> Iterator[Diagnostic]:
    risk = plan.risk
    yield from _pct_range(risk.default_range, ("risk",), "[risk]")
    for part, known, kind in (("workstreams", set(plan.workstream), "workstream"),
                              ("templates", templates, "template")):
        for gid, g in getattr(risk, part).items():
            path = ("risk", part, gid)
            where = f"[risk.{part}.{gid}]"
            if gid not in known:
                yield Diagnostic(
                    "E106", f"{where} names an unknown {kind} '{gid}'", path=path,
                    hint=did_you_mean(gid, known) or (f"the plan's {kind}s: "
                                                      f"{', '.join(sorted(known))}"
                                                      if known else f"the plan has no {kind}s"))
            yield from _pct_range(g.default_range, path, where)
            yield from _correlation(g.correlation, path, where)


def _events(plan: Plan) -> Iterator[Diagnostic]:
    known = {*plan.task, *plan.workstream}
    for eid, ev in plan.risk.events.items():
        path = ("risk", "events", eid)
        if not 0 <= ev.probability <= 1:
            hint = f"probability = {ev.probability / 100:g}" if 1 < ev.probability <= 100 \
                else "probability = 0.2  # one run in five"
            yield Diagnostic("E102", f"probability {ev.probability:g} of risk event '{eid}' "
                             "is outside 0..1", path=(*path, "probability"), hint=hint)
        d = ev.delay
        if len(d) != 2 or d[0] > d[1]:
            yield Diagnostic("E103", f"delay {list(d)} of risk event '{eid}' must be "
                             "[lo, hi] working days with lo <= hi", path=(*path, "delay"),
                             hint="delay = [5, 15]")
        good = 0
        for k, ref in enumerate(ev.tasks):
            if ref in known:
                good += 1
                continue
            yield Diagnostic("E101", f"risk event '{eid}' names unknown task '{ref}'",
                             path=(*path, "tasks", k),
                             hint=did_you_mean(ref, known)
                             or "name a task id or a workstream id of the plan")
        if not ev.tasks:
            yield Diagnostic("W010", f"risk event '{eid}' lists no task, so it delays nothing",
                             path=(*path, "tasks"), hint='tasks = ["task-id", ...]')
