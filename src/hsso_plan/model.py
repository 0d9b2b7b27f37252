"""The plan as data: pydantic models of the TOML plan format (core contract section 1).

Pydantic checks shape and types only (unknown keys are refused, numbers are strict so
``2.5`` or ``true`` is never taken as a duration). References, cycles, calendars and the
timeline are checked in `hsso_plan.checks`, where each problem gets its own code.
"""

# No `from __future__ import annotations` here: pydantic would compile and evaluate each
# field's annotation from its text when it builds the models, at every start.
import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator
from pydantic_core import PydanticCustomError

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DepType = Literal["FS", "SS", "FF", "SF"]
DEP_TYPES: tuple[DepType, ...] = ("FS", "SS", "FF", "SF")

NonNegInt = Annotated[int, Field(ge=0, strict=True)]
PosInt = Annotated[int, Field(ge=1, strict=True)]
StrictInt = Annotated[int, Field(strict=True)]
StrictDate = Annotated[dt.date, Field(strict=True)]


def _list() -> list[Any]:
    """A new empty list: the default of a list field.

    A Python function rather than ``list``: pydantic asks each default factory for its
    signature, and the signature of a builtin is read by tokenizing its text signature
    (the first time compiles tokenize's whole pattern): 24 M instructions of every start."""
    return []


def _dict() -> dict[str, Any]:
    """A new empty table: the default of a table field (a function for the reason above)."""
    return {}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class Project(_Model):
    name: str
    name_fr: str | None = None
    start: StrictDate
    calendar: str | None = None
    #: The date reports take as "today" for done/remaining (default: the start).
    status_date: StrictDate | None = None
    #: The default baseline: a schedule JSON file, relative to the plan file.
    baseline: str | None = None


class CalendarSpec(_Model):
    workdays: list[Weekday] = Field(default_factory=lambda: list(WEEKDAYS[:5]))
    holidays: str | None = None
    days_off: list[StrictDate] = Field(default_factory=_list)
    days_on: list[StrictDate] = Field(default_factory=_list)


