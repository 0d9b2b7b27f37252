"""Tests of the HTML Gantt (render/html_gantt.py): it fits, folds, draws the status date,
the baseline and the work done, and prints (headless Chromium, checked with poppler)."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from hsso_plan.app import run
from hsso_plan.cli import app
from hsso_plan.render import html_gantt, html_report
from hsso_plan.render.html_charts import esc
from hsso_plan.render.registry import RenderContext, RenderOptions
from hsso_plan.render.report_model import Report
from hsso_plan.scheduling import Options

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "plans" / "hsso-2017.toml"
STATUS = ROOT / "plans" / "hsso-2017-status.toml"
BASELINE = ROOT / "plans" / "hsso-2017" / "baseline-2017-01.json"
TUTORIAL = ROOT / "plans" / "tutorial.toml"
runner = CliRunner()


def _report(plan: Path, baseline: Path | None = None, **kw: object) -> Report:
    from hsso_plan import baseline as bl

    opts = Options(baseline=bl.load(baseline)) if baseline else Options()
    out = run(plan, options=opts)
    return RenderContext.of(out, RenderOptions(**kw)).report  # type: ignore[arg-type]


def _gantt(r: Report) -> str:
    html = html_report.render(r)
    start = html.index('<section id="gantt"')
    return html[start:html.index("</section>", start)]


@pytest.mark.parametrize(("days", "fine", "coarse"), [
    (7, "day", "month"), (30, "day", "month"), (60, "week", "month"), (339, "month", "year"),
    (3 * 365, "quarter", "year"), (12 * 365, "year", "year"),
])
def test_axis_unit_follows_the_pixel_span(days: int, fine: str, coarse: str) -> None:
    """Tests that a one-week plan gets days, the 2017 plan months, long plans quarters or
    years, at the width of a landscape page's timeline."""
    assert html_gantt.unit_for(days, html_gantt.FIT_PX) == (fine, coarse)


@given(st.dates(dt.date(1990, 1, 1), dt.date(2090, 1, 1)), st.integers(1, 8000),
       st.sampled_from([html_gantt.FIT_PX, 900, 5000]), st.sampled_from(["en", "fr"]))
def test_axis_labels_never_overlap(lo: dt.date, days: int, px: int, lang: str) -> None:
    """Tests on any span and width that each row of axis labels has room for every label
    shown (the next label starts after it ends) and none runs past the end and its margin."""
    end = lo + dt.timedelta(days=days)
    fine, coarse = html_gantt.ticks(lo, end, px, lang)
    assert fine, "the fine row has ticks"
    for row in (fine, coarse):
        shown = [x for x in row if x.label]
        for a, b in itertools.pairwise(shown):
            assert a.pos * px / 100 + html_gantt.label_px(a.label) <= b.pos * px / 100 + 0.5
        for x in shown:
            assert x.pos >= 0
            assert x.pos * px / 100 + html_gantt.label_px(x.label) <= px + html_gantt.MARGIN + 0.5
    # Every tick but the last of the fine row carries a label (the unit is not needlessly
    # fine), unless even years are too close (decades of plan on a page).
    if html_gantt.unit_for(days, px, lang)[0] != "year":
        assert all(x.label for x in fine[:-1])


def _positions(html: str) -> list[tuple[float, float]]:
    return [(float(a), float(b or 0)) for a, b in
            re.findall(r'style="left:(-?[\d.]+)%(?:;width:([\d.]+)%)?"', html)]


