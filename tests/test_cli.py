"""The command line: exit codes, every format, --output, --version, explain."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hsso_plan import __version__
from hsso_plan.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "plans" / "example.toml"
runner = CliRunner()

GOOD = """
[project]
name = "CLI"
start = 2017-01-02

[task.a]
name = "=HYPERLINK(\\"http://evil\\")"
duration = 2

[task.b]
name = "B"
duration = 0
depends = ["a"]
"""

BAD = """
[project]
name = "CLI"
start = 2017-01-02

[task.ad-sync]
name = "AD"
duration = 1

[task.a]
name = "A"
duration = 1
depends = ["ad-synch"]
"""


def test_version() -> None:
    """Tests that --version prints the version and exits 0."""
    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0 and __version__ in r.output


def test_version_fast_path_in_a_subprocess() -> None:
    """Tests the installed entry point's --version (the fast path)."""
    r = subprocess.run([sys.executable, "-m", "hsso_plan", "--version"], capture_output=True,
                       text=True, check=False)
    assert r.returncode == 0 and r.stdout.strip() == f"hsso-plan {__version__}"


def test_validate_ok_exit_0() -> None:
    """Tests that the bundled example validates with exit 0."""
    r = runner.invoke(app, ["validate", str(EXAMPLE)])
    assert r.exit_code == 0, r.output
    assert "ok" in r.output


def test_validate_error_exit_1_with_location_and_hint(plan_file: Callable[[str], Path]) -> None:
    """Tests the compiler-style error line and its hint."""
    p = plan_file(BAD)
    r = runner.invoke(app, ["validate", str(p)])
    assert r.exit_code == 1
    lines = r.output.splitlines()
    assert lines[0] == (f"{p}:12:12: error[E020]: task 'a' depends on unknown task "
                        "'ad-synch'")
    assert lines[1] == "hint: did you mean 'ad-sync'?"


def test_validate_json(plan_file: Callable[[str], Path]) -> None:
    """Tests the contract's JSON object for validate."""
    p = plan_file(BAD)
    r = runner.invoke(app, ["validate", str(p), "--format", "json"])
    assert r.exit_code == 1
    doc = json.loads(r.output)
    assert doc["ok"] is False and doc["warnings"] == []
    e = doc["errors"][0]
    assert {k: e[k] for k in ("file", "line", "column", "code")} == \
        {"file": str(p), "line": 12, "column": 12, "code": "E020"}
    assert e["message"] and "hint" in e


def test_missing_file_is_usage_error() -> None:
    """Tests that a missing plan file exits 2."""
    r = runner.invoke(app, ["validate", "no/such/plan.toml"])
    assert r.exit_code == 2


def test_bad_option_is_usage_error() -> None:
    """Tests that an unknown option or format exits 2."""
    assert runner.invoke(app, ["validate", str(EXAMPLE), "--bogus"]).exit_code == 2
    assert runner.invoke(app, ["schedule", str(EXAMPLE), "--format", "xml"]).exit_code == 2


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_schedule_formats(fmt: str) -> None:
    """Tests each schedule format on the example plan."""
    r = runner.invoke(app, ["schedule", str(EXAMPLE), "--format", fmt])
    assert r.exit_code == 0, r.output
    if fmt == "json":
        doc = json.loads(r.stdout)
        assert set(doc) >= {"project", "tasks", "violations"}
        assert doc["project"]["finish"] == max(t["finish"] for t in doc["tasks"])
        t = doc["tasks"][0]
        assert set(t) >= {"id", "name", "start", "finish", "duration", "milestone",
                          "total_float", "critical"}
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(r.stdout)))
        assert rows[0]["id"] == "legislation"
    else:
        assert "email-integration" in r.stdout


def test_schedule_json_is_deterministic() -> None:
    """Tests that the same plan gives byte-identical output."""
    a = runner.invoke(app, ["schedule", str(EXAMPLE), "-f", "json"]).stdout
    b = runner.invoke(app, ["schedule", str(EXAMPLE), "-f", "json"]).stdout
    assert a == b


def test_csv_neutralises_formulas(plan_file: Callable[[str], Path]) -> None:
    """Tests that a task name starting with '=' cannot run as a spreadsheet formula."""
    r = runner.invoke(app, ["schedule", str(plan_file(GOOD)), "-f", "csv"])
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert rows[0]["name"].startswith("'=")


