"""Baselines: hostile baseline files, variance in working days, the keys in every schedule
format, the plan's default baseline (E005), and stable re-levelling."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hsso_plan import baseline
from hsso_plan.app import run
from hsso_plan.calendars import WorkCalendar
from hsso_plan.cli import app
from hsso_plan.render.schedule_json import render
from hsso_plan.scheduling import Options, make_calendars

from .conftest import PlanFile

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "plans" / "example.toml"
REAL = ROOT / "plans" / "hsso-2017.toml"
runner = CliRunner()

PLAN = """
[project]
name = "Variance"
start = 2017-06-26
calendar = "on"

[calendar.on]
holidays = "CA-ON"

[task.a]
name = "A"
duration = 3

[task.b]
name = "B"
duration = 2
depends = ["a"]
"""


def _baseline_json(tasks: list[dict[str, str]], finish: str = "2017-06-30") -> str:
    return json.dumps({"project": {"name": "x", "start": "2017-06-26", "finish": finish},
                       "tasks": tasks})


@pytest.mark.parametrize("text,needle", [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "JSON object"),
    ('{"project": {}}', "no 'tasks' list"),
    ('{"tasks": [3]}', "tasks[0] must be an object"),
    ('{"tasks": [{"start": "2017-01-02", "finish": "2017-01-02"}]}', "no 'id'"),
    ('{"tasks": [{"id": "a", "start": "2017-02-30", "finish": "2017-03-01"}]}',
     "not a valid date"),
    ('{"tasks": [{"id": "a", "start": 20170102, "finish": "2017-01-02"}]}', "YYYY-MM-DD"),
    ('{"tasks": [{"id": "a", "start": "2017-01-03", "finish": "2017-01-02"}]}', "before"),
    ('{"tasks": [{"id": "a", "start": "2017-01-02", "finish": "2017-01-02"},'
     ' {"id": "a", "start": "2017-01-02", "finish": "2017-01-02"}]}', "twice"),
    ('{"project": [], "tasks": []}', "'project' must be an object"),
    ("[" * 100_000 + "]" * 100_000, "nests too deeply"),
])
def test_malformed_baseline_is_a_clear_error(text: str, needle: str) -> None:
    """Tests each kind of bad baseline: one message naming the file, never a traceback."""
    with pytest.raises(baseline.BaselineError) as e:
        baseline.parse(text.encode(), "b.json")
    assert needle in str(e.value) and str(e.value).startswith("b.json")
    assert not e.value.usage


def test_baseline_size_and_encoding_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests that an oversized or non-UTF-8 file is refused before it is parsed."""
    monkeypatch.setattr(baseline, "MAX_BYTES", 10)
    with pytest.raises(baseline.BaselineError, match="larger than"):
        baseline.parse(b'{"tasks": []}', "b.json")
    monkeypatch.undo()
    with pytest.raises(baseline.BaselineError, match="not UTF-8"):
        baseline.parse(b'{"tasks": ["\xff"]}', "b.json")


def test_workdays_between_counts_working_days() -> None:
    """Tests variance across a weekend and Family Day (Monday 2017-02-20)."""
    cal = WorkCalendar(dt.date(2017, 2, 13), region="CA-ON")
    d = dt.date
    assert baseline.workdays_between(cal, d(2017, 2, 17), d(2017, 2, 21)) == 1
    assert baseline.workdays_between(cal, d(2017, 2, 21), d(2017, 2, 17)) == -1
    assert baseline.workdays_between(cal, d(2017, 2, 13), d(2017, 2, 13)) == 0
    # A date off the calendar (a Saturday actual finish) still compares.
    assert baseline.workdays_between(cal, d(2017, 2, 18), d(2017, 2, 22)) == 1


