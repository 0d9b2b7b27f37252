"""The rows every human-readable risk output shows (terminal, Markdown, HTML): one home for
what goes in each table, so the three stay in step. Plain strings; each renderer escapes
them by its own rules."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from ..risk.result import Driver, RiskResult
from .i18n import date, number, percent, plural, t

if TYPE_CHECKING:
    from ..model import Plan
    from .registry import RenderContext

#: Most critical tasks listed.
TOP_TASKS = 15


def pct(p: float, lang: str) -> str:
    """A share of runs, one decimal: "95.0%" / "95,0 %" (`i18n.percent`)."""
    return percent(p, lang, 1)


def d(x: dt.date | None, lang: str) -> str:
    """A date in a risk table: CLDR's short style, which is ISO 8601 in Canada in both
    languages ("2017-05-10"), so the P-date columns stay narrow and sort; "—" for none."""
    return date(x, lang, "short") if x else "—"


def corr(c: float, lang: str) -> str:
    """A rank correlation, signed, two decimals: "+0.77" / "+0,77"."""
    return number(c, lang, 2, signed=True)


def in_lang(r: RiskResult, plan: Plan, lang: str) -> RiskResult:
    """The figures with the names of ``lang``: the project, tasks, deadlines and risk events
    and transfers by their ``name_fr`` in French where the plan has one (as the rest of the
    report; hand-overs name services, organisations and milestones by id in every
    language). English: ``r`` itself."""
    if lang == "en":
        return r
    from .report_model import _name

    def task(tid: str, name: str) -> str:
        return _name(plan.task.get(tid), lang, name)

    def driver(x: Driver) -> Driver:
        spec = plan.task.get(x.id) if x.kind == "task" else plan.risk.events.get(x.id)
        return dataclasses.replace(x, name=_name(spec, lang, x.name))

    return dataclasses.replace(
        r, project=_name(plan.project, lang, r.project),
        tasks=[dataclasses.replace(x, name=task(x.id, x.name)) for x in r.tasks],
        deadlines=[dataclasses.replace(x, name=task(x.task, x.name)) for x in r.deadlines],
        transfers=[dataclasses.replace(x, name=_name(plan.transfer.get(x.id), lang, x.name),
                                       drivers=tuple(driver(y) for y in x.drivers))
                   for x in r.transfers],
        drivers=[driver(x) for x in r.drivers],
        events=[dataclasses.replace(x, name=_name(plan.risk.events.get(x.id), lang, x.name))
                for x in r.events])


def of_context(ctx: RenderContext) -> RiskResult:
    """The risk of the `risk` command's context, named in its ``--lang``."""
    return in_lang(ctx.risk, ctx.plan, ctx.options.lang)


def summary(r: RiskResult, lang: str) -> list[tuple[str, str]]:
    f = r.finish
    shift = r.mean_finish_shift
    return [
        (t("risk_runs", lang), t("risk_runs_text", lang, n=number(r.iterations, lang),
                                 seed=r.seed, dist=t(f"dist_{r.distribution}", lang))),
        (t("risk_uncertain", lang), t("risk_uncertain_text", lang, n=r.uncertain_tasks,
                                      e=len(r.events))),
        (t("risk_deterministic_finish", lang), d(r.deterministic_finish, lang)),
        (t("risk_percentiles", lang), " / ".join(d(f[k], lang)
                                                 for k in ("p10", "p50", "p80", "p90"))),
        (t("risk_se", lang), " / ".join(number(r.finish_se[k], lang, 2)
                                        for k in ("p10", "p50", "p80", "p90"))),
        (t("risk_shift", lang), t("risk_shift_text", lang, n=number(shift, lang, 1, True),
                                  s=plural(round(shift, 1), lang))),
        (t("risk_resources", lang),
         t("risk_levelled", lang, n=r.resource_links, s=plural(r.resource_links, lang))
         if r.levelled else t("risk_unlevelled", lang)),
    ] + ([(t("progress", lang), t("risk_progress_text", lang, d=date(r.status_date, lang, "long"),
                                  done=r.done_tasks, w=r.under_way_tasks,
                                  s=plural(r.done_tasks, lang)))]
         if r.status_date else [])


def transfer_head(lang: str) -> list[str]:
    return [t("risk_site", lang), t("date", lang), t("risk_ready", lang), "±",
            t("risk_slack", lang), t("risk_driver", lang)]


