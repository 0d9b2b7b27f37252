"""The check registry: every code defined once and documented, `explain` for each, and
`validate --select / --ignore / --strict`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hsso_plan.checks import CHECKS, CODES, EMITS, Selection, Stage, UnknownCode, parse_codes
from hsso_plan.cli import app

SRC = Path(__file__).resolve().parent.parent / "src" / "hsso_plan"
INVALID = Path(__file__).resolve().parent / "corpus" / "invalid"


def test_every_code_has_a_title_and_an_explanation() -> None:
    """Tests that each registered code has a title, a one-paragraph explanation and the
    severity of its letter."""
    assert len(CODES) >= 48
    for c in CODES.values():
        assert re.fullmatch(r"[EW]\d{3}", c.code)
        assert c.title and len(c.explanation) > 20, c.code
        assert "\n" not in c.explanation and "  " not in c.explanation, c.code
        assert c.severity.value == ("warning" if c.code[0] == "W" else "error")


def test_every_code_in_the_source_is_registered() -> None:
    """Tests that each code written in src/ (loader, checks, use cases) is in the registry,
    so none can be emitted without an explanation."""
    used: set[str] = set()
    for path in SRC.rglob("*.py"):
        used |= set(re.findall(r'"([EW]\d{3})"', path.read_text(encoding="utf-8")))
    assert used, "no code found in the source"
    assert used <= set(CODES), sorted(used - set(CODES))


def test_check_functions_emit_registered_codes_at_their_stage() -> None:
    """Tests that each check function declares registered codes, and each code found by
    checks has a check function at the stage it is documented for."""
    emitted = {c for fn in EMITS for c in EMITS[fn]}
    assert emitted <= set(CODES)
    for c in CODES.values():
        if c.stage is not Stage.LOADER and c.code not in {"E035"}:
            assert any(c.code in EMITS[fn] for fn in CHECKS[c.stage]), c.code


@pytest.mark.parametrize("code", sorted(CODES))
def test_explain_prints_each_code(code: str) -> None:
    """Tests that `explain CODE` prints the code's title and explanation (any case)."""
    r = CliRunner().invoke(app, ["explain", code.lower()])
    assert r.exit_code == 0
    assert r.stdout.startswith(f"{code} ({CODES[code].severity.value}): {CODES[code].title}")
    assert CODES[code].explanation in r.stdout


def test_explain_lists_codes_in_order_and_refuses_unknown() -> None:
    """Tests the list of `explain` (every code, sorted) and exit 2 for an unknown code."""
    r = CliRunner().invoke(app, ["explain"])
    assert r.exit_code == 0
    listed = [ln.split()[0] for ln in r.stdout.splitlines()]
    assert listed == sorted(CODES)
    assert CliRunner().invoke(app, ["explain", "E999"]).exit_code == 2


def test_parse_codes_takes_codes_and_prefixes() -> None:
    """Tests code lists: case, spaces and prefixes; an unknown one names the closest."""
    assert parse_codes(" e06, W001 ,E") == ("E06", "W001", "E")
    with pytest.raises(UnknownCode, match="did you mean 'E020'"):
        parse_codes("E020x")
    with pytest.raises(UnknownCode):
        parse_codes("E9")
    with pytest.raises(UnknownCode):
        parse_codes(" , ")


def test_selection_selects_then_ignores() -> None:
    """Tests that --select keeps matching codes only and --ignore wins over it."""
    s = Selection(("E06", "W"), ("E061",))
    assert [c for c in ("E060", "E061", "E069", "E070", "W001") if s.keeps(c)] == \
        ["E060", "E069", "W001"]
    assert Selection().keeps("E001") and not Selection(ignore=("E",)).keeps("E001")


