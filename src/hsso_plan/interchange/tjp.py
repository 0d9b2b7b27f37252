"""Export a scheduled plan to a TaskJuggler 3 project (``.tjp``) that tj3 schedules on our dates.

What maps to what (docs/outputs.md, "TaskJuggler", says the same for users):

- Each working day is 8 hours, 09:00-17:00. The project calendar's weekdays are the global
  ``workinghours``; its holidays and days off are global ``leaves holiday``. Every other
  calendar (of a task or a resource) is a ``shift`` with its weekdays, assigned by a macro
  (``${c0}``) over the horizon with its days off as ``off_day`` and days on as ``on_day``
  periods (tj3 counts a task's length in its shifts' working hours, not their leaves).
- A task is ``length Nd`` (working days; resources do not change it) or a ``milestone``.
  Task ids become ``t0``, ``t1``, ... (TaskJuggler ids may not contain ``-``); the plan id is
  kept in the task's note.
- Links are the scheduler's network (`hsso_plan.scheduling.network`): the plan's
  dependencies, a link to a workstream as one to each of its tasks, and each transfer's
  readiness links. On one calendar every link is "s_b >= s_a + k" in working days, so each is
  written as ``depends`` from the end (FS, and FF/SF when the gap is >= 0) or the start
  (``onstart``) of the predecessor with ``gaplength``. A link from a milestone is always
  written from its end: its start is its end, and tj3 calls ``onstart`` between two
  milestones a "dependency loop".
- ``start_on`` is ``start`` (a fixed date). A lower bound TaskJuggler has no attribute for
  (``start_no_earlier_than``, the status date for work not started, the start levelling
  chose, a link TaskJuggler cannot express) is a dependency on an anchor milestone fixed on
  that date (``nlt_YYYY_MM_DD``): the logic stays in the file and tj3 gives our dates.
- ``finish_no_later_than D`` is ``maxend``: the start of the working day after the last
  working day on or before D (contract section 2: a milestone reached then meets D).
- Resources are ``resource`` (one per unit of capacity, as members of a group, when the
  capacity is more than 1) and each task ``allocate``s as many members as it uses units;
  capacity changes are leaves of the members above the new capacity. A ``length`` task books
  them but is not moved by them, which is why levelled starts are anchors.
- Progress (contract section 4): ``now`` is the end of the status date; a task done is
  fixed at its actual dates with ``complete 100``; a task under way is fixed from its actual
  start to its projected finish with its ``complete`` share; their own dependencies are kept
  as comments (progress overrides logic).

What TaskJuggler has no equivalent for is written as a ``#`` comment and returned in the
export's notes (the CLI prints them on stderr). The exporter never schedules the plan again.
Its syntax (strings, comments, dates, ``depends`` items) is `tjp_syntax`; calendars and
resources as shifts, leaves and members are `tjp_calendars`; this module writes the tasks,
their links and anchors; `tjp_notes` words what was mapped or left out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..progress import DONE, UNDER_WAY
from .tjp_calendars import Shifts, leave_lines, resource_lines, shift_lines, weekday_lines
from .tjp_notes import Counts
from .tjp_syntax import (
    TJ_YEARS,
    UnsupportedForTaskJuggler,
    check_years,
    comment,
    dep,
    end_of,
    morning,
    quote,
    tj_date,
    tj_ids,
)

if TYPE_CHECKING:
    from ..plan_index import PlanIndex
    from ..render.registry import RenderContext
    from ..schedule import Schedule, ScheduledTask
    from ..scheduling.network import Network


@dataclass
class TjExport:
    """The TaskJuggler text and what it could not carry (one sentence each)."""

    text: str
    notes: list[str] = field(default_factory=list)


class _Writer:
    """One export: the plan index, its network and schedule, the lines written so far."""

    def __init__(self, index: PlanIndex, net: Network, sched: Schedule) -> None:
        self.index = index
        self.plan = index.plan
        self.net = net
        self.sched = {t.id: t for t in sched.tasks}
        self.ids = tj_ids(self.plan)
        self.counts = Counts()
        self.notes: list[str] = []
        self.anchors: dict[dt.date, str] = {}
        assert index.calendars is not None
        self.cals = index.calendars
        self.default = self.cals[None]
        self.horizon = (self.plan.project.start, self.plan.project.start)  # set by header()
        # Scheduled start positions (an actual task: its pinned start), as the passes saw them.
        self.start: list[int] = [self.sched[tid].early_start for tid in net.ids]
        for t in net.actual:
            self.start[t] = net.actual[t].start

    # -- anchors and calendars --------------------------------------------------------------

    def anchor(self, d: dt.date) -> str | None:
        """The anchor milestone fixed on ``d`` (None on or before the project start, where
        every task starts anyway)."""
        if d <= self.plan.project.start:
            return None
        return self.anchors.setdefault(d, f"nlt_{d.strftime('%Y_%m_%d')}")

    def shifts(self) -> Shifts:
        """Every calendar but the project's that a task or resource is on: id(cal) -> (TJ
        id, calendar)."""
        used: Shifts = {}
        for c in self.net.cal:
            if c is not self.default:
                used.setdefault(id(c), (f"c{len(used)}", c))
        for r in self.plan.resource.values():
            rc = self.cals.get(r.calendar) if r.calendar else None
            if rc is not None and rc is not self.default:
                used.setdefault(id(rc), (f"c{len(used)}", rc))
        return used

    # -- links ------------------------------------------------------------------------------

    def bound(self, a: int, typ: int, lag: int, b: int) -> int:
        """Our lower bound on the start of ``b`` from its link to ``a`` (contract section 2)."""
        from ..scheduling.cpm import link_bound

        return link_bound(self.net, a, typ, lag, b, self.start)

    def link(self, a: int, typ: int, lag: int, b: int) -> tuple[str | None, bool]:
        """``(depends item, exact)``: the link from ``a`` to ``b`` for TaskJuggler, or None
        when it cannot be written at all; exact is False when tj3 could reach an earlier
        start from it than we do (the caller anchors ``b`` at its start)."""
        from ..links import FF, FS, SF, SS

        net = self.net
        tj = self.ids[net.ids[a]]
        da, db = net.dur[a], net.dur[b]
        if net.cal[a] is not net.cal[b]:
            # Across calendars tj3 goes through its own instants, not our dates: an FS or SS
            # link with a lag >= 0 is written without its gap (it then allows no later a start
            # than ours), anything else not at all; the caller anchors the task either way.
            if lag < 0 or typ in (FF, SF):
                return None, False
            return dep(tj, typ == SS and da > 0, 0), False
        # One calendar: the link is s_b >= s_a + k working days.
        k = (da if typ in (FS, FF) else 0) + lag - (db if typ in (FF, SF) else 0)
        if (typ in (FS, FF) or da == 0) and k >= da:
            on_start, gap = False, k - da
        elif da > 0 and k >= 0:
            on_start, gap = True, k
        else:
            return None, False
        if gap and (net.cal[b] is not self.default or self.default.days_on):
            # gaplength counts the project calendar's working days, without its days_on:
            # written without it.
            return dep(tj, on_start, 0), False
        self.counts.converted += typ in (FF, SF) or lag < 0
        return dep(tj, on_start, gap), True

    # -- the file ---------------------------------------------------------------------------

    def header(self, finish: dt.date) -> list[str]:
        plan = self.plan
        start = plan.project.start
        years = finish.year - start.year + 2
        out = [f"project hsso {quote(plan.project.name)} {tj_date(start)} +{years}y {{",
               '  timezone "UTC"',
               "  dailyworkinghours 8",
               *weekday_lines("  ", self.default),
               '  timeformat "%Y-%m-%d %H:%M"']
        if plan.project.status_date is not None:
            out.append(f"  now {end_of(plan.project.status_date)}")
        out.append("}")
        self.horizon = (start, min(dt.date(start.year + years, start.month, 1),
                                   dt.date(TJ_YEARS[1] + 1, 1, 1)))
        out += leave_lines("", self.default, *self.horizon)
        return out

    def allocation(self, tid: str) -> str | None:
        """``allocate`` for the units a task uses (one member per unit)."""
        items: list[str] = []
        res = list(self.plan.resource)
        for rid, units in self.plan.task[tid].uses.items():
            if rid not in self.plan.resource:
                continue
            i = res.index(rid)
            n = self.plan.resource[rid].max_capacity
            if n == 1:
                items.append(f"r{i}")
                continue
            members = [f"r{i}_{m}" for m in range(1, n + 1)]
            for u in range(min(units, n)):
                others = [x for x in members if x != members[u]]
                items.append(f"{members[u]} {{ alternative {', '.join(others)} }}")
        return "allocate " + ", ".join(items) if items else None

    def deadline(self, t: int) -> str | None:
        spec = self.plan.task[self.net.ids[t]]
        if spec.finish_no_later_than is None:
            return None
        cal = self.net.cal[t]
        last = cal.index_of_last_on_or_before(spec.finish_no_later_than)
        return f"maxend {morning(cal.date(last + 1))}"

    def task_lines(self, t: int, shifts: Shifts) -> list[str]:
        net = self.net
        tid = net.ids[t]
        spec = self.plan.task[tid]
        st = self.sched[tid]
        body: list[str] = []
        notes: list[str] = []
        shift = shifts.get(id(net.cal[t]))
        if shift is not None:
            body.append(f"${{{shift[0]}}}")
        act = net.actual.get(t)
        if act is not None or self._over_days_on(t, st):
            body += self._pinned(t, st, notes)
        else:
            body += self._planned(t, st, notes)
        alloc = self.allocation(tid)
        if alloc:
            body.append(alloc)
        dl = self.deadline(t)
        if dl:
            body.append(dl)
        body.append(f"note {quote(tid)}")
        return [*notes, f"task {self.ids[tid]} {quote(spec.name)} {{",
                *("  " + b for b in body), "}"]

    def _over_days_on(self, t: int, st: ScheduledTask) -> bool:
        cal = self.net.cal[t]
        if cal is not self.default or not cal.days_on or st.duration == 0:
            return False
        return any(st.start.toordinal() <= o <= st.finish.toordinal() for o in cal.days_on)

    def _pinned(self, t: int, st: ScheduledTask, notes: list[str]) -> list[str]:
        """A task fixed at its dates: done, under way, or over a days_on day."""
        net = self.net
        tid = net.ids[t]
        act = net.actual.get(t)
        out = [f"start {tj_date(st.start)}"]
        out.append("milestone" if st.milestone else f"end {end_of(st.finish)}")
        if act is not None:
            self.counts.started += 1
            if act.status == DONE:
                out.append("complete 100")
            elif act.status == UNDER_WAY and st.duration:
                given = self.plan.progress[tid].percent_complete
                done = st.duration - (act.remaining or 0)
                share = given if given is not None else 100 * done // st.duration
                out.append(f"complete {max(0, min(99, share))}")
        else:
            self.counts.pinned += 1
        why = "the task has started (progress overrides logic)" if act is not None \
            else "the task is fixed at its dates (days_on)"
        notes.extend(comment(f"{tid}: {dep.type} link from {dep.task} (lag {dep.lag}) not "
                              f"written: {why}") for dep in self.plan.task[tid].dependencies())
        return out

    def _planned(self, t: int, st: ScheduledTask, notes: list[str]) -> list[str]:
        """A task not started: its length, fixed start, links and anchors."""
        from ..links import DEP_NAME, FF, SF

        net = self.net
        tid = net.ids[t]
        spec = self.plan.task[tid]
        out = ["milestone" if st.duration == 0 else f"length {st.duration}d"]
        fixed = net.fixed[t] is not None
        if fixed:
            out.append(f"start {tj_date(st.start)}")
            if spec.start_on is not None and st.start != spec.start_on:
                notes.append(comment(f"{tid}: start_on {spec.start_on} has passed; written at "
                                      f"{st.start} (the status date)"))
        deps: list[str] = []
        s = self.start[t]
        # The start that what is written exactly implies (in positions of the task's
        # calendar): the project start, the no-earlier-than date, the status date, the links.
        implied = max(0, net.snet[t] or 0, net.floor[t] if net.floor is not None else 0)
        # tj3 takes one link per predecessor: the one that bounds the start most (on one
        # calendar it implies the others).
        strongest: dict[int, tuple[int, int, int]] = {}
        for a, typ, lag, _ in net.preds[t]:
            best = strongest.get(a)
            if best is None or self.bound(a, typ, lag, t) > self.bound(a, *best[1:], t):
                strongest[a] = (a, typ, lag)
        for a, typ, lag, _ in net.preds[t]:
            what = f"{tid}: {DEP_NAME[typ]} link from {net.ids[a]} (lag {lag})"
            if strongest[a] != (a, typ, lag):
                notes.append(comment(f"{what} not written: a stronger link from the same "
                                      "task implies it (tj3 takes one link per task)"))
                continue
            item, exact = self.link(a, typ, lag, t)
            if fixed and self.bound(a, typ, lag, t) > s:
                self.counts.unmet += 1
                notes.append(comment(f"{what} not written: the fixed date does not meet it"))
                continue
            if not exact:
                self.counts.weak += 1
                notes.append(comment(f"{what} has no exact TaskJuggler form: "
                                      + ("written without its gap" if item else "not written")))
            else:
                implied = max(implied, self.bound(a, typ, lag, t))
                if typ in (FF, SF) or lag < 0:
                    notes.append(comment(f"{what} written as: depends {item}"))
            if item is not None:
                deps.append(item)
        if not fixed:
            floor = [spec.start_no_earlier_than]
            if net.floor is not None:
                floor.append(net.cal[t].date(net.floor[t]))
            if s > implied:  # set by levelling, or by a link written inexactly
                floor.append(st.start)
                if st.delay is not None or st.driver.kind == "resource":
                    self.counts.levelled += 1
                    notes.append(comment(f"{tid}: levelled start {st.start}"))
                else:
                    notes.append(comment(f"{tid}: starts no earlier than {st.start} (set by a "
                                          "link written inexactly)"))
            for d in sorted({x for x in floor if x is not None}):
                anchor = self.anchor(d)
                if anchor is not None:
                    deps.append(anchor)
        if deps:
            out.append("depends " + ", ".join(dict.fromkeys(deps)))
        return out

    def anchor_lines(self) -> list[str]:
        out = []
        for d, aid in sorted(self.anchors.items()):
            out.append(f'task {aid} "no earlier than {tj_date(d)}" '
                       f'{{ start {tj_date(d)} milestone }}')
        return out


def export(index: PlanIndex, sched: Schedule) -> TjExport:
    """The plan of ``index`` (built with the scheduler's calendars) and its schedule as a
    TaskJuggler project, with notes on what TaskJuggler cannot carry.

    Raises `UnsupportedForTaskJuggler` for dates tj3 cannot read.
    """
    from ..scheduling.network import build_network

    plan = index.plan
    if index.calendars is None:
        raise ValueError("the TaskJuggler export needs a plan index built with calendars")
    check_years(plan.project.start, sched.finish)
    w = _Writer(index, build_network(plan, index.calendars, index), sched)
    out = w.header(sched.finish)
    shifts = w.shifts()
    out += shift_lines(shifts, w.default, w.horizon, w.notes)
    out += resource_lines(w.plan, w.cals, shifts, w.horizon)
    tasks: list[str] = []
    for t in range(len(w.net)):
        tasks += w.task_lines(t, shifts)
    out += w.anchor_lines()
    out += tasks
    out.append('taskreport "schedule" {')
    out.append("  formats csv")
    out.append("  columns id, start, end")
    out.append('  timeformat "%Y-%m-%d %H:%M"')
    out.append("}")
    return TjExport("\n".join(out) + "\n", w.notes + w.counts.sentences())


def from_context(ctx: RenderContext) -> str:
    """The export for the registry; its notes go to the context's notes (stderr)."""
    from ..render.registry import CannotRender

    try:
        result = export(ctx.index, ctx.schedule)
    except UnsupportedForTaskJuggler as e:
        raise CannotRender(f"TaskJuggler cannot read this plan: {e}") from None
    ctx.notes.extend(result.notes)
    return result.text
