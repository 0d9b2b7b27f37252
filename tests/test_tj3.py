"""Dates equal TaskJuggler 3's: the bundled plans and random plans, exported and scheduled by
tj3 (the tj3 tests skip without `tj3`)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .tj3_support import (
    TJ3,
    differences,
    our_dates,
    random_tj_plan,
    scheduled,
    tj3_dates,
    tjp_text,
)

ROOT = Path(__file__).resolve().parents[1]
PLANS = sorted((ROOT / "plans").glob("*.toml"))
needs_tj3 = pytest.mark.skipif(TJ3 is None, reason="tj3 (Debian package tj3) not installed")


def _plan(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "plan.toml"
    p.write_text(text, encoding="utf-8")
    return p


@needs_tj3
@pytest.mark.slow
@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_bundled_plan_unlevelled_dates_equal_taskjuggler(plan: Path, tmp_path: Path) -> None:
    """Tests that every task of each bundled plan, scheduled as with --no-level, has tj3's
    start and finish."""
    out = scheduled(plan, levelling=False)
    theirs = tj3_dates(out, tmp_path)
    assert out.schedule is not None and len(theirs) == len(out.schedule.tasks)
    assert not differences(our_dates(out), theirs)


@needs_tj3
@pytest.mark.slow
@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_bundled_plan_levelled_export_schedules_in_taskjuggler(plan: Path,
                                                              tmp_path: Path) -> None:
    """Tests that tj3 accepts the levelled export of each bundled plan, schedules every task
    within the project, and (levelled starts being anchors) on our dates."""
    out = scheduled(plan)
    assert out.schedule is not None and out.schedule.levelled
    theirs = tj3_dates(out, tmp_path)
    lo = min(out.schedule.first_start, out.schedule.project_start)
    assert len(theirs) == len(out.schedule.tasks)
    assert all(lo <= s <= f <= out.schedule.finish for s, f in theirs.values())
    assert not differences(our_dates(out), theirs)


@needs_tj3
@pytest.mark.slow
@pytest.mark.parametrize("seed", range(12))
def test_dates_equal_taskjuggler(seed: int, tmp_path: Path) -> None:
    """Tests that every task's start and finish equal tj3's on a random FS/SS plan."""
    out = scheduled(_plan(tmp_path, random_tj_plan(seed)))
    assert out.ok
    assert not differences(our_dates(out), tj3_dates(out, tmp_path))


@needs_tj3
@pytest.mark.slow
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6), milestones=st.sampled_from([0.3, 0.6, 0.9]),
       calendars=st.booleans())
def test_all_link_types_and_milestone_links_equal_taskjuggler(
        seed: int, milestones: float, calendars: bool,
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests, on random plans with the four link types, negative lags, many milestones (so SS
    links join two milestones) and tasks on a second calendar, that tj3 accepts the export
    and gives our dates."""
    tmp = tmp_path_factory.mktemp("tj")
    out = scheduled(_plan(tmp, random_tj_plan(seed, 30, all_types=True,
                                              milestones=milestones, calendars=calendars)))
    assert out.ok
    assert not differences(our_dates(out), tj3_dates(out, tmp))


def test_milestone_links_are_written_from_the_end(tmp_path: Path) -> None:
    """Tests that an SS link from a milestone is written as a plain dependency (tj3 calls
    `onstart` between two milestones a dependency loop) and a task's SS link keeps it."""
    out = scheduled(_plan(tmp_path, '[project]\nname = "x"\nstart = 2017-01-02\n'
                          '[task.w]\nname = "Work"\nduration = 3\n'
                          '[task.a]\nname = "A"\nduration = 0\ndepends = ["w"]\n'
                          '[task.b]\nname = "B"\nduration = 0\n'
                          'depends = [{ task = "a", type = "SS", lag = 2 }]\n'
                          '[task.c]\nname = "C"\nduration = 2\n'
                          'depends = [{ task = "b", type = "SS" }, '
                          '{ task = "w", type = "SS", lag = 1 }]\n'))
    text = tjp_text(out)
    assert "depends t1 { gaplength 2d }" in text
    assert re.search(r"depends t2, t0 \{ onstart gaplength 1d \}", text)


