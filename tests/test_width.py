"""One width rule and clean lines: every text output of every bundled plan, at several
widths, has no line ending in a space and no line wider than the width (in terminal cells);
the schedule table keeps its columns by priority; ``--columns`` and ``--width`` at the CLI."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from functools import cache
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from typer.testing import CliRunner

from hsso_plan.app import Outcome, compare_plans, driving_chain, run
from hsso_plan.baseline import load
from hsso_plan.cli import app
from hsso_plan.render import registry, table
from hsso_plan.render.diagnostics import text_view
from hsso_plan.render.text import DEFAULT_WIDTH, fit_text, output_width, print_fitted
from hsso_plan.scheduling import Options

ROOT = Path(__file__).resolve().parent.parent
PLANS = sorted((ROOT / "plans").glob("*.toml"))
PAIR = Path(__file__).parent / "golden" / "diff"
SGR = re.compile(r"\x1b\[[0-9;]*m")
WIDTHS = (40, 80, DEFAULT_WIDTH)
TEXT_FORMATS = [f for k in registry.KINDS for f in registry.formats(k) if f.suffix == ".txt"]
runner = CliRunner()


@cache
def _outcome(path: Path) -> Outcome:
    return run(path)


def _context(path: Path, fmt: registry.Format, width: int) -> registry.RenderContext:
    out = _outcome(path)
    opts = registry.RenderOptions(width=width, iterations=200, seed=3)
    ctx = registry.RenderContext.of(out, opts)
    if fmt.kind == "diff":
        c = compare_plans(str(PAIR / "old.toml"), str(path), ROOT, Options())
        assert c.diff is not None
        ctx = registry.RenderContext.of(c.new, opts)
        ctx.diff = c.diff
    if fmt.kind == "why":
        ctx.chain = driving_chain(out, out.schedule.tasks[-1].id)  # type: ignore[union-attr]
    return ctx


def assert_clean(text: str, width: int | None) -> None:
    """No line ends in a space; none is wider than ``width`` cells (None: not checked)."""
    for n, line in enumerate(text.split("\n"), 1):
        assert not line.endswith((" ", "\u00a0\u00a0")), f"line {n} ends in a space: {line!r}"
        if width is not None:
            assert cell_len(line) <= width, f"line {n} is {cell_len(line)} wide: {line!r}"


def test_the_plans_are_there() -> None:
    """Tests that the corpus below is not empty (four bundled plans, five text formats)."""
    assert len(PLANS) >= 4
    assert {(f.kind, f.name) for f in TEXT_FORMATS} == {
        ("schedule", "table"), ("report", "terminal"), ("risk", "terminal"),
        ("diff", "text"), ("why", "text")}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("fmt", TEXT_FORMATS, ids=lambda f: f"{f.kind}-{f.name}")
@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_text_outputs_fit_and_end_clean(path: Path, fmt: registry.Format, width: int) -> None:
    """Tests every text renderer on every bundled plan at 40, 80 and 100 columns: written
    to a file and drawn on a (colour) terminal, no line ends in a space or overflows."""
    ctx = _context(path, fmt, width)
    text = fmt.render(ctx)
    assert isinstance(text, str) and text.strip()
    assert_clean(text, width)
    if fmt.console is not None:
        buf = io.StringIO()
        con = Console(file=buf, width=width, force_terminal=True, color_system="truecolor",
                      markup=False, emoji=False, highlight=False)
        print_fitted(con, fmt.console_renderable(ctx, width))
        assert SGR.search(buf.getvalue())
        assert_clean(SGR.sub("", buf.getvalue()), width)


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_validate_and_variance_text_end_clean(path: Path, tmp_path: Path) -> None:
    """Tests `validate` text (compiler lines are never wrapped: editors parse them) and
    the report's against-the-baseline part for trailing spaces and, for the latter, width."""
    out = _outcome(path)
    view = registry.DiagnosticsView(path.name, out.diagnostics, None)
    assert_clean(text_view(view), None)
    b = tmp_path / "b.json"
    assert runner.invoke(app, ["schedule", str(path), "-f", "json", "-o", str(b)]
                         ).exit_code in (0, 1)
    ctx = registry.RenderContext.of(run(path, options=Options(baseline=load(b))),
                                    registry.RenderOptions(width=80, sections=("summary",)))
    text = registry.get("report", "terminal").render(ctx)
    assert isinstance(text, str) and "Against the baseline" in text
    assert_clean(text, 80)


