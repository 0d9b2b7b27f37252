"""An independent reference of core contract section 4 (progress), for tests.

It shares no code with `hsso_plan` (only `RefCalendar` of tests/reference.py, itself
independent): it reads the plan with tomllib and solves start times by fixed-point
relaxation over all constraints. Single calendar (the project's), no resources.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

from .reference import RefCalendar

DAY = dt.timedelta(days=1)


def reference_progress(text: str) -> dict[str, dict[str, Any]]:
    """Per task: start, finish, total_float, critical, status, actual dates, remaining."""
    doc = tomllib.loads(text)
    start = doc["project"]["start"]
    status_date: dt.date = doc["project"]["status_date"]
    cid = doc["project"].get("calendar")
    cal = RefCalendar(start, doc.get("calendar", {}).get(cid, {}) if cid else {})
    tasks: dict[str, Any] = doc.get("task", {})
    progress: dict[str, Any] = doc.get("progress", {})
    ids = list(tasks)
    n_day = cal.first_on_or_after(status_date + DAY)  # N
    dur = {t: tasks[t]["duration"] for t in ids}
    # Started tasks: (status, position of start, end, start date, finish date, remaining).
    started: dict[str, tuple[str, int, int, dt.date, dt.date, int | None]] = {}
    actual_start: dict[str, dt.date] = {}
    for t, p in progress.items():
        a, f = p.get("actual_start"), p.get("actual_finish")
        if a is None:
            continue
        actual_start[t] = a
        if dur[t] == 0:
            on = f or a
            i = cal.first_on_or_after(on)
            started[t] = ("done", i, i, on, on, None)
        elif f is not None:
            started[t] = ("done", cal.first_on_or_after(a), cal.first_on_or_after(f + DAY),
                          a, f, None)
        else:
            s0 = cal.first_on_or_after(a)
            if "remaining" in p:
                r = p["remaining"]
            elif "percent_complete" in p:
                r = int(-(-(dur[t] * (100 - p["percent_complete"])) // 100))
            else:
                worked = sum(1 for i in range(s0, n_day))
                r = max(1, dur[t] - worked)
            finish = cal.date(n_day + r - 1) if r else max(a, cal.date(n_day - 1))
            started[t] = ("in progress", s0, n_day + r, a, finish, r)
    span = {t: started[t][2] - started[t][1] if t in started else dur[t] for t in ids}
    edges = []
    for b in ids:
        for dep in tasks[b].get("depends", []):
            if isinstance(dep, str):
                edges.append((dep, b, "FS", 0))
            else:
                edges.append((dep["task"], b, dep.get("type", "FS"), dep.get("lag", 0)))
    fixed = {t: cal.first_on_or_after(tasks[t]["start_on"]) for t in ids
             if "start_on" in tasks[t]}
    snet = {t: cal.first_on_or_after(tasks[t]["start_no_earlier_than"]) for t in ids
            if "start_no_earlier_than" in tasks[t]}
    s: dict[str, int] = {}
    for t in ids:
        if t in started:
            s[t] = started[t][1]
        elif t in fixed:
            s[t] = max(fixed[t], n_day, 0)
        else:
            s[t] = max(0, snet.get(t, 0), n_day)
    changed = True
    while changed:
        changed = False
        for a, b, typ, lag in edges:
            if b in fixed or b in started:
                continue
            need = {"FS": s[a] + span[a] + lag, "SS": s[a] + lag,
                    "FF": s[a] + span[a] + lag - dur[b], "SF": s[a] + lag - dur[b]}[typ]
            if need > s[b]:
                s[b] = need
                changed = True
    end = max((s[t] + span[t] for t in ids), default=0)
    ls: dict[str, int] = {}
    for t in ids:
        bounds = [end - span[t]]
        if "finish_no_later_than" in tasks[t]:
            last = cal.last_on_or_before(tasks[t]["finish_no_later_than"])
            # end(t) <= last(D) + 1 (contract section 2): a milestone dated the working day
            # after D meets D.
            bounds.append(last - span[t] + 1)
        if t in fixed and t not in started:
            bounds.append(fixed[t])
        ls[t] = min(bounds)
    changed = True
    while changed:
        changed = False
        for a, b, typ, lag in edges:
            if b in started:
                continue
            bound = {"FS": ls[b] - lag - span[a], "SS": ls[b] - lag,
                     "FF": ls[b] + dur[b] - lag - span[a], "SF": ls[b] + dur[b] - lag}[typ]
            if bound < ls[a]:
                ls[a] = bound
                changed = True
    out: dict[str, dict[str, Any]] = {}
    for t in ids:
        d = dur[t]
        if t in started:
            status, _, _, a_date, f_date, rem = started[t]
            fl = None if status == "done" else ls[t] - s[t]
            out[t] = {"start": a_date.isoformat(), "finish": f_date.isoformat(),
                      "total_float": fl, "critical": fl is not None and fl <= 0,
                      "status": status, "actual_start": actual_start[t].isoformat(),
                      "actual_finish": f_date.isoformat() if status == "done" else None,
                      "remaining": rem}
            continue
        out[t] = {"start": cal.date(s[t]).isoformat(),
                  "finish": cal.date(s[t] + d - 1 if d else s[t]).isoformat(),
                  "total_float": ls[t] - s[t], "critical": ls[t] - s[t] <= 0,
                  "status": "not started", "actual_start": None, "actual_finish": None,
                  "remaining": None}
    return out
