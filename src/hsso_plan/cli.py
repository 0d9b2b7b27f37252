"""The `hsso-plan` command line. Thin: parse options, call `app`, print, exit.

Exit status: 0 = no errors; 1 = the plan has errors; 2 = usage error (bad option, missing
file); 3 = an internal error (a bug: please report it with the plan that caused it).
"""

from __future__ import annotations

import gc
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import __version__

if TYPE_CHECKING:
    from .app import Outcome
    from .baseline import Baseline

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


class ScheduleFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


class ReportFormat(StrEnum):
    terminal = "terminal"
    html = "html"
    markdown = "markdown"
    json = "json"


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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hsso-plan {__version__}")
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


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text, nl=False)
    else:
        from .fileio import write_atomic

        write_atomic(output, text)


@app.command()
def validate(
    plan: PlanArg,
    fmt: Annotated[ValidateFormat, typer.Option("--format", "-f", help="Output format.")] =
        ValidateFormat.text,
) -> None:
    """Check a plan and report every problem at once, as FILE:LINE:COL: error[CODE].

    Checks syntax, schema, references, cycles, calendars and constraints, then the
    scheduled timeline: missed deadlines, overrun fixed starts, resource limits, and the
    merger's promises (service continuity, staff conservation, lifecycle, mapping,
    readiness before each transfer, transfers per day). See docs/error-codes.md.

    Example: hsso-plan validate plans/example.toml --format json
    """
    from .app import run
    from .render import diagnostics as rd

    outcome = run(plan)
    if fmt is ValidateFormat.json:
        typer.echo(rd.render_json(outcome.diagnostics), nl=False)
    else:
        typer.echo(rd.render_text(outcome.diagnostics), nl=False)
        ntasks = len(outcome.schedule.tasks) if outcome.schedule else None
        typer.echo(rd.summary(str(plan), outcome.diagnostics, ntasks))
    raise typer.Exit(outcome.exit_code)


@app.command()
def schedule(
    plan: PlanArg,
    fmt: Annotated[ScheduleFormat, typer.Option("--format", "-f", help="Output format.")] =
        ScheduleFormat.table,
    output: OutputOpt = None,
    no_level: NoLevelOpt = False,
    solver: SolverOpt = Solver.heuristic,
    time_limit: TimeLimitOpt = 10.0,
    baseline: BaselineOpt = None,
) -> None:
    """Compute the schedule: dates, late dates, total float, critical path, violations.

    Problems go to stderr; the schedule goes to stdout (or --output). Exit status 1 when the
    plan has errors, including violated deadlines or fixed starts.

    Example: hsso-plan schedule plans/example.toml --format csv -o schedule.csv
    """
    outcome = _run(plan, no_level, solver, time_limit, baseline)
    _diagnostics_to_stderr(outcome)
    s = outcome.schedule
    if s is None:
        raise typer.Exit(1)
    var = outcome.variance()
    if fmt is ScheduleFormat.json:
        from .render import schedule_json

        _emit(schedule_json.render(s, outcome.migration, var), output)
    elif fmt is ScheduleFormat.csv:
        from .render import csv_

        _emit(csv_.render(s, var), output)
    else:
        from rich.console import Console

        from .render import table

        if output is None:
            Console(highlight=False).print(table.render(s, var))
        else:
            from .render.terminal_report import plain_text

            _emit(plain_text(table.render(s, var), 160), output)
    raise typer.Exit(outcome.exit_code)


