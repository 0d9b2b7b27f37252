"""Checks of the risk keys: ranges, events, defaults (codes E100-E106, W010).

Shape and types are checked by the model; these are the rules between values and references
that pydantic cannot express, each with its own code, message and hint.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, did_you_mean
from ..model import RiskDefaults
from .registry import Context, check


@check("E100", "duration range does not fit the duration")
def duration_ranges(ctx: Context) -> Iterator[Diagnostic]:
    """A task's `duration_range = [min, max]` must be two whole working days with
    min <= duration <= max: `duration` stays the most likely value (the one `schedule` uses)
    and the range is what `hsso-plan risk` samples from."""
    for tid, t in ctx.index.tasks_with("duration_range"):
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


def _groups(ctx: Context) -> Iterator[tuple[tuple[str, str, str], str, RiskDefaults]]:
    """Every [risk.workstreams.ID] and [risk.templates.ID] table: path, name, settings."""
    risk = ctx.plan.risk
    for part, groups in (("workstreams", risk.workstreams), ("templates", risk.templates)):
        for gid, g in groups.items():
            yield ("risk", part, gid), f"[risk.{part}.{gid}]", g


@check("E104", "bad default range")
def default_ranges(ctx: Context) -> Iterator[Diagnostic]:
    """A `default_range = [lo, hi]` is in percent of each task's duration: lo from -100 to 0
    and hi >= 0 (`[-10, 30]` = from 10% shorter to 30% longer)."""
    tables: list[tuple[tuple[str, ...], str, list[int] | None]] = [
        (("risk",), "[risk]", ctx.plan.risk.default_range)]
    tables += [(path, where, g.default_range) for path, where, g in _groups(ctx)]
    for path, where, r in tables:
        if r is not None and (len(r) != 2 or not -100 <= r[0] <= 0 <= r[1]):
            yield Diagnostic("E104", f"default_range {list(r)} of {where} must be [lo, hi] in "
                             "percent with -100 <= lo <= 0 <= hi",
                             path=(*path, "default_range"),
                             hint="default_range = [-10, 30]  # 10% shorter to 30% longer")


@check("E105", "correlation outside 0..1")
def correlations(ctx: Context) -> Iterator[Diagnostic]:
    """A `correlation` is the weight of the shared factor of a workstream's or a template's
    tasks: 0 = independent, 1 = they all fall at the same point of their ranges in every run.
    Negative correlation is not supported."""
    for path, where, g in _groups(ctx):
        c = g.correlation
        if c is not None and not 0 <= c <= 1:
            yield Diagnostic("E105", f"correlation {c} of {where} is outside 0..1",
                             path=(*path, "correlation"),
                             hint="0 = independent, 0.5 = partly shared, 1 = they slip together")


@check("E106", "unknown workstream or template in [risk]")
def risk_groups(ctx: Context) -> Iterator[Diagnostic]:
    """[risk.workstreams.ID] must name a workstream of the plan and [risk.templates.ID] a
    template."""
    known = {"workstreams": (set(ctx.plan.workstream), "workstream"),
             "templates": (set(ctx.templates), "template")}
    for path, where, _ in _groups(ctx):
        ids, kind = known[path[1]]
        gid = path[2]
        if gid not in ids:
            yield Diagnostic(
                "E106", f"{where} names an unknown {kind} '{gid}'", path=path,
                hint=did_you_mean(gid, ids) or (f"the plan's {kind}s: {', '.join(sorted(ids))}"
                                                if ids else f"the plan has no {kind}s"))


@check("E102", "probability outside 0..1")
def probabilities(ctx: Context) -> Iterator[Diagnostic]:
    """A risk event's `probability` is the chance it happens in one run: a number from 0 to
    1 (0.2 = one run in five), not a percentage."""
    for eid, ev in ctx.plan.risk.events.items():
        if not 0 <= ev.probability <= 1:
            hint = f"probability = {ev.probability / 100:g}" if 1 < ev.probability <= 100 \
                else "probability = 0.2  # one run in five"
            yield Diagnostic("E102", f"probability {ev.probability:g} of risk event '{eid}' "
                             "is outside 0..1", path=("risk", "events", eid, "probability"),
                             hint=hint)


@check("E103", "bad delay range")
def delays(ctx: Context) -> Iterator[Diagnostic]:
    """A risk event's `delay = [lo, hi]` must be two whole working days with
    0 <= lo <= hi; each run that the event happens in draws one whole number in it."""
    for eid, ev in ctx.plan.risk.events.items():
        d = ev.delay
        if len(d) != 2 or d[0] > d[1]:
            yield Diagnostic("E103", f"delay {list(d)} of risk event '{eid}' must be "
                             "[lo, hi] working days with lo <= hi",
                             path=("risk", "events", eid, "delay"), hint="delay = [5, 15]")


@check("E101", "risk event names an unknown task")
def event_tasks(ctx: Context) -> Iterator[Diagnostic]:
    """A risk event's `tasks` names an id that is neither a task nor a workstream of the
    plan. Template tasks are named by their generated id (site-key, e.g. 'esc-email')."""
    if not ctx.plan.risk.events:
        return
    known = {*ctx.plan.task, *ctx.plan.workstream}
    for eid, ev in ctx.plan.risk.events.items():
        for k, ref in enumerate(ev.tasks):
            if ref not in known:
                yield Diagnostic("E101", f"risk event '{eid}' names unknown task '{ref}'",
                                 path=("risk", "events", eid, "tasks", k),
                                 hint=did_you_mean(ref, known)
                                 or "name a task id or a workstream id of the plan")


@check("W010", "risk event affects no task")
def empty_events(ctx: Context) -> Iterator[Diagnostic]:
    """A risk event has an empty `tasks` list, so it changes no run. List the tasks it
    delays."""
    for eid, ev in ctx.plan.risk.events.items():
        if not ev.tasks:
            yield Diagnostic("W010", f"risk event '{eid}' lists no task, so it delays nothing",
                             path=("risk", "events", eid, "tasks"),
                             hint='tasks = ["task-id", ...]')
