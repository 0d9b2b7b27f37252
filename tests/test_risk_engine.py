"""The risk engine against independent computations on small plans (docs/risk.md).

Reference values come from the distributions themselves or from direct numpy simulations
with their own random streams, never from the engine."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from hsso_plan.app import run
from hsso_plan.risk.analysis import analyse_risk, risk_of
from hsso_plan.risk.engine import Pins, simulate
from hsso_plan.risk.result import RiskResult
from hsso_plan.risk.sampling import inverse_cdf
from hsso_plan.scheduling import Options, build_network, make_calendars
from hsso_plan.scheduling.cpm import backward, forward

ROOT = Path(__file__).resolve().parent.parent
RUNS = 20_000
HEAD = """
[project]
name = "Risk"
start = 2017-01-02
"""


def _risk(path: Path, runs: int = RUNS, seed: int = 1) -> RiskResult:
    out = run(path)
    assert out.ok, [d.message for d in out.diagnostics]
    return risk_of(out, runs, seed)


def _index(r: RiskResult, tid: str, key: str) -> int:
    """A task's pXX finish as a working-day count from the start (Mon-Fri calendar)."""
    d = next(t for t in r.tasks if t.id == tid).finish[key]
    return int(np.busday_count("2017-01-02", d.isoformat()))


def _p(values: np.ndarray, q: int) -> int:
    s = np.sort(values)
    return int(s[math.ceil(q / 100 * len(s)) - 1])


@pytest.mark.parametrize("plan", [*sorted((ROOT / "tests" / "corpus" / "valid").glob("*.toml")),
                                  ROOT / "plans" / "example.toml",
                                  ROOT / "plans" / "hsso-2017.toml"],
                         ids=lambda p: p.stem)
def test_engine_reproduces_the_deterministic_passes(plan: Path) -> None:
    """Tests that with every duration at its most likely value, each run is the CPM schedule:
    the same starts, late starts and critical tasks (one and several calendars)."""
    out = run(plan, options=Options(levelling=False))
    assert out.loaded.plan is not None
    cals = make_calendars(out.loaded.plan)
    net = build_network(out.loaded.plan, cals)
    es, _ = forward(net)
    ls = backward(net, es)
    r = simulate(net, list(net.dur), 3)
    assert r.late_start is not None
    assert (r.start == np.array(es, dtype=np.int32)[:, None]).all()
    if not r.single:
        return  # late dates across calendars: see the test below
    assert (r.late_start == np.array(ls, dtype=np.int32)[:, None]).all()
    assert list(r.critical) == [3 if ls[t] <= es[t] else 0 for t in range(len(net))]


def test_late_dates_across_calendars_go_through_the_end_date(
        plan_file: Callable[[str], Path]) -> None:
    """Tests the backward pass across calendars by the contract's forward rule: a weekday
    task before a weekend crew that starts Saturday 2017-02-18 may finish on Friday the
    17th (its end date is then the Saturday), so its late start is Monday the 6th."""
    out = run(ROOT / "tests" / "corpus" / "valid" / "two-calendars.toml")
    plan = out.loaded.plan
    assert plan is not None
    net = build_network(plan, make_calendars(plan))
    r = simulate(net, list(net.dur), 2)
    assert r.late_start is not None
    assert net.cal[0].date(int(r.late_start[0, 0])).isoformat() == "2017-02-06"
    assert net.cal[1].date(int(r.late_start[1, 0])).isoformat() == "2017-02-18"


