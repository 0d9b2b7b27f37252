"""`hsso-plan why`: the driving chain to each kind of root, slack per link, formats, and an
unknown task (exit 2 with a did-you-mean)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from hsso_plan.app import run
from hsso_plan.cli import app
from hsso_plan.why import chain

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "plans" / "example.toml"
runner = CliRunner()

PLAN = """
[project]
name = "Why"
start = 2017-01-02

[resource.team]
capacity = 1

[task.a]
name = "A"
duration = 3

[task.b]
name = "B"
duration = 2
depends = [{ task = "a", type = "SS", lag = 1 }, "x"]

[task.x]
name = "X"
duration = 1
start_no_earlier_than = 2017-01-03

[task.c]
name = "C"
duration = 2
depends = ["b"]

[task.u1]
name = "U1"
duration = 4
uses = { team = 1 }
priority = 900

[task.u2]
name = "U2"
duration = 2
uses = { team = 1 }
"""


def _links(plan: Path, tid: str) -> list[tuple[str, str, int]]:
    out = run(plan)
    assert out.schedule is not None and out.loaded.plan is not None
    return [(x.task, x.driver.kind, x.slack) for x in chain(out.loaded.plan, out.schedule, tid)]


def test_chain_to_a_fixed_start() -> None:
    """Tests the example: email-integration <- hsso-operational (start_on), slack 0."""
    got = _links(EXAMPLE, "nsm-readiness")
    assert got == [("nsm-readiness", "dependency", 0), ("email-integration", "dependency", 0),
                   ("hsso-operational", "start_on", 0)]


def test_chain_to_no_earlier_than_and_project_start(plan_file: Callable[[str], Path]) -> None:
    """Tests chains ending at a start_no_earlier_than (x, which drives b later than a's SS
    link would) and at the project start; the driving link has no slack."""
    p = plan_file(PLAN)
    assert _links(p, "c") == [("c", "dependency", 0), ("b", "dependency", 0),
                              ("x", "start_no_earlier_than", 0)]
    assert _links(p, "a") == [("a", "project-start", 0)]


def test_chain_to_a_resource_with_its_delay(plan_file: Callable[[str], Path]) -> None:
    """Tests a task levelling delayed: the root is the resource, the slack its delay."""
    p = plan_file(PLAN)
    assert _links(p, "u2") == [("u2", "resource", 4)]
    r = runner.invoke(app, ["why", str(p), "u2", "-f", "json"])
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["root"] == "resource"
    assert doc["chain"][0]["driver"] == {"kind": "resource", "resources": ["team"],
                                         "blocking_tasks": ["u1"]}


def test_text_one_line_per_link() -> None:
    """Tests the text format: a heading and one line per link, with slack and float."""
    r = runner.invoke(app, ["why", str(EXAMPLE), "nsm-readiness", "--width", "200"])
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0].startswith("why 'nsm-readiness' starts on 2017-03-22 (3 links")
    assert len(lines) == 4
    assert "after 'email-integration' (FS)" in lines[1] and "slack   0" in lines[1]
    assert "by a fixed start (start_on) 2017-03-01" in lines[3]


def test_text_wraps_to_the_width() -> None:
    """Tests that at 80 columns a long link wraps, its continuation indented under the
    link, and no line is wider than 80 or ends in a space."""
    r = runner.invoke(app, ["why", str(EXAMPLE), "nsm-readiness", "--width", "80"])
    lines = r.stdout.splitlines()
    assert len(lines) == 7 and all(len(x) <= 80 and not x.endswith(" ") for x in lines)
    assert lines[2].startswith("      'email-integration'")


def test_json_chain() -> None:
    """Tests the JSON format: every link with its driver and dates."""
    r = runner.invoke(app, ["why", str(EXAMPLE), "file-sharing", "-f", "json"])
    doc = json.loads(r.stdout)
    assert doc["task"] == "file-sharing" and doc["root"] == "start_on"
    first = doc["chain"][0]
    assert first["driver"] == {"kind": "dependency", "task": "email-integration",
                               "type": "FF", "lag": 0}
    assert doc["chain"][-1]["driver"]["date"] == "2017-03-01"


def test_unknown_task_is_a_usage_error_with_a_hint() -> None:
    """Tests a misspelt task id: exit 2 and a did-you-mean."""
    r = runner.invoke(app, ["why", str(EXAMPLE), "nsm-transfr"])
    assert r.exit_code == 2
    assert "no task 'nsm-transfr'" in r.stderr and "did you mean 'nsm-transfer'?" in r.stderr
