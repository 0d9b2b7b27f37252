"""`hsso-plan risk`: exit codes, every format, determinism, escaping."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hsso_plan.cli import app

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "plans" / "tutorial.toml"
runner = CliRunner()

HOSTILE = """
[project]
name = "<script>alert(1)</script> [bold]x[/bold] | pipe"
start = 2017-01-02

[task.a]
name = "<b>A</b> [red]markup[/red] | cell"
duration = 10
duration_range = [5, 20]
finish_no_later_than = 2017-01-20

[task.m]
name = "Done"
duration = 0
depends = ["a"]

[risk.late]
name = "<img src=x onerror=alert(2)>"
probability = 0.5
delay = [1, 3]
tasks = ["a"]
"""


def _risk(*args: str) -> tuple[int, str]:
    res = runner.invoke(app, ["risk", *args])
    return res.exit_code, res.stdout


def test_json_has_the_contract_keys() -> None:
    """Tests the JSON of the risk command against contract section 6."""
    code, out = _risk(str(TUTORIAL), "--iterations", "500", "--seed", "3", "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["iterations"] == 500 and data["seed"] == 3
    fin = data["project"]["finish"]
    assert set(fin) >= {"deterministic", "p10", "p50", "p80", "p90"}
    assert fin["p10"] <= fin["p50"] <= fin["p80"] <= fin["p90"]
    ids = [t["id"] for t in data["tasks"]]
    assert ids[:3] == ["regulation", "agency-live", "board"]  # plan order
    for t in data["tasks"]:
        assert set(t["finish"]) == {"p10", "p50", "p80", "p90"}
        assert 0 <= t["criticality"] <= 1
    assert data["deadlines"][0]["task"] == "board"
    assert 0 <= data["deadlines"][0]["probability"] <= 1
    tr = {t["id"]: t for t in data["transfers"]}
    assert set(tr) == {"east-move", "west-move"}
    assert tr["east-move"]["date"] == "2017-05-03"
    assert 0 <= tr["east-move"]["readiness_probability"] <= 1
    assert data["sites"] and set(data["sites"]) == set(tr)


def test_same_seed_same_bytes_other_seed_differs() -> None:
    """Tests that the same plan, iterations and seed give byte-identical output."""
    a = _risk(str(TUTORIAL), "-n", "800", "--seed", "5", "-f", "json")
    b = _risk(str(TUTORIAL), "-n", "800", "--seed", "5", "-f", "json")
    c = _risk(str(TUTORIAL), "-n", "800", "--seed", "6", "-f", "json")
    assert a == b
    assert a[1] != c[1]


@pytest.mark.parametrize("fmt", ["terminal", "json", "html", "markdown"])
def test_every_format_writes_a_file(tmp_path: Path, fmt: str) -> None:
    """Tests each format with --output (atomic file), and that it is deterministic."""
    out = tmp_path / f"risk.{fmt}"
    code, stdout = _risk(str(TUTORIAL), "-n", "300", "-f", fmt, "-o", str(out))
    assert code == 0 and stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "2017-05" in text
    _risk(str(TUTORIAL), "-n", "300", "-f", fmt, "-o", str(tmp_path / "again"))
    assert (tmp_path / "again").read_text(encoding="utf-8") == text


def test_plan_text_is_escaped(plan_file: Callable[[str], Path]) -> None:
    """Tests that plan text is escaped in HTML and Markdown and never read as rich markup."""
    p = plan_file(HOSTILE)
    code, html = _risk(str(p), "-n", "300", "-f", "html")
    assert code == 0
    assert "<script>" not in html and "<img" not in html and "<b>A" not in html
    assert "&lt;script&gt;" in html
    assert "<svg" in html and "polyline" in html
    _, md = _risk(str(p), "-n", "300", "-f", "markdown")
    assert "<script>" not in md and "\\| cell" in md
    _, term = _risk(str(p), "-n", "300")
    assert "[red]markup[/red]" in term and "[bold]x[/bold]" in term


def test_exit_codes(plan_file: Callable[[str], Path], tmp_path: Path) -> None:
    """Tests exit 1 for a plan with errors (risk keys too), 2 for usage errors."""
    bad = plan_file("""
[project]
name = "Bad"
start = 2017-01-02

