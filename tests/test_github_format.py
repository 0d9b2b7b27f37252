"""`validate --format github`: GitHub Actions workflow annotations, escaped per the rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from hsso_plan.cli import app
from hsso_plan.diagnostics import Diagnostic, Related
from hsso_plan.render.diagnostics import render_github

CORPUS = Path(__file__).resolve().parent / "corpus" / "invalid"
runner = CliRunner()


def test_cycle_plan_gives_one_annotation_with_hint_and_notes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests the exact annotation for a broken corpus plan, and exit status 1."""
    monkeypatch.chdir(CORPUS)
    r = runner.invoke(app, ["validate", "cycle.toml", "--format", "github"])
    assert r.exit_code == 1
    assert r.stdout == (
        "::error file=cycle.toml,line=14,col=12,title=E024::dependency cycle of 3 tasks: "
        "a -> b -> c -> a%0Ahint: remove or reverse one of these dependencies"
        "%0Anote: cycle.toml:14:12: 'b' depends on 'a'"
        "%0Anote: cycle.toml:19:12: 'c' depends on 'b'"
        "%0Anote: cycle.toml:9:12: 'a' depends on 'c'\n"
        "cycle.toml: 1 error, 0 warnings\n")


def test_every_problem_is_an_annotation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests that each of several problems is one `::error` line at its own position."""
    monkeypatch.chdir(CORPUS)
    r = runner.invoke(app, ["validate", "many-problems.toml", "-f", "github"])
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert lines[:2] == [
        "::error file=many-problems.toml,line=13,col=12,title=E020::task 'a' depends on "
        "unknown task 'zz'",
        "::error file=many-problems.toml,line=16,col=1,title=E011::'name' of task 'b' must "
        "be a string, not 7",
    ]
    assert sum(x.startswith("::error ") for x in lines) == 4


def test_warnings_are_warning_annotations(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests that a warning-only plan gives `::warning` and exit status 0."""
    monkeypatch.chdir(CORPUS)
    r = runner.invoke(app, ["validate", "duplicate-dependency.toml", "-f", "github"])
    assert r.exit_code == 0
    assert r.stdout.startswith("::warning file=duplicate-dependency.toml,line=")
    assert ",title=W001::" in r.stdout


def test_escaping_of_message_and_properties() -> None:
    """Tests % CR LF in the message, and also : and , in property values."""
    d = Diagnostic("E010", "100% bad\r\nkey: a,b", hint="fix: it", file="dir,x/a:b%.toml",
                   line=3, column=4,
                   related=(Related(("task",), "see\nhere", file="o.toml", line=1, column=2),))
    assert render_github([d]) == (
        "::error file=dir%2Cx/a%3Ab%25.toml,line=3,col=4,title=E010::100%25 bad%0D%0Akey: a,b"
        "%0Ahint: fix: it%0Anote: o.toml:1:2: see%0Ahere\n")


def test_unlocated_problem_has_no_file_property() -> None:
    """Tests a problem without a file: line and col default to 1, no `file=`."""
    assert render_github([Diagnostic("W002", "x")]) == "::warning line=1,col=1,title=W002::x\n"
    assert render_github([]) == ""
