"""Checks of progress (core contract section 4): `[progress.<task-id>]` tables and
`project.status_date`. The rules they check live in `hsso_plan.progress`; the late-to-start
warning (W111) needs the schedule and is a timeline check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import chain
from operator import itemgetter
from typing import cast

from ..diagnostics import Diagnostic, KeyPath, Related, did_you_mean
from ..model import Progress
from ..progress import started_ids, started_tasks, status_of
from .registry import Context, check


def _path(tid: str, key: str | None = None) -> KeyPath:
    return ("progress", tid) if key is None else ("progress", tid, key)


def _entry_problems(tid: str, p: Progress, d: dt.date | None) -> Iterator[Diagnostic]:
    """The errors of one `[progress.<tid>]` table (``d``: the status date, if any)."""
    a, f = p.actual_start, p.actual_finish
    for key, value in (("actual_start", a), ("actual_finish", f)):
        if d is not None and value is not None and value > d:
            yield Diagnostic(
                "E112", f"{key} of task '{tid}' ({value.isoformat()}) is after the status "
                f"date ({d.isoformat()})", path=_path(tid, key),
                hint="progress is known only up to the status date: correct the date, or "
                     "move project.status_date forward")
    if f is not None and a is None:
        yield Diagnostic(
            "E114", f"task '{tid}' has an actual_finish but no actual_start",
            path=_path(tid, "actual_finish"),
            hint=f"add actual_start = YYYY-MM-DD (on or before {f.isoformat()})")
    if a is not None and f is not None and f < a:
        yield Diagnostic(
            "E113", f"task '{tid}' finishes ({f.isoformat()}) before it starts "
            f"({a.isoformat()})", path=_path(tid, "actual_finish"),
            hint="swap the dates, or correct the one that was mistyped")
    left = [k for k in ("remaining", "percent_complete") if getattr(p, k) is not None]
    if len(left) == 2:
        yield Diagnostic(
            "E115", f"task '{tid}' gives both remaining and percent_complete",
            path=_path(tid, "percent_complete"),
            hint="keep one: remaining (working days left) or percent_complete")
    elif left and f is not None:
        yield Diagnostic(
            "E115", f"task '{tid}' is done (actual_finish) but also gives {left[0]}",
            path=_path(tid, left[0]),
            hint=f"remove {left[0]} (a done task has nothing left), or remove actual_finish "
                 "if the work goes on")
    elif left and a is None:
        yield Diagnostic(
            "E115", f"task '{tid}' gives {left[0]} but has not started (no actual_start)",
            path=_path(tid, left[0]),
            hint=f"add actual_start = YYYY-MM-DD, or remove {left[0]}")
    pc = p.percent_complete
    if pc is not None and f is None and not 0 <= pc <= 99:
        yield Diagnostic(
            "E116", f"percent_complete of task '{tid}' is {pc}; it must be 0 to 99",
            path=_path(tid, "percent_complete"),
            hint="a finished task takes actual_finish instead of 100"
            if pc >= 100 else "use a whole number from 0 to 99")


def _entries(ctx: Context) -> list[Diagnostic]:
    """The errors of every progress table of a known task, found once for E112-E116."""

    def find() -> list[Diagnostic]:
        d = ctx.plan.project.status_date
        tasks, progress = ctx.plan.task, ctx.plan.progress
        out: list[Diagnostic] = []
        for tid, (a, f, r, pc) in zip(progress, ctx.index.progress_values, strict=True):
            if a is not None and (
                    (r is None and pc is None and (a <= f if d is None else a <= f <= d))
                    if f is not None else
                    ((d is None or a <= d) and (pc is None or (r is None and 0 <= pc <= 99)))):
                continue  # done, or under way, with nothing wrong (the common cases, fast)
            if tid in tasks:
                out.extend(_entry_problems(tid, progress[tid], d))
        return out

    return ctx.memo("progress entries", find) if ctx.plan.progress else []


def _of(ctx: Context, code_id: str) -> Iterator[Diagnostic]:
    return (d for d in _entries(ctx) if d.code == code_id)


@check("E110", "progress without a status date")
def no_status_date(ctx: Context) -> Iterator[Diagnostic]:
    """The plan has [progress.<task-id>] tables but [project] has no `status_date`.
    Progress is known up to the end of the status date; without it actual dates cannot be
    told from plans."""
    if ctx.plan.progress and ctx.plan.project.status_date is None:
        first = next(iter(ctx.plan.progress))
        yield Diagnostic(
            "E110", "the plan records progress but has no project.status_date",
            path=_path(first), hint="add status_date = YYYY-MM-DD to [project] (progress is "
                                    "known up to the end of that day)")


@check("E111", "progress for an unknown task")
def unknown_tasks(ctx: Context) -> Iterator[Diagnostic]:
    """A [progress.<task-id>] table names a task the plan does not define. Generated tasks
    are named <site>-<task> ([progress.nw-email])."""
    progress, tasks = ctx.plan.progress, ctx.plan.task
    if progress.keys() <= tasks.keys():  # every entry names a task (the usual case: C speed)
        return
    broken = ctx.broken.get("progress", set())
    for tid in progress:
        if tid not in tasks and tid not in broken:
            yield Diagnostic(
                "E111", f"progress for unknown task '{tid}'", path=_path(tid),
                hint=did_you_mean(tid, list(ctx.plan.task))
                or "progress tables are [progress.<task-id>] (generated ids too: <site>-<task>)")


@check("E112", "actual date after the status date")
def after_status_date(ctx: Context) -> Iterator[Diagnostic]:
    """An `actual_start` or `actual_finish` is later than `project.status_date`: it has not
    happened yet. Correct the date or move the status date forward."""
    return _of(ctx, "E112")


@check("E113", "actual finish before actual start")
def finish_before_start(ctx: Context) -> Iterator[Diagnostic]:
    """A task's `actual_finish` is earlier than its `actual_start`."""
    return _of(ctx, "E113")