def test_plan_features_map_to_taskjuggler(tmp_path: Path) -> None:
    """Tests the mapping of fixed starts, no-earlier-than dates, deadlines, FF links,
    resources with capacity, and a resource calendar (a shift); tj3 accepts it."""
    out = scheduled(_plan(tmp_path, (
        '[project]\nname = "x"\nstart = 2017-01-02\ncalendar = "c"\n'
        '[calendar.c]\nholidays = "CA-ON"\n'
        '[calendar.weekend]\nworkdays = ["sat", "sun"]\n'
        '[resource.it]\nname = "IT"\ncapacity = 2\ncalendar = "weekend"\n'
        'capacity_changes = [{ from = 2017-03-01, capacity = 1 }]\n'
        '[task.fix]\nname = "Fixed"\nduration = 0\nstart_on = 2017-01-10\n'
        '[task.a]\nname = "A"\nduration = 5\ndepends = ["fix"]\nuses = { it = 2 }\n'
        'start_no_earlier_than = 2017-01-16\nfinish_no_later_than = 2017-01-20\n'
        '[task.b]\nname = "B"\nduration = 2\n'
        'depends = [{ task = "a", type = "FF", lag = 1 }]\n')))
    text = tjp_text(out)
    assert "task t0 \"Fixed\" {\n  milestone\n  start 2017-01-10\n" in text
    assert "depends t0, nlt_2017_01_16" in text
    assert 'task nlt_2017_01_16 "no earlier than 2017-01-16" { start 2017-01-16 milestone }' \
        in text
    assert "maxend 2017-01-23-09:00" in text  # the working day after the deadline, 09:00
    assert "depends t1 { onstart gaplength 4d }" in text  # FF +1: s_b >= s_a + 5 + 1 - 2
    assert "# b: FF link from a (lag 1) written as: depends t1 { onstart gaplength 4d }" in text
    assert "allocate r0_1 { alternative r0_2 }, r0_2 { alternative r0_1 }" in text
    assert 'shift c0 "weekend" {\n  workinghours sat, sun 9:00 - 17:00\n' in text
    assert "macro c0 [shifts c0 2017-01-02 - " in text  # the weekend calendar over time
    assert "    ${c0}\n" in text
    assert "    leaves unpaid 2017-03-01 - " in text  # member 2 from the capacity change
    if TJ3 is not None:
        assert not differences(our_dates(out), tj3_dates(out, tmp_path))


def test_progress_maps_to_fixed_dates_and_now(tmp_path: Path) -> None:
    """Tests that the status date is `now`, a task done is fixed with complete 100, a task
    under way is fixed to its projected finish, and work not started waits for the day
    after the status date."""
    out = scheduled(_plan(tmp_path, (
        '[project]\nname = "x"\nstart = 2017-01-02\nstatus_date = 2017-01-13\n'
        '[task.a]\nname = "A"\nduration = 3\n'
        '[task.b]\nname = "B"\nduration = 10\ndepends = ["a"]\n'
        '[task.c]\nname = "C"\nduration = 2\n'
        '[progress.a]\nactual_start = 2017-01-02\nactual_finish = 2017-01-05\n'
        '[progress.b]\nactual_start = 2017-01-06\nremaining = 4\n')))
    text = tjp_text(out)
    assert "  now 2017-01-13-17:00\n" in text
    assert "  start 2017-01-02\n  end 2017-01-05-17:00\n  complete 100\n" in text
    assert "  start 2017-01-06\n  end 2017-01-19-17:00\n  complete 60\n" in text
    assert "# b: FS link from a (lag 0) not written: the task has started" in text
    assert "task t2 \"C\" {\n  length 2d\n  depends nlt_2017_01_16\n" in text


