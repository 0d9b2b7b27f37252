"""Amending one site's generated task with ``[amend.<task-id>]``, and task owner and note."""

from __future__ import annotations

import textwrap
from pathlib import Path

from hsso_plan.app import run

PLAN = """\
[project]
name = "Amend"
start = 2017-01-02

[template.t.task.email]
name = "{name}: e-mail"
duration = 5

[template.t.task.go]
name = "{name}: go"
duration = 0
depends = ["email"]

[site.nw]
template = "t"
name = "North West"

[site.ce]
template = "t"
name = "Central East"
"""


def _write(tmp_path: Path, extra: str, name: str = "p.toml") -> Path:
    p = tmp_path / name
    p.write_text(PLAN + textwrap.dedent(extra), encoding="utf-8")
    return p


def test_amendment_changes_only_that_site(tmp_path: Path) -> None:
    """Tests that [amend.nw-email] changes the North West task and leaves Central East's."""
    out = run(_write(tmp_path, """
        [amend.nw-email]
        duration = 8
        owner = "Thunder Bay IT lead"
        note = "Waiting on the file server"
        """))
    assert out.ok, [d.message for d in out.diagnostics]
    assert out.schedule is not None and out.loaded.plan is not None
    tasks = {t.id: t for t in out.schedule.tasks}
    assert tasks["nw-email"].duration == 8 and tasks["ce-email"].duration == 5
    assert tasks["nw-go"].start > tasks["ce-go"].start
    spec = out.loaded.plan.task["nw-email"]
    assert (spec.owner, spec.note) == ("Thunder Bay IT lead", "Waiting on the file server")
    assert spec.name == "North West: e-mail"  # keys not amended keep the template's value
    assert spec.workstream == "nw"


def test_amended_key_problem_is_located_at_the_amendment_and_names_the_site(
        tmp_path: Path) -> None:
    """Tests that a bad amended value points at the amendment's line and names the site."""
    p = _write(tmp_path, """
        [amend.ce-go]
        duraton = 2
        start_on = "2017-02-01"
        """)
    out = run(p)
    lines = p.read_text(encoding="utf-8").splitlines()
    by = {d.code: d for d in out.errors}
    assert set(by) == {"E010", "E011"}
    assert by["E010"].line is not None and lines[by["E010"].line - 1].startswith("duraton")
    assert by["E011"].line is not None and lines[by["E011"].line - 1].startswith("start_on")
    for d in by.values():
        assert "(in site 'ce', template 't')" in d.message
    assert by["E010"].hint == "did you mean 'duration'?"


def test_amendment_of_unknown_task_has_a_did_you_mean(tmp_path: Path) -> None:
    """Tests that a typo in the amended id is E017 with the closest generated id."""
    out = run(_write(tmp_path, "\n[amend.nw-emial]\nduration = 3\n"))
    (d,) = out.errors
    assert d.code == "E017" and d.hint == "did you mean 'nw-email'?"


def test_amendment_in_an_included_status_file(tmp_path: Path) -> None:
    """Tests that amendments may sit in an included file and are located there."""
    (tmp_path / "status.toml").write_text("[amend.nw-email]\nduration = -1\n",
                                          encoding="utf-8")
    p = tmp_path / "p.toml"
    p.write_text('include = ["status.toml"]\n' + PLAN, encoding="utf-8")
    out = run(p)
    (d,) = out.errors
    assert d.code == "E013" and d.file is not None and d.file.endswith("status.toml")
    assert d.line == 2


def test_amending_twice_is_a_duplicate(tmp_path: Path) -> None:
    """Tests that one task amended in two files is E015, as for any id."""
    (tmp_path / "status.toml").write_text("[amend.nw-email]\nduration = 6\n",
                                          encoding="utf-8")
    p = tmp_path / "p.toml"
    p.write_text('include = ["status.toml"]\n' + PLAN + "\n[amend.nw-email]\nduration = 7\n",
                 encoding="utf-8")
    assert [d.code for d in run(p).errors] == ["E015"]
