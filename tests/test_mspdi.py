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

from .conftest import data_file, needs_bench

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


def _as_planned(src: Path, tmp_path: Path) -> Path:
    """A copy of ``src`` (and its folder of included files) without its status date and
    [progress.*] tables."""
    import re
    import shutil

    shutil.copytree(src.with_suffix(""), tmp_path / src.stem)
    text = re.sub(r"^status_date = .*\n", "", src.read_text(encoding="utf-8"), flags=re.M)
    text = re.sub(r"^\[progress\.[^\]]+\][^\[]*", "", text, flags=re.M)
    out = tmp_path / src.name
    out.write_text(text, encoding="utf-8")
    return out


@pytest.mark.parametrize("plan_name", ["hsso-2017.toml", "tutorial.toml", "example.toml"])
def test_round_trip_keeps_every_date(plan_name: str, tmp_path: Path) -> None:
    """Tests export then import: the same tasks on the same dates (unlevelled and levelled
    for the example), ids, calendars, constraints, links and resources preserved."""
    src = ROOT / "plans" / plan_name
    if plan_name == "tutorial.toml":  # the plan as planned: MSPDI export carries no progress
        src = _as_planned(src, tmp_path)
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
    assert r.exit_code == 1 and "FF dependency" in r.stderr  # TaskJuggler cannot say FF
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
