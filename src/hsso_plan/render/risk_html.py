"""`hsso-plan risk --format html`: one self-contained page with the S-curve and the tornado
as SVG and the transfer confidences as tables. Plan text is HTML-escaped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..risk.result import RiskResult
from . import risk_rows as rows
from .html_charts import esc as _e
from .html_style import CSS

if TYPE_CHECKING:
    from .registry import RenderContext

W, H, PAD = 720, 260, 48


def _s_curve(r: RiskResult) -> str:
    hist = r.histogram
    if not hist:
        return ""
    first, last = hist[0][0].toordinal(), hist[-1][0].toordinal()
    span = max(last - first, 1)

    def x(o: int) -> float:
        return PAD + (W - 2 * PAD) * (o - first) / span

    def y(share: float) -> float:
        return H - PAD + (2 * PAD - H) * share

    pts, total = [], 0
    for day, n in hist:
        total += n
        pts.append(f"{x(day.toordinal()):.1f},{y(total / r.iterations):.1f}")
    marks = []
    for k, q in (("p50", 0.5), ("p80", 0.8), ("p90", 0.9)):
        px = x(r.finish[k].toordinal())
        marks.append(f'<line class="grid" x1="{px:.1f}" y1="{y(0):.1f}" x2="{px:.1f}" '
                     f'y2="{y(q):.1f}"/><text x="{px + 3:.1f}" y="{y(q) - 4:.1f}">'
                     f'{k.upper()} {r.finish[k].isoformat()}</text>')
    axis = (f'<text class="axis" x="{PAD}" y="{H - PAD + 16}">{hist[0][0].isoformat()}</text>'
            f'<text class="axis" x="{W - PAD}" y="{H - PAD + 16}" text-anchor="end">'
            f'{hist[-1][0].isoformat()}</text>'
            f'<text class="axis" x="{PAD - 6}" y="{y(1):.1f}" text-anchor="end">100%</text>'
            f'<text class="axis" x="{PAD - 6}" y="{y(0):.1f}" text-anchor="end">0%</text>')
    return (f'<figure><svg role="img" aria-label="S-curve of the project finish" '
            f'width="{W}" height="{H}" viewBox="0 0 {W} {H}">'
            f'<line class="grid" x1="{PAD}" y1="{y(0):.1f}" x2="{W - PAD}" y2="{y(0):.1f}"/>'
            f'<line class="grid" x1="{PAD}" y1="{y(1):.1f}" x2="{W - PAD}" y2="{y(1):.1f}"/>'
            f'<polyline fill="none" stroke="#2f6fa7" stroke-width="2" '
            f'points="{" ".join(pts)}"/>{"".join(marks)}{axis}</svg>'
            f'<figcaption>Share of runs finished by each date.</figcaption></figure>')


def _tornado(r: RiskResult) -> str:
    ds = rows.tornado(r)
    if not ds:
        return f"<p>{_e(rows.no_drivers(r))}</p>"
    bh, label = 22, 300
    mid = label + (W - label) / 2
    half = (W - label) / 2 - 40
    h = bh * len(ds) + 10
    bars = []
    for i, x in enumerate(ds):
        yy = 5 + i * bh
        w = half * abs(x.correlation)
        x0 = mid if x.correlation >= 0 else mid - w
        cls = "crit" if x.correlation >= 0 else "bar"
        name = x.name if len(x.name) <= 44 else x.name[:43] + "…"
        bars.append(f'<text x="{label - 6}" y="{yy + 15}" text-anchor="end">{_e(name)}</text>'
                    f'<rect class="{cls}" x="{x0:.1f}" y="{yy + 3}" width="{w:.1f}" '
                    f'height="{bh - 6}"><title>{_e(x.name)}: {x.correlation:+.2f}</title></rect>'
                    f'<text x="{mid + (w + 4 if x.correlation >= 0 else 4):.1f}" '
                    f'y="{yy + 15}">{x.correlation:+.2f}</text>')
    return (f'<figure><svg role="img" aria-label="Tornado: what drives the finish" '
            f'width="{W}" height="{h}" viewBox="0 0 {W} {h}">'
            f'<line class="grid" x1="{mid}" y1="0" x2="{mid}" y2="{h}"/>{"".join(bars)}</svg>'
            f'<figcaption>Rank correlation with the finish (+ = makes it later).'
            f'</figcaption></figure>')


def _table(caption: str, head: list[str], body: list[list[str]]) -> str:
    if not body:
        return ""
    th = "".join(f'<th scope="col">{_e(h)}</th>' for h in head)
    trs = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in body)
    return f"<table><caption>{_e(caption)}</caption><thead><tr>{th}</tr></thead>" \
           f"<tbody>{trs}</tbody></table>"


def render(r: RiskResult) -> str:
    return ('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(r.project)} – schedule risk</title>\n<style>{CSS}</style>\n"
            f"</head>\n<body>\n<main>\n<h1>Schedule risk: {_e(r.project)}</h1>\n"
            + body(r, 2) + "\n</main>\n</body>\n</html>\n")


def body(r: RiskResult, level: int) -> str:
    """The figures (summary, S-curve, tornado, tables) headed at ``<h{level}>``; the
    report's risk section uses level 3."""
    summary = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows.summary(r))
    h = f"h{level}"
    parts = [f'<dl class="summary">{summary}</dl>',
             f"<{h}>Project finish</{h}>", _s_curve(r),
             f"<{h}>What drives the finish</{h}>", _tornado(r),
             f"<{h}>Transfers</{h}>",
             _table("Chance the readiness work is done before the transfer date (riskiest "
                    "first)", rows.TRANSFER_HEAD, rows.transfer_rows(r)),
             _table("Deadlines", rows.DEADLINE_HEAD, rows.deadline_rows(r)),
             _table("Service hand-overs at milestones", rows.HANDOVER_HEAD,
                    rows.handover_rows(r)),
             _table("Risk events", rows.EVENT_HEAD, rows.event_rows(r)),
             _table("Most critical tasks", rows.TASK_HEAD, rows.task_rows(r))]
    return "\n".join(p for p in parts if p)


def from_context(ctx: RenderContext) -> str:
    """The registry's entry: the risk of the context's plan."""
    return render(ctx.risk)