class CapacityChange(_Model):
    """From this date on, the resource has this many units (until the next change)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True)
    start: StrictDate = Field(alias="from")
    capacity: NonNegInt


class Resource(_Model):
    name: str | None = None
    name_fr: str | None = None
    capacity: PosInt = 1
    #: The team's own working days: on a day it does not work, it has no units.
    calendar: str | None = None
    capacity_changes: list[CapacityChange] = Field(default_factory=_list)

    @property
    def max_capacity(self) -> int:
        return max([self.capacity, *(c.capacity for c in self.capacity_changes)])


class Dependency(_Model):
    task: str
    type: DepType = "FS"
    lag: StrictInt = 0


def _id_or_table(model: type[BaseModel]) -> Any:
    """Discriminator for a list item written as an id or as a table (no trial parsing, so
    an error names the one form the user wrote)."""

    tables = (dict, model)  # (made once: this runs for every item of every list)

    def kind(v: Any) -> str | None:
        if isinstance(v, str):
            return "id"
        return "table" if isinstance(v, tables) else None

    return kind


DependencyItem = Annotated[
    Annotated[str, Tag("id")] | Annotated[Dependency, Tag("table")],
    Discriminator(_id_or_table(Dependency), custom_error_type="dependency_item",
                  custom_error_message="a dependency is a task id or a table "
                                       "{ task = \"id\", type = \"FS\", lag = 0 }"),
]


class Task(_Model):
    name: str
    name_fr: str | None = None
    duration: NonNegInt
    depends: list[DependencyItem] = Field(default_factory=_list)
    uses: dict[str, PosInt] = Field(default_factory=_dict)
    start_no_earlier_than: StrictDate | None = None
    start_on: StrictDate | None = None
    finish_no_later_than: StrictDate | None = None
    calendar: str | None = None
    priority: Annotated[int, Field(ge=0, le=1000, strict=True)] = 500
    workstream: str | None = None
    source: str | None = None
    #: Who answers for the task (a person or a team), shown in reports.
    owner: str | None = None
    #: A planner's note on the task, shown in reports.
    note: str | None = None
    #: Schedule risk: [min, max] working days (min <= duration <= max); see docs/risk.md.
    duration_range: list[NonNegInt] | None = None
    #: Set by the loader, never by the plan: a required value of the task could not be read
    #: and was replaced by a stand-in (a duration of 0, the id as its name).
    placeholder: bool = Field(default=False, exclude=True)

    @field_validator("placeholder", mode="before")
    @classmethod
    def _not_from_the_plan(cls, value: Any) -> Any:
        """A plan cannot set the flag: the key is refused like any unknown key."""
        raise PydanticCustomError("extra_forbidden", "Extra inputs are not permitted")

    def dependencies(self) -> list[Dependency]:
        """The predecessors, bare ids expanded to finish-to-start with lag 0."""
        return [Dependency(task=d) if isinstance(d, str) else d for d in self.depends]


#: A point in time: a date, or the id of a milestone task (its scheduled date).
When = StrictDate | str

ORG_KINDS = ("association", "collaborative", "shared-services-office",
             "shared-services-agency", "ccac", "lhin", "ministry", "agency", "other")
OrgKind = Literal["association", "collaborative", "shared-services-office",
                  "shared-services-agency", "ccac", "lhin", "ministry", "agency", "other"]
#: The eight service areas of O. Reg. 456/16 (HSSO's objects), plus "other".
SERVICE_AREAS = ("hr", "labour-relations", "it", "logistics", "finance", "procurement",
                 "communications", "home-and-community-care", "other")
ServiceArea = Literal["hr", "labour-relations", "it", "logistics", "finance", "procurement",
                      "communications", "home-and-community-care", "other"]


class Workstream(_Model):
    """A summary node: its dates roll up from the tasks (and workstreams) in it."""

    name: str
    name_fr: str | None = None
    parent: str | None = None


class Org(_Model):
    name: str
    name_fr: str | None = None
    kind: OrgKind = "other"
    created: When | None = None  # None: exists before the plan starts
    dissolved: When | None = None  # None: still exists at the end of the plan
    merges_into: str | None = None
    headcount: Annotated[int, Field(ge=0, strict=True)] | None = None
    source: str | None = None


class _FromModel(_Model):
    """A model with a ``from`` key (a Python keyword, so the field is called ``start``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, populate_by_name=True)


class Consumer(_FromModel):
    org: str
    start: When | None = Field(default=None, alias="from")
    until: When | None = None


class Provision(_FromModel):
    org: str
    start: When | None = Field(default=None, alias="from")
    until: When | None = None
    to: list[str] | None = None  # consumers served; None = all of the service's consumers


ConsumerItem = Annotated[
    Annotated[str, Tag("id")] | Annotated[Consumer, Tag("table")],
    Discriminator(_id_or_table(Consumer), custom_error_type="consumer_item",
                  custom_error_message="a consumer is an organisation id or a table "
                                       "{ org = \"id\", from = ..., until = ... }"),
]


class Service(_Model):
    name: str
    name_fr: str | None = None
    area: ServiceArea = "other"
    consumers: list[ConsumerItem] = Field(default_factory=_list)
    providers: list[Provision] = Field(default_factory=_list)
    parallel_run: NonNegInt = 0
    source: str | None = None

    def consumer_entries(self) -> list[Consumer]:
        return [Consumer(org=c) if isinstance(c, str) else c for c in self.consumers]


class Staff(_FromModel):
    name: str
    name_fr: str | None = None
    headcount: NonNegInt
    start: str = Field(alias="from")
    to: str
    transfer: str | None = None
    source: str | None = None


class Transfer(_FromModel):
    name: str | None = None
    name_fr: str | None = None
    start: str = Field(alias="from")
    to: str
    on: When
    readiness: list[str] = Field(default_factory=_list)
    staff: list[str] = Field(default_factory=_list)
    services: list[str] = Field(default_factory=_list)
    consumes: list[str] = Field(default_factory=_list)
    source: str | None = None


class Transition(_Model):
    """Limits on the transition itself."""

    max_transfers_per_day: PosInt | None = None
    max_transfers_per_week: PosInt | None = None
    #: Readiness RAG: green with at least this many working days of float before a
    #: transfer, amber from `readiness_amber_days`, red below it or with late work.
    readiness_green_days: NonNegInt = 10
    readiness_amber_days: NonNegInt = 0


