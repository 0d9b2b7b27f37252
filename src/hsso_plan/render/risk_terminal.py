"""`hsso-plan risk` in a terminal (rich): summary, S-curve as text bars, tornado, transfer
table, deadlines, hand-overs, events and the most critical tasks. Plan text goes in as
`Text`, never as markup, its control characters made visible (`text.visible`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..risk.result import RiskResult
from . import risk_rows as rows
from .text import DEFAULT_WIDTH, visible

if TYPE_CHECKING:
    from .registry import RenderContext

BAR = 30
NAME = 36


def _table(title: str, head: list[str], body: list[list[str]]) -> Table:
    t = Table(title=Text(title, style="bold"), title_justify="left", show_lines=False)
    for h in head:
        t.add_column(Text(h))
    for row in body:
        t.add_row(*(Text(visible(c)) for c in row))
    return t


def _curve(r: RiskResult) -> Text:
    pts = rows.s_curve(r)
    most = max((n for _, n, _ in pts), default=1) or 1
    out = Text("Project finish: runs by date, and the share finished by then (S-curve)\n",
               style="bold")
    for day, n, cum in pts:
        bar = "█" * max(1 if n else 0, round(BAR * n / most))
        out.append(f"{day.isoformat()}  {bar:<{BAR}}  {n:>6}  {rows.pct(cum):>6}\n")
    return out


def _tornado(r: RiskResult) -> Text:
    out = Text("What drives the finish (rank correlation; + = makes it later)\n",
               style="bold")
    drivers = rows.tornado(r)
    if not drivers:
        out.append(rows.no_drivers(r) + "\n")
    names = [visible(x.name) for x in drivers]
    width = min(max((len(n) for n in names), default=0), NAME)
    for x, full in zip(drivers, names, strict=True):
        half = round(BAR / 2 * abs(x.correlation))
        bar = (" " * (BAR // 2 - half) + "◀" * half + "│" + " " * (BAR // 2)) \
            if x.correlation < 0 else (" " * (BAR // 2) + "│" + "▶" * half)
        name = full if len(full) <= width else full[: width - 1] + "…"
        out.append(f"{name:<{width}}  {bar:<{BAR + 1}}  {x.correlation:+.2f}\n")
    return out


def render(r: RiskResult, heading: bool = True) -> RenderableType:
    """The figures for a terminal; without ``heading`` (the report's risk section, which has
    its own heading) the first line is the summary."""
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
    for k, v in rows.summary(r):
        head.add_row(Text(k), Text(visible(v)))
    parts: list[RenderableType] = [Text(f"Schedule risk: {visible(r.project)}", style="bold")] \
        if heading else []
    parts += [head, Text(""), _curve(r), _tornado(r)]
    for title, h, body in (
            ("Transfers: chance the readiness work is done before the date (riskiest "
             "first)", rows.TRANSFER_HEAD, rows.transfer_rows(r)),
            ("Deadlines", rows.DEADLINE_HEAD, rows.deadline_rows(r)),
            ("Service hand-overs at milestones", rows.HANDOVER_HEAD, rows.handover_rows(r)),
            ("Risk events", rows.EVENT_HEAD, rows.event_rows(r)),
            ("Most critical tasks (share of runs on the critical path)", rows.TASK_HEAD,
             rows.task_rows(r))):
        if body:
            parts.append(_table(title, h, body))
    return Group(*parts)


def to_text(r: RiskResult, width: int = DEFAULT_WIDTH) -> str:
    from .text import plain_text

    return plain_text(render(r), width)


def from_context(ctx: RenderContext) -> str:
    """The registry's entry for a file: plain text, ``width`` wide (`text.DEFAULT_WIDTH`)."""
    return to_text(ctx.risk, ctx.options.width or DEFAULT_WIDTH)


def console(ctx: RenderContext, width: int) -> RenderableType:
    """The registry's entry for a terminal."""
    return render(ctx.risk)
