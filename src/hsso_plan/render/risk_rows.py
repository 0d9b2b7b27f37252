"""The rows every human-readable risk output shows (terminal, Markdown, HTML): one home for
what goes in each table, so the three stay in step. Plain strings; each renderer escapes
them by its own rules."""

from __future__ import annotations

import datetime as dt

from ..risk.result import Driver, RiskResult

#: Most critical tasks listed.
TOP_TASKS = 15


def pct(p: float) -> str:
    return f"{100 * p:.1f}%"


def d(x: dt.date | None) -> str:
    return x.isoformat() if x else "—"


def summary(r: RiskResult) -> list[tuple[str, str]]:
    f = r.finish
    return [
        ("Runs", f"{r.iterations:,} (seed {r.seed}, {r.distribution})"),
        ("Uncertain tasks", f"{r.uncertain_tasks}; risk events: {len(r.events)}"),
        ("Deterministic finish", d(r.deterministic_finish)),
        ("P10 / P50 / P80 / P90", " / ".join(d(f[k]) for k in ("p10", "p50", "p80", "p90"))),
        ("Standard error (working days)",
         " / ".join(f"{r.finish_se[k]:.2f}" for k in ("p10", "p50", "p80", "p90"))),
        ("Mean slip vs deterministic", f"{r.mean_finish_shift:+.1f} working days"),
        ("Resources", f"levelled order kept ({r.resource_links} order links)"
         if r.levelled else "no levelling"),
    ] + ([("Progress", f"as of {d(r.status_date)}: {r.done_tasks} tasks done (fixed), "
                       f"{r.under_way_tasks} under way (what remains is sampled)")]
         if r.status_date else [])


TRANSFER_HEAD = ["Site / transfer", "Date", "Ready by date", "±", "Slack P10/P50 (days)",
                 "Main driver"]


def transfer_rows(r: RiskResult) -> list[list[str]]:
    rows = []
    for t in r.sites:
        date = d(t.date) if t.fixed else f"{d(t.dates['p50'])} (P50, moves)"
        slack = f"{t.slack['p10']} / {t.slack['p50']}" if t.slack else "—"
        drv = f"{t.drivers[0].name} ({t.drivers[0].correlation:+.2f})" if t.drivers else "—"
        rows.append([t.name, date, pct(t.readiness_probability), pct(t.se), slack, drv])
    return rows


DEADLINE_HEAD = ["Task", "Deadline", "Chance met", "±"]


def deadline_rows(r: RiskResult) -> list[list[str]]:
    return [[x.name, d(x.deadline), pct(x.probability), pct(x.se)] for x in r.deadlines]


TASK_HEAD = ["Task", "Criticality", "Deterministic", "P50", "P80", "P90"]


def task_rows(r: RiskResult) -> list[list[str]]:
    ts = sorted(r.tasks, key=lambda t: (-t.criticality, t.id))[:TOP_TASKS]
    return [[t.name, pct(t.criticality), d(t.deterministic), d(t.finish["p50"]),
             d(t.finish["p80"]), d(t.finish["p90"])] for t in ts if t.criticality > 0]


HANDOVER_HEAD = ["Service", "From → to", "At", "Chance of a gap", "Chance of double-running"]


def handover_rows(r: RiskResult) -> list[list[str]]:
    return [[h.service, f"{h.old} → {h.new}",
             h.until if h.until == h.start else f"{h.until} / {h.start}",
             pct(h.gap_probability), pct(h.overlap_probability)] for h in r.handovers]


EVENT_HEAD = ["Risk event", "Probability", "Happened in", "Tasks"]


def event_rows(r: RiskResult) -> list[list[str]]:
    """One row per event; its tasks are those it can still delay (not done, section 4)."""
    return [[e.name, pct(e.probability), pct(e.share),
             str(e.tasks) if e.tasks else "0 (all done)"] for e in r.events]


def tornado(r: RiskResult) -> list[Driver]:
    return r.drivers


def no_drivers(r: RiskResult) -> str:
    """What an empty tornado means: nothing uncertain (left), or fixed dates hold the
    finish."""
    if not r.uncertain_tasks and not any(e.tasks for e in r.events):
        left = " left (the uncertain work is done)" if r.status_date and r.events else ""
        return (f"Nothing in the plan is uncertain{left}, so every run is the schedule: give "
                "tasks a duration_range or a [risk] default_range, or add risk events "
                "(docs/risk.md).")
    return "No uncertain input moves the finish (fixed dates hold it)."


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
