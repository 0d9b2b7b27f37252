"""The schedule as the contract's JSON object (plus documented extra keys)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import TYPE_CHECKING, Any

from ..baseline import Variance
from ..migration import Migration
from ..model import Plan
from ..schedule import Schedule, ScheduledTask
from .text import json_text

if TYPE_CHECKING:
    from .registry import RenderContext


def _driver(t: ScheduledTask) -> dict[str, Any]:
    d: dict[str, Any] = {"kind": t.driver.kind}
    if t.driver.task is not None:
        d.update(task=t.driver.task, type=t.driver.type, lag=t.driver.lag)
    return d


class _Iso(dict[dt.date, str]):
    """date -> ISO text, computed once per distinct date (plans reuse few dates)."""

    def __missing__(self, d: dt.date) -> str:
        s = self[d] = d.isoformat()
        return s


def task_dict(t: ScheduledTask, iso: dict[dt.date, str] | None = None) -> dict[str, Any]:
    iso = iso if iso is not None else _Iso()
    out: dict[str, Any] = {
        "id": t.id, "name": t.name, "start": iso[t.start],
        "finish": iso[t.finish], "duration": t.duration, "milestone": t.milestone,
        "total_float": t.total_float, "critical": t.critical,
        "late_start": iso[t.late_start_date],
        "late_finish": iso[t.late_finish_date],
        "driver": _driver(t),
    }
    if t.deadline is not None:
        out["deadline"] = t.deadline.isoformat()
    if t.uses:
        out["uses"] = dict(t.uses)
    if t.status is not None:
        out["status"] = t.status
        out["actual_start"] = iso[t.actual_start] if t.actual_start is not None else None
        out["actual_finish"] = iso[t.actual_finish] if t.actual_finish is not None else None
        out["remaining"] = t.remaining
        if t.note is not None:
            out["note"] = t.note
    if t.delay is not None:
        out["resource_delay"] = {
            "earliest_start": t.delay.earliest_start.isoformat(),
            "resources": list(t.delay.resources),
            "days": [d.isoformat() for d in t.delay.days],
            "blocking_tasks": {r: list(ts) for r, ts in t.delay.blocking_tasks.items()},
        }
    if t.placeholder:
        out["placeholder"] = True
    return out


def _d(d: dt.date | None) -> str | None:
    return d.isoformat() if d is not None else None


def migration_dict(m: Migration) -> dict[str, Any]:
    return {
        "workstreams": [{"id": w, "name": n, "start": _d(a), "finish": _d(b), "tasks": k}
                        for w, n, a, b, k in m.workstreams],
        "organizations": [{"id": o.id, "name": o.name, "name_fr": o.name_fr, "kind": o.kind,
                           "start": _d(o.start), "end": _d(o.end),
                           "merges_into": o.merges_into} for o in m.orgs],
        "transfers": [{"id": t.id, "from": t.source, "to": t.target, "date": _d(t.date),
                       "headcount": t.headcount, "staff": list(t.staff),
                       "services": list(t.services), "consumes": list(t.consumes),
                       "readiness": {"tasks": t.readiness_total, "late": list(t.readiness_late),
                                     "float": t.float_days}} for t in m.transfers],
        "coverage": [{"service": c.service, "consumer": c.consumer, "provider": c.provider,
                      "from": _d(c.start), "until": _d(c.until)} for c in m.coverage],
    }


def _with_variance(tasks: list[dict[str, Any]], project: dict[str, Any], v: Variance,
                   iso: dict[dt.date, str]) -> None:
    """Add the baseline keys of contract section 5 (only when a baseline is given)."""
    project["baseline_finish"] = _d(v.baseline_finish)
    project["finish_variance"] = v.finish_variance
    for d, tv in zip(tasks, v.tasks, strict=True):
        d["baseline_start"] = iso[tv.baseline_start] if tv.baseline_start else None
        d["baseline_finish"] = iso[tv.baseline_finish] if tv.baseline_finish else None
        d["start_variance"] = tv.start_variance
        d["finish_variance"] = tv.finish_variance


def _with_people(tasks: list[dict[str, Any]], plan: Plan) -> None:
    """Add each task's ``owner`` and its plan ``task_note`` (keys only where the plan sets
    them; a progress note stays ``note``)."""
    extra = {tid: (spec.owner, spec.note) for tid, spec in plan.task.items()
             if spec.owner is not None or spec.note is not None}
    if not extra:
        return
    for d in tasks:
        owner, note = extra.get(d["id"], (None, None))
        if owner is not None:
            d["owner"] = owner
        if note is not None:
            d["task_note"] = note


def schedule_dict(s: Schedule, m: Migration | None = None,
                  variance: Variance | None = None,
                  plan: Plan | None = None) -> dict[str, Any]:
    iso = _Iso()
    project: dict[str, Any] = {"name": s.project_name, "start": s.project_start.isoformat(),
                               "finish": s.finish.isoformat()}
    if s.status_date is not None:
        project["status_date"] = s.status_date.isoformat()
    tasks = [task_dict(t, iso) for t in s.tasks]
    if variance is not None:
        _with_variance(tasks, project, variance, iso)
    if plan is not None:
        _with_people(tasks, plan)
    out = {
        "project": project,
        "tasks": tasks,
        "violations": [{"task": v.task, "code": v.code, "message": v.message}
                       for v in s.violations],
        "critical_path": [t.id for t in s.critical_path],
        "levelled": s.levelled,
        "levelling": dict(s.levelling),
    }
    out.update(migration_dict(m or Migration()))
    return out


def _encoder() -> Callable[[object], str]:
    """``json.dumps(o, ensure_ascii=False)`` for acyclic plain data, with the C encoder built
    once: ``JSONEncoder.encode`` builds it anew on every call, which costs more than encoding
    one task."""
    if c_make_encoder is None:  # a Python without the C accelerator
        return json.JSONEncoder(ensure_ascii=False).encode
    chunks = c_make_encoder(None, json.JSONEncoder().default, encode_basestring, None,
                            ": ", ", ", False, False, True)
    join = "".join

    def encode(o: object) -> str:
        return join(chunks(o, 0))

    return encode


def dumps_lines(doc: dict[str, Any]) -> str:
    """JSON with one line per top-level key and one line per list item.

    Readable in a diff, and fast: ``json.dumps`` with ``indent`` falls back to the pure-Python
    encoder, which is several times slower on a 100,000-task schedule.
    """
    encode = _encoder()
    parts = []
    for k, v in doc.items():
        key = encode(k)
        if isinstance(v, list) and v:
            items = ",\n    ".join(map(encode, v))
            parts.append(f"  {key}: [\n    {items}\n  ]")
        else:
            parts.append(f"  {key}: {encode(v)}")
    return json_text("{\n" + ",\n".join(parts) + "\n}\n")


def render(s: Schedule, m: Migration | None = None, variance: Variance | None = None,
           plan: Plan | None = None) -> str:
    return dumps_lines(schedule_dict(s, m, variance, plan))


def from_context(ctx: RenderContext) -> str:
    return render(ctx.schedule, ctx.migration, ctx.variance, ctx.plan)
