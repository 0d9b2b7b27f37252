"""Use cases: what each command does, returning outcome objects. Nothing here prints.

    validate:  load -> shape -> checks -> schedule -> timeline checks -> located diagnostics
    schedule:  the same, keeping the schedule
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field, replace
from pathlib import Path

from .baseline import Baseline, Variance
from .calendars import CalendarError
from .diagnostics import Diagnostic, Diagnostics
from .loading import LoadedPlan, read_plan
from .migration import Migration
from .schedule import Schedule
from .scheduling import Options


@dataclass
class Outcome:
    """The result of checking (and, where possible, scheduling) one plan file."""

    loaded: LoadedPlan
    diagnostics: list[Diagnostic] = field(default_factory=list)
    schedule: Schedule | None = None
    migration: Migration | None = None
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

    def variance(self) -> Variance | None:
        """The schedule against the baseline (None without one, or without a schedule)."""
        if self.baseline is None or self.schedule is None or self.loaded.plan is None:
            return None
        from .baseline import compare
        from .scheduling import make_calendars

        return compare(self.schedule, self.baseline, make_calendars(self.loaded.plan)[None])


def run(path: Path, display: str | None = None, *, options: Options | None = None) -> Outcome:
    """Load, check and schedule the plan at ``path``; every problem is collected."""
    # A batch run allocates millions of small objects and frees them all at exit; the
    # cyclic garbage collector would rescan them over and over (a third of the run time on
    # a 100,000-task plan), so it is paused for the run.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _run(path, display, options or Options())
    finally:
        if was_enabled:
            gc.enable()


def _run(path: Path, display: str | None, options: Options) -> Outcome:
    from . import checks
    from .migration import analyse
    from .scheduling import build_network, make_calendars, schedule_network

    loaded = read_plan(path, display)
    diags = Diagnostics()
    diags.extend(loaded.diagnostics)
    sched: Schedule | None = None
    mig: Migration | None = None
    plan = loaded.plan
    if plan is not None:
        options = _default_baseline(loaded, options, diags)
        cals = make_calendars(plan)
        diags.extend(checks.check_plan(plan, loaded.broken, cals))
        try:
            net = build_network(plan, cals)
            diags.extend(checks.cycle_diagnostics(plan, net))
            sched = schedule_network(plan, net, options)
            diags.extend(checks.timeline_diagnostics(sched, loaded.broken.get("task")))
            mig, found = analyse(plan, sched, cals[None])
            diags.extend(found)
        except CalendarError as e:
            if e.out_of_range:
                diags.add(Diagnostic("E035", f"dates out of range: {e}", path=("project",),
                                     hint="check for very long durations or lags, and for "
                                          "constraint dates far in the future or past"))
            else:
                diags.add(Diagnostic("E032", str(e), path=("calendar", e.calendar)
                                     if e.calendar else ("project",),
                                     hint="add working weekdays or days_on to the calendar"))
            sched = None
    located = [loaded.locate(d) for d in diags.items]
    located.sort(key=Diagnostic.sort_key)
    return Outcome(loaded, located, sched, mig, options.baseline)


def _default_baseline(loaded: LoadedPlan, options: Options, diags: Diagnostics) -> Options:
    """Options with the plan's ``project.baseline`` when none was given (a problem with
    that file is an E005 located at the key)."""
    from . import baseline

    name = loaded.plan.project.baseline if loaded.plan is not None else None
    if options.baseline is not None or name is None:
        return options
    try:
        b = baseline.load(baseline.resolve(loaded.path, name), name)
    except baseline.BaselineError as e:
        diags.add(Diagnostic("E005", str(e), path=("project", "baseline"),
                             hint="regenerate it with 'hsso-plan schedule PLAN --format json "
                                  "-o FILE' (the path is relative to the plan file)"))
        return options
    return replace(options, baseline=b)
