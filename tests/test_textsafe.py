"""The one control-character rule (`hsso_plan.textsafe`) and the layer rule it serves: the
loader and the importer show hostile text the way the renderers do, without importing them."""

from __future__ import annotations

import ast
import doctest
import unicodedata
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from hsso_plan import textsafe
from hsso_plan.interchange import mspdi_read
from hsso_plan.loading import read_plan
from hsso_plan.render import text

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "hsso_plan"
#: Stages below the renderers: none may import `render` (nor the CLI).
BELOW_RENDER = ["loading", "checks", "scheduling", "migration", "model.py", "plan_index.py",
                "schedule.py", "diagnostics.py", "calendars.py", "progress.py", "textsafe.py",
                "interchange/mspdi.py", "interchange/mspdi_read.py"]


def test_examples_in_the_docstrings() -> None:
    """Tests the examples in textsafe's docstrings."""
    result = doctest.testmod(textsafe)
    assert result.attempted >= 2 and result.failed == 0


def test_one_home() -> None:
    """Tests that the renderers, the loader and the importer use the same functions."""
    from hsso_plan.loading import includes

    assert text.visible is textsafe.visible
    assert vars(mspdi_read)["one_line"] is textsafe.one_line
    assert vars(includes)["one_line"] is textsafe.one_line
    assert not hasattr(includes, "_printable")


@given(st.text())
def test_visible_leaves_no_control_character(s: str) -> None:
    """Tests `visible`: nothing that moves the cursor or reorders text survives, and text
    without such characters comes back unchanged."""
    shown = textsafe.visible(s)
    assert textsafe.CONTROL.search(shown) is None
    if textsafe.CONTROL.search(s) is None:
        assert shown == s


@given(st.text())
def test_one_line_is_one_printable_line(s: str) -> None:
    """Tests `one_line`: always printable (so one line, and valid in a TOML comment), and
    printable text without control characters comes back unchanged."""
    shown = textsafe.one_line(s)
    assert shown.isprintable()
    if s.isprintable() and textsafe.CONTROL.search(s) is None:
        assert shown == s


def test_one_line_escapes() -> None:
    """Tests the escapes: controls as control pictures (as on the terminal), C1 and bidi as
    ``\\x``/``\\u``, other non-printables (zero-width space, NBSP, beyond the BMP) too."""
    assert textsafe.one_line("a\x1b[2J\nb") == "a\u241b[2J\u240ab"
    assert textsafe.one_line("\x85\u202e") == "\\x85\\u202e"
    assert textsafe.one_line("x\u200by\xa0z") == "x\\u200by\\xa0z"
    unassigned = chr(0xE0080)
    assert unicodedata.category(unassigned) == "Cn"
    assert textsafe.one_line(unassigned) == "\\U000e0080"


def test_an_include_path_is_shown_like_any_plan_text(tmp_path: Path) -> None:
    """Tests E003 and E004 on include paths holding NUL, ESC and a bidi override: the
    messages show them the way every other output does, on one line."""
    main = tmp_path / "plan.toml"
    main.write_text('include = ["a\\u001b[31m\\u0000.toml", "../\\u202eb.toml"]\n'
                    '[project]\nname = "x"\nstart = 2017-01-02\n\n'
                    '[task.a]\nname = "A"\nduration = 1\n')
    got = {d.code: d.message for d in read_plan(main).diagnostics.items}
    assert "include 'a\u241b[31m\u2400.toml'" in got["E003"]
    assert "include '../\\u202eb.toml' is outside" in got["E004"]
    assert all(m.isprintable() for m in got.values())


def _imports(path: Path) -> set[str]:
    """The modules ``path`` imports, as absolute names (relative ones resolved)."""
    rel = path.relative_to(SRC.parent).with_suffix("")
    package = list(rel.parts[:-1])  # a package's __init__ is its own level 1
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            name = ".".join([*base, node.module] if node.module else base)
            found.add(name)
            found |= {f"{name}.{a.name}" for a in node.names}
    return found


def test_stages_below_render_do_not_import_it() -> None:
    """Tests the layer rule: the loader, checks, scheduler, migration, model and the MSPDI
    importer import neither `render` nor the CLI (they share `textsafe` instead)."""
    files = [f for name in BELOW_RENDER
             for f in ((SRC / name).rglob("*.py") if (SRC / name).is_dir() else [SRC / name])]
    assert len(files) > 30
    for f in files:
        bad = {m for m in _imports(f)
               if m.startswith(("hsso_plan.render", "hsso_plan.cli", "rich", "typer"))}
        assert not bad, (f.relative_to(SRC), bad)
