"""Checks of ids and references between tasks, resources and calendars."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..diagnostics import Diagnostic, KeyPath, Suggester, did_you_mean
from ..loading import SKIP_ID
from ..model import Task
from .registry import Context, check

_BARE = re.compile(r"[A-Za-z0-9_-]+")
#: Ids joined by single spaces, each a bare key (see `_all_bare`).
_ALL_BARE = re.compile(r"[A-Za-z0-9_-]+(?: [A-Za-z0-9_-]+)*")
_SECTIONS = ("calendar", "resource", "task", "workstream", "org", "service", "staff",
             "transfer")


@check("E016", "invalid id")
def invalid_ids(ctx: Context) -> Iterator[Diagnostic]:
    """Ids are TOML bare keys: letters, digits, '-' and '_' only (so [task."a b"] is
    refused). Other tools (MS Project, TaskJuggler, spreadsheets) rely on it."""
    for section in _SECTIONS:
        ids: dict[str, object] = getattr(ctx.plan, section)
        if _all_bare(ids):
            continue
        for ident in ids:
            if not _BARE.fullmatch(ident):
                yield Diagnostic("E016", f"{section} id '{ident}' is not a bare key",
                                 path=(section, ident),
                                 hint="use only letters, digits, '-' and '_' in ids")


def _all_bare(ids: dict[str, object]) -> bool:
    """True when every id is a bare key, in one match of the ids joined by spaces (an id
    with a space of its own adds one, so the count of spaces tells)."""
    if not ids:
        return True
    joined = " ".join(ids)
    return joined.count(" ") == len(ids) - 1 and _ALL_BARE.fullmatch(joined) is not None


def _deps(tid: str, task: Task) -> Iterator[tuple[KeyPath, str, str, int]]:
    """(path of the entry's id, predecessor, type, lag) of each readable `depends` entry."""
    for k, dep in enumerate(task.depends):
        if isinstance(dep, str):
            path: KeyPath = ("task", tid, "depends", k)
            pid, typ, lag = dep, "FS", 0
        else:
            path = ("task", tid, "depends", k, "task")
            pid, typ, lag = dep.task, dep.type, dep.lag
        if pid != SKIP_ID:
            yield path, pid, typ, lag


def _suspects(ctx: Context) -> list[tuple[str, Task]]:
    """Tasks whose `depends` need a closer look: one names the task itself, an id that is
    not a task, or the same id twice (found by the index's one pass over every
    dependency, `hsso_plan.links.read_links`), shared by the dependency checks."""
    return ctx.index.links.suspects


def _known(ctx: Context, pid: str) -> bool:
    return pid in ctx.plan.task or pid in ctx.broken.get("task", ()) \
        or pid in ctx.plan.workstream


@check("E023", "task depends on itself")
def self_dependencies(ctx: Context) -> Iterator[Diagnostic]:
    """A task lists itself as a predecessor. Remove the entry."""
    for tid, task in _suspects(ctx):
        for path, pid, _, _ in _deps(tid, task):
            if pid == tid:
                yield Diagnostic("E023", f"task '{tid}' depends on itself", path=path,
                                 hint="remove this entry")


@check("E020", "unknown task")
def unknown_predecessors(ctx: Context) -> Iterator[Diagnostic]:
    """A dependency names a task id that the plan does not define."""
    ids: Suggester | None = None  # built at the first unknown id, once
    for tid, task in _suspects(ctx):
        for path, pid, _, _ in _deps(tid, task):
            if pid != tid and not _known(ctx, pid):
                ids = ids or Suggester([*ctx.plan.task, *ctx.plan.workstream])
                yield Diagnostic("E020", f"task '{tid}' depends on unknown task '{pid}'",
                                 path=path, hint=ids.hint(pid))


@check("W001", "duplicate dependency")
def duplicate_dependencies(ctx: Context) -> Iterator[Diagnostic]:
    """The same predecessor is listed twice with the same type; the extra entry has no
    effect."""
    for tid, task in _suspects(ctx):
        seen: set[tuple[str, str, int]] = set()
        for path, pid, typ, lag in _deps(tid, task):
            if pid != tid and _known(ctx, pid) and (pid, typ, lag) in seen:
                yield Diagnostic("W001", f"task '{tid}' lists '{pid}' ({typ}) twice",
                                 path=path[:4], hint="remove the duplicate")
            seen.add((pid, typ, lag))


@check("E021", "unknown resource")
def unknown_resources(ctx: Context) -> Iterator[Diagnostic]:
    """A task's `uses` names a resource id that the plan does not define under [resource]."""
    plan, bad = ctx.plan, ctx.broken.get("resource", set())
    for tid, task in ctx.index.tasks_with("uses"):
        for rid in task.uses:
            if rid not in plan.resource and rid not in bad:
                yield Diagnostic("E021", f"task '{tid}' uses unknown resource '{rid}'",
                                 path=("task", tid, "uses", rid),
                                 hint=did_you_mean(rid, list(plan.resource))
                                 or f"define it as [resource.{rid}] with a capacity")


@check("E033", "task needs more units than the resource has")
def units_above_capacity(ctx: Context) -> Iterator[Diagnostic]:
    """A task's `uses` asks for more units of a resource than its capacity, so no levelling
    can ever place it. Lower the units or raise the capacity."""
    for tid, task in ctx.index.tasks_with("uses"):
        for rid, units in task.uses.items():
            res = ctx.plan.resource.get(rid)
            if res is not None and units > res.max_capacity:
                most = res.max_capacity
                yield Diagnostic("E033", f"task '{tid}' needs {units} units of '{rid}', which "
                                 f"never has more than {most}",
                                 path=("task", tid, "uses", rid),
                                 hint=f"lower the units to at most {most} or raise the "
                                      f"capacity of [resource.{rid}]")


@check("E022", "unknown calendar")
def unknown_calendars(ctx: Context) -> Iterator[Diagnostic]:
    """The project or a task names a calendar id that the plan does not define under
    [calendar]."""
    plan = ctx.plan
    cal_ids = set(plan.calendar) | ctx.broken.get("calendar", set())
    uses: list[tuple[str | None, KeyPath, str, str]] = [
        (plan.project.calendar, ("project", "calendar"), "the project's calendar ",
         " is not defined")]
    uses += [(r.calendar, ("resource", rid, "calendar"), f"resource '{rid}' uses unknown "
              "calendar ", "") for rid, r in plan.resource.items()
             if r.calendar is not None and r.calendar not in cal_ids]
    uses += [(t.calendar, ("task", tid, "calendar"), f"task '{tid}' uses unknown calendar ",
              "") for tid, t in ctx.index.tasks_with("calendar")
             if t.calendar is not None and t.calendar not in cal_ids]
    for cid, path, before, after in uses:
        if cid is not None and cid not in cal_ids:
            yield Diagnostic("E022", f"{before}'{cid}'{after}", path=path,
                             hint=did_you_mean(cid, list(plan.calendar))
                             or f"define it as [calendar.{cid}]")
