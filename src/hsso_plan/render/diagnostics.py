"""Diagnostics as compiler-style text, as the contract's JSON object, or as GitHub Actions
annotations: the `validate` formats of the registry (`registry.DiagnosticsFormat`)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic
from .text import json_text, visible

if TYPE_CHECKING:
    from .registry import DiagnosticsView


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


def summary(display: str, diags: list[Diagnostic], ntasks: int | None,
            strict: bool = False) -> str:
    """One line: ``ok`` when the run passes, else the counts (with ``strict`` warnings fail,
    so the line agrees with the exit status)."""
    e = sum(1 for d in diags if d.severity.value == "error")
    w = len(diags) - e
    if e or (strict and w):
        return (f"{visible(display)}: {e} error{'s' if e != 1 else ''}, "
                f"{w} warning{'s' if w != 1 else ''}" + (" (--strict: warnings fail)"
                                                         if strict and w else ""))
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


def render_json(diags: list[Diagnostic], strict: bool = False) -> str:
    """The contract's object; ``ok`` is false when the run fails (with ``strict``, on
    warnings too), as the exit status is 1."""
    errors = [as_dict(d) for d in diags if d.severity.value == "error"]
    warnings = [as_dict(d) for d in diags if d.severity.value == "warning"]
    ok = not errors and not (strict and warnings)
    return json_text(json.dumps({"ok": ok, "errors": errors, "warnings": warnings},
                                indent=2, ensure_ascii=False)) + "\n"


def _summary_line(view: DiagnosticsView) -> str:
    return summary(view.display, view.diagnostics, view.ntasks, view.strict) + "\n"


def text_view(view: DiagnosticsView) -> str:
    """`validate --format text`: the problems, then the summary line."""
    return render_text(view.diagnostics) + _summary_line(view)


def json_view(view: DiagnosticsView) -> str:
    """`validate --format json`."""
    return render_json(view.diagnostics, view.strict)


def github_view(view: DiagnosticsView) -> str:
    """`validate --format github`: one annotation per problem, then the summary line."""
    return render_github(view.diagnostics) + _summary_line(view)


def _gh_data(text: str) -> str:
    """Escape a workflow command's message (GitHub Actions: % CR LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(text: str) -> str:
    """Escape a workflow command property value: the message rules plus ``:`` and ``,``."""
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(diags: list[Diagnostic]) -> str:
    """GitHub Actions workflow annotations, one per problem, shown on the pull request's
    lines: ``::error file=F,line=L,col=C,title=E020::message`` with the hint and the notes
    on the following lines of the message."""
    lines: list[str] = []
    for d in diags:
        # Plan text and file names shown as text (`visible`), as in the text format: the
        # log viewer renders escape sequences; line breaks stay %0D and %0A.
        props = [f"file={_gh_prop(visible(d.file))}"] if d.file else []
        props += [f"line={d.line or 1}", f"col={d.column or 1}", f"title={_gh_prop(d.code)}"]
        body = [d.message]
        if d.hint:
            body.append(f"hint: {d.hint}")
        body.extend(f"note: {_loc(r.file, r.line, r.column)}: {r.message}" for r in d.related)
        message = chr(10).join(visible(part, spaces=True) for part in body)
        lines.append(f"::{d.severity.value} {','.join(props)}::{_gh_data(message)}")
    return "\n".join(lines) + ("\n" if lines else "")
