"""The schedule and the report as an Excel workbook (openpyxl, imported lazily).

Sheets: Tasks (every task with real Excel dates, float, critical, status and what drives
it), Readiness (per transfer, with the RAG status), Coverage, Staff and Resources (peak load
per week against capacity). Each sheet has a frozen header row, an autofilter and column
widths fitted to its content.

Plan text is hostile here too: a name such as ``=HYPERLINK(...)`` is stored as a string cell
(type ``s``, with Excel's quote prefix when it starts like a formula), never as a formula,
and characters XML cannot carry are replaced. The bytes are deterministic: the workbook's
created/modified properties come from the plan (project start, status date) and every zip
entry carries the same fixed timestamp, so the same plan gives the same file.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic
from ..migration import Migration
from ..model import Plan
from ..schedule import Schedule
from .i18n import t as label
from .report_model import Report, ReportOptions, _name, build
from .table import _driver

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook

Cell = str | int | bool | dt.date | None

#: Every zip entry gets this timestamp (the zip format's epoch): no clock in the file.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
DATE_FORMAT = "yyyy-mm-dd"
#: A string starting with one of these is read as a formula by spreadsheet programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Control characters XML 1.0 cannot carry (tab, LF and CR are allowed).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

HEADERS: dict[str, dict[str, tuple[str, ...]]] = {
    "tasks": {
        "en": ("ID", "Name", "Workstream", "Start", "Finish", "Duration (working days)",
               "Total float", "Critical", "Milestone", "Status", "Driven by", "Deadline",
               "Late finish"),
        "fr": ("ID", "Nom", "Volet", "Début", "Fin", "Durée (jours ouvrables)",
               "Marge totale", "Critique", "Jalon", "État", "Déterminée par", "Échéance",
               "Fin au plus tard"),
    },
    "readiness": {
        "en": ("Transfer", "Site", "Date", "From", "To", "Tasks", "Done", "Remaining",
               "Float", "RAG", "Late work"),
        "fr": ("Transfert", "Site", "Date", "De", "Vers", "Tâches", "Terminées", "Restantes",
               "Marge", "Cote", "Travaux en retard"),
    },
    "coverage": {
        "en": ("Service", "Service name", "Consumer", "Provider", "From", "Until"),
        "fr": ("Service", "Nom du service", "Client", "Fournisseur", "Du", "Jusqu'au"),
    },
    "staff": {
        "en": ("Transfer", "Date", "From", "To", "Headcount", "Staff groups"),
        "fr": ("Transfert", "Date", "De", "Vers", "Effectif", "Groupes d'employés"),
    },
    "resources": {
        "en": ("Resource", "Name", "Week of", "Peak units", "Capacity", "Over capacity"),
        "fr": ("Ressource", "Nom", "Semaine du", "Unités au maximum", "Capacité",
               "Surcapacité"),
    },
}
SHEET_NAMES = {
    "tasks": {"en": "Tasks", "fr": "Tâches"},
    "readiness": {"en": "Readiness", "fr": "Préparation"},
    "coverage": {"en": "Coverage", "fr": "Couverture"},
    "staff": {"en": "Staff", "fr": "Personnel"},
    "resources": {"en": "Resources", "fr": "Ressources"},
}
STATUS = {"done": {"en": "done", "fr": "terminée"},
          "in progress": {"en": "in progress", "fr": "en cours"},
          "not started": {"en": "not started", "fr": "non commencée"}}


def render_schedule(plan: Plan, sched: Schedule, mig: Migration | None,
                    diags: list[Diagnostic]) -> bytes:
    """The workbook of `schedule --format xlsx`: every sheet, in English."""
    return render(build(plan, sched, mig, diags, ReportOptions()), plan, sched)


def render(rep: Report, plan: Plan, sched: Schedule) -> bytes:
    """The workbook for a built report: Tasks always, the other sheets for the report's
    sections."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    lang = rep.lang
    _sheet(wb, "tasks", lang, _task_rows(rep, plan, sched))
    if "readiness" in rep.sections:
        _sheet(wb, "readiness", lang, [
            (r["transfer"], r["site"], r["date"], r["from"], r["to"], r["tasks"], r["done"],
             r["remaining"], r["float"], label(r["rag"], lang), ", ".join(r["late"]))
            for r in rep.readiness])
    if "coverage" in rep.sections:
        _sheet(wb, "coverage", lang, [
            (c["service"], c["service_name"], c["consumer"], c["provider"], c["from"],
             c["until"]) for c in rep.coverage])
    if "staff" in rep.sections:
        _sheet(wb, "staff", lang, [
            (s["transfer"], s["date"], s["from"], s["to"], s["headcount"], s["groups"])
            for s in rep.staff])
    if "resources" in rep.sections:
        _sheet(wb, "resources", lang, [
            (r["id"], r["name"], week, used, r["capacity"], used > r["capacity"])
            for r in rep.resources for week, used in r["weeks"]])
    props = wb.properties
    props.title = rep.title
    props.creator = "hsso-plan"
    props.lastModifiedBy = None
    props.created = dt.datetime.combine(plan.project.start, dt.time())
    props.modified = dt.datetime.combine(rep.as_of, dt.time())
    return _save(wb)


def _task_rows(rep: Report, plan: Plan, sched: Schedule) -> list[tuple[Cell, ...]]:
    lang = rep.lang
    rows: list[tuple[Cell, ...]] = []
    for t in sched.tasks:
        spec = plan.task.get(t.id)
        ws_id = spec.workstream if spec is not None else None
        ws = _name(plan.workstream.get(ws_id), lang, ws_id) if ws_id else None
        status = ("done" if t.finish < rep.as_of else
                  "in progress" if t.start <= rep.as_of else "not started")
        rows.append((t.id, _name(spec, lang, t.name), ws, t.start, t.finish, t.duration,
                     t.total_float, t.critical, t.milestone, STATUS[status][lang],
                     _driver(t), t.deadline, t.late_finish_date))
    return rows


def safe_text(value: str) -> str:
    """``value`` with the characters a worksheet cannot hold replaced by U+FFFD."""
    return _ILLEGAL.sub("\ufffd", value)


def _sheet(wb: Workbook, kind: str, lang: str, rows: Sequence[Sequence[Cell]]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(SHEET_NAMES[kind][lang])
    headers = HEADERS[kind][lang]
    widths = [len(h) for h in headers]
    ws.append(headers)
    bold = Font(bold=True)
    for cell in ws[1]:
        cell.font = bold
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            _put(ws.cell(row=r, column=c), value)
            widths[c - 1] = max(widths[c - 1], _width(value))
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = min(max(w + 2, 8), 60)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(len(rows), 1) + 1}"


def _put(cell: Any, value: Cell) -> None:
    if isinstance(value, str):
        text = safe_text(value)
        cell.value = text
        cell.data_type = "s"  # openpyxl would store "=..." as a formula
        if text.startswith(FORMULA_START):
            cell.quotePrefix = True  # Excel keeps it text even when the cell is edited
    else:
        cell.value = value
        if isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT


def _width(value: Cell) -> int:
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, bool):
        return 5
    return max((len(x) for x in str("" if value is None else value).splitlines()),
               default=0)


def _save(wb: Workbook) -> bytes:
    """The workbook as bytes, every zip entry stamped with ``ZIP_TIME``."""
    from openpyxl.writer.excel import ExcelWriter

    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()  # keeps the workbook's own `modified`
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()
