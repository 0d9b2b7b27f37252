"""The report as JSON: the same content as the other formats, as data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from .report_model import Report


def _plain(v: Any) -> Any:
    if isinstance(v, dt.date):
        return v.isoformat()
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return {k: _plain(x) for k, x in dataclasses.asdict(v).items()}
    if isinstance(v, dict):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_plain(x) for x in v]
    return v


def as_dict(r: Report) -> dict[str, Any]:
    out: dict[str, Any] = {"lang": r.lang, "title": r.title, "as_of": _plain(r.as_of),
                           "sections": list(r.sections)}
    for s in r.sections:
        if s == "gantt":
            out["gantt"] = {"span": _plain(r.span), "rows": _plain(r.gantt_full)}
        elif s == "readiness":
            out["readiness"] = {"rag_rule": {"green_days": r.rag_rule[0],
                                             "amber_days": r.rag_rule[1]},
                                "sites": _plain(r.readiness)}
        elif s == "resources":
            out["resources"] = {"load": _plain(r.resources), "moved": _plain(r.delays)}
        else:
            out[s] = _plain(getattr(r, s))
    return out


def render(r: Report, extra: dict[str, Any] | None = None) -> str:
    """The report as JSON; ``extra`` adds top-level keys (``baseline`` with --baseline)."""
    return json.dumps({**as_dict(r), **(extra or {})}, indent=2, ensure_ascii=False) + "\n"
