"""Hostile MS Project XML (issue 11): a clear error or a listed note, never silent change.

Every case goes through the CLI: `import` exits 1 with a message, or writes a plan that loads
back, which `validate` accepts or rejects with located errors (never exit 3).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hsso_plan.cli import app
from hsso_plan.interchange import mspdi
from hsso_plan.interchange.mspdi_read import MAX_EXCEPTIONS, MAX_XML_DEPTH

runner = CliRunner()
NS = 'xmlns="http://schemas.microsoft.com/project"'


def task(uid: str | None, name: str, extra: str = "") -> str:
    u = f"<UID>{uid}</UID>" if uid is not None else ""
    return f"<Task>{u}<Name>{name}</Name><Duration>PT16H0M0S</Duration>{extra}</Task>"


def project(tasks: str, head: str = "<StartDate>2017-01-02T08:00:00</StartDate>",
            tail: str = "") -> str:
    return f'<?xml version="1.0"?><Project {NS}><Name>P</Name>{head}<Tasks>{tasks}</Tasks>' \
           f"{tail}</Project>"


def link(uid: str) -> str:
    return f"<PredecessorLink><PredecessorUID>{uid}</PredecessorUID><Type>1</Type>" \
           "</PredecessorLink>"


def imported(tmp: Path, xml: str, name: str = "p.xml") -> tuple[int, str, Path]:
    src = tmp / name
    src.write_text(xml, encoding="utf-8")
    out = tmp / "out.toml"
    r = runner.invoke(app, ["import", str(src), "-o", str(out)])
    return r.exit_code, r.stderr, out


def loads_back(out: Path) -> int:
    r = runner.invoke(app, ["validate", str(out)])
    assert r.exit_code in (0, 1), r.output
    if r.exit_code == 1:  # rejected with located errors
        assert re.search(r":\d+:\d+: error\[E\d{3}\]", r.output), r.output
    return r.exit_code


HOSTILE_TEXT = ["a\n[task.evil]\nname = 'x'", "b\r[x]", "c\u2028d\te\u200b", 'q"\'\\', "\x7f\x85"]


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_text_never_leaves_its_comment_or_string(tmp_path: Path, text: str) -> None:
    esc = text.replace("&", "&amp;").replace("<", "&lt;").replace("\r", "&#13;")
    cal = ("<CalendarUID>1</CalendarUID>", "<Calendars><Calendar><UID>1</UID><Exceptions>"
           f"<Exception><Name>{esc}</Name><Type>2</Type><Period>1</Period></Exception>"
           "</Exceptions></Calendar></Calendars>")
    res = f"<Resources><Resource><UID>1</UID><Name>{esc}</Name><Type>0</Type></Resource>" \
          "</Resources>"
    xml = project(task("1", esc, link(esc)) + task("2", "B", f"<Notes>{esc}</Notes>"),
                  head="<StartDate>2017-01-02T08:00:00</StartDate>" + cal[0],
                  tail=cal[1] + res)
    code, err, out = imported(tmp_path, xml, name="p.xml")
    assert code == 0, err
    plan, _ = mspdi.import_project((tmp_path / "p.xml").read_bytes())
    import tomllib

    back = tomllib.loads(out.read_text(encoding="utf-8"))
    assert set(back) <= {"project", "task", "calendar", "resource", "workstream"}
    assert "evil" not in back["task"] and sorted(back["task"]) == sorted(plan["task"])
    comments = [ln for ln in out.read_text().splitlines() if ln.startswith("#")]
    assert all(c.isprintable() for c in comments) and len(comments) >= 3
    assert loads_back(out) in (0, 1)


def test_a_noted_id_never_takes_a_generated_ones_place(tmp_path: Path) -> None:
    # task 2 is noted as "b-3", the id generated for task 3 ("B", UID 3); task 4 links to 3
    xml = project(task("1", "A") + task("2", "X", "<Notes>hsso-plan id: b-3</Notes>")
                  + task("3", "B") + task("4", "C", link("3")) + task("5", "D", link("2")))
    plan, notes = mspdi.import_project(xml.encode())
    tasks = plan["task"]
    assert len(tasks) == 5
    assert tasks["b-3"]["name"] == "X" and tasks["b-3-2"]["name"] == "B"
    assert tasks["c-4"]["depends"] == ["b-3-2"] and tasks["d-5"]["depends"] == ["b-3"]
    assert any("'b-3' is taken" in n for n in notes)
    # two tasks noted with the same id: both kept, the second renamed and listed
    xml = project(task("1", "A", "<Notes>hsso-plan id: same</Notes>")
                  + task("2", "B", "<Notes>hsso-plan id: same</Notes>"))
    plan, notes = mspdi.import_project(xml.encode())
    assert sorted(plan["task"]) == ["same", "same-2"] and any("same-2" in n for n in notes)


def test_tasks_without_uid_or_with_the_same_uid_are_all_kept(tmp_path: Path) -> None:
    xml = project(task(None, "A") + task(None, "B") + task("7", "C") + task("7", "D")
                  + task("x&amp;y", "E"))
    plan, notes = mspdi.import_project(xml.encode())
    assert sorted(t["name"] for t in plan["task"].values()) == ["A", "B", "C", "D", "E"]
    assert sum("nothing can link to it" in n for n in notes) == 4
    code, _, out = imported(tmp_path, xml)
    assert code == 0 and loads_back(out) == 0


@pytest.mark.parametrize("field,value,words", [
    ("Duration", "-PT16H0M0S", "negative"),
    ("OutlineLevel", "two", "not a number"),
    ("ConstraintType", "NaN", "not a finite number"),
    ("ConstraintType", "1.5", "not a whole number"),
    ("Priority", "inf", None),  # not digits: ignored as before, and listed nowhere
])
def test_bad_numbers_are_clear_errors(tmp_path: Path, field: str, value: str,
                                      words: str | None) -> None:
    extra = f"<{field}>{value}</{field}>"
    body = f"<Task><UID>1</UID><Name>A</Name>{extra}</Task>" if field == "Duration" \
        else task("1", "A", extra)
    code, err, out = imported(tmp_path, project(body))
    if words is None:
        assert code == 0 and loads_back(out) == 0
    else:
        assert code == 1 and words in err and "task 'a-1'" in err and "Traceback" not in err


@pytest.mark.parametrize("tail", [
    "<Assignments><Assignment><TaskUID>1</TaskUID><ResourceUID>1</ResourceUID>"
    "<Units>inf</Units></Assignment></Assignments>",
    "<Resources><Resource><UID>1</UID><Name>R</Name><MaxUnits>NaN</MaxUnits></Resource>"
    "</Resources>",
    "<Resources><Resource><UID>1</UID><Name>R</Name><MaxUnits>-1e300</MaxUnits></Resource>"
    "</Resources>",
])
def test_bad_resource_numbers(tmp_path: Path, tail: str) -> None:
    res = "<Resources><Resource><UID>1</UID><Name>R</Name></Resource></Resources>"
    xml = project(task("1", "A"), tail=tail if "Resources" in tail else res + tail)
    code, err, _ = imported(tmp_path, xml)
    assert code == 1 and ("number" in err or "MaxUnits" in err)


def test_link_lag_and_minutes_per_day(tmp_path: Path) -> None:
    lag = "<PredecessorLink><PredecessorUID>1</PredecessorUID><LinkLag>1e308</LinkLag>" \
          "</PredecessorLink>"
    code, err, _ = imported(tmp_path, project(task("1", "A") + task("2", "B", lag)))
    assert code == 1 and "100,000 days" in err
    code, err, _ = imported(tmp_path, project(task("1", "A"), head=(
        "<StartDate>2017-01-02T08:00:00</StartDate><MinutesPerDay>0</MinutesPerDay>")))
    assert code == 1 and "MinutesPerDay" in err


def test_no_start_date_uses_the_earliest_task_or_refuses(tmp_path: Path) -> None:
    xml = project(task("1", "A", "<Start>2017-03-06T08:00:00</Start>")
                  + task("2", "B", "<Start>2017-02-06T08:00:00</Start>"), head="")
    plan, notes = mspdi.import_project(xml.encode())
    assert str(plan["project"]["start"]) == "2017-02-06"
    assert any("no StartDate" in n for n in notes)
    code, err, _ = imported(tmp_path, project(task("1", "A"), head=""))
    assert code == 1 and "no StartDate" in err


def test_calendar_exceptions_are_bounded(tmp_path: Path) -> None:
    one = ("<Exception><Type>1</Type><Period>1</Period><DayWorking>0</DayWorking><TimePeriod>"
           "<FromDate>2017-01-01T00:00:00</FromDate><ToDate>2026-12-31T23:59:00</ToDate>"
           "</TimePeriod></Exception>")
    cal = f"<Calendars><Calendar><UID>1</UID><Exceptions>{one * (MAX_EXCEPTIONS + 1)}" \
          "</Exceptions></Calendar></Calendars>"
    head = "<StartDate>2017-01-02T08:00:00</StartDate><CalendarUID>1</CalendarUID>"
    code, err, _ = imported(tmp_path, project(task("1", "A"), head=head, tail=cal))
    assert code == 1 and "exceptions" in err
    cal = f"<Calendars><Calendar><UID>1</UID><Exceptions>{one * 20}" \
          "</Exceptions></Calendar></Calendars>"
    code, err, _ = imported(tmp_path, project(task("1", "A"), head=head, tail=cal))
    assert code == 1 and "more than" in err


@pytest.mark.parametrize("xml,words", [
    ('<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
     f"<Project {NS}><Name>&b;</Name></Project>", "DOCTYPE"),
    ('<?xml version="1.0"?><!DOCTYPE p SYSTEM "file:///etc/passwd">'
     f"<Project {NS}/>", "DOCTYPE"),
    (f"<Project {NS}>" + "<a>" * (MAX_XML_DEPTH + 5) + "</a>" * (MAX_XML_DEPTH + 5)
     + "</Project>", "nested more than"),
    ("<Project>" + "<a>" * 100000 + "</a>" * 100000 + "</Project>", "nested more than"),
    ("", "not well-formed"),
    ("<Project><Tasks>", "not well-formed"),
])
def test_document_tricks(tmp_path: Path, xml: str, words: str) -> None:
    code, err, _ = imported(tmp_path, xml)
    assert code == 1 and words in err and "Traceback" not in err


def test_a_fifo_or_device_is_not_imported(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "p.xml"
    os.mkfifo(fifo)
    r = runner.invoke(app, ["import", str(fifo)])
    assert r.exit_code == 1 and "not a regular file" in r.stderr


def test_a_row_key_cannot_be_linked_to() -> None:
    xml = project(task(None, "A") + task("2", "B", link("row1")))
    plan, notes = mspdi.import_project(xml.encode())
    assert "depends" not in plan["task"]["b-2"]
    assert any("UID row1 (not imported)" in n for n in notes)


def test_an_invalid_noted_id_is_replaced_and_listed() -> None:
    xml = project(task("1", "A", "<Notes>hsso-plan id: bad id\n[x]</Notes>"))
    plan, notes = mspdi.import_project(xml.encode())
    assert list(plan["task"]) == ["a-1"] and any("not a valid id" in n for n in notes)


def test_source_name_and_notes_stay_in_one_comment_line() -> None:
    plan, _ = mspdi.import_project(project(task("1", "A")).encode())
    text = mspdi.plan_text(plan, ["x\n[task.n]\r\u2028y"], "p\n[task.s].xml")
    import tomllib

    assert set(tomllib.loads(text)["task"]) == {"a-1"}
    head = text.split("\n\n", 1)[0].splitlines()
    assert len(head) == 2 and all(ln.startswith("# ") and ln.isprintable() for ln in head)


# ---- progress and baselines (issue 9): the same rules for the new fields -------------------

STATUS = "<StartDate>2017-01-02T08:00:00</StartDate><StatusDate>2017-01-11T17:00:00</StatusDate>"
STARTED = "<ActualStart>2017-01-09T08:00:00</ActualStart>"


@pytest.mark.parametrize("extra,words", [
    (STARTED + "<PercentComplete>NaN</PercentComplete>", "not a finite number"),
    (STARTED + "<PercentComplete>150</PercentComplete>", "between 0 and 100"),
    (STARTED + "<PercentComplete>-1</PercentComplete>", "between 0 and 100"),
    (STARTED + "<PercentComplete>ten</PercentComplete>", "not a number"),
    (STARTED + "<RemainingDuration>-PT8H0M0S</RemainingDuration>", "negative"),
    (STARTED + "<RemainingDuration>PT999999999999H0M0S</RemainingDuration>", "too long"),
    (STARTED + "<RemainingDuration>PT9999999H0M0S</RemainingDuration>", "100,000 days"),
    ("<ActualStart>2017-01-09T08:00:00</ActualStart><ActualFinish>2017-01-03T17:00:00"
     "</ActualFinish>", "before its ActualStart"),
    ("<Baseline><Number>x</Number></Baseline>", "Baseline Number"),
    ("<Baseline><Number>0</Number><Start>2017-01-09T08:00:00</Start>"
     "<Finish>2017-01-02T17:00:00</Finish></Baseline>", "before its Baseline Start"),
])
def test_bad_progress_fields_are_clear_errors(tmp_path: Path, extra: str, words: str) -> None:
    code, err, _ = imported(tmp_path, project(task("1", "A", extra), head=STATUS))
    assert code == 1 and words in err and "task 'a-1'" in err and "Traceback" not in err


@pytest.mark.parametrize("value", ["yesterday", "2017-13-45T08:00:00", "99999-01-01",
                                   "0001-01-01T08:00:00", "2999-12-31T08:00:00",
                                   "2017-01-09\n[task.x]\rname = 'y'", ""])
def test_an_actual_date_that_is_not_a_date_is_listed(tmp_path: Path, value: str) -> None:
    """Tests that an ActualStart that is not a date is left out with a note (one printable
    line), never a traceback or text outside its comment; the task imports as not started."""
    esc = value.replace("\r", "&#13;")
    code, err, out = imported(tmp_path, project(task("1", "A", f"<ActualStart>{esc}"
                                                             "</ActualStart>"), head=STATUS))
    assert code == 0, err
    import tomllib

    back = tomllib.loads(out.read_text(encoding="utf-8"))
    assert "progress" not in back and set(back["task"]) == {"a-1"}
    if value:
        assert "is not a date and time" in out.read_text(encoding="utf-8") \
            or "outside the dates MS Project holds" in out.read_text(encoding="utf-8")
    assert all(ln.isprintable() for ln in out.read_text(encoding="utf-8").splitlines())
    assert loads_back(out) == 0


def test_many_left_out_actuals_make_one_bounded_note(tmp_path: Path) -> None:
    """Tests that 5,000 tasks with actual work give one note naming a few of them."""
    body = "".join(task(str(k), f"T{k}", "<ActualWork>PT8H0M0S</ActualWork>")
                   for k in range(1, 5001))
    got = mspdi.read_project(project(body, head=STATUS).encode())
    work = [n for n in got.notes if n.startswith("actual work")]
    assert len(work) == 1 and "5000 entries" in work[0] and "4995 more" in work[0]
    assert len(work[0]) < 200


def test_an_offset_on_actual_dates_is_dropped(tmp_path: Path) -> None:
    """Tests that actual dates with and without a UTC offset compare (local time)."""
    extra = "<ActualFinish>2017-01-10T17:00:00+05:00</ActualFinish><Start>2017-01-09T08:00:00" \
            "</Start>"
    got = mspdi.read_project(project(task("1", "A", extra), head=STATUS).encode())
    assert got.plan["progress"]["a-1"] == {"actual_start": dt.date(2017, 1, 9),
                                           "actual_finish": dt.date(2017, 1, 10)}