def test_variance_per_task_and_project(plan_file: PlanFile) -> None:
    """Tests start and finish variance (positive = later), nulls for a task the baseline
    lacks, and the project's baseline finish and variance."""
    p = plan_file(PLAN)
    b = plan_file(_baseline_json([{"id": "a", "start": "2017-06-23", "finish": "2017-06-27"},
                                  {"id": "gone", "start": "2017-06-23",
                                   "finish": "2017-06-23"}], "2017-06-29"), "b.json")
    r = runner.invoke(app, ["schedule", str(p), "-f", "json", "--baseline", str(b)])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    a, bb = doc["tasks"]
    # a: 2017-06-26..28 against 06-23..27: one working day later at each end.
    assert (a["baseline_start"], a["start_variance"], a["finish_variance"]) == \
        ("2017-06-23", 1, 1)
    assert {k: bb[k] for k in ("baseline_start", "baseline_finish", "start_variance",
                               "finish_variance")} == dict.fromkeys(
        ("baseline_start", "baseline_finish", "start_variance", "finish_variance"))
    # b finishes 2017-06-30; baseline 06-29: +1.
    assert doc["project"]["baseline_finish"] == "2017-06-29"
    assert doc["project"]["finish_variance"] == 1


def test_keys_only_with_a_baseline() -> None:
    """Tests that without a baseline no variance key appears (golden files unchanged)."""
    doc = json.loads(runner.invoke(app, ["schedule", str(EXAMPLE), "-f", "json"]).stdout)
    assert "baseline_finish" not in doc["project"]
    assert "start_variance" not in doc["tasks"][0]


def test_csv_and_table_show_variance(tmp_path: Path) -> None:
    """Tests the variance columns of CSV and the table with the example's own baseline."""
    b = tmp_path / "b.json"
    assert runner.invoke(app, ["schedule", str(EXAMPLE), "-f", "json", "-o", str(b)]
                         ).exit_code == 0
    r = runner.invoke(app, ["schedule", str(EXAMPLE), "-f", "csv", "--baseline", str(b)])
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows[0]["baseline_start"] == rows[0]["start"] and rows[0]["finish_variance"] == "0"
    out = tmp_path / "t.txt"
    r = runner.invoke(app, ["schedule", str(EXAMPLE), "--baseline", str(b), "-o", str(out),
                            "--width", "160"])
    text = out.read_text(encoding="utf-8")
    assert "Baseline finish" in text and "Var" in text
    assert "baseline finish 2017-05-03, +0 working days" in text
    r = runner.invoke(app, ["schedule", str(EXAMPLE), "--baseline", str(b), "--columns",
                            "id,variance,baseline_finish", "--width", "40"])
    head = next(x for x in r.stdout.splitlines() if x.startswith("ID"))
    assert head.split() == ["ID", "Var", "Baseline", "finish"]  # the order asked for
    r = runner.invoke(app, ["schedule", str(EXAMPLE), "--baseline", str(b), "--width", "80"])
    assert "Not shown at 80 columns:" in r.stdout and "Baseline finish, Var" in r.stdout


@pytest.mark.parametrize("fmt", ["terminal", "markdown", "json"])
def test_report_against_the_baseline(fmt: str, tmp_path: Path) -> None:
    """Tests report --baseline: the finish variance and the slipped tasks, milestones
    first, in each format that shows them."""
    b = tmp_path / "b.json"
    doc = json.loads(runner.invoke(app, ["schedule", str(EXAMPLE), "-f", "json"]).stdout)
    for t in doc["tasks"]:
        if t["id"] in ("nsm-transfer", "ad-sync"):
            t["start"] = t["finish"] = "2017-01-09"  # both finish later than this now
    b.write_text(json.dumps(doc), encoding="utf-8")
    r = runner.invoke(app, ["report", str(EXAMPLE), "-f", fmt, "--baseline", str(b),
                            "--section", "summary"])
    assert r.exit_code == 0, r.output
    if fmt == "json":
        got = json.loads(r.stdout)["baseline"]
        assert [s["id"] for s in got["slipped"]] == ["nsm-transfer", "ad-sync"]
        assert got["slipped"][0]["finish_variance"] > 0 and got["finish_variance"] == 0
    else:
        text = r.stdout
        assert "Against the baseline" in text
        assert text.index("nsm-transfer") < text.index("ad-sync")


def test_cli_exit_codes(tmp_path: Path) -> None:
    """Tests a missing baseline (usage, 2) and a malformed one (1), each naming the file."""
    r = runner.invoke(app, ["schedule", str(EXAMPLE), "--baseline", str(tmp_path / "no.json")])
    assert r.exit_code == 2 and "no.json" in r.stderr
    bad = tmp_path / "bad.json"
    bad.write_text('{"tasks": [{"id": "x"', encoding="utf-8")
    r = runner.invoke(app, ["report", str(EXAMPLE), "--baseline", str(bad)])
    assert r.exit_code == 1 and f"{bad}:1:" in r.stderr
    assert "Traceback" not in r.output


