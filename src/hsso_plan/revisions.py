"""Plans at git revisions: ``REV:PATH`` for `hsso-plan diff`.

``REV:PATH`` is read from the git repository that contains the current directory, as
``git show REV:PATH`` reads it: PATH from the repository's top, or from the current
directory when it starts with ``./`` or ``../``. The plan's folder at that revision is
materialised into a temporary folder with ``git archive``, so its includes resolve at the
same revision. Problems are `RevisionError` (a usage error), never a traceback.
"""

from __future__ import annotations

import io
import posixpath
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .app import Outcome
    from .scheduling import Options

#: The most a plan's folder at a revision may hold, unpacked.
MAX_ARCHIVE_BYTES = 512 * 1024 * 1024


class RevisionError(ValueError):
    """``REV:PATH`` cannot be read (no repository, unknown revision, no such file)."""


def is_revision(spec: str, cwd: Path) -> bool:
    """Whether ``spec`` names a file at a revision rather than a file on disk."""
    rev, sep, path = spec.partition(":")
    return bool(sep and rev and path) and not (cwd / spec).exists() and len(rev) > 1


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        p = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False,
                           timeout=120)
    except FileNotFoundError:
        raise RevisionError("git is not installed; REV:PATH needs git") from None
    except subprocess.TimeoutExpired:
        raise RevisionError(f"git {args[0]} took too long") from None
    if p.returncode != 0:
        msg = p.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(msg[-1] if msg else f"git {args[0]} failed")
    return p.stdout


def _repo_path(spec: str, cwd: Path) -> tuple[str, str, Path]:
    """(revision, path in the repository, repository top) of ``spec``."""
    rev, _, path = spec.partition(":")
    try:
        top = Path(_git(["rev-parse", "--show-toplevel"], cwd).decode().strip())
    except RevisionError:
        raise RevisionError(f"{spec}: the current folder is not in a git repository "
                            "(REV:PATH reads a file at a git revision)") from None
    if path.startswith(("./", "../")):
        prefix = _git(["rev-parse", "--show-prefix"], cwd).decode().strip()
        path = posixpath.normpath(posixpath.join(prefix, path))
        if path.startswith(".."):
            raise RevisionError(f"{spec}: the path is outside the repository")
    try:
        kind = _git(["cat-file", "-t", f"{rev}:{path}"], top).decode().strip()
    except RevisionError:
        try:
            _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top)
        except RevisionError:
            raise RevisionError(f"{spec}: unknown revision '{rev}'") from None
        raise RevisionError(f"{spec}: no file '{path}' at revision '{rev}'") from None
    if kind != "blob":
        raise RevisionError(f"{spec}: '{path}' is a folder at revision '{rev}', not a plan "
                            "file")
    return rev, path, top


@contextmanager
def materialise(spec: str, cwd: Path) -> Iterator[Path]:
    """The plan file of ``spec`` in a temporary copy of its folder at that revision."""
    rev, path, top = _repo_path(spec, cwd)
    folder = posixpath.dirname(path)
    data = _git(["archive", "--format=tar", rev, *(["--", folder] if folder else [])], top)
    with tempfile.TemporaryDirectory(prefix="hsso-plan-rev-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            members = [m for m in tar.getmembers() if m.isfile() or m.isdir()]
            if sum(m.size for m in members) > MAX_ARCHIVE_BYTES:
                raise RevisionError(f"{spec}: the plan's folder at '{rev}' is too large")
            tar.extractall(tmp, members=members, filter="data")
        yield Path(tmp) / path


def run_spec(spec: str, cwd: Path, options: Options | None = None) -> Outcome:
    """Load, check and schedule the plan ``spec`` names: a file, or ``REV:PATH``."""
    from .app import run

    p = cwd / spec
    if p.is_file():
        return run(p, spec, options=options)
    if p.exists():
        raise RevisionError(f"{spec}: is a folder, not a plan file")
    if not is_revision(spec, cwd):
        raise RevisionError(f"{spec}: no such file (for a file at a git revision, write "
                            "REV:PATH, e.g. HEAD~1:plans/hsso-2017.toml)")
    with materialise(spec, cwd) as path:
        return run(path, spec, options=options)
