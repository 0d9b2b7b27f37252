"""A plan as read: its files, where each entry was written, and how to locate a problem."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from ..diagnostics import Diagnostic, Diagnostics, KeyPath
from ..model import Plan
from .locate import SourceMap


class Origin(NamedTuple):
    """Where an entry was written: file index, key path there, and the site if expanded."""

    file: int
    path: KeyPath
    site: str | None = None
    template: str | None = None


@dataclass
class SourceFile:
    """One file of a plan: the main file or one it includes."""

    path: Path
    display: str
    text: str

    @cached_property
    def source_map(self) -> SourceMap:
        return SourceMap(self.text)


@dataclass
class LoadedPlan:
    """A plan as read: its files, the plan model, and what was wrong with it."""

    path: Path
    display: str
    files: list[SourceFile] = field(default_factory=list)
    plan: Plan | None = None
    #: Entries with shape errors whose scheduling values had to be replaced (or that could
    #: not be read at all), per section.
    broken: dict[str, set[str]] = field(default_factory=dict)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    #: (section, id) -> where the entry was written; top-level keys under (key, "").
    origin: dict[tuple[str, str], Origin] = field(default_factory=dict)
    #: (section, id, key) -> where an ``[amend.ID]`` table changed that key of the entry.
    amended: dict[tuple[str, str, str], Origin] = field(default_factory=dict)
    #: Ids of the plan's templates (they are expanded away before validation).
    templates: frozenset[str] = frozenset()
    _site_templates: dict[str, str] | None = field(default=None, repr=False, compare=False)
    _origins_seen: int = field(default=0, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.files[0].text if self.files else ""

    def _where(self, path: KeyPath, file_index: int | None,
               site: str | None) -> tuple[SourceFile, KeyPath, str | None]:
        if file_index is not None:
            return self.files[file_index], path, site
        org: Origin | None = None
        if len(path) >= 3 and self.amended:
            org = self.amended.get((str(path[0]), str(path[1]), str(path[2])))
            if org is not None:
                return self.files[org.file], (*org.path, *path[2:]), org.site
        if len(path) >= 2:
            org = self.origin.get((str(path[0]), str(path[1])))
            if org is not None:
                return self.files[org.file], (*org.path, *path[2:]), org.site
        if path:
            org = self.origin.get((str(path[0]), ""))
            if org is not None:
                return self.files[org.file], path, None
        return self.files[0], path, None

    def _templates(self, site: str) -> str | None:
        """The template site ``site`` was made from (one pass over the origins, kept)."""
        if self._site_templates is None or len(self.origin) != self._origins_seen:
            self._site_templates = {}
            for o in self.origin.values():
                if o.site is not None and o.template:
                    self._site_templates.setdefault(o.site, o.template)
            self._origins_seen = len(self.origin)
        return self._site_templates.get(site)

    def locate(self, d: Diagnostic) -> Diagnostic:
        """Attach the position of the diagnostic's key path (and of its notes)."""
        if d.line is not None or not self.files:
            return d
        f, path, site = self._where(d.path, d.file_index, d.site)
        pos = f.source_map.locate(path)
        related = []
        for r in d.related:
            if r.line is not None:
                related.append(r)
                continue
            rf, rpath, _ = self._where(r.path, None, None)
            rp = rf.source_map.locate(rpath)
            related.append(replace(r, file=rf.display, line=rp.line, column=rp.column))
        message = d.message
        if site is not None:
            tname = self._templates(site)
            message += f" (in site '{site}'" + (f", template '{tname}')" if tname else ")")
        return replace(d.at(f.display, pos.line, pos.column), related=tuple(related),
                       message=message)
