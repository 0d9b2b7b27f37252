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
from .html_gantt import compact_gantt_html, compact_rows, gantt_html
from .html_style import CSS
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
    out = (f'<div class="exec"><div><dl class="summary">{items}</dl></div>'
           f'<div><h3>{_e(t("top_issues", lang))}</h3>{top}</div></div>')
    return out + _brief_transfers(r) + _brief_gantt(r)


def _brief_gantt(r: Report) -> str:
    """The executive page's Gantt: workstreams and milestones, one line each."""
    rows, left = compact_rows(r)
    if not rows:
        return ""
    more = f'<p class="muted">{_e(t("more_issues", r.lang, n=left))}</p>' if left else ""
    return f'<h3>{_e(t("gantt", r.lang))}</h3>{compact_gantt_html(r, rows)}{more}'


def _brief_transfers(r: Report) -> str:
    """The executive page's transfers: one line per site, its detail ("Driven by") left to
    the readiness section."""
    if not r.readiness:
        return ""
    lang = r.lang
    conf = any(x.confidence is not None for x in r.readiness)
    rows = [[_e(date(x.date, lang)), _e(x.site), f"{x.done}/{x.done + x.remaining}",
             str(len(x.behind)) if x.behind else "",
             "" if x.float_days is None else str(x.float_days),
             _rag(rag_shown(x, r.as_of), lang),
             *([_e(percent(x.confidence, lang))] if conf else [])]
            for x in r.readiness]
    head = [t("transfer_date", lang), t("site", lang),
            f"{t('done', lang)}/{t('total', lang).lower()}", t("behind", lang),
            t("float", lang), t("rag", lang), *([t("confidence", lang)] if conf else [])]
    return (f'<h3>{_e(t("transfers", lang))}</h3>'
            + _table(t("transfers", lang), head, rows, (2, 3, 4, 6) if conf else (2, 3, 4),
                     "brief"))


def _gantt(r: Report) -> str:
    lang = r.lang
    rows = r.gantt_full  # every task under its workstream, folded to workstreams
    legend = t("legend_text", lang)
    if r.status_date is not None or any(x.baseline is not None for x in rows):
        legend += " " + t("legend_tracking", lang)
    return (f'<figure><figcaption class="muted">{_e(t("legend", lang) + colon(lang))}'
            f"{_e(legend)}</figcaption>{gantt_html(r, rows)}</figure>")


def _table(caption: str, head: list[str], rows: list[list[str]],
           num: tuple[int, ...] = (), kind: str = "") -> str:
    th = "".join(f'<th scope="col"{" class=num" if i in num else ""}>{_e(h)}</th>'
                 for i, h in enumerate(head))
    body = []
    for row in rows:
        cells = []
        for i, c in enumerate(row):
            cls = ' class="num"' if i in num else ""
            cells.append(f"<td{cls}>{c}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    attr = f' class="{kind}"' if kind else ""
    return (f'<table{attr}><caption class="sr-only">{_e(caption)}</caption>'
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
