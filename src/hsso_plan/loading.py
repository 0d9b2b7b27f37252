"""Read a plan file: bytes -> text -> TOML -> `Plan`, collecting every problem on the way.

The loader never raises for a problem in the plan. It returns a `LoadedPlan` that holds the
plan (or ``None`` when the file cannot be read as a plan at all), the diagnostics found so
far (with key paths, not yet positions) and a lazily built `SourceMap` for locating them.

Entries that fail validation are left out of the plan and remembered as *broken*, so that
the later checks still run on everything else and do not report a reference to a broken
task as a reference to an unknown one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostic, Diagnostics, KeyPath, did_you_mean
from .model import KNOWN_KEYS, CalendarSpec, Plan, Project, Resource, Task
from .sources import SourceMap

_SECTIONS: dict[str, type[BaseModel]] = {
    "calendar": CalendarSpec,
    "resource": Resource,
    "task": Task,
}
_KIND = {"calendar": "calendar", "resource": "resource", "task": "task"}


@dataclass
class LoadedPlan:
    """A plan file as read: its text, the plan model, and what was wrong with it."""

    path: Path
    display: str
    text: str = ""
    raw: dict[str, Any] | None = None
    plan: Plan | None = None
    #: Entries with shape errors whose scheduling values had to be replaced (or that could
    #: not be read at all), per section.
    broken: dict[str, set[str]] = field(default_factory=dict)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)

    @cached_property
    def source_map(self) -> SourceMap:
        return SourceMap(self.text)

    def locate(self, d: Diagnostic) -> Diagnostic:
        """Attach this file's position of the diagnostic's key path (and of its notes)."""
        if d.line is not None:
            return d
        pos = self.source_map.locate(d.path)
        related = tuple(
            r if r.line is not None else _relocated(r, self.display, self.source_map.locate(r.path))
            for r in d.related
        )
        from dataclasses import replace

        return replace(d.at(self.display, pos.line, pos.column), related=related)


def _relocated(r: Any, file: str, pos: Any) -> Any:
    from dataclasses import replace

    return replace(r, file=file, line=pos.line, column=pos.column)


def read_plan(path: Path, display: str | None = None) -> LoadedPlan:
    """Read and validate the plan at ``path``."""
    lp = LoadedPlan(path=path, display=display if display is not None else str(path))
    try:
        data = path.read_bytes()
    except OSError as e:
        lp.diagnostics.add(Diagnostic("E003", f"cannot read {lp.display}: {e.strerror or e}")
                           .at(lp.display, 1, 1))
        return lp
    try:
        lp.text = data.decode("utf-8")  # the parser accepts one leading byte-order mark
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        lp.diagnostics.add(Diagnostic(
            "E002", f"the file is not UTF-8 text (byte 0x{data[e.start]:02x} cannot be decoded)",
            hint="save the file with UTF-8 encoding").at(lp.display, line, col))
        return lp
    import toml_rs

    try:
        lp.raw = toml_rs.loads(lp.text, toml_version="1.0.0")
    except Exception as e:
        msg = str(getattr(e, "msg", e)).strip().splitlines()
        text = msg[-1] if msg else "invalid TOML"
        lp.diagnostics.add(Diagnostic("E001", f"TOML syntax error: {text}")
                           .at(lp.display, int(getattr(e, "lineno", 1)),
                               int(getattr(e, "colno", 1))))
        return lp
    lp.plan = _validate(lp.raw, lp)
    return lp


def _validate(raw: dict[str, Any], lp: LoadedPlan) -> Plan | None:
    try:
        return Plan.model_validate(raw)
    except ValidationError:
        pass
    # Slow path: validate entry by entry so that every problem is reported once and the
    # valid remainder of the plan can still be checked and scheduled.
    project: Project | None = None
    sections: dict[str, dict[str, Any]] = {}
    for key, value in raw.items():
        if key == "project":
            project = _one(Project, value, ("project",), lp)
        elif key in _SECTIONS:
            if not isinstance(value, dict):
                lp.diagnostics.add(Diagnostic(
                    "E011", f"'{key}' must be a table of {key}s ([{key}.ID] sections)",
                    path=(key,)))
                continue
            good: dict[str, Any] = {}
            lp.broken[key] = set()
            for ident, entry in value.items():
                m = _one(_SECTIONS[key], entry, (key, ident), lp)
                if m is None:
                    m, changed = _salvage(_SECTIONS[key], entry, ident)
                    if changed:
                        lp.broken[key].add(ident)
                if m is not None:
                    good[ident] = m
            sections[key] = good
        else:
            lp.diagnostics.add(Diagnostic(
                "E010", f"unknown top-level table '{key}'", path=(key,),
                hint=did_you_mean(key, KNOWN_KEYS["plan"])
                or "the plan has [project], [calendar.ID], [resource.ID] and [task.ID] tables"))
    if "project" not in raw:
        lp.diagnostics.add(Diagnostic(
            "E012", "the plan has no [project] table", path=(),
            hint='add [project] with name = "..." and start = YYYY-MM-DD'))
    if project is None:
        return None
    return Plan.model_construct(project=project, calendar=sections.get("calendar", {}),
                                resource=sections.get("resource", {}),
                                task=sections.get("task", {}))


#: A dependency entry that could not be read; checks and the scheduler skip it.
SKIP_ID = "\x00invalid"


def _salvage(model: type[BaseModel], value: Any, ident: str) -> tuple[Any, bool]:
    """A best-effort model of a broken entry, so the other checks still see it.

    Bad optional keys are dropped, bad required ones get a placeholder, and a bad dependency
    keeps its place (so later positions stay right) but is skipped. The entry stays marked
    broken (the second value) when a value that matters for scheduling was replaced, so no
    timeline problem is reported on a value the user never wrote.
    """
    if not isinstance(value, dict):
        return None, True
    v = dict(value)
    changed = False
    placeholders: dict[str, Any] = {"name": ident, "duration": 0}
    for _ in range(8):
        try:
            return model.model_validate(v), changed
        except ValidationError as e:
            errs = e.errors(include_url=False)
        for err in errs:
            loc = _clean_loc(tuple(err["loc"]))
            if not loc:
                return None, True
            k = loc[0]
            if not (err["type"] == "extra_forbidden" and len(loc) == 1) and k != "name":
                changed = True
            deps = v.get("depends")
            if k == "depends" and len(loc) >= 2 and isinstance(loc[1], int) \
                    and isinstance(deps, list):
                deps = list(deps)
                item = deps[loc[1]]
                ok = isinstance(item, dict) and isinstance(item.get("task"), str)
                if ok and len(loc) >= 3 and loc[2] != "task":
                    deps[loc[1]] = {kk: vv for kk, vv in item.items() if kk != loc[2]}
                else:
                    deps[loc[1]] = {"task": item["task"]} if ok else SKIP_ID
                v["depends"] = deps
            elif k == "uses" and len(loc) >= 2 and isinstance(v.get("uses"), dict):
                v["uses"] = {r: u for r, u in v["uses"].items() if r != loc[1]}
            elif isinstance(k, str) and k in placeholders:
                v[k] = placeholders[k]
            else:
                v.pop(k, None)
    return None, True


def _one(model: type[BaseModel], value: Any, base: KeyPath, lp: LoadedPlan) -> Any:
    try:
        return model.model_validate(value)
    except ValidationError as e:
        for err in e.errors(include_url=False):
            lp.diagnostics.add(_from_pydantic(err, base))
        return None


def _describe(base: KeyPath) -> str:
    if base[0] == "project":
        return "[project]"
    return f"{_KIND.get(str(base[0]), str(base[0]))} '{base[1]}'"


def _clean_loc(loc: tuple[Any, ...]) -> KeyPath:
    # Drop the union tags pydantic inserts after a depends index.
    return tuple(p for p in loc if p not in ("id", "table") or not isinstance(p, str)) \
        if "depends" in loc else tuple(loc)


def _kind_of(base: KeyPath, loc: KeyPath) -> str:
    if "depends" in loc and any(isinstance(p, int) for p in loc):
        return "dependency"
    return "project" if base[0] == "project" else str(base[0])


def _show(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return f'the string "{v}"'
    if isinstance(v, dt.datetime):
        return f"the date-time {v.isoformat()}"
    if isinstance(v, dict):
        return "a table"
    if isinstance(v, list):
        return "a list"
    return repr(v)


_TYPE_WORDS = {
    "int_type": "a whole number",
    "string_type": "a string",
    "list_type": "a list",
    "dict_type": "a table",
    "model_type": "a table",
    "model_attributes_type": "a table",
    "date_type": "a date (YYYY-MM-DD, unquoted)",
    "bool_type": "true or false",
    "dependency_item": 'a task id or a table { task = "id", type = "FS", lag = 0 }',
}


def _from_pydantic(err: Any, base: KeyPath) -> Diagnostic:
    loc = _clean_loc(tuple(err["loc"]))
    path: KeyPath = (*base, *loc)
    etype = err["type"]
    value = err.get("input")
    where = _describe(base)
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
