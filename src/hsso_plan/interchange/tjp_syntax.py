"""TaskJuggler 3 syntax for the exporter (`tjp`): string literals and comments that plan text
cannot break out of, dates and times of a working day, task ids, ``depends`` items, and the
years tj3 reads."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Plan


class UnsupportedForTaskJuggler(ValueError):
    """The plan cannot be written for TaskJuggler (dates outside what tj3 reads)."""


# tj3's strings: inside "...", `\\"` is the only escape (`\\\\` stays two backslashes, so a
# backslash before the closing quote would escape it and let plan text run on as directives);
# `$(VAR)` is replaced by an environment variable and `${macro}` by a macro, with no escape.
# Plan text is therefore mapped, visibly and documented in docs/plan-format.md:
#   a double quote                      -> backslash, double quote
#   a backslash before a quote or at the end -> U+29F5 REVERSE SOLIDUS OPERATOR (others kept)
#   a dollar sign before ( or {         -> U+FF04 FULLWIDTH DOLLAR SIGN
#   control characters (CR, LF, tab, other C0, DEL) -> a space
_TJ_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# In a comment line, every character any reader could take for a line break is a space too.
_TJ_COMMENT_BREAK = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")
_TJ_BACKSLASH = re.compile(r'\\(?=["]|$)')
_TJ_EXPAND = re.compile(r"\$(?=[({])")
# tj3 reads dates from 1970 to 2035 only ("Year 2036 out of range").
TJ_YEARS = (1970, 2035)


def quote(s: str) -> str:
    """``s`` as a tj3 string literal that reads back as ``s`` (mapped as above)."""
    s = _TJ_EXPAND.sub("\uff04", _TJ_BACKSLASH.sub("\u29f5", _TJ_CONTROL.sub(" ", s)))
    return '"' + s.replace('"', '\\"') + '"'


def comment(s: str) -> str:
    """A ``#`` comment line holding ``s`` on one line (a line break would end the comment
    and let the rest be read as directives)."""
    return "# " + _TJ_COMMENT_BREAK.sub(" ", s)


def check_years(start: dt.date, finish: dt.date) -> None:
    lo, hi = TJ_YEARS
    for what, day in (("starts", start), ("finishes", finish)):
        if not lo <= day.year <= hi:
            raise UnsupportedForTaskJuggler(
                f"the plan {what} on {day.isoformat()}; TaskJuggler only reads dates from "
                f"{lo} to {hi} (move project.start, or shorten the plan)")


def tj_ids(plan: Plan) -> dict[str, str]:
    """Plan task id -> TaskJuggler id."""
    return {tid: f"t{i}" for i, tid in enumerate(plan.task)}


def tj_date(d: dt.date) -> str:
    return d.isoformat()


def end_of(d: dt.date) -> str:
    """The end of working day ``d`` (17:00)."""
    return f"{d.isoformat()}-17:00"


def morning(d: dt.date) -> str:
    """The start of working day ``d`` (09:00)."""
    return f"{d.isoformat()}-09:00"


def dep(tj: str, on_start: bool, gap: int) -> str:
    """A ``depends`` item: from the start or the end of ``tj``, ``gap`` working days on."""
    attrs = [x for x in ("onstart" if on_start else "", f"gaplength {gap}d" if gap else "") if x]
    return tj + (f" {{ {' '.join(attrs)} }}" if attrs else "")
