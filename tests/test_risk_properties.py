"""Hypothesis property of the risk engine: every run is the CPM schedule of its durations.

On random plans (tests/test_properties.py: one calendar with weekdays, holidays, days off
and on; all four link types with lags; constraints), the vectorised engine, given random
durations per run, gives in each run the starts, late starts and critical flags that the
deterministic passes give for those durations.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hsso_plan.app import run
from hsso_plan.risk.engine import simulate
from hsso_plan.scheduling import build_network, make_calendars
from hsso_plan.scheduling.cpm import backward, forward

from .test_properties import plans

RUNS = 6


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=plans(), seed=st.integers(0, 2**31 - 1))
def test_every_run_is_the_cpm_schedule_of_its_durations(doc: dict[str, Any],
                                                        seed: int) -> None:
    """Tests the engine run by run against `scheduling.cpm` on random plans."""
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "p.toml"
        path.write_text(tomli_w.dumps(doc), encoding="utf-8")
        out = run(path)
    plan = out.loaded.plan
    assert plan is not None
    net = build_network(plan, make_calendars(plan))
    rng = np.random.default_rng(seed)
    dur = [rng.integers(0, 9, RUNS, dtype=np.int32) for _ in range(len(net))]
    r = simulate(net, list(dur), RUNS)
    assert r.late_start is not None
    for k in range(RUNS):
        dk = [int(x[k]) for x in dur]
        last = [None if dl is None else (dl + net.dur[t] - 1 if net.dur[t] else dl)
                for t, dl in enumerate(net.deadline)]
        one = replace(net, dur=dk, deadline=[None if x is None else (x - dk[t] + 1 if dk[t]
                                                                     else x)
                                             for t, x in enumerate(last)])
        es, _ = forward(one)
        ls = backward(one, es)
        assert r.start[:, k].tolist() == es
        assert r.late_start[:, k].tolist() == ls
    crit = [sum(int(r.late_start[t, k] <= r.start[t, k]) for k in range(RUNS))
            for t in range(len(net))]
    assert r.critical.tolist() == crit


@st.composite
def plans_with_progress(draw: st.DrawFn) -> dict[str, Any]:
    """A random plan with a status date and random progress: done, under way (remaining
    from the duration, given, or from a percentage) or not started."""
    import datetime as dt

    doc = draw(plans())
    start = doc["project"]["start"]
    status = start + dt.timedelta(days=draw(st.integers(3, 40)))
    doc["project"]["status_date"] = status
    progress: dict[str, Any] = {}
    for tid, t in doc["task"].items():
        kind = draw(st.sampled_from(["none", "done", "under way"]))
        if kind == "none":
            continue
        a = start + dt.timedelta(days=draw(st.integers(0, (status - start).days)))
        p: dict[str, Any] = {"actual_start": a}
        if kind == "done" or t["duration"] == 0:
            p["actual_finish"] = a + dt.timedelta(days=draw(st.integers(0, (status - a).days)))
        else:
            how = draw(st.sampled_from(["default", "remaining", "percent"]))
            if how == "remaining":
                p["remaining"] = draw(st.integers(0, 6))
            elif how == "percent":
                p["percent_complete"] = draw(st.integers(0, 99))
        progress[tid] = p
    if progress:
        doc["progress"] = progress
    return doc


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(doc=plans_with_progress(), seed=st.integers(0, 2**31 - 1))
def test_every_run_with_progress_is_the_cpm_schedule(doc: dict[str, Any], seed: int) -> None:
    """Tests the engine with the plan's own pins (`Pins.of`) run by run against
    `scheduling.cpm` on random plans with progress: a run's sampled remaining work r of a
    task under way is, for the deterministic passes, a task pinned at its actual start
    that ends r days after the status date; done work and the floor are the network's."""
    from hsso_plan.risk.engine import Pins

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "p.toml"
        path.write_text(tomli_w.dumps(doc), encoding="utf-8")
        out = run(path)
    plan = out.loaded.plan
    assert plan is not None
    net = build_network(plan, make_calendars(plan))
    pins = Pins.of(net)
    assert pins is not None and net.floor is not None
    rng = np.random.default_rng(seed)
    dur = [rng.integers(0, 9, RUNS, dtype=np.int32) for _ in range(len(net))]
    r = simulate(net, list(dur), RUNS, pins)
    for k in range(RUNS):
        dk = []
        for t in range(len(net)):
            act = net.actual.get(t)
            if act is None:
                dk.append(int(dur[t][k]))
            elif pins.done(t):
                dk.append(net.dur[t])
            else:  # under way: from the actual start to N + r
                dk.append(act.hold_from - act.start + int(dur[t][k]))
        es, _ = forward(replace(net, dur=dk))
        assert r.start[:, k].tolist() == es
        for t in range(len(net)):
            if t not in net.actual:
                assert es[t] >= net.floor[t]
