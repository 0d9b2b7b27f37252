"""Text helpers shared by several renderers: one home, so no renderer imports another.

- `span_text`, `consumers_text`: dates and consumer lists as report wording;
- `spark`: a weekly load as a sparkline;
- `plain_text`: any rich renderable as plain text (for files and golden tests);
- `safe_cell`: a spreadsheet cell that cannot be read as a formula.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .i18n import KINDS, date, t

if TYPE_CHECKING:
    from rich.console import RenderableType

SPARK = " ▁▂▃▄▅▆▇█"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def span_text(pair: tuple[dt.date | None, dt.date | None], lang: str, open_key: str) -> str:
    """One date, "open" (``open_key``) for none, or a range marked staggered."""
    a, b = pair
    if a is None and b is None:
        return t(open_key, lang)
    if a == b:
        return date(a, lang)
    return (f"{date(a, lang) or t(open_key, lang)} – {date(b, lang) or t(open_key, lang)} "
            f"({t('staggered', lang)})")


def consumers_text(names: list[str], lang: str, kind: str | None = None) -> str:
    """"A, B" for one or two names; "14 CCACs" (or "14 (A, …)") for more."""
    if len(names) <= 2:
        return ", ".join(names)
    if kind is not None:
        return f"{len(names)} {KINDS.get(kind, KINDS['other'])[lang]}"
    return f"{len(names)} ({names[0]}, …)"


def spark(weeks: list[tuple[dt.date, int]], capacity: int) -> str:
    """One block character per week, its height the week's peak use against capacity."""
    return "".join(SPARK[min(8, round(8 * u / max(capacity, 1)))] for _, u in weeks)


def plain_text(renderable: RenderableType, width: int) -> str:
    """Any rich renderable as plain text (no colour), for a file or a golden test."""
    import io

    from rich.console import Console

    c = Console(record=True, width=width, file=io.StringIO(), highlight=False,
                color_system=None, force_terminal=False)
    c.print(renderable)
    return c.export_text()


def safe_cell(value: str) -> str:
    """Prefix a text cell that a spreadsheet would read as a formula with a quote.

    >>> safe_cell("=HYPERLINK(1)")
    "'=HYPERLINK(1)"
    >>> safe_cell("E-mail integration")
    'E-mail integration'
    """
    return "'" + value if value.startswith(_FORMULA_START) else value
