"""Dates equal TaskJuggler 3's on the subset it expresses (skips without `tj3`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hsso_plan.app import run
from hsso_plan.interchange import tjp

from .tj3_support import TJ3, random_tj_plan, tj3_dates, tjp_text

pytestmark = pytest.mark.skipif(TJ3 is None, reason="tj3 (Debian package tj3) not installed")


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(12))
def test_dates_equal_taskjuggler(seed: int, tmp_path: Path) -> None:
    """Tests that every task's start and finish equal tj3's on a random FS/SS plan."""
    p = tmp_path / "plan.toml"
    p.write_text(random_tj_plan(seed), encoding="utf-8")
    out = run(p)
    assert out.ok and out.schedule is not None and out.loaded.plan is not None
    theirs = tj3_dates(out.loaded.plan, tmp_path)
    ours = {t.id: (t.start, t.finish) for t in out.schedule.tasks}
    diff = {k: (ours[k], theirs[k]) for k in ours if ours[k] != theirs[k]}
    assert not diff


def test_unsupported_features_are_refused(tmp_path: Path) -> None:
    """Tests that the exporter refuses what TaskJuggler would schedule differently."""
    p = tmp_path / "plan.toml"
    p.write_text('[project]\nname = "x"\nstart = 2017-01-02\n[task.a]\nname = "A"\n'
                 'duration = 1\n[task.b]\nname = "B"\nduration = 1\n'
                 'depends = [{ task = "a", type = "FF", lag = -1 }]\n', encoding="utf-8")
    plan = run(p).loaded.plan
    assert plan is not None
    with pytest.raises(tjp.UnsupportedForTaskJuggler, match="FF dependency"):
        tjp_text(plan)


@pytest.mark.slow
def test_start_to_start_between_milestones_is_accepted(tmp_path: Path) -> None:
    """Tests that an SS link joining two milestones exports as a plain dependency that tj3
    accepts and schedules on our dates (tj3 calls `onstart` there a dependency loop)."""
    p = tmp_path / "plan.toml"
    p.write_text('[project]\nname = "x"\nstart = 2017-01-02\n'
                 '[task.w]\nname = "Work"\nduration = 3\n'
                 '[task.a]\nname = "A"\nduration = 0\ndepends = ["w"]\n'
                 '[task.b]\nname = "B"\nduration = 0\n'
                 'depends = [{ task = "a", type = "SS", lag = 2 }]\n'
                 '[task.c]\nname = "C"\nduration = 2\n'
                 'depends = [{ task = "b", type = "SS" }]\n', encoding="utf-8")
    out = run(p)
    assert out.ok and out.schedule is not None and out.loaded.plan is not None
    assert "onstart" not in tjp_text(out.loaded.plan)
    theirs = tj3_dates(out.loaded.plan, tmp_path)
    ours = {t.id: (t.start, t.finish) for t in out.schedule.tasks}
    assert ours == theirs
