"""The schedule as a rich table for the terminal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from ..baseline import Variance
from ..schedule import Schedule, ScheduledTask
from .text import visible

if TYPE_CHECKING:
    from .registry import RenderContext


def _driver(t: ScheduledTask) -> str:
    d = t.driver
    if d.task is not None:
        lag = f"{d.lag:+d}" if d.lag else ""
        return f"{d.type}{lag} {d.task}"
    return {"project-start": "project start", "start_no_earlier_than": "no earlier than",
            "start_on": "fixed start", "resource": "resource", "status-date": "status date",
            "actual": "actual dates"}.get(d.kind, d.kind)


def _variance(v: int | None) -> Text:
    if v is None:
        return Text("new")
    return Text(f"{v:+d}" if v else "0", style="red" if v > 0 else "green" if v < 0 else "")


def render(s: Schedule, variance: Variance | None = None) -> Table:
    title = Text(f"{visible(s.project_name)}: {s.first_start.isoformat()} to "
                 f"{s.finish.isoformat()}" + (" (levelled)" if s.levelled else "")
                 + (f", status as of {s.status_date.isoformat()}" if s.status_date else ""))
    if variance is not None and variance.finish_variance is not None:
        title.append(f"; baseline finish {variance.baseline_finish}, "
                     f"{variance.finish_variance:+d} working days")
    table = Table(title=title, title_justify="left", header_style="bold")
    table.add_column("ID", no_wrap=True)
    table.add_column("Name", ratio=1)
    table.add_column("Start", no_wrap=True, min_width=10)
    table.add_column("Finish", no_wrap=True, min_width=10)
    table.add_column("Days", justify="right", no_wrap=True)
    table.add_column("Float", justify="right", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("Driven by", ratio=1)
    tracking = s.status_date is not None
    if tracking:
        table.add_column("Status", no_wrap=True)
    if variance is not None:
        table.add_column("Baseline finish", no_wrap=True, min_width=10)
        table.add_column("Var", justify="right", no_wrap=True)
    for k, t in enumerate(s.tasks):
        mark = Text("◆ crit" if t.milestone and t.critical else
                    "◆" if t.milestone else "crit" if t.critical else "",
                    style="bold red" if t.critical else "")
        fl = Text("-" if t.total_float is None else str(t.total_float),
                  style="red" if t.total_float is not None and t.total_float < 0 else "")
        cells: list[str | Text] = [Text(visible(t.id)), Text(visible(t.name)),
                                   t.start.isoformat(), t.finish.isoformat(),
                                   str(t.duration), fl, mark, Text(visible(_driver(t)))]
        if tracking:
            cells.append(t.status + (f" ({t.remaining} left)" if t.remaining is not None
                                     else "") if t.status else "")
        if variance is not None:
            tv = variance.of(k)
            cells += [tv.baseline_finish.isoformat() if tv.baseline_finish else "",
                      _variance(tv.finish_variance)]
        table.add_row(*cells)
    return table


def console(ctx: RenderContext, width: int) -> Table:
    """The schedule table for a terminal (rich fits it to the terminal's width)."""
    return render(ctx.schedule, ctx.variance)


def from_context(ctx: RenderContext) -> str:
    """The schedule table as plain text (for a file), 160 columns unless asked otherwise."""
    from .text import plain_text

    return plain_text(render(ctx.schedule, ctx.variance), ctx.options.width or 160)
