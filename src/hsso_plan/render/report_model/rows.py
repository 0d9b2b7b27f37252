"""The report's rows: one frozen dataclass per kind of row, and the `Report` that holds them.

Nothing here formats for a medium; dates stay `datetime.date`. A field whose JSON key
differs from its Python name (``from``, ``to``, ``float``) says so in its metadata (see
report_json).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..labels import SECTIONS

if TYPE_CHECKING:
    from ...risk.result import RiskResult

#: The sections `build` makes by default: all but ``risk``, whose Monte Carlo figures are
#: not built here but attached by `RenderContext.report` (when the plan has ranges or events).
BUILT_SECTIONS = tuple(s for s in SECTIONS if s != "risk")

#: The executive part of a report: what fits one printed page or one 80x50 screen. Every
#: other section is an appendix (after it in the terminal and Markdown, folded in HTML).
EXECUTIVE = ("summary", "readiness", "gantt")

#: The front of a report, never an appendix: the executive page and the look-ahead (what
#: the terminal report shows by default).
FRONT = (*EXECUTIVE, "lookahead")

#: Default threshold of "near-critical": total float of at most this many working days.
NEAR_CRITICAL_DAYS = 5

#: Default look-ahead window: the next this many working days after the status date.
LOOKAHEAD_DAYS = 10

#: Top issues listed in the summary (the rest are counted).
TOP_ISSUES = 5


@dataclass
class ReportOptions:
    lang: str = "en"
    sections: tuple[str, ...] = BUILT_SECTIONS
    as_of: dt.date | None = None
    detail: bool = False  # every task in the Gantt and every appendix in the terminal
    #: The sections were asked for (``--section``): the terminal shows them all.
    chosen: bool = False
    near_critical: int = NEAR_CRITICAL_DAYS
    lookahead: int = LOOKAHEAD_DAYS


@dataclass(frozen=True)
class GanttRow:
    kind: str  # "workstream" | "task" | "milestone"
    id: str
    name: str
    start: dt.date
    finish: dt.date
    #: On the driving path to the project finish (a workstream: one of its tasks is).
    critical: bool
    level: int
    total_float: int | None = None
    milestones: list[tuple[dt.date, str, bool]] = field(default_factory=list)
    depends: list[str] = field(default_factory=list)
    workstream: str | None = None
    #: Not driving, but with total float at most the near-critical threshold (a task not
    #: done; never a fixed-date milestone, whose float is zero by definition).
    near_critical: bool = False
    #: Progress: "done" | "in progress" | "not started" (None: the plan tracks none).
    status: str | None = None
    #: The task starts on a fixed date (``start_on``).
    fixed: bool = False
    #: The baseline's start and finish (None: no baseline, or the baseline lacks the row).
    baseline: tuple[dt.date, dt.date] | None = None
    #: Percent of the work done at the status date (None: the plan tracks no progress);
    #: a workstream's is its tasks' weighted by duration.
    done_pct: int | None = None


@dataclass(frozen=True)
class Summary:
    """The headline figures."""

    start: dt.date
    finish: dt.date
    working_days: int
    tasks: int
    milestones: int
    critical_tasks: int
    critical_path_days: int
    deadlines_met: int
    deadlines_missed: int
    transfers: int
    staff_moving: int
    problems: int  # errors only
    levelled: bool
    moved_by_resources: int
    #: The plan's status date (None: the plan tracks no progress).
    status_date: dt.date | None = None
    #: The driving path to the project finish: task ids from its root to the finish.
    driving_path: list[str] = field(default_factory=list)
    driving_names: list[str] = field(default_factory=list)
    #: What sets the first task of the driving path (a `Driver` kind: "start_on", ...).
    driving_root: str = ""
    near_critical: int = 0
    near_critical_days: int = NEAR_CRITICAL_DAYS
    deadlines_on_track: int = 0
    deadlines_at_risk: int = 0
    warnings: int = 0
    #: Tasks late as of the status date (see `present.late_tasks`).
    late_tasks: int = 0
    #: The next transfers after the status date: (date, site), at most three dates.
    next_transfers: list[tuple[dt.date, str]] = field(default_factory=list)
    #: Tasks done by the status date, of all tasks.
    done_tasks: int = 0


def summary_deadlines(s: Summary) -> dict[str, int]:
    """The summary's deadlines by status ("met", "on track", "at risk", "missed")."""
    return {"met": s.deadlines_met, "on track": s.deadlines_on_track,
            "at risk": s.deadlines_at_risk, "missed": s.deadlines_missed}


@dataclass(frozen=True)
class ReadinessRow:
    """One transfer: its readiness work at the status date and the RAG status from float."""

    transfer: str
    site: str
    date: dt.date | None
    source: str = field(metadata={"key": "from"})
    target: str = field(metadata={"key": "to"})
    tasks: int
    done: int
    remaining: int
    float_days: int | None = field(metadata={"key": "float"})
    late: list[str]
    rag: str  # "green" | "amber" | "red"
    #: Readiness tasks behind as of the status date (ids; see `present.behind`).
    behind: list[str] = field(default_factory=list)
    #: The driving path of the readiness work: ids from its root to the last readiness task.
    driving: list[str] = field(default_factory=list)
    driving_names: list[str] = field(default_factory=list)
    driving_root: str = ""
    #: P(readiness done before the transfer date), from the risk section (None: no risk).
    confidence: float | None = None


