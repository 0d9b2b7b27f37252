"""The schedule as the contract's JSON object (plus documented extra keys)."""

from __future__ import annotations

import json
from typing import Any

from ..schedule import Schedule, ScheduledTask


def _driver(t: ScheduledTask) -> dict[str, Any]:
    d: dict[str, Any] = {"kind": t.driver.kind}
    if t.driver.task is not None:
        d.update(task=t.driver.task, type=t.driver.type, lag=t.driver.lag)
    return d


def task_dict(t: ScheduledTask) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": t.id, "name": t.name, "start": t.start.isoformat(),
        "finish": t.finish.isoformat(), "duration": t.duration, "milestone": t.milestone,
        "total_float": t.total_float, "critical": t.critical,
        "late_start": t.late_start_date.isoformat(),
        "late_finish": t.late_finish_date.isoformat(),
        "driver": _driver(t),
    }
    if t.deadline is not None:
        out["deadline"] = t.deadline.isoformat()
    if t.uses:
        out["uses"] = dict(t.uses)
    if t.delay is not None:
        out["resource_delay"] = {
            "earliest_start": t.delay.earliest_start.isoformat(),
            "resources": list(t.delay.resources),
            "days": [d.isoformat() for d in t.delay.days],
            "blocking_tasks": {r: list(ts) for r, ts in t.delay.blocking_tasks.items()},
        }
    return out


def schedule_dict(s: Schedule) -> dict[str, Any]:
    return {
        "project": {"name": s.project_name, "start": s.project_start.isoformat(),
                    "finish": s.finish.isoformat()},
        "tasks": [task_dict(t) for t in s.tasks],
        "violations": [{"task": v.task, "code": v.code, "message": v.message}
                       for v in s.violations],
        "critical_path": [t.id for t in s.critical_path],
        "levelled": s.levelled,
    }


def render(s: Schedule) -> str:
    return json.dumps(schedule_dict(s), indent=2, ensure_ascii=False) + "\n"