def test_real_plan_fits_through_the_finish_with_full_names() -> None:
    """Tests the 2017 plan: every bar and diamond lies inside the timeline (0-100 %, so the
    finish milestone shows at any width), the finish milestone is the rightmost mark, and
    every name is there in full (no ellipsis), in the label and its tooltip, which names
    the predecessors."""
    r = _report(REAL)
    g = _gantt(r)
    pos = _positions(g)
    assert len(pos) >= len(r.gantt_full)
    assert all(a >= 0 and a + w <= 100.001 for a, w in pos)
    finish = max(r.gantt_full, key=lambda x: x.finish)
    assert finish.kind == "milestone"
    row = g[g.index(f'title="{finish.name}"'):]
    assert re.search(r'class="ms[^"]*" style="left:(100\.000|99\.[\d]+)%', row)
    assert "…" not in g
    names = {x.id: x.name for x in r.gantt_full}
    for x in r.gantt_full:
        assert f'title="{esc(x.name)}"' in g, x.name
        if x.depends:  # no arrows: the tooltip names the predecessors
            deps = ", ".join(names[d] for d in x.depends)
            assert esc(f"depends on {deps}") in g, x.name


def test_workstreams_fold_without_script() -> None:
    """Tests folding: one checkbox and one :has() rule per workstream, each task row
    carries its workstream's class, milestones stay shown; a 228-row chart opens folded,
    the 14-row tutorial (and --detail) unfolded; there is no script."""
    r = _report(REAL)
    g = _gantt(r)
    n_ws = sum(x.kind == "workstream" for x in r.gantt_full)
    assert g.count('class="fold"') == n_ws
    rules = re.findall(r"#gws(\d+):not\(:checked\)\) \.in(\d+):not\(\.g-ms\)", g)
    assert len(rules) == n_ws and all(a == b for a, b in rules)
    tasks = re.findall(r'<tr class="([^"]*g-task[^"]*)"', g)
    assert len(tasks) == sum(x.kind == "task" for x in r.gantt_full)
    assert all(re.search(r"\bin\d+\b", c) for c in tasks)
    assert '<input type="checkbox" id="g-all">' in g
    assert "<script" not in g
    assert '<input type="checkbox" id="g-all" checked>' in _gantt(_report(TUTORIAL))
    assert '<input type="checkbox" id="g-all" checked>' in _gantt(_report(REAL, detail=True))


def test_status_date_line_only_with_a_status_date() -> None:
    """Tests the status line: drawn (a flag in the header, a 2 px line in each lane) with
    the plan's status date or --as-of, and not at all for a plan as planned."""
    g = _gantt(_report(STATUS))
    assert "Status date: Apr 21, 2017" in g and "var(--status)" in g
    plain = _gantt(_report(REAL))
    assert "sflag" not in plain and "var(--status)" not in plain
    as_of = _gantt(_report(REAL, as_of=dt.date(2017, 5, 1)))
    assert "Status date: May 1, 2017" in as_of
    assert "Date d&#x27;état\u00a0: 21 avr. 2017" in _gantt(_report(STATUS, lang="fr"))


def test_baseline_bars_and_work_done() -> None:
    """Tests the tracking Gantt: with a baseline a thin bar under each row the baseline
    knows, none without one; the shaded share of each bar is its work done."""
    r = _report(STATUS, BASELINE)
    g = _gantt(r)
    with_base = [x for x in r.gantt_full if x.baseline is not None]
    assert len(with_base) > 200
    assert g.count('class="bl"') + g.count('class="blm"') == len(with_base)
    assert 'class="gbox tracking"' in g
    assert 'class="bl"' not in _gantt(_report(STATUS))
    done = [x for x in r.gantt_full if x.kind == "task" and x.done_pct == 100]
    part = [x for x in r.gantt_full if x.kind == "task" and 0 < (x.done_pct or 0) < 100]
    assert done and part
    for x in part:
        assert f"{x.done_pct}% done" in g
    assert g.count('<span class="pct"') == sum(1 for x in r.gantt_full
                                               if x.done_pct and x.kind != "milestone")


def test_workstream_progress_is_weighted_by_duration() -> None:
    """Tests that a workstream's share done is its tasks' weighted by duration."""
    from hsso_plan.render.report_model import done_pct

    out = run(STATUS)
    assert out.schedule is not None and out.index is not None
    r = _report(STATUS)
    tasks = {t.id: t for t in out.schedule.tasks}
    for ws in (x for x in r.gantt_full if x.kind == "workstream"):
        ts = [tasks[m] for m in out.index.members[ws.id] if m in tasks]
        work = sum(t.duration for t in ts)
        assert ws.done_pct == round(sum(t.duration * done_pct(t) for t in ts) / work)


