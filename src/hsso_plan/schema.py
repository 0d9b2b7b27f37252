"""A JSON Schema of the plan format, for TOML editors (Even Better TOML / Taplo).

Generated from the pydantic models in `model.py` (so it cannot drift from what the loader
accepts), then shaped for editors: every key carries a description for hover, optional keys
lose pydantic's ``null`` alternative (TOML has no null: an optional key is simply left
out), and the keys the loader handles before the models (`include`, `template`, `site`)
are added. Draft-07 with ``definitions``, the dialect Taplo reads; no keyword newer than
draft-04 is used, so older Taplo versions read it too.

What a schema cannot say is left to `hsso-plan validate`: references between ids, cycles,
calendars, the timeline; and a TOML date and a quoted date string look the same to a
schema, so `start = "2017-03-01"` (E011) passes here.
"""

from __future__ import annotations

import json
from typing import Any

from . import model as models
from .model import Plan

DRAFT = "http://json-schema.org/draft-07/schema#"

WHEN = "a date, or the id of a milestone (its scheduled date)"
NAME = "Display name (required)."
NAME_FR = "French name, used by French reports (--lang fr)."
SOURCE = "Where the fact comes from (a URL or a citation); shown in reports."

#: Hover text of every key, by definition (pydantic model name) and key.
DESCRIPTIONS: dict[str, dict[str, str]] = {
    "Plan": {
        "": "A plan for hsso-plan: tasks and their dependencies, calendars, resources, and the "
            "organisations, services, staff and transfers of the migration. See "
            "docs/plan-format.md.",
        "project": "The project: name and start date (required in the main plan file, not "
                   "in included files).",
        "calendar": "Working-day calendars by id: workdays, public holidays, days off/on.",
        "resource": "Resources (teams) by id, with the units available each working day.",
        "task": "Tasks by id (TOML bare keys: letters, digits, '-' and '_').",
        "amend": "Amendments by task id: only the keys to change of a task, most often one "
                 "that a site's template generates (SITE-KEY).",
        "workstream": "Workstreams (summary rows) by id; their dates roll up from their tasks.",
        "org": "Organisations by id: the bodies that exist, merge, and are dissolved.",
        "service": "Services by id: who provides each one to whom, and when.",
        "staff": "Staff groups by id: each one moves once, in one transfer.",
        "transfer": "Transfers by id: an organisation's staff and services moving to its "
                    "successor on a day.",
        "transition": "Limits on the transition (transfers per day/week) and the readiness "
                      "RAG thresholds.",
        "progress": "Progress by task id (generated ids too): actual dates and the work "
                    "left, as of project.status_date.",
        "risk": "Schedule risk: the distribution, default ranges, per-workstream and "
                "per-template defaults, and [risk.ID] risk events (docs/risk.md).",
        "include": "Files, relative to this one, that add entries to the plan (each included "
                   "once, inside the plan's folder).",
        "template": "Templates by id: task, staff and transfer entries instantiated once per "
                    "[site.X], with {param} replaced by the site's values.",
        "site": "Sites by id: each instantiates a template (entries become '<site>-<key>') "
                "and is a workstream of its own.",
    },
    "Project": {
        "": "The project.",
        "name": NAME, "name_fr": NAME_FR,
        "start": "A TOML date (2016-11-01, not quoted): nothing is scheduled before it.",
        "calendar": "The default calendar id; without it Monday to Friday, no holidays.",
        "status_date": "Progress is known up to the end of this day: done and under-way work "
                       "from [progress.ID], the rest projected after it.",
        "baseline": "The default baseline: an earlier `schedule --format json` output, "
                    "relative to this file (variance against it; --baseline overrides).",
    },
    "CalendarSpec": {
        "": "A working-day calendar.",
        "workdays": "Working weekdays (default mon to fri).",
        "holidays": "ISO 3166 country[-subdivision], e.g. \"CA-ON\": the public holidays the "
                    "`holidays` package lists for it.",
        "days_off": "More non-working dates.",
        "days_on": "Dates worked although the rules above make them off.",
    },
    "CapacityChange": {
        "": "From this date on, the resource has this many units (until the next change).",
        "from": "The first date of the new capacity.",
        "capacity": "Units available from that date, an integer >= 0.",
    },
    "Resource": {
        "": "A resource (a team) that tasks use.",
        "name": "Display name (default: the id).", "name_fr": NAME_FR,
        "capacity": "Units available on every working day, an integer >= 1 (default 1).",
        "calendar": "The team's own working days: on its days off it has no units.",
        "capacity_changes": "Capacity from a date on: [{ from = 2017-04-03, capacity = 5 }].",
    },
    "Dependency": {
        "": "A predecessor with a type and a lag.",
        "task": "The predecessor's task id (or a workstream id, finish-to-start only).",
        "type": "FS (finish-to-start, default), SS, FF or SF.",
        "lag": "Working days after (or, negative, before) the predecessor's date.",
    },
    "Task": {
        "": "A task; duration 0 makes it a milestone.",
        "name": NAME, "name_fr": NAME_FR,
        "duration": "Working days, an integer >= 0; 0 = a milestone.",
        "depends": "Predecessors: a task or workstream id (finish-to-start, lag 0), or "
                   "{ task = \"id\", type = \"SS\", lag = 2 }.",
        "uses": "Resource units held on each working day: { it-infra = 2 }.",
        "start_no_earlier_than": "The task starts on this date or later.",
        "start_on": "A fixed start; it must be a working day of the task's calendar.",
        "finish_no_later_than": "A deadline: a miss is reported (E040); it does not move "
                                "the task.",
        "calendar": "The task's own calendar id.",
        "priority": "0..1000 (default 500): levelling places higher priorities first.",
        "workstream": "The workstream (summary row) it belongs to.",
        "source": SOURCE,
        "duration_range": "Schedule risk: [min, max] working days, min <= duration <= max "
                          "(docs/risk.md).",
        "owner": "Who answers for the task (a person or a team); shown in reports.",
        "note": "A planner's note on the task; shown in reports.",
    },
    "Risk": {
        "": "Schedule risk settings; every other [risk.ID] table is a risk event "
            "(docs/risk.md).",
        "distribution": "The distribution of ranged durations: triangular, pert or uniform.",
        "default_range": "[-lo, +hi] percent of each task's duration, for tasks without a "
                         "duration_range.",
        "workstreams": "Per-workstream defaults: [risk.workstreams.ID] with default_range "
                       "and correlation.",
        "templates": "Per-template defaults: [risk.templates.ID] with default_range and "
                     "correlation.",
    },
    "Progress": {
        "": "What happened to one task up to project.status_date (done, under way).",
        "actual_start": "The date work started (a milestone: the date it was reached).",
        "actual_finish": "The date work finished: the task is done.",
        "remaining": "Under way: working days of work left after the status date.",
        "percent_complete": "Under way, instead of remaining: 0..99 percent done.",
        "note": "A note on the progress, shown in reports.",
    },
    "RiskDefaults": {
        "": "Risk defaults for the tasks of one workstream or template.",
        "default_range": "[-lo, +hi] percent of each duration.",
        "correlation": "0..1: how strongly the group's tasks slip together (one shared "
                       "factor).",
    },
    "RiskEvent": {
        "": "A risk event: in a run it happens with `probability` and adds `delay` working "
            "days to each of its tasks.",
        "name": NAME, "name_fr": NAME_FR,
        "probability": "The chance it happens in one run, 0..1.",
        "delay": "[lo, hi] working days: one whole-number draw per run, the same for all its "
                 "tasks.",
        "tasks": "The task or workstream ids it delays.",
        "source": SOURCE,
    },
    "Workstream": {
        "": "A summary row: its dates roll up from its tasks and sub-workstreams.",
        "name": NAME, "name_fr": NAME_FR,
        "parent": "The workstream this one nests in.",
    },
    "Org": {
        "": "An organisation; it exists on [created, dissolved).",
        "name": NAME, "name_fr": NAME_FR,
        "kind": "association, collaborative, shared-services-office, shared-services-agency, "
                "ccac, lhin, ministry, agency or other.",
        "created": f"When it comes into being: {WHEN}; omitted = before the plan starts.",
        "dissolved": f"The first day it is gone: {WHEN}; omitted = it outlives the plan.",
        "merges_into": "Its successor organisation id.",
        "headcount": "Its staff; its staff groups must add up to it (E072).",
        "source": SOURCE,
    },
    "Consumer": {
        "": "A consumer of a service over a window [from, until).",
        "org": "The consuming organisation id.",
        "from": f"From when: {WHEN} (default: as long as it exists).",
        "until": f"Until when (exclusive): {WHEN}.",
    },
    "Provision": {
        "": "A provider of a service over a window [from, until).",
        "org": "The providing organisation id.",
        "from": f"From when: {WHEN}.",
        "until": f"Until when (exclusive): {WHEN}.",
        "to": "Only these consumers (default: all of the service's consumers).",
    },
    "Service": {
        "": "A service: every consumer needs exactly one provider on every working day.",
        "name": NAME, "name_fr": NAME_FR,
        "area": "hr, labour-relations, it, logistics, finance, procurement, communications, "
                "home-and-community-care or other (O. Reg. 456/16).",
        "consumers": "Organisation ids, or { org = \"id\", from = ..., until = ... }.",
        "providers": "{ org = \"id\", from = ..., until = ..., to = [...] } entries.",
        "parallel_run": "Working days two providers may overlap at a hand-over (default 0).",
        "source": SOURCE,
    },
    "Staff": {
        "": "A staff group that moves once.",
        "name": NAME, "name_fr": NAME_FR,
        "headcount": "People in the group, an integer >= 0.",
        "from": "The organisation id it leaves.",
        "to": "The organisation id it joins.",
        "transfer": "Its transfer id (optional if the transfer lists it in `staff`).",
        "source": SOURCE,
    },
    "Transfer": {
        "": "An organisation's staff and services moving to its successor on a day.",
        "name": "Display name.", "name_fr": NAME_FR,
        "from": "The organisation id that transfers.",
        "to": "The successor organisation id.",
        "on": f"The transfer day: {WHEN}.",
        "readiness": "Tasks or workstreams that must finish before the transfer day.",
        "staff": "Staff group ids that move.",
        "services": "Services `from` provides that `to` provides from the transfer on.",
        "consumes": "Services `from` uses that `to` uses from the transfer on.",
        "source": SOURCE,
    },
    "Transition": {
        "": "Limits on the transition itself.",
        "max_transfers_per_day": "At most this many transfers on one day (E090).",
        "max_transfers_per_week": "At most this many transfers in one ISO week (E090).",
        "readiness_green_days": "RAG green with at least this many working days of readiness "
                                "float before a transfer (default 10).",
        "readiness_amber_days": "RAG amber from this many days of float; red below it or with "
                                "late readiness work (default 0).",
    },
}
TEMPLATE_SECTIONS = {"task": "Task", "staff": "Staff", "transfer": "Transfer"}


