"""A plain-text report: summary, critical path, deadlines and the task list."""

from __future__ import annotations

from ..schedule import Schedule


def render(s: Schedule) -> str:
    out: list[str] = []
    out.append(f"# {s.project_name}")
    out.append("")
    out.append(f"Start:  {s.project_start.isoformat()}")
    out.append(f"Finish: {s.finish.isoformat()}")
    crit = s.critical_path
    out.append(f"Tasks:  {len(s.tasks)} ({sum(t.milestone for t in s.tasks)} milestones, "
               f"{len(crit)} critical)")
    deadlines = [t for t in s.tasks if t.deadline is not None]
    missed = [t for t in deadlines if t.finish > t.deadline]  # type: ignore[operator]
    out.append(f"Deadlines: {len(deadlines) - len(missed)} met, {len(missed)} missed")
    if s.levelled:
        out.append(f"Levelled: yes ({sum(1 for t in s.tasks if t.delay)} tasks moved by "
                   "resource limits)")
    out.append("")
    out.append("## Critical path")
    out.append("")
    out.extend(f"- {t.start.isoformat()} .. {t.finish.isoformat()}  {t.id}: {t.name}"
               for t in crit)
    if not crit:
        out.append("(none)")
    if deadlines:
        out.append("")
        out.append("## Deadlines")
        out.append("")
        for t in deadlines:
            state = "MISSED" if t in missed else "met"
            out.append(f"- {t.id}: finish {t.finish.isoformat()}, deadline "
                       f"{t.deadline.isoformat() if t.deadline else ''}, float "
                       f"{t.total_float} ({state})")
    if s.violations:
        out.append("")
        out.append("## Violations")
        out.append("")
        out.extend(f"- [{v.code}] {v.message}" for v in s.violations)
    out.append("")
    out.append("## Tasks")
    out.append("")
    w = max((len(t.id) for t in s.tasks), default=2)
    for t in s.tasks:
        mark = "*" if t.critical else " "
        out.append(f"{mark} {t.id:<{w}}  {t.start.isoformat()}  {t.finish.isoformat()}  "
                   f"{t.duration:>4}d  float {t.total_float:>4}  {t.name}")
    return "\n".join(out) + "\n"