def _summary(r: Report) -> str:
    html = html_report.render(r)
    start = html.index('<section id="summary"')
    return html[start:html.index("</section>", start)]


def test_executive_page_has_transfers_and_a_compact_gantt() -> None:
    """Tests the executive page (the summary section) of the 2017 plan as run: one line
    per transfer (date, site, done/total, RAG, P(ready)) without the "Driven by" detail,
    which stays in the readiness section; a Gantt of the 19 top rows (18 workstreams with
    their milestones, the loose milestone), with the status date, no controls, no folding,
    every mark inside its timeline; the full chart is still in the Timeline section."""
    r = _report(STATUS)
    s = _summary(r)
    brief = s[s.index('<table class="brief">'):]
    brief = brief[:brief.index("</table>")]
    assert brief.count("<tr>") == len(r.readiness) + 1
    for x in r.readiness:
        assert f"<td>{esc(x.site)}</td>" in brief
        assert f"{x.done}/{x.done + x.remaining}" in brief
    assert "Driven by" not in brief and "Done/total" in brief and "P(ready)" in brief
    assert "Driven by" in html_report.render(r).split('<section id="readiness"')[1]
    rows, left = html_gantt.compact_rows(r)
    assert left == 0
    assert [x.kind for x in rows].count("workstream") == 18 and len(rows) == 19
    g = s[s.index('<div class="gbox compact'):]
    assert g.count('<tr class="g-') == len(rows)
    for row in rows:
        assert f'title="{esc(row.name)}"' in g
    assert "Status date: Apr 21, 2017" in g and "var(--status)" in g
    assert 'type="checkbox"' not in g and 'type="radio"' not in g
    pos = _positions(g)
    assert len(pos) >= len(rows) and all(a >= 0 and a + w <= 100.001 for a, w in pos)
    assert 'class="fold"' in _gantt(r)


def test_compact_gantt_keeps_milestones_first_when_capped(
        plan_file: Callable[[str], Path]) -> None:
    """Tests a plan of loose tasks: the compact Gantt shows at most COMPACT_ROWS rows, the
    milestones among them whatever their place in the plan."""
    tasks = "".join(f'[task.t{i}]\nname = "Task {i}"\nduration = 1\n\n' for i in range(40))
    p = plan_file('[project]\nname = "x"\nstart = 2017-01-02\n\n' + tasks
                  + '[task.m]\nname = "Go live"\nduration = 0\ndepends = ["t39"]\n')
    r = _report(p)
    rows, left = html_gantt.compact_rows(r)
    assert len(rows) == html_gantt.COMPACT_ROWS and left == 41 - html_gantt.COMPACT_ROWS
    assert rows[0].name == "Go live" and rows[0].kind == "milestone"
    assert "Go live" in _summary(r) and f"and {left} more" in _summary(r)


def test_gantt_escapes_plan_text(plan_file: Callable[[str], Path]) -> None:
    """Tests that a name is escaped in the label, the tooltip and the screen-reader text."""
    p = plan_file("""
    [project]
    name = "x"
    start = 2017-01-02

    [task.x]
    name = "<img src=x onerror=alert(1)> \\" ' &"
    duration = 2
    """)
    r = _report(p)
    for g in (_gantt(r), _summary(r)):  # the full chart and the executive page's
        assert "<img" not in g and "&lt;img src=x onerror=alert(1)&gt; &quot; &#x27; &amp;" in g


def _chromium() -> str | None:
    from hsso_plan.render.pdf import engine

    return engine()


def test_pdf_without_chromium_is_a_usage_error(tmp_path: Path) -> None:
    """Tests that --format pdf without its engine exits 2 and says what to install."""
    r = runner.invoke(app, ["report", str(TUTORIAL), "-f", "pdf", "-o",
                            str(tmp_path / "r.pdf")], env={"HSSO_CHROMIUM": "no-such-chromium"})
    assert r.exit_code == 2 and "needs Chromium" in r.stderr
    assert not (tmp_path / "r.pdf").exists() and "Traceback" not in r.output


