"""Diagnostics: what `validate` reports, as plain values.

A diagnostic names a problem by a stable code (``E020``), says what is wrong in a sentence a
planner can act on, and points at the plan through a *key path* such as
``("task", "email", "depends", 1)``. Positions (line, column) are attached later by the
loader's source map, only when there is something to report. Nothing here prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

KeyPath = tuple[str | int, ...]


class Severity(StrEnum):
    """How bad a problem is: errors fail the run (exit 1), warnings do not."""

    ERROR = "error"
    WARNING = "warning"


def __getattr__(name: str) -> object:
    """``CODES`` lives in the check registry (`hsso_plan.checks.CODES`); kept importable
    from here for callers written before it moved."""
    if name == "CODES":
        from .checks import CODES

        return CODES
    raise AttributeError(name)


@dataclass(frozen=True)
class Related:
    """A secondary location that explains a diagnostic (one edge of a cycle, say)."""

    path: KeyPath
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in a plan."""

    code: str
    message: str
    path: KeyPath = ()
    hint: str | None = None
    related: tuple[Related, ...] = ()
    file: str | None = None
    line: int | None = None
    column: int | None = None
    #: Set when ``path`` is already a key path in a known file (index into the plan's files)
    #: rather than a path of the merged plan; and the site a template entry was made for.
    file_index: int | None = None
    site: str | None = None

    @property
    def severity(self) -> Severity:
        """Warnings are the W codes; every other code is an error."""
        return Severity.WARNING if self.code.startswith("W") else Severity.ERROR

    def at(self, file: str, line: int, column: int) -> Diagnostic:
        """Return a copy located at ``file:line:column``."""
        return replace(self, file=file, line=line, column=column)

    def located_in(self, file_index: int, site: str | None = None) -> Diagnostic:
        """Return a copy whose path is a key path of file ``file_index`` of the plan."""
        return replace(self, file_index=file_index, site=site)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file or "", self.line or 0, self.column or 0, self.code, self.message)


@dataclass
class Diagnostics:
    """An ordered collection of diagnostics; ``ok`` is derived, never stored."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, d: Diagnostic) -> None:
        self.items.append(d)

    def extend(self, ds: list[Diagnostic] | Diagnostics) -> None:
        self.items.extend(ds.items if isinstance(ds, Diagnostics) else ds)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.items, key=Diagnostic.sort_key)


def did_you_mean(word: str, candidates: list[str] | set[str] | dict[str, object]) -> str | None:
    """A ``did you mean 'x'?`` hint for a misspelt id or key, or None.

    >>> did_you_mean("ad-synch", ["ad-sync", "email"])
    "did you mean 'ad-sync'?"
    """
    import difflib

    pool = list(candidates)
    lower = {c.lower(): c for c in pool}
    if word.lower() in lower:
        return f"did you mean '{lower[word.lower()]}'?"
    best = difflib.get_close_matches(word, pool, n=1, cutoff=0.75)
    return f"did you mean '{best[0]}'?" if best else None
