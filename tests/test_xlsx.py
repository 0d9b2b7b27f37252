"""The Excel workbook (`schedule`/`report --format xlsx`), opened back with openpyxl."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hsso_plan import cli, cli_options
from hsso_plan.app import run
from hsso_plan.schedule import Schedule

from .conftest import PlanFile

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parent.parent
HSSO = ROOT / "plans" / "hsso-2017.toml"
runner = CliRunner()

HOSTILE = {
    "a": '=HYPERLINK(\\"http://evil.example\\",\\"click\\")',
    "b": "+1+2",
    "c": "-3",
    "d": "@SUM(A1)",
    "e": "\\tTab first",
    "f": "Bell\\u0007 and CR\\r\\nLF",
}


@pytest.fixture(scope="module")
def hsso_book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    out = tmp_path_factory.mktemp("xlsx") / "report.xlsx"
    r = runner.invoke(cli.app, ["report", str(HSSO), "-f", "xlsx", "-o", str(out)])
    assert r.exit_code == 0, r.output
    return out, out.read_bytes()


@pytest.fixture(scope="module")
def hsso_schedule() -> Schedule:
    sched = run(HSSO).schedule
    assert sched is not None
    return sched


def test_report_workbook_has_every_sheet_with_frozen_filtered_headers(
        hsso_book: tuple[Path, bytes], hsso_schedule: Schedule) -> None:
    """Tests sheets, frozen header row, autofilter over all rows, fitted column widths."""
    wb = openpyxl.load_workbook(hsso_book[0])
    assert wb.sheetnames == ["Tasks", "Readiness", "Coverage", "Staff", "Resources"]
    sched = hsso_schedule
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}" \
                                     f"{max(ws.max_row, 2)}"
        assert all(c.font.bold for c in ws[1])
    tasks = wb["Tasks"]
    assert tasks.max_row == len(sched.tasks) + 1
    assert [c.value for c in tasks[1]][:5] == ["ID", "Name", "Workstream", "Start", "Finish"]
    assert 8 <= tasks.column_dimensions["A"].width <= 60
    assert tasks.column_dimensions["B"].width > tasks.column_dimensions["H"].width
    assert len(list(wb["Readiness"].iter_rows(min_row=2))) == 17  # 3 bodies into HSSO, 14 sites


def test_dates_are_real_excel_dates(hsso_book: tuple[Path, bytes],
                                    hsso_schedule: Schedule) -> None:
    """Tests that start/finish are date cells formatted yyyy-mm-dd, matching the schedule,
    and that Critical marks the driving path to the finish (why.driving_path), not every
    task of zero float."""
    from hsso_plan.why import driving_path

    wb = openpyxl.load_workbook(hsso_book[0])
    sched = hsso_schedule
    ws = wb["Tasks"]
    driving = set(driving_path({t.id: t for t in sched.tasks}, "clinical-leadership-in-place"))
    assert len(driving) >= 3
    for row, t in zip(ws.iter_rows(min_row=2), sched.tasks, strict=True):
        assert row[0].value == t.id
        assert row[3].is_date and row[3].number_format == "yyyy-mm-dd"
        assert row[3].value.date() == t.start and row[4].value.date() == t.finish
        assert row[6].value == t.total_float and row[7].value is (t.id in driving)
    assert sum(1 for t in sched.tasks if t.critical) > len(driving)
    readiness = wb["Readiness"]
    assert all(r[2].is_date for r in readiness.iter_rows(min_row=2))
    assert {r[9].value for r in readiness.iter_rows(min_row=2)} <= {"GREEN", "AMBER", "RED"}


def test_same_plan_gives_the_same_bytes(hsso_book: tuple[Path, bytes], tmp_path: Path) -> None:
    """Tests deterministic bytes: fixed zip entry times and document properties."""
    again = tmp_path / "again.xlsx"
    r = runner.invoke(cli.app, ["report", str(HSSO), "-f", "xlsx", "-o", str(again)])
    assert r.exit_code == 0
    assert again.read_bytes() == hsso_book[1]
    with zipfile.ZipFile(io.BytesIO(hsso_book[1])) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    props = openpyxl.load_workbook(hsso_book[0]).properties
    assert props.created == props.modified == dt.datetime(2016, 11, 1)  # the start (no status date)


def _hostile_plan(plan_file: PlanFile) -> Path:
    tasks = "\n".join(f'[task.{k}]\nname = "{v}"\nduration = 1\n' for k, v in HOSTILE.items())
    return plan_file(f'[project]\nname = "=1+1"\nstart = 2017-01-02\n\n{tasks}')


def test_formula_like_names_stay_text(plan_file: PlanFile, tmp_path: Path) -> None:
    """Tests that =, +, -, @ and tab names are string cells (type s), never formulas."""
    out = tmp_path / "h.xlsx"
    r = runner.invoke(cli.app, ["schedule", str(_hostile_plan(plan_file)), "-f", "xlsx",
                                "-o", str(out)])
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(out)["Tasks"]
    cells = {row[0].value: row[1] for row in ws.iter_rows(min_row=2)}
    assert cells["a"].value == '=HYPERLINK("http://evil.example","click")'
    assert cells["b"].value == "+1+2" and cells["c"].value == "-3"
    assert cells["d"].value == "@SUM(A1)" and cells["e"].value == "\tTab first"
    assert cells["f"].value == "Bell\ufffd and CR\nLF"  # no BEL in XML; line breaks are LF
    for k in "abcdef":
        assert cells[k].data_type == "s", k
    for k in "abcde":
        assert cells[k].quotePrefix, k
    assert not cells["f"].quotePrefix
    raw = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in raw
    assert openpyxl.load_workbook(out).properties.title == "=1+1"


def test_french_workbook_and_sections(tmp_path: Path) -> None:
    """Tests French sheet names and headers, and that --section limits the sheets."""
    out = tmp_path / "fr.xlsx"
    r = runner.invoke(cli.app, ["report", str(HSSO), "-f", "xlsx", "--lang", "fr",
                                "--section", "readiness,staff", "-o", str(out)])
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Tâches", "Préparation", "Personnel"]
    assert wb["Tâches"]["D1"].value == "Début"
    assert {c.value for c in wb["Préparation"]["J"][1:]} <= {"VERT", "JAUNE", "ROUGE"}


def test_workbook_to_a_pipe_and_refused_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests that xlsx goes to a redirected stdout, and is a usage error on a terminal."""
    r = runner.invoke(cli.app, ["schedule", str(ROOT / "plans" / "example.toml"), "-f", "xlsx"])
    assert r.exit_code == 0
    assert r.stdout_bytes.startswith(b"PK\x03\x04")
    monkeypatch.setattr(cli_options, "_stdout_is_terminal", lambda: True)
    for cmd in ("schedule", "report"):
        r = runner.invoke(cli.app, [cmd, str(ROOT / "plans" / "example.toml"), "-f", "xlsx"])
        assert r.exit_code == 2
        assert "-o FILE.xlsx" in r.output


