"""`hsso-plan diff`: the contract's JSON, named causes, text/Markdown golden files, escaping,
exit codes, and REV:PATH read from a temporary git repository (includes at that revision)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hsso_plan.cli import app
from hsso_plan.diff import Cause, Moved, describe
from hsso_plan.render.markdown import md_text
from hsso_plan.textsafe import visible

from .conftest import Golden

ROOT = Path(__file__).resolve().parent.parent
PAIR = ROOT / "tests" / "golden" / "diff"
EXAMPLE = ROOT / "plans" / "example.toml"
runner = CliRunner()


@pytest.fixture
def in_pair(monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(PAIR)
    return PAIR


def _json(*args: str) -> tuple[int, dict[str, object]]:
    r = runner.invoke(app, ["diff", *args, "-f", "json"])
    return r.exit_code, json.loads(r.stdout)


@pytest.mark.parametrize("fmt,name", [("text", "diff.txt"), ("markdown", "diff.md")])
def test_golden(fmt: str, name: str, in_pair: Path, golden: Golden) -> None:
    """Tests the text and Markdown diff of the golden pair against their golden files."""
    r = runner.invoke(app, ["diff", "old.toml", "new.toml", "-f", fmt])
    assert r.exit_code == 1  # both plans miss a deadline
    golden(in_pair / name, r.stdout)


def test_json_keys_and_values_per_contract(in_pair: Path) -> None:
    """Tests the contract's keys: finishes, finish_delta, added, removed, moved in the new
    plan's order with working-day deltas, problems new and fixed by code and message."""
    code, d = _json("old.toml", "new.toml")
    assert code == 1
    assert d["old"] == {"plan": "old.toml", "finish": "2017-01-27"}
    assert d["new"] == {"plan": "new.toml", "finish": "2017-01-31"}
    assert d["finish_delta"] == 2
    assert d["added"] == ["new-task"] and d["removed"] == ["old-task"]
    moved = {m["id"]: m for m in d["moved"]}  # type: ignore[attr-defined]
    assert list(moved) == ["design", "build", "test", "docs", "training", "launch"]
    assert set(moved["build"]) >= {"id", "old_start", "new_start", "old_finish",
                                   "new_finish", "start_delta", "finish_delta"}
    assert (moved["build"]["start_delta"], moved["docs"]["finish_delta"]) == (2, 8)
    probs = d["problems"]
    assert [p["code"] for p in probs["new"]] == ["E040"]  # type: ignore[index]
    assert "'test'" in probs["new"][0]["message"]  # type: ignore[index]
    assert "'docs'" in probs["fixed"][0]["message"]  # type: ignore[index]


def test_causes_are_named(in_pair: Path) -> None:
    """Tests each kind of cause: own input, a chain of predecessors back to its origin, and
    a resource held by another task."""
    _, d = _json("old.toml", "new.toml")
    c = {m["id"]: m["cause"] for m in d["moved"]}  # type: ignore[attr-defined]
    assert c["design"]["kind"] == "input" and c["design"]["changed"] == ["duration"]
    assert c["build"] == {**c["build"], "kind": "predecessor", "task": "design",
                          "origin": "design", "origin_kind": "input"}
    assert (c["launch"]["task"], c["launch"]["origin"]) == ("test", "design")
    assert c["training"]["kind"] == "resource"
    assert c["training"]["changed"] == ["team"] and c["training"]["task"] == "docs"


def test_same_plan_exits_0_and_nothing_moves() -> None:
    """Tests that two equal plans give an empty diff and exit 0."""
    code, d = _json(str(EXAMPLE), str(EXAMPLE))
    assert code == 0
    assert (d["added"], d["removed"], d["moved"], d["finish_delta"]) == ([], [], [], 0)


def test_fixed_date_moved_in_example(tmp_path: Path) -> None:
    """Tests a fixed date moved by a week: its own start_on is the cause, 5 working days."""
    new = tmp_path / "example.toml"
    new.write_text(EXAMPLE.read_text(encoding="utf-8").replace(
        "start_on = 2017-05-03", "start_on = 2017-05-10"), encoding="utf-8")
    code, d = _json(str(EXAMPLE), str(new))
    assert code == 0
    m = {x["id"]: x for x in d["moved"]}  # type: ignore[attr-defined]
    assert m["nsm-transfer"]["start_delta"] == 5
    assert m["nsm-transfer"]["cause"]["changed"] == ["start_on"]
    assert d["finish_delta"] == 5


