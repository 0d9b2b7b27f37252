"""Mutated plans never crash the checker, and every problem it reports has a location.

Seeded, so a failure reproduces: lines of the bundled plans are deleted, duplicated, cut
short or given odd values (wrong types, impossible dates, unknown ids), and the result must
be a list of located diagnostics, never an exception. A diagnostic about a key the file
holds must be on a line that names the key (or its table): never a fallback to 1:1 (the
start of the file) when the key is written elsewhere.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pytest
import toml_rs

from hsso_plan.app import Outcome, run

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "plans" / "hsso-2017.toml", ROOT / "plans" / "tutorial.toml",
           ROOT / "plans" / "example.toml", *sorted((ROOT / "tests/corpus/valid").glob("*.toml"))]
VALUES = ["0", "-1", '"x"', "2017-02-30", "2017-05-06", "[]", "{}", '"hsso-operational"',
          "true", "1.5", '"nsm-transfer"', "99999", '"ccac-nsm"', '["chris"]', "2016-01-01",
          "2030-01-01", '"FF"', '{ task = "x" }', '"{name}"', "[[1]]",
          # values over several lines, with lines that look like table headers
          '"""\n[task.zz]\n\\"""\n[[task]]\n"""', "'''\n[task.zz]\n'''", '[\n  "a",\n  [1]\n]']


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines))
        op = rng.random()
        if op < 0.3:
            del lines[i]
        elif op < 0.7 and " = " in lines[i]:
            lines[i] = f"{lines[i].split(' = ')[0]} = {rng.choice(VALUES)}"
        elif op < 0.85:
            lines.insert(rng.randrange(len(lines)), lines[i])
        else:
            lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
    return ("\r\n" if rng.random() < 0.2 else "\n").join(lines)  # Windows files too


def _exists(doc: Any, path: tuple[str | int, ...]) -> int:
    """How many leading parts of ``path`` name keys (or list items) present in ``doc``."""
    n = 0
    for part in path:
        held = part in doc if isinstance(doc, dict) else \
            isinstance(doc, list) and isinstance(part, int) and part < len(doc)
        if not held:
            break
        doc = doc[part]
        n += 1
    return n


def _file_path(out: Outcome, file: str, path: tuple[str | int, ...]) -> tuple[Any, list[Any]]:
    """The parsed file named ``file`` (None if it does not parse) and ``path`` as written
    there: the merged plan's path and, for an entry from a template, the template's."""
    f = next((f for f in out.loaded.files if f.display == file), None)
    if f is None or not path:
        return None, []
    try:
        doc = toml_rs.loads(f.text, toml_version="1.0.0")
    except Exception:
        return None, []  # the file did not parse: its one problem is placed by the parser
    org = out.loaded.origin.get((str(path[0]), str(path[1]))) if len(path) >= 2 else None
    paths = [(*org.path, *path[2:]) if org is not None else path]  # where it was written
    return (f.text.removeprefix("\ufeff").split("\n"), doc), paths


def _misplaced(out: Outcome, file: str, line: int, path: tuple[str | int, ...]) -> str | None:
    """Why ``file:line`` is the wrong place for ``path``, or None if it may be right.

    A key the file holds must be reported on a line that names it (or names the table or
    key that holds it); in particular not at 1:1 when the key is written elsewhere. A path
    the file does not hold (a whole-plan problem) may be anywhere.
    """
    parsed, paths = _file_path(out, file, path)
    if parsed is None:
        return None
    lines, doc = parsed
    text = lines[line - 1]
    for p in paths:
        n = _exists(doc, p)
        keys = [str(k) for k in p[:n] if isinstance(k, str)]
        if not n or isinstance(p[n - 1], int):
            continue  # nothing of it in this file, or a list item (on a line of its own)
        if keys[-1] not in text and (len(keys) < 2 or keys[-2] not in text):
            return f"{p[:n]} is in {file} but line {line} does not name it: {text!r}"
    return None


def _check_located(out: Outcome) -> None:
    for d in out.diagnostics:
        assert d.file and d.line and d.column, d
        assert d.message
        assert (why := _misplaced(out, d.file, d.line, d.path)) is None, (why, d)
        for r in d.related:
            assert r.file and r.line and r.column, (r, d)
            assert (why := _misplaced(out, r.file, r.line, r.path)) is None, (why, r, d)


@pytest.mark.parametrize("seed", range(12))
def test_mutated_plans_give_located_problems(seed: int, tmp_path: Path) -> None:
    """Tests 40 mutated plans per seed: no exception, every diagnostic on its key's line."""
    for sub in ("hsso-2017", "tutorial"):
        shutil.copytree(ROOT / "plans" / sub, tmp_path / sub)
    rng = random.Random(seed)
    for _ in range(40):
        src = rng.choice(SOURCES)
        p = tmp_path / src.name
        p.write_text(_mutate(src.read_text(encoding="utf-8"), rng), encoding="utf-8")
        _check_located(run(p))