@pytest.mark.parametrize("dist", ["triangular", "pert", "uniform"])
def test_single_task_percentiles_are_the_distributions_own(
        plan_file: Callable[[str], Path], dist: str) -> None:
    """Tests that one ranged task's P10..P90 finish are those of its rounded distribution,
    computed from a direct numpy sample of the distribution (another random stream)."""
    r = _risk(plan_file(HEAD + f"""
[risk]
distribution = "{dist}"

[task.a]
name = "A"
duration = 10
duration_range = [6, 22]
"""))
    rng = np.random.default_rng(12345)
    n = 200_000
    if dist == "triangular":
        x = rng.triangular(6, 10, 22, n)
    elif dist == "pert":
        x = 6 + 16 * rng.beta(1 + 4 * 4 / 16, 1 + 4 * 12 / 16, n)
    else:
        x = rng.uniform(6, 22, n)
    dur = np.floor(x + 0.5)
    for key, q in (("p10", 10), ("p50", 50), ("p80", 80), ("p90", 90)):
        assert abs(_index(r, "a", key) - (_p(dur, q) - 1)) <= 1, key


def test_inverse_cdf_matches_the_distribution() -> None:
    """Tests the inverse CDFs against known quantiles (triangular median, uniform ends)."""
    u = np.array([0.0, 0.5, 1.0])
    tri = inverse_cdf("triangular", u, 0.0, 0.0, 10.0)
    assert tri[0] == 0 and tri[2] == 10
    assert tri[1] == pytest.approx(10 - math.sqrt(50))
    assert list(inverse_cdf("uniform", u, 2.0, 3.0, 6.0)) == [2.0, 4.0, 6.0]
    pert = inverse_cdf("pert", np.array([0.5]), 0.0, 5.0, 10.0)  # symmetric: median = mode
    assert pert[0] == pytest.approx(5.0, abs=1e-3)


def test_a_chain_finishes_at_the_sum(plan_file: Callable[[str], Path]) -> None:
    """Tests a chain of two ranged tasks against a direct simulation of the sum."""
    r = _risk(plan_file(HEAD + """
[task.a]
name = "A"
duration = 5
duration_range = [3, 12]

[task.b]
name = "B"
duration = 8
duration_range = [6, 15]
depends = ["a"]
"""))
    rng = np.random.default_rng(99)
    n = 200_000
    s = np.floor(rng.triangular(3, 5, 12, n) + 0.5) + np.floor(rng.triangular(6, 8, 15, n) + 0.5)
    for key, q in (("p10", 10), ("p50", 50), ("p80", 80), ("p90", 90)):
        assert abs(_index(r, "b", key) - (_p(s, q) - 1)) <= 1, key


def test_parallel_chains_show_merge_bias(plan_file: Callable[[str], Path]) -> None:
    """Tests that the P50 of a merge is later than either chain's P50 and matches a direct
    simulation of the later of the two."""
    r = _risk(plan_file(HEAD + """
[task.a]
name = "A"
duration = 10
duration_range = [8, 20]

[task.b]
name = "B"
duration = 10
duration_range = [8, 20]

[task.done]
name = "Both done"
duration = 0
depends = ["a", "b"]
"""))
    rng = np.random.default_rng(7)
    n = 200_000
    a = np.floor(rng.triangular(8, 10, 20, n) + 0.5)
    b = np.floor(rng.triangular(8, 10, 20, n) + 0.5)
    merge = _index(r, "done", "p50")
    assert merge > _index(r, "a", "p50") + 1 and merge > _index(r, "b", "p50") + 1
    assert abs(merge - _p(np.maximum(a, b), 50)) <= 1
    assert abs(_index(r, "done", "p90") - _p(np.maximum(a, b), 90)) <= 1


def test_an_event_delays_the_share_of_runs_it_happens_in(
        plan_file: Callable[[str], Path]) -> None:
    """Tests that an event of probability p delays about p of the runs, by its delay."""
    r = _risk(plan_file(HEAD + """
[task.a]
name = "A"
duration = 10
finish_no_later_than = 2017-01-13

[risk.strike]
name = "Strike"
probability = 0.3
delay = [5, 5]
tasks = ["a"]
"""))
    se = math.sqrt(0.3 * 0.7 / RUNS)
    assert abs(r.events[0].share - 0.3) < 4 * se
    assert r.deadlines[0].probability == pytest.approx(1 - r.events[0].share)
    assert _index(r, "a", "p50") == 9 and _index(r, "a", "p80") == 14
    assert r.drivers[0].id == "strike" and r.drivers[0].correlation > 0.9


