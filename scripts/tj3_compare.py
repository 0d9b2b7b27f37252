"""Export each bundled plan to TaskJuggler, schedule it with tj3, and count the tasks whose
start and finish equal ours: levelled (the default) and as with ``--no-level``.

Usage: PYTHONPATH=src python scripts/tj3_compare.py [PLAN.toml ...]

Needs `tj3` (Debian package tj3) on PATH. The same comparison is a test:
tests/test_tj3.py (the bundled-plan tests).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.tj3_support import TJ3, differences, our_dates, scheduled, tj3_dates  # noqa: E402


def main(argv: list[str]) -> int:
    if TJ3 is None:
        print("tj3 is not installed (Debian package tj3)", file=sys.stderr)
        return 2
    plans = [Path(a) for a in argv] or sorted((ROOT / "plans").glob("*.toml"))
    for plan in plans:
        for label, levelling in (("levelled", None), ("--no-level", False)):
            out = scheduled(plan, levelling)
            with tempfile.TemporaryDirectory() as tmp:
                theirs = tj3_dates(out, Path(tmp))
            ours = our_dates(out)
            diff = differences(ours, theirs)
            print(f"{plan.name:24} {label:10} {len(ours) - len(diff):4} of {len(ours):4} "
                  "tasks on tj3's dates")
            for tid, (a, b) in diff.items():
                print(f"  {tid}: ours {a}, tj3 {b}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