def test_plan_with_errors_still_writes_the_workbook_and_exits_1(
        plan_file: PlanFile, tmp_path: Path) -> None:
    """Tests that a missed deadline gives a workbook showing it, and exit status 1."""
    p = plan_file("""
        [project]
        name = "Late"
        start = 2017-01-02

        [task.a]
        name = "A"
        duration = 10
        finish_no_later_than = 2017-01-04
        """)
    out = tmp_path / "late.xlsx"
    r = runner.invoke(cli.app, ["schedule", str(p), "-f", "xlsx", "-o", str(out)])
    assert r.exit_code == 1
    row = next(openpyxl.load_workbook(out)["Tasks"].iter_rows(min_row=2, values_only=True))
    assert row[6] < 0 and row[11] == dt.datetime(2017, 1, 4)


def test_terminal_refusal_comes_before_any_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests that the binary check is made from the registry before the plan is run."""
    def no_run(*args: object) -> None:
        raise AssertionError("the plan was run before the usage error")

    monkeypatch.setattr(cli_options, "_stdout_is_terminal", lambda: True)
    monkeypatch.setattr(cli, "_run", no_run)
    r = runner.invoke(cli.app, ["report", str(ROOT / "plans" / "example.toml"), "-f", "xlsx"])
    assert r.exit_code == 2 and "xlsx format is binary" in r.output
