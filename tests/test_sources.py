"""The source map: key paths back to line:column."""

from __future__ import annotations

import string
from typing import Any

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from hsso_plan.loading import SourceMap

keys = st.text(alphabet=string.ascii_letters + string.digits + "_-", min_size=1, max_size=8)
weird_keys = st.text(alphabet=string.ascii_letters + " .é\"'", min_size=1, max_size=6)
scalars = st.one_of(st.integers(-5, 5), st.text(max_size=8), st.booleans())


@st.composite
def docs(draw: st.DrawFn) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    for _ in range(draw(st.integers(1, 4))):
        table: dict[str, Any] = {}
        for _ in range(draw(st.integers(1, 4))):
            sub: dict[str, Any] = {}
            for _ in range(draw(st.integers(0, 4))):
                v = draw(st.one_of(scalars, st.lists(scalars, max_size=3)))
                sub[draw(st.one_of(keys, weird_keys))] = v
            table[draw(st.one_of(keys, weird_keys))] = sub
        doc[draw(keys)] = table
    return doc


def _leaves(d: dict[str, Any], prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = []
    for k, v in d.items():
        if isinstance(v, dict):
            out.extend(_leaves(v, (*prefix, k)))
        else:
            out.append((*prefix, k))
    return out


@settings(max_examples=200, deadline=None)
@given(docs())
def test_every_leaf_resolves_to_its_key(doc: dict[str, Any]) -> None:
    """Tests a round trip: dump a document, index it, find each leaf key on its line."""
    text = tomli_w.dumps(doc)
    sm = SourceMap(text)
    lines = text.split("\n")  # not splitlines(): U+0085 in a string is no line break
    for path in _leaves(doc):
        pos = sm.locate(path)
        line = lines[pos.line - 1]
        key = str(path[-1])
        assert key in line or tomli_w.dumps({key: 1}).split(" = ")[0] in line, (path, line)
        assert pos.column >= 1


def test_missing_key_falls_back_to_table_header() -> None:
    """Tests that a missing key resolves to its table header."""
    sm = SourceMap('[project]\nname = "x"\n\n[task.a]\nduration = 1\n')
    assert (sm.locate(("task", "a", "name")).line, sm.locate(("task", "a", "name")).column) \
        == (4, 1)


def test_array_elements_and_inline_tables() -> None:
    """Tests positions inside arrays and inline tables, over several lines."""
    text = '[task.b]\ndepends = [\n  "a",\n  { task = "c", type = "SS" },\n]\n'
    sm = SourceMap(text)
    assert sm.locate(("task", "b", "depends", 0)) .line == 3
    p = sm.locate(("task", "b", "depends", 1, "type"))
    assert (p.line, p.column) == (4, 17)


def test_fake_header_inside_multiline_string() -> None:
    """Tests that a header-like line inside a multi-line string does not mislead."""
    text = '[task.a]\nname = """\n[task.zz]\n"""\nduration = 1\n'
    sm = SourceMap(text)
    assert sm.locate(("task", "a", "duration")).line in (1, 5)


def test_windows_line_endings() -> None:
    """Tests that CRLF files are located like LF files (headers, keys, missing keys)."""
    text = '[project]\r\nname = "x"\r\n\r\n[task.b]  # comment\r\nduration = 2\r\n'
    sm = SourceMap(text)
    assert (sm.locate(("task", "b", "name")).line, sm.locate(("task", "b", "name")).column) \
        == (4, 1)
    assert sm.locate(("task", "b", "duration")).line == 5