def _validate(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(app, ["validate", *args])
    return r.exit_code, r.stdout + r.stderr


def test_validate_select_and_ignore_filter_and_set_the_exit_status() -> None:
    """Tests --select/--ignore on a plan with problems of several codes: the exit status
    follows what is left, in text and JSON."""
    plan = str(INVALID / "many-problems.toml")
    code, out = _validate(plan, "-f", "json")
    every = {d["code"] for d in json.loads(out)["errors"]}
    assert code == 1 and len(every) >= 3
    first = sorted(every)[0]
    code, out = _validate(plan, "-f", "json", "--select", first)
    assert code == 1 and {d["code"] for d in json.loads(out)["errors"]} == {first}
    code, out = _validate(plan, "--ignore", ",".join(sorted(every)))
    assert code == 0 and "error[" not in out
    code, out = _validate(plan, "--select", "E0", "--ignore", first)
    assert code == 1 and f"error[{first}]" not in out


def test_validate_prefix_selects_a_family() -> None:
    """Tests that a prefix (E06) selects the service-continuity codes only."""
    plan = str(INVALID / "mig-service-gap.toml")
    code, out = _validate(plan, "--select", "E06")
    assert code == 1 and "error[E060]" in out
    code, out = _validate(plan, "--select", "E07")
    assert code == 0 and "error[" not in out


def test_validate_strict_fails_on_warnings() -> None:
    """Tests --strict: a plan with only a warning exits 0 without it, 1 with it, and 0
    again when that warning is ignored."""
    plan = str(INVALID / "duplicate-dependency.toml")
    assert _validate(plan)[0] == 0
    code, out = _validate(plan, "--strict")
    assert code == 1 and "warning[W001]" in out
    assert _validate(plan, "--strict", "--ignore", "W001")[0] == 0


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_validate_strict_output_agrees_with_the_exit_status(fmt: str) -> None:
    """Tests that with only a warning, --strict turns JSON "ok" false and the summary line
    from ok to the counts, in every validate format, as the exit status turns 1."""
    plan = str(INVALID / "duplicate-dependency.toml")
    for strict, want in ((False, 0), (True, 1)):
        code, out = _validate(plan, "-f", fmt, *(["--strict"] if strict else []))
        assert code == want, (fmt, strict)
        if fmt == "json":
            assert json.loads(out)["ok"] is (not strict)
            assert [w["code"] for w in json.loads(out)["warnings"]] == ["W001"]
        else:
            last = out.strip().splitlines()[-1]
            assert (": ok" in last) is (not strict), last
            assert "1 warning" in last
            assert ("--strict: warnings fail" in last) is strict


def test_validate_formats_come_from_the_registry() -> None:
    """Tests that validate --format offers exactly the registered diagnostics formats."""
    from hsso_plan.render import registry

    names = [f.name for f in registry.diagnostics_formats()]
    assert names == ["text", "json", "github"]
    r = CliRunner().invoke(app, ["validate", "--help"], env={"COLUMNS": "200"})
    assert f"<{'|'.join(names)}>" in r.output
    with pytest.raises(ValueError, match="already registered"):
        registry.register_diagnostics(registry.diagnostics_format("text"))
    with pytest.raises(KeyError, match="choose from text, json, github"):
        registry.diagnostics_format("sarif")


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_validate_unknown_code_is_a_usage_error(option: str) -> None:
    """Tests that an unknown code exits 2 naming the option and the closest code."""
    code, out = _validate(str(INVALID / "cycle.toml"), option, "E02x4,E0244")
    assert code == 2
    assert option in out and "did you mean 'E024'" in out


def test_timeline_facts_are_worded_and_located_by_the_checks() -> None:
    """Tests the wording and key path of each scheduler fact (E040-E043), and that the
    schedule's violations carry the same text."""
    import datetime as dt

    from hsso_plan.checks.timeline import diagnostic
    from hsso_plan.schedule import (
        DeadlineMiss,
        Driver,
        FixedOverload,
        FixedStartOverrun,
        Unplaceable,
    )

    d = dt.date(2017, 3, 1)
    miss = diagnostic(DeadlineMiss("a", d, dt.date(2017, 2, 28), 1))
    assert (miss.code, miss.path) == ("E040", ("task", "a", "finish_no_later_than"))
    assert miss.message == ("task 'a' finishes on 2017-03-01, 1 working day after its "
                            "deadline (finish_no_later_than = 2017-02-28)")
    over = diagnostic(FixedStartOverrun("b", d, dt.date(2017, 3, 3), 2,
                                        Driver("dependency", "a", "SS", 1)))
    assert (over.code, over.path) == ("E041", ("task", "b", "start_on"))
    assert over.message == ("task 'b' is fixed to start on 2017-03-01 (start_on), 2 working "
                            "days too early: predecessor 'a' (SS, lag 1) allows 2017-03-03 "
                            "at the earliest")
    snet = diagnostic(FixedStartOverrun("b", d, d, 1, Driver("start_no_earlier_than")))
    assert snet.message.endswith("1 working day too early: its start_no_earlier_than is later")
    load = diagnostic(FixedOverload("c", "it", ("b", "c"), (d, dt.date(2017, 3, 2)), 3, 2))
    assert (load.code, load.path) == ("E042", ("task", "c", "uses", "it"))
    assert load.message == ("resource 'it' needs 3 units on 2 days from 2017-03-01 to "
                            "2017-03-02 (capacity 2) for tasks fixed by start_on: 'b', 'c'")
    stuck = diagnostic(Unplaceable("d", "it"))
    assert (stuck.code, stuck.path, stuck.hint) == ("E043", ("task", "d", "uses", "it"), None)


def test_schedule_violations_are_the_worded_facts() -> None:
    """Tests that after the checks the schedule's violations are its facts, worded, in the
    scheduler's order (what the schedule JSON lists)."""
    from hsso_plan.app import run
    from hsso_plan.checks.timeline import diagnostic

    for name in ("deadline-missed", "start-on-overrun", "fixed-overload"):
        out = run(INVALID / f"{name}.toml")
        assert out.schedule is not None and out.schedule.facts, name
        worded = [(v.task, v.code, v.message) for v in out.schedule.violations]
        assert worded == [(f.task, diagnostic(f).code, diagnostic(f).message)
                          for f in out.schedule.facts]
