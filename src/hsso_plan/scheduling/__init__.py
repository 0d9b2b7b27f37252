"""Scheduling facade: ``schedule(plan) -> Schedule``.

1. The plan is reduced to a `Network` (integer arrays, calendars resolved).
2. The forward pass gives the earliest schedule; with resources in use, the serial SGS in
   `levelling` places tasks so that no resource is over capacity on any working day.
3. The backward pass gives late starts and total float against the project's end, the
   deadlines and the fixed starts.
4. Timeline facts (missed deadlines, overrun fixed starts, fixed tasks over capacity, tasks
   levelling cannot place) are returned as typed data; the timeline checks word them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..calendars import WorkCalendar
from ..links import DEP_NAME, ReadinessLink
from ..memo import Memo
from ..model import Plan
from ..progress import DONE, NOT_STARTED
from ..schedule import (
    DeadlineMiss,
    Driver,
    FixedOverload,
    FixedStartOverrun,
    LateToStart,
    ResourceDelay,
    ResourceInfo,
    Schedule,
    ScheduledTask,
    TimelineFact,
    Unplaceable,
    finish_index,
)
from .cpm import backward, earliest_start, forward
from .network import Network, build_network, make_calendars

if TYPE_CHECKING:
    from ..baseline import Baseline
    from .levelling import Levelled

__all__ = ["Network", "Options", "build_network", "make_calendars", "schedule",
           "schedule_network"]


@dataclass(frozen=True)
class Options:
    """How to schedule: levelling on/off (None: when a task uses a resource), the levelling
    search's effort in units of work (None: `rcpsp.DEFAULT_EFFORT`), and the solver."""

    levelling: bool | None = None
    effort: int | None = None
    solver: str = "heuristic"  # or "cp-sat"
    time_limit: float = 10.0
    #: A baseline (`hsso_plan.baseline.Baseline`): levelling then keeps its order.
    baseline: Baseline | None = None


def schedule(plan: Plan, options: Options | None = None) -> Schedule:
    """Schedule ``plan`` (assumed checked: unknown references are skipped, cycles cut).

    The timeline's problems are in ``facts``; ``violations`` is left empty for the timeline
    checks to fill (`hsso_plan.checks.timeline.violations`), as `hsso_plan.app.run` does."""
    cals = make_calendars(plan)
    return schedule_network(plan, build_network(plan, cals), options)


def schedule_network(plan: Plan, net: Network, options: Options | None = None) -> Schedule:
    """Schedule ``net`` (see `Options`)."""
    o = options or Options()
    levelling = o.levelling
    es, driver = forward(net)
    use_levelling = any(net.uses) if levelling is None else levelling
    lev: Levelled | None = None
    stuck: list[TimelineFact] = []
    if use_levelling:
        from .levelling import LevellingError, capacity_model, level  # (only plans with resources)

        ls0 = backward(net, es)
        key: list[tuple[int, ...]] = [(ls0[t], t) for t in range(len(net))]
        if o.baseline is not None:
            key = _baseline_key(net, o.baseline, ls0)
        cap = capacity_model(list(plan.resource.values()), net.calendars)
        try:
            lev = level(net, key, cap, o.effort, o.solver, o.time_limit,
                        stable=o.baseline is not None)
            start, driver = lev.start, lev.driver
        except LevellingError as e:
            stuck.append(Unplaceable(net.ids[e.task], net.resources[e.resource]))
            start = es
    else:
        start = es
    ls = backward(net, start)
    tasks = _tasks(plan, net, start, ls, driver, lev)
    facts = stuck + _facts(plan, net, start, lev) + _late_to_start(net, driver)
    resources = tuple(ResourceInfo(rid, r.name or rid, r.capacity)
                      for rid, r in plan.resource.items())
    info = {"method": lev.method, "schedules": lev.schedules, **lev.info} \
        if lev is not None else {}
    return Schedule(plan.project.name, plan.project.start, tasks, (), use_levelling,
                    resources, info, tuple(facts), status_date=plan.project.status_date)