def test_width_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests the one rule: --width wins; a terminal's width (COLUMNS first) kept within
    40..1000; anything else the fixed default whatever COLUMNS says."""
    monkeypatch.setenv("COLUMNS", "87")
    assert output_width(None, terminal=True) == 87
    assert output_width(None, terminal=False) == DEFAULT_WIDTH == 100
    assert output_width(55, terminal=True) == output_width(55, terminal=False) == 55
    monkeypatch.setenv("COLUMNS", "12")
    assert output_width(None, terminal=True) == 40
    monkeypatch.setenv("COLUMNS", "5000")
    assert output_width(None, terminal=True) == 1000


def test_same_file_whoever_writes_it(tmp_path: Path) -> None:
    """Tests that stdout (not a terminal), -o and a different COLUMNS give the same bytes."""
    plan = str(ROOT / "plans" / "example.toml")
    a = runner.invoke(app, ["schedule", plan], env={"COLUMNS": "80"}).stdout
    b = runner.invoke(app, ["schedule", plan], env={"COLUMNS": "200"}).stdout
    f = tmp_path / "s.txt"
    runner.invoke(app, ["schedule", plan, "-o", str(f)])
    assert a == b == f.read_text(encoding="utf-8")
    assert "Not shown at 100 columns" in a


def _lines(width: int, *extra: str) -> list[str]:
    r = runner.invoke(app, ["schedule", str(ROOT / "plans" / "hsso-2017.toml"),
                            "--width", str(width), *extra])
    assert r.exit_code in (0, 1), r.output
    return r.stdout.splitlines()


def _header(lines: list[str]) -> list[str]:
    head = lines[next(k for k, x in enumerate(lines) if x.startswith("──")) - 1]
    return re.split(r"\s{2,}", head.strip())


def test_schedule_at_80_columns_keeps_the_name() -> None:
    """Tests the real plan at 80 columns: ID, Name (truncated with …, never zero wide),
    Start, Finish, Float and the marker; the dropped columns named under the table."""
    lines = _lines(80)
    assert _header(lines) == ["ID", "Name", "Start", "Finish", "Float"]
    row = next(x for x in lines if x.startswith("email-platform "))
    assert re.search(r"email-platform +\S.{6,}…  2017-01-27  2017-03-03 +\d+$", row), row
    assert lines[-1] == ("Not shown at 80 columns: Days, Driven by, Resources "
                         "(see --width, --columns).")  # one line at 80
    assert lines[-2].startswith("◆ milestone  ! critical")


@pytest.mark.parametrize("width,shown", [
    (100, ["ID", "Name", "Start", "Finish", "Float", "Driven by"]),
    (130, ["ID", "Name", "Start", "Finish", "Days", "Float", "Driven by", "Resources"]),
])
def test_columns_come_back_by_priority(width: int, shown: list[str]) -> None:
    """Tests that wider tables take back Driven by, then Days, then Resources."""
    assert _header(_lines(width)) == shown


def test_columns_option_chooses_and_orders() -> None:
    """Tests --columns: the columns asked for, in that order, names in full when room."""
    lines = _lines(200, "--columns", "name,id,driver")
    assert _header(lines) == ["Name", "ID", "Driven by"]
    assert any(x.startswith("Patients First Act") for x in lines)
    assert not any("…" in x for x in lines)


def test_unknown_column_is_a_usage_error() -> None:
    """Tests that an unknown --columns name exits 2 with every valid name listed."""
    r = runner.invoke(app, ["schedule", str(ROOT / "plans" / "example.toml"),
                            "--columns", "id,nmae"])
    assert r.exit_code == 2
    for c in table.COLUMNS:
        assert c.name in r.output
    assert "nmae" in r.output


def test_help_lists_every_column() -> None:
    """Tests that `schedule --help` names every column, in the table's display order."""
    r = runner.invoke(app, ["schedule", "--help"], env={"COLUMNS": "300"})
    listed = re.search(r"shown in the order given: ([a-z_, ]+) \(", " ".join(r.stdout.split()))
    assert listed is not None
    assert listed.group(1).split(", ") == [c.name for c in table.COLUMNS]


