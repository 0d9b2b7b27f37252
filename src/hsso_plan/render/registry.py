"""The output registry: every format of every command, in one place.

A format is a `Renderer`: a name, the kind of output it belongs to (``schedule``, ``report``,
``export``, ``risk``, ``diff``, ``why``), a file suffix, whether it is binary, and
``render(ctx) -> str | bytes`` over one `RenderContext` (plan, plan index, schedule,
migration, diagnostics, options; the variance against a baseline; for ``diff`` the
comparison, for ``why`` the chain). The CLI offers for each command exactly the formats
registered here for its kind, so a new output (xlsx, ics, pdf...) is one `register` call and
one module, and nothing else changes.

This module is imported on every command, so it imports nothing heavy: each format names the
function that renders it (``"module:function"``), imported only when that format is used.
A format that can draw for a terminal (colour, the terminal's width) also names a
``console`` function returning a rich renderable; files always get plain ``render`` text.
A binary format (xlsx, pdf) is refused on a terminal: the CLI asks for ``-o FILE``. A format
that needs an engine outside Python (pdf: Chromium) names a ``requires`` function saying
what is missing; the CLI makes that a usage error before any work.

`validate` has its own kind of format, a `DiagnosticsFormat` (text, json, github): it renders
the problems of a plan that may not schedule at all, from a `DiagnosticsView`, so it needs no
`RenderContext`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from importlib import import_module
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..app import Outcome
    from ..baseline import Variance
    from ..diagnostics import Diagnostic
    from ..diff import PlanDiff
    from ..loading import Origin
    from ..migration import Migration
    from ..model import Plan
    from ..plan_index import PlanIndex
    from ..risk.result import RiskResult
    from ..schedule import Schedule
    from ..why import Link
    from .report_model import Report
    from .variance_report import Summary

Kind = Literal["schedule", "report", "export", "risk", "diff", "why"]
KINDS: tuple[Kind, ...] = ("schedule", "report", "export", "risk", "diff", "why")


class CannotRender(Exception):
    """The plan cannot be written in this format (the message says what and why)."""


@dataclass(frozen=True)
class RenderOptions:
    """What the user asked for; each format reads the options that concern it."""

    lang: str = "en"
    sections: tuple[str, ...] | None = None  # None: every report section
    as_of: dt.date | None = None
    detail: bool = False
    width: int | None = None  # None: render.text.DEFAULT_WIDTH (the CLI: text.output_width)
    columns: tuple[str, ...] | None = None  # the schedule table's columns (None: all)
    iterations: int = 10_000  # Monte Carlo runs (risk outputs, the report's risk section)
    seed: int = 1
    #: Called with the share (0..1) of the risk runs scheduled (the CLI's progress bar).
    progress: Callable[[float], None] | None = None
    near_critical: int = 5  # report: near-critical at this total float (working days) or less
    lookahead: int = 10  # report: the look-ahead window in working days after the status date


@dataclass
class RenderContext:
    """Everything a renderer may read: one checked, scheduled plan and the options."""

    plan: Plan
    index: PlanIndex
    schedule: Schedule
    migration: Migration | None
    diagnostics: list[Diagnostic]
    options: RenderOptions = field(default_factory=RenderOptions)
    #: The plan file's name (``hsso-2017.toml``), for ids derived from it (ics UIDs).
    plan_name: str = "plan.toml"
    #: Where each entry was written (templates and sites of tasks, for the risk figures).
    origin: dict[tuple[str, str], Origin] = field(default_factory=dict)
    #: The schedule against the run's baseline (None without ``--baseline``).
    variance: Variance | None = None
    #: ``diff`` formats: the comparison (the context's plan is the new side).
    diff: PlanDiff | None = None
    #: ``why`` formats: the driving chain of the task asked about.
    chain: list[Link] | None = None
    #: What the output could not carry, one sentence each: a renderer adds them and the CLI
    #: prints them on stderr as ``note:`` lines (the TaskJuggler export).
    notes: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, outcome: Outcome, options: RenderOptions | None = None) -> RenderContext:
        """The context of a run that produced a schedule (the caller checks that)."""
        plan, sched, index = outcome.loaded.plan, outcome.schedule, outcome.index
        if plan is None or sched is None or index is None:
            raise ValueError("a render context needs a loaded and scheduled plan")
        return cls(plan, index, sched, outcome.migration, outcome.diagnostics,
                   options or RenderOptions(), outcome.loaded.path.name,
                   outcome.loaded.origin, outcome.variance())

    @property
    def text_width(self) -> int:
        """The width text output fits: the options' (the CLI puts ``--width`` or a
        terminal's there), else `text.DEFAULT_WIDTH` (a file, a pipe, CI)."""
        from .text import DEFAULT_WIDTH

        return self.options.width or DEFAULT_WIDTH

    @property
    def compared(self) -> PlanDiff:
        """``diff`` formats: the comparison (ValueError for a context without one)."""
        if self.diff is None:
            raise ValueError("a diff format needs the context's diff")
        return self.diff

    @property
    def driving(self) -> list[Link]:
        """``why`` formats: the driving chain (ValueError for a context without one)."""
        if self.chain is None:
            raise ValueError("a why format needs the context's chain")
        return self.chain

    @cached_property
    def baseline_summary(self) -> Summary | None:
        """The report's "against the baseline" part (None without a baseline)."""
        from .variance_report import summarise

        return None if self.variance is None else summarise(self.schedule, self.variance)

    @cached_property
    def report(self) -> Report:
        """The report model, built once for whichever report format asks. The risk section
        is part of the default sections only when the plan has ranges or events."""
        from .labels import SECTIONS
        from .report_model import ReportOptions, attach_risk, build

        o = self.options
        risky = self.index.has_risk
        sections = o.sections or tuple(s for s in SECTIONS if s != "risk" or risky)
        rep = build(self.plan, self.schedule, self.migration, self.diagnostics,
                    ReportOptions(lang=o.lang, sections=sections, as_of=o.as_of,
                                  detail=o.detail, chosen=o.sections is not None,
                                  near_critical=o.near_critical, lookahead=o.lookahead),
                    self.index, self.variance)
        if risky and ("risk" in sections or "readiness" in sections):
            from .risk_rows import in_lang

            # the transfers' confidence comes from it; names in the report's language
            attach_risk(rep, in_lang(self.risk, self.plan, o.lang))
        return rep

    @cached_property
    def risk(self) -> RiskResult:
        """The Monte Carlo risk figures (options ``iterations``, ``seed``), computed once."""
        from ..risk.analysis import risk_of_context

        return risk_of_context(self)