def plan_schema() -> dict[str, Any]:
    """The JSON Schema of a plan file (also of a file it includes)."""
    raw = Plan.model_json_schema(ref_template="#/definitions/{model}")
    defs: dict[str, Any] = raw.pop("$defs")
    defs["Plan"] = raw
    raw.pop("required", None)  # included files have no [project]
    for name, d in defs.items():
        _drop_internal(name, d)
        _describe(name, d)
    top = DESCRIPTIONS["Plan"]
    # A weekly status file may hold a [project] with only status_date: name and start are
    # required of the main file, which `validate` checks (E012).
    defs["Project"].pop("required", None)
    defs["Project"].pop("x-taplo", None)
    # In the file, risk events are [risk.ID] tables beside the settings (the loader gathers
    # them under `events`, which is no key of the file).
    risk = defs["Risk"]
    risk["properties"].pop("events", None)
    risk["additionalProperties"] = {"$ref": "#/definitions/RiskEvent"}
    raw["properties"]["include"] = {"description": top["include"], "type": "array",
                                    "items": {"type": "string"}}
    raw["properties"]["template"] = {
        "description": top["template"], "type": "object",
        "additionalProperties": {"$ref": "#/definitions/Template"}}
    raw["properties"]["site"] = {
        "description": top["site"], "type": "object",
        "additionalProperties": {"$ref": "#/definitions/Site"}}
    raw["properties"]["amend"] = {
        "description": top["amend"], "type": "object",
        "additionalProperties": {"$ref": "#/definitions/Amendment"}}
    defs["Amendment"] = {**defs["Task"], "title": "Amendment",
                         "description": "The keys of a task to change; every other key keeps "
                                        "its value."}
    for key in ("required", "x-taplo"):  # every key of an amendment is optional
        defs["Amendment"].pop(key, None)
    defs["Template"] = _template(defs)
    defs["Site"] = {
        "title": "Site", "type": "object", "required": ["template"],
        "description": "A site: the template it instantiates and that template's parameters "
                       "(any other key, e.g. name, date; {site} is the site id).",
        "properties": {"template": {"type": "string",
                                    "description": "The template id to instantiate."}},
        "additionalProperties": {"description": "A template parameter: replaces {key}."},
    }
    return {"$schema": DRAFT, **raw, "title": "hsso-plan plan file",
            "definitions": {k: defs[k] for k in sorted(defs) if k != "Plan"}}


