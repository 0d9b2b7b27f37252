"""Diagnostics as compiler-style text or as the contract's JSON object."""

from __future__ import annotations

import json
from typing import Any

from ..diagnostics import Diagnostic
from .text import visible


def _loc(file: str | None, line: int | None, col: int | None) -> str:
    return f"{visible(file or '<plan>')}:{line or 1}:{col or 1}"


def render_text(diags: list[Diagnostic]) -> str:
    """``FILE:LINE:COL: error[CODE]: message``, then ``hint:`` and ``note:`` lines; plan text
    in them has its control characters made visible (`visible`), one line per line."""
    lines: list[str] = []
    for d in diags:
        lines.append(f"{_loc(d.file, d.line, d.column)}: {d.severity.value}[{d.code}]: "
                     f"{visible(d.message)}")
        if d.hint:
            lines.append(f"hint: {visible(d.hint)}")
        lines.extend(f"{_loc(r.file, r.line, r.column)}: note: {visible(r.message)}"
                     for r in d.related)
    return "\n".join(lines) + ("\n" if lines else "")


def summary(display: str, diags: list[Diagnostic], ntasks: int | None) -> str:
    e = sum(1 for d in diags if d.severity.value == "error")
    w = len(diags) - e
    if e:
        return (f"{visible(display)}: {e} error{'s' if e != 1 else ''}, "
                f"{w} warning{'s' if w != 1 else ''}")
    extra = f" ({ntasks} tasks)" if ntasks is not None else ""
    return f"{visible(display)}: ok{extra}" + (f", {w} warning{'s' if w != 1 else ''}" if w else "")


def as_dict(d: Diagnostic) -> dict[str, Any]:
    out: dict[str, Any] = {
        "file": d.file, "line": d.line, "column": d.column, "code": d.code,
        "message": d.message, "hint": d.hint,
    }
    if d.related:
        out["related"] = [{"file": r.file, "line": r.line, "column": r.column,
                           "message": r.message} for r in d.related]
    return out


def render_json(diags: list[Diagnostic]) -> str:
    errors = [as_dict(d) for d in diags if d.severity.value == "error"]
    warnings = [as_dict(d) for d in diags if d.severity.value == "warning"]
    return json.dumps({"ok": not errors, "errors": errors, "warnings": warnings},
                      indent=2, ensure_ascii=False) + "\n"
