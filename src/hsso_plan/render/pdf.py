"""The report as PDF: the HTML report printed by headless Chromium.

Chromium prints our HTML as a browser does (the Gantt's folding, its landscape page and
repeated header, the SVG charts); docs/outputs.md has the measured comparison with
WeasyPrint. The engine is a program, not a Python package: `chromium` (or
``chromium-browser``, ``google-chrome``) on the PATH, or the one ``HSSO_CHROMIUM`` names.
Without it `missing` says what to install and the CLI exits 2 before any work.

The PDF is byte-stable for the same plan and the same Chromium build. Chromium writes two
things that vary from run to run, and both are set (`stable`) to values of the same length,
so the cross-reference offsets stay right: the creation and modification times (set to the
report's status date), and the ids of the tagged PDF's structure elements (``(node00000086)``:
the DOM's node ids, which start higher when the page happens to make more nodes before the
print, as under load), renumbered 1, 2, ... in their own order, which keeps the sorted ID
tree sorted. Another Chromium version writes other bytes (its name is in the file).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .registry import CannotRender

if TYPE_CHECKING:
    from .registry import RenderContext

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
#: Seconds one print may take (the 2017 plan prints in about 2 s).
TIMEOUT = 120
_STAMP = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}")
_NODE = re.compile(rb"\(node(\d{8})\)")


def engine() -> str | None:
    """The Chromium program to print with (None: none installed)."""
    named = os.environ.get("HSSO_CHROMIUM")
    if named:
        return shutil.which(named)
    return next((p for p in map(shutil.which, NAMES) if p), None)


def missing() -> str | None:
    """Why PDF cannot be written here (None: it can)."""
    if engine() is not None:
        return None
    if os.environ.get("HSSO_CHROMIUM"):
        return (f"the pdf format needs Chromium, and HSSO_CHROMIUM="
                f"{os.environ['HSSO_CHROMIUM']!r} is not a program on the PATH; "
                "point it at the chromium binary, or unset it")
    return ("the pdf format needs headless Chromium to print the HTML report: install it "
            "(Debian/Ubuntu: apt-get install chromium; macOS: brew install --cask chromium) "
            "or set HSSO_CHROMIUM to a Chrome or Chromium binary; or write HTML with "
            "--format html and print it from a browser")


def print_pdf(html: str, stamp: str) -> bytes:
    """``html`` printed to PDF; ``stamp`` (``YYYYMMDDHHMMSS``) its creation time."""
    program = engine()
    if program is None:
        raise CannotRender(missing() or "no PDF engine")
    with tempfile.TemporaryDirectory(prefix="hsso-pdf-") as tmp:
        page = Path(tmp) / "report.html"
        out = Path(tmp) / "report.pdf"
        page.write_text(html, encoding="utf-8")
        cmd = [program, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--disable-extensions", "--mute-audio",
               f"--user-data-dir={tmp}/profile", "--no-pdf-header-footer",
               f"--print-to-pdf={out}", page.as_uri()]
        try:
            done = subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, check=False,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise CannotRender(f"Chromium ({program}) did not print the report within "
                               f"{TIMEOUT} s") from None
        except OSError as e:
            raise CannotRender(f"cannot run Chromium ({program}): {e.strerror or e}") from None
        if not out.is_file() or out.stat().st_size == 0:
            last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
            raise CannotRender(f"Chromium ({program}) wrote no PDF (exit status "
                               f"{done.returncode}){': ' + last[0] if last else ''}")
        data = out.read_bytes()
    return stable(data, stamp)


def stable(data: bytes, stamp: str) -> bytes:
    """Chromium's ``data`` with its run-to-run bytes set (see the module's docstring): the
    times to ``stamp``, the structure element ids to their rank among the file's ids."""
    rank = {n: b"(node%08d)" % i
            for i, n in enumerate(sorted({int(d) for d in _NODE.findall(data)}), 1)}
    data = _NODE.sub(lambda m: rank[int(m.group(1))], data)
    return _STAMP.sub(lambda m: b"/" + m.group(1) + b" (D:" + stamp.encode("ascii"), data)


def from_context(ctx: RenderContext) -> bytes:
    from . import html_report

    return print_pdf(html_report.from_context(ctx),
                     ctx.report.as_of.strftime("%Y%m%d") + "000000")
