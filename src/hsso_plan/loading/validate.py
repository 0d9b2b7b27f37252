"""Validate a merged raw plan into the `Plan` model, entry by entry when it has problems.

Entries that fail validation are left out of the plan or *salvaged* (a best-effort model,
so the later checks still see them) and remembered as *broken*, so that the later checks
run on everything else and do not report a reference to a broken task as a reference to
an unknown one. A task whose required value had to be replaced by a stand-in is marked
``placeholder`` so that no output passes it off as what the user wrote.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostic, KeyPath, did_you_mean
from ..model import KNOWN_KEYS, Plan, Risk, Task, Transition
from .messages import clean_loc, from_pydantic
from .tables import SECTIONS, SINGLE

#: A dependency entry that could not be read; checks and the scheduler skip it.
SKIP_ID = "\x00invalid"


@dataclass
class Validated:
    """The plan model (None without a readable [project]) and what was wrong with it."""

    plan: Plan | None
    #: Entries whose scheduling values had to be replaced (or that could not be read).
    broken: dict[str, set[str]] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def validate(raw: dict[str, Any]) -> Validated:
    """Validate ``raw``; every problem is reported once and the valid remainder is kept."""
    try:
        return Validated(Plan.model_validate(raw))
    except ValidationError:
        pass
    # Slow path: validate entry by entry so that every problem is reported once and the
    # valid remainder of the plan can still be checked and scheduled.
    out = Validated(None)
    singles: dict[str, Any] = {}
    sections: dict[str, dict[str, Any]] = {}
    for key, value in raw.items():
        if key in SINGLE:
            singles[key] = _one(SINGLE[key], value, (key,), out.diagnostics)
        elif key in SECTIONS:
            if isinstance(value, dict):
                sections[key] = _entries(key, value, out)
            else:
                out.diagnostics.append(Diagnostic(
                    "E011", f"'{key}' must be a table of {key}s ([{key}.ID] sections)",
                    path=(key,)))
        else:
            out.diagnostics.append(Diagnostic(
                "E010", f"unknown top-level table '{key}'", path=(key,),
                hint=did_you_mean(key, KNOWN_KEYS["plan"])
                or f"the plan's tables: {', '.join(KNOWN_KEYS['plan'])}"))
    if "project" not in raw:
        out.diagnostics.append(Diagnostic(
            "E012", "the plan has no [project] table", path=(),
            hint='add [project] with name = "..." and start = YYYY-MM-DD'))
    project = singles.get("project")
    if project is not None:
        fields: dict[str, Any] = {k: sections.get(k, {}) for k in SECTIONS}
        fields["project"] = project
        fields["transition"] = singles.get("transition") or Transition()
        fields["risk"] = singles.get("risk") or Risk()
        out.plan = Plan.model_construct(**fields)
    return out


def _entries(key: str, table: dict[str, Any], out: Validated) -> dict[str, Any]:
    """The entries of one table that could be read (or salvaged)."""
    model = SECTIONS[key]
    good: dict[str, Any] = {}
    broken = out.broken[key] = set()
    for ident, entry in table.items():
        m = _one(model, entry, (key, ident), out.diagnostics)
        if m is None:
            m, changed = _salvage(model, entry, ident)
            if changed:
                broken.add(ident)
        if m is not None:
            good[ident] = m
    return good


def _one(model: type[BaseModel], value: Any, base: KeyPath, diags: list[Diagnostic]) -> Any:
    try:
        return model.model_validate(value)
    except ValidationError as e:
        diags.extend(from_pydantic(err, base) for err in e.errors(include_url=False))
        return None


def _salvage(model: type[BaseModel], value: Any, ident: str) -> tuple[Any, bool]:
    """A best-effort model of a broken entry, so the other checks still see it.

    Bad optional keys are dropped, bad required ones get a stand-in, and a bad dependency
    keeps its place (so later positions stay right) but is skipped. The entry stays marked
    broken (the second value) when a value that matters for scheduling was replaced, so no
    timeline problem is reported on a value the user never wrote. A task with a stand-in
    is marked as a placeholder.
    """
    if not isinstance(value, dict):
        return None, True
    v = dict(value)
    changed = stand_in = False
    stand_ins: dict[str, Any] = {"name": ident, "duration": 0}
    for _ in range(8):
        try:
            m = model.model_validate(v)
        except ValidationError as e:
            errs = e.errors(include_url=False)
        else:
            if stand_in and isinstance(m, Task):
                m = m.model_copy(update={"placeholder": True})
            return m, changed
        for err in errs:
            loc = clean_loc(tuple(err["loc"]))
            if not loc:
                return None, True
            k = loc[0]
            if not (err["type"] == "extra_forbidden" and len(loc) == 1) and k != "name":
                changed = True
            deps = v.get("depends")
            if k == "depends" and len(loc) >= 2 and isinstance(loc[1], int) \
                    and isinstance(deps, list):
                v["depends"] = _repaired(deps, loc)
            elif k == "uses" and len(loc) >= 2 and isinstance(v.get("uses"), dict):
                v["uses"] = {r: u for r, u in v["uses"].items() if r != loc[1]}
            elif isinstance(k, str) and k in stand_ins:
                v[k] = stand_ins[k]
                stand_in = True
            else:
                v.pop(k, None)
    return None, True


def _repaired(deps: list[Any], loc: KeyPath) -> list[Any]:
    """The dependencies with entry ``loc[1]`` repaired: its bad key dropped, or skipped."""
    deps = list(deps)
    i = int(loc[1])
    item = deps[i]
    ok = isinstance(item, dict) and isinstance(item.get("task"), str)
    if ok and len(loc) >= 3 and loc[2] != "task":
        deps[i] = {kk: vv for kk, vv in item.items() if kk != loc[2]}
    else:
        deps[i] = {"task": item["task"]} if ok else SKIP_ID
    return deps
