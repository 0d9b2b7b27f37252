"""The check registry: every diagnostic code, defined once, with its explanation.

A code is registered in one place, by one of two decorators:

- `check` on the function that finds the problem: ``@check("E023", "task depends on
  itself")``. The function takes a `Context` and yields `Diagnostic` values; it runs at
  its `Stage`. A code found by several functions is documented by the first (with a
  title); the others name the code without one.
- `code` on a class, for a code found outside the checks (the loader reads files and
  shapes, the use case turns calendar failures into diagnostics). The class only carries
  the documentation; the loader refers to the code by its name.

The docstring of the function or class is the code's explanation: `hsso-plan explain CODE`
prints it and docs/error-codes.md is generated from it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from ..diagnostics import Diagnostic, Severity, did_you_mean

if TYPE_CHECKING:
    from ..calendars import WorkCalendar
    from ..migration.resolve import Resolved
    from ..model import Plan
    from ..plan_index import PlanIndex
    from ..schedule import Schedule
    from ..scheduling.network import Network


V = TypeVar("V")


class Stage(StrEnum):
    """When a check runs: what it needs to have been computed."""

    LOADER = "loader"  # found while reading (by `hsso_plan.loading`), not a check function
    PLAN = "plan"  # the checked plan, its index and calendars
    NETWORK = "network"  # the activity network (cycles)
    TIMELINE = "timeline"  # the scheduler's facts
    MIGRATION = "migration"  # the migration's points in time, resolved on the schedule


@dataclass
class Context:
    """What a check may read. Later stages fill more of it."""

    plan: Plan
    index: PlanIndex
    broken: Mapping[str, set[str]]
    calendars: dict[str | None, WorkCalendar]
    network: Network | None = None
    schedule: Schedule | None = None
    resolved: Resolved | None = None
    #: The ids of the plan's templates (expanded away before the model is built).
    templates: frozenset[str] = frozenset()
    #: What several checks of a stage compute alike, kept by the first (see `memo`).
    shared: dict[str, object] = field(default_factory=dict)

    def memo(self, key: str, make: Callable[[], V]) -> V:
        """``make()``, computed once per context under ``key``."""
        if key not in self.shared:
            self.shared[key] = make()
        return self.shared[key]  # type: ignore[return-value]


CheckFn = Callable[[Context], Iterable[Diagnostic]]


@dataclass(frozen=True)
class Code:
    """One code of the catalogue: what it means and how to fix it."""

    code: str
    severity: Severity
    title: str
    explanation: str
    stage: Stage


#: Every code, by code. Filled by the decorators as the check modules are imported.
CODES: dict[str, Code] = {}
#: The check functions of each stage, in registration order.
CHECKS: dict[Stage, list[CheckFn]] = {s: [] for s in Stage}
#: Codes each check function may emit (the registry's own consistency test reads it).
EMITS: dict[CheckFn, tuple[str, ...]] = {}

F = TypeVar("F", bound=CheckFn)
T = TypeVar("T", bound=type)


def _define(code_id: str, title: str, doc: str | None, stage: Stage) -> None:
    if code_id in CODES:
        raise ValueError(f"code {code_id} is documented twice")
    if not doc:
        raise ValueError(f"code {code_id} has no explanation (a docstring)")
    sev = Severity.WARNING if code_id.startswith("W") else Severity.ERROR
    CODES[code_id] = Code(code_id, sev, title, " ".join(inspect.cleandoc(doc).split()), stage)


def check(code_id: str, title: str | None = None, *, stage: Stage = Stage.PLAN,
          also: tuple[str, ...] = ()) -> Callable[[F], F]:
    """Register a check function for ``stage`` that finds ``code_id`` (and ``also``).

    With a ``title`` the function's docstring documents the code; without, the code is
    documented by another check."""

    def register(fn: F) -> F:
        if title is not None:
            _define(code_id, title, fn.__doc__, stage)
        CHECKS[stage].append(fn)
        EMITS[fn] = (code_id, *also)
        return fn

    return register


def code(code_id: str, title: str, *, stage: Stage = Stage.LOADER) -> Callable[[T], T]:
    """Document a code found outside the check functions; the class docstring explains it."""

    def register(cls: T) -> T:
        _define(code_id, title, cls.__doc__, stage)
        return cls

    return register


def run_stage(stage: Stage, ctx: Context) -> list[Diagnostic]:
    """Every check of ``stage`` on ``ctx``, in registration order."""
    out: list[Diagnostic] = []
    for fn in CHECKS[stage]:
        out.extend(fn(ctx))
    return out


# -- selecting codes (validate --select / --ignore) -------------------------------------------


class UnknownCode(ValueError):
    """A code (or code prefix) that names no code of the catalogue."""


def parse_codes(text: str) -> tuple[str, ...]:
    """``"E06, w001"`` -> ``("E06", "W001")``: comma-separated codes or code prefixes.

    A prefix selects every code that starts with it (``E06`` = E060-E069, ``W`` = every
    warning). Raises `UnknownCode` (with a did-you-mean) for one that matches no code."""
    out: list[str] = []
    for raw in text.split(","):
        c = raw.strip().upper()
        if not c:
            continue
        if not any(k.startswith(c) for k in CODES):
            hint = did_you_mean(c, sorted(CODES))
            raise UnknownCode(f"unknown code '{raw.strip()}'"
                              + (f" ({hint})" if hint else "")
                              + "; run 'hsso-plan explain' for the list")
        out.append(c)
    if not out:
        raise UnknownCode("no code given; list codes such as E020 or prefixes such as E06")
    return tuple(out)


@dataclass(frozen=True)
class Selection:
    """Which codes to report: those matching ``select`` (None: all), minus ``ignore``."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = field(default_factory=tuple)

    def keeps(self, code_id: str) -> bool:
        if self.select is not None and not code_id.startswith(self.select):
            return False
        return not (self.ignore and code_id.startswith(self.ignore))
