"""An independent reference implementation of the core contract's date model, for tests.

It shares no code with `hsso_plan`: it reads the plan with the standard library's tomllib,
lists working dates with the `holidays` package directly, and solves the start times by
fixed-point relaxation over all constraints (not by a topological pass). Single calendar
only (the project's), no resources.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

import holidays

WD = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}


class RefCalendar:
    def __init__(self, start: dt.date, spec: dict[str, Any], span_days: int = 6000) -> None:
        wd = {WD[w] for w in spec.get("workdays", ["mon", "tue", "wed", "thu", "fri"])}
        off = set(spec.get("days_off", []))
        on = set(spec.get("days_on", []))
        region = spec.get("holidays")
        hol: set[dt.date] = set()
        if region:
            c, _, s = region.partition("-")
            years = range(start.year - 20, start.year + 20)
            hol = set(holidays.country_holidays(c, subdiv=s or None, years=years))

        def working(d: dt.date) -> bool:
            if d in on:
                return True
            return d.weekday() in wd and d not in off and d not in hol

        after = [start + dt.timedelta(days=i) for i in range(span_days)]
        before = [start - dt.timedelta(days=i) for i in range(1, span_days)]
        self.pos = [d for d in after if working(d)]
        self.neg = [d for d in before if working(d)]  # neg[0] = index -1

    def date(self, i: int) -> dt.date:
        return self.pos[i] if i >= 0 else self.neg[-i - 1]

    def first_on_or_after(self, d: dt.date) -> int:
        if d <= self.pos[0]:
            i = -1
            while i >= -len(self.neg) and self.neg[-i - 1] >= d:
                i -= 1
            return i + 1
        return next(i for i, x in enumerate(self.pos) if x >= d)

    def last_on_or_before(self, d: dt.date) -> int:
        return self.first_on_or_after(d + dt.timedelta(days=1)) - 1


def reference_schedule(text: str) -> dict[str, dict[str, Any]]:
    doc = tomllib.loads(text)
    start = doc["project"]["start"]
    cid = doc["project"].get("calendar")
    cal = RefCalendar(start, doc.get("calendar", {}).get(cid, {}) if cid else {})
    tasks = doc.get("task", {})
    ids = list(tasks)
    dur = {t: tasks[t]["duration"] for t in ids}
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
    dl = {}
    for t in ids:
        if "finish_no_later_than" in tasks[t]:
            last = cal.last_on_or_before(tasks[t]["finish_no_later_than"])
            dl[t] = last - dur[t] + 1 if dur[t] else last

    s = {t: fixed.get(t, max(0, snet.get(t, 0))) for t in ids}
    changed = True
    while changed:
        changed = False
        for a, b, typ, lag in edges:
            if b in fixed:
                continue
            need = {"FS": s[a] + dur[a] + lag, "SS": s[a] + lag,
                    "FF": s[a] + dur[a] + lag - dur[b], "SF": s[a] + lag - dur[b]}[typ]
            if need > s[b]:
                s[b] = need
                changed = True
    end = max((s[t] + dur[t] for t in ids), default=0)
    ls = {t: min([end - dur[t]] + ([dl[t]] if t in dl else []) +
                 ([fixed[t]] if t in fixed else [])) for t in ids}
    changed = True
    while changed:
        changed = False
        for a, b, typ, lag in edges:
            bound = {"FS": ls[b] - lag - dur[a], "SS": ls[b] - lag,
                     "FF": ls[b] + dur[b] - lag - dur[a], "SF": ls[b] + dur[b] - lag}[typ]
            if bound < ls[a]:
                ls[a] = bound
                changed = True
    out = {}
    for t in ids:
        d = dur[t]
        out[t] = {
            "start": cal.date(s[t]).isoformat(),
            "finish": cal.date(s[t] + d - 1 if d else s[t]).isoformat(),
            "total_float": ls[t] - s[t],
            "critical": ls[t] - s[t] <= 0,
        }
    return out
