"""`hsso-plan diff` output: text (terminal), JSON (contract section 5), Markdown (for a
pull-request comment). Plan text is escaped by each output's own rules."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..diff import Cause, Moved, PlanDiff, Problem, describe
from .markdown import md_text
from .schedule_json import JsonLines, dumps_lines, encode_json, json_string
from .text import IsoDates, days_text, fit_text, visible

if TYPE_CHECKING:
    from .registry import RenderContext


def _cause_dict(c: Cause | None) -> dict[str, Any] | None:
    if c is None:
        return None
    d: dict[str, Any] = {"kind": c.kind}
    if c.changed:
        d["changed"] = list(c.changed)
    if c.task is not None:
        d["task"] = c.task
    if c.kind == "predecessor":
        d.update(_origin_dict(c))
    d["text"] = describe(c)
    return d


def _origin_dict(c: Cause) -> dict[str, Any]:
    """The origin keys of a predecessor's cause."""
    d: dict[str, Any] = {"origin": c.origin, "origin_kind": c.origin_kind}
    if c.origin_changed:
        d["origin_changed"] = list(c.origin_changed)
    return d


def _moved_dict(m: Moved) -> dict[str, Any]:
    """One moved task of the contract's JSON, as a dict (the object `moved_lines` writes)."""
    return {"id": m.id, "old_start": m.old_start.isoformat(),
            "new_start": m.new_start.isoformat(), "old_finish": m.old_finish.isoformat(),
            "new_finish": m.new_finish.isoformat(), "start_delta": m.start_delta,
            "finish_delta": m.finish_delta, "cause": _cause_dict(m.cause)}


def _cause_json(c: Cause | None, origins: dict[tuple[str | None, str | None,
                                                   tuple[str, ...]], str]) -> str:
    """``encode_json(_cause_dict(c))``; a predecessor's cause (most of a large diff: one per
    task along each chain of moves) with the JSON of its origin keys made once per origin."""
    if c is None or c.kind != "predecessor" or c.changed or c.task is None:
        return encode_json(_cause_dict(c))
    key = (c.origin, c.origin_kind, c.origin_changed)
    keys = origins.get(key)
    if keys is None:
        keys = origins[key] = encode_json(_origin_dict(c))[1:-1]
    return (f'{{"kind": "predecessor", "task": {json_string(c.task)}, {keys}, '
            f'"text": {json_string(describe(c))}}}')


def moved_lines(moved: tuple[Moved, ...]) -> JsonLines:
    """Each moved task as JSON text: ``json.dumps(_moved_dict(m), ensure_ascii=False)``,
    written with f-strings (each date's text and each distinct cause's JSON made once), as
    `task_json` writes a schedule's tasks: a diff of two 100,000-task plans can move them
    all."""
    iso = IsoDates()
    causes: dict[Cause | None, str] = {}
    origins: dict[tuple[str | None, str | None, tuple[str, ...]], str] = {}
    out = JsonLines()
    add = out.append
    for m in moved:
        c = m.cause
        cj = causes.get(c)
        if cj is None:
            cj = causes[c] = _cause_json(c, origins)
        add(f'{{"id": {json_string(m.id)}, "old_start": "{iso[m.old_start]}", '
            f'"new_start": "{iso[m.new_start]}", "old_finish": "{iso[m.old_finish]}", '
            f'"new_finish": "{iso[m.new_finish]}", "start_delta": {m.start_delta}, '
            f'"finish_delta": {m.finish_delta}, "cause": {cj}}}')
    return out


def _problem_dict(p: Problem) -> dict[str, str]:
    return {"severity": p.severity, "code": p.code, "message": p.message}


