"""The migration model on the scheduled timeline: what a merger has to guarantee.

Three steps, each pure:

1. `resolve` (migration.resolve) turns every point in time (a date, or a milestone's
   scheduled date) into a date, once;
2. `build_view` (migration.view) builds the `Migration` view that the JSON output and the
   reports show: organisations with their dates, transfers with their headcount and
   readiness, the service-coverage timeline, the workstreams' spans;
3. the migration checks (hsso_plan.checks.migration, E060-E090) read the same resolution.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class OrgView:
    id: str
    name: str
    name_fr: str | None
    kind: str
    start: dt.date | None  # None: existed before the plan
    end: dt.date | None  # None: still exists at the end of the plan (first day gone otherwise)
    merges_into: str | None


@dataclass(frozen=True)
class TransferView:
    id: str
    name: str | None
    source: str
    target: str
    date: dt.date | None
    headcount: int
    staff: tuple[str, ...]
    services: tuple[str, ...]
    consumes: tuple[str, ...]
    readiness_total: int
    readiness_late: tuple[str, ...]
    float_days: int | None  # working days between readiness finish and the transfer


@dataclass(frozen=True)
class Coverage:
    """One provider serving one consumer with one service over [start, until)."""

    service: str
    consumer: str
    provider: str
    start: dt.date
    until: dt.date | None


@dataclass
class Migration:
    orgs: list[OrgView] = field(default_factory=list)
    transfers: list[TransferView] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)
    workstreams: list[tuple[str, str, dt.date, dt.date, int]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.orgs or self.transfers or self.coverage)


__all__ = ["Coverage", "Migration", "OrgView", "TransferView"]
