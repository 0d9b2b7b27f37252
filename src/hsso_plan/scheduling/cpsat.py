"""Exact or improving levelling with OR-Tools CP-SAT (the optional `optimize` extra).

The same integer-time problem as `rcpsp`: a start variable and a fixed-size interval per
task, ``s[b] >= s[a] + delta`` for every dependency, one cumulative constraint per resource
(capacity dips - changes, a team's days off - are fixed blocking intervals), releases and
fixed starts, and the latest finish minimised. The heuristic's schedule is the hint and the
upper bound, so CP-SAT can only return something at least as good.

CP-SAT stops at the wall-clock ``time_limit``; with several workers its path differs from run
to run, so unlike the default heuristic its result may change between runs (never for the
worse than the hint).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (the CLI imports this module for SolverUnavailable alone)
    from .rcpsp import Problem


class SolverUnavailable(RuntimeError):
    """OR-Tools is not installed."""


@dataclass
class CpSatResult:
    start: list[int]
    makespan: int
    optimal: bool
    status: str
    lower_bound: int


def solve(p: Problem, hint: list[int] | None, time_limit: float = 10.0,
          workers: int = 0) -> CpSatResult:
    """Minimise the finish; ``hint`` (a feasible schedule) bounds and seeds the search."""
    try:
        from ortools.sat.python import cp_model
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise SolverUnavailable("CP-SAT needs OR-Tools: pip install 'hsso-plan[optimize]'") \
            from e
    from .rcpsp import makespan

    n = p.n
    horizon = makespan(p, hint) if hint is not None else p.horizon()
    m = cp_model.CpModel()
    starts = []
    intervals = []
    for i in range(n):
        d = p.dur[i]
        f = p.fixed[i]
        if f is not None:
            s = m.new_constant(f)
        else:
            s = m.new_int_var(p.release[i], max(p.release[i], horizon - d), f"s{i}")
        starts.append(s)
        intervals.append(m.new_fixed_size_interval_var(s, d, f"i{i}"))
    for b in range(n):
        for a, delta in p.preds[b]:
            m.add(starts[b] >= starts[a] + delta)
    for r in range(len(p.capacity_tail)):
        users = [(i, u) for i in range(n) for rr, u in p.req[i] if rr == r and p.dur[i]]
        if not users:
            continue
        caps = [p.cap(r, t) for t in range(horizon)]
        top = max(caps) if caps else p.capacity_tail[r]
        ivs = [intervals[i] for i, _ in users]
        dem = [u for _, u in users]
        t = 0
        while t < horizon:  # block each run of reduced capacity with a fixed interval
            if caps[t] < top:
                stop = t
                while stop < horizon and caps[stop] == caps[t]:
                    stop += 1
                ivs.append(m.new_fixed_size_interval_var(t, stop - t, f"dip{r}_{t}"))
                dem.append(top - caps[t])
                t = stop
            else:
                t += 1
        m.add_cumulative(ivs, dem, top)
    end = m.new_int_var(0, horizon, "end")
    for i in range(n):
        m.add(end >= starts[i] + p.dur[i])
    m.minimize(end)
    if hint is not None:
        for i in range(n):
            if p.fixed[i] is None:
                m.add_hint(starts[i], hint[i])
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    if workers:
        solver.parameters.num_workers = workers
    status = solver.solve(m)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        if hint is None:
            return CpSatResult([], -1, False, solver.status_name(status), 0)
        return CpSatResult(hint, horizon, False, solver.status_name(status), 0)
    got = [int(solver.value(s)) for s in starts]
    ms = makespan(p, got)
    if hint is not None and ms > horizon:  # pragma: no cover - the hint bounds the model
        got, ms = hint, horizon
    return CpSatResult(got, ms, status == cp_model.OPTIMAL, solver.status_name(status),
                       int(solver.best_objective_bound))
