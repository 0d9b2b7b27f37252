"""Reports honest about the present and a critical path that means something: readiness
from progress, deadline statuses, the look-ahead, the driving path and near-critical work,
the executive terminal page and its appendices, table alignment, owner and note in JSON."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hsso_plan.app import run
from hsso_plan.cli import app
from hsso_plan.render import html_report, markdown_report, terminal_report
from hsso_plan.render.report_model import Report, ReportOptions, build
from hsso_plan.render.report_model.present import deadline_status, is_done
from hsso_plan.schedule import Driver, ScheduledTask

ROOT = Path(__file__).resolve().parent.parent
STATUS_PLAN = ROOT / "plans" / "hsso-2017-status.toml"
REAL = ROOT / "plans" / "hsso-2017.toml"
TUTORIAL = ROOT / "plans" / "tutorial.toml"
runner = CliRunner()


@cache
def _report(plan: Path = STATUS_PLAN, near: int = 5, lookahead: int = 10,
            as_of: dt.date | None = None) -> Report:
    out = run(plan)
    assert out.schedule is not None and out.loaded.plan is not None
    return build(out.loaded.plan, out.schedule, out.migration, out.diagnostics,
                 ReportOptions(near_critical=near, lookahead=lookahead, as_of=as_of),
                 out.index)


def _task(finish: dt.date, deadline: dt.date | None, status: str | None = None,
          total_float: int | None = 10) -> ScheduledTask:
    return ScheduledTask("t", "T", finish, finish, 1, False, 0, 0, finish, finish, total_float,
                         False, Driver("project-start"), deadline, status=status,
                         actual_finish=finish if status == "done" else None)


D = dt.date


@pytest.mark.parametrize(("finish", "deadline", "status", "missed", "slack", "want"), [
    # done: met only when finished by the deadline
    (D(2017, 3, 1), D(2017, 3, 31), "done", False, 22, "met"),
    (D(2017, 4, 3), D(2017, 3, 31), "done", False, -1, "missed"),
    # not done: the deadline has passed, or the schedule projects it late
    (D(2017, 3, 30), D(2017, 3, 31), "in progress", False, 1, "missed"),  # as of Apr 21
    (D(2017, 6, 1), D(2017, 5, 31), "not started", True, -1, "missed"),
    # not done, ahead: at risk from the slack to the deadline, else on track
    (D(2017, 5, 26), D(2017, 5, 31), "not started", False, 3, "at risk"),
    (D(2017, 5, 24), D(2017, 5, 31), "not started", False, 5, "at risk"),
    (D(2017, 5, 23), D(2017, 5, 31), "not started", False, 6, "on track"),
])
def test_deadline_status(finish: dt.date, deadline: dt.date, status: str, missed: bool,
                         slack: int, want: str) -> None:
    """Tests the deadline rule: met only when done by it; missed when done late, passed
    undone or projected late; at risk at a slack of 5 working days or less; else on track."""
    t = _task(finish, deadline, status)
    assert deadline_status(t, D(2017, 4, 21), True, missed, 5, slack) == want


def test_deadline_ahead_is_not_met_in_a_plan_without_progress() -> None:
    """Tests that a deadline months ahead is not "met" in a plan without progress, and that
    a task planned to finish by the as-of date counts as done there."""
    t = _task(D(2017, 3, 1), D(2017, 3, 31), None)
    assert deadline_status(t, D(2016, 12, 7), False, False, 5, 22) == "on track"
    assert deadline_status(t, D(2017, 3, 1), False, False, 5, 22) == "met"
    assert is_done(t, D(2017, 3, 1), False) and not is_done(t, D(2017, 2, 28), False)
    # in a tracked plan only progress makes a task done, whatever the dates say
    assert not is_done(_task(D(2017, 3, 1), None, "not started"), D(2017, 4, 21), True)


def test_status_plan_readiness_comes_from_progress() -> None:
    """Tests the bundled status plan (as of 2017-04-21): done counts are the readiness tasks
    whose progress says done; a site with work late to start is behind and AMBER, not GREEN,
    although its float is over 10 days."""
    r = _report()
    out = run(STATUS_PLAN)
    assert out.schedule is not None and out.index is not None
    status = {t.id: t.status for t in out.schedule.tasks}
    assert r.as_of == D(2017, 4, 21) and r.summary.status_date == D(2017, 4, 21)
    for row in r.readiness:
        items = [x.task for x in out.index.readiness[row.transfer]]
        assert row.done == sum(status[i] == "done" for i in items)
        assert row.done + row.remaining == row.tasks
    by = {x.transfer: x for x in r.readiness}
    for site in ("ce", "esc", "nw"):
        row = by[f"{site}-transfer"]
        assert row.behind and row.rag == "amber" and row.float_days is not None
        assert row.float_days >= 10  # green by float alone
    assert by["nsm-transfer"].done == 10 and by["nsm-transfer"].rag == "green"
    assert r.summary.late_tasks == 3
    assert {i.id for i in r.issues if i.kind == "late"} == {
        "ce-dashboards", "esc-dashboards", "nw-file-shares"}


def test_status_plan_deadlines() -> None:
    """Tests the status plan's deadlines: the readiness assessment, done on 2017-03-01, is
    met; clinical leadership, due 2018-02-09 and projected for 2017-11-10, is on track."""
    r = _report()
    st = {d.id: (d.status, d.met, d.slack) for d in r.deadlines}
    assert st["readiness-assessment"][:2] == ("met", True)
    assert st["clinical-leadership-in-place"][:2] == ("on track", False)
    slack = st["clinical-leadership-in-place"][2]
    assert slack is not None and slack > 5
    plain = _report(REAL)  # the plan as planned: nothing is done on its start date
    assert {d.status for d in plain.deadlines} == {"on track"}
    assert plain.summary.deadlines_met == 0


def test_driving_path_to_the_finish() -> None:
    """Tests the driving path: each task is driven by the one before it, the last finishes
    the project, and it alone is critical in the Gantt; fixed-date transfer milestones off
    the path are not critical although their float is 0 by definition."""
    r = _report(REAL)
    out = run(REAL)
    assert out.schedule is not None
    by_id = {t.id: t for t in out.schedule.tasks}
    path = r.summary.driving_path
    assert path and by_id[path[-1]].finish == out.schedule.finish
    for a, b in itertools.pairwise(path):
        assert by_id[b].driver.kind == "dependency" and by_id[b].driver.task == a
    assert r.summary.driving_root == by_id[path[0]].driver.kind
    critical = {x.id for x in r.gantt_full if x.kind != "workstream" and x.critical}
    assert critical == set(path)
    fixed_zero = [x for x in r.gantt_full if x.fixed and x.total_float == 0]
    assert any(not x.critical and not x.near_critical for x in fixed_zero)
    assert len(path) < sum(t.critical for t in out.schedule.tasks)


def test_near_critical_threshold() -> None:
    """Tests --near-critical: rows with float at most the threshold, never a fixed date or
    a driving task; a larger threshold marks more."""
    r0, r5, r30 = _report(REAL, near=0), _report(REAL, near=5), _report(REAL, near=30)
    for r, n in ((r0, 0), (r5, 5), (r30, 30)):
        near = [x for x in r.gantt_full if x.near_critical]
        assert all(x.total_float is not None and x.total_float <= n for x in near)
        assert not any(x.fixed or x.critical for x in near)
        assert r.summary.near_critical == len(near)
    assert r0.summary.near_critical < r5.summary.near_critical < r30.summary.near_critical


def test_lookahead_window() -> None:
    """Tests the look-ahead: late tasks first, then tasks due to start or finish in the next
    10 working days after the status date (Friday 2017-04-21: Apr 24 to May 5), by date."""
    r = _report()
    assert r.lookahead_window == (D(2017, 4, 24), D(2017, 5, 5))
    kinds = [x.kind for x in r.lookahead]
    assert kinds[:3] == ["late"] * 3 and "late" not in kinds[3:]
    due = r.lookahead[3:]
    assert due and all(D(2017, 4, 24) <= x.date <= D(2017, 5, 5) for x in due)
    assert [x.date for x in due] == sorted(x.date for x in due)
    assert any(x.note == "Waiting on the Thunder Bay file server" for x in r.lookahead)
    short = _report(lookahead=1)
    assert short.lookahead_window == (D(2017, 4, 24), D(2017, 4, 24))
    assert all(x.kind == "late" or x.date == D(2017, 4, 24) for x in short.lookahead)


def test_default_terminal_report_is_the_executive_page() -> None:
    """Tests the default terminal report of the real plan at 80 columns: the executive page
    and the look-ahead, far shorter than every section, with a footer naming the appendices;
    --detail shows them."""
    env = {"NO_COLOR": "1"}
    short = runner.invoke(app, ["report", str(STATUS_PLAN), "--width", "80"], env=env)
    full = runner.invoke(app, ["report", str(STATUS_PLAN), "--width", "80", "--detail"],
                         env=env)
    assert short.exit_code == 0 and full.exit_code == 0
    lines = short.stdout.splitlines()
    assert len(lines) < 120 < len(full.stdout.splitlines())
    assert max(len(x) for x in lines) <= 80
    head = "\n".join(lines[:20])
    assert "Driven by" in head and "Status date" in head and "Top issues" in head
    assert "Critical path length" not in short.stdout
    assert "Appendices not shown: deadlines, problems" in short.stdout
    assert "Service coverage" not in short.stdout and "Service coverage" in full.stdout
    assert "Appendices not shown" not in full.stdout
    chosen = runner.invoke(app, ["report", str(STATUS_PLAN), "--section", "coverage"],
                           env=env)
    assert "Service coverage" in chosen.stdout and "Appendices" not in chosen.stdout


def test_terminal_gantt_marks_only_driving_rows() -> None:
    """Tests that the terminal Gantt's ! marks only rows on the driving path."""
    r = _report(REAL)
    text = terminal_report.to_text(r, 100)
    marked = [line for line in text.splitlines()
              if re.search(r" ! +\S", line) and "drives the finish" not in line]
    driving_ws = [x for x in r.gantt if x.critical]
    assert len(marked) == len(driving_ws) < len(r.gantt) // 2


