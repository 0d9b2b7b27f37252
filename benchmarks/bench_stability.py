"""Stable re-levelling (issue 9): move one transfer of the real plan by a week and count the
tasks that move at OTHER sites, without and with a baseline.

Without a baseline the levelling search starts afresh on the changed plan, so a slip at one
site can reshuffle the shared teams everywhere. With the original schedule as the baseline,
levelling keeps each resource's baseline order (one serial pass by baseline start), so only
what capacity or logic forces moves. "Moved" is against the original schedule in both cases.

Prints one line per site (the transfer moved) and the totals.

Usage: python benchmarks/bench_stability.py [--plan plans/hsso-2017.toml] [--site nsm]
       [--days 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from hsso_plan.app import run  # noqa: E402
from hsso_plan.baseline import parse  # noqa: E402
from hsso_plan.render.schedule_json import render  # noqa: E402
from hsso_plan.schedule import Schedule  # noqa: E402
from hsso_plan.scheduling import Options  # noqa: E402

SITE_DATE = re.compile(r"(\[site\.([\w-]+)\][^\[]*?^date = )(\d{4}-\d\d-\d\d)", re.M | re.S)


def sched(path: Path, options: Options | None = None) -> Schedule:
    out = run(path, options=options)
    assert out.schedule is not None, [d.message for d in out.diagnostics]
    return out.schedule


def moved_elsewhere(base: dict[str, tuple[dt.date, dt.date]], s: Schedule, site: str,
                    sites: list[str]) -> tuple[int, int]:
    """(tasks moved at other sites, number of other sites touched)."""
    touched: set[str] = set()
    n = 0
    for t in s.tasks:
        if base.get(t.id, (t.start, t.finish)) == (t.start, t.finish):
            continue
        owner = next((x for x in sites if t.id.startswith(x + "-")), None)
        if owner is not None and owner != site:
            n += 1
            touched.add(owner)
    return n, len(touched)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--plan", type=Path, default=HERE.parent / "plans" / "hsso-2017.toml")
    ap.add_argument("--site", default=None, help="only this site (default: each in turn)")
    ap.add_argument("--days", type=int, default=7, help="calendar days to move it by")
    a = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="hsso-stability-"))
    work = tmp / "plan"
    shutil.copytree(a.plan.parent, work)
    main_file = work / a.plan.name
    sites_file = next(p for p in work.rglob("*.toml") if SITE_DATE.search(p.read_text()))
    original = sites_file.read_text(encoding="utf-8")
    sites = [m.group(2) for m in SITE_DATE.finditer(original)]

    s0 = sched(main_file)
    baseline = parse(render(s0).encode(), "original")
    base = baseline.tasks
    print(f"{a.plan.name}: {len(s0.tasks)} tasks, finish {s0.finish}; each transfer moved "
          f"by {a.days} days; tasks moved at OTHER sites (sites touched)")
    print(f"{'site':<10} {'no baseline':>16} {'with baseline':>16}")
    tot = [0, 0]
    for site in [a.site] if a.site else sites:
        def shift(m: re.Match[str], site: str = site) -> str:
            if m.group(2) != site:
                return m.group(0)
            d = dt.date.fromisoformat(m.group(3)) + dt.timedelta(days=a.days)
            return m.group(1) + d.isoformat()

        sites_file.write_text(SITE_DATE.sub(shift, original), encoding="utf-8")
        plain = moved_elsewhere(base, sched(main_file), site, sites)
        stable = moved_elsewhere(base, sched(main_file, Options(baseline=baseline)), site,
                                 sites)
        tot[0] += plain[0]
        tot[1] += stable[0]
        print(f"{site:<10} {plain[0]:>10} ({plain[1]:>2}) {stable[0]:>10} ({stable[1]:>2})")
    sites_file.write_text(original, encoding="utf-8")
    print(f"{'total':<10} {tot[0]:>16} {tot[1]:>16}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
