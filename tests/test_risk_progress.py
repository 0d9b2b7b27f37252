"""Risk runs that respect progress (contract sections 4 and 6, docs/risk.md "Progress").

The reference simulation below draws its own numbers (numpy's triangular sampler, another
seed) and schedules the three tasks by hand from the documented rules; it uses nothing of
`hsso_plan.risk`."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from hsso_plan.app import Outcome, run
from hsso_plan.progress import DONE
from hsso_plan.risk.analysis import plan_runs, risk_of
from hsso_plan.risk.engine import Pins, simulate
from hsso_plan.risk.result import RiskResult, TaskRisk
from hsso_plan.scheduling import build_network, make_calendars

ROOT = Path(__file__).resolve().parent.parent
STATUS = ROOT / "plans" / "hsso-2017-status.toml"
LEVELS = ("p10", "p50", "p80", "p90")

SMALL = """
[project]
name = "Progress risk"
start = 2017-01-02
{status}

[risk]
distribution = "triangular"

[risk.vendor]
name = "Vendor slips"
probability = 0.3
delay = [2, 4]
tasks = ["a", "b"]

[task.a]
name = "Done work"
duration = 10
duration_range = [8, 14]

[task.b]
name = "Work under way"
duration = 10
duration_range = [8, 16]
depends = ["a"]

[task.c]
name = "Work not started"
duration = 5
duration_range = [4, 9]
depends = ["b"]

[task.d]
name = "Work not started, no predecessor"
duration = 3
duration_range = [2, 6]
{progress}
"""
STATUS_LINE = "status_date = 2017-01-20"
PROGRESS = """
[progress.a]
actual_start = 2017-01-02
actual_finish = 2017-01-13

