"""The report as Markdown for wikis and pull requests, with a Mermaid gantt block.

The executive part (summary with the top issues, transfers, the Gantt) comes first; every
other section follows as an appendix ("Appendix: Deadlines").
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .i18n import colon, date, number, percent, t
from .markdown import Raw, gfm_table, md_bold, md_cell, md_text
from .report_model import (
    FRONT,
    TOP_ISSUES,
    Report,
    condensed_coverage,
    rag_shown,
    summary_deadlines,
)
from .text import (
    consumers_text,
    deadline_counts,
    issue_text,
    look_text,
    path_text,
    rag_label,
    span_text,
    spark,
    transfers_text,
    visible,
)

if TYPE_CHECKING:
    from .registry import RenderContext


# A Mermaid gantt line that starts with a keyword (title, section, dateFormat, axisFormat,
# tickInterval, includes, excludes, todayMarker, weekday, weekend, click, call, %%...) is read
# as that statement, whatever follows; a U+2060 WORD JOINER (invisible, not whitespace to
# Mermaid's lexer) first makes every name plain task text.
_MERMAID_LEAD = "\u2060"


def _mermaid_text(s: str) -> str:
    # Mermaid gantt separates fields with ':' and ','; '#' and ';' start comments/statements,
    # '%%' a comment; '<' and '>' could become markup where the diagram is drawn and a
    # backtick could close the code fence: use look-alikes.
    s = (visible(s).replace(":", " –").replace("#", "no.").replace("<", "‹").replace(">", "›")
         .replace("%", "％").replace("`", "ˋ"))
    return re.sub(r"\s+", " ", re.sub(r"[;,]", " ", s)).strip() or "-"


def render(r: Report) -> str:
    lang = r.lang
    out = [f"# {md_cell(r.title)}", "",
           f"*{md_cell(t('report', lang))} · {md_cell(t('generated_for', lang))} "
           f"{md_cell(date(r.as_of, lang, 'long'))}*", ""]
    for s in r.sections:
        body = SECTIONS[s](r)
        if body:
            title = t(s, lang) if s in FRONT else \
                f"{t('appendix', lang)}{colon(lang)}{t(s, lang)}"
            out += [f"## {md_cell(title)}", "", *body]
    return "\n".join(out).rstrip() + "\n"


def _summary(r: Report) -> list[str]:
    lang, s = r.lang, r.summary

    def item(key: str, value: str) -> str:
        return f"- **{t(key, lang)}**{colon(lang)}{value}"

    rows = [f"- **{t('start', lang)} → {t('finish', lang)}**{colon(lang)}"
            f"{md_text(date(s.start, lang))} → {md_text(date(s.finish, lang))} "
            f"({number(s.working_days, lang)} {t('days', lang)})"]
    if s.status_date is not None:
        rows.append(item("status_date", md_text(date(s.status_date, lang, "long"))))
    if s.next_transfers:
        rows.append(item("next_transfers", md_text(transfers_text(s.next_transfers, lang))))
    if s.driving_names:
        rows.append(item("driven_by",
                         md_text(path_text(s.driving_names, lang, s.driving_root))))
    if s.near_critical:
        rows.append(item("near_critical", md_text(t(
            "near_critical_text", lang, n=s.near_critical, d=s.near_critical_days))))
    counts = deadline_counts(summary_deadlines(s), lang)
    if counts:
        rows.append(item("deadlines", md_text(counts)))
    if s.transfers:
        rows += [item("transfers", number(s.transfers, lang)),
                 item("staff", number(s.staff_moving, lang))]
    rows.append(item("problems", md_text(t("problem_counts", lang, e=s.problems,
                                             w=s.warnings))))
    rows.append(item("progress", md_text(
        t("progress_text", lang, done=s.done_tasks, n=s.tasks, late=s.late_tasks)
        if s.status_date is not None else t("no_progress", lang))))
    rows += ["", f"**{md_text(t('top_issues', lang))}**", ""]
    if not r.issues:
        rows.append(md_text(t("no_issues", lang)))
    rows += [f"- {md_text(issue_text(i, lang))}" for i in r.issues[:TOP_ISSUES]]
    if len(r.issues) > TOP_ISSUES:
        rows.append(f"- {md_text(t('more_issues', lang, n=len(r.issues) - TOP_ISSUES))}")
    return [*rows, ""]


def _gantt(r: Report) -> list[str]:
    out = ["```mermaid", "gantt", f"    title {_mermaid_text(r.title)}",
           "    dateFormat YYYY-MM-DD", "    axisFormat %Y-%m-%d"]
    section = None
    for i, row in enumerate(r.gantt_full):
        if row.kind == "workstream":
            section = row.name
            out.append(f"    section {_mermaid_text(row.name)}")
            continue
        if row.level == 0 and section is not None and row.workstream is None:
            section = None
            out.append("    section -")
        tags = []
        if row.critical:  # on the driving path to the finish (not float 0 by definition)
            tags.append("crit")
        if row.kind == "milestone":
            tags.append("milestone")
        end = (row.finish + dt.timedelta(days=1)) if row.kind != "milestone" else row.start
        spec = ", ".join([*tags, f"t{i}", row.start.isoformat(), end.isoformat()])
        out.append(f"    {_MERMAID_LEAD}{_mermaid_text(row.name)} :{spec}")
    return [*out, "```", ""]


def _readiness(r: Report) -> list[str]:
    if not r.readiness:
        return []
    lang = r.lang
    conf = any(x.confidence is not None for x in r.readiness)
    rows = [[date(x.date, lang), x.site, str(x.done), str(x.remaining),
             str(len(x.behind)) if x.behind else "",
             "" if x.float_days is None else str(x.float_days),
             md_bold(rag_label(rag_shown(x, r.as_of), lang)),
             *([percent(x.confidence, lang)] if conf else []),
             path_text(x.driving_names, lang, x.driving_root, keep=2)]
            for x in r.readiness]
    g, a = r.rag_rule
    head = [t("transfer_date", lang), t("site", lang), t("done", lang), t("remaining", lang),
            t("behind", lang), t("float", lang), t("rag", lang),
            *([t("confidence", lang)] if conf else []), t("driven_by", lang)]
    table = gfm_table(head, rows, (2, 3, 4, 5, 7) if conf else (2, 3, 4, 5))
    return [*table, f"*{md_text(t('rag_rule', lang, g=g, a=a, g1=max(a, g - 1)))} "
            f"{md_text(t('rag_behind', lang))}*", ""]


def _lookahead(r: Report) -> list[str]:
    if r.lookahead_window is None:
        return []
    lang = r.lang
    a, b = r.lookahead_window
    window = t("lookahead_window", lang, a=date(r.as_of, lang), b=date(a, lang),
               c=date(b, lang), n=r.lookahead_days)
    out = [f"*{md_text(window)}*", ""]
    if not r.lookahead:
        return [*out, md_text(t("lookahead_none", lang)), ""]
    rows = [[date(x.date, lang), md_bold(look_text(x, lang)) if x.kind == "late"
             else look_text(x, lang), x.name, x.owner or "", x.note or ""]
            for x in r.lookahead]
    return out + gfm_table([t("when", lang), t("what", lang), t("task", lang), t("owner", lang),
                         t("note", lang)], rows)


def _coverage(r: Report) -> list[str]:
    if not r.coverage:
        return []
    lang = r.lang
    rows = [[x.service_name, x.provider, consumers_text(x.consumers, lang, x.kind),
             span_text(x.start, lang, "plan_start"), span_text(x.until, lang, "open")]
            for x in condensed_coverage(r.coverage)]
    return gfm_table([t("service", lang), t("provider", lang), t("consumer", lang),
                   t("from", lang), t("until", lang)], rows)


def _staff(r: Report) -> list[str]:
    if not r.staff:
        return []
    lang = r.lang
    rows = [[date(x.date, lang), x.source, x.target, number(x.headcount, lang)]
            for x in r.staff]
    rows.append([md_bold(t("total", lang)), "", "",
                 md_bold(number(sum(x.headcount for x in r.staff), lang))])
    return gfm_table([t("transfer_date", lang), t("from", lang), t("to", lang),
                   t("headcount", lang)], rows, (3,))


def _resources(r: Report) -> list[str]:
    if not r.resources:
        return []
    lang = r.lang
    rows: list[list[str]] = [
        [x.name, str(x.capacity), str(x.peak),
         Raw(f"{md_text(date(x.weeks[0][0], lang)) if x.weeks else ''} "
             f"`{spark(x.weeks, x.capacity)}`")] for x in r.resources]
    out = gfm_table([t("resource", lang), t("capacity", lang), t("peak", lang),
                  t("week_of", lang)], rows, (1, 2))
    if r.delays:
        out += [md_bold(t("delays", lang)), "", *gfm_table(
            [t("task", lang), t("could_start", lang), t("start", lang), t("full", lang),
             t("held_by", lang)],
            [[d.name, date(d.earliest, lang), date(d.start, lang),
              ", ".join(d.resources), ", ".join(d.blocking)] for d in r.delays])]
    return out


def _deadlines(r: Report) -> list[str]:
    if not r.deadlines:
        return []
    lang = r.lang
    rows = [[x.name, date(x.finish, lang), date(x.deadline, lang),
             "" if x.slack is None else str(x.slack),
             md_bold(t(f"dl_{x.status}", lang)) if x.status in ("missed", "at risk")
             else t(f"dl_{x.status}", lang)] for x in r.deadlines]
    return gfm_table([t("task", lang), t("finish", lang), t("deadline", lang), t("slack", lang),
                   t("status", lang)], rows, (3,))


def _problems(r: Report) -> list[str]:
    lang = r.lang
    if not r.problems:
        return [t("no_problems", lang), ""]
    rows = [[x.code, x.message, x.where] for x in r.problems]
    return gfm_table([t("code", lang), t("message", lang), t("where", lang)], rows)


def _risk(r: Report) -> list[str]:
    if r.risk is None:
        return []
    from .risk_markdown import body

    return body(r.risk, 3, r.lang)


SECTIONS = {"summary": _summary, "gantt": _gantt, "readiness": _readiness,
            "coverage": _coverage, "staff": _staff, "resources": _resources,
            "deadlines": _deadlines, "risk": _risk, "problems": _problems,
            "lookahead": _lookahead}


def from_context(ctx: RenderContext) -> str:
    from .variance_report import to_markdown

    slips = ctx.baseline_summary
    return render(ctx.report) + (to_markdown(slips) if slips else "")
