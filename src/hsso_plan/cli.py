"""The `hsso-plan` command line. Thin: parse options, call `app`, print, exit.

Exit status: 0 = no errors; 1 = the plan has errors; 2 = usage error (bad option, missing
file); 3 = an internal error (a bug: please report it with the plan that caused it).
"""

# No `from __future__ import annotations` here: typer reads each command's parameters, and
# string annotations would be evaluated again for every parameter of every command on every
# run (about 150 `eval` calls).
from pathlib import Path
from typing import Annotated

import typer

from . import process
from .cli_options import (
    BaselineOpt,
    DiffFormatOpt,
    ExportFormatOpt,
    IterationsOpt,
    Lang,
    LangOpt,
    NoLevelOpt,
    OutputOpt,
    PlanArg,
    ReportFormatOpt,
    RiskFormatOpt,
    ScheduleFormatOpt,
    SeedOpt,
    Solver,
    SolverOpt,
    TimeLimitOpt,
    ValidateFormatOpt,
    WhyFormatOpt,
    WidthOpt,
    _diagnostics_to_stderr,
    _emit,
    _render,
    _run,
)
from .cli_progress import risk_bar as _risk_bar
from .render import registry

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


@app.command()
def validate(
    plan: PlanArg,
    fmt: ValidateFormatOpt = "text",
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
    fmt: ScheduleFormatOpt = "table",
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
    fmt: ReportFormatOpt = "terminal",
    output: OutputOpt = None,
    lang: LangOpt = Lang.en,
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

    from .render.labels import SECTIONS

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
    fmt: RiskFormatOpt = "terminal",
    output: OutputOpt = None,
    no_level: NoLevelOpt = False,
    width: WidthOpt = None,
    lang: LangOpt = Lang.en,
) -> None:
    """Schedule risk by Monte Carlo: P10/P50/P80/P90 dates, the chance of each deadline and
    of each transfer's readiness, criticality, what drives the finish (tornado), service
    hand-overs, sites ranked by risk. Ranges and risk events: docs/risk.md.

    Example: hsso-plan risk plans/hsso-2017.toml --iterations 20000 --seed 7 -f html -o r.html
    (--lang fr: in French; JSON is the same in either language)
    """
    options = registry.RenderOptions(iterations=iterations, seed=seed, width=width,
                                     lang=lang.value, progress=_risk_bar(iterations))
    _render("risk", fmt, lambda: _run(plan, no_level, Solver.heuristic, 10.0), output, options)


@app.command()
def export(
    plan: PlanArg,
    fmt: ExportFormatOpt = "mspdi",
    output: OutputOpt = None,
    no_level: NoLevelOpt = False,
    baseline: BaselineOpt = None,
) -> None:
    """Export the plan and its schedule for another tool (MS Project XML carries progress
    and, with a baseline, each task's Baseline start and finish).

    Example: hsso-plan export plans/hsso-2017-status.toml -o hsso-2017.xml --baseline
    plans/hsso-2017/baseline-2017-01.json
    """
    _render("export", fmt, lambda: _run(plan, no_level, Solver.heuristic, 10.0, baseline),
            output)


@app.command("import")
def import_(
    source: Annotated[Path, typer.Argument(
        exists=True, dir_okay=False, readable=True, metavar="PROJECT.xml",
        help="An MS Project XML (MSPDI) file.")],
    output: OutputOpt = None,
    baseline_out: Annotated[Path | None, typer.Option(
        "--baseline-out", metavar="FILE.json", dir_okay=False,
        help="Write the tasks' Baseline (0) start and finish to this baseline file (what "
        "--baseline reads); with -o, the plan's project.baseline names it.")] = None,
) -> None:
    """Turn an MS Project XML file into a plan file (TOML), progress (actual dates,
    remaining work, the status date) included.

    What has no equivalent in the plan format is listed at the top of the file.

    Example: hsso-plan import schedule.xml -o plans/imported.toml --baseline-out
    plans/imported-baseline.json
    """
    import json
    import os

    from .interchange import mspdi
    from .interchange.mspdi_read import MAX_XML_BYTES
    from .loading.read import read_regular
    from .render.text import visible
    from .textsafe import one_line

    shown = one_line(str(source))
    try:
        got = mspdi.read_project(read_regular(source, MAX_XML_BYTES), source.name,
                                 baseline_out is not None)
    except (OSError, ValueError) as e:  # MspdiError, or a file that cannot be read
        why = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        typer.echo(visible(f"{shown}:1:1: error: {why}"), err=True)
        raise typer.Exit(1) from None
    notes = list(got.notes)
    if baseline_out is not None:
        if got.baseline is None:
            notes.append(f"no task has a Baseline: {one_line(str(baseline_out))} is not "
                         "written")
        else:
            _emit(json.dumps(got.baseline, indent=1, ensure_ascii=False) + "\n", baseline_out)
            if output is not None:
                rel = os.path.relpath(baseline_out.absolute(), output.absolute().parent)
                got.plan["project"]["baseline"] = Path(rel).as_posix()
    _emit(mspdi.plan_text(got.plan, notes, source.name), output)
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
    fmt: DiffFormatOpt = "text",
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
    fmt: WhyFormatOpt = "text",
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
    """Run the CLI under the process policy (`process.run`): no traceback, fast exit; each
    command built when it is the one run (`cli_group`)."""
    from .cli_group import lazy_command

    process.run(lazy_command(app))
