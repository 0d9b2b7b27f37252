"""The report's risk section (issue 10): golden files per format on the tutorial plan with a
fixed seed and number of runs, present only when the plan states uncertainty, and the same
figures as the `risk` command.

Regenerate the golden files with ``pytest tests/test_risk_report.py --update-golden``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hsso_plan.cli import app

from .conftest import Golden

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
TUTORIAL = ROOT / "plans" / "tutorial.toml"
EXAMPLE = ROOT / "plans" / "example.toml"
RUNS = ["--iterations", "500", "--seed", "3"]
runner = CliRunner()


def _report(plan: Path, *args: str) -> str:
    r = runner.invoke(app, ["report", str(plan), *args], env={"COLUMNS": "120",
                                                              "NO_COLOR": "1"})
    assert r.exit_code == 0, r.output
    return r.stdout


@pytest.mark.parametrize("fmt,suffix", [("terminal", "txt"), ("html", "html"),
                                        ("markdown", "md"), ("json", "json")])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_risk_section_golden(lang: str, fmt: str, suffix: str, golden: Golden) -> None:
    """Tests the summary and risk sections of the tutorial report in each format and
    language (French: labels, "100,0 %", "+0,77", the plan's French names; the JSON keeps
    its keys and values, names as the rest of the French report's JSON)."""
    got = _report(TUTORIAL, "-f", fmt, "--section", "summary,risk", "--width", "100",
                  "--lang", lang, *RUNS)
    golden(GOLDEN / f"tutorial-report-risk.{lang}.{suffix}", got)


def test_risk_section_is_in_the_default_report_only_for_a_plan_with_uncertainty() -> None:
    """Tests that the default sections hold risk for the tutorial (ranges, an event) and
    not for the example plan (neither)."""
    doc = json.loads(_report(TUTORIAL, "-f", "json", *RUNS))
    assert "risk" in doc["sections"] and doc["risk"]["iterations"] == 500
    assert doc["sections"][-1] == "risk"  # the last appendix
    plain = json.loads(_report(EXAMPLE, "-f", "json"))
    assert "risk" not in plain["sections"] and "risk" not in plain
    assert "Schedule risk" not in _report(EXAMPLE)


def test_report_risk_figures_are_the_risk_command_figures() -> None:
    """Tests that the report's risk section is the risk command's JSON for the same runs."""
    doc = json.loads(_report(TUTORIAL, "-f", "json", "--section", "risk", *RUNS))
    r = runner.invoke(app, ["risk", str(TUTORIAL), "-f", "json", *RUNS])
    assert r.exit_code == 0
    assert doc["risk"] == json.loads(r.stdout)
    other = json.loads(_report(TUTORIAL, "-f", "json", "--section", "risk",
                               "--iterations", "500", "--seed", "4"))
    assert other["risk"]["seed"] == 4 and other["risk"] != doc["risk"]


def test_html_risk_section_draws_the_s_curve_and_tornado() -> None:
    """Tests that the HTML report's risk section holds its two SVG charts, under the
    report's own headings (h3 below the section's h2). The real plan: its finish moves with
    the inputs, so the tornado has bars (the tutorial's fixed transfer dates hold it)."""
    html = _report(ROOT / "plans" / "hsso-2017.toml", "-f", "html", "--section", "risk",
                   "--iterations", "300", "--seed", "3")
    section = html[html.index('<section id="risk"'):]
    assert section.count("<svg") == 2 and "<h3>Project finish</h3>" in section
    assert "<h1>Schedule risk" not in html


def test_risk_section_asked_of_a_plan_without_uncertainty_is_empty() -> None:
    """Tests --section risk on a plan without ranges or events: no section, no runs."""
    doc = json.loads(_report(EXAMPLE, "-f", "json", "--section", "risk"))
    assert doc["sections"] == ["risk"] and doc["risk"] is None
    assert "Schedule risk" not in _report(EXAMPLE, "-f", "markdown", "--section", "risk")
