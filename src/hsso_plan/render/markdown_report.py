"""The report as Markdown for wikis and pull requests, with a Mermaid gantt block."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .i18n import colon, date, number, t
from .report_model import Report, condensed_coverage
from .text import consumers_text, span_text, spark

if TYPE_CHECKING:
    from .registry import RenderContext


# Every ASCII punctuation character that can open or close CommonMark/GFM markup (emphasis,
# code, links, images, autolinks, raw HTML, entities, tables, headings, strikethrough) is
# backslash-escaped in plan text; CommonMark reads a backslash before ASCII punctuation as
# that character, literally. Every line break folds into a space (a table row is one line).
_MD_SPECIAL = re.compile(r"([\\`*_\[\](){}<>#!|~&$])")
_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


class Raw(str):
    """Markdown this renderer wrote itself (bold, code): `_cell` passes it through."""


def md_text(s: object) -> str:
    """Plan text as CommonMark inline text: markup characters escaped, line breaks folded."""
    return _MD_SPECIAL.sub(r"\\\1", _BREAKS.sub(" ", str(s)))


def _cell(s: object) -> str:
    """Text for a table cell or a heading: plan text escaped (`md_text`); a `Raw` cell,
    markup of this renderer around escaped text, only has its line breaks folded."""
    return _BREAKS.sub(" ", s) if isinstance(s, Raw) else md_text(s)


def _bold(s: object) -> Raw:
    return Raw(f"**{md_text(s)}**")


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(_cell(h) for h in head) + " |",
           "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return [*out, ""]


# A Mermaid gantt line that starts with a keyword (title, section, dateFormat, axisFormat,
# tickInterval, includes, excludes, todayMarker, weekday, weekend, click, call, %%...) is read
# as that statement, whatever follows; a U+2060 WORD JOINER (invisible, not whitespace to
# Mermaid's lexer) first makes every name plain task text.
_MERMAID_LEAD = "\u2060"


def _mermaid_text(s: str) -> str:
    # Mermaid gantt separates fields with ':' and ','; '#' and ';' start comments/statements,
    # '%%' a comment; '<' and '>' could become markup where the diagram is drawn and a
    # backtick could close the code fence: use look-alikes.
    s = (s.replace(":", " –").replace("#", "no.").replace("<", "‹").replace(">", "›")
         .replace("%", "％").replace("`", "ˋ"))
    return re.sub(r"\s+", " ", re.sub(r"[;,]", " ", s)).strip() or "-"


def render(r: Report) -> str:
    lang = r.lang
    out = [f"# {_cell(r.title)}", "",
           f"*{_cell(t('report', lang))} · {_cell(t('generated_for', lang))} "
           f"{_cell(date(r.as_of, lang, 'long'))}*", ""]
    for s in r.sections:
        body = SECTIONS[s](r)
        if body:
            out += [f"## {_cell(t(s, lang))}", "", *body]
    return "\n".join(out).rstrip() + "\n"


def _summary(r: Report) -> list[str]:
    lang, s = r.lang, r.summary

    def item(key: str, value: str) -> str:
        return f"- **{t(key, lang)}**{colon(lang)}{value}"

    rows = [
        item("start", date(s.start, lang, "long")),
        item("finish", date(s.finish, lang, "long")),
        item("working_days", number(s.working_days, lang)),
        item("tasks", f"{number(s.tasks, lang)} "
                      f"({number(s.milestones, lang)} {t('milestones', lang).lower()})"),
        item("critical_path_length", f"{number(s.critical_path_days, lang)} {t('days', lang)}"),
        item("deadlines", f"{number(s.deadlines_met, lang)} {t('met', lang)}, "
                          f"{number(s.deadlines_missed, lang)} {t('missed', lang)}"),
    ]
    if s.transfers:
        rows += [item("transfers", number(s.transfers, lang)),
                 item("staff", number(s.staff_moving, lang))]
    rows.append(item("problems", number(s.problems, lang)))
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
        out.append(f"    {_MERMAID_LEAD}{_mermaid_text(row.name)} :{spec}")
    return [*out, "```", ""]


def _readiness(r: Report) -> list[str]:
    if not r.readiness:
        return []
    lang = r.lang
    rows = [[x.site, date(x.date, lang), str(x.done), str(x.remaining),
             "" if x.float_days is None else str(x.float_days), _bold(t(x.rag, lang))]
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
    rows.append([_bold(t("total", lang)), "", "",
                 _bold(number(sum(x.headcount for x in r.staff), lang))])
    return _table([t("transfer_date", lang), t("from", lang), t("to", lang),
                   t("headcount", lang)], rows)


def _resources(r: Report) -> list[str]:
    if not r.resources:
        return []
    lang = r.lang
    rows: list[list[str]] = [
        [x.name, str(x.capacity), str(x.peak),
         Raw(f"{md_text(date(x.weeks[0][0], lang)) if x.weeks else ''} "
             f"`{spark(x.weeks, x.capacity)}`")] for x in r.resources]
    out = _table([t("resource", lang), t("capacity", lang), t("peak", lang),
                  t("week_of", lang)], rows)
    if r.delays:
        out += [_bold(t("delays", lang)), "", *_table(
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
             t("ok", lang) if x.met else _bold(t("late", lang))] for x in r.deadlines]
    return _table([t("task", lang), t("finish", lang), t("deadline", lang), t("float", lang),
                   t("status", lang)], rows)


def _problems(r: Report) -> list[str]:
    lang = r.lang
    if not r.problems:
        return [t("no_problems", lang), ""]
    rows = [[x.code, x.message, x.where] for x in r.problems]
    return _table([t("code", lang), t("message", lang), t("where", lang)], rows)


def _risk(r: Report) -> list[str]:
    if r.risk is None:
        return []
    from .risk_markdown import body

    return body(r.risk, 3)


SECTIONS = {"summary": _summary, "gantt": _gantt, "readiness": _readiness,
            "coverage": _coverage, "staff": _staff, "resources": _resources,
            "deadlines": _deadlines, "risk": _risk, "problems": _problems}


def from_context(ctx: RenderContext) -> str:
    from .variance_report import to_markdown

    slips = ctx.baseline_summary
    return render(ctx.report) + (to_markdown(slips) if slips else "")
