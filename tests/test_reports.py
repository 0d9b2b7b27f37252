"""Reports: golden files per format and language, escaping, colour-free output, speed-free.

Regenerate the golden files with ``pytest tests/test_reports.py --update-golden`` and review
the diff.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hsso_plan.app import run
from hsso_plan.cli import app
from hsso_plan.render import html_report, markdown_report, report_json, terminal_report
from hsso_plan.render.report_model import Report, ReportOptions, build

from .conftest import Golden

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).parent / "golden"
TUTORIAL = ROOT / "plans" / "tutorial.toml"
runner = CliRunner()


def _report(lang: str, plan: Path = TUTORIAL, **kw: object) -> Report:
    out = run(plan)
    assert out.schedule is not None and out.loaded.plan is not None
    return build(out.loaded.plan, out.schedule, out.migration, out.diagnostics,
                 ReportOptions(lang=lang, **kw))  # type: ignore[arg-type]


RENDER = {
    "txt": lambda r: terminal_report.to_text(r, 100),
    "html": html_report.render,
    "md": markdown_report.render,
    "json": report_json.render,
}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("fmt", sorted(RENDER))
def test_golden(fmt: str, lang: str, golden: Golden) -> None:
    """Tests each report format in each language against its golden file."""
    got = RENDER[fmt](_report(lang))
    golden(GOLDEN / f"tutorial-report.{lang}.{fmt}", got)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_golden_terminal_with_every_appendix(lang: str, golden: Golden) -> None:
    """Tests the terminal report with --detail (every appendix, every Gantt task)."""
    got = terminal_report.to_text(_report(lang, detail=True), 100)
    golden(GOLDEN / f"tutorial-report-detail.{lang}.txt", got)


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_schedule_golden(fmt: str, golden: Golden) -> None:
    """Tests the schedule renderers on the example plan against golden files."""
    r = runner.invoke(app, ["schedule", str(ROOT / "plans" / "example.toml"), "-f", fmt],
                      env={"COLUMNS": "120", "NO_COLOR": "1"})
    assert r.exit_code == 0
    golden(GOLDEN / f"example-schedule.{fmt}", r.stdout)


def test_french_report_has_no_english_label() -> None:
    """Tests that a French report of a plan with French names has no English left."""
    text = RENDER["txt"](_report("fr"))
    for word in ("Summary", "Timeline", "Readiness", "Transfer", "Service coverage", "Staff",
                 "Resource", "Deadline", "Problems", "Start", "Finish", "working days",
                 "critical", "GREEN", "open", "Week"):
        assert not re.search(rf"\b{word}\b", text), word
    assert "Services communs" not in text  # the tutorial has no HSSO
    assert "Sommaire" in text and "VERT" in text and "janv." in text


def test_real_plan_in_french_uses_the_plan_names() -> None:
    """Tests the real plan's French report: RLISS, CASC and HSSO's French name."""
    html = html_report.render(_report("fr", ROOT / "plans" / "hsso-2017.toml"))
    assert 'lang="fr"' in html
    assert "Services communs pour la santé Ontario" in html
    assert "RLISS de Champlain" in html and "CASC" in html
    assert "3 mai 2017" in html


def test_plan_text_is_escaped_in_html(plan_file: Callable[[str], Path]) -> None:
    """Tests that a task named <script>alert(1)</script> shows as text, not markup."""
    p = plan_file("""
    [project]
    name = "Escape <b>me</b> & \\"you\\""
    start = 2017-01-02

    [task.x]
    name = "<script>alert(1)</script>"
    duration = 2
    """)
    html = html_report.render(_report("en", p))
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>me</b>" not in html and "Escape &lt;b&gt;me&lt;/b&gt; &amp;" in html
    md = markdown_report.render(_report("en", p))
    assert "<script>" not in md


def test_html_is_self_contained() -> None:
    """Tests that the HTML report loads nothing from anywhere."""
    html = html_report.render(_report("en", ROOT / "plans" / "hsso-2017.toml"))
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "<script" not in html and "@import" not in html
    assert html.count("<svg") >= 2 and "<title" in html and 'scope="col"' in html


def test_sections_are_selectable() -> None:
    """Tests --section: only the chosen sections, in every format."""
    r = runner.invoke(app, ["report", str(TUTORIAL), "-f", "json",
                            "--section", "readiness,staff"])
    assert r.exit_code == 0
    import json

    doc = json.loads(r.stdout)
    assert doc["sections"] == ["readiness", "staff"]
    assert "gantt" not in doc and doc["staff"][0]["headcount"] == 120
    r = runner.invoke(app, ["report", str(TUTORIAL), "--section", "bogus"])
    assert r.exit_code == 2


def test_terminal_report_without_colour_and_narrow() -> None:
    """Tests NO_COLOR and a narrow terminal: no escape codes, no line wider than asked."""
    r = runner.invoke(app, ["report", str(TUTORIAL), "--width", "60"],
                      env={"NO_COLOR": "1"})
    assert r.exit_code == 0
    assert "\x1b[" not in r.stdout
    assert max(len(line) for line in r.stdout.splitlines()) <= 60
    assert "!" in r.stdout and "◆" in r.stdout  # critical and milestones without colour


def test_as_of_moves_readiness_counts_of_a_plan_without_progress() -> None:
    """Tests that, in a plan with no progress at all, --as-of counts the readiness work
    planned to finish on or before it (the real plan's first CCAC transfer, 2017-05-03)."""
    real = ROOT / "plans" / "hsso-2017.toml"
    early = _report("en", real)
    late = _report("en", real, as_of=dt.date(2017, 5, 3))
    nsm = next(x for x in late.readiness if x.transfer == "nsm-transfer")
    assert all(x.done == 0 for x in early.readiness)
    assert nsm.done == nsm.tasks == 10 and nsm.behind == []


def test_readiness_done_comes_from_progress_in_a_tracked_plan() -> None:
    """Tests that in a plan with progress a later --as-of does not make planned work done:
    only recorded actuals count (the tutorial's east e-mail work is under way)."""
    late = _report("en", as_of=dt.date(2017, 3, 23))
    assert late.readiness[0].done == 0 and late.readiness[0].remaining == 3


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium not installed")
def test_html_renders_in_headless_chromium(tmp_path: Path) -> None:
    """Tests that Chromium renders the real plan's report to a non-blank screenshot."""
    html = tmp_path / "report.html"
    html.write_text(html_report.render(_report("en", ROOT / "plans" / "hsso-2017.toml")),
                    encoding="utf-8")
    png = tmp_path / "shot.png"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,1600",
                    f"--screenshot={png}", html.as_uri()],
                   capture_output=True, timeout=120, check=False)
    assert png.exists() and png.stat().st_size > 20_000


