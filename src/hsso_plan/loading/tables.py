"""The plan's tables as the loader sees them: which model reads each, and what to call it."""

from __future__ import annotations

from pydantic import BaseModel

from ..model import (
    CalendarSpec,
    Org,
    Progress,
    Project,
    Resource,
    Service,
    Staff,
    Task,
    Transfer,
    Transition,
    Workstream,
)

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
SINGLE: dict[str, type[BaseModel]] = {"project": Project, "transition": Transition}
#: What an entry of each table is called in a message.
KIND = {"calendar": "calendar", "resource": "resource", "task": "task",
        "workstream": "workstream", "org": "organisation", "service": "service",
        "staff": "staff group", "transfer": "transfer",
        "progress": "progress of task"}
#: Tables of entries that several files may contribute to (ids must stay unique).
ENTRY_TABLES = (*SECTIONS, "template", "site")
