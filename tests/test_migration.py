"""The migration model: the bundled plans, templates, includes and the view in JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from hsso_plan.app import run
from hsso_plan.cli import app

PLANS = Path(__file__).resolve().parent.parent / "plans"

#: The transfer dates of domain-facts.md section 1.2 (confirmed and inferred ones).
RECORDED = {
    "esc": "2017-06-21", "sw": "2017-05-24", "hnhb": "2017-05-10", "cw": "2017-05-31",
    "mh": "2017-05-31", "c": "2017-06-07", "ce": "2017-06-21", "champlain": "2017-05-24",
    "nsm": "2017-05-03", "ne": "2017-05-31", "nw": "2017-06-21",
}
UNKNOWN = {"ww", "tc", "se"}  # no date found: illustrative Wednesdays in the window


def test_real_plan_validates_with_no_problem() -> None:
    """Tests that plans/hsso-2017.toml validates with exit 0 and no warnings."""
    out = run(PLANS / "hsso-2017.toml")
    assert out.ok and not out.diagnostics, [d.message for d in out.diagnostics]
    assert out.schedule is not None and len(out.schedule.tasks) >= 200


def test_real_plan_bodies_and_transfers_on_recorded_dates() -> None:
    """Tests the 17 bodies becoming HSSO and the 14 LHINs on the recorded dates (JSON)."""
    r = CliRunner().invoke(app, ["schedule", str(PLANS / "hsso-2017.toml"), "-f", "json"])
    assert r.exit_code == 0, r.stderr
    doc = json.loads(r.stdout)
    orgs = {o["id"]: o for o in doc["organizations"]}
    for body in ("oaccac", "lhinc", "lsso"):
        assert orgs[body]["merges_into"] == "hsso" and orgs[body]["end"] == "2017-03-01"
    assert orgs["hsso"]["start"] == "2017-03-01"
    assert orgs["hsso"]["name_fr"] == "Services communs pour la santé Ontario"
    merger = {t["id"]: t for t in doc["transfers"] if t["to"] == "hsso"}
    assert sorted(merger) == ["lhinc-to-hsso", "lsso-to-hsso", "oaccac-to-hsso"]
    for t in merger.values():  # the merging bodies' staff land in HSSO the day it opens
        assert t["date"] == "2017-03-01" and t["headcount"] > 0 and not t["readiness"]["late"]
    transfers = {t["id"].removesuffix("-transfer"): t for t in doc["transfers"]
                 if t["to"] != "hsso"}
    assert len(transfers) == 14
    ccacs = [o for o in orgs.values() if o["kind"] == "ccac"]
    assert len(ccacs) == 14 and len([o for o in orgs.values() if o["kind"] == "lhin"]) == 14
    for site, date in RECORDED.items():
        t = transfers[site]
        assert t["date"] == date, site
        assert (t["from"], t["to"]) == (f"ccac-{site}", f"lhin-{site}")
        assert orgs[f"ccac-{site}"]["end"] == date
        assert t["headcount"] > 0 and not t["readiness"]["late"]
    for site in UNKNOWN:
        assert "2017-05-03" <= transfers[site]["date"] <= "2017-06-21"
    dates = sorted(t["date"] for t in transfers.values())
    assert (dates[0], dates[-1]) == ("2017-05-03", "2017-06-21")
    # HSSO serves each CCAC until its transfer, then its LHIN.
    cov = [c for c in doc["coverage"] if c["service"] == "chris"]
    nsm = [(c["consumer"], c["provider"], c["from"], c["until"]) for c in cov
           if c["consumer"].endswith("-nsm")]
    assert ("ccac-nsm", "oaccac", "2016-11-01", "2017-03-01") in nsm
    assert ("ccac-nsm", "hsso", "2017-03-01", "2017-05-03") in nsm
    assert ("lhin-nsm", "hsso", "2017-05-03", None) in nsm


def test_tutorial_plan_validates() -> None:
    """Tests that the tutorial plan (which uses every feature) validates."""
    out = run(PLANS / "tutorial.toml")
    assert out.ok, [d.message for d in out.diagnostics]
    assert out.migration is not None and len(out.migration.transfers) == 2


def test_template_tasks_behave_like_written_ones(plan_file: Callable[[str], Path]) -> None:
    """Tests that a template instantiated for a site schedules like the same tasks written."""
    head = """
    [project]
    name = "T"
    start = 2017-01-02

    [task.go]
    name = "Go"
    duration = 0
    start_on = 2017-01-04
    """
    templated = plan_file(head + """
    [template.t.task.a]
    name = "{name}: A"
    duration = "{days}"
    depends = ["go"]

    [template.t.task.b]
    name = "{name}: B"
    duration = 2
    depends = [{ task = "a", type = "SS", lag = 1 }]
    finish_no_later_than = "{due}"

    [site.x]
    template = "t"
    name = "X"
    days = 3
    due = 2017-01-20
    """)
    written = plan_file(head + """
    [workstream.x]
    name = "X"

    [task.x-a]
    name = "X: A"
    duration = 3
    depends = ["go"]
    workstream = "x"

    [task.x-b]
    name = "X: B"
    duration = 2
    depends = [{ task = "x-a", type = "SS", lag = 1 }]
    finish_no_later_than = 2017-01-20
    workstream = "x"
    """)
    a, b = run(templated), run(written)
    assert a.ok and b.ok
    assert a.schedule is not None and b.schedule is not None
    assert a.schedule.tasks == b.schedule.tasks


def test_include_never_leaves_the_plan_folder(tmp_path: Path) -> None:
    """Tests that an include outside the plan's folder (even via ..) is refused."""
    (tmp_path / "plan").mkdir()
    (tmp_path / "secret.toml").write_text('[task.x]\nname = "x"\nduration = 1\n')
    p = tmp_path / "plan" / "main.toml"
    p.write_text('include = ["sub/../../secret.toml"]\n[project]\nname = "x"\n'
                 'start = 2017-01-02\n')
    out = run(p)
    assert [d.code for d in out.diagnostics] == ["E004"]
    assert out.schedule is not None and not out.schedule.tasks


