"""Statistics over the runs: percentiles, probabilities, rank correlations, errors."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from .result import LEVELS

Int = NDArray[np.int32] | NDArray[np.int64]


def ks(runs: int) -> list[int]:
    """Positions in the sorted runs of P10, P50, P80, P90: the smallest value that at
    least XX% of the runs reach by is the ceil(XX% * runs)-th smallest."""
    return [max(0, (q * runs + 99) // 100 - 1) for _, q in LEVELS]


def percentiles(x: Int) -> list[int]:
    """P10/P50/P80/P90 of one outcome per run (see `ks`)."""
    k = ks(x.shape[-1])
    part = np.partition(x, k, axis=-1)
    return [int(v) for v in part[..., k].reshape(-1)[: len(k)]]


def percentile_rows(x: Int) -> NDArray[np.int64]:
    """P10/P50/P80/P90 of each row of ``x`` (tasks, runs) -> (tasks, 4).

    Working-day positions spread over few values per task, so the rows are counted (one
    `np.bincount` over all of them, a cumulative sum per row) rather than partially sorted;
    rows spread wider than the runs are many fall back to `np.partition`."""
    n, runs = x.shape
    k = ks(runs)
    if not n or not runs:
        return np.zeros((n, len(k)), dtype=np.int64)
    lo = x.min(axis=1).astype(np.int64)
    width = int((x.max(axis=1) - lo).max()) + 1
    if width > runs:  # counting would cost more than sorting
        out: NDArray[np.int64] = np.partition(x, k, axis=1)[:, k].astype(np.int64)
        return out
    dtype = np.int32 if n * width < 2**31 else np.int64
    off = (x - lo[:, None]).astype(dtype) + (np.arange(n, dtype=dtype) * width)[:, None]
    cum = np.bincount(off.ravel(), minlength=n * width).reshape(n, width).cumsum(axis=1)
    # the (kk+1)-th smallest is the first value whose cumulative count exceeds kk
    out = lo[:, None] + np.stack([np.count_nonzero(cum <= kk, axis=1) for kk in k], axis=1)
    return out


def quantile_se(sorted_x: Int, q: float) -> float:
    """Standard error of the q-quantile from the order-statistic 95% interval, in the
    units of ``x``: (x[k_hi] - x[k_lo]) / 3.92."""
    n = len(sorted_x)
    if not n:
        return 0.0
    half = 1.96 * math.sqrt(n * q * (1 - q))
    lo = max(0, math.floor(n * q - half) - 1)
    hi = min(n - 1, math.ceil(n * q + half) - 1)
    return float(sorted_x[hi] - sorted_x[lo]) / 3.92


def prob_se(p: float, runs: int) -> float:
    return math.sqrt(max(p * (1 - p), 0.0) / runs) if runs else 0.0


def average_ranks(x: Int | NDArray[np.float64]) -> NDArray[np.float64]:
    """Ranks 1..n, ties sharing their average rank (as Spearman's rho wants)."""
    _, inv, counts = np.unique(x, return_inverse=True, return_counts=True)
    cum = np.cumsum(counts)
    avg = cum - (counts - 1) / 2.0
    out: NDArray[np.float64] = avg[inv.reshape(-1)]
    return out


def row_ranks(values: Int) -> NDArray[np.float64]:
    """`average_ranks` of each row (events' sampled delays: ranked once, used for every
    outcome)."""
    if not values.shape[0]:
        return np.zeros(values.shape, dtype=np.float64)
    return np.stack([average_ranks(v) for v in values])


def rank_correlations(quantiles: NDArray[np.float64], ranked: NDArray[np.float64],
                      outcome: Int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Rank correlation of each input with ``outcome``.

    Uncertain tasks are given by their sampled quantiles (uniform, so a quantile is its own
    rank up to sampling noise: the Pearson correlation of the quantile with the outcome's
    ranks is Spearman's rho without sorting every row); events by the ranks of their
    sampled delays (``ranked``: `row_ranks`; exact, they have many ties).
    """
    ry = average_ranks(outcome)
    ry = ry - ry.mean()
    sy = float(np.sqrt(np.dot(ry, ry)))
    n = ry.shape[0]

    def corr(m: NDArray[np.float64]) -> NDArray[np.float64]:
        if not m.shape[0] or sy == 0:
            return np.zeros(m.shape[0])
        mean = m.mean(axis=1)
        cov = m @ ry  # ry sums to zero: the mean of m drops out
        var = np.einsum("ij,ij->i", m, m) - n * mean * mean
        out: NDArray[np.float64] = np.where(var > 1e-12, cov / (np.sqrt(np.maximum(var, 1e-12))
                                                              * sy), 0.0)
        return out

    return corr(quantiles), corr(ranked)
