"""MS Project XML: import reproduces MS Project's dates; export and import round-trip."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from typer.testing import CliRunner

from hsso_plan.app import run
from hsso_plan.cli import app
from hsso_plan.interchange import mspdi, mspdi_export
from hsso_plan.model import Plan
from hsso_plan.plan_index import PlanIndex
from hsso_plan.scheduling import Options, make_calendars

from .conftest import data_file, needs_bench
from .test_progress_properties import tracked_plans
from .test_properties import _write

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
        # mspditimephasedsegments.xml has two tasks under way on a one-unit resource on the
        # same days: MS Project over-allocates, the plan format reports it (E042, located)
        allowed = {"E040", "E042"} if src.name == "mspditimephasedsegments.xml" else {"E040"}
        assert {d.code for d in out.errors} <= allowed, (src.name, out.errors)


def test_links_lags_and_types(tmp_path: Path) -> None:
    """Tests the link mapping on mspdirelations.xml: SS with a one-day lag, FF, SF."""
    plan, _ = mspdi.import_project(data_file("mspdi", "mspdirelations.xml").read_bytes())
    deps = {tid: t.get("depends") for tid, t in plan["task"].items()}
    assert deps["task-3-3"] == [{"task": "task-2-2", "type": "SS", "lag": 1}]
    assert deps["task-4-4"] == [{"task": "task-3-3", "type": "FF", "lag": 0}]
    assert deps["task-5-5"] == [{"task": "task-4-4", "type": "SF", "lag": 0}]


@pytest.mark.parametrize("plan_name", ["hsso-2017.toml", "tutorial.toml", "example.toml",
                                       "hsso-2017-status.toml"])
def test_round_trip_keeps_every_date(plan_name: str, tmp_path: Path) -> None:
    """Tests export then import: the same tasks on the same dates (unlevelled and levelled
    for the example), ids, calendars, constraints, links and resources preserved."""
    src = ROOT / "plans" / plan_name
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


# ---- progress and baselines (issue 9) -----------------------------------------------------

#: Fields of the schedule JSON that export then import must keep (contract sections 4, 5).
KEPT = ("start", "finish", "status", "actual_start", "actual_finish", "remaining", "note",
        "baseline_start", "baseline_finish", "start_variance", "finish_variance")


def _schedule_json(plan: Path, *extra: str) -> dict[str, dict[str, object]]:
    r = runner.invoke(app, ["schedule", str(plan), "-f", "json", *extra])
    assert r.exit_code == 0, r.output
    return {t["id"]: t for t in json.loads(r.stdout)["tasks"]}


@pytest.mark.parametrize(("plan_name", "baseline"), [
    ("hsso-2017-status.toml", "hsso-2017/baseline-2017-01.json"),
    ("hsso-2017-status.toml", None), ("tutorial.toml", None)])
def test_progress_and_baseline_round_trip(plan_name: str, baseline: str | None,
                                          tmp_path: Path) -> None:
    """Tests export (with progress and a baseline) then import then schedule: every task on
    the same dates with the same status, actual dates, remaining work, baseline dates and
    variance; the imported plan names the baseline file the import wrote."""
    src = ROOT / "plans" / plan_name
    extra = ["--baseline", str(ROOT / "plans" / baseline)] if baseline else []
    xml, back, bl = tmp_path / "p.xml", tmp_path / "back.toml", tmp_path / "back-base.json"
    r = runner.invoke(app, ["export", str(src), "-o", str(xml), *extra])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["import", str(xml), "-o", str(back), "--baseline-out", str(bl)])
    assert r.exit_code == 0, r.output
    assert bl.exists() == (baseline is not None)
    if baseline is None:
        assert "no task has a Baseline" in r.stderr
    imported = tomllib.loads(back.read_text(encoding="utf-8"))
    assert imported["project"].get("baseline") == ("back-base.json" if baseline else None)
    want, got = _schedule_json(src, *extra), _schedule_json(back)
    assert any(t["status"] == "in progress" for t in want.values())
    assert any(t["status"] == "done" for t in want.values())
    diff = {k: [(f, t.get(f), got[k].get(f)) for f in KEPT if t.get(f) != got[k].get(f)]
            for k, t in want.items()}
    diff = {k: v for k, v in diff.items() if v}
    assert not diff, f"{len(diff)} of {len(want)} tasks differ: {list(diff.items())[:5]}"
    assert set(got) == set(want)


PROGRESS_PLAN = """\
[project]
name = "Progress"
start = 2017-01-02
status_date = 2017-01-11
[task.done]
name = "Done"
duration = 3
[task.under]
name = "Under way"
duration = 6
depends = ["done"]
[task.pct]
name = "Percent"
duration = 10
[task.late]
name = "Late to start"
duration = 2
[task.gate]
name = "Gate"
duration = 0
depends = ["late"]
[progress.done]
actual_start = 2017-01-02
actual_finish = 2017-01-05
[progress.under]
actual_start = 2017-01-09
remaining = 4
[progress.pct]
actual_start = 2017-01-10
percent_complete = 25
"""


def test_export_writes_actuals_percent_status_date_and_baseline(tmp_path: Path) -> None:
    """Tests the progress fields of the export: done (100%, actual dates, all its days
    actual), under way (days to the status date actual, the rest remaining, Duration the
    sum), not started (0%, a task the status date holds gets a Start No Earlier Than), the
    project's StatusDate; and Baseline 0 (start, finish, duration) per task of a baseline."""
    plan = tmp_path / "p.toml"
    plan.write_text(PROGRESS_PLAN, encoding="utf-8")
    base = tmp_path / "base.json"
    base.write_text(runner.invoke(app, ["schedule", str(as_planned_text(plan, tmp_path)),
                                        "-f", "json"]).stdout, encoding="utf-8")
    xml = tmp_path / "p.xml"
    r = runner.invoke(app, ["export", str(plan), "-o", str(xml), "--baseline", str(base)])
    assert r.exit_code == 0, r.output
    ns = {"p": mspdi.NS}
    root = ET.parse(xml).getroot()
    assert root.findtext("p:StatusDate", None, ns) == "2017-01-11T17:00:00"
    tasks = {el.findtext("p:Notes", "", ns).removeprefix(mspdi.ID_NOTE): el
             for el in root.iterfind("p:Tasks/p:Task", ns) if el.findtext("p:UID", "", ns) != "0"}

    def f(tid: str, tag: str) -> str | None:
        return tasks[tid].findtext(f"p:{tag}", None, ns)

    assert (f("done", "PercentComplete"), f("done", "ActualStart"), f("done", "ActualFinish"),
            f("done", "Duration"), f("done", "ActualDuration"), f("done", "RemainingDuration")) \
        == ("100", "2017-01-02T08:00:00", "2017-01-05T17:00:00", "PT32H0M0S", "PT32H0M0S",
            "PT0H0M0S")
    # under way: Mon 9 .. Wed 11 done (3 days), 4 left: Thu 12 .. Tue 17
    assert (f("under", "PercentComplete"), f("under", "ActualStart"), f("under", "ActualFinish"),
            f("under", "Duration"), f("under", "ActualDuration"),
            f("under", "RemainingDuration"), f("under", "Finish")) \
        == ("42", "2017-01-09T08:00:00", None, "PT56H0M0S", "PT24H0M0S", "PT32H0M0S",
            "2017-01-17T17:00:00")
    # 25% of 10 days: 8 left; 2 days done (Tue 10, Wed 11)
    assert (f("pct", "ActualDuration"), f("pct", "RemainingDuration"), f("pct", "Duration")) \
        == ("PT16H0M0S", "PT64H0M0S", "PT80H0M0S")
    assert (f("late", "PercentComplete"), f("late", "ActualStart"), f("late", "ConstraintType"),
            f("late", "ConstraintDate")) == ("0", None, "4", "2017-01-12T08:00:00")
    baseline = tasks["under"].find("p:Baseline", ns)
    assert baseline is not None
    assert [(c.tag.split("}")[1], c.text) for c in baseline] == [
        ("Number", "0"), ("Start", "2017-01-05T08:00:00"), ("Finish", "2017-01-12T17:00:00"),
        ("Duration", "PT48H0M0S"), ("DurationFormat", "7")]
    gate = tasks["gate"].find("p:Baseline", ns)
    assert gate is not None and gate.findtext("p:Duration", None, ns) == "PT0H0M0S"
    assert gate.findtext("p:Finish", None, ns) == gate.findtext("p:Start", None, ns)
    r = runner.invoke(app, ["export", str(plan), "-o", str(xml)])  # no baseline: none written
    assert r.exit_code == 0 and "<Baseline>" not in xml.read_text(encoding="utf-8")


