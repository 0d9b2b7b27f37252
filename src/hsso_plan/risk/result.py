"""The figures of a risk analysis as plain values: what every risk renderer reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

#: The percentiles reported for every finish: (key, percent).
LEVELS: tuple[tuple[str, int], ...] = (("p10", 10), ("p50", 50), ("p80", 80), ("p90", 90))


@dataclass(frozen=True)
class Driver:
    """One uncertain input and its rank correlation with an outcome (+ = makes it later)."""

    kind: str  # "task" | "event"
    id: str
    name: str
    correlation: float


@dataclass(frozen=True)
class TaskRisk:
    id: str
    name: str
    milestone: bool
    deterministic: dt.date
    finish: dict[str, dt.date]
    criticality: float
    uncertain: bool


@dataclass(frozen=True)
class DeadlineRisk:
    task: str
    name: str
    deadline: dt.date
    probability: float
    se: float


@dataclass(frozen=True)
class TransferRisk:
    id: str
    name: str
    site: str | None
    date: dt.date | None  # the deterministic transfer date
    fixed: bool  # the date is fixed (a date, or a start_on milestone)
    dates: dict[str, dt.date]  # pXX of the transfer date (all equal when fixed)
    readiness_probability: float
    se: float
    slack: dict[str, int]  # pXX... of the readiness slack in working days (low = late)
    readiness_tasks: int
    drivers: tuple[Driver, ...]


@dataclass(frozen=True)
class HandOver:
    """A service passed from one provider to the next at milestones."""

    service: str
    old: str
    new: str
    until: str  # milestone that ends the old provision
    start: str  # milestone that starts the new one
    parallel_run: int
    gap_probability: float
    overlap_probability: float  # double-running longer than parallel_run


@dataclass(frozen=True)
class EventRisk:
    id: str
    name: str
    probability: float
    share: float  # of the runs in which it happened
    tasks: int


@dataclass
class RiskResult:
    project: str
    iterations: int
    seed: int
    distribution: str
    deterministic_finish: dt.date
    finish: dict[str, dt.date]
    finish_se: dict[str, float]  # working days
    mean_finish_shift: float  # working days, mean run finish - deterministic finish
    histogram: list[tuple[dt.date, int]]  # project finish date -> runs
    tasks: list[TaskRisk]
    deadlines: list[DeadlineRisk]
    transfers: list[TransferRisk]
    drivers: list[Driver]
    handovers: list[HandOver]
    events: list[EventRisk]
    uncertain_tasks: int
    resource_links: int
    levelled: bool
    notes: list[str] = field(default_factory=list)
    #: Progress held in every run (contract section 4): None without a status date.
    status_date: dt.date | None = None
    done_tasks: int = 0  # fixed at their actuals
    under_way_tasks: int = 0  # only their remaining work sampled

    @property
    def sites(self) -> list[TransferRisk]:
        """Transfers ranked by risk: least likely to be ready first, then least slack."""
        return sorted(self.transfers, key=lambda t: (t.readiness_probability,
                                                     t.slack.get("p10", 0), t.id))
