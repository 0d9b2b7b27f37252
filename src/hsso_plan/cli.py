"""The `hsso-plan` command line. Thin: parse options, call `app`, print, exit.

Exit status: 0 = no errors; 1 = the plan has errors; 2 = usage error (bad option, missing
file); 3 = an internal error (a bug: please report it with the plan that caused it).
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeAlias, cast

import typer

from . import process
from .render import registry

if TYPE_CHECKING:
    from .app import Outcome
    from .render.registry import Kind, RenderOptions

app = typer.Typer(
    name="hsso-plan",
    help="Plan a shared-services migration from TOML plan files and prove the timeline holds.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    epilog="Examples:\n\n  hsso-plan validate plans/example.toml\n\n"
           "  hsso-plan schedule plans/example.toml --format json\n\n"
           "  hsso-plan report plans/example.toml --output report.txt",
)


class ValidateFormat(StrEnum):
    text = "text"
    json = "json"


def _choices(kind: Kind) -> type[StrEnum]:
    """The formats the registry offers for ``kind``, as the option's choices."""
    names = {f.name: f.name for f in registry.formats(kind)}
    return cast("type[StrEnum]", StrEnum(f"{kind.title()}Format", names))


if TYPE_CHECKING:  # for the type checker a format is its name
    ScheduleFormat: TypeAlias = str
    ReportFormat: TypeAlias = str
    ExportFormat: TypeAlias = str
else:
    ScheduleFormat = _choices("schedule")
    ReportFormat = _choices("report")
    ExportFormat = _choices("export")


class Lang(StrEnum):
    en = "en"
    fr = "fr"


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