def as_planned_text(plan: Path, tmp: Path) -> Path:
    """``plan`` without its status date and progress tables (one file)."""
    text = re.sub(r"^status_date = .*\n", "", plan.read_text(encoding="utf-8"), flags=re.M)
    out = tmp / "planned.toml"
    out.write_text(re.split(r"^\[progress\.", text, flags=re.M)[0], encoding="utf-8")
    return out


def _xml(tasks: str, head: str = "<StatusDate>2017-01-11T17:00:00</StatusDate>") -> str:
    return (f'<?xml version="1.0"?><Project xmlns="{mspdi.NS}"><Name>P</Name>'
            f"<StartDate>2017-01-02T08:00:00</StartDate>{head}<Tasks>{tasks}</Tasks>"
            "</Project>")


def _t(uid: int, name: str, body: str, duration: str = "PT40H0M0S") -> str:
    return f"<Task><UID>{uid}</UID><Name>{name}</Name><Duration>{duration}</Duration>" \
           f"{body}</Task>"


def test_import_reads_progress_and_lists_what_has_no_equivalent(tmp_path: Path) -> None:
    """Tests the import of an MS Project file with progress: done, under way by remaining
    duration and by percent, a done milestone; work, cost and timephased actuals, a percent
    on a task not started, Baselines 1-10 and baseline cost listed (each once, with the
    tasks); Baseline 0 written as a baseline file that `--baseline` reads."""
    tasks = "".join([
        _t(1, "Done", "<ActualStart>2017-01-02T08:00:00</ActualStart>"
           "<ActualFinish>2017-01-06T17:00:00</ActualFinish><ActualWork>PT40H0M0S</ActualWork>"
           "<Baseline><Number>0</Number><Start>2017-01-02T08:00:00</Start>"
           "<Finish>2017-01-06T17:00:00</Finish><Cost>100</Cost></Baseline>"
           "<Baseline><Number>3</Number><Start>2017-01-02T08:00:00</Start></Baseline>"),
        _t(2, "Under", "<PercentComplete>60</PercentComplete>"
           "<ActualStart>2017-01-09T08:00:00</ActualStart>"
           "<RemainingDuration>PT16H0M0S</RemainingDuration><ActualCost>5</ActualCost>"),
        _t(3, "Percent", "<PercentComplete>25</PercentComplete>"
           "<ActualStart>2017-01-10T08:00:00</ActualStart>"),
        _t(4, "Gate", "<Milestone>1</Milestone><ActualStart>2017-01-03T08:00:00</ActualStart>"
           "<ActualFinish>2017-01-03T08:00:00</ActualFinish>", "PT0H0M0S"),
        _t(5, "Later", "<PercentComplete>10</PercentComplete><Milestone>1</Milestone>"
           "<Baseline><Number>0</Number><Start>2017-01-13T17:00:00</Start>"
           "<Finish>2017-01-13T17:00:00</Finish></Baseline>", "PT0H0M0S"),
    ])
    src, out, bl = tmp_path / "p.xml", tmp_path / "p.toml", tmp_path / "b.json"
    src.write_text(_xml(tasks), encoding="utf-8")
    r = runner.invoke(app, ["import", str(src), "-o", str(out), "--baseline-out", str(bl)])
    assert r.exit_code == 0, r.output
    plan = tomllib.loads(out.read_text(encoding="utf-8"))
    assert plan["project"]["status_date"] == dt.date(2017, 1, 11)
    assert plan["project"]["baseline"] == "b.json"
    assert plan["progress"] == {
        "done-1": {"actual_start": dt.date(2017, 1, 2), "actual_finish": dt.date(2017, 1, 6)},
        "under-2": {"actual_start": dt.date(2017, 1, 9), "remaining": 2},
        "percent-3": {"actual_start": dt.date(2017, 1, 10), "percent_complete": 25},
        "gate-4": {"actual_start": dt.date(2017, 1, 3), "actual_finish": dt.date(2017, 1, 3)}}
    head = out.read_text(encoding="utf-8").split("\n\n")[0]
    for listed in ("actual work on 1 entry ('done-1')", "actual cost on 1 entry ('under-2')",
                   "Baselines 1 to 10", "baseline work and cost on 1 entry ('done-1')",
                   "a percent complete without an actual start on 1 entry ('later-5')"):
        assert f"# Left out or approximated: {listed}" in head, head
    base = json.loads(bl.read_text(encoding="utf-8"))
    # the milestone's baseline at 17:00 on Friday is the start of Monday
    assert [(t["id"], t["start"], t["finish"]) for t in base["tasks"]] == [
        ("done-1", "2017-01-02", "2017-01-06"), ("later-5", "2017-01-16", "2017-01-16")]
    sched = _schedule_json(out)
    assert (sched["under-2"]["status"], sched["under-2"]["finish"]) == ("in progress",
                                                                        "2017-01-13")
    assert sched["done-1"]["baseline_finish"] == "2017-01-06"
    assert sched["gate-4"]["status"] == "done"


