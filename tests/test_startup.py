"""What the `hsso-plan` process imports at start (the import graph of a run), and that the
stand-ins it uses to import less answer what the real modules answer.

Each test runs a fresh interpreter: what is imported is a property of a whole process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SRC = str(ROOT / "src")

#: Modules a `schedule -f csv` run of a plan with a holiday region, no baseline and no
#: problem does not need.
NOT_IMPORTED = ("importlib.metadata", "email", "zipfile", "hsso_plan.baseline",
                "hsso_plan.render.diagnostics")

RUN = """
import json, os, sys
from hsso_plan import process
def leave(code):
    out = {"status": code, "modules": sorted(sys.modules)}
    sys.stdout.write(json.dumps(out))
    sys.stdout.flush()
    os._exit(0)
process.exit_fast = leave
sys.argv = ["hsso-plan", *sys.argv[1:]]
from hsso_plan._entry import main
main()
"""


def _python(code: str, *args: str) -> str:
    r = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                       check=False, env={"PYTHONPATH": SRC})
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_a_schedule_run_imports_no_package_metadata(tmp_path: Path) -> None:
    """Tests that `schedule -f csv` of a plan on a holiday calendar reads no package metadata
    (pydantic's plugin loader and the holidays version are stood in for) and writes what
    the same run in this process writes."""
    plan = ROOT / "plans" / "hsso-2017.toml"
    out = tmp_path / "s.csv"
    got = json.loads(_python(RUN, "schedule", str(plan), "-f", "csv", "-o", str(out)))
    assert got["status"] == 0
    loaded = set(got["modules"])
    assert {"holidays", "pydantic", "typer", "hsso_plan.render.csv_"} <= loaded
    assert not loaded & set(NOT_IMPORTED), loaded & set(NOT_IMPORTED)

    from hsso_plan import app
    from hsso_plan.render import registry

    outcome = app.run(plan)
    ctx = registry.RenderContext.of(outcome, registry.RenderOptions(width=100))
    assert out.read_text(encoding="utf-8") == registry.get("schedule", "csv").render(ctx)


def test_the_holidays_version_is_the_installed_one() -> None:
    """Tests that `holidays.__version__`, looked up on demand, is the installed metadata's,
    and that other missing names are still errors."""
    code = (
        "import sys\nfrom hsso_plan.calendars import _holidays\nh = _holidays()\n"
        "assert 'holidays.version' not in sys.modules\n"
        "assert '__version__' not in vars(h)\n"
        "import importlib.metadata\n"
        "assert h.__version__ == importlib.metadata.version('holidays'), h.__version__\n"
        "import holidays.version\n"
        "assert holidays.version.__version__ == h.__version__\n"
        "try:\n    h.no_such_name\nexcept AttributeError:\n    print('ok')\n")
    assert _python(code).strip() == "ok"


def test_the_plugin_loader_stand_in() -> None:
    """Tests pydantic's plugin loader stood in for: no plugins, as pydantic's own loader
    answers with plugins off, and any other name is the real loader's."""
    code = (
        "import os, sys\nfrom hsso_plan import process\n"
        "os.environ.pop('PYDANTIC_DISABLE_PLUGINS', None)\nprocess.skip_pydantic_plugins()\n"
        "from pydantic.plugin import _loader\n"
        "assert list(_loader.get_plugins()) == []\n"
        "assert 'importlib.metadata' not in sys.modules\n"
        "group = _loader.PYDANTIC_ENTRY_POINT_GROUP\n"
        "import pydantic.plugin._loader as real\n"
        "assert real is not _loader and group == real.PYDANTIC_ENTRY_POINT_GROUP\n"
        "assert list(real.get_plugins()) == []\n"
        "print('ok')\n")
    assert _python(code).strip() == "ok"


def test_plugins_asked_for_are_looked_for() -> None:
    """Tests that a PYDANTIC_DISABLE_PLUGINS the user set to keep plugins keeps the real
    loader."""
    code = ("import os, sys\nos.environ['PYDANTIC_DISABLE_PLUGINS'] = ''\n"
            "from hsso_plan import process\nprocess.skip_pydantic_plugins()\n"
            "assert 'pydantic.plugin._loader' not in sys.modules\nprint('ok')\n")
    assert _python(code).strip() == "ok"


#: Arguments whose answers (output, exit status) the lazy group must give as typer's own.
CLI_CASES: tuple[tuple[str, ...], ...] = (
    (), ("--help",), ("--version",), ("validate", "--help"), ("schedule", "--help"),
    ("report", "--help"), ("risk", "--help"), ("export", "--help"), ("import", "--help"),
    ("schema", "--help"), ("explain", "--help"), ("diff", "--help"), ("why", "--help"),
    ("schedul", "x"), ("nosuchcommand",), ("--bogus",), ("schedule",),
    ("schedule", "plans/example.toml", "-f", "nope"), ("schedule", "plans/example.toml", "-f"),
    ("schedule", "plans/example.toml", "--bogus"), ("risk", "plans/example.toml", "-n", "x"),
    ("schedule", "plans/example.toml", "-f", "csv"), ("validate", "plans/example.toml"),
    ("explain", "E001"), ("explain", "E999"), ("why", "plans/example.toml"),
    ("--show-completion", "bash"),
)


def test_the_lazy_group_answers_as_typers_own(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests that the group a run parses with (`cli_group.lazy_command`: each command built
    when looked up) gives the help, usage errors, outputs and exit statuses of the group
    typer builds with every command, and that a run builds only its command."""
    import typer.main
    import typer.testing

    from hsso_plan import cli_group
    from hsso_plan.cli import app

    runner = typer.testing.CliRunner()
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "100")
    for args in CLI_CASES:
        eager = runner.invoke(app, list(args), prog_name="hsso-plan")
        with monkeypatch.context() as m:
            m.setattr(typer.testing, "_get_command", cli_group.lazy_command)
            lazy = runner.invoke(app, list(args), prog_name="hsso-plan")
        assert (lazy.exit_code, lazy.stdout, lazy.stderr) == (
            eager.exit_code, eager.stdout, eager.stderr), args
        assert type(lazy.exception) is type(eager.exception), args

    group = cli_group.lazy_command(app)
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    lazy_commands = group.commands  # type: ignore[attr-defined]
    assert isinstance(lazy_commands, cli_group.LazyCommands)
    assert list(lazy_commands) == list(commands) and len(lazy_commands) == len(commands)
    assert "schedule" in lazy_commands and "schedul" not in lazy_commands
    assert not any(isinstance(c, typer.core.TyperCommand) for c in vars(lazy_commands)[
        "_commands"].values())  # nothing built by the look-ups above
    assert lazy_commands["schedule"].name == "schedule"
    built = [n for n, c in vars(lazy_commands)["_commands"].items()
             if isinstance(c, typer.core.TyperCommand)]
    assert built == ["schedule"]
    del lazy_commands["schedule"]
    lazy_commands["schedule"] = commands["schedule"]
    assert list(lazy_commands)[-1] == "schedule"