def test_criticality_splits_between_two_equal_chains(
        plan_file: Callable[[str], Path]) -> None:
    """Tests that two equal chains share criticality: each about half, plus the runs where
    they tie (then both are critical), as a direct simulation of the tie rate says."""
    r = _risk(plan_file(HEAD + """
[task.a]
name = "A"
duration = 10
duration_range = [5, 30]

[task.b]
name = "B"
duration = 10
duration_range = [5, 30]
"""))
    crit = {t.id: t.criticality for t in r.tasks}
    rng = np.random.default_rng(3)
    n = 200_000
    a = np.floor(rng.triangular(5, 10, 30, n) + 0.5)
    b = np.floor(rng.triangular(5, 10, 30, n) + 0.5)
    tie = float(np.mean(a == b))
    assert abs(crit["a"] - crit["b"]) < 0.03
    assert abs(crit["a"] - (0.5 + tie / 2)) < 0.02
    assert abs(crit["a"] + crit["b"] - 1 - tie) < 0.02


def test_correlation_makes_tasks_slip_together(plan_file: Callable[[str], Path]) -> None:
    """Tests the shared factor: with correlation 0.9 the two durations are strongly rank
    correlated, without it they are not; each keeps its own distribution."""
    body = """
[workstream.it]
name = "IT"

[task.a]
name = "A"
duration = 10
workstream = "it"

[task.b]
name = "B"
duration = 10
workstream = "it"

[risk]
default_range = [-20, 50]
"""
    from hsso_plan.risk.inputs import risk_inputs
    from hsso_plan.risk.sampling import sample

    rhos = []
    for extra in ("", "[risk.workstreams.it]\ncorrelation = 0.9\n"):
        out = run(plan_file(HEAD + body + extra))
        plan = out.loaded.plan
        assert plan is not None and out.ok
        from hsso_plan.plan_index import PlanIndex

        inp = risk_inputs(plan, PlanIndex(plan))
        assert [(u.lo, u.mode, u.hi) for u in inp.ranged] == [(8, 10, 15), (8, 10, 15)]
        s = sample(inp, [10, 10], 20_000, 5)
        rhos.append(float(np.corrcoef(s.quantiles[0], s.quantiles[1])[0, 1]))
        assert abs(float(s.quantiles[0].mean()) - 0.5) < 0.01  # still uniform
    assert abs(rhos[0]) < 0.03
    assert rhos[1] > 0.85


def test_levelled_order_is_kept_so_no_run_overloads(plan_file: Callable[[str], Path]) -> None:
    """Tests that with levelling, tasks on a one-unit team never overlap in any run."""
    path = plan_file(HEAD + """
[resource.team]
capacity = 1

[task.a]
name = "A"
duration = 5
duration_range = [2, 12]
uses = { team = 1 }

[task.b]
name = "B"
duration = 5
duration_range = [2, 12]
uses = { team = 1 }

[task.c]
name = "C"
duration = 5
duration_range = [2, 12]
uses = { team = 1 }
""")
    out = run(path)
    plan, sched = out.loaded.plan, out.schedule
    assert plan is not None and sched is not None and sched.levelled
    from hsso_plan.risk.resources import with_resource_order

    cals = make_calendars(plan)
    net, links = with_resource_order(build_network(plan, cals),
                                     [t.early_start for t in sched.tasks])
    assert links == 2  # a chain of three, not all three pairs
    from hsso_plan.plan_index import PlanIndex
    from hsso_plan.risk.inputs import risk_inputs
    from hsso_plan.risk.sampling import sample

    s = sample(risk_inputs(plan, PlanIndex(plan)), list(net.dur), 5000, 2)
    r = simulate(net, s.dur, 5000)
    order = np.argsort(r.start, axis=0)
    for k in range(2):
        first = np.take_along_axis(r.end, order[k:k + 1], axis=0)
        second = np.take_along_axis(r.start, order[k + 1:k + 2], axis=0)
        assert (first <= second).all()
    res = analyse_risk(plan, sched, cals, 2000, 1)
    assert res.levelled and res.resource_links == 2


