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
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import WEEKDAYS, CapacityChange, Plan
from ..progress import DONE, UNDER_WAY

if TYPE_CHECKING:
    from ..calendars import WorkCalendar
    from ..plan_index import PlanIndex
    from ..render.registry import RenderContext
    from ..schedule import Schedule, ScheduledTask
    from ..scheduling.network import Network


class UnsupportedForTaskJuggler(ValueError):
    """The plan cannot be written for TaskJuggler (dates outside what tj3 reads)."""


# tj3's strings: inside "...", `\\"` is the only escape (`\\\\` stays two backslashes, so a
# backslash before the closing quote would escape it and let plan text run on as directives);
# `$(VAR)` is replaced by an environment variable and `${macro}` by a macro, with no escape.
# Plan text is therefore mapped, visibly and documented in docs/plan-format.md:
#   a double quote                      -> backslash, double quote
#   a backslash before a quote or at the end -> U+29F5 REVERSE SOLIDUS OPERATOR (others kept)
#   a dollar sign before ( or {         -> U+FF04 FULLWIDTH DOLLAR SIGN
#   control characters (CR, LF, tab, other C0, DEL) -> a space
_TJ_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# In a comment line, every character any reader could take for a line break is a space too.
_TJ_COMMENT_BREAK = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")
_TJ_BACKSLASH = re.compile(r'\\(?=["]|$)')
_TJ_EXPAND = re.compile(r"\$(?=[({])")
# tj3 reads dates from 1970 to 2035 only ("Year 2036 out of range").
TJ_YEARS = (1970, 2035)


def _quote(s: str) -> str:
    """``s`` as a tj3 string literal that reads back as ``s`` (mapped as above)."""
    s = _TJ_EXPAND.sub("\uff04", _TJ_BACKSLASH.sub("\u29f5", _TJ_CONTROL.sub(" ", s)))
    return '"' + s.replace('"', '\\"') + '"'


def _comment(s: str) -> str:
    """A ``#`` comment line holding ``s`` on one line (a line break would end the comment
    and let the rest be read as directives)."""
    return "# " + _TJ_COMMENT_BREAK.sub(" ", s)


def _check_years(start: dt.date, finish: dt.date) -> None:
    lo, hi = TJ_YEARS
    for what, day in (("starts", start), ("finishes", finish)):
        if not lo <= day.year <= hi:
            raise UnsupportedForTaskJuggler(
                f"the plan {what} on {day.isoformat()}; TaskJuggler only reads dates from "
                f"{lo} to {hi} (move project.start, or shorten the plan)")


def tj_ids(plan: Plan) -> dict[str, str]:
    """Plan task id -> TaskJuggler id."""
    return {tid: f"t{i}" for i, tid in enumerate(plan.task)}


def _day(d: dt.date) -> str:
    return d.isoformat()


def _end_of(d: dt.date) -> str:
    """The end of working day ``d`` (17:00)."""
    return f"{d.isoformat()}-17:00"


def _morning(d: dt.date) -> str:
    """The start of working day ``d`` (09:00)."""
    return f"{d.isoformat()}-09:00"


@dataclass
class TjExport:
    """The TaskJuggler text and what it could not carry (one sentence each)."""

    text: str
    notes: list[str] = field(default_factory=list)


@dataclass
class _Counts:
    """What was mapped or left out, for the notes (counted over the whole plan)."""

    converted: int = 0  # FF/SF (or FS with a negative lag) written with an equal gap
    weak: int = 0  # links TaskJuggler cannot express exactly (anchored)
    unmet: int = 0  # links a fixed date does not meet (an error of the plan)
    levelled: int = 0
    started: int = 0  # tasks done or under way whose dependencies are comments
    pinned: int = 0  # tasks over a days_on day, fixed at their dates


