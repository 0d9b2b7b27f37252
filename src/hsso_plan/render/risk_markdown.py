"""`hsso-plan risk --format markdown`: the risk figures as Markdown tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..risk.result import RiskResult
from . import risk_rows as rows
from .markdown import gfm_table, md_cell

if TYPE_CHECKING:
    from .registry import RenderContext


def render(r: RiskResult) -> str:
    out = [f"# Schedule risk: {md_cell(r.project)}", "", *body(r, 2)]
    return "\n".join(out).rstrip("\n") + "\n"


def body(r: RiskResult, level: int) -> list[str]:
    """The figures as Markdown lines, headed at ``level`` (2 = ``##``); the report's risk
    section uses level 3."""
    h = "#" * level
    out = gfm_table(["", ""], [[k, v] for k, v in rows.summary(r)])
    out += [f"{h} Project finish (S-curve)", ""]
    out += gfm_table(["Finish by", "Runs", "Share finished"],
                  [[day.isoformat(), str(n), rows.pct(c)] for day, n, c in rows.s_curve(r)])
    out += [f"{h} What drives the finish", "",
            "Rank correlation of each uncertain input with the finish (+ = makes it later).",
            ""]
    drivers = rows.tornado(r)
    out += gfm_table(["Input", "Kind", "Correlation"],
                  [[x.name, x.kind, f"{x.correlation:+.2f}"] for x in drivers]) \
        if drivers else [md_cell(rows.no_drivers(r)), ""]
    for title, head, body in (
            ("Transfers (riskiest first)", rows.TRANSFER_HEAD, rows.transfer_rows(r)),
            ("Deadlines", rows.DEADLINE_HEAD, rows.deadline_rows(r)),
            ("Service hand-overs at milestones", rows.HANDOVER_HEAD, rows.handover_rows(r)),
            ("Risk events", rows.EVENT_HEAD, rows.event_rows(r)),
            ("Most critical tasks", rows.TASK_HEAD, rows.task_rows(r))):
        if body:
            out += [f"{h} {title}", ""]
            out += gfm_table(head, body)
    return out


def from_context(ctx: RenderContext) -> str:
    """The registry's entry: the risk of the context's plan."""
    return render(ctx.risk)