def test_usage_errors_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests a missing file, a folder, and REV:PATH outside a git repository: exit 2."""
    monkeypatch.chdir(tmp_path)
    for args in (["missing.toml", str(EXAMPLE)], [str(tmp_path), str(EXAMPLE)],
                 ["HEAD:plans/example.toml", str(EXAMPLE)]):
        r = runner.invoke(app, ["diff", *args])
        assert r.exit_code == 2, (args, r.output)
        assert "Traceback" not in r.output
    r = runner.invoke(app, ["diff", str(EXAMPLE), str(EXAMPLE), "-f", "yaml"])
    assert r.exit_code == 2


def test_unschedulable_plan_exits_1(tmp_path: Path) -> None:
    """Tests a plan that is not TOML: its error on stderr, exit 1."""
    bad = tmp_path / "bad.toml"
    bad.write_text("[project\n", encoding="utf-8")
    r = runner.invoke(app, ["diff", str(EXAMPLE), str(bad)])
    assert r.exit_code == 1
    assert "E001" in r.stderr


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.org", "-c", "user.name=t", *args],
                   cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "plans")
    return tmp_path


def test_rev_path_reads_includes_at_the_revision(repo: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests REV:PATH: the included sites file is read at the revision too, so a change to
    it in the working tree shows as a moved transfer whose own start_on changed."""
    sites = repo / "plans" / "hsso-2017" / "sites.toml"
    text = sites.read_text(encoding="utf-8")
    assert "date = 2017-05-03" in text
    sites.write_text(text.replace("date = 2017-05-03", "date = 2017-05-10"), encoding="utf-8")
    monkeypatch.chdir(repo)
    code, d = _json("HEAD:plans/hsso-2017.toml", "plans/hsso-2017.toml")
    assert code == 0
    m = {x["id"]: x for x in d["moved"]}  # type: ignore[attr-defined]
    assert m["nsm-transfer"]["start_delta"] == 5
    assert m["nsm-transfer"]["cause"]["kind"] == "input"
    # Both sides at revisions, and a path relative to the current folder.
    monkeypatch.chdir(repo / "plans")
    code, d = _json("HEAD:./example.toml", "HEAD:plans/example.toml")
    assert (code, d["moved"]) == (0, [])