@needs_tj3
@pytest.mark.slow
def test_several_calendars_and_status_equal_taskjuggler(tmp_path: Path) -> None:
    """Tests a weekday, weekend crew, weekday chain with progress against tj3 (links across
    calendars go through dates; the crew's calendar is a shift)."""
    out = scheduled(_plan(tmp_path, (
        '[project]\nname = "x"\nstart = 2017-01-02\ncalendar = "c"\n'
        'status_date = 2017-01-04\n'
        '[calendar.c]\nholidays = "CA-ON"\n'
        '[calendar.weekend]\nworkdays = ["sat", "sun"]\n'
        '[task.a]\nname = "A"\nduration = 5\n'
        '[task.crew]\nname = "Crew"\nduration = 2\ncalendar = "weekend"\ndepends = ["a"]\n'
        '[task.m]\nname = "M"\nduration = 0\ndepends = ["crew"]\n'
        '[task.mon]\nname = "Monday"\nduration = 3\ndepends = ["m", '
        '{ task = "crew", type = "SS", lag = 1 }]\n'
        '[task.late]\nname = "Late"\nduration = 1\n'
        '[progress.a]\nactual_start = 2017-01-03\n')))
    assert not differences(our_dates(out), tj3_dates(out, tmp_path))


@needs_tj3
@pytest.mark.slow
def test_days_on_pins_the_tasks_over_it(tmp_path: Path) -> None:
    """Tests that a task over a days_on day (no TaskJuggler form) is fixed at its dates with a
    note, and that tj3 then gives every task our dates."""
    from hsso_plan.interchange import tjp

    out = scheduled(_plan(tmp_path, (
        '[project]\nname = "x"\nstart = 2017-01-02\ncalendar = "c"\n'
        '[calendar.c]\ndays_on = [2017-01-07]\n'
        '[task.a]\nname = "A"\nduration = 7\n'
        '[task.b]\nname = "B"\nduration = 2\ndepends = [{ task = "a", type = "SS", lag = 1 }]\n'
        '[task.c]\nname = "C"\nduration = 2\ndepends = ["a"]\n')))
    assert out.index is not None and out.schedule is not None
    result = tjp.export(out.index, out.schedule)
    assert "  start 2017-01-02\n  end 2017-01-09-17:00\n" in result.text
    assert any("days_on" in n for n in result.notes)
    assert not differences(our_dates(out), tj3_dates(out, tmp_path))


def test_comments_and_notes_say_what_is_not_carried(tmp_path: Path) -> None:
    """Tests that what TaskJuggler cannot express exactly is a one-line comment and a note:
    a negative-gap link, a link across calendars, a levelled start."""
    from hsso_plan.interchange import tjp

    out = scheduled(_plan(tmp_path, (
        '[project]\nname = "x"\nstart = 2017-01-02\n'
        '[calendar.weekend]\nworkdays = ["sat", "sun"]\n'
        '[resource.r]\ncapacity = 1\n'
        '[task.a]\nname = "A"\nduration = 5\nuses = { r = 1 }\n'
        '[task.b]\nname = "B"\nduration = 2\nuses = { r = 1 }\n'
        '[task.c]\nname = "C"\nduration = 2\ncalendar = "weekend"\ndepends = ["a"]\n'
        '[task.d]\nname = "D"\nduration = 5\n'
        'depends = [{ task = "c", type = "SS", lag = -3 }]\n')))
    assert out.index is not None and out.schedule is not None
    result = tjp.export(out.index, out.schedule)
    assert any("levelling" in n for n in result.notes)
    assert any("no exact TaskJuggler form" in n for n in result.notes)
    assert "# c: FS link from a (lag 0) has no exact TaskJuggler form" in result.text
    assert "# d: SS link from c (lag -3) has no exact TaskJuggler form" in result.text
    if TJ3 is not None:
        assert not differences(our_dates(out), tj3_dates(out, tmp_path))


