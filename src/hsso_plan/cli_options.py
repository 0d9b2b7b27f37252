"""The command line's shared options and choices (from the registry), the run they start
and the output they end with (`_render`, `_emit`): kept apart so `cli` holds only the
commands (parse, call `app`, print)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeAlias, cast

import typer

from .render import registry

if TYPE_CHECKING:
    from .app import Outcome
    from .baseline import Baseline
    from .diff import PlanDiff
    from .render.registry import Kind, RenderOptions


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


def _format_option(kind: Kind) -> Any:  # typer.Option is typed Any (an OptionInfo)
    """The ``--format``/``-f`` option of a command: its choices and help from the registry."""
    return typer.Option("--format", "-f", help=registry.help_text(kind))


ValidateFormatOpt = Annotated[ValidateFormat, typer.Option(
    "--format", "-f", help=registry.diagnostics_help())]
ScheduleFormatOpt = Annotated[ScheduleFormat, _format_option("schedule")]
ReportFormatOpt = Annotated[ReportFormat, _format_option("report")]
ExportFormatOpt = Annotated[ExportFormat, _format_option("export")]
RiskFormatOpt = Annotated[RiskFormat, _format_option("risk")]
DiffFormatOpt = Annotated[DiffFormat, _format_option("diff")]
WhyFormatOpt = Annotated[WhyFormat, _format_option("why")]


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


# ---- the output every command ends with -------------------------------------------------

def _diagnostics_to_stderr(outcome: Outcome) -> None:
    if outcome.diagnostics:
        from .render.diagnostics import render_text

        typer.echo(render_text(outcome.diagnostics), err=True, nl=False)


def _emit(data: str | bytes, output: Path | None) -> None:
    """``data`` to stdout or ``-o output`` (`fileio.emit`); a file that cannot be written
    is a usage error (exit 2) with the reason."""
    from .fileio import OutputError, emit

    try:
        emit(data, output)
    except OutputError as e:
        typer.echo(f"hsso-plan: {e}", err=True)
        raise typer.Exit(2) from None


def _stdout_is_terminal() -> bool:
    import sys

    return sys.stdout.isatty()


def _render(kind: Kind, name: str, running: Callable[[], Outcome], output: Path | None,
            options: RenderOptions | None = None, *, diff: PlanDiff | None = None,
            task: str | None = None, code: int | None = None) -> None:
    """Problems to stderr; the output in format ``name`` to stdout or ``output``; exit.

    A binary format bound for a terminal, or a format whose engine is missing, is a usage
    error (exit 2) before any work. A progress bar in ``options`` is closed before the
    output is written."""
    fmt = registry.get(kind, str(name))
    why = fmt.missing()
    if why is not None:
        raise typer.BadParameter(why, param_hint="--format")
    if fmt.binary and output is None and _stdout_is_terminal():
        raise typer.BadParameter(f"the {fmt.name} format is binary: write it to a file with "
                                 f"-o FILE{fmt.suffix} (or redirect stdout)",
                                 param_hint="--output")
    outcome = running()
    _diagnostics_to_stderr(outcome)
    if outcome.schedule is None or outcome.loaded.plan is None:
        raise typer.Exit(1)
    from dataclasses import replace

    from .cli_progress import close_bar
    from .render.text import output_width, print_fitted, term_console
    from .textsafe import visible

    options = options or registry.RenderOptions()
    width = output_width(options.width, output is None and _stdout_is_terminal())
    options = replace(options, width=width)
    ctx = registry.RenderContext.of(outcome, options)
    ctx.diff = diff
    if task is not None:
        from .app import driving_chain

        ctx.chain = driving_chain(outcome, task)
    if output is None and fmt.console is not None:
        console = term_console(width=width)
        try:
            renderable = fmt.console_renderable(ctx, width)
        finally:
            close_bar(ctx.options.progress)
        print_fitted(console, renderable)
    else:
        try:
            data = fmt.render(ctx)
        except registry.CannotRender as e:
            typer.echo(f"hsso-plan: {visible(e)}", err=True)
            raise typer.Exit(1) from None
        finally:
            close_bar(ctx.options.progress)
        _emit(data, output)
        for n in ctx.notes:
            typer.echo(f"note: {visible(n)}", err=True)
    raise typer.Exit(outcome.exit_code if code is None else code)
