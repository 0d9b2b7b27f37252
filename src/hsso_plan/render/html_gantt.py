"""The HTML report's Gantt chart: a table that fits its page, folds and prints.

- One ``<table>``: a row per workstream, task and milestone; the first column holds the full
  name (it wraps, never truncated), the second the timeline. Bars, milestones and baseline
  bars are placed in percent of the timeline, so the chart always fits its container (a
  1280 px screen, an A4 or Letter landscape page) through the finish milestone; the
  "Weeks" zoom widens the timeline and scrolls it under sticky names.
- The axis has two rows (years over months, or months over weeks or days); the unit is
  chosen by the pixel span of the narrowest timeline it is laid out for (`ticks`), so
  labels never overlap, on a one-week plan as on a multi-year one.
- Folding needs no script: each workstream row has a checkbox; CSS ``:has()`` hides the
  tasks of a folded workstream. The default view is workstreams and milestones (every row
  for a small plan or with ``--detail``); "Show every task" unfolds all. A browser without
  ``:has()`` (or a PDF engine without it) shows every row.
- The status date is a vertical line with its label; with a baseline each bar has a thin
  baseline bar under it (a tracking Gantt); the part of a bar already done is shaded.
- Printing: the table's header row repeats on each page and rows never split, so a long
  chart flows over pages; what is folded on screen is folded on paper.

Every piece of plan text is escaped (`esc`); each bar and label carries a ``title`` tooltip
and a text alternative for screen readers (dates, predecessors, float, work done, baseline);
the chart draws no dependency arrows (228 rows of them are unreadable): the tooltip and
`hsso-plan why` name what drives a task.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .html_charts import esc
from .i18n import date, t, tick_label
from .report_model import GanttRow, Report

#: The narrowest timeline the axis is laid out for, in CSS px: the timeline column of an A4
#: or Letter landscape page (about 1,000 px of printable width, less the name column).
FIT_PX = 680
#: The margin (px) each side of the timeline, where a diamond at either end and the last
#: axis label may reach (``.axes`` and ``.lane`` in the report's CSS).
MARGIN = 10
#: Pixels per day of the "Weeks" zoom.
ZOOM_PX_PER_DAY = 14
#: The span the compact Gantt's axis is laid out for, in CSS px of 12 px labels: printed, its
#: labels are 8 px over the 500-540 px timeline of a portrait A4 or Letter page (as 12 px
#: labels over 750-810 px); on a 1280 px screen, 12 px labels over about 900 px.
COMPACT_PX = 680
#: The most rows the compact Gantt shows (a plan without workstreams has many top rows).
COMPACT_ROWS = 30
#: Charts with at most this many rows open unfolded.
UNFOLDED_ROWS = 40
CLEAR = "#fff"
#: The fine units of the axis and the days in their shortest period.
UNITS = (("day", 1), ("week", 7), ("month", 28), ("quarter", 90), ("year", 365))
#: An axis label's width in px, estimated from its length (12 px sans-serif and its padding).
CHAR_PX, LABEL_PAD = 7.2, 6


def label_px(label: str) -> float:
    return CHAR_PX * len(label) + LABEL_PAD


@dataclass(frozen=True)
class Tick:
    day: dt.date
    pos: float  # percent of the timeline
    label: str  # "" where the label would not fit


def _next(d: dt.date, unit: str) -> dt.date:
    if unit == "day":
        return d + dt.timedelta(days=1)
    if unit == "week":
        return d + dt.timedelta(days=7)
    step = {"month": 1, "quarter": 3, "year": 12}[unit]
    m = d.month - 1 + step
    return dt.date(d.year + m // 12, m % 12 + 1, 1)


def _first(lo: dt.date, unit: str) -> dt.date:
    """The first boundary of ``unit`` on or after ``lo``."""
    if unit == "day":
        return lo
    if unit == "week":
        return lo + dt.timedelta(days=(7 - lo.weekday()) % 7)
    months = {"month": 1, "quarter": 3, "year": 12}[unit]
    d = dt.date(lo.year, 1, 1)
    while d < lo or (d.month - 1) % months:
        d = _next(d, "month")
    return d


def _widest(unit: str, lang: str) -> float:
    samples = {"day": [dt.date(2017, 1, 30)], "week": [dt.date(2017, 1, 30)],
               "month": [dt.date(2017, m, 1) for m in range(1, 13)],
               "quarter": [dt.date(2017, 10, 1)], "year": [dt.date(2017, 1, 1)]}[unit]
    return max(label_px(tick_label(d, unit, lang)) for d in samples) + 2


def unit_for(days: int, px: float, lang: str = "en") -> tuple[str, str]:
    """The (fine, coarse) axis units for ``days`` days drawn over ``px`` pixels: the finest
    unit whose shortest period is wide enough for its widest label in ``lang``."""
    per_day = px / max(days, 1)
    fine = next((u for u, n in UNITS if n * per_day >= _widest(u, lang)), "year")
    coarse = {"day": "month", "week": "month", "month": "year", "quarter": "year",
              "year": "year"}[fine]
    return fine, coarse


def ticks(lo: dt.date, end: dt.date, px: float, lang: str) -> tuple[list[Tick], list[Tick]]:
    """The fine and coarse ticks of a timeline from ``lo`` (0 %) to ``end`` (100 %) drawn
    over ``px`` pixels. A label that would run into the next one, or past the end and its
    margin, is left out (its grid line stays)."""
    days = (end - lo).days
    fine, coarse = unit_for(days, px, lang)
    per_day = px / max(days, 1)
    out: list[list[Tick]] = []
    for unit in (fine, coarse) if coarse != fine else (fine,):
        marks = []
        d = _first(lo, unit)
        if unit != fine and d != lo:
            marks.append(lo)  # the coarse row names the period the chart opens in
        while d < end:
            marks.append(d)
            d = _next(d, unit)
        row = []
        for i, m in enumerate(marks):
            label = tick_label(m, unit, lang, coarse=unit != fine)
            x = (m - lo).days * per_day
            nxt = (marks[i + 1] - lo).days * per_day if i + 1 < len(marks) else px + MARGIN
            width = label_px(label)
            row.append(Tick(m, 100 * (m - lo).days / max(days, 1),
                            label if x + width <= nxt + 0.5 else ""))
        out.append(row)
    return out[0], (out[1] if len(out) > 1 else [])


def _pct(lo: dt.date, days: int, d: dt.date) -> float:
    return 100 * (d - lo).days / days


def _gradient(positions: list[float], status: float | None) -> str:
    """The lane background: a 1 px grid line at each position, the status line (2 px), on
    white (with a clear colour between the lines, Chromium's PDF draws some lines black)."""
    stops = [f"{CLEAR} 0"]
    lines = [(p, "var(--grid)", "1px") for p in positions]
    if status is not None:
        lines.append((status, "var(--status)", "2px"))
    for p, colour, w in sorted(lines):
        stops.append(f"{CLEAR} {p:.3f}%, {colour} {p:.3f}%, {colour} calc({p:.3f}% + {w}), "
                     f"{CLEAR} calc({p:.3f}% + {w})")
    stops.append(f"{CLEAR} 100%")
    return f"linear-gradient(90deg, {', '.join(stops)})"


def _axis(fine: list[Tick], coarse: list[Tick], cls: str) -> str:
    def row(ts: list[Tick], k: str) -> str:
        return "".join(f'<span class="tk {k}" style="left:{x.pos:.3f}%">{esc(x.label)}</span>'
                       for x in ts if x.label)

    return f'<div class="axis {cls}">{row(coarse, "tc")}{row(fine, "tf")}</div>'


def _tip(row: GanttRow, lang: str, names: dict[str, str]) -> str:
    parts = [f"{row.name} — {date(row.start, lang)} → {date(row.finish, lang)}"]
    if row.depends:
        parts.append(f"{t('dependency', lang)} " + ", ".join(names.get(d, d)
                                                              for d in row.depends))
    if row.total_float is not None:
        parts.append(f"{t('float', lang)} {row.total_float}")
    if row.critical:
        parts.append(t("critical", lang))
    if row.done_pct is not None:
        parts.append(t("pct_done", lang, p=row.done_pct))
    if row.baseline is not None:
        parts.append(f"{t('baseline', lang)} {date(row.baseline[0], lang)} → "
                     f"{date(row.baseline[1], lang)}")
    return "; ".join(parts)


def _lane(row: GanttRow, lo: dt.date, days: int, lang: str, tracking: bool,
          names: dict[str, str]) -> str:
    tip = esc(_tip(row, lang, names))
    crit = " crit" if row.critical else ""
    out = [f'<span class="sr-only">{tip}</span>']
    if row.baseline is not None:
        b0, b1 = row.baseline
        left = _pct(lo, days, b0)
        if b0 == b1 and row.kind == "milestone":
            out.append(f'<span class="blm" style="left:{left:.3f}%" aria-hidden="true"></span>')
        else:
            w = _pct(lo, days, b1 + dt.timedelta(days=1)) - left
            out.append(f'<span class="bl" style="left:{left:.3f}%;width:{w:.3f}%" '
                       'aria-hidden="true"></span>')
    pos = " up" if tracking else ""
    if row.kind == "milestone":
        out.append(f'<span class="ms{crit}{pos}" style="left:{_pct(lo, days, row.start):.3f}%" '
                   f'title="{tip}" aria-hidden="true"></span>')
        return "".join(out)
    left = _pct(lo, days, row.start)
    w = _pct(lo, days, row.finish + dt.timedelta(days=1)) - left
    kind = "ws" if row.kind == "workstream" else "bar"
    done = (f'<span class="pct" style="width:{row.done_pct}%"></span>'
            if row.done_pct else "")
    out.append(f'<span class="{kind}{crit}{pos}" style="left:{left:.3f}%;width:{w:.3f}%" '
               f'title="{tip}" aria-hidden="true">{done}</span>')
    for md, mname, mcrit in row.milestones:
        out.append(f'<span class="ms sm{" crit" if mcrit else ""}{pos}" '
                   f'style="left:{_pct(lo, days, md):.3f}%" '
                   f'title="{esc(mname)} — {esc(date(md, lang))}" aria-hidden="true"></span>')
    return "".join(out)


@dataclass(frozen=True)
class _Frame:
    """A chart's timeline: from ``lo`` (0 %) to ``end`` (100 %), ``days`` long, the status
    line at ``status_at`` percent (None: no status date, or outside the timeline)."""
    lo: dt.date
    hi: dt.date
    end: dt.date
    days: int
    status_at: float | None


def _frame(r: Report, rows: list[GanttRow]) -> _Frame:
    lo, hi = r.span
    for row in rows:  # baseline bars may reach outside the current span
        if row.baseline is not None:
            lo, hi = min(lo, row.baseline[0]), max(hi, row.baseline[1])
    status = r.status_date
    end = hi + dt.timedelta(days=1)  # the finish day is drawn whole
    if status is not None and lo <= status + dt.timedelta(days=1) <= end + dt.timedelta(days=7):
        end = max(end, status + dt.timedelta(days=1))
    days = max((end - lo).days, 1)
    status_at = (_pct(lo, days, status + dt.timedelta(days=1))
                 if status is not None and lo <= status + dt.timedelta(days=1) <= end else None)
    return _Frame(lo, hi, end, days, status_at)


def _flag(r: Report, f: _Frame) -> str:
    """The status date's label over the axis ("" without one on the timeline)."""
    if r.status_date is None or f.status_at is None:
        return ""
    text = t("status_flag", r.lang, d=date(r.status_date, r.lang))
    return f'<span class="sflag" style="left:{f.status_at:.3f}%">{esc(text)}</span>'


def _caption(r: Report, f: _Frame, n: int) -> str:
    caption = t("gantt_alt", r.lang, n=n, a=date(f.lo, r.lang), b=date(f.hi, r.lang))
    if r.status_date is not None:
        caption += " " + t("status_alt", r.lang, d=date(r.status_date, r.lang))
    return caption


def compact_rows(r: Report) -> tuple[list[GanttRow], int]:
    """The rows of the executive page's Gantt: the top level of the outline (workstreams,
    with their milestones drawn on their bar, and loose milestones and tasks), at most
    `COMPACT_ROWS` of them, workstreams and milestones first; and how many are left out."""
    top = [x for x in r.gantt_full if x.level == 0]
    if len(top) > COMPACT_ROWS:
        top = [x for x in top if x.kind != "task"] + [x for x in top if x.kind == "task"]
    return top[:COMPACT_ROWS], max(0, len(top) - COMPACT_ROWS)


def compact_gantt_html(r: Report, rows: list[GanttRow]) -> str:
    """The executive page's Gantt of ``rows``: one line each, small, no controls, no
    folding; the same timeline, status line and baseline as the full chart (`gantt_html`),
    laid out for the timeline column of a portrait page (`COMPACT_PX`)."""
    lang = r.lang
    f = _frame(r, rows)
    fine, coarse = ticks(f.lo, f.end, COMPACT_PX, lang)
    tracking = any(row.baseline is not None for row in rows)
    names = {row.id: row.name for row in r.gantt_full if row.kind != "workstream"}
    body = []
    for row in rows:
        crit_word = f" ({t('critical', lang)})" if row.critical else ""
        cls = {"workstream": "g-ws", "milestone": "g-ms"}.get(row.kind, "g-task")
        body.append(f'<tr class="{cls}{" g-crit" if row.critical else ""}"><th scope="row" '
                    f'class="gl" title="{esc(row.name)}">{esc(row.name)}{esc(crit_word)}</th>'
                    f'<td class="gt"><div class="lane">'
                    f"{_lane(row, f.lo, f.days, lang, tracking, names)}</div></td></tr>")
    grid = _gradient([x.pos for x in (coarse if len(fine) > 120 else fine)], f.status_at)
    flag = _flag(r, f)
    head = (f'<tr><th scope="col" class="gl">{esc(t("workstream", lang))}</th>'
            f'<th scope="col" class="gt"><span class="sr-only">{esc(t("gantt", lang))}</span>'
            f'<div class="axes{" st" if flag else ""}">{_axis(fine, coarse, "fit")}{flag}'
            f"</div></th></tr>")
    return (f'<div class="gbox compact{" tracking" if tracking else ""}" '
            f'style="--lanes: {grid}">'
            f'<table class="gantt"><caption class="sr-only">{esc(_caption(r, f, len(rows)))}'
            f'</caption><colgroup><col class="cl"><col></colgroup><thead>{head}</thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>")


def gantt_html(r: Report, rows: list[GanttRow]) -> str:
    """The Gantt figure of ``rows`` (the report's every-task outline) over the report span."""
    lang = r.lang
    f = _frame(r, rows)
    lo, end, days, status_at = f.lo, f.end, f.days, f.status_at
    fine, coarse = ticks(lo, end, FIT_PX, lang)
    zfine, zcoarse = ticks(lo, end, days * ZOOM_PX_PER_DAY, lang)
    tracking = any(row.baseline is not None for row in rows)
    names = {row.id: row.name for row in rows if row.kind != "workstream"}
    # Folding: each workstream row's checkbox; a row belongs to its enclosing workstreams.
    stack: list[tuple[int, int]] = []  # (level, workstream number)
    wsn = 0
    body = []
    rules = []
    for row in rows:
        while stack and stack[-1][0] >= row.level:
            stack.pop()
        anc = [n for _, n in stack]
        classes = [f"in{n}" for n in anc]
        crit_word = f" ({t('critical', lang)})" if row.critical else ""
        name = f"{esc(row.name)}{esc(crit_word)}"
        if row.kind == "workstream":
            wsn += 1
            rules.append(wsn)
            fold = t("fold_ws", lang, name=row.name)
            label = (f'<input type="checkbox" class="fold" id="gws{wsn}" '
                     f'aria-label="{esc(fold)}"><label for="gws{wsn}">{name}</label>')
            classes.append("g-ws")
            stack.append((row.level, wsn))
        else:
            label = name
            classes.append("g-ms" if row.kind == "milestone" else "g-task")
        if row.critical:
            classes.append("g-crit")
        pad = f' style="padding-left:{0.5 + 1.1 * row.level:.1f}em"' if row.level else ""
        body.append(f'<tr class="{" ".join(classes)}"><th scope="row" class="gl"{pad} '
                    f'title="{esc(row.name)}">{label}</th><td class="gt"><div class="lane">'
                    f"{_lane(row, lo, days, lang, tracking, names)}</div></td></tr>")
    unfolded = len(rows) <= UNFOLDED_ROWS or len(r.gantt) == len(r.gantt_full)
    hide = [f".gbox:not(:has(#g-all:checked)):has(#gws{n}:not(:checked)) "
            f".in{n}:not(.g-ms) {{ display: none; }}" for n in rules]
    fine_grid = _gradient([x.pos for x in (coarse if len(fine) > 120 else fine)], status_at)
    zoom_grid = _gradient([x.pos for x in (zcoarse if len(zfine) > 400 else zfine)], status_at)
    style = (f".gbox .lane {{ background-image: {fine_grid}; }}\n"
             f"#gz-week:checked ~ .gscroll .lane {{ background-image: {zoom_grid}; }}\n"
             f"#gz-week:checked ~ .gscroll table.gantt {{ min-width: calc(18em + "
             f"{days * ZOOM_PX_PER_DAY}px); }}\n"
             "@supports selector(:has(a)) {\n" + "\n".join(hide) + "\n}")
    flag = _flag(r, f)
    head = (f'<tr><th scope="col" class="gl">{esc(t("workstream", lang))} / '
            f'{esc(t("task", lang).lower())}</th><th scope="col" class="gt">'
            f'<span class="sr-only">{esc(t("gantt", lang))}</span>'
            f'<div class="axes{" st" if flag else ""}">{_axis(fine, coarse, "fit")}'
            f'{_axis(zfine, zcoarse, "zoom")}{flag}</div></th></tr>')
    caption = _caption(r, f, len(rows))
    controls = (f'<input type="checkbox" id="g-all"{" checked" if unfolded else ""}>'
                f'<label for="g-all" class="ctl">{esc(t("show_all", lang))}</label> '
                f'<span class="ctl">{esc(t("zoom", lang))}:</span>'
                '<input type="radio" name="gzoom" id="gz-fit" checked>'
                f'<label for="gz-fit" class="ctl">{esc(t("fit", lang))}</label>'
                '<input type="radio" name="gzoom" id="gz-week">'
                f'<label for="gz-week" class="ctl">{esc(t("week", lang))}</label>')
    return (f"<style>{style}</style>"
            f'<div class="gbox{" tracking" if tracking else ""}">{controls}'
            f'<div class="gscroll"><table class="gantt"><caption class="sr-only">'
            f"{esc(caption)}</caption><colgroup><col class=\"cl\"><col></colgroup>"
            f"<thead>{head}</thead><tbody>{''.join(body)}</tbody></table></div></div>")

