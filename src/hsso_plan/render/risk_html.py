"""`hsso-plan risk --format html`: one self-contained page with the S-curve and the tornado
as SVG and the transfer confidences as tables. Plan text is HTML-escaped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..risk.result import RiskResult
from . import risk_rows as rows
from .html_charts import esc as _e
from .html_style import CSS
from .i18n import colon, percent, t

if TYPE_CHECKING:
    from .registry import RenderContext

W, H, PAD = 720, 260, 48


def _s_curve(r: RiskResult, lang: str) -> str:
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
                     f'{k.upper()} {_e(rows.d(r.finish[k], lang))}</text>')
    axis = (f'<text class="axis" x="{PAD}" y="{H - PAD + 16}">'
            f'{_e(rows.d(hist[0][0], lang))}</text>'
            f'<text class="axis" x="{W - PAD}" y="{H - PAD + 16}" text-anchor="end">'
            f'{_e(rows.d(hist[-1][0], lang))}</text>'
            f'<text class="axis" x="{PAD - 6}" y="{y(1):.1f}" text-anchor="end">'
            f'{_e(percent(1, lang))}</text>'
            f'<text class="axis" x="{PAD - 6}" y="{y(0):.1f}" text-anchor="end">'
            f'{_e(percent(0, lang))}</text>')
    return (f'<figure><svg role="img" aria-label="{_e(t("risk_curve_alt", lang))}" '
            f'width="{W}" height="{H}" viewBox="0 0 {W} {H}">'
            f'<line class="grid" x1="{PAD}" y1="{y(0):.1f}" x2="{W - PAD}" y2="{y(0):.1f}"/>'
            f'<line class="grid" x1="{PAD}" y1="{y(1):.1f}" x2="{W - PAD}" y2="{y(1):.1f}"/>'
            f'<polyline fill="none" stroke="#2f6fa7" stroke-width="2" '
            f'points="{" ".join(pts)}"/>{"".join(marks)}{axis}</svg>'
            f'<figcaption>{_e(t("risk_curve_caption", lang))}</figcaption></figure>')


def _tornado(r: RiskResult, lang: str) -> str:
    ds = rows.tornado(r)
    if not ds:
        return f"<p>{_e(rows.no_drivers(r, lang))}</p>"
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
        c = _e(rows.corr(x.correlation, lang))
        bars.append(f'<text x="{label - 6}" y="{yy + 15}" text-anchor="end">{_e(name)}</text>'
                    f'<rect class="{cls}" x="{x0:.1f}" y="{yy + 3}" width="{w:.1f}" '
                    f'height="{bh - 6}"><title>{_e(x.name)}{_e(colon(lang))}{c}</title>'
                    f'</rect><text x="{mid + (w + 4 if x.correlation >= 0 else 4):.1f}" '
                    f'y="{yy + 15}">{c}</text>')
    return (f'<figure><svg role="img" aria-label="{_e(t("risk_drivers_alt", lang))}" '
            f'width="{W}" height="{h}" viewBox="0 0 {W} {h}">'
            f'<line class="grid" x1="{mid}" y1="0" x2="{mid}" y2="{h}"/>{"".join(bars)}</svg>'
            f'<figcaption>{_e(t("risk_drivers_caption", lang))}</figcaption></figure>')


def _table(caption: str, head: list[str], body: list[list[str]], num: tuple[int, ...]) -> str:
    """A table with its caption shown; columns ``num`` (dates, numbers) right-aligned under
    right-aligned headers, never wrapped (the report's ``num`` class)."""
    if not body:
        return ""

    def cls(i: int) -> str:
        return ' class="num"' if i in num else ""

    th = "".join(f'<th scope="col"{cls(i)}>{_e(h)}</th>' for i, h in enumerate(head))
    trs = "".join("<tr>" + "".join(f"<td{cls(i)}>{_e(c)}</td>" for i, c in enumerate(row))
                  + "</tr>" for row in body)
    return f"<table><caption>{_e(caption)}</caption><thead><tr>{th}</tr></thead>" \
           f"<tbody>{trs}</tbody></table>"


def render(r: RiskResult, lang: str = "en") -> str:
    title = f"{t('risk', lang)}{colon(lang)}{r.project}"
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(title)}</title>\n<style>{CSS}</style>\n"
            f"</head>\n<body>\n<main>\n<h1>{_e(title)}</h1>\n"
            + body(r, 2, lang) + "\n</main>\n</body>\n</html>\n")


def body(r: RiskResult, level: int, lang: str = "en") -> str:
    """The figures (summary, S-curve, tornado, tables) in ``lang``, headed at ``<h{level}>``;
    the report's risk section uses level 3."""
    summary = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows.summary(r, lang))
    h = f"h{level}"
    tables = rows.tables(r, lang, "risk_transfers_caption", "risk_critical")
    parts = [f'<dl class="summary">{summary}</dl>',
             f"<{h}>{_e(t('risk_finish', lang))}</{h}>", _s_curve(r, lang),
             f"<{h}>{_e(t('risk_drivers', lang))}</{h}>", _tornado(r, lang),
             f"<{h}>{_e(t('transfers', lang))}</{h}>",
             *(_table(*x) for x in tables)]
    return "\n".join(p for p in parts if p)


def from_context(ctx: RenderContext) -> str:
    """The registry's entry: the risk of the context's plan, in its language."""
    return render(rows.of_context(ctx), ctx.options.lang)
