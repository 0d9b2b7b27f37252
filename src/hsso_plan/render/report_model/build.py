"""The report as data: every section computed once, in one language, for every format.

The terminal, HTML, Markdown and JSON reports all render this structure, so they always say
the same thing. Nothing here formats for a medium; dates stay `datetime.date`.

Sections: summary (key dates, the driving path, top issues), gantt, readiness (per transfer:
date, readiness work done/remaining/behind at the status date, float before the transfer and
the RAG status computed from it, the driving path of the readiness), look-ahead, coverage
(who provides each service to whom, when), staff (headcount by transfer), resources (weekly
load against capacity), deadlines, problems. The status-date rules live in `present`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING

from ...diagnostics import Diagnostic
from ...migration import Migration
from ...model import Plan
from ...plan_index import PlanIndex
from ...schedule import Schedule, ScheduledTask
from . import present
from .rows import (
    DeadlineRow,
    DelayRow,
    GanttRow,
    ProblemRow,
    ReadinessRow,
    Report,
    ReportOptions,
    Summary,
)
from .sections import _coverage, _name, _resources, _staff

if TYPE_CHECKING:
    from ...calendars import WorkCalendar
    from ...risk.result import RiskResult

__all__ = ["attach_risk", "build", "rag"]


def _calendars(index: PlanIndex) -> dict[str | None, WorkCalendar]:
    """The plan's calendars (the index's, else made here); key None: the default."""
    cals = index.calendars
    if cals is None or None not in cals:
        from ...scheduling.network import make_calendars

        cals = make_calendars(index.plan)
    return cals


def _window_end(cals: dict[str | None, WorkCalendar], as_of: dt.date, days: int) -> dt.date:
    """The ``days``-th working day of the project's default calendar after ``as_of``."""
    cal = cals[None]
    n = cal.rank(as_of.toordinal() + 1)
    return cal.date(n + max(days, 1) - 1)


def _slack(cal: WorkCalendar, t: ScheduledTask, deadline: dt.date) -> int:
    """Working days from a task's last day of work to its deadline (0: on it; negative:
    after it). A milestone's work ends the working day before its date (the date model:
    a milestone dated the working day after its deadline meets it)."""
    last = cal.index_of_last_on_or_before(t.finish) - (1 if t.milestone else 0)
    return cal.index_of_last_on_or_before(deadline) - last


def build(plan: Plan, sched: Schedule, mig: Migration | None, diags: list[Diagnostic],
          opts: ReportOptions, index: PlanIndex | None = None) -> Report:
    """The report of ``plan`` as scheduled; ``index`` is the plan's index (built here when
    the caller has none)."""
    index = index if index is not None else PlanIndex(plan)
    lang = opts.lang
    tasks = {t.id: t for t in sched.tasks}
    as_of = opts.as_of or plan.project.status_date or plan.project.start
    tracked = sched.status_date is not None
    order = index.task_order
    near = opts.near_critical
    crit = sched.critical_path
    path = present.project_driving_path(sched, tasks, order)
    on_path = set(path)
    deadlines = [t for t in sched.tasks if t.deadline is not None]
    missed_ids = sched.deadlines_missed
    cals = _calendars(index)
    deadline_rows = []
    for t in deadlines:
        spec = plan.task.get(t.id)
        cal = cals.get(spec.calendar if spec else None) or cals[None]
        slack = _slack(cal, t, t.deadline) if t.deadline else None
        st = present.deadline_status(t, as_of, tracked, t.id in missed_ids, near, slack)
        deadline_rows.append(DeadlineRow(t.id, _name(spec, lang, t.id), t.finish, t.deadline,
                                         t.total_float, st == "met", st, slack))
    status = Counter(d.status for d in deadline_rows)
    working_days = 0
    if sched.tasks:
        working_days = max(t.early_start + t.duration for t in sched.tasks) - \
            min(t.early_start for t in sched.tasks)
    full, _ = _gantt(index, tasks, lang, True, on_path, near)
    gantt, hidden = (full, 0) if opts.detail else _gantt(index, tasks, lang, False, on_path,
                                                         near)
    lo = min((r.start for r in full), default=plan.project.start)
    hi = max((r.finish for r in full), default=plan.project.start)
    green = plan.transition.readiness_green_days
    amber = plan.transition.readiness_amber_days
    readiness = _readiness(index, tasks, mig, as_of, lang, green, amber, tracked)
    info = {t.id: _info(plan, t.id, lang) for t in sched.tasks}
    end = _window_end(cals, as_of, opts.lookahead)
    look = present.lookahead(sched.tasks, as_of, end, tracked, info)
    problems = [ProblemRow(d.code, d.severity.value, d.message,
                           f"{d.file}:{d.line}:{d.column}" if d.file else "")
                for d in diags]
    summary = Summary(
        start=sched.first_start, finish=sched.finish, working_days=working_days,
        tasks=len(sched.tasks), milestones=sum(t.milestone for t in sched.tasks),
        critical_tasks=len(crit),
        critical_path_days=(max(t.early_start + t.duration for t in crit)
                            - min(t.early_start for t in crit)) if crit else 0,
        deadlines_met=status["met"], deadlines_missed=status["missed"],
        transfers=len(mig.transfers) if mig else 0,
        staff_moving=sum(x.headcount for x in mig.transfers) if mig else 0,
        problems=sum(1 for d in diags if d.severity.value == "error"),
        levelled=sched.levelled,
        moved_by_resources=sum(1 for t in sched.tasks if t.delay is not None),
        status_date=sched.status_date,
        driving_path=path, driving_names=[info[i][0] for i in path],
        driving_root=tasks[path[0]].driver.kind if path else "",
        near_critical=sum(1 for r in full if r.near_critical),
        near_critical_days=near,
        deadlines_on_track=status["on track"], deadlines_at_risk=status["at risk"],
        warnings=sum(1 for d in diags if d.severity.value == "warning"),
        late_tasks=sum(1 for x in look if x.kind == "late"),
        next_transfers=_next_transfers(readiness, as_of),
        done_tasks=sum(1 for t in sched.tasks if present.is_done(t, as_of, tracked)),
    )
    return Report(
        lang=lang,
        title=_name(plan.project, lang, plan.project.name),
        as_of=as_of,
        sections=opts.sections,
        summary=summary,
        gantt=gantt,
        gantt_hidden=hidden,
        gantt_full=full,
        readiness=readiness,
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
        deadlines=deadline_rows,
        problems=problems,
        span=(lo, hi),
        issues=present.issues(problems, deadline_rows, readiness, look, as_of),
        lookahead=look,
        lookahead_window=(_window_end(cals, as_of, 1), end),
        lookahead_days=opts.lookahead,
        detail=opts.detail,
        chosen=opts.chosen,
    )