@check("E114", "actual finish without actual start")
def finish_without_start(ctx: Context) -> Iterator[Diagnostic]:
    """A done task needs both dates: `actual_start` and `actual_finish`."""
    return _of(ctx, "E114")


@check("E115", "remaining work that contradicts the progress")
def contradicting_remaining(ctx: Context) -> Iterator[Diagnostic]:
    """`remaining` and `percent_complete` describe a task under way: they need
    `actual_start`, cannot go with `actual_finish` (a done task has nothing left), and only
    one of the two may be given."""
    return _of(ctx, "E115")


@check("E116", "percent complete out of range")
def percent_out_of_range(ctx: Context) -> Iterator[Diagnostic]:
    """`percent_complete` of a task under way is a whole number from 0 to 99; a task that
    is finished takes `actual_finish` instead."""
    return _of(ctx, "E116")


@check("W110", "out of sequence")
def out_of_sequence(ctx: Context) -> Iterator[Diagnostic]:
    """A task is done or under way although one of its finish-to-start or start-to-start
    predecessors has not started. Progress overrides the logic (the dependency is not
    enforced); record the predecessor's progress, or drop the dependency."""
    plan = ctx.plan
    if _in_sequence(ctx):
        return
    started = started_tasks(plan.progress, ctx.index.progress_values)
    for tid, p in plan.progress.items():
        task = plan.task.get(tid)
        if task is None or tid not in started:
            continue
        for item in task.depends:  # the usual case first: every predecessor started
            if (item if isinstance(item, str) else item.task) not in started:
                break
        else:
            continue
        for k, item in enumerate(task.depends):  # (not dependencies(): no model per edge)
            pid, typ = (item, "FS") if isinstance(item, str) else (item.task, item.type)
            if pid in started or typ not in ("FS", "SS") or pid not in plan.task:
                continue
            dep_path: KeyPath = ("task", tid, "depends", k)
            yield Diagnostic(
                "W110", f"task '{tid}' is {status_of(p, task.duration)} but its predecessor "
                f"'{pid}' ({typ}) has not started (out of sequence)",
                path=_path(tid, "actual_start" if p.actual_start else "actual_finish"),
                hint=f"record the progress of '{pid}' ([progress.{pid}]), or drop "
                     "the dependency if the work did not need it",
                related=(Related(dep_path, "the dependency"),))


_FIRST = itemgetter(0)


def _in_sequence(ctx: Context) -> bool:
    """True when every predecessor of every started task started too (W110 has nothing to
    say: the usual case), at C speed over the index's links. A dependency that W110 reports
    names a task that has not started: it is one of the links of the started task (they
    leave out only self-loops and repeats of a link, and it is neither), so the answer is
    False whenever there is a warning."""
    index = ctx.index
    found = set(map(index.task_order.get, started_ids(ctx.plan.progress, index.progress_values)))
    found.discard(None)
    at = cast("set[int]", found)
    edges = index.links.edges
    return at.issuperset(map(_FIRST, chain.from_iterable(map(edges.__getitem__, at))))
