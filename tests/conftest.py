"""Shared test helpers: plans from text, the shared benchmark data, a CLI runner."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from hsso_plan.app import Outcome, run

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
BENCH = SHARED / "bench"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite golden files from the current output (review the diff!)")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def needs_bench(sub: str) -> Path:
    """The shared benchmark folder ``sub``, or skip the test when it is absent."""
    p = BENCH / sub
    if not p.exists():
        pytest.skip(f"{p} is not available (no ../shared beside the repository)")
    return p


@pytest.fixture
def plan_file(tmp_path: Path) -> Callable[[str], Path]:
    """Write dedented plan text to a file and return its path."""
    counter = {"n": 0}

    def make(text: str, name: str | None = None) -> Path:
        counter["n"] += 1
        p = tmp_path / (name or f"plan{counter['n']}.toml")
        p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return p

    return make


@pytest.fixture
def run_text(plan_file: Callable[[str], Path]) -> Callable[..., Outcome]:
    """Check and schedule a plan given as text."""

    def go(text: str, **kw: object) -> Outcome:
        return run(plan_file(text), **kw)  # type: ignore[arg-type]

    return go


os.environ.setdefault("COLUMNS", "120")
