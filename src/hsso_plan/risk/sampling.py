"""Durations and event delays for every run, vectorised across runs (numpy).

Each uncertain task gets a quantile u in (0, 1) per run, and its duration is the inverse
CDF of its distribution at u, rounded to the nearest whole day (halves up). Independent
tasks draw u uniformly. Tasks that share a factor (a workstream's or a template's
``correlation`` rho) get ``u = Phi(sqrt(rho) * Z + sqrt(1 - rho) * e)`` with one standard
normal Z per group and run and one e per task and run (a Gaussian copula: each task keeps
its own distribution exactly; two tasks of a group have normal-score correlation rho).

The draws come in one fixed order from ``numpy.random.default_rng(seed)``: task uniforms
(plan order), group normals, task normals (correlated tasks, plan order), event
occurrences, event delays. So the same plan, runs and seed give the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
from numpy.typing import NDArray

from .inputs import RiskInputs, Uncertain

IntArray = NDArray[np.int32]
FloatArray = NDArray[np.float64]


@dataclass
class Samples:
    #: Per task, plan order: its sampled durations (runs,), or its fixed duration.
    dur: list[IntArray | int]
    #: (len(inputs.ranged), runs): the quantile each uncertain task was drawn at.
    quantiles: FloatArray
    #: (len(inputs.events), runs): working days each event adds (0 when it does not happen).
    delays: IntArray
    #: (len(inputs.events), runs): whether the event happens in the run.
    happened: NDArray[np.bool_]


def round_half_up(x: FloatArray) -> IntArray:
    return np.floor(x + 0.5).astype(np.int32)


def _phi(z: FloatArray) -> FloatArray:
    """The standard normal CDF (Abramowitz & Stegun 7.1.26, absolute error < 1.5e-7)."""
    x = np.abs(z) / np.sqrt(2.0)
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
                                                                      + t * 1.061405429))))
    erf = 1.0 - poly * np.exp(-x * x)
    out: FloatArray = 0.5 * (1.0 + np.sign(z) * erf)
    return out


@cache
def _beta_table(alpha: float, beta: float, points: int = 4097) -> tuple[FloatArray, FloatArray]:
    """(cdf, x) of Beta(alpha, beta) on a grid, for inverse-CDF lookup (np.interp)."""
    x = np.linspace(0.0, 1.0, points)
    mid = (x[1:] + x[:-1]) / 2  # midpoint rule: finite even where the density is not
    pdf = mid ** (alpha - 1) * (1 - mid) ** (beta - 1)
    cdf = np.concatenate(([0.0], np.cumsum(pdf)))
    cdf /= cdf[-1]
    return cdf, x


def inverse_cdf(dist: str, u: FloatArray, lo: float, mode: float, hi: float) -> FloatArray:
    """The value at quantile ``u`` of the distribution on [lo, hi] with most likely ``mode``
    (unrounded)."""
    w = hi - lo
    if dist == "uniform":
        out: FloatArray = lo + u * w
        return out
    if dist == "pert":
        a = 1 + 4 * (mode - lo) / w
        b = 1 + 4 * (hi - mode) / w
        cdf, x = _beta_table(round(a, 9), round(b, 9))
        out = lo + w * np.interp(u, cdf, x)
        return out
    fc = (mode - lo) / w  # triangular
    left = lo + np.sqrt(u * w * (mode - lo))
    right = hi - np.sqrt((1 - u) * w * (hi - mode))
    out = np.where(u < fc, left, right)
    return out


def sample(inp: RiskInputs, base: list[int], runs: int, seed: int) -> Samples:
    """Draw every run's durations (``base``: each task's duration, plan order)."""
    rng = np.random.default_rng(seed)
    k = len(inp.ranged)
    u = rng.random((k, runs))
    correlated = [i for i, r in enumerate(inp.ranged) if r.group >= 0]
    if correlated:
        zg = rng.standard_normal((len(inp.groups), runs))
        e = rng.standard_normal((len(correlated), runs))
        for j, i in enumerate(correlated):
            rho = inp.groups[inp.ranged[i].group].correlation
            u[i] = _phi(np.sqrt(rho) * zg[inp.ranged[i].group] + np.sqrt(1 - rho) * e[j])
    dur: list[IntArray | int] = list(base)
    for i, r in enumerate(inp.ranged):
        dur[r.task] = _duration(inp.distribution, u[i], r)
    m = len(inp.events)
    happens = rng.random((m, runs)) if m else np.zeros((0, runs))
    delays = np.zeros((m, runs), dtype=np.int32)
    happened = np.zeros((m, runs), dtype=np.bool_)
    for j, ev in enumerate(inp.events):
        amount = rng.integers(ev.lo, ev.hi + 1, size=runs, dtype=np.int32)
        happened[j] = happens[j] < ev.probability
        delays[j] = np.where(happened[j], amount, 0)
        for t in ev.tasks:
            dur[t] = dur[t] + delays[j]
    return Samples(dur, u, delays, happened)


def _duration(dist: str, u: FloatArray, r: Uncertain) -> IntArray:
    return round_half_up(inverse_cdf(dist, u, float(r.lo), float(r.mode), float(r.hi)))
