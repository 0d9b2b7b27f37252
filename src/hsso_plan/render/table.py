"""The schedule as a table for the terminal (and as plain text in a file), fitted to a width.

Columns have a priority, as `git log` and `kubectl` do: ID, Start, Finish, Float and the
milestone / critical marker first, then Name (truncated with … to fit), then Status (with a
status date), Driven by, Days, Resources, and with a baseline the variance and the baseline
finish. When the columns do not fit the width, the last in that order are dropped first and
a line under the table says which (``--width`` or ``--columns`` bring them back).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from rich import box
from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text

from ..baseline import Variance
from ..schedule import Schedule, ScheduledTask
from .text import DEFAULT_WIDTH, driver_text, visible

if TYPE_CHECKING:
    from .registry import RenderContext

GAP = 2  # columns between two table columns (one cell of padding each side)


@dataclass(frozen=True)
class Column:
    """One column: its ``--columns`` name, header, and how it gives way to a narrow width."""

    name: str
    header: str
    justify: Literal["left", "right"] = "left"
    #: Truncated with … down to this width to keep a column of its priority (None: never).
    shrink_to: int | None = None
    #: The width it keeps before a column of lower priority than the core is added (None:
    #: its full width): a name stays readable rather than making room for "Driven by".
    room: int | None = None
    #: Shown only when the schedule has it: a status date, a baseline.
    needs: Literal["status", "baseline"] | None = None
    help: str = ""


#: Every column in display order (the default order, and the order of ``--columns`` help).
COLUMNS: tuple[Column, ...] = (
    Column("id", "ID", shrink_to=14, help="the task id"),
    Column("name", "Name", shrink_to=12, room=20, help="the task's name"),
    Column("start", "Start", help="the scheduled start"),
    Column("finish", "Finish", help="the scheduled finish"),
    Column("duration", "Days", "right", help="the duration in working days"),
    Column("float", "Float", "right", help="total float in working days (- when done)"),
    Column("critical", "", help="◆ a milestone, ! on the critical path"),
    Column("driver", "Driven by", shrink_to=12, room=12, help="what sets the start"),
    Column("status", "Status", needs="status", help="progress at the status date"),
    Column("resources", "Resources", shrink_to=10, room=10, help="resources used (units)"),
    Column("baseline_finish", "Baseline finish", needs="baseline",
           help="the baseline's finish"),
    Column("variance", "Var", "right", needs="baseline",
           help="finish variance in working days (+ = later)"),
)
BY_NAME = {c.name: c for c in COLUMNS}
#: The order columns are kept in when the width is short (the first kept longest).
PRIORITY = ("id", "start", "finish", "float", "critical", "name", "status", "driver",
            "duration", "resources", "variance", "baseline_finish")
#: The columns kept whatever the width (truncated to ``shrink_to`` if need be).
CORE = frozenset(PRIORITY[:6])
#: Shrinking order: these give up width (down to ``shrink_to``) in this order.
SHRINK = ("resources", "driver", "name", "id")


class UnknownColumn(ValueError):
    """A ``--columns`` name that is not a column (the message lists the valid ones)."""


def parse_columns(text: str) -> tuple[str, ...]:
    """``--columns id,name,start``: the names, checked (a repeated name counts once).

    >>> parse_columns("id, start,id")
    ('id', 'start')
    """
    names = tuple(dict.fromkeys(x.strip() for x in text.split(",") if x.strip()))
    bad = [x for x in names if x not in BY_NAME]
    if bad or not names:
        given = visible(", ".join(bad)) or "(none given)"
        raise UnknownColumn(f"unknown column {given}; choose from {', '.join(BY_NAME)}")
    return names


def _variance(v: int | None) -> Text:
    if v is None:
        return Text("new")
    return Text(f"{v:+d}" if v else "0", style="red" if v > 0 else "green" if v < 0 else "")


def _cells(s: Schedule, variance: Variance | None, k: int, t: ScheduledTask) -> dict[str, Text]:
    """Every column's cell of one task (plan text made visible)."""
    mark = ("◆" if t.milestone else "") + ("!" if t.critical else "")
    fl = "-" if t.total_float is None else str(t.total_float)
    status = t.status + (f" ({t.remaining} left)" if t.remaining is not None else "") \
        if t.status else ""
    cells = {
        "id": Text(visible(t.id)), "name": Text(visible(t.name)),
        "start": Text(t.start.isoformat()), "finish": Text(t.finish.isoformat()),
        "duration": Text(str(t.duration)),
        "float": Text(fl, style="red" if t.total_float is not None and t.total_float < 0
                      else ""),
        "critical": Text(mark, style="bold red" if t.critical else ""),
        "driver": Text(visible(driver_text(t))), "status": Text(status),
        "resources": Text(visible(", ".join(f"{r}×{n}" if n != 1 else r
                                            for r, n in t.uses.items()))),
    }
    if variance is not None:
        tv = variance.of(k)
        cells["baseline_finish"] = Text(tv.baseline_finish.isoformat()
                                        if tv.baseline_finish else "")
        cells["variance"] = _variance(tv.finish_variance)
    return cells