def transfer_rows(r: RiskResult, lang: str) -> list[list[str]]:
    rows = []
    for x in r.sites:
        day = d(x.date, lang) if x.fixed else t("risk_moves", lang, d=d(x.dates["p50"], lang))
        slack = f"{number(x.slack['p10'], lang)} / {number(x.slack['p50'], lang)}" \
            if x.slack else "—"
        drv = f"{x.drivers[0].name} ({corr(x.drivers[0].correlation, lang)})" \
            if x.drivers else "—"
        rows.append([x.name, day, pct(x.readiness_probability, lang), pct(x.se, lang), slack,
                     drv])
    return rows


def deadline_head(lang: str) -> list[str]:
    return [t("task", lang), t("deadline", lang), t("risk_met", lang), "±"]


def deadline_rows(r: RiskResult, lang: str) -> list[list[str]]:
    return [[x.name, d(x.deadline, lang), pct(x.probability, lang), pct(x.se, lang)]
            for x in r.deadlines]


def task_head(lang: str) -> list[str]:
    return [t("task", lang), t("risk_criticality", lang), t("risk_deterministic", lang),
            "P50", "P80", "P90"]


def task_rows(r: RiskResult, lang: str) -> list[list[str]]:
    ts = sorted(r.tasks, key=lambda x: (-x.criticality, x.id))[:TOP_TASKS]
    return [[x.name, pct(x.criticality, lang), d(x.deterministic, lang),
             d(x.finish["p50"], lang), d(x.finish["p80"], lang), d(x.finish["p90"], lang)]
            for x in ts if x.criticality > 0]


def handover_head(lang: str) -> list[str]:
    return [t("service", lang), t("risk_from_to", lang), t("risk_at", lang),
            t("risk_gap", lang), t("risk_overlap", lang)]


def handover_rows(r: RiskResult, lang: str) -> list[list[str]]:
    return [[h.service, f"{h.old} → {h.new}",
             h.until if h.until == h.start else f"{h.until} / {h.start}",
             pct(h.gap_probability, lang), pct(h.overlap_probability, lang)]
            for h in r.handovers]


def event_head(lang: str) -> list[str]:
    return [t("risk_event", lang), t("risk_probability", lang), t("risk_happened", lang),
            t("tasks", lang)]


def event_rows(r: RiskResult, lang: str) -> list[list[str]]:
    """One row per event; its tasks are those it can still delay (not done, section 4)."""
    return [[e.name, pct(e.probability, lang), pct(e.share, lang),
             str(e.tasks) if e.tasks else t("risk_all_done", lang)] for e in r.events]


#: A table below the charts: title, header, rows, and the columns of dates and numbers
#: (right-aligned under right-aligned headers, never wrapped).
RiskTable = tuple[str, list[str], list[list[str]], tuple[int, ...]]


def tables(r: RiskResult, lang: str, transfers: str = "risk_transfers_title",
           critical: str = "risk_critical_title") -> list[RiskTable]:
    """The tables below the charts, empty ones left out: transfers, deadlines, hand-overs,
    events, the most critical tasks. ``transfers`` and ``critical`` are the label keys of
    the first and last titles (a terminal explains them in the title, a heading is
    shorter)."""
    return [x for x in (
        (t(transfers, lang), transfer_head(lang), transfer_rows(r, lang), (1, 2, 3, 4)),
        (t("deadlines", lang), deadline_head(lang), deadline_rows(r, lang), (1, 2, 3)),
        (t("risk_handovers", lang), handover_head(lang), handover_rows(r, lang), (3, 4)),
        (t("risk_events", lang), event_head(lang), event_rows(r, lang), (1, 2, 3)),
        (t(critical, lang), task_head(lang), task_rows(r, lang), (1, 2, 3, 4, 5))) if x[2]]


def tornado(r: RiskResult) -> list[Driver]:
    return r.drivers


def no_drivers(r: RiskResult, lang: str) -> str:
    """What an empty tornado means: nothing uncertain (left), or fixed dates hold the
    finish."""
    if not r.uncertain_tasks and not any(e.tasks for e in r.events):
        left = t("risk_no_input_left", lang) if r.status_date and r.events else ""
        return t("risk_no_input", lang, left=left)
    return t("risk_fixed", lang)


def s_curve(r: RiskResult, buckets: int = 16) -> list[tuple[dt.date, int, float]]:
    """The project finish as (date, runs that finish on it or in the bucket before it,
    cumulative share), at most ``buckets`` rows."""
    hist = r.histogram
    if not hist:
        return []
    size = max(1, -(-len(hist) // buckets))
    out = []
    total = 0
    for i in range(0, len(hist), size):
        chunk = hist[i:i + size]
        n = sum(c for _, c in chunk)
        total += n
        out.append((chunk[-1][0], n, total / max(r.iterations, 1)))
    return out
