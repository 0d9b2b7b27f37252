"""The plan as data: pydantic models of the TOML plan format (core contract section 1).

Pydantic checks shape and types only (unknown keys are refused, numbers are strict so
``2.5`` or ``true`` is never taken as a duration). References, cycles, calendars and the
timeline are checked in `hsso_plan.checks`, where each problem gets its own code.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DepType = Literal["FS", "SS", "FF", "SF"]
DEP_TYPES: tuple[DepType, ...] = ("FS", "SS", "FF", "SF")

NonNegInt = Annotated[int, Field(ge=0, strict=True)]
PosInt = Annotated[int, Field(ge=1, strict=True)]
StrictInt = Annotated[int, Field(strict=True)]
StrictDate = Annotated[dt.date, Field(strict=True)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Project(_Model):
    name: str
    start: StrictDate
    calendar: str | None = None


class CalendarSpec(_Model):
    workdays: list[Weekday] = Field(default_factory=lambda: list(WEEKDAYS[:5]))
    holidays: str | None = None
    days_off: list[StrictDate] = Field(default_factory=list)
    days_on: list[StrictDate] = Field(default_factory=list)


class Resource(_Model):
    name: str | None = None
    capacity: PosInt = 1


class Dependency(_Model):
    task: str
    type: DepType = "FS"
    lag: StrictInt = 0


def _dep_kind(v: Any) -> str | None:
    if isinstance(v, str):
        return "id"
    if isinstance(v, dict | Dependency):
        return "table"
    return None


DependencyItem = Annotated[
    Annotated[str, Tag("id")] | Annotated[Dependency, Tag("table")],
    Discriminator(_dep_kind, custom_error_type="dependency_item",
                  custom_error_message="a dependency is a task id or a table "
                                       "{ task = \"id\", type = \"FS\", lag = 0 }"),
]


class Task(_Model):
    name: str
    duration: NonNegInt
    depends: list[DependencyItem] = Field(default_factory=list)
    uses: dict[str, PosInt] = Field(default_factory=dict)
    start_no_earlier_than: StrictDate | None = None
    start_on: StrictDate | None = None
    finish_no_later_than: StrictDate | None = None
    calendar: str | None = None
    priority: Annotated[int, Field(ge=0, le=1000, strict=True)] = 500

    def dependencies(self) -> list[Dependency]:
        """The predecessors, bare ids expanded to finish-to-start with lag 0."""
        return [Dependency(task=d) if isinstance(d, str) else d for d in self.depends]


class Plan(_Model):
    project: Project
    calendar: dict[str, CalendarSpec] = Field(default_factory=dict)
    resource: dict[str, Resource] = Field(default_factory=dict)
    task: dict[str, Task] = Field(default_factory=dict)


#: Known keys per table kind, for did-you-mean hints on unknown keys.
KNOWN_KEYS: dict[str, list[str]] = {
    "plan": list(Plan.model_fields),
    "project": list(Project.model_fields),
    "calendar": list(CalendarSpec.model_fields),
    "resource": list(Resource.model_fields),
    "task": list(Task.model_fields),
    "dependency": list(Dependency.model_fields),
}
