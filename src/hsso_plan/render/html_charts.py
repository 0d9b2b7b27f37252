"""The SVG charts of the HTML report: each service's coverage (the Gantt is a table:
`html_gantt`), and `esc`, the HTML escaper of plan text the HTML outputs share.

Every piece of plan text is escaped (`esc`); each bar carries a ``<title>`` tooltip.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from .i18n import colon, date, month_label, t
from .report_model import CoverageRow, Report
from .text import visible


def esc(s: object) -> str:
    """Text for HTML (element text or a quoted attribute): markup characters escaped, and
    control, bidi and noncharacter code points shown as in a terminal (`text.visible`), so
    plan text can neither make markup nor reorder or hide what the page shows."""
    return escape(visible(s, spaces=True), quote=True)


def clip(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


PALETTE = ("#2f6fa7", "#6a4c93", "#1b7f5a", "#9c5a00", "#8a2c4f", "#3d5a80")


def coverage_svg(r: Report, service: str, cs: list[CoverageRow]) -> str:
    """Consumers down, time across, one labelled segment per provider."""
    lang = r.lang
    lo = min([r.span[0], *(c.start for c in cs)])
    hi = r.span[1]
    per = 2.0
    left = 300
    consumers = list(dict.fromkeys(str(c.consumer) for c in cs))
    providers = list(dict.fromkeys(str(c.provider) for c in cs))
    width = left + int(((hi - lo).days + 1) * per) + 20
    height = (len(consumers) + 1) * 18 + 6
    out = [f'<svg width="{width}" height="{height}" role="img" aria-label="'
           f'{esc(t("coverage_alt", lang, s=service, n=len(consumers)))}" '
           'xmlns="http://www.w3.org/2000/svg">']
    d = dt.date(lo.year, lo.month, 1)
    while d <= hi:
        xx = left + max(0, (d - lo).days) * per
        out.append(f'<line class="grid" x1="{xx:.1f}" y1="14" x2="{xx:.1f}" y2="{height}"/>'
                   f'<text class="axis" x="{xx + 2:.1f}" y="12">{esc(month_label(d, lang))}'
                   "</text>")
        d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    for i, name in enumerate(consumers):
        out.append(f'<text x="4" y="{(i + 1) * 18 + 10}">{esc(clip(name, 44))}</text>')
    for c in cs:
        row = consumers.index(str(c.consumer))
        a = c.start
        b = c.until or hi
        x0 = left + (a - lo).days * per
        w = max(2.0, ((b - a).days) * per)
        color = PALETTE[providers.index(str(c.provider)) % len(PALETTE)]
        y = (row + 1) * 18
        tip = (f"{c.consumer} ← {c.provider}{colon(lang)}{date(a, lang)} → "
               f"{date(c.until, lang) or t('open', lang)}")
        out.append(f'<g><title>{esc(tip)}</title><rect x="{x0:.1f}" y="{y}" width="{w:.1f}" '
                   f'height="14" fill="{color}"/>')
        if w > 60:
            out.append(f'<text x="{x0 + 3:.1f}" y="{y + 11}" fill="#fff" '
                       f'style="fill:#fff">{esc(clip(str(c.provider), int(w / 7)))}</text>')
        out.append("</g>")
    out.append("</svg>")
    return '<div class="chart">' + "".join(out) + "</div>"
