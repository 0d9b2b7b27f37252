"""The main file and the files it includes, merged into one raw plan.

A `Loader` walks the includes depth first (each file's own entries, then the files it
includes), recording where every entry was written so that a problem is located in the
file that holds it. Files may add entries to the entry tables; ids stay unique across
files, and the other top-level tables live in one file only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, KeyPath, Related
from ..textsafe import one_line
from .loaded import LoadedPlan, Origin
from .read import read_file
from .tables import ENTRY_TABLES, KIND

_INCLUDE_HINT = "check the include path (it is relative to the including file)"
#: How deep includes may nest (a file including a file including ...).
MAX_INCLUDE_DEPTH = 50


class Loader:
    """Reads a plan's files into ``plan.files`` and merges their tables into ``merged``.

    Problems of reading a file go to ``plan.diagnostics`` at once; problems of merging
    (duplicates, bad includes) collect in ``diagnostics``, to be added after them.
    """

    def __init__(self, plan: LoadedPlan) -> None:
        self.plan = plan
        self.merged: dict[str, Any] = {}
        self.diagnostics: list[Diagnostic] = []
        self._root = plan.path.resolve().parent
        self._seen: set[Path] = {plan.path.resolve()}

    def load(self) -> dict[str, Any] | None:
        """Read the main file and everything it includes; None if the main file is unreadable."""
        raw = self._read(self.plan.path, self.plan.display)
        if raw is None:
            return None
        self._add(raw, 0, self.plan.path, self.plan.display, 0)
        return self.merged

    def _read(self, path: Path, display: str,
              where: tuple[int, KeyPath] | None = None) -> dict[str, Any] | None:
        """Read one file into the plan's files; its raw TOML, or None (with a diagnostic)."""
        got = read_file(path, display)
        if got.file is not None:
            self.plan.files.append(got.file)
        d = got.problem
        if d is not None:
            if where is not None and d.code == "E003":  # point at the include line instead
                d = Diagnostic(d.code, d.message, path=where[1], hint=_INCLUDE_HINT) \
                    .located_in(where[0])
            self.plan.diagnostics.add(d)
        return got.raw

    def _add(self, raw: dict[str, Any], fi: int, path: Path, display: str,
             depth: int) -> None:
        """Merge file ``fi``'s tables, then the files it includes (depth first)."""
        self._merge(raw, fi)
        inc = raw.get("include")
        if inc is None:
            return
        if not isinstance(inc, list) or not all(isinstance(x, str) for x in inc):
            self.diagnostics.append(Diagnostic(
                "E011", "'include' must be a list of file paths", path=("include",),
                hint='include = ["sites.toml"]').located_in(fi))
            return
        if inc and depth >= MAX_INCLUDE_DEPTH:
            self.diagnostics.append(Diagnostic(
                "E004", f"includes nest more than {MAX_INCLUDE_DEPTH} files deep",
                path=("include", 0), hint="include the files from the main plan file "
                "instead of each from the one before").located_in(fi))
            return
        for k, rel in enumerate(inc):
            self._include(rel, (fi, ("include", k)), path, display, depth + 1)

    def _include(self, rel: str, where: tuple[int, KeyPath], path: Path, display: str,
                 depth: int) -> None:
        """Follow one include written at ``where`` (file index, key path) of ``path``."""
        problem = None
        try:
            if "\0" in rel:
                raise ValueError("it contains a NUL character")
            target = (path.parent / rel).resolve()
        except (OSError, RuntimeError, ValueError) as e:
            why = "it is a symbolic link loop" if isinstance(e, RuntimeError) or \
                getattr(e, "errno", None) == 40 else (getattr(e, "strerror", None) or str(e))
            self.diagnostics.append(Diagnostic(
                "E003", f"cannot read include '{one_line(rel)}': {why}", path=where[1],
                hint=_INCLUDE_HINT).located_in(where[0]))
            return
        shown_rel = one_line(rel)
        if not target.is_relative_to(self._root):
            problem = Diagnostic("E004", f"include '{shown_rel}' is outside the plan's folder",
                                 path=where[1],
                                 hint="keep included files in the plan's folder or below it")
        elif target in self._seen:
            problem = Diagnostic("E004", f"'{shown_rel}' is included more than once (or includes "
                                 "itself)", path=where[1], hint="include each file once")
        if problem is not None:
            self.diagnostics.append(problem.located_in(where[0]))
            return
        self._seen.add(target)
        shown = str(Path(display).parent / rel) if display else rel
        sub = self._read(target, shown, where)
        if sub is not None:
            self._add(sub, len(self.plan.files) - 1, target, shown, depth)

    def _merge(self, raw: dict[str, Any], fi: int) -> None:
        merged, origin = self.merged, self.plan.origin
        for key, value in raw.items():
            if key == "include":
                continue
            if key in ENTRY_TABLES and isinstance(value, dict):
                target = merged.setdefault(key, {})
                if not isinstance(target, dict):
                    continue
                origin.setdefault((key, ""), Origin(fi, (key,)))
                if fi == 0:  # the main file comes first: its entries need no origin records
                    target.update(value)
                    continue
                for ident, entry in value.items():
                    if ident in target:
                        self.diagnostics.append(Diagnostic(
                            "E015", f"{KIND.get(key, key)} '{ident}' is defined twice",
                            path=(key, ident), hint="ids must be unique across the plan's files",
                            related=(Related((key, ident), "first defined here"),),
                        ).located_in(fi))
                        continue
                    target[ident] = entry
                    origin[(key, ident)] = Origin(fi, (key, ident))
            elif key == "project" and fi and _status_only(value, merged.get(key)):
                # A weekly status file may set the status date of the main file's project.
                merged[key] = {**merged[key], **value}
                for k in value:
                    origin[(key, k)] = Origin(fi, (key, k))
            elif key in merged:
                self.diagnostics.append(Diagnostic(
                    "E015", f"[{key}] is defined in more than one file", path=(key,),
                    hint=f"keep [{key}] in one file (the main plan file)").located_in(fi))
            else:
                merged[key] = value
                origin[(key, "")] = Origin(fi, (key,))


def _status_only(value: Any, main: Any) -> bool:
    """An included ``[project]`` that only adds ``status_date`` to the main one."""
    return isinstance(value, dict) and isinstance(main, dict) and set(value) == {"status_date"} \
        and "status_date" not in main

