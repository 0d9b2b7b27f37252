"""The report as data: every section computed once, in one language, for every format.

The terminal, HTML, Markdown and JSON reports all render this structure, so they always say
the same thing. Nothing here formats for a medium; dates stay `datetime.date`.

Sections: summary, gantt, readiness (per transfer: date, readiness work done/remaining at the
status date, float before the transfer and the RAG status computed from it), coverage (who
provides each service to whom, when), staff (headcount by transfer), resources (weekly load
against capacity), deadlines, problems.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic
from ..migration import Migration
from ..model import Plan
from ..plan_index import PlanIndex
from ..schedule import Schedule, ScheduledTask
from .i18n import SECTIONS

if TYPE_CHECKING:
    from ..baseline import TaskVariance, Variance
    from ..risk.result import RiskResult

# Report rows are frozen dataclasses; a field whose JSON key differs from its Python name
# (``from``, ``to``, ``float``) says so in its metadata (see report_json).


#: The sections `build` makes by default: all but ``risk``, whose Monte Carlo figures are
#: not built here but attached by `RenderContext.report` (when the plan has ranges or events).
BUILT_SECTIONS = tuple(s for s in SECTIONS if s != "risk")


@dataclass
class ReportOptions:
    lang: str = "en"
    sections: tuple[str, ...] = BUILT_SECTIONS
    as_of: dt.date | None = None
    detail: bool = False  # all tasks in the terminal Gantt, not only workstreams


@dataclass(frozen=True)
class GanttRow:
    kind: str  # "workstream" | "task" | "milestone"
    id: str
    name: str
    start: dt.date
    finish: dt.date
    critical: bool
    level: int
    total_float: int | None = None
    milestones: list[tuple[dt.date, str, bool]] = field(default_factory=list)
    depends: list[str] = field(default_factory=list)
    workstream: str | None = None
    #: The baseline's start and finish (None: no baseline, or the baseline lacks the row).
    baseline: tuple[dt.date, dt.date] | None = None
    #: Percent of the work done at the status date (None: the plan tracks no progress);
    #: a workstream's is its tasks' weighted by duration.
    done_pct: int | None = None


@dataclass(frozen=True)
class Summary:
    """The headline figures."""

    start: dt.date
    finish: dt.date
    working_days: int
    tasks: int
    milestones: int
    critical_tasks: int
    critical_path_days: int
    deadlines_met: int
    deadlines_missed: int
    transfers: int
    staff_moving: int
    problems: int  # errors only
    levelled: bool
    moved_by_resources: int


@dataclass(frozen=True)
class ReadinessRow:
    """One transfer: its readiness work at the status date and the RAG status from float."""

    transfer: str
    site: str
    date: dt.date | None
    source: str = field(metadata={"key": "from"})
    target: str = field(metadata={"key": "to"})
    tasks: int
    done: int
    remaining: int
    float_days: int | None = field(metadata={"key": "float"})
    late: list[str]
    rag: str  # "green" | "amber" | "red"


@dataclass(frozen=True)
class CoverageRow:
    """One provision: a provider serving one consumer a service, from a date until one."""

    service: str
    service_name: str
    consumer: str
    consumer_id: str
    consumer_kind: str
    provider: str
    provider_id: str
    start: dt.date = field(metadata={"key": "from"})
    until: dt.date | None  # None: open-ended


@dataclass(frozen=True)
class CoverageGroup:
    """Provisions of one service by one provider to one kind of consumer, condensed."""

    service: str
    service_name: str
    provider: str
    provider_id: str
    kind: str
    consumers: list[str]
    start: tuple[dt.date, dt.date]  # earliest and latest start
    until: tuple[dt.date | None, dt.date | None]  # earliest and latest end (None: open)


@dataclass(frozen=True)
class StaffRow:
    transfer: str
    date: dt.date | None
    source: str = field(metadata={"key": "from"})
    target: str = field(metadata={"key": "to"})
    headcount: int
    groups: int


@dataclass(frozen=True)
class ResourceRow:
    id: str
    name: str
    capacity: int
    peak: int
    weeks: list[tuple[dt.date, int]]  # Monday -> the week's peak use, idle weeks at 0


@dataclass(frozen=True)
class DelayRow:
    """A task levelling moved: when it could have started, and what held it."""

    id: str
    name: str
    earliest: dt.date
    start: dt.date
    resources: list[str]
    blocking: list[str]


@dataclass(frozen=True)
class DeadlineRow:
    id: str
    name: str
    finish: dt.date
    deadline: dt.date | None
    float_days: int | None = field(metadata={"key": "float"})  # None: the task is done
    met: bool


@dataclass(frozen=True)
class ProblemRow:
    code: str
    severity: str
    message: str
    where: str  # FILE:LINE:COL, or "" when the problem has no place


@dataclass
class Report:
    lang: str
    title: str
    as_of: dt.date
    sections: tuple[str, ...]
    summary: Summary
    gantt: list[GanttRow]  # workstreams (and loose tasks), or every task with --detail
    gantt_hidden: int
    gantt_full: list[GanttRow]  # every task under its workstream
    readiness: list[ReadinessRow]
    rag_rule: tuple[int, int]
    coverage: list[CoverageRow]
    staff: list[StaffRow]
    resources: list[ResourceRow]
    delays: list[DelayRow]
    deadlines: list[DeadlineRow]
    problems: list[ProblemRow]
    span: tuple[dt.date, dt.date]
    #: The Monte Carlo figures of the risk section (set by `RenderContext.report` when the
    #: plan has ranges or events and the section is asked for).
    risk: RiskResult | None = None
    #: The status date the Gantt draws (``--as-of`` or ``project.status_date``; None: none).
    status_date: dt.date | None = None


def _name(obj: Any, lang: str, fallback: str) -> str:
    if obj is None:
        return fallback
    if lang == "fr" and getattr(obj, "name_fr", None):
        return str(obj.name_fr)
    return str(getattr(obj, "name", None) or fallback)


def build(plan: Plan, sched: Schedule, mig: Migration | None, diags: list[Diagnostic],
          opts: ReportOptions, index: PlanIndex | None = None,
          variance: Variance | None = None) -> Report:
    """The report of ``plan`` as scheduled; ``index`` is the plan's index (built here when
    the caller has none); ``variance`` the schedule against a baseline (the Gantt's
    baseline bars)."""
    index = index if index is not None else PlanIndex(plan)
    lang = opts.lang
    tasks = {t.id: t for t in sched.tasks}
    as_of = opts.as_of or plan.project.status_date or plan.project.start
    crit = sched.critical_path
    deadlines = [t for t in sched.tasks if t.deadline is not None]
    missed_ids = sched.deadlines_missed
    missed = [t for t in deadlines if t.id in missed_ids]
    working_days = 0
    if sched.tasks:
        working_days = max(t.early_start + t.duration for t in sched.tasks) - \
            min(t.early_start for t in sched.tasks)
    summary = Summary(
        start=sched.first_start, finish=sched.finish, working_days=working_days,
        tasks=len(sched.tasks), milestones=sum(t.milestone for t in sched.tasks),
        critical_tasks=len(crit),
        critical_path_days=(max(t.early_start + t.duration for t in crit)
                            - min(t.early_start for t in crit)) if crit else 0,
        deadlines_met=len(deadlines) - len(missed), deadlines_missed=len(missed),
        transfers=len(mig.transfers) if mig else 0,
        staff_moving=sum(x.headcount for x in mig.transfers) if mig else 0,
        problems=sum(1 for d in diags if d.severity.value == "error"),
        levelled=sched.levelled,
        moved_by_resources=sum(1 for t in sched.tasks if t.delay is not None),
    )
    base = dict(zip((t.id for t in sched.tasks), variance.tasks, strict=True)) \
        if variance is not None else {}
    track = sched.status_date is not None
    full, _ = _gantt(index, tasks, lang, True, base, track)
    gantt, hidden = (full, 0) if opts.detail else _gantt(index, tasks, lang, False, base, track)
    lo = min((r.start for r in full), default=plan.project.start)
    hi = max((r.finish for r in full), default=plan.project.start)
    green = plan.transition.readiness_green_days
    amber = plan.transition.readiness_amber_days
    return Report(
        lang=lang,
        title=_name(plan.project, lang, plan.project.name),
        as_of=as_of,
        sections=opts.sections,
        summary=summary,
        gantt=gantt,
        gantt_hidden=hidden,
        gantt_full=full,
        readiness=_readiness(index, tasks, mig, as_of, lang, green, amber),
        rag_rule=(green, amber),
        coverage=_coverage(plan, mig, lang),
        staff=_staff(plan, mig, lang),
        resources=_resources(sched, lang, plan),
        delays=[DelayRow(t.id, _name(plan.task.get(t.id), lang, t.id),
                         t.delay.earliest_start, t.start,
                         [_name(plan.resource.get(r), lang, r) for r in t.delay.resources],
                         [_name(plan.task.get(b), lang, b)
                          for bs in t.delay.blocking_tasks.values() for b in bs])
                for t in sched.tasks if t.delay is not None],
        deadlines=[DeadlineRow(t.id, _name(plan.task.get(t.id), lang, t.id), t.finish,
                               t.deadline, t.total_float, t.id not in missed_ids)
                   for t in deadlines],
        problems=[ProblemRow(d.code, d.severity.value, d.message,
                             f"{d.file}:{d.line}:{d.column}" if d.file else "")
                  for d in diags],
        span=(lo, hi),
        status_date=opts.as_of or plan.project.status_date,
    )


def done_pct(t: ScheduledTask) -> int:
    """Percent of a task's work done at the status date: 100 when done, 0 when not started;
    under way, the share of its duration not remaining (the contract's percent rule read
    backwards)."""
    if t.status == "done":
        return 100
    if t.status != "in progress" or t.remaining is None:
        return 0
    if not t.duration:
        return 0
    return max(0, min(99, round(100 * (t.duration - t.remaining) / t.duration)))


def _gantt(index: PlanIndex, tasks: dict[str, ScheduledTask], lang: str, detail: bool,
           base: dict[str, TaskVariance], track: bool) -> tuple[list[GanttRow], int]:
    """The plan's outline as Gantt rows: workstreams with scheduled work, their tasks (with
    ``detail``; else counted as hidden), then every task not shown under a workstream.
    ``base``: each task's baseline dates; ``track``: the plan has progress."""
    plan = index.plan
    rows: list[GanttRow] = []
    shown: set[str] = set()
    hidden = 0

    def task_row(tid: str, level: int) -> GanttRow:
        t = tasks[tid]
        spec = plan.task[tid]
        deps = [d if isinstance(d, str) else d.task for d in spec.depends]
        return GanttRow("milestone" if t.milestone else "task", tid, _name(spec, lang, tid),
                        t.start, t.finish, t.critical, level, t.total_float,
                        depends=[d for d in deps if d in tasks], workstream=spec.workstream,
                        baseline=baseline_of([tid]), done_pct=done_pct(t) if track else None)

    def baseline_of(ids: list[str]) -> tuple[dt.date, dt.date] | None:
        got = [(v.baseline_start, v.baseline_finish) for v in map(base.get, ids)
               if v is not None and v.baseline_start and v.baseline_finish]
        return (min(a for a, _ in got), max(b for _, b in got)) if got else None

    for row in index.outline():
        if row.kind == "task":
            if row.level == 0 or row.id not in tasks:
                continue  # loose tasks come last, below
            if detail:
                rows.append(task_row(row.id, row.level))
            else:
                hidden += 1
            shown.add(row.id)
            continue
        ts = [tasks[m] for m in index.members.get(row.id, []) if m in tasks]
        if not ts:
            continue
        ms = [(t.start, _name(plan.task[t.id], lang, t.id), t.critical) for t in ts
              if t.milestone]
        work = sum(t.duration for t in ts)
        pct = (round(sum(t.duration * done_pct(t) for t in ts) / work) if work else
               round(sum(done_pct(t) for t in ts) / len(ts))) if track else None
        rows.append(GanttRow("workstream", row.id, _name(plan.workstream[row.id], lang, row.id),
                             min(t.start for t in ts), max(t.finish for t in ts),
                             any(t.critical for t in ts), row.level, milestones=ms,
                             baseline=baseline_of([t.id for t in ts]), done_pct=pct))
    rows.extend(task_row(tid, 0) for tid in plan.task if tid in tasks and tid not in shown)
    return rows, hidden


