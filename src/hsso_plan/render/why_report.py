"""`hsso-plan why` output: one line per link of the driving chain (text), or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..textsafe import visible
from ..why import Link

if TYPE_CHECKING:
    from .registry import RenderContext

_ROOTS = {"project-start": "the project start", "start_on": "a fixed start (start_on)",
          "start_no_earlier_than": "start_no_earlier_than", "status-date": "the status date",
          "resource": "a full resource (levelling)", "actual": "its actual dates (progress)"}


def _what(link: Link) -> str:
    d = link.driver
    if d.kind == "dependency":
        lag = f" lag {d.lag:+d}" if d.lag else ""
        return f"after '{d.task}' ({d.type}{lag})"
    root = _ROOTS.get(d.kind, d.kind)
    if d.kind == "resource":
        held = f", held by {', '.join(repr(x) for x in link.blocking)}" if link.blocking \
            else ""
        return f"by {root}: {', '.join(link.resources) or 'resource'} full{held}"
    return f"by {root}" + (f" {link.date.isoformat()}" if link.date else "")


def _float(v: int | None) -> str:
    return "-" if v is None else str(v)  # None: done, no float


def render_text(links: list[Link]) -> str:
    t = visible
    head = links[0]
    out = [f"why '{t(head.task)}' starts on {head.start.isoformat()} "
           f"({len(links)} link{'s' if len(links) != 1 else ''}, from the task to its root):"]
    w = min(max(len(x.task) for x in links), 40)
    out += [f"  {t(x.task):<{w}}  {x.start.isoformat()} .. {x.finish.isoformat()}  "
            f"slack {x.slack:>3}  float {_float(x.total_float):>4}  {t(_what(x))}" for x in links]
    return "\n".join(out) + "\n"


def _link_dict(x: Link) -> dict[str, Any]:
    d: dict[str, Any] = {"task": x.task, "name": x.name, "start": x.start.isoformat(),
                         "finish": x.finish.isoformat(), "total_float": x.total_float,
                         "slack": x.slack, "driver": {"kind": x.driver.kind}}
    if x.driver.task is not None:
        d["driver"].update(task=x.driver.task, type=x.driver.type, lag=x.driver.lag)
    if x.date is not None:
        d["driver"]["date"] = x.date.isoformat()
    if x.driver.kind == "resource":
        d["driver"].update(resources=list(x.resources), blocking_tasks=list(x.blocking))
    return d


def render_json(links: list[Link]) -> str:
    from .schedule_json import dumps_lines

    head = links[0]
    return dumps_lines({"task": head.task, "start": head.start.isoformat(),
                        "root": links[-1].driver.kind,
                        "chain": [_link_dict(x) for x in links]})


def text_context(ctx: RenderContext) -> str:
    from .text import fit_text

    return fit_text(render_text(ctx.driving), ctx.text_width)


def json_context(ctx: RenderContext) -> str:
    return render_json(ctx.driving)
