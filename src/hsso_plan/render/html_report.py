"""The report as one self-contained HTML file: no network, no CDN, no script.

- A Gantt chart (render/html_gantt.py) that fits the page, folds to workstreams and
  milestones, draws the status date, the baseline and the work done, and prints.
- The executive part first (summary with the top issues, transfers, the Gantt) and the
  look-ahead; every other section is an appendix, folded in a ``<details>`` by default.
- The tables of the other sections, with captions and header cells; a number column is
  right-aligned, its header too.
- Accessible: headings in order, ``<th scope>``, a text alternative for each chart and a
  tooltip (``<title>``) for each bar; colour is never the only signal (critical rows say
  "critical", milestones are diamonds, RAG statuses carry their word).
- Print-friendly CSS. Every piece of plan text is escaped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .html_charts import coverage_svg
from .html_charts import esc as _e
from .html_gantt import gantt_html
from .i18n import colon, date, number, percent, t
from .report_model import (
    FRONT,
    TOP_ISSUES,
    CoverageRow,
    Report,
    condensed_coverage,
    rag_shown,
)
from .report_model import summary_deadlines as _deadline_counts
from .text import (
    consumers_text,
    deadline_counts,
    issue_text,
    look_text,
    path_text,
    rag_label,
    span_text,
    transfers_text,
)

if TYPE_CHECKING:
    from .registry import RenderContext

CSS = """
:root { --crit: #b00020; --task: #2f6fa7; --ws: #1d3557; --ms: #6a4c93; --grid: #d8dde3;
        --text: #1b1f24; --muted: #59636e; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--text); margin: 0; background: #fff; }
main { max-width: 1280px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.7em; margin: 0 0 4px; }
h2 { font-size: 1.3em; margin: 32px 0 8px; border-bottom: 2px solid var(--grid);
     padding-bottom: 4px; }
.muted { color: var(--muted); }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 12px; }
dl.summary { display: grid; grid-template-columns: max-content 1fr; gap: 4px 24px; }
dl.summary dt { font-weight: 600; }
dl.summary dd { margin: 0; }
table { border-collapse: collapse; margin: 8px 0 16px; width: 100%; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border-bottom: 1px solid var(--grid); padding: 4px 8px; text-align: left;
         vertical-align: top; }
