"""`export -f ics`: RFC 5545 all-day events, parsed back with the `icalendar` package."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hsso_plan.app import run
from hsso_plan.cli import app
from hsso_plan.interchange import ics

from .conftest import PlanFile

icalendar = pytest.importorskip("icalendar")

ROOT = Path(__file__).resolve().parent.parent
HSSO = ROOT / "plans" / "hsso-2017.toml"
runner = CliRunner()


def _export(plan: Path, out: Path) -> bytes:
    r = runner.invoke(app, ["export", str(plan), "-f", "ics", "-o", str(out)])
    assert r.exit_code == 0, r.output
    return out.read_bytes()


@pytest.fixture(scope="module")
def hsso_ics(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return _export(HSSO, tmp_path_factory.mktemp("ics") / "hsso.ics")


def _events(raw: bytes) -> dict[str, Any]:
    cal = icalendar.Calendar.from_ical(raw)
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_every_milestone_transfer_and_deadline_is_an_all_day_event(hsso_ics: bytes) -> None:
    """Tests that each milestone (or the transfer on its day) and deadline is one event."""
    out = run(HSSO)
    assert out.schedule is not None and out.migration is not None and out.loaded.plan
    plan = out.loaded.plan
    evs = _events(hsso_ics)
    on_days = {tr.on for tr in plan.transfer.values()}
    for t in out.schedule.tasks:
        if t.milestone:
            kind = "milestone"
            if t.id in on_days:
                kind = "transfer"
                tid = next(k for k, tr in plan.transfer.items() if tr.on == t.id)
            else:
                tid = t.id
            e = evs[f"hsso-2017-{kind}-{tid}@hsso-plan"]
            assert e["DTSTART"].dt == t.start
        if t.deadline is not None:
            e = evs[f"hsso-2017-deadline-{t.id}@hsso-plan"]
            assert e["DTSTART"].dt == t.deadline
    transfers = [e for e in evs.values() if str(e["CATEGORIES"].cats[0]) == "Transfer"]
    assert len(transfers) == len(out.migration.transfers) == 17  # 3 merging bodies + 14 sites
    for e in evs.values():
        start, end = e["DTSTART"].dt, e["DTEND"].dt
        assert type(start) is dt.date and end == start + dt.timedelta(days=1)
        assert e["DTSTAMP"].dt == dt.datetime(2016, 11, 1, tzinfo=dt.UTC)


def test_lines_are_crlf_and_folded_at_75_octets(hsso_ics: bytes) -> None:
    """Tests CRLF line ends, no line over 75 octets, no bare LF."""
    assert hsso_ics.endswith(b"END:VCALENDAR\r\n")
    lines = hsso_ics.split(b"\r\n")
    assert b"\n" not in b"".join(lines)
    assert max(len(x) for x in lines) <= 75
    assert any(x.startswith(b" ") for x in lines)  # folding did happen


def test_same_plan_same_bytes_and_uids_survive_a_change(
        hsso_ics: bytes, tmp_path: Path) -> None:
    """Tests determinism, and that moving a date keeps every UID (a re-import updates)."""
    assert _export(HSSO, tmp_path / "again.ics") == hsso_ics
    moved = tmp_path / "hsso-2017.toml"
    moved.write_text(HSSO.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "hsso-2017").mkdir()
    for f in (ROOT / "plans" / "hsso-2017").iterdir():
        (tmp_path / "hsso-2017" / f.name).write_text(
            f.read_text(encoding="utf-8").replace("2017-05-03", "2017-05-04"), encoding="utf-8")
    changed = _export(moved, tmp_path / "changed.ics")
    assert changed != hsso_ics
    assert set(_events(changed)) == set(_events(hsso_ics))


HOSTILE = 'Line one\\nline two; a, b \\\\ back\\\\slash \\"q\\" é€😀' + " x" * 40


def test_hostile_text_survives_exactly(plan_file: PlanFile,
                                       tmp_path: Path) -> None:
    """Tests that newline, semicolon, comma, backslash and multi-byte text come back
    exactly; a CR or CRLF comes back as a newline (TEXT has no CR)."""
    p = plan_file(f"""
        [project]
        name = "Cal; name, \\\\ x"
        start = 2017-01-02

        [task.a]
        name = "{HOSTILE}"
        duration = 0

        [task.b]
        name = "CR\\rCRLF\\r\\nbell\\u0007"
        duration = 0
        finish_no_later_than = 2017-01-02
        """, name="my plan.toml")
    raw = _export(p, tmp_path / "h.ics")
    assert max(len(x) for x in raw.split(b"\r\n")) <= 75
    evs = _events(raw)
    want = 'Line one\nline two; a, b \\ back\\slash "q" é€😀' + " x" * 40
    assert str(evs["my-plan-milestone-a@hsso-plan"]["SUMMARY"]) == want
    assert str(evs["my-plan-milestone-b@hsso-plan"]["SUMMARY"]) == "CR\nCRLF\nbell\ufffd"
    assert str(evs["my-plan-deadline-b@hsso-plan"]["SUMMARY"]) \
        == "Deadline: CR\nCRLF\nbell\ufffd"
    assert b"\r\nX-WR-CALNAME:Cal\\; name\\, \\\\ x\r\n" in raw  # TEXT escapes


def test_fold_never_splits_a_character() -> None:
    """Tests folding of multi-byte text at every offset: each piece decodes and fits."""
    for k in range(5):
        line = "S:" + "a" * k + "😀é€" * 40
        folded = ics.fold(line)
        pieces = folded.split("\r\n")
        assert all(len(x.encode()) <= 75 for x in pieces)
        assert pieces[0] + "".join(x[1:] for x in pieces[1:]) == line


def test_escape_text() -> None:
    """Tests the RFC 5545 TEXT escapes."""
    assert ics.escape_text("a\\b;c,d\ne\r\nf\rg") == "a\\\\b\\;c\\,d\\ne\\nf\\ng"
    assert ics.plan_id("hsso 2017 (v2).toml") == "hsso-2017-v2"
