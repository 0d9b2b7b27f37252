"""Validation messages: a pydantic error on a plan entry -> a planner's diagnostic.

Pydantic reports a location (``("depends", 1, "lag")``) and an error type; this module
turns them into a sentence naming the entry and the key as written in the plan, with the
code (E010 unknown key, E011 wrong type, E012 missing key, E013 out of range, E014 unknown
dependency type) and a hint that says what to write instead.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..diagnostics import Diagnostic, KeyPath, did_you_mean
from ..model import KNOWN_KEYS
from .tables import KIND, RISK_PARTS, SINGLE


def _describe(base: KeyPath) -> str:
    if base[0] in SINGLE:
        return f"[{base[0]}]"
    return f"{KIND.get(str(base[0]), str(base[0]))} '{base[1]}'"


def clean_loc(loc: tuple[Any, ...]) -> KeyPath:
    """Drop the union tags ("id", "table") pydantic puts after a list index."""
    return tuple(p for i, p in enumerate(loc)
                 if not (p in ("id", "table") and i and isinstance(loc[i - 1], int)))


def _kind_of(base: KeyPath, loc: KeyPath) -> str:
    if "depends" in loc and any(isinstance(p, int) for p in loc):
        return "dependency"
    if "consumers" in loc and any(isinstance(p, int) for p in loc):
        return "consumer"
    if "providers" in loc and any(isinstance(p, int) for p in loc):
        return "provision"
    if "capacity_changes" in loc and any(isinstance(p, int) for p in loc):
        return "capacity_change"
    if base[0] == "risk" and len(loc) >= 3 and loc[0] in ("workstreams", "templates"):
        return "risk_defaults"
    if base[0] == "risk" and len(loc) >= 3 and loc[0] == "events":
        return "risk_event"
    return str(base[0])


def _show(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return f'the string "{v}"'
    if isinstance(v, dt.datetime):
        return f"the date-time {v.isoformat()}"
    if isinstance(v, dt.date | dt.time):
        return f"the {'date' if isinstance(v, dt.date) else 'time'} {v.isoformat()}"
    if isinstance(v, dict):
        return "a table"
    if isinstance(v, list):
        return "a list"
    return repr(v)


_TYPE_WORDS = {
    "int_type": "a whole number",
    "float_type": "a number",
    "string_type": "a string",
    "list_type": "a list",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
    "date_type": "a date (YYYY-MM-DD, unquoted)",
    "bool_type": "true or false",
    "dependency_item": 'a task id or a table { task = "id", type = "FS", lag = 0 }',
}


def from_pydantic(err: Any, base: KeyPath) -> Diagnostic:
    loc = clean_loc(tuple(err["loc"]))
    path: KeyPath = (*base, *loc)
    etype = err["type"]
    value = err.get("input")
    where = _describe(base)
    if base[0] == "risk" and len(loc) >= 2 and loc[0] in RISK_PARTS:
        where = f"{RISK_PARTS[str(loc[0])]} '{loc[1]}' in [risk]"
    key = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    if etype == "extra_forbidden":
        kind = _kind_of(base, loc)
        return Diagnostic("E010", f"unknown key '{key}' in {where}", path=path,
                          hint=did_you_mean(key, KNOWN_KEYS[kind])
                          or f"known keys: {', '.join(KNOWN_KEYS[kind])}")
    if etype == "missing":
        hints = {"name": 'name = "..."', "duration": "duration = 5  # working days",
                 "start": "start = 2017-03-01", "task": 'task = "predecessor-id"'}
        return Diagnostic("E012", f"{where} is missing the required key '{key}'", path=path,
                          hint=f"add {hints[key]}" if key in hints else None)
    subject = f"'{key}' of {where}" if key else where
    if "depends" in loc and len(loc) > loc.index("depends") + 1:
        k = loc[loc.index("depends") + 1]
        nth = f"dependency #{int(k) + 1} of {where}"
        subject = nth if isinstance(loc[-1], int) else f"'{key}' in {nth}"
    if etype == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        if key == "type":
            opts = ["FS", "SS", "FF", "SF"]
            subject = subject.removeprefix("'type' in ")
            return Diagnostic("E014", f"unknown dependency type '{value}' in {subject}",
                              path=path, hint=did_you_mean(str(value), opts)
                              or "use FS, SS, FF or SF")
        return Diagnostic("E013", f"{subject} must be one of {expected}, not {_show(value)}",
                          path=path, hint=did_you_mean(str(value), _literals(expected)))
    if etype in ("greater_than_equal", "less_than_equal"):
        bound = err.get("ctx", {})
        rng = f">= {bound['ge']}" if "ge" in bound else f"<= {bound['le']}"
        return Diagnostic("E013", f"{subject} must be {rng}, not {_show(value)}", path=path)
    want = _TYPE_WORDS.get(etype, err.get("msg", "another type").lower())
    hint = None
    if etype == "date_type" and isinstance(value, str):
        hint = f"write the date without quotes: {key} = {value}"
    elif etype == "date_type" and isinstance(value, dt.datetime):
        hint = f"drop the time of day: {key} = {value.date().isoformat()}"
    elif etype == "int_type" and isinstance(value, float):
        hint = "durations, lags, capacities and units are whole working days or units"
    elif etype == "list_type" and isinstance(value, str):
        hint = f'write a list: {key} = ["{value}"]'
    return Diagnostic("E011", f"{subject} must be {want}, not {_show(value)}", path=path,
                      hint=hint)


def _literals(expected: str) -> list[str]:
    return [p.strip(" '") for p in expected.replace(" or ", ",").split(",") if p.strip(" '")]
