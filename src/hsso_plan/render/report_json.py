"""The report as JSON: the same content as the other formats, as data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from .report_model import Report
from .text import json_text

if TYPE_CHECKING:
    from .registry import RenderContext


def _plain(v: Any) -> Any:
    """Report data as JSON values: dates as ISO text, each dataclass as an object with its
    fields in declaration order (under the field's ``key`` where it has one)."""
    if isinstance(v, dt.date):
        return v.isoformat()
    if dataclasses.is_dataclass(v) and not isinstance(v, type):
        return {f.metadata.get("key", f.name): _plain(getattr(v, f.name))
                for f in dataclasses.fields(v)}
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
        elif s == "risk":
            from .risk_json import data

            out["risk"] = data(r.risk) if r.risk is not None else None
        elif s == "resources":
            out["resources"] = {"load": _plain(r.resources), "moved": _plain(r.delays)}
        elif s == "summary":
            out["summary"] = {**_plain(r.summary), "issues": _plain(r.issues)}
        elif s == "lookahead":
            window = r.lookahead_window
            out["lookahead"] = {"days": r.lookahead_days,
                                "window": _plain(window) if window else None,
                                "tasks": _plain(r.lookahead)}
        else:
            out[s] = _plain(getattr(r, s))
    return out


def render(r: Report, extra: dict[str, Any] | None = None) -> str:
    """The report as JSON; ``extra`` adds top-level keys (``baseline`` with --baseline)."""
    return json_text(json.dumps({**as_dict(r), **(extra or {})}, indent=2,
                                ensure_ascii=False)) + "\n"


def from_context(ctx: RenderContext) -> str:
    from . import variance_report

    slips = ctx.baseline_summary
    return render(ctx.report, {"baseline": variance_report.as_dict(slips)} if slips else None)
