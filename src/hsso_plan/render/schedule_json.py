"""The schedule as the contract's JSON object (plus documented extra keys)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from itertools import chain, repeat
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from ..baseline import TaskVariance, Variance
from ..migration import Migration
from ..model import Plan
from ..schedule import Driver, Schedule, ScheduledTask
from .text import IsoDates, json_text

if TYPE_CHECKING:
    from .registry import RenderContext


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


_ENCODE = _encoder()
_str: Callable[[str], str] = encode_basestring
#: ``json.dumps(o, ensure_ascii=False)`` of plain data, and of a string: for the writers
#: that build JSON lines with f-strings as `task_json` does.
encode_json, json_string = _ENCODE, _str


_BOOL = ("false", "true")


def _driver_json(d: Driver) -> str:
    if d.task is None:
        return f'{{"kind": "{d.kind}"}}'
    return f'{{"kind": "{d.kind}", "task": {_str(d.task)}, "type": "{d.type}", "lag": {d.lag}}}'


def _middle(t: ScheduledTask) -> dict[str, Any]:
    """The optional keys between the driver and the progress keys."""
    out: dict[str, Any] = {}
    if t.deadline is not None:
        out["deadline"] = t.deadline.isoformat()
    if t.uses:
        out["uses"] = dict(t.uses)
    return out


def _tail(t: ScheduledTask) -> dict[str, Any]:
    """The optional keys after the progress keys."""
    out: dict[str, Any] = {}
    if t.status is not None and t.note is not None:
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


def _q(d: dt.date | None, iso: dict[dt.date, str]) -> str:
    """A date as JSON text: its ISO string, or null."""
    return "null" if d is None else f'"{iso[d]}"'


def _n(x: int | None) -> str:
    """A whole number as JSON text, or null."""
    return "null" if x is None else str(x)


def task_json(t: ScheduledTask, iso: dict[dt.date, str] | None = None,
              variance: TaskVariance | None = None, people: dict[str, str] | None = None) -> str:
    """One task of the contract's JSON as JSON text: ``json.dumps(..., ensure_ascii=False)``
    of the object, keys in the contract's order (with ``variance``: the baseline keys of
    contract section 5; then ``people``: the task's `owner` and `task_note`, see `_people`).

    Written with f-strings: the keys every task has (and the progress and baseline keys) are
    formatted directly and only the rare optional keys go through the encoder, so writing
    100,000 tasks costs a fifth of building and encoding one dict per task."""
    iso = iso if iso is not None else IsoDates()
    tf = t.total_float
    out = (f'{{"id": {_str(t.id)}, "name": {_str(t.name)}, "start": "{iso[t.start]}", '
           f'"finish": "{iso[t.finish]}", "duration": {t.duration}, '
           f'"milestone": {_BOOL[t.milestone]}, "total_float": {"null" if tf is None else tf}, '
           f'"critical": {_BOOL[t.critical]}, "late_start": "{iso[t.late_start_date]}", '
           f'"late_finish": "{iso[t.late_finish_date]}", "driver": {_driver_json(t.driver)}')
    if t.deadline is not None or t.uses:
        out += ", " + _ENCODE(_middle(t))[1:-1]
    status = t.status
    if status is not None:
        a, f, r = t.actual_start, t.actual_finish, t.remaining
        if a is None and f is None and r is None:  # not started (of a plan with progress)
            out += (f', "status": "{status}", "actual_start": null, "actual_finish": null, '
                    '"remaining": null')
        elif a is not None and f is not None and r is None:  # done
            out += (f', "status": "{status}", "actual_start": "{iso[a]}", '
                    f'"actual_finish": "{iso[f]}", "remaining": null')
        else:
            out += (f', "status": "{status}", "actual_start": {_q(a, iso)}, '
                    f'"actual_finish": {_q(f, iso)}, "remaining": {_n(r)}')
    if t.note is not None or t.delay is not None or t.placeholder:
        tail = _tail(t)
        if tail:
            out += ", " + _ENCODE(tail)[1:-1]
    if variance is not None:
        out += (f', "baseline_start": {_q(variance.baseline_start, iso)}, '
                f'"baseline_finish": {_q(variance.baseline_finish, iso)}, '
                f'"start_variance": {_n(variance.start_variance)}, '
                f'"finish_variance": {_n(variance.finish_variance)}')
    if people:
        out += ", " + _ENCODE(people)[1:-1]
    return out + "}"


def task_dict(t: ScheduledTask, iso: dict[dt.date, str] | None = None) -> dict[str, Any]:
    """One task of the contract's JSON, as a dict (the object `task_json` writes)."""
    out: dict[str, Any] = json.loads(task_json(t, iso))
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


