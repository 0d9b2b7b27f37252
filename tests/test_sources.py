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


def _at(sm: SourceMap, *path: str | int) -> tuple[int, int]:
    p = sm.locate(path)
    return p.line, p.column


def test_fake_header_inside_multiline_string() -> None:
    """Tests that a header-like line inside a multi-line basic string is no header."""
    text = '[task.a]\nname = """\n[task.zz]\n[[task]]\n"""\nduration = 1\n\n[task.b]\nx = 1\n'
    sm = SourceMap(text)
    assert _at(sm, "task", "a", "duration") == (6, 1)
    assert _at(sm, "task", "zz") == (1, 1)  # no such table: nothing points inside the string
    assert _at(sm, "task", "b", "name") == (8, 1)  # a missing key: the header after it
    assert _at(sm, "task", "b", "x") == (9, 1)


def test_fake_header_inside_multiline_literal_string() -> None:
    """Tests a multi-line literal string holding header lines and quotes of both kinds."""
    text = ("[task.a]\nnote = '''\n[task.zz]\nit''s \"\"\" here\n  [task.b]  # no\n''''\n"
            "duration = 1\n[task.b]\nduration = 2\n")
    sm = SourceMap(text)
    assert _at(sm, "task", "a", "duration") == (7, 1)
    assert _at(sm, "task", "b", "duration") == (9, 1)
    assert _at(sm, "task", "b") == (8, 1)


def test_escapes_in_multiline_basic_string() -> None:
    """Tests that an escaped quote or a line-ending backslash does not end the string."""
    text = ('[task.a]\nname = """a \\"""\n[task.zz]\nb \\\n[task.yy]\n""\\"\n[task.xx]\n"""""\n'
            "duration = 3\n")
    sm = SourceMap(text)
    assert _at(sm, "task", "a", "duration") == (9, 1)
    assert _at(sm, "task", "a", "name") == (2, 1)


def test_quotes_that_open_no_multiline_string() -> None:
    """Tests triple quotes inside one-line strings and comments: the headers after count."""
    text = ("[task.a]\nname = 'say \"\"\"'  # and '''\nx = \"it'''s\"\n\n[task.b]\nname = \"B\"\n"
            "duration = 4\n")
    sm = SourceMap(text)
    assert _at(sm, "task", "b", "duration") == (7, 1)
    assert _at(sm, "task", "b", "name") == (6, 1)


def test_array_of_arrays_lines_are_no_headers() -> None:
    """Tests an array over several lines whose elements look like table headers."""
    text = "[task.a]\nm = [\n  [1],\n  # [task.zz]\n  [2]\n]\nduration = 1\n[task.b]\ny = 2\n"
    sm = SourceMap(text)
    assert _at(sm, "task", "a", "duration") == (7, 1)
    assert _at(sm, "task", "a", "m", 1) == (5, 3)
    assert _at(sm, "task", "b", "y") == (9, 1)


header_like = st.sampled_from(["[task.x]", "[[task]]", "  [a.b]  # c", "'''", '"""', "\\",
                               "[x]]", "#[y]", '"[z]"'])
multiline = st.lists(st.one_of(header_like, st.text(max_size=4)), min_size=2, max_size=5) \
    .map("\n".join)
values = st.one_of(multiline, scalars, st.lists(multiline, max_size=2))


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(keys, st.dictionaries(keys, values, min_size=1, max_size=3),
                       min_size=1, max_size=3))
def test_keys_after_multiline_strings_resolve_to_their_line(doc: dict[str, Any]) -> None:
    """Tests documents whose strings span lines that look like headers: every key found."""
    text = tomli_w.dumps({"t": doc}, multiline_strings=True)
    sm = SourceMap(text)
    lines = text.split("\n")
    for path in _leaves({"t": doc}):
        line = lines[sm.locate(path).line - 1]
        assert line.startswith(tomli_w.dumps({path[-1]: 1}).split(" = ")[0] + " = "), \
            (path, line)


def test_windows_line_endings() -> None:
    """Tests that CRLF files are located like LF files (headers, keys, missing keys)."""
    text = '[project]\r\nname = "x"\r\n\r\n[task.b]  # comment\r\nduration = 2\r\n'
    sm = SourceMap(text)
    assert (sm.locate(("task", "b", "name")).line, sm.locate(("task", "b", "name")).column) \
        == (4, 1)
    assert sm.locate(("task", "b", "duration")).line == 5