def test_import_status_date_missing_or_before_actuals(tmp_path: Path) -> None:
    """Tests that a file with actuals but no StatusDate takes its latest actual date, and
    one whose actuals run past the StatusDate moves it there; both listed."""
    body = _t(1, "A", "<ActualStart>2017-01-09T08:00:00</ActualStart>"
              "<ActualFinish>2017-01-12T17:00:00</ActualFinish>")
    for head, note in (("", "no StatusDate"), ("<StatusDate>2017-01-10T17:00:00</StatusDate>",
                                               "after the StatusDate 2017-01-10")):
        got = mspdi.read_project(_xml(body, head).encode())
        assert got.plan["project"]["status_date"] == dt.date(2017, 1, 12)
        assert any(note in n for n in got.notes), got.notes
    got = mspdi.read_project(_xml(_t(1, "A", ""), "").encode())
    assert "status_date" not in got.plan["project"] and "progress" not in got.plan


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tracked_plans(resources=True))
def test_random_progress_survives_export_then_import(doc: dict[str, Any]) -> None:
    """Tests, on random plans with resources (levelled) and random progress (done, under
    way by default, remaining or percent, actual dates off the calendar, notes), that export
    then import then schedule gives every task the same dates, status, actual dates,
    remaining work and note."""
    path, _ = _write(doc)
    before = run(path)
    assert before.schedule is not None and before.loaded.plan is not None
    xml = mspdi_export.export(PlanIndex(before.loaded.plan, make_calendars(before.loaded.plan)),
                              before.schedule)
    got = mspdi.read_project(xml.encode())
    back = path.with_name("back.toml")
    back.write_text(mspdi.plan_text(got.plan, got.notes, "p.xml"), encoding="utf-8")
    after = run(back)
    assert after.schedule is not None, after.errors

    def kept(o: Any) -> dict[str, tuple[object, ...]]:
        return {t.id: (t.start, t.finish, t.status, t.actual_start, t.actual_finish,
                       t.remaining, t.note) for t in o.schedule.tasks}

    assert kept(after) == kept(before)