_OWNER_NOTE = attrgetter("owner", "note")


def _people(plan: Plan | None) -> dict[str, dict[str, str]]:
    """Task id -> its ``owner`` and its plan ``task_note`` (keys only where the plan sets
    them; a progress note stays ``note``)."""
    out: dict[str, dict[str, str]] = {}
    if plan is None:
        return out
    given = list(map(_OWNER_NOTE, plan.task.values()))  # (at C speed: most plans set neither)
    if given.count((None, None)) == len(given):
        return out
    for tid, spec in plan.task.items():
        if spec.owner is not None or spec.note is not None:
            keys = out[tid] = {}
            if spec.owner is not None:
                keys["owner"] = spec.owner
            if spec.note is not None:
                keys["task_note"] = spec.note
    return out


class JsonLines(list[str]):
    """A list whose items are already JSON text: `dumps_lines` writes them as they are."""


def schedule_doc(s: Schedule, m: Migration | None = None, variance: Variance | None = None,
                 plan: Plan | None = None) -> dict[str, Any]:
    """The schedule's JSON object, its tasks already written as JSON text (`JsonLines`);
    with ``plan``, each task's owner and plan note too."""
    iso = IsoDates()
    project: dict[str, Any] = {"name": s.project_name, "start": s.project_start.isoformat(),
                               "finish": s.finish.isoformat()}
    if s.status_date is not None:
        project["status_date"] = s.status_date.isoformat()
    people = _people(plan)
    if variance is not None:
        # The baseline keys of contract section 5 (only when a baseline is given).
        project["baseline_finish"] = _d(variance.baseline_finish)
        project["finish_variance"] = variance.finish_variance
        tasks = JsonLines([task_json(t, iso, tv, people.get(t.id))
                           for t, tv in zip(s.tasks, variance.tasks, strict=True)])
    elif people:
        tasks = JsonLines([task_json(t, iso, None, people.get(t.id)) for t in s.tasks])
    else:
        tasks = JsonLines([task_json(t, iso) for t in s.tasks])
    out: dict[str, Any] = {
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


def schedule_dict(s: Schedule, m: Migration | None = None, variance: Variance | None = None,
                  plan: Plan | None = None) -> dict[str, Any]:
    """The schedule's JSON object as plain data."""
    out = schedule_doc(s, m, variance, plan)
    out["tasks"] = [json.loads(x) for x in out["tasks"]]
    return out


def dumps_lines(doc: dict[str, Any]) -> str:
    """JSON with one line per top-level key and one line per list item.

    Readable in a diff, and fast: ``json.dumps`` with ``indent`` falls back to the pure-Python
    encoder, which is several times slower on a 100,000-task schedule. The text is joined
    once from its pieces (each list item one), so a 30 MB schedule is not copied again for
    each level of nesting.
    """
    encode = _ENCODE
    pieces: list[str] = []
    for k, v in doc.items():
        pieces.append(",\n  " if pieces else "{\n  ")
        pieces.append(encode(k))
        if isinstance(v, list) and v:
            pieces.append(": [\n    ")
            items = v if isinstance(v, JsonLines) else map(encode, v)
            pieces.extend(chain.from_iterable(zip(items, repeat(",\n    "))))
            pieces[-1] = "\n  ]"  # (the last item's separator)
        else:
            pieces.append(": " + encode(v))
    pieces.append("\n}\n" if pieces else "{\n\n}\n")
    return json_text("".join(pieces))


def render(s: Schedule, m: Migration | None = None, variance: Variance | None = None,
           plan: Plan | None = None) -> str:
    return dumps_lines(schedule_doc(s, m, variance, plan))


def from_context(ctx: RenderContext) -> str:
    return render(ctx.schedule, ctx.migration, ctx.variance, ctx.plan)
