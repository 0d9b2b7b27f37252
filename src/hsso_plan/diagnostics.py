"""Diagnostics: what `validate` reports, as plain values.

A diagnostic names a problem by a stable code (``E020``), says what is wrong in a sentence a
planner can act on, and points at the plan through a *key path* such as
``("task", "email", "depends", 1)``. Positions (line, column) are attached later by the
loader's source map, only when there is something to report. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

KeyPath = tuple[str | int, ...]


class Severity(StrEnum):
    """How bad a problem is: errors fail the run (exit 1), warnings do not."""

    ERROR = "error"
    WARNING = "warning"


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


class Suggester:
    """Did-you-mean over one pool of candidates, indexed once, each word answered once.

    A hint looks only at the candidates sharing the word's rarest trigrams (a bounded number
    of index entries per word) and picks the best by `difflib` ratio (at least 0.75), so a
    plan with thousands of misspelt references stays near-linear.
    """

    _BUDGET = 600  # index entries visited per word
    _SHORTLIST = 12  # candidates compared by difflib per word

    def __init__(self, candidates: Iterable[str]) -> None:
        self.pool = list(dict.fromkeys(candidates))
        self.lower = {c.lower(): c for c in reversed(self.pool)}
        self.grams: dict[str, list[int]] = {}
        for k, c in enumerate(self.pool):
            for g in _trigrams(c):
                self.grams.setdefault(g, []).append(k)
        self.cache: dict[str, str | None] = {}

    def best(self, word: str) -> str | None:
        """The closest candidate to ``word``, or None."""
        if word not in self.cache:
            self.cache[word] = self._best(word)
        return self.cache[word]

    def hint(self, word: str) -> str | None:
        best = self.best(word)
        return f"did you mean '{best}'?" if best is not None else None

    def _best(self, word: str) -> str | None:
        import difflib

        if word.lower() in self.lower:
            return self.lower[word.lower()]
        counts: dict[int, int] = {}
        budget = self._BUDGET
        for g in sorted(_trigrams(word), key=lambda g: (len(self.grams.get(g, ())), g)):
            posting = self.grams.get(g, ())
            for k in posting[:budget]:
                counts[k] = counts.get(k, 0) + 1
            budget -= len(posting)
            if budget <= 0:
                break
        shortlist = sorted(counts, key=lambda k: (-counts[k], k))[:self._SHORTLIST]
        m = difflib.SequenceMatcher(b=word)
        best, score = None, 0.75
        for k in shortlist:
            m.set_seq1(self.pool[k])
            if m.real_quick_ratio() >= score and m.quick_ratio() >= score:
                r = m.ratio()
                if r > score or (r == score and best is None):
                    best, score = self.pool[k], r
        return best


def _trigrams(word: str) -> set[str]:
    w = f"  {word.lower()} "
    return {w[i:i + 3] for i in range(len(w) - 2)}


_SUGGESTERS: dict[tuple[str, ...], Suggester] = {}


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A ``did you mean 'x'?`` hint for a misspelt id or key, or None.

    The pool's index is kept (a few pools at a time), so calling this once per problem with
    the same candidates costs one index build; a caller with a very large pool may keep a
    `Suggester` itself.

    >>> did_you_mean("ad-synch", ["ad-sync", "email"])
    "did you mean 'ad-sync'?"
    """
    key = tuple(candidates)
    s = _SUGGESTERS.get(key)
    if s is None:
        if len(_SUGGESTERS) >= 8:
            _SUGGESTERS.pop(next(iter(_SUGGESTERS)))
        s = _SUGGESTERS[key] = Suggester(key)
    return s.hint(word)