class Renderer(Protocol):
    """One output format."""

    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> Kind: ...
    @property
    def suffix(self) -> str: ...
    @property
    def binary(self) -> bool: ...
    def render(self, ctx: RenderContext) -> str | bytes: ...


def _load(target: str) -> Any:
    module, _, attr = target.partition(":")
    return getattr(import_module(module, __package__), attr)


@dataclass(frozen=True)
class Format:
    """A registered format: a `Renderer` whose code is imported when first used."""

    kind: Kind
    name: str
    suffix: str
    help: str
    target: str  # "module:function", function(ctx) -> str | bytes
    console: str | None = None  # "module:function", function(ctx, width) -> renderable
    binary: bool = False
    #: "module:function", function() -> str | None: why the format cannot be written on
    #: this machine (a missing engine; the CLI exits 2 with it), None when it can.
    requires: str | None = None

    def missing(self) -> str | None:
        """What this machine lacks to write the format (None: nothing)."""
        if self.requires is None:
            return None
        why: str | None = _load(self.requires)()
        return why

    def render(self, ctx: RenderContext) -> str | bytes:
        out: str | bytes = _load(self.target)(ctx)
        return out

    def console_renderable(self, ctx: RenderContext, width: int) -> Any:
        """A rich renderable for a terminal ``width`` wide (formats with ``console``)."""
        if self.console is None:
            raise ValueError(f"the {self.name} format does not draw for a terminal")
        return _load(self.console)(ctx, width)


_FORMATS: dict[tuple[Kind, str], Format] = {}


def register(fmt: Format) -> Format:
    """Add a format; its kind's command offers it from then on. Names are unique per kind."""
    key = (fmt.kind, fmt.name)
    if key in _FORMATS:
        raise ValueError(f"a {fmt.kind} format named {fmt.name!r} is already registered")
    _FORMATS[key] = fmt
    return fmt


def formats(kind: Kind) -> list[Format]:
    """The formats of ``kind``, in registration order (the first is the default)."""
    return [f for (k, _), f in _FORMATS.items() if k == kind]


def get(kind: Kind, name: str) -> Format:
    try:
        return _FORMATS[(kind, name)]
    except KeyError:
        known = ", ".join(f.name for f in formats(kind))
        raise KeyError(f"no {kind} format {name!r}; choose from {known}") from None


def help_text(kind: Kind) -> str:
    """One line per format, for a command's ``--format`` help."""
    return "; ".join(f"{f.name}: {f.help}" for f in formats(kind)) + "."


@dataclass(frozen=True)
class DiagnosticsView:
    """What `validate` prints: the plan's problems and whether they fail the run."""

    display: str  # the plan file as the user named it
    diagnostics: list[Diagnostic]
    ntasks: int | None  # tasks scheduled (None: the plan did not schedule)
    strict: bool = False  # warnings fail too

    @property
    def ok(self) -> bool:
        """False when the run fails: errors, or (with ``strict``) warnings. It agrees with
        the exit status (`Outcome.exit_status`)."""
        failing = {"error", "warning"} if self.strict else {"error"}
        return not any(d.severity.value in failing for d in self.diagnostics)


