"""Amendments: ``[amend.<task-id>]`` changes one task, most often one a template generated.

A site's generated task (``nw-email`` from ``[template.ccac-to-lhin.task.email]`` for site
``nw``) cannot be written again as ``[task.nw-email]``: that is a duplicate id (E015). An
amendment names the task and only the keys to change; every other key keeps the template's
value::

    [amend.nw-email]
    duration = 20
    start_no_earlier_than = 2017-04-03
    owner = "Thunder Bay IT lead"
    note = "Waiting on the file server"

Amendments are applied after the sites are expanded and before the plan is validated, so
an amended value is checked like any other; a problem with it is located at the amendment's
line and names the site the task belongs to. Amendments may sit in an included file (a
weekly status file); each task is amended in one place only (E015 otherwise).
"""

from __future__ import annotations

from typing import Any

from ..diagnostics import Diagnostic, did_you_mean
from .loaded import LoadedPlan, Origin


def apply(raw: dict[str, Any], lp: LoadedPlan, diags: list[Diagnostic]) -> None:
    """Overlay each ``[amend.ID]`` on task ``ID`` in ``raw`` (removing the ``amend`` table)."""
    amends = raw.pop("amend", None)
    if amends is None:
        return
    if not isinstance(amends, dict):
        diags.append(Diagnostic("E011", "amend must be a table of [amend.<task-id>] tables",
                                path=("amend",), hint="write [amend.TASK-ID] with the keys "
                                "to change"))
        return
    tasks = raw.get("task")
    if not isinstance(tasks, dict):
        tasks = raw["task"] = {}
    for tid, entry in amends.items():
        where = lp.origin.get(("amend", tid), Origin(0, ("amend", tid)))
        target = tasks.get(tid)
        if not isinstance(target, dict):
            diags.append(Diagnostic(
                "E017", f"[amend.{tid}] amends task '{tid}', which the plan does not define "
                "(nor does any site's template)", path=("amend", tid),
                hint=did_you_mean(tid, tasks) or "name a task id as the schedule lists it, "
                "e.g. SITE-KEY for a task a template generates").located_in(where.file))
            continue
        if not isinstance(entry, dict):
            diags.append(Diagnostic(
                "E011", f"[amend.{tid}] must be a table of task keys",
                path=("amend", tid), hint="write the keys to change under [amend.ID]")
                .located_in(where.file))
            continue
        task_origin = lp.origin.get(("task", tid))
        site = task_origin.site if task_origin is not None else None
        template = task_origin.template if task_origin is not None else None
        tasks[tid] = {**target, **entry}
        for key in entry:
            lp.amended[("task", tid, key)] = Origin(where.file, where.path, site, template)
