"""The terminal report's charts, drawn in text: the Gantt (bars, milestones, the status
date) and the service-coverage timeline, on the month axis they share (`terminal_report`
lays them out with its tables; `html_charts` is the HTML counterpart)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text

from .i18n import month_label, t
from .labels import KINDS
from .text import visible

if TYPE_CHECKING:
    from rich.console import RenderableType

    from .report_model import CoverageGroup, GanttRow, Report


def _scale(r: Report, chart: int) -> tuple[dt.date, float]:
    lo, hi = r.span
    days = (hi - lo).days + 1
    return lo, max(days / max(chart, 1), 1e-9)


def _bar(row: GanttRow, lo: dt.date, per: float, chart: int, today: int | None = None) -> Text:
    """A row's bar; ``today``: the column of the status date, drawn ┊ where the row is
    empty."""
    a = int((row.start - lo).days / per)
    b = max(a, int((row.finish - lo).days / per))
    cells = [" "] * chart
    if row.kind == "milestone":
        cells[min(a, chart - 1)] = "◆"
    else:
        ch = "▓" if row.kind == "workstream" else "█"
        for i in range(a, min(b, chart - 1) + 1):
            cells[i] = ch
        for d, _, _ in row.milestones:
            cells[min(int((d - lo).days / per), chart - 1)] = "◆"
    if today is not None and 0 <= today < chart and cells[today] == " ":
        cells[today] = "┊"
    style = "red" if row.critical else ("yellow" if row.near_critical else
                                        "blue" if row.kind == "workstream" else "cyan")
    return Text("".join(cells), style=style)


def _axis(lo: dt.date, per: float, chart: int, lang: str) -> Text:
    cells = [" "] * chart
    d = dt.date(lo.year, lo.month, 1)
    last = -99
    while True:
        x = int((d - lo).days / per)
        if x >= chart:
            break
        label = month_label(d, lang)
        if x >= 0 and x - last > len(label) and x + len(label) <= chart:
            cells[x:x + len(label)] = list(label)
            last = x
        d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return Text("".join(cells), style="dim")


def gantt(r: Report, width: int) -> RenderableType:
    lang = r.lang
    label_w = min(38, max((len(x.name) + 2 * x.level for x in r.gantt), default=10) + 2)
    chart = max(20, width - label_w - 6)
    lo, per = _scale(r, chart)
    table = Table.grid(padding=(0, 1))
    table.add_column(width=label_w, no_wrap=True, overflow="ellipsis")
    table.add_column(width=1, no_wrap=True)
    table.add_column(width=chart, no_wrap=True)
    table.add_row("", "", _axis(lo, per, chart, lang))
    sd = r.summary.status_date
    today = int((sd - lo).days / per) if sd is not None else None
    for row in r.gantt:
        name = Text("  " * row.level + visible(row.name),
                    style="bold" if row.kind == "workstream" else "")
        mark = "!" if row.critical else "~" if row.near_critical else \
            "◆" if row.kind == "milestone" else ""
        table.add_row(name, Text(mark, style="bold red" if row.critical else "yellow"),
                      _bar(row, lo, per, chart, today))
    legend = t("legend_driving", lang, d=r.summary.near_critical_days)
    if sd is not None:
        legend += f" ┊ {t('status_date', lang).lower()}"
    foot = [Text(legend, style="dim")]
    if r.gantt_hidden:
        foot.append(Text(t("more_in_html", lang, n=r.gantt_hidden), style="dim"))
    return Group(table, *foot)


def coverage_timeline(r: Report, rows: list[CoverageGroup], width: int) -> RenderableType:
    """Each provision as a bar on one time axis: █ while every consumer of the row is
    served, ░ where the hand-over is staggered (consumer by consumer)."""
    lang = r.lang
    lo = min([r.span[0], *(x.start[0] for x in rows)])
    hi = r.span[1]
    label_w = min(40, max(len(_cov_label(x, lang)) for x in rows) + 1)
    chart = max(20, width - label_w - 2)
    per = max(((hi - lo).days + 1) / chart, 1e-9)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=label_w, no_wrap=True, overflow="ellipsis")
    grid.add_column(width=chart, no_wrap=True)
    grid.add_row("", _axis(lo, per, chart, lang))

    def pos(d: dt.date | None, end: bool) -> int:
        if d is None:
            return chart
        x = int((d - lo).days / per)
        return max(0, min(chart, x))

    for x in rows:
        cells = [" "] * chart
        a0, a1 = pos(x.start[0], False), pos(x.start[1], False)
        b0, b1 = pos(x.until[0], True), pos(x.until[1], True)
        for i in range(a0, b1):
            cells[i] = "█" if a1 <= i < b0 else "░"
        grid.add_row(_cov_label(x, lang), Text("".join(cells), style="cyan"))
    return Group(grid, Text(t("coverage_legend", lang), style="dim"))


def _cov_label(x: CoverageGroup, lang: str) -> str:
    n = len(x.consumers)
    kind = KINDS.get(x.kind, KINDS["other"])[lang]
    return visible(f"{x.service}: {x.provider_id} → {n} {kind}")
