"""Read one file: bytes -> UTF-8 text (one leading byte-order mark allowed) -> TOML 1.0.

A file that cannot be read, decoded or parsed gives one located diagnostic (E003, E002,
E001) instead of a value; nothing here raises for a problem in the plan.

Only regular files are read (a FIFO or a device such as ``/dev/zero`` is refused, never
waited on or read without end), at most `MAX_BYTES` (64 MiB) each; and arrays or inline
tables nested more than `MAX_NESTING` (100) levels deep are refused, with their position,
before the TOML parser sees them.
"""

from __future__ import annotations

import os
import re
import stat
from itertools import accumulate
from pathlib import Path
from typing import Any, NamedTuple

from ..diagnostics import Diagnostic
from .loaded import SourceFile


class ReadResult(NamedTuple):
    """What reading one file gave: its text (once decoded) and its TOML, or the problem."""

    file: SourceFile | None = None
    raw: dict[str, Any] | None = None
    problem: Diagnostic | None = None


def read_file(path: Path, display: str) -> ReadResult:
    """Read, decode and parse the file at ``path`` (shown to the user as ``display``)."""
    try:
        data = read_regular(path)
    except (OSError, ValueError) as e:
        why = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        return ReadResult(problem=Diagnostic(
            "E003", f"cannot read {display}: {why}").at(display, 1, 1))
    try:
        text = data.decode("utf-8")  # the parser accepts one leading byte-order mark
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        return ReadResult(problem=Diagnostic(
            "E002", f"the file is not UTF-8 text (byte 0x{data[e.start]:02x} cannot be "
            "decoded)", hint="save the file with UTF-8 encoding").at(display, line, col))
    file = SourceFile(path, display, text)
    deep = too_deep(text)
    if deep is not None:
        return ReadResult(file, problem=Diagnostic(
            "E001", f"arrays or inline tables are nested more than {MAX_NESTING} levels deep",
            hint="flatten the value: plan values need a few levels at most").at(
            display, *deep))
    import toml_rs

    try:
        raw: dict[str, Any] = toml_rs.loads(text, toml_version="1.0.0")
    except Exception as e:
        msg = str(getattr(e, "msg", e)).strip().splitlines()
        return ReadResult(file, problem=Diagnostic(
            "E001", f"TOML syntax error: {msg[-1] if msg else 'invalid TOML'}").at(
            display, int(getattr(e, "lineno", 1)), int(getattr(e, "colno", 1))))
    return ReadResult(file, raw)


MAX_BYTES = 64 * 1024 * 1024
MAX_NESTING = 100


def read_regular(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises OSError (cannot open or read) or ValueError (not a regular file, too large). The
    file is opened without blocking (a FIFO never hangs) and checked on the open descriptor.
    """
    if "\0" in str(path):
        raise ValueError("the path contains a NUL character")
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise ValueError("not a regular file (a folder, FIFO or device cannot be a plan)")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise ValueError("not a regular file (a folder, FIFO or device cannot be a plan)")
        if st.st_size > limit:
            raise ValueError(f"the file is larger than {limit // (1024 * 1024)} MiB")
        data = f.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"the file is larger than {limit // (1024 * 1024)} MiB")
    return data


_TOKEN = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""+|\'\'\'(?:[^\']|\'(?!\'\'))*\'\'\'+'''
                    r'''|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]''', re.S)

_KEPT = b"[]{}\"'#\\\n,="  # ",=" keep two strings from touching ("a", "b" -> "","")
_DROP = bytes(b for b in range(256) if b not in _KEPT)
_LONE_ESCAPE = re.compile(rb"\\[^\[\]{}\"'#\\\n,=]")
_QUOTED = re.compile(rb'"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"""+'
                     rb"|'''[^']*(?:'(?!'')[^']*)*'''+"
                     rb'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"' rb"|'[^'\n]*'|#[^\n]*", re.S)


def _bare_brackets(text: str) -> str:
    """The brackets and braces of ``text`` outside strings and comments, in order.

    Works on bytes, dropping first what cannot open or close anything (an escape's letter
    with its backslash), so that it runs at C speed on a large plan.
    """
    data = text.encode("utf-8", "surrogatepass")
    if b"\\" in data:
        data = _LONE_ESCAPE.sub(b"", data)
    data = data.translate(None, _DROP)
    plain = _plain_strings(data)
    data = plain if plain is not None else _QUOTED.sub(b"", data)
    return data.translate(None, b"\"'#\\\n,=").decode("ascii")


def _plain_strings(data: bytes) -> bytes | None:
    """``data`` without its strings when all of them are one-line basic strings without
    escapes and there are no comments (what `_QUOTED` would remove, at a fraction of the
    cost on a large plan: one split instead of a match per string); None otherwise."""
    if b"'" in data or b"#" in data or b"\\" in data or b'"""' in data:
        return None
    # Most strings hold nothing kept: "" (an empty string, or two strings that touch, whose
    # merging changes nothing outside them); each quote keeps its parity.
    parts = data.replace(b'""', b"").split(b'"')
    if len(parts) % 2 == 0 or b"\n" in b"".join(parts[1::2]):
        return None
    return b"".join(parts[::2])


_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}
_PARENS = str.maketrans("[{]}", "(())")


def _shallow(bare: str, limit: int) -> bool:
    """True when the brackets of ``bare`` are balanced and nest ``limit`` deep at most: each
    pass removes the innermost pairs, so a balanced text nested d deep is gone after d."""
    s = bare.translate(_PARENS)
    for _ in range(limit):
        t = s.replace("()", "")
        if len(t) == len(s):
            break
        s = t
    return not s


def too_deep(text: str, limit: int = MAX_NESTING) -> tuple[int, int] | None:
    """(line, column) of the first ``[`` or ``{`` nested deeper than ``limit``, or None.

    A quick scan that skips strings (basic, literal, multi-line, with escapes) and comments;
    table headers (``[a]``, ``[[a]]``) count as brackets too, which never nests them deep.
    """
    if text.count("[") + text.count("{") <= limit:
        return None
    # Fast path (C speed): strings and comments removed, the running depth of what is left.
    bare = _bare_brackets(text)
    if _shallow(bare, limit):
        return None
    running = list(accumulate(_STEP[c] for c in bare)) if bare else [0]
    if min(running) >= 0 and max(running) <= limit:
        return None
    return exact_too_deep(text, limit)


def exact_too_deep(text: str, limit: int) -> tuple[int, int] | None:
    """`too_deep` token by token, without its fast paths (the slow case, and their
    reference in tests/test_nesting_scan.py)."""
    depth = 0
    for m in _TOKEN.finditer(text):
        c = m.group()
        if c in ("[", "{"):
            depth += 1
            if depth > limit:
                pos = m.start()
                return text.count("\n", 0, pos) + 1, pos - (text.rfind("\n", 0, pos) + 1) + 1
        elif c in ("]", "}"):
            depth = max(0, depth - 1)
    return None
