"""The plan corpus: each file carries its own expectations.

- ``corpus/invalid/*.toml``: ``# expect: CODE [FILE:]LINE[:COL]`` lines (FILE relative to
  the plan, for a problem in an included file); validation must report exactly these
  problems (code, file, line and column), no more, no fewer.
- ``corpus/valid/*.toml``: ``# expect-task: ID START FINISH FLOAT`` lines; the plan must
  validate cleanly and schedule to these dates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from hsso_plan.app import run
from hsso_plan.checks import CODES

CORPUS = Path(__file__).parent / "corpus"
EXPECT = re.compile(rb"^# expect: (\w+) (?:(\S+\.toml):)?(\d+)(?::(\d+))?\s*$", re.M)
EXPECT_TASK = re.compile(r"^# expect-task: (\S+) (\S+) (\S+) (-?\d+)\s*$", re.M)

INVALID = sorted((CORPUS / "invalid").glob("*.toml"))
VALID = sorted((CORPUS / "valid").glob("*.toml"))


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_plan_reports_expected_problems(path: Path) -> None:
    """Tests that a broken plan reports exactly the problems written in it."""
    expected = []
    for m in EXPECT.finditer(path.read_bytes()):
        code, line, col = m.group(1).decode(), int(m.group(3)), m.group(4)
        file = str(path.parent / m.group(2).decode()) if m.group(2) else str(path)
        expected.append((code, file, line, int(col) if col else None))
    assert expected, f"{path.name} has no '# expect:' line"
    out = run(path)
    got = [(d.code, d.file, d.line, d.column) for d in out.diagnostics]
    want = sorted(expected, key=str)
    got_cmp = sorted(((c, f, ln, col if any(e[3] is not None for e in expected
                                              if e[0] == c and e[2] == ln) else None)
                      for c, f, ln, col in got), key=str)
    assert got_cmp == want, "\n".join(f"{d.file}:{d.line}:{d.column} {d.code} {d.message}"
                                      for d in out.diagnostics)
    if any(CODES[c].severity.value == "error" for c, *_ in expected):
        assert out.exit_code == 1
    for d in out.diagnostics:
        assert d.message and d.file


def test_every_code_is_exercised_by_the_corpus() -> None:
    """Tests that each documented code has at least one corpus file that triggers it."""
    seen = {m.group(1).decode() for p in INVALID for m in EXPECT.finditer(p.read_bytes())}
    missing = sorted(set(CODES) - seen)
    assert not missing, f"codes without a corpus file: {missing}"


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_plan_schedules_to_pinned_dates(path: Path) -> None:
    """Tests that a valid plan validates cleanly and schedules to its pinned dates."""
    out = run(path)
    assert out.ok, [d.message for d in out.diagnostics]
    assert out.schedule is not None
    pins = EXPECT_TASK.findall(path.read_text(encoding="utf-8"))
    assert pins, f"{path.name} has no '# expect-task:' line"
    for tid, start, finish, fl in pins:
        t = out.schedule.task(tid)
        assert (t.start.isoformat(), t.finish.isoformat(), t.total_float) == \
            (start, finish, int(fl)), tid


def test_salvaged_task_is_a_placeholder_in_the_schedule_json(
        plan_file: Callable[[str], Path]) -> None:
    """Tests that a task whose duration or name could not be read says so in the JSON."""
    from hsso_plan.render.schedule_json import schedule_dict

    p = plan_file("""
        [project]
        name = "P"
        start = 2017-01-02

        [task.bad-duration]
        name = "A"
        duration = 2.5

        [task.no-name]
        duration = 3

        [task.bad-optional]
        name = "C"
        duration = 2
        start_on = "2017-01-09"

        [task.good]
        name = "D"
        duration = 1
        """)
    out = run(p)
    assert out.loaded.plan is not None and out.schedule is not None
    assert {tid for tid, t in out.loaded.plan.task.items() if t.placeholder} == \
        {"bad-duration", "no-name"}
    tasks = {t["id"]: t for t in schedule_dict(out.schedule)["tasks"]}
    assert tasks["bad-duration"]["placeholder"] is True
    assert tasks["bad-duration"]["duration"] == 0
    assert tasks["no-name"]["placeholder"] is True
    assert "placeholder" not in tasks["bad-optional"]
    assert "placeholder" not in tasks["good"]