@needs_tj3
@pytest.mark.slow
def test_hostile_resource_names_read_back_literally(tmp_path: Path) -> None:
    """Tests that resource names reach tj3 as literal text (a final backslash, `$(VAR)`,
    `${macro}`, a quote, a line break), with no file written but the reports asked for."""
    import csv

    from .tj3_support import run_tj3

    names = ["ends with \\", "$(HOME) and ${x}", 'quote " }', "line\nbreak"]
    res = "".join(f"[resource.r{i}]\nname = {_toml(n)}\ncapacity = {i + 1}\n"
                  for i, n in enumerate(names))
    uses = ", ".join(f"r{i} = 1" for i in range(len(names)))
    out = scheduled(_plan(tmp_path, '[project]\nname = "x"\nstart = 2017-01-02\n' + res
                          + f'[task.a]\nname = "A"\nduration = 2\nuses = {{ {uses} }}\n'))
    work = tmp_path / "tj"
    work.mkdir()
    (work / "plan.tjp").write_text(tjp_text(out) + 'resourcereport "names" {\n'
                                   "  formats csv\n  columns id, name\n}\n", encoding="utf-8")
    run_tj3(work)
    assert sorted(f.name for f in work.iterdir()) == ["names.csv", "plan.tjp", "schedule.csv"]
    with (work / "names.csv").open(encoding="utf-8", newline="") as f:
        # (tj3 indents the members of a group)
        got = {row["Id"]: row["Name"].strip() for row in csv.DictReader(f, delimiter=";")}
    assert got["r0"] == "ends with \u29f5"
    assert got["r1_1"] == "\uff04(HOME) and \uff04{x} (1)"
    assert got["r2"].replace('"', "") == "quote  }"  # tj3's CSV does not double quotes
    assert got["r3"] == "line break"


def _toml(s: str) -> str:
    import json

    return json.dumps(s)


@needs_tj3
@pytest.mark.slow
def test_taskjuggler_agrees_on_which_deadlines_are_missed(tmp_path: Path) -> None:
    """Tests that tj3 warns on the tasks that miss their deadline and on no other: a
    milestone reached the working day after its deadline meets it (contract section 2)."""
    from .tj3_support import run_tj3

    out = scheduled(_plan(tmp_path, (
        '[project]\nname = "x"\nstart = 2017-01-02\n'
        '[task.a]\nname = "A"\nduration = 5\nfinish_no_later_than = 2017-01-06\n'
        '[task.m]\nname = "M"\nduration = 0\ndepends = ["a"]\n'
        'finish_no_later_than = 2017-01-06\n'
        '[task.b]\nname = "B"\nduration = 2\ndepends = ["a"]\n'
        'finish_no_later_than = 2017-01-09\n'
        '[task.fixed]\nname = "On Monday"\nduration = 0\nstart_on = 2017-01-09\n'
        'finish_no_later_than = 2017-01-06\n')))
    assert out.schedule is not None and out.schedule.deadlines_missed == {"b"}
    (tmp_path / "plan.tjp").write_text(tjp_text(out), encoding="utf-8")
    r = run_tj3(tmp_path)
    late = set(re.findall(r"of task (t\d+) is too late", r.stdout + r.stderr))
    assert late == {"t2"}


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.stem)
def test_cli_exports_every_bundled_plan_with_notes(plan: Path) -> None:
    """Tests that `export -f tjp` writes each bundled plan (exit 0) and lists on stderr, as
    `note:` lines, what TaskJuggler has no exact form for."""
    from typer.testing import CliRunner

    from hsso_plan.cli import app

    r = CliRunner().invoke(app, ["export", str(plan), "-f", "tjp"])
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith("project hsso ") and 'taskreport "schedule"' in r.stdout
    notes = [ln for ln in r.stderr.splitlines() if ln.startswith("note: ")]
    if plan.stem != "example":
        assert any("levelling" in n for n in notes)
    if "status" in plan.stem or plan.stem == "tutorial":
        assert any("done or under way" in n for n in notes)
        assert "  now " in r.stdout


def test_comment_lines_cannot_be_broken() -> None:
    """Tests that a comment stays one line whatever line break its text holds."""
    from hsso_plan.interchange import tjp_syntax

    assert tjp_syntax.comment("a\nb\rc\u2028d\u2029e\x85f\x0bg") == "# a b c d e f g"