[task.a]
name = "A"
duration = 5
duration_range = [6, 9]
""")
    res = runner.invoke(app, ["risk", str(bad), "-n", "100"])
    assert res.exit_code == 1
    assert "E100" in res.stderr
    assert _risk(str(TUTORIAL), "--iterations", "0")[0] == 2
    assert _risk(str(TUTORIAL), "--format", "pdf")[0] == 2
    assert _risk(str(tmp_path / "missing.toml"))[0] == 2


def test_hostile_plan_deadline_probability_is_a_share(plan_file: Callable[[str], Path]) -> None:
    """Tests a deadline's probability against the runs' own finish dates in the JSON."""
    code, out = _risk(str(plan_file(HOSTILE)), "-n", "2000", "-f", "json")
    assert code == 0
    data = json.loads(out)
    dl = data["deadlines"][0]
    assert 0 < dl["probability"] < 1
    assert dl["se"] > 0
    assert data["sensitivity"][0]["id"] in {"a", "late"}


@pytest.mark.parametrize("path", sorted((ROOT / "tests" / "corpus" / "invalid").glob("*.toml")),
                         ids=lambda p: p.stem)
def test_broken_plans_never_crash_the_risk_command(path: Path) -> None:
    """Tests that every corpus plan with problems gives exit 1 (0 for warnings only), never
    an internal error, in every format."""
    for fmt in ("json", "terminal"):
        res = runner.invoke(app, ["risk", str(path), "-n", "30", "-f", fmt])
        assert res.exit_code in (0, 1), res.output
        assert res.exception is None or isinstance(res.exception, SystemExit)


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests the CLI's progress bar: none when stderr is not a terminal; on a terminal the
    risk and report commands pass the bar down as the options' callback, it draws nothing
    for a short run, and is gone (closed) before the output is written."""
    import sys

    from hsso_plan import cli, cli_progress
    from hsso_plan.render import registry

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    assert cli_progress.risk_bar(100) is None
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert isinstance(cli_progress.risk_bar(100), cli_progress.RiskBar)
    # the runner swaps stderr for a pipe: stand in for the terminal test
    monkeypatch.setattr(cli, "_risk_bar", cli_progress.RiskBar)
    seen: list[registry.RenderOptions] = []
    real = registry.RenderContext.of

    def spy(outcome: object, options: registry.RenderOptions | None = None
            ) -> registry.RenderContext:
        assert options is not None
        seen.append(options)
        return real(outcome, options)  # type: ignore[arg-type]

    monkeypatch.setattr(registry.RenderContext, "of", staticmethod(spy))
    for cmd in (["risk", str(TUTORIAL), "-n", "300", "-f", "json"],
                ["report", str(TUTORIAL), "-n", "300", "-f", "json", "--section", "risk"]):
        res = runner.invoke(app, cmd)
        assert res.exit_code in (0, 1), res.output
        bar = seen[-1].progress
        assert isinstance(bar, cli_progress.RiskBar)
        assert bar.t0 is not None and bar.bar is None  # called, short: never drawn
    bar = cli_progress.RiskBar(10)
    bar.DELAY = 0.0
    bar(0.0)
    bar(0.5)
    assert bar.bar is not None
    bar.close()
    assert bar.bar is None


def test_nothing_below_the_cli_draws_a_progress_bar() -> None:
    """Tests the layer rule for the risk runs: no module of the risk package imports rich."""
    for f in (ROOT / "src" / "hsso_plan" / "risk").glob("*.py"):
        assert "rich" not in f.read_text(encoding="utf-8"), f.name


def test_progress_callback_climbs_to_one() -> None:
    """Tests the share the risk code reports for the CLI's bar: it never goes back, stays in
    0..1, reaches 1 only at the end (the figures after the runs are part of the work)."""
    from hsso_plan.app import run
    from hsso_plan.risk.analysis import risk_of

    seen: list[float] = []
    risk_of(run(ROOT / "plans" / "hsso-2017.toml"), 300, 1, progress=seen.append)
    assert seen == sorted(seen) and seen[0] >= 0 and seen[-1] == 1.0
    assert seen.count(1.0) == 1 and len(seen) > 20
    assert max(x for x in seen if x < 1.0) > 0.9


def test_a_plan_without_uncertainty_says_how_to_add_it() -> None:
    """Tests the empty tornado of a plan with no ranges and no events (plans/example.toml):
    every format tells the planner what to add instead of implying fixed dates hold it."""
    for fmt in ("terminal", "markdown", "html"):
        code, out = _risk(str(ROOT / "plans" / "example.toml"), "-n", "200", "-f", fmt)
        assert code == 0
        assert "Nothing in the plan is uncertain" in " ".join(out.split()), fmt
        assert "fixed dates hold it" not in out