def test_numbers_are_right_aligned_under_their_headers() -> None:
    """Tests that number columns and their headers are right-aligned in HTML (th and td
    of one class), in Markdown (--:) and in the terminal."""
    r = _report()
    html = html_report.render(r)
    table = html[html.index('<section id="readiness"'):]
    table = table[:table.index("</table>")]
    heads = re.findall(r"<th scope=\"col\"( class=num)?>([^<]*)</th>", table)
    assert ("class=num" in heads[2][0], heads[2][1]) == (True, "Done")
    assert heads[1] == ("", "Site")
    assert '<td class="num">10</td>' in table
    md = markdown_report.render(r)
    assert "|---|---|--:|--:|--:|--:|---|" in md
    text = terminal_report.to_text(r, 80)
    row = next(x for x in text.splitlines() if x.startswith("May 3, 2017"))
    head = next(x for x in text.splitlines() if x.startswith("Date ") and "Done" in x)
    assert row.index("10/10") + len("10/10") == head.index("Done") + len("Done")


def test_html_appendices_are_folded() -> None:
    """Tests that the HTML report opens on the executive part and folds each appendix."""
    html = html_report.render(_report())
    assert html.index('id="summary"') < html.index('id="readiness"') < html.index('id="gantt"')
    assert re.search(r'<section id="coverage"[^>]*><details class="appendix"><summary>', html)
    assert not re.search(r'<section id="summary"[^>]*><details', html)
    assert "<details open" not in html


