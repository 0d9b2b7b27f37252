"""Shared test helpers: plans from text, test data (bundled and shared), golden files, a CLI
runner, and the Hypothesis profiles."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import pytest
from hypothesis import HealthCheck, settings

from hsso_plan.app import Outcome, run
from hsso_plan.scheduling import Options

ROOT = Path(__file__).resolve().parent.parent
#: The small samples copied into the repository (see tests/data/README.md).
DATA = Path(__file__).resolve().parent / "data"
#: The shared benchmark data beside the repository; HSSO_PLAN_SHARED points elsewhere.
SHARED = Path(os.environ.get("HSSO_PLAN_SHARED") or ROOT.parent / "shared")
BENCH = SHARED / "bench"

# Hypothesis: "ci" is deterministic (derandomized, no example database, no deadline) so a CI
# run cannot flake; "dev" (the default) explores new examples on every run. Select with
# HYPOTHESIS_PROFILE=ci or pytest's --hypothesis-profile=ci.
settings.register_profile("ci", derandomize=True, database=None, deadline=None,
                          print_blob=True, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

UPDATE_GOLDEN = "--update-golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(UPDATE_GOLDEN, action="store_true",
                     help="rewrite golden files from the current output, then fail the run "
                          "(review the diff and rerun without it)")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A run with --update-golden never passes: it has rewritten files that need a review."""
    if session.config.getoption(UPDATE_GOLDEN):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter,
                            exitstatus: int, config: pytest.Config) -> None:
    if config.getoption(UPDATE_GOLDEN):
        terminalreporter.write_line(
            f"{UPDATE_GOLDEN}: golden files were rewritten, so this run fails. Review the diff "
            "(git diff tests/golden docs), then rerun without it.", red=True)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether this run rewrites golden files (prefer the ``golden`` fixture)."""
    return bool(request.config.getoption(UPDATE_GOLDEN))


Golden = Callable[[Path, str], None]


@pytest.fixture
def golden(update_golden: bool) -> Golden:
    """Compare text with a golden file; with --update-golden write the file, then fail."""

    def check(path: Path, got: str) -> None:
        if update_golden:
            tmp = path.with_name(path.name + ".tmp")
            tmp.write_bytes(got.encode("utf-8"))
            tmp.replace(path)
            pytest.fail(f"rewrote {path.relative_to(ROOT)} ({UPDATE_GOLDEN}); review the diff "
                        "and rerun without it", pytrace=False)
        if not path.exists():
            pytest.fail(f"golden file {path.relative_to(ROOT)} is missing: run with "
                        f"{UPDATE_GOLDEN} once and review it", pytrace=False)
        assert got == path.read_bytes().decode("utf-8"), f"{path.name} differs"

    return check


def needs_bench(sub: str) -> Path:
    """The shared benchmark folder ``sub``, or skip the test when it is absent."""
    p = BENCH / sub
    if not p.exists():
        pytest.skip(f"{p} is not available (no ../shared beside the repository)")
    return p


def data_dir(sub: str) -> Path:
    """The bundled sample folder ``sub`` (tests/data), always present in a clone."""
    p = DATA / sub
    assert p.is_dir(), f"{p} is missing from the repository"
    return p


def data_file(sub: str, name: str) -> Path:
    """``name`` from the bundled samples when copied there, else from the shared set (or skip)."""
    p = DATA / sub / name
    return p if p.exists() else needs_bench(sub) / name


class PlanFile(Protocol):
    """The ``plan_file`` fixture: write plan text, return its path."""

    def __call__(self, text: str, name: str | None = None) -> Path: ...


class RunText(Protocol):
    """The ``run_text`` fixture: check and schedule plan text."""

    def __call__(self, text: str, options: Options | None = None) -> Outcome: ...


@pytest.fixture
def plan_file(tmp_path: Path) -> PlanFile:
    """Write dedented plan text to a file (``name``, or plan1.toml, plan2.toml...) and return
    its path."""
    counter = {"n": 0}

    def make(text: str, name: str | None = None) -> Path:
        counter["n"] += 1
        p = tmp_path / (name or f"plan{counter['n']}.toml")
        p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return p

    return make


@pytest.fixture
def run_text(plan_file: PlanFile) -> RunText:
    """Check and schedule a plan given as text."""

    def go(text: str, options: Options | None = None) -> Outcome:
        return run(plan_file(text), options=options)

    return go


os.environ.setdefault("COLUMNS", "120")


def as_planned(src: Path, tmp_path: Path) -> Path:
    """A copy of ``src`` (and its folder of included files) without its status date and
    [progress.*] tables."""
    import re
    import shutil

    shutil.copytree(src.with_suffix(""), tmp_path / src.stem)
    text = re.sub(r"^status_date = .*\n", "", src.read_text(encoding="utf-8"), flags=re.M)
    text = re.sub(r"^\[progress\.[^\]]+\][^\[]*", "", text, flags=re.M)
    out = tmp_path / src.name
    out.write_text(text, encoding="utf-8")
    return out
