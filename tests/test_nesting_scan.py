"""The nesting scan before the TOML parser (loading/read.py `too_deep`): its fast paths
(strings removed by one split, depth checked by removing innermost pairs) give the answer of
the exact token-by-token scan on any text, including broken and hostile ones."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hsso_plan.loading.read import exact_too_deep as exact
from hsso_plan.loading.read import too_deep

FRAGMENTS = ["[", "]", "{", "}", "[[", "]]", '"', "'", '"""', "'''", "#", "\\", '\\"', "\\\\",
             "\n", " ", "a", "=", ",", "é", '""', "''", "x = ", '"[', ']"', "# [[\n"]


@settings(max_examples=1500)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60), st.integers(0, 6))
def test_fast_paths_agree_with_the_exact_scan(parts: list[str], limit: int) -> None:
    text = "".join(parts)
    assert too_deep(text, limit) == exact(text, limit)


@given(st.integers(1, 8), st.integers(0, 8), st.booleans())
def test_nested_arrays_of_plain_strings(depth: int, limit: int, strings: bool) -> None:
    item = '"a[b", "c]"' if strings else "1"
    text = "[t]\nx = " + "[" * depth + item + "]" * depth + "\n"
    assert too_deep(text, limit) == exact(text, limit)
    assert (too_deep(text, limit) is None) == (depth <= limit)
