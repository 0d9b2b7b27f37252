"""Regenerate the README's pictures of the reports (run after changing a renderer).

- docs/img/report-terminal.svg: the executive page of the terminal report of the real plan
  as it was run (plans/hsso-2017-status.toml, rich's SVG export).
- docs/img/report-html.png: the HTML report of the 2017 plan as it was run (status date
  2017-04-21, January baseline) on a 1280 px screen, in headless Chromium.
- docs/img/report-print-N.png: its first printed pages (`report --format pdf`, Chromium's
  print to PDF), rasterised by pdftoppm.

The HTML and print pictures are skipped when `chromium` or `pdftoppm` is not installed
(`apt-get install chromium poppler-utils`).

Usage: python scripts/make_readme_images.py
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from rich.console import Console

from hsso_plan import baseline
from hsso_plan.app import run
from hsso_plan.render import html_report, terminal_report
from hsso_plan.render.pdf import engine, print_pdf
from hsso_plan.render.registry import RenderContext
from hsso_plan.render.report_model import ReportOptions, build
from hsso_plan.scheduling import Options

ROOT = Path(__file__).resolve().parent.parent
IMG = ROOT / "docs" / "img"
#: The printed pages shown: the executive page, the readiness table, the Gantt's first
#: landscape page.
PRINT_PAGES = 3


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
    chromium = engine()
    if chromium is None or shutil.which("pdftoppm") is None:
        print("chromium or pdftoppm not installed: the HTML and print pictures were not "
              "refreshed")
        return
    tracked = run(ROOT / "plans" / "hsso-2017-status.toml", options=Options(
        baseline=baseline.load(ROOT / "plans" / "hsso-2017" / "baseline-2017-01.json",
                               "plans/hsso-2017/baseline-2017-01.json")))
    html = html_report.from_context(RenderContext.of(tracked))
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "report.html"
        page.write_text(html, encoding="utf-8")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={tmp}/profile", "--window-size=1280,1700",
                        "--hide-scrollbars", f"--screenshot={IMG / 'report-html.png'}",
                        page.as_uri()], check=True, capture_output=True, timeout=120)
        pdf = Path(tmp) / "report.pdf"
        pdf.write_bytes(print_pdf(html, "20170421000000"))
        for old in IMG.glob("report-print-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", str(PRINT_PAGES),
                        str(pdf), str(Path(tmp) / "p")], check=True, timeout=120)
        for png in Path(tmp).glob("p-*.png"):  # pdftoppm pads to the page count's digits
            png.rename(IMG / f"report-print-{int(png.stem[2:]):02d}.png")
    print(f"wrote {IMG / 'report-terminal.svg'}, {IMG / 'report-html.png'} and "
          f"{PRINT_PAGES} pages {IMG / 'report-print-N.png'}")


if __name__ == "__main__":
    main()