def layout(natural: dict[str, int], wanted: tuple[str, ...], width: int
           ) -> tuple[list[str], dict[str, int], list[str]]:
    """The columns shown (in ``wanted``'s order), their widths, and those dropped: columns
    are taken in `PRIORITY` order while they fit (the core at their narrowest, the others
    only if the core keeps its ``room``; strict: after the first that does not fit, none is
    taken), then the `SHRINK` columns give up width in turn."""

    def narrowest(c: str) -> int:
        floor = BY_NAME[c].shrink_to
        return natural[c] if floor is None else min(natural[c], floor)

    def room(c: str, core: bool) -> int:
        r = BY_NAME[c].room
        return narrowest(c) if core else natural[c] if r is None else min(natural[c], r)

    kept: list[str] = []
    dropped: list[str] = []
    for c in sorted(wanted, key=PRIORITY.index):
        need = sum(room(x, c in CORE) for x in (*kept, c)) + GAP * len(kept)
        if dropped or (kept and need > width):
            dropped.append(c)
        else:
            kept.append(c)
    widths = {c: natural[c] for c in kept}
    excess = sum(widths.values()) + GAP * (len(kept) - 1) - width
    for c in SHRINK:
        if excess <= 0:
            break
        if c in widths:
            give = min(excess, widths[c] - narrowest(c))
            widths[c] -= give
            excess -= give
    if excess > 0 and kept:  # one column wider than the width: it gives way
        widths[kept[0]] = max(1, widths[kept[0]] - excess)
    return [c for c in wanted if c in widths], widths, [c for c in wanted if c in dropped]


def _title(s: Schedule, variance: Variance | None) -> Text:
    title = Text(f"{visible(s.project_name)}: {s.first_start.isoformat()} to "
                 f"{s.finish.isoformat()}" + (" (levelled)" if s.levelled else "")
                 + (f", status as of {s.status_date.isoformat()}" if s.status_date else ""))
    if variance is not None and variance.finish_variance is not None:
        title.append(f"; baseline finish {variance.baseline_finish}, "
                     f"{variance.finish_variance:+d} working days")
    return title


def render(s: Schedule, variance: Variance | None = None, width: int = DEFAULT_WIDTH,
           columns: tuple[str, ...] | None = None) -> Group:
    """The table at ``width`` columns: the ``columns`` asked for (default: every one that
    applies), fitted by `layout`; a line under it names the columns dropped to fit."""
    have = {None: True, "status": s.status_date is not None, "baseline": variance is not None}
    asked = columns or tuple(c.name for c in COLUMNS)
    wanted = tuple(c for c in asked if have[BY_NAME[c].needs])
    rows = [_cells(s, variance, k, t) for k, t in enumerate(s.tasks)]
    natural = {c: max([cell_len(BY_NAME[c].header), *(r[c].cell_len for r in rows)])
               for c in wanted}
    shown, widths, dropped = layout(natural, wanted, width)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1, 0, 0),
                  header_style="bold")
    for c in shown:
        col = BY_NAME[c]
        table.add_column(col.header, justify=col.justify, width=widths[c], no_wrap=True,
                         overflow="ellipsis")
    for r in rows:
        table.add_row(*(r[c] for c in shown))
    notes = ["◆ milestone  ! critical (on the critical path)"] if "critical" in shown else []
    if dropped:
        notes.append(f"Not shown at {width} columns: "
                     f"{', '.join(BY_NAME[c].header or c for c in dropped)} "
                     "(see --width, --columns).")
    for need, what in (("status", "the plan has no status date"),
                       ("baseline", "no baseline (--baseline FILE.json)")):
        missing = [c for c in columns or () if BY_NAME[c].needs == need and not have[need]]
        if missing:
            notes.append(f"Not shown: {', '.join(missing)}: {what}.")
    return Group(_title(s, variance), table, *(Text(n) for n in notes))


def _of(ctx: RenderContext, width: int) -> Group:
    return render(ctx.schedule, ctx.variance, width, ctx.options.columns)


def console(ctx: RenderContext, width: int) -> Group:
    """The schedule table for a terminal ``width`` wide."""
    return _of(ctx, width)


def from_context(ctx: RenderContext) -> str:
    """The schedule table as plain text (for a file), `DEFAULT_WIDTH` unless asked."""
    from .text import plain_text

    width = ctx.text_width
    return plain_text(_of(ctx, width), width)
