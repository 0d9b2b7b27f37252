"""The SVG charts of the HTML report: the Gantt chart and each service's coverage.

Every piece of plan text is escaped (`esc`); each bar carries a ``<title>`` tooltip.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from .i18n import colon, date, month_label, t, typography
from .report_model import CoverageRow, GanttRow, Report
from .text import visible

ROW_H = 20
LABEL_W = 320


def esc(s: object) -> str:
    """Text for HTML (element text or a quoted attribute): markup characters escaped, and
    control, bidi and noncharacter code points shown as in a terminal (`text.visible`), so
    plan text can neither make markup nor reorder or hide what the page shows."""
    return escape(visible(s, spaces=True), quote=True)


def gantt_svg(r: Report, rows: list[GanttRow], px_per_day: float, cls: str) -> str:
    lang = r.lang
    lo, hi = r.span
    days = (hi - lo).days + 1
    width = LABEL_W + int(days * px_per_day) + 40
    height = (len(rows) + 2) * ROW_H
    top = 2 * ROW_H

    def x(d: dt.date) -> float:
        return LABEL_W + (d - lo).days * px_per_day

    out = [f'<svg class="{cls}" width="{width}" height="{height}" viewBox="0 0 {width} '
           f'{height}" role="img" aria-labelledby="{cls}-title {cls}-desc" '
           f'xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{cls}-title">{esc(t("gantt", lang))}</title>',
           f'<desc id="{cls}-desc">{esc(t("gantt_alt", lang, n=len(rows), a=date(lo, lang), b=date(hi, lang)))}</desc>',  # noqa: E501
           '<defs><marker id="arrow-' + cls + '" viewBox="0 0 6 6" refX="6" refY="3" '
           'markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0 L6,3 L0,6 z" '
           'fill="#8a96a3"/></marker></defs>']
    # Grid and axis: months (and weeks at the finer zoom).
    d = dt.date(lo.year, lo.month, 1)
    while d <= hi:
        xx = x(max(d, lo))
        out.append(f'<line class="grid" x1="{xx:.1f}" y1="{ROW_H}" x2="{xx:.1f}" '
                   f'y2="{height}"/>')
        out.append(f'<text class="axis" x="{xx + 3:.1f}" y="{ROW_H - 5}">'
                   f"{esc(month_label(d, lang))}</text>")
        d = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    if px_per_day >= 6:
        w = lo - dt.timedelta(days=lo.weekday())
        while w <= hi:
            if w >= lo:
                xx = x(w)
                out.append(f'<text class="axis" x="{xx + 2:.1f}" y="{2 * ROW_H - 5}">'
                           f"{w.day}</text>")
            w += dt.timedelta(days=7)
    ypos = {row.id: top + i * ROW_H for i, row in enumerate(rows)}
    crit = {row.id for row in rows if row.critical}
    # Dependencies (drawn first, under the bars).
    ends = {row.id: row for row in rows}
    for row in rows:
        for dep in row.depends:
            a = ends.get(dep)
            if a is None:
                continue
            x1 = x(a.finish) + (px_per_day if a.kind != "milestone" else 0)
            y1 = ypos[a.id] + ROW_H / 2
            x2 = x(row.start)
            y2 = ypos[row.id] + ROW_H / 2
            klass = "dep critdep" if a.id in crit and row.id in crit else "dep"
            out.append(f'<path class="{klass}" d="M{x1:.1f},{y1:.1f} H{x1 + 4:.1f} '
                       f'V{y2:.1f} H{x2:.1f}" marker-end="url(#arrow-{cls})"/>')
    for row in rows:
        y = ypos[row.id]
        label = row.name + (f" ({t('critical', lang)})" if row.critical else "")
        indent = 8 + 14 * row.level
        klass = "label-crit" if row.critical else ""
        weight = ' font-weight="700"' if row.kind == "workstream" else ""
        out.append(f'<text x="{indent}" y="{y + 14}" class="{klass}"{weight}>'
                   f"{esc(clip(label, 44 - 2 * row.level))}</text>")
        sep = typography("; ", lang)
        tip = (f"{row.name} — {date(row.start, lang)} → {date(row.finish, lang)}"
               + (f"{sep}{t('float', lang)} {row.total_float}" if row.total_float is not None
                  else "") + (f"{sep}{t('critical', lang)}" if row.critical else ""))
        if row.kind == "milestone":
            cx, cy = x(row.start), y + ROW_H / 2
            out.append(f'<g><title>{esc(tip)}</title><path class="ms{" crit" if row.critical else ""}" '  # noqa: E501
                       f'd="M{cx:.1f},{cy - 7:.1f} L{cx + 7:.1f},{cy:.1f} L{cx:.1f},{cy + 7:.1f} '
                       f'L{cx - 7:.1f},{cy:.1f} z"/></g>')
            continue
        left = x(row.start)
        bar_w = max(2.0, ((row.finish - row.start).days + 1) * px_per_day)
        klass = "ws" if row.kind == "workstream" else "bar"
        if row.critical:
            klass += " crit"
        hgt = 8 if row.kind == "workstream" else 12
        out.append(f'<g><title>{esc(tip)}</title><rect class="{klass}" x="{left:.1f}" '
                   f'y="{y + (ROW_H - hgt) / 2:.1f}" width="{bar_w:.1f}" height="{hgt}" rx="2"/>')
        for md, mname, mcrit in row.milestones:
            cx, cy = x(md), y + ROW_H / 2
            out.append(f'<path class="ms{" crit" if mcrit else ""}" d="M{cx:.1f},{cy - 6:.1f} '
                       f'L{cx + 6:.1f},{cy:.1f} L{cx:.1f},{cy + 6:.1f} L{cx - 6:.1f},{cy:.1f} z">'
                       f"<title>{esc(mname)} — {esc(date(md, lang))}</title></path>")
        out.append("</g>")
    out.append("</svg>")
    return "".join(out)


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
