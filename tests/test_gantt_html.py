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
    g = _gantt(_report(p))
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