th { background: #f3f5f7; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
details.appendix > summary { cursor: pointer; }
details.appendix > summary h2 { display: inline; border: none; }
ul.issues li.bad { color: var(--crit); font-weight: 600; }
#readiness td:first-child, #lookahead td:first-child { white-space: nowrap; }
.rag { font-weight: 700; padding: 1px 8px; border-radius: 3px; border: 2px solid; }
.rag-green { color: #0b6b2f; border-color: #0b6b2f; background: #e6f4ea; }
.rag-amber { color: #7a4b00; border-color: #b36b00; background: #fff4e0; }
.rag-done { color: #444; border-color: #888; background: #f2f2f2; }
.rag-red { color: var(--crit); border-color: var(--crit); background: #fde8eb; }
.bad { color: var(--crit); font-weight: 700; }
.chart { overflow-x: auto; border: 1px solid var(--grid); }
.chart svg { display: block; }
.gbox { --status: #d9480f; --base: #8d99a6; margin: 8px 0; }
.gbox > input { margin-left: 12px; }
.gbox > label.ctl { margin-right: 14px; }
.gscroll { overflow-x: auto; border: 1px solid var(--grid); }
table.gantt { table-layout: fixed; margin: 0; font-size: 13px; line-height: 1.25; }
table.gantt col.cl { width: 30%; }
#gz-week:checked ~ .gscroll col.cl { width: 18em; }
table.gantt th, table.gantt td { padding: 0; border-bottom: 1px solid #eef0f3;
                                 background: none; vertical-align: middle; }
table.gantt th.gl { padding: 2px 6px; font-weight: 400; overflow-wrap: anywhere;
                    position: sticky; left: 0; background: #fff; z-index: 2; }
table.gantt thead th { background: #f3f5f7; vertical-align: bottom; }
table.gantt thead th.gl { font-weight: 600; background: #f3f5f7; }
table.gantt tr.g-ws th.gl { font-weight: 700; }
table.gantt tr.g-crit th.gl { color: var(--crit); font-weight: 700; }
.axes { position: relative; height: 34px; margin: 0 10px; }
.axes.st { height: 48px; }
.axes.st .tk.tc { top: 15px; }
.axis { position: absolute; inset: 0; }
.axis.zoom, #gz-week:checked ~ .gscroll .axis.fit { display: none; }
#gz-week:checked ~ .gscroll .axis.zoom { display: block; }
.tk { position: absolute; white-space: nowrap; font-size: 12px; color: var(--muted);
      padding-left: 3px; border-left: 1px solid var(--grid); }
.tk.tc { top: 0; font-weight: 600; }
.tk.tf { bottom: 0; }
.sflag { position: absolute; top: 0; transform: translateX(-100%); white-space: nowrap;
         font-size: 11px; font-weight: 700; color: var(--status); padding-right: 3px;
         background: #f3f5f7; border-right: 2px solid var(--status); }
.lane { position: relative; height: 20px; margin: 0 10px; }
.lane > span { position: absolute; }
.lane .bar, .lane .ws { top: 4px; height: 12px; border-radius: 2px; background: var(--task);
                        min-width: 2px; overflow: hidden; }
.lane .ws { top: 6px; height: 8px; background: var(--ws); }
.lane .crit { background: var(--crit); outline: 2px solid #5c0010; outline-offset: -1px; }
.lane .pct { position: absolute; left: 0; top: 0; bottom: 0; background: rgb(0 0 0 / 0.38); }
.lane .ms { top: 4px; width: 11px; height: 11px; margin-left: -5.5px; background: var(--ms);
            transform: rotate(45deg); }
.lane .ms.sm { top: 5px; width: 9px; height: 9px; margin-left: -4.5px;
               outline: 1px solid #fff; }
.lane .ms.crit { background: var(--crit); outline: 2px solid #5c0010; }
.tracking .lane .bar.up { top: 2px; height: 10px; }
.tracking .lane .ws.up { top: 3px; height: 7px; }
.tracking .lane .ms.up { top: 2px; width: 10px; height: 10px; margin-left: -5px; }
.lane .bl { top: 14px; height: 4px; background: var(--base); border-radius: 1px;
            min-width: 2px; }
.lane .blm { top: 13px; width: 7px; height: 7px; margin-left: -3.5px; background: var(--base);
             transform: rotate(45deg); }
.gbox input.fold { position: absolute; opacity: 0; width: 1px; height: 1px; }
@supports selector(:has(a)) {
  .gbox tr.g-ws label { cursor: pointer; display: block; padding-left: 1.1em;
                        text-indent: -1.1em; }
  .gbox tr.g-ws label::before { content: "▸ "; display: inline-block; width: 1.1em;
                                text-indent: 0; color: var(--muted); }
  .gbox tr.g-ws:has(input.fold:checked) label::before,
  .gbox:has(#g-all:checked) tr.g-ws label::before { content: "▾ "; }
  .gbox tr.g-ws input.fold:focus-visible + label { outline: 2px solid var(--task); }
}
.gbox, .gbox * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
svg text { font: 12px system-ui, sans-serif; fill: var(--text); }
svg .bar { fill: var(--task); }
svg .ws { fill: var(--ws); }
svg .crit { fill: var(--crit); stroke: #5c0010; stroke-width: 2; }
svg .ms { fill: var(--ms); }
svg .ms.crit { fill: var(--crit); }
svg .grid { stroke: var(--grid); stroke-width: 1; }
svg .dep { stroke: #8a96a3; stroke-width: 1; fill: none; stroke-opacity: 0.6; }
svg .dep.critdep { stroke: var(--crit); stroke-width: 1.5; }
svg .label-crit { font-weight: 700; fill: var(--crit); }
svg .axis { fill: var(--muted); }
details { margin: 4px 0 12px; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden;
           clip: rect(0 0 0 0); white-space: nowrap; }
@page { margin: 12mm; }
@page gantt { size: landscape; margin: 10mm; }
@media print {
  body { font-size: 11px; }
  main { max-width: none; padding: 0; }
  nav, .gbox > input, .gbox > .ctl { display: none; }
  .chart, .gscroll { overflow: visible; border: none; }
  #gantt { page: gantt; }
  table.gantt { min-width: 0 !important; font-size: 9.5px; line-height: 1.15; }
  table.gantt col.cl { width: 32% !important; }
  table.gantt th.gl { padding: 1px 4px; }
  .lane { height: 15px; }
  .lane .bar, .tracking .lane .bar.up { top: 2px; height: 9px; }
  .lane .ws, .tracking .lane .ws.up { top: 3px; height: 6px; }
  .lane .ms, .tracking .lane .ms.up { top: 2px; width: 9px; height: 9px; margin-left: -4.5px; }
  .lane .bl { top: 11px; height: 3px; }
  .lane .blm { top: 10px; width: 5px; height: 5px; margin-left: -2.5px; }
  .axis.fit { display: block !important; }
  .axis.zoom { display: none !important; }
  tr, .chart svg, dl.summary { break-inside: avoid; }
  thead { display: table-header-group; }
  h2, figcaption { break-after: avoid; }
}
"""


def render(r: Report) -> str:
    lang = r.lang
    body: list[str] = []
    toc: list[str] = []
    for s in r.sections:
        html = SECTIONS[s](r)
        if html:
            heading = t(s, lang)
            toc.append(f'<li><a href="#{s}">{_e(heading)}</a></li>')
            if s in FRONT:
                body.append(f'<section id="{s}" aria-labelledby="h-{s}">'
                            f'<h2 id="h-{s}">{_e(heading)}</h2>{html}</section>')
            else:  # an appendix: folded until opened
                body.append(f'<section id="{s}" aria-labelledby="h-{s}">'
                            f'<details class="appendix"><summary><h2 id="h-{s}">'
                            f'{_e(t("appendix", lang) + colon(lang))}{_e(heading)}</h2></summary>'
                            f"{html}</details></section>")
    return (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<title>{_e(r.title)} – {_e(t("report", lang))}</title>\n'
            f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
            f"<header><h1>{_e(r.title)}</h1>"
            f'<p class="muted">{_e(t("report", lang))} · {_e(t("generated_for", lang))} '
            f"{_e(date(r.as_of, lang, 'long'))}</p></header>\n"
            f'<nav aria-label="{_e(t("summary", lang))}"><ul>{"".join(toc)}</ul></nav>\n'
            + "\n".join(body) + "\n</main>\n</body>\n</html>\n")


def _summary(r: Report) -> str:
    lang, s = r.lang, r.summary
    rows = [(f"{t('start', lang)} → {t('finish', lang)}",
             f"{date(s.start, lang)} → {date(s.finish, lang)} ({number(s.working_days, lang)} "
             f"{t('days', lang)})")]
    if s.status_date is not None:
        rows.append((t("status_date", lang), date(s.status_date, lang, "long")))
    if s.next_transfers:
        rows.append((t("next_transfers", lang),
                     transfers_text(s.next_transfers, lang)))
    if s.driving_names:
        rows.append((t("driven_by", lang), path_text(s.driving_names, lang, s.driving_root)))
    if s.near_critical:
        rows.append((t("near_critical", lang), t("near_critical_text", lang,
                                                 n=s.near_critical, d=s.near_critical_days)))
    counts = deadline_counts(_deadline_counts(s), lang)
    if counts:
        rows.append((t("deadlines", lang), counts))
    if s.transfers:
        rows += [(t("transfers", lang), number(s.transfers, lang)),
                 (t("staff", lang), number(s.staff_moving, lang))]
    if s.levelled:
        rows.append((t("levelled_by", lang), f"{s.moved_by_resources} {t('moved', lang)}"))
    rows.append((t("problems", lang), t("problem_counts", lang, e=s.problems, w=s.warnings)))
    rows.append((t("progress", lang), t("progress_text", lang, done=s.done_tasks, n=s.tasks,
                                        late=s.late_tasks)
                 if s.status_date is not None else t("no_progress", lang)))
    items = "".join(f"<dt>{_e(a)}</dt><dd>{_e(b)}</dd>" for a, b in rows)
    issues = "".join(
        f'<li{" class=bad" if i.kind in ("error", "deadline-missed", "transfer-red") else ""}>'
        f"{_e(issue_text(i, lang))}</li>" for i in r.issues[:TOP_ISSUES])
    if len(r.issues) > TOP_ISSUES:
        issues += f"<li>{_e(t('more_issues', lang, n=len(r.issues) - TOP_ISSUES))}</li>"
    top = (f'<ul class="issues">{issues}</ul>' if issues
           else f"<p>{_e(t('no_issues', lang))}</p>")
    return (f'<dl class="summary">{items}</dl><h3>{_e(t("top_issues", lang))}</h3>{top}')


def _gantt(r: Report) -> str:
    lang = r.lang
    rows = r.gantt_full  # every task under its workstream, folded to workstreams
    legend = t("legend_text", lang)
    if r.status_date is not None or any(x.baseline is not None for x in rows):
        legend += " " + t("legend_tracking", lang)
    return (f'<figure><figcaption class="muted">{_e(t("legend", lang) + colon(lang))}'
            f"{_e(legend)}</figcaption>{gantt_html(r, rows)}</figure>")


def _table(caption: str, head: list[str], rows: list[list[str]],
           num: tuple[int, ...] = ()) -> str:
    th = "".join(f'<th scope="col"{" class=num" if i in num else ""}>{_e(h)}</th>'
                 for i, h in enumerate(head))
    body = []
    for row in rows:
        cells = []
        for i, c in enumerate(row):
            cls = ' class="num"' if i in num else ""
            cells.append(f"<td{cls}>{c}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<table><caption class="sr-only">{_e(caption)}</caption>'
            f"<thead><tr>{th}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def _readiness(r: Report) -> str:
    if not r.readiness:
        return ""
    lang = r.lang
    conf = any(x.confidence is not None for x in r.readiness)
    rows = [[_e(date(x.date, lang)), _e(x.site), str(x.done), str(x.remaining),
             str(len(x.behind)) if x.behind else "",
             "" if x.float_days is None else str(x.float_days),
             _rag(rag_shown(x, r.as_of), lang),
             *([_e(percent(x.confidence, lang))] if conf else []),
             _e(path_text(x.driving_names, lang, x.driving_root, keep=2))]
            for x in r.readiness]
    g, a = r.rag_rule
    head = [t("transfer_date", lang), t("site", lang), t("done", lang), t("remaining", lang),
            t("behind", lang), t("float", lang), t("rag", lang),
            *([t("confidence", lang)] if conf else []), t("driven_by", lang)]
    return (_table(t("readiness", lang), head, rows, (2, 3, 4, 5, 7) if conf else (2, 3, 4, 5))
            + f'<p class="muted">{_e(t("rag_rule", lang, g=g, a=a, g1=max(a, g - 1)))} '
            f'{_e(t("rag_behind", lang))}</p>')


def _rag(rag: str, lang: str) -> str:
    return f'<span class="rag rag-{rag}">{_e(rag_label(rag, lang))}</span>'


def _lookahead(r: Report) -> str:
    if r.lookahead_window is None:
        return ""
    lang = r.lang
    a, b = r.lookahead_window
    window = t("lookahead_window", lang, a=date(r.as_of, lang), b=date(a, lang),
               c=date(b, lang), n=r.lookahead_days)
    head = f'<p class="muted">{_e(window)}</p>'
    if not r.lookahead:
        return head + f"<p>{_e(t('lookahead_none', lang))}</p>"
    rows = [[_e(date(x.date, lang)),
             f'<span class="bad">{_e(look_text(x, lang))}</span>' if x.kind == "late"
             else _e(look_text(x, lang)), _e(x.name), _e(x.owner or ""), _e(x.note or "")]
            for x in r.lookahead]
    return head + _table(t("lookahead", lang), [t("when", lang), t("what", lang),
                                                 t("task", lang), t("owner", lang),
                                                 t("note", lang)], rows)


def _coverage(r: Report) -> str:
    if not r.coverage:
        return ""
    lang = r.lang
    rows = [[_e(x.service_name), _e(x.provider),
             _e(consumers_text(x.consumers, lang, x.kind)),
             _e(span_text(x.start, lang, "plan_start")),
             _e(span_text(x.until, lang, "open"))]
            for x in condensed_coverage(r.coverage)]
    head = [t("service", lang), t("provider", lang), t("consumer", lang), t("from", lang),
            t("until", lang)]
    out = [_table(t("coverage", lang), head, rows)]
    by_service: dict[str, list[CoverageRow]] = {}
    for c in r.coverage:
        by_service.setdefault(str(c.service_name), []).append(c)
    for name, cs in by_service.items():
        detail = [[_e(c.consumer), _e(c.provider),
                   _e(date(c.start, lang)),
                   _e(date(c.until, lang) or t("open", lang))]
                  for c in cs]
        out.append(f"<details><summary>{_e(name)}</summary>"
                   + coverage_svg(r, name, cs)
                   + _table(name, [t("consumer", lang), t("provider", lang), t("from", lang),
                                   t("until", lang)], detail) + "</details>")
    return "".join(out)


def _staff(r: Report) -> str:
    if not r.staff:
        return ""
    lang = r.lang
    rows = [[_e(date(x.date, lang)), _e(x.source), _e(x.target),
             _e(number(x.headcount, lang))] for x in r.staff]
    rows.append([f"<strong>{_e(t('total', lang))}</strong>", "", "",
                 f"<strong>{_e(number(sum(x.headcount for x in r.staff), lang))}</strong>"])
    return _table(t("staff", lang), [t("transfer_date", lang), t("from", lang), t("to", lang),
                                      t("headcount", lang)], rows, (3,))


def _resources(r: Report) -> str:
    if not r.resources:
        return ""
    lang = r.lang
    out = []
    for x in r.resources:
        weeks = x.weeks
        cap = max(1, x.capacity)
        bw, h = 10, 60
        bars = []
        for i, (wk, used) in enumerate(weeks):
            bh = h * min(used, cap) / cap
            bars.append(f'<rect x="{i * bw}" y="{h - bh:.1f}" width="{bw - 2}" '
                        f'height="{bh:.1f}" fill="#2f6fa7"><title>{_e(t("week_of", lang))} '
                        f"{_e(date(wk, lang) + colon(lang))}{used} / {x.capacity}</title></rect>")
        svg = (f'<svg width="{max(1, len(weeks)) * bw}" height="{h}" role="img" '
               f'aria-label="{_e(x.name + colon(lang) + t("peak", lang))} {x.peak} / '
               f'{x.capacity} {_e(t("units", lang))}" xmlns="http://www.w3.org/2000/svg">'
               + "".join(bars) + "</svg>")
        out.append([_e(x.name), str(x.capacity), str(x.peak), svg])
    html = _table(t("resources", lang), [t("resource", lang), t("capacity", lang),
                                          t("peak", lang), t("week_of", lang)], out, (1, 2))
    if r.delays:
        rows = [[_e(d.name), _e(date(d.earliest, lang)), _e(date(d.start, lang)),
                 _e(", ".join(d.resources)), _e(", ".join(d.blocking))]
                for d in r.delays]
        html += (f"<h3>{_e(t('delays', lang))}</h3>"
                 + _table(t("delays", lang), [t("task", lang), t("could_start", lang),
                                              t("start", lang), t("full", lang),
                                              t("held_by", lang)], rows))
    return html


def _deadlines(r: Report) -> str:
    if not r.deadlines:
        return ""
    lang = r.lang
    rows = [[_e(x.name), _e(date(x.finish, lang)), _e(date(x.deadline, lang)),
             "" if x.slack is None else str(x.slack),
             f'<span class="bad">{_e(t(f"dl_{x.status}", lang))}</span>'
             if x.status in ("missed", "at risk") else _e(t(f"dl_{x.status}", lang))]
            for x in r.deadlines]
    return _table(t("deadlines", lang), [t("task", lang), t("finish", lang),
                                          t("deadline", lang), t("slack", lang),
                                          t("status", lang)], rows, (3,))


def _problems(r: Report) -> str:
    lang = r.lang
    if not r.problems:
        return f"<p>{_e(t('no_problems', lang))}</p>"
    rows = [[_e(x.code), _e(x.message), f"<code>{_e(x.where)}</code>"]
            for x in r.problems]
    return _table(t("problems", lang), [t("code", lang), t("message", lang),
                                         t("where", lang)], rows)


def _risk(r: Report) -> str:
    """The risk figures with the SVG S-curve and tornado (render/risk_html.py)."""
    if r.risk is None:
        return ""
    from .risk_html import body

    return body(r.risk, 3, r.lang)


SECTIONS = {"summary": _summary, "gantt": _gantt, "readiness": _readiness,
            "coverage": _coverage, "staff": _staff, "resources": _resources,
            "deadlines": _deadlines, "risk": _risk, "problems": _problems,
            "lookahead": _lookahead}


def from_context(ctx: RenderContext) -> str:
    return render(ctx.report)