def rag(float_days: int | None, late: bool, green: int, amber: int) -> str:
    """Red/amber/green from the readiness float before a transfer (never typed in)."""
    if late or float_days is None or float_days < amber:
        return "red"
    return "green" if float_days >= green else "amber"


def _readiness(index: PlanIndex, tasks: dict[str, ScheduledTask], mig: Migration | None,
               as_of: dt.date, lang: str, green: int, amber: int) -> list[ReadinessRow]:
    if mig is None:
        return []
    plan = index.plan
    out = []
    # A site is named by the workstream of its transfer milestone, unless several transfers
    # share that milestone (the merger: three bodies join HSSO on one day): then by the
    # organisation that moves.
    at = Counter(tr.on for tr in plan.transfer.values() if isinstance(tr.on, str))
    for tv in sorted(mig.transfers, key=lambda x: (x.date or dt.date.max, x.id)):
        tr = plan.transfer[tv.id]
        items = [x.task for x in index.readiness.get(tv.id, []) if x.task in tasks]
        done = sum(1 for m in items if tasks[m].finish < as_of)
        on = plan.task.get(tr.on) if isinstance(tr.on, str) and at[tr.on] == 1 else None
        ws = plan.workstream.get(on.workstream) if on is not None and on.workstream else None
        site = _name(ws, lang, "") or _name(plan.org.get(tv.source), lang, tv.source)
        out.append(ReadinessRow(
            transfer=tv.id, site=site, date=tv.date,
            source=_name(plan.org.get(tv.source), lang, tv.source),
            target=_name(plan.org.get(tv.target), lang, tv.target),
            tasks=len(items), done=done, remaining=len(items) - done,
            float_days=tv.float_days, late=list(tv.readiness_late),
            rag=rag(tv.float_days, bool(tv.readiness_late), green, amber),
        ))
    return out