def attach_risk(rep: Report, risk: RiskResult) -> None:
    """Set the report's risk figures, and each transfer's confidence from them (none for a
    transfer that has happened with its readiness work done: nothing is left to chance)."""
    rep.risk = risk
    p = {x.id: x.readiness_probability for x in risk.transfers}
    rep.readiness = [r if present.is_past(r, rep.as_of)
                     else dataclasses.replace(r, confidence=p.get(r.transfer))
                     for r in rep.readiness]


def _info(plan: Plan, tid: str, lang: str) -> tuple[str, str, str | None, str | None]:
    """A task's name, workstream name, owner and note, for the look-ahead."""
    spec = plan.task.get(tid)
    if spec is None:
        return tid, "", None, None
    ws = plan.workstream.get(spec.workstream) if spec.workstream else None
    return (_name(spec, lang, tid), _name(ws, lang, spec.workstream or ""), spec.owner,
            spec.note)


def _next_transfers(rows: list[ReadinessRow], as_of: dt.date) -> list[tuple[dt.date, str]]:
    """The first three transfers after ``as_of``."""
    dates = sorted({r.date for r in rows if r.date is not None and r.date > as_of})[:3]
    return [(r.date, r.site) for r in rows if r.date in dates and r.date is not None][:3]


def _gantt(index: PlanIndex, tasks: dict[str, ScheduledTask], lang: str,
           detail: bool, on_path: set[str], near: int) -> tuple[list[GanttRow], int]:
    """The plan's outline as Gantt rows: workstreams with scheduled work, their tasks (with
    ``detail``; else counted as hidden), then every task not shown under a workstream."""
    plan = index.plan
    rows: list[GanttRow] = []
    shown: set[str] = set()
    hidden = 0

    def task_row(tid: str, level: int) -> GanttRow:
        t = tasks[tid]
        spec = plan.task[tid]
        deps = [d if isinstance(d, str) else d.task for d in spec.depends]
        crit = tid in on_path
        fixed = spec.start_on is not None
        near_crit = (not crit and not fixed and t.total_float is not None
                     and t.total_float <= near)
        return GanttRow("milestone" if t.milestone else "task", tid, _name(spec, lang, tid),
                        t.start, t.finish, crit, level, t.total_float,
                        depends=[d for d in deps if d in tasks], workstream=spec.workstream,
                        near_critical=near_crit, status=t.status, fixed=fixed)

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
        ms = [(t.start, _name(plan.task[t.id], lang, t.id), t.id in on_path) for t in ts
              if t.milestone]
        rows.append(GanttRow("workstream", row.id, _name(plan.workstream[row.id], lang, row.id),
                             min(t.start for t in ts), max(t.finish for t in ts),
                             any(t.id in on_path for t in ts), row.level, milestones=ms))
    rows.extend(task_row(tid, 0) for tid in plan.task if tid in tasks and tid not in shown)
    return rows, hidden


def rag(float_days: int | None, late: bool, green: int, amber: int,
        behind: bool = False) -> str:
    """Red/amber/green from the readiness float before a transfer (never typed in); a site
    with readiness work behind as of the status date is never green."""
    if late or float_days is None or float_days < amber:
        return "red"
    return "green" if float_days >= green and not behind else "amber"


def _readiness(index: PlanIndex, tasks: dict[str, ScheduledTask], mig: Migration | None,
               as_of: dt.date, lang: str, green: int, amber: int,
               tracked: bool) -> list[ReadinessRow]:
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
        done = sum(1 for m in items if present.is_done(tasks[m], as_of, tracked))
        behind = [m for m in items if present.is_late(tasks[m], as_of, tracked)]
        path = present.readiness_driving_path(items, tasks, index.task_order)
        on = plan.task.get(tr.on) if isinstance(tr.on, str) and at[tr.on] == 1 else None
        ws = plan.workstream.get(on.workstream) if on is not None and on.workstream else None
        site = _name(ws, lang, "") or _name(plan.org.get(tv.source), lang, tv.source)
        out.append(ReadinessRow(
            transfer=tv.id, site=site, date=tv.date,
            source=_name(plan.org.get(tv.source), lang, tv.source),
            target=_name(plan.org.get(tv.target), lang, tv.target),
            tasks=len(items), done=done, remaining=len(items) - done,
            float_days=tv.float_days, late=list(tv.readiness_late),
            rag=rag(tv.float_days, bool(tv.readiness_late), green, amber, bool(behind)),
            behind=behind, driving=path,
            driving_names=[_name(plan.task.get(i), lang, i) for i in path],
            driving_root=tasks[path[0]].driver.kind if path else "",
        ))
    return out


