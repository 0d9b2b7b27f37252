"""The `hsso-plan` command line. Thin: parse options, call `app`, print, exit.

Exit status: 0 = no errors; 1 = the plan has errors; 2 = usage error (bad option, missing
file); 3 = an internal error (a bug: please report it with the plan that caused it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import process
from .cli_options import (
    BaselineOpt,
    DiffFormat,
    ExportFormat,
    IterationsOpt,
    Lang,
    NoLevelOpt,
    OutputOpt,
    PlanArg,
    ReportFormat,
    RiskFormat,
    ScheduleFormat,
    SeedOpt,
    Solver,
    SolverOpt,
    TimeLimitOpt,
    ValidateFormat,
    WhyFormat,
    WidthOpt,
    _run,
)
from .render import registry

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

    from .app import Outcome
    from .diff import PlanDiff
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
        # The bytes as rendered: typer.echo would strip escape sequences on a pipe, silently
        # changing JSON or CSV whose plan text holds them (each renderer escapes its own).
        import sys

        sys.stdout.buffer.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        sys.stdout.flush()
    else:
        from .fileio import OutputError, write_atomic

        try:
            write_atomic(output, data)
        except OutputError as e:
            typer.echo(f"hsso-plan: {e}", err=True)
            raise typer.Exit(2) from None


def _stdout_is_terminal() -> bool:
    import sys

    return sys.stdout.isatty()


class _RiskBar:
    """The risk runs' progress bar (`rich.progress`) on stderr, passed down as the
    ``progress`` callback: drawn only once the runs have taken half a second (short runs
    show nothing) and gone before the output is written."""

    DELAY = 0.5

    def __init__(self, iterations: int) -> None:
        self.label = f"{iterations:,} runs"
        self.t0: float | None = None
        self.bar: Progress | None = None
        self.job: TaskID | None = None

    def __call__(self, share: float) -> None:
        import time

        if self.bar is None:
            now = time.monotonic()
            if self.t0 is None:
                self.t0 = now
            if now - self.t0 < self.DELAY:
                return
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
            self.job = self.bar.add_task(self.label, total=1.0)
        if self.job is not None:
            self.bar.update(self.job, completed=share)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def _close_bar(options: RenderOptions) -> None:
    if isinstance(options.progress, _RiskBar):
        options.progress.close()


def _risk_bar(iterations: int) -> _RiskBar | None:
    """A progress bar for the risk runs when stderr is a terminal; none when piped."""
    import sys

    return _RiskBar(iterations) if sys.stderr.isatty() else None


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

    from .render.text import output_width, print_fitted, term_console

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
            _close_bar(ctx.options)
        print_fitted(console, renderable)
    else:
        try:
            data = fmt.render(ctx)
        except registry.CannotRender as e:
            from .render.text import visible

            typer.echo(f"hsso-plan: {visible(e)}", err=True)
            raise typer.Exit(1) from None
        finally:
            _close_bar(ctx.options)
        _emit(data, output)
        if ctx.notes:
            from .render.text import visible

            for n in ctx.notes:
                typer.echo(f"note: {visible(n)}", err=True)
    raise typer.Exit(outcome.exit_code if code is None else code)


@app.command()
def validate(
    plan: PlanArg,
    fmt: Annotated[ValidateFormat, typer.Option(
        "--format", "-f", help=registry.diagnostics_help())] = "text",
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

    codes: dict[str, tuple[str, ...] | None] = {"--select": None, "--ignore": ()}
    for name, text in (("--select", select), ("--ignore", ignore)):
        try:
            codes[name] = parse_codes(text) if text is not None else codes[name]
        except UnknownCode as e:
            raise typer.BadParameter(str(e), param_hint=name) from None
    chosen = Selection(codes["--select"], codes["--ignore"] or ())
    outcome = run(plan).filtered(chosen)
    ntasks = len(outcome.schedule.tasks) if outcome.schedule else None
    view = registry.DiagnosticsView(str(plan), outcome.diagnostics, ntasks, strict)
    typer.echo(registry.diagnostics_format(str(fmt)).render(view), nl=False)
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
    baseline: BaselineOpt = None,
    width: WidthOpt = None,
    columns: Annotated[str | None, typer.Option(
        "--columns", metavar="NAMES", help="The table's columns, comma-separated, shown in "
        "the order given: id, name, start, finish, duration, float, critical, driver, "
        "status, resources, baseline_finish, variance (default: all that apply). Columns "
        "that do not fit the width are dropped, lowest priority first (docs/outputs.md).")
    ] = None,
) -> None:
    """Compute the schedule: dates, late dates, total float, critical path, violations.

    Problems go to stderr; the schedule goes to stdout (or --output). Exit status 1 when the
    plan has errors, including violated deadlines or fixed starts. The table fits --width
    (see docs/outputs.md): at 80 columns ID, dates, float and name come first.

    Example: hsso-plan schedule plans/example.toml --format csv -o schedule.csv
    """
    chosen = None
    if columns is not None:
        from .render.table import UnknownColumn, parse_columns

        try:
            chosen = parse_columns(columns)
        except UnknownColumn as e:
            raise typer.BadParameter(str(e), param_hint="--columns") from None
    _render("schedule", fmt, lambda: _run(plan, no_level, solver, time_limit, baseline),
            output, registry.RenderOptions(width=width, columns=chosen))


@app.command()
def report(
    plan: PlanArg,
    fmt: Annotated[ReportFormat, typer.Option(
        "--format", "-f", help=registry.help_text("report"))] = "terminal",
    output: OutputOpt = None,
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the report.")] = Lang.en,
    section: Annotated[str | None, typer.Option(
        "--section", help="Comma-separated sections: summary, readiness, gantt, lookahead, "
        "deadlines, problems, resources, coverage, staff, risk (default: all, risk when the "
        "plan has ranges or risk events; the terminal shows the executive page and the "
        "look-ahead, and names the appendices it leaves out).")] = None,
    as_of: Annotated[str | None, typer.Option(
        "--as-of", metavar="YYYY-MM-DD", help="Status date for readiness done/remaining "
        "(default: the project's status_date, else its start).")] = None,
    width: WidthOpt = None,
    detail: Annotated[bool, typer.Option(
        "--detail", help="Every appendix in the terminal report, and every task in its Gantt, "
        "not only workstreams.")] = False,
    near_critical: Annotated[int, typer.Option(
        "--near-critical", min=0, max=1000, metavar="DAYS",
        help="Near-critical: tasks with at most this total float, in working days.")] = 5,
    look_ahead: Annotated[int, typer.Option(
        "--look-ahead", min=1, max=1000, metavar="DAYS",
        help="Look-ahead window: working days after the status date.")] = 10,
    iterations: IterationsOpt = 10_000,
    seed: SeedOpt = 1,
    no_level: NoLevelOpt = False,
    solver: SolverOpt = Solver.heuristic,
    time_limit: TimeLimitOpt = 10.0,
    baseline: BaselineOpt = None,
) -> None:
    """Render a report to read and circulate: summary, Gantt, readiness by site (RAG),
    service coverage, staff moving, resource load, deadlines, schedule risk (when the plan
    has ranges or risk events: --iterations runs with --seed) and problems.

    Example: hsso-plan report plans/hsso-2017.toml --format html --lang fr -o rapport.html
    """
    import datetime as dt

    from .render.i18n import SECTIONS

    sections = tuple(x.strip() for x in section.split(",")) if section else None
    bad = [x for x in sections or () if x not in SECTIONS]
    if bad:
        from .render.text import visible

        raise typer.BadParameter(f"unknown section {visible(', '.join(bad))}; choose from "
                                 f"{', '.join(SECTIONS)}", param_hint="--section")
    day = None
    if as_of is not None:
        try:
            day = dt.date.fromisoformat(as_of)
        except ValueError:
            raise typer.BadParameter("use YYYY-MM-DD", param_hint="--as-of") from None
    options = registry.RenderOptions(lang=lang.value, sections=sections, as_of=day,
                                     detail=detail, width=width, iterations=iterations,
                                     seed=seed, progress=_risk_bar(iterations),
                                     near_critical=near_critical, lookahead=look_ahead)
    _render("report", fmt, lambda: _run(plan, no_level, solver, time_limit, baseline), output,
            options)


@app.command()
def risk(
    plan: PlanArg,
    iterations: IterationsOpt = 10_000,
    seed: SeedOpt = 1,
    fmt: Annotated[RiskFormat, typer.Option(
        "--format", "-f", help=registry.help_text("risk"))] = "terminal",
    output: OutputOpt = None,
    no_level: NoLevelOpt = False,
    width: WidthOpt = None,
) -> None:
    """Schedule risk by Monte Carlo: P10/P50/P80/P90 dates, the chance of each deadline and
    of each transfer's readiness, criticality, what drives the finish (tornado), service
    hand-overs, sites ranked by risk. Ranges and risk events: docs/risk.md.

    Example: hsso-plan risk plans/hsso-2017.toml --iterations 20000 --seed 7 -f html -o r.html
    """
    options = registry.RenderOptions(iterations=iterations, seed=seed, width=width,
                                     progress=_risk_bar(iterations))
    _render("risk", fmt, lambda: _run(plan, no_level, Solver.heuristic, 10.0), output, options)


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
    _render("export", fmt, lambda: _run(plan, no_level, Solver.heuristic, 10.0), output)


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
    from .render.text import visible

    shown = one_line(str(source))
    try:
        plan, notes = mspdi.import_project(read_regular(source, MAX_XML_BYTES))
    except (OSError, ValueError) as e:  # MspdiError, or a file that cannot be read
        why = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        typer.echo(visible(f"{shown}:1:1: error: {why}"), err=True)
        raise typer.Exit(1) from None
    _emit(mspdi.plan_text(plan, notes, source.name), output)
    for n in notes:
        typer.echo(f"note: {visible(n)}", err=True)


@app.command("schema")
def schema(output: OutputOpt = None) -> None:
    """Print the JSON Schema of the plan format, for completion and hover in TOML editors
    (Even Better TOML / Taplo; see docs/editors.md).

    Example: hsso-plan schema -o plan.schema.json
    """
    from .schema import render

    _emit(render(), output)


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
        from .render.text import visible

        typer.echo(f"unknown code '{visible(code)}'; run 'hsso-plan explain' for the list",
                   err=True)
        raise typer.Exit(2)
    typer.echo(f"{entry.code} ({entry.severity.value}): {entry.title}\n\n{entry.explanation}")


@app.command("diff")
def diff_(
    old: Annotated[str, typer.Argument(metavar="OLD", help="The old plan: a file, or REV:PATH "
                                       "(a file at a git revision, e.g. HEAD~1:plan.toml).")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The new plan: a file or REV:PATH.")],
    fmt: Annotated[DiffFormat, typer.Option(
        "--format", "-f", help=registry.help_text("diff"))] = "text",
    output: OutputOpt = None,
    no_level: NoLevelOpt = False,
    width: WidthOpt = None,
) -> None:
    """Compare the schedules of two plans: tasks added, removed and moved (working days,
    with the cause when it can be named), the finish delta, problems new and fixed.

    Exit status 0 when both plans load (whatever moved), 1 when one has errors.

    Example: hsso-plan diff HEAD~1:plans/hsso-2017.toml plans/hsso-2017.toml -f markdown
    """
    from .app import compare_plans
    from .revisions import RevisionError
    from .scheduling import Options

    try:
        c = compare_plans(old, new, Path.cwd(), Options(levelling=False if no_level else None))
    except RevisionError as e:
        typer.echo(f"hsso-plan: {e}", err=True)
        raise typer.Exit(2) from None
    _diagnostics_to_stderr(c.old)
    if c.diff is None:
        _diagnostics_to_stderr(c.new)
        typer.echo("hsso-plan: cannot compare: a plan could not be scheduled (see above)",
                   err=True)
        raise typer.Exit(1)
    _render("diff", fmt, lambda: c.new, output, registry.RenderOptions(width=width),
            diff=c.diff, code=c.exit_code)


@app.command()
def why(
    plan: PlanArg,
    task: Annotated[str, typer.Argument(metavar="TASK", help="The task id.")],
    fmt: Annotated[WhyFormat, typer.Option(
        "--format", "-f", help=registry.help_text("why"))] = "text",
    output: OutputOpt = None,
    no_level: NoLevelOpt = False,
    baseline: BaselineOpt = None,
    width: WidthOpt = None,
) -> None:
    """Explain a task's start: the whole driving chain back to the project start, a fixed
    date, a no-earlier-than date, the status date or a full resource, one line per link
    with its slack (working days) and the task's total float.

    An unknown TASK is a usage error (exit 2), with a did-you-mean.

    Example: hsso-plan why plans/hsso-2017.toml nsm-transfer
    """
    outcome = _run(plan, no_level, Solver.heuristic, 10.0, baseline)
    p = outcome.loaded.plan
    if p is not None and outcome.schedule is not None and task not in p.task:
        from .diagnostics import did_you_mean
        from .render.text import visible

        _diagnostics_to_stderr(outcome)
        hint = did_you_mean(task, list(p.task))
        typer.echo(f"hsso-plan: no task '{visible(task)}' in {visible(plan)}"
                   + (f"; {hint}" if hint else ""), err=True)
        raise typer.Exit(2)
    _render("why", fmt, lambda: outcome, output, registry.RenderOptions(width=width),
            task=task)


def main() -> None:
    """Run the CLI under the process policy (`process.run`): no traceback, fast exit."""
    process.run(app)
