"""The plan's key dates as an iCalendar file (RFC 5545), for Outlook, Google and Apple
calendars: `hsso-plan export PLAN -f ics -o plan.ics`.

One all-day event (``DTSTART;VALUE=DATE``, ``DTEND`` the next day) per transfer, per
milestone that is not a transfer's day, and per deadline (``finish_no_later_than``).

Re-importing updates rather than duplicates: each UID is derived from the plan id and the
entry's kind and id, never from a counter or a clock, and ``DTSTAMP`` comes from the plan
(its status date, else its start), so the same plan gives the same bytes. Text is escaped
per RFC 5545 3.3.11 (backslash, semicolon, comma, newline; a CR or CRLF becomes a newline,
other control characters, which TEXT cannot carry, become U+FFFD), lines are folded at 75
octets without splitting a UTF-8 character, and lines end with CRLF.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import __version__
from ..migration import Migration
from ..model import Plan
from ..render.report_model import rag
from ..schedule import Schedule

if TYPE_CHECKING:
    from ..render.registry import RenderContext

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_NOT_ID = re.compile(r"[^A-Za-z0-9_-]+")
FOLD_AT = 75  # octets per line, CRLF excluded (RFC 5545 3.1)


@dataclass(frozen=True)
class Event:
    uid: str
    day: dt.date
    summary: str
    description: str
    category: str


def escape_text(value: str) -> str:
    """An RFC 5545 TEXT value: ``\\`` ``;`` ``,`` and newlines escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _CONTROL.sub("\ufffd", value)
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def fold(line: str) -> str:
    """``line`` folded into CRLF-separated pieces of at most 75 octets; continuation lines
    begin with a space, and no UTF-8 character is split."""
    out: list[str] = []
    piece: list[str] = []
    size = 0
    limit = FOLD_AT
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append("".join(piece))
            piece, size, limit = [], 0, FOLD_AT - 1
        piece.append(ch)
        size += n
    out.append("".join(piece))
    return "\r\n ".join(out)


def plan_id(name: str) -> str:
    """The id UIDs start with: the plan file's name without `.toml`, as a bare key."""
    return _NOT_ID.sub("-", name.removesuffix(".toml")).strip("-") or "plan"


def events(plan: Plan, sched: Schedule, mig: Migration | None, pid: str) -> list[Event]:
    """Transfers (in date order), then milestones and deadlines in plan order."""
    tasks = {t.id: t for t in sched.tasks}
    orgs = plan.org
    out: list[Event] = []
    transfer_days: set[str] = set()
    green = plan.transition.readiness_green_days
    amber = plan.transition.readiness_amber_days
    for tv in sorted(mig.transfers if mig else [], key=lambda x: (x.date or dt.date.max, x.id)):
        if tv.date is None:
            continue
        on = plan.transfer[tv.id].on
        if isinstance(on, str):
            transfer_days.add(on)
        src = orgs[tv.source].name if tv.source in orgs else tv.source
        dst = orgs[tv.target].name if tv.target in orgs else tv.target
        status = rag(tv.float_days, bool(tv.readiness_late), green, amber).upper()
        fl = "unknown" if tv.float_days is None else f"{tv.float_days} working days"
        lines = [f"From {src} to {dst}.", f"Staff moving: {tv.headcount}.",
                 f"Readiness: {status} (float {fl}, {tv.readiness_total} readiness tasks)."]
        if tv.readiness_late:
            lines.append(f"Late readiness work: {', '.join(tv.readiness_late)}.")
        out.append(Event(f"{pid}-transfer-{tv.id}@hsso-plan", tv.date,
                         tv.name or f"Transfer: {src} to {dst}", "\n".join(lines), "Transfer"))
    for tid, spec in plan.task.items():
        t = tasks.get(tid)
        if t is None:
            continue
        if t.milestone and tid not in transfer_days:
            out.append(Event(f"{pid}-milestone-{tid}@hsso-plan", t.start, spec.name,
                             f"Milestone {tid}; total float {t.total_float} working days.",
                             "Milestone"))
        if t.deadline is not None:
            late = t.finish > t.deadline
            out.append(Event(
                f"{pid}-deadline-{tid}@hsso-plan", t.deadline, f"Deadline: {spec.name}",
                f"{tid} must finish by {t.deadline.isoformat()}; scheduled to finish on "
                f"{t.finish.isoformat()} ({'MISSED' if late else 'met'}, total float "
                f"{t.total_float} working days).", "Deadline"))
    return out


def export(plan: Plan, sched: Schedule, mig: Migration | None, pid: str) -> str:
    """The calendar as RFC 5545 text (CRLF line ends)."""
    stamp = (plan.project.status_date or plan.project.start).strftime("%Y%m%dT000000Z")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0",
             f"PRODID:-//hsso-plan//hsso-plan {__version__}//EN", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape_text(plan.project.name)}"]
    for e in events(plan, sched, mig, pid):
        lines += ["BEGIN:VEVENT", f"UID:{e.uid}", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{e.day.strftime('%Y%m%d')}",
                  f"DTEND;VALUE=DATE:{(e.day + dt.timedelta(days=1)).strftime('%Y%m%d')}",
                  f"SUMMARY:{escape_text(e.summary)}",
                  f"DESCRIPTION:{escape_text(e.description)}",
                  f"CATEGORIES:{e.category}", "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(fold(x) + "\r\n" for x in lines)


def from_context(ctx: RenderContext) -> str:
    """The calendar for the registry; UIDs start with the plan file's name."""
    return export(ctx.plan, ctx.schedule, ctx.migration, plan_id(ctx.plan_name))
