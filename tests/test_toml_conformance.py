"""The TOML parser agrees with the toml-test suite (TOML 1.0.0 file list).

Valid documents must decode to the expected values; invalid ones must be rejected by the
loader with an E001/E002 error at a line inside the file. Skips when ../shared is absent.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import pytest
import toml_rs

from hsso_plan.loading import read_plan

from .conftest import BENCH


def _manifest() -> list[str]:
    m = BENCH / "toml-test" / "files-toml-1.0.0"
    if not m.exists():
        return []
    return [f for f in m.read_text().split() if f.endswith(".toml")]


FILES = _manifest()
VALID = [f for f in FILES if f.startswith("valid/")]
INVALID = [f for f in FILES if f.startswith("invalid/")]


def _tag(v: Any) -> Any:
    if isinstance(v, dict):
        return {k: _tag(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_tag(x) for x in v]
    if isinstance(v, bool):
        return ("bool", "true" if v else "false")
    if isinstance(v, int):
        return ("integer", v)
    if isinstance(v, float):
        return ("float", "nan" if math.isnan(v) else v)
    if isinstance(v, str):
        return ("string", v)
    if isinstance(v, dt.datetime):
        return ("datetime" if v.tzinfo else "datetime-local", v)
    if isinstance(v, dt.date):
        return ("date-local", v.isoformat())
    if isinstance(v, dt.time):
        return ("time-local", v)
    raise TypeError(type(v))


def _expected(j: Any) -> Any:
    if isinstance(j, dict) and set(j) == {"type", "value"} and isinstance(j["value"], str):
        t, v = j["type"], j["value"]
        if t == "float":
            f = float(v.replace("_", ""))
            return ("float", "nan" if math.isnan(f) else f)
        if t == "integer":
            return ("integer", int(v))
        if t == "datetime":
            return (t, dt.datetime.fromisoformat(v.replace("z", "+00:00").replace("Z", "+00:00")))
        if t == "datetime-local":
            return (t, dt.datetime.fromisoformat(v))
        if t == "time-local":
            return (t, dt.time.fromisoformat(v))
        return (t, v)
    if isinstance(j, dict):
        return {k: _expected(x) for k, x in j.items()}
    if isinstance(j, list):
        return [_expected(x) for x in j]
    return j


@pytest.mark.slow
@pytest.mark.skipif(not FILES, reason="toml-test suite not available (../shared absent)")
def test_valid_documents_decode_to_expected_values() -> None:
    """Tests every valid TOML 1.0 document of toml-test."""
    root = BENCH / "toml-test"
    bad = []
    for f in VALID:
        text = (root / f).read_bytes().decode("utf-8-sig")
        got = toml_rs.loads(text, toml_version="1.0.0")
        want = json.loads((root / f.replace(".toml", ".json")).read_text(encoding="utf-8"))
        if _tag(got) != _expected(want):
            bad.append(f)
    assert not bad
    assert len(VALID) > 200


@pytest.mark.slow
@pytest.mark.skipif(not FILES, reason="toml-test suite not available (../shared absent)")
def test_invalid_documents_are_rejected_with_a_location() -> None:
    """Tests that the loader rejects every invalid TOML 1.0 document with E001/E002."""
    root = BENCH / "toml-test"
    bad: list[tuple[str, object]] = []
    for f in INVALID:
        path = root / f
        lp = read_plan(path)
        codes = [d.code for d in lp.diagnostics.items]
        nlines = path.read_bytes().count(b"\n") + 1
        if codes not in (["E001"], ["E002"]):
            bad.append((f, codes))
            continue
        d = lp.diagnostics.items[0]
        if not (1 <= (d.line or 0) <= nlines + 1):
            bad.append((f, d.line))
    assert not bad
    assert len(INVALID) > 450


def test_bom_is_accepted(tmp_path: Path) -> None:
    """Tests that a UTF-8 byte-order mark does not break a plan."""
    p = tmp_path / "bom.toml"
    p.write_bytes(b'\xef\xbb\xbf[project]\nname = "x"\nstart = 2017-01-02\n')
    lp = read_plan(p)
    assert lp.plan is not None and not lp.diagnostics.items
