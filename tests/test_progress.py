"""Progress tracking (core contract section 4): scheduling rules, outputs and bundled plans."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from hsso_plan.app import run
from hsso_plan.cli import app

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"

PLAN = """\
[project]
name = "P"
start = 2017-01-02
status_date = 2017-01-11

[resource.it]
capacity = 1

[task.a]
name = "A"
duration = 3

[task.b]
name = "B"
duration = 5
depends = ["a"]
uses = { it = 1 }

[task.c]
name = "C"
duration = 4
depends = ["b"]

[task.m]
name = "M"
duration = 0
depends = ["c"]

[progress.a]
actual_start = 2017-01-02
actual_finish = 2017-01-07   # a Saturday: off the calendar, kept as given

[progress.b]
actual_start = 2017-01-09
remaining = 2
note = "waiting on =the server"
"""


def _plan(tmp_path: Path, text: str = PLAN) -> Path:
    p = tmp_path / "plan.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_done_under_way_and_projected_dates(tmp_path: Path) -> None:
    """Tests a done task at its actuals, an under-way one from N, the rest after it."""
    out = run(_plan(tmp_path))
    assert out.ok and out.schedule is not None
    t = {x.id: x for x in out.schedule.tasks}
    assert (t["a"].start.isoformat(), t["a"].finish.isoformat()) == ("2017-01-02", "2017-01-07")
    assert t["a"].status == "done" and t["a"].total_float is None and not t["a"].critical
    # b: N = Thu 2017-01-12, two days left: 12th and 13th.
    assert (t["b"].start.isoformat(), t["b"].finish.isoformat()) == ("2017-01-09", "2017-01-13")
    assert t["b"].status == "in progress" and t["b"].remaining == 2
    assert [d.isoformat() for d in t["b"].days] == ["2017-01-12", "2017-01-13"]
    assert t["c"].start.isoformat() == "2017-01-16" and t["c"].status == "not started"
    assert t["m"].start.isoformat() == "2017-01-20"
    assert t["b"].total_float == 0 and t["b"].critical


def test_json_csv_and_table_show_progress(tmp_path: Path) -> None:
    """Tests the JSON fields, the CSV status columns (formula-safe note) and the table."""
    p = _plan(tmp_path)
    r = CliRunner().invoke(app, ["schedule", str(p), "-f", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    assert doc["project"]["status_date"] == "2017-01-11"
    b = next(x for x in doc["tasks"] if x["id"] == "b")
    assert (b["status"], b["actual_start"], b["actual_finish"], b["remaining"]) == \
        ("in progress", "2017-01-09", None, 2)
    a = next(x for x in doc["tasks"] if x["id"] == "a")
    assert a["total_float"] is None and a["actual_finish"] == "2017-01-07"
    r = CliRunner().invoke(app, ["schedule", str(p), "-f", "csv"])
    header, *rows = r.output.splitlines()
    assert header.endswith("status,actual_start,actual_finish,remaining")
    assert rows[1].endswith("in progress,2017-01-09,,2")
    r = CliRunner().invoke(app, ["schedule", str(p)], terminal_width=200)
    assert "Status" in r.output and "in progress (2 left)" in r.output


def test_no_status_date_no_new_fields(tmp_path: Path) -> None:
    """Tests that a plan without a status date prints no progress keys."""
    text = PLAN.replace("status_date = 2017-01-11\n", "").split("[progress.a]")[0]
    r = CliRunner().invoke(app, ["schedule", str(_plan(tmp_path, text)), "-f", "json"])
    doc = json.loads(r.output)
    assert "status_date" not in doc["project"]
    assert all("status" not in t for t in doc["tasks"])


def test_fixed_date_passed_moves_to_status_date_with_warning(tmp_path: Path) -> None:
    """Tests that a start_on date passed without a start is W111, not E041."""
    text = """\
[project]
name = "P"
start = 2017-01-02
status_date = 2017-01-11

[task.go-live]
name = "Go live"
duration = 0
start_on = 2017-01-05
"""
    out = run(_plan(tmp_path, text))
    assert out.ok and out.schedule is not None
    assert [d.code for d in out.diagnostics] == ["W111"]
    assert out.schedule.tasks[0].start.isoformat() == "2017-01-12"


def test_under_way_default_remaining_and_percent(tmp_path: Path) -> None:
    """Tests remaining = max(1, d - worked) by default and ceil(d * (100 - p) / 100)."""
    text = """\
[project]
name = "P"
start = 2017-01-02
status_date = 2017-01-11

[task.a]
name = "A"
duration = 10

[task.b]
name = "B"
duration = 3

[task.c]
name = "C"
duration = 10

[progress.a]
actual_start = 2017-01-09   # 3 working days worked (9, 10, 11): 7 left

[progress.b]
actual_start = 2017-01-02   # 8 worked, more than 3: at least 1 left

[progress.c]
actual_start = 2017-01-09
percent_complete = 25       # ceil(10 * 75 / 100) = 8
"""
    out = run(_plan(tmp_path, text))
    assert out.ok and out.schedule is not None
    assert [t.remaining for t in out.schedule.tasks] == [7, 1, 8]


def test_the_2017_plan_as_run_validates() -> None:
    """Tests that plans/hsso-2017-status.toml (with its status file) validates (exit 0),
    tracks progress from the included file, and keeps the sourced dates."""
    out = run(PLANS / "hsso-2017-status.toml")
    assert out.ok, [d.message for d in out.errors]
    assert out.schedule is not None and out.schedule.status_date is not None
    t = {x.id: x for x in out.schedule.tasks}
    assert t["hsso-operational"].status == "done"
    assert t["hsso-operational"].start.isoformat() == "2017-03-01"
    assert t["nw-email"].status == "in progress" and t["nw-email"].note
    assert t["tc-signoff"].start.isoformat() == "2017-04-15"  # a Saturday, as recorded
    d = out.schedule.status_date
    assert all(x.start > d for x in out.schedule.tasks if x.status == "not started")


def test_status_file_may_set_only_the_status_date(tmp_path: Path) -> None:
    """Tests that an included [project] with anything but status_date is E015."""
    (tmp_path / "s.toml").write_text('[project]\nstatus_date = 2017-01-11\nname = "X"\n',
                                     encoding="utf-8")
    text = 'include = ["s.toml"]\n' + PLAN.replace("status_date = 2017-01-11\n", "")
    out = run(_plan(tmp_path, text))
    assert sorted(d.code for d in out.errors) == ["E015", "E110"]


def test_tutorial_shows_every_progress_key() -> None:
    """Tests that the tutorial plan uses every key of [progress.*] and the status date."""
    from hsso_plan.model import KNOWN_KEYS

    text = "".join(p.read_text(encoding="utf-8")
                   for p in [PLANS / "tutorial.toml", *sorted((PLANS / "tutorial").glob("*"))])
    for key in [*KNOWN_KEYS["progress"], "status_date"]:
        assert f"{key} =" in text or f"# {key} =" in text, key
    assert run(PLANS / "tutorial.toml").ok
