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
from .i18n import colon, number, t
from .text import DEFAULT_WIDTH, visible

if TYPE_CHECKING:
    from .registry import RenderContext

BAR = 30
NAME = 36


def _table(title: str, head: list[str], body: list[list[str]], num: tuple[int, ...],
           width: int) -> Table:
    """A table ``width`` cells wide at most; columns ``num`` (dates, numbers) right-aligned.
    When it does not fit, a ``num`` column is as wide as its widest value or header word
    (its header wraps, a value never does) and the text columns share the rest."""
    from rich.cells import cell_len

    cells = [[cell_len(h), *(cell_len(row[i]) for row in body)] for i, h in enumerate(head)]
    fits = sum(max(c) + 3 for c in cells) + 1 <= width
    t = Table(title=Text(title, style="bold"), title_justify="left", show_lines=False)
    for i, h in enumerate(head):
        fixed = None if fits or i not in num else \
            max([*cells[i][1:], *(cell_len(w) for w in h.split())])
        t.add_column(Text(h), justify="right" if i in num else "left", width=fixed,
                     ratio=None if fits or i in num else 1)
    for row in body:
        t.add_row(*(Text(visible(c)) for c in row))
    return t


def _curve(r: RiskResult, lang: str) -> Text:
    pts = rows.s_curve(r)
    most = max((n for _, n, _ in pts), default=1) or 1
    out = Text(t("risk_curve_title", lang) + "\n", style="bold")
    for day, n, cum in pts:
        bar = "█" * max(1 if n else 0, round(BAR * n / most))
        out.append(f"{rows.d(day, lang)}  {bar:<{BAR}}  {number(n, lang):>6}  "
                   f"{rows.pct(cum, lang):>7}\n")
    return out


def _tornado(r: RiskResult, lang: str) -> Text:
    out = Text(t("risk_drivers_title", lang) + "\n", style="bold")
    drivers = rows.tornado(r)
    if not drivers:
        out.append(rows.no_drivers(r, lang) + "\n")
    width = max((len(visible(x.name)) for x in drivers), default=0)
    width = min(width, NAME)
    for x in drivers:
        half = round(BAR / 2 * abs(x.correlation))
        bar = (" " * (BAR // 2 - half) + "◀" * half + "│" + " " * (BAR // 2)) \
            if x.correlation < 0 else (" " * (BAR // 2) + "│" + "▶" * half)
        name = visible(x.name)
        name = name if len(name) <= width else name[: width - 1] + "…"
        out.append(f"{name:<{width}}  {bar:<{BAR + 1}}  {rows.corr(x.correlation, lang)}\n")
    return out


def render(r: RiskResult, heading: bool = True, lang: str = "en",
           width: int = DEFAULT_WIDTH) -> RenderableType:
    """The figures for a terminal ``width`` wide in ``lang`` (names as `risk_rows.in_lang`
    gave them); without ``heading`` (the report's risk section, which has its own heading)
    the first line is the summary."""
    head = Table.grid(padding=(0, 2))
    head.add_column(style="bold")
    head.add_column()
    for k, v in rows.summary(r, lang):
        head.add_row(Text(k), Text(visible(v)))
    parts: list[RenderableType] = [
        Text(t("risk", lang) + colon(lang) + visible(r.project), style="bold")] \
        if heading else []
    parts += [head, Text(""), _curve(r, lang), _tornado(r, lang)]
    parts += [_table(*x, width) for x in rows.tables(r, lang)]
    return Group(*parts)


def to_text(r: RiskResult, width: int = DEFAULT_WIDTH, lang: str = "en") -> str:
    from .text import plain_text

    return plain_text(render(r, lang=lang, width=width), width)


def from_context(ctx: RenderContext) -> str:
    """The registry's entry for a file: plain text, ``width`` wide (`text.DEFAULT_WIDTH`)."""
    return to_text(rows.of_context(ctx), ctx.text_width, ctx.options.lang)


def console(ctx: RenderContext, width: int) -> RenderableType:
    """The registry's entry for a terminal."""
    return render(rows.of_context(ctx), lang=ctx.options.lang, width=width)
