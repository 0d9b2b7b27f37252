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