@dataclass(frozen=True)
class DiagnosticsFormat:
    """A registered `validate` format, imported when first used."""

    name: str
    help: str
    target: str  # "module:function", function(view: DiagnosticsView) -> str

    def render(self, view: DiagnosticsView) -> str:
        out: str = _load(self.target)(view)
        return out


_DIAGNOSTICS: dict[str, DiagnosticsFormat] = {}


def register_diagnostics(fmt: DiagnosticsFormat) -> DiagnosticsFormat:
    """Add a `validate` format; names are unique."""
    if fmt.name in _DIAGNOSTICS:
        raise ValueError(f"a diagnostics format named {fmt.name!r} is already registered")
    _DIAGNOSTICS[fmt.name] = fmt
    return fmt


def diagnostics_formats() -> list[DiagnosticsFormat]:
    """The `validate` formats in registration order (the first is the default)."""
    return list(_DIAGNOSTICS.values())


def diagnostics_format(name: str) -> DiagnosticsFormat:
    try:
        return _DIAGNOSTICS[name]
    except KeyError:
        known = ", ".join(_DIAGNOSTICS)
        raise KeyError(f"no diagnostics format {name!r}; choose from {known}") from None


def diagnostics_help() -> str:
    """The `validate --format` help."""
    return "; ".join(f"{f.name}: {f.help}" for f in _DIAGNOSTICS.values()) + "."


for _f in (
    Format("schedule", "table", ".txt", "a table (plain text in a file)",
           ".table:from_context", console=".table:console"),
    Format("schedule", "json", ".json", "the contract's JSON", ".schedule_json:from_context"),
    Format("schedule", "csv", ".csv", "one row per task", ".csv_:from_context"),
    Format("schedule", "xlsx", ".xlsx", "an Excel workbook (binary: with -o FILE)",
           ".xlsx:from_context", binary=True),
    Format("report", "terminal", ".txt", "for a terminal (default; plain text in a file)",
           ".terminal_report:from_context", console=".terminal_report:console"),
    Format("report", "html", ".html", "one self-contained file",
           ".html_report:from_context"),
    Format("report", "markdown", ".md", "tables and a Mermaid gantt",
           ".markdown_report:from_context"),
    Format("report", "json", ".json", "the same content as data", ".report_json:from_context"),
    Format("report", "xlsx", ".xlsx", "an Excel workbook of the same content (binary: with "
           "-o FILE)", ".xlsx:from_context", binary=True),
    Format("report", "pdf", ".pdf", "the HTML report printed by headless Chromium (binary: "
           "with -o FILE)", ".pdf:from_context", binary=True, requires=".pdf:missing"),
    Format("export", "mspdi", ".xml", "MS Project XML (the XML format MS Project saves and "
           "opens)", "..interchange.mspdi_export:from_context"),
    Format("export", "tjp", ".tjp", "a TaskJuggler 3 project", "..interchange.tjp:from_context"),
    Format("export", "ics", ".ics", "an iCalendar file of the transfers, milestones and "
           "deadlines", "..interchange.ics:from_context"),
    Format("risk", "terminal", ".txt", "for a terminal (default; plain text in a file)",
           ".risk_terminal:from_context", console=".risk_terminal:console"),
    Format("risk", "json", ".json", "the risk figures as data (contract section 6)",
           ".risk_json:from_context"),
    Format("risk", "html", ".html", "one self-contained file with the S-curve and tornado",
           ".risk_html:from_context"),
    Format("risk", "markdown", ".md", "tables", ".risk_markdown:from_context"),
    Format("diff", "text", ".txt", "for a terminal (default)", ".diff_report:text_context"),
    Format("diff", "json", ".json", "the contract's JSON", ".diff_report:json_context"),
    Format("diff", "markdown", ".md", "for a pull-request comment",
           ".diff_report:markdown_context"),
    Format("why", "text", ".txt", "one line per link (default)", ".why_report:text_context"),
    Format("why", "json", ".json", "the links as data", ".why_report:json_context"),
):
    register(_f)

for _d in (
    DiagnosticsFormat("text", "FILE:LINE:COL: error[CODE] lines and a summary (default)",
                      ".diagnostics:text_view"),
    DiagnosticsFormat("json", "the contract's JSON object", ".diagnostics:json_view"),
    DiagnosticsFormat("github", "GitHub Actions annotations on the pull request's lines, "
                      "and the summary", ".diagnostics:github_view"),
):
    register_diagnostics(_d)
