"""Levelling quality and speed on PSPLIB (the standard RCPSP benchmark).

Each instance is converted to a plan with all seven weekdays working (so working day k is
day k) and scheduled through the same code path as `hsso-plan schedule` (loader, checks,
levelling). Prints, per set: mean and worst deviation from the optimal (j30) or best-known
(j60, j120) makespan, instances hit exactly, and seconds per instance (in-process, plus the
measured CLI start-up for the end-to-end figure).

Usage:
  python benchmarks/bench_levelling.py                 # j30 and j120, every 4th instance
  python benchmarks/bench_levelling.py --sets j30 --step 1        # all 480 j30 instances
  python benchmarks/bench_levelling.py --sets j120 --vs-cpsat     # + CP-SAT given the same time
  python benchmarks/bench_levelling.py --sets j30 --cpsat 10      # CP-SAT mode, optimality proofs
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))

from psplib import read_sm, read_solutions, to_plan  # noqa: E402

from hsso_plan.app import run  # noqa: E402
from hsso_plan.scheduling import Options  # noqa: E402

PSPLIB = ROOT.parent / "shared" / "bench" / "psplib"
REF = {"j30": "j30opt.sm", "j60": "j60hrs.sm", "j120": "j120hrs.sm"}


def cli_startup(tmp: Path) -> float:
    """Seconds `hsso-plan schedule` takes on a trivial plan (interpreter and imports)."""
    exe = shutil.which("hsso-plan") or str(Path(sys.executable).parent / "hsso-plan")
    p = tmp / "tiny.toml"
    p.write_text('[project]\nname = "t"\nstart = 2017-01-02\n[task.a]\nname = "a"\n'
                 'duration = 1\n', encoding="utf-8")
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        subprocess.run([exe, "schedule", str(p), "-f", "json"], capture_output=True, check=True)
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="j30,j120")
    ap.add_argument("--step", type=int, default=4, help="take every STEP-th instance")
    ap.add_argument("--vs-cpsat", action="store_true",
                    help="also run CP-SAT alone for the time the heuristic took")
    ap.add_argument("--cpsat", type=float, default=0.0,
                    help="schedule with --solver cp-sat and this time limit")
    a = ap.parse_args()
    if not PSPLIB.exists():
        raise SystemExit(f"{PSPLIB} not found")
    tmp = Path(tempfile.mkdtemp(prefix="hsso-psplib-"))
    start_up = cli_startup(tmp)
    print(f"CLI start-up (trivial plan): {start_up:.2f} s\n")
    for name in a.sets.split(","):
        ref = read_solutions(PSPLIB / "solutions" / REF[name])
        files = sorted((PSPLIB / name).glob("*.sm"))[:: a.step]
        devs, secs, hits, optimal = [], [], 0, 0
        h_devs, c_devs, wins, losses, ties = [], [], 0, 0, 0
        for f in files:
            inst = read_sm(f)
            plan = tmp / f"{f.stem}.toml"
            plan.write_text(to_plan(inst), encoding="utf-8")
            opts = Options(solver="cp-sat", time_limit=a.cpsat) if a.cpsat else Options()
            t = time.perf_counter()
            out = run(plan, options=opts)
            el = time.perf_counter() - t
            assert out.ok and out.schedule is not None, [d.message for d in out.diagnostics]
            ms = max(t.early_start + t.duration for t in out.schedule.tasks)
            best = ref[f.stem]
            assert ms >= best or name != "j30", (f.stem, ms, best)
            devs.append((ms - best) / best * 100)
            secs.append(el)
            hits += ms == best
            optimal += bool(out.schedule.levelling.get("optimal"))
            if a.vs_cpsat:
                c = _cpsat_alone(out, el)
                h_devs.append(devs[-1])
                if c is not None:
                    c_devs.append((c - best) / best * 100)
                wins += c is None or ms < c
                losses += c is not None and ms > c
                ties += c is not None and ms == c
        what = "optimum" if name == "j30" else "best known"
        print(f"{name}: {len(files)} instances, mean {statistics.mean(devs):.2f}% above the "
              f"{what} (worst {max(devs):.1f}%), {hits} hit exactly")
        print(f"  seconds per instance in-process: mean {statistics.mean(secs):.2f}, "
              f"max {max(secs):.2f}; end to end (+start-up): max {max(secs) + start_up:.2f}")
        if a.cpsat:
            print(f"  CP-SAT ({a.cpsat:g} s limit): proven optimal on {optimal} of {len(files)}")
        if a.vs_cpsat:
            print(f"  vs CP-SAT alone, same time per instance: heuristic better on {wins}, "
                  f"CP-SAT better on {losses}, equal on {ties}; CP-SAT mean "
                  f"{statistics.mean(c_devs) if c_devs else float('nan'):.2f}% on the "
                  f"{len(c_devs)} instances where it found a schedule")
        print()
    shutil.rmtree(tmp, ignore_errors=True)


def _cpsat_alone(out: object, seconds: float) -> int | None:
    """CP-SAT from nothing (no hint) for ``seconds``: its makespan, or None if none found."""
    from hsso_plan.scheduling import build_network, make_calendars
    from hsso_plan.scheduling.cpsat import solve
    from hsso_plan.scheduling.levelling import _problem, capacity_model

    plan = out.loaded.plan  # type: ignore[attr-defined]
    cals = make_calendars(plan)
    net = build_network(plan, cals)
    cap = capacity_model(list(plan.resource.values()), cals)
    c = solve(_problem(net, cap, net.cal[0]), None, max(seconds, 0.05))
    return c.makespan if c.makespan >= 0 else None


if __name__ == "__main__":
    main()
