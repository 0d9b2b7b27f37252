"""Markdown syntax for every Markdown output (the report, risk, diff, variance): the one
escaper of plan text (`md_text`), table cells and bold that keep it escaped, GFM tables.
One home, so no Markdown renderer imports another for them."""

from __future__ import annotations

import re

from ..textsafe import visible

# Every ASCII punctuation character that can open or close CommonMark/GFM markup (emphasis,
# code, links, images, autolinks, raw HTML, entities, tables, headings, strikethrough) is
# backslash-escaped in plan text; CommonMark reads a backslash before ASCII punctuation as
# that character, literally. Every line break folds into a space (a table row is one line).
_MD_SPECIAL = re.compile(r"([\\`*_\[\](){}<>#!|~&$])")
_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


class Raw(str):
    """Markdown this renderer wrote itself (bold, code): `md_cell` passes it through."""


def md_text(s: object) -> str:
    """Plan text as CommonMark inline text: markup characters escaped, line breaks folded,
    other control characters made visible (`textsafe.visible`: a report read with ``cat`` in
    a terminal cannot clear the screen or reorder text)."""
    return _MD_SPECIAL.sub(r"\\\1", visible(_BREAKS.sub(" ", str(s))))


def md_cell(s: object) -> str:
    """Text for a table cell or a heading: plan text escaped (`md_text`); a `Raw` cell,
    markup of this renderer around escaped text, only has its line breaks folded."""
    return _BREAKS.sub(" ", s) if isinstance(s, Raw) else md_text(s)


def md_bold(s: object) -> Raw:
    return Raw(f"**{md_text(s)}**")


def gfm_table(head: list[str], rows: list[list[str]], right: tuple[int, ...] = ()) -> list[str]:
    """A GFM table; columns ``right`` (numbers) right-aligned, header and cells."""
    out = ["| " + " | ".join(md_cell(h) for h in head) + " |",
           "|" + "|".join("--:" if i in right else "---" for i in range(len(head))) + "|"]
    out += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
    return [*out, ""]
