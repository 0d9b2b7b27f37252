"""What the `hsso-plan` process imports at start (the import graph of a run), and that the
stand-ins it uses to import less answer what the real modules answer.

Each test runs a fresh interpreter: what is imported is a property of a whole process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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