@dataclass(frozen=True)
class CoverageRow:
    """One provision: a provider serving one consumer a service, from a date until one."""

    service: str
    service_name: str
    consumer: str
    consumer_id: str
    consumer_kind: str
    provider: str
    provider_id: str
    start: dt.date = field(metadata={"key": "from"})
    until: dt.date | None  # None: open-ended


@dataclass(frozen=True)
class CoverageGroup:
    """Provisions of one service by one provider to one kind of consumer, condensed."""

    service: str
    service_name: str
    provider: str
    provider_id: str
    kind: str
    consumers: list[str]
    start: tuple[dt.date, dt.date]  # earliest and latest start
    until: tuple[dt.date | None, dt.date | None]  # earliest and latest end (None: open)


@dataclass(frozen=True)
class StaffRow:
    transfer: str
    date: dt.date | None
    source: str = field(metadata={"key": "from"})
    target: str = field(metadata={"key": "to"})
    headcount: int
    groups: int


@dataclass(frozen=True)
class ResourceRow:
    id: str
    name: str
    capacity: int
    peak: int
    weeks: list[tuple[dt.date, int]]  # Monday -> the week's peak use, idle weeks at 0


@dataclass(frozen=True)
class DelayRow:
    """A task levelling moved: when it could have started, and what held it."""

    id: str
    name: str
    earliest: dt.date
    start: dt.date
    resources: list[str]
    blocking: list[str]


@dataclass(frozen=True)
class DeadlineRow:
    id: str
    name: str
    finish: dt.date
    deadline: dt.date | None
    float_days: int | None = field(metadata={"key": "float"})  # None: the task is done
    met: bool  # status == "met"
    #: "met" (done by the deadline) | "on track" | "at risk" (slack at most the
    #: near-critical threshold) | "missed" (passed undone, done late, or projected late).
    status: str = "on track"
    #: Working days from the (projected) finish to the deadline; negative: after it.
    slack: int | None = None


@dataclass(frozen=True)
class LookRow:
    """A look-ahead line: a task due to start or finish in the window, or late."""

    id: str
    name: str
    kind: str  # "late" | "start" | "finish"
    date: dt.date  # the (projected) start or finish
    status: str | None
    workstream: str
    owner: str | None
    note: str | None
    remaining: int | None


@dataclass(frozen=True)
class IssueRow:
    """A top issue for the summary; the renderers word it (`text.issue_text`)."""

    #: "error" | "deadline-missed" | "transfer-red" | "deadline-at-risk" | "late"
    #: | "transfer-amber", in that order of severity.
    kind: str
    id: str
    name: str
    date: dt.date | None = None
    detail: str = ""  # the message of an error, the site of a transfer


@dataclass(frozen=True)
class ProblemRow:
    code: str
    severity: str
    message: str
    where: str  # FILE:LINE:COL, or "" when the problem has no place


@dataclass
class Report:
    lang: str
    title: str
    as_of: dt.date
    sections: tuple[str, ...]
    summary: Summary
    gantt: list[GanttRow]  # workstreams (and loose tasks), or every task with --detail
    gantt_hidden: int
    gantt_full: list[GanttRow]  # every task under its workstream
    readiness: list[ReadinessRow]
    rag_rule: tuple[int, int]
    coverage: list[CoverageRow]
    staff: list[StaffRow]
    resources: list[ResourceRow]
    delays: list[DelayRow]
    deadlines: list[DeadlineRow]
    problems: list[ProblemRow]
    span: tuple[dt.date, dt.date]
    #: The Monte Carlo figures of the risk section (set by `RenderContext.report` when the
    #: plan has ranges or events and the section is asked for).
    risk: RiskResult | None = None
    #: Every issue, most severe first (the summary shows the first `TOP_ISSUES`).
    issues: list[IssueRow] = field(default_factory=list)
    lookahead: list[LookRow] = field(default_factory=list)
    #: The look-ahead window: the first and last working day after the status date.
    lookahead_window: tuple[dt.date, dt.date] | None = None
    lookahead_days: int = LOOKAHEAD_DAYS
    #: Every appendix in the terminal (--detail), or the sections were chosen (--section).
    detail: bool = False
    chosen: bool = False
    #: The status date the Gantt draws (``--as-of`` or ``project.status_date``; None: none).
    status_date: dt.date | None = None

    def shows(self, section: str, medium: str = "terminal") -> bool:
        """Whether a terminal report prints ``section`` (the others print every section
        they are given): by default the executive page and the look-ahead."""
        if medium != "terminal" or self.detail or self.chosen:
            return section in self.sections
        return section in self.sections and section in FRONT

    @property
    def appendices(self) -> list[str]:
        """The sections a default terminal report leaves out (named in its footer)."""
        return [s for s in self.sections if not self.shows(s)]
