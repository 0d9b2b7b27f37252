"""Text helpers shared by several renderers: one home, so no renderer imports another.

- `span_text`, `consumers_text`, `days_text`, `driver_text`: dates, consumer lists, changes
  in working days and what drives a task's start as report wording;
- `spark`: a weekly load as a sparkline;
- `plain_text`: any rich renderable as plain text (for files and golden tests);
- `safe_cell`: a spreadsheet cell that cannot be read as a formula (at the start of any line);
- `visible`: plan text for a terminal, control characters made visible (its home is
  `hsso_plan.textsafe`, below every stage; re-exported here for the renderers);
- `term_console`: the one rich console setup (plan text is never markup or emoji);
- `output_width`: the one width rule of every terminal-ish output; `print_fitted` and
  `fit_text`: the one place text output is produced (no trailing spaces, lines that fit);
- `path_text`, `issue_text`, `look_text`: the report's driving paths, top issues and
  look-ahead lines as wording (a probability: `i18n.percent`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

# the one control-character rule lives in textsafe; re-exported: renderers import it here
from ..memo import Memo
from ..textsafe import visible as visible  # noqa: PLC0414
from .i18n import date, t
from .labels import DRIVER_KINDS, KINDS, LABELS

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.segment import Segment

    from ..schedule import ScheduledTask
    from .report_model import IssueRow, LookRow

SPARK = " ▁▂▃▄▅▆▇█"
#: The width of text written to a file, a pipe or CI (anything but a terminal).
DEFAULT_WIDTH = 100
#: The range of ``--width`` (and of a terminal's width as used).
MIN_WIDTH, MAX_WIDTH = 40, 1000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_FORMULA_CHAR = r"[=+\-@\t]"  # (CR and LF start a line rather than a formula)
_LINE_START = re.compile(r"(\r\n|\r|\n)(?=" + _FORMULA_CHAR + ")")
#: A line that starts as a formula: in cells joined by LF, a cell that `safe_cell` changes
#: (when no cell holds CR or LF).
FORMULA_LINE = re.compile("^" + _FORMULA_CHAR, re.MULTILINE)


def driver_text(t: ScheduledTask, lang: str = "en") -> str:
    """"FS+2 design" (the driving link: type, lag, task) or what else sets the start."""
    d = t.driver
    if d.task is not None:
        lag = f"{d.lag:+d}" if d.lag else ""
        return f"{d.type}{lag} {d.task}"
    return DRIVER_KINDS.get(d.kind, {}).get(lang, d.kind)


def days_text(n: int) -> str:
    """A change in working days as wording: "+3 working days", "-1 working day", "no change"."""
    return f"{n:+d} working day{'s' if abs(n) != 1 else ''}" if n else "no change"


# What JSON (``ensure_ascii=False``) would write raw although a terminal showing the file can
# act on it: DEL, C1 controls, bidi controls and marks, line/paragraph separators (also line
# ends to JavaScript), noncharacters. C0 controls json escapes itself.
_JSON_RAW = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                       "\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]")


def json_text(doc: str) -> str:
    """JSON text as ``json.dumps(..., ensure_ascii=False)`` writes it, with every code point
    `_JSON_RAW` lists written as a four-hex-digit ``\\u`` escape: the same data for any JSON
    reader, and nothing in it that can move, hide or reorder text where the file is shown.
    (Outside strings JSON holds only ASCII, so the escapes always fall inside a string.)

    >>> json_text('{"n": "a\u202eb"}')
    '{"n": "a\\\\u202eb"}'
    """
    if doc.isascii() and "\x7f" not in doc:  # the common case, at C speed (a 100k plan)
        return doc
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", doc)


def term_console(**kwargs: Any) -> Console:
    """The console every terminal output is printed on: no markup, no emoji codes, no
    highlighting read into plain strings, whatever text a renderer hands it."""
    from rich.console import Console

    return Console(markup=False, emoji=False, highlight=False, **kwargs)


def output_width(requested: int | None, terminal: bool) -> int:
    """The width of every terminal-ish output (schedule table, terminal report, risk, diff,
    why, variance), one rule for every way of calling:

    ``--width`` (``requested``) when given; else, when stdout is a terminal, the terminal's
    width (the ``COLUMNS`` environment variable first, as the shell sets it, then the
    terminal's own size), kept within 40..1000; else (a file, a pipe, ``-o``, CI)
    `DEFAULT_WIDTH`, so a file is the same whoever writes it.

    >>> output_width(72, terminal=True), output_width(None, terminal=False)
    (72, 100)
    """
    if requested is not None:
        return requested
    if not terminal:
        return DEFAULT_WIDTH
    import shutil

    columns = shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns
    return min(MAX_WIDTH, max(MIN_WIDTH, columns or DEFAULT_WIDTH))


def _fitted_lines(console: Console, renderable: RenderableType) -> list[Segment]:
    """The renderable's lines as segments, each line's trailing spaces removed (rich pads
    cells and text to the width); a space with a background colour is kept."""
    from rich.segment import Segment

    out: list[Segment] = []
    for line in console.render_lines(renderable, pad=False, new_lines=False):
        segs = list(line)
        while segs and not segs[-1].control and not (segs[-1].style and segs[-1].style.bgcolor):
            last = segs[-1]
            text = last.text.rstrip(" ")
            if text:
                segs[-1] = Segment(text, last.style)
                break
            segs.pop()
        out += [*segs, Segment.line()]
    return out


def print_fitted(console: Console, renderable: RenderableType) -> None:
    """Print a renderable as every text output is printed: at the console's width, with
    no line ending in a space."""
    from rich.segment import Segments

    console.print(Segments(_fitted_lines(console, renderable)), end="")


def fit_text(text: str, width: int) -> str:
    """Plain lines (diff, why, variance) at ``width`` terminal cells: a longer line is
    wrapped at spaces, its continuation indented four columns past the line's own indent;
    no line ends in a space. A word wider than the room is cut (it continues below, so
    nothing is lost).

    >>> print(fit_text("  one two three four", 12))
      one two
          three
          four
    """
    from rich.cells import cell_len

    out: list[str] = []
    for raw in text.split("\n"):
        line = raw.rstrip(" ")
        if cell_len(line) <= width:
            out.append(line)
            continue
        lead = len(line) - len(line.lstrip(" "))
        out += _wrap(line[lead:], width, " " * lead, " " * min(lead + 4, width // 2))
    return "\n".join(out)


def _wrap(words_text: str, width: int, first: str, rest: str) -> list[str]:
    """Greedy word wrap by terminal cells (wide characters count two); the spaces between
    two words on one line are kept as they were (columns stay aligned)."""
    from rich.cells import cell_len, chop_cells

    lines: list[str] = []
    cur = first
    for space, word in re.findall(r"( *)(\S+)", words_text):
        gap = "" if cur.strip() == "" else space
        if cell_len(cur + gap + word) <= width:
            cur += gap + word
            continue
        if cur.strip():
            lines.append(cur)
            cur = rest
        room = max(1, width - cell_len(cur))
        pieces = chop_cells(word, room) if cell_len(word) > room else [word]
        for piece in pieces[:-1]:
            lines.append(cur + piece)
            cur = rest
        cur += pieces[-1]
    if cur.strip():
        lines.append(cur)
    return lines


def span_text(pair: tuple[dt.date | None, dt.date | None], lang: str, open_key: str) -> str:
    """One date, "open" (``open_key``) for none, or a range marked staggered."""
    a, b = pair
    if a is None and b is None:
        return t(open_key, lang)
    if a == b:
        return date(a, lang)
    return (f"{date(a, lang) or t(open_key, lang)} – {date(b, lang) or t(open_key, lang)} "
            f"({t('staggered', lang)})")


def consumers_text(names: list[str], lang: str, kind: str | None = None) -> str:
    """"A, B" for one or two names; "14 CCACs" (or "14 (A, …)") for more."""
    if len(names) <= 2:
        return ", ".join(names)
    if kind is not None:
        return f"{len(names)} {KINDS.get(kind, KINDS['other'])[lang]}"
    return f"{len(names)} ({names[0]}, …)"


def spark(weeks: list[tuple[dt.date, int]], capacity: int) -> str:
    """One block character per week, its height the week's peak use against capacity."""
    return "".join(SPARK[min(8, round(8 * u / max(capacity, 1)))] for _, u in weeks)


def plain_text(renderable: RenderableType, width: int) -> str:
    """Any rich renderable as plain text (no colour), for a file or a golden test: ``width``
    wide at most, no line ending in a space."""
    import io

    buf = io.StringIO()
    c = term_console(width=width, file=buf, color_system=None, force_terminal=False)
    print_fitted(c, renderable)
    return buf.getvalue()


class IsoDates(Memo[dt.date, str]):
    """date -> ISO text, computed once per distinct date (a plan's tasks share few dates):
    the JSON and CSV writers of 100,000 tasks."""

    def __init__(self) -> None:
        super().__init__(dt.date.isoformat)


def safe_cell(value: str) -> str:
    """Prefix a text cell that a spreadsheet would read as a formula with a quote, and every
    line of it (after CR, LF or CRLF) that would start one likewise.

    >>> safe_cell("=HYPERLINK(1)")
    "'=HYPERLINK(1)"
    >>> safe_cell("E-mail integration")
    'E-mail integration'
    >>> safe_cell("ok\\r=1+1")
    "ok\\r'=1+1"
    """
    if "\n" in value or "\r" in value:  # (the pattern needs one; most cells have none)
        value = _LINE_START.sub(r"\1'", value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def path_text(names: list[str], lang: str, root: str = "dependency", keep: int = 4) -> str:
    """A driving path as "A → B → … → Z (21 tasks, from a fixed date)": its first and last
    names, elided; ``root`` is the driver kind of its first task."""
    if not names:
        return ""
    shown = names if len(names) <= keep else [*names[: keep // 2], "…",
                                              *names[len(names) - (keep - keep // 2):]]
    n = t("one_task", lang) if len(names) == 1 else t("n_tasks", lang, n=len(names))
    why = t(f"root_{root}", lang) if f"root_{root}" in LABELS else ""
    return f"{' → '.join(shown)} ({n}{', ' + why if why else ''})"


def transfers_text(items: list[tuple[dt.date, str]], lang: str) -> str:
    """The next transfers, one entry per date: "May 3, 2017 North Simcoe Muskoka" or
    "Mar 1, 2017: 3 (LHIN Collaborative, …)"."""
    by: dict[dt.date, list[str]] = {}
    for d, site in items:
        by.setdefault(d, []).append(site)
    return ", ".join(f"{date(d, lang)} {sites[0]}" if len(sites) == 1
                     else f"{date(d, lang)}: {len(sites)} ({sites[0]}, …)"
                     for d, sites in by.items())


def deadline_counts(counts: dict[str, int], lang: str) -> str:
    """"1 met, 1 at risk": the deadline statuses that occur, in a fixed order."""
    return ", ".join(t(f"dl_count_{k}", lang, n=counts[k], s="s" if counts[k] > 1 else "")
                     for k in ("missed", "at risk", "on track", "met") if counts.get(k))


def issue_text(i: IssueRow, lang: str) -> str:
    """One top issue as a sentence of the report's language."""
    return t(f"issue_{i.kind}", lang, name=i.name, date=date(i.date, lang), detail=i.detail)


def look_text(x: LookRow, lang: str) -> str:
    """What a look-ahead line says happens: "late", "starts", "finishes"."""
    return t(f"look_{x.kind}", lang)


def rag_label(rag: str, lang: str) -> str:
    """A transfer's RAG as a report shows it (`report_model.rag_shown`: ``"done"`` or
    red/amber/green)."""
    return t("rag_done" if rag == "done" else rag, lang)