def test_layout_is_strict_priority() -> None:
    """Tests the layout rule directly: after the first column that does not fit, none of
    lower priority is taken, even a narrow one; Name shrinks before ID."""
    natural = {"id": 20, "name": 40, "start": 10, "finish": 10, "float": 5, "critical": 2,
               "driver": 30, "duration": 4}
    wanted = tuple(natural)
    shown, widths, dropped = table.layout(natural, wanted, 80)
    assert dropped == ["driver", "duration"] and "duration" not in shown
    assert widths["id"] == 20 and widths["name"] == 80 - 20 - 10 - 10 - 5 - 2 - 2 * 5
    shown, widths, _ = table.layout(natural, wanted, 40)
    assert sum(widths.values()) + 2 * (len(shown) - 1) <= 40


def test_fit_text_wraps_with_a_hanging_indent() -> None:
    """Tests plain-line fitting: a long line wraps under its own indent plus four."""
    got = fit_text("  " + " ".join(["word"] * 30) + "   \nshort  ", 40).split("\n")
    assert all(len(x) <= 40 for x in got) and got[-1] == "short"
    assert got[1].startswith("      word") and not got[0].endswith(" ")
    wide = fit_text("  id  " + "漢字" * 30 + " tail", 20).split("\n")  # two cells each
    assert all(cell_len(x) <= 20 for x in wide) and "".join(wide).count("漢") == 30
    assert wide[-1].endswith("tail")


def test_options_default_width_is_the_rule_default() -> None:
    """Tests that a library caller without a width gets the same default as a file."""
    ctx = _context(ROOT / "plans" / "example.toml", registry.get("schedule", "table"), 1)
    ctx.options = replace(ctx.options, width=None)
    text = registry.get("schedule", "table").render(ctx)
    assert isinstance(text, str) and "Not shown at 100 columns" in text


@pytest.mark.parametrize("args", [
    ["diff", str(PAIR / "old.toml"), str(PAIR / "new.toml")],
    ["risk", str(ROOT / "plans" / "tutorial.toml"), "--iterations", "200"],
    ["report", str(ROOT / "plans" / "tutorial.toml"), "--section", "summary,gantt"],
    ["why", str(ROOT / "plans" / "example.toml"), "nsm-readiness"],
], ids=lambda a: a[0])
def test_every_text_command_takes_width(args: list[str]) -> None:
    """Tests --width on each command with a text output: no line wider, none ending in a
    space, and the output differs from the 100-column default (the option is used)."""
    narrow = runner.invoke(app, [*args, "--width", "60"])
    assert narrow.exit_code in (0, 1), narrow.output
    assert_clean(narrow.stdout, 60)
    assert narrow.stdout != runner.invoke(app, args).stdout


def test_examples_in_the_docstrings() -> None:
    """Tests the examples in the width, table and French helpers' docstrings."""
    import doctest

    from hsso_plan.render import i18n, text

    for module in (text, table, i18n):
        result = doctest.testmod(module)
        assert result.attempted > 0 and result.failed == 0, module.__name__