def _baseline_key(net: Network, b: Baseline, ls0: list[int]) -> list[tuple[int, ...]]:
    """Levelling priority that keeps the baseline's order: the baseline start (a task the
    baseline lacks: its late start's date), then the usual late-start key."""
    from ..baseline import priority

    out: list[tuple[int, ...]] = []
    for t, o in enumerate(priority(b, net.ids)):
        out.append((o if o is not None else net.cal[t].ordinal(ls0[t]), ls0[t], t))
    return out


_CONSTRAINT_DRIVERS = {-1: Driver("project-start"), -2: Driver("start_no_earlier_than"),
                       -3: Driver("start_on"), -4: Driver("resource"),
                       -5: Driver("status-date"), -6: Driver("actual")}


def _tasks(plan: Plan, net: Network, start: list[int], ls: list[int], driver: list[int],
           lev: Levelled | None) -> tuple[ScheduledTask, ...]:
    """The scheduled tasks; one tight loop (this runs once per task of 100,000-task plans,
    so what it reads is held in locals).

    A task done or under way (contract section 4) sits at its actual dates; a done task
    has no float and is never critical, a task under way has float late end - end (its
    span ``d`` in the network is its end - its start); it holds its resources on the
    `Actual`'s hold days."""
    out: list[ScheduledTask] = []
    append = out.append
    specs = list(plan.task.values())
    ids, dur, preds, cals = net.ids, net.dur, net.preds, net.cal
    constraint_drivers, dep_name = _CONSTRAINT_DRIVERS, DEP_NAME
    new_tuple = tuple.__new__  # Driver(...) without the named tuple's Python-level __new__
    delays = lev.delays if lev is not None else {}
    tracking = net.floor is not None
    actual, progress = net.actual, plan.progress
    # Working-day index -> date, per calendar (`Memo`: each date made once; 100,000 tasks
    # share a few thousand dates, so the schedule holds one object per day).
    memo: dict[int, Memo[int, dt.date]] = {}
    last: WorkCalendar | None = None
    for t, spec in enumerate(specs):
        cal: WorkCalendar = cals[t]
        if cal is not last:
            dates = memo.get(id(cal))
            if dates is None:
                dates = memo[id(cal)] = Memo(cal.date)
            date = dates.__getitem__
            last = cal
        d = dur[t]
        s, late = start[t], ls[t]
        drv = driver[t]
        if drv >= 0:
            a, typ, lag, _ = preds[t][drv]
            why = new_tuple(Driver, ("dependency", ids[a], dep_name[typ], lag))
        else:
            why = constraint_drivers[drv]
        delay = None
        if t in delays:
            dl = delays[t]
            delay = ResourceDelay(
                earliest_start=date(dl.earliest),
                resources=tuple(dl.resources),
                days=tuple(dt.date.fromordinal(o) for o in dl.conflict_ordinals),
                blocking_tasks={r: tuple(ids[x] for x in xs) for r, xs in dl.blockers.items()},
            )
        status = note = None
        if tracking:
            prog = progress.get(ids[t])
            if prog is not None:
                act = actual.get(t)  # (only a task with progress has an actual)
                if act is not None:  # done or under way (contract section 4): see below
                    st, _, _, first, finish, left, hold, held, af = act
                    fl = None if st == DONE else late - s
                    sd = spec.duration
                    days: tuple[dt.date, ...] = \
                        tuple(map(date, range(hold, hold + held))) if spec.uses else ()
                    append(ScheduledTask(
                        ids[t], spec.name, first, finish, sd, sd == 0, s, late, date(late),
                        date(late + d - 1 if d else late), fl, fl is not None and fl <= 0,
                        why, spec.finish_no_later_than, spec.uses, None, days,
                        spec.placeholder, st, prog.actual_start, af, left, prog.note))
                    continue
                note = prog.note
            status = NOT_STARTED
        days = tuple(map(date, range(s, s + d))) if spec.uses else ()
        fl = late - s
        first, late_first = date(s), date(late)
        if d:  # (`finish_index` inline: the last day of work; a milestone's own day)
            finish, late_finish = date(s + d - 1), date(late + d - 1)
        else:
            finish, late_finish = first, late_first
        append(ScheduledTask(
            ids[t], spec.name, first, finish, d, d == 0, s, late,
            late_first, late_finish, fl, fl <= 0, why,
            spec.finish_no_later_than, spec.uses, delay, days, spec.placeholder, status,
            note=note))
    return tuple(out)


