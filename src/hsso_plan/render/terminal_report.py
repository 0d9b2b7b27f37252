"""The report for a terminal: rich tables and a Gantt chart drawn in text.

It fits the width it is given. Colour is never the only signal: critical rows carry ``!``,
milestones ``◆``, RAG statuses their word; so it reads the same with ``NO_COLOR`` or piped.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from .i18n import KINDS, date, month_label, number, t
from .report_model import CoverageGroup, GanttRow, Report, condensed_coverage
from .text import DEFAULT_WIDTH, consumers_text, plain_text, span_text, spark, visible

if TYPE_CHECKING:
    from .registry import RenderContext

RAG_STYLE = {"green": "bold green", "amber": "bold yellow", "red": "bold red"}


def render(r: Report, width: int = DEFAULT_WIDTH) -> RenderableType:
    lang = r.lang
    parts: list[RenderableType] = [
        Text(visible(r.title), style="bold"),
        Text(f"{t('generated_for', lang)} {date(r.as_of, lang, 'long')}", style="dim"),
    ]
    for section in r.sections:
        part = SECTION_RENDERERS[section](r, width)
        if part is not None:
            parts.append(Rule(Text(t(_HEADING[section], lang), style="bold"),
                              align="left", characters="─"))
            parts.append(part)
    return Group(*parts)


_HEADING = {"summary": "summary", "gantt": "gantt", "readiness": "readiness",
            "coverage": "coverage", "staff": "staff", "resources": "resources",
            "deadlines": "deadlines", "risk": "risk", "problems": "problems"}


def _table(*cols: str, **kw: Any) -> Table:
    table = Table(header_style="bold", show_edge=False, pad_edge=False, **kw)
    for c in cols:
        table.add_column(c)
    return table


def _summary(r: Report, width: int) -> RenderableType:
    lang, s = r.lang, r.summary
    g = Table.grid(padding=(0, 2))
    g.add_column(style="bold")
    g.add_column()
    g.add_row(t("start", lang), date(s.start, lang, "long"))
    g.add_row(t("finish", lang), date(s.finish, lang, "long"))
    g.add_row(t("working_days", lang), number(s.working_days, lang))
    g.add_row(t("tasks", lang), f"{number(s.tasks, lang)} ({number(s.milestones, lang)} "
              f"{t('milestones', lang).lower()})")
    g.add_row(t("critical_path_length", lang),
              f"{number(s.critical_path_days, lang)} {t('days', lang)}, "
              f"{number(s.critical_tasks, lang)} {t('critical_tasks', lang).lower()}")
    missed = s.deadlines_missed
    g.add_row(t("deadlines", lang), Text(
        f"{s.deadlines_met} {t('met', lang)}, {missed} {t('missed', lang)}",
        style="bold red" if missed else ""))
    if s.transfers:
        g.add_row(t("transfers", lang), number(s.transfers, lang))
        g.add_row(t("staff", lang), number(s.staff_moving, lang))
    if s.levelled:
        g.add_row(t("levelled_by", lang), f"{s.moved_by_resources} {t('moved', lang)}")
    g.add_row(t("problems", lang), Text(str(s.problems),
                                         style="bold red" if s.problems else "green"))
    return g


def _scale(r: Report, chart: int) -> tuple[dt.date, float]:
    lo, hi = r.span
    days = (hi - lo).days + 1
    return lo, max(days / max(chart, 1), 1e-9)


def _bar(row: GanttRow, lo: dt.date, per: float, chart: int) -> Text:
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
    style = "red" if row.critical else ("blue" if row.kind == "workstream" else "cyan")
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


def _gantt(r: Report, width: int) -> RenderableType:
    lang = r.lang
    label_w = min(38, max((len(x.name) + 2 * x.level for x in r.gantt), default=10) + 2)
    chart = max(20, width - label_w - 6)
    lo, per = _scale(r, chart)
    table = Table.grid(padding=(0, 1))
    table.add_column(width=label_w, no_wrap=True, overflow="ellipsis")
    table.add_column(width=1, no_wrap=True)
    table.add_column(width=chart, no_wrap=True)
    table.add_row("", "", _axis(lo, per, chart, lang))
    for row in r.gantt:
        name = Text("  " * row.level + visible(row.name),
                    style="bold" if row.kind == "workstream" else "")
        mark = "!" if row.critical else ("◆" if row.kind == "milestone" else "")
        table.add_row(name, Text(mark, style="bold red"), _bar(row, lo, per, chart))
    foot = [Text(t("legend_terminal", lang), style="dim")]
    if r.gantt_hidden:
        foot.append(Text(t("more_in_html", lang, n=r.gantt_hidden), style="dim"))
    return Group(table, *foot)


def _readiness(r: Report, width: int) -> RenderableType | None:
    if not r.readiness:
        return None
    lang = r.lang
    table = _table(t("site", lang), t("transfer_date", lang), t("done", lang),
                   t("remaining", lang), t("float", lang), t("rag", lang))
    for x in r.readiness:
        table.add_row(visible(x.site), date(x.date, lang), str(x.done), str(x.remaining),
                      "" if x.float_days is None else str(x.float_days),
                      Text(t(x.rag, lang), style=RAG_STYLE[x.rag]))
    g, a = r.rag_rule
    return Group(table, Text(t("rag_rule", lang, g=g, a=a, g1=max(a, g - 1)), style="dim"))


def _coverage(r: Report, width: int) -> RenderableType | None:
    if not r.coverage:
        return None
    lang = r.lang
    table = _table(t("service", lang), t("provider", lang), t("consumer", lang),
                   t("from", lang), t("until", lang))
    last = None
    rows = condensed_coverage(r.coverage)
    for x in rows:
        svc = visible(x.service_name) if x.service != last else ""
        last = x.service
        table.add_row(svc, visible(x.provider), visible(consumers_text(x.consumers, lang, x.kind)),
                      span_text(x.start, lang, "plan_start"),
                      span_text(x.until, lang, "open"))
    return Group(table, _coverage_timeline(r, rows, width))


def _coverage_timeline(r: Report, rows: list[CoverageGroup], width: int) -> RenderableType:
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


def _staff(r: Report, width: int) -> RenderableType | None:
    if not r.staff:
        return None
    lang = r.lang
    table = _table(t("transfer_date", lang), t("from", lang), t("to", lang),
                   t("headcount", lang), show_footer=True)
    table.columns[3].justify = "right"
    for x in r.staff:
        table.add_row(date(x.date, lang), visible(x.source), visible(x.target),
                      number(x.headcount, lang))
    table.columns[0].footer = t("total", lang)
    table.columns[3].footer = number(sum(x.headcount for x in r.staff), lang)
    return table


def _resources(r: Report, width: int) -> RenderableType | None:
    if not r.resources:
        return None
    lang = r.lang
    table = _table(t("resource", lang), t("capacity", lang), t("peak", lang),
                   t("week_of", lang))
    for x in r.resources:
        weeks = x.weeks
        first = date(weeks[0][0], lang) if weeks else ""
        table.add_row(visible(x.name), str(x.capacity), str(x.peak),
                      Text(f"{first} {spark(weeks, x.capacity)[: max(10, width - 60)]}"))
    if not r.delays:
        return table
    moved = _table(t("task", lang), t("could_start", lang), t("start", lang),
                   t("full", lang), t("held_by", lang), title=t("delays", lang),
                   title_justify="left")
    for d in r.delays:
        moved.add_row(visible(d.name), date(d.earliest, lang), date(d.start, lang),
                      visible(", ".join(d.resources)),
                      visible(consumers_text(d.blocking, lang)))
    return Group(table, moved)


def _deadlines(r: Report, width: int) -> RenderableType | None:
    if not r.deadlines:
        return None
    lang = r.lang
    table = _table(t("task", lang), t("finish", lang), t("deadline", lang), t("float", lang),
                   t("status", lang))
    for x in r.deadlines:
        table.add_row(visible(x.name), date(x.finish, lang), date(x.deadline, lang),
                      "" if x.float_days is None else str(x.float_days),
                      Text(t("ok" if x.met else "late", lang),
                           style="green" if x.met else "bold red"))
    return table


def _problems(r: Report, width: int) -> RenderableType:
    lang = r.lang
    if not r.problems:
        return Text(t("no_problems", lang), style="green")
    table = _table(t("code", lang), t("message", lang), t("where", lang))
    for x in r.problems:
        table.add_row(x.code, visible(x.message), visible(x.where))
    return table


def _risk(r: Report, width: int) -> RenderableType | None:
    if r.risk is None:
        return None
    from .risk_terminal import render as risk_render

    return risk_render(r.risk, heading=False)


SECTION_RENDERERS = {
    "summary": _summary, "gantt": _gantt, "readiness": _readiness, "coverage": _coverage,
    "staff": _staff, "resources": _resources, "deadlines": _deadlines, "risk": _risk,
    "problems": _problems,
}


def to_text(r: Report, width: int = DEFAULT_WIDTH) -> str:
    """The terminal report as plain text."""
    return plain_text(render(r, width), width)


def console(ctx: RenderContext, width: int) -> RenderableType:
    slips = ctx.baseline_summary
    if slips is None:
        return render(ctx.report, width)
    from rich.console import Group
    from rich.text import Text

    from .variance_report import to_text as variance_text

    return Group(render(ctx.report, width), Text(variance_text(slips).rstrip("\n")))


def from_context(ctx: RenderContext) -> str:
    """The report as plain text (for a file), `text.DEFAULT_WIDTH` unless asked otherwise."""
    from .text import fit_text
    from .variance_report import to_text as variance_text

    slips = ctx.baseline_summary
    width = ctx.options.width or DEFAULT_WIDTH
    return to_text(ctx.report, width) + (fit_text(variance_text(slips), width) if slips else "")
