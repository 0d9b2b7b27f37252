"""`hsso-plan risk --format markdown`: the risk figures as Markdown tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..risk.result import RiskResult
from . import risk_rows as rows
from .i18n import colon, number, t
from .markdown import gfm_table, md_cell

if TYPE_CHECKING:
    from .registry import RenderContext


def render(r: RiskResult, lang: str = "en") -> str:
    out = [f"# {t('risk', lang)}{colon(lang)}{md_cell(r.project)}", "", *body(r, 2, lang)]
    return "\n".join(out).rstrip("\n") + "\n"


def body(r: RiskResult, level: int, lang: str = "en") -> list[str]:
    """The figures as Markdown lines in ``lang``, headed at ``level`` (2 = ``##``); the
    report's risk section uses level 3."""
    h = "#" * level
    out = gfm_table(["", ""], [[k, v] for k, v in rows.summary(r, lang)])
    out += [f"{h} {t('risk_curve', lang)}", ""]
    out += gfm_table([t("risk_finish_by", lang), t("risk_runs", lang), t("risk_share", lang)],
                     [[rows.d(day, lang), number(n, lang), rows.pct(c, lang)]
                      for day, n, c in rows.s_curve(r)], (0, 1, 2))
    out += [f"{h} {t('risk_drivers', lang)}", "", t("risk_drivers_text", lang), ""]
    drivers = rows.tornado(r)
    out += gfm_table([t("risk_input", lang), t("risk_kind", lang), t("risk_correlation", lang)],
                     [[x.name, t(f"kind_{x.kind}", lang), rows.corr(x.correlation, lang)]
                      for x in drivers], (2,)) \
        if drivers else [md_cell(rows.no_drivers(r, lang)), ""]
    for title, head, rows_, num in rows.tables(r, lang, "risk_transfers", "risk_critical"):
        out += [f"{h} {title}", ""]
        out += gfm_table(head, rows_, num)
    return out


def from_context(ctx: RenderContext) -> str:
    """The registry's entry: the risk of the context's plan, in its language."""
    return render(rows.of_context(ctx), ctx.options.lang)