@app.command()
def report(
    plan: PlanArg,
    fmt: Annotated[ReportFormat, typer.Option(
        "--format", "-f", help="terminal (default), self-contained html, markdown (with a "
        "Mermaid gantt), or json (the same content as data).")] = ReportFormat.terminal,
    output: OutputOpt = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the report.")] = Lang.en,
    section: Annotated[str | None, typer.Option(
        "--section", help="Comma-separated sections: summary, gantt, readiness, coverage, "
        "staff, resources, deadlines, problems (default: all).")] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="YYYY-MM-DD", help="Status date for readiness done/remaining "
        "(default: the project's status_date, else its start).")] = None,
    width: Annotated[int | None, typer.Option(
        "--width", min=40, help="Terminal report width (default: the terminal's).")] = None,
    detail: Annotated[bool, typer.Option(
        "--detail", help="Every task in the terminal Gantt, not only workstreams.")] = False,
    no_level: NoLevelOpt = False,
    solver: SolverOpt = Solver.heuristic,
    time_limit: TimeLimitOpt = 10.0,
    baseline: BaselineOpt = None,
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
    outcome = _run(plan, no_level, solver, time_limit, baseline)
    _diagnostics_to_stderr(outcome)
    if outcome.schedule is None or outcome.loaded.plan is None:
        raise typer.Exit(1)
    from .render import variance_report
    from .render.report_model import ReportOptions, build

    var = outcome.variance()
    slips = variance_report.summarise(outcome.schedule, var) if var is not None else None

    rep = build(outcome.loaded.plan, outcome.schedule, outcome.migration, outcome.diagnostics,
                ReportOptions(lang=lang.value, sections=sections, as_of=day, detail=detail))
    if fmt is ReportFormat.terminal:
        from rich.console import Console

        from .render import terminal_report

        extra = variance_report.to_text(slips) if slips else ""
        if output is None:
            console = Console(highlight=False, width=width)
            console.print(terminal_report.render(rep, console.width))
            typer.echo(extra, nl=False)
        else:
            _emit(terminal_report.to_text(rep, width or 100) + extra, output)
    elif fmt is ReportFormat.html:
        from .render import html_report

        _emit(html_report.render(rep), output)
    elif fmt is ReportFormat.markdown:
        from .render import markdown_report

        _emit(markdown_report.render(rep) + (variance_report.to_markdown(slips) if slips
                                             else ""), output)
    else:
        from .render import report_json

        _emit(report_json.render(rep, {"baseline": variance_report.as_dict(slips)}
                                 if slips else None), output)
    raise typer.Exit(outcome.exit_code)


class ExportFormat(StrEnum):
    mspdi = "mspdi"
    tjp = "tjp"


@app.command()
def export(
    plan: PlanArg,
    fmt: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help="mspdi: MS Project XML (the XML format MS Project saves and "
        "opens); tjp: a TaskJuggler 3 project.")] = ExportFormat.mspdi,
    output: OutputOpt = None,
    no_level: NoLevelOpt = False,
) -> None:
    """Export the plan and its schedule for another tool.

    Example: hsso-plan export plans/hsso-2017.toml -o hsso-2017.xml
    """
    outcome = _run(plan, no_level, Solver.heuristic, 10.0)
    _diagnostics_to_stderr(outcome)
    if outcome.schedule is None or outcome.loaded.plan is None:
        raise typer.Exit(1)
    if fmt is ExportFormat.mspdi:
        from .interchange import mspdi

        _emit(mspdi.export(outcome.loaded.plan, outcome.schedule), output)
    else:
        from .render import tjp

        try:
            text = tjp.render(outcome.loaded.plan, outcome.schedule.finish)
        except tjp.UnsupportedForTaskJuggler as e:
            typer.echo(f"hsso-plan: TaskJuggler cannot express: {e}", err=True)
            raise typer.Exit(1) from None
        _emit(text, output)
    raise typer.Exit(outcome.exit_code)


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

    try:
        plan, notes = mspdi.import_project(source.read_bytes())
    except mspdi.MspdiError as e:
        typer.echo(f"{source}:1:1: error: {e}", err=True)
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
    from .diagnostics import CODES

    if code is None:
        for c in CODES.values():
            typer.echo(f"{c.code}  {c.severity.value:<7}  {c.title}")
        return
    entry = CODES.get(code.upper())
    if entry is None:
        typer.echo(f"unknown code '{code}'; run 'hsso-plan explain' for the list", err=True)
        raise typer.Exit(2)
    typer.echo(f"{entry.code} ({entry.severity.value}): {entry.title}\n\n{entry.explanation}")


from . import cli_follow  # noqa: E402,F401  (registers diff and why on `app`)


def main() -> None:
    """Run the CLI; no traceback ever reaches the user."""
    # One short batch run: the cyclic garbage collector would only rescan the plan's
    # millions of live objects (see app.run), so it stays off for the process.
    gc.disable()
    code: int = 0
    try:
        app()
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
        if isinstance(e.code, str):
            sys.stderr.write(e.code + "\n")
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        code = 130
    except BrokenPipeError:  # the reader went away (`| head`): nothing more to say
        code = 0
    except Exception as e:  # a bug, not a plan problem: say so without a traceback
        sys.stderr.write(f"hsso-plan: internal error: {type(e).__name__}: {e}\n"
                         "This is a bug in hsso-plan; please report it with the plan file.\n")
        code = 3
    _exit(code)


def _exit(code: int) -> None:
    """Flush and leave without tearing down the heap object by object.

    Freeing a 100,000-task plan at interpreter exit takes half a second and serves no
    purpose; every file was already written (atomically, and synced) by then.
    """
    import os

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        code = code or 1
    os._exit(code)
