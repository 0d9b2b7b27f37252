"""The "against the baseline" part of `hsso-plan report --baseline`: the project's finish
variance, then the tasks that slipped, milestones and transfers first (then by slip), then
the count of tasks that are new since the baseline or earlier than it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..baseline import Variance
from ..schedule import Schedule
from ..textsafe import visible
from .markdown import md_text
from .text import days_text


@dataclass(frozen=True)
class Slip:
    id: str
    name: str
    milestone: bool
    baseline_finish: str
    finish: str
    finish_variance: int


@dataclass(frozen=True)
class Summary:
    baseline_finish: str | None
    finish: str
    finish_variance: int | None
    slipped: tuple[Slip, ...]
    earlier: int
    new: int


def summarise(s: Schedule, v: Variance) -> Summary:
    slips: list[Slip] = []
    earlier = new = 0
    for k, t in enumerate(s.tasks):
        tv = v.of(k)
        if tv.finish_variance is None or tv.baseline_finish is None:
            new += 1
        elif tv.finish_variance < 0:
            earlier += 1
        elif tv.finish_variance > 0:
            slips.append(Slip(t.id, t.name, t.milestone, tv.baseline_finish.isoformat(),
                              t.finish.isoformat(), tv.finish_variance))
    slips.sort(key=lambda x: (not x.milestone, -x.finish_variance))
    bf = v.baseline_finish.isoformat() if v.baseline_finish else None
    return Summary(bf, s.finish.isoformat(), v.finish_variance, tuple(slips), earlier, new)


def as_dict(x: Summary) -> dict[str, Any]:
    return {"baseline_finish": x.baseline_finish, "finish": x.finish,
            "finish_variance": x.finish_variance, "earlier": x.earlier, "new": x.new,
            "slipped": [{"id": s.id, "name": s.name, "milestone": s.milestone,
                         "baseline_finish": s.baseline_finish, "finish": s.finish,
                         "finish_variance": s.finish_variance} for s in x.slipped]}


def _head(x: Summary) -> str:
    fv = "" if x.finish_variance is None else f" ({days_text(x.finish_variance)})"
    return (f"Finish {x.finish} against the baseline's {x.baseline_finish or '-'}{fv}; "
            f"{len(x.slipped)} tasks later, {x.earlier} earlier, {x.new} new.")


def to_text(x: Summary, limit: int = 20) -> str:
    t = visible
    out = ["", "Against the baseline", _head(x)]
    for s in x.slipped[:limit]:
        mark = "◆ " if s.milestone else "  "
        out.append(f"  {mark}{t(s.id)}  {s.baseline_finish} -> {s.finish}  "
                   f"{s.finish_variance:+d}  {t(s.name)}")
    if len(x.slipped) > limit:
        out.append(f"  ... and {len(x.slipped) - limit} more (schedule --baseline lists all)")
    return "\n".join(out) + "\n"


def to_markdown(x: Summary, limit: int = 50) -> str:
    out = ["", "## Against the baseline", "", md_text(_head(x)), ""]
    if x.slipped:
        out += ["| task | baseline finish | finish | variance |", "|---|---|---|---:|"]
        out += [f"| {'◆ ' if s.milestone else ''}{md_text(s.name)} (`{s.id}`) | "
                f"{s.baseline_finish} | {s.finish} | {s.finish_variance:+d} |"
                for s in x.slipped[:limit]]
        out.append("")
    return "\n".join(out)