def _template(defs: dict[str, Any]) -> dict[str, Any]:
    """A template: task/staff/transfer entries with the same keys, any value (a value may
    be a "{param}" string that the site fills in with any type)."""
    props: dict[str, Any] = {
        "name": {"type": "string", "description": "The template's name."},
        "source": {"type": "string", "description": SOURCE},
    }
    for section, model in TEMPLATE_SECTIONS.items():
        keys = defs[model]["properties"]
        entry = {"type": "object", "additionalProperties": False,
                 "description": defs[model]["description"] + " Values may use {param}.",
                 "properties": {k: {"description": v["description"]} for k, v in keys.items()}}
        props[section] = {"type": "object", "additionalProperties": entry,
                          "description": f"{model} entries by key; each site makes "
                                         f"'<site>-<key>'."}
    return {"title": "Template", "type": "object", "additionalProperties": False,
            "description": DESCRIPTIONS["Plan"]["template"], "properties": props}


def _drop_internal(name: str, d: dict[str, Any]) -> None:
    """Leave out the fields the loader sets and a plan may not (``exclude=True``, such as
    `Task.placeholder`): with ``additionalProperties: false`` an editor flags them, as
    `validate` refuses them (E010)."""
    fields = getattr(getattr(models, name, None), "model_fields", {})
    for key, info in fields.items():
        if info.exclude:
            d.get("properties", {}).pop(key, None)
            if key in d.get("required", []):
                d["required"].remove(key)


def _describe(name: str, d: dict[str, Any]) -> None:
    text = DESCRIPTIONS[name]
    d["description"] = text[""]
    for key, prop in d.get("properties", {}).items():
        _drop_null(prop)
        prop.pop("title", None)
        if key in text:
            prop["description"] = text[key]
    if d.get("required"):
        d["x-taplo"] = {"initKeys": list(d["required"])}


def _drop_null(prop: dict[str, Any]) -> None:
    """``anyOf [X, null]`` becomes X; a null default goes (TOML has no null)."""
    if prop.get("default", 0) is None:
        del prop["default"]
    alts = prop.get("anyOf")
    if isinstance(alts, list):
        kept = [a for a in alts if a != {"type": "null"}]
        del prop["anyOf"]
        if len(kept) == 1:
            prop.update(kept[0])
        else:
            prop["anyOf"] = kept


def render() -> str:
    """The schema as JSON text (sorted keys, two-space indent, a final newline)."""
    return json.dumps(plan_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
