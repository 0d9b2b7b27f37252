"""Outputs other programs read, fed hostile plan text (tests/hostile/, tests/hostile_support.py).

Each output is checked with the reader that matters: Python's csv module and a line-level
spreadsheet heuristic (CSV), markdown-it-py (CommonMark), the real Mermaid parser under node
(gantt), rich rendered with and without colour (terminal), ElementTree/lxml (MS Project XML)
and the real tj3 (TaskJuggler). Tools that are absent skip their test.
"""

from __future__ import annotations

import collections
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hsso_plan.interchange.mspdi import NS
from hsso_plan.render.text import visible

from .hostile_support import HOSTILE_NAMES, all_names, keyword_plan, plan_text

ROOT = Path(__file__).parent.parent
HOSTILE = ROOT / "tests" / "hostile" / "hostile-names.toml"
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "200", "NO_COLOR": "1"}
ENV.pop("FORCE_COLOR", None)


def cli(*args: str, colour: bool = False) -> subprocess.CompletedProcess[str]:
    """The CLI in a subprocess; stdout and stderr decoded as UTF-8, line ends untouched."""
    env = dict(ENV)
    if colour:
        env.pop("NO_COLOR")
        env["FORCE_COLOR"] = "1"
    r = subprocess.run(check=False, args=[sys.executable, "-m", "hsso_plan", *args],
                       capture_output=True,
                       env=env, timeout=120)
    return subprocess.CompletedProcess(r.args, r.returncode, r.stdout.decode("utf-8"),
                                       r.stderr.decode("utf-8"))


def plan_file(tmp_path: Path, text: str, name: str = "plan.toml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8", newline="")
    return p


def test_corpus_file_is_the_generated_plan_and_validates() -> None:
    """Names are free text: the hostile plan is a valid plan (and the corpus copy is current)."""
    from .hostile_support import hostile_plan

    assert HOSTILE.read_text(encoding="utf-8").split("\n", 1)[1] == hostile_plan()
    r = cli("validate", str(HOSTILE))
    assert r.returncode == 0, r.stderr
    assert f"ok ({len(all_names())} tasks)" in r.stdout


# --- CSV ------------------------------------------------------------------------------------

FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n")


def _records(text: str) -> list[list[str]]:
    """A spreadsheet's reading, without the csv module: CR, LF or CRLF outside quotes ends a
    record (as Excel and LibreOffice read), commas outside quotes split fields."""
    records, fields, cell, quoted, i = [], [], [], False, 0
    while i < len(text):
        c = text[i]
        if quoted:
            if c == '"' and text[i + 1:i + 2] == '"':
                cell.append('"')
                i += 1
            elif c == '"':
                quoted = False
            else:
                cell.append(c)
        elif c == '"':
            quoted = True
        elif c == ",":
            fields.append("".join(cell))
            cell = []
        elif c in "\r\n":
            fields.append("".join(cell))
            records.append(fields)
            fields, cell = [], []
            if c == "\r" and text[i + 1:i + 2] == "\n":
                i += 1
        else:
            cell.append(c)
        i += 1
    assert not quoted and not cell and not fields
    return records


def test_csv_rows_read_back_and_no_line_of_a_cell_starts_a_formula(tmp_path: Path) -> None:
    # -o: the exact bytes (click's echo drops escape sequences on a pipe).
    out = tmp_path / "s.csv"
    r = cli("schedule", str(HOSTILE), "-f", "csv", "-o", str(out))
    assert r.returncode == 0, r.stderr
    text = out.read_bytes().decode("utf-8")
    n = len(all_names())
    for rows in (list(csv.reader(io.StringIO(text, newline=""))), _records(text)):
        assert len(rows) == n + 1
        assert all(len(row) == 12 for row in rows)
        for row in rows[1:]:
            for cell in (row[0], row[1], row[11]):
                for line in re.split(r"\r\n|\r|\n", cell):
                    assert not line.startswith(FORMULA[:5]), (cell, line)
    names = [row[1] for row in csv.reader(io.StringIO(text, newline=""))][1:]
    # Text is kept: only a leading quote is added where a line would start a formula.
    for got, want in zip(names, all_names(), strict=True):
        assert got.replace("\n'", "\n").replace("\r'", "\r").removeprefix("'") == want


# --- Markdown -------------------------------------------------------------------------------

