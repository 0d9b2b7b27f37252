"""The report as Markdown for wikis and pull requests, with a Mermaid gantt block."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .i18n import date, number, t
from .report_model import Report, condensed_coverage
from .text import consumers_text, span_text, spark

if TYPE_CHECKING:
    from .registry import RenderContext


def _cell(s: object) -> str:
    """Text for a table cell: pipes escaped, newlines folded, HTML-significant characters
    escaped (Markdown renderers pass raw HTML through)."""
    text = str(s).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(_cell(h) for h in head) + " |",
           "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*out, ""]


def _mermaid_text(s: str) -> str:
    # Mermaid gantt separates fields with ':' and ','; '#' and ';' start comments/statements.
    # '<' and '>' could become markup where the diagram is drawn: use look-alike quotes.
    s = s.replace(":", " –").replace("#", "no.").replace("<", "‹").replace(">", "›")
    return re.sub(r"\s+", " ", re.sub(r"[;,]", " ", s)).strip() or "-"


def render(r: Report) -> str:
    lang = r.lang
    out = [f"# {_cell(r.title)}", "",
           f"*{_cell(t('report', lang))} · {_cell(t('generated_for', lang))} "
           f"{_cell(date(r.as_of, lang, 'long'))}*", ""]
    for s in r.sections:
        body = SECTIONS[s](r)
        if body:
            out += [f"## {t(s, lang)}", "", *body]
    return "\n".join(out).rstrip() + "\n"


def _summary(r: Report) -> list[str]:
    lang, s = r.lang, r.summary
    rows = [
        f"- **{t('start', lang)}**: {date(s.start, lang, 'long')}",
        f"- **{t('finish', lang)}**: {date(s.finish, lang, 'long')}",
        f"- **{t('working_days', lang)}**: {number(s.working_days, lang)}",
        f"- **{t('tasks', lang)}**: {number(s.tasks, lang)} "
        f"({number(s.milestones, lang)} {t('milestones', lang).lower()})",
        f"- **{t('critical_path_length', lang)}**: {number(s.critical_path_days, lang)} "
        f"{t('days', lang)}",
        f"- **{t('deadlines', lang)}**: {s.deadlines_met} {t('met', lang)}, "
        f"{s.deadlines_missed} {t('missed', lang)}",
    ]
    if s.transfers:
        rows += [f"- **{t('transfers', lang)}**: {number(s.transfers, lang)}",
                 f"- **{t('staff', lang)}**: {number(s.staff_moving, lang)}"]
    rows.append(f"- **{t('problems', lang)}**: {s.problems}")
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
        if row.critical:
            tags.append("crit")
        if row.kind == "milestone":
            tags.append("milestone")
        end = (row.finish + dt.timedelta(days=1)) if row.kind != "milestone" else row.start
        spec = ", ".join([*tags, f"t{i}", row.start.isoformat(), end.isoformat()])
        out.append(f"    {_mermaid_text(row.name)} :{spec}")
    return [*out, "```", ""]


def _readiness(r: Report) -> list[str]:
    if not r.readiness:
        return []
    lang = r.lang
    rows = [[x.site, date(x.date, lang), str(x.done), str(x.remaining),
             "" if x.float_days is None else str(x.float_days), f"**{t(x.rag, lang)}**"]
            for x in r.readiness]
    g, a = r.rag_rule
    table = _table([t("site", lang), t("transfer_date", lang), t("done", lang),
                    t("remaining", lang), t("float", lang), t("rag", lang)], rows)
    return [*table, f"*{t('rag_rule', lang, g=g, a=a, g1=max(a, g - 1))}*", ""]


def _coverage(r: Report) -> list[str]:
    if not r.coverage:
        return []
    lang = r.lang
    rows = [[x.service_name, x.provider, consumers_text(x.consumers, lang, x.kind),
             span_text(x.start, lang, "plan_start"), span_text(x.until, lang, "open")]
            for x in condensed_coverage(r.coverage)]
    return _table([t("service", lang), t("provider", lang), t("consumer", lang),
                   t("from", lang), t("until", lang)], rows)


def _staff(r: Report) -> list[str]:
    if not r.staff:
        return []
    lang = r.lang
    rows = [[date(x.date, lang), x.source, x.target, number(x.headcount, lang)]
            for x in r.staff]
    rows.append([f"**{t('total', lang)}**", "", "",
                 f"**{number(sum(x.headcount for x in r.staff), lang)}**"])
    return _table([t("transfer_date", lang), t("from", lang), t("to", lang),
                   t("headcount", lang)], rows)


def _resources(r: Report) -> list[str]:
    if not r.resources:
        return []
    lang = r.lang
    rows = [[x.name, str(x.capacity), str(x.peak),
             f"{date(x.weeks[0][0], lang) if x.weeks else ''} "
             f"`{spark(x.weeks, x.capacity)}`"] for x in r.resources]
    out = _table([t("resource", lang), t("capacity", lang), t("peak", lang),
                  t("week_of", lang)], rows)
    if r.delays:
        out += [f"**{t('delays', lang)}**", "", *_table(
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
             "" if x.float_days is None else str(x.float_days),
             t("ok", lang) if x.met else f"**{t('late', lang)}**"] for x in r.deadlines]
    return _table([t("task", lang), t("finish", lang), t("deadline", lang), t("float", lang),
                   t("status", lang)], rows)


def _problems(r: Report) -> list[str]:
    lang = r.lang
    if not r.problems:
        return [t("no_problems", lang), ""]
    rows = [[x.code, x.message, f"`{x.where}`"] for x in r.problems]
    return _table([t("code", lang), t("message", lang), t("where", lang)], rows)


SECTIONS = {"summary": _summary, "gantt": _gantt, "readiness": _readiness,
            "coverage": _coverage, "staff": _staff, "resources": _resources,
            "deadlines": _deadlines, "problems": _problems}


def from_context(ctx: RenderContext) -> str:
    return render(ctx.report)
