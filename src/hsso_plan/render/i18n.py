"""Report labels in English and French, and dates formatted for each (babel, CLDR data).

Ontario's services are bilingual: every label a report prints comes from here, so a French
report has no English label left; names come from the plan's ``name_fr`` fields where the
plan has them.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

LANGS = ("en", "fr")
LOCALE = {"en": "en_CA", "fr": "fr_CA"}

LABELS: dict[str, dict[str, str]] = {
    "report": {"en": "Schedule report", "fr": "Rapport d'échéancier"},
    "generated_for": {"en": "Status as of", "fr": "État au"},
    "summary": {"en": "Summary", "fr": "Sommaire"},
    "start": {"en": "Start", "fr": "Début"},
    "finish": {"en": "Finish", "fr": "Fin"},
    "working_days": {"en": "Working days", "fr": "Jours ouvrables"},
    "tasks": {"en": "Tasks", "fr": "Tâches"},
    "milestones": {"en": "Milestones", "fr": "Jalons"},
    "critical_tasks": {"en": "Critical tasks", "fr": "Tâches critiques"},
    "critical_path": {"en": "Critical path", "fr": "Chemin critique"},
    "critical_path_length": {"en": "Critical path length", "fr": "Longueur du chemin critique"},
    "days": {"en": "working days", "fr": "jours ouvrables"},
    "deadlines": {"en": "Deadlines", "fr": "Échéances"},
    "met": {"en": "met", "fr": "respectées"},
    "missed": {"en": "missed", "fr": "manquées"},
    "deadline": {"en": "Deadline", "fr": "Échéance"},
    "status": {"en": "Status", "fr": "État"},
    "ok": {"en": "met", "fr": "respectée"},
    "late": {"en": "MISSED", "fr": "MANQUÉE"},
    "float": {"en": "Float", "fr": "Marge"},
    "gantt": {"en": "Timeline", "fr": "Calendrier"},
    "workstream": {"en": "Workstream", "fr": "Volet"},
    "task": {"en": "Task", "fr": "Tâche"},
    "critical": {"en": "critical", "fr": "critique"},
    "milestone": {"en": "milestone", "fr": "jalon"},
    "readiness": {"en": "Readiness by site", "fr": "État de préparation par site"},
    "site": {"en": "Site", "fr": "Site"},
    "transfer": {"en": "Transfer", "fr": "Transfert"},
    "transfers": {"en": "Transfers", "fr": "Transferts"},
    "transfer_date": {"en": "Transfer date", "fr": "Date du transfert"},
    "done": {"en": "Done", "fr": "Terminées"},
    "remaining": {"en": "Remaining", "fr": "Restantes"},
    "rag": {"en": "RAG", "fr": "Cote"},
    "green": {"en": "GREEN", "fr": "VERT"},
    "amber": {"en": "AMBER", "fr": "JAUNE"},
    "red": {"en": "RED", "fr": "ROUGE"},
    "rag_rule": {"en": "RAG from readiness float before the transfer date: green at {g} or more "
                       "working days, amber from {a} to {g1}, red below {a} or with late work.",
                 "fr": "Cote selon la marge de préparation avant la date du transfert : vert à "
                       "{g} jours ouvrables ou plus, jaune de {a} à {g1}, rouge sous {a} ou si "
                       "des travaux sont en retard."},
    "coverage": {"en": "Service coverage", "fr": "Couverture des services"},
    "service": {"en": "Service", "fr": "Service"},
    "consumer": {"en": "Consumer", "fr": "Client"},
    "provider": {"en": "Provider", "fr": "Fournisseur"},
    "from": {"en": "From", "fr": "Du"},
    "until": {"en": "Until", "fr": "Au"},
    "open": {"en": "open", "fr": "ouvert"},
    "staggered": {"en": "staggered", "fr": "échelonné"},
    "coverage_legend": {"en": "█ every consumer of the row served  ░ hand-over staggered "
                              "consumer by consumer",
                        "fr": "█ tous les clients de la ligne servis  ░ relève échelonnée, "
                              "client par client"},
    "coverage_alt": {"en": "Who provides {s} to each consumer over time: {n} consumers.",
                     "fr": "Qui fournit {s} à chaque client dans le temps : {n} clients."},
    "plan_start": {"en": "plan start", "fr": "début du plan"},
    "staff": {"en": "Staff moving", "fr": "Personnel transféré"},
    "headcount": {"en": "Headcount", "fr": "Effectif"},
    "total": {"en": "Total", "fr": "Total"},
    "to": {"en": "To", "fr": "Vers"},
    "organisations": {"en": "Organisations", "fr": "Organisations"},
    "resources": {"en": "Resource load", "fr": "Charge des ressources"},
    "resource": {"en": "Resource", "fr": "Ressource"},
    "capacity": {"en": "Capacity", "fr": "Capacité"},
    "peak": {"en": "Peak", "fr": "Pointe"},
    "week_of": {"en": "Week of", "fr": "Semaine du"},
    "units": {"en": "units", "fr": "unités"},
    "problems": {"en": "Problems", "fr": "Problèmes"},
    "risk": {"en": "Schedule risk", "fr": "Risque de calendrier"},
    "no_problems": {"en": "No problems: every check passed.",
                    "fr": "Aucun problème : toutes les vérifications sont réussies."},
    "none": {"en": "(none)", "fr": "(aucun)"},
    "code": {"en": "Code", "fr": "Code"},
    "message": {"en": "Message", "fr": "Message"},
    "where": {"en": "Where", "fr": "Emplacement"},
    "zoom": {"en": "Zoom", "fr": "Échelle"},
    "month": {"en": "Months", "fr": "Mois"},
    "week": {"en": "Weeks", "fr": "Semaines"},
    "legend": {"en": "Legend", "fr": "Légende"},
    "legend_text": {"en": "Bars: tasks; dark bars: workstreams; diamonds: milestones; red with "
                          "a heavy outline and the word critical: on the critical path.",
                    "fr": "Barres : tâches; barres foncées : volets; losanges : jalons; rouge "
                          "avec un contour épais et le mot critique : sur le chemin critique."},
    "legend_terminal": {"en": "▓ workstream  █ task  ◆ milestone  ! on the critical path "
                              "(in red where colour shows)",
                        "fr": "▓ volet  █ tâche  ◆ jalon  ! sur le chemin critique "
                              "(en rouge si la couleur s'affiche)"},
    "gantt_alt": {"en": "Gantt chart of {n} tasks from {a} to {b}; the critical path is "
                        "marked in red and labelled.",
                  "fr": "Diagramme de Gantt de {n} tâches du {a} au {b}; le chemin critique "
                        "est en rouge et identifié."},
    "legend_tracking": {"en": "Darker part of a bar: work done at the status date; thin grey "
                              "bar under a bar: the baseline; vertical orange line: the status "
                              "date.",
                        "fr": "Partie foncée d'une barre : travail fait à la date d'état; barre "
                              "grise fine sous une barre : la référence; ligne verticale "
                              "orange : la date d'état."},
    "fold_ws": {"en": "Show the tasks of {name}", "fr": "Afficher les tâches de {name}"},
    "show_all": {"en": "Show every task", "fr": "Afficher toutes les tâches"},
    "fit": {"en": "Fit", "fr": "Ajusté à la page"},
    "status_flag": {"en": "Status date: {d}", "fr": "Date d'état\u00a0: {d}"},
    "status_alt": {"en": "The status date, {d}, is drawn as a vertical line.",
                   "fr": "La date d'état, le {d}, est tracée en ligne verticale."},
    "baseline": {"en": "baseline", "fr": "référence"},
    "pct_done": {"en": "{p}% done", "fr": "{p} % fait"},
    "more_in_html": {"en": "{n} more tasks: see the HTML report or --section gantt --detail.",
                     "fr": "{n} autres tâches : voir le rapport HTML ou --section gantt --detail."},
    "levelled_by": {"en": "Resource levelling", "fr": "Nivellement des ressources"},
    "moved": {"en": "tasks moved by resource limits", "fr": "tâches déplacées par les limites "
              "de ressources"},
    "dependency": {"en": "depends on", "fr": "dépend de"},
    "delays": {"en": "Tasks moved by levelling", "fr": "Tâches déplacées par le nivellement"},
    "could_start": {"en": "Could start", "fr": "Début possible"},
    "full": {"en": "Full resources", "fr": "Ressources occupées"},
    "held_by": {"en": "Held by", "fr": "Occupées par"},
}

#: Organisation kinds, as short plural labels (the coverage timeline: "14 CCACs").
KINDS: dict[str, dict[str, str]] = {
    "ccac": {"en": "CCACs", "fr": "CASC"},
    "lhin": {"en": "LHINs", "fr": "RLISS"},
    "association": {"en": "associations", "fr": "associations"},
    "collaborative": {"en": "collaboratives", "fr": "collaborations"},
    "shared-services-office": {"en": "shared-services offices",
                               "fr": "bureaux de services partagés"},
    "shared-services-agency": {"en": "shared-services agencies",
                               "fr": "organismes de services partagés"},
    "ministry": {"en": "ministries", "fr": "ministères"},
    "agency": {"en": "agencies", "fr": "organismes"},
    "other": {"en": "organisations", "fr": "organisations"},
}

SECTIONS = ("summary", "gantt", "readiness", "coverage", "staff", "resources", "deadlines",
            "risk", "problems")


def t(key: str, lang: str, **kw: object) -> str:
    text = LABELS[key][lang]
    return text.format(**kw) if kw else text


def date(d: dt.date | None, lang: str, style: str = "medium") -> str:
    """A date as a reader expects it: ``May 3, 2017`` / ``3 mai 2017``."""
    if d is None:
        return ""
    return _date(d, lang, style)


@cache
def _date(d: dt.date, lang: str, style: str) -> str:
    from babel.dates import format_date

    return str(format_date(d, format=style, locale=LOCALE[lang]))


def month_label(d: dt.date, lang: str) -> str:
    from babel.dates import format_date

    return str(format_date(d, format="MMM yyyy", locale=LOCALE[lang]))


def tick_label(d: dt.date, unit: str, lang: str, coarse: bool = False) -> str:
    """A Gantt axis label for a tick of ``unit``: a day of the month (day and week ticks), a
    month (``Mar`` / ``mars``), a quarter (``Q1`` / ``T1``), a year; a month tick of the
    coarse row (over days or weeks) says the year too (``Mar 2017``)."""
    from babel.dates import format_date

    if unit == "year":
        return str(d.year)
    if coarse:
        return month_label(d, lang)
    if unit == "quarter":
        return f"{'T' if lang == 'fr' else 'Q'}{(d.month - 1) // 3 + 1}"
    if unit == "month":
        return str(format_date(d, format="LLL", locale=LOCALE[lang]))
    return str(d.day)


def number(n: int, lang: str) -> str:
    from babel.numbers import format_decimal

    return str(format_decimal(n, locale=LOCALE[lang]))