def condensed_coverage(rows: list[CoverageRow]) -> list[CoverageGroup]:
    """Coverage grouped by service, provider and the kind of consumer: one line for
    "HSSO serves the 14 CCACs from 1 March until each one's transfer" instead of fourteen."""
    groups: dict[tuple[str, str, str], list[CoverageRow]] = {}
    for r in rows:
        groups.setdefault((r.service, r.provider_id, r.consumer_kind), []).append(r)
    out = []
    for (_, _, kind), rs in groups.items():
        froms = sorted({r.start for r in rs})
        untils = sorted({r.until for r in rs}, key=lambda d: d or dt.date.max)
        out.append(CoverageGroup(
            service=rs[0].service, service_name=rs[0].service_name,
            provider=rs[0].provider, provider_id=rs[0].provider_id, kind=kind,
            consumers=[r.consumer for r in rs],
            start=(froms[0], froms[-1]), until=(untils[0], untils[-1]),
        ))
    return out


def _coverage(plan: Plan, mig: Migration | None, lang: str) -> list[CoverageRow]:
    if mig is None:
        return []
    return [CoverageRow(
        service=c.service,
        service_name=_name(plan.service.get(c.service), lang, c.service),
        consumer=_name(plan.org.get(c.consumer), lang, c.consumer),
        consumer_id=c.consumer,
        consumer_kind=plan.org[c.consumer].kind if c.consumer in plan.org else "other",
        provider=_name(plan.org.get(c.provider), lang, c.provider),
        provider_id=c.provider, start=c.start, until=c.until,
    ) for c in mig.coverage]


def _staff(plan: Plan, mig: Migration | None, lang: str) -> list[StaffRow]:
    if mig is None:
        return []
    return [StaffRow(t.id, t.date, _name(plan.org.get(t.source), lang, t.source),
                     _name(plan.org.get(t.target), lang, t.target), t.headcount, len(t.staff))
            for t in sorted(mig.transfers, key=lambda x: (x.date or dt.date.max, x.id))]


def _resources(sched: Schedule, lang: str, plan: Plan) -> list[ResourceRow]:
    load = sched.resource_load()
    out = []
    for r in sched.resources:
        days = load.get(r.id, {})
        weeks: dict[dt.date, int] = {}
        for day, used in days.items():
            monday = day - dt.timedelta(days=day.weekday())
            weeks[monday] = max(weeks.get(monday, 0), used)
        if weeks:  # every week from the first use to the last, idle weeks at zero
            monday, last = min(weeks), max(weeks)
            while monday < last:
                monday += dt.timedelta(days=7)
                weeks.setdefault(monday, 0)
        spec = plan.resource.get(r.id)
        out.append(ResourceRow(r.id, _name(spec, lang, r.name), r.capacity,
                               max(days.values(), default=0), sorted(weeks.items())))
    return out