def test_owner_and_note_in_json() -> None:
    """Tests that the plan's owner and note reach the schedule JSON (owner, task_note) and
    the report's look-ahead (the tutorial's training tasks have an owner)."""
    r = runner.invoke(app, ["schedule", str(TUTORIAL), "-f", "json"])
    assert r.exit_code == 0
    tasks = {t["id"]: t for t in json.loads(r.stdout)["tasks"]}
    assert tasks["east-training"]["owner"] == "Site training lead"
    assert "owner" not in tasks["east-email"]
    assert tasks["east-email"]["note"]  # the progress note stays where it was
    rep = runner.invoke(app, ["report", str(TUTORIAL), "-f", "json", "--section",
                              "lookahead", "--iterations", "100"])
    look = json.loads(rep.stdout)["lookahead"]
    assert look["days"] == 10 and look["window"] == ["2017-03-13", "2017-03-24"]
    assert {x["owner"] for x in look["tasks"]} >= {"Site training lead", None}


def test_terminal_gantt_draws_the_status_date() -> None:
    """Tests that the terminal Gantt draws the status date (┊) in one column of the rows
    that are empty there, and that a plan without progress has no such line."""
    text = terminal_report.to_text(_report(), 80)
    rows = [x for x in text.splitlines() if "┊" in x and "drives the finish" not in x]
    assert len(rows) >= 3 and len({x.index("┊") for x in rows}) == 1
    assert "┊" not in terminal_report.to_text(_report(REAL), 80)
