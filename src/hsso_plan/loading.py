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
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostic, Diagnostics, KeyPath, Related, did_you_mean
from .model import (
    KNOWN_KEYS,
    CalendarSpec,
    Org,
    Plan,
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
from .sources import SourceMap
from .templates import Origin

_SECTIONS: dict[str, type[BaseModel]] = {
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
_SINGLE: dict[str, type[BaseModel]] = {"project": Project, "transition": Transition}
_KIND = {"calendar": "calendar", "resource": "resource", "task": "task",
         "workstream": "workstream", "org": "organisation", "service": "service",
         "staff": "staff group", "transfer": "transfer",
         "progress": "progress of task"}
#: Tables of entries that several files may contribute to (ids must stay unique).
ENTRY_TABLES = (*_SECTIONS, "template", "site")


@dataclass
class SourceFile:
    """One file of a plan: the main file or one it includes."""

    path: Path
    display: str
    text: str

    @cached_property
    def source_map(self) -> SourceMap:
        return SourceMap(self.text)


@dataclass
class LoadedPlan:
    """A plan as read: its files, the plan model, and what was wrong with it."""

    path: Path
    display: str
    files: list[SourceFile] = field(default_factory=list)
    raw: dict[str, Any] | None = None
    plan: Plan | None = None
    #: Entries with shape errors whose scheduling values had to be replaced (or that could
    #: not be read at all), per section.
    broken: dict[str, set[str]] = field(default_factory=dict)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    #: (section, id) -> where the entry was written; top-level keys under (key, "").
    origin: dict[tuple[str, str], Origin] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.files[0].text if self.files else ""

    def _where(self, path: KeyPath, file_index: int | None,
               site: str | None) -> tuple[SourceFile, KeyPath, str | None]:
        if file_index is not None:
            return self.files[file_index], path, site
        org: Origin | None = None
        if len(path) >= 2:
            org = self.origin.get((str(path[0]), str(path[1])))
            if org is not None:
                return self.files[org.file], (*org.path, *path[2:]), org.site
        if path:
            org = self.origin.get((str(path[0]), ""))
            if org is not None:
                return self.files[org.file], path, None
        return self.files[0], path, None

    def locate(self, d: Diagnostic) -> Diagnostic:
        """Attach the position of the diagnostic's key path (and of its notes)."""
        if d.line is not None or not self.files:
            return d
        f, path, site = self._where(d.path, d.file_index, d.site)
        pos = f.source_map.locate(path)
        related = []
        for r in d.related:
            if r.line is not None:
                related.append(r)
                continue
            rf, rpath, _ = self._where(r.path, None, None)
            rp = rf.source_map.locate(rpath)
            related.append(replace(r, file=rf.display, line=rp.line, column=rp.column))
        message = d.message
        if site is not None:
            tname = next((o.template for o in self.origin.values() if o.site == site
                          and o.template), None)
            message += f" (in site '{site}'" + (f", template '{tname}')" if tname else ")")
        return replace(d.at(f.display, pos.line, pos.column), related=tuple(related),
                       message=message)


def _read(path: Path, display: str, lp: LoadedPlan,
          where: tuple[int, KeyPath] | None = None) -> dict[str, Any] | None:
    """Read one file into ``lp.files``; its raw TOML, or None (with a diagnostic)."""

    def fail(code: str, message: str, line: int = 1, col: int = 1,
             hint: str | None = None) -> None:
        d = Diagnostic(code, message, hint=hint)
        if where is not None and code == "E003":
            d = Diagnostic(code, message, path=where[1], hint=hint).located_in(where[0])
            lp.diagnostics.add(d)
        else:
            lp.diagnostics.add(d.at(display, line, col))

    try:
        data = path.read_bytes()
    except OSError as e:
        fail("E003", f"cannot read {display}: {e.strerror or e}",
             hint="check the include path (it is relative to the including file)"
             if where else None)
        return None
    try:
        text = data.decode("utf-8")  # the parser accepts one leading byte-order mark
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        fail("E002", f"the file is not UTF-8 text (byte 0x{data[e.start]:02x} cannot be "
             "decoded)", line, col, hint="save the file with UTF-8 encoding")
        return None
    lp.files.append(SourceFile(path, display, text))
    import toml_rs

    try:
        raw: dict[str, Any] = toml_rs.loads(text, toml_version="1.0.0")
    except Exception as e:
        msg = str(getattr(e, "msg", e)).strip().splitlines()
        fail("E001", f"TOML syntax error: {msg[-1] if msg else 'invalid TOML'}",
             int(getattr(e, "lineno", 1)), int(getattr(e, "colno", 1)))
        return None
    return raw


def read_plan(path: Path, display: str | None = None) -> LoadedPlan:
    """Read and validate the plan at ``path`` (with the files it includes)."""
    lp = LoadedPlan(path=path, display=display if display is not None else str(path))
    raw = _read(path, lp.display, lp)
    if raw is None:
        return lp
    merged: dict[str, Any] = {}
    diags: list[Diagnostic] = []
    _merge(raw, 0, merged, lp, diags)
    _includes(raw, 0, path, lp.display, merged, lp, diags, {path.resolve()})
    from .templates import expand

    expand(merged, lp.origin, diags)
    lp.diagnostics.extend(diags)
    lp.raw = merged
    lp.plan = _validate(merged, lp)
    return lp


def _merge(raw: dict[str, Any], fi: int, merged: dict[str, Any], lp: LoadedPlan,
           diags: list[Diagnostic]) -> None:
    for key, value in raw.items():
        if key == "include":
            continue
        if key in ENTRY_TABLES and isinstance(value, dict):
            target = merged.setdefault(key, {})
            if not isinstance(target, dict):
                continue
            lp.origin.setdefault((key, ""), Origin(fi, (key,)))
            if fi == 0:  # the main file comes first: its entries need no origin records
                target.update(value)
                continue
            for ident, entry in value.items():
                if ident in target:
                    diags.append(Diagnostic(
                        "E015", f"{_KIND.get(key, key)} '{ident}' is defined twice",
                        path=(key, ident), hint="ids must be unique across the plan's files",
                        related=(Related((key, ident), "first defined here"),),
                    ).located_in(fi))
                    continue
                target[ident] = entry
                lp.origin[(key, ident)] = Origin(fi, (key, ident))
        else:
            if key == "project" and fi and _status_only(value, merged.get(key)):
                # A weekly status file may set the status date of the main file's project.
                merged[key] = {**merged[key], **value}
                for k in value:
                    lp.origin[(key, k)] = Origin(fi, (key, k))
                continue
            if key in merged:
                diags.append(Diagnostic(
                    "E015", f"[{key}] is defined in more than one file", path=(key,),
                    hint=f"keep [{key}] in one file (the main plan file)").located_in(fi))
                continue
            merged[key] = value
            lp.origin[(key, "")] = Origin(fi, (key,))


def _status_only(value: Any, main: Any) -> bool:
    """An included ``[project]`` that only adds ``status_date`` to the main one."""
    return isinstance(value, dict) and isinstance(main, dict) and set(value) == {"status_date"} \
        and "status_date" not in main


def _includes(raw: dict[str, Any], fi: int, path: Path, display: str, merged: dict[str, Any],
              lp: LoadedPlan, diags: list[Diagnostic], seen: set[Path]) -> None:
    inc = raw.get("include")
    if inc is None:
        return
    if not isinstance(inc, list) or not all(isinstance(x, str) for x in inc):
        diags.append(Diagnostic("E011", "'include' must be a list of file paths",
                                path=("include",), hint='include = ["sites.toml"]')
                     .located_in(fi))
        return
    root = lp.path.resolve().parent
    for k, rel in enumerate(inc):
        target = (path.parent / rel).resolve()
        where: KeyPath = ("include", k)
        if not target.is_relative_to(root):
            diags.append(Diagnostic(
                "E004", f"include '{rel}' is outside the plan's folder", path=where,
                hint="keep included files in the plan's folder or below it").located_in(fi))
            continue
        if target in seen:
            diags.append(Diagnostic(
                "E004", f"'{rel}' is included more than once (or includes itself)",
                path=where, hint="include each file once").located_in(fi))
            continue
        seen.add(target)
        shown = str(Path(display).parent / rel) if display else rel
        sub = _read(target, shown, lp, (fi, where))
        if sub is None:
            continue
        sfi = len(lp.files) - 1
        _merge(sub, sfi, merged, lp, diags)
        _includes(sub, sfi, target, shown, merged, lp, diags, seen)


def _validate(raw: dict[str, Any], lp: LoadedPlan) -> Plan | None:
    try:
        return Plan.model_validate(raw)
    except ValidationError:
        pass
    # Slow path: validate entry by entry so that every problem is reported once and the
    # valid remainder of the plan can still be checked and scheduled.
    singles: dict[str, Any] = {}
    sections: dict[str, dict[str, Any]] = {}
    for key, value in raw.items():
        if key in _SINGLE:
            singles[key] = _one(_SINGLE[key], value, (key,), lp)
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
                or f"the plan's tables: {', '.join(KNOWN_KEYS['plan'])}"))
    if "project" not in raw:
        lp.diagnostics.add(Diagnostic(
            "E012", "the plan has no [project] table", path=(),
            hint='add [project] with name = "..." and start = YYYY-MM-DD'))
    project = singles.get("project")
    if project is None:
        return None
    fields: dict[str, Any] = {k: sections.get(k, {}) for k in _SECTIONS}
    fields["project"] = project
    fields["transition"] = singles.get("transition") or Transition()
    return Plan.model_construct(**fields)


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
    if base[0] in _SINGLE:
        return f"[{base[0]}]"
    return f"{_KIND.get(str(base[0]), str(base[0]))} '{base[1]}'"


def _clean_loc(loc: tuple[Any, ...]) -> KeyPath:
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
    return str(base[0])


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