def test_rev_path_errors(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests an unknown revision and a path missing at a revision: exit 2, named."""
    monkeypatch.chdir(repo)
    r = runner.invoke(app, ["diff", "nosuchrev:plans/example.toml", "plans/example.toml"])
    assert r.exit_code == 2 and "unknown revision 'nosuchrev'" in r.stderr
    r = runner.invoke(app, ["diff", "HEAD:plans/nope.toml", "plans/example.toml"])
    assert r.exit_code == 2 and "no file 'plans/nope.toml'" in r.stderr
    r = runner.invoke(app, ["diff", "HEAD:plans", "plans/example.toml"])
    assert r.exit_code == 2 and "folder" in r.stderr


def test_terminal_text_is_escaped() -> None:
    """Tests that escape sequences and bidi overrides cannot act on the terminal."""
    assert visible("a\x1b[31mb\u202ec") == "a␛[31mb\\u202ec"
    assert visible("[bold]x[/bold] é") == "[bold]x[/bold] é"


def test_markdown_text_cannot_become_markup() -> None:
    """Tests hostile text through a CommonMark + GFM-table renderer: no tag, link, emphasis
    or extra cell comes out of it."""
    from markdown_it import MarkdownIt

    evil = "<script>x</script> *em* _u_ [l](http://e.x) | `c` &amp; www.evil.com \x1b"
    md = MarkdownIt("commonmark").enable("table")
    html = md.render(f"| a |\n|---|\n| {md_text(evil)} |\n")
    assert "<script>" not in html and "<em>" not in html and "<a " not in html
    assert "<code>" not in html and html.count("<td>") == 1
    assert "&amp;amp;" in html  # the entity stays text


def test_describe_without_cause() -> None:
    """Tests the phrases of causes that need no chain."""
    assert describe(None) == ""
    assert describe(Cause("resource")) == "levelling no longer delays it"
    assert describe(Cause("project-start")) == "the project start moved"


def test_inputs_read_bare_ids_as_the_model_does() -> None:
    """Tests that the inputs `diff` compares give each task's dependencies as
    `Task.dependencies` does (a bare id is FS with lag 0), on every bundled plan."""
    from hsso_plan.diff import _inputs
    from hsso_plan.loading import read_plan

    for path in sorted((Path(__file__).parent.parent / "plans").glob("*.toml")):
        plan = read_plan(path).plan
        assert plan is not None, path
        for t in plan.task.values():
            want = tuple((d.task, d.type, d.lag) for d in t.dependencies())
            assert _inputs(t)[1] == want, (path.name, t)


_ids = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=1, max_size=8)
_dates = st.dates(dt.date(1990, 1, 1), dt.date(2200, 12, 31))
_changed = st.lists(st.sampled_from(["duration", "depends", "calendar days", "uses"]),
                    max_size=2).map(tuple)
_causes = st.none() | st.builds(
    Cause, st.sampled_from(["input", "predecessor", "resource", "calendar", "project-start"]),
    _changed, st.none() | _ids, st.none() | _ids,
    st.none() | st.sampled_from(["input", "added", "resource", "calendar", "project-start"]),
    _changed)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.builds(Moved, _ids, _dates, _dates, _dates, _dates, st.integers(-999, 999),
                          st.integers(-999, 999), _causes), max_size=12))
def test_moved_lines_write_what_json_dumps_writes(moved: list[Moved]) -> None:
    """Tests the f-string writer of moved tasks (with its per-cause and per-origin memos)
    against ``json.dumps`` of the contract's object, on any ids, dates and causes."""
    from hsso_plan.render.diff_report import _moved_dict, moved_lines

    got = moved_lines(tuple(moved))
    assert got == [json.dumps(_moved_dict(m), ensure_ascii=False) for m in moved]


def _causes_of(plan_text: str, new_text: str, tmp: Path) -> dict[str, object]:
    (tmp / "o.toml").write_text(plan_text, encoding="utf-8")
    (tmp / "n.toml").write_text(new_text, encoding="utf-8")
    code, doc = _json(str(tmp / "o.toml"), str(tmp / "n.toml"))
    assert code == 0
    moved = doc["moved"]
    assert isinstance(moved, list)
    return {m["id"]: m["cause"] for m in moved}


_CHAIN = """[project]
name = "Chain"
start = 2017-01-02
{tasks}"""
_LINKS = {"a": ('name = "A"\nduration = {d}', ""),
          "b": ('name = "B"\nduration = 2', 'depends = ["a"]'),
          "c": ('name = "C"\nduration = 2', 'depends = [{ task = "b" }]'),
          "d": ('name = "D"\nduration = 1', 'depends = ["c"]')}


def _chain(order: str, d: int, *, owner: str = "") -> str:
    parts = [f"[task.{t}]\n{_LINKS[t][0].format(d=d)}\n{_LINKS[t][1]}\n"
             + (f'owner = "{owner}"\n' if t == "c" and owner else "") for t in order]
    return _CHAIN.format(tasks="\n".join(parts))


def test_causes_do_not_depend_on_the_order_of_the_file(tmp_path: Path) -> None:
    """Tests the cause walk on a chain written forwards (each predecessor named first: the
    short path) and backwards (the walk follows the chain to its origin): the same causes;
    a field that sets no date (an owner) changes no cause, nor does writing a bare id as
    the equal table."""
    forward = _causes_of(_chain("abcd", 3), _chain("abcd", 5, owner="PMO"), tmp_path)
    backward = _causes_of(_chain("dcba", 3), _chain("dcba", 5), tmp_path)
    assert forward == backward
    assert forward["a"] == {"kind": "input", "changed": ["duration"],
                            "text": "its own duration changed"}
    assert forward["d"] == {"kind": "predecessor", "task": "c", "origin": "a",
                            "origin_kind": "input", "origin_changed": ["duration"],
                            "text": "predecessor 'c' moved, from 'a' (duration changed)"}
    same = _chain("abcd", 3).replace('depends = ["c"]', 'depends = [{ task = "c", type = "FS" }]')
    assert _causes_of(_chain("abcd", 3), same, tmp_path) == {}
