"""Read one file: bytes -> UTF-8 text (one leading byte-order mark allowed) -> TOML 1.0.

A file that cannot be read, decoded or parsed gives one located diagnostic (E003, E002,
E001) instead of a value; nothing here raises for a problem in the plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from .loaded import SourceFile


@dataclass(frozen=True)
class ReadResult:
    """What reading one file gave: its text (once decoded) and its TOML, or the problem."""

    file: SourceFile | None = None
    raw: dict[str, Any] | None = None
    problem: Diagnostic | None = None


def read_file(path: Path, display: str) -> ReadResult:
    """Read, decode and parse the file at ``path`` (shown to the user as ``display``)."""
    try:
        data = path.read_bytes()
    except OSError as e:
        return ReadResult(problem=Diagnostic(
            "E003", f"cannot read {display}: {e.strerror or e}").at(display, 1, 1))
    try:
        text = data.decode("utf-8")  # the parser accepts one leading byte-order mark
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        return ReadResult(problem=Diagnostic(
            "E002", f"the file is not UTF-8 text (byte 0x{data[e.start]:02x} cannot be "
            "decoded)", hint="save the file with UTF-8 encoding").at(display, line, col))
    file = SourceFile(path, display, text)
    import toml_rs

    try:
        raw: dict[str, Any] = toml_rs.loads(text, toml_version="1.0.0")
    except Exception as e:
        msg = str(getattr(e, "msg", e)).strip().splitlines()
        return ReadResult(file, problem=Diagnostic(
            "E001", f"TOML syntax error: {msg[-1] if msg else 'invalid TOML'}").at(
            display, int(getattr(e, "lineno", 1)), int(getattr(e, "colno", 1))))
    return ReadResult(file, raw)
