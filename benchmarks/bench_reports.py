"""Report rendering speed on the real plan (target: the HTML report in under a second).

Prints the end-to-end wall time of `hsso-plan report plans/hsso-2017.toml` per format
(median of 5 runs, including start-up, checking and scheduling), and the in-process time of
the rendering step alone.

Usage: python benchmarks/bench_reports.py
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hsso_plan.app import run
from hsso_plan.render import registry

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "plans" / "hsso-2017.toml"


def main() -> None:
    exe = shutil.which("hsso-plan") or str(Path(sys.executable).parent / "hsso-plan")
    tmp = Path(tempfile.mkdtemp())
    print(f"plan: {PLAN.relative_to(ROOT)}")
    for fmt, lang in (("html", "en"), ("html", "fr"), ("markdown", "en"), ("json", "en"),
                      ("terminal", "en")):
        runs = []
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run([exe, "report", str(PLAN), "-f", fmt, "--lang", lang, "-o",
                            str(tmp / f"r.{fmt}")], check=True, capture_output=True)
            runs.append(time.perf_counter() - t)
        print(f"hsso-plan report -f {fmt:<8} --lang {lang}: {statistics.median(runs):.2f} s "
              "end to end")
    out = run(PLAN)
    assert out.schedule is not None and out.loaded.plan is not None
    for fmt in registry.formats("report"):  # every registered report format
        t = time.perf_counter()
        ctx = registry.RenderContext.of(out, registry.RenderOptions(width=120))
        fmt.render(ctx)  # builds the report model, then renders it
        print(f"build + render {fmt.name:<8}: {time.perf_counter() - t:.3f} s in-process")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
