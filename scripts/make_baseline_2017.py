"""Regenerate plans/hsso-2017/baseline-2017-01.json: the 2017 plan as it might have stood in
January 2017. ILLUSTRATIVE: no January 2017 schedule of the transition was published, so
the baseline is today's plan with three durations set to the shorter, more hopeful values a
January plan would plausibly have held (ILLUSTRATIVE, not sourced):

- `email-platform`: 20 working days (the plan now says 25);
- `dashboard-platform`: 20 working days (now 30);
- each site's `clinical-lead` recruitment: 30 working days (now 40).

Every date and fixed transfer date is otherwise the plan's. The file is the plain output of
`hsso-plan schedule PLAN --format json`, so it is an ordinary baseline:

    hsso-plan schedule plans/hsso-2017.toml --baseline plans/hsso-2017/baseline-2017-01.json

Usage: python scripts/make_baseline_2017.py
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from hsso_plan.app import run  # noqa: E402
from hsso_plan.fileio import write_atomic  # noqa: E402
from hsso_plan.render.schedule_json import render  # noqa: E402

#: (table header, old duration, January duration)
JANUARY = [("[task.email-platform]", 25, 20), ("[task.dashboard-platform]", 30, 20),
           ("[template.ccac-to-lhin.task.clinical-lead]", 40, 30)]


def january(text: str) -> str:
    for header, now, then in JANUARY:
        block = re.search(re.escape(header) + r"[^\[]*", text)
        if block is None or f"duration = {now}" not in block.group(0):
            raise SystemExit(f"{header} no longer has duration = {now}: update JANUARY")
        text = text.replace(block.group(0), block.group(0).replace(
            f"duration = {now}", f"duration = {then}", 1))
    return text


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "plans" / "hsso-2017", work / "hsso-2017")
        src = (ROOT / "plans" / "hsso-2017.toml").read_text(encoding="utf-8")
        plan = work / "hsso-2017.toml"
        plan.write_text(january(src), encoding="utf-8")
        out = run(plan, "plans/hsso-2017.toml")
        if out.schedule is None or not out.ok:
            raise SystemExit([d.message for d in out.diagnostics])
        target = ROOT / "plans" / "hsso-2017" / "baseline-2017-01.json"
        write_atomic(target, render(out.schedule, out.migration))
        print(f"wrote {target.relative_to(ROOT)}: finish {out.schedule.finish}")


if __name__ == "__main__":
    main()
