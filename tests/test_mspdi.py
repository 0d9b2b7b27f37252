"""MS Project XML: import reproduces MS Project's dates; export and import round-trip."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hsso_plan.app import run
from hsso_plan.cli import app
from hsso_plan.interchange import mspdi, mspdi_export
from hsso_plan.model import Plan
from hsso_plan.plan_index import PlanIndex
from hsso_plan.scheduling import Options, make_calendars

from .conftest import as_planned, data_file, needs_bench

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
#: Samples without resource levelling or progress: MS Project's dates are pure scheduling.
SCHEDULING_SAMPLES = ["mspdirelations.xml", "task-links-project2003-mspdi.xml",
                      "task-links-project2019-mspdi.xml", "sample.xml",
                      "task-durations-project2019-mspdi.xml", "task-dates-project2019-mspdi.xml",
                      "mspdiduration.xml", "caltest.xml"]


def _index(plan: Plan) -> PlanIndex:
    return PlanIndex(plan, make_calendars(plan))


def _import(src: Path, tmp: Path) -> Path:
    plan, notes = mspdi.import_project(src.read_bytes())
    out = tmp / (src.stem + ".toml")
    out.write_text(mspdi.plan_text(plan, notes, src.name), encoding="utf-8")
    return out


@pytest.mark.parametrize("name", SCHEDULING_SAMPLES)
def test_imported_sample_schedules_like_ms_project(name: str, tmp_path: Path) -> None:
    """Tests that every imported task starts on the date MS Project saved for it."""
    src = data_file("mspdi", name)
    out = run(_import(src, tmp_path))
    assert out.schedule is not None and out.schedule.tasks
    saved = {}
    for el in ET.fromstring(src.read_bytes()).iter(f"{{{mspdi.NS}}}Task"):
        uid = el.findtext(f"{{{mspdi.NS}}}UID")
        start = el.findtext(f"{{{mspdi.NS}}}Start")
        if uid and start:
            saved[uid] = start[:10]
    for t in out.schedule.tasks:
        assert t.start.isoformat() == saved[t.id.rsplit("-", 1)[-1]], t.id


@pytest.mark.slow
def test_every_sample_imports_to_a_plan(tmp_path: Path) -> None:
    """Tests all MS Project samples (2002-2019): each becomes a plan that validates."""
    files = sorted(needs_bench("mspdi").glob("*.xml"))
    assert len(files) >= 19
    for src in files:
        out = run(_import(src, tmp_path))
        assert out.schedule is not None, src.name
        assert {d.code for d in out.errors} <= {"E040"}, (src.name, out.errors)


def test_links_lags_and_types(tmp_path: Path) -> None:
    """Tests the link mapping on mspdirelations.xml: SS with a one-day lag, FF, SF."""
    plan, _ = mspdi.import_project(data_file("mspdi", "mspdirelations.xml").read_bytes())
    deps = {tid: t.get("depends") for tid, t in plan["task"].items()}
    assert deps["task-3-3"] == [{"task": "task-2-2", "type": "SS", "lag": 1}]
    assert deps["task-4-4"] == [{"task": "task-3-3", "type": "FF", "lag": 0}]
    assert deps["task-5-5"] == [{"task": "task-4-4", "type": "SF", "lag": 0}]


@pytest.mark.parametrize("plan_name", ["hsso-2017.toml", "tutorial.toml", "example.toml"])
def test_round_trip_keeps_every_date(plan_name: str, tmp_path: Path) -> None:
    """Tests export then import: the same tasks on the same dates (unlevelled and levelled
    for the example), ids, calendars, constraints, links and resources preserved."""
    src = ROOT / "plans" / plan_name
    if plan_name == "tutorial.toml":  # the plan as planned: MSPDI export carries no progress
        src = as_planned(src, tmp_path)
    before = run(src, options=Options(levelling=False))
    assert before.schedule is not None and before.loaded.plan is not None
    xml = mspdi_export.export(_index(before.loaded.plan), before.schedule)
    back = tmp_path / "back.xml"
    back.write_text(xml, encoding="utf-8")
    after = run(_import(back, tmp_path), options=Options(levelling=False))
    assert after.schedule is not None
    got = {t.id: (t.start, t.finish) for t in after.schedule.tasks}
    want = {t.id: (t.start, t.finish) for t in before.schedule.tasks}
    assert got == want
    plan = after.loaded.plan
    assert plan is not None
    assert set(plan.resource) == set(before.loaded.plan.resource)


def test_cli_export_and_import(tmp_path: Path) -> None:
    """Tests the export and import commands, and a bad file."""
    xml = tmp_path / "x.xml"
    r = runner.invoke(app, ["export", str(ROOT / "plans" / "example.toml"), "-o", str(xml)])
    assert r.exit_code == 0 and xml.read_text().startswith("<?xml")
    toml = tmp_path / "x.toml"
    r = runner.invoke(app, ["import", str(xml), "-o", str(toml)])
    assert r.exit_code == 0
    assert runner.invoke(app, ["validate", str(toml)]).exit_code == 0
    r = runner.invoke(app, ["export", str(ROOT / "plans" / "example.toml"), "-f", "tjp"])
    assert r.exit_code == 0 and "task t5 " in r.stdout  # the FF link as an equal start link
    assert "note: 1 finish-to-finish" in r.stderr
    bad = tmp_path / "bad.xml"
    bad.write_text("<Project><Tasks>", encoding="utf-8")
    r = runner.invoke(app, ["import", str(bad)])
    assert r.exit_code == 1 and "not well-formed" in r.stderr
    other = tmp_path / "other.xml"
    other.write_text("<html/>", encoding="utf-8")
    r = runner.invoke(app, ["import", str(other)])
    assert r.exit_code == 1 and "not an MS Project" in r.stderr


def test_export_escapes_plan_text(tmp_path: Path) -> None:
    """Tests that names with markup are escaped in the XML."""
    p = tmp_path / "p.toml"
    p.write_text('[project]\nname = "A & <B>"\nstart = 2017-01-02\n[task.x]\n'
                 'name = "<script>"\nduration = 1\n', encoding="utf-8")
    out = run(p)
    assert out.schedule is not None and out.loaded.plan is not None
    xml = mspdi_export.export(_index(out.loaded.plan), out.schedule)
    ET.fromstring(xml.encode())  # well-formed
    assert "<script>" not in xml and "A &amp; &lt;B&gt;" in xml


def test_export_writes_readiness_calendars_availability_and_levelled_starts(
        tmp_path: Path) -> None:
    """Tests that the export carries what MS Project needs for our dates: readiness links on
    a transfer's milestone, task and resource calendars, capacity changes as availability
    periods, and a Start No Earlier Than on every task levelling moved."""
    src = Path(__file__).resolve().parents[1] / "plans" / "hsso-2017.toml"
    out = run(src)
    assert out.schedule is not None and out.loaded.plan is not None
    xml = tmp_path / "plan.xml"
    r = CliRunner().invoke(app, ["export", str(src), "-o", str(xml)])
    assert r.exit_code == 0, r.output
    ns = {"p": mspdi.NS}
    root = ET.parse(xml).getroot()
    by_note = {el.findtext("p:Notes", "", ns).removeprefix(mspdi.ID_NOTE): el
               for el in root.iterfind("p:Tasks/p:Task", ns)}
    moved = [t for t in out.schedule.tasks if t.delay is not None]
    assert moved
    for t in moved:
        el = by_note[t.id]
        assert el.findtext("p:ConstraintType", None, ns) in ("2", "4")
        if el.findtext("p:ConstraintType", None, ns) == "4":
            assert el.findtext("p:ConstraintDate", "", ns).startswith(t.start.isoformat())
    index = PlanIndex(out.loaded.plan)
    uid = {tid: el.findtext("p:UID", "", ns) for tid, el in by_note.items()}
    for trid in out.loaded.plan.transfer:
        on = index.transfer_milestone(trid)
        if on is None:
            continue
        preds = {x.findtext("p:PredecessorUID", "", ns)
                 for x in by_note[on].iterfind("p:PredecessorLink", ns)}
        assert {uid[i.task] for i in index.readiness[trid]} <= preds, trid
    multi = tmp_path / "multi.toml"
    multi.write_text('[project]\nname = "M"\nstart = 2017-01-02\n'
                     '[calendar.weekend]\nworkdays = ["sat", "sun"]\n'
                     '[resource.crew]\nname = "Crew"\ncapacity = 1\ncalendar = "weekend"\n'
                     'capacity_changes = [{ from = 2017-01-16, capacity = 2 }]\n'
                     '[task.b]\nname = "B"\nduration = 2\ncalendar = "weekend"\n',
                     encoding="utf-8")
    r = CliRunner().invoke(app, ["export", str(multi), "-o", str(xml)])
    assert r.exit_code == 0, r.output
    root = ET.parse(xml).getroot()
    names = {c.findtext("p:UID", "", ns): c.findtext("p:Name", "", ns)
             for c in root.iterfind("p:Calendars/p:Calendar", ns)}
    task = next(el for el in root.iterfind("p:Tasks/p:Task", ns)
                if el.findtext("p:Name", "", ns) == "B")
    res = root.find("p:Resources/p:Resource", ns)
    assert res is not None
    assert names[task.findtext("p:CalendarUID", "", ns)] == "weekend"
    assert names[res.findtext("p:CalendarUID", "", ns)] == "weekend"
    units = [a.findtext("p:AvailableUnits", "", ns)
             for a in res.iterfind("p:AvailabilityPeriods/p:AvailabilityPeriod", ns)]
    assert units == ["1.00", "2.00"]
