"""Source positions: map a key path of a parsed plan back to ``line:column``.

The fast parse gives values without positions. When there is something to report, a
`SourceMap` is built over the same text: one regular-expression pass finds the table headers
(a header-like line inside a multi-line string or array is none), and the section that
holds the wanted key is parsed again with ``toml_rs``'s metadata mode, which records the
line and column of every key and value. Only the sections that hold a problem are
re-parsed, so locating a few errors in a 100,000-task plan stays cheap.

A path that does not exist (a missing key) resolves to its nearest ancestor that does:
the table header for a missing required key, as the contract asks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any, NamedTuple

from ..diagnostics import KeyPath

_KEY = r"""(?:[A-Za-z0-9_-]+|"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
_HEADER_LINE = (
    rf"^[ \t]*(?P<open>\[\[?)[ \t]*(?P<key>{_KEY}(?:[ \t]*\.[ \t]*{_KEY})*)[ \t]*"
    r"(?P<close>\]\]?)[ \t]*(?:#[^\r\n]*)?\r?$"
)
#: The patterns of this module are compiled on first use (by `re`, which keeps them),
#: not at import: locating is for problems, and most runs have none (_LEX and _HEADER
#: are the two largest patterns of a start).
#: What can hide a header-like line or carry on over lines: a header line itself, a
#: comment, the four kinds of strings (escapes included; a multi-line string may end in up
#: to two extra quotes) and the brackets of arrays. Possessive, so no backtracking.
_LEX = (
    rf"(?P<h>{_HEADER_LINE})"
    r"|#[^\n]*+"
    r'|"""(?:[^"\\]++|\\[\s\S]|"(?!""))*+"{3,5}'
    r"|'''(?:[^']++|'(?!''))*+'{3,5}"
    r'|"(?:[^"\\\n]++|\\.)*+"'
    r"|'[^'\n]*+'"
    r"|(?P<o>\[)|(?P<c>\])"
)
#: A line whose last token is '[' or ',': an array carries on over the next line.
_OPEN_LINE = r"[\[,][ \t]*(?:#[^\n]*)?\r?$"
_BARE_PATH = r"^[A-Za-z0-9_\-. \t]+$"


def _header_lines(text: str) -> list[re.Match[str]]:
    """The table headers of ``text``, not header-like lines inside strings or arrays.

    Without multi-line strings or arrays every header-like line is a header (one regular
    expression pass, the common case of large generated plans); otherwise the text is
    scanned token by token, tracking strings and array brackets.
    """
    if '"""' not in text and "'''" not in text and not re.search(_OPEN_LINE, text, re.M):
        return list(re.finditer(_HEADER_LINE, text, re.M))
    out: list[re.Match[str]] = []
    depth = 0  # open array brackets
    for m in re.finditer(_LEX, text, re.M):
        kind = m.lastgroup
        if kind == "h":
            if depth == 0:
                out.append(m)
            else:  # a line of an array of arrays, such as "  [1]"
                depth = max(0, depth + len(m.group("open")) - len(m.group("close")))
        elif kind == "o":
            depth += 1
        elif kind == "c":
            depth = max(0, depth - 1)
    return out


class Position(NamedTuple):
    line: int
    column: int


def _split_key(raw: str) -> tuple[str, ...] | None:
    """Split a dotted TOML key (possibly quoted) into its parts."""
    if re.match(_BARE_PATH, raw):
        return tuple(p.strip() for p in raw.split("."))
    import toml_rs

    try:
        doc: Any = toml_rs.loads(f"[{raw}]\n", toml_version="1.0.0")
    except Exception:
        return None
    parts: list[str] = []
    while isinstance(doc, dict) and len(doc) == 1:
        k = next(iter(doc))
        parts.append(k)
        doc = doc[k]
    return tuple(parts)


def _col(c: Any) -> int:
    return int(c[0] if isinstance(c, tuple | list) else c)


def _is_leaf(node: Any) -> bool:
    return isinstance(node, dict) and isinstance(node.get("key"), str) and "key_line" in node


class SourceMap:
    """Key path -> position for one file's text."""

    def __init__(self, text: str) -> None:
        text = text.removeprefix("\ufeff")
        self.text = text
        # Line starts for offset -> line conversion.
        self._line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self._headers: dict[KeyPath, tuple[int, int, int, int]] = {}
        self._order: list[KeyPath] = []
        counts: dict[tuple[str, ...], int] = {}
        matches = _header_lines(text)
        for i, m in enumerate(matches):
            parts = _split_key(m.group("key"))
            if parts is None:
                continue
            path: KeyPath = parts
            if m.group("open") == "[[":
                n = counts.get(parts, 0)
                counts[parts] = n + 1
                path = (*parts, n)
            body_start = m.end() + 1
            body_end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
            line = self._line_of(m.start())
            col = m.start("open") - self._line_starts[line - 1] + 1
            self._headers.setdefault(path, (line, col, body_start, body_end))
            self._order.append(path)
        self._root_end = matches[0].start() if matches else len(text)
        self._meta: dict[KeyPath, Any] = {}

    def _line_of(self, offset: int) -> int:
        return bisect_right(self._line_starts, offset)

    def _section_meta(self, header: KeyPath) -> tuple[Any, int]:
        """Metadata nodes of the section under ``header`` and its line offset."""
        if header in self._meta:
            cached: tuple[Any, int] = self._meta[header]
            return cached
        if header == ():
            start, end, offset = 0, self._root_end, 0
        else:
            line, _, start, end = self._headers[header]
            offset = line
        body = self.text[start:end]
        nodes: Any = {}
        try:
            import toml_rs

            nodes = toml_rs.load_with_metadata(body, toml_version="1.0.0").meta.get("nodes", {})
        except Exception:
            nodes = {}
        self._meta[header] = (nodes, offset)
        return nodes, offset

    def locate(self, path: KeyPath) -> Position:
        """The position of ``path``, or of its nearest ancestor that has one."""
        # The longest header that is a prefix of the path.
        best: KeyPath = ()
        for n in range(len(path), 0, -1):
            if path[:n] in self._headers:
                best = path[:n]
                break
        found = self._locate_in_section(best, path[len(best):])
        if found is not None:
            return found
        if best:
            line, col, _, _ = self._headers[best]
            return Position(line, col)
        # No header covers the path: a table defined only through sub-tables, e.g.
        # [task.a.extra] with no [task.a]; point at the first header below it.
        for h in self._order:
            if h[: len(path)] == path and path:
                line, col, _, _ = self._headers[h]
                return Position(line, col)
        return Position(1, 1)

    def _locate_in_section(self, header: KeyPath, rest: KeyPath) -> Position | None:
        nodes, offset = self._section_meta(header)
        pos: Position | None = None
        node: Any = nodes
        for part in rest:
            if _is_leaf(node) or (isinstance(node, dict) and "value_line" in node):
                node = node.get("value")
            if isinstance(part, int):
                if not isinstance(node, list) or part >= len(node):
                    break
                node = node[part]
                if isinstance(node, dict) and "value_line" in node:
                    pos = Position(node["value_line"] + offset, _col(node["value_col"]))
                continue
            if not isinstance(node, dict) or part not in node:
                break
            node = node[part]
            if _is_leaf(node):
                pos = Position(node["key_line"] + offset, _col(node["key_col"]))
        return pos
