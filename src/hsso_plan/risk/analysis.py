"""The risk use case: a checked plan and its deterministic schedule in, a `RiskResult` out.

    inputs (ranges, factors, events) -> samples (every run's durations)
    -> network (+ the levelled order of each resource) -> engine (every run's schedule)
    -> figures (percentiles, probabilities, criticality, sensitivity, errors)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from ..plan_index import PlanIndex
from ..progress import DONE
from ..scheduling.network import Network, build_network
from .engine import Pins, Progress, Runs, simulate
from .figures import (
    percentile_rows,
    percentiles,
    prob_se,
    quantile_se,
    rank_correlations,
    row_ranks,
)
from .inputs import RiskInputs, risk_inputs
from .resources import with_resource_order
from .result import (
    LEVELS,
    DeadlineRisk,
    Driver,
    EventRisk,
    HandOver,
    RiskResult,
    TaskRisk,
    TransferRisk,
)
from .sampling import Samples, sample

if TYPE_CHECKING:
    from ..app import Outcome
    from ..calendars import WorkCalendar
    from ..loading import Origin
    from ..model import Plan
    from ..render.registry import RenderContext
    from ..schedule import Schedule

I64 = NDArray[np.int64]
TOP_DRIVERS = 10
TOP_TRANSFER_DRIVERS = 5


def analyse_risk(plan: Plan, sched: Schedule, cals: dict[str | None, WorkCalendar],
                 iterations: int, seed: int, *,
                 origin: dict[tuple[str, str], Origin] | None = None,
                 progress: Callable[[float], None] | None = None) -> RiskResult:
    """Run ``iterations`` runs of ``plan`` (``origin``: where entries came from, for
    templates and sites; ``progress``: called with the share of the work done, 0..1: the
    samples, the runs' passes, then the figures).

    The plan's progress holds in every run (`engine.Pins.of`): done work is fixed, work
    under way samples only what remains, nothing not started starts before the status
    date."""
    org = origin or {}
    pr = plan_runs(plan, sched, cals, iterations, seed, origin=org,
                   progress=_part(progress, 0.0, 0.6))
    fig = _Figures(plan, sched, cals, pr.index, pr.inputs, pr.samples, pr.runs, org, pr.net,
                   _part(progress, 0.6, 1.0))
    return fig.result(pr.links, seed)


def _part(progress: Progress | None, lo: float, hi: float) -> Progress | None:
    """``progress`` for a part of the work: its share 0..1 reported as lo..hi."""
    if progress is None:
        return None
    report = progress
    return lambda f: report(lo + (hi - lo) * f)


@dataclass(frozen=True)
class PlanRuns:
    """Every run of a plan and what went into them (before the figures)."""

    net: Network
    links: int  # levelled-order links added
    index: PlanIndex
    pins: Pins | None
    inputs: RiskInputs
    samples: Samples
    runs: Runs


def plan_runs(plan: Plan, sched: Schedule, cals: dict[str | None, WorkCalendar],
              iterations: int, seed: int, *,
              origin: dict[tuple[str, str], Origin] | None = None,
              progress: Callable[[float], None] | None = None) -> PlanRuns:
    """The network (with the levelled order of a levelled ``sched``), the plan's progress
    as pins, the samples and every run's schedule."""
    net = build_network(plan, cals)
    links = 0
    if sched.levelled:
        net, links = with_resource_order(net, [t.early_start for t in sched.tasks])
    index = PlanIndex(plan, cals)
    tmpl = {tid: o.template for (sec, tid), o in (origin or {}).items()
            if sec == "task" and o.template}
    pins = Pins.of(net)
    inp = risk_inputs(plan, index, tmpl, pins)
    smp = sample(inp, pins.work(net.dur) if pins else list(net.dur), iterations, seed)
    if progress is not None:
        progress(0.3)  # sampling is about a third of the runs' time
    span = max((t.early_start + t.duration for t in sched.tasks), default=0) + 64 + \
        sum(r.hi - r.mode for r in inp.ranged) + sum(e.hi * len(e.tasks) for e in inp.events)
    runs = simulate(net, smp.dur, iterations, pins, _part(progress, 0.3, 1.0), span)
    return PlanRuns(net, links, index, pins, inp, smp, runs)


def risk_of(outcome: Outcome, iterations: int, seed: int,
            progress: Callable[[float], None] | None = None) -> RiskResult:
    """The risk of a loaded and scheduled plan (``progress``: see `analyse_risk`)."""
    from ..scheduling import make_calendars

    plan, sched = outcome.loaded.plan, outcome.schedule
    if plan is None or sched is None:
        raise ValueError("risk_of needs a plan that was loaded and scheduled")
    return analyse_risk(plan, sched, make_calendars(plan), iterations, seed,
                        origin=outcome.loaded.origin, progress=progress)


def risk_of_context(ctx: RenderContext) -> RiskResult:
    """The risk of the plan a renderer draws (the `risk` command's outputs and the report's
    risk section), with the context's options ``iterations``, ``seed`` and ``progress`` (a
    callback the CLI may pass to draw a progress bar; nothing here prints)."""
    o = ctx.options
    cals = ctx.index.calendars
    if cals is None:
        raise ValueError("the render context's plan index has no calendars")
    return analyse_risk(ctx.plan, ctx.schedule, cals, o.iterations, o.seed,
                        origin=ctx.origin, progress=o.progress)


class _Figures:
    def __init__(self, plan: Plan, sched: Schedule, cals: dict[str | None, WorkCalendar],
                 index: PlanIndex, inp: RiskInputs, smp: Samples, runs: Runs,
                 origin: dict[tuple[str, str], Origin], net: Network,
                 progress: Progress | None = None) -> None:
        self.plan, self.sched, self.index, self.inp = plan, sched, index, inp
        self.actual = net.actual
        self.event_ranks: NDArray[np.float64] | None = None
        self.progress = progress
        self.smp, self.r, self.origin = smp, runs, origin
        self.default = cals[None]
        self.cal = [index.calendar_of(t) for t in plan.task]
        self.ids = list(plan.task)
        self.n = runs.runs

    # -- conversions -----------------------------------------------------------------------
    def ordinals(self, t: int, idx: NDArray[np.int32]) -> I64:
        """Ordinals of working-day indices of task ``t``'s calendar."""
        if not self.r.single:
            return self.r.tables.ordinal(self.cal[t], idx)
        vals, inv = np.unique(idx, return_inverse=True)
        table = np.array([self.cal[t].ordinal(int(v)) for v in vals], dtype=np.int64)
        out: I64 = table[inv.reshape(-1)]
        return out

    def rank_in(self, c: WorkCalendar, ordinal: I64) -> NDArray[np.int32]:
        if not self.r.single:
            return self.r.tables.rank(c, ordinal)
        vals, inv = np.unique(ordinal, return_inverse=True)
        table = np.array([c.rank(int(v)) for v in vals], dtype=np.int32)
        out: NDArray[np.int32] = table[inv.reshape(-1)]
        return out

    def dates(self, c: WorkCalendar, idx: list[int]) -> dict[str, dt.date]:
        return {k: c.date(v) for (k, _), v in zip(LEVELS, idx, strict=True)}

    # -- figures ---------------------------------------------------------------------------
    def result(self, links: int, seed: int) -> RiskResult:
        r, n = self.r, self.n
        fin = np.maximum(r.end - 1, r.start)
        det = self.sched.finish
        if not len(fin):  # a plan without tasks: it finishes where it starts
            pf_idx = np.zeros(n, dtype=np.int32)
            pf_ord = np.full(n, det.toordinal(), dtype=np.int64)
        elif r.single:
            pf_idx = fin.max(axis=0)
            pf_ord = self.ordinals(0, pf_idx)
        else:
            pf_ord = np.max(np.stack([self.ordinals(t, fin[t]) for t in range(len(fin))]),
                            axis=0)
            pf_idx = self.rank_in(self.default, pf_ord)
        finish = {k: dt.date.fromordinal(v) for (k, _), v in
                  zip(LEVELS, percentiles(pf_ord), strict=True)}
        srt = np.sort(pf_idx)
        se = {k: round(quantile_se(srt, q / 100), 2) for k, q in LEVELS}
        shift = float(pf_idx.mean()) - self.default.rank_date(det) if n else 0.0
        vals, counts = np.unique(pf_ord, return_counts=True)
        hist = [(dt.date.fromordinal(int(v)), int(c)) for v, c in zip(vals, counts,
                                                                     strict=True)]
        drivers = self.drivers(pf_idx, TOP_DRIVERS, signed=True)
        self.step(0.2)
        tasks = self.tasks(fin)
        self.step(0.4)
        transfers = self.transfers()  # steps to 0.95
        out = RiskResult(
            self.plan.project.name, n, seed, self.inp.distribution, det, finish, se,
            round(shift, 2), hist, tasks, self.deadlines(), transfers,
            drivers, self.handovers(), self.events(), len(self.inp.ranged), links,
            self.sched.levelled, status_date=self.plan.project.status_date,
            done_tasks=sum(a.status == DONE for a in self.actual.values()),
            under_way_tasks=sum(a.status != DONE for a in self.actual.values()))
        self.step(1.0)
        return out

    def step(self, share: float) -> None:
        if self.progress is not None:
            self.progress(share)

    def tasks(self, fin: NDArray[np.int32]) -> list[TaskRisk]:
        p = percentile_rows(fin) if len(fin) else np.zeros((0, 4), dtype=np.int64)
        unc = {u.task for u in self.inp.ranged} | {t for e in self.inp.events for t in e.tasks}
        out = []
        for t, st in enumerate(self.sched.tasks):
            act = self.actual.get(t)
            done = act is not None and act.status == DONE  # its actual finish, even off
            out.append(TaskRisk(st.id, st.name, st.milestone, st.finish,  # the calendar
                                {k: st.finish for k, _ in LEVELS} if done else
                                self.dates(self.cal[t], [int(x) for x in p[t]]),
                                round(float(self.r.critical[t]) / self.n, 4), t in unc))
        return out

    def deadlines(self) -> list[DeadlineRisk]:
        out = []
        for t, (tid, spec) in enumerate(self.plan.task.items()):
            d = spec.finish_no_later_than
            if d is None:
                continue
            last = self.cal[t].index_of_last_on_or_before(d)
            p = float(np.count_nonzero(self.r.end[t] <= last + 1)) / self.n
            out.append(DeadlineRisk(tid, spec.name, d, round(p, 4),
                                    round(prob_se(p, self.n), 4)))
        return out

    def transfers(self) -> list[TransferRisk]:
        pos = self.index.task_order
        out = []
        for k, (tid, tr) in enumerate(self.plan.transfer.items()):
            self.step(0.4 + 0.55 * k / len(self.plan.transfer))
            m = self.index.transfer_milestone(tid)
            items = [pos[x.task] for x in self.index.readiness[tid]]
            if m is not None:
                mi = pos[m]
                d_idx = self.r.start[mi]
                d_ord = self.ordinals(mi, d_idx)
                fixed = self.plan.task[m].start_on is not None
                dates = self.dates(self.cal[mi], percentiles(d_idx))
                det: dt.date | None = self.sched.tasks[mi].start
            elif isinstance(tr.on, dt.date):
                d_ord = np.full(self.n, tr.on.toordinal(), dtype=np.int64)
                fixed, det = True, tr.on
                dates = {k: tr.on for k, _ in LEVELS}
            else:
                continue
            slack = np.full(self.n, 10**6, dtype=np.int64)
            due: dict[int, NDArray[np.int32]] = {}  # the date in each readiness calendar
            for t in items:
                c = self.cal[t]
                if id(c) not in due:
                    due[id(c)] = self.rank_in(c, d_ord)
                slack = np.minimum(slack, due[id(c)] - self.r.end[t])
            p = float(np.count_nonzero(slack >= 0)) / self.n if items else 1.0
            o = self.origin.get(("transfer", tid))
            out.append(TransferRisk(
                tid, tr.name or tid, o.site if o is not None else None, det, fixed, dates,
                round(p, 4), round(prob_se(p, self.n), 4),
                {k: v for (k, _), v in zip(LEVELS, percentiles(slack), strict=True)}
                if items else {}, len(items),
                tuple(self.drivers(-slack, TOP_TRANSFER_DRIVERS, signed=False))
                if items else ()))
        return out

    def drivers(self, outcome: NDArray[np.int32] | I64, top: int,
                signed: bool) -> list[Driver]:
        """The inputs most rank-correlated with ``outcome`` (largest first)."""
        if self.inp.empty or not self.n:
            return []
        if self.event_ranks is None:
            self.event_ranks = row_ranks(self.smp.delays)
        ct, ce = rank_correlations(self.smp.quantiles, self.event_ranks, outcome)
        rows = [Driver("task", self.ids[u.task], self.plan.task[self.ids[u.task]].name,
                       round(float(c), 3)) for u, c in zip(self.inp.ranged, ct, strict=True)]
        rows += [Driver("event", e.id, e.name, round(float(c), 3))
                 for e, c in zip(self.inp.events, ce, strict=True)]
        key = (lambda d: (-abs(d.correlation), d.kind, d.id)) if signed else \
            (lambda d: (-d.correlation, d.kind, d.id))
        rows.sort(key=key)
        return [d for d in rows[:top] if abs(d.correlation) >= 0.005]

    def handovers(self) -> list[HandOver]:
        pos = self.index.task_order
        tasks = self.plan.task

        def proj(tid: str) -> NDArray[np.int32]:
            t = pos[tid]
            if self.r.single:
                row: NDArray[np.int32] = self.r.start[t]
                return row
            return self.rank_in(self.default, self.ordinals(t, self.r.start[t]))

        out = []
        for sid, svc in self.plan.service.items():
            for p in svc.providers:
                if not isinstance(p.until, str) or p.until not in tasks:
                    continue
                for q in svc.providers:
                    if q is p or q.org == p.org or not isinstance(q.start, str) \
                            or q.start not in tasks:
                        continue
                    du = self.sched.tasks[pos[p.until]].early_start
                    dq = self.sched.tasks[pos[q.start]].early_start
                    if self.cal[pos[p.until]] is self.cal[pos[q.start]] and \
                            not 0 <= du - dq <= svc.parallel_run:
                        continue  # not planned as a hand-over
                    u, f = proj(p.until), proj(q.start)
                    gap = float(np.count_nonzero(f > u)) / self.n
                    over = float(np.count_nonzero(u - f > svc.parallel_run)) / self.n
                    out.append(HandOver(sid, p.org, q.org, p.until, q.start,
                                        svc.parallel_run, round(gap, 4), round(over, 4)))
        return out

    def events(self) -> list[EventRisk]:
        return [EventRisk(e.id, e.name, e.probability,
                          round(float(np.count_nonzero(self.smp.happened[j])) / self.n, 4),
                          len(e.tasks)) for j, e in enumerate(self.inp.events)]
