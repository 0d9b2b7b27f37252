"""Mutated plans never crash the checker, and every problem it reports has a location.

Seeded, so a failure reproduces: lines of the bundled plans are deleted, duplicated, cut
short or given odd values (wrong types, impossible dates, unknown ids), and the result must
be a list of located diagnostics, never an exception.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from hsso_plan.app import run

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "plans" / "hsso-2017.toml", ROOT / "plans" / "tutorial.toml",
           ROOT / "plans" / "example.toml", *sorted((ROOT / "tests/corpus/valid").glob("*.toml"))]
VALUES = ["0", "-1", '"x"', "2017-02-30", "2017-05-06", "[]", "{}", '"hsso-operational"',
          "true", "1.5", '"nsm-transfer"', "99999", '"ccac-nsm"', '["chris"]', "2016-01-01",
          "2030-01-01", '"FF"', '{ task = "x" }', '"{name}"', "[[1]]"]


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


@pytest.mark.parametrize("seed", range(4))
def test_mutated_plans_give_located_problems(seed: int, tmp_path: Path) -> None:
    """Tests 40 mutated plans per seed: no exception, every diagnostic located."""
    for sub in ("hsso-2017", "tutorial"):
        shutil.copytree(ROOT / "plans" / sub, tmp_path / sub)
    rng = random.Random(seed)
    for _ in range(40):
        src = rng.choice(SOURCES)
        p = tmp_path / src.name
        p.write_text(_mutate(src.read_text(encoding="utf-8"), rng), encoding="utf-8")
        out = run(p)
        for d in out.diagnostics:
            assert d.file and d.line and d.column, d
            assert d.message
