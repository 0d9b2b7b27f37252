"""Regenerate the README's pictures of the reports (run after changing a renderer).

- docs/img/report-terminal.svg: the executive page of the terminal report of the real plan
  as it was run (plans/hsso-2017-status.toml, rich's SVG export).
- docs/img/report-html.png: a screenshot of the HTML report in headless Chromium
  (skipped when `chromium` is not installed: `apt-get install chromium`).

Usage: python scripts/make_readme_images.py
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from rich.console import Console

from hsso_plan.app import run
from hsso_plan.render import html_report, terminal_report
from hsso_plan.render.report_model import ReportOptions, build

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "docs" / "img"


def main() -> None:
    status = run(ROOT / "plans" / "hsso-2017-status.toml")
    assert status.schedule is not None and status.loaded.plan is not None
    rep = build(status.loaded.plan, status.schedule, status.migration, status.diagnostics,
                ReportOptions(sections=("summary", "readiness", "gantt"), chosen=True),
                status.index)
    out = run(ROOT / "plans" / "hsso-2017.toml")
    assert out.schedule is not None and out.loaded.plan is not None
    console = Console(record=True, width=118, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor")
    console.print(terminal_report.render(rep, 118))
    IMG.mkdir(parents=True, exist_ok=True)
    console.save_svg(str(IMG / "report-terminal.svg"), title="hsso-plan report")
    chromium = shutil.which("chromium")
    if chromium is None:
        print("chromium not installed: the HTML screenshot was not refreshed")
        return
    full = build(out.loaded.plan, out.schedule, out.migration, out.diagnostics,
                 ReportOptions())
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html_report.render(full), encoding="utf-8")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={tmp}/profile", "--window-size=1280,1100",
                        f"--screenshot={IMG / 'report-html.png'}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)
    print(f"wrote {IMG / 'report-terminal.svg'} and {IMG / 'report-html.png'}")


if __name__ == "__main__":
    main()
