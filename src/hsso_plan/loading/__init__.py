"""Read a plan file: bytes -> text -> TOML -> `Plan`, collecting every problem on the way.

The loader never raises for a problem in the plan. It returns a `LoadedPlan` that holds the
plan (or ``None`` when the file cannot be read as a plan at all), the diagnostics found so
far (with key paths, not yet positions) and, per file, a lazily built `SourceMap` for
locating them. The stages, one module each:

- `read`: one file's bytes -> UTF-8 text -> TOML 1.0 (E001-E003);
- `includes`: the main file and the files it includes, merged (E004, E015);
- `templates`: each ``[site.X]`` expanded from its template (E050, E051);
- `amend`: each ``[amend.TASK]`` overlaid on the task it changes (E017);
- `tables`: which model reads each table; [risk.ID] events gathered under ``events``;
- `validate` and `messages`: the pydantic models, entry by entry, with planner's messages;
- `locate`: key path -> ``line:column`` (the header index and toml-rs metadata).
"""

from __future__ import annotations

from pathlib import Path

from . import amend
from .includes import Loader
from .loaded import LoadedPlan, Origin, SourceFile
from .locate import Position, SourceMap
from .tables import ENTRY_TABLES, gather_risk_events
from .templates import expand
from .validate import SKIP_ID, validate

__all__ = ["ENTRY_TABLES", "SKIP_ID", "LoadedPlan", "Origin", "Position", "SourceFile",
           "SourceMap", "read_plan"]


def read_plan(path: Path, display: str | None = None) -> LoadedPlan:
    """Read and validate the plan at ``path`` (with the files it includes)."""
    lp = LoadedPlan(path=path, display=display if display is not None else str(path))
    loader = Loader(lp)
    merged = loader.load()
    if merged is None:
        return lp
    tpl = merged.get("template")
    lp.templates = frozenset(str(k) for k in tpl) if isinstance(tpl, dict) else frozenset()
    expand(merged, lp.origin, loader.diagnostics)
    amend.apply(merged, lp, loader.diagnostics)
    gather_risk_events(merged, lp.origin)
    lp.diagnostics.extend(loader.diagnostics)
    checked = validate(merged)
    lp.plan, lp.broken = checked.plan, checked.broken
    lp.diagnostics.extend(checked.diagnostics)
    return lp
