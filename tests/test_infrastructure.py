"""The test infrastructure itself: --update-golden cannot pass, bundled data is attributed,
the CI Hypothesis profile is deterministic."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from hypothesis import settings

from .conftest import DATA, ROOT
from .test_properties import SETTINGS as PROPERTY_SETTINGS

GOLDEN_TEST = '''
from pathlib import Path

HERE = Path(__file__).parent


def test_page(golden):
    golden(HERE / "page.txt", "current output\\n")


def test_plain():
    assert True
'''


def _pytest(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    # No third-party plugins: the copied conftest needs none, and each run starts faster.
    env = dict(os.environ, PYTEST_DISABLE_PLUGIN_AUTOLOAD="1", PYTHONPATH=os.pathsep.join(
        [str(ROOT / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]))
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           *args], cwd=project, env=env, capture_output=True, text=True,
                          check=False)


def test_update_golden_writes_and_then_fails(tmp_path: Path) -> None:
    """Tests that --update-golden rewrites a golden file and fails the run, even when the
    selection holds no golden test; without it the fresh file passes and a stale one fails."""
    project = tmp_path / "p"
    (project / "tests").mkdir(parents=True)
    shutil.copy(ROOT / "tests" / "conftest.py", project / "tests" / "conftest.py")
    (project / "tests" / "test_g.py").write_text(GOLDEN_TEST, encoding="utf-8")
    page = project / "tests" / "page.txt"

    r = _pytest(project)
    assert r.returncode == 1 and "is missing" in r.stdout, r.stdout
    r = _pytest(project, "--update-golden")
    assert r.returncode == 1, r.stdout
    assert page.read_text(encoding="utf-8") == "current output\n"
    assert "rewrote" in r.stdout and "rerun without it" in r.stdout
    r = _pytest(project, "--update-golden", "-k", "plain")
    assert r.returncode == 1, r.stdout
    r = _pytest(project)
    assert r.returncode == 0, r.stdout + r.stderr
    page.write_text("stale\n", encoding="utf-8")
    r = _pytest(project)
    assert r.returncode == 1 and "page.txt differs" in r.stdout, r.stdout


def test_bundled_data_is_attributed() -> None:
    """Tests that every file in tests/data is named in its folder's SOURCE.md, and that the
    LGPL files and Microsoft's schema keep their licence text beside them."""
    folders = sorted(p for p in DATA.iterdir() if p.is_dir())
    assert [p.name for p in folders] == ["mspdi", "mspdi-schema", "psplib"]
    for folder in folders:
        source = (folder / "SOURCE.md").read_text(encoding="utf-8")
        assert re.search(r"[Ll]icen[cs]e", source)
        for f in sorted(folder.rglob("*")):
            if f.is_file() and f.name != "SOURCE.md" and not f.name.startswith("LICENSE"):
                assert f.name in source, f"{f.relative_to(DATA)} is not listed in SOURCE.md"
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (
        DATA / "mspdi" / "LICENSE-LGPL-2.1.txt").read_text(encoding="utf-8")
    assert "Permission to copy, display and distribute" in (
        DATA / "mspdi-schema" / "LICENSE-Microsoft-XML-Reference-Schemas.txt").read_text(
            encoding="utf-8")


def test_ci_hypothesis_profile_is_deterministic() -> None:
    """Tests the profile .ci/run selects: derandomized, no deadline, no example database."""
    ci = settings.get_profile("ci")
    assert ci.derandomize and ci.deadline is None and ci.database is None
    assert "HYPOTHESIS_PROFILE=ci" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # The property tests' own settings keep whatever the loaded profile says about it.
    loaded = settings.default
    assert loaded is not None
    assert PROPERTY_SETTINGS.derandomize == loaded.derandomize
    assert PROPERTY_SETTINGS.database == loaded.database