def test_schedule_with_errors_exits_1_and_reports_on_stderr(
        plan_file: Callable[[str], Path]) -> None:
    """Tests that schedule prints problems to stderr and exits 1."""
    r = runner.invoke(app, ["schedule", str(plan_file(BAD)), "-f", "json"])
    assert r.exit_code == 1
    assert "E020" in r.stderr
    json.loads(r.stdout)  # the schedule of the rest is still printed


def test_output_is_written(tmp_path: Path) -> None:
    """Tests --output for schedule and report, with ordinary file permissions."""
    out = tmp_path / "s.csv"
    r = runner.invoke(app, ["schedule", str(EXAMPLE), "-f", "csv", "-o", str(out)])
    assert r.exit_code == 0 and out.read_text().startswith("id,name")
    assert out.stat().st_mode & 0o044  # readable by others, like any file the user writes
    rep = tmp_path / "r.txt"
    r = runner.invoke(app, ["report", str(EXAMPLE), "-o", str(rep)])
    assert r.exit_code == 0 and "Driven by" in rep.read_text()


def test_report_json() -> None:
    """Tests the report's JSON format."""
    r = runner.invoke(app, ["report", str(EXAMPLE), "-f", "json"])
    doc = json.loads(r.stdout)
    assert r.exit_code == 0 and doc["summary"]["tasks"] == 9 and doc["gantt"]["rows"]


def test_explain() -> None:
    """Tests explain for one code, all codes, and an unknown code."""
    r = runner.invoke(app, ["explain", "E024"])
    assert r.exit_code == 0 and "cycle" in r.output
    r = runner.invoke(app, ["explain"])
    assert r.exit_code == 0 and "E020" in r.output and "W001" in r.output
    assert runner.invoke(app, ["explain", "E999"]).exit_code == 2


def test_no_traceback_on_a_directory_or_binary(tmp_path: Path) -> None:
    """Tests that odd inputs give clear errors, not tracebacks."""
    r = runner.invoke(app, ["validate", str(tmp_path)])
    assert r.exit_code == 2 and "Traceback" not in r.output
    p = tmp_path / "bin.toml"
    p.write_bytes(b"\x00\xff\xfe garbage")
    r = runner.invoke(app, ["validate", str(p)])
    assert r.exit_code == 1 and "E002" in r.output


def test_help_lists_commands() -> None:
    """Tests that --help shows every command and an example."""
    r = runner.invoke(app, ["--help"])
    assert r.exit_code == 0
    for cmd in ("validate", "schedule", "report", "explain"):
        assert cmd in r.output


def test_5000_task_cycle_is_one_error_without_recursion(tmp_path: Path) -> None:
    """Tests that a 5,000-task loop gives one E024 with a note per edge, no RecursionError."""
    n = 5000
    parts = ['[project]\nname = "loop"\nstart = 2017-01-02\n']
    parts.extend(f'[task.t{i}]\nname = "T{i}"\nduration = 1\ndepends = ["t{(i - 1) % n}"]\n'
                 for i in range(n))
    p = tmp_path / "loop.toml"
    p.write_text("".join(parts), encoding="utf-8")
    r = runner.invoke(app, ["validate", str(p), "-f", "json"])
    assert r.exit_code == 1
    errors = json.loads(r.stdout)["errors"]
    assert [e["code"] for e in errors] == ["E024"]
    assert len(errors[0]["related"]) == n
    assert "t0 -> t1 -> " in errors[0]["message"]


# ---- the output registry -------------------------------------------------------------------

TUTORIAL = ROOT / "plans" / "tutorial.toml"
COMMAND = {"schedule": "schedule", "report": "report", "export": "export",
           "risk": "risk", "diff": "diff", "why": "why"}



def _args(kind: str, plan: Path) -> list[str]:
    """The command line of ``kind`` on ``plan`` (diff: the plan against itself; why: its
    first task)."""
    if kind == "diff":
        return ["diff", str(plan), str(plan)]
    if kind == "why":
        from hsso_plan.loading import read_plan

        loaded = read_plan(plan)
        assert loaded.plan is not None
        return ["why", str(plan), next(iter(loaded.plan.task))]
    return [COMMAND[kind], str(plan)]