def _run(plan: Path, no_level: bool, solver: Solver, time_limit: float) -> Outcome:
    from .app import run
    from .scheduling import Options
    from .scheduling.cpsat import SolverUnavailable

    opts = Options(levelling=False if no_level else None, solver=solver.value,
                   time_limit=time_limit)
    try:
        return run(plan, options=opts)
    except SolverUnavailable as e:
        typer.echo(f"hsso-plan: {e}", err=True)
        raise typer.Exit(2) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(process.version_line())
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Plan a shared-services migration from TOML plan files and prove the timeline holds."""


def _diagnostics_to_stderr(outcome: Outcome) -> None:
    from .render.diagnostics import render_text

    if outcome.diagnostics:
        typer.echo(render_text(outcome.diagnostics), err=True, nl=False)


def _emit(data: str | bytes, output: Path | None) -> None:
    if output is None:
        if isinstance(data, bytes):
            import sys

            sys.stdout.buffer.write(data)
        else:
            typer.echo(data, nl=False)
    else:
        from .fileio import OutputError, write_atomic

        try:
            write_atomic(output, data)
        except OutputError as e:
            typer.echo(f"hsso-plan: {e}", err=True)
            raise typer.Exit(2) from None


def _render(kind: Kind, name: str, outcome: Outcome, output: Path | None,
            options: RenderOptions | None = None) -> None:
    """Problems to stderr; the output in format ``name`` to stdout or ``output``; exit."""
    _diagnostics_to_stderr(outcome)
    if outcome.schedule is None or outcome.loaded.plan is None:
        raise typer.Exit(1)
    fmt = registry.get(kind, str(name))
    ctx = registry.RenderContext.of(outcome, options)
    if output is None and fmt.console is not None:
        from rich.console import Console

        console = Console(highlight=False, width=ctx.options.width)
        console.print(fmt.console_renderable(ctx, console.width))
    else:
        try:
            data = fmt.render(ctx)
        except registry.CannotRender as e:
            typer.echo(f"hsso-plan: {e}", err=True)
            raise typer.Exit(1) from None
        _emit(data, output)
    raise typer.Exit(outcome.exit_code)


@app.command()
def validate(
    plan: PlanArg,
    fmt: Annotated[ValidateFormat, typer.Option("--format", "-f", help="Output format.")] =
        ValidateFormat.text,
    select: Annotated[str | None, typer.Option(
        "--select", metavar="CODES", help="Report only these codes: comma-separated codes or "
        "prefixes (E06 = E060-E069, W = every warning).")] = None,
    ignore: Annotated[str | None, typer.Option(
        "--ignore", metavar="CODES", help="Do not report these codes (codes or prefixes, "
        "comma-separated); wins over --select.")] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Warnings fail too (exit status 1).")] = False,
) -> None:
    """Check a plan and report every problem at once, as FILE:LINE:COL: error[CODE].

    Checks syntax, schema, references, cycles, calendars and constraints, then the
    scheduled timeline: missed deadlines, overrun fixed starts, resource limits, and the
    merger's promises (service continuity, staff conservation, lifecycle, mapping,
    readiness before each transfer, transfers per day). See docs/error-codes.md.

    Example: hsso-plan validate plans/example.toml --format json --ignore W
    """
    from .app import run
    from .checks import Selection, UnknownCode, parse_codes
    from .render import diagnostics as rd

    codes: dict[str, tuple[str, ...] | None] = {"--select": None, "--ignore": ()}
    for name, text in (("--select", select), ("--ignore", ignore)):
        try:
            codes[name] = parse_codes(text) if text is not None else codes[name]
        except UnknownCode as e:
            raise typer.BadParameter(str(e), param_hint=name) from None
    chosen = Selection(codes["--select"], codes["--ignore"] or ())
    outcome = run(plan).filtered(chosen)
    if fmt is ValidateFormat.json:
        typer.echo(rd.render_json(outcome.diagnostics), nl=False)
    else:
        typer.echo(rd.render_text(outcome.diagnostics), nl=False)
        ntasks = len(outcome.schedule.tasks) if outcome.schedule else None
        typer.echo(rd.summary(str(plan), outcome.diagnostics, ntasks))
    raise typer.Exit(outcome.exit_status(strict=strict))


@app.command()
def schedule(
    plan: PlanArg,
    fmt: Annotated[ScheduleFormat, typer.Option(
        "--format", "-f", help=registry.help_text("schedule"))] = "table",
    output: OutputOpt = None,
    no_level: NoLevelOpt = False,
    solver: SolverOpt = Solver.heuristic,
    time_limit: TimeLimitOpt = 10.0,
) -> None:
    """Compute the schedule: dates, late dates, total float, critical path, violations.

    Problems go to stderr; the schedule goes to stdout (or --output). Exit status 1 when the
    plan has errors, including violated deadlines or fixed starts.

    Example: hsso-plan schedule plans/example.toml --format csv -o schedule.csv
    """
    _render("schedule", fmt, _run(plan, no_level, solver, time_limit), output)


@app.command()
def report(
    plan: PlanArg,
    fmt: Annotated[ReportFormat, typer.Option(
        "--format", "-f", help=registry.help_text("report"))] = "terminal",
    output: OutputOpt = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the report.")] = Lang.en,
    section: Annotated[str | None, typer.Option(
        "--section", help="Comma-separated sections: summary, gantt, readiness, coverage, "
        "staff, resources, deadlines, problems (default: all).")] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="YYYY-MM-DD", help="Status date for readiness done/remaining "
        "(default: the project's status_date, else its start).")] = None,
    width: Annotated[int | None, typer.Option(
        "--width", min=40, max=1000,
        help="Terminal report width, 40 to 1000 (default: the terminal's).")] = None,
    detail: Annotated[bool, typer.Option(
        "--detail", help="Every task in the terminal Gantt, not only workstreams.")] = False,
    no_level: NoLevelOpt = False,
    solver: SolverOpt = Solver.heuristic,
    time_limit: TimeLimitOpt = 10.0,
) -> None:
    """Render a report to read and circulate: summary, Gantt, readiness by site (RAG),
    service coverage, staff moving, resource load, deadlines and problems.

    Example: hsso-plan report plans/hsso-2017.toml --format html --lang fr -o rapport.html
    """
    import datetime as dt

    from .render.i18n import SECTIONS

    sections = tuple(x.strip() for x in section.split(",")) if section else SECTIONS
    bad = [x for x in sections if x not in SECTIONS]
    if bad:
        raise typer.BadParameter(f"unknown section {', '.join(bad)}; choose from "
                                 f"{', '.join(SECTIONS)}", param_hint="--section")
    day = None
    if as_of is not None:
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError:
            raise typer.BadParameter("use YYYY-MM-DD", param_hint="--as-of") from None
    options = registry.RenderOptions(lang=lang.value, sections=sections, as_of=day,
                                     detail=detail, width=width)
    _render("report", fmt, _run(plan, no_level, solver, time_limit), output, options)


@app.command()
def export(
    plan: PlanArg,
    fmt: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help=registry.help_text("export"))] = "mspdi",
    output: OutputOpt = None,
    no_level: NoLevelOpt = False,
) -> None:
    """Export the plan and its schedule for another tool.

    Example: hsso-plan export plans/hsso-2017.toml -o hsso-2017.xml
    """
    _render("export", fmt, _run(plan, no_level, Solver.heuristic, 10.0), output)


@app.command("import")
def import_(
    source: Annotated[Path, typer.Argument(
        exists=True, dir_okay=False, readable=True, metavar="PROJECT.xml",
        help="An MS Project XML (MSPDI) file.")],
    output: OutputOpt = None,
) -> None:
    """Turn an MS Project XML file into a plan file (TOML).

    What has no equivalent in the plan format is listed at the top of the file.

    Example: hsso-plan import schedule.xml -o plans/imported.toml
    """
    from .interchange import mspdi
    from .interchange.mspdi_read import MAX_XML_BYTES, one_line
    from .loading.read import read_regular

    shown = one_line(str(source))
    try:
        plan, notes = mspdi.import_project(read_regular(source, MAX_XML_BYTES))
    except (OSError, ValueError) as e:  # MspdiError, or a file that cannot be read
        why = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        typer.echo(f"{shown}:1:1: error: {why}", err=True)
        raise typer.Exit(1) from None
    _emit(mspdi.plan_text(plan, notes, source.name), output)
    for n in notes:
        typer.echo(f"note: {n}", err=True)


@app.command("explain")
def explain(
    code: Annotated[str | None, typer.Argument(help="A code such as E020; omit to list all.")]
        = None,
) -> None:
    """Explain an error code (E0xx) or list them all."""
    from .checks import CODES, catalogue

    if code is None:
        for c in catalogue():
            typer.echo(f"{c.code}  {c.severity.value:<7}  {c.title}")
        return
    entry = CODES.get(code.upper())
    if entry is None:
        typer.echo(f"unknown code '{code}'; run 'hsso-plan explain' for the list", err=True)
        raise typer.Exit(2)
    typer.echo(f"{entry.code} ({entry.severity.value}): {entry.title}\n\n{entry.explanation}")


def main() -> None:
    """Run the CLI under the process policy (`process.run`): no traceback, fast exit."""
    process.run(app)