@pytest.mark.parametrize("fmt", ["terminal", "html", "markdown"])
def test_risk_in_french(fmt: str) -> None:
    """Tests `risk --lang fr`: labels, shares ("25,0 %" with a no-break space), the
    plan's French names, `<html lang="fr">`; English by default."""
    code, out = _risk(str(TUTORIAL), "-n", "300", "--seed", "3", "-f", fmt, "--lang", "fr",
                      "--width", "300")
    assert code == 0
    flat = " ".join(out.replace("&#x27;", "'").split())
    assert "Risque de l'échéancier" in flat and "Indice de criticité" in flat
    assert "25,0\u00a0%" in out and "Exécutions" in flat and "graine 3" in flat
    assert "Conseil d'administration nommé" in flat  # a task's name_fr
    assert "Most critical tasks" not in flat and "Schedule risk" not in flat
    assert ('<html lang="fr">' in out) == (fmt == "html")
    _, en = _risk(str(TUTORIAL), "-n", "300", "--seed", "3", "-f", fmt)
    assert "Schedule risk" in en and "25.0%" in en and "Exécutions" not in en


def test_risk_json_is_the_same_in_either_language() -> None:
    """Tests that `--lang` leaves the JSON (the contract) as it is, byte for byte."""
    _, en = _risk(str(TUTORIAL), "-n", "300", "-f", "json")
    code, fr = _risk(str(TUTORIAL), "-n", "300", "-f", "json", "--lang", "fr")
    assert code == 0 and fr == en
    code, _ = _risk(str(TUTORIAL), "-n", "10", "--lang", "de")
    assert code == 2


def test_french_risk_escapes_plan_text(plan_file: Callable[[str], Path]) -> None:
    """Tests a hostile plan's risk in French: HTML escaped, Markdown cells escaped, rich
    markup shown as text, as in English."""
    p = plan_file(HOSTILE)
    _, html = _risk(str(p), "-n", "200", "-f", "html", "--lang", "fr")
    assert "<script>" not in html and "<img" not in html and "&lt;script&gt;" in html
    _, md = _risk(str(p), "-n", "200", "-f", "markdown", "--lang", "fr")
    assert "<script>" not in md and "\\| cell" in md
    _, term = _risk(str(p), "-n", "200", "--lang", "fr")
    assert "[red]markup[/red]" in term


CONTROL = """
[project]
name = "Plan\\u001b[2J"
start = 2017-01-02

[task.a]
name = "Task \\u001b]0;title\\u0007 \\u202eevil"
name_fr = "Tâche \\u001b[31mrouge"
duration = 10
duration_range = [5, 20]

[risk.late]
name = "Event \\u009b31m"
probability = 0.5
delay = [1, 3]
tasks = ["a"]
"""


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_terminal_risk_shows_control_characters(plan_file: Callable[[str], Path],
                                                 lang: str) -> None:
    """Tests that plan names with escape sequences and bidi overrides reach the terminal
    made visible (`text.visible`: ESC as U+241B, C1 and bidi controls as \\\\x9b, \\\\u202e),
    in the tables and the tornado, in both languages."""
    p = plan_file(CONTROL)
    code, out = _risk(str(p), "-n", "200", "--lang", lang, "--width", "200")
    assert code == 0
    assert "\x1b" not in out and "\x9b" not in out and "\u202e" not in out
    assert "\u241b" in out and "\\x9b31m" in out
    assert ("\\u202eevil" in out) == (lang == "en") and ("rouge" in out) == (lang == "fr")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_80_columns_keep_dates_and_shares_whole(lang: str) -> None:
    """Tests the real plan's risk tables at 80 columns: no line wider, and every date and
    share a table holds is printed whole on one line, and no header is cut (a number column
    is as wide as its widest value or header word; the names and headers wrap instead)."""
    code, out = _risk(str(ROOT / "plans" / "hsso-2017.toml"), "-n", "200", "--seed", "3",
                      "--lang", lang, "--width", "80")
    assert code == 0
    from rich.cells import cell_len

    assert max(cell_len(line) for line in out.splitlines()) <= 80
    tables = out[out.index("┏"):]
    cells = [c.strip() for line in tables.splitlines() if line.startswith("│")
             for c in line.strip("│").split("│")]
    share = r"\d+[.,]\d %" if lang == "fr" else r"\d+[.,]\d%"
    whole = [c for c in cells if re.fullmatch(rf"\d{{4}}-\d\d-\d\d|{share}", c.replace(
        "\u00a0", " "))]
    assert len(whole) >= 17 * 3 + 2 * 3 + 8 * 2 + 3 * 2 + 15 * 5  # every table's values
    assert not [c for c in cells if "…" in c and re.search(r"\d", c)]
    assert not [h for h in tables.splitlines() if h.startswith("┃") and "…" in h]  # headers