def test_progress_pins_hold(plan_file: Callable[[str], Path]) -> None:
    """Tests the progress inputs: a done task keeps its dates, a task under way runs its
    sampled remaining work from its release day, and its successor follows it."""
    out = run(plan_file(HEAD + """
[task.a]
name = "A"
duration = 5

[task.b]
name = "B"
duration = 5
depends = ["a"]

[task.c]
name = "C"
duration = 3
depends = ["b"]
"""))
    plan = out.loaded.plan
    assert plan is not None
    net = build_network(plan, make_calendars(plan))
    rem = np.array([2, 4, 6], dtype=np.int32)
    pins = Pins(start=[0, 6, None], end=[7, None, None], release=[None, 10, None])
    r = simulate(net, [5, rem, 3], 3, pins)
    assert r.start[0].tolist() == [0, 0, 0] and r.end[0].tolist() == [7, 7, 7]
    assert r.end[1].tolist() == [12, 14, 16]
    assert r.start[2].tolist() == [12, 14, 16]
    assert r.critical[0] == 0


def test_two_calendars_sampled(plan_file: Callable[[str], Path]) -> None:
    """Tests sampled runs across calendars: a weekend crew after a weekday task starts on
    the Saturday after the task's sampled finish, in every run (checked per run by dates)."""
    path = plan_file(HEAD + """
[calendar.weekend]
workdays = ["sat", "sun"]

[task.prep]
name = "Weekday preparation"
duration = 10
duration_range = [5, 20]

[task.w]
name = "Weekend cut-over"
duration = 2
duration_range = [1, 4]
calendar = "weekend"
depends = ["prep"]
""")
    out = run(path)
    plan = out.loaded.plan
    assert plan is not None and out.schedule is not None
    cals = make_calendars(plan)
    net = build_network(plan, cals)
    from hsso_plan.plan_index import PlanIndex
    from hsso_plan.risk.inputs import risk_inputs
    from hsso_plan.risk.sampling import sample

    s = sample(risk_inputs(plan, PlanIndex(plan)), list(net.dur), 500, 4)
    r = simulate(net, s.dur, 500)
    assert not r.single
    wk, wd = net.cal[1], net.cal[0]
    for k in range(500):
        finish = wd.date(int(r.end[0, k]) - 1)
        start = wk.date(int(r.start[1, k]))
        # the Saturday right after the finish (contract section 2), never a week later
        assert start.weekday() == 5 and 1 <= (start - finish).days <= 6
    res = analyse_risk(plan, out.schedule, cals, 500, 4)
    w = next(t for t in res.tasks if t.id == "w")
    assert w.finish["p10"] <= w.finish["p90"]
    assert w.finish["p90"].weekday() in (5, 6)


@pytest.mark.parametrize(("shape", "spread"), [((400, 3000), 200), ((30, 999), 5000),
                                               ((3, 7), 3), ((1, 1), 1), ((5, 20), 1)])
def test_percentile_rows_are_the_sorted_runs(shape: tuple[int, int], spread: int) -> None:
    """Tests the counted per-task percentiles (and the sorting fallback for rows spread
    wider than the runs are many) against the ceil(XX% N)-th smallest of np.sort."""
    from hsso_plan.risk.figures import percentile_rows

    rng = np.random.default_rng(spread)
    x = (rng.integers(0, spread, shape) + rng.integers(-60, 60, (shape[0], 1))).astype(np.int32)
    n = shape[1]
    want = np.sort(x, axis=1)[:, [math.ceil(q * n / 100) - 1 for q in (10, 50, 80, 90)]]
    assert (percentile_rows(x) == want).all()
