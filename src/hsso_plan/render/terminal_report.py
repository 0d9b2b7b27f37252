"""The report for a terminal: rich tables and a Gantt chart drawn in text.

By default it is the executive page (summary with the top issues, transfers, the Gantt
collapsed to workstreams; one 80x50 screen on the real plan) and the look-ahead; a footer
names the appendices left out (``--detail`` shows them all, ``--section`` some).

It fits the width it is given. Colour is never the only signal: rows that drive the finish
carry ``!``, near-critical rows ``~``, milestones ``◆``, RAG statuses their word; so it reads
the same with ``NO_COLOR`` or piped. Numbers are right-aligned under right-aligned headers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from .i18n import date, number, percent, t
from .report_model import (
    TOP_ISSUES,
    Report,
    condensed_coverage,
    is_past,
    rag_shown,
    summary_deadlines,
)
from .terminal_charts import coverage_timeline, gantt
from .text import (
    DEFAULT_WIDTH,
    consumers_text,
    deadline_counts,
    issue_text,
    look_text,
    path_text,
    plain_text,
    rag_label,
    span_text,
    spark,
    transfers_text,
    visible,
)

if TYPE_CHECKING:
    from .registry import RenderContext

RAG_STYLE = {"green": "bold green", "amber": "bold yellow", "red": "bold red", "done": "dim"}


def render(r: Report, width: int = DEFAULT_WIDTH) -> RenderableType:
    lang = r.lang
    parts: list[RenderableType] = [
        Text(visible(r.title), style="bold"),
        Text(f"{t('generated_for', lang)} {date(r.as_of, lang, 'long')}", style="dim"),
    ]
    for section in r.sections:
        if not r.shows(section):
            continue
        part = SECTION_RENDERERS[section](r, width)
        if part is not None:
            parts.append(Rule(Text(t(section, lang), style="bold"),
                              align="left", characters="─"))
            parts.append(part)
    if r.appendices:
        parts.append(Text(t("appendices_footer", lang, names=", ".join(r.appendices)),
                          style="dim"))
    return Group(*parts)


def _table(*cols: str, right: tuple[int, ...] = (), **kw: Any) -> Table:
    """A table whose columns ``right`` (numbers) are right-aligned, header and cells."""
    table = Table(header_style="bold", show_edge=False, pad_edge=False, **kw)
    for i, c in enumerate(cols):
        table.add_column(c, justify="right" if i in right else "left")
    return table


def _fit(table: Table, cells: list[list[str]], width: int, flex: int,
         last: bool = False) -> None:
    """One line per row: every column as wide as its header and ``cells`` (a column's
    widest text), but column ``flex`` (and, with ``last``, the last column too) shares what
    is left of ``width``; long text there ends in an ellipsis."""
    cols = table.columns
    flexible = {flex, len(cols) - 1} if last else {flex}
    fixed = 0
    for i, c in enumerate(cols):
        c.no_wrap = True
        c.overflow = "ellipsis"
        if i not in flexible:
            c.width = max([len(str(c.header)), *(len(row[i]) for row in cells if i < len(row))])
            fixed += c.width
    spare = max(len(flexible) * 8, width - fixed - 3 * (len(cols) - 1))  # divider, padding
    for i in sorted(flexible):
        cols[i].width = spare // len(flexible)


def _summary(r: Report, width: int) -> RenderableType:
    """Key dates, the driving path, deadlines, problems and progress, then the top issues."""
    lang, s = r.lang, r.summary
    g = Table.grid(padding=(0, 2))
    g.add_column(style="bold", no_wrap=True)
    g.add_column()
    dates = f"{date(s.start, lang)} → {date(s.finish, lang)} " \
        f"({number(s.working_days, lang)} {t('days', lang)})"
    g.add_row(f"{t('start', lang)} → {t('finish', lang)}", dates)
    if s.status_date is not None:
        g.add_row(t("status_date", lang), date(s.status_date, lang, "long"))
    if s.next_transfers:
        g.add_row(t("next_transfers", lang), visible(transfers_text(s.next_transfers, lang)))
    if s.driving_names:
        g.add_row(t("driven_by", lang), visible(path_text(s.driving_names, lang,
                                                           s.driving_root, keep=3)))
    if s.near_critical:
        g.add_row(t("near_critical", lang), t("near_critical_text", lang, n=s.near_critical,
                                               d=s.near_critical_days))
    counts = deadline_counts(summary_deadlines(s), lang)
    if counts:
        g.add_row(t("deadlines", lang), Text(counts, style="bold red" if s.deadlines_missed
                                             or s.deadlines_at_risk else ""))
    g.add_row(t("problems", lang), Text(t("problem_counts", lang, e=s.problems, w=s.warnings),
                                         style="bold red" if s.problems else ""))
    g.add_row(t("progress", lang), t("progress_text", lang, done=s.done_tasks, n=s.tasks,
                                      late=s.late_tasks)
              if s.status_date is not None else t("no_progress", lang))
    issues = r.issues
    lines: list[RenderableType] = [g, Text(t("top_issues", lang), style="bold")]
    if not issues:
        lines.append(Text(t("no_issues", lang), style="green"))
    lines.extend(Text(f"• {visible(issue_text(i, lang))}", overflow="ellipsis", no_wrap=True,
                      style="red" if i.kind in _RED else "yellow") for i in issues[:TOP_ISSUES])
    if len(issues) > TOP_ISSUES:
        lines.append(Text(t("more_issues", lang, n=len(issues) - TOP_ISSUES), style="dim"))
    return Group(*lines)


_RED = ("error", "deadline-missed", "transfer-red")


def _readiness(r: Report, width: int) -> RenderableType | None:
    if not r.readiness:
        return None
    lang = r.lang
    conf = any(x.confidence is not None for x in r.readiness)
    table = Table(t("date", lang), t("site", lang), t("ready", lang),
                  t("behind", lang), t("float", lang), t("rag", lang),
                  *([t("confidence", lang)] if conf else []),
                  box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold",
                  padding=(0, 1))
    rows = r.readiness
    head: list[RenderableType] = []
    done = [x for x in rows if is_past(x, r.as_of)]
    if len(done) > 1 and not r.detail:  # transfers behind us: one line
        rows = [x for x in rows if x not in done]
        days = sorted({x.date for x in done if x.date is not None})
        head.append(Text(t("transfers_done", lang, n=len(done), dates=", ".join(
            date(d, lang) for d in days)), style="dim"))
    cells = [[date(x.date, lang), "", f"{x.done}/{x.tasks}", str(len(x.behind)),
              str(x.float_days), max((rag_label(k, lang) for k in RAG_STYLE), key=len),
              percent(x.confidence, lang)] for x in rows]
    _fit(table, cells, width, flex=1)
    for i in (2, 3, 4, 6):
        if i < len(table.columns):
            table.columns[i].justify = "right"
    for x in rows:
        table.add_row(date(x.date, lang), visible(x.site), f"{x.done}/{x.tasks}",
                      str(len(x.behind)) if x.behind else "",
                      "" if x.float_days is None else str(x.float_days),
                      Text(rag_label(rag_shown(x, r.as_of), lang),
                           style=RAG_STYLE[rag_shown(x, r.as_of)]),
                      *([percent(x.confidence, lang)] if conf else []))
    g, a = r.rag_rule
    return Group(*head, table, Text(t("rag_rule", lang, g=g, a=a, g1=max(a, g - 1)) + " "
                                    + t("rag_behind", lang), style="dim"))


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
    return Group(table, coverage_timeline(r, rows, width))


def _staff(r: Report, width: int) -> RenderableType | None:
    if not r.staff:
        return None
    lang = r.lang
    table = _table(t("transfer_date", lang), t("from", lang), t("to", lang),
                   t("headcount", lang), right=(3,), show_footer=True)
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
                   t("week_of", lang), right=(1, 2))
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
    table = _table(t("task", lang), t("finish", lang), t("deadline", lang), t("slack", lang),
                   t("status", lang), right=(3,))
    for x in r.deadlines:
        table.add_row(visible(x.name), date(x.finish, lang), date(x.deadline, lang),
                      "" if x.slack is None else str(x.slack),
                      Text(t(f"dl_{x.status}", lang), style=_DL_STYLE[x.status]))
    return table


_DL_STYLE = {"met": "green", "on track": "", "at risk": "bold yellow", "missed": "bold red"}


def _lookahead(r: Report, width: int) -> RenderableType | None:
    """Tasks late as of the status date, then what starts or finishes in the window."""
    if r.lookahead_window is None:
        return None
    lang = r.lang
    a, b = r.lookahead_window
    head = Text(t("lookahead_window", lang, a=date(r.as_of, lang), b=date(a, lang),
                  c=date(b, lang), n=r.lookahead_days), style="dim")
    if not r.lookahead:
        return Group(head, Text(t("lookahead_none", lang)))
    owners = any(x.owner for x in r.lookahead)
    notes = any(x.note for x in r.lookahead)
    table = Table(t("when", lang), t("what", lang), t("task", lang),
                  *([t("owner", lang)] if owners else []), *([t("note", lang)] if notes else []),
                  box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold",
                  padding=(0, 1))
    _fit(table, [[date(x.date, lang), look_text(x, lang), "", *([x.owner or ""] if owners
                                                                 else []), ""]
                 for x in r.lookahead], width, flex=2, last=notes)
    for x in r.lookahead:
        table.add_row(date(x.date, lang), Text(look_text(x, lang),
                                               style="bold red" if x.kind == "late" else ""),
                      visible(x.name), *([visible(x.owner or "")] if owners else []),
                      *([visible(x.note or "")] if notes else []))
    return Group(head, table)



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

    return risk_render(r.risk, heading=False, lang=r.lang, width=width)


SECTION_RENDERERS = {
    "summary": _summary, "gantt": gantt, "readiness": _readiness, "coverage": _coverage,
    "staff": _staff, "resources": _resources, "deadlines": _deadlines, "risk": _risk,
    "problems": _problems, "lookahead": _lookahead,
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
    width = ctx.text_width
    return to_text(ctx.report, width) + (fit_text(variance_text(slips), width) if slips else "")
