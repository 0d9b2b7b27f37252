"""Benchmark: did-you-mean hints on plans full of unknown references (issue 11).

Usage: python benchmarks/bench_hints.py [--refs 3000] [--sites 2000]

Two plans, each loaded and checked through `app.run`:
- ``refs``: N tasks, each depending on a misspelt id (N unknown references, N candidates);
- ``sites``: one template whose task depends on a misspelt template task, instantiated by
  S sites (S unknown references, S x 2 candidates).
Prints wall-clock seconds and the number of diagnostics; hints must stay near-linear.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def refs_plan(n: int) -> str:
    out = ["[project]", 'name = "hints"', "start = 2017-01-02", ""]
    for i in range(n):
        out += [f"[task.task-{i:05d}]", f'name = "T{i}"', "duration = 1",
                f'depends = ["tsak-{i:05d}x"]', ""]
    return "\n".join(out)


def sites_plan(n: int) -> str:
    out = ["[project]", 'name = "hints"', "start = 2017-01-02", "",
           "[template.office.task.prep]", 'name = "Prep {site}"', "duration = 1", "",
           "[template.office.task.move]", 'name = "Move {site}"', "duration = 1",
           'depends = ["perp"]', "", "[site]"]
    out += [f's{i} = {{ template = "office", name = "S{i}" }}' for i in range(n)]
    return "\n".join(out) + "\n"


def measure(text: str) -> tuple[float, int]:
    from hsso_plan.app import run

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "plan.toml"
        p.write_text(text, encoding="utf-8")
        t0 = time.perf_counter()
        outcome = run(p)
        return time.perf_counter() - t0, len(outcome.diagnostics)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--refs", type=int, default=3000)
    ap.add_argument("--sites", type=int, default=2000)
    a = ap.parse_args()
    for label, text in ((f"{a.refs} unknown references", refs_plan(a.refs)),
                        (f"template typo x {a.sites} sites", sites_plan(a.sites)),
                        (f"template typo x {4 * a.sites} sites", sites_plan(4 * a.sites))):
        secs, n = measure(text)
        print(f"{label:<36} {secs:8.2f} s  {n} diagnostics")


if __name__ == "__main__":
    main()
