"""The command line's shared options and choices (from the registry), and the run they
start: parsing helpers kept apart so `cli` holds only the commands."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeAlias, cast

import typer

from .render import registry

if TYPE_CHECKING:
    from .app import Outcome
    from .baseline import Baseline
    from .render.registry import Kind


def _choices(kind: Kind | None) -> type[StrEnum]:
    """The formats the registry offers for ``kind`` (None: `validate`), as the choices."""
    names = [f.name for f in (registry.formats(kind) if kind else
                              registry.diagnostics_formats())]
    title = kind.title() if kind else "Validate"
    return cast("type[StrEnum]", StrEnum(f"{title}Format", {n: n for n in names}))


if TYPE_CHECKING:  # for the type checker a format is its name
    ValidateFormat: TypeAlias = str
    ScheduleFormat: TypeAlias = str
    ReportFormat: TypeAlias = str
    ExportFormat: TypeAlias = str
    RiskFormat: TypeAlias = str
    DiffFormat: TypeAlias = str
    WhyFormat: TypeAlias = str
else:
    ValidateFormat = _choices(None)
    ScheduleFormat = _choices("schedule")
    ReportFormat = _choices("report")
    ExportFormat = _choices("export")
    RiskFormat = _choices("risk")
    DiffFormat = _choices("diff")
    WhyFormat = _choices("why")


class Lang(StrEnum):
    en = "en"
    fr = "fr"


LangOpt = Annotated[Lang, typer.Option(
    "--lang", help="Language of the output: its labels, dates and numbers, and the plan's "
    "name_fr names in French (JSON keys, dates and numbers are the same in either).")]


PlanArg = Annotated[Path, typer.Argument(
    exists=True, dir_okay=False, readable=True, metavar="PLAN.toml",
    help="The plan file.")]
OutputOpt = Annotated[Path | None, typer.Option(
    "--output", "-o", dir_okay=False, help="Write to this file (atomically) instead of stdout.")]
NoLevelOpt = Annotated[bool, typer.Option(
    "--no-level", help="Ignore resource limits (the unlevelled critical-path schedule).")]


class Solver(StrEnum):
    heuristic = "heuristic"
    cp_sat = "cp-sat"


SolverOpt = Annotated[Solver, typer.Option(
    "--solver", help="Levelling solver: the built-in heuristic (deterministic), or OR-Tools "
    "CP-SAT to improve on it (pip install 'hsso-plan[optimize]').")]
TimeLimitOpt = Annotated[float, typer.Option(
    "--time-limit", min=0.1, help="Seconds CP-SAT may search (with --solver cp-sat).")]
IterationsOpt = Annotated[int, typer.Option(
    "--iterations", "-n", min=1, max=1_000_000, help="Number of Monte Carlo runs.")]
SeedOpt = Annotated[int, typer.Option(
    "--seed", min=0, help="Random seed: the same plan, runs and seed give the same output, "
    "byte for byte.")]


WidthOpt = Annotated[int | None, typer.Option(
    "--width", min=40, max=1000, help="Width of text output, 40 to 1000 (default: the "
    "terminal's width on a terminal, COLUMNS first; 100 in a file, a pipe or CI).")]


BaselineOpt = Annotated[Path | None, typer.Option(
    "--baseline", metavar="FILE.json", help="An earlier 'schedule --format json' output: adds "
    "baseline dates and variance (working days, + = later), and levelling keeps its order "
    "(default: the plan's project.baseline).")]


def _baseline(path: Path | None) -> Baseline | None:
    """The baseline named by --baseline; a missing file is a usage error (2), a file that
    is not a schedule JSON is an error in the input (1)."""
    if path is None:
        return None
    from .baseline import BaselineError, load

    try:
        return load(path)
    except BaselineError as e:
        typer.echo(f"hsso-plan: {e}", err=True)
        raise typer.Exit(2 if e.usage else 1) from None


def _run(plan: Path, no_level: bool, solver: Solver, time_limit: float,
         baseline: Path | None = None) -> Outcome:
    from .app import run
    from .scheduling import Options
    from .scheduling.cpsat import SolverUnavailable

    opts = Options(levelling=False if no_level else None, solver=solver.value,
                   time_limit=time_limit, baseline=_baseline(baseline))
    try:
        return run(plan, options=opts)
    except SolverUnavailable as e:
        typer.echo(f"hsso-plan: {e}", err=True)
        raise typer.Exit(2) from None
