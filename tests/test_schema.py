"""`hsso-plan schema`: the JSON Schema of the plan format, in step with docs/plan.schema.json,
with a description on every key, and accepting the bundled plans."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hsso_plan.cli import app
from hsso_plan.model import KNOWN_KEYS
from hsso_plan.schema import plan_schema, render

from .conftest import Golden

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "docs" / "plan.schema.json"
CORPUS = Path(__file__).resolve().parent / "corpus"
PLAN_FILES = sorted([*(ROOT / "plans").rglob("*.toml"), *(CORPUS / "valid").glob("*.toml")])
runner = CliRunner()


def test_committed_schema_is_in_step(golden: Golden) -> None:
    """Tests that docs/plan.schema.json is what `hsso-plan schema` prints."""
    golden(COMMITTED, render())
    r = runner.invoke(app, ["schema"])
    assert r.exit_code == 0 and r.stdout == render()


def test_schema_command_writes_a_file(tmp_path: Path) -> None:
    """Tests `schema -o FILE`: valid JSON, draft-07."""
    out = tmp_path / "s.json"
    assert runner.invoke(app, ["schema", "-o", str(out)]).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["$schema"] == \
        "http://json-schema.org/draft-07/schema#"


def _properties(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        for k, v in node.get("properties", {}).items():
            yield f"{where}.{k}", v
        for k, v in node.items():
            yield from _properties(v, f"{where}/{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _properties(v, f"{where}[{i}]")


def test_every_key_has_a_description_and_no_null() -> None:
    """Tests hover text on every key of every table, and no `null` type (TOML has none)."""
    s = plan_schema()
    props = list(_properties(s))
    assert len(props) > 100
    missing = [w for w, p in props if not p.get("description")]
    assert not missing
    assert '"null"' not in render()
    for name, d in s["definitions"].items():
        assert d.get("description"), name


def test_schema_knows_every_key_the_loader_knows() -> None:
    """Tests that each table's keys equal model.KNOWN_KEYS (the loader's did-you-mean)."""
    s = plan_schema()
    defs = s["definitions"]
    assert set(s["properties"]) == set(KNOWN_KEYS["plan"])
    pairs = {"project": "Project", "calendar": "CalendarSpec", "resource": "Resource",
             "capacity_change": "CapacityChange", "task": "Task", "dependency": "Dependency",
             "workstream": "Workstream", "org": "Org", "service": "Service",
             "consumer": "Consumer", "provision": "Provision", "staff": "Staff",
             "transfer": "Transfer", "transition": "Transition"}
    for kind, name in pairs.items():
        assert set(defs[name]["properties"]) == set(KNOWN_KEYS[kind]), kind
    assert defs["Site"]["required"] == ["template"]


def _as_json(value: Any) -> Any:
    """TOML values as an editor's schema check sees them (dates become strings)."""
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


@pytest.fixture(scope="module")
def validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    cls = jsonschema.Draft7Validator
    cls.check_schema(plan_schema())
    return cls(plan_schema(), format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_bundled_plans_validate_against_the_schema(validator: Any, path: Path) -> None:
    """Tests that every bundled plan (and its included files) is valid by the schema."""
    data = _as_json(tomllib.loads(path.read_text(encoding="utf-8")))
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors


@pytest.mark.parametrize(("name", "where"), [
    ("unknown-key.toml", ["task", "a"]),
    ("negative-duration.toml", ["task", "a", "duration"]),
    ("bad-dependency-type.toml", ["task"]),
    ("bad-weekday.toml", ["calendar"]),
])
def test_broken_plans_fail_where_validate_says(validator: Any, name: str,
                                              where: list[str]) -> None:
    """Tests that the schema flags shape errors, at the key path of the problem."""
    data = _as_json(tomllib.loads((CORPUS / "invalid" / name).read_text(encoding="utf-8")))
    errors = list(validator.iter_errors(data))
    assert errors
    assert any(list(e.absolute_path)[:len(where)] == where for e in errors), \
        [list(e.absolute_path) for e in errors]


def _hook() -> dict[str, str]:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    return dict(re.findall(r"^\s*-?\s*(\w+): (.+)$", text, re.M))


def test_pre_commit_hook_runs_the_installed_command() -> None:
    """Tests the hook: its entry is the console script pyproject installs, it is a python
    hook, and its file pattern takes the plans (main and included) and nothing else."""
    hook = _hook()
    assert hook["id"] == "hsso-plan-validate" and hook["language"] == "python"
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["scripts"]
    assert hook["entry"].split()[0] in scripts and hook["entry"].split()[1] == "validate"
    files = re.compile(hook["files"])
    assert files.search("plans/hsso-2017.toml") and files.search("plans/hsso-2017/sites.toml")
    assert not files.search("pyproject.toml") and not files.search("plans/notes.md")
    assert hook["pass_filenames"] == "false"  # the main plan comes from the user's args


def test_editor_page_documents_the_setup() -> None:
    """Tests that docs/editors.md shows the schema directive, the Taplo rule, the hook id
    and the github format."""
    text = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    for needle in ("#:schema ../docs/plan.schema.json", "[[rule]]", "[rule.schema]",
                   'path = "docs/plan.schema.json"', "id: hsso-plan-validate",
                   "--format github"):
        assert needle in text, needle
    assert (ROOT / "docs" / "plan.schema.json").exists()