def _facts(plan: Plan, net: Network, start: list[int],
           lev: Levelled | None) -> list[TimelineFact]:
    out: list[TimelineFact] = []
    deadline, fixed, actual = net.deadline, net.fixed, net.actual
    # (a task done or under way is fixed at its actual start: only its deadline is looked at)
    for t in [t for t in range(len(net)) if deadline[t] is not None
              or (fixed[t] is not None and t not in actual)]:
        tid = net.ids[t]
        spec = plan.task[tid]
        cal = net.cal[t]
        dl = net.deadline[t]
        if dl is not None and start[t] > dl and spec.finish_no_later_than is not None:
            act = net.actual.get(t)
            finish = act.finish_date if act is not None else \
                cal.date(finish_index(start[t], net.dur[t]))
            out.append(DeadlineMiss(tid, finish, spec.finish_no_later_than, start[t] - dl))
        f = net.fixed[t]
        if f is not None and spec.start_on is not None and t not in net.actual:
            est, drv = earliest_start(net, t, start)
            f = max(f, 0)  # a date before the project start is reported by the checks
            if drv == -5:
                continue  # the date has passed and the task has not started: W111
            if drv >= 0 and isinstance(net.preds[t][drv][3], ReadinessLink):
                continue  # driven by a transfer's readiness work: reported as E084
            if est > f:
                if drv >= 0:
                    a, typ, lag, _ = net.preds[t][drv]
                    why = Driver("dependency", net.ids[a], DEP_NAME[typ], lag)
                else:
                    why = _CONSTRAINT_DRIVERS[drv]
                out.append(FixedStartOverrun(tid, spec.start_on, cal.date(est), est - f, why))
    if lev is not None:
        out.extend(_overloads(net, start, lev))
    return out


def _late_to_start(net: Network, driver: list[int]) -> list[TimelineFact]:
    """W111: tasks not started whose start is set by the status date."""
    if net.floor is None:
        return []
    floor = net.floor
    return [LateToStart(net.ids[t], net.cal[t].date(floor[t]))
            for t, drv in enumerate(driver) if drv == -5]


def _overloads(net: Network, start: list[int], lev: Levelled) -> list[TimelineFact]:
    """One fact per resource and set of fixed tasks that overload it together."""
    peak: dict[tuple[int, int], int] = {}
    for r, o, used in lev.overloads:
        peak[(r, o)] = max(used, peak.get((r, o), 0))
    groups: dict[tuple[int, tuple[int, ...]], list[int]] = {}
    for (r, o) in sorted(peak):
        who = tuple(t for t in range(len(net))
                    if net.fixed[t] is not None and any(x == r for x, _ in net.uses[t])
                    and _occupies(net, t, start[t], o))
        groups.setdefault((r, who), []).append(o)
    out: list[TimelineFact] = []
    for (r, who), days in groups.items():
        out.append(FixedOverload(
            net.ids[who[-1]] if who else net.ids[0], net.resources[r],
            tuple(net.ids[t] for t in who), tuple(dt.date.fromordinal(o) for o in days),
            max(peak[(r, o)] for o in days), net.capacity[r],
            any(t in net.actual for t in who)))
    return out


def _occupies(net: Network, t: int, s: int, ordinal: int) -> bool:
    cal = net.cal[t]
    return any(cal.ordinal(s + j) == ordinal for j in range(net.dur[t]))