def render_json(d: PlanDiff) -> str:
    doc = {
        "old": {"plan": d.old_label, "finish": d.old_finish.isoformat()},
        "new": {"plan": d.new_label, "finish": d.new_finish.isoformat()},
        "finish_delta": d.finish_delta,
        "added": list(d.added),
        "removed": list(d.removed),
        "moved": moved_lines(d.moved),
        "problems": {"new": [_problem_dict(p) for p in d.problems_new],
                     "fixed": [_problem_dict(p) for p in d.problems_fixed]},
    }
    return dumps_lines(doc)


def _span(a: object, b: object) -> str:
    return f"{a} -> {b}" if a != b else str(a)


def render_text(d: PlanDiff) -> str:
    t = visible
    out = [f"{t(d.old_label)} -> {t(d.new_label)}",
           f"finish: {_span(d.old_finish, d.new_finish)} ({days_text(d.finish_delta)})",
           f"added: {len(d.added)}, removed: {len(d.removed)}, moved: {len(d.moved)}, "
           f"problems new: {len(d.problems_new)}, fixed: {len(d.problems_fixed)}"]
    if d.added:
        out += ["", "added:", *(f"  + {t(x)}" for x in d.added)]
    if d.removed:
        out += ["", "removed:", *(f"  - {t(x)}" for x in d.removed)]
    if d.moved:
        w = min(max(len(m.id) for m in d.moved), 40)
        out += ["", "moved (working days; + = later):"]
        for m in d.moved:
            why = describe(m.cause)
            out.append(f"  {t(m.id):<{w}}  start {_span(m.old_start, m.new_start)} "
                       f"({m.start_delta:+d}), finish {_span(m.old_finish, m.new_finish)} "
                       f"({m.finish_delta:+d})" + (f"; {t(why)}" if why else ""))
    for title, ps in (("new problems:", d.problems_new), ("fixed problems:", d.problems_fixed)):
        if ps:
            out += ["", title, *(f"  {p.severity}[{p.code}]: {t(p.message)}" for p in ps)]
    return "\n".join(out) + "\n"


def _code(s: str) -> str:
    """An id as inline code (ids are bare keys: no backticks or pipes)."""
    return f"`{s}`" if s.replace("-", "").replace("_", "").isalnum() else md_text(s)


def render_markdown(d: PlanDiff) -> str:
    c = md_text
    out = [f"### Schedule diff: {c(d.old_label)} → {c(d.new_label)}", "",
           f"**Finish:** {_span(d.old_finish, d.new_finish)} ({days_text(d.finish_delta)}) · "
           f"**added** {len(d.added)} · **removed** {len(d.removed)} · **moved** "
           f"{len(d.moved)} · **new problems** {len(d.problems_new)} · **fixed** "
           f"{len(d.problems_fixed)}", ""]
    if d.added:
        out += ["**Added:** " + ", ".join(_code(x) for x in d.added), ""]
    if d.removed:
        out += ["**Removed:** " + ", ".join(_code(x) for x in d.removed), ""]
    if d.moved:
        out += ["| task | start | finish | Δ start | Δ finish | cause |",
                "|---|---|---|---:|---:|---|"]
        out += [f"| {_code(m.id)} | {_span(m.old_start, m.new_start)} | "
                f"{_span(m.old_finish, m.new_finish)} | {m.start_delta:+d} | "
                f"{m.finish_delta:+d} | {c(describe(m.cause))} |" for m in d.moved]
        out.append("")
    for title, ps in (("New problems", d.problems_new), ("Fixed problems", d.problems_fixed)):
        if ps:
            out += [f"**{title}:**", "", "| severity | code | message |", "|---|---|---|"]
            out += [f"| {p.severity} | {p.code} | {c(p.message)} |" for p in ps]
            out.append("")
    return "\n".join(out)


def text_context(ctx: RenderContext) -> str:
    return fit_text(render_text(ctx.compared), ctx.text_width)


def json_context(ctx: RenderContext) -> str:
    return render_json(ctx.compared)


def markdown_context(ctx: RenderContext) -> str:
    return render_markdown(ctx.compared)