def test_plan_default_baseline(tmp_path: Path) -> None:
    """Tests project.baseline: read relative to the plan; a bad one is E005 at the key."""
    plan = tmp_path / "p.toml"
    (tmp_path / "base").mkdir()
    plan.write_text(PLAN.replace('calendar = "on"\n', 'calendar = "on"\n'
                                 'baseline = "base/b.json"\n', 1), encoding="utf-8")
    (tmp_path / "base" / "b.json").write_text(_baseline_json([]), encoding="utf-8")
    out = run(plan)
    assert out.ok and out.baseline is not None
    v = out.variance()
    assert v is not None and v.finish_variance == 0
    (tmp_path / "base" / "b.json").write_text("nope", encoding="utf-8")
    out = run(plan)
    assert [(d.code, d.line) for d in out.diagnostics] == [("E005", 6)]
    assert "base/b.json" in out.diagnostics[0].message


def _site_moved(sites: Path, site: str, old: str, new: str) -> None:
    text = sites.read_text(encoding="utf-8")
    block = re.search(rf"\[site\.{site}\][^\[]*", text)
    assert block is not None and f"date = {old}" in block.group(0)
    sites.write_text(text.replace(block.group(0), block.group(0).replace(
        f"date = {old}", f"date = {new}")), encoding="utf-8")


def test_stable_relevelling_on_the_real_plan(tmp_path: Path) -> None:
    """Tests that with its own schedule as baseline the real plan keeps every date, and
    that moving one site's transfer a week moves nothing at other sites with the baseline
    (without one, levelling reshuffles tasks elsewhere)."""
    shutil.copytree(REAL.parent, tmp_path / "plans")
    plan = tmp_path / "plans" / REAL.name
    s0 = run(plan).schedule
    assert s0 is not None
    b = baseline.parse(render(s0).encode(), "b")
    same = run(plan, options=Options(baseline=b)).schedule
    assert same is not None
    assert [(t.start, t.finish) for t in same.tasks] == [(t.start, t.finish) for t in s0.tasks]
    _site_moved(tmp_path / "plans" / "hsso-2017" / "sites.toml", "esc", "2017-06-21",
                "2017-06-28")

    def elsewhere(opts: Options | None) -> int:
        s = run(plan, options=opts).schedule
        assert s is not None
        return sum(1 for t in s.tasks if (t.start, t.finish) != b.tasks[t.id]
                   and re.match(r"(sw|ww|hnhb|cw|mh|tc|c|ce|se|champlain|nsm|ne|nw)-", t.id))

    assert elsewhere(Options(baseline=b)) == 0
    assert elsewhere(None) > 0


def test_variance_uses_the_default_calendar(plan_file: PlanFile) -> None:
    """Tests that compare() counts in the calendar it is given (the project default)."""
    p = plan_file(PLAN)
    out = run(p)
    assert out.schedule is not None and out.loaded.plan is not None
    b = baseline.Baseline("b", dt.date(2017, 6, 30), {"b": (dt.date(2017, 6, 29),
                                                              dt.date(2017, 6, 30))})
    v = baseline.compare(out.schedule, b, make_calendars(out.loaded.plan)[None])
    # b runs 2017-06-29..30 in both: no variance; the project finish equals too.
    assert v.of(1).start_variance == 0 and v.finish_variance == 0


def test_bundled_january_baseline() -> None:
    """Tests the real plan's January 2017 baseline: it loads, covers every task, and the
    plan now finishes later than it (transfers, fixed by start_on, do not move)."""
    b = baseline.load(ROOT / "plans" / "hsso-2017" / "baseline-2017-01.json")
    out = run(REAL, options=Options(baseline=b))
    assert out.ok and out.schedule is not None
    v = out.variance()
    assert v is not None and v.finish_variance is not None and v.finish_variance > 0
    assert all(tv.finish_variance is not None for tv in v.tasks)
    moved = {t.id for t, tv in zip(out.schedule.tasks, v.tasks, strict=True)
             if tv.finish_variance}
    assert not any(t.endswith("-transfer") for t in moved)