def _pages(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    found = re.search(r"Pages:\s+(\d+)", info)
    assert found is not None, info
    n = int(found[1])
    return [subprocess.run(["pdftotext", "-layout", "-f", str(i), "-l", str(i), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
            for i in range(1, n + 1)]


def _sizes(pdf: Path) -> list[tuple[float, float]]:
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True,
                         text=True, check=True).stdout
    return [(float(w), float(h)) for w, h in re.findall(r"size:\s+([\d.]+) x ([\d.]+)", out)]


@pytest.mark.slow
@pytest.mark.skipif(_chromium() is None or shutil.which("pdftotext") is None
                    or shutil.which("pdftoppm") is None,
                    reason="chromium or poppler-utils (pdftotext, pdftoppm) not installed")
def test_printed_report_keeps_the_gantt(tmp_path: Path) -> None:
    """Tests --format pdf on the 2017 plan as run: the Gantt is printed on landscape pages
    with its names, the status date and the finish milestone; folded, it takes at most
    three pages; with --detail all 228 rows flow over pages, the header repeated on each;
    the same plan prints the same bytes; the pages rasterise (pdftoppm)."""
    out = tmp_path / "r.pdf"
    args = ["report", str(STATUS), "--baseline", str(BASELINE), "-f", "pdf"]
    r = runner.invoke(app, [*args, "-o", str(out)])
    assert r.exit_code == 0, r.output
    pages = _pages(out)
    assert 3 <= len(pages) <= 30
    gantt = [i for i, p in enumerate(pages) if "Workstream / task" in p]
    assert 1 <= len(gantt) <= 3
    text = " ".join(" ".join(pages[i].split()) for i in gantt)
    for name in ("Legislation and governance", "HSSO formation", "North West",
                 "Clinical leadership at the LHINs in place", "Status date: Apr 21, 2017"):
        assert name in text, name
    sizes = _sizes(out)
    assert all(w > h for i, (w, h) in enumerate(sizes) if i in gantt)
    assert all(w < h for i, (w, h) in enumerate(sizes) if i not in gantt)
    again = tmp_path / "again.pdf"
    assert runner.invoke(app, [*args, "-o", str(again)]).exit_code == 0
    assert again.read_bytes() == out.read_bytes()
    subprocess.run(["pdftoppm", "-r", "20", "-png", "-f", str(gantt[0] + 1), "-l",
                    str(gantt[0] + 1), str(out), str(tmp_path / "p")], check=True)
    assert next(tmp_path.glob("p*.png")).stat().st_size > 2_000

    full = tmp_path / "full.pdf"
    r = runner.invoke(app, ["report", str(REAL), "--detail", "--section", "gantt", "-f", "pdf",
                            "-o", str(full)])
    assert r.exit_code == 0, r.output
    pages = _pages(full)[1:]  # the Gantt starts on its own (landscape) page
    assert len(pages) >= 4 and all("Workstream / task" in p for p in pages)
    def words(s: str) -> str:  # a name wraps at spaces and after hyphens
        return " ".join(s.split()).replace("- ", "-")

    text = words(" ".join(pages))
    for x in _report(REAL).gantt_full[::25]:
        assert words(x.name) in text, x.name


def _words(pdf: Path, page: int) -> tuple[tuple[float, float], list[tuple[str, float, float,
                                                                          float, float]]]:
    """The page size and the words of ``page`` with their boxes (pdftotext -bbox)."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf),
                          "-"], capture_output=True, text=True, check=True).stdout
    size = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', out)
    assert size is not None
    words = [(w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        out)]
    return (float(size[1]), float(size[2])), words


@pytest.mark.slow
@pytest.mark.skipif(_chromium() is None or shutil.which("pdftotext") is None,
                    reason="chromium or poppler-utils (pdftotext) not installed")
@pytest.mark.parametrize("paper", ["letter", "A4"])
def test_printed_page_one_is_the_executive_page(tmp_path: Path, paper: str) -> None:
    """Tests page 1 of the 2017 plan as run (with its baseline), printed on Letter and A4
    portrait: it holds the summary's key dates, the top issues, every transfer's site and
    RAG, the compact Gantt's workstream names (whole) and status date label; no two words
    overlap and none leaves the page; the full readiness table opens
    page 2 and the detailed Gantt follows on landscape pages."""
    from hsso_plan.render.pdf import print_pdf

    r = _report(STATUS, BASELINE)
    css = {"@page {": f"@page {{ size: {paper};",
           "@page gantt { size: landscape;": f"@page gantt {{ size: {paper} landscape;"}
    html = html_report.render(r)
    for a, b in css.items():  # the paper size a user's print dialog would choose
        assert html.count(a) == 1, a
        html = html.replace(a, b)
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(print_pdf(html, "20170421000000"))
    pages = _pages(pdf)
    one = " ".join(pages[0].split())
    for text in ("Summary", "Start → Finish", "Status date April 21, 2017", "Next transfers",
                 "Top issues", "Late to start: North West: file shares migrated",
                 "Transfers", "Done/total", "P(ready)", "Timeline",
                 "Status date: Apr 21, 2017", "Workstream"):
        assert text in one, text
    rows, _ = html_gantt.compact_rows(r)
    names = [x.name for x in rows] + [x.site for x in r.readiness]
    for name in names:
        assert " ".join(name.split()) in one.replace("- ", "-"), name
    assert one.count("GREEN") + one.count("AMBER") + one.count("DONE") >= len(r.readiness)
    (w, h), words = _words(pdf, 1)
    assert (round(w), round(h)) == {"letter": (612, 792), "A4": (595, 842)}[paper]
    assert len(words) > 300
    assert all(min(a, b) >= 0 and c <= w and d <= h for _, a, b, c, d in words)
    inset = 0.5  # glyph boxes of neighbouring words touch; text drawn over text overlaps
    for i, (s1, a1, b1, c1, d1) in enumerate(words):
        for s2, a2, b2, c2, d2 in words[i + 1:]:
            assert not (a1 + inset < c2 and a2 + inset < c1 and b1 + inset < d2
                        and b2 + inset < d1), (s1, s2)
    assert pages[1].split()[:3] == ["Readiness", "by", "site"]
    assert "Driven by" in pages[1]
    sizes = _sizes(pdf)
    gantt = [i for i, p in enumerate(pages) if "Workstream / task" in p]
    assert gantt and gantt[0] > 1 and all(sizes[i][0] > sizes[i][1] for i in gantt)


def test_pdf_node_ids_are_renumbered_in_their_order() -> None:
    """Tests `pdf.stable` on the bytes two Chromium prints of one report differed by (seen
    under load: the DOM node ids of the tagged PDF started at 86 in one, 69 in the other):
    both come out the same, the same length, with the dates stamped and the ID tree's keys
    still sorted."""
    from hsso_plan.render.pdf import stable

    def chromium(first: int) -> bytes:
        a, b, c = first, first + 1, first + 36
        return (b"/CreationDate (D:20261202061501+00'00')\n/ID (node%08d)>>\n"
                b"/Headers [(node%08d)]\n/ID (node%08d)\n/Names [(node%08d) 9 0 R "
                b"(node%08d) 10 0 R (node%08d) 11 0 R]\n/Limits [(node%08d) (node%08d)]"
                % (a, a, b, a, b, c, a, c))

    one, other = stable(chromium(86), "20170414000000"), stable(chromium(69), "20170414000000")
    assert one == other and len(one) == len(chromium(86))
    assert b"(D:20170414000000+00'00')" in one
    assert b"/Names [(node00000001) 9 0 R (node00000002) 10 0 R (node00000003) 11 0 R]" in one
    assert b"/Limits [(node00000001) (node00000003)]" in one
    assert stable(b"no tags", "20170414000000") == b"no tags"