def _weekday_lines(indent: str, cal: WorkCalendar) -> list[str]:
    work = [d for i, d in enumerate(WEEKDAYS) if i in cal.weekdays]
    off = [d for d in WEEKDAYS if d not in work]
    out = []
    if work:
        out.append(f"{indent}workinghours {', '.join(work)} 9:00 - 17:00")
    if off:
        out.append(f"{indent}workinghours {', '.join(off)} off")
    return out


def _leave_lines(indent: str, cal: WorkCalendar, lo: dt.date, hi: dt.date) -> list[str]:
    """Holidays and days off that fall on the calendar's working weekdays, in [lo, hi)."""
    out = []
    day = lo
    while day < hi:
        if day.weekday() in cal.weekdays and not cal.is_working(day.toordinal()):
            out.append(f'{indent}leaves holiday "off" {_day(day)}')
        day += dt.timedelta(days=1)
    return out


def _dep(tj: str, on_start: bool, gap: int) -> str:
    """A ``depends`` item: from the start or the end of ``tj``, ``gap`` working days on."""
    attrs = [x for x in ("onstart" if on_start else "", f"gaplength {gap}d" if gap else "") if x]
    return tj + (f" {{ {' '.join(attrs)} }}" if attrs else "")


class _Writer:
    """One export: the plan index, its network and schedule, the lines written so far."""

    def __init__(self, index: PlanIndex, net: Network, sched: Schedule) -> None:
        self.index = index
        self.plan = index.plan
        self.net = net
        self.sched = {t.id: t for t in sched.tasks}
        self.ids = tj_ids(self.plan)
        self.counts = _Counts()
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

    def shifts(self) -> dict[int, tuple[str, WorkCalendar]]:
        """Every calendar but the project's that a task or resource is on: id(cal) -> (TJ
        id, calendar)."""
        used: dict[int, tuple[str, WorkCalendar]] = {}
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
        from ..scheduling.network import FF, FS, SF, SS

        net = self.net
        tj = self.ids[net.ids[a]]
        da, db = net.dur[a], net.dur[b]
        if net.cal[a] is not net.cal[b]:
            # Across calendars tj3 goes through its own instants, not our dates: an FS or SS
            # link with a lag >= 0 is written without its gap (it then allows no later a start
            # than ours), anything else not at all; the caller anchors the task either way.
            if lag < 0 or typ in (FF, SF):
                return None, False
            return _dep(tj, typ == SS and da > 0, 0), False
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
            return _dep(tj, on_start, 0), False
        self.counts.converted += typ in (FF, SF) or lag < 0
        return _dep(tj, on_start, gap), True

    # -- the file ---------------------------------------------------------------------------

    def header(self, finish: dt.date) -> list[str]:
        plan = self.plan
        start = plan.project.start
        years = finish.year - start.year + 2
        out = [f"project hsso {_quote(plan.project.name)} {_day(start)} +{years}y {{",
               '  timezone "UTC"',
               "  dailyworkinghours 8",
               *_weekday_lines("  ", self.default),
               '  timeformat "%Y-%m-%d %H:%M"']
        if plan.project.status_date is not None:
            out.append(f"  now {_end_of(plan.project.status_date)}")
        out.append("}")
        self.horizon = (start, min(dt.date(start.year + years, start.month, 1),
                                   dt.date(TJ_YEARS[1] + 1, 1, 1)))
        out += _leave_lines("", self.default, *self.horizon)
        return out

    def shift_lines(self, shifts: dict[int, tuple[str, WorkCalendar]]) -> list[str]:
        """A shift per calendar, and a macro ``${cN}`` assigning it over the horizon. tj3
        counts a task's length in its shifts' working hours but not in their leaves, so a
        holiday, day off or day on is a day of the all-off (``off_day``) or all-working
        (``on_day``) shift in the assignment."""
        out: list[str] = []
        helpers: set[str] = set()
        for sid, cal in shifts.values():
            out.append(f"shift {sid} {_quote(cal.name)} {{")
            out += _weekday_lines("  ", cal)
            out.append("}")
            parts = self._periods(sid, cal)
            helpers.update(p.split()[0] for p in parts)
            out.append(f"macro {sid} [shifts {', '.join(parts)}]")
        if "off_day" in helpers:
            out.insert(0, 'shift off_day "day off" {\n  workinghours mon - sun off\n}')
        if "on_day" in helpers:
            out.insert(0, 'shift on_day "working day" {\n  workinghours mon - sun 9:00 - 17:00\n}')
        if self.default.days_on:
            self.notes.append(
                f"calendar '{self.default.name}': days_on has no TaskJuggler equivalent for the "
                "project calendar (global working hours cannot add a day); tasks over such a "
                "day are fixed at their dates")
        return out

    def _periods(self, sid: str, cal: WorkCalendar) -> list[str]:
        """``SHIFT FROM - TO`` assignments over the horizon: ``sid``, with each run of days
        that differ from its weekdays as ``off_day`` or ``on_day``."""
        lo, hi = self.horizon
        kinds: list[tuple[dt.date, str]] = []
        day = lo
        while day < hi:
            working = cal.is_working(day.toordinal())
            kind = sid if working == (day.weekday() in cal.weekdays) else \
                ("on_day" if working else "off_day")
            if not kinds or kinds[-1][1] != kind:
                kinds.append((day, kind))
            day += dt.timedelta(days=1)
        bounds = [d for d, _ in kinds[1:]] + [hi]
        return [f"{kind} {_day(frm)} - {_day(to)}" for (frm, kind), to in zip(kinds, bounds,
                                                                             strict=True)]

    def resource_lines(self, shifts: dict[int, tuple[str, WorkCalendar]]) -> list[str]:
        out: list[str] = []
        for i, (rid, r) in enumerate(self.plan.resource.items()):
            cal = self.cals.get(r.calendar) if r.calendar else None
            shift = shifts.get(id(cal)) if cal is not None else None
            n = r.max_capacity
            own = [f"  ${{{shift[0]}}}"] if shift is not None else []
            out.append(f"resource r{i} {_quote(r.name or rid)} {{")
            if n > 1:
                for m in range(1, n + 1):
                    out.append(f"  resource r{i}_{m} {_quote(f'{r.name or rid} ({m})')} {{")
                    out += ["  " + x for x in own]
                    out += self._member_leaves(r.capacity, r.capacity_changes, m)
                    out.append("  }")
            else:
                out += own
                out += [x[2:] for x in self._member_leaves(r.capacity, r.capacity_changes, 1)]
            out.append("}")
        return out

    def _member_leaves(self, base: int, changes: list[CapacityChange],
                       member: int) -> list[str]:
        """Leaves of member ``member`` (1-based) over the periods in which the capacity is
        below it: a capacity change as TaskJuggler's resources can say it."""
        steps = sorted((c.start, c.capacity) for c in changes)
        periods: list[tuple[dt.date, dt.date | None, int]] = []
        if steps:
            periods.append((self.plan.project.start, steps[0][0], base))
        for k, (frm, cap) in enumerate(steps):
            periods.append((frm, steps[k + 1][0] if k + 1 < len(steps) else None, cap))
        out = []
        for frm, to, cap in periods:
            if cap < member and (to is None or to > frm):
                end = to if to is not None else self.horizon[1]
                out.append(f"    leaves unpaid {_day(frm)} - {_day(end)}")
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
        return f"maxend {_morning(cal.date(last + 1))}"

    def task_lines(self, t: int, shifts: dict[int, tuple[str, WorkCalendar]]) -> list[str]:
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
        body.append(f"note {_quote(tid)}")
        return [*notes, f"task {self.ids[tid]} {_quote(spec.name)} {{",
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
        out = [f"start {_day(st.start)}"]
        out.append("milestone" if st.milestone else f"end {_end_of(st.finish)}")
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
        notes.extend(_comment(f"{tid}: {dep.type} link from {dep.task} (lag {dep.lag}) not "
                              f"written: {why}") for dep in self.plan.task[tid].dependencies())
        return out

    def _planned(self, t: int, st: ScheduledTask, notes: list[str]) -> list[str]:
        """A task not started: its length, fixed start, links and anchors."""
        from ..scheduling.network import DEP_NAME, FF, SF

        net = self.net
        tid = net.ids[t]
        spec = self.plan.task[tid]
        out = ["milestone" if st.duration == 0 else f"length {st.duration}d"]
        fixed = net.fixed[t] is not None
        if fixed:
            out.append(f"start {_day(st.start)}")
            if spec.start_on is not None and st.start != spec.start_on:
                notes.append(_comment(f"{tid}: start_on {spec.start_on} has passed; written at "
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
                notes.append(_comment(f"{what} not written: a stronger link from the same "
                                      "task implies it (tj3 takes one link per task)"))
                continue
            item, exact = self.link(a, typ, lag, t)
            if fixed and self.bound(a, typ, lag, t) > s:
                self.counts.unmet += 1
                notes.append(_comment(f"{what} not written: the fixed date does not meet it"))
                continue
            if not exact:
                self.counts.weak += 1
                notes.append(_comment(f"{what} has no exact TaskJuggler form: "
                                      + ("written without its gap" if item else "not written")))
            else:
                implied = max(implied, self.bound(a, typ, lag, t))
                if typ in (FF, SF) or lag < 0:
                    notes.append(_comment(f"{what} written as: depends {item}"))
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
                    notes.append(_comment(f"{tid}: levelled start {st.start}"))
                else:
                    notes.append(_comment(f"{tid}: starts no earlier than {st.start} (set by a "
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
            out.append(f'task {aid} "no earlier than {_day(d)}" {{ start {_day(d)} milestone }}')
        return out

    def summary(self) -> list[str]:
        c, out = self.counts, list(self.notes)
        if c.converted:
            out.append(f"{c.converted} finish-to-finish, start-to-finish or negative-lag links "
                       "are written as TaskJuggler links from the predecessor's start or end "
                       "with the gap that gives the same dates (TaskJuggler has only those)")
        if c.weak:
            out.append(f"{c.weak} links have no exact TaskJuggler form (across calendars, a "
                       "gap on a calendar other than the project's, or a gap before the "
                       "predecessor's start): each is written without its gap or not at all, "
                       "and a task whose start they set depends on an anchor milestone at its "
                       "scheduled start (comments in the file)")
        if c.unmet:
            out.append(f"{c.unmet} links into fixed dates are not met by the plan and are left "
                       "out (tj3 would refuse them): see the plan's errors")
        if c.levelled:
            out.append(f"{c.levelled} tasks moved by levelling depend on an anchor milestone at "
                       "their levelled start (TaskJuggler does not move tasks of fixed length "
                       "for resources)")
        if c.started:
            out.append(f"{c.started} tasks done or under way are fixed at their dates; their "
                       "own dependencies are comments (progress overrides logic)")
        if c.pinned:
            out.append(f"{c.pinned} tasks over a days_on day are fixed at their dates")
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
    _check_years(plan.project.start, sched.finish)
    w = _Writer(index, build_network(plan, index.calendars, index), sched)
    out = w.header(sched.finish)
    shifts = w.shifts()
    out += w.shift_lines(shifts)
    out += w.resource_lines(shifts)
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
    return TjExport("\n".join(out) + "\n", w.summary())


def from_context(ctx: RenderContext) -> str:
    """The export for the registry; its notes go to the context's notes (stderr)."""
    from ..render.registry import CannotRender

    try:
        result = export(ctx.index, ctx.schedule)
    except UnsupportedForTaskJuggler as e:
        raise CannotRender(f"TaskJuggler cannot read this plan: {e}") from None
    ctx.notes.extend(result.notes)
    return result.text