Distribution = Literal["triangular", "pert", "uniform"]
DISTRIBUTIONS: tuple[Distribution, ...] = ("triangular", "pert", "uniform")


class RiskDefaults(_Model):
    """Risk settings for the tasks of one workstream or template ([risk.workstreams.ID],
    [risk.templates.ID]): a default range in percent of each duration, and the correlation
    of their shared factor (0 = independent, 1 = they all slip together)."""

    default_range: list[StrictInt] | None = None
    correlation: float | None = None


class RiskEvent(_Model):
    """A risk event ([risk.ID]): with `probability` in a run, `delay` working days (one draw
    in [lo, hi], the same for all) are added to each of its tasks (or workstreams)."""

    name: str
    name_fr: str | None = None
    probability: float
    delay: list[NonNegInt]
    tasks: list[str]
    source: str | None = None


class Risk(_Model):
    """The [risk] table. Its sub-tables other than `workstreams` and `templates` are risk
    events; the loader gathers them into `events` (not a key of the file)."""

    distribution: Distribution = "triangular"
    default_range: list[StrictInt] | None = None
    workstreams: dict[str, RiskDefaults] = Field(default_factory=_dict)
    templates: dict[str, RiskDefaults] = Field(default_factory=_dict)
    events: dict[str, RiskEvent] = Field(default_factory=_dict)

    @property
    def active(self) -> bool:
        """True when the plan says anything about risk."""
        return bool(self.default_range or self.workstreams or self.templates or self.events)


#: Keys of [risk] that are settings, not risk events.
RISK_SETTINGS = ("distribution", "default_range", "workstreams", "templates")
class Progress(_Model):
    """What happened to one task up to `project.status_date` (core contract section 4)."""

    actual_start: StrictDate | None = None
    actual_finish: StrictDate | None = None
    #: Working days of work left after the status date (a task under way).
    remaining: NonNegInt | None = None
    #: Instead of `remaining`: remaining = ceil(duration * (100 - p) / 100); 0..99.
    percent_complete: StrictInt | None = None
    note: str | None = None


class Plan(_Model):
    project: Project
    calendar: dict[str, CalendarSpec] = Field(default_factory=_dict)
    resource: dict[str, Resource] = Field(default_factory=_dict)
    task: dict[str, Task] = Field(default_factory=_dict)
    workstream: dict[str, Workstream] = Field(default_factory=_dict)
    org: dict[str, Org] = Field(default_factory=_dict)
    service: dict[str, Service] = Field(default_factory=_dict)
    staff: dict[str, Staff] = Field(default_factory=_dict)
    transfer: dict[str, Transfer] = Field(default_factory=_dict)
    transition: Transition = Field(default_factory=Transition)
    risk: Risk = Field(default_factory=Risk)
    progress: dict[str, Progress] = Field(default_factory=_dict)


#: Known keys per table kind, for did-you-mean hints on unknown keys.
KNOWN_KEYS: dict[str, list[str]] = {
    "plan": [*Plan.model_fields, "include", "template", "site", "amend"],
    "project": list(Project.model_fields),
    "calendar": list(CalendarSpec.model_fields),
    "resource": list(Resource.model_fields),
    "capacity_change": ["from", "capacity"],
    "task": [k for k in Task.model_fields if k != "placeholder"],
    "dependency": list(Dependency.model_fields),
    "workstream": list(Workstream.model_fields),
    "org": list(Org.model_fields),
    "service": list(Service.model_fields),
    "consumer": ["org", "from", "until"],
    "provision": ["org", "from", "until", "to"],
    "staff": ["from" if k == "start" else k for k in Staff.model_fields],
    "transfer": ["from" if k == "start" else k for k in Transfer.model_fields],
    "transition": list(Transition.model_fields),
    "site": ["template"],
    "risk": list(RISK_SETTINGS),
    "risk_defaults": list(RiskDefaults.model_fields),
    "risk_event": list(RiskEvent.model_fields),
    "progress": list(Progress.model_fields),
}
