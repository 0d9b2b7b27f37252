"""The docs stay in step with the code: every code documented, every command in the README."""

from __future__ import annotations

import re
from pathlib import Path

from hsso_plan.checks import catalogue

from .conftest import Golden

ROOT = Path(__file__).resolve().parent.parent
ERROR_CODES = ROOT / "docs" / "error-codes.md"


def render_codes() -> str:
    lines = ["# Error codes", "",
             "Generated from the check registry, `hsso_plan.checks` (each code's explanation "
             "is the docstring of the check that finds it; tests/test_docs.py keeps this file "
             "in step; regenerate with `pytest tests/test_docs.py --update-golden`). "
             "`hsso-plan explain CODE` prints the same text.", "",
             "Errors (E) make `validate` and `schedule` exit with status 1; warnings (W) do "
             "not.", ""]
    for c in catalogue():
        lines += [f"## {c.code}: {c.title}", "", c.explanation, ""]
    return "\n".join(lines)


def test_error_codes_page_is_current(golden: Golden) -> None:
    """Tests that docs/error-codes.md lists every code with its explanation."""
    golden(ERROR_CODES, render_codes())


def test_readme_quick_start_has_two_commands() -> None:
    """Tests the README's Quick start: one fenced block of exactly two commands."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"^## Quick start\s*\n+```[a-z]*\n(.*?)^```", text, re.M | re.S)
    assert m
    cmds = [ln for ln in m.group(1).splitlines() if ln.strip() and not ln.startswith("#")]
    assert len(cmds) == 2
    assert "pytest" in cmds[1] and "hsso-plan" in cmds[0]


def test_format_page_mentions_every_table() -> None:
    """Tests that docs/plan-format.md documents every table of the plan format."""
    from hsso_plan.model import KNOWN_KEYS

    text = (ROOT / "docs" / "plan-format.md").read_text(encoding="utf-8")
    for table in KNOWN_KEYS["plan"]:
        assert f"[{table}" in text or f"{table} =" in text, table


def test_every_command_is_in_the_readme() -> None:
    """Tests that each CLI command is named in the README."""
    from hsso_plan.cli import app

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in
             app.registered_commands]
    assert set(names) >= {"validate", "schedule", "report", "export", "import", "explain"}
    for name in names:
        assert f"hsso-plan {name}" in text, name