def test_markdown_report_has_no_link_image_or_html_from_plan_text() -> None:
    from markdown_it import MarkdownIt

    r = cli("report", str(HOSTILE), "-f", "markdown")
    assert r.returncode == 0, r.stderr
    md = MarkdownIt("commonmark").enable("table")
    tokens = md.parse(r.stdout)
    bad = {"link_open", "image", "html_inline", "html_block", "autolink"}

    def walk(ts: list) -> None:  # type: ignore[type-arg]
        for tok in ts:
            assert tok.type not in bad, (tok.type, tok.content)
            walk(tok.children or [])

    walk(tokens)
    # Every table row has as many cells as its header.
    width, cells = None, 0
    for tok in tokens:
        if tok.type == "tr_open":
            cells = 0
        elif tok.type in ("th_open", "td_open"):
            cells += 1
        elif tok.type == "tr_close":
            width = cells if width is None else width
            assert cells == width
        elif tok.type == "table_close":
            width = None
    # Headings: the title and one per section, nothing else became a heading.
    headings = [t for t in tokens if t.type == "heading_open"]
    assert len(headings) == r.stdout.count("\n## ") + 1
    # Plan text is there, escaped (the title and the names in the gantt's task list).
    from hsso_plan.render.markdown import md_text

    assert md_text("Project [bold]x[/bold] \x1b[31m <b>|</b> ![i](http://e.x/i.png)") \
        in r.stdout


def test_markdown_cells_fold_every_line_break() -> None:
    from hsso_plan.render.markdown import md_text

    for brk in ("\r", "\n", "\r\n", "\u2028", "\u2029", "\x85"):
        assert md_text(f"a{brk}b") == "a b"
    assert md_text("![x](y)") == "\\!\\[x\\]\\(y\\)"


# --- Mermaid --------------------------------------------------------------------------------

MERMAID_DIR = Path(os.environ.get("HSSO_MERMAID_DIR", "/tmp/mermaid-check"))
MERMAID_JS = """
import { JSDOM } from 'jsdom';
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window; globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });
let src = '';
for await (const chunk of process.stdin) src += chunk;
const out = [];
for (const chart of JSON.parse(src)) {
  try {
    await mermaid.parse(chart);
    const d = await mermaid.mermaidAPI.getDiagramFromText(chart);
    out.push((d.diagram ?? d).db.getTasks().length);
  } catch (e) { out.push(String(e.message)); }
}
console.log(JSON.stringify(out));
"""


