"""`hsso-plan risk --format json`: the risk figures as one JSON object (contract section 6,
plus more keys). Deterministic: the same result gives the same bytes."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

from ..risk.result import Driver, RiskResult
from .text import json_text

if TYPE_CHECKING:
    from .registry import RenderContext


def _dates(d: dict[str, dt.date]) -> dict[str, str]:
    return {k: v.isoformat() for k, v in d.items()}


def _driver(d: Driver) -> dict[str, Any]:
    return {"kind": d.kind, "id": d.id, "name": d.name, "correlation": d.correlation}


def data(r: RiskResult) -> dict[str, Any]:
    return {
        "iterations": r.iterations,
        "seed": r.seed,
        "distribution": r.distribution,
        "project": {
            "name": r.project,
            "finish": {"deterministic": r.deterministic_finish.isoformat(), **_dates(r.finish)},
            "finish_se_days": r.finish_se,
            "mean_shift_days": r.mean_finish_shift,
            "histogram": [{"date": d.isoformat(), "runs": c} for d, c in r.histogram],
        },
        "tasks": [{"id": t.id, "name": t.name, "milestone": t.milestone,
                   "deterministic_finish": t.deterministic.isoformat(),
                   "finish": _dates(t.finish), "criticality": t.criticality,
                   "uncertain": t.uncertain} for t in r.tasks],
        "deadlines": [{"task": d.task, "deadline": d.deadline.isoformat(),
                       "probability": d.probability, "se": d.se} for d in r.deadlines],
        "transfers": [{"id": t.id, "name": t.name, "site": t.site,
                       "date": t.date.isoformat() if t.date else None, "fixed": t.fixed,
                       "dates": _dates(t.dates),
                       "readiness_probability": t.readiness_probability, "se": t.se,
                       "readiness_slack_days": t.slack, "readiness_tasks": t.readiness_tasks,
                       "drivers": [_driver(d) for d in t.drivers]} for t in r.transfers],
        "sites": [t.id for t in r.sites],
        "sensitivity": [_driver(d) for d in r.drivers],
        "handovers": [{"service": h.service, "from_provider": h.old, "to_provider": h.new,
                       "until": h.until, "from": h.start, "parallel_run": h.parallel_run,
                       "gap_probability": h.gap_probability,
                       "overlap_probability": h.overlap_probability} for h in r.handovers],
        "events": [{"id": e.id, "name": e.name, "probability": e.probability,
                    "share_of_runs": e.share, "tasks": e.tasks} for e in r.events],
        "uncertain_tasks": r.uncertain_tasks,
        "levelled": r.levelled,
        "resource_links": r.resource_links,
        "progress": {"status_date": r.status_date.isoformat(), "done": r.done_tasks,
                     "under_way": r.under_way_tasks} if r.status_date else None,
    }


def render(r: RiskResult) -> str:
    return json_text(json.dumps(data(r), indent=2, ensure_ascii=False)) + "\n"


def from_context(ctx: RenderContext) -> str:
    """The registry's entry: the risk of the context's plan."""
    return render(ctx.risk)
