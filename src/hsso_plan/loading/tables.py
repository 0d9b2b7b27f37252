"""The plan's tables as the loader sees them: which model reads each, and what to call it."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ..model import (
    RISK_SETTINGS,
    CalendarSpec,
    Org,
    Progress,
    Project,
    Resource,
    Risk,
    Service,
    Staff,
    Task,
    Transfer,
    Transition,
    Workstream,
)
from .loaded import Origin

#: Tables of entries (``[task.ID]``), each entry read by its model.
SECTIONS: dict[str, type[BaseModel]] = {
    "calendar": CalendarSpec,
    "resource": Resource,
    "task": Task,
    "workstream": Workstream,
    "org": Org,
    "service": Service,
    "staff": Staff,
    "transfer": Transfer,
    "progress": Progress,
}
#: Tables written once (``[project]``).
SINGLE: dict[str, type[BaseModel]] = {"project": Project, "transition": Transition,
                                       "risk": Risk}
#: What an entry of each table is called in a message.
KIND = {"calendar": "calendar", "resource": "resource", "task": "task",
        "workstream": "workstream", "org": "organisation", "service": "service",
        "staff": "staff group", "transfer": "transfer",
        "progress": "progress of task"}
#: Tables of entries that several files may contribute to (ids must stay unique).
ENTRY_TABLES = (*SECTIONS, "template", "site", "amend")
#: What the parts of [risk] are called in a message.
RISK_PARTS = {"events": "risk event", "workstreams": "workstream", "templates": "template"}


def gather_risk_events(merged: dict[str, Any], origin: dict[tuple[str, str], Origin]) -> None:
    """Move the [risk.ID] sub-tables (risk events) under the model's ``events`` key.

    [risk] holds both settings and events; every table in it that is not a setting is an
    event. Positions still point at [risk.ID] in the file: ("risk", "events", ID, ...) is
    located as ("risk", ID, ...).
    """
    risk = merged.get("risk")
    if not isinstance(risk, dict):
        return
    events = {k: v for k, v in risk.items() if k not in RISK_SETTINGS and isinstance(v, dict)}
    rest = {k: v for k, v in risk.items() if k not in events}
    merged["risk"] = {**rest, "events": events}
    home = origin.get(("risk", ""))
    if home is not None:
        origin[("risk", "events")] = Origin(home.file, ("risk",))