[progress.b]
actual_start = 2017-01-16
"""


def _small(plan_file: Callable[[str], Path], progress: bool) -> Path:
    return plan_file(SMALL.format(status=STATUS_LINE if progress else "",
                                  progress=PROGRESS if progress else ""))


def _outcome(path: Path) -> Outcome:
    out = run(path)
    assert out.schedule is not None and out.loaded.plan is not None, \
        [d.message for d in out.diagnostics]
    return out


def _task(r: RiskResult, tid: str) -> TaskRisk:
    return next(t for t in r.tasks if t.id == tid)


def _wd(d: dt.date) -> int:
    """Working days from the project start (Mon-Fri, no holidays) to ``d``."""
    return int(np.busday_count("2017-01-02", d.isoformat()))


def _p(values: np.ndarray, q: int) -> int:
    s = np.sort(values)
    return int(s[math.ceil(q / 100 * len(s)) - 1])


@pytest.fixture(scope="module")
def status() -> tuple[Outcome, RiskResult]:
    out = _outcome(STATUS)
    return out, risk_of(out, 4000, 1)


def test_engine_at_the_most_likely_values_is_the_status_schedule() -> None:
    """Tests that the pins come from the scheduler's own progress facts: with every duration
    at its most likely value (an under-way task's: its remaining work) each run is the
    levelled deterministic schedule of the status plan, task by task."""
    out = _outcome(STATUS)
    plan, sched = out.loaded.plan, out.schedule
    assert plan is not None and sched is not None
    pr = plan_runs(plan, sched, make_calendars(plan), 2, 1)
    assert pr.pins is not None and pr.links > 0
    r = simulate(pr.net, pr.pins.work(pr.net.dur), 2, pr.pins)
    assert r.start[:, 0].tolist() == [t.early_start for t in sched.tasks]
    finish = [pr.net.cal[t].date(int(r.finish(t)[0])) for t in range(len(pr.net))]
    for t, st in enumerate(sched.tasks):
        if not (pr.pins.done(t) and st.finish.weekday() >= 5):  # off-calendar actuals
            assert finish[t] == st.finish, st.id


def test_done_tasks_are_fixed_at_their_actual_finish(status: tuple[Outcome, RiskResult]) -> None:
    """Tests that every done task's P10 = P50 = P80 = P90 = its actual finish (tc-signoff's
    is a Saturday, off the calendar), it is never critical and it is not uncertain."""
    out, res = status
    plan = out.loaded.plan
    assert plan is not None
    done = {tid: p.actual_finish or p.actual_start for tid, p in plan.progress.items()
            if p.actual_finish is not None or plan.task[tid].duration == 0}
    assert len(done) > 100 and dt.date(2017, 4, 15) in done.values()
    for tid, finish in done.items():
        t = _task(res, tid)
        assert [t.finish[k] for k in LEVELS] == [finish] * 4, tid
        assert t.criticality == 0 and not t.uncertain, tid


def test_nothing_not_started_starts_by_the_status_date() -> None:
    """Tests every run of the status plan: a task not started starts after the status date
    (2017-04-21), a started one on its actual start; a task under way finishes after it."""
    out = _outcome(STATUS)
    plan, sched = out.loaded.plan, out.schedule
    assert plan is not None and sched is not None
    pr = plan_runs(plan, sched, make_calendars(plan), 3000, 5)
    d = dt.date(2017, 4, 21)
    cals, r = pr.net.cal, pr.runs
    started = 0
    for t, tid in enumerate(pr.net.ids):
        first = cals[t].date(int(r.start[t].min()))
        p = plan.progress.get(tid)
        if p is None or p.actual_start is None:
            assert first > d, tid
            continue
        started += 1
        act = pr.net.actual[t]
        assert (r.start[t] == act.start).all(), tid
        if act.status != DONE:
            assert cals[t].date(int(r.finish(t).min())) > d, tid
    assert started == len(pr.net.actual) > 100


def test_p10_start_after_the_status_date(status: tuple[Outcome, RiskResult]) -> None:
    """Tests the figures users read: no task not started has a P10 finish on or before the
    status date, and the fixed transfers keep their dates in every run."""
    out, res = status
    plan = out.loaded.plan
    assert plan is not None
    d = dt.date(2017, 4, 21)
    for t in res.tasks:
        p = plan.progress.get(t.id)
        if p is None or p.actual_start is None:
            assert t.finish["p10"] > d, t.id
    fixed = [tr for tr in res.transfers if tr.fixed]
    assert fixed
    for tr in fixed:
        assert [tr.dates[k] for k in LEVELS] == [tr.date] * 4


def test_under_way_spread_is_narrower_than_not_started(
        plan_file: Callable[[str], Path]) -> None:
    """Tests that a task under way (5 of 10 days left, range [8, 16] scaled to [4, 8])
    spreads less than the same task not started at the same status date (a done in both),
    and that the project P50 moves with progress."""
    under_way = risk_of(_outcome(_small(plan_file, True)), 10_000, 2)
    a_only = plan_file(SMALL.format(status=STATUS_LINE,
                                    progress=PROGRESS[:PROGRESS.index("[progress.b]")]))
    not_started = risk_of(_outcome(a_only), 10_000, 2)
    without = risk_of(_outcome(_small(plan_file, False)), 10_000, 2)

    def spread(r: RiskResult) -> int:
        b = _task(r, "b")
        return _wd(b.finish["p90"]) - _wd(b.finish["p10"])

    assert 0 < spread(under_way) < spread(not_started)
    assert _wd(_task(not_started, "b").finish["p10"]) >= 15 + 8 - 1  # from N, whole range
    assert under_way.finish["p50"] != without.finish["p50"]


def test_status_plan_figures_differ_from_the_plan_without_progress(
        status: tuple[Outcome, RiskResult]) -> None:
    """Tests that progress reaches the real plan's figures: the status plan's done work
    leaves fewer uncertain tasks, and the finish distribution differs from the plan's."""
    _, res = status
    plain = risk_of(_outcome(ROOT / "plans" / "hsso-2017.toml"), 4000, 1)
    assert res.uncertain_tasks < plain.uncertain_tasks
    assert res.histogram != plain.histogram


def test_matches_an_independent_simulation(plan_file: Callable[[str], Path]) -> None:
    """Tests a done, an under-way and two not-started tasks against a direct simulation.

    Status date Fri 2017-01-20, so N = Mon 2017-01-23 = working day 15. a is done on days
    0..9 (the event cannot delay it). b started on day 10; its remaining work defaults to
    max(1, 10 - 5) = 5 days, sampled from its range scaled by 5/10: triangular(4, 5, 8),
    rounded halves up, plus the event's delay; it runs from day 15. c follows b; d has no
    predecessor but cannot start before day 15."""
    runs = 20_000
    res = risk_of(_outcome(_small(plan_file, True)), runs, 9)
    rng = np.random.default_rng(12345)

    def tri(lo: float, mode: float, hi: float) -> np.ndarray:
        return np.floor(rng.triangular(lo, mode, hi, runs) + 0.5).astype(int)

    happens = rng.random(runs) < 0.3
    delay = np.where(happens, rng.integers(2, 5, runs), 0)
    b_rem = tri(4, 5, 8) + delay
    c = tri(4, 5, 9)
    d = tri(2, 3, 6)
    n = 15
    ref = {"a": np.full(runs, 9), "b": n + b_rem - 1, "c": n + b_rem + c - 1,
           "d": n + d - 1}
    ref_finish = np.maximum.reduce([ref["a"], ref["b"], ref["c"], ref["d"]])
    for tid, fin in ref.items():
        got = _task(res, tid).finish
        for k in LEVELS:
            assert abs(_wd(got[k]) - _p(fin, int(k[1:]))) <= 1, (tid, k)
    for k in LEVELS:
        assert abs(_wd(res.finish[k]) - _p(ref_finish, int(k[1:]))) <= 1, k
    assert _task(res, "a").finish["p90"] == dt.date(2017, 1, 13)
    # d starts on N in every run (a P10 finish of day 15 + 2 - 1 at the earliest)
    assert _wd(_task(res, "d").finish["p10"]) >= n + 1
    # the event now only touches b: it still happens in about 30% of the runs
    ev = res.events[0]
    assert ev.tasks == 1 and abs(ev.share - 0.3) < 4 * math.sqrt(0.21 / runs)


