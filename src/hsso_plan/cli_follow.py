"""The commands that follow a plan over time: `diff` and `why` (registered on `cli.app`;
kept here so the main CLI module stays small). Thin, like `cli`: parse, call, print, exit."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .cli import (
    BaselineOpt,
    NoLevelOpt,
    OutputOpt,
    PlanArg,
    Solver,
    _diagnostics_to_stderr,
    _emit,
    _run,
    app,
)

if TYPE_CHECKING:
    from .app import Outcome


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


@app.command("diff")
def diff_(
    old: Annotated[str, typer.Argument(metavar="OLD", help="The old plan: a file, or REV:PATH "
                                       "(a file at a git revision, e.g. HEAD~1:plan.toml).")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The new plan: a file or REV:PATH.")],
    fmt: Annotated[DiffFormat, typer.Option(
        "--format", "-f", help="text (default), json, or markdown (for a pull-request "
        "comment).")] = DiffFormat.text,
    output: OutputOpt = None,
    no_level: NoLevelOpt = False,
) -> None:
    """Compare the schedules of two plans: tasks added, removed and moved (working days,
    with the cause when it can be named), the finish delta, problems new and fixed.

    Exit status 0 when both plans load (whatever moved), 1 when one has errors.

    Example: hsso-plan diff HEAD~1:plans/hsso-2017.toml plans/hsso-2017.toml -f markdown
    """
    from .diff import compare
    from .render import diff_report
    from .revisions import RevisionError, run_spec
    from .scheduling import Options, make_calendars

    opts = Options(levelling=False if no_level else None)
    sides: list[Outcome] = []
    for spec in (old, new):
        try:
            sides.append(run_spec(spec, Path.cwd(), opts))
        except RevisionError as e:
            typer.echo(f"hsso-plan: {e}", err=True)
            raise typer.Exit(2) from None
    for o in sides:
        _diagnostics_to_stderr(o)
    a, b = sides
    if a.schedule is None or b.schedule is None or b.loaded.plan is None:
        typer.echo("hsso-plan: cannot compare: a plan could not be scheduled (see above)",
                   err=True)
        raise typer.Exit(1)
    d = compare(a, b, old, new, make_calendars(b.loaded.plan)[None])
    render = {DiffFormat.json: diff_report.render_json,
              DiffFormat.markdown: diff_report.render_markdown}.get(fmt, diff_report.render_text)
    _emit(render(d), output)
    raise typer.Exit(max(a.exit_code, b.exit_code))


class WhyFormat(StrEnum):
    text = "text"
    json = "json"


@app.command()
def why(
    plan: PlanArg,
    task: Annotated[str, typer.Argument(metavar="TASK", help="The task id.")],
    fmt: Annotated[WhyFormat, typer.Option("--format", "-f", help="Output format.")] =
        WhyFormat.text,
    output: OutputOpt = None,
    no_level: NoLevelOpt = False,
    baseline: BaselineOpt = None,
) -> None:
    """Explain a task's start: the whole driving chain back to the project start, a fixed
    date, a no-earlier-than date, the status date or a full resource, one line per link
    with its slack (working days) and the task's total float.

    An unknown TASK is a usage error (exit 2), with a did-you-mean.

    Example: hsso-plan why plans/hsso-2017.toml nsm-transfer
    """
    from .diagnostics import did_you_mean
    from .render import why_report
    from .why import chain

    outcome = _run(plan, no_level, Solver.heuristic, 10.0, baseline)
    _diagnostics_to_stderr(outcome)
    s, p = outcome.schedule, outcome.loaded.plan
    if s is None or p is None:
        raise typer.Exit(1)
    if task not in p.task:
        hint = did_you_mean(task, list(p.task))
        typer.echo(f"hsso-plan: no task '{task}' in {plan}" + (f"; {hint}" if hint else ""),
                   err=True)
        raise typer.Exit(2)
    links = chain(p, s, task)
    render = why_report.render_json if fmt is WhyFormat.json else why_report.render_text
    _emit(render(links), output)
    raise typer.Exit(outcome.exit_code)
