"""French done right (fr_CA): ordinal first of the month, no-break spaces before : ; ! ?,
CLDR grouping, labels as a francophone reads them, and the French report in every format
(terminal, HTML, Markdown and JSON goldens are in test_reports; the workbook's is here)."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from string import Formatter

import pytest
from typer.testing import CliRunner

from hsso_plan.app import run
from hsso_plan.cli import app
from hsso_plan.render import registry
from hsso_plan.render.i18n import (
    NBSP,
    NNBSP,
    colon,
    date,
    number,
    percent,
    plural,
    t,
    typography,
)
from hsso_plan.render.labels import LABELS

from .conftest import Golden

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "plans" / "tutorial.toml"
GOLDEN = Path(__file__).parent / "golden"
runner = CliRunner()


@pytest.mark.parametrize("style,want", [
    ("medium", "1er mars 2017"), ("long", "1er mars 2017"), ("full", "mercredi 1er mars 2017")])
def test_first_of_the_month_is_an_ordinal(style: str, want: str) -> None:
    """Tests "1er mars", not "1 mars"; the 2nd and the 21st stay cardinal; English and the
    numeric style are untouched."""
    assert date(dt.date(2017, 3, 1), "fr", style) == want
    assert date(dt.date(2017, 3, 2), "fr", style).startswith(("2 mars", "jeudi 2 mars"))
    assert "21 mars" in date(dt.date(2017, 3, 21), "fr", style)
    assert "1er" not in date(dt.date(2017, 3, 1), "en", style)
    assert date(dt.date(2017, 3, 1), "fr", "short") == "2017-03-01"


def test_typography_spaces() -> None:
    """Tests no-break spaces: U+00A0 before ":" and inside « », U+202F before ; ! ?; a
    colon inside a word or a time, and English text, are left alone."""
    assert typography("Légende : a; b! c ? « d »", "fr") == (
        f"Légende{NBSP}: a{NNBSP}; b{NNBSP}! c{NNBSP}? «{NBSP}d{NBSP}»")
    assert typography("à 10:30, https://x.example", "fr") == "à 10:30, https://x.example"
    assert typography("Legend: a; b!", "en") == "Legend: a; b!"
    assert colon("fr") == f"{NBSP}: " and colon("en") == ": "


@pytest.mark.parametrize("key", sorted(LABELS))
def test_every_french_label_is_set_in_french_typography(key: str) -> None:
    """Tests every label: the French one has no plain space (or none) before : ; ! ?, and
    the English one is the table's text unchanged."""
    names = {f for text in LABELS[key].values() for _, f, _, _ in Formatter().parse(text) if f}
    fields = dict.fromkeys(names, 1)
    fr = t(key, "fr", **fields)
    assert not re.search(r"(^|[^\u00a0\u202f]):(\s|$)", fr), fr
    assert not re.search(r"(^|[^\u202f])[;!?](\s|$)", fr), fr
    assert t(key, "en", **fields) == LABELS[key]["en"].format(**fields)


def test_numbers_are_grouped_as_fr_ca() -> None:
    """Tests CLDR fr_CA grouping (a no-break space): 9 365 and 1 234 567."""
    assert number(9365, "fr") == f"9{NBSP}365"
    assert number(1234567, "fr") == f"1{NBSP}234{NBSP}567"
    assert number(9365, "en") == "9,365"


def test_percentages_and_decimals_are_set_as_fr_ca() -> None:
    """Tests shares of runs and correlations (CLDR through babel): "95,0 %" with a no-break
    space, "87 %", a signed decimal comma; English "95.0%", "+0.77"; French plurals."""
    assert percent(0.95, "fr", 1) == f"95,0{NBSP}%" and percent(1, "fr") == f"100{NBSP}%"
    assert percent(0.95, "en", 1) == "95.0%" and percent(0.874, "en") == "87%"
    assert percent(None, "fr") == ""
    assert number(0.774, "fr", 2, signed=True) == "+0,77"
    assert number(-0.774, "en", 2, signed=True) == "-0.77"
    assert number(12345.25, "fr", 1) == f"12{NBSP}345,2"
    assert [plural(n, "fr") for n in (0, 1, 1.5, 2)] == ["", "", "", "s"]
    assert [plural(n, "en") for n in (0, 1, 2)] == ["s", "", "s"]