@pytest.mark.parametrize(("float_days", "late", "want"), [
    (10, False, "green"), (25, False, "green"), (9, False, "amber"), (0, False, "amber"),
    (-1, False, "red"), (30, True, "red"), (None, False, "red"),
])
def test_rag_thresholds(float_days: int | None, late: bool, want: str) -> None:
    """Tests the RAG rule: green from 10 working days of float, amber from 0, else red."""
    from hsso_plan.render.report_model import rag

    assert rag(float_days, late, 10, 0) == want


def test_rag_is_computed_from_the_plan(plan_file: Callable[[str], Path]) -> None:
    """Tests readiness RAG end to end: a tight site is amber, a late one red."""
    p = plan_file("""
    [project]
    name = "RAG"
    start = 2017-01-02

    [org.c1]
    name = "C1"
    dissolved = "t1"

    [org.c2]
    name = "C2"
    dissolved = "t2"

    [org.l]
    name = "L"

    [task.w1]
    name = "Work for site 1"
    duration = 5

    [task.t1]
    name = "Transfer 1"
    duration = 0
    start_on = 2017-01-11

    [task.w2]
    name = "Work for site 2"
    duration = 10

    [task.t2]
    name = "Transfer 2"
    duration = 0
    start_on = 2017-01-11

    [transfer.x1]
    from = "c1"
    to = "l"
    on = "t1"
    readiness = ["w1"]

    [transfer.x2]
    from = "c2"
    to = "l"
    on = "t2"
    readiness = ["w2"]
    """)
    rep = _report("en", p)
    by = {x.transfer: x.rag for x in rep.readiness}
    assert by == {"x1": "amber", "x2": "red"}
