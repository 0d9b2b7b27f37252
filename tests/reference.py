"""An independent reference implementation of the core contract's date model, for tests.

It shares no code with `hsso_plan`: it reads the plan with the standard library's tomllib,
lists working dates with the `holidays` package directly, and solves the start times by
fixed-point relaxation over all constraints (not by a topological pass), the late pass by
stepping each late start down until every constraint holds (not by inverting the date
maps). Several calendars (each task on its own, else the project's): a dependency goes
through dates as contract section 2 says. No resources.
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
    specs = doc.get("calendar", {})
    project_cal = doc["project"].get("calendar")
    cals: dict[str | None, RefCalendar] = {}

    def calendar(cid: str | None) -> RefCalendar:
        if cid not in cals:
            cals[cid] = RefCalendar(start, specs.get(cid, {}) if cid else {})
        return cals[cid]

    tasks = doc.get("task", {})
    ids = list(tasks)
    cal = {t: calendar(tasks[t].get("calendar") or project_cal) for t in ids}
    dur = {t: tasks[t]["duration"] for t in ids}
    edges = []
    for b in ids:
        for dep in tasks[b].get("depends", []):
            if isinstance(dep, str):
                edges.append((dep, b, "FS", 0))
            else:
                edges.append((dep["task"], b, dep.get("type", "FS"), dep.get("lag", 0)))
    fixed = {t: cal[t].first_on_or_after(tasks[t]["start_on"]) for t in ids
             if "start_on" in tasks[t]}
    snet = {t: cal[t].first_on_or_after(tasks[t]["start_no_earlier_than"]) for t in ids
            if "start_no_earlier_than" in tasks[t]}
    # end(t) = s + d <= last(D) + 1: a milestone dated the working day after D meets D.
    dl = {t: cal[t].last_on_or_before(tasks[t]["finish_no_later_than"]) + 1 - dur[t]
          for t in ids if "finish_no_later_than" in tasks[t]}
    one_day = dt.timedelta(days=1)

    def end_date(t: str, s: int) -> dt.date:
        """The calendar day after the finish date; a milestone's date."""
        return cal[t].date(s + dur[t] - 1) + one_day if dur[t] else cal[t].date(s)

    def need(a: str, sa: int, b: str, typ: str, lag: int) -> int:
        """The earliest start of b that the dependency allows, through dates."""
        at = end_date(a, sa) if typ in ("FS", "FF") else cal[a].date(sa)
        bound = cal[b].first_on_or_after(at) + lag
        return bound - dur[b] if typ in ("FF", "SF") else bound

    s = {t: fixed.get(t, max(0, snet.get(t, 0))) for t in ids}
    changed = True
    while changed:
        changed = False
        for a, b, typ, lag in edges:
            if b in fixed:
                continue
            v = need(a, s[a], b, typ, lag)
            if v > s[b]:
                s[b] = v
                changed = True
    end = max((end_date(t, s[t]) for t in ids), default=start)
    # The project's end, as a position of each task's calendar: the first working day on or
    # after the largest end date (with one calendar: the largest s + d).
    ls = {t: min([cal[t].first_on_or_after(end) - dur[t]] + ([dl[t]] if t in dl else []) +
                 ([fixed[t]] if t in fixed else [])) for t in ids}
    changed = True
    while changed:
        changed = False
        for a, b, typ, lag in edges:
            while need(a, ls[a], b, typ, lag) > ls[b]:
                ls[a] -= 1
                changed = True
    out = {}
    for t in ids:
        d = dur[t]
        out[t] = {
            "start": cal[t].date(s[t]).isoformat(),
            "finish": cal[t].date(s[t] + d - 1 if d else s[t]).isoformat(),
            "total_float": ls[t] - s[t],
            "critical": ls[t] - s[t] <= 0,
        }
    return out