def test_labels_a_francophone_reads() -> None:
    """Tests the labels the issue names: the schedule view is an "Échéancier", and none of
    the French labels is left equal to an English word that is not French too."""
    assert t("gantt", "fr") == "Échéancier"
    assert "calendrier" not in " ".join(v["fr"].lower() for v in LABELS.values())
    same = {k for k, v in LABELS.items() if v["en"] == v["fr"]}
    # French words as well, and labels that are only a field or empty
    assert same <= {"site", "service", "total", "code", "message", "note", "date",
                    "issue_error", "root_dependency", "risk_percentiles"}
    for key, fr in (("risk", "Risque de l'échéancier"), ("risk_criticality",
                    "Indice de criticité"), ("risk_drivers", "Sensibilité (tornade)"),
                    ("risk_se", "Erreur type (jours ouvrables)"), ("risk_runs", "Exécutions")):
        assert t(key, "fr") == fr
    assert t("risk_transfers_caption", "fr").startswith(
        "Probabilité que la préparation soit terminée avant la date du transfert")
    assert "graine" in t("risk_runs_text", "fr") and "courbe en S" in t("risk_curve", "fr")


@pytest.mark.parametrize("fmt", ["terminal", "html", "markdown"])
def test_french_report_has_no_english_label(fmt: str) -> None:
    """Tests the French report of the tutorial (every section; risk in the test below): no
    English label of the table is left in it (Mermaid's keywords, syntax, aside)."""
    out = run(TUTORIAL)
    sections = ("summary", "gantt", "readiness", "coverage", "staff", "resources",
                "deadlines", "problems")
    ctx = registry.RenderContext.of(out, registry.RenderOptions(lang="fr", sections=sections))
    text = registry.get("report", fmt).render(ctx)
    assert isinstance(text, str)
    text = re.sub(r"```mermaid.*?```", "", text, flags=re.S)  # its keywords are syntax
    assert not _english_left(text)
    assert "1er mars 2017" in text and "Échéancier" in text


def _english_left(text: str) -> list[str]:
    """The English labels (longer than five characters, not French as well) in ``text``."""
    english = {v["en"] for v in LABELS.values() if v["en"] != v["fr"] and len(v["en"]) > 5}
    return sorted(e for e in english if re.search(rf"(?<![\w-]){re.escape(e)}(?![\w-])",
                                                  text))


@pytest.mark.parametrize("fmt", ["terminal", "html", "markdown"])
@pytest.mark.parametrize("kind", ["report", "risk"])
def test_french_risk_has_no_english_label(kind: registry.Kind, fmt: str) -> None:
    """Tests the schedule risk of the tutorial in French, the `risk` command's output and
    the report's risk section: no English label is left, shares are "100,0 %" (a no-break
    space, a decimal comma), correlations "+0,77", plan names the plan's French ones, and
    no ":" or ";" straight after a word (`t` sets the space before it)."""
    opts = registry.RenderOptions(lang="fr", sections=("risk",), iterations=400, seed=3,
                                  width=1000)  # no header wraps: every label is whole
    text = registry.get(kind, fmt).render(registry.RenderContext.of(run(TUTORIAL), opts))
    assert isinstance(text, str)
    assert not _english_left(text)
    assert f"100,0{NBSP}%" in text and "100.0%" not in text and "+0,77" in text
    assert "Indice de criticité" in text and "Risque de l'échéancier" in text.replace(
        "&#x27;", "'")
    assert "Ouest : transfert" in text  # a transfer's name_fr, as the plan wrote it
    assert "West transfer" not in text and "Records system" not in text
    plain = re.sub(r"<style>.*?</style>|<[^>]+>", " ", text, flags=re.S)
    assert not re.search(r"\w[:;]\s", plain), "a colon or semicolon without its space"


def test_french_workbook_golden(tmp_path: Path, golden: Golden) -> None:
    """Tests the French Excel report against a golden dump of every sheet's cells (read
    back with openpyxl: names, headers, values, real dates)."""
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "rapport.xlsx"
    r = runner.invoke(app, ["report", str(TUTORIAL), "-f", "xlsx", "--lang", "fr", "-o",
                            str(out), "--section", "summary,readiness,coverage,staff,"
                            "resources,deadlines,problems"])
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(io.BytesIO(out.read_bytes()))
    lines: list[str] = []
    for ws in wb.worksheets:
        lines.append(f"## {ws.title}")
        lines += ["\t".join("" if v is None else v.date().isoformat()
                            if isinstance(v, dt.datetime) else str(v) for v in row)
                  for row in ws.iter_rows(values_only=True)]
    golden(GOLDEN / "tutorial-report.fr.xlsx.txt", "\n".join(lines) + "\n")