def _mermaid_counts(charts: list[str]) -> list[object]:
    node = shutil.which("node")
    if node is None or not (MERMAID_DIR / "node_modules" / "mermaid").is_dir() or \
            not (MERMAID_DIR / "node_modules" / "jsdom").is_dir():
        pytest.skip("node with mermaid and jsdom (HSSO_MERMAID_DIR) is not available")
    r = subprocess.run(check=False, args=[node, "--input-type=module", "-e", MERMAID_JS],
                       cwd=MERMAID_DIR,
                       input=json.dumps(charts), capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _gantt_block(md: str) -> str:
    return md.split("```mermaid\n", 1)[1].split("```", 1)[0]


def _report_md(tmp_path: Path, text: str, name: str) -> str:
    r = cli("report", str(plan_file(tmp_path, text, name)), "-f", "markdown")
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_mermaid_parses_every_task_of_hostile_and_random_keyword_plans(tmp_path: Path) -> None:
    charts, want = [_gantt_block(_report_md(tmp_path, HOSTILE.read_text("utf-8"), "h.toml"))], \
        [len(all_names())]
    only = HOSTILE_NAMES["mermaid"]
    charts.append(_gantt_block(_report_md(tmp_path, plan_text("M", only, workstreams=False),
                                          "m.toml")))
    want.append(len(only))
    for seed in range(8):
        text, n = keyword_plan(seed)
        charts.append(_gantt_block(_report_md(tmp_path, text, f"k{seed}.toml")))
        want.append(n)
    assert _mermaid_counts(charts) == want


# --- Terminal -------------------------------------------------------------------------------

SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("colour", [False, True])
@pytest.mark.parametrize("command", ["schedule", "report"])
def test_terminal_shows_plan_text_as_text(command: str, colour: bool) -> None:
    r = cli(command, str(HOSTILE), "--width", "400", colour=colour)  # names in full
    assert r.returncode == 0, r.stderr
    out = r.stdout
    if colour:
        assert SGR.search(out), "colour was asked for"
        out = SGR.sub("", out)
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
    assert not re.search("[\u202a-\u202e\u2066-\u2069]", out)
    assert "\x1b]8;" not in r.stdout  # no hyperlink
    kept = ["Project [bold]x[/bold] ␛[31m <b>|</b>"]
    if command == "schedule":  # every name is in the schedule table
        kept += ["[/x]", "a[i] and [bold]b[/bold]", ":x: emoji :smile:",
                 "[link=http://evil.example]click[/link]", "␛[2J␛[H0 errors", "\\u202eevil",
                 "\\x9bC1 csi", "␇bell\u2421del␈bs", "␛]8;;http://evil.example␛\\osc8"]
    for text in kept:
        assert text in out, text


def test_terminal_renderers_without_the_cli() -> None:
    """Any console, even one printing markup: the renderers hand rich text, not markup."""
    from rich.console import Console

    from hsso_plan.app import run
    from hsso_plan.render import table

    outcome = run(HOSTILE)
    assert outcome.schedule is not None
    buf = io.StringIO()
    Console(file=buf, width=300, force_terminal=True, color_system="truecolor").print(
        table.render(outcome.schedule))
    out = SGR.sub("", buf.getvalue())
    assert "\x1b" not in out
    assert "[/x]" in out and "a[i]" in out and "␛[2J" in out


def test_diagnostics_show_hostile_ids_and_text_visibly(tmp_path: Path) -> None:
    p = plan_file(tmp_path, plan_text("P", ["a"], workstreams=False) +
                  '\n[task.b]\nname = "x"\nduration = 1\ndepends = ["\\u001b[2J\\u202e[/x]"]\n')
    r = cli("validate", str(p))
    assert r.returncode == 1
    assert "\x1b" not in r.stdout + r.stderr and "\u202e" not in r.stdout + r.stderr
    assert "␛[2J\\u202e[/x]" in r.stdout + r.stderr
    assert visible("\x1b\x9b\u2066\x7f\n") == "␛\\x9b\\u2066\u2421␊"


# --- MS Project XML -------------------------------------------------------------------------

TASK_ORDER = ["UID", "ID", "Name", "Type", "OutlineLevel", "Priority", "Start", "Finish",
              "Duration", "DurationFormat", "Milestone", "Summary", "Critical", "TotalSlack",
              "PercentComplete", "ActualStart", "ActualFinish", "ActualDuration",
              "RemainingDuration", "ConstraintType", "CalendarUID", "ConstraintDate",
              "Deadline", "Notes", "PredecessorLink", "Baseline"]


def test_mspdi_export_is_well_formed_and_in_schema_order() -> None:
    r = cli("export", str(HOSTILE), "-f", "mspdi")
    assert r.returncode == 0, r.stderr
    root = ET.fromstring(r.stdout.encode("utf-8"))
    q = f"{{{NS}}}"
    assert root.findtext(f"{q}CurrencyCode") == "CAD"
    tags = [c.tag.removeprefix(q) for c in root]
    assert tags.index("CurrencyCode") < tags.index("CalendarUID")
    names = [t.findtext(f"{q}Name") for t in root.iter(f"{q}Task")]
    assert "nul\ufffd soh\ufffd vt\ufffd ff\ufffd us\ufffd" in names
    assert "]]> &amp; <x>" in names
    for task in root.iter(f"{q}Task"):
        order = [TASK_ORDER.index(c.tag.removeprefix(q)) for c in task]
        assert order == sorted(order), [c.tag for c in task]
    lxml = pytest.importorskip("lxml.etree")
    lxml.fromstring(r.stdout.encode("utf-8"))  # lxml is strict about XML 1.0 characters


# --- TaskJuggler ----------------------------------------------------------------------------

TJ3 = shutil.which("tj3")


def _tj_expected(name: str) -> str:
    s = re.sub(r"[\x00-\x1f\x7f]", " ", name)
    s = re.sub(r'\\(?=["]|$)', "\u29f5", s)
    return re.sub(r"\$(?=[({])", "\uff04", s)


@pytest.mark.skipif(TJ3 is None, reason="tj3 is not installed")
def test_tj3_reads_hostile_names_as_literal_text(tmp_path: Path) -> None:
    names = HOSTILE_NAMES["tj3"] + HOSTILE_NAMES["markdown"] + HOSTILE_NAMES["terminal"][:4]
    p = plan_file(tmp_path, plan_text("tj $(HOME) \\", names, workstreams=False))
    r = cli("export", str(p), "-f", "tjp")
    assert r.returncode == 0, r.stderr
    work = tmp_path / "tj"
    work.mkdir()
    (work / "plan.tjp").write_text(
        r.stdout + 'taskreport "names" {\n  formats csv\n  columns id, name\n}\n', "utf-8")
    env = {k: v for k, v in os.environ.items() if k != "NOPE_UNSET_VAR"}
    t = subprocess.run(check=False, args=[str(TJ3), "--silent", "--no-color", "plan.tjp"], cwd=work,
                       capture_output=True, text=True, timeout=300, env=env)
    assert t.returncode == 0, t.stdout + t.stderr
    assert sorted(f.name for f in work.iterdir()) == ["names.csv", "plan.tjp", "schedule.csv"]
    with open(work / "names.csv", encoding="utf-8", newline="") as f:
        got = {row["Id"]: row["Name"] for row in csv.DictReader(f, delimiter=";")}
    # tj3's own CSV writer does not double quotes inside a field, so compare without them.
    assert {k: v.replace('"', "") for k, v in got.items()} == \
        {f"t{i}": _tj_expected(n).replace('"', "") for i, n in enumerate(names)}


def test_tjp_refuses_dates_tj3_cannot_read(tmp_path: Path) -> None:
    p = plan_file(tmp_path, plan_text("Late", ["a", "b"], start="2036-01-07",
                                      workstreams=False))
    r = cli("export", str(p), "-f", "tjp")
    assert r.returncode == 1
    assert "2036-01-07" in r.stderr and "1970 to 2035" in r.stderr
    assert r.stdout == ""


@pytest.mark.parametrize("plan", sorted((ROOT / "plans").glob("*.toml")), ids=lambda p: p.stem)
def test_mspdi_export_of_bundled_plans_in_schema_order(plan: Path) -> None:
    r = cli("export", str(plan), "-f", "mspdi")
    assert r.returncode == 0, r.stderr
    root = ET.fromstring(r.stdout.encode("utf-8"))
    q = f"{{{NS}}}"
    assert root.findtext(f"{q}CurrencyCode") == "CAD"
    for task in root.iter(f"{q}Task"):
        order = [TASK_ORDER.index(c.tag.removeprefix(q)) for c in task]
        assert order == sorted(order), [c.tag for c in task]


# --- Every free-text field, every command and format -----------------------------------------

# Each run: (key, CLI arguments after the plan; "{o}" is the output folder). Text outputs are
# read from stdout (and stderr); the others from the file written with -o.
FIELD_RUNS: list[tuple[str, list[str]]] = [
    ("validate-text", ["validate", "{p}"]),
    ("validate-github", ["validate", "{p}", "-f", "github"]),
    ("validate-json", ["validate", "{p}", "-f", "json"]),
    ("schedule-table", ["schedule", "{p}", "--width", "400"]),
    ("schedule-json", ["schedule", "{p}", "-f", "json", "-o", "{o}/schedule-json"]),
    ("schedule-csv", ["schedule", "{p}", "-f", "csv", "-o", "{o}/schedule-csv"]),
    ("schedule-xlsx", ["schedule", "{p}", "-f", "xlsx", "-o", "{o}/schedule-xlsx"]),
    ("report-terminal", ["report", "{p}", "--width", "400", "--detail", "-n", "200"]),
    ("report-terminal-fr", ["report", "{p}", "--width", "400", "--detail", "--lang", "fr",
                            "-n", "200"]),
    ("report-baseline", ["report", "{p}", "--width", "400", "--baseline",
                         "{o}/schedule-json", "-n", "200"]),
    ("report-html", ["report", "{p}", "-f", "html", "-n", "200", "-o", "{o}/report-html"]),
    ("report-html-fr", ["report", "{p}", "-f", "html", "--lang", "fr", "-n", "200", "-o",
                        "{o}/report-html-fr"]),
    ("report-html-baseline", ["report", "{p}", "-f", "html", "--baseline",
                              "{o}/schedule-json", "-n", "200", "-o",
                              "{o}/report-html-baseline"]),
    ("report-markdown", ["report", "{p}", "-f", "markdown", "-n", "200", "-o",
                         "{o}/report-markdown"]),
    ("report-markdown-fr", ["report", "{p}", "-f", "markdown", "--lang", "fr", "-n", "200",
                            "-o", "{o}/report-markdown-fr"]),
    ("report-json", ["report", "{p}", "-f", "json", "-n", "200", "-o", "{o}/report-json"]),
    ("report-xlsx", ["report", "{p}", "-f", "xlsx", "-n", "200", "-o", "{o}/report-xlsx"]),
    ("export-mspdi", ["export", "{p}", "-f", "mspdi", "-o", "{o}/export-mspdi"]),
    ("export-tjp", ["export", "{p}", "-f", "tjp", "-o", "{o}/export-tjp"]),
    ("export-ics", ["export", "{p}", "-f", "ics", "-o", "{o}/export-ics"]),
    ("risk-terminal", ["risk", "{p}", "-n", "200", "--width", "400"]),
    ("risk-json", ["risk", "{p}", "-n", "200", "-f", "json", "-o", "{o}/risk-json"]),
    ("risk-html", ["risk", "{p}", "-n", "200", "-f", "html", "-o", "{o}/risk-html"]),
    ("risk-markdown", ["risk", "{p}", "-n", "200", "-f", "markdown", "-o",
                       "{o}/risk-markdown"]),
    ("diff-text", ["diff", "{t}", "{p}", "--width", "400"]),
    ("diff-json", ["diff", "{t}", "{p}", "-f", "json"]),
    ("diff-markdown", ["diff", "{t}", "{p}", "-f", "markdown"]),
    ("why-text", ["why", "{p}", "west-signoff", "--width", "400"]),
    ("why-json", ["why", "{p}", "west-signoff", "-f", "json"]),
]
#: What a terminal (or `cat` of a text file) must never receive from plan text: C0 controls
#: but LF, DEL, C1 controls, bidi controls and marks, line/paragraph separators.
TERMINAL_BAD = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                          "\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def field_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """Every run of `FIELD_RUNS` on the every-field plan ("hostile") and on its plain-words
    twin ("benign"): key -> the output's bytes (stdout, or the -o file), and key + ".err"."""
    from .hostile_support import every_field_plan

    got: dict[str, dict[str, bytes]] = {}
    for kind in ("hostile", "benign"):
        base = tmp_path_factory.mktemp(kind)
        plan = every_field_plan(base, benign=kind == "benign")
        out = base / "out"
        out.mkdir()
        got[kind] = {}
        for key, args in FIELD_RUNS:
            argv = [a.format(p=plan, o=out, t=ROOT / "plans" / "tutorial.toml") for a in args]
            r = subprocess.run(check=False, args=[sys.executable, "-m", "hsso_plan", *argv],
                               capture_output=True, env=ENV, timeout=300)
            assert r.returncode == 0, (kind, key, r.stderr.decode("utf-8", "replace"))
            target = out / key
            got[kind][key] = target.read_bytes() if "-o" in args else r.stdout
            got[kind][key + ".err"] = r.stderr
    return got


def _json_strings(v: object) -> list[str]:
    """Every string in decoded JSON."""
    if isinstance(v, str):
        return [v]
    items = v.values() if isinstance(v, dict) else v if isinstance(v, list) else []
    return [s for x in items for s in _json_strings(x)]


def test_every_field_plan_is_valid_and_holds_every_payload(tmp_path: Path) -> None:
    from .hostile_support import FIELD_PAYLOADS, every_field_plan

    plan = every_field_plan(tmp_path)
    # The corpus copy (tests/hostile/every-field/, to try by hand) is the generated plan.
    for rel in ("tutorial.toml", "tutorial/sites.toml"):
        assert (HOSTILE.parent / "every-field" / rel).read_bytes() == (tmp_path / rel).read_bytes()
    r = cli("schedule", str(plan), "-f", "json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    fields = {k for t in data["tasks"] for k in ("owner", "task_note") if t.get(k)}
    assert fields == {"owner", "task_note"}
    strings = _json_strings(data)
    for payload in FIELD_PAYLOADS:  # each payload reaches the schedule in some field
        assert any(payload in s for s in strings), payload


@pytest.mark.parametrize("key", [k for k, a in FIELD_RUNS])
def test_every_field_text_output_has_no_control_characters(
        field_outputs: dict[str, dict[str, bytes]], key: str) -> None:
    """stderr of every run, and every text output but HTML (where tab and CR are spaces: its
    own test) and the formats that are files for another program (CSV, XLSX, XML,
    TaskJuggler, iCalendar: their own tests). JSON holds the text unchanged, as escapes."""
    out = field_outputs["hostile"]
    texts = [out[key + ".err"].decode("utf-8")]
    if "html" not in key and not key.endswith(("csv", "xlsx", "mspdi", "tjp", "ics")):
        texts.append(out[key].decode("utf-8"))
    if key.endswith("json") and key not in ("validate-json", "diff-json"):  # (no plan text)
        from .hostile_support import CONTROL_TAIL

        assert any(CONTROL_TAIL in x for x in _json_strings(json.loads(texts[1])))
    for text in texts:
        m = TERMINAL_BAD.search(text)
        assert m is None, (key, text[max(0, m.start() - 60):m.start() + 20])
        assert "Traceback" not in text


def _html_shape(data: bytes) -> collections.Counter[str]:
    lxml_html = pytest.importorskip("lxml.html")
    shape: collections.Counter[str] = collections.Counter()
    for el in lxml_html.document_fromstring(data).iter():
        if isinstance(el.tag, str):
            shape[el.tag] += 1
            shape.update(f"{el.tag}@{a}" for a in el.attrib)
    return shape


@pytest.mark.parametrize("key", ["report-html", "report-html-fr", "report-html-baseline",
                                 "risk-html"])
def test_every_field_html_has_no_element_or_attribute_from_plan_text(
        field_outputs: dict[str, dict[str, bytes]], key: str) -> None:
    hostile = field_outputs["hostile"][key]
    # The same elements and attributes as the plain-words plan: none came from plan text.
    assert _html_shape(hostile) == _html_shape(field_outputs["benign"][key])
    text = hostile.decode("utf-8")
    # Tab, LF and CR are white space in HTML; nothing else may hide, move or reorder text.
    assert TERMINAL_BAD.search(text.replace("\t", " ").replace("\r", " ")) is None
    assert "&lt;img src=x onerror=alert(1)&gt;" in text  # shown, as text


def _md_tokens(data: bytes) -> collections.Counter[str]:
    from markdown_it import MarkdownIt

    tokens: collections.Counter[str] = collections.Counter()

    def walk(ts: list) -> None:  # type: ignore[type-arg]
        for tok in ts:
            tokens[tok.type] += 1
            walk(tok.children or [])

    walk(MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(data.decode()))
    return tokens


@pytest.mark.parametrize("key", ["report-markdown", "report-markdown-fr", "risk-markdown",
                                 "diff-markdown"])
def test_every_field_markdown_is_shaped_as_with_plain_words(
        field_outputs: dict[str, dict[str, bytes]], key: str) -> None:
    tokens = _md_tokens(field_outputs["hostile"][key])
    assert tokens == _md_tokens(field_outputs["benign"][key])
    assert not {"link_open", "image", "html_inline", "html_block", "s_open"} & set(tokens)


def test_every_field_mermaid_has_every_task(
        field_outputs: dict[str, dict[str, bytes]]) -> None:
    charts = [_gantt_block(field_outputs[kind][key].decode()) for kind in ("hostile", "benign")
              for key in ("report-markdown", "report-markdown-fr")]
    counts = _mermaid_counts(charts)
    assert counts[0] == counts[1] == counts[2] == counts[3], counts
    assert isinstance(counts[0], int) and counts[0] > 0


@pytest.mark.parametrize("key", ["schedule-xlsx", "report-xlsx"])
def test_every_field_xlsx_has_no_formula(field_outputs: dict[str, dict[str, bytes]],
                                          key: str) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(io.BytesIO(field_outputs["hostile"][key]))
    seen = 0
    for ws in wb:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)
                if isinstance(c.value, str) and c.value.startswith(FORMULA[:5]):
                    # A string cell with Excel's quote prefix: text, even once edited.
                    assert c.data_type == "s" and c.quotePrefix, (ws.title, c.coordinate)
                    seen += 1
    assert seen > 10


def test_every_field_csv_has_no_formula_at_any_line_start(
        field_outputs: dict[str, dict[str, bytes]]) -> None:
    text = field_outputs["hostile"]["schedule-csv"].decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert _records(text) == rows  # a spreadsheet reads the same rows as Python's csv
    for row in rows[1:]:
        for cell in row:
            for line in re.split(r"\r\n|\r|\n", cell):
                assert not line.startswith(FORMULA[:5]), (cell, line)


def test_every_field_xml_and_ics_are_shaped_as_with_plain_words(
        field_outputs: dict[str, dict[str, bytes]]) -> None:
    etree = pytest.importorskip("lxml.etree")
    icalendar = pytest.importorskip("icalendar")

    def xml(kind: str) -> list[str]:
        return [e.tag for e in etree.fromstring(field_outputs[kind]["export-mspdi"]).iter()]

    def ics(kind: str) -> list[tuple[str, tuple[str, ...]]]:
        cal = icalendar.Calendar.from_ical(field_outputs[kind]["export-ics"])
        return [(c.name, tuple(sorted(c.keys()))) for c in cal.walk()]

    assert xml("hostile") == xml("benign")
    assert ics("hostile") == ics("benign")


@pytest.mark.skipif(TJ3 is None, reason="tj3 is not installed")
def test_every_field_tjp_is_read_by_tj3(field_outputs: dict[str, dict[str, bytes]],
                                        tmp_path: Path) -> None:
    (tmp_path / "plan.tjp").write_bytes(field_outputs["hostile"]["export-tjp"])
    t = subprocess.run(check=False, args=[str(TJ3), "--silent", "--no-color", "plan.tjp"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert t.returncode == 0, t.stdout + t.stderr
    assert sorted(f.name for f in tmp_path.iterdir()) == ["plan.tjp", "schedule.csv"]


def test_github_annotations_show_file_names_and_plan_text_visibly(tmp_path: Path) -> None:
    """The Actions log viewer renders escape sequences: a hostile file name or id in an
    annotation is shown as `visible` shows it, as the text format does."""
    p = plan_file(tmp_path, plan_text("P", ["a"], workstreams=False) +
                  '\n[task.b]\nname = "x"\nduration = 1\ndepends = ["\\u001bX\\u202e[/x]"]\n',
                  name="bad\x1bX\u202e.toml")
    r = cli("validate", str(p), "-f", "github")
    assert r.returncode == 1
    assert "\x1b" not in r.stdout + r.stderr and "\u202e" not in r.stdout + r.stderr
    assert "file=" + str(tmp_path) + "/bad␛X\\u202e.toml" in r.stdout.replace("%3A", ":")
    assert "␛X\\u202e[/x]" in r.stdout


@pytest.mark.parametrize("args", [
    ["why", "{p}", "nope\x07\u202e\x1bX"],
    ["explain", "E\x07\u202e\x1bX"],
    ["schedule", "{p}", "--columns", "id,nope\x07\u202e\x1bX"],
    ["report", "{p}", "--section", "nope\x07\u202e\x1bX"],
])
def test_usage_errors_echo_arguments_visibly(tmp_path: Path, args: list[str]) -> None:
    p = plan_file(tmp_path, plan_text("P", ["a", "b"], workstreams=False))
    r = cli(*[a.format(p=p) for a in args])
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    assert not re.search("[\x07\x1b\u202e]", r.stdout + r.stderr), r.stderr
    assert "nope␇\\u202e␛X" in r.stderr.replace("\n", "") or "E␇\\u202e␛X" in r.stderr


@pytest.mark.slow
def test_every_field_pdf_prints_plan_text_as_text(tmp_path: Path) -> None:
    """The PDF is the HTML report printed by Chromium: markup in plan text is printed as the
    characters it is made of (it never became an element). Folded appendices do not print,
    so the payloads checked are those of sections that do."""
    from hsso_plan.render.pdf import engine

    from .hostile_support import every_field_plan

    if engine() is None or shutil.which("pdftotext") is None:
        pytest.skip("chromium or pdftotext is not installed")
    out = tmp_path / "r.pdf"
    r = cli("report", str(every_field_plan(tmp_path)), "-f", "pdf", "-n", "200", "-o", str(out))
    assert r.returncode == 0, r.stderr
    text = subprocess.run(["pdftotext", str(out), "-"], check=True, capture_output=True,
                          text=True, timeout=120).stdout
    assert "Call centre <img src=x onerror=alert(1)>" in text
    assert "\"><svg onload=alert(1)> ' onmouseover='alert(1)'" in text
