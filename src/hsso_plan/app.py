"""Use cases: what each command does, returning outcome objects. Nothing here prints.

    validate:  load -> shape -> plan index -> checks -> network -> cycle checks -> schedule
               -> timeline checks -> migration resolved -> migration checks and view
               -> located diagnostics (optionally filtered by code)
    schedule:  the same, keeping the schedule
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .calendars import CalendarError
from .diagnostics import Diagnostic, Diagnostics
from .loading import LoadedPlan, read_plan
from .migration import Migration
from .process import collector_paused
from .schedule import Schedule
from .scheduling import Options

if TYPE_CHECKING:
    from .baseline import Baseline, Variance
    from .checks import Selection
    from .diff import PlanDiff
    from .plan_index import PlanIndex
    from .why import Link


@dataclass
class Outcome:
    """The result of checking (and, where possible, scheduling) one plan file."""

    loaded: LoadedPlan
    diagnostics: list[Diagnostic] = field(default_factory=list)
    schedule: Schedule | None = None
    migration: Migration | None = None
    #: The plan's index (None when the plan could not be read).
    index: PlanIndex | None = None
    #: The baseline the schedule was levelled against and compared with (if any).
    baseline: Baseline | None = None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity.value == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity.value == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def exit_code(self) -> int:
        return 0 if self.ok else 1

    def exit_status(self, *, strict: bool = False) -> int:
        """1 when the plan has errors (or, with ``strict``, warnings), else 0."""
        return 1 if self.errors or (strict and self.warnings) else 0

    def filtered(self, selection: Selection) -> Outcome:
        """The same outcome with only the diagnostics whose code ``selection`` keeps."""
        return replace(self, diagnostics=[d for d in self.diagnostics
                                          if selection.keeps(d.code)])

    def variance(self) -> Variance | None:
        """The schedule against the baseline (None without one, or without a schedule)."""
        if self.baseline is None or self.schedule is None or self.loaded.plan is None:
            return None
        from .baseline import compare
        from .scheduling import make_calendars

        return compare(self.schedule, self.baseline, make_calendars(self.loaded.plan)[None])


def run(path: Path, display: str | None = None, *, options: Options | None = None) -> Outcome:
    """Load, check and schedule the plan at ``path``; every problem is collected."""
    # A batch run allocates millions of small objects; the cyclic garbage collector would
    # rescan them over and over (a third of the run time on a 100,000-task plan).
    with collector_paused():
        return _run(path, display, options or Options())


def _run(path: Path, display: str | None, options: Options) -> Outcome:
    from .checks import Context, Stage, run_stage
    from .checks.timeline import violations
    from .migration.resolve import resolve
    from .migration.view import build_view
    from .plan_index import PlanIndex
    from .scheduling import build_network, make_calendars, schedule_network

    loaded = read_plan(path, display)
    diags = Diagnostics()
    diags.extend(loaded.diagnostics)
    sched: Schedule | None = None
    mig: Migration | None = None
    index: PlanIndex | None = None
    plan = loaded.plan
    if plan is not None:
        options = _default_baseline(loaded, options, diags)
        cals = make_calendars(plan)
        index = PlanIndex(plan, cals)
        ctx = Context(plan, index, loaded.broken, cals, templates=loaded.templates)
        diags.extend(run_stage(Stage.PLAN, ctx))
        try:
            ctx.network = build_network(plan, cals, index)
            diags.extend(run_stage(Stage.NETWORK, ctx))
            sched = schedule_network(plan, ctx.network, options)
            sched = replace(sched, violations=violations(sched))
            ctx.schedule = sched
            diags.extend(run_stage(Stage.TIMELINE, ctx))
            ctx.resolved = resolve(plan, sched, cals[None], index)
            mig = build_view(ctx.resolved)
            diags.extend(run_stage(Stage.MIGRATION, ctx))
        except CalendarError as e:
            diags.add(_calendar_failure(e))
            sched = None
    located = [loaded.locate(d) for d in diags.items]
    located.sort(key=Diagnostic.sort_key)
    return Outcome(loaded, located, sched, mig, index, options.baseline)


def _calendar_failure(e: CalendarError) -> Diagnostic:
    """A calendar that cannot supply the working days the schedule needs (E035, E032)."""
    if e.out_of_range:
        return Diagnostic("E035", f"dates out of range: {e}", path=("project",),
                          hint="check for very long durations or lags, and for constraint "
                               "dates far in the future or past")
    return Diagnostic("E032", str(e), path=("calendar", e.calendar)
                      if e.calendar else ("project",),
                      hint="add working weekdays or days_on to the calendar")


def _default_baseline(loaded: LoadedPlan, options: Options, diags: Diagnostics) -> Options:
    """Options with the plan's ``project.baseline`` when none was given (a problem with
    that file is an E005 located at the key)."""
    name = loaded.plan.project.baseline if loaded.plan is not None else None
    if options.baseline is not None or name is None:
        return options
    from . import baseline

    try:
        b = baseline.load(baseline.resolve(loaded.path, name), name)
    except baseline.BaselineError as e:
        diags.add(Diagnostic("E005", str(e), path=("project", "baseline"),
                             hint="regenerate it with 'hsso-plan schedule PLAN --format json "
                                  "-o FILE' (the path is relative to the plan file)"))
        return options
    return replace(options, baseline=b)


@dataclass
class Compared:
    """The result of `compare_plans`: both runs and, when both scheduled, their diff."""

    old: Outcome
    new: Outcome
    diff: PlanDiff | None

    @property
    def exit_code(self) -> int:
        return max(self.old.exit_code, self.new.exit_code)


def compare_plans(old: str, new: str, cwd: Path, options: Options) -> Compared:
    """`hsso-plan diff`: run both plans (files or REV:PATH, see `revisions`) and compare
    their schedules. A bad REV:PATH raises `revisions.RevisionError` (a usage error)."""
    from .diff import compare
    from .revisions import run_spec
    from .scheduling import make_calendars

    a, b = run_spec(old, cwd, options), run_spec(new, cwd, options)
    if a.schedule is None or b.schedule is None or b.loaded.plan is None:
        return Compared(a, b, None)
    return Compared(a, b, compare(a, b, old, new, make_calendars(b.loaded.plan)[None]))


def driving_chain(outcome: Outcome, task: str) -> list[Link]:
    """`hsso-plan why`: the links that drive ``task``'s start (the outcome is scheduled and
    holds the task; the CLI checks both)."""
    from .why import chain

    plan, sched = outcome.loaded.plan, outcome.schedule
    if plan is None or sched is None:
        raise ValueError("the driving chain needs a loaded and scheduled plan")
    return chain(plan, sched, task)