def test_transfers_per_week_limit(plan_file: Callable[[str], Path]) -> None:
    """Tests max_transfers_per_week: two transfers in one ISO week against a limit of one."""
    p = plan_file("""
    [project]
    name = "W"
    start = 2017-05-01

    [transition]
    max_transfers_per_week = 1

    [org.a]
    name = "A"
    dissolved = 2017-05-03

    [org.b]
    name = "B"
    dissolved = 2017-05-05

    [org.lhin]
    name = "LHIN"

    [transfer.ta]
    from = "a"
    to = "lhin"
    on = 2017-05-03

    [transfer.tb]
    from = "b"
    to = "lhin"
    on = 2017-05-05
    """)
    out = run(p)
    assert [(d.code, d.line) for d in out.diagnostics] == [("E090", 6)]
    assert "week 18 of 2017" in out.diagnostics[0].message


def test_readiness_edges_are_marked_with_their_transfer_entry() -> None:
    """Tests that each readiness link of the network names its transfer and `readiness`
    entry (the E084 marker), and that every other edge is a `depends` position."""
    from hsso_plan.links import ReadinessLink

    out = run(PLANS / "hsso-2017.toml")
    assert out.index is not None and out.loaded.plan is not None
    from hsso_plan.scheduling import build_network

    net = build_network(out.loaded.plan, out.index.calendars or {}, out.index)
    plan, index = out.loaded.plan, out.index
    links = [(net.ids[a], net.ids[b], src) for b in range(len(net))
             for a, _, _, src in net.preds[b]]
    marked = [x for x in links if isinstance(x[2], ReadinessLink)]
    assert marked
    for a, b, src in marked:
        assert isinstance(src, ReadinessLink)
        assert index.transfer_milestone(src.transfer) == b
        assert a in index.expand(plan.transfer[src.transfer].readiness[src.entry])
    for _, b, src in links:
        if not isinstance(src, ReadinessLink):
            assert 0 <= src < len(plan.task[b].depends)


def test_migration_view_is_built_from_the_resolution_without_changing_it() -> None:
    """Tests that the view builder is pure: built twice from one resolution it is the same,
    and equal to the outcome's view."""
    from hsso_plan.migration.resolve import resolve
    from hsso_plan.migration.view import build_view

    out = run(PLANS / "hsso-2017.toml")
    assert out.loaded.plan is not None and out.schedule is not None and out.index is not None
    cals = out.index.calendars or {}
    r = resolve(out.loaded.plan, out.schedule, cals[None], out.index)
    first = build_view(r)
    assert build_view(r) == first == out.migration
    assert first.transfers and first.coverage


def test_real_plan_merger_is_covered_by_staff_conservation(tmp_path: Path) -> None:
    """Tests that dropping one merging body's transfer into HSSO is caught: its staff would
    stay in a body dissolved on 2017-03-01."""
    import shutil

    shutil.copytree(PLANS, tmp_path / "plans")
    plan = tmp_path / "plans" / "hsso-2017.toml"
    text = plan.read_text(encoding="utf-8")
    start = text.index("[transfer.lsso-to-hsso]")
    end = text.index("\n\n", start)
    plan.write_text(text[:start] + text[end + 2:], encoding="utf-8")
    out = run(plan)
    left = [d for d in out.errors if d.code == "E071"]
    assert len(left) == 1 and "'lsso-staff'" in left[0].message, \
        [d.message for d in out.diagnostics]