def test_fixed_transfer_keeps_its_date_late_readiness_is_a_probability(
        plan_file: Callable[[str], Path]) -> None:
    """Tests that a start_on transfer stays on its date in every run and late readiness
    shows as readiness_probability: the share of runs in which the readiness task (started
    on Wed 2017-03-01, day 43; triangular(10, 20, 60) working days) ends by the transfer's
    day (Wed 2017-04-05, day 68), from a direct simulation."""
    path = plan_file("""
[project]
name = "Transfer"
start = 2017-01-02

[task.live]
name = "Agency live"
duration = 0
start_on = 2017-03-01

[task.email]
name = "E-mail integration"
duration = 20
duration_range = [10, 60]
depends = ["live"]

[task.move]
name = "Transfer day"
duration = 0
start_on = 2017-04-05

[org.ccac]
name = "A CCAC"
dissolved = "move"

[org.lhin]
name = "A LHIN"

[transfer.t]
from = "ccac"
to = "lhin"
on = "move"
readiness = ["email"]
""")
    runs = 20_000
    res = risk_of(_outcome(path), runs, 3)
    tr = res.transfers[0]
    assert tr.fixed and [tr.dates[k] for k in LEVELS] == [dt.date(2017, 4, 5)] * 4
    move = _task(res, "move")
    assert [move.finish[k] for k in LEVELS] == [dt.date(2017, 4, 5)] * 4
    rng = np.random.default_rng(777)
    dur = np.floor(rng.triangular(10, 20, 60, runs) + 0.5)
    p = float(np.mean(43 + dur <= 68))
    assert 0.2 < p < 0.8
    assert abs(tr.readiness_probability - p) < 4 * math.sqrt(p * (1 - p) / runs) * 1.5


def test_pins_none_without_a_status_date(plan_file: Callable[[str], Path]) -> None:
    """Tests that a plan without a status date has no pins (nothing is held)."""
    out = _outcome(_small(plan_file, False))
    plan = out.loaded.plan
    assert plan is not None
    assert Pins.of(build_network(plan, make_calendars(plan))) is None


def test_outputs_say_what_progress_held(plan_file: Callable[[str], Path]) -> None:
    """Tests that the risk outputs tell the user the runs start from the status date: the
    JSON's ``progress`` (null without a status date), the summary row, and events whose
    tasks are all done say so."""
    import json

    from hsso_plan.render import risk_json, risk_rows

    res = risk_of(_outcome(_small(plan_file, True)), 500, 1)
    assert json.loads(risk_json.render(res))["progress"] == {
        "status_date": "2017-01-20", "done": 1, "under_way": 1}
    assert ("Progress", "as of January 20, 2017: 1 tasks done (fixed), 1 under way (what "
            "remains is sampled)") in risk_rows.summary(res, "en")
    assert ("Avancement", "au 20 janvier 2017\u00a0: 1 tâche terminée (fixée), 1 en cours (le "
            "travail restant est échantillonné)") in risk_rows.summary(res, "fr")
    plain = risk_of(_outcome(_small(plan_file, False)), 500, 1)
    assert json.loads(risk_json.render(plain))["progress"] is None
    assert all(k != "Progress" for k, _ in risk_rows.summary(plain, "en"))
    done_all = plan_file(SMALL.format(status=STATUS_LINE, progress=PROGRESS).replace(
        'tasks = ["a", "b"]', 'tasks = ["a"]'))
    ev = risk_rows.event_rows(risk_of(_outcome(done_all), 500, 1), "en")
    assert ev[0][3] == "0 (all done)"
