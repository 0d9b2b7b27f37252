"""The report's plain sections: names in the report's language, service coverage, staff
moving and resource load (the sections that need no status date and no critical path)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...migration import Migration
from ...model import Plan
from ...schedule import Schedule
from .rows import CoverageGroup, CoverageRow, ResourceRow, StaffRow


def _name(obj: Any, lang: str, fallback: str) -> str:
    """An entry's name in ``lang`` (its ``name_fr`` in French), else ``fallback``."""
    if obj is None:
        return fallback
    if lang == "fr" and getattr(obj, "name_fr", None):
        return str(obj.name_fr)
    return str(getattr(obj, "name", None) or fallback)


def condensed_coverage(rows: list[CoverageRow]) -> list[CoverageGroup]:
    """Coverage grouped by service, provider and the kind of consumer: one line for
    "HSSO serves the 14 CCACs from 1 March until each one's transfer" instead of fourteen."""
    groups: dict[tuple[str, str, str], list[CoverageRow]] = {}
    for r in rows:
        groups.setdefault((r.service, r.provider_id, r.consumer_kind), []).append(r)
    out = []
    for (_, _, kind), rs in groups.items():
        froms = sorted({r.start for r in rs})
        untils = sorted({r.until for r in rs}, key=lambda d: d or dt.date.max)
        out.append(CoverageGroup(
            service=rs[0].service, service_name=rs[0].service_name,
            provider=rs[0].provider, provider_id=rs[0].provider_id, kind=kind,
            consumers=[r.consumer for r in rs],
            start=(froms[0], froms[-1]), until=(untils[0], untils[-1]),
        ))
    return out


def _coverage(plan: Plan, mig: Migration | None, lang: str) -> list[CoverageRow]:
    if mig is None:
        return []
    return [CoverageRow(
        service=c.service,
        service_name=_name(plan.service.get(c.service), lang, c.service),
        consumer=_name(plan.org.get(c.consumer), lang, c.consumer),
        consumer_id=c.consumer,
        consumer_kind=plan.org[c.consumer].kind if c.consumer in plan.org else "other",
        provider=_name(plan.org.get(c.provider), lang, c.provider),
        provider_id=c.provider, start=c.start, until=c.until,
    ) for c in mig.coverage]


def _staff(plan: Plan, mig: Migration | None, lang: str) -> list[StaffRow]:
    if mig is None:
        return []
    return [StaffRow(t.id, t.date, _name(plan.org.get(t.source), lang, t.source),
                     _name(plan.org.get(t.target), lang, t.target), t.headcount, len(t.staff))
            for t in sorted(mig.transfers, key=lambda x: (x.date or dt.date.max, x.id))]


def _resources(sched: Schedule, lang: str, plan: Plan) -> list[ResourceRow]:
    load = sched.resource_load()
    out = []
    for r in sched.resources:
        days = load.get(r.id, {})
        weeks: dict[dt.date, int] = {}
        for day, used in days.items():
            monday = day - dt.timedelta(days=day.weekday())
            weeks[monday] = max(weeks.get(monday, 0), used)
        if weeks:  # every week from the first use to the last, idle weeks at zero
            monday, last = min(weeks), max(weeks)
            while monday < last:
                monday += dt.timedelta(days=7)
                weeks.setdefault(monday, 0)
        spec = plan.resource.get(r.id)
        out.append(ResourceRow(r.id, _name(spec, lang, r.name), r.capacity,
                               max(days.values(), default=0), sorted(weeks.items())))
    return out