def _every_format() -> list[tuple[str, str]]:
    from hsso_plan.render import registry

    return [(f.kind, f.name) for k in registry.KINDS for f in registry.formats(k)]


def test_registry_offers_every_kind_its_formats() -> None:
    """Tests that the registry holds today's formats, and that each command's --format
    choices are exactly its kind's registered formats."""
    from hsso_plan.render import registry

    assert {k: [f.name for f in registry.formats(k)] for k in registry.KINDS} == {
        "schedule": ["table", "json", "csv", "xlsx"],
        "report": ["terminal", "html", "markdown", "json", "xlsx"],
        "export": ["mspdi", "tjp", "ics"],
        "risk": ["terminal", "json", "html", "markdown"],
        "diff": ["text", "json", "markdown"],
        "why": ["text", "json"],
    }
    for kind in registry.KINDS:
        r = runner.invoke(app, [COMMAND[kind], "--help"], env={"COLUMNS": "200"})
        choices = "|".join(f.name for f in registry.formats(kind))
        assert f"<{choices}>" in r.output, kind


def test_registry_refuses_a_duplicate_and_names_the_choices() -> None:
    """Tests that a name is registered once per kind and an unknown one lists the known."""
    from hsso_plan.render import registry

    table = registry.get("schedule", "table")
    with pytest.raises(ValueError, match="already registered"):
        registry.register(table)
    with pytest.raises(KeyError, match="choose from table, json, csv, xlsx"):
        registry.get("schedule", "pdf")


@pytest.mark.parametrize(("kind", "name"), _every_format())
def test_every_registered_format_renders_the_tutorial(kind: str, name: str,
                                                      tmp_path: Path) -> None:
    """Tests each format of each command on the tutorial plan through the CLI: exit 0,
    output on stdout, the same bytes in a file with -o (plain text for terminal formats)."""
    from hsso_plan.render import registry

    fmt = registry.get(kind, name)  # type: ignore[arg-type]
    plan = TUTORIAL
    env = {"COLUMNS": "100", "NO_COLOR": "1"}
    r = runner.invoke(app, [*_args(kind, plan), "-f", name], env=env)
    assert r.exit_code == 0, r.output
    assert r.stdout.strip()
    out = tmp_path / f"out{fmt.suffix}"
    r2 = runner.invoke(app, [*_args(kind, plan), "-f", name, "-o", str(out)], env=env)
    assert r2.exit_code == 0 and not r2.stdout
    if fmt.binary:  # the same bytes in the file as on a redirected stdout
        assert out.read_bytes() == r.stdout_bytes
        return
    written = out.read_text(encoding="utf-8")
    if fmt.console is None:
        assert written == r.stdout
    else:  # a terminal drawing on stdout, plain text in the file: the same words
        assert written.split() and set(written.split()[:4]) <= set(r.stdout.split())
    if name == "json":
        json.loads(written)
    if kind == "export" and name == "mspdi":
        import xml.etree.ElementTree as ET

        ET.fromstring(written.encode())


def test_process_policy_exit_statuses() -> None:
    """Tests the process policy: SystemExit codes kept, a bug is status 3 without a
    traceback, Ctrl-C 130 (run in a subprocess: the policy leaves by os._exit)."""
    code = ("import sys\nfrom hsso_plan import process\n"
            "def boom():\n    raise RuntimeError('kaput')\n"
            "def stop():\n    raise SystemExit(2)\n"
            "def ctrl_c():\n    raise KeyboardInterrupt\n"
            "process.run({'boom': boom, 'stop': stop, 'ctrl_c': ctrl_c}[sys.argv[1]])\n")
    src = str(ROOT / "src")
    want = {"boom": 3, "stop": 2, "ctrl_c": 130}
    for arg, status in want.items():
        r = subprocess.run([sys.executable, "-c", code, arg], capture_output=True, text=True,
                           check=False, env={"PYTHONPATH": src})
        assert r.returncode == status, (arg, r.stderr)
        assert "Traceback" not in r.stderr
    r = subprocess.run([sys.executable, "-c", code, "boom"], capture_output=True, text=True,
                       check=False, env={"PYTHONPATH": src})
    assert "internal error: RuntimeError: kaput" in r.stderr
